"""Japanese: `lexloom.lang.ja.Japanese`. Words come from SudachiPy (with SudachiDict-core),
which lexloom does not depend on: building the tokenizer without it raises
MissingLanguageDependencyError naming the packages.

As spaCy's Japanese tokenizer does, every word gets its UniDic tag (token.tag_), a universal
POS (tag_map.py), its dictionary form as lemma, Sudachi's normalized form as norm, and
Inflection and Reading in token.morph; with split mode B or C, doc.user_data["sub_tokens"]
holds each word's finer splits (DetailedTokens)."""
from __future__ import annotations

import re
from collections import namedtuple

from ...language import BaseDefaults, Language
from ..segmenters import SegmenterTokenizer, require, words_and_spaces
from .stop_words import STOP_WORDS
from .syntax_iterators import SYNTAX_ITERATORS
from .tag_map import resolve_pos, upos_sequence

_INSTALL = "pip install sudachipy sudachidict_core"
SPLIT_MODES = (None, "A", "B", "C")
SPACE_TAG = "空白"

# One SudachiPy morpheme as spaCy's Japanese tokenizer describes it (doc.user_data["sub_tokens"]
# holds these for the split modes finer than the one used).
DetailedToken = namedtuple(
    "DetailedToken", ["surface", "tag", "inf", "lemma", "norm", "reading", "sub_tokens"])


def try_sudachi_import(split_mode: str | None = "A"):
    """SudachiPy's tokenizer in a split mode (spaCy's name), or an error naming the packages
    to install."""
    return _sudachi(split_mode)


def _sudachi(split_mode: str | None):
    """A SudachiPy tokenizer in split mode A (None), B or C."""
    if split_mode not in SPLIT_MODES:
        from ...errors import LanguageError

        raise LanguageError(f"Japanese split_mode {split_mode!r} is not one of A, B, C "
                            "(or null for A).")
    dictionary = require("sudachipy.dictionary", "Japanese", _INSTALL)
    tokenizer = require("sudachipy.tokenizer", "Japanese", _INSTALL)
    require("sudachidict_core", "Japanese", _INSTALL)
    mode = getattr(tokenizer.Tokenizer.SplitMode, split_mode or "A")
    sudachi = dictionary.Dictionary()
    # SudachiPy 0.7 renamed create() to tokenizer(); 0.6 has only create()
    return getattr(sudachi, "tokenizer", sudachi.create)(mode=mode)


def _detail(morpheme, sub_tokens=None) -> DetailedToken:
    pos = morpheme.part_of_speech()
    return DetailedToken(morpheme.surface(),
                         "-".join(p for p in pos[:4] if p != "*"),
                         ";".join(p for p in pos[4:] if p != "*"),
                         morpheme.dictionary_form(), morpheme.normalized_form(),
                         morpheme.reading_form(), sub_tokens)


def _gap(text: str) -> DetailedToken:
    """Whitespace between words that is not a word's trailing space."""
    return DetailedToken(text, SPACE_TAG, "", text, text, None, None)


class JapaneseTokenizer(SegmenterTokenizer):
    """Words, tags, POS, lemmas, norms and morphology from SudachiPy in split mode A, B or C
    (A when unset)."""

    def __init__(self, vocab, split_mode: str | None = None) -> None:
        super().__init__(vocab, split_mode=split_mode)
        self.tokenizer = _sudachi(split_mode)

    @property
    def split_mode(self) -> str | None:
        return self.cfg.get("split_mode")

    @property
    def need_subtokens(self) -> bool:
        return self.split_mode in ("B", "C")

    def __reduce__(self):
        return JapaneseTokenizer, (self.vocab, self.split_mode)

    def segment(self, text: str) -> list[str]:
        return [detail.surface for detail in self._details(self.tokenizer.tokenize(text))]

    def __call__(self, text: str):
        from ...errors import TokenizerError
        from ...morphology import MorphAnalysis
        from ...tokens import Doc

        if not isinstance(text, str):
            raise TokenizerError(f"The tokenizer takes str, not {type(text).__name__}.")
        details = self._details(self.tokenizer.tokenize(text), self.need_subtokens)
        words, spaces = words_and_spaces([d.surface for d in details], text)
        # words_and_spaces keeps every non-space morpheme in order and adds whitespace gaps
        content = iter(d for d in details if not d.surface.isspace())
        aligned = [_gap(word) if word.isspace() else next(content) for word in words]
        tags = [d.tag for d in aligned]
        doc = Doc(self.vocab, words=words, spaces=spaces, tags=tags,
                  pos=upos_sequence(words, tags),
                  lemmas=[d.lemma or d.surface for d in aligned])
        for token, detail in zip(doc, aligned):
            token.norm_ = detail.norm
            features = {}
            if detail.inf:
                features["Inflection"] = detail.inf
            if detail.reading:  # "=" and "|" would break the feature string
                features["Reading"] = re.sub("[=|]", "_", detail.reading)
            token.morph = MorphAnalysis(self.vocab, features)
        if self.need_subtokens:
            doc.user_data["sub_tokens"] = [d.sub_tokens for d in aligned]
        return doc

    def _details(self, morphemes, with_sub_tokens: bool = False) -> list[DetailedToken]:
        """The non-empty morphemes as DetailedTokens; a run of space morphemes (Sudachi gives
        one per character) keeps only its first, since the text supplies the gap."""
        details: list[DetailedToken] = []
        for morpheme in morphemes:
            if not morpheme.surface():
                continue  # Sudachi can emit empty morphemes (e.g. around "…")
            detail = _detail(morpheme, self._sub_tokens(morpheme) if with_sub_tokens else None)
            if (details and detail.tag == SPACE_TAG and detail.surface.isspace()
                    and details[-1].tag == SPACE_TAG and details[-1].surface.isspace()):
                continue
            details.append(detail)
        return details

    def _sub_tokens(self, morpheme) -> list[list[DetailedToken]] | None:
        """A word's finer splits: [A] in mode B, [A, B] in mode C; None when A keeps it
        whole."""
        modes = require("sudachipy.tokenizer", "Japanese", _INSTALL).Tokenizer.SplitMode
        split_a = morpheme.split(modes.A)
        if len(split_a) <= 1:  # SudachiPy 0.7 gives [] for a word it does not split, 0.6 [it]
            return None
        finer_a = self._details(split_a)
        if self.split_mode == "B":
            return [finer_a]
        split_b = morpheme.split(modes.B)
        finer_b = self._details(split_b) if len(split_b) > 1 else [_detail(morpheme)]
        return [finer_a, finer_a if len(finer_b) == len(finer_a) else finer_b]

    def score(self, examples):
        from ...scorer import Scorer

        return Scorer.score_tokenization(examples)

    def from_bytes(self, data: bytes, *, exclude=()) -> "JapaneseTokenizer":
        mode = self.split_mode
        super().from_bytes(data, exclude=exclude)
        return self._reload_if_changed(mode)

    def from_disk(self, path, *, exclude=()) -> "JapaneseTokenizer":
        mode = self.split_mode
        super().from_disk(path, exclude=exclude)
        return self._reload_if_changed(mode)

    def _reload_if_changed(self, previous_mode: str | None) -> "JapaneseTokenizer":
        """A new SudachiPy tokenizer when the loaded settings changed the split mode (loading
        the dictionary takes a while; a pipeline loads its tokenizer settings every time)."""
        if self.split_mode != previous_mode:
            self.tokenizer = _sudachi(self.split_mode)
        return self


class JapaneseDefaults(BaseDefaults):
    config_text = ('[nlp]\n\n[nlp.tokenizer]\n'
                   '@tokenizers = "spacy.ja.JapaneseTokenizer"\nsplit_mode = null\n')
    stop_words = STOP_WORDS
    syntax_iterators = SYNTAX_ITERATORS
    writing_system = {"direction": "ltr", "has_case": False, "has_letters": False}


class Japanese(Language):
    lang = "ja"
    Defaults = JapaneseDefaults

    def _default_tokenizer(self):
        return JapaneseTokenizer(self.vocab)


DEFAULT_CONFIG = JapaneseDefaults.config   # spaCy's name for the language's own config


def create_tokenizer(split_mode: str | None = None):
    """spaCy's registered `spacy.ja.JapaneseTokenizer` function, under its module name."""
    from ..registrations import create_japanese_tokenizer

    return create_japanese_tokenizer(split_mode)


__all__ = ["Japanese", "JapaneseTokenizer", "DetailedToken", "resolve_pos"]
