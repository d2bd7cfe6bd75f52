"""`lexloom debug data`: check training and development data against a config before
training: that it loads and initializes the pipeline, its size, overlap, empty and duplicate
docs, the vocabulary and vectors, and per component the annotation it teaches (label counts,
missing values, rare labels, entities that can't be learned, parse trees, span lengths).

The work is two library functions: `compile_gold` gathers the statistics of a list of
Examples once, and `debug_data` runs the checks on them and prints a report; the typer
command only parses arguments."""
from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy
import typer

from ..frozen_defaults import SimpleFrozenDict
from ._app import app
from ._util import fail, say
from .debug import debug_app

# Fewer training docs than this is little for a new pipeline; fewer than the minimum, too few.
BLANK_MODEL_THRESHOLD = 2000
BLANK_MODEL_MIN_THRESHOLD = 100
# A label with this many examples or fewer is too rare to learn (spaCy's thresholds).
NEW_LABEL_THRESHOLD = 50
DEP_LABEL_THRESHOLD = 20
# Percentage of spans whose lengths the span-length summary covers.
SPAN_LENGTH_THRESHOLD_PERCENTAGE = 90
# Below this KL divergence (nats) from the corpus' word distribution, spans (or the words
# around them) look like any other text: hard to find (spaCy's thresholds).
SPAN_DISTINCT_THRESHOLD = 1
BOUNDARY_DISTINCT_THRESHOLD = 1
# Labels added to projectivized dependency labels: "dep||headdep".
DELIMITER = "||"

_COUNTED = {"good": "passed", "warn": "warnings", "fail": "errors"}


_NO_OVERRIDES = SimpleFrozenDict()  # spaCy's default: empty, read-only


class Report:
    """Prints the checks as they run and counts them: ✔ passed, ⚠ warnings, ✘ errors.
    `pretty=False` drops icons, colours and rules (for logs); `show=False` lines are the
    verbose-only ones; warnings are counted even when ignore_warnings hides them."""

    def __init__(self, *, silent: bool = False, pretty: bool = True,
                 ignore_warnings: bool = False, verbose: bool = False) -> None:
        self.silent, self.pretty = silent, pretty
        self.ignore_warnings, self.verbose = ignore_warnings, verbose
        self.counts: Counter = Counter()
        self.messages: list[tuple[str, str]] = []

    def divider(self, title: str) -> None:
        from ..training.loggers import divider

        self._print(divider(title) if self.pretty else f"\n{title}\n{'-' * len(title)}")

    def text(self, text: str, *, verbose_only: bool = False) -> None:
        if not verbose_only or self.verbose:
            self._print(text)

    def info(self, text: str, detail: Any = None, *, verbose_only: bool = False) -> None:
        self._message("info", text, detail, verbose_only)

    def good(self, text: str, detail: Any = None) -> None:
        self._message("good", text, detail, False)

    def warn(self, text: str, detail: Any = None, *, verbose_only: bool = False) -> None:
        self._message("warn", text, detail, verbose_only)

    def fail(self, text: str, detail: Any = None) -> None:
        self._message("fail", text, detail, False)

    def _message(self, kind: str, text: str, detail: Any, verbose_only: bool) -> None:
        from ..training.loggers import message

        if kind in _COUNTED:
            self.counts[_COUNTED[kind]] += 1
        self.messages.append((kind, text))
        if (verbose_only and not self.verbose) or (kind == "warn" and self.ignore_warnings):
            return
        if self.pretty:
            self._print(message(kind, text, detail, stream=sys.stdout))
        else:
            self._print(text + (f"\n{detail}" if detail is not None else ""))

    def _print(self, text: str) -> None:
        if not self.silent:
            print(text, flush=True)


def debug_data(config_path: Path, *,
               config_overrides: dict[str, Any] = _NO_OVERRIDES,
               ignore_warnings: bool = False, verbose: bool = False, no_format: bool = True,
               silent: bool = True) -> dict[str, Any]:
    """Load the config's pipeline and corpora, initialize the pipeline on the training data
    and run the checks, printing them unless `silent`. Returns {"passed", "warnings",
    "errors"} counts and "messages" [(kind, text)]; exits with status 1 when a check
    failed (as `spacy debug data` does)."""
    from ..language import config_language
    from ..training.initialize import (
        load_training_config,
        resolve_corpus,
        resolve_training,
    )
    from ..util import get_sourced_components

    msg = Report(silent=silent, pretty=not no_format, ignore_warnings=ignore_warnings,
                 verbose=verbose)
    config = load_training_config(config_path, dict(config_overrides or {}))
    nlp = config_language(config).from_config(config, auto_fill=True)
    interpolated = nlp.config.interpolate()
    T = resolve_training(interpolated)
    frozen = list(T["frozen_components"])
    resumed = [name for name in get_sourced_components(config) if name not in frozen]
    factories = [nlp.get_pipe_meta(name).factory for name in nlp.pipe_names]
    msg.divider("Data file validation")
    train_corpus = resolve_corpus(interpolated, T["train_corpus"], nlp.config)
    dev_corpus = resolve_corpus(interpolated, T["dev_corpus"], nlp.config)
    nlp.initialize(lambda: train_corpus(nlp))
    msg.good("Pipeline can be initialized with data")
    train = list(train_corpus(nlp))
    dev = list(dev_corpus(nlp))
    msg.good("Corpus is loadable")

    progress = not silent
    gold_train = compile_gold(train, factories, nlp, make_proj=True, progress=progress)
    gold_train_raw = compile_gold(train, factories, nlp, make_proj=False, progress=progress) \
        if "parser" in factories else gold_train
    gold_dev = compile_gold(dev, factories, nlp, make_proj=True, progress=progress)

    _check_corpus(msg, nlp, train, dev, gold_train, gold_dev, resumed, frozen)
    _check_vocab(msg, nlp, gold_train, gold_dev)
    if "spancat" in factories or "spancat_singlelabel" in factories:
        _check_spancat(msg, nlp, train, gold_train)
    if "span_finder" in factories:
        _check_span_finder(msg, nlp, gold_train, gold_dev)
    if "ner" in factories:
        _check_ner(msg, nlp, train, gold_train, gold_dev)
    for factory in ("textcat", "textcat_multilabel"):
        if factory in factories:
            _check_textcat(msg, nlp, factory, gold_train, gold_dev)
    if "tagger" in factories:
        _check_tagger(msg, nlp, gold_train, gold_dev)
    if "morphologizer" in factories:
        _check_morphologizer(msg, nlp, gold_train, gold_dev)
    if "parser" in factories:
        _check_parser(msg, gold_train, gold_train_raw, gold_dev)
    if "trainable_lemmatizer" in factories:
        _check_lemmatizer(msg, gold_train, gold_dev)

    msg.divider("Summary")
    summary: dict[str, Any] = {k: msg.counts[k] for k in ("passed", "warnings", "errors")}
    summary["messages"] = list(msg.messages)
    for kind, key, word in (("good", "passed", "check"), ("warn", "warnings", "warning"),
                            ("fail", "errors", "error")):
        n = summary[key]
        if n and not (kind == "warn" and ignore_warnings):
            text = f"{n} {word}{'' if n == 1 else 's'}{' passed' if key == 'passed' else ''}"
            msg._print(_line(kind, text, msg.pretty))
    if summary["errors"]:
        sys.exit(1)
    return summary


def _line(kind: str, text: str, pretty: bool) -> str:
    from ..training.loggers import message

    return message(kind, text, stream=sys.stdout) if pretty else text


# ---------------------------------------------------------------------------------------------
# Statistics of a corpus


def compile_gold(examples: Sequence, factories: Iterable[str], nlp, make_proj: bool = True,
                 progress: bool = False, all_span_keys: bool = False) -> dict[str, Any]:
    """One pass over the Examples gathering what the checks need: word, label and error
    counts per annotation the pipeline's factories (component types) train on. `progress`:
    a progress bar on stderr (on a terminal only). Spans are gathered under the pipeline's
    span components' keys; with `all_span_keys`, under every key the reference docs have."""
    from tqdm import tqdm

    factories = set(factories)
    data: dict[str, Any] = {
        "n_docs": len(examples), "n_words": 0, "n_empty": 0, "n_misaligned_words": 0,
        "words": Counter(), "words_missing_vectors": Counter(), "texts": Counter(),
        "ner": Counter(), "ner_docs": Counter(), "ner_missing": 0, "ws_ents": [],
        "punct_ents": [], "boundary_cross_ents": 0, "overlapping_ents": [],
        "misaligned_ents": [], "empty_label_ents": 0, "incorrect_span_conflicts": 0,
        "cats": Counter(), "n_cats_multilabel": 0, "n_cats_bad_values": 0,
        "n_cats_missing": 0, "tags": Counter(), "morphs": Counter(),
        "deps": Counter(), "roots": Counter(), "n_sents": 0, "n_nonproj": 0, "n_cycles": 0,
        "n_parse_docs": 0, "spancat": {}, "spans_length": {}, "span_docs": {},
        "span_words": {}, "boundary_words": {}, "corpus_words": Counter(),
        "spans_per_type": {}, "sb_per_type": {},
        "lemmatizer_trees": set(), "no_lemma_annotations": 0, "partial_lemma_annotations": 0,
        "n_low_cardinality_lemmas": 0,
    }
    has_vectors = nlp.vocab.vectors.shape[0] > 0
    span_keys = {info["key"] for info in _span_components(nlp)}
    incorrect_key = _ner_incorrect_spans_key(nlp)
    trees = None
    if "trainable_lemmatizer" in factories:
        from ..pipeline._edit_tree_internals.edit_trees import EditTrees

        trees = EditTrees(nlp.vocab.strings)
    for eg in tqdm(examples, desc="Analyzing corpus", unit=" docs", leave=False,
                   disable=None if progress else True):
        gold, doc = eg.reference, eg.predicted
        words = [t.text for t in gold]
        data["words"].update(words)
        data["n_words"] += len(words)
        data["texts"][doc.text] += 1
        if not len(gold) or not gold.text.strip():
            data["n_empty"] += 1
        lengths = eg.alignment.x2y.lengths
        data["n_misaligned_words"] += sum(1 for t in doc if not t.is_space and lengths[t.i] != 1)
        if has_vectors:
            data["words_missing_vectors"].update(
                t.text for t in doc if nlp.vocab.strings[t.text] not in nlp.vocab.vectors)
        if "ner" in factories:
            _compile_ner(data, eg, incorrect_key)
        if span_keys or all_span_keys:
            _compile_spans(data, gold, span_keys | set(gold.spans) if all_span_keys
                           else span_keys)
        if factories & {"textcat", "textcat_multilabel"}:
            if not gold.cats:
                data["n_cats_missing"] += 1
            data["cats"].update(label for label, value in gold.cats.items() if value)
            data["cats"].update({label: 0 for label in gold.cats})
            if any(value not in (0, 1) for value in gold.cats.values()):
                data["n_cats_bad_values"] += 1
            if list(gold.cats.values()).count(1) != 1:
                data["n_cats_multilabel"] += 1
        if "tagger" in factories:
            data["tags"].update(t for t in eg.get_aligned("TAG", as_string=True) if t)
        if "morphologizer" in factories:
            _compile_morphs(data, eg)
        if "parser" in factories:
            _compile_parse(data, eg, make_proj)
        if trees is not None:
            _compile_lemmas(data, gold, trees)
    return data


def _span_components(nlp) -> list[dict[str, Any]]:
    """[{"key", "factory", "name", "min_length", "max_length"}] of the pipeline's span
    components (spancat, spancat_singlelabel, span_finder); several may share a key."""
    found = []
    for name in nlp.pipe_names:
        factory = nlp.get_pipe_meta(name).factory
        if factory in ("spancat", "spancat_singlelabel", "span_finder"):
            cfg = getattr(nlp.get_pipe(name), "cfg", {})
            found.append({"key": cfg.get("spans_key", "sc"), "factory": factory, "name": name,
                          "min_length": cfg.get("min_length"),
                          "max_length": cfg.get("max_length")})
    return found


def _ner_incorrect_spans_key(nlp) -> str | None:
    for name in nlp.pipe_names:
        if nlp.get_pipe_meta(name).factory == "ner":
            return getattr(nlp.get_pipe(name), "cfg", {}).get("incorrect_spans_key")
    return None


def _compile_ner(data: dict, eg, incorrect_key: str | None) -> None:
    from ..training.iob_utils import remove_bilu_prefix

    gold, doc = eg.reference, eg.predicted
    tags = eg.get_aligned_ner()
    seen_labels = set()
    for tag in tags:
        if tag is None:
            data["ner_missing"] += 1
        elif tag.startswith(("B-", "U-")):
            label = remove_bilu_prefix(tag)
            data["ner"][label] += 1
            seen_labels.add(label)
    data["ner_docs"].update(seen_labels)
    sent_starts = gold.has_annotation("SENT_START")
    y2x = eg.alignment.y2x
    taken: dict[int, Any] = {}
    for ent in gold.ents:
        where = f"'{ent.text}' ({ent.label_}, chars {ent.start_char}-{ent.end_char})"
        if not ent.label_:
            data["empty_label_ents"] += 1
        if ent.text != ent.text.strip() or ent[0].is_space or ent[-1].is_space:
            data["ws_ents"].append(where)
        elif ent[0].is_punct or ent[-1].is_punct:
            data["punct_ents"].append(where)
        if sent_starts and any(t.is_sent_start for t in ent[1:]):
            data["boundary_cross_ents"] += 1
        # the predicted tokens the entity falls on: two entities on one token overlap
        # (only the first is trained on), a token cut by the entity misaligns it
        indices = y2x[ent.start:ent.end].tolist()
        clash = next((taken[i] for i in indices if i in taken), None)
        if clash is not None:
            data["overlapping_ents"].append(f"{where} overlaps {clash}")
        elif not indices or "".join(doc[indices[0]:indices[-1] + 1].text.split()) != \
                "".join(ent.text.split()):
            data["misaligned_ents"].append(where)
        for i in indices:
            taken.setdefault(i, where)
    if incorrect_key and incorrect_key in gold.spans:
        ents = {(e.start, e.end, e.label) for e in gold.ents}
        data["incorrect_span_conflicts"] += sum(
            1 for s in gold.spans[incorrect_key] if (s.start, s.end, s.label) in ents)


def _norm_word(text: str) -> str:
    return text.lower().replace("``", '"').replace("''", '"')


def _compile_spans(data: dict, gold, span_keys: set[str]) -> None:
    data["corpus_words"].update(_norm_word(t.text) for t in gold)
    for key in span_keys:
        if key not in gold.spans:
            continue
        labels = data["spancat"].setdefault(key, Counter())
        lengths = data["spans_length"].setdefault(key, {})
        docs = data["span_docs"].setdefault(key, Counter())
        present = set()
        words = data["span_words"].setdefault(key, {})
        bounds = data["boundary_words"].setdefault(key, {})
        spans = data["spans_per_type"].setdefault(key, {})
        edges = data["sb_per_type"].setdefault(key, {})
        for span in gold.spans[key]:
            labels[span.label_] += 1
            lengths.setdefault(span.label_, []).append(len(span))
            spans.setdefault(span.label_, []).append(span)
            # the token before and the one after (empty at the doc's edges), as spaCy keeps them
            edge = edges.setdefault(span.label_, {"start": [], "end": []})
            edge["start"].append(gold[max(span.start - 1, 0):span.start])
            edge["end"].append(gold[span.end:span.end + 1])
            present.add(span.label_)
            words.setdefault(span.label_, Counter()).update(_norm_word(t.text) for t in span)
            around = bounds.setdefault(span.label_, Counter())
            if span.start > 0:
                around[_norm_word(gold[span.start - 1].text)] += 1
            if span.end < len(gold):
                around[_norm_word(gold[span.end].text)] += 1
        docs.update(present)
        docs["__any__"] += 1 if len(gold.spans[key]) else 0


def _compile_morphs(data: dict, eg) -> None:
    from ..morphology import feats_to_dict, normalize_features

    for pos, morph in zip(eg.get_aligned("POS", as_string=True),
                          eg.get_aligned("MORPH", as_string=True)):
        if pos is None or morph is None or (not pos and morph in ("", "_")):
            continue
        feats = feats_to_dict(morph) if morph not in ("", "_") else {}
        if pos:
            feats["POS"] = pos
        data["morphs"][normalize_features(feats)] += 1


def _compile_parse(data: dict, eg, make_proj: bool) -> None:
    if not eg.reference.has_annotation("DEP"):
        return
    data["n_parse_docs"] += 1
    heads, deps = eg.get_aligned_parse(projectivize=make_proj)
    data["deps"].update(d for d in deps if d is not None)
    for i, (head, dep) in enumerate(zip(heads, deps)):
        if head == i:
            data["roots"][dep] += 1
            data["n_sents"] += 1
    if is_nonproj_tree(heads):
        data["n_nonproj"] += 1
    if contains_cycle(heads):
        data["n_cycles"] += 1


def _compile_lemmas(data: dict, gold, trees) -> None:
    lemmas = [t.lemma for t in gold]
    if all(lemma == 0 for lemma in lemmas):
        data["no_lemma_annotations"] += 1
        return
    if any(lemma == 0 for lemma in lemmas):
        data["partial_lemma_annotations"] += 1
    unique = set()
    for token in gold:
        if token.lemma != 0:
            unique.add(token.lemma)
            data["lemmatizer_trees"].add(trees.tree_to_str(trees.add(token.text,
                                                                     token.lemma_)))
    if len(unique) < 2 and len(gold) > 1:
        data["n_low_cardinality_lemmas"] += 1


def _ancestors(i: int, heads: Sequence) -> tuple[set[int], bool]:
    """The heads above token i, and whether the chain ends at an unknown (None) head rather
    than at a root or in a cycle."""
    seen = {i}
    head = heads[i]
    while head is not None and head not in seen:
        seen.add(head)
        head = heads[head]
    seen.discard(i)
    return seen, head is None


def is_nonproj_arc(i: int, heads: Sequence, ancestors: Sequence | None = None) -> bool:
    """Whether the arc into token i crosses a token k its head doesn't dominate (Havelka
    2007). A k whose chain of heads reaches an unknown head counts as dominated, as in
    spaCy. ancestors: _ancestors(k) of every token, computed once by is_nonproj_tree."""
    head = heads[i]
    if head is None or head == i:
        return False
    start, end = (head + 1, i) if head < i else (i + 1, head)
    for k in range(start, end):
        above, unknown = ancestors[k] if ancestors else _ancestors(k, heads)
        if head not in above and not unknown:
            return True
    return False


def is_nonproj_tree(heads: Sequence) -> bool:
    """Whether any arc of the tree (heads[i]: token i's head index, None: unknown) crosses."""
    ancestors = [_ancestors(k, heads) for k in range(len(heads))]
    return any(is_nonproj_arc(i, heads, ancestors) for i in range(len(heads)))


def contains_cycle(heads: Sequence) -> bool:
    """Whether following heads from some token comes back to it."""
    for i in range(len(heads)):
        seen = {i}
        head = heads[i]
        while head is not None and heads[head] != head:
            if head in seen:
                return True
            seen.add(head)
            head = heads[head]
    return False


# ---------------------------------------------------------------------------------------------
# The checks, one section each


def _labels(labels: Iterable, counts: bool = False) -> str:
    if counts:
        return ", ".join(f"'{label}' ({n})" for label, n in labels)
    return ", ".join(f"'{label}'" for label in sorted(labels))


def _model_labels(nlp, factory: str) -> set[str]:
    labels: set[str] = set()
    for name in nlp.pipe_names:
        if nlp.get_pipe_meta(name).factory == factory:
            labels.update(str(label) for label in getattr(nlp.get_pipe(name), "labels", ()))
    return labels


def _missing_model_labels(msg: Report, model_labels: set, train_labels: Iterable) -> None:
    missing = model_labels - set(train_labels)
    if missing:
        msg.warn("Some model labels are not present in the train data. The model performance "
                 f"may be degraded for these labels after training: {_labels(missing)}.")


def _check_corpus(msg: Report, nlp, train, dev, gold_train, gold_dev, resumed, frozen) -> None:
    msg.divider("Training stats")
    msg.text(f"Language: {nlp.lang}")
    msg.text(f"Training pipeline: {', '.join(nlp.pipe_names)}")
    if resumed:
        msg.text(f"Components from other pipelines: {', '.join(resumed)}")
    if frozen:
        msg.text(f"Frozen components: {', '.join(frozen)}")
    msg.text(f"{len(train)} training docs ({gold_train['n_words']} words)")
    msg.text(f"{len(dev)} evaluation docs ({gold_dev['n_words']} words)")
    if not dev:
        msg.fail("No evaluation docs")
    overlap = set(gold_train["texts"]) & set(gold_dev["texts"])
    if overlap:
        msg.warn(f"{len(overlap)} training examples also in evaluation data",
                 _sample(overlap) if msg.verbose else None)
    else:
        msg.good("No overlap between training and evaluation data")
    for name, gold in (("training", gold_train), ("evaluation", gold_dev)):
        duplicates = {text: n for text, n in gold["texts"].items() if n > 1}
        if duplicates:
            msg.warn(f"{sum(duplicates.values()) - len(duplicates)} duplicate {name} docs "
                     f"(the same text more than once)",
                     _sample(duplicates) if msg.verbose else None)
        if gold["n_empty"]:
            msg.warn(f"{gold['n_empty']} empty {name} docs (no tokens or only whitespace)")
    if not any(g["n_empty"] for g in (gold_train, gold_dev)):
        msg.good("No empty docs")
    if not resumed and len(train) < BLANK_MODEL_THRESHOLD:
        text = f"Low number of examples to train a new pipeline ({len(train)})"
        if len(train) < BLANK_MODEL_MIN_THRESHOLD:
            msg.fail(text)
        else:
            msg.warn(text)
        msg.text(f"It's recommended to use at least {BLANK_MODEL_THRESHOLD} examples "
                 f"(minimum {BLANK_MODEL_MIN_THRESHOLD})", verbose_only=True)


def _sample(texts: Iterable[str], n: int = 5) -> str:
    return "\n".join(f"  {' '.join(text.split())[:70]}" for text in list(texts)[:n])


def _check_vocab(msg: Report, nlp, gold_train, gold_dev) -> None:
    msg.divider("Vocab & Vectors")
    msg.info(f"{gold_train['n_words']} total word(s) in the data "
             f"({len(gold_train['words'])} unique)")
    for name, gold in (("training", gold_train), ("dev", gold_dev)):
        if gold["n_misaligned_words"]:
            msg.warn(f"{gold['n_misaligned_words']} misaligned tokens in the {name} data")
    msg.text(f"10 most common words: {_labels(gold_train['words'].most_common(10), True)}",
             verbose_only=True)
    vectors = nlp.vocab.vectors
    if vectors.shape[0]:
        msg.info(f"{vectors.shape[0]} vectors ({vectors.n_keys} unique keys, "
                 f"{vectors.shape[1]} dimensions)")
        missing = sum(gold_train["words_missing_vectors"].values())
        msg.warn(f"{missing} words in training data without vectors "
                 f"({100 * missing / max(gold_train['n_words'], 1):.0f}%)")
        msg.text("10 most common words without vectors: "
                 f"{_labels(gold_train['words_missing_vectors'].most_common(10), True)}",
                 verbose_only=True)
    else:
        msg.info("No word vectors present in the package")


def _check_ner(msg: Report, nlp, train, gold_train, gold_dev) -> None:
    counts = gold_train["ner"]
    labels = set(counts)
    model_labels = _model_labels(nlp, "ner")
    msg.divider("Named Entity Recognition")
    msg.info(f"{len(model_labels)} label(s)")
    msg.text(f"{gold_train['ner_missing']} missing value(s) (tokens with unknown entity "
             "annotation)")
    msg.text(f"Labels in train data: {_labels(counts.most_common(), True)}", verbose_only=True)
    if gold_train["empty_label_ents"]:
        msg.fail("Empty label found in train data")
    _missing_model_labels(msg, model_labels, labels)
    new = labels - model_labels
    if new:   # only a sourced or frozen component keeps labels it was not initialized with
        msg.warn(f"New label(s) in the train data that the model doesn't have: "
                 f"{_labels(new)}. A frozen component won't learn them; a sourced one "
                 "needs them added before training.")
    new_in_dev = set(gold_dev["ner"]) - labels
    if new_in_dev:
        msg.warn(f"Label(s) in the dev data but not the training data: {_labels(new_in_dev)}")
    low_data = no_negative = False
    for label in sorted(labels):
        if counts[label] <= NEW_LABEL_THRESHOLD:
            msg.warn(f"Low number of examples for label '{label}' ({counts[label]})")
            low_data = True
            if gold_train["ner_docs"][label] >= len(train):
                msg.warn(f"No examples for texts WITHOUT new label '{label}'")
                no_negative = True
    for key, text in (("ws_ents", "invalid whitespace entity spans"),):
        if gold_train[key]:
            msg.fail(f"{len(gold_train[key])} {text}", _sample(gold_train[key]))
    if gold_train["punct_ents"]:
        msg.warn(f"{len(gold_train['punct_ents'])} entity span(s) starting or ending with "
                 "punctuation", _sample(gold_train["punct_ents"]))
    if gold_train["overlapping_ents"]:
        msg.warn(f"{len(gold_train['overlapping_ents'])} overlapping entity span(s) after "
                 "tokenization: only the first of each is trained on",
                 _sample(gold_train["overlapping_ents"]))
    if gold_train["misaligned_ents"]:
        msg.warn(f"{len(gold_train['misaligned_ents'])} entity span(s) not aligned with token "
                 "boundaries: they are missing values in training",
                 _sample(gold_train["misaligned_ents"]))
    if gold_train["incorrect_span_conflicts"]:
        msg.fail(f"{gold_train['incorrect_span_conflicts']} span(s) marked as incorrect are "
                 "also gold entities")
    if gold_train["boundary_cross_ents"]:
        msg.warn(f"{gold_train['boundary_cross_ents']} entity span(s) crossing sentence "
                 "boundaries")
    if not low_data:
        msg.good("Good amount of examples for all labels")
    if not no_negative:
        msg.good("Examples without occurrences available for all labels")
    if not gold_train["ws_ents"]:
        msg.good("No entities consisting of or starting/ending with whitespace")
    if not gold_train["overlapping_ents"] and not gold_train["misaligned_ents"]:
        msg.good("No overlapping or misaligned entities")
    if not gold_train["boundary_cross_ents"]:
        msg.good("No entities crossing sentence boundaries")
    if low_data:
        msg.text(f"To train a new entity type, your data should include at least "
                 f"{NEW_LABEL_THRESHOLD} instances of the new label", verbose_only=True)
    if no_negative:
        msg.text("Training data should always include examples of entities in context, as "
                 "well as examples without a given entity type.", verbose_only=True)
    if gold_train["ws_ents"]:
        msg.text("Entity spans consisting of or starting/ending with whitespace characters "
                 "are considered invalid.")


def _check_textcat(msg: Report, nlp, factory: str, gold_train, gold_dev) -> None:
    exclusive = factory == "textcat"
    msg.divider("Text Classification (Exclusive Classes)" if exclusive
                else "Text Classification (Multilabel)")
    labels = _model_labels(nlp, factory)
    train_labels, dev_labels = set(gold_train["cats"]), set(gold_dev["cats"])
    msg.info(f"Text Classification: {len(labels)} label(s)")
    msg.text(f"Labels: {_labels(labels)}", verbose_only=True)
    msg.text(f"Label counts in train data: "
             f"{_labels(gold_train['cats'].most_common(), True)}", verbose_only=True)
    _missing_model_labels(msg, labels, train_labels)
    if train_labels != dev_labels:
        msg.warn("Potential train/dev mismatch: the train and dev labels are not the same. "
                 f"Train labels: {_labels(train_labels)}. Dev labels: {_labels(dev_labels)}.")
    if gold_train["n_cats_missing"]:
        msg.warn(f"{gold_train['n_cats_missing']} training docs without any category")
    if gold_train["n_cats_bad_values"] or gold_dev["n_cats_bad_values"]:
        msg.fail("Unsupported values for cats: the supported values are 1.0/True and "
                 "0.0/False.")
    if exclusive:
        if len(labels) < 2:
            msg.fail("The model does not have enough labels. 'textcat' requires at least two "
                     "labels due to mutually-exclusive classes, e.g. LABEL/NOT_LABEL or "
                     "POSITIVE/NEGATIVE for a binary classification task.")
        for name, gold in (("train", gold_train), ("dev", gold_dev)):
            if gold["n_cats_multilabel"]:
                msg.fail(f"The {name} data contains {gold['n_cats_multilabel']} instance(s) "
                         "without exactly one positive class. Use the component "
                         "'textcat_multilabel' instead of 'textcat'.")
        if not gold_train["n_cats_multilabel"] and not gold_dev["n_cats_multilabel"]:
            msg.good("Every doc has exactly one positive class")
        return
    if gold_train["n_cats_multilabel"]:
        if not gold_dev["n_cats_multilabel"]:
            msg.warn("Potential train/dev mismatch: the train data contains instances without "
                     "mutually-exclusive classes while the dev data contains only instances "
                     "with mutually-exclusive classes.")
    else:
        msg.warn("The train data contains only instances with mutually-exclusive classes. "
                 "You can potentially use the component 'textcat' instead of "
                 "'textcat_multilabel'.")
        if gold_dev["n_cats_multilabel"]:
            msg.fail("Train/dev mismatch: the dev data contains instances without "
                     "mutually-exclusive classes while the train data contains only "
                     "instances with mutually-exclusive classes.")


def _check_token_labels(msg: Report, counts: Counter, dev_counts: Counter,
                        model_labels: set) -> None:
    msg.info(f"{len(counts)} label(s) in train data")
    if len(counts) > 1:
        p = numpy.array(list(counts.values()), dtype="f8")
        p /= p.sum()
        entropy = float((-p * numpy.log2(p)).sum() / numpy.log2(len(p)))
        msg.info(f"{entropy:.3f} is the normalised label entropy")
    _missing_model_labels(msg, model_labels, counts)
    only_dev = set(dev_counts) - set(counts)
    if only_dev:
        msg.warn(f"Label(s) in the dev data but not the training data: {_labels(only_dev)}")
    elif counts:
        msg.good("All dev labels are in the training data")
    if not counts:
        msg.fail("No annotation for this component in the training data")
    msg.text(_labels(counts.most_common(), True), verbose_only=True)


def _check_tagger(msg: Report, nlp, gold_train, gold_dev) -> None:
    msg.divider("Part-of-speech Tagging")
    _check_token_labels(msg, gold_train["tags"], gold_dev["tags"], _model_labels(nlp, "tagger"))


def _check_morphologizer(msg: Report, nlp, gold_train, gold_dev) -> None:
    msg.divider("Morphologizer (POS+Morph)")
    _check_token_labels(msg, gold_train["morphs"], gold_dev["morphs"],
                        _model_labels(nlp, "morphologizer"))


def _check_parser(msg: Report, gold_train, gold_raw, gold_dev) -> None:
    msg.divider("Dependency Parsing")
    if not gold_train["n_sents"]:
        msg.fail("No dependency annotation in the training data")
        return
    msg.info(f"Found {gold_train['n_sents']} sentence(s) with an average length of "
             f"{gold_train['n_words'] / gold_train['n_sents']:.1f} words.")
    per_doc = gold_train["n_sents"] / max(gold_train["n_parse_docs"], 1)
    if per_doc < 1.1:
        msg.warn(f"The training data contains {per_doc:.2f} sentences per document. When "
                 "there are very few documents containing more than one sentence, the parser "
                 "will not learn how to segment longer texts into sentences.")
    if gold_raw["n_nonproj"]:
        msg.info(f"Found {gold_raw['n_nonproj']} nonprojective train sentence(s)")
    if gold_dev["n_nonproj"]:
        msg.info(f"Found {gold_dev['n_nonproj']} nonprojective dev sentence(s)")
    msg.info(f"{len(gold_raw['deps'])} label(s) in train data")
    msg.info(f"{len(gold_train['deps'])} label(s) in projectivized train data")
    msg.text(_labels(gold_raw["deps"].most_common(), True), verbose_only=True)
    low_data = False
    for label, n in sorted(gold_raw["deps"].items()):
        if n <= DEP_LABEL_THRESHOLD:
            msg.warn(f"Low number of examples for label '{label}' ({n})")
            low_data = True
    rare_lifted = [f"{label}: {n}" for label, n in gold_train["deps"].items()
                   if n <= DEP_LABEL_THRESHOLD and DELIMITER in label]
    if rare_lifted:
        msg.warn(f"Low number of examples for {len(rare_lifted)} label(s) in the projectivized "
                 "dependency trees used for training. You may want to projectivize labels "
                 "such as punct before training in order to improve parser performance.")
        msg.warn("Projectivized labels with low numbers of examples: ", ", ".join(rare_lifted),
                 verbose_only=True)
        low_data = True
    train_labels, dev_labels = set(gold_train["deps"]), set(gold_dev["deps"])
    if train_labels - dev_labels:
        msg.warn("The following labels were found only in the train data:",
                 ", ".join(sorted(train_labels - dev_labels)), verbose_only=True)
    if dev_labels - train_labels:
        msg.warn("The following labels were found only in the dev data:",
                 ", ".join(sorted(dev_labels - train_labels)), verbose_only=True)
    if low_data:
        msg.text(f"To train a parser, your data should include at least "
                 f"{DEP_LABEL_THRESHOLD} instances of each label.", verbose_only=True)
    else:
        msg.good("Good amount of examples for all labels")
    if len(gold_raw["roots"]) > 1:
        msg.warn(f"Multiple root labels ({', '.join(sorted(gold_raw['roots']))}) found in "
                 "training data. The parser uses a single root label ROOT so this "
                 "distinction will not be available.")
    if gold_train["n_nonproj"]:
        msg.fail(f"Found {gold_train['n_nonproj']} nonprojective projectivized train "
                 "sentence(s)")
    if gold_train["n_cycles"]:
        msg.fail(f"Found {gold_train['n_cycles']} projectivized train sentence(s) with cycles")


def _span_model_labels(nlp) -> dict[str, set[str]]:
    labels: dict[str, set[str]] = {}
    for info in _span_components(nlp):
        if info["factory"] != "span_finder":
            labels.setdefault(info["key"], set()).update(nlp.get_pipe(info["name"]).labels)
    return labels


def _check_spancat(msg: Report, nlp, train, gold_train) -> None:
    msg.divider("Span Categorization")
    model_labels = _span_model_labels(nlp)
    for key, labels in model_labels.items():
        msg.info(f"Spans key '{key}': {len(labels)} label(s): {_labels(labels)}")
    low_data = no_negative = False
    for key, labels in model_labels.items():
        counts = gold_train["spancat"].get(key, Counter())
        if not counts:
            msg.fail(f"No spans under doc.spans['{key}'] in the training data")
            continue
        msg.text(f"Key: {key}, {_labels(counts.most_common(), True)}", verbose_only=True)
        for label, n in sorted(counts.items()):
            if label not in labels:
                msg.warn(f"Label '{label}' is not present in the model labels of key "
                         f"'{key}'. Performance may degrade after training.")
            if n <= NEW_LABEL_THRESHOLD:
                msg.warn(f"Low number of examples for label '{label}' in key '{key}' ({n})")
                low_data = True
            if gold_train["span_docs"][key][label] >= len(train):
                msg.warn(f"No examples for texts WITHOUT new label '{label}'")
                no_negative = True
        _span_distinctiveness(msg, key, gold_train)
        _span_length_summary(msg, key, gold_train["spans_length"][key])
    if low_data:
        msg.text(f"To train a new span type, your data should include at least "
                 f"{NEW_LABEL_THRESHOLD} instances of the new label", verbose_only=True)
    else:
        msg.good("Good amount of examples for all labels")
    if no_negative:
        msg.text("Training data should always include examples of spans in context, as well "
                 "as examples without a given span type.", verbose_only=True)
    else:
        msg.good("Examples without occurrences available for all labels")


def _kl_divergence(p: Counter, q: Counter) -> float:
    """KL(p || q) of two word count distributions (p's words are all in q)."""
    p_total, q_total = sum(p.values()), sum(q.values())
    return _get_kl_divergence(Counter({w: n / p_total for w, n in p.items() if n}),
                              Counter({w: n / q_total for w, n in q.items()}))


def _get_kl_divergence(p: Counter, q: Counter) -> float:
    """KL(p || q) of two word distributions taken as given (not renormalized: a p that
    sums to less than 1 is a partial distribution, as spaCy computes it)."""
    return math.fsum(pw * math.log(pw / q[w]) for w, pw in p.items())


def _span_distinctiveness(msg: Report, key: str, gold: dict) -> None:
    """Per label: the geometric mean span length, how far the words in its spans (SD) and
    next to them (BD) are from the corpus' word distribution, and the count; then the
    averages weighted by count, checked against the distinctiveness thresholds."""
    from ..training.loggers import row

    counts = gold["spancat"][key]
    corpus = gold["corpus_words"]
    table = {}
    for label, n in counts.items():
        lengths = gold["spans_length"][key][label]
        bounds = gold["boundary_words"][key].get(label, Counter())
        table[label] = (math.exp(math.fsum(math.log(x) for x in lengths) / len(lengths)),
                        _kl_divergence(gold["span_words"][key][label], corpus),
                        _kl_divergence(bounds, corpus) if bounds else 0.0, n)
    total = sum(counts.values())
    averages = [sum(values[i] * counts[label] for label, values in table.items()) / total
                for i in range(3)]
    msg.info(f"Span characteristics for spans_key '{key}'")
    msg.info("SD = Span Distinctiveness, BD = Boundary Distinctiveness")
    width = max(12, *(len(label) for label in table))
    widths, aligns = (width, 6, 6, 6, 6), ("l", "r", "r", "r", "r")
    lines = [row(("Span Type", "Length", "SD", "BD", "N"), widths, aligns),
             row(["-" * w for w in widths], widths, aligns)]
    lines += [row((label, f"{length:.2f}", f"{sd:.2f}", f"{bd:.2f}", n), widths, aligns)
              for label, (length, sd, bd, n) in table.items()]
    lines += [row(["-" * w for w in widths], widths, aligns),
              row(("Wgt. Average", *(f"{a:.2f}" for a in averages), "-"), widths, aligns)]
    msg.text("\n".join(lines))
    if averages[1] < SPAN_DISTINCT_THRESHOLD:
        msg.warn("Spans may not be distinct from the rest of the corpus")
    else:
        msg.good("Spans are distinct from the rest of the corpus")
    if averages[2] < BOUNDARY_DISTINCT_THRESHOLD:
        msg.warn("Boundary tokens are not distinct from the rest of the corpus")
    else:
        msg.good("Boundary tokens are distinct from the rest of the corpus")


def _span_length_summary(msg: Report, key: str, lengths_per_label: dict[str, list[int]]) -> None:
    lengths = Counter(n for values in lengths_per_label.values() for n in values)
    total = sum(lengths.values())
    covered, cut = 0, 0
    for length in sorted(lengths):
        covered += lengths[length]
        cut = length
        if 100 * covered / total >= SPAN_LENGTH_THRESHOLD_PERCENTAGE:
            break
    common = ", ".join(f"{n} ({100 * c / total:.2f}%)" for n, c in lengths.most_common(5))
    msg.info(f"Over {SPAN_LENGTH_THRESHOLD_PERCENTAGE}% of spans under '{key}' have lengths "
             f"of 1 -- {cut} (min={min(lengths)}, max={max(lengths)}). The most common span "
             f"lengths are: {common}. If you are using the n-gram suggester, note that "
             "omitting infrequent n-gram lengths can greatly improve speed and memory usage.")
    msg.text("Full distribution of span lengths: " + ", ".join(
        f"{n} ({100 * lengths[n] / total:.2f}%)" for n in sorted(lengths)), verbose_only=True)


def _check_span_finder(msg: Report, nlp, gold_train, gold_dev) -> None:
    msg.divider("Span Finder")
    for info in _span_components(nlp):
        if info["factory"] != "span_finder":
            continue
        key = info["key"]
        lengths = [n for values in gold_train["spans_length"].get(key, {}).values()
                   for n in values]
        if not lengths:
            msg.fail(f"No spans under doc.spans['{key}'] in the training data")
            continue
        docs = gold_train["span_docs"][key]["__any__"]
        dev_n = sum(len(v) for v in gold_dev["spans_length"].get(key, {}).values())
        msg.info(f"Spans key '{key}': {len(lengths)} training span(s) in {docs} doc(s), "
                 f"{dev_n} dev span(s); lengths {min(lengths)}-{max(lengths)}, mean "
                 f"{sum(lengths) / len(lengths):.1f}")
        low, high = info["min_length"], info["max_length"]
        outside = sum(1 for n in lengths if (low and n < low) or (high and n > high))
        if outside:
            msg.warn(f"{outside} training span(s) under '{key}' are outside the span "
                     f"finder's length range ({low or 1}-{high or 'any'}) and can't be "
                     "predicted")
        else:
            msg.good(f"All spans under '{key}' fit the span finder's length range")


def _check_lemmatizer(msg: Report, gold_train, gold_dev) -> None:
    msg.divider("Trainable Lemmatizer")
    trees_train, trees_dev = gold_train["lemmatizer_trees"], gold_dev["lemmatizer_trees"]
    msg.info(f"{len(trees_train)} lemmatizer trees generated from training data")
    msg.info(f"{len(trees_dev)} lemmatizer trees generated from dev data")
    dev_only = trees_dev - trees_train
    if dev_only:
        msg.info(f"{len(dev_only)} lemmatizer trees ({100 * len(dev_only) / len(trees_dev):.1f}"
                 "% of dev trees) were found exclusively in the dev data.")
    else:
        msg.info("All trees in dev data present in training data.")
    for name, gold in (("training", gold_train), ("dev", gold_dev)):
        if gold["n_low_cardinality_lemmas"]:
            msg.warn(f"{gold['n_low_cardinality_lemmas']} {name} docs with 0 or 1 unique "
                     "lemmas.")
    for name, gold in (("training", gold_train), ("dev", gold_dev)):
        if gold["no_lemma_annotations"]:
            msg.warn(f"{gold['no_lemma_annotations']} {name} docs with no lemma annotations.")
        else:
            msg.good(f"All {name} docs have lemma annotations.")
    for name, gold in (("training", gold_train), ("dev", gold_dev)):
        if gold["partial_lemma_annotations"]:
            msg.info(f"{gold['partial_lemma_annotations']} {name} docs with partial lemma "
                     "annotations.")
        else:
            msg.good(f"All {name} docs have complete lemma annotations.")


# ---------------------------------------------------------------------------------------------
# spaCy's helper names (spacy.cli.debug_data), for code and tests written against them

_SPAN_FACTORIES = ("spancat", "spancat_singlelabel")


def _compile_gold(examples: Sequence, factory_names: Iterable[str], nlp,
                  make_proj: bool) -> dict[str, Any]:
    """compile_gold as spaCy calls it: asking for a span categorizer gathers the spans of
    every key the reference docs have."""
    factory_names = list(factory_names)
    return compile_gold(examples, factory_names, nlp, make_proj,
                        all_span_keys=any(f in _SPAN_FACTORIES for f in factory_names))


def _get_labels_from_model(nlp, factory_name: str) -> set[str]:
    """The labels of every component the pipeline built with `factory_name`."""
    return _model_labels(nlp, factory_name)


def _get_labels_from_spancat(nlp) -> dict[str, set[str]]:
    """Span categorizers' labels per spans key."""
    return _span_model_labels(nlp)


def _get_distribution(docs: Iterable, normalize: bool = True) -> Counter:
    """Lowercased word frequencies over Docs (or Spans), as shares of the total when
    `normalize`."""
    counts = Counter(_norm_word(t.text) for doc in docs for t in doc)
    if normalize and counts:
        total = sum(counts.values())
        counts = Counter({w: n / total for w, n in counts.items()})
    return counts


def _get_span_characteristics(examples: Sequence, compiled_gold: dict[str, Any],
                              spans_key: str) -> dict[str, Any]:
    """Per label of one spans key: geometric mean length, span and boundary
    distinctiveness (KL divergence from the corpus' words), count; their count-weighted
    averages, and the shortest and longest span."""
    counts = compiled_gold["spancat"][spans_key]
    lengths_per_label = compiled_gold["spans_length"][spans_key]
    corpus = _get_distribution([eg.reference for eg in examples])
    p_spans = {label: _get_distribution(spans)
               for label, spans in compiled_gold["spans_per_type"][spans_key].items()}
    p_bounds = {label: _get_distribution(edges["start"] + edges["end"])
                for label, edges in compiled_gold["sb_per_type"][spans_key].items()}
    lengths = {label: math.exp(math.fsum(math.log(n) for n in values) / len(values))
               for label, values in lengths_per_label.items()}
    sd = {label: _get_kl_divergence(dist, corpus) for label, dist in p_spans.items()}
    bd = {label: _get_kl_divergence(dist, corpus) for label, dist in p_bounds.items()}
    total = sum(counts.values())

    def average(values: dict) -> float:
        return sum(values.get(label, 0.0) * n for label, n in counts.items()) / total

    return {"sd": sd, "bd": bd, "lengths": lengths,
            "spans_per_type": {label: len(spans) for label, spans in
                               compiled_gold["spans_per_type"][spans_key].items()},
            "min_length": min(min(v) for v in lengths_per_label.values()),
            "max_length": max(max(v) for v in lengths_per_label.values()),
            "avg_sd": average(sd), "avg_bd": average(bd), "avg_length": average(lengths),
            "labels": list(counts), "p_spans": p_spans, "p_bounds": p_bounds}


def _print_span_characteristics(span_characteristics: dict[str, Any]) -> None:
    """The table of _get_span_characteristics on stdout."""
    from ..training.loggers import row

    chars = span_characteristics
    width = max(12, *(len(label) for label in chars["labels"]))
    widths, aligns = (width, 6, 6, 6, 6), ("l", "r", "r", "r", "r")
    rule = row(["-" * w for w in widths], widths, aligns)
    lines = [row(("Span Type", "Length", "SD", "BD", "N"), widths, aligns), rule]
    lines += [row((label, f"{chars['lengths'][label]:.2f}", f"{chars['sd'][label]:.2f}",
                   f"{chars['bd'][label]:.2f}", chars["spans_per_type"][label]), widths, aligns)
              for label in chars["labels"]]
    lines += [rule, row(("Wgt. Average", *(f"{chars[k]:.2f}" for k in
                                           ("avg_length", "avg_sd", "avg_bd")), "-"),
                        widths, aligns)]
    print("\n".join(lines), flush=True)


def _get_spans_length_freq_dist(length_dict: dict[str, list[int]],
                                threshold: int = SPAN_LENGTH_THRESHOLD_PERCENTAGE
                                ) -> dict[int, float]:
    """Every span length with its share of all spans in percent (2 decimals), most common
    first (ties in the order first seen). `threshold` is accepted as spaCy does but not
    applied: all lengths are returned."""
    lengths = Counter(n for values in length_dict.values() for n in values)
    total = sum(lengths.values())
    return {n: round(100.0 * c / total, 2) for n, c in lengths.most_common()}


@debug_app.command("data", context_settings={"allow_extra_args": True,
                                             "ignore_unknown_options": True})
@app.command("debug-data", hidden=True,  # spaCy 2's name, kept working (with a warning)
             context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def debug_data_cli(
    ctx: typer.Context,
    config_path: Path = typer.Argument(..., help="Path to config file", exists=True,
                                       allow_dash=True),
    code_path: Path | None = typer.Option(None, "--code-path", "--code", "-c",
                                          help="Python file with registered functions"),
    ignore_warnings: bool = typer.Option(False, "--ignore-warnings", "-IW",
                                         help="Ignore warnings, only show stats and errors"),
    verbose: bool = typer.Option(False, "--verbose", "-V",
                                 help="Print additional information and explanations"),
    no_format: bool = typer.Option(False, "--no-format", "-NF",
                                   help="Don't pretty-print the results"),
):
    """Analyze, debug and validate your training and development data: statistics, label
    counts and problems to fix before training. Exits with status 1 when a check fails."""
    from ..errors import LexloomError
    from ._util import import_code, parse_config_overrides

    if ctx.command.name == "debug-data":
        say("warn", "The debug-data command is now available via the 'debug data' subcommand "
                    "(without the hyphen). Run `python -m lexloom debug --help` for an overview "
                    "of the other debugging commands.")
    try:
        import_code(code_path)
        debug_data(config_path, config_overrides=parse_config_overrides(list(ctx.args)),
                   ignore_warnings=ignore_warnings, verbose=verbose, no_format=no_format,
                   silent=False)
    except LexloomError as e:
        fail(str(e))
