"""lexloom.errors: spaCy's coded catalogues and exception classes that subclass the builtins
spaCy raises."""
import warnings

import pytest
from lexloom.errors import Errors, ErrorsWithCodes, Warnings, filter_warning

from lexloom import errors


def test_codes_read_with_their_prefix_and_format_fields():
    assert Errors.E087.format(style="x").startswith("[E087] ")
    assert "'x'" in Errors.E087.format(style="x")
    assert Errors.E018.format(hash_value=5).startswith("[E018]")
    assert Warnings.W036.format(name="matcher").startswith("[W036]")
    assert type(Errors) is ErrorsWithCodes and Errors.__name__ == "Errors"


def test_spacy_codes_exist():
    for code in ("E001", "E002", "E030", "E050", "E088", "E109", "E892", "E893", "E941",
                 "E1041", "E1057"):
        assert getattr(Errors, code).startswith(f"[{code}]")
    for code in ("W005", "W006", "W007", "W036", "W108", "W118", "W127"):
        assert getattr(Warnings, code).startswith(f"[{code}]")
    assert errors.OLD_MODEL_SHORTCUTS["en"] == "en_core_web_sm"


def test_filter_warning_by_code():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        filter_warning("ignore", "[W036]")
        warnings.warn(Warnings.W036.format(name="x"))
        warnings.warn("something else")
    assert [str(w.message) for w in caught] == ["something else"]
    errors.setup_default_warnings()


@pytest.mark.parametrize("cls, builtin", [
    (errors.ExtensionError, AttributeError),
    (errors.UnknownLanguageError, ImportError),
    (errors.LookupsKeyError, KeyError),
    (errors.VectorsKeyError, KeyError),
    (errors.MatchKeyError, KeyError),
    (errors.PipelineNotFoundError, OSError),
    (errors.MissingPipelineFileError, FileNotFoundError),
    (errors.ConfigSectionError, KeyError),
    (errors.FrozenCollectionError, NotImplementedError),
    (errors.CommandNotFoundError, FileNotFoundError),
    (errors.PipelineError, ValueError),
    (errors.ConfigError, ValueError),
    (errors.RetokenizeIndexError, IndexError),
    (errors.TransformerNotFoundError, OSError),
    (errors.TransformerNotFoundError, ValueError),
])
def test_error_classes_subclass_spacys_builtins(cls, builtin):
    assert issubclass(cls, builtin) and issubclass(cls, errors.LexloomError)


def test_registry_name_error_is_a_catalogue_error():
    import catalogue

    assert issubclass(errors.RegistryNameError, catalogue.RegistryError)
    assert errors.RegistryNameError.__qualname__ == "RegistryNameError"


def test_unregistered_names_in_a_config_are_catalogue_errors():
    """spaCy raises catalogue.RegistryError (E893) for an unknown @architectures or
    @span_getters name; lexloom's error is that and a ConfigError naming the block."""
    import catalogue

    import lexloom

    nlp = lexloom.blank("en")
    with pytest.raises(catalogue.RegistryError, match=r"E893.*components.tagger.model") as info:
        nlp.add_pipe("tagger", config={"model": {"@architectures": "nope.v1"}})
    assert isinstance(info.value, errors.ConfigError)
    with pytest.raises(catalogue.RegistryError, match="no registry called 'nope'"):
        nlp.add_pipe("tagger", config={"model": {"@nope": "x.v1"}})
    assert issubclass(errors.InitRegistryError, errors.ConfigRegistryError)


def test_wrong_types_are_type_errors_as_in_spacy():
    from lexloom.strings import StringStore

    import lexloom

    with pytest.raises(TypeError):
        StringStore().add(5)
    with pytest.raises(TypeError):
        lexloom.blank("en")(b"bytes")
    with pytest.raises(KeyError):
        StringStore()[12345]
