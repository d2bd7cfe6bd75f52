"""Lowering tokenizer rules to the native matcher (csrc/lexloom/affix_rules.hh).

A rule is native when it is a method of a compiled str regex (`re.compile(p).search`, or a
lexloom callable that compiles on first use and carries its source as `.pattern`) whose
pattern uses only what the matcher models: literals, classes (\\d \\w \\s as Python's
Unicode tables have them), `.`, groups, alternation, greedy and lazy repeats of a body
that cannot match empty, lookahead, fixed-width lookbehind, ^ $ \\A \\Z \\b \\B. Python's own
parser (`re._parser`) reads the pattern, so the tree is exactly the one `re` compiles.
Anything else (case-insensitive or locale flags, backreferences, atomic groups, possessive
repeats, MULTILINE anchors) keeps the rule on Python's `re`; `native_splitter` then returns
None and the splitter runs in Python as before.
"""
from __future__ import annotations

import re
import unicodedata
import re._constants as C  # noqa: N812
import re._parser as P  # noqa: N812
from collections.abc import Callable
from typing import Any

from .affix_rules import CompiledRule, NativeSplitter

MAX_CHAR = 0x10FFFF
_UNBOUNDED = 1 << 31
_FLAGS_UNSUPPORTED = C.SRE_FLAG_IGNORECASE | C.SRE_FLAG_LOCALE | C.SRE_FLAG_MULTILINE | C.SRE_FLAG_ASCII
FIELDS = ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match")
_AT = {C.AT_BEGINNING: 0, C.AT_BEGINNING_STRING: 0, C.AT_END: 1, C.AT_END_STRING: 2,
       C.AT_BOUNDARY: 3, C.AT_NON_BOUNDARY: 4}
_SINGLE = (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN)


class Unsupported(Exception):
    """The pattern uses something the native matcher does not model."""


_category_cache: dict[Any, list[tuple[int, int]]] = {}


def _category(cat: Any) -> list[tuple[int, int]]:
    """Code point ranges of \\d, \\s, \\w (or their negations) as `re` has them for str:
    found by `re` itself over every character, once per process."""
    if not _category_cache:
        import numpy

        # every code point in one string (25x faster than joining chr() of each)
        chars = numpy.arange(MAX_CHAR + 1, dtype="<u4").tobytes().decode("utf-32-le",
                                                                         "surrogatepass")
        for pos, neg, source in ((C.CATEGORY_DIGIT, C.CATEGORY_NOT_DIGIT, r"\d+"),
                                 (C.CATEGORY_SPACE, C.CATEGORY_NOT_SPACE, r"\s+"),
                                 (C.CATEGORY_WORD, C.CATEGORY_NOT_WORD, r"\w+")):
            ranges = [(m.start(), m.end() - 1) for m in re.finditer(source, chars)]
            _category_cache[pos] = ranges
            _category_cache[neg] = _complement(ranges)
    if cat not in _category_cache:
        raise Unsupported(f"category {cat}")
    return _category_cache[cat]


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _complement(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    at = 0
    for lo, hi in _merge(ranges):
        if lo > at:
            out.append((at, lo - 1))
        at = hi + 1
    if at <= MAX_CHAR:
        out.append((at, MAX_CHAR))
    return out


class _Lowering:
    def __init__(self, flags: int) -> None:
        self.dotall = bool(flags & C.SRE_FLAG_DOTALL)
        self.classes: list[tuple[tuple[int, int], ...]] = []
        self.class_ids: dict[tuple[tuple[int, int], ...], int] = {}
        self.program: list[int] = []

    def cls(self, ranges: list[tuple[int, int]]) -> int:
        key = tuple(_merge(ranges))
        if key not in self.class_ids:
            self.class_ids[key] = len(self.classes)
            self.classes.append(key)
        return self.class_ids[key]

    def single(self, op: Any, av: Any) -> list[tuple[int, int]]:
        if op is C.LITERAL:
            return [(av, av)]
        if op is C.NOT_LITERAL:
            return _complement([(av, av)])
        if op is C.ANY:
            return [(0, MAX_CHAR)] if self.dotall else _complement([(10, 10)])
        ranges: list[tuple[int, int]] = []
        negate = False
        for item, arg in av:
            if item is C.NEGATE:
                negate = True
            elif item is C.LITERAL:
                ranges.append((arg, arg))
            elif item is C.RANGE:
                ranges.append(arg)
            elif item is C.CATEGORY:
                ranges.extend(_category(arg))
            else:
                raise Unsupported(f"class item {item}")
        return _complement(ranges) if negate else ranges

    def first(self, items: Any) -> list[tuple[int, int]] | None:
        """The characters a match of `items` can start with, or None when that is not
        known (it may consume nothing first): lets a branch skip alternatives at once."""
        for op, av in items:
            if op is C.AT or op in (C.ASSERT, C.ASSERT_NOT):
                continue  # zero width: the next item consumes the first character
            if op in _SINGLE:
                return self.single(op, av)
            if op is C.SUBPATTERN:
                return self.first(av[3])
            if op is C.BRANCH:
                union: list[tuple[int, int]] = []
                for alt in av[1]:
                    part = self.first(alt)
                    if part is None:
                        return None
                    union += part
                return union
            if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
                return self.first(av[2])
            return None
        return None

    def required(self, items: Any, accept: Callable[[list[tuple[int, int]]], bool]
                 = lambda ranges: True) -> list[tuple[int, int]] | None:
        """A small set of characters one of which every match of `items` consumes, or
        None: a text without any of them is answered "no match" at once. `accept`: which
        sets may be chosen."""
        best: list[tuple[int, int]] | None = None
        for op, av in items:
            found: list[tuple[int, int]] | None = None
            if op in _SINGLE:
                found = _merge(self.single(op, av))
            elif op is C.SUBPATTERN:
                found = self.required(av[3], accept)
            elif op is C.BRANCH:
                parts = [self.required(alt, accept) for alt in av[1]]
                found = None if any(p is None for p in parts) else _merge(
                    [r for p in parts for r in p])  # type: ignore[union-attr]
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
                found = self.required(av[2], accept)
            if found is not None and _size(found) <= 64 and accept(found) and (
                    best is None or _size(found) < _size(best)):
                best = found
        return best

    def consumed(self, items: Any) -> list[tuple[int, int]]:
        """Every character a match of `items` may consume (lookarounds and anchors consume
        none)."""
        out: list[tuple[int, int]] = []
        for op, av in items:
            if op in _SINGLE:
                out += self.single(op, av)
            elif op is C.SUBPATTERN:
                out += self.consumed(av[3])
            elif op is C.BRANCH:
                for alt in av[1]:
                    out += self.consumed(alt)
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
                out += self.consumed(av[2])
        return _merge(out)

    def seq(self, items: Any) -> None:
        items = list(items)
        self.program += [1, len(items)]
        for op, av in items:
            self.node(op, av)

    def node(self, op: Any, av: Any) -> None:
        if op in _SINGLE:
            self.program += [0, self.cls(self.single(op, av))]
        elif op is C.BRANCH:
            self.program += [2, len(av[1])]
            for alt in av[1]:
                first = self.first(alt)
                self.program.append(-1 if first is None else self.cls(first))
                self.seq(alt)
        elif op is C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise Unsupported("scoped flags")
            self.seq(sub)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, hi, body = av
            if body.getwidth()[0] == 0:
                raise Unsupported("a repeat whose body can match empty")
            self.program += [3, lo, -1 if hi >= _UNBOUNDED else hi, int(op is C.MAX_REPEAT)]
            body = list(body)
            if len(body) == 1 and body[0][0] in _SINGLE:
                self.node(*body[0])
            else:
                self.seq(body)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            direction, sub = av
            width = 0
            if direction < 0:
                lo, hi = sub.getwidth()
                if lo != hi:
                    raise Unsupported("variable-width lookbehind")
                width = lo
            self.program += [4, int(direction < 0), int(op is C.ASSERT_NOT), width]
            self.seq(sub)
        elif op is C.AT:
            if av not in _AT:
                raise Unsupported(f"anchor {av}")
            self.program += [5, _AT[av]]
        else:
            raise Unsupported(f"{op}")


def _size(ranges: list[tuple[int, int]]) -> int:
    return sum(hi - lo + 1 for lo, hi in ranges)


def _starts_anchored(items: Any) -> bool:
    items = list(items)
    if not items:
        return False
    op, av = items[0]
    if op is C.AT:
        return av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING)
    if op is C.BRANCH:
        return all(_starts_anchored(alt) for alt in av[1])
    if op is C.SUBPATTERN and not av[1] and not av[2]:
        return _starts_anchored(av[3])
    return False


def _alternatives(tree: Any) -> list[Any]:
    """The top-level alternatives of a pattern (through plain groups)."""
    items = list(tree)
    if len(items) == 1:
        op, av = items[0]
        if op is C.BRANCH:
            return [a for alt in av[1] for a in _alternatives(alt)]
        if op is C.SUBPATTERN and not av[1] and not av[2]:
            return _alternatives(av[3])
    return [tree]


def _end_bounds(low: "_Lowering", tree: Any) -> tuple[int, list[int]]:
    """For a pattern whose every match ends at the end: (the widest bounded alternative's
    width or -1, one class per unbounded alternative of the characters it may consume,
    with "\n", before which $ also matches). (-1, []) for any other pattern."""
    if not _ends_anchored(tree):
        return -1, []
    widest, tails = -1, []
    for alt in _alternatives(tree):
        hi = alt.getwidth()[1]
        if hi < _UNBOUNDED:
            widest = max(widest, hi)
        else:
            tails.append(low.cls(_merge(low.consumed(alt) + [(10, 10)])))
    return widest, tails


def _ends_anchored(items: Any) -> bool:
    items = list(items)
    if not items:
        return False
    op, av = items[-1]
    if op is C.AT:
        return av in (C.AT_END, C.AT_END_STRING)
    if op is C.BRANCH:
        return all(_ends_anchored(alt) for alt in av[1])
    if op is C.SUBPATTERN and not av[1] and not av[2]:
        return _ends_anchored(av[3])
    return False


_compiled: dict[tuple[str, int], CompiledRule | None] = {}
# A pattern's global inline flags, e.g. "(?iu)"
_LEADING_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")


def compile_rule(pattern: str, flags: int = 0) -> CompiledRule | None:
    """The native matcher for `re.compile(pattern, flags)`, or None where it would not
    answer exactly as `re` does. Cached per (pattern, flags)."""
    key = (pattern, flags)
    if key in _compiled:
        return _compiled[key]
    rule: CompiledRule | None = None
    leading = _LEADING_FLAGS.match(pattern)
    if leading is not None and set(leading.group(1)) & set("iLma"):
        _compiled[key] = None   # (?i...) etc.: unsupported, known without parsing (French's
        return None             # token_match takes 0.4 s to parse)
    try:
        tree = P.parse(pattern, flags)
        all_flags = tree.state.flags
        if all_flags & _FLAGS_UNSUPPORTED or tree.state.groups > 100:
            raise Unsupported("flags")
        low = _Lowering(all_flags)
        low.seq(tree)
        word = low.cls(_category(C.CATEGORY_WORD)) if _uses_boundary(tree) else -1
        lo, hi = tree.getwidth()
        end_width, tails = _end_bounds(low, tree)
        required = low.required(tree)
        required_class = -1 if required is None else low.cls(required)
        classes: list[int] = []
        for ranges in low.classes:
            classes.append(len(ranges))
            for a, b in ranges:
                classes += [a, b]
        rule = CompiledRule(pattern, flags, low.program, classes, word, _starts_anchored(tree),
                            end_width, min(lo, _UNBOUNDED), required_class, tails)
    except (Unsupported, re.error, RecursionError, OverflowError):
        rule = None
    _compiled[key] = rule
    return rule


def _uses_boundary(tree: Any) -> bool:
    for op, av in tree:
        if op is C.AT and av in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY):
            return True
        if op is C.BRANCH and any(_uses_boundary(alt) for alt in av[1]):
            return True
        if op is C.SUBPATTERN and _uses_boundary(av[3]):
            return True
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and _uses_boundary(av[2]):
            return True
        if op in (C.ASSERT, C.ASSERT_NOT) and _uses_boundary(av[1]):
            return True
    return False


def rule_source(fn: Callable | None, field: str) -> tuple[str, int, str] | None:
    """(pattern, flags, method) of a rule callable, or None if it is not a known regex
    method: a compiled str pattern's bound match / search / fullmatch / finditer, or one of
    lexloom's own lazily compiling rules (which call `.match`, or `.finditer` as infixes)."""
    owner = getattr(fn, "__self__", None)
    if isinstance(owner, re.Pattern):
        name = getattr(fn, "__name__", "")
        if isinstance(owner.pattern, str) and name in ("match", "search", "fullmatch", "finditer"):
            return owner.pattern, owner.flags, name
        return None
    pattern = getattr(fn, "pattern", None)
    if (isinstance(pattern, str) and callable(fn)
            and getattr(fn, "__module__", "").startswith("lexloom.lang")):
        return pattern, 0, "finditer" if field == "infix_finditer" else "match"
    return None


def native_splitter(rules: dict[str, Callable | None]) -> NativeSplitter | None:
    """A NativeSplitter for these rule callables (field -> callable or None), or None when
    one of them must stay on Python's `re`. A token_match that doesn't compile (French's
    case-insensitive hyphen and elision words) stays on `re` for just the chunks that hold
    a character every one of its matches needs; the others can't match it."""
    splitter = NativeSplitter()
    for field in FIELDS:
        fn = rules.get(field)
        if fn is None:
            continue
        source = rule_source(fn, field)
        if source is None:
            return None
        pattern, flags, method = source
        if (method == "finditer") != (field == "infix_finditer"):
            return None
        rule = compile_rule(pattern, flags)
        if rule is None and field == "token_match" and method == "match":
            guard = caseless_required(pattern, flags)
            if guard is None:
                return None
            splitter.set_guard(guard)
            continue
        if rule is None:
            return None
        splitter.set_rule(field, rule, method)
    return splitter


_guards: dict[tuple[str, int], list[tuple[int, int]] | None] = {}


def caseless_required(pattern: str, flags: int = 0) -> list[tuple[int, int]] | None:
    """Characters one of which every match of the pattern consumes, all of them without
    case (punctuation, separators, digits: what IGNORECASE or LOCALE can't change), or
    None where the pattern has no such set. Cached per (pattern, flags): French's takes
    ~0.4 s to parse, and a load builds its splitter more than once."""
    key = (pattern, flags)
    if key not in _guards:
        try:
            tree = P.parse(pattern, flags)
            _guards[key] = _Lowering(tree.state.flags).required(tree, accept=_caseless)
        except (Unsupported, re.error, RecursionError, OverflowError):
            _guards[key] = None
    return _guards[key]


def _caseless(ranges: list[tuple[int, int]]) -> bool:
    return all(unicodedata.category(chr(c))[0] in "PZN"
               and chr(c).lower() == chr(c) == chr(c).upper()
               for lo, hi in ranges for c in range(lo, hi + 1))


__all__ = ["caseless_required", "compile_rule", "native_splitter", "rule_source", "Unsupported"]
