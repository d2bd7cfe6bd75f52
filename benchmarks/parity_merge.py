"""Merge seed runs of `parity.py` from several places into one table: result JSONs (their
"runs") and --workdir folders (their finished `record_<system>_seed<N>.json`). A later source
replaces an earlier one's run of the same system and seed, so a re-run of one library can be
laid over stored runs of both. Prints parity.py's table and writes the merged JSON.

    python benchmarks/parity_merge.py --task ner --max-steps 5000 \\
        benchmarks/results/parity_ner_5000.json \\
        benchmarks/results/parity_ner_5000_after_fixes.json W1 W2 \\
        --json benchmarks/results/parity_ner_5000_12seeds_after_fixes.json
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from parity import SYSTEMS, print_table, summarize  # noqa: E402
from train_pipeline import TASKS  # noqa: E402


def runs_of(source: Path, systems: list[str], max_steps: int) -> dict[str, dict[int, list]]:
    """{system: {seed: records}} held by a result JSON or finished in a workdir."""
    found: dict[str, dict[int, list]] = {system: {} for system in systems}
    if source.is_dir():
        for done in source.glob("record_*_seed*.done"):
            match = re.fullmatch(r"record_(\w+)_seed(\d+)\.done", done.name)
            if match and match[1] in found:
                records = json.loads(done.with_suffix(".json").read_text())
                found[match[1]][int(match[2])] = records
    else:
        for system, seeds in json.loads(source.read_text())["runs"].items():
            if system in found:
                found[system].update({int(seed): records for seed, records in seeds.items()})
    return {system: {seed: [r for r in records if r["step"] <= max_steps]
                     for seed, records in seeds.items()} for system, seeds in found.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sources", type=Path, nargs="+", help="result JSONs and workdirs, in order")
    ap.add_argument("--task", choices=("tagger-parser", "ner"), default="tagger-parser")
    ap.add_argument("--max-steps", type=int, default=5000)
    ap.add_argument("--systems", default=",".join(SYSTEMS))
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    systems = [s for s in args.systems.split(",") if s]
    runs: dict[str, dict[int, list]] = {system: {} for system in systems}
    origin: dict[str, dict[int, str]] = {system: {} for system in systems}
    for source in args.sources:
        for system, seeds in runs_of(source, systems, args.max_steps).items():
            runs[system].update(seeds)
            origin[system].update({seed: str(source) for seed in seeds})
    keys = [k for k in TASKS[args.task][1] if k not in ("ents_p", "ents_r")]
    rows = summarize(runs, keys)
    print({system: sorted(seeds) for system, seeds in runs.items()})
    print_table(rows, keys, systems)
    met = sum(row[f"{k}_met"] for row in rows if row["step"] > 0 for k in keys)
    total = sum(1 for row in rows if row["step"] > 0 for k in keys)
    print(f"cells met: {met} of {total}")
    if args.json:
        args.json.write_text(json.dumps({
            "task": args.task, "max_steps": args.max_steps,
            "seeds": {system: sorted(seeds) for system, seeds in runs.items()},
            "summary": rows, "met": met, "cells": total,
            "runs_from": {system: {str(k): v for k, v in sorted(o.items())}
                          for system, o in origin.items()},
            "runs": {system: {str(k): v for k, v in sorted(seeds.items())}
                     for system, seeds in runs.items()},
            "command": " ".join(sys.argv)}, indent=1))
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
