// Unit tests of the rule components' native loops (token_rules.hh) with no Python: the lemma
// cache and the attribute ruler's ordered writes. Run by tests/test_native_cpp.py.
#include <cstdint>
#include <vector>

#include "check.hh"
#include "lexloom/token_rules.hh"

using namespace lexloom;

static std::vector<TokenC> tokens_of(std::vector<LexemeC>& lexemes) {
    std::vector<TokenC> tokens(lexemes.size());
    for (size_t i = 0; i < lexemes.size(); ++i) {
        tokens[i] = TokenC{};
        tokens[i].lex = &lexemes[i];
    }
    return tokens;
}

static void test_lemma_cache_fills_hits_and_reports_misses() {
    std::vector<LexemeC> lex(4);
    for (int i = 0; i < 4; ++i) { lex[i] = LexemeC{}; lex[i].orth = 100 + (i % 2); }
    auto tokens = tokens_of(lex);  // orths 100, 101, 100, 101
    tokens[0].pos = 92; tokens[2].pos = 100;  // same text, other POS
    tokens[3].lemma = 7;                      // already has a lemma
    LemmaCache cache(true);
    int32_t missing[4];
    CHECK(cache.apply(tokens.data(), 4, false, missing) == 3);
    CHECK(missing[0] == 0 && missing[1] == 1 && missing[2] == 2);
    cache.insert(100, 92, 0, 555);
    CHECK(cache.apply(tokens.data(), 4, false, missing) == 2);
    CHECK(tokens[0].lemma == 555 && tokens[2].lemma == 0 && tokens[3].lemma == 7);
    CHECK(missing[0] == 1 && missing[1] == 2);
    cache.insert(101, 0, 0, 9);
    CHECK(cache.apply(tokens.data(), 4, true, missing) == 1);  // overwrite: token 3 too
    CHECK(tokens[1].lemma == 9 && tokens[3].lemma == 9 && missing[0] == 2);
    LemmaCache by_orth(false);
    by_orth.insert(100, 0, 0, 1);
    tokens[0].lemma = tokens[2].lemma = 0;
    CHECK(by_orth.apply(tokens.data(), 4, false, missing) == 0);
    CHECK(tokens[0].lemma == 1 && tokens[2].lemma == 1);
    CHECK(by_orth.size() == 1);
}

static void test_rule_attrs_later_rows_win_and_index_from_end() {
    std::vector<LexemeC> lex(3);
    for (auto& l : lex) l = LexemeC{};
    auto tokens = tokens_of(lex);
    // rule 0: POS=92 at index 0; rule 1: LEMMA=5, IS_STOP (flag 12)=1 at index -1; rule 2: POS=100
    std::vector<int64_t> index = {0, -1, 0};
    std::vector<int64_t> offsets = {0, 1, 3, 4};
    std::vector<uint64_t> ids = {POS, LEMMA, 12, POS};
    std::vector<attr_t> values = {92, 5, 1, 100};
    std::vector<int64_t> rows = {0, 0, 1, 0, 1, 2, 1, 0, 3, 2, 1, 2};
    CHECK(apply_rule_attrs(tokens.data(), 3, rows.data(), 4, index.data(), offsets.data(),
                           ids.data(), values.data(), 3) == -1);
    CHECK(tokens[0].pos == 92 && tokens[1].pos == 100);
    CHECK(tokens[2].lemma == 5 && tokens[0].lemma == 0);
    CHECK(lex_check_flag(&lex[2], 12) && !lex_check_flag(&lex[0], 12));  // lexeme written too
}

static void test_rule_attrs_stop_at_a_target_outside_the_span() {
    std::vector<LexemeC> lex(2);
    for (auto& l : lex) l = LexemeC{};
    auto tokens = tokens_of(lex);
    std::vector<int64_t> index = {0, 2};
    std::vector<int64_t> offsets = {0, 1, 2};
    std::vector<uint64_t> ids = {LEMMA, LEMMA};
    std::vector<attr_t> values = {1, 2};
    std::vector<int64_t> rows = {0, 0, 1, 1, 0, 2, 0, 1, 2};
    CHECK(apply_rule_attrs(tokens.data(), 2, rows.data(), 3, index.data(), offsets.data(),
                           ids.data(), values.data(), 2) == 1);
    CHECK(tokens[0].lemma == 1 && tokens[1].lemma == 0);  // rows from the bad one on: unwritten
    std::vector<int64_t> bad_rule = {5, 0, 1};
    CHECK(apply_rule_attrs(tokens.data(), 2, bad_rule.data(), 1, index.data(), offsets.data(),
                           ids.data(), values.data(), 2) == 0);
    std::vector<int64_t> past_end = {0, 1, 3};
    CHECK(apply_rule_attrs(tokens.data(), 2, past_end.data(), 1, index.data(), offsets.data(),
                           ids.data(), values.data(), 2) == 0);
}

int main() {
    test_lemma_cache_fills_hits_and_reports_misses();
    test_rule_attrs_later_rows_win_and_index_from_end();
    test_rule_attrs_stop_at_a_target_outside_the_span();
    return lexloom_test::report("token-rules");
}
