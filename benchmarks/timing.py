"""Best-of-N wall-clock timing, shared by the micro-benchmarks: the fastest call is the one
least disturbed by the rest of the machine."""
from __future__ import annotations

import time
from typing import Any, Callable


def best_time(fn: Callable[[], Any], repeat: int, *,
              warmup: bool = False) -> tuple[float, Any]:
    """Seconds of the fastest of `repeat` calls of `fn` and the last call's result; with
    `warmup`, one untimed call first (allocator, caches)."""
    if warmup:
        fn()
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result
