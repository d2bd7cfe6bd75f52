"""spaCy's `TransitionBasedParser` architecture (v1 and v2 build the same tree): the model
of the parser and the entity recognizer.

tok2vec >> list2array >> Linear(hidden_width) maps tokens to vectors; the precomputable
affine lower layer (nF context tokens per state: 8 or 13 for the parser, 3 or 6 for the
ner) makes the state's hidden vector (maxout of nP pieces); the `upper` Linear, zero-
initialized, scores the moves. Without an upper layer the lower layer outputs the scores
itself (nO = moves). `resize_output` grows the output layer when moves are added: old rows
keep their weights, new rows start at zero and count as unseen until trained.
"""
from __future__ import annotations

from typing import Literal, Optional

from thinc.api import Linear, Model, chain, list2array, zero_init

from ...errors import ModelError
from ...registry import register
from .._precomputable_affine import PrecomputableAffine
from ..tb_framework import TransitionModel

# Context tokens per state: (state_type, extra_state_tokens) -> nF.
N_FEATURES = {("parser", False): 8, ("parser", True): 13, ("ner", False): 3, ("ner", True): 6}


@register("architectures", "lexloom.TransitionBasedParser.v2", "spacy.TransitionBasedParser.v2",
          "spacy.TransitionBasedParser.v1", "spacy-legacy.TransitionBasedParser.v1")
def build_tb_parser_model(tok2vec: Model, state_type: Literal["parser", "ner"],
                          extra_state_tokens: bool,
                          hidden_width: int, maxout_pieces: int, use_upper: bool = True,
                          nO: Optional[int] = None) -> Model:
    if state_type not in ("parser", "ner"):
        raise ModelError(f"TransitionBasedParser state_type is 'parser' or 'ner', not "
                         f"{state_type!r}.")
    t2v_width = tok2vec.get_dim("nO") if tok2vec.has_dim("nO") else None
    tok2vec = chain(tok2vec, list2array(), Linear(hidden_width, t2v_width))
    tok2vec.set_dim("nO", hidden_width)
    lower = PrecomputableAffine(nO=hidden_width if use_upper else nO,
                                nF=N_FEATURES[(state_type, bool(extra_state_tokens))],
                                nI=tok2vec.get_dim("nO"), nP=maxout_pieces)
    upper = Linear(nO=nO, nI=None, init_W=zero_init) if use_upper else None
    return TransitionModel(tok2vec, lower, upper, resize_output)


def resize_output(model: Model, new_nO: int) -> Model:
    """Give the output layer new_nO classes, keeping the rows it has."""
    if model.attrs["has_upper"]:
        return _resize_upper(model, new_nO)
    return _resize_lower(model, new_nO)


def _resize_upper(model: Model, new_nO: int) -> Model:
    upper = model.get_ref("upper")
    if upper.has_dim("nO") is None:
        upper.set_dim("nO", new_nO)
        return model
    if new_nO == upper.get_dim("nO"):
        return model
    nI = upper.maybe_get_dim("nI")
    larger = Linear(nO=new_nO, nI=nI, init_W=zero_init)
    larger.ops = upper.ops
    if upper.has_param("W"):
        W = larger.ops.alloc2f(new_nO, nI)
        b = larger.ops.alloc1f(new_nO)
        # Fewer classes happens too: a pipeline's `moves` file with fewer moves than the
        # model was built for, read before its weights (which must then match it).
        keep = min(upper.get_dim("nO"), new_nO)
        W[:keep] = upper.get_param("W")[:keep]
        b[:keep] = upper.get_param("b")[:keep]
        _resized_classes(model, keep, new_nO)
        larger.set_param("W", W)
        larger.set_param("b", b)
    model._layers[-1] = larger
    model.set_ref("upper", larger)
    return model


def _resize_lower(model: Model, new_nO: int) -> Model:
    lower = model.get_ref("lower")
    if lower.has_dim("nO") is None:
        lower.set_dim("nO", new_nO)
        return model
    if new_nO == lower.get_dim("nO"):
        return model
    nF, nP, nI = (lower.get_dim(d) for d in ("nF", "nP", "nI"))
    larger = PrecomputableAffine(nO=new_nO, nI=nI, nF=nF, nP=nP)
    larger.ops = lower.ops
    if lower.has_param("W"):
        ops = larger.ops
        W = ops.alloc4f(nF, new_nO, nP, nI)
        b = ops.alloc2f(new_nO, nP)
        pad = ops.alloc4f(1, nF, new_nO, nP)
        keep = min(lower.get_dim("nO"), new_nO)
        W[:, :keep] = lower.get_param("W")[:, :keep]
        pad[:, :, :keep] = lower.get_param("pad")[:, :, :keep]
        b[:keep] = lower.get_param("b")[:keep]
        _resized_classes(model, keep, new_nO)
        larger.set_param("W", W)
        larger.set_param("b", b)
        larger.set_param("pad", pad)
    model._layers[1] = larger
    model.set_ref("lower", larger)
    return model


def _resized_classes(model: Model, keep: int, new_nO: int) -> None:
    """Classes past the kept rows are new (unseen); none at or past new_nO remain."""
    unseen = model.attrs["unseen_classes"]
    unseen.difference_update([c for c in unseen if c >= new_nO])
    unseen.update(range(keep, new_nO))


__all__ = ["build_tb_parser_model", "resize_output", "N_FEATURES"]
