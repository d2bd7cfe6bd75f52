"""Config commands: `init config` writes spaCy's starter configs, `init fill-config` adds
defaults, `debug config` reports what is wrong and where."""
import importlib.util
import textwrap
from pathlib import Path

import pytest
from confection import Config
from typer.testing import CliRunner

import lexloom
from lexloom.util import load_model_from_config
from lexloom.cli import app
from lexloom.errors import LanguageError, PipelineError
from lexloom.language import Language
from lexloom.training.config_templates import (
    combine_score_weights,
    make_config,
    parse_pipeline,
)
from lexloom.training.config_tools import check_config, fill_config

runner = CliRunner()
SPACY_CONFIGS = Path(__file__).parent / "data" / "spacy_init_config"


def _spacy_cases() -> dict:
    """The cases whose `spacy init config` output is stored beside generate.py."""
    spec = importlib.util.spec_from_file_location("_spacy_init_config_cases",
                                                  SPACY_CONFIGS / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # only defines things: spaCy is imported by main()
    return module.CASES


CASES = _spacy_cases()


def _as_parsed(config) -> dict:
    """Through text and back, uninterpolated: the form both tools' files are compared in."""
    return Config().from_str(config.to_str(interpolate=False), interpolate=False)


def _differences(ours: dict, theirs: dict, path: str = "") -> list[str]:
    out = []
    for key in sorted(set(ours) | set(theirs)):
        where = f"{path}.{key}" if path else key
        if key not in theirs:
            out.append(f"only lexloom: {where} = {ours[key]!r}")
        elif key not in ours:
            out.append(f"only spaCy: {where} = {theirs[key]!r}")
        elif isinstance(ours[key], dict) and isinstance(theirs[key], dict):
            out.extend(_differences(ours[key], theirs[key], where))
        elif ours[key] != theirs[key] or type(ours[key]) is not type(theirs[key]):
            out.append(f"{where}: lexloom {ours[key]!r}, spaCy {theirs[key]!r}")
    return out


def _require_factories(config) -> None:
    """Skip while lexloom.pipeline lacks a factory the config names (parser, ner and
    transformer land later); remove once they exist."""
    missing = sorted({block["factory"] for block in config["components"].values()
                      if not Language.has_factory(block["factory"])})
    if missing:
        pytest.skip(f"lexloom.pipeline has no {', '.join(missing)} factory yet")


def _write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


# ---- init config ------------------------------------------------------------------------

@pytest.mark.parametrize("case", sorted(CASES))
def test_make_config_equals_spacy_init_config(case):
    pipeline, optimize, gpu, pretraining = CASES[case]
    ours = make_config("en", pipeline.split(","), optimize, gpu, pretraining)
    theirs = Config().from_str((SPACY_CONFIGS / f"{case}.cfg").read_text(encoding="utf-8"),
                               interpolate=False)
    assert _differences(_as_parsed(ours), theirs) == []


def test_init_config_is_not_interpolated_and_init_nlp_interpolates_it(tmp_path):
    """As spaCy's: init_config's Config holds ${...} references (is_interpolated False) and
    init_nlp interpolates whatever it is given."""
    from lexloom.cli.init_config import init_config
    from lexloom.tokens import DocBin
    from lexloom.training.initialize import init_nlp

    nlp = lexloom.blank("en")
    doc = nlp.make_doc("Acme hired John")
    doc.ents = [doc.char_span(0, 4, "ORG")]
    DocBin(docs=[doc]).to_disk(tmp_path / "tiny.spacy")
    config = init_config(lang="en", pipeline=["ner"])
    assert config.is_interpolated is False and config["training"]["seed"] == "${system.seed}"
    config["paths"]["train"] = config["paths"]["dev"] = str(tmp_path / "tiny.spacy")
    assert init_nlp(config).pipe_names == ["tok2vec", "ner"]


def test_make_config_shares_tok2vec_through_wildcard_listeners():
    config = make_config("en", ["tagger", "parser", "ner"], "efficiency")
    assert config["nlp"]["pipeline"] == ["tok2vec", "tagger", "parser", "ner"]
    for name in ("tagger", "parser", "ner"):
        listener = config["components"][name]["model"]["tok2vec"]
        assert listener["@architectures"] == "spacy.Tok2VecListener.v1"
        assert listener["upstream"] == "*"
        assert listener["width"] == "${components.tok2vec.model.encode.width}"


def test_make_config_gpu_shares_a_transformer():
    config = make_config("en", ["tagger"], "efficiency", gpu=True)
    assert config["nlp"]["pipeline"] == ["transformer", "tagger"]
    model = config["components"]["transformer"]["model"]
    assert model["@architectures"] == "spacy-transformers.TransformerModel.v3"
    assert model["name"] == "roberta-base"
    listener = config["components"]["tagger"]["model"]["tok2vec"]
    assert listener["@architectures"] == "spacy-transformers.TransformerListener.v1"
    assert listener["pooling"] == {"@layers": "reduce_mean.v1"}


def test_make_config_without_listeners_has_no_tok2vec():
    assert make_config("en", ["textcat"], "efficiency")["nlp"]["pipeline"] == ["textcat"]
    assert make_config("en", ["senter"], "efficiency")["nlp"]["pipeline"] == ["senter"]
    assert make_config("en", ["tok2vec", "senter"])["nlp"]["pipeline"] == ["senter"]


def test_make_config_rejects_unknown_language_and_optimize():
    with pytest.raises(LanguageError, match="qqq"):  # "xx" is spaCy's multi-language code
        make_config("qqq", ["tagger"])
    with pytest.raises(ValueError, match="efficiency"):
        make_config("en", ["tagger"], optimize="fast")


def test_make_config_unknown_component_names_known_factories():
    with pytest.raises(PipelineError, match="no_such_component.*Known factories"):
        make_config("en", ["tagger", "no_such_component"])


def test_parse_pipeline_accepts_commas_and_brackets():
    assert parse_pipeline("tagger,parser") == ["tagger", "parser"]
    assert parse_pipeline("[tagger, 'parser']") == ["tagger", "parser"]
    assert parse_pipeline(["ner"]) == ["ner"]


def test_combine_score_weights_normalises_weighted_scores():
    combined = combine_score_weights([{"a": 1.0, "b": None}, {"c": 1.0, "d": 0.0}])
    assert combined == {"a": 0.5, "b": None, "c": 0.5, "d": 0.0}


@pytest.mark.parametrize("pipeline", ["tagger", "morphologizer,senter", "textcat",
                                      "textcat_multilabel",
                                      "tagger,morphologizer,senter,textcat,textcat_multilabel",
                                      "tagger,parser,ner",
                                      "spancat,spancat_singlelabel,span_finder,entity_linker"])
@pytest.mark.parametrize("optimize", ["efficiency", "accuracy"])
def test_init_config_builds_with_from_config(pipeline, optimize):
    config = make_config("en", pipeline.split(","), optimize)
    _require_factories(config)
    nlp = load_model_from_config(config, auto_fill=True)
    assert nlp.pipe_names == config["nlp"]["pipeline"]
    assert nlp.config["components"].keys() == config["components"].keys()


@pytest.mark.parametrize("pipeline", ["tagger", "morphologizer,senter,textcat",
                                      "textcat_multilabel", "tagger,parser,ner"])
def test_lexloom_factories_fill_nothing_into_init_config_components(pipeline):
    """lexloom's factory and architecture defaults equal spaCy's: filling a generated
    config changes no component and no score weight."""
    config = make_config("en", pipeline.split(","), "efficiency")
    _require_factories(config)
    filled = _as_parsed(fill_config(config))
    expected = _as_parsed(config)
    assert _differences(filled["components"], expected["components"]) == []
    assert filled["training"]["score_weights"] == expected["training"]["score_weights"]


def test_fill_config_of_init_config_changes_nothing():
    config = make_config("en", ["tagger"], "efficiency")
    _require_factories(config)
    assert _differences(_as_parsed(fill_config(config)), _as_parsed(config)) == []


def test_init_config_cli_writes_file(tmp_path):
    out = tmp_path / "sub" / "config.cfg"
    result = runner.invoke(app, ["init", "config", str(out), "--lang", "en", "--pipeline",
                                 "tagger,parser", "--optimize", "accuracy"])
    assert result.exit_code == 0, result.output
    assert "Saved config" in result.output and "lexloom train" in result.output
    assert "✔ Auto-filled config with all values\n✔ Saved config" in result.output
    written = Config().from_disk(out, interpolate=False)
    assert _differences(written, _as_parsed(make_config("en", ["tagger", "parser"],
                                                       "accuracy"))) == []


def test_init_config_cli_to_stdout_prints_only_the_config():
    result = runner.invoke(app, ["init", "config", "-", "-p", "textcat", "-G", "-pt"])
    assert result.exit_code == 0, result.output
    printed = Config().from_str(result.stdout, interpolate=False)
    assert printed["nlp"]["pipeline"] == ["transformer", "textcat"]
    assert printed["pretraining"]["objective"]["@architectures"] == \
        "spacy.PretrainCharacters.v1"


@pytest.mark.parametrize("gpu,warned", [(True, True), (False, False)])
def test_init_config_pretraining_warns_when_there_is_no_tok2vec(tmp_path, gpu, warned):
    """--pretraining pretrains the component named tok2vec: spaCy warns where the pipeline
    has none (a transformer pipeline), before saving; on stdout the config stays clean."""
    args = ["-p", "ner", "-pt"] + (["-G"] if gpu else [])
    result = runner.invoke(app, ["init", "config", str(tmp_path / "c.cfg")] + args)
    assert result.exit_code == 0, result.output
    assert ("No tok2vec component found" in result.output) == warned
    if warned:
        assert result.output.index("Transformer:") < result.output.index("No tok2vec") \
            < result.output.index("Saved config")
    printed = runner.invoke(app, ["init", "config", "-"] + args)
    Config().from_str(printed.stdout, interpolate=False)   # nothing else on stdout


def test_init_config_cli_refuses_to_overwrite_without_force(tmp_path):
    out = _write(tmp_path / "config.cfg", "[nlp]\n")
    result = runner.invoke(app, ["init", "config", str(out)])
    assert result.exit_code == 1
    assert "--force" in result.output
    assert out.read_text() == "[nlp]\n"
    result = runner.invoke(app, ["init", "config", str(out), "--force", "-p", "ner"])
    assert result.exit_code == 0, result.output
    assert "[components.ner]" in out.read_text()


def test_init_config_cli_unknown_component_exits_1():
    result = runner.invoke(app, ["init", "config", "-", "-p", "tagger,nope"])
    assert result.exit_code == 1
    assert "nope" in result.output


# ---- init fill-config -------------------------------------------------------------------

def test_fill_config_adds_default_sections_and_function_defaults(tmp_path):
    base = _write(tmp_path / "base.cfg", """
        [nlp]
        lang = "en"
        pipeline = []

        [training]
        max_steps = 7
        """)
    out = tmp_path / "filled.cfg"
    result = runner.invoke(app, ["init", "fill-config", str(base), str(out), "--diff"])
    assert result.exit_code == 0, result.output
    assert "Auto-filled" in result.output and "+[corpora.train]" in result.output
    # the next step, as spaCy's fill-config says it
    assert ("You can now add your data and train your pipeline:\nlexloom train filled.cfg "
            "--paths.train ./train.spacy --paths.dev ./dev.spacy") in result.output
    filled = Config().from_disk(out, interpolate=False)
    assert filled["training"]["max_steps"] == 7  # kept
    assert filled["training"]["patience"] == 1600  # from the default config
    assert filled["nlp"]["batch_size"] == 1000
    assert filled["training"]["batcher"]["size"]["t"] == 0.0  # a function's default
    assert filled["training"]["logger"]["progress_bar"] is False
    assert filled["pretraining"] == {}
    assert filled["corpora"]["train"]["path"] == "${paths.train}"  # variables kept


def test_fill_config_keeps_the_users_order_as_spacys_does(tmp_path):
    """spaCy's fill merges the defaults into the user's blocks: the user's sections, settings
    and sub-blocks keep their order, the added ones follow in the default config's order,
    the components come in pipeline order and last, with [pretraining]; score_weights are
    recomputed. (The expected order is what spaCy 3.8's fill-config writes for it.)"""
    base = _write(tmp_path / "base.cfg", """
        [system]
        seed = 0

        [nlp]
        lang = "en"
        pipeline = ["tok2vec","ner"]
        batch_size = 500

        [components]

        [components.ner]
        factory = "ner"
        moves = null

        [components.tok2vec]
        factory = "tok2vec"

        [training]
        max_steps = 10

        [training.optimizer]
        @optimizers = "Adam.v1"
        learn_rate = 0.01

        [training.score_weights]
        ents_r = 0.5

        [corpora]

        [corpora.train]
        @readers = "spacy.Corpus.v1"
        path = "train.spacy"

        [paths]
        train = null
        """)
    out = tmp_path / "filled.cfg"
    result = runner.invoke(app, ["init", "fill-config", str(base), str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf8")
    headers = [line for line in text.splitlines() if line.startswith("[")]
    assert headers[:14] == [
        "[system]", "[nlp]", "[training]", "[corpora]", "[paths]", "[initialize]",
        "[components]", "[pretraining]", "[nlp.tokenizer]", "[nlp.vectors]",
        "[training.optimizer]", "[training.score_weights]", "[training.logger]",
        "[training.batcher]"]
    assert headers.index("[components.tok2vec]") < headers.index("[components.ner]")

    def keys(section):
        block = text.split(f"\n{section}\n", 1)[1].split("\n\n", 1)[0]
        return [line.split(" =")[0] for line in block.splitlines()]

    assert keys("[training]") == [
        "max_steps", "seed", "gpu_allocator", "dropout", "accumulate_gradient", "patience",
        "max_epochs", "eval_frequency", "frozen_components", "annotating_components",
        "dev_corpus", "train_corpus", "before_to_disk", "before_update"]
    assert keys("[training.score_weights]") == ["ents_f", "ents_p", "ents_r", "ents_per_type"]
    assert keys("[corpora.train]") == ["@readers", "path", "gold_preproc", "max_length",
                                       "limit", "augmenter"]
    assert keys("[components.ner]") == ["factory", "moves", "update_with_oracle_cut_size",
                                        "incorrect_spans_key"]


# a partial config: one tagger, nothing else
TAGGER_BASE = textwrap.dedent("""
    [nlp]
    lang = "en"
    pipeline = ["tagger"]

    [components]

    [components.tagger]
    factory = "tagger"
    """)


def test_fill_config_fills_component_from_factory_defaults(tmp_path):
    base = _write(tmp_path / "base.cfg", TAGGER_BASE)
    _require_factories(Config().from_disk(base, interpolate=False))
    result = runner.invoke(app, ["init", "fill-config", str(base), "-"])
    assert result.exit_code == 0, result.output
    filled = Config().from_str(result.stdout, interpolate=False)
    tagger = filled["components"]["tagger"]
    assert tagger["model"]["@architectures"] == "spacy.Tagger.v2"
    assert tagger["scorer"] == {"@scorers": "spacy.tagger_scorer.v1"}
    assert tagger["neg_prefix"] == "!" and tagger["overwrite"] is False
    assert filled["training"]["score_weights"]["tag_acc"] == 1.0


def test_fill_config_with_code_uses_user_factory_defaults(tmp_path):
    code = _write(tmp_path / "fill_user_code.py", """
        from lexloom.language import Language

        @Language.factory("fill_user_counter", default_config={"size": 3, "label": "x"},
                          default_score_weights={"counter_acc": 1.0})
        def make_counter(nlp, name, size: int, label: str):
            return lambda doc: doc
        """)
    base = _write(tmp_path / "base.cfg", """
        [nlp]
        lang = "en"
        pipeline = ["fill_user_counter"]

        [components]

        [components.fill_user_counter]
        factory = "fill_user_counter"
        label = "y"
        """)
    out = tmp_path / "filled.cfg"
    result = runner.invoke(app, ["init", "fill-config", str(base), str(out), "--code",
                                 str(code), "--pretraining"])
    assert result.exit_code == 0, result.output
    filled = Config().from_disk(out, interpolate=False)
    assert filled["components"]["fill_user_counter"] == {
        "factory": "fill_user_counter", "size": 3, "label": "y"}
    assert filled["training"]["score_weights"] == {"counter_acc": 1.0}
    assert filled["pretraining"]["component"] == "tok2vec"
    assert filled["paths"]["raw_text"] is None


def test_fill_config_unknown_factory_exits_1(tmp_path):
    base = _write(tmp_path / "base.cfg", """
        [nlp]
        lang = "en"
        pipeline = ["x"]

        [components]

        [components.x]
        factory = "no_such_factory"
        """)
    result = runner.invoke(app, ["init", "fill-config", str(base)])
    assert result.exit_code == 1
    assert "no_such_factory" in result.output


def test_fill_config_with_a_reference_to_no_setting_says_so_without_a_traceback(tmp_path):
    base = _write(tmp_path / "base.cfg", TAGGER_BASE + textwrap.dedent("""
        [components.tagger.model]
        @architectures = "spacy.Tagger.v2"

        [components.tagger.model.tok2vec]
        @architectures = "spacy.Tok2VecListener.v1"
        width = ${components.tok2vec.model.encode.width}
        """))
    result = runner.invoke(app, ["init", "fill-config", str(base), "-"])
    assert result.exit_code == 1
    assert "Config validation error" in result.output
    assert "components.tok2vec.model.encode.width" in result.output
    assert isinstance(result.exception, SystemExit)   # a message, not a traceback


def test_a_config_error_prints_as_spacys_title_then_the_errors(tmp_path):
    """spaCy: "✘ Config error for 'spacy.MultiHashEmbed.v1'" and then one line per error
    (no "[lexloom]" line in between)."""
    base = _write(tmp_path / "base.cfg", TAGGER_BASE + textwrap.dedent("""
        [components.tagger.model]
        @architectures = "spacy.Tagger.v2"

        [components.tagger.model.tok2vec]
        @architectures = "spacy.Tok2Vec.v2"

        [components.tagger.model.tok2vec.embed]
        @architectures = "spacy.MultiHashEmbed.v2"
        width = 96
        rows = 2000
        include_static_vectors = false

        [components.tagger.model.tok2vec.encode]
        @architectures = "spacy.MaxoutWindowEncoder.v2"
        width = 96
        depth = 4
        window_size = 1
        maxout_pieces = 3
        """))
    result = runner.invoke(app, ["init", "fill-config", str(base), "-"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert "Config error for 'spacy.MultiHashEmbed.v2'" in lines[0]
    assert "missing required argument: 'attrs'" in lines[1] and "[lexloom]" not in lines[1]


# ---- debug config -----------------------------------------------------------------------

VALID = """
    [nlp]
    lang = "en"
    pipeline = []
    """


@pytest.fixture
def valid_config(tmp_path) -> Path:
    """A complete config with an empty pipeline: valid with or without components."""
    base = Config().from_str(textwrap.dedent(VALID), interpolate=False)
    path = tmp_path / "valid.cfg"
    fill_config(base).to_disk(path, interpolate=False)
    return path


def test_debug_config_valid_config_exits_0(valid_config):
    result = runner.invoke(app, ["debug", "config", str(valid_config)])
    assert result.exit_code == 0, result.output
    assert "Config is valid" in result.output


def test_debug_config_valid_generated_pipeline(tmp_path):
    config = make_config("en", ["tagger", "morphologizer", "senter", "textcat"])
    _require_factories(config)
    path = tmp_path / "config.cfg"
    config.to_disk(path, interpolate=False)
    result = runner.invoke(app, ["debug", "config", str(path)])
    assert result.exit_code == 0, result.output
    assert "Config is valid" in result.output


def test_debug_config_unknown_architecture_names_block_and_choices(tmp_path):
    config = make_config("en", ["textcat"], "efficiency")
    config["components"]["textcat"]["model"]["@architectures"] = "spacy.Tok2Vec.v9"
    path = tmp_path / "config.cfg"
    config.to_disk(path, interpolate=False)
    result = runner.invoke(app, ["debug", "config", str(path)])
    assert result.exit_code == 1
    assert "[components.textcat.model]" in result.output
    assert 'spacy.Tok2Vec.v9' in result.output
    assert "Known:" in result.output and "spacy.Tok2Vec.v2" in result.output


def test_debug_config_reports_every_unknown_name_at_once(valid_config):
    text = valid_config.read_text().replace('"spacy.batch_by_words.v1"', '"nope.batcher.v1"')
    text = text.replace('"spacy.ConsoleLogger.v1"', '"nope.logger.v1"')
    valid_config.write_text(text)
    report = check_config(valid_config)
    assert report.stage == "registered functions"
    assert any("[training.batcher]" in e and "nope.batcher.v1" in e for e in report.errors)
    assert any("[training.logger]" in e and "nope.logger.v1" in e for e in report.errors)


def test_debug_config_missing_section(valid_config):
    config = Config().from_disk(valid_config, interpolate=False)
    del config["training"]
    config.to_disk(valid_config, interpolate=False)
    result = runner.invoke(app, ["debug", "config", str(valid_config)])
    assert result.exit_code == 1
    assert "no [training] section" in result.output
    assert "fill-config" in result.output


def test_debug_config_missing_and_unknown_settings(valid_config):
    config = Config().from_disk(valid_config, interpolate=False)
    del config["training"]["max_steps"]
    config["nlp"]["langauge"] = "en"
    config.to_disk(valid_config, interpolate=False)
    report = check_config(valid_config)
    assert any(e.startswith("[training] is missing 'max_steps'") for e in report.errors)
    # spaCy ignores a setting [nlp] doesn't have: a warning here, not an error
    assert not any("langauge" in e for e in report.errors)
    assert any(w.startswith("[nlp] has no setting 'langauge'") for w in report.warnings)


def test_debug_config_pipeline_name_without_block(valid_config):
    result = runner.invoke(app, ["debug", "config", str(valid_config),
                                 "--nlp.pipeline", '["tagger"]'])
    assert result.exit_code == 1
    assert "[nlp] pipeline lists 'tagger'" in result.output
    assert "[components.tagger]" in result.output


def test_debug_config_unknown_variable(valid_config):
    valid_config.write_text(valid_config.read_text().replace("${paths.train}",
                                                             "${paths.trian}"))
    report = check_config(valid_config)
    assert report.stage == "variables"
    assert "paths.trian" in report.errors[0]


def test_debug_config_bad_override_key(valid_config):
    result = runner.invoke(app, ["debug", "config", str(valid_config),
                                 "--training.max_stepz", "5"])
    assert result.exit_code == 0   # spaCy trains with it (and ignores it): a warning
    assert "--training.max_stepz" in result.output
    assert "[training] has no setting 'max_stepz'" in result.output
    assert "max_steps" in result.output  # the known settings
    result = runner.invoke(app, ["debug", "config", str(valid_config), "--nosuch.key", "1"])
    assert result.exit_code == 1
    assert "the config has no section 'nosuch'" in result.output


def test_debug_config_overrides_apply(valid_config):
    text = valid_config.read_text().replace('dev_corpus = "corpora.dev"',
                                            'dev_corpus = "corpora.held_out"')
    valid_config.write_text(text)
    broken = runner.invoke(app, ["debug", "config", str(valid_config)])
    assert broken.exit_code == 1
    assert "[training] dev_corpus" in broken.output and "corpora.held_out" in broken.output
    fixed = runner.invoke(app, ["debug", "config", str(valid_config),
                                "--training.dev_corpus", "corpora.dev",
                                "--system.seed=42", "--show-variables"])
    assert fixed.exit_code == 0, fixed.output
    line = next(line for line in fixed.output.splitlines() if "${system.seed}" in line)
    assert line.split()[-1] == "42"
    report = check_config(valid_config, {"training.max_steps": 7,
                                         "training.dev_corpus": "corpora.dev"})
    assert report.ok, report.errors
    assert report.config["training"]["max_steps"] == 7


def test_debug_config_code_registers_user_function(tmp_path, valid_config):
    code = _write(tmp_path / "debug_user_code.py", """
        from lexloom.registry import registry

        @registry.loggers("debug_user.logger.v1")
        def make_logger(progress_bar: bool = False):
            def setup(nlp, stdout=None, stderr=None):
                return (lambda info: None), (lambda: None)
            return setup
        """)
    valid_config.write_text(valid_config.read_text().replace('"spacy.ConsoleLogger.v1"',
                                                             '"debug_user.logger.v1"'))
    without = runner.invoke(app, ["debug", "config", str(valid_config)])
    assert without.exit_code == 1
    assert "[training.logger]" in without.output and "--code" in without.output
    result = runner.invoke(app, ["debug", "config", str(valid_config), "--code", str(code),
                                 "--show-functions"])
    assert result.exit_code == 0, result.output
    assert "debug_user.logger.v1" in result.output
    assert "debug_user_code.py" in result.output  # where the function is defined


def test_debug_config_reads_stdin(valid_config):
    result = runner.invoke(app, ["debug", "config", "-"], input=valid_config.read_text())
    assert result.exit_code == 0, result.output


def test_debug_config_checks_training_values_as_train_does(valid_config):
    result = runner.invoke(app, ["debug", "config", str(valid_config),
                                 "--training.max_steps", "abc"])
    assert result.exit_code == 1
    assert "max_steps = 'abc' must be an integer" in result.output


def _section_lines(text):
    return [line.strip("[]") for line in text.splitlines() if line.startswith("[")]


def _keys(text, section):
    lines = text.split(f"[{section}]\n", 1)[1].split("\n\n", 1)[0].splitlines()
    return [line.split(" = ")[0] for line in lines]


@pytest.mark.parametrize("gpu", [False, True])
def test_init_config_is_written_in_spacys_order(gpu):
    """`init config` writes blocks and settings in the order spaCy's does (its template's,
    then auto-fill's; [components] and [pretraining] last), so the two files are the same
    text: the blocks, [paths] and [training]'s first settings, a component's model block
    before its other blocks, a transformer's get_spans block first."""
    from lexloom.training.config_templates import make_config

    text = make_config("en", ["tagger", "parser", "spancat"], gpu=gpu).to_str()
    sections = _section_lines(text)
    assert sections[:8] == ["paths", "system", "nlp", "corpora", "training", "initialize",
                            "components", "pretraining"]
    assert _keys(text, "paths")[:3] == ["train", "dev", "vectors"]
    training = _keys(text, "training")
    assert training[:2] == (["accumulate_gradient", "dev_corpus"] if gpu
                            else ["dev_corpus", "train_corpus"])
    assert [s for s in sections if s.startswith("training.") and s.count(".") == 1] == \
        ["training.optimizer", "training.batcher", "training.logger", "training.score_weights"]
    assert _keys(text, "corpora.train")[:3] == ["@readers", "path", "max_length"]
    spancat = [s for s in sections if s.startswith("components.spancat.")
               and s.count(".") == 2]
    assert spancat == ["components.spancat.model", "components.spancat.suggester",
                       "components.spancat.scorer"]
    tagger = _keys(text, "components.tagger")
    assert tagger == (["factory", "overwrite", "neg_prefix", "label_smoothing"] if gpu
                      else ["factory", "label_smoothing", "overwrite", "neg_prefix"])
    if gpu:
        model = [s for s in sections if s.startswith("components.transformer.model.")]
        assert model[0] == "components.transformer.model.get_spans"


def test_score_weights_count_disabled_components_as_spacy():
    """nlp.config's [training.score_weights] combine every component's weights, disabled
    ones too, in pipeline order (spaCy's component_names): a disabled tagger keeps its
    share and its column's place in the train table."""
    nlp = lexloom.blank("en")
    nlp.add_pipe("tagger")
    nlp.add_pipe("ner")
    nlp.disable_pipe("tagger")
    weights = nlp.config["training"]["score_weights"]
    assert list(weights)[:2] == ["tag_acc", "pos_acc"]
    assert weights["tag_acc"] == 0.5 and weights["ents_f"] == 0.5


@pytest.mark.parametrize("command", [["init", "fill-config"], ["debug", "config"], ["train"]])
def test_a_code_file_that_fails_to_import_is_reported_not_traced(tmp_path, valid_config,
                                                                 command):
    """As spaCy's CLI: "Couldn't load Python code: <path>" and exit 1, not a traceback."""
    code = tmp_path / "broken.py"
    code.write_text("import not_a_module_anywhere\n")
    args = [*command, str(valid_config)]
    if command[0] == "init":
        args.append(str(tmp_path / "out.cfg"))
    result = runner.invoke(app, [*args, "--code", str(code)])
    assert result.exit_code == 1
    assert "Couldn't load Python code" in result.output and "broken.py" in result.output


def test_config_checks_take_what_spacy_fills_in_and_report_conflicts(tmp_path):
    """Found in real configs: spaCy's from_config fills [nlp] vectors and the score weights
    in even without auto_fill, so a config without them is valid (debug config) and
    builds; an [nlp] tokenizer given twice is a config validation error, re-raised with a
    parent (confection's from_error), never a TypeError."""
    from confection import ConfigValidationError

    config = fill_config(Config(make_config("en", ["tagger"], "efficiency", False, False)))
    del config["nlp"]["vectors"]
    del config["training"]["score_weights"]
    report = check_config(config, {"paths.train": str(tmp_path), "paths.dev": str(tmp_path)})
    assert report.ok, report.errors
    nlp = load_model_from_config(config, auto_fill=False)
    assert nlp.config["nlp"]["vectors"] == {"@vectors": "spacy.Vectors.v1"}
    error = lexloom.errors.ConfigValidationFailedError(
        errors=[{"loc": ["nlp", "tokenizer"], "msg": "found conflicting values"}])
    again = type(error).from_error(error, parent="nlp")
    assert isinstance(again, ConfigValidationError)
    assert "nlp -> nlp -> tokenizer" in str(again) and "conflicting" in str(again)


def test_annotating_components_may_name_a_component_the_pipeline_lacks(tmp_path):
    """explosion/projects' span-labeling configs list a component under [training]
    annotating_components that their pipeline leaves out: spaCy trains (it annotates with
    what it has); a frozen component must be in the pipeline."""
    from lexloom.errors import ConfigError
    from lexloom.tokens import Doc, DocBin
    from lexloom.training.initialize import init_nlp

    nlp = lexloom.blank("en")
    DocBin(docs=[Doc(nlp.vocab, words=["I", "ran"], tags=["PRP", "VBD"])]).to_disk(
        tmp_path / "d.spacy")
    config = fill_config(Config(make_config("en", ["tagger"], "efficiency", False, False)))
    config["paths"]["train"] = config["paths"]["dev"] = str(tmp_path / "d.spacy")
    config["training"]["annotating_components"] = ["sentencizer"]
    config.to_disk(tmp_path / "config.cfg")
    report = check_config(tmp_path / "config.cfg")
    assert report.ok, report.errors   # debug config agrees with train
    assert init_nlp(config).pipe_names == ["tok2vec", "tagger"]
    config["training"]["frozen_components"] = ["sentencizer"]
    with pytest.raises(ConfigError, match="frozen_components names 'sentencizer'"):
        init_nlp(config)


def test_fill_config_as_spacys_for_null_initialize_paths_missing_lang_and_factory_order(
        tmp_path):
    """spaCy's fill builds the filled config once more without filling it (an [initialize]
    reader may take a path that is null until training), needs [nlp] lang (E993), and writes
    a component's factory first."""
    base = _write(tmp_path / "base.cfg", """
        [paths]
        patterns = null

        [nlp]
        lang = "en"
        pipeline = ["entity_ruler"]

        [components]

        [components.entity_ruler]
        overwrite_ents = true
        factory = "entity_ruler"

        [initialize]

        [initialize.components]

        [initialize.components.entity_ruler]

        [initialize.components.entity_ruler.patterns]
        @readers = "srsly.read_jsonl.v1"
        path = ${paths.patterns}
        """)
    out = tmp_path / "filled.cfg"
    result = runner.invoke(app, ["init", "fill-config", str(base), str(out)])
    assert result.exit_code == 0, result.output
    block = out.read_text(encoding="utf8").split("[components.entity_ruler]\n", 1)[1]
    assert block.splitlines()[:2] == ['factory = "entity_ruler"', "overwrite_ents = true"]
    no_lang = _write(tmp_path / "nolang.cfg", """
        [nlp]
        pipeline = []
        """)
    result = runner.invoke(app, ["init", "fill-config", str(no_lang), str(tmp_path / "x.cfg")])
    assert result.exit_code == 1 and "E993" in result.output


def test_a_pipeline_of_one_language_refuses_another_languages_vocab():
    """spaCy's E150: English(vocab=<a Latin vocab>) (sourcing a component into a pipeline of
    another language goes through it)."""
    from lexloom.lang.en import English

    with pytest.raises(LanguageError, match="E150"):
        English(vocab=lexloom.blank("la").vocab)
    assert English(vocab=lexloom.blank("en").vocab).lang == "en"
    assert lexloom.language.Language(vocab=lexloom.blank("la").vocab).lang == "la"
