"""spaCy's util helpers under their names: config loading with overrides and errors that say
where, dotted-path access into nested configs, serialisation helpers, language classes,
tokenizer-rule helpers, batching, version checks and small environment probes.

Importing this module stays cheap: thinc (for compounding, decaying, fix_random_seed,
create_default_optimizer and the registry) is imported on first use of those names.
"""
from __future__ import annotations

import bisect
import functools
import importlib
import importlib.util
import itertools
import logging
import os
import re
import sys
import warnings
from collections import defaultdict
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from .ecosystem import unknown_name_hint
from .errors import (
    OLD_MODEL_SHORTCUTS,  # noqa: F401  (re-exported, as spaCy's util has it)
    BatchSizesExhaustedError,
    BatchSizeTypeError,
    ConfigError,
    Errors,
    FrozenCollectionError,  # noqa: F401  (re-exported)
    FrozenMappingError,  # noqa: F401  (re-exported)
)
from .frozen_defaults import SimpleFrozenDict, SimpleFrozenList

# spaCy's loading helpers, under spacy.util's names (they live in lexloom.loading).
from .loading import (  # noqa: F401  (re-exported)
    get_installed_models,
    get_model_meta,
    get_package_path,
    get_package_version,
    is_package,
    load_meta,
    load_model,
    load_model_from_config,
    load_model_from_package,
    load_model_from_path,
)

# spaCy's defaults for arguments that take names / settings: empty and read-only
_NO_NAMES = SimpleFrozenList()
_NO_SETTINGS = SimpleFrozenDict()


def load_config(path: str | Path, overrides: dict = _NO_SETTINGS,
                interpolate: bool = False):
    """Read a config file ("-" for stdin), apply dotted overrides {"training.max_steps": 10}.
    A path that is no readable file is an OSError with spaCy's E053; an empty file gives an
    empty config, as in spaCy."""
    from confection import Config

    from .errors import InputFileError, MissingFileError
    from .line_reader import read_text

    if str(path) == "-":
        text = sys.stdin.read()
    else:
        config_path = ensure_path(path)
        if not config_path or not Path(config_path).is_file():
            what = "it is a folder" if config_path and Path(config_path).is_dir() else \
                "no such file"
            raise MissingFileError(Errors.E053.format(path=config_path, name="config file")
                                   + f" ({what})")
        try:
            text = read_text(config_path)
        except FileNotFoundError as e:
            raise MissingFileError(Errors.E053.format(path=config_path, name="config file")
                                   + f" ({e.strerror or e})") from None
        except OSError as e:
            raise ConfigError(f"Can't read config file {path}: {e.strerror or e}.") from None
        except InputFileError as e:
            raise ConfigError(f"Config file {str(e).removeprefix('[lexloom] ')}") from None
    if not text.strip():
        return Config(section_order=CONFIG_SECTION_ORDER)
    return _config_from_str(text, overrides, interpolate, source=str(path))


def load_config_from_str(text: str, overrides: dict = _NO_SETTINGS,
                         interpolate: bool = False):
    """A config from its text, with dotted overrides; interpolated if asked."""
    return _config_from_str(text, overrides, interpolate, source="<string>")


def _config_from_str(text: str, overrides: dict | None, interpolate: bool, *, source: str):
    from confection import Config, ConfigValidationError

    try:
        config = Config(section_order=CONFIG_SECTION_ORDER).from_str(
            text, overrides=dict(overrides or {}), interpolate=interpolate)
    except ConfigValidationError as e:
        # still a ConfigValidationError, which spaCy users catch
        from . import errors

        raise errors.ConfigValidationFailedError(f"{source}: {_describe_validation(e)}",
                                                 errors=e.errors, title=e.title,
                                                 desc=e.desc) from None
    except Exception as e:  # noqa: BLE001 -- configparser / interpolation errors, with lines
        raise ConfigError(f"{source}: the config can't be parsed: {e}") from None
    return config


def check_registered_names(config: Any, path: str) -> None:
    """Walk a config; every "@registry = name" must name a registered function, otherwise
    raise a ConfigError (and catalogue.RegistryError, as spaCy's E893) naming the block,
    the key and the known choices."""
    from . import errors
    from .registry import registry

    _ensure_builtins()
    if not isinstance(config, dict):
        return
    for key, value in config.items():
        if isinstance(key, str) and key.startswith("@"):
            reg_name = key[1:]
            if not hasattr(registry, reg_name):
                raise errors.ConfigRegistryError(
                    f"[E892] [{path}] uses '{key}', but there is no registry called "
                    f"'{reg_name}'.")
            if not isinstance(value, str) or not registry.has(reg_name, value):
                known = sorted(getattr(registry, reg_name).get_all())
                hint = unknown_name_hint(value, known)
                raise errors.ConfigRegistryError(
                    f"[E893] [{path}] names '{key} = \"{value}\"', which is not registered in "
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
        from .errors import ConfigValidationFailedError

        raise ConfigValidationFailedError(f"[{where}] {_describe_validation(e)}",
                                          errors=e.errors, title=e.title, desc=e.desc,
                                          config=e.config) from None
    except catalogue.RegistryError as e:
        from .errors import ConfigRegistryError

        raise ConfigRegistryError(f"[{where}] {e}") from None


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
    desc = getattr(e, "desc", None)  # what a parse or interpolation error says went wrong
    if desc and not parts:
        parts.append(" ".join(str(desc).split()))
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
            # spaCy reads dashes as underscores in this form only: "--a.b c" keeps them, so
            # a component named "my-ruler" is overridden as --components.my-ruler.x value
            name, value = name.split("=", 1)
            name = name.replace("-", "_")
        elif i + 1 < len(args) and not args[i + 1].startswith("--"):
            value = args[i + 1]
            i += 1
        else:
            value = "true"
        if "." not in name:
            raise ConfigError(f"Override --{name} needs a section: --section.{name} value.")
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


def _pipe(docs: Iterable, proc: Callable, name: str, default_error_handler: Callable,
          kwargs: dict) -> Iterator:
    """One component over a stream of Docs, as nlp.pipe runs it: its .pipe() with kwargs,
    or, for a plain callable, Doc by Doc without batch_size; a failing Doc goes to the
    component's error handler (else the pipeline's), and is dropped if the handler returns."""
    if hasattr(proc, "pipe"):
        yield from proc.pipe(docs, **kwargs)
        return
    kwargs = {key: value for key, value in kwargs.items() if key != "batch_size"}
    get_handler = getattr(proc, "get_error_handler", None)
    handler = get_handler() if get_handler is not None else default_error_handler
    for doc in docs:
        try:
            yield proc(doc, **kwargs)
        except Exception as e:
            handler(name, proc, [doc], e)


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




def get_lang_class(lang: str):
    """The Language subclass for a language code ("en"), also under its ISO 639-2/3 or old
    codes ("eng", "fre", "iw"), as spaCy's util.get_lang_class."""
    from .errors import UnknownLanguageError
    from .language import get_lang_class as _get_lang_class

    try:
        return _get_lang_class(lang)
    except UnknownLanguageError:
        match = find_matching_language(lang) if isinstance(lang, str) else None
        if match is None:
            raise
        return _get_lang_class(match)


def set_lang_class(name: str, cls) -> None:
    """Register `cls` as the Language class for the code `name` (spaCy's util.set_lang_class)."""
    from .language import set_lang_class as _set_lang_class

    _set_lang_class(name, cls)


def lang_class_is_loaded(lang: str) -> bool:
    """Whether the Language class for `lang` is already loaded (language data loads lazily)."""
    import catalogue

    return catalogue.check_exists("lexloom", "languages", lang)


def find_matching_language(lang: str) -> str | None:
    """The supported language code for an ISO 639-2/3 or old code ("fra", "fre", "iw"), or
    None when lexloom has no such language."""
    for code, aliases in LANG_ALIASES.items():
        if lang in aliases:
            return code
    return None


# ---- constants ------------------------------------------------------------------------

logger = logging.getLogger("lexloom")
# as spaCy's util does: the library's messages go to stderr with time and level once a level
# lets them through (logger.setLevel(logging.DEBUG), --verbose), without the user setting up
# logging
logger_stream_handler = logging.StreamHandler()
logger_stream_handler.setFormatter(logging.Formatter("[%(asctime)s] [%(levelname)s] %(message)s"))
logger.addHandler(logger_stream_handler)

OOV_RANK = 0xFFFFFFFFFFFFFFFF  # the rank of a lexeme without a vector row (uint64 max)
DEFAULT_OOV_PROB = -20
ORTH = 65
CONFIG_SECTION_ORDER = ["paths", "variables", "system", "nlp", "components", "corpora",
                        "training", "pretraining", "initialize"]
# Languages whose pipelines should have a lexeme_norm table (spacy-lookups-data)
LEXEME_NORM_LANGS = ["cs", "da", "de", "el", "en", "grc", "id", "lb", "mk", "pt", "ru", "sr",
                     "ta", "th"]

# Other codes for each supported language: ISO 639-2/T, 639-2/B and retired ISO 639-1 codes.
LANG_ALIASES: dict[str, list[str]] = {
    "af": ["afr"], "am": ["amh"], "ar": ["ara"], "az": ["aze"], "bg": ["bul"], "bn": ["ben"],
    "bo": ["bod", "tib"], "ca": ["cat"], "cs": ["ces", "cze"], "da": ["dan"],
    "de": ["deu", "ger"], "el": ["ell", "gre"], "en": ["eng"], "es": ["spa"], "et": ["est"],
    "eu": ["eus", "baq"], "fa": ["fas", "per"], "fi": ["fin"], "fo": ["fao"],
    "fr": ["fra", "fre"], "ga": ["gle"], "gd": ["gla"], "gu": ["guj"], "he": ["heb", "iw"],
    "hi": ["hin"], "hr": ["hrv", "scr"], "hu": ["hun"], "hy": ["hye"], "id": ["ind", "in"],
    "is": ["isl", "ice"], "it": ["ita"], "ja": ["jpn"], "kn": ["kan"], "ko": ["kor"],
    "ky": ["kir"], "la": ["lat"], "lb": ["ltz"], "lg": ["lug"], "lt": ["lit"], "lv": ["lav"],
    "mk": ["mkd", "mac"], "ml": ["mal"], "mr": ["mar"], "ms": ["msa", "may"], "nb": ["nob"],
    "ne": ["nep"], "nl": ["nld", "dut"], "nn": ["nno"], "pl": ["pol"], "pt": ["por"],
    "ro": ["ron", "rom", "mo", "mol"], "ru": ["rus"], "sa": ["san"], "si": ["sin"],
    "sk": ["slk", "slo"], "sl": ["slv"], "sq": ["sqi", "alb"], "sr": ["srp", "scc"],
    "sv": ["swe"], "ta": ["tam"], "te": ["tel"], "th": ["tha"], "ti": ["tir"], "tl": ["tgl"],
    "tn": ["tsn"], "tr": ["tur"], "tt": ["tat"], "uk": ["ukr"], "ur": ["urd"], "vi": ["viw"],
    "yo": ["yor"], "zh": ["zho", "chi"], "xx": ["mul"],
}


class ENV_VARS:
    """Environment variables lexloom reads (spaCy's names, so existing setups keep working)."""

    CONFIG_OVERRIDES = "SPACY_CONFIG_OVERRIDES"


# ---- paths, files and modules ---------------------------------------------------------

def ensure_path(path: Any) -> Any:
    """A str becomes a Path; anything else is returned as it is."""
    return Path(path) if isinstance(path, str) else path


def load_language_data(path: str | Path) -> dict | list:
    """JSON language data from `path`, or from `path`.gz when only that exists."""
    import srsly

    from .errors import Errors, LanguageError
    from .line_reader import read_json

    path = ensure_path(path)
    if path.exists():
        return read_json(path, what="language data file")
    gz_path = path.with_suffix(path.suffix + ".gz")
    if gz_path.exists():
        try:
            return srsly.read_gzip_json(gz_path)
        except (OSError, EOFError, ValueError) as e:
            from .errors import InputFileError

            raise InputFileError(f"{gz_path}: not a gzipped JSON file ({e}); is it truncated?"
                                 ) from None
    raise LanguageError(Errors.E160.format(path=gz_path))


def get_module_path(module: ModuleType | Any) -> Path:
    """The folder of the file that defines `module` (or the object's module)."""
    from .errors import Errors, ModuleLookupError

    name = module.__name__ if isinstance(module, ModuleType) else getattr(module, "__module__",
                                                                          None)
    mod = sys.modules.get(name) if name else None
    if mod is None or getattr(mod, "__file__", None) is None:
        raise ModuleLookupError(Errors.E169.format(module=repr(module)))
    return Path(mod.__file__).parent


def import_file(name: str, loc: str | Path) -> ModuleType:
    """Import the Python file at `loc` as a module called `name`."""
    spec = importlib.util.spec_from_file_location(name, str(loc))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextmanager
def working_dir(path: str | Path) -> Iterator[Path]:
    """Run a block in another directory; yields its absolute path, returns to the old one."""
    previous = Path.cwd()
    current = Path(path).resolve()
    os.chdir(current)
    try:
        yield current
    finally:
        os.chdir(previous)


@contextmanager
def make_tempdir() -> Generator[Path, None, None]:
    """A temporary directory for the block, removed with its contents afterwards (read-only
    files included); a directory that can't be removed gives a warning, not an error."""
    import shutil
    import stat
    import tempfile

    from .errors import Warnings

    d = Path(tempfile.mkdtemp())
    try:
        yield d
    finally:
        def make_writable(func, path, _exc):
            os.chmod(path, stat.S_IWRITE)
            func(path)

        try:
            if sys.version_info >= (3, 12):
                shutil.rmtree(d, onexc=make_writable)
            else:
                shutil.rmtree(d, onerror=make_writable)
        except PermissionError as e:
            warnings.warn(Warnings.W091.format(dir=d, msg=e))


def load_model_from_init_py(init_file: str | Path, *, vocab: Any = True,
                            disable: str | Iterable[str] = _NO_NAMES,
                            enable: str | Iterable[str] = _NO_NAMES,
                            exclude: str | Iterable[str] = _NO_NAMES,
                            config: Any = _NO_SETTINGS):
    """Load the pipeline of a package from its __init__.py (a packaged pipeline's `load()`
    calls this with __file__): the data folder {lang}_{name}-{version} beside it."""
    from .errors import Errors, PipelineNotFoundError

    model_path = Path(init_file).parent
    meta = get_model_meta(model_path)
    data_path = model_path / f"{meta['lang']}_{meta['name']}-{meta['version']}"
    if not data_path.exists():
        raise PipelineNotFoundError(Errors.E052.format(path=data_path))
    return load_model_from_path(data_path, vocab=vocab, meta=meta, disable=disable,
                                enable=enable, exclude=exclude, config=config or {})


def packages_distributions() -> dict[str, list[str]]:
    """Top-level import names -> the installed distributions that provide them."""
    import importlib.metadata as importlib_metadata

    result: dict[str, list[str]] = defaultdict(list)
    for dist in importlib_metadata.distributions():
        for package in (dist.read_text("top_level.txt") or "").split():
            result[package].append(dist.metadata["Name"])
    return dict(result)


# ---- serialisation helpers ------------------------------------------------------------

def _excluded(key: str, exclude: Iterable[str]) -> bool:
    return key.split(".")[0] in exclude  # "meta.json" is excluded by "meta"


def to_dict(getters: dict[str, Callable[[], Any]], exclude: Iterable[str]) -> dict[str, Any]:
    """{key: getter()} for the keys not excluded."""
    exclude = set(exclude)
    return {key: getter() for key, getter in getters.items() if not _excluded(key, exclude)}


def from_dict(msg: dict[str, Any], setters: dict[str, Callable[[Any], Any]],
              exclude: Iterable[str]) -> dict[str, Any]:
    """Call setter(msg[key]) for each key in `msg` that isn't excluded; returns `msg`."""
    exclude = set(exclude)
    for key, setter in setters.items():
        if not _excluded(key, exclude) and key in msg:
            setter(msg[key])
    return msg


def to_bytes(getters: dict[str, Callable[[], Any]], exclude: Iterable[str]) -> bytes:
    """to_dict packed as msgpack."""
    import srsly

    return srsly.msgpack_dumps(to_dict(getters, exclude))


def from_bytes(bytes_data: bytes, setters: dict[str, Callable[[Any], Any]],
               exclude: Iterable[str]) -> dict[str, Any]:
    """from_dict over msgpack bytes."""
    import srsly

    return from_dict(srsly.msgpack_loads(bytes_data), setters, exclude)


def to_disk(path: str | Path, writers: dict[str, Callable[[Path], Any]],
            exclude: Iterable[str]) -> Path:
    """Make the folder and call writer(path / key) for each key not excluded."""
    path = ensure_path(path)
    path.mkdir(parents=True, exist_ok=True)
    exclude = set(exclude)
    for key, writer in writers.items():
        if not _excluded(key, exclude):
            writer(path / key)
    return path


def from_disk(path: str | Path, readers: dict[str, Callable[[Path], Any]],
              exclude: Iterable[str]) -> Path:
    """Call reader(path / key) for each key not excluded."""
    path = ensure_path(path)
    exclude = set(exclude)
    for key, reader in readers.items():
        if not _excluded(key, exclude):
            reader(path / key)
    return path


# ---- configs --------------------------------------------------------------------------

def copy_config(config: Any):
    """A deep copy of a config (a Config or a dict); its values must be JSON-serialisable."""
    from confection import Config

    from .errors import ConfigError, Errors

    try:
        return Config(config).copy()
    except ValueError:
        raise ConfigError(Errors.E961.format(config=config)) from None


def walk_dict(node: dict[str, Any], parent: list[str] = _NO_NAMES, *,
              for_overrides: bool = False) -> Iterator[tuple[list[str], Any]]:
    """(path, value) for every leaf of a nested dict. With for_overrides, a block naming a
    registered function ("@...") is a leaf, not walked into."""
    parent = list(parent or [])
    for key, value in node.items():
        path = [*parent, key]
        if isinstance(value, dict) and not (for_overrides and
                                            any(str(k).startswith("@") for k in value)):
            yield from walk_dict(value, path, for_overrides=for_overrides)
        else:
            yield path, value


def dict_to_dot(obj: dict[str, Any], *, for_overrides: bool = False) -> dict[str, Any]:
    """{"token": {"pos": True}} -> {"token.pos": True}."""
    return {".".join(path): value for path, value in walk_dict(obj, for_overrides=for_overrides)}


def dot_to_dict(values: dict[str, Any]) -> dict[str, Any]:
    """{"token.pos": True, "token._.xyz": True} -> {"token": {"pos": True, "_": {"xyz":
    True}}}; keys are lower-cased, as spaCy does."""
    result: dict[str, Any] = {}
    for key, value in values.items():
        node = result
        parts = key.lower().split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node.setdefault(parts[-1], value)
    return result


def dot_to_object(config: Any, section: str) -> Any:
    """The value at a dotted path ("training.optimizer"); a KeyError names a missing one."""
    from .errors import ConfigSectionError, Errors

    node = config
    for part in section.split("."):
        try:
            node = node[part]
        except (KeyError, TypeError):
            raise ConfigSectionError(Errors.E952.format(name=section)) from None
    return node


def set_dot_to_object(config: Any, section: str, value: Any) -> None:
    """Set the value at a dotted path whose parent sections exist (KeyError otherwise)."""
    from .errors import ConfigSectionError, Errors

    *parents, last = section.split(".")
    node = config
    try:
        for part in parents:
            node = node[part]
        node[last] = value
    except (KeyError, TypeError):
        raise ConfigSectionError(Errors.E952.format(name=section)) from None


def resolve_dot_names(config: Any, dot_names: list[str | None]) -> tuple[Any, ...]:
    """Resolve the objects at dotted paths ("corpora.train"), resolving each top-level
    section they fall in once; None stays None."""
    from confection import ConfigValidationError

    from .registry import registry

    _ensure_builtins()
    resolved: dict[str, Any] = {}
    output: list[Any] = []
    errors = []
    for name in dot_names:
        if name is None:
            output.append(None)
            continue
        section = name.split(".")[0]
        if section not in resolved:
            block = config[section]
            if registry.is_promise(block):  # a section that is itself one function call
                resolved[section] = registry.resolve({"config": block})["config"]
            else:
                resolved[section] = registry.resolve(block)
        try:
            output.append(dot_to_object(resolved, name))
        except KeyError:
            errors.append({"loc": name.split("."), "msg": f"not a valid section reference: {name}"})
    if errors:
        raise ConfigValidationError(config=config, errors=errors)
    return tuple(output)


def get_sourced_components(config: Any) -> dict[str, dict[str, Any]]:
    """The [components] blocks that copy a component from another pipeline ("source"
    without "factory")."""
    return {name: block for name, block in config.get("components", {}).items()
            if "factory" not in block and "source" in block}


def combine_score_weights(weights: list[dict[str, float | None]],
                          overrides: dict[str, float | None] = _NO_SETTINGS
                          ) -> dict[str, float | None]:
    """The components' score weights merged (later ones and `overrides` win) and scaled to
    sum to 1, rounded to 2 places; None weights are kept (shown, not weighted)."""
    result: dict[str, float | None] = {}
    for w in weights:
        result.update(w)
    result.update(overrides or {})
    total = sum(v for v in result.values() if v)
    return {k: round(v / total, 2) if v and total > 0 else v for k, v in result.items()}


# ---- tokenizer rules ------------------------------------------------------------------



def compile_prefix_regex(entries: Iterable[str | re.Pattern[str]]) -> re.Pattern[str]:
    """One regex for Tokenizer.prefix_search: each rule anchored at the start."""
    from .tokenizer_split import compile_prefix_regex as compile_prefixes

    return compile_prefixes(entries)


def compile_suffix_regex(entries: Iterable[str | re.Pattern[str]]) -> re.Pattern[str]:
    """One regex for Tokenizer.suffix_search: each rule anchored at the end."""
    from .tokenizer_split import compile_suffix_regex as compile_suffixes

    return compile_suffixes(entries)


def compile_infix_regex(entries: Iterable[str | re.Pattern[str]]) -> re.Pattern[str]:
    """One regex for Tokenizer.infix_finditer."""
    from .tokenizer_split import compile_infix_regex as compile_infixes

    return compile_infixes(entries)


def read_regex(path: str | Path) -> re.Pattern[str]:
    """A regex matching, at the start, any of the non-empty lines of a file (escaped)."""
    from .line_reader import read_text

    entries = read_text(ensure_path(path)).split("\n")
    return re.compile("|".join("^" + re.escape(piece) for piece in entries if piece.strip()))


def add_lookups(default_func: Callable[[str], Any], *lookups) -> Callable[[str], Any]:
    """A lexical attribute getter that answers from the first lookup table holding the
    string, else calls `default_func` (a partial, so it pickles)."""
    return functools.partial(_get_attr_unless_lookup, default_func, lookups)


def _get_attr_unless_lookup(default_func: Callable[[str], Any], lookups: tuple,
                            string: str) -> Any:
    """add_lookups' getter, under spaCy's name: a Vocab pickled by spaCy refers to it."""
    for table in lookups:
        if string in table:
            return table[string]
    return default_func(string)


def update_exc(base_exceptions: dict[str, list[dict]], *addition_dicts) -> dict[str, list[dict]]:
    """Tokenizer special cases: the base merged with each addition (later ones win), each
    checked to spell its key, then each case with ' copied with a curly ’."""
    from .errors import Errors, TokenizerError

    exc = dict(base_exceptions)
    for additions in addition_dicts:
        for orth, token_attrs in additions.items():
            if not all(isinstance(attrs[ORTH], str) for attrs in token_attrs):
                raise TokenizerError(Errors.E055.format(key=orth, orths=token_attrs))
            spelled = "".join(attrs[ORTH] for attrs in token_attrs)
            if orth != spelled:
                raise TokenizerError(Errors.E056.format(key=orth, orths=spelled))
        exc.update(additions)
    return expand_exc(exc, "'", "’")


def expand_exc(excs: dict[str, list[dict]], search: str, replace: str) -> dict[str, list[dict]]:
    """The special cases plus, for every key containing `search`, a copy with `replace`
    in the key and in its tokens' ORTH."""
    expanded = dict(excs)
    for key, tokens in excs.items():
        if search in key:
            expanded[key.replace(search, replace)] = [
                {**token, ORTH: token[ORTH].replace(search, replace)} for token in tokens]
    return expanded


def get_words_and_spaces(words: Iterable[str], text: str) -> tuple[list[str], list[bool]]:
    """Words and trailing-space flags for Doc(vocab, words, spaces) that reproduce `text`
    from tokens that lost their whitespace: whitespace between words becomes tokens."""
    from .errors import AlignmentError, Errors

    words = list(words)
    if "".join("".join(words).split()) != "".join(text.split()):
        raise AlignmentError(Errors.E194.format(text=text, words=words))
    out_words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for word in words:
        if word.isspace():
            continue
        start = text.find(word, pos)
        if start < 0:
            raise AlignmentError(Errors.E194.format(text=text, words=words))
        if start > pos:
            out_words.append(text[pos:start])
            spaces.append(False)
        out_words.append(word)
        spaces.append(False)
        pos = start + len(word)
        if pos < len(text) and text[pos] == " ":
            spaces[-1] = True
            pos += 1
    if pos < len(text):
        out_words.append(text[pos:])
        spaces.append(False)
    return out_words, spaces


class DummyTokenizer:
    """A base for custom tokenizers: pipe() and (empty) serialisation come for free, only
    __call__(text) -> Doc is left to write."""

    def __call__(self, text):
        raise NotImplementedError

    def pipe(self, texts, **kwargs):
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> DummyTokenizer:
        return self

    def to_disk(self, path: str | Path, **kwargs) -> None:
        return None

    def from_disk(self, path: str | Path, **kwargs) -> DummyTokenizer:
        return self


def check_lexeme_norms(vocab, component_name: str) -> None:
    """Log (at debug level) when a language that should have a lexeme_norm table lacks it."""
    from .errors import Warnings

    norms = vocab.lookups.get_table("lexeme_norm", {})
    if len(norms) == 0 and vocab.lang in LEXEME_NORM_LANGS:
        logger.debug(Warnings.W033.format(model=component_name, langs=", ".join(LEXEME_NORM_LANGS)))


# ---- spans and slices -----------------------------------------------------------------

def make_first_longest_spans_filter() -> Callable:
    """The default span filter of span_ruler: filter_chain_spans."""
    return filter_chain_spans


def normalize_slice(length: int, start: int | None, stop: int | None,
                    step: int | None = None) -> tuple[int, int]:
    """(start, stop) of a slice of a sequence of `length`, negatives counted from the end
    and both clipped into range; stepped slices are refused."""
    from .errors import DocError, Errors

    if step not in (None, 1):
        raise DocError(Errors.E057)
    start = 0 if start is None else (start + length if start < 0 else start)
    start = min(length, max(0, start))
    stop = length if stop is None else (stop + length if stop < 0 else stop)
    stop = min(length, max(start, stop))
    return start, stop


def to_ternary_int(val: Any) -> int:
    """True/1 -> 1, None/0 -> 0, anything else (False, other values) -> -1: the encoding of
    three-valued attributes such as SENT_START."""
    if val is True:
        return 1
    if val is None:
        return 0
    if val is False:
        return -1
    if val == 1:
        return 1
    if val == 0:
        return 0
    return -1


# ---- batching -------------------------------------------------------------------------

_NO_ITEM = object()


def minibatch(items: Iterable, size: int | Iterable[float]) -> Iterator[list]:
    """Lists of consecutive items; `size` is a number or an iterator of sizes (e.g.
    compounding(1, 32, 1.001)), one per batch; the last batch may be shorter."""
    if isinstance(size, (int, float)):
        sizes = itertools.repeat(size)
    elif isinstance(size, (str, bytes)) or not hasattr(size, "__iter__"):
        raise BatchSizeTypeError(f"minibatch: size is a number or an iterator of numbers "
                                 f"(e.g. compounding(1, 32, 1.001)), not {size!r}.")
    else:
        sizes = iter(size)
    items = iter(items)
    while True:
        batch_size = next(sizes, None)
        if batch_size is None:
            if next(items, _NO_ITEM) is _NO_ITEM:
                return
            raise BatchSizesExhaustedError(
                "minibatch: the batch sizes ran out before the items did. Pass a number, an "
                "endless schedule (e.g. compounding(1, 32, 1.001)) or at least as many sizes "
                "as there are batches.")
        batch = list(itertools.islice(items, int(batch_size)))
        if not batch:
            return
        yield batch


def all_equal(iterable: Iterable) -> bool:
    """Whether all items are equal (True for none)."""
    groups = itertools.groupby(iterable)
    return next(groups, True) and not next(groups, False)


# ---- functions and objects ------------------------------------------------------------

def get_arg_names(func: Callable) -> list[str]:
    """The names of a function's positional and keyword-only arguments."""
    import inspect

    spec = inspect.getfullargspec(func)
    return list(dict.fromkeys([*spec.args, *spec.kwonlyargs]))


def get_object_name(obj: Any) -> str:
    """A readable name: obj.name, else __name__, else the class name, else repr."""
    if getattr(obj, "name", None) is not None:
        return obj.name
    if hasattr(obj, "__name__"):
        return obj.__name__
    if hasattr(obj, "__class__") and hasattr(obj.__class__, "__name__"):
        return obj.__class__.__name__
    return repr(obj)


def is_same_func(func1: Callable, func2: Callable) -> bool:
    """Whether two functions are (most likely) the same one, e.g. after a live reload: same
    qualified name, file and source. spaCy's signature: plugins and spaCy's own tests
    replace it with a two-argument function."""
    return same_function(func1, func2, same_file=True)


def same_function(func1: Callable, func2: Callable, *, same_file: bool) -> bool:
    """is_same_func's test; same_file=False also accepts the same source read from another
    file (a --code file copied to another folder)."""
    import inspect

    if func1 is func2:
        return True
    if not callable(func1) or not callable(func2):
        return False
    if not hasattr(func1, "__qualname__") or not hasattr(func2, "__qualname__"):
        return False
    try:
        return (func1.__qualname__ == func2.__qualname__
                and (not same_file or inspect.getfile(func1) == inspect.getfile(func2))
                and inspect.getsourcelines(func1) == inspect.getsourcelines(func2))
    except (TypeError, OSError):  # built-in or source not available
        return func1 is func2


def is_cython_func(func: Callable) -> bool:
    """Whether a callable is (probably) a cdef function, method or class of a Cython module."""
    attr = "__pyx_vtable__"
    if hasattr(func, attr):
        return True
    qualname = getattr(func, "__qualname__", None)
    module = sys.modules.get(getattr(func, "__module__", None) or "")
    if qualname and module is not None:
        owner = vars(module).get(qualname.split(".")[0])
        return hasattr(owner, attr)
    return False


def raise_error(proc_name: str, proc: Any, docs: list, e: Exception) -> None:
    """The default error handler of a component: re-raise."""
    raise e


def ignore_error(proc_name: str, proc: Any, docs: list, e: Exception) -> None:
    """An error handler that skips the failing Docs."""


def replace_model_node(model, target, replacement) -> None:
    """Put `replacement` wherever `target` is a sublayer or a ref in the model tree."""
    for node in model.walk():
        if target in node.layers:
            node.layers[node.layers.index(target)] = replacement
    for node in model.walk():
        for ref_name in node.ref_names:
            if node.maybe_get_ref(ref_name) is target:
                node.set_ref(ref_name, replacement)


def create_default_optimizer():
    """thinc's Adam with its defaults (lexloom's FusedAdam: the same steps, fewer passes)."""
    from .training.optimizers import Adam

    return Adam()


# ---- versions -------------------------------------------------------------------------

def is_compatible_version(version: str, constraint: str, prereleases: bool = True) -> bool | None:
    """Whether `version` meets `constraint` (">=1.9.0,<2.2.1"; a bare version means ==);
    None when either can't be parsed."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.version import InvalidVersion, Version

    if constraint[:1].isdigit():
        constraint = f"=={constraint}"
    try:
        spec = SpecifierSet(constraint)
        parsed = Version(version)
    except (InvalidSpecifier, InvalidVersion):
        return None
    spec.prereleases = prereleases
    return parsed in spec


def is_unconstrained_version(constraint: str, prereleases: bool = True) -> bool | None:
    """Whether a requirement leaves the version open: only a lower bound, or only an upper
    one; False for an exact pin or a range with both bounds, None when unparseable."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    if constraint[:1].isdigit():
        return False
    try:
        spec = SpecifierSet(constraint)
    except InvalidSpecifier:
        return None
    spec.prereleases = prereleases
    specs = list(spec)
    if len(specs) == 1 and specs[0].operator in (">", ">="):
        return True
    if any(s.operator == "==" for s in specs):
        return False
    has_upper = any(s.operator in ("<", "<=") for s in specs)
    has_lower = any(s.operator in (">", ">=") for s in specs)
    return not (has_upper and has_lower)


def split_requirement(requirement: str) -> tuple[str, str]:
    """"spacy>=1.2.3" -> ("spacy", ">=1.2.3")."""
    from packaging.requirements import Requirement

    req = Requirement(requirement)
    return req.name, str(req.specifier)


def get_minor_version_range(version: str) -> str:
    """"1.2.3" -> ">=1.2.3,<1.3.0"."""
    from packaging.version import Version

    release = Version(version).release
    return f">={version},<{release[0]}.{release[1] + 1}.0"


def get_model_lower_version(constraint: str) -> str | None:
    """The lower pin of a range (">=1.2.3,<1.3.0" -> "1.2.3"), or None."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        specs = SpecifierSet(constraint)
    except (InvalidSpecifier, TypeError):
        return None
    for spec in specs:
        if spec.operator in (">=", "==", "~="):
            return spec.version
    return None


def is_prerelease_version(version: str) -> bool:
    """Whether "3.0.0.dev1"-style versions are pre-releases."""
    from packaging.version import Version

    return Version(version).is_prerelease


def get_base_version(version: str) -> str:
    """"3.0.0.dev1" -> "3.0.0"."""
    from packaging.version import Version

    return Version(version).base_version


def get_minor_version(version: str) -> str | None:
    """"3.1.2" -> "3.1"; None for an invalid version."""
    from packaging.version import InvalidVersion, Version

    try:
        v = Version(version)
    except (TypeError, InvalidVersion):
        return None
    return f"{v.major}.{v.minor}"


def is_minor_version_match(version_a: str, version_b: str) -> bool:
    """Whether two versions share major and minor ("3.1.0" and "3.1.4")."""
    a, b = get_minor_version(version_a), get_minor_version(version_b)
    return a is not None and b is not None and a == b


# ---- environment ----------------------------------------------------------------------

def check_bool_env_var(env_var: str) -> bool:
    """An environment variable as a flag: unset, "" and "0" are False, anything else True."""
    value = os.environ.get(env_var, "")
    return value != "0" and bool(value)


def is_in_jupyter() -> bool:
    """Whether this runs in a Jupyter or Colab notebook (an IPython kernel)."""
    try:
        shell = get_ipython()  # type: ignore[name-defined]
    except NameError:
        shell = None
    if shell is not None:
        if shell.__class__.__name__ == "ZMQInteractiveShell":
            return True
        if shell.__class__.__module__ == "google.colab._shell":
            return True
    return "google.colab" in sys.modules or importlib.util.find_spec("google") is not None \
        and importlib.util.find_spec("google.colab") is not None


def is_in_interactive() -> bool:
    """Whether this runs in an interactive interpreter (a REPL or a notebook)."""
    return hasattr(sys, "ps1") or hasattr(sys, "ps2")


def warn_if_jupyter_cupy() -> None:
    """In Jupyter with cupy, warn when thinc's thread-local ops differ from the context's (a
    prefer_gpu() in another cell than load())."""
    from .errors import Warnings

    if not is_in_jupyter():
        return
    from thinc.backends.cupy_ops import CupyOps

    if CupyOps.xp is not None:
        from thinc.backends import contextvars_eq_thread_ops

        if not contextvars_eq_thread_ops():
            warnings.warn(Warnings.W111)


def get_cuda_stream(require: bool = False, non_blocking: bool = True):
    """A new CUDA stream when models run on the GPU (cupy), else None."""
    from thinc.api import NumpyOps, get_current_ops

    from .compat import CudaStream

    if CudaStream is None or isinstance(get_current_ops(), NumpyOps):
        return None
    return CudaStream(non_blocking=non_blocking)


def get_async(stream, numpy_array):
    """Copy a numpy array to the GPU on `stream` (without cupy: the array itself)."""
    from .compat import cupy

    if cupy is None:
        return numpy_array
    array = cupy.ndarray(numpy_array.shape, order="C", dtype=numpy_array.dtype)
    array.set(numpy_array, stream=stream)
    return array


# ---- commands, HTML and ports (the CLI and displaCy) ----------------------------------

def split_command(command: str) -> list[str]:
    """Split a command line into arguments (shell rules; Windows rules on Windows)."""
    import shlex

    from .compat import is_windows

    return shlex.split(command, posix=not is_windows)


def run_command(command: str | list[str], *, stdin: Any | None = None,
                capture: bool = False) -> Any:
    """Run a command. With capture, output is returned and a failure raises a
    SubprocessError holding the log; without, a failure exits with the command's status."""
    import subprocess

    from .errors import CommandNotFoundError, Errors

    if isinstance(command, str):
        cmd_list, cmd_str = split_command(command), command
    else:
        cmd_list, cmd_str = list(command), " ".join(command)
    try:
        ret = subprocess.run(cmd_list, env=os.environ.copy(), input=stdin, encoding="utf8",
                             check=False, stdout=subprocess.PIPE if capture else None,
                             stderr=subprocess.STDOUT if capture else None)
    except FileNotFoundError:
        raise CommandNotFoundError(Errors.E970.format(str_command=cmd_str,
                                                      tool=cmd_list[0])) from None
    if ret.returncode != 0 and capture:
        message = (f"Error running command:\n\n{cmd_str}\n\nSubprocess exited with status "
                   f"{ret.returncode}")
        if ret.stdout is not None:
            message += f"\n\nProcess log (stdout and stderr):\n\n{ret.stdout}"
        error = subprocess.SubprocessError(message)
        error.ret = ret
        error.command = cmd_str
        raise error
    if ret.returncode != 0:
        sys.exit(ret.returncode)
    return ret


def minify_html(html: str) -> str:
    """displaCy's template markup without its indentation and newlines."""
    return html.strip().replace("    ", "").replace("\n", "")


def escape_html(text: str) -> str:
    """&, <, > and " as HTML entities, so text can't break displaCy's markup."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _is_port_in_use(port: int, host: str = "localhost") -> bool:
    import socket

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((host, port))
        return False
    except OSError:
        return True
    finally:
        sock.close()


def find_available_port(start: int, host: str, auto_select: bool = False) -> int:
    """`start` if it is free on `host`; else, with auto_select, the next free port above it
    (with a warning), or an error."""
    from .errors import Errors, PortError, Warnings

    if not _is_port_in_use(start, host):
        return start
    if not auto_select:
        raise PortError(Errors.E1050.format(port=start))
    port = start
    while _is_port_in_use(port, host) and port < 65535:
        port += 1
    if port == 65535 and _is_port_in_use(port, host):
        raise PortError(Errors.E1049.format(host=host))
    warnings.warn(Warnings.W124.format(host=host, port=start, serve_port=port))
    return port


# ---- names loaded on first use --------------------------------------------------------

_THINC_NAMES = ("compounding", "decaying", "fix_random_seed", "Model", "Optimizer", "Adam",
                "NumpyOps", "get_current_ops")
# what spaCy's util module imports and so offers (`from spacy.util import Config` works):
# the module or attribute each comes from, loaded on first use to keep this import cheap
_REEXPORTED = {
    "Config": ("confection", "Config"), "ConfigValidationError": ("confection",
                                                                  "ConfigValidationError"),
    "Registry": ("catalogue", "Registry"), "RegistryError": ("catalogue", "RegistryError"),
    "Version": ("packaging.version", "Version"),
    "InvalidVersion": ("packaging.version", "InvalidVersion"),
    "SpecifierSet": ("packaging.specifiers", "SpecifierSet"),
    "InvalidSpecifier": ("packaging.specifiers", "InvalidSpecifier"),
    "Requirement": ("packaging.requirements", "Requirement"),
    "Warnings": ("lexloom.errors", "Warnings"), "about": ("lexloom", "about"),
    "is_windows": ("lexloom.compat", "is_windows"), "cupy": ("lexloom.compat", "cupy"),
    "importlib_metadata": ("lexloom.compat", "importlib_metadata"),
    **{name: ("typing", name) for name in (
        "Dict", "List", "Mapping", "NoReturn", "Optional", "Pattern", "Set", "Tuple", "Type",
        "Union", "cast", "TYPE_CHECKING")},
}
_MODULES = ("srsly", "thinc", "numpy", "catalogue", "inspect", "shlex", "shutil", "socket",
            "stat", "subprocess", "tempfile")


def __getattr__(name: str):
    """`registry` (from lexloom.registry), thinc's names that spaCy's util re-exports
    (compounding, decaying, fix_random_seed, Model, Optimizer, ...), CudaStream, and the other
    names spaCy's util imports: loaded on first use, since several import thinc."""
    if name == "registry":
        from .registry import registry as value
    elif name in _THINC_NAMES:
        import thinc.api

        value = getattr(thinc.api, name)
    elif name == "CudaStream":
        from .compat import CudaStream as value
    elif name in _REEXPORTED:
        module, attr = _REEXPORTED[name]
        value = getattr(importlib.import_module(module), attr)
    elif name in _MODULES:
        value = importlib.import_module(name)
    else:
        raise AttributeError(f"module 'lexloom.util' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | {"registry", "CudaStream", *_THINC_NAMES, *_REEXPORTED,
                                    *_MODULES})
