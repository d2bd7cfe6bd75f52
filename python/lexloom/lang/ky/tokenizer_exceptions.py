"""Kyrgyz special cases: weekday, month and number abbreviations in any case, with or
without a period, normalised to the full word; and the written-only short forms ("ж.б.",
"б.з.ч.", "м-н")."""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, Exceptions, merge_exceptions
from ..tt.tokenizer_exceptions import abbreviation_exceptions

# full word -> abbreviation
_CALENDAR = {
    "дүйшөмбү": "дүй", "шейшемби": "шей", "шаршемби": "шар", "бейшемби": "бей", "жума": "жум",
    "ишемби": "ишм", "жекшемби": "жек",
    "январь": "янв", "февраль": "фев", "март": "мар", "апрель": "апр", "июнь": "июн",
    "июль": "июл", "август": "авг", "сентябрь": "сен", "октябрь": "окт", "ноябрь": "ноя",
    "декабрь": "дек",
    "миллиард": "млрд", "миллион": "млн",
}
# abbreviation -> what it stands for; written only as here
_DOTTED = {
    "ж.б.у.с.": "жана башка ушул сыяктуу", "ж.б.": "жана башка", "ж.": "жыл",
    "б.з.ч.": "биздин заманга чейин", "б.з.": "биздин заман",
    "кк.": "кылымдар", "жж.": "жылдар", "к.": "кылым", "көч.": "көчөсү",
    "м-н": "менен", "б-ча": "боюнча",
}

TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(
    BASE_EXCEPTIONS, abbreviation_exceptions(_CALENDAR, _DOTTED)
)
