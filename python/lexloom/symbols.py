"""Symbols: the strings with small fixed ids (attribute names, universal POS tags, common
labels), numbered exactly as spaCy numbers them. The table is the native one the StringStore
uses, so `symbols.NOUN == vocab.strings["NOUN"]` always holds."""
from __future__ import annotations

from .strings import StringStore as _StringStore


def _symbol_names() -> list[str]:
    store = _StringStore()
    return [store[i] for i in range(_StringStore.n_symbols())]


def sort_nums(x: tuple[str, int]) -> int:
    """The id of a (name, id) pair: the key that orders IDS.items() into NAMES."""
    return x[1]


# name -> id, and the names in id order
IDS: dict[str, int] = {name: i for i, name in enumerate(_symbol_names())}
NAMES: list[str] = [name for name, _ in sorted(IDS.items(), key=sort_nums)]

globals().update({name: i for name, i in IDS.items() if name.isidentifier()})   # "_" too, as spaCy
