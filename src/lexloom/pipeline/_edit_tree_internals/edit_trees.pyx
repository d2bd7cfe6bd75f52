# cython: language_level=3, boundscheck=False, wraparound=False
"""EditTrees: the edit trees of a trainable_lemmatizer (csrc/lexloom/edit_trees.hh).

Building, applying and (de)serialising trees is native; this class checks arguments once at
the Python boundary. The batch methods (add_pairs, choose, apply_batch) serve the component:
one native call per batch of tokens.
"""
from libc.stdint cimport int64_t, uint8_t, uint32_t, uint64_t
from libcpp cimport bool as cbool
from libcpp.string cimport string
from libcpp.string_view cimport string_view
from libcpp.vector cimport vector

cimport numpy as np

import pathlib

import numpy

from ...core cimport CStringStore, hash_t
from ...strings cimport StringStore, decode_utf8, encode_text

from ...errors import DeserializationError, EditTreeError, EditTreeIndexError

np.import_array()

NULL_TREE_ID = 0xFFFFFFFF

cdef extern from "lexloom/edit_trees.hh" namespace "lexloom" nogil:
    cdef struct EditTreeC:
        cbool is_match
        uint32_t prefix_len
        uint32_t suffix_len
        uint32_t prefix_tree
        uint32_t suffix_tree
        hash_t orig
        hash_t subst

    cdef cppclass CEditTrees "lexloom::EditTrees":
        CEditTrees(CStringStore* strings)
        uint32_t add(string_view form, string_view lemma) except +
        cbool apply(uint32_t tree_id, string_view form, string* out) except +
        string to_str(uint32_t tree_id) except +
        size_t size()
        const EditTreeC& tree(uint32_t tree_id)
        int set_trees(const vector[EditTreeC]& trees, int64_t* bad) except +
        void clear()
        string to_msgpack() except +
        int from_msgpack(const char* data, size_t size, int64_t* bad, string* error) except +
        int add_pairs(const hash_t* forms, const hash_t* lemmas, int64_t n,
                      const CStringStore& form_strings, const CStringStore& lemma_strings,
                      int64_t* out, int64_t* bad) except +
        int choose_trees(const float* scores, int64_t n, int64_t n_labels,
                         const int64_t* label_trees, int64_t top_k, const hash_t* forms,
                         const CStringStore& form_strings, int64_t* out, int64_t* bad) except +
        int apply_batch(const int64_t* tree_ids, const hash_t* forms, int64_t n,
                        const CStringStore& form_strings, CStringStore* out_strings,
                        cbool transient, hash_t* lemmas, uint8_t* applied,
                        int64_t* bad) except +

cdef enum:
    EDIT_TREE_OK = 0
    EDIT_TREE_BAD_ID = 1
    EDIT_TREE_BAD_SUBTREE = 2
    EDIT_TREE_UNKNOWN_STRING = 3

_MATCH_KEYS = ("prefix_len", "suffix_len", "prefix_tree", "suffix_tree")
_SUBST_KEYS = ("orig", "subst")


cdef inline string_view _view(bytes b):
    return string_view(<const char*>b, len(b))


cdef class EditTrees:
    """Container for edit trees: add(form, lemma) gives a tree id, apply(tree_id, form) a
    lemma. Strings of substitution nodes are interned in the given StringStore."""

    cdef CEditTrees* c
    cdef readonly StringStore strings

    def __cinit__(self, StringStore strings not None):
        self.strings = strings
        self.c = new CEditTrees(strings.c)

    def __init__(self, StringStore strings not None):
        """strings (StringStore): where the strings of substitution nodes live."""

    def __dealloc__(self):
        del self.c

    cdef uint32_t _check_id(self, tree_id) except? 0xFFFFFFFF:
        if isinstance(tree_id, bool) or not isinstance(tree_id, (int, numpy.integer)):
            raise EditTreeIndexError(f"Edit tree ids are ints, not {type(tree_id).__name__}.")
        if tree_id < 0 or tree_id >= <int64_t>self.c.size():
            raise EditTreeIndexError(
                f"Edit tree id {tree_id} is out of range: this container holds "
                f"{self.c.size()} trees (ids 0..{<int64_t>self.c.size() - 1}).")
        return tree_id

    def add(self, str form, str lemma) -> int:
        """Add the tree that rewrites `form` into `lemma`; returns its id (the existing id when
        an identical tree is already here)."""
        cdef bytes f = encode_text(form)
        cdef bytes l = encode_text(lemma)
        return self.c.add(_view(f), _view(l))

    def apply(self, tree_id, str form):
        """The lemma that tree `tree_id` makes of `form`, or None when it doesn't apply."""
        cdef uint32_t tid = self._check_id(tree_id)
        cdef bytes f = encode_text(form)
        cdef string out
        if not self.c.apply(tid, _view(f), &out):
            return None
        return decode_utf8(out.data(), out.size())

    def tree_to_str(self, tree_id) -> str:
        """The tree as an S-expression, for debugging: (m prefix_len suffix_len prefix suffix)
        for match nodes, (s 'orig' 'subst') for substitution nodes, () for no subtree."""
        cdef uint32_t tid = self._check_id(tree_id)
        cdef string s = self.c.to_str(tid)
        return decode_utf8(s.data(), s.size())

    def __len__(self) -> int:
        return self.c.size()

    def __getitem__(self, tree_id) -> dict:
        """The tree as a dict: prefix_len/suffix_len/prefix_tree/suffix_tree or orig/subst
        (string ids)."""
        cdef uint32_t tid = self._check_id(tree_id)
        cdef const EditTreeC* t = &self.c.tree(tid)
        if t.is_match:
            return {"prefix_len": t.prefix_len, "suffix_len": t.suffix_len,
                    "prefix_tree": t.prefix_tree, "suffix_tree": t.suffix_tree}
        return {"orig": t.orig, "subst": t.subst}

    def from_json(self, trees):
        """Replace the trees with `trees`, a list of dicts as __getitem__ gives them (orig/subst
        may also be strings). Raises EditTreeError naming the first bad tree."""
        cdef vector[EditTreeC] c_trees
        cdef EditTreeC t
        cdef int64_t bad = -1
        if not isinstance(trees, (list, tuple)):
            raise EditTreeError(f"Edit trees are a list of dicts, not {type(trees).__name__}.")
        for i, tree in enumerate(trees):
            t = self._dict2tree(tree, i)
            c_trees.push_back(t)
        status = self.c.set_trees(c_trees, &bad)
        if status != EDIT_TREE_OK:
            raise EditTreeError(_set_trees_problem(status, bad))
        return self

    cdef EditTreeC _dict2tree(self, tree, int64_t i) except *:
        cdef EditTreeC t
        if not isinstance(tree, dict):
            raise EditTreeError(f"Edit tree {i} is a {type(tree).__name__}, not a dict.")
        keys = set(tree)
        if keys == set(_MATCH_KEYS):
            for key in _MATCH_KEYS:
                _check_int(tree[key], i, key, 0xFFFFFFFF)
            t.is_match = True
            t.prefix_len = tree["prefix_len"]
            t.suffix_len = tree["suffix_len"]
            t.prefix_tree = tree["prefix_tree"]
            t.suffix_tree = tree["suffix_tree"]
            t.orig = t.subst = 0
        elif keys == set(_SUBST_KEYS):
            t.is_match = False
            t.prefix_len = t.suffix_len = 0
            t.prefix_tree = t.suffix_tree = NULL_TREE_ID
            t.orig = self._string_id(tree["orig"], i, "orig")
            t.subst = self._string_id(tree["subst"], i, "subst")
        else:
            raise EditTreeError(
                f"Edit tree {i} has keys {sorted(map(str, keys))}; a tree has exactly "
                f"{list(_MATCH_KEYS)} (a match node) or {list(_SUBST_KEYS)} (a substitution "
                "node).")
        return t

    cdef hash_t _string_id(self, value, int64_t i, str key) except? 0:
        if isinstance(value, str):
            return self.strings.add(value)
        _check_int(value, i, key, 2 ** 64 - 1)
        return value

    def to_bytes(self, **kwargs) -> bytes:
        """msgpack of {"trees": [...]}, the bytes spaCy's EditTrees.to_bytes writes."""
        cdef string data = self.c.to_msgpack()
        return data.data()[:data.size()]

    def from_bytes(self, bytes_data, **kwargs):
        """Replace the trees with those in `bytes_data` (to_bytes output, lexloom's or
        spaCy's). Their strings must already be in the StringStore (a pipeline loads its
        vocab first)."""
        cdef int64_t bad = -1
        cdef string error
        cdef const unsigned char[::1] view
        if not isinstance(bytes_data, (bytes, bytearray, memoryview)):
            raise DeserializationError(f"EditTrees.from_bytes takes bytes, not "
                                       f"{type(bytes_data).__name__}.")
        data = bytes(bytes_data)
        view = data
        status = self.c.from_msgpack(<const char*>&view[0] if len(data) else NULL, len(data),
                                     &bad, &error)
        if status != EDIT_TREE_OK:
            where = f" (tree {bad})" if bad >= 0 else ""
            fix = (" Load the pipeline's vocab (its strings) before the trees."
                   if status == EDIT_TREE_UNKNOWN_STRING else
                   " The data is not an edit trees file written by to_bytes/to_disk.")
            raise DeserializationError(f"Can't load edit trees: "
                                       f"{error.decode('utf-8', 'replace')}{where}.{fix}")
        return self

    def __reduce__(self):
        """Pickle as the StringStore plus to_bytes (the C++ trees can't be pickled)."""
        return (_unpickle_edit_trees, (self.strings, self.to_bytes()))

    def to_disk(self, path, **kwargs) -> None:
        pathlib.Path(path).write_bytes(self.to_bytes())

    def from_disk(self, path, **kwargs):
        """Load trees from `path`; a missing file leaves the trees as they are (as spaCy)."""
        path = pathlib.Path(path)
        if not path.exists():
            return self
        try:
            data = path.read_bytes()
        except OSError as e:
            raise DeserializationError(f"Can't read edit trees from {path}: {e}") from None
        try:
            return self.from_bytes(data)
        except DeserializationError as e:
            raise DeserializationError(f"{path}: {e}") from None

    # ---- batches: one native call per batch of tokens ----------------------------------

    def add_pairs(self, forms, lemmas, StringStore form_strings not None,
                  StringStore lemma_strings not None) -> numpy.ndarray:
        """Tree ids (int64) for each (form id, lemma id) pair, adding new trees."""
        cdef np.ndarray f = _ids(forms, "forms")
        cdef np.ndarray l = _ids(lemmas, "lemmas")
        if f.shape[0] != l.shape[0]:
            raise EditTreeError(f"add_pairs got {f.shape[0]} forms but {l.shape[0]} lemmas.")
        cdef int64_t n = f.shape[0]
        cdef np.ndarray out = numpy.empty(n, dtype=numpy.int64)
        cdef int64_t bad = -1
        status = self.c.add_pairs(<const hash_t*>f.data, <const hash_t*>l.data, n,
                                  form_strings.c[0], lemma_strings.c[0],
                                  <int64_t*>out.data, &bad)
        if status != EDIT_TREE_OK:
            raise EditTreeError(f"Pair {bad}: the form id {f[bad]} or lemma id {l[bad]} is not "
                                "in its StringStore.")
        return out

    def choose(self, scores, label_trees, int64_t top_k, forms,
               StringStore form_strings not None) -> numpy.ndarray:
        """Per token, the first of its top_k labels (by score, ties to the lower label) whose
        tree applies to the token's form, as a tree id; -1 where none applies."""
        cdef np.ndarray s = numpy.ascontiguousarray(scores, dtype=numpy.float32)
        cdef np.ndarray labels = numpy.ascontiguousarray(label_trees, dtype=numpy.int64)
        cdef np.ndarray f = _ids(forms, "forms")
        if labels.ndim != 1:
            raise EditTreeError(f"label_trees must be one tree id per label (1-d), not an "
                                f"array of shape {numpy.shape(label_trees)}.")
        if s.ndim != 2 or s.shape[0] != f.shape[0] or s.shape[1] != labels.shape[0]:
            raise EditTreeError(
                f"scores must have shape (n_tokens, n_labels) = ({f.shape[0]}, "
                f"{labels.shape[0]}), not {numpy.shape(scores)}.")
        if not numpy.isfinite(s).all():
            raise EditTreeError("scores contain NaN or infinite values; the model's output "
                                "can't be ranked (check for diverged training).")
        cdef int64_t n = f.shape[0]
        cdef np.ndarray out = numpy.empty(n, dtype=numpy.int64)
        cdef int64_t bad = -1
        status = self.c.choose_trees(<const float*>s.data, n, labels.shape[0],
                                     <const int64_t*>labels.data, top_k,
                                     <const hash_t*>f.data, form_strings.c[0],
                                     <int64_t*>out.data, &bad)
        if status == EDIT_TREE_BAD_ID:
            raise EditTreeIndexError(f"Label {bad} names tree {labels[bad]}, but this container "
                                     f"holds {self.c.size()} trees.")
        if status != EDIT_TREE_OK:
            raise EditTreeError(f"Token {bad}: its form id {f[bad]} is not in the StringStore.")
        return out

    def apply_batch(self, tree_ids, forms, StringStore form_strings not None,
                    StringStore out_strings not None):
        """(lemma ids uint64, applied bool) for each (tree id, form id); tree id -1 skips the
        token. Lemmas are interned in out_strings (transiently inside a memory zone)."""
        cdef np.ndarray t = numpy.ascontiguousarray(tree_ids, dtype=numpy.int64)
        cdef np.ndarray f = _ids(forms, "forms")
        if t.ndim != 1 or t.shape[0] != f.shape[0]:
            raise EditTreeError(f"apply_batch got {t.size} tree ids for {f.shape[0]} forms.")
        cdef int64_t n = f.shape[0]
        cdef np.ndarray lemmas = numpy.empty(n, dtype=numpy.uint64)
        cdef np.ndarray applied = numpy.empty(n, dtype=numpy.uint8)
        cdef int64_t bad = -1
        status = self.c.apply_batch(<const int64_t*>t.data, <const hash_t*>f.data, n,
                                    form_strings.c[0], out_strings.c, out_strings.transient,
                                    <hash_t*>lemmas.data, <uint8_t*>applied.data, &bad)
        if status == EDIT_TREE_BAD_ID:
            raise EditTreeIndexError(f"Token {bad}: tree id {t[bad]} is out of range (this "
                                     f"container holds {self.c.size()} trees).")
        if status != EDIT_TREE_OK:
            raise EditTreeError(f"Token {bad}: its form id {f[bad]} is not in the StringStore.")
        return lemmas, applied.astype(bool)


cdef np.ndarray _ids(values, str name):
    arr = numpy.asarray(values)
    if arr.ndim != 1:
        raise EditTreeError(f"{name} must be a 1-D array of string ids, got shape {arr.shape}.")
    if arr.size and not numpy.issubdtype(arr.dtype, numpy.integer):
        raise EditTreeError(f"{name} must hold integer string ids, got dtype {arr.dtype}.")
    return numpy.ascontiguousarray(arr, dtype=numpy.uint64)


def _check_int(value, int64_t i, str key, max_value):
    if isinstance(value, bool) or not isinstance(value, (int, numpy.integer)):
        raise EditTreeError(f"Edit tree {i}: '{key}' must be an int, not "
                            f"{type(value).__name__} ({value!r}).")
    if value < 0 or value > max_value:
        raise EditTreeError(f"Edit tree {i}: '{key}' = {value} is out of range "
                            f"(0..{max_value}).")


def _unpickle_edit_trees(StringStore strings, bytes data):
    return EditTrees(strings).from_bytes(data)


def _set_trees_problem(int status, int64_t bad) -> str:
    if status == EDIT_TREE_BAD_SUBTREE:
        return (f"Edit tree {bad} is a match node whose prefix_tree or suffix_tree is not an "
                f"earlier tree (subtree ids must be < {bad}, or {NULL_TREE_ID} for none).")
    if status == EDIT_TREE_UNKNOWN_STRING:
        return (f"Edit tree {bad} is a substitution node whose orig or subst string id is not "
                "in the StringStore; add the strings first (or give them as str).")
    return f"Edit tree {bad} is invalid (status {status})."
