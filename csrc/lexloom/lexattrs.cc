#include "lexattrs.hh"

#include <cstring>
#include <string_view>

namespace lexloom {

bool is_ascii(const char* s, size_t len) {
    for (size_t i = 0; i < len; ++i)
        if (static_cast<unsigned char>(s[i]) >= 128) return false;
    return true;
}

static bool is_upper_c(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower_c(char c) { return c >= 'a' && c <= 'z'; }
static bool is_alpha_c(char c) { return is_upper_c(c) || is_lower_c(c); }
static bool is_digit_c(char c) { return c >= '0' && c <= '9'; }
// Python's str.isspace for ASCII includes the information separators 0x1c-0x1f.
static bool is_space_c(char c) { return c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f); }
// Unicode general category P* among ASCII characters.
static bool is_punct_c(char c) { return c != '\0' && std::strchr("!\"#%&'()*,-./:;?@[\\]_{}", c) != nullptr; }

static bool one_of(std::string_view s, std::initializer_list<std::string_view> items) {
    for (auto item : items)
        if (s == item) return true;
    return false;
}

flags_t ascii_flags(const char* s, size_t len) {
    std::string_view sv(s, len);
    bool alpha = len > 0, digit = len > 0, space = len > 0, punct = true, currency = true;
    bool has_upper = false, has_lower = false;
    // str.istitle: upper only after uncased, lower only after cased, at least one cased.
    bool title = true, prev_cased = false, cased = false;
    for (size_t i = 0; i < len; ++i) {
        char c = s[i];
        alpha &= is_alpha_c(c);
        digit &= is_digit_c(c);
        space &= is_space_c(c);
        punct &= is_punct_c(c);
        currency &= (c == '$');
        if (is_upper_c(c)) {
            has_upper = true;
            if (prev_cased) title = false;
            prev_cased = cased = true;
        } else if (is_lower_c(c)) {
            has_lower = true;
            if (!prev_cased) title = false;
            prev_cased = cased = true;
        } else {
            prev_cased = false;
        }
    }
    flags_t f = 0;
    auto set = [&f](uint64_t id, bool v) { if (v) f |= flags_t(1) << id; };
    set(IS_ALPHA, alpha);
    set(IS_ASCII, true);
    set(IS_DIGIT, digit);
    set(IS_LOWER, has_lower && !has_upper);
    set(IS_UPPER, has_upper && !has_lower);
    set(IS_TITLE, title && cased);
    set(IS_SPACE, space);
    set(IS_PUNCT, punct);
    set(IS_CURRENCY, currency);
    set(IS_BRACKET, one_of(sv, {"(", ")", "[", "]", "{", "}", "<", ">"}));
    set(IS_QUOTE, one_of(sv, {"\"", "'", "`", "''", "``"}));
    set(IS_LEFT_PUNCT, one_of(sv, {"(", "[", "{", "<", "\"", "'", "``"}));
    set(IS_RIGHT_PUNCT, one_of(sv, {")", "]", "}", ">", "\"", "'", "''"}));
    return f;
}

std::string ascii_shape(const char* s, size_t len) {
    if (len >= 100) return "LONG";
    std::string shape;
    shape.reserve(len);
    char last = 0;
    int seq = 0;
    for (size_t i = 0; i < len; ++i) {
        char c = s[i];
        char sc = is_upper_c(c) ? 'X' : is_lower_c(c) ? 'x' : is_digit_c(c) ? 'd' : c;
        if (i > 0 && sc == last) {
            seq += 1;
        } else {
            seq = 0;
            last = sc;
        }
        if (seq < 4) shape.push_back(sc);
    }
    return shape;
}

std::string ascii_lower(const char* s, size_t len) {
    std::string out(s, len);
    for (auto& c : out)
        if (is_upper_c(c)) c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace lexloom
