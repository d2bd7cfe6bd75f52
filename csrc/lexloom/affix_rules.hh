// The tokenizer's affix rules, natively: a backtracking matcher for the subset of Python
// `re` that prefix / suffix / infix / token_match / url_match patterns use, and spaCy's
// per-chunk splitting loop over those matchers and the special cases.
//
// Patterns are not parsed here: Python's own parser (re._parser) turns a pattern into a
// tree, lexloom.tokenizer_native lowers that tree to the flat program below (character
// classes as code point ranges, already expanded for \d \w \s and negation), and rejects
// what the matcher does not model (case folding, backreferences, atomic groups, repeats
// of a body that can match empty). A matcher explores alternatives in the order sre does
// (alternatives left to right, greedy repeats longest first, lazy shortest first,
// lookarounds atomic), so the first match it finds is the one `re` finds.
//
// Text is UTF-32 code points (a Python str's characters, lone surrogates included). No
// exceptions, no Python: every call returns a status, and a match that would recurse too
// deep or take too many steps returns kAbort so the caller can ask Python's `re` instead.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace lexloom {

enum RxStatus : int { kRxNoMatch = 0, kRxMatch = 1, kRxAbort = -1, kRxBadProgram = -2 };

// Program node kinds (prefix encoding, ints):
//   SET     [0, class]
//   SEQ     [1, count, item...]
//   BRANCH  [2, count, (first, alternative)...]   first: the class of characters the
//           alternative can start with, or -1 when unknown (it may consume nothing first)
//   REPEAT  [3, min, max (-1: unbounded), greedy, body]
//   ASSERT  [4, behind, negate, width, body]
//   AT      [5, kind]      kinds: 0 start of string, 1 end ($, also before a final "\n"),
//                                 2 end of string (\Z), 3 \b, 4 \B
// Classes: for each, [n_ranges, lo0, hi0, lo1, hi1, ...] (inclusive, sorted, disjoint).
enum RxOp : int32_t { kRxSet = 0, kRxSeq = 1, kRxBranch = 2, kRxRepeat = 3, kRxAssert = 4, kRxAt = 5 };
enum RxAt : int32_t { kAtStart = 0, kAtEnd = 1, kAtEndString = 2, kAtBoundary = 3, kAtNonBoundary = 4 };
// How a rule is called, as the Python method of a compiled pattern.
enum RxMethod : int32_t { kMethodMatch = 0, kMethodSearch = 1, kMethodFullmatch = 2, kMethodFinditer = 3 };

class Regex {
public:
    // Build from a program (one root node) and its classes. word_class: the index of the
    // class of \w characters (for \b, \B), or -1. first_start: searches need only try
    // position 0 (every match starts at the start). end_width: >= 0 when every match ends
    // at the end of the string (or before a final "\n") and is at most this long, so a
    // search tries only the last positions; -1 otherwise. Returns false on a malformed
    // program.
    // required_class: every match contains a character of this class (-1: none known), so a
    // text without one cannot match and is answered without running the program.
    // tail_classes (with every match ending at the end, as for end_width): one class per
    // alternative of unbounded width, the characters it may consume ("\n" included), so a
    // match of it starts inside the run of such characters that ends the text; end_width is
    // then the widest bounded alternative's width, or -1 when there is none. A search then
    // tries only positions from the earliest such start: linear, not quadratic, when a
    // suffix rule such as "\.\.+$" is searched again after each affix is split off.
    bool build(const int32_t* program, int64_t n_program, const uint32_t* classes,
               int64_t n_classes, int32_t word_class, bool first_start, int32_t end_width,
               int32_t required_class = -1, const int32_t* tail_classes = nullptr,
               int64_t n_tail_classes = 0);

    // A match starting at `pos`: its end in *end. full: it must end at n (fullmatch).
    RxStatus match_at(const char32_t* s, int32_t n, int32_t pos, bool full, int32_t* end) const;
    // The leftmost match, as re's .search.
    RxStatus search(const char32_t* s, int32_t n, int32_t* start, int32_t* end) const;
    // Every match left to right, as re's .finditer, appended as (start, end) pairs; empty
    // matches follow re's rules (after one, the next may start at the same place only if
    // it consumes something).
    RxStatus finditer(const char32_t* s, int32_t n, std::vector<int32_t>* spans) const;
    // The rule called as `method` on s: *found set, *start/*end its first match.
    RxStatus call(RxMethod method, const char32_t* s, int32_t n, int32_t* start, int32_t* end) const;

private:
    struct Node {
        int32_t op = 0;
        int32_t a = 0, b = 0, c = 0, d = 0;  // op's arguments (see above)
        std::vector<int32_t> kids;          // children node ids
        std::vector<int32_t> firsts;        // BRANCH: each alternative's first class or -1
    };
    // A BRANCH's alternatives worth trying by the character at the position: one list per
    // ASCII character, one (index 128) for the end of the text.
    struct BranchIndex {
        std::vector<int32_t> by_char[129];
    };
    struct Class {
        uint64_t ascii[2] = {0, 0};
        std::vector<uint32_t> ranges;  // beyond ASCII: lo, hi pairs
        bool has(char32_t c) const;
    };
    int32_t parse(const int32_t* p, int64_t n, int64_t* at, int depth);
    bool may_match(const char32_t* s, int32_t from, int32_t n) const;
    friend struct RxMatcher;
    std::vector<Node> nodes_;
    std::vector<Class> classes_;
    std::vector<BranchIndex> branches_;  // node.d of a BRANCH indexes this
    int32_t root_ = -1;
    int32_t word_class_ = -1;
    bool first_start_ = false;
    int32_t end_width_ = -1;
    int32_t required_class_ = -1;
    std::vector<int32_t> tail_classes_;
    // The first position a match can start at (see build's end_width and tail_classes).
    int32_t first_possible_start(const char32_t* s, int32_t n) const;
};

// One piece of a split chunk: [start, end) of the chunk; special >= 0 when the piece is
// piece `sub` of that special case (by id), -1 otherwise.
struct SplitPiece {
    int32_t start;
    int32_t end;
    int32_t special;
    int32_t sub;
};

// spaCy's loop over one whitespace-free chunk: special cases, prefixes and suffixes off
// both ends, token_match / url_match, infixes. Rules that are null are absent.
class ChunkSplitter {
public:
    struct Rule {
        std::shared_ptr<Regex> regex;
        RxMethod method = kMethodSearch;
        explicit operator bool() const { return static_cast<bool>(regex); }
    };
    Rule prefix, suffix, infix, token_match, url_match;

    // A special case: its text and the lengths (in code points) of its pieces.
    void add_special(const char32_t* s, int32_t n, const int32_t* piece_lengths, int32_t n_pieces);
    void clear_specials();
    // A special-case phrase: the tokens (lengths of the pieces of `s`) that the special case
    // `special` (an id from add_special) gets without special cases. The phrase pass puts
    // the special case's pieces where a chunk's tokens spell a phrase.
    void add_phrase(const char32_t* s, const int32_t* token_lengths, int32_t n_tokens,
                    int32_t special);
    void clear_phrases();

    // A token_match left to Python: `ranges` ([lo0, hi0, lo1, hi1, ...]) are characters one
    // of which every string it matches holds, so strings without one can't match it.
    void set_guard(const uint32_t* ranges, size_t n_values);

    // Split s[0:n] into *out (cleared first). Returns kRxMatch on success; kRxAbort when a
    // matcher gave up (ask Python instead). phrase_pass: then run the special-case phrase
    // pass over the chunk's tokens; *fallback is set when a phrase match needs what only
    // the Python splitter does (a special case with whitespace), and *out is then unusable.
    // With a guard set: where the split asks token_match about a string holding a guard
    // character, kRxAbort when `asks` is null; otherwise its [start, end) go to *asks and the
    // split goes on as if token_match said no, which holds only if Python's token_match says
    // no to every one of them (the caller checks, and else splits in Python).
    RxStatus split(const char32_t* s, int32_t n, bool with_specials, bool phrase_pass,
                   std::vector<SplitPiece>* out, bool* fallback,
                   std::vector<int32_t>* asks = nullptr) const;
    int32_t special_id(const char32_t* s, int32_t n) const;

private:
    RxStatus affix_len(const Rule& rule, const char32_t* s, int32_t n, int32_t* len) const;
    RxStatus matches(const Rule& rule, const char32_t* s, int32_t n, bool* found) const;
    bool guarded(const char32_t* s, int32_t n) const;
    std::vector<uint32_t> guard_;
    std::unordered_map<std::u32string, int32_t> specials_;
    std::vector<std::vector<int32_t>> special_pieces_;
    int32_t longest_special_ = 0;  // no longer text is looked up (a long chunk: no hashing)
    bool phrase_pass(const char32_t* s, std::vector<SplitPiece>* out) const;
    struct Phrase {
        std::vector<std::u32string> tokens;
        int32_t special;
    };
    std::vector<Phrase> phrases_;
    std::unordered_map<std::u32string, std::vector<int32_t>> phrases_by_first_;
};

// Copy characters of a Python str's storage (1, 2 or 4 bytes each) to UTF-32.
void widen_chars(const void* data, int kind, int64_t start, int64_t end, std::u32string* out);

}  // namespace lexloom
