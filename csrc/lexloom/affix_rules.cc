#include "affix_rules.hh"

#include <algorithm>
#include <climits>

namespace lexloom {

namespace {
// Past these a match gives up (kRxAbort) and the caller asks Python's `re`: deep recursion
// would overflow the C stack, and `re` would be as slow on a pathological pattern anyway.
constexpr int kMaxDepth = 2500;
constexpr int64_t kMaxSteps = 20'000'000;
}  // namespace

bool Regex::Class::has(char32_t c) const {
    if (c < 128) return (ascii[c >> 6] >> (c & 63)) & 1;
    // The last range whose lo <= c.
    size_t lo = 0, hi = ranges.size() / 2;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ranges[2 * mid] <= c) lo = mid + 1;
        else hi = mid;
    }
    return lo > 0 && c <= ranges[2 * (lo - 1) + 1];
}

int32_t Regex::parse(const int32_t* p, int64_t n, int64_t* at, int depth) {
    if (*at >= n || depth > 200) return -1;
    Node node;
    node.op = p[(*at)++];
    auto take = [&](int32_t* v) {
        if (*at >= n) return false;
        *v = p[(*at)++];
        return true;
    };
    int32_t count = 0;
    switch (node.op) {
        case kRxSet:
            if (!take(&node.a) || node.a < 0 || node.a >= static_cast<int32_t>(classes_.size())) return -1;
            break;
        case kRxAt:
            if (!take(&node.a) || node.a < kAtStart || node.a > kAtNonBoundary) return -1;
            break;
        case kRxSeq:
        case kRxBranch:
            if (!take(&count) || count < 0) return -1;
            for (int32_t i = 0; i < count; ++i) {
                if (node.op == kRxBranch) {
                    int32_t first = 0;
                    if (!take(&first) || first < -1 || first >= static_cast<int32_t>(classes_.size()))
                        return -1;
                    node.firsts.push_back(first);
                }
                int32_t kid = parse(p, n, at, depth + 1);
                if (kid < 0) return -1;
                node.kids.push_back(kid);
            }
            break;
        case kRxRepeat:
        case kRxAssert: {
            if (!take(&node.a) || !take(&node.b) || !take(&node.c)) return -1;
            if (node.op == kRxRepeat && (node.a < 0 || (node.b >= 0 && node.b < node.a))) return -1;
            if (node.op == kRxAssert && node.c < 0) return -1;
            int32_t kid = parse(p, n, at, depth + 1);
            if (kid < 0) return -1;
            node.kids.push_back(kid);
            break;
        }
        default:
            return -1;
    }
    if (node.op == kRxBranch) {
        BranchIndex index;
        for (int32_t i = 0; i < static_cast<int32_t>(node.kids.size()); ++i) {
            int32_t first = node.firsts[i];
            for (char32_t c = 0; c < 128; ++c)
                if (first < 0 || classes_[first].has(c)) index.by_char[c].push_back(i);
            if (first < 0) index.by_char[128].push_back(i);
        }
        node.d = static_cast<int32_t>(branches_.size());
        branches_.push_back(std::move(index));
    }
    nodes_.push_back(std::move(node));
    return static_cast<int32_t>(nodes_.size() - 1);
}

bool Regex::may_match(const char32_t* s, int32_t from, int32_t n) const {
    if (required_class_ < 0) return true;
    const Class& cls = classes_[required_class_];
    for (int32_t i = from; i < n; ++i)
        if (cls.has(s[i])) return true;
    return false;
}

bool Regex::build(const int32_t* program, int64_t n_program, const uint32_t* classes,
                  int64_t n_classes, int32_t word_class, bool first_start, int32_t end_width,
                  int32_t required_class, const int32_t* tail_classes,
                  int64_t n_tail_classes) {
    nodes_.clear();
    classes_.clear();
    branches_.clear();
    tail_classes_.clear();
    root_ = -1;
    for (int64_t i = 0; i < n_classes;) {
        int64_t n_ranges = classes[i++];
        if (i + 2 * n_ranges > n_classes) return false;
        Class cls;
        for (int64_t r = 0; r < n_ranges; ++r, i += 2) {
            uint32_t lo = classes[i], hi = classes[i + 1];
            if (lo > hi) return false;
            for (uint32_t c = lo; c <= hi && c < 128; ++c) cls.ascii[c >> 6] |= uint64_t{1} << (c & 63);
            if (hi >= 128) {
                cls.ranges.push_back(std::max<uint32_t>(lo, 128));
                cls.ranges.push_back(hi);
            }
        }
        classes_.push_back(std::move(cls));
    }
    int64_t at = 0;
    root_ = parse(program, n_program, &at, 0);
    if (root_ < 0 || at != n_program || word_class >= static_cast<int32_t>(classes_.size()) ||
        required_class >= static_cast<int32_t>(classes_.size())) {
        root_ = -1;
        return false;
    }
    for (int64_t i = 0; i < n_tail_classes; ++i) {
        if (tail_classes[i] < 0 || tail_classes[i] >= static_cast<int32_t>(classes_.size())) {
            root_ = -1;
            return false;
        }
        tail_classes_.push_back(tail_classes[i]);
    }
    word_class_ = word_class;
    required_class_ = required_class;
    first_start_ = first_start;
    end_width_ = end_width;
    return true;
}

int32_t Regex::first_possible_start(const char32_t* s, int32_t n) const {
    if (tail_classes_.empty()) return end_width_ >= 0 ? std::max(0, n - 1 - end_width_) : 0;
    int32_t first = end_width_ >= 0 ? std::max(0, n - 1 - end_width_) : n;
    for (int32_t c : tail_classes_) {
        const Class& cls = classes_[c];
        int32_t i = n;
        while (i > 0 && cls.has(s[i - 1])) --i;
        first = std::min(first, i);
    }
    return first;
}

// What to do after a node matched. kind 0: go on with item `idx` of sequence `node`;
// 1: repeat `node` has matched `idx` times; 2: accept (`idx` 1: only at the end of the
// text; `node` 1: the whole match, whose end is recorded, and which may not be empty at
// the matcher's `no_empty_at`).
struct RxCont {
    int32_t kind;
    int32_t node;
    int32_t idx;
    const RxCont* next;
};

struct RxMatcher {
    const Regex& rx;
    const char32_t* s;
    int32_t n;
    int32_t end = -1;
    int32_t no_empty_at = -1;  // re's must_advance: after an empty match, none at the same place
    int depth = 0;
    int64_t steps = 0;
    bool abort = false;

    bool word(int32_t p) const {
        return rx.word_class_ >= 0 && rx.classes_[rx.word_class_].has(s[p]);
    }

    bool at_ok(int32_t kind, int32_t p) const {
        switch (kind) {
            case kAtStart: return p == 0;
            case kAtEnd: return p == n || (p == n - 1 && s[p] == U'\n');
            case kAtEndString: return p == n;
            default: {
                if (n == 0) return false;
                bool before = p > 0 && word(p - 1);
                bool here = p < n && word(p);
                return kind == kAtBoundary ? before != here : before == here;
            }
        }
    }

    bool assert_ok(const Regex::Node& nd, int32_t p) {
        int32_t start = nd.a ? p - nd.c : p;
        bool found = false;
        if (start >= 0) {
            RxCont accept{2, 0, 0, nullptr};
            found = node(nd.kids[0], start, &accept);
            if (abort) return false;
        }
        return found != (nd.b != 0);
    }

    bool enter() {
        if (++depth > kMaxDepth || ++steps > kMaxSteps) abort = true;
        return !abort;
    }

    bool cont(const RxCont* k, int32_t p) {
        switch (k->kind) {
            case 0: return items(k->node, k->idx, p, k->next);
            case 1: return repeat(k->node, k->idx, p, k->next);
            default:
                if (k->idx == 1 && p != n) return false;
                if (k->node == 1) {
                    if (p == no_empty_at) return false;  // backtrack for a longer match
                    end = p;
                }
                return true;
        }
    }

    // Items idx.. of a sequence from p, then k.
    bool items(int32_t seq, int32_t idx, int32_t p, const RxCont* k) {
        if (!enter()) return false;
        bool ok = items_inner(seq, idx, p, k);
        --depth;
        return ok;
    }

    bool items_inner(int32_t seq, int32_t idx, int32_t p, const RxCont* k) {
        const Regex::Node& sq = rx.nodes_[seq];
        const int32_t count = static_cast<int32_t>(sq.kids.size());
        for (; idx < count; ++idx) {
            const Regex::Node& nd = rx.nodes_[sq.kids[idx]];
            if (nd.op == kRxSet) {
                if (p < n && rx.classes_[nd.a].has(s[p])) {
                    ++p;
                    continue;
                }
                return false;
            }
            if (nd.op == kRxAt) {
                if (!at_ok(nd.a, p)) return false;
                continue;
            }
            if (nd.op == kRxAssert) {
                if (!assert_ok(nd, p)) return false;
                continue;
            }
            RxCont next{0, seq, idx + 1, k};
            return node(sq.kids[idx], p, &next);
        }
        return cont(k, p);
    }

    // One node from p, then k.
    bool node(int32_t id, int32_t p, const RxCont* k) {
        if (!enter()) return false;
        bool ok = node_inner(id, p, k);
        --depth;
        return ok;
    }

    bool node_inner(int32_t id, int32_t p, const RxCont* k) {
        const Regex::Node& nd = rx.nodes_[id];
        switch (nd.op) {
            case kRxSet:
                return p < n && rx.classes_[nd.a].has(s[p]) && cont(k, p + 1);
            case kRxAt:
                return at_ok(nd.a, p) && cont(k, p);
            case kRxAssert:
                return assert_ok(nd, p) && cont(k, p);
            case kRxSeq:
                return items(id, 0, p, k);
            case kRxBranch: {
                if (p == n || s[p] < 128) {
                    for (int32_t i : rx.branches_[nd.d].by_char[p == n ? 128 : s[p]]) {
                        if (node(nd.kids[i], p, k)) return true;
                        if (abort) return false;
                    }
                    return false;
                }
                for (size_t i = 0; i < nd.kids.size(); ++i) {
                    if (nd.firsts[i] >= 0 && !rx.classes_[nd.firsts[i]].has(s[p])) continue;
                    if (node(nd.kids[i], p, k)) return true;
                    if (abort) return false;
                }
                return false;
            }
            case kRxRepeat: {
                const Regex::Node& body = rx.nodes_[nd.kids[0]];
                if (body.op != kRxSet) return repeat(id, 0, p, k);
                // One character a time (sre's REPEAT_ONE): count the run, then try the
                // rest after the longest (greedy) or shortest (lazy) run first.
                const Regex::Class& cls = rx.classes_[body.a];
                const int32_t most = nd.b < 0 ? INT32_MAX : nd.b;
                int32_t run = 0;
                while (run < most && p + run < n && cls.has(s[p + run])) ++run;
                if (run < nd.a) return false;
                if (nd.c) {
                    for (int32_t j = run; j >= nd.a; --j) {
                        if (cont(k, p + j)) return true;
                        if (abort || ++steps > kMaxSteps) return abort = true, false;
                    }
                } else {
                    for (int32_t j = nd.a; j <= run; ++j) {
                        if (cont(k, p + j)) return true;
                        if (abort || ++steps > kMaxSteps) return abort = true, false;
                    }
                }
                return false;
            }
            default:
                abort = true;
                return false;
        }
    }

    // Repeat `id` after `count` matches of its body (which never matches empty), at p.
    bool repeat(int32_t id, int32_t count, int32_t p, const RxCont* after) {
        if (!enter()) return false;
        const Regex::Node& nd = rx.nodes_[id];
        const bool more = nd.b < 0 || count < nd.b;
        RxCont again{1, id, count + 1, after};
        bool ok;
        if (count < nd.a) {
            ok = node(nd.kids[0], p, &again);
        } else if (nd.c) {
            ok = (more && node(nd.kids[0], p, &again)) || (!abort && cont(after, p));
        } else {
            ok = cont(after, p) || (!abort && more && node(nd.kids[0], p, &again));
        }
        --depth;
        return ok && !abort;
    }
};

// One attempt at pos with matcher m, whose step budget the caller's other attempts share.
// non_empty: only a match that consumes something counts.
static RxStatus attempt(RxMatcher& m, int32_t root, int32_t pos, bool full, int32_t* end,
                        bool non_empty = false) {
    RxCont accept{2, 1, full ? 1 : 0, nullptr};
    m.depth = 0;
    m.no_empty_at = non_empty ? pos : -1;
    bool ok = m.node(root, pos, &accept);
    if (m.abort) return kRxAbort;
    if (!ok) return kRxNoMatch;
    *end = m.end;
    return kRxMatch;
}

RxStatus Regex::match_at(const char32_t* s, int32_t n, int32_t pos, bool full, int32_t* end) const {
    if (root_ < 0) return kRxBadProgram;
    if (pos < 0 || pos > n || !may_match(s, pos, n)) return kRxNoMatch;
    RxMatcher m{*this, s, n};
    return attempt(m, root_, pos, full, end);
}

RxStatus Regex::search(const char32_t* s, int32_t n, int32_t* start, int32_t* end) const {
    if (root_ < 0) return kRxBadProgram;
    if (!may_match(s, 0, n)) return kRxNoMatch;
    int32_t first = first_possible_start(s, n), last = n;
    if (first_start_) last = 0;
    RxMatcher m{*this, s, n};
    for (int32_t p = first; p <= last; ++p) {
        RxStatus r = attempt(m, root_, p, false, end);
        if (r == kRxNoMatch) continue;
        *start = p;
        return r;
    }
    return kRxNoMatch;
}

RxStatus Regex::finditer(const char32_t* s, int32_t n, std::vector<int32_t>* spans) const {
    if (root_ < 0) return kRxBadProgram;
    if (!may_match(s, 0, n)) return kRxMatch;  // no match anywhere
    RxMatcher m{*this, s, n};
    int32_t p = 0;
    bool after_empty = false;
    while (p <= n) {
        int32_t start = 0, end = 0;
        RxStatus r = kRxNoMatch;
        // The next match starts at the first position from p where one does; right after an
        // empty match, one at p must consume something (re's rule since Python 3.7).
        int32_t q = p;
        for (; q <= n; ++q) {
            r = attempt(m, root_, q, false, &end, after_empty && q == p);
            if (r != kRxNoMatch) break;
        }
        if (r == kRxAbort || r == kRxBadProgram) return r;
        if (r == kRxNoMatch) break;
        start = q;
        spans->push_back(start);
        spans->push_back(end);
        after_empty = end == start;
        p = end;
    }
    return kRxMatch;
}

RxStatus Regex::call(RxMethod method, const char32_t* s, int32_t n, int32_t* start,
                     int32_t* end) const {
    switch (method) {
        case kMethodMatch:
            *start = 0;
            return match_at(s, n, 0, false, end);
        case kMethodFullmatch:
            *start = 0;
            return match_at(s, n, 0, true, end);
        case kMethodSearch:
            return search(s, n, start, end);
        default:
            return kRxBadProgram;
    }
}

void ChunkSplitter::add_special(const char32_t* s, int32_t n, const int32_t* piece_lengths,
                                int32_t n_pieces) {
    std::u32string key(s, s + n);
    auto it = specials_.find(key);
    std::vector<int32_t> lengths(piece_lengths, piece_lengths + n_pieces);
    if (it != specials_.end()) {
        special_pieces_[it->second] = std::move(lengths);
        return;
    }
    specials_.emplace(std::move(key), static_cast<int32_t>(special_pieces_.size()));
    special_pieces_.push_back(std::move(lengths));
    longest_special_ = std::max(longest_special_, n);
}

void ChunkSplitter::clear_specials() {
    specials_.clear();
    special_pieces_.clear();
    longest_special_ = 0;
}

void ChunkSplitter::add_phrase(const char32_t* s, const int32_t* token_lengths, int32_t n_tokens,
                               int32_t special) {
    if (n_tokens <= 0) return;
    Phrase phrase{{}, special};
    for (int32_t i = 0; i < n_tokens; ++i) {
        phrase.tokens.emplace_back(s, s + token_lengths[i]);
        s += token_lengths[i];
    }
    phrases_by_first_[phrase.tokens[0]].push_back(static_cast<int32_t>(phrases_.size()));
    phrases_.push_back(std::move(phrase));
}

void ChunkSplitter::clear_phrases() {
    phrases_.clear();
    phrases_by_first_.clear();
}

// spaCy's special-case phrase pass over one chunk's tokens: every occurrence of every
// phrase; longest first, then leftmost, a match is kept when its first and last tokens are
// free, and every match claims its tokens whether kept or not; kept matches become the
// pieces of the special case their text is (or stay as they are if it is none). False when
// that case's pieces do not spell the text: the Python splitter handles that.
bool ChunkSplitter::phrase_pass(const char32_t* s, std::vector<SplitPiece>* out) const {
    struct Match {
        int32_t start, end, special;
    };
    std::vector<Match> found;
    const int32_t n = static_cast<int32_t>(out->size());
    std::u32string token;
    for (int32_t i = 0; i < n; ++i) {
        const SplitPiece& piece = (*out)[i];
        token.assign(s + piece.start, s + piece.end);
        auto it = phrases_by_first_.find(token);
        if (it == phrases_by_first_.end()) continue;
        for (int32_t id : it->second) {
            const Phrase& phrase = phrases_[id];
            const int32_t end = i + static_cast<int32_t>(phrase.tokens.size());
            if (end > n) continue;
            bool same = true;
            for (int32_t j = i + 1; j < end && same; ++j) {
                const std::u32string& want = phrase.tokens[j - i];
                const SplitPiece& p = (*out)[j];
                same = want.size() == static_cast<size_t>(p.end - p.start) &&
                       std::equal(want.begin(), want.end(), s + p.start);
            }
            if (same) found.push_back({i, end, phrase.special});
        }
    }
    if (found.empty()) return true;
    std::stable_sort(found.begin(), found.end(), [](const Match& a, const Match& b) {
        return a.end - a.start != b.end - b.start ? a.end - a.start > b.end - b.start
                                                  : a.start < b.start;
    });
    std::vector<char> claimed(n, 0);
    std::vector<Match> kept;
    for (const Match& m : found) {
        if (!claimed[m.start] && !claimed[m.end - 1]) kept.push_back(m);
        std::fill(claimed.begin() + m.start, claimed.begin() + m.end, 1);
    }
    std::sort(kept.begin(), kept.end(), [](const Match& a, const Match& b) { return a.start < b.start; });
    std::vector<SplitPiece> result;
    int32_t i = 0;
    for (const Match& m : kept) {
        result.insert(result.end(), out->begin() + i, out->begin() + m.start);
        int32_t at = (*out)[m.start].start;
        const int32_t stop = (*out)[m.end - 1].end;
        // As spaCy, the special case of the matched text: cases that differ by whitespace
        // ("Ee.Uu.", "Ee. Uu.") share a pattern, and a chunk has no whitespace. A text that
        // is no special case keeps its tokens.
        const int32_t special = special_id(s + at, stop - at);
        if (special < 0) {
            result.insert(result.end(), out->begin() + m.start, out->begin() + m.end);
            i = m.end;
            continue;
        }
        const std::vector<int32_t>& lengths = special_pieces_[special];
        for (int32_t k = 0; k < static_cast<int32_t>(lengths.size()); ++k) {
            result.push_back({at, at + lengths[k], special, k});
            at += lengths[k];
        }
        if (at != stop) return false;
        i = m.end;
    }
    result.insert(result.end(), out->begin() + i, out->end());
    out->swap(result);
    return true;
}

int32_t ChunkSplitter::special_id(const char32_t* s, int32_t n) const {
    if (specials_.empty() || n <= 0 || n > longest_special_) return -1;
    auto it = specials_.find(std::u32string(s, s + n));
    return it == specials_.end() ? -1 : it->second;
}

RxStatus ChunkSplitter::affix_len(const Rule& rule, const char32_t* s, int32_t n,
                                  int32_t* len) const {
    *len = 0;
    if (!rule) return kRxNoMatch;
    int32_t start = 0, end = 0;
    RxStatus r = rule.regex->call(rule.method, s, n, &start, &end);
    if (r == kRxMatch) *len = end - start;
    return r;
}

RxStatus ChunkSplitter::matches(const Rule& rule, const char32_t* s, int32_t n, bool* found) const {
    *found = false;
    if (!rule) return kRxNoMatch;
    int32_t start = 0, end = 0;
    RxStatus r = rule.regex->call(rule.method, s, n, &start, &end);
    *found = r == kRxMatch;
    return r;
}

void ChunkSplitter::set_guard(const uint32_t* ranges, size_t n_values) {
    guard_.assign(ranges, ranges + n_values);
}

bool ChunkSplitter::guarded(const char32_t* s, int32_t n) const {
    for (int32_t i = 0; i < n; ++i) {
        const uint32_t ch = static_cast<uint32_t>(s[i]);
        for (size_t k = 0; k + 1 < guard_.size(); k += 2) {
            if (guard_[k] <= ch && ch <= guard_[k + 1]) return true;
        }
    }
    return false;
}

RxStatus ChunkSplitter::split(const char32_t* s, int32_t n, bool with_specials, bool phrase_pass,
                              std::vector<SplitPiece>* out, bool* fallback,
                              std::vector<int32_t>* asks) const {
    out->clear();
    *fallback = false;
    if (asks) asks->clear();
    if (n < 0) return kRxBadProgram;
    auto special = [&](int32_t b, int32_t e) { return with_specials ? special_id(s + b, e - b) : -1; };
    auto failed = [](RxStatus r) { return r == kRxAbort || r == kRxBadProgram; };
    // token_match on s[b:e]: the native rule, or (a guarded rule left to Python) no match
    // where s[b:e] lacks every guard character, else a question for the caller
    auto token_match_at = [&](int32_t b, int32_t e, bool* found) -> RxStatus {
        if (token_match || guard_.empty()) return matches(token_match, s + b, e - b, found);
        *found = false;
        if (!guarded(s + b, e - b)) return kRxNoMatch;
        if (!asks) return kRxAbort;
        const size_t k = asks->size();
        if (k < 2 || (*asks)[k - 2] != b || (*asks)[k - 1] != e) {  // once per string
            asks->push_back(b);
            asks->push_back(e);
        }
        return kRxNoMatch;
    };
    std::vector<SplitPiece> suffixes;
    int32_t b = 0, e = n, last_size = 0;
    bool found = false;
    RxStatus r;
    // Strip affixes from both ends until none is left, stopping early when what is left
    // (or what is left after this round's prefix or suffix) is a special case.
    while (e > b && e - b != last_size) {
        if (failed(r = token_match_at(b, e, &found))) return r;
        if (found || special(b, e) >= 0) break;
        last_size = e - b;
        int32_t pre_len = 0, suf_len = 0;
        if (failed(r = affix_len(prefix, s + b, e - b, &pre_len))) return r;
        if (pre_len && e > b + pre_len && special(b + pre_len, e) >= 0) {
            out->push_back({b, b + pre_len, -1, 0});
            b += pre_len;
            break;
        }
        if (failed(r = affix_len(suffix, s + b + pre_len, e - b - pre_len, &suf_len))) return r;
        if (suf_len && e - suf_len > b && special(b, e - suf_len) >= 0) {
            suffixes.push_back({e - suf_len, e, -1, 0});
            e -= suf_len;
            break;
        }
        if (pre_len && suf_len && pre_len + suf_len <= e - b) {
            out->push_back({b, b + pre_len, -1, 0});
            suffixes.push_back({e - suf_len, e, -1, 0});
            b += pre_len;
            e -= suf_len;
        } else if (pre_len) {
            out->push_back({b, b + pre_len, -1, 0});
            b += pre_len;
        } else if (suf_len) {
            suffixes.push_back({e - suf_len, e, -1, 0});
            e -= suf_len;
        }
    }
    if (e > b) {
        int32_t id = special(b, e);
        bool whole = false;
        if (id < 0) {
            if (failed(r = token_match_at(b, e, &whole))) return r;
            if (!whole && failed(r = matches(url_match, s + b, e - b, &whole))) return r;
        }
        if (id >= 0) {
            int32_t at = b;
            const std::vector<int32_t>& lengths = special_pieces_[id];
            for (int32_t k = 0; k < static_cast<int32_t>(lengths.size()); ++k) {
                out->push_back({at, at + lengths[k], id, k});
                at += lengths[k];
            }
        } else if (whole || !infix) {
            out->push_back({b, e, -1, 0});
        } else {
            // Cut at infix matches; one at position 0 is ignored (an infix cannot start a
            // token) and an empty one only cuts.
            std::vector<int32_t> spans;
            r = infix.regex->finditer(s + b, e - b, &spans);
            if (failed(r)) return r;
            int32_t start = 0;
            for (size_t m = 0; m + 1 < spans.size(); m += 2) {
                int32_t is = spans[m], ie = spans[m + 1];
                if (is == 0) continue;
                if (is != start) out->push_back({b + start, b + is, -1, 0});
                if (is != ie) out->push_back({b + is, b + ie, -1, 0});
                start = ie;
            }
            if (b + start < e) out->push_back({b + start, e, -1, 0});
        }
    }
    out->insert(out->end(), suffixes.rbegin(), suffixes.rend());
    if (phrase_pass && !phrases_.empty() && !this->phrase_pass(s, out)) *fallback = true;
    return kRxMatch;
}

void widen_chars(const void* data, int kind, int64_t start, int64_t end, std::u32string* out) {
    out->resize(end > start ? static_cast<size_t>(end - start) : 0);
    char32_t* dst = out->data();
    if (kind == 1) {
        const uint8_t* src = static_cast<const uint8_t*>(data);
        for (int64_t i = start; i < end; ++i) *dst++ = src[i];
    } else if (kind == 2) {
        const uint16_t* src = static_cast<const uint16_t*>(data);
        for (int64_t i = start; i < end; ++i) *dst++ = src[i];
    } else {
        const uint32_t* src = static_cast<const uint32_t*>(data);
        for (int64_t i = start; i < end; ++i) *dst++ = src[i];
    }
}

}  // namespace lexloom
