"""Russian special cases: abbreviations kept whole with their full form as NORM (weekdays and
months in every case, titles, money, addresses, everyday shorthand).

The list is lexloom's; which abbreviations are kept whole, and their norms, follow what
spaCy 3.8's Russian tokenizer does with them (checked one by one), so that pipelines trained
by spaCy see the same tokens and norms here."""
from __future__ import annotations

from ..tokenizer_exceptions import (BASE_EXCEPTIONS, NORM, ORTH, Exceptions, merge_exceptions,
                                    normed_exceptions)


def _cased(*spellings: str) -> str:
    """Each spelling in lower case, capitalised and upper case."""
    return " ".join(f"{s} {s[:1].upper() + s[1:]} {s.upper()}" for s in spellings)


# norm -> spellings (space-separated)
_NORMED = {
    # weekdays and months: any case, days also without the period
    "понедельник": _cased("пн.", "пн"), "вторник": _cased("вт.", "вт"), "среда": _cased("ср."),
    "четверг": _cased("чт.", "чт"), "пятница": _cased("пт.", "пт"),
    "суббота": _cased("сб.", "сб"), "воскресенье": _cased("вс.", "вскр.", "воскр."),
    "январь": _cased("янв."), "февраль": _cased("фев.", "февр."), "март": _cased("мар."),
    "апрель": _cased("апр."), "август": _cased("авг."), "сентябрь": _cased("сен.", "сент."),
    "октябрь": _cased("окт."), "ноябрь": _cased("нояб.", "ноя."), "декабрь": _cased("дек."),
    # titles
    "академик": "акад.", "доцент": "доц.", "профессор": "проф.", "доктор": "д-р",
    "директор": "дир.", "исполняющий обязанности": "и.о.", "господин": "г-н",
    "человек": "чел.",
    "госпожа": "г-жа", "товарищ": "тов.",
    # money and numbers
    "тысяч": "тыс.", "рубль": "руб.", "доллар": "долл.",
    # places and addresses
    "город": "г.", "область": "обл.", "район": "р-н", "улица": "ул.", "переулок": "пер.",
    "площадь": "пл.", "бульвар": "б-р", "шоссе": "ш.", "набережная": "наб.", "дом": "д.",
    "строение": "стр.", "квартира": "кв.", "офис": "оф.", "село": "с.", "поселок": "п.",
    "поселение": "пос.", "станция": "ст.", "республика": "респ.", "имени": "им.",
    # shorthand in running text
    "годы": "гг.", "то есть": "т.е.", "так далее": "т.д.", "тому подобное": "т.п.",
    "так как": "т.к.", "так называемый": "т.н.", "смотри": "см.", "примечание": "прим.",
}
# kept whole across their space (the tokenizer matches special cases that hold spaces)
_WITH_SPACE = {"заведующий кафедрой": "зав. кафедрой", "и другие": "и др.",
               "в том числе": "в т.ч."}


def _russian_exceptions() -> Exceptions:
    exc = normed_exceptions(_NORMED)
    exc.update({orth: [{ORTH: orth, NORM: norm}] for norm, orth in _WITH_SPACE.items()})
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _russian_exceptions())
