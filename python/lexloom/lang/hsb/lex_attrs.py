"""Upper Sorbian number likeness: digits and fractions, cardinal words (with the masculine,
feminine/neuter and personal forms of one to four), and the ordinals first to twelfth in
their masculine, feminine and neuter forms (-y/-i, -a, -e)."""
from __future__ import annotations

from ...attrs import LIKE_NUM  # noqa: F401 (spaCy's module offers the attribute id too)
from ..lex_attrs import number_like

_CARDINALS = """
nul jedyn jedna jedne dwaj dwě tři třo štyri štyrjo pjeć šěsć sydom wosom dźewjeć dźesać
jědnaće dwanaće třinaće štyrnaće pjatnaće šěsnaće sydomnaće wosomnaće dźewjatnaće
dwaceći třiceći štyrceći pjećdźesat šěsćdźesat sydomdźesat wosomdźesat dźewjećdźesat
sto tysac milion miliarda bilion biliarda trilion triliarda
""".split()

# Ordinal stems: the masculine adds -y (-i after a soft consonant), feminine -a, neuter -e.
_ORDINAL_STEMS = ("prěn:i druh:i třeć:i štwórt:y pjat:y šěst:y sydm:y wosm:y dźewjat:y "
                  "dźesat:y jědnat:y dwanat:y").split()


def _ordinals() -> list[str]:
    words = []
    for entry in _ORDINAL_STEMS:
        stem, masculine = entry.split(":")
        feminine = "ja" if stem == "prěn" else "a"
        neuter = "je" if stem == "prěn" else "e"
        words += [stem + masculine, stem + feminine, stem + neuter]
    return words


NUMBER_WORDS: frozenset[str] = frozenset(_CARDINALS + _ordinals())


def like_num(text: str) -> bool:
    """Digits ("10,000"), fractions, and number words in any case ("Sto", "prěnja")."""
    return number_like(text, NUMBER_WORDS)


LEX_ATTRS = {"LIKE_NUM": like_num}
