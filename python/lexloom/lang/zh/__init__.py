"""Chinese: `lexloom.lang.zh.Chinese`. Its tokenizer splits text into single characters by
default (segmenter "char", no dependency); "jieba" and "pkuseg" use those packages."""
from __future__ import annotations

import re
import warnings

from ...errors import LexloomWarning
from ...language import BaseDefaults, Language
from ..segmenters import SegmenterTokenizer, require
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS

SEGMENTERS = ("char", "jieba", "pkuseg")
_BETWEEN_CHARS = re.compile(r"(?<=\S)(?=\S)")  # a zero-width split point between characters


class ChineseTokenizer(SegmenterTokenizer):
    """spaCy's ChineseTokenizer: char segmentation natively; jieba or pkuseg words aligned
    to the text."""

    def __init__(self, vocab, segmenter: str = "char") -> None:
        from ...tokenizer import Tokenizer

        super().__init__(vocab)
        self._pkuseg = None
        self._jieba = None
        # "char": the native tokenizer with every gap between two characters a split point
        self._chars = Tokenizer(vocab, rules={}, infix_finditer=_BETWEEN_CHARS.finditer)
        self.segmenter = segmenter  # checked, and jieba loaded, by the setter

    @property
    def segmenter(self) -> str:
        return self.cfg["segmenter"]

    @segmenter.setter
    def segmenter(self, value: str) -> None:
        """Change the segmenter (as spaCy allows); jieba is loaded here, pkuseg's model at
        initialize."""
        from ...errors import LanguageError

        if value not in SEGMENTERS:
            raise LanguageError(f"Unknown Chinese segmenter {value!r}; use one of "
                                f"{', '.join(SEGMENTERS)}.")
        if value == "jieba" and self._jieba is None:
            self._jieba = require("jieba", "Chinese (jieba)", "pip install jieba")
        self.cfg["segmenter"] = value

    @property
    def pkuseg_seg(self):
        """The loaded spacy_pkuseg segmenter (None until initialize loads a model)."""
        return self._pkuseg

    def pkuseg_update_user_dict(self, words: list[str], reset: bool = False) -> None:
        """Add words to the pkuseg user dictionary (after clearing it, with reset=True)."""
        if self.segmenter != "pkuseg":
            warnings.warn("[lexloom] pkuseg_update_user_dict does nothing: the segmenter is "
                          f"{self.segmenter!r}, not 'pkuseg'.", LexloomWarning, stacklevel=2)
            return
        segmenter = self._loaded_pkuseg()
        if reset:
            segmenter.preprocesser = _require_pkuseg().Preprocesser(None)
        for word in words:
            segmenter.preprocesser.insert(word.strip(), "")

    def initialize(self, get_examples=None, *, nlp=None, pkuseg_model: str | None = None,
                   pkuseg_user_dict: str | None = "default") -> None:
        """Load the pkuseg model (segmenter "pkuseg" only)."""
        if self.segmenter == "pkuseg":
            self._pkuseg = _require_pkuseg().pkuseg(pkuseg_model,
                                                    user_dict=pkuseg_user_dict or pkuseg_model)

    def __call__(self, text: str):
        if self.segmenter == "char":
            return self._chars(text)
        return super().__call__(text)

    def segment(self, text: str) -> list[str]:
        if self.segmenter == "jieba":
            return list(self._jieba.cut(text, cut_all=False))
        return self._loaded_pkuseg().cut(text)

    def _loaded_pkuseg(self):
        """The pkuseg segmenter, or a PipelineError saying how to load its model."""
        if self._pkuseg is None:
            from ...errors import PipelineError

            raise PipelineError("The pkuseg segmenter has no model yet: run nlp.initialize() "
                                "with [initialize.tokenizer] pkuseg_model set (e.g. \"mixed\").")
        return self._pkuseg


def _require_pkuseg():
    return require("spacy_pkuseg", "Chinese (pkuseg)", 'pip install "spacy-pkuseg>=0.0.27,<0.1.0"')


class ChineseDefaults(BaseDefaults):
    config_text = ('[nlp]\n\n[nlp.tokenizer]\n'
                   '@tokenizers = "spacy.zh.ChineseTokenizer"\nsegmenter = "char"\n\n'
                   '[initialize]\n\n[initialize.tokenizer]\npkuseg_model = null\n'
                   'pkuseg_user_dict = "default"\n')
    stop_words = STOP_WORDS
    lex_attr_getters = LEX_ATTRS
    writing_system = {"direction": "ltr", "has_case": False, "has_letters": False}


class Chinese(Language):
    lang = "zh"
    Defaults = ChineseDefaults

    def _default_tokenizer(self):
        return ChineseTokenizer(self.vocab, segmenter="char")


def _get_pkuseg_trie_data(node, path: str = "") -> list[tuple[str, str]]:
    """Every (word, user tag) stored in a spacy_pkuseg trie, words in character order (how
    spaCy's Chinese tokenizer saves a user dictionary)."""
    found = []
    stack = [(node, path)]
    while stack:
        current, prefix = stack.pop()
        if current.isword:
            found.append((prefix, current.usertag))
        stack.extend((child, prefix + char) for char, child in current.children.items())
    return sorted(found)


__all__ = ["Chinese", "ChineseTokenizer"]
