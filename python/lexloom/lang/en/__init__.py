"""English: `lexloom.lang.en.English`, the class behind `lexloom.blank("en")`.

TOKENIZER_EXCEPTIONS maps a string to its tokens, each a dict keyed by the integer
attribute ids ORTH (65) and NORM (67); a token without NORM keeps its lexeme's norm.
PREFIXES / SUFFIXES / INFIXES are lists of regex fragments; TOKEN_MATCH is None (English
has none). LEX_ATTRS maps attribute names to getters of a lexeme's text. Importing this
module compiles no tokenizer regex; `make_splitter()` does, once per process.
"""
from __future__ import annotations

from typing import Callable

from ...language import BaseDefaults, Language
from ...tokenizer_split import AffixSplitter
from ..lazy_lemmatizer import lemmatizer_getattr
from ..lex_attrs import like_email, like_url, norm
from ..tokenizer_exceptions import URL_MATCH
from .lex_attrs import is_stop, like_num
from .punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from .stop_words import STOP_WORDS
from .syntax_iterators import SYNTAX_ITERATORS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS

LANG = "en"
PREFIXES: list[str] = TOKENIZER_PREFIXES
SUFFIXES: list[str] = TOKENIZER_SUFFIXES
INFIXES: list[str] = TOKENIZER_INFIXES
TOKEN_MATCH: Callable | None = None
LEX_ATTRS: dict[str, Callable[[str], object]] = {
    "NORM": norm,
    "LIKE_NUM": like_num,
    "LIKE_URL": like_url,
    "LIKE_EMAIL": like_email,
    "IS_STOP": is_stop,
}


class EnglishDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    prefixes = PREFIXES
    suffixes = SUFFIXES
    infixes = INFIXES
    lex_attr_getters = {"LIKE_NUM": like_num}
    syntax_iterators = SYNTAX_ITERATORS
    stop_words = STOP_WORDS
    # No English prefix, suffix, infix or URL rule splits a run of ASCII letters, so the
    # native tokenizer may take such a chunk (when it is no special case) as one token
    # without calling the splitter. tests/test_tokenizer.py checks this claim.
    letters_are_atomic = True
    # And the common affixes around such a run split off as one token each: letters followed
    # by one of , ; : ! ? (or by "." after a lowercase letter), and ( or " before letters,
    # unless the chunk or its letters are a special case.
    simple_affixes_split_off = True


class English(Language):
    lang = "en"
    Defaults = EnglishDefaults


def make_splitter() -> AffixSplitter:
    """The English chunk splitter (regexes compiled on the first call, then shared)."""
    return EnglishDefaults.make_splitter()


__getattr__ = lemmatizer_getattr(__name__, "EnglishLemmatizer")


__all__ = ["English", "EnglishDefaults", "LANG", "TOKENIZER_EXCEPTIONS", "PREFIXES",
           "SUFFIXES", "INFIXES", "TOKEN_MATCH", "URL_MATCH", "STOP_WORDS", "LEX_ATTRS",
           "make_splitter"]
