// Parsing the bodies of word vectors files: word2vec / fastText / GloVe / floret text (one
// "word v1 v2 ... vD" line per row) and word2vec binary ("word " then D little-endian
// float32, as gensim and word2vec.c write). Headers are read by the caller. The parsers work
// on a chunk of the file at a time and say how many bytes they consumed, so a file is read
// in bounded memory; a record cut by the chunk's end is left for the next chunk.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace lexloom {

enum class VectorsParseError : int {
    none = 0,
    wrong_field_count = 1,  // a text line without exactly `width` values after the word
    bad_number = 2,         // a value that is not a number
    bad_utf8 = 3,           // a word whose bytes are not valid UTF-8
    empty_word = 4,         // a record with no word
    too_many_rows = 5,      // more rows than the caller has room for
    truncated = 6,          // the final chunk ends inside a record
};

struct VectorsChunkResult {
    size_t consumed = 0;       // bytes of the chunk that were parsed
    int64_t rows = 0;          // rows written (out rows row0 .. row0 + rows - 1)
    int64_t lines = 0;         // text: lines consumed (blank ones included)
    VectorsParseError error = VectorsParseError::none;
    int64_t error_line = 0;    // text: 0-based line within the chunk; binary: record index
    int64_t error_field = 0;   // how many values the bad line had, or which one was bad
    // Byte ranges [start, end) of the words of the parsed rows, within the chunk.
    std::vector<size_t> word_starts;
    std::vector<size_t> word_ends;
};

// Whether bytes are valid UTF-8.
bool valid_utf8(const char* s, size_t len);

// Parse text lines from data[0..len). Each non-blank line holds a word (which may contain
// spaces: the last `width` fields are the values) and `width` numbers separated by spaces or
// tabs; trailing whitespace and '\r' are ignored. Rows are written to out + row * width for
// row in [0, max_rows). When `final` is false a line without its '\n' is left unconsumed.
VectorsChunkResult parse_text_vectors(const char* data, size_t len, bool final, int64_t width,
                                      int64_t max_rows, float* out);

// Parse word2vec binary records from data[0..len): optional whitespace (word2vec.c writes a
// '\n' after each vector), the word up to a ' ', then width float32 little-endian values.
VectorsChunkResult parse_binary_vectors(const char* data, size_t len, bool final,
                                        int64_t width, int64_t max_rows, float* out);

}  // namespace lexloom
