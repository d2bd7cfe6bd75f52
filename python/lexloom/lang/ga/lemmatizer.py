"""Irish lemmatizer (mode "pos_lookup"), as spaCy's: lookup tables per POS (from the BuNaMo
lexicon: lemma_lookup_adj/adp/noun/verb), looked up after undoing the initial mutations
that Irish grammar puts on a word (eclipsis "bhfear", t- and h-prothesis "t-súil", "hóg",
lenition "bhean") and the dotted consonants of the old script ("ḃ" for "bh").

A word can have several lemmas; the first is the token's. Unknown words keep their
lower-cased form.
"""
from __future__ import annotations

from ...pipeline.lemmatizer import Lemmatizer, language_factory

_UPPER_VOWELS = "AÁEÉIÍOÓUÚ"
_LOWER_VOWELS = "aáeéiíoóuú"

# The old script's dotted consonants (the "ponc") and the spelling with "h" they stand for.
_DOTTED = str.maketrans({dotted: plain + "h" for dotted, plain in zip("ḃċḋḟġṁṗṡṫ", "bcdfgmpst")}
                        | {dotted: plain + "H" for dotted, plain in zip("ḂĊḊḞĠṀṖṠṪ",
                                                                        "BCDFGMPST")})

# Mutations written before a word, tried in order (the first that matches is removed): the
# lower-cased beginning and how many characters to drop. Eclipsis ("bhfear", "mbád",
# "gcat"...), its hyphenated non-standard spellings ("bh-f", "m-b"...), t-prothesis before
# s ("tsúil", "t-súil").
_ECLIPSIS = [("bhf", 2)] + [(pair, 1) for pair in ("mb", "gc", "nd", "ng", "bp", "dt")]
_HYPHENATED_ECLIPSIS = [("bh-f", 3)] + [(f"{a}-{b}", 2) for a, b in
                                         ("mb", "gc", "nd", "ng", "bp", "dt")]
_T_PROTHESIS = [("ts", 1), ("t-s", 2)]

_LENITABLE = "bcdfgmpst"


def unponc(word: str) -> str:
    """The word with the old script's dotted consonants spelled with "h" ("ḃean" -> "bhean")."""
    return word.translate(_DOTTED)


def demutate(word: str, is_hpref: bool = False) -> str:
    """The word without its initial mutation. `is_hpref`: the morphology says an initial "h"
    is a prothesis (Form=HPref), which removes it before any vowel.

    As spaCy's, lenition is judged on the word as given, so after an eclipsis has been
    removed the letter after the new first one is dropped too ("bhfuil" -> "fil")."""
    lower = word.lower()
    stripped = word
    for prefix, cut in _ECLIPSIS:
        if lower.startswith(prefix):
            stripped = word[cut:]
            break
    else:
        # (as in spaCy, an empty slice counts as a vowel: "n" alone loses its "n")
        if word[:1] == "n" and word[1:2] in _UPPER_VOWELS:  # "nAthair"
            stripped = word[1:]
        elif lower.startswith("n-") and word[2:3] in _LOWER_VOWELS:  # "n-athair"
            stripped = word[2:]
        else:
            for prefix, cut in _HYPHENATED_ECLIPSIS + _T_PROTHESIS:
                if lower.startswith(prefix):
                    stripped = word[cut:]
                    break
            else:
                if word[:1] == "h" and (is_hpref or word[1:2] in _UPPER_VOWELS):
                    stripped = word[1:]
    if lower[:1] and lower[:1] in _LENITABLE and lower[1:2] == "h":
        stripped = stripped[:1] + stripped[2:]
    return stripped


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


class IrishLemmatizer(Lemmatizer):
    """spaCy's IrishLemmatizer: pos_lookup mode, plus the base class's lookup and rule."""

    @classmethod
    def get_lookups_config(cls, mode: str) -> tuple[list[str], list[str]]:
        if mode == "pos_lookup":
            return ([f"lemma_lookup_{pos}" for pos in ("adj", "adp", "noun", "verb")], [])
        return super().get_lookups_config(mode)

    def pos_lookup_lemmatize(self, token) -> list[str]:
        pos = token.pos_
        text = unponc(token.text)
        if pos not in ("PROPN", "ADP", "ADJ", "NOUN", "VERB"):
            return [text.lower()]
        if token.has_morph():
            morph = token.morph
            # verbal nouns and participles are not in the tables: their demutated form is
            if pos == "NOUN" and ("VerbForm=Vnoun" in morph or "VerbForm=Inf" in morph):
                return [demutate(text, "Form=HPref" in morph).lower()]
            if pos == "ADJ" and "VerbForm=Part" in morph:
                return [demutate(text).lower()]
        table = self.lookups.get_table("lemma_lookup_" + ("noun" if pos == "PROPN"
                                                          else pos.lower()), {})
        if pos == "ADP":
            return _as_list(table.get(text, text.lower()))
        demutated = demutate(text)
        # an initial "h" before a vowel may be a prothesis: the form without it is tried too
        unprefixed = text[1:] if text[:1].lower() == "h" and text[1:2].lower() in _LOWER_VOWELS \
            else ""
        if pos != "PROPN":
            demutated, unprefixed = demutated.lower(), unprefixed.lower()
        lemmas = _as_list(table.get(demutated)) + _as_list(table.get(unprefixed))
        return lemmas or [text.lower()]


LEMMATIZER = IrishLemmatizer


make_lemmatizer = language_factory(IrishLemmatizer)
