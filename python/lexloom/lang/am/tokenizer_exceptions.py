"""Amharic special cases: "ት/ቤት" (school), "ወ/ሮ" (Mrs, NORM "ወይዘሮ"), the era "ዓ.ም." and
"ኪ.ሜ." (km) kept whole."""
from __future__ import annotations

from ..ti.tokenizer_exceptions import abbreviation_exceptions
from ..tokenizer_exceptions import BASE_EXCEPTIONS, Exceptions, merge_exceptions

ABBREVIATIONS = {"ት/ቤት": "", "ወ/ሮ": "ወይዘሮ", "ዓ.ም.": "", "ኪ.ሜ.": ""}

TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(
    BASE_EXCEPTIONS, abbreviation_exceptions(ABBREVIATIONS))
