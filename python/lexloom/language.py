"""Language: the vocab, the tokenizer and (later) the pipeline, for one language."""
from __future__ import annotations

import importlib
from typing import Iterable, Iterator

from .errors import LanguageError, TextError

# Language codes with data in lexloom.lang.<code>.
LANGUAGES = {"en": "lexloom.lang.en"}


def get_lang_class(lang: str) -> type["Language"]:
    """The Language subclass for a code such as "en"."""
    module_name = LANGUAGES.get(lang)
    if module_name is None:
        raise LanguageError(f"No language data for {lang!r}. Available: "
                            f"{', '.join(sorted(LANGUAGES))}.")
    data = importlib.import_module(module_name)
    return type(f"{data.__name__.rsplit('.', 1)[-1].title()}Language", (Language,),
                {"lang": lang, "_data": data})


class Language:
    """Text in, Docs out: tokenizes (and, once pipes exist, annotates) text."""

    lang: str = ""
    _data = None

    def __init__(self, vocab=None, *, max_length: int = 10**6, tokenizer=None):
        from .tokenizer import Tokenizer
        from .vocab import Vocab

        if vocab is None:
            vocab = Vocab(lex_attr_getters=self._lex_attr_getters(), lang=self.lang)
        self.vocab = vocab
        if tokenizer is None:
            tokenizer = Tokenizer(vocab, splitter=self._data.make_splitter()) if self._data \
                else Tokenizer(vocab)
        self.tokenizer = tokenizer
        self.max_length = max_length
        self._components: list[tuple[str, object]] = []
        self.meta = {"lang": self.lang, "name": "pipeline", "version": "0.0.0"}

    @classmethod
    def _lex_attr_getters(cls) -> dict:
        """Language-specific lexical attributes (LIKE_NUM, IS_STOP, LIKE_URL, ...)."""
        if cls._data is None:
            return {}
        from .lang import lex_attrs

        getters = {"LIKE_URL": lex_attrs.like_url, "LIKE_EMAIL": lex_attrs.like_email,
                   "LIKE_NUM": lex_attrs.like_num}
        getters.update(getattr(cls._data, "LEX_ATTRS", {}))
        stop_words = frozenset(getattr(cls._data, "STOP_WORDS", ()))
        getters["IS_STOP"] = lambda text: text.lower() in stop_words
        return getters

    @property
    def pipe_names(self) -> list[str]:
        return [name for name, _ in self._components]

    @property
    def pipeline(self) -> list[tuple[str, object]]:
        return list(self._components)

    def make_doc(self, text: str):
        """Tokenize only, after checking the input."""
        if not isinstance(text, str):
            if isinstance(text, (bytes, bytearray)):
                raise TextError("nlp() takes str, not bytes; decode the bytes first, e.g. "
                                "data.decode('utf-8', errors='replace').")
            raise TextError(f"nlp() takes str, not {type(text).__name__}.")
        if len(text) > self.max_length:
            raise TextError(
                f"Text of length {len(text):,} exceeds nlp.max_length ({self.max_length:,}). "
                "The limit guards memory (about 1 GB per 100,000 characters for a parser or "
                "entity recognizer). Split the text, or raise nlp.max_length if you only "
                "tokenize or have enough memory.")
        return self.tokenizer(text)

    def __call__(self, text: str):
        doc = self.make_doc(text)
        for _name, proc in self._components:
            doc = proc(doc)
        return doc

    def pipe(self, texts: Iterable, *, batch_size: int = 1000, as_tuples: bool = False
             ) -> Iterator:
        """Process a stream of texts (or (text, context) pairs with as_tuples)."""
        if as_tuples:
            for text, context in texts:
                yield self(text), context
        else:
            for text in texts:
                yield self(text)
