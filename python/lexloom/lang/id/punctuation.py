"""Indonesian affixes (shared with Malay): currency codes written before amounts ("Rp",
"USD") and a few HTML tags split off as prefixes; "-nya", "-ku", "-mu" clitics, Indonesian
units after numbers ("5rb", "10jt", "2GHz") and closing HTML tags as suffixes; and infixes
for number ranges and ratios ("2/3", "10%-20%"), a hyphen between letters and digits
("Covid-19"), and a hyphen or slash before a currency code or between letters."""
from __future__ import annotations

import re

from ..char_classes import ALPHA, CURRENCY_ITEMS, UNIT_ITEMS, alternation
from ..punctuation import TOKENIZER_INFIXES as BASE_INFIXES
from ..punctuation import TOKENIZER_PREFIXES as BASE_PREFIXES
from ..punctuation import TOKENIZER_SUFFIXES as BASE_SUFFIXES
from ..punctuation import after, between

# Units written in Indonesian and Malay text besides the shared ones: data rates, pixels,
# frequencies, and the number words used as units ("ribu", "jt" = juta, "miliar").
_LOCAL_UNITS = ("s bit Gbps Mbps mbps Kbps kbps ƒ ppi px Hz kHz MHz GHz mAh ratus rb ribu "
                "ribuan juta jt jutaan miliar milliar million biliun billiun bilyun billion")

HTML_PREFIX = r"<(b|strong|i|em|p|span|div|br)\s?/>|<a([^>]+)>"
HTML_SUFFIX = r"</(b|strong|i|em|p|span|div|a)>"


def affixes(currency_codes: str) -> tuple[list[str], list[str], list[str]]:
    """Prefixes, suffixes and infixes for a language of the Malay family, given the currency
    codes its texts use."""
    currencies = CURRENCY_ITEMS + currency_codes.split()
    currency = alternation(currencies)
    # As in spaCy, the local list is glued onto the shared one without a space: its first
    # unit "s" becomes part of the last shared unit ("اكوابs"), so "90s" stays one token.
    local = _LOCAL_UNITS.split()
    units = alternation(UNIT_ITEMS[:-1] + [UNIT_ITEMS[-1] + local[0]] + local[1:])
    # "#" stays on hashtags
    prefixes = [p for p in BASE_PREFIXES if p not in ("#", re.escape("#"))]
    prefixes += [re.escape(c) for c in currencies] + [HTML_PREFIX, "/", "\u2014"]
    suffixes = BASE_SUFFIXES + [
        r"\-[Nn]ya", "-[KkMm]u", "[\u2014-]",
        after("0-9", f"(?:{units})"),
        after("0-9", "%"),
        after("0-9" + ALPHA, f"(?:{HTML_SUFFIX})"),
    ]
    infixes = BASE_INFIXES + [
        between("0-9", r"[\\/]", "0-9%-"),  # "2/3"
        between("0-9", "%", ALPHA + "0-9/"),  # "10%-20%"
        r'(?<=[0-9)][.,])"(?=[0-9])',
        f"(?<=[{ALPHA})][.,'])[\"\u2014](?=[{ALPHA}])",  # 'kata."Lalu'
        between(ALPHA, "-", "0-9"),  # "Covid-19"
        between("0-9", "-", ALPHA),  # "3-an"
        f"(?<=[{ALPHA}])[\\/-](?={currency}|[{ALPHA}])",  # "Jokowi-Ahok", "per-Rp"
    ]
    return prefixes, suffixes, infixes


TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES, TOKENIZER_INFIXES = affixes("USD Rp IDR RMB SGD S$")
