"""Tatar special cases: weekday, month and number abbreviations in any case, with or without
a period, normalised to the full word; and the dotted "etc."-style abbreviations."""
from __future__ import annotations

from ..tokenizer_exceptions import (
    BASE_EXCEPTIONS,
    NORM,
    ORTH,
    Exceptions,
    merge_exceptions,
)

# full word -> abbreviation
_CALENDAR = {
    "дүшәмбе": "дш", "сишәмбе": "сш", "чәршәмбе": "чш", "пәнҗешәмбе": "пш", "җомга": "җм",
    "шимбә": "шб", "якшәмбе": "яш",
    "гыйнвар": "гый", "февраль": "фев", "март": "мар", "апрель": "апр", "июнь": "июн",
    "июль": "июл", "август": "авг", "сентябрь": "сен", "октябрь": "окт", "ноябрь": "ноя",
    "декабрь": "дек",
    "миллиард": "млрд", "миллион": "млн",
}
# abbreviation -> what it stands for; written only as here
_DOTTED = {
    "һ.б.ш.": "һәм башка шундыйлар", "һ.б.": "һәм башка",
    "б.э.к.": "безнең эрага кадәр", "б.э.": "безнең эра",
}


def abbreviation_exceptions(calendar: dict[str, str], dotted: dict[str, str]) -> Exceptions:
    """Each `calendar` abbreviation in lower, Title and UPPER case, bare and with a period,
    plus the `dotted` ones as written; every entry is one token normalised to its word."""
    exc: Exceptions = {}
    for word, abbr in calendar.items():
        for form in (abbr, abbr.capitalize(), abbr.upper()):
            for orth in (form, form + "."):
                exc[orth] = [{ORTH: orth, NORM: word}]
    for orth, words in dotted.items():
        exc[orth] = [{ORTH: orth, NORM: words}]
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(
    BASE_EXCEPTIONS, abbreviation_exceptions(_CALENDAR, _DOTTED)
)
