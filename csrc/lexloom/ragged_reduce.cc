#include "lexloom/ragged_reduce.hh"

#include <algorithm>
#include <cstring>

#include "lexloom/device_math.hh"

namespace lexloom {

// Y starts as the first row (thinc adds it to zeros: the same value), so Y is written once.
template <typename F>
void ragged_sum(const F* X, const int32_t* lengths, int64_t B, int64_t O, F* Y) {
    for (int64_t b = 0; b < B; ++b, Y += O) {
        if (lengths[b] <= 0) {
            std::fill(Y, Y + O, F(0));
            continue;
        }
        std::memcpy(Y, X, sizeof(F) * O);
        X += O;
        F* __restrict y = Y;
        for (int32_t r = 1; r < lengths[b]; ++r, X += O) {
            const F* __restrict x = X;
            for (int64_t o = 0; o < O; ++o) y[o] = dm::sum_step<F>(y[o], x[o]);
        }
    }
}

template <typename F>
void ragged_mean(const F* X, const int32_t* lengths, int64_t B, int64_t O, F* Y) {
    for (int64_t b = 0; b < B; ++b, Y += O) {
        if (lengths[b] <= 0) {
            std::fill(Y, Y + O, F(0));
            continue;
        }
        const F scale = dm::mean_scale<F>(lengths[b]);
        F* __restrict y = Y;
        {
            const F* __restrict x = X;
            for (int64_t o = 0; o < O; ++o) y[o] = scale * x[o];
        }
        X += O;
        for (int32_t r = 1; r < lengths[b]; ++r, X += O) {
            const F* __restrict x = X;
            for (int64_t o = 0; o < O; ++o) y[o] = dm::mean_step<F>(y[o], scale, x[o]);
        }
    }
}

template <typename F>
void ragged_max(const F* X, const int32_t* lengths, int64_t B, int64_t O, F* Y,
                int32_t* which) {
    for (int64_t b = 0; b < B; ++b, Y += O, which += O) {
        std::fill(which, which + O, 0);
        if (lengths[b] <= 0) {  // callers reject this; keep the output defined anyway
            std::fill(Y, Y + O, F(0));
            continue;
        }
        std::memcpy(Y, X, sizeof(F) * O);
        X += O;
        F* __restrict y = Y;
        int32_t* __restrict w = which;
        for (int32_t r = 1; r < lengths[b]; ++r, X += O) {
            const F* __restrict x = X;
            for (int64_t o = 0; o < O; ++o) {  // dm::max_step, unrolled so it vectorises
                const F xv = x[o], yv = y[o];
                const int32_t more = dm::max_mask(yv, xv);
                y[o] = dm::max_value(yv, xv);
                w[o] = dm::max_which(w[o], r, more);
            }
        }
    }
}

template <typename F>
void ragged_first(const F* X, const int32_t* lengths, int64_t B, int64_t O, F* Y,
                  int32_t* starts_ends) {
    int64_t start = 0;
    starts_ends[0] = 0;
    for (int64_t b = 0; b < B; ++b, Y += O) {
        std::memcpy(Y, X + start * O, sizeof(F) * O);
        start += lengths[b];
        starts_ends[b + 1] = static_cast<int32_t>(start);
    }
}

template <typename F>
void ragged_last(const F* X, const int32_t* lengths, int64_t B, int64_t O, F* Y,
                 int32_t* lasts) {
    int64_t end = 0;
    for (int64_t b = 0; b < B; ++b, Y += O) {
        end += lengths[b];
        lasts[b] = static_cast<int32_t>(end - 1);
        std::memcpy(Y, X + (end - 1) * O, sizeof(F) * O);
    }
}

template <typename F>
void backprop_ragged_sum(const F* dY, const int32_t* lengths, int64_t B, int64_t O, F* dX) {
    for (int64_t b = 0; b < B; ++b, dY += O)
        for (int32_t r = 0; r < lengths[b]; ++r, dX += O) std::memcpy(dX, dY, sizeof(F) * O);
}

template <typename F>
void backprop_ragged_mean(const F* dY, const int32_t* lengths, int64_t B, int64_t O, F* dX) {
    for (int64_t b = 0; b < B; ++b, dY += O) {
        if (lengths[b] <= 0) continue;
        const F scale = dm::mean_scale<F>(lengths[b]);
        for (int32_t r = 0; r < lengths[b]; ++r, dX += O)
            for (int64_t o = 0; o < O; ++o) dX[o] = scale * dY[o];
    }
}

template <typename F>
int64_t backprop_ragged_max(const F* dY, const int32_t* which, const int32_t* lengths,
                            int64_t B, int64_t O, F* dX) {
    for (int64_t b = 0; b < B; ++b, dY += O, which += O) {
        for (int64_t o = 0; o < O; ++o) {
            if (which[o] < 0 || which[o] >= lengths[b]) return b * O + o;
            dX[static_cast<int64_t>(which[o]) * O + o] = dY[o];
        }
        dX += static_cast<int64_t>(lengths[b]) * O;
    }
    return -1;
}

template <typename F>
int64_t scatter_rows(const F* dY, const int32_t* rows, int64_t B, int64_t O, int64_t n_rows,
                     F* dX) {
    for (int64_t b = 0; b < B; ++b) {
        if (rows[b] < 0 || rows[b] >= n_rows) return b;
        std::memcpy(dX + static_cast<int64_t>(rows[b]) * O, dY + b * O, sizeof(F) * O);
    }
    return -1;
}

#define LEXLOOM_RAGGED_INSTANTIATE(F)                                                          \
    template void ragged_sum<F>(const F*, const int32_t*, int64_t, int64_t, F*);              \
    template void ragged_mean<F>(const F*, const int32_t*, int64_t, int64_t, F*);             \
    template void ragged_max<F>(const F*, const int32_t*, int64_t, int64_t, F*, int32_t*);    \
    template void ragged_first<F>(const F*, const int32_t*, int64_t, int64_t, F*, int32_t*);  \
    template void ragged_last<F>(const F*, const int32_t*, int64_t, int64_t, F*, int32_t*);   \
    template void backprop_ragged_sum<F>(const F*, const int32_t*, int64_t, int64_t, F*);     \
    template void backprop_ragged_mean<F>(const F*, const int32_t*, int64_t, int64_t, F*);    \
    template int64_t backprop_ragged_max<F>(const F*, const int32_t*, const int32_t*, int64_t, \
                                            int64_t, F*);                                      \
    template int64_t scatter_rows<F>(const F*, const int32_t*, int64_t, int64_t, int64_t, F*);

LEXLOOM_RAGGED_INSTANTIATE(float)
LEXLOOM_RAGGED_INSTANTIATE(double)

// ---------------------------------------------------------------- device-function twins

void load_f32_bits(const uint16_t* bits, int64_t n, int kind, float* out) {
    if (kind == SRC_BF16) {
        for (int64_t p = 0; p < n; ++p) out[p] = dm::f32_from_bf16_bits(bits[p]);
    } else {
        for (int64_t p = 0; p < n; ++p) out[p] = dm::f32_from_half_bits(bits[p]);
    }
}

namespace {

template <typename T>
void reduce_columns(const T* X, const int32_t* lengths, int64_t B, int64_t O, int op, float* Y,
                    int32_t* which) {
    int64_t start = 0;
    for (int64_t b = 0; b < B; ++b) {
        const T* seg = X + start * O;
        const int32_t len = lengths[b];
        for (int64_t o = 0; o < O; ++o) {
            float v = 0.0f;
            int32_t w = 0;
            switch (op) {
                case 0: v = dm::ragged_sum_at(seg, O, len, o); break;
                case 1: v = dm::ragged_mean_at(seg, O, len, o); break;
                case 2: v = dm::ragged_max_at(seg, O, len, o, &w); break;
                case 3: v = dm::ragged_first_at(seg, O, len, o); break;
                default: v = dm::ragged_last_at(seg, O, len, o); break;
            }
            Y[b * O + o] = v;
            if (which != nullptr) which[b * O + o] = w;
        }
        start += len > 0 ? len : 0;
    }
}

}  // namespace

void ragged_reduce_f32(const void* X, int kind, const int32_t* lengths, int64_t B, int64_t O,
                       int op, float* Y, int32_t* which) {
    if (kind == SRC_HALF)
        reduce_columns(static_cast<const dm::half_bits*>(X), lengths, B, O, op, Y, which);
    else if (kind == SRC_BF16)
        reduce_columns(static_cast<const dm::bf16_bits*>(X), lengths, B, O, op, Y, which);
    else
        reduce_columns(static_cast<const float*>(X), lengths, B, O, op, Y, which);
}

namespace {

// The first position p of the tokens' pieces whose idx[p] is not a piece row, or -1.
int64_t check_pieces(const int32_t* idx, const int32_t* lengths, int64_t n_tokens,
                     int64_t n_pieces) {
    int64_t total = 0;
    for (int64_t t = 0; t < n_tokens; ++t) total += lengths[t];
    for (int64_t p = 0; p < total; ++p)
        if (idx[p] < 0 || idx[p] >= n_pieces) return p;
    return -1;
}

}  // namespace

int64_t align_mean(const float* X, int64_t n_pieces, int64_t O, const int32_t* idx,
                   const int32_t* lengths, int64_t n_tokens, float* Y) {
    const int64_t bad = check_pieces(idx, lengths, n_tokens, n_pieces);
    if (bad >= 0) return bad;
    int64_t start = 0;
    for (int64_t t = 0; t < n_tokens; ++t) {
        for (int64_t o = 0; o < O; ++o)
            Y[t * O + o] = dm::align_mean_at(X, O, idx + start, lengths[t], o);
        start += lengths[t];
    }
    return -1;
}

int64_t align_scatter(const float* dY, int64_t n_pieces, int64_t O, const int32_t* idx,
                      const int32_t* lengths, int64_t n_tokens, float* dX) {
    const int64_t bad = check_pieces(idx, lengths, n_tokens, n_pieces);
    if (bad >= 0) return bad;
    int64_t start = 0;
    for (int64_t t = 0; t < n_tokens; ++t) {
        for (int32_t r = 0; r < lengths[t]; ++r) {
            float* dst = dX + int64_t(idx[start + r]) * O;
            for (int64_t o = 0; o < O; ++o)
                dst[o] += dm::align_scatter_value(dY[t * O + o], lengths[t]);
        }
        start += lengths[t];
    }
    return -1;
}

void seq2col(const float* X, int64_t I, int nW, const int32_t* lengths, int64_t B, float* Y) {
    const int64_t width = (2 * int64_t(nW) + 1) * I;
    int64_t start = 0;
    for (int64_t b = 0; b < B; ++b) {
        const int64_t end = start + lengths[b];
        for (int64_t i = start; i < end; ++i)
            for (int64_t k = 0; k < width; ++k)
                Y[i * width + k] = dm::seq2col_at(X, I, nW, i, start, end, k);
        start = end;
    }
}

void backprop_seq2col(const float* dY, int64_t I, int nW, const int32_t* lengths, int64_t B,
                      float* dX) {
    int64_t start = 0;
    for (int64_t b = 0; b < B; ++b) {
        const int64_t end = start + lengths[b];
        for (int64_t i = start; i < end; ++i)
            for (int64_t c = 0; c < I; ++c)
                dX[i * I + c] = dm::backprop_seq2col_at(dY, I, nW, i, start, end, c);
        start = end;
    }
}

}  // namespace lexloom
