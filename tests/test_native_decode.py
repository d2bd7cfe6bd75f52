"""The native greedy decoder (parser_internals greedy_parse) against the Python stepping loop
(TransitionParser._step): same moves, so the same annotations, on the shipped pipeline and on
random Docs; and its checks of the weights and states it is given."""
import random

import numpy
import pytest
from thinc.api import set_dropout_rate

import lexloom
from lexloom import blas
from lexloom.errors import ModelError
from lexloom.pipeline.transition_parser import _doc_offsets
from lexloom.tokens import Doc

TEXTS = [
    "Apple is looking at buying a U.K. startup for $1 billion.",
    "The quick brown fox jumps over the lazy dog near Paris, France.",
    "",
    "Hi",
    "Dr. Smith met Angela Merkel in Berlin on Monday; they talked about trade, "
    "climate and the war. Then they left.",
]


@pytest.fixture(scope="module")
def nlp():
    return lexloom.load("en_lexloom_sm")


def _random_docs(nlp, n, seed):
    rng = random.Random(seed)
    words = [w for w in "the of and to a in is was he she it they New York John said "
             "bank river . , ; ! ? ( ) \" ' - 1 2 2024 $ % Mr. Mrs. Ltd. Inc. qzx ççé "
             "ÄÖÜ 北京 🙂 TEST run running ran EU UN NATO".split()]
    docs = []
    for _ in range(n):
        length = rng.choice([0, 1, 2, 3, 7, 20, 60, 150])
        tokens = [rng.choice(words) for _ in range(length)]
        docs.append(Doc(nlp.vocab, words=tokens))
    return docs


def _prepared(nlp, component, docs):
    """The Docs after the components before `component`."""
    for name, proc in nlp.pipeline:
        if name == component:
            break
        docs = list(proc.pipe(docs))
    return docs


def _decode_both(pipe, docs):
    step_model, _finish = pipe.model(docs, False)
    offsets = _doc_offsets(docs)
    max_steps = 10 * max((len(d) for d in docs), default=0) + 10
    python_states = pipe.system.init_states(docs)
    active, _loss = pipe._step(step_model, python_states, offsets, max_steps)
    assert not len(active)
    native_states = pipe.system.init_states(docs)
    assert pipe.system.greedy_parse(native_states, offsets, step_model, max_steps) == 0
    return python_states, native_states


@pytest.mark.parametrize("component", ["parser", "ner"])
@pytest.mark.parametrize("source", ["texts", "random"])
def test_native_and_python_decoders_give_the_same_annotations(nlp, component, source):
    if source == "texts":
        docs = [nlp.make_doc(t) for t in TEXTS]
    else:
        docs = _random_docs(nlp, 40, seed=hash(component) % 1000)
    docs = _prepared(nlp, component, docs)
    pipe = nlp.get_pipe(component)
    python_states, native_states = _decode_both(pipe, docs)
    if component == "parser":
        key = lambda s: (s.heads, s.label_ids, s.sent_starts)  # noqa: E731
    else:
        key = lambda s: s.entities  # noqa: E731
    assert [key(s) for s in python_states] == [key(s) for s in native_states]
    assert any(key(s) for s in native_states)


def test_unseen_moves_score_the_batch_minimum_in_both_decoders(nlp):
    """With moves marked unseen, both decoders give them the batch's lowest score."""
    pipe = nlp.get_pipe("parser")
    docs = _prepared(nlp, "parser", [nlp.make_doc(t) for t in TEXTS])
    unseen = pipe.model.attrs["unseen_classes"]
    saved = set(unseen)
    try:
        unseen.update(range(0, pipe.system.n_moves, 3))
        python_states, native_states = _decode_both(pipe, docs)
        assert [s.heads for s in python_states] == [s.heads for s in native_states]
        assert [s.label_ids for s in python_states] == [s.label_ids for s in native_states]
    finally:
        unseen.clear()
        unseen.update(saved)


def test_pipeline_output_is_unchanged_with_the_portable_product(nlp):
    """The decoder's products run on numpy's BLAS when found, else on a portable loop; on
    these texts both give the same parse and entities."""
    expected = [[(t.head.i, t.dep_, t.ent_iob_, t.ent_type_) for t in d] for d in nlp.pipe(TEXTS)]
    was = blas.source
    blas.unregister()
    try:
        got = [[(t.head.i, t.dep_, t.ent_iob_, t.ent_type_) for t in d] for d in nlp.pipe(TEXTS)]
    finally:
        blas._register_numpy_blas()
    assert blas.source == was
    assert got == expected


@pytest.mark.parametrize("shape", [(1, 1, 1), (7, 13, 5), (300, 64, 90), (3, 0, 4), (0, 5, 3)])
def test_sgemm_matches_numpy(shape):
    m, k, n = shape
    rng = numpy.random.default_rng(1)
    A = rng.standard_normal((m, k)).astype("float32")
    B = rng.standard_normal((n, k)).astype("float32")
    for portable in (False, True):
        numpy.testing.assert_allclose(blas.sgemm_nt(A, B, portable=portable), A @ B.T,
                                      rtol=1e-4, atol=1e-4)


def test_sgemm_rejects_bad_arrays():
    A = numpy.zeros((2, 3), dtype="float32")
    with pytest.raises(ModelError, match="inner dimension"):
        blas.sgemm_nt(A, numpy.zeros((2, 4), dtype="float32"))
    with pytest.raises(ModelError, match="float32"):
        blas.sgemm_nt(A.astype("float64"), A)
    with pytest.raises(ModelError, match="float32"):
        blas.sgemm_nt(numpy.zeros((4, 3), dtype="float32")[::2], A)


def test_greedy_parse_checks_weights_and_states(nlp):
    pipe = nlp.get_pipe("parser")
    docs = _prepared(nlp, "parser", [nlp.make_doc(TEXTS[0])])
    step_model, _finish = pipe.model(docs, False)
    P, b, Wu, bu, seen = step_model.greedy_weights()
    moves = pipe.system.moves
    n_feats = pipe.system.n_feats
    offsets = _doc_offsets(docs)

    def run(*weights, offsets=offsets, n_feats=n_feats, states=None):
        states = pipe.system.init_states(docs) if states is None else states
        return moves.greedy_parse(states, offsets, *weights, n_feats, 1000)

    with pytest.raises(ModelError, match="float32"):
        run(P.astype("float64"), b, Wu, bu, seen)
    with pytest.raises(ModelError, match="hidden bias"):
        run(P, b[:-1], Wu, bu, seen)
    with pytest.raises(ModelError, match="output layer"):
        run(P, b, Wu[:-1], bu, seen)
    with pytest.raises(ModelError, match="seen"):
        run(P, b, Wu, bu, numpy.ones((3,), dtype=bool))
    with pytest.raises(ModelError, match="8 or 13"):
        run(P, b, Wu, bu, seen, n_feats=5)
    with pytest.raises(ModelError, match="outside the model"):
        run(P, b, Wu, bu, seen, offsets=offsets + 5)
    with pytest.raises(ModelError, match="offsets"):
        run(P, b, Wu, bu, seen, offsets=numpy.zeros((3,), dtype="int32"))
    with pytest.raises(ModelError, match="ParseState"):
        run(P, b, Wu, bu, seen, states=["not a state"])
    assert run(P, b, Wu, bu, seen) == 0
    ner = nlp.get_pipe("ner")
    with pytest.raises(ModelError, match="3 or 6"):
        ner.system.moves.greedy_parse(ner.system.init_states(docs), offsets, P, b, Wu, bu,
                                      seen, 8, 1000)


def test_step_limit_leaves_states_unfinished(nlp):
    pipe = nlp.get_pipe("parser")
    docs = _prepared(nlp, "parser", [nlp.make_doc(TEXTS[4])])
    step_model, _finish = pipe.model(docs, False)
    states = pipe.system.init_states(docs)
    assert pipe.system.greedy_parse(states, _doc_offsets(docs), step_model, 3) == 1
    assert not states[0].is_final


def _reference_beam(pipe, docs, width, density):
    """spaCy's beam search (thinc's Beam) in Python, step by step: the specification
    beam_decode.hh follows. Returns each Doc's final beam: (score, state, moves) per
    candidate, best first."""
    system = pipe.system
    step_model, _finish = pipe.model(docs, False)
    offsets = _doc_offsets(docs)
    n_moves = system.n_moves
    f32 = numpy.float32
    beams = [[(f32(0.0), state, ())] for state in system.init_states(docs)]
    steps = [0] * len(docs)
    for _ in range(10 * max(len(d) for d in docs) + 10):
        live = [(d, k) for d, beam in enumerate(beams)
                for k, (_score, st, _moves) in enumerate(beam)
                if not system.final_mask([st])[0]]
        if not live:
            break
        states = [beams[d][k][1] for d, k in live]
        scores, _ = step_model.scores(system.features(states, offsets[[d for d, _ in live]]))
        valid = system.valid(states)
        row_of = {pair: i for i, pair in enumerate(live)}
        for d, beam in enumerate(beams):
            if not any((d, k) in row_of for k in range(len(beam))):
                continue  # every candidate is final: the beam is done
            # (score, parent * n_moves + move, parent state, its moves, move or -1)
            candidates = []
            for k, (score, st, moves) in enumerate(beam):
                i = row_of.get((d, k))
                if i is None:  # finished: the path average of spaCy's beam
                    candidates.append((f32(score + score / f32(steps[d])), k * n_moves, st,
                                       moves, -1))
                    continue
                for move in numpy.flatnonzero(valid[i]):
                    candidates.append((f32(score + scores[i, move]), k * n_moves + int(move), st,
                                       moves, int(move)))
            steps[d] += 1
            if density > 0:
                top = max(float(c[0]) for c in candidates)
                Z = sum(numpy.exp(float(c[0]) - top) for c in candidates)
                candidates = [c for c in candidates
                              if numpy.exp(float(c[0]) - top) / Z >= (1.0 / Z) * float(f32(density))]
            candidates.sort(key=lambda c: (c[0], c[1]), reverse=True)
            beams[d] = [(score, st, moves) if move < 0 else
                        (score, system.copy_and_apply(st, move), moves + (move,))
                        for score, _order, st, moves, move in candidates[:width]]
    return beams


@pytest.mark.parametrize("component", ["parser", "ner"])
@pytest.mark.parametrize("width,density", [(1, 0.0), (4, 0.0), (8, 0.01)])
def test_native_beam_matches_the_python_reference(nlp, component, width, density):
    docs = [nlp.make_doc(t) for t in TEXTS if t] + _random_docs(nlp, 12, seed=width)
    docs = _prepared(nlp, component, [d for d in docs if len(d)])
    pipe = nlp.get_pipe(component)
    reference = _reference_beam(pipe, docs, width, density)
    beams = pipe._beam_parse(docs, width, density)
    if component == "parser":
        key = lambda s: (s.heads, s.label_ids, s.sent_starts)  # noqa: E731
    else:
        key = lambda s: s.entities  # noqa: E731
    # every final candidate, with its score and moves (the public beam_parse is this search)
    assert [[(key(st), moves) for _score, st, moves in beam] for beam in reference] == \
        [[(key(beam.at(i)), tuple(moves)) for i, moves in enumerate(beam.histories)]
         for beam in beams]
    assert [float(score) for beam in reference for score, _st, _moves in beam] == \
        pytest.approx([float(score) for beam in beams for score in beam.scores], rel=1e-5)
    assert all(beam.is_done and beam.at(0).doc is doc for beam, doc in zip(beams, docs))
    if width == 1:  # a one-wide beam follows the greedy decoder
        greedy = pipe._parse(docs)
        assert [key(s) for s in greedy] == [key(beam.best()) for beam in beams]


def test_beam_parse_checks_its_arguments(nlp):
    pipe = nlp.get_pipe("ner")
    docs = _prepared(nlp, "ner", [nlp.make_doc(TEXTS[0])])
    step_model, _finish = pipe.model(docs, False)
    moves, n_feats = pipe.system.moves, pipe.system.n_feats
    weights = step_model.greedy_weights()
    with pytest.raises(ModelError, match="beam_width"):
        moves.beam_parse(pipe.system.init_states(docs), _doc_offsets(docs), *weights, n_feats,
                         0, 0.0, 100)
    with pytest.raises(ModelError, match="outside the model"):
        moves.beam_parse(pipe.system.init_states(docs), _doc_offsets(docs) + 9, *weights,
                         n_feats, 4, 0.0, 100)
    states = pipe.system.init_states(docs)
    assert moves.beam_parse(states, _doc_offsets(docs), *weights, n_feats, 4, 0.0, 2) == (1, [[]])
    unfinished, (candidates,) = moves.beam_parse(states, _doc_offsets(docs), *weights, n_feats,
                                                 4, 0.0, 100)
    assert unfinished == 0 and len(candidates) == 4 and candidates[0][1].is_final()


@pytest.mark.parametrize("width", [1, 4])
def test_beam_without_a_valid_move_finishes_as_the_greedy_decoder_does(width):
    """Initialized from one example, the parser keeps only moves seen min_action_freq times:
    the backoff L-dep, R-dep and B-ROOT, no SHIFT. spaCy's beam fails an assertion there;
    both of lexloom's beams stop each state where it stands, as the greedy decoder does."""
    from lexloom.training import Example

    nlp = lexloom.blank("en")
    pipe = nlp.add_pipe("beam_parser", config={"beam_width": width})
    doc = nlp.make_doc("I like cats")
    nlp.initialize(lambda: [Example.from_dict(doc, {"heads": [1, 1, 1],
                                                    "deps": ["nsubj", "ROOT", "dobj"]})])
    assert pipe.moves.moves == [(2, "dep"), (3, "dep"), (4, "ROOT")]
    docs = [nlp.make_doc(t) for t in ("I like cats", "Green ideas sleep furiously .")]
    greedy = [s.heads for s in pipe.greedy_parse(docs)]
    predicted = pipe.predict(docs)
    assert [(s.best() if width > 1 else s).heads for s in predicted] == greedy
    assert [beam.at(0).heads for beam in pipe.beam_parse(docs, beam_width=width)] == greedy
    parsed = nlp("Green ideas sleep furiously .")
    assert [t.head.i for t in parsed] == [t.i for t in parsed]


@pytest.fixture(scope="module")
def one_piece_ner():
    """An ner whose hidden layer has one piece (maxout_pieces 1), trained a little."""
    from lexloom.training import Example

    lexloom.util.fix_random_seed(0)
    nlp = lexloom.blank("en")
    nlp.add_pipe("ner", config={"model": {
        "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner",
        "extra_state_tokens": False, "hidden_width": 64, "maxout_pieces": 1,
        "use_upper": True, "nO": None,
        "tok2vec": {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None,
                    "width": 96, "depth": 2, "embed_size": 501, "window_size": 1,
                    "maxout_pieces": 3, "subword_features": True}}})
    train = [("Alice saw Bob in Paris .", [(0, 5, "PERSON"), (10, 13, "PERSON"),
                                           (17, 22, "GPE")]),
             ("Berlin is big .", [(0, 6, "GPE")])]

    def examples():
        return [Example.from_dict(nlp.make_doc(t), {"entities": e}) for t, e in train]

    optimizer = nlp.initialize(examples)
    for _ in range(10):
        nlp.update(examples(), sgd=optimizer, drop=0.0)
    return nlp


ONE_PIECE_TEXTS = ["From the AP comes this story :",
                   "President Bush on Tuesday nominated two individuals .",
                   "Alice went to Paris and Berlin with Bob .",
                   "The sheikh in wheel-chair has been attacked ."]


def test_one_piece_step_model_scores_through_a_relu(one_piece_ner):
    """spaCy's step model puts a ReLU on a one-piece hidden layer, at inference as in
    training (only its greedy C loop has none): inference scores equal the training
    forward's without dropout."""
    pipe = one_piece_ner.get_pipe("ner")
    docs = [one_piece_ner.make_doc(t) for t in ONE_PIECE_TEXTS]
    feats = pipe.system.features(pipe.system.init_states(docs), _doc_offsets(docs))
    set_dropout_rate(pipe.model, 0.0)
    inference, _ = pipe.model(docs, False)[0].scores(feats)
    step_model = pipe.model(docs, True)[0]
    step_model.attrs["dropout_rate"] = 0.0  # the hidden units' own dropout
    training, _ = step_model.scores(feats)
    numpy.testing.assert_allclose(inference, training, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("width,density", [(4, 0.0), (8, 0.01)])
def test_one_piece_native_beam_matches_the_python_reference(one_piece_ner, width, density):
    pipe = one_piece_ner.get_pipe("ner")
    docs = [one_piece_ner.make_doc(t) for t in ONE_PIECE_TEXTS]
    reference = [beam[0][1].entities for beam in _reference_beam(pipe, docs, width, density)]
    assert reference == [b.best().entities for b in pipe._beam_parse(docs, width, density)]
    greedy = [s.entities for s in pipe._parse(docs)]
    assert reference != greedy  # the ReLU matters here (no ReLU: the beam gave these)


def test_beam_predict_gives_beams_with_every_candidate_as_predict_saw_the_doc():
    """predict with beam_width > 1 returns one Beam per Doc, as spaCy's, with every final
    candidate of the native search: set_annotations writes the best, and spaCy's confidence
    recipes (moves.get_beam_parses, scored_ents) read them all, as the search over the Doc
    before set_annotations wrote its entities found them (a search over the annotated Doc
    would find one preset path)."""
    from lexloom.pipeline.transition_parser import Beam
    from lexloom.training import Example

    lexloom.util.fix_random_seed(0)
    nlp = lexloom.blank("en")
    ner = nlp.add_pipe("beam_ner", config={"beam_width": 8, "beam_density": 0.0001})
    train = [("Alice visited Paris in May", ["U-PER", "O", "U-LOC", "O", "U-DATE"]),
             ("Bob flew to Berlin", ["U-PER", "O", "O", "U-LOC"])]
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": e}) for t, e in train]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(3):
        nlp.update(examples, sgd=optimizer)
    texts = ["Carol met Dave in Rome", "Paris in May"]
    beams = ner.predict([nlp.make_doc(t) for t in texts])
    assert all(isinstance(beam, Beam) for beam in beams)
    docs = [beam.at(0).doc for beam in beams]
    ner.set_annotations(docs, beams)
    fresh = ner.beam_parse([nlp.make_doc(t) for t in texts], beam_width=8,
                           beam_density=0.0001)
    for doc, beam, want in zip(docs, beams, fresh):
        parses = ner.moves.get_beam_parses(beam)
        assert len(parses) == len(want) > 1
        assert sum(p for p, _ents in parses) == pytest.approx(1.0, abs=1e-4)
        assert [(s, e, label) for s, e, label in parses[0][1]] == [
            (ent.start, ent.end, ent.label_) for ent in doc.ents]
        assert [float(s) for s in beam.scores] == [float(s) for s in want.scores]
    assert ner.scored_ents(beams) == ner.scored_ents(fresh)


def test_a_beam_from_predict_keeps_the_predicting_model_and_copies_no_user_data():
    """A beam is the predicting model's, as spaCy's is: updates after predict don't change
    it; user data that can't be deep-copied (a lock) is no obstacle."""
    import threading

    from lexloom.training import Example

    lexloom.util.fix_random_seed(0)
    nlp = lexloom.blank("en")
    ner = nlp.add_pipe("beam_ner", config={"beam_width": 4, "beam_density": 0.0001})
    train = [("Alice visited Paris in May", ["U-PER", "O", "U-LOC", "O", "U-DATE"])]
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": e}) for t, e in train]
    optimizer = nlp.initialize(lambda: examples)
    nlp.update(examples, sgd=optimizer)
    text = "Carol met Dave in Rome"
    before = ner.beam_parse([nlp.make_doc(text)], beam_width=4, beam_density=0.0001)[0]
    doc = nlp.make_doc(text)
    doc.user_data["lock"] = threading.Lock()
    beam = ner.predict([doc])[0]
    for _ in range(3):
        nlp.update(examples, sgd=optimizer)
    after = ner.beam_parse([nlp.make_doc(text)], beam_width=4, beam_density=0.0001)[0]
    assert [float(s) for s in after.scores] != [float(s) for s in before.scores]
    assert [float(s) for s in beam.scores] == [float(s) for s in before.scores]
    assert nlp(doc.text) is not None and len(list(nlp.pipe([doc.text]))) == 1


def test_a_beam_component_pickles_after_predicting_and_new_labels_wait_for_its_beams():
    """The component pickles after predicting, and an update that brings a new label (which
    resizes the output) leaves the beams predict made with the moves it had."""
    import pickle

    from lexloom.training import Example

    lexloom.util.fix_random_seed(0)
    nlp = lexloom.blank("en")
    ner = nlp.add_pipe("beam_ner", config={"beam_width": 4, "beam_density": 0.0001})
    train = [("Alice visited Paris", ["U-PER", "O", "U-LOC"])]
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": e}) for t, e in train]
    optimizer = nlp.initialize(lambda: examples)
    beam = ner.predict([nlp.make_doc("Bob saw Rome")])[0]
    assert pickle.loads(pickle.dumps(nlp)).pipe_names == ["beam_ner"]
    labels_then = set(ner.labels)
    more = [Example.from_dict(nlp.make_doc("IBM hired Carol"), {"entities":
                                                               ["U-ORG", "O", "U-PER"]})]
    nlp.update(more, sgd=optimizer)
    assert "ORG" in ner.labels
    seen = {label for _p, ents in ner.moves.get_beam_parses(beam) for _s, _e, label in ents}
    assert seen <= labels_then


def test_beam_decoding_with_a_nan_move_keeps_the_finite_candidates():
    """With density > 0 a move whose score is NaN drops out of the density cut (its
    candidates rank last); the finite candidates still decide the Doc, where the decoder
    used to give up on the Doc (spaCy fails an assertion)."""
    import numpy

    import lexloom

    nlp = lexloom.load("en_lexloom_sm")
    ner = nlp.get_pipe("ner")
    ner.cfg["beam_width"] = 4
    ner.cfg["beam_density"] = 0.01
    text = "Apple is looking at buying U.K. startup for $1 billion in London."
    before = [(e.text, e.label_) for e in nlp(text).ents]
    assert before
    upper = ner.model.get_ref("upper")
    bias = upper.get_param("b").copy()
    names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
    bias[names.index("U-PER")] = numpy.nan
    upper.set_param("b", bias)
    doc = nlp(text)
    assert doc.has_annotation("ENT_IOB")
    assert [(e.text, e.label_) for e in doc.ents] == [e for e in before if e[1] != "PER"]
