// Wordpiece <-> token alignment by character offsets, no Python.
//
// A transformer's tokenizer cuts text into pieces (wordpieces, BPE pieces) that rarely match
// the pipeline's tokens. Both sides carry character spans [start, end) into the same text, so
// token i is aligned to every piece j whose span overlaps its own:
//     piece_start[j] < tok_end[i] && piece_end[j] > tok_start[i]
// and a zero-width span (special pieces such as [CLS] get (0, 0); empty tokens) covers no
// character, so it aligns to nothing. The result is a ragged array: lengths[i] pieces for
// token i, their indices (increasing) concatenated in `indices`.
//
// The slow-tokenizer fallback (pieces without offsets) is a left-to-right matcher over
// normalised code units: `expand_by_table` builds the normalised text with a map back to the
// original characters, `match_pieces` gives each piece the characters it covers.
#pragma once
#include <cstdint>

namespace lexloom {

// Status codes of align_by_offsets (0 = ok).
enum SpanCheck : int {
    ALIGN_OK = 0,
    ALIGN_NEGATIVE_OFFSET = 1,    // a start < 0
    ALIGN_END_BEFORE_START = 2,   // an end < its start
    ALIGN_TOKENS_UNSORTED = 3,    // token i starts before token i-1 ends (tokens must be in
                                  // text order and must not overlap)
};

// The status of the token and piece spans, and in *bad the offending index (the token index
// for token problems, the piece index for piece problems, else -1). *bad_is_piece says which.
int check_spans(const int64_t* tok_starts, const int64_t* tok_ends, int64_t n_tokens,
                const int64_t* piece_starts, const int64_t* piece_ends, int64_t n_pieces,
                int64_t* bad, bool* bad_is_piece);

// Whether the non-empty pieces are in order of their start offset (the fast path).
bool pieces_sorted_by_start(const int64_t* piece_starts, const int64_t* piece_ends,
                            int64_t n_pieces);

// Pass 1: lengths[i] = number of pieces overlapping token i; returns their sum.
// `order` lists the pieces by increasing start (nullptr: the pieces are already in that order,
// see pieces_sorted_by_start). Spans must have passed check_spans. O(n_tokens + n_pieces +
// result) with two pointers: the first token a piece can touch only moves forward.
int64_t count_alignment(const int64_t* tok_starts, const int64_t* tok_ends, int64_t n_tokens,
                        const int64_t* piece_starts, const int64_t* piece_ends,
                        int64_t n_pieces, const int64_t* order, int32_t* lengths);

// Pass 2: fill indices[sum(lengths)] with the piece indices of each token, increasing within
// each token. `lengths` is the output of count_alignment with the same arguments.
void fill_alignment(const int64_t* tok_starts, const int64_t* tok_ends, int64_t n_tokens,
                    const int64_t* piece_starts, const int64_t* piece_ends, int64_t n_pieces,
                    const int64_t* order, const int32_t* lengths, int32_t* indices);

// Stable order of the pieces by start offset (empty pieces included; they are skipped later).
void order_pieces_by_start(const int64_t* piece_starts, int64_t n_pieces, int64_t* order);

// ------------------------------------------------------------------ slow-tokenizer fallback

// Normalise a sequence through a replacement table: unit i of the input is the table entry
// ids[i]; entry e is values[offsets[e] .. offsets[e + 1]) (possibly empty: a dropped
// character). Writes the concatenated replacements to out and, for each written unit, the
// input position it came from to origin. Returns the number written (call with out ==
// nullptr to only count it).
int64_t expand_by_table(const int64_t* ids, int64_t n, const int64_t* offsets,
                        const uint32_t* values, uint32_t* out, int64_t* origin);

// Kinds of pieces for match_pieces.
enum PieceKind : uint8_t {
    PIECE_TEXT = 0,     // matched against the text
    PIECE_SPECIAL = 1,  // [CLS], <s>, ...: an empty span, unless the text holds it right
                        // where the cursor stands (a tokenizer reads "[MASK]" in text as one)
    PIECE_UNKNOWN = 2,  // [UNK], <unk>: covers the unmatched text before the next match
};

// Match pieces left to right against a normalised text.
//   text[0..n_text): normalised code units (whitespace removed); origin[k] is the original
//   character index of text[k] (non-decreasing); text_length is the original text's length in
//   characters. word_starts[k] != 0 where a word starts at unit k (after whitespace, at or
//   after punctuation, ...), or nullptr: where characters were dropped before unit k.
//   piece_units[piece_offsets[j] .. piece_offsets[j + 1]): the normalised units of piece j.
// A text piece is matched where the cursor stands, else searched for a little way ahead (up
// to `window` units, at a character start). After unknown pieces ([UNK]) it is searched for
// to the end of the text: at a word start leaving at least one word per pending [UNK] first
// (an [UNK] is a whole word the tokenizer couldn't spell), then at any word start, then at
// any character start. A match gives the piece the original
// characters of the units it covers, and the [UNK]s pending since the last match the units
// skipped to get there, cut into words: one word each, the last one taking the words left
// over. [UNK]s still pending at the end share the rest of the text. A piece that isn't found
// (an empty piece, a special piece not at the cursor) gets an empty span at the cursor and
// doesn't move it.
// Always terminates: O(n_pieces * (window + piece length)) plus the searches after [UNK]s.
void match_pieces(const uint32_t* text, const int64_t* origin, const uint8_t* word_starts,
                  int64_t n_text, int64_t text_length, const uint32_t* piece_units,
                  const int64_t* piece_offsets, const uint8_t* kinds, int64_t n_pieces,
                  int64_t window, int64_t* starts, int64_t* ends);

}  // namespace lexloom
