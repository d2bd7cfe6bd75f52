"""Starting or joining a Ray cluster, and turning Ray's wrapped failures into lexloom errors."""
from __future__ import annotations

import os
import socket
from typing import Any

from ..errors import (
    ClusterUnreachableError,
    DistributedError,
    LexloomError,
    RayNotInstalledError,
)

LOCAL = ("local", "", None)
# Ray's object store for a local cluster started by lexloom (bytes); LEXLOOM_RAY_OBJECT_STORE
# overrides. Shards never travel through it, so a small store is enough.
DEFAULT_OBJECT_STORE = 200 * 1024 * 1024


def import_ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as e:
        raise RayNotInstalledError(f"lexloom.distributed needs Ray ({e}). Install it with: "
                                   "pip install 'lexloom[ray]'") from None
    return ray


def connect(address: str | None = None, *, num_cpus: int | None = None) -> bool:
    """Join the Ray cluster at `address` ("auto": the one RAY_ADDRESS / `ray start` names;
    "HOST:PORT"; "ray://HOST:PORT" for Ray Client), or start a local one when address is
    None or "local". Returns True when this call started Ray (the caller shuts it down)."""
    ray = import_ray()
    if address not in LOCAL and address != "auto" and not address.startswith("ray://"):
        _check_reachable(address)
    if ray.is_initialized():
        return False
    kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": True,
                              "configure_logging": False}
    if address in LOCAL:
        kwargs["num_cpus"] = num_cpus
        kwargs["object_store_memory"] = int(os.environ.get("LEXLOOM_RAY_OBJECT_STORE",
                                                           DEFAULT_OBJECT_STORE))
        ray.init(**kwargs)
        return True
    kwargs.pop("include_dashboard")
    try:
        ray.init(address=address, **kwargs)
    except (ConnectionError, RuntimeError, ValueError, TimeoutError) as e:
        raise ClusterUnreachableError(
            f"Can't join the Ray cluster at {address!r}: {e}. Start one with `ray start "
            "--head` (it prints the address), check host and port, or leave --ray's address "
            "out to run on a local cluster.") from None
    return True


def _check_reachable(address: str) -> None:
    """Fail fast, with a clear message, when nothing listens at HOST:PORT (Ray itself retries
    for a long time before it gives up)."""
    host, sep, port = address.rpartition(":")
    if not sep or not port.isdigit():
        raise ClusterUnreachableError(f"Ray address {address!r} is not HOST:PORT, 'auto' or "
                                      "'local'.")
    try:
        with socket.create_connection((host or "127.0.0.1", int(port)), timeout=5):
            pass
    except OSError as e:
        raise ClusterUnreachableError(
            f"No Ray cluster at {address} ({e.strerror or e}). Start one there with `ray start "
            f"--head --port={port}`, check the address, or leave --ray's address out to run "
            "on a local cluster.") from None


def worker_name() -> str:
    """'node 10.0.0.5, pid 1234': who a worker is, for error messages."""
    try:
        import ray

        node = ray.util.get_node_ip_address()
    except Exception:  # noqa: BLE001 - best effort, only for a message
        node = socket.gethostname()
    return f"node {node}, pid {os.getpid()}"


def unwrap(error: BaseException) -> BaseException:
    """The lexloom error inside Ray's wrappers (RayTaskError, ActorDiedError, Ray Data's
    own), or `error` itself when there is none."""
    seen = set()
    stack = [error]
    while stack:
        e = stack.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, LexloomError):
            return e
        for attr in ("cause", "__cause__", "__context__"):
            inner = getattr(e, attr, None)
            if isinstance(inner, BaseException):
                stack.append(inner)
        creation = getattr(e, "creation_task_error", None)
        if isinstance(creation, BaseException):
            stack.append(creation)
    text = str(error)
    for cls in DistributedError.__subclasses__():
        if f"{cls.__name__}:" in text:
            start = text.index("[lexloom]") if "[lexloom]" in text else 0
            return cls(text[start:].splitlines()[0])
    return error
