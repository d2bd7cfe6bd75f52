"""The trainable lemmatizer (spaCy's EditTreeLemmatizer): a softmax over edit trees per token.

Each label is an edit tree (see _edit_tree_internals), a recipe that rewrites a form into its
lemma ("cut a final -s", "replace 'went' with 'go'"). Labels are the trees that occur at least
`min_tree_freq` times in the training data. At prediction the most probable tree that applies
to the token's form is used (trying up to `top_k`); when none applies, the lemma falls back to
the `backoff` attribute (the form itself by default). Choosing and applying trees is native:
one call per batch.
"""
from __future__ import annotations

from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import numpy
import srsly
from thinc.api import Config, Model
from thinc.util import to_numpy

from ..attrs import intify_attr
from ..errors import DeserializationError, EditTreeError, EditTreeLabelError, PipelineError
from ..strings import StringStore
from ..training.example import Example, validate_examples, validate_get_examples
from ._edit_tree_internals.edit_trees import EditTrees
from .lemmatizer import lemmatizer_score
from .pipe import register_factory
from .senter import checked_sequence_loss
from .tok2vec import DEFAULT_TOK2VEC_MODEL
from .trainable_pipe import TrainablePipe

DEFAULT_EDIT_TREE_LEMMATIZER_MODEL = Config({"@architectures": "spacy.Tagger.v2",
                                             "tok2vec": DEFAULT_TOK2VEC_MODEL.copy()})


class EditTreeLemmatizer(TrainablePipe):
    """Lemmatizes each token with the edit tree its model predicts."""

    def __init__(self, vocab, model: Model, name: str = "trainable_lemmatizer", *,
                 backoff: Optional[str] = "orth", min_tree_freq: int = 3,
                 overwrite: bool = False, top_k: int = 1,
                 scorer: Optional[Callable] = lemmatizer_score):
        """backoff: the Token attribute a lemma falls back to when no predicted tree applies
        (None leaves the lemma unset). min_tree_freq: trees seen fewer times in the training
        data are not labels. overwrite: replace lemmas already set. top_k: how many of the
        most probable trees to try."""
        if isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 0:
            raise PipelineError(f"top_k must be an int >= 0 (0: always back off), not "
                                f"{top_k!r}.")
        self.vocab = vocab
        self.model = model
        self.name = name
        self.backoff = backoff
        self.min_tree_freq = min_tree_freq
        self.overwrite = overwrite
        self.top_k = top_k
        self.trees = EditTrees(self.vocab.strings)
        self.tree2label: dict[int, int] = {}
        self.cfg: dict[str, Any] = {"labels": []}
        self.scorer = scorer
        self._label_lookup: tuple[int, int, numpy.ndarray] | None = None

    # ---- labels -----------------------------------------------------------------------

    @property
    def labels(self) -> tuple[int, ...]:
        """The tree ids the model chooses between, in output order."""
        return tuple(self.cfg["labels"])

    @property
    def hide_labels(self) -> bool:
        return True

    @property
    def label_data(self) -> dict:
        """{"trees": every tree (strings spelled out), "labels": the label tree ids}: enough
        to recreate the labels through initialize(labels=...)."""
        trees = []
        strings = self.vocab.strings
        for tree_id in range(len(self.trees)):
            tree = self.trees[tree_id]
            if "orig" in tree:
                tree["orig"] = strings[tree["orig"]]
                tree["subst"] = strings[tree["subst"]]
            trees.append(tree)
        return {"trees": trees, "labels": tuple(self.cfg["labels"])}

    def add_label(self, label: int) -> int:
        """Make the tree with id `label` (from self.trees.add) a label. Returns 1 if added,
        0 if it already was one."""
        if isinstance(label, bool) or not isinstance(label, (int, numpy.integer)):
            # spaCy's component has no add_label: NotImplementedError (E931) for any label
            raise EditTreeLabelError(
                f"[E931] The labels of '{self.name}' are edit tree ids (ints from "
                f"self.trees.add(form, lemma)), not {type(label).__name__}; spaCy's "
                "trainable_lemmatizer has no add_label (Pipe.add_label isn't overwritten).")
        if not 0 <= label < len(self.trees):   # a NotImplementedError too, as spaCy's E931
            raise EditTreeLabelError(f"Can't add label {label} to '{self.name}': there is no "
                                     f"edit tree with that id ({len(self.trees)} trees). Add "
                                     "the tree first with self.trees.add(form, lemma).")
        if int(label) in self.tree2label:
            return 0
        self._allow_extra_label()
        self.tree2label[int(label)] = len(self.cfg["labels"])
        self.cfg["labels"].append(int(label))
        return 1

    def _pair2label(self, form: str, lemma: str, add_label: bool = False) -> int | None:
        """The label of the tree for (form, lemma), adding the tree to the labels when asked;
        None if it is not a label."""
        tree_id = self.trees.add(form, lemma)
        if tree_id not in self.tree2label:
            if not add_label:
                return None
            self.tree2label[tree_id] = len(self.cfg["labels"])
            self.cfg["labels"].append(tree_id)
        return self.tree2label[tree_id]

    def _labels_of_trees(self, tree_ids: numpy.ndarray) -> numpy.ndarray:
        """The label of each tree id; 0 for trees that are not labels (as spaCy)."""
        n_trees, n_labels = len(self.trees), len(self.cfg["labels"])
        if self._label_lookup is None or self._label_lookup[:2] != (n_trees, n_labels):
            table = numpy.zeros(n_trees, dtype=numpy.int32)
            table[numpy.asarray(self.cfg["labels"], dtype=numpy.int64)] = numpy.arange(
                n_labels, dtype=numpy.int32)
            self._label_lookup = (n_trees, n_labels, table)
        return self._label_lookup[2][tree_ids]

    def _n_outputs(self) -> int:
        return len(self.cfg["labels"])

    def _after_load(self) -> None:
        self.tree2label = {int(t): i for i, t in enumerate(self.cfg["labels"])}
        self._label_lookup = None

    def _check_labels(self, where: str) -> None:
        bad = [t for t in self.cfg["labels"] if not 0 <= int(t) < len(self.trees)]
        if bad:
            raise DeserializationError(
                f"{where}: the labels of '{self.name}' name edit trees {bad[:5]}, but only "
                f"{len(self.trees)} trees were loaded. The cfg and trees files are from "
                "different pipelines.")

    # ---- inference --------------------------------------------------------------------

    def predict(self, docs: list) -> list[numpy.ndarray]:
        """Per doc, the id of the tree to apply to each token (-1: none applies)."""
        docs = list(docs)
        if not any(len(doc) for doc in docs):
            # as spaCy: an empty (0, n_labels) int32 array per doc
            n_labels = len(self.cfg["labels"])
            return [numpy.zeros((0, n_labels), dtype="i") for _ in docs]
        scores = self.model.predict(docs)
        lengths = [len(doc) for doc in docs]
        all_scores = numpy.concatenate([to_numpy(s) for s in scores]) if scores else None
        forms, strings = _concat_attr(docs, "ORTH")
        labels = numpy.asarray(self.cfg["labels"], dtype=numpy.int64)
        if strings is not None:
            tree_ids = self.trees.choose(all_scores, labels, self.top_k, forms, strings)
            return numpy.split(tree_ids, numpy.cumsum(lengths)[:-1])
        # Docs from several vocabs: one native call per doc.
        out, start = [], 0
        for doc, n in zip(docs, lengths):
            out.append(self.trees.choose(all_scores[start:start + n], labels, self.top_k,
                                         doc.to_array("ORTH"), doc.vocab.strings))
            start += n
        return out

    def set_annotations(self, docs: list, batch_tree_ids: list) -> None:
        for doc, tree_ids in zip(docs, batch_tree_ids):
            n = len(doc)
            if not n:
                continue
            tree_ids = numpy.asarray(to_numpy(tree_ids), dtype=numpy.int64).reshape(-1)
            if tree_ids.shape[0] != n:
                raise PipelineError(f"set_annotations got {tree_ids.shape[0]} tree ids for a "
                                    f"doc of {n} tokens.")
            old = doc.to_array("LEMMA")
            writable = numpy.ones(n, dtype=bool) if self.overwrite else old == 0
            strings = doc.vocab.strings
            lemmas, applied = self.trees.apply_batch(numpy.where(writable, tree_ids, -1),
                                                     doc.to_array("ORTH"), strings, strings)
            new = numpy.where(applied, lemmas, old)
            fallback = writable & (tree_ids == -1)
            if self.backoff is not None and fallback.any():
                new[fallback] = self._backoff_values(doc, fallback)
            doc.from_array(["LEMMA"], new.reshape((-1, 1)))

    def _backoff_values(self, doc, rows: numpy.ndarray) -> numpy.ndarray:
        """The backoff attribute of the tokens at `rows`, as string ids."""
        name = self.backoff
        if name.islower() and not name.endswith("_"):
            try:
                return doc.to_array(intify_attr(name))[rows]
            except (KeyError, ValueError):
                pass
        values = []
        for i in numpy.nonzero(rows)[0].tolist():  # an attribute to_array can't read
            value = getattr(doc[i], name)
            values.append(doc.vocab.strings.add(value) if isinstance(value, str) else value)
        return numpy.asarray(values, dtype=numpy.uint64)

    # ---- training ---------------------------------------------------------------------

    def get_loss(self, examples: Iterable[Example], scores: list) -> tuple[float, list]:
        """spaCy's loss: cross-entropy over the labels, unnormalized; each token's gold label
        is the tree for (its form, its gold lemma), label 0 when that tree is not a label;
        tokens without a gold lemma add nothing."""
        examples = list(examples)
        validate_examples(examples, "EditTreeLemmatizer.get_loss")
        truths = []
        for eg in examples:
            gold, known = eg.get_aligned_array("LEMMA")
            has_lemma = known & (gold != 0)
            truth = numpy.full(len(gold), -1, dtype=numpy.int32)
            if has_lemma.any():
                forms = eg.x.to_array("ORTH")[has_lemma]
                tree_ids = self.trees.add_pairs(forms, gold[has_lemma], eg.x.vocab.strings,
                                                eg.y.vocab.strings)
                truth[has_lemma] = self._labels_of_trees(tree_ids)
            truths.append(truth)
        # spaCy (thinc) also refuses guesses outside [0, 1] here; lexloom's lemmatizer still
        # takes them (its tests compute losses on model.predict's raw outputs)
        return checked_sequence_loss(self.name, scores, truths, probabilities=False,
                                     ops=self.model.ops)

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp=None,
                   labels: Optional[dict] = None) -> None:
        """Labels from `labels` (label_data of a trained component) or else the trees seen
        at least min_tree_freq times in the data; then size the model on 10 examples."""
        validate_get_examples(get_examples, "EditTreeLemmatizer.initialize")
        if labels is None:
            self._labels_from_data(get_examples)
        else:
            self._add_labels(labels)
        docs, golds = [], []
        n_labels = len(self.cfg["labels"])
        for eg in islice(get_examples(), 10):
            docs.append(eg.x)
            ref = eg.y
            lemmas = ref.to_array("LEMMA")
            gold = numpy.zeros((len(ref), n_labels), dtype="float32")
            rows = numpy.nonzero(lemmas != 0)[0]
            if rows.size:
                # Adds these trees to self.trees as spaCy does, so tree ids stay the same.
                tree_ids = self.trees.add_pairs(ref.to_array("ORTH")[rows], lemmas[rows],
                                                ref.vocab.strings, ref.vocab.strings)
                for row, tree_id in zip(rows.tolist(), tree_ids.tolist()):
                    label = self.tree2label.get(tree_id)
                    if label is not None:
                        gold[row, label] = 1.0
            golds.append(self.model.ops.asarray(gold))
        self._require_labels()
        if not docs:
            raise PipelineError(f"'{self.name}' got no examples to initialize from: pass a "
                                "get_examples that yields at least one Example.")
        self.model.initialize(X=docs, Y=golds)

    def _labels_from_data(self, get_examples: Callable[[], Iterable[Example]]) -> None:
        """Count trees in scratch storage (so rare trees don't clutter the component's
        strings), then add the frequent ones, in order of first occurrence, through a
        representative (last seen) form/lemma pair."""
        scratch = EditTrees(StringStore())
        tree_ids, pairs = [], []
        for eg in get_examples():
            ref = eg.y
            lemmas = ref.to_array("LEMMA")
            rows = numpy.nonzero(lemmas != 0)[0]
            if not rows.size:
                continue
            forms = ref.to_array("ORTH")[rows]
            strings = ref.vocab.strings
            ids = scratch.add_pairs(forms, lemmas[rows], strings, strings)
            tree_ids.append(ids)
            pairs.append((forms, lemmas[rows], strings))
        if not tree_ids:
            return
        all_ids = numpy.concatenate(tree_ids)
        uniq, first, counts = numpy.unique(all_ids, return_index=True, return_counts=True)
        _, last_rev = numpy.unique(all_ids[::-1], return_index=True)
        last = len(all_ids) - 1 - last_rev
        offsets = numpy.cumsum([0] + [len(ids) for ids in tree_ids])
        keep = numpy.nonzero(counts >= self.min_tree_freq)[0]
        for k in keep[numpy.argsort(first[keep], kind="stable")].tolist():
            pos = int(last[k])
            eg_i = int(numpy.searchsorted(offsets, pos, side="right")) - 1
            forms, lemmas, strings = pairs[eg_i]
            j = pos - offsets[eg_i]
            self._pair2label(strings[int(forms[j])], strings[int(lemmas[j])], add_label=True)

    def _add_labels(self, labels: dict) -> None:
        for key in ("labels", "trees"):
            if not isinstance(labels, dict) or key not in labels:
                raise PipelineError(
                    f"[E857] The labels given to '{self.name}' need the key '{key}': pass the "
                    "component's label_data ({'trees': [...], 'labels': [...]}), e.g. from "
                    "`init labels`.")
        try:
            self.trees.from_json(list(labels["trees"]))
        except EditTreeError as e:
            raise EditTreeError(f"[E1026] The trees in the labels of '{self.name}': {e}"
                                ) from None
        self.cfg["labels"] = [int(t) for t in labels["labels"]]
        self._after_load()
        bad = [t for t in self.cfg["labels"] if not 0 <= t < len(self.trees)]
        if bad:
            raise PipelineError(f"The labels of '{self.name}' name edit trees {bad[:5]}, but "
                                f"only {len(self.trees)} trees were given.")

    # ---- saving -----------------------------------------------------------------------

    def _bytes_parts(self, exclude: set[str]) -> dict[str, Any]:
        """cfg, vocab and model as every trainable component, plus the trees as spaCy
        writes them."""
        msg = super()._bytes_parts(exclude)
        if "trees" not in exclude:
            msg["trees"] = self.trees.to_bytes()
        return msg

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()):
        exclude = set(exclude)
        super().from_bytes(bytes_data, exclude=exclude)  # cfg, vocab, model
        if "trees" not in exclude:
            msg = srsly.msgpack_loads(bytes_data)
            if "trees" in msg:
                self.trees.from_bytes(msg["trees"])
        self._after_load()
        self._check_labels("from_bytes")
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """A folder with cfg, model, vocab (unless excluded) and trees."""
        super().to_disk(path, exclude=exclude)
        if "trees" not in set(exclude):
            self.trees.to_disk(Path(path) / "trees")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()):
        exclude = set(exclude)
        path = Path(path)
        super().from_disk(path, exclude=exclude)  # cfg, vocab, model
        if "trees" not in exclude:
            self.trees.from_disk(path / "trees")
        self._after_load()
        self._check_labels(str(path))
        return self


def _concat_attr(docs: list, attr: str) -> tuple[numpy.ndarray, Any]:
    """One attribute of all docs' tokens, concatenated, and the docs' shared StringStore
    (None when the docs come from several vocabs)."""
    vocab = docs[0].vocab
    values = numpy.concatenate([doc.to_array(attr) for doc in docs])
    if all(doc.vocab is vocab for doc in docs):
        return values, vocab.strings
    return values, None


@register_factory(
    "trainable_lemmatizer", assigns=["token.lemma"], requires=[],
    default_config={"model": DEFAULT_EDIT_TREE_LEMMATIZER_MODEL, "backoff": "orth",
                    "min_tree_freq": 3, "overwrite": False, "top_k": 1,
                    "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}},
    default_score_weights={"lemma_acc": 1.0})
def make_edit_tree_lemmatizer(nlp, name: str, model: Model, backoff: Optional[str],
                              min_tree_freq: int, overwrite: bool, top_k: int,
                              scorer: Optional[Callable]) -> EditTreeLemmatizer:
    return EditTreeLemmatizer(nlp.vocab, model, name, backoff=backoff,
                              min_tree_freq=min_tree_freq, overwrite=overwrite, top_k=top_k,
                              scorer=scorer)
