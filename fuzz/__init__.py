"""Fuzzing lexloom with atheris (the `fuzz` extra): `python -m fuzz TARGET --seconds N`.

targets.py holds the targets, runner.py runs one in a child process (_child.py) and files
every failing input under tests/data/fuzz_corpus/TARGET/, which the normal test run replays
(tests/test_fuzz_corpus.py).
"""
