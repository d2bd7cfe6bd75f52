"""`spacy_transformers.layers.split_trf`: a FullTransformerBatch to one TransformerData per
Doc."""
from ..tok2vec import split_trf_batch

__all__ = ["split_trf_batch"]
