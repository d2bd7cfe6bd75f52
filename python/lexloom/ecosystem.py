"""Which spaCy plugin package a registry or factory name comes from, for error messages.

A saved pipeline may name functions from packages other than spaCy (spacy-transformers,
spacy-llm, ...). lexloom never runs their code; when such a name isn't registered in lexloom,
the error says where the name comes from instead of only "unknown".
"""
from __future__ import annotations

import difflib
from typing import Iterable

# Registry-name prefixes of spaCy-ecosystem packages.
_PREFIXES = {
    "spacy-transformers.": "spacy-transformers",
    "spacy-curated-transformers.": "spacy-curated-transformers",
    "spacy-experimental.": "spacy-experimental",
    "spacy-legacy.": "spacy-legacy",
    "spacy-llm.": "spacy-llm",
    "spacy-huggingface-pipelines.": "spacy-huggingface-pipelines",
    "spacy-span-analyzer.": "spacy-span-analyzer",
    "spacy-stanza.": "spacy-stanza",
    "spacy-udpipe.": "spacy-udpipe",
}

# Component factory names of spaCy-ecosystem packages.
_FACTORIES = {
    "transformer": "spacy-transformers",
    "curated_transformer": "spacy-curated-transformers",
    "llm": "spacy-llm",
    "llm_ner": "spacy-llm",
    "llm_textcat": "spacy-llm",
    "llm_rel": "spacy-llm",
    "llm_spancat": "spacy-llm",
    "llm_summarization": "spacy-llm",
    "llm_sentiment": "spacy-llm",
    "llm_translation": "spacy-llm",
    "llm_entity_linker": "spacy-llm",
    "llm_lemma": "spacy-llm",
    "llm_raw": "spacy-llm",
    "experimental_coref": "spacy-experimental",
    "experimental_span_resolver": "spacy-experimental",
    "experimental_span_cleaner": "spacy-experimental",
    "experimental_char_ner_tokenizer": "spacy-experimental",
    "experimental_char_tagger_tokenizer": "spacy-experimental",
    "experimental_arc_predicter": "spacy-experimental",
    "experimental_arc_labeler": "spacy-experimental",
    "experimental_span_suggester": "spacy-experimental",
    "hf_token_pipe": "spacy-huggingface-pipelines",
    "hf_text_pipe": "spacy-huggingface-pipelines",
    "coreferee": "coreferee",
    "spacy_wordnet": "spacy-wordnet",
    "fastcoref": "fastcoref",
}


def package_for(name: object, *, factory: bool = False) -> str | None:
    """The pip package that registers `name` in spaCy, if it is a known ecosystem name."""
    if not isinstance(name, str):
        return None
    if factory:
        return _FACTORIES.get(name)
    for prefix, package in _PREFIXES.items():
        if name.startswith(prefix):
            return package
    return None


def unknown_name_hint(name: object, known: Iterable[str], *, factory: bool = False) -> str:
    """' Did you mean ...?' with up to three close matches, and the plugin package that
    provides `name` in spaCy when it is one lexloom knows of."""
    hint = ""
    if isinstance(name, str):
        matches = difflib.get_close_matches(name, list(known), n=3, cutoff=0.6)
        if matches:
            hint += " Did you mean " + " or ".join(f"'{m}'" for m in matches) + "?"
    package = package_for(name, factory=factory)
    if package is not None:
        hint += (f" In spaCy, '{name}' comes from the plugin package '{package}', which lexloom "
                 "doesn't provide (lexloom never runs a plugin's code): register a lexloom "
                 "implementation under that name, or leave the component out with "
                 "exclude=[...].")
    return hint
