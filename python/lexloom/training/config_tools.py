"""Filling and checking training configs: the library side of `lexloom init fill-config` and
`lexloom debug config`.

`fill_config` adds every setting a config leaves out, from the default config, each
component factory's default config and the defaults of every registered function the
config names, and recomputes [training.score_weights] from the components, as spaCy's
fill-config does. `check_config` loads a config with overrides and validates it stage by
stage (registry names, sections and keys, pipeline names, building the pipeline, resolving
[initialize], [training] and the corpora), collecting every error it can find before a
blocking one, each naming the block and key it is about.
"""
from __future__ import annotations

import copy
import inspect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError, LexloomError
from ..util import combine_score_weights
from .config_templates import _ordered, default_pretraining_config

# Sections every training config has; [pretraining] is optional.
REQUIRED_SECTIONS = ("nlp", "components", "corpora", "training", "initialize")
# Sections with a fixed set of settings (those of the default config).
FIXED_SECTIONS = ("nlp", "training", "initialize", "pretraining")
FILL_HINT = "or run `lexloom init fill-config` to add every default"


# ---- filling ------------------------------------------------------------------------------

def fill_config(config, *, pretraining: bool = False):
    """The config with every missing setting added (a new confection Config).

    Components are built from their factories to fill their blocks, so every component
    factory and architecture the config names must be registered. Other blocks that name
    functions not (yet) registered are left as they are; `unregistered_names` lists them.
    """
    from confection import Config

    from ..language import config_language
    from ..loading import config_lang

    config_lang(config)   # as spaCy's fill (load_model_from_config): [nlp] lang is needed
    base = Config(copy.deepcopy(dict(config)))
    nlp = config_language(base).from_config(copy.deepcopy(base), auto_fill=True, validate=False)
    filled = Config(copy.deepcopy(dict(nlp.config)))
    # Build once more from the filled config, validating (not filling again, as spaCy's
    # fill: [initialize] may name a path that is null until training), so what we write loads.
    config_language(filled).from_config(Config(copy.deepcopy(dict(filled))).interpolate(),
                                        auto_fill=False, validate=True)
    for name, block in base.get("components", {}).items():
        if not isinstance(block, dict) or name not in filled["components"]:
            continue
        if "source" in block:  # replaced by the source's config: keep the source lines
            filled["components"][name] = copy.deepcopy(block)
        else:  # the stored blocks are interpolated: put the user's ${...} variables back
            filled["components"][name] = Config(filled["components"][name]).merge(
                copy.deepcopy(block))
    for section in list(filled):
        if section != "components":
            filled[section] = _fill_registered(filled[section])
    weights = []
    for name in nlp.component_names:
        w = nlp.get_pipe_meta(name).default_score_weights
        if w:
            weights.append(w)
    training = filled.setdefault("training", {})
    training["score_weights"] = combine_score_weights(weights,
                                                      training.get("score_weights") or {})
    filled.setdefault("pretraining", {})
    if pretraining:
        filled = default_pretraining_config().merge(filled)
    return _in_users_order(_ordered(filled), base)


# Sections spaCy's fill writes last, whatever the config's order: the pipeline's blocks (in
# pipeline order) and [pretraining].
_LAST_SECTIONS = ("components", "pretraining")


def _in_users_order(filled, user):
    """The filled config in the order spaCy's fill-config writes it: confection merges the
    defaults into the user's blocks, so the sections, settings and sub-blocks the config had
    keep its order and the added ones follow, in the default config's order where it has
    them; _LAST_SECTIONS go last, and [training.score_weights] is computed afresh."""
    from confection import Config

    from ..language import DEFAULT_CONFIG

    head = [k for k in user if k in filled and k not in _LAST_SECTIONS]
    keys = head + [k for k in filled if k not in head and k not in _LAST_SECTIONS] \
        + [k for k in _LAST_SECTIONS if k in filled]
    out = {}
    for name in keys:
        section, given = filled[name], user.get(name)
        if name == "components" and isinstance(given, dict):
            # a built component's block starts with its factory (spaCy writes it first)
            out[name] = {c: _user_order_first(block, {"factory": None, **given[c]}
                                              if isinstance(given.get(c), dict) else None)
                         for c, block in section.items()}
            continue
        if name == "training" and isinstance(given, dict) and "score_weights" in given:
            given = {**given, "score_weights": None}
        out[name] = _user_order_first(section, given if given is not None else {},
                                      DEFAULT_CONFIG.get(name))
    return Config(out, is_interpolated=False)


def _user_order_first(filled: Any, user: Any, defaults: Any = None) -> Any:
    """`filled` with the keys `user` has first, in user's order, then those of `defaults`,
    in its order, then the others, in each block and sub-block."""
    if not isinstance(filled, dict) or not isinstance(user, dict):
        return filled
    defaults = defaults if isinstance(defaults, dict) else {}
    keys = [k for k in user if k in filled]
    keys += [k for k in defaults if k in filled and k not in keys]
    keys += [k for k in filled if k not in keys]
    return {k: _user_order_first(filled[k], user.get(k) if user.get(k) is not None else {},
                                 defaults.get(k)) for k in keys}


def _fill_registered(node: Any) -> Any:
    """Add the defaults of registered functions to each block naming one, where the block
    and everything inside it is registered; other blocks are searched further down."""
    from ..registry import registry
    from ..util import _ensure_builtins

    if not isinstance(node, dict):
        return node
    _ensure_builtins()
    if any(isinstance(k, str) and k.startswith("@") for k in node) and \
            not unregistered_names(node):
        return dict(registry.fill({"block": node}, validate=False)["block"])
    return {k: _fill_registered(v) for k, v in node.items()}


def unregistered_names(config: Any, path: str = "") -> list[str]:
    """One message per `@registry = "name"` in the config that isn't registered, naming
    the block, the key and the known choices."""
    from ..util import check_registered_names

    found: list[str] = []
    if not isinstance(config, dict):
        return found
    for key, value in config.items():
        if isinstance(key, str) and key.startswith("@"):
            try:
                check_registered_names({key: value}, path)
            except ConfigError as e:
                found.append(_plain(e))
        elif isinstance(value, dict):
            found.extend(unregistered_names(value, f"{path}.{key}" if path else str(key)))
    return found


# ---- checking -----------------------------------------------------------------------------

@dataclass
class ConfigReport:
    """What `check_config` found: errors (empty when the config is valid), the config with
    overrides applied (uninterpolated) and its interpolated form, once they could be made."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    config: Any = None
    interpolated: Any = None
    stage: str = ""  # the stage that found the errors

    @property
    def ok(self) -> bool:
        return not self.errors


def check_config(config_or_path, overrides: dict | None = None) -> ConfigReport:
    """Validate a training config (a path, "-" for stdin, or a Config) with dotted
    overrides {"training.max_steps": 10}. Never raises for a bad config: the errors are in
    the report."""
    from confection import Config

    from ..util import load_config

    report = ConfigReport()
    overrides = dict(overrides or {})
    try:
        if isinstance(config_or_path, (str, Path)):
            base = load_config(config_or_path)
        else:
            base = Config(copy.deepcopy(dict(config_or_path)))
        override_errors, override_warnings = _override_problems(base, overrides)
        report.errors.extend(override_errors)
        report.warnings.extend(override_warnings)
        if report.errors:
            report.stage = "overrides"
            return report
        config = _apply_overrides(base, overrides) if overrides else base
    except ConfigError as e:
        report.errors.append(_plain(e))
        report.stage = "loading"
        return report
    report.config = config
    report.warnings.extend(_unknown_setting_warnings(config))

    stages = (("sections", _section_errors), ("registered functions", unregistered_names),
              ("variables", _variable_errors), ("pipeline", _pipeline_errors))
    for stage, find in stages:  # independent checks: collect them all
        errors = find(config)
        if errors and not report.errors:
            report.stage = stage
        report.errors.extend(errors)
    if report.errors:
        return report
    for stage, run in (("building the pipeline", _build), ("[initialize]", _resolve_initialize),
                       ("[training]", _resolve_training)):
        errors = run(report)
        if errors:
            report.errors.extend(errors)
            report.stage = stage
            return report
    return report


def _apply_overrides(base, overrides: dict):
    from ..util import _config_from_str

    return _config_from_str(base.to_str(interpolate=False), overrides, False,
                            source="the config with overrides")


def _override_problems(base: dict, overrides: dict) -> tuple[list[str], list[str]]:
    """(errors, warnings): an override must name a setting the config has, or an argument
    the block's function or factory takes; [paths] takes new variables; a new setting in a
    plain block ([training], [nlp], [initialize]...) is kept with a warning, as spaCy keeps
    it silently."""
    errors, warnings = [], []
    for key in overrides:
        parts = key.split(".")
        parent: Any = base
        for i, part in enumerate(parts[:-1]):
            if not isinstance(parent, dict) or part not in parent:
                where = f"[{'.'.join(parts[:i])}] has" if i else "the config has"
                known = ", ".join(parent) if isinstance(parent, dict) else ""
                errors.append(f"Override --{key}: {where} no section '{part}'. "
                              f"Known: {known or '(none)'}.")
                break
            parent = parent[part]
        else:
            leaf, section = parts[-1], ".".join(parts[:-1])
            if not isinstance(parent, dict):
                errors.append(f"Override --{key}: {section} is a value, not a section.")
            elif leaf not in parent and parts[0] != "paths" and not _takes(parent, leaf):
                known = sorted(k for k in parent if not k.startswith("@"))
                message = (f"Override --{key}: [{section}] has no setting '{leaf}'. "
                           f"Known: {', '.join(known) or '(none)'}.")
                if is_function_block(parent) or parts[0] == "components":
                    errors.append(message)
                else:
                    warnings.append(f"{message} {UNREAD_SETTING_NOTE}")
    return errors, warnings


#: Why a setting a plain block doesn't know is a warning, not an error.
UNREAD_SETTING_NOTE = "It is kept, as spaCy keeps it, but nothing reads it."


def is_function_block(block: dict) -> bool:
    """Whether a block builds something (a registered function or a component factory),
    whose arguments are fixed: an unknown key there is an error, in spaCy too."""
    return any(str(k).startswith("@") for k in block) or "factory" in block


def _takes(block: dict, name: str) -> bool:
    """Whether the function (or component factory) a block names takes argument `name`."""
    from ..registry import registry
    from ..util import _ensure_builtins

    _ensure_builtins()
    func = None
    for key, value in block.items():
        if key.startswith("@") and hasattr(registry, key[1:]) and \
                registry.has(key[1:], value):
            func = registry.get(key[1:], value)
    if "factory" in block and registry.has("factories", block["factory"]):
        func = registry.get("factories", block["factory"])
    if func is None:
        return False
    params = inspect.signature(func).parameters.values()
    return any(p.name == name or p.kind is p.VAR_KEYWORD for p in params)


# Settings a config may leave out, which building the pipeline fills in (as spaCy's
# from_config does: [nlp] vectors from its schema, the score weights from the components).
_FILLED_IN = {("nlp", "vectors"), ("training", "score_weights")}


def _section_errors(config: dict) -> list[str]:
    from ..language import Language

    errors = []
    for section in REQUIRED_SECTIONS:
        if section not in config:
            errors.append(f"The config has no [{section}] section. Add it, {FILL_HINT}.")
    defaults = Language.default_config
    defaults["pretraining"] = default_pretraining_config()["pretraining"]
    for section in FIXED_SECTIONS:
        block = config.get(section)
        if not isinstance(block, dict) or (section == "pretraining" and not block):
            continue
        known = defaults[section]
        unknown = [k for k in block if k not in known]
        if unknown and section == "pretraining":   # the others: _unknown_setting_warnings
            errors.append(f"[{section}] has no setting{'s' if len(unknown) > 1 else ''} "
                          f"{', '.join(repr(k) for k in unknown)}. Known: "
                          f"{', '.join(known)}.")
        missing = [k for k in known if k not in block and (section, k) not in _FILLED_IN]
        if missing:
            errors.append(f"[{section}] is missing {', '.join(repr(k) for k in missing)}. "
                          f"Add {'them' if len(missing) > 1 else 'it'}, {FILL_HINT}.")
    return errors


def _unknown_setting_warnings(config: dict) -> list[str]:
    """Settings [nlp], [training] and [initialize] don't have: spaCy ignores them, so a
    config that trains there trains here, with a warning (a typo shows)."""
    from ..language import Language

    defaults = Language.default_config
    warnings = []
    for section in ("nlp", "training", "initialize"):
        block = config.get(section)
        if not isinstance(block, dict):
            continue
        known = defaults[section]
        unknown = [k for k in block if k not in known]
        if unknown:
            warnings.append(f"[{section}] has no setting{'s' if len(unknown) > 1 else ''} "
                            f"{', '.join(repr(k) for k in unknown)} (known: "
                            f"{', '.join(known)}). {UNREAD_SETTING_NOTE}")
    return warnings


def _variable_errors(config) -> list[str]:
    from confection import Config, ConfigValidationError

    try:
        Config(copy.deepcopy(dict(config))).interpolate()
    except ConfigValidationError as e:
        desc = getattr(e, "desc", None) or str(e)
        return [f"A ${{...}} variable can't be filled in: {desc.strip()}"]
    except (KeyError, ValueError) as e:
        return [f"A ${{...}} variable can't be filled in: {e}"]
    return []


def _pipeline_errors(config: dict) -> list[str]:
    from ..language import Language

    errors = []
    nlp = config.get("nlp", {})
    components = config.get("components", {}) or {}
    pipeline = nlp.get("pipeline", [])
    if not isinstance(pipeline, list):
        return [f"[nlp] pipeline must be a list of component names, not {pipeline!r}."]
    for name in pipeline:
        block = components.get(name)
        if block is None:
            errors.append(f"[nlp] pipeline lists '{name}', but there is no "
                          f"[components.{name}] block. Add one with a factory = line, or "
                          "remove the name from the pipeline.")
        elif not isinstance(block, dict) or not ("factory" in block or "source" in block):
            errors.append(f"[components.{name}] needs a factory = \"...\" or a "
                          "source = \"path\" line.")
        elif "factory" in block and not Language.has_factory(str(block["factory"])):
            from ..registry import registry

            known = sorted(set(Language._factory_meta) | set(registry.factories.get_all()))
            errors.append(f"[components.{name}] factory = \"{block['factory']}\" is not a "
                          f"registered component factory. Known: "
                          f"{', '.join(known) or '(none)'}. If it is your own, load its "
                          "module with --code my_code.py.")
    # (annotating_components may name a component the pipeline lacks, as in spaCy)
    for section, key in (("nlp", "disabled"), ("training", "frozen_components")):
        names = config.get(section, {}).get(key, []) or []
        for name in names if isinstance(names, list) else []:
            if name not in pipeline:
                errors.append(f"[{section}] {key} lists '{name}', which is not in [nlp] "
                              f"pipeline ({', '.join(pipeline) or 'empty'}).")
    return errors


def _build(report: ConfigReport) -> list[str]:
    from ..language import config_language

    try:
        nlp = config_language(report.config).from_config(copy.deepcopy(report.config),
                                                         auto_fill=False, validate=True)
        report.interpolated = nlp.config.interpolate()
    except LexloomError as e:
        return [_plain(e)]
    except Exception as e:  # a factory or layer failing in a way we don't know yet
        return [f"Building the pipeline failed: {type(e).__name__}: {e}"]
    return []


def _resolve(block: dict, where: str) -> list[str]:
    from ..util import resolve_with_context

    try:
        resolve_with_context({where: block}, validate=True, where=where)
    except LexloomError as e:
        message = _plain(e)
        return [message if message.startswith("[") else f"[{where}] {message}"]
    except Exception as e:
        return [f"[{where}] can't be built: {type(e).__name__}: {e}"]
    return []


def _resolve_initialize(report: ConfigReport) -> list[str]:
    return _resolve(report.interpolated["initialize"], "initialize")


def _resolve_training(report: ConfigReport) -> list[str]:
    from ..util import get_dot

    training = report.interpolated["training"]
    errors = _resolve(training, "training")
    if errors:
        return errors
    from ..errors import LexloomError
    from .initialize import resolve_training

    try:  # the checks `train` makes of the settings' values (max_steps = "abc", ...)
        resolve_training(report.interpolated)
    except LexloomError as e:
        return [str(e).removeprefix("[lexloom] ")]
    for key in ("train_corpus", "dev_corpus"):
        dotted = training.get(key)
        try:
            block = get_dot(report.interpolated, str(dotted))
        except KeyError:
            errors.append(f"[training] {key} = \"{dotted}\", but the config has no "
                          f"[{dotted}] block.")
            continue
        if isinstance(block, dict) and "path" in block and block["path"] is None:
            # Normal before training: the path comes from the command line.
            report.warnings.append(f"[{dotted}] path is null: set it before training, e.g. "
                                   f"--paths.{'train' if key == 'train_corpus' else 'dev'} "
                                   "./data.spacy.")
            continue
        errors.extend(_resolve(block, str(dotted)))
    return errors


def _plain(error: Exception) -> str:
    """The message without the "[lexloom]" tag: the report says whose errors these are."""
    return str(error).removeprefix("[lexloom] ")


# ---- reporting ----------------------------------------------------------------------------

def registered_functions(config: dict, path: str = "") -> list[dict]:
    """Every registered function the config names: block, registry, name, and where the
    function is defined (module, file, line)."""
    from ..registry import registry
    from ..util import _ensure_builtins

    _ensure_builtins()
    found = []
    for key, value in config.items():
        if isinstance(key, str) and key.startswith("@"):
            info: dict = {}
            reg = getattr(registry, key[1:], None)
            if reg is not None and registry.has(key[1:], value):
                info = reg.find(value)
            found.append({"path": path, "registry": key[1:], "name": value,
                          "module": info.get("module"), "file": info.get("file"),
                          "line_no": info.get("line_no")})
        elif isinstance(value, dict):
            found.extend(registered_functions(value, f"{path}.{key}" if path else key))
    return found


def config_variables(config, interpolated) -> dict[str, Any]:
    """{"${paths.train}": value, ...} for every variable the config uses."""
    from confection import VARIABLE_RE

    from ..util import get_dot

    out = {}
    for variable in sorted(set(VARIABLE_RE.findall(config.to_str(interpolate=False)))):
        dotted = variable[2:-1].replace(":", ".")
        try:
            out[variable] = get_dot(interpolated, dotted)
        except KeyError:
            out[variable] = None
    return out


__all__ = ["fill_config", "unregistered_names", "check_config", "ConfigReport",
           "registered_functions", "config_variables"]
