"""Token's spaCy API: has_dep / has_head / has_morph, conjuncts, lexical lookups (prob, cluster,
sentiment, rank, is_oov), entity ids, the deprecated sent_start, iob_strings and the
tokens.token module. Expected values recorded from spaCy 3.8.18."""
from __future__ import annotations

import numpy
import pytest

from lexloom.tokens import Doc, Token
from lexloom.tokens import token as token_module
from lexloom.vectors import Vectors
from lexloom.vocab import Vocab


@pytest.fixture
def vocab():
    return Vocab()


def test_tokens_token_module_names():
    assert token_module.Token is Token
    assert token_module.IOB_STRINGS == ("", "I", "O", "B") == Token.iob_strings()


def test_has_dep_head_and_morph(vocab):
    doc = Doc(vocab, words=["I", "like", "it"], heads=[1, 1, 1], deps=["nsubj", "ROOT", "dobj"],
              morphs=["Case=Nom", "", None])
    assert doc[0].has_dep() and doc[0].has_head()
    assert doc[0].has_morph() and doc[1].has_morph() and not doc[2].has_morph()
    plain = Doc(vocab, words=["a", "b"])
    assert not plain[0].has_dep() and not plain[0].has_head()
    assert plain[1].head.i == 1


def test_conjuncts_follow_conj_arcs(vocab):
    doc = Doc(vocab, words=["Apples", "and", "oranges", "and", "pears"], heads=[0, 0, 0, 2, 2],
              deps=["ROOT", "cc", "conj", "cc", "conj"])
    assert [t.text for t in doc[0].conjuncts] == ["oranges", "pears"]
    assert [t.text for t in doc[2].conjuncts] == ["Apples", "pears"]
    assert [t.text for t in doc[4].conjuncts] == ["Apples", "oranges"]
    assert doc[1].conjuncts == ()


def test_ancestors_lefts_rights_subtree(vocab):
    doc = Doc(vocab, words=["The", "big", "dog", "barked"], heads=[2, 2, 3, 3],
              deps=["det", "amod", "nsubj", "ROOT"])
    assert [t.i for t in doc[0].ancestors] == [2, 3]
    assert [t.i for t in doc[2].lefts] == [0, 1] and list(doc[2].rights) == []
    assert [t.i for t in doc[3].subtree] == [0, 1, 2, 3]


def test_lexical_lookups_defaults_and_tables(vocab):
    doc = Doc(vocab, words=["good", "day"])
    token = doc[0]
    assert (token.prob, token.cluster, token.sentiment) == (-20.0, 0, 0.0)
    orth = vocab.strings["good"]
    vocab.lookups.add_table("lexeme_prob", {orth: -5.5})
    vocab.lookups.add_table("lexeme_cluster", {orth: 42})
    vocab.lookups.add_table("lexeme_sentiment", {orth: 0.7})
    vocab.lookups.add_table("lexeme_settings", {"oov_prob": -15.0})
    assert (token.prob, token.cluster, token.sentiment) == (-5.5, 42, 0.7)
    assert doc[1].prob == -15.0
    doc.user_token_hooks["sentiment"] = lambda t: -1.0
    assert token.sentiment == -1.0
    assert token.lex.orth == orth


def test_rank_and_is_oov_follow_the_vectors_table(vocab):
    doc = Doc(vocab, words=["cat", "dog"])
    assert doc[0].is_oov and doc[0].rank == 0xffffffffffffffff
    vocab.vectors = Vectors(strings=vocab.strings, shape=(2, 3))
    vocab.vectors.add("dog", vector=numpy.ones(3, dtype="float32"))
    vocab.vectors.add("cat", vector=numpy.zeros(3, dtype="float32"))
    assert not doc[0].is_oov and doc[1].rank == 0 and doc[0].rank == 1


def test_entity_ids_are_settable(vocab):
    doc = Doc(vocab, words=["Paris"], ents=["B-GPE"])
    doc[0].ent_kb_id_ = "Q90"
    doc[0].ent_id_ = "paris"
    assert doc[0].ent_kb_id == vocab.strings["Q90"] and doc[0].ent_id == vocab.strings["paris"]
    doc[0].ent_kb_id = 0
    assert doc[0].ent_kb_id_ == ""


def test_sent_start_is_the_deprecated_alias(vocab):
    doc = Doc(vocab, words=["a", "b", "c"], sent_starts=[True, False, True])
    assert doc[0].sent_start is False
    assert (doc[1].sent_start, doc[2].sent_start) == (-1, 1)
    doc[1].sent_start = True
    assert doc[1].is_sent_start


def test_set_morph_and_tensor(vocab):
    doc = Doc(vocab, words=["runs"])
    doc[0].set_morph("Number=Sing|Person=3")
    assert str(doc[0].morph) == "Number=Sing|Person=3"
    assert doc[0].morph.to_json() == "Number=Sing|Person=3"
    doc.tensor = numpy.ones((1, 4), dtype="float32")
    assert doc[0].tensor.shape == (4,)


def test_is_ancestor_of_checks_the_index():
    doc = Doc(Vocab(), words=["a", "b", "c"], heads=[1, 1, 1], deps=["x", "ROOT", "y"])
    assert doc[1].is_ancestor_of(0) and not doc[0].is_ancestor_of(2)
    with pytest.raises(IndexError):
        doc[1].is_ancestor_of(10**6)
    with pytest.raises(IndexError):
        doc[1].is_ancestor_of(-1)


def test_sent_is_the_sentence_of_doc_sents_that_holds_the_token():
    import random

    rng = random.Random(7)
    for _ in range(30):
        n = rng.randint(1, 25)
        starts = [True] + [rng.random() < 0.3 for _ in range(n - 1)]
        doc = Doc(Vocab(), words=[f"w{i}" for i in range(n)], sent_starts=starts)
        sents = list(doc.sents)
        for tok in doc:
            expected = next(s for s in sents if s.start <= tok.i < s.end)
            assert (tok.sent.start, tok.sent.end) == (expected.start, expected.end)
            span = doc[tok.i:min(tok.i + 2, n)]
            assert (span.sent.start, span.sent.end) == (expected.start, expected.end)


def test_sent_honours_user_hooks():
    doc = Doc(Vocab(), words=["a", "b", "c"], sent_starts=[True, False, True])
    doc.user_token_hooks["sent"] = lambda token: "token hook"
    doc.user_span_hooks["sent"] = lambda span: "span hook"
    assert doc[0].sent == "token hook" and doc[0:2].sent == "span hook"
