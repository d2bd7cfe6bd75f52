"""Lexical attributes of Vocab entries equal spaCy's definitions (spacy/lang/lex_attrs.py).

Three views of the same facts: a pure-Python reference written here from spaCy's definitions,
a snapshot of what spaCy 3.8.18 itself computed for the same words
(tests/data/spacy_lexeme_attrs.json), and the native Vocab. The reference is checked against the
snapshot, the Vocab against both, and against the reference on random text.
"""
from __future__ import annotations

import json
import pathlib
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lexloom.tokens import Doc
from lexloom.lang.lex_attrs import LEX_ATTRS
from lexloom.vocab import Vocab

# ASCII and non-ASCII: accents, CJK, emoji, currency, digits, punctuation, quotes, brackets,
# mixed case, long strings (>= 100 chars: shape 'LONG'), whitespace and control characters.
WORDS = [
    # ASCII words, case variants
    "hello", "Hello", "HELLO", "hELLO", "HeLLo", "a", "A", "I", "Ab", "aB", "McDonald", "iPhone",
    "O'Neil", "don't", "Don't", "DON'T", "e-mail", "E-Mail", "state-of-the-art", "U.S.", "U.S.A",
    "u.s.", "Mr.", "etc.", "NASA", "NaSa", "x", "xx", "xxxx", "xxxxx", "xxxxxxxxxx", "aaaaab",
    "AAAAAbbbbbb", "Title Case", "Two Words", "two words", "A1", "a1", "1a", "1A", "abc123", "ABC123",
    "Abc123", "abc_def", "__init__", "snake_Case",
    # digits and numbers
    "0", "1", "42", "007", "1234567890", "3.14", "-5", "+5", "1,000", "1/2", "10:30", "1e10",
    "2nd", "III", "1st", "٣", "४२", "²", "½", "一", "٠١٢", "１２３", "⑦", "1️⃣",
    # punctuation
    ".", ",", ";", ":", "!", "?", "...", "!!", "?!", "-", "--", "---", "—", "–", "_", "#", "%", "&",
    "*", "/", "\\", "@", "¿", "¡", "…", "·", "§", "¶", "†", "‡", "•", "※", "、", "。", "！", "？",
    "„", "‚", "‛", "‟",
    # symbols that are not punctuation
    "+", "=", "^", "|", "~", "<", ">", "<<", ">>", "°", "©", "®", "™", "±", "×", "÷", "√", "∞",
    "→", "←", "♥", "★", "✓",
    # currency
    "$", "€", "£", "¥", "₹", "₩", "₽", "¢", "₿", "฿", "$$", "€$", "US$", "$5", "5€", "﷼",
    # quotes
    "'", '"', "`", "''", "``", "«", "»", "‘", "’", "“", "”", "‹", "›", "❮", "❯", "'s", "''s",
    "'''", '""',
    # brackets
    "(", ")", "[", "]", "{", "}", "()", "[]", "<>", "（", "）", "【", "】", "「", "」", "⟨", "⟩",
    # accents and non-ASCII letters
    "café", "Café", "CAFÉ", "naïve", "résumé", "Zürich", "ZÜRICH", "Straße", "STRASSE", "ß", "ẞ",
    "Ærøskøbing", "Ǆ", "ǅ", "ǆ", "ǅungla", "İstanbul", "ıi", "Σίσυφος", "ΣΊΣΥΦΟΣ", "Москва",
    "МОСКВА", "москва", "Łódź", "fiancé", "ﬁne", "ﬃ", "Ⅻ", "ⅻ", "ǈ", "ᾈ", "ᾼ", "µ", "ª", "º",
    # CJK, other scripts
    "北京", "日本語", "東京タワー", "ひらがな", "カタカナ", "한국어", "中文abc", "abc中文", "مرحبا",
    "שלום", "हिन्दी", "ไทย", "ខ្មែរ", "ᏣᎳᎩ",
    # emoji and combining
    "😀", "👍", "👍🏽", "🇩🇪", "👨‍👩‍👧", "❤️", "e\u0301", "E\u0301", "a\u0308b", "\u0301",
    "😀😀😀😀😀😀", "ab😀",
    # whitespace and controls
    " ", "  ", "\n", "\t", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\x85",
    "\xa0", "\u2000", "\u2028", "\u3000", "\u200b", "\ufeff", "\x00", "\x07", "\x7f", " \n ",
    # long strings
    "a" * 99, "a" * 100, "A" * 150, "é" * 100, "ab1" * 40, "x" * 98 + "é",
    # mixed
    "http://example.com", "user@example.com", "#hashtag", "@mention", ":)", ":-(", "<3", "C++",
    "C#", ".NET", "Node.js", "x86_64", "Ünïcödé", "ÀÉÎÕÜ", "àéîõü", "ÀéÎõÜ",
]


# ---- reference: spaCy's definitions, restated --------------------------------------------

_BRACKETS = ("(", ")", "[", "]", "{", "}", "<", ">")
_QUOTES = ('"', "'", "`", "«", "»", "‘", "’", "‚", "‛", "“", "”", "„", "‟", "‹", "›", "❮", "❯",
           "''", "``")
_LEFT_PUNCT = ("(", "[", "{", "<", '"', "'", "«", "‘", "‚", "‛", "“", "„", "‟", "‹", "❮", "``")
_RIGHT_PUNCT = (")", "]", "}", ">", '"', "'", "»", "’", "”", "›", "❯", "''")


def ref_shape(text: str) -> str:
    if len(text) >= 100:
        return "LONG"
    shape, last, seq = [], "", 0
    for char in text:
        if char.isalpha():
            char_shape = "X" if char.isupper() else "x"
        elif char.isdigit():
            char_shape = "d"
        else:
            char_shape = char
        if char_shape == last:
            seq += 1
        else:
            seq, last = 0, char_shape
        if seq < 4:
            shape.append(char_shape)
    return "".join(shape)


def reference(text: str) -> dict:
    return {
        "orth_": text,
        "lower_": text.lower(),
        "shape_": ref_shape(text),
        "prefix_": text[:1],
        "suffix_": text[-3:],
        "length": len(text),
        "is_alpha": text.isalpha(),
        "is_ascii": all(ord(c) < 128 for c in text),
        "is_digit": text.isdigit(),
        "is_lower": text.islower(),
        "is_upper": text.isupper(),
        "is_title": text.istitle(),
        "is_punct": all(unicodedata.category(c).startswith("P") for c in text),
        "is_space": text.isspace(),
        "is_bracket": text in _BRACKETS,
        "is_quote": text in _QUOTES,
        "is_left_punct": text in _LEFT_PUNCT,
        "is_right_punct": text in _RIGHT_PUNCT,
        "is_currency": all(unicodedata.category(c) == "Sc" for c in text),
    }


ATTRS = list(reference("x"))


def _load_spacy_snapshot() -> dict[str, dict]:
    data = json.loads((pathlib.Path(__file__).parent / "data" / "spacy_lexeme_attrs.json").read_text())
    table = {}
    for orth, lower, shape, prefix, suffix, length, flags in data["rows"]:
        row = {"orth_": orth, "lower_": lower, "shape_": shape, "prefix_": prefix,
               "suffix_": suffix, "length": length}
        row.update({name: bit == "1" for name, bit in zip(data["flags"], flags)})
        table[orth] = row
    return table


SPACY = _load_spacy_snapshot()


def _mismatches(get, words, attr):
    out = []
    for word in words:
        got, want = get(word, attr), reference(word)[attr]
        if got != want:
            out.append((word, got, want))
    return out


@pytest.fixture(scope="module")
def vocab():
    # the generic getters (spaCy's spacy.lang.lex_attrs.LEX_ATTRS): a bare Vocab() sets no
    # lexical attributes, as spaCy's
    return Vocab(lex_attr_getters=LEX_ATTRS)


def test_word_list_is_large_varied_and_covered_by_spacy_snapshot():
    assert len(WORDS) >= 200 and len(set(WORDS)) == len(WORDS)
    assert set(SPACY) == set(WORDS)
    assert any(len(w) >= 100 for w in WORDS) and any(not w.isascii() for w in WORDS)


@pytest.mark.parametrize("attr", ATTRS)
def test_reference_equals_spacy_snapshot(attr):
    wrong = [(w, reference(w)[attr], SPACY[w][attr]) for w in WORDS
             if reference(w)[attr] != SPACY[w][attr]]
    assert wrong == []


@pytest.mark.parametrize("attr", ATTRS)
def test_vocab_lexeme_attr_equals_reference(vocab, attr):
    assert _mismatches(lambda w, a: getattr(vocab[w], a), WORDS, attr) == []


@pytest.mark.parametrize("attr", ATTRS)
def test_vocab_lexeme_attr_equals_spacy_snapshot(vocab, attr):
    wrong = [(w, getattr(vocab[w], attr), SPACY[w][attr]) for w in WORDS
             if getattr(vocab[w], attr) != SPACY[w][attr]]
    assert wrong == []


def _token_value(token, attr):
    return len(token) if attr == "length" else getattr(token, attr)


@pytest.mark.parametrize("attr", ATTRS)
def test_token_attr_equals_lexeme_attr(vocab, attr):
    doc = Doc(vocab, words=WORDS)
    wrong = [(t.text, _token_value(t, attr), getattr(vocab[t.text], attr)) for t in doc
             if _token_value(t, attr) != getattr(vocab[t.text], attr)]
    assert wrong == []


def test_lexeme_attr_ids_are_the_strings_ids(vocab):
    for word in ["Hello", "café", "👍🏽", "a" * 120]:
        lex = vocab[word]
        strings = vocab.strings
        assert strings[lex.lower] == lex.lower_
        assert strings[lex.shape] == lex.shape_
        assert strings[lex.prefix] == lex.prefix_
        assert strings[lex.suffix] == lex.suffix_
        assert lex.orth == strings[word]


def test_lexeme_is_created_once_and_found_by_id(vocab):
    n = len(vocab)
    lex = vocab["a-new-word-xyz"]
    assert len(vocab) == n + 1
    assert vocab["a-new-word-xyz"].orth == lex.orth
    assert len(vocab) == n + 1
    assert "a-new-word-xyz" in vocab
    assert vocab[lex.orth].orth_ == "a-new-word-xyz"


def test_norm_defaults_to_lower(vocab):
    for word in ["Hello", "CAFÉ", "İstanbul"]:
        assert vocab[word].norm_ == word.lower()


def test_lexeme_flags_can_be_changed(vocab):
    lex = vocab["flagged-word"]
    assert not lex.is_stop
    lex.is_stop = True
    assert vocab["flagged-word"].is_stop
    assert Doc(vocab, words=["flagged-word"])[0].is_stop


def _check_against_reference(vocab, text):
    lex = vocab[text]
    want = reference(text)
    got = {attr: getattr(lex, attr) for attr in ATTRS}
    assert got == want


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1))
def test_any_text_lexeme_attrs_equal_reference(vocab, text):
    _check_against_reference(vocab, text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), min_size=1, max_size=120))
def test_any_ascii_text_lexeme_attrs_equal_reference(vocab, text):
    # ASCII text takes the native fast path, so it gets its own property.
    _check_against_reference(vocab, text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from(["\ud800", "\udfff"])),
               min_size=1))
def test_text_with_lone_surrogates_lexeme_attrs_equal_reference(vocab, text):
    _check_against_reference(vocab, text)


def test_stop_words_edited_in_defaults_reach_lexemes_made_afterwards():
    """IS_STOP reads the language's stop-word set itself (spaCy's partial over
    Defaults.stop_words): a word added to or discarded from it changes the lexemes made
    later, ASCII or not; lexemes made before keep their flag, as in spaCy."""
    import lexloom
    from lexloom.lang.en.stop_words import STOP_WORDS

    nlp = lexloom.blank("en")
    assert nlp.Defaults.stop_words is STOP_WORDS
    before = nlp.vocab["beyond"].is_stop
    added = ["btw", "ünter"]
    try:
        STOP_WORDS.update(added)
        nlp.Defaults.stop_words.discard("beyond")
        doc = nlp("btw Btw BTW ünter Beyond")
        assert [t.is_stop for t in doc] == [True, True, True, True, False]
        assert nlp.vocab["beyond"].is_stop is before is True  # made before the edit
    finally:
        STOP_WORDS.difference_update(added)
        STOP_WORDS.add("beyond")
    assert not lexloom.blank("en")("btw")[0].is_stop


def test_stop_word_sets_count_every_edit():
    """StopWords (every language's STOP_WORDS) counts its edits, so the vocab's native IS_STOP
    table is built again after any of them; it stays a set (pickles, copies, compares)."""
    import copy
    import pickle

    from lexloom.lang.lex_attrs import StopWords

    words = StopWords(["a", "b"])
    edits = [lambda s: s.add("c"), lambda s: s.discard("c"), lambda s: s.update({"d"}),
             lambda s: s.remove("d"), lambda s: s.difference_update({"a"}),
             lambda s: s.intersection_update({"b", "x"}),
             lambda s: s.symmetric_difference_update({"e"}), lambda s: s.pop(),
             lambda s: s.__ior__({"f"}), lambda s: s.__isub__({"f"}),
             lambda s: s.__iand__({"g"}), lambda s: s.__ixor__({"h"}), lambda s: s.clear()]
    for n, edit in enumerate(edits, start=1):
        edit(words)
        assert words.edits == n
    words |= {"x"}
    assert isinstance(words, StopWords) and words == {"x"} and words.edits == len(edits) + 1
    assert pickle.loads(pickle.dumps(words)) == copy.deepcopy(words) == {"x"}


def test_language_stop_words_run_natively_and_odd_entries_are_ignored():
    """Every language's StopWords set is compiled into the native IS_STOP table (not read
    by the Python getter); an entry that isn't a string, which never equals a lowercased
    text, is left out of it instead of breaking it (spaCy's getter ignores it too)."""
    import lexloom
    from lexloom.attrs import IS_STOP
    from lexloom.lang.en.stop_words import STOP_WORDS

    nlp = lexloom.blank("en")
    assert IS_STOP not in nlp.vocab._python_flag_ids
    assert repr(STOP_WORDS).startswith("{")
    try:
        STOP_WORDS.add(5)
        assert [t.is_stop for t in nlp("because whereas zebra")] == [True, True, False]
    finally:
        STOP_WORDS.discard(5)
    assert [t.is_stop for t in nlp("the quagga")] == [True, False]
