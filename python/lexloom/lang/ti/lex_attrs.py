"""Tigrinya number likeness: digits and fractions, the cardinal words, the ordinals one to
ten, and digits written with the ordinal ending "ይ"."""
from __future__ import annotations

from ...attrs import LIKE_NUM  # noqa: F401 (spaCy's module offers the attribute id too)
from ..lex_attrs import number_like

NUMBER_WORDS: frozenset[str] = frozenset("""
ዜሮ ሓደ ክልተ ሰለስተ ኣርባዕተ ሓሙሽተ ሽድሽተ ሸውዓተ ሽሞንተ ትሽዓተ ዓሰርተ
ዕስራ ሰላሳ ኣርብዓ ሓምሳ ሱሳ ሰብዓ ሰማንያ ቴስዓ ሚእቲ ሺሕ
ሚልዮን ቢልዮን ትሪልዮን ኳድሪልዮን ጋዚልዮን ባዚልዮን
""".split())

# First to tenth; higher ordinals are "መበል" followed by the cardinal, two words.
ORDINAL_WORDS: frozenset[str] = frozenset(
    "ቀዳማይ ካልኣይ ሳልሳይ ራብዓይ ሓምሻይ ሻድሻይ ሻውዓይ ሻምናይ ታሽዓይ ዓስራይ".split())


def ordinal_digits(text: str, ending: str) -> bool:
    """Digits followed by an ordinal ending; spaCy also takes one more letter between them
    ("10ኛ" and "1ኛ" both count)."""
    return text.endswith(ending) and (text[:-1].isdigit() or text[:-2].isdigit())


def like_num(text: str) -> bool:
    """Digits ("10.000"), fractions, and cardinal or ordinal words."""
    if number_like(text, NUMBER_WORDS | ORDINAL_WORDS):
        return True
    stripped = text[1:] if text.startswith(("+", "-", "±", "~")) else text
    return ordinal_digits(stripped.replace(",", "").replace(".", "").lower(), "ይ")


LEX_ATTRS = {"LIKE_NUM": like_num}
