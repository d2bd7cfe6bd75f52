# cython: language_level=3
"""The attribute access of user extensions (doc._.name, span._.name, token._.name), native:
code reads and writes them per token, and a Python class with __getattr__ paid ~1.5 us for
each read (building the view, then a failed normal lookup before __getattr__). The Python
class users see, with the registries and set_extension, is tokens.underscore.Underscore, a
subclass of this view."""
import copy
import functools
import warnings

from cpython.object cimport Py_TYPE, PyObject, PyObject_GenericGetAttr, PyTypeObject

from ..errors import ExtensionError, LexloomWarning


cdef extern from "Python.h":
    PyObject* _PyType_Lookup(PyTypeObject* type, object name)


cdef str _PARTIAL_DOC = ("This method is a partial function and its first argument (the object "
                         "it's called on) will be filled automatically. ")


cdef UnderscoreView new_underscore(type cls, object extensions, object obj, object doc,
                                   object start, object end):
    """A view of `obj`'s extensions without the constructor's Python call (per token)."""
    cdef UnderscoreView view = UnderscoreView.__new__(cls)
    view._extensions = extensions
    view._obj = obj
    view._doc = doc
    view._start = start
    view._end = end
    return view


cdef class UnderscoreView:
    """The extensions of one Doc, Span or Token. Values live in doc.user_data under
    ("._.", name, start, end) keys, spaCy's layout. A registered extension wins over the
    view's own attributes only where the name is none of them (an extension named "get" is
    read with obj._.get("get"), as in spaCy)."""

    def __init__(self, extensions, obj, start=None, end=None):
        self._extensions = extensions
        self._obj = obj
        self._doc = getattr(obj, "doc", obj)
        self._start = start
        self._end = end

    def __getattribute__(self, name):
        ext = self._extensions.get(name)
        if ext is not None and _PyType_Lookup(Py_TYPE(self), name) == NULL:
            return self._read(name, ext)
        try:
            return PyObject_GenericGetAttr(self, name)
        except AttributeError:
            if ext is not None:
                raise
        raise self._not_registered(name)

    def __setattr__(self, name, value):
        self._write(name, value)

    cdef object _read(self, name, object ext):
        # a tuple as set_extension stores it, or a list written into the table by hand
        default, method, getter, _setter = ext
        if getter is not None:
            return getter(self._obj)
        if method is not None:
            bound = functools.partial(method, self._obj)
            # keep the method's docstring visible (help(), IDEs), as spaCy does
            bound.__doc__ = _PARTIAL_DOC + (method.__doc__ or "")
            return bound
        key = self._key(name)
        user_data = self._doc.user_data
        if key in user_data:
            return user_data[key]
        if default is not None and isinstance(default, type(self).mutable_types):
            # A mutable default is copied into this object's data, never shared.
            default = copy.copy(default)
            user_data[key] = default
        return default

    cdef object _write(self, name, value):
        """Store a value; returns what the setter returns (None without one), as spaCy's."""
        ext = self._extensions.get(name)
        if ext is None:
            raise ExtensionError(
                f"[E047] No extension '{name}' is registered; call "
                f"{self._owner()}.set_extension('{name}', ...) before assigning it.")
        _default, method, getter, setter = ext
        if setter is not None:
            return setter(self._obj, value)
        if getter is not None or method is not None:
            # spaCy stores the value anyway (code written for it does this, e.g. issue
            # #4903); the getter or method still answers reads, so say the write is unseen.
            kind = "getter" if getter is not None else "method"
            warnings.warn(f"Extension '{name}' has a {kind} and no setter: the value assigned "
                          f"to it is kept in doc.user_data, but ._.{name} still returns the "
                          f"{kind}'s result. Give set_extension a setter to store values.",
                          LexloomWarning, stacklevel=1)
        self._doc.user_data[self._key(name)] = value

    cdef tuple _key(self, name):
        """The doc.user_data key of this object's value of `name` (spaCy's layout)."""
        return ("._.", name, self._start, self._end)

    cdef object _not_registered(self, name):
        return ExtensionError(
            f"[E046] No extension '{name}' is registered. Register it first, e.g. "
            f"{self._owner()}.set_extension('{name}', default=None).")

    def get(self, name):
        """The extension `name`, even where the name is no identifier ("my-ext"), not a str,
        or one of the view's own (an extension named "get" or "set"), as spaCy's."""
        ext = self._extensions.get(name)
        if ext is None:
            raise self._not_registered(name)
        return self._read(name, ext)

    def set(self, name, value):
        return self._write(name, value)

    def has(self, name) -> bool:
        """Whether an extension of this name is registered."""
        return name in self._extensions

    def _get_key(self, name) -> tuple:
        """The doc.user_data key of this object's value of `name` (spaCy's)."""
        return self._key(name)

    def _owner(self) -> str:
        """Doc, Span or Token: whose extensions these are (for messages)."""
        cls = type(self)
        if self._extensions is getattr(cls, "token_extensions", None):
            return "Token"
        if self._extensions is getattr(cls, "span_extensions", None):
            return "Span"
        return "Doc"

    def __dir__(self):
        """The registered extensions too, for tab completion."""
        return ["set", "get", "has"] + list(self._extensions)
