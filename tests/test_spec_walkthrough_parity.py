"""A walk through the embeddings / transformers / transfer-learning usage page, run under
spaCy 3.8 + spacy-transformers 1.4 and lexloom side by side: the behaviours where lexloom
differed, as spaCy shows them. Listener replacement's error codes, the cloze objective's use
of numpy's random stream (a seeded `pretrain` corrupts the same tokens as spaCy's), the
pretrain progress cadence and --resume-path checks, StaticVectors' error codes. Nothing is
downloaded; spaCy is not needed."""
from __future__ import annotations

import json
import random

import numpy
import pytest

import lexloom
from lexloom.errors import ConfigError, ModelError, PipelineError
from lexloom.training.example import Example

# ---- shared embedding layers: replace_listeners ------------------------------------------

SHARED = {
    "tok2vec": {"model": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 8,
                  "attrs": ["NORM", "PREFIX"], "rows": [50, 50],
                  "include_static_vectors": False},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 8, "depth": 1,
                   "window_size": 1, "maxout_pieces": 2}}},
    "tagger": {"model": {"@architectures": "spacy.Tagger.v2", "tok2vec": {
        "@architectures": "spacy.Tok2VecListener.v1", "width": 8, "upstream": "*"}}},
}


@pytest.fixture(scope="module")
def shared_nlp():
    nlp = lexloom.blank("en")
    nlp.add_pipe("tok2vec", config=SHARED["tok2vec"])
    nlp.add_pipe("tagger", config=SHARED["tagger"])
    nlp.add_pipe("sentencizer")
    doc = nlp.make_doc("the cat sat")
    nlp.initialize(lambda: [Example.from_dict(doc, {"tags": ["D", "N", "V"]})])
    return nlp


@pytest.mark.parametrize("tok2vec_name,pipe_name", [("nope", "tagger"), ("tok2vec", "nope")])
def test_replace_listeners_unknown_component_is_E889_value_error(shared_nlp, tok2vec_name,
                                                                 pipe_name):
    """spaCy checks both names against the pipeline first: E889, a ValueError (not the
    KeyError E001 of get_pipe)."""
    with pytest.raises(ValueError, match=r"\[E889\]") as info:
        shared_nlp.replace_listeners(tok2vec_name, pipe_name, ["model.tok2vec"])
    assert not isinstance(info.value, KeyError)
    assert "nope" in str(info.value)


def test_replace_listeners_codes_for_bad_upstream_paths_and_counts(shared_nlp):
    with pytest.raises(PipelineError, match=r"\[E888\]"):   # not a tok2vec/transformer
        shared_nlp.replace_listeners("sentencizer", "tagger", ["model.tok2vec"])
    with pytest.raises(PipelineError, match=r"\[E886\]"):   # the path isn't in the config
        shared_nlp.replace_listeners("tok2vec", "tagger", ["model.tok2vec_x"])
    with pytest.raises(PipelineError, match=r"\[E887\]"):   # one listener, two paths
        shared_nlp.replace_listeners("tok2vec", "tagger", ["model.tok2vec", "model.x"])
    shared_nlp.replace_listeners("tok2vec", "tagger", [])   # an empty list: nothing to do
    assert shared_nlp.get_pipe("tok2vec").listening_components == ["tagger"]


def test_replace_listener_callback_with_two_parameters_is_E1055():
    nlp = lexloom.blank("en")
    nlp.add_pipe("tok2vec", config=SHARED["tok2vec"])
    nlp.add_pipe("tagger", config=SHARED["tagger"])
    doc = nlp.make_doc("the cat sat")
    nlp.initialize(lambda: [Example.from_dict(doc, {"tags": ["D", "N", "V"]})])
    nlp.get_pipe("tok2vec").model.attrs["replace_listener"] = lambda model, listener: model
    with pytest.raises(PipelineError, match=r"\[E1055\]"):
        nlp.replace_listeners("tok2vec", "tagger", ["model.tok2vec"])


# ---- pretraining: the cloze objective's random stream ------------------------------------


def spacy_style_mask(n_tokens, words, probs, mask_prob=0.15):
    """spaCy's _apply_mask / _replace_word / _RandomWords, as their code reads: one uniform
    per token, then per corrupted token one roll, and a word from a cache of 10,000
    numpy.random.choice draws (refilled when empty, popped from the end)."""
    cache: list = []
    keep = numpy.random.uniform(0.0, 1.0, (n_tokens,)) >= mask_prob
    out = []
    for k in range(n_tokens):
        if keep[k]:
            out.append(None)
            continue
        roll = numpy.random.random()
        if roll < 0.8:
            out.append("[MASK]")
        elif roll < 0.9:
            if not cache:
                cache.extend(numpy.random.choice(len(words), 10000, p=probs))
            out.append(words[cache.pop()])
        else:
            out.append(None)
    return keep, out


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_apply_mask_reads_the_random_stream_as_spacy_does(seed):
    from lexloom.ml.models.multi_task import RandomWords, apply_mask

    nlp = lexloom.blank("en")
    rng = random.Random(seed)
    vocab_words = [f"w{i}" for i in range(40)]
    docs = [nlp.make_doc(" ".join(rng.choice(vocab_words) for _ in range(rng.randint(1, 30))))
            for _ in range(400)]
    random_words = RandomWords(nlp.vocab)
    lexemes = [lex for lex in nlp.vocab if lex.prob != 0.0][:10000]
    words = [lex.text for lex in lexemes]
    probs = numpy.exp(numpy.asarray([lex.prob for lex in lexemes], dtype="f"))
    probs /= probs.sum()
    n_tokens = sum(len(doc) for doc in docs)
    numpy.random.seed(seed)
    keep, masked = apply_mask(docs, random_words)
    after = numpy.random.get_state()
    numpy.random.seed(seed)
    ref_keep, ref_out = spacy_style_mask(n_tokens, words, probs)
    ref_after = numpy.random.get_state()
    assert (keep == ref_keep).all()
    assert (after[1] == ref_after[1]).all() and after[2] == ref_after[2]   # same draws
    got = [t.text for d in masked for t in d]
    original = [t.text for d in docs for t in d]
    for g, r, o in zip(got, ref_out, original):
        if r is None:
            assert g == o            # kept, or rolled >= 0.9
        elif r == "[MASK]":
            assert g == "[MASK]"
        else:
            assert g in words        # a random word (which one depends on vocab order)


def test_apply_mask_random_words_come_from_the_cache_end_first():
    from lexloom.ml.models.multi_task import RandomWords

    nlp = lexloom.blank("en")
    nlp.make_doc("alpha beta gamma delta")
    words = RandomWords(nlp.vocab)
    numpy.random.seed(3)
    first = [words.next() for _ in range(5)]
    numpy.random.seed(3)
    picks = numpy.random.choice(len(words.orths), 10000, p=words.probs)
    assert first == [int(words.orths[i]) for i in picks[::-1][:5]]
    assert words.cached == 10000 - 5


# ---- pretraining: the command's cadence and --resume-path checks -------------------------

PRETRAIN_CONFIG = """
[paths]
raw_text = null

[nlp]
lang = "en"
pipeline = ["tok2vec"]

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 8
attrs = ["NORM", "PREFIX"]
rows = [50, 50]
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 8
depth = 1
window_size = 1
maxout_pieces = 2

[corpora]

[corpora.pretrain]
@readers = "spacy.JsonlCorpus.v1"
path = ${paths.raw_text}
min_length = 1
max_length = 500

[training]

[pretraining]
max_epochs = 1
dropout = 0.0
n_save_every = null
n_save_epoch = null
component = "tok2vec"
layer = ""
corpus = "corpora.pretrain"

[pretraining.batcher]
@batchers = "spacy.batch_by_words.v1"
size = 3000
discard_oversize = false
tolerance = 0.2
get_length = null

[pretraining.objective]
@architectures = "spacy.PretrainCharacters.v1"
maxout_pieces = 2
hidden_size = 8
n_characters = 2

[pretraining.optimizer]
@optimizers = "Adam.v1"
"""


@pytest.fixture()
def pretrain_project(tmp_path):
    lines = [json.dumps({"text": "the cat sat on the mat ."}) for _ in range(6)]
    (tmp_path / "text.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "config.cfg").write_text(PRETRAIN_CONFIG, encoding="utf-8")
    return tmp_path


def test_pretrain_prints_progress_every_10000_words_as_spacy(pretrain_project, monkeypatch):
    """spaCy's pretrain makes its ProgressTracker with frequency=10000 (the class default,
    1,000,000, is not what the command uses)."""
    import lexloom.training.pretrain as pt

    made = []

    class Recording(pt.ProgressTracker):
        def __init__(self, frequency=1_000_000):
            made.append(frequency)
            super().__init__(frequency=frequency)

    monkeypatch.setattr(pt, "ProgressTracker", Recording)
    from lexloom.util import load_config

    config = load_config(pretrain_project / "config.cfg",
                         overrides={"paths.raw_text": str(pretrain_project / "text.jsonl")})
    pt.pretrain(config, pretrain_project / "out")
    assert made == [10000]


def test_pretrain_renamed_resume_file_needs_epoch_resume_before_anything_is_written(
        pretrain_project):
    from lexloom.training.pretrain import pretrain, pretrain_from_config
    from lexloom.util import load_config

    overrides = {"paths.raw_text": str(pretrain_project / "text.jsonl")}
    config = load_config(pretrain_project / "config.cfg", overrides=overrides)
    pretrain(config, pretrain_project / "first")
    renamed = pretrain_project / "weights.bin"
    renamed.write_bytes((pretrain_project / "first" / "model0.bin").read_bytes())
    out = pretrain_project / "second"
    with pytest.raises(ConfigError, match="--epoch-resume setting"):
        pretrain_from_config(pretrain_project / "config.cfg", out, resume_path=renamed,
                             overrides=overrides)
    assert not out.exists()   # spaCy's CLI checks before it makes the output directory
    with pytest.raises(ConfigError, match="greater or equal to 0"):
        pretrain_from_config(pretrain_project / "config.cfg", out, resume_path=renamed,
                             epoch_resume=-1, overrides=overrides)
    with pytest.raises(ValueError, match=r"\[E1020\]"):   # the Python function: E1020
        pretrain(load_config(pretrain_project / "config.cfg", overrides=overrides),
                 pretrain_project / "third", resume_path=renamed)


# ---- static vectors ----------------------------------------------------------------------


def test_static_vectors_dimension_and_table_error_codes():
    from lexloom.ml.staticvectors import StaticVectors

    nlp = lexloom.blank("en")
    nlp.vocab.set_vector("cat", numpy.ones((4,), dtype="f"))
    docs = [nlp("the cat")]
    with pytest.raises(ModelError, match=r"\[E904\]"):     # nO unset
        StaticVectors().initialize(X=docs)
    with pytest.raises(ModelError, match=r"\[E905\]"):     # nM unset and no Docs to read it
        StaticVectors(nO=4).initialize()
    with pytest.raises(ValueError, match=r"\[E896\]"):     # no vectors table to use
        StaticVectors(nO=4).initialize(X=[lexloom.blank("en")("a b")])
    model = StaticVectors(nO=3)
    model.initialize(X=docs)
    assert model.get_dim("nM") == 4 and model.predict(docs).dataXd.shape == (2, 3)


# ---- transformers: doc._.trf_data and the spacy_transformers module ----------------------


def test_spacy_transformers_names_are_listed_by_dir():
    import lexloom.transformers as spacy_transformers

    names = dir(spacy_transformers)
    for name in ("Transformer", "TransformerModel", "TransformerData", "FullTransformerBatch",
                 "registry", "span_getters", "annotation_setters"):
        assert name in names


def test_trf_data_attention_mask_is_float32_as_spacy_transformers(tmp_path):
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from _trf import make_tiny_bert

    bert = make_tiny_bert(tmp_path / "bert")
    nlp = lexloom.blank("en")
    nlp.add_pipe("transformer", config={"model": {
        "name": str(bert), "tokenizer_config": {"use_fast": True},
        "get_spans": {"@span_getters": "spacy-transformers.doc_spans.v1"}}})
    nlp.initialize()
    doc = nlp("hello world , this is a text")
    wordpieces = doc._.trf_data.wordpieces
    assert wordpieces.attention_mask.dtype == numpy.float32   # asarray2f in spaCy's
    assert wordpieces.attention_mask.tolist() == [[1.0] * wordpieces.lengths[0]]
    assert wordpieces.input_ids.dtype.kind == "i"


def test_transformer_update_runs_padding_minimal_sub_batches(tmp_path, monkeypatch):
    """Training cuts the spans into padding-minimal sub-batches as prediction does (not one
    call padded to the longest span, as spacy-transformers makes it): issue 6's speed."""
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    import lexloom.transformers.model as trf_model
    from _trf import make_tiny_bert

    bert = make_tiny_bert(tmp_path / "bert")
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("transformer", config={"model": {
        "name": str(bert),
        "get_spans": {"@span_getters": "spacy-transformers.sent_spans.v1"}}})
    nlp.add_pipe("tagger", config={"model": {
        "@architectures": "spacy.Tagger.v2",
        "tok2vec": {"@architectures": "spacy-transformers.TransformerListener.v1",
                    "grad_factor": 1.0, "pooling": {"@layers": "reduce_mean.v1"}}}})
    doc = nlp.make_doc("hello world . this is a text about the new city . a cat sat .")
    for i, token in enumerate(doc):
        token.is_sent_start = i in (0, 3, 11)
    gold = doc.copy()
    for token in gold:
        token.tag_ = "X" if token.text == "." else "W"
    example = Example(doc, gold)
    nlp.initialize(lambda: [example])
    calls = []
    real = trf_model.sub_batches
    monkeypatch.setattr(trf_model, "sub_batches",
                        lambda *a, **k: calls.append(sorted(a[0])) or real(*a, **k))
    losses = nlp.update([example], losses={})
    assert losses["tagger"] > 0
    assert calls == [[5, 7, 14]]   # the three sentences' wordpiece counts, one sub-batching
