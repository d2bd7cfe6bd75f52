"""Ukrainian special cases: abbreviations of places, addresses and titles kept whole with
their full form as NORM. Which are kept whole, and their norms, follow spaCy 3.8's Ukrainian
tokenizer (checked one by one), so spaCy-trained pipelines see the same tokens here."""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, Exceptions, merge_exceptions, normed_exceptions

# norm -> spellings (space-separated)
_NORMED = {
    # places and addresses
    "область": "обл.", "район": "р-н р-н.", "місто": "м.", "вулиця": "вул.",
    "проспект": "просп. пр-кт", "бульвар": "бул.", "провулок": "пров.", "площа": "пл.",
    "майдан": "майд.", "мікрорайон": "мкр.", "станція": "ст.", "житловий масив": "ж/м",
    "набережна": "наб.", "військова частина": "в/ч", "військове містечко": "в/м",
    "озеро": "оз.", "гора": "г.", "імені": "ім.",
    # people
    "пан": "п.", "професор": "проф.", "академік": "акад.", "доцент": "доц.",
}


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, normed_exceptions(_NORMED))
