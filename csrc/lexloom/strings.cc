#include "strings.hh"

#include <unordered_map>

namespace lexloom {

static const char* const SYMBOL_NAMES[] = {
#include "symbols.inc"
};

static const size_t N_SYMBOLS = sizeof(SYMBOL_NAMES) / sizeof(SYMBOL_NAMES[0]);

static const std::unordered_map<std::string_view, attr_t>& symbol_table() {
    static const std::unordered_map<std::string_view, attr_t> table = [] {
        std::unordered_map<std::string_view, attr_t> t;
        for (size_t i = 0; i < N_SYMBOLS; ++i) t.emplace(SYMBOL_NAMES[i], i);
        return t;
    }();
    return table;
}

size_t n_symbols() { return N_SYMBOLS; }

const char* symbol_name(attr_t id) { return id < N_SYMBOLS ? SYMBOL_NAMES[id] : nullptr; }

attr_t symbol_id(std::string_view s) {
    const auto& t = symbol_table();
    auto it = t.find(s);
    return it == t.end() ? 0 : it->second;
}

hash_t StringStore::id_of(std::string_view s) {
    if (s.empty()) return 0;
    attr_t sym = symbol_id(s);
    if (sym != 0) return sym;
    return hash_utf8(s);
}

hash_t StringStore::add(std::string_view s, bool transient) {
    hash_t id = id_of(s);
    if (id < N_SYMBOLS || index_.count(id)) return id;
    if (transient) {
        if (!tindex_.count(id)) {
            tstrings_.emplace_back(s);
            tkeys_.push_back(id);
            tindex_.emplace(id, tstrings_.size() - 1);
        }
        return id;
    }
    strings_.emplace_back(s);
    keys_.push_back(id);
    index_.emplace(id, strings_.size() - 1);
    return id;
}

const std::string* StringStore::get(hash_t id) const {
    static const std::deque<std::string> symbol_strings = [] {
        std::deque<std::string> d;
        for (size_t i = 0; i < N_SYMBOLS; ++i) d.emplace_back(SYMBOL_NAMES[i]);
        return d;
    }();
    if (id < N_SYMBOLS) return &symbol_strings[id];
    auto it = index_.find(id);
    if (it != index_.end()) return &strings_[it->second];
    auto tit = tindex_.find(id);
    return tit == tindex_.end() ? nullptr : &tstrings_[tit->second];
}

bool StringStore::contains(hash_t id) const {
    return id < N_SYMBOLS || index_.count(id) > 0 || tindex_.count(id) > 0;
}

void StringStore::truncate_transient(size_t n) {
    while (tkeys_.size() > n) {
        tindex_.erase(tkeys_.back());
        tkeys_.pop_back();
        tstrings_.pop_back();
    }
}

}  // namespace lexloom
