"""Thai: `lexloom.lang.th.Thai`. Words come from PyThaiNLP's word_tokenize, which lexloom does
not depend on: building the tokenizer without it raises MissingLanguageDependencyError.
Its number likeness (Thai number words) is lex_attrs.py."""
from __future__ import annotations

from ...language import BaseDefaults, Language
from ..segmenters import SegmenterTokenizer, require
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS


class ThaiTokenizer(SegmenterTokenizer):
    """Words are PyThaiNLP's (its default engine)."""

    needs_saved_file = False  # spaCy's keeps nothing on disk

    def __init__(self, vocab) -> None:
        super().__init__(vocab)
        self._tokenize = require("pythainlp.tokenize", "Thai",
                                 "pip install pythainlp").word_tokenize

    def segment(self, text: str) -> list[str]:
        return list(self._tokenize(text))


class ThaiDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    config_text = '[nlp]\n\n[nlp.tokenizer]\n@tokenizers = "spacy.th.ThaiTokenizer"\n'
    stop_words = STOP_WORDS


class Thai(Language):
    lang = "th"
    Defaults = ThaiDefaults

    def _default_tokenizer(self):
        return ThaiTokenizer(self.vocab)


__all__ = ["Thai", "ThaiTokenizer"]
