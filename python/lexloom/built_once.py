"""Values made lazily, on first use, that threads sharing a pipeline must all get the same
one of: a parser's native transition system (states made by one system are refused by
another), a transformer's int8 copy (made once, not once per thread)."""
from __future__ import annotations

import threading
from typing import Any, Callable

# One lock for every such build: builds are rare and short, and a build that asks for
# another lazily made value (a system asking for its move table's) takes it again.
_BUILD_LOCK = threading.RLock()


def built_once(owner: Any, attr: str, build: Callable[[], Any]) -> Any:
    """`owner.<attr>`, made by build() where it is None, once however many threads ask at
    the same time (build() runs under the lock: two builds never overlap)."""
    value = getattr(owner, attr)
    if value is None:
        with _BUILD_LOCK:
            value = getattr(owner, attr)
            if value is None:
                value = build()
                setattr(owner, attr, value)
    return value


__all__ = ["built_once"]
