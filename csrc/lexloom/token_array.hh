// TokenArray: the contiguous TokenC storage of a Doc. PADDING sentinel tokens sit before
// and after the data, so window features over tokens[i-k .. i+k] never need a bounds check.
#pragma once
#include <cstddef>
#include <cstdint>

#include "structs.hh"

namespace lexloom {

constexpr int32_t PADDING = 5;

// The all-zero lexeme every sentinel token points at.
const LexemeC* empty_lexeme();

struct TokenArray {
    TokenC* data = nullptr;  // first real token; data[-PADDING .. -1] are sentinels
    int32_t length = 0;
    int32_t capacity = 0;
};

// Allocate room for `capacity` tokens (plus padding). Returns false when out of memory.
bool token_array_init(TokenArray* a, int32_t capacity);
void token_array_free(TokenArray* a);
// Make room for at least `capacity` tokens, keeping the contents. False on overflow/OOM.
bool token_array_reserve(TokenArray* a, int32_t capacity);
// Append one token after the last; idx follows from the previous token. False on OOM.
bool token_array_push(TokenArray* a, const LexemeC* lex, bool has_space);

// Fill out[i * n_attrs + j] with attribute attrs[j] of token i.
void token_array_to_array(const TokenC* tokens, int32_t n, const uint64_t* attrs, int32_t n_attrs,
                          uint64_t* out);

// Check that relative heads in HEAD stay inside [0, n). Returns the first bad token or -1.
int32_t check_heads(const TokenC* tokens, int32_t n);

// From the head offsets, set l_kids, r_kids, l_edge, r_edge and sentence starts (a sentence
// starts at the left edge of each labelled root; every other token gets -1) the way spaCy 3.8
// does: repeated sweeps, so non-projective trees can keep edges narrower than the subtree.
// Returns false when the heads contain a cycle.
bool set_children_from_heads(TokenC* tokens, int32_t n);

// spaCy 3.8's edge computation over tokens [start, end) (token.head setter's range); see
// token_array.cc. Does not check for cycles.
void set_children_from_heads_range(TokenC* tokens, int32_t start, int32_t end);

// Whether following heads from some token never reaches a root.
bool heads_have_cycle(const TokenC* tokens, int32_t n);

// Token i's subtree in spaCy's order into out (room for n); -1 on a cycle.
int32_t token_subtree(const TokenC* tokens, int32_t n, int32_t i, int32_t* out);

}  // namespace lexloom
