"""Inference fast paths for the CNN tok2vec's layer-normalised maxout layers.

thinc runs `with_array(Maxout(normalize=True))` and the window encoder
(`with_array(clone(residual(expand_window >> Maxout(normalize=True)), depth), pad)`) as
several array passes per layer, each allocating, with Python between them. `fuse_maxout`
and `fuse_window_encoder` give such a with_array node a forward that, when predicting on
numpy arrays, runs its layers in one native call (lexloom.cnn_ops, same arithmetic as thinc).
Training, GPU ops and any layer tree of another shape take thinc's forward unchanged, and
the node tree, params and saved form stay thinc's, so spaCy's weights load as before.
"""
from __future__ import annotations

from typing import Optional

import numpy
from thinc.api import Model, NumpyOps
from thinc.layers.chain import forward as _chain_forward
from thinc.layers.with_array import forward as _with_array_forward
from thinc.types import Ragged

from .. import cnn_ops
from ..errors import ModelError


def fuse_maxout(model: Model) -> Model:
    """with_array(Maxout(normalize=True)) on Ragged input: one native call when predicting."""
    model._func = _fused_maxout_forward
    return model


def fuse_window_encoder(model: Model) -> Model:
    """with_array(window encoder, pad) on a list of arrays: one native call for all layers
    when predicting."""
    model._func = _fused_encoder_forward
    return model


def _leaves(node: Model) -> Optional[list]:
    """The leaf layers under `node` in order, if every inner node is a chain."""
    if not node.layers:
        return [node]
    if node._func is not _chain_forward:
        return None
    out = []
    for layer in node.layers:
        leaves = _leaves(layer)
        if leaves is None:
            return None
        out.extend(leaves)
    return out


def _maxout_weights(leaves: list) -> Optional[tuple]:
    """(W, b, G, beta) of maxout >> layernorm [>> dropout], or None if that isn't the shape
    or a param is unset."""
    names = [leaf.name for leaf in leaves]
    if names not in (["maxout", "layernorm"], ["maxout", "layernorm", "dropout"]):
        return None
    maxout, norm = leaves[0], leaves[1]
    for node, params in ((maxout, ("W", "b")), (norm, ("G", "b"))):
        if not all(node.has_param(p) for p in params):
            return None
    arrays = (maxout.get_param("W"), maxout.get_param("b"), norm.get_param("G"),
              norm.get_param("b"))
    if not all(isinstance(a, numpy.ndarray) for a in arrays):
        return None
    return arrays


def _on_cpu(model: Model) -> bool:
    return all(isinstance(node.ops, NumpyOps) for node in model.walk())


def _prediction_only(_d_output):
    raise ModelError("This layer ran for prediction (is_train=False) on the native path; "
                     "call it with is_train=True to get gradients.")


def _fused_maxout_forward(model: Model, X, is_train: bool):
    if is_train or not isinstance(X, Ragged) or not isinstance(X.dataXd, numpy.ndarray) \
            or not _on_cpu(model):
        return _with_array_forward(model, X, is_train)
    leaves = _leaves(model.layers[0])
    weights = _maxout_weights(leaves) if leaves else None
    if weights is None or X.dataXd.dtype != numpy.float32 or X.dataXd.ndim != 2:
        return _with_array_forward(model, X, is_train)
    Y = cnn_ops.maxout_layer(X.dataXd, weights)
    return Ragged(Y, X.lengths), _prediction_only


def _encoder_layers(stack: Model) -> Optional[tuple[int, list]]:
    """(window, [(W, b, G, beta)] per layer) of clone(residual(expand_window >>
    Maxout(normalize=True)), depth), or None for any other shape."""
    residuals = stack.layers if stack._func is _chain_forward else [stack]
    window = None
    layers = []
    for res in residuals:
        if res.name.split("(")[0] != "residual" or len(res.layers) != 1:
            return None
        leaves = _leaves(res.layers[0])
        if not leaves or leaves[0].name != "expand_window":
            return None
        size = leaves[0].attrs.get("window_size")
        if window is not None and size != window:
            return None
        window = size
        weights = _maxout_weights(leaves[1:])
        if weights is None:
            return None
        layers.append(weights)
    if window is None or not isinstance(window, int) or window < 0:
        return None
    return window, layers


def _fused_encoder_forward(model: Model, Xs, is_train: bool):
    if is_train or not isinstance(Xs, list) or not _on_cpu(model) or \
            not all(isinstance(x, numpy.ndarray) and x.dtype == numpy.float32 and x.ndim == 2
                    for x in Xs):
        return _with_array_forward(model, Xs, is_train)
    found = _encoder_layers(model.layers[0])
    if found is None:
        return _with_array_forward(model, Xs, is_train)
    window, layers = found
    pad = model.attrs["pad"]
    ops = model.layers[0].ops
    lengths = numpy.asarray([len(x) for x in Xs], dtype="int32")
    Xf = ops.flatten(Xs, pad=pad)
    Yf = cnn_ops.residual_window_stack(Xf, layers, window)
    return ops.unflatten(Yf, lengths, pad=pad), _prediction_only


__all__ = ["fuse_maxout", "fuse_window_encoder"]
