"""spaCy's alternative text-classifier model configs (single_label_* / multi_label_*) and the
legacy entity linker (spacy.EntityLinker.v1 networks -> pipeline.legacy.EntityLinker_v1),
which spaCy's own tests import."""
import numpy
import pytest
from thinc.api import Config, fix_random_seed

import lexloom
from lexloom.kb import InMemoryLookupKB
from lexloom.pipeline import EntityLinker
from lexloom.pipeline.legacy import EntityLinker_v1
from lexloom.pipeline.textcat import (single_label_bow_config, single_label_cnn_config,
                                      single_label_default_config)
from lexloom.pipeline.textcat_multilabel import (multi_label_bow_config,
                                                 multi_label_cnn_config,
                                                 multi_label_default_config)
from lexloom.registry import registry
from lexloom.training import Example

SINGLE = [("I'm so happy.", {"POS": 1.0, "NEG": 0.0}), ("I'm so angry", {"POS": 0.0, "NEG": 1.0})]
MULTI = [("angry and confused", {"ANGRY": 1.0, "CONFUSED": 1.0, "HAPPY": 0.0}),
         ("confused but happy", {"ANGRY": 0.0, "CONFUSED": 1.0, "HAPPY": 1.0})]


@pytest.mark.parametrize("name,cfg,exclusive", [
    ("textcat", single_label_default_config, True),
    ("textcat", single_label_bow_config, True),
    ("textcat", single_label_cnn_config, True),
    ("textcat_multilabel", multi_label_default_config, False),
    ("textcat_multilabel", multi_label_bow_config, False),
    ("textcat_multilabel", multi_label_cnn_config, False),
])
def test_textcat_model_configs_train_and_predict(name, cfg, exclusive):
    model = Config().from_str(cfg)["model"]
    if "exclusive_classes" in model:
        assert model["exclusive_classes"] is exclusive
    else:  # the ensemble: its linear part says it
        assert model["linear_model"]["exclusive_classes"] is exclusive
    fix_random_seed(0)
    nlp = lexloom.blank("en")
    textcat = nlp.add_pipe(name, config={"model": model})
    data = SINGLE if exclusive else MULTI
    examples = [Example.from_dict(nlp.make_doc(t), {"cats": c}) for t, c in data]
    optimizer = nlp.initialize(lambda: examples)
    losses = {}
    for _ in range(5):
        nlp.update(examples, sgd=optimizer, losses=losses)
    assert losses[name] > 0
    cats = nlp(data[0][0]).cats
    assert set(cats) == set(textcat.labels) == set(data[0][1])
    if exclusive:
        assert sum(cats.values()) == pytest.approx(1.0, abs=1e-4)
    assert all(0.0 <= v <= 1.0 for v in cats.values())


def test_default_textcat_model_is_the_default_config():
    nlp = lexloom.blank("en")
    nlp.add_pipe("textcat")
    arch = nlp.config["components"]["textcat"]["model"]["@architectures"]
    assert arch == Config().from_str(single_label_default_config)["model"]["@architectures"]


# ---- the legacy entity linker -----------------------------------------------------------

TRAIN = [
    ("Douglas wrote a funny book about towels.", (0, 7), "Q1"),
    ("Douglas played football in the park.", (0, 7), "Q2"),
]
TOK2VEC = {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None,
           "width": 32, "depth": 1, "embed_size": 300, "window_size": 1,
           "maxout_pieces": 3, "subword_features": True}


def build_kb(vocab):
    kb = InMemoryLookupKB(vocab, entity_vector_length=3)
    kb.add_entity("Q1", 12.0, [1.0, 0.0, 0.0])
    kb.add_entity("Q2", 8.0, [0.0, 1.0, 0.0])
    kb.add_alias("Douglas", ["Q1", "Q2"], [0.5, 0.5])
    return kb


def make_v1_nlp(**config):
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": "Douglas"}])
    linker = nlp.add_pipe("entity_linker", config={
        "model": {"@architectures": "spacy.EntityLinker.v1", "tok2vec": TOK2VEC},
        "incl_prior": False, **config})
    return nlp, linker


def v1_examples(nlp):
    out = []
    for text, (start, end), kb_id in TRAIN:
        doc = nlp.make_doc(text)
        out.append(Example.from_dict(doc, {
            "entities": [(start, end, "PERSON")], "links": {(start, end): {kb_id: 1.0}},
            "sent_starts": [1] + [-1] * (len(doc) - 1)}))
    return out


def test_v1_architecture_is_registered_under_spacys_names():
    for name in ("spacy.EntityLinker.v1", "spacy-legacy.EntityLinker.v1"):
        assert name in registry.architectures


def test_v1_network_gets_the_legacy_component_and_v2_the_current_one():
    _, linker = make_v1_nlp(threshold=0.5)  # threshold is not a v1 setting: ignored
    assert isinstance(linker, EntityLinker_v1) and linker.threshold is None
    nlp = lexloom.blank("en")
    assert type(nlp.add_pipe("entity_linker")) is EntityLinker


def test_v1_linker_learns_to_link_by_context():
    fix_random_seed(0)
    nlp, linker = make_v1_nlp()
    linker.set_kb(build_kb)
    examples = v1_examples(nlp)
    optimizer = nlp.initialize(lambda: examples)
    nlp.get_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": "Douglas"}])
    first = last = None
    for i in range(40):
        losses = {}
        nlp.update(examples, sgd=optimizer, losses=losses)
        first = losses["entity_linker"] if i == 0 else first
        last = losses["entity_linker"]
    assert last < first
    got = [[(e.text, e.kb_id_) for e in nlp(text).ents] for text, _, _ in TRAIN]
    assert got == [[("Douglas", "Q1")], [("Douglas", "Q2")]]
    # one encoding per context doc: the v1 network maps each doc to one row
    encodings = linker.model.predict([nlp.make_doc(t) for t, _, _ in TRAIN])
    assert encodings.shape == (2, 3)
    # it saves and loads with its KB
    nlp2, linker2 = make_v1_nlp()
    linker2.from_bytes(linker.to_bytes())
    assert len(linker2.kb) == 2
    numpy.testing.assert_allclose(linker2.model.predict([nlp2.make_doc(TRAIN[0][0])]),
                                  linker.model.predict([nlp.make_doc(TRAIN[0][0])]),
                                  rtol=1e-5)


def test_v1_update_without_sentences_or_links():
    nlp, linker = make_v1_nlp()
    linker.set_kb(build_kb)
    nlp.initialize(lambda: v1_examples(nlp))
    doc = nlp.make_doc("Douglas is here.")
    no_sents = Example.from_dict(doc, {"entities": [(0, 7, "PERSON")],
                                       "links": {(0, 7): {"Q1": 1.0}}})
    with pytest.raises(ValueError, match="sentence"):
        linker.update([no_sents])
    no_links = Example.from_dict(nlp.make_doc("Douglas is here."),
                                 {"entities": [(0, 7, "PERSON")]})
    with pytest.warns(UserWarning, match="no entities"):
        assert linker.update([no_links]) == {"entity_linker": 0.0}


def test_empty_kb_error_names_spacys_code():
    for nlp, linker in (make_v1_nlp(), (lambda n: (n, n.add_pipe("entity_linker")))(
            lexloom.blank("en"))):
        with pytest.raises(ValueError, match=r"E139.*empty"):
            nlp.initialize()
