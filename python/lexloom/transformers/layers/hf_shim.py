"""`spacy_transformers.layers.hf_shim`: lexloom's HFShim."""
from ..hf_shim import HFShim

__all__ = ["HFShim"]
