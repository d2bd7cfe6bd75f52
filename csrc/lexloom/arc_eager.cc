// Arc-eager transitions, dynamic oracle and pseudo-projective transform. See arc_eager.hh.
#include "arc_eager.hh"

#include <cstdlib>
#include <cstring>

#include "hash.hh"
#include "token_array.hh"

namespace lexloom {
namespace arc_eager {

namespace {

template <typename T>
T* alloc_n(int32_t n) {
    return static_cast<T*>(std::calloc(n > 0 ? static_cast<size_t>(n) : 1, sizeof(T)));
}

// ---- state helpers ----

bool has_head(const StateC* st, int32_t w) { return w >= 0 && w < st->length && st->heads[w] >= 0; }

bool is_sent_start(const StateC* st, int32_t w) {
    if (w < 0 || w >= st->length) return false;
    return st->sent[w].sent_start == 1 || st->sent_starts[w] != 0;
}

bool cannot_sent_start(const StateC* st, int32_t w) {
    return w >= 0 && w < st->length && st->sent[w].sent_start == -1;
}

bool is_unshiftable(const StateC* st, int32_t w) {
    return w >= 0 && w < st->length && st->unshiftable[w] != 0;
}

void push(StateC* st) {
    int32_t b0;
    if (st->n_rebuffer > 0) b0 = st->rebuffer[--st->n_rebuffer];
    else b0 = st->b_i++;
    st->stack[st->depth++] = b0;
}

void pop(StateC* st) { --st->depth; }

void unshift(StateC* st) {
    int32_t s0 = st->stack[--st->depth];
    st->unshiftable[s0] = 1;
    st->rebuffer[st->n_rebuffer++] = s0;
}

// The children the features read are spaCy's: by the order their arcs were made, not by
// position. kids[4h..4h+4) holds h's most recent and second most recent left children, then
// its most recent and second most recent right children (spaCy's L(h, 1), L(h, 2), R(h, 1),
// R(h, 2)); arc_time orders the arcs, so a child re-attached to h counts as its newest.
void note_newest_kid(StateC* st, int32_t head, int32_t child) {
    int32_t* k = st->kids + 4 * head + (child < head ? 0 : 2);
    k[1] = k[0];
    k[0] = child;
}

// Rebuild head's kid slots from the heads (after one of its children was re-attached).
void recount_kids(StateC* st, int32_t head) {
    int32_t* k = st->kids + 4 * head;
    k[0] = k[1] = k[2] = k[3] = -1;
    for (int32_t i = 0; i < st->length; ++i) {
        if (i == head || st->heads[i] != head) continue;
        int32_t* side = k + (i < head ? 0 : 2);
        if (side[0] < 0 || st->arc_time[i] > st->arc_time[side[0]]) {
            side[1] = side[0];
            side[0] = i;
        } else if (side[1] < 0 || st->arc_time[i] > st->arc_time[side[1]]) {
            side[1] = i;
        }
    }
}

void add_arc(StateC* st, int32_t head, int32_t child, attr_t label) {
    int32_t old = st->heads[child];
    st->heads[child] = head;
    st->labels[child] = label;
    st->arc_time[child] = ++st->clock;
    if (old >= 0 && old != child) recount_kids(st, old);
    if (head != child && old != head) note_newest_kid(st, head, child);
}

// ---- gold helpers ----

bool head_unknown(const GoldC* g, int32_t w) { return w < 0 || w >= g->length || g->heads[w] < 0; }
// The arc tests of the move costs read the gold head as spaCy's oracle does: a token whose
// head is unknown reads as headed by token 0 (spaCy's zero-filled gold heads), so an arc from
// token 0 to it counts as correct. Rare (token 0 on the stack, an unaligned or unannotated
// token next); kept so training matches spaCy step for step.
bool oracle_head_is(const GoldC* g, int32_t head, int32_t child) {
    if (head < 0 || child < 0 || child >= g->length || head == child) return false;
    return (g->heads[child] < 0 ? 0 : g->heads[child]) == head;
}
bool gold_sent_start(const GoldC* g, int32_t w) { return w >= 0 && w < g->length && g->sent_starts[w] == 1; }
bool gold_sent_start_unknown(const GoldC* g, int32_t w) {
    return w < 0 || w >= g->length || g->sent_starts[w] < 0;
}
bool label_is_gold(const GoldC* g, int32_t child, attr_t label) {
    return head_unknown(g, child) || label == 0 || g->labels[child] == 0 || g->labels[child] == label;
}

float push_cost(const StateC* st, const GoldC* g);
float pop_cost(const StateC* st, const GoldC* g);

// ---- the five transitions: each a small unit of validity, effect and cost ----

struct Shift {
    static bool is_valid(const StateC* st) {
        if (st->depth == 0) return buffer_length(st) > 0;
        if (buffer_length(st) < 2) return false;
        int32_t b0 = buffer_at(st, 0);
        return !is_sent_start(st, b0) && !is_unshiftable(st, b0);
    }
    static void apply(StateC* st, attr_t) { push(st); }
    // Pushing B0 loses its arcs with the stack (and a boundary a break would have made).
    static float cost(const StateC*, const GoldC* g, attr_t) { return g->push_cost; }
};

struct Reduce {
    static bool is_valid(const StateC* st) {
        if (st->depth == 0) return false;
        if (buffer_length(st) == 0) return true;
        // Popping the last stack word ends its sentence before B0 (spaCy checks l_edge(B0),
        // which is B0 itself in a state).
        return !(st->depth == 1 && cannot_sent_start(st, buffer_at(st, 0)));
    }
    // Pops S0, or puts a head-less S0 back on the buffer so it can still get a head.
    static void apply(StateC* st, attr_t) {
        if (has_head(st, stack_at(st, 0)) || st->depth == 1) pop(st);
        else unshift(st);
    }
    static float cost(const StateC* st, const GoldC* g, attr_t) {
        if (is_sent_start(st, buffer_at(st, 0))) return 0;
        int32_t s0 = stack_at(st, 0);
        float c = g->pop_cost;
        if (!has_head(st, s0)) {
            // s0 goes back on the buffer: its arcs with the stack stay reachable.
            if (g->head_in_stack[s0]) c -= 1;
            c -= g->n_kids_in_stack[s0];
        }
        return c;
    }
};

inline bool arc_valid(const StateC* st) {
    if (st->depth == 0 || buffer_length(st) == 0) return false;
    return !is_sent_start(st, buffer_at(st, 0));
}

struct LeftArc {  // B0 -> S0, then pop S0
    static bool is_valid(const StateC* st) { return arc_valid(st); }
    static void apply(StateC* st, attr_t label) {
        int32_t b0 = buffer_at(st, 0);
        add_arc(st, b0, stack_at(st, 0), label);
        st->unshiftable[b0] = 0;  // the stack changed, so SHIFT can't loop on b0
        pop(st);
    }
    static float cost(const StateC* st, const GoldC* g, attr_t label) {
        int32_t s0 = stack_at(st, 0), b0 = buffer_at(st, 0);
        float c = g->pop_cost;
        if (has_head(st, s0)) {
            if (oracle_head_is(g, stack_at(st, 1), s0)) c += 1;  // clobbering a correct arc
        } else {
            if (g->head_in_stack[s0]) c += 1;
            c += g->n_kids_in_stack[s0];
        }
        if (oracle_head_is(g, b0, s0)) {
            c -= 1;
            if (!label_is_gold(g, s0, label)) c += 1;
        }
        return c;
    }
};

struct RightArc {  // S0 -> B0, then push B0
    static bool is_valid(const StateC* st) { return arc_valid(st); }
    static void apply(StateC* st, attr_t label) {
        add_arc(st, stack_at(st, 0), buffer_at(st, 0), label);
        push(st);
    }
    static float cost(const StateC* st, const GoldC* g, attr_t label) {
        int32_t s0 = stack_at(st, 0), b0 = buffer_at(st, 0);
        float c = g->push_cost;
        if (oracle_head_is(g, s0, b0)) {
            c -= 1;
            if (!label_is_gold(g, b0, label)) c += 1;
        } else if (b0 >= 0 && g->head_in_buffer[b0] && !is_unshiftable(st, b0)) {
            c += 1;
        }
        return c;
    }
};

struct Break {  // B1 starts a new sentence
    static bool is_valid(const StateC* st) {
        if (buffer_length(st) < 2) return false;
        int32_t b0 = buffer_at(st, 0), b1 = buffer_at(st, 1);
        if (b1 != b0 + 1) return false;
        return !is_sent_start(st, b1) && !cannot_sent_start(st, b1);
    }
    static void apply(StateC* st, attr_t) { st->sent_starts[buffer_at(st, 1)] = 1; }
    static float cost(const StateC* st, const GoldC* g, attr_t) {
        int32_t b0 = buffer_at(st, 0);
        float c = 0;
        for (int32_t i = 0; i < st->depth; ++i) {
            int32_t si = stack_at(st, i);
            if (g->head_in_buffer[si]) c += 1;
            c += g->n_kids_in_buffer[si];
            // Arcs between the stack and b0 can still be made before the boundary.
            if (oracle_head_is(g, si, b0)) c -= 1;
            if (oracle_head_is(g, b0, si)) c -= 1;
        }
        int32_t b1 = buffer_at(st, 1);
        if (!gold_sent_start(g, b1) && !gold_sent_start_unknown(g, b1)) c += 1;
        return c;
    }
};

float push_cost(const StateC* st, const GoldC* g) {
    int32_t b0 = buffer_at(st, 0);
    if (b0 < 0) return 9000;
    float c = 0;
    if (g->head_in_stack[b0]) c += 1;
    c += g->n_kids_in_stack[b0];
    if (Break::is_valid(st) && gold_sent_start(g, buffer_at(st, 1))) c += 1;
    return c;
}

float pop_cost(const StateC* st, const GoldC* g) {
    int32_t s0 = stack_at(st, 0);
    if (s0 < 0) return 9000;
    float c = 0;
    if (g->head_in_buffer[s0]) c += 1;
    c += g->n_kids_in_buffer[s0];
    return c;
}

}  // namespace

void state_push(StateC* st) { push(st); }
void state_pop(StateC* st) { pop(st); }
void state_unshift(StateC* st) { unshift(st); }
void state_add_arc(StateC* st, int32_t head, int32_t child, attr_t label) {
    add_arc(st, head, child, label);
}

bool state_init(StateC* st, const TokenC* sent, int32_t length) {
    *st = StateC();
    if (length < 0) return false;
    st->sent = sent;
    st->length = length;
    st->stack = alloc_n<int32_t>(length);
    st->rebuffer = alloc_n<int32_t>(length);
    st->heads = alloc_n<int32_t>(length);
    st->labels = alloc_n<attr_t>(length);
    st->sent_starts = alloc_n<uint8_t>(length);
    st->unshiftable = alloc_n<uint8_t>(length);
    st->kids = alloc_n<int32_t>(4 * length);
    st->arc_time = alloc_n<int32_t>(length);
    if (!st->stack || !st->rebuffer || !st->heads || !st->labels || !st->sent_starts ||
        !st->unshiftable || !st->kids || !st->arc_time) {
        state_free(st);
        return false;
    }
    for (int32_t i = 0; i < length; ++i) st->heads[i] = -1;
    for (int32_t i = 0; i < 4 * length; ++i) st->kids[i] = -1;
    return true;
}

void state_free(StateC* st) {
    std::free(st->stack);
    std::free(st->rebuffer);
    std::free(st->heads);
    std::free(st->labels);
    std::free(st->sent_starts);
    std::free(st->unshiftable);
    std::free(st->kids);
    std::free(st->arc_time);
    *st = StateC();
}

bool state_copy(StateC* dst, const StateC* src) {
    if (!state_init(dst, src->sent, src->length)) return false;
    size_t n = static_cast<size_t>(src->length);
    std::memcpy(dst->stack, src->stack, n * sizeof(int32_t));
    std::memcpy(dst->rebuffer, src->rebuffer, n * sizeof(int32_t));
    std::memcpy(dst->heads, src->heads, n * sizeof(int32_t));
    std::memcpy(dst->labels, src->labels, n * sizeof(attr_t));
    std::memcpy(dst->sent_starts, src->sent_starts, n);
    std::memcpy(dst->unshiftable, src->unshiftable, n);
    std::memcpy(dst->kids, src->kids, 4 * n * sizeof(int32_t));
    std::memcpy(dst->arc_time, src->arc_time, n * sizeof(int32_t));
    dst->clock = src->clock;
    dst->depth = src->depth;
    dst->n_rebuffer = src->n_rebuffer;
    dst->b_i = src->b_i;
    return true;
}

bool context_tokens(const StateC* st, int32_t n_feats, int32_t* out) {
    int32_t s0 = stack_at(st, 0), s1 = stack_at(st, 1), b0 = buffer_at(st, 0);
    if (n_feats == 8) {
        out[0] = b0;
        out[1] = buffer_at(st, 1);
        out[2] = s0;
        out[3] = s1;
        out[4] = stack_at(st, 2);
        out[5] = left_child(st, b0, 1);
        out[6] = left_child(st, s0, 1);
        out[7] = right_child(st, s0, 1);
        return true;
    }
    if (n_feats == 13) {
        // spaCy's order, including its slot 6 (S0's second leftmost child, overwritten there
        // by S0's rightmost child before it is read): trained weights expect this layout.
        out[0] = b0;
        out[1] = buffer_at(st, 1);
        out[2] = s0;
        out[3] = s1;
        out[4] = stack_at(st, 2);
        out[5] = left_child(st, s0, 1);
        out[6] = right_child(st, s0, 1);
        out[7] = left_child(st, b0, 1);
        out[8] = right_child(st, s0, 2);
        out[9] = left_child(st, s1, 1);
        out[10] = left_child(st, s1, 2);
        out[11] = right_child(st, s1, 1);
        out[12] = right_child(st, s1, 2);
        return true;
    }
    return false;
}

int32_t check_tree(const int32_t* heads, int32_t n, int32_t* bad) {
    for (int32_t i = 0; i < n; ++i) {
        if (heads[i] < -1 || heads[i] >= n) {
            if (bad) *bad = i;
            return GOLD_HEAD_OUT_OF_RANGE;
        }
    }
    for (int32_t i = 0; i < n; ++i) {
        int32_t node = i;
        for (int32_t steps = 0; heads[node] >= 0 && heads[node] != node; ++steps) {
            if (steps > n) {
                if (bad) *bad = i;
                return GOLD_CYCLE;
            }
            node = heads[node];
        }
    }
    return GOLD_OK;
}

int32_t gold_init(GoldC* g, int32_t n, const int32_t* heads, const attr_t* labels,
                  const int8_t* sent_starts, int32_t* bad) {
    *g = GoldC();
    int32_t status = check_tree(heads, n, bad);
    if (status != GOLD_OK) return status;
    g->length = n;
    g->heads = alloc_n<int32_t>(n);
    g->labels = alloc_n<attr_t>(n);
    g->sent_starts = alloc_n<int8_t>(n);
    g->kid_start = alloc_n<int32_t>(n + 1);
    g->kids = alloc_n<int32_t>(n);
    g->head_in_stack = alloc_n<uint8_t>(n);
    g->head_in_buffer = alloc_n<uint8_t>(n);
    g->n_kids_in_stack = alloc_n<int32_t>(n);
    g->n_kids_in_buffer = alloc_n<int32_t>(n);
    if (!g->heads || !g->labels || !g->sent_starts || !g->kid_start || !g->kids ||
        !g->head_in_stack || !g->head_in_buffer || !g->n_kids_in_stack || !g->n_kids_in_buffer) {
        gold_free(g);
        return GOLD_NO_MEMORY;
    }
    for (int32_t i = 0; i < n; ++i) {
        g->heads[i] = heads[i];
        g->labels[i] = labels ? labels[i] : 0;
        g->sent_starts[i] = sent_starts ? sent_starts[i] : -1;
    }
    // Kids of each word, in order, as a CSR table.
    for (int32_t i = 0; i < n; ++i) {
        int32_t h = heads[i];
        if (h >= 0 && h != i) g->kid_start[h + 1] += 1;
    }
    for (int32_t i = 0; i < n; ++i) g->kid_start[i + 1] += g->kid_start[i];
    int32_t* fill = alloc_n<int32_t>(n);
    if (!fill) {
        gold_free(g);
        return GOLD_NO_MEMORY;
    }
    for (int32_t i = 0; i < n; ++i) {
        int32_t h = heads[i];
        if (h >= 0 && h != i) g->kids[g->kid_start[h] + fill[h]++] = i;
    }
    std::free(fill);
    return GOLD_OK;
}

void gold_free(GoldC* g) {
    std::free(g->heads);
    std::free(g->labels);
    std::free(g->sent_starts);
    std::free(g->kid_start);
    std::free(g->kids);
    std::free(g->head_in_stack);
    std::free(g->head_in_buffer);
    std::free(g->n_kids_in_stack);
    std::free(g->n_kids_in_buffer);
    *g = GoldC();
}

void gold_update(GoldC* g, const StateC* st) {
    int32_t n = g->length < st->length ? g->length : st->length;
    for (int32_t i = 0; i < g->length; ++i) {
        g->head_in_stack[i] = 0;
        g->head_in_buffer[i] = 0;
        g->n_kids_in_stack[i] = 0;
        g->n_kids_in_buffer[i] = 0;
    }
    for (int32_t i = 0; i < st->depth; ++i) {
        int32_t s = stack_at(st, i);
        if (s >= n) continue;
        if (!head_unknown(g, s) && g->heads[s] != s) g->n_kids_in_stack[g->heads[s]] += 1;
        for (int32_t k = g->kid_start[s]; k < g->kid_start[s + 1]; ++k) g->head_in_stack[g->kids[k]] = 1;
    }
    int32_t blen = buffer_length(st);
    for (int32_t i = 0; i < blen; ++i) {
        int32_t b = buffer_at(st, i);
        if (b >= n) continue;
        // Words from a sentence boundary on can no longer take part in arcs with the stack.
        if (is_sent_start(st, b)) break;
        if (!head_unknown(g, b) && g->heads[b] != b) g->n_kids_in_buffer[g->heads[b]] += 1;
        for (int32_t k = g->kid_start[b]; k < g->kid_start[b + 1]; ++k) g->head_in_buffer[g->kids[k]] = 1;
    }
    g->push_cost = push_cost(st, g);
    g->pop_cost = pop_cost(st, g);
}

namespace {
template <typename Fn>
auto dispatch(int32_t move, Fn fn) {
    switch (move) {
        case SHIFT: return fn(Shift());
        case REDUCE: return fn(Reduce());
        case LEFT: return fn(LeftArc());
        case RIGHT: return fn(RightArc());
        default: return fn(Break());
    }
}
bool known_move(int32_t move) { return move >= 0 && move < N_MOVES; }
}  // namespace

// spaCy's learn_tokens: an arc labelled "subtok" joins a word to the next one only.
const attr_t SUBTOK_LABEL = hash_utf8("subtok");

bool is_valid(const StateC* st, Action a) {
    if ((a.move == LEFT || a.move == RIGHT) && a.label == SUBTOK_LABEL &&
        stack_at(st, 0) != buffer_at(st, 0) - 1)
        return false;
    return known_move(a.move) && dispatch(a.move, [&](auto m) { return decltype(m)::is_valid(st); });
}

bool apply(StateC* st, Action a) {
    if (!is_valid(st, a)) return false;
    dispatch(a.move, [&](auto m) { decltype(m)::apply(st, a.label); return 0; });
    return true;
}

float cost(const StateC* st, const GoldC* g, Action a) {
    if (!known_move(a.move)) return 9000;
    return dispatch(a.move, [&](auto m) { return decltype(m)::cost(st, g, a.label); });
}

void set_costs(const StateC* st, GoldC* g, const Action* actions, int32_t n_actions,
               int32_t* valid, float* costs) {
    gold_update(g, st);
    for (int32_t i = 0; i < n_actions; ++i) {
        valid[i] = is_valid(st, actions[i]) ? 1 : 0;
        costs[i] = valid[i] ? cost(st, g, actions[i]) : 9000;
    }
}

int32_t step_batch(StateC* const* states, int32_t n_states, const float* scores,
                   const Action* actions, int32_t n_actions, int32_t* chosen) {
    int32_t unfinished = 0;
    for (int32_t s = 0; s < n_states; ++s) {
        StateC* st = states[s];
        chosen[s] = -1;
        if (is_final(st)) continue;
        const float* row = scores + static_cast<size_t>(s) * static_cast<size_t>(n_actions);
        int32_t best = -1;
        for (int32_t i = 0; i < n_actions; ++i) {
            if ((best < 0 || row[i] > row[best]) && is_valid(st, actions[i])) best = i;
        }
        if (best >= 0) {
            apply(st, actions[best]);
            chosen[s] = best;
        } else {
            finish_as_is(st);
        }
        if (!is_final(st)) ++unfinished;
    }
    return unfinished;
}

int32_t oracle_sequence(StateC* st, GoldC* g, const Action* actions, int32_t n_actions,
                        int32_t* out, int32_t max_steps, bool* complete) {
    int32_t steps = 0;
    *complete = false;
    while (!is_final(st)) {
        if (steps >= max_steps) return steps;
        gold_update(g, st);
        int32_t pick = -1;
        float least = 0;  // only a move of cost <= 0 keeps the gold reachable
        for (int32_t i = 0; i < n_actions; ++i) {
            if (!is_valid(st, actions[i])) continue;
            float c = cost(st, g, actions[i]);
            if (c <= least && (pick < 0 || c < least)) {
                pick = i;
                least = c;
            }
        }
        if (pick < 0) return steps;
        apply(st, actions[pick]);
        out[steps++] = pick;
    }
    *complete = true;
    return steps;
}

void set_annotations(const StateC* st, TokenC* tokens, attr_t root_label) {
    // As spaCy: only the parse's arcs are written. A word the parse left without a head keeps
    // the head it arrived with (0 on a fresh Doc; an earlier parse's arc on an annotated one),
    // and each word whose head is itself is labelled a root.
    for (int32_t i = 0; i < st->length; ++i) {
        int32_t h = st->heads[i];
        if (h == i) {
            tokens[i].head = 0;
        } else if (h >= 0) {
            tokens[i].head = h - i;
            tokens[i].dep = st->labels[i];
        }
    }
    for (int32_t i = 0; i < st->length; ++i) {
        if (tokens[i].head == 0) tokens[i].dep = root_label;
    }
    // Kept arcs can close a cycle with the new ones; the bookkeeping is bounded either way.
    set_children_from_heads(tokens, st->length);
}

// ---- pseudo-projective transform ----

namespace {

// Does `head` dominate `token` (or is token's chain cut by a missing head)? heads acyclic.
bool has_head_as_ancestor(int32_t token, int32_t head, const int32_t* heads, int32_t n) {
    int32_t node = token;
    for (int32_t steps = 0; steps <= n; ++steps) {
        int32_t h = heads[node];
        if (h == head || h < 0) return true;
        if (h == node) return false;
        node = h;
    }
    return false;
}

int32_t smallest_nonproj_arc(const int32_t* heads, int32_t n) {
    int32_t best = -1, best_size = n + 1;
    for (int32_t i = 0; i < n; ++i) {
        int32_t size = heads[i] > i ? heads[i] - i : i - heads[i];
        if (size < best_size && is_nonproj_arc(i, heads, n)) {
            best = i;
            best_size = size;
        }
    }
    return best;
}

}  // namespace

bool is_nonproj_arc(int32_t token, const int32_t* heads, int32_t n) {
    if (token < 0 || token >= n) return false;
    int32_t head = heads[token];
    if (head == token || head < 0) return false;
    int32_t start = head < token ? head + 1 : token + 1;
    int32_t end = head < token ? token : head;
    for (int32_t k = start; k < end; ++k) {
        if (!has_head_as_ancestor(k, head, heads, n)) return true;
    }
    return false;
}

int32_t projectivize(int32_t* heads, int32_t n, uint8_t* lifted) {
    int32_t status = check_tree(heads, n, nullptr);
    if (status != GOLD_OK) return status;
    for (int32_t i = 0; i < n; ++i) lifted[i] = 0;
    int32_t lifts = 0;
    for (int32_t arc = smallest_nonproj_arc(heads, n); arc != -1; arc = smallest_nonproj_arc(heads, n)) {
        int32_t head = heads[arc];
        int32_t ghead = heads[head];
        // To the grandparent; a word whose head is a root becomes a root itself.
        heads[arc] = ghead != head ? ghead : arc;
        lifted[arc] = 1;
        ++lifts;
    }
    return lifts;
}

bool deprojectivize(int32_t* heads, attr_t* labels, int32_t n, const attr_t* base_labels,
                    const attr_t* head_labels, const uint8_t* skip) {
    int32_t status = check_tree(heads, n, nullptr);
    if (status != GOLD_OK && status != GOLD_CYCLE) return false;  // every walk below is bounded
    int32_t* queue = alloc_n<int32_t>(n);
    int32_t* l_edge = alloc_n<int32_t>(n);
    int32_t* r_edge = alloc_n<int32_t>(n);
    if (!queue || !l_edge || !r_edge) {
        std::free(queue);
        std::free(l_edge);
        std::free(r_edge);
        return false;
    }
    // Subtree edges of the tree as given. As in spaCy, where a Doc's children are found
    // between these edges, they are not updated while words are re-attached.
    for (int32_t i = 0; i < n; ++i) l_edge[i] = r_edge[i] = i;
    for (int32_t i = 0; i < n; ++i) {
        for (int32_t node = i, steps = 0; heads[node] >= 0 && heads[node] != node && steps <= n; ++steps) {
            node = heads[node];
            if (l_edge[node] > i) l_edge[node] = i;
            if (r_edge[node] < i) r_edge[node] = i;
        }
    }
    for (int32_t i = 0; i < n; ++i) {
        if (head_labels[i] == 0) continue;
        int32_t start = heads[i];
        if (start >= 0 && start != i) {
            int32_t q_begin = 0, q_end = 0, found = -1;
            queue[q_end++] = start;
            // Breadth-first, level by level; children of each node left to right.
            while (q_begin < q_end && found < 0 && q_end <= n) {
                int32_t level_end = q_end;
                for (; q_begin < level_end && found < 0; ++q_begin) {
                    int32_t q = queue[q_begin];
                    for (int32_t c = l_edge[q]; c <= r_edge[q]; ++c) {
                        if (c == q || heads[c] != q || c == i || (skip && skip[c])) continue;
                        if (labels[c] == head_labels[i]) {
                            found = c;
                            break;
                        }
                        if (q_end < n) queue[q_end++] = c;
                    }
                }
            }
            if (found >= 0) heads[i] = found;
        }
        labels[i] = base_labels[i];
    }
    std::free(queue);
    std::free(l_edge);
    std::free(r_edge);
    return true;
}

}  // namespace arc_eager
}  // namespace lexloom
