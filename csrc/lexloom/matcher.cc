#include "lexloom/matcher.hh"

#include <algorithm>

namespace lexloom {
namespace matcher {

namespace {

// spaCy's actions, named by the bits "match, advance, retry, extend".
enum Action : int32_t {
    REJECT,
    MATCH,
    ADVANCE,
    RETRY,
    RETRY_EXTEND,
    RETRY_ADVANCE,
    MATCH_EXTEND,
    MATCH_REJECT,   // match without the current token
    MATCH_DOUBLE,   // match with and without the current token
};

struct State {
    int32_t pattern;
    int32_t node;
    int32_t start;
    int32_t length;
};

struct MatchKey {
    attr_t key;
    int32_t start;
    int32_t end;
    bool operator==(const MatchKey& o) const {
        return key == o.key && start == o.start && end == o.end;
    }
};

struct MatchKeyHash {
    size_t operator()(const MatchKey& m) const {
        uint64_t h = m.key * 0x9E3779B97F4A7C15ull;
        h ^= (static_cast<uint64_t>(static_cast<uint32_t>(m.start)) << 32) |
             static_cast<uint32_t>(m.end);
        h *= 0xBF58476D1CE4E5B9ull;
        return static_cast<size_t>(h ^ (h >> 31));
    }
};

struct AlignNode {
    int32_t token_idx;
    int32_t length;
    int64_t parent;  // previous entry of the same history, -1 at its start
};

struct Scratch {
    std::vector<AlignNode> arena;
    std::vector<int64_t> align_states, align_new_states, align_matches;
    std::vector<uint8_t> seen_len;
    std::vector<State> states, new_states;
    std::vector<MatchC> matches;
    std::vector<int32_t> cands;
    std::vector<MatchKey> table;
    std::vector<uint8_t> used;
    std::vector<State> state_table;
    std::vector<uint8_t> state_used;
};

// Drop every state equal (pattern, node, start, length) to an earlier one, keeping order.
// Equal states have equal futures, and the earlier one emits each shared match first, so
// the result (first occurrence of each match, with its alignment) is unchanged; without
// this, patterns such as [{"OP": "{1,8}"}, {"OP": "{1,8}"}] copy a state per way of
// splitting the tokens seen so far between their optional nodes: exponential in length.
void dedup_states(std::vector<State>& states, std::vector<int64_t>* align_states,
                  Scratch& scratch) {
    size_t cap = 16;
    while (cap < states.size() * 2) cap <<= 1;
    std::vector<State>& table = scratch.state_table;
    std::vector<uint8_t>& used = scratch.state_used;
    table.resize(cap);
    used.assign(cap, 0);
    size_t q = 0;
    for (size_t k = 0; k < states.size(); ++k) {
        const State& s = states[k];
        uint64_t h = (static_cast<uint64_t>(static_cast<uint32_t>(s.pattern)) << 32 |
                      static_cast<uint32_t>(s.node)) * 0x9E3779B97F4A7C15ull;
        h ^= static_cast<uint64_t>(static_cast<uint32_t>(s.start)) << 32 |
             static_cast<uint32_t>(s.length);
        h *= 0xBF58476D1CE4E5B9ull;
        size_t slot = static_cast<size_t>(h ^ (h >> 31)) & (cap - 1);
        bool dup = false;
        while (used[slot]) {
            const State& t = table[slot];
            if (t.pattern == s.pattern && t.node == s.node && t.start == s.start &&
                t.length == s.length) {
                dup = true;
                break;
            }
            slot = (slot + 1) & (cap - 1);
        }
        if (dup) continue;
        used[slot] = 1;
        table[slot] = s;
        states[q] = s;
        if (align_states != nullptr) (*align_states)[q] = (*align_states)[k];
        ++q;
    }
    states.resize(q);
    if (align_states != nullptr) align_states->resize(q);
}

inline bool cmp_int(uint64_t v, int32_t op, int64_t c) {
    if (c < 0) {  // every attribute value is >= 0 > c
        return op == CMP_NE || op == CMP_GE || op == CMP_GT;
    }
    uint64_t u = static_cast<uint64_t>(c);
    switch (op) {
        case CMP_EQ: return v == u;
        case CMP_NE: return v != u;
        case CMP_GE: return v >= u;
        case CMP_LE: return v <= u;
        case CMP_GT: return v > u;
        case CMP_LT: return v < u;
        default: return false;
    }
}

inline bool cmp_float(uint64_t v, int32_t op, double c) {
    long double x = static_cast<long double>(v);
    long double y = static_cast<long double>(c);
    switch (op) {
        case CMP_EQ: return x == y;
        case CMP_NE: return x != y;
        case CMP_GE: return x >= y;
        case CMP_LE: return x <= y;
        case CMP_GT: return x > y;
        case CMP_LT: return x < y;
        default: return false;
    }
}

}  // namespace

int32_t PatternSet::add(attr_t key, const Node* nodes, int32_t n_nodes, const Check* checks,
                        int32_t n_checks, const uint64_t* set_values, int32_t n_set_values) {
    if (n_nodes <= 0 || n_checks < 0 || n_set_values < 0) return -1;
    for (int32_t i = 0; i < n_nodes; ++i) {
        const Node& nd = nodes[i];
        if (nd.check_start < 0 || nd.n_checks < 0 || nd.check_start + nd.n_checks > n_checks)
            return -1;
        if (nd.quantifier != Q_ZERO && nd.quantifier != Q_ZERO_ONE &&
            nd.quantifier != Q_ZERO_PLUS && nd.quantifier != Q_ONE)
            return -1;
    }
    for (int32_t i = 0; i < n_checks; ++i) {
        const Check& c = checks[i];
        if (c.kind == CK_IN || c.kind == CK_NOT_IN || c.kind == CK_SUPERSET) {
            if (c.set_start < 0 || c.set_len < 0 || c.set_start + c.set_len > n_set_values)
                return -1;
        } else if (c.kind == CK_CMP) {
            if (c.op < CMP_EQ || c.op > CMP_LT) return -1;
        } else if (c.kind != CK_EQ && c.kind != CK_EXT_EQ && c.kind != CK_PRED) {
            return -1;
        }
    }
    const int32_t check_base = static_cast<int32_t>(checks_.size());
    const int32_t set_base = static_cast<int32_t>(sets_.size());
    sets_.insert(sets_.end(), set_values, set_values + n_set_values);
    for (int32_t i = 0; i < n_checks; ++i) {
        Check c = checks[i];
        if (c.kind == CK_IN || c.kind == CK_NOT_IN || c.kind == CK_SUPERSET) {
            c.set_start += set_base;
            std::sort(sets_.begin() + c.set_start, sets_.begin() + c.set_start + c.set_len);
        } else if (c.kind == CK_PRED) {
            max_pred_ = std::max(max_pred_, static_cast<int32_t>(c.attr));
        } else if (c.kind == CK_EXT_EQ) {
            max_ext_ = std::max(max_ext_, static_cast<int32_t>(c.attr));
        }
        checks_.push_back(c);
    }
    starts_.push_back(static_cast<int32_t>(nodes_.size()));
    for (int32_t i = 0; i < n_nodes; ++i) {
        Node nd = nodes[i];
        nd.check_start += check_base;
        nodes_.push_back(nd);
    }
    nodes_.push_back(Node{Q_FINAL, 0, 0, -1});
    keys_.push_back(key);
    index_ready_ = false;
    return static_cast<int32_t>(keys_.size()) - 1;
}

void PatternSet::clear() {
    nodes_.clear();
    checks_.clear();
    sets_.clear();
    starts_.clear();
    keys_.clear();
    max_pred_ = -1;
    max_ext_ = -1;
    always_.clear();
    index_.clear();
    index_ready_ = false;
}

void PatternSet::build_index() {
    always_.clear();
    index_.clear();
    auto map_for = [this](uint64_t attr) -> std::unordered_map<attr_t, std::vector<int32_t>>& {
        for (auto& entry : index_)
            if (entry.first == attr) return entry.second;
        index_.emplace_back(attr, std::unordered_map<attr_t, std::vector<int32_t>>());
        return index_.back().second;
    };
    for (int32_t p = 0; p < size(); ++p) {
        const Node& first = nodes_[starts_[p]];
        const Check* eq = nullptr;
        const Check* in = nullptr;
        if (first.quantifier == Q_ONE) {
            for (int32_t k = 0; k < first.n_checks; ++k) {
                const Check& c = checks_[first.check_start + k];
                if (c.kind == CK_EQ) { eq = &c; break; }
                if (c.kind == CK_IN && in == nullptr) in = &c;
            }
        }
        if (eq != nullptr) {
            map_for(eq->attr)[eq->value].push_back(p);
        } else if (in != nullptr) {
            auto& m = map_for(in->attr);
            for (int32_t s = 0; s < in->set_len; ++s) {
                if (s > 0 && sets_[in->set_start + s] == sets_[in->set_start + s - 1]) continue;
                m[sets_[in->set_start + s]].push_back(p);
            }
        } else {
            always_.push_back(p);
        }
    }
    index_ready_ = true;
}

void PatternSet::candidates(const TokenC* tok, std::vector<int32_t>& out) const {
    out.clear();
    int sources = always_.empty() ? 0 : 1;
    out.insert(out.end(), always_.begin(), always_.end());
    for (const auto& entry : index_) {
        auto it = entry.second.find(matcher_token_attr(tok, entry.first));
        if (it == entry.second.end()) continue;
        out.insert(out.end(), it->second.begin(), it->second.end());
        ++sources;
    }
    if (sources > 1) std::sort(out.begin(), out.end());
}

bool PatternSet::is_match(const Node& node, const TokenC* tok, int32_t i, const int8_t* pred,
                          int32_t n_pred, const attr_t* ext, int32_t n_ext,
                          int32_t* error_column) const {
    if (pred != nullptr) {
        // As in spaCy, every predicate of a node is evaluated before its other checks, so a
        // predicate that failed to evaluate for this token is an error whatever else holds.
        for (int32_t k = 0; k < node.n_checks; ++k) {
            const Check& c = checks_[node.check_start + k];
            if (c.kind == CK_PRED &&
                pred[static_cast<int64_t>(i) * n_pred + static_cast<int64_t>(c.attr)] ==
                    PRED_ERROR) {
                *error_column = static_cast<int32_t>(c.attr);
                return false;
            }
        }
    }
    for (int32_t k = 0; k < node.n_checks; ++k) {
        const Check& c = checks_[node.check_start + k];
        switch (c.kind) {
            case CK_EQ:
                if (matcher_token_attr(tok, c.attr) != c.value) return false;
                break;
            case CK_EXT_EQ:
                if (ext[static_cast<int64_t>(i) * n_ext + static_cast<int64_t>(c.attr)] != c.value)
                    return false;
                break;
            case CK_PRED:
                if (pred[static_cast<int64_t>(i) * n_pred + static_cast<int64_t>(c.attr)] == -1)
                    return false;
                break;
            case CK_IN:
            case CK_NOT_IN: {
                const attr_t v = matcher_token_attr(tok, c.attr);
                const bool found = std::binary_search(sets_.begin() + c.set_start,
                                                      sets_.begin() + c.set_start + c.set_len, v);
                if (found != (c.kind == CK_IN)) return false;
                break;
            }
            case CK_SUPERSET: {
                const attr_t v = matcher_token_attr(tok, c.attr);
                for (int32_t s = 0; s < c.set_len; ++s)
                    if (sets_[c.set_start + s] != v) return false;
                break;
            }
            case CK_CMP: {
                const attr_t v = matcher_token_attr(tok, c.attr);
                const bool ok = c.is_float ? cmp_float(v, c.op, c.fval) : cmp_int(v, c.op, c.ival);
                if (!ok) return false;
                break;
            }
            default:
                return false;
        }
    }
    return true;
}

int32_t PatternSet::find(const TokenC* tokens, int32_t n, const int8_t* pred, int32_t n_pred,
                         const attr_t* ext, int32_t n_ext, bool with_alignments,
                         std::vector<MatchC>& out, std::vector<int32_t>& aligns,
                         std::vector<int64_t>& align_offsets, FindError* error) {
    out.clear();
    aligns.clear();
    align_offsets.clear();
    align_offsets.push_back(0);
    if (n < 0 || n_pred < 0 || n_ext < 0) return -1;
    if (n > 0 && tokens == nullptr) return -1;
    if (max_pred_ >= n_pred || max_ext_ >= n_ext) return -1;
    if (n > 0 && n_pred > 0 && pred == nullptr) return -1;
    if (n > 0 && n_ext > 0 && ext == nullptr) return -1;
    if (n == 0 || keys_.empty()) return 0;
    if (!index_ready_) build_index();

    // Scratch buffers kept per thread across calls: no allocation per Doc once warm.
    thread_local Scratch scratch;
    std::vector<State>& states = scratch.states;
    std::vector<State>& new_states = scratch.new_states;
    std::vector<MatchC>& matches = scratch.matches;
    std::vector<int32_t>& cands = scratch.cands;
    // Alignment histories as a persistent list: each state holds the index of its newest
    // (token_idx, length) entry in `arena`, so copying a history is copying an index.
    std::vector<AlignNode>& arena = scratch.arena;
    std::vector<int64_t>& align_states = scratch.align_states;
    std::vector<int64_t>& align_new_states = scratch.align_new_states;
    std::vector<int64_t>& align_matches = scratch.align_matches;
    arena.clear();
    align_states.clear();
    align_matches.clear();
    auto push_align = [&arena](int64_t& head, int32_t token_idx, int32_t length) {
        arena.push_back(AlignNode{token_idx, length, head});
        head = static_cast<int64_t>(arena.size()) - 1;
    };
    states.clear();
    matches.clear();

    int32_t error_column = -1;
    auto action_of = [&](const State& s, const TokenC* tok, int32_t i) -> Action {
        const Node& node = nodes_[s.node];
        bool m = is_match(node, tok, i, pred, n_pred, ext, n_ext, &error_column);
        if (error_column >= 0) {
            if (error != nullptr) *error = FindError{i, error_column};
            return REJECT;
        }
        int32_t q = node.quantifier;
        const bool final_ = nodes_[s.node + 1].quantifier == Q_FINAL;
        if (q == Q_ZERO) {
            m = !m;
            q = Q_ONE;
        }
        if (q == Q_ONE) {
            if (m) return final_ ? MATCH : ADVANCE;
            return REJECT;
        }
        if (q == Q_ZERO_PLUS) {
            if (m) return final_ ? MATCH_EXTEND : RETRY_EXTEND;
            return final_ ? MATCH_REJECT : RETRY;
        }
        // Q_ZERO_ONE
        if (m) return final_ ? MATCH_DOUBLE : RETRY_ADVANCE;
        return final_ ? MATCH_REJECT : RETRY;
    };

    auto emit = [&](int32_t pattern, int32_t start, int32_t length, int32_t q) {
        matches.push_back(MatchC{keys_[pattern], start, length, pattern});
        if (with_alignments) align_matches.push_back(align_states[q]);
    };

    for (int32_t i = 0; i < n; ++i) {
        const TokenC* tok = tokens + i;
        candidates(tok, cands);
        for (int32_t p : cands) states.push_back(State{p, starts_[p], i, 0});
        if (with_alignments) align_states.resize(states.size(), -1);

        // One step of spaCy's transition_states.
        size_t q = 0;
        new_states.clear();
        align_new_states.clear();
        for (size_t k = 0; k < states.size(); ++k) {
            Action action = action_of(states[k], tok, i);
            if (error_column >= 0) return -2;
            if (action == REJECT) continue;
            const State state = states[k];
            states[q] = state;
            if (with_alignments) align_states[q] = align_states[k];
            while (action == RETRY || action == RETRY_ADVANCE || action == RETRY_EXTEND) {
                if (with_alignments)
                    push_align(align_states[q], nodes_[states[q].node].token_idx,
                               states[q].length);
                if (action == RETRY_EXTEND) {
                    new_states.push_back(
                        State{state.pattern, states[q].node, state.start, state.length + 1});
                    if (with_alignments) align_new_states.push_back(align_states[q]);
                }
                if (action == RETRY_ADVANCE) {
                    new_states.push_back(
                        State{state.pattern, states[q].node + 1, state.start, state.length + 1});
                    if (with_alignments) align_new_states.push_back(align_states[q]);
                }
                states[q].node += 1;
                action = action_of(states[q], tok, i);
                if (error_column >= 0) return -2;
            }
            if (with_alignments)
                push_align(align_states[q], nodes_[states[q].node].token_idx, states[q].length);
            switch (action) {
                case REJECT:
                    break;
                case ADVANCE:
                    states[q].node += 1;
                    states[q].length += 1;
                    ++q;
                    break;
                case MATCH:
                    emit(state.pattern, state.start, state.length + 1, static_cast<int32_t>(q));
                    break;
                case MATCH_DOUBLE:
                    if (state.length > 0)
                        emit(state.pattern, state.start, state.length, static_cast<int32_t>(q));
                    emit(state.pattern, state.start, state.length + 1, static_cast<int32_t>(q));
                    break;
                case MATCH_REJECT:
                    emit(state.pattern, state.start, state.length, static_cast<int32_t>(q));
                    break;
                case MATCH_EXTEND:
                    emit(state.pattern, state.start, state.length, static_cast<int32_t>(q));
                    states[q].length += 1;
                    ++q;
                    break;
                default:
                    break;
            }
        }
        states.resize(q);
        states.insert(states.end(), new_states.begin(), new_states.end());
        if (with_alignments) {
            align_states.resize(q);
            align_states.insert(align_states.end(), align_new_states.begin(),
                                align_new_states.end());
        }
        if (states.size() > 32)  // duplicates only arise from optional/repeated nodes
            dedup_states(states, with_alignments ? &align_states : nullptr, scratch);
    }

    // States that end in zero-width nodes (spaCy's finish_states).
    for (size_t k = 0; k < states.size(); ++k) {
        State state = states[k];
        int64_t align_state = with_alignments ? align_states[k] : -1;
        while (nodes_[state.node].quantifier == Q_ZERO_PLUS ||
               nodes_[state.node].quantifier == Q_ZERO_ONE) {
            if (with_alignments)
                push_align(align_state, nodes_[state.node].token_idx, state.length);
            if (nodes_[state.node + 1].quantifier == Q_FINAL) {
                if (with_alignments) align_matches.push_back(align_state);
                matches.push_back(MatchC{keys_[state.pattern], state.start, state.length, state.pattern});
                break;
            }
            state.node += 1;
        }
    }

    // Keep the first occurrence of each (key, start, end): an open-addressing set.
    size_t cap = 16;
    while (cap < matches.size() * 2) cap <<= 1;
    std::vector<MatchKey>& table = scratch.table;
    std::vector<uint8_t>& used = scratch.used;
    table.resize(cap);
    used.assign(cap, 0);
    const MatchKeyHash hasher;
    for (size_t k = 0; k < matches.size(); ++k) {
        const MatchC& m = matches[k];
        if (m.length <= 0) continue;
        const MatchKey mk{m.key, m.start, m.start + m.length};
        size_t slot = hasher(mk) & (cap - 1);
        bool dup = false;
        while (used[slot]) {
            if (table[slot] == mk) { dup = true; break; }
            slot = (slot + 1) & (cap - 1);
        }
        if (dup) continue;
        used[slot] = 1;
        table[slot] = mk;
        out.push_back(m);
        if (with_alignments) {
            // spaCy's reading of a history: for each position in the match, the largest
            // pattern-token index recorded at that length (0 when none).
            const size_t base = aligns.size();
            aligns.resize(base + static_cast<size_t>(m.length), 0);
            std::vector<uint8_t>& seen_len = scratch.seen_len;
            seen_len.assign(static_cast<size_t>(m.length), 0);
            for (int64_t a = align_matches[k]; a >= 0; a = arena[a].parent) {
                const AlignNode& node = arena[a];
                if (node.length < 0 || node.length >= m.length) continue;
                int32_t& slot = aligns[base + node.length];
                if (!seen_len[node.length] || node.token_idx > slot) slot = node.token_idx;
                seen_len[node.length] = 1;
            }
            align_offsets.push_back(static_cast<int64_t>(aligns.size()));
        }
    }
    return 0;
}

int32_t greedy_order(const MatchC* matches, int64_t n, const int32_t* greedy_of_pattern,
                     int32_t n_patterns, int32_t n_tokens, std::vector<int64_t>& order) {
    order.clear();
    std::vector<attr_t> group_keys;
    std::unordered_map<attr_t, size_t> group_of;
    std::vector<std::vector<int64_t>> groups;
    std::vector<int32_t> group_mode;
    for (int64_t k = 0; k < n; ++k) {
        const MatchC& m = matches[k];
        if (m.pattern < 0 || m.pattern >= n_patterns || m.start < 0 || m.length <= 0 ||
            static_cast<int64_t>(m.start) + m.length > n_tokens)
            return -1;
        const int32_t mode = greedy_of_pattern[m.pattern];
        if (mode == GREEDY_NONE) {
            order.push_back(k);
            continue;
        }
        auto it = group_of.find(m.key);
        if (it == group_of.end()) {
            it = group_of.emplace(m.key, groups.size()).first;
            groups.emplace_back();
            group_mode.push_back(mode);
        }
        groups[it->second].push_back(k);
    }
    std::vector<uint8_t> taken(static_cast<size_t>(n_tokens), 0);
    std::vector<int64_t> kept;
    for (size_t g = 0; g < groups.size(); ++g) {
        std::vector<int64_t>& idx = groups[g];
        if (group_mode[g] == GREEDY_FIRST) {
            std::stable_sort(idx.begin(), idx.end(), [matches](int64_t a, int64_t b) {
                const MatchC& x = matches[a];
                const MatchC& y = matches[b];
                if (x.start != y.start) return x.start < y.start;
                return x.start + x.length > y.start + y.length;
            });
        } else {
            std::stable_sort(idx.begin(), idx.end(), [matches](int64_t a, int64_t b) {
                const MatchC& x = matches[a];
                const MatchC& y = matches[b];
                if (x.length != y.length) return x.length > y.length;
                return x.start < y.start;
            });
        }
        kept.clear();
        for (int64_t k : idx) {
            const MatchC& m = matches[k];
            bool free = true;
            for (int32_t t = m.start; t < m.start + m.length; ++t)
                if (taken[t]) { free = false; break; }
            if (!free) continue;
            for (int32_t t = m.start; t < m.start + m.length; ++t) taken[t] = 1;
            order.push_back(k);
            kept.push_back(k);
        }
        for (int64_t k : kept)
            for (int32_t t = matches[k].start; t < matches[k].start + matches[k].length; ++t)
                taken[t] = 0;
    }
    return 0;
}

}  // namespace matcher
}  // namespace lexloom
