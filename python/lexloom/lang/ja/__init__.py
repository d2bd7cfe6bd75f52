"""Japanese: `lexloom.lang.ja.Japanese`. Words come from SudachiPy (with SudachiDict-core),
which lexloom does not depend on: building the tokenizer without it raises
MissingLanguageDependencyError naming the packages."""
from __future__ import annotations

from ...language import BaseDefaults, Language
from ..segmenters import SegmenterTokenizer, require
from .stop_words import STOP_WORDS

_INSTALL = "pip install sudachipy sudachidict_core"


class JapaneseTokenizer(SegmenterTokenizer):
    """Words are SudachiPy's surface forms in split mode A, B or C (A when unset)."""

    def __init__(self, vocab, split_mode: str | None = None) -> None:
        super().__init__(vocab, split_mode=split_mode)
        dictionary = require("sudachipy.dictionary", "Japanese", _INSTALL)
        tokenizer = require("sudachipy.tokenizer", "Japanese", _INSTALL)
        require("sudachidict_core", "Japanese", _INSTALL)
        mode = getattr(tokenizer.Tokenizer.SplitMode, split_mode or "A")
        self._sudachi = dictionary.Dictionary().create(mode=mode)

    def segment(self, text: str) -> list[str]:
        return [token.surface() for token in self._sudachi.tokenize(text)]


class JapaneseDefaults(BaseDefaults):
    config_text = ('[nlp]\n\n[nlp.tokenizer]\n'
                   '@tokenizers = "spacy.ja.JapaneseTokenizer"\nsplit_mode = null\n')
    stop_words = STOP_WORDS
    writing_system = {"direction": "ltr", "has_case": False, "has_letters": False}


class Japanese(Language):
    lang = "ja"
    Defaults = JapaneseDefaults

    def _default_tokenizer(self):
        return JapaneseTokenizer(self.vocab)


__all__ = ["Japanese", "JapaneseTokenizer"]
