// Attribute ids, numbered exactly as spaCy numbers them (spacy/attrs.pxd), so arrays from
// Doc.to_array and .spacy files mean the same thing in both libraries.
#pragma once
#include <cstdint>

namespace lexloom {

enum AttrId : uint64_t {
    NULL_ATTR = 0,
    IS_ALPHA = 1,
    IS_ASCII = 2,
    IS_DIGIT = 3,
    IS_LOWER = 4,
    IS_PUNCT = 5,
    IS_SPACE = 6,
    IS_TITLE = 7,
    IS_UPPER = 8,
    LIKE_URL = 9,
    LIKE_NUM = 10,
    LIKE_EMAIL = 11,
    IS_STOP = 12,
    IS_OOV_DEPRECATED = 13,
    IS_BRACKET = 14,
    IS_QUOTE = 15,
    IS_LEFT_PUNCT = 16,
    IS_RIGHT_PUNCT = 17,
    IS_CURRENCY = 18,
    // 19..63 are free flag bits
    ID = 64,
    ORTH = 65,
    LOWER = 66,
    NORM = 67,
    SHAPE = 68,
    PREFIX = 69,
    SUFFIX = 70,
    LENGTH = 71,
    CLUSTER = 72,
    LEMMA = 73,
    POS = 74,
    TAG = 75,
    DEP = 76,
    ENT_IOB = 77,
    ENT_TYPE = 78,
    HEAD = 79,
    SENT_START = 80,
    SPACY = 81,
    PROB = 82,
    LANG = 83,
    ENT_KB_ID = 452,
    MORPH = 453,
    ENT_ID = 454,
    IDX = 455,
};

// Entity IOB codes stored in TokenC::ent_iob (spaCy's numbering).
enum EntIob : int32_t { IOB_MISSING = 0, IOB_I = 1, IOB_O = 2, IOB_B = 3 };

}  // namespace lexloom
