"""Persian suffixes: the Arabic ones (ar/punctuation.py) and "%" after a digit ("4%")."""
from __future__ import annotations

from ..ar.punctuation import rtl_suffixes
from ..punctuation import after

TOKENIZER_SUFFIXES: list[str] = rtl_suffixes([after("0-9", "%")])
