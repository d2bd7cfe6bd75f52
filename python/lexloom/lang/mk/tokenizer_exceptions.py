"""Macedonian special cases: abbreviations and unit symbols with their full word as NORM,
written in lower case as Macedonian writes them. The list is lexloom's; every entry and
norm was checked to come out as spaCy's Macedonian gives it."""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, Exceptions, merge_exceptions, normed_exceptions

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

TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, normed_exceptions(_NORMED))
