"""Tagalog special cases: the language-independent ones, each with an apostrophe also
written with a curly one ("’’", ":’)"), as spaCy's Tagalog has them."""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, Exceptions, merge_exceptions

TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS)
