"""Lexical attributes as plain functions of a lexeme's text, with the values spaCy 3.8 gives
its lexemes. The vocab computes the character-class flags natively; the functions here are
the Python reference (spaCy's `spacy.lang.lex_attrs` API) and the getters a language may
override (URL, e-mail and number likeness, norms, stop words)."""
from __future__ import annotations

import re
import unicodedata
from typing import AbstractSet

from .tokenizer_exceptions import URL_MATCH

_EMAIL_START = re.compile(r"[A-Za-z0-9_.+\-]+@[A-Za-z0-9\-]+\.[A-Za-z0-9.\-]+")

# Top-level domains that make "word.tld" look like a URL: the generic ones and the
# two-letter country codes (including a few retired ones still seen in old text).
_GENERIC_TLDS = ("com org edu gov net mil aero asia biz cat coop info int jobs mobi museum "
                 "name pro tel travel xyz icu xxx")
_COUNTRY_TLDS = """
ac ad ae af ag ai al am an ao aq ar as at au aw ax az
ba bb bd be bf bg bh bi bj bm bn bo br bs bt bv bw by bz
ca cc cd cf cg ch ci ck cl cm cn co cr cs cu cv cx cy cz
dd de dj dk dm do dz   ec ee eg eh er es et eu
fi fj fk fm fo fr   ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy
hk hm hn hr ht hu   id ie il im in io iq ir is it   je jm jo jp
ke kg kh ki km kn kp kr kw ky kz   la lb lc li lk lr ls lt lu lv ly
ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz
na nc ne nf ng ni nl no np nr nu nz   om
pa pe pf pg ph pk pl pm pn pr ps pt pw py   qa   re ro rs ru rw
sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st su sv sy sz
tc td tf tg th tj tk tl tm tn to tp tr tt tv tw tz
ua ug uk us uy uz   va vc ve vg vi vn vu   wf ws   ye yt   za zm zw
"""
TLDS: frozenset[str] = frozenset((_GENERIC_TLDS + " " + _COUNTRY_TLDS).split())


# A lexeme's NORM: these spellings normalise to a shared form (curly quotes to straight
# ones, dashes to "-", currency signs to "$"); everything else to its lowercase form.
# Token-level norms from special cases take precedence over this.
_NORM_GROUPS = {
    "'s": "'s 'S \u2019s \u2019S",
    "'": "\u2019 \u2018 \u00b4 `",
    '"': "\u201d \u201c '' `` \u00b4\u00b4 \u201e \u00bb \u00ab \u2018\u2018 \u2019\u2019",
    "?": "\uff1f", "!": "\uff01", ",": "\uff0c", ";": "\uff1b", ":": "\uff1a",
    ".": "\u3002 \u0964", "...": "\u2026",
    "-": "\u2014 \u2013 -- --- \u2014\u2014",
    "$": "\u20ac \u00a3 \u00a5 \u0e3f US$ C$ A$ \u20ba \u20b9 \u09f3 \u20a9 Mex$ \u20a3 E\u00a3",
}
NORM_EXCEPTIONS: dict[str, str] = {
    spelling: norm for norm, spellings in _NORM_GROUPS.items() for spelling in spellings.split()
}


def norm(text: str) -> str:
    """The lexeme's NORM: a shared form for quote, dash and currency variants, else lowercase."""
    return NORM_EXCEPTIONS.get(text) or text.lower()


def like_url(text: str) -> bool:
    """Looks like it works as a URL in running text: a scheme, "www.", a known TLD after
    the last dot, a slash after it, or the full URL pattern."""
    if text.startswith(("http://", "https://")):
        return True
    if text.startswith("www.") and len(text) >= 5:
        return True
    if not text or text[0] == "." or text[-1] == ".":
        return False
    if "@" in text or "." not in text:  # e-mail addresses are like_email, not URLs
        return False
    tld = text.rsplit(".", 1)[1].split(":", 1)[0]
    if tld.endswith("/"):
        return True
    if tld.isalpha() and tld in TLDS:
        return True
    return bool(URL_MATCH(text))


def like_email(text: str) -> bool:
    """Starts with something@domain.tld (the rest of the text is not checked)."""
    return _EMAIL_START.match(text) is not None


def _strip_number_punct(text: str) -> str:
    if text.startswith(("+", "-", "±", "~")):
        text = text[1:]
    return text.replace(",", "").replace(".", "")


def like_num(text: str) -> bool:
    """Digits with optional sign and separators ("-1,000.5"), or a simple fraction "3/4"."""
    text = _strip_number_punct(text)
    if text.isdigit():
        return True
    if text.count("/") == 1:
        num, denom = text.split("/")
        return num.isdigit() and denom.isdigit()
    return False


def number_like(text: str, words: AbstractSet[str] = frozenset(), *, strip_sign: bool = True,
                drop: str = "", lowercase: bool = True,
                separators: tuple[str, ...] = (",", ".")) -> bool:
    """Digits or a simple fraction once a leading sign (if `strip_sign`), the `separators`
    and the `drop` characters are removed, or then one of a language's number `words`
    (looked up lowercased if `lowercase`): spaCy's like_num, per language."""
    if strip_sign and text.startswith(("+", "-", "±", "~")):
        text = text[1:]
    for part in (*separators, *drop):
        text = text.replace(part, "")
    if text.isdigit():
        return True
    if text.count("/") == 1:
        num, denom = text.split("/")
        if num.isdigit() and denom.isdigit():
            return True
    return (text.lower() if lowercase else text) in words


class StopWords(set):
    """A language's stop words (its STOP_WORDS, Defaults.stop_words): a set that counts its
    edits, so that a vocab's native IS_STOP table, built from it, is built again when code
    adds or discards words (spaCy's getter reads the set on every new lexeme)."""

    def __init__(self, words=()) -> None:
        super().__init__(words)
        self.edits = 0

    def __repr__(self) -> str:
        return repr(set(self))   # printed as spaCy's plain set

    def _edited(self, result=None):
        self.edits += 1
        return result

    def add(self, word) -> None:
        self._edited(super().add(word))

    def discard(self, word) -> None:
        self._edited(super().discard(word))

    def remove(self, word) -> None:
        self._edited(super().remove(word))

    def pop(self):
        return self._edited(super().pop())

    def clear(self) -> None:
        self._edited(super().clear())

    def update(self, *others) -> None:
        self._edited(super().update(*others))

    def difference_update(self, *others) -> None:
        self._edited(super().difference_update(*others))

    def intersection_update(self, *others) -> None:
        self._edited(super().intersection_update(*others))

    def symmetric_difference_update(self, other) -> None:
        self._edited(super().symmetric_difference_update(other))

    def __ior__(self, other):
        return self._edited(super().__ior__(other))

    def __isub__(self, other):
        return self._edited(super().__isub__(other))

    def __iand__(self, other):
        return self._edited(super().__iand__(other))

    def __ixor__(self, other):
        return self._edited(super().__ixor__(other))


def is_stop(string: str, stops: AbstractSet[str] = frozenset()) -> bool:
    """Stop-word membership is case-insensitive: the lowercase form is looked up."""
    return string.lower() in stops


def lower(string: str) -> str:
    return string.lower()


def prefix(string: str) -> str:
    """The first character (spaCy's PREFIX; an empty text has none and raises IndexError)."""
    return string[0]


def suffix(string: str) -> str:
    """The last three characters."""
    return string[-3:]


def is_alpha(string: str) -> bool:
    return string.isalpha()


def is_digit(string: str) -> bool:
    return string.isdigit()


def is_lower(string: str) -> bool:
    return string.islower()


def is_upper(string: str) -> bool:
    return string.isupper()


def is_title(string: str) -> bool:
    return string.istitle()


def is_space(string: str) -> bool:
    return string.isspace()


def is_ascii(text: str) -> bool:
    return all(ord(char) < 128 for char in text)


def is_punct(text: str) -> bool:
    """Every character is Unicode punctuation (category P*); true for the empty text."""
    return all(unicodedata.category(char).startswith("P") for char in text)


def is_currency(text: str) -> bool:
    """Every character is a currency sign (category Sc); true for the empty text."""
    return all(unicodedata.category(char) == "Sc" for char in text)


BRACKETS = frozenset("()[]{}<>")
QUOTES = frozenset(('"', "'", "`", "«", "»", "‘", "’", "‚", "‛", "“", "”", "„", "‟", "‹", "›",
                    "❮", "❯", "''", "``"))
LEFT_PUNCT = frozenset(("(", "[", "{", "<", '"', "'", "«", "‘", "‚", "‛", "“", "„", "‟", "‹",
                        "❮", "``"))
RIGHT_PUNCT = frozenset((")", "]", "}", ">", '"', "'", "»", "’", "”", "›", "❯", "''"))


def is_bracket(text: str) -> bool:
    return text in BRACKETS


def is_quote(text: str) -> bool:
    return text in QUOTES


def is_left_punct(text: str) -> bool:
    return text in LEFT_PUNCT


def is_right_punct(text: str) -> bool:
    return text in RIGHT_PUNCT


def word_shape(text: str) -> str:
    """The SHAPE attribute ("Xxxxx", "dd.d"): letters X/x, digits d, runs cut at 4."""
    from ..vocab import word_shape as shape

    return shape(text)


def get_lang(text: str, lang: str = "") -> str:
    """The LANG attribute: the language code, bound with functools.partial per vocab."""
    return lang


# Attribute name -> getter: every lexical attribute a language's vocab computes, as spaCy's
# LEX_ATTRS lists them (vocab.lex_attr_getters shows them). The character classes, LOWER,
# PREFIX, SUFFIX and SHAPE are computed natively; these functions give the same values.
LEX_ATTRS = {
    "LOWER": lower,
    "PREFIX": prefix,
    "SUFFIX": suffix,
    "SHAPE": word_shape,
    "IS_ALPHA": is_alpha,
    "IS_ASCII": is_ascii,
    "IS_DIGIT": is_digit,
    "IS_LOWER": is_lower,
    "IS_UPPER": is_upper,
    "IS_TITLE": is_title,
    "IS_SPACE": is_space,
    "IS_PUNCT": is_punct,
    "IS_BRACKET": is_bracket,
    "IS_QUOTE": is_quote,
    "IS_LEFT_PUNCT": is_left_punct,
    "IS_RIGHT_PUNCT": is_right_punct,
    "IS_CURRENCY": is_currency,
    "NORM": norm,
    "LIKE_URL": like_url,
    "LIKE_EMAIL": like_email,
    "LIKE_NUM": like_num,
    "IS_STOP": is_stop,
}
