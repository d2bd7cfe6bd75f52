"""Haitian Creole lemmatizer: Haitian Creole words barely inflect, so rule mode gives the
lowercased word (spaCy's HaitianCreoleLemmatizer still requires the rule tables)."""
from __future__ import annotations

from ...pipeline.lemmatizer import Lemmatizer, language_factory


class HaitianCreoleLemmatizer(Lemmatizer):
    """spaCy's HaitianCreoleLemmatizer."""

    @classmethod
    def get_lookups_config(cls, mode: str) -> tuple[list[str], list[str]]:
        if mode == "rule":
            return (["lemma_lookup", "lemma_rules", "lemma_exc", "lemma_index"], [])
        return super().get_lookups_config(mode)

    def is_base_form(self, token) -> bool:
        """Open-class words without features, or in their citation form."""
        pos = token.pos_.lower()
        if pos not in ("noun", "verb", "adj", "adv"):
            return False
        feats = self._morph_dict(token)
        return (not feats or (pos == "noun" and feats.get("Number") == "Sing")
                or (pos == "verb" and feats.get("VerbForm") == "Inf")
                or (pos == "adj" and feats.get("Degree") == "Pos"))

    def rule_lemmatize(self, token) -> list[str]:
        return [token.text.lower()]


LEMMATIZER = HaitianCreoleLemmatizer


make_lemmatizer = language_factory(HaitianCreoleLemmatizer)
