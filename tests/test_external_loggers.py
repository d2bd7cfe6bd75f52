"""The spacy-loggers / spacy-legacy training loggers (W&B, MLflow, ClearML, Chain, Lookup,
Cupy, PyTorch), with fake `wandb` / `mlflow` / `clearml` / `cupy` / `torch` modules put in
sys.modules: what each sends to its service, what it prints, and that every name spaCy
configs use resolves. No network, no GPU; spaCy and spacy_loggers are made unimportable so
nothing here can lean on them."""
from __future__ import annotations

import io
import sys
import types

import pytest

import lexloom
from lexloom.errors import ConfigError, ConfigSectionError, MissingPackageError
from lexloom.registry import registry
from lexloom.training import external_loggers as ext
from lexloom.util import load_config_from_str, load_model_from_config

SPACY_LOGGER_NAMES = (
    ["spacy.ChainLogger.v1", "spacy.LookupLogger.v1", "spacy.CupyLogger.v1",
     "spacy.PyTorchLogger.v1"]
    + [f"spacy.WandbLogger.v{i}" for i in range(1, 6)]
    + ["spacy.MLflowLogger.v1", "spacy.MLflowLogger.v2", "spacy.ClearMLLogger.v1",
       "spacy.ClearMLLogger.v2", "spacy-legacy.WandbLogger.v1"])

# the arguments a config must give each logger (the rest have defaults)
REQUIRED_ARGS = {
    "spacy.ChainLogger.v1": 'logger1 = {"@loggers": "spacy.ConsoleLogger.v1"}',
    "spacy.LookupLogger.v1": 'patterns = ["score"]',
    "spacy.ClearMLLogger.v1": 'project_name = "p"\ntask_name = "t"',
    "spacy.ClearMLLogger.v2": 'project_name = "p"\ntask_name = "t"',
}

INFO = {"epoch": 1, "step": 20, "score": 0.75,
        "other_scores": {"tag_acc": 0.75, "speed": 1000.0,
                         "ents_per_type": {"PER": {"p": 0.5, "r": 1.0}}, "note": "text"},
        "losses": {"tagger": 1.5}, "checkpoints": [(0.5, 0), (0.75, 20)],
        "seconds": 3, "words": 120}


class Recorder:
    """Records every call made on it (and on attributes reached through it) as
    (dotted name, args, kwargs); attributes set with `returns` answer with a value."""

    def __init__(self, calls: list, name: str = "", returns: dict | None = None):
        self._calls, self._name, self._returns = calls, name, returns or {}

    def __getattr__(self, attr: str):
        if attr.startswith("_"):
            raise AttributeError(attr)
        return Recorder(self._calls, f"{self._name}.{attr}".lstrip("."), self._returns)

    def __call__(self, *args, **kwargs):
        self._calls.append((self._name, args, kwargs))
        return self._returns.get(self._name, Recorder(self._calls, self._name + "()",
                                                      self._returns))


def calls_to(calls: list, name: str) -> list:
    return [(args, kwargs) for n, args, kwargs in calls if n == name]


@pytest.fixture(autouse=True)
def no_spacy(monkeypatch):
    """lexloom must not import spaCy's packages for these loggers."""
    for name in ("spacy", "spacy_loggers", "spacy_legacy"):
        monkeypatch.setitem(sys.modules, name, None)


@pytest.fixture()
def nlp():
    return lexloom.blank("en")


def fake_module(monkeypatch, name: str, calls: list, returns: dict | None = None,
                **attrs) -> types.ModuleType:
    module = types.ModuleType(name)
    recorder = Recorder(calls, returns=returns)
    for attr in attrs.pop("recorded", ()):
        setattr(module, attr, getattr(recorder, attr))
    for attr, value in attrs.items():
        setattr(module, attr, value)
    monkeypatch.setitem(sys.modules, name, module)
    return module


@pytest.fixture()
def wandb(monkeypatch):
    calls: list = []
    run = types.SimpleNamespace(id="run42", name=None)
    module = fake_module(monkeypatch, "wandb", calls, returns={"init": run},
                         recorded=("init", "log", "finish", "log_artifact", "Artifact"))
    module.run = run
    module.calls = calls
    return module


@pytest.fixture()
def mlflow(monkeypatch):
    calls: list = []
    module = fake_module(monkeypatch, "mlflow", calls,
                         recorded=("start_run", "log_params", "log_metric", "log_metrics",
                                   "log_artifacts", "end_run"))
    module.calls = calls
    return module


@pytest.fixture()
def clearml(monkeypatch):
    calls: list = []
    task = Recorder(calls, "task")
    dataset = Recorder(calls, "dataset")
    module = fake_module(monkeypatch, "clearml", calls,
                         returns={"Task.init": task, "Dataset.create": dataset},
                         recorded=("Task", "Dataset", "OutputModel"))
    module.calls = calls
    return module


class FakePool:
    def total_bytes(self):
        return 4 * 1024 ** 2

    def used_bytes(self):
        return 3 * 1024 ** 2

    def free_bytes(self):
        return 1024 ** 2

    def n_free_blocks(self):
        return 7

    def malloc(self, size):  # the allocator cupy reports is this bound method
        raise NotImplementedError


def fake_cupy(monkeypatch, has_gpu: bool = True) -> FakePool:
    pool = FakePool()

    class CUDARuntimeError(RuntimeError):
        pass

    def get_device_count():
        if not has_gpu:
            raise CUDARuntimeError("cudaErrorNoDevice")
        return 1

    runtime = types.SimpleNamespace(getDeviceCount=get_device_count,
                                    CUDARuntimeError=CUDARuntimeError)
    cuda = types.SimpleNamespace(runtime=runtime, get_allocator=lambda: pool.malloc)
    fake_module(monkeypatch, "cupy", [], cuda=cuda)
    return pool


TORCH_STATS = {"allocated_bytes.all.current": 2 * 1024 ** 2,
               "allocated_bytes.all.peak": 8 * 1024 ** 2,
               "allocated_bytes.large_pool.current": 1024 ** 2,
               "requested_bytes.current": 1024 ** 2,
               "active.all.current": 3, "num_ooms": 0}


def fake_torch(monkeypatch, stats: dict) -> list:
    devices: list = []

    def memory_stats(device):
        devices.append(device)
        return dict(stats)

    fake_module(monkeypatch, "torch", [], cuda=types.SimpleNamespace(memory_stats=memory_stats))
    return devices


def resolve_logger(block: str):
    """[training.logger] from a config string, through lexloom's config loading and the
    training schema, as `lexloom train` resolves it."""
    from lexloom.schemas import ConfigSchemaTraining

    config = load_config_from_str(f'[nlp]\nlang = "en"\npipeline = []\n\n[components]\n\n'
                                  f"[training]\n\n[training.logger]\n{block}\n")
    nlp = load_model_from_config(config, auto_fill=True)
    training = registry.resolve(nlp.config.interpolate()["training"],
                                schema=ConfigSchemaTraining)
    return training["logger"], nlp


# ---- every name resolves ---------------------------------------------------------------------


@pytest.mark.parametrize("name", SPACY_LOGGER_NAMES)
def test_every_spacy_logger_name_resolves_from_config(name, monkeypatch, wandb, mlflow,
                                                      clearml):
    fake_cupy(monkeypatch)
    fake_torch(monkeypatch, {})
    assert registry.has("loggers", name)
    assert registry.get("loggers", name) is registry.loggers.get(name)
    args = REQUIRED_ARGS.get(name, 'project_name = "p"' if "Wandb" in name else "")
    setup, nlp = resolve_logger(f'@loggers = "{name}"\n{args}')
    log_step, finalize = setup(nlp, io.StringIO(), io.StringIO())
    log_step(None)
    log_step(dict(INFO))
    finalize()


def test_lexloom_names_are_the_same_functions():
    assert registry.get("loggers", "lexloom.WandbLogger.v5") is ext.wandb_logger_v5
    assert registry.get("loggers", "spacy.MLflowLogger.v2") is ext.mlflow_logger_v2
    assert registry.get("loggers", "spacy-legacy.WandbLogger.v1") is ext.wandb_logger_legacy_v1


# ---- missing optional packages ---------------------------------------------------------------


@pytest.mark.parametrize("name,module,pip_name,args", [
    ("spacy.WandbLogger.v5", "wandb", "wandb", 'project_name = "p"'),
    ("spacy-legacy.WandbLogger.v1", "wandb", "wandb", 'project_name = "p"'),
    ("spacy.MLflowLogger.v2", "mlflow", "mlflow", ""),
    ("spacy.ClearMLLogger.v1", "clearml", "clearml", 'project_name = "p"\ntask_name = "t"'),
    ("spacy.CupyLogger.v1", "cupy", "lexloom[cuda12x]", ""),
    ("spacy.PyTorchLogger.v1", "torch", "lexloom[transformers]", ""),
])
def test_missing_package_is_a_clear_import_error(name, module, pip_name, args, monkeypatch):
    monkeypatch.setitem(sys.modules, module, None)  # as if not installed
    with pytest.raises(MissingPackageError) as excinfo:
        resolve_logger(f'@loggers = "{name}"\n{args}')
    message = str(excinfo.value)
    assert isinstance(excinfo.value, ImportError)
    assert name in message and f"pip install {pip_name}" in message


def test_outdated_package_names_what_it_lacks(monkeypatch):
    fake_module(monkeypatch, "mlflow", [], start_run=print)
    with pytest.raises(MissingPackageError, match="log_metrics.*pip install -U mlflow"):
        ext.mlflow_logger_v2()


# ---- Weights & Biases ------------------------------------------------------------------------


def test_wandb_v5_sends_config_scores_artifacts_and_finishes(wandb, nlp, tmp_path):
    out = io.StringIO()
    setup = ext.wandb_logger_v5(project_name="proj", remove_config_values=["paths.train"],
                                model_log_interval=10, log_dataset_dir=str(tmp_path / "data"),
                                entity="team", run_name="first", log_best_dir="best",
                                log_latest_dir="last", log_custom_stats=["^seconds$"])
    log_step, finalize = setup(nlp, out, io.StringIO())
    [(args, kwargs)] = calls_to(wandb.calls, "init")
    assert kwargs["project"] == "proj" and kwargs["entity"] == "team" and kwargs["reinit"]
    config = kwargs["config"]
    assert config["nlp"]["lang"] == "en" and "train" not in config["paths"]
    assert "dev" in config["paths"]
    assert wandb.run.name == "first"
    assert calls_to(wandb.calls, "Artifact") == [(("dataset",),
                                                  {"type": "dataset", "metadata": None})]
    assert calls_to(wandb.calls, "Artifact().add_dir") == [((str(tmp_path / "data"),),
                                                            {"name": "dataset"})]
    wandb.calls.clear()

    log_step(None)
    assert wandb.calls == []
    info = dict(INFO, output_path="out/model-last")
    log_step(info)
    logged = [args[0] for args, _ in calls_to(wandb.calls, "log")]
    assert logged == [{"score": 0.75}, {"loss_tagger": 1.5}, INFO["other_scores"],
                      {"seconds": 3}]
    [(args, kwargs)] = calls_to(wandb.calls, "Artifact")
    assert args == ("pipeline_run42",) and kwargs["type"] == "checkpoint"
    [(_, kwargs)] = calls_to(wandb.calls, "log_artifact")
    assert kwargs["aliases"] == ["epoch 1 step 20", "latest", "best"]
    wandb.calls.clear()

    log_step(dict(info, step=25))   # not a multiple of model_log_interval: no checkpoint
    assert calls_to(wandb.calls, "Artifact") == []
    wandb.calls.clear()

    finalize()
    names = [args[0] for args, _ in calls_to(wandb.calls, "Artifact")]
    assert names == ["model_best", "model_last"]
    assert wandb.calls[-1][0] == "finish"
    assert out.getvalue() == ""      # v5 prints nothing: chain it with a console logger


@pytest.mark.parametrize("version", [1, 2, 3, 4])
def test_wandb_older_versions_also_print_the_console_table(version, wandb, nlp):
    out = io.StringIO()
    setup = getattr(ext, f"wandb_logger_v{version}")(project_name="proj")
    log_step, finalize = setup(nlp, out, io.StringIO())
    log_step(dict(INFO))
    finalize()
    table = out.getvalue()
    assert "SCORE" in table and "0.75" in table.splitlines()[-1]
    assert calls_to(wandb.calls, "init")[0][1]["entity"] is None
    assert {"score": 0.75} in [args[0] for args, _ in calls_to(wandb.calls, "log")]
    assert wandb.calls[-1][0] == "finish"


def test_wandb_finishes_with_join_where_finish_is_missing(monkeypatch, nlp):
    calls: list = []
    fake_module(monkeypatch, "wandb", calls, recorded=("init", "log", "join"),
                run=types.SimpleNamespace(id="r", name=None))
    _, finalize = ext.wandb_logger_v5(project_name="p")(nlp, io.StringIO(), io.StringIO())
    finalize()
    assert calls[-1][0] == "join"


def test_legacy_wandb_logger_starts_the_run_without_entity(wandb, nlp):
    out = io.StringIO()
    log_step, finalize = registry.get("loggers", "spacy-legacy.WandbLogger.v1")(
        project_name="proj")(nlp, out, io.StringIO())
    [(_, kwargs)] = calls_to(wandb.calls, "init")
    assert "entity" not in kwargs and kwargs["project"] == "proj"
    log_step(dict(INFO))
    finalize()
    assert "SCORE" in out.getvalue()
    assert wandb.calls[-1][0] == "finish"


def test_remove_config_values_must_name_config_values(wandb, nlp):
    setup = ext.wandb_logger_v5(project_name="p", remove_config_values=["paths.nope"])
    with pytest.raises(ConfigSectionError, match="paths.nope") as excinfo:
        setup(nlp, io.StringIO(), io.StringIO())
    assert isinstance(excinfo.value, KeyError)   # spaCy's `del config_dot[key]` raises one


# ---- MLflow ----------------------------------------------------------------------------------


def test_mlflow_v2_logs_params_metrics_best_model_and_ends(mlflow, nlp):
    out = io.StringIO()
    setup = ext.mlflow_logger_v2(run_name="r", nested=True, tags={"k": "v"},
                                 remove_config_values=["paths.dev"],
                                 log_custom_stats=["words"])
    log_step, finalize = setup(nlp, out, io.StringIO())
    [(_, kwargs)] = calls_to(mlflow.calls, "start_run")
    assert kwargs == {"run_id": None, "experiment_id": None, "run_name": "r", "nested": True,
                      "tags": {"k": "v"}}
    batches = [args[0] for args, _ in calls_to(mlflow.calls, "log_params")]
    params = {k: v for batch in batches for k, v in batch.items()}
    assert all(len(batch) <= 100 for batch in batches)
    assert params["nlp.lang"] == "en" and "paths.dev" not in params and "paths.train" in params
    assert "nlp.tokenizer.tokenizers" in params and not any("@" in k for k in params)
    mlflow.calls.clear()

    log_step(None)
    assert mlflow.calls == []
    log_step(dict(INFO, output_path="out/model-last"))
    assert calls_to(mlflow.calls, "log_metric") == [(("score", 0.75), {})]
    metrics = [args[0] for args, _ in calls_to(mlflow.calls, "log_metrics")]
    assert metrics == [{"loss_tagger": 1.5},
                       {"tag_acc": 0.75, "speed": 1000.0, "ents_per_type.PER.p": 0.5,
                        "ents_per_type.PER.r": 1.0},
                       {"words": 120}]
    assert calls_to(mlflow.calls, "log_artifacts") == [(("out/model-last",),
                                                        {"artifact_path": "best"})]
    mlflow.calls.clear()
    log_step(dict(INFO, score=0.6, output_path="out/model-last"))  # not the best: no upload
    assert calls_to(mlflow.calls, "log_artifacts") == []
    finalize()
    assert mlflow.calls[-1][0] == "end_run"
    assert out.getvalue() == ""


def test_mlflow_v1_prints_the_console_table(mlflow, nlp):
    out = io.StringIO()
    log_step, finalize = ext.mlflow_logger_v1(run_id="abc")(nlp, out, io.StringIO())
    assert calls_to(mlflow.calls, "start_run")[0][1]["run_id"] == "abc"
    log_step(dict(INFO))
    finalize()
    assert "SCORE" in out.getvalue()
    assert mlflow.calls[-1][0] == "end_run"


# ---- ClearML ---------------------------------------------------------------------------------


def test_clearml_v2_connects_config_reports_scalars_models_and_closes(clearml, nlp, tmp_path):
    setup = ext.clearml_logger_v2(project_name="proj", task_name="task",
                                  model_log_interval=20, log_dataset_dir=str(tmp_path / "ds"),
                                  log_best_dir="best", log_latest_dir="last",
                                  log_custom_stats=["^words$"])
    log_step, finalize = setup(nlp, io.StringIO(), io.StringIO())
    calls = clearml.calls
    assert calls_to(calls, "Task.init") == [((), {"project_name": "proj", "task_name": "task",
                                                   "output_uri": True})]
    connected = {kwargs["name"]: args[0] for args, kwargs in calls_to(calls, "task.connect")}
    # (the empty [components] block drops out of the flattened config, as in spaCy)
    assert set(connected) == {"paths", "system", "nlp", "corpora", "training", "initialize"}
    assert connected["nlp"]["lang"] == "en"
    assert calls_to(calls, "Dataset.create") == [((), {"dataset_project": "proj",
                                                       "dataset_name": "ds"})]
    assert calls_to(calls, "dataset.finalize") == [((), {"auto_upload": True})]
    models = [kwargs["name"] for _, kwargs in calls_to(calls, "OutputModel")]
    assert models == ["Best Model", "Last Model"]
    calls.clear()

    log_step(None)
    assert calls == []
    log_step(dict(INFO, output_path="out/model-last"))
    scalars = calls_to(calls, "task.get_logger().report_scalar")
    series = [(a[0] if a else k["title"], a[1] if len(a) > 1 else k["series"], k["value"])
              for a, k in scalars]
    assert series == [("Score", "Score", 0.75), ("loss_tagger", "loss_tagger", 1.5),
                      ("tag_acc", "tag_acc", 0.75), ("speed", "speed", 1000.0),
                      ("ents_per_type", "PER.p", 0.5), ("ents_per_type", "PER.r", 1.0),
                      ("loss_words", "loss_words", 120)]
    assert all(k["iteration"] == 20 for _, k in scalars)
    updated = [kwargs["target_filename"]
               for _, kwargs in calls_to(calls, "OutputModel().update_weights_package")]
    assert updated == ["last_model", "best_model"]
    calls.clear()

    finalize()
    assert [name for name, _, _ in calls] == ["task.flush", "task.close"]
    assert calls[0][2] == {"wait_for_uploads": True}


def test_clearml_v1_prints_the_console_table(clearml, nlp):
    out = io.StringIO()
    log_step, finalize = ext.clearml_logger_v1("proj", "task")(nlp, out, io.StringIO())
    assert calls_to(clearml.calls, "OutputModel") == []   # no best/latest dirs asked for
    log_step(dict(INFO))
    finalize()
    assert "SCORE" in out.getvalue()


# ---- Chain and Lookup ------------------------------------------------------------------------


def recording_logger(name: str, seen: list):
    def setup(nlp, stdout, stderr):
        seen.append((name, "setup", stdout))
        return (lambda info: seen.append((name, "step", info)),
                lambda: seen.append((name, "finalize", None)))
    return setup


def test_chain_logger_runs_each_logger_in_order(nlp):
    seen: list = []
    out = io.StringIO()
    setup = ext.chain_logger_v1(logger1=recording_logger("a", seen),
                                logger7=recording_logger("b", seen))
    log_step, finalize = setup(nlp, out, io.StringIO())
    log_step(None)
    log_step(INFO)
    finalize()
    assert seen == [("a", "setup", out), ("b", "setup", out),
                    ("a", "step", None), ("b", "step", None),
                    ("a", "step", INFO), ("b", "step", INFO),
                    ("a", "finalize", None), ("b", "finalize", None)]


def test_chain_logger_without_loggers_is_a_value_error():
    with pytest.raises(ConfigError, match="No loggers") as excinfo:
        resolve_logger('@loggers = "spacy.ChainLogger.v1"')
    assert isinstance(excinfo.value, ValueError)


def test_chain_of_console_wandb_and_lookup_from_config(wandb):
    setup, nlp = resolve_logger(
        '@loggers = "spacy.ChainLogger.v1"\n'
        'logger1 = {"@loggers": "spacy.ConsoleLogger.v1", "progress_bar": false}\n'
        'logger2 = {"@loggers": "spacy.WandbLogger.v5", "project_name": "p"}\n'
        'logger9 = {"@loggers": "spacy.LookupLogger.v1", "patterns": ["loss"]}\n')
    out = io.StringIO()
    log_step, finalize = setup(nlp, out, io.StringIO())
    log_step(dict(INFO))
    finalize()
    text = out.getvalue()
    assert "SCORE" in text and "losses.tagger -> 1.5\n" in text
    assert calls_to(wandb.calls, "init") and wandb.calls[-1][0] == "finish"


def test_lookup_logger_prints_matching_stats_only(nlp):
    out = io.StringIO()
    log_step, finalize = ext.lookup_logger_v1(patterns=["acc", "^seconds$"])(
        nlp, out, io.StringIO())
    log_step(None)
    assert out.getvalue() == ""
    log_step(dict(INFO))
    finalize()
    assert out.getvalue() == "other_scores.tag_acc -> 0.75\nseconds -> 3\n"


def test_lookup_logger_rejects_no_patterns_and_bad_regexes():
    with pytest.raises(ValueError, match="at least one pattern"):
        resolve_logger('@loggers = "spacy.LookupLogger.v1"\npatterns = []')
    with pytest.raises(ValueError, match="couldn't be compiled"):
        resolve_logger('@loggers = "spacy.LookupLogger.v1"\npatterns = [")"]')


# ---- GPU memory statistics -------------------------------------------------------------------


def test_cupy_logger_adds_pool_stats_for_later_loggers(monkeypatch, nlp):
    from thinc.backends import context_pools

    pool = fake_cupy(monkeypatch)
    log_step, finalize = ext.cupy_logger_v1(prefix="gpu")(nlp, io.StringIO(), io.StringIO())
    log_step(None)
    info = dict(INFO)
    log_step(info)
    finalize()
    assert info["gpu.pool.source"] == "default"
    assert info["gpu.pool.acquired_mib"] == 4.0 and info["gpu.pool.used_mib"] == 3.0
    assert info["gpu.pool.free_mib"] == 1.0 and info["gpu.pool.num_free_blocks"] == 7
    token = context_pools.set({"pytorch": pool})
    try:
        log_step(info)
    finally:
        context_pools.reset(token)
    assert info["gpu.pool.source"] == "pytorch"


def test_cupy_logger_without_gpu_is_a_value_error(monkeypatch):
    fake_cupy(monkeypatch, has_gpu=False)
    with pytest.raises(ConfigError, match="GPU support couldn't be initialized"):
        ext.cupy_logger_v1()


def test_pytorch_logger_adds_chosen_stats_in_megabytes(monkeypatch, nlp):
    devices = fake_torch(monkeypatch, TORCH_STATS)
    log_step, _ = ext.pytorch_logger_v1(device=1)(nlp, io.StringIO(), io.StringIO())
    info = {}
    log_step(info)
    assert devices == [1]
    assert info == {"pytorch.allocated_megabytes.all.current": 2.0,
                    "pytorch.allocated_megabytes.all.peak": 8.0,
                    "pytorch.requested_megabytes.current": 1.0,
                    "pytorch.active.all.current": 3, "pytorch.num_ooms": 0}
    log_step, _ = ext.pytorch_logger_v1(cuda_mem_pool="large_pool",
                                        cuda_mem_metric="current")(nlp, None, None)
    info = {}
    log_step(info)
    assert info == {"pytorch.allocated_megabytes.large_pool.current": 1.0,
                    "pytorch.requested_megabytes.current": 1.0, "pytorch.num_ooms": 0}


def test_pytorch_logger_on_cpu_adds_nothing(monkeypatch, nlp):
    fake_torch(monkeypatch, {})    # torch.cuda.memory_stats without CUDA: no statistics
    log_step, finalize = ext.pytorch_logger_v1()(nlp, io.StringIO(), io.StringIO())
    info = dict(INFO)
    log_step(info)
    finalize()
    assert info == INFO


@pytest.mark.parametrize("args,match", [({"cuda_mem_pool": "huge"}, "memory pool 'huge'"),
                                        ({"cuda_mem_metric": "mean"}, "metric 'mean'")])
def test_pytorch_logger_rejects_unknown_pool_or_metric(args, match, monkeypatch):
    fake_torch(monkeypatch, {})
    with pytest.raises(ValueError, match=match):
        ext.pytorch_logger_v1(**args)


# ---- from a real training run ----------------------------------------------------------------

TRAIN_CONFIG = """
[paths]
train = null
dev = null

[nlp]
lang = "en"
pipeline = ["tok2vec", "tagger"]

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 16
attrs = ["NORM", "SHAPE"]
rows = [100, 50]
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 16
depth = 1
window_size = 1
maxout_pieces = 2

[components.tagger]
factory = "tagger"

[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null

[components.tagger.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = 16
upstream = "*"

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${paths.train}

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${paths.dev}

[training]
max_steps = 4
eval_frequency = 2

[training.logger]
@loggers = "spacy.ChainLogger.v1"
logger1 = {"@loggers": "spacy.ConsoleLogger.v3"}

[training.logger.logger2]
@loggers = "spacy.WandbLogger.v5"
project_name = "toy"
model_log_interval = 2
remove_config_values = ["paths.train", "paths.dev"]
"""


def test_wandb_logger_in_a_real_training_run(wandb, tmp_path):
    from lexloom.tokens import Doc, DocBin
    from lexloom.training.initialize import init_nlp
    from lexloom.training.loop import train
    from lexloom.vocab import Vocab

    vocab = Vocab()
    db = DocBin()
    for words, tags in [(["the", "cat", "sat"], ["DT", "NN", "VB"]),
                        (["a", "dog", "ran"], ["DT", "NN", "VB"])] * 3:
        db.add(Doc(vocab, words=words, tags=tags))
    db.to_disk(tmp_path / "toy.spacy")
    (tmp_path / "train.cfg").write_text(TRAIN_CONFIG, encoding="utf-8")
    config = lexloom.util.load_config(tmp_path / "train.cfg", overrides={
        "paths.train": str(tmp_path / "toy.spacy"), "paths.dev": str(tmp_path / "toy.spacy")})
    nlp = init_nlp(config)
    out = io.StringIO()
    train(nlp, tmp_path / "out", stdout=out, stderr=io.StringIO())

    [(_, kwargs)] = calls_to(wandb.calls, "init")
    assert kwargs["project"] == "toy" and "train" not in kwargs["config"]["paths"]
    assert kwargs["config"]["training"]["max_steps"] == 4
    logged = [args[0] for args, _ in calls_to(wandb.calls, "log")]
    scores = [entry["score"] for entry in logged if "score" in entry]
    assert len(scores) == 3                                   # evaluations at steps 0, 2, 4
    assert any("loss_tagger" in entry for entry in logged)
    assert any("tag_acc" in entry for entry in logged)
    checkpoints = [args[0] for args, _ in calls_to(wandb.calls, "Artifact().add_dir")]
    assert checkpoints == [str(tmp_path / "out" / "model-last")] * 2   # steps 2 and 4
    assert wandb.calls[-1][0] == "finish"
    assert "TAG_ACC" in out.getvalue()                        # the chained console table
