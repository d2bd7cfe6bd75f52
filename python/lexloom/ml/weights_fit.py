"""Loading saved thinc weights (a decoded `model` file) into the model a config builds.

thinc's `Model.from_bytes` copies whatever arrays a file holds into the layers, so a weight of
another shape (or a 0-d array from a corrupt file) loads silently and fails much later, inside
a matrix product. Every place that loads component weights asks `describe_model_mismatch`
first and turns its answer into its own error. `load_model_dict` is thinc's `from_dict` with
attributes decoded by lexloom's msgpack: srsly's looks its hooks up through package entry
points on every call (~1 ms each, a dozen attributes per model).
"""
from __future__ import annotations

from typing import Any

# The parameter shapes of thinc's and spaCy's standard layers, in their dimensions (so a
# weight of another shape is caught before it loads into a model that has no params yet).
_DENSE = {"W": ("nO", "nI"), "b": ("nO",)}
_PARAM_SHAPES = {
    "linear": _DENSE, "softmax": _DENSE, "relu": _DENSE, "mish": _DENSE,
    "maxout": {"W": ("nO", "nP", "nI"), "b": ("nO", "nP")},
    "hashembed": {"E": ("nV", "nO")}, "embed": {"E": ("nV", "nO")},
    "layernorm": {"G": ("nI",), "b": ("nI",)},
    "precomputable_affine": {"W": ("nF", "nO", "nP", "nI"), "b": ("nO", "nP"),
                             "pad": (1, "nF", "nO", "nP")},
}


def describe_model_mismatch(model, msg: Any) -> str | None:
    """What keeps thinc's model.from_bytes from loading `msg` (a decoded `model` file) into
    `model`, in words, or None when it fits: the number of layers, a dimension the config set
    to another size, a parameter the layer doesn't have or has in another shape."""
    if not isinstance(msg, dict) or not isinstance(msg.get("nodes"), list):
        return "the file is not a thinc model (no list of layers)"
    nodes = list(model.walk())
    saved = msg["nodes"]
    params = msg.get("params") or []
    shims = msg.get("shims") or []
    if len(saved) != len(nodes) or len(params) != len(nodes):
        saved_names = [info.get("name") if isinstance(info, dict) else None for info in saved]
        built_names = [node.name for node in nodes]
        # combinators' names spell their whole subtree: the first differing leaf tells more
        differ = next((i for i, (a, b) in enumerate(zip(saved_names, built_names))
                       if a != b and not (_combined(a) and _combined(b))),
                      min(len(saved_names), len(built_names)))
        first = (f"; the first difference is layer {differ}: "
                 f"{_short(saved_names[differ] if differ < len(saved_names) else None)} in the "
                 f"file, {_short(built_names[differ] if differ < len(built_names) else None)} "
                 "in the config")
        return (f"the file holds {len(saved)} layers, the config builds {len(nodes)}{first} "
                "(another architecture, or another version of it)")
    problem = _layout_problem(msg, len(nodes))
    if problem is not None:
        return problem
    for i, (node, info) in enumerate(zip(nodes, saved)):
        where = f"layer {i} ({_short(node.name)})"
        for dim, value in (info.get("dims") or {}).items():
            if value is None:
                continue
            has = node.has_dim(dim)
            if has is False:
                return f"{where} has no dimension '{dim}', which the file sets to {value}"
            if has and node.get_dim(dim) != value:
                return (f"{where} has {dim}={node.get_dim(dim)} in the config but {value} in "
                        "the file")
        for param, value in params[i].items():
            has = node.has_param(param)
            if has is False:
                return f"{where} has no parameter '{param}', which the file holds"
            if value is None:
                continue
            shape = getattr(value, "shape", None)
            if shape is None or len(shape) == 0:
                return (f"{where} parameter '{param}' is a {type(value).__name__} "
                        f"{'of shape () ' if shape is not None else ''}in the file, not an "
                        "array of weights (the file is damaged)")
            if has and node.get_param(param).shape != shape:
                return (f"{where} parameter '{param}' has shape "
                        f"{tuple(node.get_param(param).shape)} in the config but "
                        f"{tuple(shape)} in the file")
            expected = _expected_shape(node, info.get("dims") or {}, param)
            if expected is not None and tuple(shape) != expected:
                return (f"{where} parameter '{param}' has shape {tuple(shape)} in the file, "
                        f"but its dimensions make it {expected}")
        if i < len(shims) and len(shims[i] or []) != len(node.shims):
            return f"{where} wraps {len(node.shims)} framework model(s), the file {len(shims[i])}"
    return None


def _layout_problem(msg: dict, n: int) -> str | None:
    """What in the file's lists of layers is not what thinc writes (so that loading can't
    stop half-way): per layer a name, dims {name: size}, refs {name: layer index}, attrs
    {name: bytes}, params {name: array} and a list of framework-model bytes."""
    for key in ("params", "attrs", "shims"):
        if not isinstance(msg.get(key), list) or len(msg[key]) != n:
            return f"its '{key}' is not a list of {n} entries, one per layer (the file is damaged)"
    for i, info in enumerate(msg["nodes"]):
        where = f"layer {i}"
        if not isinstance(info, dict) or not isinstance(info.get("name"), str) \
                or not isinstance(info.get("dims"), dict) \
                or not isinstance(info.get("refs"), dict):
            return f"{where} is not described in the file (a name, dims and refs)"
        if not all(isinstance(k, str) and (v is None or (isinstance(v, int) and v >= 0))
                   for k, v in info["dims"].items()):
            return f"{where} has a dimension that is not a size in the file"
        if not all(isinstance(k, str) and (v is None or (isinstance(v, int) and 0 <= v < n))
                   for k, v in info["refs"].items()):
            return f"{where} refers to a layer the file doesn't hold"
        attrs, params, shims = msg["attrs"][i], msg["params"][i], msg["shims"][i]
        if not isinstance(attrs, dict) or not all(isinstance(k, str) for k in attrs):
            return f"{where} has damaged attributes in the file"
        if not isinstance(params, dict) or not all(isinstance(k, str) for k in params):
            return f"{where} has damaged parameters in the file"
        if not isinstance(shims, list) or not all(isinstance(b, bytes) for b in shims):
            return f"{where} has damaged framework-model bytes in the file"
    return None


def _expected_shape(node, saved_dims: dict, param: str) -> tuple | None:
    """The shape a standard layer's parameter has, from the config's dimensions or else the
    file's; None for other layers, or when a dimension is unknown."""
    axes = _PARAM_SHAPES.get(node.name, {}).get(param)
    if axes is None:
        return None
    shape = []
    for axis in axes:
        if isinstance(axis, int):
            shape.append(axis)
            continue
        value = node.get_dim(axis) if node.has_dim(axis) else saved_dims.get(axis)
        if not isinstance(value, int):
            return None
        shape.append(value)
    return tuple(shape)


def _combined(name: Any) -> bool:
    return isinstance(name, str) and any(c in name for c in ">|(")


def _short(name: Any) -> str:
    if name is None:
        return "nothing"
    name = str(name)
    return repr(name if len(name) <= 40 else name[:37] + "...")


def load_model_dict(model, msg: dict):
    """thinc's Model.from_dict (dims, refs, attrs, params, shims of each layer in walk order),
    with attributes that thinc would decode with srsly's msgpack decoded by lexloom's; types
    with their own registered `deserialize_attr` still go through it. A file that fails
    half-way leaves every layer's dims, refs, attrs and params as they were (a wrapped
    framework model's own state excepted)."""
    from thinc.model import deserialize_attr

    from ..msgpack import loads

    generic = deserialize_attr.dispatch(object)
    nodes = list(model.walk())
    if len(msg["nodes"]) != len(nodes):
        raise ValueError("Cannot deserialize model: mismatched structure")
    before = [_layer_state(node) for node in nodes]
    try:
        _load_layers(nodes, msg, generic, deserialize_attr, loads)
    except BaseException:
        for node, state in zip(nodes, before):  # a file that fails half-way changes nothing
            _restore_layer(node, state)
        raise
    return model


def _layer_state(node) -> tuple:
    params = {p: node.get_param(p) for p in node.param_names if node.has_param(p)}
    return node.name, dict(node._dims), dict(node._refs), dict(node.attrs), params


def _restore_layer(node, state: tuple) -> None:
    node.name, dims, refs, attrs, params = state
    node._dims.clear()
    node._dims.update(dims)
    node._refs.clear()
    node._refs.update(refs)
    node.attrs.clear()
    node.attrs.update(attrs)
    for name in node.param_names:
        node.set_param(name, params.get(name))


def _load_layers(nodes: list, msg: dict, generic, deserialize_attr, loads) -> None:
    for i, node in enumerate(nodes):
        info = msg["nodes"][i]
        node.name = info["name"]
        for dim, value in info["dims"].items():
            if value is not None:
                node.set_dim(dim, value)
        for ref, ref_index in info["refs"].items():
            node.set_ref(ref, None if ref_index is None else nodes[ref_index])
        for attr, value in msg["attrs"][i].items():
            default = node.attrs.get(attr)
            decode = deserialize_attr.dispatch(type(default))
            node.attrs[attr] = loads(value) if decode is generic else decode(default, value,
                                                                               attr, node)
        for name, value in msg["params"][i].items():
            if value is not None:
                value = node.ops.asarray(value).copy()
            node.set_param(name, value)
        for j, shim_bytes in enumerate(msg["shims"][i]):
            node.shims[j].from_bytes(shim_bytes)
