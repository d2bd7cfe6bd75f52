"""TransformerListener.v1: pooling, training through listeners (gradients of all listeners
summed into one backward pass), replace_listeners, listener checks, and the spec's
transformer + ner config trained with `lexloom train`."""
from __future__ import annotations

import textwrap

import numpy
import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

import lexloom  # noqa: E402
from lexloom.errors import TransformerError  # noqa: E402
from lexloom.tokens import Doc, DocBin  # noqa: E402
from lexloom.training.example import Example  # noqa: E402

from _trf import make_tiny_bert  # noqa: E402


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return make_tiny_bert(tmp_path_factory.mktemp("tiny-bert"))


def listener(pooling="reduce_mean.v1", grad_factor=1.0, upstream="*"):
    return {"@architectures": "spacy-transformers.TransformerListener.v1",
            "grad_factor": grad_factor, "upstream": upstream,
            "pooling": {"@layers": pooling}}


def tagger_nlp(tiny, *taggers, get_spans=None):
    """transformer + one tagger per (name, listener config)."""
    nlp = lexloom.blank("en")
    nlp.add_pipe("transformer", config={"model": {
        "name": str(tiny),
        "get_spans": get_spans or {"@span_getters": "spacy-transformers.doc_spans.v1"}}})
    for name, config in taggers:
        nlp.add_pipe("tagger", name=name, config={"model": {"tok2vec": config}})
    return nlp


TRAIN = [("the cat sat on the mat .", "D N V P D N ."),
         ("a dog runs .", "D N V ."),
         ("the dogs sit on a mat", "D N V P D N")]


def adam():
    """Adam without weight decay: a zero gradient leaves a weight exactly as it was."""
    from thinc.api import Adam

    return Adam(0.005, L2=0.0)


def examples(nlp):
    return [Example.from_dict(nlp.make_doc(text), {"tags": tags.split()})
            for text, tags in TRAIN]


def transformer_weights(nlp):
    hf = nlp.get_pipe("transformer").model.layers[0].shims[0]._model
    return {k: v.detach().clone() for k, v in hf.state_dict().items()}


def changed(before, after):
    return any(not bool((before[k] == after[k]).all()) for k in before)


@pytest.mark.parametrize("pooling", ["reduce_mean.v1", "reduce_max.v1", "reduce_sum.v1",
                                     "reduce_first.v1", "reduce_last.v1"])
def test_every_pooling_gives_one_row_per_token(tiny, pooling):
    nlp = tagger_nlp(tiny, ("tagger", listener(pooling)))
    egs = examples(nlp)
    optimizer = nlp.initialize(lambda: egs)
    nlp.update(egs, sgd=optimizer)
    doc = nlp("the cats  sat")     # "cats": two pieces, "  ": a whitespace token
    tok2vec = nlp.get_pipe("tagger").model.get_ref("tok2vec")
    vectors = tok2vec.predict([doc])[0]
    assert vectors.shape == (len(doc), 16)
    assert not vectors[2].any() and vectors[0].any()
    data = doc._.trf_data
    state = data.tensors[0].reshape(-1, 16)
    rows = data.align.dataXd.tolist()[1:3]      # the two pieces of "cats"
    expected = {"reduce_mean.v1": state[rows].mean(0), "reduce_max.v1": state[rows].max(0),
                "reduce_sum.v1": state[rows].sum(0), "reduce_first.v1": state[rows[0]],
                "reduce_last.v1": state[rows[1]]}[pooling]
    numpy.testing.assert_allclose(vectors[1], expected, rtol=1e-5, atol=1e-6)


def test_training_through_two_listeners_fine_tunes_the_transformer(tiny):
    nlp = tagger_nlp(tiny, ("tagger", listener()), ("tagger2", listener()))
    egs = examples(nlp)
    nlp.initialize(lambda: egs)
    optimizer = adam()
    trf = nlp.get_pipe("transformer")
    assert trf.listening_components == ["tagger", "tagger2"]
    backward_calls = []
    original = trf.model.layers[0].shims[0].begin_update

    def counting(inputs):
        output, backprop = original(inputs)

        def counted(grads):
            backward_calls.append(1)
            return backprop(grads)
        return output, counted

    trf.model.layers[0].shims[0].begin_update = counting
    before = transformer_weights(nlp)
    first = None
    for step in range(25):
        losses = nlp.update(egs, sgd=optimizer)
        first = first if first is not None else losses["tagger"]
    assert len(backward_calls) == 25          # one backward pass per update, not per listener
    assert losses["tagger"] < first * 0.5 and losses["transformer"] > 0
    assert changed(before, transformer_weights(nlp))
    doc = nlp("the dog sat on the mat .")
    assert [t.tag_ for t in doc] == ["D", "N", "V", "P", "D", "N", "."]


def test_grad_factor_zero_leaves_the_transformer_unchanged(tiny):
    nlp = tagger_nlp(tiny, ("tagger", listener(grad_factor=0.0)))
    egs = examples(nlp)
    nlp.initialize(lambda: egs)
    optimizer = adam()
    before = transformer_weights(nlp)
    for _ in range(3):
        nlp.update(egs, sgd=optimizer)
    assert not changed(before, transformer_weights(nlp))


def test_gradients_of_listeners_are_summed(tiny):
    """A listener with grad_factor 0 beside one with 1 changes the transformer exactly as
    the one listener alone does."""
    results = []
    for taggers in ([("tagger", listener())],
                    [("tagger", listener()), ("tagger2", listener(grad_factor=0.0))]):
        nlp = tagger_nlp(tiny, *taggers)
        egs = examples(nlp)
        nlp.initialize(lambda: egs)
        nlp.update(egs, sgd=adam())
        results.append(transformer_weights(nlp))
    for key in results[0]:
        numpy.testing.assert_allclose(results[0][key].numpy(), results[1][key].numpy(),
                                      atol=1e-6)


def test_replace_listeners_moves_a_copy_of_the_transformer_into_the_component(tiny,
                                                                             tmp_path):
    nlp = tagger_nlp(tiny, ("tagger", listener("reduce_max.v1")))
    egs = examples(nlp)
    optimizer = nlp.initialize(lambda: egs)
    for _ in range(10):
        nlp.update(egs, sgd=optimizer)
    text = "the dog sat on the mat ."
    tags = [t.tag_ for t in nlp(text)]
    nlp.replace_listeners("transformer", "tagger", ["model.tok2vec"])
    assert nlp.get_pipe("transformer").listening_components == []
    cfg = nlp.config["components"]["tagger"]["model"]["tok2vec"]
    assert cfg["pooling"] == {"@layers": "reduce_max.v1"}
    assert [t.tag_ for t in nlp(text)] == tags
    nlp.remove_pipe("transformer")                 # the tagger now stands alone
    assert [t.tag_ for t in nlp(text)] == tags
    nlp.to_disk(tmp_path / "alone")
    loaded = lexloom.load(tmp_path / "alone")
    assert loaded.pipe_names == ["tagger"]
    assert [t.tag_ for t in loaded(text)] == tags
    for _ in range(2):                             # and it still trains
        nlp.update(egs, sgd=optimizer)


def test_listener_without_a_transformer_is_allowed_as_in_spacy():
    nlp = lexloom.blank("en")
    nlp.add_pipe("tagger", config={"model": {"tok2vec": listener()}})
    assert nlp.pipe_names == ["tagger"]


def test_listener_for_a_named_upstream_after_it_is_fed_once_the_order_is_right(tiny):
    nlp = lexloom.blank("en")
    nlp.add_pipe("tagger", config={"model": {"tok2vec": listener(upstream="trf")}})
    trf = nlp.add_pipe("transformer", name="trf", first=True,
                       config={"model": {"name": str(tiny)}})
    assert nlp.pipe_names == ["trf", "tagger"]
    assert "tagger" in trf.listening_components


def test_disabling_the_transformer_is_allowed_and_undone(tiny):
    nlp = tagger_nlp(tiny, ("tagger", listener()))
    nlp.disable_pipe("transformer")
    assert nlp.pipe_names == ["tagger"]
    nlp.enable_pipe("transformer")
    assert nlp.pipe_names == ["transformer", "tagger"]
    assert "tagger" in nlp.get_pipe("transformer").listening_components


def test_listener_width_mismatch_is_a_clear_error(tiny):
    nlp = tagger_nlp(tiny, ("tagger", listener()))
    nlp.get_pipe("tagger").model.get_ref("tok2vec").get_ref("listener").set_dim("nO", 8)
    egs = examples(nlp)
    with pytest.raises(TransformerError, match="width 8.*width 16"):
        nlp.initialize(lambda: egs)


def test_listener_and_transformer_batch_differently_at_inference(tiny):
    nlp = tagger_nlp(tiny, ("tagger", listener()))
    egs = examples(nlp)
    optimizer = nlp.initialize(lambda: egs)
    for _ in range(15):
        nlp.update(egs, sgd=optimizer)
    texts = [text for text, _ in TRAIN] * 3
    one = [[t.tag_ for t in doc] for doc in nlp.pipe(texts, batch_size=1)]
    many = [[t.tag_ for t in doc] for doc in nlp.pipe(texts, batch_size=64)]
    assert one == many


# ---- the spec's config, trained with `lexloom train` --------------------------------------

SPEC_CONFIG = """
[paths]
train = null
dev = null

[nlp]
lang = "en"
pipeline = ["transformer", "ner"]

[components]

[components.transformer]
factory = "transformer"
max_batch_items = 4096

[components.transformer.model]
@architectures = "spacy-transformers.TransformerModel.v3"
name = "bert-base-cased"
tokenizer_config = {"use_fast": true}

[components.transformer.model.get_spans]
@span_getters = "spacy-transformers.doc_spans.v1"

[components.transformer.set_extra_annotations]
@annotation_setters = "spacy-transformers.null_annotation_setter.v1"

[components.ner]
factory = "ner"

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v1"
state_type = "ner"
extra_state_tokens = false
hidden_width = 128
maxout_pieces = 3
use_upper = false

[components.ner.model.tok2vec]
@architectures = "spacy-transformers.TransformerListener.v1"
grad_factor = 1.0

[components.ner.model.tok2vec.pooling]
@layers = "reduce_mean.v1"

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${paths.train}

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${paths.dev}

[training]
dropout = 0.1
patience = 0
max_steps = 40
eval_frequency = 20

[training.batcher]
@batchers = "spacy.batch_by_padded.v1"
size = 2000
buffer = 256
discard_oversize = false

[training.optimizer]
@optimizers = "Adam.v1"
learn_rate = 0.005
"""


def ner_docs(vocab, n):
    import random

    rng = random.Random(0)
    people = ["he", "she", "you"]
    places = ["new york city", "apple"]
    docs = []
    for _ in range(n):
        who = rng.choice(people)
        where = rng.choice(places)
        words = [who, "lives", "in"] + where.split() + ["."]
        ents = ["O", "O", "O"] + (["B-GPE", "I-GPE", "L-GPE"] if where == "new york city"
                                  else ["U-ORG"]) + ["O"]
        ents = [e.replace("L-", "I-").replace("U-", "B-") for e in ents]
        docs.append(Doc(vocab, words=words, ents=ents))
    return docs


def test_spec_config_trains_with_lexloom_train_cli(tiny, tmp_path):
    from typer.testing import CliRunner

    from lexloom.cli import app

    vocab = lexloom.blank("en").vocab
    for name, n in (("train", 30), ("dev", 10)):
        db = DocBin()
        for doc in ner_docs(vocab, n):
            db.add(doc)
        db.to_disk(tmp_path / f"{name}.spacy")
    (tmp_path / "config.cfg").write_text(textwrap.dedent(SPEC_CONFIG), encoding="utf-8")
    result = CliRunner().invoke(app, [
        "train", str(tmp_path / "config.cfg"), "--output", str(tmp_path / "out"),
        "--paths.train", str(tmp_path / "train.spacy"),
        "--paths.dev", str(tmp_path / "dev.spacy"),
        "--components.transformer.model.name", str(tiny)])
    assert result.exit_code == 0, result.output
    nlp = lexloom.load(tmp_path / "out" / "model-best")
    assert (tmp_path / "out" / "model-best" / "transformer" / "model").is_file()
    doc = nlp("she lives in new york city .")
    assert [(e.text, e.label_) for e in doc.ents] == [("new york city", "GPE")]


def test_listener_on_a_doc_retokenized_after_the_transformer_raises(tiny):
    nlp = tagger_nlp(tiny, ("tagger", listener()))
    egs = examples(nlp)
    nlp.initialize(lambda: egs)
    doc = nlp.get_pipe("transformer")(nlp.make_doc("the cat sat on the mat"))
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:2])
    with pytest.raises(TransformerError, match="aligns 6 tokens but the Doc has 5"):
        nlp.get_pipe("tagger")(doc)


def test_a_listener_whose_upstream_is_missing_is_a_clear_error(tiny):
    from lexloom.errors import PipelineError

    nlp = tagger_nlp(tiny, ("tagger", listener(upstream="nope")))
    with pytest.raises(PipelineError, match="upstream = 'nope'.*no transformer to read"):
        nlp.initialize(lambda: examples(nlp))
