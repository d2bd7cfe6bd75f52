"""Vietnamese: `lexloom.lang.vi.Vietnamese`. With use_pyvi (the default) words come from
pyvi, which lexloom does not depend on (MissingLanguageDependencyError without it); with
use_pyvi = false the text is split at whitespace, one token per syllable."""
from __future__ import annotations

from ...language import BaseDefaults, Language
from ..segmenters import SegmenterTokenizer, require
from .stop_words import STOP_WORDS


class VietnameseTokenizer(SegmenterTokenizer):
    """pyvi word segmentation, or whitespace splitting when use_pyvi is False."""

    def __init__(self, vocab, use_pyvi: bool = True) -> None:
        super().__init__(vocab, use_pyvi=use_pyvi)
        self._pyvi = None
        if use_pyvi:
            self._pyvi = require("pyvi.ViTokenizer", "Vietnamese",
                                 "pip install pyvi`, or set use_pyvi = false in [nlp.tokenizer]")

    @property
    def use_pyvi(self) -> bool:
        return self.cfg["use_pyvi"]

    def segment(self, text: str) -> list[str]:
        if self._pyvi is None:
            return text.split()
        return [word.replace("_", " ") for word in self._pyvi.tokenize(text).split()]


class VietnameseDefaults(BaseDefaults):
    config_text = ('[nlp]\n\n[nlp.tokenizer]\n'
                   '@tokenizers = "spacy.vi.VietnameseTokenizer"\nuse_pyvi = true\n')
    stop_words = STOP_WORDS


class Vietnamese(Language):
    lang = "vi"
    Defaults = VietnameseDefaults

    def _default_tokenizer(self):
        return VietnameseTokenizer(self.vocab, use_pyvi=True)


__all__ = ["Vietnamese", "VietnameseTokenizer"]
