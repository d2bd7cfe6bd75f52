// Unit tests of retokenization (merge_spans, split_tokens, span_root, retokenize_finish) and
// the sentencizer scan, with no Python. Run by tests/test_native_cpp.py (or by hand).
#include <algorithm>
#include <string>
#include <vector>

#include "check.hh"
#include "lexloom/retokenize.hh"
#include "lexloom/sentencizer.hh"
#include "lexloom/strings.hh"
#include "lexloom/token_array.hh"

using namespace lexloom;

// A lexeme per word, interned in `strings`; flags as given.
static std::vector<LexemeC> make_lexemes(StringStore& strings, const std::vector<std::string>& words,
                                         const std::vector<flags_t>& flags) {
    std::vector<LexemeC> out(words.size());
    for (size_t i = 0; i < words.size(); ++i) {
        out[i] = LexemeC{};
        out[i].orth = strings.add(words[i]);
        out[i].length = static_cast<int32_t>(words[i].size());
        out[i].flags = flags.empty() ? 0 : flags[i];
    }
    return out;
}

static void set_heads(TokenArray* a, const std::vector<int32_t>& heads) {
    for (int32_t i = 0; i < a->length; ++i) {
        a->data[i].head = heads[i] - i;
        a->data[i].dep = 1;
    }
    set_children_from_heads(a->data, a->length);
}

static void test_merge_reattaches_heads() {
    StringStore strings;
    auto lex = make_lexemes(strings, {"a", "b", "c", "d", "e", "c d e"}, {});
    TokenArray a;
    CHECK(token_array_init(&a, 4));
    for (int i = 0; i < 5; ++i) token_array_push(&a, &lex[i], i != 3);
    set_heads(&a, {1, 1, 1, 4, 1});  // a->b, b root, c->b, d->e, e->b
    // c and e both hang from b (one step): the first wins
    CHECK(span_root(a.data, 5, 2, 5) == 2);
    CHECK(span_root(a.data, 5, 0, 2) == 1);  // b is a sentence root
    std::vector<std::string> texts, lemmas;
    int32_t starts[] = {2}, ends[] = {5};
    merged_strings(a.data, starts, ends, 1, strings, &texts, &lemmas);
    CHECK(texts[0] == "c de" && lemmas[0].empty());
    const LexemeC* lexes[] = {&lex[5]};
    attr_t lemma_ids[] = {7};
    int64_t offsets[] = {0, 1};
    RetokAttr attrs[] = {{TAG, 99}};
    int32_t new_index[5];
    int32_t n = merge_spans(a.data, 5, starts, ends, 1, lexes, lemma_ids, offsets, attrs, new_index);
    CHECK(n == 3);
    CHECK(new_index[0] == 0 && new_index[1] == 1 && new_index[2] == 2 && new_index[4] == 2);
    CHECK(a.data[2].lex == &lex[5] && a.data[2].lemma == 7 && a.data[2].tag == 99);
    CHECK(a.data[0].head == 1 && a.data[1].head == 0 && a.data[2].head == -1);
    CHECK(a.data[2].spacy == 1 && a.data[2].idx == 4);
    CHECK(a.data[3].lex == empty_lexeme());  // the freed tail is padding again
    a.length = n;
    retokenize_finish(a.data, n);
    CHECK(a.data[1].l_edge == 0 && a.data[1].r_edge == 2 && a.data[1].r_kids == 1);
    token_array_free(&a);
}

static void test_split_and_bad_heads() {
    StringStore strings;
    auto lex = make_lexemes(strings, {"ab", "c", "a", "b"}, {});
    TokenArray arr;
    CHECK(token_array_init(&arr, 8));
    token_array_push(&arr, &lex[0], true);
    token_array_push(&arr, &lex[1], false);
    set_heads(&arr, {1, 1});
    arr.data[0].ent_iob = 3;
    arr.data[0].ent_type = 5;
    arr.data[0].lemma = 11;
    int32_t positions[] = {0}, counts[] = {2};
    const LexemeC* pieces[] = {&lex[2], &lex[3]};
    int32_t first_index[2];
    int32_t bad_base[] = {1, 1}, bad_add[] = {0, 5};  // piece 1 -> token 3 of a 3-token Doc
    CHECK(split_tokens(arr.data, 2, positions, counts, 1, pieces, bad_base, bad_add,
                       first_index) == -2);
    CHECK(arr.data[0].lex == &lex[0] && arr.data[1].lex == &lex[1]);  // untouched
    int32_t base[] = {0, 1}, add[] = {1, 0};  // a -> b (piece 1 of token 0), b -> c
    int32_t n = split_tokens(arr.data, 2, positions, counts, 1, pieces, base, add, first_index);
    CHECK(n == 3 && first_index[0] == 0 && first_index[1] == 2);
    CHECK(arr.data[0].lex == &lex[2] && arr.data[1].lex == &lex[3] && arr.data[2].lex == &lex[1]);
    CHECK(arr.data[0].head == 1 && arr.data[1].head == 1 && arr.data[2].head == 0);
    CHECK(arr.data[0].idx == 0 && arr.data[1].idx == 1 && arr.data[2].idx == 3);
    CHECK(arr.data[0].spacy == 0 && arr.data[1].spacy == 1);
    CHECK(arr.data[0].ent_iob == 3 && arr.data[1].ent_iob == 1 && arr.data[1].ent_type == 5);
    CHECK(arr.data[0].lemma == lex[2].orth && arr.data[1].lemma == lex[3].orth);
    token_array_free(&arr);
}

static void test_finish_fixes_iob() {
    TokenC t[3] = {};
    for (auto& x : t) x.lex = empty_lexeme();
    t[0].ent_iob = 1; t[0].ent_type = 4;
    t[1].ent_iob = 1; t[1].ent_type = 4;
    t[2].ent_iob = 1; t[2].ent_type = 6;
    t[0].sent_start = 1; t[2].sent_start = 1;
    retokenize_finish(t, 3);
    CHECK(t[0].ent_iob == 3 && t[1].ent_iob == 1 && t[2].ent_iob == 3);
    CHECK(t[0].sent_start == 1 && t[1].sent_start == 0 && t[2].sent_start == 1);  // unparsed: kept
}

static void test_sentencizer_starts() {
    StringStore strings;
    flags_t punct = flags_t(1) << IS_PUNCT;
    auto lex = make_lexemes(strings, {"a", ".", "b", "!", "!", "\"", "c"},
                            {0, punct, 0, punct, punct, punct, 0});
    TokenArray arr;
    CHECK(token_array_init(&arr, 8));
    for (auto& l : lex) token_array_push(&arr, &l, true);
    std::vector<attr_t> finals = {lex[1].orth, lex[3].orth};
    std::sort(finals.begin(), finals.end());
    int8_t out[7];
    sentencizer_starts(arr.data, 7, finals.data(), 2, out);
    int8_t expected[] = {1, 0, 1, 0, 0, 0, 1};
    for (int i = 0; i < 7; ++i) CHECK(out[i] == expected[i]);
    arr.data[2].sent_start = -1;
    write_sent_starts(arr.data, 7, out, false);
    CHECK(arr.data[2].sent_start == -1 && arr.data[6].sent_start == 1 && arr.data[1].sent_start == -1);
    write_sent_starts(arr.data, 7, out, true);
    CHECK(arr.data[2].sent_start == 1);
    token_array_free(&arr);
}

int main() {
    test_merge_reattaches_heads();
    test_split_and_bad_heads();
    test_finish_fixes_iob();
    test_sentencizer_starts();
    return lexloom_test::report("retokenize");
}
