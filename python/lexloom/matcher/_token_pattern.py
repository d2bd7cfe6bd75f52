"""The token-pattern schema spaCy validates Matcher patterns against, as plain checks.

validate_token_pattern(pattern) -> list of messages "[pattern -> i -> KEY] what is wrong";
empty when the pattern is valid. Mirrors spacy.schemas.TokenPattern: which keys exist, which
value types each takes, which predicates, which operators.
"""
from __future__ import annotations

import re
from typing import Any

from ..attrs import ATTR_NAMES

_STRING_ATTRS = {"ORTH", "TEXT", "LOWER", "POS", "TAG", "MORPH", "DEP", "LEMMA", "SHAPE",
                 "ENT_TYPE", "ENT_ID", "ENT_KB_ID", "NORM"}
_BOOL_ATTRS = {"SPACY", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE",
               "IS_PUNCT", "IS_SPACE", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT",
               "IS_RIGHT_PUNCT", "IS_CURRENCY", "IS_STOP", "IS_SENT_START", "SENT_START",
               "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL"}
_NUMBER_ATTRS = {"LENGTH"}
_IOB_VALUES = ("", "I", "O", "B", 0, 1, 2, 3)
_OPS = ("+", "*", "?", "!")
_MIN_MAX = re.compile(r"^(\{\d+\}|\{\d+,\d*\}|\{\d*,\d+\})$")
_SET_KEYS = ("IN", "NOT_IN", "IS_SUBSET", "IS_SUPERSET", "INTERSECTS")
_FUZZY_KEYS = ("FUZZY",) + tuple(f"FUZZY{i}" for i in range(1, 10))
# field name -> accepted spellings (the field name and its alias)
_STRING_PRED = {k: (k, k.lower()) for k in ("REGEX",) + _SET_KEYS + _FUZZY_KEYS}
_NUMBER_PRED = {k: (k, k.lower()) for k in ("REGEX",) + _SET_KEYS}
_NUMBER_PRED.update({"EQ": ("EQ", "=="), "NEQ": ("NEQ", "!="), "GEQ": ("GEQ", ">="),
                     "LEQ": ("LEQ", "<="), "GT": ("GT", ">"), "LT": ("LT", "<")})


def _is_str(v: Any) -> bool:
    return isinstance(v, str)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return _is_int(v) or isinstance(v, float)


def _field_of(key: str, table: dict) -> str | None:
    for field, names in table.items():
        if key in names:
            return field
    return None


def _check_string_pred(value: dict, loc: str, out: list) -> None:
    """A TokenPatternString: REGEX / FUZZY* take a str or a nested dict, set ops a list of str."""
    for key, v in value.items():
        field = _field_of(key, _STRING_PRED) if isinstance(key, str) else None
        where = f"{loc} -> {key}"
        if field is None:
            out.append(f"[{where}] extra fields not permitted (predicates: "
                       f"{', '.join(_STRING_PRED)})")
        elif v is None:
            out.append(f"[{where}] None / null is not allowed")
        elif field == "REGEX" or field in _FUZZY_KEYS:
            if isinstance(v, dict):
                _check_string_pred(v, where, out)
            elif not _is_str(v):
                out.append(f"[{where}] value must be a string or a dict of predicates")
        elif not isinstance(v, list) or not all(_is_str(x) for x in v):
            out.append(f"[{where}] value must be a list of strings")


def _check_number_pred(value: dict, loc: str, out: list) -> None:
    for key, v in value.items():
        field = _field_of(key, _NUMBER_PRED) if isinstance(key, str) else None
        where = f"{loc} -> {key}"
        if field is None:
            out.append(f"[{where}] extra fields not permitted (predicates: "
                       f"{', '.join(n[1] for n in _NUMBER_PRED.values())})")
        elif v is None:
            out.append(f"[{where}] None / null is not allowed")
        elif field == "REGEX":
            if not _is_str(v):
                out.append(f"[{where}] value must be a string")
        elif field in _SET_KEYS:
            if not isinstance(v, list) or not all(_is_int(x) for x in v):
                out.append(f"[{where}] value must be a list of integers")
        elif not _is_number(v):
            out.append(f"[{where}] value must be a number")


def _check_token(spec: dict, loc: str, out: list) -> None:
    for key, value in spec.items():
        where = f"{loc} -> {key}"
        if not isinstance(key, str):
            out.append(f"[{where}] keys must be attribute names (str)")
            continue
        if key == "_":
            name = "_"
        elif key.upper() == key or key.lower() == key:
            name = key.upper()
        else:
            name = None
        if name is not None and key != name and key == key.lower() and name in spec:
            # "orth" next to "ORTH": the schema reads the alias, the field name is extra
            out.append(f"[{where}] Extra inputs are not permitted")
            continue
        if value is None and name is not None:
            out.append(f"[{where}] None / null is not allowed")
            continue
        if name in _STRING_ATTRS:
            if isinstance(value, dict):
                _check_string_pred(value, where, out)
            elif not _is_str(value):
                out.append(f"[{where}] value must be a string or a dict of predicates")
        elif name in _NUMBER_ATTRS:
            if isinstance(value, dict):
                _check_number_pred(value, where, out)
            elif not _is_number(value):
                out.append(f"[{where}] value must be a number or a dict of predicates")
        elif name in _BOOL_ATTRS:
            if not isinstance(value, bool):
                out.append(f"[{where}] value must be a boolean (true / false)")
        elif name == "ENT_IOB":
            # spaCy's schema is Literal[...]: True / False compare equal to 1 / 0
            if value not in _IOB_VALUES:
                out.append(f"[{where}] value must be one of '', 'I', 'O', 'B', 0, 1, 2, 3")
        elif name == "OP":
            if not (isinstance(value, str) and (value in _OPS or _MIN_MAX.match(value))):
                out.append(f"[{where}] value must be one of {', '.join(_OPS)}, {{n}}, "
                           "{n,m}, {n,} or {,m}")
        elif name == "_":
            if not isinstance(value, dict):
                out.append(f"[{where}] value must be a dict of extension names to values")
                continue
            for ext, v in value.items():
                ewhere = f"{where} -> {ext}"
                if not _is_str(ext):
                    out.append(f"[{ewhere}] extension names must be strings")
                elif v is None:
                    out.append(f"[{ewhere}] None / null is not allowed")
                elif isinstance(v, dict):
                    string_errors: list = []
                    number_errors: list = []
                    _check_string_pred(v, ewhere, string_errors)
                    _check_number_pred(v, ewhere, number_errors)
                    if string_errors and number_errors:
                        out.extend(string_errors)
                elif not isinstance(v, (str, int, float, list, bool)):
                    out.append(f"[{ewhere}] value must be a str, number, bool, list or a dict "
                               "of predicates")
        else:
            out.append(f"[{where}] extra fields not permitted: {key!r} is not a token "
                       "attribute a pattern can use")


def validate_token_pattern(obj: Any) -> list[str]:
    """Messages for everything wrong in one pattern (a list of token-spec dicts)."""
    out: list[str] = []
    if not isinstance(obj, list):
        return ["[pattern] a pattern must be a list of token-spec dicts"]
    if not obj:
        return ["[pattern] a pattern needs at least one token spec"]
    for i, spec in enumerate(obj):
        loc = f"pattern -> {i}"
        if not isinstance(spec, dict):
            out.append(f"[{loc}] a token spec must be a dict, not {type(spec).__name__}")
            continue
        # attribute ids as keys ({ORTH: "x"}) are checked under their names, as spaCy does
        spec = {(ATTR_NAMES[k] if isinstance(k, int) and not isinstance(k, bool) and k in ATTR_NAMES
                 else k): v for k, v in spec.items()}
        _check_token(spec, loc, out)
    return out
