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

static bool all_digits(const char* s, size_t len) {
    if (len == 0) return false;
    for (size_t i = 0; i < len; ++i)
        if (!is_digit_c(s[i])) return false;
    return true;
}

static bool all_alpha(const char* s, size_t len) {
    if (len == 0) return false;
    for (size_t i = 0; i < len; ++i)
        if (!is_alpha_c(s[i])) return false;
    return true;
}

int ascii_like_num(const char* s, size_t len, const KeySet* number_words) {
    // _strip_number_punct: one leading sign off, then every "," and "." removed.
    if (len > 0 && (s[0] == '+' || s[0] == '-' || s[0] == '~')) {
        ++s;
        --len;
    }
    std::string t;
    t.reserve(len);
    size_t slashes = 0, slash_at = 0;
    for (size_t i = 0; i < len; ++i) {
        char c = s[i];
        if (c == ',' || c == '.') continue;
        if (c == '/') {
            ++slashes;
            slash_at = t.size();
        }
        t.push_back(c);
    }
    if (all_digits(t.data(), t.size())) return 1;
    if (slashes == 1 && all_digits(t.data(), slash_at) &&
        all_digits(t.data() + slash_at + 1, t.size() - slash_at - 1))
        return 1;
    if (number_words == nullptr) return 0;
    for (auto& c : t)
        if (is_upper_c(c)) c = static_cast<char>(c - 'A' + 'a');
    if (number_words->contains(hash_utf8(t.data(), t.size()))) return 1;
    size_t n = t.size();
    if (n >= 2) {
        std::string_view end(t.data() + n - 2, 2);
        if ((end == "st" || end == "nd" || end == "rd" || end == "th") &&
            all_digits(t.data(), n - 2))
            return 1;
    }
    return 0;
}

int ascii_like_url(const char* s, size_t len, const KeySet& tlds) {
    std::string_view sv(s, len);
    if (sv.substr(0, 7) == "http://" || sv.substr(0, 8) == "https://") return 1;
    if (sv.substr(0, 4) == "www." && len >= 5) return 1;
    if (len == 0 || s[0] == '.' || s[len - 1] == '.') return 0;
    if (sv.find('@') != std::string_view::npos) return 0;
    size_t dot = sv.rfind('.');
    if (dot == std::string_view::npos) return 0;
    std::string_view tld = sv.substr(dot + 1);
    size_t colon = tld.find(':');
    if (colon != std::string_view::npos) tld = tld.substr(0, colon);
    if (!tld.empty() && tld.back() == '/') return 1;
    if (all_alpha(tld.data(), tld.size()) && tlds.contains(hash_utf8(tld.data(), tld.size())))
        return 1;
    return -1;  // URL_MATCH decides
}

flags_t ascii_rule_flags(const LexAttrRules& rules, const char* s, size_t len,
                         const std::string& lower, flags_t* undecided) {
    flags_t f = 0, open = 0;
    for (const auto& rule : rules.flags) {
        int v = 0;
        switch (rule.kind) {
            case kRuleStop:
                v = rules.stop_words.contains(hash_utf8(lower.data(), lower.size()));
                break;
            case kRuleLikeNum:
                v = ascii_like_num(s, len, nullptr);
                break;
            case kRuleLikeNumWords:
                v = ascii_like_num(s, len, &rules.number_words);
                break;
            case kRuleLikeUrl:
                v = ascii_like_url(s, len, rules.tlds);
                break;
            case kRuleLikeEmail:
                v = std::memchr(s, '@', len) != nullptr ? -1 : 0;
                break;
            default:
                v = -1;
        }
        if (v > 0) f |= flags_t(1) << rule.flag_id;
        else if (v < 0) open |= flags_t(1) << rule.flag_id;
    }
    *undecided = open;
    return f;
}

const std::string& ascii_norm(const LexAttrRules& rules, const char* s, size_t len,
                              const std::string& lower) {
    if (!rules.norm_exceptions.empty()) {
        const uint32_t* i = rules.norm_exceptions.find(hash_utf8(s, len));
        if (i != nullptr) return rules.norm_strings[*i];
    }
    return lower;
}

}  // namespace lexloom
