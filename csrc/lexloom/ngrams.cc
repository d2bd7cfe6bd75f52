#include "lexloom/ngrams.hh"

#include <algorithm>

#include "lexloom/hash.hh"

namespace lexloom {

int64_t bag_of_ngrams_capacity(const int64_t* lengths, int64_t n_docs, int ngram_size) {
    int64_t total = 0;
    for (int64_t d = 0; d < n_docs; ++d) {
        for (int n = 1; n <= ngram_size; ++n) total += std::max<int64_t>(0, lengths[d] - n + 1);
    }
    return total;
}

int64_t bag_of_ngrams(const uint64_t* unigrams, const int64_t* lengths, int64_t n_docs,
                      int ngram_size, uint64_t* keys, float* counts, int32_t* n_keys) {
    int64_t written = 0;
    for (int64_t d = 0; d < n_docs; ++d) {
        const int64_t length = lengths[d];
        // the doc's keys go where its distinct keys will be written, then are merged in place
        uint64_t* doc_keys = keys + written;
        int64_t n = 0;
        for (int64_t i = 0; i < length; ++i) doc_keys[n++] = unigrams[i];
        for (int size = 2; size <= ngram_size; ++size) {
            for (int64_t i = 0; i + size <= length; ++i) {
                doc_keys[n++] = murmurhash64a(unigrams + i, size * sizeof(uint64_t), 0);
            }
        }
        std::sort(doc_keys, doc_keys + n);
        int64_t distinct = 0;
        for (int64_t i = 0; i < n;) {
            int64_t j = i + 1;
            while (j < n && doc_keys[j] == doc_keys[i]) ++j;
            doc_keys[distinct] = doc_keys[i];
            counts[written + distinct] = static_cast<float>(j - i);
            ++distinct;
            i = j;
        }
        n_keys[d] = static_cast<int32_t>(distinct);
        written += distinct;
        unigrams += length;
    }
    return written;
}

}  // namespace lexloom
