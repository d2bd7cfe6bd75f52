#include "lexloom/matcher.hh"

#include <algorithm>
#include <unordered_set>

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
                          int32_t n_pred, const attr_t* ext, int32_t n_ext) const {
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
                         std::vector<MatchC>& out, std::vector<Align>& aligns,
                         std::vector<int64_t>& align_offsets) {
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

    std::vector<State> states, new_states;
    std::vector<std::vector<Align>> align_states, align_new_states, align_matches;
    std::vector<MatchC> matches;
    std::vector<int32_t> cands;

    auto action_of = [&](const State& s, const TokenC* tok, int32_t i) -> Action {
        const Node& node = nodes_[s.node];
        bool m = is_match(node, tok, i, pred, n_pred, ext, n_ext);
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
        matches.push_back(MatchC{keys_[pattern], start, length});
        if (with_alignments) align_matches.push_back(align_states[q]);
    };

    for (int32_t i = 0; i < n; ++i) {
        const TokenC* tok = tokens + i;
        candidates(tok, cands);
        for (int32_t p : cands) states.push_back(State{p, starts_[p], i, 0});
        if (with_alignments) align_states.resize(states.size());

        // One step of spaCy's transition_states.
        size_t q = 0;
        new_states.clear();
        align_new_states.clear();
        for (size_t k = 0; k < states.size(); ++k) {
            Action action = action_of(states[k], tok, i);
            if (action == REJECT) continue;
            const State state = states[k];
            states[q] = state;
            if (with_alignments && k != q) align_states[q] = std::move(align_states[k]);
            while (action == RETRY || action == RETRY_ADVANCE || action == RETRY_EXTEND) {
                if (with_alignments)
                    align_states[q].push_back(
                        Align{nodes_[states[q].node].token_idx, states[q].length});
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
            }
            if (with_alignments)
                align_states[q].push_back(Align{nodes_[states[q].node].token_idx, states[q].length});
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
            for (auto& a : align_new_states) align_states.push_back(std::move(a));
        }
    }

    // States that end in zero-width nodes (spaCy's finish_states).
    for (size_t k = 0; k < states.size(); ++k) {
        State state = states[k];
        std::vector<Align> align_state;
        if (with_alignments) align_state = align_states[k];
        while (nodes_[state.node].quantifier == Q_ZERO_PLUS ||
               nodes_[state.node].quantifier == Q_ZERO_ONE) {
            if (with_alignments)
                align_state.push_back(Align{nodes_[state.node].token_idx, state.length});
            if (nodes_[state.node + 1].quantifier == Q_FINAL) {
                if (with_alignments) align_matches.push_back(align_state);
                matches.push_back(MatchC{keys_[state.pattern], state.start, state.length});
                break;
            }
            state.node += 1;
        }
    }

    std::unordered_set<MatchKey, MatchKeyHash> seen;
    seen.reserve(matches.size() * 2 + 1);
    for (size_t k = 0; k < matches.size(); ++k) {
        const MatchC& m = matches[k];
        if (m.length <= 0) continue;
        if (!seen.insert(MatchKey{m.key, m.start, m.start + m.length}).second) continue;
        out.push_back(m);
        if (with_alignments) {
            aligns.insert(aligns.end(), align_matches[k].begin(), align_matches[k].end());
            align_offsets.push_back(static_cast<int64_t>(aligns.size()));
        }
    }
    return 0;
}

}  // namespace matcher
}  // namespace lexloom
