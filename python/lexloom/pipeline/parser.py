"""The dependency parser: arc-eager transitions (parser_internals.arc_eager), greedy, on the
TransitionBasedParser model (transition_parser.py).

The moves (spaCy's table and order) are counted at initialize in the projectivized gold trees
(lifted arcs get decorated labels "dep||headdep"), labels rarer than min_action_freq backing
off to "dep"; predictions are deprojectivized. The parser sets heads, deps and sentence
starts.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable, Iterable, Optional

import numpy
from thinc.api import Model

from ..errors import Errors, PipelineError
from ..parser_internals.arc_eager import ArcEager, deprojectivize_doc
from ..registry import register
from ..scorer import Scorer
from ..training.example import Example, validate_get_examples
from .functions import merge_subtokens
from .pipe import register_factory
from .transition_moves import MoveTable
from .transition_parser import (TransitionParser, _best_states, _System,
                                default_model_config)

DEFAULT_PARSER_MODEL = default_model_config("parser")

DELIMITER = "||"


SHIFT, REDUCE, LEFT, RIGHT, BREAK = range(5)


class _ArcEagerSystem(_System):
    def __init__(self, moves: ArcEager, n_feats: int):
        self.moves = moves
        self.n_moves = self.moves.n_moves
        self.n_feats = n_feats

    def init_states(self, docs):
        return self.moves.init_states(docs)

    def final_mask(self, states):
        return self.moves.final_mask(states)

    def features(self, states, offsets):
        """spaCy's context tokens: B0 B1 S0 S1 S2 and children of B0, S0 (13: and S1) by
        when their arcs were made; see csrc/lexloom/arc_eager.hh."""
        return self.moves.context_tokens(states, self.n_feats, offsets)

    def costs(self, states, golds):
        """As spaCy's ArcEager.set_costs, a state none of whose valid moves is free (costs
        nothing against the gold parse) stops training with E1031: the gold parse can't be
        followed with the parser's moves."""
        costs, valid = self.moves.costs(states, golds, return_valid=True)
        valid = valid.astype(bool)
        stuck = numpy.flatnonzero(~(valid & (costs <= 0)).any(axis=1))
        if len(stuck):
            raise _no_gold_move(self.moves, valid[stuck[0]], costs[stuck[0]])
        return valid, costs

    def apply(self, states, scores):
        self.moves.apply_all(states, scores)

    def cut_states(self, state, gold, max_length):
        return self.moves.cut_states(state, gold, max_length)

    def first_buffer_word(self, state):
        buffer = state.buffer
        return buffer[0] if buffer else -1

    def valid(self, states):
        return numpy.asarray([self.moves.valid_moves(st) for st in states], dtype=bool) \
            .reshape(len(states), self.n_moves)

    def copy_and_apply(self, state, move):
        state = state.copy()
        self.moves.apply(state, move)
        return state


def _no_gold_move(moves, valid: numpy.ndarray, costs: numpy.ndarray) -> PipelineError:
    table = ", ".join(f"{name} {cost:g}" if ok else f"{name} invalid"
                      for name, ok, cost in zip(moves.move_names, valid, costs))
    return PipelineError(Errors.E1031.format(moves=table))


class ArcEagerMoveTable(MoveTable):
    """The parser's moves, on the native arc-eager system (spaCy's ArcEager)."""

    letters = "SDLRB"

    def _build_native(self) -> ArcEager:
        return ArcEager(moves=self.moves)

    def init_batch(self, docs: Iterable) -> list:
        return self.native.init_states(list(docs))

    def is_valid(self, state, name: str) -> bool:
        return bool(self.native.is_valid(state, name))

    def apply_transition(self, state, name: str) -> None:
        self.native.apply(state, name)


class DependencyParser(TransitionParser):
    """Predicts a dependency tree (heads, labels, sentence starts) per Doc."""

    action_types = (SHIFT, REDUCE, LEFT, RIGHT, BREAK)
    default_name = "parser"
    #: The native transition system the moves run on.
    TransitionSystem = ArcEager

    @staticmethod
    def default_scorer() -> Callable:
        return parser_score

    @property
    def postprocesses(self) -> tuple:
        """What set_annotations runs on each parsed Doc: deprojectivize (lifted arcs back to
        their heads), then merge_subtokens when learn_tokens is on."""
        hooks: list = [deprojectivize_doc]
        if self.cfg.get("learn_tokens") is True:
            hooks.append(merge_subtokens)
        return tuple(hooks)

    def scored_parses(self, beams: list) -> tuple[list, list]:
        """Per Beam (beam_parse), the probability mass of each arc: {(child, head): p} and
        {(child, label): p}, summed over the beam's final parses (moves.get_beam_parses: a
        root has no arc, so no entry)."""
        head_scores, label_scores = [], []
        for beam in self._as_beams(beams):
            heads_p: dict = defaultdict(float)
            labels_p: dict = defaultdict(float)
            for prob, arcs in self.moves.get_beam_parses(beam):
                for head, child, label in arcs:
                    heads_p[(child, head)] += prob
                    labels_p[(child, label)] += prob
            head_scores.append(heads_p)
            label_scores.append(labels_p)
        return head_scores, label_scores

    def _new_move_table(self) -> ArcEagerMoveTable:
        """spaCy's ArcEager (an ArcEagerMoveTable with spaCy's oracle API)."""
        from ._parser_internals.arc_eager import ArcEager as SpacyArcEager

        return SpacyArcEager(self.vocab.strings)

    def _make_system(self) -> _ArcEagerSystem:
        return _ArcEagerSystem(self.moves.native, self.n_feats)

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels of the labelled moves, sorted; of a lifted arc's "dep||head" label,
        the head's label (as spaCy reports them)."""
        labels = set()
        for name in self.move_names:
            if "-" in name:
                label = name.split("-", 1)[1]
                labels.add(label.split(DELIMITER)[1] if DELIMITER in label else label)
        return tuple(sorted(labels))

    def _has_gold_between(self, eg: Example, start: int, end: int) -> bool:
        # spaCy slices the reference with predicted positions, -1 included (as Python does)
        deps = eg.y.to_array("DEP")
        return bool(deps[start:end].any())

    def _gold(self, eg: Example):
        if not len(eg.x) or not eg.y.has_annotation("DEP"):
            return None
        # As spaCy, an example whose aligned heads are all unknown (its gold tokens split
        # differently) still trains: its sentence starts and labels give the moves costs.
        heads, deps = eg.get_aligned_parse(projectivize=True)
        return self.system.moves.make_gold(len(eg.x), heads, deps, oracle_sent_starts(eg))

    def set_annotations(self, docs: list, states: list) -> None:
        docs = list(docs)
        states = _best_states(states)
        for i in self.system.moves.annotate_all(states, docs):
            deprojectivize_doc(docs[i])
        if self.cfg.get("learn_tokens"):
            for doc, state in zip(docs, states):
                if state is not None and len(doc):
                    merge_subtokens(doc)

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp=None,
                   labels: dict | Iterable[str] | None = None) -> None:
        """Moves from `labels` (the move table, spaCy's label_data; or label strings), or
        else counted in the projectivized training trees, dropping those seen fewer than
        min_action_freq times (they back off to "dep")."""
        validate_get_examples(get_examples, "DependencyParser.initialize")
        if isinstance(labels, dict):
            actions = labels
        elif labels is not None:
            labels = [lb for lb in labels if lb != "ROOT"]
            actions = {SHIFT: {"": 1}, REDUCE: {"": 1}, LEFT: dict.fromkeys(labels, 1),
                       RIGHT: dict.fromkeys(labels, 1), BREAK: {"ROOT": 1}}
            for action in (LEFT, RIGHT):
                actions[action].setdefault("dep", 0)
        else:
            actions = get_actions(get_examples(), self.cfg.get("min_action_freq"),
                                  bool(self.cfg.get("learn_tokens")))
        self._init_moves(actions)
        self._init_model(get_examples)
        if nlp is not None:
            self.init_multitask_objectives(get_examples, nlp=nlp)


def oracle_sent_starts(eg: Example) -> list:
    """The reference's sentence starts in predicted tokens, for the oracle: True / False per
    token, or all None (unknown) when the reference has none, or when a predicted token
    aligns into two reference sentences (spaCy's rule: such boundaries can't be trusted)."""
    if not eg.y.has_annotation("SENT_START"):
        return [None] * len(eg.x)
    y2x = eg.alignment.y2x
    starts = [False] * len(eg.x)
    seen: set[int] = set()
    for sent in eg.y.sents:
        x_indices = y2x[sent.start:sent.end].tolist()
        if not x_indices:
            continue
        if seen.intersection(x_indices):
            return [None] * len(eg.x)
        seen.update(x_indices)
        starts[x_indices[0]] = True
    return starts


def get_actions(examples: Iterable[Example], min_freq: int | None, learn_tokens: bool) -> dict:
    """spaCy's move table from training data: arcs of the reference trees (projectivized)
    counted per action and label; S and D count the left and right arcs."""
    actions = {SHIFT: {"": 1}, REDUCE: {"": 1}, LEFT: {}, RIGHT: {}, BREAK: {}}
    for eg in examples:
        # as spaCy: a Doc without dependencies counts too, each token a labelless sentence
        # break (move "B"), which the model then has an output for
        if not len(eg.y):
            continue
        heads, labels = Example(eg.y, eg.y).get_aligned_parse(projectivize=True)
        for child, (head, label) in enumerate(zip(heads, labels)):
            if head is None or label is None:
                continue
            if label.upper() == "ROOT":
                label = "ROOT"
            if head == child:
                action = BREAK
            else:
                action = RIGHT if head < child else LEFT
                counter = REDUCE if head < child else SHIFT
                actions[counter][""] += 1
            actions[action][label] = actions[action].get(label, 0) + 1
    return finish_actions(actions, min_freq, learn_tokens)


def finish_actions(actions: dict, min_freq: int | None, learn_tokens: bool) -> dict:
    """Counted moves as spaCy keeps them: labels rarer than min_freq dropped, then B-ROOT,
    L-dep and R-dep (the back-off label; and subtok with learn_tokens) always present."""
    if min_freq is not None:
        actions = {a: {lb: f for lb, f in freqs.items() if f >= min_freq}
                   for a, freqs in actions.items()}
    actions.setdefault(BREAK, {}).setdefault("ROOT", 0)
    for action in (RIGHT, LEFT):
        if learn_tokens:
            actions.setdefault(action, {}).setdefault("subtok", 0)
        actions.setdefault(action, {}).setdefault("dep", 0)
    return actions


def parser_score(examples: Iterable[Example], **kwargs) -> dict[str, Any]:
    """sents_p/r/f, dep_uas, dep_las and dep_las_per_type; labels compared lowercased,
    punctuation ("p", "punct") left out, as in spaCy."""
    def dep_getter(token, attr):
        dep = getattr(token, attr)
        return (token.vocab.strings[dep] if isinstance(dep, int) else dep).lower()

    results = Scorer.score_spans(examples, "sents",
                                 has_annotation=lambda doc: doc.has_annotation("SENT_START"),
                                 **kwargs)
    kwargs.setdefault("getter", dep_getter)
    kwargs.setdefault("ignore_labels", ("p", "punct"))
    results.update(Scorer.score_deps(examples, "dep", **kwargs))
    results.pop("sents_per_type", None)
    return results


@register("scorers", "lexloom.parser_scorer.v1", "spacy.parser_scorer.v1")
def make_parser_scorer() -> Callable:
    return parser_score


@register_factory(
    "parser", assigns=["token.dep", "token.head", "token.is_sent_start", "doc.sents"],
    default_config={"moves": None, "update_with_oracle_cut_size": 100, "learn_tokens": False,
                    "min_action_freq": 30, "model": DEFAULT_PARSER_MODEL,
                    "scorer": {"@scorers": "spacy.parser_scorer.v1"}},
    default_score_weights={"dep_uas": 0.5, "dep_las": 0.5, "dep_las_per_type": None,
                           "sents_p": None, "sents_r": None, "sents_f": 0.0})
def make_parser(nlp, name: str, model: Model, moves: Optional[Any],
                update_with_oracle_cut_size: int, learn_tokens: bool, min_action_freq: int,
                scorer: Optional[Callable]) -> DependencyParser:
    if moves is not None:
        raise PipelineError(f"[components.{name}] moves = {moves!r}: a custom transition "
                            "system isn't supported; leave it null.")
    return DependencyParser(nlp.vocab, model, name, scorer=scorer,
                            update_with_oracle_cut_size=update_with_oracle_cut_size,
                            learn_tokens=learn_tokens, min_action_freq=min_action_freq)


@register_factory(
    "beam_parser", assigns=["token.dep", "token.head", "token.is_sent_start", "doc.sents"],
    default_config={"moves": None, "update_with_oracle_cut_size": 100, "learn_tokens": False,
                    "min_action_freq": 30, "beam_width": 8, "beam_density": 0.0001,
                    "beam_update_prob": 0.5, "model": DEFAULT_PARSER_MODEL,
                    "scorer": {"@scorers": "spacy.parser_scorer.v1"}},
    default_score_weights={"dep_uas": 0.5, "dep_las": 0.5, "dep_las_per_type": None,
                           "sents_p": None, "sents_r": None, "sents_f": 0.0})
def make_beam_parser(nlp, name: str, model: Model, moves: Optional[Any],
                     update_with_oracle_cut_size: int, learn_tokens: bool,
                     min_action_freq: int, beam_width: int, beam_density: float,
                     beam_update_prob: float, scorer: Optional[Callable]) -> DependencyParser:
    """The parser decoding with beam search (beam_width sequences per Doc). Each training
    update is spaCy's beam update with probability beam_update_prob, else the greedy
    dynamic-oracle update (TransitionParser.update)."""
    parser = make_parser(nlp, name, model, moves, update_with_oracle_cut_size, learn_tokens,
                         min_action_freq, scorer)
    parser.cfg.update(_beam_settings(name, beam_width, beam_density, beam_update_prob))
    return parser


def _beam_settings(name: str, width: int, density: float, update_prob: float) -> dict:
    if not isinstance(width, int) or width < 1:
        raise PipelineError(f"[components.{name}] beam_width must be an integer >= 1, not "
                            f"{width!r}.")
    if not 0.0 <= density < 1.0:
        raise PipelineError(f"[components.{name}] beam_density must be in [0, 1), not "
                            f"{density!r}.")
    return {"beam_width": width, "beam_density": density, "beam_update_prob": update_prob}


__all__ = ["DependencyParser", "ArcEagerMoveTable", "parser_score", "make_parser",
           "make_beam_parser", "DEFAULT_PARSER_MODEL"]
