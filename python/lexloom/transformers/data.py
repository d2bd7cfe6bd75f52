"""What the transformer component produces: the wordpieces it fed, the model's output and
the alignment of Doc tokens to output rows, for a whole batch (FullTransformerBatch) and
for one Doc (TransformerData, stored in `doc._.trf_data`).

Layout (spacy-transformers'): `model_output["last_hidden_state"]` is (n_spans, seq_len,
width), padded; `align` is a Ragged with one entry per Doc token whose indices point into
that array flattened to (n_spans * seq_len, width). Arrays are numpy or cupy (thinc's
current ops), never torch tensors, so Docs keep no autograd graph alive.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy
from thinc.types import Ragged
from thinc.util import to_numpy

from ..errors import TransformerError


class ModelOutput(dict):
    """The transformer's output arrays by name ("last_hidden_state", "pooler_output",
    "hidden_states", ...), in the model's order; also readable as attributes."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def to_tuple(self) -> tuple:
        return tuple(self.values())


@dataclass
class WordpieceBatch:
    """The wordpieces of a batch of spans, padded to one length.

    strings: the pieces of each span (specials included); input_ids, attention_mask,
    token_type_ids: (n_spans, seq_len) int arrays; lengths: pieces per span (unpadded)."""

    strings: list[list[str]]
    input_ids: numpy.ndarray
    attention_mask: numpy.ndarray
    lengths: list[int]
    token_type_ids: numpy.ndarray | None = None

    def __len__(self) -> int:
        return len(self.strings)

    def __getitem__(self, index: slice) -> "WordpieceBatch":
        if not isinstance(index, slice):
            raise TransformerError("WordpieceBatch takes a slice of spans, e.g. wp[2:5].")
        lengths = self.lengths[index]
        width = max(lengths, default=0)
        tt = self.token_type_ids
        return WordpieceBatch(strings=self.strings[index],
                              input_ids=self.input_ids[index, :width],
                              attention_mask=self.attention_mask[index, :width],
                              lengths=lengths,
                              token_type_ids=None if tt is None else tt[index, :width])

    @classmethod
    def empty(cls) -> "WordpieceBatch":
        zeros = numpy.zeros((0, 0), dtype="int64")
        return cls(strings=[], input_ids=zeros, attention_mask=zeros.copy(), lengths=[],
                   token_type_ids=None)


def _empty_ragged() -> Ragged:
    return Ragged(numpy.zeros((0,), dtype="int32"), numpy.zeros((0,), dtype="int32"))


@dataclass
class TransformerData:
    """The transformer's output for one Doc: its spans' wordpieces, the output arrays and
    the alignment of the Doc's tokens to rows of `tensors[0]` flattened."""

    wordpieces: WordpieceBatch
    model_output: ModelOutput
    align: Ragged
    keep: bool = field(default=True, repr=False)  # False: the last listener frees it

    @property
    def tensors(self) -> list:
        """The output arrays in the model's order: tensors[0] is the last hidden state."""
        return [t for t in self.model_output.values() if not isinstance(t, (list, tuple))]

    @property
    def width(self) -> int:
        state = self.model_output.get("last_hidden_state")
        if state is None or state.ndim != 3:
            raise TransformerError("This TransformerData holds no output (an empty Doc, or "
                                   "trf_data freed after use); it has no width.")
        return int(state.shape[-1])

    @property
    def last_hidden_layer_state(self) -> Ragged:
        """The last hidden state without padding: one row per wordpiece, per span."""
        state = self.model_output["last_hidden_state"]
        lengths = numpy.asarray(self.wordpieces.lengths, dtype="int32")
        rows = [state[i, :n] for i, n in enumerate(lengths)]
        xp = numpy if isinstance(state, numpy.ndarray) else _xp_of(state)
        data = xp.concatenate(rows) if rows else xp.zeros((0, state.shape[-1]), "float32")
        return Ragged(data, lengths)

    @classmethod
    def empty(cls) -> "TransformerData":
        return cls(wordpieces=WordpieceBatch.empty(), model_output=ModelOutput(),
                   align=_empty_ragged())

    @classmethod
    def zeros(cls, length: int, width: int, *, xp=numpy) -> "TransformerData":
        """Output of zeros for a Doc of `length` tokens, each aligned to its own row: what
        a listener reads for a Doc the transformer didn't annotate."""
        state = xp.zeros((1, length, width), dtype="float32")
        wordpieces = WordpieceBatch(strings=[[""] * length],
                                    input_ids=numpy.zeros((1, length), dtype="int64"),
                                    attention_mask=numpy.ones((1, length), dtype="int64"),
                                    lengths=[length])
        return cls(wordpieces=wordpieces, model_output=ModelOutput(last_hidden_state=state),
                   align=Ragged(numpy.arange(length, dtype="int32"),
                                numpy.ones(length, dtype="int32")))

    def is_empty(self) -> bool:
        """True when there is no output to read (an empty Doc, or no spans)."""
        state = self.model_output.get("last_hidden_state")
        return state is None or state.shape[0] == 0


@dataclass
class FullTransformerBatch:
    """The transformer's output for a batch of Docs: `spans` (per Doc), the wordpieces
    of every span (flattened over Docs), the output arrays and the alignment of all the
    batch's tokens (Doc after Doc) to rows of `tensors[0]` flattened."""

    spans: list[list]
    wordpieces: WordpieceBatch
    model_output: ModelOutput
    align: Ragged
    doc_lengths: list[int] | None = None  # tokens per Doc (else read from the spans' Docs)
    cached_doc_data: list[TransformerData] | None = field(default=None, repr=False)

    @property
    def tensors(self) -> list:
        return [t for t in self.model_output.values() if not isinstance(t, (list, tuple))]

    @property
    def doc_data(self) -> list[TransformerData]:
        """One TransformerData per Doc (computed once)."""
        if self.cached_doc_data is None:
            self.cached_doc_data = self.split_by_doc()
        return self.cached_doc_data

    def split_by_doc(self) -> list[TransformerData]:
        """Slice the batch into per-Doc data: each Doc keeps its own spans' rows, trimmed to
        its own longest span, with its alignment re-indexed into them."""
        state = self.model_output.get("last_hidden_state")
        if state is None:
            return [TransformerData.empty() for _ in self.spans]
        seq_len = state.shape[1]
        lengths = numpy.asarray(self.align.lengths)
        indices = to_numpy(self.align.data).reshape(-1)
        doc_lengths = self.doc_lengths
        if doc_lengths is None:
            doc_lengths = [len(spans[0].doc) if spans else 0 for spans in self.spans]
        token_ends = numpy.cumsum(numpy.asarray(doc_lengths, dtype="int64"))
        entry_ends = numpy.concatenate([[0], numpy.cumsum(lengths)])
        outputs = []
        span_start = 0
        token_start = 0
        for spans, token_end in zip(self.spans, token_ends):
            span_end = span_start + len(spans)
            doc_lengths = lengths[token_start:token_end]
            doc_indices = indices[entry_ends[token_start]:entry_ends[token_end]]
            wordpieces = self.wordpieces[span_start:span_end]
            width = wordpieces.input_ids.shape[1] if span_end > span_start else 0
            rows, cols = numpy.divmod(doc_indices, seq_len)
            new_indices = ((rows - span_start) * width + cols).astype("int32")
            output = ModelOutput()
            for name, value in self.model_output.items():
                output[name] = _slice_output(value, span_start, span_end, width, seq_len)
            outputs.append(TransformerData(
                wordpieces=wordpieces, model_output=output,
                align=Ragged(new_indices, doc_lengths.astype("int32"))))
            span_start = span_end
            token_start = token_end
        return outputs


def _slice_output(value, start: int, end: int, width: int, seq_len: int):
    if isinstance(value, (list, tuple)):
        return [_slice_output(v, start, end, width, seq_len) for v in value]
    if value.ndim == 3 and value.shape[1] == seq_len:
        return value[start:end, :width].copy()
    return value[start:end].copy()


def _xp_of(array):
    from thinc.api import get_array_module

    return get_array_module(array)


@dataclass
class HFObjects:
    """A loaded Hugging Face model and its tokenizer, as the TransformerModel's
    `set_transformer` attr takes them (spacy-transformers' type, same fields)."""

    tokenizer: Any
    transformer: Any
    vocab_file_contents: Any = None
    _init_tokenizer_config: dict = field(default_factory=dict)
    _init_transformer_config: dict = field(default_factory=dict)


__all__ = ["ModelOutput", "WordpieceBatch", "TransformerData", "FullTransformerBatch",
           "HFObjects"]
