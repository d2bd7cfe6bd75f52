"""The text classification architectures: a sparse bag of n-grams (TextCatBOW), pooled
tok2vec rows (TextCatReduce, TextCatCNN), attention over tok2vec rows
(TextCatParametricAttention), both together (TextCatEnsemble), and the older v1 forms that
spaCy keeps in spacy-legacy. Output layers over a growing label set are `resizable`: a new
label's unit starts with bias NEG_VALUE, so adding one changes no existing score."""
from __future__ import annotations

from functools import partial
from typing import List, Optional

from thinc.api import (Dropout, Gelu, HashEmbed, LayerNorm, Linear, Logistic, Maxout, Model,
                       ParametricAttention, ParametricAttention_v2, Relu, Softmax,
                       SparseLinear, SparseLinear_v2, chain, clone, concatenate,
                       expand_window, list2ragged, reduce_first, reduce_last, reduce_max,
                       reduce_mean, reduce_sum, residual, resizable, softmax_activation,
                       uniqued, with_array, with_cpu)
from thinc.layers.chain import init as init_chain
from thinc.layers.resizable import resize_linear_weighted, resize_model
from thinc.types import Floats2d

from ...attrs import ID, LOWER, ORTH, PREFIX, SHAPE, SUFFIX
from ...error_codes import Errors
from ...errors import ConfigError
from ...registry import register
from ..extract_ngrams import extract_ngrams
from ..featureextractor import FeatureExtractor
from ..staticvectors import StaticVectors, StaticVectors_v1
from .tok2vec import get_tok2vec_width

NEG_VALUE = -5000


# ---- bag of words ----------------------------------------------------------------------


@register("architectures", "lexloom.TextCatBOW.v3", "spacy.TextCatBOW.v3")
def build_bow_text_classifier_v3(exclusive_classes: bool, ngram_size: int,
                                 no_output_layer: bool, length: int = 262144,
                                 nO: Optional[int] = None) -> Model[List, Floats2d]:
    """A linear model over hashed n-gram counts; `length` rows (rounded up to a power of 2)."""
    if length < 1:
        raise ConfigError(f"{Errors.E1056.format(length=length)} Set [model] length to the "
                          "number of hash rows (e.g. 262144).")
    length = 2 ** (length - 1).bit_length()
    return _bow(exclusive_classes, ngram_size, no_output_layer,
                SparseLinear_v2(nO=nO, length=length), nO)


@register("architectures", "lexloom.TextCatBOW.v2", "spacy.TextCatBOW.v2")
def build_bow_text_classifier(exclusive_classes: bool, ngram_size: int, no_output_layer: bool,
                              nO: Optional[int] = None) -> Model[List, Floats2d]:
    """TextCatBOW with thinc's first SparseLinear (2**18 rows)."""
    return _bow(exclusive_classes, ngram_size, no_output_layer, SparseLinear(nO=nO), nO)


def _bow(exclusive_classes: bool, ngram_size: int, no_output_layer: bool,
         sparse_linear: Model, nO: Optional[int]) -> Model:
    fill_defaults = {"b": 0, "W": 0}
    output_layer = None
    if not no_output_layer:
        fill_defaults["b"] = NEG_VALUE
        output_layer = softmax_activation() if exclusive_classes else Logistic()
    resizable_layer = resizable(sparse_linear, resize_layer=partial(
        resize_linear_weighted, fill_defaults=fill_defaults))
    model = chain(extract_ngrams(ngram_size, attr=ORTH), resizable_layer)
    model = with_cpu(model, model.ops)
    if output_layer is not None:
        model = chain(model, with_cpu(output_layer, output_layer.ops))
    if nO is not None:
        model.set_dim("nO", nO)
    model.set_ref("output_layer", sparse_linear)
    model.attrs["multi_label"] = not exclusive_classes
    model.attrs["resize_output"] = partial(resize_and_set_ref, resizable_layer=resizable_layer)
    return model


@register("architectures", "lexloom.TextCatBOW.v1", "spacy.TextCatBOW.v1",
          "spacy-legacy.TextCatBOW.v1")
def build_bow_text_classifier_v1(exclusive_classes: bool, ngram_size: int,
                                 no_output_layer: bool, nO: Optional[int] = None
                                 ) -> Model[List, Floats2d]:
    """The first version: not resizable, and nO is not set on the outer model."""
    sparse_linear = SparseLinear(nO)
    model = chain(extract_ngrams(ngram_size, attr=ORTH), sparse_linear)
    model = with_cpu(model, model.ops)
    if not no_output_layer:
        output_layer = softmax_activation() if exclusive_classes else Logistic()
        model = chain(model, with_cpu(output_layer, output_layer.ops))
    model.set_ref("output_layer", sparse_linear)
    model.attrs["multi_label"] = not exclusive_classes
    return model


def resize_and_set_ref(model: Model, new_nO: int, resizable_layer: Model) -> Model:
    """resize_output of the BOW and reduce classifiers: grow the resizable output layer to
    new_nO and point the model's output_layer ref and nO at it."""
    resizable_layer = resize_model(resizable_layer, new_nO)
    model.set_ref("output_layer", resizable_layer.layers[0])
    model.set_dim("nO", new_nO, force=True)
    return model


# ---- pooled tok2vec --------------------------------------------------------------------


@register("architectures", "lexloom.TextCatReduce.v1", "spacy.TextCatReduce.v1")
def build_reduce_text_classifier(tok2vec: Model, exclusive_classes: bool,
                                 use_reduce_first: bool, use_reduce_last: bool,
                                 use_reduce_max: bool, use_reduce_mean: bool,
                                 nO: Optional[int] = None) -> Model[List, Floats2d]:
    """Pool the tok2vec rows of each doc (first / last / max / mean, concatenated in that
    order) and classify the pooled vector."""
    reductions = [layer() for use, layer in ((use_reduce_first, reduce_first),
                                             (use_reduce_last, reduce_last),
                                             (use_reduce_max, reduce_max),
                                             (use_reduce_mean, reduce_mean)) if use]
    if not reductions:
        raise ConfigError("TextCatReduce.v1 must be used with at least one reduction: set "
                          "one of use_reduce_first, use_reduce_last, use_reduce_max, "
                          "use_reduce_mean to true.")
    fill_defaults = {"b": 0, "W": 0}
    with Model.define_operators({">>": chain}):  # nested chains, as spaCy's tree has them
        pooled = tok2vec >> list2ragged() >> concatenate(*reductions)
        width = tok2vec.maybe_get_dim("nO")
        nI = width * len(reductions) if width is not None else None
        if exclusive_classes:
            output_layer = Softmax(nO=nO, nI=nI)
            fill_defaults["b"] = NEG_VALUE
            resizable_layer = resizable(output_layer, resize_layer=partial(
                resize_linear_weighted, fill_defaults=fill_defaults))
            model = pooled >> resizable_layer
        else:
            output_layer = Linear(nO=nO, nI=nI)
            resizable_layer = resizable(output_layer, resize_layer=partial(
                resize_linear_weighted, fill_defaults=fill_defaults))
            model = pooled >> resizable_layer >> Logistic()
    model.set_ref("output_layer", output_layer)
    model.attrs["resize_output"] = partial(resize_and_set_ref, resizable_layer=resizable_layer)
    model.set_ref("tok2vec", tok2vec)
    if nO is not None:
        model.set_dim("nO", nO)
    model.attrs["multi_label"] = not exclusive_classes
    return model


@register("architectures", "lexloom.TextCatCNN.v2", "spacy.TextCatCNN.v2")
def build_simple_cnn_text_classifier(tok2vec: Model, exclusive_classes: bool,
                                     nO: Optional[int] = None) -> Model[List, Floats2d]:
    """The mean of the tok2vec rows, classified (TextCatReduce with mean pooling only)."""
    return build_reduce_text_classifier(tok2vec, exclusive_classes, use_reduce_first=False,
                                        use_reduce_last=False, use_reduce_max=False,
                                        use_reduce_mean=True, nO=nO)


@register("architectures", "lexloom.TextCatCNN.v1", "spacy.TextCatCNN.v1",
          "spacy-legacy.TextCatCNN.v1")
def build_simple_cnn_text_classifier_v1(tok2vec: Model, exclusive_classes: bool,
                                        nO: Optional[int] = None) -> Model[List, Floats2d]:
    """The first version: mean pooling, an output layer that can't be resized."""
    width = tok2vec.maybe_get_dim("nO")
    with Model.define_operators({">>": chain}):
        pooled = tok2vec >> list2ragged() >> reduce_mean()
        if exclusive_classes:
            output_layer = Softmax(nO=nO, nI=width)
            model = pooled >> output_layer
        else:
            output_layer = Linear(nO=nO, nI=width)
            model = pooled >> output_layer >> Logistic()
    model.set_ref("output_layer", output_layer)
    model.set_ref("tok2vec", tok2vec)
    model.set_dim("nO", nO)
    model.attrs["multi_label"] = not exclusive_classes
    return model


# ---- attention -------------------------------------------------------------------------


@register("architectures", "lexloom.TextCatEnsemble.v2", "spacy.TextCatEnsemble.v2")
def build_text_classifier_v2(tok2vec: Model, linear_model: Model, nO: Optional[int] = None
                             ) -> Model[List, Floats2d]:
    """The concatenated outputs of a linear (BOW) model and of attention-pooled tok2vec
    rows, classified together."""
    exclusive = not linear_model.attrs["multi_label"]
    width = tok2vec.maybe_get_dim("nO")
    attention = ParametricAttention(width)
    maxout = Maxout(nO=width, nI=width)
    norm = LayerNorm(nI=width)
    with Model.define_operators({">>": chain, "|": concatenate}):
        cnn = (tok2vec >> list2ragged() >> attention >> reduce_sum()
               >> residual(maxout >> norm >> Dropout(0.0)))
        n_in = nO * 2 if nO else None
        output_layer = Softmax(nO=nO, nI=n_in) if exclusive \
            else Linear(nO=nO, nI=n_in) >> Logistic()
        model = (linear_model | cnn) >> output_layer
    model.set_ref("tok2vec", tok2vec)
    if model.has_dim("nO") is not False and nO is not None:
        model.set_dim("nO", nO)
    model.set_ref("output_layer", linear_model.get_ref("output_layer"))
    model.set_ref("attention_layer", attention)
    model.set_ref("maxout_layer", maxout)
    model.set_ref("norm_layer", norm)
    model.attrs["multi_label"] = not exclusive
    model.init = init_ensemble_textcat
    return model


def init_ensemble_textcat(model: Model, X=None, Y=None) -> Model:
    """TextCatEnsemble.v2's init: initialize the tok2vec first (a listener learns its width
    only then), size the attention, maxout and norm layers to it, then the chain."""
    # The tok2vec (a listener, say) may learn its width only now; the attention needs it.
    model.get_ref("tok2vec").initialize(X)
    width = get_tok2vec_width(model)
    model.get_ref("attention_layer").set_dim("nO", width)
    for ref in ("maxout_layer", "norm_layer"):
        model.get_ref(ref).set_dim("nO", width)
        model.get_ref(ref).set_dim("nI", width)
    init_chain(model, X, Y)
    return model


@register("architectures", "lexloom.TextCatParametricAttention.v1",
          "spacy.TextCatParametricAttention.v1")
def build_textcat_parametric_attention_v1(tok2vec: Model, exclusive_classes: bool,
                                          nO: Optional[int] = None) -> Model[List, Floats2d]:
    """Attention-pooled tok2vec rows (keys through a Gelu), a residual Maxout block, then
    the output layer."""
    width = tok2vec.maybe_get_dim("nO")
    key_transform = Gelu(nI=width, nO=width)
    attention = ParametricAttention_v2(nO=width, key_transform=key_transform)
    nonlinear = Maxout(nI=width, nO=width)
    norm = LayerNorm(nI=width)
    with Model.define_operators({">>": chain}):
        pooled = (tok2vec >> list2ragged() >> attention >> reduce_sum()
                  >> residual(nonlinear >> norm >> Dropout(0.0)))
        output_layer = Softmax(nO=nO) if exclusive_classes else Linear(nO=nO) >> Logistic()
        model = pooled >> output_layer
    pooled.init = _init_attention
    for name, layer in (("tok2vec", tok2vec), ("attention_layer", attention),
                        ("key_transform", key_transform), ("nonlinear_layer", nonlinear),
                        ("norm_layer", norm)):
        pooled.set_ref(name, layer)
    if model.has_dim("nO") is not False and nO is not None:
        model.set_dim("nO", nO)
    model.set_ref("output_layer", output_layer)
    model.attrs["multi_label"] = not exclusive_classes
    return model


def _init_attention(model: Model, X=None, Y=None) -> Model:
    model.get_ref("tok2vec").initialize(X)
    width = get_tok2vec_width(model)
    model.get_ref("attention_layer").set_dim("nO", width)
    for ref in ("key_transform", "nonlinear_layer", "norm_layer"):
        model.get_ref(ref).set_dim("nI", width)
        model.get_ref(ref).set_dim("nO", width)
    init_chain(model, X, Y)
    return model


@register("architectures", "lexloom.TextCatEnsemble.v1", "spacy.TextCatEnsemble.v1",
          "spacy-legacy.TextCatEnsemble.v1")
def build_text_classifier_v1(width: int, embed_size: int, pretrained_vectors: Optional[bool],
                             exclusive_classes: bool, ngram_size: int, window_size: int,
                             conv_depth: int, dropout: Optional[float],
                             nO: Optional[int] = None) -> Model[List, Floats2d]:
    """The first ensemble, with its own embedding: hashed LOWER/PREFIX/SUFFIX/SHAPE tables
    (seeds 10-13) over unique ORTHs, an optional StaticVectors.v1 branch, a Maxout CNN, and
    attention pooling, beside a TextCatBOW.v1 model."""
    cols = [ORTH, LOWER, PREFIX, SUFFIX, SHAPE, ID]
    with Model.define_operators({">>": chain, "|": concatenate, "**": clone}):
        tables = [HashEmbed(nO=width if attr == LOWER else width // 2, nV=embed_size,
                            column=cols.index(attr), dropout=dropout, seed=seed)
                  for attr, seed in ((LOWER, 10), (PREFIX, 11), (SUFFIX, 12), (SHAPE, 13))]
        n_embed = sum(table.get_dim("nO") for table in tables)
        lower, prefix, suffix, shape = tables
        trained_vectors = FeatureExtractor(cols) >> with_array(uniqued(
            (lower | prefix | suffix | shape) >> Maxout(nO=width, nI=n_embed, normalize=True),
            column=cols.index(ORTH)))
        if pretrained_vectors:
            vector_layer = trained_vectors | StaticVectors_v1(width)
            vectors_width = width * 2
        else:
            vector_layer = trained_vectors
            vectors_width = width
        tok2vec = vector_layer >> with_array(
            Maxout(width, vectors_width, normalize=True)
            >> residual(expand_window(window_size=window_size)
                        >> Maxout(nO=width, nI=width * (window_size * 2 + 1), normalize=True))
            ** conv_depth,
            pad=conv_depth)
        cnn = (tok2vec >> list2ragged() >> ParametricAttention(width) >> reduce_sum()
               >> residual(Maxout(nO=width, nI=width)) >> Linear(nO=nO, nI=width)
               >> Dropout(0.0))
        linear_model = build_bow_text_classifier_v1(nO=nO, ngram_size=ngram_size,
                                                    exclusive_classes=exclusive_classes,
                                                    no_output_layer=False)
        n_in = nO * 2 if nO else None
        output_layer = Softmax(nO=nO, nI=n_in) if exclusive_classes \
            else Linear(nO=nO, nI=n_in) >> Dropout(0.0) >> Logistic()
        model = (linear_model | cnn) >> output_layer
    model.set_ref("tok2vec", tok2vec)
    if model.has_dim("nO") is not False:
        model.set_dim("nO", nO)
    model.set_ref("output_layer", linear_model.get_ref("output_layer"))
    model.attrs["multi_label"] = not exclusive_classes
    return model


@register("architectures", "lexloom.TextCatLowData.v1", "spacy.TextCatLowData.v1")
def build_text_classifier_lowdata(width: int, dropout: Optional[float],
                                  nO: Optional[int] = None) -> Model[List, Floats2d]:
    """Static vectors only, attention-pooled, two residual Relu layers, Linear >> Logistic."""
    with Model.define_operators({">>": chain, "**": clone}):
        model = (StaticVectors(width) >> list2ragged() >> ParametricAttention(width)
                 >> reduce_sum() >> residual(Relu(width, width)) ** 2 >> Linear(nO, width))
        if dropout:
            model = model >> Dropout(dropout)
        model = model >> Logistic()
    return model


__all__ = ["NEG_VALUE", "build_bow_text_classifier", "build_bow_text_classifier_v3",
           "build_reduce_text_classifier", "build_simple_cnn_text_classifier",
           "build_text_classifier_lowdata", "build_text_classifier_v2",
           "build_textcat_parametric_attention_v1", "init_ensemble_textcat",
           "resize_and_set_ref"]
