"""The transformer component: runs a Hugging Face model once per batch for the listener
layers in later components, and stores its output in `doc._.trf_data`.

Training follows the tok2vec protocol (pipeline/tok2vec.py): update() hands each listener
the batch's per-Doc TransformerData and a callback; the listeners' gradients are summed
into one gradient of the last hidden state, and when the last listener has reported, the
transformer backpropagates once. At inference, `doc._.trf_data` holds each Doc's output;
with `keep_trf_data = False` (an attribute, or `component_cfg={"transformer":
{"keep_trf_data": False}}` in nlp.pipe) the last listening component drops it after use,
so long streams don't hold the outputs of every Doc they have seen.

The component folder is spacy-transformers': `cfg` ({"max_batch_items": ...}) and a `model`
file holding the TransformerModel's tree with the weights in its shim (hf_shim.py), so
pipelines move between lexloom and spacy-transformers 1.x in both directions.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from thinc.api import Config, Model, Optimizer

from ..errors import (DeserializationError, NotImplementedMethodError, PipelineError,
                      TransformerError)
# registers the architectures, span getters and annotation setters transformer configs name
from ..transformers import annotation_setters as _annotation_setters  # noqa: F401
from ..transformers import listener as _listener  # noqa: F401
from ..transformers import model as _model  # noqa: F401
from ..transformers import span_getters as _span_getters  # noqa: F401
from ..transformers import tok2vec as _tok2vec  # noqa: F401
from ..transformers.layers import hf_wrapper as _hf_wrapper  # noqa: F401 (HFWrapper.v1)
from ..training.example import Example
from .broadcast import add_listeners_among, broadcast_to_listeners, run_pending_backprop
from .pipe import minibatch, register_factory
from .trainable_pipe import TrainablePipe

DEFAULT_TRANSFORMER_CONFIG = Config().from_str("""
[transformer]
max_batch_items = 4096

[transformer.set_extra_annotations]
@annotation_setters = "spacy-transformers.null_annotation_setter.v1"

[transformer.model]
@architectures = "spacy-transformers.TransformerModel.v3"
name = "roberta-base"
tokenizer_config = {"use_fast": true}
transformer_config = {}
mixed_precision = false
grad_scaler_config = {}

[transformer.model.get_spans]
@span_getters = "spacy-transformers.strided_spans.v1"
window = 128
stride = 96
""")["transformer"]


def install_extensions() -> None:
    from ..tokens import Doc

    if not Doc.has_extension("trf_data"):
        Doc.set_extension("trf_data", default=None)


class Transformer(TrainablePipe):
    """Runs a transformer once per batch; listeners in later components share its output."""

    def __init__(self, vocab, model: Model, set_extra_annotations: Callable | None = None, *,
                 name: str = "transformer", max_batch_items: int = 4096):
        from ..transformers.annotation_setters import null_annotation_setter

        install_extensions()
        self.vocab = vocab
        self.model = model
        self.name = name
        self.set_extra_annotations = set_extra_annotations or null_annotation_setter
        self.listener_map: dict[str, list] = {}
        self.keep_trf_data = True
        self.cfg: dict[str, Any] = {}
        self.max_batch_items = max_batch_items
        self._pending_backprop: Callable[[], bool] | None = None

    @property
    def max_batch_items(self) -> int:
        return int(self.cfg.get("max_batch_items", 4096))

    @max_batch_items.setter
    def max_batch_items(self, value: int) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise PipelineError(f"max_batch_items must be a positive number of padded "
                                f"wordpieces, not {value!r}.")
        self.cfg["max_batch_items"] = value
        shim = self._shim()
        if shim is not None:
            shim.max_batch_items = value

    def _shim(self):
        """The HFShim when the model is a TransformerModel (else None: a custom model)."""
        from ..transformers.hf_shim import HFShim

        layers = self.model.layers
        if self.model.name == "transformer" and layers and layers[0].shims and \
                isinstance(layers[0].shims[0], HFShim):
            return layers[0].shims[0]
        return None

    # ---- listeners --------------------------------------------------------------------

    @property
    def listeners(self) -> list:
        return [m for c in self.listening_components for m in self.listener_map[c]]

    @property
    def listening_components(self) -> list[str]:
        return list(self.listener_map)

    def add_listener(self, listener, component_name: str) -> None:
        listeners = self.listener_map.setdefault(component_name, [])
        if not any(l is listener for l in listeners):
            listeners.append(listener)
        self._mark_last_listeners()
        if self.model.has_dim("nO") and self.model.get_dim("nO") and not \
                listener.has_dim("nO"):
            listener.set_dim("nO", self.model.get_dim("nO"))

    def remove_listener(self, listener, component_name: str) -> bool:
        listeners = self.listener_map.get(component_name)
        if listeners is None or not any(l is listener for l in listeners):
            return False
        listeners[:] = [l for l in listeners if l is not listener]
        if not listeners:
            del self.listener_map[component_name]
        self._mark_last_listeners()
        return True

    def find_listeners(self, component) -> None:
        """Register the TransformerListener layers in `component`'s model that listen to
        this component (upstream_name equal to self.name, or "*")."""
        model = getattr(component, "model", None)
        if not isinstance(model, Model):
            return
        add_listeners_among(self, model.walk(), component.name, _listener.TransformerListener)

    find_listeners.listener_type = _listener.TransformerListener   # (see Tok2Vec's)

    def _mark_last_listeners(self) -> None:
        """The listeners of the last listening component free doc._.trf_data after use
        when keep_trf_data is off."""
        names = self.listening_components
        for component, listeners in self.listener_map.items():
            for listener in listeners:
                listener.last_reader = component == names[-1]

    # ---- inference --------------------------------------------------------------------

    def pipe(self, stream: Iterable, *, batch_size: int = 128,
             keep_trf_data: bool | None = None) -> Iterator:
        """Annotate a stream of Docs, one transformer run per batch (the model sub-batches
        by padded wordpieces itself). keep_trf_data: override the component's setting for
        this stream."""
        keep = self.keep_trf_data if keep_trf_data is None else bool(keep_trf_data)
        handler = self.get_error_handler()
        for docs in minibatch(stream, batch_size):
            try:
                self._annotate(docs, self.predict(docs), keep)
            except Exception as e:
                handler(self.name, self, docs, e)
            yield from docs

    def __call__(self, doc, *, keep_trf_data: bool | None = None):
        keep = self.keep_trf_data if keep_trf_data is None else bool(keep_trf_data)
        try:
            self._annotate([doc], self.predict([doc]), keep)
        except Exception as e:
            self.get_error_handler()(self.name, self, [doc], e)
        return doc

    def predict(self, docs: list):
        """The FullTransformerBatch for `docs`."""
        self._check_loaded()
        return self.model.predict(docs)

    def set_annotations(self, docs: list, trf_data) -> None:
        """doc._.trf_data = each Doc's TransformerData, then the extra annotation setter."""
        self._annotate(docs, trf_data, self.keep_trf_data)

    def _annotate(self, docs: list, trf_data, keep: bool) -> None:
        # Without keep, the last listening component drops doc._.trf_data after reading
        # it (data.keep tells it); with no listener it is not stored at all.
        if keep or self.listener_map:
            for doc, data in zip(docs, trf_data.doc_data):
                data.keep = keep
                doc._.trf_data = data
        self.set_extra_annotations(docs, trf_data)

    def _check_loaded(self) -> None:
        shim = self._shim()
        if shim is not None and shim._model is None:
            raise PipelineError(
                f"'{self.name}' has no transformer loaded: call nlp.initialize() (it loads "
                f"[components.{self.name}.model] name), or load a saved pipeline with "
                "lexloom.load.")

    # ---- training ---------------------------------------------------------------------

    def update(self, examples: Iterable[Example], *, drop: float = 0.0,
               sgd: Optimizer | None = None, losses: dict[str, float] | None = None
               ) -> dict[str, float]:
        """Run the transformer on the batch and hand each listener its Docs' output. The
        listeners' gradients are summed; when the last one arrives the transformer
        backpropagates once (and, if sgd is given, takes its optimizer step). The loss
        recorded is the summed squared gradient."""
        from ..transformers.listener import gather_doc_grads

        examples, losses = self._begin_update(examples, losses)
        self._pending_backprop = None
        if not self.listener_map:
            return losses  # nothing listens: no gradient could ever come back
        self._check_loaded()
        docs = [eg.predicted for eg in examples]
        batch, bp_batch = self.model.begin_update(docs)
        ops = self.model.ops
        d_total = [None]

        def accumulate(doc_grads: list) -> float:
            d_full = gather_doc_grads(ops, batch, doc_grads)
            d_total[0] = d_full if d_total[0] is None else d_total[0] + d_full
            return float((d_full ** 2).sum())

        def backprop() -> None:
            if d_total[0] is not None:
                bp_batch(d_total[0])

        for component, listeners in self.listener_map.items():
            for listener in listeners:
                self._check_width(listener, component)
        broadcast_to_listeners(self, docs, batch.doc_data, accumulate=accumulate,
                               backprop=backprop, losses=losses, sgd=sgd)
        return losses

    def _check_width(self, listener, component: str) -> None:
        width = self.model.get_dim("nO") if self.model.has_dim("nO") else None
        if not width:
            return
        if listener.has_dim("nO") and listener.get_dim("nO") != width:
            raise TransformerError(
                f"The listener in '{component}' was set up for vectors of width "
                f"{listener.get_dim('nO')} but '{self.name}' outputs width {width} (hidden "
                "size of its model). Listeners take the width of the transformer they listen "
                "to: initialize the pipeline again (nlp.initialize) after changing the model.")
        if not listener.has_dim("nO"):
            listener.set_dim("nO", width)

    def finish_update(self, sgd: Optimizer) -> None:
        run_pending_backprop(self)
        self.model.finish_update(sgd)

    def get_loss(self, docs, golds, scores) -> None:
        """No loss of its own (its listeners' components have them): spacy-transformers'
        signature, which does nothing either."""
        return None

    def initialize(self, get_examples: Callable[[], Iterable[Example]] | None = None, *,
                   nlp=None, **settings) -> None:
        """Load the transformer (a local folder or a cached model; never downloaded) and give
        every listener its width."""
        if get_examples is not None and not callable(get_examples):
            raise PipelineError("Transformer.initialize takes a function returning Examples "
                                "(or none: it needs no data).")
        self.model.initialize()
        for component, listeners in self.listener_map.items():
            for listener in listeners:
                self._check_width(listener, component)

    def add_label(self, label: str) -> int:
        # a NotImplementedError, as spaCy's (E931: TrainablePipe leaves add_label undefined)
        raise NotImplementedMethodError(f"[E931] '{self.name}' (transformer) has no labels to add.")

    # ---- saving: TrainablePipe's cfg + model files, as spacy-transformers writes them ------

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "Transformer":
        """Load `cfg` and the `model` file (thinc msgpack, spacy-transformers 1.4's format);
        a `model` folder (save_pretrained files, as spacy-transformers 1.0 wrote it) is read
        too, if its weights are safetensors."""
        path = Path(path)
        if "model" in exclude or not (path / "model").is_dir():
            return super().from_disk(path, exclude=exclude)
        from ..transformers.data import HFObjects
        from ..transformers.hf import load_from_folder

        shim = self._shim()
        if shim is None:
            raise DeserializationError(
                f"{path / 'model'} is a folder of Hugging Face files, which only a "
                f"TransformerModel reads, but '{self.name}' has another model.")
        hf_model, tokenizer = load_from_folder(path / "model", shim.tokenizer_config)
        super().from_disk(path, exclude=[*exclude, "model"])
        self.model.attrs["set_transformer"](self.model, HFObjects(tokenizer, hf_model))
        self._relink_widths()
        return self

    def _load_model(self, data: bytes, where: str) -> None:
        try:
            self.model.from_bytes(data)
        except (DeserializationError, TransformerError) as e:
            raise type(e)(f"Can't load the weights of '{self.name}' from {where}: "
                          f"{str(e).removeprefix('[lexloom] ')}") from None
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise DeserializationError(
                f"Can't load the weights of '{self.name}' from {where}: {e}. It must be a "
                "transformer saved by lexloom or spacy-transformers 1.x with the same "
                "architecture (TransformerModel v1-v3).") from None
        self._relink_widths()

    def _after_load(self) -> None:
        if isinstance(self.cfg.get("max_batch_items"), int):
            self.max_batch_items = self.cfg["max_batch_items"]

    def _relink_widths(self) -> None:
        for component, listeners in self.listener_map.items():
            for listener in listeners:
                self._check_width(listener, component)


@register_factory("transformer", assigns=["doc._.trf_data"],
                  default_config={"model": DEFAULT_TRANSFORMER_CONFIG["model"],
                                  "set_extra_annotations":
                                      DEFAULT_TRANSFORMER_CONFIG["set_extra_annotations"],
                                  "max_batch_items": 4096})
def make_transformer(nlp, name: str, model: Model, set_extra_annotations: Callable,
                     max_batch_items: int) -> Transformer:
    """The transformer component (spacy-transformers' `transformer` factory)."""
    return Transformer(nlp.vocab, model, set_extra_annotations, name=name,
                       max_batch_items=max_batch_items)


__all__ = ["Transformer", "make_transformer", "install_extensions"]
