"""Polish lemmatizer (mode "pos_lookup"), as spaCy's: one lookup table per POS built from the
Morfeusz dictionary. Nouns are looked up case-sensitively (a capitalised noun may be a
mistagged name: its lowercase form first, then as written); adjectives and verbs negated with
"nie" and superlatives with "naj" are looked up without the prefix first."""
from __future__ import annotations

from ...pipeline.lemmatizer import Lemmatizer, language_factory

POS_TABLES = ("adj", "adp", "adv", "aux", "noun", "num", "part", "pron", "verb")


def lookup_noun(text: str, table: dict) -> str:
    """A noun's lemma, trying a capitalised word's lowercase form before the word itself."""
    if text != text.lower():
        lower = text.lower()
        if lower in table:
            return table[lower]
        return table.get(text, lower)
    return table.get(text, text)


class PolishLemmatizer(Lemmatizer):
    """spaCy's PolishLemmatizer: pos_lookup mode, plus the base class's lookup and rule."""

    @classmethod
    def get_lookups_config(cls, mode: str) -> tuple[list[str], list[str]]:
        if mode == "pos_lookup":
            return ([f"lemma_lookup_{pos}" for pos in POS_TABLES], [])
        return super().get_lookups_config(mode)

    def pos_lookup_lemmatize(self, token) -> list[str]:
        pos = token.pos_
        table = self.lookups.get_table(f"lemma_lookup_{'noun' if pos == 'PROPN' else pos.lower()}",
                                       {})
        text = token.text
        if pos == "NOUN":
            return [lookup_noun(text, table)]
        if pos != "PROPN":
            text = text.lower()
        if pos in ("ADJ", "VERB"):
            for stem in self._unprefixed(text, superlative=pos == "ADJ"):
                if stem in table:
                    return [table[stem]]
            return [table.get(text, text)]
        return [table.get(text, text.lower())]

    @staticmethod
    def _unprefixed(text: str, superlative: bool) -> list[str]:
        """The forms to try before the word itself: without "nie" (and then without "naj"
        for adjectives: "nienajlepszy"), and adjectives without "naj"."""
        stems = []
        if text.startswith("nie"):
            rest = text[3:]
            if superlative and rest.startswith("naj"):
                stems.append(rest[3:])
            stems.append(rest)
        if superlative and text.startswith("naj"):
            stems.append(text[3:])
        return stems


LEMMATIZER = PolishLemmatizer


make_lemmatizer = language_factory(PolishLemmatizer)
