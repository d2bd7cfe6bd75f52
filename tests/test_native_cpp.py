"""Build and run the C++ unit test binaries of csrc/ (no Python in them): one compiler call
and one run per binary, with warnings as errors."""
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "csrc" / "lexloom"

# (test source in csrc/tests, the csrc/lexloom sources it links, the name in its result line)
BINARIES = [
    ("test_core.cc", sorted(p.name for p in CORE.glob("*.cc")), "core"),
    ("test_hashembed.cc", ["hashembed.cc"], "hashembed"),
    ("test_arc_eager.cc", ["arc_eager.cc", "token_array.cc"], "arc-eager"),
    ("test_biluo.cc", ["biluo.cc"], "biluo"),
    ("test_wp_align.cc", ["wp_align.cc", "ragged_reduce.cc"], "wp-align"),
    ("test_vectors.cc", ["vectors.cc", "vectors_reader.cc"], "vectors"),
    ("test_retokenize.cc", ["retokenize.cc", "sentencizer.cc", "token_array.cc", "strings.cc"],
     "retokenize"),
    ("test_token_rules.cc", ["token_rules.cc"], "token-rules"),
    ("test_phrase_dep.cc", ["phrase_matcher.cc", "dep_match.cc"], "phrase-dep"),
    ("test_edit_trees.cc", ["edit_trees.cc", "strings.cc"], "edit-trees"),
    ("test_gemm.cc", ["gemm.cc"], "gemm"),
    ("test_attention.cc", ["attention.cc"], "attention"),
    ("test_state_layer.cc", ["state_layer.cc"], "state-layer"),
]


@pytest.mark.parametrize("test_source,sources,what", BINARIES, ids=[b[2] for b in BINARIES])
def test_cpp_unit_tests_pass(tmp_path, test_source, sources, what):
    cxx = shutil.which("g++") or shutil.which("c++") or shutil.which("clang++")
    assert cxx, "a C++ compiler is needed to build the native core (it is needed for pip install too)"
    binary = tmp_path / test_source.replace(".cc", "")
    build = subprocess.run(
        [cxx, "-std=c++17", "-O1", "-Wall", "-Wextra", "-Werror", f"-I{ROOT / 'csrc'}",
         str(ROOT / "csrc" / "tests" / test_source), *(str(CORE / s) for s in sources),
         "-o", str(binary)],
        capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    run = subprocess.run([str(binary)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert f"all C++ {what} tests passed" in run.stdout
