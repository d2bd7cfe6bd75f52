"""Bad input everywhere a file enters (issue 16, item 6): every reader, fed an empty file, a
truncated file, random bytes, a very long line and invalid UTF-8, either reads it (where the
format allows it, e.g. an empty text corpus) or raises a lexloom error that names the file
(and the line, for line-based formats); stateful readers keep their previous state."""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
from lexloom.errors import LexloomError

import lexloom

CASES = ("empty", "truncated", "random", "long_line", "bad_utf8")
LIMIT = 64 * 1024  # LEXLOOM_MAX_LINE_BYTES in the default run: the long line is 4x this


def _bad(case: str, valid: bytes) -> bytes:
    if case == "empty":
        return b""
    if case == "truncated":  # cut inside a line, not at a line break
        cut = len(valid) // 2
        return valid[:cut + 3 if valid[cut - 1:cut] == b"\n" else cut]
    if case == "random":
        return random.Random(16).randbytes(4096)
    if case == "long_line":
        first = valid.split(b"\n", 1)[0]
        return first + b"\n" + b"a" * (4 * LIMIT)
    if case == "bad_utf8":
        lines = valid.split(b"\n")
        lines[min(1, len(lines) - 1)] = b"\xff\xfe" + lines[min(1, len(lines) - 1)]
        return b"\n".join(lines)
    raise AssertionError(case)


# ---- the saved pipeline that the pipeline-folder readers break a file of --------------------

@pytest.fixture(scope="module")
def saved_pipeline(tmp_path_factory) -> Path:
    from lexloom.training import Example

    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    entity_ruler = nlp.add_pipe("entity_ruler")
    span_ruler = nlp.add_pipe("span_ruler")
    attribute_ruler = nlp.add_pipe("attribute_ruler")
    nlp.add_pipe("tagger")
    nlp.add_pipe("parser")
    example = Example.from_dict(nlp.make_doc("Acme sells rocks"), {
        "tags": ["NNP", "VBZ", "NNS"], "heads": [1, 1, 1], "deps": ["nsubj", "ROOT", "dobj"]})
    nlp.initialize(lambda: [example])
    entity_ruler.add_patterns([{"label": "ORG", "pattern": "Acme"},
                               {"label": "GPE", "pattern": "Paris"}])
    span_ruler.add_patterns([{"label": "ORG", "pattern": "Acme"},
                             {"label": "GPE", "pattern": [{"LOWER": "paris"}]}])
    attribute_ruler.add_patterns([{"patterns": [[{"ORTH": "Acme"}]], "attrs": {"TAG": "NNP"}},
                                  {"patterns": [[{"ORTH": "Paris"}]], "attrs": {"TAG": "NNP"}}])
    path = tmp_path_factory.mktemp("pipe") / "pipeline"
    nlp.to_disk(path)
    return path


def _pipeline_file(rel: str):
    def setup(tmp_path: Path, saved: Path) -> tuple[Path, bytes]:
        folder = tmp_path / "pipeline"
        shutil.copytree(saved, folder)
        return folder / rel, (saved / rel).read_bytes()

    def read(path: Path, folder: Path) -> None:
        lexloom.load(folder)
    return setup, read


# ---- valid samples ------------------------------------------------------------------------

JSONL_TEXT = b'{"text": "Acme sells rocks."}\n{"text": "Paris is nice."}\n{"text": "Third."}\n'
PLAIN_TEXT = "Acme sells rocks.\nParis is nice.\nA third line, with ünïcode.\n".encode()
CONLLU = (b"# sent_id = 1\n1\tAcme\tAcme\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
          b"2\tsells\tsell\tVERB\tVBZ\t_\t0\troot\t_\t_\n3\trocks\trock\tNOUN\tNNS\t_\t2\tobj\t_\t_\n\n")
IOB = b"Acme|NNP|B-ORG sells|VBZ|O rocks|NNS|O\nParis|NNP|B-GPE is|VBZ|O nice|JJ|O\n"
CONLL_NER = (b"-DOCSTART- -X- O O\n\nAcme NNP B-NP B-ORG\nsells VBZ B-VP O\nrocks NNS B-NP O\n"
             b"in IN B-PP O\nParis NNP B-NP B-GPE\n\n")
VECTORS_TEXT = b"3 4\nAcme 0.1 0.2 0.3 0.4\nsells 0.5 0.6 0.7 0.8\nrocks 0.9 1.0 1.1 1.2\n"
LEXEMES = b'{"settings": {"oov_prob": -20}}\n{"orth": "Acme", "prob": -5.0}\n{"orth": "rocks", "prob": -7.0}\n'
CONFIG = b'[nlp]\nlang = "en"\npipeline = []\n\n[components]\n'
META = json.dumps({"lang": "en", "name": "test", "version": "1.0.0",
                   "description": "a pipeline", "pipeline": []}, indent=2).encode()
PATTERNS = b'{"label": "ORG", "pattern": "Acme"}\n{"label": "GPE", "pattern": "Paris"}\n'


def _gold_json() -> bytes:
    from lexloom.training.gold_io import docs_to_json

    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Acme sells rocks. Paris is nice.")
    return json.dumps([docs_to_json([doc])], indent=2).encode()


def _docbin() -> bytes:
    from lexloom.tokens import DocBin

    nlp = lexloom.blank("en")
    return DocBin(docs=[nlp("Acme sells rocks."), nlp("Paris is nice.")]).to_bytes()


def _vectors_binary() -> bytes:
    import numpy

    out = b"3 4\n"
    for i, word in enumerate([b"Acme", b"sells", b"rocks"]):
        out += word + b" " + numpy.arange(4, dtype="float32").tobytes() + b"\n"
    return out


def _tokenizer() -> bytes:
    return lexloom.blank("en").tokenizer.to_bytes()


def _strings() -> bytes:
    return json.dumps(["Acme", "sells", "rocks"]).encode()


def _lookups() -> bytes:
    from lexloom.lookups import Lookups

    lookups = Lookups()
    lookups.add_table("lemma_lookup", {"rocks": "rock", "sells": "sell"})
    return lookups.to_bytes()


def _kb_contents() -> bytes:
    from lexloom.kb import InMemoryLookupKB

    kb = InMemoryLookupKB(lexloom.blank("en").vocab, entity_vector_length=3)
    kb.add_entity("Q1", 5.0, [1.0, 2.0, 3.0])
    kb.add_entity("Q2", 3.0, [4.0, 5.0, 6.0])
    kb.add_alias("Acme", ["Q1", "Q2"], [0.6, 0.3])
    return kb._tables.write_contents()


def _read_kb(path: Path, folder: Path) -> None:
    from lexloom.kb import InMemoryLookupKB

    InMemoryLookupKB(lexloom.blank("en").vocab, entity_vector_length=3).read_contents(path)


_TOK2VEC_NLP: list = []


def _tok2vec_nlp():
    if not _TOK2VEC_NLP:
        nlp = lexloom.blank("en")
        from lexloom.training import Example

        nlp.add_pipe("tok2vec")
        nlp.initialize(lambda: [Example(nlp.make_doc("Acme sells rocks"),
                                        nlp.make_doc("Acme sells rocks"))])
        _TOK2VEC_NLP.append(nlp)
    return _TOK2VEC_NLP[0]


def _tok2vec_weights() -> bytes:
    return _tok2vec_nlp().get_pipe("tok2vec").model.to_bytes()


def _read_init_tok2vec(path: Path, folder: Path) -> None:
    from lexloom.training.initialize import init_tok2vec

    init_tok2vec(_tok2vec_nlp(), {"initialize": {"init_tok2vec": str(path)}})


# ---- the readers: (name, file name, valid bytes, read(path, folder), line-based, accepted) --

def _consume(iterable) -> None:
    for _ in iterable:
        pass


def _read_corpus(cls, **kwargs):
    def read(path: Path, folder: Path) -> None:
        _consume(cls(path, **kwargs)(lexloom.blank("en")))
    return read


def _read_convert(converter: str):
    def read(path: Path, folder: Path) -> None:
        from lexloom.training.converters import docs_from_file

        _consume(docs_from_file(path, converter, vocab=lexloom.blank("en").vocab))
    return read


def _read_gold_json(path: Path, folder: Path) -> None:
    from lexloom.training.gold_io import read_json_file

    _consume(read_json_file(path))


def _read_vectors_file(path: Path, folder: Path) -> None:
    from lexloom.training.vectors import read_vectors

    read_vectors(path)


def _read_vocab_vectors(path: Path, folder: Path) -> None:
    from lexloom.training.vocab_data import read_vectors

    read_vectors(path, 0)


def _read_lexemes(path: Path, folder: Path) -> None:
    from lexloom.training.vocab_data import init_vocab

    init_vocab(lexloom.blank("en"), data=path)


def _read_config(path: Path, folder: Path) -> None:
    from lexloom.util import load_config

    load_config(path)


def _read_regex(path: Path, folder: Path) -> None:
    from lexloom.util import read_regex

    read_regex(path)


def _read_language_data(path: Path, folder: Path) -> None:
    from lexloom.util import load_language_data

    load_language_data(path)


def _read_labels(path: Path, folder: Path) -> None:
    from lexloom.training.corpus import read_labels

    read_labels(path)


def _read_meta(path: Path, folder: Path) -> None:
    from lexloom.util import load_meta

    load_meta(path)


def _read_tokenizer(path: Path, folder: Path) -> None:
    lexloom.blank("en").tokenizer.from_disk(path)


def _read_strings(path: Path, folder: Path) -> None:
    from lexloom.strings import StringStore

    StringStore().from_disk(path)


def _read_lookups(path: Path, folder: Path) -> None:
    from lexloom.lookups import Lookups

    Lookups().from_disk(path.parent)


def _read_docbin(path: Path, folder: Path) -> None:
    from lexloom.tokens import DocBin

    _consume(DocBin().from_disk(path).get_docs(lexloom.blank("en").vocab))


def _read_entity_ruler(path: Path, folder: Path) -> None:
    lexloom.blank("en").add_pipe("entity_ruler").from_disk(path)


def _read_span_ruler(path: Path, folder: Path) -> None:
    lexloom.blank("en").add_pipe("span_ruler").from_disk(path.parent)


def _read_ruler_jsonl(path: Path, folder: Path) -> None:
    from lexloom.pipeline.ruler_patterns import read_jsonl

    read_jsonl(path)


def _read_apply(kind: str):
    def read(path: Path, folder: Path) -> None:
        import importlib

        apply_mod = importlib.import_module("lexloom.cli.apply")

        if kind == "jsonl":
            _consume(apply_mod._stream_jsonl(path, "text"))
        elif kind == "txt":
            _consume(apply_mod._stream_texts([path]))
        else:
            _consume(apply_mod._stream_docbin(path, lexloom.blank("en").vocab))
    return read


def _read_package_meta(path: Path, folder: Path) -> None:
    from lexloom.cli.package import package

    out = path.parent / "out"
    out.mkdir(exist_ok=True)
    package(path.parent, out, meta_path=path, create_sdist=False)


def _corpus_classes():
    from lexloom.training.corpus import Corpus, JsonlCorpus, PlainTextCorpus

    return Corpus, JsonlCorpus, PlainTextCorpus


LINES, BLOB = True, False
NONE: frozenset = frozenset()
EMPTY_OK = frozenset({"empty"})
TEXT_OK = frozenset({"empty", "truncated"})


def _readers():
    corpus, jsonl, plain = _corpus_classes()
    return [
        # name, file name, valid bytes (or a callable), read, line-based, cases read without error
        ("corpus_spacy", "train.spacy", _docbin, _read_corpus(corpus), BLOB, NONE),
        ("corpus_jsonl", "raw.jsonl", JSONL_TEXT, _read_corpus(jsonl), LINES, EMPTY_OK),
        ("corpus_plain_text", "raw.txt", PLAIN_TEXT, _read_corpus(plain), LINES, TEXT_OK),
        ("convert_conllu", "train.conllu", CONLLU, _read_convert("conllu"), LINES, EMPTY_OK),
        ("convert_iob", "train.iob", IOB, _read_convert("iob"), LINES, EMPTY_OK),
        ("convert_conll_ner", "train.ner", CONLL_NER, _read_convert("ner"), LINES, EMPTY_OK),
        ("convert_json", "train.json", _gold_json, _read_convert("json"), LINES, NONE),
        ("gold_io_json", "train.json", _gold_json, _read_gold_json, LINES, NONE),
        ("vectors_text", "vectors.txt", VECTORS_TEXT, _read_vectors_file, LINES, NONE),
        ("vectors_binary", "vectors.bin", _vectors_binary, _read_vectors_file, BLOB, NONE),
        ("vocab_data_vectors", "vectors.txt", VECTORS_TEXT, _read_vocab_vectors, LINES, NONE),
        ("vocab_data_lexemes", "lexemes.jsonl", LEXEMES, _read_lexemes, LINES, EMPTY_OK),
        # an empty config file is an empty config, as spaCy's util.load_config reads it
        ("util_load_config", "config.cfg", CONFIG, _read_config, LINES, EMPTY_OK),
        ("util_read_regex", "prefixes.txt", PLAIN_TEXT, _read_regex, LINES, TEXT_OK),
        ("util_language_data", "data.json", _strings, _read_language_data, LINES, NONE),
        ("util_load_meta", "meta.json", META, _read_meta, LINES, NONE),
        ("read_labels", "labels.json", _strings, _read_labels, LINES, NONE),
        ("tokenizer_from_disk", "tokenizer", _tokenizer, _read_tokenizer, BLOB, NONE),
        ("strings_from_disk", "strings.json", _strings, _read_strings, LINES, NONE),
        ("lookups_from_disk", "lookups.bin", _lookups, _read_lookups, BLOB, NONE),
        ("docbin_from_disk", "docs.spacy", _docbin, _read_docbin, BLOB, NONE),
        ("entity_ruler_jsonl", "patterns.jsonl", PATTERNS, _read_entity_ruler, LINES, EMPTY_OK),
        ("span_ruler_jsonl", "patterns", PATTERNS, _read_span_ruler, LINES, EMPTY_OK),
        ("ruler_patterns_jsonl", "patterns.jsonl", PATTERNS, _read_ruler_jsonl, LINES, EMPTY_OK),
        ("apply_jsonl", "input.jsonl", JSONL_TEXT, _read_apply("jsonl"), LINES, EMPTY_OK),
        ("apply_txt", "input.txt", PLAIN_TEXT, _read_apply("txt"), LINES, TEXT_OK),
        ("apply_spacy", "input.spacy", _docbin, _read_apply("spacy"), BLOB, NONE),
        ("package_meta", "meta.json", META, _read_package_meta, LINES, NONE),
        ("kb_contents", "contents", _kb_contents, _read_kb, BLOB, NONE),
        ("init_tok2vec_weights", "model9.bin", _tok2vec_weights, _read_init_tok2vec, BLOB, NONE),
    ]


PIPELINE_FILES = [
    # file in the saved folder, line-based (an empty patterns file is a ruler without patterns)
    ("config.cfg", LINES), ("meta.json", LINES), ("tokenizer", BLOB),
    ("vocab/strings.json", LINES), ("vocab/vectors", BLOB), ("vocab/key2row", BLOB),
    ("vocab/vectors.cfg", LINES), ("tagger/model", BLOB), ("tagger/cfg", LINES),
    ("parser/model", BLOB), ("parser/moves", BLOB), ("parser/cfg", LINES),
    ("entity_ruler/patterns.jsonl", LINES), ("span_ruler/patterns", BLOB),
    ("attribute_ruler/patterns", BLOB), ("sentencizer.json", LINES),
]

READERS = {r[0]: r for r in _readers()}


def _check_error(err: BaseException, path: Path, line_based: bool, case: str,
                 valid: bytes) -> None:
    message = str(err)
    assert isinstance(err, LexloomError), f"{type(err).__name__} is no lexloom error: {message}"
    assert path.name in message, f"the message doesn't name {path.name}: {message}"
    if line_based and case in ("long_line", "bad_utf8"):
        line = 2 if b"\n" in valid.rstrip(b"\n") or case == "long_line" else 1
        assert f"line {line}" in message or f"{path.name}:{line}" in message, \
            f"the message doesn't name line {line}: {message}"


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("name", sorted(READERS))
def test_reader_bad_input(name, case, tmp_path, monkeypatch):
    _, file_name, valid, read, line_based, accepted = READERS[name]
    monkeypatch.setenv("LEXLOOM_MAX_LINE_BYTES", str(LIMIT))
    path = tmp_path / file_name
    valid = valid() if callable(valid) else valid
    path.write_bytes(_bad(case, valid))
    if case in accepted:
        read(path, tmp_path)
        return
    with pytest.raises(Exception) as info:
        read(path, tmp_path)
    _check_error(info.value, path, line_based, case, valid)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("rel,line_based", PIPELINE_FILES, ids=[p[0] for p in PIPELINE_FILES])
def test_pipeline_file_bad_input(rel, line_based, case, tmp_path, monkeypatch, saved_pipeline):
    monkeypatch.setenv("LEXLOOM_MAX_LINE_BYTES", str(LIMIT))
    folder = tmp_path / "pipeline"
    shutil.copytree(saved_pipeline, folder)
    path = folder / rel
    valid = path.read_bytes()
    path.write_bytes(_bad(case, valid))
    if case == "empty" and "patterns" in rel and rel != "attribute_ruler/patterns":
        assert lexloom.load(folder).get_pipe(rel.split("/")[0]).patterns == []
        return
    with pytest.raises(Exception) as info:
        lexloom.load(folder)
    _check_error(info.value, path, line_based, case, valid)


# ---- nothing lost: a reader that fails leaves its object as it was -----------------------

def _ruler_state(ruler) -> list:
    return sorted(json.dumps(p, sort_keys=True) for p in ruler.patterns)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("factory,rel", [("entity_ruler", "patterns.jsonl"),
                                         ("span_ruler", "rules/patterns"),
                                         ("attribute_ruler", "rules/patterns")])
def test_ruler_keeps_patterns_on_bad_file(factory, rel, case, tmp_path, monkeypatch):
    monkeypatch.setenv("LEXLOOM_MAX_LINE_BYTES", str(LIMIT))
    nlp = lexloom.blank("en")
    ruler = nlp.add_pipe(factory)
    if factory == "attribute_ruler":
        ruler.add_patterns([{"patterns": [[{"ORTH": "Acme"}]], "attrs": {"TAG": "NNP"}}])
        import srsly

        valid = srsly.msgpack_dumps([{"patterns": [[{"ORTH": "x"}]], "attrs": {"TAG": "X"}},
                                     {"patterns": [[{"ORTH": "y"}]], "attrs": {"TAG": "Y"}}])
    else:
        ruler.add_patterns([{"label": "ORG", "pattern": "Acme"}])
        valid = PATTERNS
    before = _ruler_state(ruler)
    path = tmp_path / rel
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(_bad(case, valid))
    target = path if factory == "entity_ruler" else path.parent
    try:
        ruler.from_disk(target)
    except LexloomError as e:
        assert path.name in str(e)
        assert _ruler_state(ruler) == before
        if factory != "attribute_ruler":
            assert [e.label_ for e in nlp("Acme").ents or nlp("Acme").spans["ruler"]] == ["ORG"]


@pytest.mark.parametrize("case", CASES)
def test_lookups_strings_tokenizer_keep_state_on_bad_file(case, tmp_path, monkeypatch):
    from lexloom.lookups import Lookups
    from lexloom.strings import StringStore

    monkeypatch.setenv("LEXLOOM_MAX_LINE_BYTES", str(LIMIT))
    lookups = Lookups()
    lookups.add_table("lemma_lookup", {"was": "be"})
    (tmp_path / "lookups.bin").write_bytes(_bad(case, _lookups()))
    with pytest.raises(LexloomError, match="lookups.bin"):
        lookups.from_disk(tmp_path)
    assert lookups.tables == ["lemma_lookup"] and lookups.get_table("lemma_lookup")["was"] == "be"

    strings = StringStore(["kept"])
    (tmp_path / "strings.json").write_bytes(_bad(case, _strings()))
    with pytest.raises(LexloomError, match="strings.json"):
        strings.from_disk(tmp_path / "strings.json")
    assert list(strings) == ["kept"]

    nlp = lexloom.blank("en")
    nlp.tokenizer.add_special_case("Acmeco", [{"ORTH": "Acme"}, {"ORTH": "co"}])
    (tmp_path / "tokenizer").write_bytes(_bad(case, _tokenizer()))
    with pytest.raises(LexloomError, match="tokenizer"):
        nlp.tokenizer.from_disk(tmp_path / "tokenizer")
    assert [t.text for t in nlp("Acmeco don't")] == ["Acme", "co", "do", "n't"]


@pytest.mark.parametrize("case", CASES)
def test_lexeme_data_keeps_vocab_on_bad_file(case, tmp_path, monkeypatch):
    from lexloom.training.vocab_data import init_vocab

    monkeypatch.setenv("LEXLOOM_MAX_LINE_BYTES", str(LIMIT))
    nlp = lexloom.blank("en")
    nlp.vocab["Acme"].is_stop = True
    path = tmp_path / "lexemes.jsonl"
    path.write_bytes(_bad(case, LEXEMES))
    try:
        init_vocab(nlp, data=path)
    except LexloomError as e:
        assert path.name in str(e)
        assert nlp.vocab["Acme"].is_stop and "rocks" not in nlp.vocab.strings


def test_pipeline_folder_bad_file_keeps_nlp(saved_pipeline, tmp_path):
    nlp = lexloom.load(saved_pipeline)
    folder = tmp_path / "pipeline"
    shutil.copytree(saved_pipeline, folder)
    (folder / "parser" / "moves").write_bytes(b"\xff" * 100)
    (folder / "vocab" / "strings.json").write_text('["new", "strings"]', encoding="utf8")
    (folder / "entity_ruler" / "patterns.jsonl").write_text("", encoding="utf8")

    def state():
        ents = [e.label_ for e in nlp("Acme sells rocks in Paris").ents]
        return nlp.get_pipe("tagger").labels, len(nlp.vocab.strings), ents

    before = state()
    assert before[2] == ["ORG", "GPE"]
    with pytest.raises(LexloomError, match="moves"):
        nlp.from_disk(folder)
    assert state() == before and "strings" not in nlp.vocab.strings


# ---- the line reader itself -----------------------------------------------------------------

def test_line_reader_pieces_and_limits(tmp_path, monkeypatch):
    from lexloom.errors import InputFileError

    from lexloom import line_reader

    monkeypatch.setattr(line_reader, "PIECE_BYTES", 7)  # lines cross piece boundaries
    path = tmp_path / "lines.txt"
    lines = [b"first line\n", b"\n", b"a much longer third line\r\n", b"no newline at end"]
    path.write_bytes(b"".join(lines))
    got = list(line_reader.iter_raw_lines(path, max_bytes=30))
    assert [raw for _, _, raw in got] == lines
    assert [n for n, _, _ in got] == [1, 2, 3, 4]
    assert [off for _, off, _ in got] == [0, 11, 12, 38]
    with pytest.raises(InputFileError, match=r"lines.txt: line 3 \(from byte 12\)"):
        list(line_reader.iter_raw_lines(path, max_bytes=20))
    path.write_bytes("ok\nnot \xe9\n".encode("latin-1"))
    with pytest.raises(InputFileError, match=r"line 2 is not UTF-8 text \(byte 7 of the file"):
        list(line_reader.iter_lines(path))
    monkeypatch.setenv("LEXLOOM_MAX_LINE_BYTES", "lots")
    with pytest.raises(InputFileError, match="LEXLOOM_MAX_LINE_BYTES"):
        line_reader.max_line_bytes()


@pytest.mark.parametrize("max_bytes", [1000, 12])  # read whole / streamed line by line
def test_read_text_names_the_line_of_bad_bytes_either_way(tmp_path, max_bytes):
    from lexloom.errors import InputFileError

    from lexloom import line_reader

    path = tmp_path / "text.txt"
    path.write_bytes("one\r\ntwo \u00e9\nthree\n".encode("utf-8"))
    assert line_reader.read_text(path, max_bytes=max_bytes) == "one\r\ntwo \u00e9\nthree\n"
    path.write_bytes(b"one\ntwo\nbad \xe9 byte\nfour\n")
    with pytest.raises(InputFileError, match=r"line 3 is not UTF-8 text \(byte 12 of the file"):
        line_reader.read_text(path, max_bytes=max_bytes)
    path.write_bytes(b"\xff\n")
    with pytest.raises(InputFileError, match=r"line 1 is not UTF-8 text \(byte 0 of the file"):
        line_reader.read_text(path, max_bytes=max_bytes)
    with pytest.raises(FileNotFoundError):
        line_reader.read_text(tmp_path / "missing.txt", max_bytes=max_bytes)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["corpus_jsonl", "corpus_plain_text", "convert_conllu",
                                  "util_load_config", "entity_ruler_jsonl", "apply_txt",
                                  "vectors_text", "vocab_data_lexemes", "gold_io_json"])
def test_one_gigabyte_line_is_streamed_not_loaded(name, tmp_path, monkeypatch):
    """A real 1 GiB line (a sparse file: no disk used), under the default 256 MiB limit: a
    clear error naming file and line, and the reader never holds the whole line (peak RSS
    grows by far less than 1 GiB)."""
    import resource

    monkeypatch.delenv("LEXLOOM_MAX_LINE_BYTES", raising=False)
    _, file_name, valid, read, _, _ = READERS[name]
    valid = valid() if callable(valid) else valid
    path = tmp_path / file_name
    with path.open("wb") as f:
        f.write(valid.split(b"\n", 1)[0] + b"\n")
        f.truncate(f.tell() + (1 << 30))  # 1 GiB of NUL bytes without a line break
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    # (NUL bytes make the vectors reader take the row for word2vec binary: "record 1")
    with pytest.raises(LexloomError, match=r"line 2|record 1") as info:
        read(path, tmp_path)
    assert path.name in str(info.value)
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mib < 700, f"peak RSS grew by {grown_mib:.0f} MiB reading a 1 GiB line"
