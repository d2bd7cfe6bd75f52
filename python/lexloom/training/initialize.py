"""Set a pipeline up for training: build it from a config, check the training blocks,
initialize its components on the training corpus, load pretrained tok2vec weights.

`load_training_config` reads a config with command-line overrides and refuses overrides
that name no setting; `init_nlp` returns an initialized pipeline that `train` can run.
"""
from __future__ import annotations

import difflib
import inspect
import itertools
import logging
import warnings
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import IO, Any, Callable, Iterator

from ..errors import ConfigError, LexloomError, LexloomWarning, ModelError
from ..util import dot_to_object
from ..util import get_sourced_components  # noqa: F401  (spaCy's module has it)
from .config_tools import UNREAD_SETTING_NOTE, is_function_block
from .vectors import convert_vectors
from .vocab_data import (
    DEFAULT_OOV_PROB,
    OOV_RANK,
    ensure_shape,
    init_vocab,
    open_file,
    read_vectors,
)

logger = logging.getLogger("lexloom")

# The settings of [training]; anything else there is a typo.
TRAINING_KEYS = ("seed", "gpu_allocator", "dropout", "accumulate_gradient", "patience",
                 "max_epochs", "max_steps", "eval_frequency", "score_weights",
                 "frozen_components", "annotating_components", "dev_corpus", "train_corpus",
                 "before_to_disk", "before_update", "logger", "batcher", "optimizer")
_INT_KEYS = ("accumulate_gradient", "patience", "max_epochs", "max_steps", "eval_frequency")
_PRETRAIN_DEFAULTS = {"component": "tok2vec", "layer": ""}


# ---- the config ------------------------------------------------------------------------


def load_training_config(path: str | Path, overrides: dict | None = None):
    """The config at `path`, filled with lexloom's defaults, with dotted overrides applied.
    An override may name any setting of the filled config (so --training.logger.progress_bar
    works when the file leaves [training.logger] to the defaults); one that names no setting
    is an error, not silently added."""
    from ..language import Language
    from ..util import _config_from_str, load_config

    overrides = dict(overrides or {})
    written = load_config(path)
    config = Language.default_config.merge(written)
    if not overrides:
        return config
    check_overrides(config, overrides, source=str(path))
    result = _config_from_str(config.to_str(), overrides, False, source=str(path))
    _drop_defaults_of_swapped_functions(result, written, Language.default_config, overrides)
    return result


def _drop_defaults_of_swapped_functions(config, written, defaults, overrides: dict) -> None:
    """A block whose registered function an override swaps (--training.logger.@loggers X)
    keeps only what the file and the overrides give it, as in spaCy, which fills defaults
    after the overrides and so never gives the new function the old one's default settings
    (progress_bar for a logger that takes none)."""
    for key, value in overrides.items():
        parts = key.split(".")
        if not parts[-1].startswith("@"):
            continue
        block, given, default = (_block_at(c, parts[:-1]) for c in (config, written, defaults))
        if block is None or (default or {}).get(parts[-1]) == value:
            continue
        keep = set(given or ()) | {k.split(".")[len(parts) - 1] for k in overrides
                                   if k.startswith(".".join(parts[:-1]) + ".")}
        for name in [name for name in block if name not in keep]:
            del block[name]


def _block_at(config, parts: list[str]):
    """The block at a dotted path of a config, or None."""
    try:
        node = dot_to_object(config, ".".join(parts))
    except KeyError:  # ConfigSectionError: no such block
        return None
    return node if isinstance(node, dict) else None


def check_overrides(config, overrides: dict, source: str = "the config") -> None:
    """Raise a ConfigError for an override whose key the (filled) config doesn't have.

    Keys inside a block that names a registered function are checked against that function's
    arguments; keys under [components] are left to the component's own validation; a new
    [paths] variable is taken when the config uses it (${paths.NAME}), as spaCy takes it.
    """
    for key in overrides:
        parts = key.split(".")
        node: Any = config
        for depth, part in enumerate(parts):
            if isinstance(node, dict) and part in node:
                node = node[part]
                continue
            parent = ".".join(parts[:depth])
            if not isinstance(node, dict):
                raise ConfigError(f"Override --{key}: [{parent}] is a value, not a block, so it "
                                  "has no settings to override.")
            # the block's function as the overrides leave it (they may swap it)
            node = {**node, **{name: overrides[f"{parent}.{name}"] for name in node
                               if str(name).startswith("@") and f"{parent}.{name}" in overrides}}
            if parts[0] == "components" or _takes_argument(node, part):
                break
            if depth == 1 and len(parts) == 2 and parts[0] == "paths" and \
                    _references(config, f"${{paths.{part}}}"):
                break  # a variable the config uses but leaves to the command line (as spaCy)
            known = sorted(k for k in node if not str(k).startswith("@"))
            close = difflib.get_close_matches(part, known, n=1)
            hint = f" Did you mean --{parent}.{close[0]}?" if close else ""
            if depth == 0:
                raise ConfigError(f"Override --{key}: {source} has no [{part}] block.{hint}")
            message = (f"Override --{key}: [{parent}] in {source} has no setting '{part}'. "
                       f"Known: {', '.join(known) or '(none)'}.{hint}")
            if depth < len(parts) - 1 or is_function_block(node):
                raise ConfigError(message)
            # a new setting in a plain block ([training], [nlp], [paths]...): spaCy takes it
            warnings.warn(LexloomWarning(f"{message} {UNREAD_SETTING_NOTE}"), stacklevel=2)
            break


def _references(node: Any, variable: str) -> bool:
    """Whether a value anywhere in the (uninterpolated) config mentions `variable`."""
    if isinstance(node, dict):
        return any(_references(value, variable) for value in node.values())
    if isinstance(node, (list, tuple)):
        return any(_references(value, variable) for value in node)
    return isinstance(node, str) and variable in node


def _takes_argument(block: dict, name: str) -> bool:
    """Whether the registered function a block names (if any) accepts argument `name`."""
    from ..registry import registry
    from ..util import _ensure_builtins

    refs = [k for k in block if str(k).startswith("@")]
    if not refs:
        return False
    _ensure_builtins()
    reg_name, func_name = refs[0][1:], block[refs[0]]
    try:
        func = registry.get(reg_name, func_name)
    except Exception:
        return True   # unknown function: resolving it reports the problem better
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):
        return True
    return name in params or any(p.kind == p.VAR_KEYWORD for p in params.values())


def fill_score_weights(nlp) -> dict:
    """Combine the components' default score weights with [training.score_weights] (which
    wins: null hides a score, 0 shows it unweighted), normalise them to sum to 1 (rounded to
    2 places, as spaCy does), store them in nlp.config and return them."""
    config = nlp.config
    combined: dict = {}
    for name in nlp.component_names:
        combined.update(nlp.get_pipe_meta(name).default_score_weights or {})
    combined.update(dict(config.get("training", {}).get("score_weights") or {}))
    total = sum(v for v in combined.values() if v)
    if total > 0:
        combined = {k: (round(v / total, 2) if v else v) for k, v in combined.items()}
    config.setdefault("training", {})["score_weights"] = combined
    nlp.config = config
    return combined


def resolve_training(config) -> dict:
    """The resolved [training] block (functions built), with its settings checked."""
    from ..util import check_registered_names, resolve_with_context

    training = config.get("training")
    if not isinstance(training, dict):
        raise ConfigError("The config has no [training] block.")
    unknown = [k for k in training if k not in TRAINING_KEYS]
    for key in unknown:   # spaCy ignores them: a config that trains there trains here
        close = difflib.get_close_matches(key, TRAINING_KEYS, n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        warnings.warn(LexloomWarning(
            f"[training] has no setting '{key}'; it is ignored. Known: "
            f"{', '.join(TRAINING_KEYS)}.{hint}"))   # once: training resolves it twice
    training = {k: v for k, v in training.items() if k not in unknown}
    check_registered_names(training, "training")
    T = resolve_with_context({"training": dict(training)}, validate=False,
                             where="training")["training"]
    for key in _INT_KEYS:
        value = T.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"[training] {key} = {value!r} must be an integer.")
    dropout = T.get("dropout")
    if isinstance(dropout, bool) or not (isinstance(dropout, (int, float))
                                         or hasattr(dropout, "__next__")):
        raise ConfigError(f"[training] dropout = {dropout!r} must be a number (or a "
                          "schedule).")
    for key in ("frozen_components", "annotating_components"):
        names = T.get(key)
        if names is not None and (not isinstance(names, (list, tuple))
                                  or not all(isinstance(n, str) for n in names)):
            raise ConfigError(f"[training] {key} = {names!r} must be a list of component "
                              "names.")
    seed = T.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise ConfigError(f"[training] seed = {seed!r} must be an integer (or null).")
    if T.get("gpu_allocator") is not None and not isinstance(T["gpu_allocator"], str):
        raise ConfigError(f"[training] gpu_allocator = {T['gpu_allocator']!r} must be a "
                          "string (or null).")
    if T["eval_frequency"] < 1:
        raise ConfigError(f"[training] eval_frequency = {T['eval_frequency']} must be at least 1.")
    if T["accumulate_gradient"] < 1:
        raise ConfigError(f"[training] accumulate_gradient = {T['accumulate_gradient']} must "
                          "be at least 1.")
    for key in ("train_corpus", "dev_corpus"):
        if not isinstance(T.get(key), str):
            raise ConfigError(f"[training] {key} must be the dotted name of a corpus block, "
                              f"such as \"corpora.train\", not {T.get(key)!r}.")
    for key in ("frozen_components", "annotating_components"):
        T[key] = list(T.get(key) or [])
    return T


def resolve_corpus(config, dot_name: str, raw_config=None) -> Callable:
    """The reader a dotted name like "corpora.train" points at, with errors that say which
    block and which --paths variable to set."""
    from ..util import check_registered_names, get_dot, resolve_with_context

    try:
        block = get_dot(config, dot_name)
    except KeyError:
        reader = _reader_inside_resolved_block(config, dot_name)
        if reader is None:
            raise ConfigError(f"[training] names the corpus '{dot_name}', but the config has "
                              f"no [{dot_name}] block.") from None
        return reader
    if not isinstance(block, dict):
        raise ConfigError(f"[{dot_name}] must be a block naming a reader "
                          "(@readers = \"spacy.Corpus.v1\").")
    variable = _path_variable(raw_config, dot_name)
    if "path" in block and block["path"] is None:
        if variable is None:
            hint = f"Set it in the config or with --{dot_name}.path on the command line."
        else:
            example = "./train.spacy" if variable.endswith("train") else \
                "./dev.spacy" if variable.endswith("dev") else "PATH"
            section, key = variable.rsplit(".", 1) if "." in variable else ("paths", variable)
            hint = (f"It comes from ${{{variable}}}: pass --{variable} {example} on the command "
                    f"line, or set {key} = \"{example}\" under [{section}] in the config.")
        raise ConfigError(f"[{dot_name}] path is null: no corpus to read. {hint}")
    check_registered_names(block, dot_name)
    try:
        return resolve_with_context({"c": dict(block)}, validate=True, where=dot_name)["c"]
    except LexloomError as e:
        text = str(e).removeprefix("[lexloom] ")
        if not text.startswith(f"[{dot_name}]"):
            text = f"[{dot_name}] {text}"
        if variable is not None:
            text += (f" The path comes from ${{{variable}}}: pass an existing file or folder "
                     f"with --{variable}.")
        raise ConfigError(text) from None


def _reader_inside_resolved_block(config, dot_name: str) -> Callable | None:
    """spaCy's other corpus layout: a block above the dotted name is itself one reader call
    returning a dict of readers ([corpora] with @readers giving {"train": ..., "dev": ...});
    "corpora.train" is then the "train" entry of what that block returns. None when no
    block above the name is a function call."""
    from ..errors import ConfigSectionError
    from ..registry import registry
    from ..util import check_registered_names, dot_to_object, get_dot, resolve_with_context

    parts = dot_name.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        prefix = ".".join(parts[:cut])
        try:
            block = get_dot(config, prefix)
        except KeyError:
            continue
        if not (isinstance(block, dict) and registry.is_promise(block)):
            continue
        check_registered_names(block, prefix)
        resolved = resolve_with_context({"c": dict(block)}, validate=True, where=prefix)["c"]
        try:
            reader = dot_to_object({"c": resolved}, "c." + ".".join(parts[cut:]))
        except ConfigSectionError:
            raise ConfigError(f"[training] names the corpus '{dot_name}': [{prefix}] returns "
                              f"{type(resolved).__name__}, which has no "
                              f"'{'.'.join(parts[cut:])}'.") from None
        if not callable(reader):
            raise ConfigError(f"'{dot_name}' (from [{prefix}]) is {type(reader).__name__}, not "
                              "a corpus reader (a function of nlp returning Examples).")
        return reader
    return None


def _path_variable(raw_config, dot_name: str) -> str | None:
    """"paths.train" when the block's path is "${paths.train}" in the uninterpolated config."""
    from ..util import get_dot

    if raw_config is None:
        return None
    try:
        value = get_dot(raw_config, f"{dot_name}.path")
    except KeyError:
        return None
    if isinstance(value, str) and value.startswith("${") and value.endswith("}"):
        return value[2:-1]
    return None


# ---- building and initializing ------------------------------------------------------------


def init_nlp(config, *, use_gpu: int = -1, stdout: IO | None = None):
    """Build the pipeline from `config` and initialize it on [training.train_corpus].

    Frozen components (and components sourced from a trained pipeline) keep their weights;
    the rest are initialized from the training examples (only the first 100 when the
    corpus is streamed, max_epochs = -1). With [initialize] init_tok2vec set, nlp.initialize
    loads the pretrained weights into the tok2vec layer that [pretraining] names.
    """
    from thinc.api import fix_random_seed, set_gpu_allocator

    from ..language import config_language

    raw_config = config
    # always, as spaCy: a Config may be flagged interpolated and still hold ${...} references
    config = raw_config.interpolate() if hasattr(raw_config, "interpolate") else raw_config
    training = config.get("training") or {}
    seed = training.get("seed")
    if seed is not None:
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise ConfigError(f"[training] seed = {seed!r} must be an integer (or null).")
        fix_random_seed(seed)
    if use_gpu >= 0 and training.get("gpu_allocator"):
        set_gpu_allocator(training["gpu_allocator"])
    nlp = config_language(raw_config).from_config(raw_config, auto_fill=True)
    fill_score_weights(nlp)
    config = nlp.config.interpolate()
    T = resolve_training(config)
    _check_component_names(nlp, T)
    train_corpus = resolve_corpus(config, T["train_corpus"], nlp.config)
    resolve_corpus(config, T["dev_corpus"], nlp.config)
    optimizer = T["optimizer"]
    frozen = T["frozen_components"]
    sourced = [name for name, block in (raw_config.get("components") or {}).items()
               if isinstance(block, dict) and "source" in block and name in nlp.component_names]
    resume = [name for name in sourced if name not in frozen]
    if resume:
        with nlp.select_pipes(enable=resume):
            logger.info("Resuming training for: %s", resume)
            nlp.resume_training(sgd=optimizer)
    skip = [name for name in dict.fromkeys(frozen + resume) if name in nlp.pipe_names]
    with nlp.select_pipes(disable=skip):
        if T["max_epochs"] == -1:
            def get_examples():
                return itertools.islice(train_corpus(nlp), 100)
        else:
            def get_examples():
                return train_corpus(nlp)
        try:
            with _messages_to(stdout):  # nlp.initialize loads init_tok2vec and says so
                nlp.initialize(get_examples, sgd=optimizer)
        except Exception:
            if next(iter(get_examples()), None) is None:  # the likely cause: say so
                raise ConfigError(
                    f"The training corpus ({T['train_corpus']}, path "
                    f"{_corpus_path(config, T['train_corpus'])}) has no examples, so the "
                    "components can't infer their shapes. Check the file (lexloom debug "
                    "data) and its reader's settings (max_length, limit).") from None
            raise
    _warn_listener_freezing(nlp, frozen, T["annotating_components"])
    return nlp


def _corpus_path(config, dotted: str):
    """The `path` setting of the corpus block a dotted name such as "corpora.train" names."""
    block = config
    for part in str(dotted).split("."):
        block = block.get(part, {}) if isinstance(block, dict) else {}
    return block.get("path") if isinstance(block, dict) else None


def _check_component_names(nlp, T: dict) -> None:
    """A frozen component must be in the pipeline (spaCy: E001). An annotating one need not:
    spaCy sets annotations with the components it has, so a config may name one it left
    out (explosion/projects' span-labeling configs do)."""
    for name in T["frozen_components"]:
        if name not in nlp.component_names:
            raise ConfigError(f"[training] frozen_components names '{name}', which is not in "
                              f"the pipeline ({', '.join(nlp.component_names) or 'empty'}).")


def _warn_listener_freezing(nlp, frozen: list, annotating: list) -> None:
    for name, proc in nlp.pipeline:
        for listener in getattr(proc, "listening_components", []) or []:
            if listener not in nlp.pipe_names:
                continue
            if listener in frozen and name not in frozen:
                logger.warning("Component '%s' is trained but its listener '%s' is frozen: "
                               "the listener's inputs will change under it. Freeze '%s' too, "
                               "or replace the listener with a copy (replace_listeners).",
                               name, listener, name)
            if listener not in frozen and name in frozen and name not in annotating:
                logger.warning("Component '%s' is frozen but its listener '%s' is trained: add "
                               "'%s' to [training] annotating_components so '%s' gets "
                               "up-to-date inputs.", name, listener, name, listener)


def load_vectors_into_model(nlp, name: str | Path, *, add_strings: bool = True) -> None:
    """Load the vectors of the pipeline folder `name` (from `lexloom init vectors`) into
    nlp's vocab: what [initialize] vectors does (spaCy's function of the same name)."""
    nlp.load_vectors(name, add_strings=add_strings)


def get_tok2vec_ref(nlp, P: dict):
    """The layer [pretraining] names, which `pretrain` trains and init_tok2vec loads into:
    the component's whole model, or its `layer` reference; a listener stands for the model
    of the tok2vec component it listens to."""
    component = P["component"]
    if component not in nlp.component_names:
        raise ConfigError(f"[pretraining] component = '{component}' is not in the pipeline "
                          f"({', '.join(nlp.component_names) or 'empty'}).")
    layer = getattr(nlp.get_pipe(component), "model", None)
    if layer is None or not hasattr(layer, "walk"):
        raise ConfigError(f"[pretraining] component = '{component}' has no model to pretrain.")
    if P["layer"]:
        if not layer.has_ref(P["layer"]):
            raise ConfigError(f"[pretraining] layer = '{P['layer']}': the model of "
                              f"'{component}' has no such reference. Known: "
                              f"{', '.join(layer.ref_names) or '(none)'}.")
        layer = layer.get_ref(P["layer"])
    upstream = getattr(layer, "upstream_name", None)
    if upstream is not None:
        name = upstream if upstream != "*" else "tok2vec"
        if name not in nlp.component_names:
            raise ConfigError(f"[pretraining] names a listener of '{name}', which is not in "
                              "the pipeline: point component at the tok2vec component.")
        layer = nlp.get_pipe(name).model
    return layer


def init_tok2vec(nlp, pretrain_config, init_config: dict | None = None, *,
                 stdout: IO | None = None) -> bool:
    """Load `[initialize] init_tok2vec` (the msgpack bytes of a tok2vec model, as `lexloom
    pretrain` writes) into the layer [pretraining] names (default: the whole model of the
    'tok2vec' component). Returns whether weights were loaded.

    pretrain_config: the whole training config; or, called as spaCy's
    `init_tok2vec(nlp, pretrain_config, init_config)`, the [pretraining] block with the
    [initialize] block after it."""
    import srsly

    config = pretrain_config
    if init_config is not None:
        config = {"pretraining": config or {}, "initialize": init_config}
    init = config.get("initialize") or {}
    weights_path = init.get("init_tok2vec")
    if weights_path in (None, ""):
        return False
    weights_path = Path(weights_path)
    if not weights_path.exists():   # as spaCy: a ConfigValidationError (a ConfigError too)
        from ..errors import ConfigValidationFailedError

        msg = (f"[initialize] init_tok2vec = {str(weights_path)!r}: no such file. Point it (or "
               "--paths.init_tok2vec) at the weights `lexloom pretrain` wrote, e.g. "
               "pretrain/model99.bin.")
        raise ConfigValidationFailedError(msg, errors=[
            {"loc": ["initialize", "init_tok2vec"], "msg": "file not found",
             "type": "value_error.path.not_exists"}], title="Config validation error")
    settings = dict(_PRETRAIN_DEFAULTS)
    settings.update({k: v for k, v in (config.get("pretraining") or {}).items()
                     if k in _PRETRAIN_DEFAULTS and v is not None})
    component = settings["component"]
    layer = get_tok2vec_ref(nlp, settings)
    data = weights_path.read_bytes()
    try:
        msg = srsly.msgpack_loads(data)
    except (ValueError, TypeError, KeyError, OverflowError,
            srsly.msgpack.exceptions.UnpackException) as e:
        raise ModelError(f"{weights_path} is not a tok2vec weights file ({type(e).__name__}: "
                         f"{e}); is it truncated? Use a model{{N}}.bin that `lexloom pretrain` "
                         "wrote.") from None
    _check_weights_fit(layer, msg, weights_path, f"the model of '{component}'")
    n_loaded, n_total = _count_tensors(layer, msg)
    if n_loaded == 0:
        raise ModelError(f"{weights_path} holds no weights for the tok2vec of '{component}' "
                         f"(0/{n_total} tensors): it was saved before the model was "
                         "initialized. Use a model{N}.bin that `lexloom pretrain` wrote.")
    try:
        layer.from_bytes(data)
    except (ValueError, KeyError, TypeError) as e:
        raise ModelError(f"{weights_path} doesn't load into the tok2vec of '{component}' "
                         f"({e}). Pretrain with the same tok2vec settings.") from None
    line = (f"Loaded pretrained tok2vec for: {[component]} (loaded {n_loaded}/{n_total} "
            "tensors)")
    logger.info("%s (from %s)", line, weights_path)
    stdout = stdout if stdout is not None else _MESSAGES_TO.get()
    if stdout is not None:
        from .loggers import message

        print(message("info", line, stream=stdout), file=stdout, flush=True)
    return True


# Where init_tok2vec prints its line when nlp.initialize calls it (init_nlp: the train
# command's output); None: the log only.
_MESSAGES_TO: ContextVar[IO | None] = ContextVar("lexloom_init_messages", default=None)


@contextmanager
def _messages_to(stdout: IO | None) -> Iterator[None]:
    token = _MESSAGES_TO.set(stdout)
    try:
        yield
    finally:
        _MESSAGES_TO.reset(token)


def _count_tensors(layer, msg: dict) -> tuple[int, int]:
    """(parameters the file gives a value for, parameters the layer has)."""
    n_total = sum(len(node.param_names) for node in layer.walk())
    n_loaded = 0
    for node, params in zip(layer.walk(), msg["params"]):
        n_loaded += sum(1 for name, value in (params or {}).items()
                        if value is not None and node.has_param(name))
    return n_loaded, n_total


def _check_weights_fit(layer, msg: Any, where: Path, target: str) -> None:
    """Refuse weights whose layer structure or parameter shapes differ from `layer`'s
    (`target` says what the layer is, e.g. "the model of 'tok2vec'")."""
    from ..ml.weights_fit import describe_model_mismatch

    problem = describe_model_mismatch(layer, msg)
    if problem is not None:
        raise ModelError(
            f"{where} doesn't fit {target}: {problem}. Pretraining used a different tok2vec "
            "architecture or settings: use the same tok2vec block (architecture, depth, "
            "widths and rows) in both configs.")


__all__ = ["DEFAULT_OOV_PROB", "OOV_RANK", "convert_vectors", "ensure_shape", "init_vocab",
           "open_file", "read_vectors", "init_nlp", "init_tok2vec", "get_tok2vec_ref", "load_training_config",
           "check_overrides", "fill_score_weights", "resolve_training", "resolve_corpus"]
