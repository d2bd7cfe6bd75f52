"""Run a snippet in a fresh interpreter, so a crash (segfault) in native code fails one test
instead of killing the whole pytest process."""
from __future__ import annotations

import subprocess
import sys
import textwrap


def run_isolated(code: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run `code` with `python -c`; the result's returncode is negative for a signal (-11 is
    SIGSEGV). The snippet signals success by exiting 0, i.e. by not raising."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=timeout)


def assert_runs_cleanly(code: str) -> None:
    proc = run_isolated(code)
    assert proc.returncode == 0, (
        f"snippet exited with {proc.returncode} (negative = killed by signal, -11 = segfault)\n"
        f"--- stdout ---\n{proc.stdout[-2000:]}\n--- stderr ---\n{proc.stderr[-2000:]}")
