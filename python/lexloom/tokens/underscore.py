"""User extension attributes (doc._.name, span._.name, token._.name): their registries and
set_extension's checks; reading and writing them is native (_underscore.pyx).

Values live in doc.user_data under ("._.", name, start, end) keys, spaCy's layout, so they
travel with DocBin files written with store_user_data=True.
"""
from __future__ import annotations

import warnings
from typing import Any

from ..errors import ExtensionDefinitionError, ExtensionNotFoundError, LexloomWarning
from ._underscore import UnderscoreView


class Underscore(UnderscoreView):
    """spaCy's Underscore: the registries of Doc, Span and Token extensions, and the view of
    one object's extensions (obj._), whose attribute access is native (UnderscoreView)."""
    # Defaults of these types are copied into each object's data, never shared.
    mutable_types = (dict, list, set)
    doc_extensions: dict[str, tuple] = {}
    span_extensions: dict[str, tuple] = {}
    token_extensions: dict[str, tuple] = {}

    __slots__ = ()

    @classmethod
    def get_state(cls) -> tuple[dict, dict, dict]:
        """The registered (token, span, doc) extensions, e.g. to hand to a worker process."""
        return cls.token_extensions, cls.span_extensions, cls.doc_extensions

    @classmethod
    def load_state(cls, state: tuple[dict, dict, dict]) -> None:
        """Install extensions saved by get_state (in a worker process)."""
        cls.token_extensions, cls.span_extensions, cls.doc_extensions = state

    @staticmethod
    def set_extension(registry: dict, owner: str, name: str, **kwargs: Any) -> None:
        """Register extension `name` for `owner` (Doc/Span/Token): exactly one of default=,
        method= or getter= (a setter only with a getter); force=True overwrites. As in spaCy,
        the name may be any hashable value: one that is no identifier ("my-ext") is read and
        written with obj._.get(name) / obj._.set(name, value)."""
        hash(name)  # (an unhashable name: a TypeError, as spaCy raises)
        force = kwargs.pop("force", False)
        if name in registry and not force:
            raise ExtensionDefinitionError(f"[E090] {owner} extension '{name}' already exists; "
                                           f"pass force=True to {owner}.set_extension to "
                                           "overwrite it.")
        unknown = set(kwargs) - {"default", "method", "getter", "setter"}
        if unknown:
            # spaCy ignores them; a misspelt option is easy to miss, so say so
            warnings.warn(LexloomWarning(
                f"{owner}.set_extension({name!r}) ignores the unknown keyword arguments "
                f"{sorted(unknown)}; it takes default=, method=, getter=, setter= and force=."),
                stacklevel=2)
            kwargs = {k: v for k, v in kwargs.items() if k not in unknown}
        registry[name] = get_ext_args(**kwargs)

    @staticmethod
    def remove_extension(registry: dict, name: str) -> tuple:
        if name not in registry:
            raise ExtensionNotFoundError(f"[E046] No extension '{name}' is registered, so there "
                                         "is none to remove.")
        return registry.pop(name)


def get_ext_args(**kwargs: Any) -> tuple:
    """Check set_extension's keyword arguments and return (default, method, getter, setter):
    exactly one of default=, method=, getter= (a setter only with a getter), callables where
    functions are expected."""
    default = kwargs.get("default")
    getter = kwargs.get("getter")
    setter = kwargs.get("setter")
    method = kwargs.get("method")
    if getter is None and setter is not None:
        raise ExtensionDefinitionError("[E089] An extension with a setter needs a getter "
                                       "too; pass getter= as well.")
    given = sum(x is True for x in ("default" in kwargs, method is not None, getter is not None))
    if given != 1:
        raise ExtensionDefinitionError(f"[E083] An extension takes exactly one of default=, "
                                       f"method= or getter= (optionally with setter=); got "
                                       f"{given}.")
    for fn, what in ((setter, "setter"), (getter, "getter"), (method, "method")):
        if fn is not None and not callable(fn):
            raise ExtensionDefinitionError(f"[E091] The extension's {what} {fn!r} is not "
                                           "callable; give a function or None.")
    return (default, method, getter, setter)


def is_writable_attr(ext: tuple) -> bool:
    """Whether an extension (the (default, method, getter, setter) tuple get_extension gives)
    can be assigned: it has a setter, a default, or nothing at all set."""
    default, _method, _getter, setter = ext
    return setter is not None or default is not None or all(e is None for e in ext)
