// ChunkCache: the tokenizer's memory of how a whitespace-free chunk splits into tokens,
// keyed by a hash of the chunk, so a repeated chunk costs one lookup instead of regexes.
// The index is an open-addressing table (key_set.hh); the splits live in one flat pool.
// Past `max_size` entries new chunks are not kept (spaCy's max_cache_size): nothing is
// evicted, so what is cached stays cached.
#pragma once
#include <cstdint>
#include <vector>

#include "key_set.hh"
#include "structs.hh"

namespace lexloom {

struct CachedToken {
    const LexemeC* lex;
    attr_t norm;  // token-level NORM from a special case, or 0
};

class ChunkCache {
public:
    struct Entry {
        uint32_t offset = 0;
        uint32_t count = 0;
    };
    // The cached split, or nullptr; `*count` receives the number of tokens.
    const CachedToken* find(hash_t key, uint32_t* count) const {
        const Entry* e = index_.find(key);
        if (e == nullptr) return nullptr;
        *count = e->count;
        return pool_.data() + e->offset;
    }
    // Keep the split of a chunk; false (nothing kept) when the key is known or the cache
    // holds max_size entries already.
    bool add(hash_t key, const CachedToken* tokens, uint32_t count) {
        if (index_.size() >= max_size_ || index_.contains(key)) return false;
        Entry e{static_cast<uint32_t>(pool_.size()), count};
        pool_.insert(pool_.end(), tokens, tokens + count);
        index_.insert(key, e);
        order_.push_back(key);
        return true;
    }
    void clear() {
        index_.clear();
        pool_.clear();
        order_.clear();
    }
    // Forget every entry but the first `n` added.
    void truncate(size_t n) {
        while (order_.size() > n) {
            const Entry* e = index_.find(order_.back());
            pool_.resize(e->offset);
            index_.erase(order_.back());
            order_.pop_back();
        }
    }
    size_t size() const { return index_.size(); }
    size_t max_size() const { return max_size_; }
    void set_max_size(size_t n) { max_size_ = n; }

private:
    KeyMap<Entry> index_;
    std::vector<CachedToken> pool_;
    std::vector<hash_t> order_;
    size_t max_size_ = SIZE_MAX;
};

}  // namespace lexloom
