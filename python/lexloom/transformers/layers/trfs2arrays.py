"""`spacy_transformers.layers.trfs2arrays`: lexloom's pooling of TransformerData to arrays."""
from ..listener import trfs2arrays

__all__ = ["trfs2arrays"]
