"""spaCy's members of the pipeline components: rehearsal updates, the parser's and ner's
beam search and stepping API, multitask objectives, Scorer.score_links, and spaCy's module
paths under lexloom.pipeline."""
from __future__ import annotations

import numpy
import pytest
from lexloom.scorer import Scorer

import lexloom
from lexloom.tokens import Doc, Span
from lexloom.training import Example
from lexloom.util import fix_random_seed

pytest.importorskip("thinc.api")

WORDS = ["I", "like", "London", "and", "Berlin", "."]
HEADS = [1, 1, 1, 2, 2, 1]
DEPS = ["nsubj", "ROOT", "dobj", "cc", "conj", "punct"]
ENTS = ["O", "O", "B-LOC", "O", "B-LOC", "O"]


def _transition_pipeline(n_iter: int = 15):
    fix_random_seed(0)  # the learning tests compare losses: same weights every run
    nlp = lexloom.blank("en")
    parser = nlp.add_pipe("parser", config={"min_action_freq": 1})
    ner = nlp.add_pipe("ner")
    ref = Doc(nlp.vocab, words=WORDS, heads=HEADS, deps=DEPS, ents=ENTS)
    eg = Example(Doc(nlp.vocab, words=WORDS), ref)
    optimizer = nlp.initialize(lambda: [eg])
    for _ in range(n_iter):
        nlp.update([eg], sgd=optimizer)
    return nlp, parser, ner, eg, optimizer


@pytest.fixture(scope="module")
def trained():
    return _transition_pipeline()


def test_component_instances_have_spacys_attributes(trained):
    _nlp, parser, ner, _eg, _opt = trained
    for pipe in (parser, ner, lexloom.blank("en").add_pipe("tagger"),
                 lexloom.blank("en").add_pipe("tok2vec")):
        assert pipe.vocab is not None and pipe.model is not None
        assert isinstance(pipe.cfg, dict) and hasattr(pipe, "scorer")
    assert parser.incorrect_spans_key is None
    assert parser.tok2vec is parser.model.get_ref("tok2vec")
    assert parser.TransitionSystem.__name__ == "ArcEager"
    assert ner.TransitionSystem.__name__ == "BiluoPushDown"
    assert ner.postprocesses == []
    assert [f.__name__ for f in parser.postprocesses] == ["deprojectivize_doc"]
    from lexloom.pipeline import Morphologizer

    assert Morphologizer.POS_FEAT == "POS"


def test_beam_parse_returns_one_beam_per_doc(trained):
    nlp, parser, ner, _eg, _opt = trained
    docs = [nlp.make_doc("I like London and Berlin ."), nlp.make_doc("Berlin .")]
    beams = parser.beam_parse(docs, beam_width=4)
    assert len(beams) == 2
    for beam, doc in zip(beams, docs):
        assert 1 <= beam.size <= 4 and beam.is_done
        assert beam.probs.sum() == pytest.approx(1.0)
        assert beam.scores == sorted(beam.scores, reverse=True)
        assert len(beam.at(0).heads) == len(doc)
    parser.set_annotations(docs, beams)
    assert [t.head.i for t in docs[0]] == HEADS
    heads, labels = parser.scored_parses(beams)
    for child in range(len(docs[0])):   # as spaCy's: a root has no arc (token 1 is one)
        mass = sum(p for (c, _h), p in heads[0].items() if c == child)
        assert mass == pytest.approx(0.0 if child == 1 else 1.0, abs=1e-6)
    assert heads[0][(2, 1)] > 0.5 and (1, "ROOT") not in labels[0]
    ents = ner.scored_ents(ner.beam_parse(docs, beam_width=4))
    assert ents[0][(2, 3, "LOC")] > 0.5 and ents[1][(0, 1, "LOC")] > 0.5
    assert all(0.0 <= p <= 1.0 + 1e-9 for p in ents[0].values())


def test_moves_read_beams_as_spacys_confidence_recipe(trained):
    """`for score, ents in ner.moves.get_beam_parses(beam)`: the usual way to entity (and
    arc) confidences; get_beam_annot gives the summed masses, keyed by label id."""
    nlp, parser, ner, _eg, _opt = trained
    doc = nlp.make_doc("I like London and Berlin .")
    beam = ner.beam_parse([doc], beam_width=4)[0]
    parses = ner.moves.get_beam_parses(beam)
    assert len(parses) == beam.size and sum(p for p, _ in parses) == pytest.approx(1.0)
    assert parses[0][1] == [(2, 3, "LOC"), (4, 5, "LOC")]
    mass: dict = {}
    for prob, ents in parses:
        for start, end, label in ents:
            mass[(start, end, label)] = mass.get((start, end, label), 0.0) + prob
    assert mass == pytest.approx(ner.scored_ents([beam])[0])
    annot = ner.moves.get_beam_annot(beam)
    loc = nlp.vocab.strings["LOC"]
    assert annot[(2, 3, loc)] == pytest.approx(mass[(2, 3, "LOC")])
    beam = parser.beam_parse([doc], beam_width=4)[0]
    best_prob, arcs = parser.moves.get_beam_parses(beam)[0]
    # the arcs the moves made, as spaCy's: none for the root (token 1)
    assert arcs == [(head, child, label) for child, (head, label) in enumerate(zip(HEADS, DEPS))
                    if child != 1]
    assert parser.moves.get_beam_parses(parser.beam_parse([nlp.make_doc("London")],
                                                          beam_width=4)[0]) == []
    heads, deps = parser.moves.get_beam_annot(beam)
    assert heads[2][1] >= best_prob and deps[1][nlp.vocab.strings["ROOT"]] >= best_prob
    assert all(sum(h.values()) == pytest.approx(1.0) for h in heads)


def test_width_one_beam_is_the_greedy_parse(trained):
    nlp, parser, _ner, _eg, _opt = trained
    docs = [nlp.make_doc("I like London and Berlin .")]
    greedy = parser.greedy_parse(docs)
    beam = parser.beam_parse(docs, beam_width=1)
    assert beam[0].at(0).heads == greedy[0].heads


@pytest.mark.parametrize("width,density", [(4, 0.0), (8, 0.01)])
def test_beam_parse_best_candidate_is_the_native_beams_answer(trained, width, density):
    nlp, parser, ner, _eg, _opt = trained
    docs = [nlp.make_doc(t) for t in ("I like London and Berlin .", "Berlin and I .",
                                      "London London Berlin")]
    beams = parser.beam_parse(docs, beam_width=width, beam_density=density)
    native = [b.best() for b in parser._beam_parse(docs, width, density)]
    assert [b.at(0).heads for b in beams] == [s.heads for s in native]
    assert [b.at(0).label_ids for b in beams] == [s.label_ids for s in native]
    ent_beams = ner.beam_parse(docs, beam_width=width, beam_density=density)
    assert [b.at(0).entities for b in ent_beams] == \
        [b.best().entities for b in ner._beam_parse(docs, width, density)]


def test_batch_loss_and_transition_states(trained):
    _nlp, parser, _ner, eg, _opt = trained
    states = parser.system.init_states([eg.predicted])
    step_model, _finish = parser.model([eg.predicted], False)
    feats = parser.system.features(states, numpy.ones((1,), dtype="int32"))
    scores, _ = step_model.scores(feats)
    losses: dict = {}
    d_scores = parser.get_batch_loss(states, [parser._gold(eg)], scores, losses)
    assert d_scores.shape == scores.shape
    assert d_scores.sum() == pytest.approx(0.0, abs=1e-5)  # softmax minus gold softmax
    assert losses["parser"] == pytest.approx(float((d_scores ** 2).sum()))
    n_steps = 0
    while states:
        feats = parser.system.features(states, numpy.ones((len(states),), dtype="int32"))
        states = parser.transition_states(states, step_model.scores(feats)[0])
        n_steps += 1
    assert n_steps == 2 * len(WORDS)  # arc-eager: every word shifted once and attached once


def test_update_beam_learns_the_training_tree():
    _nlp, parser, ner, eg, optimizer = _transition_pipeline(n_iter=1)
    history = []
    for _ in range(12):
        losses: dict = {}
        parser.update_beam([eg], beam_width=4, sgd=optimizer, losses=losses)
        ner.update_beam([eg], beam_width=4, sgd=optimizer, losses=losses)
        history.append(losses)
    assert history[-1]["parser"] < history[0]["parser"]
    assert history[-1]["ner"] < history[0]["ner"]


def test_rehearse_is_a_noop_before_resume_training():
    _nlp, parser, _ner, eg, optimizer = _transition_pipeline(n_iter=1)
    parser._rehearsal_model = None
    assert parser.rehearse([eg], sgd=optimizer) == {}


def _divergence(model, tutor, docs) -> float:
    ours, theirs = model.predict(docs), tutor.predict(docs)
    if isinstance(ours, list):
        return float(sum(((a - b) ** 2).sum() for a, b in zip(ours, theirs)))
    return float(((ours - theirs) ** 2).sum())


@pytest.mark.parametrize("factory", ["tagger", "textcat"])
def test_rehearse_pulls_the_model_back_to_its_old_predictions(factory):
    """Train, snapshot with resume_training, drift by training on other labels, then
    rehearse: the predictions move back toward the snapshot's."""
    from thinc.api import Adam

    nlp = lexloom.blank("en")
    pipe = nlp.add_pipe(factory)
    words = ["cats", "chase", "mice"]
    if factory == "tagger":
        old = Doc(nlp.vocab, words=words, tags=["N", "V", "N"])
        new = Doc(nlp.vocab, words=words, tags=["V", "N", "V"])
    else:
        old, new = Doc(nlp.vocab, words=words), Doc(nlp.vocab, words=words)
        old.cats, new.cats = {"A": 1.0, "B": 0.0}, {"A": 0.0, "B": 1.0}
    egs_old = [Example(Doc(nlp.vocab, words=words), old)]
    egs_new = [Example(Doc(nlp.vocab, words=words), new)]
    optimizer = nlp.initialize(lambda: egs_old)
    for _ in range(10):
        nlp.update(egs_old, sgd=optimizer)
    nlp.resume_training()
    tutor = pipe._rehearsal_model
    assert tutor is not None and tutor is not pipe.model
    docs = [Doc(nlp.vocab, words=words)]
    for _ in range(5):
        pipe.update(egs_new, sgd=optimizer)
    drifted = _divergence(pipe.model, tutor, docs)
    assert drifted > 1e-4
    optimizer = Adam(0.001)
    for _ in range(30):
        losses = pipe.rehearse(egs_new, sgd=optimizer)
    assert losses[factory] >= 0.0
    assert _divergence(pipe.model, tutor, docs) < drifted / 2


def test_parser_rehearse_lowers_its_loss():
    from thinc.api import Adam

    nlp, parser, _ner, eg, optimizer = _transition_pipeline()
    nlp.resume_training()
    other = Example(Doc(nlp.vocab, words=WORDS),
                    Doc(nlp.vocab, words=WORDS, heads=[0, 0, 0, 0, 0, 0],
                        deps=["ROOT", "dep", "dep", "dep", "dep", "dep"]))
    for _ in range(5):
        parser.update([other], sgd=optimizer)
    optimizer = Adam(0.001)
    history = [parser.rehearse([eg], sgd=optimizer)["parser"] for _ in range(20)]
    assert history[-1] < history[0]


def test_parser_rehearse_right_after_resume_training_has_a_loss():
    """spaCy's step models drop 10% of the hidden units while training, the tutor's too, so
    the student and its unchanged copy already disagree at the first rehearsal."""
    nlp, parser, _ner, eg, optimizer = _transition_pipeline()
    nlp.resume_training()
    assert parser.rehearse([eg], sgd=optimizer)["parser"] > 1e-4   # not float noise


def _drifted_tagger_and_textcat():
    """tagger and textcat (each with its own tok2vec) snapshotted, then trained away."""
    fix_random_seed(0)
    nlp = lexloom.blank("en")
    nlp.add_pipe("tagger")
    nlp.add_pipe("textcat")
    words = ["cats", "chase", "mice"]
    old = Doc(nlp.vocab, words=words, tags=["N", "V", "N"])
    new = Doc(nlp.vocab, words=words, tags=["V", "N", "V"])
    old.cats, new.cats = {"A": 1.0, "B": 0.0}, {"A": 0.0, "B": 1.0}
    optimizer = nlp.initialize(lambda: [Example(Doc(nlp.vocab, words=words), old)])
    nlp.resume_training()
    for _ in range(3):
        nlp.update([Example(Doc(nlp.vocab, words=words), new)], sgd=optimizer)
    return nlp, [Example(Doc(nlp.vocab, words=words), new)], optimizer


def _output_weights(pipe) -> numpy.ndarray:
    return [n for n in pipe.model.walk() if n.has_param("W")][-1].get_param("W")


def test_nlp_rehearse_steps_only_the_last_component_in_its_shuffled_order():
    """spaCy's Language.rehearse starts a new gradient collection for every component, so
    the optimizer sees only the last one's (the order is random.shuffle's)."""
    import random

    for seed in range(4):
        nlp, egs, optimizer = _drifted_tagger_and_textcat()
        before = {name: _output_weights(pipe).copy() for name, pipe in nlp.pipeline}
        random.seed(seed)
        order = list(nlp.pipe_names)
        random.shuffle(order)
        random.seed(seed)
        losses = nlp.rehearse(egs, sgd=optimizer)
        assert sorted(losses) == ["tagger", "textcat"] and all(v > 0 for v in losses.values())
        changed = [name for name in order
                   if not numpy.array_equal(before[name], _output_weights(nlp.get_pipe(name)))]
        assert changed == [order[-1]], (seed, order)


def test_rehearse_leaves_tok2vec_alone_and_needs_the_listeners_upstream():
    """As in spaCy, tok2vec takes no rehearsal copy (no "tok2vec" loss); a listener's
    component then finds no tok2vec output and raises E203 (a ValueError)."""
    fix_random_seed(0)
    nlp = lexloom.blank("en")
    nlp.add_pipe("tok2vec")
    nlp.add_pipe("tagger", config={"model": {"tok2vec": {
        "@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "*"}}})
    words = ["cats", "chase", "mice"]
    eg = Example(Doc(nlp.vocab, words=words), Doc(nlp.vocab, words=words, tags=["N", "V", "N"]))
    optimizer = nlp.initialize(lambda: [eg])
    nlp.resume_training()
    assert not hasattr(nlp.get_pipe("tok2vec"), "_rehearsal_model")
    with nlp.select_pipes(enable=["tok2vec"]):
        assert nlp.rehearse([eg], sgd=optimizer) == {}
    with pytest.raises(ValueError, match="E203"):
        nlp.rehearse([eg], sgd=optimizer)


def test_multitask_objectives_train_with_the_parser():
    from lexloom.pipeline import TrainablePipe

    calls = []

    class Recorder(TrainablePipe):
        def __init__(self, vocab):
            from thinc.api import Linear, chain

            super().__init__(vocab, chain(Linear(nI=4), Linear(nI=4)), "recorder")
            self.model.set_ref("output_layer", self.model.layers[-1])

        def initialize(self, get_examples, *, nlp=None):
            calls.append(("initialize", nlp))

        def update(self, examples, *, drop=0.0, sgd=None, losses=None):
            calls.append(("update", len(list(examples))))
            return losses

    nlp = lexloom.blank("en")
    parser = nlp.add_pipe("parser", config={"min_action_freq": 1})
    recorder = Recorder(nlp.vocab)
    parser.add_multitask_objective(recorder)
    ref = Doc(nlp.vocab, words=WORDS, heads=HEADS, deps=DEPS)
    eg = Example(Doc(nlp.vocab, words=WORDS), ref)
    optimizer = nlp.initialize(lambda: [eg])
    assert calls == [("initialize", nlp)]
    assert recorder.model.get_ref("output_layer").get_dim("nO") == len(parser.labels)
    nlp.update([eg], sgd=optimizer)
    assert calls[-1] == ("update", 1)


def _linked(nlp, ents):
    doc = nlp.make_doc("Ada met Bob in Paris")
    doc.ents = [Span(doc, start, end, label=label, kb_id=kb) for start, end, label, kb in ents]
    return doc


def test_score_links_counts_links_on_matching_entities():
    nlp = lexloom.blank("en")
    gold = _linked(nlp, [(0, 1, "PERSON", "Q1"), (2, 3, "PERSON", "Q2"),
                         (4, 5, "GPE", "Q90"), ])
    pred = _linked(nlp, [(0, 1, "PERSON", "Q1"),      # right: tp
                         (2, 3, "PERSON", "Q3"),      # wrong id: fp + fn
                         (3, 5, "GPE", "Q90")])       # no gold entity there: not counted
    scores = Scorer.score_links([Example(pred, gold)], negative_labels=["NIL"])
    person = scores["nel_f_per_type"]["PERSON"]
    assert person["p"] == pytest.approx(0.5) and person["r"] == pytest.approx(0.5)
    assert set(scores["nel_f_per_type"]) == {"PERSON"}
    assert scores["nel_micro_p"] == pytest.approx(0.5)
    assert scores["nel_score"] == pytest.approx(0.5)
    assert scores["nel_score_desc"] == "micro F"


def test_score_links_negative_labels():
    nlp = lexloom.blank("en")
    gold = _linked(nlp, [(0, 1, "PERSON", "NIL"), (2, 3, "PERSON", "Q2"),
                         (4, 5, "GPE", "NIL")])
    pred = _linked(nlp, [(0, 1, "PERSON", "Q1"),    # negative gold, real id: fp
                         (2, 3, "PERSON", "NIL"),   # real gold, negative prediction: fn
                         (4, 5, "GPE", "NIL")])     # both negative: ignored
    scores = Scorer.score_links([Example(pred, gold)], negative_labels=["NIL"])
    assert scores["nel_f_per_type"]["PERSON"] == {"p": 0.0, "r": 0.0, "f": 0.0}
    assert scores["nel_f_per_type"]["GPE"] == {"p": 0.0, "r": 0.0, "f": 0.0}
    assert scores["nel_micro_f"] == 0.0


def test_spacys_pipeline_module_paths():
    from lexloom import pipeline

    assert pipeline.dep_parser.DependencyParser is pipeline.DependencyParser
    assert pipeline.textcat_multilabel.MultiLabel_TextCategorizer is \
        pipeline.MultiLabel_TextCategorizer
    assert pipeline.entityruler.EntityRuler is pipeline.EntityRuler


def test_deserialize_config_reads_a_components_settings_file(tmp_path):
    """spaCy's helper that custom components' from_disk import from spacy.pipeline.pipe (or
    trainable_pipe): the JSON file's value, {} for a missing file, a clear error for a bad one."""
    from lexloom.errors import InputFileError
    from lexloom.pipeline import pipe, trainable_pipe

    assert trainable_pipe.deserialize_config is pipe.deserialize_config
    (tmp_path / "cfg").write_text('{"labels": ["A", "B"], "threshold": 0.5}')
    assert pipe.deserialize_config(tmp_path / "cfg") == {"labels": ["A", "B"], "threshold": 0.5}
    assert pipe.deserialize_config(str(tmp_path / "missing")) == {}
    (tmp_path / "bad").write_text('{"labels": [')
    with pytest.raises(InputFileError, match="bad"):
        pipe.deserialize_config(tmp_path / "bad")


@pytest.mark.parametrize("factory", ["ner", "parser"])
def test_add_label_errors_are_spacys_types(factory):
    """A non-str label is spaCy's E017 TypeError; running before any label is E109."""
    nlp = lexloom.blank("en")
    pipe = nlp.add_pipe(factory)
    with pytest.raises(TypeError, match=r"\[E017\]"):
        pipe.add_label(1)
    with pytest.raises(ValueError):
        pipe.add_label("")
    with pytest.raises(ValueError, match=r"\[E109\]"):
        pipe.predict([nlp.make_doc("a b")])


@pytest.mark.parametrize("factory,config", [("tagger", {}), ("textcat", {})])
def test_rehearse_losses_are_numpy_float32_as_spacys(factory, config):
    """spaCy adds a rehearsal's loss to `losses` as thinc / numpy give it (float32)."""
    nlp = lexloom.blank("en")
    pipe = nlp.add_pipe(factory, config=config)
    pipe.add_label("A")
    pipe.add_label("B")
    optimizer = nlp.initialize()
    nlp.resume_training()
    losses = {}
    nlp.rehearse([Example.from_dict(nlp.make_doc("Bob is nice"), {})], sgd=optimizer,
                 losses=losses)
    assert type(losses[factory]) is numpy.float32


def test_tagger_set_annotations_with_fewer_or_more_ids_than_tokens():
    """spaCy's loop sets the first tokens' tags when given fewer ids than tokens (and
    writes past the Doc when given more); lexloom sets the first ones and refuses more."""
    import numpy

    import lexloom
    from lexloom.errors import ModelError
    from lexloom.training import Example

    nlp = lexloom.blank("en")
    tagger = nlp.add_pipe("tagger")
    nlp.initialize(lambda: [Example.from_dict(nlp.make_doc("a b c"),
                                              {"tags": ["X", "Y", "Z"]})])
    doc = nlp.make_doc("a b c")
    tagger.set_annotations([doc], [numpy.array([0, 1])])
    assert [t.tag_ for t in doc] == ["X", "Y", ""]
    with pytest.raises(ModelError, match="2 tag ids for a Doc of 1 tokens"):
        tagger.set_annotations([nlp.make_doc("a")], [numpy.array([0, 1])])
