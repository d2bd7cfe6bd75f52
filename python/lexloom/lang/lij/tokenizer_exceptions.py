"""Ligurian special cases: a preposition fused with the article ("a-o", "co-a", "da-i",
"pe-e": a, co, da, pe with a, e, i, o) is one word, though it holds a hyphen; after an elided
"sott'", "contr'", "ch'" or "s'" it still splits off as one ("sott'a-o")."""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, ORTH, Exceptions, merge_exceptions

_PREPOSITIONS = ("a", "co", "da", "pe")
_ARTICLES = ("a", "e", "i", "o")
_ELIDED = ("sott", "contr", "ch", "s")


def _ligurian_exceptions() -> Exceptions:
    exc: Exceptions = {}
    for prep in _PREPOSITIONS:
        for article in _ARTICLES:
            fused = f"{prep}-{article}"
            for orth in (fused, fused.capitalize()):
                exc[orth] = [{ORTH: orth}]
    for article in _ARTICLES:
        for elided in _ELIDED:
            for apostrophe in ("'", "\u2019"):
                for head in (elided + apostrophe, (elided + apostrophe).capitalize()):
                    exc[head + "a-" + article] = [{ORTH: head}, {ORTH: "a-" + article}]
    return exc


TOKENIZER_EXCEPTIONS = merge_exceptions(BASE_EXCEPTIONS, _ligurian_exceptions())
