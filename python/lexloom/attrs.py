"""Attribute ids, numbered as spaCy numbers them, so arrays and saved data interoperate."""
from __future__ import annotations

from numbers import Integral

_FLAG_NAMES = [
    "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_PUNCT", "IS_SPACE", "IS_TITLE",
    "IS_UPPER", "LIKE_URL", "LIKE_NUM", "LIKE_EMAIL", "IS_STOP", "IS_OOV_DEPRECATED",
    "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY",
]

IDS: dict[str, int] = {"": 0}
IDS.update({name: i + 1 for i, name in enumerate(_FLAG_NAMES)})
IDS.update({f"FLAG{i}": i for i in range(19, 64)})
IDS.update({
    "ID": 64, "ORTH": 65, "LOWER": 66, "NORM": 67, "SHAPE": 68, "PREFIX": 69, "SUFFIX": 70,
    "LENGTH": 71, "LEMMA": 73, "POS": 74, "TAG": 75, "DEP": 76, "ENT_IOB": 77, "ENT_TYPE": 78,
    "ENT_ID": 454, "ENT_KB_ID": 452, "HEAD": 79, "SENT_START": 80, "SPACY": 81, "LANG": 83,
    "MORPH": 453, "IDX": 455,
})
ATTR_NAMES: dict[int, str] = {v: k for k, v in IDS.items()}
# spaCy's attrs.NAMES: the names sorted by id, a list (its index is the id only below 72)
NAMES: list[str] = [name for name, _id in sorted(IDS.items(), key=lambda item: item[1])]

globals().update({name: value for name, value in IDS.items() if name})

# Aliases accepted by intify_attr, as in spaCy.
_ALIASES = {"IS_SENT_START": "SENT_START", "SENT_END": None}


def intify_attr(name: int | str) -> int:
    """The attribute id for a name ("ORTH", "orth", "IS_SENT_START") or an id (numpy integers
    too, as from an array of ids); KeyError otherwise."""
    if isinstance(name, Integral) and not isinstance(name, bool):
        name = int(name)
        if name in ATTR_NAMES:
            return name
        raise KeyError(f"[lexloom] [E983] {name} is not an attribute id. Known names: "
                       f"{', '.join(n for n in IDS if n and not n.startswith('FLAG'))}.")
    if isinstance(name, str):
        key = name.upper()
        key = _ALIASES.get(key, key) or key
        if key in IDS:
            return IDS[key]
        raise KeyError(f"[lexloom] [E983] Unknown attribute {name!r}. Known names: "
                       f"{', '.join(n for n in IDS if n and not n.startswith('FLAG'))}.")
    raise KeyError(f"[lexloom] Attributes are names or ids, not {type(name).__name__}.")


def readable_attr(name: int | str) -> int:
    """An attribute id to read values of: a name as intify_attr takes it, or any integer id
    in 0..2**64-1. spaCy reads ids it has no attribute for as 0 (FeatureExtractor([100]) is
    a column of zeros), so reading accepts them; setting values still needs a known id."""
    if isinstance(name, Integral) and not isinstance(name, bool) and name not in ATTR_NAMES:
        name = int(name)
        if 0 <= name < 2 ** 64:
            return name
        raise KeyError(f"[lexloom] {name} is not an attribute id: ids are 0..2**64-1; known "
                       f"names: {', '.join(n for n in IDS if n and not n.startswith('FLAG'))}.")
    return intify_attr(name)


# Keys of spaCy 1.x-era token attribute dicts (old tokenizer exceptions, tag maps) and
# the spaCy 3 attributes they became; None drops the key.
_LEGACY_ATTR_KEYS = {"F": "ORTH", "L": "LEMMA", "pos": "TAG", "morph": None, "number": None,
                     "tenspect": None}
# Morphological features such dicts held as top-level keys ("VerbForm", "verbform" or
# "VERBFORM"): features live in MORPH now, so they are dropped.
_LEGACY_FEATURE_KEYS = frozenset(
    spelling
    for name in ("Abbr", "AdjType", "AdpType", "AdvType", "Animacy", "Aspect", "Case",
                 "ConjType", "Degree", "Derivation", "Echo", "Foreign", "Gender", "Hyph", "Mood",
                 "NameType", "Negative", "NounType", "NumForm", "NumType", "NumValue", "Number",
                 "Other", "PartType", "Person", "Polarity", "Polite", "Poss", "PrepCase",
                 "PronType", "PunctSide", "PunctType", "Reflex", "StyleVariant", "Tense",
                 "Variant", "VerbForm", "VerbType", "Voice")
    for spelling in (name, name.lower(), name.upper()))


def _upgrade_legacy_attrs(stringy_attrs: dict) -> dict:
    """A copy with spaCy 1.x keys renamed ("F" -> "ORTH") and retired ones dropped, so old
    attribute dicts still load (spaCy's _do_deprecated)."""
    out = {}
    for name, value in stringy_attrs.items():
        if name in _LEGACY_ATTR_KEYS:
            name = _LEGACY_ATTR_KEYS[name]
        elif name in _LEGACY_FEATURE_KEYS:
            name = None
        if name is not None:
            out[name] = value
    return out


def intify_attrs(stringy_attrs: dict, strings_map=None, _do_deprecated: bool = False) -> dict:
    """{"ORTH": "dog", "ent_iob": "B"} -> {65: "dog", 77: 3}: keys become attribute ids;
    with a StringStore (or a str -> id mapping), string values become ids too. Keys that
    name no attribute (e.g. "prob" in lexeme data) are skipped, as spaCy skips them.
    _do_deprecated first upgrades spaCy 1.x keys ("F", "L", "pos", feature names)."""
    from .errors import Errors, VocabError

    if _do_deprecated:
        stringy_attrs = _upgrade_legacy_attrs(stringy_attrs)
    out = {}
    for name, value in stringy_attrs.items():
        try:
            key = intify_attr(name)
        except KeyError:
            continue
        if key == IDS["ENT_IOB"]:
            if value in IOB_STRINGS:
                value = IOB_STRINGS.index(value)
            elif isinstance(value, str):
                raise VocabError(Errors.E1025.format(value=value))
        if strings_map is not None and isinstance(value, str):
            value = strings_map.add(value) if hasattr(strings_map, "add") else strings_map[value]
        out[key] = value
    return out


# Universal POS tags and their symbol ids (spaCy's parts_of_speech.IDS).
POS_IDS: dict[str, int] = {
    "": 0, "ADJ": 84, "ADP": 85, "ADV": 86, "AUX": 87, "CONJ": 88, "CCONJ": 89, "DET": 90,
    "INTJ": 91, "NOUN": 92, "NUM": 93, "PART": 94, "PRON": 95, "PROPN": 96, "PUNCT": 97,
    "SCONJ": 98, "SYM": 99, "VERB": 100, "X": 101, "EOL": 102, "SPACE": 103,
}
POS_NAMES: dict[int, str] = {v: k for k, v in POS_IDS.items()}

# Entity IOB codes as stored on tokens.
IOB_STRINGS = ("", "I", "O", "B")
