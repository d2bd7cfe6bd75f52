"""Malay stop words (IS_STOP looks up the lowercase text): the same public list as
Indonesian's, as spaCy 3.8 uses it."""
from ..id.stop_words import STOP_WORDS

__all__ = ["STOP_WORDS"]
