"""The pure-Python chunk splitter and the English rule tables, on their own (no spaCy).

Expected tokenizations were taken from spaCy 3.8's English tokenizer;
benchmarks/tokenizer_agreement.py checks agreement on whole corpora.
"""
from __future__ import annotations

import functools
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lexloom.errors import TokenizerError
from lexloom.lang.en import LEX_ATTRS, STOP_WORDS, TOKENIZER_EXCEPTIONS, make_splitter
from lexloom.tokenizer_split import AffixSplitter, iter_chunks

ORTH, NORM = 65, 67


@functools.lru_cache(maxsize=None)
def _english() -> AffixSplitter:
    return make_splitter()


@pytest.fixture(scope="module")
def splitter() -> AffixSplitter:
    return _english()


def orths(splitter: AffixSplitter, chunk: str) -> list[str]:
    return [orth for orth, _ in splitter.split(chunk)]


def tokens(splitter: AffixSplitter, text: str) -> list[str]:
    return [orth for orth, _, _ in splitter.tokenize(text)]


@pytest.mark.parametrize("chunk,expected", [
    ("don't", ["do", "n't"]),
    ("Don't", ["Do", "n't"]),
    ("can't", ["ca", "n't"]),
    ("I'm", ["I", "'m"]),
    ("we'll", ["we", "'ll"]),
    ("it’s", ["it", "’s"]),
    ("cannot", ["can", "not"]),
    ("gonna", ["gon", "na"]),
    ("ill", ["ill"]),  # a word, not "i" + "ll"
    ("well", ["well"]),
])
def test_contractions_split(splitter, chunk, expected):
    assert orths(splitter, chunk) == expected


def test_contraction_norms(splitter):
    assert splitter.split("don't") == [("do", "do"), ("n't", "not")]
    assert splitter.split("ain't") == [("ai", None), ("n't", "not")]
    assert splitter.split("y'all") == [("y'", "you"), ("all", None)]


@pytest.mark.parametrize("chunk,expected", [
    ("U.S.", ["U.S."]),
    ("Mr.", ["Mr."]),
    ("e.g.,", ["e.g.", ","]),
    ("(hello)", ["(", "hello", ")"]),
    ('"Hello,"', ['"', "Hello", ",", '"']),
    ("end.", ["end", "."]),
    ("USA.", ["USA", "."]),
    ("...hello…", ["...", "hello", "…"]),
    ("go!!!", ["go", "!", "!", "!"]),
    ("$5.00", ["$", "5.00"]),
    ("US$10", ["US$", "10"]),
    ("5km", ["5", "km"]),
    ("10,000", ["10,000"]),
    ("20°C.", ["20", "°", "C", "."]),
    ("well-known", ["well", "-", "known"]),
    ("3-year-old", ["3", "-", "year", "-", "old"]),
    ("1-2", ["1", "-", "2"]),
    ("and/or", ["and/or"]),
    ("this,that", ["this", ",", "that"]),
    ("end.Next", ["end", ".", "Next"]),
    ("C++", ["C++"]),
])
def test_affixes_and_infixes(splitter, chunk, expected):
    assert orths(splitter, chunk) == expected


@pytest.mark.parametrize("chunk,expected", [
    ("http://example.com/a?b=c", ["http://example.com/a?b=c"]),
    ("https://www.example.org/path/to/page.html", ["https://www.example.org/path/to/page.html"]),
    ("www.example.com!", ["www.example.com", "!"]),
    ("(example.com)", ["(", "example.com", ")"]),
    ("me@example.com.", ["me@example.com", "."]),
    ("192.168.0.1", ["192.168.0.1"]),  # private address: not a URL, but no rule splits it
])
def test_urls_and_emails_kept_whole(splitter, chunk, expected):
    assert orths(splitter, chunk) == expected


@pytest.mark.parametrize("chunk,expected", [
    (":)", [":)"]),
    (":-)", [":-)"]),
    ("<3", ["<3"]),
    ("^_^", ["^_^"]),
    ("(:", ["(:"]),
    ("lol:)", ["lol", ":)"]),  # the phrase pass re-joins ":" + ")"
    ("(:)", ["(", ":)"]),
    ("''hello''", ["''", "hello", "''"]),
    ("'''", ["'", "''"]),
])
def test_emoticons_and_phrase_pass(splitter, chunk, expected):
    assert orths(splitter, chunk) == expected


@pytest.mark.parametrize("chunk,expected", [
    ("\n", [("\n", None)]),
    ("  ", [("  ", None)]),
    ("\u00a0", [("\u00a0", "  ")]),
])
def test_whitespace_chunks(splitter, chunk, expected):
    assert splitter.split(chunk) == expected


def test_iter_chunks_walks_whitespace_like_spacy():
    text = "a b  c\nd "
    got = [(text[s:e], space) for s, e, space in iter_chunks(text)]
    assert got == [("a", True), ("b", True), (" ", False), ("c", False), ("\n", False),
                   ("d", True)]
    assert [(" x"[s:e], sp) for s, e, sp in iter_chunks(" x")] == [(" ", False), ("x", False)]
    assert list(iter_chunks("")) == []


def test_explain_labels(splitter):
    assert splitter.explain("(don't) http://x.com/a?b=c :) well-known") == [
        ("PREFIX", "("), ("SPECIAL-1", "do"), ("SPECIAL-2", "n't"), ("SUFFIX", ")"),
        ("URL_MATCH", "http://x.com/a?b=c"), ("SPECIAL-1", ":)"), ("TOKEN", "well"),
        ("INFIX", "-"), ("TOKEN", "known")]
    assert splitter.explain("$5.00 5km U.S. e.g., 3-year") == [
        ("PREFIX", "$"), ("TOKEN", "5.00"), ("TOKEN", "5"), ("SUFFIX", "km"),
        ("TOKEN", "U.S."), ("SPECIAL-1", "e.g."), ("SUFFIX", ","), ("TOKEN", "3"),
        ("INFIX", "-"), ("TOKEN", "year")]
    assert splitter.explain("lol:) go!!") == [
        ("TOKEN", "lol"), ("SPECIAL-1", ":)"), ("TOKEN", "go"), ("SUFFIX", "!"),
        ("SUFFIX", "!")]


def test_explain_token_match():
    import re

    s = AffixSplitter(None, prefix_search=re.compile(r"^\(").search,
                      suffix_search=re.compile(r"\)$").search,
                      token_match=re.compile(r"^#\w+$").match)
    assert s.explain("(#tag)") == [("PREFIX", "("), ("TOKEN_MATCH", "#tag"), ("SUFFIX", ")")]
    assert s.split("(#tag)") == [("(", None), ("#tag", None), (")", None)]


def test_add_special_case_accepts_ids_and_names():
    s = AffixSplitter()
    s.add_special_case("gimme", [{ORTH: "gim", NORM: "give"}, {"orth": "me"}])
    assert s.split("gimme") == [("gim", "give"), ("me", None)]


def test_add_special_case_rejects_changed_text():
    s = AffixSplitter()
    with pytest.raises(TokenizerError, match="spell 'gimm'"):
        s.add_special_case("gimme", [{ORTH: "gim"}, {ORTH: "m"}])
    with pytest.raises(ValueError):  # TokenizerError is a ValueError
        s.add_special_case("gimme", [{ORTH: "gimmy"}])


def test_add_special_case_rejects_other_attributes():
    s = AffixSplitter()
    with pytest.raises(TokenizerError, match="only set ORTH and NORM"):
        s.add_special_case("gimme", [{ORTH: "gimme", "LEMMA": "give"}])
    with pytest.raises(TokenizerError, match="no ORTH"):
        s.add_special_case("gimme", [{NORM: "give me"}])


def test_special_case_with_space_applies_across_chunks(splitter):
    s = make_splitter()
    s.add_special_case("New York", [{ORTH: "New York"}])
    assert ("New", "York") in s.phrase_bigrams
    assert tokens(s, "I love New York.") == ["I", "love", "New York", "."]
    assert tokens(s, "New  York") == ["New", " ", "York"]


def test_cross_chunk_match_blocks_inner_match(splitter):
    # "[ :" spells the emoticon "[:" across a space; it claims ":" first (leftmost of
    # two equally long matches), so ":>" in the next chunk stays split, as in spaCy.
    assert orths(splitter, ":>$") == [":>", "$"]
    assert ("[", ":") in splitter.phrase_bigrams
    assert tokens(splitter, "[ :>$") == ["[", ":", ">", "$"]
    assert tokens(splitter, "a :>$") == ["a", ":>", "$"]


def test_tokenize_spaces_and_norms(splitter):
    assert splitter.tokenize("Don't  go.\n") == [
        ("Do", "do", False), ("n't", "not", True), (" ", None, False), ("go", None, False),
        (".", None, False), ("\n", None, False)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab.,'\"()-:;!?$5 \n") + ["n't", "U.S.", ":)", "www.x.com"]),
                max_size=30).map("".join))
def test_pieces_rebuild_text(text):
    s = _english()
    rebuilt = "".join(orth + (" " if space else "") for orth, _, space in s.tokenize(text))
    assert rebuilt == text
    for start, end, _ in iter_chunks(text):
        chunk = text[start:end]
        assert "".join(orth for orth, _ in s.split(chunk)) == chunk
        assert s.split(chunk) == s.split(chunk)


def test_english_tables():
    assert TOKENIZER_EXCEPTIONS["don't"] == [{ORTH: "do", NORM: "do"}, {ORTH: "n't", NORM: "not"}]
    assert TOKENIZER_EXCEPTIONS["don’t"] == [{ORTH: "do", NORM: "do"}, {ORTH: "n’t", NORM: "not"}]
    assert "ill" not in TOKENIZER_EXCEPTIONS and "Its" not in TOKENIZER_EXCEPTIONS
    assert len(TOKENIZER_EXCEPTIONS) == 1347  # spaCy 3.8's English table has as many
    assert len(STOP_WORDS) == 326 and "n’t" in STOP_WORDS


@pytest.mark.parametrize("text,like_num,like_url,like_email,is_stop,norm", [
    ("like", False, False, False, False, "like"),
    ("10,000", True, False, False, False, "10,000"),
    ("seventh", True, False, False, False, "seventh"),
    ("21st", True, False, False, False, "21st"),
    ("3/4", True, False, False, False, "3/4"),
    ("www.google.com", False, True, False, False, "www.google.com"),
    ("google.com", False, True, False, False, "google.com"),
    ("me@x.com", False, False, True, False, "me@x.com"),
    ("The", False, False, False, True, "the"),
    ("\u201c", False, False, False, False, '"'),
    ("--", False, False, False, False, "-"),
    ("\u00a3", False, False, False, False, "$"),
])
def test_lex_attrs(text, like_num, like_url, like_email, is_stop, norm):
    assert LEX_ATTRS["LIKE_NUM"](text) is like_num
    assert LEX_ATTRS["LIKE_URL"](text) is like_url
    assert LEX_ATTRS["LIKE_EMAIL"](text) is like_email
    assert LEX_ATTRS["IS_STOP"](text) is is_stop
    assert LEX_ATTRS["NORM"](text) == norm


def test_english_import_is_light():
    code = ("import sys, time; t = time.perf_counter(); import lexloom.lang.en; "
            "print(time.perf_counter() - t); "
            "print(any(m in sys.modules for m in ('thinc', 'torch', 'spacy')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out[1] == "False"


def test_changing_rules_reloads_special_cases():
    s = make_splitter()
    assert [o for o, _ in s.split("lol:)")] == ["lol", ":)"]
    s.rules = {"gimme": [{ORTH: "gim"}, {ORTH: "me"}]}
    assert [o for o, _ in s.split("gimme")] == ["gim", "me"]
    assert [o for o, _ in s.split("don't")] == ["don't"]
    assert [o for o, _ in s.split("lol:)")] == ["lol", ":", ")"]  # no ":)" rule any more
    s.suffix_search = None
    assert [o for o, _ in s.split("end.")] == ["end."]
    assert "gimme" in s.rules
