"""Behaviour spaCy's own tests assert (parser/test_add_label, pipeline/test_entity_ruler,
pipeline/test_spancat, vocab_vectors/test_vectors): move tables that name their moves and
step single states, the span categorizer's per-Doc span groups, and floret n-grams, hashes
and edits that are skipped with a warning."""
import pickle
import warnings

import numpy
import pytest
from thinc.types import Ragged

import lexloom
from lexloom.errors import LexloomWarning, PipelineError, VectorsError
from lexloom.pipeline.ner import BiluoMoveTable
from lexloom.pipeline.parser import ArcEagerMoveTable
from lexloom.pipeline.transition_moves import MoveTable
from lexloom.tokens import Doc, Span
from lexloom.training import Example
from lexloom.vectors import Vectors


# ---- move tables name their moves ------------------------------------------------------

def _trained_ner(labels):
    nlp = lexloom.blank("en")
    ner = nlp.add_pipe("ner")
    for label in labels:
        ner.add_label(label)
    doc = nlp.make_doc("Alice met Bob")
    eg = Example.from_dict(doc, {"entities": [(0, 5, labels[0])]})
    nlp.initialize(lambda: [eg])
    return nlp, ner


def test_ner_move_names_survive_to_bytes_from_bytes():
    _nlp, ner1 = _trained_ner(["C", "B", "A"])
    names = [ner1.moves.get_class_name(i) for i in range(ner1.moves.n_moves)]
    # spaCy's order: the seen label's moves by frequency, then labels added before but unseen
    assert names == ["B-C", "I-C", "L-C", "U-C", "U-", "O", "B-B", "I-B", "L-B", "U-B",
                     "B-A", "I-A", "L-A", "U-A"]
    assert [n for n in names if n != "U-"] == ner1.move_names
    nlp2 = lexloom.blank("en")
    ner2 = nlp2.add_pipe("ner")
    ner2.model.attrs["resize_output"](ner2.model, ner1.moves.n_moves)
    ner2.from_bytes(ner1.to_bytes())
    assert isinstance(ner2.moves, BiluoMoveTable)
    assert [ner2.moves.get_class_name(i) for i in range(ner2.moves.n_moves)] == names


def test_parser_move_names_are_arc_eager_names():
    table = ArcEagerMoveTable({0: {"": 1}, 1: {"": 1}, 2: {"nsubj": 3}, 3: {"nsubj": 2},
                               4: {"ROOT": 1}})
    assert [table.get_class_name(i) for i in range(len(table))] == \
        ["S", "D", "L-nsubj", "R-nsubj", "B-ROOT"]
    assert table.get_class_name(-1) == "B-ROOT"
    with pytest.raises(PipelineError, match="out of range"):
        table.get_class_name(5)
    nlp = lexloom.blank("en")
    assert isinstance(nlp.add_pipe("parser").moves, ArcEagerMoveTable)


def test_a_bare_move_table_knows_no_system():
    table = MoveTable({2: {"x": 1}})
    with pytest.raises(PipelineError, match="knows no transition system"):
        table.get_class_name(0)
    with pytest.raises(PipelineError, match="knows no transition system"):
        table.init_batch([])


def test_move_table_pickles_after_building_its_native_system():
    _nlp, ner = _trained_ner(["PER"])
    assert ner.moves.native.n_moves == ner.moves.n_moves
    again = pickle.loads(pickle.dumps(ner.moves))
    assert again.moves == ner.moves.moves and again.native.n_moves == ner.moves.n_moves


# ---- stepping single states ------------------------------------------------------------

def test_ner_states_step_by_move_name_around_a_preset_entity():
    # spaCy's issue 3345: a preset entity crossing a sentence start can still be begun
    nlp = lexloom.blank("en")
    doc = Doc(nlp.vocab, words=["I", "live", "in", "New", "York"])
    doc[4].is_sent_start = True
    doc.ents = [Span(doc, 3, 5, label="GPE")]
    ner = nlp.add_pipe("ner")
    assert ner.moves.add_action(5, "") == 1
    ner.add_label("GPE")
    state = ner.moves.init_batch([doc])[0]
    for _ in range(3):
        ner.moves.apply_transition(state, "O")
    assert ner.moves.is_valid(state, "B-GPE")
    assert not ner.moves.is_valid(state, "O") and not ner.moves.is_valid(state, "U-GPE")
    with pytest.raises(ValueError, match="not valid"):
        ner.moves.apply_transition(state, "O")
    ner.add_label("LOC")  # the state keeps the moves it was made with
    ner.moves.apply_transition(state, "B-GPE")
    ner.moves.apply_transition(state, "L-GPE")
    assert state.is_final()
    with pytest.raises(ValueError, match="not a move"):
        ner.moves.is_valid(state, "B-NOPE")


def test_parser_states_step_by_move_name():
    table = ArcEagerMoveTable({0: {"": 1}, 1: {"": 1}, 2: {"nsubj": 1}, 3: {"dobj": 1},
                               4: {"ROOT": 1}})
    vocab = lexloom.blank("en").vocab
    state = table.init_batch([Doc(vocab, words=["I", "like", "it"])])[0]
    assert [n for n in ("S", "D", "L-nsubj", "R-dobj") if table.is_valid(state, n)] == ["S"]
    for name in ("S", "L-nsubj", "S", "R-dobj", "D"):
        table.apply_transition(state, name)
    assert state.heads[:3] == [1, None, 1]
    with pytest.raises(ValueError, match="Unknown arc-eager move"):
        table.is_valid(state, "X")


# ---- spancat: one Doc's span group -----------------------------------------------------

def _spancat(**config):
    nlp = lexloom.blank("en")
    spancat = nlp.add_pipe("spancat", config={"spans_key": "sc", **config})
    for label in ["Thing", "City", "Person", "GreatCity"]:
        spancat.add_label(label)
    return nlp, spancat


INDICES = numpy.asarray([[0, 1], [1, 2], [0, 2]], dtype="i")
SCORES = numpy.asarray([[0.2, 0.4, 0.3, 0.1], [0.1, 0.6, 0.2, 0.4],
                        [0.8, 0.7, 0.3, 0.9]], dtype="f")


def _triples(group):
    return [(s.text, s.label_) for s in group]


@pytest.mark.parametrize("max_positive,expected", [
    (None, [("London", "City"), ("Greater London", "Thing"), ("Greater London", "City"),
            ("Greater London", "GreatCity")]),
    (1, [("London", "City"), ("Greater London", "GreatCity")]),
    (2, [("London", "City"), ("Greater London", "Thing"), ("Greater London", "GreatCity")])])
def test_multilabel_group_keeps_the_best_labels_over_the_threshold(max_positive, expected):
    nlp, spancat = _spancat(threshold=0.5, max_positive=max_positive)
    doc = nlp.make_doc("Greater London")
    group = spancat._make_span_group_multilabel(doc, INDICES, SCORES)
    assert _triples(group) == expected
    assert group.attrs["scores"][0] == pytest.approx(0.6)
    assert group.attrs["scores"][-1] == pytest.approx(0.9)


@pytest.mark.parametrize("threshold,allow_overlap,expected", [
    (0.05, True, [("Greater", "City"), ("London", "City"), ("Greater London", "GreatCity")]),
    (0.05, False, [("Greater London", "GreatCity")]),
    (0.5, True, [("London", "City"), ("Greater London", "GreatCity")])])
def test_singlelabel_group_takes_each_spans_best_label(threshold, allow_overlap, expected):
    nlp, spancat = _spancat(threshold=threshold, max_positive=1)
    doc = nlp.make_doc("Greater London")
    group = spancat._make_span_group_singlelabel(doc, INDICES, SCORES, allow_overlap)
    assert _triples(group) == expected
    assert group.attrs["scores"][-1] == pytest.approx(0.9)


def test_groups_never_hold_the_negative_label():
    scores = numpy.asarray([[0.2, 0.4, 0.3, 0.1, 0.1], [0.1, 0.6, 0.2, 0.4, 0.9],
                            [0.8, 0.7, 0.3, 0.9, 0.1]], dtype="f")
    nlp, single = _spancat(threshold=0.1, max_positive=1)
    _nlp, multi = _spancat(threshold=0.1, max_positive=2)
    single.add_negative_label = multi.add_negative_label = True
    doc = nlp.make_doc("Greater London")
    # "London" scores best on the negative label: no span for it
    assert _triples(single._make_span_group_singlelabel(doc, INDICES, scores)) == \
        [("Greater", "City"), ("Greater London", "GreatCity")]
    assert _triples(multi._make_span_group_multilabel(doc, INDICES, scores)) == \
        [("Greater", "City"), ("Greater", "Person"), ("London", "City"),
         ("London", "GreatCity"), ("Greater London", "Thing"), ("Greater London", "GreatCity")]


@pytest.mark.parametrize("max_positive", [None, 1])
def test_set_annotations_builds_each_docs_group_the_same_way(max_positive):
    nlp, spancat = _spancat(threshold=0.5, max_positive=max_positive)
    docs = [nlp.make_doc("Greater London"), nlp.make_doc("Greater London")]
    indices = Ragged(numpy.concatenate([INDICES, INDICES]), numpy.asarray([3, 3], dtype="i"))
    scores = numpy.concatenate([SCORES, SCORES[::-1]])
    spancat.set_annotations(docs, (indices, scores))
    make = spancat._make_span_group_singlelabel if max_positive == 1 else \
        spancat._make_span_group_multilabel
    for doc, rows in zip(docs, (SCORES, SCORES[::-1])):
        assert _triples(doc.spans["sc"]) == _triples(make(doc, INDICES, rows))


# ---- floret --------------------------------------------------------------------------

def _floret(nlp):
    data = numpy.random.default_rng(0).standard_normal((10, 10)).astype("f")
    return Vectors(strings=nlp.vocab.strings, data=data, mode="floret", minn=2, maxn=3,
                   hash_count=2, hash_seed=2166136261, bow="<", eow=">")


def test_floret_ngrams_and_their_hashes_explain_a_words_vector():
    nlp = lexloom.blank("en")
    nlp.vocab.vectors = vectors = _floret(nlp)
    ngrams = vectors._get_ngrams("der")
    assert ngrams == ["<der>", "<d", "de", "er", "r>", "<de", "der", "er>"]
    hashes = [h for ngram in ngrams for h in vectors._get_ngram_hashes(ngram)]
    # floret's own rows for these settings (spaCy's test_floret_vectors)
    assert [h % 10 for h in hashes] == [5, 6, 7, 5, 8, 2, 8, 9, 3, 3, 4, 6, 7, 3, 0, 2]
    assert hashes == vectors.get_ngram_hashes("der")
    numpy.testing.assert_allclose(nlp.vocab["der"].vector,
                                  vectors.data[[h % 10 for h in hashes]].mean(axis=0),
                                  rtol=1e-5)
    assert vectors._get_ngrams("") == [] and vectors.get_ngram_hashes("") == []


def test_floret_edits_are_skipped_with_a_warning():
    nlp = lexloom.blank("en")
    nlp.vocab.vectors = vectors = _floret(nlp)
    before = vectors.to_bytes(exclude=["strings"])
    vector = list(range(10))
    with pytest.warns(LexloomWarning, match="floret"):
        nlp.vocab.set_vector("the", vector)
    with pytest.warns(LexloomWarning, match="floret"):
        nlp.vocab["der"].vector = vector
    with pytest.warns(LexloomWarning, match="floret"):
        assert vectors.add("the", row=6) == -1
    with pytest.warns(LexloomWarning, match=r"\[W115\].*floret"):
        assert vectors.resize((100, 10)) == -1   # spaCy's return value there
    with pytest.warns(LexloomWarning, match="floret"):
        vectors["the"] = vector
    assert vectors.to_bytes(exclude=["strings"]) == before
    with pytest.raises(ValueError, match=r"\[E859\].*floret"):
        vectors.clear()
    for call in (lambda: vectors.find(key="the"),
                 lambda: vectors.most_similar(numpy.zeros((1, 10), dtype="float32"))):
        with pytest.raises(ValueError, match=r"\[E858\]"):
            call()


def test_lexeme_vector_can_be_set():
    nlp = lexloom.blank("en")
    nlp.vocab.reset_vectors(width=3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        nlp.vocab["cat"].vector = [1.0, 2.0, 3.0]
    assert nlp.vocab["cat"].vector.tolist() == [1.0, 2.0, 3.0]
    with pytest.raises(VectorsError, match="length 2"):
        nlp.vocab["cat"].vector = [1.0, 2.0]
