#include "dep_match.hh"

#include <algorithm>

namespace lexloom {

DepTree::DepTree(const TokenC* tokens, int32_t n)
    : tokens_(tokens), n_(n), head_(n), root_(n, -1) {
    for (int32_t i = 0; i < n; ++i) {
        int64_t h = int64_t(i) + tokens[i].head;
        head_[i] = (h >= 0 && h < n) ? int32_t(h) : i;
    }
    // Each token's root is its last ancestor (itself when it has no head), found once per
    // path; at most n steps per walk, as spaCy's Token.ancestors guards against cycles.
    std::vector<int32_t> path;
    for (int32_t i = 0; i < n; ++i) {
        if (root_[i] >= 0) continue;
        path.clear();
        int32_t j = i;
        int32_t steps = 0;
        while (root_[j] < 0 && head_[j] != j && steps < n) {
            path.push_back(j);
            j = head_[j];
            ++steps;
        }
        int32_t r = root_[j] >= 0 ? root_[j] : j;
        root_[j] = r;
        for (int32_t k : path) root_[k] = r;
    }
}

bool DepTree::is_ancestor(int32_t anc, int32_t i) const {
    int32_t steps = 0;
    while (head_[i] != i && steps < n_) {
        i = head_[i];
        if (i == anc) return true;
        ++steps;
    }
    return false;
}

bool DepTree::in_subtree(int32_t top, int32_t i) const {
    // Token.subtree recurses through lefts/rights: i is in it iff every step up from i to
    // top is a child found between its parent's edges.
    if (i == top) return false;
    int32_t steps = 0;
    while (i != top) {
        int32_t p = head(i);
        if (p == i || !is_child(p, i) || ++steps > n_) return false;
        i = p;
    }
    return true;
}

bool DepTree::relation(int32_t op, int32_t l, int32_t r) const {
    int32_t h = head(l);
    switch (op) {
        case DEP_HEAD: return h != l && r == h;
        case DEP_CHILD: return is_child(l, r);
        case DEP_ANCESTOR: return is_ancestor(r, l);
        case DEP_DESCENDANT: return in_subtree(l, r);
        case DEP_IMM_PRECEDE:
            return r == l + 1 && r < n_ && r >= sent_start(l) && r < sent_end(l);
        case DEP_PRECEDE: return r > l && r < sent_end(l);
        case DEP_IMM_FOLLOW: return r == l - 1 && r >= 0 && r >= sent_start(l) && r < sent_end(l);
        case DEP_FOLLOW: return r >= sent_start(l) && r < l;
        case DEP_IMM_RIGHT_SIB: return r == l + 1 && is_child(h, r);
        case DEP_IMM_LEFT_SIB: return r == l - 1 && is_child(h, r);
        case DEP_RIGHT_SIB: return r > l && is_child(h, r);
        case DEP_LEFT_SIB: return r < l && is_child(h, r);
        case DEP_IMM_RIGHT_CHILD: return r == l + 1 && is_child(l, r);
        case DEP_IMM_LEFT_CHILD: return r == l - 1 && is_child(l, r);
        case DEP_RIGHT_CHILD: return r > l && is_child(l, r);
        case DEP_LEFT_CHILD: return r < l && is_child(l, r);
        case DEP_IMM_RIGHT_PARENT: return h == l + 1 && r == h;
        case DEP_IMM_LEFT_PARENT: return h == l - 1 && r == h;
        case DEP_RIGHT_PARENT: return h > l && r == h;
        case DEP_LEFT_PARENT: return h < l && r == h;
        default: return false;
    }
}

void dep_match(const DepTree& tree, const int32_t* match_key, const int32_t* match_start,
               int32_t n_matches, int32_t n_keys, const DepPattern* patterns,
               int32_t n_patterns, std::vector<int32_t>& out) {
    // Groups: one per root, numbered by first appearance in the Matcher's results.
    std::vector<int32_t> group_of_root(tree.size(), -1);
    std::vector<int32_t> group(n_matches);
    int32_t n_groups = 0;
    for (int32_t m = 0; m < n_matches; ++m) {
        int32_t r = tree.root(match_start[m]);
        if (group_of_root[r] < 0) group_of_root[r] = n_groups++;
        group[m] = group_of_root[r];
    }
    // Candidate tokens per (group, node key), each list in the Matcher's order.
    std::vector<int32_t> order(n_matches);
    for (int32_t m = 0; m < n_matches; ++m) order[m] = m;
    auto cell = [&](int32_t m) { return int64_t(group[m]) * n_keys + match_key[m]; };
    std::stable_sort(order.begin(), order.end(),
                     [&](int32_t a, int32_t b) { return cell(a) < cell(b); });
    std::vector<int64_t> cells(n_matches);
    std::vector<int32_t> tokens(n_matches);
    for (int32_t k = 0; k < n_matches; ++k) {
        cells[k] = cell(order[k]);
        tokens[k] = match_start[order[k]];
    }
    std::vector<const int32_t*> cand;
    std::vector<int32_t> count, idx, assign;
    for (int32_t p = 0; p < n_patterns; ++p) {
        const DepPattern& pat = patterns[p];
        int32_t nn = pat.n_nodes;
        if (nn <= 0) continue;
        cand.assign(nn, nullptr);
        count.assign(nn, 0);
        idx.assign(nn, -1);
        assign.assign(nn, -1);
        for (int32_t g = 0; g < n_groups; ++g) {
            bool empty = false;
            for (int32_t j = 0; j < nn && !empty; ++j) {
                int64_t c = int64_t(g) * n_keys + pat.key[j];
                auto range = std::equal_range(cells.begin(), cells.end(), c);
                cand[j] = tokens.data() + (range.first - cells.begin());
                count[j] = static_cast<int32_t>(range.second - range.first);
                empty = count[j] == 0;
            }
            if (empty) continue;
            // Depth-first over the candidate lists: the same order as their cartesian
            // product, pruned as soon as node j's edge to its left node fails.
            int32_t j = 0;
            idx[0] = -1;
            while (j >= 0) {
                if (++idx[j] >= count[j]) {
                    --j;
                    continue;
                }
                int32_t tok = cand[j][idx[j]];
                if (j > 0 && !tree.relation(pat.op[j], assign[pat.left[j]], tok)) continue;
                assign[j] = tok;
                if (j == nn - 1) {
                    out.push_back(p);
                    out.insert(out.end(), assign.begin(), assign.end());
                } else {
                    ++j;
                    idx[j] = -1;
                }
            }
        }
    }
}

}  // namespace lexloom
