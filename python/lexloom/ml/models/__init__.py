"""Model architectures: the networks that components run, each registered under its
`lexloom.*` name and the `spacy.*` names spaCy configs use, and each building spaCy 3.8's
Thinc tree (same nodes in walk() order, names, dims and params), so weights move between the
two libraries with Model.to_bytes / from_bytes. Importing this package imports thinc."""
from __future__ import annotations

from .parser import build_tb_parser_model
from .spancat import build_linear_logistic, build_mean_max_reducer, build_spancat_model
from .tagger import build_tagger_model
from .textcat import (build_bow_text_classifier, build_bow_text_classifier_v3,
                      build_reduce_text_classifier, build_simple_cnn_text_classifier,
                      build_text_classifier_lowdata, build_text_classifier_v2,
                      build_textcat_parametric_attention_v1)
from .tok2vec import (CharacterEmbed, HashEmbedCNN, MaxoutWindowEncoder, MishWindowEncoder,
                      MultiHashEmbed, Tok2Vec)

__all__ = ["build_tb_parser_model", "build_tagger_model", "build_bow_text_classifier",
           "build_bow_text_classifier_v3", "build_reduce_text_classifier",
           "build_simple_cnn_text_classifier", "build_text_classifier_lowdata",
           "build_text_classifier_v2", "build_textcat_parametric_attention_v1",
           "build_linear_logistic", "build_mean_max_reducer", "build_spancat_model",
           "Tok2Vec", "MultiHashEmbed", "CharacterEmbed", "MaxoutWindowEncoder",
           "MishWindowEncoder", "HashEmbedCNN"]
