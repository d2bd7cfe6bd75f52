"""`lexloom.lang.<code>.examples`: each language's `sentences`, as spaCy's
`spacy.lang.<code>.examples`, import and tokenize back to their own text."""
import importlib
import unicodedata

import pytest

import lexloom

CODES = ("am ar az bg bn bo ca cs da de dsb el en es eu fa fi fr grc gu he hi hr hsb ht hu hy id "
         "it ja kmr kn ko ky la lb lg lij lt ml ms nb ne nl nn pl pt ro ru sa si sk sl sq sr sv "
         "ta te ti tn tr tt uk ur vi xx yo zh").split()
# tokenizers that need an optional third-party package (sudachipy, natto + mecab-ko-dic)
NEEDS_PACKAGE = {"ja", "ko"}
# configs that keep a blank pipeline free of optional packages (pyvi)
BLANK_CONFIG = {"vi": {"nlp": {"tokenizer": {"use_pyvi": False}}}}
# Tibetan marks syllables with tsheg and writes no spaces between words: a whitespace-
# and-punctuation tokenizer keeps a short sentence as one token
UNSPLIT = {"bo"}


def _sentences(code):
    return importlib.import_module(f"lexloom.lang.{code}.examples").sentences


@pytest.mark.parametrize("code", CODES)
def test_sentences_are_short_clean_strings(code):
    sentences = _sentences(code)
    assert isinstance(sentences, list) and sentences
    for text in sentences:
        assert isinstance(text, str) and text
        assert text == text.strip()
        assert text == unicodedata.normalize("NFC", text)
        assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in text)


def _blank(code):
    return lexloom.blank(code, config=BLANK_CONFIG.get(code, {}))


@pytest.mark.parametrize("code", [c for c in CODES if c not in NEEDS_PACKAGE])
def test_blank_pipeline_tokenizes_sentences(code):
    nlp = _blank(code)
    for text in _sentences(code):
        doc = nlp(text)
        assert doc.text == text
        if code not in UNSPLIT:
            assert len(doc) >= 2, text


@pytest.mark.parametrize("code", sorted(NEEDS_PACKAGE))
def test_sentences_with_optional_tokenizer_package(code):
    try:
        nlp = _blank(code)
    except ImportError as err:  # MissingLanguageDependencyError
        pytest.skip(str(err))
    for text in _sentences(code):
        doc = nlp(text)
        assert doc.text == text
        assert len(doc) >= 2, text


def test_spacy_style_import():
    module = importlib.import_module("lexloom.lang.fr.examples")
    from lexloom.lang.fr.examples import sentences

    assert module.sentences is sentences
    assert module.__doc__ and "spacy.lang.fr.examples" in module.__doc__
