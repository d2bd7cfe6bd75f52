"""Italian lemmatizer (mode "pos_lookup"), as spaCy's: lookup tables per POS from the morph-it
lexicon, with the articles and clitic pronouns mapped to their citation forms (il, uno, lo,
di), "alcun"/"qualcun" completed, and the POS-blind lemma_lookup table as the last resort for
the other classes."""
from __future__ import annotations

from ...pipeline.lemmatizer import Lemmatizer, language_factory
from ..pl.lemmatizer import lookup_noun

POS_TABLES = ("num", "det", "adp", "adj", "noun", "pron", "verb", "aux", "adv", "other")
_ARTICLES = {**dict.fromkeys(("l'", "lo", "la", "i", "gli", "le"), "il"),
             **dict.fromkeys(("un'", "un", "una"), "uno")}
_CLITICS = {**dict.fromkeys(("l'", "li", "la", "gli", "le"), "lo"),
            **dict.fromkeys(("un'", "un", "una"), "uno")}
_TRUNCATED = {"alcun": "alcuno", "qualcun": "qualcuno"}


class ItalianLemmatizer(Lemmatizer):
    """spaCy's ItalianLemmatizer: pos_lookup mode, plus the base class's lookup and rule."""

    @classmethod
    def get_lookups_config(cls, mode: str) -> tuple[list[str], list[str]]:
        if mode == "pos_lookup":
            return ([f"lemma_lookup_{pos}" for pos in POS_TABLES] + ["lemma_lookup"], [])
        return super().get_lookups_config(mode)

    def pos_lookup_lemmatize(self, token) -> list[str]:
        pos = token.pos_
        table_pos = {"PROPN": "noun", "PART": "pron"}.get(pos, pos.lower())
        table = self.lookups.get_table(f"lemma_lookup_{table_pos}", {})
        text = token.text
        if pos == "NOUN":
            return [lookup_noun(text, table)]
        if pos != "PROPN":
            text = text.lower()
        if pos == "DET":
            return [_ARTICLES.get(text) or table.get(text, text)]
        if pos == "PRON":
            lemma = _CLITICS.get(text) or table.get(text, text)
            return [_TRUNCATED.get(lemma, lemma)]
        if pos == "ADP":
            return ["di" if text == "d'" else table.get(text, text)]
        if pos == "ADJ":
            lemma = table.get(text, text)
            return [_TRUNCATED.get(lemma, lemma)]
        lemma = (table.get(text, "") or self.lookups.get_table("lemma_lookup_other").get(text, "")
                 or self.lookups.get_table("lemma_lookup").get(text, text.lower()))
        return [lemma]


LEMMATIZER = ItalianLemmatizer


make_lemmatizer = language_factory(ItalianLemmatizer)
