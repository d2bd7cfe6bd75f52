"""Syntax on hand-built parses as spaCy 3.8 gives it: the cases a differential fuzz of
noun_chunks, the tree views, get_lca_matrix and displaCy against spaCy found apart (the
expected values are spaCy's, observed on the same Docs)."""
import pytest

import lexloom
from lexloom.tokens import Doc
from lexloom.vocab import create_vocab

# Docs whose heads loop warn when they are made (spaCy keeps them silently)
pytestmark = pytest.mark.filterwarnings("ignore::lexloom.errors.LexloomWarning")


@pytest.fixture(scope="module")
def en_vocab():
    return lexloom.blank("en").vocab


@pytest.fixture(scope="module")
def ja_vocab():
    # no Japanese tokenizer needed: the vocab alone carries the noun_chunks iterator
    return create_vocab("ja", lexloom.util.get_lang_class("ja").Defaults)


JA_WORDS = ["猫", "が", "魚", "を", "食べた"]
JA_POS = ["NOUN", "ADP", "NOUN", "ADP", "VERB"]


def test_ja_noun_chunks_without_parse_is_empty_not_e029(ja_vocab):
    doc = Doc(ja_vocab, words=JA_WORDS, pos=JA_POS)
    assert list(doc.noun_chunks) == []


@pytest.mark.parametrize("label, chunks", [("doclike", [(0, 1), (2, 3)]), ("obj", [(0, 1)])])
def test_ja_noun_chunks_read_spacys_label_list(ja_vocab, label, chunks):
    doc = Doc(ja_vocab, words=JA_WORDS, pos=JA_POS, heads=[4, 0, 4, 2, 4],
              deps=["nsubj", "case", label, "case", "ROOT"])
    assert [(c.start, c.end, c.label_) for c in doc.noun_chunks] == [(s, e, "NP") for s, e in chunks]


def test_nl_noun_chunks_without_pos_carries_e1019():
    doc = Doc(lexloom.blank("nl").vocab, words=["de", "hond"], heads=[1, 1], deps=["det", "ROOT"])
    with pytest.raises(ValueError, match=r"\[E1019\]"):
        list(doc.noun_chunks)


def test_heads_with_all_deps_missing_build_no_tree(en_vocab):
    doc = Doc(en_vocab, words=["a", "b", "c"], heads=[1, 1, 1], deps=["", "", ""])
    assert [t.head.i for t in doc] == [0, 1, 2]
    assert [list(t.children) for t in doc] == [[], [], []]
    assert [t.n_lefts for t in doc] == [0, 0, 0]
    assert [t.left_edge.i for t in doc] == [0, 1, 2]
    assert [t.is_sent_start for t in doc] == [True, None, None]
    assert not doc.has_annotation("DEP")
    assert not doc.has_annotation("SENT_START")
    with pytest.raises(ValueError, match=r"\[E030\]"):
        list(doc.sents)
    with pytest.raises(ValueError, match=r"\[E030\]"):
        doc.get_lca_matrix()


def test_one_token_with_missing_dep_is_a_sentence(en_vocab):
    doc = Doc(en_vocab, words=["a"], heads=[0], deps=[""])
    assert doc[0].is_sent_start is True
    assert [s.text for s in doc.sents] == ["a"]


def test_heads_with_some_deps_missing_build_the_tree(en_vocab):
    doc = Doc(en_vocab, words=["a", "b", "c"], heads=[1, 1, 1], deps=["", "ROOT", ""])
    assert [[c.i for c in t.children] for t in doc] == [[], [0, 2], []]
    assert [t.is_sent_start for t in doc] == [True, False, False]
    assert [(s.start, s.end) for s in doc.sents] == [(0, 3)]


def test_cycle_ancestors_stop_after_len_doc(en_vocab):
    doc = Doc(en_vocab, words=list("abcdef"), heads=[2, 4, 3, 4, 5, 0],
              deps=["da", "da", "acl", "acl", "det", ""])
    assert [a.i for a in doc[0].ancestors] == [2, 3, 4, 5, 0, 2]
    assert doc.get_lca_matrix().tolist() == [
        [0, 4, 2, 3, 4, 5], [4, 1, 2, 3, 4, 5], [2, 2, 2, 3, 4, 5], [3, 3, 3, 3, 4, 5],
        [4, 4, 4, 4, 4, 5], [5, 5, 5, 5, 5, 5]]


@pytest.mark.parametrize("heads, lca", [
    ([1, 2, 0, 3], [[0, 1, 0, -1], [1, 1, 2, -1], [0, 2, 2, -1], [-1, -1, -1, 3]]),
    ([2, 0, 1, 3], [[0, 0, 2, -1], [0, 1, 1, -1], [2, 1, 2, -1], [-1, -1, -1, 3]]),
])
def test_cycle_lca_matrix_as_spacy(en_vocab, heads, lca):
    doc = Doc(en_vocab, words=list("abcd"), heads=heads, deps=["x", "x", "x", "ROOT"])
    assert doc.get_lca_matrix().tolist() == lca
    assert [len(list(t.ancestors)) for t in doc] == [4, 4, 4, 0]


def test_cycle_span_root_is_a_runtime_error_e039(en_vocab):
    doc = Doc(en_vocab, words=list("abcd"), heads=[1, 2, 0, 3], deps=["x", "x", "x", "ROOT"])
    for span in (doc[0:2], doc[1:3]):
        with pytest.raises(RuntimeError, match=r"\[E039\]"):
            span.root
    with pytest.raises(RuntimeError, match=r"\[E039\]"):
        with doc.retokenize() as retokenizer:
            retokenizer.merge(doc[0:2])


def test_overlapping_and_empty_merges_carry_spacys_codes(en_vocab):
    doc = Doc(en_vocab, words=list("abcd"), heads=[1, 1, 1, 1], deps=["x", "ROOT", "x", "x"])
    with pytest.raises(ValueError, match=r"\[E102\]"):
        with doc.retokenize() as retokenizer:
            retokenizer.merge(doc[0:2])
            retokenizer.merge(doc[1:3])
    with pytest.raises(ValueError, match=r"\[E199\]"):
        with doc.retokenize() as retokenizer:
            retokenizer.merge(doc[1:1])


@pytest.mark.parametrize("i, code", [(3, "E040"), (7, "E040"), (8, "E026"), (-4, "E040"),
                                     (-9, "E026")])
def test_doc_index_past_the_end_codes_as_spacy(en_vocab, i, code):
    # displaCy's collapse_phrases reads an empty chunk's root at len(doc): spaCy's E040
    doc = Doc(en_vocab, words=["a", "b", "c"])
    with pytest.raises(IndexError, match=rf"\[{code}\]"):
        doc[i]
