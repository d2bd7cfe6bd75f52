#include "biluo.hh"

#include "attrs.hh"

namespace lexloom {
namespace biluo {

namespace {

// Stands in for tokens past the end: no preset, no sentence start, not whitespace.
const TokenC EMPTY_TOKEN = {};

inline const TokenC* B_(const NerState* st, int32_t i) {
    int32_t k = st->b0 + i;
    return (k >= 0 && k < st->length) ? &st->tokens[k] : &EMPTY_TOKEN;
}

inline int32_t buffer_length(const NerState* st) { return st->length - st->b0; }

inline bool is_space(const TokenC* t) { return t->lex != nullptr && lex_check_flag(t->lex, IS_SPACE); }

inline int32_t gold_move_at(const NerState* st, const Action* gold, int32_t i) {
    return (i >= 0 && i < st->length) ? gold[i].move : OUT;
}

// The open entity can no longer be right: its first token isn't a gold B/U of its label.
bool entity_is_sunk(const NerState* st, const Action* gold) {
    if (!state_entity_is_open(st)) return false;
    const Action& g = gold[st->ent_start];
    if (g.move != BEGIN && g.move != UNIT) return true;
    return g.label != st->ent_label;
}

bool begin_valid(const NerState* st, attr_t label) {
    const TokenC* b0 = B_(st, 0);
    const TokenC* b1 = B_(st, 1);
    if (state_entity_is_open(st)) return false;
    if (buffer_length(st) < 2) return false;  // the last token can't open a longer entity
    if (label == 0) return false;
    if (b0->ent_iob == IOB_I) return false;   // never clobber a preset entity
    if (b0->ent_iob == IOB_B) {
        // inside a preset entity: its label, and only if it goes on (else it is a U)
        return label == b0->ent_type && b1->ent_iob == IOB_I;
    }
    if (b1->ent_iob == IOB_B) return false;
    if (b1->sent_start == 1) return false;    // entities stay inside a sentence
    if (is_space(b0)) return false;           // nor start on whitespace
    return true;
}

bool in_valid(const NerState* st, attr_t label) {
    const TokenC* b0 = B_(st, 0);
    const TokenC* b1 = B_(st, 1);
    if (!state_entity_is_open(st)) return false;
    if (buffer_length(st) < 2) return false;
    if (label == 0 || label != st->ent_label) return false;
    if (b0->ent_iob == IOB_B) return false;
    if (b1->ent_iob == IOB_B) return false;   // the next token starts one: must be L
    if (b0->ent_iob == IOB_I) {
        if (b1->ent_iob == IOB_MISSING || b1->ent_iob == IOB_O) return false;
        return label == b0->ent_type;
    }
    if (b1->sent_start == 1) return false;
    return true;
}

bool last_valid(const NerState* st, attr_t label) {
    const TokenC* b0 = B_(st, 0);
    const TokenC* b1 = B_(st, 1);
    if (label == 0) return false;
    if (!state_entity_is_open(st)) return false;
    if (b0->ent_iob == IOB_I && b1->ent_iob != IOB_I) return label == b0->ent_type;
    if (st->ent_label != label) return false;
    if (b1->ent_iob == IOB_I) return false;   // a preset entity goes on: can't close here
    return true;
}

bool unit_valid(const NerState* st, attr_t label) {
    const TokenC* b0 = B_(st, 0);
    const TokenC* b1 = B_(st, 1);
    if (label == 0) {
        // the blocked "U-" move: only where the Doc marks the token blocked
        return b0->ent_type == 0 && b0->ent_iob == IOB_B;
    }
    if (state_entity_is_open(st)) return false;
    if (b1->ent_iob == IOB_I) return false;   // the next token continues: must be B
    if (b0->ent_iob == IOB_B) return label == b0->ent_type;
    if (is_space(b0)) return false;
    return true;
}

bool out_valid(const NerState* st) {
    const TokenC* b0 = B_(st, 0);
    if (state_entity_is_open(st)) return false;
    return b0->ent_iob != IOB_B && b0->ent_iob != IOB_I;
}

float begin_cost(const NerState* st, const Action* gold, attr_t label) {
    const Action& g = gold[st->b0];
    if (g.move == MISSING) return 0.0f;
    if (g.move == BEGIN) return g.label != label ? 1.0f : 0.0f;
    return 1.0f;  // gold I / L / O / U: a false entity
}

float in_cost(const NerState* st, const Action* gold) {
    int32_t g = gold[st->b0].move;
    int32_t next = gold_move_at(st, gold, st->b0 + 1);
    switch (g) {
        case MISSING: case BEGIN: case IN: return 0.0f;
        case LAST: return (entity_is_sunk(st, gold) && (next == OUT || next == MISSING)) ? 0.0f : 1.0f;
        case OUT: return (next == OUT || next == MISSING) ? 0.0f : 1.0f;
        case UNIT: return next != OUT ? 1.0f : 0.0f;
        default: return 1.0f;
    }
}

float last_cost(const NerState* st, const Action* gold) {
    int32_t g = gold[st->b0].move;
    if (g == IN) return entity_is_sunk(st, gold) ? 0.0f : 1.0f;
    if (g == MISSING || g == BEGIN || g == LAST || g == OUT || g == UNIT) return 0.0f;
    return 1.0f;
}

float unit_cost(const NerState* st, const Action* gold, attr_t label) {
    const Action& g = gold[st->b0];
    if (g.move == MISSING) return 0.0f;
    if (g.move == UNIT) return g.label != label ? 1.0f : 0.0f;
    return 1.0f;
}

float out_cost(const NerState* st, const Action* gold) {
    int32_t g = gold[st->b0].move;
    if (g == MISSING || g == IN || g == LAST || g == OUT) return 0.0f;
    return 1.0f;  // gold B / U: an entity lost
}

}  // namespace

void state_init(NerState* st, const TokenC* tokens, int32_t length, EntC* ents_buffer) {
    st->tokens = tokens;
    st->length = length < 0 ? 0 : length;
    st->b0 = 0;
    st->ent_start = -1;
    st->ent_label = 0;
    st->ents = ents_buffer;
    st->n_ents = 0;
}

bool context_tokens(const NerState* st, int32_t n_feats, int32_t* out) {
    if (n_feats != 3 && n_feats != 6) return false;
    int32_t b0 = st->b0 < st->length ? st->b0 : -1;
    bool open = state_entity_is_open(st);
    for (int32_t i = 0; i < n_feats; ++i) out[i] = -1;
    out[0] = b0;
    if (n_feats == 3) {
        if (open) out[1] = st->ent_start;
        if (b0 >= 0 && open) out[2] = b0 - 1;
        return true;
    }
    if (open && b0 >= 0) {
        int32_t j = 1;
        for (int32_t i = st->ent_start; i < b0 && j < 6; ++i) out[j++] = i;
    }
    return true;
}

bool is_valid(const NerState* st, Action a) {
    if (state_is_final(st)) return false;
    switch (a.move) {
        case BEGIN: return begin_valid(st, a.label);
        case IN: return in_valid(st, a.label);
        case LAST: return last_valid(st, a.label);
        case UNIT: return unit_valid(st, a.label);
        case OUT: return out_valid(st);
        default: return false;  // MISSING is never a move
    }
}

bool apply(NerState* st, Action a) {
    if (!is_valid(st, a)) return false;
    switch (a.move) {
        case BEGIN:
            st->ent_start = st->b0;
            st->ent_label = a.label;
            break;
        case LAST:
            st->ents[st->n_ents++] = EntC{st->ent_start, st->b0 + 1, st->ent_label};
            st->ent_start = -1;
            st->ent_label = 0;
            break;
        case UNIT:
            // the blocked "U-" opens and closes nothing that counts as an entity
            if (a.label != 0) st->ents[st->n_ents++] = EntC{st->b0, st->b0 + 1, a.label};
            break;
        default:  // IN, OUT
            break;
    }
    st->b0 += 1;
    return true;
}

float cost(const NerState* st, const Action* gold, Action a) {
    switch (a.move) {
        case BEGIN: return begin_cost(st, gold, a.label);
        case IN: return in_cost(st, gold);
        case LAST: return last_cost(st, gold);
        case UNIT: return unit_cost(st, gold, a.label);
        case OUT: return out_cost(st, gold);
        default: return INVALID_COST;
    }
}

int set_costs(const NerState* st, const Action* gold, const Action* actions, int32_t n_actions,
              int32_t* is_valid_out, float* costs_out) {
    int n_gold = 0;
    for (int32_t i = 0; i < n_actions; ++i) {
        bool ok = is_valid(st, actions[i]);
        is_valid_out[i] = ok ? 1 : 0;
        costs_out[i] = ok ? cost(st, gold, actions[i]) : INVALID_COST;
        if (ok && costs_out[i] <= 0.0f) ++n_gold;
    }
    return n_gold;
}

int32_t oracle_action(const NerState* st, const Action* gold, const Action* actions,
                      int32_t n_actions) {
    int32_t best = -1;
    float best_cost = 0.0f;
    for (int32_t i = 0; i < n_actions; ++i) {
        if (!is_valid(st, actions[i])) continue;
        float c = cost(st, gold, actions[i]);
        if (best < 0 || c < best_cost) {
            best = i;
            best_cost = c;
        }
    }
    return best;
}

int32_t step_batch(NerState* states, int32_t n_states, const Action* actions, int32_t n_actions,
                   const float* scores, int32_t* chosen) {
    int32_t moved = 0;
    for (int32_t s = 0; s < n_states; ++s) {
        NerState* st = &states[s];
        chosen[s] = -1;
        if (state_is_final(st)) continue;
        const float* row = scores + static_cast<int64_t>(s) * n_actions;
        int32_t best = -1;
        for (int32_t i = 0; i < n_actions; ++i) {
            if (is_valid(st, actions[i]) && (best < 0 || row[i] > row[best])) best = i;
        }
        if (best >= 0 && apply(st, actions[best])) {
            chosen[s] = best;
            ++moved;
        } else {
            finish_as_is(st);
        }
    }
    return moved;
}

int32_t write_entities(const NerState* st, TokenC* tokens) {
    for (int32_t e = 0; e < st->n_ents; ++e) {
        const EntC& ent = st->ents[e];
        for (int32_t i = ent.start; i < ent.end; ++i) {
            tokens[i].ent_iob = i == ent.start ? IOB_B : IOB_I;
            tokens[i].ent_type = ent.label;
        }
    }
    for (int32_t i = 0; i < st->length; ++i) {
        if (tokens[i].ent_iob == IOB_MISSING) {
            tokens[i].ent_iob = IOB_O;
            tokens[i].ent_type = 0;
        }
    }
    return st->n_ents;
}

char move_letter(int32_t move) {
    switch (move) {
        case BEGIN: return 'B';
        case IN: return 'I';
        case LAST: return 'L';
        case UNIT: return 'U';
        case OUT: return 'O';
        default: return '-';
    }
}

}  // namespace biluo
}  // namespace lexloom
