"""Greek affixes. Prefixes take off elided words ("σ'", "απ'"), quoted words, signed and
percent numbers and "'12"-style years; suffixes split a period or hyphen after a Greek
letter, "12'", units and hyphenated Greek compounds; infixes keep number ranges, dates,
e-mail-like and hyphenated Latin words as single pieces."""
from __future__ import annotations

from ..char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    CURRENCY,
    HYPHENS,
    LIST_CURRENCY,
    LIST_ELLIPSES,
    LIST_ICONS,
    LIST_PUNCT,
    LIST_QUOTES,
)

# Greek letters as the rules name them: the basic alphabet with the accented lowercase
# vowels; some rules also take capitals with a tonos.
_GR = "Α-Ωα-ωίϊΐόάέύϋΰήώ"
_GR_TONOS_CAPS = "ΈΆΊ" + _GR
_GR_COMPOUND = "ΈΆΊΑΌ-Ωα-ωίϊΐόάέύϋΰήώ"  # "Ό-Ω" as a range: the tonos capitals up to Omega

# Units after a number, Latin and Cyrillic (no "%": it splits as punctuation).
_UNITS = "|".join("""
km km² km³ m m² m³ dm dm² dm³ cm cm² cm³ mm mm² mm³ ha µm nm yd in ft kg g mg µg t lb oz m/s
km/h kmh mph hPa Pa mbar mb MB kb KB gb GB tb TB T G M K км км² км³ м м² м³ дм дм² дм³ см
см² см³ мм мм² мм³ нм кг г мг м/с км/ч кПа Па мбар Кб КБ кб Мб МБ мб Гб ГБ гб Тб ТБ тб
""".split())

TOKENIZER_PREFIXES: list[str] = (
    [
        "''", "§", "%", "=",
        r"\+[0-9]+%",  # +90%
        r"'[0-9]{2}(?:-'[0-9]{2})*",  # '12, '12-'13
        r"-[0-9]{1,9}\.[0-9]{1,9}",  # -12.13
        f"'[{_GR}]+'",  # 'αβγ'
        f"[{_GR}]{{1,3}}'",  # σ', απ'
        r"http://www.[A-Za-z]+-[A-Za-z]+(?:\.[A-Za-z]+)+(?:/[A-Za-z]+)*(?:\.[A-Za-z]+)*",
        f"[{_GR_TONOS_CAPS}]+\\*",  # όνομα*
        r"\$[0-9]+(?:[,.][0-9]+)?",  # $12,50
    ]
    + LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + LIST_CURRENCY
    + LIST_ICONS
)

# spaCy's list also has patterns that start or end with a space; chunks never hold one, so
# they cannot match and are left out.
TOKENIZER_SUFFIXES: list[str] = (
    LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + LIST_ICONS
    + [
        r"(?<=[0-9])\+",  # 12+
        r"[0-9]+'",  # 12'
        r"[A-Za-z]?'",  # a'
        r"^[0-9]{1,2}\.",  # a whole "12."
        r"^[0-9]\)",  # a whole "1)"
        r"(?<=°[FfCcKk])\.",
        r"[0-9]+&",  # 12&
        f"(?<=[0-9])(?:{CURRENCY})",
        f"(?<=[0-9])(?:{_UNITS})",
        # "(?:" and ")" sit inside the class for parity with spaCy's pattern
        f"(?<=[0-9{ALPHA_LOWER}²\\-\\+(?:{CONCAT_QUOTES})])\\.",
        f"(?<=[{ALPHA_UPPER}][{ALPHA_UPPER}])\\.",
        f"(?<=[{_GR}])-",  # όνομα-
        f"(?<=[{_GR}])\\.",
        r"^[Α-Ω]\.",  # a whole initial
        f"[{_GR_COMPOUND}]+(?:-[{_GR_COMPOUND}]+)+",  # πρώτος-δεύτερος(-τρίτος)
        r"[0-9]+mg",  # 13mg
        r"[0-9]+\.[0-9]+m",  # 1.2m
    ]
)

TOKENIZER_INFIXES: list[str] = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        r"(?<=[0-9])[+/\-*^](?=[0-9])",  # 1/2, 1-2, 1*2
        r"[a-zA-Z]+/[a-zA-Z]+/[a-zA-Z]+",  # name1/name2/name3 as one piece
        r"[0-9]+(?:\.[0-9]+)*(?:-[0-9]+)+",  # 10.9-6
        r"[0-9]+,[0-9]+-[0-9]+,[0-9]+",  # 10,5-11,5
        r"[0-9]+[ης]+(?:-[0-9]+)+",  # 1ης-2
        r"[0-9]{1,4}/[0-9]{1,2}(?:/[0-9]{0,4})?",  # 15/2, 15/2/17, 2017/2/15
        r"[A-Za-z]+@[A-Za-z]+(?:-[A-Za-z]+)*\.[A-Za-z]+",  # abc@cde-fgh.a
        r"[a-zA-Z]+(?:-[a-zA-Z]+)+",  # abc-abc
        f"(?<=[{ALPHA_LOWER}])\\.(?=[{ALPHA_UPPER}])",
        f"(?<=[{ALPHA}]),(?=[{ALPHA}])",
        f"(?<=[{ALPHA}])(?:{HYPHENS})(?=[{ALPHA}])",
        f"(?<=[{ALPHA}])[:<>=/](?=[{ALPHA}])",
    ]
)
