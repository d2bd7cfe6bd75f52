"""The pipeline folder: what Language.to_disk writes and Language.from_disk reads, in spaCy 3's
layout, so folders move between spaCy and lexloom in both directions.

    config.cfg  meta.json  tokenizer
    vocab/      strings.json  lookups.bin  vectors  key2row  vectors.cfg
    <component>/  cfg  model  moves  patterns  lookups/  vocab/ ...

Reading runs in two phases. First every file that will be read is opened and checked (present,
not truncated, JSON / msgpack / .npy that parses, weights whose layers and sizes fit the model
the config built); only then is anything loaded into the pipeline, so a bad folder raises a
lexloom.errors exception naming the file and leaves the nlp object as it was. Nothing in the
folder is ever executed: configs are text, everything else is JSON, msgpack or .npy without
pickle.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Callable, Iterable

from .errors import (
    DeserializationError,
    LegacyPipelineError,
    MissingPipelineFileError,
    PipelineFileError,
)
from .ml.weights_fit import describe_model_mismatch

# Files a component folder may hold, by name, and how each is read to check it.
_JSON_FILES = ("cfg",)
_MSGPACK_FILES = ("model", "moves", "patterns", "trees")

# Factories whose `model` isn't thinc's msgpack (a Hugging Face folder, or spacy-transformers'
# pickled torch file, which the component itself refuses with its own message).
_OWN_MODEL_LAYOUT = frozenset({"transformer", "curated_transformer"})

# The spaCy versions a pipeline saved here declares (spaCy's range for its own version), and
# the minor version whose pipelines lexloom reads.
SPACY_VERSION_RANGE = ">=3.8.18,<3.9.0"
SPACY_MINOR = "3.8"


# ---- writing --------------------------------------------------------------------------

def check_tokenizer_saves(nlp, exclude: set, method: str) -> None:
    """A tokenizer that can't save itself (no `method`) is left out of a save only where the
    config rebuilds it ([nlp.tokenizer] names a registered function that makes it). One set
    by hand (nlp.tokenizer = WhitespaceTokenizer(...)) under the default [nlp.tokenizer]
    would load back as the default tokenizer: an error here, as spaCy raises (AttributeError)."""
    if "tokenizer" in exclude or hasattr(nlp.tokenizer, method):
        return
    made_by = (nlp.config.get("nlp", {}).get("tokenizer") or {}).get("@tokenizers")
    if made_by in (None, "spacy.Tokenizer.v1", "lexloom.Tokenizer.v1"):
        from .errors import TokenizerSaveError

        raise TokenizerSaveError(
            f"nlp.tokenizer ({type(nlp.tokenizer).__name__}) has no {method}, and the config's "
            f"[nlp.tokenizer] ({made_by}) would load the default tokenizer in its place. Give "
            f"it {method} and its loading twin, make it in a function registered under "
            "@tokenizers and name that in [nlp.tokenizer], or save with exclude=['tokenizer'].")


def write_folder(nlp, path, exclude: Iterable[str] = ()) -> None:
    """config.cfg, meta.json, tokenizer, vocab/ and one folder per component (spaCy's layout;
    names in `exclude` are left out, as spaCy's to_disk). config.cfg is written last: a save
    that fails (a tokenizer rule or component that can't be saved) never leaves a folder
    that looks like a whole pipeline."""
    import srsly

    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    exclude = set(exclude)
    check_tokenizer_saves(nlp, exclude, "to_disk")
    if "tokenizer" not in exclude and hasattr(nlp.tokenizer, "to_disk"):
        nlp.tokenizer.to_disk(path / "tokenizer", exclude=["vocab"])
    for name, proc in nlp.components:
        if name in exclude or not hasattr(proc, "to_disk"):
            continue
        proc.to_disk(path / name, exclude=["vocab"])
    if "vocab" not in exclude:
        nlp.vocab.to_disk(path / "vocab", exclude=exclude)
    if "meta.json" not in exclude:
        srsly.write_json(path / "meta.json", _json_safe(nlp.meta))
    if "config.cfg" not in exclude:
        nlp.config.to_disk(path / "config.cfg")


def _json_safe(value: Any) -> Any:
    """numpy scalars (scores in meta["performance"]) as plain floats/ints; NaN as null."""
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


# ---- reading ----------------------------------------------------------------------------

def read_folder(nlp, path, exclude: Iterable[str] = (), overrides: dict | None = None):
    """Check every file first, then load config, meta, vocab, tokenizer and components into
    `nlp`. The folder's config.cfg (with `overrides`) becomes nlp.config's settings, as in
    spaCy; the pipeline's components stay the ones `nlp` has."""
    path = Path(path)
    if not path.exists():
        from .errors import PipelineNotFoundError

        raise PipelineNotFoundError(f"Can't load a pipeline from {path}: no such folder.")
    if not path.is_dir():
        raise PipelineFileError(f"{path} is a file, not a pipeline folder (a folder with "
                                "config.cfg, meta.json, vocab/ and one folder per component).")
    check_plain_files(path)
    exclude = set(exclude)
    commits: list[Callable[[], None]] = []
    if not exclude & {"config", "config.cfg"} and (path / "config.cfg").is_file():
        commits.append(_stage_config(nlp, path / "config.cfg", overrides or {}))
    if "vocab" not in exclude and (path / "vocab").is_dir():
        commits.append(_stage_vocab(nlp, path / "vocab", exclude))
    if "meta.json" not in exclude and (path / "meta.json").exists():  # names the vectors
        commits.append(_stage_meta(nlp, read_meta(path / "meta.json")))
    if "tokenizer" not in exclude and hasattr(nlp.tokenizer, "from_disk"):
        from .tokenizer import Tokenizer

        tokenizer_path = path / "tokenizer"
        # (spaCy: FileNotFoundError) a rule-based tokenizer's rules or a segmenter's settings
        # would be lost; any other (Thai's, Korean's, a user's own) gets the missing path, as
        # in spaCy (its to_disk may write nothing; it decides whether it needed anything)
        needs_file = isinstance(nlp.tokenizer, Tokenizer) or \
            getattr(nlp.tokenizer, "needs_saved_file", False)
        if not tokenizer_path.exists() and needs_file:
            raise MissingPipelineFileError(
                f"{path} has no tokenizer file: the pipeline's tokenizer rules (or "
                "settings) would be lost. Save the pipeline again, or load with "
                "exclude=['tokenizer'] to use the language's default tokenizer.")
        if tokenizer_path.is_file():  # segmenter tokenizers (zh, ja, ...) save a folder
            _read_msgpack(tokenizer_path)
        commits.insert(0, lambda: nlp.tokenizer.from_disk(tokenizer_path, exclude=["vocab"]))
    for name, proc in nlp.components:
        if name in exclude or not hasattr(proc, "from_disk"):
            continue
        check_component_folder(name, proc, path, factory=nlp.get_pipe_meta(name).factory)
        commits.append(lambda proc=proc, name=name: proc.from_disk(path / name,
                                                                   exclude=["vocab"]))
    for commit in commits:
        commit()
    nlp._path = path
    nlp._link_components()
    return nlp


def _stage_config(nlp, config_path: Path, overrides: dict) -> Callable[[], None]:
    """Read config.cfg now (a broken file raises before anything is loaded); adopt it later."""
    from confection import Config

    try:
        config = Config().from_disk(config_path, interpolate=False, overrides=overrides)
    except Exception as e:
        raise PipelineFileError(f"{config_path} is not a readable config ({e}). Save the "
                                "pipeline again, or fix the file.") from None

    def commit() -> None:
        nlp._config = config

    return commit


def read_meta(meta_path: Path) -> dict:
    """meta.json as a dict; a missing, truncated or non-object file raises, naming it."""
    if not meta_path.is_file():
        raise MissingPipelineFileError(
            f"[E053] {meta_path.parent} has no meta.json: it is not a complete pipeline "
            "folder. Copy the whole folder that nlp.to_disk wrote, or save the pipeline again.")
    meta = _read_json(meta_path)
    if not isinstance(meta, dict):
        raise PipelineFileError(f"{meta_path} must hold a JSON object, not "
                                f"{type(meta).__name__}.")
    return meta


def check_plain_files(path: Path) -> None:
    """Refuse a pipeline folder holding anything but files and folders (after following
    links): reading a FIFO, or a link to /dev/urandom, would block or never end."""
    import os
    import stat

    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(path, followlinks=True):
        info = os.stat(root)
        if (info.st_dev, info.st_ino) in seen:  # a link back up the tree: walked already
            dirs[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        for name in files:
            entry = Path(root) / name
            try:
                mode = os.stat(entry).st_mode
            except OSError as e:  # a dangling link
                raise PipelineFileError(f"Can't read {entry} in the pipeline folder ({e}).") \
                    from None
            if not stat.S_ISREG(mode):
                raise PipelineFileError(
                    f"{entry} is not a regular file (a device, FIFO or socket, or a link to "
                    "one): a pipeline folder holds only files and folders. Replace it with "
                    "the file nlp.to_disk wrote.")


def check_not_legacy(path: Path) -> None:
    """Raise LegacyPipelineError for a folder spaCy 2.x saved (no config.cfg; meta.json says
    spaCy 2), and a clear error for any other folder without config.cfg."""
    if (path / "config.cfg").is_file():
        return
    meta = None
    if (path / "meta.json").is_file():
        try:
            meta = read_meta(path / "meta.json")
        except PipelineFileError:
            meta = None
    version = str((meta or {}).get("spacy_version", ""))
    major = _major_version(version)
    if meta is not None and major is not None and major < 3:
        name = f"{meta.get('lang', '')}_{meta.get('name', '')}".strip("_") or str(path)
        raise LegacyPipelineError(
            f"{path} holds the pipeline '{name}' saved by spaCy 2 (meta.json: spacy_version "
            f"{version or 'unknown'}; no config.cfg). spaCy 3 and lexloom can't use spaCy 2 "
            "weights: retrain it with spaCy 3 (spacy init config, then spacy train; spacy "
            "convert turns v2 training data into .spacy files), or install the pipeline's "
            "v3 release (e.g. pip install en_core_web_sm>=3.8).")
    raise MissingPipelineFileError(
        f"[E053] {path} is not a pipeline folder: it has no config.cfg. Point lexloom.load "
        "at the folder nlp.to_disk wrote (it holds config.cfg and meta.json), or save one with "
        "nlp.to_disk(path)." + (" (A folder with meta.json but no config.cfg may also come "
                                "from spaCy 2, whose pipelines must be retrained.)"
                                if meta is not None and major is None else ""))


def admits_spacy_minor(spec: str) -> bool:
    """Whether a meta.json spacy_version range (">=3.8.0,<3.9.0") admits a spaCy 3.8
    release, the version whose pipelines lexloom reads."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    if not spec:
        return False
    try:
        spec_set = SpecifierSet(spec if spec[0] in "<>=!~" else f"=={spec}")
    except InvalidSpecifier:
        return False
    return any(spec_set.contains(f"{SPACY_MINOR}.{patch}", prereleases=True)
               for patch in range(100))


def warn_on_version_range(meta: dict) -> None:
    """spaCy's load-time warnings on meta.json's spacy_version: W095 when the range leaves
    out spaCy 3.8 (the pipeline was trained with another release and may annotate
    differently), W094 when it is open-ended."""
    import warnings

    from .error_codes import Warnings
    from .util import get_base_version, get_model_lower_version, is_unconstrained_version

    spec = meta.get("spacy_version")
    if not isinstance(spec, str) or not spec:
        return
    # spaCy names the pipeline as its package is named: "es_core_news_sm"
    model = f"{meta.get('lang', '')}_{meta.get('name', '')}" if meta.get("lang") \
        else meta.get("name", "")
    model_version = meta.get("version", "")
    if not admits_spacy_minor(spec):
        lower = get_model_lower_version(spec)
        if lower is not None:
            trained = "spaCy v" + get_base_version(lower)
        elif meta.get("spacy_git_version"):
            trained = "spaCy git commit " + str(meta["spacy_git_version"])
        else:
            trained = "an unknown spaCy version"
        from .about import __lexloom_version__

        warnings.warn(Warnings.W095.format(model=model, model_version=model_version,
                                           version=trained, current=f"spaCy {SPACY_MINOR}, "
                                           f"lexloom {__lexloom_version__}"))
    if is_unconstrained_version(spec):
        example = SPACY_VERSION_RANGE
        warnings.warn(Warnings.W094.format(model=model, model_version=model_version,
                                           version=spec, example=example))


def _major_version(spec: str) -> int | None:
    """The major version a requirement such as '>=2.3.0,<2.4.0' names first."""
    digits = "".join(c if c.isdigit() or c == "." else " " for c in spec).split()
    if not digits:
        return None
    try:
        return int(digits[0].split(".")[0])
    except ValueError:
        return None


def _stage_meta(nlp, meta: dict) -> Callable[[], None]:
    def commit() -> None:
        nlp._meta.update({k: v for k, v in meta.items()
                          if k not in ("pipeline", "components", "disabled")})
        vectors_meta = meta.get("vectors")
        if isinstance(vectors_meta, dict) and vectors_meta.get("name"):
            nlp.vocab.vectors.name = vectors_meta["name"]
    return commit


def _stage_vocab(nlp, vocab_dir: Path, exclude: set) -> Callable[[], None]:
    """Read strings, vectors and lookups into new objects; the commit swaps them in."""
    strings = None
    if "strings" not in exclude and (vocab_dir / "strings.json").exists():
        strings = _read_json(vocab_dir / "strings.json")
        if not isinstance(strings, list) or not _all_str(strings):
            raise PipelineFileError(f"{vocab_dir / 'strings.json'} must be a JSON list of "
                                    "strings. Restore it from the original pipeline.")
    vectors = None
    vector_files = [n for n in ("vectors", "key2row", "vectors.cfg") if (vocab_dir / n).exists()]
    if "vectors" not in exclude and vector_files:
        if "vectors" not in vector_files:
            raise MissingPipelineFileError(
                f"{vocab_dir} has {' and '.join(vector_files)} but no `vectors` table: the "
                "vocab folder is incomplete. Copy the whole folder again, or save the "
                "pipeline again.")
        from .vectors import Vectors

        try:
            vectors = Vectors(strings=nlp.vocab.strings).from_disk(vocab_dir,
                                                                   exclude=["strings"])
        except DeserializationError as e:
            raise PipelineFileError(f"{e} Restore the vocab folder from the original "
                                    "pipeline, or save the pipeline again.") from None
    lookups = None
    if "lookups" not in exclude and (vocab_dir / "lookups.bin").exists():
        from .lookups import Lookups

        lookups = Lookups().from_disk(vocab_dir)

    def commit() -> None:
        if strings is not None:
            nlp.vocab.strings._add_all(strings)
        if vectors is not None:
            nlp.vocab.vectors = vectors
        if lookups is not None:
            nlp.vocab.lookups = lookups
            # lexemes made before (the tokenizer file's special cases, committed first) take
            # their norms from a "lexeme_norm" table, as spaCy's, made after its vocab, do
            nlp.vocab._apply_norm_table()
    return commit


def _all_str(items: list) -> bool:
    """Every item a str (a set of their types: ~20x a generator over 85,000 strings)."""
    return set(map(type, items)) <= {str} or all(isinstance(s, str) for s in items)


def _check_label_count(name: str, proc, folder: Path, msg: dict) -> None:
    """The saved model's output width against the labels in the saved cfg, before anything
    loads (the component checks it again after loading)."""
    cfg_path = folder / "cfg"
    nodes = msg.get("nodes") if isinstance(msg, dict) else None
    if not cfg_path.is_file() or not nodes or not isinstance(nodes[0], dict):
        return
    saved_cfg = _read_json(cfg_path)
    current = proc.cfg
    proc.cfg = {**current, **saved_cfg}   # _n_outputs reads the labels from cfg
    try:
        want = proc._n_outputs() if hasattr(proc, "_n_outputs") else None
    except (KeyError, TypeError, AttributeError):
        want = None
    finally:
        proc.cfg = current
    have = (nodes[0].get("dims") or {}).get("nO")
    if want and have is not None and have != want:
        raise PipelineFileError(
            f"{folder / 'model'} gives {have} scores per row, but {cfg_path} lists {want} "
            f"labels for '{name}': the cfg and model come from different pipelines (or the cfg "
            "was edited). Put back the cfg saved with this model.")


def check_component_folder(name: str, proc, path: Path, *, factory: str = "") -> None:
    """Check the folder `path/name` that proc.from_disk will read: there, its files parse,
    and its weights fit proc.model. Raises a PipelineFileError naming the file."""
    folder = path / name
    beside = [path / f"{name}{suffix}" for suffix in (".json", ".jsonl")]  # sentencizer...
    if not folder.exists() and not any(file.is_file() for file in beside):
        if not _is_lexloom_component(proc):
            # A user's to_disk may write nothing (spaCy's issue #5137): as in spaCy, its own
            # from_disk gets the missing path and decides whether it needed anything there.
            return
        raise MissingPipelineFileError(
            f"{path} has no folder '{name}' for the component '{name}' ({factory or 'unknown'} "
            f"factory) that config.cfg lists: it was saved with exclude=['{name}'] or copied "
            f"incompletely. Load with exclude=['{name}'] to leave it out, or save the pipeline "
            "again.")
    if not folder.is_dir():
        for file in beside:
            if file.suffix == ".json" and file.is_file():
                _read_json(file)
            elif file.is_file():
                _read_jsonl(file)
        return
    model = getattr(proc, "model", None)
    trainable = hasattr(model, "walk") and isinstance(getattr(proc, "cfg", None), dict)
    own_layout = factory in _OWN_MODEL_LAYOUT
    if trainable:
        for required in ("cfg", "model"):   # model/ is a folder for a transformer
            if not (folder / required).exists():
                raise MissingPipelineFileError(
                    f"{folder} has no `{required}` file, which component '{name}' needs: the "
                    "folder is incomplete. Copy it again from the original pipeline, or save "
                    "the pipeline again.")
    if hasattr(proc, "moves") and not (folder / "moves").is_file():
        raise MissingPipelineFileError(
            f"{folder} has no `moves` file (the transition system of '{name}'): the folder "
            "is incomplete. Copy it again from the original pipeline.")
    for file in sorted(folder.iterdir()):
        if file.is_dir():
            if file.name == "lookups" and (file / "lookups.bin").exists():
                _read_msgpack(file / "lookups.bin")
            elif file.name == "vocab" and (file / "strings.json").exists():
                _read_json(file / "strings.json")
        elif file.name in _JSON_FILES:
            value = _read_json(file)
            if not isinstance(value, dict):
                raise PipelineFileError(f"{file} must hold a JSON object (the settings of "
                                        f"'{name}'), not {type(value).__name__}.")
        elif file.name == "patterns" and _is_jsonl(file):   # span_ruler writes JSON lines
            _read_jsonl(file)
        elif file.name == "moves" and hasattr(proc, "moves"):
            from .pipeline.transition_moves import MoveTable

            _read_msgpack(file)
            try:
                MoveTable.read_bytes(file.read_bytes(), str(file))
            except DeserializationError as e:
                raise PipelineFileError(str(e)) from None
        elif file.name in _MSGPACK_FILES and not (file.name == "model" and own_layout):
            msg = _read_msgpack(file)
            if file.name == "model" and trainable:
                _check_label_count(name, proc, folder, msg)
                # a component's own from_disk may build its model first (layers made lazily)
                problem = describe_model_mismatch(model, msg) \
                    if _defined_in_lexloom(type(proc).from_disk) else None
                if problem is not None:
                    raise PipelineFileError(
                        f"{file}: the saved weights don't fit the model that "
                        f"[components.{name}] in config.cfg builds: {problem}. Load the "
                        "weights with the config.cfg saved beside them (no overrides of the "
                        "model's sizes), or retrain the component with this config. If that "
                        "config.cfg is the one saved with them, they come from a version of "
                        "the architecture lexloom doesn't build yet: please report it, naming "
                        "the pipeline.")
        elif file.suffix == ".jsonl":
            _read_jsonl(file)


def _is_lexloom_component(proc) -> bool:
    """Whether lexloom itself defines the component's class: its to_disk always writes a
    folder, so a missing one means an excluded or incomplete save."""
    return _defined_in_lexloom(type(proc))


def _defined_in_lexloom(obj) -> bool:
    """Whether a class or function is lexloom's own (not a user's or a plugin's)."""
    module = getattr(obj, "__module__", None) or ""
    return module == "lexloom" or module.startswith("lexloom.")


def _is_jsonl(file: Path) -> bool:
    """Whether a file is empty or starts as JSON lines do (msgpack never starts with "{":
    0x7b would be the lone integer 123)."""
    with file.open("rb") as f:
        return f.read(64).lstrip()[:1] in (b"{", b"")


def _read_json(file: Path) -> Any:
    """A pipeline JSON file (streamed line by line: a huge line or bad bytes fail early)."""
    from .errors import InputFileError
    from .line_reader import read_json

    try:
        return read_json(file)
    except InputFileError as e:
        raise PipelineFileError(f"{str(e).removeprefix('[lexloom] ')} Restore it from the "
                                "original pipeline, or save the pipeline again.") from None
    except OSError as e:
        raise PipelineFileError(f"Can't read {file}: {e.strerror or e}.") from None


def _read_jsonl(file: Path) -> None:
    from .errors import InputFileError
    from .line_reader import iter_jsonl

    try:
        for _ in iter_jsonl(file):
            pass
    except InputFileError as e:
        raise PipelineFileError(f"{str(e).removeprefix('[lexloom] ')} Restore it from the "
                                "original pipeline.") from None


def _read_msgpack(file: Path) -> Any:
    import srsly

    from .msgpack import loads

    try:
        return loads(file.read_bytes())
    except (ValueError, TypeError, KeyError, OverflowError,
            srsly.msgpack.exceptions.UnpackException) as e:
        raise PipelineFileError(f"{file} is truncated or not msgpack ({type(e).__name__}: "
                                f"{e}). Restore it from the original pipeline, or save the "
                                "pipeline again.") from None
    except OSError as e:
        raise PipelineFileError(f"Can't read {file}: {e.strerror or e}.") from None
