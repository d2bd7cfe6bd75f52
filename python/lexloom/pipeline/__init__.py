"""Pipeline components. Importing this package registers their factories with
Language.factory, and their architectures and scorers in lexloom.registry (under `lexloom.*`
and spaCy's names). It imports thinc, so `import lexloom` doesn't import it: Language does,
the first time a factory is looked up."""
from __future__ import annotations

from .morphologizer import Morphologizer
from .ner import EntityRecognizer
from .parser import DependencyParser
from .pipe import Pipe
from .senter import SentenceRecognizer
from .tagger import Tagger
from .textcat import MultiLabel_TextCategorizer, TextCategorizer
from .tok2vec import Tok2Vec, Tok2VecListener
from .transformer import Transformer
from .trainable_pipe import TrainablePipe
from .functions import DocCleaner, TokenSplitter, merge_entities, merge_noun_chunks, merge_subtokens
from .sentencizer import Sentencizer
from .lemmatizer import Lemmatizer
from .attributeruler import AttributeRuler
from .edit_tree_lemmatizer import EditTreeLemmatizer
from .span_ruler import SpanRuler
from .entity_ruler import EntityRuler
from .spancat import SpanCategorizer
from .entity_linker import EntityLinker
from .span_finder import SpanFinder
from . import dep_parser, entityruler, textcat_multilabel  # noqa: F401  (spaCy's module paths)
from .multitask import ClozeMultitask, MultitaskObjective  # noqa: F401  (nn_labeller)

__all__ = ["Pipe", "TrainablePipe", "Tok2Vec", "Tok2VecListener", "Tagger", "Morphologizer",
           "SentenceRecognizer", "DependencyParser", "EntityRecognizer", "TextCategorizer",
           "MultiLabel_TextCategorizer", "Transformer", "Lemmatizer", "AttributeRuler",
           "EditTreeLemmatizer", "SpanRuler", "EntityRuler", "Sentencizer", "TokenSplitter",
           "DocCleaner", "merge_entities", "merge_noun_chunks", "merge_subtokens",
           "ensure_registered", "SpanCategorizer", "EntityLinker", "SpanFinder"]


def ensure_registered() -> None:
    """Factories, architectures and scorers are registered on import; nothing more to do."""



def __getattr__(name: str):
    """spaCy's `spacy.pipeline.factories` / `spacy.pipeline.legacy` without importing them
    first (spaCy's package imports them; here they load on first use)."""
    if name in ("factories", "legacy"):
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
