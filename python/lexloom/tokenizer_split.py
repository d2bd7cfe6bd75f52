"""Splitting one whitespace-free chunk into tokens, the way spaCy 3.8's Tokenizer does.

The native tokenizer walks the text, cuts it into chunks at whitespace and caches the
tokens of every distinct chunk. On a cache miss it calls `AffixSplitter.split(chunk)`
once; the answer is a pure function of the chunk, so it is cached for good. This module
is the Python half of that contract: special cases, the prefix/suffix loop, token and URL
matches, infixes, and the special-case phrase pass that spaCy runs afterwards, restricted
to the tokens of one chunk (see `AffixSplitter.split`), with a whole-text slow path
(`AffixSplitter.tokenize`) for the rare texts where that restriction would differ.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from .attrs import IDS
from .errors import Errors, TokenizerError, TokenizerKeyError, TokenizerTypeError
from .symbols import NAMES as _SYMBOL_NAMES
from .tokenizer_native import native_splitter

ORTH = IDS["ORTH"]
NORM = IDS["NORM"]

Piece = tuple[str, "str | None"]  # (orth, token-level norm override or None)
SearchFn = Callable[[str], "re.Match[str] | None"]
FinditerFn = Callable[[str], Iterable["re.Match[str]"]]

# Old exception-table keys, handled as spaCy's intify_attrs(_do_deprecated=True) does.
_RENAMED_KEYS = {"F": "ORTH", "L": "LEMMA", "pos": "TAG"}
# Held while the special cases or their phrase tables change (rare: loading, add_special_case,
# the first use after one): a thread tokenizing meanwhile must not see them half updated. One
# for all splitters, so a splitter stays copyable and picklable.
_RULES_LOCK = threading.RLock()
_DROPPED_KEYS = ("morph", "number", "tenspect")
_MORPH_KEYS = (
    "PunctType", "PunctSide", "Other", "Degree", "AdvType", "Number", "VerbForm", "PronType",
    "Aspect", "Tense", "PartType", "Poss", "Hyph", "ConjType", "NumType", "Foreign",
    "VerbType", "NounType", "Gender", "Mood", "Negative", "Voice", "Abbr", "Derivation",
    "Echo", "NameType", "NumForm", "NumValue", "Polite", "StyleVariant", "AdjType", "Person",
    "Variant", "AdpType", "Reflex", "Case", "Polarity", "PrepCase", "Animacy",
)
_MORPH_VARIANTS = frozenset(v for key in _MORPH_KEYS for v in (key, key.lower(), key.upper()))


def compile_prefix_regex(entries: Iterable[str | re.Pattern[str]]) -> re.Pattern[str]:
    """One regex for all prefix rules, each anchored at the start of the string.

    Use `.match` or `.search` of the result as `prefix_search`: every branch is anchored, so
    both find the same prefix (the first rule, in list order, that matches)."""
    return re.compile("|".join("^" + _source(e) for e in entries if _source(e).strip()))


def compile_suffix_regex(entries: Iterable[str | re.Pattern[str]]) -> re.Pattern[str]:
    """One regex for all suffix rules, each anchored at the end; use `.search`. The match
    that starts earliest wins, so the longest matching suffix is split off."""
    return re.compile("|".join(_source(e) + "$" for e in entries if _source(e).strip()))


def compile_infix_regex(entries: Iterable[str | re.Pattern[str]]) -> re.Pattern[str]:
    """One regex for all infix rules; use `.finditer`."""
    return re.compile("|".join(_source(e) for e in entries if _source(e).strip()))


def _source(entry: str | re.Pattern[str]) -> str:
    return entry.pattern if isinstance(entry, re.Pattern) else entry


def iter_chunks(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, space_after) of each chunk, walking whitespace as spaCy does.

    Chunks alternate between runs of non-space and runs of whitespace. A single " " right
    after a non-space run is not a chunk: it becomes that chunk's trailing-space flag.
    Every other whitespace run (a newline, two spaces, a leading space) is a chunk and
    becomes a token of its own.
    """
    n = len(text)
    if n == 0:
        return
    start = 0
    in_ws = text[0].isspace()
    for i, ch in enumerate(text):
        if ch.isspace() != in_ws:
            if start < i:
                if ch == " ":
                    yield start, i, True
                    start = i + 1
                else:
                    yield start, i, False
                    start = i
            else:
                start = i + 1 if ch == " " else i
            in_ws = not in_ws
    if start < n:
        yield start, n, False


class AffixSplitter:
    """spaCy's per-chunk tokenization algorithm over rule tables and regex callables.

    rules: special cases, string -> token dicts keyed by ORTH/NORM (attribute ids 65/67
        or the names "ORTH"/"NORM"); the ORTH pieces must join to the string.
    prefix_search / suffix_search: like `re.compile(...).search`, finding an affix at the
        start / end; infix_finditer: like `.finditer`, finding separators inside; token_match
        and url_match: like `.match`, keeping a whole string as one token.
    faster_heuristics: as in spaCy, only special cases that contain an affix, an infix or a
        space take part in the phrase pass; False makes every special case take part.

    The splitter holds no cache of its own. The caller caches `split` results per chunk
    and must drop that cache after `add_special_case`.
    """

    def __init__(
        self,
        rules: Mapping[str, Sequence[Mapping[Any, str]]] | None = None,
        prefix_search: SearchFn | None = None,
        suffix_search: SearchFn | None = None,
        infix_finditer: FinditerFn | None = None,
        token_match: SearchFn | None = None,
        url_match: SearchFn | None = None,
        faster_heuristics: bool = True,
    ) -> None:
        self._prefix_search = prefix_search
        self._suffix_search = suffix_search
        self._infix_finditer = infix_finditer
        self._token_match = token_match
        self._url_match = url_match
        self._faster_heuristics = bool(faster_heuristics)
        self._rules: dict[str, list[Mapping[Any, str]]] = {}
        self._specials: dict[str, tuple[Piece, ...]] = {}
        # Phrase pass: each pattern is the tokenization the special case's string gets
        # *without* special cases; indexed by its first token for a quick scan. Patterns are
        # computed on first use (`_pending` keeps the strings still to do, in order): a
        # pipeline that loads its own rules never runs, or compiles, the default ones.
        self._phrase_map: dict[str, tuple[str, ...]] = {}
        self._phrase_index_map: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._pending: dict[str, None] = {}
        self._bigrams: frozenset[tuple[str, str]] | None = None
        # a splitter with the same rules whose phrases these will be, taken on first use
        # (adopt_phrases_later)
        self._phrase_source: AffixSplitter | None = None
        # True once the phrase tables (and the native splitter's copy) hold every special
        # case; set last, under the rules lock, and read without it by tokenizing threads
        self._phrases_current = True
        self._load(rules)

    # --- rules ---------------------------------------------------------------------------
    # Changing any rule recomputes the phrase patterns, as spaCy does; the caller drops its
    # chunk cache.

    def _load(self, rules: Mapping[str, Sequence[Mapping[Any, str]]] | None) -> None:
        """(Re)build every table from the rules and the current rule callables, aside on a
        copy and swapped in with one dict update (atomic under the GIL): a thread that
        tokenizes meanwhile sees the old tables or the new ones, never half of them."""
        with _RULES_LOCK:
            fresh = object.__new__(type(self))
            fresh.__dict__.update(self.__dict__)
            fresh._fill(rules)
            self.__dict__.update(fresh.__dict__)

    def _fill(self, rules: Mapping[str, Sequence[Mapping[Any, str]]] | None) -> None:
        self._memo: dict[str, list[Piece]] = {}
        # first chunk -> whether the phrase pass replaces a span at its first token
        self._respecialled: dict[str, bool] = {}
        # (token_match, its answers for strings the native split asked about: _says_no)
        self._token_match_said: tuple[Any, dict[str, bool]] = (self._token_match, {})
        # The same loop natively, where every rule compiles to the native matcher.
        self._native = native_splitter({
            "prefix_search": self._prefix_search, "suffix_search": self._suffix_search,
            "infix_finditer": self._infix_finditer, "token_match": self._token_match,
            "url_match": self._url_match})
        self._rules, self._specials = {}, {}
        self._phrase_map, self._phrase_index_map, self._bigrams = {}, {}, None
        self._pending, self._phrase_source = {}, None
        self._lexeme_order: list[str] | None = None
        self._in_phrases: set[str] = set()   # the special cases in the phrase pass
        self._phrases_current = True
        if rules is not None:  # (spaCy calls .items(): a list of pairs is an AttributeError)
            for string, substrings in sorted(rules.items()):
                self.add_special_case(string, substrings)

    def _reload(self) -> None:
        with _RULES_LOCK:  # the snapshot too: a special case added meanwhile is kept
            self._load(dict(self._rules))

    @property
    def rules(self) -> dict[str, list[Mapping[Any, str]]]:
        """The special cases, as given: the dict itself, as spaCy's. Changing it in place
        doesn't change how text is split until the rules are reloaded (setting any rule),
        but to_bytes saves what it holds."""
        return self._rules

    @rules.setter
    def rules(self, rules: Mapping[str, Sequence[Mapping[Any, str]]] | None) -> None:
        self._load(rules)

    @property
    def prefix_search(self) -> SearchFn | None:
        return self._prefix_search

    @prefix_search.setter
    def prefix_search(self, fn: SearchFn | None) -> None:
        self._prefix_search = fn
        self._reload()

    @property
    def suffix_search(self) -> SearchFn | None:
        return self._suffix_search

    @suffix_search.setter
    def suffix_search(self, fn: SearchFn | None) -> None:
        self._suffix_search = fn
        self._reload()

    @property
    def infix_finditer(self) -> FinditerFn | None:
        return self._infix_finditer

    @infix_finditer.setter
    def infix_finditer(self, fn: FinditerFn | None) -> None:
        self._infix_finditer = fn
        self._reload()

    @property
    def token_match(self) -> SearchFn | None:
        return self._token_match

    @token_match.setter
    def token_match(self, fn: SearchFn | None) -> None:
        self._token_match = fn
        self._reload()

    @property
    def url_match(self) -> SearchFn | None:
        return self._url_match

    @url_match.setter
    def url_match(self, fn: SearchFn | None) -> None:
        self._url_match = fn
        self._reload()

    @property
    def faster_heuristics(self) -> bool:
        return self._faster_heuristics

    @faster_heuristics.setter
    def faster_heuristics(self, value: bool) -> None:
        self._faster_heuristics = bool(value)
        self._reload()

    @property
    def specials(self) -> Mapping[str, tuple[Piece, ...]]:
        """The special cases as (orth, norm-or-None) pieces, keyed by string."""
        return self._specials

    def add_special_case(self, string: str, substrings: Iterable[Mapping[Any, str]]) -> None:
        """Tokenize `string` as the given pieces wherever it occurs as a chunk or as what is
        left of a chunk after affixes are split off. Only ORTH and NORM may be set, and the
        ORTH values must spell `string` exactly (spaCy's checks, in spaCy's order: a token
        without ORTH, then E997, then E1005)."""
        with _RULES_LOCK:
            self._add_special_case(string, substrings)

    def _add_special_case(self, string: str, substrings: Iterable[Mapping[Any, str]]) -> None:
        self._take_phrase_source()
        self._memo = {}
        self._lexeme_order = None
        self._respecialled = {}
        if not isinstance(string, str):
            raise TokenizerTypeError(f"A special case is keyed by a str, not {string!r}.")
        specs = [_token_attrs(string, spec) for spec in substrings]
        pieces = _check_special_case(string, specs)
        kept_specs = [kept for kept, _ in specs]
        if not string:
            # spaCy keeps it among the rules; no chunk is ever empty, so it never applies
            self._rules[string] = kept_specs
            return
        if any(not orth for orth, _ in pieces):
            raise TokenizerError(f"[E031] The special case for {string!r} has an empty ORTH "
                                 f"piece ({[p[0] for p in pieces]!r}); every token needs at "
                                 "least one character.")
        self._rules[string] = kept_specs
        self._specials[string] = pieces
        if self._native is not None:
            self._native.add_special(string, [len(orth) for orth, _ in pieces])
        if self._in_phrase_pass(string):
            self._in_phrases.add(string)
            self._phrases_current = False
            self._pending.pop(string, None)
            self._pending[string] = None
            self._bigrams = None
        else:
            self._in_phrases.discard(string)
            self._pending.pop(string, None)
            if string in self._phrase_map:
                self._drop_phrase(string)
                self._sync_native_phrases()

    def _in_phrase_pass(self, string: str) -> bool:
        """Whether the special case `string` takes part in the phrase pass (spaCy's test)."""
        return bool(not self._faster_heuristics or self._find_prefix(string)
                    or self._find_infix(string) or self._find_suffix(string) or " " in string)

    def special_case_lexemes(self) -> list[str]:
        """The strings spaCy's Tokenizer makes lexemes of while it loads these special
        cases, in its order (`special_case_lexemes_of` for each case, cases sorted as spaCy
        loads them). A tokenizer puts them in its vocab on every change of rules, so the vocab
        holds what spaCy's holds, in spaCy's order (`len(vocab)`, `for lex in vocab`, the
        random words of pretraining's masked-language objective)."""
        if self._lexeme_order is None:
            source = self._phrase_source   # same rules and callables: the same strings
            self._lexeme_order = (list(source.special_case_lexemes()) if source is not None
                                  else [text for string in sorted(self._specials)
                                        for text in self.special_case_lexemes_of(string)])
        return self._lexeme_order

    def special_case_norms(self, string: str | None = None) -> list[str]:
        """The NORM strings of the special cases (all, or the case `string`), which spaCy's
        tokenizer puts in the StringStore as it loads them (a blank English pipeline's
        strings hold "Alabama" and "going" before any text is seen)."""
        strings = sorted(self._specials) if string is None else [string]
        return [norm for case in strings for _orth, norm in self._specials.get(case, ())
                if norm]

    def special_case_lexemes_of(self, string: str) -> list[str]:
        """What spaCy's add_special_case makes lexemes of: the case's pieces, then, for a
        case in the phrase pass, the tokens of `string` split without special cases (each
        chunk's prefixes and suffixes in the order they are stripped, then its middle) and
        `string` itself (the key of its phrase-matcher pattern)."""
        pieces = self._specials.get(string)
        if pieces is None:
            return []
        made = [orth for orth, _ in pieces]
        if string in self._in_phrases:
            for start, end, _ in iter_chunks(string):
                made.extend(self._split_chunk_ordered(string[start:end], False)[1])
            made.append(string)
        return made

    @property
    def _phrase_of(self) -> dict[str, tuple[str, ...]]:
        self._add_pending_phrases()
        return self._phrase_map

    @property
    def _phrase_index(self) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        self._add_pending_phrases()
        return self._phrase_index_map

    def _add_pending_phrases(self) -> None:
        if self._phrases_current:
            return
        with _RULES_LOCK:
            if self._phrases_current:   # another thread did it meanwhile
                return
            self._take_phrase_source()
            while self._pending:
                string = next(iter(self._pending))
                del self._pending[string]
                self._add_phrase(string)
            self._sync_native_phrases()
            self._phrases_current = True

    def adopt_phrases_later(self, other: AffixSplitter) -> None:
        """Take the special-case phrases from `other`, which must have the same rules and
        rule callables (so they would come out the same), instead of working them out; when
        they are first needed (or a special case is added): a tokenizer that is given other
        rules first (a pipeline loading its own tokenizer file) never works out, or
        compiles, the default ones."""
        with _RULES_LOCK:
            self._phrases_current = False
            self._phrase_source = other

    def _take_phrase_source(self) -> None:
        if self._phrase_source is not None:
            source, self._phrase_source = self._phrase_source, None
            self._adopt_phrases(source)

    def _adopt_phrases(self, other: AffixSplitter) -> None:
        other._add_pending_phrases()
        self._phrase_map = dict(other._phrase_map)
        self._phrase_index_map = {first: list(bucket)
                                  for first, bucket in other._phrase_index_map.items()}
        self._pending = {}
        self._sync_native_phrases()
        self._bigrams = other.phrase_bigrams

    def _sync_native_phrases(self) -> None:
        if self._native is not None:
            self._native.set_phrases([entry for bucket in self._phrase_index_map.values()
                                      for entry in bucket])

    @property
    def native(self) -> Any:
        """The native splitter (lexloom.affix_rules.NativeSplitter) over these rules, or
        None where a rule must stay on Python's re. Its phrase data is current once
        `phrase_bigrams` has been read."""
        return self._native

    def _add_phrase(self, string: str) -> None:
        self._drop_phrase(string)
        pattern = tuple(orth for orth, _ in self._tokenize_text(string, with_specials=False))
        if not pattern:
            return
        self._phrase_map[string] = pattern
        self._phrase_index_map.setdefault(pattern[0], []).append((pattern, string))

    def _drop_phrase(self, string: str) -> None:
        self._bigrams = None
        pattern = self._phrase_map.pop(string, None)
        if pattern:
            bucket = self._phrase_index_map[pattern[0]]
            bucket[:] = [entry for entry in bucket if entry[1] != string]
            if not bucket:
                del self._phrase_index_map[pattern[0]]

    # --- the affix rules -----------------------------------------------------------------

    def _find_prefix(self, string: str) -> int:
        if self._prefix_search is None:
            return 0
        return _affix_length(self._prefix_search(string), string, "prefix_search")

    def _find_suffix(self, string: str) -> int:
        if self._suffix_search is None:
            return 0
        return _affix_length(self._suffix_search(string), string, "suffix_search")

    def _find_infix(self, string: str) -> list[re.Match[str]]:
        if self._infix_finditer is None:
            return []
        return list(self._infix_finditer(string))

    # --- splitting -----------------------------------------------------------------------

    def split(self, chunk: str) -> list[Piece]:
        """Tokens of one chunk: (orth, norm override or None), orths joining to `chunk`.

        Deterministic in `chunk` alone. spaCy's final special-case phrase pass runs over
        the whole Doc; here it runs over this chunk's tokens, which is exact unless a
        phrase match crosses a chunk boundary. The caller detects that rare case with
        `phrase_bigrams` and then tokenizes the whole text with `tokenize`.
        """
        index = self._phrase_index  # (brings the native copy of the phrases up to date)
        if self._native is not None:
            answer = self._native.split(chunk, True, True)
            if answer is not None and not answer[1] and self._says_no(chunk, answer[2]):
                return self._native_pieces(chunk, answer[0])
        special = self._specials.get(chunk)
        tokens = list(special) if special is not None else self._split_chunk(chunk, True)
        if index:
            tokens = self._phrase_pass(tokens)
        return tokens

    def _native_pieces(self, chunk: str, spans: list[tuple[int, int, int, int]]) -> list[Piece]:
        names = self._native.special_strings
        return [(chunk[start:end], None) if special < 0 else self._specials[names[special]][sub]
                for start, end, special, sub in spans]

    def _split_chunk(self, string: str, with_specials: bool) -> list[Piece]:
        if self._native is not None:
            answer = self._native.split(string, with_specials, False)
            # None: a matcher gave up; re decides below
            if answer is not None and self._says_no(string, answer[2]):
                return self._native_pieces(string, answer[0])
        return self._split_chunk_re(string, with_specials)

    def _says_no(self, chunk: str, asks: list[tuple[int, int]]) -> bool:
        """Whether a token_match left to Python (French's, under a native guard) matches
        none of the strings of `chunk` that the native split asked about: then that split
        is the one the Python loop makes, which asks the same questions in the same places.
        Answers are remembered per string (such a token_match is a compiled regex's match:
        the same string gets the same answer; "l'homme" is asked inside "l'homme," too)."""
        token_match = self._token_match
        if token_match is None or not asks:
            return True
        asked_of, said = self._token_match_said
        if asked_of is not token_match:   # the rules are being changed by another thread
            return not any(token_match(chunk[b:e]) for b, e in asks)
        if len(said) > 100_000:   # bounded: a stream of new words must not grow it forever
            said.clear()
        for b, e in asks:
            string = chunk[b:e]
            answer = said.get(string)
            if answer is None:
                answer = said[string] = bool(token_match(string))
            if answer:
                return False
        return True

    def _split_chunk_re(self, string: str, with_specials: bool) -> list[Piece]:
        """`_split_chunk` with the rule callables (Python's re)."""
        return self._split_chunk_ordered(string, with_specials)[0]

    def _split_chunk_ordered(self, string: str, with_specials: bool
                             ) -> tuple[list[Piece], list[str]]:
        """(tokens, the token strings in the order spaCy's tokenizer looks them up in the
        vocab: affixes as they are stripped, a prefix before the suffix of the same round,
        then the middle's tokens)."""
        specials: Mapping[str, tuple[Piece, ...]] = self._specials if with_specials else {}
        token_match = self._token_match
        prefixes: list[str] = []
        suffixes: list[str] = []
        stripped: list[str] = []
        last_size = 0
        # Strip affixes from both ends until none is left, stopping early when what is
        # left (or what is left after this round's prefix or suffix) is a special case.
        while string and len(string) != last_size:
            if token_match is not None and token_match(string):
                break
            if string in specials:
                break
            last_size = len(string)
            pre_len = self._find_prefix(string)
            if pre_len:
                prefix = string[:pre_len]
                minus_pre = string[pre_len:]
                if minus_pre and minus_pre in specials:
                    string = minus_pre
                    prefixes.append(prefix)
                    stripped.append(prefix)
                    break
            suf_len = self._find_suffix(string[pre_len:] if pre_len else string)
            if suf_len:
                suffix = string[-suf_len:]
                minus_suf = string[:-suf_len]
                if minus_suf and minus_suf in specials:
                    string = minus_suf
                    suffixes.append(suffix)
                    stripped.append(suffix)
                    break
            if pre_len and suf_len and pre_len + suf_len <= len(string):
                string = string[pre_len:-suf_len]
                prefixes.append(prefix)
                suffixes.append(suffix)
                stripped += (prefix, suffix)
            elif pre_len:
                string = minus_pre
                prefixes.append(prefix)
                stripped.append(prefix)
            elif suf_len:
                string = minus_suf
                suffixes.append(suffix)
                stripped.append(suffix)
        tokens: list[Piece] = [(p, None) for p in prefixes]
        if string:
            special = specials.get(string)
            if special is not None:
                tokens.extend(special)
            elif ((token_match is not None and token_match(string))
                  or (self._url_match is not None and self._url_match(string))):
                tokens.append((string, None))
            else:
                tokens.extend((s, None) for s in _infix_pieces(string, self._find_infix(string)))
        stripped.extend(orth for orth, _ in tokens[len(prefixes):])
        tokens.extend((s, None) for s in reversed(suffixes))
        return tokens, stripped

    def _tokenize_text(self, text: str, with_specials: bool) -> list[Piece]:
        """Tokens of a whole text, whitespace handled as the native driver does."""
        out: list[Piece] = []
        for start, end, _ in iter_chunks(text):
            chunk = text[start:end]
            special = self._specials.get(chunk) if with_specials else None
            out.extend(special if special is not None
                       else self._split_chunk(chunk, with_specials))
        return out

    def _find_phrases(self, orths: Sequence[str]) -> list[tuple[int, int, str]]:
        """Every occurrence of every phrase pattern, overlapping ones included."""
        index = self._phrase_index
        matches: list[tuple[int, int, str]] = []
        for i, orth in enumerate(orths):
            for pattern, string in index.get(orth, ()):
                end = i + len(pattern)
                if end <= len(orths) and tuple(orths[i:end]) == pattern:
                    matches.append((i, end, string))
        return matches

    @staticmethod
    def _filter_phrases(matches: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Longest first, then leftmost; a span is kept if its first and last tokens are
        free, and every span claims its tokens whether kept or not (as spaCy filters)."""
        matches.sort(key=lambda m: (m[0] - m[1], m[0]))
        claimed: set[int] = set()
        kept: list[tuple[int, int, str]] = []
        for start, end, string in matches:
            if start not in claimed and end - 1 not in claimed:
                kept.append((start, end, string))
            claimed.update(range(start, end))
        kept.sort()
        return kept

    def _phrase_pass(self, tokens: list[Piece]) -> list[Piece]:
        """Replace runs of one chunk's tokens that spell a special case (as its
        no-special-case tokenization) by the special case's tokens, e.g. "lol:)" -> "lol",
        ":)". As spaCy, the special case is the one of the matched text: a pattern shared by
        cases that differ by whitespace ("Ee.Uu.", "Ee. Uu.") matches in a chunk, which has
        none, only the one without; a text that is no special case keeps its tokens."""
        matches = self._find_phrases([orth for orth, _ in tokens])
        if not matches:
            return tokens
        out: list[Piece] = []
        i = 0
        for start, end, _string in self._filter_phrases(matches):
            out.extend(tokens[i:start])
            special = self._specials.get("".join(orth for orth, _ in tokens[start:end]))
            out.extend(special if special is not None else tokens[start:end])
            i = end
        out.extend(tokens[i:])
        return out

    # --- whole texts ---------------------------------------------------------------------

    @property
    def phrase_bigrams(self) -> frozenset[tuple[str, str]]:
        """Token pairs that may let a special-case phrase match cross a chunk boundary.

        If, at every chunk boundary of a text, the pair (last token of the chunk before,
        first token of the chunk after) is not in this set, the per-chunk `split` results
        are exactly spaCy's for the whole text. Otherwise a phrase match may span the
        boundary, where it either blocks an overlapping match inside a chunk or applies a
        special case that contains whitespace; `tokenize(text)` then gives the exact
        answer. The set is built for the tokens `split` returns (after its own phrase
        pass), so it errs only on the side of taking the slow path.
        """
        bigrams = self._bigrams
        if bigrams is None or not self._phrases_current:
            with _RULES_LOCK:
                self._add_pending_phrases()
                bigrams = self._bigrams
                if bigrams is None:
                    bigrams = self._bigrams = self._boundary_pairs()
        return bigrams

    def _boundary_pairs(self) -> frozenset[tuple[str, str]]:
        pairs = {(p[k], p[k + 1]) for p in self._phrase_of.values() for k in range(len(p) - 1)}
        # A phrase replaced at a chunk's edge shows its special-case pieces instead.
        as_last: dict[str, set[str]] = {}
        as_first: dict[str, set[str]] = {}
        for string, pattern in self._phrase_of.items():
            pieces = self._specials[string]
            as_last.setdefault(pattern[-1], set()).add(pieces[-1][0])
            as_first.setdefault(pattern[0], set()).add(pieces[0][0])
        out = set(pairs)
        for a, b in pairs:
            for a2 in as_last.get(a, set()) | {a}:
                for b2 in as_first.get(b, set()) | {b}:
                    out.add((a2, b2))
        return frozenset(out)

    def tokenize(self, text: str) -> list[tuple[str, str | None, bool]]:
        """(orth, norm override or None, space after) for a whole text, exactly as spaCy:
        per-chunk splitting, then the special-case phrase pass over all tokens at once.
        The slow path for texts that `phrase_bigrams` flags; `split` serves the rest."""
        tokens, spaces = self._first_pass(text)
        matches = self._find_phrases([orth for orth, _ in tokens]) if self._phrase_index else []
        if not matches:
            return [(orth, norm, space) for (orth, norm), space in zip(tokens, spaces)]
        out: list[tuple[str, str | None, bool]] = []
        i = 0
        for start, end, string in self._filter_phrases(matches):
            out.extend((o, n, sp) for (o, n), sp in zip(tokens[i:start], spaces[i:start]))
            special = self._specials.get(self._span_text(tokens, spaces, start, end))
            if special is None:  # matched across whitespace: tokens stay as they are
                out.extend((o, n, sp) for (o, n), sp in zip(tokens[start:end],
                                                            spaces[start:end]))
            else:
                out.extend((o, n, False) for o, n in special)
                out[-1] = (out[-1][0], out[-1][1], spaces[end - 1])
            i = end
        out.extend((o, n, sp) for (o, n), sp in zip(tokens[i:], spaces[i:]))
        return out

    def _first_pass(self, text: str, window: int | None = None) -> tuple[list[Piece], list[bool]]:
        """spaCy's pass before the phrase pass: each chunk's special case or affix split,
        with the space after each token; stops after the chunk that fills `window` tokens."""
        tokens: list[Piece] = []
        spaces: list[bool] = []
        memo = self._memo
        if len(memo) > 200_000:  # bounded: a long stream of new words must not grow it forever
            memo.clear()
        for start, end, space in iter_chunks(text):
            chunk = text[start:end]
            pieces = memo.get(chunk)
            if pieces is None:
                special = self._specials.get(chunk)
                pieces = list(special) if special is not None else self._split_chunk(chunk, True)
                memo[chunk] = pieces
            tokens.extend(pieces)
            spaces.extend([False] * (len(pieces) - 1) + [space])
            if window is not None and len(tokens) >= window:
                break
        return tokens, spaces

    @staticmethod
    def _span_text(tokens: list[Piece], spaces: list[bool], start: int, end: int) -> str:
        """The text of tokens[start:end], with the spaces between them."""
        return "".join(tokens[j][0] + (" " if spaces[j] else "")
                       for j in range(start, end - 1)) + tokens[end - 1][0]

    # --- the first token's sentence start ------------------------------------------------

    @property
    def phrase_special_tokens(self) -> frozenset[tuple[str, ...]]:
        """The tokens of every special case the phrase pass can put in: a Doc that starts
        with none of these had no phrase replaced at its start."""
        with _RULES_LOCK:
            self._add_pending_phrases()
            return frozenset(tuple(orth for orth, _ in self._specials[string])
                             for string in self._phrase_map if self._specials.get(string))

    def first_token_respecialled(self, text: str, first_chunk_only: bool = False) -> bool:
        """Whether spaCy's special-case phrase pass replaces a span at the text's first token.
        spaCy copies a special case's stored tokens over such a span, so that Doc's first
        token has no sentence start set (is_sent_start None, not True) until a parser,
        senter or sentencizer sets one: "It's ok", "He's", " ", "—" in English.

        Exact with a window of tokens: a match at 0 is kept unless a longer one overlaps
        it, and any match overlapping it starts within the longest phrase. With
        first_chunk_only (a text no phrase match crosses a chunk boundary of, as
        `phrase_bigrams` tells), the first chunk's tokens are the window."""
        index = self._phrase_index
        if not index:
            return False
        if first_chunk_only:
            chunk = next((text[start:end] for start, end, _ in iter_chunks(text)), "")
            answer = self._respecialled.get(chunk)
            if answer is None:
                if len(self._respecialled) > 100_000:   # bounded, as the chunk memo
                    self._respecialled = {}
                answer = self._respecialled[chunk] = self._respecialled_at_start(chunk, 1)
            return answer
        window = 2 * max(len(pattern) for pattern in self._phrase_map.values()) + 1
        return self._respecialled_at_start(text, window)

    def _respecialled_at_start(self, text: str, window: int) -> bool:
        tokens, spaces = self._first_pass(text, window)
        kept = self._filter_phrases(self._find_phrases([orth for orth, _ in tokens]))
        if not kept or kept[0][0] != 0:
            return False
        return self._specials.get(self._span_text(tokens, spaces, 0, kept[0][1])) is not None

    # --- debugging -----------------------------------------------------------------------

    def explain(self, text: str, first_pass: list[str] | None = None
                ) -> list[tuple[str, str]]:
        """(rule, token text) for each non-whitespace token of `text`, with the labels and
        quirks of spaCy's `Tokenizer.explain` (which walks affixes slightly differently
        from the tokenizer itself, and says "SPECIAL-n" for the n-th piece of a rule).
        `first_pass`, if given, receives the token texts before the special-case phrase
        pass (spaCy makes a Doc, and so lexemes, of them)."""
        never = re.compile("a^")
        prefix_search = self.prefix_search or never.search
        suffix_search = self.suffix_search or never.search
        infix_finditer = self.infix_finditer or never.finditer
        token_match = self.token_match or never.match
        url_match = self.url_match or never.match
        specials = self._specials

        def special_tokens(string: str) -> list[tuple[str, str]]:
            return [(f"SPECIAL-{i + 1}", orth) for i, (orth, _) in enumerate(specials[string])]

        tokens: list[tuple[str, str]] = []
        for substring in text.split():
            suffixes: list[tuple[str, str]] = []
            while substring:
                if substring in specials:
                    tokens.extend(special_tokens(substring))
                    substring = ""
                    continue
                while prefix_search(substring) or suffix_search(substring):
                    if token_match(substring):
                        tokens.append(("TOKEN_MATCH", substring))
                        substring = ""
                        break
                    if substring in specials:
                        tokens.extend(special_tokens(substring))
                        substring = ""
                        break
                    match = prefix_search(substring)
                    if match:
                        split = match.end()
                        if split == 0:
                            break
                        tokens.append(("PREFIX", substring[:split]))
                        substring = substring[split:]
                        if substring in specials:
                            continue
                    match = suffix_search(substring)
                    if match:
                        split = match.start()
                        if split == len(substring):
                            break
                        suffixes.append(("SUFFIX", substring[split:]))
                        substring = substring[:split]
                if not substring:
                    continue
                if token_match(substring):
                    tokens.append(("TOKEN_MATCH", substring))
                elif url_match(substring):
                    tokens.append(("URL_MATCH", substring))
                elif substring in specials:
                    tokens.extend(special_tokens(substring))
                else:
                    infixes = list(infix_finditer(substring))
                    if infixes:
                        offset = 0
                        for match in infixes:
                            if offset == 0 and match.start() == 0:
                                continue
                            if substring[offset:match.start()]:
                                tokens.append(("TOKEN", substring[offset:match.start()]))
                            if substring[match.start():match.end()]:
                                tokens.append(("INFIX", substring[match.start():match.end()]))
                            offset = match.end()
                        if substring[offset:]:
                            tokens.append(("TOKEN", substring[offset:]))
                    else:
                        tokens.append(("TOKEN", substring))
                substring = ""
            tokens.extend(reversed(suffixes))
        explained = self._explain_phrase_pass(text, tokens)
        if first_pass is not None:
            first_pass.extend(word for _, word in tokens if not word.isspace())
        return explained

    def _explain_phrase_pass(self, text: str,
                             tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The phrase pass of `explain`: over the whole text, keeping only matches whose
        text (with the original spacing) spells the special case."""
        if "".join("".join(word for _, word in tokens).split()) != "".join(text.split()):
            # custom infix matches that overlap: the tokens don't spell the text (spaCy's
            # explain fails here too, E194)
            from .errors import AlignmentError
            raise AlignmentError(Errors.E194.format(text=text, words=[w for _, w in tokens]))
        if not self._phrase_index or not tokens:
            return tokens
        words = [word for _, word in tokens]
        # Is there a single " " right after each word? (Words follow each other in text.)
        spaces: list[bool] = []
        pos = 0
        for word in words:
            pos = text.index(word, pos) + len(word)
            spaces.append(pos < len(text) and text[pos] == " ")
        matches = self._find_phrases(words)
        # util.filter_spans: longest first, then leftmost; only kept spans claim tokens.
        matches.sort(key=lambda m: (m[0] - m[1], m[0]))
        claimed: set[int] = set()
        by_start: dict[int, tuple[int, str]] = {}
        for start, end, string in matches:
            if start not in claimed and end - 1 not in claimed:
                by_start[start] = (end, string)
                claimed.update(range(start, end))
        out: list[tuple[str, str]] = []
        i = 0
        while i < len(tokens):
            if i in by_start:
                end, string = by_start[i]
                span_text = "".join(words[j] + (" " if spaces[j] else "")
                                    for j in range(i, end - 1)) + words[end - 1]
                # the case whose text this is, of those sharing the pattern ("Ee.Uu." and
                # "Ee. Uu."), whichever the filter kept
                if span_text == string or span_text in self._phrase_map:
                    out.extend((f"SPECIAL-{k + 1}", orth)
                               for k, (orth, _) in enumerate(self._specials[span_text]))
                    i = end
                    continue
            out.append(tokens[i])
            i += 1
        return out


def _affix_length(match, string: str, rule: str) -> int:
    """The length of the affix a prefix_search / suffix_search match covers; a match a
    custom callback made with its end before its start is refused (spaCy: E031)."""
    if match is None:
        return 0
    length = match.end() - match.start()
    if length < 0 or length > len(string):
        raise TokenizerError(f"[E031] {rule} matched {string!r} from {match.start()} to "
                             f"{match.end()}: a match must lie inside the string with start "
                             "<= end.")
    return length


def _infix_pieces(string: str, matches: list[re.Match[str]]) -> list[str]:
    """Cut `string` at infix matches; a match at position 0 is ignored (spaCy: an infix
    cannot start a token) and an empty match only cuts."""
    if not matches:
        return [string]
    pieces: list[str] = []
    start = 0
    for match in matches:
        infix_start, infix_end = match.start(), match.end()
        if infix_start == 0:
            continue
        if infix_start != start:
            pieces.append(string[start:infix_start])
        if infix_start != infix_end:
            pieces.append(string[infix_start:infix_end])
        start = infix_end
    if string[start:]:
        pieces.append(string[start:])
    return pieces


def _token_attrs(string: str, spec: Mapping[Any, str]
                 ) -> tuple[dict[Any, str], dict[int, tuple[Any, Any]]]:
    """One token dict of a special case: the dict as spaCy keeps (and saves) it, and its
    attributes {attribute id: (key as given, value)}.

    As spaCy: the deprecated keys "F" / "L" / "pos" are renamed ORTH / LEMMA / TAG, old
    morphology keys are dropped, and names that are no attribute at all are ignored."""
    if type(spec) is not dict and not isinstance(spec, Mapping):
        raise TokenizerTypeError(
            f"The special case for {string!r} must be a list of dicts such as "
            f"{{'ORTH': ..., 'NORM': ...}}; got an item {spec!r}.")
    kept = dict(spec)
    for old, new in _RENAMED_KEYS.items():
        if old in kept:
            kept[new] = kept.pop(old)
    for key in _DROPPED_KEYS:
        kept.pop(key, None)
    if not _MORPH_VARIANTS.isdisjoint(kept):  # rare: a special case from spaCy 2
        for key in _MORPH_KEYS:
            for variant in (key, key.lower(), key.upper()):
                if variant in kept:
                    kept.pop(variant)
                    break
    attrs: dict[int, tuple[Any, Any]] = {}
    for key, value in kept.items():
        if isinstance(key, int):
            attr: int | None = key
        elif isinstance(key, str):
            attr = IDS.get(key, IDS.get(key.upper()))
            if attr is None:
                continue  # not an attribute name: spaCy ignores it
        else:
            raise TokenizerTypeError(
                f"The special case for {string!r} has the key {key!r}; keys are attribute "
                f"names ('ORTH', 'NORM') or ids.")
        attrs[attr] = (key, value)
    return kept, attrs


def _check_special_case(string: str,
                        specs: list[tuple[dict[Any, str], dict[int, tuple[Any, Any]]]]
                        ) -> tuple[Piece, ...]:
    """The (orth, norm) pieces of a special case's token dicts, checked as spaCy checks
    them: every token has an ORTH (a KeyError), the ORTHs are strings (a TypeError) that
    spell `string` (E997), no attribute but ORTH and NORM is set (E1005), NORM is a str."""
    for _, attrs in specs:
        if ORTH not in attrs:
            raise TokenizerKeyError(
                f"A token in the special case for {string!r} has no ORTH: every token needs "
                f"its text, e.g. {{'ORTH': ...}}.")
    orths = [attrs[ORTH][1] for _, attrs in specs]
    for orth in orths:
        if not isinstance(orth, str):
            raise TokenizerTypeError(
                f"The special case for {string!r} gives ORTH the value {orth!r}; ORTH values "
                f"must be strings.")
    spelled = "".join(orths)
    if spelled != string:
        raise TokenizerError(Errors.E997.format(
            chunk=string, orth=spelled, token_attrs=[kept for kept, _ in specs]) +
            f" Its ORTH pieces {orths!r} spell {spelled!r}: give ORTH values that join to "
            f"exactly {string!r}.")
    for _, attrs in specs:
        for attr, (key, _) in attrs.items():
            if attr not in (ORTH, NORM):
                if not 0 <= attr < len(_SYMBOL_NAMES):
                    raise TokenizerKeyError(Errors.E018.format(hash_value=attr) +
                                            f" (the key {key!r} in the special case for "
                                            f"{string!r})")
                raise TokenizerError(Errors.E1005.format(attr=_SYMBOL_NAMES[attr],
                                                         chunk=string) +
                                     " Set other attributes with a pipeline component "
                                     "(such as the attribute_ruler) instead.")
    pieces = []
    for orth, (_, attrs) in zip(orths, specs):
        norm = attrs.get(NORM, (None, None))[1]
        if NORM in attrs and not isinstance(norm, str):
            raise TokenizerTypeError(
                f"The special case for {string!r} gives NORM the value {norm!r}; NORM values "
                f"must be strings.")
        pieces.append((orth, norm))
    for text in (string, *(norm for _, norm in pieces if norm)):
        try:   # spaCy refuses it here too (its StringStore can't hold it)
            text.encode("utf-8")
        except UnicodeEncodeError as e:
            raise TokenizerError(
                f"The special case for {string!r} holds a lone surrogate ({e.object[e.start]!r} "
                f"in {text!r}), which isn't UTF-8 text and couldn't be saved with the "
                "tokenizer; decode the text properly (e.g. errors='replace') first.") from None
    return tuple(pieces)
