// The BILUO entity transition system: one move per token, each a small unit with
// is_valid / apply / cost, over a state holding the sentence's tokens and its open entity.
// No Python, no exceptions: the caller owns every buffer (the state's entity list too).
//
// Behaviour follows spaCy 3.8's BiluoPushDown: tokens whose ent_iob is already set on the
// Doc (B = 3, I = 1, O = 2) are presets the moves must respect; entities never start on
// whitespace or run across a sentence start; gold moves MISSING ("-" / None) cost nothing.
#pragma once
#include <cstdint>
#include <cstring>
#include <new>

#include "structs.hh"

namespace lexloom {
namespace biluo {

enum Move : int32_t { MISSING = 0, BEGIN = 1, IN = 2, LAST = 3, UNIT = 4, OUT = 5, N_MOVES = 6 };

// Cost given to invalid moves, as in spaCy.
constexpr float INVALID_COST = 9000.0f;

// One class of the model's output: a move and its label (0 for OUT and the blocked "U-").
struct Action {
    int32_t move;
    attr_t label;
};

struct EntC {
    int32_t start;
    int32_t end;  // exclusive
    attr_t label;
};

// The state: the next token b0, the open entity (if any), and the entities closed so far,
// written to `ents` (capacity >= length: at most one entity per token).
struct NerState {
    const TokenC* tokens = nullptr;
    int32_t length = 0;
    int32_t b0 = 0;
    int32_t ent_start = -1;  // >= 0 while an entity is open
    attr_t ent_label = 0;
    EntC* ents = nullptr;
    int32_t n_ents = 0;
};

void state_init(NerState* st, const TokenC* tokens, int32_t length, EntC* ents_buffer);
inline bool state_is_final(const NerState* st) { return st->b0 >= st->length; }

// Stop where the state stands, when no move is valid (contradictory presets), as spaCy does.
inline void finish_as_is(NerState* st) { st->b0 = st->length; }
inline bool state_entity_is_open(const NerState* st) { return st->ent_start >= 0; }

// The tokens the model looks at in this state (-1 for none), written to out[0 .. n_feats),
// in spaCy's order. n_feats 3: B0, the open entity's first token, the token before B0 (the
// last two only while an entity is open); 6: B0, then the open entity's tokens before B0
// (at most five). Other sizes: false.
bool context_tokens(const NerState* st, int32_t n_feats, int32_t* out);

bool is_valid(const NerState* st, Action a);
// Applies a move; returns false (and changes nothing) if it is not valid here.
bool apply(NerState* st, Action a);
// Cost of a valid move against gold actions (one per token; move MISSING = unknown).
// The gold move's cost is 0; moves that lose an entity (or make a false one) cost >= 1.
float cost(const NerState* st, const Action* gold, Action a);

// is_valid[i] and costs[i] (INVALID_COST where invalid) for every action; returns how many
// valid actions cost nothing.
int set_costs(const NerState* st, const Action* gold, const Action* actions, int32_t n_actions,
              int32_t* is_valid_out, float* costs_out);

// Index of the first valid action of least cost, or -1 if none is valid.
int32_t oracle_action(const NerState* st, const Action* gold, const Action* actions,
                      int32_t n_actions);

// One greedy step over a batch: for each state not final, the valid action with the highest
// score (scores: n_states x n_actions, row-major) is applied and its index written to
// chosen[i]; final or stuck states get -1 (a stuck state is made final, as in spaCy).
// Returns how many states moved.
int32_t step_batch(NerState* states, int32_t n_states, const Action* actions, int32_t n_actions,
                   const float* scores, int32_t* chosen);

// The greedy decoder's view of the system (greedy_decode.hh).
struct GreedySystem {
    const Action* actions;
    int32_t n_actions;
    bool is_final(const NerState* st) const { return state_is_final(st); }
    void context(const NerState* st, int32_t n_feats, int32_t* out) const {
        context_tokens(st, n_feats, out);
    }
    void step(NerState* st, const float* scores) const {
        int32_t chosen;
        step_batch(st, 1, actions, n_actions, scores, &chosen);
    }
};

// The beam decoder's view of the system (beam_decode.hh): a candidate is a heap copy with
// its own entity buffer (one slot per token, plus one).
struct BeamSystem : GreedySystem {
    bool is_valid(const NerState* st, int32_t a) const { return biluo::is_valid(st, actions[a]); }
    void apply(NerState* st, int32_t a) const { biluo::apply(st, actions[a]); }
    void finish(NerState* st) const { finish_as_is(st); }
    NerState* clone(const NerState* st) const {
        NerState* copy = new (std::nothrow) NerState(*st);
        if (copy == nullptr) return nullptr;
        copy->ents = new (std::nothrow) EntC[static_cast<size_t>(st->length) + 1];
        if (copy->ents == nullptr) {
            delete copy;
            return nullptr;
        }
        std::memcpy(copy->ents, st->ents, sizeof(EntC) * static_cast<size_t>(st->n_ents));
        return copy;
    }
    void destroy(NerState* st) const {
        delete[] st->ents;
        delete st;
    }
    bool assign(NerState* dst, const NerState* src) const {  // dst's buffer: length + 1 slots
        EntC* ents = dst->ents;
        *dst = *src;
        dst->ents = ents;
        std::memcpy(ents, src->ents, sizeof(EntC) * static_cast<size_t>(src->n_ents));
        return true;
    }
};

// Writes the state's entities into the tokens' ent_iob / ent_type: tokens of an entity
// get B (3) / I (1) and the label, tokens still unset (ent_iob 0) become O (2). An entity
// still open is left out. Returns the number of entities written.
int32_t write_entities(const NerState* st, TokenC* tokens);

// A BILUO tag (move, label) from a gold string is the caller's job; this maps a move id to
// its one-letter name ('B', 'I', 'L', 'U', 'O', '-' for MISSING).
char move_letter(int32_t move);

}  // namespace biluo
}  // namespace lexloom
