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
    const int64_t max_start =
        n_pieces ? *std::max_element(piece_starts, piece_starts + n_pieces) : 0;
    if (max_start < (int64_t(1) << 32) && n_pieces < (int64_t(1) << 32)) {
        // (start, index) packed in one word: a plain sort of integers, no indirection
        std::vector<uint64_t> keys(static_cast<size_t>(n_pieces));
        for (int64_t j = 0; j < n_pieces; ++j)
            keys[j] = (static_cast<uint64_t>(piece_starts[j]) << 32) | static_cast<uint64_t>(j);
        std::sort(keys.begin(), keys.end());
        for (int64_t j = 0; j < n_pieces; ++j)
            order[j] = static_cast<int64_t>(keys[j] & 0xFFFFFFFFu);
        return;
    }
    for (int64_t j = 0; j < n_pieces; ++j) order[j] = j;
    std::stable_sort(order, order + n_pieces, [piece_starts](int64_t a, int64_t b) {
        return piece_starts[a] < piece_starts[b];
    });
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

// Where a piece found by searching ahead may start.
enum StartRule { ANY_UNIT, CHAR_START, WORD_START };

struct Text {
    const uint32_t* units;
    const int64_t* origin;
    const uint8_t* word_starts;  // nullptr: every character start after a dropped one
    int64_t n;

    bool char_start(int64_t u) const { return u == 0 || origin[u] != origin[u - 1]; }
    bool word_start(int64_t u) const {
        if (word_starts) return word_starts[u] != 0;
        return u == 0 || origin[u] > origin[u - 1] + 1;
    }
    bool allowed(int64_t u, StartRule rule) const {
        return rule == ANY_UNIT || (rule == CHAR_START ? char_start(u) : word_start(u));
    }
};

// The first f in [from, limit - len] allowed by `rule` with units[f .. f + len) == piece.
int64_t find_units(const Text& t, int64_t from, int64_t limit, const uint32_t* piece,
                   int64_t len, StartRule rule) {
    for (int64_t f = from; f + len <= limit; ++f) {
        if (t.units[f] != piece[0] || !t.allowed(f, rule)) continue;
        int64_t k = 1;
        while (k < len && t.units[f + k] == piece[k]) ++k;
        if (k == len) return f;
    }
    return -1;
}

// The first word start f > from with at least `words` words in [from, f) (`from` starts one)
// where units[f .. f + len) == piece, or -1: the match after `words` unknown pieces.
int64_t find_after_words(const Text& t, int64_t from, const uint32_t* piece, int64_t len,
                         int64_t words) {
    int64_t seen = 1;
    for (int64_t f = from + 1; f + len <= t.n; ++f) {
        if (!(t.char_start(f) && t.word_start(f))) continue;
        if (seen >= words && find_units(t, f, f + len, piece, len, ANY_UNIT) == f) return f;
        ++seen;
    }
    return -1;
}

// Give the unknown pieces `pending` the skipped units [lo, hi), cut into words at word starts:
// a tokenizer makes one unknown piece per word it can't spell, so unknown piece k gets word
// k, and the last one every word left over.
void share_gap(const Text& t, int64_t lo, int64_t hi, const std::vector<int64_t>& pending,
               int64_t* starts, int64_t* ends) {
    if (pending.empty() || lo >= hi) return;
    size_t k = 0;
    int64_t word = lo;
    for (int64_t i = lo + 1; i <= hi; ++i) {
        if (i < hi && !(t.char_start(i) && t.word_start(i))) continue;
        if (k + 1 < pending.size() || i == hi) {
            starts[pending[k]] = t.origin[word];
            ends[pending[k]] = t.origin[i - 1] + 1;
            if (k + 1 < pending.size()) {
                ++k;
                word = i;
            }
        }
    }
}

}  // namespace

void match_pieces(const uint32_t* text, const int64_t* origin, const uint8_t* word_starts,
                  int64_t n_text, int64_t text_length, const uint32_t* piece_units,
                  const int64_t* piece_offsets, const uint8_t* kinds, int64_t n_pieces,
                  int64_t window, int64_t* starts, int64_t* ends) {
    const Text t{text, origin, word_starts, n_text};
    int64_t cursor = 0;
    std::vector<int64_t> pending;  // the unknown pieces since the last matched piece
    auto at = [&](int64_t c) { return c < n_text ? origin[c] : text_length; };
    for (int64_t j = 0; j < n_pieces; ++j) {
        const int64_t len = piece_offsets[j + 1] - piece_offsets[j];
        const uint32_t* piece = piece_units + piece_offsets[j];
        starts[j] = ends[j] = at(cursor);
        if (kinds[j] == PIECE_UNKNOWN) {
            pending.push_back(j);
            continue;
        }
        if (len <= 0) continue;
        int64_t f;
        if (kinds[j] == PIECE_SPECIAL) {  // text only where it stands in the text itself
            f = find_units(t, cursor, std::min(n_text, cursor + len), piece, len, ANY_UNIT);
        } else if (pending.empty()) {  // here, else a little way ahead
            f = find_units(t, cursor, std::min(n_text, cursor + len), piece, len, ANY_UNIT);
            if (f < 0) {
                const int64_t limit = std::min(n_text, cursor + std::max<int64_t>(window, 0) + len);
                f = find_units(t, cursor + 1, limit, piece, len, CHAR_START);
            }
        } else {  // after the unknown text: at the next word that matches, else anywhere
            f = find_after_words(t, cursor, piece, len, static_cast<int64_t>(pending.size()));
            if (f < 0) f = find_units(t, cursor + 1, n_text, piece, len, WORD_START);
            if (f < 0) f = find_units(t, cursor + 1, n_text, piece, len, CHAR_START);
        }
        if (f < 0) continue;
        share_gap(t, cursor, f, pending, starts, ends);
        pending.clear();
        starts[j] = origin[f];
        ends[j] = origin[f + len - 1] + 1;
        cursor = f + len;
    }
    share_gap(t, cursor, n_text, pending, starts, ends);
}

}  // namespace lexloom
