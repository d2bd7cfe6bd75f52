"""Structural types of pipeline components, for isinstance checks without a common base
class: trainable (update / finish_update), initializable, and listened-to (a shared
embedding layer with listeners)."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class TrainableComponent(Protocol):
    model: Any
    is_trainable: bool

    def update(self, examples: Iterable[Any], *, drop: float = 0.0, sgd: Any = None,
               losses: dict[str, float] | None = None) -> dict[str, float]: ...

    def finish_update(self, sgd: Any) -> None: ...


@runtime_checkable
class InitializableComponent(Protocol):
    def initialize(self, get_examples: Callable[[], Iterable[Any]], nlp: Any,
                   **kwargs: Any): ...


@runtime_checkable
class ListenedToComponent(Protocol):
    model: Any
    listeners: Sequence[Any]
    listener_map: dict[str, Sequence[Any]]
    listening_components: list[str]

    def add_listener(self, listener: Any, component_name: str) -> None: ...

    def remove_listener(self, listener: Any, component_name: str) -> bool: ...

    def find_listeners(self, component: Any) -> None: ...
