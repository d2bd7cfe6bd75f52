// One step of beams that a Python loop drives with its own scores: spaCy's beam training
// (BeamBatch.advance in pipeline/_parser_internals/_beam_utils.py), whose model scores the
// states in Python between steps. Expands and ranks every beam's candidates here, so
// Python touches only the candidates kept.
#pragma once
#include <cstdint>
#include <vector>

namespace lexloom {

struct BeamStepArgs {
    int64_t n_beams;
    const int64_t* beam_starts;   // n_beams + 1: beam b has candidates [starts[b], starts[b + 1])
    const float* parent_scores;   // per candidate
    const double* parent_losses;  // per candidate: its summed costs so far
    const uint8_t* has_moves;     // per candidate: whether it took a move yet
    const int64_t* rows;          // per candidate: its row of scores, -1 if it is final
    const int64_t* steps;         // per beam: the steps it took (t)
    const float* scores;          // (n_rows, n_classes) move scores
    const uint8_t* valid;         // (n_rows, n_classes)
    const float* costs;           // (n_rows, n_classes) oracle costs, or nullptr (all 0)
    int64_t n_classes;
    bool follow_gold;             // take only the cheapest valid moves (costs needed)
    float density;
    int64_t width;
};

// The candidates kept, beam after beam (beam b's are [starts[b], starts[b + 1])), best
// first: the parent's index among all candidates, the action (a move, BEAM_CARRIED or
// BEAM_FINISHED), the new score and loss.
struct BeamStepResult {
    std::vector<int64_t> starts;
    std::vector<int64_t> parent;
    std::vector<int32_t> action;
    std::vector<float> score;
    std::vector<double> loss;
};

// Returns -1, or the first beam whose candidates the density cut dropped entirely (only
// with scores that are not finite).
//
// Each candidate of a beam becomes, as thinc's Beam (and spaCy's gold beam) makes them:
// carried on if final (score s + s / t once it took a move: the path average), finished
// where it stands if it has no valid move, else one candidate per allowed move (parent
// score + move score in float32, loss + cost in double). Allowed: every valid move; with
// follow_gold, the valid moves of the lowest cost if it is <= 0, and, for a beam left with
// no candidate at all, the valid moves of the lowest cost.
int64_t beam_step(const BeamStepArgs& args, BeamStepResult& out);

}  // namespace lexloom
