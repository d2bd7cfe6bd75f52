"""Macedonian special cases: abbreviations and unit symbols with their full word as NORM,
written in lower case as Macedonian writes them. The list is lexloom's; every entry and
norm was checked to come out as spaCy's Macedonian gives it.

More abbreviations (_MORE_*): which spellings are kept whole was checked against
spaCy's Macedonian one by one (spaCy used as a black box); their norms are lexloom's own,
written from what each abbreviation stands for, so some differ from spaCy's."""
from __future__ import annotations

from ..tokenizer_exceptions import (BASE_EXCEPTIONS, Exceptions, merge_exceptions,
                                    normed_exceptions, spelled_exceptions)

# norm -> abbreviations
_NORMED = {
    # addresses, titles and forms of address
    "град": "гр.", "улица": "ул.", "професор": "проф.", "доктор": "д-р", "инженер": "инж.",
    "свети": "св.", "другар": "др.", "господин": "г-дин", "госпоѓа": "г-ѓа",
    "госпоѓица": "г-ца",
    # text
    "година": "г.", "век": "в.", "наша ера": "н.е.", "број": "бр.", "страница": "стр. с.",
    "точка": "т.", "член": "чл.", "списание": "сп.", "денар": "ден.", "то ест": "т.е.",
    "таканаречен": "т.н.",
    # units
    "килограм": "кг", "километар": "км", "сантиметар": "см", "милиметар": "мм", "метар": "м",
    "литар": "л", "тон": "т", "грам": "г",
}

# spelling -> norm
_MORE_NORMS: dict[str, str] = {
    'и сл.': 'и слично', 'арх.': 'архитектура', 'бел.': 'белешка', 'бот.': 'ботаника',
    'геогр.': 'географија', 'кн.': 'книга', 'м.р.': 'машки род', 'мат.': 'математика',
    'мед.': 'медицина', 'мн.': 'множина', 'прил.': 'прилог', 'физ.': 'физика', 'хем.': 'хемија',
    'мг': 'милиграм', 'дм': 'дециметар', 'м-р': 'магистер', 'прид.': 'придавка',
    'сврз.': 'сврзник', 'пр. н.': 'пред нашата', 'год.': 'година',
}


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(
    BASE_EXCEPTIONS, spelled_exceptions(_MORE_NORMS), normed_exceptions(_NORMED))
