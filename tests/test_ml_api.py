"""lexloom.ml as spaCy's spacy.ml: the names it offers (loaded lazily), and the builders
behind them building spaCy's Thinc trees (names, dims) and working."""
from __future__ import annotations

import subprocess
import sys

import numpy
import pytest
from lexloom.ml import models

import lexloom
from lexloom import ml

thinc_api = pytest.importorskip("thinc.api")


def _tok2vec(width: int = 16):
    return ml.build_hash_embed_cnn_tok2vec(width=width, depth=2, embed_size=100, window_size=1,
                                           maxout_pieces=3, subword_features=True,
                                           pretrained_vectors=None)


def test_importing_ml_does_not_import_thinc():
    code = "import sys, lexloom.ml; assert 'thinc' not in sys.modules, 'thinc imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_ml_offers_models_names_and_submodules():
    assert ml.build_Tok2Vec_model is models.tok2vec.Tok2Vec
    assert ml.build_hash_embed_cnn_tok2vec is models.tok2vec.HashEmbedCNN
    assert ml.multi_task is models.multi_task
    assert ml.parser is models.parser and ml.textcat is models.textcat
    assert ml.parser_model.ParserStepModel.__name__ == "ParserStepModel"
    assert ml.callbacks.create_models_with_nvtx_range is ml.create_models_with_nvtx_range
    assert ml.NEG_VALUE == -5000
    assert ml.ORTH == lexloom.attrs.ORTH
    assert not hasattr(ml, "no_such_name")
    with pytest.raises(AttributeError):
        models.no_such_name  # noqa: B018


def test_hash_embed_cnn_tree_is_spacys():
    model = _tok2vec()
    names = [node.name for node in model.walk()]
    assert names[2] == ("with_array(residual(expand_window>>maxout>>layernorm>>dropout)"
                        ">>residual(expand_window>>maxout>>layernorm>>dropout))")
    assert names.count("hashembed") == 4
    assert model.get_dim("nO") == 16


def test_multi_task_model_tree_and_output():
    # as in spaCy, the head works on one array: the tok2vec given must end in list2array
    tok2vec = thinc_api.chain(_tok2vec(), thinc_api.list2array())
    model = models.build_multi_task_model(tok2vec, maxout_pieces=2, token_vector_width=16,
                                          nO=5)
    assert [layer.name for layer in model.layers[1:]] == ["maxout>>dropout", "layernorm",
                                                          "softmax"]
    assert model.get_ref("output_layer").get_dim("nO") == 5
    assert model.get_ref("output_layer").get_dim("nI") == 32
    nlp = lexloom.blank("en")
    docs = [nlp.make_doc("one two three"), nlp.make_doc("four")]
    model.initialize(X=docs)
    out = model.predict(docs)
    assert out.shape == (4, 5)
    numpy.testing.assert_allclose(out.sum(axis=1), 1.0, rtol=1e-5)


def test_cloze_characters_model_predicts_256_classes_per_character():
    nlp = lexloom.blank("en")
    model = models.build_cloze_characters_multi_task_model(nlp.vocab, _tok2vec(),
                                                           maxout_pieces=2, hidden_size=8,
                                                           nr_char=3)
    assert model.name == "masked-language-model"
    assert model.get_ref("output_layer").layers[-1].name == "multisoftmax"
    docs = [nlp.make_doc("hello world")]
    model.initialize(X=docs)
    prediction = model.predict(docs)
    assert prediction.shape == (2, 3 * 256)
    loss, d_pred = models.get_characters_loss(model.ops, docs, prediction, nr_char=3)
    assert loss > 0 and d_pred.shape == prediction.shape


def test_cloze_vectors_model_needs_vectors():
    vocab = lexloom.blank("en").vocab
    with pytest.raises(ValueError, match="static vectors"):
        models.build_cloze_multi_task_model(vocab, _tok2vec(), maxout_pieces=2, hidden_size=8)


def test_bilstm_encoder_depth_zero_is_the_identity():
    assert models.BiLSTMEncoder(16, 0, 0.0).name == "noop"


def test_bilstm_encoder_wraps_a_pytorch_lstm():
    pytest.importorskip("torch")
    model = models.BiLSTMEncoder(16, 1, 0.0)
    assert [n.name for n in model.walk()][-1] == "pytorch"
    assert model.get_dim("nO") == 16


def test_tok2vec_width_and_listener():
    tagger = models.build_tagger_model(_tok2vec(24), nO=4)
    assert models.get_tok2vec_width(tagger) == 24
    listener = models.tok2vec_listener_v1(width=32, upstream="tok2vec")
    assert type(listener) is models.Tok2VecListener
    assert listener.get_dim("nO") == 32 and listener.upstream_name == "tok2vec"
    assert models.get_tok2vec_width(models.build_tagger_model(listener, nO=3)) == 32


def test_ensemble_init_sizes_the_attention_layers():
    linear = models.build_bow_text_classifier(exclusive_classes=True, ngram_size=1,
                                              no_output_layer=False)
    model = models.build_text_classifier_v2(_tok2vec(12), linear)
    assert model.init is models.init_ensemble_textcat
    nlp = lexloom.blank("en")
    model.initialize(X=[nlp.make_doc("a b c")], Y=numpy.zeros((1, 2), dtype="f"))
    assert model.get_ref("attention_layer").get_dim("nO") == 12
    assert model.get_ref("maxout_layer").get_dim("nI") == 12


def test_resize_and_set_ref_grows_the_output_layer():
    model = models.build_bow_text_classifier_v3(exclusive_classes=False, ngram_size=1,
                                                no_output_layer=False, nO=2)
    nlp = lexloom.blank("en")
    model.initialize(X=[nlp.make_doc("a b")])
    model.attrs["resize_output"](model, 3)
    assert model.get_dim("nO") == 3
    assert model.get_ref("output_layer").get_dim("nO") == 3
    assert model.predict([nlp.make_doc("a b")]).shape == (1, 3)


def test_nvtx_callback_wraps_the_models_and_keeps_them_working():
    from lexloom.tokens import Doc
    from lexloom.training import Example

    nlp = lexloom.blank("en")
    nlp.add_pipe("tagger")
    eg = Example(nlp.make_doc("a b"), Doc(nlp.vocab, words=["a", "b"], tags=["N", "N"]))
    nlp.initialize(lambda: [eg])
    before = nlp.get_pipe("tagger").model.predict([nlp.make_doc("a b")])
    assert ml.create_models_with_nvtx_range()(nlp) is nlp
    after = nlp.get_pipe("tagger").model.predict([nlp.make_doc("a b")])
    numpy.testing.assert_allclose(after[0], before[0])


def test_layer_modules_expose_forward_and_init():
    from lexloom.ml import (
        _character_embed,
        featureextractor,
        staticvectors,
        tb_framework,
    )

    embed = _character_embed.CharacterEmbed(nM=4, nC=3)
    assert embed._func is _character_embed.forward
    embed.initialize()
    nlp = lexloom.blank("en")
    (out,), _ = _character_embed.forward(embed, [nlp.make_doc("a bc")], False)
    assert out.shape == (2, 12)
    extract = featureextractor.FeatureExtractor(["ORTH"])
    (ids,), _ = featureextractor.forward(extract, [nlp.make_doc("a bc")], False)
    assert ids[:, 0].tolist() == [nlp.vocab.strings["a"], nlp.vocab.strings["bc"]]
    assert staticvectors.StaticVectors(nO=4, nM=3)._func is staticvectors.forward
    assert staticvectors.ORTH == lexloom.attrs.ORTH
    parser_model = models.build_tb_parser_model(_tok2vec(), "parser", False, 8, 2, nO=3)
    assert parser_model._func is tb_framework.forward
    assert parser_model.init is tb_framework.init


def _trained_parser():
    from lexloom.tokens import Doc
    from lexloom.training import Example

    nlp = lexloom.blank("en")
    parser = nlp.add_pipe("parser", config={"min_action_freq": 1})
    words = ["I", "like", "London", "and", "Berlin", "."]
    ref = Doc(nlp.vocab, words=words, heads=[1, 1, 1, 2, 2, 1],
              deps=["nsubj", "ROOT", "dobj", "cc", "conj", "punct"])
    eg = Example(Doc(nlp.vocab, words=words), ref)
    optimizer = nlp.initialize(lambda: [eg])
    for _ in range(10):
        nlp.update([eg], sgd=optimizer)
    return nlp, parser, eg, optimizer


def test_parser_step_model_scores_states():
    from lexloom.ml.parser_model import (
        ParserStepModel,
        precompute_hiddens,
        step_forward,
    )

    nlp, parser, _eg, _opt = _trained_parser()
    docs = [nlp.make_doc("I like London"), nlp.make_doc("and Berlin .")]
    step_model, finish = parser.model(docs, False)
    assert isinstance(step_model, ParserStepModel)
    assert isinstance(step_model.state2vec, precompute_hiddens)
    assert step_model.nO == len(parser.move_names)
    step_model.system = parser.system
    states = parser.system.init_states(docs)
    ids = step_model.get_token_ids(states)
    assert ids.shape == (2, step_model.state2vec.nF)
    scores, _ = step_forward(step_model, states, False)
    direct, _ = step_model.scores(ids)
    numpy.testing.assert_allclose(scores, direct)
    hidden = step_model.state2vec.predict(ids)
    assert hidden.shape == (2, step_model.state2vec.get_dim("nO"))
    assert finish() is None  # inference: nothing to pass back
