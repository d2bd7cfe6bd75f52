// Unit tests of the arc-eager transition system with no Python: each move, costs, the
// oracle, batch stepping, annotations, pseudo-projectivity. Run by
// tests/test_native_cpp.py (or by hand).
#include <cstdio>

#include "check.hh"
#include <cstring>
#include <vector>

#include "lexloom/arc_eager.hh"

using namespace lexloom;
using namespace lexloom::arc_eager;


static const attr_t NSUBJ = 101, DOBJ = 102, DET = 103, ROOT_LABEL = 8206900633647566924ULL;

static std::vector<Action> all_actions() {
    return {{SHIFT, 0},      {REDUCE, 0},     {LEFT, NSUBJ},  {LEFT, DOBJ}, {LEFT, DET},
            {RIGHT, NSUBJ},  {RIGHT, DOBJ},   {RIGHT, DET},   {BREAK, 0}};
}

static void test_each_move() {
    std::vector<TokenC> toks(4);
    std::memset(toks.data(), 0, sizeof(TokenC) * toks.size());
    StateC st;
    CHECK(state_init(&st, toks.data(), 4));
    CHECK(!is_final(&st) && st.depth == 0 && buffer_at(&st, 0) == 0);
    // Empty stack: only SHIFT (and BREAK) are possible.
    CHECK(is_valid(&st, {SHIFT, 0}));
    CHECK(!is_valid(&st, {REDUCE, 0}));
    CHECK(!is_valid(&st, {LEFT, DET}) && !is_valid(&st, {RIGHT, DET}));
    CHECK(apply(&st, {SHIFT, 0}));
    CHECK(stack_at(&st, 0) == 0 && buffer_at(&st, 0) == 1);
    CHECK(apply(&st, {LEFT, DET}));  // 1 -> 0
    CHECK(st.heads[0] == 1 && st.labels[0] == DET && st.depth == 0);
    CHECK(apply(&st, {SHIFT, 0}));
    CHECK(apply(&st, {RIGHT, DOBJ}));  // 1 -> 2
    CHECK(st.heads[2] == 1 && st.labels[2] == DOBJ && stack_at(&st, 0) == 2);
    CHECK(apply(&st, {REDUCE, 0}));  // 2 has a head: popped
    CHECK(stack_at(&st, 0) == 1);
    CHECK(is_valid(&st, {BREAK, 0}) == false);  // only one word left in the buffer
    CHECK(!is_valid(&st, {SHIFT, 0}));          // SHIFT never empties the buffer
    CHECK(apply(&st, {RIGHT, NSUBJ}));
    CHECK(apply(&st, {REDUCE, 0}) && apply(&st, {REDUCE, 0}));
    CHECK(is_final(&st));
    CHECK(!apply(&st, {SHIFT, 0}));  // invalid: nothing happens
    set_annotations(&st, toks.data(), ROOT_LABEL);
    CHECK(toks[0].head == 1 && toks[1].head == 0 && toks[2].head == -1 && toks[3].head == -2);
    CHECK(toks[1].dep == ROOT_LABEL && toks[0].sent_start == 1 && toks[2].sent_start == -1);
    state_free(&st);
}

static void test_set_annotations_keeps_heads_the_parse_left_open() {
    // An annotated Doc parsed again (spaCy's behaviour): a word the new parse leaves headless
    // keeps its old arc, even where that closes a cycle with a new arc.
    std::vector<TokenC> toks(4);
    std::memset(toks.data(), 0, sizeof(TokenC) * toks.size());
    toks[2].head = -2;  // earlier parse: 2 <- 0 (dobj), 3 <- 2 (det)
    toks[2].dep = DOBJ;
    toks[3].head = -1;
    toks[3].dep = DET;
    StateC st;
    CHECK(state_init(&st, toks.data(), 4));
    st.heads[0] = 2;  // the new parse's arcs: 0 <- 2 (nsubj), 1 <- 0 (det)
    st.labels[0] = NSUBJ;
    st.heads[1] = 0;
    st.labels[1] = DET;
    set_annotations(&st, toks.data(), ROOT_LABEL);
    CHECK(toks[0].head == 2 && toks[0].dep == NSUBJ && toks[1].head == -1 && toks[1].dep == DET);
    CHECK(toks[2].head == -2 && toks[2].dep == DOBJ && toks[3].head == -1 && toks[3].dep == DET);
    state_free(&st);
    // A headless word whose old head is 0 becomes a root with the root label.
    std::memset(toks.data(), 0, sizeof(TokenC) * toks.size());
    CHECK(state_init(&st, toks.data(), 4));
    st.heads[0] = 1;
    st.labels[0] = DET;
    set_annotations(&st, toks.data(), ROOT_LABEL);
    CHECK(toks[1].head == 0 && toks[1].dep == ROOT_LABEL && toks[1].l_edge == 0);
    CHECK(toks[2].dep == ROOT_LABEL && toks[2].sent_start == 1 && toks[0].sent_start == 1);
    state_free(&st);
}

static void test_reduce_unshifts_headless_word_and_break() {
    std::vector<TokenC> toks(4);
    std::memset(toks.data(), 0, sizeof(TokenC) * toks.size());
    StateC st;
    CHECK(state_init(&st, toks.data(), 4));
    apply(&st, {SHIFT, 0});
    apply(&st, {SHIFT, 0});
    CHECK(st.depth == 2 && apply(&st, {REDUCE, 0}));
    CHECK(st.depth == 1 && buffer_at(&st, 0) == 1 && buffer_at(&st, 1) == 2);
    CHECK(!is_valid(&st, {SHIFT, 0}));  // 1 was put back: SHIFT can't take it again
    CHECK(!is_valid(&st, {BREAK, 0}) || buffer_at(&st, 1) == buffer_at(&st, 0) + 1);
    CHECK(apply(&st, {BREAK, 0}));
    CHECK(st.sent_starts[2] == 1);
    CHECK(!is_valid(&st, {BREAK, 0}));  // 2 already starts a sentence
    // A SENT_START of -1 in the tokens forbids a break there.
    StateC st2;
    toks[1].sent_start = -1;
    CHECK(state_init(&st2, toks.data(), 4));
    CHECK(!is_valid(&st2, {BREAK, 0}));
    state_free(&st2);
    state_free(&st);
}

static void test_oracle_costs_and_tree() {
    // the(0) cat(1) ate(2) fish(3) | it(4) slept(5)
    const int32_t n = 6;
    int32_t heads[n] = {1, 2, 2, 2, 5, 5};
    attr_t labels[n] = {DET, NSUBJ, 0, DOBJ, NSUBJ, 0};
    std::vector<TokenC> toks(n);
    std::memset(toks.data(), 0, sizeof(TokenC) * toks.size());
    GoldC g;
    int8_t starts[n] = {1, 0, 0, 0, 1, 0};
    CHECK(gold_init(&g, n, heads, labels, starts, nullptr) == GOLD_OK);
    StateC st;
    CHECK(state_init(&st, toks.data(), n));
    std::vector<Action> acts = all_actions();
    std::vector<int32_t> valid(acts.size());
    std::vector<float> costs(acts.size());
    int32_t steps = 0;
    while (!is_final(&st) && steps < 100) {
        set_costs(&st, &g, acts.data(), int32_t(acts.size()), valid.data(), costs.data());
        int32_t pick = -1, n_zero = 0;
        for (size_t i = 0; i < acts.size(); ++i) {
            if (valid[i] && costs[i] <= 0) {
                if (pick < 0) pick = int32_t(i);
                ++n_zero;
            }
            CHECK(!valid[i] || costs[i] >= 0);
        }
        CHECK(pick >= 0);
        if (pick < 0) break;
        // A wrong label for a gold arc costs something.
        if (acts[pick].move == LEFT || acts[pick].move == RIGHT) {
            for (size_t i = 0; i < acts.size(); ++i) {
                if (acts[i].move == acts[pick].move && acts[i].label != acts[pick].label)
                    CHECK(costs[i] > 0);
            }
        }
        apply(&st, acts[pick]);
        ++steps;
    }
    CHECK(is_final(&st));
    for (int32_t i = 0; i < n; ++i) {
        int32_t h = st.heads[i] < 0 ? i : st.heads[i];
        CHECK(h == heads[i]);
        if (h != i) CHECK(st.labels[i] == labels[i]);
    }
    CHECK(st.sent_starts[4] == 1);
    state_free(&st);
    // The oracle function gives the same result in one call.
    StateC st2;
    CHECK(state_init(&st2, toks.data(), n));
    std::vector<int32_t> seq(100);
    bool complete = false;
    CHECK(oracle_sequence(&st2, &g, acts.data(), int32_t(acts.size()), seq.data(), 100,
                          &complete) == steps);
    CHECK(complete);
    state_free(&st2);
    gold_free(&g);
}

// Missing heads cost nothing, except that (as in spaCy's oracle) an unknown head reads as
// token 0: with token 0 as S0, a right arc or a break costs -1.
static void test_missing_heads_cost_nothing() {
    const int32_t n = 3;
    int32_t heads[n] = {-1, -1, -1};
    std::vector<TokenC> toks(n);
    std::memset(toks.data(), 0, sizeof(TokenC) * toks.size());
    GoldC g;
    CHECK(gold_init(&g, n, heads, nullptr, nullptr, nullptr) == GOLD_OK);
    StateC st;
    state_init(&st, toks.data(), n);
    apply(&st, {SHIFT, 0});
    gold_update(&g, &st);
    for (const Action& a : all_actions()) {
        if (!is_valid(&st, a)) continue;
        CHECK(cost(&st, &g, a) == ((a.move == RIGHT || a.move == BREAK) ? -1 : 0));
    }
    apply(&st, {LEFT, 0});  // token 0 attached to 1 and popped
    apply(&st, {SHIFT, 0});
    gold_update(&g, &st);
    for (const Action& a : all_actions()) {
        if (is_valid(&st, a)) CHECK(cost(&st, &g, a) == 0);
    }
    state_free(&st);
    gold_free(&g);
}

static void test_bad_gold_rejected() {
    int32_t bad = -1;
    int32_t out_of_range[3] = {0, 7, 1};
    GoldC g;
    CHECK(gold_init(&g, 3, out_of_range, nullptr, nullptr, &bad) == GOLD_HEAD_OUT_OF_RANGE && bad == 1);
    int32_t cycle[3] = {1, 2, 0};
    CHECK(gold_init(&g, 3, cycle, nullptr, nullptr, &bad) == GOLD_CYCLE);
    uint8_t lifted[3];
    CHECK(projectivize(cycle, 3, lifted) == GOLD_CYCLE);
}

static void test_batch_step_picks_best_valid() {
    std::vector<TokenC> toks(3);
    std::memset(toks.data(), 0, sizeof(TokenC) * toks.size());
    StateC a, b;
    state_init(&a, toks.data(), 3);
    state_init(&b, toks.data(), 3);
    std::vector<Action> acts = all_actions();
    int32_t na = int32_t(acts.size());
    std::vector<float> scores(2 * acts.size(), 0.0f);
    scores[1] = 10.0f;       // state a: REDUCE scores best but is invalid -> SHIFT (next best)
    scores[0] = 1.0f;
    scores[na + 8] = 5.0f;   // state b: BREAK
    StateC* states[2] = {&a, &b};
    int32_t chosen[2];
    CHECK(step_batch(states, 2, scores.data(), acts.data(), na, chosen) == 2);
    CHECK(chosen[0] == 0 && a.depth == 1);
    CHECK(chosen[1] == 8 && b.sent_starts[1] == 1);
    // Run to the end with flat scores: every state finishes.
    std::vector<float> flat(2 * acts.size(), 0.0f);
    int32_t guard = 0;
    while (step_batch(states, 2, flat.data(), acts.data(), na, chosen) > 0 && guard < 50) ++guard;
    CHECK(is_final(&a) && is_final(&b));
    state_free(&a);
    state_free(&b);
}

static void test_projectivize_and_back() {
    // 0 <- 1 (root); 2 -> 5 is non-projective over 3, 4 (which hang from 1)
    const int32_t n = 6;
    int32_t heads[n] = {1, 1, 5, 1, 3, 3};
    int32_t orig[n];
    std::memcpy(orig, heads, sizeof(heads));
    uint8_t lifted[n];
    CHECK(is_nonproj_arc(2, heads, n));
    CHECK(projectivize(heads, n, lifted) == 1);
    CHECK(heads[2] == 3 && lifted[2] == 1);
    for (int32_t i = 0; i < n; ++i) CHECK(!is_nonproj_arc(i, heads, n));
    // labels: 1=a 2=ROOT 3=b 4=c 5=d 6=e; lifted word 2 carries "b||e".
    attr_t labels[n] = {1, 2, 7, 4, 5, 6};
    attr_t base[n] = {1, 2, 3, 4, 5, 6};
    attr_t want[n] = {0, 0, 6, 0, 0, 0};
    CHECK(deprojectivize(heads, labels, n, base, want, nullptr));
    for (int32_t i = 0; i < n; ++i) CHECK(heads[i] == orig[i]);
    CHECK(labels[2] == 3);
}

int main() {
    test_each_move();
    test_set_annotations_keeps_heads_the_parse_left_open();
    test_reduce_unshifts_headless_word_and_break();
    test_oracle_costs_and_tree();
    test_missing_heads_cost_nothing();
    test_bad_gold_rejected();
    test_batch_step_picks_best_valid();
    test_projectivize_and_back();
    return lexloom_test::report("arc-eager");
}
