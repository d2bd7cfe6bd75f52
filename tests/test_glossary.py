"""explain(): a description for every label spaCy's glossary knows."""
import warnings

import pytest
from lexloom.glossary import GLOSSARY, explain

import lexloom

# A sample of spaCy's glossary keys from each family (POS, Penn, STTS, CTB, deps, NER).
SPACY_KEYS = ["ADJ", "PROPN", "SPACE", ".", "-LRB-", "``", "NNP", "PRP$", "VBZ", "_SP", "$(",
              "ADJA", "VVFIN", "AD", "DEC", "NP", "PNP", "acl", "nsubj", "dobj", "ROOT",
              "relcl", "xcomp", "ac", "sb", "vo", "PERSON", "GPE", "WORK_OF_ART", "CARDINAL",
              "PER", "MISC", "GPE_LOC", "GPE_ORG"]


@pytest.mark.parametrize("key", SPACY_KEYS)
def test_explain_knows_spacy_keys(key):
    assert isinstance(explain(key), str) and explain(key)


def test_explain_says_what_the_label_means():
    assert explain("nsubj") == "nominal subject"
    assert explain("NOUN") == "noun"
    assert "people" in explain("PERSON").lower()
    assert lexloom.explain("dobj") == "direct object"


def test_glossary_size():
    assert len(GLOSSARY) == 302


def test_unknown_term_warns_and_returns_none():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert explain("not-a-label") is None
    assert any("[W118]" in str(w.message) for w in caught)
