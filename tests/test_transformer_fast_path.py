"""The transformer's CPU inference fast path gives the plain path's outputs: spans in
padding-minimal sub-batches (sub_batches), the tokenizer's backend called directly; and the
opt-in int8 / bfloat16 CPU inference. Tiny random BERTs (config in memory, saved to tmp);
nothing is downloaded, nothing is timed."""
from __future__ import annotations

import itertools
import random
import warnings

import numpy
import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

import lexloom  # noqa: E402
from lexloom.errors import ConfigError, LexloomWarning  # noqa: E402

from _trf import make_tiny_bert  # noqa: E402

TEXTS = ["the cat sat .", "a dog runs on the mat and the cat sits on the other mat",
         "hello", "new york city is big ! apple buys a startup for $ 1 billion",
         "caf\u00e9 \u00e9t\u00e9 , i you he she it we they", "walking talked quickly",
         "some text with unknownwords xyz and 123"]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return make_tiny_bert(tmp_path_factory.mktemp("tiny-bert-fast"), hidden_size=32)


@pytest.fixture
def no_dtype_env(monkeypatch):
    """No environment override of the CPU inference dtype; one-time warnings reset."""
    from lexloom.transformers import model as trf_model

    monkeypatch.delenv("LEXLOOM_CPU_BF16", raising=False)
    monkeypatch.delenv("LEXLOOM_CPU_INFERENCE_DTYPE", raising=False)
    monkeypatch.setattr(trf_model, "_WARNED", set())
    monkeypatch.setattr(trf_model, "_WARNED_NO_NATIVE_BF16", False)


def make_nlp(name, cpu_inference_dtype=None, get_spans=None, **component):
    model = {"@architectures": "lexloom.TransformerModel.v3", "name": str(name),
             "get_spans": get_spans or {"@span_getters": "spacy-transformers.doc_spans.v1"}}
    if cpu_inference_dtype is not None:
        model["cpu_inference_dtype"] = cpu_inference_dtype
    nlp = lexloom.blank("en")
    nlp.add_pipe("transformer", config={"model": model, **component})
    nlp.initialize()
    return nlp


def hidden_rows(docs) -> list[numpy.ndarray]:
    """Per Doc, per span: the span's wordpiece rows of the last hidden state."""
    out = []
    for doc in docs:
        data = doc._.trf_data
        hidden = numpy.asarray(data.tensors[0])
        out.append([hidden[i, :length] for i, length in enumerate(data.wordpieces.lengths)])
    return out


# ---- sub-batches ----------------------------------------------------------------------------

def padded_cost(lengths, groups, group_cost):
    return sum(len(g) * max(lengths[i] for i in g) + group_cost for g in groups)


def brute_force_best(lengths, max_items, group_cost):
    """The cheapest cut of the sorted lengths into runs, trying every cut."""
    ordered = sorted(lengths)
    n = len(ordered)
    best = None
    for cuts in itertools.product([False, True], repeat=n - 1):
        runs, current = [], [ordered[0]]
        for cut, length in zip(cuts, ordered[1:]):
            if cut:
                runs.append(current)
                current = []
            current.append(length)
        runs.append(current)
        if any(len(r) * r[-1] > max_items and len(r) > 1 for r in runs):
            continue
        cost = sum(len(r) * r[-1] + group_cost for r in runs)
        best = cost if best is None else min(best, cost)
    return best


@pytest.mark.parametrize("seed", range(25))
def test_sub_batches_are_the_cheapest_cut_of_the_sorted_spans(seed):
    from lexloom.transformers.model import sub_batches

    rng = random.Random(seed)
    lengths = [rng.randint(1, 60) for _ in range(rng.randint(1, 10))]
    max_items, group_cost = rng.choice([50, 100, 4096]), rng.choice([0, 8, 32])
    groups = sub_batches(lengths, max_items, group_cost)
    assert sorted(i for g in groups for i in g.tolist()) == list(range(len(lengths)))
    assert [lengths[i] for g in groups for i in g.tolist()] == sorted(lengths)
    for group in groups:
        assert len(group) == 1 or len(group) * max(lengths[i] for i in group) <= max_items
    assert padded_cost(lengths, groups, group_cost) == brute_force_best(lengths, max_items,
                                                                        group_cost)


def test_a_gpu_makes_fewer_larger_model_calls_than_a_cpu():
    """A model call costs more on a GPU (kernel launches), so the same spans are cut into
    fewer sub-batches there, at the price of a little more padding."""
    from lexloom.transformers.model import sub_batch_cost, sub_batches

    lengths = numpy.random.default_rng(1).integers(5, 128, size=64).tolist()

    def calls_and_padded(device):
        groups = sub_batches(lengths, 4096, sub_batch_cost(device))
        padded = sum(len(g) * max(lengths[i] for i in g) for g in groups)
        return len(groups), padded

    cpu_calls, cpu_padded = calls_and_padded("cpu")
    gpu_calls, gpu_padded = calls_and_padded("cuda")
    assert gpu_calls < cpu_calls
    assert cpu_padded <= gpu_padded
    assert sorted(numpy.concatenate(sub_batches(lengths, 4096, sub_batch_cost("cuda")))) \
        == list(range(64))


def test_sub_batches_pad_less_than_greedy_packing_on_mixed_lengths():
    from lexloom.transformers.model import sub_batches

    lengths = [8, 14, 20, 26, 35, 47, 54, 64, 74, 94, 115, 140, 147, 154, 161, 182] * 5
    groups = sub_batches(lengths, 4096, group_cost=0)
    padded = sum(len(g) * max(lengths[i] for i in g) for g in groups)
    assert padded < 1.1 * sum(lengths)
    assert sub_batches([], 4096) == []


# ---- the fast path against the plain path -----------------------------------------------------

def test_sub_batched_outputs_equal_each_span_run_alone(tiny, no_dtype_env):
    """Every span's hidden states equal the HF model's on that span alone, unpadded."""
    import torch

    nlp = make_nlp(tiny, get_spans={"@span_getters": "spacy-transformers.strided_spans.v1",
                                    "window": 6, "stride": 4})
    docs = list(nlp.pipe(TEXTS, batch_size=len(TEXTS)))
    hf_model = nlp.get_pipe("transformer").model.transformer
    n_spans = 0
    for doc, rows in zip(docs, hidden_rows(docs)):
        wordpieces = doc._.trf_data.wordpieces
        assert len(wordpieces.strings) == len(rows) > 0
        for i, got in enumerate(rows):
            ids = torch.from_numpy(numpy.asarray(wordpieces.input_ids[i, :len(got)]))
            with torch.inference_mode():
                want = hf_model(input_ids=ids[None]).last_hidden_state[0].numpy()
            numpy.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)
            n_spans += 1
    assert n_spans > len(TEXTS)  # strided: several spans per long Doc


def test_outputs_do_not_depend_on_the_sub_batching(tiny, no_dtype_env, monkeypatch):
    """The padding-minimal cut gives the same hidden states as one sub-batch padded to the
    longest span (spacy-transformers' way)."""
    from lexloom.transformers import model as trf_model

    nlp = make_nlp(tiny)
    fast = hidden_rows(nlp.pipe(TEXTS, batch_size=len(TEXTS)))
    monkeypatch.setattr(trf_model, "sub_batches",
                        lambda lengths, max_items, cost: [numpy.arange(len(lengths))])
    plain = hidden_rows(nlp.pipe(TEXTS, batch_size=len(TEXTS)))
    for doc_fast, doc_plain in zip(fast, plain):
        for a, b in zip(doc_fast, doc_plain):
            numpy.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)


def test_direct_backend_tokenization_equals_the_wrapper_call(tiny, monkeypatch):
    from lexloom.transformers import model as trf_model

    nlp = make_nlp(tiny)
    model = nlp.get_pipe("transformer").model
    spans = [doc[:] for doc in nlp.pipe(TEXTS)]
    calls = []
    direct = trf_model._encode_batch_directly

    def spy(tokenizer, texts):
        out = direct(tokenizer, texts)
        calls.append(out is not None)
        return out

    monkeypatch.setattr(trf_model, "_encode_batch_directly", spy)
    fast = trf_model._tokenize_spans(model, spans)
    assert calls == [True]
    monkeypatch.setattr(trf_model, "_encode_batch_directly", lambda tokenizer, texts: None)
    plain = trf_model._tokenize_spans(model, spans)
    assert len(fast) == len(plain) == len(spans)
    for a, b in zip(fast, plain):
        assert a["ids"] == b["ids"] and a["strings"] == b["strings"]
        assert a["type_ids"] == b["type_ids"]
        numpy.testing.assert_array_equal(a["starts"], b["starts"])
        numpy.testing.assert_array_equal(a["ends"], b["ends"])


def test_direct_tokenization_steps_aside_when_the_backend_truncates(tiny):
    from lexloom.transformers.model import _encode_batch_directly

    nlp = make_nlp(tiny)
    tokenizer = nlp.get_pipe("transformer").model.tokenizer
    tokenizer.backend_tokenizer.enable_truncation(max_length=4)
    try:
        assert _encode_batch_directly(tokenizer, ["the cat sat on the mat"]) is None
        doc = nlp("the cat sat on the mat")  # the wrapper call resets the backend
        assert len(doc._.trf_data.wordpieces.strings[0]) == 8
        assert _encode_batch_directly(tokenizer, ["the cat"]) is not None
    finally:
        tokenizer.backend_tokenizer.no_truncation()


# ---- int8 and bfloat16 CPU inference (opt-in) -------------------------------------------------

def cosines(a: numpy.ndarray, b: numpy.ndarray) -> numpy.ndarray:
    return (a * b).sum(1) / (numpy.linalg.norm(a, axis=1) * numpy.linalg.norm(b, axis=1))


def flat(docs) -> numpy.ndarray:
    return numpy.concatenate([r for doc in hidden_rows(docs) for r in doc])


def test_int8_setting_runs_a_quantized_copy_close_to_float32(tiny, no_dtype_env):
    import torch

    from lexloom.transformers.model import cpu_supports_int8, shim_of

    if not cpu_supports_int8():
        pytest.skip("this torch has no quantised CPU engine")
    exact = flat(make_nlp(tiny).pipe(TEXTS))
    nlp = make_nlp(tiny, "int8")
    model = nlp.get_pipe("transformer").model
    assert model.cpu_inference_dtype == "int8"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # torch's quantisation notices are kept quiet
        fast = flat(nlp.pipe(TEXTS))
    shim = shim_of(model)
    quantized = shim._int8_model
    assert quantized is not None and quantized is not shim._model
    dynamic = torch.ao.nn.quantized.dynamic.Linear
    assert any(isinstance(m, dynamic) for m in quantized.modules())
    assert not any(type(m) is torch.nn.Linear for m in quantized.modules())
    # the float model itself is untouched (training uses it)
    assert not any(isinstance(m, dynamic) for m in shim._model.modules())
    assert fast.dtype == numpy.float32 and fast.shape == exact.shape
    assert not numpy.array_equal(fast, exact)
    assert cosines(exact, fast).min() > 0.99
    flat(nlp.pipe(TEXTS))
    assert shim._int8_model is quantized  # made once


def test_int8_copy_is_made_again_after_the_weights_change(tiny, no_dtype_env):
    from thinc.api import Adam

    from lexloom.transformers.model import cpu_supports_int8, shim_of

    if not cpu_supports_int8():
        pytest.skip("this torch has no quantised CPU engine")
    nlp = make_nlp(tiny, "int8")
    model = nlp.get_pipe("transformer").model
    before = flat(nlp.pipe(TEXTS[:2]))
    shim = shim_of(model)
    assert shim._int8_model is not None
    batch, backprop = model.begin_update([nlp.make_doc(TEXTS[0])])
    backprop(numpy.ones_like(batch.model_output.last_hidden_state))
    model.finish_update(Adam(0.1))
    assert shim._int8_model is None
    after = flat(nlp.pipe(TEXTS[:2]))
    assert shim._int8_model is not None and not numpy.allclose(before, after)


def test_int8_can_be_switched_on_by_the_environment(tiny, no_dtype_env, monkeypatch):
    from lexloom.transformers.model import cpu_inference_mode, cpu_supports_int8, shim_of

    if not cpu_supports_int8():
        pytest.skip("this torch has no quantised CPU engine")
    nlp = make_nlp(tiny)  # the config says float32
    exact = flat(nlp.pipe(TEXTS))
    monkeypatch.setenv("LEXLOOM_CPU_INFERENCE_DTYPE", "int8")
    assert cpu_inference_mode("float32") == "int8"
    fast = flat(nlp.pipe(TEXTS))
    assert shim_of(nlp.get_pipe("transformer").model)._int8_model is not None
    assert cosines(exact, fast).min() > 0.99
    monkeypatch.setenv("LEXLOOM_CPU_INFERENCE_DTYPE", "float32")
    numpy.testing.assert_allclose(flat(nlp.pipe(TEXTS)), exact, rtol=1e-5, atol=1e-6)


def test_int8_without_a_quantized_engine_is_float32_with_one_warning(tiny, no_dtype_env,
                                                                     monkeypatch):
    from lexloom.transformers import model as trf_model

    monkeypatch.setattr(trf_model, "cpu_supports_int8", lambda: False)
    with pytest.warns(LexloomWarning, match="int8.*float32"):
        assert trf_model.cpu_inference_mode("int8") == "float32"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # once per process
        assert trf_model.cpu_inference_mode("int8") == "float32"


@pytest.mark.parametrize("env,bf16_env,config,expected", [
    ("", "", "float32", "float32"), ("", "", "int8", "int8"), ("", "", "bfloat16", "bfloat16"),
    ("int8", "", "float32", "int8"), ("float32", "", "int8", "float32"),
    ("bfloat16", "0", "float32", "bfloat16"), ("", "1", "int8", "bfloat16"),
    ("int8", "1", "float32", "int8"), ("", "0", "int8", "float32")])
def test_environment_overrides_the_config(no_dtype_env, monkeypatch, env, bf16_env, config,
                                          expected):
    """LEXLOOM_CPU_INFERENCE_DTYPE first, then LEXLOOM_CPU_BF16, then the config."""
    from lexloom.transformers import model as trf_model

    monkeypatch.setattr(trf_model, "cpu_supports_bf16", lambda: True)
    monkeypatch.setattr(trf_model, "cpu_supports_int8", lambda: True)
    monkeypatch.setenv("LEXLOOM_CPU_INFERENCE_DTYPE", env)
    monkeypatch.setenv("LEXLOOM_CPU_BF16", bf16_env)
    assert trf_model.cpu_inference_mode(config) == expected


def test_bad_environment_value_is_a_config_error(no_dtype_env, monkeypatch):
    from lexloom.transformers.model import cpu_inference_mode

    monkeypatch.setenv("LEXLOOM_CPU_INFERENCE_DTYPE", "float16")
    with pytest.raises(ConfigError, match="LEXLOOM_CPU_INFERENCE_DTYPE='float16'.*int8"):
        cpu_inference_mode()


def test_bfloat16_by_the_environment_runs_under_bf16_autocast(tiny, no_dtype_env,
                                                               monkeypatch):
    import torch

    from lexloom.transformers import model as trf_model

    monkeypatch.setattr(trf_model, "cpu_supports_bf16", lambda: True)  # emulated if need be
    nlp = make_nlp(tiny)
    exact = flat(nlp.pipe(TEXTS))
    seen = []
    hook = nlp.get_pipe("transformer").model.transformer.register_forward_pre_hook(
        lambda module, args: seen.append(torch.is_autocast_enabled("cpu")))
    monkeypatch.setenv("LEXLOOM_CPU_INFERENCE_DTYPE", "bfloat16")
    try:
        fast = flat(nlp.pipe(TEXTS, batch_size=len(TEXTS)))
    finally:
        hook.remove()
    assert seen and all(seen)
    assert cosines(exact, fast).min() > 0.99


def test_the_options_are_documented():
    from pathlib import Path

    from lexloom.transformers import model as trf_model

    for text in (trf_model.__doc__, trf_model.TransformerModel_v3.__doc__):
        for word in ("int8", "bfloat16", "LEXLOOM_CPU_INFERENCE_DTYPE"):
            assert word in text
    readme = Path(__file__).resolve().parents[1] / "README.md"
    if readme.exists():
        text = readme.read_text(encoding="utf-8")
        assert 'cpu_inference_dtype = "int8"' in text or '"cpu_inference_dtype": "int8"' in text
        assert "LEXLOOM_CPU_INFERENCE_DTYPE" in text
