"""BERT-family encoders at float32 CPU inference, with lexloom's attention kernel.

For the spans a span getter makes (tens to ~200 wordpieces) and small heads (32-64), torch's
CPU attention runs at a fraction of the rate of the products around it, and transformers'
layers copy q, k, v and the context between layouts. `run_encoder(model, inputs)` runs the
model's own modules (embeddings, the q / k / v, output, intermediate and pooler layers, their
weights as they are) and replaces only the attention's core by
lexloom.transformers._attention.self_attention, which reads q, k and v as the products write
them and writes the context as the output product reads it. Where the Linear layers run on
packed weights (cpu_linear) and a layer's intermediate block is BERT's dense + exact GELU,
the GELU is applied in the product's own pass (cpu_linear.linear_gelu).

Only where it computes what the model's forward computes: a model with BERT's layer structure
(BERT, RoBERTa, XLM-R, CamemBERT, ELECTRA, MiniLM, ...), absolute positions, no decoder or
cross-attention, no extra outputs asked for, heads the vectorised kernel handles on this CPU,
and right-padded inputs. On first use the runner is checked against the model's own forward on
that input; a model that doesn't match (an architecture with the same attribute names but
other arithmetic) keeps its own forward. Everything else (training, GPU, bfloat16, int8, other
architectures) never comes here. LEXLOOM_CPU_ATTENTION=torch turns it off.
"""
from __future__ import annotations

import logging
import os
import threading
import weakref
from typing import Any, Callable

logger = logging.getLogger("lexloom")

ENV = "LEXLOOM_CPU_ATTENTION"
_MODES = ("native", "torch")

# model -> (runner, the class of its forward's output, whether that sets pooler_output), or
# None where the model keeps its own forward
_RUNNERS: "weakref.WeakKeyDictionary[Any, tuple | None]" = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()
_INPUT_NAMES = frozenset({"input_ids", "attention_mask", "token_type_ids"})


def enabled() -> bool:
    """Whether LEXLOOM_CPU_ATTENTION (unset: "native") lets the kernel run."""
    mode = os.environ.get(ENV, "") or "native"
    if mode not in _MODES:
        from ..errors import ConfigError

        raise ConfigError(f"{ENV}={mode!r} is not allowed; set it to 'native' (lexloom's CPU "
                          "attention kernel for BERT-family encoders) or 'torch' (the model's "
                          "own attention), or unset it.")
    return mode == "native"


def run_encoder(model, kwargs: dict) -> Any | None:
    """The model's output for `kwargs` through the runner, or None where the model's own
    forward must compute it (then nothing was computed). Call under torch.inference_mode."""
    if not enabled() or set(kwargs) - _INPUT_NAMES or "input_ids" not in kwargs:
        return None
    config = getattr(model, "config", None)
    if (model.training or getattr(config, "output_attentions", False)
            or getattr(config, "output_hidden_states", False)):
        return None  # dropout on, or outputs the runner doesn't make
    with _LOCK:
        known = model in _RUNNERS
        entry = _RUNNERS.get(model)
    if not known:
        runner = _build(model)
        output = _matching_output(model, runner, kwargs) if runner is not None else None
        entry = (runner, *output) if output is not None else None
        with _LOCK:
            _RUNNERS[model] = entry
    if entry is None:
        return None
    runner, cls, has_pooler = entry
    computed = runner(**kwargs)
    if computed is None:
        return None
    sequence, pooled = computed
    if has_pooler:
        return cls(last_hidden_state=sequence, pooler_output=pooled)
    return cls(last_hidden_state=sequence)


def _build(model) -> Callable | None:
    """A runner for `model`'s structure, or None where it isn't one the runner covers."""
    import torch

    from ._attention import fast_available, self_attention

    config = getattr(model, "config", None)
    embeddings = getattr(model, "embeddings", None)
    layers = getattr(getattr(model, "encoder", None), "layer", None)
    if config is None or embeddings is None or not layers or model.training:
        return None
    if getattr(config, "is_decoder", False) or getattr(config, "add_cross_attention", False):
        return None
    if getattr(config, "position_embedding_type", "absolute") != "absolute":
        return None
    parts = []
    for layer in layers:
        attention = getattr(layer, "attention", None)
        core = getattr(attention, "self", None)
        linears = [getattr(core, name, None) for name in ("query", "key", "value")]
        if not all(isinstance(lin, torch.nn.Linear) for lin in linears):
            return None
        heads = getattr(core, "num_attention_heads", 0)
        head_dim = getattr(core, "attention_head_size", 0)
        width = linears[0].out_features
        if (not heads or heads * head_dim != width or not fast_available(head_dim)
                or getattr(core, "position_embedding_type", "absolute") != "absolute"
                or getattr(layer, "crossattention", None) is not None
                or any(lin.weight.dtype != torch.float32 or lin.weight.device.type != "cpu"
                       for lin in linears)):
            return None
        after = [getattr(attention, "output", None), getattr(layer, "intermediate", None),
                 getattr(layer, "output", None)]
        if any(module is None for module in after):
            return None
        parts.append((*linears, heads, head_dim ** -0.5, *after, _is_dense_gelu(after[1])))
    project = getattr(model, "embeddings_project", None)  # ELECTRA's embedding -> hidden
    pooler = getattr(model, "pooler", None)

    from .cpu_linear import linear_gelu

    def runner(input_ids, attention_mask=None, token_type_ids=None):
        batch, length = input_ids.shape
        if attention_mask is None:
            lengths = torch.full((batch,), length, dtype=torch.int64)
        else:
            real = attention_mask != 0
            lengths = real.sum(dim=1)
            prefix = torch.arange(length)[None, :] < lengths[:, None]
            if not bool(torch.equal(real, prefix)) or bool((lengths == 0).any()):
                return None  # not right padding: the model's own forward
        hidden = embeddings(input_ids=input_ids, token_type_ids=token_type_ids)
        if project is not None:
            hidden = project(hidden)
        lengths_np = lengths.numpy()
        threads = torch.get_num_threads()  # as many as torch's own attention would use
        x = hidden.reshape(batch * length, hidden.shape[-1])
        for (query, key, value, heads, scale, self_output, intermediate, output,
             dense_gelu) in parts:
            q, k, v = query(x), key(x), value(x)
            context = torch.empty_like(q)
            self_attention(q.numpy(), k.numpy(), v.numpy(), lengths_np, heads, scale,
                           context.numpy(), True, threads)
            del q, k, v  # freed before the feed-forward's larger products, as in transformers
            attended = self_output(context, x)
            # the GELU in the product's own pass where its weights are packed
            widened = linear_gelu(intermediate.dense, attended) if dense_gelu else None
            if widened is None:
                widened = intermediate(attended)
            x = output(widened, attended)
        sequence = x.reshape(batch, length, x.shape[-1])
        return sequence, (pooler(sequence) if pooler is not None else None)

    return runner


def _is_dense_gelu(intermediate) -> bool:
    """Whether a layer's intermediate block is BERT's: an nn.Linear `dense`, then the exact
    GELU (transformers' GELUActivation calling torch's gelu), nothing else; its forward is
    checked on a small input against those two modules called in turn, bit for bit."""
    import torch

    act = getattr(intermediate, "intermediate_act_fn", None)
    dense = getattr(intermediate, "dense", None)
    if (type(act).__name__ != "GELUActivation" or getattr(act, "act", None)
            is not torch.nn.functional.gelu or type(dense) is not torch.nn.Linear
            or set(dict(intermediate.named_children())) - {"dense", "intermediate_act_fn"}):
        return False
    gen = torch.Generator().manual_seed(0)
    sample = torch.randn(3, dense.in_features, generator=gen)
    try:
        with torch.inference_mode():
            return bool(torch.equal(intermediate(sample), act(dense(sample))))
    except Exception:  # another signature: not BERT's block
        return False


def _matching_output(model, runner, kwargs: dict) -> tuple | None:
    """(the class of the model's output, whether it sets pooler_output) when the runner
    gives the model's own outputs on (up to 4 rows of) this input to float32 rounding, else
    None."""
    import torch

    sample = {name: value[:4] for name, value in kwargs.items() if value is not None}
    try:
        expected = model(**sample)
        computed = runner(**sample)
    except Exception as e:  # an unexpected layer signature: the model keeps its forward
        logger.debug("lexloom's CPU attention doesn't run %s: %s", type(model).__name__, e)
        return None
    if computed is None or not hasattr(expected, "last_hidden_state"):
        return None
    names = {name for name, value in expected.items() if value is not None}
    has_pooler = "pooler_output" in names
    if names - {"last_hidden_state", "pooler_output"} or (has_pooler and computed[1] is None):
        return None
    pairs = [(expected.last_hidden_state, computed[0])]
    if has_pooler:
        pairs.append((expected.pooler_output, computed[1]))
    mask = sample.get("attention_mask")
    for want, got in pairs:
        if want.shape != got.shape:
            return None
        if want.dim() == 3 and mask is not None:  # padded positions aren't compared
            keep = (mask != 0)[..., None]
            want, got = want * keep, got * keep
        if not torch.allclose(want, got, rtol=1e-3, atol=1e-4):
            logger.debug("lexloom's CPU attention doesn't match %s's forward (max diff %g): "
                         "the model keeps its own", type(model).__name__,
                         float((want - got).abs().max()))
            return None
    return type(expected), has_pooler
