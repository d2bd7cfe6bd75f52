"""The entity recognizer: BILUO transitions (parser_internals.biluo), greedy, on the
TransitionBasedParser model (transition_parser.py). One move per token; each Doc's state
is a native BiluoState, stepped move by move, which gives validity and costs.

Labels come from the training data's entities at initialize; predictions set doc.ents.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Optional

import numpy
from thinc.api import Model

from ..errors import PipelineError
from ..parser_internals.biluo import BiluoGold, BiluoPushDown, BiluoState
from ..registry import register
from ..scorer import get_ner_prf
from ..training.example import Example, validate_get_examples
from .pipe import register_factory
from .transition_parser import TransitionParser, _System, default_model_config

DEFAULT_NER_MODEL = default_model_config("ner")


class _NerState:
    __slots__ = ("doc", "history", "ent_start", "native", "gold", "gold_source")

    def __init__(self, doc, moves):
        self.doc = doc
        self.history: list[int] = []
        self.ent_start = -1
        self.native = BiluoState(moves, doc)  # steps natively: no replay of the history
        self.gold = None
        self.gold_source = None


class _BiluoSystem(_System):
    def __init__(self, labels, n_feats: int):
        self.moves = BiluoPushDown(labels)
        self.n_moves = self.moves.n_moves
        self.n_feats = n_feats
        self._opens = numpy.asarray([n.startswith(("B-", "I-")) for n in self.moves.move_names])
        self._begins = numpy.asarray([n.startswith("B-") for n in self.moves.move_names])

    def init_states(self, docs):
        return [_NerState(doc, self.moves) for doc in docs]

    def is_final(self, state) -> bool:
        return len(state.history) >= len(state.doc)

    def features(self, state, offset: int) -> list[int]:
        """The current token, the previous one, the open entity's first token (+ the next
        two tokens and the one before the previous)."""
        t, n = len(state.history), len(state.doc)
        words = [t, t - 1, state.ent_start]
        if self.n_feats > 3:
            words += [t + 1 if t + 1 < n else -1, t + 2 if t + 2 < n else -1, t - 2]
        return [offset + w if w >= 0 else 0 for w in words]

    def valid(self, states) -> numpy.ndarray:
        out = numpy.zeros((len(states), self.n_moves), dtype=bool)
        for i, st in enumerate(states):
            st.native.fill_valid(out[i])
        return out

    def costs(self, states, golds):
        valid = numpy.zeros((len(states), self.n_moves), dtype=bool)
        costs = numpy.zeros((len(states), self.n_moves), dtype=numpy.float32)
        valid_i = numpy.zeros((len(states), self.n_moves), dtype=numpy.int32)
        for i, (st, gold) in enumerate(zip(states, golds)):
            if st.gold_source is not gold:
                st.gold = BiluoGold(self.moves, st.doc, gold)
                st.gold_source = gold
            st.native.fill_costs(st.gold, valid_i[i], costs[i])
        valid[:] = valid_i.astype(bool)
        return valid, costs

    def apply(self, states, scores):
        valid = self.valid(states)
        masked = numpy.where(valid, scores, -numpy.inf)
        for st, k in zip(states, masked.argmax(axis=1).tolist()):
            t = len(st.history)
            st.native.apply(int(k))
            st.history.append(int(k))
            if self._begins[k]:
                st.ent_start = t
            elif not self._opens[k]:
                st.ent_start = -1


class EntityRecognizer(TransitionParser):
    """Predicts named entities (doc.ents) with BILUO transitions."""

    def _make_system(self) -> _BiluoSystem:
        return _BiluoSystem(self.labels, self.model.attrs.get("n_feats", 3))

    def _gold(self, eg: Example):
        if not len(eg.x) or not eg.y.has_annotation("ENT_IOB"):
            return None
        tags = eg.get_aligned_ner()
        known = set(self.labels)
        for i, tag in enumerate(tags):
            if tag and len(tag) > 2 and tag[1] == "-" and tag[2:] not in known:
                raise PipelineError(
                    f"The entity recognizer '{self.name}' has no label {tag[2:]!r} (token {i}, "
                    f"{eg.x[i].text!r}); its labels come from the data given to initialize "
                    f"({', '.join(self.labels)}). Initialize on data that covers every label "
                    f"(or list them in [initialize.components.{self.name}.labels]).")
        return tags

    def set_annotations(self, docs: list, states: list) -> None:
        moves = self.system.moves
        for doc, state in zip(docs, states):
            if state is None or not len(doc):
                continue
            moves.apply_all(doc, state.history)

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp=None,
                   labels: Iterable[str] | None = None) -> None:
        """Labels from `labels`, or else from the entities of the training data."""
        validate_get_examples(get_examples, "EntityRecognizer.initialize")
        if labels is None:
            labels = sorted({ent.label_ for eg in get_examples() for ent in eg.y.ents})
        for label in labels:
            self.add_label(label)
        self._init_model(get_examples)


def ner_score(examples: Iterable[Example], **kwargs) -> dict[str, Any]:
    return get_ner_prf(examples, **kwargs)


@register("scorers", "lexloom.ner_scorer.v1", "spacy.ner_scorer.v1")
def make_ner_scorer() -> Callable:
    return ner_score


@register_factory(
    "ner", assigns=["doc.ents", "token.ent_iob", "token.ent_type"],
    default_config={"moves": None, "update_with_oracle_cut_size": 100,
                    "model": DEFAULT_NER_MODEL, "incorrect_spans_key": None,
                    "scorer": {"@scorers": "spacy.ner_scorer.v1"}},
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None})
def make_ner(nlp, name: str, model: Model, moves: Optional[Any],
             update_with_oracle_cut_size: int, incorrect_spans_key: Optional[str],
             scorer: Optional[Callable]) -> EntityRecognizer:
    if moves is not None:
        raise PipelineError(f"[components.{name}] moves = {moves!r}: a custom transition "
                            "system isn't supported; leave it null.")
    return EntityRecognizer(nlp.vocab, model, name, scorer=scorer,
                            update_with_oracle_cut_size=update_with_oracle_cut_size,
                            incorrect_spans_key=incorrect_spans_key)


__all__ = ["EntityRecognizer", "ner_score", "make_ner", "DEFAULT_NER_MODEL"]
