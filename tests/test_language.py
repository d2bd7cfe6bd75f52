"""Language: pipeline editing, configs, pipe (incl. worker processes), save and load."""
import pytest

from lexloom.util import load_model_from_config
import lexloom
from lexloom.errors import ConfigError, DeserializationError, LanguageError, PipelineError
from lexloom.language import Language


@Language.component("test_mark_seen")
def mark_seen(doc):
    doc.user_data["seen"] = doc.user_data.get("seen", 0) + 1
    return doc


@Language.component("test_returns_none")
def returns_none(doc):
    return None


@Language.component("test_explodes")
def explodes(doc):
    if "boom" in doc.text:
        raise RuntimeError("component exploded on purpose")
    return doc


@Language.factory("test_suffixer", default_config={"suffix": "!"})
def make_suffixer(nlp, name, suffix: str):
    def suffixer(doc):
        doc.user_data["suffix"] = suffix
        return doc

    return suffixer


@pytest.fixture
def nlp():
    return lexloom.blank("en")


def test_blank_unknown_language_lists_available():
    with pytest.raises(LanguageError, match="en"):
        lexloom.blank("zz")


def test_add_pipe_positions(nlp):
    nlp.add_pipe("test_mark_seen", name="a")
    nlp.add_pipe("test_mark_seen", name="c")
    nlp.add_pipe("test_mark_seen", name="b", before="c")
    nlp.add_pipe("test_mark_seen", name="first", first=True)
    nlp.add_pipe("test_mark_seen", name="d", after="c")
    assert nlp.pipe_names == ["first", "a", "b", "c", "d"]
    assert nlp("hi").user_data["seen"] == 5


def test_add_pipe_rejects_duplicates_objects_and_unknown_factories(nlp):
    nlp.add_pipe("test_mark_seen")
    with pytest.raises(PipelineError, match="already"):
        nlp.add_pipe("test_mark_seen")
    with pytest.raises(PipelineError, match="registered factory"):
        nlp.add_pipe(mark_seen)
    with pytest.raises(PipelineError, match="No component factory named 'nope'"):
        nlp.add_pipe("nope")
    with pytest.raises(PipelineError, match="only one of"):
        nlp.add_pipe("test_mark_seen", name="x", first=True, last=True)
    with pytest.raises(PipelineError, match="insert before"):
        nlp.add_pipe("test_mark_seen", name="y", before="missing")


def test_factory_config_defaults_and_overrides(nlp):
    nlp.add_pipe("test_suffixer", name="default")
    assert nlp("x").user_data["suffix"] == "!"
    nlp.replace_pipe("default", "test_suffixer", config={"suffix": "?"})
    assert nlp("x").user_data["suffix"] == "?"
    assert nlp.get_pipe_config("default") == {"factory": "test_suffixer", "suffix": "?"}


def test_invalid_factory_config_names_the_component(nlp):
    with pytest.raises(ConfigError, match="components.bad"):
        nlp.add_pipe("test_suffixer", name="bad", config={"suffix": "!", "unknown_arg": 1})


def test_remove_rename_disable_enable(nlp):
    nlp.add_pipe("test_mark_seen", name="a")
    nlp.add_pipe("test_mark_seen", name="b")
    nlp.rename_pipe("a", "z")
    assert nlp.pipe_names == ["z", "b"]
    assert nlp.remove_pipe("b")[0] == "b"
    nlp.disable_pipe("z")
    assert nlp.pipe_names == [] and nlp.component_names == ["z"] and nlp.disabled == ["z"]
    assert "seen" not in nlp("x").user_data
    nlp.enable_pipe("z")
    assert nlp("x").user_data["seen"] == 1
    with pytest.raises(PipelineError, match="No component 'q'"):
        nlp.get_pipe("q")


def test_select_pipes_context_restores(nlp):
    for name in ("a", "b", "c"):
        nlp.add_pipe("test_mark_seen", name=name)
    with nlp.select_pipes(enable=["b"]):
        assert nlp.pipe_names == ["b"]
    assert nlp.pipe_names == ["a", "b", "c"]
    disabled = nlp.select_pipes(disable=["a", "c"])
    assert nlp.pipe_names == ["b"]
    disabled.restore()
    assert nlp.pipe_names == ["a", "b", "c"]
    with pytest.raises(PipelineError):
        nlp.select_pipes()


def test_component_returning_none_raises(nlp):
    nlp.add_pipe("test_returns_none")
    with pytest.raises(PipelineError, match="returned None"):
        nlp("text")


def test_pipe_keeps_order_and_as_tuples(nlp):
    nlp.add_pipe("test_mark_seen")
    texts = [f"text {i}" for i in range(50)]
    assert [d.text for d in nlp.pipe(texts, batch_size=7)] == texts
    pairs = list(nlp.pipe([(t, i) for i, t in enumerate(texts)], as_tuples=True))
    assert [(d.text, c) for d, c in pairs] == [(t, i) for i, t in enumerate(texts)]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_pipe_with_worker_processes_keeps_order(nlp, method, monkeypatch):
    monkeypatch.setenv("LEXLOOM_MP_START_METHOD", method)
    nlp.add_pipe("test_mark_seen")
    texts = [f"doc {i} (with punctuation)!" for i in range(300)]
    docs = list(nlp.pipe(texts, n_process=2, batch_size=20))
    assert [d.text for d in docs] == texts
    assert all(d.user_data["seen"] == 1 for d in docs)
    assert docs[3].vocab is nlp.vocab


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_pipe_worker_exception_reaches_the_caller(nlp, method, monkeypatch):
    monkeypatch.setenv("LEXLOOM_MP_START_METHOD", method)
    nlp.add_pipe("test_explodes")
    texts = ["fine"] * 30 + ["boom"] + ["fine"] * 30
    with pytest.raises(PipelineError, match="exploded on purpose"):
        list(nlp.pipe(texts, n_process=2, batch_size=10))


def test_config_round_trip_rebuilds_pipeline(nlp):
    nlp.add_pipe("test_suffixer", config={"suffix": "#"})
    nlp.add_pipe("test_mark_seen")
    nlp2 = load_model_from_config(nlp.config, auto_fill=True)
    assert nlp2.pipe_names == nlp.pipe_names
    assert nlp2("x").user_data == {"suffix": "#", "seen": 1}


def test_from_config_errors_name_the_problem():
    with pytest.raises(ConfigError, match="no \\[components.tagger\\] block"):
        load_model_from_config({"nlp": {"lang": "en", "pipeline": ["tagger"]}, "components": {}}, auto_fill=True)
    with pytest.raises(ConfigError, match="factory"):
        load_model_from_config({"nlp": {"lang": "en", "pipeline": ["x"]},
                              "components": {"x": {"nothing": 1}}}, auto_fill=True)
    with pytest.raises(ConfigError, match="not registered"):
        load_model_from_config({"nlp": {"lang": "en", "pipeline": [],
                                      "tokenizer": {"@tokenizers": "spacy.Tokeniser.v1"}}}, auto_fill=True)


def test_save_and_load_blank_pipeline(nlp, tmp_path):
    nlp.add_pipe("test_suffixer", config={"suffix": "%"})
    nlp.vocab.strings.add("custom-string")
    nlp.to_disk(tmp_path / "p")
    loaded = lexloom.load(tmp_path / "p")
    assert loaded.pipe_names == ["test_suffixer"]
    assert loaded("x").user_data["suffix"] == "%"
    assert "custom-string" in loaded.vocab.strings
    assert loaded.meta["lang"] == "en"


def test_load_missing_or_corrupt_folder_raises(tmp_path):
    with pytest.raises(DeserializationError, match="config.cfg"):
        lexloom.load(tmp_path)
    (tmp_path / "config.cfg").write_text("[nlp\nlang = en", encoding="utf-8")
    with pytest.raises(ConfigError):
        lexloom.load(tmp_path)


def test_update_requires_examples(nlp):
    with pytest.raises(PipelineError, match="Example"):
        nlp.update([nlp("not an example")])


def test_pipe_forks_unless_a_component_runs_a_framework_model(nlp, monkeypatch):
    from lexloom import multiprocess

    monkeypatch.delenv("LEXLOOM_MP_START_METHOD", raising=False)
    nlp.add_pipe("test_mark_seen")
    assert multiprocess._start_method(nlp) == "fork"
    torch = pytest.importorskip("torch")
    from thinc.api import PyTorchWrapper

    class WithTorch:
        model = PyTorchWrapper(torch.nn.Linear(2, 2))

        def __call__(self, doc):
            return doc

    nlp._components.append(("torchy", WithTorch()))
    assert multiprocess._start_method(nlp) == "spawn"
    monkeypatch.setenv("LEXLOOM_MP_START_METHOD", "nope")
    with pytest.raises(PipelineError, match="LEXLOOM_MP_START_METHOD"):
        multiprocess._start_method(nlp)


def test_initialize_without_examples_uses_one_unannotated_doc_as_spacy_does():
    """spaCy's nlp.initialize() with no get_examples hands components one Doc ("x y z"):
    components with labels added by hand initialize; ones without labels say so."""
    nlp = lexloom.blank("en")
    ner = nlp.add_pipe("ner")
    ner.add_label("ORG")
    nlp.initialize()
    assert ner.labels == ("ORG",)
    assert nlp("Apple buys a shop").ents is not None
    bare = lexloom.blank("en")
    bare.add_pipe("tagger")
    with pytest.raises(PipelineError, match="no labels"):
        bare.initialize()


def test_disable_pipes_takes_names_spread_or_as_a_list_with_a_deprecation_warning():
    nlp = lexloom.blank("en")
    for name in ("a", "b", "c"):
        nlp.add_pipe("sentencizer", name=name)
    with pytest.warns(DeprecationWarning, match="W096"):
        with nlp.disable_pipes("a", "b"):
            assert nlp.pipe_names == ["c"]
    assert nlp.pipe_names == ["a", "b", "c"]
    with pytest.warns(DeprecationWarning):
        disabled = nlp.disable_pipes(["c"])
    assert nlp.pipe_names == ["a", "b"]
    disabled.restore()
    assert nlp.pipe_names == ["a", "b", "c"]


def test_a_language_specific_factory_is_named_as_in_spacy():
    nlp = lexloom.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert nlp.pipe_factories == {"lemmatizer": "lemmatizer"}
    assert nlp.get_pipe_meta("lemmatizer").factory == "lemmatizer"
    assert nlp.config["components"]["lemmatizer"]["factory"] == "lemmatizer"


def test_registering_a_component_again_replaces_it_but_a_factorys_name_is_refused():
    def first(doc):
        doc.user_data["by"] = "first"
        return doc

    def second(doc):
        doc.user_data["by"] = "second"
        return doc

    Language.component("test_taken_component_name", func=first)
    Language.component("test_taken_component_name", func=first)  # the same again: fine
    nlp = lexloom.blank("en")
    nlp.add_pipe("test_taken_component_name", name="old")
    # an edited notebook cell run again: spaCy takes the new function, silently
    Language.component("test_taken_component_name", func=second)
    nlp.add_pipe("test_taken_component_name", name="new")
    assert nlp.get_pipe("old") is first and nlp.get_pipe("new") is second
    assert nlp("x").user_data["by"] == "second"
    with pytest.raises(PipelineError, match="E004"):
        Language.component("sentencizer", func=second)
    assert type(lexloom.blank("en").add_pipe("sentencizer")).__name__ == "Sentencizer"

    class NotAFunction:
        def __call__(self, doc):
            return doc

    with pytest.raises(PipelineError, match="E965"):
        Language.component("test_component_class", func=NotAFunction)


def test_registration_calls_is_same_func_with_spacys_two_arguments(monkeypatch):
    # spaCy's own tests (and plugins) replace util.is_same_func with a two-argument function
    import lexloom.util

    seen = []
    original = lexloom.util.is_same_func

    def patched(func1, func2):
        seen.append((func1, func2))
        return original(func1, func2)

    monkeypatch.setattr(lexloom.util, "is_same_func", patched)

    def component(doc):
        return doc

    Language.component("test_patched_same_func", func=component)
    Language.component("test_patched_same_func", func=component)
    assert seen and all(len(pair) == 2 for pair in seen)


def test_an_uninitialized_component_is_spacys_value_error():
    nlp = lexloom.blank("en")
    nlp.add_pipe("tagger")
    with pytest.raises(ValueError, match="E109.*'tagger'.*initialize"):
        nlp("some text")


def test_default_config_is_a_config_as_in_spacy():
    from lexloom.lang.en import English

    config = English.default_config
    assert config["nlp"]["lang"] == "en" and Language.default_config["nlp"]["lang"] is None
    config["nlp"]["batch_size"] = 3  # a fresh copy each read: the defaults don't change
    assert English.default_config["nlp"]["batch_size"] != 3
    assert lexloom.blank("en").default_config["training"]["max_epochs"] == \
        English.default_config["training"]["max_epochs"]


def test_punctuation_entries_are_the_strings_spacy_code_edits():
    """Docs and user code edit the rule lists by their spaCy strings:
    prefixes.remove("\\!") must find the entry."""
    defaults = lexloom.blank("en").Defaults
    for entry in ("\\!", "\\?", "\\(", "\\[", "#", "&", "\\'", '"'):
        assert entry in defaults.prefixes and entry in defaults.suffixes, entry
    prefixes = list(defaults.prefixes)
    prefixes.remove("\\!")
    nlp = lexloom.blank("en")
    nlp.tokenizer.prefix_search = lexloom.util.compile_prefix_regex(prefixes).search
    assert [t.text for t in nlp("!hello (x")] == ["!hello", "(", "x"]


def test_replacing_a_disabled_component_keeps_it_disabled_as_in_spacy():
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("entity_ruler")
    nlp.disable_pipe("sentencizer")
    nlp.replace_pipe("sentencizer", "sentencizer", config={"punct_chars": ["|"]})
    assert nlp.pipe_names == ["entity_ruler"]
    assert nlp.disabled == ["sentencizer"] and nlp.config["nlp"]["disabled"] == ["sentencizer"]
    nlp.enable_pipe("sentencizer")
    assert nlp.pipe_names == ["sentencizer", "entity_ruler"]
    assert nlp.get_pipe("sentencizer").punct_chars == {"|"}


def test_a_blank_pipelines_config_has_spacys_filled_defaults():
    config = lexloom.blank("en").config
    assert list(config) == ["paths", "system", "nlp", "corpora", "training", "initialize",
                            "components", "pretraining"]
    assert config["pretraining"] == {}
    assert config["training"]["batcher"]["get_length"] is None
    assert config["training"]["batcher"]["size"]["t"] == 0.0
    assert config["training"]["logger"]["progress_bar"] is False


def test_enable_names_the_pipeline_lacks_are_ignored_as_in_spacy(tmp_path):
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("entity_ruler")
    with nlp.select_pipes(enable=["entity_ruler", "not_there"]):
        assert nlp.pipe_names == ["entity_ruler"]
    with nlp.select_pipes(enable="not_there"):
        assert nlp.pipe_names == []
    assert nlp.pipe_names == ["sentencizer", "entity_ruler"]
    nlp.to_disk(tmp_path / "p")
    loaded = lexloom.load(tmp_path / "p", enable=["sentencizer", "nope"])
    assert loaded.pipe_names == ["sentencizer"] and loaded.disabled == ["entity_ruler"]


def test_a_sourced_components_config_has_its_variables_resolved_as_in_spacy():
    source = lexloom.load("en_lexloom_sm")
    raw = source.get_pipe_config("tok2vec")["model"]["embed"]["width"]
    assert isinstance(raw, str) and raw.startswith("${")   # a variable into its own block
    nlp = lexloom.blank("en")
    nlp.add_pipe("tok2vec", source=source)
    width = source.get_pipe("tok2vec").model.get_dim("nO")
    assert nlp.config["components"]["tok2vec"]["model"]["embed"]["width"] == width
    assert nlp.config.interpolate()["components"]["tok2vec"]["model"]["embed"]["width"] == width


def _tagger_source_and_vectors(tmp_path):
    from lexloom.training import Example

    source = lexloom.blank("en")
    source.add_pipe("tagger")
    doc = source.make_doc("cats sit")
    source.initialize(lambda: [Example.from_dict(doc, {"tags": ["NN", "VB"]})])
    source.to_disk(tmp_path / "source")
    with_vectors = lexloom.blank("en")
    with_vectors.vocab.vectors.resize((1, 4))
    with_vectors.vocab.vectors.add("cats", vector=[1, 2, 3, 4])
    with_vectors.to_disk(tmp_path / "vectors")


@pytest.mark.parametrize("vectors", [True, False])
def test_sourced_components_are_checked_against_the_initialize_vectors(tmp_path, vectors):
    """As spaCy: building a config that sources a component says nothing yet; nlp.initialize
    warns W113 once [initialize] vectors make the pipeline's vectors differ from the
    source's (a real config sources en_core_web_sm's ner and loads other vectors)."""
    import warnings

    _tagger_source_and_vectors(tmp_path)
    config = {"nlp": {"lang": "en", "pipeline": ["tagger"]},
              "components": {"tagger": {"source": str(tmp_path / "source")}},
              "initialize": {"vectors": str(tmp_path / "vectors") if vectors else None}}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        nlp = lexloom.util.load_model_from_config(config, auto_fill=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with nlp.select_pipes(disable=["tagger"]):
            nlp.initialize()
    said = [str(w.message) for w in caught if "W113" in str(w.message)]
    assert said == (["[W113] The component 'tagger' was copied from a pipeline with other "
                     "vectors than this one, so it may not work as expected."] if vectors
                    else [])
    assert "_sourced_vectors_hashes" not in nlp.meta   # not saved into meta.json


def test_replacing_or_removing_a_sourced_component_drops_its_checks(tmp_path):
    """As spaCy's replace_pipe (which removes the old component first) and remove_pipe: the
    component's W113 check and its [initialize.components] settings go with it."""
    import warnings

    _tagger_source_and_vectors(tmp_path)
    config = {"nlp": {"lang": "en", "pipeline": ["tagger"]},
              "components": {"tagger": {"source": str(tmp_path / "source")}},
              "initialize": {"vectors": str(tmp_path / "vectors"),
                             "components": {"tagger": {"labels": None}}}}
    for edit in ("replace", "remove"):
        nlp = lexloom.util.load_model_from_config(config, auto_fill=True)
        assert "tagger" in nlp.meta["_sourced_vectors_hashes"]
        if edit == "replace":
            nlp.replace_pipe("tagger", "sentencizer")
        else:
            nlp.remove_pipe("tagger")
        assert nlp.meta["_sourced_vectors_hashes"] == {}
        assert "tagger" not in nlp.config["initialize"]["components"]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            nlp.initialize()
        assert not [w for w in caught if "W113" in str(w.message)]


def test_floret_vectors_differing_in_their_settings_count_as_other_vectors():
    import numpy

    from lexloom.loading import vectors_digest
    from lexloom.vectors import Vectors

    def floret(minn):
        return Vectors(mode="floret", data=numpy.ones((8, 3), dtype="f"), minn=minn, maxn=5,
                       hash_count=1)

    assert vectors_digest(floret(3)) == vectors_digest(floret(3))
    assert vectors_digest(floret(2)) != vectors_digest(floret(3))
