"""`lexloom find-function`: where a registered function (a config's @architectures = ...)
is defined."""
from __future__ import annotations

import typer

from ._app import app
from ._util import fail, say


def find_function(func_name: str, registry_name: str) -> tuple[str, int]:
    """(file, line) of the function registered as `func_name` in the registry
    `registry_name` ("architectures", "layers", "misc", ...)."""
    import catalogue

    from ..util import _ensure_builtins

    _ensure_builtins()
    if registry_name not in registry_names():
        fail(f"Unknown function registry: '{registry_name}'",
             f"Known registries: {', '.join(registry_names())}")
    try:
        found = _find(registry_name, func_name)
    except (catalogue.RegistryError, ValueError, AttributeError) as e:
        fail(f"Couldn't find registered function: '{func_name}' in registry "
             f"'{registry_name}'", e)
    if not found.get("file") or not found.get("line_no"):
        fail(f"Couldn't find path to registered function: '{func_name}' in registry "
             f"'{registry_name}'")
    say("good", f"Found registered function '{func_name}' at {found['file']}:"
                f"{found['line_no']}")
    return str(found["file"]), int(found["line_no"])


def _find(registry_name: str, func_name: str) -> dict:
    """catalogue's description of a registered function; for layers and optimizers,
    lexloom's own registry first, then thinc's."""
    import catalogue
    from thinc.api import registry as thinc_registry

    from ..util import registry

    if registry_name not in registry_names():
        raise ValueError(f"There is no registry '{registry_name}'. Known: "
                         f"{', '.join(registry_names())}.")
    reg = getattr(registry, registry_name)
    try:
        return catalogue.Registry.find(reg, func_name)
    except catalogue.RegistryError:
        thinc_name = getattr(reg, "thinc_name", None)
        if thinc_name is not None:
            return getattr(thinc_registry, thinc_name).find(func_name)
        raise


def registry_names() -> list[str]:
    """The names of the function registries configs can refer to, sorted."""
    import catalogue

    from ..util import registry

    return sorted(name for name in dir(registry)
                  if isinstance(getattr(registry, name, None), catalogue.Registry))


def registry_of(func_name: str) -> str | None:
    """The first registry (in name order) that has `func_name`, or None."""
    from ..util import _ensure_builtins, registry

    _ensure_builtins()
    for name in registry_names():
        if registry.has(name, func_name):
            return name
    return None


@app.command("find-function")
def find_function_cli(
    func_name: str = typer.Argument(..., help="Name of the registered function."),
    registry_name: str | None = typer.Option(None, "--registry", "-r",
                                                help="Name of the catalogue registry."),
):
    """Find the module, path and line number of the file a registered function is
    defined in."""
    registry_name = registry_name or registry_of(func_name)
    if not registry_name:
        fail(f"Couldn't find registered function: '{func_name}'")
    find_function(func_name, registry_name)
