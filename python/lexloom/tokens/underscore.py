"""User extension attributes (doc._.name, span._.name, token._.name).

Values live in doc.user_data under ("._.", name, start, end) keys, spaCy's layout, so they
travel with DocBin files written with store_user_data=True.
"""
from __future__ import annotations

import copy
import functools
import warnings
from typing import Any

from ..errors import (ExtensionDefinitionError, ExtensionError, ExtensionNotFoundError,
                      LexloomWarning)


class Underscore:
    # Defaults of these types are copied into each object's data, never shared.
    mutable_types = (dict, list, set)
    doc_extensions: dict[str, tuple] = {}
    span_extensions: dict[str, tuple] = {}
    token_extensions: dict[str, tuple] = {}

    __slots__ = ("_extensions", "_obj", "_doc", "_start", "_end")

    def __init__(self, extensions: dict, obj, start=None, end=None):
        object.__setattr__(self, "_extensions", extensions)
        object.__setattr__(self, "_obj", obj)
        object.__setattr__(self, "_doc", getattr(obj, "doc", obj))
        object.__setattr__(self, "_start", start)
        object.__setattr__(self, "_end", end)

    def _key(self, name: str) -> tuple:
        return ("._.", name, self._start, self._end)

    def __getattr__(self, name: str) -> Any:
        ext = self._extensions.get(name)
        if ext is None:
            raise ExtensionError(
                f"[E046] No extension '{name}' is registered. Register it first, e.g. "
                f"{self._owner()}.set_extension('{name}', default=None).")
        default, method, getter, _setter = ext
        if getter is not None:
            return getter(self._obj)
        if method is not None:
            bound = functools.partial(method, self._obj)
            # keep the method's docstring visible (help(), IDEs), as spaCy does
            bound.__doc__ = ("This method is a partial function and its first argument (the "
                             "object it's called on) will be filled automatically. "
                             + (method.__doc__ or ""))
            return bound
        key = self._key(name)
        if key in self._doc.user_data:
            return self._doc.user_data[key]
        if isinstance(default, self.mutable_types):
            # A mutable default is copied into this object's data, never shared.
            default = copy.copy(default)
            self._doc.user_data[key] = default
        return default

    def __setattr__(self, name: str, value: Any) -> None:
        self._assign(name, value, stacklevel=3)

    def _assign(self, name: str, value: Any, *, stacklevel: int) -> None:
        """`stacklevel` points a warning at the user's line (obj._.x = v or obj._.set)."""
        ext = self._extensions.get(name)
        if ext is None:
            raise ExtensionError(
                f"[E047] No extension '{name}' is registered; call "
                f"{self._owner()}.set_extension('{name}', ...) before assigning it.")
        _default, method, getter, setter = ext
        if setter is not None:
            setter(self._obj, value)
            return
        if getter is not None or method is not None:
            # spaCy stores the value anyway (code written for it does this, e.g. issue
            # #4903); the getter or method still answers reads, so say the write is unseen.
            kind = "getter" if getter is not None else "method"
            warnings.warn(f"Extension '{name}' has a {kind} and no setter: the value assigned "
                          f"to it is kept in doc.user_data, but ._.{name} still returns the "
                          f"{kind}'s result. Give set_extension a setter to store values.",
                          LexloomWarning, stacklevel=stacklevel)
        self._doc.user_data[self._key(name)] = value

    def _owner(self) -> str:
        """Doc, Span or Token: whose extensions these are (for messages)."""
        if self._extensions is Underscore.token_extensions:
            return "Token"
        if self._extensions is Underscore.span_extensions:
            return "Span"
        return "Doc"

    def __dir__(self) -> list[str]:
        """The registered extensions too, for tab completion."""
        return ["set", "get", "has"] + list(self._extensions)

    def get(self, name: str) -> Any:
        # as spaCy: the extension even where a name is no identifier ("my-ext"), not a str,
        # or one of Underscore's own (an extension named "get" or "set")
        return self.__getattr__(name)

    def set(self, name: str, value: Any) -> None:
        self._assign(name, value, stacklevel=3)

    def has(self, name: str) -> bool:
        """Whether an extension of this name is registered."""
        return name in self._extensions

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
