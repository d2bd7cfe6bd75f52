"""Data-parallel training across Ray actors.

`train(config, output, n_workers=N)` starts N Ray actors. Each builds the pipeline from the
config (the same seed, and rank 0's initial weights broadcast to the others), reads every N-th
example of the training corpus (its shard), and runs lexloom's own training loop with three
hooks (lexloom.training.loop.train's `distributed` argument):

- batches go in lock-step: a worker whose shard is used up stops everyone at that step;
- before each optimizer step, every trainable parameter's gradient is averaged over the
  workers in one all-reduce of a flat float32 buffer (torch.distributed, gloo backend, set up
  inside the actors; through shared memory when all workers share one host, host_reduce.py),
  so every worker applies the same update and keeps the same optimizer state (Adam moments,
  parameter averages);
- rank 0 evaluates and broadcasts the scores (early stopping stays in step); only rank 0
  writes model-best / model-last.

A worker lost mid-run (killed, node gone) ends the run with DistributedTrainingError naming
the worker; model-last holds the last evaluation's checkpoint to resume from.
"""
from __future__ import annotations

import os
import socket
import sys
import time
from pathlib import Path
from typing import Callable, Iterator

from ..errors import DistributedTrainingError, LexloomError
from .cluster import connect, import_ray, unwrap, worker_name


class Hooks:
    """What one worker plugs into lexloom.training.loop.train."""

    def __init__(self, rank: int, world: int):
        self.rank, self.world = rank, world
        self.words = self.steps = 0
        self.sync_seconds = 0.0  # in collectives (waiting for the others included)
        # gradients summed through /dev/shm when all workers share a host (host_reduce.py);
        # LEXLOOM_RAY_HOST_REDUCE=0 keeps gloo's all-reduce
        self._host_reduce = os.environ.get("LEXLOOM_RAY_HOST_REDUCE", "1") != "0"
        self._reducer = None

    # -- the corpus shard -------------------------------------------------------------
    def shard(self, corpus: Callable) -> Callable:
        rank, world = self.rank, self.world

        def sharded(nlp):
            for i, eg in enumerate(corpus(nlp)):
                if i % world == rank:
                    yield eg

        sharded.path = getattr(corpus, "path", None)
        return sharded

    def wrap(self, batches, evaluate):
        return self._lockstep(batches), self._shared_evaluate(evaluate), self.average_gradients

    def _lockstep(self, batches) -> Iterator:
        import torch
        import torch.distributed as dist

        it = iter(batches)
        while True:
            item = next(it, None)
            flag = torch.tensor([0 if item is None else 1], dtype=torch.int32)
            start = time.perf_counter()
            dist.all_reduce(flag, op=dist.ReduceOp.MIN)
            self.sync_seconds += time.perf_counter() - start
            if int(flag.item()) == 0:
                return
            self.steps += 1
            self.words += sum(len(eg.predicted) for eg in item[1])
            yield item

    def _shared_evaluate(self, evaluate: Callable) -> Callable:
        import torch.distributed as dist

        def shared():
            box = [evaluate() if self.rank == 0 else None]
            dist.broadcast_object_list(box, src=0)
            return box[0]

        return shared

    # -- gradients and parameters ------------------------------------------------------
    @staticmethod
    def _params(nlp, exclude=()) -> list:
        entries, seen = [], set()
        for name, proc in nlp.pipeline:
            model = getattr(proc, "model", None)
            if (name in exclude or not getattr(proc, "is_trainable", False)
                    or model in (None, True, False) or not hasattr(model, "walk")):
                continue
            for node in model.walk():
                if node.id in seen:
                    continue
                seen.add(node.id)
                if node.shims:
                    raise DistributedTrainingError(
                        f"Component '{name}' wraps a framework model ({node.name}); "
                        "distributed training averages thinc parameters only.")
                for pname in node.param_names:
                    if node.has_param(pname):
                        entries.append((node, pname))
        return entries

    def average_gradients(self, nlp, exclude=()) -> None:
        """All-reduce every parameter's gradient (one flat float32 buffer, plus one flag per
        parameter saying whether this worker has a gradient for it) and set the mean."""
        import numpy
        import torch
        import torch.distributed as dist

        from ..pipeline.broadcast import run_pending_backprops

        run_pending_backprops(nlp.pipeline)
        entries = self._params(nlp, exclude)
        sizes = [node.get_param(p).size for node, p in entries]
        total = sum(sizes)
        buf = numpy.zeros(total + len(entries), dtype="float32")
        offset = 0
        for i, ((node, p), size) in enumerate(zip(entries, sizes)):
            if node.has_grad(p):
                buf[offset:offset + size] = node.ops.to_numpy(node.get_grad(p)).ravel()
                buf[total + i] = 1.0
            offset += size
        start = time.perf_counter()
        if self._host_reduce and self._reducer is None:
            from .host_reduce import HostReducer

            self._reducer = HostReducer.create(self.rank, self.world, buf.size)
            self._host_reduce = self._reducer is not None
        if self._reducer is not None and self._reducer.size == buf.size:
            buf = self._reducer.sum(buf, lambda: dist.all_reduce(torch.zeros(1)))
        else:
            dist.all_reduce(torch.from_numpy(buf))
        self.sync_seconds += time.perf_counter() - start
        buf /= self.world
        offset = 0
        for i, ((node, p), size) in enumerate(zip(entries, sizes)):
            if buf[total + i] > 0:
                shape = node.get_param(p).shape
                node.set_grad(p, node.ops.asarray(buf[offset:offset + size].reshape(shape)))
            offset += size

    def broadcast_params(self, nlp) -> None:
        """Every worker starts from rank 0's initial weights."""
        import numpy
        import torch
        import torch.distributed as dist

        entries = self._params(nlp)
        arrays = [node.ops.to_numpy(node.get_param(p)).astype("float32")
                  for node, p in entries]
        if not arrays:
            return
        flat = torch.from_numpy(numpy.concatenate([a.ravel() for a in arrays]))
        dist.broadcast(flat, src=0)
        offset = 0
        for (node, p), a in zip(entries, arrays):
            value = flat[offset:offset + a.size].numpy().reshape(a.shape)
            node.set_param(p, node.ops.asarray(value.astype(node.get_param(p).dtype)))
            offset += a.size


class TrainWorker:
    """One data-parallel training worker (a Ray actor)."""

    def __init__(self, rank: int, world: int):
        self.rank, self.world = rank, world
        self.who = worker_name()

    def rendezvous(self) -> tuple[str, int]:
        import ray

        with socket.socket() as s:
            s.bind(("", 0))
            port = s.getsockname()[1]
        return ray.util.get_node_ip_address(), port

    def run(self, config_text: str, output_path: str | None, overrides: dict,
            code: str | None, master: tuple[str, int], timeout_s: float) -> dict:
        import datetime

        import torch.distributed as dist

        from ..training.initialize import init_nlp, load_training_config
        from ..training.loop import train
        from ..util import import_code

        try:
            import_code(code)
            dist.init_process_group("gloo", init_method=f"tcp://{master[0]}:{master[1]}",
                                    rank=self.rank, world_size=self.world,
                                    timeout=datetime.timedelta(seconds=timeout_s))
            tmp = Path(f"/tmp/lexloom-ray-train-{os.getpid()}.cfg")
            tmp.write_text(config_text, encoding="utf8")
            try:
                config = load_training_config(tmp, overrides)
            finally:
                tmp.unlink()
            _pin_to_one_cpu(self.rank, self.world)
            quiet = open(os.devnull, "w") if self.rank else None  # noqa: SIM115
            nlp = init_nlp(config, stdout=quiet)
            hooks = Hooks(self.rank, self.world)
            hooks.broadcast_params(nlp)
            start = time.perf_counter()
            train(nlp, output_path, distributed=hooks, stdout=quiet or sys.stdout,
                  stderr=quiet or sys.stderr)
            seconds = time.perf_counter() - start
            checksum = float(sum(float(abs(node.get_param(p)).sum())
                                 for node, p in hooks._params(nlp)))
        except LexloomError as e:
            raise type(e)(f"Training worker rank {self.rank} ({self.who}): "
                          f"{str(e).removeprefix('[lexloom] ')}") from None
        finally:
            if dist.is_initialized():
                dist.destroy_process_group()
        return {"rank": self.rank, "words": hooks.words, "steps": hooks.steps,
                "seconds": seconds, "sync_seconds": hooks.sync_seconds,
                "param_checksum": checksum}


def _pin_to_one_cpu(rank: int, world: int) -> None:
    """Keep rank r on CPU r when the run's single-threaded workers fill this host's CPUs (all
    ranks on this host, one per CPU): lock-step workers then never share a core or migrate.
    On a 2-core host this took 2-worker training from 24,838 to 26,735 words/s (mean of 4
    alternating runs each, benchmarks/distributed.py --parts train). LEXLOOM_RAY_PIN_CPU: "auto"
    (that rule, the default), "1" (pin whenever there is a CPU per worker), "0" (never)."""
    import torch
    import torch.distributed as dist

    mode = os.environ.get("LEXLOOM_RAY_PIN_CPU", "auto").strip().lower()
    if mode == "0" or world < 2 or not hasattr(os, "sched_setaffinity"):
        return
    from .host_reduce import _host_id

    hosts: list = [None] * world
    dist.all_gather_object(hosts, _host_id())  # collective: every rank gets here
    cpus = sorted(os.sched_getaffinity(0))
    fits = len(cpus) == world if mode == "auto" else len(cpus) >= world
    if len(set(hosts)) == 1 and torch.get_num_threads() == 1 and fits:
        os.sched_setaffinity(0, {cpus[rank]})


#: Seconds the surviving workers get to fail and save model-last after one is lost.
ABORT_GRACE_S = 60


def train(config_path, output_path=None, *, address: str | None = None, n_workers: int = 2,
          overrides: dict | None = None, code: str | Path | None = None,
          cpus_per_worker: float = 1, timeout_s: float = 600) -> dict:
    """Train the pipeline `config_path` describes on `n_workers` Ray actors, data-parallel
    (see the module docstring). Paths in the config / overrides must be readable on every
    node, and output_path on rank 0's node. Returns {workers: [per-rank results], words (all
    workers), steps, seconds}."""
    ray = import_ray()
    config_text = Path(config_path).read_text(encoding="utf8") if str(config_path) != "-" \
        else sys.stdin.read()
    if output_path is not None:
        Path(output_path).mkdir(parents=True, exist_ok=True)
    started = connect(address)
    try:
        actor = ray.remote(num_cpus=cpus_per_worker, max_restarts=0)(TrainWorker)
        workers = [actor.remote(rank, n_workers) for rank in range(n_workers)]
        master = ray.get(workers[0].rendezvous.remote())
        refs = [w.run.remote(config_text, None if output_path is None else
                             str(Path(output_path).resolve()), dict(overrides or {}),
                             None if code is None else str(Path(code).resolve()), master,
                             timeout_s)
                for w in workers]
        results: dict[int, dict] = {}
        pending = list(refs)
        while pending:
            done, pending = ray.wait(pending, num_returns=1)
            rank = refs.index(done[0])
            try:
                results[rank] = ray.get(done[0])
            except Exception as e:  # noqa: BLE001 - Ray wraps the worker's failure
                # the others fail at the next collective and rank 0 then saves model-last
                # (as spaCy's loop does when aborting): let them finish before they are
                # killed, so that the checkpoint the message names is whole
                ray.wait(pending, num_returns=len(pending), timeout=ABORT_GRACE_S)
                for w in workers:
                    ray.kill(w)
                inner = unwrap(e)
                if isinstance(inner, LexloomError):
                    raise inner from None
                where = "" if output_path is None else (
                    f" {Path(output_path) / 'model-last'} holds the last checkpoint (if an "
                    "evaluation ran); resume by sourcing its components "
                    "([components.NAME] source = \"…/model-last\").")
                raise DistributedTrainingError(
                    f"Training worker rank {rank} of {n_workers} failed or was lost: "
                    f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}.{where}"
                ) from None
    finally:
        if started:
            ray.shutdown()
    ordered = [results[r] for r in range(n_workers)]
    return {"workers": ordered, "words": sum(r["words"] for r in ordered),
            "steps": ordered[0]["steps"], "seconds": max(r["seconds"] for r in ordered)}


__all__ = ["train", "Hooks", "TrainWorker"]
