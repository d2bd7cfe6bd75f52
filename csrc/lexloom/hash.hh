// MurmurHash64A, the 64-bit hash behind every string id. With seed 1 over UTF-8 bytes it
// gives the ids spaCy's StringStore gives, so hashes in saved data interoperate.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace lexloom {

typedef uint64_t hash_t;
typedef uint64_t attr_t;

inline uint64_t murmurhash64a(const void* key, size_t len, uint64_t seed) {
    const uint64_t m = 0xc6a4a7935bd1e995ULL;
    const int r = 47;
    uint64_t h = seed ^ (static_cast<uint64_t>(len) * m);
    const unsigned char* data = static_cast<const unsigned char*>(key);
    const unsigned char* end = data + (len / 8) * 8;
    while (data != end) {
        uint64_t k;
        std::memcpy(&k, data, 8);
        data += 8;
        k *= m;
        k ^= k >> r;
        k *= m;
        h ^= k;
        h *= m;
    }
    switch (len & 7) {
        case 7: h ^= uint64_t(data[6]) << 48; [[fallthrough]];
        case 6: h ^= uint64_t(data[5]) << 40; [[fallthrough]];
        case 5: h ^= uint64_t(data[4]) << 32; [[fallthrough]];
        case 4: h ^= uint64_t(data[3]) << 24; [[fallthrough]];
        case 3: h ^= uint64_t(data[2]) << 16; [[fallthrough]];
        case 2: h ^= uint64_t(data[1]) << 8; [[fallthrough]];
        case 1: h ^= uint64_t(data[0]); h *= m;
    }
    h ^= h >> r;
    h *= m;
    h ^= h >> r;
    return h;
}

// The id of a UTF-8 string (before symbol lookup): hash64(bytes, seed=1); "" is 0.
inline hash_t hash_utf8(const char* s, size_t len) {
    if (len == 0) return 0;
    return murmurhash64a(s, len, 1);
}

inline hash_t hash_utf8(std::string_view s) { return hash_utf8(s.data(), s.size()); }

}  // namespace lexloom
