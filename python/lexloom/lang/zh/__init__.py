"""Chinese: `lexloom.lang.zh.Chinese`. Its tokenizer splits text into single characters by
default (segmenter "char", no dependency); "jieba" and "pkuseg" use those packages."""
from __future__ import annotations

import re

from ...language import BaseDefaults, Language
from ..segmenters import SegmenterTokenizer, require
from .stop_words import STOP_WORDS

SEGMENTERS = ("char", "jieba", "pkuseg")
_BETWEEN_CHARS = re.compile(r"(?<=\S)(?=\S)")  # a zero-width split point between characters


class ChineseTokenizer(SegmenterTokenizer):
    """spaCy's ChineseTokenizer: char segmentation natively; jieba or pkuseg words aligned
    to the text."""

    def __init__(self, vocab, segmenter: str = "char") -> None:
        from ...errors import LanguageError
        from ...tokenizer import Tokenizer

        if segmenter not in SEGMENTERS:
            raise LanguageError(f"Unknown Chinese segmenter {segmenter!r}; use one of "
                                f"{', '.join(SEGMENTERS)}.")
        super().__init__(vocab, segmenter=segmenter)
        self._pkuseg = None
        self._jieba = None
        # "char": the native tokenizer with every gap between two characters a split point
        self._chars = Tokenizer(vocab, rules={}, infix_finditer=_BETWEEN_CHARS.finditer)
        if segmenter == "jieba":
            self._jieba = require("jieba", "Chinese (jieba)", "pip install jieba")

    @property
    def segmenter(self) -> str:
        return self.cfg["segmenter"]

    def initialize(self, get_examples=None, *, nlp=None, pkuseg_model: str | None = None,
                   pkuseg_user_dict: str | None = "default") -> None:
        """Load the pkuseg model (segmenter "pkuseg" only)."""
        if self.segmenter == "pkuseg":
            pkuseg = require("spacy_pkuseg", "Chinese (pkuseg)",
                             'pip install "spacy-pkuseg>=0.0.27,<0.1.0"')
            self._pkuseg = pkuseg.pkuseg(pkuseg_model, user_dict=pkuseg_user_dict or pkuseg_model)

    def __call__(self, text: str):
        if self.segmenter == "char":
            return self._chars(text)
        return super().__call__(text)

    def segment(self, text: str) -> list[str]:
        if self.segmenter == "jieba":
            return list(self._jieba.cut(text, cut_all=False))
        if self._pkuseg is None:
            from ...errors import PipelineError

            raise PipelineError("The pkuseg segmenter has no model yet: run nlp.initialize() "
                                "with [initialize.tokenizer] pkuseg_model set (e.g. \"mixed\").")
        return self._pkuseg.cut(text)


class ChineseDefaults(BaseDefaults):
    config_text = ('[nlp]\n\n[nlp.tokenizer]\n'
                   '@tokenizers = "spacy.zh.ChineseTokenizer"\nsegmenter = "char"\n')
    stop_words = STOP_WORDS
    writing_system = {"direction": "ltr", "has_case": False, "has_letters": False}


class Chinese(Language):
    lang = "zh"
    Defaults = ChineseDefaults

    def _default_tokenizer(self):
        return ChineseTokenizer(self.vocab, segmenter="char")


__all__ = ["Chinese", "ChineseTokenizer"]
