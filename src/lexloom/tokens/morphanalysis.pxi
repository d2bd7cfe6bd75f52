# MorphAnalysis: a read-only view of one token's morphological features (token.morph). Native,
# as spaCy's, because code reads it per token (str(token.morph), morph.get(field)); the FEATS
# parsing it needs lives in lexloom.morphology. Included by doc.pyx; Python code imports it
# from lexloom.tokens.morphanalysis or lexloom.morphology.

_NO_FEATURES = object()


cdef class MorphAnalysis:
    """The features of one token (token.morph): str(), to_dict(), get(field), `in`."""

    cdef readonly Vocab vocab
    cdef readonly attr_t key

    def __init__(self, Vocab vocab, features=_NO_FEATURES):
        """`features`: the features as a FEATS string or a dict (spaCy's constructor), added
        to vocab.morphology; or the hash of a FEATS string (what tokens store: lexloom's
        shortcut for from_id). Features of another form give no features, with warning
        W100, as in spaCy."""
        self.vocab = vocab
        if isinstance(features, int) and not isinstance(features, bool):
            self.key = features
            return
        if features is _NO_FEATURES:
            features = {}
        self.key = vocab.morphology.add(features)

    @staticmethod
    cdef MorphAnalysis of_key(Vocab vocab, attr_t key):
        """The view of a stored key, without the constructor's checks (per token)."""
        cdef MorphAnalysis morph = MorphAnalysis.__new__(MorphAnalysis)
        morph.vocab = vocab
        morph.key = key
        return morph

    cdef str _feats(self):
        # an analysis the vocab knows is its FEATS string; other keys are checked once by
        # Morphology.get (and remembered there when they are one)
        cdef str text
        if self.key in self.vocab.morphology.tags:
            text = self.vocab.strings.decode(self.key)
        else:
            text = self.vocab.morphology.get(self.key)
        return "" if text is None or text == EMPTY_MORPH else text

    def __str__(self):
        return self._feats()

    def __repr__(self):
        return self._feats()

    def __reduce__(self):
        # spaCy's MorphAnalysis can't be pickled; a Doc travels with its morphology
        raise DocTypeError("[lexloom] A MorphAnalysis can't be pickled on its own (a TypeError, "
                           "as in spaCy); pickle the Doc, or keep str(token.morph).")

    def to_dict(self) -> dict:
        return feats_to_dict(self._feats())

    @classmethod
    def from_id(cls, Vocab vocab, attr_t key):
        """The analysis stored under `key` (a token's MORPH hash)."""
        return MorphAnalysis.of_key(vocab, key)

    def to_json(self) -> str:
        """The features as a Universal Dependencies FEATS string ("" when none)."""
        return self._feats()

    def get(self, field, default=None) -> list:
        values = _morph_field_values(self._feats()).get(field)
        if values is None:
            return [] if default is None else default
        return list(values)

    def __contains__(self, feature) -> bool:
        """Whether "Field=Value" (or its string id) is one of the features."""
        if not isinstance(feature, str):
            feature = self.vocab.strings[feature] if feature in self.vocab.strings else None
        return feature in _morph_feature_set(self._feats())

    def __iter__(self):
        return iter(_morph_features(self._feats()))

    def __len__(self):
        return len(_morph_features(self._feats()))

    def __richcmp__(self, other, int op):
        if op == 2 or op == 3:
            if isinstance(other, str):  # spaCy's E977: compare str(morph) instead
                raise DocError(Errors.E977)
            equal = self.key == other.key
            return equal if op == 2 else not equal
        return NotImplemented

    def __hash__(self):
        # spaCy's: the key as a signed 64-bit integer
        cdef int64_t key = <int64_t>self.key
        return -2 if key == -1 else key
