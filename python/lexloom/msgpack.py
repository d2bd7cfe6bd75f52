"""msgpack with srsly's numpy hooks bound once.

srsly's `msgpack_dumps` / `msgpack_loads` look their ext hooks up through package entry
points on every call, which costs milliseconds: more than packing a whole Doc. The only hooks
srsly registers itself are numpy's (so payloads holding arrays stay readable by spaCy); they
are bound here once.
"""
from __future__ import annotations

import functools
from typing import Any

try:
    from srsly.msgpack import _Packer, _decode_numpy, _encode_numpy, _unpackb

    _DEFAULT = functools.partial(_encode_numpy, chain=None)
    _OBJECT_HOOK = functools.partial(_decode_numpy, chain=None)

    def dumps(obj: Any) -> bytes:
        return _Packer(use_bin_type=True, default=_DEFAULT).pack(obj)   # one per call: thread-safe

    def loads(data: bytes, use_list: bool = True) -> Any:
        return _unpackb(data, raw=False, use_list=use_list, object_hook=_OBJECT_HOOK)
except ImportError:  # pragma: no cover - other srsly layouts: the public, slower calls
    import srsly.msgpack as _msgpack

    def dumps(obj: Any) -> bytes:
        return _msgpack.dumps(obj, use_bin_type=True)

    def loads(data: bytes, use_list: bool = True) -> Any:
        return _msgpack.loads(data, raw=False, use_list=use_list)


__all__ = ["dumps", "loads"]
