"""Evaluation: precision / recall / F and accuracy scores, keyed exactly as spaCy keys them
(token_acc, tag_acc, pos_acc, morph_acc, morph_per_feat, sents_f, dep_uas, ents_f,
cats_score, cats_macro_f, ...), so numbers from both libraries can be compared directly.

Token-level scores read attribute arrays and the alignment in bulk (numpy) when the value is
a plain token attribute; a custom getter falls back to a per-token loop.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

import numpy

from .morphology import EMPTY_MORPH, FEATURE_SEP, FIELD_SEP

MISSING_VALUES = frozenset([None, 0, ""])
DEFAULT_PIPELINE = ("senter", "tagger", "morphologizer", "parser", "ner", "textcat")

# Token attributes readable as one uint64 column of doc.to_array.
_ARRAY_ATTRS = {"tag": "TAG", "pos": "POS", "lemma": "LEMMA", "dep": "DEP", "norm": "NORM",
                "ent_type": "ENT_TYPE", "ent_iob": "ENT_IOB", "morph": "MORPH"}


class PRFScore:
    """Precision, recall and F from counts of true positives, false positives, false
    negatives."""

    __slots__ = ("tp", "fp", "fn")

    def __init__(self, *, tp: int = 0, fp: int = 0, fn: int = 0):
        self.tp = tp
        self.fp = fp
        self.fn = fn

    def __len__(self) -> int:
        return self.tp + self.fp + self.fn

    def __iadd__(self, other: "PRFScore") -> "PRFScore":
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def __add__(self, other: "PRFScore") -> "PRFScore":
        return PRFScore(tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn)

    def score_set(self, cand: set, gold: set) -> None:
        self.tp += len(cand & gold)
        self.fp += len(cand - gold)
        self.fn += len(gold - cand)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp + 1e-100)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn + 1e-100)

    @property
    def fscore(self) -> float:
        p, r = self.precision, self.recall
        return 2 * ((p * r) / (p + r + 1e-100))

    def to_dict(self) -> dict[str, float]:
        return {"p": self.precision, "r": self.recall, "f": self.fscore}

    def __repr__(self) -> str:
        return f"PRFScore(tp={self.tp}, fp={self.fp}, fn={self.fn})"


class ROCAUCScore:
    """Area under the ROC curve of one binary label; defined once both classes occur."""

    def __init__(self) -> None:
        self.golds: list = []
        self.cands: list = []

    def score_set(self, cand: float, gold: float) -> None:
        self.cands.append(cand)
        self.golds.append(gold)

    def is_binary(self) -> bool:
        return len(numpy.unique(self.golds)) == 2

    @property
    def score(self) -> float:
        return _roc_auc_score(self.golds, self.cands)


def _roc_curve(golds, scores) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """(fpr, tpr, thresholds) of a binary labelling (gold 1.0 is positive), as
    scikit-learn's roc_curve gives them without dropping collinear points: one point per
    distinct score, highest first, after a start point (0, 0) whose threshold is the top score
    plus 1; ties count as one threshold. A rate with no sample of its class is all NaN."""
    y = numpy.ravel(numpy.asarray(golds)) == 1.0
    s = numpy.ravel(numpy.asarray(scores, dtype="f8"))
    order = numpy.argsort(s, kind="mergesort")[::-1]
    s, y = s[order], y[order]
    last = numpy.r_[numpy.nonzero(numpy.diff(s))[0], y.size - 1]
    tps = numpy.r_[0.0, numpy.cumsum(y, dtype="f8")[last]]
    fps = numpy.r_[0.0, last + 1] - tps
    thresholds = numpy.r_[s[last][0] + 1, s[last]]
    fpr = fps / fps[-1] if fps[-1] > 0 else numpy.full(fps.shape, numpy.nan)
    tpr = tps / tps[-1] if tps[-1] > 0 else numpy.full(tps.shape, numpy.nan)
    return fpr, tpr, thresholds


def _roc_auc_score(golds, scores) -> float:
    """Binary ROC AUC, as scikit-learn's roc_auc_score; undefined (an error) unless the
    golds hold exactly two classes."""
    classes = numpy.unique(numpy.asarray(golds))
    if len(classes) != 2:
        from .errors import ExampleError

        raise ExampleError(f"[E165] ROC AUC needs exactly two classes among the gold values, got "
                           f"{classes.tolist()}.")
    fpr, tpr, _ = _roc_curve(golds, scores)
    return float(trapezoid(tpr, fpr))


def roc_auc(golds: Iterable[float], scores: Iterable[float]) -> float:
    """Binary ROC AUC (gold 1.0 is positive), ties handled as one threshold, as sklearn does."""
    return _roc_auc_score(list(golds), list(scores))


def trapezoid(y, x=None, dx: float = 1.0, axis: int = -1):
    """The integral of y along `axis` by the composite trapezoidal rule (SciPy's
    `trapezoid`, which spaCy ships for its ROC AUC): sample points at `x` (1-d, or shaped
    like y), else `dx` apart; a decreasing x integrates in reverse."""
    y = numpy.asanyarray(y)
    axis = axis % y.ndim
    if x is None:
        d = dx
    else:
        x = numpy.asanyarray(x)
        if x.ndim == 1:
            shape = [1] * y.ndim
            shape[axis] = x.shape[0] - 1
            d = numpy.diff(x).reshape(shape)
        else:
            d = numpy.diff(x, axis=axis)
    upper = numpy.take(y, numpy.arange(1, y.shape[axis]), axis=axis)
    lower = numpy.take(y, numpy.arange(0, y.shape[axis] - 1), axis=axis)
    return (d * (upper + lower) / 2.0).sum(axis)


def morph_key_getter(token, attr: str) -> int:
    """The hash of a token's morphological analysis ("_" analysed-empty differs from 0)."""
    return getattr(token, attr).key


def _score_labels(labels: Iterable[str], pred_cats: dict, gold_cats: dict, multi_label: bool,
                  threshold: float, f_per_type: dict, auc_per_type: dict) -> None:
    """One example's cats, label by label: a ROC AUC point where the gold cats have the label
    (exclusive classes: a missing or zero gold label scores 0.0), and for multi-label tasks
    tp / fp / fn of the prediction at `threshold`."""
    for label in labels:
        gold = gold_cats.get(label)
        if not gold and not multi_label:
            gold = 0.0
        if gold is not None:
            auc_per_type[label].score_set(pred_cats.get(label, 0.0), gold)
    if not multi_label:
        return
    for label in labels:
        gold = gold_cats.get(label)
        if gold is None:
            continue
        predicted = pred_cats.get(label, 0.0) >= threshold
        if predicted and gold > 0:
            f_per_type[label].tp += 1
        elif predicted and gold == 0:
            f_per_type[label].fp += 1
        elif not predicted and gold > 0:
            f_per_type[label].fn += 1


def _cats_results(attr: str, f_per_type: dict, auc_per_type: dict, n_labels: int,
                  multi_label: bool, positive_label: str | None) -> dict[str, Any]:
    """The score_cats dict from per-label PRF and ROC AUC counts: micro and macro P/R/F,
    macro AUC (over all labels, 0.0 for one without both classes), per-label scores, and
    {attr}_score as described in Scorer.score_cats."""
    micro = PRFScore()
    for prf in f_per_type.values():
        micro += prf
    n_cats = len(f_per_type) + 1e-100
    macro_p = sum(p.precision for p in f_per_type.values()) / n_cats
    macro_r = sum(p.recall for p in f_per_type.values()) / n_cats
    macro_f = sum(p.fscore for p in f_per_type.values()) / n_cats
    # AUC only where both classes occur, but averaged over all labels (no boosting).
    macro_auc = sum(a.score if a.is_binary() else 0.0 for a in auc_per_type.values()) / n_cats
    results: dict[str, Any] = {
        f"{attr}_score": None,
        f"{attr}_score_desc": None,
        f"{attr}_micro_p": micro.precision,
        f"{attr}_micro_r": micro.recall,
        f"{attr}_micro_f": micro.fscore,
        f"{attr}_macro_p": macro_p,
        f"{attr}_macro_r": macro_r,
        f"{attr}_macro_f": macro_f,
        f"{attr}_macro_auc": macro_auc,
        f"{attr}_f_per_type": {k: v.to_dict() for k, v in f_per_type.items()},
        f"{attr}_auc_per_type": {k: v.score if v.is_binary() else None
                                 for k, v in auc_per_type.items()},
    }
    if n_labels == 2 and not multi_label and positive_label:
        results[f"{attr}_score"] = results[f"{attr}_f_per_type"][positive_label]["f"]
        results[f"{attr}_score_desc"] = f"F ({positive_label})"
    elif not multi_label:
        results[f"{attr}_score"] = macro_f
        results[f"{attr}_score_desc"] = "macro F"
    else:
        results[f"{attr}_score"] = macro_auc
        results[f"{attr}_score_desc"] = "macro AUC"
    return results


class Scorer:
    """Scores a list of Examples with each pipeline component's `score` method."""

    def __init__(self, nlp=None, default_lang: str = "xx",
                 default_pipeline: Iterable[str] = DEFAULT_PIPELINE, **cfg):
        """Without an nlp, a blank `default_lang` pipeline with the `default_pipeline`
        components scores (spaCy's Scorer(): any factory's scorer, an unknown name E002)."""
        self.default_pipeline = tuple(default_pipeline)
        self.cfg = cfg
        if nlp is None:
            from .util import get_lang_class

            nlp = get_lang_class(default_lang)()
            for name in self.default_pipeline:
                nlp.add_pipe(name)
        self.nlp = nlp

    def score(self, examples: Iterable, *, per_component: bool = False) -> dict[str, Any]:
        """Tokenization scores, then every component's scores."""
        examples = list(examples)
        scores: dict[str, Any] = {}
        tokenizer = getattr(self.nlp, "tokenizer", None)
        token_scores = tokenizer.score(examples, **self.cfg) if hasattr(tokenizer, "score") \
            else self.score_tokenization(examples, **self.cfg)
        if per_component:
            scores["tokenizer"] = token_scores
        else:
            scores.update(token_scores)
        for name, component in self.nlp.pipeline:
            if hasattr(component, "score"):
                result = component.score(examples, **self.cfg)
                if per_component:
                    scores[name] = result
                else:
                    scores.update(result)
        return scores

    @staticmethod
    def score_tokenization(examples: Iterable, **cfg) -> dict[str, Any]:
        """token_acc: share of predicted tokens that align one-to-one with a reference token;
        token_p/r/f: character spans of tokens. Whitespace tokens are left out, and so are
        references whose spacing is unknown."""
        acc = PRFScore()
        prf = PRFScore()
        for eg in examples:
            gold, pred = eg.reference, eg.predicted
            if gold.has_unknown_spaces:
                continue
            pred_keep = _not_space(pred)
            x2y_len = eg.alignment.x2y.lengths
            ones = int(((x2y_len == 1) & pred_keep).sum())
            acc.tp += ones
            acc.fp += int(pred_keep.sum()) - ones
            prf.score_set(_char_spans(pred, pred_keep), _char_spans(gold, _not_space(gold)))
        if len(acc) == 0:
            return {"token_acc": None, "token_p": None, "token_r": None, "token_f": None}
        return {"token_acc": acc.precision, "token_p": prf.precision, "token_r": prf.recall,
                "token_f": prf.fscore}

    @staticmethod
    def score_token_attr(examples: Iterable, attr: str, *,
                         getter: Callable[[Any, str], Any] = getattr,
                         missing_values: frozenset = MISSING_VALUES, **cfg) -> dict[str, Any]:
        """{attr}_acc: share of reference tokens (with the attribute annotated) whose
        one-to-one aligned predicted token has the same value."""
        score = PRFScore()
        for eg in examples:
            pairs = _aligned_token_values(eg, attr, getter, missing_values)
            if pairs is None:
                gold_tags, pred_tags = _token_value_sets(eg, attr, getter, missing_values)
                score.score_set(pred_tags, gold_tags)
                continue
            gold_i, gold_v, pred_gi, pred_v = pairs
            score.score_set(set(zip(pred_gi.tolist(), pred_v.tolist())),
                            set(zip(gold_i.tolist(), gold_v.tolist())))
        key = f"{attr}_acc"
        return {key: None} if len(score) == 0 else {key: score.fscore}

    @staticmethod
    def score_token_attr_per_feat(examples: Iterable, attr: str, *,
                                  getter: Callable[[Any, str], Any] = getattr,
                                  missing_values: frozenset = MISSING_VALUES,
                                  **cfg) -> dict[str, Any]:
        """Micro P/R/F over UD features ({attr}_micro_p/r/f) and P/R/F per feature field
        ({attr}_per_feat) for a FEATS-valued attribute such as morph."""
        micro = PRFScore()
        per_feat: dict[str, PRFScore] = {}
        for eg in examples:
            gold_doc, pred_doc = eg.reference, eg.predicted
            strings = gold_doc.vocab.strings
            x2y = eg.alignment.x2y
            gold_feats: dict[str, set] = {}
            missing = set()
            for gi, token in enumerate(gold_doc):
                value = getter(token, attr)
                feats = _feats(strings, value, missing_values)
                if feats is None:
                    missing.add(gi)
                    continue
                for field, feat in feats:
                    per_feat.setdefault(field, PRFScore())
                    gold_feats.setdefault(field, set()).add((gi, feat))
            pred_feats: dict[str, set] = {}
            for token in pred_doc:
                if token.orth_.isspace() or x2y.lengths[token.i] != 1:
                    continue
                gi = int(x2y[token.i][0])
                if gi in missing:
                    continue
                feats = _feats(pred_doc.vocab.strings, getter(token, attr), missing_values)
                for field, feat in feats or ():
                    per_feat.setdefault(field, PRFScore())
                    pred_feats.setdefault(field, set()).add((gi, feat))
            for field, prf in per_feat.items():
                cand, gold = pred_feats.get(field, set()), gold_feats.get(field, set())
                micro.score_set(cand, gold)
                prf.score_set(cand, gold)
        if len(micro) == 0:
            return {f"{attr}_micro_p": None, f"{attr}_micro_r": None, f"{attr}_micro_f": None,
                    f"{attr}_per_feat": None}
        return {f"{attr}_micro_p": micro.precision, f"{attr}_micro_r": micro.recall,
                f"{attr}_micro_f": micro.fscore,
                f"{attr}_per_feat": {k: v.to_dict() for k, v in per_feat.items()}}

    @staticmethod
    def score_spans(examples: Iterable, attr: str, *,
                    getter: Callable[[Any, str], Iterable] = getattr,
                    has_annotation: Callable[[Any], bool] | None = None,
                    labeled: bool = True, allow_overlap: bool = False,
                    **cfg) -> dict[str, Any]:
        """{attr}_p/r/f and {attr}_per_type for spans (doc.ents, doc.sents, a span group...):
        a predicted span counts when, carried over to the reference tokens, it matches a
        reference span's boundaries (and label, when `labeled`)."""
        score = PRFScore()
        per_type: dict[str, PRFScore] = {}
        for eg in examples:
            pred_doc, gold_doc = eg.predicted, eg.reference
            if has_annotation is not None and not has_annotation(gold_doc):
                continue
            pred_annotated = has_annotation is None or has_annotation(pred_doc)
            gold_list = list(getter(gold_doc, attr))
            pred_list = list(getter(pred_doc, attr)) if pred_annotated else []
            labels = {s.label_ for s in gold_list} | {s.label_ for s in pred_list}
            for label in labels:
                per_type.setdefault(label, PRFScore())
            gold_per_type: dict[str, set] = {label: set() for label in labels}
            pred_per_type: dict[str, set] = {label: set() for label in labels}
            gold_spans, pred_spans = set(), set()
            for span in gold_list:
                key = (span.label_, span.start, span.end - 1) if labeled \
                    else (span.start, span.end - 1)
                gold_spans.add(key)
                gold_per_type[span.label_].add(key)
            if allow_overlap:
                aligned = _aligned_bounds(eg, pred_list)
            else:
                aligned = [(span.label_, span.start, span.end)
                           for span in eg.get_aligned_spans_x2y(pred_list, allow_overlap)]
            for label, start, end in aligned:
                key = (label, start, end - 1) if labeled else (start, end - 1)
                pred_spans.add(key)
                pred_per_type[label].add(key)
            if labeled:
                for label, prf in per_type.items():
                    if label in pred_per_type:
                        prf.score_set(pred_per_type[label], gold_per_type[label])
            score.score_set(pred_spans, gold_spans)
        out: dict[str, Any] = {f"{attr}_p": None, f"{attr}_r": None, f"{attr}_f": None}
        if labeled:
            out[f"{attr}_per_type"] = None
        if len(score) > 0:
            out[f"{attr}_p"] = score.precision
            out[f"{attr}_r"] = score.recall
            out[f"{attr}_f"] = score.fscore
            if labeled:
                out[f"{attr}_per_type"] = {k: v.to_dict() for k, v in per_type.items()}
        return out

    @staticmethod
    def score_cats(examples: Iterable, attr: str, *,
                   getter: Callable[[Any, str], Any] = getattr, labels: Iterable[str] = (),
                   multi_label: bool = True, positive_label: str | None = None,
                   threshold: float | None = None, **cfg) -> dict[str, Any]:
        """P/R/F (micro, macro, per label) and ROC AUC for doc.cats-like scores.

        Exclusive classes (multi_label=False): the top-scoring label is the prediction and a
        missing gold label counts as 0.0. Multi-label: a label is predicted at or above
        `threshold` (default 0.5) and labels missing from the gold cats are not scored.
        {attr}_score is the positive label's F for a binary exclusive task with
        positive_label, the macro F for other exclusive tasks, the macro AUC otherwise."""
        if threshold is None or not multi_label:
            threshold = 0.5 if multi_label else 0.0
        labels = list(labels)
        f_per_type = {label: PRFScore() for label in labels}
        auc_per_type = {label: ROCAUCScore() for label in labels}
        label_set = set(labels)
        for eg in examples:
            pred_cats = {k: v for k, v in getter(eg.predicted, attr).items() if k in label_set}
            gold_cats = {k: v for k, v in getter(eg.reference, attr).items() if k in label_set}
            _score_labels(labels, pred_cats, gold_cats, multi_label, threshold, f_per_type,
                          auc_per_type)
            if multi_label:
                continue
            if pred_cats and gold_cats:
                pred_label = max(pred_cats.items(), key=lambda it: it[1])[0]
                gold_label = max(gold_cats.items(), key=lambda it: it[1])[0]
                if pred_label == gold_label:
                    f_per_type[pred_label].tp += 1
                else:
                    f_per_type[gold_label].fn += 1
                    f_per_type[pred_label].fp += 1
            elif gold_cats:
                gold_label, gold_score = max(gold_cats.items(), key=lambda it: it[1])
                if gold_score > 0:
                    f_per_type[gold_label].fn += 1
            elif pred_cats:
                pred_label = max(pred_cats.items(), key=lambda it: it[1])[0]
                f_per_type[pred_label].fp += 1
        return _cats_results(attr, f_per_type, auc_per_type, len(set(labels)), multi_label,
                             positive_label)

    @staticmethod
    def score_deps(examples: Iterable, attr: str, *,
                   getter: Callable[[Any, str], Any] = getattr, head_attr: str = "head",
                   head_getter: Callable[[Any, str], Any] = getattr,
                   ignore_labels: Iterable[str] = (),
                   missing_values: frozenset = MISSING_VALUES, **cfg) -> dict[str, Any]:
        """{attr}_uas, {attr}_las and {attr}_las_per_type for dependency parses."""
        ignore = set(ignore_labels)
        unlabelled, labelled = PRFScore(), PRFScore()
        per_dep: dict[str, PRFScore] = {}
        missing: set = set()  # as in spaCy, shared across examples
        for eg in examples:
            gold_doc, pred_doc = eg.reference, eg.predicted
            gold_deps, gold_per_dep = set(), {}
            for gi, token in enumerate(gold_doc):
                dep = getter(token, attr)
                if dep in missing_values:
                    missing.add(gi)
                    continue
                if dep in ignore:
                    continue
                arc = (gi, head_getter(token, head_attr).i, dep)
                gold_deps.add(arc)
                per_dep.setdefault(dep, PRFScore())
                gold_per_dep.setdefault(dep, set()).add(arc)
            pred_deps, pred_per_dep = set(), {}
            gold_of = _one_to_one(eg.alignment.x2y)   # a predicted token's gold token, or -1
            is_space = _not_space(pred_doc) == 0
            for token in pred_doc:
                i = token.i
                if is_space[i]:   # (spaCy: orth_.isspace(), or nothing left once stripped)
                    continue
                gi = gold_of[i] if gold_of[i] >= 0 else None
                if gi in missing:
                    continue
                dep = getter(token, attr)
                head = head_getter(token, head_attr)
                if dep in ignore:
                    continue
                gh = gold_of[head.i] if gold_of[head.i] >= 0 else None
                if gi is None or gh is None:
                    unlabelled.fp += 1
                    labelled.fp += 1
                    continue
                arc = (gi, gh, dep)
                pred_deps.add(arc)
                per_dep.setdefault(dep, PRFScore())
                pred_per_dep.setdefault(dep, set()).add(arc)
            labelled.score_set(pred_deps, gold_deps)
            # spaCy scores every label seen so far on every example; only this example's
            # labels can add anything
            for dep in gold_per_dep.keys() | pred_per_dep.keys():
                per_dep[dep].score_set(pred_per_dep.get(dep, set()), gold_per_dep.get(dep, set()))
            unlabelled.score_set({a[:2] for a in pred_deps}, {a[:2] for a in gold_deps})
        if len(unlabelled) == 0:
            return {f"{attr}_uas": None, f"{attr}_las": None, f"{attr}_las_per_type": None}
        return {f"{attr}_uas": unlabelled.fscore, f"{attr}_las": labelled.fscore,
                f"{attr}_las_per_type": {k: v.to_dict() for k, v in per_dep.items()}}

    @staticmethod
    def score_links(examples: Iterable, *, negative_labels: Iterable[str], **cfg
                    ) -> dict[str, Any]:
        """P/R/F of the entity linker's KB ids, per entity label and micro/macro-averaged,
        counted only on predicted entities whose character offsets match a gold entity (so
        NER errors don't count as linking errors). A gold and predicted id both among
        `negative_labels` (e.g. "NIL") is ignored; a wrong id is a false positive and a
        false negative; a negative gold with a real prediction a false positive, and the
        reverse a false negative."""
        # spaCy tests `id in negative_labels`: a plain string ("NIL") by substring
        negative = negative_labels if isinstance(negative_labels, str) else set(negative_labels)
        per_type: dict[str, PRFScore] = {}
        for eg in examples:
            gold_by_offset = {(ent.start_char, ent.end_char): ent for ent in eg.reference.ents}
            for pred_ent in eg.predicted.ents:
                gold_ent = gold_by_offset.get((pred_ent.start_char, pred_ent.end_char))
                if gold_ent is None:
                    continue
                prf = per_type.setdefault(gold_ent.label_, PRFScore())
                gold, pred = gold_ent.kb_id_, pred_ent.kb_id_
                if gold in negative and pred in negative:
                    continue
                if gold == pred:
                    prf.tp += 1
                elif gold in negative:
                    prf.fp += 1
                elif pred in negative:
                    prf.fn += 1
                else:
                    prf.fp += 1
                    prf.fn += 1
        micro = PRFScore()
        for prf in per_type.values():
            micro += prf
        n_labels = len(per_type) + 1e-100
        return {
            "nel_score": micro.fscore,
            "nel_score_desc": "micro F",
            "nel_micro_p": micro.precision,
            "nel_micro_r": micro.recall,
            "nel_micro_f": micro.fscore,
            "nel_macro_p": sum(p.precision for p in per_type.values()) / n_labels,
            "nel_macro_r": sum(p.recall for p in per_type.values()) / n_labels,
            "nel_macro_f": sum(p.fscore for p in per_type.values()) / n_labels,
            "nel_f_per_type": {k: v.to_dict() for k, v in per_type.items()},
        }


def get_ner_prf(examples: Iterable, **kwargs) -> dict[str, Any]:
    """ents_p/r/f and ents_per_type; predicted entities over reference tokens with missing
    entity annotation are not counted."""
    per_type: dict[str, PRFScore] = {}
    for eg in examples:
        if not eg.y.has_annotation("ENT_IOB"):
            continue
        golds = {(e.label_, e.start, e.end) for e in eg.y.ents}
        x2y = eg.alignment.x2y
        gold_iob = eg.y.to_array("ENT_IOB") if len(eg.y) else numpy.zeros(0, "u8")
        for ent in eg.x.ents:
            prf = per_type.setdefault(ent.label_, PRFScore())
            indices = x2y[ent.start:ent.end]
            if not len(indices):
                continue
            start, end = int(indices[0]), int(indices[-1]) + 1
            if (gold_iob[start:end] != 0).all():
                key = (ent.label_, start, end)
                if key in golds:
                    prf.tp += 1
                    golds.remove(key)
                else:
                    prf.fp += 1
        for label, _start, _end in golds:
            per_type.setdefault(label, PRFScore()).fn += 1
    totals = PRFScore()
    for prf in per_type.values():
        totals += prf
    if len(totals) == 0:
        return {"ents_p": None, "ents_r": None, "ents_f": None, "ents_per_type": None}
    return {"ents_p": totals.precision, "ents_r": totals.recall, "ents_f": totals.fscore,
            "ents_per_type": {k: v.to_dict() for k, v in per_type.items()}}


# ---- helpers ----------------------------------------------------------------------------


def _not_space(doc) -> numpy.ndarray:
    if not len(doc):
        return numpy.zeros(0, dtype=bool)
    return doc.to_array("IS_SPACE") == 0


def _aligned_bounds(eg, spans: list) -> list[tuple[str, int, int]]:
    """(label, start, end) in the reference of each predicted span that carries over, as
    eg.get_aligned_spans_x2y(spans, allow_overlap=True) gives them, without making Spans:
    a span covers the reference tokens its tokens align to, and is kept if that stretch's
    text, lower-cased and without spaces, is the span's."""
    from .training.example import _squash

    x2y = eg.alignment.x2y
    if not spans or not len(x2y.data):
        return []
    pred, gold = eg.predicted, eg.reference
    labels = [span.label_ for span in spans]
    starts = numpy.asarray([span.start for span in spans], dtype=numpy.int64)
    ends = numpy.asarray([span.end for span in spans], dtype=numpy.int64)
    nonempty = ends > starts
    lo = numpy.where(nonempty, x2y.starts[numpy.minimum(starts, len(pred) - 1)], 0)
    hi = numpy.where(nonempty, x2y.ends[numpy.maximum(ends - 1, 0)], 0)
    keep = hi > lo
    first = numpy.where(keep, x2y.data[numpy.minimum(lo, len(x2y.data) - 1)], 0)
    last = numpy.where(keep, x2y.data[numpy.maximum(hi - 1, 0)], 0)
    p_chars = pred.to_array(["IDX", "LENGTH"]).astype(numpy.int64)
    g_chars = gold.to_array(["IDX", "LENGTH"]).astype(numpy.int64)
    p0, p1 = p_chars[starts, 0], p_chars[ends - 1, 0] + p_chars[ends - 1, 1]
    g0, g1 = g_chars[first, 0], g_chars[last, 0] + g_chars[last, 1]
    # the same stretch of the same text needs no comparison
    same = (p0 == g0) & (p1 == g1) if pred.text == gold.text else numpy.zeros_like(keep)
    out = []
    for k in numpy.flatnonzero(keep).tolist():
        if same[k] or _squash(gold.text[g0[k]:g1[k]]) == _squash(pred.text[p0[k]:p1[k]]):
            out.append((labels[k], int(first[k]), int(last[k]) + 1))
    return out


def _one_to_one(x2y) -> list[int]:
    """Per token, the one token it aligns to, or -1 (none, or several)."""
    one = x2y.lengths == 1
    found = numpy.full(len(x2y), -1, dtype=numpy.int64)
    found[one] = x2y.data[x2y.starts[one]]
    return found.tolist()


def _char_spans(doc, keep: numpy.ndarray) -> set:
    if not len(doc):
        return set()
    arr = doc.to_array(["IDX", "LENGTH"]).astype(numpy.int64)[keep]
    return set(zip(arr[:, 0].tolist(), (arr[:, 0] + arr[:, 1]).tolist()))


def _array_attr(attr: str, getter) -> str | None:
    """The doc.to_array column that gives getter(token, attr) as an int, if there is one."""
    if getter is morph_key_getter and attr == "morph":
        return "MORPH"
    if getter is getattr and attr in _ARRAY_ATTRS and attr != "morph":
        return _ARRAY_ATTRS[attr]
    return None


def _aligned_token_values(eg, attr: str, getter, missing_values):
    """Vectorized (gold index, gold value, pred's gold index, pred value) arrays, or None
    when the attribute needs the per-token path."""
    column = _array_attr(attr, getter)
    if column is None or missing_values != MISSING_VALUES:
        return None
    gold_doc, pred_doc = eg.reference, eg.predicted
    gold_v = gold_doc.to_array(column) if len(gold_doc) else numpy.zeros(0, "u8")
    gold_ok = gold_v != 0
    gold_i = numpy.nonzero(gold_ok)[0]
    x2y = eg.alignment.x2y
    if not len(pred_doc):
        empty = numpy.zeros(0, "i8")
        return gold_i, gold_v[gold_ok], empty, empty
    pred_v = pred_doc.to_array(column)
    sel = numpy.nonzero((x2y.lengths == 1) & _not_space(pred_doc))[0]
    pred_gi = x2y.data[x2y.starts[sel]].astype(numpy.int64)
    keep = gold_ok[pred_gi]
    return gold_i, gold_v[gold_ok], pred_gi[keep], pred_v[sel][keep]


def _token_value_sets(eg, attr: str, getter, missing_values) -> tuple[set, set]:
    gold_doc, pred_doc = eg.reference, eg.predicted
    x2y = eg.alignment.x2y
    gold, missing = set(), set()
    for gi, token in enumerate(gold_doc):
        value = getter(token, attr)
        if value in missing_values:
            missing.add(gi)
        else:
            gold.add((gi, value))
    pred = set()
    for token in pred_doc:
        if token.orth_.isspace() or x2y.lengths[token.i] != 1:
            continue
        gi = int(x2y[token.i][0])
        if gi not in missing:
            pred.add((gi, getter(token, attr)))
    return gold, pred


def _feats(strings, value, missing_values) -> list[tuple[str, str]] | None:
    """(field, "Field=Value") pairs of a FEATS value, None when missing or analysed-empty."""
    if value in missing_values:
        return None
    morph = strings[value] if isinstance(value, int) else str(value)
    if not morph or morph == EMPTY_MORPH:
        return None
    return [(feat.split(FIELD_SEP, 1)[0], feat) for feat in morph.split(FEATURE_SEP)]


__all__ = ["Scorer", "PRFScore", "ROCAUCScore", "get_ner_prf", "roc_auc", "trapezoid",
           "morph_key_getter", "MISSING_VALUES"]
