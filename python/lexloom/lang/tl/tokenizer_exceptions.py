"""Tagalog special cases: the language-independent ones, each with an apostrophe also
written with a curly one ("’’", ":’)"), and "'di" (hindi) and contractions with "'y" (ay) and
"'ng" (ang). Which spellings are kept whole or split was checked against spaCy's Tagalog one
by one (spaCy used as a black box); the norms are lexloom's own."""
from __future__ import annotations

from ..tokenizer_exceptions import (BASE_EXCEPTIONS, Exceptions, merge_exceptions,
                                    spelled_exceptions)

# spelling -> norm
_MORE_NORMS: dict[str, str] = {
    "'di": 'hindi', '’di': 'hindi',
}
# split into pieces, each with its norm
_MORE_SPLIT: dict[str, list[tuple[str, str]]] = {
    "siya'y": [('siya', 'siya'), ("'y", 'ay')],
    "tayo'y": [('tayo', 'tayo'), ("'y", 'ay')],
    "ano'ng": [('ano', 'ano'), ("'ng", 'ang')],
    'siya’y': [('siya', 'siya'), ('’y', 'ay')],
    'tayo’y': [('tayo', 'tayo'), ('’y', 'ay')],
    'ano’ng': [('ano', 'ano'), ('’ng', 'ang')],
}


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(
    BASE_EXCEPTIONS, spelled_exceptions(_MORE_NORMS, split=_MORE_SPLIT))
