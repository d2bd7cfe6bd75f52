"""Build and run the C++ unit tests of csrc/ (no Python involved in the binary)."""
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_cpp_core_unit_tests_pass(tmp_path):
    cxx = shutil.which("g++") or shutil.which("c++") or shutil.which("clang++")
    assert cxx, "a C++ compiler is needed to build the native core (it is needed for pip install too)"
    sources = [str(p) for p in sorted((ROOT / "csrc" / "lexloom").glob("*.cc"))]
    binary = tmp_path / "test_core"
    build = subprocess.run(
        [cxx, "-std=c++17", "-O1", "-Wall", "-Werror", f"-I{ROOT / 'csrc'}",
         str(ROOT / "csrc" / "tests" / "test_core.cc"), *sources, "-o", str(binary)],
        capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    run = subprocess.run([str(binary)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "all C++ core tests passed" in run.stdout
