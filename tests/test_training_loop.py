"""Training: batchers, corpus readers, the console logger, init_nlp / train, and the `lexloom
train` / `lexloom evaluate` commands end to end on a tiny tagging corpus."""
from __future__ import annotations

import io
import json
import random

import pytest
from typer.testing import CliRunner

import lexloom
from lexloom.cli import app
from lexloom.errors import ConfigError, DocBinError, LexloomError
from lexloom.tokens import Doc, DocBin
from lexloom.training.batchers import (batch_by_padded, batch_by_sequence, batch_by_words,
                                       configure_batch_by_words)
from lexloom.training.corpus import Corpus, JsonlCorpus
from lexloom.vocab import Vocab

runner = CliRunner()

# A toy language where each word has one tag: learnable to 100% within seconds.
LEXICON = {"the": "DT", "a": "DT", "cat": "NN", "dog": "NN", "bird": "NN", "fish": "NN",
           "sees": "VBZ", "likes": "VBZ", "eats": "VBZ", "chases": "VBZ", "big": "JJ",
           "small": "JJ", "red": "JJ", "quickly": "RB", "often": "RB", ".": "."}
DETS, NOUNS, VERBS, ADJS, ADVS = (
    [w for w, t in LEXICON.items() if t == tag] for tag in ("DT", "NN", "VBZ", "JJ", "RB"))


def toy_sentence(rng: random.Random) -> list[str]:
    words = [rng.choice(DETS)] + ([rng.choice(ADJS)] if rng.random() < 0.5 else [])
    words += [rng.choice(NOUNS)] + ([rng.choice(ADVS)] if rng.random() < 0.3 else [])
    words += [rng.choice(VERBS), rng.choice(DETS), rng.choice(NOUNS), "."]
    return words


def toy_docs(vocab, n: int, seed: int = 0, sents_per_doc: int = 1) -> list[Doc]:
    rng = random.Random(seed)
    docs = []
    for _ in range(n):
        words, starts = [], []
        for _ in range(sents_per_doc):
            sent = toy_sentence(rng)
            starts += [True] + [False] * (len(sent) - 1)
            words += sent
        spaces = [i + 1 < len(words) and words[i + 1] != "." for i in range(len(words))]
        doc = Doc(vocab, words=words, spaces=spaces)
        for token, start in zip(doc, starts):
            token.tag_ = LEXICON[token.text]
            token.is_sent_start = start
        docs.append(doc)
    return docs


def write_corpus(path, docs) -> None:
    db = DocBin()
    for doc in docs:
        db.add(doc)
    db.to_disk(path)


# ---- batchers -----------------------------------------------------------------------------


def seqs(lengths):
    return [["w"] * n for n in lengths]


def test_batch_by_sequence_fixed_and_scheduled_sizes():
    items = list(range(10))
    assert list(batch_by_sequence(items, 4)) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    sizes = iter([1, 2, 3, 100])
    assert [len(b) for b in batch_by_sequence(items, sizes)] == [1, 2, 3, 4]


def test_batch_by_words_fills_to_size_with_tolerance():
    batches = list(batch_by_words(seqs([3, 3, 3, 3, 3]), size=6, tolerance=0.0))
    assert [[len(s) for s in b] for b in batches] == [[3, 3], [3, 3], [3]]
    # tolerance 0.5: a third item of 3 fits in the 9-word margin as overflow
    batches = list(batch_by_words(seqs([3, 3, 3, 3]), size=6, tolerance=0.5))
    assert sum(len(b) for b in batches) == 4
    assert max(sum(len(s) for s in b) for b in batches) <= 9


def test_batch_by_words_oversize_alone_or_discarded():
    items = seqs([2, 50, 2])
    assert [[len(s) for s in b] for b in batch_by_words(items, size=10)] == [[50], [2, 2]]
    assert [[len(s) for s in b] for b in batch_by_words(items, size=10,
                                                        discard_oversize=True)] == [[2, 2]]


def test_batch_by_words_keeps_every_item_in_order():
    rng = random.Random(1)
    items = [["w"] * rng.randint(1, 30) + [str(i)] for i in range(300)]
    batches = list(batch_by_words(items, size=100, tolerance=0.2))
    flat = [s for b in batches for s in b]
    assert sorted(flat, key=lambda s: int(s[-1])) == items
    assert all(sum(len(s) for s in b) <= 120 for b in batches if len(b) > 1)


def test_batch_by_words_with_compounding_schedule_from_config():
    from lexloom.registry import registry

    batcher = registry.resolve({"b": {
        "@batchers": "spacy.batch_by_words.v1", "discard_oversize": False, "tolerance": 0.0,
        "get_length": None,
        "size": {"@schedules": "compounding.v1", "start": 2, "stop": 8, "compound": 2.0}}})["b"]
    sizes = [sum(len(s) for s in b) for b in batcher(seqs([1] * 30))]
    assert sizes[:4] == [2, 4, 8, 8]
    # the schedule continues across calls (epochs), as in spaCy
    assert [sum(len(s) for s in b) for b in batcher(seqs([1] * 8))] == [8]


def test_batch_by_words_get_length_and_registered_aliases():
    from lexloom.registry import registry

    assert registry.get("batchers", "lexloom.batch_by_words.v1") is \
        registry.get("batchers", "spacy.batch_by_words.v1")
    batcher = configure_batch_by_words(size=4, tolerance=0.0, discard_oversize=False,
                                       get_length=lambda item: item)
    assert list(batcher([2, 2, 3, 1])) == [[2, 2], [3, 1]]


def test_batch_by_padded_groups_by_length_within_size():
    items = seqs([1, 10, 2, 9, 1, 10])
    batches = list(batch_by_padded(items, size=20, buffer=6))
    assert sorted(len(s) for b in batches for s in b) == sorted(len(s) for s in items)
    for b in batches:
        assert max(len(s) for s in b) * len(b) <= 20 or len(b) == 1
    assert max(len(s) for s in batches[0]) == 10       # longest first
    kept = list(batch_by_padded(seqs([30, 1, 1]), size=20, buffer=3, discard_oversize=True))
    assert [[len(s) for s in b] for b in kept] == [[1, 1]]


def test_batch_size_zero_or_negative_as_spacy():
    # spaCy takes any number: a negative size makes every item oversize, a size of 0 ends
    # batch_by_sequence (util.minibatch) at once, and a negative one there is islice's error
    assert [[len(s) for s in b] for b in batch_by_words(seqs([1, 0]), size=-1)] == [[1], [0]]
    assert list(batch_by_sequence(seqs([1]), size=0)) == []
    with pytest.raises(ValueError):
        list(batch_by_sequence(seqs([1]), size=-1))
    with pytest.raises(ConfigError):
        list(batch_by_words(seqs([1]), size="ten"))


def test_batch_by_words_size_zero_gives_one_item_per_batch():
    # as spaCy's minibatch_by_words: every item with words is oversize, so it comes alone
    assert [[len(s) for s in b] for b in batch_by_words(seqs([2, 1]), size=0)] == [[2], [1]]


# ---- corpus readers ---------------------------------------------------------------------


@pytest.fixture()
def nlp():
    return lexloom.blank("en")


def test_corpus_reads_examples_from_spacy_file(tmp_path, nlp):
    docs = toy_docs(Vocab(), 12)
    write_corpus(tmp_path / "train.spacy", docs)
    examples = list(Corpus(tmp_path / "train.spacy")(nlp))
    assert len(examples) == 12
    assert [eg.reference.text for eg in examples] == [d.text for d in docs]
    assert [t.tag_ for t in examples[0].reference] == [t.tag_ for t in docs[0]]
    # predicted: the pipeline's own tokenization, unannotated
    assert [t.text for t in examples[0].predicted] == [t.text for t in docs[0]]
    assert not examples[0].predicted.has_annotation("TAG")


def test_corpus_limit_and_folder(tmp_path, nlp):
    (tmp_path / "sub").mkdir()
    write_corpus(tmp_path / "a.spacy", toy_docs(Vocab(), 5, seed=1))
    write_corpus(tmp_path / "sub" / "b.spacy", toy_docs(Vocab(), 5, seed=2))
    assert len(list(Corpus(tmp_path)(nlp))) == 10
    assert len(list(Corpus(tmp_path, limit=7)(nlp))) == 7


def test_corpus_max_length_splits_into_sentences(tmp_path, nlp):
    docs = toy_docs(Vocab(), 4, sents_per_doc=3)
    write_corpus(tmp_path / "c.spacy", docs)
    whole = list(Corpus(tmp_path / "c.spacy")(nlp))
    assert len(whole) == 4
    split = list(Corpus(tmp_path / "c.spacy", max_length=15)(nlp))
    assert len(split) == 12
    assert all(len(eg.reference) < 15 for eg in split)
    gold = list(Corpus(tmp_path / "c.spacy", gold_preproc=True)(nlp))
    assert len(gold) == 12


def test_corpus_shuffle_and_augmenter(tmp_path, nlp):
    write_corpus(tmp_path / "c.spacy", toy_docs(Vocab(), 20))

    def twice(nlp, eg):
        yield eg
        yield eg

    assert len(list(Corpus(tmp_path / "c.spacy", augmenter=twice)(nlp))) == 40
    random.seed(3)
    texts = [eg.reference.text for eg in Corpus(tmp_path / "c.spacy", shuffle=True)(nlp)]
    assert sorted(texts) == sorted(eg.reference.text
                                   for eg in Corpus(tmp_path / "c.spacy")(nlp))


def test_corpus_errors_missing_corrupt_and_empty_folder(tmp_path, nlp):
    with pytest.raises(ConfigError, match="doesn't exist"):
        Corpus(tmp_path / "nope.spacy")
    with pytest.raises(ConfigError, match="--paths.train"):
        Corpus(None)
    (tmp_path / "bad.spacy").write_bytes(b"not a docbin")
    with pytest.raises(DocBinError, match="bad.spacy"):
        list(Corpus(tmp_path / "bad.spacy")(nlp))
    (tmp_path / "empty").mkdir()
    with pytest.warns(UserWarning, match="W090"):  # spaCy's warning: no examples, no error
        assert list(Corpus(tmp_path / "empty")(nlp)) == []


def test_corpus_registered_reader_from_config(tmp_path):
    from lexloom.registry import registry

    write_corpus(tmp_path / "c.spacy", toy_docs(Vocab(), 3))
    reader = registry.resolve({"r": {"@readers": "spacy.Corpus.v1",
                                     "path": str(tmp_path / "c.spacy"), "gold_preproc": False,
                                     "max_length": 0, "limit": 2, "augmenter": None}})["r"]
    assert isinstance(reader, Corpus) and reader.limit == 2


def test_jsonl_corpus_raw_text_and_bad_line(tmp_path, nlp):
    path = tmp_path / "raw.jsonl"
    path.write_text('{"text": "One two three."}\n\n{"text": "Four."}\n', encoding="utf-8")
    examples = list(JsonlCorpus(path)(nlp))
    assert [eg.predicted.text for eg in examples] == ["One two three.", "Four."]
    assert len(list(JsonlCorpus(path, min_length=3)(nlp))) == 1
    path.write_text('{"text": "ok"}\n{oops\n', encoding="utf-8")
    with pytest.raises(LexloomError, match="raw.jsonl:2"):
        list(JsonlCorpus(path)(nlp))


# ---- the console logger -------------------------------------------------------------------


def test_console_logger_prints_spacy_table():
    from lexloom.training.loggers import console_logger

    class FakePipe:
        is_trainable = True

    class FakeNLP:
        pipeline = [("tagger", FakePipe())]
        config = {"training": {"max_steps": 100, "eval_frequency": 10,
                               "score_weights": {"tag_acc": 1.0, "pos_acc": None}}}

    out = io.StringIO()
    log_step, finalize = console_logger(progress_bar=False)(FakeNLP(), out, io.StringIO())
    log_step(None)
    log_step({"epoch": 0, "step": 10, "losses": {"tagger": 12.5}, "score": 0.9,
              "other_scores": {"tag_acc": 0.9}})
    finalize()
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["E", "#", "LOSS", "TAGGER", "TAG_ACC", "SCORE"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[2].split() == ["0", "10", "12.50", "90.00", "0.90"]


def test_console_logger_v2_writes_jsonl(tmp_path):
    from lexloom.training.loggers import console_logger_v2

    class FakeNLP:
        pipeline = []
        config = {"training": {"max_steps": 0, "eval_frequency": 1,
                               "score_weights": {"tag_acc": 1.0}}}

    log_file = tmp_path / "logs" / "train.jsonl"
    log_step, finalize = console_logger_v2(console_output=False, output_file=log_file)(
        FakeNLP(), io.StringIO(), io.StringIO())
    log_step({"epoch": 1, "step": 5, "losses": {}, "score": 0.5,
              "other_scores": {"tag_acc": 0.5}})
    finalize()
    record = json.loads(log_file.read_text().splitlines()[0])
    assert record == {"epoch": 1, "step": 5, "losses": {}, "scores": {"tag_acc": 50.0},
                      "score": 0.5}


def test_score_weights_combine_components_and_config():
    from confection import Config

    from lexloom.language import FactoryMeta
    from lexloom.training.initialize import fill_score_weights

    class FakeNLP:
        component_names = ["tagger", "senter"]
        metas = {"tagger": FactoryMeta("tagger", default_score_weights={
                     "tag_acc": 1.0, "pos_acc": 0.0}),
                 "senter": FactoryMeta("senter", default_score_weights={
                     "sents_f": 1.0, "sents_p": 0.0, "sents_r": 0.0})}
        config = Config({"training": {"score_weights": {"sents_p": None}}})

        def get_pipe_meta(self, name):
            return self.metas[name]

    nlp = FakeNLP()
    weights = fill_score_weights(nlp)
    assert weights == {"tag_acc": 0.5, "pos_acc": 0.0, "sents_f": 0.5, "sents_p": None,
                       "sents_r": 0.0}
    assert nlp.config["training"]["score_weights"] == weights


# ---- training end to end ------------------------------------------------------------------

# A minimal trainable tagger (hashed word embeddings + softmax), used until the real
# tok2vec + tagger components exist; loaded with --code like a user's own component.
MINI_TAGGER = '''
import numpy
import srsly
from thinc.api import HashEmbed, Softmax, chain, with_array

from lexloom.language import Language
from lexloom.scorer import Scorer


def doc_ids(docs):
    return [doc.to_array(["LOWER"]).reshape(-1, 1) for doc in docs]


class MiniTagger:
    is_trainable = True

    def __init__(self, vocab, name, width):
        self.vocab, self.name, self.labels = vocab, name, []
        self.model = with_array(chain(HashEmbed(width, 500, column=0), Softmax(nI=width)))

    def __call__(self, doc):
        return next(self.pipe([doc]))

    def pipe(self, docs, batch_size=128):
        for doc in docs:
            if len(doc):
                scores = self.model.predict(doc_ids([doc]))[0]
                for token, i in zip(doc, scores.argmax(axis=1)):
                    token.tag_ = self.labels[int(i)]
            yield doc

    def initialize(self, get_examples, nlp=None):
        self.labels = sorted({t.tag_ for eg in get_examples() for t in eg.reference})
        self.model.layers[0].layers[-1].set_dim("nO", len(self.labels))
        self.model.initialize()

    def update(self, examples, drop=0.0, sgd=None, losses=None):
        losses = {} if losses is None else losses
        losses.setdefault(self.name, 0.0)
        scores, backprop = self.model.begin_update(doc_ids([eg.predicted for eg in examples]))
        d_scores, loss = [], 0.0
        for eg, guess in zip(examples, scores):
            gold = numpy.zeros_like(guess)
            for i, tag in enumerate(eg.get_aligned("TAG", as_string=True)):
                if tag in self.labels:
                    gold[i, self.labels.index(tag)] = 1.0
            d_scores.append(guess - gold)
            loss += float(((guess - gold) ** 2).sum())
        backprop(d_scores)
        losses[self.name] += loss
        return losses

    def finish_update(self, sgd):
        self.model.finish_update(sgd)

    def score(self, examples, **kwargs):
        return Scorer.score_token_attr(examples, "tag")

    def to_disk(self, path, exclude=()):
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "labels.json", self.labels)
        self.model.to_disk(path / "model")

    def from_disk(self, path, exclude=()):
        self.labels = srsly.read_json(path / "labels.json")
        self.model.layers[0].layers[-1].set_dim("nO", len(self.labels))
        self.model.initialize()
        self.model.from_disk(path / "model")
        return self


@Language.factory("test_mini_tagger", default_config={"width": 32},
                  default_score_weights={"tag_acc": 1.0, "pos_acc": None})
def make_mini_tagger(nlp, name, width):
    return MiniTagger(nlp.vocab, name, width)
'''

MINI_CONFIG = """
[paths]
train = null
dev = null

[nlp]
lang = "en"
pipeline = ["mini_tagger"]

[components]

[components.mini_tagger]
factory = "test_mini_tagger"
width = 32

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${paths.train}

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${paths.dev}

[training]
dropout = 0.0
patience = 0
max_steps = 60
eval_frequency = 20

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
size = 200
tolerance = 0.2
discard_oversize = false

[training.optimizer]
@optimizers = "Adam.v1"
learn_rate = 0.02
"""

# The efficiency tagger config `spacy init config -p tagger` writes, shrunk to train fast.
TAGGER_CONFIG = """
[paths]
train = null
dev = null

[nlp]
lang = "en"
pipeline = ["tok2vec", "tagger"]

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 32
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
rows = [500, 200, 200, 100]
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 32
depth = 1
window_size = 1
maxout_pieces = 3

[components.tagger]
factory = "tagger"

[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null

[components.tagger.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = 32
upstream = "*"

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
max_steps = 100
eval_frequency = 25

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
size = 300
tolerance = 0.2
discard_oversize = false

[training.optimizer]
@optimizers = "Adam.v1"
learn_rate = 0.01
"""


@pytest.fixture()
def toy_project(tmp_path):
    write_corpus(tmp_path / "train.spacy", toy_docs(Vocab(), 150, seed=1))
    write_corpus(tmp_path / "dev.spacy", toy_docs(Vocab(), 40, seed=2))
    (tmp_path / "mini_tagger_code.py").write_text(MINI_TAGGER, encoding="utf-8")
    (tmp_path / "mini.cfg").write_text(MINI_CONFIG, encoding="utf-8")
    (tmp_path / "tagger.cfg").write_text(TAGGER_CONFIG, encoding="utf-8")
    return tmp_path


def _train_args(project, config: str, *extra: str) -> list[str]:
    args = ["train", str(project / config), "--output", str(project / "out"),
            "--paths.train", str(project / "train.spacy"),
            "--paths.dev", str(project / "dev.spacy")]
    if config == "mini.cfg":
        args += ["--code", str(project / "mini_tagger_code.py")]
    return args + list(extra)


def _check_trained(project, min_acc: float) -> None:
    for sub in ("model-best", "model-last"):
        assert (project / "out" / sub / "config.cfg").exists()
    assert sorted(p.name for p in (project / "out").iterdir()) == ["model-best", "model-last"]
    nlp = lexloom.load(project / "out" / "model-best")
    doc = nlp("the big dog chases a fish .")
    assert [t.tag_ for t in doc] == ["DT", "JJ", "NN", "VBZ", "DT", "NN", "."]
    meta = json.loads((project / "out" / "model-best" / "meta.json").read_text())
    assert meta["performance"]["tag_acc"] >= min_acc
    result = runner.invoke(app, ["evaluate", str(project / "out" / "model-best"),
                                 str(project / "dev.spacy"), "--output",
                                 str(project / "scores.json")])
    assert result.exit_code == 0, result.output
    assert "TAG" in result.output and "SPEED" in result.output
    scores = json.loads((project / "scores.json").read_text())
    assert scores["tag_acc"] >= min_acc and scores["speed"] > 0
    result = runner.invoke(app, ["evaluate", str(project / "out" / "model-last"),
                                 str(project / "dev.spacy"), "--gold-preproc"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["evaluate", str(project / "out" / "model-last"),
                                 str(project / "missing.spacy")])
    assert result.exit_code == 2 and "data_path" in result.output  # usage error, as spaCy


def test_train_cli_mini_tagger_end_to_end(toy_project):
    result = runner.invoke(app, _train_args(toy_project, "mini.cfg"))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "LOSS MINI_..." in out and "TAG_ACC" in out and "SCORE" in out
    rows = [line.split() for line in out.splitlines()
            if line.split() and line.split()[0].isdigit() and len(line.split()) == 5]
    assert [int(r[1]) for r in rows] == [0, 20, 40, 60]
    assert float(rows[-1][3]) >= 99.0      # dev TAG_ACC, percent
    assert "Saved pipeline to output directory" in out
    _check_trained(toy_project, min_acc=0.99)


def test_train_real_tok2vec_tagger_end_to_end(toy_project):
    from lexloom.language import Language

    if not (Language.has_factory("tok2vec") and Language.has_factory("tagger")):
        pytest.skip("lexloom.pipeline has no tok2vec / tagger components yet")
    result = runner.invoke(app, _train_args(toy_project, "tagger.cfg"))
    assert result.exit_code == 0, result.output
    assert "LOSS TOK2VEC" in result.output and "LOSS TAGGER" in result.output
    _check_trained(toy_project, min_acc=0.95)


def test_train_python_api_with_averages_and_frozen(toy_project):
    from lexloom.training.initialize import init_nlp
    from lexloom.training.loop import train
    from lexloom.util import import_code, load_config

    import_code(toy_project / "mini_tagger_code.py")
    config = load_config(toy_project / "mini.cfg", overrides={
        "paths.train": str(toy_project / "train.spacy"),
        "paths.dev": str(toy_project / "dev.spacy"),
        "training.optimizer.use_averages": True, "training.max_steps": 20,
        "training.accumulate_gradient": 2, "training.max_epochs": 2})
    nlp = init_nlp(config)
    assert nlp.config["training"]["score_weights"] == {"tag_acc": 1.0, "pos_acc": None}
    out = io.StringIO()
    nlp, path = train(nlp, toy_project / "api_out", stdout=out, stderr=io.StringIO())
    assert path == toy_project / "api_out" / "model-last" and path.exists()
    assert "Initial learn rate: 0.02" in out.getvalue()
    # frozen: the weights don't move
    before = nlp.get_pipe("mini_tagger").model.to_bytes()
    config = nlp.config
    config["training"]["frozen_components"] = ["mini_tagger"]
    config["training"]["max_steps"] = 5
    nlp.config = config
    train(nlp, None, stdout=io.StringIO(), stderr=io.StringIO())
    assert nlp.get_pipe("mini_tagger").model.to_bytes() == before


def test_train_streaming_corpus_and_before_update(toy_project):
    from lexloom.registry import registry
    from lexloom.training.initialize import init_nlp
    from lexloom.training.loop import train
    from lexloom.util import import_code, load_config

    seen = []

    @registry.callbacks("test_record_steps.v1")
    def make_recorder():
        def record(nlp, args):
            seen.append((args["epoch"], args["step"]))
        return record

    import_code(toy_project / "mini_tagger_code.py")
    config = load_config(toy_project / "mini.cfg", overrides={
        "paths.train": str(toy_project / "train.spacy"),
        "paths.dev": str(toy_project / "dev.spacy"),
        "training.max_epochs": -1, "training.max_steps": 12,
        "training.before_update": {"@callbacks": "test_record_steps.v1"}})
    nlp = init_nlp(config)
    train(nlp, None, stdout=io.StringIO(), stderr=io.StringIO())
    assert [s for _e, s in seen] == list(range(13))
    assert seen[-1][0] >= 1        # ~5 batches an epoch: streamed more than once


def test_train_missing_paths_train_is_clear_error(toy_project):
    args = ["train", str(toy_project / "mini.cfg"), "--code",
            str(toy_project / "mini_tagger_code.py"),
            "--paths.dev", str(toy_project / "dev.spacy")]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "[corpora.train]" in result.output and "--paths.train" in result.output
    assert "Traceback" not in result.output


def test_train_unknown_override_key_warns_in_plain_blocks_and_fails_in_function_blocks(
        toy_project):
    # spaCy trains with a new setting in [training] or [paths] (and ignores it); lexloom
    # too, warning with the setting it probably meant
    with pytest.warns(UserWarning, match="max_stepz.*Did you mean --training.max_steps"):
        result = runner.invoke(app, _train_args(toy_project, "mini.cfg", "--training.max_stepz",
                                                "5"))
    assert result.exit_code == 0, result.output
    with pytest.warns(UserWarning, match="Did you mean --paths.train"):
        result = runner.invoke(app, _train_args(toy_project, "mini.cfg", "--paths.trian", "x"))
    assert result.exit_code == 0, result.output
    # a function's arguments are fixed: an error, as in spaCy
    result = runner.invoke(app, _train_args(toy_project, "mini.cfg",
                                            "--training.batcher.sizee", "5"))
    assert result.exit_code == 1 and "sizee" in result.output
    # and a block the config doesn't have
    result = runner.invoke(app, _train_args(toy_project, "mini.cfg", "--trainning.seed", "1"))
    assert result.exit_code == 1 and "trainning" in result.output


def test_overrides_may_swap_a_blocks_function_and_give_it_its_own_settings(tmp_path):
    """As spaCy (explosion/projects' textcat_architectures): --training.logger.@loggers swaps
    the logger, --training.logger.log_path is that logger's setting, and the old logger's
    default settings (progress_bar) don't follow it; a setting neither function takes is
    still an error."""
    from lexloom.errors import ConfigError
    from lexloom.registry import registry
    from lexloom.training.initialize import load_training_config

    @registry.loggers("test_log_path_logger.v1")
    def make_logger(log_path: str):
        return log_path

    path = tmp_path / "config.cfg"
    path.write_text('[training]\nseed = 1\n\n[training.logger]\n'
                    '@loggers = "spacy.ConsoleLogger.v1"\n', encoding="utf-8")
    config = load_training_config(path, {"training.logger.@loggers": "test_log_path_logger.v1",
                                         "training.logger.log_path": "x.tsv"})
    assert dict(config["training"]["logger"]) == {"@loggers": "test_log_path_logger.v1",
                                                  "log_path": "x.tsv"}
    kept = load_training_config(path, {"training.logger.progress_bar": True})
    assert dict(kept["training"]["logger"]) == {"@loggers": "spacy.ConsoleLogger.v1",
                                                "progress_bar": True}
    with pytest.raises(ConfigError, match="log_pth"):
        load_training_config(path, {"training.logger.@loggers": "test_log_path_logger.v1",
                                    "training.logger.log_pth": "x.tsv"})


def test_train_empty_corpus_is_clear_error(toy_project):
    write_corpus(toy_project / "empty.spacy", [])
    args = _train_args(toy_project, "mini.cfg")
    args[args.index("--paths.train") + 1] = str(toy_project / "empty.spacy")
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "no examples" in result.output and "empty.spacy" in result.output


def test_init_tok2vec_loads_weights_and_rejects_mismatch(toy_project, capsys):
    from lexloom.training.initialize import init_nlp, init_tok2vec
    from lexloom.util import import_code, load_config

    import_code(toy_project / "mini_tagger_code.py")
    overrides = {"paths.train": str(toy_project / "train.spacy"),
                 "paths.dev": str(toy_project / "dev.spacy")}
    nlp = init_nlp(load_config(toy_project / "mini.cfg", overrides=overrides))
    weights = nlp.get_pipe("mini_tagger").model.to_bytes()
    (toy_project / "model0.bin").write_bytes(weights)
    other = init_nlp(load_config(toy_project / "mini.cfg", overrides={
        **overrides, "training.seed": 7}))
    config = other.config
    config["initialize"]["init_tok2vec"] = str(toy_project / "model0.bin")
    config["pretraining"] = {"component": "mini_tagger", "layer": ""}
    out = io.StringIO()
    assert init_tok2vec(other, config, stdout=out)
    assert "Loaded pretrained tok2vec for: ['mini_tagger']" in out.getvalue()
    assert other.get_pipe("mini_tagger").model.to_bytes() == weights
    wide = init_nlp(load_config(toy_project / "mini.cfg", overrides={
        **overrides, "components.mini_tagger.width": 48}))
    with pytest.raises(LexloomError, match="=48 in the config but 32 in the file"):
        init_tok2vec(wide, config)


def test_evaluate_leaves_the_callers_examples_alone():
    from lexloom.training import Example

    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    eg = Example.from_dict(nlp.make_doc("One. Two."), {"sent_starts": [1, 0, 1, 0]})
    before = eg.predicted
    scores = nlp.evaluate([eg])
    assert scores["sents_f"] == 1.0
    assert eg.predicted is before and not before.has_annotation("SENT_START")


def test_evaluate_runs_the_pipeline_on_the_tokenizers_docs():
    """The scores are those of the Docs the tokenizer made, with what it set on the tokens
    (special-case norms, which models read as features), as in spaCy, which copies the
    predicted Docs: evaluating on fresh Docs rebuilt from the words lost the norms and
    scored a trained pipeline lower than its own nlp.pipe output."""
    from lexloom.language import Language
    from lexloom.training import Example

    @Language.component("norm_as_tag")
    def norm_as_tag(doc):
        for token in doc:
            token.tag_ = token.norm_
        return doc

    nlp = lexloom.blank("en")
    nlp.add_pipe("norm_as_tag")
    text = "We can't go, y'all."
    predicted = nlp.make_doc(text)
    norms = [t.norm_ for t in predicted]
    assert "not" in norms  # the tokenizer's special case for "n't"
    reference = Doc(nlp.vocab, words=[t.text for t in predicted],
                    spaces=[bool(t.whitespace_) for t in predicted], tags=norms)

    class TagScorer:
        def score(self, examples, **_kwargs):
            return lexloom.scorer.Scorer.score_token_attr(examples, "tag")

    scores = nlp.evaluate([Example(predicted, reference)], scorer=TagScorer())
    assert scores["tag_acc"] == 1.0
    assert [t.tag_ for t in predicted] == [""] * len(predicted)  # the caller's Doc untouched


def test_checkpoints_replace_their_folder_whole(tmp_path):
    """A save that fails halfway (a lost worker, Ctrl-C) leaves the previous checkpoint as
    it was, and no temporary folder behind."""
    from lexloom.training.loop import replace_dir

    target = tmp_path / "model-last"
    replace_dir(target, lambda p: (p.mkdir(), (p / "weights").write_text("one")))
    replace_dir(target, lambda p: (p.mkdir(), (p / "weights").write_text("two")))
    assert (target / "weights").read_text() == "two"

    def half_write(p):
        p.mkdir()
        (p / "weights").write_text("thr")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        replace_dir(target, half_write)
    assert (target / "weights").read_text() == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["model-last"]


def test_train_on_an_empty_corpus_says_so(toy_project):
    write_corpus(toy_project / "empty.spacy", [])
    args = ["train", str(toy_project / "tagger.cfg"), "--output", str(toy_project / "out"),
            "--paths.train", str(toy_project / "empty.spacy"),
            "--paths.dev", str(toy_project / "dev.spacy")]
    result = runner.invoke(app, args)
    assert result.exit_code != 0
    assert "has no examples" in result.output and "empty.spacy" in result.output


def test_the_dev_corpus_is_read_at_every_evaluation():
    # as spaCy's loop: a reader that samples anew each time is asked again
    from lexloom.training import Example
    from lexloom.training.loop import create_evaluation_callback

    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    calls = []

    def dev_corpus(nlp):
        calls.append(1)
        doc = nlp.make_doc("Hi there . Bye now .")
        gold = Doc(nlp.vocab, words=[t.text for t in doc],
                   sent_starts=[True, False, False, True, False, False])
        yield Example(doc, gold)

    evaluate = create_evaluation_callback(nlp, dev_corpus, {"sents_f": 1.0})
    assert evaluate()[0] == 1.0 and evaluate()[0] == 1.0
    assert len(calls) == 2
