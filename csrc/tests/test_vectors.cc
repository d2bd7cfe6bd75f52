// Unit tests of csrc/lexloom/vectors.hh and vectors_reader.hh, with no Python: the key -> row
// map, row gathering, top-n selection, floret n-gram hashes (values spaCy 3.8 gives) and the
// text / binary vectors parsers, their chunking and their errors.
// Run by tests/test_native_cpp.py (or by hand).
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "check.hh"
#include "lexloom/vectors.hh"
#include "lexloom/vectors_reader.hh"

using namespace lexloom;

static void test_key_row_map() {
    KeyRowMap m;
    m.set(30, 1);
    m.set(10, 0);
    m.set(20, 1);
    CHECK(m.find(10) == 0 && m.find(30) == 1 && m.find(99) == -1 && m.size() == 3);
    const uint64_t keys[4] = {30, 99, 10, 20};
    int64_t rows[4];
    m.find_batch(keys, 4, rows);
    CHECK(rows[0] == 1 && rows[1] == -1 && rows[2] == 0 && rows[3] == 1);
    uint64_t ks[3];
    int64_t rs[3];
    m.items(ks, rs);  // in the order the keys were first added
    CHECK(ks[0] == 30 && rs[0] == 1 && ks[1] == 10 && rs[1] == 0 && ks[2] == 20 && rs[2] == 1);
    m.set(30, 2);  // a new row keeps the key's place...
    m.items(ks, rs);
    CHECK(ks[0] == 30 && rs[0] == 2);
    CHECK(m.erase(10) && !m.erase(10));  // ...erasing and adding again moves it to the end
    m.set(10, 0);
    m.items(ks, rs);
    CHECK(ks[0] == 30 && ks[1] == 20 && ks[2] == 10 && rs[2] == 0);
    std::vector<uint64_t> removed_keys;
    std::vector<int64_t> removed_rows;
    CHECK(m.remove_rows_from(1, removed_keys, removed_rows) == 2);
    CHECK(removed_keys.size() == 2 && removed_keys[0] == 30 && removed_rows[0] == 2 &&
          removed_keys[1] == 20 && removed_rows[1] == 1);
    CHECK(m.size() == 1 && m.find(20) == -1 && m.find(10) == 0);
}

static void test_key_row_map_order_survives_many_erasures() {
    // erased keys leave stale entries behind, which are compacted away now and then
    KeyRowMap m;
    for (uint64_t round = 0; round < 50; ++round) {
        for (uint64_t k = 0; k < 100; ++k) m.set(k, static_cast<int64_t>(k));
        for (uint64_t k = 0; k < 100; k += 2) m.erase(k);
    }
    for (uint64_t k = 0; k < 100; k += 2) m.set(k, static_cast<int64_t>(k));
    CHECK(m.size() == 100);
    uint64_t ks[100];
    int64_t rs[100];
    m.items(ks, rs);
    // the odd keys were never erased and keep their first places; the even ones come after
    for (uint64_t i = 0; i < 50; ++i) CHECK(ks[i] == 2 * i + 1 && rs[i] == int64_t(2 * i + 1));
    for (uint64_t i = 0; i < 50; ++i) CHECK(ks[50 + i] == 2 * i);
}

static void test_gather_rows_zero_for_missing() {
    const float table[6] = {1, 2, 3, 4, 5, 6};  // (3, 2)
    const int64_t rows[4] = {2, -1, 0, 7};
    float out[8];
    std::memset(out, 0x7f, sizeof(out));
    gather_rows(table, 3, 2, rows, 4, out);
    CHECK(out[0] == 5 && out[1] == 6 && out[2] == 0 && out[3] == 0 && out[4] == 1 &&
          out[6] == 0 && out[7] == 0);
}

static void test_floret_hashes_match_spacy() {
    // spaCy 3.8: Vectors(mode="floret", minn=2, maxn=5, hash_count=3, hash_seed=42)
    // ._get_ngram_hashes over _get_ngrams("Straße"): "<Straße>", "<S", "St", ...
    FloretSettings s{2, 5, 3, 42, "<", 1, ">", 1};
    std::vector<uint32_t> out;
    const std::string word = "Stra\xc3\x9f" "e";
    CHECK(floret_hashes(word.data(), word.size(), s, out));
    CHECK(out.size() >= 9);
    CHECK(out[0] == 2309289651u && out[1] == 941454055u && out[2] == 2713913783u);
    CHECK(out[3] == 1897997384u && out[4] == 2075491676u && out[5] == 1739350050u);
    CHECK(out[6] == 2698116176u && out[7] == 922508854u && out[8] == 4257281969u);
    // 8 code points padded: 1 whole word + (7 + 6 + 5 + 4) n-grams, 3 hashes each.
    CHECK(out.size() == (1 + 7 + 6 + 5 + 4) * 3);
    out.clear();
    CHECK(floret_hashes("", 0, s, out) && out.empty());
    CHECK(!floret_hashes("\xff", 1, s, out));
}

static void test_parse_text_rows_words_and_chunks() {
    const std::string body = "the 1 2.5 -3e1\nnew york 0 0 1\r\n\n caf\xc3\xa9\t4 5 6";
    std::vector<float> out(9);
    // Not final: the last line has no '\n' yet and is left.
    VectorsChunkResult r = parse_text_vectors(body.data(), body.size(), false, 3, 3, out.data());
    CHECK(r.error == VectorsParseError::none && r.rows == 2 && r.lines == 3);
    CHECK(out[0] == 1 && out[1] == 2.5f && out[2] == -30 && out[5] == 1);
    CHECK(std::string(body.data() + r.word_starts[1], r.word_ends[1] - r.word_starts[1]) ==
          "new york");
    const std::string rest = body.substr(r.consumed);
    r = parse_text_vectors(rest.data(), rest.size(), true, 3, 1, out.data() + 6);
    CHECK(r.error == VectorsParseError::none && r.rows == 1 && out[8] == 6);
    CHECK(std::string(rest.data() + r.word_starts[0], r.word_ends[0] - r.word_starts[0]) ==
          "caf\xc3\xa9");
}

static void test_parse_text_errors() {
    std::vector<float> out(6);
    std::string bad = "a 1 2 3\nb 1 2\n";
    VectorsChunkResult r = parse_text_vectors(bad.data(), bad.size(), true, 3, 2, out.data());
    CHECK(r.error == VectorsParseError::wrong_field_count && r.error_line == 1 &&
          r.error_field == 2);
    bad = "a 1 x 3\n";
    r = parse_text_vectors(bad.data(), bad.size(), true, 3, 2, out.data());
    CHECK(r.error == VectorsParseError::bad_number && r.error_field == 1);
    bad = "\xc3( 1 2 3\n";
    r = parse_text_vectors(bad.data(), bad.size(), true, 3, 2, out.data());
    CHECK(r.error == VectorsParseError::bad_utf8);
    bad = "a 1 2 3\nb 1 2 3\nc 1 2 3\n";
    r = parse_text_vectors(bad.data(), bad.size(), true, 3, 2, out.data());
    CHECK(r.error == VectorsParseError::too_many_rows && r.rows == 2);
}

static void test_parse_binary() {
    std::string body;
    const float v1[2] = {1.5f, -2.0f}, v2[2] = {0.25f, 8.0f};
    body += "cat ";
    body.append(reinterpret_cast<const char*>(v1), 8);
    body += "\ndog ";  // word2vec.c writes a newline after each vector; gensim does not
    body.append(reinterpret_cast<const char*>(v2), 8);
    std::vector<float> out(4);
    VectorsChunkResult r = parse_binary_vectors(body.data(), body.size() - 3, false, 2, 2,
                                                out.data());
    CHECK(r.error == VectorsParseError::none && r.rows == 1 && out[1] == -2.0f);
    r = parse_binary_vectors(body.data(), body.size() - 3, true, 2, 2, out.data());
    CHECK(r.error == VectorsParseError::truncated);
    r = parse_binary_vectors(body.data(), body.size(), true, 2, 2, out.data());
    CHECK(r.error == VectorsParseError::none && r.rows == 2 && out[2] == 0.25f);
    CHECK(std::string(body.data() + r.word_starts[1], r.word_ends[1] - r.word_starts[1]) ==
          "dog");
}

int main() {
    test_key_row_map();
    test_key_row_map_order_survives_many_erasures();
    test_gather_rows_zero_for_missing();
    test_floret_hashes_match_spacy();
    test_parse_text_rows_words_and_chunks();
    test_parse_text_errors();
    test_parse_binary();
    return lexloom_test::report("vectors");
}
