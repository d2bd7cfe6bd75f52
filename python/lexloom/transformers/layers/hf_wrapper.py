"""`spacy_transformers.layers.hf_wrapper`: a Hugging Face torch model as a Thinc layer with
lexloom's HFShim (float32 CPU inference, inference_mode, safe loading)."""
from __future__ import annotations

from typing import Callable

from thinc.api import Model
from thinc.layers.pytorchwrapper import (
    convert_pytorch_default_inputs,
    convert_pytorch_default_outputs,
)
from thinc.layers.pytorchwrapper import forward as pytorch_forward

from ...registry import register
from ..data import HFObjects
from ..hf_shim import HFShim


@register("layers", "lexloom.HFWrapper.v1", "HFWrapper.v1")  # spacy-transformers' name
def HFWrapper(hf_model: HFObjects, convert_inputs: Callable | None = None,
              convert_outputs: Callable | None = None, mixed_precision: bool = False,
              grad_scaler_config: dict = {}, config_cls=None, model_cls=None,
              tokenizer_cls=None) -> Model:
    """The model in `hf_model` (or none yet: set_pytorch_transformer / from_bytes put one
    in), called as `convert_outputs(shim(convert_inputs(X)))`. `model_cls` is the Auto
    class that from_bytes rebuilds (AutoModel unless given); config_cls and tokenizer_cls
    are accepted for spacy-transformers' signature (the saved config and tokenizer files
    say what to build)."""
    shim = HFShim(None, mixed_precision=mixed_precision, grad_scaler_config=grad_scaler_config,
                  tokenizer_config=hf_model._init_tokenizer_config,
                  transformer_config=hf_model._init_transformer_config, model_cls=model_cls)
    if hf_model.transformer is not None:
        shim.set_model(hf_model.transformer, hf_model.tokenizer)
    return Model("hf-pytorch", pytorch_forward, shims=[shim], dims={"nI": None, "nO": None},
                 attrs={"convert_inputs": convert_inputs or convert_pytorch_default_inputs,
                        "convert_outputs": convert_outputs or convert_pytorch_default_outputs})


__all__ = ["HFWrapper"]
