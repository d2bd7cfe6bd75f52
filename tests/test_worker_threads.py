"""Thread pools in nlp.pipe(n_process=N) workers: each worker's BLAS takes its share of the
cores (OpenBLAS otherwise starts a thread per core in every worker and n_process=2 ran slower
than one process), unless the environment chose the count. Nothing is timed: the tests read
the counts the workers set."""
import os
import subprocess
import sys

import pytest

from lexloom import blas
from lexloom.multiprocess import _cores_each

PROBE = r"""
import ctypes, json, os
import lexloom
from lexloom import blas
from lexloom.language import Language

@Language.component("threads_probe")
def threads_probe(doc):
    doc.user_data["threads"] = [os.getpid(), blas.threads()]
    return doc

nlp = lexloom.blank("en")
nlp.add_pipe("threads_probe")
seen = {tuple(d.user_data["threads"]) for d in nlp.pipe(["a b"] * 40, n_process=2, batch_size=4)}
print(json.dumps({"parent": [os.getpid(), blas.threads()], "workers": sorted(seen)}))
"""
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "GOTO_NUM_THREADS",
                    "LEXLOOM_BLAS_THREADS")


def run_probe(**env) -> dict:
    import json

    clean = {k: v for k, v in os.environ.items() if k not in THREAD_VARIABLES}
    run = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         env={**clean, **env}, timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_each_worker_gets_its_share_of_the_cores():
    assert _cores_each(1) == max(1, len(os.sched_getaffinity(0)))
    assert _cores_each(2) == max(1, len(os.sched_getaffinity(0)) // 2)
    assert _cores_each(10 ** 6) == 1


needs_local_threads = pytest.mark.skipif(
    not blas.threads_local_address,
    reason="this BLAS has no per-thread thread count (OpenBLAS < 0.3.27)")


@needs_local_threads
def test_workers_limit_their_blas_threads_and_the_parent_keeps_its_own():
    got = run_probe()
    pids = {pid for pid, _ in got["workers"]}
    assert len(pids) == 2 and got["parent"][0] not in pids
    assert {threads for _, threads in got["workers"]} == {_cores_each(2)}
    assert got["parent"][1] == 0                       # the parent's BLAS is untouched


@needs_local_threads
@pytest.mark.parametrize("variable,value,expected", [("OMP_NUM_THREADS", "1", 0),
                                                      ("OPENBLAS_NUM_THREADS", "2", 0),
                                                      ("LEXLOOM_BLAS_THREADS", "3", 3)])
def test_a_thread_count_chosen_in_the_environment_is_kept(variable, value, expected):
    got = run_probe(**{variable: value})
    assert {threads for _, threads in got["workers"]} == {expected}
