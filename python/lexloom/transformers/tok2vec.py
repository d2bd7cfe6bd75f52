"""Tok2VecTransformer v1-v3: a transformer as one component's own tok2vec (no sharing), and
what `replace_listeners` puts in place of a TransformerListener.

The trees are spacy-transformers': v1/v2 chain(transformer, split-trf-batch, trfs2arrays);
v3 chain(chain(transformer, split-trf-batch), trfs2arrays), the tree a listener becomes
when replace_listeners swaps its "transformer-listener" node for chain(copy of the
transformer, split-trf-batch), so a component trained either way saves the same `model`.
"""
from __future__ import annotations

import copy
from typing import Callable

from thinc.api import Model, chain

from ..registry import register
from .listener import gather_doc_grads, trfs2arrays
from .model import TransformerModel


def split_trf_batch() -> Model:
    """FullTransformerBatch -> its per-Doc TransformerData; per-Doc gradients -> the
    batch's gradient of the last hidden state."""
    return Model("split-trf-batch", _split_forward)


def _split_forward(model: Model, batch, is_train: bool):
    def backprop(d_doc_data: list):
        return gather_doc_grads(model.ops, batch, d_doc_data)

    return batch.doc_data, backprop


def replace_listener(model: Model) -> Model:
    """The transformer's copy, as it replaces a "transformer-listener" node."""
    return chain(model, split_trf_batch())


def replace_listener_cfg(tok2vec_model_cfg: dict, listener_model_cfg: dict) -> dict:
    """The config of a transformer copied in place of a listener: Tok2VecTransformer.v3
    with the listener's pooling and grad_factor (lexloom's name when the config has
    lexloom's cpu_inference_dtype, which spacy-transformers' doesn't take)."""
    result = copy.deepcopy(dict(tok2vec_model_cfg))
    if ("TransformerModel" in str(result.get("@architectures", "")) and
            "TransformerListener" in str(listener_model_cfg.get("@architectures", ""))):
        prefix = "lexloom" if "cpu_inference_dtype" in result else "spacy-transformers"
        result["@architectures"] = f"{prefix}.Tok2VecTransformer.v3"
        for key in ("pooling", "grad_factor"):
            if key in listener_model_cfg and key not in result:
                result[key] = copy.deepcopy(listener_model_cfg[key])
    return result


@register("architectures", "lexloom.Tok2VecTransformer.v3")
def Tok2VecTransformer(name: str, get_spans: Callable, tokenizer_config: dict,
                       pooling: Model, grad_factor: float = 1.0,
                       transformer_config: dict = {}, mixed_precision: bool = False,
                       grad_scaler_config: dict = {},
                       cpu_inference_dtype: str = "float32") -> Model:
    """A transformer with its own pooling: Docs in, token vectors out. cpu_inference_dtype:
    as lexloom.TransformerModel.v3's (model.py)."""
    transformer = TransformerModel(name, get_spans, tokenizer_config, transformer_config,
                                   mixed_precision, grad_scaler_config, cpu_inference_dtype)
    return chain(chain(transformer, split_trf_batch()), trfs2arrays(pooling, grad_factor))


@register("architectures", "spacy-transformers.Tok2VecTransformer.v3")
def spacy_transformers_Tok2VecTransformer(
        name: str, get_spans: Callable, tokenizer_config: dict, pooling: Model,
        grad_factor: float = 1.0, transformer_config: dict = {},
        mixed_precision: bool = False, grad_scaler_config: dict = {}) -> Model:
    """lexloom.Tok2VecTransformer.v3 with spacy-transformers' arguments only, so a config
    saved with this name loads in spaCy (see spacy_transformers_TransformerModel_v3)."""
    return Tok2VecTransformer(name, get_spans, tokenizer_config, pooling, grad_factor,
                              transformer_config, mixed_precision, grad_scaler_config)


@register("architectures", "lexloom.Tok2VecTransformer.v2",
          "spacy-transformers.Tok2VecTransformer.v2")
def Tok2VecTransformer_v2(name: str, get_spans: Callable, tokenizer_config: dict,
                          pooling: Model, grad_factor: float = 1.0,
                          transformer_config: dict = {}) -> Model:
    """v3's layers in one flat chain, without mixed precision."""
    transformer = TransformerModel(name, get_spans, tokenizer_config, transformer_config)
    return chain(transformer, split_trf_batch(), trfs2arrays(pooling, grad_factor))


@register("architectures", "lexloom.Tok2VecTransformer.v1",
          "spacy-transformers.Tok2VecTransformer.v1")
def Tok2VecTransformer_v1(name: str, get_spans: Callable, tokenizer_config: dict,
                          pooling: Model, grad_factor: float = 1.0) -> Model:
    """v2 without transformer settings."""
    return Tok2VecTransformer_v2(name, get_spans, tokenizer_config, pooling, grad_factor)


__all__ = ["Tok2VecTransformer", "spacy_transformers_Tok2VecTransformer",
           "Tok2VecTransformer_v1", "Tok2VecTransformer_v2",
           "split_trf_batch", "replace_listener", "replace_listener_cfg"]
