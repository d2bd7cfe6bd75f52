"""Language's spaCy API beyond building and running pipelines: factories and their meta,
sourcing components, rehearsal, error handlers, parameter swaps, begin_training, the
language's config block and the module-level names."""
import contextlib

import numpy
import pytest

import lexloom
from lexloom import language as language_module
from lexloom.lang.en import English, EnglishDefaults
from lexloom.language import BaseDefaults, FactoryMeta, Language
from lexloom.training import Example


@English.factory("test_api_en_only", default_config={"greeting": "hi"},
                 default_score_weights={"greet_acc": 1.0, "greet_p": None})
def make_en_only(nlp, name, greeting: str):
    def component(doc):
        doc.user_data["greeting"] = greeting
        return doc
    return component


@Language.component("test_api_fails")
def fails(doc):
    raise RuntimeError("this component always fails")


class _Rehearser:
    """A component that rehearses by sending one gradient through the optimizer it is given."""

    def __init__(self, name):
        self.name = name
        self.calls = []

    def __call__(self, doc):
        return doc

    def rehearse(self, examples, *, sgd=None, losses=None, **cfg):
        self.calls.append((len(examples), cfg))
        losses[self.name] = losses.get(self.name, 0.0) + 0.5
        sgd((self.name, "W"), numpy.ones(2), numpy.full(2, 0.1))
        return losses


@Language.factory("test_api_rehearser")
def make_rehearser(nlp, name):
    return _Rehearser(name)


class _Optimizer:
    learn_rate, b1, b2 = 0.1, 0.9, 0.999

    def __init__(self):
        self.steps = []

    def __call__(self, key, param, grad):
        self.steps.append(key)
        return param - self.learn_rate * grad, grad * 0


def test_language_subclass_factory_is_registered_under_its_internal_name():
    assert English.get_factory_name("test_api_en_only") == "en.test_api_en_only"
    assert Language.get_factory_name("ner") == "ner"
    assert "en.test_api_en_only" in Language.factories
    assert English.has_factory("test_api_en_only")
    nlp = lexloom.blank("en")
    nlp.add_pipe("test_api_en_only")
    assert nlp("x").user_data["greeting"] == "hi"
    assert nlp.get_pipe_config("test_api_en_only")["factory"] == "test_api_en_only"
    with pytest.raises(ValueError):
        lexloom.blank("fr").add_pipe("test_api_en_only")


def test_factory_meta_records_scores_from_the_weights():
    meta = English.get_factory_meta("test_api_en_only")
    assert meta.factory == "test_api_en_only"
    assert meta.scores == ["greet_acc", "greet_p"]
    assert meta.default_score_weights == {"greet_acc": 1.0, "greet_p": None}
    assert meta.default_config == {"greeting": "hi"}
    assert FactoryMeta(factory="x").default_config == {}
    for field in ("default_config", "default_score_weights", "scores"):
        assert hasattr(FactoryMeta, field)


def test_set_factory_meta_overrides_what_the_factory_declared():
    original = English.get_factory_meta("test_api_en_only")
    try:
        English.set_factory_meta("test_api_en_only",
                                 FactoryMeta(factory="test_api_en_only", assigns=["doc.cats"],
                                             default_config={"greeting": "hi"}))
        nlp = lexloom.blank("en")
        nlp.add_pipe("test_api_en_only")
        assert nlp.analyze_pipes()["summary"]["test_api_en_only"]["assigns"] == ["doc.cats"]
    finally:
        English.set_factory_meta("test_api_en_only", original)


def test_factories_is_a_read_only_view_of_the_registry():
    nlp = lexloom.blank("en")
    factories = nlp.factories
    assert callable(factories["sentencizer"]) and "ner" in factories
    with pytest.raises(TypeError):
        factories["mine"] = lambda nlp, name: None


def test_create_pipe_from_source_copies_component_and_config():
    source = lexloom.blank("en")
    source.add_pipe("sentencizer", config={"punct_chars": ["|"]})
    source.vocab.strings.add("only-in-source")
    nlp = lexloom.blank("en")
    component, factory = nlp.create_pipe_from_source("sentencizer", source, name="splitter")
    assert factory == "sentencizer"
    assert component is source.get_pipe("sentencizer")
    assert component.name == "splitter"
    assert nlp.get_pipe_config("splitter")["punct_chars"] == ["|"]
    assert "only-in-source" in nlp.vocab.strings
    with pytest.raises(ValueError, match="no component 'tagger'"):
        nlp.create_pipe_from_source("tagger", source, name="tagger")


def test_rehearse_collects_gradients_then_steps_the_optimizer_once_each():
    nlp = lexloom.blank("en")
    nlp.add_pipe("test_api_rehearser", name="a")
    nlp.add_pipe("test_api_rehearser", name="b")
    nlp.add_pipe("sentencizer")   # no rehearse method: skipped
    examples = [Example.from_dict(nlp.make_doc("some raw text"), {})]
    sgd = _Optimizer()
    losses = nlp.rehearse(examples, sgd=sgd, component_cfg={"a": {"k": 1}}, exclude=["b"])
    assert losses == {"a": 0.5}
    assert nlp.get_pipe("a").calls == [(1, {"k": 1})] and nlp.get_pipe("b").calls == []
    assert sgd.steps == [("a", "W")]
    assert nlp.rehearse([], sgd=sgd) == {}
    with pytest.raises(ValueError):
        nlp.rehearse(["not an example"], sgd=sgd)


def test_begin_training_warns_and_initializes():
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    with pytest.warns(DeprecationWarning, match="initialize"):
        optimizer = nlp.begin_training()
    assert optimizer is not None


def test_set_error_handler_reaches_stateless_and_pipe_components():
    nlp = lexloom.blank("en")
    nlp.add_pipe("test_api_fails")
    nlp.add_pipe("sentencizer")
    with pytest.raises(RuntimeError, match="always fails"):
        nlp("boom")
    seen = []

    def handler(name, component, docs, error):
        seen.append((name, [d.text for d in docs], type(error).__name__))

    nlp.set_error_handler(handler)
    assert nlp.default_error_handler is handler
    assert nlp.get_pipe("sentencizer").get_error_handler() is handler
    doc = nlp("boom")
    assert doc.text == "boom"
    assert seen == [("test_api_fails", ["boom"], "RuntimeError")]
    # in nlp.pipe a Doc whose component failed is dropped once the handler returns
    assert list(nlp.pipe(["a", "b"], memory_zones=False)) == []
    assert [s[1] for s in seen[1:]] == [["a"], ["b"]]


def test_use_params_swaps_model_weights_inside_the_block():
    nlp = lexloom.blank("en")
    nlp.add_pipe("tok2vec")
    nlp.initialize(lambda: [Example.from_dict(nlp.make_doc("a few words"), {})])
    model = nlp.get_pipe("tok2vec").model
    node = next(n for n in model.walk() if n.has_param("W") and n.get_param("W") is not None)
    before = node.get_param("W").copy()
    params = {(node.id, "W"): numpy.zeros_like(before)}
    with nlp.use_params(params):
        assert not node.get_param("W").any()
    numpy.testing.assert_array_equal(node.get_param("W"), before)
    with nlp.use_params(None):
        numpy.testing.assert_array_equal(node.get_param("W"), before)


def test_use_params_enters_each_enabled_component():
    entered = []

    class WithParams:
        model = object()

        def __call__(self, doc):
            return doc

        @contextlib.contextmanager
        def use_params(self, params):
            entered.append("in")
            yield
            entered.append("out")

    nlp = lexloom.blank("en")
    nlp._components.append(("custom", WithParams()))
    nlp._pipe_meta["custom"] = FactoryMeta(factory="custom")
    with nlp.use_params({"x": 1}):
        assert entered == ["in"]
    assert entered == ["in", "out"]


def test_defaults_config_is_a_config_with_the_language_block():
    from confection import Config

    from lexloom.lang.zh import Chinese

    assert isinstance(BaseDefaults.config, Config) and dict(BaseDefaults.config) == {}
    assert dict(EnglishDefaults.config) == {}
    block = Chinese.Defaults.config["nlp"]["tokenizer"]
    assert block["@tokenizers"] == "spacy.zh.ChineseTokenizer"
    assert Chinese.default_config["nlp"]["tokenizer"] == block


def test_module_level_names():
    from confection import Config

    from lexloom.lang.punctuation import TOKENIZER_PREFIXES
    from lexloom.lang.tokenizer_exceptions import BASE_EXCEPTIONS

    assert language_module.TOKENIZER_PREFIXES is TOKENIZER_PREFIXES
    assert language_module.BASE_EXCEPTIONS is BASE_EXCEPTIONS
    assert language_module.TOKENIZER_SUFFIXES and language_module.TOKENIZER_INFIXES
    assert language_module.CONFIG_SECTION_ORDER[:4] == ["paths", "variables", "system", "nlp"]
    default = language_module.DEFAULT_CONFIG
    assert isinstance(default, Config) and default["nlp"]["batch_size"] == 1000
    assert isinstance(language_module.GIT_VERSION, str) and language_module.GIT_VERSION
    nlp = lexloom.blank("en")
    tokenizer = language_module.create_tokenizer()(nlp)
    assert [t.text for t in tokenizer("Hello, world!")] == ["Hello", ",", "world", "!"]
    assert callable(language_module.load_lookups_data)
    with pytest.raises(AttributeError):
        language_module.NOT_A_NAME  # noqa: B018


def test_pipe_and_update_name_a_bad_argument():
    from lexloom.errors import PipelineError, TextError
    from lexloom.training import Example

    nlp = lexloom.blank("en")
    with pytest.raises(TextError, match="takes \\(text, context\\) pairs"):
        list(nlp.pipe(["a"], as_tuples=True))
    for size in (-1, 0, "x", 2.5):
        with pytest.raises(PipelineError, match="batch_size"):
            list(nlp.pipe(["a"], batch_size=size))
    nlp.add_pipe("tagger")
    eg = Example.from_dict(nlp.make_doc("a b"), {"tags": ["A", "B"]})
    optimizer = nlp.initialize(lambda: [eg])
    for kwargs, name in ((dict(drop="x"), "drop"), (dict(drop=1.5), "drop"),
                         (dict(sgd=5), "sgd"), (dict(losses=[], sgd=optimizer), "losses")):
        with pytest.raises(PipelineError, match=name):
            nlp.update([eg], **kwargs)
    assert "tagger" in nlp.update([eg], sgd=optimizer, drop=0.1)


def test_a_config_batch_size_that_is_not_a_number_is_a_config_error():
    from confection import ConfigValidationError

    from lexloom.errors import ConfigError

    with pytest.raises(ConfigError, match="batch_size = 'abc'"):
        lexloom.blank("en", config={"nlp": {"batch_size": "abc"}})
    with pytest.raises(ConfigValidationError):   # what spaCy raises there
        lexloom.blank("en", config={"nlp": {"batch_size": "abc"}})
    assert lexloom.blank("en", config={"nlp": {"batch_size": 64}}).batch_size == 64


def test_nlp_config_is_the_pipelines_own_and_edits_last(tmp_path):
    """As spaCy's: nlp.config is one live Config; edits to it stay and are saved, while
    [nlp]'s pipeline and [components] follow the pipeline."""
    nlp = lexloom.blank("en")
    config = nlp.config
    assert nlp.config is config
    config["custom"] = {"a": 1}
    config["training"]["max_steps"] = 7
    nlp.add_pipe("sentencizer")
    assert nlp.config["nlp"]["pipeline"] == ["sentencizer"]
    assert list(nlp.config["components"]) == ["sentencizer"]
    nlp.to_disk(tmp_path / "p")
    saved = lexloom.util.load_config(tmp_path / "p" / "config.cfg")
    assert saved["custom"] == {"a": 1} and saved["training"]["max_steps"] == 7


def test_from_config_keeps_its_own_copy_of_the_config():
    config = English.default_config
    nlp = English.from_config(config, auto_fill=False)
    nlp.add_pipe("sentencizer")
    assert nlp.config["nlp"]["pipeline"] == ["sentencizer"]
    assert config["nlp"]["pipeline"] == []


def test_load_exclude_as_a_string_leaves_out_every_component_it_names(tmp_path):
    """spaCy tests each component's name against exclude= as given, so one string such as
    "parser, tagger" excludes every component whose name it contains (code relies on it)."""
    nlp = lexloom.blank("en")
    for name in ("sentencizer", "entity_ruler", "tagger"):
        nlp.add_pipe(name)
    nlp.to_disk(tmp_path / "p")
    assert lexloom.load(tmp_path / "p", exclude="sentencizer, tagger").pipe_names == \
        ["entity_ruler"]
    assert lexloom.load(tmp_path / "p", exclude="tagger").pipe_names == \
        ["sentencizer", "entity_ruler"]
    assert lexloom.load(tmp_path / "p", exclude=["sentencizer, tagger"]).pipe_names == \
        ["sentencizer", "entity_ruler", "tagger"]


def test_language_module_offers_the_names_spacys_imports():
    """Plugins import these from spacy.language (clinlp: `from spacy.language import Doc`)."""
    from lexloom import language
    from lexloom.tokens import Doc
    from lexloom.vocab import Vocab

    assert language.Doc is Doc and language.Vocab is Vocab
    for name in ("Example", "Tokenizer", "Scorer", "Underscore", "registry", "Config",
                 "util", "create_vocab", "PipeCallable"):
        assert getattr(language, name) is not None, name
    with pytest.raises(AttributeError):
        language.NotSpacyName  # noqa: B018


def test_blank_gives_a_language_subclass_a_meta_dict():
    """blank() passes meta={} as spaCy's from_config does: a subclass's own __init__ may
    read it as a dict (clinlp: dict(kwargs.pop("meta", {})))."""
    from lexloom.lang.nl import Dutch
    from lexloom.util import registry

    seen = {}

    @registry.languages("test_meta_lang")
    class MetaLang(lexloom.language.Language):
        lang = "test_meta_lang"
        Defaults = Dutch.Defaults

        def __init__(self, *args, **kwargs):
            seen["meta"] = kwargs.get("meta")
            super().__init__(*args, meta=dict(kwargs.pop("meta", {})), **kwargs)

    nlp = lexloom.blank("test_meta_lang")
    assert seen["meta"] == {} and [t.text for t in nlp("Een test.")] == ["Een", "test", "."]


def test_load_exclude_string_leaves_out_the_files_it_names_too(tmp_path):
    """spaCy's from_disk tests each file's name against exclude= as given too: the string
    "tokenizer, sentencizer" leaves out the saved tokenizer as well as the component."""
    from lexloom.attrs import ORTH

    nlp = lexloom.blank("en")
    nlp.tokenizer.add_special_case("gimme", [{ORTH: "gim"}, {ORTH: "me"}])
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path / "p")
    loaded = lexloom.load(tmp_path / "p", exclude="tokenizer, sentencizer")
    assert loaded.pipe_names == [] and [t.text for t in loaded("gimme that")] == ["gimme", "that"]
    loaded = lexloom.load(tmp_path / "p", exclude="sentencizer")
    assert [t.text for t in loaded("gimme that")] == ["gim", "me", "that"]


def test_exclude_string_reaches_the_vocab_parts_and_the_bytes_too(tmp_path):
    """spaCy tests each name against exclude= as given all the way down: the string
    "vectors" leaves out the vectors on disk and in bytes, "tokenizer, vocab" both."""
    import numpy

    from lexloom.attrs import ORTH

    nlp = lexloom.blank("en")
    nlp.vocab.set_vector("cat", numpy.ones((3,), dtype="f"))
    nlp.tokenizer.add_special_case("gimme", [{ORTH: "gim"}, {ORTH: "me"}])
    nlp.to_disk(tmp_path / "p")
    assert not lexloom.load(tmp_path / "p", exclude="vectors").vocab.has_vector("cat")
    assert lexloom.load(tmp_path / "p").vocab.has_vector("cat")
    data = nlp.to_bytes(exclude="vectors")
    assert not lexloom.blank("en").from_bytes(data).vocab.has_vector("cat")
    other = lexloom.blank("en").from_bytes(nlp.to_bytes(), exclude="tokenizer, vocab")
    assert [t.text for t in other("gimme")] == ["gimme"]
    assert not other.vocab.has_vector("cat")
