"""spaCy's tok2vec/listener and config-serialization behaviour: a listener without an
upstream runs (doc.tensor or zeros, one warning), sourced components take their new names,
replace_listeners from a config, the frozen-tok2vec error, the pretraining config file, and
what from_config / initialize validate."""
import pickle
import warnings

import catalogue
import numpy
import pytest
from confection import Config, ConfigValidationError

from lexloom.util import load_model_from_config
import lexloom
from lexloom.errors import ConfigError, LexloomWarning
from lexloom.language import DEFAULT_CONFIG_PRETRAIN_PATH, Language
from lexloom.lookups import Lookups
from lexloom.pipeline.tok2vec import Tok2VecListener
from lexloom.registry import registry
from lexloom.training import Example
from lexloom.training.config_templates import default_pretraining_config

WIDTH = 32
TOK2VEC = {"model": {"@architectures": "spacy.HashEmbedCNN.v2", "width": WIDTH, "depth": 2,
                     "embed_size": 500, "window_size": 1, "maxout_pieces": 2,
                     "subword_features": True, "pretrained_vectors": None}}
LISTENER = {"@architectures": "spacy.Tok2VecListener.v1", "width": WIDTH, "upstream": "*"}
TAGGER = {"model": {"@architectures": "spacy.Tagger.v2", "nO": None, "tok2vec": LISTENER}}
NER = {"model": {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner",
                 "extra_state_tokens": False, "hidden_width": 16, "maxout_pieces": 2,
                 "use_upper": True, "nO": None, "tok2vec": LISTENER}}
DATA = [("I like green eggs", ["N", "V", "J", "N"]), ("Eat blue ham", ["V", "J", "N"])]


def shared(with_ner=False):
    nlp = lexloom.blank("en")
    nlp.add_pipe("tok2vec", config=TOK2VEC)
    nlp.add_pipe("tagger", config=TAGGER)
    if with_ner:
        nlp.add_pipe("ner", config=NER)
    return nlp


def examples(nlp):
    return [Example.from_dict(nlp.make_doc(text), {"tags": tags}) for text, tags in DATA]


def trained(with_ner=False):
    nlp = shared(with_ner)
    egs = examples(nlp)
    optimizer = nlp.initialize(lambda: egs)
    for _ in range(3):
        nlp.update(egs, sgd=optimizer)
    return nlp


def listener_of(nlp, name="tagger"):
    return next(n for n in nlp.get_pipe(name).model.walk() if isinstance(n, Tok2VecListener))


# ---- a listener without an upstream --------------------------------------------------


def test_disabled_upstream_runs_on_zeros_and_warns_once():
    nlp = trained()
    nlp.select_pipes(disable="tok2vec")       # no error, as in spaCy
    assert nlp.pipe_names == ["tagger"]
    with pytest.warns(LexloomWarning, match="'tagger'.*tok2vec.*replace_listeners"):
        doc = nlp("Running with the tok2vec disabled")
    assert len({t.tag_ for t in doc}) == 1     # zeros in: one tag for every token
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        nlp("Once is enough")
        list(nlp.pipe(["and for batches", "too"]))


def test_removed_or_missing_upstream_is_no_error():
    nlp = trained()
    nlp.remove_pipe("tok2vec")
    assert nlp.pipe_names == ["tagger"]
    with pytest.warns(LexloomWarning, match="no enabled tok2vec or transformer"):
        assert len(nlp("still runs")) == 2
    alone = lexloom.blank("en")
    alone.add_pipe("tagger", config=TAGGER)
    assert alone.pipe_names == ["tagger"]


def test_reenabled_upstream_feeds_the_listener_again():
    nlp = trained()
    expected = [t.tag_ for t in nlp("I like blue eggs")]
    with nlp.select_pipes(disable=["tok2vec"]):
        assert listener_of(nlp).no_upstream is not None
    assert listener_of(nlp).no_upstream is None
    assert [t.tag_ for t in nlp("I like blue eggs")] == expected


def test_listener_reads_a_tensor_of_its_width_else_zeros():
    nlp = trained()
    listener = listener_of(nlp)
    doc = nlp.make_doc("two words")
    doc.tensor = numpy.ones((2, WIDTH), dtype="float32")
    assert (listener.predict([doc])[0] == 1).all()
    doc.tensor = numpy.ones((2, WIDTH + 1), dtype="float32")
    out = listener.predict([doc])[0]
    assert out.shape == (2, WIDTH) and not out.any()
    assert listener.predict([nlp.make_doc("")])[0].shape == (0, WIDTH)


def test_frozen_tok2vec_that_doesnt_annotate_is_a_clear_error():
    nlp = shared()
    egs = examples(nlp)
    optimizer = nlp.initialize(lambda: egs)
    with pytest.raises(ValueError, match="the tok2vec embedding layer is not updated"):
        nlp.update(egs, sgd=optimizer, exclude=["tok2vec"])
    nlp.update(egs, sgd=optimizer, exclude=["tok2vec"], annotates=["tok2vec"])


def test_pipeline_with_listener_pickles_after_running():
    nlp = trained()
    nlp("hello there")
    again = pickle.loads(pickle.dumps(nlp))
    assert [t.tag_ for t in again("hello there")] == [t.tag_ for t in nlp("hello there")]


# ---- sourcing and replace_listeners --------------------------------------------------


def test_sourced_components_take_the_new_name():
    nlp1 = shared(with_ner=True)
    nlp2 = lexloom.blank("en")
    nlp2.add_pipe("tok2vec", source=nlp1)
    nlp2.add_pipe("tagger", name="tagger2", source=nlp1)
    assert nlp1.get_pipe("tagger").name == "tagger2"
    assert nlp2.get_pipe("tok2vec").listening_components == ["tagger2"]
    nlp2.add_pipe("ner", name="ner3", source=nlp1)
    assert nlp2.get_pipe("tok2vec").listening_components == ["tagger2", "ner3"]
    nlp2.remove_pipe("ner3")
    assert nlp2.get_pipe("tok2vec").listening_components == ["tagger2"]
    nlp1.add_pipe("sentencizer")               # the shared tok2vec follows nlp1 again
    assert nlp1.get_pipe("tok2vec").listening_components == ["tagger", "ner"]
    assert nlp1.get_pipe("tagger").name == "tagger"


def test_replace_listeners_from_config_with_renamed_components(tmp_path):
    nlp = shared(with_ner=True)
    egs = [Example.from_dict(nlp.make_doc("x y"),
                             {"tags": ["V", "Z"], "entities": [(0, 1, "A"), (2, 3, "B")]})]
    nlp.initialize(lambda: egs)
    nlp.to_disk(tmp_path)
    src = str(tmp_path)
    config = {"nlp": {"lang": "en", "pipeline": ["tok2vec", "tagger2", "ner3", "tagger4"]},
              "components": {
                  "tok2vec": {"source": src},
                  "tagger2": {"source": src, "component": "tagger",
                              "replace_listeners": ["model.tok2vec"]},
                  "ner3": {"source": src, "component": "ner"},
                  "tagger4": {"source": src, "component": "tagger"}}}
    new = load_model_from_config(config, auto_fill=True)
    assert new.get_pipe("tok2vec").listening_components == ["ner3", "tagger4"]
    assert not any(isinstance(n, Tok2VecListener)
                   for n in new.get_pipe("tagger2").model.walk())
    cfg = new.config["components"]
    assert cfg["tagger2"]["model"]["tok2vec"]["@architectures"] == "spacy.HashEmbedCNN.v2"
    assert cfg["tagger4"]["model"]["tok2vec"]["@architectures"] == "spacy.Tok2VecListener.v1"


# ---- config files and validation -----------------------------------------------------


def test_default_pretraining_config_is_a_packaged_file():
    assert DEFAULT_CONFIG_PRETRAIN_PATH.name == "default_config_pretraining.cfg"
    assert DEFAULT_CONFIG_PRETRAIN_PATH.parent == lexloom.language.DEFAULT_CONFIG_PATH.parent
    config = lexloom.util.load_config(DEFAULT_CONFIG_PRETRAIN_PATH, interpolate=False)
    assert config["pretraining"]["objective"]["@architectures"] == "spacy.PretrainCharacters.v1"
    assert config["corpora"]["pretrain"]["path"] == "${paths.raw_text}"
    assert default_pretraining_config() == config


def test_from_config_without_auto_fill_needs_every_nlp_setting():
    config = Config({"nlp": {"lang": "en", "pipeline": []}})
    with pytest.raises(ConfigValidationError, match="tokenizer"):
        load_model_from_config(config, auto_fill=False)
    with pytest.raises(ConfigError):
        load_model_from_config(config, auto_fill=False)
    assert load_model_from_config(config, auto_fill=True).pipe_names == []


def test_auto_fill_without_validation_drops_unknown_settings():
    config = Config({"nlp": {"lang": "en"}, "training": {"extra": "hello"}})
    nlp = load_model_from_config(config, auto_fill=True, validate=False)
    assert "extra" not in nlp.config["training"]
    assert "extra" in config["training"]       # the caller's config is left alone
    load_model_from_config(nlp.config, auto_fill=True)


def test_initialize_resolves_lookups():
    nlp = lexloom.blank("en")
    nlp.config["initialize"]["lookups"] = {"@misc": "nonexistent.lookups"}
    with pytest.raises(catalogue.RegistryError):
        nlp.initialize()
    with pytest.raises(ConfigError, match="nonexistent.lookups"):
        nlp.initialize()

    @registry.misc("test_tok2vec_suite.lookups")
    def make_lookups():
        lookups = Lookups()
        lookups.add_table("lexeme_norm", {"colour": "color"})
        return lookups

    nlp.config["initialize"]["lookups"] = {"@misc": "test_tok2vec_suite.lookups"}
    nlp.initialize()
    assert nlp.vocab.lookups.get_table("lexeme_norm")["colour"] == "color"
