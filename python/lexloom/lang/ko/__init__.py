"""Korean: `lexloom.lang.ko.Korean`. Words come from mecab-ko through natto-py, which lexloom
does not depend on: building the tokenizer without them raises
MissingLanguageDependencyError naming the packages. A pipeline configured with the
rule-based tokenizer (spacy.Tokenizer.v1) needs neither, and uses the Korean infixes."""
from __future__ import annotations

from ...language import BaseDefaults, Language
from ..segmenters import SegmenterTokenizer, require
from .lex_attrs import LEX_ATTRS
from .punctuation import TOKENIZER_INFIXES
from .stop_words import STOP_WORDS


class KoreanTokenizer(SegmenterTokenizer):
    """Words are mecab-ko's morphemes (the dictionary mecab-ko-dic must be installed)."""

    needs_saved_file = False  # spaCy's keeps nothing on disk

    def __init__(self, vocab) -> None:
        super().__init__(vocab)
        natto = require("natto", "Korean",
                        "pip install natto-py, after installing mecab-ko and mecab-ko-dic")
        self._mecab = natto.MeCab("-F%f[0],%f[7]")

    def segment(self, text: str) -> list[str]:
        return [node.surface for node in self._mecab.parse(text, as_nodes=True)
                if not node.is_eos()]


class KoreanDefaults(BaseDefaults):
    config_text = '[nlp]\n\n[nlp.tokenizer]\n@tokenizers = "spacy.ko.KoreanTokenizer"\n'
    lex_attr_getters = LEX_ATTRS
    infixes = TOKENIZER_INFIXES
    stop_words = STOP_WORDS
    writing_system = {"direction": "ltr", "has_case": False, "has_letters": False}


class Korean(Language):
    lang = "ko"
    Defaults = KoreanDefaults

    def __init__(self, vocab=True, *, create_tokenizer=None, tokenizer=None, **kwargs):
        """The mecab tokenizer unless one is given; `_default_tokenizer` stays the
        rule-based one, which [nlp.tokenizer] spacy.Tokenizer.v1 asks for."""
        if create_tokenizer is None and tokenizer is None:
            create_tokenizer = _mecab_tokenizer
        super().__init__(vocab, create_tokenizer=create_tokenizer, tokenizer=tokenizer,
                         **kwargs)


def _mecab_tokenizer(nlp: Korean) -> KoreanTokenizer:
    return KoreanTokenizer(nlp.vocab)


__all__ = ["Korean", "KoreanTokenizer"]
