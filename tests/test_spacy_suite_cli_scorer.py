"""spaCy's names that its own test suite imports from the CLI, the scorer, compat, the span
finder and the precomputable affine layer, with the behaviour those tests expect of them:
config overrides from arguments and the environment, list arguments, ROC curves as
scikit-learn computes them, debug-data statistics, label files, package dependencies."""
import math
import pickle
from collections import Counter

import numpy
import pytest
import srsly
from thinc.api import Config
from typer.testing import CliRunner
from wasabi import Printer

import lexloom
from lexloom import compat
from lexloom.cli import app as cli_app
from lexloom.cli._util import (NoSuchOption, app, get_git_version, parse_config_overrides,
                               string_to_list)
from lexloom.cli.debug_data import (
    _compile_gold,
    _get_distribution,
    _get_kl_divergence,
    _get_labels_from_model,
    _get_span_characteristics,
    _get_spans_length_freq_dist,
    _print_span_characteristics,
)
from lexloom.cli.evaluate import print_prf_per_type, print_textcats_auc_per_cat, render_parses
from lexloom.cli.find_threshold import find_threshold
from lexloom.cli.init_config import RECOMMENDATIONS
from lexloom.cli.init_pipeline import _init_labels
from lexloom.cli.package import _is_permitted_package_name, get_third_party_dependencies
from lexloom.ml._precomputable_affine import (
    PrecomputableAffine,
    _backprop_precomputable_affine_padding,
)
from lexloom.pipeline.span_finder import span_finder_default_config
from lexloom.registry import registry
from lexloom.schemas import RecommendationSchema
from lexloom.scorer import ROCAUCScore, Scorer, _roc_auc_score, _roc_curve
from lexloom.tokens import Doc, DocBin, Span
from lexloom.training import Example
from lexloom.util import ENV_VARS

runner = CliRunner()


# ---- config overrides ----------------------------------------------------------------------

@pytest.fixture
def clean_env(monkeypatch):
    monkeypatch.delenv(ENV_VARS.CONFIG_OVERRIDES, raising=False)
    monkeypatch.delenv("LEXLOOM_CONFIG_OVERRIDES", raising=False)
    return monkeypatch


@pytest.mark.parametrize("args,expected", [
    (["--x.foo", "10"], {"x.foo": 10}),
    (["--x.foo=bar"], {"x.foo": "bar"}),
    (["--x.foo", "--x.bar", "baz"], {"x.foo": True, "x.bar": "baz"}),
    (["--x.foo", "10.1", "--x.bar", "--x.baz=false"], {"x.foo": 10.1, "x.bar": True,
                                                        "x.baz": False}),
])
def test_parse_config_overrides_forms(clean_env, args, expected):
    assert parse_config_overrides(args) == expected


def test_parse_config_overrides_errors(clean_env):
    # an option without a section is unknown to the command; other shapes exit with 1
    with pytest.raises(NoSuchOption):
        parse_config_overrides(["--x.foo", "bar", "--baz"])
    with pytest.raises(SystemExit):
        parse_config_overrides(["--x.foo", "bar", "baz"])
    with pytest.raises(SystemExit):
        parse_config_overrides(["x.foo"])


def test_an_unknown_option_is_a_usage_error_for_typer_and_for_click(clean_env, tmp_path):
    """typer >= 0.20 catches only its own copy of click's NoSuchOption; spaCy code catches
    the click package's (where installed): the class raised is both."""
    import importlib

    for module in ("typer._click.exceptions", "click"):  # whichever are installed
        try:
            assert issubclass(NoSuchOption, importlib.import_module(module).NoSuchOption)
        except ImportError:
            pass
    (tmp_path / "x.cfg").write_text("[nlp]\n", encoding="utf8")
    result = CliRunner().invoke(cli_app, ["train", str(tmp_path / "x.cfg"), "--foo"])
    assert result.exit_code == 2 and "No such option" in result.output


def test_parse_config_overrides_env(clean_env):
    clean_env.setenv(ENV_VARS.CONFIG_OVERRIDES, "--x.foo bar --x.bar=12 --y.foo=hello")
    clean_env.setenv("LEXLOOM_CONFIG_OVERRIDES", "--y.foo=lexloom")
    result = parse_config_overrides(["--x.foo", "cli", "--z.a", "1"])
    # the environment wins over the arguments, lexloom's variable over spaCy's
    assert result == {"x.foo": "bar", "x.bar": 12, "y.foo": "lexloom", "z.a": 1}
    assert parse_config_overrides([], env_var=None) == {}
    clean_env.setenv(ENV_VARS.CONFIG_OVERRIDES, "--x")
    with pytest.raises(SystemExit):  # a top-level name in the environment is not an option
        parse_config_overrides([])


def test_command_reads_env_overrides(clean_env, tmp_path):
    config = tmp_path / "config.cfg"
    config.write_text("[nlp]\nlang = \"en\"\n", encoding="utf8")
    clean_env.setenv(ENV_VARS.CONFIG_OVERRIDES, "hello world")
    result = runner.invoke(cli_app, ["debug", "config", str(config)])
    assert result.exit_code == 1
    assert "Invalid config override" in result.stdout


@pytest.mark.parametrize("value", ["a,b,c", " a, b ,c ", '["a", " b" ,"c "]', "['a','b','c']"])
def test_string_to_list(value):
    assert string_to_list(value) == ["a", "b", "c"]


def test_string_to_list_intify():
    assert string_to_list("[' 1' , '2', ' 3 ' ]", intify=True) == [1, 2, 3]
    assert string_to_list("") == []


def test_util_app_and_git_version():
    assert app is cli_app
    try:
        major, minor = get_git_version()
    except RuntimeError:  # no git here: the error callers show
        return
    assert isinstance(major, int) and isinstance(minor, int)


# ---- scorer --------------------------------------------------------------------------------

@pytest.mark.parametrize("y_true,y_score,fpr,tpr,auc", [
    ([0, 1], [0, 1], [0, 0, 1], [0, 1, 1], 1.0),
    ([0, 1], [1, 0], [0, 1, 1], [0, 0, 1], 0.0),
    ([1, 0], [1, 1], [0, 1], [0, 1], 0.5),
    ([1, 0], [0.5, 0.5], [0, 1], [0, 1], 0.5),
    ([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], [0, 0, 0.5, 0.5, 1], [0, 0.5, 0.5, 1, 1], 0.75),
])
def test_roc_curve_as_sklearn(y_true, y_score, fpr, tpr, auc):
    got_fpr, got_tpr, thresholds = _roc_curve(y_true, y_score)
    numpy.testing.assert_allclose(got_fpr, fpr)
    numpy.testing.assert_allclose(got_tpr, tpr)
    assert thresholds[0] == max(y_score) + 1 and list(thresholds[1:]) == sorted(
        set(y_score), reverse=True)
    assert _roc_auc_score(y_true, y_score) == pytest.approx(auc)


def test_roc_auc_needs_two_classes():
    with pytest.raises(ValueError):
        _roc_auc_score([1, 1], [0.25, 0.75])
    score = ROCAUCScore()
    score.score_set(0.25, 0)
    score.score_set(0.75, 0)
    with pytest.raises(ValueError):
        score.score
    score.score_set(0.5, 1)
    assert score.score == pytest.approx(0.5)


def test_default_scorer_parser_scores_as_the_parser():
    vocab = lexloom.blank("en").vocab
    words, heads = ["Apple", "is", "big"], [1, 1, 1]
    gold = Doc(vocab, words=words, heads=heads, deps=["nsubj", "ROOT", "acomp"])
    pred = Doc(vocab, words=words, heads=heads, deps=["dobj", "ROOT", "acomp"])
    scores = Scorer().score([Example(pred, gold)])
    assert scores["dep_uas"] == 1.0
    assert scores["dep_las_per_type"]["nsubj"]["r"] == 0.0
    assert scores["dep_las_per_type"]["acomp"]["f"] == 1.0
    assert scores["sents_f"] == 1.0


# ---- compat, span finder, precomputable affine -----------------------------------------------

def test_compat_pickle_is_the_stdlib_module():
    assert compat.pickle is pickle
    doc = lexloom.blank("en")("Hello world")
    assert [t.text for t in compat.pickle.loads(compat.pickle.dumps(doc))] == ["Hello", "world"]


def test_span_finder_default_config_builds_the_model():
    nlp = lexloom.blank("en")
    docs = [nlp("This is an example."), nlp("A second one.")]
    model = registry.resolve(Config().from_str(span_finder_default_config).interpolate())["model"]
    model.initialize(X=docs)
    assert model.predict(docs).shape == (sum(len(d) for d in docs), 2)


def test_span_finder_errors_name_the_problem():
    nlp = lexloom.blank("en")
    with pytest.raises(ValueError, match="Both 'min_length' and 'max_length'"):
        nlp.add_pipe("span_finder", config={"min_length": 0, "max_length": 0})
    finder = nlp.add_pipe("span_finder")
    eg = Example(Doc(nlp.vocab, words=["a", "b"]), Doc(nlp.vocab, words=["a", "c"]))
    with pytest.raises(ValueError, match="must match between reference and predicted"):
        finder._get_aligned_truth_scores([eg], finder.model.ops)


def test_precomputable_affine_padding_gradient():
    model = PrecomputableAffine(nO=4, nI=5, nF=3, nP=2).initialize()
    dY = model.ops.alloc((15, 4, 2))
    ids = model.ops.alloc((15, 3))
    ids[1, 1] = ids[1, 0] = -1
    dY[1] = 1
    ids[2, 0] = -1
    dY[2] = 5
    d_pad = _backprop_precomputable_affine_padding(model, dY, ids)
    assert d_pad.shape == (1, 3, 4, 2)
    assert d_pad[0, 0, 0, 0] == 6 and d_pad[0, 1, 0, 0] == 1 and d_pad[0, 2, 0, 0] == 0


# ---- debug data ---------------------------------------------------------------------------

def _span_example(nlp):
    words = ["Welcome", "to", "the", "Bank", "of", "China", "."]
    pred, ref = Doc(nlp.vocab, words=words), Doc(nlp.vocab, words=words)
    ref.spans["sc"] = [Span(ref, 3, 6, "ORG"), Span(ref, 5, 6, "GPE")]
    return Example(pred, ref), ref


def test_compile_gold_spans_of_every_key():
    nlp = lexloom.blank("en")
    eg, ref = _span_example(nlp)
    data = _compile_gold([eg], ["spancat"], nlp, True)
    assert data["spancat"]["sc"] == Counter({"ORG": 1, "GPE": 1})
    assert data["spans_length"]["sc"] == {"ORG": [3], "GPE": [1]}
    assert data["spans_per_type"]["sc"]["GPE"] == [Span(ref, 5, 6, "GPE")]
    assert data["sb_per_type"]["sc"]["ORG"] == {"start": [ref[2:3]], "end": [ref[6:7]]}
    chars = _get_span_characteristics([eg], data, "sc")
    assert (chars["min_length"], chars["max_length"]) == (1, 3)
    assert chars["spans_per_type"] == {"ORG": 1, "GPE": 1}
    assert chars["sd"]["GPE"] == pytest.approx(math.log(7))  # "china" is 1 word in 7
    _print_span_characteristics(chars)


def test_word_distribution_and_kl_divergence():
    vocab = lexloom.blank("en").vocab
    docs = [Doc(vocab, words=["Bank", "of", "China"]), Doc(vocab, words=["China"])]
    assert _get_distribution(docs) == Counter({"china": 0.5, "bank": 0.25, "of": 0.25})
    p = Counter({"a": 0.5, "b": 0.25})  # not renormalized
    q = Counter({"a": 0.25, "b": 0.50, "c": 0.15, "d": 0.10})
    assert _get_kl_divergence(p, q) == pytest.approx(0.25 * math.log(2))


def test_span_length_distribution_most_common_first():
    lengths = {"a": [1, 4, 4, 5], "b": [5, 3, 3, 2], "c": [3, 1, 3, 3]}
    dist = _get_spans_length_freq_dist(lengths, 90)
    assert list(dist) == [3, 1, 4, 5, 2]
    assert dist[3] == pytest.approx(41.67)


def test_labels_from_model():
    nlp = lexloom.blank("en")
    ner = nlp.add_pipe("ner")
    for label in ("A", "B"):
        ner.add_label(label)
    assert _get_labels_from_model(nlp, "ner") == {"A", "B"}


# ---- evaluate, init, package, find-threshold, convert, find-function -------------------------

def test_render_parses_writes_each_style(tmp_path):
    nlp = lexloom.blank("en")
    doc = Doc(nlp.vocab, words=["I", "like", "it"], heads=[1, 1, 1],
              deps=["nsubj", "ROOT", "dobj"], ents=["B-X", "O", "O"])
    render_parses([doc], tmp_path, model_name="m", limit=1, deps=True, ents=True, spans=False)
    assert (tmp_path / "parses.html").is_file() and (tmp_path / "entities.html").is_file()
    assert not (tmp_path / "spans.html").exists()


def test_print_tables_take_undefined_scores():
    msg = Printer(no_print=True)
    print_textcats_auc_per_cat(msg, {"A": 0.39, "B": None})
    print_prf_per_type(msg, {"A": {"p": 0.3, "r": 0.4, "f": 0.5},
                             "B": {"p": None, "r": None, "f": None}}, name="foo", type="bar")


def test_recommendations_match_the_schema():
    assert "__default__" in RECOMMENDATIONS and "en" in RECOMMENDATIONS
    for data in RECOMMENDATIONS.values():
        RecommendationSchema(**data)
    assert RECOMMENDATIONS["en"]["word_vectors"] == "en_core_web_lg"


def test_init_labels_round_trip(tmp_path):
    nlp = lexloom.blank("nl")
    tagger = nlp.add_pipe("tagger")
    for label in ("T1", "T2"):
        tagger.add_label(label)
    _init_labels(nlp, tmp_path)
    assert sorted(srsly.read_json(tmp_path / "tagger.json")) == ["T1", "T2"]


def test_package_names_and_dependencies():
    for bad in ("Meine_Bäume", "_package", "package_", ".package", "package-"):
        assert not _is_permitted_package_name(bad)
    assert _is_permitted_package_name("en_core_web_sm")
    nlp = lexloom.blank("nl")
    nlp.add_pipe("tagger")
    assert get_third_party_dependencies(nlp.config) == []


def test_find_threshold_unknown_component(tmp_path):
    nlp = lexloom.blank("en")
    nlp.add_pipe("textcat_multilabel").add_label("A")
    nlp.initialize()
    nlp.to_disk(tmp_path / "nlp")
    doc = nlp.make_doc("hello")
    doc.cats = {"A": 1.0}
    DocBin(docs=[doc]).to_disk(tmp_path / "dev.spacy")
    with pytest.raises(AttributeError, match="No component '_'"):
        find_threshold(tmp_path / "nlp", tmp_path / "dev.spacy", pipe_name="_",
                       threshold_key="threshold", scores_key="cats_macro_f")


def test_convert_auto_refuses_mixed_suffixes(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for name in ("a.iob", "b.json"):
        (src / name).touch()
    result = runner.invoke(cli_app, ["convert", str(src), str(out)])
    assert result.exit_code == 1
    assert "All input files must be same type" in result.stdout


def test_find_function_unknown_registry():
    result = runner.invoke(cli_app, ["find-function", "spacy.TextCatBOW.v3", "-r", "foobar"])
    assert result.exit_code == 1
    assert "Unknown function registry: 'foobar'" in result.stdout

