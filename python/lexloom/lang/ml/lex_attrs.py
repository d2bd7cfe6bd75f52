"""Malayalam number likeness: digits and fractions (a leading sign is stripped), and the
number words 0-20, 21-39, the tens, a hundred, a thousand and ten lakh ("പത്തുലക്ഷം").

Malayalam spells the same word several ways, so words are compared in one form: the
atomic chillu letters (ൻ ർ ൽ ൾ ൺ) and the older chillu spelling (consonant + virama +
ZWJ) both become consonant + virama, ZWJ/ZWNJ are dropped, and a word-final "ു" (the
half-u of "മൂന്നു") is read as the virama of "മൂന്ന്". The compounds are written
without vowel sandhi: "ഇരുപത്തി" (twenty-) + the unit ("ഇരുപത്തിരണ്ട്").

Deliberately unlike spaCy 3.8, whose table ends most single words with a space (so
"ഒന്ന്", "പത്ത്", "ആയിരം" are not like_num there: no token has that space) and
matches each word in one spelling only."""
from __future__ import annotations

import unicodedata

from ..lex_attrs import _strip_number_punct, number_like

_VIRAMA = "\u0d4d"
_CHILLU = {"\u0d7a": "\u0d23", "\u0d7b": "\u0d28", "\u0d7c": "\u0d30", "\u0d7d": "\u0d32",
           "\u0d7e": "\u0d33"}
_FOLD = {ord(chillu): base + _VIRAMA for chillu, base in _CHILLU.items()}
_FOLD.update({0x200C: None, 0x200D: None})


def _fold(word: str) -> str:
    """The word in the one spelling the tables use (see the module docstring), with the
    two-part vowel signs ("ൊ", "ോ", "ൌ") composed (Unicode NFC)."""
    word = unicodedata.normalize("NFC", word).translate(_FOLD)
    if word.endswith("\u0d41"):  # final "ു"
        word = word[:-1] + _VIRAMA
    return word


_UNITS = "ഒന്ന് രണ്ട് മൂന്ന് നാല് അഞ്ച് ആറ് ഏഴ് എട്ട് ഒൻപത്".split()
_TEENS = ("പത്ത് പതിനൊന്ന് പന്ത്രണ്ട് പതിമൂന്ന് പതിനാല് പതിനഞ്ച് പതിനാറ് പതിനേഴ് പതിനെട്ട് "
          "പത്തൊൻപത് പത്തൊമ്പത്").split()
_TENS = "ഇരുപത് മുപ്പത് നാൽപത് അൻപത് അറുപത് എഴുപത് എൺപത് തൊണ്ണൂറ്".split()
# Twenty-one to thirty-nine: the tens' linking form "-ത്തി" and the unit.
_COMPOUNDS = [prefix + unit for prefix in ("ഇരുപത്തി", "മുപ്പത്തി") for unit in _UNITS]
_OTHERS = "പൂജ്യം ഒമ്പത് നൂറ് ആയിരം പത്തുലക്ഷം".split()

NUMBER_WORDS: frozenset[str] = frozenset(
    _fold(word) for word in _UNITS + _TEENS + _TENS + _COMPOUNDS + _OTHERS)


def like_num(text: str) -> bool:
    """Digits ("-1,000"), fractions, and number words in any of their spellings
    ("ഒൻപത്", "ഒന്‍പത്", "മൂന്നു")."""
    if number_like(text):
        return True
    return _fold(_strip_number_punct(text)) in NUMBER_WORDS


LEX_ATTRS = {"LIKE_NUM": like_num}
