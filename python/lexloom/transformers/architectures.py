"""spacy-transformers' architecture functions under their module names
(`spacy_transformers.architectures`); each is the lexloom function the registry gives for
the same `spacy-transformers.*` name."""
from __future__ import annotations

from .listener import TransformerListener_v1 as transformer_listener_tok2vec_v1
from .model import TransformerModel_v1 as create_TransformerModel_v1
from .model import TransformerModel_v2 as create_TransformerModel_v2
from .model import spacy_transformers_TransformerModel_v3 as create_TransformerModel_v3
from .tok2vec import Tok2VecTransformer_v1 as transformer_tok2vec_v1
from .tok2vec import Tok2VecTransformer_v2 as transformer_tok2vec_v2
from .tok2vec import spacy_transformers_Tok2VecTransformer as transformer_tok2vec_v3

__all__ = ["transformer_listener_tok2vec_v1", "transformer_tok2vec_v1",
           "transformer_tok2vec_v2", "transformer_tok2vec_v3", "create_TransformerModel_v1",
           "create_TransformerModel_v2", "create_TransformerModel_v3"]
