"""spacy-transformers' layer modules (`spacy_transformers.layers`) over lexloom's own:
transformer_model, listener, hf_shim, hf_wrapper, split_trf, trfs2arrays, _util."""
from __future__ import annotations

from ..listener import TransformerListener, trfs2arrays
from ..model import TransformerModel
from ..tok2vec import split_trf_batch

__all__ = ["TransformerListener", "TransformerModel", "split_trf_batch", "trfs2arrays"]
