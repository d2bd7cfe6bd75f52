"""The universal POS tags as an IntEnum, with the symbol ids spaCy gives them (NOUN == 92)."""
from __future__ import annotations

from enum import IntEnum

from .attrs import POS_IDS as _POS_IDS

univ_pos_t = IntEnum("univ_pos_t", {("NO_TAG" if name == "" else name): i
                                    for name, i in _POS_IDS.items()}, module=__name__)
univ_pos_t.__doc__ = "A universal POS tag; its value is the tag's symbol id."

IDS: dict[str, univ_pos_t] = {name: univ_pos_t(i) for name, i in _POS_IDS.items()}
NAMES: dict[univ_pos_t, str] = {tag: name for name, tag in IDS.items()}

globals().update({name: tag for name, tag in IDS.items() if name})
