"""Read-only dict and list (spaCy's SimpleFrozenDict / SimpleFrozenList): safe default
arguments and computed values such as nlp.pipe_names. They live here, not in util, so that
modules util imports (loading) can use them as defaults; util re-exports them."""
from __future__ import annotations

from .errors import Errors, FrozenCollectionError, FrozenMappingError


class SimpleFrozenDict(dict):
    """A dict that refuses writes: a safe default argument, or a computed value the caller
    must not change in place. (spaCy's refuses item assignment, pop and update; this one also
    refuses del, clear, popitem and setdefault, which would change a shared default.)"""

    def __init__(self, *args, error: str = Errors.E095, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.error = error

    def __setitem__(self, key, value):
        raise FrozenMappingError(self.error)

    def pop(self, key, default=None):
        raise FrozenMappingError(self.error)

    def update(self, other):
        raise FrozenMappingError(self.error)

    def _refuse(self, *args, **kwargs):
        raise FrozenMappingError(self.error)

    __delitem__ = popitem = setdefault = clear = __ior__ = _refuse

    def __reduce__(self):
        # pickle and copy rebuild it whole (spaCy's fail: their item setter refuses)
        return type(self), (dict(self),), self.__dict__


class SimpleFrozenList(list):
    """A list that refuses changes (nlp.pipeline, default arguments), with an error saying
    why, where a tuple would break code that expects a list. (Also refuses item assignment,
    del, += and *=, which spaCy's lets through.)"""

    def __init__(self, *args, error: str = Errors.E927) -> None:
        self.error = error
        super().__init__(*args)

    def _refuse(self, *args, **kwargs):
        raise FrozenCollectionError(self.error)

    append = clear = extend = insert = pop = remove = reverse = sort = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse

    def __reduce__(self):
        return type(self), (list(self),), self.__dict__


# pickles and reprs name them where spaCy users (and earlier lexloom pickles) find them
SimpleFrozenDict.__module__ = SimpleFrozenList.__module__ = "lexloom.util"
