"""The tok2vec component and the listener layer that shares its output.

A Tok2Vec component runs its model once per batch. In training, its update() hands the batch
output to every listener layer (inside later components' models) together with a batch id
and a gradient callback; each listener returns that output when its component runs, and
sends its gradient back. The gradients are summed, and when the last listener has reported
the tok2vec model backpropagates once. At inference listeners read `doc.tensor`, which the
component sets, so components may batch differently.

Wiring is explicit: after every pipeline edit Language calls `find_listeners` (see
`link_listeners` below for the whole protocol); a listener left without an upstream reads
`doc.tensor` or zeros, as in spaCy, and warns once.
"""
from __future__ import annotations

from itertools import islice
from typing import Any, Callable, Iterable

from thinc.api import Config, Model, Optimizer, set_dropout_rate

from ..errors import NotImplementedMethodError, PipelineError
from ..ml.listening import BatchListener, upstream_tensor
from ..ml.single_doc import Tok2VecRunner, runner_for
from ..training.example import Example, validate_get_examples
from .broadcast import add_listeners_among, broadcast_to_listeners, run_pending_backprop
from .pipe import register_factory
from .trainable_pipe import TrainablePipe

DEFAULT_TOK2VEC_MODEL = Config().from_str("""
[model]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 96
depth = 4
embed_size = 2000
window_size = 1
maxout_pieces = 3
subword_features = true
""")["model"]


class Tok2VecListener(BatchListener):
    """A layer that returns the output of an upstream Tok2Vec component for the same batch.

    upstream_name: the Tok2Vec component's name, or "*" for any Tok2Vec before this one.
    width: the width of the upstream output (the listener's nO).
    """

    name = "tok2vec-listener"

    def __init__(self, upstream_name: str, width: int):
        BatchListener.__init__(self, self.name, _listener_forward, upstream_name,
                               dims={"nO": width})

    def verify_inputs(self, docs: list) -> bool:
        """Raise unless `docs` is the batch whose output this listener holds, unused."""
        if self._outputs is None and not self._used:
            raise PipelineError(
                "A tok2vec listener was called in training before its tok2vec component ran "
                "on the batch. Run the tok2vec's update() first (nlp.update does, in pipeline "
                "order), or, to train with a frozen tok2vec, list it in "
                "[training.annotating_components].")
        if self._used:
            raise PipelineError(
                "A tok2vec listener was called in training a second time for the same "
                "upstream output; the tok2vec component must run update() on every batch "
                "before the components that listen to it (is it frozen or excluded? Then "
                "list it in [training.annotating_components], or give the component its own "
                "tok2vec with nlp.replace_listeners).")
        batch_id = self.get_batch_id(docs)
        if batch_id != self._batch_id:
            raise PipelineError(
                "A tok2vec listener got a different batch of Docs than its tok2vec component "
                "processed last (their words differ). Listeners only work when every "
                "component updates on the same batch right after the tok2vec: call "
                "nlp.update(examples) rather than updating components one by one on "
                "different data.")
        return True


def _listener_forward(model: Tok2VecListener, docs: list, is_train: bool):
    if not is_train:
        # Components may batch differently at inference: read what the tok2vec stored.
        width = model.get_dim("nO")
        outputs = [upstream_tensor(model, doc, width) for doc in docs]
        return outputs, _empty_backprop
    if model._batch_id is None:
        # The upstream never updated (frozen, annotating): use its annotation, no gradient.
        outputs = []
        for doc in docs:
            if len(doc) and doc.tensor.size == 0:
                raise PipelineError(
                    "[E203] A tok2vec listener found no doc.tensor while training: the "
                    "tok2vec component didn't run on these Docs. If the tok2vec embedding "
                    "layer is not updated during training (frozen, or excluded from "
                    "nlp.update), list it in [training.annotating_components] "
                    "(nlp.update(annotates=...)) so it annotates them.")
            outputs.append(doc.tensor)
        return outputs, _empty_backprop
    model.verify_inputs(docs)
    return model.take()


def _empty_backprop(d_outputs):
    return []


class Tok2Vec(TrainablePipe):
    """Embeds tokens once per batch (doc.tensor), for listener layers in later components."""

    def __init__(self, vocab, model: Model, name: str = "tok2vec"):
        self.vocab = vocab
        self.model = model
        self.name = name
        self.listener_map: dict[str, list[Tok2VecListener]] = {}
        self.cfg: dict[str, Any] = {}
        self.scorer = None  # nothing to score: the listeners' components are scored
        self._pending_backprop: Callable[[], bool] | None = None

    # ---- listeners --------------------------------------------------------------------

    @property
    def listeners(self) -> list[Tok2VecListener]:
        return [m for c in self.listening_components for m in self.listener_map[c]]

    @property
    def listening_components(self) -> list[str]:
        return list(self.listener_map)

    def add_listener(self, listener: Tok2VecListener, component_name: str) -> None:
        listeners = self.listener_map.setdefault(component_name, [])
        if not any(l is listener for l in listeners):
            listeners.append(listener)

    def remove_listener(self, listener: Tok2VecListener, component_name: str) -> bool:
        listeners = self.listener_map.get(component_name)
        if listeners is None or not any(l is listener for l in listeners):
            return False
        listeners[:] = [l for l in listeners if l is not listener]
        if not listeners:
            del self.listener_map[component_name]
        return True

    def find_listeners(self, component) -> None:
        """Register the Tok2VecListener layers in `component`'s model that listen to this
        component (upstream_name equal to self.name, or "*")."""
        model = getattr(component, "model", None)
        if not isinstance(model, Model):
            return
        add_listeners_among(self, model.walk(), component.name, Tok2VecListener)

    # Language links this method's way from listener nodes it has found already (one walk of
    # each component per link); a subclass's or a patched find_listeners lacks this mark
    find_listeners.listener_type = Tok2VecListener

    # ---- inference --------------------------------------------------------------------

    def predict(self, docs: list) -> list:
        if not any(len(doc) for doc in docs):
            width = self.model.get_dim("nO")
            return [self.model.ops.alloc2f(0, width) for _ in docs]
        if len(docs) == 1:  # nlp(text): the direct path, when the model is the standard one
            runner = runner_for(self, Tok2VecRunner)
            if runner is not None:
                return [runner(docs[0])]
        return self.model.predict(docs)

    def set_annotations(self, docs: list, tokvecses: list) -> None:
        for doc, tokvecs in zip(docs, tokvecses):
            if tokvecs.shape[0] != len(doc):
                raise PipelineError(f"'{self.name}' produced {tokvecs.shape[0]} vectors for "
                                    f"a Doc of {len(doc)} tokens; the model must give one "
                                    "row per token.")
            doc.tensor = tokvecs

    # ---- training ---------------------------------------------------------------------

    def update(self, examples: Iterable[Example], *, drop: float = 0.0,
               sgd: Optimizer | None = None, losses: dict[str, float] | None = None
               ) -> dict[str, float]:
        """Run the model on the batch and hand the output to every listener. The listeners'
        gradients are summed; when the last one arrives the model backpropagates (and, if
        sgd is given, takes its optimizer step). The loss recorded for this component is the
        summed squared gradient."""
        examples, losses = self._begin_update(examples, losses)
        docs = [eg.predicted for eg in examples]
        self._pending_backprop = None
        set_dropout_rate(self.model, drop)
        if not self.listener_map:
            # nothing listens, so no gradient can come back; spaCy still runs the model, and
            # with dropout that draws masks from the random state every later component
            # draws from: run it then too, so the same seed trains the same pipeline
            if drop:
                self.model.begin_update(docs)
            return losses
        tokvecs, bp_tokvecs = self.model.begin_update(docs)
        self._check_listener_widths(next((t.shape[1] for t in tokvecs if t.ndim == 2), None))
        ops = self.model.ops
        d_tokvecs = [ops.alloc2f(*t.shape) for t in tokvecs]

        def accumulate(grads: list) -> float:
            for i, d in enumerate(grads):
                d_tokvecs[i] += d
            return sum(float((d ** 2).sum()) for d in grads)

        broadcast_to_listeners(self, docs, tokvecs, accumulate=accumulate,
                               backprop=lambda: bp_tokvecs(d_tokvecs), losses=losses, sgd=sgd)
        return losses

    def _check_listener_widths(self, width: int | None) -> None:
        """Every listener must take vectors of this component's output width."""
        if width is None:
            return
        for component, listeners in self.listener_map.items():
            for listener in listeners:
                if listener.has_dim("nO") and listener.get_dim("nO") != width:
                    raise PipelineError(
                        f"The listener in '{component}' expects vectors of width "
                        f"{listener.get_dim('nO')} but '{self.name}' produces width {width}. "
                        f"Set width = {width} in [components.{component}.model.tok2vec] (or "
                        f"width = ${{components.{self.name}.model.encode.width}}).")

    def finish_update(self, sgd: Optimizer) -> None:
        run_pending_backprop(self)
        self.model.finish_update(sgd)

    def get_loss(self, examples, scores) -> None:
        return None

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp=None,
                   **settings) -> None:
        """Infer the model's shapes from a sample of up to 10 Docs."""
        validate_get_examples(get_examples, "Tok2Vec.initialize")
        sample = [eg.x for eg in islice(get_examples(), 10)]
        self.model.initialize(X=sample)
        if self.model.has_dim("nO"):
            self._check_listener_widths(self.model.get_dim("nO"))

    def add_label(self, label: str) -> int:
        # a NotImplementedError, as spaCy's (E931: TrainablePipe leaves add_label undefined)
        raise NotImplementedMethodError(f"[E931] '{self.name}' (tok2vec) has no labels to add.")


def link_listeners(pipeline: list[tuple[str, Any]]) -> None:
    """The listener protocol in one function: every component with `find_listeners` clears
    its `listener_map` and scans the components after it. (Language._link_components does
    the same, then notes on each listener layer no upstream found why.)"""
    for i, (_name, proc) in enumerate(pipeline):
        if hasattr(proc, "find_listeners"):
            proc.listener_map = {}
            for _name2, proc2 in pipeline[i + 1:]:
                proc.find_listeners(proc2)


def unlinked_listeners(pipeline: list[tuple[str, Any]]) -> list[tuple[str, Tok2VecListener]]:
    """(component name, listener) for every Tok2VecListener no upstream component found."""
    fed = {id(l) for _n, proc in pipeline for ls in getattr(proc, "listener_map", {}).values()
           for l in ls}
    out = []
    for name, proc in pipeline:
        model = getattr(proc, "model", None)
        if isinstance(model, Model):
            out.extend((name, node) for node in model.walk()
                       if isinstance(node, Tok2VecListener) and id(node) not in fed)
    return out


@register_factory("tok2vec", assigns=["doc.tensor"],
                  default_config={"model": DEFAULT_TOK2VEC_MODEL})
def make_tok2vec(nlp, name: str, model: Model) -> Tok2Vec:
    return Tok2Vec(nlp.vocab, model, name)
