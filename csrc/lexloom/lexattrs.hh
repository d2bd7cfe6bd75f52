// Lexical attributes of ASCII strings, computed without Python: the flags, the shape and
// the lowercase form, with the same values Python's str methods (and spaCy) give.
// Non-ASCII strings are handled by the binding layer.
#pragma once
#include <cstddef>
#include <string>

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

}  // namespace lexloom
