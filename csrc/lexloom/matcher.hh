// The token-pattern matcher's compiled patterns and its matching loop: spaCy's algorithm
// (partial matches advanced token by token, one state per (pattern, node, start)) over a
// TokenC array. Predicates that need Python (REGEX, FUZZY, extension predicates) arrive
// precomputed as an int8 matrix; extension values as an attr_t matrix. No Python, no
// exceptions: functions return a status.
#pragma once
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "structs.hh"

namespace lexloom {
namespace matcher {

// spaCy's quantifier numbering (matcher.pxd); FINAL marks the node after a pattern's last.
enum Quantifier : int32_t { Q_ZERO = 0, Q_ZERO_ONE = 1, Q_ZERO_PLUS = 2, Q_ONE = 3, Q_FINAL = 5 };

enum CheckKind : int32_t {
    CK_EQ = 0,        // token attr == value
    CK_EXT_EQ = 1,    // extension column `attr` == value
    CK_PRED = 2,      // precomputed predicate column `attr` is not false (-1)
    CK_IN = 3,        // token attr in set
    CK_NOT_IN = 4,    // token attr not in set
    CK_SUPERSET = 5,  // {token attr} is a superset of set (every member equals it)
    CK_CMP = 6,       // numeric comparison of the token attr with ival / fval
};

enum CmpOp : int32_t { CMP_EQ = 0, CMP_NE = 1, CMP_GE = 2, CMP_LE = 3, CMP_GT = 4, CMP_LT = 5 };

struct Check {
    int32_t kind;
    int32_t op;         // CmpOp for CK_CMP
    uint64_t attr;      // attribute id, or column index for CK_EXT_EQ / CK_PRED
    uint64_t value;     // CK_EQ / CK_EXT_EQ
    int64_t ival;       // CK_CMP with an integer operand
    double fval;        // CK_CMP with a float operand
    int32_t is_float;
    int32_t set_start;  // CK_IN / CK_NOT_IN / CK_SUPERSET: range in PatternSet::sets (sorted)
    int32_t set_len;
};

struct Node {
    int32_t quantifier;
    int32_t check_start;
    int32_t n_checks;
    int32_t token_idx;  // index of the token spec this node came from (alignments)
};

struct Align {
    int32_t token_idx;
    int32_t length;
};

struct MatchC {
    attr_t key;
    int32_t start;
    int32_t length;
};

// The attribute value the matcher compares: spaCy's get_token_attr_for_matcher
// (SENT_START is 1 only for a token that starts a sentence, else 0).
inline attr_t matcher_token_attr(const TokenC* t, uint64_t attr) {
    if (attr == SENT_START) return t->sent_start == 1 ? 1 : 0;
    return token_get_attr(t, attr);
}

// All patterns of one Matcher, in insertion order; nodes of pattern p run from
// node_start[p] to its FINAL node.
class PatternSet {
public:
    // Appends a pattern; `nodes` index into `checks`, whose set ranges index into `set_values`
    // (all relative to the arrays passed). Returns the pattern's index, or -1 on bad input.
    int32_t add(attr_t key, const Node* nodes, int32_t n_nodes, const Check* checks,
                int32_t n_checks, const uint64_t* set_values, int32_t n_set_values);
    void clear();
    int32_t size() const { return static_cast<int32_t>(keys_.size()); }

    // Matches over tokens[0..n) in spaCy's order, deduplicated, zero-length matches dropped.
    // pred: n x n_pred (1 true, -1 false, 0 unknown); ext: n x n_ext. With alignments,
    // aligns[align_offsets[k] .. align_offsets[k+1]) belong to match k. Returns 0, or -1 on
    // bad arguments.
    int32_t find(const TokenC* tokens, int32_t n, const int8_t* pred, int32_t n_pred,
                 const attr_t* ext, int32_t n_ext, bool with_alignments,
                 std::vector<MatchC>& out, std::vector<Align>& aligns,
                 std::vector<int64_t>& align_offsets);

    int32_t max_pred_column() const { return max_pred_; }
    int32_t max_ext_column() const { return max_ext_; }

private:
    void build_index();
    void candidates(const TokenC* tok, std::vector<int32_t>& out) const;
    bool is_match(const Node& node, const TokenC* tok, int32_t i, const int8_t* pred,
                  int32_t n_pred, const attr_t* ext, int32_t n_ext) const;

    std::vector<Node> nodes_;
    std::vector<Check> checks_;
    std::vector<uint64_t> sets_;
    std::vector<int32_t> starts_;  // first node of each pattern
    std::vector<attr_t> keys_;
    int32_t max_pred_ = -1;
    int32_t max_ext_ = -1;
    // First-node index: a token only starts the patterns whose first node can act on it.
    bool index_ready_ = false;
    std::vector<int32_t> always_;  // patterns that must start at every token
    std::vector<std::pair<uint64_t, std::unordered_map<attr_t, std::vector<int32_t>>>> index_;
};

}  // namespace matcher
}  // namespace lexloom
