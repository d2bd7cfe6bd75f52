// Unit tests of the C++ core with no Python: hashing, strings, token arrays, lexical
// attributes, head/children bookkeeping. Run by tests/test_native_cpp.py (or by hand).
#include <cstdio>

#include "check.hh"
#include <cstdlib>
#include <string>

#include "lexloom/hash.hh"
#include "lexloom/lexattrs.hh"
#include "lexloom/lexeme_table.hh"
#include "lexloom/chunk_cache.hh"
#include "lexloom/strings.hh"
#include "lexloom/token_array.hh"

using namespace lexloom;


static void test_hash_matches_spacy_ids() {
    // Ids spaCy 3.8 gives these strings (hash64 of UTF-8, seed 1).
    CHECK(hash_utf8(std::string_view("hello")) == 5983625672228268878ULL);
    CHECK(hash_utf8(std::string_view("")) == 0);
}

static void test_string_store_symbols_and_roundtrip() {
    StringStore s;
    CHECK(s.add("NOUN") == 92);
    CHECK(s.add("nsubj") == 429);
    CHECK(s.add("") == 0);
    hash_t h = s.add("héllo wörld");
    CHECK(h == hash_utf8(std::string_view("héllo wörld")));
    CHECK(s.get(h) != nullptr && *s.get(h) == "héllo wörld");
    CHECK(s.get(12345) == nullptr);
    CHECK(*s.get(92) == "NOUN");
    CHECK(s.size() == 1);
    hash_t x = s.add("x", /*transient=*/true);
    CHECK(s.contains(x) && *s.get(x) == "x" && s.size() == 1 && s.transient_size() == 1);
    s.truncate_transient(0);
    CHECK(!s.contains(x) && s.get(x) == nullptr);
    s.add("y", true);
    s.add("y");  // adding it permanently keeps it after the zone is released
    s.truncate_transient(0);
    CHECK(s.contains(hash_utf8(std::string_view("y"))) && s.size() == 2);
}

static void test_ascii_attrs() {
    flags_t f = ascii_flags("Hello", 5);
    CHECK(f & (flags_t(1) << IS_ALPHA));
    CHECK(f & (flags_t(1) << IS_TITLE));
    CHECK(!(f & (flags_t(1) << IS_LOWER)));
    CHECK(ascii_flags("(", 1) & (flags_t(1) << IS_BRACKET));
    CHECK(ascii_flags("$", 1) & (flags_t(1) << IS_CURRENCY));
    CHECK(!(ascii_flags("+", 1) & (flags_t(1) << IS_PUNCT)));
    CHECK(ascii_flags("\x1c", 1) & (flags_t(1) << IS_SPACE));
    CHECK(ascii_shape("Hello123", 8) == "Xxxxxddd");
    CHECK(ascii_shape("aaaaaaa", 7) == "xxxx");
    CHECK(ascii_shape(std::string(120, 'a').c_str(), 120) == "LONG");
    CHECK(ascii_lower("HeLLo", 5) == "hello");
}

static void test_token_array_padding_and_growth() {
    LexemeTable table;
    LexemeC proto = {};
    proto.orth = 7;
    proto.length = 3;
    const LexemeC* lex = table.add(proto);
    CHECK(table.add(proto) == lex);
    LexemeC other = proto;
    other.orth = 8;
    table.add(other);
    table.truncate(1);
    CHECK(table.size() == 1 && table.get(8) == nullptr && table.get(7) == lex);
    TokenArray a;
    CHECK(token_array_init(&a, 2));
    for (int i = 0; i < 1000; ++i) CHECK(token_array_push(&a, lex, i % 2 == 0));
    CHECK(a.length == 1000);
    CHECK(a.data[1].idx == 4);   // 3 chars + 1 space
    CHECK(a.data[2].idx == 7);   // no space after token 1
    for (int k = 1; k <= PADDING; ++k) {
        CHECK(a.data[-k].lex == empty_lexeme());
        CHECK(a.data[a.length - 1 + k].lex == empty_lexeme());
    }
    uint64_t attrs[2] = {ORTH, SPACY};
    uint64_t out[4];
    token_array_to_array(a.data, 2, attrs, 2, out);
    CHECK(out[0] == 7 && out[1] == 1 && out[2] == 7 && out[3] == 0);
    token_array_free(&a);
}

static void test_children_edges_and_sentences() {
    // "A saw B . C ran ." : two sentences, roots "saw" (1) and "ran" (5).
    LexemeC proto = {};
    proto.length = 1;
    TokenArray a;
    token_array_init(&a, 8);
    for (int i = 0; i < 7; ++i) token_array_push(&a, &proto, true);
    int heads[7] = {1, 1, 1, 1, 5, 5, 5};
    for (int i = 0; i < 7; ++i) {
        a.data[i].head = heads[i] - i;
        a.data[i].dep = 1000 + i;
    }
    CHECK(check_heads(a.data, 7) == -1);
    CHECK(set_children_from_heads(a.data, 7));
    CHECK(a.data[1].l_kids == 1 && a.data[1].r_kids == 2);
    CHECK(a.data[1].l_edge == 0 && a.data[1].r_edge == 3);
    CHECK(a.data[0].sent_start == 1 && a.data[4].sent_start == 1 && a.data[2].sent_start == -1);
    // A cycle is reported, never looped on.
    a.data[0].head = 1;
    a.data[1].head = -1;
    CHECK(!set_children_from_heads(a.data, 7));
    a.data[6].head = 5;
    CHECK(check_heads(a.data, 7) == 6);
    // spaCy's sweeps stop once every head is inside its implied sentence, so in the
    // non-projective forest 0<-2<-1<-5, 3, 4 token 0 keeps the right edge 2, not 5.
    int forest[6] = {0, 2, 0, 3, 4, 1};
    for (int i = 0; i < 6; ++i) {
        a.data[i].head = forest[i] - i;
        a.data[i].dep = 1000 + i;
    }
    CHECK(set_children_from_heads(a.data, 6));
    CHECK(a.data[0].l_edge == 0 && a.data[0].r_edge == 2);
    CHECK(a.data[2].l_edge == 1 && a.data[2].r_edge == 5);
    CHECK(a.data[1].r_edge == 5 && a.data[1].r_kids == 1 && a.data[2].l_kids == 1);
    CHECK(a.data[3].sent_start == 1 && a.data[4].sent_start == 1 && a.data[5].sent_start == -1);
    int32_t order[6];
    CHECK(token_subtree(a.data, 6, 0, order) == 4);
    CHECK(order[0] == 0 && order[1] == 1 && order[2] == 5 && order[3] == 2);
    token_array_free(&a);
}

static void test_chunk_cache() {
    ChunkCache cache;
    LexemeC lex = {};
    CachedToken toks[2] = {{&lex, 0}, {&lex, 5}};
    cache.add(42, toks, 2);
    uint32_t n = 0;
    const CachedToken* found = cache.find(42, &n);
    CHECK(found != nullptr && n == 2 && found[1].norm == 5);
    CHECK(cache.find(43, &n) == nullptr);
    cache.add(43, toks, 1);
    cache.truncate(1);
    CHECK(cache.find(43, &n) == nullptr && cache.find(42, &n) != nullptr && cache.size() == 1);
    cache.add(44, toks + 1, 1);
    CHECK(cache.find(44, &n) != nullptr && n == 1 && cache.find(44, &n)->norm == 5);
    cache.clear();
    CHECK(cache.find(42, &n) == nullptr);
}

int main() {
    test_hash_matches_spacy_ids();
    test_string_store_symbols_and_roundtrip();
    test_ascii_attrs();
    test_token_array_padding_and_growth();
    test_children_edges_and_sentences();
    test_chunk_cache();
    return lexloom_test::report("core");
}
