"""A tok2vec shared by listeners, through the Language API: the spec's shared and independent
setups, replace_listeners, edits that would orphan a listener, frozen tok2vec, sourcing,
and a saved pipeline predicting identically in a fresh process."""
import subprocess
import warnings
import sys

import pytest

import lexloom
from lexloom.errors import LexloomWarning, PipelineError
from lexloom.training import Example

TOK2VEC = {"model": {"@architectures": "spacy.HashEmbedCNN.v2", "width": 32, "depth": 2,
                     "embed_size": 500, "window_size": 1, "maxout_pieces": 2,
                     "subword_features": True, "pretrained_vectors": None}}
LISTENER = {"model": {"@architectures": "spacy.Tagger.v2", "nO": None,
                      "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 32,
                                  "upstream": "*"}}}
OWN_TOK2VEC = {"model": {"@architectures": "spacy.Tagger.v2", "nO": None,
                         "tok2vec": TOK2VEC["model"]}}
DATA = [("I like green eggs", ["PRP", "VBP", "JJ", "NNS"]),
        ("Eat blue ham", ["VB", "JJ", "NN"]),
        ("They eat eggs", ["PRP", "VBP", "NNS"])]


def examples(nlp):
    return [Example.from_dict(nlp.make_doc(text), {"tags": tags}) for text, tags in DATA]


def shared_pipeline():
    nlp = lexloom.blank("en")
    nlp.add_pipe("tok2vec", config=TOK2VEC)
    nlp.add_pipe("tagger", config=LISTENER)
    return nlp


def train(nlp, n_iter=40, **kwargs):
    egs = examples(nlp)
    optimizer = nlp.initialize(lambda: egs)
    for _ in range(n_iter):
        nlp.update(egs, sgd=optimizer, **kwargs)
    return egs


def tags(nlp, text="They like green ham"):
    return [t.tag_ for t in nlp(text)]


def test_shared_tok2vec_trains_tagger_through_listener():
    nlp = shared_pipeline()
    assert nlp.get_pipe("tok2vec").listening_components == ["tagger"]
    egs = train(nlp)
    assert nlp.evaluate(egs)["tag_acc"] == 1.0


def test_unlistened_tok2vec_update_draws_its_dropout_masks_as_spacy():
    """spaCy's Tok2Vec.update runs its model even when nothing listens; with dropout that
    draws masks from the random state the later components draw from, so lexloom draws them
    too (same seed, same training)."""
    import numpy
    from thinc.api import fix_random_seed, set_dropout_rate

    nlp = lexloom.blank("en")
    t2v = nlp.add_pipe("tok2vec")
    egs = [Example.from_dict(nlp.make_doc("great fun"), {}),
           Example.from_dict(nlp.make_doc("boring film"), {})]
    nlp.initialize(lambda: egs)
    assert not t2v.listener_map

    def next_draw(step):
        fix_random_seed(0)
        step()
        return numpy.random.random()

    untouched = next_draw(lambda: None)
    set_dropout_rate(t2v.model, 0.2)
    by_forward = next_draw(lambda: t2v.model.begin_update([eg.predicted for eg in egs]))
    assert by_forward != untouched
    assert next_draw(lambda: t2v.update(egs, drop=0.2)) == by_forward
    assert next_draw(lambda: t2v.update(egs, drop=0.0)) == untouched


def test_independent_tagger_has_no_listeners():
    nlp = lexloom.blank("en")
    nlp.add_pipe("tagger", config=OWN_TOK2VEC)
    egs = train(nlp)
    assert nlp.evaluate(egs)["tag_acc"] == 1.0


def test_function_components_join_a_pipeline_with_listeners():
    """Function components (no model, no .name) added after a tok2vec and its listener, and
    select_pipes around them: the links are made again each time and stay right."""
    from lexloom.language import Language

    @Language.component("lexloom_test_mark_first")
    def mark_first(doc):
        doc.user_data["seen"] = True
        return doc

    nlp = shared_pipeline()
    train(nlp, n_iter=20)
    before = tags(nlp)
    nlp.add_pipe("merge_entities")
    nlp.add_pipe("lexloom_test_mark_first", first=True)
    nlp.add_pipe("merge_noun_chunks", before="tagger")
    assert nlp.get_pipe("tok2vec").listening_components == ["tagger"]
    with nlp.select_pipes(disable=["merge_entities"]):
        assert nlp.get_pipe("tok2vec").listening_components == ["tagger"]
    doc = nlp("They like green ham")
    assert doc.user_data["seen"] and [t.tag_ for t in doc] == before


def test_removing_or_disabling_the_upstream_warns_naming_both_when_run():
    """As in spaCy, the edit is allowed and the cut-off listener reads zeros; lexloom warns
    once, when the listener first runs, naming the component and the upstream."""
    nlp = shared_pipeline()
    train(nlp)
    with nlp.select_pipes(disable=["tok2vec"]):
        assert nlp.pipe_names == ["tagger"]
        with pytest.warns(LexloomWarning, match="'tagger'.*tok2vec.*replace_listeners"):
            nlp("the cat sat")
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # once per listener
            nlp("the dog ran")
    assert nlp.pipe_names == ["tok2vec", "tagger"]
    nlp.remove_pipe("tok2vec")
    assert nlp.pipe_names == ["tagger"]
    assert len(nlp("the cat sat")) == 3


def test_select_pipes_links_a_model_assigned_since_the_last_link():
    """select_pipes reuses each component's listener layers from the last link (walking
    every model on entry and exit cost more than spaCy's whole select_pipes), but not for
    a component whose model object changed."""
    nlp = shared_pipeline()
    train(nlp, n_iter=2)
    tok2vec, tagger = nlp.get_pipe("tok2vec"), nlp.get_pipe("tagger")
    with nlp.select_pipes(disable=["tagger"]):
        pass
    def listener(model):
        return next(n for n in model.walk() if n.name == "tok2vec-listener")

    old = listener(tagger.model)
    assert [id(x) for x in tok2vec.listener_map["tagger"]] == [id(old)]
    from lexloom.util import registry

    tagger.model = registry.resolve(LISTENER)["model"]   # a new model, a new listener layer
    new = listener(tagger.model)
    assert new is not old
    with nlp.select_pipes(disable=[]):
        assert [id(x) for x in tok2vec.listener_map["tagger"]] == [id(new)]
    assert [id(x) for x in tok2vec.listener_map["tagger"]] == [id(new)]


def test_listener_added_without_upstream_runs_on_zeros_with_a_warning():
    nlp = lexloom.blank("en")
    tagger = nlp.add_pipe("tagger", config=LISTENER)
    tagger.add_label("NN")
    with pytest.warns(LexloomWarning, match="no enabled tok2vec"):
        nlp.initialize()
        doc = nlp("the cat")
    assert [t.tag_ for t in doc] == ["NN", "NN"]


def test_replace_listeners_gives_the_component_its_own_copy():
    nlp = shared_pipeline()
    train(nlp)
    before = tags(nlp)
    nlp.replace_listeners("tok2vec", "tagger", ["model.tok2vec"])
    assert nlp.get_pipe("tok2vec").listening_components == []
    assert nlp.get_pipe_config("tagger")["model"]["tok2vec"]["@architectures"] == \
        "spacy.HashEmbedCNN.v2"
    assert tags(nlp) == before
    nlp.remove_pipe("tok2vec")  # the tagger no longer needs it
    assert tags(nlp) == before


def test_replace_listeners_with_no_paths_changes_nothing():
    nlp = shared_pipeline()
    config_before = nlp.get_pipe_config("tagger")
    nlp.replace_listeners("tok2vec", "tagger", [])
    assert nlp.get_pipe("tok2vec").listening_components == ["tagger"]
    assert nlp.get_pipe_config("tagger") == config_before
    with pytest.raises(PipelineError, match="1 listener"):
        nlp.replace_listeners("tok2vec", "tagger", ["model.tok2vec", "model.tok2vec"])


def test_replace_listeners_with_a_wrong_path_raises():
    nlp = shared_pipeline()
    with pytest.raises(PipelineError, match="model.nope"):
        nlp.replace_listeners("tok2vec", "tagger", ["model.nope"])


def test_frozen_annotating_tok2vec_is_not_updated_and_tagger_still_learns():
    # [training] frozen_components = ["tok2vec"], annotating_components = ["tok2vec"]
    nlp = shared_pipeline()
    egs = examples(nlp)
    optimizer = nlp.initialize(lambda: egs)
    tok2vec = nlp.get_pipe("tok2vec")
    before = [p.copy() for p in _params(tok2vec.model)]
    for _ in range(40):
        nlp.update(egs, sgd=optimizer, exclude=["tok2vec"], annotates=["tok2vec"])
    after = _params(tok2vec.model)
    assert all((a == b).all() for a, b in zip(before, after))
    assert nlp.evaluate(egs)["tag_acc"] > 0.7


def _params(model):
    return [node.get_param(name) for node in model.walk() for name in node.param_names
            if node.has_param(name)]


def test_sourced_components_keep_listeners_working():
    trained = shared_pipeline()
    train(trained)
    nlp = lexloom.blank("en")
    nlp.add_pipe("tok2vec", source=trained)
    nlp.add_pipe("tagger", source=trained)
    assert tags(nlp) == tags(trained)
    alone = lexloom.blank("en")
    alone.add_pipe("tagger", source=trained)  # allowed, as in spaCy: it runs on zeros
    with pytest.warns(LexloomWarning, match="'tagger'"):
        alone("the cat sat")


def test_saved_pipeline_predicts_identically_in_a_fresh_process(tmp_path):
    nlp = shared_pipeline()
    train(nlp)
    nlp.to_disk(tmp_path / "model")
    expected = tags(nlp)
    code = ("import lexloom; nlp = lexloom.load(r'%s'); "
            "print(' '.join(t.tag_ for t in nlp('They like green ham')))" % (tmp_path / "model"))
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == expected
    assert not list((tmp_path / "model").rglob("*.pkl"))


@pytest.mark.parametrize("factory", ["tok2vec", "transformer"])
def test_add_label_on_an_embedding_component_is_a_not_implemented_error(factory):
    # spaCy's Tok2Vec and spacy-transformers' Transformer raise NotImplementedError (E931)
    nlp = lexloom.blank("en")
    if factory == "transformer":
        pytest.importorskip("transformers")
    pipe = nlp.add_pipe(factory, config={"model": {"name": "unused-no-load"}}
                        if factory == "transformer" else {})
    with pytest.raises(NotImplementedError):
        pipe.add_label("X")
