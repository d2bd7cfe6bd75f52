"""Morphological features: the normalised UD FEATS string, the table of analyses a vocab
knows (Morphology), and a read-only view of one token's analysis (MorphAnalysis)."""
from __future__ import annotations

import warnings
from collections.abc import Iterator

from .attrs import POS
from .attrs import POS_IDS as _POS_IDS
from .errors import DocError, Warnings

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
        feats = {}
        for k, v in features.items():
            if not isinstance(k, str) or not isinstance(v, str) or not k or not v:
                # a list, None, a number...: skipped with spaCy's warning (its str() was
                # stored as a value before: "Number=['Sing', 'Plur']")
                warnings.warn(Warnings.W100.format(feature={k: v}))
                continue
            feats[k] = VALUE_SEP.join(sorted(v.split(VALUE_SEP)))
    else:
        raise DocError(f"Morphological features must be a FEATS string or a dict, not "
                       f"{type(features).__name__}.")
    joined = FEATURE_SEP.join(sorted(f"{k}{FIELD_SEP}{v}" for k, v in feats.items()))
    return joined or EMPTY_MORPH


class MorphAnalysis:
    """The features of one token (token.morph): str(), to_dict(), get(field), `in`."""

    __slots__ = ("key", "vocab")

    def __init__(self, vocab, features: int | str | dict = 0):
        """`features`: the hash of a FEATS string in vocab.strings (what tokens store), or the
        features themselves as a FEATS string or a dict (spaCy's constructor), which are
        interned."""
        self.vocab = vocab
        if isinstance(features, (str, dict)):
            features = vocab.strings.add(normalize_features(features))
        self.key = features

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


# spaCy's morphology.POS_IDS: the universal POS tags and their ids (as parts_of_speech.IDS)
def _pos_ids() -> dict:
    from .parts_of_speech import IDS

    return IDS


POS_IDS = _pos_ids()


class Morphology:
    """The morphological analyses of a vocab, keyed by the hash of their normalised FEATS
    string (what token.morph holds). add() normalises and stores an analysis; get() gives
    its FEATS string back."""

    FEATURE_SEP = FEATURE_SEP
    FIELD_SEP = FIELD_SEP
    VALUE_SEP = VALUE_SEP
    EMPTY_MORPH = EMPTY_MORPH

    def __init__(self, strings) -> None:
        from cymem.cymem import Pool

        self._strings = strings
        self._mem = Pool()
        self.tags: set[int] = set()

    @property
    def strings(self):
        """The StringStore the analyses' FEATS strings live in."""
        return self._strings

    @property
    def mem(self):
        """A cymem Pool (spaCy's attribute; the analyses themselves are strings here)."""
        return self._mem

    def __reduce__(self):
        tags = sorted(self.strings[key] for key in self.tags if key in self.strings)
        return (unpickle_morphology, (self.strings, tags))

    def add(self, features: str | dict) -> int:
        """Store an analysis, given as a FEATS string or a {field: values} dict; returns its
        key. Features in another form are skipped with a warning."""
        if isinstance(features, str):
            features = self.feats_to_dict(features) if features else {}
        key = self.strings.add(self.normalize_features(features))
        self.tags.add(key)
        return key

    def get(self, morph: int) -> str:
        """The FEATS string of an analysis key ("" for none). Keys token.morph holds count as
        known even when they were set without add()."""
        if morph == 0:
            return ""
        if morph in self.tags:
            return self.strings[morph]
        try:
            text = self.strings[morph]
        except KeyError:
            return ""
        return text if text == EMPTY_MORPH or FIELD_SEP in text else ""

    def normalize_features(self, features: str | dict) -> str:
        """A FEATS string or dict -> the canonical FEATS string (fields and values sorted);
        "_" when there are none."""
        if isinstance(features, str):
            features = self.feats_to_dict(features)
        if not isinstance(features, dict):
            warnings.warn(Warnings.W100.format(feature=features))
            features = {}
        features = self.normalize_attrs(features)
        as_strings = {self.strings.as_string(field): self.strings.as_string(values)
                      for field, values in features.items()}
        joined = FEATURE_SEP.join(sorted(f"{field}{FIELD_SEP}{values}"
                                         for field, values in as_strings.items()))
        return joined or EMPTY_MORPH

    def normalize_attrs(self, attrs: dict) -> dict:
        """POS keys become the POS id with the tag's id as value; other fields and values
        become strings, multiple values sorted. Entries of other types are skipped with a
        warning."""
        out: dict = {}
        for key, value in dict(attrs).items():
            if key == POS or (isinstance(key, str) and key.upper() == "POS"):
                if isinstance(value, str) and value.upper() in _POS_IDS:
                    value = _POS_IDS[value.upper()]
                elif isinstance(value, int) and value not in _POS_IDS.values():
                    warnings.warn(Warnings.W100.format(feature={key: value}))
                    continue
                out[POS] = value
            elif isinstance(key, (int, str)) and isinstance(value, (int, str)):
                key = self.strings.as_string(key)
                value = self.strings.as_string(value)
                if VALUE_SEP in value:
                    value = VALUE_SEP.join(sorted(value.split(VALUE_SEP)))
                out[key] = value
            else:
                warnings.warn(Warnings.W100.format(feature={key: value}))
        return out

    @staticmethod
    def feats_to_dict(feats: str) -> dict[str, str]:
        """"Number=Sing|Person=3" -> {"Number": "Sing", "Person": "3"}, values sorted."""
        return feats_to_dict(feats)

    @staticmethod
    def dict_to_feats(feats_dict: dict[str, str]) -> str:
        """{"Number": "Sing"} -> "Number=Sing" (sorted; "" for an empty dict)."""
        if not feats_dict:
            return ""
        return FEATURE_SEP.join(sorted(
            f"{field}{FIELD_SEP}{VALUE_SEP.join(sorted(values.split(VALUE_SEP)))}"
            for field, values in feats_dict.items()))


def unpickle_morphology(strings, tags) -> Morphology:
    """Rebuild a pickled Morphology (pickle support for live objects only)."""
    morphology = Morphology(strings)
    for tag in tags:
        morphology.add(tag)
    return morphology
