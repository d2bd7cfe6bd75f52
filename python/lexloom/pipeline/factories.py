"""spaCy 3.8's module of the built-in component factories (spacy.pipeline.factories): the
same function objects as the component modules define and register, gathered in one place
for code that imports them from here."""
from __future__ import annotations

from .attributeruler import make_attribute_ruler
from .dep_parser import make_beam_parser, make_parser
from .edit_tree_lemmatizer import make_edit_tree_lemmatizer
from .entity_linker import make_entity_linker
from .entityruler import make_entity_ruler
from .functions import make_doc_cleaner, make_token_splitter
from .lemmatizer import make_lemmatizer
from .morphologizer import make_morphologizer
from .multitask import make_nn_labeller
from .ner import make_beam_ner, make_ner
from .senter import make_senter
from .sentencizer import make_sentencizer
from .span_finder import make_span_finder
from .span_ruler import make_future_entity_ruler, make_span_ruler
from .spancat import make_spancat, make_spancat_singlelabel
from .tagger import make_tagger
from .textcat import make_textcat
from .textcat_multilabel import make_multilabel_textcat
from .tok2vec import make_tok2vec

__all__ = ["make_attribute_ruler", "make_beam_ner", "make_beam_parser", "make_doc_cleaner",
           "make_edit_tree_lemmatizer", "make_entity_linker", "make_entity_ruler",
           "make_future_entity_ruler", "make_lemmatizer", "make_morphologizer",
           "make_multilabel_textcat", "make_ner", "make_nn_labeller", "make_parser", "make_senter",
           "make_sentencizer", "make_span_finder", "make_span_ruler", "make_spancat",
           "make_spancat_singlelabel", "make_tagger", "make_textcat", "make_tok2vec",
           "make_token_splitter"]
