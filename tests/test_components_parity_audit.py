"""Differential audit (spaCy 3.8.18 vs lexloom) of textcat, textcat_multilabel, spancat,
span_finder, entity_linker + InMemoryLookupKB, trainable_lemmatizer, morphologizer and
senter: the behaviours that differed, pinned here without needing spaCy. Values are spaCy's
(its loss formulas, array shapes and dtypes, error codes and builtin types)."""
import warnings

import numpy
import pytest

import lexloom as spacy
from lexloom.kb import InMemoryLookupKB, KnowledgeBase
from lexloom.training import Example


@pytest.fixture
def nlp():
    return spacy.blank("en")


def _uniform(n_rows, n_cols):
    return numpy.full((n_rows, n_cols), 1.0 / n_cols, dtype="float32")


# ---- senter -----------------------------------------------------------------------------

def _senter(nlp):
    senter = nlp.add_pipe("senter")
    eg = Example.from_dict(nlp.make_doc("Apple is here . London is"),
                           {"sent_starts": [1, 0, 0, 0, 1, 0]})
    nlp.initialize(lambda: [eg])
    return senter


def test_senter_loss_counts_missing_sent_starts_as_inside(nlp):
    """spaCy's get_loss reads get_aligned("SENT_START"): a token with no value (0) is "I",
    also when the reference has no boundary besides its first token."""
    senter = _senter(nlp)
    eg = Example.from_dict(nlp.make_doc("I loved this great movie"),
                           {"sent_starts": [1, 0, 0, 0, 0]})
    assert not eg.reference.has_annotation("SENT_START")
    loss, grads = senter.get_loss([eg], [_uniform(5, 2)])
    assert loss == pytest.approx(2.5)  # 5 tokens * (0.5**2 + 0.5**2)
    g = numpy.asarray(grads[0])
    assert g[0].tolist() == pytest.approx([0.5, -0.5])  # S
    numpy.testing.assert_allclose(g[1:], [[-0.5, 0.5]] * 4)  # I
    # a reference with no sentence annotation at all: its first token "S" (a Doc's first
    # token starts a sentence), every other token "I"
    eg = Example.from_dict(nlp.make_doc("a b c"), {})
    loss, grads = senter.get_loss([eg], [_uniform(3, 2)])
    assert loss == pytest.approx(1.5)
    numpy.testing.assert_allclose(numpy.asarray(grads[0]), [[0.5, -0.5]] + [[-0.5, 0.5]] * 2)


def test_senter_api(nlp):
    senter = _senter(nlp)
    assert senter.labels == ("I", "S")
    with pytest.raises(NotImplementedError):
        senter.add_label("X")
    out = senter.predict([nlp.make_doc(""), nlp.make_doc("")])
    assert [(a.shape, a.dtype) for a in out] == [((0, 2), numpy.float32)] * 2
    with pytest.raises(ValueError, match=r"outside the \[0,1\] interval"):
        senter.get_loss([Example.from_dict(nlp.make_doc("a b"), {})],
                        [numpy.full((2, 2), 3.0, dtype="f")])


# ---- morphologizer ------------------------------------------------------------------------

def _morph_examples(nlp):
    return [Example.from_dict(nlp.make_doc("Apple cats was"),
                              {"morphs": ["Number=Sing|Proper=Yes", "Number=Plur",
                                          "Tense=Past"],
                               "pos": ["PROPN", "NOUN", "AUX"]})]


def test_morphologizer_add_label_order_and_codes(nlp):
    morph = nlp.add_pipe("morphologizer")
    # before initialize, a label whose normalized form is present: nothing added, but 1
    assert morph.add_label("POS=NOUN|Number=Sing") == 1
    n = len(morph.labels)
    assert morph.add_label("POS=NOUN|Number=Sing") == 1
    assert len(morph.labels) == n
    assert morph.add_label(morph.labels[0]) == 0
    with pytest.raises(ValueError, match="E187"):
        morph.add_label(3)
    exs = _morph_examples(nlp)
    nlp.initialize(lambda: exs)
    assert morph.add_label(morph.labels[0]) == 0
    # the same features written in another order are a new string: E922 after initialize
    with pytest.raises(ValueError):
        morph.add_label("POS=NOUN|Number=Sing")
    out = morph.predict([nlp.make_doc("")])
    assert [(a.shape, a.dtype) for a in out] == [((0, len(morph.labels)), numpy.float32)]
    scores = [numpy.full((3, len(morph.labels)), 3.0, dtype="f")]
    with pytest.raises(ValueError, match=r"outside the \[0,1\] interval"):
        morph.get_loss(exs, scores)
    loss, _ = morph.get_loss(exs, [_uniform(3, len(morph.labels))])
    k = len(morph.labels)
    assert loss == pytest.approx(3 * ((1 - 1 / k) ** 2 + (k - 1) / k ** 2), rel=1e-5)


def test_morphologizer_label_data_pos_is_the_univ_pos_enum(nlp):
    """spaCy's cfg holds univ_pos_t members for labels it added (plain ints once loaded)."""
    morph = nlp.add_pipe("morphologizer")
    nlp.initialize(lambda: _morph_examples(nlp))
    pos = morph.label_data["pos"]
    assert pos and all(type(v) is spacy.parts_of_speech.univ_pos_t for v in pos.values())
    assert {morph.labels[0]: pos[morph.labels[0]]} == {morph.labels[0]: int(pos[morph.labels[0]])}
    loaded = spacy.blank("en").add_pipe("morphologizer").from_bytes(morph.to_bytes())
    assert loaded.label_data == morph.label_data


# ---- trainable_lemmatizer -----------------------------------------------------------------

def _lemmatizer(nlp):
    lem = nlp.add_pipe("trainable_lemmatizer", config={"min_tree_freq": 1})
    words = ["looking", "boring", "cats", "was"]
    eg = Example.from_dict(nlp.make_doc(" ".join(words)),
                           {"lemmas": ["look", "bore", "cat", "be"]})
    nlp.initialize(lambda: [eg])
    return lem, eg


def test_lemmatizer_api(nlp):
    lem, eg = _lemmatizer(nlp)
    with pytest.raises(NotImplementedError, match="E931"):
        lem.add_label("went")
    out = lem.predict([nlp.make_doc(""), nlp.make_doc("")])
    assert [(a.shape, a.dtype) for a in out] == [((0, len(lem.labels)), numpy.int32)] * 2
    with pytest.raises(ValueError, match="E857"):
        lem.initialize(lambda: [eg], nlp=nlp, labels={"labels": [0]})
    with pytest.raises(ValueError, match="E1026"):
        lem.initialize(lambda: [eg], nlp=nlp, labels={"labels": [0], "trees": [{"orig": "a"}]})
    k = len(lem.labels)
    loss, _ = lem.get_loss([eg], [_uniform(4, k)])
    assert loss == pytest.approx(4 * ((1 - 1 / k) ** 2 + (k - 1) / k ** 2), rel=1e-5)


# ---- textcat ------------------------------------------------------------------------------

def _cats_examples(nlp, multi=False):
    texts = ["great movie", "awful food", "great day"]
    out = []
    for t in texts:
        cats = {"POS": float("great" in t), "NEG": float("great" not in t)}
        out.append(Example.from_dict(nlp.make_doc(t), {"cats": cats}))
    return out


def test_textcat_errors_and_empty_predict(nlp):
    tc = nlp.add_pipe("textcat")
    exs = _cats_examples(nlp)
    with pytest.raises(ValueError, match="E920"):
        tc.initialize(lambda: exs, nlp=nlp, positive_label="XXX")
    nlp2 = spacy.blank("en")
    tc2 = nlp2.add_pipe("textcat")
    with pytest.raises(ValueError, match="E919"):
        tc2.initialize(lambda: exs, nlp=nlp2, labels=["A", "B", "C"], positive_label="A")
    nlp3 = spacy.blank("en")
    tc3 = nlp3.add_pipe("textcat")
    tc3.add_label("ONLY")
    with pytest.raises(ValueError, match="E867"):
        nlp3.initialize()
    nlp.initialize(lambda: exs)
    both = Example.from_dict(nlp.make_doc("a b"), {"cats": {"POS": 1.0, "NEG": 1.0}})
    with pytest.raises(ValueError, match="E895"):
        tc.update([both])
    half = Example.from_dict(nlp.make_doc("a b"), {"cats": {"POS": 0.5, "NEG": 0.5}})
    with pytest.raises(ValueError, match="E851"):
        tc.update([half])
    # no tokens in any doc: spaCy's xp.zeros, float64
    for docs in ([], [nlp.make_doc(""), nlp.make_doc("")]):
        scores = tc.predict(docs)
        assert scores.shape == (len(docs), 2) and scores.dtype == numpy.float64
        assert not scores.any()


def test_textcat_multilabel_e851(nlp):
    tcm = nlp.add_pipe("textcat_multilabel")
    nlp.initialize(lambda: _cats_examples(nlp))
    with pytest.raises(ValueError, match="E851"):
        tcm.update([Example.from_dict(nlp.make_doc("a b"), {"cats": {"POS": 0.5}})])
    assert tcm.predict([]).dtype == numpy.float64


# ---- spancat ------------------------------------------------------------------------------

def _span_examples(nlp):
    out = []
    for t in ("Apple is in London", "Google opened in Paris"):
        doc = nlp.make_doc(t)
        out.append(Example.from_dict(doc, {"spans": {"sc": [(0, len(doc[0].text), "ORG")]}}))
    return out


def test_spancat_scores_attr_shapes(nlp):
    sc1 = nlp.add_pipe("spancat_singlelabel")  # threshold None: every argmax label
    sc = nlp.add_pipe("spancat", name="multi",
                      config={"threshold": 0.0, "spans_key": "multi"})
    exs = _span_examples(nlp)
    for eg in exs:
        eg.reference.spans["multi"] = list(eg.reference.spans["sc"])
    nlp.initialize(lambda: exs)
    doc = nlp("Apple in Paris")
    single = doc.spans["sc"].attrs["scores"]
    assert single.ndim == 2 and single.shape == (len(doc.spans["sc"]), 1)
    assert single.dtype == numpy.float32
    multi = doc.spans["multi"].attrs["scores"]
    assert multi.ndim == 1 and multi.shape == (len(doc.spans["multi"]),)
    assert multi.dtype == numpy.float32
    # nothing kept: an empty float64 array, as spaCy's numpy.array([])
    sc1.cfg["threshold"] = 1.01
    sc.cfg["threshold"] = 1.01
    doc = nlp("Apple in Paris")
    for key in ("sc", "multi"):
        scores = doc.spans[key].attrs["scores"]
        assert scores.shape == (0,) and scores.dtype == numpy.float64
    from lexloom.pipeline.spancat import SpanCategorizer
    with pytest.raises(ValueError, match="E1051"):
        SpanCategorizer(nlp.vocab, sc.model, sc.suggester, allow_overlap=False, max_positive=2)


def test_ngram_suggester_sizes_below_one(nlp):
    """spaCy slices arange(n)[:n - (size - 1)]: size 0 gives n empty spans (i, i)."""
    suggester = spacy.registry.misc.get("spacy.ngram_suggester.v1")(sizes=[0, 1])
    out = suggester([nlp.make_doc("a b c"), nlp.make_doc(""), nlp.make_doc("x")])
    assert out.lengths.tolist() == [6, 0, 2]
    assert out.dataXd.tolist() == [[0, 0], [1, 1], [2, 2], [0, 1], [1, 2], [2, 3],
                                   [0, 0], [0, 1]]
    rng = spacy.registry.misc.get("spacy.ngram_range_suggester.v1")(min_size=1, max_size=2)
    out = rng([nlp.make_doc("a b c")])
    assert out.dataXd.tolist() == [[0, 1], [1, 2], [2, 3], [0, 2], [1, 3]]


# ---- span_finder --------------------------------------------------------------------------

def test_span_finder_errors(nlp):
    for cfg in ({"max_length": 0}, {"min_length": 0}):
        with pytest.raises(ValueError, match="E1053"):
            spacy.blank("en").add_pipe("span_finder", config=cfg)
    sf = nlp.add_pipe("span_finder")
    with pytest.raises(NotImplementedError, match="E931"):
        sf.add_label("X")


# ---- knowledge base -----------------------------------------------------------------------

def _kb(vocab):
    kb = InMemoryLookupKB(vocab, entity_vector_length=3)
    kb.add_entity("Q1", 10, [1, 2, 3])
    kb.add_entity("Q2", 5, [0, 0, 1])
    kb.add_alias("a", ["Q1", "Q2"], [0.5, 0.3])
    return kb


@pytest.mark.parametrize("call,code", [
    (lambda kb: kb.add_entity("Q3", 1, [1, 2]), "E141"),
    (lambda kb: kb.add_alias("b", ["Q1"], [0.1, 0.2]), "E132"),
    (lambda kb: kb.add_alias("b", ["Q1", "Q2"], [0.9, 0.2]), "E133"),
    (lambda kb: kb.add_alias("b", ["Q9"], [0.2]), "E134"),
    (lambda kb: kb.add_alias("", ["Q1"], [0.2]), "E890"),
    (lambda kb: kb.append_alias("zz", "Q1", 0.1), "E176"),
    (lambda kb: kb.append_alias("a", "Q9", 0.1), "E134"),
    (lambda kb: kb.append_alias("a", "Q1", 0.9), "E133"),
    (lambda kb: kb.set_entities(["X", "Y"], [1], [[1, 0, 0], [0, 1, 0]]), "E140"),
    (lambda kb: kb.set_entities(["X"], [1], [[1, 0]]), "E141"),
    (lambda kb: kb.from_disk("/nonexistent/lexloom_kb_dir"), "E929"),
])
def test_kb_error_codes(nlp, call, code):
    with pytest.raises(ValueError, match=code):
        call(_kb(nlp.vocab))


def test_kb_warning_codes_and_abstract(nlp, tmp_path):
    kb = _kb(nlp.vocab)
    for call, code in ((lambda: kb.add_entity("Q1", 3, [1, 1, 1]), "W018"),
                       (lambda: kb.add_alias("a", ["Q1"], [0.2]), "W017"),
                       (lambda: kb.append_alias("a", "Q2", 0.1), "W024")):
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            call()
        assert any(code in str(x.message) for x in w), code
    assert kb.get_vector("Q1") == pytest.approx([1, 2, 3])  # the duplicate changed nothing
    assert [c.entity_ for c in kb.get_alias_candidates("a")] == ["Q1", "Q2"]
    afile = tmp_path / "file"
    afile.write_text("x")
    with pytest.raises(ValueError, match="E928"):
        kb.to_disk(afile)
    with pytest.raises(TypeError, match="E1046"):
        KnowledgeBase(nlp.vocab, 3)


# ---- entity_linker ------------------------------------------------------------------------

def test_entity_linker_errors(nlp):
    el = nlp.add_pipe("entity_linker")
    with pytest.raises(ValueError, match="E885"):
        el.set_kb(_kb(nlp.vocab))
    el.set_kb(lambda vocab: None)
    with pytest.raises(ValueError, match="E1018"):
        el.validate_kb()
    el.set_kb(lambda vocab: InMemoryLookupKB(vocab, 3))
    with pytest.raises(ValueError, match="E139"):
        el.validate_kb()
    el.set_kb(_kb)
    eg = Example.from_dict(nlp.make_doc("a is good"),
                           {"entities": [(0, 1, "X")], "links": {(0, 1): {"Q1": 1.0}},
                            "sent_starts": [1, 0, 0]})
    nlp.initialize(lambda: [eg])
    # spaCy reads doc.sents of every non-empty doc, with or without entities: E030
    with pytest.raises(ValueError, match="E030"):
        el.predict([nlp.make_doc("no sentences here")])
    assert el.predict([nlp.make_doc("")]) == []
    # encodings that don't match the gold entities: spaCy's E147 is a RuntimeError
    two = Example.from_dict(nlp.make_doc("a a"),
                            {"entities": [(0, 1, "X"), (2, 3, "X")],
                             "links": {(0, 1): {"Q1": 1.0}, (2, 3): {"Q2": 1.0}}})
    two.predicted.ents = [two.predicted.char_span(0, 1, "X"), two.predicted.char_span(2, 3, "X")]
    with pytest.raises(RuntimeError, match="E147"):
        el.get_loss([two], el.model.ops.alloc2f(2, 4))
    with pytest.raises(NotImplementedError):
        el.add_label("X")


def test_tagger_predict_on_docs_without_tokens_gives_empty_score_rows(nlp):
    tagger = nlp.add_pipe("tagger")
    for label in ("NN", "VB", "DT"):
        tagger.add_label(label)
    nlp.initialize()
    guesses = tagger.predict([nlp.make_doc(""), nlp.make_doc("")])
    assert [(g.shape, g.dtype) for g in guesses] == [((0, 3), numpy.float32)] * 2
    docs = [nlp.make_doc(""), nlp.make_doc("")]
    tagger.set_annotations(docs, guesses)
    assert [len(d) for d in docs] == [0, 0]
    assert [t.tag_ for t in nlp("the dog")] != ["", ""]   # non-empty docs still tagged
