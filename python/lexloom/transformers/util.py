"""spacy-transformers' helper functions (`spacy_transformers.util`), for code that imports
them from there. The loading and tokenizing helpers are deprecated there (moved to
`layers.transformer_model`) and warn as they do."""
from __future__ import annotations

import random
import warnings
from pathlib import Path
from typing import Any

from ..registry import registry
from ..util import make_tempdir


def huggingface_from_pretrained(source: str | Path, config: dict):
    """(tokenizer, transformer) for `source`, a local folder or a cached hub name (never
    downloaded). Deprecated as in spacy-transformers."""
    warnings.warn("spacy_transformers.util.huggingface_from_pretrained has moved to "
                  "layers.transformer_model.huggingface_from_pretrained(source, tok_config, "
                  "trf_config) -> HFObjects.", DeprecationWarning, stacklevel=2)
    from .layers.transformer_model import huggingface_from_pretrained as load

    hf = load(source, config, {})
    return hf.tokenizer, hf.transformer


def huggingface_tokenize(tokenizer, texts: list[str]):
    """Deprecated here as in spacy-transformers: layers.transformer_model has it."""
    warnings.warn("spacy_transformers.util.huggingface_tokenize has moved to "
                  "layers.transformer_model.huggingface_tokenize.", DeprecationWarning,
                  stacklevel=2)
    from .layers.transformer_model import huggingface_tokenize as tokenize

    return tokenize(tokenizer, texts)


def maybe_flush_pytorch_cache(chance: float = 1.0) -> None:
    """Empty torch's CUDA cache with probability `chance` (nothing on CPU)."""
    if random.random() < chance:
        import torch

        if torch.cuda.is_available():
            torch.cuda.empty_cache()


def transpose_list(nested_list: list[list]) -> list[list]:
    """Rows to columns; a short row leaves None in the columns it lacks."""
    out: list[list] = []
    for i, row in enumerate(nested_list):
        while len(out) < len(row):
            out.append([None] * len(nested_list))
        for j, x in enumerate(row):
            out[j][i] = x
    return out


def batch_by_length(seqs: list, max_words: int) -> list[list[int]]:
    """Indices of `seqs` in batches of similar length, longest batches first, each batch at
    most `max_words` in (longest length x size) — except a single over-long sequence, which
    gets a batch of its own. Indices within a batch ascend."""
    from ..training.batchers import _group_by_length

    return _group_by_length(seqs, max_words, len)


def log_gpu_memory(logger, context: str) -> None:
    import torch

    logger.info(f"{torch.cuda.memory_allocated() // 1024 ** 2:.1f}: {context}")


def log_batch_size(logger, token_data: Any, is_train: bool) -> None:
    """Log a batch's shape: `token_data` a WordpieceBatch or a tokenizer's BatchEncoding."""
    ids = getattr(token_data, "input_ids", None)
    batch_size, seq_len = (token_data["input_ids"] if ids is None else ids).shape[:2]
    logger.info(f"{batch_size} x {seq_len} ({seq_len ** 2 * batch_size}) "
                f"{'update' if is_train else 'predict'}")


__all__ = ["registry", "huggingface_from_pretrained", "huggingface_tokenize",
           "maybe_flush_pytorch_cache", "transpose_list", "batch_by_length",
           "log_gpu_memory", "log_batch_size", "make_tempdir"]
