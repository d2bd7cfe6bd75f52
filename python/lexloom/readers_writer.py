"""A readers-writer lock for the rare change to a model that other threads are predicting
with (threads sharing one pipeline): any number of readers at once, a writer alone. A
waiting writer holds back new readers, except a thread that already reads (nested reads
never deadlock). A process forked while other threads held it (nlp.pipe(n_process=N) from a
threaded program) starts with it free: those threads don't exist in the child."""
from __future__ import annotations

import os
import threading
import weakref


class ReadersWriterLock:
    def __init__(self) -> None:
        self._reset()
        reset = weakref.WeakMethod(self._reset)   # the hook must not keep the lock alive

        def reset_in_child() -> None:
            method = reset()
            if method is not None:
                method()

        os.register_at_fork(after_in_child=reset_in_child)

    def _reset(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0
        self._depth = threading.local()   # this thread's nested reads

    def reading(self) -> "_Reading":
        return _Reading(self)

    def writing(self) -> "_Writing":
        return _Writing(self)


class _Reading:
    __slots__ = ("lock",)

    def __init__(self, lock: ReadersWriterLock) -> None:
        self.lock = lock

    def __enter__(self) -> None:
        lock = self.lock
        depth = getattr(lock._depth, "n", 0)
        with lock._cond:
            if depth == 0:
                while lock._writing or lock._writers_waiting:
                    lock._cond.wait()
            lock._readers += 1
        lock._depth.n = depth + 1

    def __exit__(self, *exc) -> None:
        lock = self.lock
        lock._depth.n -= 1
        with lock._cond:
            lock._readers -= 1
            if lock._readers == 0:
                lock._cond.notify_all()


class _Writing:
    __slots__ = ("lock",)

    def __init__(self, lock: ReadersWriterLock) -> None:
        self.lock = lock

    def __enter__(self) -> None:
        lock = self.lock
        if getattr(lock._depth, "n", 0):
            raise RuntimeError("A thread that holds a read lock can't take the write lock.")
        with lock._cond:
            lock._writers_waiting += 1
            try:
                while lock._writing or lock._readers:
                    lock._cond.wait()
            finally:
                lock._writers_waiting -= 1
            lock._writing = True

    def __exit__(self, *exc) -> None:
        lock = self.lock
        with lock._cond:
            lock._writing = False
            lock._cond.notify_all()
