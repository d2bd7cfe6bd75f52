"""Loading a saved pipeline by package name or by path, with spaCy's semantics.

An installed pipeline package (`pip install en_core_web_sm`) is found from the import system's
spec and the distribution's files, without importing it: its __init__.py (which imports
spaCy) is not run, so a pipeline package needs no spaCy. Its data folder is the subfolder
`<lang>_<name>-<version>` that holds config.cfg. The one exception: when the config names a
component factory or registered function lexloom doesn't know and the package ships code
files beside its __init__.py (`package --code`), the package is imported, as spaCy imports
every package, so that code registers them. Nothing from a folder loaded by path is ever run.
"""
from __future__ import annotations

import gc
import importlib.metadata
import importlib.util
import sys
import warnings
from pathlib import Path
from typing import Any, Iterable

from .errors import ConfigError, Errors, LexloomError, PipelineError, PipelineNotFoundError
from .frozen_defaults import SimpleFrozenDict, SimpleFrozenList

_NO_PIPES = SimpleFrozenList()   # spaCy's default for disable / enable / exclude
_NO_CONFIG = SimpleFrozenDict()  # ... and for config / meta


def load_model(name: str | Path, *, vocab: Any = True, disable: str | Iterable[str] = _NO_PIPES,
               enable: str | Iterable[str] = _NO_PIPES, exclude: str | Iterable[str] = _NO_PIPES,
               config: dict = _NO_CONFIG):
    """A pipeline from an installed package name, a folder, or "blank:<lang>"."""
    kwargs = {"vocab": vocab, "disable": disable, "enable": enable, "exclude": exclude,
              "config": config}
    if isinstance(name, str):
        if name.startswith("blank:"):
            from .language import get_lang_class

            return get_lang_class(name[len("blank:"):])()
        if is_package(name):
            return load_model_from_package(name, **kwargs)
        if Path(name).exists():
            return load_model_from_path(Path(name), **kwargs)
        builtin = get_builtin_pipeline_path(name)
        if builtin is not None:
            return load_model_from_path(builtin, **kwargs)
        from .errors import OLD_MODEL_SHORTCUTS

        if name in OLD_MODEL_SHORTCUTS:   # spaCy 2's shortcut names: E941, as spaCy
            raise PipelineNotFoundError(
                Errors.E941.format(name=name, full=OLD_MODEL_SHORTCUTS[name])
                + f" For an empty '{name}' pipeline use lexloom.blank('{name}').")
    elif hasattr(name, "exists"):
        return load_model_from_path(Path(name), **kwargs)
    else:
        raise PipelineNotFoundError(f"[E050] lexloom.load takes a package name or a path, not "
                                    f"{type(name).__name__}.")
    raise PipelineNotFoundError(_not_found_message(str(name)))


def _not_found_message(name: str) -> str:
    import difflib

    if "/" in name or "\\" in name or name.startswith("."):
        return (f"[E050] Can't find a pipeline at {name}: no such folder. Check the path (it is "
                f"relative to {Path.cwd()}).")
    installed = sorted(_installed_pipelines())
    close = difflib.get_close_matches(name, installed + get_builtin_pipelines(), n=3)
    hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    if name.isalpha() and len(name) <= 3:   # spaCy 2's shortcuts were language codes
        hint += (f" For an empty '{name}' pipeline use lexloom.blank('{name}'); trained "
                 f"pipelines have names such as '{name}_core_web_sm'.")
    listing = f" Installed pipelines: {', '.join(installed)}." if installed else \
        " No pipeline packages are installed."
    if get_builtin_pipelines():
        listing += f" Built into lexloom: {', '.join(get_builtin_pipelines())}."
    return (f"[E050] Can't find the pipeline '{name}': it is neither an installed pipeline package "
            f"nor a folder.{hint}{listing} Install it into this environment (e.g. pip install "
            f"{name}; pipeline packages need no spaCy for lexloom: pip install --no-deps), or "
            "pass the path of a folder saved with nlp.to_disk.")


def load_model_from_package(name: str, *, vocab: Any = True,
                            disable: str | Iterable[str] = _NO_PIPES,
                            enable: str | Iterable[str] = _NO_PIPES,
                            exclude: str | Iterable[str] = _NO_PIPES,
                            config: dict = _NO_CONFIG):
    """The pipeline in an installed package's data folder; the package is imported only to
    register what its code files declare (see the module's docstring)."""
    data_path = get_package_data_path(name)

    def load():
        return load_model_from_path(data_path, vocab=vocab, disable=disable, enable=enable,
                                    exclude=exclude, config=config)

    try:
        return load()
    except LexloomError as e:
        # a component factory (E002) or a registered function (E893) lexloom doesn't know
        if not ("[E002]" in str(e) or "[E893]" in str(e)) or \
                not _import_package_code(name, data_path, e):
            raise
    return load()


def load_model_from_path(model_path: str | Path, *, meta: dict | None = None, vocab: Any = True,
                         disable: str | Iterable[str] = _NO_PIPES,
                         enable: str | Iterable[str] = _NO_PIPES,
                         exclude: str | Iterable[str] = _NO_PIPES,
                         config: dict = _NO_CONFIG):
    """Build the pipeline config.cfg describes (with `config` overrides), then load the
    folder's files into it. A bad folder raises before anything is returned."""
    from .pipeline_folder import check_not_legacy, check_plain_files
    from .util import load_config

    blocks_before = sys.getallocatedblocks()
    model_path = Path(model_path)
    if not model_path.exists():
        raise PipelineNotFoundError(f"[E052] Can't load a pipeline from {model_path}: no such "
                                    "folder.")
    if not model_path.is_dir():
        raise PipelineNotFoundError(f"[E053] Can't load a pipeline from {model_path}: it is a "
                                    "file, not the folder nlp.to_disk writes.")
    if not (model_path / "config.cfg").is_file() and (model_path / "__init__.py").is_file():
        model_path = _data_folder(model_path) or model_path   # a package's folder
    check_not_legacy(model_path)
    check_plain_files(model_path)
    overrides = overrides_to_dot(config)
    cfg = load_config(model_path / "config.cfg", overrides=overrides)
    if not meta:
        meta = get_model_meta(model_path)
    from .language import training_blocks_as_written
    from .tokenizer import special_lexemes_deferred

    try:
        # the folder's tokenizer file replaces the config's rules: their lexemes wait
        with special_lexemes_deferred(), training_blocks_as_written():
            nlp = load_model_from_config(cfg, vocab=vocab, disable=disable, enable=enable,
                                         exclude=exclude, meta=meta, auto_fill=True)
    except (ConfigError, PipelineError) as e:
        message = str(e).removeprefix("[lexloom] ")
        raise type(e)(f"{model_path / 'config.cfg'}: {message}") from None
    nlp = nlp.from_disk(model_path, exclude=exclude, overrides=overrides)
    drop_pending = getattr(nlp.tokenizer, "drop_pending_special_lexemes", None)
    if drop_pending is not None:   # as spaCy's vocab.from_disk drops the config's lexemes
        drop_pending()
    _ready_for_the_first_call(nlp, blocks_before)
    return nlp


def _ready_for_the_first_call(nlp, blocks_before: int) -> None:
    """Do at load what the first nlp(text) would otherwise pay for: the tokenizer's tables
    of special-case phrases (~10 ms for English), and the garbage collection that loading
    made due. The young generations are always collected (cheap); a full collection only
    when loading grew the heap by more than a quarter, the collector's own rule for when a
    full pass comes (in a fresh process, where it would otherwise fall into the first call
    and cost it ~25 ms). In an application already holding millions of objects a full pass
    costs ~0.5 s and loading doesn't make one due, so none is forced there."""
    load_phrase_tables = getattr(nlp.tokenizer, "_load_bigrams", None)
    if load_phrase_tables is not None:  # lexloom's tokenizer (a custom one may be anything)
        load_phrase_tables()
    grown = sys.getallocatedblocks() - blocks_before
    gc.collect(2 if grown * 4 > blocks_before else 1)


def config_lang(config: Any) -> str:
    """The language code a full config's [nlp] block names (spaCy's E985 / E993 otherwise)."""
    if "nlp" not in config:
        raise ConfigError("[E985] The config has no [nlp] block; a pipeline's config.cfg starts "
                          "with [nlp] lang = \"...\" and pipeline = [...].")
    lang = config["nlp"].get("lang")
    if not lang:
        raise ConfigError("[E993] The config's [nlp] block has no lang; add e.g. lang = \"en\".")
    return lang


def load_model_from_config(config: Any, *, meta: dict = _NO_CONFIG, vocab: Any = True,
                           disable: str | Iterable[str] = _NO_PIPES,
                           enable: str | Iterable[str] = _NO_PIPES,
                           exclude: str | Iterable[str] = _NO_PIPES, auto_fill: bool = False,
                           validate: bool = True):
    """The (untrained) pipeline a full config describes, for the language its [nlp] names."""
    from .language import get_lang_class

    lang = config_lang(config)
    return get_lang_class(lang).from_config(config, vocab=vocab, disable=disable, enable=enable,
                                            exclude=exclude, meta=meta or {},
                                            auto_fill=auto_fill, validate=validate)


def overrides_to_dot(config: Any) -> dict:
    """{"components": {"tagger": {"x": 1}}} or {"components.tagger.x": 1} -> dotted keys.
    A dict that names a registered function ({"@architectures": ...}) is one value."""
    if not config:
        return {}
    if not isinstance(config, dict):
        raise ConfigError(f"config= takes a dict of overrides, not {type(config).__name__}.")
    flat: dict = {}

    def walk(node: dict, prefix: str) -> None:
        for key, value in node.items():
            dotted = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, dict) and not any(str(k).startswith("@") for k in value):
                walk(value, dotted)
            else:
                flat[dotted] = value
    walk(dict(config), "")
    for key in flat:
        if "." not in key:
            raise ConfigError(f"config override {key!r} needs a section, e.g. "
                              f"{{'nlp.{key}': ...}} or {{'nlp': {{'{key}': ...}}}}.")
    return flat


def add_sourced_pipe(nlp, pipe_name: str, block: dict, sourced: dict) -> None:
    """[components.x] source = "path or package": copy the trained component (optionally
    `component = "name"` in the source, `replace_listeners = ["model.tok2vec"]`) from that
    pipeline, loaded once with this pipeline's vocab (its vectors and lookups are kept)."""
    from .language import Language

    source = block["source"]
    key = source if isinstance(source, (str, Path)) else id(source)
    source_name = block.get("component", pipe_name)
    if key not in sourced:
        if isinstance(source, Language):
            sourced[key] = source
            sourced[key, "vectors"] = vectors_digest(source.vocab.vectors)
        else:
            vectors = nlp.vocab.vectors
            try:
                sourced[key] = load_model(source, vocab=nlp.vocab, exclude=["lookups"])
                sourced[key, "vectors"] = vectors_digest(nlp.vocab.vectors)
            finally:
                nlp.vocab.vectors = vectors
    source_nlp = sourced[key]
    if source_name not in source_nlp.component_names:
        raise ConfigError(f"[components.{pipe_name}] sources '{source_name}' from {source}, "
                          f"which has no such component. Its components: "
                          f"{', '.join(source_nlp.component_names)}. Set component = "
                          "\"name\" to pick one.")
    replaced = False
    if "replace_listeners" in block:
        source_nlp._link_components(check=False)
        for name, proc in source_nlp.pipeline:
            if source_name in getattr(proc, "listening_components", []):
                source_nlp.replace_listeners(name, source_name, block["replace_listeners"])
                replaced = True
    with warnings.catch_warnings():  # as spaCy: nlp.initialize compares the vectors (W113),
        warnings.filterwarnings("ignore", message=r"\[W113\]")  # after [initialize] vectors
        nlp.add_pipe(source_name, name=pipe_name, source=source_nlp)
    nlp.meta.setdefault("_sourced_vectors_hashes", {})[pipe_name] = sourced[key, "vectors"]
    if replaced:   # the source's copy of that component has changed: don't reuse it
        del sourced[key]


def vectors_digest(vectors) -> str:
    """A fingerprint of a vectors table (keys, rows, settings), so a sourced component's
    vectors can be compared with the pipeline's after [initialize] vectors are loaded
    without keeping the source pipeline alive."""
    import hashlib

    import numpy

    digest = hashlib.blake2b(digest_size=16)
    settings = vectors._get_cfg() if hasattr(vectors, "_get_cfg") else {}   # floret's hashing
    digest.update(repr((vectors.shape, vectors.mode, sorted(settings.items()),
                        sorted(vectors.key2row.items()))).encode())
    digest.update(numpy.ascontiguousarray(vectors.data))   # its buffer, not a bytes copy
    return digest.hexdigest()


# ---- pipelines shipped inside lexloom --------------------------------------------------------

BUILTIN_PIPELINES_DIR = Path(__file__).parent / "data" / "pipelines"


def get_builtin_pipelines() -> list[str]:
    """Names of the trained pipelines that ship inside the lexloom package (folders under
    lexloom/data/pipelines, e.g. en_lexloom_sm), so `lexloom.load` works without pip."""
    if not BUILTIN_PIPELINES_DIR.is_dir():
        return []
    return sorted(d.name for d in BUILTIN_PIPELINES_DIR.iterdir()
                  if all((d / f).is_file() for f in ("config.cfg", "meta.json")))


def get_builtin_pipeline_path(name: str) -> Path | None:
    """The folder of the built-in pipeline `name`, or None. load() tries it after installed
    packages and local folders, so a package or a folder of the same name wins. Only its
    config and data files are read: the folder holds no code."""
    if not isinstance(name, str) or name not in get_builtin_pipelines():
        return None
    return BUILTIN_PIPELINES_DIR / name


# ---- finding installed packages ----------------------------------------------------------

def is_package(name: str) -> bool:
    """Whether `name` is an installed distribution or an importable top-level package
    (looked up, not imported)."""
    if not isinstance(name, str) or not name:
        return False
    return _package_dir(name) is not None or _distribution(name) is not None


def get_package_path(name: str) -> Path:
    """The folder of the installed package `name`, found without importing it."""
    folder = _package_dir(name)
    if folder is None:
        dist = _distribution(name)
        folder = _dist_package_dir(dist) if dist is not None else None
    if folder is None:
        from .errors import PipelinePackageNotFoundError

        raise PipelinePackageNotFoundError(_not_found_message(name))
    return folder


def get_package_data_path(name: str) -> Path:
    """The data folder of the pipeline package `name`: `<lang>_<name>-<version>` (from the
    package's meta.json), else its one subfolder with a config.cfg or meta.json."""
    package = get_package_path(name)
    data = _data_folder(package)
    if data is not None:
        return data
    if (package / "config.cfg").is_file():
        return package
    raise PipelineNotFoundError(
        f"The installed package '{name}' ({package}) holds no pipeline: it has no data folder "
        "with a config.cfg (a pipeline package made with `spacy package` has exactly one). "
        "Load a pipeline folder by its path instead.")


def _import_package_code(name: str, data_path: Path, unknown: Exception) -> bool:
    """Import the package `name` if it ships code files (modules other than __init__.py, as
    `package --code` copies them in): its __init__ imports them, and they register the
    custom components its config names (`unknown`: the error for one that isn't). Whether
    it was imported. A package written by spaCy's `package` imports spaCy: its code runs
    with lexloom standing in for spaCy (`import lexloom as spacy`, or a `spacy` module that
    re-exports lexloom); if the import fails, the error says so."""
    package_dir = _package_dir(name)
    if package_dir is None or data_path.parent != package_dir or name in sys.modules:
        return False
    code = sorted(p.name for p in package_dir.glob("*.py") if p.name != "__init__.py")
    if not code:
        return False
    try:
        importlib.import_module(name)
    except ImportError as e:
        raise type(unknown)(
            f"{str(unknown).removeprefix('[lexloom] ')} The package '{name}' ships code "
            f"({', '.join(code)}) that would register it, but importing the package failed: "
            f"{type(e).__name__}: {e}. Import your components' code before loading, or make "
            "'spacy' importable as lexloom for the package's own imports.") from e
    return True


def _data_folder(package: Path) -> Path | None:
    """A pipeline package's data folder, if `package` is laid out as one."""
    meta_path = package / "meta.json"
    if meta_path.is_file():
        meta = load_meta(meta_path)
        candidate = package / f"{meta['lang']}_{meta['name']}-{meta['version']}"
        if candidate.is_dir():
            return candidate
    found = [d for d in sorted(package.iterdir()) if d.is_dir()
             and ((d / "config.cfg").is_file() or (d / "meta.json").is_file())]
    return found[0] if len(found) == 1 else None


def _package_dir(name: str) -> Path | None:
    """The folder of the top-level regular package `name` on sys.path, from its import spec
    (finding a top-level spec runs none of the package's code)."""
    if not name.isidentifier():
        return None
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin or not spec.submodule_search_locations:
        return None   # not found, a single-file module, or a namespace folder
    return Path(spec.origin).parent


def _distribution(name: str):
    try:
        return importlib.metadata.distribution(name)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return None


def _dist_package_dir(dist) -> Path | None:
    """The top-level package folder of a distribution whose name differs from its import
    name (en-core-web-sm -> en_core_web_sm), from top_level.txt or its file list."""
    names = (dist.read_text("top_level.txt") or "").split()
    if not names:
        names = sorted({Path(str(f)).parts[0] for f in (dist.files or [])
                        if str(f).endswith("meta.json")})
    for top in names:
        folder = Path(str(dist.locate_file(top)))
        if folder.is_dir():
            return folder
    return None


def _installed_pipelines() -> dict[str, str]:
    """{package: version} of distributions that declare a spacy_models entry point (as
    `spacy package` writes), read from metadata only."""
    found = {}
    for dist in importlib.metadata.distributions():
        if any(ep.group == "spacy_models" for ep in dist.entry_points):
            found[dist.metadata["Name"].replace("-", "_")] = dist.version
    return found


def _builtin_pipeline_versions() -> dict[str, str]:
    """{name: version} of the built-in pipelines, from their meta.json."""
    return {name: load_meta(BUILTIN_PIPELINES_DIR / name / "meta.json")["version"]
            for name in get_builtin_pipelines()}


def get_installed_models() -> list[str]:
    """The pipeline packages installed in this environment (from their metadata)."""
    return list(_installed_pipelines())


def get_package_version(name: str) -> str | None:
    """The installed version of the distribution `name`, or None."""
    dist = _distribution(name)
    return dist.version if dist is not None else None


# ---- meta ---------------------------------------------------------------------------------

def load_meta(path: str | Path) -> dict:
    """A pipeline's meta.json, checked to have lang, name and version."""
    from .errors import PipelineFileError
    from .pipeline_folder import read_meta, warn_on_version_range

    path = Path(path)
    if not path.parent.exists():
        raise PipelineNotFoundError(f"[E052] Can't find {path.parent}: no such folder.")
    meta = read_meta(path)
    for setting in ("lang", "name", "version"):
        if not meta.get(setting):
            raise PipelineFileError(f"[E054] {path} has no '{setting}'; a pipeline's meta.json "
                                    "needs lang, name and version. Add it, or save the pipeline "
                                    "again with nlp.to_disk.")
    warn_on_version_range(meta)
    return meta


def get_model_meta(path: str | Path) -> dict:
    """meta.json of the pipeline folder `path`."""
    return load_meta(Path(path) / "meta.json")


def info_lexloom() -> dict:
    """lexloom's version, location, platform, Python version, pipelines, languages and
    include folder (spaCy's info_spacy, under display names: "lexloom version", ...)."""
    import platform

    from . import get_include
    from .about import __lexloom_version__, __version__
    from .language import LANGUAGES

    return {"lexloom version": __lexloom_version__, "spacy version": __version__,
            "location": str(Path(__file__).parent),
            "platform": platform.platform(), "python version": platform.python_version(),
            "pipelines": {**_builtin_pipeline_versions(), **_installed_pipelines()},
            "languages": ", ".join(sorted(LANGUAGES)), "include": get_include()}


def info_model(model: str, *, silent: bool = True) -> dict:
    """An installed or saved pipeline's meta.json, without its scores, plus "source" (its
    folder), as spaCy's info_model gives it."""
    builtin = None if is_package(model) else get_builtin_pipeline_path(model)
    folder = get_package_path(model) if is_package(model) else builtin or Path(model)
    if not (folder / "meta.json").is_file() and is_package(model):
        folder = get_package_data_path(model)
    meta = dict(load_meta(folder / "meta.json"))
    meta["source"] = str(folder.resolve())
    return {k: v for k, v in meta.items() if k not in ("accuracy", "performance", "speed")}


def info(model: str | None = None, *, markdown: bool = False, silent: bool = True,
         exclude: Iterable[str] | None = None) -> dict | str:
    """Info about lexloom (versions, platform, installed pipelines), or about the pipeline
    `model` (its meta.json plus "source", the folder), as spacy.info returns."""
    if model:
        data = info_model(model)
        title = f"Info about pipeline '{model}'"
    else:
        data = info_lexloom()
        title = "Info about lexloom"
    shown = {k: v for k, v in data.items() if k not in set(exclude or ())}
    if markdown:   # spaCy's get_markdown, as `lexloom info --markdown` prints it
        from .cli.info import _display, markdown_info

        text = markdown_info(_display(shown, pipeline=bool(model)), title)
        if not silent:
            print(text)
        return text
    if not silent:
        for key, value in shown.items():
            print(f"{key}: {value}")
    # every key (exclude= only hides what is shown, as in spaCy), as spaCy's info() names
    # them: "python version" -> "python_version"
    raw = {k.lower().replace(" ", "_"): v for k, v in data.items()}
    return raw
