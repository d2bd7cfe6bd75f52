"""Model architectures: the networks that components run, each registered under its
`lexloom.*` name and the `spacy.*` names spaCy configs use, and each building spaCy 3.8's
Thinc tree (same nodes in walk() order, names, dims and params), so weights move between the
two libraries with Model.to_bytes / from_bytes. Importing this package imports thinc."""
from __future__ import annotations

from .entity_linker import (build_nel_encoder, build_span_maker, create_candidates,
                            create_candidates_batch, empty_kb, empty_kb_for_config, load_kb,
                            span_maker_forward)
from .parser import build_tb_parser_model
from .spancat import build_linear_logistic, build_mean_max_reducer, build_spancat_model
from .span_finder import build_finder_model, flattener
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
           "MishWindowEncoder", "HashEmbedCNN", "build_nel_encoder", "build_span_maker",
           "span_maker_forward", "load_kb", "empty_kb", "empty_kb_for_config",
           "create_candidates", "create_candidates_batch", "build_finder_model", "flattener"]
