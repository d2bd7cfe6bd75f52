// Beam-search decoding of a batch of Docs in one native call, with spaCy 3.8's beam (thinc's
// Beam, as its parser and entity recognizer use it).
//
// Each Doc keeps up to `width` candidate move sequences (its beam). A step scores every
// unfinished candidate of every beam at once (the same model arithmetic as
// greedy_decode.hh, unseen moves included, except that a hidden layer of one piece goes
// through a ReLU: spaCy's beam scores with its Python step model, which has one there, and
// its greedy C loop has none) and expands each into one candidate per valid
// move, scored by its parent's score plus the move's raw score (float32 sums). A finished
// candidate stays, its score s becoming s + s / t after the beam's t-th step (the path
// average of spaCy's beam). With density > 0, candidates whose softmax probability among
// all candidates is below density times the best one's are dropped. Each beam keeps its
// `width` best (ties: the larger parent-index * n_moves + move first, as thinc's priority
// queue pops them); a beam whose candidates are all finished stops. The Doc's answer is its
// beam's first candidate, written back into its state; given `finals`, every candidate of
// the final beam is handed back too (its score, state and moves). A candidate with no valid
// move (a move set without SHIFT, contradictory presets) is finished as it stands, at its
// score, as the greedy decoder does; spaCy's beam fails an assertion there.
//
// A System adapter gives, for its State type, besides greedy_decode.hh's is_final/context:
//   bool is_valid(const State*, int32_t action) const
//   void apply(State*, int32_t action) const           (a valid action)
//   void finish(State*) const                          (stop where it stands)
//   State* clone(const State*) const                   (nullptr when out of memory)
//   void destroy(State*) const
//   bool assign(State* dst, const State* src) const    (dst: the caller's state)
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "beam_rank.hh"
#include "greedy_decode.hh"

namespace lexloom {

enum BeamStatus : int64_t { BEAM_OK = 0, BEAM_NO_MEMORY = -1 };

// One candidate of a finished beam: its score, its state (the caller's to destroy) and the
// moves that led to it (a carried or finished step takes none).
template <class State>
struct BeamFinal {
    float score;
    State* st;
    std::vector<int32_t> moves;
};

// Decodes states[d] (whose Doc's first token is row offsets[d] of P) by beam search.
// Returns BEAM_OK, BEAM_NO_MEMORY, or the number of Docs whose beams still hold unfinished
// candidates after max_steps steps (their states are then left as they were). With
// `finals` (n_docs lists, empty), each finished Doc's list gets its beam's candidates, best
// first (none where density pruned them all: NaN scores; that Doc counts as finished).
template <class State, class System>
int64_t beam_decode(State* const* states, const int32_t* offsets, int64_t n_docs,
                    const StepWeights& w, const System& system, int64_t width, float density,
                    int64_t max_steps, std::vector<BeamFinal<State>>* finals = nullptr) {
    constexpr int32_t CARRIED = BEAM_CARRIED, FINISHED = BEAM_FINISHED;
    struct Entry {
        float score;
        State* st;
    };
    using Candidate = BeamCandidate;
    std::vector<std::vector<Entry>> beams(static_cast<size_t>(n_docs));
    std::vector<int64_t> steps(static_cast<size_t>(n_docs), 0);  // each beam's t
    // With finals: per Doc and step, each kept entry's (parent entry, move or CARRIED /
    // FINISHED), to trace every final candidate's moves back at the end.
    std::vector<std::vector<std::vector<std::pair<int32_t, int32_t>>>> trail(
        finals != nullptr ? static_cast<size_t>(n_docs) : 0);
    auto release_all = [&]() {
        for (auto& beam : beams) {
            for (Entry& e : beam) system.destroy(e.st);
            beam.clear();
        }
    };
    for (int64_t d = 0; d < n_docs; ++d) {
        State* st = system.clone(states[d]);
        if (st == nullptr) {
            release_all();
            return BEAM_NO_MEMORY;
        }
        beams[d].push_back({0.0f, st});
    }
    std::vector<int64_t> live_doc, live_entry;
    std::vector<int32_t> feats;
    std::vector<float> hidden, scores;
    std::vector<uint8_t> valid;
    std::vector<float> Wt;  // the output weights transposed: (n_hidden, n_classes)
    if (w.W_upper != nullptr) {
        Wt.resize(static_cast<size_t>(w.n_hidden * w.n_classes));
        for (int64_t c = 0; c < w.n_classes; ++c) {
            for (int64_t k = 0; k < w.n_hidden; ++k) {
                Wt[k * w.n_classes + c] = w.W_upper[c * w.n_hidden + k];
            }
        }
    }
    const int64_t C = w.n_classes;
    std::vector<Candidate> candidates;
    std::vector<Entry> next;
    for (int64_t step = 0; step < max_steps; ++step) {
        live_doc.clear();
        live_entry.clear();
        for (int64_t d = 0; d < n_docs; ++d) {
            for (size_t k = 0; k < beams[d].size(); ++k) {
                if (!system.is_final(beams[d][k].st)) {
                    live_doc.push_back(d);
                    live_entry.push_back(static_cast<int64_t>(k));
                }
            }
        }
        const int64_t n = static_cast<int64_t>(live_doc.size());
        if (n == 0) break;
        feats.resize(static_cast<size_t>(n * w.n_feats));
        hidden.resize(static_cast<size_t>(n * w.n_hidden));
        for (int64_t i = 0; i < n; ++i) {
            int32_t* f = feats.data() + i * w.n_feats;
            system.context(beams[live_doc[i]][live_entry[i]].st,
                           static_cast<int32_t>(w.n_feats), f);
            const int32_t base = offsets[live_doc[i]];
            for (int64_t j = 0; j < w.n_feats; ++j) f[j] = f[j] >= 0 ? base + f[j] : 0;
        }
        state_maxout_infer(w.P, w.n_feats, w.n_hidden, w.n_pieces, feats.data(), n, w.bias,
                           hidden.data());
        if (w.n_pieces == 1) {
            // x * (x >= 0), as spaCy's: a negative becomes -0, a NaN stays NaN
            for (float& h : hidden) h *= (h >= 0.0f) ? 1.0f : 0.0f;
        }
        float* S = hidden.data();
        if (w.W_upper != nullptr) {
            scores.resize(static_cast<size_t>(n * C));
            S = scores.data();
            dense_rows(hidden.data(), n, w.n_hidden, Wt.data(), w.b_upper, C, S);
        }
        if (w.seen != nullptr) {
            const float lowest = *std::min_element(S, S + n * C);
            for (int64_t i = 0; i < n; ++i) {
                for (int64_t c = 0; c < C; ++c) {
                    if (!w.seen[c]) S[i * C + c] = lowest;
                }
            }
        }
        valid.resize(static_cast<size_t>(n * C));
        for (int64_t i = 0; i < n; ++i) {
            const State* st = beams[live_doc[i]][live_entry[i]].st;
            uint8_t* v = valid.data() + i * C;
            for (int64_t c = 0; c < C; ++c) v[c] = system.is_valid(st, static_cast<int32_t>(c));
        }
        // Expand each unfinished beam; the rows of its live entries follow in entry order.
        int64_t row = 0;
        for (int64_t d = 0; d < n_docs; ++d) {
            std::vector<Entry>& beam = beams[d];
            if (row >= n || live_doc[row] != d) continue;  // every candidate is final
            candidates.clear();
            for (size_t k = 0; k < beam.size(); ++k) {
                const int64_t order = static_cast<int64_t>(k) * C;
                const bool live = row < n && live_doc[row] == d &&
                                  live_entry[row] == static_cast<int64_t>(k);
                if (!live) {
                    const float s = beam[k].score;
                    candidates.push_back({s + s / static_cast<float>(steps[d]), order,
                                          static_cast<int64_t>(k), CARRIED, 0.0});
                    continue;
                }
                const uint8_t* v = valid.data() + row * C;
                const float* sc = S + row * C;
                bool any_valid = false;
                for (int64_t c = 0; c < C; ++c) {
                    if (v[c]) {
                        any_valid = true;
                        candidates.push_back({beam[k].score + sc[c], order + c,
                                              static_cast<int64_t>(k), static_cast<int32_t>(c),
                                              0.0});
                    }
                }
                if (!any_valid) {
                    candidates.push_back({beam[k].score, order, static_cast<int64_t>(k), FINISHED,
                                          0.0});
                }
                ++row;
            }
            ++steps[d];
            rank_beam_candidates(candidates, density, width);
            const size_t keep = candidates.size();
            next.clear();
            if (finals != nullptr) {
                trail[d].emplace_back();
                for (size_t j = 0; j < keep; ++j) {
                    trail[d].back().emplace_back(static_cast<int32_t>(candidates[j].entry),
                                                 candidates[j].action);
                }
            }
            for (size_t j = 0; j < keep; ++j) {
                const Candidate& cand = candidates[j];
                State* st = system.clone(beam[cand.entry].st);
                if (st == nullptr) {
                    for (Entry& e : next) system.destroy(e.st);
                    release_all();
                    return BEAM_NO_MEMORY;
                }
                if (cand.action >= 0) {
                    system.apply(st, cand.action);
                } else if (cand.action == FINISHED) {
                    system.finish(st);
                }
                next.push_back({cand.score, st});
            }
            for (Entry& e : beam) system.destroy(e.st);
            beam.swap(next);
        }
    }
    int64_t unfinished = 0;
    for (int64_t d = 0; d < n_docs; ++d) {
        std::vector<Entry>& beam = beams[d];
        // empty: density pruned every candidate (NaN scores)
        bool done = !beam.empty() || finals != nullptr;
        for (const Entry& e : beam) done = done && system.is_final(e.st);
        if (!done) {
            ++unfinished;
            continue;
        }
        if (!beam.empty() && !system.assign(states[d], beam[0].st)) {
            release_all();
            return BEAM_NO_MEMORY;
        }
        if (finals == nullptr) continue;
        for (size_t j = 0; j < beam.size(); ++j) {
            BeamFinal<State> out{beam[j].score, beam[j].st, {}};
            int32_t entry = static_cast<int32_t>(j);
            for (size_t t = trail[d].size(); t-- > 0;) {
                const std::pair<int32_t, int32_t>& link = trail[d][t][static_cast<size_t>(entry)];
                if (link.second >= 0) out.moves.push_back(link.second);
                entry = link.first;
            }
            std::reverse(out.moves.begin(), out.moves.end());
            beam[j].st = nullptr;   // the caller's now
            finals[d].push_back(std::move(out));
        }
        beam.clear();
    }
    release_all();
    return unfinished;
}

}  // namespace lexloom
