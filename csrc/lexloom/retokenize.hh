// Retokenization of a Doc's TokenArray: merging spans into single tokens and splitting
// tokens into several, with spaCy 3.8's rules for inherited attributes, heads and entity IOB.
// One call handles a whole batch; inputs are checked by the caller (Cython), and the
// functions return status codes instead of throwing.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "strings.hh"
#include "structs.hh"

namespace lexloom {

// An attribute to set on a merged or split token (LEMMA, TAG, DEP, ENT_TYPE, NORM, ...).
struct RetokAttr {
    uint64_t attr;
    attr_t value;
};

// The token spaCy's Span.root picks for tokens [start, end): the first sentence root (head
// offset 0) inside; otherwise, of the tokens whose head lies outside, the one with the
// fewest steps to its root (childless punctuation and spaces count as n - 1 steps), the
// first on ties; otherwise `start`. Returns -1 when the heads contain a cycle.
int32_t span_root(const TokenC* tokens, int32_t n, int32_t start, int32_t end);

// For each span k of [starts[k], ends[k]): the merged token's text (the tokens' texts with
// their inner spaces) and its lemma (the lemmas joined where the tokens had a space,
// whitespace stripped at both ends). Unknown string ids count as "".
void merged_strings(const TokenC* tokens, const int32_t* starts, const int32_t* ends,
                    int32_t n_spans, const StringStore& strings, std::vector<std::string>* texts,
                    std::vector<std::string>* lemmas);

// Merge each span [starts[k], ends[k]) into one token. Spans must be non-empty, inside
// [0, n), disjoint and sorted by start. The merged token sits where its span started: it
// takes the span root's TAG, POS, MORPH, DEP, ENT_TYPE and head, IOB "B" when the root is in
// an entity ("I" when it continues one of the same type), lexes[k] (its text's lexeme),
// lemmas[k], no NORM, the last token's trailing space, then the attributes
// attrs[attr_offsets[k] .. attr_offsets[k+1]). Heads into a span point at its merged token.
// new_index[i] (size n) receives the new position of old token i. Returns the new length,
// or -1 (nothing changed) when the heads contain a cycle.
int32_t merge_spans(TokenC* tokens, int32_t n, const int32_t* starts, const int32_t* ends,
                    int32_t n_spans, const LexemeC* const* lexes, const attr_t* lemmas,
                    const int64_t* attr_offsets, const RetokAttr* attrs, int32_t* new_index);

// Split tokens[positions[s]] (positions sorted, distinct, inside [0, n)) into counts[s]
// subtokens with lexemes lexes[offsets[s] .. offsets[s] + counts[s]). The array must have
// room for the new length (n + sum(counts[s] - 1)). Subtokens inherit the original token's
// annotation; lemmas, when set, become the subtokens' texts; NORM is unset; only the last
// keeps the trailing space; a "B" entity continues as "I". Subtoken j's head is the token
// at final position head_base[j] + head_add[j], where head_base[j] is a position in the Doc
// before the split and maps to its first piece. Other tokens' heads keep their targets (a
// split token as head becomes its first piece). first_index[i] (size n) receives the new
// position of old token i's first piece. Returns the new length, or -(1 + j) when subtoken
// j's head falls outside the new Doc (nothing changed then).
int32_t split_tokens(TokenC* tokens, int32_t n, const int32_t* positions, const int32_t* counts,
                     int32_t n_splits, const LexemeC* const* lexes, const int32_t* head_base,
                     const int32_t* head_add, int32_t* first_index);

// After a merge or split: make entity IOB consistent (an "I" that doesn't continue an entity
// of its type becomes "B"; merges only, as spaCy's retokenizer: after a split that gives its
// pieces other entity types, an "I" piece still continues the entity) and recompute children
// and edges from the heads. Sentence starts are rebuilt from the parse when any token has a
// DEP; otherwise they are kept.
void retokenize_finish(TokenC* tokens, int32_t n, bool iob_consistent = true);

}  // namespace lexloom
