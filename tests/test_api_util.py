"""lexloom.util: spaCy's util helpers with spaCy's behaviour."""
import itertools
import os
import re
import threading
from pathlib import Path

import pytest
from lexloom.errors import ConfigError, FrozenCollectionError, LexloomError

import lexloom
from lexloom import util


def test_filter_spans_prefers_longest_then_first():
    doc = lexloom.blank("en")("one two three four five")
    spans = [doc[0:2], doc[1:4], doc[3:5], doc[4:5]]
    kept = util.filter_spans(spans)
    assert [(s.start, s.end) for s in kept] == [(1, 4), (4, 5)]
    assert util.filter_chain_spans([doc[0:1]], [doc[0:2]]) == [doc[0:2]]
    assert util.make_first_longest_spans_filter() is util.filter_chain_spans


def test_minibatch_fixed_and_scheduled_sizes():
    assert list(util.minibatch(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    sizes = iter([1, 2, 3, 10, 10])
    assert list(util.minibatch(range(8), sizes)) == [[0], [1, 2], [3, 4, 5], [6, 7]]


def test_compounding_and_decaying_are_thincs_schedules():
    assert list(itertools.islice(util.compounding(1.0, 32.0, 1.001), 3)) == \
        pytest.approx([1.0, 1.001, 1.002001])
    assert list(itertools.islice(util.decaying(10.0, 1e-4), 2)) == pytest.approx([10.0, 9.9990001])
    assert callable(util.fix_random_seed)


def test_dotted_config_helpers():
    nested = {"a": {"b": 1, "c": {"@x": "y"}}}
    assert util.dict_to_dot(nested) == {"a.b": 1, "a.c.@x": "y"}
    assert util.dict_to_dot(nested, for_overrides=True) == {"a.b": 1, "a.c": {"@x": "y"}}
    assert util.dot_to_dict({"token.pos": True, "token._.xyz": 1}) == \
        {"token": {"pos": True, "_": {"xyz": 1}}}
    assert util.dot_to_object(nested, "a.b") == 1
    util.set_dot_to_object(nested, "a.b", 2)
    assert nested["a"]["b"] == 2
    with pytest.raises(KeyError, match="E952"):
        util.dot_to_object(nested, "a.nope")
    with pytest.raises(KeyError):
        util.set_dot_to_object(nested, "x.y", 1)
    assert list(util.walk_dict({"a": {"b": 1}})) == [(["a", "b"], 1)]


def test_copy_config_is_deep_and_rejects_objects():
    config = {"a": {"b": [1, 2]}}
    copied = util.copy_config(config)
    copied["a"]["b"].append(3)
    assert config["a"]["b"] == [1, 2]
    with pytest.raises(TypeError):  # as in spaCy: deepcopy's error for uncopyable values
        util.copy_config({"a": {"b": threading.Lock()}})


def test_get_sourced_components():
    config = {"components": {"ner": {"source": "en_core_web_sm"},
                             "tagger": {"factory": "tagger"}}}
    assert util.get_sourced_components(config) == {"ner": {"source": "en_core_web_sm"}}


def test_combine_score_weights_normalises_and_keeps_none():
    weights = [{"a": 1.0, "b": None}, {"c": 3.0}]
    assert util.combine_score_weights(weights, {"a": 2.0}) == {"a": 0.4, "b": None, "c": 0.6}


def test_get_words_and_spaces_recovers_whitespace():
    assert util.get_words_and_spaces(["hello", "world", "!"], "hello  world!") == \
        (["hello", " ", "world", "!"], [True, False, False, False])
    with pytest.raises(ValueError, match="E194"):
        util.get_words_and_spaces(["hello", "there"], "hello world")


def test_tokenizer_exception_helpers():
    orth = util.ORTH
    exc = util.update_exc({}, {"don't": [{orth: "do"}, {orth: "n't"}]})
    assert set(exc) == {"don't", "don’t"}
    assert [t[orth] for t in exc["don’t"]] == ["do", "n’t"]
    with pytest.raises(ValueError, match="E056"):
        util.update_exc({}, {"cannot": [{orth: "can"}]})
    assert util.expand_exc({"a.b": [{orth: "a.b"}]}, ".", "!") == \
        {"a.b": [{orth: "a.b"}], "a!b": [{orth: "a!b"}]}


def test_compile_affix_regexes():
    assert util.compile_prefix_regex(["\\(", "\\$"]).match("$5")
    assert util.compile_suffix_regex(["\\)", "%"]).search("5%")
    assert [m.group() for m in util.compile_infix_regex(["-"]).finditer("a-b-c")] == ["-", "-"]


def test_read_regex_and_add_lookups(tmp_path):
    path = tmp_path / "prefixes.txt"
    path.write_text("(\n$\n\n", encoding="utf8")
    assert util.read_regex(path).match("$5") and not util.read_regex(path).match("5")
    getter = util.add_lookups(str.upper, {"x": "special"})
    assert getter("x") == "special" and getter("y") == "Y"


def test_frozen_collections_refuse_writes():
    frozen = util.SimpleFrozenDict({"a": 1})
    with pytest.raises(NotImplementedError, match="E095"):
        frozen["b"] = 2
    with pytest.raises(FrozenCollectionError):
        frozen.update({"b": 2})
    frozen_list = util.SimpleFrozenList([1], error="custom")
    with pytest.raises(NotImplementedError, match="custom"):
        frozen_list.append(2)
    assert frozen == {"a": 1} and frozen_list == [1]


def test_serialisation_helpers_respect_exclude(tmp_path):
    data = util.to_bytes({"a": lambda: 1, "meta.json": lambda: {"x": 1}}, exclude=["meta"])
    seen = {}
    util.from_bytes(data, {"a": lambda v: seen.update(a=v), "meta.json": seen.update},
                    exclude=[])
    assert seen == {"a": 1}
    written = []
    util.to_disk(tmp_path / "out", {"a": written.append, "b": written.append}, exclude=["b"])
    assert written == [tmp_path / "out" / "a"] and (tmp_path / "out").is_dir()
    read = []
    util.from_disk(tmp_path / "out", {"a": read.append}, exclude=[])
    assert read == [tmp_path / "out" / "a"]


def test_version_helpers():
    assert util.is_compatible_version("3.8.2", ">=3.8.0,<3.9.0")
    assert util.is_compatible_version("3.8.2", "3.8.2")
    assert util.is_compatible_version("3.8.2", "not a spec") is None
    assert util.is_unconstrained_version(">=3.0") is True
    assert util.is_unconstrained_version(">=3.0,<3.1") is False
    assert util.get_minor_version_range("3.8.1") == ">=3.8.1,<3.9.0"
    assert util.get_model_lower_version(">=3.8.0,<3.9.0") == "3.8.0"
    assert util.get_minor_version("3.1.2") == "3.1" and util.get_minor_version("x") is None
    assert util.is_minor_version_match("3.1.0", "3.1.9")
    assert util.get_base_version("3.0.0.dev1") == "3.0.0"
    assert util.is_prerelease_version("3.0.0.dev1")
    assert util.split_requirement("spacy>=1.2.3") == ("spacy", ">=1.2.3")


def test_small_helpers():
    assert [util.to_ternary_int(v) for v in (True, 1.0, None, 0, False, "x")] == [1, 1, 0, 0, -1, -1]
    assert util.normalize_slice(10, -3, None) == (7, 10)
    with pytest.raises(ValueError, match="E057"):
        util.normalize_slice(10, 0, 5, 2)

    def func(a, b=1, *, c=2):
        pass

    assert util.get_arg_names(func) == ["a", "b", "c"]
    assert util.get_object_name(func) == "func" and util.get_object_name(1) == "int"
    assert util.is_same_func(func, func) and not util.is_same_func(func, print)
    assert util.escape_html('<a href="x">&</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
    assert util.minify_html("  <div>\n    <b>x</b>\n</div>  ") == "<div><b>x</b></div>"
    assert util.all_equal([1, 1, 1]) and util.all_equal([]) and not util.all_equal([1, 2])
    assert util.ensure_path("a") == Path("a") and util.ensure_path(1) == 1
    assert util.split_command("a 'b c'") == ["a", "b c"]
    assert util.OOV_RANK == 2**64 - 1 and util.DEFAULT_OOV_PROB == -20
    assert util.ENV_VARS.CONFIG_OVERRIDES == "SPACY_CONFIG_OVERRIDES"
    assert not util.is_in_jupyter()


def test_check_bool_env_var(monkeypatch):
    monkeypatch.setenv("LEXLOOM_TEST_FLAG", "0")
    assert not util.check_bool_env_var("LEXLOOM_TEST_FLAG")
    monkeypatch.setenv("LEXLOOM_TEST_FLAG", "yes")
    assert util.check_bool_env_var("LEXLOOM_TEST_FLAG")
    monkeypatch.delenv("LEXLOOM_TEST_FLAG")
    assert not util.check_bool_env_var("LEXLOOM_TEST_FLAG")


def test_language_class_helpers():
    assert util.find_matching_language("fre") == "fr"
    assert util.find_matching_language("iw") == "he"
    assert util.find_matching_language("zxx") is None
    assert util.get_lang_class("eng").lang == "en"
    util.get_lang_class("de")
    assert util.lang_class_is_loaded("de")
    with pytest.raises(ImportError):
        util.get_lang_class("zxx")


def test_tempdir_working_dir_and_import_file():
    with util.make_tempdir() as d:
        (d / "mod.py").write_text("VALUE = 42\n")
        with util.working_dir(d) as cwd:
            assert Path(os.getcwd()) == cwd == d.resolve()
        assert util.import_file("mod", d / "mod.py").VALUE == 42
        assert util.get_module_path(util) == Path(util.__file__).parent
    assert not d.exists()


def test_run_command(tmp_path):
    import sys

    ret = util.run_command([sys.executable, "-c", "print('hi')"], capture=True)
    assert ret.stdout.strip() == "hi"
    with pytest.raises(FileNotFoundError, match="E970"):
        util.run_command("no-such-program-lexloom")


def test_find_available_port():
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    try:
        with pytest.raises(ValueError, match="E1050"):
            util.find_available_port(port, "127.0.0.1")
        with pytest.warns(UserWarning, match="W124"):
            assert util.find_available_port(port, "127.0.0.1", auto_select=True) > port
    finally:
        sock.close()


def test_load_config_from_str_and_errors():
    config = util.load_config_from_str("[a]\nb = 1\n")
    assert config["a"]["b"] == 1
    with pytest.raises(ConfigError):
        util.load_config_from_str("[a\nb = 1")


@pytest.mark.parametrize("text,overrides", [("[a\nb = 1", {}), ("a = 1", {}),
                                            ("[a]\nb = ${x.y}", {}),
                                            ("[a]\nb = 1", {"nosection.c": 2}),
                                            ("[a]\nb = 1", {"a": 2})])
def test_config_errors_are_confections_validation_error_as_in_spacy(text, overrides):
    # spaCy lets confection's ConfigValidationError through: code catching it keeps working
    from confection import ConfigValidationError

    with pytest.raises(ConfigValidationError) as info:
        util.load_config_from_str(text, overrides=overrides, interpolate=True)
    assert isinstance(info.value, ConfigError)
    assert str(info.value).startswith("[lexloom]")


@pytest.mark.parametrize("text,problem", [
    ("[a]\nb = ${c.d}\n", "interpolation key 'c.d'"),
    ("b = 1\n", "no section headers")])
def test_config_parse_errors_say_what_is_wrong(text, problem):
    """Parse and interpolation errors carry no per-value errors: the message and `desc`
    give the parser's explanation, as spaCy's do."""
    with pytest.raises(ConfigError, match=problem) as info:
        util.load_config_from_str(text, interpolate=True)
    assert problem in info.value.desc


def test_overrides_may_add_a_key_to_a_section_as_in_spacy():
    config = util.load_config_from_str("[paths]\ntrain = null\n\n[a]\nb = 1",
                                       overrides={"paths.extra": "x", "a.c": 3})
    assert config["paths"] == {"train": None, "extra": "x"}
    assert config["a"] == {"b": 1, "c": 3}


def test_registry_lookup_and_errors():
    registry = util.registry
    assert "architectures" in registry.get_registry_names()
    info = registry.find("architectures", "spacy.Tok2Vec.v2")
    assert info["module"].startswith("lexloom.") and info["line_no"] > 0
    assert registry.has("architectures", "spacy.Tok2Vec.v2")
    with pytest.raises(ValueError, match="E893"):
        registry.get("architectures", "spacy.NoSuchThing.v1")
    with pytest.raises(ValueError, match="E892"):
        registry.find("no_such_registry", "x")
    registry.ensure_populated()
    assert lexloom.registrations.REGISTRY_POPULATED


def test_dummy_tokenizer_serialises_to_nothing():
    class Whitespace(util.DummyTokenizer):
        def __call__(self, text):
            return text.split()

    tok = Whitespace()
    assert list(tok.pipe(["a b"])) == [["a", "b"]]
    assert tok.to_bytes() == b"" and tok.from_bytes(b"") is tok


def test_lexloom_errors_are_lexloom_errors():
    with pytest.raises(LexloomError):
        util.dot_to_object({}, "x")
    assert re.match(r"\[lexloom\] \[E952\]", str(pytest.raises(KeyError, util.dot_to_object,
                                                                {}, "x").value))


def test_add_lookups_getter_has_spacys_name_so_spacy_pickles_load():
    """A Vocab or Doc pickled by spaCy names spacy.util._get_attr_unless_lookup (its NORM
    getter); lexloom's add_lookups getter is that function under that name."""
    import pickle

    from lexloom import util

    getter = util.add_lookups(str.upper, {"x": "from table"})
    assert getter.func is util._get_attr_unless_lookup
    assert getter("x") == "from table" and getter("y") == "Y"
    restored = pickle.loads(pickle.dumps(getter))
    assert restored("x") == "from table"
    assert b"_get_attr_unless_lookup" in pickle.dumps(getter)


def test_spacys_tokenizer_exception_names_are_there():
    """spacy.lang.tokenizer_exceptions.emoticons and spacy.lang.nl.tokenizer_exceptions.
    abbrevs, which code that builds its own tokenizer rules reads (clinlp)."""
    import lexloom
    from lexloom.lang.nl.tokenizer_exceptions import abbrevs
    from lexloom.lang.tokenizer_exceptions import emoticons

    assert ":)" in emoticons and "bijv." in abbrevs
    nlp = lexloom.blank("nl")
    assert [t.text for t in nlp("Zie bijv. dit :)")] == ["Zie", "bijv.", "dit", ":)"]
    # clinlp takes "ts." out of the list at import (a ValueError if it isn't there)
    base = set(abbrevs)
    base.remove("ts.")
    assert [t.text for t in nlp("ts. 9 en 10, Stbl. 12")] == ["ts.", "9", "en", "10", ",",
                                                             "Stbl.", "12"]
