"""nlp.pipe(n_process=N): worker processes, and what happens when one fails.

On Linux workers are forked, as spaCy's are: they start at once with the parent's pipeline
already in memory. Where fork isn't available or isn't safe (a component runs a PyTorch or
other framework model through a thinc shim: their thread pools don't survive a fork), or
when LEXLOOM_MP_START_METHOD=spawn, workers are spawned and rebuild the pipeline from its
config and weights (text + msgpack, never pickled objects).

Every document carries its position in the input. Each worker has its own task pipe and its
own result pipe; the parent hands out batches, keeps the documents that came back in a
reorder buffer and yields them strictly in input order. While it waits, it also waits on
every worker's process sentinel, so a worker that dies (SIGKILL, the OOM killer, a crash in
native code) is seen at once: nothing ever waits on a dead process. A document is never
yielded twice, and when nlp.pipe stops on a failure every document before the failing one
has been yielded, in order. The failures, all lexloom.errors.WorkerError (a PipelineError)
with `.doc_index` (the document at fault) and `.first_unfinished` (the first one not
yielded):

- WorkerExceptionError: a component raised; the message holds the worker's traceback. As in
  spaCy, it goes to the pipeline's error handler (nlp.set_error_handler): the default one
  raises, one that returns skips the document (and, with as_tuples, its context).
- WorkerSerializationError (a TypeError): a document can't travel between processes, mostly
  an extension value (doc._.NAME) that msgpack can't pack; the message names it.
- WorkerDiedError (a ChildProcessError): a worker ended with documents in hand; names the
  signal that ended it.
- WorkerTimeoutError (a TimeoutError): a worker went LEXLOOM_MP_TIMEOUT seconds (unset:
  no limit) without starting or finishing a document; it is killed.

With as_tuples the contexts never leave the parent (they are paired back by position), so
they need not be picklable.
"""
from __future__ import annotations

import collections
import gc
import itertools
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
import traceback
from multiprocessing.connection import wait as _wait_for
from multiprocessing.reduction import ForkingPickler
from typing import Any, Iterable, Iterator

from . import msgpack as fast_msgpack   # srsly's calls look hooks up each time (~0.5 ms)
from .errors import (
    PipelineError,
    WorkerDiedError,
    WorkerError,
    WorkerExceptionError,
    WorkerSerializationError,
    WorkerTimeoutError,
)

# The parent wakes at least this often (deaths and results wake it at once).
_POLL_SECONDS = 1.0
# A worker sends the documents it finished at least this often, or every this many.
_FLUSH_SECONDS = 0.05
_FLUSH_DOCS = 64
# The pipeline a forked worker inherits (set just before the workers start).
_FORKED_NLP = None
_STOP = object()


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


def _timeout() -> float | None:
    """LEXLOOM_MP_TIMEOUT: seconds a worker may spend without starting or finishing a
    document (unset, empty, 0 or 'none': no limit)."""
    raw = os.environ.get("LEXLOOM_MP_TIMEOUT", "").strip().lower()
    if raw in ("", "0", "none", "off"):
        return None
    try:
        value = float(raw)
    except ValueError:
        raise PipelineError(f"LEXLOOM_MP_TIMEOUT={raw!r} is not a number of seconds: set it "
                            "to e.g. 300, or unset it for no limit.") from None
    return value if value > 0 else None


def _runs_framework_models(nlp) -> bool:
    """Whether a component's model wraps PyTorch (or another framework) in a thinc shim."""
    for _name, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is not None and hasattr(model, "walk") and \
                any(node.shims for node in model.walk()):
            return True
    return False


class _Worker:
    """The parent's view of one worker: its process, pipes, and the documents it holds."""

    def __init__(self, slot: int, process, task_conn, result_conn, beats):
        self.slot = slot
        self.beats = beats
        self.process = process
        self.task_conn = task_conn
        self.result_conn = result_conn
        self.held: collections.deque[int] = collections.deque()  # positions, in order
        self.alive = True
        self.ready = False
        # seconds the parent has spent waiting while this worker, holding documents, neither
        # started nor finished one (time the parent spends elsewhere, e.g. in the caller's
        # loop while the worker waits to send its results, doesn't count)
        self.stalled = 0.0
        self.seen_beat = -1
        self.sends: Any = None
        self.sender: threading.Thread | None = None

    def start_sender(self) -> None:
        """Tasks are written by a thread: a write to a busy worker may block (a full pipe)
        and the parent must keep reading results meanwhile."""
        import queue

        self.sends = queue.SimpleQueue()
        self.sender = threading.Thread(target=self._send_loop, daemon=True,
                                       name=f"lexloom-pipe-sender-{self.slot}")
        self.sender.start()

    def _send_loop(self) -> None:
        try:
            while True:
                data = self.sends.get()
                if data is _STOP:
                    return
                self.task_conn.send_bytes(data)
        except (OSError, ValueError):  # the worker is gone: its sentinel tells the parent
            pass
        finally:  # closed here, never under a send in progress
            self.task_conn.close()

    def send(self, indices: list[int], items: list) -> None:
        if not self.held:
            self.stalled = 0.0
        self.held.extend(indices)
        self.sends.put(fast_msgpack.dumps([indices, items]))

    def stop(self) -> None:
        if self.sends is not None:
            self.sends.put(fast_msgpack.dumps(None))
            self.sends.put(_STOP)


def pipe_multiprocess(nlp, texts: Iterable, *, batch_size: int, n_process: int,
                      disable: Iterable[str] = (), component_cfg: dict | None = None,
                      as_tuples: bool = False) -> Iterator:
    """Docs for `texts` (or (Doc, context) pairs for (text, context) pairs with as_tuples),
    made by n_process worker processes, in input order."""
    from .language import _text_and_context
    from .tokens import Doc

    if n_process == -1:
        n_process = mp.cpu_count()
    if n_process < 1:
        raise PipelineError(f"n_process must be >= 1 or -1 (all CPUs), not {n_process}.")
    timeout = _timeout()
    method = _start_method(nlp)
    workers = _start_workers(nlp, n_process, method, batch_size, list(disable),
                             dict(component_cfg or {}))
    beats = workers[0].beats if workers else None
    handler = nlp.default_error_handler
    source = iter(texts)
    results: dict[int, tuple] = {}  # position -> ("ok", bytes) | ("dropped",) | ("error", exc)
    contexts: dict[int, Any] = {}
    next_out = 0  # position of the next document to yield
    n_read = 0  # documents read from the input so far
    window = batch_size * n_process * 3  # documents read but not yet yielded, at most
    exhausted = False
    fatal: WorkerError | None = None  # raised once every document before it was yielded
    fatal_at = 0
    finished = False

    def fail(error: WorkerError, position: int | None) -> None:
        """Stop handing out work; raise `error` once the documents before `position`
        (None: every document read so far) are yielded."""
        nonlocal fatal, fatal_at
        if position is None:
            position = n_read
        if fatal is None or position < fatal_at:
            fatal, fatal_at = error, position

    try:
        while True:
            # 1. yield what is ready, in input order
            while True:
                if fatal is not None and next_out >= fatal_at:
                    fatal.first_unfinished = next_out
                    raise fatal
                entry = results.pop(next_out, None)
                if entry is None:
                    break
                context = contexts.pop(next_out, None)
                next_out += 1
                if entry[0] == "ok":
                    doc = Doc(nlp.vocab).from_bytes(entry[1])
                    yield (doc, context) if as_tuples else doc
                elif entry[0] == "error":
                    entry[1].first_unfinished = next_out - 1
                    handler(None, None, None, entry[1])  # as spaCy; the default one raises
            if exhausted and next_out >= n_read:
                finished = True
                return
            # 2. hand out work, keeping at most `window` documents between input and output
            while not exhausted and fatal is None and n_read - next_out < window:
                live = [w for w in workers if w.alive]
                if not live:
                    break
                batch = list(itertools.islice(source, batch_size))
                if not batch:
                    exhausted = True
                    for w in workers:
                        w.stop()
                    break
                indices, items = [], []
                for position, item in enumerate(batch, n_read):
                    if as_tuples:   # the same check and message as with n_process=1
                        item, contexts[position] = _text_and_context(item)
                    try:
                        items.append(_pack(item, position))
                        indices.append(position)
                    except WorkerSerializationError as e:
                        results[position] = ("error", e)
                n_read += len(batch)
                if indices:
                    min(live, key=lambda w: len(w.held)).send(indices, items)
            if exhausted and next_out >= n_read or next_out in results:
                continue
            # 3. wait for results, deaths and timeouts
            live = [w for w in workers if w.alive]
            if not live:  # everything not back yet is lost
                missing = next_out
                while missing in results:
                    missing += 1
                fail(WorkerDiedError(
                    f"Every worker process of nlp.pipe(n_process={n_process}) has stopped; "
                    f"documents from position {missing} on were not processed.",
                    first_unfinished=missing), missing)
                continue
            wait_s = _POLL_SECONDS if timeout is None else min(_POLL_SECONDS, timeout / 4)
            waited_from = time.monotonic()
            ready = set(_wait_for([w.result_conn for w in live] +
                                  [w.process.sentinel for w in live], timeout=wait_s))
            for w in live:
                if w.result_conn in ready:
                    _receive(w, results, fail, n_process)
            for w in live:
                if w.alive and w.process.sentinel in ready:
                    _receive(w, results, fail, n_process)
                    if w.alive:
                        _worker_died(w, beats, fail, n_process)
            if timeout is not None:
                waited = time.monotonic() - waited_from
                for w in live:
                    if not (w.alive and w.ready and w.held):
                        continue
                    beat = beats[w.slot]
                    if beat != w.seen_beat:
                        w.seen_beat, w.stalled = beat, 0.0
                    elif w.stalled + waited > timeout:
                        _worker_timed_out(w, beats, fail, n_process, timeout)
                    else:
                        w.stalled += waited
    finally:
        _shutdown(workers, graceful=finished)


def _start_workers(nlp, n_process: int, method: str, batch_size: int, disable: list[str],
                   component_cfg: dict) -> list[_Worker]:
    global _FORKED_NLP
    ctx = mp.get_context(method)
    disabled = list(nlp.disabled) + disable
    handler = nlp.default_error_handler
    if method == "fork":
        config, weights, modules = None, None, []
    else:
        config, weights, modules = nlp.config.to_str(), nlp.to_bytes(), _factory_modules(nlp)
        try:  # spawn sends the handler with multiprocessing's own pickler
            ForkingPickler.dumps(handler)
        except Exception:  # a lambda: the parent still applies it to what workers report
            handler = None
    beats = ctx.Array("q", [-1] * n_process, lock=False)
    workers: list[_Worker] = []
    if method == "fork":
        _FORKED_NLP = nlp
        # A forked worker's garbage collector must not free what it inherited: an object of
        # a library with threads in this process (a Ray ObjectRef, say) may take a lock one
        # of those threads held at the fork, and the worker would wait forever. Frozen
        # objects are never collected (and their pages stay shared).
        frozen_before = gc.get_freeze_count()
        gc.freeze()
    try:
        for slot in range(n_process):
            task_reader, task_writer = ctx.Pipe(duplex=False)
            result_reader, result_writer = ctx.Pipe(duplex=False)
            process = ctx.Process(
                target=_worker, daemon=True, name=f"lexloom-pipe-{slot}",
                args=(slot, config, weights, disabled, modules, component_cfg, handler,
                      batch_size, task_reader, result_writer, beats,
                      _cores_each(n_process), os.getpid()))
            process.start()
            # only the worker keeps these ends: its death then reads as EOF / broken pipe
            task_reader.close()
            result_writer.close()
            workers.append(_Worker(slot, process, task_writer, result_reader, beats))
    except BaseException:
        _shutdown(workers, graceful=False)
        raise
    finally:
        _FORKED_NLP = None
        if method == "fork" and not frozen_before:   # another's freeze is left as it was
            gc.unfreeze()
    for worker in workers:  # threads start after the last fork
        worker.start_sender()
    return workers


def _pack(item, position: int):
    """What travels to a worker for one input: a str as is, a Doc as its bytes."""
    from .tokens import Doc

    if isinstance(item, str):
        if item.isascii():
            return item
        try:
            item.encode("utf-8")
        except UnicodeEncodeError:   # a lone surrogate, which nlp() takes but msgpack can't
            return ["surrogates", item.encode("utf-8", "surrogatepass")]
        return item
    if isinstance(item, Doc):
        try:
            return ["doc", item.to_bytes()]
        except Exception as e:
            key = _unpackable_key(item)
            raise _serialization_error(position, _describe_key(key), _error_text(e),
                                       "to the worker", _extension_name(key)) from e
    try:
        fast_msgpack.dumps(item)  # tasks travel as msgpack: the worker's make_doc judges it
        return ["obj", item]
    except Exception as e:
        raise _serialization_error(position, f"the input itself ({type(item).__name__})",
                                   _error_text(e), "to the worker") from e


def _error_text(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def _serialization_error(position: int, part: str, error: str, way: str,
                         attribute: str | None = None) -> WorkerSerializationError:
    """`attribute`: the extension's name, when an extension value is the problem."""
    err = WorkerSerializationError(
        f"nlp.pipe(n_process=...) can't send document {position} (0-based position in the "
        f"input) {way}: {part} can't be packed ({error}). Documents "
        "travel between processes as Doc.to_bytes(), which packs extension values with "
        "msgpack: keep doc._ / token._ / span._ values to str, int, float, bool, None, bytes, "
        "lists, dicts and numpy arrays (or a getter instead of a stored value), or use "
        "n_process=1.", doc_index=position)
    err.attribute = attribute
    return err


def _unpackable_key(doc):
    """The user_data key whose key or value msgpack can't pack (None: none of them)."""
    for key, value in list(doc.user_data.items()):
        try:
            fast_msgpack.dumps(key)
            fast_msgpack.dumps(value)
        except Exception:
            return key
    return None


def _extension_name(key) -> str | None:
    if isinstance(key, tuple) and len(key) == 4 and key[0] == "._.":
        return key[1]
    return None


def _describe_key(key) -> str:
    if key is None:
        return "the Doc"
    if isinstance(key, tuple) and len(key) == 4 and key[0] == "._.":
        _, name, start, end = key
        if start is None:
            return f"the extension value doc._.{name}"
        if end is None:
            return f"the extension value token._.{name} (token at character {start})"
        return f"the extension value span._.{name} (characters {start}-{end})"
    return f"doc.user_data[{key!r}]"


def _receive(w: _Worker, results: dict, fail, n_process: int) -> None:
    """Every message waiting on a worker's result pipe."""
    conn = w.result_conn
    while True:
        try:
            if not conn.poll():
                return
            message = conn.recv()
        except (EOFError, OSError):  # the worker is gone (maybe mid-message)
            w.process.join(timeout=5)
            _worker_died(w, w.beats, fail, n_process)
            return
        kind = message[0]
        w.stalled = 0.0
        if kind == "ready":
            w.ready = True
        elif kind == "docs":
            for position, data in message[1]:
                _release(w, position)
                results[position] = ("ok", data) if data is not None else ("dropped",)
        elif kind == "error":
            _, position, what, detail, extra = message
            _release(w, position)
            if what == "serialize":
                part, attribute = extra
                results[position] = ("error", _serialization_error(
                    position, part, detail, "back from the worker", attribute))
            else:
                results[position] = ("error", WorkerExceptionError(
                    f"A component raised in a worker process of nlp.pipe(n_process="
                    f"{n_process}) on document {position} (0-based position in the input"
                    f"{extra}). Every document before it was yielded. Run nlp.pipe with "
                    "n_process=1 (or nlp(text)) on that text to debug it, or set an error "
                    "handler (nlp.set_error_handler) to skip such documents. Worker "
                    f"traceback:\n{detail}", doc_index=position))
        elif kind == "fatal":
            position = _at_fault(w, w.beats) if w.held else None
            first = w.held[0] if w.held else None
            _stop(w)
            fail(WorkerExceptionError(
                f"A worker process of nlp.pipe(n_process={n_process}) failed"
                + (f" while processing document {position}" if position is not None else
                   " before processing any document") + ". Workers started with "
                "'spawn' re-import your script: put the code that calls nlp.pipe under "
                "`if __name__ == \"__main__\":`; try n_process=1 to see the error directly. "
                f"Worker traceback:\n{message[1]}", doc_index=position), first)
            return


def _release(w: _Worker, position: int) -> None:
    while w.held and w.held[0] <= position:
        w.held.popleft()


def _at_fault(w: _Worker, beats) -> int:
    """The document a worker was on: the last one it started, if it still holds it."""
    beat = beats[w.slot]
    return beat if w.held and w.held[0] <= beat <= w.held[-1] else w.held[0]


def _describe_exit(exitcode) -> str:
    if exitcode is None:
        return "still running"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = "; the kernel's out-of-memory killer sends it too" if name == "SIGKILL" else ""
        return f"killed by {name}{hint}"
    return f"exit code {exitcode}"


def _worker_died(w: _Worker, beats, fail, n_process: int) -> None:
    w.alive = False
    w.process.join(timeout=5)
    if not w.held:
        return
    position, culprit = w.held[0], _at_fault(w, beats)
    fail(WorkerDiedError(
        f"A worker process of nlp.pipe(n_process={n_process}) died "
        f"({_describe_exit(w.process.exitcode)}) while processing document {culprit} "
        f"(0-based position in the input); documents from position {position} on were not "
        "yielded, every one before was. Run that document with n_process=1 to find the "
        "cause (a crash in native code, memory), or check the system log for the OOM "
        "killer.", doc_index=culprit, first_unfinished=position), position)


def _worker_timed_out(w: _Worker, beats, fail, n_process: int, timeout: float) -> None:
    position, culprit = w.held[0], _at_fault(w, beats)
    _stop(w)
    fail(WorkerTimeoutError(
        f"A worker process of nlp.pipe(n_process={n_process}) spent more than {timeout:g} s "
        f"on document {culprit} (0-based position in the input) and was stopped "
        f"(LEXLOOM_MP_TIMEOUT={timeout:g}); documents from position {position} on were not "
        "yielded, every one before was. Raise LEXLOOM_MP_TIMEOUT if such documents are "
        "just slow, or run that one with n_process=1 to see where it hangs.",
        doc_index=culprit, first_unfinished=position), position)


def _stop(w: _Worker) -> None:
    w.alive = False
    if w.process.is_alive():
        w.process.kill()
    w.process.join(timeout=5)


def _shutdown(workers: list[_Worker], *, graceful: bool) -> None:
    if graceful:  # every worker was told to stop: let them exit by themselves
        deadline = time.monotonic() + 2
        for w in workers:
            w.process.join(timeout=max(0.0, deadline - time.monotonic()))
    for w in workers:
        if w.process.is_alive():
            w.process.terminate()
    for w in workers:
        w.process.join(timeout=2)
        if w.process.is_alive():
            w.process.kill()
            w.process.join(timeout=2)
    for w in workers:
        if w.sends is not None:
            w.sends.put(_STOP)  # the sender closes task_conn (the worker is gone: no block)
        else:
            w.task_conn.close()
        w.result_conn.close()


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


# ---- the worker side ----------------------------------------------------------------


def _cores_each(n_process: int) -> int:
    """Each worker's share of the cores this process may run on."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, cores // n_process)


def _share_cores(cores: int) -> None:
    """The worker's thread pools take its share of the cores (the BLAS's, and torch's where
    the pipeline runs torch models): each pool otherwise starts a thread per core in every
    worker, and n_process=2 ran slower than one process."""
    from . import blas

    blas.share_cores(cores)
    if "torch" in sys.modules and not os.environ.get("OMP_NUM_THREADS", "").strip():
        torch = sys.modules["torch"]
        if torch.get_num_threads() > cores:
            torch.set_num_threads(cores)


def _exit_when_orphaned(parent_pid: int, every: float = 0.5) -> None:
    """A worker's watchdog: it ends the worker once its parent has died (killed, say), even
    while the worker is busy or blocked sending a result that no one reads (a forked
    sibling holds the other end of its pipe open, so it never sees the pipe break)."""
    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="lexloom-orphan-watch").start()


def _worker(slot: int, config: str | None, weights: bytes | None, disabled: list[str],
            modules: list[str], component_cfg: dict, handler, batch_size: int, tasks,
            results, beats, cores: int, parent_pid: int | None = None) -> None:
    if parent_pid is not None:
        _exit_when_orphaned(parent_pid)
    try:
        if config is None:  # forked: the parent's pipeline is already here
            nlp = _FORKED_NLP
        else:
            import importlib

            for module in modules:
                importlib.import_module(module)
            from .language import config_language
            from .util import load_config_from_str

            config = load_config_from_str(config)
            nlp = config_language(config).from_config(config)
            nlp.from_bytes(weights)
            if handler is not None:
                nlp.set_error_handler(handler)
        _share_cores(cores)
        results.send(("ready",))
        runner = _TaskRunner(nlp, slot, disabled, component_cfg, batch_size, results, beats)
        while True:
            task = _next_task(tasks)
            if task is None:
                return
            runner.run(*task)
    except BaseException:  # report anything, including KeyboardInterrupt in the worker
        try:
            results.send(("fatal", traceback.format_exc()))
        except OSError:
            pass


def _next_task(tasks):
    """The next (positions, items) task; None to stop, or when the parent has gone."""
    parent = mp.parent_process()
    while not tasks.poll(1.0):
        if parent is not None and not parent.is_alive():
            return None
    try:
        return fast_msgpack.loads(tasks.recv_bytes())
    except EOFError:
        return None


class _TaskRunner:
    """Runs tasks through the pipeline in a worker, inside a memory zone released from time
    to time (as nlp.pipe does), and reports each document: its bytes, dropped (an error
    handler skipped it), or the error it raised."""

    def __init__(self, nlp, slot, disabled, component_cfg, batch_size, results, beats):
        self.nlp, self.slot, self.disabled = nlp, slot, disabled
        self.component_cfg, self.batch_size = component_cfg, batch_size
        self.results, self.beats = results, beats
        self.chunk: list = []
        self.flushed_at = time.monotonic()
        self.zone = None

    def run(self, positions: list[int], items: list) -> None:
        from .memory_zone import PIPE_RELEASE_AT, MemoryZone

        if self.zone is not None and self.zone.can_resume():
            self.zone.resume()
        else:
            self.zone = MemoryZone(self.nlp)
        try:
            start = 0
            while start < len(items):
                start = self._run_from(positions, items, start)
            self._flush()
        finally:
            self.zone.pause()
        if self.zone.growth() >= PIPE_RELEASE_AT and self.zone.release(max_alive=8):
            self.zone = None

    def _make(self, item):
        from .tokens import Doc

        if isinstance(item, list) and item[0] == "doc":
            return Doc(self.nlp.vocab).from_bytes(item[1])
        if isinstance(item, list) and item[0] == "obj":
            item = item[1]
        elif isinstance(item, list) and item[0] == "surrogates":
            item = item[1].decode("utf-8", "surrogatepass")
        return self.nlp._ensure_doc(item)

    def _pipe(self, docs):
        return self.nlp.pipe(docs, disable=self.disabled, component_cfg=self.component_cfg,
                             batch_size=self.batch_size, memory_zones=False)

    def _run_from(self, positions: list[int], items: list, start: int) -> int:
        """Process items[start:]; returns where to go on (len(items) when done)."""
        made: dict[int, tuple[int, Any]] = {}  # id(doc) -> (index in items, doc)
        started = [start]  # the last item started (made into a Doc, then piped)

        def docs():
            for i in range(start, len(items)):
                started[0] = i
                self.beats[self.slot] = positions[i]
                doc = self._make(items[i])
                made[id(doc)] = (i, doc)
                yield doc

        done = start  # items before this one are reported
        try:
            for doc in self._pipe(docs()):
                i = made.pop(id(doc), (done, None))[0]  # a new Doc stands for the next one
                for j in range(done, i):  # skipped by an error handler
                    self._add(positions[j], None)
                self._report(positions[i], doc)
                done = i + 1
        except Exception:
            failing, error_text = self._locate(positions, items, done, started[0],
                                               traceback.format_exc())
            self._error(positions[failing], "exception", error_text,
                        _excerpt(items[failing]))
            return failing + 1
        for j in range(done, len(items)):
            self._add(positions[j], None)
        return len(items)

    def _locate(self, positions, items, first: int, last: int, error_text: str):
        """The item that raised, between the first unreported and the last started one
        (several when a component works on batches): each is run alone; those that pass
        are reported. Returns (index, traceback)."""
        for i in range(first, last):
            try:
                docs = list(self._pipe([self._make(items[i])]))
            except Exception:
                return i, traceback.format_exc()
            if docs:
                self._report(positions[i], docs[0])
            else:
                self._add(positions[i], None)
        return max(first, last), error_text

    def _report(self, position: int, doc) -> None:
        try:
            data = doc.to_bytes()
        except Exception as e:
            key = _unpackable_key(doc)
            self._error(position, "serialize", _error_text(e),
                        (_describe_key(key), _extension_name(key)))
            return
        self._add(position, data)

    def _add(self, position: int, data: bytes | None) -> None:
        self.chunk.append((position, data))
        if len(self.chunk) >= _FLUSH_DOCS or \
                time.monotonic() - self.flushed_at >= _FLUSH_SECONDS:
            self._flush()

    def _flush(self) -> None:
        if self.chunk:
            self.results.send(("docs", self.chunk))
            self.chunk = []
        self.flushed_at = time.monotonic()

    def _error(self, position: int, what: str, detail: str, extra) -> None:
        self._flush()
        self.results.send(("error", position, what, detail, extra))


def _excerpt(item) -> str:
    if isinstance(item, str):
        text = item if len(item) <= 60 else item[:57] + "..."
        return f", text {text!r}"
    return ""
