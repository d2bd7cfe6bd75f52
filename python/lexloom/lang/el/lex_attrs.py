"""Greek number likeness.

The rule is spaCy 3.8's: a leading sign and the "," / "." separators are dropped, then
digits, a simple fraction ("3/4"), a power written with a caret ("10^6"), or a number
word matched lowercased; a text with spaces also counts when its first word is a number
word ("δύο χιλιάδες"). The words are lexloom's own table in standard monotonic spelling:
the cardinals with their gender forms ("ένας" / "μία" / "ένα", "τρεις" / "τρία",
"δεκατέσσερις" / "δεκατέσσερα"), the everyday variants "εφτά", "οχτώ", "εννιά" beside
"επτά", "οκτώ", "εννέα" (and in the teens and hundreds built from them), the tens, the
hundreds and thousands in all three genders ("διακόσιοι", "διακόσιες", "διακόσια"),
"χιλιάδα" and the "-εκατομμύριο" scales in singular and plural, "δις", and the
multiplicatives "τετράκις" .. "εννεάκις" that start compounds ("τετράκις εκατομμύρια").

Where this deliberately differs from spaCy 3.8: spaCy's non-standard spellings are not
numbers here: "δυό" (a monosyllable takes no accent), "δεκαεννεα" (accent missing) and
the hundreds in "-όσοι" ("διακόσοι"); the standard forms spaCy lacks are: "μία" / "μια",
the neuter and feminine teens, hundreds and thousands ("δεκατρία", "διακόσια", "χίλια"),
"δεκαεφτά", "δεκαοκτώ", "δεκαεννιά", "εκατόν", "εννεακόσιοι" and the plural scales
("εκατομμύρια").
"""
from __future__ import annotations

from ..lex_attrs import _strip_number_punct, number_like

_UNITS = ("μηδέν ένας μία μια ένα δύο δυο τρεις τρία τέσσερις τέσσερα πέντε έξι "
          "επτά εφτά οκτώ οχτώ εννέα εννιά").split()
# 10..12 are single words; 13..19 are "δεκα-" and the unit, which keeps an accent there
# ("δεκατρείς").
_TEENS = "δέκα έντεκα ένδεκα δώδεκα".split() + [
    "δεκα" + unit for unit in
    "τρείς τρία τέσσερις τέσσερα πέντε έξι επτά εφτά οκτώ οχτώ εννέα εννιά".split()]
_TENS = "είκοσι τριάντα σαράντα πενήντα εξήντα εβδομήντα ογδόντα ενενήντα".split()
# 200..900 and 1000 as adjectives: masculine "-οι", feminine "-ες", neuter "-α".
_HUNDRED_STEMS = ("διακόσι τριακόσι τετρακόσι πεντακόσι εξακόσι επτακόσι εφτακόσι "
                  "οκτακόσι οχτακόσι εννιακόσι εννεακόσι χίλι").split()
_HUNDREDS = ["εκατό", "εκατόν"] + [stem + ending for stem in _HUNDRED_STEMS
                                   for ending in ("οι", "ες", "α")]
# Thousands and the "-εκατομμύριο" scales in singular and plural; "δις" (billion).
_SCALES = ["χιλιάδα", "χιλιάδες", "δις"] + [
    prefix + "εκατομμύρι" + ending for prefix in ("", "δισ", "τρισ") for ending in "οα"]
# "four times" .. "nine times": the first part of "τετράκις εκατομμύρια" and the like.
_MULTIPLICATIVES = [stem + "άκις" for stem in "τετρ πεντ εξ επτ οκτ εννε".split()]

NUMBER_WORDS: frozenset[str] = frozenset(
    _UNITS + _TEENS + _TENS + _HUNDREDS + _SCALES + _MULTIPLICATIVES)


def _is_power(text: str) -> bool:
    """Digits, one caret, digits: "10^3"."""
    if text.count("^") != 1:
        return False
    base, exponent = text.split("^")
    return base.isdigit() and exponent.isdigit()


def like_num(text: str) -> bool:
    """Digits ("-1.000,5"), fractions, powers ("2^10"), number words in any case ("ΔΎΟ",
    "Εκατό") and texts that start with one ("τρία εκατομμύρια")."""
    if number_like(text, NUMBER_WORDS):
        return True
    text = _strip_number_punct(text)
    return _is_power(text) or text.lower().split(" ")[0] in NUMBER_WORDS


LEX_ATTRS = {"LIKE_NUM": like_num}
