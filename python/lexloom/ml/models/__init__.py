"""Model architectures: the networks that components run, each registered under its
`lexloom.*` name and the `spacy.*` names spaCy configs use, and each building spaCy 3.8's
Thinc tree (same nodes in walk() order, names, dims and params), so weights move between the
two libraries with Model.to_bytes / from_bytes. Importing this package imports thinc.

The entity linker's and span finder's architectures live in entity_linker.py and
span_finder.py (the knowledge base in lexloom.kb); the names spaCy re-exports here from
elsewhere (the KB classes, Doc, Vocab, attribute ids...) are reached lazily, by module
__getattr__."""
from __future__ import annotations

import importlib

from ...attrs import ID, IDS, ORTH
from .._precomputable_affine import PrecomputableAffine
from ..extract_ngrams import extract_ngrams
from ..extract_spans import extract_spans
from ..featureextractor import FeatureExtractor
from ..staticvectors import StaticVectors
from ..tb_framework import TransitionModel
from . import multi_task, parser, spancat, tagger, textcat, tok2vec
from .entity_linker import (build_nel_encoder, build_span_maker, create_candidates,
                            create_candidates_batch, empty_kb, empty_kb_for_config, load_kb,
                            span_maker_forward)
from .multi_task import (
    build_cloze_characters_multi_task_model,
    build_cloze_multi_task_model,
    build_masked_language_model,
    build_multi_task_model,
    create_pretrain_characters,
    create_pretrain_vectors,
    get_characters_loss,
    get_vectors_loss,
)
from .parser import build_tb_parser_model, resize_output
from .spancat import build_linear_logistic, build_mean_max_reducer, build_spancat_model
from .span_finder import build_finder_model, flattener
from .tagger import build_tagger_model
from .textcat import (
    NEG_VALUE,
    build_bow_text_classifier,
    build_bow_text_classifier_v3,
    build_reduce_text_classifier,
    build_simple_cnn_text_classifier,
    build_text_classifier_lowdata,
    build_text_classifier_v2,
    build_textcat_parametric_attention_v1,
    init_ensemble_textcat,
    resize_and_set_ref,
)
from .tok2vec import (
    BiLSTMEncoder,
    CharacterEmbed,
    HashEmbedCNN,
    MaxoutWindowEncoder,
    MishWindowEncoder,
    MultiHashEmbed,
    Tok2Vec,
    build_hash_embed_cnn_tok2vec,
    build_Tok2Vec_model,
    get_tok2vec_width,
    tok2vec_listener_v1,
)

# name -> (module relative to this package, attribute; None: the module itself)
_ENTITY_LINKER = ("Candidate", "InMemoryLookupKB", "KnowledgeBase", "build_nel_encoder",
                  "build_span_maker", "create_candidates", "create_candidates_batch",
                  "empty_kb", "empty_kb_for_config", "get_candidates", "get_candidates_batch",
                  "load_kb", "span_maker_forward")
_LAZY = {name: (".entity_linker", name) for name in _ENTITY_LINKER}
_LAZY.update({
    "entity_linker": (".entity_linker", None),
    "span_finder": (".span_finder", None),
    "build_finder_model": (".span_finder", "build_finder_model"),
    "flattener": (".span_finder", "flattener"),
    "Tok2VecListener": ("...pipeline.tok2vec", "Tok2VecListener"),
    "Doc": ("...tokens", "Doc"),
    "Span": ("...tokens", "Span"),
    "Vocab": ("...vocab", "Vocab"),
    "Errors": ("...errors", "Errors"),
    "VectorsMode": ("...vectors", "Mode"),
    "OOV_RANK": ("...util", "OOV_RANK"),
})

# The thinc layers and types and the typing names that spaCy's spacy.ml.models (and so
# spacy.ml) offers because its modules import them: `from spacy.ml.models import chain`.
_THINC_LAYERS = (
    "CosineDistance", "Dropout", "Gelu", "HashEmbed", "L2Distance", "LayerNorm", "Linear",
    "Logistic", "Maxout", "Mish", "Model", "MultiSoftmax", "ParametricAttention",
    "ParametricAttention_v2", "PyTorchLSTM", "Ragged", "Relu", "Softmax", "Softmax_v2",
    "SparseLinear", "SparseLinear_v2", "chain", "clone", "concatenate", "expand_window",
    "glorot_uniform_init", "list2array", "list2ragged", "noop", "ragged2list", "reduce_first",
    "reduce_last", "reduce_max", "reduce_mean", "reduce_sum", "residual", "resizable",
    "softmax_activation", "to_categorical", "tuplify", "use_ops", "with_array", "with_cpu",
    "with_getitem", "with_padded", "zero_init")
_LAZY.update({name: ("thinc.api", name) for name in _THINC_LAYERS})
_LAZY.update({name: ("thinc.types", name)
              for name in ("ArrayXd", "Floats1d", "Floats2d", "Ints1d", "Ints2d")})
_LAZY.update({name: ("typing", name) for name in (
    "Callable", "Iterable", "List", "Literal", "Optional", "Tuple", "Union", "cast",
    "TYPE_CHECKING")})
_LAZY.update({
    "Loss": ("thinc.loss", "Loss"),
    "init_chain": ("thinc.layers.chain", "init"),
    "resize_linear_weighted": ("thinc.layers.resizable", "resize_linear_weighted"),
    "resize_model": ("thinc.layers.resizable", "resize_model"),
    "partial": ("functools", "partial"),
    "Path": ("pathlib", "Path"),
    "numpy": ("numpy", None),
})


def intify_attr(name):
    """spaCy's attrs.intify_attr, which spacy.ml.models offers: an int as it is, an attribute
    name (in any case) as its id, and None for a string that names no attribute."""
    if isinstance(name, int):
        return name
    if name in IDS:
        return IDS[name]
    if name.upper() in IDS:
        return IDS[name.upper()]
    return None


def lazy_attribute(package: str, table: dict, name: str):
    """The attribute `name` a package offers through `table` (name -> (module, attribute or
    None for the module)), imported on first use; AttributeError when its module is absent,
    so hasattr() stays False and `import` of the package never fails."""
    if name not in table:
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    module_name, attr = table[name]
    try:
        module = importlib.import_module(module_name, package)
    except ModuleNotFoundError as e:
        raise AttributeError(f"module {package!r} has no attribute {name!r} ({e})") from None
    if attr is None:
        return module
    try:
        return getattr(module, attr)
    except AttributeError:
        raise AttributeError(f"module {package!r} has no attribute {name!r}") from None


def __getattr__(name: str):
    return lazy_attribute(__name__, _LAZY, name)


def __dir__() -> list:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "ID",
    "NEG_VALUE",
    "ORTH",
    "BiLSTMEncoder",
    "CharacterEmbed",
    "FeatureExtractor",
    "HashEmbedCNN",
    "MaxoutWindowEncoder",
    "MishWindowEncoder",
    "MultiHashEmbed",
    "PrecomputableAffine",
    "StaticVectors",
    "Tok2Vec",
    "TransitionModel",
    "build_Tok2Vec_model",
    "build_bow_text_classifier",
    "build_bow_text_classifier_v3",
    "build_cloze_characters_multi_task_model",
    "build_cloze_multi_task_model",
    "build_hash_embed_cnn_tok2vec",
    "build_linear_logistic",
    "build_masked_language_model",
    "build_mean_max_reducer",
    "build_multi_task_model",
    "build_reduce_text_classifier",
    "build_simple_cnn_text_classifier",
    "build_spancat_model",
    "build_tagger_model",
    "build_tb_parser_model",
    "build_text_classifier_lowdata",
    "build_text_classifier_v2",
    "build_textcat_parametric_attention_v1",
    "create_pretrain_characters",
    "create_pretrain_vectors",
    "extract_ngrams",
    "extract_spans",
    "get_characters_loss",
    "get_tok2vec_width",
    "get_vectors_loss",
    "init_ensemble_textcat",
    "intify_attr",
    "multi_task",
    "parser",
    "resize_and_set_ref",
    "resize_output",
    "spancat",
    "tagger",
    "textcat",
    "tok2vec",
    "tok2vec_listener_v1",
    "build_nel_encoder",
    "build_span_maker",
    "span_maker_forward",
    "load_kb",
    "empty_kb",
    "empty_kb_for_config",
    "create_candidates",
    "create_candidates_batch",
    "build_finder_model",
    "flattener",
]


def _shadow_submodules_with_functions() -> None:
    """spaCy's spacy.ml does `from .models import *`, so spacy.ml.extract_ngrams and
    extract_spans are these functions, not their modules; importing the modules (above) made
    lexloom.ml's attributes the modules."""
    import sys

    package = sys.modules[__name__.rpartition(".")[0]]
    package.extract_ngrams = extract_ngrams
    package.extract_spans = extract_spans


_shadow_submodules_with_functions()
