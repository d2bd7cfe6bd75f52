// LexemeTable: the Vocab's store of LexemeC structs, keyed by orth id, with stable addresses
// (tokens point at them for the life of the Vocab).
#pragma once
#include <deque>

#include "key_set.hh"
#include "structs.hh"

namespace lexloom {

class LexemeTable {
public:
    // The lexeme for an orth id, or nullptr.
    const LexemeC* get(attr_t orth) const {
        LexemeC* const* lex = by_orth_.find(orth);
        return lex == nullptr ? nullptr : *lex;
    }
    LexemeC* get_mut(attr_t orth) {
        LexemeC** lex = by_orth_.find(orth);
        return lex == nullptr ? nullptr : *lex;
    }
    // Store a copy of `proto` (its id is set to its position) and return it. If a lexeme with
    // the same orth exists, that one is returned unchanged.
    const LexemeC* add(const LexemeC& proto) {
        LexemeC** known = by_orth_.find(proto.orth);
        if (known != nullptr) return *known;
        lexemes_.push_back(proto);
        LexemeC* lex = &lexemes_.back();
        lex->id = lexemes_.size() - 1;
        by_orth_.insert(lex->orth, lex);
        return lex;
    }
    size_t size() const { return lexemes_.size(); }
    // Forget every lexeme but the first `n` (releases a memory zone's lexemes; no Doc may
    // still point at them).
    void truncate(size_t n) {
        while (lexemes_.size() > n) {
            by_orth_.erase(lexemes_.back().orth);
            lexemes_.pop_back();
        }
    }
    const LexemeC* at(size_t i) const { return &lexemes_[i]; }

private:
    std::deque<LexemeC> lexemes_;
    KeyMap<LexemeC*> by_orth_;
};

}  // namespace lexloom
