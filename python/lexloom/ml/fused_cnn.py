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

import weakref
from typing import Optional

import numpy
from thinc.api import Model, NumpyOps
from thinc.layers.chain import forward as _chain_forward
from thinc.layers.with_array import forward as _with_array_forward
from thinc.types import Ragged

from .. import blas, cnn_ops
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


def _leaves(node: Model, path: tuple = ()) -> Optional[list]:
    """(path, layer) of the leaf layers under `node` in order, if every inner node is a
    chain; a path is the child indices that lead from `node` to the leaf."""
    if not node.layers:
        return [(path, node)]
    if node._func is not _chain_forward:
        return None
    out = []
    for i, layer in enumerate(node.layers):
        leaves = _leaves(layer, path + (i,))
        if leaves is None:
            return None
        out.extend(leaves)
    return out


def _maxout_paths(leaves: list) -> Optional[tuple]:
    """The paths of the (maxout, layernorm) of maxout >> layernorm [>> dropout], or None if
    that isn't the shape."""
    names = [leaf.name for _path, leaf in leaves]
    if names not in (["maxout", "layernorm"], ["maxout", "layernorm", "dropout"]):
        return None
    return leaves[0][0], leaves[1][0]


def _at(node: Model, path: tuple) -> Model:
    for i in path:
        node = node.layers[i]
    return node


def _weights(root: Model, paths: tuple) -> Optional[tuple]:
    """(W, b, G, beta) of the (maxout, layernorm) at these paths under root, on CPU; None if
    a param is unset or not a numpy array."""
    maxout, norm = _at(root, paths[0]), _at(root, paths[1])
    if not (isinstance(maxout.ops, NumpyOps) and isinstance(norm.ops, NumpyOps)):
        return None
    try:
        arrays = (maxout.get_param("W"), maxout.get_param("b"), norm.get_param("G"),
                  norm.get_param("b"))
    except KeyError:
        return None
    if not all(isinstance(a, numpy.ndarray) for a in arrays):
        return None
    return arrays


# The layer tree under each fused node (by Model.id, never reused), analysed on first use
# into child-index paths: the structure never changes, while params are read on every call
# (training replaces them). Only ints are kept, so no Model is kept alive.
_STRUCTURE: dict = {}
_UNFIT = "unfit"


def _structure(model: Model, analyse):
    found = _STRUCTURE.get(model.id)
    if found is None:
        found = analyse(model.layers[0])
        _STRUCTURE[model.id] = _UNFIT if found is None else found
    return None if found is _UNFIT else found


# Each maxout W packed for the small-row kernel (blas.PackedWeights, packed again when W
# changes in place), by id(W) while W lives: a call packed them every time, which for one
# short Doc cost as much as the products (nlp(text) on a tok2vec Tok2VecRunner doesn't take).
_PACKED: dict = {}


def _with_packed(weights: list) -> list:
    """The layers' weight tuples with their packed W added, where the CPU reads packed
    weights (else as they are)."""
    if not blas.has_packed_kernel():
        return weights
    out = []
    for w in weights:
        packer = _PACKED.get(id(w[0]))
        if packer is None:
            packer = _PACKED[id(w[0])] = blas.PackedWeights()
            weakref.finalize(w[0], _PACKED.pop, id(w[0]), None)
        out.append(w + (packer.of(w[0]),))
    return out


def _prediction_only(_d_output):
    raise ModelError("This layer ran for prediction (is_train=False) on the native path; "
                     "call it with is_train=True to get gradients.")


def _maxout_structure(layer: Model) -> Optional[tuple]:
    leaves = _leaves(layer)
    return _maxout_paths(leaves) if leaves else None


def _fused_maxout_forward(model: Model, X, is_train: bool):
    if is_train or not isinstance(X, Ragged) or not isinstance(X.dataXd, numpy.ndarray) \
            or X.dataXd.dtype != numpy.float32 or X.dataXd.ndim != 2:
        return _with_array_forward(model, X, is_train)
    paths = _structure(model, _maxout_structure)
    weights = _weights(model.layers[0], paths) if paths is not None else None
    if weights is None:
        return _with_array_forward(model, X, is_train)
    Y = cnn_ops.maxout_layer(X.dataXd, _with_packed([weights])[0])
    return Ragged(Y, X.lengths), _prediction_only


def _encoder_structure(stack: Model) -> Optional[tuple]:
    """(window, [paths of (maxout, layernorm) per layer]) of clone(residual(expand_window >>
    Maxout(normalize=True)), depth), or None for any other shape."""
    is_chain = stack._func is _chain_forward
    residuals = stack.layers if is_chain else [stack]
    window = None
    layers = []
    for r, res in enumerate(residuals):
        if res.name.split("(")[0] != "residual" or len(res.layers) != 1:
            return None
        leaves = _leaves(res.layers[0], ((r,) if is_chain else ()) + (0,))
        if not leaves or leaves[0][1].name != "expand_window":
            return None
        size = leaves[0][1].attrs.get("window_size")
        if window is not None and size != window:
            return None
        window = size
        paths = _maxout_paths(leaves[1:])
        if paths is None:
            return None
        layers.append(paths)
    if not isinstance(window, int) or isinstance(window, bool) or window < 0:
        return None
    return window, layers


def _fused_encoder_forward(model: Model, Xs, is_train: bool):
    if is_train or not isinstance(Xs, list) or \
            not all(isinstance(x, numpy.ndarray) and x.dtype == numpy.float32 and x.ndim == 2
                    for x in Xs):
        return _with_array_forward(model, Xs, is_train)
    found = _structure(model, _encoder_structure)
    stack = model.layers[0]
    weights = [_weights(stack, paths) for paths in found[1]] if found is not None else [None]
    if any(w is None for w in weights):
        return _with_array_forward(model, Xs, is_train)
    if not any(len(x) for x in Xs):  # residual layers keep the width
        return [numpy.zeros((0, x.shape[1]), dtype=numpy.float32) for x in Xs], \
            _prediction_only
    pad = model.attrs["pad"]
    Xf = stack.ops.flatten(Xs, pad=pad)
    Yf = cnn_ops.residual_window_stack(Xf, _with_packed(weights), found[0])
    out = []
    start = pad
    for x in Xs:  # the rows of each input after the padding before it (flatten drops
        # empty inputs, padding and all)
        out.append(Yf[start:start + len(x)] if len(x) else Yf[:0])
        if len(x):
            start += len(x) + pad
    return out, _prediction_only


__all__ = ["fuse_maxout", "fuse_window_encoder"]
