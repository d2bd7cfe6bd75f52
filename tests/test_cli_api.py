"""spaCy's `spacy.cli` functions in lexloom: the library function behind each command, and
the commands registered with spaCy's names and flags."""
import inspect
import json

import pytest
import srsly
from lexloom.cli import app
from typer.testing import CliRunner

import lexloom
from lexloom import cli
from lexloom.tokens import Doc, DocBin

runner = CliRunner()

TEXTS = ["This is a sentence.", "Another one here, with more words in it.", "Short."]


@pytest.fixture
def blank_pipeline(tmp_path):
    nlp = lexloom.blank("en")
    nlp.to_disk(tmp_path / "blank_en")
    DocBin(docs=[nlp(t) for t in TEXTS]).to_disk(tmp_path / "data.spacy")
    return tmp_path


@pytest.mark.parametrize("name", ["apply", "assemble_cli", "benchmark_speed_cli", "convert",
                                  "debug_config", "debug_diff", "download", "evaluate",
                                  "fill_config", "find_function", "find_threshold", "info",
                                  "init_config", "init_pipeline_cli", "link", "pretrain",
                                  "profile", "setup_cli", "train_cli", "validate"])
def test_command_functions_are_exposed(name):
    assert inspect.isfunction(getattr(cli, name))


def test_command_modules_are_exposed():
    for name in ("assemble", "benchmark_speed", "init_pipeline", "project", "download_module"):
        assert inspect.ismodule(getattr(cli, name))


def test_benchmark_speed_prints_words_per_second(blank_pipeline):
    path = blank_pipeline
    result = runner.invoke(app, ["benchmark", "speed", str(path / "blank_en"),
                                 str(path / "data.spacy"), "--batches", "30", "--warmup", "1",
                                 "-b", "2"])
    assert result.exit_code == 0, result.output
    assert "Benchmarking 30 batches..." in result.output
    assert "words/s (95% CI:" in result.output and "Outliers:" in result.output


def test_benchmark_speed_function_returns_one_rate_per_batch(blank_pipeline):
    from lexloom.cli.benchmark_speed import benchmark_speed

    wps = benchmark_speed(str(blank_pipeline / "blank_en"), blank_pipeline / "data.spacy",
                          batch_size=3, n_batches=4, warmup_epochs=0, echo=lambda _: None)
    assert len(wps) == 4 and (wps > 0).all()


def test_apply_annotates_texts_jsonl_and_docbin(blank_pipeline, tmp_path):
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path / "senter")
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    srsly.write_jsonl(inputs / "a.jsonl", [{"body": "One. Two."}])
    (inputs / "b.txt").write_text("Three. Four.\n", encoding="utf8")
    cli.apply(inputs, tmp_path / "out", str(tmp_path / "senter"), "body", 2, 1)
    docs = list(DocBin().from_disk(tmp_path / "out.spacy").get_docs(nlp.vocab))
    assert [d.text.strip() for d in docs] == ["One. Two.", "Three. Four."]
    assert [[s.text for s in d.sents if s.text.strip()] for d in docs] == [
        ["One.", "Two."], ["Three.", "Four."]]


def test_apply_cli_refuses_to_overwrite(blank_pipeline):
    path = blank_pipeline
    out = path / "out.spacy"
    out.write_bytes(b"")
    result = runner.invoke(app, ["apply", str(path / "blank_en"), str(path / "data.spacy"),
                                 str(out)])
    assert result.exit_code == 1 and "--force" in result.output


def test_assemble_builds_and_saves_rule_based_pipeline(tmp_path):
    config = lexloom.blank("en").config
    config["nlp"]["pipeline"] = ["sentencizer"]
    config["components"]["sentencizer"] = {"factory": "sentencizer"}
    config.to_disk(tmp_path / "config.cfg")
    result = runner.invoke(app, ["assemble", str(tmp_path / "config.cfg"),
                                 str(tmp_path / "out"), "--nlp.lang", "en"])
    assert result.exit_code == 0, result.output
    nlp = lexloom.load(tmp_path / "out")
    assert nlp.pipe_names == ["sentencizer"]
    assert len(list(nlp("One. Two.").sents)) == 2


def test_init_config_and_fill_config_functions(tmp_path):
    config = cli.init_config(lang="en", pipeline=["tagger"])
    assert config["nlp"]["pipeline"] == ["tok2vec", "tagger"]
    partial = tmp_path / "partial.cfg"
    partial.write_text('[nlp]\nlang = "en"\npipeline = []\n', encoding="utf8")
    original, filled = cli.fill_config(tmp_path / "full.cfg", partial, silent=True)
    assert "training" in filled and "training" not in original
    assert (tmp_path / "full.cfg").exists()


def test_debug_diff_shows_changed_setting(tmp_path, capsys):
    from lexloom.cli.init_config import Optimizations

    config = cli.init_config(lang="en", pipeline=["tagger"])
    config["training"]["max_steps"] = 123
    config.to_disk(tmp_path / "config.cfg")
    text = cli.debug_diff(tmp_path / "config.cfg", None, False, Optimizations.efficiency,
                          False, True)
    assert "+ max_steps = 123" in text and "- max_steps = 20000" in text
    assert "```diff" in capsys.readouterr().out


def test_find_function_returns_file_and_line():
    path, line = cli.find_function("spacy.lower_case.v1", "augmenters")
    assert path.endswith("augment.py") and line > 0
    result = runner.invoke(app, ["find-function", "spacy.Tok2Vec.v2"])
    assert result.exit_code == 0 and "tok2vec.py" in result.output
    assert runner.invoke(app, ["find-function", "no.such.function.v9"]).exit_code == 1


def test_find_threshold_scans_component_threshold(tmp_path, monkeypatch):
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path / "pipe")
    gold = Doc(nlp.vocab, words=["A", ".", "B", "."], sent_starts=[True, False, True, False])
    DocBin(docs=[gold]).to_disk(tmp_path / "dev.spacy")
    with pytest.raises(ValueError):   # the sentencizer has no threshold setting
        cli.find_threshold(str(tmp_path / "pipe"), tmp_path / "dev.spacy", "sentencizer",
                           "threshold", "sents_f")


def test_find_threshold_of_a_factory_setting_reloads_the_pipeline_per_trial(tmp_path):
    # a component that reads its threshold at construction only (not in .cfg): as spaCy,
    # each trial loads the pipeline with components.<name>.<key> overridden
    from lexloom.language import Language
    from lexloom.scorer import Scorer

    class LengthCat:
        def __init__(self, threshold):
            self.threshold = threshold
            self.scorer = self.score

        def __call__(self, doc):
            long = float(len(doc) > self.threshold * 10)
            doc.cats = {"LONG": long, "SHORT": 1.0 - long}
            return doc

        def score(self, examples, **kwargs):
            return Scorer.score_cats(examples, "cats", labels=["LONG", "SHORT"],
                                     multi_label=True)

    Language.factory("ll_length_cat", default_config={"threshold": 0.5},
                     func=lambda nlp, name, threshold: LengthCat(threshold))
    nlp = lexloom.blank("en")
    nlp.add_pipe("ll_length_cat")
    nlp.to_disk(tmp_path / "pipe")
    docs = []
    for n in (2, 3, 4, 6, 7, 8):   # "long" from 5 words: the best threshold is 0.4 - 0.5
        doc = nlp.make_doc(" ".join(["w"] * n))
        doc.cats = {"LONG": float(n >= 5), "SHORT": float(n < 5)}
        docs.append(doc)
    DocBin(docs=docs, attrs=["ORTH"], store_user_data=True).to_disk(tmp_path / "dev.spacy")
    best, score, scores = cli.find_threshold(str(tmp_path / "pipe"), tmp_path / "dev.spacy",
                                             "ll_length_cat", "threshold", "cats_macro_f")
    assert 0.4 <= best <= 0.5 and score == 1.0 and scores[0.0] < 1.0


def test_link_only_warns():
    result = runner.invoke(app, ["link", "en_core_web_sm", "en"])
    assert result.exit_code == 0 and "not supported anymore" in result.output


def test_project_without_weasel_says_how_to_get_it():
    # weasel is a dependency; a broken install without it still gets a clear message
    import subprocess
    import sys

    script = (
        "import importlib.util\n"
        "real = importlib.util.find_spec\n"
        "importlib.util.find_spec = lambda name, *a: None if name == 'weasel' "
        "else real(name, *a)\n"
        "from typer.testing import CliRunner\n"
        "from lexloom.cli import app\n"
        "result = CliRunner().invoke(app, ['project', 'clone', 'pipelines/tagger_parser_ud'])\n"
        "print(result.exit_code, result.output)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout
    assert out.startswith("1 ") and "pip install weasel" in out


def test_project_run_runs_a_workflow_with_weasel(tmp_path):
    # spaCy's `project run` (weasel's command, mounted under lexloom's CLI)
    import sys

    (tmp_path / "project.yml").write_text(
        "title: tiny\n"
        "commands:\n"
        "  - name: make\n"
        f"    script:\n      - \"{sys.executable} -c \\\"open('out.txt', 'w')"
        ".write('made')\\\"\"\n"
        "    outputs:\n      - out.txt\n", encoding="utf8")
    result = runner.invoke(app, ["project", "run", "make", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.txt").read_text() == "made"
    doc = runner.invoke(app, ["project", "document", str(tmp_path)])
    assert doc.exit_code == 0 and "Project: tiny" in doc.output and "`make`" in doc.output


def test_download_offline_fails_clearly(monkeypatch, capsys):
    import urllib.request

    from lexloom.cli import download_module
    from lexloom.errors import DownloadError

    def offline(*args, **kwargs):
        raise urllib.error.URLError("no network")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    with pytest.raises(DownloadError, match="needs the network"):
        download_module.get_compatibility()
    # offline, as spaCy's (whose requests ConnectionError goes through), the function
    # raises a ConnectionError that code can catch; the command says why and exits 1
    with pytest.raises(ConnectionError, match="needs the network"):
        cli.download("en_core_web_sm")
    result = runner.invoke(app, ["download", "en_core_web_sm"])
    assert result.exit_code == 1 and "needs the network" in result.output
    assert download_module.get_model_filename("en_core_web_sm", "3.8.0") == \
        "en_core_web_sm-3.8.0/en_core_web_sm-3.8.0-py3-none-any.whl"
    with pytest.raises(SystemExit):
        cli.download("../evil-1.0", True)
    with pytest.raises(DownloadError, match="rejected"):
        download_module.download_model("../../evil/evil-1.0.whl")


def test_download_installs_the_release_file_without_spacy_as_a_dependency(monkeypatch):
    from lexloom.cli import download_module

    commands = []
    monkeypatch.setattr(download_module, "run_command", commands.append)
    monkeypatch.setattr(download_module, "is_package", lambda name: False)
    cli.download("en_core_web_sm-3.8.0", True)
    command = commands[-1]
    assert command[-1] == (f"{download_module.DOWNLOAD_URL}/en_core_web_sm-3.8.0/"
                           "en_core_web_sm-3.8.0-py3-none-any.whl")
    assert "--no-deps" in command and command[command.index("install") - 1] == "pip"


def test_validate_checks_spacy_version_ranges():
    from lexloom.cli.validate import is_compatible

    assert is_compatible(">=3.8.0,<3.9.0") and is_compatible(">=3.8.3,<3.9.0")
    assert not is_compatible(">=3.7.0,<3.8.0") and not is_compatible("")
    assert runner.invoke(app, ["validate"]).exit_code in (0, 1)


def test_profile_prints_stats(blank_pipeline, tmp_path, capsys):
    srsly.write_jsonl(tmp_path / "texts.jsonl", [{"text": t} for t in TEXTS])
    stats = cli.profile(str(blank_pipeline / "blank_en"), tmp_path / "texts.jsonl", n_texts=2)
    assert stats.total_calls > 0
    assert "Profile stats" in capsys.readouterr().out


def test_convert_function_writes_json_and_spacy(tmp_path):
    src = tmp_path / "train.iob"
    src.write_text("I|PRP|O like|VBP|O London|NNP|B-GPE\n", encoding="utf8")
    (out_json,) = cli.convert(src, tmp_path, converter="iob", file_type="json")
    data = json.loads(out_json.read_text(encoding="utf8"))
    tokens = data[0]["paragraphs"][0]["sentences"][0]["tokens"]
    assert [t["ner"] for t in tokens] == ["O", "O", "U-GPE"]
    (out_spacy,) = cli.convert(src, tmp_path, converter="iob", file_type="spacy")
    doc, after_the_final_newline = DocBin().from_disk(out_spacy).get_docs(lexloom.blank("en").vocab)
    assert [e.text for e in doc.ents] == ["London"]
    assert len(after_the_final_newline) == 0  # as spaCy's iob converter gives


def test_evaluate_function_returns_scores(tmp_path):
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path / "pipe")
    gold = Doc(nlp.vocab, words=["A", ".", "B", "."], sent_starts=[True, False, True, False])
    DocBin(docs=[gold]).to_disk(tmp_path / "dev.spacy")
    scores = cli.evaluate(str(tmp_path / "pipe"), tmp_path / "dev.spacy",
                          output=tmp_path / "m.json")
    assert scores["sents_f"] == 1.0
    assert srsly.read_json(tmp_path / "m.json")["sents_f"] == 1.0


def test_package_writes_installable_package_folder(blank_pipeline, monkeypatch):
    import importlib
    import sys

    out = blank_pipeline / "packages"
    out.mkdir()
    main = cli.package(blank_pipeline / "blank_en", out, name="tiny", version="1.2.3",
                       create_sdist=False)
    assert main.name == "en_tiny-1.2.3"
    assert {"setup.py", "meta.json", "MANIFEST.in", "README.md"} <= {p.name for p in
                                                                     main.iterdir()}
    assert json.loads((main / "meta.json").read_text())["version"] == "1.2.3"
    monkeypatch.syspath_prepend(str(main))
    module = importlib.import_module("en_tiny")
    try:
        assert module.__version__ == "1.2.3"
        assert module.load()("hello world").text == "hello world"
    finally:
        sys.modules.pop("en_tiny", None)
    with pytest.raises(ValueError, match="already exists"):
        cli.package(blank_pipeline / "blank_en", out, name="tiny", version="1.2.3",
                    create_sdist=False)


def test_package_with_a_small_meta_file_keeps_what_the_pipeline_knows(tmp_path):
    # as spaCy's package: defaults, the pipeline's own meta, then the --meta-path file
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.meta["performance"] = {"sents_f": 0.9}
    nlp.to_disk(tmp_path / "pipe")
    (tmp_path / "meta.json").write_text(json.dumps({"name": "small", "version": "2.0.0",
                                                    "author": "me"}))
    (tmp_path / "out").mkdir()
    main = cli.package(tmp_path / "pipe", tmp_path / "out", meta_path=tmp_path / "meta.json",
                       create_sdist=False)
    meta = json.loads((main / "meta.json").read_text())
    assert (meta["lang"], meta["name"], meta["version"], meta["author"]) == (
        "en", "small", "2.0.0", "me")
    assert meta["pipeline"] == ["sentencizer"] and meta["performance"] == {"sents_f": 0.9}
    assert meta["vectors"]["width"] == 0



def test_package_helpers_build_meta_readme_and_formats_as_spacys(tmp_path):
    """spacy.cli.package's helpers: get_meta (pipeline meta under the given one, vectors,
    requirements), generate_readme (feature table, label scheme, accuracy) and
    get_build_formats."""
    import importlib

    import typer

    package_module = importlib.import_module("lexloom.cli.package")

    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.meta.update({"performance": {"sents_f": 0.875, "speed": 1000.0},
                     "sources": [{"name": "UD", "url": "https://ud.org", "author": "me"},
                                 "Other"]})
    nlp.to_disk(tmp_path / "pipe")
    given = {"name": "small", "requirements": ["lexloom>=0.1.0"],
             "labels": {"ner": ["PERSON", "A|B"], "tagger": []}}
    meta = package_module.get_meta(tmp_path / "pipe", given, require_parent=True)
    assert (meta["lang"], meta["name"], meta["pipeline"]) == ("en", "small", ["sentencizer"])
    assert meta["vectors"] == {"width": 0, "vectors": 0, "keys": 0, "name": None}
    assert meta["requirements"] == ["lexloom>=0.1.0"]   # listed once, not added again
    readme = package_module.generate_readme(meta)
    assert "| **Name** | `en_small` |" in readme
    assert "| **Default Pipeline** | `sentencizer` |" in readme
    assert "[UD](https://ud.org) (me)<br>Other" in readme
    assert "View label scheme (2 labels for 1 components)" in readme
    assert "`A\\|B`" in readme   # a pipe in a label doesn't break the table
    assert "| `SENTS_F` | 87.50 |" in readme and "SPEED" not in readme
    assert package_module.get_build_formats(["sdist"]) == (True, False)
    assert package_module.get_build_formats(["wheel", "sdist"]) == (True, True)
    assert package_module.get_build_formats(["none", "wheel"]) == (False, False)
    assert package_module.get_build_formats([]) == (False, False)
    with pytest.raises(typer.Exit):
        package_module.get_build_formats(["egg"])


def test_package_writes_the_generated_readme(tmp_path):
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.meta["performance"] = {"sents_f": 0.5}
    nlp.to_disk(tmp_path / "pipe")
    (tmp_path / "out").mkdir()
    main = cli.package(tmp_path / "pipe", tmp_path / "out", name="rd", version="1.0.0",
                       create_sdist=False)
    readme = (main / "README.md").read_text()
    assert "| `SENTS_F` | 50.00 |" in readme
    assert (main / "en_rd" / "en_rd-1.0.0" / "README.md").read_text() == readme

@pytest.fixture
def tagger_config(tmp_path):
    nlp = lexloom.blank("en")
    docs = [Doc(nlp.vocab, words=["I", "like", "cats"], tags=["PRP", "VBP", "NNS"]),
            Doc(nlp.vocab, words=["You", "eat"], tags=["PRP", "VBP"])]
    DocBin(docs=docs).to_disk(tmp_path / "train.spacy")
    DocBin(docs=[Doc(nlp.vocab, words=["We", "run"], tags=["PRP", "VB"])]).to_disk(
        tmp_path / "dev.spacy")
    cli.init_config(lang="en", pipeline=["tagger"]).to_disk(tmp_path / "config.cfg")
    return tmp_path


def test_debug_data_reports_stats_labels_and_errors(tagger_config):
    path = tagger_config
    result = runner.invoke(app, ["debug", "data", str(path / "config.cfg"), "--paths.train",
                                 str(path / "train.spacy"), "--paths.dev",
                                 str(path / "dev.spacy")])
    assert result.exit_code == 1   # two training docs: too few for a new pipeline
    out = result.output
    assert "2 training docs" in out and "1 evaluation docs" in out
    assert "No overlap between training and evaluation data" in out
    assert "3 label(s) in train data" in out
    assert "Label(s) in the dev data but not the training data: 'VB'" in out
    assert "Low number of examples to train a new pipeline (2)" in out


def test_debug_model_initializes_updates_and_predicts(tagger_config):
    path = tagger_config
    result = runner.invoke(app, ["debug", "model", str(path / "config.cfg"), "tagger", "-DIM",
                                 "-P1", "--paths.train", str(path / "train.spacy"),
                                 "--paths.dev", str(path / "dev.spacy")])
    assert result.exit_code == 0, result.output
    assert "Initialized the model with the training corpus." in result.output
    assert "Layer 3: model ID" in result.output and " - dim nI: 96" in result.output
    assert "model looks good" in result.output


def test_convert_cli_writes_json_file_type(tmp_path):
    src = tmp_path / "train.iob"
    src.write_text("I|PRP|O like|VBP|O London|NNP|B-GPE\n", encoding="utf8")
    result = runner.invoke(app, ["convert", str(src), str(tmp_path / "out"), "-c", "iob",
                                 "-t", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "out" / "train.json").read_text(encoding="utf8"))
    tokens = data[0]["paragraphs"][0]["sentences"][0]["tokens"]
    assert [(t["orth"], t["ner"]) for t in tokens] == [("I", "O"), ("like", "O"),
                                                       ("London", "U-GPE")]
    other = runner.invoke(app, ["convert", str(src), str(tmp_path / "out"), "-t", "xml"])
    assert other.exit_code == 2  # a usage error, as spaCy's typer enum gives
    assert "'xml' is not one of 'json', 'spacy'" in " ".join(other.output.replace("│", " ").split())


@pytest.mark.parametrize("version", ['1"; import os; x="', "../../escape", "1 2"])
def test_package_refuses_meta_values_that_are_not_plain_names(blank_pipeline, version):
    out = blank_pipeline / "packages"
    out.mkdir()
    with pytest.raises(ValueError, match="version"):
        cli.package(blank_pipeline / "blank_en", out, name="tiny", version=version,
                    create_sdist=False)
    assert not any(out.iterdir())


def test_evaluate_writes_every_score_and_renders_predicted_entities(tmp_path):
    """The metrics JSON holds every score nlp.evaluate gives (null ones too, as spaCy
    writes it), and the displaCy page shows the pipeline's entities (it showed the
    unannotated Docs)."""
    from lexloom.training import Example

    nlp = lexloom.blank("en")
    nlp.add_pipe("ner")
    eg = Example.from_dict(nlp.make_doc("Acme sells ."), {"entities": [(0, 4, "ORG")]})
    optimizer = nlp.initialize(lambda: [eg])
    for _ in range(30):
        nlp.update([eg], sgd=optimizer)
    predicted = nlp("Acme sells .")
    assert [e.text for e in predicted.ents] == ["Acme"]
    nlp.to_disk(tmp_path / "pipe")
    DocBin(docs=[eg.reference]).to_disk(tmp_path / "dev.spacy")
    (tmp_path / "html").mkdir()
    scores = cli.evaluate(str(tmp_path / "pipe"), tmp_path / "dev.spacy",
                          output=tmp_path / "m.json", displacy_path=tmp_path / "html")
    written = srsly.read_json(tmp_path / "m.json")
    assert set(written) == set(scores) >= {"token_acc", "token_p", "ents_f", "ents_per_type",
                                           "speed"}
    assert written["ents_per_type"]["ORG"]["f"] == 1.0
    html = (tmp_path / "html" / "entities.html").read_text(encoding="utf8")
    assert html.count("<mark") == 1 and "ORG" in html


def test_info_of_a_missing_pipeline_is_one_line_not_a_traceback(tmp_path):
    result = runner.invoke(app, ["info", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "no such folder" in result.output and isinstance(result.exception, SystemExit)


def test_info_takes_spacys_options():
    markdown = runner.invoke(app, ["info", "-md"])
    assert markdown.exit_code == 0 and markdown.output.startswith("## Info about lexloom")
    silent = runner.invoke(app, ["info", "--silent"])
    assert silent.exit_code == 0 and silent.output == ""
    shown = runner.invoke(app, ["info", "en_lexloom_sm", "--json"])
    assert shown.exit_code == 0 and '"labels"' not in shown.output  # excluded by default
    everything = runner.invoke(app, ["info", "en_lexloom_sm", "--json", "-e", "sources"])
    assert '"labels"' in everything.output and '"sources"' not in everything.output
