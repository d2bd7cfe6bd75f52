"""pydantic schemas for what users write by hand: config blocks, [initialize] settings,
Matcher token patterns, meta.json, Doc JSON (spaCy's `spacy.schemas`, same names and
fields, so `validate(schema, obj)` reports the same problems).

Imports pydantic and thinc, so it is loaded only when used (`import lexloom` doesn't).
"""
import inspect
import sys
from collections import defaultdict
from enum import Enum
# typing's Callable (not collections.abc's): it turns "Language" into a ForwardRef that
# pydantic leaves unresolved inside a Callable, so the schemas build without importing it
from typing import (  # noqa: UP035 (see above)
    TYPE_CHECKING,
    Any,
    Callable,
    Iterable,
    Literal,
    Optional,
    Type,
    TypeVar,
    Union,
)

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
    constr,
    create_model,
    field_validator,
)
from thinc.api import ConfigValidationError, Model, Optimizer
from thinc.config import Promise

from .attrs import IDS, NAMES  # noqa: F401 (NAMES: spaCy's module offers it too)
from .lookups import Lookups

if TYPE_CHECKING:
    from .language import Language  # noqa: F401
    from .training import Example  # noqa: F401
    from .vocab import Vocab  # noqa: F401

# Registered-function values: the function itself or, before resolving, its Promise.
ItemT = TypeVar("ItemT")
Batcher = Union[Callable[[Iterable[ItemT]], Iterable[list[ItemT]]], Promise]
Reader = Union[Callable[["Language", str], Iterable["Example"]], Promise]
Logger = Union[Callable[["Language"], tuple[Callable[[dict[str, Any]], None], Callable]],
               Promise]


def validate(schema: type[BaseModel], obj: dict[str, Any]) -> list[str]:
    """The problems `obj` has against `schema`, one string per location:
    "[pattern -> 0 -> LENGTH] Input should be a valid integer"; [] when it is valid."""
    try:
        schema(**obj)
        return []
    except ValidationError as e:
        by_location: dict[str, list[str]] = defaultdict(list)
        for error in e.errors():
            location = " -> ".join(str(part) for part in error.get("loc", []))
            by_location[location].append(error.get("msg"))
        return [f"[{loc}] {', '.join(msgs)}" for loc, msgs in by_location.items()]


# ---- function arguments ([initialize] settings) --------------------------------------------

ArgSchemaConfig = ConfigDict(extra="forbid", arbitrary_types_allowed=True)
ArgSchemaConfigExtra = ConfigDict(extra="forbid", arbitrary_types_allowed=True)


def _is_cython_func(func: Callable) -> bool:
    """Cython functions (and methods of cdef classes) report a missing default as empty."""
    if hasattr(func, "__pyx_vtable__"):
        return True
    module = sys.modules.get(getattr(func, "__module__", None) or "")
    qualname = getattr(func, "__qualname__", "")
    if module is None or not qualname:
        return False
    owner = vars(module).get(qualname.split(".")[0])
    return hasattr(owner, "__pyx_vtable__")


def get_arg_model(func: Callable, *, exclude: Iterable[str] = (), name: str = "ArgModel",
                  strict: bool = True) -> type[BaseModel]:
    """A pydantic model of `func`'s parameters (annotation and default each; no default
    means required), leaving out `exclude`. Extra keys are forbidden when strict and the
    function takes no **kwargs."""
    try:
        signature = inspect.signature(func)
    except ValueError:   # a Cython function without binding=True: accept anything
        return create_model(name, __config__=ArgSchemaConfigExtra)
    fields: dict[str, Any] = {}
    takes_kwargs = False
    required = None if _is_cython_func(func) else ...
    for param in signature.parameters.values():
        if param.name in exclude:
            continue
        if param.kind == param.VAR_KEYWORD:
            takes_kwargs = True
            continue
        annotation = param.annotation if param.annotation is not param.empty else Any
        default = param.default if param.default is not param.empty else required
        fields[param.name] = (annotation, default)
    config = ArgSchemaConfig if strict and not takes_kwargs else ArgSchemaConfigExtra
    return create_model(name, __config__=config, **fields)


def validate_init_settings(func: Callable, settings: dict[str, Any], *,
                           section: str | None = None, name: str = "",
                           exclude: Iterable[str] = ("get_examples", "nlp")) -> dict[str, Any]:
    """`settings` (an [initialize.components.x] block, say) checked against `func`'s
    signature and converted where pydantic can (e.g. "1" -> 1 for an int). Raises thinc's
    ConfigValidationError naming the block when a type is wrong or a value is missing."""
    schema = get_arg_model(func, exclude=exclude, name="InitArgModel")
    try:
        return schema.model_validate(settings).model_dump()
    except ValidationError as e:
        block = f"initialize.{section}" if section else "initialize"
        raise ConfigValidationError(title=f"Error validating initialization settings in "
                                          f"[{block}]", errors=e.errors(), config=settings,
                                    parent=name) from None


# ---- Matcher token patterns ------------------------------------------------------------------


def validate_token_pattern(obj: list) -> list[str]:
    """The problems of a Matcher pattern (a list of token dicts); integer attribute keys
    ({ORTH: "x"}) are read as their names first."""
    names = {attr_id: attr_name for attr_name, attr_id in IDS.items()}
    if isinstance(obj, list):
        obj = [{names.get(k, k) if isinstance(k, int) else k: v for k, v in token.items()}
               if isinstance(token, dict) else token for token in obj]
    return validate(TokenPatternSchema, {"pattern": obj})


def _no_none(value: Any) -> Any:
    if value is None:
        raise ValueError("None / null is not allowed")
    return value


_StringPredicate = Optional[Union[StrictStr, "TokenPatternString"]]


class TokenPatternString(BaseModel):
    """A string attribute's predicates: {"REGEX": ...}, {"IN": [...]}, {"FUZZY": ...}..."""

    REGEX: _StringPredicate = Field(None, alias="regex")
    IN: Optional[list[StrictStr]] = Field(None, alias="in")
    NOT_IN: Optional[list[StrictStr]] = Field(None, alias="not_in")
    IS_SUBSET: Optional[list[StrictStr]] = Field(None, alias="is_subset")
    IS_SUPERSET: Optional[list[StrictStr]] = Field(None, alias="is_superset")
    INTERSECTS: Optional[list[StrictStr]] = Field(None, alias="intersects")
    FUZZY: _StringPredicate = Field(None, alias="fuzzy")
    FUZZY1: _StringPredicate = Field(None, alias="fuzzy1")
    FUZZY2: _StringPredicate = Field(None, alias="fuzzy2")
    FUZZY3: _StringPredicate = Field(None, alias="fuzzy3")
    FUZZY4: _StringPredicate = Field(None, alias="fuzzy4")
    FUZZY5: _StringPredicate = Field(None, alias="fuzzy5")
    FUZZY6: _StringPredicate = Field(None, alias="fuzzy6")
    FUZZY7: _StringPredicate = Field(None, alias="fuzzy7")
    FUZZY8: _StringPredicate = Field(None, alias="fuzzy8")
    FUZZY9: _StringPredicate = Field(None, alias="fuzzy9")

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @field_validator("*", mode="before")
    @classmethod
    def raise_for_none(cls, v):
        return _no_none(v)


class TokenPatternNumber(BaseModel):
    """A numeric attribute's predicates: comparisons ("==", ">=", ...) and set tests."""

    REGEX: Optional[StrictStr] = Field(None, alias="regex")
    IN: Optional[list[StrictInt]] = Field(None, alias="in")
    NOT_IN: Optional[list[StrictInt]] = Field(None, alias="not_in")
    IS_SUBSET: Optional[list[StrictInt]] = Field(None, alias="is_subset")
    IS_SUPERSET: Optional[list[StrictInt]] = Field(None, alias="is_superset")
    INTERSECTS: Optional[list[StrictInt]] = Field(None, alias="intersects")
    EQ: Optional[Union[StrictInt, StrictFloat]] = Field(None, alias="==")
    NEQ: Optional[Union[StrictInt, StrictFloat]] = Field(None, alias="!=")
    GEQ: Optional[Union[StrictInt, StrictFloat]] = Field(None, alias=">=")
    LEQ: Optional[Union[StrictInt, StrictFloat]] = Field(None, alias="<=")
    GT: Optional[Union[StrictInt, StrictFloat]] = Field(None, alias=">")
    LT: Optional[Union[StrictInt, StrictFloat]] = Field(None, alias="<")

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @field_validator("*", mode="before")
    @classmethod
    def raise_for_none(cls, v):
        return _no_none(v)


class TokenPatternOperatorSimple(str, Enum):
    plus = "+"
    star = "*"
    question = "?"
    exclamation = "!"


TokenPatternOperatorMinMax = constr(pattern=r"^(\{\d+\}|\{\d+,\d*\}|\{\d*,\d+\})$")
TokenPatternOperator = Union[TokenPatternOperatorSimple, TokenPatternOperatorMinMax]
StringValue = Union[TokenPatternString, StrictStr]
NumberValue = Union[TokenPatternNumber, StrictInt, StrictFloat]
UnderscoreValue = Union[TokenPatternString, TokenPatternNumber, str, int, float, list, bool]
IobValue = Literal["", "I", "O", "B", 0, 1, 2, 3]


class TokenPattern(BaseModel):
    """One token of a Matcher pattern; keys are attribute names in any case ("LOWER")."""

    orth: Optional[StringValue] = None
    text: Optional[StringValue] = None
    lower: Optional[StringValue] = None
    pos: Optional[StringValue] = None
    tag: Optional[StringValue] = None
    morph: Optional[StringValue] = None
    dep: Optional[StringValue] = None
    lemma: Optional[StringValue] = None
    shape: Optional[StringValue] = None
    ent_type: Optional[StringValue] = None
    ent_iob: Optional[IobValue] = None
    ent_id: Optional[StringValue] = None
    ent_kb_id: Optional[StringValue] = None
    norm: Optional[StringValue] = None
    length: Optional[NumberValue] = None
    spacy: Optional[StrictBool] = None
    is_alpha: Optional[StrictBool] = None
    is_ascii: Optional[StrictBool] = None
    is_digit: Optional[StrictBool] = None
    is_lower: Optional[StrictBool] = None
    is_upper: Optional[StrictBool] = None
    is_title: Optional[StrictBool] = None
    is_punct: Optional[StrictBool] = None
    is_space: Optional[StrictBool] = None
    is_bracket: Optional[StrictBool] = None
    is_quote: Optional[StrictBool] = None
    is_left_punct: Optional[StrictBool] = None
    is_right_punct: Optional[StrictBool] = None
    is_currency: Optional[StrictBool] = None
    is_stop: Optional[StrictBool] = None
    is_sent_start: Optional[StrictBool] = None
    sent_start: Optional[StrictBool] = None
    like_num: Optional[StrictBool] = None
    like_url: Optional[StrictBool] = None
    like_email: Optional[StrictBool] = None
    op: Optional[TokenPatternOperator] = None
    underscore: Optional[dict[StrictStr, UnderscoreValue]] = Field(None, alias="_")

    model_config = ConfigDict(extra="forbid", populate_by_name=True,
                              alias_generator=lambda value: value.upper())

    @field_validator("*", mode="before")
    @classmethod
    def raise_for_none(cls, v):
        return _no_none(v)


class TokenPatternSchema(BaseModel):
    pattern: list[TokenPattern] = Field(..., min_length=1)

    model_config = ConfigDict(extra="forbid")


# ---- meta.json ---------------------------------------------------------------------------


class ModelMetaSchema(BaseModel):
    lang: StrictStr = Field(..., title="Two-letter language code, e.g. 'en'")
    name: StrictStr = Field(..., title="Model name")
    version: StrictStr = Field(..., title="Model version")
    spacy_version: StrictStr = Field("", title="Compatible spaCy version identifier")
    parent_package: StrictStr = Field("spacy", title="Name of parent spaCy package, e.g. "
                                                     "spacy or spacy-nightly")
    requirements: list[StrictStr] = Field([], title="Additional Python package dependencies, "
                                                    "used for the Python package setup")
    pipeline: list[StrictStr] = Field([], title="Names of pipeline components")
    description: StrictStr = Field("", title="Model description")
    license: StrictStr = Field("", title="Model license")
    author: StrictStr = Field("", title="Model author name")
    email: StrictStr = Field("", title="Model author email")
    url: StrictStr = Field("", title="Model author URL")
    sources: Optional[Union[list[StrictStr], list[dict[str, str]]]] = Field(
        None, title="Training data sources")
    vectors: dict[str, Any] = Field({}, title="Included word vectors")
    labels: dict[str, list[str]] = Field({}, title="Component labels, keyed by component name")
    performance: dict[str, Any] = Field({}, title="Accuracy and speed numbers")
    spacy_git_version: StrictStr = Field("", title="Commit of spaCy version used")


# ---- config blocks -----------------------------------------------------------------------
# Every field is required (no defaults here): a missing setting is an error, and the
# defaults live in default_config.cfg, which the tests check against these schemas.

_Callback = Optional[Callable[["Language"], "Language"]]


class ConfigSchemaTraining(BaseModel):
    dev_corpus: StrictStr = Field(..., title="Path in the config to the dev data")
    train_corpus: StrictStr = Field(..., title="Path in the config to the training data")
    batcher: Batcher = Field(..., title="Batcher for the training data")
    dropout: StrictFloat = Field(..., title="Dropout rate")
    patience: StrictInt = Field(..., title="How many steps to continue without improvement "
                                           "in evaluation score")
    max_epochs: StrictInt = Field(..., title="Maximum number of epochs to train for")
    max_steps: StrictInt = Field(..., title="Maximum number of update steps to train for")
    eval_frequency: StrictInt = Field(..., title="How often to evaluate during training "
                                                 "(steps)")
    seed: Optional[StrictInt] = Field(..., title="Random seed")
    gpu_allocator: Optional[StrictStr] = Field(..., title="Memory allocator when running on "
                                                          "GPU")
    accumulate_gradient: StrictInt = Field(..., title="Whether to divide the batch up into "
                                                      "substeps")
    score_weights: dict[StrictStr, Optional[Union[StrictFloat, StrictInt]]] = Field(
        ..., title="Scores to report and their weights for selecting final model")
    optimizer: Optimizer = Field(..., title="The optimizer to use")
    logger: Logger = Field(..., title="The logger to track training progress")
    frozen_components: list[str] = Field(..., title="Pipeline components that shouldn't be "
                                                    "updated during training")
    annotating_components: list[str] = Field(..., title="Pipeline components that should set "
                                                        "annotations during training")
    before_to_disk: _Callback = Field(..., title="Optional callback to modify nlp object "
                                                 "after training, before it's saved to disk")
    before_update: Optional[Callable[["Language", dict[str, Any]], None]] = Field(
        ..., title="Optional callback that is invoked at the start of each training step")

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)


class ConfigSchemaNlp(BaseModel):
    lang: StrictStr = Field(..., title="The base language to use")
    pipeline: list[StrictStr] = Field(..., title="The pipeline component names in order")
    disabled: list[StrictStr] = Field(..., title="Pipeline components to disable by default")
    tokenizer: Callable = Field(..., title="The tokenizer to use")
    before_creation: Optional[Callable[[Type["Language"]], Type["Language"]]] = Field(
        ..., title="Optional callback to modify Language class before initialization")
    after_creation: _Callback = Field(..., title="Optional callback to modify nlp object "
                                                 "after creation and before the pipeline is "
                                                 "constructed")
    after_pipeline_creation: _Callback = Field(..., title="Optional callback to modify nlp "
                                                          "object after the pipeline is "
                                                          "constructed")
    batch_size: Optional[int] = Field(..., title="Default batch size")
    vectors: Callable = Field(..., title="Vectors implementation")

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)


class ConfigSchemaPretrainEmpty(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ConfigSchemaPretrain(BaseModel):
    max_epochs: StrictInt = Field(..., title="Maximum number of epochs to train for")
    dropout: StrictFloat = Field(..., title="Dropout rate")
    n_save_every: Optional[StrictInt] = Field(..., title="Saving additional temporary model "
                                                         "after n batches within an epoch")
    n_save_epoch: Optional[StrictInt] = Field(..., title="Saving model after every n epoch")
    optimizer: Optimizer = Field(..., title="The optimizer to use")
    corpus: StrictStr = Field(..., title="Path in the config to the training data")
    batcher: Batcher = Field(..., title="Batcher for the training data")
    component: str = Field(..., title="Component to find the layer to pretrain")
    layer: str = Field(..., title="Layer to pretrain. Whole model if empty.")
    objective: Callable[["Vocab", Model], Model] = Field(
        ..., title="A function that creates the pretraining objective.")

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)


class ConfigSchemaInit(BaseModel):
    vocab_data: Optional[StrictStr] = Field(..., title="Path to JSON-formatted vocabulary "
                                                       "file")
    lookups: Optional[Lookups] = Field(..., title="Vocabulary lookups, e.g. lexeme "
                                                  "normalization")
    vectors: Optional[StrictStr] = Field(..., title="Path to vectors")
    init_tok2vec: Optional[StrictStr] = Field(..., title="Path to pretrained tok2vec weights")
    tokenizer: dict[StrictStr, Any] = Field(..., title="Arguments to be passed into "
                                                       "Tokenizer.initialize")
    components: dict[StrictStr, dict[StrictStr, Any]] = Field(
        ..., title="Arguments for TrainablePipe.initialize methods of pipeline components, "
                   "keyed by component")
    before_init: _Callback = Field(..., title="Optional callback to modify nlp object before "
                                              "initialization")
    after_init: _Callback = Field(..., title="Optional callback to modify nlp object after "
                                             "initialization")

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)


class ConfigSchema(BaseModel):
    training: ConfigSchemaTraining
    nlp: ConfigSchemaNlp
    pretraining: Union[ConfigSchemaPretrain, ConfigSchemaPretrainEmpty] = {}
    components: dict[str, dict[str, Any]]
    corpora: dict[str, Reader]
    initialize: ConfigSchemaInit

    model_config = ConfigDict(extra="allow", arbitrary_types_allowed=True)


CONFIG_SCHEMAS = {
    "nlp": ConfigSchemaNlp,
    "training": ConfigSchemaTraining,
    "pretraining": ConfigSchemaPretrain,
    "initialize": ConfigSchemaInit,
}


# ---- `init config` recommendations ------------------------------------------------------


class RecommendationTrfItem(BaseModel):
    name: str
    size_factor: int


class RecommendationTrf(BaseModel):
    efficiency: RecommendationTrfItem
    accuracy: RecommendationTrfItem


class RecommendationSchema(BaseModel):
    word_vectors: Optional[str] = None
    transformer: Optional[RecommendationTrf] = None
    has_letters: bool = True


# ---- Doc.to_json --------------------------------------------------------------------------


class DocJSONSchema(BaseModel):
    """The dict Doc.to_json writes and Doc.from_json reads."""

    cats: Optional[dict[StrictStr, StrictFloat]] = Field(
        None, title="Categories with corresponding probabilities")
    ents: Optional[list[dict[StrictStr, Union[StrictInt, StrictStr]]]] = Field(
        None, title="Information on entities")
    sents: Optional[list[dict[StrictStr, StrictInt]]] = Field(
        None, title="Indices of sentences' start and end indices")
    text: StrictStr = Field(..., title="Document text")
    spans: Optional[dict[StrictStr, list[dict[StrictStr, Union[StrictStr, StrictInt]]]]] = Field(
        None, title="Span information - end/start indices, label, KB ID")
    tokens: list[dict[StrictStr, Union[StrictStr, StrictInt]]] = Field(
        ..., title="Token information - ID, start, annotations")
    underscore_doc: Optional[dict[StrictStr, Any]] = Field(
        None, title="Any custom data stored in the document's _ attribute", alias="_")
    underscore_token: Optional[dict[StrictStr, list[dict[StrictStr, Any]]]] = Field(
        None, title="Any custom data stored in the token's _ attribute")
    underscore_span: Optional[dict[StrictStr, list[dict[StrictStr, Any]]]] = Field(
        None, title="Any custom data stored in the span's _ attribute")


def _complete_forward_refs() -> None:
    """Resolve the "Language" / "Vocab" / "Example" annotations of the config schemas (named
    as strings above: those modules import this one's dependencies)."""
    from .language import Language
    from .training.example import Example
    from .vocab import Vocab

    namespace = {"Language": Language, "Vocab": Vocab, "Example": Example}
    for schema in (ConfigSchemaTraining, ConfigSchemaNlp, ConfigSchemaPretrain,
                   ConfigSchemaInit, ConfigSchema):
        schema.model_rebuild(_types_namespace=namespace)


_complete_forward_refs()
