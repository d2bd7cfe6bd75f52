// Edit trees (Müller et al., 2015): how a word form is rewritten into its lemma, as a tree of
// two kinds of node.
//
//  * A match node keeps the middle of the form and hands the prefix (its first prefix_len
//    code points) and the suffix (its last suffix_len) to two subtrees, either of which may be
//    absent (EDIT_TREE_NULL: the part is kept as it is). It applies when the form has at
//    least prefix_len + suffix_len code points.
//  * A substitution node replaces a whole string: it applies only to exactly `orig` and
//    produces `subst` (both are StringStore ids).
//
// Trees are built from a (form, lemma) pair by splitting both at their longest common
// substring, the same way spaCy 3.8 does (same tie-breaking, same order of adding subtrees),
// so the same pairs give the same trees with the same ids. Lengths count Unicode code points;
// strings travel as UTF-8 and are cut at code point boundaries. Identical trees are stored
// once: a tree's id names its content.
//
// Every subtree has a smaller id than the tree that holds it (true of every tree built here,
// and checked for trees loaded from data), so applying or printing a tree always ends; both
// run on an explicit stack, never deep recursion.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "hash.hh"
#include "strings.hh"

namespace lexloom {

constexpr uint32_t EDIT_TREE_NULL = 0xFFFFFFFFu;

struct EditTreeC {
    bool is_match;
    uint32_t prefix_len;   // match nodes: code points handed to prefix_tree
    uint32_t suffix_len;   // match nodes: code points handed to suffix_tree
    uint32_t prefix_tree;  // match nodes: a tree id or EDIT_TREE_NULL
    uint32_t suffix_tree;
    hash_t orig;           // substitution nodes: string ids
    hash_t subst;
};

// Status codes (0 = ok); the failing index comes back through a `bad` out-argument.
enum EditTreeStatus : int {
    EDIT_TREE_OK = 0,
    EDIT_TREE_BAD_ID = 1,          // a tree id >= size()
    EDIT_TREE_BAD_SUBTREE = 2,     // a match node's subtree is not an earlier tree
    EDIT_TREE_UNKNOWN_STRING = 3,  // a string id the StringStore doesn't hold
    EDIT_TREE_BAD_DATA = 4,        // serialised trees that are not msgpack of the tree list
    EDIT_TREE_BAD_FIELDS = 5,      // a serialised tree whose keys/values aren't a node's
};

// Code points of a UTF-8 string and the byte offset where each starts (offsets has one more
// entry: the end). Malformed bytes count as one code point each, so any input decodes.
struct Utf8Chars {
    std::vector<uint32_t> cps;
    std::vector<uint32_t> offsets;
    void decode(std::string_view s);
    size_t size() const { return cps.size(); }
};

class EditTrees {
public:
    // The store interns the strings of substitution nodes; it must outlive this object.
    explicit EditTrees(StringStore* strings) : strings_(strings) {}

    // The id of the tree that rewrites `form` into `lemma` (UTF-8), adding it (and its
    // subtrees) if new.
    uint32_t add(std::string_view form, std::string_view lemma);

    // Apply a tree to a form: true and the lemma appended to *out, or false when the tree
    // doesn't apply to this form (out then holds a partial result). tree_id must be < size().
    bool apply(uint32_t tree_id, std::string_view form, std::string* out) const;

    // The tree as an S-expression: (m prefix_len suffix_len prefix suffix) / (s 'orig' 'subst'),
    // with () for an absent subtree. tree_id must be < size().
    std::string to_str(uint32_t tree_id) const;

    size_t size() const { return trees_.size(); }
    const EditTreeC& tree(uint32_t tree_id) const { return trees_[tree_id]; }
    const std::vector<EditTreeC>& trees() const { return trees_; }

    // Replace all trees. Substitution strings must be in the StringStore; subtrees must be
    // earlier trees. On failure nothing changes and *bad is the offending tree's index.
    int set_trees(const std::vector<EditTreeC>& trees, int64_t* bad);
    void clear();

    // Serialisation, byte-compatible with spaCy's EditTrees.to_bytes: msgpack of
    // {"trees": [{"prefix_len", "suffix_len", "prefix_tree", "suffix_tree"} | {"orig", "subst"}]}.
    std::string to_msgpack() const;
    // Read what to_msgpack (or spaCy) wrote; string-valued orig/subst are interned. On failure
    // nothing changes, *bad is the tree index (or -1) and *error a short description.
    int from_msgpack(const char* data, size_t size, int64_t* bad, std::string* error);

    // ---- batch operations: one call per batch of tokens --------------------------------

    // Tree ids of n (form, lemma) pairs given as string ids. Pairs seen before are answered
    // from a cache. *bad is the index of a pair whose string a store doesn't hold.
    int add_pairs(const hash_t* forms, const hash_t* lemmas, int64_t n,
                  const StringStore& form_strings, const StringStore& lemma_strings,
                  int64_t* out, int64_t* bad);

    // For each of n tokens (form string ids), the first of the top_k labels by descending
    // score (ties: lower label first) whose tree applies to the form, else -1. scores is
    // row-major (n, n_labels); label_trees[j] is label j's tree id (each < size()).
    int choose_trees(const float* scores, int64_t n, int64_t n_labels,
                     const int64_t* label_trees, int64_t top_k, const hash_t* forms,
                     const StringStore& form_strings, int64_t* out, int64_t* bad) const;

    // Apply tree_ids[i] (-1: skip, applied[i] = 0) to forms[i]; lemma ids interned in `out_strings`
    // (transient when asked) go to lemmas[i], applied[i] says whether the tree applied.
    int apply_batch(const int64_t* tree_ids, const hash_t* forms, int64_t n,
                    const StringStore& form_strings, StringStore* out_strings, bool transient,
                    hash_t* lemmas, uint8_t* applied, int64_t* bad);

private:
    struct Key {
        bool is_match;
        uint64_t a, b, c, d;
        bool operator==(const Key& o) const {
            return is_match == o.is_match && a == o.a && b == o.b && c == o.c && d == o.d;
        }
    };
    struct KeyHash {
        size_t operator()(const Key& k) const;
    };
    struct PairHash {
        size_t operator()(const std::pair<hash_t, hash_t>& p) const {
            return static_cast<size_t>(p.first * 0x9E3779B97F4A7C15ULL ^ p.second);
        }
    };

    static Key key_of(const EditTreeC& t);
    uint32_t intern(const EditTreeC& t);
    uint32_t add_chars(const Utf8Chars& form, std::string_view form_bytes,
                       const Utf8Chars& lemma, std::string_view lemma_bytes);
    bool apply_chars(uint32_t tree_id, const Utf8Chars& form, std::string_view form_bytes,
                     std::string* out) const;
    void rebuild_index();

    StringStore* strings_;
    std::vector<EditTreeC> trees_;
    // Substitution strings by tree id (empty for match nodes), copied out of the store.
    std::vector<std::string> orig_text_, subst_text_;
    std::unordered_map<Key, uint32_t, KeyHash> index_;
    std::unordered_map<std::pair<hash_t, hash_t>, uint32_t, PairHash> pair_cache_;
};

}  // namespace lexloom
