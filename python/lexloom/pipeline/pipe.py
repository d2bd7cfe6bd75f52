"""Pipe: the base of every pipeline component, trainable or not.

A component is called on one Doc (`comp(doc)`) or a stream (`comp.pipe(docs)`), may be
initialized from sample data, scores Examples with its `scorer`, and saves itself. Trainable
components derive from TrainablePipe (trainable_pipe.py), which adds the model and training.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..errors import PipelineError
from ..util import minibatch as util_minibatch
from ..util import raise_error  # noqa: F401  (the default error handler, spaCy's)


def minibatch(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of `size` items (the last one may be shorter): util.minibatch, with
    a batch_size below 1 refused rather than giving no batches."""
    if size < 1:
        raise PipelineError(f"batch_size must be at least 1, not {size}.")
    return util_minibatch(items, size)


def deserialize_config(path: str | Path) -> Any:
    """The JSON settings file at `path`, or {} when there is none: spaCy's helper, which
    custom components' from_disk call for their "cfg" file. A file that isn't JSON raises
    InputFileError naming it."""
    from ..line_reader import read_json

    path = Path(path)
    if not path.exists():
        return {}
    return read_json(path, what="component settings file")


class Pipe:
    """A pipeline component. Subclasses implement __call__ (and usually pipe)."""

    name: str = ""

    def __call__(self, doc):
        raise NotImplementedError(f"{type(self).__name__} ({self.name!r}) must implement "
                                  "__call__(doc) -> doc.")

    def pipe(self, stream: Iterable, *, batch_size: int = 128) -> Iterator:
        """Apply the component to each Doc of a stream, in order."""
        handler = self.get_error_handler()
        for doc in stream:
            try:
                yield self(doc)
            except Exception as e:
                handler(self.name, self, [doc], e)

    def initialize(self, get_examples: Callable[[], Iterable] | None = None, *, nlp=None,
                   **settings) -> None:
        """Prepare the component from sample data (nothing to do by default)."""

    def score(self, examples: Iterable, **kwargs) -> dict[str, Any]:
        """Score Examples with self.scorer, passing the component's settings (cfg) and labels
        as keyword arguments, overridden by kwargs."""
        scorer = getattr(self, "scorer", None)
        if scorer is None:
            return {}
        scorer_kwargs: dict[str, Any] = {}
        cfg = getattr(self, "cfg", None)
        if isinstance(cfg, dict):
            scorer_kwargs.update(cfg)
        if hasattr(self, "labels"):
            scorer_kwargs["labels"] = self.labels
        scorer_kwargs.update(kwargs)
        return scorer(examples, **scorer_kwargs)

    @property
    def is_trainable(self) -> bool:
        return False

    @property
    def labels(self) -> tuple[str, ...]:
        return ()

    @property
    def hide_labels(self) -> bool:
        return False

    @property
    def label_data(self) -> Any:
        """JSON-serializable data enough to recreate the labels through initialize()."""
        return None

    def _require_labels(self) -> None:
        if not self.labels or list(self.labels) == [""]:
            raise PipelineError(
                f"[E143] Component '{self.name}' has no labels. Give it training examples with "
                "annotation for it in nlp.initialize(get_examples), or add labels with "
                f"add_label / [initialize.components.{self.name}.labels].")

    def set_error_handler(self, error_handler: Callable) -> None:
        """error_handler(name, component, docs, exception) deals with a failing batch."""
        self.error_handler = error_handler

    def get_error_handler(self) -> Callable:
        return getattr(self, "error_handler", raise_error)

    # Components without state save nothing; subclasses with state override these.
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return b""

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()):
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()):
        return self

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


def keeps_methods(component: Any, base: type, *names: str) -> bool:
    """Whether the component's class keeps `base`'s own methods `names` (no subclass
    overrides them): only then may a native fast path stand for the hooks spaCy's
    __call__ runs."""
    cls = type(component)
    return all(getattr(cls, name) is getattr(base, name) for name in names)


def register_factory(name: str, **meta) -> Callable[[Callable], Callable]:
    """@Language.factory(name, **meta), imported late (Language imports this package lazily,
    when a factory is first looked up)."""
    from ..language import Language

    return Language.factory(name, **meta)
