"""The direct path for one Doc (ml/single_doc.py) against the batched path: the same
annotations on the shipped pipeline and on small pipelines trained here, runners rebuilt
when weights are replaced, the thinc path for other architectures; and the small-row
matrix product (csrc/lexloom/gemm.cc) against numpy."""
import random

import numpy
import pytest
from lexloom.errors import ModelError
from lexloom.ml.single_doc import (
    TaggerRunner,
    Tok2VecRunner,
    TransitionRunner,
    forget_runner,
    runner_for,
)

import lexloom
from lexloom import blas
from lexloom.training import Example

WORDS = ("the of and to a in is was he she it they New York John said bank river . , ; ! ? "
         "( ) \" ' - 1 2 2024 $ % Mr. Mrs. Ltd. Inc. qzx ççé ÄÖÜ 北京 🙂 TEST run running "
         "ran EU UN NATO Apple Google Paris").split()


def _texts(n, seed, max_words=30):
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        length = rng.choice([0, 1, 2, 3, 5, 9, 17, max_words])
        out.append(" ".join(rng.choice(WORDS) for _ in range(length)))
    return out


def _annotations(doc):
    return ([(t.text, t.tag_, t.pos_, t.lemma_, t.head.i, t.dep_, bool(t.is_sent_start))
             for t in doc], [(e.start, e.end, e.label_) for e in doc.ents])


def _batched_and_single(nlp, texts):
    batched = [_annotations(d) for d in nlp.pipe(texts, batch_size=64)]
    single = [_annotations(nlp(t)) for t in texts]
    return batched, single


def _runner_kinds(nlp):
    kinds = {}
    for name, proc in nlp.pipeline:
        cached = proc.__dict__.get("_single_doc_runner")
        kinds[name] = None if cached is None or cached[1] is None else type(cached[1])
    return kinds


@pytest.fixture(scope="module")
def shipped():
    return lexloom.load("en_lexloom_sm")


def test_shipped_pipeline_single_docs_match_the_batched_path(shipped):
    texts = _texts(60, seed=3) + ["Apple is looking at buying a U.K. startup for $1 billion.",
                                  "Angela Merkel met Emmanuel Macron in Paris on Monday."]
    batched, single = _batched_and_single(shipped, texts)
    assert single == batched
    kinds = _runner_kinds(shipped)
    used = {kinds.get(name) for name in ("tok2vec", "tagger", "parser", "ner")
            if name in kinds}
    assert used - {None}, f"no component took the direct path: {kinds}"
    assert any(ents for _tokens, ents in single)


def test_shipped_runner_outputs_equal_the_models(shipped):
    doc = shipped.make_doc("The quick brown fox jumps over the lazy dog near Paris, France.")
    for name, proc in shipped.pipeline:
        if name == "tok2vec":
            runner = runner_for(proc, Tok2VecRunner)
            assert runner is not None
            numpy.testing.assert_allclose(runner(doc), proc.model.predict([doc])[0],
                                          rtol=1e-4, atol=1e-4)
        doc = proc(doc)


TOK2VEC = {"@architectures": "spacy.HashEmbedCNN.v2", "width": 32, "depth": 2,
           "embed_size": 300, "window_size": 1, "maxout_pieces": 3,
           "subword_features": True, "pretrained_vectors": None}
LISTENER = {"@architectures": "spacy.Tok2VecListener.v1", "width": 32, "upstream": "*"}
TRAIN = [
    ("Apple bought a startup in Paris", ["NNP", "VBD", "DT", "NN", "IN", "NNP"],
     [1, 1, 3, 1, 3, 4], ["nsubj", "ROOT", "det", "dobj", "prep", "pobj"],
     [(0, 5, "ORG"), (26, 31, "GPE")]),
    ("John said it was good", ["NNP", "VBD", "PRP", "VBD", "JJ"],
     [1, 1, 3, 1, 3], ["nsubj", "ROOT", "nsubj", "ccomp", "acomp"], [(0, 4, "PERSON")]),
    ("They run to the bank", ["PRP", "VBP", "IN", "DT", "NN"],
     [1, 1, 1, 4, 2], ["nsubj", "ROOT", "prep", "det", "pobj"], []),
]


def _sm_like(ner_tok2vec=None, tagger_tok2vec=None, parser_width=16):
    """tok2vec + tagger + parser (listeners) + ner (its own tok2vec), as en_core_web_sm."""
    nlp = lexloom.blank("en")
    nlp.add_pipe("tok2vec", config={"model": TOK2VEC})
    nlp.add_pipe("tagger", config={"model": {"@architectures": "spacy.Tagger.v2", "nO": None,
                                             "tok2vec": tagger_tok2vec or LISTENER}})
    nlp.add_pipe("parser", config={"min_action_freq": 1, "model": {  # three sentences
        "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "parser",
        "extra_state_tokens": False, "hidden_width": parser_width, "maxout_pieces": 2,
        "use_upper": True, "nO": None, "tok2vec": LISTENER}})
    nlp.add_pipe("ner", config={"model": {
        "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner",
        "extra_state_tokens": False, "hidden_width": 16, "maxout_pieces": 2,
        "use_upper": True, "nO": None, "tok2vec": ner_tok2vec or TOK2VEC}})
    return nlp


def _examples(nlp):
    return [Example.from_dict(nlp.make_doc(text), {"tags": tags, "heads": heads, "deps": deps,
                                                    "entities": ents})
            for text, tags, heads, deps, ents in TRAIN]


def _train(nlp, n_iter=15):
    egs = _examples(nlp)
    optimizer = nlp.initialize(lambda: egs)
    for _ in range(n_iter):
        nlp.update(egs, sgd=optimizer)
    return egs, optimizer


@pytest.fixture(scope="module")
def trained():
    lexloom.util.fix_random_seed(0)
    nlp = _sm_like()
    _train(nlp)
    return nlp


def test_trained_pipeline_single_docs_match_the_batched_path(trained, monkeypatch):
    texts = _texts(80, seed=11) + [t for t, *_ in TRAIN]
    batched, single = _batched_and_single(trained, texts)
    assert single == batched
    assert single == _thinc_path(monkeypatch, trained, texts)
    kinds = _runner_kinds(trained)
    assert kinds == {"tok2vec": Tok2VecRunner, "tagger": TaggerRunner,
                     "parser": TransitionRunner, "ner": TransitionRunner}


def test_each_runner_gives_the_models_output(trained):
    doc = trained.make_doc("Apple bought a bank in Paris")
    t2v = trained.get_pipe("tok2vec")
    numpy.testing.assert_allclose(runner_for(t2v, Tok2VecRunner)(doc),
                                  t2v.model.predict([doc])[0], rtol=1e-5, atol=1e-5)
    doc = t2v(doc)
    tagger = trained.get_pipe("tagger")
    numpy.testing.assert_allclose(runner_for(tagger, TaggerRunner)(doc),
                                  tagger.model.predict([doc])[0], rtol=1e-5, atol=1e-5)
    for name in ("parser", "ner"):
        pipe = trained.get_pipe(name)
        step_model, _ = pipe.model([doc], False)
        got = runner_for(pipe, TransitionRunner)(doc)
        want = step_model.greedy_weights()
        for a, b in zip(got, want):
            if b is None:
                assert a is None
            else:
                numpy.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-5)


def test_empty_and_one_token_docs(trained):
    for text in ("", " ", "Paris", "\n\n"):
        assert _annotations(trained(text)) == _annotations(next(trained.pipe([text])))


def test_runner_follows_training_steps():
    lexloom.util.fix_random_seed(1)
    nlp = _sm_like()
    egs, optimizer = _train(nlp, n_iter=2)
    texts = [t for t, *_ in TRAIN] + _texts(10, seed=5)
    before = [_annotations(nlp(t)) for t in texts]  # builds the runners
    runners = {name: proc.__dict__["_single_doc_runner"][1] for name, proc in nlp.pipeline}
    for _ in range(20):
        nlp.update(egs, sgd=optimizer)
    batched, single = _batched_and_single(nlp, texts)
    assert single == batched
    assert single != before  # training changed the predictions, and the runners saw it
    assert all(v is not None for v in runners.values())


def test_runner_rebuilt_after_from_bytes(trained):
    lexloom.util.fix_random_seed(2)
    other = _sm_like()
    _train(other, n_iter=3)
    texts = _texts(20, seed=8)
    [other(t) for t in texts]  # runners built on the first weights
    other.from_bytes(trained.to_bytes())
    batched, single = _batched_and_single(other, texts)
    assert single == batched
    assert single == [_annotations(trained(t)) for t in texts]


def test_forget_runner_and_uninitialized_models():
    nlp = _sm_like()
    t2v = nlp.get_pipe("tok2vec")
    assert runner_for(t2v, Tok2VecRunner) is None  # no weights yet: not cached
    assert "_single_doc_runner" not in t2v.__dict__
    _train(nlp, n_iter=1)
    assert runner_for(t2v, Tok2VecRunner) is not None
    forget_runner(t2v)
    assert "_single_doc_runner" not in t2v.__dict__


# ---- the parser's Linear folded into its lower layer (FoldedInput) ------------------------


def test_folding_pays_only_for_a_hidden_layer_wider_than_the_tok2vec():
    from lexloom.ml._precomputable_affine import FoldedInput

    def weights(nF, nO, nP, hidden, width):
        return (numpy.zeros((nF, nO, nP, hidden), dtype="f"),
                numpy.zeros((hidden, width), dtype="f"))

    assert FoldedInput.pays(*weights(8, 128, 3, 128, 96))      # spaCy's efficiency parser
    assert not FoldedInput.pays(*weights(8, 64, 2, 64, 96))    # en_core_web_sm's parser
    assert not FoldedInput.pays(*weights(3, 64, 2, 64, 96))    # en_core_web_sm's ner
    # a batch folds only when its rows repay the fold itself
    assert not FoldedInput.pays(*weights(8, 128, 3, 128, 96), rows=20)
    assert FoldedInput.pays(*weights(8, 128, 3, 128, 96), rows=5000)


def test_folded_input_gives_the_linear_then_the_lower_layers_output():
    from lexloom.ml._precomputable_affine import FoldedInput

    rng = numpy.random.default_rng(0)
    nF, nO, nP, hidden, width, n = 8, 24, 2, 40, 16, 11
    W = rng.normal(size=(nF, nO, nP, hidden)).astype("f")
    L, c = rng.normal(size=(hidden, width)).astype("f"), rng.normal(size=hidden).astype("f")
    pad = rng.normal(size=(1, nF, nO, nP)).astype("f")
    T = rng.normal(size=(n, width)).astype("f")
    b = rng.normal(size=(nO, nP)).astype("f")
    want = numpy.concatenate([pad, ((T @ L.T + c) @ W.reshape((-1, hidden)).T).reshape(
        (n, nF, nO, nP))])
    fold = FoldedInput(W, L, c)
    P, bias = fold.forward(T, pad, b)
    # every state's sum of context rows (any token in any slot, or the pad) plus bias
    ids = rng.integers(0, n + 1, size=(200, nF))
    ids[:20] = 0   # states with no context tokens: all pads
    numpy.testing.assert_allclose(_state_sums(P, bias, ids), _state_sums(want, b, ids),
                                  rtol=1e-4, atol=1e-4)
    P, bias = fold.forward(T[:0], pad, b)
    assert P.shape == (1, nF, nO, nP)
    numpy.testing.assert_allclose(_state_sums(P, bias, ids[:20]), _state_sums(pad, b, ids[:20]),
                                  rtol=1e-5, atol=1e-5)
    assert fold.matches(W, L, c)
    W[3] += 1.0   # one slot's weights edited in place: the sample spans the whole array
    assert not fold.matches(W, L, c)
    assert not FoldedInput(W, L, c).matches(W.copy(), L, c)   # another array


def test_the_folded_products_block_is_reused_only_when_no_array_from_it_is_alive():
    from lexloom.ml._precomputable_affine import _ReusedBlock

    def address(a):
        return a.__array_interface__["data"][0]

    blocks = _ReusedBlock()
    first = blocks.take((10, 4))
    second = blocks.take((10, 4))
    assert not numpy.shares_memory(first, second)   # the first is in use
    first[...] = 1.0
    second[...] = 2.0
    assert (first == 1.0).all()
    del first, second
    third = blocks.take((5, 4))
    at = address(third)
    del third
    fourth = blocks.take((8, 4))
    assert address(fourth) == at   # nothing made from it alive: reused
    tail = fourth.reshape(-1)[3:]   # a view of a view keeps the block in use
    del fourth
    assert address(blocks.take((8, 4))) != at
    del tail
    assert blocks.take((100, 4)).shape == (100, 4)   # larger: a new block


@pytest.fixture(scope="module")
def wide_parser():
    """A parser whose hidden layer (64) is wider than the tok2vec (32): its Linear folds."""
    lexloom.util.fix_random_seed(6)
    nlp = _sm_like(parser_width=64)
    _train(nlp, n_iter=8)
    return nlp


def test_folded_parser_matches_the_unfolded_paths(wide_parser, monkeypatch):
    import lexloom.ml.parser_model as parser_model

    texts = _texts(120, seed=12) + [t for t, *_ in TRAIN]
    batched, single = _batched_and_single(wide_parser, texts)
    runner = runner_for(wide_parser.get_pipe("parser"), TransitionRunner)
    assert runner.folds
    assert not runner_for(wide_parser.get_pipe("ner"), TransitionRunner).folds
    assert single == batched
    assert single == _thinc_path(monkeypatch, wide_parser, texts)   # a Doc alone: no fold
    with monkeypatch.context() as patch:
        patch.setattr(parser_model, "_folded_products", lambda *args: None)
        assert [_annotations(d) for d in wide_parser.pipe(texts, batch_size=64)] == batched
    doc = wide_parser.make_doc("Apple bought a bank in Paris")
    for name, proc in wide_parser.pipeline[:2]:
        doc = proc(doc)
    parser = wide_parser.get_pipe("parser")
    want = parser.model([doc], False)[0].greedy_weights()   # one Doc: no fold
    got = runner(doc)
    ids = numpy.random.default_rng(1).integers(0, len(doc) + 1, size=(50, got[0].shape[1]))
    numpy.testing.assert_allclose(_state_sums(got[0], got[1], ids),
                                  _state_sums(want[0], want[1], ids), rtol=1e-5, atol=1e-5)
    for a, b in zip(got[2:], want[2:]):
        if b is None:
            assert a is None
        else:
            numpy.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-5)


def test_folded_weights_follow_training_and_in_place_edits():
    lexloom.util.fix_random_seed(7)
    nlp = _sm_like(parser_width=64)
    egs, optimizer = _train(nlp, n_iter=2)
    texts = [t for t, *_ in TRAIN] + _texts(10, seed=9)
    before = [_annotations(nlp(t)) for t in texts]   # folds the first weights
    for _ in range(20):
        nlp.update(egs, sgd=optimizer)   # Adam updates the params in place
    batched, single = _batched_and_single(nlp, texts)
    assert single == batched and single != before
    parser = nlp.get_pipe("parser")
    doc = nlp.make_doc("John said it was good")
    for name, proc in nlp.pipeline[:2]:
        doc = proc(doc)
    linear = parser.model.get_ref("tok2vec").layers[-1]
    linear.get_param("W")[...] *= 0.5   # by hand, in place
    runner = runner_for(parser, TransitionRunner)
    want = parser.model([doc], False)[0].greedy_weights()
    got = runner(doc)
    ids = numpy.random.default_rng(2).integers(0, len(doc) + 1, size=(50, got[0].shape[1]))
    numpy.testing.assert_allclose(_state_sums(got[0], got[1], ids),
                                  _state_sums(want[0], want[1], ids), rtol=1e-5, atol=1e-5)


def _state_sums(P, bias, ids):
    """Each state's pre-activation: its context rows of P (row 0: the pad) summed over the
    slots, plus the bias. ids (n_states, nF) -> (n_states, nO, nP)."""
    slots = numpy.arange(P.shape[1])
    return P[ids, slots].astype("float64").sum(axis=1) + bias


MISH = {"@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 32,
                  "attrs": ["NORM", "PREFIX"], "rows": [300, 200],
                  "include_static_vectors": False},
        "encode": {"@architectures": "spacy.MishWindowEncoder.v2", "width": 32,
                   "window_size": 1, "depth": 2}}
CHARS = {"@architectures": "spacy.Tok2Vec.v2",
         "embed": {"@architectures": "spacy.CharacterEmbed.v2", "width": 32, "rows": 300,
                   "nM": 8, "nC": 4, "include_static_vectors": False},
         "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 32,
                    "window_size": 1, "maxout_pieces": 3, "depth": 2}}


def _thinc_path(monkeypatch, nlp, texts):
    """Each text alone through the components' thinc models (no runners)."""
    import lexloom.pipeline.tagger
    import lexloom.pipeline.tok2vec
    import lexloom.pipeline.transition_parser

    with monkeypatch.context() as patch:
        for module in (lexloom.pipeline.tagger, lexloom.pipeline.tok2vec,
                       lexloom.pipeline.transition_parser):
            patch.setattr(module, "runner_for", lambda component, kind: None)
        return [_annotations(nlp(t)) for t in texts]


@pytest.mark.parametrize("tok2vec", [MISH, CHARS], ids=["mish", "chars"])
def test_other_tok2vec_architectures_take_the_thinc_path(tok2vec, monkeypatch):
    """(MishWindowEncoder.v2 does not pad docs apart, as in spaCy: a batch's neighbours
    change a doc's vectors, so one Doc is compared with one Doc through thinc.)"""
    lexloom.util.fix_random_seed(3)
    nlp = _sm_like(ner_tok2vec=tok2vec, tagger_tok2vec=tok2vec)
    _train(nlp, n_iter=3)
    texts = _texts(25, seed=4)
    single = [_annotations(nlp(t)) for t in texts]
    assert single == _thinc_path(monkeypatch, nlp, texts)
    # the tagger and ner still run directly, their own tok2vec through thinc
    kinds = _runner_kinds(nlp)
    assert kinds["tagger"] is TaggerRunner and kinds["ner"] is TransitionRunner
    holder = type("Holder", (), {})()
    holder.model = nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0]
    assert runner_for(holder, Tok2VecRunner) is None


def test_non_standard_model_is_not_run_directly():
    """A tagger whose model is not tok2vec >> with_array(softmax) keeps the thinc path."""
    from thinc.api import Linear, chain, with_array

    lexloom.util.fix_random_seed(4)
    nlp = _sm_like()
    _train(nlp, n_iter=1)
    tagger = nlp.get_pipe("tagger")
    listener = tagger.model.layers[0]
    model = chain(listener, with_array(Linear(len(tagger.labels), 32)))
    model.initialize()
    holder = type("Holder", (), {})()
    holder.model = model
    assert runner_for(holder, TaggerRunner) is None


# ---- the small-row product ----------------------------------------------------------------


@pytest.mark.parametrize("m", [1, 2, 3, 4, 5, 7, 16, 31, 63, 64])
@pytest.mark.parametrize("n,k", [(1, 1), (5, 17), (288, 288), (13, 96), (130, 33),
                                 (4, 576), (3, 15)])
def test_small_row_product_matches_numpy(m, n, k):
    rng = numpy.random.default_rng(m * 1000 + n + k)
    A = rng.standard_normal((m, k)).astype("float32")
    B = rng.standard_normal((n, k)).astype("float32")
    want = A.astype("float64") @ B.T.astype("float64")
    try:
        for isa in _small_kernels():  # each small-row kernel this CPU can run
            assert blas.set_small_kernel(isa) == isa
            for kernel in ("small", "auto", "blas"):
                got = blas.sgemm_nt(A, B, kernel=kernel)
                numpy.testing.assert_allclose(got, want, rtol=1e-4,
                                              atol=1e-4 * max(1.0, k ** 0.5))
    finally:
        blas.set_small_kernel("auto")


def _small_kernels() -> list:
    best = blas.set_small_kernel("auto")
    return {"avx512": ["avx512", "avx2", "none"], "avx2": ["avx2", "none"]}.get(best, ["none"])


def test_annotations_do_not_depend_on_which_small_row_kernel_runs(shipped):
    """The AVX2 and AVX-512 kernels sum in another order than the BLAS: the shipped
    pipeline's annotations stay the same with each (set_small_kernel reaches every module
    that multiplies, as set_small_rows does)."""
    with pytest.raises(ModelError, match="avx2"):
        blas.set_small_kernel("sse")
    assert blas.small_kernel() in ("avx512", "avx2", "none")
    assert blas.has_small_kernel() == (blas.small_kernel() != "none")
    texts = _texts(10, seed=5)
    try:
        results = {}
        for isa in _small_kernels():
            blas.set_small_kernel(isa)
            assert blas.small_kernel() == isa
            results[isa] = [_annotations(shipped(t)) for t in texts]
        assert all(r == results["none"] for r in results.values())
    finally:
        blas.set_small_kernel("auto")


def test_small_rows_threshold_is_checked_and_restored():
    was = blas.small_rows_threshold
    with pytest.raises(ModelError, match=">= 0"):
        blas.set_small_rows(-1)
    with pytest.raises(ModelError, match="kernel"):
        blas.sgemm_nt(numpy.ones((2, 2), "float32"), numpy.ones((2, 2), "float32"),
                      kernel="fast")
    try:
        blas.set_small_rows(0)
        A = numpy.ones((3, 40), "float32")
        numpy.testing.assert_allclose(blas.sgemm_nt(A, A), A @ A.T)
    finally:
        blas.set_small_rows(was)
    assert blas.small_rows_threshold == was
    assert isinstance(blas.has_small_kernel(), bool)


def test_pipeline_annotations_do_not_depend_on_the_small_row_kernel(shipped):
    texts = _texts(30, seed=21)
    was = blas.small_rows_threshold
    with_kernel = [_annotations(shipped(t)) for t in texts]
    try:
        blas.set_small_rows(0)
        without = [_annotations(shipped(t)) for t in texts]
    finally:
        blas.set_small_rows(was)
    assert with_kernel == without


def test_a_fold_of_params_let_go_of_is_dropped_with_its_block():
    import gc

    from lexloom.ml._precomputable_affine import FoldedInput

    rng = numpy.random.default_rng(3)
    W = rng.normal(size=(2, 3, 2, 5)).astype("f")
    L, c = rng.normal(size=(5, 4)).astype("f"), rng.normal(size=5).astype("f")
    key = 10 ** 12   # no model has this id
    fold = FoldedInput.for_params(key, W, L, c)
    assert FoldedInput.for_params(key, W, L, c) is fold   # kept while its params live
    other = rng.normal(size=(2, 3, 2, 5)).astype("f")
    assert FoldedInput.for_params(key + 1, other, L, c) is not fold
    assert key in FoldedInput._recent
    del fold, W
    gc.collect()
    FoldedInput.for_params(key + 1, other, L, c)
    assert key not in FoldedInput._recent   # its W is gone: so is the fold
    assert key + 1 in FoldedInput._recent


# ---- packed weights (blas.pack, PackedWeights, Snapshot) ------------------------------------


def _packed_kernel_cases() -> list:
    """(small-row kernel, whether linear(packed=) reads the packed weights with it)."""
    best = blas.set_small_kernel("auto")
    return [(isa, isa == "avx512") for isa in _small_kernels()] if best != "none" else [
        ("none", False)]


@pytest.mark.parametrize("m", [1, 5, 11, 12, 13, 22, 64, 256, 257])
@pytest.mark.parametrize("n,k", [(1, 1), (31, 7), (32, 96), (33, 16), (288, 288),
                                 (3072, 96), (70, 3)])
def test_packed_product_matches_numpy(m, n, k):
    rng = numpy.random.default_rng(m * 7919 + n * 31 + k)
    X = rng.standard_normal((m, k + 5)).astype("float32")[:, 2:2 + k]   # a column block
    W = rng.standard_normal((n, k)).astype("float32")
    bias = rng.standard_normal(n).astype("float32")
    packed = blas.pack(W)
    assert packed.dtype == numpy.float32 and packed.ndim == 1 and packed.ctypes.data % 64 == 0
    want = X.astype("float64") @ W.T.astype("float64")
    try:
        for isa, reads_packed in _packed_kernel_cases():
            blas.set_small_kernel(isa)
            assert blas.has_packed_kernel() == reads_packed
            for b in (None, bias):
                wide = numpy.full((m, n + 3), numpy.nan, dtype="float32")
                out = blas.linear(X, W, b, out=wide[:, 1:1 + n], packed=packed)
                numpy.testing.assert_allclose(out, want + (0 if b is None else b), rtol=1e-4,
                                              atol=1e-4 * max(1.0, k ** 0.5))
                assert numpy.isnan(wide[:, 0]).all() and numpy.isnan(wide[:, -2:]).all()
    finally:
        blas.set_small_kernel("auto")


def test_packed_weights_are_checked():
    W = numpy.ones((40, 8), "float32")
    X = numpy.ones((3, 8), "float32")
    with pytest.raises(ModelError, match="packed must be blas.pack"):
        blas.linear(X, W, packed=blas.pack(numpy.ones((40, 9), "float32")))
    with pytest.raises(ModelError, match="packed must be blas.pack"):
        blas.linear(X, W, packed=blas.pack(W).astype("float64"))
    with pytest.raises(ModelError, match="C-contiguous float32"):
        blas.pack(numpy.ones((8, 40), "float32").T)
    with pytest.raises(ModelError, match="C-contiguous float32"):
        blas.pack(numpy.ones(8, "float32"))
    # more dimensions: (all but the last) x (the last), as a maxout layer's W
    W3 = numpy.random.default_rng(0).standard_normal((6, 3, 8)).astype("float32")
    numpy.testing.assert_array_equal(blas.pack(W3), blas.pack(W3.reshape(18, 8)))
    assert blas.pack(numpy.ones((0, 8), "float32")).shape == (0,)
    was = blas.small_rows_threshold
    try:
        blas.set_small_rows(0)   # "always the BLAS" switches the packed products off too
        assert not blas.has_packed_kernel()
    finally:
        blas.set_small_rows(was)


def test_packed_weights_follow_in_place_changes():
    rng = numpy.random.default_rng(1)
    W = rng.standard_normal((96, 300)).astype("float32")
    packer = blas.PackedWeights()
    first = packer.of(W)
    assert packer.of(W) is first                      # unchanged: the same copy
    numpy.testing.assert_array_equal(first, blas.pack(W))
    W *= 0.5                                          # an optimizer step: every value
    second = packer.of(W)
    assert second is not first
    numpy.testing.assert_array_equal(second, blas.pack(W))
    W[0, 3] = numpy.nan                               # one value in a sampled run
    assert packer.of(W) is not second
    same_values = W.copy()                            # another array: packed again
    assert packer.of(same_values) is not packer.of(W)
    snapshot = blas.Snapshot(W)
    assert snapshot.same(W) and not snapshot.same(same_values)
    with pytest.raises(ModelError, match="float32"):
        blas.Snapshot(W.astype("float64"))


@pytest.mark.parametrize("shape", [(96, 3, 288), (8, 64, 2, 96), (300,), (2000, 5)])
def test_snapshots_see_a_unit_a_row_or_a_column_edited_in_place(shape):
    """Pruning a hidden unit or zeroing an input feature by hand changes a small part of
    W; the sample holds a cache line of every row (rows in a block: a unit), its place moving
    from row to row, so each such edit is seen."""
    W = numpy.random.default_rng(2).standard_normal(shape).astype("float32")
    edits = [lambda a: a.__setitem__(2, 0.0),                    # a unit / row block
             lambda a: a.__setitem__((..., -1), 0.0),            # a column
             lambda a: a.reshape(-1, a.shape[-1])[-1].fill(9.0)]  # the last row
    for edit in edits:
        a = W.copy()
        snapshot = blas.Snapshot(a)
        assert snapshot.same(a)
        edit(a)
        assert not snapshot.same(a)
    empty = numpy.zeros((0, 4), "float32")
    assert blas.Snapshot(empty).same(empty)


def test_single_doc_calls_follow_weights_edited_in_place(trained):
    """nlp(text) on packed copies of the weights sees a tok2vec input feature zeroed and a
    parser hidden unit flipped in place, as nlp.pipe (which packs per batch) and spaCy do."""
    text = "John said it was good in Paris, and Mary agreed."
    t2v = trained.get_pipe("tok2vec")
    maxouts = [node for node in t2v.model.walk() if node.name.startswith("maxout")
               and node.has_param("W")]
    lower = trained.get_pipe("parser").model.get_ref("lower")
    before = _annotations(trained(text))
    saved = [(node, node.get_param("W").copy()) for node in (*maxouts, lower)]
    try:
        for node in maxouts:
            node.get_param("W")[..., 40] = 0.0   # an input feature
        lower.get_param("W")[:, 3] *= -5.0        # a hidden unit
        single = trained(text)
        batch = next(iter(trained.pipe([text, "Another text ."])))
        numpy.testing.assert_allclose(single.tensor, batch.tensor, rtol=1e-5, atol=1e-5)
        assert _annotations(single) == _annotations(batch)
    finally:
        for node, W in saved:
            node.get_param("W")[...] = W
    assert _annotations(trained(text)) == before


def test_tok2vec_runner_follows_an_in_place_edit_of_its_weights(trained):
    """The runner multiplies packed copies of the tok2vec's weights: scaling a layer's W
    in place by hand reaches its output, as it does the model's."""
    t2v = trained.get_pipe("tok2vec")
    doc = trained.make_doc("Apple bought a bank in Paris")
    runner = runner_for(t2v, Tok2VecRunner)
    before = runner(doc)
    maxouts = [node for node in t2v.model.walk() if node.name.startswith("maxout")
               and node.has_param("W")]
    assert maxouts
    W = maxouts[-1].get_param("W")
    saved = W.copy()
    try:
        W *= 1.5
        after = runner_for(t2v, Tok2VecRunner)(doc)
        assert not numpy.allclose(after, before)
        numpy.testing.assert_allclose(after, t2v.model.predict([doc])[0], rtol=1e-5,
                                      atol=1e-5)
    finally:
        W[...] = saved
    numpy.testing.assert_allclose(runner_for(t2v, Tok2VecRunner)(doc), before, rtol=1e-6,
                                  atol=1e-6)


@pytest.mark.parametrize("copier", ["pickle", "deepcopy"])
def test_a_pipeline_copied_after_single_doc_calls_annotates_the_same(trained, copier):
    """The runners (and their packed weights, a cache that copies empty) travel with their
    components: multiprocessing, joblib and Ray pickle a pipeline that has already run."""
    import copy
    import pickle

    texts = _texts(12, seed=17)
    before = [_annotations(trained(t)) for t in texts]
    assert _runner_kinds(trained)["tok2vec"] is Tok2VecRunner
    again = (pickle.loads(pickle.dumps(trained)) if copier == "pickle"
             else copy.deepcopy(trained))
    assert [_annotations(again(t)) for t in texts] == before


def test_unfolded_lower_layer_on_packed_weights_follows_in_place_edits(trained):
    """Where the Linear is not folded in (a hidden width under the tok2vec's), the runner
    multiplies the lower layer's W packed: its output is the model's, before and after the
    W is scaled in place."""
    doc = trained.make_doc("John said it was good in Paris")
    for name, proc in trained.pipeline:
        if name == "parser":
            break
        doc = proc(doc)
    parser = trained.get_pipe("parser")
    runner = runner_for(parser, TransitionRunner)
    lower = parser.model.get_ref("lower")
    W = lower.get_param("W")
    saved = W.copy()

    def check():
        got = runner_for(parser, TransitionRunner)(doc)
        want = parser.model([doc], False)[0].greedy_weights()
        numpy.testing.assert_allclose(got[0], want[0], rtol=1e-5, atol=1e-5)
        return got[0].copy()

    try:
        before = check()
        assert runner.folds is False
        W *= 2.0
        after = check()
        assert not numpy.allclose(after[1:], before[1:])
    finally:
        W[...] = saved


def test_an_id_column_reads_ranks_on_the_one_doc_path_too():
    """MultiHashEmbed with ID reads each word's rank (its vectors row, else OOV_RANK), as
    spaCy's FeatureExtractor: nlp(text) went through the one-Doc runner, which read lexloom's
    lexeme slot instead, and its tensor differed from nlp.pipe's."""
    lexloom.util.fix_random_seed(0)
    nlp = lexloom.blank("en")
    nlp.add_pipe("tok2vec", config={"model": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 32,
                  "attrs": ["NORM", "SHAPE", "ID"], "rows": [500, 250, 50],
                  "include_static_vectors": False},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 32, "depth": 2,
                   "window_size": 1, "maxout_pieces": 3}}})
    nlp.initialize()
    text = "The cat wrote books ."
    single = nlp(text).tensor
    batched = list(nlp.pipe([text, "x"]))[0].tensor
    numpy.testing.assert_allclose(single, batched, atol=1e-5)
