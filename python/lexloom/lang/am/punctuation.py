"""Amharic suffixes: Amharic shares the Ge'ez script and its punctuation with Tigrinya, so it
uses the same suffix rules."""
from __future__ import annotations

from ..ti.punctuation import ethiopic_suffixes

TOKENIZER_SUFFIXES: list[str] = ethiopic_suffixes()
