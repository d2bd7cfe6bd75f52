"""The lemmatizer: lemmas from lookup tables ("lookup"), suffix rules with exceptions and an
index of known lemmas ("rule"), or a language's POS-aware tables ("pos_lookup").

A lemma in these modes depends only on the token's text, POS and morph, so it is computed in
Python once per distinct (orth, pos, morph) and every later token gets it from a native
cache: one native pass per Doc, Python only for keys not seen before.
"""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import numpy
import srsly

from ..attrs import MORPH, ORTH, POS
from ..errors import DeserializationError, LexloomWarning, LookupsError, PipelineError
from ..lookups import Lookups, load_lookups
from ..parts_of_speech import IDS as _POS_IDS
from ..registry import register
from ..scorer import Scorer
from ._rule_ops import LemmaCache
from .pipe import Pipe, register_factory

# Modes whose lemma is a function of (text, pos, morph): their results are cached natively.
# the keys rule mode looks lemma_index up by: token.pos_.lower()
_UNIV_POS_NAMES = tuple(name.lower() for name in _POS_IDS if name)
_CACHED_MODES = {"rule": True, "pos_lookup": True, "lookup": False,  # mode -> keyed by pos+morph
                 "pymorphy3": True, "pymorphy2": True, "pymorphy3_lookup": False,
                 "pymorphy2_lookup": False}


class _RuleCache(dict):
    """lemmatizer.cache (spaCy's rule-mode cache): clearing it also empties the native
    cache of lemmas, so rules edited after a run take effect as they do in spaCy."""

    def __init__(self, on_clear: Callable[[], None]) -> None:
        super().__init__()
        self.on_clear = on_clear

    def clear(self) -> None:
        super().clear()
        self.on_clear()


def lemmatizer_score(examples: Iterable, **kwargs) -> dict[str, Any]:
    return Scorer.score_token_attr(examples, "lemma", **kwargs)


@register("scorers", "lexloom.lemmatizer_scorer.v1", "spacy.lemmatizer_scorer.v1")
def make_lemmatizer_scorer() -> Callable:
    return lemmatizer_score


@register("misc", "lexloom.LookupsDataLoader.v1", "spacy.LookupsDataLoader.v1")
def load_lookups_data(lang: str, tables: list[str]) -> Lookups:
    """[initialize.components.lemmatizer.lookups]: tables from spacy-lookups-data."""
    return load_lookups(lang=lang, tables=tables)


def suffix_rule_forms(string: str, rules, index) -> tuple[list[str], list[str]]:
    """The forms a POS's suffix rules ([[old ending, new ending], ...]) make of `string`, in
    rule order: (known forms: in the lemma index, or not alphabetic; the other forms). The
    French, Catalan, Greek and Macedonian rule modes choose among these."""
    known: list[str] = []
    unknown: list[str] = []
    for old, new in rules:
        if string.endswith(old):
            form = string[: len(string) - len(old)] + new
            if form:
                (known if form in index or not form.isalpha() else unknown).append(form)
    return known, unknown


class Lemmatizer(Pipe):
    """Sets token.lemma from lookup tables or rules (spaCy's Lemmatizer)."""

    @classmethod
    def get_lookups_config(cls, mode: str) -> tuple[list[str], list[str]]:
        """(required tables, optional tables) for a mode."""
        if mode == "lookup":
            return (["lemma_lookup"], [])
        if mode == "rule":
            return (["lemma_rules"], ["lemma_exc", "lemma_index"])
        return ([], [])

    def __init__(self, vocab, model: Optional[Any] = None, name: str = "lemmatizer", *,
                 mode: str = "lookup", overwrite: bool = False,
                 scorer: Optional[Callable] = lemmatizer_score) -> None:
        self.vocab = vocab
        self.model = model
        self.name = name
        self._mode = mode
        self.lookups = Lookups()
        self.overwrite = overwrite
        self._validated = False
        if mode == "lookup":
            self.lemmatize = self.lookup_lemmatize
        elif mode == "rule":
            self.lemmatize = self.rule_lemmatize
        else:
            method = getattr(self, f"{mode}_lemmatize", None)
            if method is None:
                raise PipelineError(
                    f"[E1003] Unsupported lemmatizer mode {mode!r} for {type(self).__name__}. Use "
                    "'lookup' or 'rule' (or a mode a language's lemmatizer adds, with a "
                    f"`{mode}_lemmatize` method).")
            self.lemmatize = method
        self.scorer = scorer
        self._reset_cache()
        if hasattr(vocab, "_add_lexeme_cache"):
            # memory zones empty the caches when they release the words (and lemma strings)
            # the entries may name
            vocab._add_lexeme_cache(self)

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def lookups(self) -> Lookups:
        return self._lookups

    @lookups.setter
    def lookups(self, lookups: Lookups) -> None:
        """New tables make the cached lemmas stale."""
        self._lookups = lookups
        if "_mode" in self.__dict__:
            self._reset_cache()

    def __getstate__(self) -> dict:
        """The native lemma cache is a cache: pickle without it, rebuild it on load."""
        state = self.__dict__.copy()
        state["_lemma_cache"] = None
        state["_rule_cache"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._reset_cache()
        if hasattr(self.vocab, "_add_lexeme_cache"):
            self.vocab._add_lexeme_cache(self)

    @property
    def cache(self) -> dict:
        """spaCy's rule-mode cache of lemmas: clearing or replacing it empties the native
        cache too."""
        return self._rule_cache

    @cache.setter
    def cache(self, value: dict) -> None:
        self._reset_native_cache()
        self._rule_cache = _RuleCache(self._reset_native_cache)
        self._rule_cache.update(value)

    def _reset_cache(self) -> None:
        self.cache = {}

    def _reset_native_cache(self) -> None:
        # (an object made without __init__, as a test's reference lemmatizer, has no mode)
        by_pos_morph = _CACHED_MODES.get(self.__dict__.get("_mode"))
        self._lemma_cache = None if by_pos_morph is None else LemmaCache(by_pos_morph)
        self._cached_tables = self._tables_state()

    def _tables_state(self) -> tuple:
        """Which tables, in which version, the cached lemmas were read from."""
        lookups = self.__dict__.get("_lookups")
        return (id(lookups), getattr(lookups, "version", None))

    def _native_cache_for(self, doc):
        """The native cache when it holds what lemmatize would give for this Doc: not for a
        Doc of another vocab (the cached lemma ids' strings are in this one's), nor when
        lemmatize is a user's (it may read context: token.i, dep_), and emptied when a table
        changed since (spaCy reads the tables anew)."""
        if self._lemma_cache is None or doc.vocab is not self.vocab:
            return None
        method = self.lemmatize
        func = getattr(method, "__func__", None)
        if func is None or getattr(method, "__self__", None) is not self or \
                not (getattr(func, "__module__", None) or "").startswith("lexloom."):
            return None
        if self._cached_tables != self._tables_state():
            self._reset_cache()
        return self._lemma_cache

    def _cache_size(self) -> int:
        """Entries in the caches (a memory zone compares this before and after)."""
        native = 0 if self._lemma_cache is None else len(self._lemma_cache)
        return native + len(self.cache)

    def _truncate_cache(self, size: int) -> None:
        """A memory zone is releasing its strings: entries learnt inside it may name a
        transient word or lemma, so the caches start again (permanent keys are relearnt
        once)."""
        if self._cache_size() > size:
            self._reset_cache()

    def __call__(self, doc):
        if not self._validated:
            self._validate_tables(at_call=True)
        try:
            cache = self._native_cache_for(doc)
            if cache is None:
                strings = doc.vocab.strings
                for token in doc:
                    if self.overwrite or token.lemma == 0:
                        lemma = self.lemmatize(token)[0]
                        # transient inside a memory zone: a new word's lemma goes with it
                        token.lemma = strings.add(lemma, allow_transient=True) if lemma else 0
                return doc
            missing = cache.apply(doc, self.overwrite)
            if len(missing):
                self._learn(doc, missing)
                cache.apply(doc, self.overwrite)
            return doc
        except Exception as e:
            self.get_error_handler()(self.name, self, [doc], e)
            return doc

    def _learn(self, doc, missing: numpy.ndarray) -> None:
        """Run the Python rules once for each new key among the tokens at `missing`."""
        cache = self._lemma_cache
        keys = doc.to_array([ORTH, POS, MORPH])[missing]
        if not cache.by_pos_morph:
            keys[:, 1:] = 0
        strings = doc.vocab.strings
        seen = set()
        for i, key in zip(missing.tolist(), map(tuple, keys.tolist())):
            if key in seen:
                continue
            seen.add(key)
            lemma = self.lemmatize(doc[i])[0]
            lemma_id = strings.add(lemma, allow_transient=True) if lemma else 0
            cache.insert(key[0], key[1], key[2], lemma_id)

    def initialize(self, get_examples: Optional[Callable[[], Iterable]] = None, *, nlp=None,
                   lookups: Optional[Lookups] = None) -> None:
        """Take the mode's tables from `lookups` ([initialize.components.<name>.lookups]) or,
        when none are given, from spacy-lookups-data."""
        required, optional = self.get_lookups_config(self.mode)
        if lookups is None:
            lookups = load_lookups(lang=self.vocab.lang, tables=required)
            extra = load_lookups(lang=self.vocab.lang, tables=optional, strict=False)
            for table in extra.tables:
                lookups.set_table(table, extra.get_table(table))
        elif not isinstance(lookups, Lookups):
            raise LookupsError(f"lemmatizer.initialize(lookups=...) takes a lexloom.lookups."
                               f"Lookups, not {type(lookups).__name__}.")
        self.lookups = lookups
        self._reset_cache()
        self._tables_loaded()

    def _tables_loaded(self) -> None:
        """Check the mode's tables, and make the rule mode's lemma index sets now, so the
        first Docs don't pay for them (5 ms for en_core_web_sm's four)."""
        self._validate_tables()
        if self.mode == "rule":
            index_table = self.lookups.get_table("lemma_index", {})
            for univ_pos in _UNIV_POS_NAMES:  # (the table keeps its keys' hashes only)
                if univ_pos in index_table:
                    self._index_set(univ_pos, index_table[univ_pos])

    def _validate_tables(self, *, at_call: bool = False) -> None:
        required, _ = self.get_lookups_config(self.mode)
        missing = [t for t in required if t not in self.lookups]
        if missing:
            when = ("The lemmatizer was called before its tables were loaded: call "
                    "nlp.initialize() first, or load a saved pipeline. " if at_call else "")
            raise LookupsError(
                f"[E1004] {when}Component {self.name!r} (mode {self.mode!r}) is missing the "
                f"lookups table(s) {', '.join(repr(t) for t in missing)} (required: "
                f"{required}; found: {self.lookups.tables}). Provide them in "
                f"[initialize.components.{self.name}.lookups], pass lookups= to initialize(), "
                "install spacy-lookups-data (`pip install spacy-lookups-data`), or choose "
                "another mode.")
        self._validated = True

    def lookup_lemmatize(self, token) -> list[str]:
        """The lemma_lookup entry of the text, or the text itself."""
        table = self.lookups.get_table("lemma_lookup", {})
        result = table.get(token.text, token.text)
        return [result] if isinstance(result, str) else result

    def rule_lemmatize(self, token) -> list[str]:
        """Candidate lemmas from the POS's suffix rules, exceptions first; forms in the index
        (or not alphabetic) before out-of-vocabulary ones; the text when nothing applies."""
        cache_key = (token.orth, token.pos, token.morph.key)
        if cache_key in self.cache:
            return self.cache[cache_key]
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            if univ_pos == "":
                from ..error_codes import Warnings

                warnings.warn(Warnings.W108, LexloomWarning, stacklevel=2)   # spaCy's W108
            return [string.lower()]
        if self.is_base_form(token):
            return [string.lower()]
        index_table = self.lookups.get_table("lemma_index", {})
        exc_table = self.lookups.get_table("lemma_exc", {})
        rules_table = self.lookups.get_table("lemma_rules", {})
        if not any((index_table.get(univ_pos), exc_table.get(univ_pos),
                    rules_table.get(univ_pos))):
            return [string] if univ_pos == "propn" else [string.lower()]
        index = self._index_set(univ_pos, index_table.get(univ_pos, {}))
        exceptions = exc_table.get(univ_pos, {})
        rules = rules_table.get(univ_pos, {})
        orig = string
        string = string.lower()
        forms: list[str] = []
        oov_forms: list[str] = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    continue
                if form in index:
                    forms.insert(0, form)
                elif not form.isalpha():
                    forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))  # unique, in the order the rules gave them
        # Exceptions go first: they outrank every rule.
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(orig)
        self.cache[cache_key] = forms
        return forms

    def _index_set(self, univ_pos: str, index):
        """The lemma index of a POS as a set (the tables store lists of tens of thousands of
        lemmas; membership is all the rules ask), remade when the list object changes."""
        if not isinstance(index, list):
            return index
        memo = self.__dict__.setdefault("_index_sets", {})
        entry = memo.get(univ_pos)
        if entry is None or entry[0] is not index or entry[1] != len(index):
            entry = memo[univ_pos] = (index, len(index), frozenset(index))
        return entry[2]

    def _morph_dict(self, token) -> dict:
        """token.morph.to_dict(), parsed once per distinct analysis."""
        memo = self.__dict__.setdefault("_morph_dicts", {})
        key = token.morph.key
        feats = memo.get(key)
        if feats is None:
            feats = memo[key] = token.morph.to_dict()
        return feats

    def is_base_form(self, token) -> bool:
        """Whether the token is already a lemma (languages override this)."""
        return False

    # ---- serialisation: vocab/ and lookups/lookups.bin, as spaCy ---------------------

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if "vocab" not in exclude:
            self.vocab.to_disk(path / "vocab", exclude=exclude)
        if "lookups" not in exclude:
            self.lookups.to_disk(path / "lookups")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "Lemmatizer":
        path = Path(path)
        if "vocab" not in exclude and (path / "vocab").exists():
            self.vocab.from_disk(path / "vocab", exclude=exclude)
        if "lookups" not in exclude:
            lookups = Lookups().from_disk(path / "lookups")
            self.lookups = lookups
            self._reset_cache()
        self._tables_loaded()
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        msg = {}
        if "vocab" not in exclude:
            msg["vocab"] = self.vocab.to_bytes(exclude=exclude)
        if "lookups" not in exclude:
            msg["lookups"] = self.lookups.to_bytes()
        return srsly.msgpack_dumps(msg)

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> "Lemmatizer":
        try:
            msg = srsly.msgpack_loads(bytes_data)
        except (ValueError, TypeError, srsly.msgpack.exceptions.UnpackException) as e:
            raise DeserializationError(f"Lemmatizer bytes are truncated or not msgpack "
                                       f"({type(e).__name__}: {e}).") from None
        if not isinstance(msg, dict):
            raise DeserializationError("Lemmatizer bytes don't hold a lemmatizer; write them "
                                       "with Lemmatizer.to_bytes.")
        if "vocab" not in exclude and "vocab" in msg:
            self.vocab.from_bytes(msg["vocab"], exclude=exclude)
        if "lookups" not in exclude and "lookups" in msg:
            self.lookups = Lookups().from_bytes(msg["lookups"])
            self._reset_cache()
        self._tables_loaded()
        return self


def make_lemmatizer(nlp, model: Optional[Any], name: str, mode: str, overwrite: bool,
                    scorer: Optional[Callable]) -> Lemmatizer:
    return _lemmatizer_class(nlp.lang)(nlp.vocab, model, name, mode=mode, overwrite=overwrite,
                                       scorer=scorer)


def language_factory(cls: type) -> Callable:
    """A language's `make_lemmatizer` (spaCy's "<code>.lemmatizer" factory function): builds
    `cls` over the pipeline's vocab."""
    def make_lemmatizer(nlp, model: Optional[Any], name: str, mode: str, overwrite: bool,
                        scorer: Optional[Callable]) -> Lemmatizer:
        return cls(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)

    make_lemmatizer.__doc__ = f"spaCy's lemmatizer factory function: a {cls.__name__}."
    return make_lemmatizer


def _register_lemmatizer(name: str, mode: str) -> None:
    register_factory(name, assigns=["token.lemma"],
                     default_config={"model": None, "mode": mode, "overwrite": False,
                                     "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}},
                     default_score_weights={"lemma_acc": 1.0})(make_lemmatizer)


# The shared factory defaults to lookup mode; the languages whose spaCy factory defaults to
# rule mode get their own variant ("<code>.lemmatizer"), which Language prefers.
_register_lemmatizer("lemmatizer", "lookup")
for _code in "bn ca el en es fa fr ht mk nb nl sv".split():
    _register_lemmatizer(f"{_code}.lemmatizer", "rule")
for _code in "it pl".split():  # POS-aware lookup tables
    _register_lemmatizer(f"{_code}.lemmatizer", "pos_lookup")


@register_factory("ga.lemmatizer", assigns=["token.lemma"],
                  default_config={"model": None, "mode": "pos_lookup", "overwrite": False},
                  default_score_weights={"lemma_acc": 1.0})
def make_irish_lemmatizer(nlp, model: Optional[Any], name: str, mode: str,
                          overwrite: bool) -> Lemmatizer:
    """Irish's factory, as spaCy's: no scorer setting (the lemmatizer's own scorer)."""
    return _lemmatizer_class(nlp.lang)(nlp.vocab, model, name, mode=mode, overwrite=overwrite)


for _code in "ru uk".split():  # pymorphy3's analyses
    _register_lemmatizer(f"{_code}.lemmatizer", "pymorphy3")


def _lemmatizer_class(lang: str) -> type:
    """The language's Lemmatizer subclass (lang/<code>/lemmatizer.py), else the base."""
    import importlib

    if not lang.isidentifier():  # a language code names a package under lexloom.lang
        return Lemmatizer
    try:
        module = importlib.import_module(f"lexloom.lang.{lang}.lemmatizer")
    except ModuleNotFoundError as e:
        if e.name != f"lexloom.lang.{lang}.lemmatizer" and e.name != f"lexloom.lang.{lang}":
            raise
        return Lemmatizer
    return getattr(module, "LEMMATIZER", Lemmatizer)
