"""entity_ruler: token and phrase patterns become doc.ents; ids become ent_id_; overlaps go to
the longest, then earliest match; existing entities stay unless overwrite_ents; patterns save
to patterns.jsonl + cfg (or one .jsonl) and to bytes, and spaCy-written files load.
Expected values were derived by hand and checked against spaCy 3.8."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lexloom
from lexloom.errors import DeserializationError, RulerPatternError, UnknownPatternError
from lexloom.pipeline import EntityRuler
from lexloom.tokens import Span

PATTERNS = [
    {"label": "GPE", "pattern": "New York"},
    {"label": "CITY", "pattern": "New York City"},
    {"label": "X", "pattern": "York City Hall"},
    {"label": "L1", "pattern": "a b"},
    {"label": "L2", "pattern": "b c"},
    {"label": "ORG", "pattern": "Apple", "id": "apple"},
    {"label": "ORG", "pattern": [{"LOWER": "apple"}, {"LOWER": "inc"}], "id": "apple"},
]


def ents(doc):
    return [(e.text, e.label_, e.ent_id_) for e in doc.ents]


@pytest.fixture
def nlp():
    return lexloom.blank("en")


@pytest.fixture
def ruler_nlp(nlp):
    nlp.add_pipe("entity_ruler").add_patterns(PATTERNS)
    return nlp


def test_factory_config_is_spacys(nlp):
    ruler = nlp.add_pipe("entity_ruler")
    assert isinstance(ruler, EntityRuler)
    cfg = nlp.get_pipe_config("entity_ruler")
    assert cfg["phrase_matcher_attr"] is None
    assert cfg["validate"] is False and cfg["overwrite_ents"] is False
    assert cfg["ent_id_sep"] == "||"
    assert cfg["matcher_fuzzy_compare"] == {"@misc": "spacy.levenshtein_compare.v1"}
    assert cfg["scorer"] == {"@scorers": "spacy.entity_ruler_scorer.v1"}
    from lexloom.pipeline.entityruler import EntityRuler as SpacyPathEntityRuler  # spaCy's path

    assert SpacyPathEntityRuler is EntityRuler


def test_token_and_phrase_patterns_longest_then_earliest(ruler_nlp):
    # "New York City" (3 tokens) beats "New York"; it ties with "York City Hall" and is earlier;
    # "a b" ties with "b c" and is earlier; the token pattern "Apple Inc" beats the phrase "Apple"
    doc = ruler_nlp("I love New York City Hall and a b c and Apple Inc and apple")
    assert ents(doc) == [("New York City", "CITY", ""), ("a b", "L1", ""),
                         ("Apple Inc", "ORG", "apple")]
    assert [t.ent_iob_ for t in doc[2:6]] == ["B", "I", "I", "O"]
    assert doc[11].ent_id_ == "apple" and doc[12].ent_id_ == "apple"


def test_properties(ruler_nlp):
    ruler = ruler_nlp.get_pipe("entity_ruler")
    assert len(ruler) == 7
    assert ruler.labels == ("CITY", "GPE", "L1", "L2", "ORG", "X")
    assert set(ruler.ent_ids) == {"apple"}
    # membership is by match key, as in spaCy: patterns with an id are keyed "LABEL||ID"
    assert "GPE" in ruler and "ORG||apple" in ruler and "ORG" not in ruler
    # token patterns first, then phrases, grouped by key in first-added order
    assert ruler.patterns == [PATTERNS[6]] + PATTERNS[:6]


def test_existing_entities_are_kept(ruler_nlp):
    doc = ruler_nlp.make_doc("Apple Inc buys New York City")
    doc.ents = [Span(doc, 1, 2, label="X"), Span(doc, 3, 5, label="Y")]
    doc = ruler_nlp.get_pipe("entity_ruler")(doc)
    # "Apple Inc" and "New York City" touch existing entities; the phrase "Apple" doesn't
    assert [(e.text, e.label_) for e in doc.ents] == [("Apple", "ORG"), ("Inc", "X"),
                                                      ("New York", "Y")]


def test_overwrite_ents_replaces_overlapping_entities_only(nlp):
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns(PATTERNS)
    doc = nlp.make_doc("Apple Inc buys New York City")
    doc.ents = [Span(doc, 1, 2, label="X"), Span(doc, 2, 3, label="Z"), Span(doc, 3, 5, label="Y")]
    doc = ruler(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Apple Inc", "ORG"), ("buys", "Z"),
                                                      ("New York City", "CITY")]


def test_missing_entity_annotation_becomes_outside(ruler_nlp):
    doc = ruler_nlp.make_doc("nothing here")
    assert [t.ent_iob_ for t in doc] == ["", ""]
    ruler_nlp.get_pipe("entity_ruler")(doc)
    assert [t.ent_iob_ for t in doc] == ["O", "O"]


def test_ent_id_sep_and_phrase_matcher_attr(nlp):
    ruler = nlp.add_pipe("entity_ruler", config={"ent_id_sep": "**",
                                                 "phrase_matcher_attr": "LOWER"})
    ruler.add_patterns([{"label": "ORG", "pattern": "ACME corp", "id": "acme"},
                        {"label": "PER", "pattern": [{"ORTH": "Ann"}], "id": "ann"}])
    assert "ORG**acme" in ruler and ruler.labels == ("ORG", "PER")
    assert ents(nlp("acme CORP hired Ann")) == [("acme CORP", "ORG", "acme"),
                                                ("Ann", "PER", "ann")]


def test_label_holding_the_separator_without_an_id(nlp):
    # spaCy keeps the label whole on the entity but splits it in .patterns / .ent_ids
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "A||B", "pattern": "zed"}])
    assert ents(nlp("zed")) == [("zed", "A||B", "")]
    assert ruler.patterns == [{"label": "A", "pattern": "zed", "id": "B"}]
    assert ruler.labels == ("A",) and ruler.ent_ids == ("B",)


def test_remove_by_id(ruler_nlp):
    ruler = ruler_nlp.get_pipe("entity_ruler")
    ruler.remove("apple")
    assert len(ruler) == 5 and ruler.ent_ids == ()
    assert ents(ruler_nlp("Apple Inc in New York")) == [("New York", "GPE", "")]
    with pytest.raises(UnknownPatternError, match="'apple'"):
        ruler.remove("apple")
    with pytest.raises(ValueError):  # spaCy raises ValueError
        ruler.remove("GPE")  # a label, not an id
    ruler.add_patterns([{"label": "ORG", "pattern": "Apple", "id": "apple"}])
    assert ents(ruler_nlp("Apple")) == [("Apple", "ORG", "apple")]


def test_clear_initialize_and_no_patterns_warning(ruler_nlp):
    ruler = ruler_nlp.get_pipe("entity_ruler")
    ruler.initialize(lambda: [], patterns=[{"label": "Q", "pattern": "b c"}])
    assert len(ruler) == 1 and ents(ruler_nlp("a b c")) == [("b c", "Q", "")]
    ruler.clear()
    assert len(ruler) == 0
    with pytest.warns(UserWarning, match="W036"):
        assert ents(ruler_nlp("a b c")) == []


def test_patterns_from_the_initialize_block():
    nlp = lexloom.blank("en")
    nlp.add_pipe("entity_ruler")
    config = nlp.config
    config["initialize"]["components"]["entity_ruler"] = {
        "patterns": [{"label": "ORG", "pattern": "Acme"}]}
    nlp2 = type(nlp).from_config(config)
    assert len(nlp2.get_pipe("entity_ruler")) == 0
    nlp2.initialize()
    assert ents(nlp2("Acme rises")) == [("Acme", "ORG", "")]


def test_pipe_processes_a_stream(ruler_nlp):
    docs = list(ruler_nlp.pipe(["New York", "a b c", "nothing"]))
    assert [ents(d) for d in docs] == [[("New York", "GPE", "")], [("a b", "L1", "")], []]


CALLS = []


def _register_probe_components():
    from lexloom.language import Language

    if Language.has_factory("test_er_pos_tagger"):
        return

    @Language.component("test_er_pos_tagger")
    def tag(doc):
        CALLS.append(doc.text)
        for t in doc:
            t.pos_ = "PROPN" if t.text[:1].isupper() else "NOUN"
        return doc

    @Language.component("test_er_after")
    def after(doc):
        CALLS.append("after:" + doc.text)
        return doc


@pytest.mark.parametrize("attr,pattern_runs", [("POS", ["Alice Smith"]),
                                               ("LOWER", ["Alice Smith"]),
                                               (None, ["Alice Smith"])])
def test_phrase_patterns_see_the_components_before_the_ruler(attr, pattern_runs):
    """Pattern Docs go through the components before the ruler, as spaCy's, never through
    the ruler or those after it. (For a lexical attribute with only lexloom's own
    non-retokenizing components before the ruler, the tokenizer alone makes them; a user's
    component may merge tokens, so it always runs.)"""
    _register_probe_components()
    nlp = lexloom.blank("en")
    nlp.add_pipe("test_er_pos_tagger")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": attr})
    nlp.add_pipe("test_er_after")
    CALLS.clear()
    ruler.add_patterns([{"label": "NAME", "pattern": "Alice Smith"}])
    assert CALLS == pattern_runs
    doc = nlp("yesterday Bob Jones met Carol")
    if attr == "POS":  # any two capitalised words in a row
        assert ents(doc) == [("Bob Jones", "NAME", "")]
    else:
        assert ents(doc) == []
        assert ents(nlp("alice SMITH")) == ([("alice SMITH", "NAME", "")] if attr else [])


def test_fuzzy_patterns_and_matcher_fuzzy_compare():
    from lexloom.registry import registry

    nlp = lexloom.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(
        [{"label": "FRUIT", "pattern": [{"LOWER": {"FUZZY": "apple"}}]}])
    assert ents(nlp("I like aple")) == [("aple", "FRUIT", "")]

    @registry.misc("test_entity_ruler.never_fuzzy.v1")
    def make_never():
        return lambda input_text, pattern_text, fuzzy: False

    strict = lexloom.blank("en")
    strict.add_pipe("entity_ruler", config={
        "matcher_fuzzy_compare": {"@misc": "test_entity_ruler.never_fuzzy.v1"}}).add_patterns(
        [{"label": "FRUIT", "pattern": [{"LOWER": {"FUZZY": "apple"}}]}])
    assert ents(strict("I like aple")) == []


def test_phrase_patterns_are_retokenized_like_the_docs():
    # a component before the ruler that retokenizes also splits the pattern Docs
    nlp = lexloom.blank("en")
    nlp.add_pipe("token_splitter", config={"min_length": 6, "split_length": 3})
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "LONG", "pattern": "abcdefgh"}])
    doc = nlp("x abcdefgh y")
    assert [t.text for t in doc] == ["x", "abc", "def", "gh", "y"]
    assert ents(doc) == [("abcdefgh", "LONG", "")]


# ---- saving ----------------------------------------------------------------------------

def test_to_disk_writes_spacys_files(ruler_nlp, tmp_path):
    ruler = ruler_nlp.get_pipe("entity_ruler")
    ruler.to_disk(tmp_path / "er")
    assert sorted(p.name for p in (tmp_path / "er").iterdir()) == ["cfg", "patterns.jsonl"]
    lines = (tmp_path / "er" / "patterns.jsonl").read_text().splitlines()
    assert lines[0] == ('{"label":"ORG","pattern":[{"LOWER":"apple"},{"LOWER":"inc"}],'
                        '"id":"apple"}')
    assert lines[1] == '{"label":"GPE","pattern":"New York"}'
    assert json.loads((tmp_path / "er" / "cfg").read_text()) == {
        "overwrite": False, "phrase_matcher_attr": None, "ent_id_sep": "||"}


@pytest.mark.parametrize("target", ["er", "er.jsonl"])
def test_disk_round_trip(ruler_nlp, tmp_path, target):
    ruler = ruler_nlp.get_pipe("entity_ruler")
    ruler.to_disk(tmp_path / target)
    new = EntityRuler(lexloom.blank("en")).from_disk(tmp_path / target)
    assert new.patterns == ruler.patterns and len(new) == 7
    doc = new(new.nlp.make_doc("Apple Inc in New York City"))
    assert ents(doc) == [("Apple Inc", "ORG", "apple"), ("New York City", "CITY", "")]


def test_from_disk_finds_the_jsonl_beside_a_path(ruler_nlp, tmp_path):
    ruler_nlp.get_pipe("entity_ruler").to_disk(tmp_path / "pats.jsonl")
    new = EntityRuler(lexloom.blank("en")).from_disk(tmp_path / "pats")
    assert len(new) == 7


def test_cfg_settings_load_with_the_patterns(tmp_path):
    nlp = lexloom.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True, "ent_id_sep": "##",
                                                 "phrase_matcher_attr": "LOWER"})
    ruler.add_patterns([{"label": "ORG", "pattern": "acme", "id": "a"}])
    for restored in (EntityRuler(lexloom.blank("en")).from_bytes(ruler.to_bytes()),
                     (ruler.to_disk(tmp_path / "r"),
                      EntityRuler(lexloom.blank("en")).from_disk(tmp_path / "r"))[1]):
        assert restored.overwrite is True and restored.ent_id_sep == "##"
        assert restored.phrase_matcher_attr == "LOWER"
        assert "ORG##a" in restored
        # phrase patterns survive from_bytes too (spaCy 3.8 drops them there)
        assert ents(restored(restored.nlp.make_doc("ACME"))) == [("ACME", "ORG", "a")]


def test_bytes_round_trip_and_bare_pattern_list(ruler_nlp):
    import srsly

    ruler = ruler_nlp.get_pipe("entity_ruler")
    new = EntityRuler(lexloom.blank("en")).from_bytes(ruler.to_bytes())
    assert new.patterns == ruler.patterns
    assert set(srsly.msgpack_loads(ruler.to_bytes())) == {"overwrite", "ent_id_sep",
                                                          "phrase_matcher_attr", "patterns"}
    bare = EntityRuler(lexloom.blank("en")).from_bytes(srsly.msgpack_dumps(PATTERNS[:2]))
    assert bare.patterns == PATTERNS[:2]


# the exact bytes spaCy 3.8 writes (EntityRuler.to_disk) for the patterns below
SPACY_PATTERNS_JSONL = (
    '{"label":"GPE","pattern":[{"LOWER":"san"},{"LOWER":"francisco"}]}\n'
    '{"label":"ORG","pattern":"Apple Inc.","id":"apple"}\n'
    '{"label":"PERSON","pattern":"Zo\\u00eb / \\u201cx\\u201d"}\n')
SPACY_CFG = '{\n  "overwrite":false,\n  "phrase_matcher_attr":null,\n  "ent_id_sep":"||"\n}'


def test_spacy_written_patterns_load(tmp_path):
    folder = tmp_path / "entity_ruler"
    folder.mkdir()
    (folder / "patterns.jsonl").write_text(SPACY_PATTERNS_JSONL)
    (folder / "cfg").write_text(SPACY_CFG)
    nlp = lexloom.blank("en")
    ruler = nlp.add_pipe("entity_ruler").from_disk(folder)
    assert ruler.patterns == [
        {"label": "GPE", "pattern": [{"LOWER": "san"}, {"LOWER": "francisco"}]},
        {"label": "ORG", "pattern": "Apple Inc.", "id": "apple"},
        {"label": "PERSON", "pattern": "Zo\u00eb / \u201cx\u201d"}]
    assert ents(nlp("Apple Inc. moved to San Francisco")) == [
        ("Apple Inc.", "ORG", "apple"), ("San Francisco", "GPE", "")]
    # and lexloom writes the same bytes back
    ruler.to_disk(tmp_path / "again")
    assert (tmp_path / "again" / "patterns.jsonl").read_text() == SPACY_PATTERNS_JSONL
    assert (tmp_path / "again" / "cfg").read_text().strip() == SPACY_CFG


def test_pipeline_saves_and_loads(ruler_nlp, tmp_path):
    ruler_nlp.to_disk(tmp_path / "pipe")
    assert (tmp_path / "pipe" / "entity_ruler" / "patterns.jsonl").is_file()
    loaded = lexloom.load(tmp_path / "pipe")
    text = "I love New York City Hall and a b c and Apple Inc"
    assert ents(loaded(text)) == ents(ruler_nlp(text))
    assert loaded.get_pipe("entity_ruler").patterns == ruler_nlp.get_pipe("entity_ruler").patterns


# ---- bad input ---------------------------------------------------------------------------

@pytest.mark.parametrize("bad,fragment", [
    ({"pattern": "x"}, "no 'label'"),
    ({"label": "X"}, "no 'pattern'"),
    ({"label": 3, "pattern": "x"}, "'label' must be a str"),
    ({"label": "X", "pattern": 5}, "'pattern' must be a phrase"),
    ({"label": "X", "pattern": ["a"]}, "token 0"),
    ({"label": "X", "pattern": "x", "id": 7}, "'id' must be a str"),
    ("X", "not a dict"),
])
def test_bad_pattern_entries(nlp, bad, fragment):
    ruler = nlp.add_pipe("entity_ruler")
    with pytest.raises(RulerPatternError, match=fragment) as info:
        ruler.add_patterns([{"label": "OK", "pattern": "fine"}, bad])
    assert "pattern #1" in str(info.value)
    assert isinstance(info.value, ValueError) and isinstance(info.value, KeyError)
    assert len(ruler) == 0  # nothing half-added


def test_add_patterns_wants_a_list(nlp):
    with pytest.raises(RulerPatternError, match="list of pattern dicts"):
        nlp.add_pipe("entity_ruler").add_patterns({"label": "X", "pattern": "x"})


def test_malformed_token_pattern_names_the_pattern(nlp):
    from lexloom.errors import MatchPatternError

    ruler = nlp.add_pipe("entity_ruler", config={"validate": True})
    with pytest.raises(MatchPatternError, match="BADKEY|badkey") as info:
        ruler.add_patterns([{"label": "ORG", "pattern": [{"BADKEY": "x"}], "id": "acme"}])
    assert "ORG||acme" in str(info.value)
    assert len(ruler) == 0 and "ORG||acme" not in ruler


def test_corrupt_jsonl_line_names_file_and_line(tmp_path):
    path = tmp_path / "patterns.jsonl"
    path.write_text('{"label":"A","pattern":"a"}\n\n{"label": "B", "pattern": \n')
    with pytest.raises(DeserializationError, match=r"patterns\.jsonl:3"):
        EntityRuler(lexloom.blank("en")).from_disk(path)


def test_from_disk_missing_path(tmp_path):
    with pytest.raises(DeserializationError, match="doesn't exist"):
        EntityRuler(lexloom.blank("en")).from_disk(tmp_path / "none.jsonl")
    with pytest.raises(DeserializationError, match="neither a folder"):
        EntityRuler(lexloom.blank("en")).from_disk(tmp_path / "none")


# ---- property: the kept entities are the greedy longest-then-earliest choice -------------

WORDS = ["a", "b", "c", "d"]
BLANK = lexloom.blank("en")


def reference_entities(words, phrases):
    """Brute force: every occurrence of every phrase, longest first then earliest, kept when
    it overlaps nothing kept."""
    found = []
    for label, phrase in phrases:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if words[i:i + n] == phrase:
                found.append((i, i + n, label))
    found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
    kept, taken = [], set()
    for start, end, label in found:
        if taken.isdisjoint(range(start, end)):
            kept.append((start, end, label))
            taken.update(range(start, end))
    return sorted(kept)


@settings(max_examples=60, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), min_size=0, max_size=12),
       phrases=st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3),
                        min_size=1, max_size=6, unique_by=tuple))
def test_matches_brute_force_reference(words, phrases):
    nlp = BLANK
    ruler = EntityRuler(nlp)
    labelled = [(f"L{i}", p) for i, p in enumerate(phrases)]
    # half as phrase patterns, half as token patterns
    ruler.add_patterns([{"label": label, "pattern": " ".join(p)} if i % 2 else
                        {"label": label, "pattern": [{"ORTH": w} for w in p]}
                        for i, (label, p) in enumerate(labelled)])
    doc = ruler(nlp.make_doc(" ".join(words)))
    assert [(e.start, e.end, e.label_) for e in doc.ents] == reference_entities(words, labelled)


# ---- with a statistical ner before or after ---------------------------------------------

NER_DATA = [
    ("Alice lives in Paris", {"entities": [(0, 5, "PER"), (15, 20, "LOC")]}),
    ("Bob Smith visited New York today", {"entities": [(0, 9, "PER"), (18, 26, "LOC")]}),
    ("We met Carol in Berlin", {"entities": [(7, 12, "PER"), (16, 22, "LOC")]}),
    ("Nothing happened here", {"entities": []}),
]
NER_CONFIG = {"model": {
    "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner",
    "extra_state_tokens": False, "hidden_width": 32, "maxout_pieces": 2, "use_upper": True,
    "nO": None, "tok2vec": {"@architectures": "spacy.HashEmbedCNN.v2", "width": 32, "depth": 2,
                            "embed_size": 500, "window_size": 1, "maxout_pieces": 2,
                            "subword_features": True, "pretrained_vectors": None}}}
RULES = [{"label": "CITY", "pattern": "Paris", "id": "paris"},
         {"label": "ORG", "pattern": [{"LOWER": "bob"}, {"LOWER": "smith"}, {"LOWER": "visited"}]}]


@pytest.fixture(scope="module")
def ner_nlp():
    from lexloom.training import Example

    nlp = lexloom.blank("en")
    nlp.add_pipe("ner", config=NER_CONFIG)
    egs = [Example.from_dict(nlp.make_doc(t), a) for t, a in NER_DATA]
    optimizer = nlp.initialize(lambda: egs)
    optimizer.learn_rate = 0.01
    for _ in range(40):
        nlp.update(egs, sgd=optimizer)
    assert [(e.text, e.label_) for e in nlp("Alice lives in Paris").ents] == [
        ("Alice", "PER"), ("Paris", "LOC")]
    return nlp


@pytest.mark.parametrize("where", ["before", "after"])
def test_ruler_with_ner_saves_and_loads(ner_nlp, tmp_path, where):
    ner_nlp.to_disk(tmp_path / "base")
    nlp = lexloom.load(tmp_path / "base")
    nlp.add_pipe("entity_ruler", **{where: "ner"}).add_patterns(RULES)
    text = "Alice lives in Paris"
    if where == "before":
        # the ner keeps the ruler's entities (learning the new label CITY, as spaCy does)
        expected = [("Alice", "PER", ""), ("Paris", "CITY", "paris")]
    else:
        # the ruler keeps the ner's entities (overwrite_ents is False)
        expected = [("Alice", "PER", ""), ("Paris", "LOC", "")]
    assert ents(nlp(text)) == expected
    if where == "before":
        assert ents(nlp("Bob Smith visited New York today"))[0] == ("Bob Smith visited", "ORG", "")
    nlp.to_disk(tmp_path / "with_ruler")
    loaded = lexloom.load(tmp_path / "with_ruler")
    assert loaded.pipe_names == nlp.pipe_names
    assert ents(loaded(text)) == expected


def test_loads_a_spacy_written_pipeline():
    """tests/data/spacy_rulers_pipeline: written by spaCy 3.8 (tests/data/make_spacy_rulers.py)."""
    from pathlib import Path

    # the folder keeps no tokenizer file (nor vocab): spaCy loads it with the tokenizer
    # excluded, and so must lexloom (without, both raise FileNotFoundError)
    path = Path(__file__).parent / "data" / "spacy_rulers_pipeline"
    with pytest.raises(FileNotFoundError):
        lexloom.load(path)
    nlp = lexloom.load(path, exclude=["tokenizer"])
    assert nlp.pipe_names == ["entity_ruler", "span_ruler"]
    doc = nlp("Apple Inc. is in San Francisco")
    expected = [("Apple Inc.", "ORG", "apple"), ("San Francisco", "GPE", "")]
    assert ents(doc) == expected
    assert [(s.text, s.label_, s.id_) for s in doc.spans["ruler"]] == expected


def test_phrase_patterns_are_tokenized_by_a_users_retokenizing_component_before_the_ruler():
    """A user's component that merges tokens needn't declare retokenizes: the phrase patterns
    go through it as spaCy's do, so "New York" (one token in the docs) still matches."""
    from lexloom.language import Language

    @Language.component("test_merge_new_york")
    def merge_new_york(doc):
        with doc.retokenize() as retokenizer:
            for i in range(len(doc) - 1):
                if doc[i].text == "New" and doc[i + 1].text == "York":
                    retokenizer.merge(doc[i:i + 2])
        return doc

    for factory in ("entity_ruler", "span_ruler"):
        nlp = lexloom.blank("en")
        nlp.add_pipe("test_merge_new_york")
        ruler = nlp.add_pipe(factory)
        ruler.add_patterns([{"label": "GPE", "pattern": "New York"}])
        doc = nlp("I love New York .")
        found = doc.ents if factory == "entity_ruler" else doc.spans["ruler"]
        assert [(span.text, span.label_) for span in found] == [("New York", "GPE")]
