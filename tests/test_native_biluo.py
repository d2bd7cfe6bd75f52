"""Build and run the C++ unit tests of the BILUO transition system (csrc/lexloom/biluo.*),
with no Python in the binary, as tests/test_native_core.py does for the rest of csrc/."""
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_cpp_biluo_unit_tests_pass(tmp_path):
    cxx = shutil.which("g++") or shutil.which("c++") or shutil.which("clang++")
    assert cxx, "a C++ compiler is needed to build the native core (it is needed for pip install too)"
    binary = tmp_path / "test_biluo"
    build = subprocess.run(
        [cxx, "-std=c++17", "-O1", "-Wall", "-Wextra", "-Werror", f"-I{ROOT / 'csrc'}",
         str(ROOT / "csrc" / "tests" / "test_biluo.cc"),
         str(ROOT / "csrc" / "lexloom" / "biluo.cc"), "-o", str(binary)],
        capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    run = subprocess.run([str(binary)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "all C++ biluo tests passed" in run.stdout
