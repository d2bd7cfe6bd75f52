"""Serbian (Cyrillic) special cases: weekday and month abbreviations in three cases, with
and without a period, common abbreviations and units, and apostrophe-clipped words, each
with its full form as NORM."""
from __future__ import annotations

from ..tokenizer_exceptions import (
    BASE_EXCEPTIONS,
    NORM,
    ORTH,
    Exceptions,
    merge_exceptions,
)

# full word -> abbreviation; each is written lowercase, capitalized or uppercase, with or
# without a final period. Monday's "пoн" has a Latin "o", as in spaCy's table: kept so
# that tokenization and saved rules agree with spaCy's.
_CALENDAR = {
    "понедељак": "пoн", "уторак": "уто", "среда": "сре", "четвртак": "чет", "петак": "пет",
    "субота": "суб", "недеља": "нед", "јануар": "јан", "фебруар": "феб", "март": "мар",
    "април": "апр", "јун": "јуни", "јул": "јули", "август": "авг", "септембар": "сеп септ",
    "октобар": "окт", "новембар": "нов", "децембар": "дец",
}

# full form -> its one spelling, kept whole as written (spaces included: "и сл.")
_NORMED = {
    # titles, places and units, without a period
    "доктор": "др", "господин": "гдин", "госпођа": "гђа", "госпођица": "гђица",
    "магистар": "мр", "београд": "Бгд", "центиметар": "цм", "метар": "м",
    "километар": "км", "милиграм": "мг", "килограм": "кг", "децилитар": "дл",
    "хектолитар": "хл",
    # with a period
    "улица": "ул.", "број": "бр.", "на пример": "нпр.", "такозван": "тзв.",
    "професор": "проф.", "страна": "стр.", "једнина": "једн.", "множина": "мн.",
    "ученик": "уч.", "разред": "разр.", "инжењер": "инж.", "гимназија": "гимн.",
    "година": "год.", "медицина": "мед.", "академик": "акад.", "доцент": "доц.",
    "и тако даље": "итд.", "и слично": "и сл.", "нове ере": "н.е.", "ове године": "о.г.",
    "лична карта": "л.к.", "вршилац дужности": "в.д.",
    # clipped with an apostrophe
    "али": "ал'", "или": "ил'", "је ли": "је л'", "да ли": "да л'", "држите": "држ'те",
}


def _serbian_exceptions() -> Exceptions:
    exc: Exceptions = {}
    for norm, abbrevs in _CALENDAR.items():
        for abbr in abbrevs.split():
            for form in (abbr, abbr.capitalize(), abbr.upper()):
                for orth in (form, form + "."):
                    exc[orth] = [{ORTH: orth, NORM: norm}]
    for norm, orth in _NORMED.items():
        exc[orth] = [{ORTH: orth, NORM: norm}]
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _serbian_exceptions())
