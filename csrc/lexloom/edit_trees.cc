#include "edit_trees.hh"

#include <algorithm>
#include <cstring>
#include <utility>

namespace lexloom {

// ---------------------------------------------------------------------------- UTF-8

void Utf8Chars::decode(std::string_view s) {
    cps.clear();
    offsets.clear();
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        size_t len = c < 0x80            ? 1
                     : (c >> 5) == 0x6   ? 2
                     : (c >> 4) == 0xE   ? 3
                     : (c >> 3) == 0x1E  ? 4
                                         : 0;
        bool ok = len != 0 && i + len <= n;
        for (size_t k = 1; ok && k < len; ++k) ok = (p[i + k] & 0xC0) == 0x80;
        uint32_t cp;
        if (!ok) {
            cp = 0x80000000u | c;  // a stray byte: its own "code point", equal only to itself
            len = 1;
        } else if (len == 1) {
            cp = c;
        } else if (len == 2) {
            cp = ((c & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
        } else if (len == 3) {
            cp = ((c & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
        } else {
            cp = ((c & 0x07u) << 18) | ((p[i + 1] & 0x3Fu) << 12) | ((p[i + 2] & 0x3Fu) << 6) |
                 (p[i + 3] & 0x3Fu);
        }
        cps.push_back(cp);
        offsets.push_back(static_cast<uint32_t>(i));
        i += len;
    }
    offsets.push_back(static_cast<uint32_t>(n));
}

namespace {

struct Lcs {
    size_t source_begin = 0, source_end = 0, target_begin = 0, target_end = 0;
    bool empty() const { return source_end == source_begin; }
};

// The longest common substring of source[0, n_source) and target[0, n_target), as spaCy's
// find_lcs computes it: among equally long ones, the first found scanning source positions,
// then target positions, wins. prev/cur are scratch rows, reused between calls.
Lcs find_lcs(const uint32_t* source, size_t n_source, const uint32_t* target, size_t n_target,
             std::vector<uint32_t>& prev, std::vector<uint32_t>& cur) {
    Lcs lcs;
    prev.assign(n_target, 0);
    cur.assign(n_target, 0);
    uint32_t longest = 0;
    for (size_t s = 0; s < n_source; ++s) {
        const uint32_t sc = source[s];
        for (size_t t = 0; t < n_target; ++t) {
            if (sc == target[t]) {
                uint32_t len = (s == 0 || t == 0) ? 1 : prev[t - 1] + 1;
                cur[t] = len;
                if (len > longest) {
                    longest = len;
                    lcs.source_begin = s + 1 - len;
                    lcs.source_end = s + 1;
                    lcs.target_begin = t + 1 - len;
                    lcs.target_end = t + 1;
                }
            } else {
                cur[t] = 0;
            }
        }
        std::swap(prev, cur);
    }
    return lcs;
}

}  // namespace

// ---------------------------------------------------------------------------- building

size_t EditTrees::KeyHash::operator()(const Key& k) const {
    uint64_t h = k.is_match ? 0x51ED270B27A3C6F1ULL : 0x2545F4914F6CDD1DULL;
    for (uint64_t v : {k.a, k.b, k.c, k.d}) {
        h ^= v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
    }
    return static_cast<size_t>(h);
}

EditTrees::Key EditTrees::key_of(const EditTreeC& t) {
    if (t.is_match) return Key{true, t.prefix_len, t.suffix_len, t.prefix_tree, t.suffix_tree};
    return Key{false, t.orig, t.subst, 0, 0};
}

uint32_t EditTrees::intern(const EditTreeC& t) {
    Key key = key_of(t);
    auto it = index_.find(key);
    if (it != index_.end()) return it->second;
    uint32_t id = static_cast<uint32_t>(trees_.size());
    trees_.push_back(t);
    if (t.is_match) {
        orig_text_.emplace_back();
        subst_text_.emplace_back();
    } else {
        const std::string* o = strings_->get(t.orig);
        const std::string* s = strings_->get(t.subst);
        orig_text_.push_back(o ? *o : std::string());
        subst_text_.push_back(s ? *s : std::string());
    }
    index_.emplace(key, id);
    return id;
}

uint32_t EditTrees::add(std::string_view form, std::string_view lemma) {
    Utf8Chars f, l;
    f.decode(form);
    l.decode(lemma);
    return add_chars(f, form, l, lemma);
}

uint32_t EditTrees::add_chars(const Utf8Chars& form, std::string_view form_bytes,
                              const Utf8Chars& lemma, std::string_view lemma_bytes) {
    // Two empty strings: a match node that keeps the (empty) middle.
    if (form.size() == 0 && lemma.size() == 0) {
        return intern(EditTreeC{true, 0, 0, EDIT_TREE_NULL, EDIT_TREE_NULL, 0, 0});
    }
    // Post-order over (form range, lemma range) pairs: prefix subtree, suffix subtree, then
    // the node, which is the order ids are given out in.
    struct Frame {
        size_t fb, fe, lb, le;
        int stage;
        Lcs lcs;
        uint32_t prefix, suffix;
    };
    std::vector<Frame> stack;
    std::vector<uint32_t> prev, cur;
    stack.push_back(Frame{0, form.size(), 0, lemma.size(), 0, Lcs{}, EDIT_TREE_NULL,
                          EDIT_TREE_NULL});
    uint32_t result = EDIT_TREE_NULL;
    while (!stack.empty()) {
        Frame& fr = stack.back();
        if (fr.stage == 0) {
            fr.lcs = find_lcs(form.cps.data() + fr.fb, fr.fe - fr.fb, lemma.cps.data() + fr.lb,
                              fr.le - fr.lb, prev, cur);
            if (fr.lcs.empty()) {
                const size_t fbyte = form.offsets[fr.fb], lbyte = lemma.offsets[fr.lb];
                std::string_view o = form_bytes.substr(fbyte, form.offsets[fr.fe] - fbyte);
                std::string_view s = lemma_bytes.substr(lbyte, lemma.offsets[fr.le] - lbyte);
                EditTreeC t{false, 0, 0, EDIT_TREE_NULL, EDIT_TREE_NULL, strings_->add(o),
                            strings_->add(s)};
                result = intern(t);
                stack.pop_back();
                continue;
            }
            fr.stage = 1;
            if (fr.lcs.source_begin != 0 || fr.lcs.target_begin != 0) {
                Frame child{fr.fb, fr.fb + fr.lcs.source_begin, fr.lb,
                            fr.lb + fr.lcs.target_begin, 0, Lcs{}, EDIT_TREE_NULL,
                            EDIT_TREE_NULL};
                stack.push_back(child);  // invalidates fr
                continue;
            }
            result = EDIT_TREE_NULL;
        }
        Frame& f1 = stack.back();
        if (f1.stage == 1) {
            f1.prefix = result;
            f1.stage = 2;
            const size_t n_f = f1.fe - f1.fb, n_l = f1.le - f1.lb;
            if (f1.lcs.source_end != n_f || f1.lcs.target_end != n_l) {
                Frame child{f1.fb + f1.lcs.source_end, f1.fe, f1.lb + f1.lcs.target_end, f1.le,
                            0, Lcs{}, EDIT_TREE_NULL, EDIT_TREE_NULL};
                stack.push_back(child);
                continue;
            }
            result = EDIT_TREE_NULL;
        }
        Frame& f2 = stack.back();
        f2.suffix = result;
        const size_t n_f = f2.fe - f2.fb;
        EditTreeC t{true, static_cast<uint32_t>(f2.lcs.source_begin),
                    static_cast<uint32_t>(n_f - f2.lcs.source_end), f2.prefix, f2.suffix, 0, 0};
        result = intern(t);
        stack.pop_back();
    }
    return result;
}

// ---------------------------------------------------------------------------- applying

bool EditTrees::apply(uint32_t tree_id, std::string_view form, std::string* out) const {
    Utf8Chars f;
    f.decode(form);
    return apply_chars(tree_id, f, form, out);
}

bool EditTrees::apply_chars(uint32_t tree_id, const Utf8Chars& form,
                            std::string_view form_bytes, std::string* out) const {
    // Tasks on a stack: apply a tree to form[b, e), or copy form[b, e) to the output.
    struct Task {
        uint32_t tree;  // EDIT_TREE_NULL: copy
        size_t b, e;
    };
    std::vector<Task> stack;
    stack.push_back(Task{tree_id, 0, form.size()});
    while (!stack.empty()) {
        Task task = stack.back();
        stack.pop_back();
        const size_t bb = form.offsets[task.b], eb = form.offsets[task.e];
        if (task.tree == EDIT_TREE_NULL) {
            out->append(form_bytes.data() + bb, eb - bb);
            continue;
        }
        const EditTreeC& t = trees_[task.tree];
        if (!t.is_match) {
            const std::string& orig = orig_text_[task.tree];
            if (orig.size() != eb - bb ||
                std::memcmp(orig.data(), form_bytes.data() + bb, eb - bb) != 0)
                return false;
            out->append(subst_text_[task.tree]);
            continue;
        }
        const size_t n = task.e - task.b;
        if (static_cast<size_t>(t.prefix_len) + t.suffix_len > n) return false;
        const size_t mid_b = task.b + t.prefix_len, mid_e = task.e - t.suffix_len;
        // Pushed in reverse: prefix, middle, suffix come out in order.
        if (t.suffix_tree != EDIT_TREE_NULL) stack.push_back(Task{t.suffix_tree, mid_e, task.e});
        stack.push_back(Task{EDIT_TREE_NULL, mid_b, mid_e});
        if (t.prefix_tree != EDIT_TREE_NULL) stack.push_back(Task{t.prefix_tree, task.b, mid_b});
    }
    return true;
}

std::string EditTrees::to_str(uint32_t tree_id) const {
    // Tasks: print a tree (text empty) or emit literal text.
    struct Task {
        uint32_t tree;
        std::string text;
    };
    std::string out;
    std::vector<Task> stack;
    stack.push_back(Task{tree_id, {}});
    while (!stack.empty()) {
        Task task = std::move(stack.back());
        stack.pop_back();
        if (!task.text.empty()) {
            out += task.text;
            continue;
        }
        const EditTreeC& t = trees_[task.tree];
        if (!t.is_match) {
            out += "(s '" + orig_text_[task.tree] + "' '" + subst_text_[task.tree] + "')";
            continue;
        }
        stack.push_back(Task{0, ")"});
        if (t.suffix_tree != EDIT_TREE_NULL) stack.push_back(Task{t.suffix_tree, {}});
        else stack.push_back(Task{0, "()"});
        stack.push_back(Task{0, " "});
        if (t.prefix_tree != EDIT_TREE_NULL) stack.push_back(Task{t.prefix_tree, {}});
        else stack.push_back(Task{0, "()"});
        stack.push_back(Task{0, "(m " + std::to_string(t.prefix_len) + " " +
                                    std::to_string(t.suffix_len) + " "});
    }
    return out;
}

// ---------------------------------------------------------------------------- replacing

void EditTrees::clear() {
    trees_.clear();
    orig_text_.clear();
    subst_text_.clear();
    index_.clear();
    pair_cache_.clear();
}

void EditTrees::rebuild_index() {
    index_.clear();
    pair_cache_.clear();
    for (size_t i = 0; i < trees_.size(); ++i)
        index_.emplace(key_of(trees_[i]), static_cast<uint32_t>(i));
}

int EditTrees::set_trees(const std::vector<EditTreeC>& trees, int64_t* bad) {
    *bad = -1;
    for (size_t i = 0; i < trees.size(); ++i) {
        const EditTreeC& t = trees[i];
        if (t.is_match) {
            if ((t.prefix_tree != EDIT_TREE_NULL && t.prefix_tree >= i) ||
                (t.suffix_tree != EDIT_TREE_NULL && t.suffix_tree >= i)) {
                *bad = static_cast<int64_t>(i);
                return EDIT_TREE_BAD_SUBTREE;
            }
        } else if (!strings_->contains(t.orig) || !strings_->contains(t.subst)) {
            *bad = static_cast<int64_t>(i);
            return EDIT_TREE_UNKNOWN_STRING;
        }
    }
    trees_ = trees;
    orig_text_.assign(trees_.size(), std::string());
    subst_text_.assign(trees_.size(), std::string());
    for (size_t i = 0; i < trees_.size(); ++i) {
        if (!trees_[i].is_match) {
            orig_text_[i] = *strings_->get(trees_[i].orig);
            subst_text_[i] = *strings_->get(trees_[i].subst);
        }
    }
    rebuild_index();
    return EDIT_TREE_OK;
}

// ---------------------------------------------------------------------------- msgpack

namespace {

class Packer {
public:
    std::string buf;
    void byte(uint8_t b) { buf.push_back(static_cast<char>(b)); }
    void be(uint64_t v, int n) {
        for (int k = n - 1; k >= 0; --k) byte(static_cast<uint8_t>(v >> (8 * k)));
    }
    void uint(uint64_t v) {  // the smallest encoding, as msgpack-python writes it
        if (v < 0x80) byte(static_cast<uint8_t>(v));
        else if (v <= 0xFF) { byte(0xCC); be(v, 1); }
        else if (v <= 0xFFFF) { byte(0xCD); be(v, 2); }
        else if (v <= 0xFFFFFFFFULL) { byte(0xCE); be(v, 4); }
        else { byte(0xCF); be(v, 8); }
    }
    void str(std::string_view s) {  // keys only: short ASCII
        byte(static_cast<uint8_t>(0xA0 | s.size()));
        buf.append(s.data(), s.size());
    }
    void map(size_t n) { byte(static_cast<uint8_t>(0x80 | n)); }
    void array(size_t n) {
        if (n < 16) byte(static_cast<uint8_t>(0x90 | n));
        else if (n <= 0xFFFF) { byte(0xDC); be(n, 2); }
        else { byte(0xDD); be(n, 4); }
    }
};

// A bounds-checked msgpack reader for the subset the trees use; unknown values are skipped.
class Unpacker {
public:
    Unpacker(const char* data, size_t size)
        : p_(reinterpret_cast<const uint8_t*>(data)), end_(p_ + size) {}
    bool at_end() const { return p_ == end_; }

    bool container(uint8_t fix_base, uint8_t c16, uint8_t c32, uint64_t* n) {
        uint8_t c;
        if (!peek(&c)) return false;
        if ((c & 0xF0) == fix_base) { ++p_; *n = c & 0x0F; return true; }
        if (c == c16) { ++p_; return be(2, n); }
        if (c == c32) { ++p_; return be(4, n); }
        return false;
    }
    bool map(uint64_t* n) { return container(0x80, 0xDE, 0xDF, n); }
    bool array(uint64_t* n) {
        uint8_t c;
        if (!peek(&c)) return false;
        if ((c & 0xF0) == 0x90) { ++p_; *n = c & 0x0F; return true; }
        if (c == 0xDC) { ++p_; return be(2, n); }
        if (c == 0xDD) { ++p_; return be(4, n); }
        return false;
    }
    bool is_str() const {
        if (p_ >= end_) return false;
        uint8_t c = *p_;
        return (c & 0xE0) == 0xA0 || c == 0xD9 || c == 0xDA || c == 0xDB;
    }
    bool str(std::string_view* s) {
        uint8_t c;
        if (!peek(&c)) return false;
        uint64_t n;
        if ((c & 0xE0) == 0xA0) { ++p_; n = c & 0x1F; }
        else if (c == 0xD9) { ++p_; if (!be(1, &n)) return false; }
        else if (c == 0xDA) { ++p_; if (!be(2, &n)) return false; }
        else if (c == 0xDB) { ++p_; if (!be(4, &n)) return false; }
        else return false;
        if (n > static_cast<uint64_t>(end_ - p_)) return false;
        *s = std::string_view(reinterpret_cast<const char*>(p_), n);
        p_ += n;
        return true;
    }
    // A non-negative integer (unsigned or signed encodings).
    bool uint(uint64_t* v) {
        uint8_t c;
        if (!peek(&c)) return false;
        if (c < 0x80) { ++p_; *v = c; return true; }
        if (c >= 0xCC && c <= 0xCF) { ++p_; return be(size_t(1) << (c - 0xCC), v); }
        if (c >= 0xD0 && c <= 0xD3) {
            ++p_;
            size_t n = size_t(1) << (c - 0xD0);
            if (!be(n, v)) return false;
            return n == 8 ? (*v >> 63) == 0 : (*v >> (8 * n - 1)) == 0;
        }
        return false;
    }
    bool skip(int depth = 0) {
        if (depth > 64) return false;
        uint8_t c;
        if (!peek(&c)) return false;
        uint64_t n;
        if (c < 0x80 || c >= 0xE0 || c == 0xC0 || c == 0xC2 || c == 0xC3) { ++p_; return true; }
        if ((c & 0xE0) == 0xA0 || (c >= 0xD9 && c <= 0xDB)) { std::string_view s; return str(&s); }
        if ((c & 0xF0) == 0x80 || c == 0xDE || c == 0xDF) {
            if (!map(&n)) return false;
            for (uint64_t i = 0; i < 2 * n; ++i) if (!skip(depth + 1)) return false;
            return true;
        }
        if ((c & 0xF0) == 0x90 || c == 0xDC || c == 0xDD) {
            if (!array(&n)) return false;
            for (uint64_t i = 0; i < n; ++i) if (!skip(depth + 1)) return false;
            return true;
        }
        ++p_;
        switch (c) {
            case 0xC4: case 0xC5: case 0xC6:  // bin 8/16/32
                if (!be(size_t(1) << (c - 0xC4), &n)) return false;
                return advance(n);
            case 0xC7: case 0xC8: case 0xC9:  // ext 8/16/32
                if (!be(size_t(1) << (c - 0xC7), &n)) return false;
                return advance(n + 1);
            case 0xCA: return advance(4);
            case 0xCB: return advance(8);
            case 0xCC: case 0xCD: case 0xCE: case 0xCF: return advance(size_t(1) << (c - 0xCC));
            case 0xD0: case 0xD1: case 0xD2: case 0xD3: return advance(size_t(1) << (c - 0xD0));
            case 0xD4: case 0xD5: case 0xD6: case 0xD7: case 0xD8:  // fixext
                return advance(1 + (size_t(1) << (c - 0xD4)));
            default: return false;  // 0xC1: never used
        }
    }

private:
    bool peek(uint8_t* c) const {
        if (p_ >= end_) return false;
        *c = *p_;
        return true;
    }
    bool be(size_t n, uint64_t* v) {
        if (n > static_cast<size_t>(end_ - p_)) return false;
        uint64_t r = 0;
        for (size_t k = 0; k < n; ++k) r = (r << 8) | p_[k];
        p_ += n;
        *v = r;
        return true;
    }
    bool advance(uint64_t n) {
        if (n > static_cast<uint64_t>(end_ - p_)) return false;
        p_ += n;
        return true;
    }
    const uint8_t* p_;
    const uint8_t* end_;
};

}  // namespace

std::string EditTrees::to_msgpack() const {
    Packer pk;
    pk.map(1);
    pk.str("trees");
    pk.array(trees_.size());
    for (const EditTreeC& t : trees_) {
        if (t.is_match) {
            pk.map(4);
            pk.str("prefix_len");
            pk.uint(t.prefix_len);
            pk.str("suffix_len");
            pk.uint(t.suffix_len);
            pk.str("prefix_tree");
            pk.uint(t.prefix_tree);
            pk.str("suffix_tree");
            pk.uint(t.suffix_tree);
        } else {
            pk.map(2);
            pk.str("orig");
            pk.uint(t.orig);
            pk.str("subst");
            pk.uint(t.subst);
        }
    }
    return std::move(pk.buf);
}

int EditTrees::from_msgpack(const char* data, size_t size, int64_t* bad, std::string* error) {
    *bad = -1;
    Unpacker up(data, size);
    uint64_t n_keys;
    if (!up.map(&n_keys)) {
        *error = "the data is not a msgpack map";
        return EDIT_TREE_BAD_DATA;
    }
    std::vector<EditTreeC> trees;
    std::vector<std::pair<size_t, std::string>> new_strings;  // (tree index * 2 + field, text)
    bool seen_trees = false;
    for (uint64_t k = 0; k < n_keys; ++k) {
        std::string_view key;
        if (!up.str(&key)) {
            *error = "a top-level key is not a string";
            return EDIT_TREE_BAD_DATA;
        }
        if (key != "trees") {
            if (!up.skip()) {
                *error = "truncated or malformed msgpack";
                return EDIT_TREE_BAD_DATA;
            }
            continue;
        }
        if (seen_trees) {
            *error = "the key 'trees' appears twice";
            return EDIT_TREE_BAD_DATA;
        }
        seen_trees = true;
        uint64_t n_trees;
        if (!up.array(&n_trees)) {
            *error = "'trees' is not a list";
            return EDIT_TREE_BAD_DATA;
        }
        trees.clear();
        trees.reserve(std::min<uint64_t>(n_trees, size));
        for (uint64_t i = 0; i < n_trees; ++i) {
            *bad = static_cast<int64_t>(i);
            uint64_t n_fields;
            if (!up.map(&n_fields)) {
                *error = "the tree is not a map (or the data is truncated)";
                return EDIT_TREE_BAD_FIELDS;
            }
            EditTreeC t{false, 0, 0, EDIT_TREE_NULL, EDIT_TREE_NULL, 0, 0};
            // bits: prefix_len, suffix_len, prefix_tree, suffix_tree, orig, subst
            unsigned seen = 0;
            for (uint64_t f = 0; f < n_fields; ++f) {
                std::string_view name;
                if (!up.str(&name)) {
                    *error = "a field name is not a string";
                    return EDIT_TREE_BAD_FIELDS;
                }
                static const char* names[] = {"prefix_len", "suffix_len", "prefix_tree",
                                              "suffix_tree", "orig", "subst"};
                int field = -1;
                for (int j = 0; j < 6; ++j) if (name == names[j]) field = j;
                if (field < 0 || (seen & (1u << field))) {
                    *error = "unexpected or repeated field '" + std::string(name) + "'";
                    return EDIT_TREE_BAD_FIELDS;
                }
                seen |= 1u << field;
                uint64_t v = 0;
                if (field >= 4 && up.is_str()) {
                    std::string_view s;
                    if (!up.str(&s)) {
                        *error = "truncated string";
                        return EDIT_TREE_BAD_DATA;
                    }
                    new_strings.emplace_back(static_cast<size_t>(trees.size()) * 2 + (field - 4),
                                             std::string(s));
                } else if (!up.uint(&v)) {
                    *error = "field '" + std::string(name) + "' is not a non-negative integer";
                    return EDIT_TREE_BAD_FIELDS;
                } else if (field < 4 && v > 0xFFFFFFFFULL) {
                    *error = "field '" + std::string(name) + "' is larger than 2**32 - 1";
                    return EDIT_TREE_BAD_FIELDS;
                }
                switch (field) {
                    case 0: t.prefix_len = static_cast<uint32_t>(v); break;
                    case 1: t.suffix_len = static_cast<uint32_t>(v); break;
                    case 2: t.prefix_tree = static_cast<uint32_t>(v); break;
                    case 3: t.suffix_tree = static_cast<uint32_t>(v); break;
                    case 4: t.orig = v; break;
                    default: t.subst = v; break;
                }
            }
            if (seen == 0x0Fu) t.is_match = true;
            else if (seen != 0x30u) {
                *error = "a tree needs exactly prefix_len, suffix_len, prefix_tree and "
                         "suffix_tree (a match node) or orig and subst (a substitution node)";
                return EDIT_TREE_BAD_FIELDS;
            }
            trees.push_back(t);
        }
        *bad = -1;
    }
    if (!up.at_end()) {
        *error = "trailing bytes after the msgpack data";
        return EDIT_TREE_BAD_DATA;
    }
    for (auto& [slot, text] : new_strings) {
        hash_t id = strings_->add(text);
        EditTreeC& t = trees[slot / 2];
        (slot % 2 == 0 ? t.orig : t.subst) = id;
    }
    int status = set_trees(trees, bad);
    if (status == EDIT_TREE_BAD_SUBTREE)
        *error = "a match node refers to a subtree that is not an earlier tree";
    else if (status == EDIT_TREE_UNKNOWN_STRING)
        *error = "a substitution node names a string id the StringStore doesn't hold";
    return status;
}

// ---------------------------------------------------------------------------- batches

int EditTrees::add_pairs(const hash_t* forms, const hash_t* lemmas, int64_t n,
                         const StringStore& form_strings, const StringStore& lemma_strings,
                         int64_t* out, int64_t* bad) {
    Utf8Chars f, l;
    for (int64_t i = 0; i < n; ++i) {
        auto key = std::make_pair(forms[i], lemmas[i]);
        auto it = pair_cache_.find(key);
        if (it != pair_cache_.end()) {
            out[i] = it->second;
            continue;
        }
        const std::string* fs = form_strings.get(forms[i]);
        const std::string* ls = lemma_strings.get(lemmas[i]);
        if (fs == nullptr || ls == nullptr) {
            *bad = i;
            return EDIT_TREE_UNKNOWN_STRING;
        }
        f.decode(*fs);
        l.decode(*ls);
        uint32_t id = add_chars(f, *fs, l, *ls);
        pair_cache_.emplace(key, id);
        out[i] = id;
    }
    return EDIT_TREE_OK;
}

int EditTrees::choose_trees(const float* scores, int64_t n, int64_t n_labels,
                            const int64_t* label_trees, int64_t top_k, const hash_t* forms,
                            const StringStore& form_strings, int64_t* out, int64_t* bad) const {
    for (int64_t j = 0; j < n_labels; ++j) {
        if (label_trees[j] < 0 || static_cast<uint64_t>(label_trees[j]) >= trees_.size()) {
            *bad = j;
            return EDIT_TREE_BAD_ID;
        }
    }
    const int64_t k = std::min(top_k, n_labels);
    Utf8Chars f;
    std::string scratch;
    std::vector<int64_t> order(static_cast<size_t>(n_labels));
    for (int64_t i = 0; i < n; ++i) {
        out[i] = -1;
        if (k <= 0) continue;
        const std::string* fs = form_strings.get(forms[i]);
        if (fs == nullptr) {
            *bad = i;
            return EDIT_TREE_UNKNOWN_STRING;
        }
        f.decode(*fs);
        const float* row = scores + i * n_labels;
        auto better = [row](int64_t a, int64_t b) {
            return row[a] > row[b] || (row[a] == row[b] && a < b);
        };
        if (k == 1) {
            int64_t best = 0;
            for (int64_t j = 1; j < n_labels; ++j) if (row[j] > row[best]) best = j;
            order[0] = best;
        } else {
            for (int64_t j = 0; j < n_labels; ++j) order[j] = j;
            std::partial_sort(order.begin(), order.begin() + k, order.end(), better);
        }
        for (int64_t c = 0; c < k; ++c) {
            uint32_t tree = static_cast<uint32_t>(label_trees[order[c]]);
            scratch.clear();
            if (apply_chars(tree, f, *fs, &scratch)) {
                out[i] = tree;
                break;
            }
        }
    }
    return EDIT_TREE_OK;
}

int EditTrees::apply_batch(const int64_t* tree_ids, const hash_t* forms, int64_t n,
                           const StringStore& form_strings, StringStore* out_strings,
                           bool transient, hash_t* lemmas, uint8_t* applied, int64_t* bad) {
    for (int64_t i = 0; i < n; ++i) {
        if (tree_ids[i] >= 0 && static_cast<uint64_t>(tree_ids[i]) >= trees_.size()) {
            *bad = i;
            return EDIT_TREE_BAD_ID;
        }
    }
    Utf8Chars f;
    std::string lemma;
    for (int64_t i = 0; i < n; ++i) {
        lemmas[i] = 0;
        applied[i] = 0;
        if (tree_ids[i] < 0) continue;
        const std::string* fs = form_strings.get(forms[i]);
        if (fs == nullptr) {
            *bad = i;
            return EDIT_TREE_UNKNOWN_STRING;
        }
        f.decode(*fs);
        lemma.clear();
        if (apply_chars(static_cast<uint32_t>(tree_ids[i]), f, *fs, &lemma)) {
            lemmas[i] = out_strings->add(lemma, transient);
            applied[i] = 1;
        }
    }
    return EDIT_TREE_OK;
}

}  // namespace lexloom
