"""`import lexloom as spacy`: the top-level names, loaded lazily so the import stays light."""
import subprocess
import sys

import pytest

import lexloom


def test_import_does_not_load_thinc_or_the_pipeline():
    """blank("en") needs neither thinc nor the components, nor confection (an English
    Defaults has no config of its own to parse)."""
    code = ("import sys, lexloom; lexloom.blank('en')('a text'); "
            "print(any(m == 'thinc' or m.startswith('thinc.') for m in sys.modules), "
            "'lexloom.pipeline' in sys.modules, 'confection' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "False", "False"]


@pytest.mark.parametrize("name", ["util", "tokens", "vocab", "strings", "symbols", "attrs",
                                  "glossary", "errors", "compat", "lookups", "morphology",
                                  "parts_of_speech", "registrations", "git_info", "ty",
                                  "language", "matcher", "lexeme", "vectors", "about"])
def test_submodules_are_attributes(name):
    module = getattr(lexloom, name)
    assert module.__name__ == f"lexloom.{name}"
    assert name in dir(lexloom)


def test_top_level_names():
    from lexloom.language import Language
    from lexloom.vocab import Vocab

    assert lexloom.Language is Language and lexloom.Vocab is Vocab
    assert lexloom.Example.__name__ == "Example"
    assert lexloom.Errors.E087.startswith("[E087]")
    assert lexloom.explain("nsubj") == "nominal subject"
    assert callable(lexloom.populate_registry) and lexloom.registry.__name__ == "registry"
    assert lexloom.logger.name == "lexloom"
    assert lexloom.Config.__name__ == "Config"
    for name in ("blank", "load", "info", "prefer_gpu", "require_gpu", "require_cpu",
                 "setup_default_warnings"):
        assert callable(getattr(lexloom, name))
    assert set(lexloom.__all__) <= set(dir(lexloom))


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError):
        lexloom.no_such_name  # noqa: B018
    assert not hasattr(lexloom, "no_such_name")


def test_blank_takes_iso_codes_and_config():
    assert lexloom.blank("eng").lang == "en"
    nlp = lexloom.blank("en", config={"nlp.batch_size": 7})
    assert nlp.batch_size == 7
    vocab = lexloom.Vocab()
    assert lexloom.blank("en", vocab=vocab).vocab is vocab
    assert lexloom.blank("en", meta={"name": "x"}).meta["name"] == "x"


def test_info_url_needs_the_network():
    with pytest.raises(OSError):
        lexloom.info("en_core_web_sm", url=True)


def test_registry_is_the_class_even_after_importing_its_module():
    import lexloom.registry  # binds the submodule on the package
    from lexloom.registry import registry

    assert lexloom.registry is registry
    assert lexloom.registry.has("architectures", "spacy.Tok2Vec.v2")


def test_every_ml_module_imports_first_in_a_fresh_interpreter():
    """lexloom.ml loads its modules lazily (module __getattr__): `from . import X` inside a
    module that ml.models imports must not drag ml.models in half-way (importing
    lexloom.ml.hashembed first used to fail with a circular import)."""
    import pathlib
    import subprocess
    import sys

    import lexloom.ml

    folder = pathlib.Path(lexloom.ml.__file__).parent
    names = sorted(p.stem for p in folder.glob("*.py") if p.stem != "__init__")
    code = ("import sys, subprocess\n"
            "bad = [n for n in sys.argv[1:] if subprocess.run([sys.executable, '-c', "
            "'import lexloom.ml.' + n], capture_output=True).returncode]\n"
            "print(bad)")
    run = subprocess.run([sys.executable, "-c", code, *names], capture_output=True,
                         text=True, timeout=300)
    assert run.stdout.strip() == "[]", run.stdout + run.stderr


def test_require_gpu_without_a_gpu_is_a_value_error():
    """spaCy code falls back to the CPU with `except ValueError` around require_gpu."""
    if lexloom.prefer_gpu():
        lexloom.require_cpu()
        pytest.skip("a GPU is usable here")
    with pytest.raises(ValueError, match="require_gpu needs a CUDA GPU") as info:
        lexloom.require_gpu(0)
    assert isinstance(info.value, lexloom.errors.GPUError)
    assert isinstance(info.value, lexloom.LexloomError)
