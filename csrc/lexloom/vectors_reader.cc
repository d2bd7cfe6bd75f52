#include "vectors_reader.hh"

#include <charconv>
#include <cstdlib>
#include <cstring>

namespace lexloom {

namespace {

inline bool is_space(char c) { return c == ' ' || c == '\t'; }

bool parse_float(const char* b, const char* e, float* out) {
    auto r = std::from_chars(b, e, *out);
    if (r.ec == std::errc() && r.ptr == e) return true;
    // from_chars takes no leading '+' and reports out-of-range values; strtof decides those.
    size_t n = static_cast<size_t>(e - b);
    if (n == 0 || n > 63) return false;
    char buf[64];
    std::memcpy(buf, b, n);
    buf[n] = '\0';
    char* end = nullptr;
    *out = std::strtof(buf, &end);
    return end == buf + n;
}

}  // namespace

bool valid_utf8(const char* s, size_t len) {
    size_t i = 0;
    while (i < len) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t extra;
        unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
        if (c < 0x80) { ++i; continue; }
        if (c >= 0xC2 && c <= 0xDF) extra = 1;
        else if (c == 0xE0) { extra = 2; lo = 0xA0; }
        else if (c == 0xED) { extra = 2; hi = 0x9F; }   // no surrogates
        else if (c >= 0xE1 && c <= 0xEF) extra = 2;
        else if (c == 0xF0) { extra = 3; lo = 0x90; }
        else if (c >= 0xF1 && c <= 0xF3) extra = 3;
        else if (c == 0xF4) { extra = 3; hi = 0x8F; }
        else return false;
        if (i + extra >= len) return false;  // cut short
        unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
        if (c1 < lo || c1 > hi) return false;
        for (size_t k = 2; k <= extra; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += extra + 1;
    }
    return true;
}

VectorsChunkResult parse_text_vectors(const char* data, size_t len, bool final, int64_t width,
                                      int64_t max_rows, float* out) {
    VectorsChunkResult r;
    std::vector<const char*> field_starts, field_ends;
    size_t pos = 0;
    while (pos < len) {
        const char* nl = static_cast<const char*>(std::memchr(data + pos, '\n', len - pos));
        size_t line_end;
        size_t next;
        if (nl == nullptr) {
            if (!final) break;
            line_end = len;
            next = len;
        } else {
            line_end = static_cast<size_t>(nl - data);
            next = line_end + 1;
        }
        // Trim trailing whitespace (and '\r').
        size_t e = line_end;
        while (e > pos && (is_space(data[e - 1]) || data[e - 1] == '\r')) --e;
        if (e == pos) {  // blank line
            pos = next;
            ++r.lines;
            continue;
        }
        if (r.rows >= max_rows) {
            r.error = VectorsParseError::too_many_rows;
            r.error_line = r.lines;
            return r;
        }
        // Collect the last `width` fields, scanning back from the end.
        const char* line = data + pos;
        const char* p = data + e;
        field_starts.clear();
        field_ends.clear();
        int64_t found = 0;
        while (found < width && p > line) {
            const char* fe = p;
            while (p > line && !is_space(p[-1])) --p;
            field_starts.push_back(p);
            field_ends.push_back(fe);
            ++found;
            while (p > line && is_space(p[-1])) --p;
        }
        // The word: what is left before the values (must be non-empty).
        const char* word_end = p;
        size_t word_start = pos;
        while (word_start < static_cast<size_t>(word_end - data) && is_space(data[word_start]))
            ++word_start;
        // A word may contain spaces (some GloVe files have them), but not end in a number:
        // then the line has more values than the width.
        bool extra_value = false;
        if (found == width && word_end > data + word_start) {
            const char* wb = word_end;
            while (wb > data + word_start && !is_space(wb[-1])) --wb;
            float ignored;
            extra_value = wb > data + word_start && parse_float(wb, word_end, &ignored);
        }
        if (found < width || word_end <= data + word_start || extra_value) {
            // Count the fields of the line to say what was wrong.
            int64_t n_fields = 0;
            const char* q = line;
            while (q < data + e) {
                while (q < data + e && is_space(*q)) ++q;
                if (q >= data + e) break;
                ++n_fields;
                while (q < data + e && !is_space(*q)) ++q;
            }
            r.error = VectorsParseError::wrong_field_count;
            r.error_line = r.lines;
            r.error_field = n_fields > 0 ? n_fields - 1 : 0;
            return r;
        }
        float* row = out + r.rows * width;
        for (int64_t j = 0; j < width; ++j) {
            // fields were collected last-first
            const size_t k = static_cast<size_t>(width - 1 - j);
            if (!parse_float(field_starts[k], field_ends[k], row + j)) {
                r.error = VectorsParseError::bad_number;
                r.error_line = r.lines;
                r.error_field = j;
                return r;
            }
        }
        const size_t we = static_cast<size_t>(word_end - data);
        if (!valid_utf8(data + word_start, we - word_start)) {
            r.error = VectorsParseError::bad_utf8;
            r.error_line = r.lines;
            return r;
        }
        r.word_starts.push_back(word_start);
        r.word_ends.push_back(we);
        ++r.rows;
        ++r.lines;
        pos = next;
        r.consumed = pos;
    }
    r.consumed = pos;
    return r;
}

VectorsChunkResult parse_binary_vectors(const char* data, size_t len, bool final,
                                        int64_t width, int64_t max_rows, float* out) {
    VectorsChunkResult r;
    const size_t n_bytes = static_cast<size_t>(width) * sizeof(float);
    size_t pos = 0;
    while (true) {
        size_t p = pos;
        while (p < len && (data[p] == '\n' || data[p] == '\r' || data[p] == ' ' ||
                           data[p] == '\t'))
            ++p;
        if (p >= len) {
            pos = p;
            break;
        }
        const char* sp = static_cast<const char*>(std::memchr(data + p, ' ', len - p));
        if (sp == nullptr || static_cast<size_t>(sp - data) + 1 + n_bytes > len) {
            if (final) {
                r.error = VectorsParseError::truncated;
                r.error_line = r.rows;
            }
            break;
        }
        if (r.rows >= max_rows) {
            r.error = VectorsParseError::too_many_rows;
            r.error_line = r.rows;
            break;
        }
        const size_t word_end = static_cast<size_t>(sp - data);
        if (!valid_utf8(data + p, word_end - p)) {
            r.error = VectorsParseError::bad_utf8;
            r.error_line = r.rows;
            break;
        }
        std::memcpy(out + r.rows * width, sp + 1, n_bytes);  // little-endian hosts only
        r.word_starts.push_back(p);
        r.word_ends.push_back(word_end);
        ++r.rows;
        pos = word_end + 1 + n_bytes;
    }
    r.consumed = pos;
    return r;
}

}  // namespace lexloom
