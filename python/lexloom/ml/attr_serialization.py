"""thinc's per-attribute (de)serializers for plain values, through lexloom.msgpack.

thinc saves each layer attribute as a msgpack blob of its own (`serialize_attr` /
`deserialize_attr`, singledispatch functions thinc offers for extension by type). Its default
calls srsly.msgpack_dumps / msgpack_loads, which look their hooks up in the catalogue
registry and the package entry points on every call: ~0.5 ms per attribute, most of the time
spent saving a pipeline and about 40% of loading en_core_web_sm. For numbers, strings, None,
lists, tuples and dicts, lexloom.msgpack gives the same bytes and values with the hooks bound
once. Anything else goes through thinc's own function as before: a value another
registration of thinc's functions covers (one for Mapping, say), a process where other
packages registered msgpack hooks of their own, data the fast reader refuses.
"""
from __future__ import annotations

import functools
from typing import Any, Callable

import srsly
from thinc.model import deserialize_attr, serialize_attr

from .. import msgpack as fast_msgpack
from ..errors import LexloomError

# srsly's own hooks (numpy) and spacy-transformers' (its trf_data): lexloom.msgpack has both
_KNOWN_HOOKS = frozenset({"numpy", "transformerdata"})
_PLAIN_TYPES = (int, float, str, bool, type(None), list, tuple, dict)
_hooks_checked = {"registry_size": -1, "known": False}


def _only_known_hooks() -> bool:
    """Whether every registered msgpack hook is one lexloom.msgpack applies too (checked
    again whenever the catalogue registry grows)."""
    import catalogue

    size = len(catalogue.REGISTRY)
    if _hooks_checked["registry_size"] != size:
        from srsly.msgpack import msgpack_decoders, msgpack_encoders

        names = set(msgpack_encoders.get_all()) | set(msgpack_decoders.get_all())
        _hooks_checked.update(registry_size=size, known=names <= _KNOWN_HOOKS)
    return _hooks_checked["known"]


@functools.lru_cache(maxsize=4)
def _others(entries: tuple) -> Callable | None:
    """A singledispatch function with `entries` (thinc's function's (type, function) pairs,
    so a new or replaced registration makes a new one) but lexloom's; None when only the
    default is left."""
    registry = {t: f for t, f in entries if f not in (_serialize_plain, _deserialize_plain)}
    if set(registry) == {object}:
        return None
    others = functools.singledispatch(registry[object])
    for kind, func in registry.items():
        if kind is not object:
            others.register(kind, func)
    return others


def _registered_elsewhere(generic: Callable, value: Any) -> Callable | None:
    """What another registration of `generic` does with `value`'s type, if any does."""
    others = _others(tuple(generic.registry.items()))
    if others is None:
        return None
    func = others.dispatch(type(value))
    return None if func is others.registry[object] else func


def _serialize_plain(_: Any, value: Any, name: str, model) -> bytes:
    other = _registered_elsewhere(serialize_attr, value)
    if other is not None:
        return other(_, value, name, model)
    if _only_known_hooks():
        try:
            return fast_msgpack.dumps(value)
        except TypeError:   # an object inside that only srsly's hooks might know
            pass
    return srsly.msgpack_dumps(value)


def _deserialize_plain(_: Any, value: Any, name: str, model) -> Any:
    other = _registered_elsewhere(deserialize_attr, _)
    if other is not None:
        return other(_, value, name, model)
    if _only_known_hooks():
        try:
            return fast_msgpack.loads(value)
        except (ValueError, TypeError, LexloomError):   # refused here: srsly decides
            pass
    return srsly.msgpack_loads(value)


for _type in _PLAIN_TYPES:
    serialize_attr.register(_type, _serialize_plain)
    deserialize_attr.register(_type, _deserialize_plain)
