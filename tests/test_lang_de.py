"""German: tokenizer rules (abbreviations with norms, clitics, ordinals keep their period),
stop words and noun chunks on hand-built TIGER parses (no spaCy)."""
from __future__ import annotations

import pytest

import lexloom
from lexloom.tokens import Doc


@pytest.fixture(scope="module")
def nlp():
    return lexloom.blank("de")


@pytest.mark.parametrize("text,tokens", [
    ("z.B. usw.", ["z.B.", "usw."]),
    ("Am 3. Oktober", ["Am", "3.", "Oktober"]),  # no period split after a digit
    ("auf'm Dach", ["auf", "'m", "Dach"]),
    ("Dr. Müller", ["Dr.", "Müller"]),
    ("CDU/CSU-Fraktion", ["CDU", "/", "CSU-Fraktion"]),  # "/" infix; hyphen stays
    ("und/oder", ["und", "/", "oder"]),
    ("Goethestr.", ["Goethestr", "."]),
    ("9-18 Uhr", ["9", "-", "18", "Uhr"]),  # a hyphen splits only between digits
    ("Hamburg-Altona", ["Hamburg-Altona"]),
    ("``Die''", ["``", "Die", "''"]),
    ("5.000", ["5.000"]),
])
def test_tokenizer(nlp, text, tokens):
    doc = nlp(text)
    assert [t.text for t in doc] == tokens
    assert doc.text == text


def test_norms_from_special_cases(nlp):
    doc = nlp("auf'm Hbf. 'ne Katze")
    assert [t.norm_ for t in doc] == ["auf", "dem", "Hauptbahnhof", "eine", "katze"]


def test_stop_words_and_like_num(nlp):
    vocab = nlp.vocab
    assert vocab["und"].is_stop and vocab["Der"].is_stop and not vocab["Haus"].is_stop
    assert vocab["1.000"].like_num and not vocab["zwei"].like_num  # no number words


def test_noun_chunks_extend_over_close_apposition(nlp):
    # "eine Tasse Tee trinkt er": Tee is nk of Tasse -> "eine Tasse Tee"
    words = ["eine", "Tasse", "Tee", "trinkt", "er"]
    doc = Doc(nlp.vocab, words=words, heads=[1, 3, 1, 3, 3],
              deps=["nk", "oa", "nk", "ROOT", "sb"], pos=["DET", "NOUN", "NOUN", "VERB", "PRON"])
    assert [c.text for c in doc.noun_chunks] == ["eine Tasse Tee", "er"]
