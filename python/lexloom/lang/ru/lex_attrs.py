"""Russian number likeness: digits, fractions and percentages, and number words in every
case. Russian numerals decline, so the word table is generated from stems and ending
sets (cardinals, ordinals, collectives, fractions, scale nouns, digit names such as
"пятёрка"), with "ё" also written "е", plus Roman numerals."""
from __future__ import annotations

from ..lex_attrs import _strip_number_punct, number_like


def _with(stems: str, endings: str) -> list[str]:
    """Every stem followed by every ending ("-" is the empty ending)."""
    return [stem + ("" if ending == "-" else ending)
            for stem in stems.split() for ending in endings.split()]


# Cardinals whose declension is irregular, written out in full.
_IRREGULAR = """
ноль ноля нолю нолём ноле нуль нуля нулю нулём нуле
один одного одному одним одном одна одной одну одною одно одни одних одними
два две двух двум двумя оба обе обоих обеих обоим обеим обоими обеими
три трёх трём тремя четыре четырёх четырём четырьмя
сорок сорока девяносто девяноста сто ста
полтора полторы полутора полтораста полутораста
пятьдесят пятидесяти пятьюдесятью шестьдесят шестидесяти шестьюдесятью
семьдесят семидесяти семьюдесятью восемьдесят восьмидесяти восемьюдесятью восьмьюдесятью
двести двухсот двумстам двумястами двухстах триста трёхсот трёмстам тремястами трёхстах
четыреста четырёхсот четырёмстам четырьмястами четырёхстах
восемь восьми восемью восьмью
тыс млн млрд трлн квадрлн квинтлн
""".split()

# 5..30 except 8 decline like "пять": -ь, -и, -ью.
_SOFT_STEMS = ("пят шест сем девят десят одиннадцат двенадцат тринадцат четырнадцат "
               "пятнадцат шестнадцат семнадцат восемнадцат девятнадцат двадцат тридцат")
# 500..900: "пятьсот", "пятисот", "пятистам", "пятьюстами", "пятистах".
_HUNDRED_NOM = "пятьсот шестьсот семьсот восемьсот девятьсот".split()
_HUNDRED_OBLIQUE = _with("пяти шести семи восьми девяти", "сот стам стах")
_HUNDRED_INSTR = _with("пятью шестью семью восемью восьмью восьми девятью", "стами")

_SCALE_NOUNS = _with("миллион миллиард биллион триллион квадриллион квинтиллион",
                     "- а у ом е ы ов ам ами ах")
_THOUSAND = _with("тысяч", "а и е у ей ею - ам ами ах")
_FRACTIONS = (_with("половин", "а ы е у ой ою - ам ами ах")
              + _with("трет четверт", "ь и ью ей ям ями ях"))

# Collectives ("двое", "пятеро") and "in twos" adverbs ("втроём", "впятером").
_COLLECTIVE = (_with("дво тро", "е их им ими")
               + _with("четвер пятер шестер семер восьмер девятер десятер", "о ых ым ыми")
               + "вдвоём втроём вчетвером впятером вшестером всемером ввосьмером вдевятером "
                 "вдесятером".split())

# Ordinals decline as adjectives: "пятый", "пятого", ... "пятыми".
_ORDINAL_STEMS = ("нулев перв втор четвёрт пят шест седьм восьм девят десят одиннадцат "
                  "двенадцат тринадцат четырнадцат пятнадцат шестнадцат семнадцат "
                  "восемнадцат девятнадцат двадцат тридцат сороков пятидесят шестидесят "
                  "семидесят восьмидесят девяност сот двухсот трёхсот четырёхсот пятисот "
                  "шестисот семисот восьмисот девятисот тысячн миллионн миллиардн "
                  "триллионн квадриллионн квинтиллионн")
# Compound ordinals: a genitive numeral before "-тысячный" / "-миллионный"
# ("двадцатитысячный", "стомиллионная").
_COMPOUND_HEADS = ("двух трёх четырёх пяти шести семи восьми девяти десяти одиннадцати "
                   "двенадцати пятнадцати двадцати тридцати сорока пятидесяти шестидесяти "
                   "семидесяти восьмидесяти девяноста сто двухсот трёхсот четырёхсот пятисот "
                   "шестисот семисот восьмисот девятисот")
_ORDINAL_STEMS += " " + " ".join(head + scale for head in _COMPOUND_HEADS.split()
                                 for scale in ("тысячн", "миллионн", "миллиардн"))
_ORDINALS = (_with(_ORDINAL_STEMS, "ый ой ого ому ым ом ая ую ою ое ые ых ыми")
             + _with("трет", "ий ьего ьему ьим ьем ья ьей ью ье ьи ьих ьими")
             + "во-первых во-вторых в-третьих в-четвёртых в-пятых".split())

# Names of digits and round numbers: "двойка" (a two, a D grade), "десяток", "сотня".
_DIGIT_NOUNS = (_with("единиц", "а ы е у ей ею - ам ами ах")
                + _with("двойк тройк четвёрк пятёрк шестёрк семёрк восьмёрк девятк десятк "
                        "сотк пятисотк пятидесятк", "а и е у ой ою ам ами ах")
                + "двоек троек четвёрок пятёрок шестёрок семёрок восьмёрок девяток десяток "
                  "соток пятисоток пятидесяток".split()
                + _with("сотн", "я и е ю ей ею ям ями ях") + ["сотен"]
                + _with("десят", "ок ка ку ком ке ки ков кам ками ках"))
# Colloquial amounts and grades: "трёшка" (3 roubles), "пятёрочка" (an A), "полтинник"
# (50), "косарь" (1000), "лям" (a million), "лярд" (a billion).
_SLANG = (_with("трёшк троечк пятёрочк", "а и е у ой ою ам ами ах")
          + ["трёшек", "троечек", "пятёрочек"]
          + _with("пятак четвертак полтинник стольник лям лярд",
                  "- а у ом е и ы ов ам ами ах")
          + _with("косар", "ь я ю ем е и ей ям ями ях"))

_ROMAN_ONES = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"]
_ROMAN = [tens + ones for tens in ("", "x", "xx", "xxx") for ones in _ROMAN_ONES][1:]

_WORDS = (_IRREGULAR + _with(_SOFT_STEMS, "ь и ью") + _HUNDRED_NOM + _HUNDRED_OBLIQUE
          + _HUNDRED_INSTR + _SCALE_NOUNS + _THOUSAND + _FRACTIONS + _COLLECTIVE + _ORDINALS
          + _DIGIT_NOUNS + _SLANG)
NUMBER_WORDS: frozenset[str] = frozenset(
    _WORDS + [word.replace("ё", "е") for word in _WORDS] + _ROMAN)


def like_num(text: str) -> bool:
    """Digits ("1.000", "-5"), fractions, percentages ("50%"), number words in any case
    and declension ("одиннадцати", "ПЯТЬЮ", "третьего") and Roman numerals ("xix")."""
    if text.endswith("%"):
        text = text[:-1]
    if number_like(text):
        return True
    return _strip_number_punct(text).lower() in NUMBER_WORDS


LEX_ATTRS = {"LIKE_NUM": like_num}
