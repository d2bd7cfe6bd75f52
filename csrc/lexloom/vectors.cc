#include "vectors.hh"

#include "device_math.hh"
#include "hash.hh"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <string>

namespace lexloom {

void KeyRowMap::find_batch(const uint64_t* keys, int64_t n, int64_t* rows) const {
    for (int64_t i = 0; i < n; ++i) rows[i] = find(keys[i]);
}

namespace {

// MurmurHash3's rotation and finaliser, shared with the kernels' 8-byte hash.
using dm::fmix64;
using dm::rotl64;

// Byte offsets of the code points of a UTF-8 string (plus the end offset). False when the
// bytes are not valid UTF-8.
bool code_point_offsets(const std::string& s, std::vector<size_t>& offsets) {
    offsets.clear();
    size_t i = 0;
    const size_t n = s.size();
    while (i < n) {
        offsets.push_back(i);
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t extra;
        if (c < 0x80) extra = 0;
        else if ((c & 0xE0) == 0xC0 && c >= 0xC2) extra = 1;
        else if ((c & 0xF0) == 0xE0) extra = 2;
        else if ((c & 0xF8) == 0xF0 && c <= 0xF4) extra = 3;
        else return false;
        if (i + extra >= n && extra > 0) return false;  // truncated sequence
        for (size_t k = 1; k <= extra; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += extra + 1;
    }
    offsets.push_back(n);
    return true;
}

void push_hashes(const char* data, size_t len, const FloretSettings& s,
                 std::vector<uint32_t>& out) {
    uint64_t h[2];
    murmurhash3_x64_128(data, len, s.hash_seed, h);
    const uint32_t parts[4] = {static_cast<uint32_t>(h[0]), static_cast<uint32_t>(h[0] >> 32),
                               static_cast<uint32_t>(h[1]), static_cast<uint32_t>(h[1] >> 32)};
    const uint32_t count = std::min<uint32_t>(s.hash_count, 4);
    for (uint32_t k = 0; k < count; ++k) out.push_back(parts[k]);
}

}  // namespace

void KeyRowMap::set(uint64_t key, int64_t row) {
    auto it = map_.find(key);
    if (it != map_.end()) {
        it->second.row = row;  // a key keeps its place when its row changes
        return;
    }
    if (order_.size() >= 2 * map_.size() + 1024) compact_order();
    map_.emplace(key, Slot{row, static_cast<int64_t>(order_.size())});
    order_.push_back(key);
}

void KeyRowMap::compact_order() {
    size_t live = 0;
    for (size_t i = 0; i < order_.size(); ++i) {
        auto it = map_.find(order_[i]);
        if (it == map_.end() || it->second.place != static_cast<int64_t>(i)) continue;
        it->second.place = static_cast<int64_t>(live);
        order_[live++] = order_[i];
    }
    order_.resize(live);
}

void KeyRowMap::items(uint64_t* keys, int64_t* rows) const {
    size_t out = 0;
    for (size_t i = 0; i < order_.size(); ++i) {
        auto it = map_.find(order_[i]);
        if (it == map_.end() || it->second.place != static_cast<int64_t>(i)) continue;
        keys[out] = order_[i];
        rows[out] = it->second.row;
        ++out;
    }
}

size_t KeyRowMap::remove_rows_from(int64_t n_rows, std::vector<uint64_t>& keys,
                                   std::vector<int64_t>& rows) {
    size_t removed = 0;
    for (size_t i = 0; i < order_.size(); ++i) {
        auto it = map_.find(order_[i]);
        if (it == map_.end() || it->second.place != static_cast<int64_t>(i)) continue;
        if (it->second.row >= n_rows) {
            keys.push_back(order_[i]);
            rows.push_back(it->second.row);
            map_.erase(it);
            ++removed;
        }
    }
    return removed;
}

void gather_rows(const float* table, int64_t n_rows, int64_t width, const int64_t* rows,
                 int64_t n, float* out) {
    for (int64_t i = 0; i < n; ++i) {
        float* o = out + i * width;
        const int64_t r = rows[i];
        if (r < 0 || r >= n_rows) {
            std::memset(o, 0, sizeof(float) * width);
        } else {
            std::memcpy(o, table + r * width, sizeof(float) * width);
        }
    }
}

void row_hashes(const float* table, int64_t width, const int64_t* rows, int64_t n,
                uint64_t* out) {
    for (int64_t i = 0; i < n; ++i)
        out[i] = murmurhash64a(table + rows[i] * width, sizeof(float) * width, 0x5eed);
}

void murmurhash3_x64_128(const void* key, size_t len, uint32_t seed, uint64_t out[2]) {
    const uint8_t* data = static_cast<const uint8_t*>(key);
    const size_t nblocks = len / 16;
    uint64_t h1 = seed;
    uint64_t h2 = seed;
    const uint64_t c1 = 0x87c37b91114253d5ULL;
    const uint64_t c2 = 0x4cf5ad432745937fULL;
    for (size_t i = 0; i < nblocks; ++i) {
        uint64_t k1, k2;
        std::memcpy(&k1, data + i * 16, 8);
        std::memcpy(&k2, data + i * 16 + 8, 8);
        k1 *= c1; k1 = rotl64(k1, 31); k1 *= c2; h1 ^= k1;
        h1 = rotl64(h1, 27); h1 += h2; h1 = h1 * 5 + 0x52dce729;
        k2 *= c2; k2 = rotl64(k2, 33); k2 *= c1; h2 ^= k2;
        h2 = rotl64(h2, 31); h2 += h1; h2 = h2 * 5 + 0x38495ab5;
    }
    const uint8_t* tail = data + nblocks * 16;
    uint64_t k1 = 0, k2 = 0;
    switch (len & 15) {
        case 15: k2 ^= uint64_t(tail[14]) << 48; [[fallthrough]];
        case 14: k2 ^= uint64_t(tail[13]) << 40; [[fallthrough]];
        case 13: k2 ^= uint64_t(tail[12]) << 32; [[fallthrough]];
        case 12: k2 ^= uint64_t(tail[11]) << 24; [[fallthrough]];
        case 11: k2 ^= uint64_t(tail[10]) << 16; [[fallthrough]];
        case 10: k2 ^= uint64_t(tail[9]) << 8; [[fallthrough]];
        case 9: k2 ^= uint64_t(tail[8]);
            k2 *= c2; k2 = rotl64(k2, 33); k2 *= c1; h2 ^= k2;
            [[fallthrough]];
        case 8: k1 ^= uint64_t(tail[7]) << 56; [[fallthrough]];
        case 7: k1 ^= uint64_t(tail[6]) << 48; [[fallthrough]];
        case 6: k1 ^= uint64_t(tail[5]) << 40; [[fallthrough]];
        case 5: k1 ^= uint64_t(tail[4]) << 32; [[fallthrough]];
        case 4: k1 ^= uint64_t(tail[3]) << 24; [[fallthrough]];
        case 3: k1 ^= uint64_t(tail[2]) << 16; [[fallthrough]];
        case 2: k1 ^= uint64_t(tail[1]) << 8; [[fallthrough]];
        case 1: k1 ^= uint64_t(tail[0]);
            k1 *= c1; k1 = rotl64(k1, 31); k1 *= c2; h1 ^= k1;
    }
    h1 ^= len;
    h2 ^= len;
    h1 += h2;
    h2 += h1;
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 += h2;
    h2 += h1;
    out[0] = h1;
    out[1] = h2;
}

void floret_string_hashes(const char* data, size_t len, const FloretSettings& s,
                          std::vector<uint32_t>& out) {
    push_hashes(data, len, s, out);
}

bool floret_hashes(const char* word, size_t len, const FloretSettings& s,
                   std::vector<uint32_t>& out) {
    if (len == 0) return true;
    std::string padded;
    padded.reserve(s.bow_len + len + s.eow_len);
    padded.append(s.bow, s.bow_len).append(word, len).append(s.eow, s.eow_len);
    std::vector<size_t> offsets;
    if (!code_point_offsets(padded, offsets)) return false;
    const size_t n_chars = offsets.size() - 1;
    push_hashes(padded.data(), padded.size(), s, out);
    // n-grams longer than the word don't exist: stop there, not at maxn (which a file may
    // set to anything up to 2^32 - 1)
    const size_t longest = std::min<size_t>(s.maxn, n_chars);
    for (size_t size = std::max<size_t>(s.minn, 1); size <= longest; ++size) {
        for (size_t start = 0; start + size <= n_chars; ++start) {
            const size_t b = offsets[start], e = offsets[start + size];
            push_hashes(padded.data() + b, e - b, s, out);
        }
    }
    return true;
}

bool floret_vector(const char* word, size_t len, const FloretSettings& s, const float* table,
                   int64_t n_rows, int64_t width, float* out, std::vector<uint32_t>& scratch) {
    std::memset(out, 0, sizeof(float) * width);
    scratch.clear();
    if (!floret_hashes(word, len, s, scratch)) return false;
    if (scratch.empty() || n_rows <= 0) return true;
    // Each row scaled, then added: the order thinc's reduce_mean uses, so results match.
    const float scale = static_cast<float>(1.0 / static_cast<double>(scratch.size()));
    for (uint32_t h : scratch) {
        const float* row = table + int64_t(h % uint64_t(n_rows)) * width;
        for (int64_t j = 0; j < width; ++j) out[j] += row[j] * scale;
    }
    return true;
}

}  // namespace lexloom
