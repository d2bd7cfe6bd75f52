"""Haitian Creole lexical attributes: number likeness (digits, fractions, cardinal and ordinal
words, digit ordinals "25yèm"), and a NORM that spells out the clitic pronouns and particles
("'m", "l", "k") as their full words, so "m'ap" and "mwen ap" share norms."""
from __future__ import annotations

from ...attrs import LIKE_NUM, NORM  # noqa: F401 (spaCy's module offers the attribute ids too)
from ..lex_attrs import _strip_number_punct, number_like
from ..norm_exceptions import BASE_NORMS

NUMBER_WORDS: frozenset[str] = frozenset("""
zewo youn en de twa kat senk sis sèt uit nèf dis
onz douz trèz katoz kenz sèz disèt dizwit diznèf
vent trant karant sinkant swasant swasann-dis san mil milyon milya
""".split())

# Ordinals, with the seventh to ninth in both the -vyèm and the -yèm spelling.
ORDINAL_WORDS: frozenset[str] = frozenset("""
premye dezyèm twazyèm katryèm senkyèm sizyèm sètvyèm setyèm uitvyèm uityèm nèvyèm nevyèm
dizyèm onzèm douzyèm trèzyèm katozyèm kenzèm sèzyèm disetyèm dizwityèm diznèvyèm
ventyèm trantyèm karantyèm sinkantyèm swasantyèm swasann-disyèm
santyèm milyèm milyonnyèm milyadyèm
""".split())
_WORDS = NUMBER_WORDS | ORDINAL_WORDS
_ORDINAL_SUFFIX = "yèm"

# Short forms and the full words they stand for: the pronouns also written with an
# apostrophe ("'m", "’m"), and the one-letter particles (capitalised at a sentence start).
_PRONOUNS = {"m": "mwen", "n": "nou", "l": "li", "y": "yo", "w": "ou"}
_PARTICLES = {"t": "te", "k": "ki", "p": "pa"}


def _norm_map() -> dict[str, str]:
    table = {}
    for short, full in {**_PRONOUNS, **_PARTICLES}.items():
        table[short] = full
        table[short.upper()] = full.capitalize()
    for short, full in _PRONOUNS.items():
        table["'" + short] = table["\u2019" + short] = full
    return table


NORM_MAP: dict[str, str] = _norm_map()


def like_num(text: str) -> bool:
    """Digits ("10,000"), fractions ("1/2"), number words and ordinals in any case ("ONZ",
    "Milyonnyèm"), and digits with the ordinal ending ("3yèm")."""
    text = _strip_number_punct(text.strip().lower())
    if number_like(text, _WORDS, strip_sign=False):
        return True
    return text.endswith(_ORDINAL_SUFFIX) and text[:-len(_ORDINAL_SUFFIX)].isdigit()


def norm_custom(text: str) -> str:
    """The full word for a clitic or particle ("'m" -> "mwen"), else the lowercase text."""
    return NORM_MAP.get(text) or text.lower()


def _lexeme_norm(text: str) -> str:
    """The lexeme's NORM: spaCy looks up the shared quote, dash and currency forms
    (BASE_NORMS) before a language's own NORM getter, so "—" still norms to "-"."""
    return BASE_NORMS.get(text) or norm_custom(text)


LEX_ATTRS = {"LIKE_NUM": like_num, "NORM": _lexeme_norm}
