"""Loading Hugging Face models and tokenizers, offline only, and the parts of a saved one.

lexloom never downloads at run time: a `name` is either a local folder (a `save_pretrained`
folder) or a model already in the Hugging Face cache, read with `local_files_only=True`
(what HF_HUB_OFFLINE=1 does). A saved transformer is kept as spacy-transformers keeps it:
the config as a dict, the tokenizer's JSON/text files, and the state dict as torch.save
bytes, which are read back with `torch.load(weights_only=True)` and checked to hold named
tensors only, so loading runs no code from disk (no full unpickler, no trust_remote_code).
"""
from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ..errors import (DeserializationError, PickledObjectError, TransformerError,
                      TransformerNotFoundError)

# Files save_pretrained may write for a model or a tokenizer; nothing else is read back.
_SAVED_SUFFIXES = (".json", ".txt", ".model", ".safetensors", ".tiktoken", ".merges")


def _offline_error(name: str, error: Exception) -> TransformerNotFoundError:
    return TransformerNotFoundError(
        f"Can't load the transformer '{name}': it is not a local folder, and it is not in "
        "the Hugging Face cache. lexloom never downloads models at run time (it loads with "
        "local_files_only=True, the same as HF_HUB_OFFLINE=1). Fix: set name to a folder "
        "written by save_pretrained (or a saved lexloom pipeline's transformer), or fetch "
        f"the model once beforehand, e.g. `huggingface-cli download {name}`. ({error})")


@contextlib.contextmanager
def _quiet():
    """No download/loading progress bars from transformers while lexloom loads a model."""
    from transformers.utils import logging as hf_logging

    enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if enabled:
            hf_logging.enable_progress_bar()


def attention_kwargs(config) -> dict:
    """Eager attention when the config asks for attention weights (output_attentions): the
    fused implementations return none, and transformers does not always fall back."""
    return {"attn_implementation": "eager"} if getattr(config, "output_attentions", False) \
        else {}


def _auto_tokenizer(source, *, saved: bool, **kwargs):
    """AutoTokenizer.from_pretrained(source), running the tokenizer.json as it is where that
    is what transformers 4 (with which spacy-transformers works) ran.

    transformers 5 rebuilds a model-specific fast tokenizer's normalizer and pre-tokenizer
    from its class (XLM-R, CamemBERT, ALBERT, DeBERTa-v2, ...: whitespace split before the
    Metaspace, no NFKC, lower-casing), so the same files split text into other wordpieces.
    The file's own pipeline goes back in for a pipeline's saved tokenizer (`saved`: it holds
    any options the tokenizer was made with) and for a model's own files loaded without
    options; options such as do_lower_case or add_prefix_space keep the class's rebuild,
    which applies them."""
    import transformers
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=True,
                                              trust_remote_code=False, **kwargs)
    verbatim = saved or not set(kwargs) - {"use_fast"}
    if (verbatim and int(transformers.__version__.split(".")[0]) >= 5
            and getattr(tokenizer, "is_fast", False)):
        file = _tokenizer_json(source)
        if file is not None:
            from tokenizers import Tokenizer

            tokenizer._tokenizer = Tokenizer.from_file(str(file))
    return tokenizer


def _tokenizer_json(source) -> Path | None:
    """The tokenizer.json of a model folder or of a cached hub model, if it has one."""
    local = Path(source)
    if local.is_dir():
        return local / "tokenizer.json" if (local / "tokenizer.json").is_file() else None
    try:
        from transformers.utils import cached_file

        found = cached_file(str(source), "tokenizer.json", local_files_only=True,
                            _raise_exceptions_for_missing_entries=False)
    except (OSError, ValueError, TypeError):
        return None
    return Path(found) if found else None


def load_pretrained(name: str, tokenizer_config: dict, transformer_config: dict):
    """(torch model, tokenizer) for `name`: a local folder or a cached hub name."""
    from transformers import AutoConfig, AutoModel

    if not isinstance(name, str) or not name:
        raise TransformerError(f"TransformerModel needs a model name or folder, got {name!r}.")
    local = Path(name).expanduser()
    source = str(local) if local.is_dir() else name
    tokenizer_config = dict(tokenizer_config or {})
    tokenizer_config.setdefault("use_fast", True)
    # lexloom reads the model's outputs by name, as spacy-transformers does, which forces
    # return_dict too (a config's return_dict = false would give tuples)
    transformer_config = {**(transformer_config or {}), "return_dict": True}
    try:
        with _quiet():
            config = AutoConfig.from_pretrained(source, local_files_only=True,
                                                trust_remote_code=False, **transformer_config)
            tokenizer = _auto_tokenizer(source, saved=False, **tokenizer_config)
            model = AutoModel.from_pretrained(source, config=config, local_files_only=True,
                                              **attention_kwargs(config),
                                              trust_remote_code=False)
    except (OSError, ValueError) as e:
        if local.is_dir():
            raise TransformerNotFoundError(
                f"The folder {local} is not a complete Hugging Face model: it needs "
                "config.json, the weights (model.safetensors) and the tokenizer files, as "
                f"save_pretrained writes them. ({e})") from None
        raise _offline_error(name, e) from None
    _check_buildable(config, model)
    return model, tokenizer


def load_from_folder(path: Path, tokenizer_config: dict | None = None):
    """The (model, tokenizer) in a folder of save_pretrained files with safetensors weights
    (a `model` folder as spacy-transformers 1.0 and earlier lexloom saved it); the config
    and weights come from the folder only."""
    from transformers import AutoConfig, AutoModel

    if not (path / "config.json").exists():
        raise DeserializationError(f"{path} has no config.json: the transformer's saved "
                                   "folder is incomplete (save the pipeline again).")
    if not any(path.glob("*.safetensors")):
        raise DeserializationError(
            f"{path} has no .safetensors weights. lexloom reads a transformer folder's weights "
            "from safetensors only (a pytorch_model.bin is a pickle, which it never loads): "
            "save the pipeline again with lexloom or spacy-transformers 1.1+ (they write a "
            "`model` file), or convert the weights with save_pretrained(safe_serialization="
            "True).")
    tokenizer_config = dict(tokenizer_config or {})
    tokenizer_config.setdefault("use_fast", True)
    try:
        with _quiet():
            config = AutoConfig.from_pretrained(path, local_files_only=True)
            config.return_dict = True   # (as load_pretrained)
            model = AutoModel.from_pretrained(path, config=config, local_files_only=True,
                                              **attention_kwargs(config),
                                              use_safetensors=True, trust_remote_code=False)
            tokenizer = _auto_tokenizer(path, saved=True, **tokenizer_config)
    except (OSError, ValueError) as e:
        raise DeserializationError(f"Can't load the saved transformer in {path}: {e}") from None
    _check_buildable(config, model)
    return model, tokenizer


def tokenizer_files(tokenizer) -> dict[str, Any]:
    """The tokenizer as spacy-transformers keeps it in its shim bytes: the files
    save_pretrained writes, by name, plus "kwargs" (whether it is a fast tokenizer)."""
    with tempfile.TemporaryDirectory() as tmp:
        tokenizer.save_pretrained(tmp)
        files: dict[str, Any] = {p.name: p.read_bytes() for p in sorted(Path(tmp).rglob("*"))
                                 if p.is_file()}
    files["kwargs"] = {"use_fast": bool(getattr(tokenizer, "is_fast", False))}
    return files


def state_to_bytes(model) -> bytes:
    """The model's state dict as torch.save writes it: the `state` of spacy-transformers'
    shim bytes (a zip whose pickle holds only tensors, so torch.load(weights_only=True)
    reads it back)."""
    import io

    import torch

    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    return buffer.getvalue()


def state_from_bytes(data: Any) -> dict:
    """The state dict in `data` (torch.save bytes), read with weights_only=True: no pickled
    object other than tensors (and the plain containers holding them) is ever built."""
    import io

    import torch

    if not isinstance(data, bytes) or not data:
        raise DeserializationError("The transformer's saved weights ('state') are missing or "
                                   "empty; save the pipeline again.")
    try:
        state = torch.load(io.BytesIO(data), map_location="cpu", weights_only=True)
    except (RuntimeError, EOFError, OSError, ValueError) as e:
        raise DeserializationError(f"The transformer's saved weights are truncated or not "
                                   f"torch.save data ({e}); save the pipeline again.") from None
    except Exception as e:  # the weights-only reader's refusal of any object but tensors
        if type(e).__name__ != "UnpicklingError":
            raise
        raise PickledObjectError(
            "The transformer's saved weights contain pickled objects other than tensors, "
            "which lexloom never loads (it reads torch weights with weights_only=True, so no "
            "code from the file can run). Save the model's plain state_dict (as "
            f"spacy-transformers does), or convert the weights to safetensors. ({e})") from None
    if not isinstance(state, dict) or not all(
            isinstance(k, str) and isinstance(v, torch.Tensor) for k, v in state.items()):
        found = type(state).__name__ if not isinstance(state, dict) else ", ".join(sorted(
            {type(v).__name__ for v in state.values() if not isinstance(v, torch.Tensor)}
            | {type(k).__name__ for k in state if not isinstance(k, str)}))
        raise PickledObjectError(
            f"The transformer's saved weights hold {found} where lexloom expects a state dict "
            "of named tensors; save the model's state_dict() only.")
    return state


def model_from_parts(config: Any, files: Any, state: Any, model_cls=None):
    """(torch model, tokenizer) from spacy-transformers' shim parts: the config as a dict,
    the tokenizer files and the torch.save'd state dict. No code from them runs: the config
    and tokenizer are JSON/text files, the weights are read with weights_only=True.
    model_cls: the transformers Auto class to build (default AutoModel)."""
    from transformers import AutoConfig, AutoModel

    if not isinstance(config, dict) or not isinstance(files, dict):
        raise DeserializationError("The transformer's saved data is corrupt (its config or "
                                   "tokenizer is not a map); save the pipeline again.")
    files = dict(files)
    kwargs = files.pop("kwargs", None) or {}
    use_fast = kwargs.get("use_fast", True) if isinstance(kwargs, dict) else True
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp)
        _write_files(files, path)
        (path / "config.json").write_text(json.dumps(config), encoding="utf-8")
        try:
            with _quiet():
                hf_config = AutoConfig.from_pretrained(path, local_files_only=True,
                                                       trust_remote_code=False)
                tokenizer = _auto_tokenizer(path, saved=True, use_fast=bool(use_fast))
        except (OSError, ValueError, KeyError) as e:
            raise DeserializationError(f"Can't rebuild the saved transformer's config or "
                                       f"tokenizer: {e}") from None
    weights = state_from_bytes(state)
    with _quiet():
        model = (model_cls or AutoModel).from_config(hf_config, trust_remote_code=False,
                                                     **attention_kwargs(hf_config))
    _check_buildable(hf_config, model)
    _load_weights(model, weights)
    return model, tokenizer


def _write_files(files: dict, path: Path) -> None:
    for name, data in files.items():
        if (not isinstance(name, str) or os.sep in name or "/" in name or name.startswith(".")
                or not name.endswith(_SAVED_SUFFIXES) or not isinstance(data, bytes)):
            raise DeserializationError(f"The transformer's saved tokenizer has an unexpected "
                                       f"entry {name!r}; refusing to write it.")
        (path / name).write_bytes(data)


def _load_weights(model, weights: dict) -> None:
    """Copy the saved tensors into the model: every parameter must be there with its
    shape; extra entries (buffers older transformers versions saved) are ignored."""
    import warnings

    from ..errors import LexloomWarning

    try:
        missing, unexpected = model.load_state_dict(weights, strict=False)
    except RuntimeError as e:
        raise DeserializationError(f"The transformer's saved weights don't fit its config "
                                   f"(wrong shapes): {e}") from None
    if missing:
        raise DeserializationError(
            f"The transformer's saved weights lack {len(missing)} of the model's tensors "
            f"({', '.join(missing[:4])}...); they were saved from another architecture.")
    if unexpected:
        warnings.warn(f"[lexloom] The transformer's saved weights hold {len(unexpected)} "
                      f"tensor(s) the model has no place for ({', '.join(unexpected[:4])}); "
                      "they were ignored (saved by another transformers version).",
                      LexloomWarning, stacklevel=3)


def _check_buildable(config, model) -> None:
    """Refuse a model the installed transformers builds without what its config asks for: a
    BERT-family config with relative position embeddings (transformers 5 dropped them) would
    run with absolute positions and compute something else than the trained model."""
    kind = getattr(config, "position_embedding_type", "absolute") or "absolute"
    if kind in ("relative_key", "relative_key_query") and not any(
            hasattr(module, "distance_embedding") for module in model.modules()):
        import transformers

        raise TransformerError(
            f"The transformer's config asks for position_embedding_type={kind!r}, which "
            f"transformers {transformers.__version__} no longer implements: the model would "
            "run with absolute positions and compute something else than it was trained to. "
            "Install transformers<5 for this model.")


def max_input_length(model, tokenizer) -> int:
    """The longest input (in wordpieces, specials included) the model accepts."""
    limits = []
    model_max = getattr(tokenizer, "model_max_length", None)
    if isinstance(model_max, int) and 0 < model_max < 1_000_000:
        limits.append(model_max)
    positions = getattr(model.config, "max_position_embeddings", None)
    if isinstance(positions, int) and positions > 0:
        # RoBERTa-style models number positions from pad_token_id + 1
        if getattr(model.config, "model_type", "") in ("roberta", "xlm-roberta", "camembert",
                                                         "longformer", "bart"):
            positions -= 2
        limits.append(positions)
    return min(limits) if limits else 512


__all__ = ["load_pretrained", "load_from_folder", "tokenizer_files",
           "state_to_bytes", "state_from_bytes", "model_from_parts", "max_input_length"]
