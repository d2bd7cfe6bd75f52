"""Dutch lemmatizer. Lookup mode reads the table with the lowercased word (its keys are all
lowercase). Rule mode, for the open classes and pronouns, determiners, adpositions and
numerals: a word in the POS's lemma index is its own lemma; else its first exception; else
the lookup table's lemma if the index knows it; else the first rule output the index knows;
else, among the unknown rule outputs, one that is itself an exception, or the looked-up
lemma, or all of them; else the looked-up lemma or the word."""
from __future__ import annotations

from ...pipeline.lemmatizer import Lemmatizer, language_factory

_RULE_POS = frozenset("noun verb aux adj adv pron det adp num".split())


class DutchLemmatizer(Lemmatizer):
    """spaCy's DutchLemmatizer."""

    @classmethod
    def get_lookups_config(cls, mode: str) -> tuple[list[str], list[str]]:
        if mode == "rule":
            return (["lemma_lookup", "lemma_rules", "lemma_exc", "lemma_index"], [])
        return super().get_lookups_config(mode)

    def lookup_lemmatize(self, token) -> list[str]:
        string = token.text.lower()
        return [self.lookups.get_table("lemma_lookup", {}).get(string, string)]

    def rule_lemmatize(self, token) -> list[str]:
        string = token.text.lower()
        univ_pos = token.pos_.lower()
        if univ_pos not in _RULE_POS:
            return [string]
        index = self._index_set(univ_pos, self.lookups.get_table("lemma_index", {})
                                .get(univ_pos, {}))
        if string in index:
            return [string]
        exceptions = self.lookups.get_table("lemma_exc", {}).get(univ_pos, {})
        if exceptions.get(string):
            return [exceptions[string][0]]
        looked_up = self.lookups.get_table("lemma_lookup", {}).get(string)
        if looked_up and looked_up in index:
            return [looked_up]
        unknown: list[str] = []
        for old, new in self.lookups.get_table("lemma_rules", {}).get(univ_pos, {}):
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if form in index and form:
                    return [form]
                if form:
                    unknown.append(form)
        unknown = list(dict.fromkeys(unknown))
        for form in unknown:
            if form in exceptions:
                return [form]
        if looked_up:
            return [looked_up]
        return unknown or [string]


LEMMATIZER = DutchLemmatizer


make_lemmatizer = language_factory(DutchLemmatizer)
