"""Vietnamese with pyvi: syllables labelled by pyvi's CRF become words that keep the text's
own whitespace. pyvi is optional, so a stand-in CRF labels the syllables here; the last test
uses pyvi itself when it is installed."""
from __future__ import annotations

import pickle
from types import SimpleNamespace

import pytest

import lexloom
from lexloom.lang import vi as vi_module


def _stand_in(labels_of):
    """A pyvi.ViTokenizer module whose CRF gives labels_of(syllables)."""
    crf = SimpleNamespace(sent2features=lambda syllables, training: list(syllables),
                          model=SimpleNamespace(predict=lambda batch: [labels_of(batch[0])]))
    return SimpleNamespace(ViTokenizer=crf)


@pytest.fixture
def continuing(monkeypatch):
    """Every syllable after the first is labelled as continuing a word."""
    module = _stand_in(lambda syllables: ["B_W"] + ["I_W"] * (len(syllables) - 1))
    monkeypatch.setattr(vi_module, "require", lambda *args: module)


def test_words_are_slices_of_the_text_and_keep_inner_whitespace(continuing):
    nlp = lexloom.blank("vi")
    doc = nlp("văn  bản, Hà Nội 2,5 tỷ")
    # "văn  bản" joins across two spaces; the comma, the digits and the capitalised
    # syllable after a lowercase one start new words
    assert [t.text for t in doc] == ["văn  bản", ",", "Hà Nội", "2,5", "tỷ"]
    assert doc.text == "văn  bản, Hà Nội 2,5 tỷ"


def test_symbols_underscores_and_combining_marks_keep_the_text(continuing):
    nlp = lexloom.blank("vi")
    for text in ["a_b c", "H\u032c x", "  \uff9b ok", "", "   "]:
        assert nlp(text).text == text


def test_the_tokenizer_pickles_without_the_pyvi_module(continuing):
    tokenizer = lexloom.blank("vi").tokenizer
    assert pickle.loads(pickle.dumps(tokenizer)).use_pyvi is True


def test_real_pyvi():
    pytest.importorskip("pyvi")
    doc = lexloom.blank("vi")("Đây là một văn  bản bằng tiếng Việt")
    assert "văn  bản" in [t.text for t in doc]
