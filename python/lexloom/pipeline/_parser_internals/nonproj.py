"""Pseudo-projective parsing (Nivre & Nilsson 2005, HEAD scheme) with spaCy's functions:
`projectivize(heads, labels)` lifts the arcs that cross a word their head doesn't dominate,
decorating the lifted words' labels "label||headlabel", and `deprojectivize(doc)` puts them
back under the first "headlabel" word found breadth-first below their head.

The transform itself is native (lexloom.parser_internals.arc_eager: what the parser and
Example.get_aligned_parse run). The checks here (ancestors, contains_cycle, is_nonproj_arc,
is_nonproj_tree) are spaCy's small functions on head lists, for users and debug tools, with
its conventions: heads are absolute indices, a root heads itself, None is unknown; a chain
that reaches an unknown head counts as dominated; a cycle met while checking an arc raises.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ...errors import ExampleError
from ...parser_internals.arc_eager import DELIMITER, deprojectivize_doc
from ...parser_internals.arc_eager import projectivize as _lift_arcs

__all__ = [
    "DELIMITER",
    "ancestors",
    "contains_cycle",
    "count_decorated_labels",
    "decompose",
    "deprojectivize",
    "get_smallest_nonproj_arc_slow",
    "is_decorated",
    "is_nonproj_arc",
    "is_nonproj_tree",
    "projectivize",
]


def _cycle_error(heads: Sequence) -> ExampleError:
    shown = ", ".join("-1" if h is None else str(h) for h in heads)
    return ExampleError(f"Found cycle in dependency graph: [{shown}]. Following the heads from "
                        "some token comes back to it; every chain of heads must end at a root "
                        "(a token that is its own head) or at an unknown head (None).")


def ancestors(tokenid: int, heads: Sequence) -> Iterator:
    """The heads above tokenid, nearest first, ending at a root or after an unknown head
    (which is yielded, as None). At most len(heads) of them, so a cycle repeats until then
    rather than looping forever."""
    head = tokenid
    for _ in range(len(heads)):
        if heads[head] == head:
            return
        head = heads[head]
        yield head
        if head is None:
            return


def contains_cycle(heads: Sequence) -> set | None:
    """The tokens of the first cycle found (the start token and the ancestors walked until
    one repeats), or None for a tree or a forest."""
    for tokenid in range(len(heads)):
        seen = {tokenid}
        for ancestor in ancestors(tokenid, heads):
            if ancestor in seen:
                return seen
            seen.add(ancestor)
    return None


def _has_head_as_ancestor(tokenid: int, head: int, heads: Sequence) -> bool:
    """Whether head dominates tokenid (or its chain ends at an unknown head)."""
    ancestor = tokenid
    seen = {ancestor}
    while True:
        up = heads[ancestor]
        if up is None or up == head or up < 0:
            return True
        if up == ancestor:
            return False
        if up in seen:
            raise _cycle_error(heads)
        seen.add(up)
        ancestor = up


def is_nonproj_arc(tokenid: int, heads: Sequence) -> bool:
    """Whether the arc into tokenid is non-projective (Havelka 2007): some word between it
    and its head is not below the head. Root arcs and unknown heads are projective; a cycle
    met on the way raises ExampleError (a ValueError)."""
    head = heads[tokenid]
    if head is None or head == tokenid or head < 0:
        return False
    start, end = (head + 1, tokenid) if head < tokenid else (tokenid + 1, head)
    return any(not _has_head_as_ancestor(k, head, heads) for k in range(start, end))


def is_nonproj_tree(heads: Sequence) -> bool:
    """Whether any arc of the tree is non-projective (arcs checked left to right)."""
    return any(is_nonproj_arc(word, heads) for word in range(len(heads)))


def decompose(label: str) -> tuple[str, str]:
    """("label", "headlabel") of a decorated label; ("label", "") of a plain one."""
    return label.partition(DELIMITER)[::2]


def is_decorated(label: str) -> bool:
    return DELIMITER in label


def count_decorated_labels(gold_data: Iterable) -> dict[str, int]:
    """How often each decorated label occurs in the projectivized reference trees of the
    Examples (in predicted tokens)."""
    freqs: dict[str, int] = {}
    for example in gold_data:
        heads, labels = example.get_aligned_parse(projectivize=True)
        for i, (head, label) in enumerate(zip(heads, labels)):
            if head != i and label is not None and is_decorated(label):
                freqs[label] = freqs.get(label, 0) + 1
    return freqs


def projectivize(heads: Sequence, labels: Sequence) -> tuple[list, list]:
    """(heads, labels) of a projective tree: each non-projective arc, smallest first, lifted
    to the head's head until none is left; lifted words' labels become "label||headlabel"
    (the label of the original head). A projective tree comes back as copies."""
    try:
        return _lift_arcs(heads, labels)
    except ExampleError:
        n = len(heads)
        if all(h is None or (isinstance(h, int) and 0 <= h < n) for h in heads) \
                and contains_cycle(heads):
            raise _cycle_error(heads) from None
        raise


def deprojectivize(doc):
    """Undo projectivize on a parsed Doc, in place: each word with a decorated label
    "label||headlabel" is re-attached to the first word labelled "headlabel" found
    breadth-first below its head (its head stays when there is none) and keeps "label".
    Returns the Doc."""
    return deprojectivize_doc(doc)


def get_smallest_nonproj_arc_slow(heads: Sequence) -> int:
    """The non-projective arc (by its dependent) spanning the fewest words, leftmost on ties;
    -1 when the tree is projective. (The native transform finds them itself.)"""
    smallest, best = None, -1
    for tokenid, head in enumerate(heads):
        if head is None:
            continue
        size = abs(tokenid - head)
        if (smallest is None or size < smallest) and is_nonproj_arc(tokenid, heads):
            smallest, best = size, tokenid
    return best


def _lift(tokenid: int, heads: list) -> int:
    """Re-attach tokenid to its head's head (a word under a root becomes a root), in place;
    returns the new head."""
    head = heads[tokenid]
    grandhead = heads[head]
    heads[tokenid] = grandhead if head != grandhead else tokenid
    return heads[tokenid]
