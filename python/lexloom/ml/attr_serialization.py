"""thinc's per-attribute (de)serializers for plain values, through lexloom.msgpack.

thinc saves each layer attribute as a msgpack blob of its own (`serialize_attr` /
`deserialize_attr`, singledispatch functions thinc offers for extension by type). Its default
calls srsly.msgpack_dumps / msgpack_loads, which look their hooks up in the catalogue
registry and the package entry points on every call: ~0.5 ms per attribute, most of the time
spent saving a pipeline and about 40% of loading en_core_web_sm. For numbers, strings, None,
lists, tuples and dicts, lexloom.msgpack gives the same bytes and values with the hooks bound
once. Anything else, or a process where other packages registered msgpack hooks of their
own, goes through srsly as before.
"""
from __future__ import annotations

from typing import Any

import srsly
from thinc.model import deserialize_attr, serialize_attr

from .. import msgpack as fast_msgpack

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


def _serialize_plain(_: Any, value: Any, name: str, model) -> bytes:
    if _only_known_hooks():
        try:
            return fast_msgpack.dumps(value)
        except TypeError:   # an object inside that only srsly's hooks might know
            pass
    return srsly.msgpack_dumps(value)


def _deserialize_plain(_: Any, value: Any, name: str, model) -> Any:
    if _only_known_hooks():
        return fast_msgpack.loads(value)
    return srsly.msgpack_loads(value)


for _type in _PLAIN_TYPES:
    serialize_attr.register(_type, _serialize_plain)
    deserialize_attr.register(_type, _deserialize_plain)
