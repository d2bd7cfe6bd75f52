#include "token_array.hh"

#include <cstdlib>
#include <cstring>
#include <vector>

namespace lexloom {

const LexemeC* empty_lexeme() {
    static const LexemeC lex = {};
    return &lex;
}

static void fill_padding(TokenC* tokens, int32_t n) {
    std::memset(tokens, 0, sizeof(TokenC) * n);
    for (int32_t i = 0; i < n; ++i) tokens[i].lex = empty_lexeme();
}

bool token_array_init(TokenArray* a, int32_t capacity) {
    if (capacity < 1) capacity = 1;
    size_t total = static_cast<size_t>(capacity) + 2 * PADDING;
    TokenC* buf = static_cast<TokenC*>(std::calloc(total, sizeof(TokenC)));
    if (!buf) return false;
    fill_padding(buf, static_cast<int32_t>(total));
    a->data = buf + PADDING;
    a->length = 0;
    a->capacity = capacity;
    return true;
}

void token_array_free(TokenArray* a) {
    if (a->data) std::free(a->data - PADDING);
    a->data = nullptr;
    a->length = 0;
    a->capacity = 0;
}

bool token_array_reserve(TokenArray* a, int32_t capacity) {
    if (capacity <= a->capacity) return true;
    if (capacity > (INT32_MAX / 2) - 2 * PADDING) return false;
    size_t total = static_cast<size_t>(capacity) + 2 * PADDING;
    TokenC* old = a->data ? a->data - PADDING : nullptr;
    TokenC* buf = static_cast<TokenC*>(std::realloc(old, total * sizeof(TokenC)));
    if (!buf) return false;
    // Everything past the real tokens becomes padding again.
    fill_padding(buf + PADDING + a->length, static_cast<int32_t>(total) - PADDING - a->length);
    if (!old) fill_padding(buf, PADDING);
    a->data = buf + PADDING;
    a->capacity = capacity;
    return true;
}

bool token_array_push(TokenArray* a, const LexemeC* lex, bool has_space) {
    if (a->length >= a->capacity) {
        int32_t grow = a->capacity < 16 ? 16 : a->capacity;
        if (!token_array_reserve(a, a->capacity + grow)) return false;
    }
    TokenC* t = &a->data[a->length];
    std::memset(t, 0, sizeof(TokenC));
    t->lex = lex;
    t->spacy = has_space ? 1 : 0;
    if (a->length > 0) {
        const TokenC* prev = &a->data[a->length - 1];
        t->idx = prev->idx + prev->lex->length + prev->spacy;
    } else {
        t->sent_start = 1;  // the first token always starts a sentence
    }
    t->l_edge = a->length;
    t->r_edge = a->length;
    a->length += 1;
    return true;
}

void token_array_to_array(const TokenC* tokens, int32_t n, const uint64_t* attrs, int32_t n_attrs,
                          uint64_t* out) {
    for (int32_t i = 0; i < n; ++i) {
        for (int32_t j = 0; j < n_attrs; ++j) {
            out[static_cast<size_t>(i) * n_attrs + j] = token_get_attr(&tokens[i], attrs[j]);
        }
    }
}

int32_t check_heads(const TokenC* tokens, int32_t n) {
    for (int32_t i = 0; i < n; ++i) {
        int64_t h = static_cast<int64_t>(i) + tokens[i].head;
        if (h < 0 || h >= n) return i;
    }
    return -1;
}

bool set_children_from_heads(TokenC* tokens, int32_t n) {
    for (int32_t i = 0; i < n; ++i) {
        tokens[i].l_kids = 0;
        tokens[i].r_kids = 0;
        tokens[i].l_edge = i;
        tokens[i].r_edge = i;
    }
    for (int32_t i = 0; i < n; ++i) {
        int32_t h = i + tokens[i].head;
        if (h == i) continue;
        if (i < h) tokens[h].l_kids += 1;
        else tokens[h].r_kids += 1;
    }
    // Walk every token up to its root, widening edges; a walk longer than n is a cycle.
    for (int32_t i = 0; i < n; ++i) {
        int32_t node = i;
        int32_t steps = 0;
        while (tokens[node].head != 0) {
            int32_t h = node + tokens[node].head;
            if (tokens[h].l_edge > i) tokens[h].l_edge = i;
            if (tokens[h].r_edge < i) tokens[h].r_edge = i;
            node = h;
            if (++steps > n) return false;
        }
    }
    // A root with a label starts a sentence at its leftmost descendant; an unlabelled
    // head-less token is missing annotation, not a root.
    for (int32_t i = 0; i < n; ++i) tokens[i].sent_start = -1;
    for (int32_t i = 0; i < n; ++i) {
        if (tokens[i].head == 0 && tokens[i].dep != 0) tokens[tokens[i].l_edge].sent_start = 1;
    }
    return true;
}

}  // namespace lexloom
