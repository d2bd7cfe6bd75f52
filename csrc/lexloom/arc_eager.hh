// Arc-eager transition-based dependency parsing (labelled arcs plus a sentence-boundary
// move), its dynamic oracle, batch stepping, and the pseudo-projective transform.
// No Python, no exceptions: functions return a status, a count or a flag. Memory for a
// state or a gold parse is malloc'd by *_init and released by *_free.
//
// Behaviour follows spaCy 3.8's arc-eager system: SHIFT "S", REDUCE "D" (pops, or puts a
// head-less word back on the buffer), LEFT "L-label", RIGHT "R-label", BREAK "B-ROOT"
// (marks B[1] as a sentence start).
#pragma once
#include <cstdint>
#include <new>

#include "structs.hh"

namespace lexloom {
namespace arc_eager {

enum Move : int32_t { SHIFT = 0, REDUCE = 1, LEFT = 2, RIGHT = 3, BREAK = 4, N_MOVES = 5 };

struct Action {
    int32_t move;
    attr_t label;  // 0 for SHIFT / REDUCE
};

// A parse in progress over one sentence (or Doc) of `length` tokens. Arrays are sized to it.
struct StateC {
    const TokenC* sent = nullptr;  // read for SENT_START constraints (1 must, -1 must not)
    int32_t length = 0;
    int32_t* stack = nullptr;     // stack[depth - 1] is S0
    int32_t depth = 0;
    int32_t* rebuffer = nullptr;  // words REDUCE put back; rebuffer[n_rebuffer - 1] is B0
    int32_t n_rebuffer = 0;
    int32_t b_i = 0;              // next never-shifted word
    int32_t* heads = nullptr;     // absolute head, -1 while unattached
    attr_t* labels = nullptr;
    uint8_t* sent_starts = nullptr;   // 1 where BREAK marked a sentence start
    uint8_t* unshiftable = nullptr;   // put back by REDUCE: SHIFT may not take it again
    // Per word w: kids[4w..4w+4) = its newest and second-newest left children, its newest
    // and second-newest right children (-1 for none), newest by when the arc was made (as
    // spaCy's StateC orders them), kept up to date by the arcs, so the model's context
    // features cost O(1) per state.
    int32_t* kids = nullptr;
    int32_t* arc_time = nullptr;  // when each word's current arc was made (clock ticks)
    int32_t clock = 0;
};

// Allocate and reset; false on out-of-memory or a negative length (st is then empty).
bool state_init(StateC* st, const TokenC* sent, int32_t length);
void state_free(StateC* st);
// Copy src into dst (dst must be freed or empty). False on out-of-memory.
bool state_copy(StateC* dst, const StateC* src);

inline int32_t stack_at(const StateC* st, int32_t i) {
    return (i >= 0 && i < st->depth) ? st->stack[st->depth - 1 - i] : -1;
}
inline int32_t buffer_at(const StateC* st, int32_t i) {
    if (i < 0) return -1;
    if (i < st->n_rebuffer) return st->rebuffer[st->n_rebuffer - 1 - i];
    int32_t b = st->b_i + (i - st->n_rebuffer);
    return b < st->length ? b : -1;
}
inline int32_t buffer_length(const StateC* st) { return (st->length - st->b_i) + st->n_rebuffer; }
inline bool is_final(const StateC* st) { return st->depth == 0 && buffer_length(st) == 0; }

// Stop where the state stands, when no move is valid (contradictory SENT_START presets, or
// a move set without SHIFT): words without a head become roots when annotations are written.
inline void finish_as_is(StateC* st) {
    st->depth = 0;
    st->n_rebuffer = 0;
    st->b_i = st->length;
}

// Single steps on a state, below the moves (spaCy's StateClass push / pop / unshift /
// add_arc, for tests and hand-built states). The caller checks they apply: push needs a
// non-empty buffer, pop and unshift a non-empty stack, add_arc words in [0, length).
void state_push(StateC* st);
void state_pop(StateC* st);
void state_unshift(StateC* st);
void state_add_arc(StateC* st, int32_t head, int32_t child, attr_t label);

// The idx-th (1 or 2) newest left / right child of w (spaCy's L(w, idx) / R(w, idx)), or -1.
inline int32_t left_child(const StateC* st, int32_t w, int32_t idx) {
    return (w >= 0 && w < st->length && (idx == 1 || idx == 2)) ? st->kids[4 * w + idx - 1] : -1;
}
inline int32_t right_child(const StateC* st, int32_t w, int32_t idx) {
    return (w >= 0 && w < st->length && (idx == 1 || idx == 2)) ? st->kids[4 * w + idx + 1] : -1;
}

// The words the model looks at in this state, as word indices (-1 for none), written to
// out[0 .. n_feats), in spaCy's order. n_feats 8: B0 B1 S0 S1 S2 L(B0,1) L(S0,1) R(S0,1);
// 13: B0 B1 S0 S1 S2 L(S0,1) R(S0,1) L(B0,1) R(S0,2) L(S1,1) L(S1,2) R(S1,1) R(S1,2).
// Other sizes: false.
bool context_tokens(const StateC* st, int32_t n_feats, int32_t* out);

// Gold annotation for the oracle: absolute heads (head == self for a root, -1 unknown),
// label ids (0 = any label is fine), sentence starts (1 yes, 0 no, -1 unknown).
struct GoldC {
    int32_t length = 0;
    int32_t* heads = nullptr;
    attr_t* labels = nullptr;
    int8_t* sent_starts = nullptr;
    int32_t* kid_start = nullptr;  // kids of w: kids[kid_start[w] .. kid_start[w + 1])
    int32_t* kids = nullptr;
    uint8_t* head_in_stack = nullptr;
    uint8_t* head_in_buffer = nullptr;
    int32_t* n_kids_in_stack = nullptr;
    int32_t* n_kids_in_buffer = nullptr;
    float push_cost = 0;
    float pop_cost = 0;
};

enum GoldStatus : int32_t { GOLD_OK = 0, GOLD_NO_MEMORY = -1, GOLD_HEAD_OUT_OF_RANGE = -2, GOLD_CYCLE = -3 };

// Check heads (absolute; -1 missing, self = root). Returns GOLD_OK, or an error code with
// *bad set to the first offending token.
int32_t check_tree(const int32_t* heads, int32_t n, int32_t* bad);
// Copies the inputs; sent_starts may be null (all unknown). Returns a GoldStatus.
int32_t gold_init(GoldC* g, int32_t n, const int32_t* heads, const attr_t* labels,
                  const int8_t* sent_starts, int32_t* bad);
void gold_free(GoldC* g);
// Recompute the stack/buffer bookkeeping the costs read. Call before costing a state.
void gold_update(GoldC* g, const StateC* st);

bool is_valid(const StateC* st, Action a);
// Apply an action; it must be valid (an invalid one does nothing and returns false).
bool apply(StateC* st, Action a);
// Dynamic-oracle cost: how many gold arcs (and sentence boundaries) become unreachable.
// The gold must have been updated for this state (gold_update).
float cost(const StateC* st, const GoldC* g, Action a);

// valid[i] / costs[i] for every action; updates the gold first.
void set_costs(const StateC* st, GoldC* g, const Action* actions, int32_t n_actions,
               int32_t* valid, float* costs);

// One step for a batch: for each non-final state, apply the valid action with the highest
// score (scores is n_states x n_actions, row-major). chosen[i] gets the action index, or -1
// when the state was already final. Returns how many states are still not final.
int32_t step_batch(StateC* const* states, int32_t n_states, const float* scores,
                   const Action* actions, int32_t n_actions, int32_t* chosen);

// The greedy decoder's view of the system (greedy_decode.hh).
struct GreedySystem {
    const Action* actions;
    int32_t n_actions;
    bool is_final(const StateC* st) const { return arc_eager::is_final(st); }
    void context(const StateC* st, int32_t n_feats, int32_t* out) const {
        context_tokens(st, n_feats, out);
    }
    void step(StateC* st, const float* scores) const {
        int32_t chosen;
        step_batch(&st, 1, scores, actions, n_actions, &chosen);
    }
};

// The beam decoder's view of the system (beam_decode.hh): candidates are heap copies.
struct BeamSystem : GreedySystem {
    bool is_valid(const StateC* st, int32_t a) const { return arc_eager::is_valid(st, actions[a]); }
    void apply(StateC* st, int32_t a) const { arc_eager::apply(st, actions[a]); }
    void finish(StateC* st) const { finish_as_is(st); }
    StateC* clone(const StateC* st) const {
        StateC* copy = new (std::nothrow) StateC();
        if (copy != nullptr && !state_copy(copy, st)) {
            delete copy;
            copy = nullptr;
        }
        return copy;
    }
    void destroy(StateC* st) const {
        state_free(st);
        delete st;
    }
    bool assign(StateC* dst, const StateC* src) const {
        state_free(dst);
        return state_copy(dst, src);
    }
};

// Follow spaCy's oracle: each step the first valid action (in action order) of least cost,
// while that cost is <= 0. Writes up to max_steps action indices to out and returns how many
// it wrote; *complete says whether the state became final (false: no valid action costs
// <= 0 there, or the step limit was hit; the path so far is still written).
int32_t oracle_sequence(StateC* st, GoldC* g, const Action* actions, int32_t n_actions,
                        int32_t* out, int32_t max_steps, bool* complete);

// Write the parse's arcs (heads as offsets, deps) into tokens[0 .. st->length), keeping the
// head of each word the parse left headless (spaCy's behaviour on annotated Docs); words
// whose head is 0 get root_label; then sentence starts and children bookkeeping.
void set_annotations(const StateC* st, TokenC* tokens, attr_t root_label);

// ---- pseudo-projective transform (Nivre & Nilsson 2005, HEAD scheme) ----

// Is the arc into `token` non-projective? heads absolute, -1 missing, self = root.
// The heads must be cycle-free.
bool is_nonproj_arc(int32_t token, const int32_t* heads, int32_t n);
// Lift the shortest non-projective arc (ties: leftmost) to the grandparent until the tree is
// projective. lifted[i] is set to 1 where heads[i] changed. Returns the number of lifts, or
// a negative GoldStatus for bad heads.
int32_t projectivize(int32_t* heads, int32_t n, uint8_t* lifted);
// Re-attach every token with head_labels[i] != 0 (left to right) to the first token,
// breadth-first from its current head (children left to right, skipping skip[j] != 0 and the
// token itself), whose current label is head_labels[i]; then labels[i] = base_labels[i].
// Without a match the head stays. As in spaCy, children are looked for within the subtree
// edges of the input tree; a cycle is tolerated (every walk is bounded). skip may be null.
// False on a head out of range (nothing is then changed).
bool deprojectivize(int32_t* heads, attr_t* labels, int32_t n, const attr_t* base_labels,
                    const attr_t* head_labels, const uint8_t* skip);

}  // namespace arc_eager
}  // namespace lexloom
