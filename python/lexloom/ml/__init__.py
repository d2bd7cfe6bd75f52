"""Thinc layers and model architectures: hashed embeddings, feature extraction, the Tok2Vec
family. The modules here import thinc (slow), so this package imports none of them itself:
`import lexloom` and `lexloom.blank` never load thinc. Code that builds models from configs
calls `ensure_registered()` first, so every architecture name resolves.
"""
from __future__ import annotations

__all__ = ["ensure_registered"]


def ensure_registered() -> None:
    """Import the layer modules, registering their functions under their `lexloom.*` names
    and the `spacy.*` names spaCy configs use. Idempotent and cheap after the first call."""
    from . import (charembed, featureextractor, hashembed, multi_task,  # noqa: F401
                   staticvectors)
    from . import extract_ngrams, extract_spans, models  # noqa: F401
