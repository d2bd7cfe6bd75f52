"""Threads sharing one transformer pipeline: what one thread sets up or changes in the shared
model and tokenizer must not reach another thread's call half-done (races a stress run of
4 threads on a MiniLM pipeline found; each test below makes its race certain, with a delay,
instead of waiting for it)."""
from __future__ import annotations

import threading
import time
import warnings

import pytest

import lexloom
from _trf import make_tiny_bert

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return make_tiny_bert(tmp_path_factory.mktemp("tiny-bert-threads"))


def transformer_model(tiny):
    nlp = lexloom.blank("en")
    nlp.add_pipe("transformer", config={"model": {
        "name": str(tiny), "get_spans": {"@span_getters": "spacy-transformers.doc_spans.v1"}}})
    nlp.initialize()
    return nlp, nlp.get_pipe("transformer").model


def test_the_blas_swap_of_a_shared_model_lasts_until_its_last_user_is_done():
    from lexloom.transformers.cpu_linear import blas_linears

    model = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.Linear(3, 2))
    swapped = lambda: ["forward" in m.__dict__ for m in model]  # noqa: E731
    first, second = blas_linears(model), blas_linears(model)
    first.__enter__()
    second.__enter__()   # another thread's call starts while the first is running
    assert swapped() == [True, True]
    first.__exit__(None, None, None)   # the first call ends: the second is still running
    assert swapped() == [True, True]
    second.__exit__(None, None, None)
    assert swapped() == [False, False]


def test_threads_asking_for_the_int8_model_at_once_quantise_it_once(tiny, monkeypatch):
    import torch.ao.quantization as quantization

    from lexloom.transformers.model import shim_of

    shim = shim_of(transformer_model(tiny)[1])
    real = quantization.quantize_dynamic
    calls = []

    def slow_quantize(*args, **kwargs):
        calls.append(1)
        time.sleep(0.2)   # other threads arrive while this one quantises
        return real(*args, **kwargs)

    monkeypatch.setattr(quantization, "quantize_dynamic", slow_quantize)
    filters_before = list(warnings.filters)
    barrier, got = threading.Barrier(4), []

    def ask():
        barrier.wait()
        got.append(shim._quantized())

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(calls) == 1 and len(got) == 4 and all(model is got[0] for model in got)
    # the warnings filter set around quantize_dynamic is gone again
    assert list(warnings.filters) == filters_before


class _SlowEncoding:
    """A fast tokenizer's Rust backend whose encode_batch waits before encoding, so that
    another thread can act in between (every other attribute is the real backend's)."""

    def __init__(self, real, started: threading.Event):
        self.__dict__.update(_real=real, _started=started)

    def __getattr__(self, name):
        return getattr(self._real, name)

    def __setattr__(self, name, value):
        setattr(self._real, name, value)

    def encode_batch(self, *args, **kwargs):
        self._started.set()
        time.sleep(0.3)
        return self._real.encode_batch(*args, **kwargs)


def test_one_threads_truncation_does_not_cut_another_threads_span(tiny):
    from lexloom.transformers.model import _tokenize_spans, shim_of

    nlp, model = transformer_model(tiny)
    shim = shim_of(model)
    long_span = nlp.make_doc(" ".join(["the cat sat"] * 40))[:]   # 120 words, 64 fit
    whole = len(_tokenize_spans(model, [long_span])[0]["ids"])
    assert whole > shim.max_length
    started = threading.Event()
    shim.tokenizer._tokenizer = _SlowEncoding(shim.tokenizer._tokenizer, started)
    result = {}

    def tokenize(key, truncate):
        result[key] = len(_tokenize_spans(model, [long_span], truncate=truncate)[0]["ids"])

    untruncated = threading.Thread(target=tokenize, args=("whole", False))
    untruncated.start()
    assert started.wait(timeout=30)
    # while the first thread encodes, another one asks for a truncated span
    truncated = threading.Thread(target=tokenize, args=("cut", True))
    truncated.start()
    untruncated.join(timeout=60)
    truncated.join(timeout=60)
    assert result == {"whole": whole, "cut": shim.max_length}
