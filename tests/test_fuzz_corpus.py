"""Every input that ever made a fuzz target fail (fuzz/, `python -m fuzz TARGET`), replayed:
each must now run clean or raise only what its target allows (lexloom's errors, or the
builtin spaCy documents for that API). The inputs live in tests/data/fuzz_corpus/TARGET/,
named by their SHA-1; the fuzz runner adds each new finding there."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "data" / "fuzz_corpus"
sys.path.insert(0, str(ROOT))

from fuzz.targets import TARGETS  # noqa: E402

CASES = sorted((d.name, f) for d in CORPUS.iterdir() if d.is_dir() for f in d.iterdir()
               if f.is_file()) if CORPUS.is_dir() else []
_STATES: dict[str, object] = {}


def _state(name: str):
    if name not in _STATES:
        _STATES[name] = TARGETS[name].setup()
    return _STATES[name]


def test_corpus_folders_name_targets():
    assert CASES, "the fuzz corpus is empty"
    assert {name for name, _ in CASES} <= set(TARGETS)


@pytest.mark.parametrize("name,path", CASES, ids=[f"{n}/{p.name[:10]}" for n, p in CASES])
def test_fuzz_finding_stays_fixed(name: str, path: Path):
    target = TARGETS[name]
    try:
        target.run(_state(name), path.read_bytes())
    except target.allowed():
        pass


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_fuzz_seeds_run_clean(name: str):
    """The valid inputs each target starts from load without any error."""
    target = TARGETS[name]
    state = _state(name)
    for seed in target.seeds(state):
        try:
            target.run(state, seed)
        except target.allowed() as e:
            if name not in _SEEDS_MAY_FAIL:
                raise AssertionError(f"{name}: a seed input raised {e!r}") from e


# Seeds meant to exercise error paths (a bad {3,1} operator, a non-tree...).
_SEEDS_MAY_FAIL = {"matcher", "dependency_matcher", "phrase_matcher", "init_vectors_text"}


def test_splice_edits_a_seed_deterministically():
    from fuzz.splice import splice

    seeds = [b"0123456789", b"abcdef"]
    assert splice(seeds, b"\x00\x00\x02\x00XY") == b"01XY456789"        # overwrite at 2
    assert splice(seeds, b"\x01\x01\x02\x00XY") == b"abXYcdef"          # insert at 2
    assert splice(seeds, b"\x00\x02\x03\x00Z") == b"012Z"               # truncate + append
    assert splice(seeds, b"\x00\x03\x00\x00\x01") == b"1123456789"      # XOR at 0
    assert splice(seeds, b"\x00\x04\x00\x00raw") == b"\x00\x04\x00\x00raw"  # as it is
    assert splice(seeds, b"ab") == b"ab" and splice([], b"abcdef") == b"abcdef"
    data = bytes(range(40))
    assert splice(seeds, data) == splice(seeds, data)
