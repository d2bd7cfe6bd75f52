"""NVTX ranges for GPU profiling (spaCy's `spacy.ml.callbacks`): callbacks for
[nlp.after_pipeline_creation] that wrap every node of the trainable components' models, and
optionally the components' methods, in named NVTX ranges, so Nsight shows where time goes.
"""
from __future__ import annotations

import functools
import inspect
import types
import warnings
from collections.abc import Callable

from ..registry import register

DEFAULT_NVTX_ANNOTATABLE_PIPE_METHODS = [
    "pipe", "predict", "set_annotations", "update", "rehearse", "get_loss", "initialize",
    "begin_update", "finish_update",
]


def models_with_nvtx_range(nlp, forward_color: int, backprop_color: int):
    """Wrap each node of each trainable component's model once (shared nodes once)."""
    from thinc.layers import with_nvtx_range

    seen: set = set()
    for _name, pipe in nlp.components:
        if not getattr(pipe, "is_trainable", False):
            continue
        for node in pipe.model.walk():
            if id(node) in seen:
                continue
            seen.add(id(node))
            with_nvtx_range(node, forward_color=forward_color, backprop_color=backprop_color)
    return nlp


@register("callbacks", "lexloom.models_with_nvtx_range.v1", "spacy.models_with_nvtx_range.v1")
def create_models_with_nvtx_range(forward_color: int = -1, backprop_color: int = -1
                                  ) -> Callable:
    """The callback: nlp -> nlp with every model node in an NVTX range."""
    return functools.partial(models_with_nvtx_range, forward_color=forward_color,
                             backprop_color=backprop_color)


def nvtx_range_wrapper_for_pipe_method(self, func: Callable, *args, **kwargs):
    """Run a component's method inside an NVTX range named "<component> <method>"."""
    if isinstance(func, functools.partial):
        return func(*args, **kwargs)
    from thinc.util import use_nvtx_range

    with use_nvtx_range(f"{self.name} {func.__name__}"):
        return func(*args, **kwargs)


def pipes_with_nvtx_range(nlp, additional_pipe_functions: dict[str, list[str]] | None):
    """Wrap the components' methods (the defaults plus, per component name, the extra ones)
    in NVTX ranges; methods that can't be wrapped are skipped with a warning."""
    for _name, pipe in nlp.components:
        extra = (additional_pipe_functions or {}).get(pipe.name, [])
        for method in DEFAULT_NVTX_ANNOTATABLE_PIPE_METHODS + extra:
            func = getattr(pipe, method, None)
            if func is None:
                if method in extra:
                    warnings.warn(f"[lexloom] Component '{pipe.name}' has no method "
                                  f"{method!r} to wrap in an NVTX range.")
                continue
            wrapped = functools.partial(
                types.MethodType(nvtx_range_wrapper_for_pipe_method, pipe), func)
            try:
                wrapped.__signature__ = inspect.signature(func)  # type: ignore[attr-defined]
                setattr(pipe, method, wrapped)
            except (ValueError, TypeError, AttributeError):
                warnings.warn(f"[lexloom] Can't wrap {method!r} of component '{pipe.name}' "
                              "in an NVTX range; it is left as it is.")
    return nlp


@register("callbacks", "lexloom.models_and_pipes_with_nvtx_range.v1",
          "spacy.models_and_pipes_with_nvtx_range.v1")
def create_models_and_pipes_with_nvtx_range(
        forward_color: int = -1, backprop_color: int = -1,
        additional_pipe_functions: dict[str, list[str]] | None = None) -> Callable:
    """The callback: models and components' methods in NVTX ranges."""
    def inner(nlp):
        nlp = models_with_nvtx_range(nlp, forward_color, backprop_color)
        return pipes_with_nvtx_range(nlp, additional_pipe_functions)

    return inner


__all__ = [
    "DEFAULT_NVTX_ANNOTATABLE_PIPE_METHODS",
    "create_models_and_pipes_with_nvtx_range",
    "create_models_with_nvtx_range",
    "models_with_nvtx_range",
    "nvtx_range_wrapper_for_pipe_method",
    "pipes_with_nvtx_range",
]
