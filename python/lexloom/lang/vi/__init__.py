"""Vietnamese: `lexloom.lang.vi.Vietnamese`. With use_pyvi (the default) words come from
pyvi, which lexloom does not depend on (MissingLanguageDependencyError without it); with
use_pyvi = false the text is split at whitespace, one token per syllable. Its number
likeness (Vietnamese number syllables) is lex_attrs.py."""
from __future__ import annotations

import re
import string

from ...language import BaseDefaults, Language
from ..segmenters import SegmenterTokenizer, require
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS

# One syllable (or a whitespace run) at a time, in the order pyvi tries them: abbreviations,
# arrows and ellipses, URLs, e-mail addresses, dotted numbers, single symbols, words.
_SYLLABLES = re.compile("|".join([
    r"\s+", r"[A-ZĐ]+\.", r"Tp\.", r"Mr\.", r"Mrs\.", r"Ms\.", r"Dr\.", r"ThS\.",
    r"==>", r"->", r"\.\.\.", r">>", r"\w+://[^\s]+",
    r"[a-zA-Z0-9_.+-]+@(?:[a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+", r"\d+(?:[\.,_]\d+)+",
    r"[^\w\s]", r"\w+"]))


class VietnameseTokenizer(SegmenterTokenizer):
    """pyvi word segmentation, or whitespace splitting when use_pyvi is False.

    With pyvi, the text is cut into syllables (whitespace kept), pyvi's CRF labels each one
    as beginning or continuing a word, and a word is the slice of the text from its first
    syllable to its last, so its inner whitespace is the text's own (spaCy's way; pyvi's own
    `tokenize` would normalise the text and join syllables with "_")."""

    def __init__(self, vocab, use_pyvi: bool = True) -> None:
        super().__init__(vocab, use_pyvi=use_pyvi)
        self._pyvi = None
        if use_pyvi:
            self._pyvi = require("pyvi.ViTokenizer", "Vietnamese",
                                 "pip install pyvi`, or set use_pyvi = false in [nlp.tokenizer]")

    @property
    def use_pyvi(self) -> bool:
        return self.cfg["use_pyvi"]

    def __reduce__(self):
        return VietnameseTokenizer, (self.vocab, self.use_pyvi)

    def segment(self, text: str) -> list[str]:
        if self._pyvi is None:
            return text.split()
        spans = [m.span() for m in _SYLLABLES.finditer(text) if not m.group().isspace()]
        if not spans:
            return [text] if text else []
        syllables = [text[a:b] for a, b in spans]
        crf = self._pyvi.ViTokenizer
        labels = crf.model.predict([crf.sent2features(syllables, False)])[0]
        words = []
        start = spans[0][0]
        for i in range(1, len(spans)):
            if not _continues(labels[i], syllables[i - 1], syllables[i]):
                words.append(text[start:spans[i - 1][1]])
                start = spans[i][0]
        words.append(text[start:spans[-1][1]])
        return words


def _continues(label: str, prev: str, syllable: str) -> bool:
    """Whether a syllable pyvi labels joins the word before it: never across punctuation or
    digits, nor from a lowercase syllable into a capitalised one."""
    return (label == "I_W" and syllable not in string.punctuation
            and prev not in string.punctuation and not syllable[0].isdigit()
            and not prev[0].isdigit() and not (syllable[0].istitle() and not prev[0].istitle()))


class VietnameseDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    config_text = ('[nlp]\n\n[nlp.tokenizer]\n'
                   '@tokenizers = "spacy.vi.VietnameseTokenizer"\nuse_pyvi = true\n')
    stop_words = STOP_WORDS


class Vietnamese(Language):
    lang = "vi"
    Defaults = VietnameseDefaults

    def _default_tokenizer(self):
        return VietnameseTokenizer(self.vocab, use_pyvi=True)


__all__ = ["Vietnamese", "VietnameseTokenizer"]
