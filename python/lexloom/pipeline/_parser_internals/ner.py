"""spaCy's BiluoPushDown: the entity recognizer's move table (pipeline/ner.py BiluoMoveTable,
on the native BILUO system) with spaCy's constructor and oracle API. `ner.moves` is one.

Moves are named "B-label", "I-label", "L-label", "U-label", "O" and the blocked "U-"
(actions 1-5; 0, MISSING, makes no move); states and golds are the native BiluoState and
BiluoGold, the gold from the Example's entity tags aligned to the predicted tokens and its
known-wrong spans under `cfg["neg_key"]`, as the recognizer trains on.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy

from ...errors import ExampleError
from ...parser_internals.biluo import BiluoGold, BiluoState
from ..ner import (
    BEGIN,
    IN,
    LAST,
    MISSING,
    OUT,
    UNIT,
    BiluoMoveTable,
    entity_gold,
    has_entity_gold,
)
from .transition_system import TransitionSystem

__all__ = ["BEGIN", "IN", "LAST", "MISSING", "OUT", "UNIT", "BiluoGold", "BiluoPushDown"]

MOVE_NAMES = "MBILUO"


class BiluoPushDown(TransitionSystem, BiluoMoveTable):
    """The BILUO moves of an entity recognizer, with spaCy's TransitionSystem API."""

    @classmethod
    def get_actions(cls, *, entity_types: Iterable[str] = (), examples: Iterable = (),
                    **_ignored) -> dict:
        """spaCy's move table ({action: Counter(label: freq)}): O and the blocked U- once
        each, B/I/L/U of each entity type, and of each entity label in the Examples'
        references counted per token."""
        actions = {action: Counter() for action in (MISSING, BEGIN, IN, LAST, UNIT, OUT)}
        actions[OUT][""] = 1
        actions[UNIT][""] = 1
        for label in entity_types:
            for action in (BEGIN, IN, LAST, UNIT):
                actions[action][label] = 1
        for example in examples:
            for token in example.y:
                if token.ent_type_:
                    for action in (BEGIN, IN, LAST, UNIT):
                        actions[action][token.ent_type_] += 1
        return actions

    @property
    def action_types(self) -> tuple[int, ...]:
        return (BEGIN, IN, LAST, UNIT, OUT)

    def get_doc_labels(self, doc) -> set[str]:
        return {t.ent_type_ for t in doc if t.ent_type}

    def set_annotations(self, state: BiluoState, doc) -> None:
        """Write a final state's entities into its Doc (other unset tokens become O)."""
        if state.doc is not doc:
            raise ExampleError("set_annotations: the state was not made from this Doc.")
        state.set_annotations()

    # ---- beams (what beam_parse returns) ----------------------------------------------

    def get_beam_parses(self, beam) -> list:
        """spaCy's: (probability, [(start, end, label), ...]) for each final candidate, the
        recipe for entity confidences: sum the probabilities of the parses an entity is in."""
        strings = self.strings
        return [(prob, [(start, end, strings[label]) for start, end, label in state.entities])
                for prob, state in beam.finished()]

    def get_beam_annot(self, beam) -> dict:
        """spaCy's: {(start, end, label id): probability mass of the candidates with it}."""
        mass: dict = {}
        for prob, state in beam.finished():
            for entity in state.entities:
                mass[tuple(entity)] = mass.get(tuple(entity), 0.0) + prob
        return mass

    # ---- gold and oracle ------------------------------------------------------------

    def has_gold(self, eg, start: int = 0, end: int | None = None) -> bool:
        return has_entity_gold(eg, start, end, self.neg_key)

    def init_gold(self, state: BiluoState, eg) -> BiluoGold:
        gold = entity_gold(state.system, eg, self.neg_key, set(self.labels_of(
            (BEGIN, IN, LAST, UNIT))))
        if gold is None:  # no annotation: every move is as good as any other
            gold = BiluoGold(state.system, eg.x, [None] * len(eg.x))
        return gold

    def get_oracle_sequence_from_state(self, state: BiluoState, gold: BiluoGold,
                                       _debug=None) -> list[int]:
        """spaCy's oracle: each step the first valid move of cost <= 0. ExampleError when
        there is none (the reference's entities can't be reached with these moves)."""
        history: list[int] = []
        while not state.is_final():
            valid, costs = self._valid_and_costs(state, gold)
            best = numpy.flatnonzero(valid & (costs <= 0))
            if not len(best):
                raise ExampleError(
                    "The entity oracle found no move that keeps the reference entities "
                    f"reachable after {[self.get_class_name(i) for i in history]}: are all "
                    "their labels added (add_action / get_actions(entity_types=...))?")
            history.append(int(best[0]))
            state.apply(int(best[0]))
        return history

    def _valid_and_costs(self, state, gold) -> tuple[numpy.ndarray, numpy.ndarray]:
        valid, costs = state.system.costs_batch([state], [gold])  # known-wrong spans too
        return valid[0], costs[0]

    def _words_left(self, state) -> int:
        b0 = state.b0
        return 0 if b0 < 0 else len(state.doc) - b0
