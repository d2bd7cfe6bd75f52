"""TransformerListener.v1: a component's `tok2vec` slot filled from the transformer component.

In training the transformer component runs once per batch and hands every listener the
per-Doc TransformerData plus a callback; the listener pools wordpiece rows into token rows
(`pooling`: reduce_mean.v1, reduce_max.v1, ..., native on lexloom's ops), and sends its
gradient, times `grad_factor`, back through the callback. The component sums the gradients
of all listeners and runs one backward pass through the transformer. At inference the
listener reads `doc._.trf_data`, which the component sets.

`trfs2arrays` is the same pooling as a standalone layer, FullTransformerBatch in, token
vectors out: what a component holds after `replace_listeners`.
"""
from __future__ import annotations


from thinc.api import Model
from thinc.types import Ragged

from ..errors import PipelineError, TransformerError
from ..ml.listening import BatchListener
from ..registry import register
from .data import TransformerData


class TransformerListener(BatchListener):
    """A layer that returns the upstream transformer's output for the same batch, pooled to
    one row per token. upstream_name: the transformer component's name, or "*"."""

    name = "transformer-listener"

    def __init__(self, upstream_name: str, pooling: Model, grad_factor: float):
        BatchListener.__init__(self, self.name, _listener_forward, upstream_name,
                               layers=[pooling], dims={"nO": None},
                               attrs={"grad_factor": grad_factor})

    def verify_inputs(self, docs: list) -> None:
        if self._used:
            raise PipelineError(
                "A transformer listener was called in training a second time for the same "
                "upstream output; the transformer component must run update() on every "
                "batch before the components that listen to it (is it frozen? Then list it "
                "in [training.annotating_components], or give the component its own "
                "transformer with nlp.replace_listeners).")
        if self.get_batch_id(docs) != self._batch_id:
            raise PipelineError(
                "A transformer listener got a different batch of Docs than its transformer "
                "component processed last. Listeners only work when every component updates "
                "on the same batch right after the transformer: call nlp.update(examples).")


def _listener_forward(model: TransformerListener, docs: list, is_train: bool):
    if is_train and model._batch_id is not None:
        model.verify_inputs(docs)
        trf_datas, upstream_backprop = model.take()
        outputs, bp_pool = pool_doc_data(model, trf_datas, [len(d) for d in docs],
                                         is_train=True)

        def backprop(d_outputs: list) -> list:
            upstream_backprop(bp_pool(d_outputs))
            return []

        return outputs, backprop
    # inference, or a frozen transformer that annotated the Docs: read doc._.trf_data
    trf_datas = []
    for doc in docs:
        data = doc._.trf_data if doc.has_extension("trf_data") else None
        if data is None:
            if len(doc) and is_train:
                raise PipelineError(
                    "A transformer listener found no doc._.trf_data while training: the "
                    "transformer component didn't run on these Docs. If it is frozen, list "
                    "it in [training.annotating_components] so it annotates them.")
            data = TransformerData.empty()
        trf_datas.append(data)
    outputs, _ = pool_doc_data(model, trf_datas, [len(d) for d in docs], is_train=False)
    if model.attrs.get("last_reader"):
        for doc, data in zip(docs, trf_datas):
            if not data.keep:  # the last reader: don't keep every Doc's output alive
                doc._.trf_data = None
    return outputs, lambda d_outputs: []


def pool_doc_data(model: Model, trf_datas: list[TransformerData], n_tokens: list[int], *,
                  is_train: bool):
    """Token vectors for each Doc, pooled (model.layers[0]) from the wordpiece rows each
    token is aligned to, for the whole batch in one call; and the backprop that turns the
    token gradients into gradients of each Doc's last hidden state."""
    pooling = model.layers[0]
    ops = model.ops
    xp = ops.xp
    width = _width(model, trf_datas)
    grad_factor = model.attrs["grad_factor"]
    sources, all_lengths, all_rows, shapes = [], [], [], []
    offset = 0
    for data, n in zip(trf_datas, n_tokens):
        lengths = ops.asarray1i(data.align.lengths)
        if data.is_empty() or lengths.shape[0] != n or int(lengths.sum()) == 0:
            if not data.is_empty() and lengths.shape[0] != n:
                raise TransformerError(
                    f"doc._.trf_data aligns {lengths.shape[0]} tokens but the Doc has {n}: "
                    "the Doc was changed (retokenized) after the transformer ran. Run the "
                    "transformer after components that change tokenization.")
            lengths = ops.alloc1i(n)
            shapes.append(None)
            all_lengths.append(lengths)
            continue
        state = data.model_output["last_hidden_state"]
        if state.shape[-1] != width:
            raise TransformerError(
                f"The transformer outputs vectors of width {state.shape[-1]}, but this "
                f"listener was set up for width {width} (its pipeline was initialized with "
                "another transformer). Initialize the pipeline again with the transformer "
                "it runs now.")
        flat = state.reshape(-1, width)
        indices = ops.asarray1i(data.align.data.reshape(-1))
        sources.append(flat[indices])
        all_rows.append(indices)
        shapes.append((state.shape, offset))
        all_lengths.append(lengths)
        offset += indices.shape[0]
    if not sources:  # nothing aligned (no output yet, empty or whitespace-only Docs)
        return ([ops.alloc2f(lengths.shape[0], width) for lengths in all_lengths],
                lambda d_outputs: [None] * len(trf_datas))
    lengths = xp.concatenate(all_lengths).astype("int32")
    # Tokens without pieces (whitespace) get zeros; only the others are pooled, so every
    # reduction (first, last, max...) sees non-empty rows.
    aligned = xp.nonzero(lengths)[0]
    pooled_aligned, bp_pooling = pooling(Ragged(xp.concatenate(sources), lengths[aligned]),
                                         is_train)
    if aligned.shape[0] == lengths.shape[0]:
        pooled = pooled_aligned
    else:
        pooled = ops.alloc2f(lengths.shape[0], width)
        pooled[aligned] = pooled_aligned
    outputs = []
    start = 0
    for trf_data, entry_lengths in zip(trf_datas, all_lengths):
        n = entry_lengths.shape[0]
        outputs.append(pooled[start:start + n])
        start += n

    def backprop(d_outputs: list) -> list:
        d_pooled = xp.concatenate(d_outputs) if d_outputs else ops.alloc2f(0, width)
        d_ragged = bp_pooling(xp.ascontiguousarray(d_pooled[aligned]))
        d_data = d_ragged.data if isinstance(d_ragged, Ragged) else d_ragged
        grads = []
        rows_iter = iter(all_rows)
        for shape in shapes:
            if shape is None:
                grads.append(None)
                continue
            (n_spans, seq_len, _w), begin = shape
            rows = next(rows_iter)
            d_flat = ops.alloc2f(n_spans * seq_len, width)
            ops.scatter_add(d_flat, rows, d_data[begin:begin + rows.shape[0]])
            if grad_factor != 1.0:
                d_flat *= grad_factor
            grads.append(d_flat.reshape(n_spans, seq_len, width))
        return grads

    return outputs, backprop


def _width(model: Model, trf_datas: list[TransformerData]) -> int:
    if model.has_dim("nO"):
        return model.get_dim("nO")
    for data in trf_datas:
        if not data.is_empty():
            return data.width
    raise TransformerError(
        "A transformer listener doesn't know the transformer's width yet: initialize the "
        "pipeline (nlp.initialize) so the transformer component loads its model first.")


@register("architectures", "lexloom.TransformerListener.v1",
          "spacy-transformers.TransformerListener.v1")
def TransformerListener_v1(grad_factor: float, pooling: Model, upstream: str = "*") -> Model:
    """A listener layer for a component's `tok2vec` slot: the output of the transformer
    component named `upstream` ("*": any), pooled to tokens, its gradient scaled by
    `grad_factor` (0: don't fine-tune the transformer from this component)."""
    return TransformerListener(upstream_name=upstream, pooling=pooling,
                               grad_factor=float(grad_factor))


def trfs2arrays(pooling: Model, grad_factor: float) -> Model:
    """FullTransformerBatch -> token vectors per Doc, pooled; gradients go back as the
    last hidden state's gradient of the whole batch."""
    return Model("trfs2arrays", _trfs2arrays_forward, layers=[pooling],
                 attrs={"grad_factor": float(grad_factor)}, dims={"nO": None})


def _trfs2arrays_forward(model: Model, batch, is_train: bool):
    doc_data = batch.doc_data
    n_tokens = batch.doc_lengths or [len(spans[0].doc) if spans else 0
                                     for spans in batch.spans]
    outputs, bp_pool = pool_doc_data(model, doc_data, n_tokens, is_train=is_train)

    def backprop(d_outputs: list):
        return gather_doc_grads(model.ops, batch, bp_pool(d_outputs))

    return outputs, backprop


def gather_doc_grads(ops, batch, doc_grads: list):
    """Per-Doc gradients of the last hidden state -> the whole batch's gradient."""
    state = batch.model_output["last_hidden_state"]
    d_full = ops.alloc3f(*state.shape)
    span_start = 0
    for spans, d in zip(batch.spans, doc_grads):
        span_end = span_start + len(spans)
        if d is not None:
            d_full[span_start:span_end, :d.shape[1]] += d
        span_start = span_end
    return d_full


__all__ = ["TransformerListener", "TransformerListener_v1", "trfs2arrays", "pool_doc_data",
           "gather_doc_grads"]
