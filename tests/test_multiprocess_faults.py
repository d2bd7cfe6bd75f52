"""nlp.pipe(n_process=2) when a worker fails: killed, raising, hung, or holding a value that
can't travel. Each ends in a WorkerError naming the document; the documents yielded before
it are exactly the ones before it, once each, in order; nothing ever hangs (the hang test
sets LEXLOOM_MP_TIMEOUT, every other failure is seen without one)."""
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time

import pytest
from lexloom.errors import (
    PipelineError,
    WorkerDiedError,
    WorkerError,
    WorkerExceptionError,
    WorkerSerializationError,
    WorkerTimeoutError,
)
from lexloom.language import Language
from lexloom.multiprocess import _timeout
from lexloom.util import ignore_error

import lexloom
from lexloom.tokens import Doc

Doc.set_extension("faults_payload", default=None, force=True)


@Language.component("faults_trouble")
def trouble(doc, mark: str = "seen"):
    """Misbehaves on the text that asks for it; marks every other Doc."""
    if doc.text.startswith("RAISE"):
        raise RuntimeError(f"failing on purpose: {doc.text}")
    if doc.text.startswith("KILL"):
        os.kill(os.getpid(), signal.SIGKILL)
    if doc.text.startswith("EXIT"):
        sys.exit(3)
    if doc.text.startswith("QUIT"):
        os._exit(0)
    if doc.text.startswith("HANG"):
        time.sleep(60)
    if doc.text.startswith("LOCK"):
        doc._.faults_payload = threading.Lock()
    if doc.text.startswith("FROZEN"):
        doc.user_data["frozen"] = gc.get_freeze_count()
    doc.user_data["mark"] = mark
    return doc


class _BatchRaiser:
    """A component that works on whole batches: the failing document isn't the last one
    it pulled from the input."""

    def __call__(self, doc):
        return next(self.pipe([doc]))

    def pipe(self, docs, batch_size=8):
        batch = []
        for doc in docs:
            batch.append(doc)
            if len(batch) == batch_size:
                yield from self._process(batch)
                batch = []
        yield from self._process(batch)

    def _process(self, batch):
        for doc in batch:
            if doc.text.startswith("RAISE"):
                raise RuntimeError("failing on purpose in a batch")
        yield from batch


@Language.factory("faults_batch_raiser")
def make_batch_raiser(nlp, name):
    return _BatchRaiser()


@pytest.fixture(autouse=True)
def fork_workers(monkeypatch):
    monkeypatch.setenv("LEXLOOM_MP_START_METHOD", "fork")
    monkeypatch.delenv("LEXLOOM_MP_TIMEOUT", raising=False)


@pytest.fixture
def nlp():
    nlp = lexloom.blank("en")
    nlp.add_pipe("faults_trouble")
    return nlp


def _texts(n, bad=None, at=None):
    texts = [f"document {i} says hello, world." for i in range(n)]
    if bad is not None:
        texts[at] = f"{bad} at {at}"
    return texts


def _consume(stream):
    """What a caller got before the error, and the error."""
    got = []
    with pytest.raises(WorkerError) as info:
        for item in stream:
            got.append(item)
    return got, info.value


def _no_workers_left():
    deadline = time.monotonic() + 5
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    return not multiprocessing.active_children()


def test_two_processes_match_one_on_200_docs(nlp):
    texts = [f"Text {i}: {'word ' * (i % 13)}ends here (really){'!' * (i % 3)}"
             for i in range(200)]
    one = list(nlp.pipe(texts, batch_size=7))
    two = list(nlp.pipe(texts, batch_size=7, n_process=2))
    assert [d.text for d in two] == texts
    assert [[t.text for t in d] for d in two] == [[t.text for t in d] for d in one]
    assert [d.user_data for d in two] == [d.user_data for d in one]
    assert all(d.vocab is nlp.vocab for d in two)
    assert _no_workers_left()


def test_worker_exception_names_the_doc_and_yields_the_prefix(nlp):
    texts = _texts(50, "RAISE", 23)
    got, err = _consume(nlp.pipe(texts, batch_size=5, n_process=2))
    assert isinstance(err, WorkerExceptionError) and isinstance(err, PipelineError)
    assert err.doc_index == 23 and err.first_unfinished == 23
    assert [d.text for d in got] == texts[:23]
    assert "document 23" in str(err) and "failing on purpose: RAISE at 23" in str(err)
    assert "Traceback" in str(err)
    assert _no_workers_left()


def test_sigkilled_worker_is_reported_not_waited_for(nlp):
    texts = _texts(60, "KILL", 17)
    got, err = _consume(nlp.pipe(texts, batch_size=4, n_process=2))
    assert isinstance(err, WorkerDiedError) and isinstance(err, ChildProcessError)
    assert "SIGKILL" in str(err)
    assert err.doc_index == 17
    assert err.first_unfinished <= 17
    assert [d.text for d in got] == texts[:err.first_unfinished]
    assert _no_workers_left()


def test_worker_exiting_is_reported(nlp):
    texts = _texts(40, "QUIT", 26)  # exit code 0, documents still in hand
    got, err = _consume(nlp.pipe(texts, batch_size=4, n_process=2))
    assert isinstance(err, WorkerDiedError) and "exit code 0" in str(err)
    assert err.doc_index == 26
    assert [d.text for d in got] == texts[:err.first_unfinished]
    texts = _texts(40, "EXIT", 5)  # SystemExit: not an Exception, still reported
    got, err = _consume(nlp.pipe(texts, batch_size=4, n_process=2))
    assert isinstance(err, WorkerExceptionError) and "SystemExit: 3" in str(err)
    assert err.doc_index == 5
    assert [d.text for d in got] == texts[:err.first_unfinished]


def test_hung_worker_times_out(nlp, monkeypatch):
    monkeypatch.setenv("LEXLOOM_MP_TIMEOUT", "2")
    texts = _texts(40, "HANG", 9)
    start = time.monotonic()
    got, err = _consume(nlp.pipe(texts, batch_size=3, n_process=2))
    assert time.monotonic() - start < 30
    assert isinstance(err, WorkerTimeoutError) and isinstance(err, TimeoutError)
    assert err.doc_index == 9 and err.first_unfinished <= 9
    assert "LEXLOOM_MP_TIMEOUT=2" in str(err)
    assert [d.text for d in got] == texts[:err.first_unfinished]
    assert _no_workers_left()


def test_slow_caller_is_not_a_hung_worker(nlp, monkeypatch):
    """Workers blocked on sending results while the caller is busy are not timed out."""
    monkeypatch.setenv("LEXLOOM_MP_TIMEOUT", "1")
    texts = [f"document {i} " + "with quite a few words in it, " * 12 for i in range(600)]
    got = []
    for doc in nlp.pipe(texts, batch_size=200, n_process=2):
        if not got:
            time.sleep(1.5)
        got.append(doc.text)
    assert got == texts


def test_unpackable_extension_value_names_the_extension(nlp):
    texts = _texts(30, "LOCK", 12)
    got, err = _consume(nlp.pipe(texts, batch_size=4, n_process=2))
    assert isinstance(err, WorkerSerializationError) and isinstance(err, TypeError)
    assert err.doc_index == 12 and err.first_unfinished == 12
    assert err.attribute == "faults_payload"
    assert "doc._.faults_payload" in str(err) and "[E871]" in str(err)   # spaCy's code
    assert [d.text for d in got] == texts[:12]


def test_unpackable_input_doc_is_reported_by_the_parent(nlp):
    texts = _texts(20)
    inputs = [nlp.make_doc(t) for t in texts]
    inputs[6]._.faults_payload = threading.Lock()
    got, err = _consume(nlp.pipe(inputs, batch_size=4, n_process=2))
    assert isinstance(err, WorkerSerializationError)
    assert err.doc_index == 6 and err.attribute == "faults_payload"
    assert [d.text for d in got] == texts[:6]


def test_doc_inputs_travel_with_their_extension_values(nlp):
    inputs = [nlp.make_doc(t) for t in _texts(25)]
    for i, doc in enumerate(inputs):
        doc._.faults_payload = {"i": i}
    docs = list(nlp.pipe(inputs, batch_size=4, n_process=2))
    assert [d._.faults_payload for d in docs] == [{"i": i} for i in range(25)]
    assert all(d.user_data["mark"] == "seen" for d in docs)


def test_forked_workers_never_collect_what_they_inherited(nlp):
    """The parent freezes its objects for the fork (a library's object freed in the worker,
    e.g. a Ray ObjectRef, could wait forever on a lock a parent thread held), then thaws."""
    before = gc.get_freeze_count()
    docs = list(nlp.pipe([f"FROZEN {i}" for i in range(8)], batch_size=2, n_process=2))
    assert all(doc.user_data["frozen"] > 0 for doc in docs)
    assert gc.get_freeze_count() == before


def test_as_tuples_with_plain_texts_is_the_same_clear_error_as_one_process(nlp):
    from lexloom.errors import TextError

    for n_process in (1, 2):
        with pytest.raises(TextError, match=r"as_tuples=True\) takes \(text, context\) pairs"):
            list(nlp.pipe(["a b", "c d"], as_tuples=True, n_process=n_process))


def test_as_tuples_keeps_unpicklable_contexts_in_order(nlp):
    texts = _texts(90)
    contexts = [(i, threading.Lock()) for i in range(90)]  # can't be pickled: never sent
    pairs = list(nlp.pipe(zip(texts, contexts), as_tuples=True, batch_size=6, n_process=2))
    assert [d.text for d, _ in pairs] == texts
    assert [c for _, c in pairs] == contexts


def test_as_tuples_prefix_before_a_failure_keeps_its_contexts(nlp):
    texts = _texts(40, "RAISE", 11)
    got, err = _consume(nlp.pipe(((t, i) for i, t in enumerate(texts)), as_tuples=True,
                                 batch_size=3, n_process=2))
    assert err.doc_index == 11
    assert [(d.text, c) for d, c in got] == [(t, i) for i, t in enumerate(texts[:11])]


def test_error_handler_that_returns_skips_the_doc_and_its_context(nlp):
    nlp.set_error_handler(ignore_error)
    texts = _texts(30)
    for i in (4, 5, 21):
        texts[i] = f"RAISE at {i}"
    pairs = list(nlp.pipe(((t, i) for i, t in enumerate(texts)), as_tuples=True,
                          batch_size=4, n_process=2))
    kept = [i for i in range(30) if i not in (4, 5, 21)]
    assert [c for _, c in pairs] == kept
    assert [d.text for d, _ in pairs] == [texts[i] for i in kept]


def test_batched_component_failure_names_the_exact_doc():
    nlp = lexloom.blank("en")
    nlp.add_pipe("faults_batch_raiser")
    texts = _texts(40, "RAISE", 13)
    got, err = _consume(nlp.pipe(texts, batch_size=10, n_process=2))
    assert isinstance(err, WorkerExceptionError)
    assert err.doc_index == 13 and err.first_unfinished == 13
    assert [d.text for d in got] == texts[:13]


def test_earliest_failure_wins(nlp):
    texts = _texts(60)
    texts[40] = "RAISE at 40"
    texts[10] = "KILL at 10"
    got, err = _consume(nlp.pipe(texts, batch_size=5, n_process=2))
    assert isinstance(err, WorkerDiedError) and err.doc_index == 10
    assert [d.text for d in got] == texts[:err.first_unfinished]


def test_component_cfg_reaches_the_workers(nlp):
    texts = _texts(20)
    docs = list(nlp.pipe(texts, batch_size=3, n_process=2,
                         component_cfg={"faults_trouble": {"mark": "from-cfg"}}))
    assert [d.user_data["mark"] for d in docs] == ["from-cfg"] * 20


def test_stopping_early_stops_the_workers(nlp):
    stream = nlp.pipe(_texts(500), batch_size=5, n_process=2)
    first = [next(stream) for _ in range(3)]
    stream.close()
    assert [d.text for d in first] == _texts(3)
    assert _no_workers_left()


def test_timeout_setting(monkeypatch):
    assert _timeout() is None
    monkeypatch.setenv("LEXLOOM_MP_TIMEOUT", "2.5")
    assert _timeout() == 2.5
    monkeypatch.setenv("LEXLOOM_MP_TIMEOUT", "soon")
    with pytest.raises(PipelineError, match="LEXLOOM_MP_TIMEOUT"):
        _timeout()


@pytest.mark.slow
def test_spawned_worker_kill_and_raise(nlp, monkeypatch):
    monkeypatch.setenv("LEXLOOM_MP_START_METHOD", "spawn")
    texts = _texts(30, "RAISE", 7)
    got, err = _consume(nlp.pipe(texts, batch_size=4, n_process=2))
    assert isinstance(err, WorkerExceptionError) and err.doc_index == 7
    assert [d.text for d in got] == texts[:7]
    texts = _texts(30, "KILL", 19)
    got, err = _consume(nlp.pipe(texts, batch_size=4, n_process=2))
    assert isinstance(err, WorkerDiedError) and err.doc_index == 19
    assert [d.text for d in got] == texts[:err.first_unfinished]
    nlp.set_error_handler(ignore_error)  # travels to spawned workers
    texts = _texts(12, "RAISE", 3)
    assert [d.text for d in nlp.pipe(texts, batch_size=4, n_process=2)] == \
        texts[:3] + texts[4:]


ORPHAN_SCRIPT = r"""
import sys, lexloom
nlp = lexloom.blank("en")
nlp.add_pipe("sentencizer")
def texts():
    while True:
        yield "An endless stream of text. " * 50
for i, _ in enumerate(nlp.pipe(texts(), n_process=2, batch_size=4)):
    if i == 20:
        import multiprocessing
        print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1][0] != "Z"  # a zombie is gone
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_when_the_parent_is_killed():
    """A parent killed with SIGKILL (a timeout, the OOM killer) leaves no workers behind,
    even while they are blocked sending results no one reads."""
    import subprocess

    parent = subprocess.Popen([sys.executable, "-c", ORPHAN_SCRIPT], stdout=subprocess.PIPE,
                              text=True)
    try:
        pids = [int(p) for p in parent.stdout.readline().split()]
        assert len(pids) >= 2
        time.sleep(1.0)  # the workers fill the result pipes and block
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 10
        while any(_alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [p for p in pids if _alive(p)]
    finally:
        parent.kill()
        for pid in pids if "pids" in locals() else []:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def test_texts_with_lone_surrogates_reach_the_workers():
    # nlp() and one-process nlp.pipe take them; the task's msgpack could not encode them
    import lexloom

    nlp = lexloom.blank("en")
    texts = ["a\ud800 b", "plain", "é \udfff"]
    docs = list(nlp.pipe(texts, n_process=2, batch_size=1))
    assert [d.text for d in docs] == texts
    assert [t.text for t in docs[0]] == [t.text for t in nlp(texts[0])]
