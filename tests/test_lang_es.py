"""Spanish: tokenizer rules, like_num and stop words, noun chunks on hand-built parses, and
the morphology-driven rule lemmatizer on small tables (no spaCy)."""
from __future__ import annotations

import pytest

import lexloom
from lexloom.lookups import Lookups
from lexloom.tokens import Doc


@pytest.fixture(scope="module")
def nlp():
    return lexloom.blank("es")


@pytest.mark.parametrize("text,tokens", [
    ("pal centro", ["pa", "l", "centro"]),
    ("5pm 10a.m.", ["5", "pm", "10", "a.m."]),
    ("EE.UU. y Ud.", ["EE.UU.", "y", "Ud."]),
    ("ex-presidente 1-2", ["ex-presidente", "1-2"]),  # no hyphen infix in Spanish
    ("—¿Vienes?", ["—", "¿", "Vienes", "?"]),
    ("3% 10km", ["3%", "10", "km"]),  # "%" is no unit here
    ("fin.", ["fin", "."]),
    ("12m.", ["12", "m."]),
])
def test_tokenizer(nlp, text, tokens):
    doc = nlp(text)
    assert [t.text for t in doc] == tokens
    assert doc.text == text


def test_norms(nlp):
    assert [t.norm_ for t in nlp("pal Ud.")] == ["pa", "el", "usted"]


def test_like_num_and_stop_words(nlp):
    vocab = nlp.vocab
    for word in ("veintitrés", "Mil", "primero", "1.000,5", "3/4"):
        assert vocab[word].like_num, word
    assert not vocab["casa"].like_num
    assert vocab["el"].is_stop and vocab["Nosotros"].is_stop and not vocab["casa"].is_stop


def test_noun_chunks_drop_leading_preposition(nlp):
    # "la casa de mi madre es grande": madre nmod of casa, its left edge "de" (ADP) dropped
    words = ["la", "casa", "de", "mi", "madre", "es", "grande"]
    doc = Doc(nlp.vocab, words=words, heads=[1, 6, 4, 4, 1, 6, 6],
              deps=["det", "nsubj", "case", "det", "nmod", "cop", "ROOT"],
              pos=["DET", "NOUN", "ADP", "DET", "NOUN", "AUX", "ADJ"])
    # "casa" has the right child "madre" (nmod, not a post-modifier): the chunk ends at it
    assert [c.text for c in doc.noun_chunks] == ["la casa", "mi madre"]


def _lemmatizer(nlp):
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    lookups = Lookups()
    lookups.add_table("lemma_rules_groups", {
        "noun": [["noun_plural", ["Number=Plur"]], ["noun", []]],
        "verb": [["verb_ar", []]], "pron": [["pron", []]]})
    lookups.add_table("lemma_rules", {
        "noun_plural": [["es", ""], ["s", ""]], "noun": [],
        "verb_ar": [["amos", "ar"], ["ué", "ar"], ["o", "er"]],
        "accents": [["á", "a"], ["é", "e"], ["ó", "o"]],
        "voc_alt_1": [["i", "e"]], "voc_alt_2": [["ue", "o"]],
        "adverbs": [["mejor", "bien"]], "num": [["dos", "2"]],
        "pron": [["me", "yo"], ["lo", "él"]], "det_and_pron_fixed": [],
        "det_and_pron_general": [["os", "o"]]})
    lookups.add_table("lemma_index", {"noun": ["joven", "casa"], "verb": ["cantar", "poder"],
                                      "pron": []})
    lookups.add_table("lemma_exc", {"verb": {"fui": ["ir"], "da": ["dar"]}})
    lemmatizer.initialize(lookups=lookups)
    return lemmatizer


def test_spanish_rule_lemmatizer():
    from lexloom.lang.es.lemmatizer import SpanishLemmatizer

    nlp = lexloom.blank("es")
    lemmatizer = _lemmatizer(nlp)
    assert isinstance(lemmatizer, SpanishLemmatizer)
    words = ["Jóvenes", "casas", "cantamos", "puedo", "fui", "mejor", "1.000,5", "De", "de",
             "Madrid"]
    pos = ["NOUN", "NOUN", "VERB", "VERB", "VERB", "ADV", "NUM", "ADP", "ADP", "PROPN"]
    morphs = ["Number=Plur", "Number=Plur", "", "", "", "", "", "", "", ""]
    doc = Doc(nlp.vocab, words=words, pos=pos, morphs=morphs,
              sent_starts=[True] + [False] * 6 + [True, False, False])
    lemmatizer(doc)
    # jóvenes -> jóven (rule) -> joven (accent variant of a plural, in the index);
    # puedo -> pueder (rule "o" -> "er", unknown) -> poder (vowel alternation ue -> o,
    # known); numerals use "." as the decimal point; closed classes keep their text,
    # lowercased at a sentence start ("De")
    assert [t.lemma_ for t in doc] == ["joven", "casa", "cantar", "poder", "ir", "bien",
                                       "1000.5", "de", "de", "Madrid"]


def test_spanish_verb_with_clitics():
    nlp = lexloom.blank("es")
    lemmatizer = _lemmatizer(nlp)
    doc = Doc(nlp.vocab, words=["dame", "lo"], pos=["VERB", "PRON"],
              morphs=["PronType=Prs", ""])
    lemmatizer(doc)
    assert doc[0].lemma_ == "dar yo"


def test_sentence_start_lowercasing_survives_the_cache():
    # the native cache holds the mid-sentence lemma; sentence starts are applied after it,
    # so the order in which a word is first seen does not matter
    nlp = lexloom.blank("es")
    lemmatizer = _lemmatizer(nlp)
    words = ["Y", "Y", "Para", "Y", "Madrid"]
    pos = ["CCONJ", "CCONJ", "ADP", "CCONJ", "PROPN"]
    for starts in ([False, True, False, True, True], [True, False, True, False, False]):
        doc = lemmatizer(Doc(nlp.vocab, words=words, pos=pos, sent_starts=starts))
        expected = [w.lower() if s and p != "PROPN" else w for w, s, p in zip(words, starts, pos)]
        assert [t.lemma_ for t in doc] == expected
        assert [lemmatizer.rule_lemmatize(t)[0] for t in doc] == expected
    # a lemma set before the call is kept (overwrite is False)
    doc = Doc(nlp.vocab, words=["Y"], pos=["CCONJ"], sent_starts=[True], lemmas=["ya"])
    assert lemmatizer(doc)[0].lemma_ == "ya"
