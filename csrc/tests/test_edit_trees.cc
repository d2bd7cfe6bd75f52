// Unit tests of edit trees (csrc/lexloom/edit_trees.hh) with no Python: building, applying,
// printing, dedup, msgpack round trips and rejection of bad data, deep trees without
// recursion. Run by tests/test_native_cpp.py (or by hand).
#include <string>
#include <vector>

#include "check.hh"
#include "lexloom/edit_trees.hh"
#include "lexloom/strings.hh"

using namespace lexloom;

static std::string applied(const EditTrees& t, uint32_t id, const std::string& form) {
    std::string out;
    return t.apply(id, form, &out) ? out : std::string("<none>");
}

static void test_build_apply_print() {
    StringStore s;
    EditTrees t(&s);
    uint32_t plural = t.add("cats", "cat");
    CHECK(t.to_str(plural) == "(m 0 1 () (s 's' ''))");
    CHECK(t.add("dogs", "dog") == plural);  // same content, same id
    CHECK(applied(t, plural, "hats") == "hat");
    CHECK(applied(t, plural, "hat") == "<none>");
    CHECK(applied(t, plural, "") == "<none>");
    uint32_t umlaut = t.add("B\xC3\xA4ume", "Baum");  // Bäume: lengths in code points
    CHECK(t.to_str(umlaut) == "(m 2 1 (m 0 1 () (s '\xC3\xA4' 'a')) (s 'e' ''))");
    CHECK(applied(t, umlaut, "R\xC3\xA4ume") == "Raum");
    uint32_t keep = t.add("", "");
    CHECK(t.to_str(keep) == "(m 0 0 () ())" && t.add("abc", "abc") == keep);
    CHECK(applied(t, keep, "xyz") == "xyz");
    uint32_t went = t.add("went", "go");
    CHECK(t.to_str(went) == "(s 'went' 'go')" && applied(t, went, "gone") == "<none>");
    // the substitution strings are in the store
    CHECK(s.contains(StringStore::id_of("went")) && s.contains(StringStore::id_of("go")));
}

static void test_msgpack_round_trip_and_bad_data() {
    StringStore s;
    EditTrees t(&s);
    t.add("gegooid", "gooien");
    t.add(std::string(300, 'x') + "abc", "abc");
    std::string data = t.to_msgpack();
    EditTrees u(&s);
    int64_t bad = 0;
    std::string error;
    CHECK(u.from_msgpack(data.data(), data.size(), &bad, &error) == EDIT_TREE_OK);
    CHECK(u.size() == t.size() && u.to_msgpack() == data);
    for (size_t cut = 0; cut < data.size(); ++cut) {
        EditTrees v(&s);
        CHECK(v.from_msgpack(data.data(), cut, &bad, &error) != EDIT_TREE_OK && v.size() == 0);
    }
    // a match node pointing at itself is refused
    std::vector<EditTreeC> loop{{true, 0, 0, 0, EDIT_TREE_NULL, 0, 0}};
    CHECK(u.set_trees(loop, &bad) == EDIT_TREE_BAD_SUBTREE && bad == 0 && u.size() == t.size());
    std::vector<EditTreeC> unknown{{false, 0, 0, EDIT_TREE_NULL, EDIT_TREE_NULL, 123456789, 0}};
    CHECK(u.set_trees(unknown, &bad) == EDIT_TREE_UNKNOWN_STRING);
}

static void test_deep_trees_apply_without_recursion() {
    // 100,000 nested match nodes: node i hands its last i code points to node i - 1, so the
    // top node needs a form of at least depth - 1 code points.
    StringStore s;
    EditTrees t(&s);
    const uint32_t depth = 100000;
    std::vector<EditTreeC> chain;
    chain.push_back({true, 0, 0, EDIT_TREE_NULL, EDIT_TREE_NULL, 0, 0});
    for (uint32_t i = 1; i < depth; ++i) chain.push_back({true, 0, i, EDIT_TREE_NULL, i - 1, 0, 0});
    int64_t bad = 0;
    CHECK(t.set_trees(chain, &bad) == EDIT_TREE_OK);
    std::string form(depth - 1, 'a');
    CHECK(applied(t, depth - 1, form) == form);
    CHECK(applied(t, depth - 1, std::string(10, 'a')) == "<none>");
    CHECK(t.to_str(depth - 1).size() > depth);
}

static void test_batches() {
    StringStore s;
    EditTrees t(&s);
    hash_t forms[3] = {s.add("cats"), s.add("went"), s.add("dogs")};
    hash_t lemmas[3] = {s.add("cat"), s.add("go"), s.add("dog")};
    int64_t ids[3], bad = -1;
    CHECK(t.add_pairs(forms, lemmas, 3, s, s, ids, &bad) == EDIT_TREE_OK);
    CHECK(ids[0] == ids[2] && ids[0] != ids[1]);
    // labels [went, plural]; token 0 (cats) scores `went` higher, which doesn't apply
    int64_t labels[2] = {ids[1], ids[0]};
    float scores[6] = {0.9f, 0.1f, 0.9f, 0.1f, 0.5f, 0.5f};
    int64_t chosen[3];
    CHECK(t.choose_trees(scores, 3, 2, labels, 1, forms, s, chosen, &bad) == EDIT_TREE_OK);
    CHECK(chosen[0] == -1 && chosen[1] == ids[1] && chosen[2] == -1);
    CHECK(t.choose_trees(scores, 3, 2, labels, 2, forms, s, chosen, &bad) == EDIT_TREE_OK);
    CHECK(chosen[0] == ids[0] && chosen[1] == ids[1] && chosen[2] == ids[0]);
    hash_t out[3];
    uint8_t ok[3];
    CHECK(t.apply_batch(chosen, forms, 3, s, &s, false, out, ok, &bad) == EDIT_TREE_OK);
    CHECK(ok[0] && ok[1] && ok[2] && *s.get(out[0]) == "cat" && *s.get(out[1]) == "go");
    int64_t too_big[1] = {99};
    CHECK(t.apply_batch(too_big, forms, 1, s, &s, false, out, ok, &bad) == EDIT_TREE_BAD_ID);
}

int main() {
    test_build_apply_print();
    test_msgpack_round_trip_and_bad_data();
    test_deep_trees_apply_without_recursion();
    test_batches();
    return lexloom_test::report("edit-trees");
}
