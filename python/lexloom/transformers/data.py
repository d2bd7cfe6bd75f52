"""What the transformer component produces: the wordpieces it fed, the model's output and
the alignment of Doc tokens to output rows, for a whole batch (FullTransformerBatch) and
for one Doc (TransformerData, stored in `doc._.trf_data`).

Layout (spacy-transformers'): `model_output["last_hidden_state"]` is (n_spans, seq_len,
width), padded; `align` is a Ragged with one entry per Doc token whose indices point into
that array flattened to (n_spans * seq_len, width). A batch's outputs are torch tensors, as
in spacy-transformers (views of the arrays lexloom copied the model's output into, so they
hold no autograd graph); a Doc's are numpy or cupy arrays (thinc's current ops).
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import numpy
from thinc.types import Ragged
from thinc.util import to_numpy

from ..errors import TransformerError


# Output fields of Hugging Face's model output classes: in a batch's output (the model's)
# absent ones read as None, as there.
HF_OUTPUT_FIELDS = frozenset({
    "last_hidden_state", "pooler_output", "hidden_states", "attentions", "cross_attentions",
    "past_key_values", "logits", "loss"})


class ModelOutput(OrderedDict):
    """The transformer's output arrays by name ("last_hidden_state", "pooler_output",
    "hidden_states", "attentions" with output_attentions, ...), in the model's order; also
    readable as attributes. As Hugging Face's ModelOutput (what spacy-transformers puts in
    a Doc's trf_data), a name it doesn't hold is no attribute: hasattr() is False."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, key):
        # as Hugging Face's ModelOutput: a key that isn't a str (0, 1:) indexes the fields
        if not isinstance(key, str):
            return self.to_tuple()[key]
        return OrderedDict.__getitem__(self, key)

    def to_tuple(self) -> tuple:
        return tuple(self.values())


class BatchModelOutput(ModelOutput):
    """A batch's output (FullTransformerBatch.model_output), as the model's own output class
    reads in spacy-transformers: its fields the model gave none of read as None."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            if name in HF_OUTPUT_FIELDS:
                return None
            raise AttributeError(name) from None


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

    def __getitem__(self, index: slice | int) -> "WordpieceBatch":
        if isinstance(index, int) and not isinstance(index, bool):
            index = slice(index, index + 1 if index != -1 else None)
        if not isinstance(index, slice):
            raise TransformerError("WordpieceBatch takes a span index or a slice of spans, "
                                   "e.g. wp[2] or wp[2:5].")
        lengths = self.lengths[index]
        width = max(lengths, default=0)
        tt = self.token_type_ids
        return WordpieceBatch(strings=[row[:width] for row in self.strings[index]],
                              input_ids=self.input_ids[index, :width],
                              attention_mask=self.attention_mask[index, :width],
                              lengths=lengths,
                              token_type_ids=None if tt is None else tt[index, :width])

    @classmethod
    def empty(cls, *, xp=numpy) -> "WordpieceBatch":
        """No spans. Stand-in batches hold int32 ids and a bool mask, as spacy-transformers'
        (a tokenizer's own batches keep its int64 ids and float32 mask)."""
        return cls(strings=[], input_ids=xp.zeros((0, 0), dtype="int32"),
                   attention_mask=xp.ones((0, 0), dtype="bool"), lengths=[],
                   token_type_ids=None)

    @classmethod
    def zeros(cls, lengths: list[int], xp=numpy) -> "WordpieceBatch":
        """Empty-string pieces of id 0, all attended: a stand-in batch of these lengths."""
        width = max(lengths, default=0)
        ids = xp.zeros((len(lengths), width), dtype="int32")
        return cls(strings=[[""] * n for n in lengths], input_ids=ids,
                   attention_mask=xp.ones((len(lengths), width), dtype="bool"),
                   lengths=list(lengths), token_type_ids=None)

    @classmethod
    def from_batch_encoding(cls, token_data) -> "WordpieceBatch":
        """From a Hugging Face tokenizer's output with the pieces under "input_texts" (as
        spacy-transformers' `huggingface_tokenize` returns it); pad pieces aren't counted."""
        if not hasattr(token_data, "get") or "input_texts" not in token_data:
            raise TransformerError("from_batch_encoding needs a tokenizer output (a dict or "
                                   "BatchEncoding) with 'input_ids', 'attention_mask' and the "
                                   "pieces as 'input_texts'.")
        pad = token_data.get("pad_token", "[PAD]")
        tt = token_data.get("token_type_ids")
        return cls(strings=[list(s) for s in token_data["input_texts"]],
                   input_ids=to_numpy(token_data["input_ids"]),
                   attention_mask=to_numpy(token_data["attention_mask"]),
                   lengths=[sum(1 for p in s if p != pad) for s in token_data["input_texts"]],
                   token_type_ids=None if tt is None else to_numpy(tt))

    def to_hf_dict(self) -> dict:
        """The batch as a Hugging Face tokenizer returns it, arrays as torch tensors."""
        from thinc.api import xp2torch

        out = {"input_ids": xp2torch(self.input_ids),
               "attention_mask": xp2torch(self.attention_mask), "input_texts": self.strings}
        if self.token_type_ids is not None:
            out["token_type_ids"] = xp2torch(self.token_type_ids)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"strings": self.strings, "input_ids": self.input_ids,
                "attention_mask": self.attention_mask, "lengths": self.lengths,
                "token_type_ids": self.token_type_ids}

    def from_dict(self, msg: dict[str, Any]) -> "WordpieceBatch":
        """Fill this batch from `to_dict`'s output (in place, as spacy-transformers)."""
        missing = {"strings", "input_ids", "attention_mask", "lengths"} - set(msg)
        if missing:
            raise TransformerError(f"WordpieceBatch.from_dict: missing {sorted(missing)}.")
        self.strings, self.input_ids = msg["strings"], msg["input_ids"]
        self.attention_mask, self.lengths = msg["attention_mask"], msg["lengths"]
        self.token_type_ids = msg.get("token_type_ids")
        return self


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
    def tensors(self) -> tuple:
        """The outputs in the model's order: tensors[0] is the last hidden state, per-layer
        outputs (hidden_states, attentions) are lists of arrays; () for an empty Doc."""
        return self.model_output.to_tuple()

    @property
    def width(self) -> int:
        state = self.model_output.get("last_hidden_state")
        if state is None or state.ndim != 3:
            raise TransformerError("This TransformerData holds no output (an empty Doc, or "
                                   "trf_data freed after use); it has no width.")
        return int(state.shape[-1])

    @property
    def last_hidden_layer_state(self) -> Ragged:
        """The last hidden state without padding: one row per wordpiece, per span. An
        AttributeError where there is no output (an empty Doc's data), so that hasattr and
        getattr(..., default) answer instead of raising."""
        state = self.model_output.get("last_hidden_state")
        if state is None:
            raise AttributeError("last_hidden_layer_state: this TransformerData holds no model "
                                 "output (an empty Doc, or no spans); check is_empty() first.")
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
        return cls(wordpieces=WordpieceBatch.zeros([length], xp=xp),
                   model_output=ModelOutput(last_hidden_state=state),
                   align=Ragged(numpy.arange(length, dtype="int32"),
                                numpy.ones(length, dtype="int32")))

    def is_empty(self) -> bool:
        """True when there is no output to read (an empty Doc, or no spans)."""
        state = self.model_output.get("last_hidden_state")
        return state is None or state.shape[0] == 0

    @property
    def tokens(self) -> dict[str, Any]:
        """The wordpieces as a Hugging Face tokenizer's dict (spacy-transformers' deprecated
        name for `wordpieces.to_hf_dict()`)."""
        return self.wordpieces.to_hf_dict()

    def to_dict(self) -> dict[str, Any]:
        """Plain data (lists, dicts, arrays): the layout spacy-transformers stores, so a Doc's
        trf_data saved by either library reads in the other."""
        return {"wordpieces": self.wordpieces.to_dict(), "model_output": self.model_output,
                "align": [self.align.dataXd, self.align.lengths]}

    def from_dict(self, msg: dict[str, Any]) -> "TransformerData":
        try:
            data, lengths = msg["align"]
            self.wordpieces = WordpieceBatch.empty().from_dict(msg["wordpieces"])
            self.model_output = ModelOutput(msg["model_output"])
        except (KeyError, TypeError, ValueError) as e:
            raise TransformerError(f"Not a stored TransformerData ({type(e).__name__}: {e}); "
                                   "expected to_dict()'s keys wordpieces, model_output, "
                                   "align.") from None
        self.align = Ragged(numpy.asarray(data), numpy.asarray(lengths, dtype="int32"))
        return self

    def to_bytes(self) -> bytes:
        from .. import msgpack

        return msgpack.dumps(self.to_dict())

    def from_bytes(self, byte_string: bytes) -> "TransformerData":
        from .. import msgpack

        try:
            msg = msgpack.loads(byte_string)
        except Exception as e:  # noqa: BLE001 - msgpack raises many types for bad bytes
            raise TransformerError(f"TransformerData.from_bytes: not msgpack ({e}).") from None
        return self.from_dict(msg)


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

    @classmethod
    def empty(cls, nr_docs: int) -> "FullTransformerBatch":
        """No output for `nr_docs` Docs (each gets TransformerData.empty())."""
        return cls(spans=[[] for _ in range(nr_docs)], wordpieces=WordpieceBatch.empty(),
                   model_output=ModelOutput(), align=_empty_ragged(), doc_lengths=None,
                   cached_doc_data=[TransformerData.empty() for _ in range(nr_docs)])

    @property
    def tensors(self) -> tuple:
        """The outputs in the model's order (torch tensors; tuples of them per layer)."""
        return self.model_output.to_tuple()

    @property
    def tokens(self) -> dict[str, Any]:
        """spacy-transformers' deprecated name for `wordpieces.to_hf_dict()`."""
        return self.wordpieces.to_hf_dict()

    @property
    def doc_data(self) -> list[TransformerData]:
        """One TransformerData per Doc (computed once)."""
        if self.cached_doc_data is None:
            self.cached_doc_data = self.split_by_doc()
        return self.cached_doc_data

    def unsplit_by_doc(self, arrays: list[list]) -> "FullTransformerBatch":
        """A batch with this one's spans, wordpieces and alignment and, as its outputs,
        `arrays` (per Doc, a list of arrays) stacked over Docs: output_0, output_1, ... (how
        spacy-transformers builds a gradient to pass back to the model)."""
        from thinc.api import get_array_module, xp2torch

        if not arrays or not arrays[0]:
            raise TransformerError("unsplit_by_doc takes one list of arrays per Doc, e.g. "
                                   "[[doc_grad] for doc_grad in grads], with at least one Doc.")
        xp = get_array_module(arrays[0][0])
        seq_len = self.wordpieces.input_ids.shape[1]
        output = ModelOutput()
        for i, per_doc in enumerate(zip(*arrays)):
            # each Doc's rows are trimmed to its own longest span (split_by_doc): pad them
            # back to the batch's sequence length
            per_doc = [_padded_to(array, seq_len, xp) for array in per_doc]
            output[f"output_{i}"] = xp2torch(xp.vstack(per_doc))
        return FullTransformerBatch(spans=self.spans, wordpieces=self.wordpieces,
                                    model_output=output, align=self.align,
                                    doc_lengths=self.doc_lengths)

    def split_by_doc(self) -> list[TransformerData]:
        """Slice the batch into per-Doc data: each Doc keeps its own spans' rows, trimmed to
        its own longest span, with its alignment re-indexed into them."""
        model_output = ModelOutput({name: _as_array(value)
                                    for name, value in self.model_output.items()})
        state = model_output.get("last_hidden_state")
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
            if token_end == token_start:  # an empty Doc: no output, as spacy-transformers
                outputs.append(TransformerData.empty())
                span_start = span_end
                continue
            doc_lengths = lengths[token_start:token_end]
            doc_indices = indices[entry_ends[token_start]:entry_ends[token_end]]
            wordpieces = self.wordpieces[span_start:span_end]
            width = wordpieces.input_ids.shape[1] if span_end > span_start else 0
            rows, cols = numpy.divmod(doc_indices, seq_len)
            new_indices = ((rows - span_start) * width + cols).astype("int32")
            output = ModelOutput()
            for name, value in model_output.items():
                output[name] = _slice_output(value, span_start, span_end, width, seq_len)
            outputs.append(TransformerData(
                wordpieces=wordpieces, model_output=output,
                align=Ragged(new_indices, doc_lengths.astype("int32"))))
            span_start = span_end
            token_start = token_end
        return outputs


def as_torch_output(output: ModelOutput) -> ModelOutput:
    """A batch's outputs as torch tensors (zero-copy views; per-layer lists as tuples), the
    types spacy-transformers' FullTransformerBatch holds."""
    from thinc.api import xp2torch

    def convert(value):
        if isinstance(value, (list, tuple)):
            return tuple(convert(v) for v in value)
        return value if hasattr(value, "detach") else xp2torch(value)

    return BatchModelOutput({name: convert(value) for name, value in output.items()})


def _as_array(value):
    """A torch tensor (or a tuple of them) as numpy/cupy, zero-copy; arrays as they are."""
    if isinstance(value, (list, tuple)):
        return [_as_array(v) for v in value]
    if hasattr(value, "detach"):
        from thinc.api import torch2xp

        return torch2xp(value.detach())
    return value


def last_hidden_grad(grad):
    """The gradient of the last hidden state in any of the forms a layer may pass back: an
    array, None, a TransformerData or FullTransformerBatch holding it (spacy-transformers'
    layers pass those: unsplit_by_doc's "output_0", or "last_hidden_state")."""
    if grad is None or not hasattr(grad, "model_output"):
        return _as_array(grad)
    output = grad.model_output
    if not output:
        return None
    value = output.get("last_hidden_state", output.get("output_0"))
    return _as_array(next(iter(output.values())) if value is None else value)


def _padded_to(array, seq_len: int, xp):
    """A (spans, pieces, ...) array with zeros appended along its pieces to seq_len; other
    arrays (a pooled output's (spans, width)) as they are."""
    if array.ndim < 3 or array.shape[1] >= seq_len:
        return array
    padding = [(0, 0)] * array.ndim
    padding[1] = (0, seq_len - array.shape[1])
    return xp.pad(array, padding)


def _slice_output(value, start: int, end: int, width: int, seq_len: int):
    if isinstance(value, (list, tuple)):
        return [_slice_output(v, start, end, width, seq_len) for v in value]
    if value.ndim == 3 and value.shape[1] == seq_len:
        return value[start:end, :width].copy()
    if value.ndim == 4 and value.shape[2:] == (seq_len, seq_len):  # attentions
        return value[start:end, :, :width, :width].copy()
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
