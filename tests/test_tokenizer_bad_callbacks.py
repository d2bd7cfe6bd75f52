"""Custom tokenizer callbacks that return matches cutting nothing, reversed or overlapping
would make empty tokens or repeat text (doc.text != the input; the Doc then saves but never
loads). They are refused with spaCy's code E031, as are special cases with an empty piece."""
import pytest
from lexloom.errors import TokenizerError

import lexloom

TEXT = "Hello, wonderful world! (testing) don't 10km"


class _Match:
    """A match object as `re` returns, with any offsets."""

    def __init__(self, start, end):
        self._start, self._end = start, end

    def start(self):
        return self._start

    def end(self):
        return self._end

    def group(self, *args):
        return "x"


@pytest.mark.parametrize("infixes", [
    lambda s: [_Match(3, 1)] if len(s) > 3 else [],                    # start > end
    lambda s: [_Match(2, 4), _Match(3, 5)] if len(s) > 5 else [],      # overlapping
    lambda s: [_Match(4, 2), _Match(1, 3)] if len(s) > 4 else [],      # out of order
], ids=["reversed", "overlapping", "out-of-order"])
def test_infix_matches_that_break_the_text_are_refused(infixes):
    nlp = lexloom.blank("en")
    nlp.tokenizer.infix_finditer = infixes
    with pytest.raises(ValueError, match=r"\[E031\]") as info:
        nlp(TEXT)
    assert isinstance(info.value, TokenizerError)
    nlp.tokenizer.infix_finditer = None   # the tokenizer still works afterwards
    assert nlp(TEXT).text == TEXT


def test_a_prefix_match_with_start_after_end_is_refused():
    nlp = lexloom.blank("en")
    with pytest.raises(TokenizerError, match=r"\[E031\]"):
        # refused as soon as the special cases are checked against it, as in spaCy
        nlp.tokenizer.prefix_search = lambda s: _Match(2, 0) if len(s) > 2 else None
        nlp(TEXT)


def test_well_behaved_callbacks_still_split():
    nlp = lexloom.blank("en")
    nlp.tokenizer.infix_finditer = lambda s: [_Match(2, 3)] if len(s) > 3 else []
    doc = nlp("abcdef gh")
    assert doc.text == "abcdef gh" and [t.text for t in doc] == ["ab", "c", "def", "gh"]


def test_a_special_case_with_an_empty_piece_is_refused():
    nlp = lexloom.blank("en")
    with pytest.raises(TokenizerError, match=r"\[E031\]"):
        nlp.tokenizer.add_special_case("ab", [{"ORTH": ""}, {"ORTH": "ab"}])
    assert [t.text for t in nlp("x ab y")] == ["x", "ab", "y"]
