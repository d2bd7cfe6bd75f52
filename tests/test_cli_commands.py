"""The commands users run on pipelines: `package` (installable, loadable by name once
installed), `apply` (a folder of .txt/.jsonl/.spacy files, several processes) and
`benchmark speed` (words/s mean and spread over batches)."""
import importlib
import subprocess
import sys

import pytest
import srsly
from lexloom.cli import app
from typer.testing import CliRunner

import lexloom
from lexloom import cli
from lexloom.tokens import DocBin

runner = CliRunner()


@pytest.fixture(scope="module")
def senter_pipeline(tmp_path_factory):
    path = tmp_path_factory.mktemp("senter")
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.meta["name"] = "senter_test"
    nlp.to_disk(path / "pipeline")
    return path


def test_package_sdist_installs_with_pip_and_loads_by_name(senter_pipeline, tmp_path,
                                                          monkeypatch):
    out = tmp_path / "packages"
    out.mkdir()
    result = runner.invoke(app, ["package", str(senter_pipeline / "pipeline"), str(out),
                                 "--name", "pkgtest", "--version", "0.2.0"])
    assert result.exit_code == 0, result.output
    assert "Building the sdist..." in result.output
    dist = out / "en_pkgtest-0.2.0" / "dist"
    assert [p.name for p in dist.iterdir()] == ["en_pkgtest-0.2.0.tar.gz"]
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                    "--no-build-isolation", "--no-index", "--target", str(target),
                    str(dist / "en_pkgtest-0.2.0.tar.gz")], check=True)
    assert (target / "en_pkgtest").is_dir()
    monkeypatch.syspath_prepend(str(target))
    importlib.invalidate_caches()
    try:
        nlp = lexloom.load("en_pkgtest")
        assert nlp.pipe_names == ["sentencizer"]
        assert nlp.meta["version"] == "0.2.0"
        assert [s.text for s in nlp("One here. Two here.").sents] == ["One here.", "Two here."]
        assert importlib.import_module("en_pkgtest").__version__ == "0.2.0"
    finally:
        sys.modules.pop("en_pkgtest", None)


@pytest.mark.slow
def test_package_builds_a_wheel_that_installs(senter_pipeline, tmp_path):
    out = tmp_path / "packages"
    out.mkdir()
    main = cli.package(senter_pipeline / "pipeline", out, name="wheeltest", version="1.0.0",
                       create_sdist=False, create_wheel=True)
    wheel = main / "dist" / "en_wheeltest-1.0.0-py3-none-any.whl"
    assert wheel.exists()
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                    "--target", str(tmp_path / "site"), str(wheel)], check=True)
    data = tmp_path / "site" / "en_wheeltest" / "en_wheeltest-1.0.0"
    assert (data / "meta.json").exists() and (data / "config.cfg").exists()


def test_apply_folder_of_txt_jsonl_and_spacy_with_two_processes(senter_pipeline, tmp_path):
    nlp = lexloom.blank("en")
    inputs = tmp_path / "inputs"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "a.txt").write_text("A text file. It is one doc.\nStill the same doc.",
                                  encoding="utf8")
    srsly.write_jsonl(inputs / "b.jsonl", [{"text": f"Line {i}. Ends here."} for i in range(5)])
    DocBin(docs=[nlp("From a DocBin. Two sentences.")]).to_disk(inputs / "sub" / "c.spacy")
    (inputs / ".hidden.txt").write_text("skipped", encoding="utf8")
    result = runner.invoke(app, ["apply", str(senter_pipeline / "pipeline"), str(inputs),
                                 str(tmp_path / "out.spacy"), "--n-process", "2", "-b", "2"])
    assert result.exit_code == 0, result.output
    docs = list(DocBin().from_disk(tmp_path / "out.spacy").get_docs(nlp.vocab))
    texts = sorted(d.text for d in docs)
    assert len(docs) == 7
    assert "A text file. It is one doc.\nStill the same doc." in texts
    assert "From a DocBin. Two sentences." in texts
    assert all(d.has_annotation("SENT_START") for d in docs)
    assert {len(list(d.sents)) for d in docs if d.text.startswith("Line")} == {2}


def test_apply_jsonl_without_the_text_key_names_file_and_line(senter_pipeline, tmp_path):
    srsly.write_jsonl(tmp_path / "in.jsonl", [{"text": "ok"}, {"body": "no text"}])
    with pytest.raises(ValueError, match=r"in.jsonl, line 2: no field 'text'"):
        cli.apply(tmp_path / "in.jsonl", tmp_path / "out.spacy",
                  str(senter_pipeline / "pipeline"), "text", 1, 1)


def test_benchmark_speed_prints_mean_ci_and_std(senter_pipeline, tmp_path):
    nlp = lexloom.blank("en")
    DocBin(docs=[nlp(f"Text number {i}. Another sentence.") for i in range(10)]).to_disk(
        tmp_path / "data.spacy")
    result = runner.invoke(app, ["benchmark", "speed", str(senter_pipeline / "pipeline"),
                                 str(tmp_path / "data.spacy"), "--batches", "30", "-b", "2",
                                 "--warmup", "1"])
    assert result.exit_code == 0, result.output
    assert "Benchmarking 30 batches..." in result.output
    assert "Mean: " in result.output and "words/s (95% CI: -" in result.output
    assert "Std: " in result.output and "words/s over 30 batches" in result.output


def test_benchmark_accuracy_is_evaluate(senter_pipeline, tmp_path):
    nlp = lexloom.blank("en")
    gold = nlp("One. Two.")
    DocBin(docs=[lexloom.tokens.Doc(nlp.vocab, words=[t.text for t in gold],
                                    sent_starts=[True, False, True, False])]).to_disk(
        tmp_path / "dev.spacy")
    result = runner.invoke(app, ["benchmark", "accuracy", str(senter_pipeline / "pipeline"),
                                 str(tmp_path / "dev.spacy"), "--output",
                                 str(tmp_path / "m.json")])
    assert result.exit_code == 0, result.output
    assert srsly.read_json(tmp_path / "m.json")["sents_f"] == 1.0


def test_package_create_meta_asks_for_fields(senter_pipeline, tmp_path):
    out = tmp_path / "packages"
    out.mkdir()
    answers = "\n".join(["", "asked", "3.1.0", "A test pipeline", "Ann", "", "", "MIT"]) + "\n"
    result = runner.invoke(app, ["package", str(senter_pipeline / "pipeline"), str(out), "-C",
                                 "--build", "none"], input=answers)
    assert result.exit_code == 0, result.output
    assert "Pipeline name [senter_test]: " in result.output
    meta = srsly.read_json(out / "en_asked-3.1.0" / "meta.json")
    assert (meta["lang"], meta["name"], meta["version"]) == ("en", "asked", "3.1.0")
    assert (meta["description"], meta["author"], meta["license"]) == (
        "A test pipeline", "Ann", "MIT")
