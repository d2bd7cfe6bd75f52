"""SpanGroup: a named, possibly overlapping list of Spans in doc.spans[key]."""
from __future__ import annotations

import copy
import struct
import weakref
from collections.abc import Iterable
from typing import Any

from ..errors import (DeserializationError, DeserializationTypeError, DocError, DocTypeError,
                      GroupPickleError, OtherDocGroupError)

# One span in SpanGroup.to_bytes: id, kb_id, label (uint64), start, end, start_char, end_char
# (int32), big-endian: spaCy's layout, so the bytes load in either library.
_SPAN_STRUCT = struct.Struct(">QQQllll")


class SpanGroup(list):
    """Spans of one Doc under a name, with free-form attrs (saved in .spacy files)."""

    __slots__ = ("_attrs", "_doc", "_name")

    def __init__(self, doc: Any, *, name: str = "", attrs: dict | None = None,
                 spans: Iterable = ()):
        from .doc import Doc  # (doc.pyx imports this module)

        if not isinstance(doc, Doc):  # spaCy's typed argument: a TypeError
            raise DocTypeError(f"SpanGroup takes the Doc its spans belong to, not "
                               f"{type(doc).__name__}.")
        _check_name(name)
        spans = list(spans)
        for span in spans:
            if getattr(span, "doc", None) is not doc:
                raise DocTypeError(f"SpanGroup {name!r}: every span must be a Span of the "
                                   "group's Doc.")
        super().__init__([_copy_span(span) for span in spans])
        self._doc = doc
        self._name = name
        self._attrs = dict(attrs or {})

    @classmethod
    def _of_new_spans(cls, doc: Any, name: str, spans: list) -> SpanGroup:
        """A group holding `spans` themselves: Spans of `doc` a component just made for it
        and keeps no reference to, so the copies the public paths make are not needed."""
        group = cls(doc, name=name)
        list.extend(group, spans)
        return group

    @property
    def doc(self) -> Any:
        """The Doc the spans belong to."""
        return self._doc

    @property
    def name(self) -> str:
        """The group's name (usually its key in doc.spans)."""
        return self._name

    @name.setter
    def name(self, value: str) -> None:
        _check_name(value)
        self._name = value

    @property
    def attrs(self) -> dict:
        """Free-form, msgpack-able attributes saved with the group."""
        return self._attrs

    @attrs.setter
    def attrs(self, value: dict) -> None:
        self._attrs = dict(value)

    @property
    def has_overlap(self) -> bool:
        """Whether any two spans of the group share a token."""
        last_end = None
        for start, end in sorted((span.start, span.end) for span in self):
            if last_end is not None and start < last_end:
                return True
            last_end = end if last_end is None else max(last_end, end)
        return False

    def _check(self, span) -> None:
        if not isinstance(span, _span_class()):  # spaCy's typed argument: a TypeError
            raise DocTypeError(f"SpanGroup {self._name!r} holds Spans, not "
                               f"{type(span).__name__}.")
        if span.doc is not self._doc:
            from ..error_codes import Errors

            raise DocError(Errors.E855.format(obj="span") + f" SpanGroup {self._name!r} holds "
                           "spans of its own Doc.")

    # A group holds its own copies of the spans, as spaCy's does: changing a Span read from
    # the group (or one appended to it) leaves the group as it was.

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [_copy_span(s) for s in super().__getitem__(i)]
        try:
            span = super().__getitem__(i)
        except IndexError:   # spaCy's E856 (an IndexError)
            from ..error_codes import Errors
            from ..errors import SpanGroupIndexError

            raise SpanGroupIndexError(Errors.E856.format(i=i, length=len(self))) from None
        return _copy_span(span)

    def __delitem__(self, i) -> None:
        try:
            super().__delitem__(i)
        except IndexError:   # spaCy's E856 (an IndexError)
            from ..error_codes import Errors
            from ..errors import SpanGroupIndexError

            raise SpanGroupIndexError(Errors.E856.format(i=i, length=len(self))) from None

    def __iter__(self):
        for span in super().__iter__():
            yield _copy_span(span)

    def __repr__(self) -> str:
        return repr(list(self))

    # Groups compare by identity (spaCy's SpanGroup is no list): compare list(group) instead.
    def __eq__(self, other) -> bool:
        return self is other

    def __ne__(self, other) -> bool:
        return self is not other

    __hash__ = object.__hash__

    def append(self, span) -> None:
        self._check(span)
        super().append(_copy_span(span))

    def extend(self, spans) -> None:
        """Add the spans of a SpanGroup (merging its attrs, ours win) or of an iterable."""
        self._concat(spans if isinstance(spans, SpanGroup) else SpanGroup(self._doc, spans=spans),
                     inplace=True)

    def __iadd__(self, spans):
        self.extend(spans)
        return self

    def __add__(self, other):
        """A new group: this group's spans then `other`'s, attrs merged (ours win)."""
        if not isinstance(other, SpanGroup):
            return NotImplemented
        return self._concat(other)

    def _concat(self, other: SpanGroup, *, inplace: bool = False) -> SpanGroup:
        """This group's spans then `other`'s (same Doc), keeping our name; attrs only `other`
        has are added. inplace extends this group instead of a copy."""
        if other.doc is not self._doc:
            from ..error_codes import Errors

            raise DocError(Errors.E855.format(obj="span group") + " Only the groups of one Doc "
                           "can be joined.")
        group = self if inplace else self.copy()
        for key, value in other.attrs.items():   # an empty group's attrs join too, as in spaCy
            if key not in group._attrs:
                group._attrs[key] = copy.deepcopy(value)
        if len(other):
            super(SpanGroup, group).extend(list(other))
        return group

    def __setitem__(self, i, span) -> None:
        if isinstance(i, slice):
            span = list(span)
            for s in span:
                self._check(s)
            span = [_copy_span(s) for s in span]
        else:
            self._check(span)
            span = _copy_span(span)
        super().__setitem__(i, span)

    def copy(self, doc: Any = None) -> SpanGroup:
        """A copy of the group (attrs deep-copied). With another `doc`, each span is remade
        from its character offsets, which must line up with that Doc's tokens."""
        doc = self._doc if doc is None else doc
        if doc is self._doc:
            spans = list(self)
        else:
            spans = []
            for i, s in enumerate(self):
                span = doc.char_span(s.start_char, s.end_char, label=s.label, kb_id=s.kb_id,
                                     span_id=s.id)
                if span is None:
                    raise DocError(f"SpanGroup.copy: span {i} ({s.text!r}, characters "
                                   f"{s.start_char}-{s.end_char}) doesn't line up with the "
                                   "target Doc's tokens.")
                spans.append(span)
        return SpanGroup(doc, name=self._name, attrs=copy.deepcopy(self._attrs), spans=spans)

    def __deepcopy__(self, memo: dict) -> SpanGroup:
        # As spaCy's: a deep copy keeps pointing at the same Doc (its weak reference is
        # copied as is) with its own spans and a deep copy of the attrs. Pickling a group
        # alone stays refused, as spaCy's is.
        return SpanGroup(self._doc, name=self._name, attrs=copy.deepcopy(self._attrs, memo),
                         spans=list(self))

    def __copy__(self) -> SpanGroup:
        # a shallow copy: the same Doc, spans and attrs dict (what copy.copy gave before
        # __reduce__ below refused pickling)
        group = SpanGroup(self._doc, name=self._name, spans=list(self))
        group._attrs = self._attrs
        return group

    def __reduce__(self):
        raise GroupPickleError(f"[E112] SpanGroup {self._name!r} can't be pickled on its own: "
                               "it belongs to its Doc. Pickle the Doc, or save the group with "
                               "to_bytes().")

    def to_bytes(self) -> bytes:
        """msgpack {"name", "attrs", "spans": [packed span, ...]}, spaCy's format."""
        from .. import msgpack

        strings = self._doc.vocab.strings
        spans = []
        for span in self:
            for key in (span.label, span.kb_id, span.id):
                if key and key in strings:
                    strings.add(strings[key])   # keep their strings in the vocab
            spans.append(_SPAN_STRUCT.pack(span.id, span.kb_id, span.label, span.start, span.end,
                                           span.start_char, span.end_char))
        return msgpack.dumps({"name": self._name, "attrs": self._attrs, "spans": spans})

    def from_bytes(self, bytes_data: bytes) -> SpanGroup:
        """Load the name, attrs and spans written by to_bytes, replacing this group's (as
        spaCy's from_bytes does)."""
        from .. import msgpack
        from .doc import Span

        if not isinstance(bytes_data, (bytes, bytearray, memoryview)):
            raise DeserializationTypeError(f"SpanGroup.from_bytes takes the bytes to_bytes wrote, "
                                           f"not {type(bytes_data).__name__}.")
        try:
            msg = msgpack.loads(bytes_data)
            name, attrs, items = msg["name"], dict(msg["attrs"]), list(msg["spans"])
            fields = [_SPAN_STRUCT.unpack(item) for item in items]
        except (ValueError, KeyError, TypeError, struct.error) as e:
            raise DeserializationError(f"SpanGroup.from_bytes: the data is not a serialised "
                                       f"SpanGroup ({type(e).__name__}: {e}).") from None
        n = len(self._doc)
        spans = []
        for span_id, kb_id, label, start, end, _start_char, _end_char in fields:
            if not 0 <= start <= end <= n:
                raise DeserializationError(f"SpanGroup.from_bytes: the span [{start}, {end}) is "
                                           f"outside the Doc of {n} tokens.")
            spans.append(Span(self._doc, start, end, label=label, kb_id=kb_id, span_id=span_id))
        self._name = name
        self._attrs = attrs
        super().clear()
        super().extend(spans)
        return self


_SPAN = None


def _span_class():
    """The Span class (span.pxi is part of doc.pyx, which imports this module)."""
    global _SPAN
    if _SPAN is None:
        from .span import Span

        _SPAN = Span
    return _SPAN


def _check_name(name: Any) -> None:
    """A SpanGroup's name is a str (or None, as spaCy allows): a TypeError otherwise."""
    if name is not None and not isinstance(name, str):
        raise DocTypeError(f"A SpanGroup name is a string, not {type(name).__name__} {name!r}.")


class SpanGroups(dict):
    """doc.spans: assigning a plain list of Spans stores it as a SpanGroup named by its key."""

    def __init__(self, doc: Any):
        super().__init__()
        self._doc = doc

    @property
    def doc(self) -> Any:
        return self._doc

    @property
    def doc_ref(self) -> weakref.ref:
        """A weak reference to the Doc (spaCy's attribute)."""
        return weakref.ref(self._doc)

    def __deepcopy__(self, memo: dict) -> SpanGroups:
        """Deep copies of the groups, on the same Doc: spaCy's holds its Doc by weak
        reference, which a deep copy shares."""
        out = SpanGroups(self._doc)
        for key, group in self.items():
            out[key] = copy.deepcopy(group, memo)
        return out

    def __setitem__(self, key: str, value) -> None:
        if not isinstance(key, str):
            raise DocTypeError(f"doc.spans keys are strings, not {type(key).__name__}.")
        if not isinstance(value, SpanGroup):
            value = SpanGroup(self._doc, name=key, spans=value)
        elif value.doc is not self._doc:
            from ..error_codes import Errors

            raise OtherDocGroupError(Errors.E855.format(obj="span group") + " A group of "
                                     "another Doc can't be stored in doc.spans; copy it onto "
                                     "this Doc first: group.copy(doc).")
        super().__setitem__(key, value)

    def setdefault(self, key: str, default=None):
        if key not in self:
            self[key] = [] if default is None else default
        return self[key]

    def copy(self, doc: Any = None) -> SpanGroups:
        """The groups copied onto `doc` (default: the same Doc)."""
        doc = self._doc if doc is None else doc
        out = SpanGroups(doc)
        for key, group in self.items():
            out[key] = group.copy(doc)
        return out

    def to_bytes(self) -> bytes:
        """spaCy's bytes for doc.spans: msgpack {group bytes: [keys]} (msgpack [] when empty)."""
        from .docbin import _span_groups_to_bytes

        return _span_groups_to_bytes(self._doc, set(), self)

    def from_bytes(self, bytes_data: bytes) -> SpanGroups:
        """Replace the groups with those in `bytes_data` (written by to_bytes, or by spaCy)."""
        from .docbin import _span_groups_from_bytes

        _span_groups_from_bytes(self._doc, bytes_data, "SpanGroups.from_bytes", self)
        return self


def _copy_span(span):
    """A new Span with the same offsets, label, kb_id and id (a group's own copy). Character
    offsets set by hand (span.start_char = ...) are copied too, as spaCy copies them."""
    copied = type(span)(span.doc, span.start, span.end, label=span.label, kb_id=span.kb_id,
                        span_id=span.id)
    if copied.start_char != span.start_char:
        copied.start_char = span.start_char
    if copied.end_char != span.end_char:
        copied.end_char = span.end_char
    return copied
