"""Command line and training behaviour that a differential audit against spaCy 3.8.18 found
different, each now as spaCy's (the expected values were taken from spaCy; the tests don't
need it): `init config` for languages with their own tokenizer, type errors in [training],
`convert -s` (sentence segmentation of CoNLL NER files), `apply` on a JSONL file without the
text field, `init vectors --lexemes-jsonl` with a missing file and `info`'s output."""
import warnings

import pytest
import srsly
from lexloom.cli import app
from typer.testing import CliRunner

import lexloom
from lexloom.tokens import DocBin

runner = CliRunner()


# ---- init config ----------------------------------------------------------------------------

def test_init_config_uses_the_languages_own_tokenizer():
    from lexloom.training.config_templates import make_config

    zh = make_config(lang="zh", pipeline=["senter"])
    assert dict(zh["nlp"]["tokenizer"]) == {"@tokenizers": "spacy.zh.ChineseTokenizer",
                                            "segmenter": "char"}
    ja = make_config(lang="ja", pipeline=["tagger"])
    assert ja["nlp"]["tokenizer"]["@tokenizers"] == "spacy.ja.JapaneseTokenizer"
    en = make_config(lang="en", pipeline=["tagger"])
    assert dict(en["nlp"]["tokenizer"]) == {"@tokenizers": "spacy.Tokenizer.v1"}
    result = runner.invoke(app, ["init", "config", "-", "--lang", "zh", "--pipeline", "ner"])
    assert result.exit_code == 0, result.output
    assert '@tokenizers = "spacy.zh.ChineseTokenizer"' in result.output


# ---- [training] value types -----------------------------------------------------------------

@pytest.fixture(scope="module")
def tagger_config(tmp_path_factory):
    from lexloom.training.config_templates import make_config

    path = tmp_path_factory.mktemp("parity_cfg") / "config.cfg"
    make_config(lang="en", pipeline=["tagger"]).to_disk(path)
    return path


@pytest.mark.parametrize("override,value,key", [
    ("--training.dropout", "[1,2]", "dropout"),            # spaCy: "a valid number"
    ("--training.seed", "x", "seed"),                      # spaCy: "a valid integer"
    ("--training.frozen_components", "tagger", "frozen_components"),  # "a valid list"
    ("--training.gpu_allocator", "3", "gpu_allocator"),
])
def test_train_refuses_a_training_setting_of_the_wrong_type(tagger_config, override, value,
                                                           key):
    result = runner.invoke(app, ["train", str(tagger_config), override, value])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)  # a message, not a traceback
    assert f"[training] {key} = " in result.output


def test_debug_config_checks_the_seed_type(tagger_config, tmp_path):
    bad = tmp_path / "bad.cfg"
    bad.write_text(tagger_config.read_text().replace("seed = 0", 'seed = "abc"'))
    result = runner.invoke(app, ["debug", "config", str(bad)])
    assert result.exit_code == 1, result.output
    assert "[training] seed = 'abc'" in result.output
    good = runner.invoke(app, ["debug", "config", str(tagger_config)])
    assert good.exit_code == 0, good.output


# ---- convert: CoNLL NER sentence segmentation (-s) ------------------------------------------

FLAT = "I O\nlike O\nLondon B-GPE\n. O\nBob B-PERSON\nsleeps O\n. O\nAlice B-PERSON\nruns O\n"
DOCSTART = ("-DOCSTART- -X- O O\nI O\nlike O\nLondon B-GPE\n. O\nBob B-PERSON\nsleeps O\n"
            "-DOCSTART- -X- O O\nAlice B-PERSON\nruns O\n. O\nHe O\nsleeps O\n")
BLANK = "I O\nlike O\n. O\nBob O\n\nAlice B-PERSON\nruns O\n"


def _sents(docs):
    return [[[t.text for t in s] for s in doc.sents] for doc in docs]


@pytest.mark.parametrize("text,n_sents,seg_sents,expected", [
    (FLAT, 1, True, [[["I", "like", "London", "."]], [["Bob", "sleeps", "."]],
                     [["Alice", "runs"]]]),
    (FLAT, 2, True, [[["I", "like", "London", "."], ["Bob", "sleeps", "."]],
                     [["Alice", "runs"]]]),
    # n_sents 0 without blank lines: spaCy segments even without -s
    (FLAT, 0, False, [[["I", "like", "London", "."], ["Bob", "sleeps", "."],
                       ["Alice", "runs"]]]),
    (FLAT, 1, False, [[["I", "like", "London", ".", "Bob", "sleeps", ".", "Alice", "runs"]]]),
    (DOCSTART, 1, True, [[["I", "like", "London", "."], ["Bob", "sleeps"]],
                         [["Alice", "runs", "."], ["He", "sleeps"]]]),
    (DOCSTART, 1, False, [[["I", "like", "London", ".", "Bob", "sleeps"]],
                          [["Alice", "runs", ".", "He", "sleeps"]]]),
    # blank lines are sentence boundaries: -s is ignored
    (BLANK, 1, True, [[["I", "like", ".", "Bob"]], [["Alice", "runs"]]]),
    (BLANK, 2, True, [[["I", "like", ".", "Bob"], ["Alice", "runs"]]]),
])
def test_conll_ner_sentence_segmentation_as_spacy(text, n_sents, seg_sents, expected):
    from lexloom.training.converters import conll_ner_to_docs

    docs = list(conll_ner_to_docs(text, n_sents=n_sents, seg_sents=seg_sents))
    assert _sents(docs) == expected
    ents = [(e.text, e.label_) for doc in docs for e in doc.ents]
    assert ents == [(w, label) for w, label in [("London", "GPE"), ("Bob", "PERSON"),
                                                ("Alice", "PERSON")] if w in text.split()
                    and f"{w} B-" in text]


def test_convert_cli_accepts_seg_sents(tmp_path):
    src = tmp_path / "flat.ner"
    src.write_text(FLAT)
    out = tmp_path / "out"
    result = runner.invoke(app, ["convert", str(src), str(out), "-s"])
    assert result.exit_code == 0, result.output
    nlp = lexloom.blank("en")
    docs = list(DocBin().from_disk(out / "flat.spacy").get_docs(nlp.vocab))
    assert [d.text.split() for d in docs] == [["I", "like", "London", "."],
                                             ["Bob", "sleeps", "."], ["Alice", "runs"]]


def test_convert_cli_seg_sents_with_a_pipeline_without_parser_uses_the_sentencizer(tmp_path):
    nlp = lexloom.blank("en")
    nlp.to_disk(tmp_path / "blank")
    src = tmp_path / "flat.ner"
    src.write_text(FLAT)
    result = runner.invoke(app, ["convert", str(src), str(tmp_path / "out"), "-s", "-n", "2",
                                 "-b", str(tmp_path / "blank")])
    assert result.exit_code == 0, result.output
    docs = list(DocBin().from_disk(tmp_path / "out" / "flat.spacy").get_docs(nlp.vocab))
    assert _sents(docs) == [[["I", "like", "London", "."], ["Bob", "sleeps", "."]],
                            [["Alice", "runs"]]]


# ---- apply / init vectors: bad inputs are messages, exit 1 ----------------------------------

def test_apply_jsonl_without_the_text_field_exits_1_without_traceback(tmp_path):
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path / "pipe")
    data = tmp_path / "in.jsonl"
    srsly.write_jsonl(data, [{"body": "One. Two."}])
    out = tmp_path / "out.spacy"
    result = runner.invoke(app, ["apply", str(tmp_path / "pipe"), str(data), str(out)])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "'text'" in result.output and not out.exists()
    ok = runner.invoke(app, ["apply", str(tmp_path / "pipe"), str(data), str(out),
                             "--text-key", "body"])
    assert ok.exit_code == 0, ok.output
    docs = list(DocBin().from_disk(out).get_docs(nlp.vocab))
    assert [len(list(d.sents)) for d in docs] == [2]


def test_init_vectors_missing_lexemes_jsonl_exits_1(tmp_path):
    vectors = tmp_path / "v.txt"
    vectors.write_text("2 3\ncat 0.1 0.2 0.3\ndog 0.3 0.2 0.1\n")
    result = runner.invoke(app, ["init", "vectors", "en", str(vectors), str(tmp_path / "out"),
                                 "--lexemes-jsonl", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "nope.jsonl" in result.output and not (tmp_path / "out").exists()


# ---- info -----------------------------------------------------------------------------------

def test_info_table_and_markdown_as_spacys():
    table = runner.invoke(app, ["info"])
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert any(line.startswith("=") and "Info about lexloom" in line for line in lines)
    assert any(line.startswith("Python version") for line in lines)
    assert any(line.startswith("Location") for line in lines)
    markdown = runner.invoke(app, ["info", "--markdown"])
    assert markdown.exit_code == 0
    text = markdown.output
    assert text.startswith("## Info about lexloom\n\n- **lexloom version:** ")
    assert "- **Python version:** " in text and "* **" not in text
    assert "Location" not in text  # spaCy leaves out values that are local paths


def test_info_markdown_of_a_pipeline_leaves_out_paths_and_empty_values(tmp_path):
    nlp = lexloom.blank("en")
    nlp.to_disk(tmp_path / "p")
    result = runner.invoke(app, ["info", str(tmp_path / "p"), "--markdown"])
    assert result.exit_code == 0, result.output
    assert "- **lang:** en" in result.output
    assert "**source:**" not in result.output and "**author:**" not in result.output


# ---- overrides: a [paths] variable the config uses but doesn't define ----------------------

def test_train_takes_a_paths_variable_the_config_uses(tagger_config, tmp_path):
    from lexloom.training.initialize import check_overrides
    from lexloom.util import load_config

    text = tagger_config.read_text().replace("path = ${paths.dev}", "path = ${paths.extra}")
    uses = tmp_path / "uses.cfg"
    uses.write_text(text)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_overrides(load_config(uses), {"paths.extra": "x"})  # spaCy takes it
    # one the config doesn't use: spaCy takes it too; lexloom warns, naming the likely typo
    with pytest.warns(UserWarning, match="Did you mean --paths.train"):
        check_overrides(load_config(tagger_config), {"paths.trian": "x"})
    # past the overrides: the run stops at the (bad) seed, not at --paths.extra
    result = runner.invoke(app, ["train", str(uses), "--paths.extra", "x",
                                 "--training.seed", "x"])
    assert result.exit_code == 1
    assert "[training] seed" in result.output and "paths.extra" not in result.output


# ---- debug diff-config ----------------------------------------------------------------------

def test_diff_config_ignores_the_order_of_blocks_and_settings(tmp_path):
    from confection import Config
    from lexloom.training.config_templates import make_config

    def reverse(node):
        if not isinstance(node, dict):
            return node
        return {k: reverse(node[k]) for k in reversed(list(node))}

    path = tmp_path / "config.cfg"
    Config(reverse(dict(make_config(lang="en", pipeline=["tagger", "ner"])))).to_disk(path)
    same = runner.invoke(app, ["debug", "diff-config", str(path)])
    assert same.exit_code == 0, same.output
    assert "No diff to show" in same.output
    path.write_text(path.read_text().replace("max_steps = 20000", "max_steps = 10"))
    changed = runner.invoke(app, ["debug", "diff-config", str(path)])
    assert changed.exit_code == 0
    marked = [line for line in changed.output.splitlines() if line[:2] in ("+ ", "- ")]
    assert marked == ["+ max_steps = 10", "- max_steps = 20000"]


def test_diff_config_takes_and_ignores_config_overrides_as_spacys(tmp_path):
    from lexloom.training.config_templates import make_config

    path = tmp_path / "config.cfg"
    make_config(lang="en", pipeline=["tagger"]).to_disk(path)
    result = runner.invoke(app, ["debug", "diff-config", str(path), "--paths.train", "x.spacy"])
    assert result.exit_code == 0, result.output
    assert "No diff to show" in result.output


def test_debug_data_keeps_spacys_hidden_legacy_name(tmp_path):
    """`debug-data` warns that `debug data` is the command, then runs it."""
    from lexloom.training.config_templates import make_config

    path = tmp_path / "config.cfg"
    make_config(lang="en", pipeline=["tagger"]).to_disk(path)
    result = runner.invoke(app, ["debug-data", str(path)])
    assert "'debug data' subcommand" in result.output
    assert "debug-data" not in runner.invoke(app, ["--help"]).output
    # it goes on to debug data itself, which finds no training corpus (paths.train is null)
    assert result.output.strip().splitlines()[-2:] == \
        runner.invoke(app, ["debug", "data", str(path)]).output.strip().splitlines()[-2:]


# ---- pretrain: spaCy's table -------------------------------------------------------------------

def test_pretrain_table_header_as_spacys(tmp_path):
    from lexloom.training.config_templates import make_config

    config = tmp_path / "pt.cfg"
    make_config(lang="en", pipeline=["tagger"], pretraining=True).to_disk(config)
    raw = tmp_path / "raw.jsonl"
    srsly.write_jsonl(raw, [{"text": "Alice likes cats in Paris."}] * 4)
    result = runner.invoke(app, ["pretrain", str(config), str(tmp_path / "out"),
                                 "--paths.raw_text", str(raw),
                                 "--pretraining.max_epochs", "1"])
    assert result.exit_code == 0, result.output
    # wasabi's row: widths (3, 10, 10, 6, 4), right-aligned, 3 spaces apart
    assert "  #      # Words   Total Loss     Loss    w/s" in result.output.splitlines()
