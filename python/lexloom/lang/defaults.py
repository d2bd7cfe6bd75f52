"""BaseDefaults: the language data a Language subclass reads (spaCy's `Language.Defaults`).

A language module subclasses it and overrides the tables it has: tokenizer exceptions,
prefix/suffix/infix patterns, token and URL matches, lexical attribute getters, stop words,
syntax iterators and its writing system. Whatever a language does not override is the
language-independent default, so every code gets a working tokenizer.
"""
from __future__ import annotations

from typing import Any, Callable, ClassVar, Sequence

from ..tokenizer_split import (
    AffixSplitter,
    compile_infix_regex,
    compile_prefix_regex,
    compile_suffix_regex,
)
from .punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from .tokenizer_exceptions import BASE_EXCEPTIONS, URL_MATCH, Exceptions


class _LanguageConfig:
    """Defaults.config: the config a language adds to the defaults (its own [nlp.tokenizer],
    say), as a confection Config, as spaCy's. Written as text in `config_text` and parsed on
    first access, so language data loads without confection."""

    def __get__(self, obj, owner: type) -> Any:
        cached = owner.__dict__.get("_config_cache")
        if cached is None or cached[0] != owner.config_text:
            from confection import Config

            from ..language import CONFIG_SECTION_ORDER

            config = Config(section_order=CONFIG_SECTION_ORDER)
            if owner.config_text:
                config = config.from_str(owner.config_text, interpolate=False)
            cached = (owner.config_text, config)
            owner._config_cache = cached
        return cached[1]


class AttrGetters(dict):
    """{attribute id: getter}, the keys spaCy's Defaults.lex_attr_getters has (so
    `getters[LIKE_NUM]` and iteration give what spaCy's give); a name ("LIKE_NUM") works as a
    key too."""

    def __init__(self, items=(), **named):
        super().__init__()
        self.update(items, **named)

    @staticmethod
    def _id(key):
        if isinstance(key, str):
            from ..attrs import intify_attr

            return intify_attr(key)   # KeyError for a name that is no attribute
        return key

    def __getitem__(self, key):
        return super().__getitem__(self._id(key))

    def __setitem__(self, key, value):
        super().__setitem__(self._id(key), value)

    def __delitem__(self, key):
        super().__delitem__(self._id(key))

    def __contains__(self, key):
        try:
            return super().__contains__(self._id(key))
        except KeyError:
            return False

    def get(self, key, default=None):
        return self[key] if key in self else default

    def pop(self, key, *default):
        try:
            key = self._id(key)
        except KeyError:
            if default:
                return default[0]
            raise
        return super().pop(key, *default)

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, items=(), **named):
        for key, value in dict(items, **named).items():
            self[key] = value

    def copy(self):
        return AttrGetters(self)

    def __reduce__(self):
        return (AttrGetters, (dict(self),))


class BaseDefaults:
    """Language data defaults; subclass per language and override class attributes.

    config is the language's own config block (a Config; set config_text to change it);
    lex_attr_getters maps attribute ids (LIKE_NUM, as spaCy keys them; a subclass may write
    names, "LIKE_NUM", and either works as a key) to functions of a lexeme's text; stop_words
    is a set of lowercase words (IS_STOP looks up the lowercase text).
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("lex_attr_getters")
        if own is not None and not isinstance(own, AttrGetters):
            cls.lex_attr_getters = AttrGetters(own)
        if "letters_are_atomic" in cls.__dict__ or "simple_affixes_split_off" in cls.__dict__:
            # the tables the claims were checked for, as the class was written
            cls._claimed_tables = _affix_tables(cls)

    config = _LanguageConfig()
    config_text: ClassVar[str] = ""
    tokenizer_exceptions: ClassVar[Exceptions] = BASE_EXCEPTIONS
    prefixes: ClassVar[Sequence[str] | None] = TOKENIZER_PREFIXES
    suffixes: ClassVar[Sequence[str] | None] = TOKENIZER_SUFFIXES
    infixes: ClassVar[Sequence[str] | None] = TOKENIZER_INFIXES
    token_match: ClassVar[Callable | None] = None
    url_match: ClassVar[Callable | None] = URL_MATCH
    syntax_iterators: ClassVar[dict[str, Callable]] = {}
    lex_attr_getters: ClassVar[dict[Any, Callable[[str], Any]]] = {}
    stop_words: ClassVar[set[str]] = set()
    writing_system: ClassVar[dict[str, Any]] = {"direction": "ltr", "has_case": True,
                                                 "has_letters": True}
    # Claims that let the native tokenizer skip the splitter on plain words; a language
    # sets them only where its rules make them true (tests check each claim).
    letters_are_atomic: ClassVar[bool] = False
    simple_affixes_split_off: ClassVar[bool] = False

    @classmethod
    def make_splitter(cls) -> AffixSplitter:
        """The chunk splitter over these tables; regexes compiled once per Defaults class and
        tables (a subclass, or prefixes / suffixes / infixes edited or replaced, compile
        anew, as spaCy reads the tables each time it builds a tokenizer)."""
        tables = _affix_tables(cls)
        cached = cls.__dict__.get("_compiled_affixes")
        if cached is None or cached[0] != tables:
            cls._compiled_affixes = cached = (tables, (
                compile_prefix_regex(cls.prefixes).match if cls.prefixes else None,
                compile_suffix_regex(cls.suffixes).search if cls.suffixes else None,
                compile_infix_regex(cls.infixes).finditer if cls.infixes else None,
            ))
            cls._phrase_template = None
        prefix_search, suffix_search, infix_finditer = cached[1]
        splitter = AffixSplitter(cls.tokenizer_exceptions, prefix_search=prefix_search,
                                 suffix_search=suffix_search, infix_finditer=infix_finditer,
                                 token_match=cls.token_match, url_match=cls.url_match)
        # The special-case phrases are a function of these tables alone: worked out once per
        # class on a private splitter that no tokenizer changes, then copied.
        template = cls.__dict__.get("_phrase_template")
        if template is None:
            template = AffixSplitter(cls.tokenizer_exceptions, prefix_search=prefix_search,
                                     suffix_search=suffix_search,
                                     infix_finditer=infix_finditer,
                                     token_match=cls.token_match, url_match=cls.url_match)
            cls._phrase_template = template
        splitter.adopt_phrases_later(template)
        # the claims hold for the tables they were made for: not for a subclass's own rules
        # or tables edited since (the splitter then decides every chunk)
        claimed = getattr(cls, "_claimed_tables", None) == tables
        splitter.letters_are_atomic = claimed and cls.letters_are_atomic
        splitter.simple_affixes_split_off = claimed and cls.simple_affixes_split_off
        return splitter


def _affix_tables(cls) -> tuple:
    """The prefix, suffix and infix tables as they stand (patterns as text)."""
    return tuple(None if table is None else tuple(str(p) for p in table)
                 for table in (cls.prefixes, cls.suffixes, cls.infixes))


__all__ = ["BaseDefaults"]
