"""Indonesian lexical attributes: number likeness (digits, fractions, number words and
hyphenated forms such as the ordinals "ke-3" and "ke-tiga"), and currency likeness that
also knows the currency codes written in Indonesian text ("Rp", "IDR", "USD")."""
from __future__ import annotations

from ...attrs import IS_CURRENCY, LIKE_NUM  # noqa: F401 (spaCy's module offers the ids too)
from ..lex_attrs import _strip_number_punct, number_like
from ..lex_attrs import is_currency as _is_currency_sign

# Zero to eleven, the words that build the rest ("dua belas", "tiga puluh", "lima ratus",
# "dua ribu"), then the large scales.
_WORDS = """
nol satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas
belas puluh ratus ribu juta miliar
""".split()
_ILIUN_PREFIXES = "bi tri kuadri kuinti seksti septi okti noni desi".split()

NUMBER_WORDS: frozenset[str] = frozenset(_WORDS + [p + "liun" for p in _ILIUN_PREFIXES])

CURRENCY_CODES: frozenset[str] = frozenset("Rp IDR USD SGD RMB".split())


def like_num(text: str) -> bool:
    """Digits ("10.000"), fractions ("1/2"), number words in any case ("SEBELAS"), and a
    word whose part after its one hyphen is digits or a number word ("ke-3", "ke-tiga")."""
    text = _strip_number_punct(text)
    if number_like(text, NUMBER_WORDS, strip_sign=False):
        return True
    if text.count("-") == 1:
        after = text.split("-")[1]
        return after.isdigit() or after in NUMBER_WORDS
    return False


def is_currency(text: str) -> bool:
    """A currency code ("Rp", "IDR") or currency signs only ("$", "€")."""
    return text in CURRENCY_CODES or _is_currency_sign(text)


LEX_ATTRS = {"IS_CURRENCY": is_currency, "LIKE_NUM": like_num}
