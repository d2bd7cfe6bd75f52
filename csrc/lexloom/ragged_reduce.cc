#include "lexloom/ragged_reduce.hh"

#include <algorithm>
#include <cstring>

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
            for (int64_t o = 0; o < O; ++o) y[o] += x[o];
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
        const F scale = static_cast<F>(1.0 / lengths[b]);
        F* __restrict y = Y;
        {
            const F* __restrict x = X;
            for (int64_t o = 0; o < O; ++o) y[o] = scale * x[o];
        }
        X += O;
        for (int32_t r = 1; r < lengths[b]; ++r, X += O) {
            const F* __restrict x = X;
            for (int64_t o = 0; o < O; ++o) y[o] += scale * x[o];
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
            for (int64_t o = 0; o < O; ++o) {  // branch-free (masks), so it vectorises
                const F xv = x[o], yv = y[o];
                // strictly greater: the first maximum wins and a NaN never replaces a value
                const int32_t more = -static_cast<int32_t>(xv > yv);
                y[o] = xv > yv ? xv : yv;
                w[o] = (r & more) | (w[o] & ~more);
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
        const F scale = static_cast<F>(1.0 / lengths[b]);
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

}  // namespace lexloom
