"""Errors as spaCy 3.8 raises them: the same builtin exception type (so `except ValueError`
code written for spaCy still catches) and spaCy's error code in lexloom's own message (so
`pytest.raises(ValueError, match="E030")` passes with either library); and the cases where
spaCy returns a value rather than raising."""
from __future__ import annotations

import pytest

import lexloom
from lexloom import util
from lexloom.scorer import ROCAUCScore
from lexloom.tokens import Doc, Span, SpanGroup
from lexloom.training import (Alignment, Example, biluo_tags_to_offsets, iob_to_biluo,
                              offsets_to_biluo_tags)
from lexloom.training.batchers import minibatch_by_words

NLP = lexloom.blank("en")
VOCAB = NLP.vocab
TEXT = "I like London and New York City."


def make(text: str) -> Doc:
    return NLP.make_doc(text)


def words_doc() -> Doc:
    return Doc(VOCAB, words=["Apple", "is", "looking", "at", "buying", "U.K.", "startup"])


def parsed_doc() -> Doc:
    return Doc(VOCAB, words=["A", "b", ".", "C", "d", "."], heads=[1, 1, 1, 4, 4, 4],
               deps=["nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct"])


def example() -> Example:
    return Example(make("Apple is nice"), make("Apple is nice"))


def parsed_example() -> Example:
    ref = parsed_doc()
    return Example(make(ref.text), ref)


def set_conflicting_ents() -> None:
    doc = words_doc()
    doc.ents = [Span(doc, 0, 2, "A"), Span(doc, 1, 3, "B")]


def roc_auc_one_class() -> float:
    score = ROCAUCScore()
    score.score_set(0.5, 1)
    return score.score


def set_int_span_key() -> None:
    doc = words_doc()
    doc.spans[5] = []


CODED = [
    # Example / Example.from_dict
    ("E972", TypeError, lambda: Example(None, None)),
    ("E976", ValueError, lambda: Example.from_dict(make("a"), None)),
    ("E976", ValueError, lambda: Example.from_dict(None, {})),
    ("E983", KeyError, lambda: Example.from_dict(make("a b"), {"foo": [1, 2]})),
    ("E971", ValueError, lambda: Example.from_dict(make("a b"), {"words": ["a", "b"],
                                                                 "heads": [0]})),
    ("E981", ValueError, lambda: Example.from_dict(make("Apple is nice"),
                                                   {"links": {(0, 3): {"Q1": 1.0}}})),
    ("E879", ValueError, lambda: Example.from_dict(make("Apple is nice"),
                                                   {"spans": [(0, 5, "X")]})),
    ("E855", ValueError, lambda: Example.from_dict(make("Apple is nice"),
                                                   {"spans": {"sc": [(0, 3, "X")]}})),
    ("E973", ValueError, lambda: Example.from_dict(make("a b"), {"entities": 5})),
    ("E190", ValueError, lambda: Example.from_dict(make("a b"), {"heads": [0, 5],
                                                                 "deps": ["x", "y"]})),
    ("E969", TypeError, lambda: Example.from_dict(make("a b"), {"tags": [1, 2]})),
    ("E018", KeyError, lambda: parsed_example().get_aligned("HEAD", as_string=True)),
    ("E983", KeyError, lambda: example().get_aligned("NOPE")),
    # alignment, BILUO / IOB, scorer
    ("E949", ValueError, lambda: Alignment.from_strings(["a", "b"], ["a", "c"])),
    ("E949", ValueError, lambda: Alignment.from_strings(["abc"], ["ab"])),
    ("E067", ValueError, lambda: biluo_tags_to_offsets(
        make(TEXT), ["O", "O", "I-LOC", "O", "U-GPE", "I-GPE", "L-GPE", "O"])),
    ("E177", ValueError, lambda: iob_to_biluo(["O", "-", "B-X"])),
    ("E103", ValueError, lambda: offsets_to_biluo_tags(make(TEXT), [(7, 13, "LOC"),
                                                                    (7, 13, "GPE")])),
    ("E103", ValueError, lambda: offsets_to_biluo_tags(make(TEXT), [(7, 13, "LOC"),
                                                                    (10, 20, "GPE")])),
    ("E165", ValueError, roc_auc_one_class),
    # Doc, Span, Token
    ("E030", ValueError, lambda: list(make("no sentences here").sents)),
    ("E030", ValueError, lambda: make("a b c")[0:2].sent),
    ("E030", ValueError, lambda: list(make("a b c")[0:2].sents)),
    ("E043", ValueError, lambda: setattr(parsed_doc()[1], "is_sent_start", True)),
    ("E026", IndexError, lambda: words_doc()[100]),
    ("E035", IndexError, lambda: Span(words_doc(), 5, 2)),
    ("E035", IndexError, lambda: Span(words_doc(), 0, 100)),
    ("E035", IndexError, lambda: Span(words_doc(), -1, 2)),
    ("E035", IndexError, lambda: make("Hello wonderful world of New York City, friends!")[1:9]
     .char_span(9, 0, alignment_mode="expand")),
    ("E057", ValueError, lambda: words_doc()[0:5:2]),
    ("E057", ValueError, lambda: words_doc()[1:6][0:4:2]),
    ("E1002", IndexError, lambda: words_doc()[1:5][10]),
    ("E189", ValueError, lambda: Doc(VOCAB, words=["a", "b"], sent_starts=[1])),
    ("E908", ValueError, lambda: Doc(VOCAB, spaces=[True])),
    ("E027", ValueError, lambda: Doc(VOCAB, words=["a"], spaces=[True, False])),
    ("E1010", ValueError, set_conflicting_ents),
    ("E177", ValueError, lambda: Doc(VOCAB, words=["a", "b"], ents=["X-ORG", "O"])),
    # "-" (BILUO's missing value) is no IOB tag: biluo_to_iob output needs "" or None there
    ("E177", ValueError, lambda: Doc(VOCAB, words=["a", "b", "c"], ents=["O", "-", "B-X"])),
    ("E1017", ValueError, lambda: Doc(VOCAB, words=["a", "b"], heads=[1, 1])),
    ("E1017", ValueError, lambda: Doc(VOCAB).from_json({"text": "Hello world", "tokens": [
        {"id": 0, "start": 0, "end": 5, "head": 1}, {"id": 1, "start": 6, "end": 11}]})),
    ("E1021", ValueError, lambda: Doc(VOCAB, words=["a"], pos=["FOO"])),
    ("E202", ValueError, lambda: words_doc().char_span(0, 5, alignment_mode="foo")),
    ("E202", ValueError, lambda: words_doc()[1:5].char_span(0, 5, alignment_mode="foo")),
    ("E106", ValueError, lambda: words_doc().to_json(underscore=["nope"])),
    ("E106", ValueError, lambda: words_doc().to_json(underscore="abc")),
    ("E194", ValueError, lambda: Doc(VOCAB).from_json({"text": "Hello", "tokens": [
        {"id": 0, "start": 0, "end": 3}, {"id": 1, "start": 2, "end": 5}]})),
    ("E1038", ValueError, lambda: Doc(VOCAB).from_json({"text": 5, "tokens": []},
                                                       validate=True)),
    ("E983", KeyError, lambda: words_doc()[0:2].as_doc(array_head="x")),
    ("E084", ValueError, lambda: Span(words_doc(), 0, 1, label=123456789)),
    # Language, util
    ("E1041", ValueError, lambda: NLP(5)),
    ("E978", TypeError, lambda: NLP.evaluate([make("a")])),
    ("E978", TypeError, lambda: NLP.evaluate("abc")),
    ("E978", TypeError, lambda: NLP.evaluate([("a", {"entities": []})])),
    ("E048", ImportError, lambda: util.get_lang_class("zzz")),
]


@pytest.mark.parametrize("code,exc,call", CODED,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CODED)])
def test_spacy_type_and_code(code, exc, call):
    with pytest.raises(exc, match=rf"\[{code}\]") as info:
        call()
    assert "[lexloom] " in str(info.value)  # lexloom's own message, code included


TYPED = [
    (KeyError, lambda: Doc(VOCAB).from_json({"text": "Hi"})),
    (TypeError, lambda: Doc(VOCAB).from_json(None)),
    (TypeError, lambda: Doc(VOCAB).from_json("abc")),
    (TypeError, set_int_span_key),
    (TypeError, lambda: SpanGroup(words_doc()).from_bytes(None)),
    (TypeError, lambda: SpanGroup(words_doc(), name=5)),
    (ValueError, lambda: offsets_to_biluo_tags(make("Apple pie"), [(0, 5)])),
]


@pytest.mark.parametrize("exc,call", TYPED, ids=[str(i) for i in range(len(TYPED))])
def test_spacy_exception_type(exc, call):
    with pytest.raises(exc, match=r"\[lexloom\] "):
        call()


def test_from_json_errors_still_value_errors():
    # the extra builtin bases add to what they were: lexloom's DocError, a ValueError
    for data in ({"text": "Hi"}, None, "abc"):
        with pytest.raises(ValueError):
            Doc(VOCAB).from_json(data)


def ents_from_short_biluo() -> list[str]:
    eg = Example.from_dict(make("Apple is in Cupertino."), {"entities": ["U-ORG", "O"]})
    return [f"{t.ent_iob_}-{t.ent_type_}" for t in eg.reference]


VALUES = [
    (lambda: iob_to_biluo(["B", "I", "O"]), ["B-", "L-", "O"]),
    (ents_from_short_biluo, ["B-ORG", "O-", "O-", "O-", "O-"]),
    (lambda: [len(b) for b in minibatch_by_words([make("a b"), make("c")], size=0)], [1, 1]),
    (lambda: SpanGroup(words_doc(), name=None).name, None),
]


@pytest.mark.parametrize("call,expected", VALUES, ids=[str(i) for i in range(len(VALUES))])
def test_spacy_return_values(call, expected):
    assert call() == expected


def test_span_label_known_int_id_is_accepted():
    doc = words_doc()
    assert Span(doc, 0, 1, label=VOCAB.strings.add("ORG")).label_ == "ORG"
    assert Span(doc, 0, 1, label=0).label_ == ""


def test_short_biluo_keeps_missing_tags():
    eg = Example.from_dict(make("a b c"), {"entities": ["-", "U-X"]})
    assert [t.ent_iob_ for t in eg.reference] == ["", "B", "O"]


@pytest.mark.parametrize("size", ["2", None, object()])
def test_minibatch_size_that_is_no_number_nor_iterator_is_a_type_error(size):
    from lexloom.errors import BatchSizeTypeError
    from lexloom.util import minibatch

    with pytest.raises(TypeError, match="size is a number or an iterator") as info:
        list(minibatch([1, 2, 3], size=size))
    assert isinstance(info.value, BatchSizeTypeError)


def test_minibatch_sizes_from_numbers_iterators_and_finite_lists():
    from lexloom.util import compounding, minibatch

    assert list(minibatch(range(5), 2)) == [[0, 1], [2, 3], [4]]
    assert list(minibatch(range(5), compounding(1, 4, 2))) == [[0], [1, 2], [3, 4]]
    assert list(minibatch(range(3), [1, 2])) == [[0], [1, 2]]   # sizes and items end together


def test_minibatch_sizes_that_run_out_before_the_items_raise_instead_of_dropping_them():
    from lexloom.errors import BatchSizesExhaustedError
    from lexloom.util import minibatch

    batches = minibatch(range(5), [1, 2])
    assert next(batches) == [0] and next(batches) == [1, 2]
    with pytest.raises(RuntimeError, match="sizes ran out") as info:
        next(batches)   # items 3 and 4 would have been lost
    assert isinstance(info.value, BatchSizesExhaustedError)


def test_set_vector_grows_the_table_as_spacy_does():
    import numpy

    import lexloom

    nlp = lexloom.blank("en")
    nlp.vocab.set_vector("cat", numpy.ones(3, dtype="f"))
    nlp.vocab.set_vector("dog", numpy.ones(3, dtype="f"))
    assert nlp.vocab.vectors.shape == (100, 3) and not nlp.vocab.vectors.is_full
    assert nlp.meta["vectors"]["vectors"] == 100
    for i in range(150):
        nlp.vocab.set_vector(f"w{i}", numpy.full(3, i, dtype="f"))
    assert nlp.vocab.vectors.shape == (169, 3)   # 100 * 1.3 = 130, then 169
    assert nlp.vocab.get_vector("w149").tolist() == [149.0] * 3


def test_reset_vectors_keeps_the_row_count_and_docs_take_the_width():
    import lexloom
    from lexloom.vectors import Vectors

    nlp = lexloom.blank("en")
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, shape=(10, 5))
    nlp.vocab.reset_vectors(width=3)
    assert nlp.vocab.vectors.shape == (10, 3)
    nlp.vocab.reset_vectors()
    assert nlp.vocab.vectors.shape == (10, 3)
    doc = nlp("a b")
    assert doc.vector.shape == doc[0].vector.shape == doc[0:2].vector.shape == (3,)
    with pytest.raises(ValueError, match=r"\[E065\]"):
        nlp.vocab.reset_vectors(width=3, shape=(2, 3))


@pytest.mark.parametrize("value", [["Sing", "Plur"], ("Sing",), 5, None, {"x": 1}])
def test_set_morph_skips_values_that_are_not_strings_with_w100(value):
    import lexloom

    doc = lexloom.blank("en")("a b")
    with pytest.warns(UserWarning, match="W100"):
        doc[0].set_morph({"Number": value, "Person": "3"})
    assert str(doc[0].morph) == "Person=3"


def test_loading_what_is_not_there_is_spacys_e050_an_oserror(tmp_path):
    import lexloom

    for name in (str(tmp_path / "missing"), "no_such_pipeline_package_xyz"):
        with pytest.raises(OSError, match=r"\[E050\]"):
            lexloom.load(name)


def test_initialize_vectors_naming_no_folder_is_e050_an_oserror_and_a_config_error(tmp_path):
    import lexloom
    from lexloom.errors import ConfigError
    from lexloom.training.initialize import init_vocab, load_vectors_into_model

    nlp = lexloom.blank("en")
    missing = str(tmp_path / "vectors")
    for call in (lambda: load_vectors_into_model(nlp, missing),
                 lambda: init_vocab(nlp, data=None, lookups=None, vectors=missing)):
        with pytest.raises(OSError, match=r"\[E050\].*no such folder") as info:
            call()
        assert isinstance(info.value, ConfigError)


def test_noun_chunks_without_an_iterator_is_spacys_e894_not_implemented():
    import lexloom

    doc = lexloom.blank("cs")("Ahoj světe")
    with pytest.raises(NotImplementedError, match=r"\[E894\]"):
        list(doc.noun_chunks)
