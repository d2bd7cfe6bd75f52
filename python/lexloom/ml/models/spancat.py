"""The span categorizer's architecture: token vectors, the rows of each suggested span, a
reducer to one vector per span, and a scorer over the labels."""
from __future__ import annotations

from typing import List, Optional, Tuple

from thinc.api import (Linear, Logistic, Maxout, Model, chain, concatenate,
                       glorot_uniform_init, list2ragged, reduce_first, reduce_last,
                       reduce_max, reduce_mean, with_getitem)
from thinc.types import Floats2d, Ragged

from ...registry import register
from ..extract_spans import extract_spans


@register("layers", "lexloom.LinearLogistic.v1", "spacy.LinearLogistic.v1")
def build_linear_logistic(nO: Optional[int] = None, nI: Optional[int] = None
                          ) -> Model[Floats2d, Floats2d]:
    """Independent probabilities per label (multi-label spancat): Linear >> Logistic."""
    return chain(Linear(nO=nO, nI=nI, init_W=glorot_uniform_init), Logistic())


@register("layers", "lexloom.mean_max_reducer.v1", "spacy.mean_max_reducer.v1")
def build_mean_max_reducer(hidden_size: int) -> Model[Ragged, Floats2d]:
    """A span's last, first, mean and max rows, concatenated (in that order, as spaCy), then
    a normalized Maxout layer."""
    return chain(concatenate(reduce_last(), reduce_first(), reduce_mean(), reduce_max()),
                 Maxout(nO=hidden_size, normalize=True, dropout=0.0))


@register("architectures", "lexloom.SpanCategorizer.v1", "spacy.SpanCategorizer.v1")
def build_spancat_model(tok2vec: Model, reducer: Model, scorer: Model
                        ) -> Model[Tuple[List, Ragged], Floats2d]:
    """(docs, spans) -> scores: with_getitem(0, tok2vec >> list2ragged) >> extract_spans >>
    reducer >> scorer."""
    model = chain(with_getitem(0, chain(tok2vec, list2ragged())), extract_spans(), reducer,
                  scorer)
    model.set_ref("tok2vec", tok2vec)
    model.set_ref("reducer", reducer)
    model.set_ref("scorer", scorer)
    return model
