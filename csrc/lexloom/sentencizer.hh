// The sentencizer's rule (spaCy's): a sentence starts at the first token that is neither
// punctuation nor sentence-final after a sentence-final token; the first token always
// starts one. Sentence-final tokens are those whose ORTH is in a sorted list of ids.
#pragma once
#include <cstdint>

#include "structs.hh"

namespace lexloom {

// out[i] = 1 where token i starts a sentence, else 0.
void sentencizer_starts(const TokenC* tokens, int32_t n, const attr_t* final_orths,
                        int32_t n_final, int8_t* out);

// Write starts[i] (1 / 0) as sent_start 1 / -1 on tokens that have none yet, or on every
// token with `overwrite`.
void write_sent_starts(TokenC* tokens, int32_t n, const int8_t* starts, bool overwrite);

}  // namespace lexloom
