"""French: tokenizer rules (elision, inverted pronouns, compounds kept whole), like_num and
stop words, noun chunks on hand-built parses, and the rule lemmatizer (no spaCy)."""
from __future__ import annotations

import pytest

import lexloom
from lexloom.lookups import Lookups
from lexloom.tokens import Doc


@pytest.fixture(scope="module")
def nlp():
    return lexloom.blank("fr")


@pytest.mark.parametrize("text,tokens", [
    ("L'homme qu'il a vu", ["L'", "homme", "qu'", "il", "a", "vu"]),
    ("l\u2019homme", ["l\u2019", "homme"]),  # curly apostrophe elides too
    ("a-t-il", ["a", "-t", "-il"]),
    ("Qu'est-ce", ["Qu'", "est", "-ce"]),
    ("dit-il", ["dit", "-il"]),  # a subject pronoun after a hyphen splits off
    ("aujourd'hui", ["aujourd'hui"]),
    ("anti-inflammatoire", ["anti-inflammatoire"]),  # known first element: kept whole
    ("arc-en-ciel", ["arc-en-ciel"]),  # X-en-Y
    ("grand-mère", ["grand-mère"]),
    ("hip-hop", ["hip-hop"]),
    ("entr'ouvert", ["entr'ouvert"]),
    ("celle-ci", ["celle-ci"]),
    ("J.-C.", ["J.", "-C."]),
    ("M. Dupont", ["M.", "Dupont"]),
    ("12,50€ 3% 10km", ["12,50", "€", "3", "%", "10", "km"]),
    ("Jusqu'alors", ["Jusqu'", "alors"]),  # apostrophe between letters is an infix
])
def test_tokenizer(nlp, text, tokens):
    doc = nlp(text)
    assert [t.text for t in doc] == tokens
    assert doc.text == text


def test_like_num_and_stop_words(nlp):
    vocab = nlp.vocab
    for word in ("vingt", "Quatre-vingt-dix", "premier", "dixième", "1.000,5", "3/4", "-12"):
        assert vocab[word].like_num, word
    for word in ("maison", "vingtaine", "1a"):
        assert not vocab[word].like_num, word
    for word in ("le", "Les", "nous", "quelque"):
        assert vocab[word].is_stop, word
    assert not vocab["maison"].is_stop


def _parsed(nlp, words, heads, deps, pos):
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)


def test_noun_chunks(nlp):
    # "Le chat noir de ma voisine dort" : chat <- nsubj of dort; noir amod; voisine nmod
    words = ["Le", "chat", "noir", "de", "ma", "voisine", "dort"]
    heads = [1, 6, 1, 5, 5, 1, 6]
    deps = ["det", "nsubj", "amod", "case", "det", "nmod", "ROOT"]
    pos = ["DET", "NOUN", "ADJ", "ADP", "DET", "NOUN", "VERB"]
    doc = _parsed(nlp, words, heads, deps, pos)
    # the first right child is an adjective: the chunk takes its subtree ("Le chat noir")
    assert [c.text for c in doc.noun_chunks] == ["Le chat noir", "ma voisine"]
    assert all(c.label_ == "NP" for c in doc.noun_chunks)


def test_noun_chunks_conjunct_without_conjunction(nlp):
    # "Paul et Marie partent": Marie conj of Paul, "et" its left child (CCONJ) is dropped
    doc = _parsed(nlp, ["Paul", "et", "Marie", "partent"], [3, 2, 0, 3],
                  ["nsubj", "cc", "conj", "ROOT"], ["PROPN", "CCONJ", "PROPN", "VERB"])
    assert [c.text for c in doc.noun_chunks] == ["Paul", "Marie"]


def test_noun_chunks_need_a_parse(nlp):
    with pytest.raises(ValueError, match="dependency parse"):
        list(nlp("Le chat").noun_chunks)


def _lemmatizer(nlp):
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    lookups = Lookups()
    lookups.add_table("lemma_rules", {"noun": [["aux", "al"], ["s", ""]],
                                      "verb": [["ons", "er"]], "adv": [["ment", ""]]})
    lookups.add_table("lemma_index", {"noun": ["cheval", "chat"], "verb": ["chanter"]})
    lookups.add_table("lemma_exc", {"noun": {"yeux": ["œil"]}})
    lookups.add_table("lemma_lookup", {"hier": "hier", "vite": "vitesse"})
    lemmatizer.initialize(lookups=lookups)
    return lemmatizer


def test_french_rule_lemmatizer():
    from lexloom.lang.fr.lemmatizer import FrenchLemmatizer

    nlp = lexloom.blank("fr")
    lemmatizer = _lemmatizer(nlp)
    assert isinstance(lemmatizer, FrenchLemmatizer)
    words = ["chevaux", "Chats", "yeux", "chantons", "lents", "chat", "vite", "oh"]
    pos = ["NOUN", "NOUN", "NOUN", "VERB", "NOUN", "NOUN", "ADV", "INTJ"]
    doc = lemmatizer(Doc(nlp.vocab, words=words, pos=pos))
    # rules: known forms win ("cheval"), exceptions first ("œil"), an unknown rule output
    # when nothing is known ("lent"), an index hit is its own lemma ("chat"); ADV has
    # rules but none applies, so the lookup value is indexed like spaCy does ("v"); a POS
    # without rules uses the lookup table, falling back to the text
    assert [t.lemma_ for t in doc] == ["cheval", "chat", "œil", "chanter", "lent", "chat",
                                       "v", "oh"]


def test_french_rule_mode_requires_the_lookup_table():
    from lexloom.errors import LookupsError

    nlp = lexloom.blank("fr")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    lookups = Lookups()
    for table in ("lemma_rules", "lemma_index", "lemma_exc"):
        lookups.add_table(table, {})
    with pytest.raises(LookupsError, match="lemma_lookup"):
        lemmatizer.initialize(lookups=lookups)
