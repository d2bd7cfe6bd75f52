"""A long fuzzing campaign: targets one after another until each has run N inputs or a
deadline passes, the figures merged into benchmarks/results/fuzz.json after each.

    nice -n 15 .venv/bin/python -m fuzz.campaign --until 05:15 --runs 1000000 T1 T2 ...
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys

from .runner import ROOT, record, run_target


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m fuzz.campaign")
    p.add_argument("targets", nargs="+")
    p.add_argument("--until", required=True, help="UTC time HH:MM to stop by")
    p.add_argument("--runs", type=int, default=1_000_000)
    p.add_argument("--max-seconds", type=int, default=3600, help="cap per target")
    p.add_argument("--no-instrument", action="store_true")
    a = p.parse_args(argv)
    now = dt.datetime.now(dt.timezone.utc)
    hh, mm = (int(x) for x in a.until.split(":"))
    deadline = now.replace(hour=hh, minute=mm, second=0, microsecond=0)
    out = ROOT / "benchmarks" / "results" / "fuzz.json"
    failed = False
    for name in a.targets:
        left = int((deadline - dt.datetime.now(dt.timezone.utc)).total_seconds()) - 30
        if left < 60:
            break
        r = run_target(name, seconds=min(left, a.max_seconds), runs=a.runs,
                       instrument=not a.no_instrument)
        cmd = (f"nice -n 15 .venv/bin/python -m fuzz {name} --runs {a.runs} "
               f"--seconds {min(left, a.max_seconds)}"
               + (" --no-instrument" if a.no_instrument else ""))
        record([r], out, cmd)
        failed |= bool(r["findings"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
