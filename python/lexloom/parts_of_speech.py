"""The universal POS tags as an IntEnum, with the symbol ids spaCy gives them (NOUN == 92)."""
from __future__ import annotations

from enum import IntEnum

from .attrs import POS_IDS as _POS_IDS


class _OpenIntEnum(IntEnum):
    """An IntEnum that holds any integer, as Cython's cpdef enums do (spaCy's univ_pos_t is
    one): calling it with an integer that is no member gives a nameless member holding that
    integer, `<univ_pos_t: 5>`, made once per value, instead of a ValueError."""

    @classmethod
    def _missing_(cls, value: object) -> "_OpenIntEnum | None":
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if not isinstance(value, int):
            return None
        member = int.__new__(cls, value)
        member._name_ = None
        member._value_ = value
        return cls._value2member_map_.setdefault(value, member)

    def __repr__(self) -> str:
        if self._name_ is None:
            return f"<{type(self).__name__}: {self._value_!r}>"
        return super().__repr__()


univ_pos_t = _OpenIntEnum("univ_pos_t", {("NO_TAG" if name == "" else name): i
                                         for name, i in _POS_IDS.items()}, module=__name__)
univ_pos_t.__doc__ = "A universal POS tag; its value is the tag's symbol id."

IDS: dict[str, univ_pos_t] = {name: univ_pos_t(i) for name, i in _POS_IDS.items()}
NAMES: dict[univ_pos_t, str] = {tag: name for name, tag in IDS.items()}

globals().update({name: tag for name, tag in IDS.items() if name})
