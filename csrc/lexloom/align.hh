// Token alignment between two tokenizations of one text, by characters.
//
// Each side is a text (as code points) plus, for every character, the token that covers it
// (-1 for characters outside every token, such as the space after a word). Characters are
// compared case-folded by the caller; whitespace that only one side has is skipped, so
// "New York" against "NewYork" still aligns. The result is the list of (a token, b token)
// pairs that share at least one character, in text order: both columns are non-decreasing,
// so grouping the pairs by either column gives that side's alignment directly.
#pragma once

#include <cstdint>

namespace lexloom {

// Python's str.isspace() for one code point.
inline bool is_space_cp(uint32_t c) {
    if (c <= 0x20) return c == 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
    if (c < 0x85) return false;
    if (c == 0x85 || c == 0xa0 || c == 0x1680) return true;
    if (c >= 0x2000 && c <= 0x200a) return true;
    return c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

// Sets out[k] to the token covering character k of a text of n_chars characters, from each
// token's start offset and length (in code points); -1 where no token covers a character.
// Returns false if a token runs outside the text.
inline bool char_tokens(const int64_t* starts, const int64_t* lengths, int64_t n_tokens,
                        int32_t* out, int64_t n_chars) {
    for (int64_t k = 0; k < n_chars; ++k) out[k] = -1;
    for (int64_t t = 0; t < n_tokens; ++t) {
        if (starts[t] < 0 || lengths[t] < 0 || starts[t] + lengths[t] > n_chars) return false;
        for (int64_t k = starts[t]; k < starts[t] + lengths[t]; ++k) out[k] = static_cast<int32_t>(t);
    }
    return true;
}

struct AlignStatus {
    int64_t n_pairs;  // pairs written, or -1 when the texts differ beyond whitespace and case
    int64_t pos_a;    // on failure: the first character of a and of b that could not be matched
    int64_t pos_b;
};

// Aligns a (n_a characters) with b (n_b characters). out_a / out_b need room for
// min(n_a, n_b) pairs: every pair consumes one character of each side.
inline AlignStatus align_chars(const uint32_t* a, const int32_t* tok_a, int64_t n_a,
                               const uint32_t* b, const int32_t* tok_b, int64_t n_b,
                               int32_t* out_a, int32_t* out_b) {
    int64_t i = 0, j = 0, n = 0;
    while (i < n_a && j < n_b) {
        if (tok_a[i] < 0) { ++i; continue; }         // between tokens: not part of either stream
        if (tok_b[j] < 0) { ++j; continue; }
        if (a[i] == b[j]) {
            if (n == 0 || out_a[n - 1] != tok_a[i] || out_b[n - 1] != tok_b[j]) {
                out_a[n] = tok_a[i];
                out_b[n] = tok_b[j];
                ++n;
            }
            ++i;
            ++j;
        } else if (is_space_cp(a[i])) {
            ++i;                                     // whitespace inside a token of a only
        } else if (is_space_cp(b[j])) {
            ++j;
        } else {
            return {-1, i, j};
        }
    }
    // What is left on either side must be whitespace (or outside every token).
    for (; i < n_a; ++i)
        if (tok_a[i] >= 0 && !is_space_cp(a[i])) return {-1, i, j};
    for (; j < n_b; ++j)
        if (tok_b[j] >= 0 && !is_space_cp(b[j])) return {-1, i, j};
    return {n, i, j};
}

}  // namespace lexloom
