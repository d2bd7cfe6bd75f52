"""TransformerModel v1-v3: a Hugging Face model as a Thinc layer, Docs in,
FullTransformerBatch out.

The tree is spacy-transformers 1.4's, so its `model` files load in both libraries: a
"transformer" node (dim nO: the hidden width; saved attrs name, has_transformer,
flush_cache_chance) whose one layer is the "hf-pytorch" node (dims nI, nO, unset) holding
the HFShim (hf_shim.py), which saves the config, tokenizer and torch weights.

One forward pass: the span getter picks spans; the tokenizer turns them into wordpieces
(one call for the batch); a span longer than the model's maximum input is cut at token
boundaries into windows that fit (with a warning) — never truncated; the Doc tokens are
aligned to wordpieces by character offsets (native). Then the hf-pytorch layer runs the
spans, sorted by length, in sub-batches of at most `max_batch_items` padded wordpieces, so
little compute goes to padding (sub_batches), and on GPU a sub-batch that runs out of
memory is halved and retried. The outputs are put back in span order, padded to the longest
span.

CPU inference is float32, so a pipeline annotates the same on every machine. The setting
`cpu_inference_dtype` (of lexloom.TransformerModel.v3 and lexloom.Tok2VecTransformer.v3; the
spacy-transformers names keep spacy-transformers' arguments) opts in to a faster, slightly
less exact CPU inference: "bfloat16" runs it under bfloat16 autocast where the CPU has native
bfloat16, "int8" runs a dynamically quantised copy of the model (torch's quantize_dynamic:
int8 weights and activations in every nn.Linear; made once, again after the weights change).
The environment variable LEXLOOM_CPU_INFERENCE_DTYPE (float32 / bfloat16 / int8), or the
older LEXLOOM_CPU_BF16=1 / 0, overrides every model's setting (cpu_inference_mode). The
setting lives in the config, not in the saved `model` file: a saved pipeline keeps it in
config.cfg, and editing config.cfg changes it. Training is float32 on CPU either way.
"""
from __future__ import annotations

import threading
import warnings
from typing import Any, Callable

import numpy
from thinc.api import Model
from thinc.types import ArgsKwargs, Ragged

from ..errors import ConfigError, LexloomWarning, TransformerError
from ..registry import register
from .data import (FullTransformerBatch, HFObjects, ModelOutput, WordpieceBatch, as_torch_output,
                   last_hidden_grad)
from .hf_shim import HFShim
from .util import log_batch_size, log_gpu_memory, maybe_flush_pytorch_cache

DEFAULT_MAX_BATCH_ITEMS = 4096
CPU_INFERENCE_DTYPES = ("float32", "bfloat16", "int8")
# _tokenize_spans: Hugging Face fast tokenizers keep their truncation setting in shared state
_FAST_TOKENIZER_LOCK = threading.Lock()


class TransformerModel(Model):
    """A Hugging Face transformer (`name`: a local folder or a model in the HF cache; never
    downloaded) reading the spans `get_spans` picks. The model loads in initialize(), or
    from a saved pipeline, so building a config never touches the weights. A Model with
    spacy-transformers' properties: `transformer` (the torch model), `tokenizer`."""

    __slots__ = ()  # a thinc Model's layout, so a copy can take this class

    def __init__(self, name: str, get_spans: Callable, tokenizer_config: dict = {},
                 transformer_config: dict = {}, mixed_precision: bool = False,
                 grad_scaler_config: dict = {}, cpu_inference_dtype: str = "float32"):
        from .tok2vec import replace_listener, replace_listener_cfg

        shim = HFShim(None, mixed_precision=mixed_precision,
                      grad_scaler_config=grad_scaler_config,
                      tokenizer_config=tokenizer_config, transformer_config=transformer_config,
                      cpu_inference_dtype=check_cpu_inference_dtype(cpu_inference_dtype))
        wrapper = Model("hf-pytorch", _run_model, shims=[shim],
                        dims={"nI": None, "nO": None},
                        attrs={"convert_inputs": _convert_inputs,
                               "convert_outputs": _convert_outputs})
        super().__init__("transformer", _forward, init=_init, layers=[wrapper],
                         dims={"nO": None},
                         attrs={"get_spans": get_spans, "name": name,
                                "set_transformer": set_transformer, "has_transformer": False,
                                "flush_cache_chance": 0.0,
                                "replace_listener": replace_listener,
                                "replace_listener_cfg": replace_listener_cfg})

    @property
    def tokenizer(self):
        return shim_of(self).tokenizer

    @property
    def transformer(self):
        return shim_of(self)._model

    @property
    def cpu_inference_dtype(self) -> str:
        """The config's setting ("float32", "bfloat16" or "int8");
        LEXLOOM_CPU_INFERENCE_DTYPE / LEXLOOM_CPU_BF16 override it (cpu_inference_mode)."""
        return shim_of(self).cpu_inference_dtype

    @property
    def _init_tokenizer_config(self) -> dict:
        return shim_of(self).tokenizer_config

    @property
    def _init_transformer_config(self) -> dict:
        return shim_of(self).transformer_config

    def copy(self) -> "TransformerModel":
        """A deep copy (weights, tokenizer, dims, attrs) that is a TransformerModel too."""
        copied = Model.copy(self)
        copied.__class__ = TransformerModel
        return copied


@register("architectures", "lexloom.TransformerModel.v3")
def TransformerModel_v3(name: str, get_spans: Callable, tokenizer_config: dict = {},
                        transformer_config: dict = {}, mixed_precision: bool = False,
                        grad_scaler_config: dict = {},
                        cpu_inference_dtype: str = "float32") -> Model:
    """The transformer, weights in its hf-pytorch layer (see the module docstring).

    cpu_inference_dtype: "float32" (the default: the same outputs on every machine, and as
    spacy-transformers); "bfloat16": CPU inference under bfloat16 autocast where the CPU
    has native bfloat16 (AVX512-BF16 or AMX): ~1.7x the words/s, hidden states within a
    few 1e-2 of float32's, so a few annotations change (benchmarks/README.md); elsewhere
    float32, with a warning; "int8": CPU inference with a dynamically quantised copy of
    the model (int8 nn.Linear layers, torch.ao.quantization.quantize_dynamic): ~1.5-2x the
    words/s on any x86 or ARM CPU, a few annotations change. LEXLOOM_CPU_INFERENCE_DTYPE
    (or LEXLOOM_CPU_BF16 "1" / "0") overrides it. Training (begin_update) on CPU stays
    float32 either way; on GPU `mixed_precision` decides, for inference and training."""
    return TransformerModel(name, get_spans, tokenizer_config, transformer_config,
                            mixed_precision, grad_scaler_config, cpu_inference_dtype)


@register("architectures", "spacy-transformers.TransformerModel.v3")
def spacy_transformers_TransformerModel_v3(
        name: str, get_spans: Callable, tokenizer_config: dict = {},
        transformer_config: dict = {}, mixed_precision: bool = False,
        grad_scaler_config: dict = {}) -> Model:
    """lexloom.TransformerModel.v3 with spacy-transformers' arguments, no more: a saved
    config holds every argument's value, and spacy-transformers refuses one it doesn't know,
    so a pipeline built with this name keeps loading in spaCy. CPU inference is float32
    unless LEXLOOM_CPU_INFERENCE_DTYPE (or LEXLOOM_CPU_BF16=1) says otherwise."""
    return TransformerModel(name, get_spans, tokenizer_config, transformer_config,
                            mixed_precision, grad_scaler_config)


@register("architectures", "lexloom.TransformerModel.v2",
          "spacy-transformers.TransformerModel.v2")
def TransformerModel_v2(name: str, get_spans: Callable, tokenizer_config: dict = {},
                        transformer_config: dict = {}) -> Model:
    """v3 without mixed precision (same tree, same weights)."""
    return TransformerModel(name, get_spans, tokenizer_config, transformer_config)


@register("architectures", "lexloom.TransformerModel.v1",
          "spacy-transformers.TransformerModel.v1")
def TransformerModel_v1(name: str, get_spans: Callable, tokenizer_config: dict = {}) -> Model:
    """v2 without transformer settings (same tree, same weights)."""
    return TransformerModel(name, get_spans, tokenizer_config)


# ---- loading ------------------------------------------------------------------------------

def shim_of(model: Model) -> HFShim:
    """The HFShim of a TransformerModel (on its hf-pytorch layer)."""
    return model.layers[0].shims[0]


def _init(model: Model, X=None, Y=None) -> Model:
    if is_loaded(model):
        return model  # loaded already (from disk, or an earlier initialize)
    from .hf import load_pretrained

    shim = shim_of(model)
    hf_model, tokenizer = load_pretrained(model.attrs["name"], shim.tokenizer_config,
                                          shim.transformer_config)
    # the settings the model was made with, as spacy-transformers records them (and saves
    # them with the component)
    shim.transformer_config = {**shim.transformer_config, "return_dict": True}
    model.attrs["set_transformer"](model, HFObjects(tokenizer, hf_model))
    return model


def check_cpu_inference_dtype(value: Any) -> str:
    """`value` if it is one of CPU_INFERENCE_DTYPES, else a ConfigError that lists them."""
    if isinstance(value, str) and value in CPU_INFERENCE_DTYPES:
        return value
    raise ConfigError(
        f"The transformer model's cpu_inference_dtype = {value!r} is not allowed; "
        f"use one of {', '.join(repr(v) for v in CPU_INFERENCE_DTYPES)}. \"float32\" (the "
        "default) gives the same outputs on every machine; \"bfloat16\" runs CPU inference "
        "faster where the CPU has native bfloat16 (AVX512-BF16 or AMX), and \"int8\" "
        "(dynamic quantisation of the Linear layers) on any CPU, with outputs that differ "
        "slightly.")


def cpu_inference_mode(cpu_inference_dtype: str = "float32") -> str:
    """What a model configured with `cpu_inference_dtype` runs CPU inference in now:
    "float32", "bfloat16" or "int8". The environment overrides the config when set:
    LEXLOOM_CPU_INFERENCE_DTYPE (one of CPU_INFERENCE_DTYPES), else LEXLOOM_CPU_BF16 ("1"
    bfloat16, "0" float32); unset or empty, the config decides. bfloat16 runs only where
    the CPU has native support (cpu_supports_bf16), int8 only where torch has a quantised
    engine (cpu_supports_int8); where one was asked for and can't run, inference is float32
    and a warning says so, once per process. Read on every forward pass, so each model
    follows its own config; only the CPU probes are cached."""
    import os

    env = os.environ.get("LEXLOOM_CPU_INFERENCE_DTYPE", "")
    if env and env not in CPU_INFERENCE_DTYPES:
        raise ConfigError(f"LEXLOOM_CPU_INFERENCE_DTYPE={env!r} is not allowed; set it to one "
                          f"of {', '.join(CPU_INFERENCE_DTYPES)}, or unset it to follow each "
                          "transformer model's cpu_inference_dtype setting.")
    bf16_env = os.environ.get("LEXLOOM_CPU_BF16", "")
    if bf16_env not in ("", "0", "1"):
        raise ConfigError(f"LEXLOOM_CPU_BF16={bf16_env!r} is not allowed; set it to 1 (bfloat16 "
                          "CPU inference) or 0 (float32), or unset it to follow each "
                          "transformer model's cpu_inference_dtype setting.")
    if env:
        wanted, asked_by = env, f"LEXLOOM_CPU_INFERENCE_DTYPE={env}"
    elif bf16_env:
        wanted = {"1": "bfloat16", "0": "float32"}[bf16_env]
        asked_by = f"LEXLOOM_CPU_BF16={bf16_env}"
    else:
        wanted, asked_by = cpu_inference_dtype, f'cpu_inference_dtype = "{cpu_inference_dtype}"'
    if wanted == "bfloat16" and not cpu_supports_bf16():
        _warn_no_native_bf16(asked_by)
        return "float32"
    if wanted == "int8" and not cpu_supports_int8():
        _warn_once("int8", f"[lexloom] {asked_by} asks for int8 CPU inference, but this torch "
                           "has no quantised CPU engine (fbgemm, x86 or qnnpack): the "
                           "transformer runs in float32.")
        return "float32"
    return wanted


def cpu_bf16_enabled(cpu_inference_dtype: str = "float32") -> bool:
    """Whether a model configured with `cpu_inference_dtype` runs CPU inference in bfloat16
    now (cpu_inference_mode)."""
    return cpu_inference_mode(cpu_inference_dtype) == "bfloat16"


def cpu_supports_int8() -> bool:
    """Whether torch can run dynamically quantised Linear layers on this CPU."""
    import torch

    engines = set(torch.backends.quantized.supported_engines)
    return bool(engines & {"fbgemm", "x86", "qnnpack", "onednn"})


_WARNED: set[str] = set()


def _warn_once(key: str, message: str) -> None:
    if key not in _WARNED:
        _WARNED.add(key)
        warnings.warn(message, LexloomWarning, stacklevel=4)


_CPU_SUPPORTS_BF16: bool | None = None
_WARNED_NO_NATIVE_BF16 = False


def cpu_supports_bf16() -> bool:
    """Whether this CPU runs bfloat16 natively (AVX512-BF16 or AMX, and torch's oneDNN can
    use it); elsewhere bfloat16 is emulated and slower than float32. Probed once."""
    global _CPU_SUPPORTS_BF16
    if _CPU_SUPPORTS_BF16 is None:
        import torch

        try:
            _CPU_SUPPORTS_BF16 = bool(torch.ops.mkldnn._is_mkldnn_bf16_supported()) and \
                _cpu_has_native_bf16()
        except (AttributeError, RuntimeError):
            _CPU_SUPPORTS_BF16 = False
    return _CPU_SUPPORTS_BF16


def _warn_no_native_bf16(asked_by: str) -> None:
    global _WARNED_NO_NATIVE_BF16
    if _WARNED_NO_NATIVE_BF16:
        return
    _WARNED_NO_NATIVE_BF16 = True
    warnings.warn(
        f"[lexloom] {asked_by} asks for bfloat16 CPU inference, but this CPU has no native "
        "bfloat16 (AVX512-BF16 or AMX), where it would be slower than float32: the "
        "transformer runs in float32.", LexloomWarning)


def _cpu_has_native_bf16() -> bool:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            flags = f.read()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def is_loaded(model: Model) -> bool:
    return bool(model.layers) and bool(model.layers[0].shims) and \
        shim_of(model)._model is not None


def set_transformer(model: Model, hf_objects: HFObjects) -> None:
    """The `set_transformer` attr (spacy-transformers' protocol): put a loaded torch model
    and its tokenizer into the Thinc model."""
    shim_of(model).set_model(hf_objects.transformer, hf_objects.tokenizer)
    model.attrs["has_transformer"] = True
    _set_width(model)


def _hidden_width(config) -> int:
    return getattr(config, "hidden_size", None) or getattr(config, "d_model")


def _set_width(model: Model) -> None:
    width = _hidden_width(shim_of(model)._model.config)
    if not model.has_dim("nO") or model.get_dim("nO") != width:
        model._dims["nO"] = width


def hf_model_of(model: Model):
    if not is_loaded(model):
        raise TransformerError("The transformer model isn't loaded yet: call "
                               "nlp.initialize() (it loads the weights named by `name`), or "
                               "load a saved pipeline with lexloom.load.")
    if not model.has_dim("nO"):
        _set_width(model)
    return shim_of(model)._model


# ---- forward ------------------------------------------------------------------------------

def _forward(model: Model, docs: list, is_train: bool):
    hf_model_of(model)
    nested = _get_spans(model, docs)
    pieces = _tokenize_spans(model, [span for spans in nested for span in spans])
    nested, pieces = _split_oversize(model, nested, pieces)
    seq_len = max((len(p["ids"]) for p in pieces), default=0)
    wordpieces = _pad(model, pieces, seq_len)
    align = _align(docs, nested, pieces, seq_len)
    maybe_flush_pytorch_cache(model.attrs.get("flush_cache_chance", 0.0))
    logger = model.attrs.get("logger")   # layers.transformer_model.set_logger
    if logger is not None:
        log_gpu_memory(logger, "begin forward")
        log_batch_size(logger, wordpieces, is_train)
    output, backprop_model = model.layers[0](wordpieces, is_train)
    if logger is not None:
        log_gpu_memory(logger, "after forward")
    batch = FullTransformerBatch(spans=nested, wordpieces=wordpieces,
                                 model_output=as_torch_output(output), align=align,
                                 doc_lengths=[len(doc) for doc in docs])

    def backprop(d_last_hidden) -> list:
        # (a FullTransformerBatch from unsplit_by_doc, as spacy-transformers' layers give)
        if logger is not None:
            log_gpu_memory(logger, "begin backprop")
        backprop_model(last_hidden_grad(d_last_hidden))
        if logger is not None:
            log_gpu_memory(logger, "after backprop")
        return []

    return batch, backprop


def _get_spans(model: Model, docs: list) -> list[list]:
    nested = model.attrs["get_spans"](docs)
    if not isinstance(nested, (list, tuple)) or len(nested) != len(docs):
        raise TransformerError(
            f"The span getter returned {type(nested).__name__} of length "
            f"{len(nested) if hasattr(nested, '__len__') else '?'} for {len(docs)} Docs; it "
            "must return one list of Spans per Doc.")
    out = []
    for doc, spans in zip(docs, nested):
        spans = list(spans)
        for span in spans:
            if getattr(span, "doc", None) is not doc:
                raise TransformerError("The span getter returned a Span that is not from the "
                                       "Doc at the same position in the batch; return "
                                       "doc[start:end] slices of each Doc.")
        out.append([span for span in spans if len(span)])
    return out


def _tokenize_spans(model: Model, spans: list, truncate: bool = False) -> list[dict]:
    """Per span: piece ids, piece strings, token type ids, and the pieces' character offsets
    in the Doc (specials: empty spans)."""
    if not spans:
        return []
    tokenizer = shim_of(model).tokenizer
    texts = [span.text for span in spans]
    kwargs: dict[str, Any] = dict(add_special_tokens=True, padding=False,
                                  return_attention_mask=False, return_token_type_ids=True,
                                  verbose=False)
    if truncate:
        kwargs.update(truncation=True, max_length=shim_of(model).max_length)
    else:
        kwargs["truncation"] = False
    if getattr(tokenizer, "is_fast", False):
        # The wrapper sets truncation on the Rust tokenizer it shares between threads, and
        # the direct path reads that setting: one thread at a time, or a span truncated for
        # one thread reaches the model whole in another (or one is cut that shouldn't be).
        with _FAST_TOKENIZER_LOCK:
            encodings = None if truncate else _encode_batch_directly(tokenizer, texts)
            if encodings is None:
                encodings = tokenizer(texts, return_offsets_mapping=True, **kwargs).encodings
        out = []
        unk_id = getattr(tokenizer, "unk_token_id", None)
        for i, span in enumerate(spans):
            encoding = encodings[i]
            offsets = numpy.asarray(encoding.offsets, dtype="int32").reshape(-1, 2)
            specials = numpy.asarray(encoding.special_tokens_mask, dtype=bool)
            offsets[specials] = 0
            ids, strings = encoding.ids, encoding.tokens
            if unk_id is not None and unk_id in ids:
                # a Unigram tokenizer's encoding keeps the text of an unknown piece; the
                # piece is its vocabulary's unknown token, as spacy-transformers shows it
                strings = [tokenizer.unk_token if id_ == unk_id else string
                           for id_, string in zip(ids, strings)]
            out.append(_piece_record(span, ids, strings, encoding.type_ids, offsets))
        return out
    return [_tokenize_slow(model, span, kwargs) for span in spans]


def _encode_batch_directly(tokenizer, texts: list[str]):
    """The fast tokenizer's Rust encodings of `texts` (specials added, nothing truncated or
    padded) from its backend in one call, skipping the wrapper's conversion of every
    encoding to Python lists (which lexloom doesn't use); None when the backend is set to
    truncate, pad or split special tokens otherwise than the wrapper would (the wrapper
    call then sets it right, and the next batch comes here)."""
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is None or backend.truncation is not None or backend.padding is not None:
        return None
    split = bool(getattr(tokenizer, "split_special_tokens", False))
    if bool(getattr(backend, "encode_special_tokens", False)) != split:
        return None
    return backend.encode_batch(texts, add_special_tokens=True)


def _tokenize_slow(model: Model, span, kwargs: dict) -> dict:
    from .alignment import piece_offsets_by_chars

    tokenizer = shim_of(model).tokenizer
    encoded = tokenizer(span.text, **kwargs)
    ids = list(encoded["input_ids"])
    strings = tokenizer.convert_ids_to_tokens(ids)
    specials = numpy.asarray(tokenizer.get_special_tokens_mask(
        ids, already_has_special_tokens=True), dtype=bool)
    word_pieces = [s for s, special in zip(strings, specials) if not special]
    lowercase = bool(getattr(tokenizer, "do_lower_case", False))
    starts, ends = piece_offsets_by_chars(span.text, word_pieces, lowercase=lowercase)
    offsets = numpy.zeros((len(ids), 2), dtype="int32")
    offsets[~specials, 0] = starts
    offsets[~specials, 1] = ends
    type_ids = encoded.get("token_type_ids") or [0] * len(ids)
    return _piece_record(span, ids, strings, type_ids, offsets)


def _piece_record(span, ids, strings, type_ids, offsets: numpy.ndarray) -> dict:
    empty = offsets[:, 0] == offsets[:, 1]
    starts = offsets[:, 0] + span.start_char
    ends = offsets[:, 1] + span.start_char
    starts[empty] = 0
    ends[empty] = 0
    return {"ids": list(ids), "strings": list(strings), "type_ids": list(type_ids),
            "starts": starts.astype("int32"), "ends": ends.astype("int32")}


def _token_offsets(doc) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Each token's character range for alignment: its text plus the whitespace character
    after it, as spacy-transformers counts it, so a piece whose offsets take in the space
    before a word (byte-level BPE without trimmed offsets: "Ġword") also feeds the token
    before it, and the same model gives the same token vectors in both libraries."""
    array = doc.to_array(["IDX", "LENGTH", "SPACY"]).astype("int64")
    starts = array[:, 0].astype("int32")
    return starts, (array[:, 0] + array[:, 1] + (array[:, 2] != 0)).astype("int32")


def _split_oversize(model: Model, nested: list[list], pieces: list[dict]):
    """Cut every span with more wordpieces than the model takes into consecutive token
    windows that fit, and tokenize those instead (warning once per batch)."""
    max_length = shim_of(model).max_length
    if all(len(p["ids"]) <= max_length for p in pieces):
        return nested, pieces
    new_nested, new_pieces = [], []
    n_split = 0
    i = 0
    for spans in nested:
        doc_spans = []
        doc_pieces = []
        for span in spans:
            record = pieces[i]
            i += 1
            if len(record["ids"]) <= max_length:
                doc_spans.append(span)
                doc_pieces.append(record)
                continue
            n_split += 1
            windows, windowed = _fitting_windows(model, span, record, max_length)
            doc_spans.extend(windows)
            doc_pieces.extend(windowed)
        new_nested.append(doc_spans)
        new_pieces.extend(doc_pieces)
    warnings.warn(
        f"[lexloom] {n_split} span(s) had more wordpieces than the transformer's maximum "
        f"input of {max_length}; each was split into windows that fit, and their outputs "
        "were recombined (nothing was truncated). Use a span getter with shorter spans "
        "(e.g. spacy-transformers.strided_spans.v1) to choose the windows yourself.",
        LexloomWarning, stacklevel=3)
    return new_nested, new_pieces


def _fitting_windows(model: Model, span, record: dict, max_length: int):
    """(windows, their pieces): `span` cut by _windows, and a window that still tokenizes
    to more than max_length pieces on its own (its first word, without the space before
    it, can take more pieces) cut again; one token too long for the model is truncated."""
    spans, records = [], []
    windows = _windows(model, span, record, max_length)
    for window, piece in zip(windows, _tokenize_spans(model, windows, truncate=False)):
        if len(piece["ids"]) <= max_length:
            spans.append(window)
            records.append(piece)
        elif 1 < len(window) < len(span):
            more_spans, more_records = _fitting_windows(model, window, piece, max_length)
            spans.extend(more_spans)
            records.extend(more_records)
        else:
            spans.append(window)
            records.extend(_tokenize_spans(model, [window], truncate=True))
    return spans, records


def _windows(model: Model, span, record: dict, max_length: int) -> list:
    """Consecutive sub-spans of `span` whose pieces (plus the specials) fit. Each piece
    counts for the token its start falls in; one with empty offsets that is no special (a
    byte-level BPE's lone "Ġ") for the token of the next piece that has offsets."""
    doc = span.doc
    ids = numpy.asarray(record["ids"])
    starts = numpy.asarray(record["starts"])
    empty = starts == numpy.asarray(record["ends"])
    special_ids = list(getattr(shim_of(model).tokenizer, "all_special_ids", None) or ())
    special = empty & numpy.isin(ids, special_ids)
    n_specials = int(special.sum())
    token_starts = _token_offsets(doc)[0][span.start:span.end]
    owner = numpy.searchsorted(token_starts, starts, side="right") - 1
    # the next piece with offsets (itself where it has them), backwards from the end
    order = numpy.arange(len(ids))
    following = numpy.minimum.accumulate(numpy.where(empty, len(ids), order)[::-1])[::-1]
    owner = numpy.append(owner, len(span) - 1)[following]
    lengths = numpy.bincount(numpy.clip(owner[~special], 0, len(span) - 1),
                             minlength=len(span))
    budget = max(1, max_length - n_specials)
    cumulative = numpy.cumsum(lengths.astype("int64"))
    windows = []
    start = 0
    n = len(span)
    while start < n:
        before = cumulative[start - 1] if start else 0
        end = int(numpy.searchsorted(cumulative, before + budget, side="right"))
        end = max(end, start + 1)  # one token longer than the budget: its own window
        windows.append(doc[span.start + start:span.start + end])
        start = end
    return windows


def _pad(model: Model, pieces: list[dict], seq_len: int) -> WordpieceBatch:
    tokenizer = shim_of(model).tokenizer
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    n = len(pieces)
    input_ids = numpy.full((n, seq_len), pad_id, dtype="int64")
    mask = numpy.zeros((n, seq_len), dtype="float32")   # spacy-transformers' dtype (asarray2f)
    type_ids = numpy.zeros((n, seq_len), dtype="int64")
    for i, record in enumerate(pieces):
        k = len(record["ids"])
        input_ids[i, :k] = record["ids"]
        mask[i, :k] = 1
        type_ids[i, :k] = record["type_ids"]
    # the strings padded as the ids are, with the pad token's string (spacy-transformers
    # reads them back from the padded ids)
    pad = tokenizer.pad_token if tokenizer.pad_token is not None else ""
    strings = [list(p["strings"]) + [pad] * (seq_len - len(p["strings"])) for p in pieces]
    return WordpieceBatch(strings=strings, input_ids=input_ids,
                          attention_mask=mask, lengths=[len(p["ids"]) for p in pieces],
                          token_type_ids=type_ids)


def _align(docs: list, nested: list[list], pieces: list[dict], seq_len: int) -> Ragged:
    """Every Doc token (Doc after Doc) -> the rows of the flattened (n_spans * seq_len)
    output it covers; a token seen by several spans gets the rows of each. One native
    alignment per Doc, over the pieces of all its spans."""
    from .alignment import align_by_offsets

    all_lengths = []
    all_indices = []
    row = 0
    for doc, spans in zip(docs, nested):
        if not spans:
            all_lengths.append(numpy.zeros(len(doc), dtype="int32"))
            continue
        records = pieces[row:row + len(spans)]
        starts = numpy.concatenate([r["starts"] for r in records])
        ends = numpy.concatenate([r["ends"] for r in records])
        flat_rows = numpy.concatenate([
            (row + i) * seq_len + numpy.arange(len(r["ids"]), dtype="int64")
            for i, r in enumerate(records)])
        row += len(spans)
        token_starts, token_ends = _token_offsets(doc)
        lengths, indices = align_by_offsets(token_starts, token_ends, starts, ends)
        all_lengths.append(numpy.asarray(lengths, dtype="int32"))
        all_indices.append(flat_rows[numpy.asarray(indices, dtype="int64")])
    lengths = numpy.concatenate(all_lengths) if all_lengths else numpy.zeros(0, "int32")
    indices = numpy.concatenate(all_indices) if all_indices else numpy.zeros(0, "int64")
    return Ragged(indices.astype("int32"), lengths.astype("int32"))


# ---- running the model in sub-batches -----------------------------------------------------

# The cost of one more sub-batch (a model call), in padded wordpieces. On a CPU: ~40 torch
# ops, each with Python and dispatch overhead, and less efficient matrix products on fewer
# rows (measured). On a GPU a call's ~100 kernel launches (and autocast's weight casts) take
# about as long as computing a thousand wordpieces, so it makes few large calls (estimated;
# gpu_check.py's pipelines part measures it against the CPU's cost).
SUB_BATCH_COST = 32
GPU_SUB_BATCH_COST = 1024


def sub_batch_cost(device_type: str) -> int:
    """SUB_BATCH_COST on a CPU, GPU_SUB_BATCH_COST on any other torch device."""
    return SUB_BATCH_COST if device_type == "cpu" else GPU_SUB_BATCH_COST


def sub_batches(lengths: list[int], max_items: int,
                group_cost: int = SUB_BATCH_COST) -> list[numpy.ndarray]:
    """Span indices grouped for the model: sorted by wordpiece count, then cut into runs of
    consecutive spans so that the padded wordpieces computed (spans in a run x its longest
    span), plus `group_cost` per run, are fewest (dynamic programming over the sorted
    lengths), with (spans in a run) x (its longest span) within `max_items` (a longer span:
    a run of its own). Padding to the whole batch's longest span, as spacy-transformers does,
    computes ~2.5x the wordpieces on documents of mixed lengths; packing greedily up to
    `max_items` still ~1.4x."""
    if not len(lengths):
        return []
    order = numpy.argsort(numpy.asarray(lengths), kind="stable")
    ordered = numpy.asarray(lengths, dtype="int64")[order]
    n = len(ordered)
    best = numpy.zeros(n + 1, dtype="int64")  # best[j]: cost of the first j spans
    cut = numpy.zeros(n + 1, dtype="int64")   # where the last run of the first j starts
    for j in range(1, n + 1):
        longest = int(ordered[j - 1])
        most = max(1, max_items // max(longest, 1))  # spans a run ending at j may hold
        first = max(0, j - most)
        starts = numpy.arange(first, j)
        costs = best[first:j] + (j - starts) * longest + group_cost
        k = int(numpy.argmin(costs))
        best[j] = costs[k]
        cut[j] = first + k
    groups = []
    j = n
    while j > 0:
        groups.append(order[cut[j]:j])
        j = int(cut[j])
    return [g.astype("int64") for g in reversed(groups)]


def _run_model(model: Model, wordpieces: WordpieceBatch, is_train: bool):
    """The hf-pytorch layer: WordpieceBatch in, ModelOutput out (arrays, span order). Each
    sub-batch goes through the layer's convert_inputs, the shim and convert_outputs, as in
    thinc's PyTorchWrapper."""
    import torch

    shim = model.shims[0]
    if shim.device.type == "cpu":
        from .. import blas

        blas.share_cores_with_torch()
    convert_inputs = model.attrs["convert_inputs"]
    convert_outputs = model.attrs["convert_outputs"]
    ops = model.ops
    width = _hidden_width(shim._model.config)
    n_spans = len(wordpieces)
    seq_len = wordpieces.input_ids.shape[1] if n_spans else 0
    output = ModelOutput()
    output["last_hidden_state"] = ops.alloc3f(n_spans, seq_len, width)
    runs: list[tuple[numpy.ndarray, int, Callable, Callable]] = []
    # Training too runs padding-minimal sub-batches (issue 6: ~1.4x the words/s of one call
    # padded to the longest span on mixed lengths), so torch's dropout draws are not
    # spacy-transformers' where a batch has spans of several lengths: seeded runs differ
    # from spaCy's there, as any two dropout streams do.
    groups = sub_batches(wordpieces.lengths, int(shim.max_batch_items),
                         sub_batch_cost(shim.device.type))
    pending = list(reversed(groups))
    while pending:
        rows = pending.pop()
        length = max(wordpieces.lengths[i] for i in rows.tolist())
        inputs, _ = convert_inputs(model, _select(wordpieces, rows, length), is_train)
        try:
            torch_output, backprop_shim = shim(inputs, is_train)
        except torch.cuda.OutOfMemoryError:
            if len(rows) == 1:
                raise TransformerError(
                    f"The GPU ran out of memory on a single span of {length} wordpieces. "
                    "Use shorter spans (a strided or sentence span getter), a smaller "
                    "model, or mixed_precision = true.") from None
            torch.cuda.empty_cache()
            half = len(rows) // 2
            pending.extend([rows[half:], rows[:half]])
            continue
        result, backprop_output = convert_outputs(model, (inputs, torch_output), is_train)
        _collect(output, result, rows, length, n_spans, seq_len, ops)
        runs.append((rows, length, backprop_output, backprop_shim))

    def backprop_model(d_last_hidden) -> None:
        for rows, length, backprop_output, backprop_shim in runs:
            backprop_shim(backprop_output(d_last_hidden[rows, :length]))

    return output, backprop_model


def _select(wordpieces: WordpieceBatch, rows: numpy.ndarray, length: int) -> WordpieceBatch:
    """The spans `rows` of a batch, cut to `length` wordpieces."""
    types = wordpieces.token_type_ids
    return WordpieceBatch(strings=[wordpieces.strings[i][:length] for i in rows.tolist()],
                          input_ids=wordpieces.input_ids[rows, :length],
                          attention_mask=wordpieces.attention_mask[rows, :length],
                          lengths=[wordpieces.lengths[i] for i in rows.tolist()],
                          token_type_ids=None if types is None else types[rows, :length])


def _convert_inputs(model: Model, wordpieces: WordpieceBatch, is_train: bool):
    """WordpieceBatch -> the torch model's keyword arguments, on its device (token type ids
    only for a model with more than one type)."""
    import torch

    shim = model.shims[0]
    device = shim.device
    kwargs = {"input_ids": torch.from_numpy(wordpieces.input_ids).to(device),
              "attention_mask": torch.from_numpy(wordpieces.attention_mask).to(device)}
    config = shim._model.config
    if wordpieces.token_type_ids is not None and getattr(config, "type_vocab_size", 0) > 1:
        kwargs["token_type_ids"] = torch.from_numpy(wordpieces.token_type_ids).to(device)
    return ArgsKwargs(args=(), kwargs=kwargs), lambda d_inputs: []


def _convert_outputs(model: Model, inputs_outputs: tuple, is_train: bool):
    """The torch output as it is (_collect copies it into arrays); its backprop turns the
    last hidden state's gradient (an array) into torch.autograd.backward's arguments."""
    _, torch_output = inputs_outputs

    def backprop(d_last_hidden) -> ArgsKwargs:
        from thinc.api import xp2torch

        hidden = torch_output.last_hidden_state
        d_torch = xp2torch(model.ops.xp.ascontiguousarray(d_last_hidden),
                           device=hidden.device).to(hidden.dtype)
        return ArgsKwargs(args=([hidden],), kwargs={"grad_tensors": [d_torch]})

    return torch_output, backprop


def _to_xp(tensor, ops):
    """A float32 numpy/cupy array of a (possibly half-precision) output tensor."""
    import torch
    from thinc.api import torch2xp

    tensor = tensor.detach()
    if tensor.dtype != torch.float32:
        tensor = tensor.float()
    return torch2xp(tensor, ops=ops)


def _collect(output: ModelOutput, result, rows, length: int, n_spans: int, seq_len: int,
             ops) -> None:
    """Copy one sub-batch's outputs into the full, span-ordered arrays."""
    xp = ops.xp
    index = xp.asarray(rows)
    n_rows = len(rows)
    for name, value in result.items():
        if isinstance(value, (tuple, list)):
            # per-layer arrays in (spans, pieces, ...) layout only: not XLNet's mems
            # (pieces first) nor caches
            shape = tuple(getattr(value[0], "shape", ())) if value else ()
            if len(shape) == 3 and shape[:2] == (n_rows, length):
                # hidden states: (spans, pieces, width) per layer
                layers = output.setdefault(name, [ops.alloc3f(n_spans, seq_len, v.shape[-1])
                                                  for v in value])
                for full, layer in zip(layers, value):
                    full[index, :length] = _to_xp(layer, ops)
            elif len(shape) == 4 and shape[0] == n_rows and shape[2:] == (length, length):
                # attentions (output_attentions): (spans, heads, pieces, pieces) per layer
                layers = output.setdefault(name, [
                    ops.xp.zeros((n_spans, v.shape[1], seq_len, seq_len), dtype="float32")
                    for v in value])
                for full, layer in zip(layers, value):
                    full[index, :, :length, :length] = _to_xp(layer, ops)
            continue
        if getattr(value, "ndim", None) is None:
            continue  # None, or a cache object (past_key_values)
        if value.ndim == 3 and value.shape[:2] == (n_rows, length):
            full = output.get(name)
            if full is None:
                full = output[name] = ops.alloc3f(n_spans, seq_len, value.shape[-1])
            full[index, :length] = _to_xp(value, ops)
        elif value.ndim == 2 and value.shape[0] == n_rows:
            full = output.get(name)
            if full is None:
                full = output[name] = ops.alloc2f(n_spans, value.shape[-1])
            full[index] = _to_xp(value, ops)


__all__ = ["TransformerModel", "TransformerModel_v1", "TransformerModel_v2",
           "TransformerModel_v3", "spacy_transformers_TransformerModel_v3", "HFShim",
           "CPU_INFERENCE_DTYPES", "check_cpu_inference_dtype", "cpu_bf16_enabled",
           "cpu_inference_mode", "cpu_supports_bf16", "cpu_supports_int8",
           "shim_of", "set_transformer", "is_loaded", "hf_model_of", "sub_batches"]
