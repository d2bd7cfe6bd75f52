"""Persian special cases: era abbreviations of dates kept whole ("ق.م", before Christ;
"ب.م", after; ".م", ".هـ" after a year). Unlike most languages, Persian has none of the
language-independent special cases (no "C.", no "''" as one token, no norm for a no-break
space), as in spaCy's Persian.

Not here: spaCy's Persian also splits ~700 listed words into a stem and a clitic ("آثارش" is
"آثار" + "ش"); lexloom keeps such words whole."""
from __future__ import annotations

from ..tokenizer_exceptions import ORTH, Exceptions

TOKENIZER_EXCEPTIONS: Exceptions = {orth: [{ORTH: orth}] for orth in ("ق.م", "ب.م", ".م", ".هـ")}
