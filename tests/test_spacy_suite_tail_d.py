"""Behaviour spaCy's own tests assert (doc/test_retokenize_merge, training/test_pretraining,
test_misc, test_cli_app, test_registry_population): Spans made before a retokenize keep
working, spaCy's error and warning codes in messages, the `benchmark accuracy` alias, and
the spacy-legacy registry names."""
import re
import socket

import pytest

import lexloom
from lexloom import util
from lexloom.tokens import Doc, Span
from lexloom.vocab import Vocab

# ---- Spans made before a retokenize ------------------------------------------------------

WORDS = ["Stewart", "Lee", "is", "a", "stand", "up", "comedian", "who", "lives", "in", "England", "and", "loves", "Joe", "Pasquale"]
HEADS = [1, 2, 2, 4, 6, 4, 2, 8, 6, 8, 9, 8, 8, 14, 12]
DEPS = ["compound", "nsubj", "ROOT", "det", "amod", "prt", "attr", "nsubj", "relcl", "prep",
        "pobj", "cc", "conj", "compound", "dobj"]


def _parsed():
    return Doc(Vocab(), words=WORDS, heads=HEADS, deps=DEPS)


def test_sentence_span_made_before_a_merge_still_finds_its_subtree():
    doc = _parsed()
    sent = next(iter(doc.sents))
    n_subtree = len(list(sent.root.subtree))
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:2], attrs={"lemma": "none", "ent_type": "none"})
    assert (sent.start, sent.end) == (0, 14)
    assert len(sent) == 14
    assert sent.text == doc.text.strip()
    assert sent.root.text == "is"
    assert len(list(sent.root.subtree)) == n_subtree - 1


def test_span_made_before_a_merge_keeps_its_characters_and_moves_its_tokens():
    doc = _parsed()
    tail = doc[13:15]            # "Joe Pasquale", after the merged tokens
    chars = (tail.start_char, tail.end_char)
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:2])
    assert (tail.start, tail.end) == (12, 14)
    assert (tail.start_char, tail.end_char) == chars
    assert [t.text for t in tail] == ["Joe", "Pasquale"]
    assert tail.root.text == "Pasquale"
    assert tail == doc[12:14]
    assert hash(tail) == hash(doc[12:14])


def test_span_cut_by_a_merge_grows_to_the_whole_merged_token():
    doc = _parsed()
    lee_is = doc[1:3]
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:2])
    assert (lee_is.start, lee_is.end) == (0, 2)
    assert lee_is.text == "Stewart Lee is"


def test_span_made_before_a_split_follows_the_new_tokens():
    doc = Doc(Vocab(), words=["I", "live", "in", "NewYork", "now"])
    place_now = doc[3:5]
    empty_end = doc[5:5]
    with doc.retokenize() as retokenizer:
        retokenizer.split(doc[3], ["New", "York"], heads=[(doc[3], 1), doc[2]])
    assert (place_now.start, place_now.end) == (3, 6)
    assert [t.text for t in place_now] == ["New", "York", "now"]
    assert (empty_end.start, empty_end.end) == (6, 6)
    assert len(empty_end) == 0


def test_stale_span_put_into_a_span_group_moves_with_the_next_retokenize():
    doc = Doc(Vocab(), words=["a", "b", "c", "d", "e"])
    d_e = doc[3:5]
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:2])          # d_e is now stale: [2:4]
    doc.spans["sc"] = [d_e]
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:2])          # "a b" + "c"
    assert [(s.start, s.end, s.text) for s in doc.spans["sc"]] == [(1, 3, "d e")]


def test_set_ents_refuses_spans_made_before_a_retokenize():
    doc = Doc(Vocab(), words=["Some", "text", "about", "Colombia", "and", "the", "Czech", "Republic"])
    spans = [Span(doc, 3, 4, label="GPE"), Span(doc, 6, 8, label="GPE")]
    with doc.retokenize() as retokenizer:
        for span in spans:
            retokenizer.merge(span)
    with pytest.raises(IndexError, match="made before the Doc was retokenized"):
        doc.ents = spans
    doc.ents = [doc.char_span(s.start_char, s.end_char, label="GPE") for s in spans]
    assert [e.text for e in doc.ents] == ["Colombia", "Czech Republic"]


def test_span_of_an_unchanged_doc_is_as_made():
    doc = Doc(Vocab(), words=["a", "b", "c"], spaces=[True, False, False])
    span = doc[1:3]
    assert (span.start, span.end, span.start_char, span.end_char) == (1, 3, 2, 4)
    empty = doc[3:3]
    assert (empty.start_char, empty.end_char) == (4, 4)


# ---- spaCy's codes in messages -----------------------------------------------------------

def test_vectors_objective_without_vectors_raises_e875():
    from lexloom.ml.models.multi_task import create_pretrain_vectors

    nlp = lexloom.blank("en")
    nlp.add_pipe("tok2vec")
    nlp.initialize()
    with pytest.raises(ValueError, match=r"\[E875\].*needs static vectors"):
        create_pretrain_vectors(1, 1, "cosine")(nlp.vocab, nlp.get_pipe("tok2vec").model)


def test_busy_port_warning_says_already_in_use():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    try:
        with pytest.warns(UserWarning, match=r"\[W124\].*already in use"):
            assert util.find_available_port(port, "127.0.0.1", auto_select=True) > port
    finally:
        sock.close()


# ---- the CLI alias ---------------------------------------------------------------------

def test_benchmark_accuracy_help_is_evaluate_help():
    from lexloom.cli._util import app
    from typer.testing import CliRunner

    def norm(text):
        return re.sub(r"\s+", " ", text)

    benchmark = CliRunner().invoke(app, ["benchmark", "accuracy", "--help"])
    evaluate = CliRunner().invoke(app, ["evaluate", "--help"])
    assert benchmark.exit_code == evaluate.exit_code == 0
    assert norm(benchmark.stdout) == norm(
        evaluate.stdout.replace("lexloom evaluate", "lexloom benchmark accuracy"))


# ---- spacy-legacy names ------------------------------------------------------------------

@pytest.mark.parametrize("name", ["CharacterEmbed.v1", "HashEmbedCNN.v1",
                                  "MaxoutWindowEncoder.v1", "MishWindowEncoder.v1",
                                  "MultiHashEmbed.v1", "Tok2Vec.v1",
                                  "TransitionBasedParser.v1"])
def test_spacy_legacy_architecture_is_the_v1_architecture(name):
    from lexloom.util import registry

    registry.ensure_populated()
    assert f"spacy-legacy.{name}" in registry.architectures.get_all()
    assert registry.architectures.get(f"spacy-legacy.{name}") is \
        registry.architectures.get(f"spacy.{name}")


@pytest.mark.parametrize("reg_name,name,lexloom_name", [
    ("layers", "spacy-legacy.StaticVectors.v1", "lexloom.StaticVectors.v1"),
    ("layers", "spacy.CharEmbed.v1", "lexloom.CharEmbed.v1"),
    ("layers", "spacy.FeatureExtractor.v1", "lexloom.FeatureExtractor.v1"),
    ("layers", "spacy.PrecomputableAffine.v1", "lexloom.PrecomputableAffine.v1"),
    ("layers", "spacy.TransitionModel.v1", "lexloom.TransitionModel.v1"),
    ("loggers", "spacy-legacy.ConsoleLogger.v1", "lexloom.ConsoleLogger.v1"),
    ("loggers", "spacy-legacy.ConsoleLogger.v2", "lexloom.ConsoleLogger.v2"),
])
def test_spacy_names_listed_and_same_as_lexloom_names(reg_name, name, lexloom_name):
    from lexloom.util import registry

    registry.ensure_populated()
    reg = getattr(registry, reg_name)
    assert name in reg.get_all()
    assert reg.get(name) is reg.get(lexloom_name)


def test_srsly_readers_are_registered(tmp_path):
    import srsly
    from lexloom.util import registry

    registry.ensure_populated()
    path = tmp_path / "labels.jsonl"
    srsly.write_jsonl(path, [{"a": 1}])
    for name in ("read_json", "read_jsonl", "read_msgpack", "read_yaml"):
        assert f"srsly.{name}.v1" in registry.readers.get_all()
    assert list(registry.readers.get("srsly.read_jsonl.v1")(path)) == [{"a": 1}]


def test_precomputable_affine_layer_resolves_from_a_config():
    from lexloom.util import registry

    config = {"layer": {"@layers": "spacy.PrecomputableAffine.v1", "nO": 4, "nI": 5, "nF": 3,
                        "nP": 2}}
    model = registry.resolve(config)["layer"]
    assert model.name == "precomputable_affine"
    assert model.get_dim("nF") == 3
