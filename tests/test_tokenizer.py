"""The native tokenizer driver: whitespace handling, cache, invariants, bad input."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lexloom
from lexloom.errors import TextError, TokenizerError


@pytest.fixture(scope="module")
def nlp():
    return lexloom.blank("en")


def check_offsets(doc, text):
    assert doc.text == text
    pos = 0
    for token in doc:
        assert token.idx == pos
        assert text[pos:pos + len(token.text)] == token.text
        pos += len(token.text) + len(token.whitespace_)
    assert pos == len(text)


@pytest.mark.parametrize("text,expected", [
    ("hello world", ["hello", "world"]),
    ("hello  world", ["hello", " ", "world"]),
    (" leading", [" ", "leading"]),
    ("trailing ", ["trailing"]),
    ("trailing  ", ["trailing", " "]),
    ("tab\there", ["tab", "\t", "here"]),
    ("line\n\nbreak", ["line", "\n\n", "break"]),
    ("   ", ["   "]),
    ("\n", ["\n"]),
])
def test_whitespace_runs_become_tokens_single_spaces_become_flags(nlp, text, expected):
    doc = nlp(text)
    assert [t.text for t in doc] == expected
    check_offsets(doc, text)


def test_empty_text_gives_empty_doc(nlp):
    doc = nlp("")
    assert len(doc) == 0 and doc.text == "" and doc.ents == ()


def test_special_case_sets_token_norm(nlp):
    doc = nlp("I don't know")
    assert [t.text for t in doc] == ["I", "do", "n't", "know"]
    assert doc[2].norm_ == "not"
    assert doc[3].norm_ == "know"


def test_cache_gives_same_result_on_repeat(nlp):
    text = "Repeat (this), repeat (this)! e-mail: ada@example.com"
    first = [t.text for t in nlp(text)]
    assert [t.text for t in nlp(text)] == first


def test_add_special_case_clears_cache_and_applies():
    nlp = lexloom.blank("en")
    assert [t.text for t in nlp("gimme that")] == ["gimme", "that"]
    nlp.tokenizer.add_special_case("gimme", [{"ORTH": "gim"}, {"ORTH": "me"}])
    assert [t.text for t in nlp("gimme that")] == ["gim", "me", "that"]


def test_add_special_case_that_does_not_match_text_raises():
    nlp = lexloom.blank("en")
    with pytest.raises(TokenizerError):
        nlp.tokenizer.add_special_case("gimme", [{"ORTH": "give"}, {"ORTH": "me"}])


def test_explain_matches_tokens(nlp):
    text = "(Hello), I can't pay $5.00 at https://example.com/x!"
    explained = nlp.tokenizer.explain(text)
    assert [piece for _, piece in explained] == [t.text for t in nlp(text)]
    assert ("URL_MATCH", "https://example.com/x") in explained


def test_pipe_yields_docs_in_order(nlp):
    texts = ["one", "two words", "", "three more words"]
    assert [d.text for d in nlp.tokenizer.pipe(texts)] == texts
    assert [d.text for d in nlp.pipe(texts)] == texts


def test_same_chunk_in_wide_and_narrow_strings_tokenizes_alike(nlp):
    # "café" makes the second string UCS-2/4 internally; the cache must not confuse them.
    assert [t.text for t in nlp("don't stop")] == [t.text for t in nlp("don't stop 😀")][:3]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_doc_text_equals_input_for_any_text(text):
    nlp = _shared()
    check_offsets(nlp(text), text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b.", "(c)", "U.S.", "don't", " ", "  ", "\n", "-",
                                 "$", "3.5", "x@y.z", "😀", "\u200b", "\x00", "\u0301", "’s"]),
                max_size=40))
def test_doc_text_equals_input_for_tricky_pieces(pieces):
    text = "".join(pieces)
    check_offsets(_shared()(text), text)


_NLP = None


def _shared():
    global _NLP
    if _NLP is None:
        _NLP = lexloom.blank("en")
    return _NLP


@pytest.mark.parametrize("text", [
    "nul\x00byte inside", "zero\u200bwidth\u200cjoiners\u200d", "ctrl\x01\x02\x1f chars",
    "lone surrogate \ud800 here", "bidi \u202e override", "combining e\u0301\u0301\u0301",
    "\ufeffBOM at start", "emoji 👩‍👩‍👧 family",
])
def test_odd_characters_are_kept_exactly(nlp, text):
    doc = nlp(text)
    check_offsets(doc, text)


def test_bytes_input_raises_clear_error(nlp):
    with pytest.raises(TextError, match="decode"):
        nlp(b"caf\xe9 invalid utf-8")
    with pytest.raises(TextError):
        nlp.tokenizer(b"bytes")


def test_non_string_input_raises(nlp):
    with pytest.raises(TextError):
        nlp(42)


def test_max_length_is_enforced_with_clear_message():
    nlp = lexloom.blank("en")
    nlp.max_length = 100
    with pytest.raises(TextError, match="max_length"):
        nlp("x " * 51)
    assert len(nlp("x " * 50)) == 50


def test_huge_single_document_tokenizes_completely():
    nlp = lexloom.blank("en")
    unit = "The quick brown fox (jumps) over 3.5 lazy dogs, doesn't it? "
    text = unit * (50_000_000 // len(unit))
    nlp.max_length = len(text) + 1
    doc = nlp(text)
    assert len(doc) == len(nlp(unit)) * (len(text) // len(unit))
    last = doc[-1]
    assert last.idx + len(last.text) + len(last.whitespace_) == len(text)


def test_special_case_phrase_across_chunks_matches_whole_text_rules():
    nlp = lexloom.blank("en")
    # a match across the space blocks the ":>" emoticon inside the next chunk
    assert [t.text for t in nlp("[ :>$")] == ["[", ":", ">", "$"]
    assert [t.text for t in nlp(":>$")] == [":>", "$"]
    nlp.tokenizer.add_special_case("New York", [{"ORTH": "New York"}])
    doc = nlp("I love New York!")
    assert [t.text for t in doc] == ["I", "love", "New York", "!"]
    check_offsets(doc, "I love New York!")


@pytest.mark.parametrize("python_splitter", [False, True])
def test_special_cases_that_differ_by_whitespace_share_a_pattern_without_crashing(
        python_splitter):
    """"Ee.Uu." and "Ee. Uu." (Spanish), or "Sdn. Bhd." alone (Malay): their no-special
    tokenizations are the same pattern, which matches inside a chunk; as spaCy, the special
    case applied is the one the matched text is, and a text that is none keeps its tokens
    (the pattern's own case was put in, and the tokens no longer spelled the text: E031)."""
    nlp = lexloom.blank("en")
    tokenizer = nlp.tokenizer
    tokenizer.add_special_case("Qq. Zz.", [{"ORTH": "Qq. Zz."}])
    if python_splitter:   # a Python callable: the splitter can't run natively
        search = tokenizer.prefix_search
        tokenizer.prefix_search = lambda text: search(text)
    assert [t.text for t in nlp("Qq.Zz.")] == ["Qq", ".", "Zz", "."]
    assert [t.text for t in nlp("x Qq. Zz. y")] == ["x", "Qq. Zz.", "y"]
    tokenizer.add_special_case("Qq.Zz.", [{"ORTH": "Qq.Zz."}])
    tokenizer.add_special_case("Mr.", [{"ORTH": "Mr."}])
    for text, want in [("Qq.Zz.", ["Qq.Zz."]), ("Mr.Qq.Zz.", ["Mr.", "Qq.Zz."]),
                       ("Qq.Zz.Qq.Zz.", ["Qq.Zz.", "Qq.Zz."]),
                       ("x Qq. Zz. y", ["x", "Qq. Zz.", "y"])]:
        doc = nlp(text)
        assert [t.text for t in doc] == want, text
        check_offsets(doc, text)
        assert [t for _, t in tokenizer.explain(text)] == want, text
    assert list(nlp.pipe(["Mr.Qq.Zz.", "Qq.Zz."]))[0].text == "Mr.Qq.Zz."


def test_letter_runs_are_never_split_by_english_affix_rules():
    # The native fast path takes a run of ASCII letters as one token without asking the
    # splitter; this holds only because no English affix rule splits letters.
    import random
    import string

    from lexloom.lang.en import make_splitter

    splitter = make_splitter()
    assert splitter.letters_are_atomic
    rng = random.Random(0)
    words = {"".join(rng.choice(string.ascii_letters) for _ in range(rng.randint(1, 12)))
             for _ in range(20000)}
    for word in words - set(splitter.rules):
        assert splitter.split(word) == [(word, None)], word


def test_letter_fast_path_respects_special_cases_and_custom_rules():
    nlp = lexloom.blank("en")
    assert [t.text for t in nlp("cannot gonna dont")] == ["can", "not", "gon", "na", "do", "nt"]
    import re

    nlp.tokenizer.infix_finditer = re.compile(r"(?<=a)b(?=c)").finditer
    assert [t.text for t in nlp("xabcx")] == ["xa", "b", "cx"]


def test_chunk_cache_never_confuses_strings_of_different_widths():
    # 1-, 2- and 4-byte strings store characters differently; keys must not collide
    nlp = lexloom.blank("en")
    for text, expected in (("a\x00", ["a\x00"]), ("\u0101 b", ["\u0101", "b"]),
                           ("\x19\x01", ["\x19\x01"]), ("\u011a", ["\u011a"]),
                           ("\U0001F600 b\x00", ["\U0001F600", "b\x00"]),
                           ("YǦɄė\x0cb", ["YǦɄė", "\x0c", "b"])):
        assert [t.text for t in nlp(text)] == expected, text


def test_many_mixed_width_texts_keep_text_and_offsets():
    # one tokenizer (one cache) over texts of every string width, as a long stream sees them
    import random

    rng = random.Random(5)
    alphabet = [chr(c) for c in list(range(0, 0x250)) + [0x2028, 0x3000, 0x85, 0xA0, 0x1680,
                                                        0x200B, 0xFEFF, 0x1F600, 0x10FFFF]]
    nlp = lexloom.blank("en")
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 15)))
        check_offsets(nlp(text), text)


def test_simple_affix_shortcuts_agree_with_the_splitter():
    # The native tokenizer splits "word," "word." "(word" '"word' itself when the splitter
    # says English rules fix them; check that claim against the splitter on many words.
    import random
    import string

    from lexloom.lang.en import make_splitter

    splitter = make_splitter()
    assert splitter.simple_affixes_split_off
    specials = set(splitter.rules)
    rng = random.Random(1)
    cores = {"".join(rng.choice(string.ascii_letters) for _ in range(rng.randint(1, 10)))
             for _ in range(5000)} | {"cannot", "Mr", "etc", "gonna", "U", "a"}
    nlp = lexloom.blank("en")
    for core in cores:
        chunks = [core + p for p in ",;:!?"] + ["(" + core, '"' + core]
        if core[-1].islower():
            chunks.append(core + ".")
        for chunk in chunks:
            expected = [orth for orth, _ in splitter.split(chunk)]
            assert [t.text for t in nlp(chunk)] == expected, chunk
            if core not in specials and chunk not in specials:
                assert len(expected) == 2, chunk


@pytest.mark.parametrize("text,first", [
    # spaCy's phrase pass copies the special case's stored tokens over a match at the start,
    # leaving the first token's sentence start unset (values as spaCy 3.8 gives them)
    ("It's ok", None), ("He's", None), ("Let's go", None), (" ", None), ("\u2014", None),
    ("I'm here", True), ("(He's)", True), ("The cat", True), ("He said it's", True),
    ("Mr. Smith", True), (":)", True),
])
def test_first_token_sentence_start_as_spacy_after_the_phrase_pass(text, first):
    nlp = lexloom.blank("en")
    assert nlp.make_doc(text)[0].is_sent_start is first
    assert [d[0].is_sent_start for d in nlp.tokenizer.pipe([text, text])] == [first, first]


def test_first_token_sentence_start_through_the_whole_text_path():
    from lexloom.attrs import ORTH

    nlp = lexloom.blank("en")
    nlp.tokenizer.add_special_case("New York", [{ORTH: "New York"}])   # across two chunks
    doc = nlp.make_doc("New York is big")
    assert [t.text for t in doc] == ["New York", "is", "big"] and doc[0].is_sent_start is None
    assert nlp.make_doc("In New York")[0].is_sent_start is True
    nlp.add_pipe("sentencizer")   # a sentence component sets it, as in spaCy
    assert [t.is_sent_start for t in nlp("It's ok. He's fine.")] == [
        True, False, False, False, True, False, False, False]
