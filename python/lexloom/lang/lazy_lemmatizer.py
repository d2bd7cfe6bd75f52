"""A language package's lemmatizer names (its Lemmatizer subclass, `make_lemmatizer`, the
`lemmatizer` module), imported on first access: lang/<code>/lemmatizer.py imports
lexloom.pipeline (and thinc), which `blank(code)` should not have to load."""
from __future__ import annotations

import importlib
from typing import Any, Callable


def lemmatizer_getattr(package: str, lemmatizer_class: str) -> Callable[[str], Any]:
    """The module-level __getattr__ of `package` that serves its lemmatizer names lazily."""
    names = (lemmatizer_class, "make_lemmatizer")

    def __getattr__(name: str) -> Any:
        if name in names or name == "lemmatizer":
            module = importlib.import_module(f"{package}.lemmatizer")
            return module if name == "lemmatizer" else getattr(module, name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
