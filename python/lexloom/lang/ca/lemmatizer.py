"""Catalan rule lemmatizer: spaCy's CatalanLemmatizer follows the French one step for step
(rules for the open and closed classes, index hits kept, lookup table last), so it is the
French class under a Catalan name."""
from __future__ import annotations

from ...pipeline.lemmatizer import language_factory
from ..fr.lemmatizer import FrenchLemmatizer


class CatalanLemmatizer(FrenchLemmatizer):
    """spaCy's CatalanLemmatizer: rule mode reads lemma_lookup, lemma_rules, lemma_exc and
    lemma_index."""


LEMMATIZER = CatalanLemmatizer


make_lemmatizer = language_factory(CatalanLemmatizer)
