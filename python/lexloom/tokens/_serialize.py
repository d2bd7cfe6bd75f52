"""spaCy's `tokens._serialize` path: DocBin and the helpers that merge and pickle DocBins."""
from __future__ import annotations

import copyreg
from collections.abc import Iterable

from ..attrs import IDS
from .docbin import ALL_ATTRS, DocBin

ORTH = IDS["ORTH"]
SPACY = IDS["SPACY"]


def merge_bins(bins: Iterable[bytes | None]) -> bytes:
    """One DocBin's bytes holding the Docs (and user data) of every DocBin byte string given;
    b"" when there are none. None entries are skipped."""
    merged = None
    for data in bins:
        if data is None:
            continue
        doc_bin = DocBin(store_user_data=True).from_bytes(data)
        if merged is None:
            merged = doc_bin
        else:
            merged.merge(doc_bin)
    return merged.to_bytes() if merged is not None else b""


def pickle_bin(doc_bin: DocBin) -> tuple:
    """pickle support: a DocBin travels as its bytes."""
    return (unpickle_bin, (doc_bin.to_bytes(),))


def unpickle_bin(byte_string: bytes) -> DocBin:
    return DocBin().from_bytes(byte_string)


copyreg.pickle(DocBin, pickle_bin, unpickle_bin)

# spaCy's older name for DocBin.
Binder = DocBin

__all__ = [
    "ALL_ATTRS",
    "IDS",
    "ORTH",
    "SPACY",
    "Binder",
    "DocBin",
    "merge_bins",
    "pickle_bin",
    "unpickle_bin",
]
