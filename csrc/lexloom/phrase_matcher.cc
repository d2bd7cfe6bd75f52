#include "phrase_matcher.hh"

namespace lexloom {

namespace {
constexpr uint64_t kEmpty = 0;
constexpr uint64_t kDeleted = 1;
}  // namespace

// ---- PreshKeySet: preshed's MapStruct, keys only ------------------------------------------

size_t PreshKeySet::find(uint64_t key) const {
    size_t mask = cells_.size() - 1;
    size_t i = key & mask;
    while (cells_[i] != kEmpty && cells_[i] != key) i = (i + 1) & mask;
    return i;
}

void PreshKeySet::set(uint64_t key) {
    size_t mask = cells_.size() - 1;
    size_t i = key & mask;
    size_t deleted = SIZE_MAX;  // preshed reuses the last deleted cell crossed
    while (cells_[i] != kEmpty && cells_[i] != key) {
        if (cells_[i] == kDeleted) deleted = i;
        i = (i + 1) & mask;
    }
    size_t slot = i;
    if (deleted != SIZE_MAX) {
        if (cells_[i] == key) cells_[i] = kDeleted;
        slot = deleted;
    }
    if (cells_[slot] == kEmpty) filled_ += 1;
    cells_[slot] = key;
    if ((filled_ + 1) * 5 >= cells_.size() * 3) resize();
}

void PreshKeySet::clear(uint64_t key) { cells_[find(key)] = kDeleted; }

bool PreshKeySet::contains(uint64_t key) const { return cells_[find(key)] == key; }

size_t PreshKeySet::size() const {
    size_t n = 0;
    for (uint64_t c : cells_) n += c > kDeleted;
    return n;
}

void PreshKeySet::resize() {
    std::vector<uint64_t> old;
    old.swap(cells_);
    cells_.assign(old.size() * 2, kEmpty);
    filled_ = 0;
    for (uint64_t c : old)
        if (c > kDeleted) set(c);
}

// ---- PhraseTrie -----------------------------------------------------------------------------

PhraseTrie::PhraseTrie() : root_(256), inner_(1024), n_terminals_(0) {
    nodes_.push_back(Node{0, 0, 0, -1, 0});  // the root
    single_key_.push_back(0);
}

PhraseTrie::EdgeTable::Edge* PhraseTrie::EdgeTable::find_edge(uint32_t parent, attr_t id) {
    size_t mask = slots.size() - 1;
    size_t i = hash(parent, id) & mask;
    while (slots[i].child != 0) {
        if (slots[i].id == id && slots[i].parent == parent) return &slots[i];
        i = (i + 1) & mask;
    }
    return nullptr;
}

void PhraseTrie::EdgeTable::grow() {
    std::vector<Edge> old;
    old.swap(slots);
    slots.assign(old.size() * 2, Edge{0, 0, 0});
    bits.assign(slots.size() / 16 + 1, 0);
    size_t mask = slots.size() - 1;
    for (const Edge& e : old) {
        if (e.child == 0) continue;
        uint64_t h = hash(e.parent, e.id);
        size_t i = h & mask;
        while (slots[i].child != 0) i = (i + 1) & mask;
        slots[i] = e;
        size_t b = bit(h);
        bits[b >> 6] |= uint64_t(1) << (b & 63);
    }
}

void PhraseTrie::EdgeTable::insert(uint32_t parent, attr_t id, uint32_t child) {
    if ((size + 1) * 2 > slots.size()) grow();
    size_t mask = slots.size() - 1;
    uint64_t h = hash(parent, id);
    size_t i = h & mask;
    while (slots[i].child != 0) i = (i + 1) & mask;
    slots[i] = Edge{id, parent, child};
    size_t b = bit(h);
    bits[b >> 6] |= uint64_t(1) << (b & 63);
    size += 1;
}

void PhraseTrie::EdgeTable::erase(uint32_t parent, attr_t id) {
    size_t mask = slots.size() - 1;
    size_t i = hash(parent, id) & mask;
    while (slots[i].child != 0 && !(slots[i].id == id && slots[i].parent == parent))
        i = (i + 1) & mask;
    if (slots[i].child == 0) return;
    size_t j = i;
    while (true) {
        j = (j + 1) & mask;
        if (slots[j].child == 0) break;
        size_t home = hash(slots[j].parent, slots[j].id) & mask;
        bool movable = (i <= j) ? (home <= i || home > j) : (home <= i && home > j);
        if (movable) {
            slots[i] = slots[j];
            i = j;
        }
    }
    slots[i] = Edge{0, 0, 0};
    size -= 1;
}

void PhraseTrie::mark(uint32_t node, uint32_t bit, bool on) {
    if (node == 0) return;
    uint32_t parent = nodes_[node].parent;
    EdgeTable::Edge* e = table(parent).find_edge(parent, nodes_[node].id);
    if (e == nullptr) return;
    if (on) e->child |= bit;
    else e->child &= ~bit;
}

uint32_t PhraseTrie::add_child(uint32_t parent, attr_t id) {
    uint32_t child = table(parent).find(parent, id) & kNodeMask;
    if (child) return child;
    if (!free_nodes_.empty()) {
        child = free_nodes_.back();
        free_nodes_.pop_back();
        nodes_[child] = Node{id, parent, 0, -1, 0};
        single_key_[child] = 0;
    } else {
        child = static_cast<uint32_t>(nodes_.size());
        nodes_.push_back(Node{id, parent, 0, -1, 0});
        single_key_.push_back(0);
    }
    table(parent).insert(parent, id, child);
    if (nodes_[parent].n_children++ == 0) mark(parent, kInnerBit, true);
    return child;
}

bool PhraseTrie::add_key(uint32_t node_id, uint64_t key) {
    Node& node = nodes_[node_id];
    if (node.keyset < 0) {
        if (node.n_keys == 0) {
            single_key_[node_id] = key;
            node.n_keys = 1;
            n_terminals_ += 1;
            mark_terminal(node_id, true);
            return true;
        }
        if (single_key_[node_id] == key) return false;
        int32_t k;
        if (!free_keysets_.empty()) {
            k = free_keysets_.back();
            free_keysets_.pop_back();
            keysets_[k] = PreshKeySet();
        } else {
            k = static_cast<int32_t>(keysets_.size());
            keysets_.emplace_back();
        }
        keysets_[k].set(single_key_[node_id]);
        node.keyset = k;
        single_key_[node_id] = 0;
    }
    PreshKeySet& ks = keysets_[node.keyset];
    bool fresh = !ks.contains(key);
    ks.set(key);  // a repeated set can still move the key to an earlier deleted cell
    if (fresh) node.n_keys += 1;
    return fresh;
}

void PhraseTrie::remove_key(uint32_t node_id, uint64_t key) {
    Node& node = nodes_[node_id];
    if (node.keyset < 0) {
        if (node.n_keys == 1 && single_key_[node_id] == key) {
            single_key_[node_id] = 0;
            node.n_keys = 0;
            n_terminals_ -= 1;
            mark_terminal(node_id, false);
        }
        return;
    }
    PreshKeySet& ks = keysets_[node.keyset];
    if (!ks.contains(key)) return;
    node.n_keys -= 1;
    if (node.n_keys == 0) {  // spaCy frees the whole key map with its last key
        free_keysets_.push_back(node.keyset);
        node.keyset = -1;
        n_terminals_ -= 1;
        mark_terminal(node_id, false);
    } else {
        ks.clear(key);
    }
}

void PhraseTrie::prune(uint32_t node_id) {
    while (node_id != 0) {
        Node& node = nodes_[node_id];
        if (node.n_children != 0 || node.n_keys != 0) return;
        uint32_t parent = node.parent;
        table(parent).erase(parent, node.id);
        if (--nodes_[parent].n_children == 0) mark(parent, kInnerBit, false);
        free_nodes_.push_back(node_id);
        node_id = parent;
    }
}

uint32_t PhraseTrie::add(uint64_t key, const attr_t* ids, int32_t n) {
    uint32_t node = 0;
    for (int32_t i = 0; i < n; ++i) node = add_child(node, ids[i]);
    if (add_key(node, key)) by_key_[key].push_back(node);
    return node;
}

size_t PhraseTrie::remove(uint64_t key) {
    auto it = by_key_.find(key);
    if (it == by_key_.end()) return 0;
    std::vector<uint32_t> nodes;
    nodes.swap(it->second);
    by_key_.erase(it);
    for (uint32_t node : nodes) {
        remove_key(node, key);
        prune(node);
    }
    return nodes.size();
}

void PhraseTrie::emit(uint32_t node, int32_t start, int32_t end,
                      std::vector<PhraseMatch>& out) const {
    uint64_t key = single_key_[node];
    if (key != 0) {
        out.push_back(PhraseMatch{key, start, end});
    } else {
        keysets_[nodes_[node].keyset].for_each(
            [&](uint64_t key) { out.push_back(PhraseMatch{key, start, end}); });
    }
}

// Level by level: all lookups of one phrase length are independent, so each level first hashes
// every lookup and prefetches its Bloom word and table slot, then probes (the edge table of
// 100,000 phrases is far bigger than the caches, and a level of a paragraph is a few dozen
// lookups, about what the memory system keeps in flight). A node without children is not
// probed at all. Hits come out by length, then start; a stable counting sort by start gives
// spaCy's order.
namespace {
struct Live { int32_t start; uint32_t node; };
struct Hit { int32_t start; int32_t len; uint32_t node; };
// Per-thread buffers, so matching many small Docs allocates nothing.
struct Scratch {
    std::vector<attr_t> ids;
    std::vector<Live> cur, next;
    std::vector<uint64_t> hashes;
    std::vector<Hit> hits, ordered;
    std::vector<int32_t> first;
};
thread_local Scratch scratch;
}  // namespace

void PhraseTrie::match_impl(const attr_t* ids, int32_t offset, int32_t n,
                            std::vector<PhraseMatch>& out) const {
    if (nodes_[0].n_children == 0 || n <= 0) return;
    Scratch& sc = scratch;  // one thread-local lookup per call
    if (sc.cur.size() < size_t(n)) {
        sc.cur.resize(n);
        sc.next.resize(n);
        sc.hashes.resize(n);
    }
    Live* cur = sc.cur.data();
    Live* next = sc.next.data();
    uint64_t* hs = sc.hashes.data();
    std::vector<Hit>& hits = sc.hits;
    hits.clear();
    for (int32_t i = 0; i < n; ++i) {
        hs[i] = EdgeTable::hash(0, ids[i]);
        root_.prefetch(hs[i]);
    }
    size_t m = 0;
    for (int32_t i = 0; i < n; ++i) {
        uint32_t c = root_.find(hs[i], 0, ids[i]);
        if (c) cur[m++] = Live{i, c};
    }
    for (int32_t len = 1; m != 0; ++len) {
        // Report the phrases ending here; keep the nodes that can go on, hashing their lookup.
        size_t live = 0;
        for (size_t k = 0; k < m; ++k) {
            uint32_t c = cur[k].node;
            int32_t s = cur[k].start;
            if (c & kTerminalBit) {
                hits.push_back(Hit{s, len, c & kNodeMask});
                __builtin_prefetch(&single_key_[c & kNodeMask]);  // read when reporting
            }
            if (!(c & kInnerBit) || s + len >= n) continue;
            uint64_t h = EdgeTable::hash(c & kNodeMask, ids[s + len]);
            inner_.prefetch(h);
            hs[live] = h;
            cur[live++] = Live{s, c & kNodeMask};
        }
        size_t m2 = 0;
        for (size_t k = 0; k < live; ++k) {
            int32_t s = cur[k].start;
            uint32_t child = inner_.find(hs[k], cur[k].node, ids[s + len]);
            if (child) next[m2++] = Live{s, child};
        }
        std::swap(cur, next);
        m = m2;
    }
    if (hits.empty()) return;
    std::vector<int32_t>& first = sc.first;
    first.assign(n + 1, 0);
    for (const Hit& h : hits) first[h.start + 1] += 1;
    for (int32_t i = 0; i < n; ++i) first[i + 1] += first[i];
    std::vector<Hit>& ordered = sc.ordered;
    ordered.resize(hits.size());
    for (const Hit& h : hits) ordered[first[h.start]++] = h;
    size_t base = out.size();
    out.resize(base + ordered.size());  // one key per phrase is the rule; emit() adds more
    size_t w = base;
    for (size_t k = 0; k < ordered.size(); ++k) {
        const Hit& h = ordered[k];
        uint64_t key = single_key_[h.node];
        if (key != 0) {
            out[w++] = PhraseMatch{key, offset + h.start, offset + h.start + h.len};
        } else {
            out.resize(w);
            emit(h.node, offset + h.start, offset + h.start + h.len, out);
            w = out.size();
            out.resize(w + (ordered.size() - k - 1));
        }
    }
    out.resize(w);
}

void PhraseTrie::match(const TokenC* tokens, int32_t begin, int32_t end, uint64_t attr,
                       std::vector<PhraseMatch>& out) const {
    if (end <= begin) return;
    Scratch& sc = scratch;
    std::vector<attr_t>& ids = sc.ids;
    ids.resize(end - begin);
    const TokenC* t = tokens + begin;
    switch (attr) {  // the common attributes read without the generic switch
        case ORTH:
            for (size_t i = 0; i < ids.size(); ++i) {
                if (i + 8 < ids.size()) __builtin_prefetch(&t[i + 8].lex->orth);
                ids[i] = t[i].lex->orth;
            }
            break;
        case LOWER:  // the lexemes lie all over memory: fetch a few tokens ahead
            for (size_t i = 0; i < ids.size(); ++i) {
                if (i + 8 < ids.size()) __builtin_prefetch(&t[i + 8].lex->lower);
                ids[i] = t[i].lex->lower;
            }
            break;
        default:
            for (size_t i = 0; i < ids.size(); ++i) ids[i] = token_get_attr(&t[i], attr);
    }
    match_impl(ids.data(), begin, end - begin, out);
    if (ids.size() > (size_t(1) << 16)) sc = Scratch();  // don't keep a huge Doc's buffers
}

void PhraseTrie::match_ids(const attr_t* ids, int32_t begin, int32_t end,
                           std::vector<PhraseMatch>& out) const {
    if (end > begin) match_impl(ids + begin, begin, end - begin, out);
}

}  // namespace lexloom
