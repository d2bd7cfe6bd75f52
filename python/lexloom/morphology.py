"""Morphological features: the normalised UD FEATS string and the table of analyses a vocab
knows (Morphology). The read-only view of one token's analysis (MorphAnalysis) is native, in
lexloom.tokens.doc, and importable from here as in spaCy."""
from __future__ import annotations

import functools
import warnings

from .attrs import POS
from .attrs import POS_IDS as _POS_IDS
from .attrs import POS_NAMES as _POS_NAMES
from .errors import DocError, DocTypeError, Errors, Warnings

FEATURE_SEP = "|"
FIELD_SEP = "="
VALUE_SEP = ","
EMPTY_MORPH = "_"  # spaCy's symbol for "analysed, no features"


def feats_to_dict(feats: str) -> dict[str, str]:
    """'Number=Sing|Person=3' -> {'Number': 'Sing', 'Person': '3'}; values sorted. Each part
    must hold exactly one "=" (an empty field or value is kept, as spaCy keeps it)."""
    if not feats or feats == EMPTY_MORPH:
        return {}
    return dict(_parsed_feats(feats))


@functools.lru_cache(maxsize=8192)
def _parsed_feats(feats: str) -> tuple:
    """feats_to_dict's items, parsed once per FEATS string (token.morph.to_dict() runs per
    token; a pipeline knows a few hundred analyses)."""
    out = {}
    for feat in feats.split(FEATURE_SEP):
        parts = feat.split(FIELD_SEP)
        if len(parts) != 2:
            raise DocError(f"Morphological features {feats!r} are not in UD FEATS format "
                           f"(Field=Value|Field=Value); the part {feat!r} is malformed.")
        field, values = parts
        out[field] = VALUE_SEP.join(sorted(values.split(VALUE_SEP)))
    return tuple(out.items())


def add_analysis(strings, features: str | dict) -> int:
    """The key of an analysis (a FEATS string or dict): its normal form interned in `strings`,
    with each field and Field=Value the first time, as spaCy's Morphology.add interns them
    (code looks them up by hash: vocab.strings[hash_string("Aspect=Prog")])."""
    normalized = normalize_features(features)
    new = normalized not in strings   # (len(strings) counts the transient strings one by one)
    key = strings.add(normalized)
    if new:
        _add_feature_strings(strings, normalized)
    return key


def _add_feature_strings(strings, normalized: str) -> None:
    if normalized == EMPTY_MORPH:
        return
    for feat in normalized.split(FEATURE_SEP):
        field, _, values = feat.partition(FIELD_SEP)
        strings.add(field)
        for value in values.split(VALUE_SEP):
            strings.add(f"{field}{FIELD_SEP}{value}")


def normalize_features(features: str | dict) -> str:
    """A FEATS string or dict -> the canonical FEATS string (sorted); "_" when empty. As
    spaCy's Morphology.normalize_features: a POS field (any case) is named "POS" with an
    upper-case universal tag; features of another form are skipped with warning W100."""
    if isinstance(features, str):
        return _normalized_string(features)
    if isinstance(features, int):  # Doc(morphs=[5]): spaCy's E017, a TypeError
        raise DocTypeError(Errors.E017.format(value_type=type(features)))
    if not isinstance(features, dict):
        warnings.warn(Warnings.W100.format(feature=features))
        features = {}
    feats = {}
    for k, v in features.items():
        if k == POS or (isinstance(k, str) and k.upper() == "POS"):
            if isinstance(v, str):
                feats["POS"] = v.upper() if v.upper() in _POS_IDS else v
                continue
            if isinstance(v, int) and not isinstance(v, bool) and v in _POS_NAMES:
                feats["POS"] = _POS_NAMES[v]
                continue
        elif isinstance(k, str) and isinstance(v, str):
            if VALUE_SEP in v:
                v = VALUE_SEP.join(sorted(v.split(VALUE_SEP)))
            feats[k] = v
            continue
        # a list, None, a number (ids need the vocab's strings: Morphology.add takes them)
        warnings.warn(Warnings.W100.format(feature={k: v}))
    joined = FEATURE_SEP.join(sorted(f"{k}{FIELD_SEP}{v}" for k, v in feats.items()))
    return joined or EMPTY_MORPH


@functools.lru_cache(maxsize=8192)
def _normalized_string(feats: str) -> str:
    """normalize_features of a FEATS string, worked out once per string (Doc(morphs=...),
    from_json and the morphologizer give one per token)."""
    return normalize_features(feats_to_dict(feats))


@functools.lru_cache(maxsize=8192)
def _features(feats: str) -> tuple[str, ...]:
    """Each "Field=Value" of a FEATS string, one per value, in field order (iter(morph))."""
    return tuple(f"{field}{FIELD_SEP}{value}" for field, values in feats_to_dict(feats).items()
                 for value in values.split(VALUE_SEP))


@functools.lru_cache(maxsize=8192)
def _field_values(feats: str) -> dict[str, tuple[str, ...]]:
    """Each field's values (morph.get(field), per token); the dict is shared: read only."""
    return {field: tuple(values.split(VALUE_SEP))
            for field, values in feats_to_dict(feats).items()}


@functools.lru_cache(maxsize=8192)
def _feature_set(feats: str) -> frozenset[str]:
    """`"Number=Sing" in morph`, per token: the features of each FEATS string, as a set once."""
    return frozenset(_features(feats))


def __getattr__(name: str):
    # MorphAnalysis is native (lexloom.tokens.doc, beside Token, which makes one per read);
    # that module imports this one, so the name is resolved on first use
    if name == "MorphAnalysis":
        from .tokens.doc import MorphAnalysis

        return MorphAnalysis
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
        key. Features in another form are skipped with a warning. A string that is already
        an analysis's key string is that analysis (spaCy's shortcut)."""
        if isinstance(features, str):
            if features == "":
                features = EMPTY_MORPH
            known = self.strings[features]
            if known in self.tags:
                return known
            features = self.feats_to_dict(features)
        if not isinstance(features, dict):
            warnings.warn(Warnings.W100.format(feature=features))
            features = {}
        normalized = self.normalize_features(features)
        key = self.strings.add(normalized)
        if key not in self.tags:
            self.tags.add(key)
            _add_feature_strings(self.strings, normalized)
        return key

    def get(self, morph: int) -> str:
        """The FEATS string of an analysis key ("" for none). Keys token.morph holds count as
        known even when they were set without add(): a FEATS string in its normal form (as
        every analysis's is) is taken as one, and remembered."""
        if morph in self.tags:   # (0 never is)
            return self._strings[morph]
        if morph == 0:
            return ""
        try:
            text = self._strings[morph]
        except (KeyError, TypeError, OverflowError):
            return ""
        if text != EMPTY_MORPH:
            if FIELD_SEP not in text:
                return ""
            try:
                # (a FEATS string never warns: only dict entries of other types do. No
                # catch_warnings here: leaving one resets which warnings were shown, so
                # the user's own warnings came back after every such lookup)
                if normalize_features(text) != text:
                    return ""
            except ValueError:
                return ""
        self.tags.add(morph)
        return text

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
