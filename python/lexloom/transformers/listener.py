"""TransformerListener.v1: a component's `tok2vec` slot filled from the transformer component.

The tree is spacy-transformers 1.4's: chain(transformer-listener, trfs2arrays(pooling)),
with the ref "listener". The "transformer-listener" node (dim nO) hands on the transformer
component's per-Doc TransformerData; "trfs2arrays" (attr grad_factor; its one layer the
pooling) pools wordpiece rows into token rows (reduce_mean.v1, reduce_max.v1, ..., native
on lexloom's ops).

In training the transformer component runs once per batch and hands every listener the
per-Doc TransformerData plus a callback; trfs2arrays sends the gradient, times
`grad_factor`, back through the listener's callback. The component sums the gradients of
all listeners and runs one backward pass through the transformer. At inference the
listener reads `doc._.trf_data`, which the component sets.
"""
from __future__ import annotations

from thinc.api import Model, chain
from thinc.types import Ragged

from ..errors import PipelineError, TransformerError
from ..ml import cuda_kernels
from ..ml.listening import BatchListener
from ..registry import register
from .data import TransformerData, last_hidden_grad


class TransformerListener(BatchListener):
    """A layer that returns the upstream transformer's output for the same batch, one
    TransformerData per Doc. upstream_name: the transformer component's name, or "*".
    last_reader: set by the component on the listeners of the last listening component,
    which free doc._.trf_data after use when the component doesn't keep it."""

    name = "transformer-listener"

    def __init__(self, upstream_name: str):
        BatchListener.__init__(self, self.name, _listener_forward, upstream_name,
                               dims={"nO": None})
        self.last_reader = False

    def verify_inputs(self, docs: list) -> None:
        if self.get_batch_id(docs) != self._batch_id:
            raise PipelineError(
                "A transformer listener got a different batch of Docs than its transformer "
                "component processed last. Listeners only work when every component updates "
                "on the same batch right after the transformer: call nlp.update(examples).")


def _listener_forward(model: TransformerListener, docs: list, is_train: bool):
    # An output is read once; after that (the transformer frozen or excluded from the update,
    # annotating instead) the listener reads doc._.trf_data, as spacy-transformers' does.
    if is_train and model._batch_id is not None and not model._used:
        model.verify_inputs(docs)
        trf_datas, upstream_backprop = model.take()

        def backprop(d_trf_datas: list) -> list:
            upstream_backprop(d_trf_datas)
            return []

        return trf_datas, backprop
    # inference, or a frozen transformer that annotated the Docs: read doc._.trf_data
    width = model.get_dim("nO") if model.has_dim("nO") else 0
    trf_datas = []
    for doc in docs:
        data = doc._.trf_data if doc.has_extension("trf_data") else None
        if data is None:
            if len(doc) and is_train:
                raise PipelineError(
                    "A transformer listener found no doc._.trf_data while training: the "
                    "transformer component didn't run on these Docs. If it is frozen, list "
                    "it in [training.annotating_components] so it annotates them.")
            if not width and len(doc):
                raise PipelineError(
                    f"A transformer listener (upstream = '{model.upstream_name}') has no "
                    "transformer to read: no transformer component by that name comes before "
                    "its component, so its width is unknown. Set `upstream` to the "
                    "transformer component's name (or \"*\") and add that component first.")
            data = TransformerData.zeros(len(doc), width, xp=model.ops.xp)
        elif len(data.align.lengths) != len(doc):
            if not data.is_empty():
                raise TransformerError(
                    f"doc._.trf_data aligns {len(data.align.lengths)} tokens but the Doc has "
                    f"{len(doc)}: the Doc was changed (retokenized) after the transformer "
                    "ran. Run the transformer after components that change tokenization.")
            data = TransformerData.zeros(len(doc), width, xp=model.ops.xp)
        elif model.last_reader and not data.keep:
            doc._.trf_data = None  # the last reader: don't keep every Doc's output alive
        trf_datas.append(data)
    return trf_datas, lambda d_trf_datas: []


def pool_doc_data(model: Model, trf_datas: list[TransformerData], *, is_train: bool):
    """Token vectors for each Doc (one per entry of its alignment), pooled (model.layers[0])
    from the wordpiece rows each token is aligned to, for the whole batch in one call; and
    the backprop that turns the token gradients into gradients of each Doc's last hidden
    state (None for a Doc without output)."""
    pooling = model.layers[0]
    ops = model.ops
    xp = ops.xp
    width = _width(trf_datas)
    grad_factor = model.attrs["grad_factor"]
    sources, all_lengths, all_rows, shapes = [], [], [], []
    offset = 0
    for data in trf_datas:
        lengths = ops.asarray1i(data.align.lengths)
        n = lengths.shape[0]
        if data.is_empty() or int(lengths.sum()) == 0:
            lengths = ops.alloc1i(n)
            shapes.append(None)
            all_lengths.append(lengths)
            continue
        state = data.model_output["last_hidden_state"]
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
    ragged_in = Ragged(xp.concatenate(sources), lengths[aligned])
    # on a GPU, lexloom's ragged-reduction kernels (thinc's layer when they can't compile)
    fast = (cuda_kernels.pool(pooling.name, ragged_in.data, ragged_in.lengths)
            if cuda_kernels.kernels_usable(ops) else None)
    if fast is not None:
        pooled_aligned, bp_fast = fast

        def bp_pooling(d_pooled):
            return Ragged(bp_fast(d_pooled), ragged_in.lengths)
    else:
        pooled_aligned, bp_pooling = pooling(ragged_in, is_train)
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


def _width(trf_datas: list[TransformerData]) -> int:
    """The transformer's width, read from the output; 0 when no Doc has any (as in
    spacy-transformers: the outputs then have no rows anyway)."""
    for data in trf_datas:
        state = data.model_output.get("last_hidden_state")
        if state is not None and state.ndim == 3:
            return int(state.shape[-1])
    return 0


@register("architectures", "lexloom.TransformerListener.v1",
          "spacy-transformers.TransformerListener.v1")
def TransformerListener_v1(pooling: Model, grad_factor: float = 1.0,
                           upstream: str = "*") -> Model:
    """A listener layer for a component's `tok2vec` slot: the output of the transformer
    component named `upstream` ("*": any), pooled to tokens, its gradient scaled by
    `grad_factor` (0: don't fine-tune the transformer from this component)."""
    listener = TransformerListener(upstream_name=upstream)
    model = chain(listener, trfs2arrays(pooling, grad_factor))
    model.set_ref("listener", listener)
    return model


def trfs2arrays(pooling: Model, grad_factor: float) -> Model:
    """One TransformerData per Doc -> token vectors per Doc, pooled; the gradient goes back
    as each Doc's last hidden state's gradient, times grad_factor."""
    return Model("trfs2arrays", _trfs2arrays_forward, layers=[pooling],
                 attrs={"grad_factor": grad_factor})


def _trfs2arrays_forward(model: Model, trf_datas: list, is_train: bool):
    for data in trf_datas:
        if not isinstance(data, TransformerData):
            raise TransformerError(
                f"trfs2arrays expects one TransformerData per Doc, got "
                f"{type(data).__name__}: the layer before it must be a TransformerListener "
                "or a TransformerModel followed by split_trf_batch.")
    return pool_doc_data(model, trf_datas, is_train=is_train)


def gather_doc_grads(ops, batch, doc_grads: list):
    """Per-Doc gradients of the last hidden state (arrays, or TransformerData holding them,
    as spacy-transformers' layers pass them) -> the whole batch's gradient."""
    state = batch.model_output["last_hidden_state"]
    d_full = ops.alloc3f(*state.shape)
    span_start = 0
    for spans, d in zip(batch.spans, doc_grads):
        span_end = span_start + len(spans)
        d = last_hidden_grad(d)
        if d is not None:
            d_full[span_start:span_end, :d.shape[1]] += d
        span_start = span_end
    return d_full


__all__ = ["TransformerListener", "TransformerListener_v1", "trfs2arrays", "pool_doc_data",
           "gather_doc_grads"]
