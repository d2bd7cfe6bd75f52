"""spacy.util / registry / pipeline functions / pipe_analysis / cli names as spaCy 3.8 has them
(behaviour observed by a differential audit against spaCy 3.8.18; no spaCy needed here)."""
import copy
import inspect
import io
import json
import logging
import pickle
import warnings
from contextlib import redirect_stdout

import pytest

import lexloom
from lexloom import util
from lexloom.language import Language
from lexloom.pipe_analysis import analyze_pipes, validate_attrs
from lexloom.pipeline import functions
from lexloom.util import SimpleFrozenDict, SimpleFrozenList


# ---- frozen containers ---------------------------------------------------------------------

def test_frozen_dict_refuses_writes_with_E095():
    d = SimpleFrozenDict({"a": 1})
    for write in (lambda: d.__setitem__("b", 1), lambda: d.pop("a"), lambda: d.update({})):
        with pytest.raises(NotImplementedError, match="E095"):
            write()
    assert d == {"a": 1} and d.error.startswith("[E095]")


def test_frozen_containers_take_a_custom_error_and_spacy_signatures():
    with pytest.raises(NotImplementedError, match="my error"):
        SimpleFrozenList([1], error="my error").append(2)
    assert str(inspect.signature(SimpleFrozenDict.pop)) == "(self, key, default=None)"
    assert str(inspect.signature(SimpleFrozenDict.update)) == "(self, other)"
    assert inspect.signature(SimpleFrozenList).parameters["error"].default.startswith("[E927]")


def test_frozen_containers_pickle_and_copy():
    # spaCy's fail here (their item setter refuses); lexloom's rebuild the whole object
    d = SimpleFrozenDict({"a": 1}, error="e")
    lst = SimpleFrozenList([1, 2], error="f")
    for clone in (pickle.loads(pickle.dumps(d)), copy.deepcopy(d)):
        assert type(clone) is SimpleFrozenDict and clone == {"a": 1} and clone.error == "e"
    clone = pickle.loads(pickle.dumps(lst))
    assert type(clone) is SimpleFrozenList and clone == [1, 2] and clone.error == "f"


def test_computed_pipeline_lists_carry_E926_and_dicts_are_frozen():
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    for attr in ("pipeline", "pipe_names", "components", "component_names", "disabled"):
        with pytest.raises(NotImplementedError, match=r"E926.*nlp\." + attr):
            getattr(nlp, attr).append("x")
    assert type(nlp.pipe_labels) is SimpleFrozenDict
    assert type(nlp.pipe_factories) is SimpleFrozenDict
    with pytest.raises(NotImplementedError):
        nlp.pipe_factories["x"] = "y"


# ---- config helpers ------------------------------------------------------------------------

def test_load_config_from_str_takes_interpolate_positionally():
    config = util.load_config_from_str("[a]\nb = 1\nc = ${a.b}", {}, True)
    assert dict(config) == {"a": {"b": 1, "c": 1}}
    params = list(inspect.signature(util.load_config_from_str).parameters)
    assert params == ["text", "overrides", "interpolate"]


def test_load_config_of_no_file_is_E053_oserror(tmp_path):
    for path in (tmp_path / "nope.cfg", tmp_path, None):
        with pytest.raises(OSError, match="E053"):
            util.load_config(path)


def test_load_config_of_an_empty_file_is_an_empty_config(tmp_path):
    (tmp_path / "empty.cfg").write_text("")
    config = util.load_config(tmp_path / "empty.cfg")
    assert dict(config) == {} and type(config).__name__ == "Config"


def test_dotted_config_helpers():
    assert util.dot_to_dict({"A.B": 1, "token._.x": True}) == {"a": {"b": 1},
                                                              "token": {"_": {"x": True}}}
    assert util.dict_to_dot({"a": {"@misc": "x"}}, for_overrides=True) == {"a": {"@misc": "x"}}
    with pytest.raises(KeyError, match="E952"):
        util.dot_to_object({"a": {"b": 1}}, "a.c")
    assert util.combine_score_weights([{"a": 1, "b": 1}], {"a": None}) == {"a": None, "b": 1.0}


# ---- loading -------------------------------------------------------------------------------

def test_loading_errors_carry_spacys_codes(tmp_path):
    with pytest.raises(OSError, match="E941"):
        util.load_model("en")        # spaCy 2's shortcut names
    with pytest.raises(OSError, match="E050"):
        util.load_model(3)
    (tmp_path / "f.txt").write_text("x")
    with pytest.raises(OSError, match="E053"):
        util.load_model_from_path(tmp_path / "f.txt")
    with pytest.raises(OSError, match="E052"):
        util.get_model_meta(tmp_path / "nope")
    (tmp_path / "meta.json").write_text(json.dumps({"lang": "en", "name": "x"}))
    with pytest.raises(ValueError, match="E054"):
        util.load_meta(tmp_path / "meta.json")
    with pytest.raises(ModuleNotFoundError):
        util.get_package_path("no_such_package_xyz")
    with pytest.raises(ModuleNotFoundError):
        util.load_model_from_package("no_such_package_xyz")


def test_load_model_from_config_errors_carry_spacys_codes():
    with pytest.raises(ValueError, match="E985"):
        util.load_model_from_config({"components": {}})
    with pytest.raises(ValueError, match="E993"):
        util.load_model_from_config({"nlp": {"pipeline": []}})
    with pytest.raises(ValueError, match="E956"):
        util.load_model_from_config({"nlp": {"lang": "en", "pipeline": ["x"]},
                                     "components": {}}, auto_fill=True)
    with pytest.raises(ValueError, match="E918"):
        Language(vocab=False)


def test_loading_signatures_default_to_frozen_containers():
    for func in (util.load_model, util.load_model_from_path, util.load_model_from_package,
                 util.load_model_from_init_py):
        params = inspect.signature(func).parameters
        for name in ("disable", "enable", "exclude"):
            assert type(params[name].default) is SimpleFrozenList, (func, name)
        assert type(params["config"].default) is SimpleFrozenDict


# ---- module names --------------------------------------------------------------------------

def test_util_offers_the_names_spacy_util_imports():
    from confection import Config
    from packaging.version import Version
    from thinc.api import Model

    assert util.Config is Config and util.Version is Version and util.Model is Model
    assert util.cupy is None or util.cupy.__name__ == "cupy"
    assert util.is_windows is False
    assert util.Warnings.W116.startswith("[W116]")
    for name in ("srsly", "thinc", "numpy", "catalogue", "shutil", "subprocess", "tempfile",
                 "Dict", "List", "Optional", "Registry", "RegistryError", "SpecifierSet",
                 "Requirement", "InvalidVersion", "get_current_ops", "Adam", "about"):
        assert getattr(util, name) is not None
        assert name in dir(util)
    with pytest.raises(AttributeError):
        util.no_such_name


def test_util_logger_has_spacys_stream_handler():
    assert util.logger_stream_handler in util.logger.handlers
    assert isinstance(util.logger_stream_handler, logging.StreamHandler)


def test_about_and_cli_names():
    from lexloom import about, cli
    from lexloom.cli import _util

    assert isinstance(about.__title__, str) and isinstance(about.__download_url__, str)
    assert isinstance(about.__compatibility__, str)
    assert type(cli.msg).__name__ == "Printer"
    assert _util.Arg is not None and _util.Opt is not None
    assert _util.SDIST_SUFFIX == ".tar.gz" and _util.WHEEL_SUFFIX == "-py3-none-any.whl"
    assert _util.PROJECT_FILE == "project.yml"
    assert _util._format_number(1.5) == "1.50" and _util._format_number(3) == "3"
    for name in ("init_cli", "debug_cli", "benchmark_cli"):
        assert type(getattr(_util, name)).__name__ == "Typer"
    assert list(inspect.signature(_util.show_validation_error).parameters) == [
        "file_path", "title", "desc", "show_config", "hint_fill"]


def test_pipeline_package_offers_factories_and_legacy_modules():
    import lexloom.pipeline as pipeline

    assert inspect.ismodule(pipeline.factories) and inspect.ismodule(pipeline.legacy)


# ---- pipeline functions --------------------------------------------------------------------

def test_doc_cleaner_warns_W116_when_not_silent():
    nlp = lexloom.blank("en")
    doc = nlp("a b")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        functions.DocCleaner({"nosuch": 1, "a.b.c": 2}, silent=False)(doc)
    assert [str(w.message)[:6] for w in caught] == ["[W116]"] * 3


def test_token_splitter_and_doc_cleaner_to_disk_return_the_folder(tmp_path):
    for component in (functions.TokenSplitter(3, 4), functions.DocCleaner({"tensor": None})):
        path = tmp_path / type(component).__name__
        assert component.to_disk(path) == path
        assert json.loads((path / "cfg").read_text())


def test_merge_subtokens_without_a_parse_is_E155():
    with pytest.raises(ValueError, match="E155"):
        functions.merge_subtokens(lexloom.blank("en")("a b"))


def test_factory_meta_keeps_spacys_empty_default():
    meta = Language.get_factory_meta("merge_entities")
    assert type(meta.assigns) is SimpleFrozenList and meta.requires == [
        "doc.ents", "token.ent_iob", "token.ent_type"]

    Language.component("_ll_parity_declared_empty", assigns=[], func=lambda doc: doc)
    assert type(Language.get_factory_meta("_ll_parity_declared_empty").assigns) is list


# ---- pipe analysis -------------------------------------------------------------------------

def test_validate_attrs_lowercases_as_spacy_and_codes_objects_E182():
    assert validate_attrs(["TOKEN.TAG"]) == ["TOKEN.TAG"]
    for bad in (["doc"], ["token"], ["token._"]):
        with pytest.raises(ValueError, match="E182"):
            validate_attrs(bad)
    with pytest.raises(ValueError, match="E184"):
        validate_attrs(["token.tag_"])


def test_analyze_pipes_reports_unmet_requirements_and_prints_spacys_table():
    Language.component("_ll_parity_needs_tag", requires=["token.tag"], func=lambda doc: doc)
    nlp = lexloom.blank("en")
    nlp.add_pipe("_ll_parity_needs_tag", name="c0")
    result = analyze_pipes(nlp)
    assert result["problems"] == {"c0": ["token.tag"]}
    assert result["attrs"] == {"token.tag": {"assigns": [], "requires": ["c0"]}}
    out = io.StringIO()
    with redirect_stdout(out):
        nlp.analyze_pipes(pretty=True)
    text = out.getvalue()
    assert "Pipeline Overview" in text and "Problems (1)" in text
    assert "'c0' requirements not met: token.tag" in text


# ---- registry ------------------------------------------------------------------------------

def test_registry_lookups_as_spacy():
    registry = lexloom.registry
    assert registry is util.registry
    assert registry.has("architectures", "spacy.Tok2Vec.v2")
    assert not registry.has("nosuchreg", "x")
    with pytest.raises(ValueError, match="E892"):
        registry.get("nosuchreg", "x")
    with pytest.raises(ValueError, match="E893"):
        registry.get("architectures", "spacy.Nope.v1")
    names = registry.get_registry_names()
    for name in ("architectures", "augmenters", "batchers", "callbacks", "cli", "displacy_colors",
                 "factories", "languages", "layers", "lemmatizers", "loggers", "lookups", "misc",
                 "models", "optimizers", "readers", "schedules", "scorers", "tokenizers",
                 "vectors"):
        assert name in names
    assert sorted(registry.find("architectures", "spacy.Tok2Vec.v2")) == [
        "docstring", "file", "line_no", "module"]
