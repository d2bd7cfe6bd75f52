"""Loading and saving Hugging Face models and tokenizers, offline only.

lexloom never downloads at run time: a `name` is either a local folder (a `save_pretrained`
folder, or a pipeline's saved transformer) or a model already in the Hugging Face cache,
read with `local_files_only=True` (what HF_HUB_OFFLINE=1 does). Weights are written as
safetensors and tokenizers as their JSON/text files, so loading runs no code from disk
(no pickle, no trust_remote_code).
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

from ..errors import DeserializationError, TransformerError

# Files save_pretrained may write for a model or a tokenizer; nothing else is read back.
_SAVED_SUFFIXES = (".json", ".txt", ".model", ".safetensors", ".tiktoken", ".merges")


def _offline_error(name: str, error: Exception) -> TransformerError:
    return TransformerError(
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


def load_pretrained(name: str, tokenizer_config: dict, transformer_config: dict):
    """(torch model, tokenizer) for `name`: a local folder or a cached hub name."""
    from transformers import AutoConfig, AutoModel, AutoTokenizer

    if not isinstance(name, str) or not name:
        raise TransformerError(f"TransformerModel needs a model name or folder, got {name!r}.")
    local = Path(name).expanduser()
    source = str(local) if local.is_dir() else name
    tokenizer_config = dict(tokenizer_config or {})
    tokenizer_config.setdefault("use_fast", True)
    try:
        with _quiet():
            config = AutoConfig.from_pretrained(source, local_files_only=True,
                                                trust_remote_code=False, **transformer_config)
            tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=True,
                                                      trust_remote_code=False, **tokenizer_config)
            model = AutoModel.from_pretrained(source, config=config, local_files_only=True,
                                              trust_remote_code=False)
    except (OSError, ValueError) as e:
        if local.is_dir():
            raise TransformerError(
                f"The folder {local} is not a complete Hugging Face model: it needs "
                "config.json, the weights (model.safetensors) and the tokenizer files, as "
                f"save_pretrained writes them. ({e})") from None
        raise _offline_error(name, e) from None
    return model, tokenizer


def save_to_folder(model, tokenizer, path: Path) -> None:
    """config.json + model.safetensors + tokenizer files, into `path`."""
    path.mkdir(parents=True, exist_ok=True)
    with _quiet():
        model.save_pretrained(path, safe_serialization=True)
    tokenizer.save_pretrained(path)


def load_from_folder(path: Path, tokenizer_config: dict | None = None):
    """The (model, tokenizer) saved by `save_to_folder`; the config and weights come from
    the folder only."""
    from transformers import AutoConfig, AutoModel, AutoTokenizer

    if not (path / "config.json").exists():
        raise DeserializationError(f"{path} has no config.json: the transformer's saved "
                                   "folder is incomplete (save the pipeline again).")
    if not any(path.glob("*.safetensors")):
        raise DeserializationError(f"{path} has no .safetensors weights: the transformer's "
                                   "saved folder is incomplete (save the pipeline again).")
    tokenizer_config = dict(tokenizer_config or {})
    tokenizer_config.setdefault("use_fast", True)
    try:
        with _quiet():
            config = AutoConfig.from_pretrained(path, local_files_only=True)
            model = AutoModel.from_pretrained(path, config=config, local_files_only=True,
                                              use_safetensors=True, trust_remote_code=False)
            tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True,
                                                      trust_remote_code=False, **tokenizer_config)
    except (OSError, ValueError) as e:
        raise DeserializationError(f"Can't load the saved transformer in {path}: {e}") from None
    return model, tokenizer


def folder_to_dict(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())
            if p.is_file() and p.name.endswith(_SAVED_SUFFIXES)}


def dict_to_folder(files: Any, path: Path) -> None:
    if not isinstance(files, dict):
        raise DeserializationError("The transformer's saved data is corrupt (expected a map "
                                   "of file names to bytes).")
    for name, data in files.items():
        if (not isinstance(name, str) or os.sep in name or "/" in name or name.startswith(".")
                or not name.endswith(_SAVED_SUFFIXES) or not isinstance(data, bytes)):
            raise DeserializationError(f"The transformer's saved data has an unexpected "
                                       f"entry {name!r}; refusing to write it.")
        (path / name).write_bytes(data)


def model_to_dict(model, tokenizer) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        save_to_folder(model, tokenizer, Path(tmp))
        return folder_to_dict(Path(tmp))


def model_from_dict(files: Any, tokenizer_config: dict | None = None):
    with tempfile.TemporaryDirectory() as tmp:
        dict_to_folder(files, Path(tmp))
        return load_from_folder(Path(tmp), tokenizer_config)


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


__all__ = ["load_pretrained", "save_to_folder", "load_from_folder", "model_to_dict",
           "model_from_dict", "max_input_length"]
