"""TrainablePipe: a component backed by a Thinc model that learns from Examples.

predict(docs) -> scores and set_annotations(docs, scores) split inference, so a batch runs
the model once; update(examples) runs the model forward, gets the loss from get_loss, and
backpropagates; finish_update(sgd) applies the optimizer. A component saves its settings
(cfg, JSON) and its weights (thinc's msgpack), never pickle.
"""
from __future__ import annotations

from collections.abc import Iterator as _Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import srsly
from thinc.api import Model, Optimizer, set_dropout_rate

from ..errors import DeserializationError, PipelineError
from ..training.example import Example, validate_examples
from .pipe import Pipe, deserialize_config, minibatch  # noqa: F401  (spaCy's names here)

PREDICT_TOKENS = 4096


def _token_slices(docs: list, max_tokens: int) -> Iterator[list]:
    start, total = 0, 0
    for i, doc in enumerate(docs):
        total += len(doc)
        if total > max_tokens and i > start:
            yield docs[start:i]
            start, total = i, len(doc)
    if start < len(docs):
        yield docs[start:]


# mixes_docs per Model.id (never reused): pipe() asks once per batch, and the layer tree's
# windows and padding don't change
_MIXES_DOCS: dict[int, bool] = {}


def mixes_docs(model) -> bool:
    """Whether a doc's output depends on the other docs of its batch: a window layer inside
    with_array padding the docs apart by less than the windows reach (spaCy's
    MishWindowEncoder sets no receptive field, so a doc's edge tokens see its neighbours').
    Such a model must see the batches spaCy gives it, not slices of them."""
    if not hasattr(model, "walk"):   # a subclass without a thinc model (None)
        return False
    found = _MIXES_DOCS.get(model.id)
    if found is None:
        found = _MIXES_DOCS[model.id] = any(
            node.attrs.get("pad", 0) < sum(inner.attrs.get("window_size", 0)
                                           for inner in node.walk()
                                           if inner.name == "expand_window")
            for node in model.walk() if node.name.startswith("with_array("))
    return found


def _has_weights(model) -> bool:
    """Whether any layer of `model` holds parameter values (it was initialized)."""
    return any(node.has_param(name) for node in model.walk() for name in node.param_names)


class TrainablePipe(Pipe):
    """Base class of trainable components: vocab, model, name and cfg (JSON settings)."""

    vocab: Any  # the pipeline's Vocab
    model: Model
    name: str
    cfg: dict[str, Any]
    scorer: Callable | None  # scores Examples (Pipe.score); set by each component

    def __init__(self, vocab, model: Model, name: str, **cfg):
        self.vocab = vocab
        self.model = model
        self.name = name
        self.cfg = dict(cfg)

    # ---- inference --------------------------------------------------------------------

    def __call__(self, doc):
        """Annotate one Doc in place and return it."""
        try:
            self.set_annotations([doc], self.predict([doc]))
        except Exception as e:
            self.get_error_handler()(self.name, self, [doc], e)
        return doc

    def pipe(self, stream: Iterable, *, batch_size: int = 128) -> Iterator:
        """Annotate a stream of Docs, running the model once per batch, or per slice of the
        batch holding about PREDICT_TOKENS tokens: activations of that size stay in the CPU
        cache, which a batch of 1,000 long docs would not (unless the model mixes docs)."""
        handler = self.get_error_handler()
        max_tokens = None if mixes_docs(self.model) else PREDICT_TOKENS
        for batch in minibatch(stream, batch_size):
            try:
                for docs in ([batch] if max_tokens is None
                             else _token_slices(batch, max_tokens)):
                    self.set_annotations(docs, self.predict(docs))
            except Exception as e:
                # as spaCy: the handler gets the whole batch, which is not yielded when it
                # returns (ignore_error drops the batch's Docs from the stream)
                handler(self.name, self, batch, e)
                continue
            yield from batch

    def predict(self, docs: list):
        raise NotImplementedError(f"{type(self).__name__} must implement predict(docs).")

    def set_annotations(self, docs: list, scores) -> None:
        raise NotImplementedError(f"{type(self).__name__} must implement "
                                  "set_annotations(docs, scores).")

    # ---- training ---------------------------------------------------------------------

    def _begin_update(self, examples: Iterable[Example], losses: dict | None
                      ) -> tuple[list[Example], dict[str, float]]:
        """The batch as a validated list, and the losses dict with this component's entry:
        what every update() starts with."""
        if losses is None:
            losses = {}
        losses.setdefault(self.name, 0.0)
        examples = list(examples)
        validate_examples(examples, f"{type(self).__name__}.update")
        return examples, losses

    def update(self, examples: Iterable[Example], *, drop: float = 0.0,
               sgd: Optimizer | None = None, losses: dict[str, float] | None = None
               ) -> dict[str, float]:
        """One gradient step from a batch: forward, get_loss, backprop; the optimizer step
        runs here only when sgd is given (nlp.update calls finish_update itself)."""
        examples, losses = self._begin_update(examples, losses)
        if not any(len(eg.predicted) for eg in examples):
            return losses
        set_dropout_rate(self.model, drop)
        scores, bp_scores = self.model.begin_update([eg.predicted for eg in examples])
        loss, d_scores = self.get_loss(examples, scores)
        bp_scores(d_scores)
        if sgd not in (None, False):
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def rehearse(self, examples: Iterable[Example], *, drop: float = 0.0,
                 sgd: Optimizer | None = None, losses: dict[str, float] | None = None,
                 **config) -> dict[str, float]:
        """A "rehearsal" update, against catastrophic forgetting: teach the model to give
        the predictions of the copy of it that nlp.resume_training() made
        (`_rehearsal_model`) on the batch's Docs; the gold annotation is not used. A no-op
        for components without that copy (resume_training makes it for components that
        set `_rehearsal_model = None` in __init__)."""
        if losses is None:
            losses = {}
        if hasattr(self, "_rehearsal_model"):
            # as spaCy's tagger and textcat: the entry is made (and the batch checked) even
            # before resume_training has made the copy
            losses.setdefault(self.name, 0.0)
            if isinstance(examples, _Iterator):   # a generator: read once, checked here
                examples = list(examples)
            validate_examples(examples, f"{type(self).__name__}.rehearse")
        tutor = getattr(self, "_rehearsal_model", None)
        if tutor is None:
            return losses
        examples, losses = self._begin_update(examples, losses)
        docs = [eg.predicted for eg in examples]
        if not any(len(doc) for doc in docs):
            return losses
        set_dropout_rate(self.model, drop)
        set_dropout_rate(tutor, 0.0)  # the targets: the old model's plain predictions
        X = self._rehearsal_input(docs)
        scores, bp_scores = self.model.begin_update(X)
        targets, _ = tutor.begin_update(X)
        loss, d_scores = self._rehearsal_loss(scores, targets)
        bp_scores(d_scores)
        if sgd not in (None, False):
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def _rehearsal_input(self, docs: list) -> Any:
        """What rehearse feeds both models (the Docs, unless the model takes more)."""
        return docs

    def _rehearsal_loss(self, scores, targets) -> tuple[float, Any]:
        """Squared error between the model's outputs and the tutor's (an array, or a list
        of arrays): the gradient is the difference, the loss its sum of squares (spaCy's
        textcat rehearsal; a numpy float32, as spaCy adds it to the losses)."""
        if isinstance(scores, (list, tuple)):
            d_scores = [s - t for s, t in zip(scores, targets)]
            return sum((d ** 2).sum() for d in d_scores), d_scores
        d_scores = scores - targets
        return (d_scores ** 2).sum(), d_scores

    def get_loss(self, examples: list[Example], scores) -> tuple[float, Any]:
        raise NotImplementedError(f"{type(self).__name__} must implement "
                                  "get_loss(examples, scores).")

    def finish_update(self, sgd: Optimizer) -> None:
        """Apply the optimizer to the gradients collected since the last step."""
        self.model.finish_update(sgd)

    def create_optimizer(self) -> Optimizer:
        """Adam with thinc's defaults, as spaCy uses when no [training.optimizer] is given."""
        from ..util import create_default_optimizer

        return create_default_optimizer()

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp=None,
                   **settings) -> None:
        raise NotImplementedError(f"{type(self).__name__} must implement initialize.")

    def add_label(self, label: str) -> int:
        raise NotImplementedError(f"Component '{self.name}' ({type(self).__name__}) has no "
                                  "labels to add.")

    def _add_to_cfg_labels(self, label: str) -> int:
        """add_label for components whose labels are cfg["labels"]: 1 if added, 0 if the
        label was there already."""
        if not isinstance(label, str):
            raise PipelineError(f"[E187] Labels are strings, not {type(label).__name__} "
                                f"({label!r}).")
        if label in self.labels:
            return 0
        self._allow_extra_label()
        self.cfg["labels"].append(label)
        self.vocab.strings.add(label)
        return 1

    @property
    def is_trainable(self) -> bool:
        return True

    @property
    def is_resizable(self) -> bool:
        return bool(getattr(self, "model", None) is not None
                    and "resize_output" in self.model.attrs)

    def _allow_extra_label(self) -> None:
        """Raise if the model's output layer is already sized and can't grow."""
        nO = None
        if self.model.has_dim("nO"):
            nO = self.model.get_dim("nO")
        elif self.model.has_ref("output_layer") and \
                self.model.get_ref("output_layer").has_dim("nO"):
            nO = self.model.get_ref("output_layer").get_dim("nO")
        if nO is not None and nO == len(self.labels) and not self.is_resizable:
            raise PipelineError(
                f"[E922] Can't add a label to '{self.name}': its model was built for {nO} "
                "labels and can't be resized. Add all labels before nlp.initialize(), or "
                "train a new component.")

    def set_output(self, nO: int) -> None:
        if not self.is_resizable:
            raise PipelineError(f"The model of '{self.name}' can't change its output size.")
        self.model.attrs["resize_output"](self.model, nO)

    @contextmanager
    def use_params(self, params: dict):
        """Use other parameter values (e.g. the optimizer's averages) inside the block."""
        with self.model.use_params(params):
            yield

    # ---- saving -----------------------------------------------------------------------

    def _check_serializable(self) -> None:
        if getattr(self, "vocab", None) is None:
            raise PipelineError(f"Component '{self.name}' has no vocab; set self.vocab in "
                                "__init__ so it can be saved.")
        if getattr(self, "model", None) is None:
            raise PipelineError(f"Component '{self.name}' has no model; set self.model in "
                                "__init__ so it can be saved.")

    def _saved_cfg(self) -> dict | None:
        """self.cfg, or None for a subclass whose __init__ sets none (spaCy saves no cfg
        then, and so does lexloom)."""
        return getattr(self, "cfg", None)

    def _load_model(self, data: bytes, where: str) -> None:
        """Load thinc weights after checking that they fit this component's model (layers,
        dimensions, parameter shapes): a misfit is refused before any layer changes."""
        from ..ml.weights_fit import describe_model_mismatch, load_model_dict
        from ..msgpack import loads

        try:
            msg = loads(data)
        except (ValueError, TypeError, KeyError, OverflowError,
                srsly.msgpack.exceptions.UnpackException) as e:
            raise DeserializationError(
                f"Can't load the weights of '{self.name}' from {where}: not a thinc model "
                f"({type(e).__name__}: {e}); is the file truncated? Save the pipeline "
                "again.") from None
        problem = describe_model_mismatch(self.model, msg)
        if problem is not None:
            raise DeserializationError(
                f"Can't load the weights of '{self.name}' from {where}: {problem}. The saved "
                "model was built from a different config (architecture or sizes) than this "
                "component's, or the file is damaged.")
        try:
            load_model_dict(self.model, msg)  # each param goes through the layer's ops
        except (ValueError, KeyError, TypeError, AttributeError, IndexError) as e:
            raise DeserializationError(
                f"Can't load the weights of '{self.name}' from {where}: {e}. The saved model "
                "was built from a different config (architecture or sizes) than this "
                "component's.") from None
        want = self._n_outputs()  # None: no labels to check against
        have = self.model.maybe_get_dim("nO") if want is not None else None
        if want == 0 and not _has_weights(self.model):
            have = None  # saved before initialize: an nO from the config, no labels yet
        if have is not None and have != want:
            raise DeserializationError(
                f"The model in {where} gives {have} scores per row, but '{self.name}' has {want} "
                "labels in its cfg: the cfg and model are from different pipelines (or the cfg "
                "was edited). Use the cfg saved with this model.")

    def _n_outputs(self) -> int | None:
        """How many scores per row the model gives for these labels, checked after loading
        weights; None when its output is not one score per label."""
        return None

    def _after_load(self) -> None:
        """Hook for subclasses: refresh anything derived from cfg (label tables...)."""

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """msgpack of {"cfg": JSON text, "vocab": ..., "model": thinc weights}."""
        self._check_serializable()
        return srsly.msgpack_dumps(self._bytes_parts(set(exclude)))

    def _bytes_parts(self, exclude: set[str]) -> dict[str, Any]:
        """The parts to_bytes writes; subclasses that save more extend this dict."""
        msg: dict[str, Any] = {}
        if "cfg" not in exclude and self._saved_cfg() is not None:
            msg["cfg"] = srsly.json_dumps(self.cfg)
        if "vocab" not in exclude:
            msg["vocab"] = self.vocab.to_bytes()
        if "model" not in exclude:
            msg["model"] = self.model.to_bytes()
        return msg

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()):
        self._check_serializable()
        exclude = set(exclude)
        try:
            msg = srsly.msgpack_loads(bytes_data)
            if not isinstance(msg, dict):
                raise ValueError("not a map")
            cfg = srsly.json_loads(msg["cfg"]) if "cfg" in msg and "cfg" not in exclude else {}
            if not isinstance(cfg, dict):
                raise ValueError("its cfg is not a JSON object")
            for part in ("vocab", "model"):
                if part in msg and not isinstance(msg[part], bytes):
                    raise ValueError(f"its {part} is {type(msg[part]).__name__}, not bytes")
        except (ValueError, TypeError, OverflowError, RecursionError) as e:
            # msgpack raises TypeError for a map key it can't hash (a map used as a key).
            raise DeserializationError(f"Can't load '{self.name}': the data is not a saved "
                                       f"component ({e}).") from None
        if cfg and self._saved_cfg() is not None:
            self.cfg.update(cfg)
        if "vocab" in msg and "vocab" not in exclude:
            self.vocab.from_bytes(msg["vocab"])
        self._after_load()
        if "model" in msg and "model" not in exclude:
            self._load_model(msg["model"], "bytes")
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """A folder with `cfg` (JSON), `model` (thinc msgpack) and, unless excluded, a `vocab`
        folder (spaCy's layout; nlp.to_disk excludes it: the pipeline's vocab/ serves all)."""
        self._check_serializable()
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        exclude = set(exclude)
        if "cfg" not in exclude and self._saved_cfg() is not None:
            srsly.write_json(path / "cfg", self.cfg)
        if "vocab" not in exclude:
            self.vocab.to_disk(path / "vocab", exclude=exclude)
        if "model" not in exclude:
            (path / "model").write_bytes(self.model.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()):
        self._check_serializable()
        path = Path(path)
        if not path.is_dir():
            raise DeserializationError(f"Can't load '{self.name}' from {path}: not a folder "
                                       "written by to_disk.")
        exclude = set(exclude)
        if "cfg" not in exclude and (path / "cfg").exists() and self._saved_cfg() is not None:
            from ..line_reader import read_json

            cfg = read_json(path / "cfg", what="component cfg")
            if not isinstance(cfg, dict):
                raise DeserializationError(f"{path / 'cfg'} must hold a JSON object, not a "
                                           f"{type(cfg).__name__}.")
            self.cfg.update(cfg)
        if "vocab" not in exclude and (path / "vocab").is_dir():
            self.vocab.from_disk(path / "vocab", exclude=exclude)
        elif "vocab" not in exclude and (path / "vocab").is_file():  # older lexloom: bytes
            self.vocab.from_bytes((path / "vocab").read_bytes())
        self._after_load()
        if "model" not in exclude:
            model_path = path / "model"
            if not model_path.exists():
                raise DeserializationError(f"Can't load '{self.name}': {model_path} is missing.")
            self._load_model(model_path.read_bytes(), str(model_path))
        return self
