"""Behaviours that spaCy plugins' own test suites (augmenty, spacy-llm;
benchmarks/ecosystem_suites.py) rely on, as spaCy 3.8 has them."""
from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import warnings
from collections import defaultdict
from pathlib import Path

import catalogue
import numpy
import pytest

from lexloom.lang.en import English
from lexloom.language import Language
from lexloom.tokens import Doc, Span
from lexloom.vocab import Vocab

SHIM = Path(__file__).resolve().parents[1] / "benchmarks" / "examples" / "_lexloom_as_spacy"


# ---- Doc.cats / Doc.user_data take any mapping ---------------------------------------------

def test_doc_cats_and_user_data_accept_a_defaultdict():
    # spacy-llm's textcat stores a defaultdict in doc.cats
    doc = Doc(Vocab(), words=["a", "b"])
    doc.cats = defaultdict(float)
    assert doc.cats["MISSING"] == 0.0
    doc.user_data = defaultdict(dict)
    doc.user_data["llm_io"]["x"] = 1
    assert doc.user_data["llm_io"] == {"x": 1}


# ---- Doc._context: the as_tuples context while the Doc is in the pipeline -----------------

@Language.component("test_third_reads_context")
def _reads_context(doc):
    doc.user_data["seen_context"] = doc._context
    return doc


@Language.component("test_third_new_doc_keeps_context")
def _new_doc_keeps_context(doc):
    new = Doc(doc.vocab, words=[t.text for t in doc])
    new._context = doc._context   # as spacy-llm does for the Docs it returns
    return new


def test_doc_context_defaults_to_none_and_is_settable():
    doc = Doc(Vocab(), words=["a"])
    assert doc._context is None
    doc._context = {"id": 1}
    assert doc._context == {"id": 1}


def test_pipe_as_tuples_puts_the_context_on_the_doc_while_it_is_processed():
    nlp = English()
    nlp.add_pipe("test_third_reads_context")
    out = list(nlp.pipe([("one two", "c1"), ("three", {"k": 2})], as_tuples=True))
    assert [ctx for _doc, ctx in out] == ["c1", {"k": 2}]
    assert [doc.user_data["seen_context"] for doc, _ctx in out] == ["c1", {"k": 2}]
    assert all(doc._context is None for doc, _ctx in out)   # taken off when yielded
    assert nlp("x")._context is None and nlp("x").user_data["seen_context"] is None


def test_pipe_as_tuples_context_follows_a_doc_a_component_returns():
    nlp = English()
    nlp.add_pipe("test_third_new_doc_keeps_context")
    out = list(nlp.pipe([("a b", 1), ("c", 2), ("d", 3)], as_tuples=True, batch_size=2))
    assert [ctx for _doc, ctx in out] == [1, 2, 3]
    assert [[t.text for t in doc] for doc, _ctx in out] == [["a", "b"], ["c"], ["d"]]


# ---- Span(vector=, vector_norm=), positional as spaCy's ------------------------------------

def test_span_takes_vector_norm_and_spacy_positional_order():
    vocab = Vocab()
    doc = Doc(vocab, words=["a", "b", "c"])
    span = Span(doc, 0, 2, vector=numpy.array([3.0, 4.0], dtype="f"), vector_norm=10.0)
    assert span.vector_norm == 10.0
    assert Span(doc, 0, 2, vector=numpy.array([3.0, 4.0], dtype="f")).vector_norm == 5.0
    # spaCy: Span(doc, start, end, label, vector, vector_norm, kb_id, span_id)
    span = Span(doc, 1, 3, "LBL", None, None, "KB", "ID")
    assert (span.label_, span.kb_id_, span.id_) == ("LBL", "KB", "ID")


# ---- Doc.from_docs: warnings that read as spaCy's W101 / W102 ------------------------------

def test_from_docs_skip_warnings_match_spacys_wording():
    if not Doc.has_extension("test_third_doc_ext"):
        Doc.set_extension("test_third_doc_ext", default=None)
    vocab = Vocab()
    a = Doc(vocab, words=["a"])
    a._.test_third_doc_ext = "x"
    a.user_data["plain"] = 1
    b = Doc(vocab, words=["b"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        Doc.from_docs([a, b])
    messages = [str(w.message) for w in caught]
    assert any("W101" in m and "Skipping Doc custom extension 'test_third_doc_ext' while "
               "merging docs" in m for m in messages)
    assert any("W102" in m and "Skipping unsupported user data 'plain: 1' while merging "
               "docs" in m for m in messages)
    # spacy-llm silences them with this filter
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", category=UserWarning,
                                message=".*Skipping .* while merging docs.")
        Doc.from_docs([a, b])


# ---- registries: spaCy's entry-point groups, built-ins on direct lookups, spaCy's names ----

def test_registry_reads_spacy_entry_point_groups(monkeypatch):
    from lexloom.util import registry

    ep = importlib.metadata.EntryPoint(name="test_third.Reader.v1", value="json:loads",
                                       group="spacy_misc")
    monkeypatch.setattr(catalogue, "AVAILABLE_ENTRY_POINTS",
                        importlib.metadata.EntryPoints([ep]))
    import json

    assert registry.has("misc", "test_third.Reader.v1")
    assert registry.get("misc", "test_third.Reader.v1") is json.loads
    assert registry.misc.get("test_third.Reader.v1") is json.loads
    assert "test_third.Reader.v1" in registry.misc.get_all()
    assert not registry.has("readers", "test_third.Reader.v1")   # only its own group


def test_spacy_entry_points_never_shadow_lexloom_builtins(monkeypatch):
    # spacy-transformers installed beside lexloom declares [spacy_factories] transformer and
    # its architectures: lexloom's own must still be built (they were not: issue 18's GPU run)
    from lexloom.util import registry

    builtin_factory = registry.factories.get("tagger")
    builtin_arch = registry.architectures.get("spacy.Tagger.v2")
    eps = [importlib.metadata.EntryPoint(name="tagger", value="no_such_module_xyz:make",
                                         group="spacy_factories"),
           importlib.metadata.EntryPoint(name="spacy.Tagger.v2", value="no_such_module_xyz:f",
                                         group="spacy_architectures"),
           importlib.metadata.EntryPoint(name="test_third.Extra.v1", value="json:dumps",
                                         group="spacy_architectures"),
           importlib.metadata.EntryPoint(name="spacy.Tagger.v2", value="json:loads",
                                         group="lexloom_architectures")]
    monkeypatch.setattr(catalogue, "AVAILABLE_ENTRY_POINTS", importlib.metadata.EntryPoints(eps))
    import json

    assert registry.factories.get("tagger") is builtin_factory
    assert "tagger" in registry.factories
    listed = registry.factories.get_all()          # does not load the shadowed entry point
    assert listed["tagger"] is builtin_factory
    # a lexloom_* entry point does replace a built-in; a new spacy_* name is still found
    assert registry.architectures.get("spacy.Tagger.v2") is json.loads
    assert registry.architectures.get("test_third.Extra.v1") is json.dumps
    listed = registry.architectures.get_all()
    assert listed["spacy.Tagger.v2"] is json.loads and listed["test_third.Extra.v1"] is json.dumps
    assert builtin_arch is not json.loads


def test_registering_a_name_a_spacy_entry_point_declares_is_no_clash(monkeypatch):
    # lexloom beside spacy-transformers: its [spacy_factories] transformer entry point is
    # declared before lexloom's pipeline module registers its own `transformer` factory;
    # that registration raised E004 (after importing spaCy to compare), and lexloom.load
    # failed for every pipeline in the benchmark environment
    from lexloom.language import Language
    from lexloom.util import registry

    eps = [importlib.metadata.EntryPoint(name=name, value="no_such_module_xyz:make",
                                         group="spacy_factories")
           for name in ("test_third_declared_factory", "test_third_declared_component")]
    monkeypatch.setattr(catalogue, "AVAILABLE_ENTRY_POINTS", importlib.metadata.EntryPoints(eps))

    def make(nlp, name):
        return lambda doc: doc

    def component(doc):
        return doc

    Language.factory("test_third_declared_factory", func=make)
    Language.component("test_third_declared_component", func=component)
    assert registry.factories.get("test_third_declared_factory") is make
    import lexloom

    nlp = lexloom.blank("en")
    nlp.add_pipe("test_third_declared_component")
    assert nlp("a b").text == "a b"


def test_lexloom_pipeline_modules_import_with_spacy_transformers_declared():
    # the same, in a fresh process where lexloom's pipeline modules register after the
    # entry points are known (as `import lexloom; lexloom.load(path)` does)
    code = ("import catalogue, importlib.metadata as md\n"
            "catalogue.AVAILABLE_ENTRY_POINTS = md.EntryPoints([md.EntryPoint(\n"
            "    name='transformer', value='no_such_module_xyz:make_transformer',\n"
            "    group='spacy_factories')])\n"
            "import lexloom\n"
            "nlp = lexloom.blank('en')\n"
            "nlp.add_pipe('tagger')\n"
            "from lexloom.util import registry\n"
            "assert registry.factories.get('transformer').__module__.startswith('lexloom.')\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]


def test_direct_catalogue_lookup_sees_builtin_functions():
    # spaCy registers its functions on import; lexloom's direct registry lookups fill first
    code = ("from lexloom.util import registry\n"
            "f = registry.augmenters.get('spacy.lower_case.v1')\n"
            "assert callable(f) and 'spacy.orth_variants.v1' in registry.augmenters\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_registry_listing_uses_spacys_names():
    from lexloom.util import registry

    listed = registry.augmenters.get_all()
    assert "spacy.lower_case.v1" in listed and "lexloom.lower_case.v1" not in listed
    assert registry.augmenters.get("lexloom.lower_case.v1") is listed["spacy.lower_case.v1"]
    assert "lexloom.lower_case.v1" in registry.augmenters


# ---- the `import spacy` shim: modules keep their own __spec__ -------------------------------

def test_shim_import_keeps_module_spec_so_relative_imports_do_not_warn():
    code = ("import warnings\nwarnings.simplefilter('error')\n"
            "import spacy\nfrom spacy.tokens import Doc, DocBin\n"
            "import lexloom.tokens\nassert lexloom.tokens.__spec__.name == 'lexloom.tokens'\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(SHIM), os.environ.get("PYTHONPATH", "")]))
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


# ---- W036: one coded warning for a Matcher or ruler without patterns -----------------------

def test_no_patterns_warning_is_spacys_w036_everywhere():
    from lexloom.matcher import Matcher

    nlp = English()
    doc = nlp("some text")
    callers = [lambda: Matcher(nlp.vocab)(doc),
               lambda: nlp.add_pipe("entity_ruler", name="er_w036")(doc),
               lambda: nlp.add_pipe("span_ruler", name="sr_w036")(doc)]
    for name, call in zip(("matcher", "er_w036", "sr_w036"), callers):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            call()
        messages = [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
        assert any(m.startswith(f"[W036] The component '{name}' does not have any patterns "
                                "defined") for m in messages), messages


def test_a_factory_declared_only_by_an_entry_point_is_found(monkeypatch, tmp_path):
    # GiNZA declares compound_splitter / bunsetu_recognizer in [spacy_factories] only: the
    # entry point imports the plugin, whose @Language.factory registers the component
    import sys

    (tmp_path / "test_third_ep_plugin.py").write_text(
        "from lexloom.language import Language\n\n"
        "@Language.factory('test_third_ep_upper')\n"
        "def make_upper(nlp, name):\n"
        "    def upper(doc):\n"
        "        doc.user_data['seen'] = True\n"
        "        return doc\n"
        "    return upper\n", encoding="utf8")
    monkeypatch.syspath_prepend(str(tmp_path))
    ep = importlib.metadata.EntryPoint(name="test_third_ep_upper",
                                       value="test_third_ep_plugin:make_upper",
                                       group="spacy_factories")
    monkeypatch.setattr(catalogue, "AVAILABLE_ENTRY_POINTS", importlib.metadata.EntryPoints([ep]))
    try:
        nlp = English()
        assert "test_third_ep_plugin" not in sys.modules
        assert nlp.has_factory("test_third_ep_upper")
        nlp.add_pipe("test_third_ep_upper")
        assert nlp("hi").user_data["seen"] is True
        assert not nlp.has_factory("test_third_no_such_factory")
    finally:
        sys.modules.pop("test_third_ep_plugin", None)


def test_looking_up_an_unknown_factory_loads_no_unrelated_entry_point(monkeypatch):
    # an unknown factory name is checked against the declared entry points, without the
    # registry error that lists (so loads) every plugin's: a plugin that fails to import
    # (spacy-conll before its helpers existed) broke lookups it had nothing to do with
    broken = importlib.metadata.EntryPoint(name="test_third_broken_factory",
                                           value="test_third_no_such_module:make",
                                           group="spacy_factories")
    monkeypatch.setattr(catalogue, "AVAILABLE_ENTRY_POINTS",
                        importlib.metadata.EntryPoints([broken]))
    nlp = English()
    assert not nlp.has_factory("test_third_unknown_factory")
    with pytest.raises(ValueError, match="E002"):
        nlp.add_pipe("test_third_unknown_factory")
    with pytest.raises(ModuleNotFoundError):   # the declared name itself is still loaded
        nlp.has_factory("test_third_broken_factory")
