// The ranking step of spaCy's beam (thinc's Beam), shared by the native beam decoder
// (beam_decode.hh) and the beam steps a Python training loop drives (beam_step.hh): a
// beam's candidates for its next step, cut by density and sorted, best first.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace lexloom {

// Actions of a candidate that takes no move: its parent was final (carried on), or had no
// valid move (finished where it stands).
constexpr int32_t BEAM_CARRIED = -1, BEAM_FINISHED = -2;

struct BeamCandidate {
    float score;
    int64_t order;   // parent * n_classes + move: larger first among equal scores
    int64_t entry;   // the parent's index in its beam
    int32_t action;  // a move, BEAM_CARRIED or BEAM_FINISHED
    double loss;     // the summed oracle costs of its moves (training only)
};

// A candidate's score for ranking: NaN (a broken model) ranks last, so the order is strict.
inline float sort_key(float score) {
    return std::isnan(score) ? -std::numeric_limits<float>::infinity() : score;
}

// With density > 0, drops the candidates whose softmax probability (in double, over the
// candidates in the order given, NaN scores left out of the sum) is below density times the
// best one's: none is left when no score is finite. Then sorts best first and keeps `width`.
inline void rank_beam_candidates(std::vector<BeamCandidate>& candidates, float density,
                                 int64_t width) {
    if (density > 0 && !candidates.empty()) {
        double top = -std::numeric_limits<double>::infinity();
        bool any_finite = false;
        for (const BeamCandidate& cand : candidates) {
            if (std::isnan(cand.score)) continue;
            if (!any_finite || cand.score > top) top = cand.score;
            any_finite = true;
        }
        double Z = 0.0;
        for (const BeamCandidate& cand : candidates) {
            const double w = std::exp(static_cast<double>(cand.score) - top);
            if (!std::isnan(w)) Z += w;
        }
        size_t kept = 0;
        if (any_finite && Z > 0) {
            const double cutoff = (1.0 / Z) * static_cast<double>(density);
            for (const BeamCandidate& cand : candidates) {
                if (std::exp(static_cast<double>(cand.score) - top) / Z >= cutoff) {
                    candidates[kept++] = cand;
                }
            }
        }
        candidates.resize(kept);
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const BeamCandidate& a, const BeamCandidate& b) {
                  const float x = sort_key(a.score), y = sort_key(b.score);
                  return x != y ? x > y : a.order > b.order;
              });
    if (static_cast<int64_t>(candidates.size()) > width) {
        candidates.resize(static_cast<size_t>(width));
    }
}

}  // namespace lexloom
