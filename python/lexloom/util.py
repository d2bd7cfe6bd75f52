"""Config helpers: loading with overrides, checking registry names with a useful message,
resolving with errors that say where, and dotted-path access into nested dicts."""
from __future__ import annotations

import bisect
import itertools
from pathlib import Path
from typing import Any

from .ecosystem import unknown_name_hint
from .errors import ConfigError


def load_config(path: str | Path, overrides: dict | None = None, interpolate: bool = False):
    """Read a config file ("-" for stdin), apply dotted overrides {"training.max_steps": 10}."""
    import sys

    try:
        text = sys.stdin.read() if str(path) == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"Can't read config file {path}: {e.strerror or e}.") from None
    except UnicodeDecodeError as e:
        raise ConfigError(f"Config file {path} is not UTF-8 text ({e}).") from None
    return load_config_from_str(text, overrides, interpolate=interpolate, source=str(path))


def load_config_from_str(text: str, overrides: dict | None = None, *, interpolate: bool = False,
                         source: str = "<string>"):
    from confection import Config, ConfigValidationError

    try:
        config = Config().from_str(text, overrides=overrides or {}, interpolate=interpolate)
    except ConfigValidationError as e:
        raise ConfigError(f"{source}: {_describe_validation(e)}") from None
    except Exception as e:  # configparser / interpolation errors carry line information
        raise ConfigError(f"{source}: the config can't be parsed: {e}") from None
    return config


def check_registered_names(config: Any, path: str) -> None:
    """Walk a config; every "@registry = name" must name a registered function, otherwise
    raise a ConfigError naming the block, the key and the known choices."""
    from .registry import registry

    _ensure_builtins()
    if not isinstance(config, dict):
        return
    for key, value in config.items():
        if isinstance(key, str) and key.startswith("@"):
            reg_name = key[1:]
            if not hasattr(registry, reg_name):
                raise ConfigError(f"[{path}] uses '{key}', but there is no registry called "
                                  f"'{reg_name}'.")
            if not isinstance(value, str) or not registry.has(reg_name, value):
                known = sorted(getattr(registry, reg_name).get_all())
                hint = unknown_name_hint(value, known)
                raise ConfigError(
                    f"[{path}] names '{key} = \"{value}\"', which is not registered in "
                    f"lexloom's '{reg_name}' registry.{hint} Known: "
                    f"{', '.join(known) or '(none)'}. If it is your own function, load "
                    "its module with --code my_code.py.")
        elif isinstance(value, dict):
            check_registered_names(value, f"{path}.{key}" if path else str(key))


def resolve_with_context(config: dict, *, validate: bool = True, where: str = "",
                         fill: bool = False):
    """registry.resolve (and optionally fill) with errors that name the config block."""
    import catalogue
    from confection import ConfigValidationError

    from .registry import registry

    _ensure_builtins()
    try:
        resolved = registry.resolve(config, validate=validate)
        if not fill:
            return resolved
        filled = registry.fill(config, validate=False)
        return resolved, filled
    except ConfigValidationError as e:
        raise ConfigError(f"[{where}] {_describe_validation(e)}") from None
    except catalogue.RegistryError as e:
        raise ConfigError(f"[{where}] {e}") from None


# arguments that only lexloom's name of an architecture takes -> that name
_LEXLOOM_ONLY_ARGUMENTS = {
    "cpu_inference_dtype": "'lexloom.TransformerModel.v3' (or 'lexloom.Tok2VecTransformer.v3')",
}


def _describe_validation(e) -> str:
    errors = getattr(e, "errors", None) or []
    parts = []
    for err in errors:
        path = [str(x) for x in err.get("loc", [])]
        loc = ".".join(path)
        part = f"{loc}: {err.get('msg')}"
        unexpected = "extra" in str(err.get("type", "")) or "unexpected" in str(err.get("msg"))
        if path and path[-1] in _LEXLOOM_ONLY_ARGUMENTS and unexpected:
            part += (f" ({path[-1]} is a lexloom setting that spacy-transformers' "
                     f"architectures don't take: name {_LEXLOOM_ONLY_ARGUMENTS[path[-1]]} "
                     "as @architectures to use it)")
        parts.append(part)
    title = getattr(e, "title", None) or "invalid config"
    return f"{title}" + (": " + "; ".join(parts) if parts else "")


def get_dot(config: dict, path: str) -> Any:
    """config["a"]["b"] for "a.b"; KeyError if missing."""
    node = config
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(path)
        node = node[part]
    return node


def set_dot(config: dict, path: str, value: Any) -> None:
    parts = path.split(".")
    node = config
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def parse_overrides(args: list[str]) -> dict:
    """["--paths.train", "x.spacy", "--training.max_steps=5"] -> {"paths.train": ...}, with
    values parsed as JSON where they can be (numbers, true/false, lists), else strings."""
    import json

    overrides: dict[str, Any] = {}
    i = 0
    while i < len(args):
        arg = args[i]
        if not arg.startswith("--"):
            raise ConfigError(f"Unexpected argument {arg!r}; config overrides look like "
                              "--section.key value.")
        name = arg[2:]
        if "=" in name:
            name, value = name.split("=", 1)
        elif i + 1 < len(args) and not args[i + 1].startswith("--"):
            value = args[i + 1]
            i += 1
        else:
            value = "true"
        if "." not in name:
            raise ConfigError(f"Override --{name} needs a section: --section.{name} value.")
        name = name.replace("-", "_")
        try:
            overrides[name] = json.loads(value)
        except ValueError:
            overrides[name] = value
        i += 1
    return overrides


def import_code(path: str | Path | None) -> None:
    """Import a user's Python file (--code) so its registered functions exist."""
    if path is None:
        return
    import importlib.util
    import sys

    path = Path(path)
    if not path.exists():
        raise ConfigError(f"--code file {path} doesn't exist.")
    spec = importlib.util.spec_from_file_location(path.stem, str(path))
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)


_BUILTINS_LOADED = False


def _ensure_builtins() -> None:
    """Import every module that registers functions configs can name."""
    global _BUILTINS_LOADED
    if _BUILTINS_LOADED:
        return
    import importlib

    for module in ("lexloom.builtins", "lexloom.ml", "lexloom.pipeline", "lexloom.training",
                   "lexloom.lang.registrations"):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name != module:
                raise
            continue
        if hasattr(mod, "ensure_registered"):
            mod.ensure_registered()
    _BUILTINS_LOADED = True


def __getattr__(name: str):
    """`from lexloom.util import registry` (as `from spacy.util import registry` in user code):
    loaded on first use, since the registry imports thinc."""
    if name == "registry":
        from .registry import registry

        return registry
    raise AttributeError(f"module 'lexloom.util' has no attribute {name!r}")


def filter_spans(spans) -> list:
    """Spans without overlaps or duplicates, in document order: where spans overlap, the
    longest wins, then the earliest (as spacy.util.filter_spans). Used to make entities."""
    ordered = sorted(spans, key=lambda span: (span.end - span.start, -span.start), reverse=True)
    kept = []
    taken: list[tuple[int, int]] = []  # kept (start, end) intervals, sorted by start
    for span in ordered:
        start, end = span.start, span.end
        # spaCy tests the first and last token only; a longer kept span can't sit inside
        if _covers(taken, start) or _covers(taken, end - 1):
            continue
        kept.append(span)
        bisect.insort(taken, (start, end))
    kept.sort(key=lambda span: span.start)
    return kept


def _covers(intervals: list, i: int) -> bool:
    k = bisect.bisect_right(intervals, (i, float("inf"))) - 1
    return k >= 0 and intervals[k][0] <= i < intervals[k][1]


def filter_chain_spans(*spans) -> list:
    """filter_spans over several iterables of spans, chained."""
    return filter_spans(itertools.chain(*spans))


# spaCy's loading helpers, under spacy.util's names (they live in lexloom.loading).
from .loading import (get_installed_models, get_model_meta, get_package_path,  # noqa: E402
                      get_package_version, is_package, load_meta, load_model,
                      load_model_from_config, load_model_from_package, load_model_from_path)


def get_lang_class(lang: str):
    """The Language subclass for a language code (spaCy's util.get_lang_class)."""
    from .language import get_lang_class as _get_lang_class

    return _get_lang_class(lang)


def set_lang_class(name: str, cls) -> None:
    """Register `cls` as the Language class for the code `name` (spaCy's util.set_lang_class)."""
    from .language import set_lang_class as _set_lang_class

    _set_lang_class(name, cls)
