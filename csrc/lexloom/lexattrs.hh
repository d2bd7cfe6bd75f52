// Lexical attributes of ASCII strings, computed without Python: the flags, the shape and
// the lowercase form, with the same values Python's str methods (and spaCy) give.
// Non-ASCII strings are handled by the binding layer.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "key_set.hh"
#include "structs.hh"

namespace lexloom {

// True if every byte is < 128.
bool is_ascii(const char* s, size_t len);

// Flags from the generic (language-independent) attributes for an ASCII string:
// IS_ALPHA, IS_ASCII, IS_DIGIT, IS_LOWER, IS_UPPER, IS_TITLE, IS_PUNCT, IS_SPACE,
// IS_BRACKET, IS_QUOTE, IS_LEFT_PUNCT, IS_RIGHT_PUNCT, IS_CURRENCY.
flags_t ascii_flags(const char* s, size_t len);

// Word shape: letters -> X/x, digits -> d, other chars kept; runs longer than 4 cut;
// "LONG" for strings of 100 chars or more.
std::string ascii_shape(const char* s, size_t len);

std::string ascii_lower(const char* s, size_t len);

// The language-specific lexical attributes of ASCII strings, for the getters lexloom ships
// (the binding layer recognises them and fills these rules from their data): NORM
// (lex_attrs.norm), IS_STOP (is_stop over a stop list), LIKE_NUM (lex_attrs.like_num, and
// English's with number words and ordinals), LIKE_URL (lex_attrs.like_url), LIKE_EMAIL.
// A rule may leave a string undecided (like_url's last resort is a regex); the Python
// getter decides those.
enum FlagRuleKind : int {
    kRuleNone = 0,
    kRuleStop = 1,         // text.lower() in stop_words
    kRuleLikeNum = 2,      // lex_attrs.like_num
    kRuleLikeNumWords = 3, // lang.en.lex_attrs.like_num: number_words, ordinal suffixes
    kRuleLikeUrl = 4,      // lex_attrs.like_url, up to its URL_MATCH fallback
    kRuleLikeEmail = 5,    // lex_attrs.like_email: False without "@" (else undecided)
};

struct LexAttrRules {
    struct FlagRule {
        uint64_t flag_id;
        int kind;
    };
    std::vector<FlagRule> flags;
    KeySet stop_words;    // hash_utf8 of each stop word
    KeySet number_words;  // hash_utf8 of number and ordinal words (lowercase)
    KeySet tlds;          // hash_utf8 of each top-level domain
    bool norm_native = false;
    KeyMap<uint32_t> norm_exceptions;  // hash_utf8(text) -> index in norm_strings
    std::vector<std::string> norm_strings;

    void clear_flags() {
        flags.clear();
        stop_words.clear();
        number_words.clear();
        tlds.clear();
    }
    void add_flag(uint64_t flag_id, int kind) { flags.push_back({flag_id, kind}); }
    void add_stop_word(const char* s, size_t n) { stop_words.insert(hash_utf8(s, n)); }
    void add_number_word(const char* s, size_t n) { number_words.insert(hash_utf8(s, n)); }
    void add_tld(const char* s, size_t n) { tlds.insert(hash_utf8(s, n)); }
    void clear_norms() {
        norm_native = false;
        norm_exceptions.clear();
        norm_strings.clear();
    }
    void add_norm_exception(const char* s, size_t n, const char* norm, size_t norm_n) {
        if (norm_exceptions.insert(hash_utf8(s, n), static_cast<uint32_t>(norm_strings.size())))
            norm_strings.emplace_back(norm, norm_n);
    }
};

// The flags the rules decide for an ASCII string `s` (whose lowercase form is `lower`);
// `*undecided` receives the bits of the flags the Python getters must still decide.
flags_t ascii_rule_flags(const LexAttrRules& rules, const char* s, size_t len,
                         const std::string& lower, flags_t* undecided);

// NORM of an ASCII string under lex_attrs.norm: its exception, else `lower`.
const std::string& ascii_norm(const LexAttrRules& rules, const char* s, size_t len,
                              const std::string& lower);

// The rules one at a time (1 true, 0 false, -1 undecided), for tests and callers.
int ascii_like_num(const char* s, size_t len, const KeySet* number_words);
int ascii_like_url(const char* s, size_t len, const KeySet& tlds);

}  // namespace lexloom
