# cython: language_level=3, boundscheck=False, wraparound=False
"""The BILUO entity transition system (csrc/lexloom/biluo.hh) for Python.

Moves are named as in spaCy: "B-X", "I-X", "L-X", "U-X" for each label X, the blocked
"U-" and "O", in that order. Gold annotation is a BILUO tag per token, where "-", "" and
None mean unknown: moves there cost nothing. Entities already set on a Doc are presets
that every move respects (as spaCy's NER does with entities from an entity ruler).
"""
from libc.stdint cimport int32_t, int64_t
from libcpp.vector cimport vector

cimport numpy as np

from ..core cimport TokenC, attr_t
from ..tokens.doc cimport Doc
from ..blas cimport use_registered_blas
from .greedy cimport (BEAM_NO_MEMORY, BeamFinal, StepWeights, beam_decode, check_state_rows,
                      greedy_decode, state_offsets, step_weights)

import numpy

from ..errors import ExampleError, ModelError
from ..strings import StringStore

np.import_array()


cdef extern from "lexloom/biluo.hh" namespace "lexloom::biluo" nogil:
    cdef int32_t MISSING, BEGIN, IN, LAST, UNIT, OUT
    cdef float INVALID_COST

    cdef struct Action:
        int32_t move
        attr_t label

    cdef struct EntC:
        int32_t start
        int32_t end
        attr_t label

    cdef cppclass NerState:
        const TokenC* tokens
        int32_t length
        int32_t b0
        int32_t ent_start
        attr_t ent_label
        EntC* ents
        int32_t n_ents

    void state_init(NerState* st, const TokenC* tokens, int32_t length, EntC* ents_buffer)
    bint context_tokens(const NerState* st, int32_t n_feats, int32_t* out)
    bint state_is_final(const NerState* st)
    void finish_as_is(NerState* st)
    bint is_valid(const NerState* st, Action a)
    bint apply(NerState* st, Action a)
    float cost(const NerState* st, const Action* gold, Action a)
    int set_costs(const NerState* st, const Action* gold, const Action* actions,
                  int32_t n_actions, int32_t* is_valid_out, float* costs_out)
    int32_t oracle_action(const NerState* st, const Action* gold, const Action* actions,
                          int32_t n_actions)
    int32_t step_batch(NerState* states, int32_t n_states, const Action* actions,
                       int32_t n_actions, const float* scores, int32_t* chosen)
    int32_t write_entities(const NerState* st, TokenC* tokens)

    cdef struct GreedySystem:
        const Action* actions
        int32_t n_actions

    cdef cppclass BeamSystem:
        const Action* actions
        int32_t n_actions
        bint assign(NerState* dst, const NerState* src)
        void destroy(NerState* st)


_LABEL_IDS = StringStore()   # ids are the same in every store (hash or symbol id)
_MOVE_OF = {"B": BEGIN, "I": IN, "L": LAST, "U": UNIT}


cdef class BiluoPushDown:
    """The BILUO moves for a set of entity labels, with their validity, costs and oracle."""
    cdef vector[Action] actions
    cdef readonly list move_names
    cdef readonly tuple labels
    cdef readonly list move_table  # (action, label) per move, in model-output order
    cdef dict _index

    def __init__(self, labels=(), moves=None):
        """Moves for `labels` in the default order, or exactly `moves`: (action, label)
        pairs in model-output order (action 1-5 = B, I, L, U, O; label "" for O and the
        blocked "U-"), as spaCy's move table gives them."""
        seen = []
        for label in labels:
            if not isinstance(label, str) or not label or label.startswith("!"):
                raise ModelError(f"BiluoPushDown labels are non-empty strings, got {label!r}.")
            if label not in seen:
                seen.append(label)
        if moves is None:
            moves = [(_MOVE_OF[letter], label) for letter in "BILU" for label in seen]
            moves += [(UNIT, ""), (OUT, "")]
        letters = {BEGIN: "B", IN: "I", LAST: "L", UNIT: "U", OUT: "O"}
        self.move_names = []
        self.move_table = []
        self.actions.clear()
        for move, label in moves:
            move, label = int(move), str(label)
            if move not in letters or (move == OUT and label) \
                    or (label and label.startswith("!")) or (not label and move not in (UNIT, OUT)):
                raise ModelError(f"({move}, {label!r}) is not a BILUO move: actions are 1-5 "
                                 "(B, I, L, U, O), labelled except O and the blocked U.")
            name = "O" if move == OUT else f"{letters[move]}-{label}"
            self._push(move, _LABEL_IDS[label] if label else 0, name)
            self.move_table.append((move, label))
            if label and label not in seen:
                seen.append(label)
        self.labels = tuple(seen)
        self._index = {name: i for i, name in enumerate(self.move_names)}

    cdef void _push(self, int32_t move, attr_t label, str name):
        cdef Action a
        a.move = move
        a.label = label
        self.actions.push_back(a)
        self.move_names.append(name)

    @property
    def n_moves(self) -> int:
        return <int>self.actions.size()

    def move_index(self, name) -> int:
        """The class index of a move name ("B-PER", "O", ...)."""
        try:
            return self._index[name]
        except KeyError:
            raise ModelError(f"{name!r} is not a move of this BiluoPushDown; its moves are "
                             f"{', '.join(self.move_names)}.") from None

    # ---- gold ------------------------------------------------------------------------

    cdef vector[Action] _gold(self, Doc doc, tags) except *:
        tags = list(tags)
        if len(tags) != doc.length:
            raise ExampleError(f"{doc.length} tokens but {len(tags)} gold BILUO tags.")
        cdef vector[Action] gold
        cdef Action g
        gold.resize(doc.length)
        for i, tag in enumerate(tags):
            g.label = 0
            if tag is None or tag == "" or tag == "-":
                g.move = MISSING
            elif tag == "O":
                g.move = OUT
            elif isinstance(tag, str) and len(tag) >= 2 and tag[1] == "-" and tag[0] in _MOVE_OF:
                g.move = _MOVE_OF[tag[0]]
                if tag not in self._index:
                    raise ExampleError(
                        f"Gold tag {i} is {tag!r}, whose label {tag[2:]!r} is not one of this "
                        f"system's labels ({', '.join(self.labels) or 'none'}); add it to the "
                        "labels the BiluoPushDown is made with.")
                g.label = self.actions[self._index[tag]].label
            else:
                raise ExampleError(f"Gold tag {i} is {tag!r}; use 'B-X', 'I-X', 'L-X', 'U-X', "
                                   "'O' or '-' (missing).")
            gold[i] = g
        return gold

    cdef int _replay(self, NerState* st, Doc doc, moves) except -1:
        cdef int32_t k
        for step, name in enumerate(moves):
            k = name if isinstance(name, int) else self.move_index(name)
            if k < 0 or k >= <int32_t>self.actions.size():
                raise ModelError(f"Move index {k} is out of range (0..{self.n_moves - 1}).")
            if not apply(st, self.actions[k]):
                raise ModelError(
                    f"Move {step} ({self.move_names[k]!r}) is not valid after "
                    f"{[self.move_names[self.move_index(m)] if not isinstance(m, int) else self.move_names[m] for m in list(moves)[:step]]!r}"
                    f" on a Doc of {doc.length} tokens.")
        return 0

    def oracle_sequence(self, Doc doc, gold_biluo_tags) -> list:
        """The move names the oracle takes over `doc` to reach the gold tags: each step the
        first valid move of least cost. For a valid, fully known BILUO sequence of this
        system's labels, the result equals the tags."""
        cdef vector[Action] gold = self._gold(doc, gold_biluo_tags)
        cdef vector[EntC] ents
        cdef NerState st
        cdef int32_t k
        ents.resize(doc.length + 1)
        state_init(&st, doc.c, doc.length, ents.data())
        out = []
        while not state_is_final(&st):
            k = oracle_action(&st, gold.data(), self.actions.data(), <int32_t>self.actions.size())
            if k < 0:
                raise ModelError(f"No move is valid at token {st.b0}: the Doc's preset "
                                 "entities can't be reached with these labels.")
            apply(&st, self.actions[k])
            out.append(self.move_names[k])
        return out

    def costs(self, Doc doc, gold_biluo_tags, history=()):
        """(is_valid, costs) for every move, at the state reached by the moves in `history`
        (names or indices). Invalid moves cost 9000, as in spaCy."""
        cdef vector[Action] gold = self._gold(doc, gold_biluo_tags)
        cdef vector[EntC] ents
        cdef NerState st
        ents.resize(doc.length + 1)
        state_init(&st, doc.c, doc.length, ents.data())
        self._replay(&st, doc, list(history))
        cdef np.ndarray[int32_t, ndim=1] valid = numpy.zeros(self.n_moves, dtype=numpy.int32)
        cdef np.ndarray[float, ndim=1] costs = numpy.zeros(self.n_moves, dtype=numpy.float32)
        if not state_is_final(&st):
            set_costs(&st, gold.data(), self.actions.data(), <int32_t>self.actions.size(),
                      <int32_t*>valid.data, <float*>costs.data)
        else:
            costs[:] = INVALID_COST
        return valid.astype(bool), costs

    def valid_moves(self, Doc doc, history=()) -> list:
        """Names of the moves valid at the state reached by `history`."""
        cdef vector[EntC] ents
        cdef NerState st
        ents.resize(doc.length + 1)
        state_init(&st, doc.c, doc.length, ents.data())
        self._replay(&st, doc, list(history))
        return [self.move_names[i] for i in range(self.n_moves)
                if is_valid(&st, self.actions[i])]

    # ---- applying moves ----------------------------------------------------------------

    def apply_all(self, Doc doc, moves) -> Doc:
        """Apply a full sequence of moves (names or indices) and write its entities into the
        Doc (tokens outside them become O). Raises if a move is invalid or some are left."""
        cdef vector[EntC] ents
        cdef NerState st
        moves = list(moves)
        ents.resize(doc.length + 1)
        state_init(&st, doc.c, doc.length, ents.data())
        self._replay(&st, doc, moves)
        if not state_is_final(&st) or st.ent_start >= 0:
            raise ModelError(f"{len(moves)} moves leave the Doc of {doc.length} tokens "
                             "unfinished; give one move per token, closing every entity.")
        self._register_labels(doc)
        write_entities(&st, doc.c)
        return doc

    def greedy_apply(self, docs, scores) -> list:
        """Parse a batch: at step t every unfinished Doc takes its best valid move by
        scores[d, t] (shape (n_docs, max_len, n_moves), float32). Writes the entities and
        returns the chosen move indices per Doc. The stepping loop runs without the GIL."""
        docs = list(docs)
        cdef np.ndarray[float, ndim=3, mode="c"] S = numpy.ascontiguousarray(scores, dtype=numpy.float32)
        cdef int32_t n = len(docs), n_act = <int32_t>self.actions.size()
        cdef int32_t max_len = 0
        for doc_obj in docs:
            if not isinstance(doc_obj, Doc):
                raise ModelError(f"greedy_apply takes Docs, not {type(doc_obj).__name__}.")
            max_len = max(max_len, (<Doc>doc_obj).length)
        if S.shape[0] != n or S.shape[1] < max_len or S.shape[2] != n_act:
            raise ModelError(f"greedy_apply needs scores of shape ({n}, >={max_len}, {n_act}), "
                             f"not {tuple(numpy.shape(scores))}.")
        cdef vector[NerState] states
        cdef vector[vector[EntC]] ents
        cdef vector[float] row
        cdef np.ndarray[int32_t, ndim=2] chosen = numpy.full((n, max_len), -1, dtype=numpy.int32)
        cdef int32_t d, t, j
        cdef Doc doc
        states.resize(n)
        ents.resize(n)
        row.resize(max(n * n_act, 1))
        for d in range(n):
            doc = docs[d]
            ents[d].resize(doc.length + 1)
            state_init(&states[d], doc.c, doc.length, ents[d].data())
        cdef vector[int32_t] step_chosen
        step_chosen.resize(max(n, 1))
        with nogil:
            for t in range(max_len):
                for d in range(n):
                    for j in range(n_act):
                        row[d * n_act + j] = S[d, t, j]
                step_batch(states.data(), n, self.actions.data(), n_act, row.data(),
                           step_chosen.data())
                for d in range(n):
                    chosen[d, t] = step_chosen[d]
        out = []
        for d in range(n):
            doc = docs[d]
            self._register_labels(doc)
            write_entities(&states[d], doc.c)
            out.append([int(k) for k in chosen[d, :doc.length] if k >= 0])
        return out

    # ---- batch operations on BiluoState objects (the ner component's stepping loop) ----

    def context_tokens(self, states, int n_feats, offsets) -> np.ndarray:
        """The model's features for a batch of states, (n_states, n_feats) int32: row
        offsets[i] + t of a table whose rows are the batch's tokens, for each context token t
        of state i (see biluo.hh), and row 0 where there is none."""
        states = list(states)
        cdef int n = len(states)
        off = numpy.ascontiguousarray(offsets, dtype=numpy.int32)
        if off.ndim != 1 or off.shape[0] != n:
            raise ModelError(f"context_tokens: {n} states but offsets of shape {off.shape}.")
        if n_feats not in (3, 6):
            raise ModelError(f"The entity recognizer's states have 3 or 6 features, not {n_feats}.")
        out = numpy.zeros((n, n_feats), dtype=numpy.int32)
        if n == 0:
            return out
        cdef int32_t[:, ::1] ov = out
        cdef int32_t[::1] offv = off
        cdef BiluoState st
        cdef int i, j
        for i in range(n):
            st = self._own(states[i])
            context_tokens(st.live(), n_feats, &ov[i, 0])
            for j in range(n_feats):
                ov[i, j] = offv[i] + ov[i, j] if ov[i, j] >= 0 else 0
        return out

    def final_mask(self, states) -> np.ndarray:
        """Which states are final, as a bool array."""
        states = list(states)
        out = numpy.zeros((len(states),), dtype=numpy.uint8)
        cdef unsigned char[::1] ov = out
        cdef BiluoState st
        for i in range(len(states)):
            st = self._own(states[i])
            ov[i] = state_is_final(st.live())
        return out.view(bool)

    def costs_batch(self, states, golds) -> tuple:
        """(valid bool, costs float32), each (n_states, n_moves), for states and their
        BiluoGold annotations; final states have no valid move."""
        states = list(states)
        golds = list(golds)
        if len(states) != len(golds):
            raise ExampleError(f"costs_batch: {len(states)} states but {len(golds)} golds.")
        cdef int32_t n_act = <int32_t>self.actions.size()
        valid = numpy.zeros((len(states), n_act), dtype=numpy.int32)
        costs = numpy.full((len(states), n_act), INVALID_COST, dtype=numpy.float32)
        if n_act == 0:
            return valid.astype(bool), costs
        cdef int32_t[:, ::1] vv = valid
        cdef float[:, ::1] cv = costs
        cdef BiluoState st
        cdef BiluoGold g
        for i in range(len(states)):
            st = self._own(states[i])
            g = golds[i]
            if <int32_t>g.actions.size() != st.st.length:
                raise ModelError("The gold annotation is for another Doc.")
            if not state_is_final(st.live()):
                set_costs(st.live(), g.actions.data(), self.actions.data(), n_act,
                          &vv[i, 0], &cv[i, 0])
                if g.negatives.size():
                    self._penalise_negatives(st.live(), g, &vv[i, 0], &cv[i, 0])
        return valid.astype(bool), costs

    cdef void _penalise_negatives(self, const NerState* st, BiluoGold g, const int32_t* valid,
                                  float* costs) noexcept:
        """+1 for a valid move that would close an entity the gold marks as wrong; and, as
        spaCy, for a B of a wrong span's label at its start when two words are left (the
        entity B opens there can only end at the next word)."""
        cdef int32_t k, j
        cdef Action a
        cdef EntC neg
        cdef bint two_left = st.length - st.b0 < 3
        for k in range(<int32_t>self.actions.size()):
            a = self.actions[k]
            if not valid[k] or a.label == 0 or (a.move != LAST and a.move != UNIT
                                                 and not (a.move == BEGIN and two_left)):
                continue
            for j in range(<int32_t>g.negatives.size()):
                neg = g.negatives[j]
                if neg.label != a.label:
                    continue
                if a.move == BEGIN:
                    if neg.start == st.b0:
                        costs[k] += 1
                        break
                    continue
                if neg.end != st.b0 + 1:
                    continue
                if (a.move == UNIT and neg.start == st.b0) or \
                        (a.move == LAST and neg.start == st.ent_start):
                    costs[k] += 1
                    break

    def step(self, states, scores) -> np.ndarray:
        """One greedy step: each unfinished state takes its best valid move by scores
        (n_states, n_moves). Returns the chosen move per state (-1: final or stuck)."""
        states = list(states)
        cdef int32_t n = len(states), n_act = <int32_t>self.actions.size()
        arr = numpy.ascontiguousarray(scores, dtype=numpy.float32)
        if arr.ndim != 2 or arr.shape[0] != n or arr.shape[1] != n_act:
            raise ModelError(f"step: scores of shape {arr.shape}; expected ({n}, {n_act}).")
        chosen = numpy.full((n,), -1, dtype=numpy.int32)
        if n == 0 or n_act == 0:
            return chosen
        cdef float[:, ::1] sv = arr
        cdef int32_t[::1] chv = chosen
        cdef BiluoState st
        cdef int32_t i
        for i in range(n):
            st = self._own(states[i])
            step_batch(st.live(), 1, self.actions.data(), n_act, &sv[i, 0], &chv[i])
        return chosen

    def greedy_parse(self, states, offsets, P, bias, W_upper, b_upper, seen, int n_feats,
                     int64_t max_steps) -> int:
        """Step every state to the end in one native call (greedy_decode.hh): state i's
        context tokens are rows offsets[i] + t of P (row 0: none); the other arrays are the
        step model's (greedy.pxd). Returns how many states are unfinished after max_steps."""
        cdef StepWeights w
        cdef vector[NerState*] ptrs
        off = _decode_args(self, &w, &ptrs, states, offsets, P, bias, W_upper, b_upper, seen,
                           n_feats)
        if ptrs.size() == 0:
            return 0
        cdef int32_t[::1] offv = off
        cdef GreedySystem system
        system.actions = self.actions.data()
        system.n_actions = <int32_t>self.actions.size()
        cdef int64_t left
        use_registered_blas()
        with nogil:
            left = greedy_decode(ptrs.data(), &offv[0], <int64_t>ptrs.size(), w, system,
                                 max_steps)
        return left

    def beam_parse(self, states, offsets, P, bias, W_upper, b_upper, seen, int n_feats,
                   int64_t width, float density, int64_t max_steps) -> tuple:
        """Beam search (beam_decode.hh) for each state's Doc in one native call: `width`
        candidates per Doc, pruned below `density` times the best one's probability; the
        best final candidate is written back into the state. Arguments as greedy_parse's.
        Returns (how many Docs are unfinished after max_steps, each Doc's final candidates:
        (score, state, moves) best first, none for an unfinished Doc)."""
        if width < 1:
            raise ModelError(f"beam_width must be at least 1, got {width}.")
        cdef StepWeights w
        cdef vector[NerState*] ptrs
        off = _decode_args(self, &w, &ptrs, states, offsets, P, bias, W_upper, b_upper, seen,
                           n_feats)
        if ptrs.size() == 0:
            return 0, []
        cdef int32_t[::1] offv = off
        cdef BeamSystem system
        system.actions = self.actions.data()
        system.n_actions = <int32_t>self.actions.size()
        cdef vector[vector[BeamFinal[NerState]]] finals
        finals.resize(ptrs.size())
        cdef int64_t left
        use_registered_blas()
        with nogil:
            left = beam_decode(ptrs.data(), &offv[0], <int64_t>ptrs.size(), w, system, width,
                               density, max_steps, finals.data())
        cdef size_t d, j
        cdef BiluoState base, other
        out = []
        try:
            if left == BEAM_NO_MEMORY:
                raise MemoryError("out of memory in beam_parse")
            for d in range(finals.size()):
                base = self._own(states[d])
                candidates = []
                for j in range(finals[d].size()):
                    other = base.copy()
                    system.assign(&other.st, finals[d][j].st)
                    candidates.append((numpy.float32(finals[d][j].score), other,
                                       tuple(finals[d][j].moves)))
                out.append(candidates)
        finally:
            for d in range(finals.size()):
                for j in range(finals[d].size()):
                    system.destroy(finals[d][j].st)
        return left, out

    def cut_states(self, state, BiluoGold gold not None, int max_length) -> list:
        """Training pieces along the oracle's path from `state` (spaCy's
        `update_with_oracle_cut_size`): (start state, end) per `max_length` moves, end being
        B0 after the piece's moves (-1 once the buffer is empty). Where the oracle finds no
        zero-cost move the path (and the pieces) stop there, as spaCy's."""
        if max_length < 1:
            raise ModelError(f"max_length must be at least 1, got {max_length}.")
        cdef BiluoState cur = self._own(state).copy()
        cdef NerState* c = cur.live()
        cdef int32_t n_act = <int32_t>self.actions.size()
        cdef int32_t k
        if <int32_t>gold.actions.size() != c.length:
            raise ModelError("The gold annotation is for another Doc.")
        path = []
        while not state_is_final(c):
            k = oracle_action(c, gold.actions.data(), self.actions.data(), n_act)
            if k < 0:
                break
            apply(c, self.actions[k])
            path.append(k)
        cur = self._own(state).copy()
        c = cur.live()
        out = []
        for start in range(0, len(path), max_length):
            piece = cur.copy()
            for k in path[start:start + max_length]:
                apply(c, self.actions[k])
                if state_is_final(c):
                    break
            out.append((piece, -1 if state_is_final(c) else c.b0))
            if state_is_final(c):
                break
        return out

    cdef BiluoState _own(self, obj):
        cdef BiluoState st = obj
        if st.system is not self:
            raise ModelError("A BiluoState of another BiluoPushDown was passed in.")
        return st

    def _register_labels(self, Doc doc):
        for label in self.labels:
            doc.vocab.strings.add(label)

    def __reduce__(self):
        return (BiluoPushDown, (self.labels, self.move_table))

    def __repr__(self):
        return f"BiluoPushDown({list(self.labels)!r}, n_moves={self.n_moves})"


cdef class BiluoGold:
    """Gold BILUO tags of one Doc, converted once to native gold actions, and optional
    negative spans: (start, end, label) entities known to be wrong (spaCy's
    `incorrect_spans_key`), whose closing move (L- or U- of that label) costs one more."""

    cdef vector[Action] actions
    cdef vector[EntC] negatives

    def __init__(self, BiluoPushDown system, Doc doc, tags, negatives=()):
        self.actions = system._gold(doc, tags)
        cdef EntC neg
        for item in negatives:
            try:
                start, end, label = item
            except (TypeError, ValueError):
                raise ExampleError(f"A negative span is (start, end, label), not {item!r}.")
            if not 0 <= start < end <= doc.length:
                raise ExampleError(f"The negative span {item!r} is outside the Doc of "
                                   f"{doc.length} tokens.")
            neg.start = start
            neg.end = end
            neg.label = _LABEL_IDS.add(label) if isinstance(label, str) else label
            self.negatives.push_back(neg)


cdef class BiluoState:
    """One Doc being labelled move by move: validity and costs at the current state in
    O(moves) per step, without replaying the history."""

    cdef NerState st
    cdef vector[EntC] ents
    cdef readonly Doc doc
    cdef readonly BiluoPushDown system  # the moves its indices refer to

    def __init__(self, BiluoPushDown system, Doc doc):
        self.system = system
        self.doc = doc
        self.ents.resize(doc.length + 1)
        state_init(&self.st, doc.c, doc.length, self.ents.data())

    cdef NerState* live(self) except NULL:
        """The state, its token pointer read again from its Doc: a retokenize since the
        state was made may have moved the Doc's tokens (reading the old ones crashed, as
        in spaCy) or changed their number (then the state is no longer the Doc's)."""
        if self.doc is not None:
            if self.doc.length != self.st.length:
                raise ModelError(f"The Doc has {self.doc.length} tokens and this entity state "
                                 f"{self.st.length}: it was retokenized after the state was "
                                 "made. Make a new state.")
            self.st.tokens = self.doc.c
        return &self.st

    def is_final(self) -> bool:
        return state_is_final(self.live())

    @property
    def b0(self) -> int:
        """The first buffer token, -1 once the buffer is empty."""
        return -1 if state_is_final(self.live()) else self.st.b0

    @property
    def entities(self) -> list:
        """The entities closed so far: (start, end, label id) each."""
        return [(self.st.ents[i].start, self.st.ents[i].end, self.st.ents[i].label)
                for i in range(self.st.n_ents)]

    def apply(self, int32_t k) -> None:
        if k < 0 or k >= <int32_t>self.system.actions.size():
            raise ModelError(f"Move index {k} is out of range (0..{self.system.n_moves - 1}).")
        if not apply(self.live(), self.system.actions[k]):
            raise ModelError(f"Move {self.system.move_names[k]!r} is not valid at token "
                             f"{self.st.b0}.")

    def finish_as_is(self) -> None:
        """Stop where the state stands (no move is valid: contradictory presets)."""
        finish_as_is(self.live())

    def copy(self) -> "BiluoState":
        cdef BiluoState other = BiluoState.__new__(BiluoState)
        other.system = self.system
        other.doc = self.doc
        other.ents = self.ents
        other.st = self.st
        other.st.ents = other.ents.data()
        return other

    def set_annotations(self) -> None:
        """Write the entities of a final state into its Doc (other unset tokens become O)."""
        if not state_is_final(self.live()) or self.st.ent_start >= 0:
            raise ModelError(f"The entity state is unfinished at token {self.st.b0} of "
                             f"{self.st.length}.")
        self.system._register_labels(self.doc)
        write_entities(self.live(), self.doc.c)

    def fill_valid(self, np.ndarray out) -> None:
        """out[k] = 1 where move k is valid now (a C-contiguous uint8/bool row)."""
        cdef int32_t n = <int32_t>self.system.actions.size()
        if out.dtype.itemsize != 1 or out.ndim != 1 or out.shape[0] != n \
                or not out.flags.c_contiguous:
            raise ModelError(f"fill_valid needs a contiguous 1-byte array of {n} moves.")
        cdef unsigned char* data = <unsigned char*>out.data
        cdef int32_t i
        cdef NerState* st = self.live()
        for i in range(n):
            data[i] = is_valid(st, self.system.actions[i]) and not state_is_final(st)

    def fill_costs(self, BiluoGold gold, np.ndarray valid_out, np.ndarray costs_out) -> None:
        """Validity (int32) and costs (float32) of every move now; invalid moves cost 9000."""
        cdef int32_t n = <int32_t>self.system.actions.size()
        if (valid_out.dtype != numpy.int32 or costs_out.dtype != numpy.float32
                or valid_out.shape[0] != n or costs_out.shape[0] != n
                or not valid_out.flags.c_contiguous or not costs_out.flags.c_contiguous):
            raise ModelError(f"fill_costs needs contiguous int32 and float32 rows of {n} moves.")
        if <int32_t>gold.actions.size() != self.st.length:
            raise ModelError("The gold annotation is for another Doc.")
        cdef float* costs = <float*>costs_out.data
        cdef int32_t i
        if state_is_final(self.live()):
            for i in range(n):
                (<int32_t*>valid_out.data)[i] = 0
                costs[i] = INVALID_COST
            return
        set_costs(self.live(), gold.actions.data(), self.system.actions.data(), n,
                  <int32_t*>valid_out.data, costs)


cdef object _decode_args(BiluoPushDown moves, StepWeights* w, vector[NerState*]* ptrs, states,
                         offsets, P, bias, W_upper, b_upper, seen, int n_feats):
    """Check a decoder's arguments and fill the weights and state pointers; returns the
    offsets as a contiguous int32 array."""
    if n_feats not in (3, 6):
        raise ModelError(f"The entity recognizer's states have 3 or 6 features, not {n_feats}.")
    step_weights(w, P, bias, W_upper, b_upper, seen, n_feats, <int32_t>moves.actions.size())
    states = list(states)
    cdef int64_t n = len(states), i
    off = state_offsets(offsets, n)
    cdef int32_t[::1] offv = off
    ptrs.resize(n)
    cdef BiluoState st
    for i in range(n):
        st = moves._own(states[i])
        check_state_rows(i, offv[i], st.st.length, w)
        ptrs[0][i] = st.live()
    return off
