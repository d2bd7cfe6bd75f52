"""Language behaviour that spaCy's own tests (test_language, test_pipe_methods,
test_pipe_factories) assert: pipe lookup and selection errors, add_pipe positions, frozen
pipeline lists, factory checks, score weights, the as_tuples error handler, input checks."""
import warnings

import pytest
from confection import ConfigValidationError

import lexloom
from lexloom.errors import ComponentNotFoundError, ConfigError, PipelineError
from lexloom.lang.de import German
from lexloom.language import Language
from lexloom.tokens import Doc
from lexloom.training import Example
from lexloom.util import SimpleFrozenDict, SimpleFrozenList
from lexloom.vocab import Vocab


@Language.component("suite_identity")
def identity(doc):
    return doc


@Language.component("suite_fails_on_2")
def fails_on_2(doc):
    if "2" in doc.text:
        raise ValueError("no dice")
    return doc


@Language.component("suite_returns_text")
def returns_text(doc):
    return doc.text


@Language.factory("suite_typed", default_config={"value": 1})
def make_typed(nlp, name, value: int):
    def component(doc):
        doc.user_data["value"] = value
        return doc

    component.name = name
    return component


@pytest.fixture
def nlp():
    return Language()


def test_get_pipe_missing_is_key_and_value_error(nlp):
    with pytest.raises(KeyError, match="No component 'nope'"):
        nlp.get_pipe("nope")
    with pytest.raises(ValueError):
        nlp.remove_pipe("nope")
    with pytest.raises(ComponentNotFoundError):
        nlp.rename_pipe("nope", "other")


def test_has_pipe_is_false_for_disabled_components(nlp):
    nlp.add_pipe("suite_identity", name="a")
    assert nlp.has_pipe("a")
    with nlp.select_pipes(disable="a"):
        assert not nlp.has_pipe("a")
        assert nlp.get_pipe("a") is identity   # still there, just disabled
    assert nlp.has_pipe("a")
    nlp.disable_pipe("a")
    with nlp.select_pipes(disable="a"):
        pass
    assert not nlp.has_pipe("a")   # stays disabled: select_pipes didn't disable it


def test_select_pipes_rejects_inconsistent_arguments(nlp):
    for name in ("c1", "c2", "c3"):
        nlp.add_pipe("suite_identity", name=name)
    with pytest.raises(PipelineError):
        nlp.select_pipes()
    with pytest.raises(PipelineError, match="inconsistent"):
        nlp.select_pipes(enable=["c1", "c2"], disable=[])
    with pytest.raises(PipelineError, match="inconsistent"):
        nlp.select_pipes(enable=[], disable=["c3"])
    with nlp.select_pipes(enable=["c1", "c2"], disable="c3"):
        assert nlp.pipe_names == ["c1", "c2"]
    assert nlp.pipe_names == ["c1", "c2", "c3"]
    disabled = nlp.select_pipes(disable=["c2"])
    nlp.remove_pipe("c2")
    with pytest.raises(PipelineError, match="removed"):
        disabled.restore()
    assert nlp.pipe_names == ["c1", "c3"]


def test_add_pipe_positions(nlp):
    nlp.add_pipe("suite_identity", name="ner")
    with pytest.raises(ValueError, match="insert before"):
        nlp.add_pipe("suite_identity", name="x", before="parser")
    nlp.add_pipe("suite_identity", name="textcat", before="ner")
    for bad in ({"before": 2}, {"after": 2}, {"before": True}, {"first": False},
                {"after": 1, "first": True}, {"before": "ner", "after": 0}):
        with pytest.raises(PipelineError):
            nlp.add_pipe("suite_identity", name="x", **bad)
    nlp.add_pipe("suite_identity", name="parser", after=0)
    nlp.add_pipe("suite_identity", name="tagger", before=2)
    nlp.add_pipe("suite_identity", name="last", last=True)
    nlp.add_pipe("suite_identity", name="unplaced", last=False)   # no position: appended
    nlp.remove_pipe("unplaced")
    nlp.add_pipe("suite_identity", name="first", first=True)
    assert nlp.pipe_names == ["first", "textcat", "parser", "tagger", "ner", "last"]


def test_pipeline_lists_and_factories_are_frozen(nlp):
    nlp.add_pipe("suite_identity")
    for value in (nlp.pipeline, nlp.pipe_names, nlp.components, nlp.component_names,
                  nlp.disabled, nlp.factory_names):
        assert isinstance(value, SimpleFrozenList)
    with pytest.raises(NotImplementedError, match="add_pipe"):
        nlp.pipe_names.append("x")
    with pytest.raises(NotImplementedError):
        nlp.pipeline.pop()
    assert isinstance(Language.factories, SimpleFrozenDict)
    assert "suite_identity" in Language.factories
    with pytest.raises(NotImplementedError):
        Language.factories["x"] = identity
    assert nlp.pipe_names == ["suite_identity"]


def test_initialize_settings_follow_their_component(nlp):
    nlp.add_pipe("suite_identity", name="a")
    nlp.config["initialize"]["components"]["a"] = {"labels": ["X"]}
    assert nlp.config["initialize"]["components"]["a"] == {"labels": ["X"]}
    nlp.rename_pipe("a", "b")
    assert "a" not in nlp.config["initialize"]["components"]
    assert nlp.config["initialize"]["components"]["b"] == {"labels": ["X"]}
    nlp.remove_pipe("b")
    assert "b" not in nlp.config["initialize"]["components"]


def test_factory_config_errors_are_config_validation_errors(nlp):
    with pytest.raises(ConfigValidationError) as info:
        nlp.add_pipe("suite_typed", config={"value": "not a number"})
    assert isinstance(info.value, ConfigError) and "suite_typed" in str(info.value)
    assert info.value.errors   # the per-value details, as confection gives them


def test_name_in_component_config_is_ignored_with_a_warning(nlp):
    with pytest.warns(UserWarning, match="W119"):
        component = nlp.add_pipe("suite_typed", config={"value": 3, "name": "wrong"})
    assert component.name == "suite_typed"
    assert nlp("x").user_data["value"] == 3


def test_factory_and_component_names_and_signatures_are_checked():
    with pytest.raises(ValueError, match="without calling"):
        @Language.component
        def undecorated(doc):
            return doc
    with pytest.raises(ValueError, match="not permitted"):
        Language.component("suite.dotted.v1", func=identity)
    with pytest.raises(ValueError, match="nlp"):
        @Language.factory("suite_no_nlp_arg")
        def bad_factory(foo: int, bar: str):
            return identity


def test_score_weights_combine_component_defaults_and_config():
    func = lambda nlp, name: identity  # noqa: E731
    Language.factory("suite_scores1", default_score_weights={"a1": 0.5, "a2": 0.5}, func=func)
    Language.factory("suite_scores2", default_score_weights={"b1": 0.2, "b2": 0.8}, func=func)
    nlp = lexloom.blank("en")
    nlp._config["training"]["score_weights"] = {}
    nlp.add_pipe("suite_scores1")
    nlp.add_pipe("suite_scores2")
    assert nlp.config["training"]["score_weights"] == {"a1": 0.25, "a2": 0.25, "b1": 0.1,
                                                       "b2": 0.4}
    config = nlp.config.copy()
    config["training"]["score_weights"]["a1"] = 0.0
    nlp2 = lexloom.blank("en").from_config(config)
    weights = nlp2.config["training"]["score_weights"]
    assert weights["a1"] == 0.0 and weights["b2"] == 0.53


def test_update_and_evaluate_want_an_iterable_of_examples():
    nlp = lexloom.blank("en")
    doc = Doc(nlp.vocab, words=["hello", "world"])
    example = Example.from_dict(doc, {})
    for bad in (example, ("hello world", {}), (doc, {})):
        with pytest.raises(TypeError, match="Example"):
            nlp.update(bad)
    with pytest.raises(TypeError):
        nlp.evaluate([("hello world", {})])
    assert nlp.evaluate(eg for eg in [example])["speed"] >= 0


def test_as_tuples_keeps_contexts_paired_when_the_handler_drops_docs():
    from lexloom.util import ignore_error

    nlp = lexloom.blank("en")
    nlp.add_pipe("suite_fails_on_2")
    data = [("TEXT 111", 111), ("TEXT 222", 222), ("TEXT 333", 333), ("TEXT 342", 342),
            ("TEXT 666", 666)]
    with pytest.raises(ValueError):
        list(nlp.pipe(data, as_tuples=True))
    nlp.set_error_handler(ignore_error)
    pairs = [(doc.text, context) for doc, context in nlp.pipe(data, as_tuples=True,
                                                             batch_size=2)]
    assert pairs == [("TEXT 111", 111), ("TEXT 333", 333), ("TEXT 666", 666)]


@pytest.mark.parametrize("value", [False, None, ["x"], Language, Vocab])
def test_language_rejects_an_invalid_vocab(value):
    with pytest.raises(ValueError, match="invalid value"):
        Language(value)
    assert Language(Vocab()).vocab is not None


def test_language_subclass_from_config_checks_the_lang():
    config = {"nlp": {"lang": "en"}}
    with pytest.raises(ConfigError, match="German"):
        German.from_config(config)
    with pytest.raises(ValueError, match="no language of its own"):
        Language.from_config(config)   # as spaCy: Language builds language-less configs only
    assert lexloom.util.load_model_from_config(config, auto_fill=True).lang == "en"
    assert Language.from_config({"nlp": {"lang": None}}).lang in ("", None)


def test_sourcing_checks_the_name_and_warns_about_other_vectors():
    source = lexloom.blank("en")
    source.add_pipe("suite_identity", name="mine")
    nlp = lexloom.blank("en")
    with pytest.raises(KeyError, match="custom"):
        nlp.add_pipe("custom", source=source)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        nlp.add_pipe("mine", source=source)   # same (empty) vectors: no warning
    other = lexloom.blank("en")
    other.vocab.vectors.resize((1, 4))
    other.vocab.vectors.add("cat", vector=[1, 2, 3, 4])
    with pytest.warns(UserWarning, match="W113.*vectors"):
        other.add_pipe("mine", source=source)


def test_component_returning_something_else_than_a_doc(nlp):
    nlp.add_pipe("suite_returns_text")
    with pytest.raises(PipelineError, match="returned str instead of a Doc"):
        nlp("text")


@Language.component("suite_needs_parse")
def needs_parse(doc):
    if not doc.has_annotation("DEP"):
        raise ValueError("no parse")
    return doc


def test_error_handler_raise_and_ignore():
    from lexloom.util import ignore_error, raise_error

    nlp = lexloom.blank("en")
    nlp.add_pipe("suite_needs_parse")
    texts = ["Curious to see what will happen to this text.", "And this one."]
    with pytest.raises(ValueError, match="no parse"):
        nlp(texts[0])
    with pytest.raises(ValueError):
        list(nlp.pipe(texts))
    nlp.set_error_handler(raise_error)
    with pytest.raises(ValueError):
        list(nlp.pipe(texts))
    nlp.set_error_handler(ignore_error)
    assert list(nlp.pipe(texts)) == []
    assert nlp(texts[0]).text == texts[0]   # the handler skips the component


def test_initialize_settings_are_checked_against_the_signature():
    class Component:
        def __init__(self):
            self.from_initialize = None

        def __call__(self, doc):
            return doc

        def initialize(self, get_examples, nlp, custom1: str, custom2: bool = False):
            self.from_initialize = (custom1, custom2)

    Language.factory("suite_init_args", func=lambda nlp, name: Component())
    nlp = lexloom.blank("en")
    pipe = nlp.add_pipe("suite_init_args")
    nlp.config["initialize"]["components"]["suite_init_args"] = {}
    with pytest.raises(ConfigValidationError) as info:
        nlp.initialize()
    assert [e["loc"] for e in info.value.errors] == [("custom1",)]
    nlp.config["initialize"]["components"]["suite_init_args"] = {"custom1": "x",
                                                                  "custom2": "maybe"}
    with pytest.raises(ConfigValidationError):
        nlp.initialize()
    nlp.config["initialize"]["components"]["suite_init_args"] = {"custom1": "x"}
    nlp.initialize()
    assert pipe.from_initialize == ("x", False)


def test_initialize_given_the_examples_themselves_is_a_type_error():
    from lexloom.errors import PipelineError
    from lexloom.training import Example

    nlp = lexloom.blank("en")
    nlp.add_pipe("tagger")
    examples = [Example.from_dict(nlp.make_doc("a b"), {"tags": ["N", "V"]})]
    for error in (TypeError, PipelineError):
        with pytest.raises(error, match="function returning Examples"):
            nlp.initialize(get_examples=examples)


def test_parser_state_type_is_checked_by_config_validation():
    """state_type is a Literal in the architecture's signature, so a bad value is a config
    validation error naming the setting before any model is built."""
    model = {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": "nonsense",
             "extra_state_tokens": False, "hidden_width": 16, "maxout_pieces": 2,
             "tok2vec": {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None,
                         "width": 16, "depth": 1, "embed_size": 100, "window_size": 1,
                         "maxout_pieces": 2, "subword_features": False}}
    nlp = lexloom.blank("en")
    with pytest.raises(ConfigValidationError, match="state_type"):
        nlp.add_pipe("parser", config={"model": model})
    model["state_type"] = "ner"
    assert nlp.add_pipe("parser", config={"model": model}).model is not None


def test_training_settings_edited_through_nlp_config_last():
    nlp = lexloom.blank("en")
    nlp.add_pipe("tagger")
    nlp.config["training"]["annotating_components"] = ["tagger"]
    assert nlp.config["training"]["annotating_components"] == ["tagger"]
    assert "tag_acc" in nlp.config["training"]["score_weights"]


def test_pipe_labels_leave_out_components_that_hide_their_labels():
    nlp = lexloom.blank("en")
    nlp.add_pipe("senter")
    nlp.add_pipe("tagger").add_label("N")
    assert nlp.pipe_labels == {"tagger": ["N"]}
