"""The entity_linker component: a tiny linker trained on three hand-made examples with a KB of
three entities links by context, saves and loads with its KB, and follows spaCy's settings
(threshold, labels_discard, overwrite, NIL)."""
import numpy
import pytest
from thinc.api import fix_random_seed

import lexloom
from lexloom.errors import PipelineError
from lexloom.kb import InMemoryLookupKB
from lexloom.registry import registry
from lexloom.training import Example

TRAIN = [
    ("Douglas wrote a funny book about towels.", (0, 7), "Q1"),
    ("Douglas played football in the park.", (0, 7), "Q2"),
    ("Paris is a big city.", (0, 5), "Q3"),
]


def build_kb(vocab):
    kb = InMemoryLookupKB(vocab, entity_vector_length=3)
    kb.add_entity("Q1", 12.0, [1.0, 0.0, 0.0])
    kb.add_entity("Q2", 8.0, [0.0, 1.0, 0.0])
    kb.add_entity("Q3", 3.0, [0.0, 0.0, 1.0])
    kb.add_alias("Douglas", ["Q1", "Q2"], [0.5, 0.5])
    kb.add_alias("Paris", ["Q3"], [1.0])
    return kb


def make_examples(nlp):
    return [Example.from_dict(nlp.make_doc(text), {
        "entities": [(start, end, "PERSON" if kb_id != "Q3" else "GPE")],
        "links": {(start, end): {kb_id: 1.0}}}) for text, (start, end), kb_id in TRAIN]


# a small network keeps the test fast; the architecture is the default one
SMALL_MODEL = {"tok2vec": {"width": 32, "embed_size": 300, "depth": 1}}
PATTERNS = [{"label": "PERSON", "pattern": "Douglas"}, {"label": "GPE", "pattern": "Paris"}]


def make_nlp(**config):
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("entity_ruler").add_patterns(PATTERNS)
    nlp.add_pipe("entity_linker", config={"incl_prior": False, "model": SMALL_MODEL,
                                          **config})
    return nlp


@pytest.fixture(scope="module")
def trained():
    fix_random_seed(0)
    nlp = make_nlp()
    examples = make_examples(nlp)
    linker = nlp.get_pipe("entity_linker")
    linker.set_kb(build_kb)
    optimizer = nlp.initialize(lambda: examples)
    nlp.get_pipe("entity_ruler").add_patterns(PATTERNS)  # initialize cleared them
    for _ in range(30):
        losses = {}
        nlp.update(examples, sgd=optimizer, losses=losses)
    return nlp, losses


def links(doc):
    return [(ent.text, ent.kb_id_) for ent in doc.ents]


def test_training_lowers_the_loss_and_links_by_context(trained):
    nlp, losses = trained
    assert losses["entity_linker"] < 0.1
    assert links(nlp(TRAIN[0][0])) == [("Douglas", "Q1")]
    assert links(nlp(TRAIN[1][0])) == [("Douglas", "Q2")]
    assert links(nlp(TRAIN[2][0])) == [("Paris", "Q3")]


def test_set_annotations_writes_token_kb_ids(trained):
    nlp, _ = trained
    doc = nlp("Douglas wrote a funny book about towels.")
    assert doc[0].ent_kb_id_ == "Q1" and doc[1].ent_kb_id_ == ""


def test_unknown_alias_links_to_nil(trained):
    nlp, _ = trained
    linker = nlp.get_pipe("entity_linker")
    doc = nlp.make_doc("Bob met Douglas.")
    doc.ents = [doc.char_span(0, 3, label="PERSON"), doc.char_span(8, 15, label="PERSON")]
    doc = nlp.get_pipe("sentencizer")(doc)
    assert linker.predict([doc])[0] == "NIL"


def test_evaluate_scores_links(trained):
    nlp, _ = trained
    scores = nlp.evaluate(make_examples(nlp))
    assert scores["nel_micro_f"] == 1.0
    assert set(scores["nel_f_per_type"]) == {"PERSON", "GPE"}


def test_save_and_load_keep_the_kb_and_predictions(trained, tmp_path):
    nlp, _ = trained
    nlp.to_disk(tmp_path / "pipe")
    assert (tmp_path / "pipe" / "entity_linker" / "kb" / "contents").exists()
    loaded = lexloom.load(tmp_path / "pipe")
    kb = loaded.get_pipe("entity_linker").kb
    assert sorted(kb.get_entity_strings()) == ["Q1", "Q2", "Q3"]
    for text, _, _ in TRAIN:
        assert links(loaded(text)) == links(nlp(text))
    linker = nlp.get_pipe("entity_linker")
    doc = nlp.make_doc(TRAIN[0][0])
    doc.ents = [doc.char_span(0, 7, label="PERSON")]
    doc = nlp.get_pipe("sentencizer")(doc)
    a = linker.model.predict([doc])
    b = loaded.get_pipe("entity_linker").model.predict([doc])
    numpy.testing.assert_allclose(a, b)


def test_bytes_round_trip_keeps_the_kb(trained):
    nlp, _ = trained
    linker = nlp.get_pipe("entity_linker")
    other = make_nlp().get_pipe("entity_linker")
    other.from_bytes(linker.to_bytes())
    assert other.kb.get_size_aliases() == 2
    assert other.kb.get_prior_prob("Q1", "Douglas") == pytest.approx(0.5)


def test_threshold_gives_nil_and_labels_discard_skip(trained):
    nlp, _ = trained
    linker = nlp.get_pipe("entity_linker")
    doc = nlp(TRAIN[2][0])
    linker.labels_discard = ["GPE"]
    try:
        assert linker.predict([doc]) == ["NIL"]
        linker.labels_discard = []
        doc = nlp.get_pipe("sentencizer")(nlp.get_pipe("entity_ruler")(
            nlp.make_doc(TRAIN[0][0])))
        linker.threshold = 1.0  # two candidates, neither with a cosine of 1: NIL
        assert linker.predict([doc]) == ["NIL"]
    finally:
        linker.threshold, linker.labels_discard = None, []


def test_overwrite_false_keeps_existing_kb_ids(trained):
    nlp, _ = trained
    linker = nlp.get_pipe("entity_linker")
    doc = nlp.make_doc("Paris is a big city.")
    doc.ents = [doc.char_span(0, 5, label="GPE", kb_id="MINE")]
    linker.cfg["overwrite"] = False
    try:
        linker.set_annotations([doc], ["Q3"])
    finally:
        linker.cfg["overwrite"] = True
    assert doc[0].ent_kb_id_ == "MINE"
    linker.set_annotations([doc], ["Q3"])
    assert doc[0].ent_kb_id_ == "Q3"


def test_empty_kb_raises_on_initialize():
    nlp = make_nlp()
    with pytest.raises(PipelineError, match="empty"):
        nlp.initialize(lambda: make_examples(nlp))


def test_registered_names_and_default_model():
    for name in ("spacy.KBFromFile.v1", "spacy.EmptyKB.v2", "spacy.EmptyKB.v1",
                 "spacy.CandidateGenerator.v1", "spacy.CandidateBatchGenerator.v1"):
        assert name in registry.misc
    assert "spacy.EntityLinker.v2" in registry.architectures
    assert "spacy.entity_linker_scorer.v1" in registry.scorers
    linker = make_nlp().get_pipe("entity_linker")
    assert linker.model.attrs["include_span_maker"]
    assert linker.model.get_ref("output_layer").name == "linear"


def test_kb_from_file_loader(tmp_path):
    nlp = lexloom.blank("en")
    build_kb(nlp.vocab).to_disk(tmp_path / "kb")
    loader = registry.misc.get("spacy.KBFromFile.v1")(tmp_path / "kb")
    kb = loader(lexloom.blank("en").vocab)
    assert kb.entity_vector_length == 3 and len(kb) == 3


def test_invalid_settings_raise():
    nlp = lexloom.blank("en")
    with pytest.raises(ValueError):
        nlp.add_pipe("entity_linker", config={"threshold": 1.5})
    with pytest.raises(ValueError):
        nlp.add_pipe("entity_linker", name="el2", config={"candidates_batch_size": 0})


def test_kb_loader_from_the_initialize_block_and_priors_only(tmp_path):
    """[initialize.components.entity_linker] kb_loader = spacy.KBFromFile.v1; without
    context the prior decides."""
    kb = build_kb(lexloom.blank("en").vocab)
    kb.append_alias("Paris", "Q1", 0.0)  # a second candidate, so the scores are used
    kb.to_disk(tmp_path / "kb")
    nlp = make_nlp(incl_context=False, incl_prior=True)
    config = nlp.config
    config["initialize"]["components"]["entity_linker"] = {
        "kb_loader": {"@misc": "spacy.KBFromFile.v1", "kb_path": str(tmp_path / "kb")}}
    nlp.config = config
    nlp.initialize(lambda: make_examples(nlp))
    nlp.get_pipe("entity_ruler").add_patterns(PATTERNS)
    assert len(nlp.get_pipe("entity_linker").kb) == 3
    assert links(nlp("Paris is a big city.")) == [("Paris", "Q3")]


def test_tied_candidates_are_picked_after_spacys_random_shuffle():
    """As spaCy: an entity with several candidates shuffles them with Python's `random`
    before the argmax, so equal scores go to a random candidate and a seeded run's later
    random draws stay spaCy's. Links and the next draw are spaCy 3.8's from this seed."""
    import random

    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": "Emerson"}])
    linker = nlp.add_pipe("entity_linker", config={"incl_context": False})

    def create_kb(vocab):
        kb = InMemoryLookupKB(vocab=vocab, entity_vector_length=3)
        for qid, vector in [("Q312545", [1, 0, 0]), ("Q48226", [0, 1, 0]),
                            ("Q215952", [0, 0, 1])]:
            kb.add_entity(entity=qid, entity_vector=vector, freq=342)
        kb.add_alias(alias="Emerson", entities=["Q312545", "Q48226", "Q215952"],
                     probabilities=[0.3, 0.3, 0.3])
        return kb

    with nlp.select_pipes(disable=["entity_linker"]):
        predicted = nlp("Emerson won.")
    reference = nlp.make_doc("Emerson won.")
    reference.ents = [reference.char_span(0, 7, label="PERSON", kb_id="Q48226")]
    linker.initialize(lambda: [Example(predicted, reference)], nlp=nlp, kb_loader=create_kb)
    fix_random_seed(0)
    links = [nlp(f"Emerson played game {i}.").ents[0].kb_id_ for i in range(8)]
    assert links == ["Q312545", "Q215952", "Q312545", "Q312545", "Q312545", "Q48226",
                     "Q48226", "Q215952"]
    assert round(random.random(), 6) == 0.755804
