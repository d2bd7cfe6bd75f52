#include "strings.hh"

#include "key_set.hh"

namespace lexloom {

static const char* const SYMBOL_NAMES[] = {
#include "symbols.inc"
};

static const size_t N_SYMBOLS = sizeof(SYMBOL_NAMES) / sizeof(SYMBOL_NAMES[0]);

// Symbols by the hash of their name: id_of hashes every string anyway, so the symbol check
// costs one probe of a flat table and (on a hit) one compare, not a second hash of the bytes.
static const KeyMap<attr_t>& symbol_table() {
    static const KeyMap<attr_t> table = [] {
        KeyMap<attr_t> t;
        for (size_t i = 1; i < N_SYMBOLS; ++i) {
            std::string_view name(SYMBOL_NAMES[i]);
            t.insert(hash_utf8(name.data(), name.size()), i);
        }
        return t;
    }();
    return table;
}

static attr_t symbol_of_hash(std::string_view s, hash_t h) {
    const attr_t* id = symbol_table().find(h);
    return id != nullptr && s == SYMBOL_NAMES[*id] ? *id : 0;
}

size_t n_symbols() { return N_SYMBOLS; }

const char* symbol_name(attr_t id) { return id < N_SYMBOLS ? SYMBOL_NAMES[id] : nullptr; }

attr_t symbol_id(std::string_view s) {
    if (s.empty()) return 0;
    return symbol_of_hash(s, hash_utf8(s.data(), s.size()));
}

hash_t StringStore::id_of(std::string_view s) {
    if (s.empty()) return 0;
    hash_t h = hash_utf8(s.data(), s.size());
    attr_t sym = symbol_of_hash(s, h);
    return sym != 0 ? sym : h;
}

hash_t StringStore::add(std::string_view s, bool transient) {
    hash_t id = id_of(s);
    if (id < N_SYMBOLS || index_.contains(id)) return id;
    if (transient) {
        if (!tindex_.contains(id)) {
            tstrings_.emplace_back(s);
            tkeys_.push_back(id);
            tindex_.insert(id, tstrings_.size() - 1);
        }
        return id;
    }
    strings_.emplace_back(s);
    keys_.push_back(id);
    index_.insert(id, strings_.size() - 1);
    if (tindex_.contains(id)) ++n_both_;
    return id;
}

const std::string* StringStore::get(hash_t id) const {
    static const std::deque<std::string> symbol_strings = [] {
        std::deque<std::string> d;
        for (size_t i = 0; i < N_SYMBOLS; ++i) d.emplace_back(SYMBOL_NAMES[i]);
        return d;
    }();
    if (id < N_SYMBOLS) return &symbol_strings[id];
    const size_t* at = index_.find(id);
    if (at != nullptr) return &strings_[*at];
    at = tindex_.find(id);
    return at == nullptr ? nullptr : &tstrings_[*at];
}

bool StringStore::contains(hash_t id) const {
    return id < N_SYMBOLS || index_.contains(id) || tindex_.contains(id);
}

void StringStore::truncate_transient(size_t n) {
    while (tkeys_.size() > n) {
        if (index_.contains(tkeys_.back())) --n_both_;
        tindex_.erase(tkeys_.back());
        tkeys_.pop_back();
        tstrings_.pop_back();
    }
}

}  // namespace lexloom
