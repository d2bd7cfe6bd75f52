"""Armenian number likeness: digits, fractions and the number words in any case (Armenian
has capitals: "ՀԻՍՈՒՆ" counts as "հիսուն")."""
from __future__ import annotations

from ...attrs import LIKE_NUM  # noqa: F401 (spaCy's module offers the attribute id too)
from ..lex_attrs import number_like

_UNITS = "մեկ երկու երեք չորս հինգ վեց յոթ ութ ինը".split()
_TENS = "տասը քսան երեսուն քառասուն հիսուն վաթսուն յոթանասուն ութսուն իննսուն".split()
_SCALES = "հարյուր հազար միլիոն միլիարդ տրիլիոն քվինտիլիոն".split()

# The teens are "տասն" (ten) joined to the unit: "տասնմեկ", "տասներկու", ...
NUMBER_WORDS: frozenset[str] = frozenset(
    ["զրո"] + _UNITS + _TENS + _SCALES + ["տասն" + unit for unit in _UNITS])


def like_num(text: str) -> bool:
    """Digits ("1,000"), fractions ("3/4") and number words in any case."""
    return number_like(text, NUMBER_WORDS)


LEX_ATTRS = {"LIKE_NUM": like_num}
