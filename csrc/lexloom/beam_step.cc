#include "lexloom/beam_step.hh"

#include <algorithm>
#include <limits>

#include "lexloom/beam_rank.hh"

namespace lexloom {

namespace {

// Expands one beam's candidates (the carried and finished ones first, then the moves, in
// parent and move order: the order the density cut sums them in, as lexloom's Python step of
// spaCy's beam did; the sum can differ from the decoder's in the last bit, which decides a
// candidate only at exactly the cutoff). `strict` (follow_gold):
// only the moves of the row's lowest valid cost, if it is <= 0; otherwise, with
// follow_gold, those of the lowest valid cost.
void expand(const BeamStepArgs& a, int64_t b, bool strict, std::vector<BeamCandidate>& out) {
    const int64_t C = a.n_classes;
    const int64_t first = a.beam_starts[b], last = a.beam_starts[b + 1];
    out.clear();
    for (int64_t i = first; i < last; ++i) {
        const int64_t k = i - first;
        const float s = a.parent_scores[i];
        const int64_t row = a.rows[i];
        if (row < 0) {
            const float averaged = a.has_moves[i] ? s + s / static_cast<float>(a.steps[b]) : s;
            out.push_back({averaged, k * C, k, BEAM_CARRIED, a.parent_losses[i]});
            continue;
        }
        const uint8_t* v = a.valid + row * C;
        if (std::none_of(v, v + C, [](uint8_t x) { return x != 0; })) {
            out.push_back({s, k * C, k, BEAM_FINISHED, a.parent_losses[i]});
        }
    }
    for (int64_t i = first; i < last; ++i) {
        const int64_t row = a.rows[i];
        if (row < 0) continue;
        const int64_t k = i - first;
        const uint8_t* v = a.valid + row * C;
        const float* sc = a.scores + row * C;
        const float* cost = a.costs != nullptr ? a.costs + row * C : nullptr;
        float limit = std::numeric_limits<float>::infinity();
        if (a.follow_gold && cost != nullptr) {
            float cheapest = std::numeric_limits<float>::infinity();
            for (int64_t c = 0; c < C; ++c) {
                if (v[c] && cost[c] < cheapest) cheapest = cost[c];
            }
            limit = strict ? std::min(cheapest, 0.0f) : cheapest;
        }
        for (int64_t c = 0; c < C; ++c) {
            const float move_cost = cost != nullptr ? cost[c] : 0.0f;
            if (!v[c] || !(move_cost <= limit)) continue;
            out.push_back({a.parent_scores[i] + sc[c], k * C + c, k, static_cast<int32_t>(c),
                           a.parent_losses[i] + static_cast<double>(move_cost)});
        }
    }
}

}  // namespace

int64_t beam_step(const BeamStepArgs& a, BeamStepResult& out) {
    out.starts.assign(1, 0);
    out.parent.clear();
    out.action.clear();
    out.score.clear();
    out.loss.clear();
    std::vector<BeamCandidate> candidates;
    for (int64_t b = 0; b < a.n_beams; ++b) {
        expand(a, b, true, candidates);
        if (candidates.empty() && a.follow_gold) expand(a, b, false, candidates);
        rank_beam_candidates(candidates, a.density, a.width);
        if (candidates.empty()) return b;
        for (const BeamCandidate& cand : candidates) {
            out.parent.push_back(a.beam_starts[b] + cand.entry);
            out.action.push_back(cand.action);
            out.score.push_back(cand.score);
            out.loss.push_back(cand.loss);
        }
        out.starts.push_back(static_cast<int64_t>(out.parent.size()));
    }
    return -1;
}

}  // namespace lexloom
