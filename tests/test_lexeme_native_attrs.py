"""New lexemes get their lexical attributes natively (lexattrs.hh) where the getter is one
lexloom ships; the values must be the Python getters' own, for every language, and a
language's own getters must still be called. Also: cold tokenization equals warm, and the
chunk cache stops growing at max_cache_size."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lexloom.attrs import IDS, NORM
from lexloom.lang import lex_attrs
from lexloom.tokenizer import Tokenizer
from lexloom.vocab import Vocab, create_vocab, word_shape

import lexloom

LANGS = ["en", "fr", "de", "ja", "zh", "xx"]
_NLPS = {}

# Strings that reach each rule's corners: signs, separators, fractions, number words,
# ordinals, URL schemes and TLDs, e-mail, norm exceptions, stop words in any case.
SAMPLES = [
    "", "3/4", "1/2/3", "/4", "3/", "1,000.5", "-12", "+7", "~3", "±5", "-", ".", ",", "21st",
    "22ND", "3rd", "st", "seven", "Seventh", "SEVENTY", "hundredth", "twelfth", "ninetieth",
    "www.x", "www.", "http://a", "https://b.c", "a.com", "x.org/", "a.b", "3.5", "U.S.", "e.g",
    "example.co.uk", "host.com:80", "a.xyz:8/", ".com", "com.", "e@x.com", "a@b", "x.y@z",
    "'s", "'S", "``", "''", "`", "--", "---", "US$", "C$", "Mex$", "The", "AND", "and", "tHe",
    "I", "a", "onze", "Vingt", "drei", "él", "ñ", "’s", "\u2014", "\u20ac", "１２", "١٢",
    "二十", "三", "Straße", "ǅ", "x\u0301", "\ud800", "\t", " ", "hello world", "LONG" * 30,
]
ALPHABET = list("abcxyzABCXYZ0123456789,./:@+-~'`$_()\"!?#") + ["é", "ß", "ǅ", "’", "—", "€",
                                                               "二", "٣", "\u00a0", "Ⅻ"]
texts = st.one_of(st.sampled_from(SAMPLES), st.text(alphabet=ALPHABET, max_size=12),
                  st.text(max_size=6),
                  st.builds(lambda a, b: a + b, st.sampled_from(SAMPLES),
                            st.text(alphabet=ALPHABET, max_size=4)))


def vocab_for(lang):
    """The vocab Language makes for `lang` (without its tokenizer: ja and zh need
    segmenter packages)."""
    if lang not in _NLPS:
        from lexloom.util import get_lang_class

        cls = get_lang_class(lang)
        _NLPS[lang] = create_vocab(lang, cls.Defaults)
    return _NLPS[lang]


def python_attrs(vocab, text):
    """What the Python getters say about `text`: {attr id: value}."""
    values = {}
    for attr_id, getter in vocab.lex_attr_getters.items():
        if attr_id < 64:
            values[attr_id] = bool(getter(text))
        elif attr_id == NORM:
            values[attr_id] = getter(text)
    return values


def lexeme_attrs(vocab, lex):
    values = {}
    for attr_id in vocab.lex_attr_getters:
        if attr_id < 64:
            values[attr_id] = bool(lex.check_flag(attr_id))
        elif attr_id == NORM:
            values[attr_id] = lex.norm_
    return values


def assert_same_as_python(vocab, text):
    lex = vocab[text]
    if text == "":  # spaCy's empty lexeme: no getter runs, every flag is False
        assert lex.flags == 0 and lex.orth == 0
        return
    assert lexeme_attrs(vocab, lex) == python_attrs(vocab, text), repr(text)
    if NORM not in vocab.lex_attr_getters:
        assert lex.norm_ == text.lower()
    assert lex.lower_ == text.lower()
    assert lex.shape_ == word_shape(text)
    assert lex.prefix_ == text[:1]
    assert lex.suffix_ == text[-3:]
    assert len(lex) == len(text)
    assert lex.is_alpha == text.isalpha() and lex.is_digit == text.isdigit()


@pytest.mark.parametrize("lang", LANGS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_native_attrs_equal_python_getters(lang, text):
    assert_same_as_python(vocab_for(lang), text)


@pytest.mark.parametrize("text", SAMPLES)
def test_samples_fresh_vocab(text):
    """Each sample as the first lexeme of a fresh English vocab (no earlier lexeme helps)."""
    assert_same_as_python(lexloom.blank("en").vocab, text)


def test_en_getters_are_the_shipped_ones():
    """The English getters are the ones the vocab recognises (so the native path runs);
    IS_STOP reads the language's own, mutable stop-word set (as spaCy's does)."""
    from lexloom.lang.en import lex_attrs as en_lex_attrs
    from lexloom.lang.en.stop_words import STOP_WORDS

    getters = lexloom.blank("en").vocab.lex_attr_getters
    assert getters[IDS["LIKE_NUM"]] is en_lex_attrs.like_num
    assert getters[IDS["LIKE_URL"]] is lex_attrs.like_url
    assert getters[NORM] is lex_attrs.norm
    stop = getters[IDS["IS_STOP"]]
    assert stop.func is lex_attrs.is_stop and stop.keywords["stops"] is STOP_WORDS
    assert stop("The") and not stop("cat")


@settings(max_examples=100, deadline=None)
@given(text=texts)
def test_custom_getters_are_called(text):
    """Getters of the language's own (any Python function) decide, ASCII text or not."""
    vocab = Vocab(lex_attr_getters={
        "LIKE_NUM": lambda t: t.endswith("z"),
        "IS_STOP": lambda t: len(t) == 2,
        "LIKE_URL": lambda t: "." in t,
        "NORM": lambda t: t.upper() + "!",
        "IS_ALPHA": lambda t: t.startswith("a"),
    })
    lex = vocab[text]
    if text == "":   # spaCy's empty lexeme: no getter runs, every attribute is empty
        assert (lex.norm, lex.like_num, lex.is_stop, lex.is_alpha) == (0, False, False, False)
        return
    assert lex.like_num == text.endswith("z")
    assert lex.is_stop == (len(text) == 2)
    assert lex.like_url == ("." in text)
    assert lex.norm_ == text.upper() + "!"
    assert lex.is_alpha == text.startswith("a")


def test_lexeme_norm_table_wins_over_native_norm():
    from lexloom.lookups import Lookups

    nlp = lexloom.blank("en")
    lookups = Lookups()
    lookups.add_table("lexeme_norm", {"Foo": "bar", "US$": "dollar"})
    nlp.vocab.lookups = lookups
    assert nlp.vocab["Foo"].norm_ == "bar"
    assert nlp.vocab["US$"].norm_ == "dollar"
    assert nlp.vocab["Baz"].norm_ == "baz"
    assert nlp.vocab["C$"].norm_ == "$"  # the language's norm() behind the table


def test_vocab_without_getters_sets_no_attributes():
    vocab = Vocab()   # as spaCy's: no getter, no value (the native ones included)
    assert (vocab["AbC"].norm_, vocab["AbC"].lower_, vocab["AbC"].shape_) == ("", "", "")
    assert not vocab["12"].like_num and not vocab["12"].is_digit and not vocab["the"].is_stop


def _corpus(n=300):
    path = Path(__file__).resolve().parents[2] / "shared" / "data" / "raw_text" / "text.jsonl"
    if not path.exists():
        path = Path("/work/shared/data/raw_text/text.jsonl")
    if not path.exists():
        return ["Hello, world! It's 3:30 p.m. on 21st May; see www.example.com or e@x.org.",
                "\"Quoted\" (parenthesised) words -- and U.S. $5,000.50 isn't 3/4 of it..."]
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for _, line in zip(range(n), f)]


def _tokens(doc):
    return [(t.text, t.whitespace_, t.norm_, t.lower_, t.shape_, t.is_stop, t.like_num,
             t.like_url, t.like_email, t.is_alpha, t.is_punct) for t in doc]


def test_cold_tokenization_equals_warm():
    texts = _corpus()
    tokenizer = lexloom.blank("en").tokenizer
    cold = [_tokens(tokenizer(t)) for t in texts]
    warm = [_tokens(tokenizer(t)) for t in texts]
    assert cold == warm
    uncached = Tokenizer(lexloom.blank("en").vocab, max_cache_size=0,
                         splitter=lexloom.blank("en").tokenizer.splitter)
    assert [_tokens(uncached(t)) for t in texts] == cold
    assert uncached._cache_size() == 0


def test_cache_stops_growing_at_max_cache_size():
    nlp = lexloom.blank("en")
    tokenizer = Tokenizer(nlp.vocab, max_cache_size=3, splitter=nlp.tokenizer.splitter)
    words = [f"w{i}" for i in range(10)]
    doc = tokenizer(" ".join(words))
    assert [t.text for t in doc] == words
    assert tokenizer._cache_size() == 3
    assert [t.text for t in tokenizer(" ".join(reversed(words)))] == words[::-1]
    assert tokenizer._cache_size() == 3
    tokenizer.max_cache_size = 12
    assert tokenizer.max_cache_size == 12
    tokenizer(" ".join(words))
    assert tokenizer._cache_size() == 10
