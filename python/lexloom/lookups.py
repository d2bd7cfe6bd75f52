"""Lookups: named tables of large language data (lemma rules, exceptions, lookup lists) keyed
by string id, saved as msgpack in `lookups.bin` exactly as spaCy writes it, so tables move
between the two libraries."""
from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import Any

import srsly
from preshed.bloom import BloomFilter

from .error_codes import Errors
from .errors import DeserializationError, LookupsError, LookupsKeyError
from .strings import get_string_id

UNSET = object()
# What msgpack raises on truncated or foreign bytes.
_UNPACK_ERRORS = (ValueError, TypeError, srsly.msgpack.exceptions.UnpackException)


def _checked_table_data(data: Any, where: str) -> dict:
    """Loaded table contents, which must map strings or 64-bit ids to values."""
    if not isinstance(data, dict):
        raise DeserializationError(f"{where}: a table's contents are not a map; write tables "
                                   "with Table.to_bytes / Lookups.to_disk.")
    for key in data:
        if not (isinstance(key, str) or (isinstance(key, int) and 0 <= key < 1 << 64)):
            raise DeserializationError(
                f"{where}: the table key {key!r} is neither a string nor a 64-bit id; write "
                "tables with Table.to_bytes / Lookups.to_disk.")
    return data
LOOKUPS_PACKAGE = "spacy-lookups-data"
# spacy-lookups-data registers one entry point per language in this group.
LOOKUPS_ENTRY_POINTS = "spacy_lookups"


class Table(OrderedDict):
    """A dict keyed by string id (str keys are hashed). A Bloom filter answers most misses
    without touching the dict; it is saved with the table, in preshed's format as spaCy's.
    `version` counts its changes, so a component caching what it read (the lemmatizer)
    sees an edit."""

    version = 0

    @classmethod
    def from_dict(cls, data: dict, name: str | None = None) -> "Table":
        table = cls(name=name)
        table.update(data)
        return table

    def __init__(self, name: str | None = None, data: dict | None = None) -> None:
        OrderedDict.__init__(self)
        self.name = name
        # spaCy sizes the filter for 1M items when no data hints the size.
        self.default_size = 1e6
        size = max(len(data), 1) if data is not None else self.default_size
        self.bloom = BloomFilter.from_error_rate(size)
        if data:
            self._fill(data)

    def _fill(self, data: dict) -> None:
        """What update(data) does, without a Python call per item: loading a lemmatizer's
        lookups puts hundreds of thousands of entries in (0.58 -> 0.24 s for French's)."""
        setitem, add = OrderedDict.__setitem__, self.bloom.add
        for key, value in data.items():
            if type(key) is not int:
                key = get_string_id(key)
            setitem(self, key, value)
            add(key)
        self.version += 1

    def __setitem__(self, key: str | int, value: Any) -> None:
        key = get_string_id(key)
        OrderedDict.__setitem__(self, key, value)
        self.bloom.add(key)
        self.version += 1

    def __delitem__(self, key: str | int) -> None:
        OrderedDict.__delitem__(self, get_string_id(key))
        self.version += 1

    def pop(self, key: str | int, *default: Any) -> Any:
        self.version += 1
        return OrderedDict.pop(self, get_string_id(key), *default)

    def popitem(self, last: bool = True) -> tuple:
        self.version += 1
        return OrderedDict.popitem(self, last)

    def clear(self) -> None:
        OrderedDict.clear(self)
        self.version += 1

    def set(self, key: str | int, value: Any) -> None:
        self[key] = value

    def __getitem__(self, key: str | int) -> Any:
        return OrderedDict.__getitem__(self, get_string_id(key))

    def get(self, key: str | int, default: Any = None) -> Any:
        return OrderedDict.get(self, get_string_id(key), default)

    def __contains__(self, key: str | int) -> bool:  # type: ignore[override]
        key = get_string_id(key)
        if key not in self.bloom:  # no false negatives; false positives checked below
            return False
        return OrderedDict.__contains__(self, key)

    def to_bytes(self) -> bytes:
        return srsly.msgpack_dumps({"name": self.name, "dict": dict(self.items()),
                                    "bloom": self.bloom.to_bytes()})

    def from_bytes(self, bytes_data: bytes) -> "Table":
        try:
            loaded = srsly.msgpack_loads(bytes_data)
            data = loaded.get("dict", {})
            name = loaded["name"]
            bloom = BloomFilter().from_bytes(loaded["bloom"])
        except _UNPACK_ERRORS + (KeyError, AttributeError) as e:
            raise DeserializationError(
                f"Table bytes are truncated or not a lookups table ({type(e).__name__}: {e}). "
                "Pass bytes written by Table.to_bytes.") from None
        data = _checked_table_data(data, "Table bytes")
        self.name = name
        self.bloom = bloom
        OrderedDict.clear(self)
        self._fill(data)
        return self


class Lookups:
    """Named Tables, available to components through vocab.lookups or their own lookups."""

    def __init__(self) -> None:
        self._tables: dict[str, Table] = {}
        self._changes = 0   # tables added, replaced or removed

    @property
    def version(self) -> tuple:
        """Changes so far, to the set of tables and within each: equal versions, same data."""
        return (getattr(self, "_changes", 0),
                *(getattr(t, "version", 0) for t in self._tables.values()))

    def __contains__(self, name: str) -> bool:
        return self.has_table(name)

    def __len__(self) -> int:
        return len(self._tables)

    @property
    def tables(self) -> list[str]:
        return list(self._tables)

    def add_table(self, name: str, data: dict | None = None) -> Table:
        """A new table (filled from `data`); a name already used is an error."""
        if name in self._tables:
            raise LookupsError(Errors.E158.format(name=name) + " It can't be added because "
                               "it already exists: use set_table to replace it, or "
                               "remove_table first.")
        table = Table(name=name, data=data if data is not None else {})
        self._tables[name] = table
        self._changes += 1
        return table

    def set_table(self, name: str, table: Table) -> None:
        self._tables[name] = table
        self._changes += 1

    def get_table(self, name: str, default: Any = UNSET) -> Table:
        if name not in self._tables:
            if default is UNSET:
                raise LookupsKeyError(self._missing(name))
            return default
        return self._tables[name]

    def remove_table(self, name: str) -> Table:
        if name not in self._tables:
            raise LookupsKeyError(self._missing(name))
        self._changes += 1
        return self._tables.pop(name)

    def has_table(self, name: str) -> bool:
        return name in self._tables

    def _missing(self, name: str) -> str:
        return (f"[E159] Can't find table {name!r} in lookups. Available tables: "
                f"{self.tables}. Add it with add_table, or load it from {LOOKUPS_PACKAGE} with load_lookups(lang, [{name!r}]).")

    def to_bytes(self, **kwargs) -> bytes:
        # Tables pack as plain maps: spaCy's lookups.bin holds no Bloom filters.
        return srsly.msgpack_dumps(self._tables)

    def from_bytes(self, bytes_data: bytes, *, _where: str = "Lookups bytes", **kwargs) -> "Lookups":
        try:
            msg = srsly.msgpack_loads(bytes_data)
        except _UNPACK_ERRORS as e:
            raise DeserializationError(
                f"{_where} are truncated or not msgpack ({type(e).__name__}: {e}). "
                "Write them with Lookups.to_bytes / to_disk.") from None
        if not isinstance(msg, dict) or not all(
                isinstance(k, str) and isinstance(v, dict) for k, v in msg.items()):
            raise DeserializationError(
                f"{_where} don't hold lookups: expected a map of table names to tables. "
                "Write them with Lookups.to_bytes / to_disk.")
        self._tables = {}
        for name, data in msg.items():
            self._tables[name] = Table(name, _checked_table_data(data, f"{_where}, table {name!r}"))
        self._changes = getattr(self, "_changes", 0) + 1
        return self

    def to_disk(self, path: str | Path, filename: str = "lookups.bin", **kwargs) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / filename).write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, filename: str = "lookups.bin", **kwargs) -> "Lookups":
        """Load `path/lookups.bin`; a missing file leaves the lookups as they are (as spaCy)."""
        filepath = Path(path) / filename
        if filepath.exists():
            return self.from_bytes(filepath.read_bytes(), _where=f"The file {filepath}")
        return self


def _language_data(lang: str) -> dict | None:
    """spacy-lookups-data's table paths for `lang`, or None when the package or language
    isn't there."""
    from importlib.metadata import entry_points

    for ep in entry_points(group=LOOKUPS_ENTRY_POINTS):
        if ep.name == lang:
            return ep.load()
    return None


def _read_table(value: Any, table: str, lang: str) -> dict:
    if isinstance(value, dict):
        return value
    path = Path(value)
    if path.exists():
        return srsly.read_json(path)
    gz = path.with_suffix(path.suffix + ".gz")
    if gz.exists():
        return srsly.read_gzip_json(gz)
    raise LookupsError(f"{LOOKUPS_PACKAGE} lists table {table!r} for {lang!r} at {path}, but "
                       "the file isn't there. Reinstall it: pip install --force-reinstall "
                       f"{LOOKUPS_PACKAGE}")


def load_lookups(lang: str, tables: list[str], strict: bool = True) -> Lookups:
    """The named tables for `lang` from the spacy-lookups-data package. A table (or the
    package) that isn't there is an error when `strict`, else an empty table (no tables at
    all when the package or language is missing)."""
    lookups = Lookups()
    data = _language_data(lang)
    if data is None:
        if strict and tables:
            raise LookupsError(
                f"[E955] Can't find table(s) {', '.join(tables)} for language {lang!r}: the "
                f"{LOOKUPS_PACKAGE} package is not installed or has no data for {lang!r}. "
                f"Install it with `pip install {LOOKUPS_PACKAGE}`, or provide the tables "
                "yourself (e.g. [initialize.components.lemmatizer.lookups]).")
        return lookups
    for table in tables:
        if table not in data:
            if strict:
                raise LookupsError(
                    f"[E955] Can't find table {table!r} for language {lang!r} in "
                    f"{LOOKUPS_PACKAGE} (it has: {', '.join(sorted(data))}). Provide the table yourself, e.g. "
                    "through [initialize.components.lemmatizer.lookups].")
            lookups.add_table(table, {})
        else:
            lookups.add_table(table, _read_table(data[table], table, lang))
    return lookups


__all__ = ["Lookups", "Table", "load_lookups"]
