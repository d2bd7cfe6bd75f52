"""spacy-transformers' component module (`spacy_transformers.pipeline_component`): the
Transformer component and its factory are lexloom's (pipeline/transformer.py)."""
from __future__ import annotations

from thinc.api import Config

from ..pipeline.transformer import (
    DEFAULT_TRANSFORMER_CONFIG,
    Transformer,
    install_extensions,
    make_transformer,
)

DOC_EXT_ATTR = "trf_data"
DEFAULT_CONFIG = Config({"transformer": DEFAULT_TRANSFORMER_CONFIG})
DEFAULT_CONFIG_STR = DEFAULT_CONFIG.to_str()

__all__ = ["Transformer", "make_transformer", "install_extensions", "DOC_EXT_ATTR",
           "DEFAULT_CONFIG", "DEFAULT_CONFIG_STR"]
