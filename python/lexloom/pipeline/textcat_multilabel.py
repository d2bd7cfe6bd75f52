"""spaCy's module path for the multi-label text categorizer
(spacy.pipeline.textcat_multilabel); the code is in textcat.py."""
from .textcat import (
                      DEFAULT_MULTI_TEXTCAT_MODEL,
                      MultiLabel_TextCategorizer,
                      make_multilabel_textcat,
                      make_textcat_multilabel_scorer,
                      textcat_multilabel_score,
)

__all__ = [
                      "DEFAULT_MULTI_TEXTCAT_MODEL",
                      "MultiLabel_TextCategorizer",
                      "make_multilabel_textcat",
                      "make_textcat_multilabel_scorer",
                      "textcat_multilabel_score",
]
