"""Registered functions for the [nlp] block: the tokenizer and the vectors table."""
from __future__ import annotations

from .registry import register


@register("tokenizers", "lexloom.Tokenizer.v1", "spacy.Tokenizer.v1")
def create_tokenizer():
    """The language's rule-based tokenizer (rules come from the language data)."""

    def make(nlp):
        return nlp._default_tokenizer()

    return make


@register("vectors", "lexloom.Vectors.v1", "spacy.Vectors.v1")
def create_vectors():
    """Static word vectors come with the vectors issue; until then the vocab has none."""

    def make(vocab):
        return None

    return make
