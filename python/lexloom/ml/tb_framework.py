"""spaCy's `parser_model`: the transition model as one Thinc node over three layers
(tok2vec >> list2array >> Linear, the precomputable-affine lower layer, the `upper` output
Linear or a noop), and the step model a batch of Docs gives.

Calling the model on Docs runs the tok2vec and the lower layer's product once and returns a
`ParserStepModel` (parser_model.py). Greedy inference hands its arrays (`greedy_weights`) to
the native decoder; the training loop and beam search ask it for scores of batches of
states' context rows. Its gradients accumulate over the steps and go back through the layers
once (`finish_steps`). Moves never seen in training (`unseen_classes`) score the batch's
minimum.
"""
from __future__ import annotations

from thinc.api import Model, noop

from ..registry import register
from .parser_model import ParserStepModel


@register("layers", "lexloom.TransitionModel.v1", "spacy.TransitionModel.v1")
def TransitionModel(tok2vec: Model, lower: Model, upper: Model | None, resize_output,
                    dropout: float = 0.2, unseen_classes=()) -> Model:
    """The parser's model node over [tok2vec, lower, upper] (upper: a noop without an output
    layer). `dropout` is accepted for spaCy's signature; as in spaCy the step model drops
    hidden units at its own rate (0.1)."""
    has_upper = upper is not None
    if upper is None:
        upper = noop()
    return Model("parser_model", forward, init=init,
                 dims={"nI": tok2vec.maybe_get_dim("nI")},
                 layers=[tok2vec, lower, upper],
                 refs={"tok2vec": tok2vec, "lower": lower, "upper": upper},
                 attrs={"has_upper": has_upper, "unseen_classes": set(unseen_classes),
                        "resize_output": resize_output})


def init(model: Model, X=None, Y=None) -> Model:
    """Initialize the tok2vec from sample Docs, then the lower and upper layers."""
    model.get_ref("tok2vec").initialize(X=X)
    lower = model.get_ref("lower")
    lower.initialize()
    if model.attrs["has_upper"]:
        model.get_ref("upper").initialize(X=model.ops.alloc2f(2, lower.get_dim("nO")))
    return model


def forward(model: Model, X: list, is_train: bool):
    """Docs -> (a ParserStepModel for the batch, its finish_steps)."""
    step_model = ParserStepModel(X, model.layers, has_upper=model.attrs["has_upper"],
                                 unseen_classes=model.attrs["unseen_classes"], train=is_train)
    return step_model, step_model.finish_steps


__all__ = ["TransitionModel", "forward", "init"]
