"""Finnish special cases: abbreviations ending in a period ("esim.", "ns.", "eaa.") and
"n:o"/"nro", kept whole; and conjunctions fused with the negation verb, split in two with
normalised forms ("ettemme" -> "ett" + "emme", "Miksei" -> "Miks" + "ei", norms "että",
"miksi"), in lowercase and capitalised spelling. Added to the language-independent cases.
"""
from __future__ import annotations

from ..tokenizer_exceptions import (
    BASE_EXCEPTIONS,
    NORM,
    ORTH,
    Exceptions,
    merge_exceptions,
)

# After Jukka Korpela's Finnish style guide, section 5.5.
_ABBREVIATIONS = (
    "aik. alk. alv. ark. as. eaa. ed. esim. huom. jne. joht. k. ks. lk. lkm. lyh. läh. "
    "miel. milj. Mm. mm. myöh. n. nimim. n:o N:o nro ns. nyk. oik. os. p. par. per. pj. "
    "puh.joht. prof. puh. pvm. rak. ry. s. siht. synt. t. tark. til. tms. toim. v. vas. "
    "vast. vrt. yht. yl. ym. yms. yo. yliopp. ao. em. ko. ml. po. so. ts. vm. srk."
)
# Conjunction stems that fuse with a negation verb (Iso suomen kielioppi § 141), with the
# full conjunction as norm; "joll-"/"ell-" are forms of "jos".
_CONJUNCTION_STEMS = {
    "ett": "että", "jott": "jotta", "kosk": "koska", "mutt": "mutta", "vaikk": "vaikka",
    "ehk": "ehkä", "miks": "miksi", "siks": "siksi", "joll": "jos", "ell": "jos",
}
# Negation verb forms; "eivat" is the spelling without umlauts.
_NEGATIONS = {"en": "en", "et": "et", "ei": "ei", "emme": "emme", "ette": "ette",
              "eivat": "eivät", "eivät": "eivät"}


def _finnish_exceptions() -> Exceptions:
    exc: Exceptions = {orth: [{ORTH: orth}] for orth in _ABBREVIATIONS.split()}
    for stem, stem_norm in _CONJUNCTION_STEMS.items():
        for spelled in (stem, stem.title()):
            for negation, negation_norm in _NEGATIONS.items():
                exc[spelled + negation] = [{ORTH: spelled, NORM: stem_norm},
                                           {ORTH: negation, NORM: negation_norm}]
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _finnish_exceptions())
