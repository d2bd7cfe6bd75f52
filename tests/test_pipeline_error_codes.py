"""spaCy's error codes on pipeline management, vectors, rule components and Matcher patterns:
code written for spaCy checks them (`pytest.raises(ValueError, match="E001")`), so each
lexloom message carries the code spaCy raises for the same call, with the same builtin
exception type. (This file passes unchanged under spaCy 3.8 with `lexloom` swapped for
`spacy`.)"""
import numpy
import pytest

import lexloom
from lexloom.language import Language
from lexloom.matcher import Matcher
from lexloom.vectors import Vectors


def _nlp(*names):
    nlp = lexloom.blank("en")
    for name in names:
        nlp.add_pipe(name)
    return nlp


@pytest.mark.parametrize("where", [{"before": "nope"}, {"after": "nope"}])
def test_adding_next_to_a_missing_component_is_E001(where):
    with pytest.raises(ValueError, match="E001"):
        _nlp("sentencizer").add_pipe("entity_ruler", **where)


@pytest.mark.parametrize("where", [{"before": 2}, {"after": 2}, {"before": -1}, {"after": -5}])
def test_adding_at_a_position_outside_the_pipeline_is_E959(where):
    with pytest.raises(ValueError, match="E959"):
        _nlp("sentencizer", "entity_ruler").add_pipe("merge_entities", **where)


@pytest.mark.parametrize("where", [{"first": True, "last": True}, {"first": False},
                                   {"before": 0, "first": True},
                                   {"after": "sentencizer", "before": "sentencizer"}])
def test_conflicting_positions_are_E006(where):
    with pytest.raises(ValueError, match="E006"):
        _nlp("sentencizer").add_pipe("entity_ruler", **where)


def test_a_second_component_of_one_name_is_E007():
    nlp = _nlp("sentencizer", "entity_ruler")
    existing = r"Existing names: \['sentencizer', 'entity_ruler'\]"   # as spaCy's message
    with pytest.raises(ValueError, match=f"E007.*{existing}"):
        nlp.add_pipe("sentencizer")
    with pytest.raises(ValueError, match=f"E007.*{existing}"):
        nlp.rename_pipe("sentencizer", "entity_ruler")


def test_an_unknown_factory_is_E002_when_adding_and_E967_when_reading_its_meta():
    nlp = _nlp()
    with pytest.raises(ValueError, match="E002"):
        nlp.add_pipe("no_such_factory")
    with pytest.raises(ValueError, match="E967"):
        Language.get_factory_meta("no_such_factory")
    with pytest.raises(ValueError, match="E967"):
        nlp.get_pipe_meta("no_such_component")


def test_a_language_specific_factory_is_unknown_to_other_languages():
    english = lexloom.util.get_lang_class("en")

    @english.component("english_only_for_codes")
    def english_only(doc):
        return doc

    lexloom.blank("en").add_pipe("english_only_for_codes")
    with pytest.raises(ValueError, match="E002"):
        lexloom.blank("de").add_pipe("english_only_for_codes")


def test_components_given_as_objects_are_E966_and_E968():
    nlp = _nlp("sentencizer")
    with pytest.raises(ValueError, match="E966"):
        nlp.add_pipe(lambda doc: doc)
    with pytest.raises(ValueError, match="E968"):
        nlp.replace_pipe("sentencizer", lambda doc: doc)


@pytest.mark.parametrize("call", ["remove_pipe", "disable_pipe", "enable_pipe", "get_pipe"])
def test_a_missing_component_is_E001(call):
    with pytest.raises(KeyError if call == "get_pipe" else ValueError, match="E001"):
        getattr(_nlp("sentencizer"), call)("x")


def test_missing_components_in_rename_replace_and_select_are_E001():
    nlp = _nlp("sentencizer")
    for call in (lambda: nlp.rename_pipe("x", "y"), lambda: nlp.replace_pipe("x", "sentencizer"),
                 lambda: nlp.select_pipes(disable=["x"])):
        with pytest.raises(ValueError, match="E001"):
            call()


def test_select_pipes_without_arguments_is_E991_and_with_conflicting_ones_E992():
    nlp = _nlp("sentencizer", "entity_ruler")
    with pytest.raises(ValueError, match="E991"):
        nlp.select_pipes()
    with pytest.raises(ValueError, match="E992"):
        nlp.select_pipes(enable=["sentencizer"], disable=["sentencizer"])


def test_restoring_a_removed_component_is_E008():
    nlp = _nlp("sentencizer", "entity_ruler")
    disabled = nlp.select_pipes(disable=["sentencizer"])
    nlp.remove_pipe("sentencizer")
    with pytest.raises(ValueError, match="E008"):
        disabled.restore()


def test_sourcing_a_missing_component_is_E944():
    source = _nlp("sentencizer")
    with pytest.raises(KeyError, match="E944"):
        _nlp().add_pipe("nope", source=source)


def test_component_names_with_dots_are_E853_and_an_uncalled_decorator_E963():
    with pytest.raises(ValueError, match="E853"):
        Language.component("a.b", func=lambda doc: doc)
    with pytest.raises(ValueError, match="E853"):
        Language.factory("a.b", func=lambda nlp, name: (lambda doc: doc))
    with pytest.raises(ValueError, match="E963"):
        Language.component(5)


def test_a_factory_without_nlp_and_name_is_E964():
    with pytest.raises(ValueError, match="E964"):
        Language.factory("codes_factory_without_args", func=lambda: (lambda doc: doc))


def test_a_component_that_returns_no_doc_is_E005():
    Language.component("codes_returns_none", func=lambda doc: None)
    nlp = _nlp("codes_returns_none")
    with pytest.raises(ValueError, match="E005"):
        nlp("a text")


def test_declared_attributes_that_do_not_exist_are_E185():
    with pytest.raises(ValueError, match="E185"):
        Language.component("codes_bad_assigns", assigns=["doc.nonsense"], func=lambda doc: doc)
    with pytest.raises(ValueError, match="E184"):
        Language.component("codes_bad_assigns2", assigns=["token.pos_"], func=lambda doc: doc)


def test_replacing_listeners_that_are_not_there_is_E887_and_a_non_tok2vec_E888():
    nlp = _nlp("tok2vec", "tagger")
    with pytest.raises(ValueError, match="E887"):
        nlp.replace_listeners("tok2vec", "tagger", ["model.nope"])
    with pytest.raises(ValueError, match="E888"):
        nlp.replace_listeners("tagger", "tok2vec", ["model.tok2vec"])


def test_vectors_errors_carry_spacys_codes():
    strings = lexloom.strings.StringStore()
    full = Vectors(strings=strings, shape=(2, 2))
    full.add("a", vector=numpy.ones(2, "f"))
    full.add("b", vector=numpy.ones(2, "f"))
    with pytest.raises(ValueError, match="E060"):
        full.add("c", vector=numpy.ones(2, "f"))
    with pytest.raises(ValueError, match="E197"):
        full.add("a", row=5)
    with pytest.raises(ValueError, match="E059"):
        full.find()
    with pytest.raises(KeyError, match="E058"):
        full["nope"]
    with pytest.raises(ValueError, match="E198"):
        full.most_similar(numpy.ones((1, 2), "f"), n=10)
    with pytest.raises(ValueError, match="E202"):
        Vectors(strings=strings, mode="bogus")
    with pytest.raises(ValueError, match="E864"):
        Vectors(strings=strings, mode="floret")
    with pytest.raises(ValueError, match="E197"):
        Vectors(strings=strings, data=numpy.zeros((3, 2), "f"), keys=[1, 2, 3, 4])


def test_rule_components_carry_spacys_codes():
    nlp = _nlp()
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a"}, {"LOWER": "b"}]], {"TAG": "X"}, index=5)
    with pytest.raises(ValueError, match="E1001"):
        nlp("a b")
    entity_ruler = nlp.add_pipe("entity_ruler")
    entity_ruler.add_patterns([{"label": "ORG", "pattern": "Apple", "id": "apple"}])
    with pytest.raises(ValueError, match="E1024"):
        entity_ruler.remove("nope")
    span_ruler = nlp.add_pipe("span_ruler")
    span_ruler.add_patterns([{"label": "ORG", "pattern": "Apple", "id": "apple"}])
    with pytest.raises(ValueError, match="E1024"):
        span_ruler.remove("NOPE")
    with pytest.raises(ValueError, match="E1024"):
        span_ruler.remove_by_id("NOPE")


def test_a_lemmatizer_mode_that_does_not_exist_is_E1003_and_missing_tables_E1004():
    with pytest.raises(ValueError, match="E1003"):
        _nlp().add_pipe("lemmatizer", config={"mode": "bogus"})
    nlp = _nlp()
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    with pytest.raises(ValueError, match="E1004"):
        nlp("cats")


@pytest.mark.parametrize("pattern, code", [([{"BADKEY": "x"}], "E152"),
                                           ([{"LOWER": 1.5}], "E153"),
                                           ([{"_": 5}], "E154")])
def test_unvalidated_matcher_patterns_carry_spacys_codes(pattern, code):
    matcher = Matcher(lexloom.blank("en").vocab, validate=False)
    with pytest.raises(ValueError, match=code):
        matcher.add("X", [pattern])



def test_labels_that_are_no_strings_are_E187_and_a_full_output_layer_E922():
    nlp = _nlp()
    textcat = nlp.add_pipe("textcat")
    with pytest.raises(ValueError, match="E187"):
        textcat.add_label(5)
    textcat.add_label("A")
    textcat.add_label("B")
    nlp.initialize()
    with pytest.raises(ValueError, match="E922"):
        textcat.add_label("C")
