"""Memory zones: strings and lexemes first seen while processing are transient and are
released afterwards, so a long stream of new words keeps memory flat (spaCy's memory_zone).

Releasing never leaves a Doc pointing at freed memory: Docs made in the zone that are still
alive are moved onto permanent copies of its lexemes (their strings made permanent too), in
the same native step that frees the zone, so no thread sees one in between (that step holds
the GIL throughout; so do the native loops that read or write tokens' lexemes: the
sentencizer, the attribute ruler, the retokenizer, PhraseMatcher.add). A zone is
released only when nothing outside it was added to the vocab or the tokenizer cache since
processing in it paused, and only by a thread that had the vocab to itself: no other thread
began a call over it (Vocab.begin_call: tokenizing, nlp(), a batch of nlp.pipe; making a
lexeme by any path, e.g. vocab["word"] or Doc(vocab, words)) while the zone was open or was
mid-call when it opened. Otherwise its memory is simply kept. (A release cuts the vocab
back to the zone's start, which would take other threads' entries.)
"""
from __future__ import annotations

import gc
import itertools
import threading
import weakref
from contextlib import contextmanager

# Release a zone in nlp.pipe once it holds this many transient strings (~20k new words).
PIPE_RELEASE_AT = 100_000
# A full cyclic collection costs ~0.1-0.2 s in a process that has imported torch: worth it
# only to free a zone holding at least this many strings.
FULL_COLLECT_AT = PIPE_RELEASE_AT // 4
# Zones not yet released or closed, and the order they were opened in: one opened after
# another still stands on that one's start (its Docs may hold entries past it).
_OPEN_ZONES: "weakref.WeakSet[MemoryZone]" = weakref.WeakSet()
_OPEN_ZONES_LOCK = threading.Lock()   # (zones open and close on several threads)
_OPENED = itertools.count()
# Zones making new strings transient, per StringStore (its id -> (active zones, the flag
# before the first)): strings are transient while any is active. A flag saved and restored
# by each zone went wrong when zones on two threads overlapped: the later one restored the
# "on" it had seen after both had ended, and later strings were transient outside any zone.
_ACTIVE: dict[int, tuple[int, bool]] = {}
_ACTIVE_LOCK = threading.Lock()


def _activate(strings) -> None:
    with _ACTIVE_LOCK:
        count, before = _ACTIVE.get(id(strings), (0, strings.transient))
        _ACTIVE[id(strings)] = (count + 1, before)
        strings.transient = True


def _deactivate(strings) -> None:
    with _ACTIVE_LOCK:
        count, before = _ACTIVE.get(id(strings), (1, False))
        if count <= 1:
            _ACTIVE.pop(id(strings), None)
            strings.transient = before
        else:
            _ACTIVE[id(strings)] = (count - 1, before)


class MemoryZone:
    """One zone over a vocab (nlp's, or one given as vocab=) and every cache that holds
    pointers to its lexemes: the tokenizers over it, and nlp's tokenizer."""

    def __init__(self, nlp=None, *, vocab=None):
        from .tokens.doc import _enter_zone

        self.vocab = vocab if vocab is not None else nlp.vocab
        # Opening counts as a call (Vocab.begin_call): it waits for another thread's release
        # to end and holds the next one off, so the start isn't taken mid-release; and
        # another thread's open zone sees this thread's use of the vocab. The counts are
        # those of the moment the call began: a call another thread has in flight then may
        # make entries past the start (shared); one it begins later is a caller change.
        self.caller_changes, in_flight = self.vocab._begin_zone_call()
        try:
            self.shared = in_flight > 1
            caches = self.vocab._lexeme_cache_list()
            tokenizer = getattr(nlp, "tokenizer", None)
            if hasattr(tokenizer, "_cache_size") and all(c is not tokenizer for c in caches):
                caches.append(tokenizer)
            self.caches = caches
            self.start = self._sizes()
            self.paused_at = None
            self.strings = self.vocab.strings
            self.docs = _enter_zone()
            _activate(self.strings)
            with _OPEN_ZONES_LOCK:
                self.opened = next(_OPENED)
                _OPEN_ZONES.add(self)
        finally:
            self.vocab.end_call()

    def close(self) -> None:
        """No release will come (the zone's `with` block ended): zones opened before it may
        be released again."""
        with _OPEN_ZONES_LOCK:
            _OPEN_ZONES.discard(self)

    def _a_later_zone_is_open(self) -> bool:
        with _OPEN_ZONES_LOCK:
            zones = list(_OPEN_ZONES)
        return any(zone.vocab is self.vocab and zone.opened > self.opened for zone in zones)

    def _sizes(self):
        """(vocab sizes, each cache's size, how many caches the vocab knows): a zone is
        released only if none of these moved while it was paused."""
        return (self.vocab._zone_sizes(), tuple(c._cache_size() for c in self.caches),
                len(self.vocab._lexeme_cache_list()))

    def pause(self) -> None:
        """Stop making new strings transient (user code runs now)."""
        from .tokens.doc import _exit_zone

        if self.paused_at is None:
            _exit_zone(self.docs)
            _deactivate(self.strings)
            self.paused_at = self._sizes()

    def can_resume(self) -> bool:
        """Whether processing may go on in this zone: nothing was added outside it since it
        paused, and no other thread used the vocab while it was open (such a zone is never
        released, so going on in it would keep everything new; a fresh zone can be)."""
        return (self.paused_at is not None and self._sizes() == self.paused_at
                and not self.shared and self.vocab.caller_changes == self.caller_changes)

    def resume(self) -> None:
        from .tokens.doc import _active_zones_add

        _active_zones_add(self.docs)
        _activate(self.strings)
        self.paused_at = None

    def growth(self) -> int:
        """Transient strings added in this zone so far."""
        return self.vocab._zone_sizes()[0] - self.start[0][0]

    def release(self, *, max_alive: int | None = None) -> bool:
        """Free the zone's transient strings, lexemes and cache entries if that is safe (and,
        with max_alive, if few enough of its Docs are alive to be worth moving)."""
        self.pause()
        vocab = self.vocab
        # this thread's own release further up the stack, else 0 (another thread's release
        # may end between this read and the claim: its id must not be restored below)
        outer = vocab.releasing if vocab.releasing == threading.get_ident() else 0
        # from here calls starting on other threads wait (Vocab.begin_call)
        if not vocab._claim_release():
            return False   # another thread is releasing a zone: keep this one's memory
        try:
            if (self._sizes() != self.paused_at or self.shared or vocab.in_flight
                    or vocab.caller_changes != self.caller_changes):
                return False   # another thread added, is calling or called: keep the memory
            if self._a_later_zone_is_open():
                # zones closed out of order (or an unfinished nlp.pipe inside this one):
                # cutting back to this start would free entries the later zone's Docs hold
                return False
            if max_alive is not None and len(self.docs.docs) > max_alive:
                _collect_cycles(self.docs.docs, max_alive,
                                full=self.growth() >= FULL_COLLECT_AT)
            alive = list(self.docs.docs)
            if max_alive is not None and len(alive) > max_alive:
                return False
            from .tokens.doc import _release_zone

            vocab_sizes, cache_sizes, _ = self.start
            for cache, size in zip(self.caches, cache_sizes):
                cache._truncate_cache(size)
            # the cut and the move of the Docs still alive in one native step: a Doc read on
            # another thread meanwhile is never seen on freed lexemes
            _release_zone(vocab, vocab_sizes, alive)
            self.close()
            return True
        finally:
            vocab.releasing = outer


def _collect_cycles(docs, max_alive: int, full: bool) -> None:
    """Docs that only a reference cycle keeps alive (a component's batch state, a user's
    closure) would stop the zone from ever being released: collect the young generations,
    and, for a zone big enough to be worth it, all of them if that was not enough. (Where
    the caller keeps its Docs, as `list(nlp.pipe(texts))` does, no collection frees them:
    a full one at the end of every such call made a short call several times slower.)"""
    gc.collect(1)
    if full and len(docs) > max_alive:
        gc.collect()


@contextmanager
def memory_zone(nlp):
    zone = MemoryZone(nlp)
    try:
        yield zone
    finally:
        zone.release()
        zone.close()
