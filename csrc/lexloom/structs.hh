// The plain structs behind Doc, Token and Lexeme. No Python, no exceptions.
#pragma once
#include <cstdint>

#include "attrs.hh"
#include "hash.hh"

namespace lexloom {

typedef uint64_t flags_t;

// One per distinct orth string; owned by the Vocab, shared by every token with that text.
struct LexemeC {
    flags_t flags;   // bit i set <=> boolean attribute with id i is true (IS_ALPHA = 1, ...)
    attr_t id;       // position in the vocab
    int32_t length;  // length in code points
    attr_t orth;
    attr_t lower;
    attr_t norm;
    attr_t shape;
    attr_t prefix;
    attr_t suffix;
    attr_t lang;
};

// One per token of a Doc. Fields a pipeline fills later start at 0 ("unset").
struct TokenC {
    const LexemeC* lex;
    attr_t morph;
    int32_t spacy;       // 1 if followed by a single space
    int32_t pos;         // universal POS symbol id
    attr_t tag;
    attr_t lemma;
    attr_t norm;         // 0 = use lex->norm
    int32_t idx;         // character offset in the Doc's text
    int32_t head;        // offset of the head token (0 = self / unset)
    attr_t dep;
    int32_t l_kids;
    int32_t r_kids;
    int32_t l_edge;      // offset of the leftmost token of the subtree
    int32_t r_edge;      // offset of the rightmost token of the subtree
    int32_t sent_start;  // 1 starts a sentence, -1 does not, 0 unknown
    int32_t ent_iob;     // EntIob
    attr_t ent_type;
    attr_t ent_kb_id;
    attr_t ent_id;
};

inline bool lex_check_flag(const LexemeC* lex, uint64_t flag_id) {
    return flag_id < 64 && (lex->flags & (flags_t(1) << flag_id)) != 0;
}

inline void lex_set_flag(LexemeC* lex, uint64_t flag_id, bool value) {
    if (flag_id >= 64) return;
    if (value) lex->flags |= (flags_t(1) << flag_id);
    else lex->flags &= ~(flags_t(1) << flag_id);
}

// Lexical attribute value for an attribute id; 0 for ids that are not lexical.
inline attr_t lex_get_attr(const LexemeC* lex, uint64_t attr) {
    if (attr < 64) return lex_check_flag(lex, attr) ? 1 : 0;
    switch (attr) {
        case ID: return lex->id;
        case ORTH: return lex->orth;
        case LOWER: return lex->lower;
        case NORM: return lex->norm;
        case SHAPE: return lex->shape;
        case PREFIX: return lex->prefix;
        case SUFFIX: return lex->suffix;
        case LENGTH: return static_cast<attr_t>(lex->length);
        case LANG: return lex->lang;
        default: return 0;
    }
}

// Token attribute value; signed fields are returned as their two's-complement bits.
inline attr_t token_get_attr(const TokenC* t, uint64_t attr) {
    switch (attr) {
        case LEMMA: return t->lemma;
        case NORM: return t->norm ? t->norm : t->lex->norm;
        case POS: return static_cast<attr_t>(static_cast<int64_t>(t->pos));
        case TAG: return t->tag;
        case MORPH: return t->morph;
        case DEP: return t->dep;
        case HEAD: return static_cast<attr_t>(static_cast<int64_t>(t->head));
        case SPACY: return static_cast<attr_t>(t->spacy);
        case ENT_IOB: return static_cast<attr_t>(t->ent_iob);
        case ENT_TYPE: return t->ent_type;
        case ENT_ID: return t->ent_id;
        case ENT_KB_ID: return t->ent_kb_id;
        case SENT_START: return static_cast<attr_t>(static_cast<int64_t>(t->sent_start));
        case IDX: return static_cast<attr_t>(static_cast<int64_t>(t->idx));
        default: return lex_get_attr(t->lex, attr);
    }
}

// Set a token attribute; returns false for ids that cannot be set on a token.
inline bool token_set_attr(TokenC* t, uint64_t attr, attr_t value) {
    switch (attr) {
        case LEMMA: t->lemma = value; return true;
        case NORM: t->norm = value; return true;
        case POS: t->pos = static_cast<int32_t>(value); return true;
        case TAG: t->tag = value; return true;
        case MORPH: t->morph = value; return true;
        case DEP: t->dep = value; return true;
        case HEAD: t->head = static_cast<int32_t>(static_cast<int64_t>(value)); return true;
        case SPACY: t->spacy = value ? 1 : 0; return true;
        case ENT_IOB: t->ent_iob = static_cast<int32_t>(value); return true;
        case ENT_TYPE: t->ent_type = value; return true;
        case ENT_ID: t->ent_id = value; return true;
        case ENT_KB_ID: t->ent_kb_id = value; return true;
        case SENT_START: t->sent_start = static_cast<int32_t>(static_cast<int64_t>(value)); return true;
        default: return false;
    }
}

}  // namespace lexloom
