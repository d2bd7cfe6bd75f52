"""span_ruler: token and phrase patterns become doc.spans[spans_key] (every distinct match,
overlaps kept, in spaCy's Span order) and, with annotate_ents, doc.ents through ents_filter;
ids become span ids; patterns save as a `patterns` JSONL file and as bytes.
Expected values were derived by hand and checked against spaCy 3.8."""
import pytest

import lexloom
from lexloom.errors import (DeserializationError, PipelineError, RulerPatternError,
                            UnknownPatternError)
from lexloom.pipeline import SpanRuler
from lexloom.registry import registry
from lexloom.tokens import Span
from lexloom.training import Example

PATTERNS = [
    {"label": "GPE", "pattern": "New York"},
    {"label": "CITY", "pattern": "New York City", "id": "nyc"},
    {"label": "X", "pattern": "York City Hall"},
    {"label": "B", "pattern": [{"LOWER": "new"}, {"LOWER": "york", "OP": "?"}]},
    {"label": "GPE", "pattern": [{"LOWER": "new"}, {"LOWER": "york"}]},
]
OVERLAPPING = [{"label": "FOOBAR", "pattern": "foo bar"},
               {"label": "BARBAZ", "pattern": "bar baz"}]


def spans(group):
    return [(s.text, s.label_, s.id_) for s in group]


@pytest.fixture
def nlp():
    return lexloom.blank("en")


def test_factory_config_is_spacys(nlp):
    ruler = nlp.add_pipe("span_ruler")
    assert isinstance(ruler, SpanRuler)
    cfg = nlp.get_pipe_config("span_ruler")
    assert cfg["spans_key"] == "ruler" and cfg["spans_filter"] is None
    assert cfg["annotate_ents"] is False and cfg["overwrite"] is True
    assert cfg["ents_filter"] == {"@misc": "spacy.first_longest_spans_filter.v1"}
    assert cfg["scorer"] == {"@scorers": "spacy.overlapping_labeled_spans_scorer.v1",
                             "spans_key": "ruler"}
    assert ruler.key == "ruler"


def test_every_distinct_match_in_span_order(nlp):
    ruler = nlp.add_pipe("span_ruler")
    ruler.add_patterns(PATTERNS)
    doc = nlp("I love New York City Hall")
    # two patterns find (GPE, "New York"): kept once; ties at one position are ordered by
    # label hash, as spaCy orders Spans (hash("GPE") < hash("B"))
    assert spans(doc.spans["ruler"]) == [("New", "B", ""), ("New York", "GPE", ""),
                                         ("New York", "B", ""), ("New York City", "CITY", "nyc"),
                                         ("York City Hall", "X", "")]
    strings = nlp.vocab.strings
    assert strings["GPE"] < strings["B"]
    assert doc.ents == ()


def test_properties(nlp):
    ruler = nlp.add_pipe("span_ruler")
    ruler.add_patterns(PATTERNS)
    assert len(ruler) == 5
    assert ruler.labels == ("B", "CITY", "GPE", "X")
    assert ruler.ids == ("nyc",)
    assert "GPE" in ruler and "CITY" in ruler and "nyc" not in ruler
    assert ruler.patterns == PATTERNS


def test_annotate_ents_with_the_default_filter(nlp):
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": None, "annotate_ents": True})
    ruler.add_patterns(PATTERNS)
    doc = nlp("I love New York City Hall")
    assert [(e.text, e.label_, e.id_) for e in doc.ents] == [("New York City", "CITY", "nyc")]
    assert doc[2].ent_id_ == "nyc"
    assert "ruler" not in doc.spans


def test_overwrite_false_keeps_existing_spans_and_spans_filter_sees_them(nlp):
    first = nlp.add_pipe("span_ruler")
    first.add_patterns(PATTERNS)
    second = nlp.add_pipe("span_ruler", name="second", config={
        "overwrite": False, "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"}})
    second.add_patterns([{"label": "LOVE", "pattern": "love"},
                         {"label": "XX", "pattern": "City Hall"}])
    doc = nlp("I love New York City Hall")
    # as spaCy: the filter gets (existing, matches) and its result is appended to existing
    assert [(s.text, s.label_) for s in doc.spans["ruler"]] == [
        ("New", "B"), ("New York", "GPE"), ("New York", "B"), ("New York City", "CITY"),
        ("York City Hall", "X"), ("love", "LOVE"), ("New York City", "CITY")]


def test_overwrite_true_replaces_the_group(nlp):
    ruler = nlp.add_pipe("span_ruler")
    ruler.add_patterns(OVERLAPPING)
    doc = nlp.make_doc("foo bar baz")
    doc.spans["ruler"] = [Span(doc, 0, 1, label="OLD")]
    assert [s.label_ for s in ruler(doc).spans["ruler"]] == ["FOOBAR", "BARBAZ"]


def test_spans_filter(nlp):
    ruler = nlp.add_pipe("span_ruler", config={
        "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"}})
    ruler.add_patterns(OVERLAPPING)
    assert spans(nlp("foo bar baz").spans["ruler"]) == [("foo bar", "FOOBAR", "")]


def test_prioritize_new_ents_filter(nlp):
    ruler = nlp.add_pipe("span_ruler", config={
        "annotate_ents": True, "overwrite": False,
        "ents_filter": {"@misc": "spacy.prioritize_new_ents_filter.v1"}})
    ruler.add_patterns(OVERLAPPING)
    doc = nlp.make_doc("foo bar baz a b c")
    doc.ents = [Span(doc, 1, 3, label="BARBAZ"), Span(doc, 3, 6, label="ABC")]
    doc = ruler(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("foo bar", "FOOBAR"), ("a b c", "ABC")]


def test_prioritize_existing_ents_filter(nlp):
    ruler = nlp.add_pipe("span_ruler", config={
        "annotate_ents": True, "overwrite": False,
        "ents_filter": {"@misc": "spacy.prioritize_existing_ents_filter.v1"}})
    ruler.add_patterns(OVERLAPPING + [{"label": "C", "pattern": "c"}])
    doc = nlp.make_doc("foo bar baz a b c")
    doc.ents = [Span(doc, 1, 2, label="BAR")]
    doc = ruler(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("bar", "BAR"), ("c", "C")]


def test_filters_resolve_under_spacys_names():
    from lexloom.pipeline.span_ruler import (prioritize_existing_ents_filter,
                                             prioritize_new_ents_filter)
    from lexloom.util import filter_chain_spans

    assert registry.misc.get("spacy.first_longest_spans_filter.v1")() is filter_chain_spans
    assert registry.misc.get("spacy.prioritize_new_ents_filter.v1")() is \
        prioritize_new_ents_filter
    assert registry.misc.get("spacy.prioritize_existing_ents_filter.v1")() is \
        prioritize_existing_ents_filter


def test_filter_spans_longest_then_earliest(nlp):
    from lexloom.util import filter_spans

    doc = nlp.make_doc("a b c d e")
    candidates = [Span(doc, 1, 3, label="BC"), Span(doc, 0, 2, label="AB"),
                  Span(doc, 2, 5, label="CDE"), Span(doc, 4, 5, label="E"),
                  Span(doc, 0, 1, label="A")]
    assert [s.label_ for s in filter_spans(candidates)] == ["AB", "CDE"]


def test_an_overlapping_ents_filter_is_a_clear_error(nlp):
    @registry.misc("test_span_ruler.pass_through.v1")
    def make_pass_through():
        return lambda ents, spans: list(ents) + list(spans)

    ruler = nlp.add_pipe("span_ruler", config={
        "annotate_ents": True, "ents_filter": {"@misc": "test_span_ruler.pass_through.v1"}})
    ruler.add_patterns(OVERLAPPING)
    with pytest.raises(PipelineError, match="ents_filter"):
        nlp("foo bar baz")


def test_phrase_matcher_attr_lower(nlp):
    ruler = nlp.add_pipe("span_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns([{"label": "ORG", "pattern": "ACME Corp"}])
    assert spans(nlp("acme corp and Acme CORP").spans["ruler"]) == [
        ("acme corp", "ORG", ""), ("Acme CORP", "ORG", "")]


def test_remove_remove_by_id_and_clear(nlp):
    ruler = nlp.add_pipe("span_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Dina", "id": "dina"},
                        {"label": "ORG", "pattern": "ACME", "id": "acme"},
                        {"label": "ORG", "pattern": [{"LOWER": "acme"}, {"LOWER": "inc"}]}])
    text = "Dina founded ACME Inc"
    assert [s.label_ for s in nlp(text).spans["ruler"]] == ["PERSON", "ORG", "ORG"]
    ruler.remove("PERSON")
    assert "PERSON" not in ruler and len(ruler) == 2
    assert spans(nlp(text).spans["ruler"]) == [("ACME", "ORG", "acme"), ("ACME Inc", "ORG", "")]
    ruler.remove_by_id("acme")
    assert spans(nlp(text).spans["ruler"]) == [("ACME Inc", "ORG", "")]
    assert ruler.ids == ()
    with pytest.raises(UnknownPatternError, match="'PERSON'"):
        ruler.remove("PERSON")
    with pytest.raises(ValueError, match="'acme'"):
        ruler.remove_by_id("acme")
    ruler.clear()
    assert len(ruler) == 0 and ruler.labels == ()
    with pytest.warns(UserWarning, match="W036"):
        assert list(nlp(text).spans["ruler"]) == []


def test_initialize_replaces_patterns(nlp):
    ruler = nlp.add_pipe("span_ruler")
    ruler.add_patterns(OVERLAPPING)
    ruler.initialize(lambda: [], nlp=nlp, patterns=[{"label": "Q", "pattern": "baz"}])
    assert spans(nlp("foo bar baz").spans["ruler"]) == [("baz", "Q", "")]


def test_scorer(nlp):
    ruler = nlp.add_pipe("span_ruler")
    ruler.add_patterns(OVERLAPPING)
    pred = nlp("foo bar baz")
    ref = nlp.make_doc("foo bar baz")
    ref.spans["ruler"] = [Span(ref, 0, 2, label="FOOBAR"), Span(ref, 0, 1, label="FOO")]
    scores = ruler.score([Example(pred, ref)])
    # predicted FOOBAR (right) and BARBAZ (wrong); gold FOOBAR and FOO
    assert scores["spans_ruler_p"] == 0.5 and scores["spans_ruler_r"] == 0.5
    assert scores["spans_ruler_per_type"]["FOOBAR"]["f"] == 1.0
    scorer = registry.scorers.get("spacy.overlapping_labeled_spans_scorer.v1")(spans_key="x")
    assert scorer([Example(pred, ref)])["spans_x_f"] is None  # no gold under "x"


# ---- saving --------------------------------------------------------------------------------

# the exact bytes spaCy 3.8 writes to span_ruler/patterns
SPACY_PATTERNS = ('{"label":"ORG","pattern":"Apple Inc.","id":"apple"}\n'
                  '{"label":"GPE","pattern":[{"LOWER":"san"},{"LOWER":"francisco"}]}\n')


def test_to_disk_writes_spacys_file(nlp, tmp_path):
    ruler = nlp.add_pipe("span_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "Apple Inc.", "id": "apple"},
                        {"label": "GPE", "pattern": [{"LOWER": "san"}, {"LOWER": "francisco"}]}])
    ruler.to_disk(tmp_path / "sr")
    assert [p.name for p in (tmp_path / "sr").iterdir()] == ["patterns"]
    assert (tmp_path / "sr" / "patterns").read_text() == SPACY_PATTERNS


def test_spacy_written_patterns_load(nlp, tmp_path):
    (tmp_path / "sr").mkdir()
    (tmp_path / "sr" / "patterns").write_text(SPACY_PATTERNS)
    ruler = nlp.add_pipe("span_ruler").from_disk(tmp_path / "sr")
    assert spans(nlp("Apple Inc. in San Francisco").spans["ruler"]) == [
        ("Apple Inc.", "ORG", "apple"), ("San Francisco", "GPE", "")]
    assert len(ruler) == 2


def test_disk_and_bytes_round_trips(nlp, tmp_path):
    import srsly

    ruler = nlp.add_pipe("span_ruler")
    ruler.add_patterns(PATTERNS)
    text = "I love New York City Hall"
    expected = spans(nlp(text).spans["ruler"])
    ruler.to_disk(tmp_path / "sr")
    for loaded in (SpanRuler(lexloom.blank("en")).from_disk(tmp_path / "sr"),
                   SpanRuler(lexloom.blank("en")).from_bytes(ruler.to_bytes())):
        assert loaded.patterns == PATTERNS
        assert spans(loaded(loaded.nlp.make_doc(text)).spans["ruler"]) == expected
    msg = srsly.msgpack_loads(ruler.to_bytes())
    assert list(msg) == ["patterns"] and srsly.json_loads(msg["patterns"]) == PATTERNS


def test_pipeline_saves_and_loads(nlp, tmp_path):
    nlp.add_pipe("span_ruler", config={"annotate_ents": True}).add_patterns(PATTERNS)
    nlp.to_disk(tmp_path / "p")
    loaded = lexloom.load(tmp_path / "p")
    text = "I love New York City Hall"
    assert spans(loaded(text).spans["ruler"]) == spans(nlp(text).spans["ruler"])
    assert [e.text for e in loaded(text).ents] == ["New York City"]


# ---- bad input -------------------------------------------------------------------------------

def test_bad_entries(nlp):
    ruler = nlp.add_pipe("span_ruler")
    with pytest.raises(RulerPatternError, match="no 'label'"):
        ruler.add_patterns([{"pattern": "x"}])
    with pytest.raises(KeyError):  # spaCy raises KeyError for a missing key
        ruler.add_patterns([{"label": "x"}])
    with pytest.raises(ValueError, match="'pattern' must be"):
        ruler.add_patterns([{"label": "X", "pattern": {"LOWER": "x"}}])
    assert len(ruler) == 0


def test_malformed_token_pattern_names_the_pattern(nlp):
    from lexloom.errors import MatchPatternError

    ruler = nlp.add_pipe("span_ruler", config={"validate": True})
    with pytest.raises(MatchPatternError, match="BADKEY|badkey") as info:
        ruler.add_patterns([{"label": "ORG", "pattern": [{"BADKEY": "x"}]}])
    assert "ORG" in str(info.value)
    assert len(ruler) == 0 and "ORG" not in ruler


def test_corrupt_patterns_file_names_file_and_line(nlp, tmp_path):
    (tmp_path / "sr").mkdir()
    (tmp_path / "sr" / "patterns").write_text('{"label":"A","pattern":"a"}\nnot json\n')
    with pytest.raises(DeserializationError, match=r"patterns:2"):
        nlp.add_pipe("span_ruler").from_disk(tmp_path / "sr")


def test_from_disk_needs_a_folder(nlp, tmp_path):
    with pytest.raises(DeserializationError, match="not a folder"):
        nlp.add_pipe("span_ruler").from_disk(tmp_path / "missing")


# ---- property: doc.spans holds every distinct occurrence, in Span order -----------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

WORDS = ["a", "b", "c"]
BLANK = lexloom.blank("en")


@settings(max_examples=50, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), max_size=10),
       phrases=st.lists(st.tuples(st.sampled_from(["P", "Q"]),
                                  st.lists(st.sampled_from(WORDS), min_size=1, max_size=3)),
                        min_size=1, max_size=6))
def test_spans_are_every_occurrence(words, phrases):
    nlp = BLANK
    ruler = SpanRuler(nlp, annotate_ents=True)
    # the same phrase may come twice, under one label or two, as phrase or token pattern
    ruler.add_patterns([{"label": label, "pattern": " ".join(p)} if i % 2 else
                        {"label": label, "pattern": [{"TEXT": w} for w in p]}
                        for i, (label, p) in enumerate(phrases)])
    doc = ruler(nlp.make_doc(" ".join(words)))
    strings = nlp.vocab.strings
    expected = sorted({(i, i + len(p), strings[label]) for label, p in phrases
                       for i in range(len(words) - len(p) + 1) if words[i:i + len(p)] == p})
    assert [(s.start, s.end, s.label) for s in doc.spans["ruler"]] == expected
    # doc.ents: the first-longest filter over them
    kept, taken = [], set()
    for start, end, label in sorted(expected, key=lambda m: (-(m[1] - m[0]), m[0])):
        if start not in taken and end - 1 not in taken:
            kept.append((start, end, label))
            taken.update(range(start, end))
    assert sorted((e.start, e.end, e.label) for e in doc.ents) == sorted(kept)
