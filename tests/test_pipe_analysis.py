"""Pipeline analysis: attribute declarations are checked, and analyze_pipes reports what each
component assigns and requires and which requirements no earlier component meets."""
import pytest

import lexloom
from lexloom.language import Language
from lexloom.pipe_analysis import (
    DEFAULT_KEYS,
    analyze_pipes,
    get_attr_info,
    print_pipe_analysis,
    validate_attrs,
)


@Language.component("test_pa_needs_pos", requires=["token.pos"], assigns=["doc._.pos_seen"])
def needs_pos(doc):
    return doc


@Language.component("test_pa_sets_pos", assigns=["token.pos", "token.tag"])
def sets_pos(doc):
    return doc


def test_validate_attrs_accepts_doc_token_and_extension_attributes():
    attrs = ["doc.ents", "token.pos", "token.is_sent_start", "span._.score", "doc._.x"]
    assert validate_attrs(attrs) == attrs


@pytest.mark.parametrize("attrs", [
    ["token.pos_"],        # trailing underscore: declare the attribute once
    ["doc"],               # an object, not an attribute
    ["doc._"],             # an extension without a name
    ["span.label"],        # spans take custom extensions only
    ["foo.bar"],           # not doc / token / span
    ["doc.ents.start"],    # too deep
    ["doc._.x.y"],         # extension too deep
    ["token.not_an_attr"], # Token has no such attribute
])
def test_validate_attrs_rejects_bad_declarations(attrs):
    with pytest.raises(ValueError):
        validate_attrs(attrs)


def test_factory_with_bad_assigns_raises():
    with pytest.raises(ValueError, match="trailing"):
        @Language.component("test_pa_bad", assigns=["token.lemma_"])
        def bad(doc):
            return doc


def test_analyze_pipes_reports_a_missing_requirement():
    nlp = lexloom.blank("en")
    nlp.add_pipe("test_pa_needs_pos")
    analysis = analyze_pipes(nlp)
    assert analysis["problems"] == {"test_pa_needs_pos": ["token.pos"]}
    assert analysis["summary"]["test_pa_needs_pos"]["requires"] == ["token.pos"]  # a list, as spaCy
    assert set(analysis["summary"]["test_pa_needs_pos"]) == set(DEFAULT_KEYS)
    assert analysis["attrs"]["token.pos"] == {"assigns": [], "requires": ["test_pa_needs_pos"]}


def test_requirement_met_only_by_an_earlier_component():
    nlp = lexloom.blank("en")
    nlp.add_pipe("test_pa_needs_pos")
    nlp.add_pipe("test_pa_sets_pos")
    assert nlp.analyze_pipes()["problems"]["test_pa_needs_pos"] == ["token.pos"]
    nlp = lexloom.blank("en")
    nlp.add_pipe("test_pa_sets_pos")
    nlp.add_pipe("test_pa_needs_pos")
    analysis = nlp.analyze_pipes()
    assert analysis["problems"] == {"test_pa_sets_pos": [], "test_pa_needs_pos": []}
    assert get_attr_info(nlp, "token.pos") == {"assigns": ["test_pa_sets_pos"],
                                               "requires": ["test_pa_needs_pos"]}


def test_analysis_uses_factory_scores_and_skips_disabled_components():
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("test_pa_needs_pos")
    nlp.disable_pipe("test_pa_needs_pos")
    analysis = nlp.analyze_pipes(keys=["assigns", "scores"])
    assert list(analysis["summary"]) == ["sentencizer"]
    assert analysis["summary"]["sentencizer"] == {
        "assigns": ["token.is_sent_start", "doc.sents"],
        "scores": ["sents_f", "sents_p", "sents_r"]}


def test_pretty_analysis_prints_the_table_and_problems(capsys):
    nlp = lexloom.blank("en")
    nlp.add_pipe("test_pa_needs_pos")
    nlp.analyze_pipes(pretty=True)
    out = capsys.readouterr().out
    assert "Pipeline Overview" in out and "test_pa_needs_pos" in out
    assert "requirements not met: token.pos" in out
    print_pipe_analysis({"summary": {}, "problems": {}})
    assert "No problems found" in capsys.readouterr().out
