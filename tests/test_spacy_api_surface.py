"""spaCy 3.8's public API, name by name: every public name of its modules exists under the
same path in lexloom and accepts spaCy's parameters. The table (tests/data/
spacy_api_surface.json) was written from spaCy itself by `benchmarks/api_coverage.py
--write-surface`, so this runs without spaCy; what each name does is tested in the test
module of its library module."""
import importlib
import inspect
import json
from pathlib import Path

import pytest

SURFACE = json.loads((Path(__file__).parent / "data" / "spacy_api_surface.json").read_text())

# Where lexloom's signature differs on purpose, and why.
KNOWN_DIFFERENCES = {
    ("spacy.training.initialize", "init_tok2vec"):
        "lexloom's takes the whole config (its [pretraining] and [initialize] blocks) rather "
        "than the two blocks",
}

CASES = [(module, name, params) for module, names in sorted(SURFACE.items())
         for name, params in sorted(names.items())]


def _accepts(signature: inspect.Signature, name: str) -> bool:
    params = signature.parameters
    if name in params:
        return True
    return any(p.kind == p.VAR_KEYWORD for p in params.values())


@pytest.mark.parametrize("module,name,params", CASES, ids=[f"{m}.{n}" for m, n, _ in CASES])
def test_spacy_name_exists_and_takes_spacys_parameters(module, name, params):
    lexloom_module = importlib.import_module("lexloom" + module[len("spacy"):])
    assert hasattr(lexloom_module, name), f"lexloom{module[5:]} lacks {name}"
    if params is None or (module, name) in KNOWN_DIFFERENCES:
        return
    value = getattr(lexloom_module, name)
    try:
        signature = inspect.signature(value)
    except (TypeError, ValueError):  # a Cython callable without a signature
        return
    missing = [p for p in params if not _accepts(signature, p)]
    assert not missing, f"lexloom{module[5:]}.{name} doesn't take {missing}"


def test_the_table_covers_spacys_modules():
    assert len(SURFACE) >= 69 and sum(len(v) for v in SURFACE.values()) >= 1300


# Names spaCy's modules import from elsewhere and code imports from them (the table lists
# the names each module defines).
REEXPORTED = [("spacy.language", "analyze_pipes"), ("spacy.language", "print_pipe_analysis"),
              ("spacy.language", "validate_attrs"),
              ("spacy.cli.init_pipeline", "init_vectors_cli"),
              ("spacy.cli.init_pipeline", "init_cli")]


@pytest.mark.parametrize("module,name", REEXPORTED)
def test_names_spacys_modules_reexport(module, name):
    assert hasattr(importlib.import_module("lexloom" + module[len("spacy"):]), name)


def test_spacy_ml_extract_functions_are_functions_not_modules():
    """spacy.ml's `from .models import *` makes spacy.ml.extract_ngrams the function:
    `from spacy.ml import extract_ngrams; extract_ngrams(2)` is a model."""
    import lexloom.ml
    from lexloom.ml import extract_ngrams, extract_spans

    assert callable(extract_ngrams) and callable(extract_spans)
    assert extract_ngrams(2).name == "extract_ngrams" and extract_spans().name == "extract_spans"
    assert lexloom.ml.extract_ngrams is extract_ngrams
