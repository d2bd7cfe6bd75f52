"""Catalan rule lemmatizer: spaCy's CatalanLemmatizer follows the French one step for step
(rules for the open and closed classes, index hits kept, lookup table last), so it is the
French class under a Catalan name."""
from __future__ import annotations

from ..fr.lemmatizer import FrenchLemmatizer


class CatalanLemmatizer(FrenchLemmatizer):
    """spaCy's CatalanLemmatizer: rule mode reads lemma_lookup, lemma_rules, lemma_exc and
    lemma_index."""


LEMMATIZER = CatalanLemmatizer


def make_lemmatizer(nlp, model, name: str, mode: str, overwrite: bool, scorer):
    """spaCy's "ca.lemmatizer" factory function."""
    return CatalanLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite,
                             scorer=scorer)
