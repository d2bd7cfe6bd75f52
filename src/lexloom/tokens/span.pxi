# Span: a slice doc[start:end] with a label, kb_id and id. Included by doc.pyx (see token.pxi);
# Python code imports it from lexloom.tokens.span, spaCy's path.


cdef class Span:
    """A slice doc[start:end] with an optional label, kb_id and id. It also keeps its
    character offsets, so a Span made before the Doc was retokenized still finds its tokens
    (see _realign)."""

    def __init__(self, Doc doc not None, int start, int end, label=0, vector=None,
                 vector_norm=None, kb_id=0, span_id=0):
        if not 0 <= start <= end <= doc.length:
            raise IndexError(f"[lexloom] [E035] Span [{start}:{end}] is out of range for a Doc of "
                             f"{doc.length} tokens.")
        self.doc = doc
        self._start = start
        self._end = end
        self._layout = doc._layout
        self._start_char = _char_start(doc, start, end)
        self._end_char = _char_end(doc, start, end)
        self.label = _span_string_id(doc, label, "label")
        if self.label != 0 and not isinstance(label, str) and self.label not in doc.vocab.strings:
            raise DocError(f"[E084] Span label id {self.label} is not in the StringStore; give "
                           "the label as a string, or add it first with "
                           "vocab.strings.add(label).")
        self.kb_id = _span_string_id(doc, kb_id, "kb_id")
        self.id = _span_string_id(doc, span_id, "span_id")
        self._vector = None if vector is None else numpy.asarray(vector)  # kept as given
        self._vector_norm = vector_norm  # likewise; None: computed from the vector

    def __len__(self):
        # as spaCy: end - start, also for bounds set past the Doc's end (0 when end < start)
        self._lo()
        return self._end - self._start if self._end > self._start else 0

    def __getitem__(self, key):
        cdef int n = len(self)
        if isinstance(key, slice):
            start, stop, step = key.indices(n)
            if step != 1:
                raise DocError("[E057] Span slices must have step 1.")
            return Span(self.doc, self._start + start, self._start + max(start, stop))
        cdef int i = key
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(f"[lexloom] [E1002] Token index {key} out of range for a Span of "
                             f"{n} tokens.")
        self._check_in_doc()
        return self.doc[self._start + i]

    def __iter__(self):
        cdef int i
        self._check_in_doc()
        for i in range(self._lo(), self._hi()):
            yield self.doc[i]

    cdef Span _moved_to(self, int start, int end):
        """This span's label, kb_id and id on the tokens [start, end) of the Doc as it is
        now: what Span(doc, start, end, label=..., ...) makes, without the argument checks
        (the retokenizer moves every doc.spans span this way)."""
        cdef Span span = Span.__new__(Span)
        span.doc = self.doc
        span._start = start
        span._end = end
        span._layout = self.doc._layout
        span._start_char = _char_start(self.doc, start, end)
        span._end_char = _char_end(self.doc, start, end)
        span.label = self.label
        span.kb_id = self.kb_id
        span.id = self.id
        return span

    cdef int _check_in_doc(self) except -1:
        """spaCy's IndexError for a span whose tokens (start and end set by hand) run past
        the end of the Doc, raised where its tokens are read."""
        self._lo()
        if self._start < self._end and self._end > self.doc.length:
            raise SpanIndexError(
                f"[E040] Attempt to access token at {max(self._start, self.doc.length)}, max "
                f"length {self.doc.length}: the span [{self._start}:{self._end}] runs past the "
                "end of its Doc.")
        return 0

    def __richcmp__(self, other, int op):
        """Equal: same Doc, offsets, label, kb_id and id. Order (as spaCy): by start and end
        character, then label, kb_id and id hashes. None sorts before any span."""
        if other is None:
            return op in (3, 4, 5)
        if not isinstance(other, Span):
            return op == 3
        cdef Span o = other
        if op == 2 or op == 3:
            # as spaCy: by character offsets (which setting start / end leaves as they are)
            same = (o.doc is self.doc and o._start_char == self._start_char
                    and o._end_char == self._end_char and o.label == self.label
                    and o.kb_id == self.kb_id and o.id == self.id)
            return same if op == 2 else not same
        mine = (self.start_char, self.end_char, self.label, self.kb_id, self.id)
        theirs = (o.start_char, o.end_char, o.label, o.kb_id, o.id)
        if op == 0:
            return mine < theirs
        if op == 1:
            return mine <= theirs
        if op == 4:
            return mine > theirs
        return mine >= theirs

    def __hash__(self):
        return hash((id(self.doc), self._start_char, self._end_char, self.label, self.kb_id,
                     self.id))

    def __reduce__(self):
        raise ViewPickleError(Errors.E112)

    def __repr__(self):
        return self.text

    def __str__(self):
        return self.text

    @property
    def vocab(self):
        return self.doc.vocab

    @property
    def text(self) -> str:
        self._check_in_doc()
        return self.doc._join(self._lo(), self._hi(), False)

    @property
    def text_with_ws(self) -> str:
        self._check_in_doc()
        return self.doc._join(self._lo(), self._hi(), True)

    # The bounds can be set, as in spaCy: each is stored as given (>= 0, else E1032) and the
    # others are left as they are: setting start / end moves the span's tokens but not its
    # start_char / end_char (nor its label, kb_id, id or a vector already given), and setting
    # start_char / end_char leaves its tokens. A span read from doc.spans is a copy: setting
    # its bounds leaves the group as it was (assign it back to change the group).
    property start:
        def __get__(self):
            self._lo()
            return self._start
        def __set__(self, int start):
            if start < 0:
                raise SpanIndexError(Errors.E1032.format(var="start", forbidden="< 0",
                                                         value=start))
            self._lo()
            self._start = start

    property end:
        def __get__(self):
            self._lo()
            return self._end
        def __set__(self, int end):
            if end < 0:
                raise SpanIndexError(Errors.E1032.format(var="end", forbidden="< 0", value=end))
            self._lo()
            self._end = end

    property start_char:
        def __get__(self):
            return self._start_char
        def __set__(self, int start_char):
            if start_char < 0:
                raise SpanIndexError(Errors.E1032.format(var="start_char", forbidden="< 0",
                                                         value=start_char))
            self._lo()  # keep the tokens found so far
            self._start_char = start_char

    property end_char:
        def __get__(self):
            return self._end_char
        def __set__(self, int end_char):
            if end_char < 0:
                raise SpanIndexError(Errors.E1032.format(var="end_char", forbidden="< 0",
                                                         value=end_char))
            self._lo()
            self._end_char = end_char

    cdef void _realign(self) noexcept:
        """Find the span's tokens again after the Doc was retokenized: merges and splits keep
        the text, so the character offsets still say where the span lies. A span whose edge
        now falls inside a merged token grows to cover that whole token."""
        cdef Doc doc = self.doc
        cdef int n = doc.length
        cdef int lo = 0, hi = n, mid
        if self._end_char > self._start_char:
            # first token ending after start_char
            while lo < hi:
                mid = (lo + hi) // 2
                if doc.c[mid].idx + doc.c[mid].lex.length > self._start_char:
                    hi = mid
                else:
                    lo = mid + 1
            self._start = lo
            hi = n
            # first token starting at or after end_char
            while lo < hi:
                mid = (lo + hi) // 2
                if doc.c[mid].idx >= self._end_char:
                    hi = mid
                else:
                    lo = mid + 1
            self._end = lo if lo > self._start else self._start
        else:
            while lo < hi:
                mid = (lo + hi) // 2
                if doc.c[mid].idx >= self._start_char:
                    hi = mid
                else:
                    lo = mid + 1
            self._start = self._end = lo
        self._layout = doc._layout
        self._moved = True

    property label_:
        def __get__(self): return _string_of(self.doc, self.label)
        def __set__(self, v): self.label = _annotation_id(self.doc, v, "Span.label_", True)
    property kb_id_:
        def __get__(self): return _string_of(self.doc, self.kb_id)
        def __set__(self, v): self.kb_id = _annotation_id(self.doc, v, "Span.kb_id_", True)
    property id_:
        def __get__(self): return _string_of(self.doc, self.id)
        def __set__(self, v): self.id = _annotation_id(self.doc, v, "Span.id_", True)
    # spaCy's older names: the root token's ent_id (the entity_ruler's pattern id, which
    # doc.ents also gives each entity Span as its id); read-only, as in spaCy (E200): set
    # span.id_, or the tokens' ent_id_
    property ent_id:
        def __get__(self): return self.root.ent_id
        def __set__(self, attr_t v):  # (spaCy's argument type: a TypeError before E200)
            raise SpanAttributeError("[E200] Span.ent_id can't be set; set Span.id (or the "
                                     "tokens' ent_id) instead.")
    property ent_id_:
        def __get__(self): return self.root.ent_id_
        def __set__(self, str v):
            raise SpanAttributeError("[E200] Span.ent_id_ can't be set; set Span.id_ (or the "
                                     "tokens' ent_id_) instead.")

    @property
    def ents(self):
        """The Doc's entities inside the span: a list, as spaCy's Span.ents (Doc.ents is a
        tuple)."""
        return [e for e in self.doc.ents if e.start >= self._lo() and e.end <= self._hi()]

    @property
    def orth_(self) -> str:
        return self.text

    @property
    def lemma_(self) -> str:
        """The tokens' lemmas joined with the tokens' whitespace."""
        self._check_in_doc()
        return "".join([t.lemma_ + t.whitespace_ for t in self]).strip()

    @property
    def tensor(self):
        """The span's rows of doc.tensor."""
        if self.doc.tensor is None:
            return None
        return self.doc.tensor[self._lo():self._hi()]

    @property
    def sentiment(self) -> float:
        """The user hook "sentiment", else the mean of the tokens' sentiment."""
        if "sentiment" in self.doc.user_span_hooks:
            return self.doc.user_span_hooks["sentiment"](self)
        return sum([token.sentiment for token in self]) / len(self)

    @property
    def conjuncts(self):
        """The conjuncts of the span's root."""
        return self.root.conjuncts

    @property
    def lefts(self):
        """Tokens left of the span whose heads are inside it (spaCy's order: by the inside
        token from last to first)."""
        for token in reversed(list(self)):
            for left in token.lefts:
                if left.i < self._lo():
                    yield left

    @property
    def rights(self):
        """Tokens right of the span whose heads are inside it."""
        for token in self:
            for right in token.rights:
                if right.i >= self._hi():
                    yield right

    @property
    def n_lefts(self) -> int:
        return len(list(self.lefts))

    @property
    def n_rights(self) -> int:
        return len(list(self.rights))

    @property
    def subtree(self):
        """The subtrees of the span's left dependents, the span, then its right ones'."""
        for word in self.lefts:
            yield from word.subtree
        yield from self
        for word in self.rights:
            yield from word.subtree

    def get_lca_matrix(self):
        """(n, n) int32 lowest-common-ancestor matrix of the span's tokens, as offsets into
        the span; -1 where the ancestor lies outside it."""
        return _lca_matrix_of(self.doc, self._lo(), self._hi())

    @property
    def noun_chunks(self):
        """The Doc's noun chunks that lie inside the span (as spaCy: a chunk is found with
        its whole left context, then kept if the span holds it)."""
        for chunk in _noun_chunks(self.doc):
            if chunk.start >= self._lo() and chunk.end <= self._hi():
                yield chunk

    @property
    def vector(self):
        """The mean of the token vectors (or the vector given when the Span was made);
        computed once per Span object and kept, as spaCy."""
        if "vector" in self.doc.user_span_hooks:
            return self.doc.user_span_hooks["vector"](self)
        if self._vector is None:
            self._check_in_doc()
            if "vector" in self.doc.user_token_hooks and self._hi() > self._lo():
                # the tokens' own vectors, hooked (spaCy sums token.vector)
                self._vector = sum(t.vector for t in self) / len(self)
            else:
                self._vector = _mean_vector(self.doc, self._lo(), self._hi())
        return self._vector

    @property
    def has_vector(self) -> bool:
        """Whether a token has a word vector (or the Doc a tensor), as spaCy: a vector
        given to the Span doesn't count."""
        if "has_vector" in self.doc.user_span_hooks:
            return self.doc.user_span_hooks["has_vector"](self)
        return _has_vector(self.doc, self._lo(), self._hi())

    @property
    def vector_norm(self) -> float:
        if "vector_norm" in self.doc.user_span_hooks:
            return self.doc.user_span_hooks["vector_norm"](self)
        if self._vector_norm is None:
            self._vector_norm = _norm(self.vector)
        return self._vector_norm

    def similarity(self, other) -> float:
        """Cosine similarity of the mean vectors; 1.0 for the same words."""
        if "similarity" in self.doc.user_span_hooks:
            return self.doc.user_span_hooks["similarity"](self, other)
        return _similarity(self, other, "Span")

    @property
    def sents(self):
        """The whole sentences the span overlaps (an empty span: the one it sits in)."""
        if "sents" in self.doc.user_span_hooks:
            yield from self.doc.user_span_hooks["sents"](self)
            return
        if "sents" in self.doc.user_hooks:
            for sent in self.doc.user_hooks["sents"](self.doc):
                if sent.end > self._lo():
                    if sent.start < self._hi() or sent.start == self._lo() == self._hi():
                        yield sent
                    else:
                        break
            return
        if not self.doc.has_annotation("SENT_START"):
            raise DocError(_NO_SENTENCES)
        cdef int n = self.doc.length
        if n == 0:
            return
        cdef int start = min(self._lo(), n - 1), end
        while start > 0 and self.doc.c[start].sent_start != 1:
            start -= 1
        while True:
            end = start + 1
            while end < n and self.doc.c[end].sent_start != 1:
                end += 1
            yield Span(self.doc, start, end)
            start = end
            if start >= self._hi() or start >= n:
                break

    @property
    def sent(self):
        """The sentence Span holding this span's first token."""
        if "sent" in self.doc.user_span_hooks:
            return self.doc.user_span_hooks["sent"](self)
        cdef int lo = self._lo()
        if lo >= self.doc.length and "sents" not in self.doc.user_hooks:
            # an empty span at the end: spaCy's search walks back to the last sentence
            # (doc[0:0] in an empty Doc)
            if self.doc.length == 0:
                return Span(self.doc, 0, 0)
            if not self.doc.has_annotation("SENT_START"):
                raise DocError(_NO_SENTENCES)
            return _sentence_of(self.doc, self.doc.length - 1)
        return _sentence_of(self.doc, lo)

    @property
    def root(self):
        """The token nearest the parse's root (spaCy's rule: a sentence root inside, else the
        fewest steps up among tokens whose head is outside, first on ties)."""
        if "root" in self.doc.user_span_hooks:
            return self.doc.user_span_hooks["root"](self)
        if self._hi() <= self._lo():
            return self.doc[self._lo()]  # as spaCy: the token at an empty span's start
        cdef int i = span_root(self.doc.c, self.doc.length, self._lo(), self._hi())
        if i < 0:
            raise HeadCycleError("[E039] The Doc's heads contain a cycle; the span has no root.")
        return self.doc[i]

    def to_array(self, attrs):
        """As Doc.to_array, for the span's tokens; a list of attributes gives one column
        each, even a list of one (spaCy's Span keeps the column where its Doc drops it)."""
        array = self.doc.to_array(attrs)[self._lo():self._hi()]
        if array.ndim == 1 and not isinstance(attrs, (int, str)):
            array = array.reshape(-1, 1)
        return array

    def char_span(self, int start_idx, int end_idx, label=0, kb_id=0, vector=None, id=0,
                  alignment_mode="strict", span_id=0):
        """As Doc.char_span, with offsets within the span. `id` is taken and, as in spaCy,
        unused (span_id sets the span's id)."""
        base = self.start_char
        return self.doc.char_span(base + start_idx, base + end_idx, label=label, kb_id=kb_id,
                                  vector=vector, alignment_mode=alignment_mode,
                                  span_id=span_id)

    def as_doc(self, *, bint copy_user_data=False, array_head=None, array=None):
        """A new Doc holding a copy of this span's tokens and annotations, as spaCy makes it:
        heads outside the span are re-attached (see _fix_dep_copy), entities cut by the span's
        edges become missing annotation, and with copy_user_data the Doc's user_data comes
        along, extension values shifted to the new character offsets.

        array_head (tuple): attribute ids of `array`; array: self.doc.to_array(array_head),
        both only to save recomputing them for many spans of one Doc."""
        self._check_in_doc()
        words = [t.text for t in self]
        spaces = [bool(t.whitespace_) for t in self]
        cdef Doc doc = Doc(self.doc.vocab, words=words, spaces=spaces)
        if array_head is None:
            array_head = Doc._get_array_attrs()
        ids, _ = _attr_ids(list(array_head))
        if array is None:
            array = self.doc.to_array(ids)
        array = numpy.array(numpy.asarray(array)[self._lo():self._hi()], dtype=numpy.uint64)
        if array.ndim == 1:
            array = array.reshape((array.shape[0], 1))
        self._fix_dep_copy(ids, array)
        if len(array) and A_ENT_IOB in ids:
            j = ids.index(A_ENT_IOB)
            if array[0, j] == 1:  # an entity continuing from before the span starts here
                array[0, j] = 3
        # LENGTH is read-only (the words fix it) and ORTH is already set.
        keep = [j for j, a in enumerate(ids) if a not in (A_LENGTH, A_ORTH)]
        if len(words) and keep:
            doc.from_array([ids[j] for j in keep], array[:, keep])
        span_ents = {(ent.start, ent.end) for ent in self.ents}
        doc_ents = doc.ents
        if len(doc_ents) > 0:
            first, last = doc_ents[0], doc_ents[-1]
            if (first.start + self._lo(), first.end + self._lo()) not in span_ents:
                doc.set_ents([], missing=[first], default="unmodified")
            if (last.start + self._lo(), last.end + self._lo()) not in span_ents:
                doc.set_ents([], missing=[last], default="unmodified")
        doc.user_hooks = self.doc.user_hooks
        doc.user_span_hooks = self.doc.user_span_hooks
        doc.user_token_hooks = self.doc.user_token_hooks
        if self.doc.tensor.size > 0:
            doc.tensor = self.doc.tensor[self._lo():self._hi()]
        for key, value in self.doc.cats.items():
            if hasattr(key, "__len__") and len(key) == 3:
                cat_start, cat_end, cat_label = key
                if cat_start == self.start_char and cat_end == self.end_char:
                    doc.cats[cat_label] = value
        if copy_user_data:
            user_data = {}
            offset = self.start_char
            for key, value in self.doc.user_data.items():
                if isinstance(key, tuple) and len(key) == 4 and key[0] == "._.":
                    kind, name, start, end = key
                    if start is not None or end is not None:
                        start -= offset
                        if end is not None:
                            end -= offset
                        user_data[(kind, name, start, end)] = copy.copy(value)
                else:
                    user_data[key] = copy.copy(value)
            doc.user_data = user_data
        return doc

    def _fix_dep_copy(self, ids, array):
        """Re-attach tokens whose head is outside the span, as spaCy does: label "dep", head
        the last (highest) ancestor inside the span; with none, the first such token of each
        old tree becomes a root and the others of that tree attach to it."""
        if A_HEAD not in ids:
            return array
        cdef int n = len(array), i, h, anc, steps, length = self.doc.length
        cdef int64_t value
        head_col = ids.index(A_HEAD)
        dep_col = ids.index(A_DEP) if A_DEP in ids else -1
        new_root_of = {}
        for i in range(n):
            h = self._lo() + i + self.doc.c[self._lo() + i].head
            anc = h - self._lo()
            if not 0 <= anc < n:
                if dep_col >= 0:
                    array[i, dep_col] = self.doc.vocab.strings.add("dep")
                h = self._lo() + i
                steps = 0
                while self.doc.c[h].head != 0 and steps < length:  # token.ancestors' bound
                    h += self.doc.c[h].head
                    anc = h - self._lo()
                    if 0 <= anc < n:
                        array[i, head_col] = numpy.int64(anc - i).astype(numpy.uint64)
                    steps += 1
            value = <int64_t>(<uint64_t>array[i, head_col])
            if not 0 <= i + value < n:
                if anc in new_root_of:
                    array[i, head_col] = numpy.int64(new_root_of[anc] - i).astype(numpy.uint64)
                else:
                    array[i, head_col] = 0
                    new_root_of[anc] = i
        return array

    @property
    def _(self):
        return new_underscore(Underscore, Underscore.span_extensions, self, self.doc,
                              self.start_char, self.end_char)

    @classmethod
    def set_extension(cls, name, **kwargs):
        Underscore.set_extension(Underscore.span_extensions, "Span", name, **kwargs)

    @classmethod
    def get_extension(cls, name):
        return Underscore.span_extensions.get(name)

    @classmethod
    def has_extension(cls, name):
        return name in Underscore.span_extensions

    @classmethod
    def remove_extension(cls, name):
        return Underscore.remove_extension(Underscore.span_extensions, name)


cdef inline int _char_start(Doc doc, int start, int end) noexcept:
    """The span's first character: its first token's, or for an empty span the offset of
    the token it sits before (the text's end past the last token)."""
    cdef TokenC* last
    if start < doc.length:
        return doc.c[start].idx
    if doc.length == 0:
        return 0
    last = &doc.c[doc.length - 1]
    return last.idx + last.lex.length + (1 if last.spacy else 0)


cdef inline int _char_end(Doc doc, int start, int end) noexcept:
    cdef TokenC* last
    if end <= start:
        return _char_start(doc, start, end)
    last = &doc.c[end - 1]
    return last.idx + last.lex.length


def _span_string_id(Doc doc, value, str name):
    """A Span's label / kb_id / span_id as a string id: a str (added to the strings) or an
    int id; anything else is refused (3.5 would have become the id 3, IS_DIGIT)."""
    if isinstance(value, str):
        return doc.vocab.strings.add(value)
    if isinstance(value, (int, numpy.integer)) and not isinstance(value, bool):
        return value
    raise TypeError(f"[lexloom] Span {name} must be a string or its int id, not "
                    f"{type(value).__name__} {value!r}.")
