"""Transformer models in lexloom pipelines: HF wrapping, span getters, alignment, listeners."""
