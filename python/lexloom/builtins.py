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
    """An empty default-mode vectors table sharing the vocab's strings; [initialize] vectors
    (or nlp.load_vectors) fills it."""

    def make(vocab):
        from .vectors import Vectors

        return Vectors(strings=vocab.strings)

    return make


@register("misc", "lexloom.levenshtein_compare.v1", "spacy.levenshtein_compare.v1")
def create_levenshtein_compare():
    """The Matcher's default FUZZY comparison, for the rulers' matcher_fuzzy_compare setting."""
    from .matcher.levenshtein import levenshtein_compare

    return levenshtein_compare
