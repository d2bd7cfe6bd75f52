#include "token_rules.hh"

namespace lexloom {

int32_t LemmaCache::apply(TokenC* tokens, int32_t n, bool overwrite, int32_t* missing) const {
    int32_t n_missing = 0;
    for (int32_t i = 0; i < n; ++i) {
        TokenC& t = tokens[i];
        if (!overwrite && t.lemma != 0) continue;
        auto it = map_.find(key_of(t));
        if (it == map_.end()) missing[n_missing++] = i;
        else t.lemma = it->second;
    }
    return n_missing;
}

void LemmaCache::insert(attr_t orth, int32_t pos, attr_t morph, attr_t lemma) {
    Key key = by_pos_morph_ ? Key{orth, morph, pos} : Key{orth, 0, 0};
    map_[key] = lemma;
}

void lex_set_attr(LexemeC* lex, uint64_t attr, attr_t value) {
    if (attr < 64) {
        lex_set_flag(lex, attr, value != 0);
        return;
    }
    switch (attr) {
        case ID: lex->id = value; break;
        case LOWER: lex->lower = value; break;
        case NORM: lex->norm = value; break;
        case SHAPE: lex->shape = value; break;
        case PREFIX: lex->prefix = value; break;
        case SUFFIX: lex->suffix = value; break;
        case LANG: lex->lang = value; break;
        default: break;
    }
}

int64_t apply_rule_attrs(TokenC* tokens, int32_t n, const int64_t* matches, int64_t m,
                         const int64_t* index, const int64_t* attr_offsets,
                         const uint64_t* attr_ids, const attr_t* attr_values, int64_t n_rules) {
    for (int64_t row = 0; row < m; ++row) {
        int64_t rule = matches[row * 3], start = matches[row * 3 + 1], end = matches[row * 3 + 2];
        if (rule < 0 || rule >= n_rules || start < 0 || end > n || start > end) return row;
        int64_t k = index[rule];
        int64_t target = k >= 0 ? start + k : end + k;
        if (target < start || target >= end) return row;
        TokenC* t = &tokens[target];
        for (int64_t a = attr_offsets[rule]; a < attr_offsets[rule + 1]; ++a) {
            token_set_attr(t, attr_ids[a], attr_values[a]);
            // The lexeme is shared by all tokens of the text: spaCy writes lexical attributes
            // (flags, LOWER, SHAPE, ...) there too.
            if (attr_ids[a] != NORM) lex_set_attr(const_cast<LexemeC*>(t->lex), attr_ids[a], attr_values[a]);
        }
    }
    return -1;
}

}  // namespace lexloom
