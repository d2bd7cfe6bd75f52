# Token: a view of one token of a Doc, and the tree walks it uses. Included by doc.pyx (one
# extension module, so Doc, Token and Span share their C types without cross-module imports);
# Python code imports it from lexloom.tokens.token, spaCy's path.


def _subtree_indices(Doc doc, int i):
    """Token i's subtree as indices, in spaCy's order (one native call)."""
    cdef int n = doc.length
    cdef vector[int32_t] out   # (no numpy array: most subtrees are a few tokens)
    out.resize(max(n, 1))
    cdef int k = token_subtree(doc.c, n, i, out.data())
    if k < 0:
        raise DocError("The Doc's heads contain a cycle; the token has no subtree.")
    return [out[j] for j in range(k)]


def _conjuncts(Doc doc, int i):
    """Indices of the tokens coordinated with token i: climb "conj" arcs to the first
    conjunct, then gather its "conj" descendants (right children only, as spaCy)."""
    cdef attr_t conj = doc.vocab.strings.add("conj")
    cdef const TokenC* c = doc.c
    cdef int start = i, steps = 0, n = doc.length, j, w, q = 0
    while c[start].head != 0 and c[start].dep == conj and steps < n:
        start += c[start].head
        steps += 1
    queue = [start]
    out = [start]
    while q < len(queue):
        w = queue[q]
        q += 1
        for j in range(w + 1, c[w].r_edge + 1):
            if j + c[j].head == w and c[j].dep == conj and len(out) <= n:
                out.append(j)
                queue.append(j)
    return [j for j in out if j != i]


cdef int _root_of(const TokenC* tokens, int n, int i):
    """The root reached by following heads from token i (bounded, in case of a cycle)."""
    cdef int steps = 0
    while tokens[i].head != 0 and steps <= n:
        i += tokens[i].head
        steps += 1
    return i


cdef class Token:
    """One token of a Doc: a view holding the Doc and an index."""

    @staticmethod
    cdef Token cinit(Doc doc, int i):
        cdef Token t = Token.__new__(Token)
        t.doc = doc
        t.i = i
        return t

    def __init__(self, vocab, Doc doc, int offset):
        if not 0 <= offset < doc.length:
            raise IndexError(f"[lexloom] Token index {offset} out of range.")
        self.doc = doc
        self.i = offset

    cdef TokenC* _c(self) except NULL:
        # The Doc's buffer may have moved since this view was made; a retokenize may have
        # made it shorter than this token's index (reading or writing past the tokens)
        if self.i >= self.doc.length:
            raise IndexError(
                f"[lexloom] [E040] This Token (index {self.i}) is no longer in its Doc, "
                f"which has {self.doc.length} tokens since a retokenize: take the token again "
                "from the Doc (doc[i]).")
        return &self.doc.c[self.i]

    def __len__(self):
        return self._c().lex.length

    def __str__(self):
        return self.text

    def __repr__(self):
        return self.text

    def __richcmp__(self, other, int op):
        """Tokens order by character offset (as spaCy); equal only within one Doc. None
        sorts before any token; other types are never equal."""
        if other is None:
            return op in (3, 4, 5)
        if not isinstance(other, Token):
            return op == 3
        cdef Token o = other
        if op == 2:
            return o.doc is self.doc and o.i == self.i
        if op == 3:
            return not (o.doc is self.doc and o.i == self.i)
        cdef int mine = self._c().idx, theirs = o._c().idx
        if op == 0:
            return mine < theirs
        if op == 1:
            return mine <= theirs
        if op == 4:
            return mine > theirs
        return mine >= theirs

    def __hash__(self):
        return hash((id(self.doc), self.i))

    def __reduce__(self):
        raise ViewPickleError(Errors.E111)

    @property
    def vocab(self):
        return self.doc.vocab

    @property
    def vector(self):
        """This word's vector from vocab.vectors (zeros when it has none)."""
        if "vector" in self.doc.user_token_hooks:
            return self.doc.user_token_hooks["vector"](self)
        if self.doc.vocab.vectors.size == 0 and self.doc.tensor.size != 0:
            return self.doc.tensor[self.i]
        return _vectors_of(self.doc, self.i, self.i + 1)[0]

    @property
    def has_vector(self) -> bool:
        if "has_vector" in self.doc.user_token_hooks:
            return self.doc.user_token_hooks["has_vector"](self)
        return _has_vector(self.doc, self.i, self.i + 1)

    @property
    def vector_norm(self) -> float:
        if "vector_norm" in self.doc.user_token_hooks:
            return self.doc.user_token_hooks["vector_norm"](self)
        return _norm(self.vector)

    def similarity(self, other) -> float:
        """Cosine similarity of the vectors; 1.0 for the same word."""
        if "similarity" in self.doc.user_token_hooks:
            return self.doc.user_token_hooks["similarity"](self, other)
        return _similarity(self, other, "Token")

    @property
    def text(self) -> str:
        return self.doc.vocab.strings.decode(self._c().lex.orth)

    @property
    def orth(self) -> int:
        return self._c().lex.orth

    @property
    def orth_(self) -> str:
        return self.text

    @property
    def text_with_ws(self) -> str:
        return self.text + (" " if self._c().spacy else "")

    @property
    def whitespace_(self) -> str:
        return " " if self._c().spacy else ""

    @property
    def idx(self) -> int:
        return self._c().idx

    @property
    def lex_id(self) -> int:
        """spaCy's lexeme id: the word's rank (its vectors row, else OOV_RANK)."""
        return self.doc.vocab._rank(self._c().lex.orth)

    def check_flag(self, int flag_id) -> bool:
        return lex_check_flag(self._c().lex, flag_id)

    @property
    def lower(self) -> int: return self._c().lex.lower
    @property
    def lower_(self) -> str: return _string_of(self.doc, self._c().lex.lower)
    @property
    def shape(self) -> int: return self._c().lex.shape
    @property
    def shape_(self) -> str: return _string_of(self.doc, self._c().lex.shape)
    @property
    def prefix(self) -> int: return self._c().lex.prefix
    @property
    def prefix_(self) -> str: return _string_of(self.doc, self._c().lex.prefix)
    @property
    def suffix(self) -> int: return self._c().lex.suffix
    @property
    def suffix_(self) -> str: return _string_of(self.doc, self._c().lex.suffix)
    @property
    def lang(self) -> int: return self._c().lex.lang
    @property
    def lang_(self) -> str: return _string_of(self.doc, self._c().lex.lang)

    property norm:
        def __get__(self): return token_get_attr(self._c(), A_NORM)
        def __set__(self, attr_t v): self._c().norm = v
    property norm_:
        def __get__(self): return _string_of(self.doc, token_get_attr(self._c(), A_NORM))
        def __set__(self, v): self._c().norm = _annotation_id(self.doc, v, "Token.norm_", True)
    property tag:
        def __get__(self): return self._c().tag
        def __set__(self, attr_t v): self._c().tag = v
    property tag_:
        def __get__(self): return _string_of(self.doc, self._c().tag)
        def __set__(self, v): self._c().tag = _annotation_id(self.doc, v, "Token.tag_", False)
    property lemma:
        def __get__(self): return self._c().lemma
        def __set__(self, attr_t v): self._c().lemma = v
    property lemma_:
        def __get__(self): return _string_of(self.doc, self._c().lemma)
        def __set__(self, v):
            self._c().lemma = _annotation_id(self.doc, v, "Token.lemma_", True)
    property dep:
        def __get__(self): return self._c().dep
        def __set__(self, attr_t v): self._c().dep = v
    property dep_:
        def __get__(self): return _string_of(self.doc, self._c().dep)
        def __set__(self, v): self._c().dep = _annotation_id(self.doc, v, "Token.dep_", True)
    property pos:
        def __get__(self): return _pos_of(self._c().pos)
        def __set__(self, long long v):
            # As spaCy: any id is stored (one that is no UD tag makes pos_ raise); spaCy's
            # field is a 32-bit enum, so 2**31..2**32-1 wrap and others are an OverflowError.
            if not -0x7FFFFFFF <= v <= 0xFFFFFFFF:
                raise OverflowError("value too large to convert to int")
            if v > 0x7FFFFFFF:
                v -= 0x100000000
            self._c().pos = <int32_t>v
    property pos_:
        def __get__(self):
            cdef int pos = self._c().pos
            if pos not in POS_NAMES:
                # spaCy: parts_of_speech.NAMES[pos], a KeyError (Doc.from_array takes any id)
                raise DocKeyError(f"Token {self.i} has the POS id {pos}, which is no universal "
                                  "POS tag; set token.pos_ to one of: "
                                  f"{', '.join(k for k in POS_IDS if k)}.")
            return POS_NAMES[pos]
        def __set__(self, v):
            if v not in POS_IDS:  # (an unhashable value: a TypeError, as in spaCy)
                raise DocError(f"[E1021] {v!r} is not a universal POS tag. Use one of: "
                               f"{', '.join(k for k in POS_IDS if k)}; other tags go in "
                               "token.tag_.")
            self._c().pos = POS_IDS[v]

    property morph:
        def __get__(self):
            return MorphAnalysis.of_key(self.doc.vocab, self._c().morph)
        def __set__(self, value):
            if value is None:
                self._c().morph = 0
            elif isinstance(value, MorphAnalysis):
                if value.vocab is not self.doc.vocab:
                    # its key names a string of another vocab's StringStore (as spaCy)
                    raise DocError("[E1013] token.morph: the MorphAnalysis comes from another "
                                   "vocab; set its text instead (token.set_morph(str(morph))).")
                self._c().morph = value.key
            elif isinstance(value, (str, dict)):
                self._c().morph = add_analysis(self.doc.vocab.strings, value)
            elif isinstance(value, (int, numpy.integer)) and not isinstance(value, bool):
                # the hash of a FEATS string in the vocab (spaCy's set_morph takes one)
                if value not in self.doc.vocab.strings:
                    raise DocTypeError(f"token.morph: {value} is not the hash of a string in "
                                       "the vocab; add the FEATS string first or pass the "
                                       "string.")
                features = self.doc.vocab.strings[int(value)]
                self._c().morph = add_analysis(self.doc.vocab.strings, features)
            else:
                # spaCy takes only a MorphAnalysis (a TypeError otherwise)
                raise DocTypeError("token.morph takes a MorphAnalysis, a FEATS string, a dict, "
                                   "the hash of a FEATS string or None.")

    def set_morph(self, features):
        if not (features is None or isinstance(features, (MorphAnalysis, str, dict, int,
                                                          numpy.integer))):
            # spaCy's morphology skips what is no FEATS string or dict (W100): empty morph
            warnings.warn(Warnings.W100.format(feature=features))
            features = {}
        self.morph = features

    @property
    def ent_iob(self) -> int: return self._c().ent_iob
    @property
    def ent_iob_(self) -> str: return IOB_STRINGS[self._c().ent_iob]
    property ent_type:
        def __get__(self): return self._c().ent_type
        def __set__(self, attr_t v): self._c().ent_type = v
    property ent_type_:
        def __get__(self): return _string_of(self.doc, self._c().ent_type)
        def __set__(self, v):
            self._c().ent_type = _annotation_id(self.doc, v, "Token.ent_type_", False)
    @classmethod
    def iob_strings(cls):
        return IOB_STRINGS

    property ent_kb_id:
        def __get__(self): return self._c().ent_kb_id
        def __set__(self, attr_t v): self._c().ent_kb_id = v
    property ent_kb_id_:
        def __get__(self): return _string_of(self.doc, self._c().ent_kb_id)
        def __set__(self, v):
            self._c().ent_kb_id = _annotation_id(self.doc, v, "Token.ent_kb_id_", False)
    property ent_id:
        def __get__(self): return self._c().ent_id
        def __set__(self, attr_t v): self._c().ent_id = v
    property ent_id_:
        def __get__(self): return _string_of(self.doc, self._c().ent_id)
        def __set__(self, v):
            self._c().ent_id = _annotation_id(self.doc, v, "Token.ent_id_", False)

    def has_dep(self) -> bool:
        """Whether the token has a dependency label (False when the parse is missing)."""
        return self._c().dep != 0

    def has_head(self) -> bool:
        """Whether the token's head is annotated (as in spaCy: it has a dependency label)."""
        return self._c().dep != 0

    def has_morph(self) -> bool:
        """Whether the token's morphological features are set (even to the empty set)."""
        return self._c().morph != 0

    @property
    def lex(self):
        """The token's Lexeme in the vocab."""
        return self.doc.vocab[self._c().lex.orth]

    @property
    def rank(self) -> int:
        """The word's row in the vectors table (spaCy's lexeme rank), a rank set on its
        Lexeme, or OOV_RANK."""
        return self.doc.vocab._rank(self._c().lex.orth)

    @property
    def is_oov(self) -> bool:
        """Whether the word has no vector (its orth is not a key of vocab.vectors)."""
        return self._c().lex.orth not in self.doc.vocab.vectors

    def _lookup(self, str table, default):
        lookups = self.doc.vocab.lookups
        if not lookups.has_table(table):
            return default
        return lookups.get_table(table).get(self._c().lex.orth, default)

    @property
    def prob(self) -> float:
        """Smoothed log probability of the word type: vocab.lookups "lexeme_prob", with
        "lexeme_settings"["oov_prob"] (default -20.0) for words it lacks."""
        lookups = self.doc.vocab.lookups
        oov = -20.0
        if lookups.has_table("lexeme_settings"):
            oov = lookups.get_table("lexeme_settings").get("oov_prob", -20.0)
        return self._lookup("lexeme_prob", oov)

    @property
    def cluster(self) -> int:
        """Brown cluster id from vocab.lookups "lexeme_cluster" (0 when absent)."""
        return self._lookup("lexeme_cluster", 0)

    @property
    def sentiment(self) -> float:
        """The user hook "sentiment", else vocab.lookups "lexeme_sentiment" (0.0)."""
        if "sentiment" in self.doc.user_token_hooks:
            return self.doc.user_token_hooks["sentiment"](self)
        return self._lookup("lexeme_sentiment", 0.0)

    @property
    def tensor(self):
        """The token's row of doc.tensor."""
        if self.doc.tensor is None:
            return None
        return self.doc.tensor[self.i]

    @property
    def conjuncts(self):
        """The tokens coordinated with this one ("conj" arcs), itself excluded."""
        if "conjuncts" in self.doc.user_token_hooks:
            return tuple(self.doc.user_token_hooks["conjuncts"](self))
        return tuple(self.doc[j] for j in _conjuncts(self.doc, self.i))

    property sent_start:
        """Deprecated alias of is_sent_start (False for the first token, as in spaCy)."""
        def __get__(self):
            if self.i == 0:
                return False
            return self._c().sent_start
        def __set__(self, value):
            self.is_sent_start = value

    property is_sent_start:
        def __get__(self):
            s = self._c().sent_start
            return None if s == 0 else s > 0
        def __set__(self, value):
            if self.doc.has_annotation("DEP"):
                raise DocError("[E043] Can't set is_sent_start on a parsed Doc: sentence "
                               "boundaries follow from the parse.")
            if value is None:
                self._c().sent_start = 0
            elif value is True:
                self._c().sent_start = 1
            elif value is False:
                self._c().sent_start = -1
            else:  # as spaCy: only the three values themselves (not 1, 0 or numpy.bool_)
                raise DocError(f"[E044] token.is_sent_start takes None, True or False, not "
                               f"{value!r:.60}.")

    property is_sent_end:
        def __get__(self):
            if self.i + 1 == self.doc.length:
                return True
            s = self.doc.c[self.i + 1].sent_start
            return None if s == 0 else s > 0

        def __set__(self, value):
            # spaCy's E196, a ValueError: the end follows from the next token's start
            raise DocError("[E196] Token.is_sent_end can't be set: sentence boundaries are set "
                           "with token.is_sent_start (on the token after the end).")

    @property
    def sent(self):
        """The sentence Span holding this token."""
        if "sent" in self.doc.user_token_hooks:
            return self.doc.user_token_hooks["sent"](self)
        if "sent" in self.doc.user_span_hooks:  # spaCy asks the token's one-token span
            return self.doc[self.i:self.i + 1].sent
        return _sentence_of(self.doc, self.i)

    def nbor(self, int i=1):
        j = self.i + i
        if not 0 <= j < self.doc.length:
            raise IndexError(f"[lexloom] [E042] Token {self.i} has no neighbour at offset {i} "
                             f"(the Doc has {len(self.doc)} tokens).")
        return self.doc[j]

    property head:
        def __get__(self):
            if self._c().dep == 0:  # an unannotated head is the token itself (as in spaCy)
                return self
            return self.doc[self.i + self._c().head]
        def __set__(self, Token new_head):
            if new_head.doc is not self.doc:
                raise DocError("A token's head must be in the same Doc.")
            cdef TokenC* c = self._c()
            cdef int old = c.head
            if self.i + old == new_head.i:
                return
            # spaCy recomputes only between the widest edges of the two roots involved.
            cdef int a = _root_of(self.doc.c, self.doc.length, self.i)
            cdef int b = _root_of(self.doc.c, self.doc.length, new_head.i)
            cdef int start = min(self.doc.c[a].l_edge, self.doc.c[b].l_edge)
            cdef int end = max(self.doc.c[a].r_edge, self.doc.c[b].r_edge)
            # A head that closes a cycle is kept, as spaCy keeps it: code that rearranges a
            # tree passes through one (swapping a head and its dependent); edges stay bounded
            # and Token.subtree refuses the cycle's tokens until the tree is mended.
            c.head = new_head.i - self.i
            set_children_from_heads_range(self.doc.c, start, end + 1)

    @property
    def left_edge(self): return self.doc[self._c().l_edge]
    @property
    def right_edge(self): return self.doc[self._c().r_edge]
    @property
    def n_lefts(self) -> int: return self._c().l_kids
    @property
    def n_rights(self) -> int: return self._c().r_kids

    @property
    def children(self):
        yield from self.lefts
        yield from self.rights

    @property
    def lefts(self):
        cdef int j
        for j in range(self._c().l_edge, self.i):
            if j + self.doc.c[j].head == self.i:
                yield self.doc[j]

    @property
    def rights(self):
        cdef int j
        for j in range(self.i + 1, self._c().r_edge + 1):
            if j + self.doc.c[j].head == self.i:
                yield self.doc[j]

    @property
    def subtree(self):
        """spaCy's order: left children's subtrees, the token, right children's subtrees,
        with children looked for only between the token's edges. The token itself is this
        object, as in spaCy (`token is t for t in token.subtree` finds it)."""
        for j in _subtree_indices(self.doc, self.i):
            yield self if j == self.i else self.doc[j]

    def is_ancestor_of(self, int j) -> bool:
        """Whether this token is an ancestor of token j of the same Doc."""
        if j < 0 or j >= self.doc.length:
            raise IndexError(f"Token index {j} is out of range for a Doc of "
                             f"{self.doc.length} tokens.")
        cdef int steps = 0
        while self.doc.c[j].head != 0 and steps <= self.doc.length:
            j += self.doc.c[j].head
            if j < 0 or j >= self.doc.length:
                return False
            if j == self.i:
                return True
            steps += 1
        return False

    def is_ancestor(self, Token descendant) -> bool:
        return descendant.doc is self.doc and self.is_ancestor_of(descendant.i)

    @property
    def ancestors(self):
        cdef int j = self.i, steps = 0
        # at most len(doc) of them, as spaCy's: heads that loop repeat the loop up to there
        while self.doc.c[j].head != 0 and steps < self.doc.length:
            j += self.doc.c[j].head
            steps += 1
            yield self.doc[j]

    @property
    def is_alpha(self): return lex_check_flag(self._c().lex, 1)
    @property
    def is_ascii(self): return lex_check_flag(self._c().lex, 2)
    @property
    def is_digit(self): return lex_check_flag(self._c().lex, 3)
    @property
    def is_lower(self): return lex_check_flag(self._c().lex, 4)
    @property
    def is_punct(self): return lex_check_flag(self._c().lex, 5)
    @property
    def is_space(self): return lex_check_flag(self._c().lex, 6)
    @property
    def is_title(self): return lex_check_flag(self._c().lex, 7)
    @property
    def is_upper(self): return lex_check_flag(self._c().lex, 8)
    @property
    def like_url(self): return lex_check_flag(self._c().lex, 9)
    @property
    def like_num(self): return lex_check_flag(self._c().lex, 10)
    @property
    def like_email(self): return lex_check_flag(self._c().lex, 11)
    @property
    def is_stop(self): return lex_check_flag(self._c().lex, 12)
    @property
    def is_bracket(self): return lex_check_flag(self._c().lex, 14)
    @property
    def is_quote(self): return lex_check_flag(self._c().lex, 15)
    @property
    def is_left_punct(self): return lex_check_flag(self._c().lex, 16)
    @property
    def is_right_punct(self): return lex_check_flag(self._c().lex, 17)
    @property
    def is_currency(self): return lex_check_flag(self._c().lex, 18)

    @property
    def _(self):
        return new_underscore(Underscore, Underscore.token_extensions, self, self.doc,
                              self._c().idx, None)

    @classmethod
    def set_extension(cls, name, **kwargs):
        Underscore.set_extension(Underscore.token_extensions, "Token", name, **kwargs)

    @classmethod
    def get_extension(cls, name):
        return Underscore.token_extensions.get(name)

    @classmethod
    def has_extension(cls, name):
        return name in Underscore.token_extensions

    @classmethod
    def remove_extension(cls, name):
        return Underscore.remove_extension(Underscore.token_extensions, name)
