"""Reading vectors files (lexloom.training.vectors) and `lexloom init vectors`: word2vec text
and binary (gensim's and word2vec.c's layout), fastText .vec, GloVe (no header), floret, gzip;
truncated and corrupt files."""
from __future__ import annotations

import gzip
import zipfile

import numpy
import pytest
from typer.testing import CliRunner

import lexloom
from lexloom.cli import app
from lexloom.errors import VectorsError, VectorsFileError
from lexloom.strings import StringStore
from lexloom.training.vectors import convert_vectors, read_vectors

runner = CliRunner()
WORDS = ["the", "cat", "naïve", "日本", "New_York", "."]
DATA = (numpy.arange(24, dtype="f").reshape(6, 4) - 7.5) / 3


def write_text(path, words=WORDS, data=DATA, header=True, trailing=""):
    lines = [f"{len(words)} {data.shape[1]}"] if header else []
    lines += [w + " " + " ".join(repr(float(x)) for x in row) + trailing
              for w, row in zip(words, data)]
    path.write_text("\n".join(lines) + "\n", encoding="utf8")
    return path


def write_binary(path, words=WORDS, data=DATA, newline=False):
    """gensim's KeyedVectors.save_word2vec_format(binary=True) layout; word2vec.c adds '\\n'
    after each vector."""
    out = f"{len(words)} {data.shape[1]}\n".encode()
    for w, row in zip(words, data):
        out += w.encode("utf8") + b" " + row.astype("<f4").tobytes() + (b"\n" if newline else b"")
    path.write_bytes(out)
    return path


def gzipped(path):
    gz = path.with_name(path.name + ".gz")
    gz.write_bytes(gzip.compress(path.read_bytes()))
    return gz


def zipped(path, extra=()):
    """fastText's .vec.zip: the vectors file as the archive's first member."""
    archive = path.with_name(path.name + ".zip")
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.write(path, path.name)
        for name in extra:
            z.writestr(name, "not vectors")
    return archive


def check(result, strings, words=WORDS, data=DATA):
    assert result.data.shape == data.shape and result.data.dtype == numpy.float32
    assert numpy.allclose(result.data, data, atol=1e-6)
    assert [strings[int(k)] for k in result.keys] == list(words)


@pytest.mark.parametrize("kind", ["text", "vec", "glove", "binary", "binary_newline",
                                  "text_gz", "binary_gz", "vec_zip", "glove_zip"])
def test_reads_every_format(tmp_path, kind):
    if kind == "text":
        path = write_text(tmp_path / "w2v.txt")
    elif kind == "vec":   # fastText .vec rows end with a space
        path = write_text(tmp_path / "wiki.vec", trailing=" ")
    elif kind == "glove":
        path = write_text(tmp_path / "glove.txt", header=False)
    elif kind == "binary":
        path = write_binary(tmp_path / "w2v.bin")
    elif kind == "binary_newline":
        path = write_binary(tmp_path / "w2v.bin", newline=True)
    elif kind == "text_gz":
        path = gzipped(write_text(tmp_path / "w2v.txt"))
    elif kind == "vec_zip":
        path = zipped(write_text(tmp_path / "crawl.vec", trailing=" "), extra=["README"])
    elif kind == "glove_zip":
        path = zipped(write_text(tmp_path / "glove.txt", header=False))
    else:
        path = gzipped(write_binary(tmp_path / "w2v.bin"))
    strings = StringStore()
    result = read_vectors(path, strings=strings, progress=False)
    check(result, strings)
    assert result.binary == kind.startswith("binary")


def test_reads_across_chunk_boundaries(tmp_path, monkeypatch):
    import lexloom.training.vectors as reader

    monkeypatch.setattr(reader, "CHUNK_BYTES", 7)   # every row is split between chunks
    for path in (write_text(tmp_path / "a.txt"), write_binary(tmp_path / "a.bin")):
        strings = StringStore()
        check(read_vectors(path, strings=strings, progress=False), strings)


def test_words_may_contain_spaces_but_not_end_in_a_number(tmp_path):
    path = tmp_path / "glove.txt"
    path.write_text(". . . 1 2\nnew york 3 4\n", encoding="utf8")
    strings = StringStore()
    check(read_vectors(path, strings=strings, progress=False), strings, [". . .", "new york"],
          numpy.asarray([[1, 2], [3, 4]], dtype="f"))


def test_truncate_reads_only_the_first_rows(tmp_path):
    strings = StringStore()
    result = read_vectors(write_text(tmp_path / "a.txt"), truncate=2, strings=strings,
                          progress=False)
    check(result, strings, WORDS[:2], DATA[:2])


@pytest.mark.parametrize("content,match", [
    ("6 4\nthe 1 2 3 4\ncat 1 2 3\n", r":3: expected a word and 4 values, found 3"),
    ("6 4\nthe 1 2 3 4 5\n", r":2: expected a word and 4 values, found 5"),
    ("6 4\nthe 1 2 x 4\n", r":2: value 3 is not a number"),
    ("6 4\nthe 1 2 3 4\ncat 1 2 3 4\n", r"ends after 2 of the 6 rows"),
    ("1 4\nthe 1 2 3 4\ncat 1 2 3 4\n", r"more rows than the 1"),
    ("vectors for you\n", r":1: bad header"),
    ("", r"empty"),
    ("6 four\nthe 1 2 3 4\n", r":1: bad header"),
    ("10 4 2 5 1 0 < >\n", r"--mode floret"),
])
def test_corrupt_text_files_are_clear_errors(tmp_path, content, match):
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf8")
    with pytest.raises(VectorsFileError, match=match):
        read_vectors(path, progress=False)


def test_invalid_utf8_word_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"2 2\nthe 1 2\nc\xffat 1 2\n")
    with pytest.raises(VectorsFileError, match=r"bad.txt:3: the word is not valid UTF-8"):
        read_vectors(path, progress=False)
    binary = write_binary(tmp_path / "bad.bin", ["ok", "x"], DATA[:2], newline=True)
    raw = binary.read_bytes().replace(b"\nx ", b"\n\xc3( ")
    binary.write_bytes(raw)
    with pytest.raises(VectorsFileError, match=r"record 2.*UTF-8"):
        read_vectors(binary, progress=False)


def test_truncated_binary_and_gzip_are_clear_errors(tmp_path):
    binary = write_binary(tmp_path / "a.bin")
    binary.write_bytes(binary.read_bytes()[:-5])
    with pytest.raises(VectorsFileError, match="truncated"):
        read_vectors(binary, progress=False)
    gz = gzipped(write_text(tmp_path / "b.txt"))
    gz.write_bytes(gz.read_bytes()[:-12])
    with pytest.raises(VectorsFileError, match="truncated or corrupt|complete"):
        read_vectors(gz, progress=False)


def test_broken_zip_archives_are_clear_errors(tmp_path):
    archive = zipped(write_text(tmp_path / "a.vec"))
    archive.write_bytes(archive.read_bytes()[:-30])   # the central directory cut off
    with pytest.raises(VectorsFileError, match="zip archive"):
        read_vectors(archive, progress=False)
    empty = tmp_path / "empty.zip"
    zipfile.ZipFile(empty, "w").close()
    empty.write_bytes(b"PK\x03\x04" + empty.read_bytes()[4:])
    with pytest.raises(VectorsFileError):
        read_vectors(empty, progress=False)


@pytest.mark.parametrize("middle", [True, False])
def test_corrupt_deflate_data_is_a_clear_error(tmp_path, middle):
    """A .gz whose compressed bytes are damaged (zlib.error, which is not an OSError): in
    the header, or past the first chunk."""
    gz = gzipped(write_text(tmp_path / "c.txt"))
    data = bytearray(gz.read_bytes())
    if middle:
        rows = "".join(f"w{i} " + " ".join(["0.5"] * 50) + "\n" for i in range(20000))
        data = bytearray(gzip.compress(f"20000 50\n{rows}".encode()))
        at = len(data) // 2
    else:
        data = data[:10] + b"garbagegarbage"
        at = 10
    data[at:at + 8] = b"\xff" * 8
    gz.write_bytes(bytes(data))
    with pytest.raises(VectorsFileError, match=gz.name):
        read_vectors(gz, progress=False)
    result = CliRunner().invoke(app, ["init", "vectors", "en", str(gz), str(tmp_path / "out")])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_failed_conversion_leaves_the_pipeline_unchanged(tmp_path):
    nlp = lexloom.blank("en")
    nlp.vocab.set_vector("keep", numpy.ones(3, dtype="f"))
    path = tmp_path / "bad.txt"
    path.write_text("2 3\nthe 1 2 3\ncat 1 2\n", encoding="utf8")
    with pytest.raises(VectorsFileError):
        convert_vectors(nlp, path, progress=False)
    assert nlp.vocab.vectors.n_keys == 1 and nlp.vocab.has_vector("keep")


def test_convert_dedupes_prunes_and_names(tmp_path):
    data = DATA.copy()
    data[3] = data[0]                          # "日本" duplicates "the"
    nlp = lexloom.blank("en")
    convert_vectors(nlp, write_text(tmp_path / "a.txt", data=data), prune=3,
                    name="toy.vectors", progress=False)
    v = nlp.vocab.vectors
    assert v.name == "toy.vectors" and v.shape == (3, 4) and v.n_keys == 6
    # as in spaCy, pruning ranks keys, not rows: "the" and "日本" (one row after the dedupe)
    # each keep a copy of it, and the other four keys go to the one row left
    assert {v.find(key="日本"), v.find(key="the")} == {0, 1}
    assert (v.data[0] == v.data[1]).all() and (v.data[0] == data[0]).all()
    assert {v.find(key=w) for w in ("cat", "naïve", "New_York", ".")} == {2}
    assert nlp.meta["vectors"]["name"] == "toy.vectors"


def test_floret_file_gives_ngram_vectors(tmp_path):
    rng = numpy.random.default_rng(3)
    buckets = rng.standard_normal((20, 4)).astype("f")
    lines = ["20 4 2 3 2 7 < >"] + [f"{i} " + " ".join(repr(float(x)) for x in row)
                                    for i, row in enumerate(buckets)]
    path = tmp_path / "vectors.floret"
    path.write_text("\n".join(lines) + "\n", encoding="utf8")
    result = runner.invoke(app, ["init", "vectors", "en", str(path), str(tmp_path / "out"),
                                 "--mode", "floret"])
    assert result.exit_code == 0, result.output
    nlp = lexloom.load(tmp_path / "out")
    v = nlp.vocab.vectors
    assert v.mode == "floret" and (v.minn, v.maxn, v.hash_count, v.hash_seed) == (2, 3, 2, 7)
    doc = nlp("unseenword cat")
    rows = [h % 20 for h in v.get_ngram_hashes("unseenword")]
    assert doc[0].has_vector and numpy.allclose(doc[0].vector, buckets[rows].mean(axis=0),
                                                atol=1e-5)
    with pytest.raises(VectorsError, match="truncate"):
        read_vectors(path, mode="floret", truncate=5, progress=False)
    path.write_text("20 4\n", encoding="utf8")
    with pytest.raises(VectorsFileError, match="invalid header for floret"):
        read_vectors(path, mode="floret", progress=False)


def test_cli_init_vectors_then_initialize_loads_them(tmp_path):
    src = write_binary(tmp_path / "w2v.bin")
    result = runner.invoke(app, ["init", "vectors", "en", str(src), str(tmp_path / "out"),
                                 "--prune", "4", "--name", "toy.vectors", "--attr", "NORM"])
    assert result.exit_code == 0, result.output
    assert "Successfully converted 6 keys, 4 unique vectors" in result.output
    saved = lexloom.load(tmp_path / "out")
    assert saved.vocab.vectors.name == "toy.vectors"
    nlp = lexloom.blank("en")
    nlp.load_vectors(tmp_path / "out")
    doc = nlp("The cat")
    assert doc[0].has_vector and numpy.allclose(doc[0].vector, DATA[0])   # NORM "the"


def test_cli_init_vectors_bad_file_reports_and_writes_nothing(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("3 2\nthe 1 2\ncat 1\n", encoding="utf8")
    result = runner.invoke(app, ["init", "vectors", "en", str(path), str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "bad.txt:3: expected a word and 2 values, found 1" in result.output
    assert not (tmp_path / "out").exists()


def test_init_vectors_takes_a_lexemes_jsonl_file(tmp_path):
    from lexloom.training.vectors import init_vectors

    vectors = tmp_path / "v.txt"
    vectors.write_text("2 3\ncat 1 2 3\ndog 4 5 6\n", encoding="utf8")
    lexemes = tmp_path / "lexemes.jsonl"
    lexemes.write_text('{"settings": {}}\n{"orth": "cat", "is_stop": true}\n', encoding="utf8")
    nlp = init_vectors("en", vectors, tmp_path / "out", lexemes_jsonl=lexemes, progress=False)
    assert nlp.vocab["cat"].is_stop and not nlp.vocab["dog"].is_stop
    result = CliRunner().invoke(app, ["init", "vectors", "en", str(vectors),
                                      str(tmp_path / "out2"), "-j", str(lexemes)])
    assert result.exit_code == 0, result.output
    lexemes.write_text('{"is_stop": true}\n', encoding="utf8")
    with pytest.raises(VectorsFileError, match="orth"):
        init_vectors("en", vectors, tmp_path / "out3", lexemes_jsonl=lexemes, progress=False)
