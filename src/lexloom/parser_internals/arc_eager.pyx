# cython: language_level=3, boundscheck=False, wraparound=False
"""The arc-eager transition system (spaCy 3.8's moves and dynamic oracle) over native states.

Moves: "S" (shift), "D" (reduce), "L-<label>" and "R-<label>", "B-<label>" (sentence break,
"B-ROOT"), in the order given (a component passes its MoveTable's, spaCy's order), or by
default S, D, the L moves, the R moves, B-ROOT. The loops (validity, costs, batch stepping, the oracle,
pseudo-projectivity) run in csrc/lexloom/arc_eager.cc; this module checks arguments once.
"""
from libc.stdint cimport int8_t, int32_t, int64_t, uint8_t
from libc.stdlib cimport free, malloc
from libcpp.vector cimport vector

cimport numpy as np

from ..core cimport TokenC, attr_t, lex_check_flag, set_children_from_heads
from ..tokens.doc cimport Doc
from ..blas cimport use_registered_blas
from .greedy cimport (BEAM_NO_MEMORY, BeamFinal, StepWeights, beam_decode, check_state_rows,
                      greedy_decode, state_offsets, step_weights)

import numpy

from ..attrs import IDS
from ..errors import ExampleError, ModelError
from ..strings import StringStore

np.import_array()

DELIMITER = "||"
_IDS = StringStore()  # label ids as every StringStore computes them (symbols included)
_IS_SPACE = IDS["IS_SPACE"]


def _label_id(str label) -> int:
    return _IDS[label]


cdef class ParseState:
    """A parse in progress over one Doc: stack, buffer, arcs made so far."""

    def __init__(self, Doc doc not None):
        """A fresh state over `doc` (spaCy's StateClass(doc)); ArcEager.init_states makes
        them for a batch."""
        state_free(&self.c)
        if not state_init(&self.c, doc.c, doc.length):
            raise MemoryError("out of memory for a parse state")
        self.doc = doc

    def __dealloc__(self):
        state_free(&self.c)

    cdef StateC* live(self) except NULL:
        """The state, its token pointer read again from its Doc: a retokenize since the
        state was made may have moved the Doc's tokens (reading the old ones crashed, as
        in spaCy) or changed their number (then the state is no longer the Doc's)."""
        cdef Doc doc
        if self.doc is not None:
            doc = self.doc
            if doc.length != self.c.length:
                raise ModelError(f"The Doc has {doc.length} tokens and this parse state "
                                 f"{self.c.length}: it was retokenized after the state was "
                                 "made. Make a new state.")
            self.c.sent = doc.c
        return &self.c

    def __len__(self):
        return self.c.length

    @property
    def stack(self) -> list:
        """Stack words, top (S0) first."""
        return [stack_at(&self.c, i) for i in range(self.c.depth)]

    @property
    def buffer(self) -> list:
        """Buffer words, front (B0) first."""
        return [buffer_at(&self.c, i) for i in range(buffer_length(&self.c))]

    @property
    def heads(self) -> list:
        """Absolute head of every word; None while unattached."""
        return [h if h >= 0 else None for h in self.c.heads[:self.c.length]]

    @property
    def label_ids(self) -> list:
        return [self.c.labels[i] for i in range(self.c.length)]

    @property
    def sent_starts(self) -> list:
        """Words marked as sentence starts by BREAK."""
        return [i for i in range(self.c.length) if self.c.sent_starts[i]]

    @property
    def is_final(self) -> bool:
        return is_final(&self.c)

    def finish_as_is(self) -> None:
        """Stop where the state stands (no move is valid); headless words become roots."""
        finish_as_is(&self.c)

    # ---- single steps below the moves (spaCy's StateClass), checked here ----

    def push(self) -> None:
        """Move B0 onto the stack."""
        if buffer_length(&self.c) == 0:
            raise ModelError("push: the buffer is empty; only a state with words left in "
                             "its buffer can push.")
        state_push(&self.c)

    def pop(self) -> None:
        """Drop S0 from the stack."""
        if self.c.depth == 0:
            raise ModelError("pop: the stack is empty.")
        state_pop(&self.c)

    def unshift(self) -> None:
        """Put S0 back at the front of the buffer (it can't be shifted again)."""
        if self.c.depth == 0:
            raise ModelError("unshift: the stack is empty.")
        state_unshift(&self.c)

    def add_arc(self, int head, int child, attr_t label) -> None:
        """Attach child to head with a label id (re-attaching it if it had a head)."""
        if not (0 <= head < self.c.length and 0 <= child < self.c.length):
            raise ModelError(f"add_arc: head {head} and child {child} must be words of the "
                             f"state, in [0, {self.c.length}).")
        state_add_arc(&self.c, head, child, label)

    def left_child(self, int word, int idx) -> int:
        """The idx-th (1 or 2) newest left child of word, -1 if none (spaCy's L)."""
        return left_child(&self.c, word, idx)

    def right_child(self, int word, int idx) -> int:
        """The idx-th (1 or 2) newest right child of word, -1 if none (spaCy's R)."""
        return right_child(&self.c, word, idx)

    def copy(self) -> "ParseState":
        cdef ParseState other = type(self).__new__(type(self))
        if not state_copy(&other.c, &self.c):
            raise MemoryError("out of memory copying a parse state")
        other.doc = self.doc
        return other


cdef class ArcEagerGold:
    """Gold heads, labels and sentence starts in the form the oracle reads."""

    def __dealloc__(self):
        gold_free(&self.c)

    def __len__(self):
        return self.c.length

    def update(self, ParseState state not None) -> None:
        """Recompute what the costs read for this state (ArcEager.costs does it itself;
        spaCy's ArcEagerGold.update)."""
        if state.c.length != self.c.length:
            raise ExampleError(f"Gold parse of {self.c.length} tokens for a state of "
                               f"{state.c.length} tokens.")
        gold_update(&self.c, state.live())


def _sent_starts_from_tree(list heads) -> list:
    """1 at the left edge of each root's subtree, 0 elsewhere; -1s when heads are missing."""
    n = len(heads)
    if any(h < 0 for h in heads):
        return [-1] * n
    left = list(range(n))
    for i in range(n):
        node, steps = i, 0
        while heads[node] != node and steps <= n:
            node = heads[node]
            steps += 1
            if left[node] > i:
                left[node] = i
    starts = [0] * n
    for i in range(n):
        if heads[i] == i:
            starts[left[i]] = 1
    return starts


def _c_heads(heads, int n, str where) -> list:
    """Absolute heads as ints (-1 for None); ExampleError for wrong types or lengths."""
    if len(heads) != n:
        raise ExampleError(f"{where}: got {len(heads)} heads for {n} tokens; give one head "
                           "(absolute index, None when unknown) per token.")
    out = []
    for i, h in enumerate(heads):
        if h is None:
            out.append(-1)
        elif isinstance(h, (int, numpy.integer)) and not isinstance(h, bool):
            out.append(int(h))
        else:
            raise ExampleError(f"{where}: head of token {i} is {h!r}; heads are absolute token "
                               "indices (int), or None when unknown.")
    return out


def _raise_tree_error(int status, int bad, list heads, str where):
    if status == GOLD_HEAD_OUT_OF_RANGE:
        raise ExampleError(f"{where}: head of token {bad} is {heads[bad]}, outside the "
                           f"{len(heads)} tokens; heads are absolute indices in "
                           f"[0, {len(heads)}) or None.")
    if status == GOLD_CYCLE:
        raise ExampleError(f"{where}: the heads contain a cycle through token {bad} "
                           f"(heads={heads}); every chain of heads must end at a root "
                           "(a token that is its own head).")
    if status == GOLD_NO_MEMORY:
        raise MemoryError(f"{where}: out of memory")


cdef class ArcEager:
    """Arc-eager moves over labels; see the module docstring for the move order and names."""

    def __cinit__(self, *args, **kwargs):
        self.c = NULL

    def __init__(self, labels=(), moves=None):
        """Moves for `labels` in the default order, or exactly `moves`: (action, label)
        pairs in model-output order (action 0-4 = S, D, L, R, B), as spaCy's move table
        gives them."""
        if isinstance(labels, str):
            raise ModelError("ArcEager takes an iterable of label strings, not one string; "
                             "write ArcEager([\"nsubj\", ...]).")
        for label in labels:
            if not isinstance(label, str) or not label:
                raise ModelError(f"ArcEager label {label!r} is not a non-empty str.")
        self.root_label = "ROOT"
        if moves is None:
            arc_labels = sorted({lb for lb in labels if lb not in ("dep", "ROOT")}) + ["dep"]
            moves = [(SHIFT, ""), (REDUCE, "")]
            moves += [(LEFT, lb) for lb in arc_labels] + [(RIGHT, lb) for lb in arc_labels]
            moves.append((BREAK, "ROOT"))
        moves = [(int(m), str(lb)) for m, lb in moves]
        for m, lb in moves:
            if not 0 <= m < N_MOVES:
                raise ModelError(f"Arc-eager action {m} (label {lb!r}) is not one of 0-4 "
                                 "(S, D, L, R, B).")
        arc_labels = list(dict.fromkeys(lb for m, lb in moves if m in (LEFT, RIGHT) and lb))
        if "dep" not in arc_labels:
            arc_labels.append("dep")
        self.labels = arc_labels
        self.n_moves = len(moves)
        self.c = <Action*>malloc(max(self.n_moves, 1) * sizeof(Action))
        if self.c == NULL:
            raise MemoryError("out of memory for the arc-eager actions")
        names = "SDLRB"
        self.move_names = []
        self._label_ids = {lb: _label_id(lb) for lb in arc_labels + ["ROOT"]}
        # The labels each arc direction has moves for: a gold label without a move in its
        # direction backs off to "dep" (spaCy's rule).
        self._left_labels = {lb for m, lb in moves if m == LEFT and lb}
        self._right_labels = {lb for m, lb in moves if m == RIGHT and lb}
        for i, (move, label) in enumerate(moves):
            self.c[i].move = move
            self.c[i].label = _label_id(label) if label else 0
            self.move_names.append(f"{names[move]}-{label}" if label else names[move])
        self._move_index = {name: i for i, name in enumerate(self.move_names)}
        self._lifted_ids = frozenset(self._label_ids[lb] for lb in arc_labels
                                     if DELIMITER in lb)

    def __dealloc__(self):
        free(self.c)

    def action_index(self, action) -> int:
        """The index of a move, from its index or its name ("S", "L-nsubj", ...)."""
        if isinstance(action, str):
            if action not in self._move_index:
                raise ModelError(f"Unknown arc-eager move {action!r}; known moves: "
                                 f"{', '.join(self.move_names)}.")
            return self._move_index[action]
        if isinstance(action, (int, numpy.integer)) and 0 <= action < self.n_moves:
            return int(action)
        raise ModelError(f"Arc-eager move {action!r} is neither a move name nor an index in "
                         f"[0, {self.n_moves}).")

    def init_states(self, docs) -> list:
        """One fresh state per Doc (SENT_START values of 1 / -1 in the Doc constrain BREAK)."""
        cdef Doc doc
        cdef ParseState st
        states = []
        for doc in docs:
            st = ParseState.__new__(ParseState)
            if not state_init(&st.c, doc.c, doc.length):
                raise MemoryError("out of memory for a parse state")
            st.doc = doc
            states.append(st)
        return states

    def is_valid(self, ParseState state not None, action) -> bool:
        return action_is_valid(state.live(), self.c[self.action_index(action)])

    def valid_moves(self, ParseState state not None) -> numpy.ndarray:
        """An int32 array with 1 for every move valid in the state."""
        out = numpy.zeros((self.n_moves,), dtype=numpy.int32)
        cdef int32_t[::1] view = out
        cdef int i
        cdef StateC* c = state.live()
        for i in range(self.n_moves):
            view[i] = action_is_valid(c, self.c[i])
        return out

    def apply(self, ParseState state not None, action) -> None:
        i = self.action_index(action)
        if not action_apply(state.live(), self.c[i]):
            valid = [self.move_names[j] for j in range(self.n_moves)
                     if action_is_valid(&state.c, self.c[j])]
            raise ModelError(f"Move {self.move_names[i]!r} is not valid in this state "
                             f"(stack={state.stack}, buffer={state.buffer}); valid moves: "
                             f"{', '.join(valid) or 'none (the state is final)'}.")

    def make_gold(self, int n, heads, labels, sent_starts=None) -> ArcEagerGold:
        """Gold for n tokens: absolute heads (self for roots, None unknown), label strings
        (None unknown), sentence starts (True/False/None or 1/0/-1; from the tree if omitted).
        A label without a move in its arc's direction (L for a head to the right, R for a
        head to the left) backs off to "dep", as in spaCy."""
        c_heads = _c_heads(heads, n, "make_gold")
        if len(labels) != n:
            raise ExampleError(f"make_gold: got {len(labels)} labels for {n} tokens.")
        label_ids = []
        for i, lb in enumerate(labels):
            if lb is None or c_heads[i] == i:
                label_ids.append(0)
            elif not isinstance(lb, str):
                raise ExampleError(f"make_gold: label of token {i} is {lb!r}, not a str or None.")
            else:
                known = self._left_labels if c_heads[i] > i else self._right_labels
                label_ids.append(self._label_ids[lb] if lb in known else self._label_ids["dep"])
        cdef int32_t bad = -1
        probe = numpy.asarray(c_heads, dtype=numpy.int32) if n else numpy.zeros((0,), numpy.int32)
        cdef int32_t[::1] hv = probe
        status = check_tree(&hv[0] if n else NULL, n, &bad)
        if status != GOLD_OK:
            _raise_tree_error(status, bad, c_heads, "make_gold")
        if sent_starts is None:
            starts = _sent_starts_from_tree(c_heads)
        else:
            if len(sent_starts) != n:
                raise ExampleError(f"make_gold: got {len(sent_starts)} sent_starts for {n} tokens.")
            starts = [-1 if s is None else (1 if s is True or s == 1 else (0 if s is False or s == 0 else -1))
                      for s in sent_starts]
        cdef ArcEagerGold gold = ArcEagerGold.__new__(ArcEagerGold)
        la = numpy.asarray(label_ids, dtype=numpy.uint64) if n else numpy.zeros((0,), numpy.uint64)
        sa = numpy.asarray(starts, dtype=numpy.int8) if n else numpy.zeros((0,), numpy.int8)
        cdef attr_t[::1] lv = la
        cdef int8_t[::1] sv = sa
        status = gold_init(&gold.c, n, &hv[0] if n else NULL, &lv[0] if n else NULL,
                           &sv[0] if n else NULL, &bad)
        if status != GOLD_OK:
            _raise_tree_error(status, bad, c_heads, "make_gold")
        return gold

    def _gold_for(self, ParseState state, gold) -> ArcEagerGold:
        if isinstance(gold, ArcEagerGold):
            g = gold
        else:
            try:
                heads, labels = gold
            except (TypeError, ValueError):
                raise ExampleError("A gold parse is an ArcEagerGold or a (heads, labels) pair.")
            g = self.make_gold(state.c.length, heads, labels)
        if len(g) != state.c.length:
            raise ExampleError(f"Gold parse of {len(g)} tokens for a state of "
                               f"{state.c.length} tokens.")
        return g

    def costs(self, states, golds, *, return_valid: bool = False):
        """Dynamic-oracle costs, (n_states, n_moves) float32: 0 for moves that keep the best
        reachable tree, the number of gold arcs/boundaries lost otherwise (9000 if invalid)."""
        states = list(states)
        golds = list(golds)
        if len(states) != len(golds):
            raise ExampleError(f"costs: {len(states)} states but {len(golds)} gold parses.")
        costs = numpy.zeros((len(states), self.n_moves), dtype=numpy.float32)
        valid = numpy.zeros((len(states), self.n_moves), dtype=numpy.int32)
        cdef float[:, ::1] cv = costs
        cdef int32_t[:, ::1] vv = valid
        cdef ParseState st
        cdef ArcEagerGold g
        for i in range(len(states)):
            st = states[i]
            g = self._gold_for(st, golds[i])
            if self.n_moves:
                set_costs(st.live(), &g.c, self.c, self.n_moves, &vv[i, 0], &cv[i, 0])
        return (costs, valid) if return_valid else costs

    def oracle_sequence(self, Doc doc not None, gold_heads, gold_labels, sent_starts=None) -> list:
        """Move indices the dynamic oracle takes from a fresh state to the gold tree (the
        first valid move of least cost each step). ExampleError if the gold is unreachable
        (e.g. a non-projective tree: projectivize it first)."""
        gold = self.make_gold(doc.length, gold_heads, gold_labels, sent_starts)
        state = self.init_states([doc])[0]
        path, complete = self._oracle(state, gold)
        if not complete:
            raise ExampleError(
                "The arc-eager oracle found no zero-cost move: the gold tree can't be reached "
                "(non-projective arcs? projectivize(heads, labels) first; or sentence starts "
                "that contradict the tree).")
        return path

    def _oracle(self, ParseState state, ArcEagerGold gold) -> tuple:
        """(path, complete): the oracle's moves from `state` (which it steps), and whether
        they reach a final state (else they stop where no move keeps the gold reachable)."""
        cdef int n = state.c.length
        cdef int max_steps = 10 * n + 10
        out = numpy.zeros((max_steps,), dtype=numpy.int32)
        cdef int32_t[::1] ov = out
        cdef int steps
        cdef cbool complete = False
        cdef StateC* c = state.live()
        with nogil:
            steps = oracle_sequence(c, &gold.c, self.c, self.n_moves, &ov[0], max_steps,
                                    &complete)
        return out[:steps].tolist(), bool(complete)

    def cut_states(self, ParseState state not None, gold, int max_length) -> list:
        """Training pieces along the oracle's path from `state` (spaCy's
        `update_with_oracle_cut_size`): a long Doc becomes several short sequences that step
        in parallel. Returns (start state, end) per `max_length` moves of the path, end being
        B0 after the piece's moves (-1 once the buffer is empty). Where the oracle finds no
        move that keeps the gold reachable, the path (and the pieces) stop there, as spaCy's."""
        if max_length < 1:
            raise ModelError(f"max_length must be at least 1, got {max_length}.")
        cdef ArcEagerGold g = self._gold_for(state, gold)
        path, _complete = self._oracle(state.copy(), g)
        cdef ParseState cur = state.copy()
        cur.live()
        cdef int k
        out = []
        for start in range(0, len(path), max_length):
            piece = cur.copy()
            for k in path[start:start + max_length]:
                action_apply(&cur.c, self.c[k])
                if is_final(&cur.c):
                    break
            out.append((piece, buffer_at(&cur.c, 0)))
            if is_final(&cur.c):
                break
        return out

    def context_tokens(self, states, int n_feats, offsets) -> numpy.ndarray:
        """The model's features for a batch of states, (n_states, n_feats) int32: row
        offsets[i] + w of a table whose rows are the batch's tokens, for each context word w
        of state i (see arc_eager.hh), and row 0 where there is no such word."""
        states = list(states)
        cdef int n = len(states)
        off = numpy.ascontiguousarray(offsets, dtype=numpy.int32)
        if off.ndim != 1 or off.shape[0] != n:
            raise ModelError(f"context_tokens: {n} states but offsets of shape {off.shape}.")
        if n_feats not in (8, 13):
            raise ModelError(f"The parser's states have 8 or 13 features, not {n_feats}.")
        out = numpy.zeros((n, n_feats), dtype=numpy.int32)
        if n == 0:
            return out
        cdef int32_t[:, ::1] ov = out
        cdef int32_t[::1] offv = off
        cdef ParseState st
        cdef int i, j
        for i in range(n):
            st = states[i]
            context_tokens(st.live(), n_feats, &ov[i, 0])
            for j in range(n_feats):
                ov[i, j] = offv[i] + ov[i, j] if ov[i, j] >= 0 else 0
        return out

    def final_mask(self, states) -> numpy.ndarray:
        """Which states are final, as a bool array."""
        states = list(states)
        out = numpy.zeros((len(states),), dtype=numpy.uint8)
        cdef uint8_t[::1] ov = out
        cdef ParseState st
        for i in range(len(states)):
            st = states[i]
            ov[i] = is_final(&st.c)
        return out.view(bool)

    def apply_all(self, states, scores) -> numpy.ndarray:
        """One batch step: each non-final state takes its best-scoring valid move.
        scores is (n_states, n_moves); returns the chosen move per state (-1 if final)."""
        states = list(states)
        arr = numpy.ascontiguousarray(scores, dtype=numpy.float32)
        if arr.ndim != 2 or arr.shape[0] != len(states) or arr.shape[1] != self.n_moves:
            raise ModelError(f"apply_all: scores of shape {numpy.shape(scores)}; expected "
                             f"({len(states)}, {self.n_moves}) (states x moves).")
        cdef int n = len(states)
        chosen = numpy.full((n,), -1, dtype=numpy.int32)
        if n == 0:
            return chosen
        cdef StateC** ptrs = <StateC**>malloc(n * sizeof(StateC*))
        if ptrs == NULL:
            raise MemoryError("out of memory in apply_all")
        cdef ParseState st
        cdef float[:, ::1] sv = arr
        cdef int32_t[::1] chv = chosen
        try:
            for i in range(n):
                st = states[i]
                ptrs[i] = st.live()
            with nogil:
                step_batch(ptrs, n, &sv[0, 0], self.c, self.n_moves, &chv[0])
        finally:
            free(ptrs)
        return chosen

    def greedy_parse(self, states, offsets, P, bias, W_upper, b_upper, seen, int n_feats,
                     int64_t max_steps) -> int:
        """Step every state to the end in one native call (greedy_decode.hh): state i's
        context tokens are rows offsets[i] + w of P (row 0: none); the other arrays are the
        step model's (greedy.pxd). Returns how many states are unfinished after max_steps."""
        cdef StepWeights w
        cdef vector[StateC*] ptrs
        off = _decode_args(self, &w, &ptrs, states, offsets, P, bias, W_upper, b_upper, seen,
                           n_feats)
        if ptrs.size() == 0:
            return 0
        cdef int32_t[::1] offv = off
        cdef GreedySystem system
        system.actions = self.c
        system.n_actions = self.n_moves
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
        cdef vector[StateC*] ptrs
        off = _decode_args(self, &w, &ptrs, states, offsets, P, bias, W_upper, b_upper, seen,
                           n_feats)
        if ptrs.size() == 0:
            return 0, []
        cdef int32_t[::1] offv = off
        cdef BeamSystem system
        system.actions = self.c
        system.n_actions = self.n_moves
        cdef vector[vector[BeamFinal[StateC]]] finals
        finals.resize(ptrs.size())
        cdef int64_t left
        use_registered_blas()
        with nogil:
            left = beam_decode(ptrs.data(), &offv[0], <int64_t>ptrs.size(), w, system, width,
                               density, max_steps, finals.data())
        cdef size_t d, j
        cdef ParseState base, other
        out = []
        try:
            if left == BEAM_NO_MEMORY:
                raise MemoryError("out of memory in beam_parse")
            for d in range(finals.size()):
                base = states[d]
                candidates = []
                for j in range(finals[d].size()):
                    other = type(base).__new__(type(base))
                    other.doc = base.doc
                    if not system.assign(&other.c, finals[d][j].st):
                        raise MemoryError("out of memory in beam_parse")
                    candidates.append((numpy.float32(finals[d][j].score), other,
                                       tuple(finals[d][j].moves)))
                out.append(candidates)
        finally:
            for d in range(finals.size()):
                for j in range(finals[d].size()):
                    system.destroy(finals[d][j].st)
        return left, out

    def set_annotations(self, ParseState state not None, Doc doc not None) -> None:
        """Write a state's arcs, root labels ("ROOT") and sentence starts into its Doc. As in
        spaCy, a word the parse leaves headless keeps the head it had (0 on a fresh Doc)."""
        self._add_label_strings(doc)
        self._annotate(state, doc)

    def annotate_all(self, states, docs) -> list:
        """set_annotations for each (state, Doc) pair (None states and empty Docs are
        skipped). Returns the indices of the Docs whose labels carry a lifted arc
        ("dep||head"): only those need deprojectivize_doc."""
        lifted = self._lifted_ids
        needs_lift = []
        vocabs = set()
        cdef Doc doc
        cdef int i
        for k, (state, doc_obj) in enumerate(zip(states, docs)):
            if state is None or not len(doc_obj):
                continue
            doc = doc_obj
            if id(doc.vocab) not in vocabs:
                vocabs.add(id(doc.vocab))
                self._add_label_strings(doc)
            self._annotate(state, doc)
            if lifted:
                for i in range(doc.length):
                    if doc.c[i].dep in lifted:
                        needs_lift.append(k)
                        break
        return needs_lift

    def _add_label_strings(self, Doc doc):
        strings = doc.vocab.strings
        for lb in self.labels:
            strings.add(lb)
        strings.add(self.root_label)

    def _annotate(self, ParseState state, Doc doc):
        if state.doc is not doc or doc.length != state.c.length:
            raise ModelError("set_annotations: the state was not made from this Doc.")
        set_annotations(state.live(), doc.c, self._label_ids[self.root_label])


def projectivize(heads, labels):
    """Lift non-projective arcs (Nivre & Nilsson 2005, HEAD scheme), as spaCy does for
    training data. heads are absolute (self for a root, None unknown). Returns new heads and
    labels, lifted words' labels decorated as "label||headlabel"."""
    n = len(heads)
    c_heads = _c_heads(heads, n, "projectivize")
    if len(labels) != n:
        raise ExampleError(f"projectivize: {len(labels)} labels for {n} heads.")
    arr = numpy.asarray(c_heads, dtype=numpy.int32) if n else numpy.zeros((0,), numpy.int32)
    lifted = numpy.zeros((n,), dtype=numpy.uint8)
    cdef int32_t[::1] hv = arr
    cdef uint8_t[::1] lv = lifted
    cdef int32_t bad = -1
    if n == 0:
        return [], []
    status = check_tree(&hv[0], n, &bad)
    if status != GOLD_OK:
        _raise_tree_error(status, bad, c_heads, "projectivize")
    projectivize_heads(&hv[0], n, &lv[0])
    new_heads = [None if h < 0 else int(h) for h in arr]
    new_labels = list(labels)
    for i in range(n):
        if new_heads[i] != heads[i]:
            new_labels[i] = f"{labels[i]}{DELIMITER}{labels[c_heads[i]]}"
    return new_heads, new_labels


def _deprojectivize_arrays(int32_t[::1] hv, list labels, skip, bint allow_cycles=False):
    n = len(labels)
    if n == 0:
        return labels
    ids = {}
    def local(s):
        return ids.setdefault(s, len(ids) + 1)
    cur = numpy.zeros((n,), dtype=numpy.uint64)
    base = numpy.zeros((n,), dtype=numpy.uint64)
    want = numpy.zeros((n,), dtype=numpy.uint64)
    new_labels = []
    for i, lb in enumerate(labels):
        lb = "" if lb is None else str(lb)
        cur[i] = local(lb)
        if DELIMITER in lb:
            b, _, h = lb.partition(DELIMITER)
            base[i] = local(b)
            want[i] = local(h)
            new_labels.append(b)
        else:
            base[i] = cur[i]
            new_labels.append(lb)
    cdef attr_t[::1] cv = cur
    cdef attr_t[::1] bv = base
    cdef attr_t[::1] wv = want
    cdef uint8_t[::1] sv = skip
    cdef int32_t bad = -1
    status = check_tree(&hv[0], n, &bad)
    if status != GOLD_OK and not (allow_cycles and status == GOLD_CYCLE):
        _raise_tree_error(status, bad, [int(h) for h in hv], "deprojectivize")
    deprojectivize_heads(&hv[0], &cv[0], n, &bv[0], &wv[0], &sv[0])
    return new_labels


def deprojectivize(heads, labels):
    """Undo projectivize on predictions: each "label||headlabel" word is re-attached to the
    first "headlabel" word found breadth-first below its head. Returns (heads, labels)."""
    n = len(heads)
    c_heads = _c_heads(heads, n, "deprojectivize")
    if len(labels) != n:
        raise ExampleError(f"deprojectivize: {len(labels)} labels for {n} heads.")
    arr = numpy.asarray(c_heads, dtype=numpy.int32) if n else numpy.zeros((0,), numpy.int32)
    new_labels = _deprojectivize_arrays(arr, list(labels), numpy.zeros((n,), dtype=numpy.uint8))
    return [None if h < 0 else int(h) for h in arr], new_labels


def deprojectivize_doc(Doc doc not None) -> Doc:
    """deprojectivize in place on a parsed Doc (whitespace tokens are never new heads). A
    cycle, which arcs kept from an earlier parse can close (see set_annotations), is left as
    it is, as spaCy does."""
    cdef int i, n = doc.length
    if n == 0:
        return doc
    strings = doc.vocab.strings
    heads = numpy.asarray([i + doc.c[i].head for i in range(n)], dtype=numpy.int32)
    labels = [strings[doc.c[i].dep] if doc.c[i].dep else "" for i in range(n)]
    skip = numpy.asarray([lex_check_flag(doc.c[i].lex, _IS_SPACE) for i in range(n)],
                         dtype=numpy.uint8)
    new_labels = _deprojectivize_arrays(heads, labels, skip, allow_cycles=True)
    for i in range(n):
        doc.c[i].head = heads[i] - i
        doc.c[i].dep = strings.add(new_labels[i]) if new_labels[i] else 0
    set_children_from_heads(doc.c, n)  # children, edges, sentence starts; a cycle is kept
    return doc


cdef object _decode_args(ArcEager moves, StepWeights* w, vector[StateC*]* ptrs, states, offsets,
                         P, bias, W_upper, b_upper, seen, int n_feats):
    """Check a decoder's arguments and fill the weights and state pointers; returns the
    offsets as a contiguous int32 array."""
    if n_feats not in (8, 13):
        raise ModelError(f"The parser's states have 8 or 13 features, not {n_feats}.")
    step_weights(w, P, bias, W_upper, b_upper, seen, n_feats, moves.n_moves)
    states = list(states)
    cdef int64_t n = len(states), i
    off = state_offsets(offsets, n)
    cdef int32_t[::1] offv = off
    ptrs.resize(n)
    cdef ParseState st
    for i in range(n):
        if not isinstance(states[i], ParseState):
            raise ModelError(f"The decoders take ParseStates, not {type(states[i]).__name__}.")
        st = states[i]
        check_state_rows(i, offv[i], st.c.length, w)
        ptrs[0][i] = st.live()
    return off
