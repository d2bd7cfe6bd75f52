"""Ukrainian lemmatizer: the Russian one (lang/ru/lemmatizer.py) over pymorphy's Ukrainian
dictionaries."""
from __future__ import annotations

from ...pipeline.lemmatizer import language_factory
from ..ru.lemmatizer import RussianLemmatizer


class UkrainianLemmatizer(RussianLemmatizer):
    """spaCy's UkrainianLemmatizer: modes pymorphy3 (default), pymorphy3_lookup, pymorphy2,
    pymorphy2_lookup, lookup and rule."""

    analyser_lang = "uk"
    install = {"pymorphy3": "pymorphy3 pymorphy3-dicts-uk",
               "pymorphy2": "pymorphy2 pymorphy2-dicts-uk"}


LEMMATIZER = UkrainianLemmatizer


make_lemmatizer = language_factory(UkrainianLemmatizer)
