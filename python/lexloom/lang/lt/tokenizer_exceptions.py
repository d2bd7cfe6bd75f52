"""Lithuanian special cases: the shared ones, less every entry ending in a period (a final
period always splits off in Lithuanian, "km." included) and the emoticon "8)" (it would eat a
numbered item's bracket); plus "n-tosios" (nth) and "?!" kept whole."""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, ORTH, Exceptions, merge_exceptions

_KEPT_BASE: Exceptions = {orth: tokens for orth, tokens in BASE_EXCEPTIONS.items()
                          if not orth.endswith(".") and orth != "8)"}

TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(
    _KEPT_BASE, {orth: [{ORTH: orth}] for orth in ("n-tosios", "?!")})
