"""`spacy_transformers.layers.transformer_model`: the TransformerModel and the functions
spacy-transformers' protocol names — loading (`huggingface_from_pretrained`), tokenizing
(`huggingface_tokenize`), `set_pytorch_transformer`, `init`, `forward` and the input/output
converters — for models built the way spacy-transformers builds them (a Model whose layer 0
is an HFWrapper, with `get_spans` and a tokenizer). lexloom's own TransformerModel keeps its
own forward (model.py: spans split to fit the model, sub-batches by length)."""
from __future__ import annotations

import logging
from pathlib import Path

from thinc.api import Model

from ..align import get_alignment, get_alignment_via_offset_mapping
from ..data import FullTransformerBatch, HFObjects, WordpieceBatch
from ..model import TransformerModel
from ..model import _convert_inputs as _convert_transformer_inputs
from ..model import _convert_outputs as _convert_transformer_outputs
from ..model import _forward as _lexloom_forward
from ..model import _init as _lexloom_init
from ..model import set_transformer as set_pytorch_transformer
from ..truncate import truncate_oversize_splits
from ..util import maybe_flush_pytorch_cache


def huggingface_from_pretrained(source: str | Path, tok_config: dict, trf_config: dict,
                                config_cls=None, model_cls=None,
                                tokenizer_cls=None) -> HFObjects:
    """The tokenizer and model of `source` (a local folder, or a model already in the
    Hugging Face cache: nothing is downloaded) as HFObjects; `*_cls`: the transformers Auto
    classes to load with (AutoConfig, AutoModel, AutoTokenizer by default)."""
    from transformers import AutoConfig, AutoModel, AutoTokenizer

    from ..hf import _offline_error, _quiet, attention_kwargs

    path = str(Path(source).absolute()) if isinstance(source, Path) else str(source)
    try:
        with _quiet():
            tokenizer = (tokenizer_cls or AutoTokenizer).from_pretrained(
                path, local_files_only=True, trust_remote_code=False, **tok_config)
            config = (config_cls or AutoConfig).from_pretrained(
                path, local_files_only=True, trust_remote_code=False,
                **{**trf_config, "return_dict": True})
            transformer = (model_cls or AutoModel).from_pretrained(
                path, config=config, local_files_only=True, trust_remote_code=False,
                **attention_kwargs(config))
    except (OSError, ValueError) as e:
        raise _offline_error(path, e) from None
    return HFObjects(tokenizer, transformer, None, dict(tok_config), dict(trf_config))


def huggingface_tokenize(tokenizer, texts: list[str]):
    """The tokenizer's padded batch encoding of `texts` as numpy arrays, with the piece
    strings as "input_texts" and the pad token as "pad_token" (what
    WordpieceBatch.from_batch_encoding reads); offsets too from a fast tokenizer."""
    data = tokenizer(texts, add_special_tokens=True, return_attention_mask=True,
                     return_offsets_mapping=bool(getattr(tokenizer, "is_fast", False)),
                     return_tensors="np", return_token_type_ids=None, padding="longest")
    data["input_texts"] = [tokenizer.convert_ids_to_tokens(ids) for ids in data["input_ids"]]
    data["pad_token"] = tokenizer.pad_token
    return data


def set_logger(model: Model, out_file) -> None:
    """Log the transformer's batch shapes and GPU memory before and after each forward and
    backprop to `out_file` (a stream), as spacy-transformers' set_logger: for debugging
    out-of-memory errors."""
    logging.basicConfig(level="INFO", format="%(asctime)s:%(levelname)s: %(message)s",
                        stream=out_file)
    model.attrs["logger"] = logging.getLogger(__name__)


def init(model: Model, X=None, Y=None) -> Model:
    """Load the transformer `name` names (lexloom's TransformerModel: its own init)."""
    if isinstance(model, TransformerModel) or not model.attrs.get("has_transformer", True):
        return _lexloom_init(model, X, Y)
    return model


def forward(model: Model, docs: list, is_train: bool):
    """Docs -> FullTransformerBatch. lexloom's TransformerModel runs its own forward; any
    other model runs spacy-transformers' protocol: its span getter, its tokenizer on the
    spans' texts, the alignment, truncation to the tokenizer's maximum, layer 0."""
    if isinstance(model, TransformerModel):
        return _lexloom_forward(model, docs, is_train)
    tokenizer = model.tokenizer
    nested = model.attrs["get_spans"](docs)
    spans = [span for doc_spans in nested for span in doc_spans]
    maybe_flush_pytorch_cache(model.attrs.get("flush_cache_chance", 0.0))
    encoding = huggingface_tokenize(tokenizer, [span.text for span in spans])
    wordpieces = WordpieceBatch.from_batch_encoding(encoding)
    if "offset_mapping" in encoding:
        align = get_alignment_via_offset_mapping(spans, encoding["offset_mapping"])
    else:
        align = get_alignment(spans, wordpieces.strings,
                              getattr(tokenizer, "all_special_tokens", None))
    wordpieces, align = truncate_oversize_splits(wordpieces, align,
                                                 tokenizer.model_max_length)
    output, backprop_output = model.layers[0](wordpieces, is_train)

    def backprop(d_output: FullTransformerBatch) -> list:
        backprop_output(d_output.model_output)
        return docs

    return FullTransformerBatch(spans=nested, wordpieces=wordpieces, model_output=output,
                                align=align), backprop


__all__ = ["TransformerModel", "HFObjects", "huggingface_from_pretrained", "set_logger",
           "huggingface_tokenize", "set_pytorch_transformer", "init", "forward",
           "_convert_transformer_inputs", "_convert_transformer_outputs"]
