"""spaCy's `tokens.token` path: Token (a view of one token, defined natively in tokens/doc.pyx)
and the IOB code strings."""
from ..attrs import IOB_STRINGS
from .doc import Token

__all__ = ["IOB_STRINGS", "Token"]
