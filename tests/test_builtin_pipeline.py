"""en_lexloom_sm, the trained English pipeline shipped inside the package: found by name,
annotates real text, carries its data licence, stays small."""
import pytest

import lexloom
from lexloom.tokens import Doc
from lexloom.errors import PipelineNotFoundError
from lexloom.loading import BUILTIN_PIPELINES_DIR, get_builtin_pipelines, info

NAME = "en_lexloom_sm"
MAX_BYTES = 15 * 1024 * 1024
SENTENCES = ["The cat sat on the mat.",
             "Apple hired John Smith in London.",
             "She didn't think the results were better than last year's. We'll see."]


@pytest.fixture(scope="module")
def nlp():
    return lexloom.load(NAME)


@pytest.fixture(scope="module")
def docs(nlp):
    return list(nlp.pipe(SENTENCES))


def test_builtin_pipeline_is_listed():
    assert NAME in get_builtin_pipelines()


def test_load_by_name_gives_the_trained_components(nlp):
    assert nlp.lang == "en"
    assert nlp.pipe_names == ["tok2vec", "tagger", "morphologizer", "trainable_lemmatizer",
                              "parser", "ner"]


def test_every_token_gets_tag_pos_lemma_dep(docs):
    for doc in docs:
        for token in doc:
            assert token.tag_ and token.pos_ and token.lemma_ and token.dep_, token.text


def test_each_sentence_has_exactly_one_root(docs):
    for doc in docs:
        sents = list(doc.sents)
        assert sents
        for sent in sents:
            assert sum(token.dep_ == "ROOT" for token in sent) == 1, sent.text
            assert sum(token.head.i == token.i for token in sent) == 1, sent.text


def test_easy_sentence_gets_the_obvious_parts_of_speech(docs):
    the, cat, sat = docs[0][:3]
    assert (the.pos_, cat.pos_, sat.pos_) == ("DET", "NOUN", "VERB")
    assert (cat.lemma_, sat.lemma_) == ("cat", "sit")
    assert sat.dep_ == "ROOT" and cat.head.i == sat.i


def test_names_are_recognised(docs):
    ents = docs[1].ents
    assert ents
    assert {e.label_ for e in ents} <= {"PER", "LOC", "ORG"}


def test_meta_has_data_licence_sources_and_scores(nlp):
    meta = nlp.meta
    assert meta["license"] == "CC BY-SA 4.0"
    assert {s["name"] for s in meta["sources"]} == {"UD English EWT", "UNER English EWT"}
    for key in ("tag_acc", "pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las",
                "sents_f", "ents_p", "ents_r", "ents_f"):
        assert 0 < meta["performance"][key] <= 1, key


def test_info_reads_the_builtin_pipeline():
    assert info(NAME)["license"] == "CC BY-SA 4.0"
    assert NAME in info()["pipelines"]


def test_not_an_installed_package():
    # is_package means "pip-installed": the built-in pipeline is found by load(), not pip
    assert not lexloom.util.is_package(NAME)


def test_folder_is_small_and_holds_no_code():
    folder = BUILTIN_PIPELINES_DIR / NAME
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in files) <= MAX_BYTES
    assert not [p for p in files if p.suffix in (".py", ".pkl", ".pickle", ".pyc")]


def test_unknown_name_mentions_the_builtin_pipeline():
    with pytest.raises(PipelineNotFoundError, match=NAME):
        lexloom.load("en_lexloom_smm")


def test_config_names_no_corpus_of_the_building_machine():
    from confection import Config

    config = Config().from_disk(BUILTIN_PIPELINES_DIR / NAME / "config.cfg", interpolate=False)
    assert config["paths"]["train"] is None and config["paths"]["dev"] is None
    text = (BUILTIN_PIPELINES_DIR / NAME / "config.cfg").read_text(encoding="utf-8")
    assert "/tmp" not in text and "/work" not in text


def test_a_local_folder_of_the_same_name_wins(tmp_path, monkeypatch, nlp):
    """As in spaCy, lexloom.load(name) takes a folder called `name` before the built-in."""
    blank = lexloom.blank("en")
    blank.to_disk(tmp_path / NAME)
    monkeypatch.chdir(tmp_path)
    assert lexloom.load(NAME).pipe_names == []


def test_parsing_an_annotated_doc_writes_only_the_new_arcs(nlp):
    """spaCy's parser on a Doc that already has a parse (`apply` on an annotated corpus):
    the new parse's arcs replace the old ones, and a word it leaves headless (its root)
    keeps the arc it came with, even where that closes a cycle."""
    fresh = nlp(SENTENCES[0])
    n = len(fresh)
    old = Doc(nlp.vocab, words=[t.text for t in fresh], spaces=[bool(t.whitespace_) for t in fresh],
              heads=[n - 1] * n, deps=["dep"] * (n - 1) + ["ROOT"])
    reparsed = next(nlp.pipe([old]))
    roots = [t.i for t in fresh if t.head.i == t.i]
    assert roots == [2]  # "sat"
    for token, new in zip(fresh, reparsed):
        if token.i in roots:
            assert (new.head.i, new.dep_) == (n - 1, "dep")
        else:
            assert (new.head.i, new.dep_) == (token.head.i, token.dep_)
    assert reparsed[n - 1].head.i == 2  # "." -> "sat" -> ".": kept as it is
    assert [s.start for s in reparsed.sents] == [0]
