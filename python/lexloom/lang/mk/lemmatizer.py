"""Macedonian rule lemmatizer: the verbal adverb ending "јќи" is cut and the rest lemmatized
as a verb; suffix rules keep only known (or non-alphabetic) forms; exceptions come first; a
word no rule knows keeps its text (proper nouns keep their case)."""
from __future__ import annotations

from ...pipeline.lemmatizer import Lemmatizer, language_factory, suffix_rule_forms


class MacedonianLemmatizer(Lemmatizer):
    """spaCy's MacedonianLemmatizer (rule mode; lookup mode as the base class)."""

    def rule_lemmatize(self, token) -> list[str]:
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            return [string.lower()]
        if string.endswith("јќи"):
            string, univ_pos = string[:-3], "verb"
        index_table = self.lookups.get_table("lemma_index", {})
        exc_table = self.lookups.get_table("lemma_exc", {})
        rules_table = self.lookups.get_table("lemma_rules", {})
        if not any((index_table.get(univ_pos), exc_table.get(univ_pos),
                    rules_table.get(univ_pos))):
            return [string] if univ_pos == "propn" else [string.lower()]
        index = self._index_set(univ_pos, index_table.get(univ_pos, {}))
        lower = string.lower()
        known, _unknown = suffix_rule_forms(lower, rules_table.get(univ_pos, []), index)
        forms = list(dict.fromkeys(known))
        for form in exc_table.get(univ_pos, {}).get(lower, []):
            if form not in forms:
                forms.insert(0, form)
        return forms or [string]


LEMMATIZER = MacedonianLemmatizer


make_lemmatizer = language_factory(MacedonianLemmatizer)
