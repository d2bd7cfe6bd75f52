"""spaCy 3.8's own test suite run against lexloom: how much of spaCy's tested behaviour holds
when `import spacy` gives lexloom (the import shim in benchmarks/examples/_lexloom_as_spacy).

    python benchmarks/spacy_test_suite.py [--spacy-site-packages /work/spacy-venv/lib/python3.11/site-packages]
        [--workdir /tmp/lexloom_spacy_tests] [--only doc,matcher,...] [--slow]
        [--json benchmarks/results/spacy_test_suite.json]

spaCy's wheel ships its tests (spacy/tests). They are copied to --workdir as a top-level
package `sptests` (so that `spacy.tests.util` does not resolve into lexloom), and pytest runs
them with the shim first on PYTHONPATH, in lexloom's interpreter. Tests that need `mock`
get it from --workdir/deps (installed there from the package index when missing). spaCy
itself is only read, never imported. Prints pytest's summary and the files with the most
failures, and writes the counts as JSON. Failing tests are places to look, not verdicts:
some check spaCy internals (private modules, exact E### texts) on purpose.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHIM = HERE / "examples" / "_lexloom_as_spacy"
PYTEST_INI = "[pytest]\nmarkers =\n    slow\n    issue\n    skip_if_not_installed\n"


def copy_tests(site_packages: Path, workdir: Path) -> Path:
    """spaCy's tests as the package workdir/sptests, `spacy.tests` renamed."""
    source = site_packages / "spacy" / "tests"
    if not source.is_dir():
        sys.exit(f"No spaCy tests at {source}: pass --spacy-site-packages.")
    target = workdir / "sptests"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
    for path in target.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "spacy.tests" in text:
            path.write_text(text.replace("spacy.tests", "sptests"), encoding="utf-8")
    (workdir / "pytest.ini").write_text(PYTEST_INI, encoding="utf-8")
    return target


def ensure_mock(deps: Path) -> None:
    try:
        import mock  # noqa: F401
        return
    except ImportError:
        pass
    if not (deps / "mock").exists():
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--target", str(deps),
                        "mock"], check=False)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--spacy-site-packages", type=Path,
                    default=Path("/work/spacy-venv/lib/python3.11/site-packages"))
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/lexloom_spacy_tests"))
    ap.add_argument("--only", default="", help="comma-separated paths under spacy/tests")
    ap.add_argument("--json", type=Path, default=HERE / "results" / "spacy_test_suite.json")
    ap.add_argument("--slow", action="store_true",
                    help="also run the tests spaCy marks slow (its conftest's --slow)")
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    copy_tests(args.spacy_site_packages, args.workdir)
    deps = args.workdir / "deps"
    ensure_mock(deps)
    targets = [f"sptests/{p}" for p in args.only.split(",") if p] or ["sptests"]
    env = dict(os.environ, COLUMNS="400", OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "1"),
               PYTHONPATH=os.pathsep.join([str(SHIM), str(args.workdir), str(deps)]))
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--tb=no", "-rfE",
           "--continue-on-collection-errors", *(["--slow"] if args.slow else []), *targets]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=args.workdir, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    lines = proc.stdout.splitlines()
    summary = next((line for line in reversed(lines) if re.search(r"\d+ (passed|failed)", line)),
                   "")
    counts = {key: int(n) for n, key in re.findall(
        r"(\d+) (passed|failed|skipped|errors?|xfailed|xpassed)", summary)}
    failing = Counter(re.sub(r"::.*", "", line.split(" ", 2)[1]) for line in lines
                      if line.startswith(("FAILED ", "ERROR ")))
    print(summary)
    for path, n in failing.most_common(25):
        print(f"{n:5d}  {path}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({
        "command": " ".join([Path(sys.executable).name, *sys.argv]), "seconds": round(seconds),
        "summary": summary, "counts": counts, "failing_by_file": dict(failing.most_common()),
        "failing_tests": [line[:300] for line in lines if line.startswith(("FAILED ", "ERROR "))],
    }, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
