"""nlp.pipe(n_process=N): worker processes.

On Linux workers are forked, as spaCy's are: they start at once with the parent's pipeline
already in memory. Where fork isn't available or isn't safe (a component runs a PyTorch or
other framework model through a thinc shim: their thread pools don't survive a fork), or
when LEXLOOM_MP_START_METHOD=spawn, workers are spawned and
rebuild the pipeline from its config and weights (text + msgpack, never pickled objects).
Workers send Docs back as Doc.to_bytes(); results come back in input order. An exception in a worker is raised in the caller with the worker's
traceback; a worker that dies (killed, crashed) is reported instead of hanging.
"""
from __future__ import annotations

import itertools
import multiprocessing as mp
import os
import queue
import sys
import traceback
from typing import Iterable, Iterator

from .errors import PipelineError

_POLL_SECONDS = 0.5
# The pipeline a forked worker inherits (set just before the workers start).
_FORKED_NLP = None


def _start_method(nlp) -> str:
    wanted = os.environ.get("LEXLOOM_MP_START_METHOD", "").strip().lower()
    if wanted in ("fork", "spawn", "forkserver"):
        return wanted
    if wanted:
        raise PipelineError(f"LEXLOOM_MP_START_METHOD={wanted!r}: use 'fork', 'spawn' or "
                            "'forkserver'.")
    if "fork" in mp.get_all_start_methods() and sys.platform.startswith("linux") \
            and not _runs_framework_models(nlp):
        return "fork"
    return "spawn"


def _runs_framework_models(nlp) -> bool:
    """Whether a component's model wraps PyTorch (or another framework) in a thinc shim."""
    for _name, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is not None and hasattr(model, "walk") and \
                any(node.shims for node in model.walk()):
            return True
    return False


def pipe_multiprocess(nlp, texts: Iterable, *, batch_size: int, n_process: int,
                      disable: Iterable[str] = ()) -> Iterator:
    from .tokens import Doc

    if n_process == -1:
        n_process = mp.cpu_count()
    if n_process < 1:
        raise PipelineError(f"n_process must be >= 1 or -1 (all CPUs), not {n_process}.")
    global _FORKED_NLP
    method = _start_method(nlp)
    ctx = mp.get_context(method)
    disabled = list(nlp.disabled) + list(disable)
    if method == "fork":
        _FORKED_NLP = nlp
        config, weights, modules = None, None, []
    else:
        config, weights, modules = nlp.config.to_str(), nlp.to_bytes(), _factory_modules(nlp)
    tasks = ctx.Queue(maxsize=n_process * 2)
    results = ctx.Queue()
    workers = [ctx.Process(target=_worker,
                           args=(config, weights, disabled, modules, tasks, results),
                           daemon=True) for _ in range(n_process)]
    try:
        for w in workers:
            w.start()
    finally:
        _FORKED_NLP = None
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
                            f"processed. Workers were started with {method!r}; spawned workers "
                            "re-run your script: put the code that calls nlp.pipe under "
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
        if config is None:  # forked: the parent's pipeline is already here
            nlp = _FORKED_NLP
        else:
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
