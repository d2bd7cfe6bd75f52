"""Malay noun chunks (Universal Dependencies labels): spaCy 3.8 gives this language the
rule it gives Norwegian (a nominal head with an argument or nominal-modifier label, or a
conjunct of one, spans its whole subtree; chunks never nest), so lexloom shares that one."""
from __future__ import annotations

from ..nb.syntax_iterators import noun_chunks

SYNTAX_ITERATORS = {"noun_chunks": noun_chunks}
