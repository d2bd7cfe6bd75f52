"""The entity recognizer: BILUO transitions (parser_internals.biluo), greedy, on the
TransitionBasedParser model (transition_parser.py). One move per token; each Doc's state
is a native BiluoState, stepped move by move, which gives validity and costs.

The moves (spaCy's table and order) come from the training data's entity labels at
initialize; labels of entities already on Docs are added when met. Predictions set doc.ents.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable, Iterable, Optional

import numpy
from thinc.api import Model

from ..errors import ExampleError, PipelineError
from ..parser_internals.biluo import BiluoGold, BiluoPushDown, BiluoState
from ..readers_writer import ReadersWriterLock
from ..registry import register
from ..scorer import get_ner_prf
from ..training.example import Example, validate_examples, validate_get_examples
from .pipe import register_factory
from .transition_moves import MoveTable
from .transition_parser import (TransitionParser, _best_states, _System,
                                default_model_config)

DEFAULT_NER_MODEL = default_model_config("ner")


MISSING, BEGIN, IN, LAST, UNIT, OUT = range(6)

# Predictions read the moves and the output layer; a label met on a Doc (a preset entity)
# resizes both. Threads sharing a pipeline predict together and add labels alone.
_PREDICTING = ReadersWriterLock()


class _BiluoSystem(_System):
    def __init__(self, moves: BiluoPushDown, n_feats: int):
        self.moves = moves
        self.n_moves = self.moves.n_moves
        self.n_feats = n_feats

    def init_states(self, docs):
        return [BiluoState(self.moves, doc) for doc in docs]

    def final_mask(self, states):
        return self.moves.final_mask(states)

    def features(self, states, offsets):
        """spaCy's context tokens: B0, the open entity's first token, B0 - 1 (6: B0 and the
        open entity's tokens); see csrc/lexloom/biluo.hh."""
        return self.moves.context_tokens(states, self.n_feats, offsets)

    def costs(self, states, golds):
        return self.moves.costs_batch(states, golds)

    def apply(self, states, scores):
        self.moves.step(states, scores)

    def cut_states(self, state, gold, max_length):
        return self.moves.cut_states(state, gold, max_length)

    def first_buffer_word(self, state):
        return state.b0

    def valid(self, states):
        out = numpy.zeros((len(states), self.n_moves), dtype=bool)
        for i, st in enumerate(states):
            st.fill_valid(out[i])
        return out

    def copy_and_apply(self, state, move):
        state = state.copy()
        state.apply(move)
        return state


class BiluoMoveTable(MoveTable):
    """The entity recognizer's moves, on the native BILUO system (spaCy's BiluoPushDown)."""

    letters = "MBILUO"

    def skips(self, action: int, label: str) -> bool:
        """No MISSING moves, and O takes no label (spaCy's BiluoPushDown.add_action)."""
        return action == MISSING or (action == OUT and bool(label))

    def move_name(self, action: int, label: str) -> str:
        """"O" and "M", else the letter, a hyphen and the label ("U-" when blocked)."""
        letter = self._letter(action)
        return letter if action in (OUT, MISSING) else f"{letter}-{label}"

    def _build_native(self) -> BiluoPushDown:
        return BiluoPushDown(moves=self.moves)

    def init_batch(self, docs: Iterable) -> list:
        native = self.native
        return [BiluoState(native, doc) for doc in docs]

    def is_valid(self, state: BiluoState, name: str) -> bool:
        # names are looked up in the moves the state was made with
        valid = numpy.zeros(state.system.n_moves, dtype=bool)
        state.fill_valid(valid)
        return bool(valid[state.system.move_index(name)])

    def apply_transition(self, state: BiluoState, name: str) -> None:
        state.apply(state.system.move_index(name))


class EntityRecognizer(TransitionParser):
    """Predicts named entities (doc.ents) with BILUO transitions."""

    action_types = (BEGIN, IN, LAST, UNIT, OUT)
    default_name = "ner"

    @staticmethod
    def default_scorer() -> Callable:
        return ner_score
    #: The native transition system the moves run on.
    TransitionSystem = BiluoPushDown

    def scored_ents(self, beams: list) -> list:
        """Per Beam (beam_parse), {(start, end, label): p}: the probability mass of each
        entity, summed over the beam's final analyses."""
        strings = self.vocab.strings
        entity_scores = []
        for beam in self._as_beams(beams):
            scores: dict = defaultdict(float)
            for (start, end, label), prob in self.moves.get_beam_annot(beam).items():
                scores[(start, end, strings[label])] += prob
            entity_scores.append(scores)
        return entity_scores

    def _new_move_table(self) -> BiluoMoveTable:
        """spaCy's BiluoPushDown (a BiluoMoveTable with spaCy's oracle API)."""
        from ._parser_internals.ner import BiluoPushDown as SpacyBiluoPushDown

        return SpacyBiluoPushDown(self.vocab.strings,
                                  incorrect_spans_key=self.cfg.get("incorrect_spans_key"))

    def _make_system(self) -> _BiluoSystem:
        return _BiluoSystem(self.moves.native, self.n_feats)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(sorted(self.moves.labels_of((BEGIN, IN, LAST, UNIT))))

    def _has_gold_between(self, eg: Example, start: int, end: int) -> bool:
        """Entity annotation (or a known-wrong span) in the reference span aligned to the
        piece's predicted tokens [start:end] (a slice: end -1 leaves out the last token),
        or in the whole reference when that span doesn't align. spaCy's test, quirks
        included."""
        return has_entity_gold(eg, start, end, self.cfg.get("incorrect_spans_key"))

    def _gold(self, eg: Example):
        return entity_gold(self.system.moves, eg, self.cfg.get("incorrect_spans_key"),
                           set(self.labels))

    def _add_doc_labels(self, docs) -> None:
        """Labels of entities already on the Docs get moves (spaCy adds them too: a preset
        entity can only be followed with a move of its label). Adding one resizes the moves
        and the output layer, so it waits until no other thread is predicting."""
        known = set(self.labels)
        missing = sorted({t.ent_type_ for doc in docs for t in doc if t.ent_type} - known)
        if missing:
            with _PREDICTING.writing():
                for label in missing:
                    self.add_label(label)   # 0 where another thread added it meanwhile

    def update(self, examples, *, drop: float = 0.0, sgd=None, losses=None):
        examples = list(examples)
        validate_examples(examples, "EntityRecognizer.update")   # before reading eg.x
        self._add_doc_labels([eg.x for eg in examples] + [eg.y for eg in examples])
        return super().update(examples, drop=drop, sgd=sgd, losses=losses)

    def predict(self, docs: list) -> list:
        """Entities already on the Docs (e.g. from an entity_ruler before the ner) are kept;
        their labels the model doesn't know are added first (as spaCy does), since a preset
        entity can only be followed with a move of its label."""
        docs = list(docs)
        self._add_doc_labels(docs)
        with _PREDICTING.reading():
            return super().predict(docs)

    def greedy_parse(self, docs: list, drop: float = 0.0) -> list:
        """As predict: preset entities' labels get moves first."""
        docs = list(docs)
        self._add_doc_labels(docs)
        with _PREDICTING.reading():
            return super().greedy_parse(docs, drop=drop)

    def beam_parse(self, docs: list, beam_width: int, drop: float = 0.0,
                   beam_density: float = 0.0) -> list:
        """As predict: preset entities' labels get moves first."""
        docs = list(docs)
        self._add_doc_labels(docs)
        with _PREDICTING.reading():
            return super().beam_parse(docs, beam_width, drop=drop,
                                      beam_density=beam_density)

    def set_annotations(self, docs: list, states: list) -> None:
        for doc, state in zip(docs, _best_states(states)):
            if state is None or not len(doc):
                continue
            if state.doc is not doc:
                raise PipelineError(f"'{self.name}': set_annotations got states of other Docs.")
            state.set_annotations()

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp=None,
                   labels: dict | Iterable[str] | None = None) -> None:
        """Moves from `labels` (the move table, spaCy's label_data; or label strings), or
        else from the entity labels of the training data, by how many tokens carry each."""
        validate_get_examples(get_examples, "EntityRecognizer.initialize")
        actions = {MISSING: {}, BEGIN: {}, IN: {}, LAST: {}, UNIT: {"": 1}, OUT: {"": 1}}
        if isinstance(labels, dict):
            actions = labels
        elif labels is not None:
            for label in labels:
                for action in (BEGIN, IN, LAST, UNIT):
                    actions[action][label] = 1
        else:
            for eg in get_examples():
                for token in eg.y:
                    if token.ent_type:
                        for action in (BEGIN, IN, LAST, UNIT):
                            freqs = actions[action]
                            freqs[token.ent_type_] = freqs.get(token.ent_type_, 0) + 1
        self._init_moves(actions)
        self._init_model(get_examples)
        if nlp is not None:
            self.init_multitask_objectives(get_examples, nlp=nlp)


def has_entity_gold(eg: Example, start: int, end: Optional[int], key: Optional[str]) -> bool:
    """Entity annotation (or a known-wrong span under `key`) in the reference span aligned to
    the predicted tokens [start:end] (a slice: end -1 leaves out the last token), or in the
    whole reference when that span doesn't align. spaCy's test, quirks included."""
    y_spans = eg.get_aligned_spans_x2y([eg.x[start:end]]) or [eg.y[:]]
    y_start, y_end = y_spans[0].start, y_spans[0].end
    if key and key in eg.y.spans and any(span.start >= y_start and span.end <= y_end
                                         for span in eg.y.spans[key]):
        return True
    return bool(eg.y.to_array("ENT_IOB")[y_start:y_end].any())


def entity_gold(system: BiluoPushDown, eg: Example, key: Optional[str], known: set
                ) -> Optional[BiluoGold]:
    """The BILUO gold of an Example in predicted tokens for the native system: its aligned
    entity tags (all unknown when it has none), and its known-wrong spans under `key` whose
    labels are `known`; None when it has neither (or no words)."""
    has_negatives = bool(key) and key in eg.y.spans and len(eg.y.spans[key]) > 0
    if not len(eg.x) or not (eg.y.has_annotation("ENT_IOB") or has_negatives):
        return None
    if eg.y.has_annotation("ENT_IOB"):
        tags = eg.get_aligned_ner()
    else:  # only known-wrong spans: everything else is unknown
        tags = [None] * len(eg.x)
    negatives = []
    if has_negatives:
        wrong = {(span.start, span.end, span.label_) for span in eg.y.spans[key]}
        for ent in eg.y.ents:
            if (ent.start, ent.end, ent.label_) in wrong:
                raise ExampleError(
                    f"The reference marks '{ent.text}' ({ent.label_}, tokens {ent.start}-"
                    f"{ent.end}) both as an entity and as a wrong one (spans['{key}']); "
                    "remove one of the two annotations.")
        negatives = [(span.start, span.end, span.label_) for span in
                     eg.get_aligned_spans_y2x(eg.y.spans[key], allow_overlap=True)
                     if span.label_ in known]
    return BiluoGold(system, eg.x, tags, negatives)


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
                            incorrect_spans_key=incorrect_spans_key, min_action_freq=1)


@register_factory(
    "beam_ner", assigns=["doc.ents", "token.ent_iob", "token.ent_type"],
    default_config={"moves": None, "update_with_oracle_cut_size": 100,
                    "model": DEFAULT_NER_MODEL, "beam_density": 0.01, "beam_update_prob": 0.5,
                    "beam_width": 32, "incorrect_spans_key": None,
                    "scorer": {"@scorers": "spacy.ner_scorer.v1"}},
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None})
def make_beam_ner(nlp, name: str, model: Model, moves: Optional[Any],
                  update_with_oracle_cut_size: int, beam_width: int, beam_density: float,
                  beam_update_prob: float, incorrect_spans_key: Optional[str],
                  scorer: Optional[Callable]) -> EntityRecognizer:
    """The entity recognizer decoding with beam search (see make_beam_parser)."""
    from .parser import _beam_settings

    ner = make_ner(nlp, name, model, moves, update_with_oracle_cut_size, incorrect_spans_key,
                   scorer)
    ner.cfg.update(_beam_settings(name, beam_width, beam_density, beam_update_prob))
    return ner


__all__ = ["EntityRecognizer", "BiluoMoveTable", "ner_score", "make_ner", "make_beam_ner",
           "DEFAULT_NER_MODEL"]
