"""Malay affixes: those of Indonesian (same clitics, units and number infixes), with the
Malaysian ringgit codes "RM" and "MYR" among the currency prefixes."""
from __future__ import annotations

from ..id.punctuation import affixes

TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES, TOKENIZER_INFIXES = affixes(
    "USD RM MYR Rp IDR RMB SGD S$")
