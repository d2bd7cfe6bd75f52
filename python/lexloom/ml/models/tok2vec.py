"""The Tok2Vec architectures: embed each token from its lexical attributes (or characters),
then encode context with a residual window CNN. Docs in, one (len(doc), width) float32 array
per doc out.

Each builder is registered under its `lexloom.*` name and the `spacy.*` names configs for
spaCy 3.8 use, older versions included, and builds the network spaCy builds: same layers,
widths, seeds, hashing and initialisation (given spaCy's weights, MultiHashEmbed + Maxout
encoder outputs agree exactly). Where lexloom differs it is on purpose: CharEmbed's gradient
adds up repeated characters (spaCy's fancy-index += drops repeats).
"""
from __future__ import annotations

from typing import Callable, List, Optional, Sequence, Union

from thinc.api import (
    Maxout,
    Mish,
    Model,
    chain,
    clone,
    concatenate,
    expand_window,
    list2ragged,
    ragged2list,
    residual,
    with_array,
)
from thinc.layers.chain import init as _chain_init
from thinc.types import Ragged

from ...errors import ModelError
from ...registry import register
from ..charembed import CharEmbed
from ..featureextractor import FeatureExtractor, attr_ids
from ..fused_cnn import fuse_maxout, fuse_window_encoder
from ..hashembed import HashEmbed, concatenate_hashembeds
from ..staticvectors import StaticVectors, StaticVectors_v1

# MultiHashEmbed seeds its tables FIRST_SEED, FIRST_SEED + 1, ...; CharacterEmbed's table
# uses CHAR_FEATURE_SEED. spaCy's values: with them, hashed rows match spaCy's exactly.
FIRST_SEED = 8
CHAR_FEATURE_SEED = 5


def _positive(name: str, value, block: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ModelError(f"{block}: {name} must be a positive int, got {value!r}.")


def _docs_chain(width: Optional[int], *layers: Model) -> Model:
    """chain(*layers) for a Docs -> List[Floats2d] network that also takes a batch without a
    single token: it returns (0, width) arrays for it and skips the layers, since thinc's
    Maxout can't run backward over zero rows. The node is thinc's chain (name, dims by its
    rule); the width travels in the forward function, not in a dim or attr that would be
    saved."""
    dims: dict = {"nO": None}
    first_nI = layers[0].has_dim("nI")
    if first_nI is True:
        dims["nI"] = layers[0].get_dim("nI")
    elif first_nI is None:
        dims["nI"] = None
    if layers[-1].has_dim("nO") is True:
        dims["nO"] = layers[-1].get_dim("nO")
    return Model(">>".join(layer.name for layer in layers),
                 DocsChainForward(width), init=_chain_init, dims=dims,
                 layers=list(layers))


class DocsChainForward:
    """The forward function of a _docs_chain, holding its width. A named callable with thinc's
    (model, X, is_train) signature rather than a functools.partial, so that thinc's data
    validation (`data_validation(True)`) can inspect it."""

    __name__ = "docs_chain_forward"

    def __init__(self, width: Optional[int]) -> None:
        self.width = width

    def __call__(self, model: Model, docs, is_train: bool):
        return _docs_chain_forward(self.width, model, docs, is_train)


def _docs_chain_forward(width: Optional[int], model: Model, docs, is_train: bool):
    if width is not None and not any(len(doc) for doc in docs):
        return [model.ops.alloc2f(0, width) for _ in docs], lambda d_outputs: []
    callbacks = []
    X = docs
    for layer in model.layers:
        X, callback = layer(X, is_train=is_train)
        callbacks.append(callback)

    lengths = None
    if isinstance(X, Ragged):  # e.g. a custom embed layer (StaticVectors alone) and encoder
        lengths = X.lengths
        X = list(model.ops.unflatten(X.dataXd, lengths))

    def backprop(dY):
        if lengths is not None:
            dY = Ragged(model.ops.flatten(dY), lengths)
        for callback in reversed(callbacks):
            dY = callback(dY)
        return dY

    return X, backprop


def _width_of(model: Model) -> Optional[int]:
    """The output width: nO when set, else the width a _docs_chain was built with (spaCy
    leaves the embed chain's nO unset)."""
    if model.has_dim("nO") is True:
        return model.get_dim("nO")
    func = model._func
    return func.width if isinstance(func, DocsChainForward) else None


@register("architectures", "lexloom.Tok2Vec.v2", "spacy.Tok2Vec.v2")
def Tok2Vec(embed: Model, encode: Model) -> Model:
    """chain(embed, encode): context-independent token vectors, then context. The encoder's
    width must equal the embedding width (its layers are residual)."""
    embed_width, encode_width = _width_of(embed), _width_of(encode)
    if embed_width is not None and encode_width is not None and embed_width != encode_width:
        raise ModelError(
            f"Tok2Vec: the embed layer is {embed_width} wide but the encode layer is "
            f"{encode_width} wide; set the same width in [*.embed] and [*.encode].")
    model = _docs_chain(encode_width, embed, encode)
    model.set_ref("embed", embed)
    model.set_ref("encode", encode)
    return model


@register("architectures", "lexloom.Tok2Vec.v1", "spacy.Tok2Vec.v1",
          "spacy-legacy.Tok2Vec.v1")
def Tok2Vec_v1(embed: Model, encode: Model) -> Model:
    """The v1 form: the encoder works on one array (MaxoutWindowEncoder.v1 and friends) and
    is wrapped here, with padding between docs as wide as its receptive field."""
    pad = encode.attrs.get("receptive_field", 0)
    model = Tok2Vec(embed, with_array(encode, pad=pad))
    model.set_ref("encode", encode)
    return model


@register("architectures", "lexloom.MultiHashEmbed.v2", "spacy.MultiHashEmbed.v2")
def MultiHashEmbed(width: int, attrs: List[Union[str, int]], rows: List[int],
                   include_static_vectors: bool) -> Model:
    """One hashed table per attribute (NORM, PREFIX, SUFFIX, SHAPE, ...), `rows[i]` rows each,
    `width` wide; the vectors concatenated and mixed down to `width` by a layer-normalised
    Maxout with 3 pieces."""
    return _multi_hash_embed(width, attrs, rows, include_static_vectors, StaticVectors)


@register("architectures", "lexloom.MultiHashEmbed.v1", "spacy.MultiHashEmbed.v1",
          "spacy-legacy.MultiHashEmbed.v1")
def MultiHashEmbed_v1(width: int, attrs: List[Union[str, int]], rows: List[int],
                      include_static_vectors: bool) -> Model:
    """The v1 form: as v2, with StaticVectors.v1 for the static vectors."""
    return _multi_hash_embed(width, attrs, rows, include_static_vectors, StaticVectors_v1)


def _multi_hash_embed(width: int, attrs: Sequence[Union[str, int]], rows: Sequence[int],
                      include_static_vectors: bool, static_vectors: Callable) -> Model:
    block = "MultiHashEmbed"
    _positive("width", width, block)
    ids = attr_ids(attrs, f"{block} attrs")
    if isinstance(rows, int) or len(rows) != len(ids):
        raise ModelError(f"{block}: rows must list one table size per attribute: {len(ids)} "
                         f"attrs ({', '.join(map(str, attrs))}) but rows = {rows!r}.")
    for size in rows:
        _positive("every entry of rows", size, block)
    if not ids:
        raise ModelError(f"{block}: attrs is empty; name at least one attribute, e.g. "
                         '["NORM", "PREFIX", "SUFFIX", "SHAPE"].')
    embeddings = [HashEmbed(width, size, column=i, seed=FIRST_SEED + i, dropout=0.0)
                  for i, size in enumerate(rows)]
    if include_static_vectors:
        # spaCy's layout: concatenate(hashed features, StaticVectors) -> Maxout, so weights
        # carry over. StaticVectors reads the vocab's table at run time.
        features = chain(FeatureExtractor(list(attrs)), list2ragged(),
                         with_array(concatenate_hashembeds(*embeddings)))
        return _docs_chain(
            width,
            concatenate(features, static_vectors(width, dropout=0.0)),
            fuse_maxout(with_array(Maxout(width, width * (len(embeddings) + 1), nP=3,
                                          dropout=0.0, normalize=True))),
            ragged2list(),
        )
    return _docs_chain(
        width,
        FeatureExtractor(list(attrs)),
        list2ragged(),
        with_array(concatenate_hashembeds(*embeddings)),
        fuse_maxout(with_array(Maxout(width, width * len(embeddings), nP=3, dropout=0.0,
                                      normalize=True))),
        ragged2list(),
    )


@register("architectures", "lexloom.CharacterEmbed.v2", "spacy.CharacterEmbed.v2")
def CharacterEmbed(width: int, rows: int, nM: int, nC: int, include_static_vectors: bool,
                   feature: Union[int, str] = "LOWER") -> Model:
    """nC UTF-8 bytes of each word (from both ends), each embedded in nM dimensions, beside a
    hashed embedding of `feature` (LOWER by default) of `rows` rows; mixed to `width` by a
    layer-normalised Maxout with 3 pieces."""
    return _character_embed(width, rows, nM, nC, include_static_vectors, feature,
                            StaticVectors)


@register("architectures", "lexloom.CharacterEmbed.v1", "spacy.CharacterEmbed.v1",
          "spacy-legacy.CharacterEmbed.v1")
def CharacterEmbed_v1(width: int, rows: int, nM: int, nC: int, include_static_vectors: bool,
                      feature: Union[int, str] = "LOWER") -> Model:
    """The v1 form: as v2, with StaticVectors.v1 for the static vectors."""
    return _character_embed(width, rows, nM, nC, include_static_vectors, feature,
                            StaticVectors_v1)


def _character_embed(width: int, rows: int, nM: int, nC: int, include_static_vectors: bool,
                     feature: Union[int, str], static_vectors: Callable) -> Model:
    block = "CharacterEmbed"
    for name, value in (("width", width), ("rows", rows), ("nM", nM), ("nC", nC)):
        _positive(name, value, block)
    feature_id = attr_ids([feature], f"{block} feature")[0]  # saved as the id, as spaCy does
    parts = [
        chain(CharEmbed(nM=nM, nC=nC), list2ragged()),
        chain(
            FeatureExtractor([feature_id]),
            list2ragged(),
            with_array(HashEmbed(width, rows, column=0, seed=CHAR_FEATURE_SEED)),
        ),
    ]
    if include_static_vectors:
        parts.append(static_vectors(width, dropout=0.0))
    return _docs_chain(
        width,
        concatenate(*parts),
        with_array(Maxout(width, nM * nC + width * (len(parts) - 1), nP=3, normalize=True,
                          dropout=0.0)),
        ragged2list(),
    )


def _window_cnn(width: int, window_size: int, depth: int, activation: Model) -> Model:
    if depth == 0:  # no layers: the identity, still `width` wide
        return Model("noop", _identity, dims={"nO": width, "nI": width})
    cnn = chain(expand_window(window_size=window_size), activation)
    model = clone(residual(cnn), depth)
    model.set_dim("nO", width)
    return model


def _identity(model: Model, X, is_train: bool):
    return X, lambda dY: dY


def _check_encoder(block: str, width: int, window_size: int, depth: int) -> None:
    _positive("width", width, block)
    if not isinstance(window_size, int) or isinstance(window_size, bool) or window_size < 0:
        raise ModelError(f"{block}: window_size must be an int >= 0, got {window_size!r}.")
    if not isinstance(depth, int) or isinstance(depth, bool) or depth < 0:
        raise ModelError(f"{block}: depth must be an int >= 0, got {depth!r}.")


def _maxout_cnn(width: int, window_size: int, maxout_pieces: int, depth: int) -> Model:
    _check_encoder("MaxoutWindowEncoder", width, window_size, depth)
    _positive("maxout_pieces", maxout_pieces, "MaxoutWindowEncoder")
    nI = width * (2 * window_size + 1)
    return _window_cnn(width, window_size, depth,
                       Maxout(nO=width, nI=nI, nP=maxout_pieces, dropout=0.0, normalize=True))


def _mish_cnn(width: int, window_size: int, depth: int) -> Model:
    _check_encoder("MishWindowEncoder", width, window_size, depth)
    nI = width * (2 * window_size + 1)
    return _window_cnn(width, window_size, depth,
                       Mish(nO=width, nI=nI, dropout=0.0, normalize=True))


@register("architectures", "lexloom.MaxoutWindowEncoder.v2", "spacy.MaxoutWindowEncoder.v2")
def MaxoutWindowEncoder(width: int, window_size: int, maxout_pieces: int,
                        depth: int) -> Model:
    """`depth` residual layers, each a layer-normalised Maxout over the window of
    `window_size` tokens either side. Docs are padded apart so windows never cross them."""
    model = _maxout_cnn(width, window_size, maxout_pieces, depth)
    return fuse_window_encoder(with_array(model, pad=window_size * depth))


@register("architectures", "lexloom.MishWindowEncoder.v2", "spacy.MishWindowEncoder.v2")
def MishWindowEncoder(width: int, window_size: int, depth: int) -> Model:
    """As MaxoutWindowEncoder with a layer-normalised Mish layer. As in spaCy, docs are not
    padded apart here (a window at a doc's edge sees the neighbouring doc's edge tokens):
    `pad` is a saved attr, and a pipeline trained that way expects it."""
    return with_array(_mish_cnn(width, window_size, depth))


@register("architectures", "lexloom.MaxoutWindowEncoder.v1", "spacy.MaxoutWindowEncoder.v1",
          "spacy-legacy.MaxoutWindowEncoder.v1")
def MaxoutWindowEncoder_v1(width: int, window_size: int, maxout_pieces: int,
                           depth: int) -> Model:
    """The v1 form, for Tok2Vec.v1: works on one array; Tok2Vec.v1 does the padding."""
    model = _maxout_cnn(width, window_size, maxout_pieces, depth)
    model.attrs["receptive_field"] = window_size * depth
    return model


@register("architectures", "lexloom.MishWindowEncoder.v1", "spacy.MishWindowEncoder.v1",
          "spacy-legacy.MishWindowEncoder.v1")
def MishWindowEncoder_v1(width: int, window_size: int, depth: int) -> Model:
    """The v1 form, for Tok2Vec.v1: works on one array. As in spaCy it sets no
    receptive_field, so Tok2Vec.v1 does not pad docs apart around it."""
    return _mish_cnn(width, window_size, depth)


@register("architectures", "lexloom.HashEmbedCNN.v2", "spacy.HashEmbedCNN.v2")
def HashEmbedCNN(*, width: int, depth: int, embed_size: int, window_size: int,
                 maxout_pieces: int, subword_features: bool,
                 pretrained_vectors: Optional[bool]) -> Model:
    """The one-block Tok2Vec (what spaCy's default component configs use): MultiHashEmbed of
    NORM (embed_size rows) and, with subword_features, PREFIX, SUFFIX and SHAPE (embed_size
    // 2 rows each), then a MaxoutWindowEncoder."""
    return _hash_embed_cnn(MultiHashEmbed, width, depth, embed_size, window_size,
                           maxout_pieces, subword_features, pretrained_vectors)


@register("architectures", "lexloom.HashEmbedCNN.v1", "spacy.HashEmbedCNN.v1",
          "spacy-legacy.HashEmbedCNN.v1")
def HashEmbedCNN_v1(*, width: int, depth: int, embed_size: int, window_size: int,
                    maxout_pieces: int, subword_features: bool,
                    pretrained_vectors: Optional[bool]) -> Model:
    """The v1 form: as v2, with MultiHashEmbed.v1 (so StaticVectors.v1)."""
    return _hash_embed_cnn(MultiHashEmbed_v1, width, depth, embed_size, window_size,
                           maxout_pieces, subword_features, pretrained_vectors)


def _hash_embed_cnn(multi_hash_embed: Callable, width: int, depth: int, embed_size: int,
                    window_size: int, maxout_pieces: int, subword_features: bool,
                    pretrained_vectors: Optional[bool]) -> Model:
    if subword_features:
        attrs: List[str] = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
        rows = [embed_size, embed_size // 2, embed_size // 2, embed_size // 2]
    else:
        attrs, rows = ["NORM"], [embed_size]
    return Tok2Vec(
        multi_hash_embed(width=width, attrs=attrs, rows=rows,
                         include_static_vectors=bool(pretrained_vectors)),
        MaxoutWindowEncoder(width=width, window_size=window_size, maxout_pieces=maxout_pieces,
                            depth=depth))


__all__ = ["Tok2Vec", "Tok2Vec_v1", "MultiHashEmbed", "MultiHashEmbed_v1", "CharacterEmbed",
           "CharacterEmbed_v1", "MaxoutWindowEncoder", "MaxoutWindowEncoder_v1",
           "MishWindowEncoder", "MishWindowEncoder_v1", "HashEmbedCNN", "HashEmbedCNN_v1"]


@register("architectures", "lexloom.TorchBiLSTMEncoder.v1", "spacy.TorchBiLSTMEncoder.v1")
def BiLSTMEncoder(width: int, depth: int, dropout: float) -> Model:
    """`depth` bidirectional LSTM layers (PyTorch, through thinc's PyTorchLSTM), each
    direction width // 2 wide; depth 0 is the identity. Needs torch."""
    from thinc.api import PyTorchLSTM, noop, with_padded

    if depth == 0:
        return noop()
    return with_padded(PyTorchLSTM(width, width, bi=True, depth=depth, dropout=dropout))


def get_tok2vec_width(model: Model) -> Optional[int]:
    """The output width of the model's "tok2vec" ref, or of the listener inside it; None when
    neither is known yet."""
    if not model.has_ref("tok2vec"):
        return None
    tok2vec = model.get_ref("tok2vec")
    if tok2vec.has_dim("nO"):
        return tok2vec.get_dim("nO")
    if tok2vec.has_ref("listener"):
        return tok2vec.get_ref("listener").get_dim("nO")
    return None


@register("architectures", "lexloom.Tok2VecListener.v1", "spacy.Tok2VecListener.v1")
def tok2vec_listener_v1(width: int, upstream: str = "*") -> Model:
    """A listener layer for a component's `tok2vec` slot: it reuses the output of the
    Tok2Vec component named `upstream` ("*": any) of width `width`."""
    from ...pipeline.tok2vec import Tok2VecListener

    return Tok2VecListener(upstream_name=upstream, width=width)


# spaCy's function names for the architectures above.
build_Tok2Vec_model = Tok2Vec
build_hash_embed_cnn_tok2vec = HashEmbedCNN

__all__ += ["BiLSTMEncoder", "get_tok2vec_width", "tok2vec_listener_v1", "build_Tok2Vec_model",
            "build_hash_embed_cnn_tok2vec"]
