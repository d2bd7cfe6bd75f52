"""pydantic schemas: validate() lists each problem with its location, token patterns are
checked, [initialize] settings are converted or rejected, and the default config passes."""
import pytest

from lexloom import schemas
from lexloom.attrs import ORTH


def test_valid_token_pattern_has_no_errors():
    pattern = [{"LOWER": "hello"}, {"IS_PUNCT": True, "OP": "?"},
               {"TEXT": {"REGEX": "^w"}}, {"LENGTH": {">=": 2}}, {"lower": {"IN": ["a", "b"]}},
               {"_": {"custom": 1}}, {"ENT_IOB": "B"}, {"OP": "{2,3}"}]
    assert schemas.validate_token_pattern(pattern) == []


def test_integer_attribute_keys_are_read_as_names():
    assert schemas.validate_token_pattern([{ORTH: "x"}]) == []


@pytest.mark.parametrize("pattern,location", [
    ([{"LOWER": 1}], "[pattern -> 0 -> LOWER"),
    ([{"FOO": "x"}], "[pattern -> 0 -> FOO] Extra inputs are not permitted"),
    ([{"LENGTH": {">=": "a"}}], "[pattern -> 0 -> LENGTH"),
    ([{"IS_ALPHA": "yes"}], "[pattern -> 0 -> IS_ALPHA]"),
    ([{"TEXT": None}], "[pattern -> 0 -> TEXT] Value error, None / null is not allowed"),
    ([{"OP": "{,}"}], "[pattern -> 0 -> OP"),
    ([{"ENT_IOB": "Q"}], "[pattern -> 0 -> ENT_IOB]"),
    ([], "[pattern] List should have at least 1 item"),
])
def test_bad_token_patterns_report_where(pattern, location):
    errors = schemas.validate_token_pattern(pattern)
    assert errors and any(e.startswith(location) for e in errors), errors


def test_validate_groups_messages_per_location():
    errors = schemas.validate(schemas.ModelMetaSchema, {"lang": "en", "name": 1})
    assert errors == ["[name] Input should be a valid string", "[version] Field required"]
    assert schemas.validate(schemas.ModelMetaSchema,
                            {"lang": "en", "name": "core", "version": "1.0.0"}) == []


def test_doc_json_and_recommendation_schemas():
    assert schemas.validate(schemas.DocJSONSchema,
                            {"text": "hi", "tokens": [{"id": 0, "start": 0, "end": 2}]}) == []
    assert schemas.validate(schemas.DocJSONSchema, {"tokens": []}) == ["[text] Field required"]
    errors = schemas.validate(schemas.RecommendationSchema,
                              {"transformer": {"efficiency": {"name": "x"}}})
    assert "[transformer -> efficiency -> size_factor] Field required" in errors
    assert "[transformer -> accuracy] Field required" in errors


def test_get_arg_model_mirrors_the_signature():
    def init(get_examples, nlp, labels: list, n: int = 3):
        pass

    model = schemas.get_arg_model(init, exclude=["get_examples", "nlp"])
    assert set(model.model_fields) == {"labels", "n"}
    assert model.model_fields["labels"].is_required()
    assert model.model_fields["n"].default == 3
    assert model.model_config["extra"] == "forbid"


def test_validate_init_settings_converts_and_rejects():
    from thinc.api import ConfigValidationError

    def initialize(get_examples, *, nlp=None, labels: list[str], n: int = 3):
        pass

    assert schemas.validate_init_settings(initialize, {"labels": ["A"], "n": "4"}) == {
        "labels": ["A"], "n": 4}
    with pytest.raises(ConfigValidationError) as info:
        schemas.validate_init_settings(initialize, {"n": "x", "extra": 1},
                                       section="components", name="ner")
    text = str(info.value)
    assert "[initialize.components]" in text and "labels" in text and "extra" in text


def test_default_config_blocks_pass_their_schemas():
    import lexloom
    import lexloom.builtins  # noqa: F401 (registers the [nlp] block's functions)
    from lexloom.registry import registry

    nlp = lexloom.blank("en")
    config = nlp.config.interpolate()
    assert set(schemas.CONFIG_SCHEMAS) == {"nlp", "training", "pretraining", "initialize"}
    nlp_block = registry.resolve({"nlp": {k: v for k, v in config["nlp"].items()}},
                                 validate=False)["nlp"]
    assert schemas.validate(schemas.ConfigSchemaNlp, nlp_block) == []
    assert "[lang] Field required" in schemas.validate(schemas.ConfigSchemaNlp, {})


def test_pretraining_may_be_empty_but_not_partial():
    assert schemas.validate(schemas.ConfigSchemaPretrainEmpty, {}) == []
    errors = schemas.validate(schemas.ConfigSchemaPretrain, {"max_epochs": 1})
    assert "[dropout] Field required" in errors
