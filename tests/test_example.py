"""Example: building references from dicts, character alignment across tokenizations, and
reading gold annotation in the predicted tokenization."""
import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lexloom
from lexloom.errors import ExampleError
from lexloom.tokens import Doc
from lexloom.training import Example
from lexloom.training.example import Alignment, AlignmentArray
from lexloom.vocab import Vocab


@pytest.fixture(scope="module")
def nlp():
    return lexloom.blank("en")


def doc(nlp, words, spaces=None):
    return Doc(nlp.vocab, words=words, spaces=spaces)


def test_same_tokenization_aligns_one_to_one(nlp):
    eg = Example.from_dict(nlp.make_doc("I like eggs"), {"tags": ["PRP", "VBP", "NNS"]})
    assert eg.alignment.x2y.to_lists() == [[0], [1], [2]]
    assert eg.alignment.y2x.to_lists() == [[0], [1], [2]]
    assert eg.get_aligned("TAG", as_string=True) == ["PRP", "VBP", "NNS"]
    assert eg.text == "I like eggs" and len(eg) == 3
    assert eg.x is eg.predicted and eg.y is eg.reference


def test_alignment_merged_and_split_tokens(nlp):
    x = doc(nlp, ["I", "live", "in", "New", "York", "."], [True, True, True, True, False, False])
    eg = Example.from_dict(x, {"words": ["I", "live", "in", "New York", "."],
                               "spaces": [True, True, True, False, False],
                               "tags": ["PRP", "VBP", "IN", "NNP", "."]})
    assert eg.alignment.x2y.to_lists() == [[0], [1], [2], [3], [3], [4]]
    assert eg.alignment.y2x.to_lists() == [[0], [1], [2], [3, 4], [5]]
    # Several predicted tokens inside one reference token share its value.
    assert eg.get_aligned("TAG", as_string=True) == ["PRP", "VBP", "IN", "NNP", "NNP", "."]


def test_alignment_one_predicted_token_over_several_reference_tokens(nlp):
    x = doc(nlp, ["don't", "go"])
    eg = Example.from_dict(x, {"words": ["do", "n't", "go"], "spaces": [False, True, False],
                               "tags": ["VB", "RB", "VB"], "lemmas": ["do", "do", "go"]})
    assert eg.alignment.x2y.to_lists() == [[0, 1], [2]]
    # The reference tokens disagree on the tag: unknown. They agree on the lemma: kept.
    assert eg.get_aligned("TAG", as_string=True) == [None, "VB"]
    assert eg.get_aligned("LEMMA", as_string=True) == ["do", "go"]


def test_alignment_ignores_case_and_whitespace(nlp):
    x = doc(nlp, ["Hello", "\n", "WORLD", "!"], [False, False, False, False])
    y = doc(nlp, ["hello", "world", "!"], [True, False, False])
    eg = Example(x, y)
    assert eg.alignment.x2y.to_lists() == [[0], [], [1], [2]]
    assert eg.alignment.y2x.to_lists() == [[0], [2], [3]]


def test_alignment_of_crossing_boundaries(nlp):
    eg = Example(doc(nlp, ["ab", "cd"], [False, False]), doc(nlp, ["a", "bc", "d"],
                                                               [False, False, False]))
    assert eg.alignment.x2y.to_lists() == [[0, 1], [1, 2]]
    assert eg.alignment.y2x.to_lists() == [[0], [0, 1], [1]]


def test_alignment_of_different_texts_raises(nlp):
    eg = Example(doc(nlp, ["cat"]), doc(nlp, ["dog"]))
    with pytest.raises(ExampleError, match="differ"):
        eg.alignment
    with pytest.raises(ValueError):  # ExampleError is a ValueError too
        Example(doc(nlp, ["a", "b"]), doc(nlp, ["a"])).alignment


def test_alignment_module_offers_get_alignments_as_spacys():
    from lexloom.training.alignment import get_alignments

    assert get_alignments(["a", "'s", "b"], ["a's", "b"]) == ([[0], [0], [1]], [[0, 1], [2]])


def test_alignment_matches_spacy_on_words():
    # Expected values from spacy.training.Alignment.from_strings (spaCy 3.8).
    al = Alignment.from_strings(["a", "'s", "b"], ["a's", "b"])
    assert al.x2y.to_lists() == [[0], [0], [1]]
    assert al.y2x.to_lists() == [[0, 1], [2]]
    al = Alignment.from_strings(["ab", "c"], ["a", "b", "c"])
    assert al.x2y.to_lists() == [[0, 1], [2]]
    assert al.y2x.to_lists() == [[0], [0], [1]]
    al = Alignment.from_strings(["ab", "cd"], ["a", "bc", "d"])
    assert al.x2y.to_lists() == [[0, 1], [1, 2]]
    assert al.y2x.to_lists() == [[0], [0, 1], [1]]


def test_alignment_is_recomputed_when_tokens_change(nlp):
    eg = Example.from_dict(nlp.make_doc("a b"), {"words": ["a", "b"]})
    first = eg.alignment
    assert eg.alignment is first  # cached
    eg.predicted = doc(nlp, ["a", "b"], [False, False])
    eg.predicted = doc(nlp, ["ab"])
    assert eg.alignment.x2y.to_lists() == [[0, 1]]


def test_alignment_array_indexing():
    arr = AlignmentArray.from_lists([[0], [], [1, 2]])
    assert arr[0].tolist() == [0] and arr[1].tolist() == [] and arr[-1].tolist() == [1, 2]
    assert arr[0:3].tolist() == [0, 1, 2] and arr[1:2].tolist() == []
    assert arr.lengths.tolist() == [1, 0, 2]
    with pytest.raises(IndexError):
        arr[3]


def test_alignment_lowers_the_joined_text_as_spacy():
    # a word-final capital sigma lowers to ς in the joined text whichever token ends it
    al = Alignment.from_strings(["ΟΔΟΣ"], ["ΟΔΟ", "Σ"])
    assert al.x2y.to_lists() == [[0, 1]] and al.y2x.to_lists() == [[0], [0]]
    vocab = Vocab()
    pred = Doc(vocab, words=["ΟΔΟΣ", "X"], spaces=[True, False])
    ref = Doc(vocab, words=["ΟΔΟ", "Σ", "X"], spaces=[False, False, False])
    assert Example(pred, ref).alignment.x2y.to_lists() == [[0, 1], [2]]
    # joined "aÉe Σ" lowers its Σ to σ, "aÉeΣ" to ς: no alignment (spaCy's E949 too)
    with pytest.raises(ValueError, match="E949"):
        Alignment.from_strings(["aÉe", " ", "Σ"], ["a", "É", "e", "Σ"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="abcXY", min_size=1, max_size=4), min_size=1, max_size=8),
       st.data())
def test_alignment_of_any_resegmentation_is_consistent(words, data):
    text = "".join(words)
    cuts = sorted(data.draw(st.sets(st.integers(1, max(1, len(text) - 1)))))
    other = [text[a:b] for a, b in zip([0] + cuts, cuts + [len(text)]) if b > a]
    al = Alignment.from_strings(words, [w.lower() for w in other])
    x2y, y2x = al.x2y.to_lists(), al.y2x.to_lists()
    assert len(x2y) == len(words) and len(y2x) == len(other)
    pairs = {(i, j) for i, js in enumerate(x2y) for j in js}
    assert pairs == {(i, j) for j, is_ in enumerate(y2x) for i in is_}
    # Tokens share a pair exactly when their character ranges overlap.
    starts_a = numpy.cumsum([0] + [len(w) for w in words])
    starts_b = numpy.cumsum([0] + [len(w) for w in other])
    expected = {(i, j) for i in range(len(words)) for j in range(len(other))
                if starts_a[i] < starts_b[j + 1] and starts_b[j] < starts_a[i + 1]}
    assert pairs == expected


def test_from_dict_annotations(nlp):
    eg = Example.from_dict(nlp.make_doc("She ate pizza"), {
        "words": ["She", "ate", "pizza"], "tags": ["PRP", "VBD", "NN"],
        "pos": ["PRON", "VERB", "NOUN"], "morphs": ["Case=Nom|Person=3", "Tense=Past", ""],
        "lemmas": ["she", "eat", "pizza"], "heads": [1, 1, 1], "deps": ["nsubj", "ROOT", "dobj"],
        "entities": [(8, 13, "FOOD")], "cats": {"FOOD": 1.0, "SPORT": 0.0}})
    y = eg.reference
    assert [t.tag_ for t in y] == ["PRP", "VBD", "NN"]
    assert [t.pos_ for t in y] == ["PRON", "VERB", "NOUN"]
    assert str(y[0].morph) == "Case=Nom|Person=3" and y[2].morph.key != 0
    assert [t.head.i for t in y] == [1, 1, 1] and y[0].dep_ == "nsubj"
    assert [(e.text, e.label_) for e in y.ents] == [("pizza", "FOOD")]
    assert y.cats == {"FOOD": 1.0, "SPORT": 0.0}
    assert eg.get_aligned("POS", as_string=True) == ["PRON", "VERB", "NOUN"]
    assert eg.get_aligned("MORPH", as_string=True) == ["Case=Nom|Person=3", "Tense=Past", "_"]
    assert eg.get_aligned_parse() == ([1, 1, 1], ["nsubj", "ROOT", "dobj"])


def test_from_dict_sent_starts(nlp):
    eg = Example.from_dict(nlp.make_doc("Hi . Bye ."), {"sent_starts": [1, 0, 1, 0]})
    assert eg.get_aligned("SENT_START") == [1, 0, 1, 0]  # 0: unknown, as in spaCy
    explicit = Example.from_dict(nlp.make_doc("Hi . Bye ."),
                                 {"sent_starts": [True, False, True, False]})
    assert explicit.get_aligned("SENT_START") == [1, 2**64 - 1, 1, 2**64 - 1]  # -1 as uint64
    assert eg.get_aligned_sent_starts() == [True, False, True, False]
    unannotated = Example.from_dict(nlp.make_doc("Hi . Bye ."), {})
    assert unannotated.get_aligned_sent_starts() == [None] * 4


def test_from_dict_entities_as_biluo_and_missing(nlp):
    eg = Example.from_dict(nlp.make_doc("Ann met Bob Smith here"),
                           {"entities": ["U-PER", "O", "B-PER", "L-PER", "-"]})
    assert [(e.text, e.label_) for e in eg.reference.ents] == [("Ann", "PER"),
                                                                ("Bob Smith", "PER")]
    assert eg.get_aligned_ner() == ["U-PER", "O", "B-PER", "L-PER", None]
    assert eg.reference[4].ent_iob_ == ""


def test_from_dict_misaligned_entity_offsets_are_missing(nlp):
    with pytest.warns(UserWarning, match="W030"):
        eg = Example.from_dict(nlp.make_doc("Visit Berlin now"), {"entities": [(6, 9, "LOC")]})
    assert [t.ent_iob_ for t in eg.reference] == ["O", "", "O"]


def test_aligned_ner_across_tokenizations(nlp):
    x = doc(nlp, ["New", "York", "is", "big"])
    eg = Example.from_dict(x, {"words": ["New York", "is", "big"], "entities": [(0, 8, "GPE")]})
    assert eg.get_aligned_ner() == ["B-GPE", "L-GPE", "O", "O"]


def test_to_dict_round_trips(nlp):
    annotations = {"words": ["A", "dog", "barked", "."], "tags": ["DT", "NN", "VBD", "."],
                   "lemmas": ["a", "dog", "bark", "."], "entities": ["O", "U-ANIMAL", "O", "O"],
                   "cats": {"X": 1.0}, "heads": [1, 2, 2, 2], "deps": ["det", "nsubj", "ROOT", "p"]}
    eg = Example.from_dict(nlp.make_doc("A dog barked."), annotations)
    as_dict = eg.to_dict()
    assert as_dict["token_annotation"]["ORTH"] == ["A", "dog", "barked", "."]
    assert as_dict["doc_annotation"]["entities"] == ["O", "U-ANIMAL", "O", "O"]
    again = Example.from_dict(nlp.make_doc("A dog barked."), as_dict)
    assert again.to_dict() == as_dict


def test_from_dict_errors(nlp):
    with pytest.raises(ExampleError, match="unknown annotation key 'tagz'"):
        Example.from_dict(nlp.make_doc("a b"), {"tagz": ["X", "Y"]})
    with pytest.raises(ExampleError, match="2 words but 3 tags"):
        Example.from_dict(nlp.make_doc("a b"), {"tags": ["X", "Y", "Z"]})
    with pytest.raises(ExampleError, match="tags\\[1\\]"):
        Example.from_dict(nlp.make_doc("a b"), {"tags": ["X", 3]})
    with pytest.raises(ExampleError):
        Example.from_dict("a b", {})
    with pytest.raises(TypeError):  # ExampleError is a TypeError for wrong types, as in spaCy
        Example("a", doc(nlp, ["a"]))


def test_entity_tags_in_from_dict_are_read_as_spacys_strict_biluo(nlp):
    """spaCy reads from_dict's tags with tags_to_entities: IOB input's B- that no L- closes
    makes no entity (and no error), a missing tag inside an entity drops it, a stray I-/L-
    raises E067, "" or an unknown prefix E068."""
    def ents(tags):
        eg = Example.from_dict(doc(nlp, ["Peter", "Blackburn", "visited", "London"]),
                               {"entities": tags})
        return [(e.text, e.label_) for e in eg.reference.ents], eg.get_aligned_ner()

    assert ents(["B-PER", "L-PER", "O", "U-LOC"]) == (
        [("Peter Blackburn", "PER"), ("London", "LOC")], ["B-PER", "L-PER", "O", "U-LOC"])
    assert ents(["B-PER", "I-PER", "O", "B-LOC"]) == ([], ["O", "O", "O", "O"])
    assert ents(["B-PER", "L-LOC", "O", "O"])[0] == [("Peter Blackburn", "LOC")]
    assert ents(["-", "-", "O", "U-LOC"]) == ([("London", "LOC")], [None, None, "O", "U-LOC"])
    for tags, code in ((["I-PER", "L-PER", "O", "O"], "E067"), (["B-PER", "-", "L-PER", "O"],
                       "E067"), (["", "O", "O", "O"], "E068"), (["X-PER", "O", "O", "O"], "E068")):
        with pytest.raises(ValueError, match=code):
            ents(tags)


def test_split_sents(nlp):
    eg = Example.from_dict(nlp.make_doc("Hi . Bye now ."), {"sent_starts": [1, 0, 1, 0, 0],
                                                          "tags": ["A", "B", "C", "D", "E"]})
    parts = eg.split_sents()
    assert [p.text.strip() for p in parts] == ["Hi .", "Bye now ."]
    assert [t.tag_ for t in parts[1].reference] == ["C", "D", "E"]


def test_aligned_parse_projectivizes_the_reference_before_aligning(nlp):
    # Expected values are spaCy 3.8's for the same calls.
    words = ["a", "b", "c", "d"]
    cases = [([2, 1, 1, 1], ["x", "ROOT", "y", "z"], ([1, 1, 1, 1], ["x||y", "ROOT", "y", "z"])),
             ([2, 2, 2, 1], ["x", "y", "ROOT", "z"], ([2, 2, 2, 2], ["x", "y", "ROOT", "z||y"]))]
    for heads, deps, lifted in cases:
        eg = Example.from_dict(nlp.make_doc("a b c d"),
                               {"words": words, "heads": heads, "deps": deps})
        assert eg.get_aligned_parse(projectivize=False) == (heads, deps)
        assert eg.get_aligned_parse() == lifted  # projectivize=True is the default
    # a reference token split in two: both halves take its label; heads that point into
    # the split token (its own included) are unknown
    split = Example.from_dict(nlp.make_doc("in the 50's"),
                              {"words": ["in", "the", "50's"], "spaces": [True, True, False],
                               "heads": [2, 2, 2], "deps": ["case", "det", "ROOT"]})
    assert [t.text for t in split.x] == ["in", "the", "50", "'s"]
    assert split.get_aligned_parse() == ([None] * 4, ["case", "det", "ROOT", "ROOT"])


def test_unknown_annotation_key_is_a_key_error_too():
    doc = Doc(Vocab(), words=["a", "b"])
    for error in (KeyError, ExampleError, ValueError):
        with pytest.raises(error, match="unknown annotation key 'frumble'"):
            Example.from_dict(doc, {"frumble": ["x", "y"]})


def test_aligned_parse_gives_a_token_without_a_label_itself_as_head():
    heads, deps = [1, 1, 1, 1, 2, None], ["", "ROOT", "dobj", "cc", "conj", None]
    words = ["I", "like", "London", "and", "Berlin", "."]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    example = Example.from_dict(doc, {"heads": heads, "deps": deps})
    aligned_heads, aligned_deps = example.get_aligned_parse(projectivize=False)
    assert [t.head.i for t in example.reference] == [0, 1, 1, 1, 2, 5]
    assert aligned_heads == [0, 1, 1, 1, 2, 5]
    assert aligned_deps == ["", "ROOT", "dobj", "cc", "conj", ""]


@pytest.mark.parametrize("annotations", [
    {"entities": [("0", "4", "ORG")]}, {"links": [1]}, {"token_annotation": 5},
    {"doc_annotation": {"cats": 5}},
])
def test_from_dict_malformed_annotations_are_example_errors(annotations):
    nlp = lexloom.blank("en")
    with pytest.raises(ExampleError, match="from_dict"):
        Example.from_dict(nlp.make_doc("Acme sells rocks"), annotations)


def test_from_dict_entity_label_written_as_a_number_is_that_text():
    nlp = lexloom.blank("en")
    eg = Example.from_dict(nlp.make_doc("Acme sells rocks"), {"entities": [(0, 4, 5)]})
    assert [(e.text, e.label_) for e in eg.reference.ents] == [("Acme", "5")]


def test_to_dict_writes_missing_entity_annotation_as_O_as_spacy_does():
    nlp = lexloom.blank("en")
    words = ["I", "like", "London", "."]
    no_ner = Example.from_dict(nlp.make_doc("I like London."), {"words": words,
                                                               "tags": ["A", "B", "C", "D"]})
    assert no_ner.to_dict()["doc_annotation"]["entities"] == ["O", "O", "O", "O"]
    partial = Example.from_dict(nlp.make_doc("I like London."),
                                {"words": words, "entities": ["-", "O", "U-GPE", "-"]})
    assert partial.to_dict()["doc_annotation"]["entities"] == ["O", "O", "U-GPE", "O"]
    assert str(partial) == repr(partial) == str(partial.to_dict())


def test_missing_config_and_corpus_files_are_file_not_found_errors_as_in_spacy(tmp_path):
    from lexloom.training import Corpus
    from lexloom.util import load_config

    with pytest.raises(FileNotFoundError, match="nope.cfg"):
        load_config(tmp_path / "nope.cfg")
    with pytest.raises(FileNotFoundError, match="nope.spacy"):
        list(Corpus(tmp_path / "nope.spacy")(lexloom.blank("en")))
    with pytest.raises(FileNotFoundError):
        lexloom.blank("en").from_disk(tmp_path / "nope")


def test_heads_without_deps_are_missing_but_still_checked_and_to_dict_heads_are_token_heads():
    nlp = lexloom.blank("en")
    words = ["I", "like", "London", "."]
    with pytest.raises(ValueError, match=r"heads\[3\] is 9"):
        Example.from_dict(nlp.make_doc("I like London."), {"words": words, "heads": [1, 1, 1, 9]})
    eg = Example.from_dict(nlp.make_doc("I like London."),
                           {"words": words, "heads": [1, 1, 1, 2], "deps": ["a", "ROOT", "b", ""]})
    assert eg.to_dict()["token_annotation"]["HEAD"] == [t.head.i for t in eg.reference] \
        == [1, 1, 1, 3]  # the unlabelled arc is a missing head, as spaCy writes it


def test_alignment_compares_lower_cased_text_as_spacy_does():
    """'İ'.lower() is two characters ('i' + combining dot): the texts match once lower-cased."""
    from lexloom.training import Alignment

    align = Alignment.from_strings(["İa", "b"], ["i̇", "ab"])
    assert align.x2y.data.tolist() == [0, 1, 1] and align.x2y.lengths.tolist() == [2, 1]
    nlp = lexloom.blank("tr")
    eg = Example.from_dict(nlp.make_doc("İstanbul güzel"), {"words": ["i̇stanbul", "güzel"]})
    assert eg.alignment.x2y.data.tolist() == [0, 1]
    with pytest.raises(ValueError):
        Alignment.from_strings(["ab"], ["ac"])


def test_deps_without_heads_are_labels_only_as_in_spacy():
    """Example.from_dict with deps and no heads sets the labels and builds no tree: no
    sentence starts from it (Doc(deps=...) makes every token a root; spaCy's from_dict
    doesn't), while given sent_starts still count."""
    nlp = lexloom.blank("en")
    eg = Example.from_dict(nlp.make_doc("a b c"), {"deps": ["x", "ROOT", "y"]})
    ref = eg.reference
    assert [t.dep_ for t in ref] == ["x", "ROOT", "y"]
    assert [t.is_sent_start for t in ref] == [True, None, None]
    assert not ref.has_annotation("SENT_START") and ref.has_annotation("DEP")
    assert [s.text for s in eg.split_sents()] == ["a b c"]
    assert eg.get_aligned_parse(projectivize=False) == ([0, 1, 2], ["x", "ROOT", "y"])
    eg = Example.from_dict(nlp.make_doc("a b c"),
                           {"deps": ["x", None, "y"], "sent_starts": [1, 0, 1]})
    assert [t.is_sent_start for t in eg.reference] == [True, None, True]
    assert [t.dep_ for t in eg.reference] == ["x", "", "y"]


def test_entity_offsets_past_the_text_are_missing_with_w030_as_in_spacy():
    """An entity running past the text marks the tokens it covers missing, with W030 (it
    was an error); one wholly past the end marks nothing and says nothing."""
    import warnings

    nlp = lexloom.blank("en")

    def iob(ents):
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            eg = Example.from_dict(nlp.make_doc("a b c"), {"entities": ents})
        return [t.ent_iob_ for t in eg.reference], [str(w.message)[:6] for w in record]

    assert iob([(0, 100, "X")]) == (["", "", ""], ["[W030]"])
    assert iob([(2, 100, "X")]) == (["O", "", ""], ["[W030]"])
    assert iob([(50, 60, "X")]) == (["O", "O", "O"], [])
    # empty, reversed and unlabelled offsets mark nothing, as in spaCy
    assert iob([(0, 0, "X")]) == (["O", "O", "O"], [])
    assert iob([(3, 2, "X")]) == (["O", "O", "O"], [])
    assert iob([(1, 1, "X")]) == (["O", "O", "O"], [])
    assert iob([(0, 1, "")]) == (["O", "O", "O"], [])
    # read through BILUO tags as spaCy: a misaligned entity beside another is missing, not an
    # overlap (E1010 before); one over trailing whitespace touches no token and says nothing
    assert iob([(0, 2, "P"), (2, 3, "Q")]) == (["", "B", "O"], ["[W030]"])
    ws = Example.from_dict(nlp.make_doc("a b "), {"entities": [(3, 4, "P")]})
    assert [t.ent_iob_ for t in ws.reference] == ["O", "O"]
