"""The function registry behind configs: thinc's registries (layers, optimizers, schedules,
...) plus lexloom's own, so `@architectures = "spacy.Tok2Vec.v2"` resolves in lexloom.

lexloom's registries live in the "lexloom" catalogue namespace, apart from spaCy's, so both
libraries import side by side. Every lexloom function is registered under its `lexloom.*`
name and under the `spacy.*` / `spacy-transformers.*` names configs written for spaCy use.
Importing this module imports thinc (slow), so only code that builds models imports it.
"""
from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import catalogue
from thinc.api import registry as _thinc_registry

from . import _catalogue


class _AheadOfThinc(_catalogue.Registry):
    """One of lexloom's registries that thinc has too (layers, optimizers), in the "lexloom"
    namespace and looked up before thinc's own. The spacy.* layer names lexloom registers
    (spacy.StaticVectors.v2, ...) and its Adam.v1 then never replace the functions in
    thinc's shared namespace that spaCy uses when both libraries run in one process."""

    def __init__(self, name: str, **kwargs: Any) -> None:
        super().__init__(("lexloom", name), **kwargs)
        self.thinc_name = name

    @property
    def _thinc(self) -> catalogue.Registry:
        return getattr(_thinc_registry, self.thinc_name)

    def get(self, name: str) -> Callable:
        if catalogue.Registry.__contains__(self, name):
            return super().get(name)
        return self._thinc.get(name)

    def __contains__(self, name: str) -> bool:
        return super().__contains__(name) or name in self._thinc

    def get_all(self) -> dict:
        return {**self._thinc.get_all(), **super().get_all()}


class registry(_thinc_registry):
    layers = _AheadOfThinc("layers", entry_points=True)
    optimizers = _AheadOfThinc("optimizers", entry_points=True)
    languages = _catalogue.create("lexloom", "languages", entry_points=True)
    architectures = _catalogue.create("lexloom", "architectures", entry_points=True)
    tokenizers = _catalogue.create("lexloom", "tokenizers", entry_points=True)
    lemmatizers = _catalogue.create("lexloom", "lemmatizers", entry_points=True)
    lookups = _catalogue.create("lexloom", "lookups", entry_points=True)
    displacy_colors = _catalogue.create("lexloom", "displacy_colors", entry_points=True)
    misc = _catalogue.create("lexloom", "misc", entry_points=True)
    callbacks = _catalogue.create("lexloom", "callbacks", entry_points=True)
    batchers = _catalogue.create("lexloom", "batchers", entry_points=True)
    readers = _catalogue.create("lexloom", "readers", entry_points=True)
    augmenters = _catalogue.create("lexloom", "augmenters", entry_points=True)
    loggers = _catalogue.create("lexloom", "loggers", entry_points=True)
    scorers = _catalogue.create("lexloom", "scorers", entry_points=True)
    vectors = _catalogue.create("lexloom", "vectors", entry_points=True)
    factories = _catalogue.create("lexloom", "factories", entry_points=True)
    models = _catalogue.create("lexloom", "models", entry_points=True)
    cli = _catalogue.create("lexloom", "cli", entry_points=True)
    # spacy-transformers' catalogues: what the transformer feeds, what it stores on Docs
    span_getters = _catalogue.create("lexloom", "span_getters", entry_points=True)
    annotation_setters = _catalogue.create("lexloom", "annotation_setters", entry_points=True)

    @classmethod
    def ensure_populated(cls) -> None:
        """Import every module that registers built-in functions (once)."""
        from .registrations import populate_registry

        populate_registry()

    @classmethod
    def get_registry_names(cls) -> list[str]:
        """The names of all registries ("architectures", "layers", ...), sorted."""
        cls.ensure_populated()
        return sorted(name for name, value in inspect.getmembers(cls)
                      if not name.startswith("_") and isinstance(value, catalogue.Registry))

    @classmethod
    def _registry(cls, registry_name: str) -> catalogue.Registry:
        from .errors import Errors, RegistryNameError

        cls.ensure_populated()
        if not hasattr(cls, registry_name):
            names = ", ".join(cls.get_registry_names()) or "none"
            raise RegistryNameError(Errors.E892.format(name=registry_name, available=names))
        return getattr(cls, registry_name)

    @classmethod
    def _lookup(cls, registry_name: str, func_name: str, method: str) -> Any:
        """reg.get / reg.find of a name; a spacy.* name lexloom lacks is tried as the
        lexloom.* name of the same function."""
        from .errors import Errors, RegistryNameError

        reg = cls._registry(registry_name)
        try:
            return getattr(reg, method)(func_name)
        except catalogue.RegistryError:
            if func_name.startswith("spacy."):
                try:
                    return getattr(reg, method)("lexloom." + func_name[len("spacy."):])
                except catalogue.RegistryError:
                    pass
        available = ", ".join(sorted(reg.get_all())) or "none"
        raise RegistryNameError(Errors.E893.format(name=func_name, reg_name=registry_name,
                                                   available=available)) from None

    @classmethod
    def get(cls, registry_name: str, func_name: str) -> Callable:
        """The function registered as `func_name`; an error lists the known names."""
        return cls._lookup(registry_name, func_name, "get")

    @classmethod
    def find(cls, registry_name: str, func_name: str) -> dict[str, Any]:
        """Where a registered function is defined: {"module", "file", "line_no",
        "docstring"}."""
        return cls._lookup(registry_name, func_name, "find")

    @classmethod
    def has(cls, registry_name: str, func_name: str) -> bool:
        """Whether a registry has the name (a spacy.* name also via its lexloom.* twin)."""
        cls.ensure_populated()
        if not hasattr(cls, registry_name):
            return False
        reg = getattr(cls, registry_name)
        if func_name in reg:
            return True
        return func_name.startswith("spacy.") and \
            "lexloom." + func_name[len("spacy."):] in reg


def register(registry_name: str, *names: str) -> Callable[[Callable], Callable]:
    """Register one function under several names in one registry, e.g.
    @register("architectures", "lexloom.Tok2Vec.v2", "spacy.Tok2Vec.v2")."""
    reg = getattr(registry, registry_name)

    def decorator(func: Callable) -> Callable:
        for name in names:
            reg.register(name, func=func)
        return func

    return decorator


__all__ = ["register", "registry"]
