"""spaCy's TransitionSystem API over a lexloom move table: the constructor
`(strings, labels_by_action, ...)`, `cfg` / `neg_key`, gold states for Examples
(init_gold_batch) and the oracle's move sequence (get_oracle_sequence).

Mixed into arc_eager.ArcEager and ner.BiluoPushDown, in front of their MoveTable
(pipeline/parser.py, pipeline/ner.py), which owns the moves, their order and the native
system; each system says how to make its states and golds and how it costs a state.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy

__all__ = ["TransitionSystem"]


class TransitionSystem:
    """The part of spaCy's TransitionSystem that is the same for both systems."""

    #: The StringStore the labels are added to (spaCy keeps label ids in it); None after
    #: unpickling (the table itself holds label strings).
    strings = None

    def __init__(self, strings=None, labels_by_action: dict | None = None, min_freq=None,
                 incorrect_spans_key: str | None = None, **kwargs):
        """spaCy's signature: the moves of `labels_by_action` ({action: {label: freq}},
        what `get_actions` returns); `min_freq` is accepted, as spaCy's, and unused;
        `incorrect_spans_key` names the span group of known-wrong entities."""
        self.strings = strings
        self.cfg = {"neg_key": incorrect_spans_key}
        super().__init__(labels_by_action, **kwargs)

    def __getstate__(self) -> dict:
        state = super().__getstate__()
        state.pop("strings", None)  # the vocab's, not the table's to copy
        return state

    @property
    def neg_key(self) -> str | None:
        return self.cfg.get("neg_key")

    def add(self, action: int, label) -> int:
        """Add the move (action, label); a label id is looked up in `strings`."""
        if not isinstance(label, str) and self.strings is not None:
            label = self.strings[label]
        added = super().add(action, label)
        if added and label and self.strings is not None:
            self.strings.add(label)
        return added

    def get_doc_labels(self, doc) -> set[str]:
        """The labels a Doc's own annotation needs moves for."""
        raise NotImplementedError

    # ---- gold and oracle ------------------------------------------------------------

    def has_gold(self, eg, start: int = 0, end: int | None = None) -> bool:
        """Whether the Example's reference has annotation for this system (in the predicted
        tokens start:end)."""
        raise NotImplementedError

    def init_gold(self, state, eg):
        """The gold of an Example, for the costs of `state` (a state of eg.predicted)."""
        raise NotImplementedError

    def init_gold_batch(self, examples: Iterable) -> tuple[list, list, int]:
        """(states, golds, n_steps): a fresh state and a gold per Example that has
        annotation and words, and the number of words the states have left to process."""
        examples = list(examples)
        states, golds = [], []
        for state, eg in zip(self.init_batch([eg.predicted for eg in examples]), examples):
            if self.has_gold(eg) and not self._final(state):
                states.append(state)
                golds.append(self.init_gold(state, eg))
        return states, golds, sum(self._words_left(state) for state in states)

    def get_oracle_sequence(self, example, _debug=False) -> list[int]:
        """The move indices the oracle takes from a fresh state of example.predicted to its
        reference annotation (name them with get_class_name)."""
        states, golds, _ = self.init_gold_batch([example])
        if not states:
            return []
        return self.get_oracle_sequence_from_state(states[0], golds[0], _debug=_debug)

    def get_oracle_sequence_from_state(self, state, gold, _debug=None) -> list[int]:
        raise NotImplementedError

    def get_cost(self, state, gold, i: int) -> float:
        """The cost of move i in `state` (9000 if it isn't valid there)."""
        valid, costs = self._valid_and_costs(state, gold)
        return float(costs[i]) if valid[i] else 9000.0

    def _valid_and_costs(self, state, gold) -> tuple[numpy.ndarray, numpy.ndarray]:
        raise NotImplementedError

    def _final(self, state) -> bool:
        return bool(state.is_final())

    def _words_left(self, state) -> int:
        raise NotImplementedError
