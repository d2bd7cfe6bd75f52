"""Greek rule lemmatizer: a word already in the POS's index of lemmas is its own lemma; then
exceptions; then suffix rules (known or non-alphabetic forms first, other forms if none); else
the lowercased word. No base-form shortcut from the morphology."""
from __future__ import annotations

from ...pipeline.lemmatizer import Lemmatizer, language_factory, suffix_rule_forms


class GreekLemmatizer(Lemmatizer):
    """spaCy's GreekLemmatizer (rule mode; lookup mode as the base class)."""

    def rule_lemmatize(self, token) -> list[str]:
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            return [token.text.lower()]
        string = token.text.lower()
        index = self._index_set(univ_pos, self.lookups.get_table("lemma_index", {})
                                .get(univ_pos, {}))
        if string in index:
            return [string]
        forms = list(self.lookups.get_table("lemma_exc", {}).get(univ_pos, {}).get(string, []))
        unknown: list[str] = []
        if not forms:
            rules = self.lookups.get_table("lemma_rules", {}).get(univ_pos, {})
            forms, unknown = suffix_rule_forms(string, rules, index)
        return list(dict.fromkeys(forms or unknown or [string]))


LEMMATIZER = GreekLemmatizer


make_lemmatizer = language_factory(GreekLemmatizer)
