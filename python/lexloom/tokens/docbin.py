"""DocBin: many Docs in one compact binary, byte-compatible with spaCy 3.8's `.spacy` files.

The payload is a zlib-compressed msgpack map (the layout spaCy 3.8 writes, key order included):

    version      "0.1"
    attrs        [ORTH, ...]: attribute ids, ORTH first, the rest sorted; SPACY never listed
    tokens       bytes: uint64 array (n_tokens_total, len(attrs)), C order
    spaces       bytes: bool array (n_tokens_total, 1)
    lengths      bytes: int32 array (n_docs,), tokens per doc
    strings      sorted list of every string the token arrays and spans refer to by hash
    cats         list of dicts, one per doc
    flags        list of {"has_unknown_spaces": bool}, one per doc
    span_groups  list of bytes, one per doc (see `_span_groups_to_bytes`)
    user_data    list of msgpack bytes, one per doc; only when store_user_data=True

Everything read is checked against `lengths` before a Doc is built: a file that is truncated, of
another format or inconsistent raises `DocBinError` saying what was wrong (and the file, when read
from disk), never a silently shortened corpus.
"""
from __future__ import annotations

import struct
import warnings
import zlib
from pathlib import Path
from typing import Any, Iterable, Iterator

import numpy

from .. import msgpack as fast_msgpack
from ..attrs import ATTR_NAMES, IDS, IOB_STRINGS, intify_attr
from ..errors import DocBinError, LexloomWarning

ORTH = IDS["ORTH"]
SPACY = IDS["SPACY"]
HEAD = IDS["HEAD"]
ENT_IOB = IDS["ENT_IOB"]

# The attributes spaCy's DocBin stores by default (spacy.tokens.doc.DOCBIN_ALL_ATTRS).
ALL_ATTRS = ("ORTH", "NORM", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID",
             "ENT_ID", "LEMMA", "MORPH", "POS", "SENT_START")

# Columns whose values are string hashes: their strings travel in the "strings" list.
_STRING_ATTRS = frozenset(IDS[name] for name in (
    "ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "LEMMA", "TAG", "DEP", "ENT_TYPE",
    "ENT_KB_ID", "ENT_ID", "MORPH", "LANG"))

# One span inside a span group: id, kb_id, label (uint64 hashes), start, end, start_char,
# end_char (int32), big-endian, as spaCy's SpanGroup.to_bytes packs it.
_SPAN_STRUCT = struct.Struct(">QQQllll")
_EMPTY_SPAN_GROUPS = b"\x90"   # b"\x90": what spaCy writes for a doc without groups
_VERSION = "0.1"
MORPH = IDS["MORPH"]
EMPTY_MORPH = "_"   # the string an empty morphological analysis is hashed from


_dumps = fast_msgpack.dumps
_unpack = fast_msgpack.loads


def _loads(data: bytes, what: str, where: str, use_list: bool = True) -> Any:
    try:
        return _unpack(data, use_list)
    except Exception as err:  # msgpack raises ValueError, TypeError, ExtraData, ...
        raise DocBinError(f"{where}: {what} is not valid msgpack ({type(err).__name__}: {err}). "
                          "The file is truncated or corrupt; write it again.") from None


class DocBin:
    """Pack Docs for binary serialisation in spaCy's `.spacy` format.

    Strings (words, tags, labels) are stored once per DocBin and referred to by their 64-bit
    hash in the token array, so packing many docs together is compact. Reading needs no pickle.
    """

    def __init__(self, attrs: Iterable[str | int] = ALL_ATTRS, store_user_data: bool = False,
                 docs: Iterable[Any] = ()) -> None:
        """attrs: attribute names or ids to store (ORTH and SPACY always are);
        store_user_data: also store each `Doc.user_data` (extension values);
        docs: Docs to add now."""
        int_attrs = sorted({intify_attr(attr) for attr in attrs})
        self.version = _VERSION
        self.attrs: list[int] = [ORTH] + [a for a in int_attrs if a not in (ORTH, SPACY)]
        self.tokens: list[numpy.ndarray] = []
        self.spaces: list[numpy.ndarray] = []
        self.cats: list[dict] = []
        self.span_groups: list[bytes] = []
        self.user_data: list[bytes | None] = []
        self.flags: list[dict] = []
        self.strings: set[str] = set()
        # hashes whose strings were added to self.strings (string columns, MORPH's): the
        # next Doc's columns look up only the ones not seen yet
        self._seen_hashes: set[int] = set()
        self._seen_morph_hashes: set[int] = set()
        self.store_user_data = store_user_data
        for doc in docs:
            self.add(doc)

    def __len__(self) -> int:
        """The number of Docs held."""
        return len(self.tokens)

    def __repr__(self) -> str:
        return f"<DocBin {len(self)} docs, attrs={[ATTR_NAMES.get(a, a) for a in self.attrs]}>"

    # ------------------------------------------------------------------ adding and reading docs

    def add(self, doc: Any) -> None:
        """Add a Doc's annotations (the DocBin's attrs, spaces, cats, span groups, user data)."""
        from .doc import Doc

        if not isinstance(doc, Doc):
            raise DocBinError(f"DocBin.add takes a Doc, not {type(doc).__name__}; make one with "
                              "nlp(text) or nlp.make_doc(text).")
        array = numpy.asarray(doc.to_array(self.attrs), dtype=numpy.uint64)
        if array.ndim == 1:
            array = array.reshape((array.shape[0], 1))
        spaces = numpy.asarray(doc.to_array(SPACY)).reshape((-1, 1)).astype(bool)
        if spaces.shape[0] != array.shape[0]:
            raise DocBinError(f"Doc.to_array gave {array.shape[0]} rows for the attributes but "
                              f"{spaces.shape[0]} for SPACY; the Doc is inconsistent.")
        user_data = None    # None keeps user_data[i] the entry of doc i
        if self.store_user_data:
            try:
                user_data = _dumps(doc.user_data)
            except (TypeError, ValueError) as err:
                from ..errors import DocBinUserDataError

                raise DocBinUserDataError(
                    f"Doc.user_data cannot be stored ({err}). Keep only msgpack-serialisable "
                    "values (str, int, float, bool, None, lists, dicts, bytes, numpy arrays) "
                    "there, or use DocBin(store_user_data=False).") from None
        self._add_column_strings(array, doc.vocab.strings)
        span_groups = _span_groups_to_bytes(doc, self.strings)
        # every part is made before any is kept: a Doc that fails leaves the DocBin as it was
        self.tokens.append(array)
        self.spaces.append(spaces)
        self.flags.append({"has_unknown_spaces": bool(doc.has_unknown_spaces)})
        self.cats.append(dict(doc.cats))
        self.user_data.append(user_data)
        self.span_groups.append(span_groups)

    def _add_column_strings(self, array: numpy.ndarray, strings: Any) -> None:
        """Add the strings behind every hash in the doc's string-valued columns."""
        if array.shape[0] == 0:
            return
        cols = [c for c, attr in enumerate(self.attrs) if attr in _STRING_ATTRS and attr != MORPH]
        if cols:
            new = self._new_hashes(array[:, cols], self._seen_hashes)
            if new:
                self.strings.update(self._strings_of(new, strings, array, cols))
                self._seen_hashes.update(new)
        if MORPH in self.attrs:
            col = self.attrs.index(MORPH)
            new = self._new_hashes(array[:, col], self._seen_morph_hashes)
            if new:
                # an empty analysis is stored as hash("_") but its string is "" (as in spaCy)
                self.strings.update("" if s == EMPTY_MORPH else s
                                    for s in self._strings_of(new, strings, array, [col]))
                self._seen_morph_hashes.update(new)

    @staticmethod
    def _new_hashes(values: numpy.ndarray, seen: set[int]) -> list[int]:
        return [key for key in numpy.unique(values).tolist() if key not in seen]

    def _strings_of(self, keys: list[int], strings: Any, array: numpy.ndarray,
                    cols: list[int]) -> list[str]:
        out = []
        for key in keys:
            try:
                out.append(strings[key])
            except (KeyError, IndexError, ValueError):
                col = next(c for c in cols if (array[:, c] == key).any())
                raise DocBinError(
                    f"The Doc's {ATTR_NAMES[self.attrs[col]]} column holds the hash {key}, "
                    "which is not in its vocab's StringStore, so the DocBin could not be read "
                    "back. Add the string to doc.vocab.strings first.") from None
        return out

    def get_docs(self, vocab: Any) -> Iterator[Any]:
        """Yield the Docs, built on `vocab` (whose StringStore receives the DocBin's strings).

        User data is restored whenever it was stored, whatever `store_user_data` says.
        """
        from . import (
            Doc,  # the native Doc; imported here so this module loads on its own
        )

        lookup: dict[int, str] = {}
        for string in self.strings:
            lookup[vocab.strings.add(string)] = string
        if MORPH in self.attrs:
            vocab.strings.add(EMPTY_MORPH)
        try:
            orth_col = self.attrs.index(ORTH)
        except ValueError:
            raise DocBinError("The DocBin's attrs do not include ORTH, so it holds no "
                              "words.") from None
        other_cols = [i for i, attr in enumerate(self.attrs) if i != orth_col]
        other_attrs = [self.attrs[i] for i in other_cols]
        for i, tokens in enumerate(self.tokens):
            where = f"doc {i}"
            words = _words_from_hashes(tokens[:, orth_col].tolist(), lookup, vocab.strings, where)
            flags = self.flags[i] if i < len(self.flags) else {}
            spaces = None if flags.get("has_unknown_spaces") else self.spaces[i][:, 0].tolist()
            doc = Doc(vocab, words=words, spaces=spaces)
            if other_attrs and len(words):
                values = numpy.ascontiguousarray(tokens[:, other_cols], dtype=numpy.uint64)
                _check_values(other_attrs, values, where)
                doc.from_array(other_attrs, values)
            doc.cats = dict(self.cats[i])
            group_bytes = self.span_groups[i] if i < len(self.span_groups) else b""
            _span_groups_from_bytes(doc, group_bytes, where)
            user_data = self.user_data[i] if i < len(self.user_data) else None
            if user_data is not None:
                value = _loads(user_data, "the user data", where, use_list=False)
                if not isinstance(value, dict):
                    raise DocBinError(f"{where}: the user data is a {type(value).__name__}, not a "
                                      "map. The file is corrupt.")
                doc.user_data.update(value)
            yield doc

    def merge(self, other: "DocBin") -> None:
        """Append another DocBin's docs; both must store the same attrs and user-data setting."""
        if self.attrs != other.attrs:
            raise DocBinError(
                f"Cannot merge DocBins with different attrs: {self.attrs} and {other.attrs}. "
                "Create both with the same attrs=.")
        if self.store_user_data != other.store_user_data:
            raise DocBinError(
                f"Cannot merge a DocBin with store_user_data={self.store_user_data} and one with "
                f"store_user_data={other.store_user_data}.")
        self.tokens.extend(other.tokens)
        self.spaces.extend(other.spaces)
        self.strings.update(other.strings)
        self.cats.extend(other.cats)
        self.span_groups.extend(other.span_groups)
        self.flags.extend(other.flags)
        self.user_data.extend(other.user_data)

    # ------------------------------------------------------------------ bytes and files

    def to_bytes(self) -> bytes:
        """Serialise to the `.spacy` byte format (zlib-compressed msgpack)."""
        lengths = numpy.asarray([len(t) for t in self.tokens], dtype="<i4")
        if self.tokens:
            tokens = numpy.vstack(self.tokens).astype("<u8", copy=False)
            spaces = numpy.vstack(self.spaces).astype(bool, copy=False)
        else:
            tokens = spaces = numpy.asarray([])
        msg = {
            "version": self.version,
            "attrs": list(self.attrs),
            "tokens": tokens.tobytes("C"),
            "spaces": spaces.tobytes("C"),
            "lengths": lengths.tobytes("C"),
            "strings": sorted(self.strings),
            "cats": self.cats,
            "flags": self.flags,
            "span_groups": self.span_groups,
        }
        if self.store_user_data:
            # one entry per doc, None where a doc was added while user data was not stored
            msg["user_data"] = (self.user_data + [None] * len(self.tokens))[:len(self.tokens)]
        try:
            payload = _dumps(msg)
        except UnicodeEncodeError as err:
            bad = err.object[err.start:err.end] if isinstance(err.object, str) else "?"
            raise DocBinError(f"A text in the DocBin holds {bad!r}, which is not valid Unicode "
                              "(a lone surrogate), so the .spacy format (UTF-8) can't store "
                              "it. Clean the texts first, e.g. text.encode('utf-8', "
                              "'replace').decode('utf-8').") from None
        except ValueError as err:   # msgpack holds at most 4 GiB in one bytes value
            raise DocBinError(f"The DocBin is too large to serialise ({err}); split the docs "
                              "over several DocBins / .spacy files.") from None
        return zlib.compress(payload)

    def from_bytes(self, bytes_data: bytes, *, source: str | None = None) -> "DocBin":
        """Load from `.spacy` bytes, replacing what this DocBin held; returns self.

        source names the data in error messages (from_disk passes the file path).
        """
        where = source or "DocBin bytes"
        if not isinstance(bytes_data, (bytes, bytearray, memoryview)):
            raise DocBinError(f"{where}: expected bytes, got {type(bytes_data).__name__}.")
        if len(bytes_data) == 0:
            raise DocBinError(f"{where}: the data is empty (0 bytes), not a .spacy DocBin.")
        try:
            inflater = zlib.decompressobj()
            raw = inflater.decompress(bytes_data)
            if not inflater.eof:
                raise zlib.error("the compressed stream ends early")
        except zlib.error as err:
            raise DocBinError(
                f"{where}: not a .spacy DocBin: the data is not zlib-compressed or is truncated "
                f"({err}). Is this a .spacy file written by DocBin.to_disk?") from None
        if inflater.unused_data:
            raise DocBinError(
                f"{where}: {len(inflater.unused_data):,} bytes follow the end of the DocBin data "
                "(two files joined, or an appended file?). Nothing was read: cut the file back "
                "to what DocBin.to_disk wrote.")
        msg = _loads(raw, "the decompressed payload", where)
        _read_msg(self, msg, where)
        return self

    def to_disk(self, path: str | Path) -> None:
        """Write to a file (conventionally `*.spacy`)."""
        path = Path(path)
        data = self.to_bytes()
        with path.open("wb") as file_:
            file_.write(data)

    def from_disk(self, path: str | Path) -> "DocBin":
        """Load from a `.spacy` file; errors name the file. Returns self."""
        from ..errors import DocBinFileMissingError, DocBinFolderError

        path = Path(path)
        if not path.exists():   # OSErrors too, as spaCy's open() raises them
            raise DocBinFileMissingError(f"{path}: no such file.")
        if path.is_dir():
            raise DocBinFolderError(f"{path}: is a directory, not a .spacy file.")
        return self.from_bytes(path.read_bytes(), source=str(path))


# ---------------------------------------------------------------------- reading and checking


def _read_msg(docbin: DocBin, msg: Any, where: str) -> None:
    if not isinstance(msg, dict):
        raise DocBinError(f"{where}: the payload is a {type(msg).__name__}, not a map; this is "
                          "not a .spacy DocBin.")
    missing = [key for key in ("attrs", "tokens", "spaces", "lengths", "strings", "cats")
               if key not in msg]
    if missing:
        raise DocBinError(f"{where}: the payload lacks {', '.join(missing)}; this is not a .spacy "
                          "DocBin, or it is corrupt.")
    attrs = msg["attrs"]
    if (not isinstance(attrs, list) or not attrs
            or not all(isinstance(a, int) and not isinstance(a, bool) for a in attrs)):
        raise DocBinError(f"{where}: 'attrs' must be a non-empty list of attribute ids, got "
                          f"{attrs!r}.")
    unknown = [a for a in attrs if a not in ATTR_NAMES or a == 0]
    if unknown:
        raise DocBinError(f"{where}: 'attrs' holds unknown attribute ids {unknown}.")
    if ORTH not in attrs:
        raise DocBinError(f"{where}: 'attrs' {attrs} lacks ORTH ({ORTH}), so the words cannot "
                          "be restored.")
    if len(set(attrs)) != len(attrs):
        raise DocBinError(f"{where}: 'attrs' {attrs} lists an attribute twice.")
    for key in ("tokens", "spaces", "lengths"):
        if not isinstance(msg[key], bytes):
            raise DocBinError(f"{where}: '{key}' must be bytes, got {type(msg[key]).__name__}.")
    strings = msg["strings"]
    if not isinstance(strings, list) or not all(isinstance(s, str) for s in strings):
        raise DocBinError(f"{where}: 'strings' must be a list of strings.")

    raw_lengths = msg["lengths"]
    if len(raw_lengths) % 4:
        raise DocBinError(f"{where}: 'lengths' has {len(raw_lengths)} bytes, not a whole number "
                          "of int32 values; the file is corrupt.")
    lengths = numpy.frombuffer(raw_lengths, dtype="<i4")
    n_docs = len(lengths)
    if n_docs and int(lengths.min()) < 0:
        raise DocBinError(f"{where}: 'lengths' holds a negative doc length "
                          f"({int(lengths.min())}); the file is corrupt.")
    n_tokens = int(lengths.sum(dtype=numpy.int64))
    n_attrs = len(attrs)
    raw_tokens = msg["tokens"]
    if len(raw_tokens) != n_tokens * n_attrs * 8:
        raise DocBinError(
            f"{where}: 'tokens' has {len(raw_tokens)} bytes, but 'lengths' says {n_docs} docs of "
            f"{n_tokens} tokens in all, which with {n_attrs} attrs needs "
            f"{n_tokens * n_attrs * 8} bytes. The file is truncated or corrupt.")
    raw_spaces = msg["spaces"]
    if len(raw_spaces) != n_tokens:
        raise DocBinError(f"{where}: 'spaces' has {len(raw_spaces)} entries but 'lengths' says "
                          f"{n_tokens} tokens. The file is truncated or corrupt.")
    if n_tokens and int(numpy.frombuffer(raw_spaces, dtype=numpy.uint8).max()) > 1:
        raise DocBinError(f"{where}: 'spaces' holds values other than 0 and 1; the file is "
                          "corrupt.")
    cats = msg["cats"]
    _check_per_doc(cats, "cats", n_docs, where, dict)
    flags = msg.get("flags")
    if flags is None:
        flags = [{} for _ in range(n_docs)]
    _check_per_doc(flags, "flags", n_docs, where, dict)
    span_groups = msg.get("span_groups")
    if span_groups is None:
        span_groups = [b"" for _ in range(n_docs)]
    _check_per_doc(span_groups, "span_groups", n_docs, where, bytes)
    user_data = msg.get("user_data")
    if user_data is None:
        user_data = [None] * n_docs
    _check_per_doc(user_data, "user_data", n_docs, where, (bytes, type(None)))

    flat_tokens = numpy.frombuffer(raw_tokens, dtype="<u8").reshape((n_tokens, n_attrs))
    flat_spaces = numpy.frombuffer(raw_spaces, dtype=bool).reshape((n_tokens, 1))
    ends = numpy.cumsum(lengths, dtype=numpy.int64).tolist()
    starts = [0] + ends[:-1]
    docbin.version = msg.get("version", _VERSION)
    docbin.attrs = list(attrs)
    docbin.strings = set(strings)
    docbin._seen_hashes, docbin._seen_morph_hashes = set(), set()   # not in these strings
    docbin.tokens = [flat_tokens[s:e] for s, e in zip(starts, ends)]
    docbin.spaces = [flat_spaces[s:e] for s, e in zip(starts, ends)]
    docbin.cats = list(cats)
    docbin.flags = list(flags)
    docbin.span_groups = list(span_groups)
    docbin.user_data = list(user_data)


def _check_per_doc(value: Any, key: str, n_docs: int, where: str, kind: Any) -> None:
    if not isinstance(value, list):
        raise DocBinError(f"{where}: '{key}' must be a list, got {type(value).__name__}.")
    if len(value) != n_docs:
        raise DocBinError(f"{where}: '{key}' has {len(value)} entries but 'lengths' says "
                          f"{n_docs} docs. The file is truncated or corrupt.")
    for i, item in enumerate(value):
        if not isinstance(item, kind):
            raise DocBinError(f"{where}: '{key}' entry {i} is a {type(item).__name__}; the file "
                              "is corrupt.")


def _words_from_hashes(keys: list[int], lookup: dict[int, str], strings: Any,
                       where: str) -> list[str]:
    try:
        return [lookup[key] for key in keys]
    except KeyError:
        pass
    words = []
    for i, key in enumerate(keys):
        word = lookup.get(key)
        if word is None:
            try:
                word = strings[key]
            except (KeyError, IndexError, ValueError):
                raise DocBinError(
                    f"{where}, token {i}: the word hash {key} is neither in the DocBin's strings "
                    "nor in the vocab. The file is corrupt or was written without its strings."
                ) from None
        words.append(word)
    return words


def _check_values(attrs: list[int], values: numpy.ndarray, where: str) -> None:
    """Reject values that would point outside the doc, before the native code sees them."""
    n = values.shape[0]
    if HEAD in attrs:
        offsets = values[:, attrs.index(HEAD)].view(numpy.int64).astype(numpy.int32)
        heads = numpy.arange(n, dtype=numpy.int64) + offsets
        bad = numpy.flatnonzero((heads < 0) | (heads >= n))
        if bad.size:
            i = int(bad[0])
            raise DocBinError(f"{where}, token {i}: its head offset {int(offsets[i])} points "
                              f"outside the doc of {n} tokens; the file is corrupt.")
    if ENT_IOB in attrs:
        iob = values[:, attrs.index(ENT_IOB)]
        bad = numpy.flatnonzero(iob >= len(IOB_STRINGS))
        if bad.size:
            i = int(bad[0])
            raise DocBinError(f"{where}, token {i}: ENT_IOB value {int(iob[i])} is not one of "
                              f"0-{len(IOB_STRINGS) - 1} {IOB_STRINGS}; the file is corrupt.")


# ---------------------------------------------------------------------- span groups


def _span_groups_to_bytes(doc: Any, strings_out: set[str], groups: Any = None) -> bytes:
    """spaCy's SpanGroups bytes: msgpack {group_bytes: [keys]}, or msgpack [] when empty.

    Each group is msgpack {"name", "attrs", "spans": [packed span, ...]}. Keys whose groups
    serialise to the same bytes share one entry, as in spaCy. `groups`: a SpanGroups of `doc`
    other than doc.spans.
    """
    if groups is None:
        groups = getattr(doc, "spans", None)
    if not groups:
        return _EMPTY_SPAN_GROUPS
    strings = doc.vocab.strings
    starts_chars = None
    msg: dict[bytes, list[str]] = {}
    for key, group in groups.items():
        packed = []
        for span in group:
            label = _as_hash(span.label, strings)
            kb_id = _as_hash(getattr(span, "kb_id", 0), strings)
            span_id = _as_hash(getattr(span, "id", 0), strings)
            strings_out.add(strings[label])
            for value in (kb_id, span_id):
                if value in strings:
                    strings_out.add(strings[value])
            start_char = getattr(span, "start_char", None)
            end_char = getattr(span, "end_char", None)
            if start_char is None or end_char is None:
                if starts_chars is None:
                    starts_chars = _token_char_offsets(doc)
                start_char, end_char = _span_chars(span.start, span.end, starts_chars)
            packed.append(_SPAN_STRUCT.pack(span_id, kb_id, label, span.start, span.end,
                                            start_char, end_char))
        name = getattr(group, "name", key)
        attrs = dict(getattr(group, "attrs", None) or {})
        group_bytes = _dumps({"name": name, "attrs": attrs, "spans": packed})
        msg.setdefault(group_bytes, []).append(key)
    return _dumps(msg)


def _as_hash(value: Any, strings: Any) -> int:
    return strings.add(value) if isinstance(value, str) else int(value)


def _token_char_offsets(doc: Any) -> tuple[list[int], list[int]]:
    idx = [t.idx for t in doc]
    ends = [i + len(t.text) for i, t in zip(idx, doc)]
    return idx, ends


def _span_chars(start: int, end: int, offsets: tuple[list[int], list[int]]) -> tuple[int, int]:
    idx, ends = offsets
    if start >= end:
        char = idx[start] if start < len(idx) else (ends[-1] if ends else 0)
        return char, char
    return idx[start], ends[end - 1]


def _span_groups_from_bytes(doc: Any, data: bytes, where: str, groups: Any = None) -> None:
    """Rebuild doc.spans (or `groups`, a SpanGroups of `doc`) from spaCy's SpanGroups bytes
    (current dict form, legacy list form)."""
    if groups is None:
        groups = doc.spans
    groups.clear()
    if not data or data == _EMPTY_SPAN_GROUPS:
        return
    msg = _loads(data, "the span groups", where)
    if isinstance(msg, list):       # spaCy < 3.3: a list of group bytes, keyed by group name
        entries = [(value, None) for value in msg]
    elif isinstance(msg, dict):
        entries = list(msg.items())
    else:
        raise DocBinError(f"{where}: the span groups are a {type(msg).__name__}; the file is "
                          "corrupt.")
    legacy_names: set[str] = set()
    for group_bytes, keys in entries:
        if not isinstance(group_bytes, bytes):
            raise DocBinError(f"{where}: a span group is not bytes; the file is corrupt.")
        name, attrs, spans = _read_span_group(doc, group_bytes, where)
        if keys is None:
            keys = [name]
            if name in legacy_names:  # the old list form is keyed by name: the last one wins
                warnings.warn(f"[lexloom] {where}: the data (spaCy < 3.3.1's format) holds "
                              f"several span groups named {name!r}; only the last is kept.",
                              LexloomWarning, stacklevel=3)
            legacy_names.add(name)
        if not isinstance(keys, list) or not keys or not all(isinstance(k, str) for k in keys):
            raise DocBinError(f"{where}: span group {name!r} has invalid keys {keys!r}.")
        for key in keys:
            groups[key] = _make_group(doc, key, name, attrs, spans)


def _read_span_group(doc: Any, data: bytes, where: str) -> tuple[str, dict, list[tuple]]:
    msg = _loads(data, "a span group", where)
    if not isinstance(msg, dict) or "spans" not in msg or not isinstance(msg["spans"], list):
        raise DocBinError(f"{where}: a span group lacks its 'spans' list; the file is corrupt.")
    name = msg.get("name", "")
    attrs = msg.get("attrs") or {}
    if not isinstance(name, str) or not isinstance(attrs, dict):
        raise DocBinError(f"{where}: a span group's name ({type(name).__name__}) or attrs "
                          f"({type(attrs).__name__}) is not a str / a map; the file is corrupt.")
    n = len(doc)
    spans = []
    for packed in msg["spans"]:
        if not isinstance(packed, bytes) or len(packed) != _SPAN_STRUCT.size:
            raise DocBinError(f"{where}: span group {name!r} holds a span of "
                              f"{len(packed) if isinstance(packed, bytes) else '?'} bytes, not "
                              f"{_SPAN_STRUCT.size}; the file is corrupt.")
        span_id, kb_id, label, start, end, _start_char, _end_char = _SPAN_STRUCT.unpack(packed)
        if not 0 <= start <= end <= n:
            raise DocBinError(f"{where}: span group {name!r} holds the span [{start}, {end}), "
                              f"outside the doc of {n} tokens; the file is corrupt.")
        for what, value in (("label", label), ("kb_id", kb_id), ("id", span_id)):
            if value and value not in doc.vocab.strings:
                raise DocBinError(f"{where}: span group {name!r} holds a span whose {what} is "
                                  f"the hash {value}, of no string the file stores; the file "
                                  "is corrupt.")
        spans.append((start, end, label, kb_id, span_id))
    return name, dict(attrs), spans


def _make_group(doc: Any, key: str, name: str, attrs: dict, spans: list[tuple]) -> Any:
    from . import Span

    made = []
    for start, end, label, kb_id, span_id in spans:
        span = Span(doc, start, end, label=label)
        if kb_id:
            span.kb_id = kb_id
        if span_id:
            span.id = span_id
        made.append(span)
    group_class = _span_group_class()
    if group_class is not None:
        group = group_class(doc, name=name, attrs=attrs, spans=made)
        return group
    return made


def _span_group_class() -> Any:
    """lexloom.tokens.SpanGroup when the package has one (doc.spans may hold plain lists)."""
    from .. import tokens

    return getattr(tokens, "SpanGroup", None)


__all__ = ["DocBin", "ALL_ATTRS"]
