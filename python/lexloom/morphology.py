"""Morphological features: the normalised UD FEATS string and a read-only view of it."""
from __future__ import annotations

from typing import Iterator

from .errors import DocError

FEATURE_SEP = "|"
FIELD_SEP = "="
VALUE_SEP = ","
EMPTY_MORPH = "_"  # spaCy's symbol for "analysed, no features"


def feats_to_dict(feats: str) -> dict[str, str]:
    """'Number=Sing|Person=3' -> {'Number': 'Sing', 'Person': '3'}; values sorted."""
    if not feats or feats == EMPTY_MORPH:
        return {}
    out = {}
    for feat in feats.split(FEATURE_SEP):
        field, sep, values = feat.partition(FIELD_SEP)
        if not sep or not field or not values:
            raise DocError(f"Morphological features {feats!r} are not in UD FEATS format "
                           f"(Field=Value|Field=Value); the part {feat!r} is malformed.")
        out[field] = VALUE_SEP.join(sorted(values.split(VALUE_SEP)))
    return out


def normalize_features(features: str | dict) -> str:
    """A FEATS string or dict -> the canonical FEATS string (sorted); "_" when empty."""
    if isinstance(features, str):
        feats = feats_to_dict(features)
    elif isinstance(features, dict):
        feats = {str(k): VALUE_SEP.join(sorted(str(v).split(VALUE_SEP))) for k, v in features.items()}
    else:
        raise DocError(f"Morphological features must be a FEATS string or a dict, not "
                       f"{type(features).__name__}.")
    joined = FEATURE_SEP.join(sorted(f"{k}{FIELD_SEP}{v}" for k, v in feats.items()))
    return joined or EMPTY_MORPH


class MorphAnalysis:
    """The features of one token (token.morph): str(), to_dict(), get(field), `in`."""

    __slots__ = ("vocab", "key")

    def __init__(self, vocab, key: int):
        self.vocab = vocab
        self.key = key

    def __str__(self) -> str:
        if self.key == 0:
            return ""
        s = self.vocab.strings[self.key]
        return "" if s == EMPTY_MORPH else s

    def __repr__(self) -> str:
        return str(self)

    def to_dict(self) -> dict[str, str]:
        return feats_to_dict(str(self))

    @classmethod
    def from_id(cls, vocab, key: int) -> "MorphAnalysis":
        """The analysis stored under `key` (a token's MORPH hash)."""
        return cls(vocab, key)

    def to_json(self) -> str:
        """The features as a Universal Dependencies FEATS string ("" when none)."""
        return str(self)

    def get(self, field: str, default=None) -> list[str]:
        value = self.to_dict().get(field)
        if value is None:
            return [] if default is None else default
        return value.split(VALUE_SEP)

    def __contains__(self, feature: str) -> bool:
        field, _, value = feature.partition(FIELD_SEP)
        return value in self.get(field)

    def __iter__(self) -> Iterator[str]:
        for field, values in self.to_dict().items():
            for value in values.split(VALUE_SEP):
                yield f"{field}{FIELD_SEP}{value}"

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __eq__(self, other) -> bool:
        if isinstance(other, MorphAnalysis):
            return self.key == other.key
        if isinstance(other, str):
            return str(self) == (other if other != EMPTY_MORPH else "")
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.key)
