"""`spacy_transformers.layers.listener`: lexloom's TransformerListener."""
from ..listener import TransformerListener

__all__ = ["TransformerListener"]
