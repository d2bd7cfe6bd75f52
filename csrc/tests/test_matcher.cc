// C++ unit tests of the token-pattern matcher (csrc/lexloom/matcher.*) and the bounded
// Levenshtein distance, no Python involved.
#include <cstdio>
#include <tuple>
#include <vector>

#include "check.hh"
#include "lexloom/levenshtein.hh"
#include "lexloom/matcher.hh"

using namespace lexloom;
using namespace lexloom::matcher;

namespace {

// Tokens whose ORTH is the given id (one lexeme per token, enough for ORTH checks).
struct Toks {
    std::vector<LexemeC> lex;
    std::vector<TokenC> toks;
    explicit Toks(const std::vector<attr_t>& orths) : lex(orths.size()), toks(orths.size()) {
        for (size_t i = 0; i < orths.size(); ++i) {
            lex[i] = LexemeC{};
            lex[i].orth = orths[i];
            lex[i].length = 1;
            toks[i] = TokenC{};
            toks[i].lex = &lex[i];
        }
    }
};

Check eq(attr_t value) {
    Check c{};
    c.kind = CK_EQ;
    c.attr = ORTH;
    c.value = value;
    return c;
}

// One pattern of (quantifier, orth or 0 for "any token") nodes.
int32_t add(PatternSet& ps, attr_t key, const std::vector<std::pair<int32_t, attr_t>>& spec) {
    std::vector<Node> nodes;
    std::vector<Check> checks;
    int32_t idx = 0;
    for (auto& [q, orth] : spec) {
        Node n{q, static_cast<int32_t>(checks.size()), orth ? 1 : 0, idx++};
        if (orth) checks.push_back(eq(orth));
        nodes.push_back(n);
    }
    return ps.add(key, nodes.data(), static_cast<int32_t>(nodes.size()), checks.data(),
                  static_cast<int32_t>(checks.size()), nullptr, 0);
}

using Triple = std::tuple<attr_t, int32_t, int32_t>;

std::vector<Triple> run(PatternSet& ps, const Toks& t) {
    std::vector<MatchC> out;
    std::vector<int32_t> aligns;
    std::vector<int64_t> offsets;
    int32_t status = ps.find(t.toks.data(), static_cast<int32_t>(t.toks.size()), nullptr, 0,
                             nullptr, 0, false, out, aligns, offsets);
    CHECK(status == 0);
    std::vector<Triple> r;
    for (auto& m : out) r.emplace_back(m.key, m.start, m.start + m.length);
    return r;
}

const attr_t A = 1001, B = 1002, C = 1003;

void test_one_and_sequence() {
    PatternSet ps;
    CHECK(add(ps, 7, {{Q_ONE, A}, {Q_ONE, B}}) == 0);
    Toks t({A, B, A, A, B});
    CHECK((run(ps, t) == std::vector<Triple>{{7, 0, 2}, {7, 3, 5}}));
}

void test_plus_emits_every_extension_once() {
    PatternSet ps;
    add(ps, 7, {{Q_ONE, A}, {Q_ZERO_PLUS, A}});  // A+
    Toks t({C, A, A, A});
    // spaCy's order for "a+" over "c a a a"
    CHECK((run(ps, t) == std::vector<Triple>{{7, 1, 2}, {7, 1, 3}, {7, 2, 3}, {7, 1, 4},
                                             {7, 2, 4}, {7, 3, 4}}));
}

void test_negation_and_optional() {
    PatternSet ps;
    add(ps, 1, {{Q_ONE, A}, {Q_ZERO, C}});       // A !C
    add(ps, 2, {{Q_ZERO_ONE, B}, {Q_ONE, C}});   // B? C
    Toks t({A, B, C, A, C});
    auto r = run(ps, t);
    CHECK((r == std::vector<Triple>{{1, 0, 2}, {2, 1, 3}, {2, 2, 3}, {2, 4, 5}}));
}

void test_first_node_index_keeps_pattern_order() {
    // Patterns indexed by different first values must still run in insertion order.
    PatternSet ps;
    add(ps, 1, {{Q_ONE, B}});
    add(ps, 2, {{Q_ONE, 0}});  // any token: never indexed
    add(ps, 3, {{Q_ONE, A}});
    add(ps, 4, {{Q_ONE, B}});
    Toks t({B});
    CHECK((run(ps, t) == std::vector<Triple>{{1, 0, 1}, {2, 0, 1}, {4, 0, 1}}));
}

void test_empty_and_bad_arguments() {
    PatternSet ps;
    add(ps, 1, {{Q_ONE, A}});
    Toks empty({});
    CHECK(run(ps, empty).empty());
    std::vector<MatchC> out;
    std::vector<int32_t> al;
    std::vector<int64_t> off;
    Toks t({A});
    CHECK(ps.find(nullptr, 3, nullptr, 0, nullptr, 0, false, out, al, off) == -1);
    CHECK(ps.find(t.toks.data(), -1, nullptr, 0, nullptr, 0, false, out, al, off) == -1);
    // a node whose checks run past the array is rejected at add time
    Node bad{Q_ONE, 0, 5, 0};
    Check c = eq(A);
    CHECK(ps.add(9, &bad, 1, &c, 1, nullptr, 0) == -1);
    Node bad_q{42, 0, 1, 0};
    CHECK(ps.add(9, &bad_q, 1, &c, 1, nullptr, 0) == -1);
    CHECK(ps.size() == 1);
}

void test_greedy_order() {
    std::vector<MatchC> m = {{5, 0, 2, 0}, {5, 1, 3, 0}, {6, 0, 1, 1}, {5, 3, 1, 0}};
    std::vector<int32_t> greedy = {GREEDY_LONGEST, GREEDY_NONE};
    std::vector<int64_t> order;
    CHECK(greedy_order(m.data(), 4, greedy.data(), 2, 4, order) == 0);
    // the unfiltered key first, then key 5: longest (1,4) wins over the overlapping (0,2)
    CHECK((order == std::vector<int64_t>{2, 1}));
    greedy[0] = GREEDY_FIRST;
    CHECK(greedy_order(m.data(), 4, greedy.data(), 2, 4, order) == 0);
    CHECK((order == std::vector<int64_t>{2, 0, 3}));
    CHECK(greedy_order(m.data(), 4, greedy.data(), 2, 3, order) == -1);  // ends past the Doc
}

void test_levenshtein() {
    auto d = [](const char32_t* a, const char32_t* b, int64_t k) {
        int64_t na = 0, nb = 0;
        while (a[na]) ++na;
        while (b[nb]) ++nb;
        return levenshtein_bounded(reinterpret_cast<const uint32_t*>(a), na,
                                   reinterpret_cast<const uint32_t*>(b), nb, k);
    };
    CHECK(d(U"kitten", U"sitting", -1) == 3);
    CHECK(d(U"kitten", U"sitting", 1) == 2);  // bounded: k + 1
    CHECK(d(U"", U"abc", -1) == 3);
    CHECK(d(U"abc", U"abc", 0) == 0);
    CHECK(d(U"ab", U"ba", -1) == 2);
}

}  // namespace

int main() {
    test_one_and_sequence();
    test_plus_emits_every_extension_once();
    test_negation_and_optional();
    test_first_node_index_keeps_pattern_order();
    test_empty_and_bad_arguments();
    test_greedy_order();
    test_levenshtein();
    return lexloom_test::report("matcher");
}
