"""English special cases: contractions, clipped words, abbreviations and times.

Generated from small tables at import (about a millisecond). Tokens are dicts keyed by
the attribute ids ORTH (65) and NORM (67); a token without NORM keeps its lexeme's norm.
Every entry with a straight apostrophe also gets a twin spelled with U+2019.
"""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, NORM, ORTH, Exceptions, merge_exceptions

Piece = tuple[str, str | None]  # (orth, norm or None)

# Apostrophe-less contractions that are ordinary words ("ill", "well", "shed") are not split.
_REAL_WORDS = {form for w in ("ill", "its", "hell", "shell", "shed", "were", "well", "whore")
               for form in (w, w.title())}


def _tokens(pieces: list[Piece]) -> list[dict[int, str]]:
    out = []
    for orth, norm in pieces:
        tok = {ORTH: orth}
        if norm is not None:
            tok[NORM] = norm
        out.append(tok)
    return out


def _spelled(text: str) -> list[Piece]:
    """Pieces from a compact spelling: "How=how 'd 'y=you" (orth[=norm], space separated)."""
    out: list[Piece] = []
    for item in text.split():
        orth, _, norm = item.partition("=")
        out.append((orth, norm or None))
    return out


# Clitics after a pronoun or wh-word: name -> (pieces with apostrophe, pieces without).
_CLITICS: dict[str, tuple[list[Piece], list[Piece]]] = {
    "m": ([("'m", "am")], [("m", None)]),
    "ma": ([("'m", "am"), ("a", "gonna")], [("m", "am"), ("a", "gonna")]),
    "ll": ([("'ll", "will")], [("ll", "will")]),
    "llve": ([("'ll", "will"), ("'ve", "have")], [("ll", "will"), ("ve", "have")]),
    "d": ([("'d", "'d")], [("d", "'d")]),
    "dve": ([("'d", "would"), ("'ve", "have")], [("d", "would"), ("ve", "have")]),
    "ve": ([("'ve", "have")], [("ve", "have")]),
    "re": ([("'re", "are")], [("re", "are")]),
    "s": ([("'s", "'s")], [("s", None)]),
}

# Which clitics each pronoun takes.
_PRONOUNS: dict[str, str] = {
    "i": "m ma ll llve d dve ve",
    "you": "ll llve d dve ve re",
    "we": "ll llve d dve ve re",
    "they": "ll llve d dve ve re",
    "he": "ll llve d dve s",
    "she": "ll llve d dve s",
    "it": "ll llve d dve s",
}

# Wh-words and demonstratives: singular ones take "'s", plural ones "'re" and "'ve".
_WH_WORDS: dict[str, str] = {
    **{w: "s ll llve d dve re ve" for w in ("who", "what", "when", "where", "why", "how",
                                            "there")},
    "that": "s ll llve d dve",
    "this": "s ll llve d dve",
    "these": "ll llve d dve re ve",
    "those": "ll llve d dve re ve",
}

# Auxiliaries before "n't": orth -> norm (None: no norm). The modals also take "n't've".
_MODALS_NT = {"ca": "can", "could": "could", "do": "do", "does": "does", "did": "do",
              "had": "have", "may": "may", "might": "might", "must": "must", "need": "need",
              "ought": "ought", "sha": "shall", "should": "should", "wo": "will",
              "would": "would"}
_MODALS_VE = ("could", "might", "must", "should", "would")
_VERBS_NT = {"ai": None, "are": "are", "is": "is", "was": "was", "were": "were",
             "have": "have", "has": "has", "dare": "dare"}

# Words with a dropped final g; each is kept whole with or without the apostrophe.
_DROPPED_G = {"doin": "doing", "goin": "going", "nothin": "nothing", "nuthin": "nothing",
              "somethin": "something", "lovin": "loving", "havin": "having", "ol": "old"}
# Words with a dropped start; kept whole with or without the leading apostrophe.
_DROPPED_START = {"em": "them", "ll": "will", "nuff": "enough"}

_MULTI = [
    "y'=you all", "y=you all", "how 'd 'y=you", "How=how 'd 'y=you",
    "not 've=have", "not ve=have", "Not=not 've=have", "Not=not ve=have",
    "can not", "Can=can not", "gon=going na=to", "Gon=going na=to",
    "got ta=to", "Got=got ta=to", "let 's=us", "Let=let 's=us", "c'm=come on", "C'm=come on",
]

# Single tokens with a norm.
_NORMED: dict[str, str] = {
    "'s": "'S 's \u2018S \u2018s", "and/or": "and/or", "without": "w/o", "are": "'re",
    "because": "'Cause 'cause 'cos 'Cos 'coz 'Coz 'cuz 'Cuz", "about": "'bout",
    "madam": "ma'am Ma'am", "o'clock": "o'clock O'clock", "Mount": "Mt.",
    # months
    "January": "Jan.", "February": "Feb.", "March": "Mar.", "April": "Apr.", "June": "Jun.",
    "July": "Jul.", "August": "Aug.", "September": "Sep. Sept.", "October": "Oct.",
    "November": "Nov.", "December": "Dec.",
    # US states
    "Alaska": "Ak.", "Alabama": "Ala.", "Arizona": "Ariz.", "Arkansas": "Ark.",
    "California": "Calif.", "Colorado": "Colo.", "Connecticut": "Conn.", "Delaware": "Del.",
    "Florida": "Fla.", "Georgia": "Ga.", "Iowa": "Ia.", "Idaho": "Id.", "Illinois": "Ill.",
    "Indiana": "Ind.", "Kansas": "Kan. Kans.", "Kentucky": "Ky.", "Louisiana": "La.",
    "Massachusetts": "Mass.", "Michigan": "Mich.", "Minnesota": "Minn.",
    "Mississippi": "Miss.", "North Carolina": "N.C.", "North Dakota": "N.D.",
    "New Hampshire": "N.H.", "New Jersey": "N.J.", "New Mexico": "N.M.", "New York": "N.Y.",
    "Nebraska": "Neb. Nebr.", "Nevada": "Nev.", "Oklahoma": "Okla.", "Oregon": "Ore.",
    "Pennsylvania": "Pa.", "South Carolina": "S.C.", "Tennessee": "Tenn.", "Virginia": "Va.",
    "Washington": "Wash.", "Wisconsin": "Wis.",
}

# Abbreviations kept whole, without a norm.
_ABBREVIATIONS = (
    "'d a.m. p.m. Adm. Bros. co. Co. Corp. D.C. Dr. e.g. E.g. E.G. Gen. Gov. i.e. I.e. I.E. "
    "Inc. Jr. Ltd. Md. Messrs. Mo. Mont. Mr. Mrs. Ms. Ph.D. Prof. Rep. Rev. Sen. St. vs. v.s."
)


def _english_exceptions() -> Exceptions:
    exc: Exceptions = {}

    def add(pieces: list[Piece]) -> None:
        key = "".join(orth for orth, _ in pieces)
        if key not in _REAL_WORDS:
            exc[key] = _tokens(pieces)

    def host_clitics(word: str, clitics: str, wh: bool) -> None:
        for orth in (word, word.title()):
            for name in clitics.split():
                with_apos, bare = _CLITICS[name]
                add([(orth, word)] + with_apos)
                add([(orth, word)] + bare)
            if wh and "ve" in clitics.split():
                # after a wh-word "'ve" keeps no norm, and bare "ve" leaves the host un-normed
                add([(orth, word), ("'ve", None)])
                add([(orth, None), ("ve", "have")])

    for word, clitics in _PRONOUNS.items():
        host_clitics(word, clitics, wh=False)
    for word, clitics in _WH_WORDS.items():
        host_clitics(word, clitics, wh=True)

    for verbs, endings in ((_MODALS_NT, ("n't", "nt", "n't've", "ntve")),
                           (_VERBS_NT, ("n't", "nt"))):
        for verb, norm in verbs.items():
            for orth in (verb, verb.title()):
                for ending in endings:
                    neg = "n't" if ending.startswith("n'") else "nt"
                    rest = ending[len(neg):]
                    pieces: list[Piece] = [(orth, norm), (neg, "not")]
                    if rest:
                        pieces.append((rest, "have"))
                    add(pieces)
    for verb in _MODALS_VE:
        for orth in (verb, verb.title()):
            add([(orth, verb), ("'ve", None)])
            add([(orth, verb), ("ve", None)])

    for stem, norm in _DROPPED_G.items():
        for orth in (stem, stem.title()):
            add([(orth, norm)])
            add([(orth + "'", norm)])
    for stem, norm in _DROPPED_START.items():
        add([(stem, norm)])
        add([("'" + stem, norm)])

    for hour in range(1, 13):
        for period, norm in (("a.m.", "a.m."), ("am", "a.m."), ("p.m.", "p.m."), ("pm", "p.m.")):
            add([(str(hour), None), (period, norm)])

    for spelling in _MULTI:
        add(_spelled(spelling))
    for norm, orths in _NORMED.items():
        for orth in orths.split():
            add([(orth, norm)])
    for orth in _ABBREVIATIONS.split():
        add([(orth, None)])
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _english_exceptions())
