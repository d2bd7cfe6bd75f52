"""The git commit lexloom was built from ("" when not built from a git checkout)."""
from __future__ import annotations

import subprocess
from pathlib import Path


def _git_version() -> str:
    root = Path(__file__).resolve().parents[2]
    if not (root / ".git").exists():
        return ""
    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


GIT_VERSION: str = _git_version()
