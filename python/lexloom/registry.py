"""The function registry behind configs: thinc's registries (layers, optimizers, schedules,
...) plus lexloom's own, so `@architectures = "spacy.Tok2Vec.v2"` resolves in lexloom.

lexloom's registries live in the "lexloom" catalogue namespace, apart from spaCy's, so both
libraries import side by side. Every lexloom function is registered under its `lexloom.*`
name and under the `spacy.*` / `spacy-transformers.*` names configs written for spaCy use.
Importing this module imports thinc (slow), so only code that builds models imports it.
"""
from __future__ import annotations

from typing import Callable

import catalogue
from thinc.api import registry as _thinc_registry


class _Layers(catalogue.Registry):
    """lexloom's layers, in the "lexloom" namespace, looked up before thinc's own. The spacy.*
    layer names lexloom registers (spacy.StaticVectors.v2, ...) then never replace spaCy's
    functions in thinc's shared namespace when both libraries run in one process."""

    def get(self, name: str) -> Callable:
        if catalogue.Registry.__contains__(self, name):
            return super().get(name)
        return _thinc_registry.layers.get(name)

    def __contains__(self, name: str) -> bool:
        return super().__contains__(name) or name in _thinc_registry.layers

    def get_all(self) -> dict:
        return {**_thinc_registry.layers.get_all(), **super().get_all()}


class registry(_thinc_registry):
    layers = _Layers(("lexloom", "layers"), entry_points=True)
    languages = catalogue.create("lexloom", "languages", entry_points=True)
    architectures = catalogue.create("lexloom", "architectures", entry_points=True)
    tokenizers = catalogue.create("lexloom", "tokenizers", entry_points=True)
    lemmatizers = catalogue.create("lexloom", "lemmatizers", entry_points=True)
    lookups = catalogue.create("lexloom", "lookups", entry_points=True)
    displacy_colors = catalogue.create("lexloom", "displacy_colors", entry_points=True)
    misc = catalogue.create("lexloom", "misc", entry_points=True)
    callbacks = catalogue.create("lexloom", "callbacks", entry_points=True)
    batchers = catalogue.create("lexloom", "batchers", entry_points=True)
    readers = catalogue.create("lexloom", "readers", entry_points=True)
    augmenters = catalogue.create("lexloom", "augmenters", entry_points=True)
    loggers = catalogue.create("lexloom", "loggers", entry_points=True)
    scorers = catalogue.create("lexloom", "scorers", entry_points=True)
    vectors = catalogue.create("lexloom", "vectors", entry_points=True)
    factories = catalogue.create("lexloom", "factories", entry_points=True)
    models = catalogue.create("lexloom", "models", entry_points=True)
    cli = catalogue.create("lexloom", "cli", entry_points=True)
    # spacy-transformers' catalogues: what the transformer feeds, what it stores on Docs
    span_getters = catalogue.create("lexloom", "span_getters", entry_points=True)
    annotation_setters = catalogue.create("lexloom", "annotation_setters", entry_points=True)


def register(registry_name: str, *names: str) -> Callable[[Callable], Callable]:
    """Register one function under several names in one registry, e.g.
    @register("architectures", "lexloom.Tok2Vec.v2", "spacy.Tok2Vec.v2")."""
    reg = getattr(registry, registry_name)

    def decorator(func: Callable) -> Callable:
        for name in names:
            reg.register(name, func=func)
        return func

    return decorator


__all__ = ["registry", "register"]
