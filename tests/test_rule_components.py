"""The rule components: sentencizer, merge_noun_chunks, merge_entities, merge_subtokens,
token_splitter and doc_cleaner (spaCy's factories, settings, results and files)."""
import warnings

import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lexloom
from lexloom.errors import LexloomWarning
from lexloom.language import Language
from lexloom.pipeline import DocCleaner, Sentencizer, TokenSplitter
from lexloom.pipeline.functions import merge_entities, merge_noun_chunks, merge_subtokens
from lexloom.tokens import Doc


@pytest.fixture(scope="module")
def nlp():
    return lexloom.blank("en")


_NLP = []


def shared_nlp():
    if not _NLP:
        _NLP.append(lexloom.blank("en"))
    return _NLP[0]


# ---- sentencizer ---------------------------------------------------------------------------

WORDS = ["Hello", "world", ".", "This", "is", "it", "!", "!", "And", '"', "quoted", ".", '"',
         "Then", "?", "more"]


def test_sentencizer_starts_after_final_punctuation(nlp):
    doc = Doc(nlp.vocab, words=WORDS)
    Sentencizer()(doc)
    # a sentence starts at the first word (not punctuation) after ".", "!" or "?"
    assert [i for i, t in enumerate(doc) if t.is_sent_start] == [0, 3, 8, 13, 15]
    assert all(t.is_sent_start is False for t in doc if t.i not in (0, 3, 8, 13, 15))
    assert [s.text for s in doc.sents] == ["Hello world .", "This is it ! !",
                                           'And " quoted . "', "Then ?", "more"]


def test_sentencizer_keeps_existing_starts_unless_overwrite(nlp):
    doc = Doc(nlp.vocab, words=["a", "x", "b", ".", "c", "x", "d"])
    doc[2].is_sent_start = False
    doc[4].is_sent_start = False
    Sentencizer(punct_chars=["x"])(doc)
    assert [t.is_sent_start for t in doc] == [True, False, False, False, False, False, True]
    Sentencizer(punct_chars=["x"], overwrite=True)(doc)
    assert [t.is_sent_start for t in doc] == [True, False, True, False, False, False, True]


def test_sentencizer_empty_and_punctuation_only_docs(nlp):
    s = Sentencizer()
    assert s.predict([Doc(nlp.vocab, words=[])]) == [[]]
    doc = s(Doc(nlp.vocab, words=[]))
    assert len(doc) == 0
    doc = s(Doc(nlp.vocab, words=[".", ".", "!"]))
    assert [t.is_sent_start for t in doc] == [True, False, False]


def _reference_starts(texts, is_punct, punct_chars):
    """spaCy's sentencizer loop, written plainly."""
    guesses = [False] * len(texts)
    if texts:
        guesses[0] = True
        start, seen = 0, False
        for i, (text, punct) in enumerate(zip(texts, is_punct)):
            final = text in punct_chars
            if seen and not punct and not final:
                guesses[start] = True
                start, seen = i, False
            elif final:
                seen = True
        guesses[start] = True
    return guesses


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "bb", ".", "!", "?", ",", '"', "x", "。", "3.5", "(",
                                 "Mr."]), max_size=30),
       st.booleans())
def test_sentencizer_matches_reference_loop(words, custom):
    nlp = shared_nlp()
    punct_chars = ["x", "!"] if custom else None
    sentencizer = Sentencizer(punct_chars=punct_chars)
    doc = Doc(nlp.vocab, words=words)
    expected = _reference_starts(words, [t.is_punct for t in doc], sentencizer.punct_chars)
    assert sentencizer.predict([doc]) == [expected]
    sentencizer(doc)
    assert [t.is_sent_start for t in doc] == [bool(g) for g in expected]


def test_sentencizer_pipe_and_factory_settings(nlp):
    nlp2 = lexloom.blank("en")
    s = nlp2.add_pipe("sentencizer")
    cfg = nlp2.config["components"]["sentencizer"]
    assert cfg["punct_chars"] is None and cfg["overwrite"] is False
    assert cfg["scorer"] == {"@scorers": "spacy.senter_scorer.v1"}
    assert s.punct_chars == set(Sentencizer.default_punct_chars) and "。" in s.punct_chars
    docs = list(s.pipe([Doc(nlp.vocab, words=["a", ".", "b"]), Doc(nlp.vocab, words=[])]))
    assert [t.is_sent_start for t in docs[0]] == [True, False, True]


def test_sentencizer_serialisation(tmp_path, nlp):
    s = Sentencizer(punct_chars=["|", "¦"], overwrite=True)
    loaded = Sentencizer().from_bytes(s.to_bytes())
    assert loaded.punct_chars == {"|", "¦"} and loaded.overwrite is True
    s.to_disk(tmp_path / "sentencizer")
    assert (tmp_path / "sentencizer.json").exists()  # spaCy's file name
    loaded = Sentencizer().from_disk(tmp_path / "sentencizer")
    assert loaded.punct_chars == {"|", "¦"} and loaded.overwrite is True
    doc = loaded(Doc(nlp.vocab, words=["a", "|", "b", ".", "c"]))
    assert [t.is_sent_start for t in doc] == [True, False, True, False, False]


def test_pipeline_with_rule_components_round_trips(tmp_path):
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer", config={"punct_chars": ["|"]})
    nlp.add_pipe("token_splitter", config={"min_length": 6, "split_length": 3})
    nlp.add_pipe("doc_cleaner", config={"attrs": {"tensor": None}})
    nlp.add_pipe("merge_entities")
    nlp.to_disk(tmp_path / "pipe")
    assert (tmp_path / "pipe" / "sentencizer.json").exists()
    assert (tmp_path / "pipe" / "token_splitter" / "cfg").exists()
    loaded = lexloom.load(tmp_path / "pipe")
    assert loaded.pipe_names == ["sentencizer", "token_splitter", "doc_cleaner",
                                 "merge_entities"]
    assert loaded.get_pipe("sentencizer").punct_chars == {"|"}
    assert loaded.get_pipe("token_splitter").split_length == 3
    doc = loaded("ab | abcdefg")
    assert [t.text for t in doc] == ["ab", "|", "abc", "def", "g"]
    assert [t.is_sent_start for t in doc] == [True, False, True, False, False]
    assert doc.tensor is None


# ---- merge components ----------------------------------------------------------------------

def test_merge_entities(nlp):
    doc = Doc(nlp.vocab, words=["Sarah", "Jones", "flew", "to", "New", "York", "."],
              tags=["NNP", "NNP", "VBD", "IN", "NNP", "NNP", "."],
              heads=[1, 2, 2, 2, 5, 3, 2],
              deps=["compound", "nsubj", "ROOT", "prep", "compound", "pobj", "punct"],
              ents=["B-PERSON", "I-PERSON", "O", "O", "B-GPE", "I-GPE", "O"])
    merge_entities(doc)
    assert [t.text for t in doc] == ["Sarah Jones", "flew", "to", "New York", "."]
    assert [(t.dep_, t.head.i) for t in doc] == [("nsubj", 1), ("ROOT", 1), ("prep", 1),
                                                ("pobj", 2), ("punct", 1)]
    assert [(e.text, e.label_, e.start, e.end) for e in doc.ents] == [
        ("Sarah Jones", "PERSON", 0, 1), ("New York", "GPE", 3, 4)]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["O", "B-P", "I-P", "B-Q", "I-Q", ""]), max_size=20))
def test_merge_entities_merges_exactly_doc_ents(tags):
    nlp = shared_nlp()
    doc = Doc(nlp.vocab, words=["w%d" % i for i in range(len(tags))], ents=tags)
    before = [(e.text, e.label_) for e in doc.ents]
    text = doc.text
    merge_entities(doc)
    assert doc.text == text
    assert [(e.text, e.label_) for e in doc.ents] == before
    assert all(e.end - e.start == 1 for e in doc.ents)


def test_merge_noun_chunks(nlp):
    words = "The quick brown fox saw me in the big park".split()
    doc = Doc(nlp.vocab, words=words, heads=[3, 3, 3, 4, 4, 4, 4, 9, 9, 6],
              deps=["det", "amod", "amod", "nsubj", "ROOT", "dobj", "prep", "det", "amod",
                    "pobj"],
              pos=["DET", "ADJ", "ADJ", "NOUN", "VERB", "PRON", "ADP", "DET", "ADJ", "NOUN"],
              tags=["DT", "JJ", "JJ", "NN", "VBD", "PRP", "IN", "DT", "JJ", "NN"])
    merge_noun_chunks(doc)
    assert [t.text for t in doc] == ["The quick brown fox", "saw", "me", "in", "the big park"]
    assert [(t.tag_, t.dep_, t.head.i) for t in doc] == [
        ("NN", "nsubj", 1), ("VBD", "ROOT", 1), ("PRP", "dobj", 1), ("IN", "prep", 1),
        ("NN", "pobj", 3)]
    unparsed = Doc(nlp.vocab, words=words)
    assert [t.text for t in merge_noun_chunks(unparsed)] == words


def test_merge_subtokens_merges_runs_with_the_next_token(nlp):
    doc = Doc(nlp.vocab, words=["I", "like", "New", "York", "City", "a", "lot", "x", "y"],
              heads=[1, 1, 4, 4, 1, 6, 1, 8, 1],
              deps=["nsubj", "ROOT", "subtok", "subtok", "dobj", "det", "npadvmod", "subtok",
                    "dep"])
    merge_subtokens(doc)
    assert [t.text for t in doc] == ["I", "like", "New York City", "a", "lot", "x y"]
    assert [(t.dep_, t.head.i) for t in doc] == [("nsubj", 1), ("ROOT", 1), ("dobj", 1),
                                                ("det", 4), ("npadvmod", 1), ("dep", 1)]
    doc = Doc(nlp.vocab, words=["a", "b", "c"], heads=[0, 2, 0], deps=["ROOT", "sub", "sub"])
    merge_subtokens(doc, label="sub")  # a run that ends the Doc has no next token
    assert [t.text for t in doc] == ["a", "b c"]


def test_merge_component_factories(nlp):
    nlp2 = lexloom.blank("en")
    for name in ("merge_noun_chunks", "merge_entities", "merge_subtokens"):
        component = nlp2.add_pipe(name)
        assert callable(component)
        assert Language.get_factory_meta(name).retokenizes is True
    doc = nlp2.make_doc("no entities here")
    assert [t.text for t in nlp2.get_pipe("merge_entities")(doc)] == ["no", "entities", "here"]


# ---- token_splitter and doc_cleaner --------------------------------------------------------

def test_token_splitter(nlp):
    nlp2 = lexloom.blank("en")
    splitter = nlp2.add_pipe("token_splitter")
    assert (splitter.min_length, splitter.split_length) == (25, 10)
    assert nlp2.config["components"]["token_splitter"]["min_length"] == 25
    doc = Doc(nlp.vocab, words=["short", "abcdefghij", "x"], spaces=[True, True, False])
    TokenSplitter(min_length=6, split_length=4)(doc)
    assert [t.text for t in doc] == ["short", "abcd", "efgh", "ij", "x"]
    assert [t.whitespace_ for t in doc] == [" ", "", "", " ", ""]
    assert [t.head.i for t in doc] == [0, 1, 2, 3, 4]  # each piece heads itself
    untouched = Doc(nlp.vocab, words=["abcdefghij"])
    assert len(TokenSplitter()(untouched)) == 1  # 0 / 0: off


def test_token_splitter_serialisation(tmp_path):
    splitter = TokenSplitter(min_length=7, split_length=2)
    assert TokenSplitter().from_bytes(splitter.to_bytes())._get_config() == {
        "min_length": 7, "split_length": 2}
    splitter.to_disk(tmp_path / "ts")
    assert TokenSplitter().from_disk(tmp_path / "ts").split_length == 2


def test_doc_cleaner(nlp):
    from lexloom.tokens import Doc as D

    D.set_extension("trf_data", default=None, force=True)
    try:
        nlp2 = lexloom.blank("en")
        cleaner = nlp2.add_pipe("doc_cleaner")
        assert cleaner.cfg == {"attrs": {"tensor": None, "_.trf_data": None}, "silent": True}
        doc = Doc(nlp.vocab, words=["a", "b"])
        doc.tensor = numpy.ones((2, 3), dtype="float32")
        doc._.trf_data = "big"
        cleaner(doc)
        assert doc.tensor is None and doc._.trf_data is None
        loud = DocCleaner({"nothing.here": 1, "cats": {"X": 1.0}}, silent=False)
        with pytest.warns(LexloomWarning, match="nothing.here"):
            loud(doc)
        assert doc.cats == {"X": 1.0}
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            DocCleaner({"nothing.here": 1})(doc)  # silent by default
        assert DocCleaner({}).from_bytes(loud.to_bytes()).cfg == loud.cfg
    finally:
        D.remove_extension("trf_data")
