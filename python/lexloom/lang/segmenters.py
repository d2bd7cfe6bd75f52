"""Tokenizers for languages that are not written with spaces between words (Chinese,
Japanese, Korean, Thai, Vietnamese syllables): words come from a segmenter, most of them
third-party packages that lexloom does not depend on. A missing package is reported when the
tokenizer is built, naming the package and how to install it, as spaCy does.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, Iterable

import srsly

from ..errors import MissingLanguageDependencyError, TokenizerError


def require(module: str, language: str, install: str) -> Any:
    """Import a segmenter package, or raise MissingLanguageDependencyError saying how to
    install it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingLanguageDependencyError(
            f"The {language} tokenizer needs the '{module}' package, which is not installed. "
            f"Install it with `{install}`, or build the pipeline with another tokenizer in "
            "[nlp.tokenizer].") from None


def words_and_spaces(words: Iterable[str], text: str) -> tuple[list[str], list[bool]]:
    """Align a segmenter's words with `text`: whitespace-only words are dropped, a single
    space after a word becomes its trailing space, and any other whitespace between words
    becomes a token of its own (spaCy's rule, so Docs match token for token)."""
    out_words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    words = [word for word in words if word and not word.isspace()]
    for i, word in enumerate(words):
        start = text.find(word, pos)
        if start < 0:
            raise TokenizerError(f"The segmenter returned {word!r}, which is not in the text "
                                 f"after position {pos}: words must spell the text in order.")
        if start > pos:
            gap = text[pos:start]
            if not gap.isspace():
                raise TokenizerError(f"The segmenter skipped {gap!r} in the text; its words "
                                     "must cover every non-space character.")
            out_words.append(gap)
            spaces.append(False)
        out_words.append(word)
        spaces.append(False)
        pos = start + len(word)
        # a single space after a word is its trailing space, unless the next word begins with
        # it (segmenters may keep a space with a combining mark that follows it: " ̷")
        if (pos < len(text) and text[pos] == " "
                and not (i + 1 < len(words) and text.startswith(words[i + 1], pos))):
            spaces[-1] = True
            pos += 1
    if pos < len(text):
        rest = text[pos:]
        if not rest.isspace():
            raise TokenizerError(f"The segmenter left {rest!r} at the end of the text out.")
        out_words.append(rest)
        spaces.append(False)
    return out_words, spaces


class SegmenterTokenizer:
    """A tokenizer whose words come from `segment(text)`; settings in `cfg` are saved."""

    name = "tokenizer"
    #: Whether a pipeline folder must hold this tokenizer's file (its settings), as spaCy's
    #: counterpart reads it; False where spaCy's keeps nothing (a DummyTokenizer: th, ko).
    needs_saved_file = True

    def __init__(self, vocab, **cfg: Any) -> None:
        self.vocab = vocab
        self.cfg = dict(cfg)

    def segment(self, text: str) -> list[str]:
        raise NotImplementedError

    def __call__(self, text: str):
        from ..tokens import Doc

        if not isinstance(text, str):
            raise TokenizerError(f"The tokenizer takes str, not {type(text).__name__}.")
        words, spaces = words_and_spaces(self.segment(text), text)
        return Doc(self.vocab, words=words, spaces=spaces)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"cfg": srsly.json_dumps(self.cfg)})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()):
        msg = srsly.msgpack_loads(data)
        self.cfg.update(srsly.json_loads(msg.get("cfg", "{}")))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg", self.cfg)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()):
        cfg_path = Path(path) / "cfg"
        if cfg_path.exists():
            self.cfg.update(srsly.read_json(cfg_path))
        return self
