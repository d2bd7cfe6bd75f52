"""Training data: converters from CoNLL-U / IOB / CoNLL NER files to `.spacy` DocBins."""
from __future__ import annotations
