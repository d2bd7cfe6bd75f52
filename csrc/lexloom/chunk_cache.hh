// ChunkCache: the tokenizer's memory of how a whitespace-free chunk splits into tokens,
// keyed by a hash of the chunk, so a repeated chunk costs one lookup instead of regexes.
#pragma once
#include <unordered_map>
#include <vector>

#include "structs.hh"

namespace lexloom {

struct CachedToken {
    const LexemeC* lex;
    attr_t norm;  // token-level NORM from a special case, or 0
};

class ChunkCache {
public:
    struct Entry {
        uint32_t offset;
        uint32_t count;
    };
    // The cached split, or nullptr; `*count` receives the number of tokens.
    const CachedToken* find(hash_t key, uint32_t* count) const {
        auto it = index_.find(key);
        if (it == index_.end()) return nullptr;
        *count = it->second.count;
        return pool_.data() + it->second.offset;
    }
    void add(hash_t key, const CachedToken* tokens, uint32_t count) {
        if (index_.count(key)) return;
        Entry e{static_cast<uint32_t>(pool_.size()), count};
        pool_.insert(pool_.end(), tokens, tokens + count);
        index_.emplace(key, e);
        order_.push_back(key);
    }
    void clear() {
        index_.clear();
        pool_.clear();
        order_.clear();
    }
    // Forget every entry but the first `n` added.
    void truncate(size_t n) {
        while (order_.size() > n) {
            auto it = index_.find(order_.back());
            pool_.resize(it->second.offset);
            index_.erase(it);
            order_.pop_back();
        }
    }
    size_t size() const { return index_.size(); }

private:
    std::unordered_map<hash_t, Entry> index_;
    std::vector<CachedToken> pool_;
    std::vector<hash_t> order_;
};

}  // namespace lexloom
