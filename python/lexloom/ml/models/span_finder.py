"""The span finder's architecture: token vectors, then per token two independent
probabilities (a span starts here, a span ends here), flattened to one row per token."""
from __future__ import annotations

from typing import Callable, List, Tuple

from thinc.api import Model, chain, with_array
from thinc.types import Floats2d

from ...registry import register


@register("architectures", "lexloom.SpanFinder.v1", "spacy.SpanFinder.v1")
def build_finder_model(tok2vec: Model[List, List[Floats2d]], scorer: Model[Floats2d, Floats2d]
                       ) -> Model[List, Floats2d]:
    """docs -> (n_tokens, 2) scores: tok2vec >> with_array(scorer) >> flattener."""
    logistic_layer: Model = with_array(scorer)
    model: Model = chain(tok2vec, logistic_layer, flattener())
    model.set_ref("tok2vec", tok2vec)
    model.set_ref("scorer", scorer)
    model.set_ref("logistic_layer", logistic_layer)
    return model


def flattener() -> Model[List[Floats2d], Floats2d]:
    """Per-doc score arrays -> one array of all the batch's tokens (and back in backprop)."""
    return Model("Flattener", forward=_flatten_forward)


def _flatten_forward(model: Model, X: List[Floats2d], is_train: bool
                     ) -> Tuple[Floats2d, Callable[[Floats2d], List[Floats2d]]]:
    lengths = model.ops.asarray1i([len(x) for x in X])
    Y = model.ops.flatten(X)

    def backprop(dY: Floats2d) -> List[Floats2d]:
        return model.ops.unflatten(dY, lengths)

    return Y, backprop


__all__ = ["build_finder_model", "flattener"]
