"""The Tagger architecture (tagger, morphologizer, senter, trainable_lemmatizer): a tok2vec,
then one softmax layer applied to every token's vector."""
from __future__ import annotations

from typing import List, Optional

from thinc.api import Model, Softmax, Softmax_v2, chain, with_array, zero_init
from thinc.types import Floats2d

from ...registry import register


@register("architectures", "lexloom.Tagger.v2", "spacy.Tagger.v2")
def build_tagger_model(tok2vec: Model, nO: Optional[int] = None, normalize: bool = False
                       ) -> Model[List, List[Floats2d]]:
    """tok2vec >> with_array(Softmax_v2) with zero-initialized weights. normalize=False
    returns the unnormalized scores at inference (same argmax, no exp), as spaCy does."""
    width = tok2vec.get_dim("nO") if tok2vec.has_dim("nO") else None
    output_layer = Softmax_v2(nO, width, init_W=zero_init, normalize_outputs=normalize)
    return _tagger(tok2vec, output_layer)


@register("architectures", "lexloom.Tagger.v1", "spacy.Tagger.v1", "spacy-legacy.Tagger.v1")
def build_tagger_model_v1(tok2vec: Model, nO: Optional[int] = None
                          ) -> Model[List, List[Floats2d]]:
    """The first version: thinc's Softmax (v1), whose outputs are always normalized."""
    width = tok2vec.get_dim("nO") if tok2vec.has_dim("nO") else None
    return _tagger(tok2vec, Softmax(nO, width, init_W=zero_init))


def _tagger(tok2vec: Model, output_layer: Model) -> Model:
    model = chain(tok2vec, with_array(output_layer))
    model.set_ref("tok2vec", tok2vec)
    model.set_ref("softmax", output_layer)
    model.set_ref("output_layer", output_layer)
    return model
