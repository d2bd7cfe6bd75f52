"""A direct path for one Doc: `nlp(text)` on a short text without thinc's batch plumbing.

For a batch of one Doc, a Thinc model tree spends most of its time between the arithmetic:
each node's `__call__`, list / Ragged conversions, generators, param look-ups, the step
model's construction. For the standard architectures (the CNN Tok2Vec of MultiHashEmbed +
MaxoutWindowEncoder, the Tagger's softmax layer over a tok2vec or a listener, spaCy's
TransitionBasedParser) a *runner* reads the layer tree once, keeps the weights it needs, and
then runs one Doc with the same native kernels (and the same thinc forwards for the
affine layers) as the batched path, so the outputs are the same floats.

A runner is cached on its component and checks on every call that the params it holds are
still the model's (a from_bytes, initialize, resize or set_param replaces arrays; optimizer
steps update them in place, which the runner sees, as it holds the arrays, never copies;
the one copy, a transition model's folded input weights, checks itself: FoldedInput).
Any other shape of model, GPU ops or a param-server proxy: no runner, the thinc path runs.
"""
from __future__ import annotations

from functools import partial
from typing import Callable, Optional

import numpy
from thinc.api import Model, NumpyOps
from thinc.layers.chain import forward as _chain_forward

from .. import blas, cnn_ops, ml_ops
from . import fused_cnn
from ._precomputable_affine import FoldedInput, lower_products
from .featureextractor import attr_ids
from .featureextractor import extract as extract_features
from .featureextractor import forward as _features_forward
from .hashembed import _concatenate_forward, _table_and_column
from .listening import BatchListener, upstream_tensor


class _Watch:
    """The (node, param name, array) a runner read; valid while every one is still set."""

    __slots__ = ("_entries", "_nodes")

    def __init__(self):
        self._entries: list = []
        self._nodes: list = []

    def param(self, node: Model, name: str):
        if getattr(node._params, "proxy", None) is not None:
            raise _Unfit
        has = node.has_param(name)  # False: no such param; None: declared, not allocated
        if not has:
            raise _Unfit if has is False else _Unset
        value = node.get_param(name)
        if not isinstance(value, numpy.ndarray) or value.dtype != numpy.float32 \
                or not value.flags.c_contiguous:
            raise _Unfit
        self._entries.append((node._params._params, (node.id, name), value))
        return value

    def layers(self, node: Model) -> list:
        """node.layers, checked again on every call (resize_output swaps layers)."""
        layers = list(node.layers)
        self._nodes.append((node, layers))
        return layers

    def valid(self) -> bool:
        for params, key, value in self._entries:
            if params.get(key) is not value:
                return False
        for node, layers in self._nodes:
            if node._layers != layers:  # Models compare by identity: a C-level loop
                return False
        return True


class _Unfit(Exception):
    """The model is not of the shape a runner handles (caught here, never raised out)."""


class _Unset(_Unfit):
    """A param the runner needs is not allocated yet (the model is not initialized)."""


def _cpu(model: Model) -> None:
    for node in model.walk():
        if not isinstance(node.ops, NumpyOps):
            raise _Unfit


# ---- tok2vec ----------------------------------------------------------------------------


class Tok2VecRunner:
    """One Doc through a Tok2Vec.v2 of MultiHashEmbed (no static vectors) and
    MaxoutWindowEncoder: (len(doc), width) float32, as model.predict([doc])[0] gives."""

    def __init__(self, model: Model):
        _cpu(model)
        self.watch = watch = _Watch()
        if not _is_docs_chain(model) or len(model.layers) != 2:
            raise _Unfit
        self.width = model._func.width
        embed, encode = watch.layers(model)
        if not _is_docs_chain(embed) or len(embed.layers) != 5:
            raise _Unfit
        feats, to_ragged, hashed, mixed, to_list = watch.layers(embed)
        if feats._func is not _features_forward or to_ragged.name != "list2ragged" \
                or to_list.name != "ragged2list" or len(hashed.layers) != 1:
            raise _Unfit
        self.attrs = attr_ids(feats.attrs["columns"])
        concat = watch.layers(hashed)[0]
        if concat._func is _concatenate_forward:
            tables = [_table_and_column(layer) for layer in watch.layers(concat)]
        else:
            tables = [_table_and_column(concat)]
        self.tables = []
        start = 0
        for found in tables:
            if found is None or found[1] is None:
                raise _Unfit
            table, column = found
            if table.attrs.get("column") not in (None, column):
                raise _Unfit
            E = watch.param(table, "E")
            self.tables.append((E, column, table.attrs["seed"], start, start + E.shape[1]))
            start += E.shape[1]
        self.concat_width = start
        if mixed._func is not fused_cnn._fused_maxout_forward:
            raise _Unfit
        self.maxout = _maxout_weights(watch, mixed, fused_cnn._maxout_structure)
        if encode._func is not fused_cnn._fused_encoder_forward:
            raise _Unfit
        found = fused_cnn._encoder_structure(watch.layers(encode)[0])
        if found is None:
            raise _Unfit
        self.window = found[0]
        stack = encode.layers[0]
        self.layers = [_layer_weights(watch, stack, paths) for paths in found[1]]
        self.pad = int(encode.attrs.get("pad", 0))
        if self.maxout[0].shape[0] != self.width:
            raise _Unfit
        # each layer's W packed for one Doc's rows (blas.pack), repacked when it changes
        self.packers = [blas.PackedWeights() for _ in range(1 + len(self.layers))]

    def __call__(self, doc) -> numpy.ndarray:
        n = len(doc)
        if n == 0:
            return numpy.zeros((0, self.width), dtype=numpy.float32)
        ids = extract_features([doc], self.attrs)
        concat = numpy.empty((n, self.concat_width), dtype=numpy.float32)
        for E, column, seed, begin, end in self.tables:
            ml_ops.hash_gather_sum(E, ids[:, column], seed, out=concat[:, begin:end])
        maxout, layers = self.maxout, self.layers
        if n + 2 * self.pad <= blas.PACKED_ROWS and blas.has_packed_kernel():
            maxout, *layers = [weights + (packer.of(weights[0]),) for weights, packer
                               in zip((maxout, *layers), self.packers)]
        X = cnn_ops.maxout_layer(concat, maxout)
        pad = self.pad
        if pad:
            padded = numpy.zeros((n + 2 * pad, X.shape[1]), dtype=numpy.float32)
            padded[pad:pad + n] = X
            X = padded
        Y = cnn_ops.residual_window_stack(X, layers, self.window, rows=(pad, pad + n))
        return Y[pad:pad + n] if pad else Y


def _is_docs_chain(model: Model) -> bool:
    from .models.tok2vec import DocsChainForward

    return isinstance(model._func, DocsChainForward)


def _layer_weights(watch: _Watch, root: Model, paths: tuple) -> tuple:
    maxout, norm = fused_cnn._at(root, paths[0]), fused_cnn._at(root, paths[1])
    return (watch.param(maxout, "W"), watch.param(maxout, "b"), watch.param(norm, "G"),
            watch.param(norm, "b"))


def _maxout_weights(watch: _Watch, node: Model, analyse) -> tuple:
    paths = analyse(watch.layers(node)[0])
    if paths is None:
        raise _Unfit
    return _layer_weights(watch, node.layers[0], paths)


# ---- token vectors for a component: its own tok2vec or a listener ---------------------------


def _predict_one(model: Model, doc):
    """The model's output for one Doc, through thinc."""
    return model.predict([doc])[0]


def _token_vectors(watch: _Watch, model: Model) -> Callable:
    """doc -> its token vectors from `model` (a Tok2VecListener, a standard tok2vec, or
    any other tok2vec model, run through thinc on the one Doc)."""
    if isinstance(model, BatchListener) and model.name == "tok2vec-listener":
        # pipeline/tok2vec.py's listener at inference: the upstream's doc.tensor (a
        # partial, not a closure, so that a cached runner pickles with its component)
        return partial(upstream_tensor, model, width=model.get_dim("nO"))
    try:
        runner = Tok2VecRunner(model)
    except _Unfit:
        return partial(_predict_one, model)   # (a partial: a cached runner pickles)
    watch._entries.extend(runner.watch._entries)
    watch._nodes.extend(runner.watch._nodes)
    return runner


# ---- tagger -----------------------------------------------------------------------------


class TaggerRunner:
    """One Doc through the Tagger architecture (tok2vec >> with_array(Softmax)): the scores
    (len(doc), n_labels) model.predict([doc])[0] gives."""

    def __init__(self, model: Model):
        _cpu(model)
        self.watch = watch = _Watch()
        if model._func is not _chain_forward or len(model.layers) != 2:
            raise _Unfit
        tok2vec, wrapped = watch.layers(model)
        if not wrapped.name.startswith("with_array") or len(wrapped.layers) != 1:
            raise _Unfit
        self.output = watch.layers(wrapped)[0]
        if self.output.name != "softmax" or self.output.layers:
            raise _Unfit
        self.vectors = _token_vectors(watch, tok2vec)

    def __call__(self, doc) -> numpy.ndarray:
        X = self.vectors(doc)
        return self.output._func(self.output, X, False)[0]


# ---- parser and ner ---------------------------------------------------------------------


class TransitionRunner:
    """One Doc through spaCy's TransitionBasedParser model: the arrays the native greedy
    decoder reads (P, hidden bias, W and b of the output layer or None, seen-moves mask or
    None), as ParserStepModel.greedy_weights() gives for a batch of that Doc."""

    def __init__(self, model: Model):
        from .tb_framework import forward as _tb_forward

        _cpu(model)
        self.watch = watch = _Watch()
        if model._func is not _tb_forward or len(model.layers) != 3:
            raise _Unfit
        self.model = model
        tok2vec, self.lower, self.upper = watch.layers(model)
        if tok2vec._func is not _chain_forward or len(tok2vec.layers) != 3:
            raise _Unfit
        t2v, to_array, self.linear = watch.layers(tok2vec)
        if to_array.name != "list2array" or self.linear.name != "linear" \
                or self.lower.name != "precomputable_affine":
            raise _Unfit
        self.vectors = _token_vectors(watch, t2v)
        self.has_upper = bool(model.attrs["has_upper"])
        if self.has_upper and self.upper.name != "linear":
            raise _Unfit
        self.folds: Optional[bool] = None   # whether folding the Linear in pays (first call)
        self.lower_packer = blas.PackedWeights()   # the lower layer's W, where not folded

    def step_weights(self, doc) -> "_GreedyWeights":
        """What the greedy decoder takes in place of a ParserStepModel."""
        return _GreedyWeights(self(doc))

    def __call__(self, doc) -> tuple:
        T = numpy.ascontiguousarray(self.vectors(doc))
        P, b = self._products(T)
        P = numpy.ascontiguousarray(P, dtype="float32")
        b = numpy.ascontiguousarray(b, dtype="float32")
        if self.has_upper:
            Wu = numpy.ascontiguousarray(self.upper.get_param("W"), dtype="float32")
            bu = numpy.ascontiguousarray(self.upper.get_param("b"), dtype="float32")
            n_classes = Wu.shape[0]
        else:
            Wu = bu = None
            n_classes = P.shape[2]
        mask = None
        unseen = self.model.attrs["unseen_classes"]
        if unseen:
            seen = numpy.ones((n_classes,), dtype=bool)
            for clas in unseen:
                if 0 <= clas < n_classes:
                    seen[clas] = False
            mask = None if seen.all() else seen
        return P, b, Wu, bu, mask

    def _products(self, T) -> tuple:
        """The lower layer's P for the token vectors T (before the Linear) and the state
        bias: through the folded weights where that pays (FoldedInput), else through both
        layers."""
        lower, linear = self.lower, self.linear
        if self.folds is None:
            self.folds = FoldedInput.fits(linear, lower)
        if not self.folds:
            X = linear._func(linear, T, False)[0]
            W = lower.get_param("W")
            packed = (self.lower_packer.of(W) if X.shape[0] <= blas.PACKED_ROWS
                      and blas.has_packed_kernel() and isinstance(W, numpy.ndarray)
                      and W.dtype == numpy.float32 and W.flags.c_contiguous else None)
            return lower_products(lower, X, packed), lower.get_param("b")
        fold = FoldedInput.for_params(lower.id, lower.get_param("W"), linear.get_param("W"),
                                      linear.get_param("b"))
        return fold.forward(T, lower.get_param("pad"), lower.get_param("b"))


class _GreedyWeights:
    __slots__ = ("weights",)

    def __init__(self, weights: tuple):
        self.weights = weights

    def greedy_weights(self) -> tuple:
        return self.weights


# ---- the cache on a component -----------------------------------------------------------


def runner_for(component, kind: type) -> Optional[Callable]:
    """The component's cached runner of class `kind` for its model, built on first use and
    rebuilt when the model or its params were replaced; None if the model is of another
    shape (then the component takes its batched path)."""
    model = getattr(component, "model", None)
    cached = component.__dict__.get("_single_doc_runner")
    if cached is not None:
        owner, runner = cached[0], cached[1]
        if owner is model and (runner is None or runner.watch.valid()) \
                and cached[2] is kind:
            return runner
    runner = None
    if isinstance(model, Model):
        try:
            runner = kind(model)
        except _Unset:  # not initialized yet: look again next time
            return None
        except _Unfit:
            runner = None
    component.__dict__["_single_doc_runner"] = (model, runner, kind)
    return runner


def forget_runner(component) -> None:
    """Drop a component's cached runner (its model's weights were replaced)."""
    component.__dict__.pop("_single_doc_runner", None)


__all__ = ["Tok2VecRunner", "TaggerRunner", "TransitionRunner", "runner_for",
           "forget_runner"]
