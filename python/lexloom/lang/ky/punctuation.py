"""Kyrgyz infixes (shared with Tatar, see `lexloom.lang.tt.punctuation`), plus a hyphen
between a number and letters splits ("22-январь" -> "22", "-", "январь"). Prefixes and
suffixes are the language-independent ones."""
from __future__ import annotations

from ..char_classes import ALPHA
from ..tt.punctuation import turkic_infixes

TOKENIZER_INFIXES: list[str] = turkic_infixes(extra=[f"(?<=[0-9])-(?=[{ALPHA}])"])
