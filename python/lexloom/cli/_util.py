"""Helpers the command modules share: status lines, config overrides, list arguments,
walking input folders, running the app (spaCy's cli._util names)."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import typer

from ..util import ENV_VARS
from ._app import app  # also spacy.cli._util.app


def _no_such_option_class() -> type:
    """click's NoSuchOption (an unknown option: a usage error, exit 2) as both typer and
    spaCy code know it. typer >= 0.20 runs on its own copy of click (typer._click) and
    catches only that copy's class; spaCy code and tests catch the click package's, which
    a fresh install of typer no longer brings. Where both exist: a subclass of the two."""
    bases = []
    try:
        from typer._click.exceptions import NoSuchOption as vendored
        bases.append(vendored)
    except ImportError:  # an older typer, on the click package
        pass
    try:
        from click import NoSuchOption as package
        if package not in bases:
            bases.append(package)
    except ImportError:
        pass
    return bases[0] if len(bases) == 1 else type("NoSuchOption", tuple(bases), {})


NoSuchOption = _no_such_option_class()

# lexloom's own name for the overrides variable; read as well as spaCy's, and wins over it
LEXLOOM_CONFIG_OVERRIDES = "LEXLOOM_CONFIG_OVERRIDES"

COMMAND = "python -m lexloom"


def say(kind: str, text: str, detail: object = None) -> None:
    """Print one status line (ℹ / ✔ / ⚠ / ✘) to stdout."""
    from ..training.loggers import message

    print(message(kind, text, detail, stream=sys.stdout), flush=True)


def fail(text: str, detail: object = None) -> None:
    """Print a ✘ line and exit with status 1 (a command's error)."""
    say("fail", text, detail)
    raise typer.Exit(1)


def existing_path_or_dash(value: Path | None) -> Path | None:
    """typer callback for a config argument: '-' (stdin) or a path that exists, else a usage
    error (exit 2) as spaCy's `exists=True` gives; typer's own check would refuse '-'."""
    if value is not None and str(value) != "-" and not Path(value).exists():
        raise typer.BadParameter(f"path '{value}' does not exist.")
    return value


def parse_config_overrides(args: list[str],
                           env_var: str | None = ENV_VARS.CONFIG_OVERRIDES) -> dict[str, Any]:
    """Dotted config overrides from a command's extra arguments (--a.b 1, --a.b=1, a bare
    --a.b flag is true) and from the environment variable `env_var` (by default spaCy's
    SPACY_CONFIG_OVERRIDES, and LEXLOOM_CONFIG_OVERRIDES too), which win over the arguments.
    An argument without a section is an unknown option to the command (click's
    NoSuchOption, a usage error); any other malformed override prints why and exits 1."""
    from ..util import split_command

    env: dict[str, Any] = {}
    names = [env_var] if env_var else []
    if env_var == ENV_VARS.CONFIG_OVERRIDES:
        names.append(LEXLOOM_CONFIG_OVERRIDES)
    for name in names:
        env.update(_overrides(split_command(os.environ.get(name, "")), f"${name}"))
    cli = _overrides(list(args or ()), "the command line")
    return {**cli, **env}


def _overrides(args: list[str], origin: str) -> dict[str, Any]:
    """util.parse_overrides, with its errors turned into the command line's: an option
    without a section on the command line is click's unknown option."""
    from ..errors import ConfigError
    from ..util import parse_overrides

    try:
        return parse_overrides(args)
    except ConfigError as e:
        if origin == "the command line":
            for arg in args:
                if arg.startswith("--") and "." not in arg[2:].split("=", 1)[0]:
                    raise NoSuchOption(arg) from None
        say("fail", f"Invalid config override in {origin}", str(e))
        sys.exit(1)  # SystemExit, as spaCy's helper exits, also outside a running command


def string_to_list(value: str, intify: bool = False) -> list:
    """A comma-separated CLI value as a list: "a,b", "[a, b]", '["a", "b"]' and "['a','b']"
    all give ["a", "b"]; intify converts each item to int."""
    if not value:
        return []
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
    items = []
    for item in value.split(","):
        item = item.strip()
        if len(item) >= 2 and item[0] == item[-1] and item[0] in "'\"":
            item = item[1:-1]
        item = item.strip()
        items.append(int(item) if intify else item)
    return items


def get_git_version(error: str = "Could not run 'git'. Make sure it's installed and the "
                                 "executable is available.") -> tuple[int, int]:
    """git's (major, minor) version; (0, 0) when its answer can't be read. RuntimeError
    (with `error`) when git can't be run, so callers can tell users to install it."""
    from ..util import run_command

    try:
        ret = run_command("git --version", capture=True)
    except Exception:
        raise RuntimeError(error) from None
    out = (ret.stdout or "").strip()
    if not out.startswith("git version"):
        return 0, 0
    parts = out[len("git version"):].strip().split(".")
    try:
        return int(parts[0]), int(parts[1])
    except (IndexError, ValueError):
        return 0, 0


def walk_directory(path: Path, suffix: str | None = None) -> list[Path]:
    """The files under `path` (or `path` itself), hidden ones skipped, optionally only those
    ending in `suffix`, sorted."""
    path = Path(path)
    if not path.is_dir():
        return [path]
    found = []
    for child in sorted(path.rglob("*")):
        if any(part.startswith(".") for part in child.relative_to(path).parts):
            continue
        if child.is_file() and (suffix is None or child.name.endswith(suffix)):
            found.append(child)
    return found


def setup_cli() -> None:
    """Run the command line (what `python -m lexloom` does), with every registered function
    available to configs."""
    from ..util import _ensure_builtins

    _ensure_builtins()
    command = typer.main.get_command(app)
    command(prog_name=COMMAND)


# ---- more of spaCy's cli._util names, for plugins that build their commands on them --------

SDIST_SUFFIX = ".tar.gz"
WHEEL_SUFFIX = "-py3-none-any.whl"
PROJECT_FILE = "project.yml"
NAME = "lexloom"
HELP = app.info.help
Arg = typer.Argument
Opt = typer.Option


def _parse_overrides(args: list[str], is_cli: bool = False) -> dict[str, Any]:
    """spaCy's name for the command line half of parse_config_overrides."""
    return _overrides(list(args), "the command line" if is_cli else "the arguments")


def _parse_override(value: Any) -> Any:
    """One override value as spaCy's CLI reads it: JSON where it parses, else the string."""
    import srsly

    try:
        return srsly.json_loads(value)
    except ValueError:
        return str(value)


def import_code(code_path: str | Path | None) -> None:
    """Import the Python file a command's --code names, so its registered functions exist;
    a missing file or one that fails to import prints why and exits 1 (as spaCy's)."""
    from ..util import import_file

    if code_path is None:
        return
    if not Path(code_path).exists():
        say("fail", "Path to Python code not found", code_path)
        sys.exit(1)
    try:
        import_file("python_code", code_path)
    except Exception as e:  # noqa: BLE001 -- whatever the user's file raises is reported
        say("fail", f"Couldn't load Python code: {code_path}", e)
        sys.exit(1)


def setup_gpu(use_gpu: int, silent: bool | None = None) -> None:
    """Put thinc on GPU `use_gpu` (>= 0) or stay on the CPU, saying which unless silent."""
    import io

    from ..training.loop import setup_gpu as setup

    setup(use_gpu, stdout=io.StringIO() if silent else None)


def show_validation_error(file_path: str | Path | None = None, *, title: str | None = None,
                          desc: str = "", show_config: bool | None = None,
                          hint_fill: bool = True):
    """A context manager that turns a config validation error inside it into a ✘ message
    (and a fill-config hint where values are missing) and exit status 1, as spaCy's."""
    from contextlib import contextmanager

    from confection import ConfigValidationError

    @contextmanager
    def shown():
        try:
            yield
        except ConfigValidationError as e:
            text_desc = desc
            if e.desc:
                text_desc = f"{e.desc}" if not desc else f"{e.desc}\n\n{desc}"
            err = e.from_error(e, title="", desc=text_desc, show_config=show_config)
            say("fail", title if title is not None else e.title)
            text = err.text.strip()
            if text.startswith("[lexloom]"):   # the ✘ line above already says whose it is
                text = text[len("[lexloom]"):].strip()
            print(text)
            if hint_fill and "value_error.missing" in err.error_types:
                path = file_path if file_path is not None and str(file_path) != "-" \
                    else "config.cfg"
                print("\nIf your config contains missing values, you can run the 'init "
                      "fill-config' command to fill in all the defaults, if possible:\n")
                print(f"{COMMAND} init fill-config {path} {path} \n")
            sys.exit(1)

    return shown()


def _format_number(number: int | float, ndigits: int = 2) -> str:
    """A float with exactly `ndigits` decimals (trailing zeros kept); an int as it is."""
    return f"{number:.{ndigits}f}" if isinstance(number, float) else str(number)


def __getattr__(name: str):
    """spaCy's sub-apps (init_cli, debug_cli, benchmark_cli): lexloom's, from the command
    modules that define them (imported here on first use: they import this module)."""
    import importlib

    where = {"init_cli": ("init_config", "init_app"), "debug_cli": ("debug", "debug_app"),
             "benchmark_cli": ("benchmark_speed", "benchmark_app")}
    if name in where:
        module, attr = where[name]
        return getattr(importlib.import_module(f"{__package__}.{module}"), attr)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
