"""Filling the registries: every built-in function a config can name (architectures,
components, readers, batchers, ...) is registered when its module is imported, and this
imports them all once, on first need, so `import lexloom` stays light."""
from __future__ import annotations

REGISTRY_POPULATED = False


def populate_registry() -> None:
    """Import every module that registers functions; later calls do nothing."""
    global REGISTRY_POPULATED
    if REGISTRY_POPULATED:
        return
    from .util import _ensure_builtins

    REGISTRY_POPULATED = True  # set first: modules imported below may look names up
    try:
        _ensure_builtins()
    except BaseException:
        REGISTRY_POPULATED = False
        raise
