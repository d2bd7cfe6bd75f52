// Rule components' hot loops over a Doc's tokens: the rule lemmatizer's (orth, pos, morph)
// -> lemma cache, and the attribute ruler's writing of matched rules' attributes.
// No Python, no exceptions: results are counts and indices.
#pragma once
#include <cstdint>
#include <unordered_map>

#include "structs.hh"

namespace lexloom {

// Lemmas computed once per distinct key, so the Python rules run only on the first token of
// each (orth, pos, morph) (or, keyed by orth only, each orth: lookup lemmatizers).
class LemmaCache {
public:
    explicit LemmaCache(bool by_pos_morph = true) : by_pos_morph_(by_pos_morph) {}

    // Give every token that wants a lemma (overwrite, or no lemma yet) its cached lemma; write
    // the indices of wanting tokens whose key isn't cached to `missing` (room for n) and
    // return their count.
    int32_t apply(TokenC* tokens, int32_t n, bool overwrite, int32_t* missing) const;
    void insert(attr_t orth, int32_t pos, attr_t morph, attr_t lemma);
    void clear() { map_.clear(); }
    size_t size() const { return map_.size(); }
    bool by_pos_morph() const { return by_pos_morph_; }

private:
    struct Key {
        attr_t orth;
        attr_t morph;
        int32_t pos;
        bool operator==(const Key& o) const {
            return orth == o.orth && morph == o.morph && pos == o.pos;
        }
    };
    struct KeyHash {
        size_t operator()(const Key& k) const {
            uint64_t h = k.orth ^ (k.morph * 0x9E3779B97F4A7C15ULL);
            h ^= static_cast<uint64_t>(static_cast<uint32_t>(k.pos)) * 0xC2B2AE3D27D4EB4FULL;
            return static_cast<size_t>(h ^ (h >> 29));
        }
    };
    Key key_of(const TokenC& t) const {
        return by_pos_morph_ ? Key{t.lex->orth, t.morph, t.pos} : Key{t.lex->orth, 0, 0};
    }
    std::unordered_map<Key, attr_t, KeyHash> map_;
    bool by_pos_morph_;
};

// Set a lexeme attribute as spaCy's attribute setters do (flags, ID, LOWER, NORM, SHAPE,
// PREFIX, SUFFIX, LANG); other ids are ignored.
void lex_set_attr(LexemeC* lex, uint64_t attr, attr_t value);

// Apply matched rules in order. matches: m rows (rule, start, end), already in the order
// their writes should happen (later writes win). Rule r writes attr_ids/attr_values
// [attr_offsets[r], attr_offsets[r+1]) to token start+index[r] (end+index[r] when the index
// is negative); a token attribute is set on the token and, except NORM, on its lexeme too
// (spaCy's set_token_attrs). Returns -1, or the row of the first match whose target token
// falls outside its span (nothing from that row on is written).
int64_t apply_rule_attrs(TokenC* tokens, int32_t n, const int64_t* matches, int64_t m,
                         const int64_t* index, const int64_t* attr_offsets,
                         const uint64_t* attr_ids, const attr_t* attr_values, int64_t n_rules);

}  // namespace lexloom
