// C++ unit tests of the BILUO transition system (csrc/lexloom/biluo.*), no Python involved.
#include <cstdio>

#include "check.hh"
#include <cstdlib>
#include <vector>

#include "lexloom/biluo.hh"

using namespace lexloom;
using namespace lexloom::biluo;


static const attr_t PER = 101, ORG = 202;

static std::vector<Action> all_actions() {
    std::vector<Action> acts;
    for (int32_t m : {BEGIN, IN, LAST, UNIT})
        for (attr_t l : {PER, ORG}) acts.push_back(Action{m, l});
    acts.push_back(Action{UNIT, 0});
    acts.push_back(Action{OUT, 0});
    return acts;
}

struct Fixture {
    LexemeC word{}, space{};
    std::vector<TokenC> toks;
    std::vector<EntC> ents;
    NerState st;
    explicit Fixture(int n) : toks(n), ents(n) {
        lex_set_flag(&space, IS_SPACE, true);
        for (auto& t : toks) t.lex = &word;
        state_init(&st, toks.data(), n, ents.data());
    }
};

static void test_validity_fresh_state() {
    Fixture f(3);
    CHECK(is_valid(&f.st, Action{BEGIN, PER}));
    CHECK(!is_valid(&f.st, Action{BEGIN, 0}));
    CHECK(!is_valid(&f.st, Action{IN, PER}));    // nothing open
    CHECK(!is_valid(&f.st, Action{LAST, PER}));
    CHECK(is_valid(&f.st, Action{UNIT, PER}));
    CHECK(!is_valid(&f.st, Action{UNIT, 0}));    // not blocked
    CHECK(is_valid(&f.st, Action{OUT, 0}));
    CHECK(!is_valid(&f.st, Action{MISSING, 0}));
}

static void test_validity_open_entity() {
    Fixture f(3);
    CHECK(apply(&f.st, Action{BEGIN, PER}));
    CHECK(is_valid(&f.st, Action{IN, PER}));
    CHECK(!is_valid(&f.st, Action{IN, ORG}));    // label must match the open entity
    CHECK(is_valid(&f.st, Action{LAST, PER}));
    CHECK(!is_valid(&f.st, Action{LAST, ORG}));
    CHECK(!is_valid(&f.st, Action{BEGIN, PER}));
    CHECK(!is_valid(&f.st, Action{UNIT, PER}));
    CHECK(!is_valid(&f.st, Action{OUT, 0}));
    CHECK(apply(&f.st, Action{IN, PER}));
    // last token: I and B impossible, L closes
    CHECK(!is_valid(&f.st, Action{IN, PER}));
    CHECK(is_valid(&f.st, Action{LAST, PER}));
    CHECK(apply(&f.st, Action{LAST, PER}));
    CHECK(state_is_final(&f.st));
    CHECK(f.st.n_ents == 1 && f.st.ents[0].start == 0 && f.st.ents[0].end == 3);
    CHECK(!apply(&f.st, Action{OUT, 0}));        // nothing left
}

static void test_validity_boundaries() {
    Fixture f(3);
    f.toks[1].sent_start = 1;                    // B can't run into the next sentence
    CHECK(!is_valid(&f.st, Action{BEGIN, PER}));
    CHECK(is_valid(&f.st, Action{UNIT, PER}));
    Fixture g(3);
    g.toks[0].lex = &g.space;                    // nor start on whitespace
    CHECK(!is_valid(&g.st, Action{BEGIN, PER}));
    CHECK(!is_valid(&g.st, Action{UNIT, PER}));
    CHECK(is_valid(&g.st, Action{OUT, 0}));
}

static void test_validity_presets() {
    Fixture f(3);
    f.toks[0].ent_iob = 3; f.toks[0].ent_type = PER;
    f.toks[1].ent_iob = 1; f.toks[1].ent_type = PER;
    f.toks[2].ent_iob = 2;
    CHECK(is_valid(&f.st, Action{BEGIN, PER}));
    CHECK(!is_valid(&f.st, Action{BEGIN, ORG}));
    CHECK(!is_valid(&f.st, Action{UNIT, PER}));  // the preset goes on
    CHECK(!is_valid(&f.st, Action{OUT, 0}));
    CHECK(apply(&f.st, Action{BEGIN, PER}));
    CHECK(!is_valid(&f.st, Action{IN, PER}));    // next is preset O: must close
    CHECK(is_valid(&f.st, Action{LAST, PER}));
    CHECK(apply(&f.st, Action{LAST, PER}));
    CHECK(is_valid(&f.st, Action{UNIT, PER}));   // a preset O doesn't block U (as in spaCy)
    CHECK(is_valid(&f.st, Action{OUT, 0}));
    Fixture b(1);
    b.toks[0].ent_iob = 3;                       // blocked: only "U-"
    CHECK(is_valid(&b.st, Action{UNIT, 0}));
    CHECK(!is_valid(&b.st, Action{OUT, 0}));
    CHECK(apply(&b.st, Action{UNIT, 0}));
    CHECK(b.st.n_ents == 0);
}

static void test_costs_and_oracle() {
    // gold: B-PER L-PER O U-ORG
    Fixture f(4);
    Action gold[4] = {{BEGIN, PER}, {LAST, PER}, {OUT, 0}, {UNIT, ORG}};
    auto acts = all_actions();
    std::vector<int32_t> valid(acts.size());
    std::vector<float> costs(acts.size());
    for (int step = 0; step < 4; ++step) {
        int n_zero = set_costs(&f.st, gold, acts.data(), (int32_t)acts.size(), valid.data(), costs.data());
        CHECK(n_zero == 1);                      // on the gold path, only the gold move is free
        int32_t o = oracle_action(&f.st, gold, acts.data(), (int32_t)acts.size());
        CHECK(o >= 0 && acts[o].move == gold[step].move && acts[o].label == gold[step].label);
        for (size_t i = 0; i < acts.size(); ++i)
            if (valid[i] && (int32_t)i != o) CHECK(costs[i] >= 1.0f);
            else if (!valid[i]) CHECK(costs[i] == INVALID_COST);
        CHECK(apply(&f.st, acts[o]));
    }
    CHECK(f.st.n_ents == 2);
    write_entities(&f.st, f.toks.data());
    CHECK(f.toks[0].ent_iob == 3 && f.toks[0].ent_type == PER);
    CHECK(f.toks[1].ent_iob == 1 && f.toks[1].ent_type == PER);
    CHECK(f.toks[2].ent_iob == 2 && f.toks[2].ent_type == 0);
    CHECK(f.toks[3].ent_iob == 3 && f.toks[3].ent_type == ORG);
}

static void test_missing_costs_nothing() {
    Fixture f(3);
    Action gold[3] = {{MISSING, 0}, {MISSING, 0}, {MISSING, 0}};
    auto acts = all_actions();
    std::vector<int32_t> valid(acts.size());
    std::vector<float> costs(acts.size());
    set_costs(&f.st, gold, acts.data(), (int32_t)acts.size(), valid.data(), costs.data());
    for (size_t i = 0; i < acts.size(); ++i)
        if (valid[i]) CHECK(costs[i] == 0.0f);
}

static void test_step_batch() {
    Fixture a(2), b(1);
    NerState states[2] = {a.st, b.st};
    auto acts = all_actions();
    const int32_t n = (int32_t)acts.size();
    std::vector<float> scores(2 * n, 0.0f);
    scores[0] = 5.0f;                    // B-PER best for state 0
    scores[n + 0] = 5.0f;                // B-PER best for state 1 too, but invalid (1 token)
    scores[n + 7] = 1.0f;                // U-ORG next best
    int32_t chosen[2];
    CHECK(step_batch(states, 2, acts.data(), n, scores.data(), chosen) == 2);
    CHECK(chosen[0] == 0 && chosen[1] == 7);
    CHECK(states[1].n_ents == 1 && states[1].ents[0].label == ORG);
    std::vector<float> zeros(2 * n, 0.0f);
    step_batch(states, 2, acts.data(), n, zeros.data(), chosen);
    CHECK(chosen[1] == -1);              // final
    CHECK(acts[chosen[0]].move == LAST); // the only valid move
}

int main() {
    test_validity_fresh_state();
    test_validity_open_entity();
    test_validity_boundaries();
    test_validity_presets();
    test_costs_and_oracle();
    test_missing_costs_nothing();
    test_step_batch();
    return lexloom_test::report("biluo");
}
