"""The import aliasing behind the `spacy` and `spacy_transformers` shims in this folder: a
meta-path finder that answers `ALIAS.X` with the already-imported module `REAL.X`, so that
`from spacy.matcher import Matcher` gives lexloom's own object rather than a copy."""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
from types import ModuleType


class _AliasLoader(importlib.abc.Loader):
    """Hands back a module that is already imported instead of executing anything."""

    def __init__(self, module: ModuleType) -> None:
        self.module = module
        self.spec = module.__spec__

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return self.module

    def exec_module(self, module: ModuleType) -> None:
        # the import machinery has just set module.__spec__ to the alias's spec: put the real
        # one back, or relative imports inside the module (whose __package__ is the real
        # name) warn "__package__ != __spec__.parent" (an error under filterwarnings=error)
        module.__spec__ = self.spec


class AliasFinder(importlib.abc.MetaPathFinder):
    """Maps `alias.X` to `real.X`; a name the real package lacks is reported as the alias's
    missing module (`No module named 'spacy.X'`)."""

    def __init__(self, alias: str, real: str) -> None:
        self.alias, self.real = alias, real

    def find_spec(self, fullname: str, path=None, target=None):
        if not fullname.startswith(self.alias + "."):
            return None
        real_name = self.real + fullname[len(self.alias):]
        try:
            module = importlib.import_module(real_name)
        except ModuleNotFoundError as err:
            if err.name is not None and err.name.startswith(self.real.split(".")[0]):
                return None
            raise
        alias_loaded_submodules(module.__name__, fullname)
        return importlib.machinery.ModuleSpec(fullname, _AliasLoader(module))


def alias_loaded_submodules(real: str, alias: str) -> None:
    """Register the already-imported submodules of `real` under `alias` too. Importing a new
    name `spacy.X.Y` makes Python set attribute Y of `spacy.X` (which is lexloom.X) to the
    submodule; where lexloom.X re-exports a function of that name from it
    (`displacy.render`, `matcher.levenshtein`), that would replace the function."""
    prefix = real + "."
    for name, module in list(sys.modules.items()):
        if name.startswith(prefix):
            sys.modules.setdefault(alias + name[len(real):], module)


def install(alias: str, real: str) -> ModuleType:
    """Make `alias` and every `alias.X` the modules `real` / `real.X`; returns `real`."""
    module = importlib.import_module(real)
    sys.meta_path.insert(0, AliasFinder(alias, real))
    alias_loaded_submodules(real, alias)
    sys.modules[alias] = module
    return module
