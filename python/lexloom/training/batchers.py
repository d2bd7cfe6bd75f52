"""Batchers: split a stream of Examples into training batches.

Each registered function takes its settings and returns `batcher(items) -> Iterator[list]`.
`size` is an int, or a schedule giving one size per batch: any iterable of numbers (thinc's
`compounding.v1`, `decaying.v1`, a list...) or a callable of the step number. An iterator
schedule is shared between calls, so sizes keep growing across epochs, as in spaCy.
"""
from __future__ import annotations

import itertools
from functools import partial
from typing import Any, Callable, Iterable, Iterator, Sequence, TypeVar, Union

from ..errors import ConfigError
from ..registry import register
from ..util import minibatch  # noqa: F401  (spaCy's batchers module exposes it too)

ItemT = TypeVar("ItemT")
Sizing = Union[int, float, Iterable[float], Callable[[int], float]]
Batcher = Callable[[Iterable[ItemT]], Iterator[list]]
BatcherT = Batcher  # spaCy's name


@register("batchers", "lexloom.batch_by_words.v1", "spacy.batch_by_words.v1")
def configure_batch_by_words(*, size: Sizing, tolerance: float = 0.2,
                             discard_oversize: bool = False,
                             get_length: Callable[[Any], int] | None = None) -> Batcher:
    """Batches of about `size` words; a batch may exceed it by `tolerance` (a fraction).
    An item longer than size * (1 + tolerance) goes alone, or is dropped with
    discard_oversize."""
    return partial(batch_by_words, size=size, tolerance=tolerance,
                   discard_oversize=discard_oversize, get_length=get_length or len)


@register("batchers", "lexloom.batch_by_sequence.v1", "spacy.batch_by_sequence.v1")
def configure_batch_by_sequence(size: Sizing,
                                get_length: Callable[[Any], int] | None = None) -> Batcher:
    """Batches of `size` items (get_length is accepted for spaCy compatibility, unused)."""
    return partial(batch_by_sequence, size=size)


@register("batchers", "lexloom.batch_by_padded.v1", "spacy.batch_by_padded.v1")
def configure_batch_by_padded(*, size: Sizing, buffer: int = 256,
                              discard_oversize: bool = False,
                              get_length: Callable[[Any], int] | None = None) -> Batcher:
    """Batches whose padded size (longest item x number of items) stays within `size`,
    grouping items of similar length inside windows of `buffer` items."""
    return partial(batch_by_padded, size=size, buffer=buffer,
                   discard_oversize=discard_oversize, get_length=get_length or len)


def iter_sizes(size: Sizing) -> Iterator[float]:
    """An endless iterator of batch sizes; a finite schedule repeats its last value.
    Any number is taken as spaCy takes it, 0 and negative ones included: batch_by_words and
    batch_by_padded then give every item with words a batch of its own, batch_by_sequence
    gives no batches at 0."""
    if isinstance(size, (int, float)):
        return itertools.repeat(size)
    if isinstance(size, (str, bytes)):
        raise ConfigError(f"A batch size must be a number or a schedule, not {size!r}.")
    if isinstance(size, Iterable):
        return _repeat_last(iter(size))
    if callable(size):   # a schedule object indexed by step (thinc 9 style)
        return (size(step) for step in itertools.count())
    raise ConfigError(f"A batch size must be an int or a schedule (e.g. compounding.v1), not "
                      f"{type(size).__name__}.")


def _repeat_last(sizes: Iterator[float]) -> Iterator[float]:
    last = None
    for last in sizes:
        yield last
    if last is None:
        raise ConfigError("The batch size schedule is empty; give a number or a schedule.")
    yield from itertools.repeat(last)


def batch_by_sequence(items: Iterable[ItemT], size: Sizing) -> Iterator[list[ItemT]]:
    """Consecutive batches of `size` items (the last may be smaller). As spaCy's
    util.minibatch: a size of 0 ends the batches, a negative one is a ValueError."""
    sizes = iter_sizes(size)
    items = iter(items)
    while True:
        batch = list(itertools.islice(items, int(next(sizes))))
        if not batch:
            return
        yield batch


def batch_by_words(seqs: Iterable[ItemT], size: Sizing, tolerance: float = 0.2,
                   discard_oversize: bool = False,
                   get_length: Callable[[ItemT], int] = len) -> Iterator[list[ItemT]]:
    """Batches of about `size` words, in input order, with `tolerance` slack.

    Items fill the batch up to the target; items that no longer fit but fit within the
    tolerance wait in an overflow list, which becomes the start of the next batch; an item
    that fits neither closes the batch. Same batches as spaCy's minibatch_by_words (size 0
    included: every item with words is then oversize, so it comes alone).
    """
    sizes = iter_sizes(size)
    target = next(sizes)
    slack = target * tolerance
    batch: list = []
    overflow: list = []
    n_batch = n_overflow = 0
    for item in seqs:
        n_words = get_length(item)
        if n_words > target + slack:
            if not discard_oversize:
                yield [item]
        elif not n_overflow and n_batch + n_words <= target:
            batch.append(item)
            n_batch += n_words
        elif n_batch + n_overflow + n_words <= target + slack:
            overflow.append(item)
            n_overflow += n_words
        else:
            if batch:
                yield batch
            target = next(sizes)
            slack = target * tolerance
            batch, n_batch = overflow, n_overflow
            overflow, n_overflow = [], 0
            if n_batch + n_words <= target:
                batch.append(item)
                n_batch += n_words
            elif n_batch + n_words <= target + slack:
                overflow.append(item)
                n_overflow += n_words
            else:
                if batch:
                    yield batch
                target = next(sizes)
                slack = target * tolerance
                batch, n_batch = [item], n_words
    batch.extend(overflow)
    if batch:
        yield batch


def batch_by_padded(seqs: Iterable[ItemT], size: Sizing, buffer: int = 256,
                    discard_oversize: bool = False,
                    get_length: Callable[[ItemT], int] = len) -> Iterator[list[ItemT]]:
    """Within each window of `buffer` items (seqs), group them by length so that
    longest x count <= size; the groups of the longest items come first."""
    sizes = iter_sizes(size)
    for window in batch_by_sequence(seqs, buffer):
        target = next(sizes)
        for indices in _group_by_length(window, target, get_length):
            group = [window[i] for i in indices]
            # spaCy measures the oversize check with len() whatever get_length is (items
            # without a len() by get_length)
            padded = max(len(item) if hasattr(item, "__len__") else get_length(item)
                         for item in group) * len(group)
            if discard_oversize and padded >= target:
                continue
            yield group


def _group_by_length(items: Sequence, max_padded: float,
                     get_length: Callable) -> list[list[int]]:
    """Indices of `items` grouped by ascending length so that length x count <= max_padded
    (a single item may exceed it); groups returned longest first, each in input order."""
    order = sorted((get_length(item), i) for i, item in enumerate(items))
    groups: list[list[int]] = []
    group: list[int] = []
    for length, i in order:
        if group and length * (len(group) + 1) > max_padded:
            groups.append(group)
            group = []
        group.append(i)
    if group:
        groups.append(group)
    return [sorted(g) for g in reversed(groups)]


__all__ = ["batch_by_words", "batch_by_sequence", "batch_by_padded", "iter_sizes",
           "configure_batch_by_words", "configure_batch_by_sequence",
           "configure_batch_by_padded"]

# spaCy's names for the same batchers and their config functions.
minibatch_by_words = batch_by_words
minibatch_by_padded_size = batch_by_padded
configure_minibatch = configure_batch_by_sequence
configure_minibatch_by_words = configure_batch_by_words
configure_minibatch_by_padded_size = configure_batch_by_padded
__all__ += ["minibatch_by_words", "minibatch_by_padded_size", "configure_minibatch",
            "configure_minibatch_by_words", "configure_minibatch_by_padded_size"]
