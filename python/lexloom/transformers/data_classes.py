"""spacy-transformers' module of output types (`spacy_transformers.data_classes`): lexloom's
own classes from data.py, and the msgpack hooks that store a TransformerData in Doc user data
through srsly (lexloom's own serialisers carry the same hooks, lexloom.msgpack).

Importing this module registers the hooks with srsly (`srsly.msgpack_dumps` of a
TransformerData works afterwards), as importing spacy_transformers does."""
from __future__ import annotations

import srsly

from ..msgpack import TRANSFORMER_DATA_KEY
from .data import FullTransformerBatch, HFObjects, ModelOutput, TransformerData, WordpieceBatch


@srsly.msgpack_encoders("transformerdata")
def serialize_transformer_data(obj, chain=None):
    if isinstance(obj, TransformerData):
        return {TRANSFORMER_DATA_KEY: obj.to_dict()}
    return obj if chain is None else chain(obj)


@srsly.msgpack_decoders("transformerdata")
def deserialize_transformer_data(obj, chain=None):
    if TRANSFORMER_DATA_KEY in obj:
        return TransformerData.empty().from_dict(obj[TRANSFORMER_DATA_KEY])
    return obj if chain is None else chain(obj)


__all__ = ["WordpieceBatch", "TransformerData", "FullTransformerBatch", "HFObjects",
           "ModelOutput", "serialize_transformer_data", "deserialize_transformer_data"]
