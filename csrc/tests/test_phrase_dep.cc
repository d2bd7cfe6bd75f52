// C++ unit tests of the PhraseMatcher trie (csrc/lexloom/phrase_matcher.*) and the
// DependencyMatcher relations and search (csrc/lexloom/dep_match.*), no Python involved.
#include <string>
#include <vector>

#include "check.hh"
#include "lexloom/dep_match.hh"
#include "lexloom/phrase_matcher.hh"
#include "lexloom/strings.hh"

using namespace lexloom;

static uint64_t h(const std::string& s) { return hash_utf8(s.data(), s.size()); }

static std::vector<uint64_t> keys_at(const std::vector<PhraseMatch>& ms) {
    std::vector<uint64_t> out;
    for (const PhraseMatch& m : ms) out.push_back(m.key);
    return out;
}

static void test_key_order_is_spacys() {
    // spaCy 3.8 reports the keys K0..K11 of one phrase in this order (its preshed map's).
    PhraseTrie trie;
    attr_t ab[2] = {h("a"), h("b")};
    for (int i = 0; i < 12; ++i) trie.add(h("K" + std::to_string(i)), ab, 2);
    attr_t doc[3] = {h("x"), h("a"), h("b")};
    std::vector<PhraseMatch> ms;
    trie.match_ids(doc, 0, 3, ms);
    std::vector<uint64_t> want;
    for (int i : {2, 11, 10, 9, 5, 7, 6, 1, 4, 8, 0, 3}) want.push_back(h("K" + std::to_string(i)));
    CHECK(keys_at(ms) == want);
    for (const PhraseMatch& m : ms) CHECK(m.start == 1 && m.end == 3);
    // removing K3 then adding Z reuses K3's deleted cell: Z comes third
    trie.remove(h("K3"));
    trie.add(h("Z"), ab, 2);
    ms.clear();
    trie.match_ids(doc, 0, 3, ms);
    CHECK(ms.size() == 12 && ms[2].key == h("Z"));
}

static void test_prefixes_and_removal() {
    PhraseTrie trie;
    attr_t a = 10, b = 11, c = 12;
    attr_t p1[1] = {a}, p2[2] = {a, b}, p3[3] = {a, b, c};
    trie.add(100, p1, 1);
    trie.add(100, p3, 3);
    trie.add(200, p2, 2);
    attr_t doc[5] = {a, b, c, a, b};
    std::vector<PhraseMatch> ms;
    trie.match_ids(doc, 0, 5, ms);
    // by start, then end
    std::vector<std::vector<int32_t>> want = {{100, 0, 1}, {200, 0, 2}, {100, 0, 3},
                                              {100, 3, 4}, {200, 3, 5}};
    CHECK(ms.size() == want.size());
    for (size_t i = 0; i < ms.size() && i < want.size(); ++i)
        CHECK(int32_t(ms[i].key) == want[i][0] && ms[i].start == want[i][1] &&
              ms[i].end == want[i][2]);
    CHECK(trie.n_phrases() == 3);
    CHECK(trie.remove(100) == 2 && trie.n_phrases() == 1 && !trie.has_key(100));
    ms.clear();
    trie.match_ids(doc, 0, 5, ms);
    CHECK(ms.size() == 2 && ms[0].key == 200 && ms[1].start == 3);
    // the pruned nodes are gone: only a -> b is left
    CHECK(trie.n_nodes() == 3);
    CHECK(trie.remove(200) == 1 && trie.n_nodes() == 1);
    ms.clear();
    trie.match_ids(doc, 0, 5, ms);
    CHECK(ms.empty());
}

static void test_many_phrases_grow_and_shrink() {
    PhraseTrie trie;
    for (attr_t i = 0; i < 50000; ++i) {
        attr_t p[2] = {i % 1000 + 2, i + 2};
        trie.add(7 + (i % 3), p, 2);
    }
    CHECK(trie.n_phrases() == 50000);
    attr_t doc[4] = {999 + 2, 999 + 2, 1999 + 2, 5};
    std::vector<PhraseMatch> ms;
    // (1001, 1001) is phrase i=999 under key 7 + 999 % 3 = 7; (1001, 2001) is i=1999, key 8
    trie.match_ids(doc, 0, 4, ms);
    CHECK(ms.size() == 2 && ms[0].key == 7 && ms[0].start == 0 && ms[0].end == 2);
    CHECK(ms.size() == 2 && ms[1].key == 8 && ms[1].start == 1 && ms[1].end == 3);
    trie.remove(7);
    trie.remove(9);
    ms.clear();
    trie.match_ids(doc, 0, 4, ms);
    CHECK(ms.size() == 1 && ms[0].key == 8);
    trie.remove(8);
    CHECK(trie.n_phrases() == 0 && trie.n_nodes() == 1);
}

// the quick fox jumped over the lazy dog . | it slept
static std::vector<TokenC> fox_tokens() {
    std::vector<int32_t> heads = {2, 2, 3, 3, 3, 7, 7, 4, 3, 10, 10};
    std::vector<int32_t> l = {0, 1, 0, 0, 4, 5, 6, 5, 8, 9, 9};
    std::vector<int32_t> r = {0, 1, 2, 8, 7, 5, 6, 7, 8, 9, 10};
    std::vector<TokenC> t(heads.size(), TokenC{});
    for (size_t i = 0; i < heads.size(); ++i) {
        t[i].head = heads[i] - int32_t(i);
        t[i].l_edge = l[i];
        t[i].r_edge = r[i];
    }
    return t;
}

static void test_relations() {
    std::vector<TokenC> t = fox_tokens();
    DepTree tree(t.data(), int32_t(t.size()));
    CHECK(tree.root(0) == 3 && tree.root(7) == 3 && tree.root(9) == 10);
    CHECK(tree.relation(DEP_HEAD, 2, 3) && !tree.relation(DEP_HEAD, 3, 3));
    CHECK(tree.relation(DEP_CHILD, 3, 8) && !tree.relation(DEP_CHILD, 3, 7));
    CHECK(tree.relation(DEP_ANCESTOR, 5, 4) && tree.relation(DEP_ANCESTOR, 5, 3));
    CHECK(tree.relation(DEP_DESCENDANT, 4, 6) && !tree.relation(DEP_DESCENDANT, 4, 4));
    CHECK(!tree.relation(DEP_IMM_PRECEDE, 8, 9));  // 9 starts the next sentence
    CHECK(tree.relation(DEP_PRECEDE, 0, 8) && !tree.relation(DEP_PRECEDE, 0, 9));
    CHECK(!tree.relation(DEP_IMM_FOLLOW, 9, 8) && tree.relation(DEP_FOLLOW, 8, 0));
    CHECK(tree.relation(DEP_IMM_RIGHT_SIB, 0, 1) && tree.relation(DEP_RIGHT_SIB, 2, 8));
    CHECK(tree.relation(DEP_IMM_RIGHT_SIB, 3, 4));  // the root's "siblings" are its children
    CHECK(tree.relation(DEP_LEFT_SIB, 8, 2) && tree.relation(DEP_IMM_LEFT_SIB, 6, 5));
    CHECK(tree.relation(DEP_IMM_RIGHT_CHILD, 3, 4) && tree.relation(DEP_RIGHT_CHILD, 3, 8));
    CHECK(tree.relation(DEP_LEFT_CHILD, 7, 5) && !tree.relation(DEP_IMM_LEFT_CHILD, 7, 5));
    CHECK(tree.relation(DEP_IMM_RIGHT_PARENT, 2, 3) && tree.relation(DEP_RIGHT_PARENT, 0, 2));
    CHECK(tree.relation(DEP_IMM_LEFT_PARENT, 4, 3) && tree.relation(DEP_LEFT_PARENT, 7, 4));
}

static void test_search_order() {
    std::vector<TokenC> t = fox_tokens();
    DepTree tree(t.data(), int32_t(t.size()));
    // node keys: 0 = any token, 1 = a root's child; the Matcher reports by token
    std::vector<int32_t> mk, ms;
    for (int32_t i = 0; i < 11; ++i) {
        mk.push_back(0);
        ms.push_back(i);
        if (i == 2 || i == 4 || i == 8 || i == 9) {
            mk.push_back(1);
            ms.push_back(i);
        }
    }
    int32_t key[2] = {0, 1}, left[2] = {0, 0}, op[2] = {0, DEP_CHILD};
    DepPattern p{2, key, left, op};
    std::vector<int32_t> out;
    dep_match(tree, mk.data(), ms.data(), int32_t(mk.size()), 2, &p, 1, out);
    std::vector<int32_t> want = {0, 3, 2, 0, 3, 4, 0, 3, 8, 0, 10, 9};
    CHECK(out == want);
}

int main() {
    test_key_order_is_spacys();
    test_prefixes_and_removal();
    test_many_phrases_grow_and_shrink();
    test_relations();
    test_search_order();
    return lexloom_test::report("phrase-dep");
}
