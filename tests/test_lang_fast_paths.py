"""The native tokenizer's shortcuts (a run of ASCII letters is one token; one simple affix
around it splits off alone) are claimed by English, French, German and Spanish; check each
claim against the language's splitter on many random words (no spaCy)."""
from __future__ import annotations

import random
import string

import pytest

import lexloom
from lexloom.util import get_lang_class

CODES = ("en", "fr", "de", "es")


@pytest.mark.parametrize("code", CODES)
def test_letter_runs_are_never_split(code):
    splitter = get_lang_class(code).Defaults.make_splitter()
    assert splitter.letters_are_atomic
    rng = random.Random(0)
    words = {"".join(rng.choice(string.ascii_letters) for _ in range(rng.randint(1, 12)))
             for _ in range(5000)}
    for word in words - set(splitter.rules):
        assert splitter.split(word) == [(word, None)], word


@pytest.mark.parametrize("code", CODES)
def test_simple_affix_shortcuts_agree_with_the_splitter(code):
    splitter = get_lang_class(code).Defaults.make_splitter()
    assert splitter.simple_affixes_split_off
    rng = random.Random(1)
    cores = {"".join(rng.choice(string.ascii_letters) for _ in range(rng.randint(1, 10)))
             for _ in range(2000)} | {"etc", "av", "Dr", "usw", "pal", "Ud", "sog", "a", "M"}
    nlp = lexloom.blank(code)
    for core in cores:
        chunks = [core + p for p in ",;:!?"] + ["(" + core, '"' + core]
        if core[-1].islower():
            chunks.append(core + ".")
        for chunk in chunks:
            expected = [orth for orth, _ in splitter.split(chunk)]
            assert [t.text for t in nlp(chunk)] == expected, chunk
