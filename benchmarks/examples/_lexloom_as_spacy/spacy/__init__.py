"""`import spacy` that gives lexloom: put this folder first on PYTHONPATH to run a spaCy
script unchanged on lexloom.

Importing this package swaps itself out of sys.modules for `lexloom` and installs a meta-path
finder that answers every `spacy.X` import with the already-imported `lexloom.X` module, so
`from spacy.matcher import Matcher` and `spacy.tokens.Doc` are lexloom's own objects.
Folders named in LEXLOOM_AS_SPACY_APPEND_PATH (os.pathsep-separated) are appended to sys.path,
after lexloom's environment, so pipeline packages installed elsewhere are found without that
environment's own `spacy` shadowing this one.
"""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import os
import sys
from types import ModuleType

import lexloom

PREFIX = "spacy."


class _AliasLoader(importlib.abc.Loader):
    """Hands back a module that is already imported instead of executing anything."""

    def __init__(self, module: ModuleType) -> None:
        self.module = module

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return self.module

    def exec_module(self, module: ModuleType) -> None:
        return None


class _SpacyToLexloom(importlib.abc.MetaPathFinder):
    """Maps `spacy.X` to `lexloom.X`; a name lexloom lacks is reported as spaCy's missing."""

    def find_spec(self, fullname: str, path=None, target=None):
        if not fullname.startswith(PREFIX):
            return None
        try:
            module = importlib.import_module("lexloom." + fullname[len(PREFIX):])
        except ModuleNotFoundError as err:
            if err.name is not None and err.name.startswith("lexloom"):
                return None   # lexloom has no such module: `No module named 'spacy.X'`
            raise
        _alias_loaded_submodules(module.__name__, fullname)
        return importlib.machinery.ModuleSpec(fullname, _AliasLoader(module))


def _alias_loaded_submodules(real: str, alias: str) -> None:
    """Register lexloom's already-imported submodules of `real` under `alias` too. Importing
    a new name `spacy.X.Y` makes Python set attribute Y of `spacy.X` (which is lexloom.X) to
    the submodule; where lexloom.X re-exports a function of that name from it
    (`displacy.render`, `matcher.levenshtein`), that would replace the function."""
    prefix = real + "."
    for name, module in list(sys.modules.items()):
        if name.startswith(prefix):
            sys.modules.setdefault(alias + name[len(real):], module)


for _folder in filter(None, os.environ.get("LEXLOOM_AS_SPACY_APPEND_PATH", "").split(os.pathsep)):
    if _folder not in sys.path:
        sys.path.append(_folder)

sys.meta_path.insert(0, _SpacyToLexloom())
_alias_loaded_submodules("lexloom", __name__)
sys.modules[__name__] = lexloom
