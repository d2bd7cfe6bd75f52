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


@pytest.mark.parametrize("code", CODES)
def test_a_subclass_with_letter_affixes_loses_the_shortcuts(code):
    """The claims are the language's own tables': a Defaults subclass adding affixes that
    match letters (as a user's custom language does) gets every chunk split by its rules."""
    lang_cls = get_lang_class(code)

    class Defaults(lang_cls.Defaults):
        prefixes = list(lang_cls.Defaults.prefixes) + ["un"]
        suffixes = list(lang_cls.Defaults.suffixes) + ["ing"]
        infixes = list(lang_cls.Defaults.infixes) + [r"(?<=a)b(?=c)"]

    class Custom(lang_cls):
        lang = code

    Custom.Defaults = Defaults
    nlp = Custom()
    assert not nlp.tokenizer.splitter.letters_are_atomic
    assert [t.text for t in nlp("undoing abc")] == ["un", "do", "ing", "a", "b", "c"]
    assert lang_cls.Defaults.make_splitter().letters_are_atomic  # the language keeps them


def test_editing_the_defaults_tables_reaches_later_pipelines():
    """spaCy reads Defaults.prefixes / infixes each time it builds a tokenizer."""
    from lexloom.lang.en import English

    before = English.Defaults.prefixes
    try:
        assert [t.text for t in lexloom.blank("en")("#tag")] == ["#", "tag"]
        English.Defaults.prefixes = [p for p in before if p != "#"]
        assert [t.text for t in lexloom.blank("en")("#tag")] == ["#tag"]
    finally:
        English.Defaults.prefixes = before
    assert [t.text for t in lexloom.blank("en")("#tag")] == ["#", "tag"]
