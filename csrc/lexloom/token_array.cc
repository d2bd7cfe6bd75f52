#include "token_array.hh"

#include <algorithm>
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

// One left-to-right and one right-to-left sweep that widen each head's edges by its
// children's current edges (kid counts only on the first sweep), then spaCy's test of whether
// every head lies inside the sentences those edges imply. spaCy 3.8 repeats this sweep up to
// 12 times instead of computing exact subtrees, so non-projective trees can keep edges that
// are narrower than the true subtree; we repeat it the same way to give the same values.
static bool lr_sweep(TokenC* tokens, int32_t start, int32_t end, bool first,
                     std::vector<char>& starts) {
    for (int32_t i = start; i < end; ++i) {
        TokenC* child = &tokens[i];
        TokenC* head = &tokens[i + child->head];
        if (first && child < head) head->l_kids += 1;
        if (child->l_edge < head->l_edge) head->l_edge = child->l_edge;
        if (child->r_edge > head->r_edge) head->r_edge = child->r_edge;
    }
    for (int32_t i = end - 1; i >= start; --i) {
        TokenC* child = &tokens[i];
        TokenC* head = &tokens[i + child->head];
        if (first && child > head) head->r_kids += 1;
        if (child->r_edge > head->r_edge) head->r_edge = child->r_edge;
        if (child->l_edge < head->l_edge) head->l_edge = child->l_edge;
    }
    std::fill(starts.begin(), starts.end(), 0);
    for (int32_t i = start; i < end; ++i) {
        int32_t e = tokens[i].l_edge;
        if (tokens[i].head == 0 && e >= start && e < end) starts[e - start] = 1;
    }
    // spaCy's check: sentences run from one start to the next, the first from token 0 and
    // the last to end - 1 inclusive; a head outside its sentence means another sweep.
    int32_t sent_start = 0;
    for (int32_t i = start; i < end; ++i) {
        if ((i > 0 && starts[i - start]) || i == end - 1) {
            for (int32_t j = sent_start; j < i; ++j) {
                int32_t h = j + tokens[j].head;
                if (h < sent_start || h >= i + 1) return false;
            }
            sent_start = i;
        }
    }
    return true;
}

void set_children_from_heads_range(TokenC* tokens, int32_t start, int32_t end) {
    if (end <= start) return;
    for (int32_t i = start; i < end; ++i) {
        tokens[i].l_kids = 0;
        tokens[i].r_kids = 0;
        tokens[i].l_edge = i;
        tokens[i].r_edge = i;
    }
    std::vector<char> starts(static_cast<size_t>(end - start));
    for (int32_t sweep = 0; sweep < 12; ++sweep) {
        if (lr_sweep(tokens, start, end, sweep == 0, starts)) break;
    }
    // A root with a label starts a sentence at its left edge; an unlabelled head-less token
    // is missing annotation, not a root.
    for (int32_t i = start; i < end; ++i) tokens[i].sent_start = -1;
    for (int32_t i = start; i < end; ++i) {
        if (tokens[i].head == 0 && tokens[i].dep != 0) tokens[tokens[i].l_edge].sent_start = 1;
    }
}

bool heads_have_cycle(const TokenC* tokens, int32_t n) {
    // 0: unseen, 1: on the current walk, 2: known to reach a root.
    std::vector<char> state(static_cast<size_t>(n), 0);
    std::vector<int32_t> path;
    for (int32_t i = 0; i < n; ++i) {
        int32_t node = i;
        path.clear();
        while (state[node] == 0) {
            state[node] = 1;
            path.push_back(node);
            if (tokens[node].head == 0) break;
            node += tokens[node].head;
        }
        if (state[node] == 1 && tokens[node].head != 0) return true;
        for (int32_t p : path) state[p] = 2;
    }
    return false;
}

bool set_children_from_heads(TokenC* tokens, int32_t n) {
    set_children_from_heads_range(tokens, 0, n);
    return !heads_have_cycle(tokens, n);
}

int32_t token_subtree(const TokenC* tokens, int32_t n, int32_t i, int32_t* out) {
    // spaCy's order: each left child's subtree, the token, each right child's subtree, where
    // children are only looked for between the token's edges. Explicit stack, no recursion.
    struct Frame { int32_t node; int32_t cursor; bool right; };
    std::vector<Frame> stack;
    stack.push_back({i, tokens[i].l_edge, false});
    int32_t count = 0;
    while (!stack.empty()) {
        Frame& f = stack.back();
        int32_t node = f.node;
        int32_t stop = f.right ? tokens[node].r_edge + 1 : node;
        int32_t j = f.cursor;
        while (j < stop && j + tokens[j].head != node) ++j;
        if (j < stop) {
            f.cursor = j + 1;
            if (j == node) continue;
            stack.push_back({j, tokens[j].l_edge, false});
            continue;
        }
        if (f.right) {
            stack.pop_back();
            continue;
        }
        if (count >= n) return -1;  // only a cycle can yield more tokens than the Doc has
        out[count++] = node;
        f.right = true;
        f.cursor = node + 1;
    }
    return count;
}

}  // namespace lexloom
