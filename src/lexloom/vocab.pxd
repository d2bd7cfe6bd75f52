from .core cimport LexAttrRules, LexemeC, LexemeTable, attr_t, flags_t
from .strings cimport StringStore


cdef class Vocab:
    cdef LexemeTable* lexemes
    cdef readonly StringStore strings
    cdef public str lang
    cdef object _vectors
    cdef object _lex_attr_getters
    cdef list _flag_getters
    cdef list _flag_needs
    cdef object _norm_getter
    # What lex_attr_getters lists of the attributes computed natively (as spaCy, a lexeme
    # gets only the attributes its vocab has getters for): the native flag bits to keep, and
    # _GOT_LOWER | _GOT_PREFIX | ... of LOWER, PREFIX, SUFFIX, SHAPE
    cdef flags_t _native_flags_got
    cdef int _native_strings_got
    # The getters lexloom ships, recognised and run natively for ASCII texts (lexattrs.hh);
    # _py_flag_getters: (flag id, getter, needed chars) of the other flag getters
    cdef LexAttrRules* _rules
    cdef list _py_flag_getters
    # the StopWords set the native IS_STOP table was built from, and its edits then
    cdef object _native_stops
    cdef long _native_stops_edits
    # The language's noun chunk iterator, doclike -> (start, end, label); None if it has none.
    cdef public object get_noun_chunks
    # The language's {"direction", "has_case", "has_letters"} (spaCy's Vocab.writing_system).
    cdef public object writing_system
    cdef object _lookups
    # Settings saved with the vocab (spaCy's Vocab.cfg, e.g. {"oov_prob": -20.0})
    cdef public object cfg
    cdef object _morphology
    # Lexeme.rank values set by hand (orth -> rank); otherwise the vectors row
    cdef object _ranks
    # Objects that keep pointers to lexemes (tokenizer caches): memory zones truncate them
    cdef object _lexeme_caches
    # Threads and memory zones (begin_call, memory_zone.py): calls in progress that hold
    # lexemes or strings not yet in a Doc; the thread releasing a zone (0: none); the thread
    # that began the latest call, and how often that changed
    cdef public long in_flight
    cdef public unsigned long releasing
    cdef public unsigned long last_caller
    cdef public unsigned long caller_changes
    cdef unsigned long _calls_generation   # _fork_generation when in_flight was last valid

    cdef int _begin_call(self) except -1
    cdef size_t _n_lexemes(self)
    cdef void _forget_other_processes(self)

    cdef const LexemeC* get(self, str text) except NULL
    cdef const LexemeC* get_by_orth(self, attr_t orth) except NULL
    cdef const LexemeC* get_slice(self, str text, Py_ssize_t start, Py_ssize_t end) except NULL
    cdef const LexemeC* _make_lexeme(self, str text, bytes utf8) except NULL
    cdef const LexemeC* _make_ascii_lexeme(self, const char* data, size_t n, str text) except NULL
    cdef const LexemeC* _new_lexeme(self, str text, bytes utf8) except NULL
    cdef const LexemeC* _new_ascii_lexeme(self, const char* data, size_t n, str text) except NULL
