"""Bengali special cases: title and unit abbreviations kept whole with their period or
visarga ("ডঃ", "সে.", "কি.মি."), each with the full word as NORM."""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, NORM, ORTH, Exceptions, merge_exceptions

# full word -> its abbreviations
_ABBREVIATIONS = {
    "ডক্টর": "ডঃ ড.",  # doctor (academic)
    "ডাক্তার": "ডাঃ ডা.",  # doctor (medical)
    "মোহাম্মদ": "মোঃ মো.",  # Mohammad
    "সেলসিয়াস": "সে.",  # Celsius
    "কিলোমিটার": "কি.মি. কি.মি",  # kilometre
    "সেন্টিমিটার": "সে.মি. সে.মি",  # centimetre
    "মিলিলিটার": "মি.লি.",  # millilitre
}


def _bengali_exceptions() -> Exceptions:
    return {orth: [{ORTH: orth, NORM: norm}]
            for norm, orths in _ABBREVIATIONS.items() for orth in orths.split()}


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _bengali_exceptions())
