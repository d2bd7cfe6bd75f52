"""Language: the vocab, the tokenizer and the pipeline of components, built from one config.

The pipeline API is spaCy's: `@Language.factory`, `add_pipe`, `remove_pipe`, `select_pipes`,
`from_config`, `initialize`, `update`, `evaluate`, `pipe`, `to_disk` / `lexloom.load`.
One addition: after every pipeline edit the listener graph is checked, so a listener layer
never silently loses the component that feeds it.
"""
from __future__ import annotations

import collections
import contextvars
import copy
import functools
import importlib
import itertools
import logging
import random
import sys
import time
import warnings
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import catalogue

from . import _catalogue
from .errors import (
    ComponentNotFoundError,
    ConfigError,
    Errors,
    ExamplesTypeError,
    LanguageError,
    LexloomWarning,
    PipelineError,
    TextError,
    UnknownLanguageError,
)
from .frozen_defaults import SimpleFrozenDict, SimpleFrozenList
from .lang import LANGUAGE_CODES
from .lang.defaults import BaseDefaults
from .lang.punctuation import (  # noqa: F401 (spaCy's module offers these names too)
    TOKENIZER_INFIXES,
    TOKENIZER_PREFIXES,
    TOKENIZER_SUFFIXES,
)
from .lang.tokenizer_exceptions import BASE_EXCEPTIONS  # noqa: F401
from .pipe_analysis import (  # noqa: F401 (spaCy's module offers these names too)
    analyze_pipes,
    print_pipe_analysis,
    validate_attrs,
)

# Language codes with data in lexloom.lang.<code>: every code spaCy 3.8 knows.
LANGUAGES = {code: f"lexloom.lang.{code}" for code in LANGUAGE_CODES}
DEFAULT_CONFIG_PATH = Path(__file__).parent / "default_config.cfg"
# the blocks a config needs for `pretrain` (init config --pretraining adds them)
DEFAULT_CONFIG_PRETRAIN_PATH = Path(__file__).parent / "default_config_pretraining.cfg"
# The order config blocks are written in (spaCy's util.CONFIG_SECTION_ORDER).
CONFIG_SECTION_ORDER = ["paths", "variables", "system", "nlp", "components", "corpora",
                        "training", "pretraining", "initialize"]

logger = logging.getLogger("lexloom")

# The "languages" registry (registry.languages shares it); made here so that blank() does
# not import thinc. Entry points are searched only for codes lexloom does not ship.
_LANGUAGE_REGISTRY = _catalogue.Registry(("lexloom", "languages"), entry_points=True)


def get_lang_class(lang: str) -> type["Language"]:
    """The Language subclass for a code such as "en": a registered one, else lexloom's own
    (lexloom.lang.<code>), else one from an installed package's entry points."""
    if catalogue.check_exists("lexloom", "languages", lang):
        return catalogue._get(("lexloom", "languages", lang))
    module_name = LANGUAGES.get(lang)
    if module_name is not None:
        module = importlib.import_module(module_name)
        cls = getattr(module, module.__all__[0])
    else:
        cls = _LANGUAGE_REGISTRY.get_entry_point(lang) if isinstance(lang, str) else None
        if cls is None:
            raise UnknownLanguageError(
                f"[E048] No language data for {lang!r}. Available codes: "
                f"{', '.join(sorted(LANGUAGES))}"
                ". Register your own class with @registry.languages(code) or "
                "lexloom.util.set_lang_class(code, cls).")
    set_lang_class(lang, cls)
    return cls


def set_lang_class(name: str, cls: type["Language"]) -> None:
    """Make `cls` the Language class for the code `name` (for blank() and configs)."""
    _LANGUAGE_REGISTRY.register(name, func=cls)


# Names spaCy's language module imports, and so offers (`from spacy.language import Doc`,
# which plugins write): each read from where lexloom defines it, on first access.
_REEXPORTED = {
    "Doc": "lexloom.tokens", "Vocab": "lexloom.vocab", "create_vocab": "lexloom.vocab",
    "Example": "lexloom.training", "validate_examples": "lexloom.training",
    "Tokenizer": "lexloom.tokenizer", "Scorer": "lexloom.scorer",
    "Underscore": "lexloom.tokens.underscore", "BaseVectors": "lexloom.vectors",
    "registry": "lexloom.util", "combine_score_weights": "lexloom.util",
    "raise_error": "lexloom.util", "load_lookups": "lexloom.lookups",
    "init_tok2vec": "lexloom.training.initialize", "init_vocab": "lexloom.training.initialize",
    "ConfigSchema": "lexloom.schemas", "ConfigSchemaInit": "lexloom.schemas",
    "ConfigSchemaNlp": "lexloom.schemas", "ConfigSchemaPretrain": "lexloom.schemas",
    "validate_init_settings": "lexloom.schemas", "Warnings": "lexloom.errors",
    "URL_MATCH": "lexloom.lang.tokenizer_exceptions", "about": "lexloom",
    "Config": "confection", "Optimizer": "thinc.api", "get_current_ops": "thinc.api",
    "CupyOps": "thinc.api"}
_REEXPORTED_MODULES = {"util": "lexloom.util"}
#: spaCy's type of a pipeline component: a callable from Doc to Doc.
PipeCallable = Callable[[Any], Any]


def __getattr__(name: str) -> Any:
    """Module names that need confection, thinc or git, and the names spaCy's module
    imports: made or imported on first access, so that `lexloom.blank()` stays light."""
    import importlib

    if name in _REEXPORTED:
        value = getattr(importlib.import_module(_REEXPORTED[name]), name)
        globals()[name] = value
        return value
    if name in _REEXPORTED_MODULES:
        return importlib.import_module(_REEXPORTED_MODULES[name])
    if name == "DEFAULT_CONFIG":
        from confection import Config

        config = Config(section_order=CONFIG_SECTION_ORDER).from_disk(DEFAULT_CONFIG_PATH,
                                                                    interpolate=False)
        globals()[name] = config
        return config
    if name == "GIT_VERSION":
        globals()[name] = _git_version()
        return globals()[name]
    if name == "create_tokenizer":
        from .builtins import create_tokenizer

        return create_tokenizer
    if name == "load_lookups_data":
        from .pipeline.lemmatizer import load_lookups_data

        return load_lookups_data
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _raise_error(name: str, component: Any, docs: list, error: Exception) -> None:
    """The default error handler (spaCy's util.raise_error): re-raise. Kept for imports;
    pipelines use util.raise_error itself, so nlp.default_error_handler is that function."""
    raise error


def _git_version() -> str:
    """The commit lexloom runs from, when it runs from its own checkout (python/lexloom/ in
    the repository); else "unknown" (spaCy's GIT_VERSION is the commit its wheel was built
    from)."""
    import subprocess

    repo = Path(__file__).resolve().parents[2]
    if not (repo / ".git").exists() or not (repo / "python" / "lexloom").is_dir():
        return "unknown"
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo,
                             capture_output=True, text=True, timeout=5, check=True)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip() or "unknown"


@dataclass
class FactoryMeta:
    """What a component factory declares about itself: its default config, the attributes
    it assigns and requires (for analyze_pipes), whether it retokenizes, and the scores it
    reports with their default weights (scores = the weights' keys)."""

    factory: str
    default_config: dict | None = None
    assigns: Iterable[str] = ()
    requires: Iterable[str] = ()
    retokenizes: bool = False
    scores: Iterable[str] = ()
    default_score_weights: dict | None = None

    def __post_init__(self) -> None:
        # lexloom reads these as dicts; None (spaCy's default) means "none declared"
        if self.default_config is None:
            self.default_config = {}
        if self.default_score_weights is None:
            self.default_score_weights = {}


class _Factories:
    """Language.factories: every registered factory name -> its function, read-only (a
    SimpleFrozenDict, as spaCy's); register new ones with @Language.factory."""

    def __get__(self, obj, owner):
        from .registry import registry

        _load_builtin_factories()
        return SimpleFrozenDict(registry.factories.get_all(),
                                error="Language.factories is read-only: register a factory "
                                      "with @Language.factory('name') instead.")


class _DefaultConfig:
    """Language.default_config, as spaCy's class attribute: the default config of the class
    it is read from (a language's own [nlp] lang and tokenizer), a fresh Config on each read
    so that editing one never changes the defaults."""

    def __get__(self, obj, cls):
        return cls._make_default_config()


class Language:
    """Text in, Docs out: tokenizes, then runs each enabled pipeline component in order."""

    lang: str = ""
    Defaults = BaseDefaults
    _factory_meta: dict[str, FactoryMeta] = {}
    factories = _Factories()

    def __init__(self, vocab=True, *, max_length: int = 10**6, meta: dict | None = None,
                 create_tokenizer: Callable | None = None,
                 create_vectors: Callable | None = None, batch_size: int = 1000,
                 tokenizer=None):
        from .vocab import Vocab, create_vocab

        if vocab is True:
            vocab = create_vocab(self.lang, self.Defaults)
            if create_vectors is not None:  # spaCy's hook: vectors for a new vocab
                vocab.vectors = create_vectors(vocab)
        elif not isinstance(vocab, Vocab):
            raise PipelineError(
                f"[E918] Language(vocab=...) got an invalid value {vocab!r}: pass a Vocab "
                "instance, or True (the default) to create one for this language.")
        elif self.lang and getattr(vocab, "lang", None) and vocab.lang != self.lang:
            raise LanguageError(Errors.E150.format(nlp=self.lang, vocab=vocab.lang) + (
                f" Make the {type(self).__name__} pipeline with its own vocab, or load the "
                f"pipeline with a '{vocab.lang}' vocab as the language it is."))
        if getattr(vocab, "get_noun_chunks", None) is None:
            vocab.get_noun_chunks = self.Defaults.syntax_iterators.get("noun_chunks")
        self.vocab = vocab
        if not self.lang and getattr(vocab, "lang", None):
            # a plain Language on a language's vocab is that language (as in spaCy): its
            # config and meta then name a lang that lexloom.load can build again
            self.lang = vocab.lang
        if tokenizer is not None:
            self.tokenizer = tokenizer
        elif create_tokenizer is not None:
            self.tokenizer = create_tokenizer(self)
        else:
            self.tokenizer = self._tokenizer_from_defaults() or self._default_tokenizer()
        self.max_length = max_length
        self.batch_size = batch_size
        self._meta = dict(meta or {})
        self._components: list[tuple[str, Any]] = []
        self._disabled: set[str] = set()
        self._pipe_configs: dict[str, dict] = {}
        self._pipe_meta: dict[str, FactoryMeta] = {}
        self._base_config: dict | None = None   # made on first use: reading it is slow
        self._optimizer = None
        self._path: Path | None = None
        from .util import raise_error

        self.default_error_handler: Callable = raise_error

    # ---- language data --------------------------------------------------------------

    def _tokenizer_from_defaults(self):
        """The tokenizer a custom language's Defaults.config names in [nlp.tokenizer] (the
        documented way to give a language its own), built as spaCy builds it; None when
        that block names one of lexloom's (spacy.* / lexloom.* names), which
        _default_tokenizer makes directly."""
        if _config_is_text(self.Defaults) and "tokenizer" not in self.Defaults.config_text:
            return None   # (reading Defaults.config would import confection for nothing)
        extra = getattr(self.Defaults, "config", None)
        if isinstance(extra, str):
            from confection import Config

            extra = Config().from_str(extra, interpolate=False)
        block = (extra or {}).get("nlp", {}).get("tokenizer")
        name = block.get("@tokenizers") if isinstance(block, dict) else None
        if not name or name.startswith(("spacy.", "lexloom.")):
            return None
        from .registry import registry

        return registry.resolve({"tokenizer": block})["tokenizer"](self)

    def _default_tokenizer(self):
        from .tokenizer import Tokenizer

        return Tokenizer(self.vocab, splitter=self.Defaults.make_splitter())

    @property
    def meta(self) -> dict:
        """meta.json's content, with spaCy's keys: what a loaded pipeline's meta.json said
        (performance, sources, requirements... kept), the current vectors, labels and
        pipeline filled in. A live dict, as spaCy's: nlp.meta["performance"] = ... is saved."""
        from .about import __lexloom_version__
        from .pipeline_folder import SPACY_VERSION_RANGE

        meta = self._meta
        defaults = {"lang": self.vocab.lang or self.lang, "name": "pipeline",
                    "version": "0.0.0", "spacy_version": SPACY_VERSION_RANGE,
                    # spaCy's key, which names spaCy's commit: none for a lexloom pipeline
                    "spacy_git_version": "", "lexloom_version": f">={__lexloom_version__}",
                    "description": "", "author": "", "email": "", "url": "", "license": ""}
        for key, value in defaults.items():
            meta.setdefault(key, value)
        vectors = self.vocab.vectors
        meta["vectors"] = {"width": int(vectors.shape[1]) if len(vectors.shape) > 1 else 0,
                           "vectors": int(vectors.shape[0]), "keys": int(vectors.n_keys),
                           "name": vectors.name, "mode": vectors.mode}
        meta["labels"] = self.pipe_labels
        meta["pipeline"] = list(self.pipe_names)
        meta["components"] = list(self.component_names)
        meta["disabled"] = list(self.disabled)
        return meta

    @meta.setter
    def meta(self, value: dict) -> None:
        from collections.abc import Mapping

        if not isinstance(value, Mapping):   # spaCy takes it, and fails on the next read
            raise PipelineError(f"nlp.meta must be a dict (meta.json's content), not "
                                f"{type(value).__name__}.")
        self._meta = dict(value)

    @property
    def pipe_labels(self) -> dict[str, list[str]]:
        """{component name: its labels} for every component that has labels."""
        labels = {}
        for name, proc in self._components:
            if getattr(proc, "hide_labels", False) is True:
                continue  # senter, trainable lemmatizer: labels are internal (as in spaCy)
            try:
                proc_labels = getattr(proc, "labels", None)
            except (AttributeError, ValueError):   # a label set that isn't made yet
                proc_labels = None
            if proc_labels is not None and not callable(proc_labels):
                labels[name] = list(proc_labels)
        return SimpleFrozenDict(labels)   # read-only, as spaCy's

    @property
    def path(self) -> Path | None:
        """The folder this pipeline was loaded from, if any."""
        return self._path

    # ---- factories ------------------------------------------------------------------

    @classmethod
    def factory(cls, name: str, *, default_config: dict | None = None,
                assigns: Iterable = SimpleFrozenList(), requires: Iterable = SimpleFrozenList(),
                retokenizes: bool = False,
                default_score_weights: dict | None = None, func: Callable | None = None):
        """Register a component factory `func(nlp, name, **config)` under `name`."""
        _check_component_name(name, "factory")

        def add_factory(factory_func: Callable) -> Callable:
            from .errors import Errors
            from .registry import registry

            _check_factory_args(name, factory_func)

            weights = dict(default_score_weights or {})
            meta = FactoryMeta(  # "en.lemmatizer" is the factory "lemmatizer", as in spaCy
                factory=name.partition(".")[2] or name, default_config=dict(default_config or {}),
                assigns=_declared(validate_attrs(assigns)),
                requires=_declared(validate_attrs(requires)),
                retokenizes=retokenizes, scores=list(weights), default_score_weights=weights)
            # a subclass's factory is its own ("en.name"), as in spaCy; add_pipe("name")
            # on that language finds it first
            internal = cls.get_factory_name(name)
            if registry.factories.registered_in_lexloom(internal):
                # another function under a taken name is refused (E004), the same one again
                # (a module reloaded, a notebook cell run twice, a --code file copied to
                # another folder) is not
                existing = registry.factories.get(internal)
                if not _registered_again(factory_func, existing):
                    raise PipelineError(Errors.E004.format(name=internal, func=existing,
                                                           new_func=factory_func))
            registry.factories.register(internal, func=factory_func)
            cls.set_factory_meta(name, meta)
            return factory_func

        return add_factory(func) if func is not None else add_factory

    @classmethod
    def component(cls, name: str, *, assigns: Iterable = SimpleFrozenList(),
                  requires: Iterable = SimpleFrozenList(), retokenizes: bool = False,
                  func: Callable | None = None):
        """Register a stateless function `doc -> doc` as a component."""
        _check_component_name(name, "component")

        def add_component(component_func: Callable) -> Callable:
            from .errors import Errors
            from .registry import registry

            if isinstance(component_func, type):
                raise PipelineError(Errors.E965.format(name=name))
            if not callable(component_func):  # it would fail on its first Doc
                raise PipelineError(f"Language.component({name!r}) registers a function "
                                    f"Doc -> Doc, not a {type(component_func).__name__} "
                                    f"({component_func!r}).")

            def factory_func(nlp, name: str):
                return component_func

            # worker processes import this module to find the component again
            factory_func.__module__ = component_func.__module__
            factory_func._lexloom_component = component_func
            internal = cls.get_factory_name(name)
            if registry.factories.registered_in_lexloom(internal):
                existing = registry.factories.get(internal)
                wrapped = getattr(existing, "_lexloom_component", None)
                if wrapped is None:
                    # a factory's name (e.g. "sentencizer") is refused, as in spaCy (E004)
                    raise PipelineError(Errors.E004.format(name=internal, func=existing,
                                                           new_func=component_func))
                if _registered_again(component_func, wrapped):
                    factory_func = existing   # the same component again keeps its factory
                # else: another component function under a component's name replaces it, as
                # in spaCy (a notebook cell edited and run again); pipes already added keep
                # the function they were made with

            cls.factory(name, assigns=assigns, requires=requires, retokenizes=retokenizes,
                        func=factory_func)
            return component_func

        return add_component(func) if func is not None else add_component

    @classmethod
    def get_factory_name(cls, name: str) -> str:
        """The name a factory is registered under: "<lang>.<name>" for a language subclass
        ("en.lemmatizer"), the plain name on Language itself."""
        return f"{cls.lang}.{name}" if cls.lang else name

    @classmethod
    def has_factory(cls, name: str) -> bool:
        _load_builtin_factories()
        return cls._knows_factory(name) or (cls._load_factory_entry_point(name)
                                            and cls._knows_factory(name))

    @classmethod
    def _knows_factory(cls, name: str) -> bool:
        return name in cls._factory_meta or cls.get_factory_name(name) in cls._factory_meta

    @classmethod
    def _load_factory_entry_point(cls, name: str) -> bool:
        """A plugin's factory that only a [spacy_factories] (or [lexloom_factories]) entry
        point declares, such as GiNZA's: loading the entry point imports the plugin, whose
        @Language.factory registers it, as spaCy's registry lookup does. Whether one was
        found."""
        from ._catalogue import entry_points
        from .registry import registry

        # only a declared name is looked up: the registry's error for a missing one lists
        # every name, which loads every plugin's entry point (one broken plugin would then
        # break a lookup it has nothing to do with)
        declared = {ep.name for ep in entry_points("factories")}
        for candidate in dict.fromkeys((cls.get_factory_name(name), name)):
            if candidate in declared:
                registry.factories.get(candidate)
                return True
        return False

    @classmethod
    def set_factory_meta(cls, name: str, value: FactoryMeta) -> None:
        """Store what the factory `name` declares (under this class's internal name)."""
        cls._factory_meta[cls.get_factory_name(name)] = value

    @classmethod
    def get_factory_meta(cls, name: str) -> FactoryMeta:
        internal = cls.get_factory_name(name)
        if internal not in cls._factory_meta and name not in cls._factory_meta:
            _load_builtin_factories()
            if not cls._knows_factory(name):
                cls._load_factory_entry_point(name)
        if internal in cls._factory_meta:
            return cls._factory_meta[internal]
        if name not in cls._factory_meta:
            raise PipelineError(cls._unknown_factory_message(name, "E967"))
        return cls._factory_meta[name]

    @classmethod
    def _unknown_factory_message(cls, name: str, code: str) -> str:
        """Why `name` is no factory, under spaCy's code for the call that asked: E002 when
        adding a component, E967 when reading a factory's meta."""
        from .ecosystem import unknown_name_hint

        hint = unknown_name_hint(name, cls._factory_meta, factory=True)
        return (f"[{code}] No component factory named {name!r} in lexloom's 'factories' "
                f"registry.{hint} Known factories: {', '.join(sorted(cls._factory_meta))}. "
                "Register your own with @Language.factory, and load its module with --code "
                "when using the CLI.")

    @property
    def factory_names(self) -> list[str]:
        _load_builtin_factories()
        return _frozen(sorted(self._factory_meta), "factory_names")

    def analyze_pipes(self, *, keys: list[str] = ["assigns", "requires", "scores",  # noqa: B006
                                                   "retokenizes"],
                      pretty: bool = False) -> dict[str, Any]:
        """What each enabled component assigns and requires, and the requirements no
        earlier component meets (see lexloom.pipe_analysis); pretty=True prints a table."""
        analysis = analyze_pipes(self, keys=keys)
        if pretty:
            print_pipe_analysis(analysis, keys=keys)
        return analysis

    # ---- the pipeline ---------------------------------------------------------------

    # These lists are computed: they refuse changes (spaCy's SimpleFrozenList), so that
    # nlp.pipeline.append(...) fails loudly instead of doing nothing.

    @property
    def pipeline(self) -> list[tuple[str, Any]]:
        """(name, component) pairs that run, in order (disabled ones left out)."""
        return _frozen([(n, p) for n, p in self._components if n not in self._disabled],
                       "pipeline")

    @property
    def pipe_names(self) -> list[str]:
        return _frozen([n for n, _ in self._components if n not in self._disabled],
                       "pipe_names")

    @property
    def components(self) -> list[tuple[str, Any]]:
        """All (name, component) pairs, disabled ones included."""
        return _frozen(self._components, "components")

    @property
    def component_names(self) -> list[str]:
        return _frozen([n for n, _ in self._components], "component_names")

    @property
    def disabled(self) -> list[str]:
        return _frozen([n for n, _ in self._components if n in self._disabled], "disabled")

    @property
    def pipe_factories(self) -> dict[str, str]:
        return SimpleFrozenDict({n: self._pipe_meta[n].factory for n in self.component_names})

    def get_pipe(self, name: str):
        """The component `name`, enabled or disabled; ComponentNotFoundError (a KeyError and
        a ValueError) if there is none."""
        for pipe_name, component in self._components:
            if pipe_name == name:
                return component
        raise ComponentNotFoundError(f"[E001] No component {name!r} in the pipeline. Available: "
                                     f"{', '.join(self.component_names) or '(none)'}.")

    def has_pipe(self, name: str) -> bool:
        """Whether `name` is an enabled component (as spaCy: a disabled one doesn't run)."""
        return name in self.pipe_names

    def get_pipe_config(self, name: str) -> dict:
        if name not in self._pipe_configs:  # spaCy's code here is E960
            raise PipelineError(f"[E960] No component {name!r} in the pipeline.")
        return self._pipe_configs[name]

    def get_pipe_meta(self, name: str) -> FactoryMeta:
        if name not in self._pipe_meta:
            raise PipelineError(f"[E967] No component {name!r} in the pipeline.")
        return self._pipe_meta[name]

    def create_pipe(self, factory_name: str, name: str | None = None, *,
                    config: dict | None = None, raw_config: dict | None = None,
                    validate: bool = True):
        """Build a component from its factory and config without adding it."""
        return self._build_pipe(factory_name, name or factory_name, config, validate,
                                raw_config)[0]

    def _build_pipe(self, factory_name: str, name: str, config: dict | None, validate: bool,
                    raw_config: dict | None = None):
        """(component, the filled config to store, the factory's meta). `raw_config` (spaCy's
        internal argument: the block as written, variables uninterpolated) is merged over the
        filled config that is stored."""
        from confection import Config

        from .util import check_registered_names, resolve_with_context

        # A language's own variant ("fr.lemmatizer") wins over the shared factory, as in spaCy
        lang_factory = f"{self.lang}.{factory_name}"
        internal_name = factory_name
        if self.lang and self.has_factory(lang_factory):
            internal_name = lang_factory
        if not self.has_factory(internal_name):
            raise PipelineError(self._unknown_factory_message(internal_name, "E002"))
        meta = self.get_factory_meta(internal_name)
        if config is not None and not isinstance(config, dict):
            raise ConfigError(f"[E962] The config for component {name!r} must be a dict, not "
                              f"{type(config).__name__}.")
        pipe_config = Config(meta.default_config).merge(Config(config or {}))
        check_registered_names(pipe_config, f"components.{name}")
        # keyed by the factory's name, so a validation error's loc reads [factory, setting]
        resolved, filled = resolve_with_context(
            {factory_name: {"@factories": internal_name, "nlp": self, "name": name,
                            **pipe_config}},
            validate=validate, where=f"components.{name}", fill=True)
        # the settings, then the factory (spaCy's order in get_pipe_config)
        stored = {k: v for k, v in filled[factory_name].items()
                  if k not in ("nlp", "name", "@factories")}
        stored["factory"] = factory_name
        if raw_config:
            stored = dict(Config(stored).merge(Config(raw_config)))
        component = resolved[factory_name]
        _attach_fast_ops(component)
        return component, stored, meta

    def add_pipe(self, factory_name: str, name: str | None = None, *, before=None, after=None,
                 first: bool | None = None, last: bool | None = None, source=None,
                 config: dict | None = None, raw_config: dict | None = None,
                 validate: bool = True):
        """Create a component from a factory (or copy one from `source`) and add it."""
        if not isinstance(factory_name, str):
            raise PipelineError(
                f"[E966] add_pipe takes the name of a registered factory, not a "
                f"{type(factory_name).__name__}. Register your component with "
                "@Language.factory('name') and call nlp.add_pipe('name').")
        name = name or factory_name
        if name in self.component_names:
            raise PipelineError(f"[E007] There is already a component named {name!r}; pass a "
                                "different name= or remove it first. Existing names: "
                                f"{self.component_names}")
        if config is not None and isinstance(config, dict) and "name" in config:
            # the component's name is the pipeline's, never the config's
            from lexloom.errors import Warnings

            warnings.warn(Warnings.W119.format(name_in_config=config["name"]), UserWarning,
                          stacklevel=2)
            config = {k: v for k, v in config.items() if k != "name"}
        if source is not None:
            component, stored, meta = self._component_from_source(factory_name, source)
        else:
            component, stored, meta = self._build_pipe(factory_name, name, config, validate,
                                                       raw_config)
        # the position is taken (and checked) once the component exists, as spaCy does: a
        # factory that adds components itself (e.g. one it depends on) gets them in front
        index = self._get_pipe_index(before, after, first, last)
        self._components.insert(index, (name, component))
        self._pipe_configs[name] = stored
        self._pipe_meta[name] = meta
        self._edit_pipeline(lambda: self._remove_quietly(name))
        return component

    def create_pipe_from_source(self, source_name: str, source: "Language", *,
                                name: str) -> tuple[Any, str]:
        """(component, factory name): the component `source_name` of the loaded pipeline
        `source`, renamed `name`, its strings added to this vocab and its config stored
        under `name` (add_pipe(..., source=) adds it)."""
        component, stored, _meta = self._component_from_source(source_name, source)
        if hasattr(component, "name"):
            try:
                component.name = name
            except AttributeError:   # a read-only name
                pass
        self._pipe_configs[name] = stored
        return component, stored["factory"]

    def _component_from_source(self, source_name: str, source):
        import copy

        if not isinstance(source, Language):
            raise PipelineError("add_pipe(source=...) takes a loaded pipeline (a Language), "
                                f"not {type(source).__name__}.")
        if source_name not in source.component_names:
            raise ComponentNotFoundError(
                f"[E944] The source pipeline has no component {source_name!r}. Its components: "
                f"{', '.join(source.component_names) or '(none)'}.")
        if source.vocab.vectors is not self.vocab.vectors \
                and source.vocab.vectors != self.vocab.vectors:
            from lexloom.errors import Warnings

            warnings.warn(Warnings.W113.format(name=source_name), UserWarning, stacklevel=3)
        component = source.get_pipe(source_name)
        if source.vocab is not self.vocab:
            for string in source.vocab.strings:
                self.vocab.strings.add(string)
        if hasattr(component, "vocab"):
            component.vocab = self.vocab
        stored = copy.deepcopy(source.get_pipe_config(source_name))
        try:  # as spaCy: the source's variables resolved (they may point into its config)
            resolved = source.config.interpolate()["components"][source_name]
            stored = copy.deepcopy(dict(resolved))
        except Exception:  # noqa: BLE001 -- a config that can't interpolate keeps its block
            pass
        return component, stored, source.get_pipe_meta(source_name)

    def _get_pipe_index(self, before=None, after=None, first=None, last=None) -> int:
        """Where add_pipe puts a component: at most one of before= / after= (a component's
        name or an existing position), first=True, last=True; none means last."""
        given = {k: v for k, v in (("before", before), ("after", after), ("first", first),
                                   ("last", last)) if v is not None}
        if len(given) > 1:
            raise PipelineError(f"[E006] Pass only one of before=, after=, first=, last= to add_pipe "
                                f"(got {given}).")
        names = self.component_names
        if last is True or (before is None and after is None and first is None):
            return len(names)
        if first is True:
            return 0
        target = before if before is not None else after
        where = "before" if before is not None else "after"
        if isinstance(target, str):
            if target not in names:
                raise PipelineError(f"[E001] No component {target!r} to insert {where}. "
                                    f"Available: {', '.join(names) or '(none)'}.")
            return names.index(target) + (0 if before is not None else 1)
        if type(target) is int:   # not a bool
            if not 0 <= target < len(names):
                raise PipelineError(f"[E959] {where}={target} is not the position of a component "
                                    f"in the pipeline of {len(names)}: {names}.")
            return target if before is not None else target + 1
        raise PipelineError(f"[E006] add_pipe got {given}: before= and after= take a component "
                            "name or position, first= and last= take True.")

    def _remove_quietly(self, name: str):
        self._components = [(n, p) for n, p in self._components if n != name]
        self._pipe_configs.pop(name, None)
        self._pipe_meta.pop(name, None)
        self._disabled.discard(name)

    def remove_pipe(self, name: str) -> tuple[str, Any]:
        component = self.get_pipe(name)
        state = self._snapshot()
        self._remove_quietly(name)
        self._edit_pipeline(lambda: self._restore(state))
        self._forget_settings_of(name)
        return name, component

    def _forget_settings_of(self, name: str) -> None:
        """A removed (or replaced) component's [initialize.components] settings and
        sourced-vectors check go with it, as spaCy's remove_pipe drops them."""
        self._init_settings().pop(name, None)
        self.meta.get("_sourced_vectors_hashes", {}).pop(name, None)

    def replace_pipe(self, name: str, factory_name: str, *, config: dict | None = None,
                     validate: bool = True):
        """Replace a component with a new one from `factory_name`, in the same position; a
        disabled component's replacement stays disabled, as in spaCy."""
        self.get_pipe(name)
        if callable(factory_name):
            raise PipelineError(
                f"[E968] replace_pipe takes the name of a registered factory, not a "
                f"{type(factory_name).__name__}. Register your component with "
                "@Language.factory('name') and pass its name.")
        state = self._snapshot()
        index = self.component_names.index(name)
        was_disabled = name in self._disabled
        self._remove_quietly(name)
        try:
            component, stored, meta = self._build_pipe(factory_name, name, config, validate)
        except Exception:
            self._restore(state)
            raise
        self._components.insert(index, (name, component))
        self._pipe_configs[name] = stored
        self._pipe_meta[name] = meta
        if was_disabled:
            self._disabled.add(name)
        self._edit_pipeline(lambda: self._restore(state))
        self._forget_settings_of(name)   # spaCy's replace_pipe removes the old one first
        return component

    def rename_pipe(self, old_name: str, new_name: str) -> None:
        self.get_pipe(old_name)
        if new_name in self.component_names:
            raise PipelineError(f"[E007] There is already a component named {new_name!r}. "
                                f"Existing names: {self.component_names}")
        state = self._snapshot()
        self._components = [(new_name if n == old_name else n, p) for n, p in self._components]
        self._pipe_configs[new_name] = self._pipe_configs.pop(old_name)
        self._pipe_meta[new_name] = self._pipe_meta.pop(old_name)
        if old_name in self._disabled:
            self._disabled.discard(old_name)
            self._disabled.add(new_name)
        component = self.get_pipe(new_name)
        if hasattr(component, "name"):
            try:
                component.name = new_name
            except AttributeError:
                pass
        self._edit_pipeline(lambda: self._restore(state))
        init_settings = self._init_settings()
        if old_name in init_settings:
            init_settings[new_name] = init_settings.pop(old_name)

    def disable_pipe(self, name: str) -> None:
        self.get_pipe(name)
        state = self._snapshot()
        self._disabled.add(name)
        self._edit_pipeline(lambda: self._restore(state))

    def enable_pipe(self, name: str) -> None:
        self.get_pipe(name)
        state = self._snapshot()
        self._disabled.discard(name)
        self._edit_pipeline(lambda: self._restore(state))

    def select_pipes(self, *, disable=None, enable=None) -> "DisabledPipes":
        """Disable components (by list, or all but `enable`); use as a context manager or
        call .restore() to undo."""
        if disable is None and enable is None:
            raise PipelineError("[E991] select_pipes needs disable= or enable=.")
        disable_given = disable is not None
        disable = [disable] if isinstance(disable, str) else list(disable or [])
        if enable is not None:
            # names in enable that the pipeline lacks are ignored, as in spaCy
            enable = [enable] if isinstance(enable, str) else list(enable)
            to_disable = [n for n in self.pipe_names if n not in enable]
            if disable_given and set(disable) != set(to_disable):
                raise PipelineError(
                    f"[E992] select_pipes got inconsistent disable={disable} and enable={enable}: "
                    f"with enable=, disable= may only name every other enabled component "
                    f"({to_disable}). Pass just one of them.")
            disable = to_disable
        for name in disable:
            self.get_pipe(name)
        disable = [n for n in disable if n not in self._disabled]
        state = self._snapshot()
        self._disabled.update(disable)
        self._edit_pipeline(lambda: self._restore(state), reuse_layers=True)
        return DisabledPipes(self, disable)

    def disable_pipes(self, *names) -> "DisabledPipes":
        """spaCy 2's spelling (deprecated): disable_pipes("a", "b") or disable_pipes(["a",
        "b"]) is select_pipes(disable=...), with a DeprecationWarning."""
        from .errors import Warnings

        warnings.warn(Warnings.W096, DeprecationWarning, stacklevel=2)
        if len(names) == 1 and isinstance(names[0], (list, tuple)):
            names = tuple(names[0])
        return self.select_pipes(disable=list(names))

    def _snapshot(self):
        return (list(self._components), dict(self._pipe_configs), dict(self._pipe_meta),
                set(self._disabled))

    def _restore(self, state) -> None:
        components, configs, metas, disabled = state
        self._components, self._pipe_configs = list(components), dict(configs)
        self._pipe_meta, self._disabled = dict(metas), set(disabled)
        self._link_components(check=False)

    def _edit_pipeline(self, undo: Callable[[], None], reuse_layers: bool = False) -> None:
        """Relink listeners after an edit; if linking itself fails, undo the edit and raise."""
        try:
            self._link_components(check=True, reuse_layers=reuse_layers)
        except PipelineError:
            undo()
            raise

    def _link_components(self, check: bool = True, reuse_layers: bool = False) -> None:
        """Connect every listener layer to the upstream component that feeds it. A listener
        left without one (its upstream disabled, removed or after it) is no error, as in
        spaCy: it reads doc.tensor, or zeros. `check` notes why on the listener, so a tok2vec
        listener can warn once when it runs that way. `reuse_layers` (select_pipes, which
        only enables and disables): each component's listener layers as the last link found
        them, if its model is the same object, instead of walking every model again."""
        # a sourced component may carry its old pipeline's name: listener maps key on it
        for name, proc in self._components:
            if getattr(proc, "name", name) != name:
                try:
                    proc.name = name
                except AttributeError:
                    pass
        from .pipeline.broadcast import add_listeners_among

        pipeline = self.pipeline
        seen = getattr(self, "_seen_listener_layers", None) if reuse_layers else None
        layers = []
        for _name, proc in pipeline:
            hit = seen.get(id(proc)) if seen else None
            if hit is not None and hit[0] is proc and hit[1] is getattr(proc, "model", None):
                layers.append(hit[2])
            else:
                layers.append(_listener_layers(proc))   # each model walked once per link
        if not reuse_layers:   # what select_pipes reuses: the components of this link only
            self._seen_listener_layers = {
                id(proc): (proc, getattr(proc, "model", None), found)
                for (_name, proc), found in zip(pipeline, layers)}
        for i, (name, proc) in enumerate(pipeline):
            if hasattr(proc, "find_listeners"):
                proc.listener_map = {}
                own = _own_listener_class(proc)
                for j in range(i + 1, len(pipeline)):
                    name2, proc2 = pipeline[j]
                    if own is None:
                        proc.find_listeners(proc2)
                    elif layers[j]:   # what find_listeners would find, from the nodes walked
                        # above (a function component has none, and no .name)
                        add_listeners_among(proc, layers[j], name2, own)
        if check:
            self._note_unlinked_listeners(pipeline, layers)

    def _note_unlinked_listeners(self, pipeline, layers) -> None:
        """Set `no_upstream` on each enabled listener layer (`layers`: each component's, in
        pipeline order): None when a component feeds it, else a message saying which
        component is cut off, why, and how to fix it."""
        fed = set()
        for _name, proc in pipeline:
            for listeners in getattr(proc, "listener_map", {}).values():
                fed.update(id(listener) for listener in listeners)
        upstream_names = {n for n, p in self._components}
        for (name, proc), listener_layers in zip(pipeline, layers):
            for listener in listener_layers:
                if id(listener) in fed:
                    listener.no_upstream = None
                    continue
                upstream = getattr(listener, "upstream_name", None) or "*"
                wanted = f"'{upstream}'" if upstream != "*" else "a tok2vec or transformer"
                if upstream != "*" and upstream in upstream_names and upstream in self._disabled:
                    why = f"'{upstream}' is disabled"
                elif upstream != "*" and upstream in upstream_names:
                    why = f"'{upstream}' comes after '{name}' in the pipeline"
                else:
                    kind = upstream if upstream != "*" else "tok2vec or transformer"
                    why = f"there is no enabled {kind} component before it"
                listener.no_upstream = (
                    f"Component '{name}' has a listener layer that listens to {wanted}, but "
                    f"{why}, so it reads zeros instead of token vectors and predicts poorly. "
                    f"Keep {wanted} enabled and before '{name}', or give '{name}' its own "
                    f"copy with nlp.replace_listeners("
                    f"'{upstream if upstream != '*' else 'tok2vec'}', '{name}', "
                    f"['model.tok2vec']).")

    def replace_listeners(self, tok2vec_name: str, pipe_name: str,
                          listeners: Iterable[str]) -> None:
        """Give `pipe_name` its own copy of `tok2vec_name`'s model in place of the listener
        layers at the given config paths (e.g. ["model.tok2vec"])."""
        import copy

        from .util import get_dot, set_dot

        from .error_codes import Errors

        for unknown in (tok2vec_name, pipe_name):   # spaCy: E889, a ValueError, for either
            if unknown not in self.pipe_names:
                raise PipelineError(Errors.E889.format(
                    tok2vec=tok2vec_name, name=pipe_name, unknown=unknown,
                    opts=", ".join(self.pipe_names)))
        tok2vec = self.get_pipe(tok2vec_name)
        pipe = self.get_pipe(pipe_name)
        if not hasattr(tok2vec, "listener_map"):
            raise PipelineError(Errors.E888.format(name=tok2vec_name, pipe=type(tok2vec)))
        listeners = list(listeners)
        if not listeners:  # nothing to replace (spaCy: a no-op)
            return
        pipe_listeners = list(tok2vec.listener_map.get(pipe_name, []))
        if not pipe_listeners:
            raise PipelineError(f"[E887] '{pipe_name}' has no listeners of '{tok2vec_name}' to replace.")
        if len(listeners) != len(pipe_listeners):
            raise PipelineError(
                f"[E887] '{pipe_name}' has {len(pipe_listeners)} listener(s) of '{tok2vec_name}' but "
                f"{len(listeners)} path(s) were given; pass one config path per listener.")
        pipe_cfg = copy.deepcopy(self._pipe_configs[pipe_name])
        tok2vec_cfg = self._pipe_configs[tok2vec_name]
        for path in listeners:
            try:
                get_dot(pipe_cfg, path)
            except KeyError:
                raise PipelineError(Errors.E886.format(
                    name=pipe_name, tok2vec=tok2vec_name, path=path)
                    + " Listener paths look like 'model.tok2vec'.") from None
            new_cfg = copy.deepcopy(tok2vec_cfg["model"])
            model_attrs = tok2vec.model.attrs
            if "replace_listener_cfg" in model_attrs:
                new_cfg = model_attrs["replace_listener_cfg"](new_cfg, get_dot(pipe_cfg, path))
            set_dot(pipe_cfg, path, new_cfg)
        for listener in pipe_listeners:
            new_model = tok2vec.model.copy()
            replace = tok2vec.model.attrs.get("replace_listener")
            if replace is not None:
                # spaCy's protocol: replace(model) or replace(model, listener, upstream)
                import inspect

                n_params = len(inspect.signature(replace).parameters)
                if n_params == 3:
                    new_model = replace(new_model, listener, tok2vec)
                elif n_params == 1:
                    new_model = replace(new_model)
                else:
                    raise PipelineError(Errors.E1055.format(num_params=n_params))
            _replace_node(pipe.model, listener, new_model)
            tok2vec.remove_listener(listener, pipe_name)
        _attach_fast_ops(pipe)
        self._pipe_configs[pipe_name] = pipe_cfg
        self._link_components()

    # ---- config ---------------------------------------------------------------------

    default_config = _DefaultConfig()

    @classmethod
    def _make_default_config(cls):
        from confection import Config

        config = Config().from_disk(DEFAULT_CONFIG_PATH, interpolate=False)
        extra = getattr(cls.Defaults, "config", None)  # a language's own [nlp.tokenizer]
        if isinstance(extra, str):   # a subclass that set config to the config's text
            extra = Config().from_str(extra, interpolate=False)
        if extra:
            config = config.merge(extra)
        if cls.lang:
            config["nlp"]["lang"] = cls.lang
        return config

    @property
    def _config(self):
        """The config this pipeline was built from (the language's default one for a blank
        pipeline), made on first use; nlp.config fills [nlp] and [components] in from the
        pipeline, so edits to its other blocks ([initialize], [training]) are kept."""
        if self._base_config is None:
            self._base_config = self.default_config
        return self._base_config

    @_config.setter
    def _config(self, value) -> None:
        self._base_config = value

    def _init_settings(self) -> dict:
        """The live [initialize.components] block (component name -> initialize settings),
        which follows its components when they are removed or renamed."""
        if self._base_config is None:   # never made: nothing was set
            return {}
        init = self._config.setdefault("initialize", {})
        if not isinstance(init.get("components"), dict):
            init["components"] = {}
        return init["components"]

    @property
    def config(self):
        """The full config of this pipeline: [nlp], [components] and the training blocks;
        [training.score_weights] combines every component's default weights (disabled ones
        too) with the config's own (which win), as spaCy does. The pipeline's own Config,
        brought up to date and returned: edits to it last and are saved (spaCy's nlp.config
        is live too); [nlp]'s pipeline, disabled, lang and batch_size and [components]
        follow the pipeline."""
        from confection import Config

        from .util import combine_score_weights

        config = self._config
        if not isinstance(config, Config):
            config = self._config = Config(config)
        if not isinstance(config.get("nlp"), dict):
            config["nlp"] = {}
        nlp = config["nlp"]
        nlp["lang"] = self.lang
        nlp["pipeline"] = list(self.component_names)
        nlp["disabled"] = [n for n in self.component_names if n in self._disabled]
        nlp["batch_size"] = self.batch_size
        config["components"] = {n: _factory_first(self._pipe_configs[n])
                                for n in self.component_names}
        if isinstance(config.get("training"), dict):
            training = config["training"]
            weights = [dict(self._pipe_meta[n].default_score_weights or {})
                       for n in self.component_names if n in self._pipe_meta]
            training["score_weights"] = combine_score_weights(
                weights, dict(training.get("score_weights") or {}))
        if "pretraining" not in config:
            # the optional block filled in as an empty one, as spaCy's filled config has it
            # (its DEFAULT_CONFIG itself has none)
            config["pretraining"] = {}
        return config

    @config.setter
    def config(self, value) -> None:
        self._config = value

    @classmethod
    def from_config(cls, config=None, *, vocab=True, disable: Iterable[str] = (),
                    enable: Iterable[str] = (), exclude: Iterable[str] = (),
                    meta: dict | None = None, auto_fill: bool = True,
                    validate: bool = True) -> "Language":
        """Build a pipeline (untrained) from a config: language, tokenizer, components."""
        from confection import Config

        from .util import check_registered_names, resolve_with_context

        config = Config(config or {})
        try:   # the pipeline's own copy, as spaCy's copy_config: nlp.config edits it in place
            config = config.copy()
        except ValueError:   # something in it can't be deep-copied: the blocks stay shared
            pass
        if "nlp" not in config or not config["nlp"].get("lang"):
            # no language anywhere: a blank, language-less pipeline of this class (what
            # Language() gives), as spaCy builds it
            config.setdefault("nlp", {})["lang"] = cls.lang or None
        if config["nlp"]["lang"] != cls.lang:
            _check_config_lang(cls, config["nlp"]["lang"])
        if "vectors" not in config["nlp"]:   # spaCy fills it in even without auto_fill
            config["nlp"]["vectors"] = {"@vectors": "spacy.Vectors.v1"}
        if auto_fill:
            defaults = cls.default_config
            config = defaults.merge(config)
            if not validate:
                _drop_unknown_settings(config, defaults)
            _fill_training_blocks(config, validate)
        lang_cls = cls
        interpolated = config.interpolate() if not config.is_interpolated else config
        if validate and not auto_fill:
            _check_nlp_settings(interpolated["nlp"])
        nlp_block = {k: v for k, v in interpolated["nlp"].items()
                     if k not in ("pipeline", "disabled", "lang")}
        check_registered_names({"nlp": nlp_block}, "")
        resolved_nlp = resolve_with_context({"nlp": nlp_block}, validate=False, where="nlp")["nlp"]
        before_creation = resolved_nlp.get("before_creation")
        if before_creation is not None:
            base, lang_cls = lang_cls, before_creation(lang_cls)
            if not isinstance(lang_cls, type) or not issubclass(lang_cls, base):
                raise ConfigError(f"[nlp] before_creation must return the Language class it "
                                  f"was given ({base.__name__}), not {lang_cls!r}.")
        batch_size = resolved_nlp.get("batch_size") or 1000
        try:
            batch_size = int(batch_size)
        except (TypeError, ValueError):
            batch_size = 0
        if batch_size < 1:   # confection's ConfigValidationError too, as spaCy's schema
            from .errors import ConfigValidationFailedError

            raise ConfigValidationFailedError(
                f"[nlp] batch_size = {resolved_nlp.get('batch_size')!r} must be a whole number "
                ">= 1.")
        nlp = lang_cls(vocab=vocab, create_tokenizer=resolved_nlp.get("tokenizer"),
                       meta=meta, batch_size=batch_size)
        create_vectors = resolved_nlp.get("vectors")
        if vocab is True and create_vectors is not None:
            table = create_vectors(nlp.vocab)
            if table is not None:
                nlp.vocab.vectors = table
        if resolved_nlp.get("after_creation") is not None:
            nlp = resolved_nlp["after_creation"](nlp)
            _check_callback_result(nlp, "after_creation")
        pipeline = list(interpolated["nlp"].get("pipeline", []))
        components = interpolated.get("components", {})
        # spaCy tests each name against exclude= as given, so a string excludes every
        # component whose name it contains ("parser, tagger" excludes both); code relies on it
        exclude = [n for n in pipeline if n in exclude] if isinstance(exclude, str) \
            else _names(exclude)
        sourced: dict[Any, Language] = {}
        for pipe_name in pipeline:
            if pipe_name in exclude:
                continue
            if pipe_name not in components:
                raise ConfigError(f"[E956] [nlp] pipeline lists '{pipe_name}', but there is no "
                                  f"[components.{pipe_name}] block. Add one with a factory = "
                                  "line, or remove the name from the pipeline.")
            block = dict(components[pipe_name])
            if "factory" in block:
                factory = block.pop("factory")
                nlp.add_pipe(factory, name=pipe_name, config=block, validate=validate)
                # keep ${...} references as written, not their interpolated values
                raw = config.get("components", {}).get(pipe_name, {})
                nlp._pipe_configs[pipe_name] = Config(nlp._pipe_configs[pipe_name]).merge(
                    Config(raw))
            elif "source" in block:
                from .loading import add_sourced_pipe

                add_sourced_pipe(nlp, pipe_name, block, sourced)
            else:
                raise ConfigError(f"[components.{pipe_name}] needs a factory = \"...\" or a "
                                  "source = \"path or package\" line.")
        nlp._disabled = set(_resolve_component_status(
            [*_names(disable), *config["nlp"].get("disabled", [])], _names(enable),
            [n for n in pipeline if n not in exclude]))
        nlp._link_components()
        if resolved_nlp.get("after_pipeline_creation") is not None:
            nlp = resolved_nlp["after_pipeline_creation"](nlp)
            _check_callback_result(nlp, "after_pipeline_creation")
        nlp._config = config
        return nlp

    # ---- running --------------------------------------------------------------------

    def make_doc(self, text: str):
        """Tokenize only, after checking the input."""
        if not isinstance(text, str):
            if isinstance(text, (bytes, bytearray)):
                raise TextError(f"[E1041] nlp.make_doc() takes str, not "
                                f"{type(text).__name__}; decode the bytes first, e.g. "
                                "data.decode('utf-8', errors='replace').")
            raise TextError(f"[E1041] nlp() takes str, not {type(text).__name__}.")
        if len(text) > self.max_length:
            raise TextError(
                f"[E088] Text of length {len(text):,} exceeds nlp.max_length "
                f"({self.max_length:,}). "
                "The limit guards memory (about 1 GB per 100,000 characters for a parser or "
                "entity recognizer). Split the text, or raise nlp.max_length if you only "
                "tokenize or have enough memory.")
        return self.tokenizer(text)

    def _ensure_doc(self, doc_like):
        # Absolute imports on the nlp() / nlp.pipe path: a relative one warns (ImportWarning)
        # on every call when lexloom is imported under another name (`import spacy` shims).
        from lexloom.tokens.doc import Doc, _hold_in_zones

        if isinstance(doc_like, Doc):
            _hold_in_zones(doc_like)   # its new annotations may be an open zone's strings
            return doc_like
        if isinstance(doc_like, str):
            return self.make_doc(doc_like)
        if isinstance(doc_like, bytes):
            # as spaCy: bytes are a serialised Doc (Doc.to_bytes()), not text
            try:
                return Doc(self.vocab).from_bytes(doc_like)
            except Exception as e:
                raise TextError(
                    f"nlp() and nlp.pipe() read bytes as a serialised Doc (Doc.to_bytes()), "
                    f"and these are not one ({type(e).__name__}: {e}). For text, decode the "
                    "bytes first, e.g. data.decode('utf-8', errors='replace').") from e
        if isinstance(doc_like, bytearray):
            raise TextError("[E1041] nlp() takes a str, a Doc or bytes (a serialised Doc), "
                            "not bytearray; decode text first, e.g. "
                            "data.decode('utf-8', errors='replace').")
        return self.make_doc(doc_like)

    def _ensure_doc_with_context(self, text):
        if isinstance(text, _WithContext):
            doc = self._ensure_doc(text.text)
            doc._context = text.context
            return doc
        return self._ensure_doc(text)

    def __call__(self, text, *, disable: Iterable[str] = (), component_cfg: dict | None = None):
        # in flight: a memory zone must not release strings a component holds but has not
        # yet set (threads sharing this pipeline)
        vocab = self.vocab
        vocab.begin_call()
        try:
            return self._annotate(text, disable, component_cfg)
        finally:
            vocab.end_call()

    def _annotate(self, text, disable: Iterable[str], component_cfg: dict | None):
        from lexloom.tokens import Doc

        doc = self._ensure_doc(text)
        component_cfg = component_cfg or {}
        for name, proc in self.pipeline:
            if name in disable:
                continue
            try:
                doc = proc(doc, **component_cfg.get(name, {}))
            except KeyError as e:
                # as spaCy: a KeyError out of a component (typically a model's parameter
                # not allocated yet) is a ValueError naming the component
                raise _component_key_error(name, e) from e
            except Exception as e:
                # the component's handler (set_error_handler), else the pipeline's default,
                # which re-raises; a handler that returns skips the component for this Doc
                handler = getattr(proc, "get_error_handler", None)
                (handler() if handler is not None else self.default_error_handler)(
                    name, proc, [doc], e)
            if not isinstance(doc, Doc):
                returned = 'None' if doc is None else type(doc).__name__
                raise PipelineError(
                    f"[E005] Component '{name}' returned {returned} instead of a Doc; a "
                    "component must return the Doc it was given.")
        return doc

    @contextmanager
    def memory_zone(self, mem=None) -> Iterator:
        """Context manager: strings and lexemes first seen inside are released at its end.
        Docs made inside stay valid afterwards (they are moved onto permanent entries).
        Yields `mem`, a cymem Pool (made when not given), as spaCy's does."""
        from .memory_zone import memory_zone

        if mem is None:
            from cymem.cymem import Pool

            mem = Pool()
        with memory_zone(self):
            yield mem

    def pipe(self, texts: Iterable, *, as_tuples: bool = False, batch_size: int | None = None,
             disable: Iterable[str] = (), component_cfg: dict | None = None,
             n_process: int = 1, memory_zones: bool = True) -> Iterator:
        """Process a stream of texts (or (text, context) pairs with as_tuples), in order.

        With memory_zones (the default), strings and lexemes of new words are released every
        ~100,000 new strings, so memory stays flat over long streams; Docs you keep stay
        valid, hashes of dropped Docs' new words may not resolve afterwards. A stream too
        short to reach that keeps every string (memory_zones=False: always).
        """
        if batch_size is not None:
            import numbers

            if not isinstance(batch_size, numbers.Integral):   # as spaCy: a TypeError
                from lexloom.errors import PipeArgumentTypeError

                raise PipeArgumentTypeError(f"nlp.pipe: batch_size must be a whole number >= 1 "
                                            f"(or None for nlp.batch_size), not "
                                            f"{batch_size!r}.")
            if batch_size < 1:
                # spaCy yields nothing at all for 0 (and fails in islice below 0)
                raise PipelineError(f"nlp.pipe: batch_size must be a whole number >= 1 (or "
                                    f"None for nlp.batch_size), not {batch_size!r}.")
            batch_size = int(batch_size)   # True counts as 1, as in spaCy
        batch_size = batch_size or self.batch_size
        if n_process != 1:  # worker processes; as_tuples contexts stay here, paired by index
            from lexloom.errors import WorkerExceptionError, WorkerSerializationError
            from lexloom.multiprocess import pipe_multiprocess

            try:
                yield from pipe_multiprocess(self, texts, batch_size=batch_size,
                                             n_process=n_process, disable=disable,
                                             component_cfg=component_cfg, as_tuples=as_tuples)
            except (WorkerExceptionError, WorkerSerializationError) as e:
                # spaCy's code for an error in a worker process (E871, a ValueError)
                message = str(e)
                if "[E871]" not in message and e.args:
                    e.args = (message.replace("[lexloom] ", "[lexloom] [E871] ", 1),
                              *e.args[1:])
                raise
            return
        if as_tuples:
            # as spaCy: each Doc carries its context through the pipeline as doc._context
            # (components may read it, or hand it on to a Doc they return), so the pairs stay
            # right when an error handler drops a Doc; it is taken off as the Doc is yielded
            items = (_WithContext(*_text_and_context(item)) for item in texts)
            for doc in self.pipe(items, batch_size=batch_size, disable=disable,
                                 component_cfg=component_cfg, memory_zones=memory_zones):
                context = doc._context
                doc._context = None
                yield doc, context
            return
        if memory_zones and n_process == 1:
            yield from self._pipe_in_zones(texts, batch_size, disable, component_cfg)
            return
        component_cfg = component_cfg or {}
        from .util import _pipe

        docs: Iterable = (self._ensure_doc_with_context(text) for text in texts)
        for name, proc in self.pipeline:
            if name in disable:
                continue
            kwargs = dict(component_cfg.get(name, {}))
            kwargs.setdefault("batch_size", batch_size)
            docs = _pipe(docs, proc, name, self.default_error_handler, kwargs)
        yield from docs

    def _pipe_in_zones(self, texts, batch_size, disable, component_cfg) -> Iterator:
        """Batches processed inside a memory zone that is released once it has grown past
        PIPE_RELEASE_AT transient strings, at a batch boundary where that is safe. The last
        zone is released at the end only on a stream long enough to have released one
        already: a shorter stream keeps its new strings, as spaCy does (code that keeps
        hashes, e.g. Counter(doc.count_by(ORTH)), reads them back afterwards)."""
        from lexloom.memory_zone import PIPE_RELEASE_AT, MemoryZone

        zone = None
        released = False
        release_at = PIPE_RELEASE_AT
        iterator = iter(texts)
        while True:
            batch = list(itertools.islice(iterator, batch_size))
            if not batch:
                break
            if zone is not None and zone.can_resume():
                zone.resume()
            else:
                zone = MemoryZone(self)
                release_at = PIPE_RELEASE_AT
            self.vocab.begin_call()
            try:
                docs = collections.deque(self.pipe(batch, batch_size=batch_size, disable=disable,
                                                   component_cfg=component_cfg,
                                                   memory_zones=False))
            finally:
                self.vocab.end_call()
                zone.pause()
            while docs:
                yield docs.popleft()
            if zone.growth() >= release_at:
                # moving many kept Docs costs more than the memory saved: only release
                # when the caller kept few of them
                if zone.release(max_alive=max(8, zone.docs.created // 100)):
                    zone, released = None, True
                else:
                    # the caller keeps its Docs (or another thread used the vocab): each try
                    # costs a garbage collection, so the next waits until the zone doubled
                    release_at = 2 * zone.growth()
        if zone is not None and released:
            zone.release(max_alive=max(8, zone.docs.created // 100))

    # ---- training -------------------------------------------------------------------

    def create_optimizer(self):
        from .registry import registry

        config = self.config.interpolate()
        return registry.resolve({"o": config["training"]["optimizer"]})["o"]

    def initialize(self, get_examples: Callable[[], Iterable] | None = None, *, sgd=None):
        """Initialize components (labels, shapes) from examples; returns the optimizer."""
        from .registry import registry
        from .util import check_registered_names

        if get_examples is None:  # as spaCy: one unannotated example, so shapes can be inferred
            from .tokens import Doc
            from .training import Example

            dummy = Doc(self.vocab, words=["x", "y", "z"])

            def get_examples():
                return [Example.from_dict(dummy, {})]
        elif not callable(get_examples):
            raise ExamplesTypeError("[E930] nlp.initialize takes a function returning Examples "
                                    "(e.g. lambda: train_examples), not the examples "
                                    "themselves.")
        config = self.config.interpolate()
        init_block = {k: v for k, v in config["initialize"].items()
                      if k in ("components", "tokenizer", "before_init", "after_init",
                               "lookups")}
        try:
            check_registered_names({"initialize": init_block}, "")
        except ConfigError as e:
            from .errors import InitRegistryError

            raise InitRegistryError(str(e)) from None
        init = registry.resolve({"i": init_block}, validate=False)["i"]
        if init.get("before_init") is not None:
            init["before_init"](self)
        vocab_data = config["initialize"].get("vocab_data")
        if init.get("lookups") or vocab_data not in (None, ""):
            from .training.vocab_data import init_vocab

            init_vocab(self, data=vocab_data or None, lookups=init.get("lookups"))
        vectors_path = config["initialize"].get("vectors")
        if vectors_path not in (None, ""):
            self.load_vectors(vectors_path)
        self._warn_sourced_vectors_differ()
        if hasattr(self.tokenizer, "initialize"):
            settings = dict(init.get("tokenizer") or {})
            _check_init_settings(self.tokenizer.initialize, settings, "tokenizer", "tokenizer")
            self.tokenizer.initialize(get_examples, nlp=self, **settings)
        for name, proc in self.pipeline:  # enabled components only, as in spaCy
            if hasattr(proc, "initialize"):
                settings = dict((init.get("components") or {}).get(name, {}))
                _check_init_settings(proc.initialize, settings, "components", name)
                proc.initialize(get_examples, nlp=self, **settings)
        # as spaCy: pretrained tok2vec weights go in here, so nlp.initialize() and
        # `assemble` load them too, not only `train`; and only when [pretraining] is filled in
        self._init_tok2vec(config)
        self._link_components()
        self._optimizer = sgd if sgd is not None else self.create_optimizer()
        if init.get("after_init") is not None:
            init["after_init"](self)
        return self._optimizer

    def _warn_sourced_vectors_differ(self) -> None:
        """W113 for each component a config sourced from a pipeline whose vectors differ
        from this pipeline's, now that [initialize] vectors are in (as spaCy's init_vocab)."""
        sourced = self.meta.pop("_sourced_vectors_hashes", None)
        if not sourced:
            return
        from .errors import Warnings
        from .loading import vectors_digest

        digest = vectors_digest(self.vocab.vectors)
        for name, source_digest in sourced.items():
            if source_digest != digest:
                warnings.warn(Warnings.W113.format(name=name), UserWarning, stacklevel=3)

    def _init_tok2vec(self, config) -> None:
        """Load [initialize] init_tok2vec into the layer [pretraining] names. With no
        [pretraining] block spaCy ignores the weights (so the same config trains the same
        model in both); lexloom says so instead of ignoring them silently."""
        from .training.initialize import init_tok2vec

        if config.get("pretraining"):
            init_tok2vec(self, config)
        elif (config.get("initialize") or {}).get("init_tok2vec") not in (None, ""):
            warnings.warn(
                "[initialize] init_tok2vec is set but the config has no [pretraining] block, "
                "so the pretrained weights are not loaded (as in spaCy). Add the [pretraining] "
                "block the weights were pretrained with (`lexloom init fill-config "
                "--pretraining`) to load them.", LexloomWarning, stacklevel=3)

    def load_vectors(self, path, *, add_strings: bool = True) -> None:
        """Load the static vectors of a pipeline folder (as `lexloom init vectors` or
        `spacy init vectors` write) into this pipeline's vocab: its strings are added and its
        table replaces vocab.vectors. What [initialize] vectors = "path" does."""
        from .errors import ConfigError, VectorsNotFoundError

        path = Path(path)
        vocab_dir = path / "vocab" if (path / "vocab").is_dir() else path
        if not path.exists():
            raise VectorsNotFoundError(
                f"[E050] [initialize] vectors = {str(path)!r}: no such folder. Point it "
                "(or --paths.vectors) at the output folder of `lexloom init vectors LANG "
                "VECTORS_FILE OUTPUT_DIR`.")
        if not (vocab_dir / "vectors").is_file():
            raise ConfigError(f"[initialize] vectors = {str(path)!r} has no vectors table "
                              f"(expected {vocab_dir / 'vectors'}). Make one with `lexloom init "
                              "vectors LANG VECTORS_FILE OUTPUT_DIR` and point to OUTPUT_DIR.")
        from .vectors import Vectors

        strings_path = vocab_dir / "strings.json"
        if add_strings and strings_path.exists():
            from .line_reader import read_json

            strings = read_json(strings_path, what="strings file")
            for string in strings:
                if isinstance(string, str):
                    self.vocab.strings.add(string)
        table = Vectors(strings=self.vocab.strings)
        table.from_disk(vocab_dir, exclude=["strings"])
        try:
            import srsly

            table.name = srsly.read_json(path / "meta.json")["vectors"]["name"]
        except Exception:   # no meta.json, or no name in it: the table stays unnamed
            pass
        self.vocab.vectors = table
        if table.size == 0:
            logger.warning("The vectors at %s are empty: no word will have a vector.", path)

    def resume_training(self, *, sgd=None):
        for _name, proc in self._components:
            if hasattr(proc, "_rehearsal_model"):
                proc._rehearsal_model = copy.deepcopy(proc.model)  # listeners' state too
        if sgd is not None:
            self._optimizer = sgd
        elif self._optimizer is None:   # as spaCy: an existing optimizer is kept
            self._optimizer = self.create_optimizer()
        return self._optimizer

    def update(self, examples, _=None, *, drop: float = 0.0, sgd=None, losses=None,
               component_cfg: dict | None = None, exclude: Iterable[str] = (),
               annotates: Iterable[str] = ()) -> dict:
        """One training step. As in spaCy, each component's optimizer step (with `sgd`)
        follows its own update at once: a tok2vec or transformer before its listeners steps
        on the gradients they sent in the previous call (so its weights lag one call behind,
        exactly as spaCy's do). `lexloom train` passes sgd=False and steps every component
        after the whole batch instead, as spaCy's training loop does."""
        if _ is not None:   # spaCy 2's update(texts, annotations), or the optimizer by position
            raise PipelineError(Errors.E989)
        if losses is None:
            losses = {}
        _check_update_arguments(drop, sgd, losses)
        if isinstance(examples, list) and not examples:
            return losses
        examples = _example_list(examples, "Language.update")
        _validate_examples(examples, "Language.update")
        if annotates:
            # as spaCy (which copies every batch): the annotating components write on copies
            # of the predicted Docs, so the caller's Examples are left as they were
            examples = [_copy_example(eg) for eg in examples]
        if sgd is None:
            if self._optimizer is None:
                self._optimizer = self.create_optimizer()
            sgd = self._optimizer
        component_cfg = component_cfg or {}
        exclude, annotates = set(exclude), set(annotates)
        for name, proc in self.pipeline:
            if name not in exclude and hasattr(proc, "update"):
                # as spaCy: component_cfg[name]["drop"] overrides `drop` for that component
                kwargs = dict(component_cfg.get(name, {}))
                kwargs.setdefault("drop", drop)
                proc.update(examples, sgd=None, losses=losses, **kwargs)
            if (sgd not in (None, False) and name not in exclude
                    and getattr(proc, "is_trainable", False)
                    and getattr(proc, "model", None) not in (None, True, False)):
                proc.finish_update(sgd)
            if name in annotates:
                docs = proc.pipe((eg.predicted for eg in examples), batch_size=len(examples)) \
                    if hasattr(proc, "pipe") else (proc(eg.predicted) for eg in examples)
                for eg, doc in zip(examples, docs):
                    eg.predicted = doc
        from .pipeline.broadcast import run_pending_backprops

        run_pending_backprops(self.pipeline)   # gradients some listeners never followed
        # as spaCy: a new dict (numpy floats made Python floats); `losses` was updated too
        return _plain_floats(losses)

    def rehearse(self, examples, *, sgd=None, losses: dict | None = None,
                 component_cfg: dict | None = None, exclude: Iterable[str] = ()) -> dict:
        """A rehearsal step: each component with a `rehearse` method (after
        resume_training) nudges its model towards the predictions of its initial copy on
        `examples` (which need no annotation), so fine-tuning on a little data does not
        forget what the pipeline knew. The gradients are collected first, then one
        optimizer step per parameter."""
        if losses is None:
            losses = {}
        if isinstance(examples, list) and not examples:
            return losses
        examples = _example_list(examples, "Language.rehearse")
        _validate_examples(examples, "Language.rehearse")
        if sgd is None:
            if self._optimizer is None:
                self._optimizer = self.create_optimizer()
            sgd = self._optimizer
        pipes = list(self.pipeline)
        random.shuffle(pipes)
        component_cfg = component_cfg or {}
        exclude = set(exclude)
        grads: dict = {}

        def collect(key, param, grad):
            grads[key] = (param, grad)
            return param, grad

        for attr in ("learn_rate", "b1", "b2"):
            if hasattr(sgd, attr):
                setattr(collect, attr, getattr(sgd, attr))
        for name, proc in pipes:
            if name in exclude or not hasattr(proc, "rehearse"):
                continue
            # As spaCy's: each component starts a fresh collection, so only the gradients of
            # the last one in the shuffled order reach the optimizer (a component whose
            # rehearse does nothing, such as tok2vec, leaves none).
            grads.clear()
            proc.rehearse(examples, sgd=collect, losses=losses, **component_cfg.get(name, {}))
        for key, (param, grad) in grads.items():
            sgd(key, param, grad)
        return losses

    def begin_training(self, get_examples: Callable[[], Iterable] | None = None, *,
                       sgd=None):
        """spaCy 2's name for initialize(): warns (DeprecationWarning) and initializes."""
        warnings.warn("[W089] nlp.begin_training has been renamed nlp.initialize (as in spaCy v3); "
                      "call nlp.initialize(get_examples) instead.", DeprecationWarning,
                      stacklevel=2)
        return self.initialize(get_examples, sgd=sgd)

    def set_error_handler(self, error_handler: Callable[[str, Any, list, Exception], Any]
                          ) -> None:
        """error_handler(component name, component, docs, exception) deals with a failing
        batch: the default for stateless components, and set on every enabled component
        that takes one (set_error_handler)."""
        self.default_error_handler = error_handler
        for _name, proc in self.pipeline:
            if hasattr(proc, "set_error_handler"):
                proc.set_error_handler(error_handler)

    @contextmanager
    def use_params(self, params: dict | None):
        """Within the block, the enabled components' models use `params` (keyed as thinc's
        optimizer.averages) where they have an entry; their own values come back after.

            with nlp.use_params(optimizer.averages):
                nlp.to_disk("checkpoint")
        """
        if not params:
            yield
            return
        with ExitStack() as stack:
            for _name, proc in self.pipeline:
                if hasattr(proc, "use_params") and hasattr(proc, "model"):
                    stack.enter_context(proc.use_params(params))
            yield

    def evaluate(self, examples, *, batch_size: int | None = None, scorer=None,
                 component_cfg: dict | None = None, scorer_cfg: dict | None = None,
                 per_component: bool = False) -> dict:
        """Run the pipeline on the examples' texts and score against the references."""
        from .scorer import Scorer

        examples = _example_list(examples, "Language.evaluate")
        _validate_examples(examples, "Language.evaluate")
        from .training.example import Example

        # New examples over copies of the predicted Docs, as spaCy's: the caller's examples
        # are left as they were, and what the tokenizer set on the tokens (special-case
        # norms such as "n't" -> "not", which the models read) is kept, so the scores are
        # those of the texts the pipeline would see.
        examples = [Example(eg.predicted.copy(), eg.reference) for eg in examples]
        for eg in examples:   # as spaCy (which tokenizes each reference text): E088
            if len(eg.reference.text) > self.max_length:
                self.make_doc(eg.reference.text)
        if scorer is None:
            scorer = Scorer(nlp=self, **(scorer_cfg or {}))
        start = time.perf_counter()
        docs = self.pipe((eg.predicted for eg in examples), batch_size=batch_size,
                         component_cfg=component_cfg)
        for eg, doc in zip(examples, docs):
            eg.predicted = doc
        elapsed = time.perf_counter() - start
        results = scorer.score(examples, per_component=per_component) if per_component \
            else scorer.score(examples)
        n_words = sum(len(eg.predicted) for eg in examples)
        results["speed"] = n_words / elapsed if elapsed > 0 else 0.0
        return results

    # ---- saving ---------------------------------------------------------------------

    def to_disk(self, path, *, exclude: Iterable[str] = ()) -> None:
        """Write the pipeline folder: config.cfg, meta.json, tokenizer, vocab/ and one folder
        per component, in spaCy's layout (see lexloom.pipeline_folder)."""
        from .pipeline_folder import write_folder

        write_folder(self, path, _file_names(exclude, self.component_names))

    def from_disk(self, path, *, exclude: Iterable[str] = (),
                  overrides: dict | None = None) -> "Language":
        """Load a pipeline folder's config settings, meta, vocab, tokenizer and weights into
        this pipeline (`overrides`: config values that replace the folder's, as at load).
        Every file is checked before anything is loaded: a bad folder raises and leaves the
        pipeline as it was."""
        from .pipeline_folder import read_folder

        return read_folder(self, path, _file_names(exclude, self.component_names), overrides)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The pipeline as msgpack in spaCy's layout: "vocab", "tokenizer", "meta.json",
        "config.cfg" and one entry per component, so either library reads the other's."""
        import srsly

        from .pipeline_folder import check_tokenizer_saves

        exclude = _file_names(exclude, self.component_names)
        msg: dict[str, Any] = {}
        if "vocab" not in exclude:
            msg["vocab"] = self.vocab.to_bytes(exclude=exclude)
        check_tokenizer_saves(self, exclude, "to_bytes")
        if "tokenizer" not in exclude and hasattr(self.tokenizer, "to_bytes"):
            msg["tokenizer"] = self.tokenizer.to_bytes(exclude=["vocab"])
        if not exclude & {"meta", "meta.json"}:
            msg["meta.json"] = srsly.json_dumps(self.meta)
        if not exclude & {"config", "config.cfg"}:
            msg["config.cfg"] = self.config.to_bytes()
        for name, proc in self._components:
            if name not in exclude and hasattr(proc, "to_bytes"):
                msg[name] = proc.to_bytes(exclude=["vocab"])
        return srsly.msgpack_dumps(msg)

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> "Language":
        """Load what to_bytes wrote (spaCy's layout, or the one lexloom wrote before: strings,
        vectors and components under their own keys)."""
        import srsly

        from .errors import DeserializationError

        exclude = _file_names(exclude, self.component_names)
        if not isinstance(bytes_data, (bytes, bytearray, memoryview)):   # a TypeError, as spaCy
            from .errors import DeserializationTypeError

            raise DeserializationTypeError(
                f"Language.from_bytes takes the bytes nlp.to_bytes() returned, not "
                f"{type(bytes_data).__name__}.")
        try:
            msg = srsly.msgpack_loads(bytes_data)
            if not isinstance(msg, dict):
                raise TypeError(f"it holds a {type(msg).__name__}, not a map")
            meta = config_text = None
            if not exclude & {"meta", "meta.json"}:
                meta = (srsly.json_loads(msg["meta.json"]) if "meta.json" in msg
                        else msg.get("meta"))
                if meta is not None and not isinstance(meta, dict):
                    raise TypeError(f"its meta is {type(meta).__name__}, not a map")
            if not exclude & {"config", "config.cfg"}:
                config_text = msg.get("config.cfg", msg.get("config"))
                if isinstance(config_text, bytes):
                    config_text = config_text.decode("utf8")
            if "components" in msg:   # lexloom's earlier layout
                components = msg["components"]
                if "vocab" not in exclude:
                    self.vocab.strings.from_bytes(msg["strings"])
                    if "vectors" in msg:
                        from .vectors import Vectors

                        self.vocab.vectors = Vectors(strings=self.vocab.strings).from_bytes(
                            msg["vectors"], exclude=["strings"])
            else:
                components = msg
                if "vocab" not in exclude and "vocab" in msg:
                    self.vocab.from_bytes(msg["vocab"], exclude=exclude)
        except (ValueError, KeyError, TypeError) as e:
            raise DeserializationError(f"Language.from_bytes: the data is corrupt or not a "
                                       f"serialised pipeline ({e}).") from None
        if meta is not None:  # name, version, vectors name...: as a folder's meta.json
            from .pipeline_folder import _stage_meta

            _stage_meta(self, meta)()
        if isinstance(config_text, str):
            # the saved settings (the tokenizer's block, [training], ...) become this
            # pipeline's, as in spaCy; [components] and the pipeline stay the live ones
            from confection import Config

            try:
                self._config = Config().from_str(config_text, interpolate=False)
            except Exception as e:
                raise DeserializationError(f"Language.from_bytes: the saved config is not "
                                           f"readable ({e}).") from None
        if "tokenizer" not in exclude and "tokenizer" in msg:
            self.tokenizer.from_bytes(msg["tokenizer"], exclude=["vocab"])
        for name, proc in self._components:
            if name in exclude or name not in components or not hasattr(proc, "from_bytes"):
                continue
            proc.from_bytes(components[name], exclude=["vocab"])
        self._link_components()
        return self


class DisabledPipes(list):
    """Components disabled by select_pipes; restore() (or leaving the with-block) undoes it."""

    def __init__(self, nlp: Language, names: list[str]):
        super().__init__(names)
        self.nlp = nlp

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.restore()

    def restore(self) -> None:
        """Enable the components again; one removed meanwhile can't be, and raises (after
        the others are restored)."""
        names = list(self)
        missing = [n for n in names if n not in self.nlp.component_names]
        for name in names:
            self.nlp._disabled.discard(name)
        self.nlp._link_components(reuse_layers=True)
        self.clear()
        if missing:
            raise PipelineError(f"[E008] Can't restore the disabled component(s) {missing}: they "
                                "were removed from the pipeline meanwhile.")


class _WithContext:
    """A text and its context on their way into nlp.pipe(as_tuples=True)."""

    __slots__ = ("text", "context")

    def __init__(self, text, context):
        self.text, self.context = text, context


def _config_is_text(defaults: type) -> bool:
    """Whether a Defaults class's `config` is the one its `config_text` is parsed into (not
    a Config object or dict a subclass set itself)."""
    from .lang.defaults import _LanguageConfig

    for klass in defaults.__mro__:
        if "config" in vars(klass):
            return isinstance(vars(klass)["config"], _LanguageConfig)
    return False


def _declared(attrs: Iterable[str]) -> list[str]:
    """A factory's assigns / requires as FactoryMeta keeps them: a list, or spaCy's default
    (none declared), the empty SimpleFrozenList, as it is."""
    return attrs if isinstance(attrs, SimpleFrozenList) else list(attrs)


@functools.lru_cache(maxsize=None)
def _frozen_error(what: str) -> str:
    return Errors.E926.format(attr=what)  # spaCy's code


def _frozen(items: list, what: str) -> list:
    return SimpleFrozenList(items, error=_frozen_error(what))


def _names(value) -> list[str]:
    """disable= / enable= / exclude= as a list: one name or several."""
    return [value] if isinstance(value, str) else list(value or ())


def _resolve_component_status(disable: list[str], enable: list[str],
                              pipe_names: list[str]) -> list[str]:
    """The components to disable: `disable` (and [nlp] disabled), plus, when `enable` is
    given, every component it doesn't name (names it has that the pipeline lacks are
    ignored); a name both enabled and disabled raises."""
    to_disable = list(dict.fromkeys(disable))
    if enable:
        # names the pipeline lacks are ignored, as in spaCy (enable=["nope"] disables all)
        to_disable += [n for n in pipe_names if n not in enable and n not in to_disable]
        both = sorted(set(enable) & set(to_disable))
        if both:
            raise PipelineError(f"[E1042] {both} are both enabled and disabled (enable={enable}, "
                                f"disable={disable}, including the config's [nlp] disabled). "
                                "Name each component in only one of them.")
    return [n for n in to_disable if n in pipe_names]


def _component_key_error(name: str, error: KeyError) -> PipelineError:
    """spaCy's E109 (a ValueError) for a KeyError out of component `name`; the message says
    whether the component was simply not initialized."""
    from .errors import Errors

    detail = error.args[0] if error.args else error
    if "allocated" in str(detail):
        return PipelineError(f"{Errors.E109.format(name=name)} ({detail})")
    return PipelineError(f"[E109] The component '{name}' could not be run: KeyError: "
                         f"{detail}")


def _registered_again(new: Callable, existing: Callable) -> bool:
    """Whether `new`, registered under a name that `existing` holds, is the same function
    again (a module reloaded, a notebook cell run twice, a --code file copied to another
    folder): util.is_same_func, looked up at call time and given two arguments because
    plugins and spaCy's tests replace it, or the same source read from another file."""
    from . import util

    return util.is_same_func(new, existing) or util.same_function(new, existing,
                                                                  same_file=False)


def _check_component_name(name, decorator: str) -> None:
    """A factory name is a non-empty string without dots: dots separate a language's own
    variant ("en.lemmatizer", which lexloom registers on Language) from the shared one."""
    if not isinstance(name, str) or not name:
        raise PipelineError(
            f"[E963] Language.{decorator} needs a name: @Language.{decorator}('my_component'), not "
            f"{name!r} (was the decorator used without calling it?).")
    code, _, rest = name.partition(".")
    if "." in name and not (code in LANGUAGE_CODES and rest and "." not in rest):
        raise PipelineError(
            f"[E853] The {decorator} name {name!r} contains a dot, which is not permitted: lexloom "
            "uses dots for language-specific factories. Use e.g. "
            f"{name.replace('.', '_')!r}.")


def _check_factory_args(name: str, factory_func: Callable) -> None:
    """A factory is called as factory(nlp, name, **config): it must take `nlp` and `name`."""
    import inspect

    try:
        params = inspect.signature(factory_func).parameters
    except (TypeError, ValueError):   # a builtin or C callable: can't tell
        return
    if any(p.kind is p.VAR_KEYWORD for p in params.values()):
        return
    missing = [arg for arg in ("nlp", "name") if arg not in params]
    if missing:
        raise PipelineError(
            f"[E964] The factory {name!r} ({getattr(factory_func, '__name__', factory_func)!r}) "
            f"doesn't take the argument(s) {missing}: a factory is called as "
            "factory(nlp, name, **config). Use @Language.component for a function that "
            "takes a Doc.")


def config_language(config) -> type:
    """The Language class a config's [nlp] lang names (Language itself when it names none):
    the class whose from_config builds that config."""
    lang = (config.get("nlp") or {}).get("lang")
    return get_lang_class(lang) if lang else Language


def _check_config_lang(cls, lang: str | None) -> None:
    """A class builds its own language, as in spaCy: a config for another one raises
    (lexloom.util.load_model_from_config picks the class the config's lang names)."""
    try:
        config_cls = get_lang_class(lang) if lang else Language
    except ImportError:   # an unknown code: the config can't be for this class
        config_cls = None
    if config_cls is not cls:
        hint = (f"Use lexloom.util.load_model_from_config(config) or "
                f"lexloom.util.get_lang_class({lang!r}).from_config(config)" if lang else
                "Use Language.from_config(config)")
        own = f"is the {cls.lang!r} language" if cls.lang else "has no language of its own"
        raise ConfigError(
            f"[E958] {cls.__name__}.from_config got a config with [nlp] lang = {lang!r}, but "
            f"{cls.__name__} {own}. {hint}"
            + (f", or set lang = {cls.lang!r}." if cls.lang else "."))


def _check_init_settings(func: Callable, settings: dict, section: str, name: str) -> None:
    """Check [initialize] settings against the initialize() signature, so a missing or
    mistyped one is a ConfigValidationError naming its block, not a TypeError deep inside.
    The settings themselves are passed on as written; a signature pydantic can't model (an
    annotation only importable for type checkers) goes unchecked."""
    from confection import ConfigValidationError

    from .schemas import validate_init_settings

    try:
        validate_init_settings(func, settings, section=section, name=name)
    except ConfigValidationError:
        raise
    except Exception:   # noqa: BLE001 -- no model of this signature: leave it to the call
        pass


def _check_callback_result(nlp, callback: str) -> None:
    if not isinstance(nlp, Language):
        raise ConfigError(f"[nlp] {callback} must return the nlp object it was given, not "
                          f"{type(nlp).__name__}.")


def _factory_first(block: dict) -> dict:
    """A component's config block with "factory" (or "source") leading, as config files
    write it."""
    head = {k: block[k] for k in ("factory", "source") if k in block}
    return {**head, **{k: v for k, v in block.items() if k not in head}}


def _load_builtin_factories() -> None:
    """Import the modules that register lexloom's components (on first need: slow imports)."""
    for module in ("lexloom.pipeline",):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name != module:
                raise


def _attach_fast_ops(component) -> None:
    model = getattr(component, "model", None)
    if model is not None and hasattr(model, "walk"):
        from .ml.ops import use_lexloom_ops

        use_lexloom_ops(model)


# Off while a saved pipeline loads: its training blocks are read as written, as spaCy's
# load (which doesn't auto-fill) reads them, whatever functions they name.
_FILL_TRAINING_BLOCKS = contextvars.ContextVar("lexloom_fill_training_blocks", default=True)


@contextmanager
def training_blocks_as_written():
    """Build pipelines from configs without filling their [corpora] / [training] /
    [initialize] blocks (for loading a saved pipeline)."""
    token = _FILL_TRAINING_BLOCKS.set(False)
    try:
        yield
    finally:
        _FILL_TRAINING_BLOCKS.reset(token)


def _fill_training_blocks(config, validate: bool) -> None:
    """auto_fill fills [corpora], [training] and [initialize] as spaCy's from_config does:
    the registered functions there (a custom reader, batcher, logger or callback) get their
    default arguments written in, so a trained config.cfg lists them, and with `validate`
    a wrong argument fails now rather than when training reads it."""
    blocks = [name for name in ("corpora", "training", "initialize") if config.get(name)]
    if not blocks or not _FILL_TRAINING_BLOCKS.get():
        return
    from confection import Config

    from .registry import registry

    # the other blocks come along for the ${...} references; [components] is built (and
    # checked) by its factories, [pretraining] only by `pretrain`, and [nlp]'s functions by
    # from_config itself (its plain values stay for references such as ${nlp.lang})
    subset = Config({k: v for k, v in config.items() if k not in ("components", "pretraining")},
                    section_order=CONFIG_SECTION_ORDER, is_interpolated=False)
    if "nlp" in subset:
        subset["nlp"] = {k: v for k, v in subset["nlp"].items() if not isinstance(v, dict)}
    filled = registry.fill(subset, validate=validate)
    for name in blocks:
        config[name] = filled[name]


def _drop_unknown_settings(config, defaults) -> None:
    """auto_fill without validation: leave out settings of [nlp], [training] and
    [initialize] that nothing reads (as spaCy's fill does), so the config stays valid."""
    from .schemas import ConfigSchemaInit, ConfigSchemaNlp, ConfigSchemaTraining

    for section, schema in (("nlp", ConfigSchemaNlp), ("training", ConfigSchemaTraining),
                            ("initialize", ConfigSchemaInit)):
        block = config.get(section)
        if not isinstance(block, dict):
            continue
        known = set(schema.model_fields) | set(defaults.get(section, {}))
        for key in [k for k in block if k not in known]:
            del block[key]


def _check_nlp_settings(block: dict) -> None:
    """Without auto_fill nothing supplies a missing [nlp] setting: name them all, as
    spaCy's validation does (a ConfigValidationError)."""
    from .errors import ConfigValidationFailedError
    from .schemas import ConfigSchemaNlp

    missing = [key for key, field in ConfigSchemaNlp.model_fields.items()
               if field.is_required() and key not in block]
    if missing:
        errors = [{"loc": ["nlp", key], "msg": "field required", "type": "missing"}
                  for key in missing]
        raise ConfigValidationFailedError(
            f"[nlp] is missing {', '.join(missing)}. With auto_fill=False the config must "
            "give every [nlp] setting; pass auto_fill=True to fill them from the defaults.",
            errors=errors, title="Config validation error")


def _listener_layers(proc) -> list:
    model = getattr(proc, "model", None)
    if model is None or not hasattr(model, "walk"):
        return []
    thinc_model = sys.modules.get("thinc.model")   # not imported here: loaded if used
    plain = thinc_model is not None and type(model).walk is thinc_model.Model.walk
    nodes = _walk(model) if plain else model.walk()
    return [node for node in nodes if getattr(node, "upstream_name", None) is not None
            or node.name in ("tok2vec-listener", "transformer-listener")]


def _walk(model) -> list:
    """model.walk()'s nodes in its order (breadth first, each once) as a list, without the
    generator's per-node cost: every select_pipes walks each component on entry and exit."""
    nodes, seen = [model], {id(model)}
    for node in nodes:
        for layer in node._layers:
            if id(layer) not in seen:
                seen.add(id(layer))
                nodes.append(layer)
    return nodes


def _own_listener_class(proc):
    """The listener class a lexloom Tok2Vec or Transformer links to, when its find_listeners
    is lexloom's own (marked with it); another one (a subclass's, a patch) is called as
    spaCy calls it."""
    return getattr(getattr(type(proc), "find_listeners", None), "listener_type", None)


def _replace_node(model, old, new) -> None:
    """Put `new` wherever `old` occurs among model's layers, then in their refs (a ref may
    only name a node already in the tree)."""
    nodes = [node for node in model.walk() if node is not old]
    for node in nodes:
        node._layers = [new if layer is old else layer for layer in node._layers]
    for node in nodes:
        for ref_name in node.ref_names:
            if node.maybe_get_ref(ref_name) is old:
                node.set_ref(ref_name, new)


def _copy_example(eg):
    """An Example over a copy of eg's predicted Doc (spaCy's _copy_examples)."""
    from .training.example import Example

    return Example(eg.predicted.copy(), eg.reference)


def _plain_floats(losses) -> dict:
    """A new dict of `losses`, numpy floats as Python floats (spaCy's _replace_numpy_floats)."""
    import numpy

    return {k: float(v) if isinstance(v, numpy.floating) else v for k, v in losses.items()}


def _file_names(exclude, components: Iterable[str]) -> set:
    """to_disk/from_disk/to_bytes/from_bytes exclusions with spaCy's file-name spelling
    too: spaCy matches a file's name up to its first dot, so "meta" leaves out meta.json
    and "config" config.cfg. It tests each name against exclude as given, so a string leaves out every
    file or component whose name it contains ("tokenizer, ner")."""
    if isinstance(exclude, str):
        exclude = [name for name in ("vocab", "strings", "vectors", "lookups", "tokenizer",
                                     "meta", "config", *components)
                   if name in exclude]
    names = set(exclude)
    names |= {f"{n}.json" for n in names if n == "meta"}
    names |= {f"{n}.cfg" for n in names if n == "config"}
    return names


def _is_count(value) -> bool:
    import numbers

    return isinstance(value, numbers.Integral) and not isinstance(value, bool) and value >= 1


def _text_and_context(item) -> tuple:
    """One (text, context) pair of nlp.pipe(..., as_tuples=True)."""
    if not isinstance(item, (tuple, list)) or len(item) != 2:
        raise TextError(f"nlp.pipe(as_tuples=True) takes (text, context) pairs, not "
                        f"{type(item).__name__} {str(item)[:40]!r}; pass as_tuples=False for "
                        "plain texts.")
    return item[0], item[1]


def _check_update_arguments(drop, sgd, losses) -> None:
    import numbers
    from collections.abc import MutableMapping

    if isinstance(drop, bool) or not isinstance(drop, numbers.Real) or not 0 <= drop <= 1:
        raise PipelineError(f"update: drop (the dropout rate) must be a number from 0 to 1, "
                            f"not {drop!r}.")
    if sgd not in (None, False) and not callable(sgd):
        raise PipelineError(f"update: sgd must be an optimizer (nlp.initialize() returns one), "
                            f"None or False, not {type(sgd).__name__}.")
    if not isinstance(losses, MutableMapping):
        raise PipelineError(f"update: losses must be a dict (it collects each component's "
                            f"loss), not {type(losses).__name__}.")


def _example_list(examples, method: str) -> list:
    """The examples as a list; one Example, or anything not iterable, is a TypeError."""
    from .training.example import Example

    if isinstance(examples, Example) or not hasattr(examples, "__iter__") \
            or isinstance(examples, (str, bytes, dict)):
        raise ExamplesTypeError(
            f"[E978] {method} takes an iterable of Example objects, got "
            f"{type(examples).__name__}. "
            "Wrap a single Example in a list: [example].")
    return list(examples)


def _validate_examples(examples, method: str) -> None:
    from .training.example import Example

    for eg in examples:
        if not isinstance(eg, Example):
            raise ExamplesTypeError(f"[E978] {method} takes a list of Example objects, got "
                                f"{type(eg).__name__}. Make them with Example(doc, reference) "
                                "or Example.from_dict(doc, annotations).")
