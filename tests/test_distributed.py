"""lexloom.distributed on Ray: apply over JSONL / text / Parquet / .spacy inputs equals
nlp.pipe, a killed actor's block is retried with every document written once, bad input ends
in a clear error naming the worker and the file, and data-parallel training (also across a
two-node cluster on the loopback address). Each test starts Ray itself (num_cpus=2, small
object store); all are marked `ray` and `slow` (Ray's start-up alone takes ~10-30 s here)."""
from __future__ import annotations

import random
import socket
import sys
from pathlib import Path

import pytest
import srsly

ray = pytest.importorskip("ray")
pytest.importorskip("ray.data")
pytest.importorskip("pyarrow")

from lexloom.distributed import apply, read_output  # noqa: E402
from lexloom.errors import (  # noqa: E402
    ClusterUnreachableError,
    InputFileMissingError,
    WorkerPipelineLoadError,
)
from lexloom.vocab import Vocab  # noqa: E402

import lexloom  # noqa: E402
from lexloom.tokens import Doc, DocBin  # noqa: E402

pytestmark = [pytest.mark.ray, pytest.mark.slow]

LEXICON = {"the": "DT", "a": "DT", "cat": "NN", "dog": "NN", "bird": "NN", "fish": "NN",
           "sees": "VBZ", "likes": "VBZ", "eats": "VBZ", "big": "JJ", "small": "JJ",
           "quickly": "RB", ".": "."}
WORDS = {tag: [w for w, t in LEXICON.items() if t == tag] for tag in set(LEXICON.values())}


def toy_sentence(rng: random.Random) -> list[str]:
    words = [rng.choice(WORDS["DT"])] + ([rng.choice(WORDS["JJ"])] if rng.random() < .5 else [])
    words += [rng.choice(WORDS["NN"]), rng.choice(WORDS["VBZ"]), rng.choice(WORDS["DT"]),
              rng.choice(WORDS["NN"]), "."]
    return words


def toy_docs(vocab, n: int, seed: int = 0) -> list[Doc]:
    rng = random.Random(seed)
    docs = []
    for _ in range(n):
        words = toy_sentence(rng)
        doc = Doc(vocab, words=words, spaces=[w != "." and i + 2 < len(words) and
                                              words[i + 1] != "." for i, w in enumerate(words)])
        for token in doc:
            token.tag_ = LEXICON[token.text]
        docs.append(doc)
    return docs


@pytest.fixture(scope="module")
def local_ray():
    if ray.is_initialized():
        ray.shutdown()
    ray.init(num_cpus=2, include_dashboard=False, object_store_memory=200 * 1024 ** 2,
             configure_logging=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def tagger(tmp_path_factory):
    """A small initialized (barely trained) tok2vec + tagger pipeline saved to disk."""
    from lexloom.training import Example

    path = tmp_path_factory.mktemp("tagger")
    nlp = lexloom.blank("en")
    nlp.add_pipe("tagger")
    examples = [Example(nlp.make_doc(d.text), d) for d in toy_docs(nlp.vocab, 30)]
    nlp.initialize(lambda: examples)
    nlp.to_disk(path / "model")
    return path / "model"


def texts(n: int, seed: int) -> list[str]:
    return [d.text for d in toy_docs(Vocab(), n, seed=seed)]


def test_apply_on_every_input_kind_equals_nlp_pipe(local_ray, tagger, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    inputs = tmp_path / "in"
    inputs.mkdir()
    a, b, c = texts(120, 1), texts(80, 2), texts(60, 3)
    srsly.write_jsonl(inputs / "a.jsonl", [{"text": t, "id": i} for i, t in enumerate(a)])
    (inputs / "b.txt").write_text("\n".join(b) + "\n", encoding="utf8")
    pq.write_table(pa.table({"text": c}), inputs / "c.parquet", row_group_size=25)
    spacy_docs = toy_docs(Vocab(), 20, seed=4)
    DocBin(docs=spacy_docs).to_disk(inputs / "d.spacy")
    summary = apply(str(tagger), inputs, tmp_path / "out", num_actors=2, block_bytes=1500,
                    batch_size=16, progress=False)
    assert summary["docs"] == 280 and summary["shards"] > 6
    nlp = lexloom.load(tagger)
    expected = list(nlp.pipe(a + b + c)) + list(nlp.pipe(DocBin(docs=spacy_docs)
                                                          .get_docs(nlp.vocab)))
    got = list(read_output(tmp_path / "out", nlp.vocab))
    assert [d.text for d in got] == [d.text for d in expected]
    assert [[t.tag_ for t in d] for d in got] == [[t.tag_ for t in d] for d in expected]
    manifest = srsly.read_json(tmp_path / "out" / "manifest.json")
    assert manifest["docs"] == 280
    assert [m["first_doc"] for m in manifest["shards"]][:2] == [0, manifest["shards"][0]["docs"]]
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]


def test_apply_sends_a_language_object_through_the_object_store(local_ray, tmp_path):
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    srsly.write_jsonl(tmp_path / "a.jsonl", [{"body": "One. Two."}, {"body": "Three."}])
    apply(nlp, tmp_path / "a.jsonl", tmp_path / "out", num_actors=1, text_key="body",
          progress=False)
    docs = list(read_output(tmp_path / "out"))
    assert [[s.text for s in d.sents] for d in docs] == [["One.", "Two."], ["Three."]]


KILLER = '''
import os, signal
from lexloom.language import Language

MARK = {mark!r}

@Language.component("die_once")
def die_once(doc):
    if doc.text.startswith("DIE") and not os.path.exists(MARK):
        open(MARK, "w").write(str(os.getpid()))
        os.kill(os.getpid(), signal.SIGKILL)
    if doc.text.startswith("VANISH"):
        os.remove({vanish!r})
    return doc
'''


def write_killer(tmp_path) -> tuple[Path, Path]:
    code = tmp_path / "killer_code.py"
    code.write_text(KILLER.format(mark=str(tmp_path / "killed"),
                                  vanish=str(tmp_path / "in" / "b.jsonl")), encoding="utf8")
    sys.path.insert(0, str(tmp_path))
    try:
        __import__("killer_code")
    finally:
        sys.path.remove(str(tmp_path))
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("die_once")
    nlp.to_disk(tmp_path / "model")
    return code, tmp_path / "model"


def test_killed_actor_is_restarted_and_its_block_retried_once(local_ray, tmp_path):
    code, model = write_killer(tmp_path)
    (tmp_path / "in").mkdir()
    docs = [f"Text number {i}." for i in range(90)]
    docs[47] = "DIE here, once."
    srsly.write_jsonl(tmp_path / "in" / "a.jsonl", [{"text": t} for t in docs])
    summary = apply(str(model), tmp_path / "in", tmp_path / "out", num_actors=2,
                    block_bytes=400, code=code, progress=False)
    assert (tmp_path / "killed").exists()  # an actor really died mid-block
    assert summary["docs"] == 90
    assert [d.text for d in read_output(tmp_path / "out")] == docs


def test_unreachable_address_is_a_clear_error(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (tmp_path / "a.txt").write_text("hello\n", encoding="utf8")
    with pytest.raises(ClusterUnreachableError, match=f"No Ray cluster at 127.0.0.1:{port}"):
        apply("blank_en", tmp_path / "a.txt", tmp_path / "out", address=f"127.0.0.1:{port}")


def test_pipeline_that_cannot_load_names_the_worker(local_ray, tmp_path):
    (tmp_path / "a.txt").write_text("hello\n", encoding="utf8")
    with pytest.raises(WorkerPipelineLoadError,
                       match=r"Ray worker \(node .*, pid \d+\) could not load the pipeline "
                             r"'.*no_such_model'"):
        apply(str(tmp_path / "no_such_model"), tmp_path / "a.txt", tmp_path / "out",
              num_actors=1, progress=False)


def test_input_file_vanishing_mid_run_names_worker_and_file(local_ray, tmp_path):
    code, model = write_killer(tmp_path)
    (tmp_path / "in").mkdir()
    srsly.write_jsonl(tmp_path / "in" / "a.jsonl", [{"text": "VANISH the next file."}])
    srsly.write_jsonl(tmp_path / "in" / "b.jsonl", [{"text": "Never read."}])
    with pytest.raises(InputFileMissingError,
                       match=r"Ray worker \(node .*, pid \d+\): input file .*b\.jsonl is gone"):
        apply(str(model), tmp_path / "in", tmp_path / "out", num_actors=1, code=code,
              progress=False)
