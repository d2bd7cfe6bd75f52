"""Dutch number likeness: digits, fractions and number words; a leading sign is not stripped
(as spaCy 3.8)."""
from __future__ import annotations

from ..lex_attrs import number_like

NUMBER_WORDS = frozenset("""
acht achtste biljard biljardste biljoen biljoenste derde dertien dertiende dertig dertigste
drie duizend duizendste een eerste elf elfde honderd honderdste miljard miljardste miljoen
miljoenste negen negende negentig negentigste nul tachtig tachtigste tien tiende triljard
triljardste triljoen triljoenste twaalf twaalfde twee tweede twintig twintigste veertien
veertiende veertig veertigste vier vierde vijf vijfde vijftig vijftigste zes zesde zestig
zestigste zeven zevende zeventig zeventigste één
""".split())


def like_num(text: str) -> bool:
    return number_like(text, NUMBER_WORDS, strip_sign=False)


LEX_ATTRS = {"LIKE_NUM": like_num}
