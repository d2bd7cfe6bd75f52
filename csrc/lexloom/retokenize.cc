#include "retokenize.hh"

#include <algorithm>
#include <cstring>

#include "token_array.hh"

namespace lexloom {

// Steps from token i up to its root; childless spaces and punctuation are ranked last
// (n - 1) so a real word wins. -1 on a cycle.
static int32_t words_to_root(const TokenC* tokens, int32_t i, int32_t n) {
    const TokenC* t = &tokens[i];
    if (t->l_kids == 0 && t->r_kids == 0 &&
        (lex_check_flag(t->lex, IS_SPACE) || lex_check_flag(t->lex, IS_PUNCT))) {
        return n - 1;
    }
    int32_t steps = 0;
    while (tokens[i].head != 0) {
        i += tokens[i].head;
        if (++steps >= n) return -1;
    }
    return steps;
}

int32_t span_root(const TokenC* tokens, int32_t n, int32_t start, int32_t end) {
    if (start < 0 || end > n || start >= end) return -1;
    for (int32_t i = start; i < end; ++i) {
        if (tokens[i].head == 0) return i;
    }
    int32_t best = n;
    int32_t root = -1;
    for (int32_t i = start; i < end; ++i) {
        int32_t h = i + tokens[i].head;
        if (h >= start && h < end) continue;
        int32_t w = words_to_root(tokens, i, n);
        if (w < 0) return -1;
        if (w < best) {
            best = w;
            root = i;
        }
    }
    return root == -1 ? start : root;
}

// The characters Python's str.strip() removes (str.isspace): spaCy strips a merged lemma so.
static bool is_strip_space(uint32_t cp) {
    switch (cp) {
        case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x1C: case 0x1D:
        case 0x1E: case 0x1F: case 0x20: case 0x85: case 0xA0: case 0x1680: case 0x2028:
        case 0x2029: case 0x202F: case 0x205F: case 0x3000:
            return true;
        default:
            return cp >= 0x2000 && cp <= 0x200A;
    }
}

// The code point of the (valid) UTF-8 sequence of `len` bytes at s.
static uint32_t utf8_code_point(const unsigned char* s, size_t len) {
    if (len == 1) return s[0];
    uint32_t cp = s[0] & (0xFF >> (len + 1));
    for (size_t i = 1; i < len; ++i) cp = (cp << 6) | (s[i] & 0x3F);
    return cp;
}

static size_t utf8_length(unsigned char lead) {
    return lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

// `text` without leading and trailing whitespace (Unicode's, as str.strip()).
static std::string strip_unicode_space(const std::string& text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    size_t a = 0, b = text.size();
    while (a < b) {
        size_t len = std::min(utf8_length(s[a]), b - a);
        if (!is_strip_space(utf8_code_point(s + a, len))) break;
        a += len;
    }
    while (b > a) {
        size_t start = b - 1;
        while (start > a && (s[start] & 0xC0) == 0x80 && b - start < 4) --start;
        if (!is_strip_space(utf8_code_point(s + start, b - start))) break;
        b = start;
    }
    return text.substr(a, b - a);
}

void merged_strings(const TokenC* tokens, const int32_t* starts, const int32_t* ends,
                    int32_t n_spans, const StringStore& strings, std::vector<std::string>* texts,
                    std::vector<std::string>* lemmas) {
    texts->assign(n_spans, std::string());
    lemmas->assign(n_spans, std::string());
    for (int32_t k = 0; k < n_spans; ++k) {
        std::string& text = (*texts)[k];
        std::string& lemma = (*lemmas)[k];
        for (int32_t i = starts[k]; i < ends[k]; ++i) {
            const std::string* orth = strings.get(tokens[i].lex->orth);
            if (orth) text += *orth;
            if (tokens[i].spacy && i + 1 < ends[k]) text += ' ';
            const std::string* lem = tokens[i].lemma ? strings.get(tokens[i].lemma) : nullptr;
            if (lem) lemma += *lem;
            if (tokens[i].spacy) lemma += ' ';
        }
        lemma = strip_unicode_space(lemma);
    }
}

int32_t merge_spans(TokenC* tokens, int32_t n, const int32_t* starts, const int32_t* ends,
                    int32_t n_spans, const LexemeC* const* lexes, const attr_t* lemmas,
                    const int64_t* attr_offsets, const RetokAttr* attrs, int32_t* new_index) {
    // Roots first: they depend only on the heads, which the steps below change last.
    std::vector<int32_t> roots(n_spans);
    for (int32_t k = 0; k < n_spans; ++k) {
        if (starts[k] < 0 || ends[k] > n || starts[k] >= ends[k]) return -1;
        roots[k] = span_root(tokens, n, starts[k], ends[k]);
        if (roots[k] < 0) return -1;
    }
    // The merged token (the span's first) takes the root's annotation, in span order: a
    // span's IOB looks at the token before it, which may already be a merged one.
    for (int32_t k = 0; k < n_spans; ++k) {
        int32_t s = starts[k];
        TokenC* t = &tokens[s];
        const TokenC* root = &tokens[roots[k]];
        int32_t start_iob = t->ent_iob;
        attr_t start_type = t->ent_type;
        t->tag = root->tag;
        t->pos = root->pos;
        t->morph = root->morph;
        t->ent_iob = root->ent_iob;
        t->ent_type = root->ent_type;
        if (t->ent_iob == 1 || t->ent_iob == 3) {
            bool continues = start_iob == 1 && s > 0 && start_type == t->ent_type &&
                             tokens[s - 1].ent_type == t->ent_type;
            t->ent_iob = continues ? 1 : 3;
        }
        t->lemma = lemmas[k];
        t->norm = 0;
    }
    for (int32_t k = 0; k < n_spans; ++k) tokens[starts[k]].dep = tokens[roots[k]].dep;
    for (int32_t k = 0; k < n_spans; ++k) {
        TokenC* t = &tokens[starts[k]];
        t->lex = lexes[k];
        t->spacy = tokens[ends[k] - 1].spacy;
        for (int64_t a = attr_offsets[k]; a < attr_offsets[k + 1]; ++a) {
            token_set_attr(t, attrs[a].attr, attrs[a].value);
        }
    }
    // Heads as absolute positions; each merged token hangs from its root's head.
    for (int32_t i = 0; i < n; ++i) tokens[i].head += i;
    for (int32_t k = 0; k < n_spans; ++k) tokens[starts[k]].head = tokens[roots[k]].head;
    int32_t removed = 0;
    int32_t k = 0;
    for (int32_t i = 0; i < n; ++i) {
        if (k < n_spans && i == ends[k]) {
            removed += ends[k] - starts[k] - 1;
            ++k;
        }
        if (k < n_spans && i >= starts[k]) new_index[i] = starts[k] - removed;
        else new_index[i] = i - removed;
    }
    if (k < n_spans) removed += ends[k] - starts[k] - 1;  // a span that ends the Doc
    for (int32_t i = 0; i < n; ++i) tokens[i].head = new_index[tokens[i].head];
    // Compress: keep every token that is not inside a span after its first.
    k = 0;
    for (int32_t i = 0; i < n; ++i) {
        while (k < n_spans && i >= ends[k]) ++k;
        bool inner = k < n_spans && i > starts[k] && i < ends[k];
        if (!inner && new_index[i] != i) tokens[new_index[i]] = tokens[i];
    }
    int32_t new_n = n - removed;
    for (int32_t i = new_n; i < n; ++i) {
        std::memset(&tokens[i], 0, sizeof(TokenC));
        tokens[i].lex = empty_lexeme();
    }
    for (int32_t i = 0; i < new_n; ++i) tokens[i].head -= i;
    return new_n;
}

int32_t split_tokens(TokenC* tokens, int32_t n, const int32_t* positions, const int32_t* counts,
                     int32_t n_splits, const LexemeC* const* lexes, const int32_t* head_base,
                     const int32_t* head_add, int32_t* first_index) {
    int32_t extra = 0;
    int32_t s = 0;
    for (int32_t i = 0; i < n; ++i) {
        first_index[i] = i + extra;
        if (s < n_splits && positions[s] == i) {
            extra += counts[s] - 1;
            ++s;
        }
    }
    int32_t new_n = n + extra;
    int64_t n_sub = 0;
    for (s = 0; s < n_splits; ++s) n_sub += counts[s];
    std::vector<int32_t> sub_heads(static_cast<size_t>(n_sub));
    for (int64_t j = 0; j < n_sub; ++j) {
        int32_t base = head_base[j];
        if (base < 0 || base >= n) return -static_cast<int32_t>(1 + j);
        int64_t h = static_cast<int64_t>(first_index[base]) + head_add[j];
        if (h < 0 || h >= new_n) return -static_cast<int32_t>(1 + j);
        sub_heads[j] = static_cast<int32_t>(h);
    }
    for (int32_t i = 0; i < n; ++i) tokens[i].head = first_index[i + tokens[i].head];
    // Move right to left: every token lands at or after its old place.
    int64_t sub_end = n_sub;
    s = n_splits - 1;
    for (int32_t i = n - 1; i >= 0; --i) {
        if (s >= 0 && positions[s] == i) {
            const TokenC orig = tokens[i];
            int32_t m = counts[s];
            int64_t sub0 = sub_end - m;
            int32_t idx = orig.idx;
            for (int32_t j = 0; j < m; ++j) {
                TokenC* t = &tokens[first_index[i] + j];
                *t = orig;
                t->lex = lexes[sub0 + j];
                if (orig.lemma != 0) t->lemma = t->lex->orth;
                t->norm = 0;
                t->idx = idx;
                idx += t->lex->length;
                t->spacy = j + 1 < m ? 0 : orig.spacy;
                if (j > 0) {
                    if (orig.ent_iob == 3) t->ent_iob = 1;
                    if (orig.sent_start == 1) t->sent_start = -1;
                }
                t->head = sub_heads[sub0 + j];
            }
            sub_end = sub0;
            --s;
        } else if (first_index[i] != i) {
            tokens[first_index[i]] = tokens[i];
        }
    }
    for (int32_t i = 0; i < new_n; ++i) tokens[i].head -= i;
    return new_n;
}

void retokenize_finish(TokenC* tokens, int32_t n, bool iob_consistent) {
    if (n == 0) return;
    if (iob_consistent) {
        if (tokens[0].ent_iob == 1) tokens[0].ent_iob = 3;
        for (int32_t i = 1; i < n; ++i) {
            if (tokens[i].ent_iob == 1 && tokens[i - 1].ent_type != tokens[i].ent_type) {
                tokens[i].ent_iob = 3;
            }
        }
    }
    bool parsed = false;
    for (int32_t i = 0; i < n && !parsed; ++i) parsed = tokens[i].dep != 0;
    if (parsed) {
        set_children_from_heads(tokens, n);
        return;
    }
    std::vector<int32_t> sent_starts(n);
    for (int32_t i = 0; i < n; ++i) sent_starts[i] = tokens[i].sent_start;
    set_children_from_heads(tokens, n);
    for (int32_t i = 0; i < n; ++i) tokens[i].sent_start = sent_starts[i];
}

}  // namespace lexloom
