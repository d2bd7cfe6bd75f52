// DependencyMatcher core: the Semgrex-style relation operators over a Doc's head offsets and
// subtree edges, and a search that assigns tokens to pattern nodes in spaCy's order.
// No Python, no exceptions.
#pragma once
#include <cstdint>
#include <vector>

#include "structs.hh"

namespace lexloom {

// One relation operator per REL_OP string; "A op B" holds for (left=A, right=B).
enum DepOp : int32_t {
    DEP_HEAD = 0,          // <    B is A's head
    DEP_CHILD,             // >    B is A's child
    DEP_ANCESTOR,          // <<   B is an ancestor of A
    DEP_DESCENDANT,        // >>   B is in A's subtree (not A)
    DEP_IMM_PRECEDE,       // .    B = A + 1, in A's sentence
    DEP_PRECEDE,           // .*   A < B < end of A's sentence
    DEP_IMM_FOLLOW,        // ;    B = A - 1, in A's sentence
    DEP_FOLLOW,            // ;*   start of A's sentence <= B < A
    DEP_IMM_RIGHT_SIB,     // $+   B = A + 1, a child of A's head
    DEP_IMM_LEFT_SIB,      // $-   B = A - 1, a child of A's head
    DEP_RIGHT_SIB,         // $++  B > A, a child of A's head
    DEP_LEFT_SIB,          // $--  B < A, a child of A's head
    DEP_IMM_RIGHT_CHILD,   // >+   B = A + 1, A's child
    DEP_IMM_LEFT_CHILD,    // >-   B = A - 1, A's child
    DEP_RIGHT_CHILD,       // >++  B > A, A's child
    DEP_LEFT_CHILD,        // >--  B < A, A's child
    DEP_IMM_RIGHT_PARENT,  // <+   B = A + 1, A's head
    DEP_IMM_LEFT_PARENT,   // <-   B = A - 1, A's head
    DEP_RIGHT_PARENT,      // <++  B > A, A's head
    DEP_LEFT_PARENT,       // <--  B < A, A's head
    DEP_N_OPS
};

// A Doc's tree as spaCy's Token API sees it: heads, children found between a token's
// subtree edges (Token.lefts / Token.rights), the "sentence" of a token = its root's edges.
class DepTree {
public:
    DepTree(const TokenC* tokens, int32_t n);
    int32_t size() const { return n_; }
    int32_t head(int32_t i) const { return head_[i]; }
    int32_t root(int32_t i) const { return root_[i]; }
    bool is_child(int32_t parent, int32_t child) const {
        return child != parent && head_[child] == parent && child >= tokens_[parent].l_edge &&
               child <= tokens_[parent].r_edge;
    }
    bool is_ancestor(int32_t anc, int32_t i) const;     // anc in i.ancestors
    bool in_subtree(int32_t top, int32_t i) const;      // i in top.subtree, i != top
    int32_t sent_start(int32_t i) const { return tokens_[root_[i]].l_edge; }
    int32_t sent_end(int32_t i) const { return tokens_[root_[i]].r_edge + 1; }
    bool relation(int32_t op, int32_t left, int32_t right) const;

private:
    const TokenC* tokens_;
    int32_t n_;
    std::vector<int32_t> head_;  // absolute; a head offset pointing outside the Doc = self
    std::vector<int32_t> root_;
};

// One compiled pattern: node j > 0 is joined to node left[j] (< j) by op[j]; key[j] indexes
// the per-node token match lists.
struct DepPattern {
    int32_t n_nodes;
    const int32_t* key;
    const int32_t* left;
    const int32_t* op;
};

// All matches of the patterns on one Doc, in spaCy's order. Input: the token Matcher's
// results for the node keys, in its order (match_key[m] indexes the node keys, match_start[m]
// the token). Tokens are grouped by their root (groups ordered by first appearance in the
// Matcher's results); per pattern, per group, assignments come in the lexicographic order
// of the candidate lists. Output: for each match, the pattern index, then its n_nodes tokens.
void dep_match(const DepTree& tree, const int32_t* match_key, const int32_t* match_start,
               int32_t n_matches, int32_t n_keys, const DepPattern* patterns,
               int32_t n_patterns, std::vector<int32_t>& out);

}  // namespace lexloom
