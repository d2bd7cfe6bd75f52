// StringStore: interned UTF-8 strings keyed by their 64-bit id. Symbol strings (attribute
// names, POS tags, common labels) get their small fixed ids, exactly as in spaCy 3.8.
#pragma once
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "hash.hh"
#include "key_set.hh"

namespace lexloom {

// Number of symbols; ids below this are symbols, never hashes.
size_t n_symbols();
// The symbol name for a small id, or nullptr when id >= n_symbols().
const char* symbol_name(attr_t id);
// The symbol id of a string, or 0 when the string is not a symbol.
attr_t symbol_id(std::string_view s);

class StringStore {
public:
    // The id a string has (symbol id or hash); does not store it.
    static hash_t id_of(std::string_view s);
    // Intern a string and return its id. A transient string (added while processing inside
    // a memory zone) lives apart from the permanent ones and can be released with
    // truncate_transient; adding it again permanently makes it permanent.
    hash_t add(std::string_view s, bool transient = false);
    // The string for an id, or nullptr when unknown. Symbols and 0 ("") are always known.
    const std::string* get(hash_t id) const;
    bool contains(hash_t id) const;
    // Permanent (non-symbol) strings, in insertion order.
    size_t size() const { return keys_.size(); }
    const std::vector<hash_t>& keys() const { return keys_; }
    // Transient strings: how many, and forget all but the first `n`.
    size_t transient_size() const { return tkeys_.size(); }
    // The transient strings' ids, oldest first; one added permanently since stays listed
    // here until released (is_permanent tells those apart).
    const std::vector<hash_t>& transient_keys() const { return tkeys_; }
    bool is_permanent(hash_t id) const { return index_.contains(id); }
    // Every string, permanent or transient, each counted once.
    size_t size_with_transient() const { return keys_.size() + tkeys_.size() - n_both_; }
    void truncate_transient(size_t n);

private:
    KeyMap<size_t> index_;  // id -> position in strings_
    std::deque<std::string> strings_;
    std::vector<hash_t> keys_;
    KeyMap<size_t> tindex_;  // the same, for transient strings
    std::deque<std::string> tstrings_;
    std::vector<hash_t> tkeys_;
    size_t n_both_ = 0;  // transient strings added permanently since
};

}  // namespace lexloom
