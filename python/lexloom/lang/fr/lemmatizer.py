"""French rule lemmatizer: the suffix rules cover the closed classes too (determiners,
pronouns, auxiliaries, prepositions...), a word already in the POS's index is its own lemma,
and the lookup table is the last resort."""
from __future__ import annotations

from ...pipeline.lemmatizer import Lemmatizer, language_factory, suffix_rule_forms

# POS whose lemmas come from the rule tables; any other POS uses the lookup table.
_RULE_POS = frozenset("noun verb adj adp adv aux cconj det pron punct sconj".split())


class FrenchLemmatizer(Lemmatizer):
    """spaCy's FrenchLemmatizer: rule mode needs lemma_lookup as well as the rule tables."""

    @classmethod
    def get_lookups_config(cls, mode: str) -> tuple[list[str], list[str]]:
        if mode == "rule":
            return (["lemma_lookup", "lemma_rules", "lemma_exc", "lemma_index"], [])
        return super().get_lookups_config(mode)

    def rule_lemmatize(self, token) -> list[str]:
        """Index hit, else exceptions, else rule outputs (known forms first), else lookup."""
        cache_key = (token.orth, token.pos)
        if cache_key in self.cache:
            return self.cache[cache_key]
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            return [string.lower()]
        if "lemma_rules" not in self.lookups or univ_pos not in _RULE_POS:
            return self.lookup_lemmatize(token)
        index = self._index_set(univ_pos, self.lookups.get_table("lemma_index", {})
                                .get(univ_pos, {}))
        exceptions = self.lookups.get_table("lemma_exc", {}).get(univ_pos, {})
        rules = self.lookups.get_table("lemma_rules", {}).get(univ_pos, [])
        lookup = self.lookups.get_table("lemma_lookup", {})
        string = string.lower()
        if string in index:
            forms = [string]
        else:
            forms = list(exceptions.get(string, []))
            if not forms:
                forms, oov_forms = suffix_rule_forms(string, rules, index)
                forms = forms or oov_forms
            if not forms:
                # spaCy indexes the looked-up value: a str lemma gives its first character.
                # Kept as is, so pipelines lemmatize identically in both.
                forms = [lookup.get(string, [string])[0]]
            forms = list(dict.fromkeys(forms))
        self.cache[cache_key] = forms
        return forms


LEMMATIZER = FrenchLemmatizer


make_lemmatizer = language_factory(FrenchLemmatizer)
