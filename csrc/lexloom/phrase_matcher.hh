// PhraseMatcher core: a trie of phrases keyed by token attribute ids, stored as one flat
// hash table of (parent node, attribute id) -> child node edges, so 100,000 phrases cost a
// few MB and a lookup is one probe. Matching is one sweep per Doc. No Python, no exceptions.
#pragma once
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "structs.hh"

namespace lexloom {

// The match keys of one phrase, held in the cell order of spaCy's preshed map (open
// addressing, linear probing, deleted cells kept until a resize), because spaCy reports the
// keys of one (start, end) in that order. Only phrases with several keys need one.
class PreshKeySet {
public:
    PreshKeySet() : cells_(8, 0), filled_(0) {}
    void set(uint64_t key);
    void clear(uint64_t key);  // key must be present
    bool contains(uint64_t key) const;
    size_t size() const;       // live keys
    template <typename F>
    void for_each(F&& f) const {
        for (uint64_t c : cells_)
            if (c > 1) f(c);
    }

private:
    size_t find(uint64_t key) const;
    void resize();
    std::vector<uint64_t> cells_;  // 0 = empty, 1 = deleted
    size_t filled_;
};

struct PhraseMatch {
    uint64_t key;
    int32_t start;
    int32_t end;
};

class PhraseTrie {
public:
    PhraseTrie();
    // Add one phrase of n attribute ids under `key` (a string hash, never 0 or 1).
    // Returns the terminal node. n == 0 ends at the root, which matching never reports.
    uint32_t add(uint64_t key, const attr_t* ids, int32_t n);
    // Remove `key` from every phrase it was added with; returns how many phrases it had.
    size_t remove(uint64_t key);
    bool has_key(uint64_t key) const { return by_key_.count(key) != 0; }
    // Every (key, start, end) with the attribute sequence tokens[start:end] a phrase, for
    // start in [begin, end): by start, then end, then key in spaCy's order.
    void match(const TokenC* tokens, int32_t begin, int32_t end, uint64_t attr,
               std::vector<PhraseMatch>& out) const;
    void match_ids(const attr_t* ids, int32_t begin, int32_t end,
                   std::vector<PhraseMatch>& out) const;
    size_t n_nodes() const { return nodes_.size() - free_nodes_.size(); }
    size_t n_phrases() const { return n_terminals_; }

private:
    // An edge's child value carries two flags beside the node id: a phrase ends at the child,
    // and the child has children (so a leaf costs no probe of the next level).
    static constexpr uint32_t kTerminalBit = 0x80000000u;
    static constexpr uint32_t kInnerBit = 0x40000000u;
    static constexpr uint32_t kNodeMask = 0x3fffffffu;

    // Open-addressing table of (parent, attribute id) -> child edges; linear probing,
    // load at most 1/2, backward-shift deletion (no tombstones).
    struct EdgeTable {
        struct Edge {
            attr_t id;
            uint32_t parent;
            uint32_t child;  // 0 = empty slot (the root is never a child); top bit: ends a phrase
        };
        std::vector<Edge> slots;
        // A one-hash Bloom filter of the edges (4 bits per slot): most lookups past the first
        // word of a phrase miss, and the filter answers them from cache. Erased edges leave
        // their bit set (a false positive only costs the table probe).
        std::vector<uint64_t> bits;
        size_t size = 0;
        explicit EdgeTable(size_t n) : slots(n, Edge{0, 0, 0}), bits(n / 16 + 1, 0) {}
        static uint64_t hash(uint32_t parent, attr_t id) {
            uint64_t h = id ^ (uint64_t(parent) * 0x9E3779B97F4A7C15ULL);
            h ^= h >> 33;
            h *= 0xff51afd7ed558ccdULL;
            h ^= h >> 33;
            return h;
        }
        size_t bit(uint64_t h) const { return (h >> 32) & (slots.size() * 4 - 1); }
        bool maybe(uint64_t h) const {
            size_t b = bit(h);
            return (bits[b >> 6] >> (b & 63)) & 1;
        }
        // The child's id, with kTerminalBit set when a phrase ends there; 0 when absent.
        uint32_t find(uint32_t parent, attr_t id) const { return find(hash(parent, id), parent, id); }
        uint32_t find(uint64_t h, uint32_t parent, attr_t id) const {
            if (!maybe(h)) return 0;
            size_t mask = slots.size() - 1;
            size_t i = h & mask;
            while (true) {
                const Edge& e = slots[i];
                if (e.child == 0) return 0;
                if (e.id == id && e.parent == parent) return e.child;
                i = (i + 1) & mask;
            }
        }
        void prefetch(uint32_t parent, attr_t id) const { prefetch(hash(parent, id)); }
        void prefetch(uint64_t h) const {
            __builtin_prefetch(&bits[bit(h) >> 6]);
            __builtin_prefetch(&slots[h & (slots.size() - 1)]);
        }
        Edge* find_edge(uint32_t parent, attr_t id);
        void insert(uint32_t parent, attr_t id, uint32_t child);
        void erase(uint32_t parent, attr_t id);
        void grow();
    };
    struct Node {
        attr_t id;             // attribute id on the edge from the parent
        uint32_t parent;
        uint32_t n_children;
        int32_t keyset;        // index into keysets_, or -1
        uint32_t n_keys;       // live keys ending here
    };
    // Edges from the root sit in their own table: every token of a Doc probes it, and the
    // first words of the phrases are far fewer than all edges, so it stays in cache.
    EdgeTable& table(uint32_t parent) { return parent == 0 ? root_ : inner_; }
    const EdgeTable& table(uint32_t parent) const { return parent == 0 ? root_ : inner_; }
    void mark_terminal(uint32_t node, bool terminal) { mark(node, kTerminalBit, terminal); }
    void mark(uint32_t node, uint32_t bit, bool on);
    uint32_t add_child(uint32_t parent, attr_t id);
    bool add_key(uint32_t node, uint64_t key);     // false if already there
    void remove_key(uint32_t node, uint64_t key);
    void prune(uint32_t node);
    void match_impl(const attr_t* ids, int32_t offset, int32_t n,
                    std::vector<PhraseMatch>& out) const;
    void emit(uint32_t node, int32_t start, int32_t end, std::vector<PhraseMatch>& out) const;

    EdgeTable root_, inner_;
    std::vector<Node> nodes_;
    // Per node: the only key when the phrase has one and never had more, else 0. Kept apart
    // from nodes_ so that reporting a match reads 8 bytes, not a whole node.
    std::vector<uint64_t> single_key_;
    std::vector<uint32_t> free_nodes_;
    std::vector<PreshKeySet> keysets_;
    std::vector<int32_t> free_keysets_;
    std::unordered_map<uint64_t, std::vector<uint32_t>> by_key_;  // key -> terminal nodes
    size_t n_terminals_;
};

}  // namespace lexloom
