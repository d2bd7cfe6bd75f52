"""The sentencizer: rule-based sentence boundaries after sentence-final punctuation.

A sentence starts at the first token that is neither punctuation nor one of `punct_chars`
after a token that is one of `punct_chars` (spaCy's rule). The scan is one native pass per
Doc (csrc/lexloom/sentencizer.hh), not a Python loop over tokens.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional

import numpy

from ..errors import DeserializationError, PipelineError
from ..strings import hash_string
from . import _sentencizer
from .pipe import Pipe, keeps_methods, minibatch, register_factory
from .senter import senter_score

# see spaCy #9050: the sentencizer keeps existing boundaries unless told to overwrite them
BACKWARD_OVERWRITE = False


class Sentencizer(Pipe):
    """Segment the Doc into sentences using a rule-based strategy."""

    default_punct_chars = [
        '!', '.', '?', '։', '؟', '۔', '܀', '܁', '܂', '߹',
        '।', '॥', '၊', '။', '።', '፧', '፨', '᙮', '᜵', '᜶', '᠃', '᠉', '᥄',
        '᥅', '᪨', '᪩', '᪪', '᪫', '᭚', '᭛', '᭞', '᭟', '᰻', '᰼', '᱾', '᱿',
        '‼', '‽', '⁇', '⁈', '⁉', '⸮', '⸼', '꓿', '꘎', '꘏', '꛳', '꛷', '꡶',
        '꡷', '꣎', '꣏', '꤯', '꧈', '꧉', '꩝', '꩞', '꩟', '꫰', '꫱', '꯫', '﹒',
        '﹖', '﹗', '！', '．', '？', '𐩖', '𐩗', '𑁇', '𑁈', '𑂾', '𑂿', '𑃀',
        '𑃁', '𑅁', '𑅂', '𑅃', '𑇅', '𑇆', '𑇍', '𑇞', '𑇟', '𑈸', '𑈹', '𑈻', '𑈼',
        '𑊩', '𑑋', '𑑌', '𑗂', '𑗃', '𑗉', '𑗊', '𑗋', '𑗌', '𑗍', '𑗎', '𑗏', '𑗐',
        '𑗑', '𑗒', '𑗓', '𑗔', '𑗕', '𑗖', '𑗗', '𑙁', '𑙂', '𑜼', '𑜽', '𑜾', '𑩂',
        '𑩃', '𑪛', '𑪜', '𑱁', '𑱂', '𖩮', '𖩯', '𖫵', '𖬷', '𖬸', '𖭄', '𛲟', '𝪈',
        '｡', '。'
    ]

    def __init__(self, name: str = "sentencizer", *, punct_chars: Optional[Iterable[str]] = None,
                 overwrite: bool = BACKWARD_OVERWRITE,
                 scorer: Optional[Callable] = senter_score):
        self.name = name
        self.punct_chars = set(punct_chars) if punct_chars else set(self.default_punct_chars)
        self.overwrite = overwrite
        self.scorer = scorer

    @property
    def punct_chars(self) -> set:
        return self._punct_chars

    @punct_chars.setter
    def punct_chars(self, chars: Iterable[str]) -> None:
        self._punct_chars = set(chars)
        # ORTH ids of the characters: a token is sentence-final when its ORTH is one of them
        self._punct_orths = numpy.asarray(sorted(hash_string(c) for c in self._punct_chars),
                                          dtype=numpy.uint64)

    def _native_scan(self) -> bool:
        """Whether the one native pass can stand for predict + set_annotations: not in a
        subclass that overrides either (as spaCy's __call__ runs them), or __call__."""
        return keeps_methods(self, Sentencizer, "predict", "set_annotations", "__call__")

    def __call__(self, doc):
        """Set token.is_sent_start on `doc` and return it."""
        try:
            if self._native_scan():
                _sentencizer.sentencize(doc, self._punct_orths, self.overwrite)
            else:
                self.set_annotations([doc], self.predict([doc]))
            return doc
        except Exception as e:
            self.get_error_handler()(self.name, self, [doc], e)
            return doc

    def pipe(self, stream: Iterable, *, batch_size: int = 128) -> Iterator:
        if not self._native_scan():
            yield from super().pipe(stream, batch_size=batch_size)   # self(doc) per Doc
            return
        for docs in minibatch(stream, batch_size):
            try:
                for doc in docs:
                    _sentencizer.sentencize(doc, self._punct_orths, self.overwrite)
            except Exception as e:
                self.get_error_handler()(self.name, self, docs, e)
            yield from docs

    def predict(self, docs) -> list[list[bool]]:
        """Per Doc, whether each token starts a sentence (the Docs are not changed)."""
        return [self._starts(doc).tolist() for doc in docs]

    def _starts(self, doc) -> numpy.ndarray:
        return _sentencizer.sentence_starts(doc, self._punct_orths)

    def set_annotations(self, docs, batch_tag_ids) -> None:
        """Write the predicted starts; existing boundaries are kept unless `overwrite`."""
        if not isinstance(docs, (list, tuple)):
            docs = [docs]
        for doc, tag_ids in zip(docs, batch_tag_ids):
            if len(tag_ids) != len(doc):
                raise PipelineError(f"Sentencizer.set_annotations got {len(tag_ids)} values for "
                                    f"a Doc of {len(doc)} tokens; pass predict()'s output.")
            starts = numpy.ascontiguousarray(numpy.asarray(tag_ids, dtype=bool), dtype=numpy.int8)
            _sentencizer.write_starts(doc, starts, self.overwrite)

    # ---- saving: a JSON/msgpack of the settings, as spaCy writes it -------------------

    def _cfg(self) -> dict[str, Any]:
        return {"punct_chars": list(self.punct_chars), "overwrite": self.overwrite}

    def _load_cfg(self, cfg: Any, where: str) -> "Sentencizer":
        if not isinstance(cfg, dict):
            raise DeserializationError(f"{where}: expected a dict with 'punct_chars' and "
                                       f"'overwrite', got {type(cfg).__name__}.")
        self.punct_chars = cfg.get("punct_chars", self.default_punct_chars)
        self.overwrite = cfg.get("overwrite", self.overwrite)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        import srsly

        return srsly.msgpack_dumps(self._cfg())

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> "Sentencizer":
        import srsly

        try:
            cfg = srsly.msgpack_loads(bytes_data)
        except ValueError as e:
            raise DeserializationError(f"Sentencizer.from_bytes: not msgpack data ({e}).") from None
        return self._load_cfg(cfg, "Sentencizer.from_bytes")

    def to_disk(self, path, *, exclude: Iterable[str] = ()) -> None:
        """Writes `<path>.json` (spaCy's file: sentencizer.json beside the other components)."""
        import srsly

        path = Path(path).with_suffix(".json")
        srsly.write_json(path, self._cfg())

    def from_disk(self, path, *, exclude: Iterable[str] = ()) -> "Sentencizer":
        from ..line_reader import read_json

        path = Path(path).with_suffix(".json")
        if not path.exists():
            raise DeserializationError(f"{path} is missing: the sentencizer's settings file.")
        cfg = read_json(path, what="sentencizer settings file")
        return self._load_cfg(cfg, str(path))


@register_factory(
    "sentencizer", assigns=["token.is_sent_start", "doc.sents"],
    default_config={"punct_chars": None, "overwrite": False,
                    "scorer": {"@scorers": "spacy.senter_scorer.v1"}},
    default_score_weights={"sents_f": 1.0, "sents_p": 0.0, "sents_r": 0.0})
def make_sentencizer(nlp, name: str, punct_chars: Optional[list[str]], overwrite: bool,
                     scorer: Optional[Callable]) -> Sentencizer:
    return Sentencizer(name, punct_chars=punct_chars, overwrite=overwrite, scorer=scorer)
