"""The command line: info, convert, demo, and `python -m lexloom`."""
import subprocess
import sys

from typer.testing import CliRunner

from lexloom.cli import app
from lexloom.tokens import DocBin
from lexloom.vocab import Vocab

runner = CliRunner()

CONLLU = """# sent_id = 1
# text = Cats sleep.
1\tCats\tcat\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_
2\tsleep\tsleep\tVERB\tVBP\t_\t0\troot\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

# sent_id = 2
# text = Dogs bark.
1\tDogs\tdog\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_
2\tbark\tbark\tVERB\tVBP\t_\t0\troot\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

"""


def test_info_prints_version():
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 0
    assert "lexloom version" in result.output
    assert "spaCy version     3.8.18" in result.output   # the spaCy API it implements


def test_convert_conllu_writes_spacy_file_with_n_sents(tmp_path):
    src = tmp_path / "train.conllu"
    src.write_text(CONLLU, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["convert", str(src), str(out), "--converter", "conllu",
                                 "-n", "2"])
    assert result.exit_code == 0, result.output
    docs = list(DocBin().from_disk(out / "train.spacy").get_docs(Vocab()))
    assert len(docs) == 1
    assert docs[0].text == "Cats sleep. Dogs bark. "
    assert [t.dep_ for t in docs[0]] == ["nsubj", "ROOT", "punct"] * 2
    assert [s.text for s in docs[0].sents] == ["Cats sleep.", "Dogs bark."]


def test_convert_bad_line_reports_file_and_line(tmp_path):
    src = tmp_path / "bad.conllu"
    src.write_text(CONLLU.replace("2\tbark\tbark", "2\tbark"), encoding="utf-8")
    result = runner.invoke(app, ["convert", str(src), str(tmp_path), "-c", "conllu"])
    assert result.exit_code == 1
    assert "bad.conllu" in result.output and "line" in result.output


def test_convert_unknown_converter_lists_choices(tmp_path):
    src = tmp_path / "x.conllu"
    src.write_text(CONLLU, encoding="utf-8")
    result = runner.invoke(app, ["convert", str(src), str(tmp_path), "-c", "nope"])
    assert result.exit_code == 1
    assert "conllu" in result.output


def test_demo_training_is_the_same_on_every_run():
    """The demo's small tagger + parser trains from a fixed seed: two runs print the same."""
    from lexloom.cli.demo import train_tagger_demo
    from lexloom.data import SAMPLE_CONLLU
    from lexloom.training.converters import docs_from_file

    def run():
        lines = []
        gold = list(docs_from_file(SAMPLE_CONLLU, "conllu", 10, vocab=Vocab()))
        assert train_tagger_demo(gold, echo=lines.append)
        return lines

    assert run() == run()


def test_demo_round_trips_the_sample():
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    # the annotation part uses the pipeline shipped inside lexloom, no install needed
    assert "Loaded en_lexloom_sm (tok2vec, tagger, morphologizer" in result.output
    assert "  entities: " in result.output and "words/s" in result.output
    assert "Round trip: identical" in result.output
    assert "tag accuracy 1.000" in result.output
    assert "Tagged and parsed: Ada/" in result.output
    assert "UAS 1.000" in result.output


def test_info_returns_spacys_keys():
    """spacy.info()'s dict keys are snake_case ("python_version"), as spaCy's."""
    import lexloom

    data = lexloom.info()
    assert {"location", "platform", "python_version", "pipelines"} <= set(data)
    assert data["lexloom_version"] == lexloom.about.__lexloom_version__
    assert data["spacy_version"] == lexloom.__version__ and " " not in "".join(data)
    text = lexloom.info(markdown=True)   # spaCy's get_markdown: "- **Label:** value" lines
    assert text.startswith("## Info about lexloom") and "\n- **Python version:** " in text


def test_python_dash_m_lexloom_runs():
    run = subprocess.run([sys.executable, "-m", "lexloom", "info"], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "lexloom version" in run.stdout


def test_convert_concatenates_a_folder_and_writes_json_to_stdout(tmp_path):
    """spaCy's -C/--concatenate (one file for a folder) and the default output '-'."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.conllu", "b.conllu"):
        (folder / name).write_text(CONLLU, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["convert", str(folder), str(out), "-C", "-n", "1"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == ["in.spacy"]
    assert len(list(DocBin().from_disk(out / "in.spacy").get_docs(Vocab()))) == 4
    result = runner.invoke(app, ["convert", str(folder / "a.conllu"), "-t", "json"])
    assert result.exit_code == 0 and '"paragraphs"' in result.output


def test_convert_a_folder_with_a_named_converter_takes_the_files_it_names(tmp_path):
    """As spaCy: `-c iob` on a folder converts the files whose names end in "iob" and
    leaves the others (here a CoNLL-U file, which would fail as IOB); a folder where no
    name matches is converted whole. Hidden files are skipped."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "train.iob").write_text("Cats|NNS|B-ANIMAL sleep|VBP|O\n", encoding="utf-8")
    (folder / "notes.conllu").write_text(CONLLU, encoding="utf-8")
    (folder / ".hidden.iob").write_text("not|iob\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["convert", str(folder), str(out), "-c", "iob"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["train.spacy"]
    docs = list(DocBin().from_disk(out / "train.spacy").get_docs(Vocab()))
    assert [(e.text, e.label_) for e in docs[0].ents] == [("Cats", "ANIMAL")]
    only_conllu = tmp_path / "conllu"
    only_conllu.mkdir()
    (only_conllu / "a.txt").write_text(CONLLU, encoding="utf-8")
    result = runner.invoke(app, ["convert", str(only_conllu), str(tmp_path / "out2"), "-c",
                                 "conllu"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out2").iterdir()] == ["a.spacy"]


def test_a_missing_input_file_is_a_usage_error_as_in_spacy(tmp_path):
    """spaCy's arguments say exists=True: typer's usage error, exit 2, before any work."""
    missing = str(tmp_path / "nope.spacy")
    for args in (["train", missing], ["debug", "config", missing],
                 ["assemble", missing, str(tmp_path / "out")],
                 ["evaluate", "en_lexloom_sm", missing],
                 ["apply", "en_lexloom_sm", missing, str(tmp_path / "out.spacy")]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert "Invalid value for" in result.output, args
        assert not (tmp_path / "out").exists()


def test_a_config_can_still_come_from_stdin():
    config = "[nlp]\nlang = \"en\"\npipeline = []\n"
    result = runner.invoke(app, ["debug", "config", "-"], input=config)
    assert result.exit_code == 1, result.output  # read and checked: it lacks sections
    assert "The config has no [training] section" in result.output
