"""Pipeline components: each learns a tiny training set, saves and loads, and the tok2vec
listener protocol shares one embedding (gradients summed, batches checked)."""
import numpy
import pytest
from thinc.api import (Adam, HashEmbed, Maxout, Model, chain, concatenate, expand_window,
                       residual, with_array)

import lexloom
from lexloom.errors import PipelineError
from lexloom.pipeline import (Morphologizer, MultiLabel_TextCategorizer, SentenceRecognizer,
                              Tagger, TextCategorizer, Tok2Vec, Tok2VecListener)
from lexloom.ml.models.tagger import build_tagger_model
from lexloom.pipeline.tagger import sequence_loss
from lexloom.ml.models.textcat import build_bow_text_classifier_v3 as TextCatBOW_v3
from lexloom.ml.models.textcat import build_simple_cnn_text_classifier as TextCatCNN
from lexloom.ml.models.textcat import build_text_classifier_v2 as TextCatEnsemble
from lexloom.ml.models.textcat import (
    build_textcat_parametric_attention_v1 as TextCatParametricAttention)
from lexloom.pipeline.tok2vec import link_listeners, unlinked_listeners
from lexloom.registry import registry
from lexloom.training import Example

WIDTH = 32


# ---- a small tok2vec built from thinc layers ---------------------------------------------


def _features_forward(model, docs, is_train):
    columns = model.attrs["columns"]
    return [model.ops.asarray2i(doc.to_array(columns), dtype="uint64") for doc in docs], \
        lambda d: []


def tok2vec_model(width=WIDTH):
    features = Model("features", _features_forward,
                     attrs={"columns": ["NORM", "PREFIX", "SUFFIX", "SHAPE"]})
    embed = concatenate(*(HashEmbed(width, 1000, column=i, seed=i + 7) for i in range(4)))
    encode = chain(embed, Maxout(width, nP=2, normalize=True),
                   residual(chain(expand_window(1), Maxout(width, nP=2, normalize=True))))
    return chain(features, with_array(encode))


@pytest.fixture(scope="module")
def nlp():
    return lexloom.blank("en")


def train(component, examples, n_iter=30, learn_rate=0.01):
    component.initialize(lambda: examples)
    optimizer = Adam(learn_rate)
    losses = {}
    for _ in range(n_iter):
        losses = component.update(examples, sgd=optimizer)
    return losses


def evaluate(component, nlp, examples):
    """Run the component on fresh Docs with the examples' words and score them."""
    predicted = list(component.pipe((nlp.make_doc(eg.text) for eg in examples), batch_size=2))
    return component.score([Example(doc, eg.y) for doc, eg in zip(predicted, examples)])


TAG_DATA = [
    ("I like green eggs", {"tags": ["N", "V", "J", "N"]}),
    ("Eat blue ham", {"tags": ["V", "J", "N"]}),
    ("They eat eggs", {"tags": ["N", "V", "N"]}),
]


def tag_examples(nlp):
    return [Example.from_dict(nlp.make_doc(text), annots) for text, annots in TAG_DATA]


# ---- tagger -------------------------------------------------------------------------------


def test_tagger_learns_training_data(nlp):
    examples = tag_examples(nlp)
    tagger = Tagger(nlp.vocab, build_tagger_model(tok2vec_model()), name="tagger")
    losses = train(tagger, examples)
    assert tagger.labels == ("J", "N", "V")
    assert losses["tagger"] < 0.01
    assert evaluate(tagger, nlp, examples) == {"tag_acc": 1.0}
    doc = tagger(nlp.make_doc("I like eggs"))
    assert [t.tag_ for t in doc] == ["N", "V", "N"]


def test_tagger_ignores_missing_tags_in_the_loss(nlp):
    tagger = Tagger(nlp.vocab, build_tagger_model(tok2vec_model()))
    tagger.initialize(lambda: tag_examples(nlp))
    eg = Example.from_dict(nlp.make_doc("I like ham"), {"tags": ["N", "", "V"]})
    scores, _ = tagger.model.begin_update([eg.x])
    loss, d_scores = tagger.get_loss([eg], scores)
    assert d_scores[0][0].any() and d_scores[0][2].any()
    assert not d_scores[0][1].any()


def test_tagger_trained_on_labels_it_was_not_initialized_with_raises(nlp):
    tagger = Tagger(nlp.vocab, build_tagger_model(tok2vec_model()))
    tagger.initialize(lambda: tag_examples(nlp))
    eg = Example.from_dict(nlp.make_doc("I like ham"), {"tags": ["N", "V", "UNSEEN"]})
    scores, _ = tagger.model.begin_update([eg.x])
    with pytest.raises(PipelineError, match="'UNSEEN'.*add_label"):
        tagger.get_loss([eg], scores)


def test_tagger_negative_tags_push_down_one_label(nlp):
    tagger = Tagger(nlp.vocab, build_tagger_model(tok2vec_model()))
    tagger.initialize(lambda: tag_examples(nlp))
    eg = Example.from_dict(nlp.make_doc("ham"), {"tags": ["!N"]})
    scores, _ = tagger.model.begin_update([eg.x])
    _, d_scores = tagger.get_loss([eg], scores)
    n = tagger.labels.index("N")
    assert d_scores[0][0, n] == pytest.approx(float(scores[0][0, n]))
    assert not numpy.delete(d_scores[0][0], n).any()


def test_sequence_loss_equals_thincs_loss():
    from thinc.api import SequenceCategoricalCrossentropy

    rng = numpy.random.default_rng(0)
    scores = [rng.dirichlet(numpy.ones(3), size=n).astype("f") for n in (4, 2)]
    names = ["A", "B", "C"]
    truths = [["A", None, "C", "B"], ["!B", "C"]]
    expected_d, expected_loss = SequenceCategoricalCrossentropy(
        names=names, normalize=False, neg_prefix="!")(scores, truths)
    gold = [numpy.array([0, -1, 2, 1]), numpy.array([-1, 2])]
    negatives = [numpy.array([-1, -1, -1, -1]), numpy.array([1, -1])]
    loss, d = sequence_loss(scores, gold, negatives=negatives)
    assert loss == pytest.approx(float(expected_loss), rel=1e-5)
    for a, b in zip(d, expected_d):
        numpy.testing.assert_allclose(a, b, rtol=1e-5)


def test_tagger_overwrite_setting(nlp):
    examples = tag_examples(nlp)
    tagger = Tagger(nlp.vocab, build_tagger_model(tok2vec_model()), overwrite=False)
    train(tagger, examples, n_iter=20)
    doc = nlp.make_doc("I like eggs")
    doc[0].tag_ = "KEEP"
    tagger(doc)
    assert doc[0].tag_ == "KEEP" and doc[2].tag_ == "N"
    tagger.cfg["overwrite"] = True
    tagger(doc)
    assert doc[0].tag_ == "N"


# ---- morphologizer, senter ----------------------------------------------------------------


def test_morphologizer_learns_pos_and_features(nlp):
    data = [("I like eggs", {"pos": ["PRON", "VERB", "NOUN"],
                             "morphs": ["Case=Nom|Person=1", "Tense=Pres", "Number=Plur"]}),
            ("Eat ham", {"pos": ["VERB", "NOUN"], "morphs": ["Mood=Imp", "Number=Sing"]}),
            ("They eat", {"pos": ["PRON", "VERB"], "morphs": ["", "Tense=Pres"]})]
    examples = [Example.from_dict(nlp.make_doc(t), a) for t, a in data]
    morph = Morphologizer(nlp.vocab, build_tagger_model(tok2vec_model()))
    train(morph, examples)
    assert "POS=VERB|Tense=Pres" in morph.labels and "POS=PRON" in morph.labels
    scores = evaluate(morph, nlp, examples)
    assert scores["pos_acc"] == 1.0 and scores["morph_acc"] == 1.0
    assert scores["morph_per_feat"]["Number"]["f"] == 1.0
    doc = morph(nlp.make_doc("I like eggs"))
    assert [t.pos_ for t in doc] == ["PRON", "VERB", "NOUN"]
    assert str(doc[0].morph) == "Case=Nom|Person=1"


def test_senter_learns_sentence_starts(nlp):
    data = [("Hi there . Go now !", [1, 0, 0, 1, 0, 0]),
            ("Stop . Eat ham .", [1, 0, 1, 0, 0])]
    examples = [Example.from_dict(nlp.make_doc(t), {"sent_starts": s}) for t, s in data]
    senter = SentenceRecognizer(nlp.vocab, build_tagger_model(tok2vec_model()))
    train(senter, examples)
    assert senter.labels == ("I", "S")
    scores = evaluate(senter, nlp, examples)
    assert scores == {"sents_p": 1.0, "sents_r": 1.0, "sents_f": 1.0}
    doc = senter(nlp.make_doc("Hi there . Go now !"))
    assert [s.text for s in doc.sents] == ["Hi there .", "Go now !"]


# ---- textcat ------------------------------------------------------------------------------

CAT_DATA = [("I loved this film", {"POS": 1.0, "NEG": 0.0}),
            ("great fun", {"POS": 1.0, "NEG": 0.0}),
            ("I hated this film", {"POS": 0.0, "NEG": 1.0}),
            ("boring and bad", {"POS": 0.0, "NEG": 1.0})]


def cat_examples(nlp, data=CAT_DATA):
    return [Example.from_dict(nlp.make_doc(t), {"cats": c}) for t, c in data]


@pytest.mark.parametrize("architecture", ["bow", "ensemble", "cnn", "attention"])
def test_textcat_learns_training_data(nlp, architecture):
    models = {
        "bow": lambda: TextCatBOW_v3(exclusive_classes=True, ngram_size=2,
                                     no_output_layer=False, length=2**12),
        "ensemble": lambda: TextCatEnsemble(tok2vec_model(), TextCatBOW_v3(
            exclusive_classes=True, ngram_size=1, no_output_layer=False, length=2**12)),
        "cnn": lambda: TextCatCNN(tok2vec_model(), exclusive_classes=True),
        "attention": lambda: TextCatParametricAttention(tok2vec_model(), exclusive_classes=True),
    }
    examples = cat_examples(nlp)
    textcat = TextCategorizer(nlp.vocab, models[architecture](), threshold=0.0)
    train(textcat, examples, n_iter=40, learn_rate=0.02)
    assert textcat.labels == ("POS", "NEG")
    scores = evaluate(textcat, nlp, examples)
    assert scores["cats_score"] == 1.0 and scores["cats_score_desc"] == "macro F"
    doc = textcat(nlp.make_doc("I loved this film"))
    assert doc.cats["POS"] > doc.cats["NEG"]
    assert sum(doc.cats.values()) == pytest.approx(1.0, abs=1e-4)


def test_textcat_multilabel_learns_and_ignores_missing_labels(nlp):
    data = [("red and round", {"RED": 1.0, "ROUND": 1.0}),
            ("blue and round", {"RED": 0.0, "ROUND": 1.0}),
            ("red and square", {"RED": 1.0, "ROUND": 0.0}),
            ("blue and square", {"RED": 0.0})]
    examples = cat_examples(nlp, data)
    model = TextCatBOW_v3(exclusive_classes=False, ngram_size=1, no_output_layer=False,
                          length=2**12)
    textcat = MultiLabel_TextCategorizer(nlp.vocab, model, threshold=0.5)
    train(textcat, examples, n_iter=60, learn_rate=0.05)
    scores = evaluate(textcat, nlp, examples)
    assert scores["cats_score_desc"] == "macro AUC"
    assert scores["cats_macro_f"] == 1.0 and scores["cats_score"] == 1.0
    # The label missing from the last example gets no gradient.
    scores_out, _ = textcat.model.begin_update([examples[3].x])
    _, d = textcat.get_loss([examples[3]], scores_out)
    assert d[0, textcat.labels.index("ROUND")] == 0.0


def test_textcat_rejects_bad_categories(nlp):
    textcat = TextCategorizer(nlp.vocab, TextCatBOW_v3(True, 1, False, length=64))
    two_positive = cat_examples(nlp, [("a b", {"X": 1.0, "Y": 1.0})])
    with pytest.raises(PipelineError, match="textcat_multilabel"):
        textcat.initialize(lambda: two_positive)
    with pytest.raises(PipelineError, match="at least two labels"):
        textcat.initialize(lambda: cat_examples(nlp, [("a", {"X": 1.0})]))
    with pytest.raises(PipelineError, match="1.0 or 0.0"):
        textcat.initialize(lambda: cat_examples(nlp, [("a", {"X": 0.5, "Y": 0.0})]))


def test_textcat_bow_resizes_when_a_label_is_added(nlp):
    textcat = TextCategorizer(nlp.vocab, TextCatBOW_v3(True, 1, False, length=64))
    train(textcat, cat_examples(nlp), n_iter=5)
    before = textcat.predict([nlp.make_doc("great fun")])
    textcat.add_label("MEH")
    after = textcat.predict([nlp.make_doc("great fun")])
    assert after.shape == (1, 3)
    numpy.testing.assert_allclose(after[0, :2], before[0], atol=1e-4)


# ---- tok2vec and listeners ----------------------------------------------------------------


class _RecordingTok2Vec:
    """A docs -> list[Floats2d] model whose backprop records the gradients it gets."""

    @staticmethod
    def make(width=4):
        def forward(model, docs, is_train):
            out = [model.ops.alloc2f(len(doc), width) + 1.0 for doc in docs]

            def backprop(d_out):
                model.attrs["received"].append([d.copy() for d in d_out])
                return []

            return out, backprop

        return Model("recording", forward, dims={"nO": width}, attrs={"received": []})


def shared_pipeline(nlp, t2v_model, *, listener_width=None, upstream="*", n=2):
    tok2vec = Tok2Vec(nlp.vocab, t2v_model, name="tok2vec")
    width = listener_width or t2v_model.get_dim("nO")
    comps = [("tok2vec", tok2vec)]
    for i in range(n):
        listener = Tok2VecListener(upstream, width)
        comps.append((f"tagger{i}", Tagger(nlp.vocab, build_tagger_model(listener),
                                           name=f"tagger{i}")))
    link_listeners(comps)
    return comps


def test_listener_gradients_are_summed_and_backpropagated_once(nlp):
    model = _RecordingTok2Vec.make()
    pipeline = shared_pipeline(nlp, model)
    tok2vec = pipeline[0][1]
    assert tok2vec.listening_components == ["tagger0", "tagger1"]
    examples = tag_examples(nlp)[:2]
    docs = [eg.x for eg in examples]
    losses = tok2vec.update(examples)
    first, second = tok2vec.listeners
    _, bp1 = first(docs, is_train=True)
    _, bp2 = second(docs, is_train=True)
    g1 = [numpy.full((len(d), 4), 0.5, dtype="f") for d in docs]
    g2 = [numpy.full((len(d), 4), 0.25, dtype="f") for d in docs]
    bp1(g1)
    assert model.attrs["received"] == []  # waits for the last listener
    bp2(g2)
    assert len(model.attrs["received"]) == 1
    for got, a, b in zip(model.attrs["received"][0], g1, g2):
        numpy.testing.assert_allclose(got, a + b)
    expected_loss = sum(float((g ** 2).sum()) for g in g1 + g2)
    assert losses["tok2vec"] == pytest.approx(expected_loss)
    with pytest.raises(PipelineError, match="already backpropagated"):
        bp1(g1)


def test_listener_with_a_different_batch_raises(nlp):
    pipeline = shared_pipeline(nlp, _RecordingTok2Vec.make(), n=1)
    tok2vec, listener = pipeline[0][1], pipeline[0][1].listeners[0]
    examples = tag_examples(nlp)
    tok2vec.update(examples[:2])
    with pytest.raises(PipelineError, match="different batch"):
        listener([examples[2].x], is_train=True)
    # Same words in another order are another batch too.
    with pytest.raises(PipelineError, match="different batch"):
        listener([examples[1].x, examples[0].x], is_train=True)


def test_listener_never_reuses_an_output(nlp):
    pipeline = shared_pipeline(nlp, _RecordingTok2Vec.make(), n=1)
    tok2vec, listener = pipeline[0][1], pipeline[0][1].listeners[0]
    examples = tag_examples(nlp)[:1]
    tok2vec.update(examples)
    listener([examples[0].x], is_train=True)
    with pytest.raises(PipelineError, match="second time"):
        listener([examples[0].x], is_train=True)


def test_listener_reads_doc_tensor_at_inference(nlp):
    model = tok2vec_model()
    tok2vec = Tok2Vec(nlp.vocab, model)
    tok2vec.initialize(lambda: tag_examples(nlp))
    doc = tok2vec(nlp.make_doc("green eggs"))
    assert doc.tensor.shape == (2, WIDTH)
    listener = Tok2VecListener("*", WIDTH)
    out = listener.predict([doc, nlp.make_doc("ham")])
    numpy.testing.assert_array_equal(out[0], doc.tensor)
    assert out[1].shape == (1, WIDTH) and not out[1].any()


def test_listener_width_mismatch_raises(nlp):
    pipeline = shared_pipeline(nlp, _RecordingTok2Vec.make(width=4), listener_width=8, n=1)
    with pytest.raises(PipelineError, match="width 8"):
        pipeline[0][1].update(tag_examples(nlp)[:1])


def test_find_listeners_respects_upstream_name(nlp):
    pipeline = shared_pipeline(nlp, _RecordingTok2Vec.make(), upstream="other", n=1)
    assert pipeline[0][1].listener_map == {}
    assert [name for name, _ in unlinked_listeners(pipeline)] == ["tagger0"]
    named = shared_pipeline(nlp, _RecordingTok2Vec.make(), upstream="tok2vec", n=1)
    assert named[0][1].listening_components == ["tagger0"] and not unlinked_listeners(named)
    tok2vec, listener = named[0][1], named[0][1].listeners[0]
    assert tok2vec.remove_listener(listener, "tagger0") and tok2vec.listener_map == {}
    assert not tok2vec.remove_listener(listener, "tagger0")


def test_shared_tok2vec_trains_two_components(nlp):
    """The nlp.update protocol: every update, then every finish_update."""
    pipeline = shared_pipeline(nlp, tok2vec_model(), n=1)
    tok2vec = pipeline[0][1]
    listener = Tok2VecListener("*", WIDTH)
    senter = SentenceRecognizer(nlp.vocab, build_tagger_model(listener), name="senter")
    pipeline.append(("senter", senter))
    link_listeners(pipeline)
    assert tok2vec.listening_components == ["tagger0", "senter"]
    data = [("I like green eggs . Eat ham", ["N", "V", "J", "N", ".", "V", "N"],
             [1, 0, 0, 0, 0, 1, 0])]
    examples = [Example.from_dict(nlp.make_doc(t), {"tags": tags, "sent_starts": ss})
                for t, tags, ss in data]
    for _name, comp in pipeline:
        comp.initialize(lambda: examples)
    optimizer = Adam(0.01)
    for _ in range(40):
        losses = {}
        for _name, comp in pipeline:
            comp.update(examples, losses=losses)
        for _name, comp in pipeline:
            comp.finish_update(optimizer)
    assert losses["tok2vec"] > 0 and losses["tagger0"] < 0.05
    docs = [nlp.make_doc(data[0][0])]
    for _name, comp in pipeline:
        docs = list(comp.pipe(docs))
    assert [t.tag_ for t in docs[0]] == data[0][1]
    assert [bool(t.is_sent_start) for t in docs[0]] == [True, False, False, False, False,
                                                        True, False]


def test_partial_gradients_reach_tok2vec_in_finish_update(nlp):
    model = _RecordingTok2Vec.make()
    pipeline = shared_pipeline(nlp, model, n=2)
    tok2vec = pipeline[0][1]
    examples = tag_examples(nlp)[:1]
    tok2vec.update(examples)
    _, bp = tok2vec.listeners[0]([examples[0].x], is_train=True)
    bp([numpy.ones((4, 4), dtype="f")])
    assert model.attrs["received"] == []
    tok2vec.finish_update(Adam(0.001))  # the second listener never reported
    assert len(model.attrs["received"]) == 1


def test_listener_architecture_is_registered():
    make = registry.architectures.get("spacy.Tok2VecListener.v1")
    assert make is registry.architectures.get("lexloom.Tok2VecListener.v1")
    listener = make(width=16, upstream="tok2vec")
    assert isinstance(listener, Tok2VecListener) and listener.get_dim("nO") == 16
    for name in ("Tagger.v2", "TextCatBOW.v3", "TextCatCNN.v2", "TextCatEnsemble.v2"):
        assert registry.architectures.get(f"spacy.{name}") is \
            registry.architectures.get(f"lexloom.{name}")
    for name in ("tagger_scorer.v1", "morphologizer_scorer.v1", "senter_scorer.v1",
                 "textcat_scorer.v2", "textcat_multilabel_scorer.v2"):
        assert registry.scorers.get(f"spacy.{name}") is registry.scorers.get(f"lexloom.{name}")


# ---- saving and loading -------------------------------------------------------------------


def _trained_components(nlp):
    tagger = Tagger(nlp.vocab, build_tagger_model(tok2vec_model()))
    train(tagger, tag_examples(nlp), n_iter=10)
    morph_data = [Example.from_dict(nlp.make_doc("I like eggs"),
                                    {"pos": ["PRON", "VERB", "NOUN"],
                                     "morphs": ["Person=1", "", "Number=Plur"]})]
    morph = Morphologizer(nlp.vocab, build_tagger_model(tok2vec_model()))
    train(morph, morph_data, n_iter=10)
    senter = SentenceRecognizer(nlp.vocab, build_tagger_model(tok2vec_model()))
    train(senter, [Example.from_dict(nlp.make_doc("Hi . Bye ."),
                                     {"sent_starts": [1, 0, 1, 0]})], n_iter=10)
    textcat = TextCategorizer(nlp.vocab, TextCatBOW_v3(True, 1, False, length=256))
    train(textcat, cat_examples(nlp), n_iter=10)
    tok2vec = Tok2Vec(nlp.vocab, tok2vec_model())
    tok2vec.initialize(lambda: tag_examples(nlp))
    fresh = {
        "tagger": lambda: Tagger(nlp.vocab, build_tagger_model(tok2vec_model())),
        "morphologizer": lambda: Morphologizer(nlp.vocab, build_tagger_model(tok2vec_model())),
        "senter": lambda: SentenceRecognizer(nlp.vocab, build_tagger_model(tok2vec_model())),
        "textcat": lambda: TextCategorizer(nlp.vocab, TextCatBOW_v3(True, 1, False,
                                                                     length=256)),
        "tok2vec": lambda: Tok2Vec(nlp.vocab, tok2vec_model()),
    }
    trained = {"tagger": tagger, "morphologizer": morph, "senter": senter,
               "textcat": textcat, "tok2vec": tok2vec}
    return trained, fresh


def _annotations(doc):
    return ([t.tag_ for t in doc], [t.pos_ for t in doc], [str(t.morph) for t in doc],
            [t.is_sent_start for t in doc], {k: round(v, 5) for k, v in doc.cats.items()},
            numpy.round(doc.tensor, 5).tolist())


@pytest.mark.parametrize("how", ["bytes", "disk"])
def test_components_round_trip(nlp, tmp_path, how):
    trained, fresh = _trained_components(nlp)
    for name, comp in trained.items():
        loaded = fresh[name]()
        if how == "bytes":
            loaded.from_bytes(comp.to_bytes())
        else:
            comp.to_disk(tmp_path / name)
            assert (tmp_path / name / "cfg").exists() and (tmp_path / name / "model").exists()
            loaded.from_disk(tmp_path / name)
        assert loaded.cfg == comp.cfg, name
        assert loaded.labels == comp.labels, name
        for text in ("I like eggs", "Hi . Bye .", "great fun"):
            assert _annotations(loaded(nlp.make_doc(text))) == \
                _annotations(comp(nlp.make_doc(text))), name


def test_loading_weights_of_another_architecture_raises(nlp):
    from lexloom.errors import DeserializationError

    trained, _fresh = _trained_components(nlp)
    other = Tagger(nlp.vocab, build_tagger_model(TextCatBOW_v3(True, 1, False, length=64)))
    with pytest.raises(DeserializationError, match="different config"):
        other.from_bytes(trained["tagger"].to_bytes())


def test_component_errors(nlp):
    tagger = Tagger(nlp.vocab, build_tagger_model(tok2vec_model()))
    with pytest.raises(PipelineError, match="no labels"):
        tagger.initialize(lambda: [Example.from_dict(nlp.make_doc("a"), {})])
    with pytest.raises(ValueError, match="Example"):
        tagger.update(["not an example"])
    with pytest.raises(ValueError, match="get_examples"):
        tagger.initialize(None)


def test_loads_a_component_spacy_trained(nlp):
    """A textcat trained and saved by spaCy 3.8 (tests/data/make_spacy_textcat.py) loads
    into the same architecture here and gives spaCy's scores."""
    from pathlib import Path

    path = Path(__file__).parent / "data" / "spacy_textcat_bow"
    textcat = TextCategorizer(nlp.vocab, TextCatBOW_v3(True, 2, False, length=256))
    textcat.from_disk(path)
    assert textcat.labels == ("POS", "NEG")
    expected = {"I loved bad fun": {"POS": 0.510198, "NEG": 0.489802},
                "hated it": {"POS": 0.496541, "NEG": 0.503459},
                "this film": {"POS": 0.501802, "NEG": 0.498198}}
    for text, cats in expected.items():
        assert textcat(nlp.make_doc(text)).cats == pytest.approx(cats, abs=1e-6)


def _listening_pipeline():
    nlp = lexloom.blank("en")
    nlp.add_pipe("tok2vec")
    listener = {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "*"}
    for name in ("tagger", "morphologizer"):
        nlp.add_pipe(name, config={"model": {"@architectures": "spacy.Tagger.v2",
                                             "tok2vec": listener}})
    nlp.add_pipe("senter")   # its own tok2vec: walked, never linked
    return nlp


def test_select_pipes_links_as_find_listeners_does():
    """Language links from one walk per component; the maps equal find_listeners' own."""
    nlp = _listening_pipeline()
    tok2vec = nlp.get_pipe("tok2vec")

    def reference():
        saved = {n: dict(p.listener_map) for n, p in nlp.pipeline if hasattr(p, "listener_map")}
        link_listeners(nlp.pipeline)
        maps = {n: {k: list(v) for k, v in p.listener_map.items()}
                for n, p in nlp.pipeline if hasattr(p, "listener_map")}
        for name, listener_map in saved.items():
            nlp.get_pipe(name).listener_map = listener_map
        return maps

    def current():
        return {n: {k: list(v) for k, v in p.listener_map.items()}
                for n, p in nlp.pipeline if hasattr(p, "listener_map")}

    assert tok2vec.listening_components == ["tagger", "morphologizer"]
    assert current() == reference()
    with nlp.select_pipes(disable=["tagger"]):
        assert tok2vec.listening_components == ["morphologizer"]
        assert current() == reference()
        listener = nlp.get_pipe("morphologizer").model.get_ref("tok2vec")
        assert listener.no_upstream is None
    with nlp.select_pipes(disable=["tok2vec"]):
        assert "no enabled tok2vec" in listener.no_upstream
    assert tok2vec.listening_components == ["tagger", "morphologizer"]
    assert listener.no_upstream is None


def test_a_tok2vec_subclass_find_listeners_is_called():
    calls = []

    class OwnLinks(Tok2Vec):
        def find_listeners(self, component):
            calls.append(component.name)

    nlp = _listening_pipeline()
    own = OwnLinks(nlp.vocab, nlp.get_pipe("tok2vec").model, name="tok2vec")
    nlp._components[0] = ("tok2vec", own)
    nlp._link_components()
    assert calls == ["tagger", "morphologizer", "senter"] and own.listener_map == {}


def test_a_patched_find_listeners_is_called(monkeypatch):
    calls, original = [], Tok2Vec.find_listeners

    def patched(self, component):
        calls.append(component.name)
        return original(self, component)

    monkeypatch.setattr(Tok2Vec, "find_listeners", patched)
    nlp = _listening_pipeline()
    calls.clear()
    nlp._link_components()
    assert calls == ["tagger", "morphologizer", "senter"]
    assert nlp.get_pipe("tok2vec").listening_components == ["tagger", "morphologizer"]


def test_nlp_update_leaves_other_components_pending_attributes_alone():
    """Only a tok2vec / transformer's own owed backprop is run at the end of nlp.update."""
    nlp, examples = _two_listener_taggers()
    nlp.get_pipe("a")._pending = ["not", "callable"]
    nlp.get_pipe("a")._pending_backprop = ["not", "callable"]
    nlp.update(examples, sgd=Adam(0.001))
    assert nlp.get_pipe("a")._pending_backprop == ["not", "callable"]


def test_language_walk_order_is_thincs():
    from lexloom.language import _walk

    shared = Maxout(4, 4)
    model = chain(shared, concatenate(shared, residual(Maxout(4, 4))), with_array(shared))
    assert [id(n) for n in _walk(model)] == [id(n) for n in model.walk()]


def _two_listener_taggers(seed=0):
    lexloom.util.fix_random_seed(seed)
    nlp = lexloom.blank("en")
    nlp.add_pipe("tok2vec")
    listener = {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "*"}
    for name in ("a", "b"):
        nlp.add_pipe("tagger", name=name, config={
            "model": {"@architectures": "spacy.Tagger.v2", "tok2vec": listener}})
    data = [("I like green eggs", ["N", "V", "J", "N"]), ("Eat ham now", ["V", "N", "R"])]
    examples = [Example.from_dict(nlp.make_doc(t), {"tags": tags}) for t, tags in data]
    nlp.initialize(lambda: examples)
    return nlp, examples


def _params(model):
    return {(i, name): node.get_param(name).copy() for i, node in enumerate(model.walk())
            for name in node.param_names if node.has_param(name)}


def _grads(model):
    return [node.get_grad(name) for node in model.walk() for name in node.param_names
            if node.has_grad(name)]


def test_nlp_update_steps_each_component_after_its_own_update():
    """spaCy's order: with sgd=, a component's optimizer step follows its update at once, so
    the tok2vec steps before its listeners send this call's gradients (it applies them in
    the next call); the weights equal those of that loop written out by hand."""
    nlp, examples = _two_listener_taggers()
    by_hand, _ = _two_listener_taggers()
    sgd, sgd_by_hand = Adam(0.001), Adam(0.001)
    tok2vec = nlp.get_pipe("tok2vec").model
    seen = []
    for _ in range(3):
        nlp.update(examples, sgd=sgd)
        for _name, proc in by_hand.pipeline:
            proc.update(examples, sgd=None)
            proc.finish_update(sgd_by_hand)
        seen.append(_params(tok2vec))
        for name in ("tok2vec", "a", "b"):
            mine, theirs = _params(nlp.get_pipe(name).model), _params(
                by_hand.get_pipe(name).model)
            assert all(numpy.array_equal(mine[k], theirs[k]) for k in mine), name
    # the taggers' output layers start at zero: the first call sends the tok2vec nothing,
    # the second a gradient that moves its weights only in the third
    assert all(numpy.array_equal(seen[0][k], seen[1][k]) for k in seen[0])
    assert not all(numpy.array_equal(seen[1][k], seen[2][k]) for k in seen[1])


def test_nlp_update_backprops_what_some_listeners_sent():
    """With the first listener's component excluded, the second's gradient still reaches
    the tok2vec by the end of nlp.update."""
    nlp, examples = _two_listener_taggers()
    sgd = Adam(0.001)
    nlp.update(examples, sgd=sgd)   # the taggers' output layers leave zero
    nlp.update(examples, sgd=sgd, exclude=["a"])
    grads = _grads(nlp.get_pipe("tok2vec").model)
    assert grads and any(float(numpy.abs(g).sum()) > 0 for g in grads)


def test_a_listener_whose_tok2vec_did_not_run_in_training_raises_e203():
    nlp, examples = _two_listener_taggers()
    with pytest.raises(PipelineError, match=r"E203.*annotating_components"):
        nlp.update(examples, sgd=Adam(0.001), exclude=["tok2vec"])
    nlp.update(examples, sgd=Adam(0.001), exclude=["tok2vec"], annotates=["tok2vec"])
