# C-level declarations of the C++ core in csrc/lexloom/. Other extensions `cimport` this
# (after `lexloom.get_include()` is on their include path) to reach the structs directly.
from libc.stdint cimport uint32_t, uint64_t, int32_t, int64_t
from libcpp cimport bool as cbool
from libcpp.string cimport string
from libcpp.string_view cimport string_view
from libcpp.vector cimport vector

cdef extern from "lexloom/hash.hh" namespace "lexloom" nogil:
    ctypedef uint64_t hash_t
    ctypedef uint64_t attr_t
    uint64_t murmurhash64a(const void* key, size_t len, uint64_t seed)
    hash_t hash_utf8(const char* s, size_t len)

cdef extern from "lexloom/structs.hh" namespace "lexloom" nogil:
    ctypedef uint64_t flags_t

    cdef struct LexemeC:
        flags_t flags
        attr_t id
        int32_t length
        attr_t orth
        attr_t lower
        attr_t norm
        attr_t shape
        attr_t prefix
        attr_t suffix
        attr_t lang

    cdef struct TokenC:
        const LexemeC* lex
        attr_t morph
        int32_t spacy
        int32_t pos
        attr_t tag
        attr_t lemma
        attr_t norm
        int32_t idx
        int32_t head
        attr_t dep
        int32_t l_kids
        int32_t r_kids
        int32_t l_edge
        int32_t r_edge
        int32_t sent_start
        int32_t ent_iob
        attr_t ent_type
        attr_t ent_kb_id
        attr_t ent_id

    cbool lex_check_flag(const LexemeC* lex, uint64_t flag_id)
    void lex_set_flag(LexemeC* lex, uint64_t flag_id, cbool value)
    attr_t lex_get_attr(const LexemeC* lex, uint64_t attr)
    attr_t token_get_attr(const TokenC* t, uint64_t attr)
    cbool token_set_attr(TokenC* t, uint64_t attr, attr_t value)

cdef extern from "lexloom/strings.hh" namespace "lexloom" nogil:
    size_t n_symbols()
    const char* symbol_name(attr_t id)
    attr_t symbol_id(string_view s)

    cdef cppclass CStringStore "lexloom::StringStore":
        @staticmethod
        hash_t id_of(string_view s)
        hash_t add(string_view s)
        hash_t add(string_view s, cbool transient)
        const string* get(hash_t id)
        cbool contains(hash_t id)
        size_t size()
        const vector[hash_t]& keys()
        size_t transient_size()
        const vector[hash_t]& transient_keys()
        cbool is_permanent(hash_t id)
        size_t size_with_transient()
        void truncate_transient(size_t n)

cdef extern from "lexloom/token_array.hh" namespace "lexloom" nogil:
    const int32_t PADDING
    const LexemeC* empty_lexeme()

    cdef struct TokenArray:
        TokenC* data
        int32_t length
        int32_t capacity

    cbool token_array_init(TokenArray* a, int32_t capacity)
    void token_array_free(TokenArray* a)
    cbool token_array_reserve(TokenArray* a, int32_t capacity)
    cbool token_array_push(TokenArray* a, const LexemeC* lex, cbool has_space)
    void token_array_to_array(const TokenC* tokens, int32_t n, const uint64_t* attrs,
                              int32_t n_attrs, uint64_t* out)
    int32_t check_heads(const TokenC* tokens, int32_t n)
    cbool set_children_from_heads(TokenC* tokens, int32_t n)
    void set_children_from_heads_range(TokenC* tokens, int32_t start, int32_t end)
    cbool heads_have_cycle(const TokenC* tokens, int32_t n)
    int32_t token_subtree(const TokenC* tokens, int32_t n, int32_t i, int32_t* out)

cdef extern from "lexloom/lexeme_table.hh" namespace "lexloom" nogil:
    cdef cppclass LexemeTable:
        const LexemeC* get(attr_t orth)
        LexemeC* get_mut(attr_t orth)
        const LexemeC* add(const LexemeC& proto)
        size_t size()
        const LexemeC* at(size_t i)
        void truncate(size_t n)

cdef extern from "lexloom/token_rules.hh" namespace "lexloom" nogil:
    void lex_set_attr(LexemeC* lex, uint64_t attr, attr_t value)

cdef extern from "lexloom/chunk_cache.hh" namespace "lexloom" nogil:
    cdef struct CachedToken:
        const LexemeC* lex
        attr_t norm

    cdef cppclass ChunkCache:
        const CachedToken* find(hash_t key, uint32_t* count)
        cbool add(hash_t key, const CachedToken* tokens, uint32_t count)
        void clear()
        size_t size()
        void truncate(size_t n)
        size_t max_size()
        void set_max_size(size_t n)

cdef extern from "lexloom/key_set.hh" namespace "lexloom" nogil:
    cdef cppclass KeySet:
        cbool contains(uint64_t key)
        size_t count(uint64_t key)
        cbool insert(uint64_t key)
        cbool erase(uint64_t key)
        void clear()
        size_t size()
        cbool empty()

cdef extern from "lexloom/lexattrs.hh" namespace "lexloom" nogil:
    cbool is_ascii(const char* s, size_t len)
    flags_t ascii_flags(const char* s, size_t len)
    string ascii_shape(const char* s, size_t len)
    string ascii_lower(const char* s, size_t len)

    cdef enum FlagRuleKind:
        kRuleNone
        kRuleStop
        kRuleLikeNum
        kRuleLikeNumWords
        kRuleLikeUrl
        kRuleLikeEmail

    cdef cppclass LexAttrRules:
        cbool norm_native
        void clear_flags()
        void add_flag(uint64_t flag_id, int kind)
        void add_stop_word(const char* s, size_t n)
        void add_number_word(const char* s, size_t n)
        void add_tld(const char* s, size_t n)
        void clear_norms()
        void add_norm_exception(const char* s, size_t n, const char* norm, size_t norm_n)

    flags_t ascii_rule_flags(const LexAttrRules& rules, const char* s, size_t len,
                             const string& lower, flags_t* undecided)
    const string& ascii_norm(const LexAttrRules& rules, const char* s, size_t len,
                             const string& lower)
    int ascii_like_num(const char* s, size_t len, const KeySet* number_words)
    int ascii_like_url(const char* s, size_t len, const KeySet& tlds)

cdef extern from "lexloom/retokenize.hh" namespace "lexloom" nogil:
    cdef struct RetokAttr:
        uint64_t attr
        attr_t value

    int32_t span_root(const TokenC* tokens, int32_t n, int32_t start, int32_t end)
    void merged_strings(const TokenC* tokens, const int32_t* starts, const int32_t* ends,
                        int32_t n_spans, const CStringStore& strings, vector[string]* texts,
                        vector[string]* lemmas)
    int32_t merge_spans(TokenC* tokens, int32_t n, const int32_t* starts, const int32_t* ends,
                        int32_t n_spans, const LexemeC* const* lexes, const attr_t* lemmas,
                        const int64_t* attr_offsets, const RetokAttr* attrs, int32_t* new_index)
    int32_t split_tokens(TokenC* tokens, int32_t n, const int32_t* positions,
                         const int32_t* counts, int32_t n_splits, const LexemeC* const* lexes,
                         const int32_t* head_base, const int32_t* head_add, int32_t* first_index)
    void retokenize_finish(TokenC* tokens, int32_t n, bint iob_consistent)
