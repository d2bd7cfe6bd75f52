// Static word vectors: the key -> row map, row gathering for a batch of keys, and floret's
// hashed character n-grams. float32 tables, row-major (n_rows, width); no Python.
#pragma once
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace lexloom {

// Keys (string hashes) -> rows of a vectors table. Several keys may share a row. The keys
// keep the order they were first added in, as a Python dict does (spaCy's key2row is one):
// changing a key's row keeps its place, erasing it and adding it again moves it to the end.
// That order decides which key stands for a shared row (the last one, as in spaCy).
class KeyRowMap {
public:
    // The row of `key`, or -1.
    int64_t find(uint64_t key) const {
        auto it = map_.find(key);
        return it == map_.end() ? -1 : it->second.row;
    }
    void set(uint64_t key, int64_t row);
    bool erase(uint64_t key) { return map_.erase(key) > 0; }
    void clear() {
        map_.clear();
        order_.clear();
    }
    size_t size() const { return map_.size(); }
    void reserve(size_t n) {
        map_.reserve(n);
        order_.reserve(n);
    }
    // rows[i] = find(keys[i]) for i < n.
    void find_batch(const uint64_t* keys, int64_t n, int64_t* rows) const;
    // Every (key, row) pair, in the keys' order.
    void items(uint64_t* keys, int64_t* rows) const;
    // Remove the keys whose row is >= n_rows; their (key, row) pairs go to the outputs, in
    // the keys' order. Returns how many were removed.
    size_t remove_rows_from(int64_t n_rows, std::vector<uint64_t>& keys,
                            std::vector<int64_t>& rows);

private:
    struct Slot {
        int64_t row;
        int64_t place;  // index of the key's live entry in order_
    };
    // Drop the entries of erased keys from order_ once they outnumber the live ones.
    void compact_order();

    std::unordered_map<uint64_t, Slot> map_;
    std::vector<uint64_t> order_;  // keys by first addition; erased keys leave stale entries
};

// out[i] = table[rows[i]] (width floats), or zeros where rows[i] < 0 or >= n_rows.
void gather_rows(const float* table, int64_t n_rows, int64_t width, const int64_t* rows,
                 int64_t n, float* out);

// out[i] = a 64-bit hash of the bytes of table row rows[i] (for finding identical rows).
void row_hashes(const float* table, int64_t width, const int64_t* rows, int64_t n,
                uint64_t* out);

// MurmurHash3_x64_128 of `len` bytes with a 32-bit seed; out = {h1, h2}.
void murmurhash3_x64_128(const void* key, size_t len, uint32_t seed, uint64_t out[2]);

// Floret's settings: character n-grams of minn..maxn code points of bow + word + eow, and
// the whole padded word; each hashed hash_count (1..4) times, from one MurmurHash3_x64_128.
struct FloretSettings {
    uint32_t minn;
    uint32_t maxn;
    uint32_t hash_count;
    uint32_t hash_seed;
    const char* bow;
    size_t bow_len;
    const char* eow;
    size_t eow_len;
};

// Append to `out` the hashes of `word` (UTF-8) that floret and spaCy use, in their order:
// the padded word first, then n-grams by length (minn..maxn) and start. An empty word adds
// nothing. Returns false when `word` is not valid UTF-8.
bool floret_hashes(const char* word, size_t len, const FloretSettings& s,
                   std::vector<uint32_t>& out);

// Append to `out` the first hash_count 32-bit parts of one string's MurmurHash3_x64_128
// (seed hash_seed): the hashes of a single n-gram, as floret_hashes computes them.
void floret_string_hashes(const char* data, size_t len, const FloretSettings& s,
                          std::vector<uint32_t>& out);

// The floret vector of one word: the mean of table rows (hash % n_rows) over its hashes, into
// out (width floats); zeros for an empty word. Returns false for invalid UTF-8.
bool floret_vector(const char* word, size_t len, const FloretSettings& s, const float* table,
                   int64_t n_rows, int64_t width, float* out, std::vector<uint32_t>& scratch);

}  // namespace lexloom
