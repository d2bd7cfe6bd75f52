"""Spanish number likeness: digits and fractions, cardinal and ordinal number words."""
from __future__ import annotations

from ..lex_attrs import number_like

_NUM_WORDS = frozenset("""
cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince
dieciséis diecisiete dieciocho diecinueve veinte veintiuno veintidós veintitrés veinticuatro
veinticinco veintiséis veintisiete veintiocho veintinueve treinta cuarenta cincuenta sesenta
setenta ochenta noventa cien mil millón billón trillón
""".split())

# Masculine forms up to the tens; the list spaCy uses has feminine forms from eightieth on.
_ORDINAL_WORDS = frozenset("""
primero segundo tercero cuarto quinto sexto séptimo octavo noveno décimo undécimo duodécimo
decimotercero decimocuarto decimoquinto decimosexto decimoséptimo decimoctavo decimonoveno
vigésimo trigésimo cuadragésimo quincuagésimo sexagésimo septuagésimo octogésima nonagésima
centésima milésima millonésima billonésima
""".split())


def like_num(text: str) -> bool:
    """Digits ("1.000,5"), fractions ("3/4"), cardinal and ordinal number words."""
    return number_like(text, _NUM_WORDS | _ORDINAL_WORDS)


LEX_ATTRS = {"LIKE_NUM": like_num}
