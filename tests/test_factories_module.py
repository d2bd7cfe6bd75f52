"""spacy.pipeline.factories (spaCy 3.8) gathers the built-in factories: lexloom's module
holds the very function objects the component modules define and register."""
from __future__ import annotations

import importlib

import pytest

import lexloom
from lexloom.pipeline import factories

HOMES = {"make_tagger": "tagger", "make_ner": "ner", "make_beam_ner": "ner",
         "make_parser": "dep_parser", "make_beam_parser": "dep_parser",
         "make_entity_ruler": "entityruler", "make_span_ruler": "span_ruler",
         "make_token_splitter": "functions", "make_multilabel_textcat": "textcat_multilabel",
         "make_spancat_singlelabel": "spancat", "make_tok2vec": "tok2vec",
         "make_nn_labeller": "multitask"}


@pytest.mark.parametrize("name,home", sorted(HOMES.items()))
def test_factories_are_the_component_modules_functions(name, home):
    module = importlib.import_module(f"lexloom.pipeline.{home}")
    assert getattr(factories, name) is getattr(module, name)
    assert name in factories.__all__


def test_every_listed_factory_builds_its_component():
    nlp = lexloom.blank("en")
    ruler = factories.make_entity_ruler(nlp, "ruler", phrase_matcher_attr=None,
                                        matcher_fuzzy_compare=None, validate=False,
                                        overwrite_ents=False, ent_id_sep="||", scorer=None)
    ruler.add_patterns([{"label": "ORG", "pattern": "Acme"}])
    doc = ruler(nlp.make_doc("Acme sells."))
    assert [(e.text, e.label_) for e in doc.ents] == [("Acme", "ORG")]
    assert all(callable(getattr(factories, n)) for n in factories.__all__)
