"""spaCy's module path for the multi-label text categorizer
(spacy.pipeline.textcat_multilabel) and its model configs; the code is in textcat.py."""
from .textcat import (
                      DEFAULT_MULTI_TEXTCAT_MODEL,
                      MultiLabel_TextCategorizer,
                      bow_config_str,
                      cnn_config_str,
                      default_config_str,
                      make_multilabel_textcat,
                      make_textcat_multilabel_scorer,
                      textcat_multilabel_score,
)

multi_label_default_config = default_config_str(False)
multi_label_bow_config = bow_config_str(False)
multi_label_cnn_config = cnn_config_str(False)

__all__ = [
                      "DEFAULT_MULTI_TEXTCAT_MODEL",
                      "MultiLabel_TextCategorizer",
                      "make_multilabel_textcat",
                      "make_textcat_multilabel_scorer",
                      "multi_label_bow_config",
                      "multi_label_cnn_config",
                      "multi_label_default_config",
                      "textcat_multilabel_score",
]
