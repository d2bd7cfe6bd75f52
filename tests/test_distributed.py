"""lexloom.distributed on Ray: apply over JSONL / text / Parquet / .spacy inputs equals
nlp.pipe, a killed actor's block is retried with every document written once, bad input ends
in a clear error naming the worker and the file, and data-parallel training (also across a
two-node cluster on the loopback address). Each test starts Ray itself (num_cpus=2, small
object store); all are marked `ray` and `slow` (Ray's start-up alone takes ~10-30 s here)."""
from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import srsly

ray = pytest.importorskip("ray")
pytest.importorskip("ray.data")
pytest.importorskip("pyarrow")

from lexloom.distributed import apply, read_output  # noqa: E402
from lexloom.errors import (  # noqa: E402
    ClusterUnreachableError,
    DistributedError,
    InputFileMissingError,
    WorkerPipelineLoadError,
)
from lexloom.vocab import Vocab  # noqa: E402
from test_training_loop import TAGGER_CONFIG, toy_docs  # noqa: E402

import lexloom  # noqa: E402
from lexloom.tokens import DocBin  # noqa: E402

pytestmark = [pytest.mark.ray, pytest.mark.slow]

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

@Language.component({name!r})
def die_once(doc):
    if doc.text.startswith("DIE") and not os.path.exists(MARK):
        open(MARK, "w").write(str(os.getpid()))
        os.kill(os.getpid(), signal.SIGKILL)
    return doc


@Language.factory({name!r} + "_vanish")
def make_vanisher(nlp, name):
    # runs when a worker loads the pipeline, before it reads any block: Ray may hand the
    # blocks out in any order, so removing the file from inside a block would race
    if os.path.exists({vanish!r}):
        os.remove({vanish!r})
    return lambda doc: doc
'''


def write_killer(tmp_path, component: str = "") -> tuple[Path, Path]:
    # a module and component name of this test's own: Ray reuses worker processes, and a
    # component registered by an earlier test would carry that test's paths
    tag = hashlib.sha1(str(tmp_path).encode("utf8")).hexdigest()[:10]
    name = f"die_once_{tag}"
    code = tmp_path / f"killer_code_{tag}.py"
    code.write_text(KILLER.format(mark=str(tmp_path / "killed"), name=name,
                                  vanish=str(tmp_path / "in" / "b.jsonl")), encoding="utf8")
    sys.path.insert(0, str(tmp_path))
    try:
        __import__(code.stem)
    finally:
        sys.path.remove(str(tmp_path))
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(name + component)
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
    code, model = write_killer(tmp_path, "_vanish")
    (tmp_path / "in").mkdir()
    srsly.write_jsonl(tmp_path / "in" / "a.jsonl", [{"text": "Read."}])
    srsly.write_jsonl(tmp_path / "in" / "b.jsonl", [{"text": "Never read."}])
    with pytest.raises(InputFileMissingError,
                       match=r"Ray worker \(node .*, pid \d+\): input file .*b\.jsonl is gone"):
        apply(str(model), tmp_path / "in", tmp_path / "out", num_actors=1, code=code,
              progress=False)


def test_apply_cli_with_ray_writes_shards(local_ray, tmp_path):
    from lexloom.cli import app
    from typer.testing import CliRunner

    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path / "model")
    (tmp_path / "a.txt").write_text("One. Two.\nThree.\n", encoding="utf8")
    result = CliRunner().invoke(app, ["apply", str(tmp_path / "model"), str(tmp_path / "a.txt"),
                                      str(tmp_path / "out"), "--ray", "local", "--ray-actors", "1"])
    assert result.exit_code == 0, result.output
    assert "docs/s" in result.output
    assert [d.text for d in read_output(tmp_path / "out")] == ["One. Two.", "Three."]


def test_parquet_output_holds_the_token_annotations_in_input_order(local_ray, tagger,
                                                                   tmp_path):
    import pyarrow.parquet as pq

    a = texts(90, 5)
    srsly.write_jsonl(tmp_path / "a.jsonl", [{"text": t} for t in a])
    summary = apply(str(tagger), tmp_path / "a.jsonl", tmp_path / "out", num_actors=2,
                    block_bytes=700, output_format="parquet", progress=False)
    shards = sorted((tmp_path / "out").glob("*.parquet"))
    assert summary["docs"] == 90 and len(shards) == summary["shards"] > 3
    rows = sorted((row for shard in shards for row in pq.read_table(shard).to_pylist()),
                  key=lambda row: (row["block"], row["position"]))
    expected = list(lexloom.load(tagger).pipe(a))
    assert [row["text"] for row in rows] == a
    assert [row["tokens"] for row in rows] == [[t.text for t in d] for d in expected]
    assert [row["tag"] for row in rows] == [[t.tag_ for t in d] for d in expected]
    assert [row["head"] for row in rows] == [[t.head.i for t in d] for d in expected]
    manifest = srsly.read_json(tmp_path / "out" / "manifest.json")
    assert [m["shard"] for m in manifest["shards"]] == [p.name for p in shards]
    with pytest.raises(DistributedError, match="Parquet shards"):
        list(read_output(tmp_path / "out"))
    with pytest.raises(DistributedError, match="Unknown output format 'csv'"):
        apply(str(tagger), tmp_path / "a.jsonl", tmp_path / "out2", output_format="csv")


def test_existing_output_is_refused_unless_overwrite_which_drops_stale_shards(
        local_ray, tmp_path):
    nlp = lexloom.blank("en")
    (tmp_path / "a.txt").write_text("".join(f"Line {i}.\n" for i in range(60)), encoding="utf8")
    out = tmp_path / "out"
    first = apply(nlp, tmp_path / "a.txt", out, num_actors=1, block_bytes=100, progress=False)
    assert first["shards"] > 3
    (out / "notes.txt").write_text("mine", encoding="utf8")
    before = sorted(p.name for p in out.iterdir())
    with pytest.raises(DistributedError, match="already holds the output of a run"):
        apply(nlp, tmp_path / "a.txt", out, num_actors=1, progress=False)
    assert sorted(p.name for p in out.iterdir()) == before  # nothing lost
    second = apply(nlp, tmp_path / "a.txt", out, num_actors=1, overwrite=True, progress=False)
    assert second["shards"] == 1
    assert sorted(p.name for p in out.iterdir()) == ["00000000.spacy", "manifest.json",
                                                     "notes.txt"]
    assert [d.text for d in read_output(out)] == [f"Line {i}." for i in range(60)]


def test_apply_cli_with_ray_force_replaces_a_folder_of_shards(local_ray, tmp_path):
    from lexloom.cli import app
    from typer.testing import CliRunner

    lexloom.blank("en").to_disk(tmp_path / "model")
    (tmp_path / "a.txt").write_text("One.\nTwo.\n", encoding="utf8")
    args = ["apply", str(tmp_path / "model"), str(tmp_path / "a.txt"), str(tmp_path / "out"),
            "--ray", "local", "--ray-actors", "1"]
    assert CliRunner().invoke(app, args).exit_code == 0
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 1 and "--force" in again.output
    forced = CliRunner().invoke(app, [*args, "--force", "--ray-format", "parquet"])
    assert forced.exit_code == 0, forced.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["00000000.parquet",
                                                                    "manifest.json"]
    no_ray = CliRunner().invoke(app, args[:4] + ["--force"])
    assert no_ray.exit_code == 2  # a usage error, as spaCy's
    assert "is a folder" in " ".join(no_ray.output.replace("│", " ").split())


# ---- training ------------------------------------------------------------------------------


KILL_CALLBACK = '''
import os, signal
from lexloom import registry

@registry.callbacks("ray_test_kill.v1")
def make_kill():
    def kill(nlp, info):
        if info["step"] == 3:
            try:
                os.close(os.open({mark!r}, os.O_CREAT | os.O_EXCL))
            except FileExistsError:
                return
            os.kill(os.getpid(), signal.SIGKILL)
    return kill
'''


@pytest.fixture()
def corpus(tmp_path):
    from lexloom.training.example import Example  # noqa: F401 - the training stack loads

    for name, n, seed in (("train", 150, 1), ("dev", 40, 2)):
        DocBin(docs=toy_docs(Vocab(), n, seed=seed)).to_disk(tmp_path / f"{name}.spacy")
    (tmp_path / "tagger.cfg").write_text(TAGGER_CONFIG, encoding="utf8")
    return {"paths.train": str(tmp_path / "train.spacy"),
            "paths.dev": str(tmp_path / "dev.spacy"),
            "training.max_steps": 40, "training.eval_frequency": 20}


def test_two_workers_train_in_step_and_save_on_rank_0(local_ray, tmp_path, corpus):
    from lexloom.distributed import train

    result = train(tmp_path / "tagger.cfg", tmp_path / "out", n_workers=2, overrides=corpus)
    first, second = result["workers"]
    assert first["steps"] == second["steps"] == 41
    # the same averaged gradients and optimizer state on both: the same weights at the end
    assert first["param_checksum"] == pytest.approx(second["param_checksum"], rel=1e-6)
    assert 0 < first["words"] < result["words"]  # each worker saw its own shard
    nlp = lexloom.load(tmp_path / "out" / "model-best")
    assert [t.tag_ for t in nlp("the big dog sees a fish .")] == \
        ["DT", "JJ", "NN", "VBZ", "DT", "NN", "."]
    meta = srsly.read_json(tmp_path / "out" / "model-best" / "meta.json")
    assert meta["performance"]["tag_acc"] > 0.95
    assert (tmp_path / "out" / "model-last" / "config.cfg").exists()


def test_lost_training_worker_is_reported(local_ray, tmp_path, corpus):
    from lexloom.distributed import train
    from lexloom.errors import DistributedTrainingError

    code = tmp_path / "kill_code.py"
    code.write_text(KILL_CALLBACK.format(mark=str(tmp_path / "killed")), encoding="utf8")
    config = TAGGER_CONFIG + '\n[training.before_update]\n@callbacks = "ray_test_kill.v1"\n'
    (tmp_path / "kill.cfg").write_text(config, encoding="utf8")
    overrides = {**corpus, "training.eval_frequency": 2}
    with pytest.raises(DistributedTrainingError,
                       match=r"Training worker rank [01] of 2 failed or was lost.*model-last"):
        train(tmp_path / "kill.cfg", tmp_path / "out", n_workers=2, overrides=overrides,
              code=code, timeout_s=60)
    assert (tmp_path / "killed").exists()
    # The run resumes from the checkpoint the message names: source its components and train on.
    last = tmp_path / "out" / "model-last"
    assert (last / "config.cfg").exists()
    resume = TAGGER_CONFIG.replace('[components.tok2vec]\nfactory = "tok2vec"',
                                   f'[components.tok2vec]\nsource = "{last}"')
    resume = resume.replace('[components.tagger]\nfactory = "tagger"',
                            f'[components.tagger]\nsource = "{last}"')
    assert resume.count(str(last)) == 2
    (tmp_path / "resume.cfg").write_text(resume, encoding="utf8")
    result = train(tmp_path / "resume.cfg", tmp_path / "out2", n_workers=2, overrides=corpus)
    assert result["workers"][0]["steps"] == 41
    meta = srsly.read_json(tmp_path / "out2" / "model-best" / "meta.json")
    assert meta["performance"]["tag_acc"] > 0.95


# ---- two nodes on the loopback address ---------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_two_node_cluster_apply_and_two_training_steps(tmp_path, corpus):
    import tempfile

    from lexloom.distributed import train

    if ray.is_initialized():
        ray.shutdown()
    ray_bin = str(Path(sys.executable).with_name("ray"))
    port = _free_port()
    common = ["--block", "--num-cpus=1", "--node-ip-address=127.0.0.1",
              f"--object-store-memory={100 * 1024 ** 2}", "--disable-usage-stats"]
    procs = []
    try:
        head_tmp, node_tmp = tempfile.mkdtemp(prefix="lxh"), tempfile.mkdtemp(prefix="lxn")
        procs.append(subprocess.Popen(
            [ray_bin, "start", "--head", f"--port={port}", f"--temp-dir={head_tmp}",
             "--include-dashboard=false", *common], start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        _wait_for_port(port)
        procs.append(subprocess.Popen(
            [ray_bin, "start", f"--address=127.0.0.1:{port}", f"--temp-dir={node_tmp}",
             *common], start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        address = f"127.0.0.1:{port}"
        ray.init(address=address, configure_logging=False)
        deadline = time.monotonic() + 120
        while sum(n["Alive"] for n in ray.nodes()) < 2:
            assert time.monotonic() < deadline, "the second node never joined"
            time.sleep(1)
        ray.shutdown()
        docs = [f"Sentence number {i}. And another." for i in range(40)]
        (tmp_path / "in.txt").write_text("\n".join(docs) + "\n", encoding="utf8")
        nlp = lexloom.blank("en")
        nlp.add_pipe("sentencizer")
        summary = apply(nlp, tmp_path / "in.txt", tmp_path / "out", address=address,
                        num_actors=2, block_bytes=300, progress=False)
        assert summary["docs"] == 40 and summary["actors"] == 2
        assert [d.text for d in read_output(tmp_path / "out")] == docs
        result = train(tmp_path / "tagger.cfg", tmp_path / "tout", address=address,
                       n_workers=2, overrides={**corpus, "training.max_steps": 1})
        assert [w["steps"] for w in result["workers"]] == [2, 2]
        assert (tmp_path / "tout" / "model-last" / "config.cfg").exists()
    finally:
        if ray.is_initialized():
            ray.shutdown()
        for proc in reversed(procs):
            proc.terminate()
        for proc in reversed(procs):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def _wait_for_port(port: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"ray start --head never listened on port {port}")
