"""Pretraining: the cloze objectives, the masked copies, `pretrain` / `lexloom pretrain`
(loss goes down, weights and log written, resume, bad input) and loading the weights into a
training run with [initialize] init_tok2vec."""
from __future__ import annotations

import io
import json
import random

import numpy
import pytest
from typer.testing import CliRunner

from lexloom.errors import LexloomWarning
from lexloom.util import load_model_from_config
import lexloom
from lexloom.cli import app
from lexloom.errors import ConfigError, DeserializationError, LexloomError, ModelError
from lexloom.tokens import Doc, DocBin
from lexloom.lang.lex_attrs import LEX_ATTRS
from lexloom.vocab import Vocab

runner = CliRunner()

WORDS = {"DT": ["the", "a", "every", "some"],
         "NN": ["cat", "dog", "bird", "fish", "horse", "mouse", "teacher", "farmer"],
         "VB": ["sees", "likes", "eats", "chases", "follows", "watches"],
         "JJ": ["big", "small", "red", "quiet", "happy"]}


def toy_sentence(rng: random.Random) -> list[str]:
    words = [rng.choice(WORDS["DT"])]
    if rng.random() < 0.5:
        words.append(rng.choice(WORDS["JJ"]))
    words += [rng.choice(WORDS["NN"]), rng.choice(WORDS["VB"]), rng.choice(WORDS["DT"]),
              rng.choice(WORDS["NN"]), "."]
    return words


def write_raw_text(path, n: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    lines = []
    for _ in range(n):
        lines.append(json.dumps({"text": " ".join(toy_sentence(rng))[:-2] + "."}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_tagged(path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    tag_of = {w: t for t, ws in WORDS.items() for w in ws}
    tag_of["."] = "."
    db = DocBin()
    vocab = Vocab()
    for _ in range(n):
        words = toy_sentence(rng)
        doc = Doc(vocab, words=words, spaces=[True] * (len(words) - 2) + [False, False])
        for token in doc:
            token.tag_ = tag_of[token.text]
        db.add(doc)
    db.to_disk(path)


TOK2VEC_BLOCK = """
[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = ${vars.width}
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
rows = [500, 200, 200, 100]
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = ${vars.width}
depth = 1
window_size = 1
maxout_pieces = 3
"""

TRAINING_BLOCKS = """
[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${paths.train}

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${paths.dev}

[corpora.pretrain]
@readers = "lexloom.JsonlCorpus.v1"
path = ${paths.raw_text}
min_length = 1
max_length = 0
limit = 0
on_malformed = "stop"

[training]
seed = 0
dropout = 0.1
patience = 0
max_steps = 20
eval_frequency = 10

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
size = 300
tolerance = 0.2
discard_oversize = false

[training.optimizer]
@optimizers = "Adam.v1"
learn_rate = 0.01

[pretraining]
max_epochs = 4
dropout = 0.1
n_save_every = null
n_save_epoch = null
component = "tok2vec"
layer = ""
corpus = "corpora.pretrain"

[pretraining.batcher]
@batchers = "spacy.batch_by_words.v1"
size = 400
discard_oversize = false
tolerance = 0.2
get_length = null

[pretraining.objective]
@architectures = "spacy.PretrainCharacters.v1"
maxout_pieces = 3
hidden_size = 64
n_characters = 4

[pretraining.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = true
eps = 1e-8
learn_rate = 0.005

[initialize]
init_tok2vec = ${paths.init_tok2vec}
"""

TAGGER_CONFIG = """
[paths]
train = null
dev = null
raw_text = null
init_tok2vec = null

[vars]
width = 32

[nlp]
lang = "en"
pipeline = ["tok2vec", "tagger"]

[components]
""" + TOK2VEC_BLOCK + """
[components.tagger]
factory = "tagger"

[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null

[components.tagger.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${vars.width}
upstream = "*"
""" + TRAINING_BLOCKS

TEXTCAT_CONFIG = """
[paths]
train = null
dev = null
raw_text = null
init_tok2vec = null

[vars]
width = 32

[nlp]
lang = "en"
pipeline = ["textcat"]

[components]

[components.textcat]
factory = "textcat"

[components.textcat.model]
@architectures = "spacy.TextCatCNN.v2"
exclusive_classes = true
nO = null

[components.textcat.model.tok2vec]
@architectures = "spacy.HashEmbedCNN.v2"
width = ${vars.width}
depth = 1
embed_size = 300
window_size = 1
maxout_pieces = 3
subword_features = true
pretrained_vectors = null
""" + TRAINING_BLOCKS.replace('component = "tok2vec"\nlayer = ""',
                              'component = "textcat"\nlayer = "tok2vec"')


@pytest.fixture()
def project(tmp_path):
    write_raw_text(tmp_path / "raw.jsonl", 300)
    write_tagged(tmp_path / "train.spacy", 60, seed=1)
    write_tagged(tmp_path / "dev.spacy", 20, seed=2)
    (tmp_path / "tagger.cfg").write_text(TAGGER_CONFIG, encoding="utf-8")
    (tmp_path / "textcat.cfg").write_text(TEXTCAT_CONFIG, encoding="utf-8")
    return tmp_path


def load(project, name: str = "tagger.cfg", **overrides):
    from lexloom.util import load_config

    base = {"paths.raw_text": str(project / "raw.jsonl"),
            "paths.train": str(project / "train.spacy"),
            "paths.dev": str(project / "dev.spacy")}
    base.update(overrides)
    return load_config(project / name, overrides=base)


def run_pretrain(project, out="pre", name="tagger.cfg", **kwargs):
    from lexloom.training.pretrain import pretrain

    overrides = kwargs.pop("overrides", {})
    return pretrain(load(project, name, **overrides), project / out, **kwargs)


# ---- the objective ----------------------------------------------------------------------


def test_characters_loss_matches_one_hot_squared_error():
    from thinc.api import NumpyOps

    from lexloom.ml.models.multi_task import get_characters_loss

    vocab = Vocab()
    docs = [Doc(vocab, words=["Hi", "héllo"]), Doc(vocab, words=["x"])]
    rng = numpy.random.default_rng(0)
    prediction = rng.normal(size=(3, 256 * 3)).astype("f")
    loss, d_pred = get_characters_loss(NumpyOps(), docs, prediction, nr_char=3)
    target = numpy.zeros_like(prediction)
    # bytes 0, -1, 1 of each word; 255 pads words shorter than three bytes
    for i, word in enumerate(["Hi", "héllo", "x"]):
        data = word.encode("utf8")
        picks = [data[0], data[-1], data[1]] if len(data) >= 3 else \
            ([data[0], data[-1], 255] if len(data) == 2 else [data[0], 255, 255])
        for c, byte in enumerate(picks):
            target[i, c * 256 + byte] = 1.0
    assert loss == pytest.approx(float(((prediction - target) ** 2).sum()), rel=1e-5)
    numpy.testing.assert_allclose(d_pred, (prediction - target) / 3, rtol=1e-5)


def test_mask_docs_replaces_words_keeps_spacing_and_drops_norm():
    from lexloom.ml_ops import mask_docs

    vocab = Vocab(lex_attr_getters=LEX_ATTRS)
    doc = Doc(vocab, words=["Hello", "big", "world", "!"], spaces=[True, True, False, False])
    doc[1].norm_ = "large"
    mask_orth = vocab.strings.add("[MASK]")
    out = mask_docs([doc, doc], numpy.array([0, mask_orth, 0, 0, mask_orth, 0, 0, 0],
                                            dtype="uint64"))
    assert [t.text for t in out[0]] == ["Hello", "[MASK]", "world", "!"]
    assert out[0].text == "Hello [MASK] world!"
    assert [t.text for t in out[1]] == ["[MASK]", "big", "world", "!"]
    assert out[1][1].norm_ == "big"          # a copy carries words, not annotation
    assert out[0][1].norm_ != "large"
    assert [t.text for t in doc] == ["Hello", "big", "world", "!"]   # the input is untouched
    with pytest.raises(ModelError, match="one id per token"):
        mask_docs([doc], numpy.zeros((3,), dtype="uint64"))
    with pytest.raises(ModelError, match="Doc objects"):
        mask_docs(["text"], numpy.zeros((0,), dtype="uint64"))


def test_apply_mask_corrupts_about_fifteen_percent():
    from lexloom.ml.models.multi_task import RandomWords, apply_mask

    nlp = lexloom.blank("en")
    docs = [nlp.make_doc("the cat sees a dog and the bird sees a fish .") for _ in range(300)]
    numpy.random.seed(0)
    keep, masked = apply_mask(docs, RandomWords(nlp.vocab))
    assert keep.shape == (sum(len(d) for d in docs),)
    assert 0.12 < 1.0 - keep.mean() < 0.18
    original = [t.text for d in docs for t in d]
    corrupted = [t.text for d in masked for t in d]
    assert all(a == b for a, b, k in zip(original, corrupted, keep) if k)
    n_mask = sum(1 for c, k in zip(corrupted, keep) if not k and c == "[MASK]")
    assert 0.7 < n_mask / (~keep).sum() < 0.9


def test_objective_settings_are_checked():
    from lexloom.ml.models.multi_task import create_pretrain_characters, create_pretrain_vectors

    with pytest.raises(ConfigError, match="n_characters"):
        create_pretrain_characters(maxout_pieces=3, hidden_size=64, n_characters=0)
    with pytest.raises(ConfigError, match="cosine"):
        create_pretrain_vectors(maxout_pieces=3, hidden_size=64, loss="L1")


def test_registry_names_resolve():
    from lexloom.ml import ensure_registered
    from lexloom.registry import registry

    ensure_registered()
    for name in ("spacy.PretrainCharacters.v1", "lexloom.PretrainCharacters.v1",
                 "spacy.PretrainVectors.v1", "lexloom.PretrainVectors.v1"):
        assert callable(registry.architectures.get(name))


# ---- pretraining runs -------------------------------------------------------------------


def test_pretrain_lowers_loss_and_writes_weights_and_log(project):
    summary = run_pretrain(project)
    losses = summary["batch_losses"]
    assert summary["steps"] == len(losses) >= 8
    first, last = numpy.mean(losses[:2]), numpy.mean(losses[-2:])
    assert last < 0.8 * first, losses
    out = project / "pre"
    for name in ("model0.bin", "model1.bin", "model2.bin", "model3.bin", "model-last.bin"):
        assert (out / name).stat().st_size > 1000
    records = [json.loads(line) for line in (out / "log.jsonl").read_text().splitlines()]
    assert [r["epoch"] for r in records] == [0, 1, 2, 3, 4]
    assert records[-1]["nr_word"] == summary["nr_word"] > 0
    assert set(records[0]) == {"nr_word", "loss", "epoch_loss", "epoch"}


def test_pretrain_reads_a_docbin_corpus(project):
    summary = run_pretrain(project, overrides={
        "pretraining.max_epochs": 1,
        "corpora.pretrain": {"@readers": "spacy.Corpus.v1",
                             "path": str(project / "train.spacy")}})
    n_words = sum(len(doc) for doc in DocBin().from_disk(project / "train.spacy")
                  .get_docs(Vocab()))
    assert summary["nr_word"] == n_words
    assert (project / "pre" / "model0.bin").exists()


def test_a_missing_init_tok2vec_file_is_a_config_validation_error(project):
    """As spaCy: confection's ConfigValidationError (and lexloom's ConfigError), naming the
    setting and what to point it at."""
    from confection import ConfigValidationError

    from lexloom.errors import ConfigError
    from lexloom.training.initialize import init_nlp

    missing = project / "pre" / "nope.bin"
    with pytest.raises(ConfigValidationError, match="init_tok2vec.*no such file") as info:
        init_nlp(load(project, **{"paths.init_tok2vec": str(missing)}), stdout=io.StringIO())
    assert isinstance(info.value, ConfigError)
    assert info.value.errors[0]["loc"] == ["initialize", "init_tok2vec"]


def test_pretrained_weights_load_into_training_run(project):
    from lexloom.training.initialize import init_nlp
    from lexloom.training.loop import train

    run_pretrain(project)
    weights = project / "pre" / "model3.bin"
    out = io.StringIO()
    nlp = init_nlp(load(project, **{"paths.init_tok2vec": str(weights)}), stdout=out)
    import re

    found = re.search(r"Loaded pretrained tok2vec for: \['tok2vec'\] \(loaded (\d+)/(\d+) "
                      r"tensors\)", out.getvalue())
    assert found and found.group(1) == found.group(2) and int(found.group(1)) >= 10
    fresh = nlp.get_pipe("tok2vec").model
    from lexloom.ml import ensure_registered  # noqa: F401  (the model classes)
    import srsly

    saved = srsly.msgpack_loads(weights.read_bytes())
    for node, params in zip(fresh.walk(), saved["params"]):
        for name, value in params.items():
            numpy.testing.assert_array_equal(node.get_param(name), value)
    train(nlp, project / "trained", stdout=io.StringIO(), stderr=io.StringIO())
    assert (project / "trained" / "model-last" / "config.cfg").exists()


def test_init_tok2vec_without_a_pretraining_block_is_not_loaded_but_said(project):
    """spaCy's nlp.initialize loads init_tok2vec only when [pretraining] is filled in (a
    real config sets init_tok2vec with an empty [pretraining]); lexloom trains the same
    model from it, and warns that the weights were left out."""
    from lexloom.training.initialize import init_nlp

    run_pretrain(project)
    weights = project / "pre" / "model3.bin"
    config = load(project, **{"paths.init_tok2vec": str(weights)})
    config["pretraining"] = {}
    out = io.StringIO()
    with pytest.warns(LexloomWarning, match=r"no \[pretraining\] block.*not loaded"):
        nlp = init_nlp(config, stdout=out)
    assert "Loaded pretrained tok2vec" not in out.getvalue()
    plain = init_nlp(load(project), stdout=io.StringIO())  # same seed, no weights at all
    assert (nlp.get_pipe("tok2vec").model.to_bytes()
            == plain.get_pipe("tok2vec").model.to_bytes())


def test_pretrain_layer_inside_textcat(project):
    from lexloom.training.example import Example
    from lexloom.training.initialize import init_tok2vec

    run_pretrain(project, name="textcat.cfg", overrides={"pretraining.max_epochs": 1})
    weights = project / "pre" / "model0.bin"
    config = load(project, "textcat.cfg", **{"paths.init_tok2vec": str(weights)})
    nlp = load_model_from_config(config, auto_fill=True)
    examples = [Example.from_dict(nlp.make_doc(text), {"cats": cats}) for text, cats in
                [("the cat sees a dog .", {"A": 1.0, "B": 0.0}),
                 ("a bird eats the fish .", {"A": 0.0, "B": 1.0})]]
    # nlp.initialize loads [initialize] init_tok2vec itself, as spaCy's does (not only train)
    nlp.initialize(lambda: examples)
    textcat = nlp.get_pipe("textcat")
    assert textcat.model.get_ref("tok2vec").to_bytes() == weights.read_bytes()
    # and init_tok2vec alone loads them into a freshly initialized copy
    fresh = load_model_from_config(load(project, "textcat.cfg"), auto_fill=True)
    fresh.initialize(lambda: examples)
    before = fresh.get_pipe("textcat").model.get_ref("tok2vec").to_bytes()
    out = io.StringIO()
    assert init_tok2vec(fresh, config.interpolate(), stdout=out)
    assert "Loaded pretrained tok2vec for: ['textcat']" in out.getvalue()
    after = fresh.get_pipe("textcat").model.get_ref("tok2vec").to_bytes()
    assert after != before and after == weights.read_bytes()


def test_pretrain_resume_continues_from_the_next_epoch(project):
    from lexloom.training.pretrain import pretrain

    run_pretrain(project, overrides={"pretraining.max_epochs": 2})
    out = io.StringIO()
    summary = pretrain(load(project, **{"pretraining.max_epochs": 4}), project / "pre",
                       resume_path=project / "pre" / "model1.bin", silent=False, stdout=out)
    assert summary["first_epoch"] == 2 and summary["last_epoch"] == 3
    lines = out.getvalue().splitlines()   # spaCy's two lines before the table
    assert "Resume training tok2vec from:" in lines[0] and "model1.bin" in lines[0]
    assert "Resuming from epoch: 2" in lines[1]
    records = [json.loads(line) for line in (project / "pre" / "log.jsonl").read_text()
               .splitlines()]
    assert [r["epoch"] for r in records] == [0, 1, 2, 2, 3, 4]
    # resuming past max_epochs: as spaCy, no epoch runs and model-last.bin is the resumed
    # model (with a warning saying so)
    from lexloom.errors import LexloomWarning

    with pytest.warns(LexloomWarning, match="max_epochs = 4: no epoch is left"):
        summary = pretrain(load(project, **{"pretraining.max_epochs": 4}), project / "past",
                           resume_path=project / "pre" / "model3.bin")
    assert summary["steps"] == 0
    assert (project / "past" / "model-last.bin").read_bytes() == \
        (project / "pre" / "model3.bin").read_bytes()
    renamed = project / "weights.bin"
    renamed.write_bytes((project / "pre" / "model1.bin").read_bytes())
    with pytest.raises(ConfigError, match="--epoch-resume"):
        pretrain(load(project), project / "pre2", resume_path=renamed)
    summary = pretrain(load(project, **{"pretraining.max_epochs": 1}), project / "pre2",
                       resume_path=renamed, epoch_resume=0)
    assert summary["first_epoch"] == 0


def test_resume_from_other_architecture_is_clear_error_and_keeps_files(project):
    from lexloom.training.pretrain import pretrain

    run_pretrain(project, overrides={"pretraining.max_epochs": 1})
    before = {p.name: p.read_bytes() for p in (project / "pre").iterdir()}
    with pytest.raises(ModelError, match="=48 in the config but 32 in the file"):
        pretrain(load(project, **{"vars.width": 48}), project / "pre",
                 resume_path=project / "pre" / "model0.bin")
    with pytest.raises(ModelError, match="different tok2vec architecture"):
        pretrain(load(project, **{"components.tok2vec.model.encode.depth": 2}),
                 project / "pre", resume_path=project / "pre" / "model0.bin")
    with pytest.raises(ModelError, match="nV=300 in the config but 500 in the file"):
        pretrain(load(project, "textcat.cfg"), project / "pre",
                 resume_path=project / "pre" / "model0.bin")
    (project / "junk7.bin").write_bytes(b"not msgpack at all")
    with pytest.raises(LexloomError, match="junk7.bin"):
        pretrain(load(project), project / "pre", resume_path=project / "junk7.bin",
                 epoch_resume=1)
    assert {p.name: p.read_bytes() for p in (project / "pre").iterdir()} == before


def test_init_tok2vec_shape_mismatch_is_error(project):
    from lexloom.training.initialize import init_nlp

    run_pretrain(project, overrides={"pretraining.max_epochs": 1})
    config = load(project, **{"vars.width": 48,
                              "paths.init_tok2vec": str(project / "pre" / "model0.bin")})
    with pytest.raises(ModelError, match="=48 in the config but 32 in the file"):
        init_nlp(config)


# ---- the vectors objective ------------------------------------------------------------------


def write_vectors(path, width: int = 16) -> None:
    """A vectors folder as [initialize] vectors reads it: one vector per toy word, words of
    the same class close together (so a tok2vec can learn to predict them from context)."""
    from lexloom.strings import StringStore
    from lexloom.vectors import Vectors

    rng = numpy.random.default_rng(0)
    keys, rows = [], []
    for cls, words in WORDS.items():
        centre = rng.normal(size=width)
        for word in words:
            keys.append(word)
            rows.append(centre + 0.1 * rng.normal(size=width))
    strings = StringStore()
    for key in keys:
        strings.add(key)
    table = Vectors(strings=strings, data=numpy.asarray(rows, dtype="f"), keys=keys)
    table.to_disk(path / "vocab")


@pytest.mark.parametrize("loss", ["cosine", "L2"])
def test_vectors_objective_lowers_loss(project, loss):
    write_vectors(project / "vectors")
    objective = {"@architectures": "spacy.PretrainVectors.v1", "maxout_pieces": 3,
                 "hidden_size": 64, "loss": loss}
    summary = run_pretrain(project, overrides={
        "pretraining.objective": objective, "initialize.vectors": str(project / "vectors")})
    losses = summary["batch_losses"]
    assert numpy.mean(losses[-3:]) < 0.8 * numpy.mean(losses[:3]), losses
    assert (project / "pre" / "model3.bin").exists()


def test_vectors_objective_cli_with_init_vectors(project):
    rng = numpy.random.default_rng(1)
    lines = []
    for words in WORDS.values():
        centre = rng.normal(size=8)
        for word in words:
            values = centre + 0.1 * rng.normal(size=8)
            lines.append(word + " " + " ".join(f"{v:.4f}" for v in values))
    (project / "vecs.txt").write_text(f"{len(lines)} 8\n" + "\n".join(lines) + "\n",
                                      encoding="utf-8")
    made = runner.invoke(app, ["init", "vectors", "en", str(project / "vecs.txt"),
                               str(project / "vec_pipeline")])
    assert made.exit_code == 0, made.output
    result = runner.invoke(app, [
        "pretrain", str(project / "tagger.cfg"), str(project / "vec-out"),
        "--paths.raw_text", str(project / "raw.jsonl"), "--pretraining.max_epochs", "1",
        "--initialize.vectors", str(project / "vec_pipeline"),
        "--pretraining.objective", '{"@architectures": "spacy.PretrainVectors.v1", '
        '"maxout_pieces": 2, "hidden_size": 32, "loss": "L2"}'])
    assert result.exit_code == 0, result.output
    assert (project / "vec-out" / "model0.bin").exists()


def test_vectors_loss_targets_are_the_static_vectors(project):
    from thinc.api import CosineDistance, NumpyOps

    from lexloom.ml.models.multi_task import get_vectors_loss

    write_vectors(project / "vectors")
    nlp = load_model_from_config(load(project), auto_fill=True)
    nlp.load_vectors(project / "vectors")
    docs = [nlp.make_doc("the cat sees xyzzy")]
    target = numpy.stack([nlp.vocab.vectors[nlp.vocab.strings[w]] if w != "xyzzy"
                          else numpy.zeros(16, dtype="f") for w in ["the", "cat", "sees"]]
                         + [numpy.zeros(16, dtype="f")])
    loss, d_pred = get_vectors_loss(NumpyOps(), docs, target.copy(),
                                distance=CosineDistance(normalize=True, ignore_zeros=True))
    assert loss == pytest.approx(0.0, abs=1e-5)
    assert numpy.abs(d_pred).max() < 1e-5


def test_vectors_objective_without_vectors_is_clear_error(project):
    objective = {"@architectures": "spacy.PretrainVectors.v1", "maxout_pieces": 3,
                 "hidden_size": 64, "loss": "cosine"}
    with pytest.raises(ModelError, match="needs static vectors"):
        run_pretrain(project, overrides={"pretraining.objective": objective})


# ---- the corpus -------------------------------------------------------------------------


def test_jsonl_corpus_reads_tokens_records_and_skips_empty(tmp_path):
    from lexloom.training.corpus import JsonlCorpus

    nlp = lexloom.blank("en")
    path = tmp_path / "raw.jsonl"
    path.write_text('{"tokens": ["New", "York", "!"]}\n{"text": ""}\n{"text": "Hi there."}\n',
                    encoding="utf-8")
    examples = list(JsonlCorpus(path)(nlp))
    assert [[t.text for t in eg.reference] for eg in examples] == \
        [["New", "York", "!"], ["Hi", "there", "."]]


def test_jsonl_corpus_malformed_lines_stop_or_skip(tmp_path, caplog):
    from lexloom.training.corpus import JsonlCorpus

    nlp = lexloom.blank("en")
    path = tmp_path / "raw.jsonl"
    path.write_bytes(b'{"text": "one two"}\n{oops\n["a list"]\n{"tokens": [1, 2]}\n'
                     b'{"title": "no text"}\n{"text": "caf\xe9 latin-1"}\n'
                     b'{"text": "three four"}\n')
    with pytest.raises(DeserializationError, match=r"raw.jsonl:2: not valid JSON"):
        list(JsonlCorpus(path)(nlp))
    reader = JsonlCorpus(path, on_malformed="skip")
    with caplog.at_level("WARNING", logger="lexloom"):
        texts = [eg.reference.text for eg in reader(nlp)]
    assert texts == ["one two", "three four"]
    assert reader.n_skipped == 5
    for line_no in (2, 3, 4, 5, 6):
        assert f"raw.jsonl:{line_no}" in caplog.text
    assert "not UTF-8" in caplog.text
    with pytest.raises(ConfigError, match="on_malformed"):
        JsonlCorpus(path, on_malformed="ignore")


def test_pretrain_stops_at_malformed_line_with_its_number(project):
    with (project / "raw.jsonl").open("a", encoding="utf-8") as file_:
        file_.write('{"text": broken}\n')
    with pytest.raises(DeserializationError, match="raw.jsonl:301"):
        run_pretrain(project, overrides={"pretraining.max_epochs": 1})
    summary = run_pretrain(project, overrides={"pretraining.max_epochs": 1,
                                               "corpora.pretrain.on_malformed": "skip"})
    assert summary["steps"] > 0


def test_zero_save_settings_read_as_spacys_false(project):
    """n_save_every = 0 (explosion/projects' pretraining configs) writes no batch
    checkpoints and n_save_epoch = 0 a model file every epoch, as spaCy reads them; a
    negative value is an error."""
    run_pretrain(project, overrides={"pretraining.n_save_every": 0,
                                     "pretraining.n_save_epoch": 0,
                                     "pretraining.max_epochs": 2})
    out = project / "pre"
    assert sorted(p.name for p in out.glob("*.bin")) == ["model-last.bin", "model0.bin",
                                                          "model1.bin"]
    with pytest.raises(ConfigError, match="n_save_every = -1"):
        run_pretrain(project, out="pre2", overrides={"pretraining.n_save_every": -1})


# ---- configs and the command line ----------------------------------------------------------


def test_pretrain_config_errors(project):
    with pytest.raises(ConfigError, match="max_epoch"):
        run_pretrain(project, overrides={"pretraining.max_epoch": 3})
    with pytest.raises(ConfigError, match="component = 'parser'"):
        run_pretrain(project, overrides={"pretraining.component": "parser"})
    with pytest.raises(ConfigError, match="layer = 'encoder'"):
        run_pretrain(project, overrides={"pretraining.layer": "encoder"})
    with pytest.raises(ConfigError, match="paths.raw_text"):
        run_pretrain(project, overrides={"paths.raw_text": None})


def test_pretrain_cli_end_to_end(project):
    args = ["pretrain", str(project / "tagger.cfg"), str(project / "cli-out"),
            "--paths.raw_text", str(project / "raw.jsonl"), "--pretraining.max_epochs", "2"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Pre-training tok2vec layer - starting at epoch 0" in result.output
    assert "# Words" in result.output and "w/s" in result.output
    assert "Successfully finished pretrain" in result.output
    for name in ("config.cfg", "model0.bin", "model1.bin", "model-last.bin", "log.jsonl"):
        assert (project / "cli-out" / name).exists()
    resumed = runner.invoke(app, args[:5] + ["--pretraining.max_epochs", "3", "--resume-path",
                                             str(project / "cli-out" / "model1.bin")])
    assert resumed.exit_code == 0, resumed.output
    assert "starting at epoch 2" in resumed.output
    bad = runner.invoke(app, args + ["--pretraining.max_epoch", "3"])
    assert bad.exit_code == 1 and "max_epochs" in bad.output and "Traceback" not in bad.output


def test_pretrain_cli_gpu_without_gpu_is_clear_error(project):
    from thinc.util import has_cupy_gpu

    if has_cupy_gpu:
        pytest.skip("a GPU is present: --gpu-id 0 is valid here")
    result = runner.invoke(app, ["pretrain", str(project / "tagger.cfg"), str(project / "g"),
                                 "--paths.raw_text", str(project / "raw.jsonl"),
                                 "--gpu-id", "0"])
    assert result.exit_code == 1 and "--gpu-id 0" in result.output
    assert not (project / "g" / "model0.bin").exists()


def test_init_config_pretraining_block_runs(project):
    result = runner.invoke(app, ["init", "config", str(project / "gen.cfg"), "--pipeline",
                                 "tagger", "--pretraining"])
    assert result.exit_code == 0, result.output
    from lexloom.training.pretrain import pretrain
    from lexloom.util import load_config

    config = load_config(project / "gen.cfg", overrides={
        "paths.raw_text": str(project / "raw.jsonl"), "pretraining.max_epochs": 1,
        "pretraining.batcher.size": 500, "pretraining.objective.hidden_size": 32})
    summary = pretrain(config, project / "gen-out")
    assert summary["steps"] > 0 and (project / "gen-out" / "model0.bin").exists()


def test_progress_rows_come_every_frequency_words_and_at_each_epoch_end():
    """spaCy's cadence (a row per 1,000,000 words, its loss the loss since the last row),
    plus one at each epoch's end so that a small run shows its progress too."""
    from lexloom.training.pretrain import ProgressTracker

    vocab = lexloom.blank("en").vocab
    docs = [Doc(vocab, words=["w"] * 40)]
    tracker = ProgressTracker(frequency=100)
    rows = [tracker.update(0, 2.0, docs) for _ in range(5)]
    assert [r is not None for r in rows] == [False, False, True, False, False]
    assert rows[2][:2] == (0, 120) and float(rows[2][3]) == 6.0
    last = tracker.status(0)
    assert last[:2] == (0, 200) and float(last[3]) == 4.0
    assert tracker.status(0) is None  # nothing since
