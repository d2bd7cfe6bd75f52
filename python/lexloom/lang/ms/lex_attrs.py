"""Malay number likeness and currency: digits and fractions, number words with the "se-"
(one), "ke-" (ordinal) and "ber-" (tens/hundreds of) prefixes, "ke-5" style ordinals; and
currency codes Malaysian text writes in front of amounts ("RM", "Rp", "S$")."""
from __future__ import annotations

from ..lex_attrs import _strip_number_punct, number_like
from ..lex_attrs import is_currency as _is_currency_symbols

_DIGITS = "satu dua tiga empat lima enam tujuh lapan delapan sembilan".split()
_MAGNITUDES = ("belas puluh ratus ribu juta bilion billion trilion trillion kuadrilion "
               "kuintilion sekstilion septilion oktilion nonilion desilion").split()
# "se-" is "one": sepuluh (10), sebelas (11), seratus (100), seribu, sejuta.
_WITH_SE = ["se" + word for word in "puluh belas ratus ribu juta bilion".split()]
# Round-number plurals and halves: "ratusan" (hundreds), "setengah", "separuh".
_OTHERS = ("kosong sifar setengah separuh belasan puluhan ratusan ribuan jutaan "
           "pertama").split()

CARDINAL_WORDS: frozenset[str] = frozenset(_DIGITS + _MAGNITUDES + _WITH_SE + _OTHERS)
# "kedua" (second), "keseratus" (hundredth); "ke-" plus a cardinal makes the ordinal.
ORDINAL_WORDS: frozenset[str] = frozenset(
    "ke" + word for word in _DIGITS + _WITH_SE if word != "satu")
# "beratus" (hundreds of), "beribu-ribu" (thousands upon thousands).
_BER_WORDS: frozenset[str] = frozenset(
    ["berpuluh", "berbelas", "beratus", "beribu", "berjuta"])

NUMBER_WORDS: frozenset[str] = CARDINAL_WORDS | ORDINAL_WORDS | _BER_WORDS

# Codes and symbols spaCy's Malay punctuation treats as currency, besides the Unicode
# currency signs.
CURRENCY_CODES: frozenset[str] = frozenset(
    "USD RM MYR Rp IDR RMB SGD S$ US$ C$ A$".split())


def _is_number_word(word: str) -> bool:
    return word.isdigit() or word in NUMBER_WORDS


def like_num(text: str) -> bool:
    """Digits, fractions, number words in any case ("SEBELAS"), and hyphenated forms: an
    ordinal "ke-5" / "ke-lima", a range "dua-tiga", a doubling "beratus-ratus"."""
    if number_like(text):
        return True
    word = _strip_number_punct(text).lower()
    if word in NUMBER_WORDS:
        return True
    if word.count("-") == 1:
        head, tail = word.split("-")
        if head == "ke" or head in _BER_WORDS:
            return _is_number_word(tail)
        return _is_number_word(head) and _is_number_word(tail)
    return False


def is_currency(text: str) -> bool:
    """A currency code used in Malay text ("RM", "USD") or only currency signs ("$")."""
    return text in CURRENCY_CODES or _is_currency_symbols(text)


LEX_ATTRS = {"LIKE_NUM": like_num, "IS_CURRENCY": is_currency}
