"""One batch of an embedding component's output, handed to every listener, with their
gradients gathered back (shared by the tok2vec and transformer components).

Each listener sends one gradient per update; they are summed by the component's
`accumulate`, and the component's `backprop` runs once, when the last listener has sent its
gradient (then the optimizer steps, if one was given). Gradients that arrive but not from
every listener still reach the model: the leftover backprop runs at the end of nlp.update
(or in the component's finish_update, if that comes first), through
`pipe._pending_backprop`.
"""
from __future__ import annotations

from typing import Callable

from ..errors import PipelineError
from ..ml.listening import batch_id


def broadcast_to_listeners(pipe, docs: list, outputs, *,
                           accumulate: Callable[[list], float], backprop: Callable[[], None],
                           losses: dict, sgd=None) -> None:
    """Give `outputs` to every listener of `pipe` (its listener_map); `accumulate(grads)`
    adds one listener's gradients and returns their squared sum for the loss."""
    waiting = {id(listener) for listener in pipe.listeners}
    state = {"done": False, "received": False}

    def run_backprop() -> None:
        state["done"] = True
        pipe._pending_backprop = None
        backprop()

    def make_callback(listener_id: int, component: str) -> Callable:
        def callback(grads: list) -> list:
            if state["done"]:
                raise PipelineError(
                    f"The listener in '{component}' sent a gradient to '{pipe.name}' after "
                    f"'{pipe.name}' had already backpropagated this batch; each listener "
                    "sends one gradient per update.")
            losses[pipe.name] += accumulate(grads)
            state["received"] = True
            waiting.discard(listener_id)
            if not waiting:
                run_backprop()
                if sgd not in (None, False):
                    pipe.finish_update(sgd)
            return []
        return callback

    def pending() -> bool:
        """The backprop owed for the gradients received so far; True once none is owed."""
        if state["received"] and not state["done"]:
            run_backprop()
        return state["done"]

    pipe._pending_backprop = pending
    key = batch_id(docs)
    for component, listeners in pipe.listener_map.items():
        for listener in listeners:
            listener.receive(key, outputs, make_callback(id(listener), component))


def add_listeners_among(pipe, nodes, component_name: str, listener_type: type) -> None:
    """Register the `listener_type` layers among `nodes` (a model's layers) that listen to
    `pipe` (upstream_name equal to its name, or "*"): its find_listeners, given the nodes."""
    for node in nodes:
        if isinstance(node, listener_type) and node.upstream_name in ("*", pipe.name):
            pipe.add_listener(node, component_name)


def run_pending_backprop(pipe) -> None:
    """The backprop still owed for gradients some (not all) listeners sent: a component's
    finish_update calls this before its optimizer step, and nlp.update at its end. Kept
    while no listener has sent anything yet (nlp.update steps a tok2vec before its
    listeners run)."""
    pending = pipe._pending_backprop
    if pending is not None and pending():
        pipe._pending_backprop = None


def run_pending_backprops(pipeline) -> None:
    """run_pending_backprop for each (name, component) that broadcast to listeners: at the end
    of nlp.update, and before gradients are averaged across workers."""
    for _name, proc in pipeline:
        if callable(getattr(proc, "_pending_backprop", None)):
            run_pending_backprop(proc)


__all__ = ["add_listeners_among", "broadcast_to_listeners", "run_pending_backprop",
           "run_pending_backprops"]
