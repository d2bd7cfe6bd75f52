"""spaCy's `spacy.training` API in lexloom: names, submodules and their behaviour."""
import gzip
import importlib

import pytest
import srsly
from lexloom.errors import ConfigError, ExampleError
from lexloom.training.alignment_array import AlignmentArray
from lexloom.training.converters import json_to_docs
from lexloom.training.example import annotations_to_doc
from lexloom.training.initialize import (
    DEFAULT_OOV_PROB,
    OOV_RANK,
    ensure_shape,
    init_vocab,
    open_file,
    read_vectors,
)
from lexloom.training.loop import create_before_to_disk_callback, update_meta

import lexloom
from lexloom import training
from lexloom.tokens import Doc, DocBin
from lexloom.training import (
    Alignment,
    Example,
    docs_to_json,
    minibatch_by_padded_size,
    minibatch_by_words,
    read_json_file,
)


@pytest.mark.parametrize("name", ["align", "alignment", "alignment_array", "augment",
                                  "batchers", "callbacks", "converters", "gold_io",
                                  "initialize", "loggers", "loop", "pretrain"])
def test_submodules_are_attributes(name):
    assert getattr(training, name) is importlib.import_module(f"lexloom.training.{name}")


def test_alignment_from_strings_maps_tokens_both_ways():
    align = Alignment.from_strings(["a", "bc", "d"], ["ab", "c", "d"])
    assert align.x2y.to_lists() == [[0], [0, 1], [2]]
    assert align.y2x.to_lists() == [[0, 1], [1], [2]]
    assert list(align.x2y[1]) == [0, 1]
    assert AlignmentArray([[0], [0, 1]]).lengths.tolist() == [1, 2]


def test_get_alignments_returns_index_lists():
    from lexloom.training.align import get_alignments

    assert get_alignments(["Hello", "world"], ["hello ", "wor", "ld"]) == \
        ([[0], [1, 2]], [[0], [1], [1]])


def test_example_x_and_y_are_predicted_and_reference():
    nlp = lexloom.blank("en")
    eg = Example.from_dict(nlp.make_doc("New York"), {"words": ["New", "York"]})
    assert eg.x is eg.predicted and eg.y is eg.reference
    assert isinstance(Example.x, property) and isinstance(Example.y, property)


def test_minibatch_by_words_sizes():
    items = [[0] * n for n in (3, 4, 2, 5, 9, 1)]
    batches = [[len(x) for x in b] for b in minibatch_by_words(items, size=8, tolerance=0.25)]
    # 9 words fit within size + tolerance (10), so they don't go alone.
    assert batches == [[3, 4], [2, 5], [9, 1]]
    strict = [[len(x) for x in b]
              for b in minibatch_by_words(items, size=8, tolerance=0.0, discard_oversize=True)]
    assert strict == [[3, 4], [2, 5, 1]]


def test_minibatch_by_padded_size_limits_padded_batch():
    items = [[0] * n for n in (1, 2, 3, 4, 5, 6)]
    batches = [[len(x) for x in b] for b in minibatch_by_padded_size(items, size=8, buffer=6)]
    assert batches == [[6], [5], [3, 4], [1, 2]]   # longest groups first


def test_batch_by_padded_discards_oversize_by_len_as_spacy():
    # spaCy groups by get_length but checks the oversize by len(): with lengths tripled,
    # no item is dropped (len 4 x 1 < 10) though each group is split by the tripled length
    items = [[0] * n for n in (1, 2, 3, 4)]
    batches = minibatch_by_padded_size(items, size=10, buffer=4, discard_oversize=True,
                                       get_length=lambda x: 3 * len(x))
    assert [[len(x) for x in b] for b in batches] == [[4], [3], [2], [1]]


def _annotated_doc(vocab):
    doc = Doc(vocab, words=["I", "like", "London", "."], spaces=[True, True, False, False],
              tags=["PRP", "VBP", "NNP", "."], heads=[1, 1, 1, 1],
              deps=["nsubj", "ROOT", "dobj", "punct"], ents=["O", "O", "B-GPE", "O"])
    doc.cats = {"TRAVEL": 1.0}
    return doc


def test_docs_to_json_writes_spacy_v2_format():
    data = docs_to_json(_annotated_doc(lexloom.blank("en").vocab))
    para = data["paragraphs"][0]
    assert data["id"] == 0 and para["raw"] == "I like London."
    assert para["entities"] == [(7, 13, "GPE")]
    assert para["cats"] == [{"label": "TRAVEL", "value": 1.0}]
    tokens = para["sentences"][0]["tokens"]
    assert tokens[2] == {"id": 2, "orth": "London", "space": "", "tag": "NNP", "head": -1,
                         "dep": "dobj", "ner": "U-GPE"}


def test_docs_to_json_round_trips_through_json_to_docs(tmp_path):
    doc = _annotated_doc(lexloom.blank("en").vocab)
    for source in (docs_to_json(doc), srsly.json_dumps([docs_to_json(doc)])):
        (back,) = list(json_to_docs(source))
        assert back.text == doc.text
        assert [t.tag_ for t in back] == [t.tag_ for t in doc]
        assert [t.head.i for t in back] == [t.head.i for t in doc]
        assert [t.dep_ for t in back] == [t.dep_ for t in doc]
        assert [(e.text, e.label_) for e in back.ents] == [("London", "GPE")]
        assert back.cats == {"TRAVEL": 1.0}
    path = tmp_path / "train.json"
    srsly.write_json(path, [docs_to_json(doc, doc_id=7)])
    (example,) = list(read_json_file(path))
    assert example["token_annotation"]["words"] == ["I", "like", "London", "."]
    assert example["token_annotation"]["heads"] == [1, 1, 1, 1]
    assert example["doc_annotation"]["entities"] == ["O", "O", "U-GPE", "O"]


def test_json_to_docs_without_raw_text_has_unknown_spaces():
    # spaCy: no "raw" text in the JSON means the spaces are unknown, so nlp.evaluate leaves
    # token_acc unscored instead of comparing against guessed spaces
    tokens = [{"id": 0, "orth": "Hello", "tag": "UH", "head": 1, "dep": "intj"},
              {"id": 1, "orth": "world", "tag": "NN", "head": 0, "dep": "ROOT"}]
    paragraph = {"sentences": [{"tokens": tokens}]}
    (doc,) = json_to_docs([{"id": 0, "paragraphs": [paragraph]}])
    assert doc.has_unknown_spaces and [t.text for t in doc] == ["Hello", "world"]
    assert [t.tag_ for t in doc] == ["UH", "NN"]
    (doc,) = json_to_docs([{"id": 0, "paragraphs": [dict(paragraph, raw="Hello world")]}])
    assert not doc.has_unknown_spaces and doc.text == "Hello world"


def test_annotations_to_doc_builds_reference_doc():
    vocab = lexloom.blank("en").vocab
    doc = annotations_to_doc(vocab, {"ORTH": ["a", "b"], "SPACY": [True, False],
                                     "TAG": ["X", "Y"]}, {"entities": ["U-ORG", "O"]})
    assert doc.text == "a b" and [t.tag_ for t in doc] == ["X", "Y"]
    assert [(e.text, e.label_) for e in doc.ents] == [("a", "ORG")]
    with pytest.raises(ExampleError):
        annotations_to_doc(vocab, {"TAG": ["X"]}, {})


def test_corpus_make_examples_and_gold_preproc(tmp_path):
    nlp = lexloom.blank("en")
    ref = Doc(nlp.vocab, words=["One", ".", "Two", "."], sent_starts=[True, False, True, False])
    db = DocBin(docs=[ref])
    db.to_disk(tmp_path / "c.spacy")
    corpus = training.Corpus(tmp_path / "c.spacy")
    examples = list(corpus.make_examples(nlp, [ref]))
    assert len(examples) == 1 and examples[0].text == ref.text
    split = list(corpus.make_examples_gold_preproc(nlp, [ref]))
    assert [[t.text for t in e.x] for e in split] == [["One", "."], ["Two", "."]]


def test_create_before_to_disk_callback_applies_and_checks_result():
    nlp = lexloom.blank("en")

    def rename(pipeline):
        pipeline.meta["name"] = "renamed"
        return pipeline

    assert create_before_to_disk_callback(None)(nlp) is nlp
    assert create_before_to_disk_callback(rename)(nlp).meta["name"] == "renamed"
    with pytest.raises(ConfigError):
        create_before_to_disk_callback(lambda pipeline: None)(nlp)


def test_update_meta_records_scores_and_losses():
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    update_meta({"score_weights": {"sents_f": 1.0, "sents_p": None}}, nlp,
                {"other_scores": {"sents_f": 0.5}, "losses": {"sentencizer": 1.5}})
    assert nlp.meta["performance"] == {"sents_f": 0.5, "sents_p": 0.0,
                                       "sentencizer_loss": 1.5}


def test_read_vectors_and_ensure_shape(tmp_path):
    with_header = tmp_path / "v.txt"
    with_header.write_text("3 2\nhello 1 2\nworld 3 4\ncat 5 6\n", encoding="utf8")
    data, words, floret = read_vectors(with_header, 2)
    assert words == ["hello", "world"] and data.tolist() == [[1, 2], [3, 4]] and floret == {}
    glove = tmp_path / "g.txt"
    glove.write_text("hello 1 2\nworld 3 4\n", encoding="utf8")
    assert list(ensure_shape(glove)) == ["2 2", "hello 1 2\n", "world 3 4\n"]
    zipped = tmp_path / "v.txt.gz"
    zipped.write_bytes(gzip.compress(with_header.read_bytes()))
    assert list(open_file(zipped))[1] == "hello 1 2\n"
    assert OOV_RANK == 2 ** 64 - 1 and DEFAULT_OOV_PROB == -20


def test_init_vocab_sets_lexeme_attributes_and_lookups(tmp_path):
    from lexloom.lookups import Lookups

    nlp = lexloom.blank("en")
    path = tmp_path / "lex.jsonl"
    srsly.write_jsonl(path, [{"settings": {"oov_prob": -20}},
                             {"orth": "apple", "norm": "APPLE", "is_stop": True}])
    lookups = Lookups()
    lookups.add_table("lemma_lookup", {"apples": "apple"})
    init_vocab(nlp, data=path, lookups=lookups)
    assert nlp.vocab["apple"].norm_ == "APPLE" and nlp.vocab["apple"].is_stop
    assert nlp.vocab.lookups.has_table("lemma_lookup")


def test_copy_from_base_model_copies_vocab(tmp_path):
    from lexloom.util import registry

    base = lexloom.blank("en")
    base.vocab.strings.add("zebra-crossing")
    base.to_disk(tmp_path / "base")
    nlp = lexloom.blank("en")
    callback = registry.callbacks.get("spacy.copy_from_base_model.v1")(
        tokenizer=str(tmp_path / "base"), vocab=str(tmp_path / "base"))
    callback(nlp)
    assert "zebra-crossing" in nlp.vocab.strings
