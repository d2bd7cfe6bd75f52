"""Bulgarian special cases: abbreviations and unit symbols with their full word as NORM,
written in lower case as Bulgarian writes them. The list is lexloom's; every entry and norm
was checked to come out as spaCy's Bulgarian gives it."""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, Exceptions, merge_exceptions, normed_exceptions

# norm -> abbreviations
_NORMED = {
    # addresses and places
    "град": "гр.", "улица": "ул.", "булевард": "бул.", "площад": "пл.", "блок": "бл.",
    "село": "с.", "остров": "о-в", "езеро": "ез.",
    # titles and forms of address
    "академик": "акад.", "професор": "проф.", "доктор": "д-р", "инженер": "инж.",
    "свети": "св.", "господин": "г-н", "госпожа": "г-жа", "госпожица": "г-ца",
    # text and law
    "година": "г.", "век": "в.", "брой": "бр.", "страница": "стр.", "глагол": "гл.",
    "число": "ч.", "член": "чл.", "алинея": "ал.", "телефон": "тел.", "време": "вр.",
    "спорт": "сп.", "лев": "лв.", "други": "др.", "например": "напр.", "тоест": "т.е.",
    "така нататък": "т.н.", "така наречен": "т.нар.",
    # units
    "килограм": "кг", "километър": "км", "сантиметър": "см", "милиметър": "мм", "метър": "м",
    "литър": "л", "тон": "т", "грам": "г",
}

TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, normed_exceptions(_NORMED))
