// The bag of hashed n-grams that spaCy's bag-of-words text classifier reads
// (extract_ngrams, then SparseLinear), one doc after another in one pass.
#pragma once

#include <cstdint>

namespace lexloom {

// How many keys bag_of_ngrams may write for docs of these lengths (before merging repeats).
int64_t bag_of_ngrams_capacity(const int64_t* lengths, int64_t n_docs, int ngram_size);

// For each doc, whose lengths[d] attribute values follow the previous doc's in `unigrams`:
// the values themselves and, for n = 2..ngram_size, the hash of each n consecutive values
// (murmurhash64a of their bytes, seed 0: thinc's ops.ngrams), sorted, each distinct key once
// with how often it occurs (numpy.unique(keys, return_counts=True) per doc, as spaCy's
// extract_ngrams). keys and counts are written one doc after another, n_keys[d] per doc;
// returns how many were written in all.
int64_t bag_of_ngrams(const uint64_t* unigrams, const int64_t* lengths, int64_t n_docs,
                      int ngram_size, uint64_t* keys, float* counts, int32_t* n_keys);

}  // namespace lexloom
