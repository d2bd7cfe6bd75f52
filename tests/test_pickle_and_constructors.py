"""What spaCy's own test suite does with a pipeline that lexloom must allow too: pickling
the tokenizer, a whole `nlp` and a PhraseMatcher (copy.deepcopy, multiprocessing of user
code), constructing the parser and entity recognizer directly with spaCy's defaults, and
`spacy.matcher.levenshtein`."""
from __future__ import annotations

import copy
import pickle

import numpy
import pytest

import lexloom
from lexloom.matcher import PhraseMatcher, levenshtein
from lexloom.pipeline import DependencyParser, EntityRecognizer
from lexloom.tokenizer import Tokenizer

TEXT = "gimme that, U.K.'s (test) e-mail: a@b.com http://x.org/y?z=1 -- ok!"


def texts(doc) -> list[str]:
    return [t.text for t in doc]


def test_tokenizer_pickles_with_its_rules_and_special_cases():
    nlp = lexloom.blank("en")
    nlp.tokenizer.add_special_case("gimme", [{"ORTH": "gim"}, {"ORTH": "me"}])
    for again in (pickle.loads(pickle.dumps(nlp.tokenizer)), copy.deepcopy(nlp.tokenizer)):
        assert type(again) is Tokenizer
        assert texts(again(TEXT)) == texts(nlp.tokenizer(TEXT))
        assert texts(again("gimme"))[:2] == ["gim", "me"]


@pytest.mark.parametrize("lang", ["fr", "ca", "it", "en"])
@pytest.mark.parametrize("copier", [lambda nlp: pickle.loads(pickle.dumps(nlp)), copy.deepcopy],
                         ids=["pickle", "deepcopy"])
def test_every_language_tokenizer_copies_with_its_token_match(lang, copier):
    # French's token_match compiles on first use; a closure could not be pickled
    nlp = lexloom.blank(lang)
    text = "L'homme, c'est-à-dire Jean-Pierre, a vu l'arc-en-ciel à 3km."
    copied = copier(nlp)
    assert texts(copied(text)) == texts(nlp(text))
    assert copied.tokenizer.token_match is not None or nlp.tokenizer.token_match is None


def test_tokenizer_subclass_keeps_its_class():
    class Mine(Tokenizer):
        pass

    nlp = lexloom.blank("en")
    mine = Mine(nlp.vocab, nlp.tokenizer.rules, nlp.tokenizer.prefix_search,
                nlp.tokenizer.suffix_search, nlp.tokenizer.infix_finditer,
                nlp.tokenizer.token_match, nlp.tokenizer.url_match)
    globals()["Mine"] = Mine  # picklable by name
    Mine.__qualname__ = "Mine"
    try:
        again = pickle.loads(pickle.dumps(mine))
        assert type(again) is Mine and texts(again(TEXT)) == texts(mine(TEXT))
    finally:
        del globals()["Mine"]


def test_a_pipeline_with_an_entity_recognizer_pickles():
    nlp = lexloom.blank("en")
    ner = nlp.add_pipe("ner")
    ner.add_label("ORG")
    nlp.initialize()
    again = pickle.loads(pickle.dumps(nlp))
    assert again.pipe_names == ["ner"]
    assert again.get_pipe("ner").moves.n_moves == ner.moves.n_moves == len(ner.moves.moves)
    doc1, doc2 = nlp("Acme Corp buys things."), again("Acme Corp buys things.")
    assert [(e.text, e.label_) for e in doc1.ents] == [(e.text, e.label_) for e in doc2.ents]


@pytest.mark.parametrize("copier", [lambda nlp: pickle.loads(pickle.dumps(nlp)), copy.deepcopy],
                         ids=["pickle", "deepcopy"])
def test_a_trained_pipeline_pickles_after_it_has_parsed(copier):
    """The parser's and ner's native transition systems are caches: a pipeline that has
    annotated text pickles (spaCy's do: multiprocessing, joblib and Ray send them) and the
    copy annotates the same."""
    nlp = lexloom.load("en_lexloom_sm")
    texts = ["Ada Lovelace wrote the first program in London.", "It ran on paper."]
    before = [[(t.tag_, t.dep_, t.head.i, t.ent_type_) for t in doc] for doc in nlp.pipe(texts)]
    again = copier(nlp)
    after = [[(t.tag_, t.dep_, t.head.i, t.ent_type_) for t in doc] for doc in again.pipe(texts)]
    assert after == before
    assert [(t.dep_, t.head.i) for t in again(texts[0])] == [(d, h) for _, d, h, _ in before[0]]


CALLED: list[int] = []


def note_match(matcher, doc, i, matches) -> None:
    CALLED.append(i)


def test_phrase_matcher_pickles_its_phrases_attribute_and_callbacks():
    nlp = lexloom.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("GREETING", [nlp.make_doc("hello world"), nlp.make_doc("Hi")],
                on_match=note_match)  # a module-level function pickles by name
    matcher.add("GONE", [nlp.make_doc("bar")])
    matcher.remove("GONE")
    again = pickle.loads(pickle.dumps(matcher))
    doc = nlp.make_doc("HELLO world and hi bar")
    assert len(again) == 1 and "GREETING" in again and "GONE" not in again
    CALLED.clear()
    found = matcher(doc)
    assert again(doc) == found and len(found) == 2
    assert CALLED == [0, 1, 0, 1]  # both matchers called back for both matches


def test_parser_and_ner_take_spacys_constructor_defaults():
    nlp = lexloom.blank("en")
    model = nlp.add_pipe("parser").model
    parser = DependencyParser(nlp.vocab, model)
    ner = EntityRecognizer(nlp.vocab, nlp.add_pipe("ner").model)
    assert (parser.name, ner.name) == ("parser", "ner")
    assert parser.scorer is not None and ner.scorer is not None
    assert ner.moves.add_action(1, "PERSON") == 1 and ner.moves.add_action(1, "PERSON") == 0
    assert ner.moves.add_action(5, "") == 1  # OUT, no label
    assert ner.moves.add_action(5, "X") == 0  # OUT takes no label
    assert ner.moves.n_moves == 2


@pytest.mark.parametrize("a,b,distance", [("", "", 0), ("kitten", "sitting", 3),
                                           ("abc", "", 3), ("\u3042\u3044", "\u3044", 1)])
def test_levenshtein_is_exported_from_the_matcher_package(a, b, distance):
    assert levenshtein(a, b) == distance == levenshtein(b, a)


def test_a_transformer_pipeline_pickles_after_use(tmp_path):
    """The strided span getter (the default) is a partial, not a closure: spaCy +
    spacy-transformers pipelines pickle, so lexloom's must."""
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from _trf import make_tiny_bert

    nlp = lexloom.blank("en")
    nlp.add_pipe("transformer", config={"model": {"name": str(make_tiny_bert(tmp_path / "b"))}})
    nlp.initialize()
    text = "hello world this is a test"
    before = nlp(text)._.trf_data.last_hidden_layer_state.data
    again = pickle.loads(pickle.dumps(nlp))
    assert numpy.allclose(again(text)._.trf_data.last_hidden_layer_state.data, before)
