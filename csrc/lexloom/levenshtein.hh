// Bounded Levenshtein distance over code points (insert, delete, substitute; cost 1 each),
// the measure behind the matcher's FUZZY predicates. No Python, no allocation beyond one row.
#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

namespace lexloom {

// Edit distance between a[0..na) and b[0..nb); when max_edits >= 0 and the distance exceeds
// it, returns max_edits + 1 (the search stops early). max_edits < 0: no bound.
inline int64_t levenshtein_bounded(const uint32_t* a, int64_t na, const uint32_t* b, int64_t nb,
                                   int64_t max_edits) {
    if (na < nb) {
        std::swap(a, b);
        std::swap(na, nb);
    }
    if (max_edits >= 0 && na - nb > max_edits) return max_edits + 1;
    if (nb == 0) return (max_edits >= 0 && na > max_edits) ? max_edits + 1 : na;
    std::vector<int64_t> row(static_cast<size_t>(nb) + 1);
    for (int64_t j = 0; j <= nb; ++j) row[j] = j;
    for (int64_t i = 1; i <= na; ++i) {
        int64_t diag = row[0];
        row[0] = i;
        int64_t row_min = row[0];
        for (int64_t j = 1; j <= nb; ++j) {
            const int64_t up = row[j];
            const int64_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({up + 1, row[j - 1] + 1, diag + cost});
            diag = up;
            row_min = std::min(row_min, row[j]);
        }
        if (max_edits >= 0 && row_min > max_edits) return max_edits + 1;
    }
    const int64_t d = row[nb];
    return (max_edits >= 0 && d > max_edits) ? max_edits + 1 : d;
}

}  // namespace lexloom
