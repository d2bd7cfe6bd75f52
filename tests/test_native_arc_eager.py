"""Build and run the C++ unit tests of the arc-eager transition system (no Python in the binary)."""
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_cpp_arc_eager_unit_tests_pass(tmp_path):
    cxx = shutil.which("g++") or shutil.which("c++") or shutil.which("clang++")
    assert cxx, "a C++ compiler is needed to build the native core (it is needed for pip install too)"
    sources = [str(ROOT / "csrc" / "lexloom" / name) for name in ("arc_eager.cc", "token_array.cc")]
    binary = tmp_path / "test_arc_eager"
    build = subprocess.run(
        [cxx, "-std=c++17", "-O1", "-Wall", "-Wextra", "-Werror", f"-I{ROOT / 'csrc'}",
         str(ROOT / "csrc" / "tests" / "test_arc_eager.cc"), *sources, "-o", str(binary)],
        capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    run = subprocess.run([str(binary)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "all C++ arc-eager tests passed" in run.stdout
