#include "lexloom/wp_align.hh"

#include <algorithm>
#include <vector>

namespace lexloom {

int check_spans(const int64_t* tok_starts, const int64_t* tok_ends, int64_t n_tokens,
                const int64_t* piece_starts, const int64_t* piece_ends, int64_t n_pieces,
                int64_t* bad, bool* bad_is_piece) {
    *bad = -1;
    *bad_is_piece = false;
    for (int64_t i = 0; i < n_tokens; ++i) {
        *bad = i;
        if (tok_starts[i] < 0) return ALIGN_NEGATIVE_OFFSET;
        if (tok_ends[i] < tok_starts[i]) return ALIGN_END_BEFORE_START;
        if (i > 0 && tok_starts[i] < tok_ends[i - 1]) return ALIGN_TOKENS_UNSORTED;
    }
    *bad_is_piece = true;
    for (int64_t j = 0; j < n_pieces; ++j) {
        *bad = j;
        if (piece_starts[j] < 0) return ALIGN_NEGATIVE_OFFSET;
        if (piece_ends[j] < piece_starts[j]) return ALIGN_END_BEFORE_START;
    }
    *bad = -1;
    *bad_is_piece = false;
    return ALIGN_OK;
}

bool pieces_sorted_by_start(const int64_t* piece_starts, const int64_t* piece_ends,
                            int64_t n_pieces) {
    int64_t last = -1;
    for (int64_t j = 0; j < n_pieces; ++j) {
        if (piece_starts[j] >= piece_ends[j]) continue;  // empty: never aligned
        if (piece_starts[j] < last) return false;
        last = piece_starts[j];
    }
    return true;
}

void order_pieces_by_start(const int64_t* piece_starts, int64_t n_pieces, int64_t* order) {
    for (int64_t j = 0; j < n_pieces; ++j) order[j] = j;
    std::stable_sort(order, order + n_pieces,
                     [piece_starts](int64_t a, int64_t b) { return piece_starts[a] < piece_starts[b]; });
}

namespace {

// Calls visit(token, piece) for every overlapping non-empty (token, piece) pair, pieces in
// `order`, tokens increasing for each piece. Tokens are sorted and don't overlap, so both
// their starts and ends are non-decreasing: the first token that ends after a piece's start
// only moves forward as the pieces' starts grow.
template <typename Visit>
void sweep(const int64_t* tok_starts, const int64_t* tok_ends, int64_t n_tokens,
           const int64_t* piece_starts, const int64_t* piece_ends, int64_t n_pieces,
           const int64_t* order, Visit visit) {
    int64_t first = 0;
    for (int64_t k = 0; k < n_pieces; ++k) {
        const int64_t j = order ? order[k] : k;
        const int64_t ps = piece_starts[j], pe = piece_ends[j];
        if (ps >= pe) continue;
        while (first < n_tokens && tok_ends[first] <= ps) ++first;
        for (int64_t t = first; t < n_tokens && tok_starts[t] < pe; ++t) {
            if (tok_starts[t] < tok_ends[t]) visit(t, j);
        }
    }
}

}  // namespace

int64_t count_alignment(const int64_t* tok_starts, const int64_t* tok_ends, int64_t n_tokens,
                        const int64_t* piece_starts, const int64_t* piece_ends,
                        int64_t n_pieces, const int64_t* order, int32_t* lengths) {
    std::fill(lengths, lengths + n_tokens, 0);
    int64_t total = 0;
    sweep(tok_starts, tok_ends, n_tokens, piece_starts, piece_ends, n_pieces, order,
          [&](int64_t t, int64_t) { ++lengths[t]; ++total; });
    return total;
}

void fill_alignment(const int64_t* tok_starts, const int64_t* tok_ends, int64_t n_tokens,
                    const int64_t* piece_starts, const int64_t* piece_ends, int64_t n_pieces,
                    const int64_t* order, const int32_t* lengths, int32_t* indices) {
    std::vector<int64_t> next(static_cast<size_t>(n_tokens) + 1, 0);
    for (int64_t t = 0; t < n_tokens; ++t) next[t + 1] = next[t] + lengths[t];
    std::vector<int64_t> begin(next.begin(), next.end());
    sweep(tok_starts, tok_ends, n_tokens, piece_starts, piece_ends, n_pieces, order,
          [&](int64_t t, int64_t j) { indices[next[t]++] = static_cast<int32_t>(j); });
    if (order) {  // pieces came out of index order: put each token's pieces back in it
        for (int64_t t = 0; t < n_tokens; ++t)
            std::sort(indices + begin[t], indices + begin[t + 1]);
    }
}

int64_t expand_by_table(const int64_t* ids, int64_t n, const int64_t* offsets,
                        const uint32_t* values, uint32_t* out, int64_t* origin) {
    int64_t written = 0;
    for (int64_t i = 0; i < n; ++i) {
        const int64_t lo = offsets[ids[i]], hi = offsets[ids[i] + 1];
        if (out) {
            for (int64_t v = lo; v < hi; ++v) {
                out[written + (v - lo)] = values[v];
                origin[written + (v - lo)] = i;
            }
        }
        written += hi - lo;
    }
    return written;
}

namespace {

// The first f in [from, limit - len] with text[f .. f + len) == unit[0 .. len), or -1.
int64_t find_units(const uint32_t* text, int64_t from, int64_t limit, const uint32_t* unit,
                   int64_t len) {
    for (int64_t f = from; f + len <= limit; ++f) {
        if (text[f] != unit[0]) continue;
        int64_t k = 1;
        while (k < len && text[f + k] == unit[k]) ++k;
        if (k == len) return f;
    }
    return -1;
}

}  // namespace

void match_pieces(const uint32_t* text, const int64_t* origin, int64_t n_text,
                  int64_t text_length, const uint32_t* piece_units,
                  const int64_t* piece_offsets, const uint8_t* kinds, int64_t n_pieces,
                  int64_t window, int64_t* starts, int64_t* ends) {
    int64_t cursor = 0;
    int64_t pending = -1;  // the first [UNK] since the last matched piece
    auto at = [&](int64_t c) { return c < n_text ? origin[c] : text_length; };
    for (int64_t j = 0; j < n_pieces; ++j) {
        const int64_t len = piece_offsets[j + 1] - piece_offsets[j];
        starts[j] = ends[j] = at(cursor);
        if (kinds[j] == PIECE_UNKNOWN) {
            if (pending < 0) pending = j;
            continue;
        }
        if (kinds[j] != PIECE_TEXT || len <= 0) continue;
        const int64_t limit =
            pending >= 0 ? n_text : std::min(n_text, cursor + std::max<int64_t>(window, 0) + len);
        const int64_t f = find_units(text, cursor, limit, piece_units + piece_offsets[j], len);
        if (f < 0) continue;
        if (pending >= 0) {
            if (f > cursor) {
                starts[pending] = origin[cursor];
                ends[pending] = origin[f - 1] + 1;
            }
            pending = -1;
        }
        starts[j] = origin[f];
        ends[j] = origin[f + len - 1] + 1;
        cursor = f + len;
    }
    if (pending >= 0 && cursor < n_text) {
        starts[pending] = origin[cursor];
        ends[pending] = origin[n_text - 1] + 1;
    }
}

}  // namespace lexloom
