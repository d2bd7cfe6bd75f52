"""nlp.pipe(n_process=N): worker processes (spawn, so safe with threads and on every OS).

Each worker rebuilds the pipeline from its config and weights (text + msgpack, never pickled
objects), processes batches of texts and sends Docs back as Doc.to_bytes(). Results come
back in input order. An exception in a worker is raised in the caller with the worker's
traceback; a worker that dies (killed, crashed) is reported instead of hanging.
"""
from __future__ import annotations

import itertools
import multiprocessing as mp
import queue
import traceback
from typing import Iterable, Iterator

from .errors import PipelineError

_POLL_SECONDS = 0.5


def pipe_multiprocess(nlp, texts: Iterable, *, batch_size: int, n_process: int,
                      disable: Iterable[str] = ()) -> Iterator:
    from .tokens import Doc

    if n_process == -1:
        n_process = mp.cpu_count()
    if n_process < 1:
        raise PipelineError(f"n_process must be >= 1 or -1 (all CPUs), not {n_process}.")
    ctx = mp.get_context("spawn")
    config = nlp.config.to_str()
    weights = nlp.to_bytes()
    disabled = list(nlp.disabled) + list(disable)
    modules = _factory_modules(nlp)
    tasks = ctx.Queue(maxsize=n_process * 2)
    results = ctx.Queue()
    workers = [ctx.Process(target=_worker,
                           args=(config, weights, disabled, modules, tasks, results),
                           daemon=True) for _ in range(n_process)]
    for w in workers:
        w.start()
    batches = _batched(iter(texts), batch_size)
    pending: dict[int, list] = {}
    next_out = 0
    n_sent = 0
    exhausted = False
    try:
        while True:
            # keep every worker busy without reading the whole input ahead
            while not exhausted and n_sent - next_out < n_process * 2:
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                    for _ in workers:
                        tasks.put(None)
                    break
                _put(tasks, (n_sent, batch), workers)
                n_sent += 1
            if exhausted and next_out == n_sent:
                return
            while next_out not in pending:
                try:
                    index, status, payload = results.get(timeout=_POLL_SECONDS)
                except queue.Empty:
                    dead = [w for w in workers if not w.is_alive() and w.exitcode not in (0,)]
                    if dead:
                        raise PipelineError(
                            f"A worker process of nlp.pipe(n_process={n_process}) died (exit "
                            f"code {dead[0].exitcode}) before finishing; the input was not fully "
                            "processed. Worker processes are started with 'spawn', which re-runs "
                            "your script: put the code that calls nlp.pipe under "
                            "`if __name__ == \"__main__\":`. Try n_process=1 to see any other "
                            "error directly.") from None
                    continue
                if status == "error":
                    raise PipelineError(f"A worker of nlp.pipe(n_process={n_process}) failed:\n"
                                        f"{payload}")
                pending[index] = payload
            for doc_bytes in pending.pop(next_out):
                yield Doc(nlp.vocab).from_bytes(doc_bytes)
            next_out += 1
    finally:
        for w in workers:
            if w.is_alive():
                w.terminate()
        for w in workers:
            w.join(timeout=5)


def _put(tasks, item, workers) -> None:
    while True:
        try:
            tasks.put(item, timeout=_POLL_SECONDS)
            return
        except queue.Full:
            if not any(w.is_alive() for w in workers):
                raise PipelineError("Every nlp.pipe worker process has stopped.") from None


def _batched(iterator, size: int):
    while True:
        batch = list(itertools.islice(iterator, size))
        if not batch:
            return
        yield batch


def _factory_modules(nlp) -> list[str]:
    """Modules that registered the pipeline's factories: a spawned worker imports them so
    user components exist there too (the main script re-runs as __mp_main__ by itself)."""
    from .registry import registry

    modules = []
    for factory in nlp.pipe_factories.values():
        module = getattr(registry.factories.get(factory), "__module__", None)
        if module and module not in ("__main__", "__mp_main__") and module not in modules:
            modules.append(module)
    return modules


def _worker(config: str, weights: bytes, disabled: list[str], modules: list[str], tasks,
            results) -> None:
    index = -1
    try:
        import importlib

        for module in modules:
            importlib.import_module(module)
        from .language import Language
        from .util import load_config_from_str

        nlp = Language.from_config(load_config_from_str(config))
        nlp.from_bytes(weights)
        while True:
            item = tasks.get()
            if item is None:
                return
            index, texts = item
            docs = nlp.pipe(texts, disable=disabled, batch_size=len(texts))
            results.put((index, "ok", [doc.to_bytes() for doc in docs]))
    except BaseException:  # report anything, including KeyboardInterrupt in the worker
        results.put((index, "error", traceback.format_exc()))
