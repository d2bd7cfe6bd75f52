"""BASE_NORMS: the language-independent norm exceptions (spaCy's
`spacy.lang.norm_exceptions`): curly quotes, dashes and currency signs mapped to one shared
form. The table itself lives in lex_attrs, beside the NORM getter that reads it."""
from __future__ import annotations

from .lex_attrs import NORM_EXCEPTIONS

BASE_NORMS: dict[str, str] = NORM_EXCEPTIONS

__all__ = ["BASE_NORMS"]
