"""spaCy's module path for the DependencyParser (spacy.pipeline.dep_parser); the code is in
parser.py."""
from .parser import (
                     DEFAULT_PARSER_MODEL,
                     DELIMITER,
                     DependencyParser,
                     make_beam_parser,
                     make_parser,
                     make_parser_scorer,
                     parser_score,
)

__all__ = [
                     "DEFAULT_PARSER_MODEL",
                     "DELIMITER",
                     "DependencyParser",
                     "make_beam_parser",
                     "make_parser",
                     "make_parser_scorer",
                     "parser_score",
]
