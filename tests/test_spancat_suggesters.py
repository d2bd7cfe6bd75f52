"""The span categorizer's suggesters, registered under spaCy's names: n-grams of given sizes
or of a size range, and spans preset in a doc.spans group."""
import lexloom
from lexloom.registry import registry
from lexloom.tokens import Doc


def rows(ragged):
    return ragged.dataXd.tolist(), ragged.lengths.tolist()


def make_docs():
    vocab = lexloom.blank("en").vocab
    return [Doc(vocab, words=["a", "b", "c"]), Doc(vocab, words=["d"]),
            Doc(vocab, words=[])]


def test_ngram_suggester_sizes_in_order_then_starts():
    suggester = registry.misc.get("spacy.ngram_suggester.v1")(sizes=[2, 1])
    data, lengths = rows(suggester(make_docs()))
    assert data == [[0, 2], [1, 3], [0, 1], [1, 2], [2, 3], [0, 1]]
    assert lengths == [5, 1, 0]


def test_ngram_range_suggester_includes_both_ends():
    suggester = registry.misc.get("spacy.ngram_range_suggester.v1")(min_size=1, max_size=3)
    data, lengths = rows(suggester(make_docs()[:1]))
    assert data == [[0, 1], [1, 2], [2, 3], [0, 2], [1, 3], [0, 3]]
    assert lengths == [6]


def test_suggesters_with_nothing_to_suggest_give_an_empty_2d_array():
    suggester = registry.misc.get("spacy.ngram_suggester.v1")(sizes=[4])
    ragged = suggester(make_docs())
    assert ragged.dataXd.shape == (0, 0) and ragged.lengths.tolist() == [0, 0, 0]


def test_preset_spans_suggester_reads_the_group():
    docs = make_docs()
    docs[0].spans["cands"] = [docs[0][0:2], docs[0][2:3]]
    docs[1].spans["cands"] = []
    suggester = registry.misc.get("spacy.preset_spans_suggester.v1")(spans_key="cands")
    data, lengths = rows(suggester(docs[:2]))
    assert data == [[0, 2], [2, 3]] and lengths == [2, 0]


def test_spancat_factories_exist_with_spacys_defaults():
    nlp = lexloom.blank("en")
    spancat = nlp.add_pipe("spancat")
    single = nlp.add_pipe("spancat_singlelabel", name="single")
    assert spancat.key == "sc" and spancat.cfg["threshold"] == 0.5
    assert single.add_negative_label and single.cfg["max_positive"] == 1
    cfg = nlp.config["components"]["spancat"]["suggester"]
    assert cfg == {"@misc": "spacy.ngram_suggester.v1", "sizes": [1, 2, 3]}


def test_preset_spans_suggester_on_a_doc_without_the_group_is_a_keyerror():
    # spaCy's doc.spans[key] raises; a silent "no candidates" trained spancat on nothing
    import pytest

    docs = make_docs()
    docs[0].spans["cands"] = [docs[0][0:2]]
    suggester = registry.misc.get("spacy.preset_spans_suggester.v1")(spans_key="cands")
    with pytest.raises(KeyError, match="annotating_components"):
        suggester(docs[:2])


def test_spancat_update_with_a_gold_label_it_lacks_is_a_keyerror():
    import pytest

    from lexloom.training import Example

    for factory in ("spancat", "spancat_singlelabel"):
        nlp = lexloom.blank("en")
        spancat = nlp.add_pipe(factory)
        doc = nlp.make_doc("Alice met Bob")
        eg = Example.from_dict(doc, {"spans": {"sc": [(0, 5, "PER")]}})
        nlp.initialize(lambda: [eg])
        unknown = Example.from_dict(nlp.make_doc("Alice met Bob"),
                                    {"spans": {"sc": [(0, 5, "PER"), (10, 13, "ZZZ")]}})
        with pytest.raises(KeyError, match="'ZZZ'"):
            nlp.update([unknown])
        assert spancat.labels == ("PER",)
        assert nlp.update([eg])[factory] >= 0.0
