"""spaCy's ArcEager: the parser's move table (pipeline/parser.py ArcEagerMoveTable, on the
native arc-eager system) with spaCy's constructor and oracle API. `parser.moves` is one.

Moves are named "S", "D", "L-label", "R-label", "B-ROOT" (actions 0-4); states are
StateClass (the native state); golds are the native ArcEagerGold, from the Example's
projectivized reference parse aligned to the predicted tokens, as the parser trains on.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import numpy

from ...errors import ExampleError
from ...parser_internals.arc_eager import ArcEagerGold
from ..parser import (
    BREAK,
    LEFT,
    REDUCE,
    RIGHT,
    SHIFT,
    ArcEagerMoveTable,
    finish_actions,
    get_actions,
    oracle_sent_starts,
)
from .stateclass import StateClass
from .transition_system import TransitionSystem

__all__ = ["BREAK", "LEFT", "REDUCE", "RIGHT", "SHIFT", "ArcEager", "ArcEagerGold"]

MOVE_NAMES = "SDLRB"


class ArcEager(TransitionSystem, ArcEagerMoveTable):
    """The arc-eager moves of a parser, with spaCy's TransitionSystem API."""

    @classmethod
    def get_actions(cls, *, left_labels: Iterable[str] = (), right_labels: Iterable[str] = (),
                    examples: Iterable = (), min_freq: int | None = None,
                    learn_tokens: bool = False, **_ignored) -> dict:
        """spaCy's move table ({action: Counter(label: freq)}): S and D, the given left and
        right labels (each also labels an S or D move, as in spaCy), and the arcs of the
        Examples' projectivized reference trees; labels rarer than min_freq dropped; B-ROOT,
        L-dep and R-dep (the back-off label) always present."""
        actions = defaultdict(Counter)
        for action, freqs in get_actions(examples, None, learn_tokens).items():
            actions[action].update({label: freq for label, freq in freqs.items() if freq})
        for label in left_labels:
            actions[LEFT][label] = 1
            actions[SHIFT][label] = 1
        for label in right_labels:
            actions[RIGHT][label] = 1
            actions[REDUCE][label] = 1
        finished = finish_actions(actions, min_freq, learn_tokens)
        return defaultdict(Counter, {a: Counter(freqs) for a, freqs in finished.items()})

    @property
    def action_types(self) -> tuple[int, ...]:
        return (SHIFT, REDUCE, LEFT, RIGHT, BREAK)

    @property
    def builtin_labels(self) -> list[str]:
        return ["ROOT", "dep"]

    def get_doc_labels(self, doc) -> set[str]:
        return set(self.builtin_labels) | {t.dep_ for t in doc if t.dep_}

    def class_name(self, i: int) -> str:
        return self.get_class_name(i)

    # ---- states ---------------------------------------------------------------------

    def init_batch(self, docs: Iterable) -> list[StateClass]:
        return [StateClass(doc) for doc in docs]

    def transition(self, state: StateClass, action) -> StateClass:
        """Take a move, by name or index (it must be valid)."""
        self.native.apply(state, action)
        return state

    def set_annotations(self, state: StateClass, doc) -> None:
        """Write the state's arcs into the Doc (unattached words become roots)."""
        self.native.set_annotations(state, doc)

    # ---- beams (what beam_parse returns) ----------------------------------------------

    def get_beam_parses(self, beam) -> list:
        """spaCy's: (probability, [(head, child, label), ...]) for each final candidate with
        any arc: the arcs its moves made, so none for a root or a word left unattached (and
        a candidate without arcs, a one-word Doc's, is left out). The arcs come in token
        order (spaCy's follow its state's hash map of heads)."""
        parses = []
        for prob, state in beam.finished():
            arcs = self._arcs(state, roots=False)
            if arcs:
                parses.append((prob, arcs))
        return parses

    def get_beam_annot(self, beam) -> tuple[list, list]:
        """spaCy's: per word, {head: probability mass} and {label id: probability mass}."""
        n_words = len(beam.at(0).heads) if len(beam) else 0
        heads: list[dict] = [{} for _ in range(n_words)]
        deps: list[dict] = [{} for _ in range(n_words)]
        for prob, state in beam.finished():
            for head, child, label in self._arcs(state):
                label_id = self.strings[label] if label else 0
                heads[child][head] = heads[child].get(head, 0.0) + prob
                deps[child][label_id] = deps[child].get(label_id, 0.0) + prob
        return heads, deps

    def _arcs(self, state, roots: bool = True) -> list[tuple[int, int, str]]:
        """(head, child, label) per word; with `roots`, a root (or a word left unattached)
        heads itself, labelled ROOT, as get_beam_annot (spaCy v2's) counts it."""
        arcs = []
        for child, (head, label) in enumerate(zip(state.heads, state.label_ids)):
            if head is None:
                if roots:
                    arcs.append((child, child, self.native.root_label))
            else:
                arcs.append((head, child, self.strings[label] if label else ""))
        return arcs

    # ---- gold and oracle ------------------------------------------------------------

    def has_gold(self, eg, start: int = 0, end: int | None = None) -> bool:
        return any(token.dep != 0 for token in eg.y[start:end])

    def init_gold(self, state: StateClass, eg) -> ArcEagerGold:
        heads, labels = eg.get_aligned_parse(projectivize=True)
        return self.native.make_gold(len(eg.x), heads, labels, oracle_sent_starts(eg))

    def get_oracle_sequence_from_state(self, state: StateClass, gold: ArcEagerGold,
                                       _debug=None) -> list[int]:
        """spaCy's arc-eager oracle: each step the first valid move of least cost, while a
        move of cost <= 0 exists. Where none does (the reference can't be reached, e.g. a
        tokenization mismatch) the sequence stops there; with _debug, ExampleError."""
        history: list[int] = []
        while not self._final(state):
            valid, costs = self._valid_and_costs(state, gold)
            if not (valid & (costs <= 0)).any():
                if _debug not in (False, None):
                    raise ExampleError(
                        "The arc-eager oracle found no move that keeps the reference parse "
                        f"reachable after {[self.get_class_name(i) for i in history]}: are all "
                        "labels added, and is the tree projective (projectivize it)?")
                break
            best = int(numpy.flatnonzero(valid & (costs <= costs.min()))[0])
            history.append(best)
            self.native.apply(state, best)
        return history

    def _valid_and_costs(self, state, gold) -> tuple[numpy.ndarray, numpy.ndarray]:
        costs, valid = self.native.costs([state], [gold], return_valid=True)
        return valid[0].astype(bool), costs[0]

    def _final(self, state) -> bool:
        return bool(state.is_final() if isinstance(state, StateClass) else state.is_final)

    def _words_left(self, state) -> int:
        return len(state.buffer)
