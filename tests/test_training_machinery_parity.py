"""Training machinery as spaCy 3.8 behaves (batchers, corpora, loggers, loop callbacks,
iob utils, converters): each expected value was observed running the same call in spaCy."""
from __future__ import annotations

import io
import json

import pytest

import lexloom
from lexloom.tokens import DocBin
from lexloom.training import Example, iob_utils
from lexloom.training.augment import dont_augment
from lexloom.training.batchers import minibatch_by_padded_size, minibatch_by_words
from lexloom.training.corpus import Corpus, JsonlCorpus, PlainTextCorpus
from lexloom.util import registry

SEQS = ["a" * n for n in [3, 1, 7, 2, 9, 4, 4, 1, 15, 2, 6, 3, 8, 0, 5]]


def lengths(batches):
    return [[len(s) for s in b] for b in batches]


def resolve(cfg):
    return registry.resolve({"x": cfg})["x"]


# ---- batchers -------------------------------------------------------------------------

def test_batch_by_words_default_batches():
    assert lengths(minibatch_by_words(SEQS, 10)) == [
        [3, 1], [7, 2], [9], [15], [4, 4, 1], [2, 6], [3], [8, 0], [5]]


@pytest.mark.parametrize("size", [0, -3])
def test_batch_by_words_size_zero_or_negative_puts_every_item_alone(size):
    # spaCy takes any number: every item is then oversize (the empty one too when < 0)
    expected = [[n] for n in [3, 1, 7, 2, 9, 4, 4, 1, 15, 2, 6, 3, 8]]
    got = lengths(minibatch_by_words(SEQS, size))
    assert got[:13] == expected
    assert sorted(map(tuple, got[13:])) == [(0,), (5,)]
    assert lengths(minibatch_by_words(SEQS, -3, discard_oversize=True)) == []


def test_batch_by_padded_size_zero():
    assert lengths(minibatch_by_padded_size(SEQS, 0, buffer=3)) == [
        [7], [3], [1], [9], [4], [2], [15], [4], [1], [6], [3], [2], [8], [5], [0]]
    assert lengths(minibatch_by_padded_size(SEQS, 0, buffer=3, discard_oversize=True)) == []
    assert lengths(minibatch_by_padded_size(SEQS, -4, buffer=4))[:4] == [[7], [3], [2], [1]]


def test_batch_by_padded_buffer_zero_gives_no_batches():
    assert list(minibatch_by_padded_size(SEQS, 10, buffer=0)) == []


def test_batch_by_padded_batches():
    assert lengths(minibatch_by_padded_size(SEQS, 10, buffer=5)) == [
        [9], [7], [3, 1, 2], [15], [4, 4], [1, 2], [8], [6], [5], [3, 0]]


def test_batch_by_sequence_size_zero_gives_no_batches():
    batcher = resolve({"@batchers": "spacy.batch_by_sequence.v1", "size": 0})
    assert list(batcher(SEQS)) == []
    assert list(batcher(SEQS)) == []


def test_batchers_module_names():
    from lexloom.training import batchers

    assert batchers.minibatch is lexloom.util.minibatch
    assert batchers.BatcherT is not None


# ---- iob utils ------------------------------------------------------------------------

@pytest.mark.parametrize("label,expected", [
    ("B-PER", ["B", "PER"]), ("U-A-B", ["U", "A-B"]), ("O", ["O"]), ("PER", ["PER"]),
    ("", [""]), ("B-", ["B", ""])])
def test_split_bilu_label_is_spacys_split(label, expected):
    assert list(iob_utils.split_bilu_label(label)) == expected


def test_training_all_is_spacys():
    import lexloom.training as T

    assert "console_logger" not in T.__all__
    assert callable(T.console_logger)


# ---- corpora --------------------------------------------------------------------------

@pytest.fixture()
def corpus_dir(tmp_path):
    nlp = lexloom.blank("en")
    docs = [nlp.make_doc(t) for t in ["one two three", "four five", "six"]]
    DocBin(docs=docs).to_disk(tmp_path / "train.spacy")
    with open(tmp_path / "text.jsonl", "w", encoding="utf8") as f:
        for t in ["one two three", "a b", "this is a longer text with eight tokens", "Zürich ☃"]:
            f.write(json.dumps({"text": t}) + "\n")
    (tmp_path / "plain.txt").write_text("one two three\n\nfour five\nsix seven eight nine\n",
                                        encoding="utf8")
    return tmp_path


def test_corpus_default_augmenter_is_dont_augment(corpus_dir):
    corpus = Corpus(corpus_dir / "train.spacy")
    assert corpus.augmenter is dont_augment
    assert [corpus.gold_preproc, corpus.max_length, corpus.limit, corpus.shuffle] == \
        [False, 0, 0, False]


@pytest.mark.parametrize("limit,n", [(0, 3), (-1, 3), (1, 1), (2, 2)])
def test_corpus_limit_below_one_is_no_limit(corpus_dir, limit, n):
    nlp = lexloom.blank("en")
    assert len(list(Corpus(corpus_dir / "train.spacy", limit=limit)(nlp))) == n


def test_corpus_file_types_are_spacys():
    assert JsonlCorpus.file_type == "jsonl"
    assert PlainTextCorpus.file_type == "txt"


@pytest.mark.parametrize("kwargs,texts", [
    ({}, ["one two three", "a b", "this is a longer text with eight tokens", "Zürich ☃"]),
    ({"max_length": 3}, ["a b", "Zürich ☃"]),     # max_length excludes itself
    ({"min_length": 3, "max_length": 8}, ["one two three"]),
    ({"min_length": -1, "max_length": -1},
     ["one two three", "a b", "this is a longer text with eight tokens", "Zürich ☃"])])
def test_jsonl_corpus_length_bounds(corpus_dir, kwargs, texts):
    nlp = lexloom.blank("en")
    assert [eg.text for eg in JsonlCorpus(corpus_dir / "text.jsonl", **kwargs)(nlp)] == texts


@pytest.mark.parametrize("kwargs,texts", [
    ({}, ["one two three", "four five", "six seven eight nine"]),
    ({"max_length": 3}, ["one two three", "four five"]),   # PlainText's max_length keeps itself
    ({"min_length": 3}, ["one two three", "six seven eight nine"])])
def test_plain_text_corpus_length_bounds(corpus_dir, kwargs, texts):
    nlp = lexloom.blank("en")
    assert [eg.text for eg in PlainTextCorpus(corpus_dir / "plain.txt", **kwargs)(nlp)] == texts


@pytest.mark.parametrize("reader", ["spacy.Corpus.v1", "spacy.PlainTextCorpus.v1"])
def test_corpus_path_none_is_E913(reader):
    cfg = {"@readers": reader, "path": None}
    if reader == "spacy.Corpus.v1":
        cfg["gold_preproc"] = False
    with pytest.raises(ValueError, match=r"\[E913\]"):
        resolve(cfg)


@pytest.mark.parametrize("reader,path", [
    (Corpus, "empty"), (Corpus, "text.jsonl"), (JsonlCorpus, "empty"),
    (JsonlCorpus, "train.spacy"), (PlainTextCorpus, "text.jsonl")])
def test_corpus_without_files_of_its_type_warns_W090_and_reads_nothing(corpus_dir, reader,
                                                                       path):
    """An empty dev folder (or a file of another type) is spaCy's warning, not an error."""
    (corpus_dir / "empty").mkdir()
    with pytest.warns(UserWarning, match=r"\[W090\]"):
        assert list(reader(corpus_dir / path)(lexloom.blank("en"))) == []


def test_jsonl_record_without_text_is_a_key_error(tmp_path):
    """spaCy looks record["text"] up, so `except KeyError` catches the bad line."""
    (tmp_path / "raw.jsonl").write_text('{"text": "a b"}\n{"other": "x"}\n', encoding="utf8")
    with pytest.raises(KeyError, match="raw.jsonl:2") as info:
        list(JsonlCorpus(tmp_path / "raw.jsonl")(lexloom.blank("en")))
    assert isinstance(info.value, ValueError)  # and lexloom's DeserializationError
    (tmp_path / "raw.jsonl").write_text('{"text": "a b"}\n[1, 2]\n', encoding="utf8")
    with pytest.raises(ValueError, match="raw.jsonl:2") as info:
        list(JsonlCorpus(tmp_path / "raw.jsonl")(lexloom.blank("en")))
    assert not isinstance(info.value, KeyError)


# ---- loggers and loop callbacks -------------------------------------------------------

def _logger_nlp():
    nlp = lexloom.blank("en")
    nlp.add_pipe("tagger")
    nlp.config["training"]["score_weights"] = {"tag_acc": 1.0}
    return nlp


def test_console_logger_bad_progress_bar_is_E1048():
    with pytest.raises(ValueError, match=r"\[E1048\]"):
        logger = resolve({"@loggers": "spacy.ConsoleLogger.v3", "progress_bar": "bogus"})
        logger(_logger_nlp(), io.StringIO(), io.StringIO())


def test_console_logger_non_numeric_score_is_E916():
    logger = resolve({"@loggers": "spacy.ConsoleLogger.v3"})
    log_step, finalize = logger(_logger_nlp(), io.StringIO(), io.StringIO())
    with pytest.raises(ValueError, match=r"\[E916\]"):
        log_step({"epoch": 0, "step": 0, "losses": {"tagger": 1.0},
                  "other_scores": {"tag_acc": {"a": 1}}, "score": 0.0})


def test_console_logger_output_file_is_compact_json(tmp_path):
    path = tmp_path / "sub" / "log.jsonl"
    logger = resolve({"@loggers": "spacy.ConsoleLogger.v3", "output_file": str(path)})
    log_step, finalize = logger(_logger_nlp(), io.StringIO(), io.StringIO())
    log_step({"epoch": 0, "step": 0, "losses": {"tagger": 12.3456},
              "other_scores": {"tag_acc": 0.5}, "score": 0.375})
    finalize()
    assert path.read_text(encoding="utf8") == (
        '{"epoch":0,"step":0,"losses":{"tagger":12.3456},"scores":{"tag_acc":50.0,'
        '"pos_acc":0.0},"score":0.375}\n')


@pytest.mark.parametrize("returned", [None, "x"])
def test_before_to_disk_must_return_nlp_E914(returned):
    from lexloom.training.loop import create_before_to_disk_callback

    callback = create_before_to_disk_callback(lambda nlp: returned)
    with pytest.raises(ValueError, match=r"\[E914\]"):
        callback(lexloom.blank("en"))


# ---- initialize -----------------------------------------------------------------------

def test_init_tok2vec_takes_spacys_arguments():
    from lexloom.training.initialize import get_sourced_components, init_tok2vec

    nlp = lexloom.blank("en")
    assert init_tok2vec(nlp, {}, {"init_tok2vec": None}) is False
    assert callable(get_sourced_components)


# ---- converters -----------------------------------------------------------------------

def test_iob_converter_malformed_line_is_E902():
    from lexloom.training.converters import iob_to_docs

    with pytest.raises(ValueError, match=r"\[E902\]"):
        list(iob_to_docs("a|b|c|d|e\n"))


def test_conll_ner_converter_malformed_line_is_E903():
    from lexloom.training.converters import conll_ner_to_docs

    with pytest.raises(ValueError, match=r"\[E903\]"):
        list(conll_ner_to_docs("I\nlike\n"))


def test_example_from_dict_unchanged_for_valid_biluo():
    nlp = lexloom.blank("en")
    eg = Example.from_dict(nlp.make_doc("A B C D"), {"entities": ["B-X", "L-X", "O", "U-Y"]})
    assert [(e.start, e.end, e.label_) for e in eg.reference.ents] == [(0, 2, "X"), (3, 4, "Y")]
