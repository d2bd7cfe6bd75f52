"""InMemoryLookupKB: the knowledge base held in memory, looked up by the alias's exact text.

The tables are native (kb/_lookup.pyx). Saved folders hold spaCy's files: `contents` (the
binary layout of spaCy's InMemoryLookupKB) and `strings.json`; to_bytes writes spaCy's
msgpack-of-JSON form. Either loads in spaCy, and spaCy's load here."""
from __future__ import annotations

import struct
import warnings
from pathlib import Path
from typing import Iterable, Optional, Union

import numpy
import srsly
from preshed.maps import PreshMap

from ..errors import KnowledgeBaseError, KnowledgeBaseFileError, LexloomWarning
from ._lookup import LookupTables
from .candidate import Candidate
from .kb import KnowledgeBase

# a little slack over 1.0 for the rounding of summed float priors, as spaCy allows
_MAX_PRIOR_SUM = 1.00001
# the size spaCy's entity and alias hash tables start at, until a bulk load sizes them
_DEFAULT_TABLE_SIZE = 8


def _hash_table_order(hashes, initial_size: int) -> list[int]:
    """`hashes` (in the order they were added) in the order spaCy lists them: that of its
    hash table (preshed's PreshMap) of `initial_size` after the same insertions."""
    table = PreshMap(max(int(initial_size), 1))
    for i, key in enumerate(hashes):
        table[int(key)] = i + 1
    return list(table.keys())


class InMemoryLookupKB(KnowledgeBase):
    """Entities, aliases and priors in memory; candidates are the entities of the alias that
    equals the mention's text."""

    def __init__(self, vocab, entity_vector_length: int):
        self._tables = LookupTables(int(entity_vector_length))
        # what spaCy's entity / alias tables were created with (get_*_strings' order)
        self._table_sizes = (_DEFAULT_TABLE_SIZE, _DEFAULT_TABLE_SIZE)
        super().__init__(vocab, entity_vector_length)
        self.vocab.strings.add("")

    @property
    def entity_vector_length(self) -> int:
        """The length of every entity vector; loading a saved KB sets it."""
        return int(self._tables.width)

    # ---- sizes and contents ------------------------------------------------------------

    def is_empty(self) -> bool:
        return len(self) == 0

    def __len__(self) -> int:
        return self.get_size_entities()

    def get_size_entities(self) -> int:
        return int(self._tables.n_entities)

    def get_size_aliases(self) -> int:
        return int(self._tables.n_aliases)

    def get_entity_strings(self) -> list[str]:
        """The entities' IDs, in spaCy's order (its hash table's, not insertion order)."""
        return [self.vocab.strings[h] for h in _hash_table_order(
            self._tables.entity_hashes(), self._table_sizes[0])]

    def get_alias_strings(self) -> list[str]:
        """The aliases, in spaCy's order (its hash table's, not insertion order)."""
        return [self.vocab.strings[h] for h in _hash_table_order(
            self._tables.alias_hashes(), self._table_sizes[1])]

    def contains_entity(self, entity: str) -> bool:
        return bool(self._tables.has_entity(self.vocab.strings.add(entity)))

    def contains_alias(self, alias: str) -> bool:
        return bool(self._tables.has_alias(self.vocab.strings.add(alias)))

    # ---- building ----------------------------------------------------------------------

    def _vector(self, entity: str, vector) -> numpy.ndarray:
        array = numpy.ascontiguousarray(vector, dtype=numpy.float32).reshape(-1)
        if array.shape[0] != self.entity_vector_length:
            raise KnowledgeBaseError(
                f"[E141] The vector of entity '{entity}' has length {array.shape[0]}, but this KB's "
                f"entity_vector_length is {self.entity_vector_length}. Give vectors of that "
                "length (or create the KB with the length your vectors have).")
        return array

    def add_entity(self, entity: str, freq: float, entity_vector: Iterable[float]
                   ) -> Optional[int]:
        """Add an entity with its corpus frequency and vector; its hash, or None (and a
        warning) if the KB has it already."""
        entity_hash = self.vocab.strings.add(entity)
        if self._tables.has_entity(entity_hash):
            warnings.warn(f"[W018] Entity '{entity}' is in the knowledge base already; the "
                          "duplicate is ignored.", LexloomWarning)
            return None
        self._tables.add_entity(entity_hash, float(freq), self._vector(entity, entity_vector))
        return entity_hash

    def set_entities(self, entity_list: Iterable[str], freq_list: Iterable[float],
                     vector_list: Iterable[Iterable[float]]) -> None:
        """Replace all entities at once (faster than add_entity one by one). Aliases stay,
        so set the entities before adding aliases."""
        entity_list, freq_list, vector_list = list(entity_list), list(freq_list), \
            list(vector_list)
        if not len(entity_list) == len(freq_list) == len(vector_list):
            raise KnowledgeBaseError(
                f"[E140] set_entities got {len(entity_list)} entities, {len(freq_list)} frequencies "
                f"and {len(vector_list)} vectors: give one frequency and one vector per entity.")
        hashes, freqs, rows, seen = [], [], [], set()
        for entity, freq, vector in zip(entity_list, freq_list, vector_list):
            entity_hash = self.vocab.strings.add(entity)
            if entity_hash in seen:
                warnings.warn(f"[W018] Entity '{entity}' is in the knowledge base already; the "
                              "duplicate is ignored.", LexloomWarning)
                continue
            seen.add(entity_hash)
            hashes.append(entity_hash)
            freqs.append(freq)
            rows.append(self._vector(entity, vector))
        width = self.entity_vector_length
        vectors = numpy.stack(rows) if rows else numpy.zeros((0, width), numpy.float32)
        self._table_sizes = (len(set(entity_list)) + 1, self._table_sizes[1])
        self._tables.set_entries(numpy.asarray(hashes, dtype=numpy.uint64),
                                 numpy.asarray(freqs, dtype=numpy.float32),
                                 numpy.arange(len(hashes), dtype=numpy.int32),
                                 numpy.ascontiguousarray(vectors, dtype=numpy.float32))

    def add_alias(self, alias: str, entities: Iterable[str],
                  probabilities: Iterable[float]) -> Optional[int]:
        """Add an alias with its candidate entities and their prior probabilities (summing
        to at most 1); its hash, or None (and a warning) if the KB has the alias already."""
        if alias is None or len(alias) == 0:
            raise KnowledgeBaseError(f"[E890] Can't add the alias {alias!r}: an alias needs text.")
        entities, probabilities = list(entities), list(probabilities)
        if len(entities) != len(probabilities):
            raise KnowledgeBaseError(
                f"[E132] Alias '{alias}' got {len(entities)} entities and {len(probabilities)} "
                "probabilities: give one prior probability per entity.")
        prob_sum = sum(probabilities)
        if prob_sum > _MAX_PRIOR_SUM:
            raise KnowledgeBaseError(
                f"[E133] The prior probabilities of alias '{alias}' sum to {prob_sum}, more than 1.")
        alias_hash = self.vocab.strings.add(alias)
        if self._tables.has_alias(alias_hash):
            warnings.warn(f"[W017] Alias '{alias}' is in the knowledge base already; the duplicate "
                          "is ignored (use append_alias to add candidates).", LexloomWarning)
            return None
        strings = self.vocab.strings
        unknown = self._tables.add_alias(alias_hash, [strings[e] for e in entities],
                                         [float(p) for p in probabilities])
        if unknown >= 0:
            raise KnowledgeBaseError(f"[E134] Alias '{alias}' names the entity '{entities[unknown]}', "
                                     "which is not in the knowledge base: add_entity it first.")
        return alias_hash

    def append_alias(self, alias: str, entity: str, prior_prob: float,
                     ignore_warnings: bool = False) -> None:
        """Add one more candidate entity to an alias the KB has."""
        alias_hash = self.vocab.strings[alias]
        if not self._tables.has_alias(alias_hash):
            raise KnowledgeBaseError(f"[E176] Can't append to alias '{alias}': it is not in the "
                                     "knowledge base. Add it with add_alias first.")
        entity_hash = self.vocab.strings[entity]
        if not self._tables.has_entity(entity_hash):
            raise KnowledgeBaseError(f"[E134] Can't link alias '{alias}' to entity '{entity}': the "
                                     "entity is not in the knowledge base. Add it first.")
        new_sum = self._tables.alias_prob_sum(alias_hash) + prior_prob
        if new_sum > _MAX_PRIOR_SUM:
            raise KnowledgeBaseError(f"[E133] The prior probabilities of alias '{alias}' would sum "
                                     f"to {new_sum}, more than 1.")
        added = self._tables.append_candidate(alias_hash, entity_hash, float(prior_prob))
        if not added and not ignore_warnings:
            warnings.warn(f"[W024] Entity '{entity}' is a candidate of alias '{alias}' already; "
                          "nothing changed.", LexloomWarning)

    # ---- lookups -----------------------------------------------------------------------

    def get_candidates(self, mention) -> list[Candidate]:
        """The candidates of the alias equal to the mention's text."""
        return self.get_alias_candidates(mention.text)

    def get_alias_candidates(self, alias: str) -> list[Candidate]:
        """The alias's candidate entities with their priors; [] for an unknown alias."""
        alias_hash = self.vocab.strings[alias]
        return [Candidate(self, entity_hash, freq, vector, alias_hash, prob)
                for entity_hash, freq, vector, prob in self._tables.candidates(alias_hash)]

    def get_vector(self, entity: str) -> list[float]:
        """The entity's vector; zeros for an entity the KB doesn't have."""
        vector = self._tables.vector(self.vocab.strings[entity])
        if vector is None:
            return [0] * self.entity_vector_length
        return vector.tolist()

    def get_prior_prob(self, entity: str, alias: str) -> float:
        """P(entity | alias), or 0.0 if the KB doesn't link them."""
        return float(self._tables.prior_prob(self.vocab.strings[entity],
                                             self.vocab.strings[alias]))

    # ---- saving ------------------------------------------------------------------------

    def to_bytes(self, **kwargs) -> bytes:
        """spaCy's form: msgpack of {"header", "entity_vectors", "entries", "aliases"}, each
        a JSON text. Strings are not included (the pipeline's vocab holds them)."""
        hashes, freqs, rows, vectors = self._tables.get_entries()
        a_hashes, counts, indices, probs = self._tables.get_aliases()
        bounds = numpy.concatenate([[0], numpy.cumsum(counts)]).tolist()
        indices, probs = indices.tolist(), probs.tolist()
        aliases = (srsly.json_dumps([[h, c] for h, c in zip(a_hashes.tolist(),
                                                               counts.tolist())]),
                   srsly.json_dumps([indices[s:e] for s, e in zip(bounds, bounds[1:])]),
                   srsly.json_dumps([probs[s:e] for s, e in zip(bounds, bounds[1:])]))
        msg = {"header": srsly.json_dumps((len(hashes), len(a_hashes),
                                           self.entity_vector_length)),
               "entity_vectors": srsly.json_dumps(vectors.tolist()),
               "entries": srsly.json_dumps([list(t) for t in zip(
                   hashes.tolist(), freqs.tolist(), rows.tolist())]),
               "aliases": srsly.json_dumps(aliases)}
        return srsly.msgpack_dumps(msg)

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = tuple()
                   ) -> "InMemoryLookupKB":
        exclude = set(exclude)
        try:
            msg = srsly.msgpack_loads(bytes_data)
            if not isinstance(msg, dict):
                raise TypeError("not a dict")
            parts = {key: srsly.json_loads(value) for key, value in msg.items()
                     if key not in exclude}
            if "header" in parts:
                self._tables.clear()
                self._tables.width = int(parts["header"][2])
                self._table_sizes = (int(parts["header"][0]) + 1, int(parts["header"][1]) + 1)
            width = self.entity_vector_length
            if "entity_vectors" in parts or "entries" in parts:
                old_hashes, old_freqs, old_rows, old_vectors = self._tables.get_entries()
                vectors = old_vectors
                if "entity_vectors" in parts:
                    vectors = numpy.zeros((len(parts["entity_vectors"]), width), numpy.float32)
                    for i, row in enumerate(parts["entity_vectors"]):
                        if len(row):  # spaCy's set_entities leaves an empty last row
                            vectors[i] = row
                entries = parts.get("entries")
                if entries is None:
                    entries = list(zip(old_hashes.tolist(), old_freqs.tolist(),
                                       old_rows.tolist()))
                self._tables.set_entries(
                    numpy.asarray([e[0] for e in entries], dtype=numpy.uint64),
                    numpy.asarray([e[1] for e in entries], dtype=numpy.float32),
                    numpy.asarray([e[2] for e in entries], dtype=numpy.int32), vectors)
            if "aliases" in parts:
                headers, indices, probs = (srsly.json_loads(p) for p in parts["aliases"])
                self._tables.set_aliases(
                    numpy.asarray([h[0] for h in headers], dtype=numpy.uint64),
                    numpy.asarray([len(ix) for ix in indices], dtype=numpy.int64),
                    numpy.asarray([i for ix in indices for i in ix], dtype=numpy.int64),
                    numpy.asarray([p for ps in probs for p in ps], dtype=numpy.float32))
        except (ValueError, TypeError, IndexError, KeyError) as e:
            raise KnowledgeBaseFileError(
                f"Can't load the knowledge base from bytes: not data written by "
                f"InMemoryLookupKB.to_bytes ({e}).") from None
        return self

    def to_disk(self, path: Union[str, Path], exclude: Iterable[str] = tuple()) -> None:
        """A folder with `contents` (the tables, spaCy's binary layout) and `strings.json`."""
        path = Path(path)
        if not path.exists():
            path.mkdir(parents=True)
        if not path.is_dir():
            raise KnowledgeBaseFileError(f"[E928] Can't save the knowledge base to {path}: it is a "
                                         "file; give a folder path.")
        exclude = set(exclude)
        if "contents" not in exclude:
            self.write_contents(path / "contents")
        if "strings" not in exclude:
            self.vocab.strings.to_disk(path / "strings.json")

    def from_disk(self, path: Union[str, Path], exclude: Iterable[str] = tuple()) -> None:
        path = Path(path)
        if not path.exists():
            raise KnowledgeBaseFileError(f"[E929] Can't load a knowledge base from {path}: it does "
                                         "not exist.")
        if not path.is_dir():
            raise KnowledgeBaseFileError(f"[E928] Can't load a knowledge base from {path}: it is a "
                                         "file; give the folder kb.to_disk wrote.")
        exclude = set(exclude)
        if "contents" not in exclude:
            self.read_contents(path / "contents")
        if "strings" not in exclude and (path / "strings.json").exists():
            self.vocab.strings.from_disk(path / "strings.json")

    def write_contents(self, file_path: Union[str, Path]) -> None:
        Path(file_path).write_bytes(self._tables.write_contents())

    def read_contents(self, file_path: Union[str, Path]) -> None:
        try:
            data = Path(file_path).read_bytes()
        except OSError as e:
            raise KnowledgeBaseFileError(f"Can't read the knowledge base file {file_path}: "
                                         f"{e.strerror}.") from None
        self._tables.read_contents(data, str(file_path))
        self._table_sizes = (self.get_size_entities() + 1, self.get_size_aliases() + 1)


class Writer:
    """Writes the fields of a KB `contents` file one by one (what write_contents writes in
    one pass): for tools that stream a KB to disk."""

    def __init__(self, path: Union[str, Path]):
        try:
            self._fp = open(path, "wb")
        except OSError as e:
            raise KnowledgeBaseFileError(f"Can't open {path} to write a knowledge base: "
                                         f"{e.strerror}.") from None

    def close(self) -> None:
        self._fp.close()

    def write_header(self, nr_entries: int, entity_vector_length: int) -> None:
        self._fp.write(struct.pack("=qq", nr_entries, entity_vector_length))

    def write_vector_element(self, element: float) -> None:
        self._fp.write(struct.pack("=f", element))

    def write_entry(self, entry_hash: int, entry_freq: float, vector_index: int) -> None:
        self._fp.write(struct.pack("=Qfi", entry_hash, entry_freq, vector_index))

    def write_alias_length(self, alias_length: int) -> None:
        self._fp.write(struct.pack("=q", alias_length))

    def write_alias_header(self, alias_hash: int, candidate_length: int) -> None:
        self._fp.write(struct.pack("=Qq", alias_hash, candidate_length))

    def write_alias(self, entry_index: int, prob: float) -> None:
        self._fp.write(struct.pack("=qf", entry_index, prob))


class Reader:
    """Reads the fields of a KB `contents` file one by one (the inverse of Writer); each
    read raises KnowledgeBaseFileError if the file ends first."""

    def __init__(self, path: Union[str, Path]):
        self._path = str(path)
        try:
            self._fp = open(path, "rb")
        except OSError as e:
            raise KnowledgeBaseFileError(f"Can't open the knowledge base file {path}: "
                                         f"{e.strerror}.") from None

    def close(self) -> None:
        self._fp.close()

    def _read(self, fmt: str, what: str) -> tuple:
        size = struct.calcsize(fmt)
        data = self._fp.read(size)
        if len(data) < size:
            raise KnowledgeBaseFileError(f"{self._path} ends before its {what}: not a complete "
                                         "knowledge base file.")
        return struct.unpack(fmt, data)

    def read_header(self) -> tuple[int, int]:
        return self._read("=qq", "header")

    def read_vector_element(self) -> float:
        return self._read("=f", "vector element")[0]

    def read_entry(self) -> tuple[int, float, int]:
        return self._read("=Qfi", "entity entry")

    def read_alias_length(self) -> int:
        return self._read("=q", "alias length")[0]

    def read_alias_header(self) -> tuple[int, int]:
        return self._read("=Qq", "alias header")

    def read_alias(self) -> tuple[int, float]:
        return self._read("=qf", "alias candidate")


__all__ = ["InMemoryLookupKB", "Reader", "Writer"]
