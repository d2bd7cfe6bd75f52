"""Character classes for the tokenizer's prefix, suffix and infix patterns.

Each class is kept as a set of code-point ranges and rendered into the body of a regex
character class (the text that goes between ``[`` and ``]``). The sets are the ones the
spaCy 3.8 tokenizer uses, so text is split at the same places; they are fixed tables rather
than live Unicode categories wherever a category would drift with the Python's Unicode
version. Cased Latin letters are the exception: their categories have been stable for a
long time, so they are read from `unicodedata` once, at import (well under a millisecond).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

Ranges = list[tuple[int, int]]


def parse_ranges(spec: str) -> Ranges:
    """Ranges from a compact hex notation: "41-5A 61-7A B5" (inclusive, any order)."""
    out: Ranges = []
    for item in spec.split():
        lo, _, hi = item.partition("-")
        out.append((int(lo, 16), int(hi or lo, 16)))
    return merge_ranges(out)


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> Ranges:
    """Sorted, non-overlapping, non-adjacent ranges covering the same code points."""
    merged: Ranges = []
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1] + 1:
            if hi > merged[-1][1]:
                merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged


def chars_to_ranges(chars: Iterable[str]) -> Ranges:
    return merge_ranges((ord(c), ord(c)) for c in chars)


def _escape_cp(cp: int) -> str:
    if cp < 0x80 and chr(cp).isalnum():
        return chr(cp)
    return f"\\u{cp:04X}" if cp <= 0xFFFF else f"\\U{cp:08X}"


def class_body(ranges: Ranges) -> str:
    """The inside of a regex character class matching exactly these code points."""
    parts = []
    for lo, hi in ranges:
        if lo == hi:
            parts.append(_escape_cp(lo))
        elif hi == lo + 1:
            parts.append(_escape_cp(lo) + _escape_cp(hi))
        else:
            parts.append(f"{_escape_cp(lo)}-{_escape_cp(hi)}")
    return "".join(parts)


def escape_chars(chars: Iterable[str]) -> str:
    """Literal characters, escaped for use inside a character class."""
    return "".join(re.escape(c) for c in chars)


# --- Letters ---------------------------------------------------------------------------

# Latin script: Basic Latin letters, their fullwidth forms, Latin-1 letters (without the
# multiplication and division signs), Latin Extended-A/B (without the click letters
# U+01C0-01C3), IPA and phonetic extensions, Latin Extended Additional, -C, -D (up to the
# letters assigned by Unicode 11) and -E.
_LATIN = parse_ranges(
    "41-5A 61-7A FF21-FF3A FF41-FF5A C0-D6 D8-F6 F8-1BF 1C4-2AF "
    "1D00-1D25 1D6B-1D77 1D79-1D9A 1E00-1EFF 2C60-2C7B 2C7E-2C7F "
    "A722-A76F A771-A787 A78B-A78E A790-A7B9 A7FA AB30-AB5A AB60-AB64"
)
# Phonetic letters count as lowercase as a whole (this includes U+0294, the glottal stop).
_PHONETIC = parse_ranges("250-2AF 1D00-1D25 1D6B-1D77 1D79-1D9A AB30-AB5A AB60-AB64")


def _latin_by_case() -> tuple[Ranges, Ranges]:
    upper: list[str] = []
    lower: list[str] = []
    for lo, hi in _LATIN:
        for cp in range(lo, hi + 1):
            cat = unicodedata.category(chr(cp))
            if cat == "Lu":
                upper.append(chr(cp))
            elif cat == "Ll":
                lower.append(chr(cp))
    return chars_to_ranges(upper), merge_ranges(chars_to_ranges(lower) + _PHONETIC)


_LATIN_UPPER, _LATIN_LOWER = _latin_by_case()

# Cyrillic letters of Russian, Ukrainian, Macedonian and Tatar; Greek without the final-
# sigma distinction (U+03C2 falls inside the lowercase run) plus the tonos vowels.
_CYRILLIC_LOWER = parse_ranges("430-44F 451 456-457 454 491 453 455 458-45A 45C 450 45D "
                               "4D9 4E9 4AF 497 4A3 4BB")
_CYRILLIC_UPPER = parse_ranges("410-42F 401 406-407 404 490 403 405 408-40A 40C 400 40D "
                               "4D8 4E8 4AE 496 4A2 4BA")
_GREEK_LOWER = parse_ranges("3B1-3C9 3AC-3AF 3CC-3CE")
_GREEK_UPPER = parse_ranges("391-3A9 386 388-38A 38C 38E-38F")

# Scripts without case: their letters count as both upper- and lowercase.
_UNCASED_SCRIPTS = {
    "ethiopic": "1200-137F", "bengali": "980-9FF", "hebrew": "591-5F4 FB1D-FB4F",
    "hindi": "900-97F", "kannada": "C80-CFF", "tamil": "B80-BFF", "telugu": "C00-C7F",
    "sinhala": "D80-DFF",
    # Arabic and Persian letters and presentation forms
    "persian": "620-64A 66E-6D5 6E5-6FF 750-77F 8A0-8BD FB50-FBB1 FBD3-FD3D FD50-FDC7 "
               "FDF0-FDFB FE70-FEFC 1EE00-1EEBB",
    "hangul_syllables": "AC00-D7AF", "hangul_jamo": "1100-11FF", "hiragana": "3040-309F",
    "katakana": "30A0-30FF",
    # CJK ideographs, radicals, strokes, symbols and compatibility forms
    "cjk": "4E00-9FFF 3400-4DBF 20000-2A6DF 2A700-2EBEF 2F800-2FA1F 2E80-2FDF 2FF0-2FFF "
           "3000-303F 31C0-31EF 3200-33FF F900-FAFF FE30-FE4F 1F200-1F2FF",
}
_UNCASED = parse_ranges(" ".join(_UNCASED_SCRIPTS.values()))

LATIN_RANGES = _LATIN
ALPHA_RANGES = merge_ranges(_LATIN + _CYRILLIC_LOWER + _CYRILLIC_UPPER + _GREEK_LOWER
                            + _GREEK_UPPER + _UNCASED)
ALPHA_LOWER_RANGES = merge_ranges(_LATIN_LOWER + _CYRILLIC_LOWER + _GREEK_LOWER + _UNCASED)
ALPHA_UPPER_RANGES = merge_ranges(_LATIN_UPPER + _CYRILLIC_UPPER + _GREEK_UPPER + _UNCASED)

# --- Symbols ---------------------------------------------------------------------------

# "Other symbols" (pictographs, dingbats, arrows, box drawing, emoji...) as assigned by
# Unicode 11; each is split off as a token of its own wherever it stands.
ICON_RANGES = parse_ranges(
    "A6 A9 AE B0 482 58D-58E 60E-60F 6DE 6E9 6FD-6FE 7F6 9FA B70 BF3-BF8 BFA C7F D4F D79 "
    "F01-F03 F13 F15-F17 F1A-F1F F34 F36 F38 FBE-FC5 FC7-FCC FCE-FCF FD5-FD8 109E-109F "
    "1390-1399 1940 19DE-19FF 1B61-1B6A 1B74-1B7C 2100-2101 2103-2106 2108-2109 2114 "
    "2116-2117 211E-2123 2125 2127 2129 212E 213A-213B 214A 214C-214D 214F 218A-218B "
    "2195-2199 219C-219F 21A1-21A2 21A4-21A5 21A7-21AD 21AF-21CD 21D0-21D1 21D3 21D5-21F3 "
    "2300-2307 230C-231F 2322-2328 232B-237B 237D-239A 23B4-23DB 23E2-2426 2440-244A "
    "249C-24E9 2500-25B6 25B8-25C0 25C2-25F7 2600-266E 2670-2767 2794-27BF 2800-28FF "
    "2B00-2B2F 2B45-2B46 2B4D-2B73 2B76-2B95 2B98-2BC8 2BCA-2BFE 2CE5-2CEA 2E80-2E99 "
    "2E9B-2EF3 2F00-2FD5 2FF0-2FFB 3004 3012-3013 3020 3036-3037 303E-303F 3190-3191 "
    "3196-319F 31C0-31E3 3200-321E 322A-3247 3250 3260-327F 328A-32B0 32C0-32FE 3300-33FF "
    "4DC0-4DFF A490-A4C6 A828-A82B A836-A837 A839 AA77-AA79 FDFD FFE4 FFE8 FFED-FFEE "
    "FFFC-FFFD 10137-1013F 10179-10189 1018C-1018E 10190-1019B 101A0 101D0-101FC "
    "10877-10878 10AC8 1173F 16B3C-16B3F 16B45 1BC9C 1D000-1D0F5 1D100-1D126 1D129-1D164 "
    "1D16A-1D16C 1D183-1D184 1D18C-1D1A9 1D1AE-1D1E8 1D200-1D241 1D245 1D300-1D356 "
    "1D800-1D9FF 1DA37-1DA3A 1DA6D-1DA74 1DA76-1DA83 1DA85-1DA86 1ECAC 1F000-1F02B "
    "1F030-1F093 1F0A0-1F0AE 1F0B1-1F0BF 1F0C1-1F0CF 1F0D1-1F0F5 1F110-1F16B 1F170-1F1AC "
    "1F1E6-1F202 1F210-1F23B 1F240-1F248 1F250-1F251 1F260-1F265 1F300-1F3FA 1F400-1F6D4 "
    "1F6E0-1F6EC 1F6F0-1F6F9 1F700-1F773 1F780-1F7D8 1F800-1F80B 1F810-1F847 1F850-1F859 "
    "1F860-1F887 1F890-1F8AD 1F900-1F90B 1F910-1F93E 1F940-1F970 1F973-1F976 1F97A "
    "1F97C-1F9A2 1F9B0-1F9B9 1F9C0-1F9C2 1F9D0-1F9FF 1FA60-1FA6D"
)

# Punctuation split off at either end of a word (one character each, except the doubled
# ellipsis), including the CJK and Arabic forms.
PUNCT_ITEMS: list[str] = (
    ["\u2026", "\u2026\u2026"]
    + list(",:;!?¿\u061f¡()[]{}<>_#*&")
    + list("\u3002\uff1f\uff01\uff0c\u3001\uff1b\uff1a\uff5e\u00b7\u0964\u060c\u06d4\u061b\u066a")
)

# Quotation marks and the bracket-like marks of CJK text. The ASCII comma is listed too:
# it behaves like a closing quote in the "a.B" infix rule.
QUOTE_ITEMS: list[str] = list(
    "'\"\u201d\u201c`\u2018\u00b4\u2019\u201a,\u201e\u00bb\u00ab"
    "\u300c\u300d\u300e\u300f\uff08\uff09\u3014\u3015\u3010\u3011\u300a\u300b"
    "\u3008\u3009\u2329\u232a\u27e6\u27e7"
)

# Dashes, in the order tried at one position (a lookahead decides between - and --).
HYPHEN_ITEMS: list[str] = ["-", "\u2013", "\u2014", "--", "---", "\u2014\u2014", "~"]

# Currency signs: the dollar variants, the other Latin-1/Thai/Rial signs and the whole
# Currency Symbols block as of Unicode 10 (U+20A0-20BF).
CURRENCY_ITEMS: list[str] = (
    ["$", "£", "€", "¥", "\u0e3f", "US$", "C$", "A$", "\ufdfc"]
    + [chr(cp) for cp in range(0x20A0, 0x20C0)]
)


def _unit_items() -> list[str]:
    """Units that split off a number ("5km" -> "5", "km")."""
    out: list[str] = []
    for lengths in (["km", "m", "dm", "cm", "mm"], ["км", "м", "дм", "см", "мм"]):
        for unit in lengths:
            out += [unit, unit + "²", unit + "³"]
    out += ("ha µm nm yd in ft kg g mg µg t lb oz m/s km/h kmh mph hPa Pa mbar mb "
            "MB kb KB gb GB tb TB T G M K %").split()
    out += "нм кг г мг м/с км/ч кПа Па мбар Кб КБ кб Мб МБ мб Гб ГБ гб Тб ТБ".split()
    # spaCy's table runs its last Cyrillic unit into the first Arabic one, so the pair
    # "тбكم" is a unit and "тб" alone is not; kept for identical splits.
    out.append("тб" + "كم")
    for unit in ["كم", "م", "سم", "مم"]:
        out += [unit, unit + "²", unit + "³"]
    out += "غرام جرام جم كغ ملغ كوب اكواب".split()
    return out


UNIT_ITEMS: list[str] = _unit_items()

# --- Class bodies and alternations, ready to put into patterns ---------------------------

ALPHA = class_body(ALPHA_RANGES)
ALPHA_LOWER = class_body(ALPHA_LOWER_RANGES)
ALPHA_UPPER = class_body(ALPHA_UPPER_RANGES)
LATIN = class_body(LATIN_RANGES)
ICONS = class_body(ICON_RANGES)
CONCAT_QUOTES = escape_chars(QUOTE_ITEMS)
PUNCT_CHARS = escape_chars(sorted({c for item in PUNCT_ITEMS for c in item}))


def alternation(items: Iterable[str]) -> str:
    """Literal strings as a regex alternation, in the given order."""
    return "|".join(re.escape(item) for item in items)


PUNCT = alternation(PUNCT_ITEMS)
QUOTES = alternation(QUOTE_ITEMS)
CURRENCY = alternation(CURRENCY_ITEMS)
UNITS = alternation(UNIT_ITEMS)

def literal(item: str) -> str:
    """A literal as a pattern, escaping only what a regex would read otherwise, plus "!" and
    "'": the strings spaCy's tables hold ("\\!", "#", "&", "\\'"), so user code that edits
    nlp.Defaults.prefixes (prefixes.remove("\\!")) finds its entries."""
    return "".join("\\" + c if c in _LITERAL_ESCAPES else c for c in item)


_LITERAL_ESCAPES = set("\\.^$*+?{}[]|()!'")

LIST_PUNCT = [literal(item) for item in PUNCT_ITEMS]
LIST_QUOTES = [literal(item) for item in QUOTE_ITEMS]
# hyphens as written ("-", "~": literal in an alternation), as spaCy's list holds them, so
# user code testing `"-" in LIST_HYPHENS` or filtering the list finds them
LIST_HYPHENS = [literal(item) for item in HYPHEN_ITEMS]
HYPHENS = "|".join(LIST_HYPHENS)
LIST_CURRENCY = [re.escape(item) for item in CURRENCY_ITEMS]
LIST_UNITS = [re.escape(item) for item in UNIT_ITEMS]
LIST_ELLIPSES = [r"\.\.+", "\u2026"]
LIST_ICONS = [f"[{ICONS}]"]

# --- spaCy's helpers and the Latin subsets its language data builds on ------------------


def split_chars(char: str) -> list[str]:
    """Space-separated characters as a list: "a b c" -> ["a", "b", "c"]."""
    return list(char.strip().split(" "))


def merge_chars(char: str) -> str:
    """Space-separated items as a regex alternation: "a b" -> "a|b"."""
    return char.strip().replace(" ", "|")


def group_chars(char: str) -> str:
    """Space-separated class fragments as one class body: "a-z A-Z" -> "a-zA-Z"."""
    return char.strip().replace(" ", "")


def _cased(ranges: Ranges, category: str) -> Ranges:
    return chars_to_ranges(chr(cp) for lo, hi in ranges for cp in range(lo, hi + 1)
                           if unicodedata.category(chr(cp)) == category)


# Basic Latin (ASCII and fullwidth), Latin-1 letters and Latin Extended-A: the letters most
# European languages need, without the rarer extensions LATIN adds.
_LATIN_BASIC = parse_ranges("41-5A 61-7A FF21-FF3A FF41-FF5A C0-D6 D8-F6 F8-17F")
LATIN_BASIC = class_body(_LATIN_BASIC)
LATIN_UPPER_BASIC = class_body(_cased(_LATIN_BASIC, "Lu"))
LATIN_LOWER_BASIC = class_body(_cased(_LATIN_BASIC, "Ll"))
LATIN_UPPER = class_body(_LATIN_UPPER)
LATIN_LOWER = class_body(_LATIN_LOWER)

# Combining diacritical marks (U+0300-036F): text in decomposed form puts them after a letter.
COMBINING_DIACRITICS = class_body(parse_ranges("300-36F"))
CONCAT_ICONS = ICONS


# --- spaCy's intermediate strings -------------------------------------------------------
# spaCy's module builds the classes above from per-script strings, and real code imports
# them (`from spacy.lang.char_classes import _hyphens, _latin_lower`) to write its own
# patterns: the same names here, as class bodies matching the same characters, and the
# space-separated item lists that merge_chars / split_chars take.


def _body(spec: str) -> str:
    return class_body(parse_ranges(spec))


def _case_body(spec: str, category: str) -> str:
    return class_body(_cased(parse_ranges(spec), category))


_LATIN_BLOCKS = {   # name: code-point ranges
    "standard": "41-5A 61-7A", "standard_fullwidth": "FF21-FF3A FF41-FF5A",
    "supplement": "C0-D6 D8-F6 F8-FF", "extendedA": "100-17F",
    "extendedB": "180-1BF 1C4-24F", "extendedC": "2C60-2C7B 2C7E-2C7F",
    "extendedD": "A722-A76F A771-A787 A78B-A78E A790-A7B9 A7FA",
    "extendedE": "AB30-AB5A AB60-AB64", "phonetic": "250-2AF 1D00-1D25 1D6B-1D77 1D79-1D9A",
    "diacritics": "1E00-1EFF",
}
# phonetic letters and Latin Extended-E count as lowercase as a whole, as in LATIN_LOWER
_ALL_LOWERCASE = ("phonetic", "extendedE")
for _name, _spec in _LATIN_BLOCKS.items():
    globals()[f"_latin_{_name}"] = _body(_spec)
    if _name in _ALL_LOWERCASE:
        globals()[f"_latin_l_{_name}"] = _body(_spec)
    else:
        globals()[f"_latin_u_{_name}"] = _case_body(_spec, "Lu")
        globals()[f"_latin_l_{_name}"] = _case_body(_spec, "Ll")
del _name, _spec

_russian_lower, _russian_upper = "ёа-я", "ЁА-Я"
_ukrainian_lower, _ukrainian_upper = "а-щюяіїєґ", "А-ЩЮЯІЇЄҐ"
_macedonian_lower, _macedonian_upper = "ѓѕјљњќѐѝ", "ЃЅЈЉЊЌЀЍ"
_tatar_lower, _tatar_upper = "әөүҗңһ", "ӘӨҮҖҢҺ"
_greek_lower, _greek_upper = "α-ωάέίόώήύ", "Α-ΩΆΈΊΌΏΉΎ"
_russian = _russian_lower + _russian_upper
_ukrainian = _ukrainian_lower + _ukrainian_upper
_macedonian = _macedonian_lower + _macedonian_upper
_tatar = _tatar_lower + _tatar_upper
_greek = _greek_lower + _greek_upper

for _name, _spec in _UNCASED_SCRIPTS.items():
    globals()[f"_{_name}"] = _body(_spec)
del _name, _spec
_hangul = _body(_UNCASED_SCRIPTS["hangul_syllables"] + " " + _UNCASED_SCRIPTS["hangul_jamo"])
_kana = _body(_UNCASED_SCRIPTS["hiragana"] + " " + _UNCASED_SCRIPTS["katakana"])
_combining_diacritics = COMBINING_DIACRITICS
_other_symbols = ICONS
_uncased = class_body(_UNCASED)
_upper = class_body(merge_ranges(_LATIN_UPPER + _CYRILLIC_UPPER + _GREEK_UPPER))
_lower = class_body(merge_ranges(_LATIN_LOWER + _CYRILLIC_LOWER + _GREEK_LOWER))

_punct = " ".join(LIST_PUNCT)
_quotes = " ".join(LIST_QUOTES)
_hyphens = " ".join(LIST_HYPHENS)
_currency = " ".join(LIST_CURRENCY)
_units = " ".join(UNIT_ITEMS)
