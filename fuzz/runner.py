"""Run fuzz targets: `python -m fuzz TARGET|all [--seconds N] [--runs N] [--smoke]`.

Each target runs in a child process (fuzz/_child.py) under atheris/libFuzzer, which catches
the three kinds of finding:

- an exception the target doesn't allow (not a lexloom error, nor a builtin spaCy documents);
- a native crash (a signal: SIGSEGV, SIGABRT, ...);
- a hang: one input running past --timeout seconds (libFuzzer's per-input watchdog), or a
  child that outlives its time budget by a minute (killed here).

Every failing input is copied to tests/data/fuzz_corpus/TARGET/<sha1 of the input>, which
tests/test_fuzz_corpus.py replays in the normal test run. libFuzzer's evolving corpus is
kept in build/fuzz/TARGET/corpus (build/ is ignored), so later runs start where earlier ones
stopped. Counts come from libFuzzer's final stats (`stat::number_of_executed_units`).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "fuzz_corpus"
WORK = ROOT / "build" / "fuzz"
SPACY_SITE = "/work/spacy-venv/lib/python3.11/site-packages"


def target_names() -> list[str]:
    from fuzz.targets import TARGETS

    return list(TARGETS)


def run_target(name: str, *, seconds: int, runs: int = 0, timeout: int = 10,
               instrument: bool = True, spacy: bool = False, python: str = sys.executable,
               quiet: bool = False) -> dict:
    """Fuzz one target in a child process; the figures and findings as a dict."""
    label = "spacy_doc_bytes" if spacy else name
    work = WORK / label
    corpus, artifacts = work / "corpus", work / "artifacts"
    shutil.rmtree(artifacts, ignore_errors=True)
    for d in (corpus, artifacts):
        d.mkdir(parents=True, exist_ok=True)
    args = [python, str(ROOT / "fuzz" / "_child.py"), name, str(corpus),
            f"-max_total_time={seconds}", f"-timeout={timeout}",
            f"-artifact_prefix={artifacts}/", "-rss_limit_mb=4096", "-max_len=4096",
            "-print_final_stats=1", "-print_pcs=0"]
    if runs:
        args.append(f"-runs={runs}")
    env = dict(os.environ, LEXLOOM_FUZZ_SEED_DIR=str(corpus), OMP_NUM_THREADS="1",
               LEXLOOM_FUZZ_ARTIFACTS=str(artifacts),
               LEXLOOM_FUZZ_INSTRUMENT="1" if instrument else "0")
    if spacy:
        env["LEXLOOM_FUZZ_SPACY"] = "1"
        env["PYTHONPATH"] = SPACY_SITE
    log_path = work / "log.txt"
    start = time.monotonic()
    killed = False
    with log_path.open("wb") as log:
        proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env,
                                cwd=ROOT, start_new_session=True)
        try:
            proc.wait(timeout=seconds + 120)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            killed = True
    elapsed = time.monotonic() - start
    log_text = log_path.read_text("utf8", "replace")
    result = {"target": label, "inputs": _executed(log_text), "seconds": round(elapsed, 1),
              "fuzz_seconds": _fuzz_seconds(log_text), "instrumented": instrument,
              "exit_code": proc.returncode, "findings": []}
    fs = result["fuzz_seconds"] or elapsed
    result["inputs_per_s"] = round(result["inputs"] / fs, 1) if fs else 0.0
    for art in sorted(artifacts.iterdir()):
        if not instrument and not spacy and "-spliced-" not in art.name:
            # the target ran a seed file edited by these bytes: keep what it really read
            spliced = art.with_name(art.name.replace("-", "-spliced-", 1))
            subprocess.run([python, str(ROOT / "fuzz" / "_child.py"), "--splice", name,
                            str(art), str(spliced)], cwd=ROOT, env=env, check=True)
            art = spliced
        result["findings"].append(_file_finding(label, art, log_text))
    if killed:
        result["findings"].append({"kind": "hang (whole run killed)", "input": None,
                                   "summary": "the child outlived its time budget"})
    elif proc.returncode != 0 and not result["findings"]:
        result["findings"].append({"kind": f"exit {proc.returncode}", "input": None,
                                   "summary": _tail(log_text)})
    if not quiet:
        _print(result)
    return result


def _executed(log: str) -> int:
    m = re.search(r"stat::number_of_executed_units:\s*(\d+)", log)
    if m:
        return int(m.group(1))
    m = re.search(r"Done (\d+) runs", log)
    if m:
        return int(m.group(1))
    found = re.findall(r"^#(\d+)\s", log, re.M)
    return int(found[-1]) if found else 0


def _fuzz_seconds(log: str) -> float | None:
    m = re.search(r"Done \d+ runs in (\d+) second", log)
    return float(m.group(1)) if m else None


def _file_finding(label: str, art: Path, log: str) -> dict:
    data = art.read_bytes()
    prefix = art.name.split("-", 1)[0]
    if prefix == "timeout":
        kind = "hang"
    elif prefix == "oom":
        kind = "out of memory"
    elif "Uncaught Python exception" in log:
        kind = "exception"
    else:
        kind = "native crash"
    # spaCy's findings (--spacy) are kept for the comparison, not replayed against lexloom
    folder = WORK / label / "findings" if label.startswith("spacy_") else CORPUS / label
    dest = folder / hashlib.sha1(data).hexdigest()
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data)
    return {"kind": kind, "input": str(dest.relative_to(ROOT)), "summary": _summary(log)}


def _summary(log: str) -> str:
    m = re.search(r"=== Uncaught Python exception: ===\n(.*?)\n(?:Traceback[^\n]*\n)?", log, re.S)
    if m:
        lines = log[m.start():].splitlines()
        tb = [ln for ln in lines[1:40] if ln.strip()]
        where = [ln.strip() for ln in tb if ln.strip().startswith("File ")]
        return f"{lines[1][:300]} at {where[-1] if where else '?'}"
    for pat in (r"ERROR: libFuzzer: (.*)", r"==\d+== ?(ERROR.*)", r"(ALARM: .*)"):
        m = re.search(pat, log)
        if m:
            return m.group(1)[:300]
    return _tail(log)


def _tail(log: str) -> str:
    return " | ".join(log.strip().splitlines()[-5:])[-600:]


def _print(r: dict) -> None:
    status = "OK" if not r["findings"] else f"{len(r['findings'])} FINDING(S)"
    print(f"{r['target']:22s} {r['inputs']:>10,d} inputs  {r['seconds']:>7.1f} s  "
          f"{r['inputs_per_s']:>8.1f}/s  {status}", flush=True)
    for f in r["findings"]:
        print(f"    {f['kind']}: {f['input']}\n        {f['summary']}", flush=True)


def record(results: list[dict], path: Path, command: str) -> None:
    """Merge results into the JSON file: one entry per target, its latest run."""
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    WORK.mkdir(parents=True, exist_ok=True)
    with open(WORK / "results.lock", "w") as lock:   # campaigns may run side by side
        fcntl.flock(lock, fcntl.LOCK_EX)
        data = json.loads(path.read_text()) if path.exists() else {}
        data.setdefault("targets", {})
        for r in results:
            entry = dict(r, command=command,
                         date=time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime()))
            data["targets"][r["target"]] = entry
        path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m fuzz", description=__doc__.split("\n")[0])
    p.add_argument("target", help="a target name, 'all', or 'list'")
    p.add_argument("--seconds", type=int, default=None,
                   help="time per target (default 600; 10 with --smoke)")
    p.add_argument("--runs", type=int, default=0, help="stop after this many inputs")
    p.add_argument("--timeout", type=int, default=10, help="per-input hang limit (s)")
    p.add_argument("--smoke", action="store_true",
                   help="a short run of each target (10 s unless --seconds), fails on findings")
    p.add_argument("--no-instrument", action="store_true",
                   help="no coverage in lexloom's Python code (faster); libFuzzer's bytes "
                        "then edit the target's seed files (fuzz/splice.py)")
    p.add_argument("--spacy", action="store_true",
                   help="fuzz spaCy's Doc.from_bytes instead (needs /work/spacy-venv)")
    p.add_argument("--json", type=Path, default=None, help="merge the figures into this file")
    a = p.parse_args(argv)
    if a.target == "list":
        from fuzz.targets import TARGETS

        for t in TARGETS.values():
            print(f"{t.name:22s} {t.doc}")
        return 0
    seconds = a.seconds if a.seconds is not None else (10 if a.smoke else 600)
    names = ["doc_bytes"] if a.spacy else (target_names() if a.target == "all" else [a.target])
    results = [run_target(n, seconds=seconds, runs=a.runs, timeout=a.timeout,
                          instrument=not a.no_instrument, spacy=a.spacy) for n in names]
    if a.json:
        record(results, a.json, "python -m fuzz " + " ".join(argv or sys.argv[1:]))
    return 1 if any(r["findings"] for r in results) else 0
