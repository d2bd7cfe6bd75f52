"""The CLI's Python API as scripts and plugins call it, as spaCy 3.8 offers it: module-level
helpers, argument names and return shapes (each expected value observed with spaCy)."""
from __future__ import annotations

import inspect

import pytest

import lexloom
from lexloom import util


def test_override_dashes_become_underscores_only_in_the_equals_form():
    """spaCy: "--a.b-c=1" is a.b_c, "--a.b-c 1" keeps the dash (a component "my-ruler")."""
    assert util.parse_overrides(["--training.max-steps=5"]) == {"training.max_steps": 5}
    assert util.parse_overrides(["--components.my-ruler.x", "1"]) == \
        {"components.my-ruler.x": 1}
    from lexloom.cli._util import parse_config_overrides

    assert parse_config_overrides(None, env_var=None) == {}


def test_module_level_helpers_of_spacys_cli():
    from importlib import import_module

    # the modules (`from lexloom.cli import convert` is the function, as in spaCy)
    _util, convert, evaluate, init_config, validate = (
        import_module(f"lexloom.cli.{name}")
        for name in ("_util", "convert", "evaluate", "init_config", "validate"))

    assert _util._parse_override("[1, 2]") == [1, 2] and _util._parse_override("x y") == "x y"
    assert validate.reformat_version("3.0.0-alpha") == "3.0.0a0"
    assert [t.value for t in convert.FileTypes] == ["json", "spacy"]
    assert {"conllu", "conllubio", "ner", "iob", "json"} <= set(convert.CONVERTERS)
    assert convert.autodetect_ner_format("I|PRP|O like|VBP|O") == "iob"
    assert convert.walk_directory is _util.walk_directory
    scores = {"ents_per_type": {"PER": {"p": 1.0, "r": 1.0, "f": 1.0}}, "dep_las_per_type": {}}
    data: dict = {}
    assert evaluate.handle_scores_per_type(scores, data, silent=True) is scores
    assert data == {"ents_per_type": scores["ents_per_type"]}
    assert callable(init_config.save_config)


def test_save_config_writes_or_prints(tmp_path, capsys):
    from lexloom.cli.init_config import init_config, save_config

    config = init_config(lang="en", pipeline=["tagger"])
    save_config(config, tmp_path / "c.cfg", silent=True)
    assert "[components.tagger]" in (tmp_path / "c.cfg").read_text(encoding="utf8")
    save_config(config, "-", is_stdout=True)
    assert "[components.tagger]" in capsys.readouterr().out


def test_argument_names_are_spacys():
    from lexloom.cli.init_config import init_config_cli
    from lexloom.training.initialize import init_tok2vec
    from lexloom.training.pretrain import pretrain

    assert "force_overwrite" in inspect.signature(init_config_cli).parameters
    assert list(inspect.signature(init_tok2vec).parameters)[:3] == \
        ["nlp", "pretrain_config", "init_config"]
    # spaCy's pretrain(config, output_dir, resume_path, epoch_resume, use_gpu, silent, ...)
    positional = [p.name for p in inspect.signature(pretrain).parameters.values()
                  if p.kind is p.POSITIONAL_OR_KEYWORD]
    assert positional == ["config", "output_dir", "resume_path", "epoch_resume", "use_gpu",
                          "silent", "skip_last"]


def test_info_returns_every_key_with_spacys_version_key():
    data = lexloom.info(exclude=["location"])
    assert data["spacy_version"] == lexloom.__version__ and "location" in data


def test_hfwrapper_is_a_registered_layer_once_the_registry_is_filled():
    pytest.importorskip("torch")
    from lexloom.util import registry

    registry.ensure_populated()
    assert registry.layers.get("HFWrapper.v1").__name__ == "HFWrapper"


def test_info_helpers_of_spacys_info_module():
    from importlib import import_module

    info = import_module("lexloom.cli.info")
    about = info.info_spacy()
    assert about["lexloom version"] == lexloom.about.__lexloom_version__ and "pipelines" in about
    meta = info.info_model("en_lexloom_sm")
    assert meta["name"] == "lexloom_sm" and "source" in meta and "performance" not in meta
    text = info.get_markdown({"a": 1, "b": "x"}, title="T", exclude=["b"])
    assert text == "\n## T\n\n- **a:** 1\n\n"


def test_version_is_the_spacy_version_lexloom_implements():
    """Code written for spaCy gates on spacy.__version__ (spacy-transformers' tests skip
    below 3.5.4; asent falls back below 3.3): it reads the spaCy release lexloom implements.
    lexloom's own release is about.__lexloom_version__, the installed package's version."""
    import importlib.metadata

    import lexloom
    from lexloom import util

    assert lexloom.__version__ == lexloom.about.__version__ == "3.8.18"
    assert util.is_compatible_version(lexloom.__version__, ">=3.8.0,<3.9.0")
    assert lexloom.about.__lexloom_version__ == importlib.metadata.version("lexloom")
    assert lexloom.blank("en").meta["spacy_version"] == ">=3.8.18,<3.9.0"
