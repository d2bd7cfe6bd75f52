"""FeatureExtractor: Docs (or Spans) to (n_tokens, n_attrs) uint64 attribute arrays, one
native Doc.to_array call per doc."""
from __future__ import annotations

from typing import Callable, List, Sequence, Tuple, Union

from thinc.api import Model
from thinc.types import Ints2d

from .. import ml_ops
from ..attrs import ID as _ID
from ..attrs import readable_attr
from ..errors import ModelError
from ..registry import register
from ._util import uses_native


class AttributeNameError(ModelError, KeyError):
    """A layer's attribute name that no attribute has (MultiHashEmbed attrs, FeatureExtractor
    columns): a KeyError too, as spaCy's Doc.to_array raises it (E983)."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


def attr_ids(columns: Sequence[Union[str, int]], where: str = "attrs") -> List[int]:
    """Attribute names ("NORM", "prefix") or ids -> ids, with an AttributeNameError (a
    ModelError and a KeyError) naming the bad one.
    Integer ids need not name an attribute: as in spaCy, such a column reads as zeros."""
    if isinstance(columns, (str, int)):
        raise ModelError(f"{where} must be a list of attribute names, got {columns!r}; "
                         f'write ["{columns}"].')
    ids = []
    for column in columns:
        try:
            ids.append(readable_attr(column))
        except KeyError as e:
            raise AttributeNameError(f"{where}: {e.args[0].removeprefix('[lexloom] ')}") from None
    return ids


@register("layers", "lexloom.FeatureExtractor.v1", "spacy.FeatureExtractor.v1")
def FeatureExtractor(columns: Sequence[Union[str, int]]) -> Model:
    """Docs -> one uint64 array per doc, of shape (len(doc), len(columns)): the columns are
    lexical or token attributes by name or id (NORM, PREFIX, SUFFIX, SHAPE, ORTH, LOWER...).
    Names are checked here, so a config with a misspelt one fails when the pipeline is built."""
    attr_ids(columns, "FeatureExtractor columns")
    return Model("extract_features", forward, attrs={"columns": list(columns)})


def _fill_ranks(docs, ids: List[int], flat) -> None:
    """The ID columns as spaCy's: each word's rank (its vectors row, else OOV_RANK), which
    the native pass can't read (lexloom's lexeme id is its slot in the vocab's table)."""
    ranks = [doc.vocab._rank(token.orth) for doc in docs for token in doc]
    for col, attr_id in enumerate(ids):
        if attr_id == _ID:
            flat[:, col] = ranks


def extract(docs, ids: List[int]):
    """The columns `ids` of every token of `docs`, one row per token (uint64), as spaCy's
    FeatureExtractor reads them: one native pass, then the ID columns' ranks."""
    flat = ml_ops.docs_to_array(docs, ids)
    if _ID in ids:
        _fill_ranks(docs, ids, flat)
    return flat


def forward(model: Model, docs, is_train: bool) -> Tuple[List[Ints2d], Callable]:
    ids = attr_ids(model.attrs["columns"], "FeatureExtractor columns")
    flat = extract(docs, ids)  # one native pass over the whole batch
    features: List[Ints2d] = []
    start = 0
    for doc in docs:
        end = start + len(doc)
        features.append(flat[start:end])
        start = end
    if not uses_native(model):
        features = [model.ops.asarray2i(f, dtype="uint64") for f in features]

    def backprop(d_features: List[Ints2d]) -> List:
        return []

    return features, backprop
