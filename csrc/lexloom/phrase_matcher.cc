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

PhraseTrie::PhraseTrie() : edges_(1024), n_edges_(0), n_terminals_(0) {
    nodes_.push_back(Node{0, 0, 0, 0, -1, 0});  // the root
}

void PhraseTrie::grow_edges() {
    std::vector<Edge> old;
    old.swap(edges_);
    edges_.assign(old.size() * 2, Edge{0, 0, 0});
    size_t mask = edges_.size() - 1;
    for (const Edge& e : old) {
        if (e.child == 0) continue;
        size_t i = slot_hash(e.parent, e.id) & mask;
        while (edges_[i].child != 0) i = (i + 1) & mask;
        edges_[i] = e;
    }
}

uint32_t PhraseTrie::add_child(uint32_t parent, attr_t id) {
    uint32_t child = find_child(parent, id);
    if (child) return child;
    if ((n_edges_ + 1) * 2 > edges_.size()) grow_edges();
    if (!free_nodes_.empty()) {
        child = free_nodes_.back();
        free_nodes_.pop_back();
        nodes_[child] = Node{id, parent, 0, 0, -1, 0};
    } else {
        child = static_cast<uint32_t>(nodes_.size());
        nodes_.push_back(Node{id, parent, 0, 0, -1, 0});
    }
    size_t mask = edges_.size() - 1;
    size_t i = slot_hash(parent, id) & mask;
    while (edges_[i].child != 0) i = (i + 1) & mask;
    edges_[i] = Edge{id, parent, child};
    n_edges_ += 1;
    nodes_[parent].n_children += 1;
    return child;
}

void PhraseTrie::erase_edge(uint32_t parent, attr_t id) {
    size_t mask = edges_.size() - 1;
    size_t i = slot_hash(parent, id) & mask;
    while (edges_[i].child != 0 && !(edges_[i].id == id && edges_[i].parent == parent))
        i = (i + 1) & mask;
    if (edges_[i].child == 0) return;
    // Backward-shift deletion keeps every probe sequence unbroken without tombstones.
    size_t j = i;
    while (true) {
        j = (j + 1) & mask;
        if (edges_[j].child == 0) break;
        size_t home = slot_hash(edges_[j].parent, edges_[j].id) & mask;
        bool movable = (i <= j) ? (home <= i || home > j) : (home <= i && home > j);
        if (movable) {
            edges_[i] = edges_[j];
            i = j;
        }
    }
    edges_[i] = Edge{0, 0, 0};
    n_edges_ -= 1;
}

bool PhraseTrie::add_key(uint32_t node_id, uint64_t key) {
    Node& node = nodes_[node_id];
    if (node.keyset < 0) {
        if (node.n_keys == 0) {
            node.single_key = key;
            node.n_keys = 1;
            n_terminals_ += 1;
            return true;
        }
        if (node.single_key == key) return false;
        int32_t k;
        if (!free_keysets_.empty()) {
            k = free_keysets_.back();
            free_keysets_.pop_back();
            keysets_[k] = PreshKeySet();
        } else {
            k = static_cast<int32_t>(keysets_.size());
            keysets_.emplace_back();
        }
        keysets_[k].set(node.single_key);
        node.keyset = k;
        node.single_key = 0;
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
        if (node.n_keys == 1 && node.single_key == key) {
            node.single_key = 0;
            node.n_keys = 0;
            n_terminals_ -= 1;
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
    } else {
        ks.clear(key);
    }
}

void PhraseTrie::prune(uint32_t node_id) {
    while (node_id != 0) {
        Node& node = nodes_[node_id];
        if (node.n_children != 0 || node.n_keys != 0) return;
        uint32_t parent = node.parent;
        erase_edge(parent, node.id);
        nodes_[parent].n_children -= 1;
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

void PhraseTrie::emit(const Node& node, int32_t start, int32_t end,
                      std::vector<PhraseMatch>& out) const {
    if (node.keyset < 0) {
        out.push_back(PhraseMatch{node.single_key, start, end});
    } else {
        keysets_[node.keyset].for_each(
            [&](uint64_t key) { out.push_back(PhraseMatch{key, start, end}); });
    }
}

template <typename Get>
void PhraseTrie::match_impl(Get get, int32_t begin, int32_t end,
                            std::vector<PhraseMatch>& out) const {
    if (nodes_[0].n_children == 0) return;
    for (int32_t start = begin; start < end; ++start) {
        uint32_t node = find_child(0, get(start));
        int32_t j = start + 1;
        while (node != 0) {
            if (nodes_[node].n_keys) emit(nodes_[node], start, j, out);
            if (j == end) break;
            node = find_child(node, get(j));
            ++j;
        }
    }
}

void PhraseTrie::match(const TokenC* tokens, int32_t begin, int32_t end, uint64_t attr,
                       std::vector<PhraseMatch>& out) const {
    switch (attr) {  // the common attributes read without the generic switch
        case ORTH:
            match_impl([tokens](int32_t i) { return tokens[i].lex->orth; }, begin, end, out);
            break;
        case LOWER:
            match_impl([tokens](int32_t i) { return tokens[i].lex->lower; }, begin, end, out);
            break;
        default:
            match_impl([tokens, attr](int32_t i) { return token_get_attr(&tokens[i], attr); },
                       begin, end, out);
    }
}

void PhraseTrie::match_ids(const attr_t* ids, int32_t begin, int32_t end,
                           std::vector<PhraseMatch>& out) const {
    match_impl([ids](int32_t i) { return ids[i]; }, begin, end, out);
}

}  // namespace lexloom
