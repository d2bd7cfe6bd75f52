# C-level API of the arc-eager transition system in csrc/lexloom/arc_eager.hh.
from libc.stdint cimport int8_t, int32_t, uint8_t
from libcpp cimport bool as cbool

from ..core cimport TokenC, attr_t


cdef extern from "lexloom/arc_eager.hh" namespace "lexloom::arc_eager" nogil:
    cdef enum Move:
        SHIFT
        REDUCE
        LEFT
        RIGHT
        BREAK
        N_MOVES

    cdef enum GoldStatus:
        GOLD_OK
        GOLD_NO_MEMORY
        GOLD_HEAD_OUT_OF_RANGE
        GOLD_CYCLE

    cdef struct Action:
        int32_t move
        attr_t label

    cdef struct StateC:
        const TokenC* sent
        int32_t length
        int32_t* stack
        int32_t depth
        int32_t* rebuffer
        int32_t n_rebuffer
        int32_t b_i
        int32_t* heads
        attr_t* labels
        uint8_t* sent_starts
        uint8_t* unshiftable
        int32_t* kids

    cdef struct GoldC:
        int32_t length
        int32_t* heads
        attr_t* labels
        int8_t* sent_starts

    cbool state_init(StateC* st, const TokenC* sent, int32_t length)
    void state_free(StateC* st)
    cbool state_copy(StateC* dst, const StateC* src)
    int32_t stack_at(const StateC* st, int32_t i)
    int32_t buffer_at(const StateC* st, int32_t i)
    int32_t buffer_length(const StateC* st)
    cbool is_final(const StateC* st)
    void finish_as_is(StateC* st)
    void state_push(StateC* st)
    void state_pop(StateC* st)
    void state_unshift(StateC* st)
    void state_add_arc(StateC* st, int32_t head, int32_t child, attr_t label)
    int32_t left_child(const StateC* st, int32_t w, int32_t idx)
    int32_t right_child(const StateC* st, int32_t w, int32_t idx)
    cbool context_tokens(const StateC* st, int32_t n_feats, int32_t* out)

    int32_t check_tree(const int32_t* heads, int32_t n, int32_t* bad)
    int32_t gold_init(GoldC* g, int32_t n, const int32_t* heads, const attr_t* labels,
                      const int8_t* sent_starts, int32_t* bad)
    void gold_free(GoldC* g)
    void gold_update(GoldC* g, const StateC* st)

    cbool action_is_valid "lexloom::arc_eager::is_valid"(const StateC* st, Action a)
    cbool action_apply "lexloom::arc_eager::apply"(StateC* st, Action a)
    float action_cost "lexloom::arc_eager::cost"(const StateC* st, const GoldC* g, Action a)
    void set_costs(const StateC* st, GoldC* g, const Action* actions, int32_t n_actions,
                   int32_t* valid, float* costs)
    int32_t step_batch(StateC* const* states, int32_t n_states, const float* scores,
                       const Action* actions, int32_t n_actions, int32_t* chosen)
    int32_t oracle_sequence(StateC* st, GoldC* g, const Action* actions, int32_t n_actions,
                            int32_t* out, int32_t max_steps, cbool* complete)
    void set_annotations(const StateC* st, TokenC* tokens, attr_t root_label)

    cdef struct GreedySystem:
        const Action* actions
        int32_t n_actions

    cdef cppclass BeamSystem:
        const Action* actions
        int32_t n_actions
        cbool assign(StateC* dst, const StateC* src)
        void destroy(StateC* st)

    cbool is_nonproj_arc(int32_t token, const int32_t* heads, int32_t n)
    int32_t projectivize_heads "lexloom::arc_eager::projectivize"(int32_t* heads, int32_t n,
                                                                  uint8_t* lifted)
    cbool deprojectivize_heads "lexloom::arc_eager::deprojectivize"(
        int32_t* heads, attr_t* labels, int32_t n, const attr_t* base_labels,
        const attr_t* head_labels, const uint8_t* skip)


cdef class ParseState:
    cdef StateC c
    cdef readonly object doc

    cdef StateC* live(self) except NULL


cdef class ArcEagerGold:
    cdef GoldC c


cdef class ArcEager:
    cdef Action* c
    cdef readonly int n_moves
    cdef readonly list move_names
    cdef readonly list labels
    cdef readonly str root_label
    cdef dict _label_ids
    cdef set _left_labels
    cdef set _right_labels
    cdef dict _move_index
    cdef frozenset _lifted_ids
