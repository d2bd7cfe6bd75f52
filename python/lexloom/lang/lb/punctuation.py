"""Luxembourgish infixes: an elided article "d'"/"d’" at the start of a word splits off
("d'Saach" -> "d'", "Saach"); letters split at "--" and punctuation between them, a hyphen
only between digits (compounds such as "Grand-Duché" stay whole)."""
from __future__ import annotations

from ..char_classes import ALPHA, ALPHA_LOWER, ALPHA_UPPER, LIST_ELLIPSES, LIST_ICONS

_ELISION = "'\u2019"

TOKENIZER_INFIXES: list[str] = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        f"(?<=^[dD][{_ELISION}])(?=[{ALPHA}])",  # empty match: a split point, no token
        f"(?<=[{ALPHA_LOWER}])\\.(?=[{ALPHA_UPPER}])",
        f"(?<=[{ALPHA}])[,!?](?=[{ALPHA}])",
        f"(?<=[{ALPHA}])[:<>=](?=[{ALPHA}])",
        f"(?<=[{ALPHA}]),(?=[{ALPHA}])",
        f"(?<=[{ALPHA}])--(?=[{ALPHA}])",
        r"(?<=[0-9])-(?=[0-9])",
    ]
)
