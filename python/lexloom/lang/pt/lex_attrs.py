"""Portuguese number likeness: digits, fractions and number words; the ordinal indicators ºª
are dropped (as spaCy 3.8)."""
from __future__ import annotations

from ..lex_attrs import number_like

NUMBER_WORDS = frozenset("""
bilhao bilhoes bilhão bilhões bilionésimo catorze cem cento centésimo cinco cinquenta dez
dezanove dezasseis dezassete dezoito dois doze ducentésimo duzentos duzia duzias décimo
dúzia dúzias mil milhao milhoes milhão milhões milionésimo milésimo nonagésimo nongentésimo
nono nove novecentos noventa octingentésimo octogésimo oitavo oitenta oito oitocentos onze
primeiro quadragésimo quadrilhao quadrilhoes quadrilhão quadrilhões quadringentésimo
quarenta quarto quatro quatrocentos quingentésimo quinhentos quinquagésimo quinto quinze
segundo seicentos seis septingentésimo septuagésimo sessenta sete setecentos setenta
sexagésimo sexcentésimo sexto sétimo terceiro trecentésimo tres treze trezentos trigésimo
trilhao trilhoes trilhão trilhões trinta três um vigésimo vinte zero
""".split())


def like_num(text: str) -> bool:
    return number_like(text, NUMBER_WORDS, drop="ºª")


LEX_ATTRS = {"LIKE_NUM": like_num}
