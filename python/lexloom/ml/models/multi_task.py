"""Pretraining objectives: a tok2vec plus a throw-away output layer, trained on raw text with a
cloze task ("language modelling with approximate outputs").

15% of the tokens are corrupted (80% of those become "[MASK]", 10% a random word, 10% stay)
and the network predicts, for every token, either its first and last characters (the
characters objective: `n_characters` UTF-8 bytes taken 0, -1, 1, -2, ..., one 256-way softmax
each) or its static vector (the vectors objective, cosine or L2). Only corrupted tokens pass
gradients back, as in spaCy. The builders return `create(vocab, tok2vec) -> Model`, and the
model's `attrs["loss"]` is `loss(ops, docs, prediction) -> (loss, d_prediction)`, computed
against the uncorrupted docs. Character ids and the masked copies are made natively
(`lexloom.ml_ops.docs_char_ids`, `mask_docs`); the rest is whole-batch array arithmetic.
"""
from __future__ import annotations

from functools import partial
from typing import Callable, List, Optional

import numpy
from thinc.api import (
    CosineDistance,
    L2Distance,
    LayerNorm,
    Linear,
    Maxout,
    Model,
    MultiSoftmax,
    Softmax,
    chain,
    list2array,
    zero_init,
)

from ...errors import ConfigError, ModelError
from ...registry import register

MASK_WORD = "[MASK]"
MASK_PROB = 0.15
N_RANDOM_WORDS = 10000
N_BYTE_CLASSES = 256
VECTOR_LOSSES = ("cosine", "L2")


@register("architectures", "lexloom.PretrainCharacters.v1", "spacy.PretrainCharacters.v1")
def create_pretrain_characters(maxout_pieces: int, hidden_size: int,
                               n_characters: int) -> Callable[..., Model]:
    """The characters objective: predict each token's first and last `n_characters` bytes."""
    _check_positive("PretrainCharacters.v1", maxout_pieces=maxout_pieces,
                    hidden_size=hidden_size, n_characters=n_characters)

    def create_characters_objective(vocab, tok2vec: Model) -> Model:
        model = build_cloze_characters_multi_task_model(
            vocab, tok2vec, hidden_size=hidden_size, maxout_pieces=maxout_pieces,
            nr_char=n_characters)
        model.attrs["loss"] = partial(get_characters_loss, nr_char=n_characters)
        return model

    return create_characters_objective


@register("architectures", "lexloom.PretrainVectors.v1", "spacy.PretrainVectors.v1")
def create_pretrain_vectors(maxout_pieces: int, hidden_size: int,
                            loss: str = "cosine") -> Callable[..., Model]:
    """The vectors objective: predict each token's static vector (needs [initialize] vectors)."""
    _check_positive("PretrainVectors.v1", maxout_pieces=maxout_pieces, hidden_size=hidden_size)
    if loss not in VECTOR_LOSSES:
        raise ConfigError(f"[pretraining.objective] loss = {loss!r} is not a vectors loss. "
                          f"Use one of: {', '.join(VECTOR_LOSSES)} (cosine usually works best).")

    def create_vectors_objective(vocab, tok2vec: Model) -> Model:
        model = build_cloze_multi_task_model(vocab, tok2vec, hidden_size=hidden_size,
                                             maxout_pieces=maxout_pieces)
        distance = CosineDistance(normalize=True, ignore_zeros=True) if loss == "cosine" \
            else L2Distance(normalize=True)
        model.attrs["loss"] = partial(get_vectors_loss, distance=distance)
        return model

    return create_vectors_objective


def build_multi_task_model(tok2vec: Model, maxout_pieces: int, token_vector_width: int,
                           nO: Optional[int] = None) -> Model:
    """An auxiliary tagging head on a shared tok2vec (the parser's multitask objectives):
    Maxout to twice the token width, LayerNorm, Softmax over nO classes."""
    softmax = Softmax(nO=nO, nI=token_vector_width * 2)
    model = chain(tok2vec,
                  Maxout(nO=token_vector_width * 2, nI=token_vector_width, nP=maxout_pieces,
                         dropout=0.0),
                  LayerNorm(token_vector_width * 2),
                  softmax)
    model.set_ref("tok2vec", tok2vec)
    model.set_ref("output_layer", softmax)
    return model


@register("architectures", "lexloom.MultiTask.v1", "spacy.MultiTask.v1")
def create_multi_task_model(tok2vec: Model, maxout_pieces: int, token_vector_width: int,
                            nO: Optional[int] = None) -> Model:
    """The nn_labeller's default network. spaCy's default config names this architecture
    without registering it; here it builds build_multi_task_model on a tok2vec whose output
    may be one array per doc (as every tok2vec a config builds gives): the head needs one."""
    tok2vec_array = chain(tok2vec, _as_one_array())
    model = build_multi_task_model(tok2vec_array, maxout_pieces, token_vector_width, nO=nO)
    model.set_ref("tok2vec", tok2vec_array)
    return model


def _as_one_array() -> Model:
    """list2array that also passes a single array through, so a shared tok2vec that already
    ends in list2array (the parser's) can be used as well."""

    def forward(model: Model, X, is_train: bool):
        if not isinstance(X, (list, tuple)):
            return X, lambda dY: dY
        lengths = [len(x) for x in X]
        Y = model.ops.flatten(list(X)) if X else model.ops.alloc2f(0, 0)

        def backprop(dY):
            return model.ops.unflatten(dY, model.ops.asarray1i(lengths))

        return Y, backprop

    return Model("as-one-array", forward)


def build_cloze_multi_task_model(vocab, tok2vec: Model, maxout_pieces: int,
                                 hidden_size: int) -> Model:
    """The vectors objective's network: tok2vec, then a normalized Maxout and a zero-initialized
    Linear as wide as the vocab's vectors, behind the masked-language-model wrapper."""
    output_layer = chain(
        list2array(),
        Maxout(nO=hidden_size, nI=tok2vec.maybe_get_dim("nO"), nP=maxout_pieces,
               normalize=True, dropout=0.0),
        Linear(nO=_vectors_width(vocab), nI=hidden_size, init_W=zero_init),
    )
    model = build_masked_language_model(vocab, chain(tok2vec, output_layer))
    model.set_ref("tok2vec", tok2vec)
    model.set_ref("output_layer", output_layer)
    return model


def build_cloze_characters_multi_task_model(vocab, tok2vec: Model, maxout_pieces: int,
                                            hidden_size: int, nr_char: int) -> Model:
    """The characters objective's network: tok2vec, Maxout, LayerNorm and one 256-way softmax
    per predicted byte, behind the masked-language-model wrapper."""
    output_layer = chain(
        list2array(),
        Maxout(nO=hidden_size, nP=maxout_pieces),
        LayerNorm(nI=hidden_size),
        MultiSoftmax([N_BYTE_CLASSES] * nr_char, nI=hidden_size),
    )
    model = build_masked_language_model(vocab, chain(tok2vec, output_layer))
    model.set_ref("tok2vec", tok2vec)
    model.set_ref("output_layer", output_layer)
    return model


def _check_positive(where: str, **values: int) -> None:
    for key, value in values.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ConfigError(f"[pretraining.objective] {where}: {key} = {value!r} must be a "
                              "positive integer.")


# ---- losses -------------------------------------------------------------------------


def get_characters_loss(ops, docs, prediction, nr_char: int):
    """Squared error between the prediction and the one-hot bytes of each token (the sum
    over the batch), with the gradient divided by the number of tokens, as spaCy does."""
    from ...ml_ops import docs_char_ids

    n_tokens = prediction.shape[0]
    ids = docs_char_ids(docs, nr_char)
    if ids.shape[0] != n_tokens or prediction.shape[1] != N_BYTE_CLASSES * nr_char:
        raise ModelError(f"The characters objective got a prediction of shape "
                         f"{tuple(prediction.shape)} for {ids.shape[0]} tokens; expected "
                         f"({ids.shape[0]}, {N_BYTE_CLASSES * nr_char}).")
    xp = ops.xp
    ids = ops.asarray(ids.astype("int64"))
    diff = prediction.copy()
    # subtract the one-hot target in place: 1 at column c * 256 + byte for each position c
    diff.reshape((n_tokens, nr_char, N_BYTE_CLASSES))[
        xp.arange(n_tokens)[:, None], xp.arange(nr_char)[None, :], ids] -= 1.0
    loss = float((diff ** 2).sum())
    return loss, diff / max(float(n_tokens), 1.0)


def get_vectors_loss(ops, docs, prediction, distance):
    """The distance between the prediction and each token's static vector (zero rows for
    tokens without one, which the cosine loss ignores)."""
    target = _vector_targets(ops, docs)
    if target.shape != prediction.shape:
        raise ModelError(f"The vectors objective got a prediction of shape "
                         f"{tuple(prediction.shape)} for targets of shape {tuple(target.shape)}.")
    d_target, loss = distance(prediction, target)
    return float(loss), d_target


def _vector_targets(ops, docs):
    """Each token's static vector, looked up natively in one batch (keyed by the attribute
    the table is keyed by, ORTH unless set otherwise): zeros for words without one in the
    default mode, n-gram means in floret mode."""
    from ...attrs import ORTH
    from ...ml_ops import docs_to_array

    vectors = docs[0].vocab.vectors
    keys = docs_to_array(docs, [int(getattr(vectors, "attr", ORTH))])[:, 0]
    return ops.asarray(vectors.get_batch(keys), dtype="float32")


def _vectors_width(vocab) -> int:
    vectors = getattr(vocab, "vectors", None)
    shape = getattr(vectors, "shape", (0, 0))
    if vectors is None or len(shape) != 2 or shape[0] == 0 or shape[1] == 0:
        # spaCy's code E875 leads, so code (and tests) that look for it find it
        raise ModelError("[E875] The vectors objective (PretrainVectors.v1) needs static "
                         "vectors, but the pipeline's vocab has none. Set [initialize] vectors "
                         "(or --paths.vectors) to vectors made with `lexloom init vectors`, or "
                         "use the characters objective (PretrainCharacters.v1).")
    return int(shape[1])


# ---- the cloze wrapper ----------------------------------------------------------------


def build_masked_language_model(vocab, wrapped_model: Model, mask_prob: float = MASK_PROB
                                ) -> Model:
    """`wrapped` run on corrupted copies of the docs; gradients pass back only for the
    corrupted tokens (the others would teach the network to copy its input)."""
    random_words = RandomWords(vocab)

    def forward(model: Model, docs, is_train: bool):
        keep, masked = apply_mask(docs, random_words, mask_prob)
        output, backprop = model.layers[0](masked, is_train)
        scale = model.ops.asarray(~keep, dtype="f").reshape((-1, 1))

        def backward(d_output):
            return backprop(d_output * scale)

        return output, backward

    def init(model: Model, X=None, Y=None) -> None:
        inner = model.layers[0]
        inner.initialize(X=X, Y=Y)
        for dim in inner.dim_names:
            if inner.has_dim(dim):
                model.set_dim(dim, inner.get_dim(dim))

    model: Model = Model("masked-language-model", forward, layers=[wrapped_model], init=init,
                         refs={"wrapped": wrapped_model},
                         dims=dict.fromkeys(wrapped_model.dim_names))
    return model


class RandomWords:
    """Orth ids of up to 10,000 words of the vocab (as it is when the objective is built),
    drawn with probability exp(lex.prob): the replacements for the 10% of corrupted tokens
    that get a random word. Draws come 10,000 at a time from numpy's global generator
    (`numpy.random.choice(..., p=...)`) and are handed out last first, so pretraining with a
    fixed seed consumes the random stream exactly as spaCy's objective does."""

    def __init__(self, vocab) -> None:
        lexemes = [lex for lex in vocab if lex.prob != 0.0][:N_RANDOM_WORDS]
        self.vocab = vocab
        self.orths = numpy.asarray([lex.orth for lex in lexemes], dtype="uint64")
        probs = numpy.exp(numpy.asarray([lex.prob for lex in lexemes], dtype="f"))
        self.probs = probs / probs.sum() if len(probs) else probs
        self.mask_orth = vocab.strings.add(MASK_WORD)
        self._cache = numpy.zeros((0,), dtype="uint64")

    @property
    def cached(self) -> int:
        """How many draws are left before the next refill."""
        return int(self._cache.shape[0])

    def next(self) -> int:
        """One word's orth id (the mask's where the vocab offers no words)."""
        if len(self.orths) == 0:
            return self.mask_orth
        if self._cache.shape[0] == 0:
            picks = numpy.random.choice(len(self.orths), N_RANDOM_WORDS, p=self.probs)
            self._cache = self.orths[picks]
        orth = self._cache[-1]
        self._cache = self._cache[:-1]
        return int(orth)

    def draw(self, n: int) -> numpy.ndarray:
        """n words' orth ids, as n calls of next()."""
        return numpy.asarray([self.next() for _ in range(n)], dtype="uint64")


def apply_mask(docs: List, random_words: RandomWords,
               mask_prob: float = MASK_PROB) -> tuple[numpy.ndarray, list]:
    """(keep, corrupted copies): keep[k] is False for the tokens picked for corruption.

    The random stream is read in spaCy's order (one uniform per token, then, token by token,
    one roll per corrupted token and a random word where the roll asks for one), so a seeded
    run corrupts the same tokens the same way. The rolls are drawn in one call wherever the
    random words' cache cannot run dry in between: numpy's legacy generator gives the same
    doubles for random(m) as for m calls of random()."""
    from ...ml_ops import mask_docs

    n_tokens = sum(len(doc) for doc in docs)
    keep = numpy.random.uniform(0.0, 1.0, (n_tokens,)) >= mask_prob
    replacements = numpy.zeros((n_tokens,), dtype="uint64")
    picked = numpy.flatnonzero(~keep)
    at = 0
    while at < len(picked):
        if len(random_words.orths) == 0 or random_words.cached >= len(picked) - at:
            # no refill can come between the rolls: draw them all at once
            rolls = numpy.random.random((len(picked) - at,))
            rest = picked[at:]
            replacements[rest[rolls < 0.8]] = random_words.mask_orth
            for k in rest[(rolls >= 0.8) & (rolls < 0.9)]:
                replacements[k] = random_words.next()
            break
        roll = numpy.random.random()   # one at a time until the cache is full again
        k = picked[at]
        if roll < 0.8:
            replacements[k] = random_words.mask_orth
        elif roll < 0.9:
            replacements[k] = random_words.next()
        at += 1
    return keep, mask_docs(docs, replacements)


__all__ = ["create_pretrain_characters", "create_pretrain_vectors", "get_characters_loss",
           "get_vectors_loss", "create_multi_task_model", "build_multi_task_model",
           "build_cloze_multi_task_model",
           "build_cloze_characters_multi_task_model", "build_masked_language_model",
           "apply_mask", "RandomWords"]
