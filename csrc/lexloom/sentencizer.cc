#include "sentencizer.hh"

#include <algorithm>

namespace lexloom {

void sentencizer_starts(const TokenC* tokens, int32_t n, const attr_t* final_orths,
                        int32_t n_final, int8_t* out) {
    if (n <= 0) return;
    bool seen_final = false;
    int32_t start = 0;
    for (int32_t i = 0; i < n; ++i) out[i] = 0;
    out[0] = 1;
    for (int32_t i = 0; i < n; ++i) {
        bool is_final = std::binary_search(final_orths, final_orths + n_final, tokens[i].lex->orth);
        if (seen_final && !is_final && !lex_check_flag(tokens[i].lex, IS_PUNCT)) {
            out[start] = 1;
            start = i;
            seen_final = false;
        } else if (is_final) {
            seen_final = true;
        }
    }
    out[start] = 1;
}

void write_sent_starts(TokenC* tokens, int32_t n, const int8_t* starts, bool overwrite) {
    for (int32_t i = 0; i < n; ++i) {
        if (overwrite || tokens[i].sent_start == 0) tokens[i].sent_start = starts[i] ? 1 : -1;
    }
}

}  // namespace lexloom
