// C++ unit tests of wordpiece alignment (csrc/lexloom/wp_align.*) and the ragged reductions
// (csrc/lexloom/ragged_reduce.*), no Python involved.
#include <cstdint>
#include <vector>

#include "check.hh"
#include "lexloom/ragged_reduce.hh"
#include "lexloom/wp_align.hh"

using namespace lexloom;
using I64 = std::vector<int64_t>;
using I32 = std::vector<int32_t>;

struct Alignment {
    I32 lengths, indices;
};

static Alignment align(const I64& ts, const I64& te, const I64& ps, const I64& pe) {
    const int64_t n = static_cast<int64_t>(ts.size()), m = static_cast<int64_t>(ps.size());
    int64_t bad;
    bool is_piece;
    CHECK(check_spans(ts.data(), te.data(), n, ps.data(), pe.data(), m, &bad, &is_piece) ==
          ALIGN_OK);
    I64 order(m);
    const int64_t* ord = nullptr;
    if (!pieces_sorted_by_start(ps.data(), pe.data(), m)) {
        order_pieces_by_start(ps.data(), m, order.data());
        ord = order.data();
    }
    Alignment a;
    a.lengths.resize(n);
    const int64_t total =
        count_alignment(ts.data(), te.data(), n, ps.data(), pe.data(), m, ord, a.lengths.data());
    a.indices.resize(total);
    fill_alignment(ts.data(), te.data(), n, ps.data(), pe.data(), m, ord, a.lengths.data(),
                   a.indices.data());
    return a;
}

static void test_special_pieces_and_whitespace_tokens() {
    // "New  York": tokens New, "  " (whitespace), York; pieces [CLS] new york [SEP]
    Alignment a = align({0, 3, 5}, {3, 5, 9}, {0, 0, 5, 0}, {0, 3, 9, 0});
    CHECK((a.lengths == I32{1, 0, 1}));
    CHECK((a.indices == I32{1, 2}));
}

static void test_piece_spanning_tokens_and_token_spanning_pieces() {
    // tokens "ab" "cd"; pieces "a" "bc" "d": piece 1 overlaps both tokens
    Alignment a = align({0, 2}, {2, 4}, {0, 1, 3}, {1, 3, 4});
    CHECK((a.lengths == I32{2, 2}));
    CHECK((a.indices == I32{0, 1, 1, 2}));
    // one long piece over three tokens, then a short one
    Alignment b = align({0, 2, 4}, {1, 3, 5}, {0, 4}, {5, 5});
    CHECK((b.lengths == I32{1, 1, 2}));
    CHECK((b.indices == I32{0, 0, 0, 1}));
}

static void test_unsorted_pieces_give_increasing_indices() {
    Alignment a = align({0, 3}, {3, 6}, {3, 0, 1, 4}, {4, 1, 3, 6});
    CHECK((a.lengths == I32{2, 2}));
    CHECK((a.indices == I32{1, 2, 0, 3}));
}

static void test_empty_sides() {
    Alignment a = align({}, {}, {0, 0}, {0, 2});
    CHECK(a.lengths.empty() && a.indices.empty());
    Alignment b = align({0, 2}, {1, 3}, {}, {});
    CHECK((b.lengths == I32{0, 0}) && b.indices.empty());
    Alignment c = align({1}, {1}, {0}, {2});  // an empty token covers no character
    CHECK((c.lengths == I32{0}));
}

static void test_check_spans_reports_the_bad_index() {
    I64 ts{0, 2}, te{3, 5}, ps{0}, pe{1};
    int64_t bad;
    bool is_piece;
    CHECK(check_spans(ts.data(), te.data(), 2, ps.data(), pe.data(), 1, &bad, &is_piece) ==
          ALIGN_TOKENS_UNSORTED);
    CHECK(bad == 1 && !is_piece);
    I64 ps2{0, 4}, pe2{1, 3}, te2{2, 5};
    CHECK(check_spans(ts.data(), te2.data(), 2, ps2.data(), pe2.data(), 2, &bad, &is_piece) ==
          ALIGN_END_BEFORE_START);
    CHECK(bad == 1 && is_piece);
    I64 neg{-1};
    CHECK(check_spans(neg.data(), te.data(), 1, ps.data(), pe.data(), 0, &bad, &is_piece) ==
          ALIGN_NEGATIVE_OFFSET);
}

static void test_expand_by_table() {
    // table: 0 -> "x", 1 -> "" (dropped), 2 -> "yz"
    I64 offsets{0, 1, 1, 3};
    std::vector<uint32_t> values{'x', 'y', 'z'};
    I64 ids{2, 1, 0, 2};
    CHECK(expand_by_table(ids.data(), 4, offsets.data(), values.data(), nullptr, nullptr) == 5);
    std::vector<uint32_t> out(5);
    I64 origin(5);
    expand_by_table(ids.data(), 4, offsets.data(), values.data(), out.data(), origin.data());
    CHECK((out == std::vector<uint32_t>{'y', 'z', 'x', 'y', 'z'}));
    CHECK((origin == I64{0, 0, 2, 3, 3}));
}

static void test_match_pieces() {
    // text "ab?cd" (5 chars) normalised without '?': units a b c d with origins 0 1 3 4 ...
    std::vector<uint32_t> text{'a', 'b', 'c', 'd'};
    I64 origin{0, 1, 3, 4};
    // pieces: [CLS] "ab" [UNK] "d" "zz" [SEP]: the [UNK] takes the units skipped to reach "d"
    // (just 'c', char 3: the '?' was dropped), "zz" is nowhere and gets an empty span
    std::vector<uint32_t> units{'a', 'b', 'd', 'z', 'z'};
    I64 offsets{0, 0, 2, 2, 3, 5, 5};
    std::vector<uint8_t> kinds{PIECE_SPECIAL, PIECE_TEXT, PIECE_UNKNOWN, PIECE_TEXT, PIECE_TEXT,
                               PIECE_SPECIAL};
    I64 starts(6), ends(6);
    match_pieces(text.data(), origin.data(), nullptr, 4, 5, units.data(), offsets.data(),
                 kinds.data(), 6, 8, starts.data(), ends.data());
    CHECK(starts[0] == ends[0]);
    CHECK(starts[1] == 0 && ends[1] == 2);
    CHECK(starts[2] == 3 && ends[2] == 4);
    CHECK(starts[3] == 4 && ends[3] == 5);
    CHECK(starts[4] == ends[4]);
    CHECK(starts[5] == ends[5]);
    // a trailing [UNK] takes the rest of the text
    I64 offsets2{0, 1, 1};
    std::vector<uint8_t> kinds2{PIECE_TEXT, PIECE_UNKNOWN};
    match_pieces(text.data(), origin.data(), nullptr, 4, 5, units.data(), offsets2.data(),
                 kinds2.data(), 2, 8, starts.data(), ends.data());
    CHECK(starts[0] == 0 && ends[0] == 1 && starts[1] == 1 && ends[1] == 5);
    // two [UNK]s share a gap word by word: "ab c  de" -> units a b c d e, origins 0 1 3 6 7
    std::vector<uint32_t> text4{'a', 'b', 'c', 'd', 'e'};
    I64 origin4{0, 1, 3, 6, 7};
    std::vector<uint32_t> units4{'e'};
    I64 offsets4{0, 0, 0, 1};
    std::vector<uint8_t> kinds4{PIECE_UNKNOWN, PIECE_UNKNOWN, PIECE_TEXT};
    match_pieces(text4.data(), origin4.data(), nullptr, 5, 8, units4.data(), offsets4.data(),
                 kinds4.data(), 3, 8, starts.data(), ends.data());
    CHECK(starts[0] == 0 && ends[0] == 2);  // "ab"
    CHECK(starts[1] == 3 && ends[1] == 7);  // "c" and "d": the last [UNK] takes the rest
    CHECK(starts[2] == 7 && ends[2] == 8);
    // more [UNK]s than words: the extra ones stay empty
    std::vector<uint8_t> kinds5{PIECE_UNKNOWN, PIECE_UNKNOWN, PIECE_UNKNOWN};
    I64 offsets5{0, 0, 0, 0};
    match_pieces(text4.data(), origin4.data(), nullptr, 2, 8, units4.data(), offsets5.data(),
                 kinds5.data(), 3, 8, starts.data(), ends.data());
    CHECK(starts[0] == 0 && ends[0] == 2 && starts[1] == ends[1] && starts[2] == ends[2]);
    // the window bounds the search when no [UNK] waits: "d" is 3 units ahead of the cursor
    I64 offsets3{0, 1};
    std::vector<uint32_t> d{'d'};
    std::vector<uint8_t> kinds3{PIECE_TEXT};
    match_pieces(text.data(), origin.data(), nullptr, 4, 5, d.data(), offsets3.data(),
                 kinds3.data(), 1, 1, starts.data(), ends.data());
    CHECK(starts[0] == ends[0]);
    match_pieces(text.data(), origin.data(), nullptr, 4, 5, d.data(), offsets3.data(),
                 kinds3.data(), 1, 3, starts.data(), ends.data());
    CHECK(starts[0] == 4 && ends[0] == 5);
}

static void test_ragged_reductions() {
    // three sequences of width 2: lengths 2, 0, 1
    std::vector<float> X{1, 5, 3, -1, 7, 2};
    I32 lengths{2, 0, 1};
    std::vector<float> Y(6, -9.0f);
    ragged_sum(X.data(), lengths.data(), 3, 2, Y.data());
    CHECK((Y == std::vector<float>{4, 4, 0, 0, 7, 2}));
    ragged_mean(X.data(), lengths.data(), 3, 2, Y.data());
    CHECK((Y == std::vector<float>{2, 2, 0, 0, 7, 2}));
    I32 pos{2, 1};
    I32 which(4);
    std::vector<double> Xd{1, 5, 3, -1, 7, 2};
    std::vector<double> Yd(4);
    ragged_max(Xd.data(), pos.data(), 2, 2, Yd.data(), which.data());
    CHECK((Yd == std::vector<double>{3, 5, 7, 2}));
    CHECK((which == I32{1, 0, 0, 0}));
    I32 starts_ends(3), lasts(2);
    ragged_first(X.data(), pos.data(), 2, 2, Y.data(), starts_ends.data());
    CHECK(Y[0] == 1 && Y[1] == 5 && Y[2] == 7 && Y[3] == 2);
    CHECK((starts_ends == I32{0, 2, 3}));
    ragged_last(X.data(), pos.data(), 2, 2, Y.data(), lasts.data());
    CHECK(Y[0] == 3 && Y[1] == -1 && Y[2] == 7 && Y[3] == 2);
    CHECK((lasts == I32{1, 2}));
}

static void test_ragged_backward() {
    std::vector<float> dY{1, 2, 3, 4, 5, 6};
    I32 lengths{2, 0, 1};
    std::vector<float> dX(6, 0.0f);
    backprop_ragged_sum(dY.data(), lengths.data(), 3, 2, dX.data());
    CHECK((dX == std::vector<float>{1, 2, 1, 2, 5, 6}));
    backprop_ragged_mean(dY.data(), lengths.data(), 3, 2, dX.data());
    CHECK((dX == std::vector<float>{0.5f, 1, 0.5f, 1, 5, 6}));
    I32 pos{2, 1};
    I32 which{1, 0, 0, 0};
    std::vector<float> dXm(6, 0.0f);
    CHECK(backprop_ragged_max(dY.data(), which.data(), pos.data(), 2, 2, dXm.data()) == -1);
    CHECK((dXm == std::vector<float>{0, 2, 1, 0, 3, 4}));
    I32 bad_which{1, 0, 1, 0};  // row 1 of a one-row sequence
    CHECK(backprop_ragged_max(dY.data(), bad_which.data(), pos.data(), 2, 2, dXm.data()) == 2);
    std::vector<float> dXf(6, 0.0f);
    I32 rows{0, 2};
    CHECK(scatter_rows(dY.data(), rows.data(), 2, 2, 3, dXf.data()) == -1);
    CHECK((dXf == std::vector<float>{1, 2, 0, 0, 3, 4}));
    I32 bad_rows{0, 3};
    CHECK(scatter_rows(dY.data(), bad_rows.data(), 2, 2, 3, dXf.data()) == 1);
}

int main() {
    test_special_pieces_and_whitespace_tokens();
    test_piece_spanning_tokens_and_token_spanning_pieces();
    test_unsorted_pieces_give_increasing_indices();
    test_empty_sides();
    test_check_spans_reports_the_bad_index();
    test_expand_by_table();
    test_match_pieces();
    test_ragged_reductions();
    test_ragged_backward();
    return lexloom_test::report("wp-align");
}
