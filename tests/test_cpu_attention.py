"""lexloom's CPU self-attention kernel (csrc/lexloom/attention.cc) against torch's attention,
and the BERT-family encoder runner (lexloom.transformers.cpu_encoder) against the models' own
forward: the same outputs to float32 rounding, and the model's own forward wherever the runner
doesn't compute the same thing."""
from __future__ import annotations

import numpy
import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

import lexloom  # noqa: E402
from lexloom.errors import ConfigError, ModelError  # noqa: E402
from lexloom.transformers import cpu_encoder  # noqa: E402
from lexloom.transformers._attention import fast_available, self_attention  # noqa: E402

from _trf import make_tiny_bert  # noqa: E402


def torch_attention(q, k, v, lengths, heads, scale=None):
    """softmax(scale * q k^T + key mask) v with torch (scale 1 / sqrt(head_dim) unless
    given), in the kernel's row layout."""
    rows, width = q.shape
    batch = len(lengths)
    length, head_dim = rows // batch, width // heads

    def split(x):
        return torch.from_numpy(x).view(batch, length, heads, head_dim).transpose(1, 2)

    keep = torch.arange(length)[None, :] < torch.tensor(lengths)[:, None]
    mask = torch.zeros(batch, 1, 1, length)
    mask[~keep[:, None, None, :]] = float("-inf")
    out = torch.nn.functional.scaled_dot_product_attention(split(q), split(k), split(v),
                                                           attn_mask=mask, scale=scale)
    return out.transpose(1, 2).reshape(rows, width).numpy()


@pytest.mark.parametrize("vectorized", [True, False])
@pytest.mark.parametrize("batch,length,heads,head_dim", [
    (1, 1, 1, 16), (3, 7, 2, 16), (4, 61, 12, 32), (2, 130, 3, 64), (5, 33, 3, 48),
    (2, 20, 2, 128), (2, 9, 2, 24), (2, 17, 1, 8)])
def test_kernel_equals_torch_attention(batch, length, heads, head_dim, vectorized):
    rng = numpy.random.default_rng(batch * 1000 + length)
    width = heads * head_dim
    q, k, v = (rng.standard_normal((batch * length, width), dtype=numpy.float32) * 2
               for _ in range(3))
    lengths = rng.integers(1, length + 1, batch)
    lengths[0] = length
    out = numpy.full((batch * length, width), numpy.nan, dtype=numpy.float32)
    self_attention(q, k, v, lengths, heads, head_dim ** -0.5, out, vectorized)
    numpy.testing.assert_allclose(out, torch_attention(q, k, v, lengths, heads),
                                  rtol=1e-5, atol=1e-5)


def test_kernel_reads_strided_rows_of_one_fused_product():
    """q, k and v as column blocks of one (rows, 3 * width) array: rows 3 * width apart."""
    rng = numpy.random.default_rng(1)
    batch, length, heads, head_dim = 3, 21, 4, 32
    width = heads * head_dim
    fused = rng.standard_normal((batch * length, 3 * width), dtype=numpy.float32)
    q, k, v = fused[:, :width], fused[:, width:2 * width], fused[:, 2 * width:]
    lengths = numpy.array([21, 5, 13])
    out = numpy.empty((batch * length, width), dtype=numpy.float32)
    self_attention(q, k, v, lengths, heads, 0.3, out)
    want = torch_attention(*(numpy.ascontiguousarray(x) for x in (q, k, v)), lengths, heads,
                           scale=0.3)
    numpy.testing.assert_allclose(out, want, rtol=1e-5, atol=1e-5)
    split = numpy.empty_like(out)
    self_attention(q, k, v, lengths, heads, 0.3, split, True, 4)  # over up to 4 threads
    assert numpy.array_equal(split, out)


def test_the_vectorised_kernel_runs_where_the_cpu_has_it():
    assert not fast_available(24) and not fast_available(0) and not fast_available(144)
    if fast_available(32):
        assert fast_available(16) and fast_available(64) and fast_available(128)


@pytest.mark.parametrize("change,message", [
    (lambda a: dict(a, q=a["q"].astype("float64")), "float32"),
    (lambda a: dict(a, k=a["k"][:-1]), "shape"),
    (lambda a: dict(a, v=numpy.asfortranarray(a["v"])), "contiguous"),
    (lambda a: dict(a, key_lengths=[4, 0]), "key length"),
    (lambda a: dict(a, key_lengths=[4, 5]), "key length"),
    (lambda a: dict(a, key_lengths=[4, 4, 4]), "sequences"),
    (lambda a: dict(a, key_lengths=[]), "non-empty"),
    (lambda a: dict(a, heads=3), "sequences"),
])
def test_kernel_arguments_are_checked(change, message):
    rng = numpy.random.default_rng(2)
    args = {name: rng.standard_normal((8, 32), dtype=numpy.float32) for name in "qkv"}
    args.update(key_lengths=[4, 2], heads=2, scale=0.25,
                out=numpy.empty((8, 32), dtype=numpy.float32))
    args = change(args)
    with pytest.raises(ModelError, match=message):
        self_attention(args["q"], args["k"], args["v"], args["key_lengths"], args["heads"],
                       args["scale"], args["out"])
    read_only = numpy.empty((8, 32), dtype=numpy.float32)
    read_only.flags.writeable = False
    with pytest.raises(ModelError, match="read-only"):
        self_attention(*(rng.standard_normal((8, 32), dtype=numpy.float32) for _ in "qkv"),
                       [4, 4], 2, 0.25, read_only)


needs_kernel = pytest.mark.skipif(not fast_available(32),
                                  reason="the vectorised kernel needs AVX-512")


def tiny_models():
    """Random BERT-family models with 32-wide heads (the runner's case), built in memory."""
    common = dict(vocab_size=120, hidden_size=64, num_hidden_layers=2, num_attention_heads=2,
                  intermediate_size=96, max_position_embeddings=80)
    torch.manual_seed(0)
    return {
        "bert": transformers.BertModel(transformers.BertConfig(**common, type_vocab_size=2)),
        "roberta": transformers.RobertaModel(transformers.RobertaConfig(
            **common, pad_token_id=1)),
        "electra": transformers.ElectraModel(transformers.ElectraConfig(
            **common, embedding_size=48)),
    }


def inputs(batch_lengths, length, seed=0, token_types=False):
    gen = torch.Generator().manual_seed(seed)
    ids = torch.randint(5, 120, (len(batch_lengths), length), generator=gen)
    mask = (torch.arange(length)[None, :] < torch.tensor(batch_lengths)[:, None]).long()
    ids = ids * mask + (1 - mask)  # pad id 1 (RoBERTa's) after each span
    kwargs = {"input_ids": ids, "attention_mask": mask}
    if token_types:
        kwargs["token_type_ids"] = torch.randint(0, 2, ids.shape, generator=gen)
    return kwargs


@pytest.fixture(autouse=True)
def native_attention(monkeypatch):
    monkeypatch.delenv(cpu_encoder.ENV, raising=False)


@needs_kernel
@pytest.mark.parametrize("name", ["bert", "roberta", "electra"])
def test_runner_gives_the_models_own_outputs(name):
    model = tiny_models()[name].eval()
    for seed, lengths in enumerate([[30, 7, 19, 1, 30], [12], [40, 40]]):
        kwargs = inputs(lengths, max(lengths), seed, token_types=(name == "bert"))
        with torch.inference_mode():
            want = model(**kwargs)
            got = cpu_encoder.run_encoder(model, kwargs)
        assert got is not None and type(got) is type(want)
        assert sorted(k for k, v in got.items()) == sorted(k for k, v in want.items())
        keep = kwargs["attention_mask"][..., None].bool()
        torch.testing.assert_close(got.last_hidden_state * keep, want.last_hidden_state * keep,
                                   rtol=1e-4, atol=1e-5)
        if want.get("pooler_output") is not None:
            torch.testing.assert_close(got.pooler_output, want.pooler_output,
                                       rtol=1e-4, atol=1e-5)
    assert cpu_encoder._RUNNERS.get(model) is not None


@needs_kernel
def test_runner_steps_aside_where_it_would_compute_something_else(monkeypatch):
    model = tiny_models()["bert"].eval()
    kwargs = inputs([9, 4], 9)
    with torch.inference_mode():
        assert cpu_encoder.run_encoder(model, kwargs) is not None
        left_padded = dict(kwargs, attention_mask=kwargs["attention_mask"].flip(1))
        assert cpu_encoder.run_encoder(model, left_padded) is None
        assert cpu_encoder.run_encoder(model, dict(kwargs, head_mask=None)) is None
        model.config.output_hidden_states = True
        assert cpu_encoder.run_encoder(model, kwargs) is None
        model.config.output_hidden_states = False
        model.train()
        assert cpu_encoder.run_encoder(model, kwargs) is None
        model.eval()
        monkeypatch.setenv(cpu_encoder.ENV, "torch")
        assert cpu_encoder.run_encoder(model, kwargs) is None
        monkeypatch.setenv(cpu_encoder.ENV, "fast")
        with pytest.raises(ConfigError, match="LEXLOOM_CPU_ATTENTION"):
            cpu_encoder.run_encoder(model, kwargs)


@needs_kernel
def test_a_model_with_other_arithmetic_keeps_its_own_forward():
    """Same attribute names, another attention: the first-use check finds the difference."""
    model = tiny_models()["bert"].eval()
    core = model.encoder.layer[0].attention.self
    original = type(core).forward

    def doubled_scores(self, hidden_states, *args, **kwargs):
        with torch.no_grad():
            self.query.weight.mul_(2)
        try:
            return original(self, hidden_states, *args, **kwargs)
        finally:
            with torch.no_grad():
                self.query.weight.div_(2)

    core.forward = doubled_scores.__get__(core)
    with torch.inference_mode():
        assert cpu_encoder.run_encoder(model, inputs([8, 3], 8)) is None
    assert model in cpu_encoder._RUNNERS and cpu_encoder._RUNNERS[model] is None


@needs_kernel
def test_the_gelu_runs_in_the_packed_products_pass_and_gives_the_models_outputs(monkeypatch):
    from lexloom import blas
    from lexloom.transformers import cpu_linear

    if not blas.has_packed_kernel():
        pytest.skip("the fused GELU needs the packed AVX-512 kernel")
    model = tiny_models()["bert"].eval()
    fused = []
    real = cpu_linear.linear_gelu

    def counted(module, x):
        out = real(module, x)
        fused.append(out is not None)
        return out

    monkeypatch.setattr(cpu_linear, "linear_gelu", counted)   # before the runner is built
    kwargs = inputs([30, 7, 19], 30, token_types=True)
    with torch.inference_mode():
        want = model(**kwargs)
        with cpu_linear.blas_linears(model, packed=True):
            got = cpu_encoder.run_encoder(model, kwargs)
    assert fused and all(fused)
    keep = kwargs["attention_mask"][..., None].bool()
    torch.testing.assert_close(got.last_hidden_state * keep, want.last_hidden_state * keep,
                               rtol=1e-4, atol=1e-5)
    # without packed weights the layer and the activation run as the model's own
    assert real(model.encoder.layer[0].intermediate.dense, torch.randn(2, 64)) is None


def test_only_bert_s_dense_then_exact_gelu_block_is_fused():
    blocks = {act: transformers.BertModel(transformers.BertConfig(
        vocab_size=50, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=32, hidden_act=act)).encoder.layer[0].intermediate
        for act in ("gelu", "gelu_new", "relu")}
    assert cpu_encoder._is_dense_gelu(blocks["gelu"])
    assert not cpu_encoder._is_dense_gelu(blocks["gelu_new"])   # the tanh approximation
    assert not cpu_encoder._is_dense_gelu(blocks["relu"])
    block = blocks["gelu"]
    block.forward = lambda x: block.intermediate_act_fn(block.dense(x)) * 2  # other arithmetic
    assert not cpu_encoder._is_dense_gelu(block)


def test_other_structures_keep_their_own_forward():
    config = transformers.DistilBertConfig(vocab_size=120, dim=64, n_layers=1, n_heads=2,
                                           hidden_dim=96, max_position_embeddings=80)
    model = transformers.DistilBertModel(config).eval()
    with torch.inference_mode():
        assert cpu_encoder.run_encoder(model, inputs([5, 3], 5)) is None


@needs_kernel
def test_pipeline_annotations_are_the_same_with_either_attention(tmp_path, monkeypatch):
    path = make_tiny_bert(tmp_path / "bert", hidden_size=64, max_positions=128)
    nlp = lexloom.blank("en")
    nlp.add_pipe("transformer", config={"model": {"name": str(path)}})
    ner = nlp.add_pipe("ner")
    for label in ("PER", "ORG", "LOC"):
        ner.add_label(label)
    nlp.initialize()
    texts = ["The cat sat on the mat.", "hello world", "new york city lives in apple " * 6,
             "a", "she buys a startup for $ 1 billion !"]
    runs = {}
    for mode in ("torch", "native"):
        monkeypatch.setenv(cpu_encoder.ENV, mode)
        runs[mode] = list(nlp.pipe(texts, batch_size=3))
    for a, b in zip(runs["torch"], runs["native"]):
        assert [(e.start, e.end, e.label_) for e in a.ents] == \
            [(e.start, e.end, e.label_) for e in b.ents]
        numpy.testing.assert_allclose(b._.trf_data.model_output.last_hidden_state,
                                      a._.trf_data.model_output.last_hidden_state,
                                      rtol=1e-4, atol=1e-5)
    hf = [m for m in nlp.get_pipe("transformer").model.walk() if m.shims]
    assert any(cpu_encoder._RUNNERS.get(shim._model) is not None
               for m in hf for shim in m.shims)
