"""The native affix matcher (lexloom.tokenizer_native / csrc/lexloom/affix_rules) answers
exactly as Python's `re` does, and the native chunk split equals the regex one, on every
language's rules that lexloom ships and on random and adversarial strings."""
from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lexloom
from lexloom.tokenizer_native import compile_rule, native_splitter, rule_source
from lexloom.util import get_lang_class

LANG_DIR = Path(lexloom.__file__).parent / "lang"
LANGS = sorted(p.name for p in LANG_DIR.iterdir() if (p / "__init__.py").exists())

# Characters the rules care about: ASCII punctuation and digits, letters of several scripts,
# quotes, dashes, currency, units, emoji, a newline, a lone surrogate.
ALPHABET = ("aAbzZ019.,;:!?'\"()[]{}<>-+*/\\=%$€£°&@#_~^|`…–—‘’“”«»¿¡ºª·\n\t"
            "éÉßçñøœæ" "αΩжЖ" "אבع" "中日한" "क्" "ทไ" "ー" "😀👍🏽" "\ud800" "²³½" "ｋｍ")
WORDS = ["http://example.com/a?b=1", "www.spacy.io", "user@mail.com", "U.S.A.", "e.g.",
         "10km", "5$", "$5", "20°C.", "don't", "can't", "(hello)", "well-known", "a/b",
         "1-2", "end.Next", "...", "…", ":-)", "<3", "'s", "I'm", "co-operate", "10:30pm",
         "2+2=4", "--", "Mr.", "l'homme", "aujourd'hui", "C++", "#tag", "x" * 300,
         "a." * 200, "http://" + "a." * 400 + "com"]


@functools.lru_cache(maxsize=None)
def splitter_of(lang: str):
    return get_lang_class(lang).Defaults.make_splitter()


def rules_of(lang: str) -> dict:
    sp = splitter_of(lang)
    return {"prefix_search": sp.prefix_search, "suffix_search": sp.suffix_search,
            "infix_finditer": sp.infix_finditer, "token_match": sp.token_match,
            "url_match": sp.url_match}


def ref_split(sp, chunk: str) -> list:
    """AffixSplitter.split with Python's re and the Python phrase pass."""
    special = sp.specials.get(chunk)
    tokens = list(special) if special is not None else sp._split_chunk_re(chunk, True)
    if sp._phrase_index:
        tokens = sp._phrase_pass(tokens)
    return tokens


def _strings(seed: int, n: int) -> list[str]:
    import random
    rng = random.Random(seed)
    out = list(WORDS) + [""]
    for _ in range(n):
        k = rng.choice([1, 2, 3, 5, 8, 13])
        out.append("".join(rng.choice(ALPHABET) for _ in range(k)))
        out.append(rng.choice(WORDS) + rng.choice(ALPHABET) + rng.choice(WORDS)[:4])
    return out


def re_answer(fn, text: str):
    if fn.__name__ == "finditer" or getattr(fn, "_is_finditer", False):
        return [m.span() for m in fn(text)]
    m = fn(text)
    return m.span() if m is not None else None


def native_answer(rule, method: str, text: str):
    if method == "finditer":
        return rule.finditer(text)
    if method == "search":
        return rule.search(text)
    return rule.match(text, full=method == "fullmatch")


@pytest.mark.parametrize("lang", LANGS)
def test_language_rules_native_equal_re(lang):
    """Every rule of every language that compiles natively answers as re does."""
    strings = _strings(hash(lang) & 0xFFFF, 150)
    for field, fn in rules_of(lang).items():
        if fn is None:
            continue
        source = rule_source(fn, field)
        if source is None:
            continue
        pattern, flags, method = source
        rule = compile_rule(pattern, flags)
        if rule is None:
            continue  # stays on re
        compiled = re.compile(pattern, flags)
        for text in strings:
            expected = re_answer(getattr(compiled, method), text)
            assert native_answer(rule, method, text) == expected, (lang, field, text)


@pytest.mark.parametrize("lang", LANGS)
def test_language_native_split_equals_re_split(lang):
    sp = splitter_of(lang)
    if sp.native is None:
        pytest.skip(f"{lang}: a rule stays on re")
    for text in _strings(hash(lang) & 0xFFF, 200) + list(sp.specials)[:300]:
        assert sp.split(text) == ref_split(sp, text), (lang, text)
        for with_specials in (True, False):
            assert (sp._split_chunk(text, with_specials)
                    == sp._split_chunk_re(text, with_specials)), (lang, text)


PHRASEY = ["lol:)", "(:", ":-)", "'s'", "''", "(*_*)", "a.m.", "10a.m.", "He's:)", "o.O",
           "8-)", "<3", "=)", ":((", "'cause", "'Cause'", "Dr.:)", "\'\'\'", "(-:", "^_^"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PHRASEY + ["a", "(", ")", ".", ":", "'", "x"]), max_size=5))
def test_english_phrase_pass_random(parts):
    sp = splitter_of("en")
    chunk = "".join(parts)
    assert sp.split(chunk) == ref_split(sp, chunk)


def test_most_languages_are_native():
    native = [lang for lang in LANGS if splitter_of(lang).native is not None]
    assert "en" in native and "de" in native and "es" in native
    assert len(native) >= len(LANGS) // 2, native


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=24))
def test_english_split_random(text):
    sp = splitter_of("en")
    assert sp.split(text) == ref_split(sp, text)
    assert sp._split_chunk(text, True) == sp._split_chunk_re(text, True)
    assert sp._split_chunk(text, False) == sp._split_chunk_re(text, False)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["de", "es", "it", "nl", "pt", "ru", "hi", "ar", "ca"]),
       st.text(alphabet=st.sampled_from(ALPHABET), max_size=16))
def test_other_languages_split_random(lang, text):
    sp = splitter_of(lang)
    if sp.native is not None:
        assert sp._split_chunk(text, True) == sp._split_chunk_re(text, True)


PATTERNS = [
    r"a+b", r"a+?b", r"(?:ab|a)c", r"(?:a|ab)(?:c|bcd)", r"x*$", r"\d{2,4}", r"\d{2,4}?5",
    r"(?<=[0-9])\.", r"(?<![a-z])-", r"(?=[A-Z])\w+", r"(?![a-z])\w", r"\bfoo\b", r"\Bo\B",
    r"$", r"^$", r"a$", r"\Z", r"\A\w", r".", r"[^a-c]+", r"\S+@\S+", r"(?:[a-z]\.)+[a-z]{2,3}",
    r"(?:ab)+?c", r"(?:a|b)*c", r"[\w.+-]{2,}://", r"(?s).", r"\s*x", r"(?:x{2}){2,3}",
    r"(?<=[a-z]{2})x", r"(a)(?:b(c))?", r"'s$|'S$|\.\.+$|…$", r"(?<=°[FfCcKk])\.",
    # empty matches, with re's finditer rules for them (Catalan's elision infix is one)
    r"(?=b)|b", r"x*", r"(?<=a)(?=b)", r"(?<=[a-z]')(?=[a-z0-9])", r"a?", r"(?:ab)*?", r"\b",
    r"(?<=[a-z])(?=[A-Z])|-",
    # end-anchored with unbounded alternatives: searches start in the run that ends the text
    r"\.\.+$|'s$|x$", r"(?<=[0-9])\.+$|\)$", r"(?:a|b)+$|cc$", r"[a.]*x$|\.$", r"(?:\.\.+|:)$",
    r"\.+\Z|s$", r".+$", r"(?s).*$|a$",
]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(PATTERNS), st.text(alphabet=st.sampled_from("abcxfo5.-_'sS…°C09Z \n@:/é"),
                                          max_size=14))
def test_patterns_random(pattern, text):
    rule = compile_rule(pattern)
    assert rule is not None, pattern
    compiled = re.compile(pattern)
    for method in ("match", "search", "fullmatch"):
        assert native_answer(rule, method, text) == re_answer(getattr(compiled, method), text), \
            (pattern, method, text)
    assert rule.finditer(text) == [m.span() for m in compiled.finditer(text)], (pattern, text)


def test_english_split_of_long_affix_runs_equals_re_split():
    """Runs of prefixes or suffixes (what made every later suffix search scan the whole
    chunk again) split as re splits them."""
    sp = splitter_of("en")
    assert sp.native is not None
    for text in ["(" * 300, '"' * 301, "." * 300, "a" + "." * 300, ")" * 200 + "!" * 100,
                 "(" * 150 + "word" + ")" * 150, "'" * 257, "5" + "." * 40 + "km",
                 "(" * 100 + "..." + '"' * 100]:
        assert sp._split_chunk(text, True) == sp._split_chunk_re(text, True), text[:20]


@pytest.mark.parametrize("pattern", [r"(?i)a", r"(a)\1", r"(?>a+)", r"a*+", r"(?m)^a",
                                     r"(?:a?)*", r"(?a)\w", r"(?i:x)y", r"(?ui)a|b"])
def test_unsupported_patterns_stay_on_re(pattern):
    assert compile_rule(pattern) is None


def test_finditer_of_possibly_empty_infix_is_native_and_cuts_as_re():
    """A zero-width infix (Catalan's elision: l'home -> l' home) only cuts, natively as
    with re; after an empty match, the next may start at the same place only if it consumes
    something (re's rule since Python 3.7)."""
    infix = re.compile(r"(?<=[a-z])(?=[A-Z])|(?=-)|-").finditer
    splitter = native_splitter({"infix_finditer": infix})
    assert splitter is not None
    rule = compile_rule(infix.__self__.pattern)
    for text in ("aB", "a-b", "abCdE-f", "-", "a--B", ""):
        assert rule.finditer(text) == [m.span() for m in infix(text)], text
    sp = splitter_of("ca")
    assert sp.native is not None
    for text in ("l'home", "d'aquí", "L'Anna", "l'1", "dóna-m'ho", "s'n'anà", "'l", "l''a"):
        assert sp._split_chunk(text, True) == sp._split_chunk_re(text, True), text
    assert [t.text for t in lexloom.blank("ca")("L'home d'aquí")] == ["L'", "home", "d'", "aquí"]


def test_custom_callable_stays_on_re():
    assert native_splitter({"prefix_search": lambda s: None}) is None
    assert native_splitter({"prefix_search": re.compile(b"x").search}) is None


def test_bad_input_does_not_crash():
    sp = splitter_of("en")
    for text in ["", "\ud800", "\udfff.", "a\ud800b", "x" * 20_000, "a." * 5_000,
                 "(" * 3_000 + "a" + ")" * 3_000, "http://" + "a." * 5_000 + "com"]:
        assert sp._split_chunk(text, True) == sp._split_chunk_re(text, True)
    url = compile_rule(rule_source(rules_of("en")["url_match"], "url_match")[0])
    assert url.match("") is None


def test_deep_match_falls_back_to_re():
    rule = compile_rule(r"(?:ab)+c")
    with pytest.raises(RuntimeError):
        rule.match("ab" * 100_000 + "c")
    assert rule.match("ab" * 100 + "c") == (0, 201)
    sp = lexloom.tokenizer_split.AffixSplitter(
        infix_finditer=re.compile(r"(?:ab)+c").finditer)
    assert sp.native is not None
    text = "x" + "ab" * 100_000 + "c"
    assert sp._split_chunk(text, True) == sp._split_chunk_re(text, True) == [("x", None),
                                                                             (text[1:], None)]


def test_tokenizer_native_equals_re_path():
    """Whole texts through the Tokenizer: with and without the native splitter."""
    nlp = lexloom.blank("en")
    texts = [" ".join(_strings(seed, 40)) for seed in range(20)]
    texts += ["Hello (world)! It's 10km, e.g. http://x.com/a?b. lol:) :-) U.S.A.  \n x"]
    with_native = [[(t.text, t.norm_, t.whitespace_) for t in nlp.tokenizer(text)]
                   for text in texts]
    plain = lexloom.blank("en")
    plain.tokenizer.splitter._native = None
    plain.tokenizer._reset_cache()
    without = [[(t.text, t.norm_, t.whitespace_) for t in plain.tokenizer(text)]
               for text in texts]
    assert with_native == without


@pytest.mark.parametrize("lang", ["fr", "id", "ms"])
def test_token_match_left_to_re_keeps_the_rest_native(lang):
    """French's (case-insensitive) token_match doesn't compile; the chunks holding none of
    the characters its matches need (hyphens, apostrophes) still split natively, the
    others in Python, and every text tokenizes as with Python alone (the French tokenizer
    was all Python, slower than spaCy's)."""
    from lexloom.tokenizer_native import caseless_required, rule_source

    nlp = lexloom.blank(lang)
    pattern, flags, _ = rule_source(nlp.tokenizer.token_match, "token_match")
    guard = caseless_required(pattern, flags)
    assert guard and ord("-") in {c for lo, hi in guard for c in range(lo, hi + 1)}
    assert nlp.tokenizer.splitter.native is not None
    words = ["aujourd'hui", "L'HOMME", "c'est-à-dire", "Jean-Pierre", "va-t-il", "d’accord",
             "anti-inflammatoire", "Rendez-Vous", "anak-anak", "buku-buku", "Ta-ta,", "(l'été)",
             "«Bonjour!»", "—dit-elle.", "e-mail", "x-ray.", "qu'il", "U.S.A.", "10km", "!!"]
    texts = [" ".join(words)] + [" ".join(_strings(seed, 30)) for seed in range(10)]
    texts += [" ".join(w + p for w, p in zip(words, ".,!?-'’" * 3))]
    with_native = [[(t.text, t.norm_) for t in nlp.tokenizer(text)] for text in texts]
    plain = lexloom.blank(lang)
    plain.tokenizer.splitter._native = None
    plain.tokenizer._reset_cache()
    assert with_native == [[(t.text, t.norm_) for t in plain.tokenizer(text)]
                           for text in texts]


def test_a_token_match_left_to_re_is_asked_only_about_what_could_match():
    """With French's token_match on `re`, the native split goes on for chunks holding its
    characters and names the strings it would have asked token_match about; Python asks
    them, and only where one matches does the chunk go to the Python splitter."""
    splitter = lexloom.blank("fr").tokenizer.splitter
    native = splitter.native
    pieces, _, asks = native.split("l'homme", True, False)
    assert asks == [(0, 7)] and [(b, e) for b, e, _, _ in pieces] == [(0, 2), (2, 7)]
    assert native.split("homme.", True, False)[2] == []  # no apostrophe or hyphen: no asks
    # the bracket and comma come off first; token_match then matches what is left
    assert native.split("(Saint-Étienne,", True, False)[2] == [(0, 15), (1, 14)]
    calls = []
    python_split = splitter._split_chunk_re
    splitter._split_chunk_re = lambda *args: calls.append(args[0]) or python_split(*args)
    assert splitter.split("l'homme") == [("l'", None), ("homme", None)]
    assert calls == []
    assert [orth for orth, _ in splitter.split("(Saint-Étienne,")] == ["(", "Saint-Étienne", ","]
    assert calls == ["(Saint-Étienne,"]


def test_token_match_answers_for_asked_strings_are_remembered():
    splitter = lexloom.blank("fr").tokenizer.splitter
    real, asked = splitter.token_match, []

    def counting(string):
        asked.append(string)
        return real(string)

    splitter._token_match = counting   # as the setter would, without rebuilding the rules
    splitter._token_match_said = (counting, {})
    for chunk in ("l'homme,", "l'homme.", "(l'homme", "l'homme"):
        assert [orth for orth, _ in splitter.split(chunk)][:2] in (["l'", "homme"],
                                                                   ["(", "l'"])
    assert asked.count("l'homme") == 1 and asked.count("l'homme,") == 1


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("aAlLeéuJ'’-–.,\"«»()!t"), min_size=1, max_size=14))
def test_french_chunks_split_alike_with_token_match_asked_natively(chunk):
    native = french_splitters()[0]
    plain = french_splitters()[1]
    assert native.split(chunk) == plain.split(chunk)


@functools.lru_cache(maxsize=None)
def french_splitters():
    """A French splitter with its native splitter and one without."""
    native = lexloom.blank("fr").tokenizer.splitter
    plain = lexloom.blank("fr").tokenizer.splitter
    plain._native = None
    assert native.native is not None
    return native, plain


def test_special_cases_added_later_are_native():
    nlp = lexloom.blank("en")
    assert nlp.tokenizer.splitter.native is not None
    nlp.tokenizer.add_special_case("foo.bar", [{"ORTH": "foo"}, {"ORTH": ".bar", "NORM": "x"}])
    doc = nlp.tokenizer("(foo.bar)")
    assert [t.text for t in doc] == ["(", "foo", ".bar", ")"]
    assert doc[2].norm_ == "x"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab.:@/wht1-é"), max_size=12))
def test_new_lexemes_skip_url_email_getters_exactly(text):
    """A new lexeme skips like_url / like_email where the text lacks the characters they
    need; the flags still equal the getters' answers."""
    from lexloom.lang.lex_attrs import like_email, like_url
    if not text:
        return
    lex = lexloom.blank("en").vocab[text]
    assert lex.like_url == like_url(text)
    assert lex.like_email == like_email(text)
