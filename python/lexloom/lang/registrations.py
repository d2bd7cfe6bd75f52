"""Registered tokenizer factories of the segmenter languages, under spaCy's names, so a
config's [nlp.tokenizer] block for Chinese, Japanese, Korean, Thai or Vietnamese resolves.
Imported with the other registered builtins (it imports the registry, hence thinc)."""
from __future__ import annotations

from typing import Literal

from ..registry import register


@register("tokenizers", "lexloom.zh.ChineseTokenizer", "spacy.zh.ChineseTokenizer")
def create_chinese_tokenizer(segmenter: Literal["char", "jieba", "pkuseg"] = "char"):
    def make(nlp):
        from .zh import ChineseTokenizer

        return ChineseTokenizer(nlp.vocab, segmenter=segmenter)

    return make


@register("tokenizers", "lexloom.ja.JapaneseTokenizer", "spacy.ja.JapaneseTokenizer")
def create_japanese_tokenizer(split_mode: str | None = None):
    def make(nlp):
        from .ja import JapaneseTokenizer

        return JapaneseTokenizer(nlp.vocab, split_mode=split_mode)

    return make


@register("tokenizers", "lexloom.ko.KoreanTokenizer", "spacy.ko.KoreanTokenizer")
def create_korean_tokenizer():
    def make(nlp):
        from .ko import KoreanTokenizer

        return KoreanTokenizer(nlp.vocab)

    return make


@register("tokenizers", "lexloom.th.ThaiTokenizer", "spacy.th.ThaiTokenizer")
def create_thai_tokenizer():
    def make(nlp):
        from .th import ThaiTokenizer

        return ThaiTokenizer(nlp.vocab)

    return make


@register("tokenizers", "lexloom.vi.VietnameseTokenizer", "spacy.vi.VietnameseTokenizer")
def create_vietnamese_tokenizer(use_pyvi: bool = True):
    def make(nlp):
        from .vi import VietnameseTokenizer

        return VietnameseTokenizer(nlp.vocab, use_pyvi=use_pyvi)

    return make
