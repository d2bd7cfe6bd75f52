"""Language-independent special cases and the URL pattern.

Special cases map a whole chunk (or an affix-stripped part of one) to fixed tokens. Tokens
are dicts keyed by the integer attribute ids ORTH (65) and NORM (67), the form spaCy's
`Tokenizer.rules` uses, so tables can be compared and saved rules interoperate.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable

from .char_classes import ALPHA_LOWER

ORTH = 65
NORM = 67

Exceptions = dict[str, list[dict[int, str]]]


def _url_pattern() -> str:
    """A URL, anchored at both ends.

    Scheme and user info are optional; the host is either a public IPv4 address or dotted
    labels ending in a lowercase top-level domain (so "lower.Upper" is not a URL and can be
    split by the infix rules); then an optional port and path. The address part follows
    Diego Perini's well-known URL validator (MIT licence), widened as spaCy widened it.
    """
    octet = r"(?:1?\d{1,2}|2[0-4]\d|25[0-5])"
    first_octet = r"(?:[1-9]\d?|1\d\d|2[01]\d|22[0-3])"  # no 0.x.x.x, no multicast
    last_octet = r"(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4])"  # no network or broadcast
    private = (
        r"(?!(?:10|127)(?:\.\d{1,3}){3})"
        r"(?!(?:169\.254|192\.168)(?:\.\d{1,3}){2})"
        r"(?!172\.(?:1[6-9]|2\d|3[0-1])(?:\.\d{1,3}){2})"
    )
    ipv4 = private + first_octet + rf"(?:\.{octet}){{2}}" + rf"(?:\.{last_octet})"
    label_char = r"[A-Za-z0-9\u00a1-\uffff]"
    label_inner = r"[A-Za-z0-9\u00a1-\uffff_-]"
    label = rf"(?:{label_char}{label_inner}{{0,62}})?{label_char}\."
    host = rf"(?:{label})+(?:[{ALPHA_LOWER}]{{2,63}})"
    return (
        "^"
        r"(?:(?:[\w\+\-\.]{2,})://)?"  # scheme://
        r"(?:\S+(?::\S*)?@)?"  # user[:password]@
        rf"(?:{ipv4}|{host})"
        r"(?::\d{2,5})?"  # :port
        r"(?:[/?#]\S*)?"  # path, query or fragment
        "$"
    )


URL_PATTERN: str = _url_pattern()
_url_regex: re.Pattern[str] | None = None


def url_match(text: str) -> re.Match[str] | None:
    """`re.match` of the URL pattern; compiled on first use to keep imports fast."""
    global _url_regex
    if _url_regex is None:
        _url_regex = re.compile(URL_PATTERN)
    return _url_regex.match(text)


url_match.pattern = URL_PATTERN  # type: ignore[attr-defined]  # what a tokenizer file saves
URL_MATCH: Callable[[str], re.Match[str] | None] = url_match


def _emoticons() -> set[str]:
    """Emoticons kept whole: western faces (eyes, optional nose, mouth), the same faces
    read right to left, and eastern faces (eye, mouth, eye)."""
    out: set[str] = set()
    # ":)" ":-)" and sixteen more mouths, each with and without a nose
    for mouth in ")(]}*3>DOoPpXx|/0":
        out.update({":" + mouth, ":-" + mouth})
    for mouth in ")(":  # repeated: ":))" ":-)))"
        for n in (2, 3):
            out.update({":" + mouth * n, ":-" + mouth * n})
    out.update({":1", ":o)", ":()", ":')", ":'-)", ":'(", ":'-(", ">:(", ">:o"})
    out.update({";)", ";-)", ";D", ";-D", "8)", "8-)", "8D", "8-D"})
    out.update("=" + mouth for mouth in ")(][|/3D")
    out.update({"xD", "XD", "xDD", "XDD"})
    # mirrored faces
    out.update({"(:", "(-:", "(;", "(-;", "(=", "[:", "[-:", "[=", "]=", "):", ")-:",
                "(o:", "(-8"})
    # eastern faces
    out.update({"^_^", "^__^", "^___^", "-_-", "-__-", "v_v", "V_V", "v.v", "V.V", "@_@",
                "._.", ";_;", ">.<", ">.>", "<.<", "\u0ca0_\u0ca0", "\u0ca0\ufe35\u0ca0"})
    for left in "oO0":
        for right in "oO0":
            if {left, right} != {"O", "0"}:  # O and 0 side by side read as a typo
                out.update({f"{left}_{right}", f"{left}.{right}"})
    out.update(f"({face})" for face in ("^_^", "-_-", "._.", ">_<", "*_*", "\u00ac_\u00ac",
                                        "\u0ca0_\u0ca0"))
    # hearts, a shrug, a table flip and a fish
    out.update({"<3", "<33", "<333", "</3", "\u00af\\(\u30c4)/\u00af",
                "(\u256f\u00b0\u25a1\u00b0\uff09\u256f\ufe35\u253b\u2501\u253b", "><(((*>"})
    return out


EMOTICONS: frozenset[str] = frozenset(_emoticons())
#: The emoticons as spaCy's module offers them (a set), for code that builds on them.
emoticons: set[str] = set(EMOTICONS)


def _base_exceptions() -> Exceptions:
    exc: Exceptions = {}

    def whole(orths: Iterable[str]) -> None:
        for orth in orths:
            exc[orth] = [{ORTH: orth}]

    # whitespace tokens and their escaped spellings; a no-break space normalises to spaces
    whole([" ", "\t", "\\t", "\n", "\\n", "\u2014"])
    exc["\u00a0"] = [{ORTH: "\u00a0", NORM: "  "}]
    whole(["'", "''", '\\")', "<space>", "C++"])
    whole(f"{letter}." for letter in "abcdefghijklmnopqrstuvwxyz\u00e4\u00f6\u00fc")
    whole(EMOTICONS)
    # "20°C." keeps its period apart; the unit letter splits from the degree sign
    for unit in "cfkCFK":
        exc[f"°{unit}."] = [{ORTH: "°"}, {ORTH: unit}, {ORTH: "."}]
    return exc


BASE_EXCEPTIONS: Exceptions = _base_exceptions()


def with_curly_apostrophes(exc: Exceptions) -> Exceptions:
    """Add a copy of every entry that has a straight apostrophe, spelled with U+2019."""
    out = dict(exc)
    for key, tokens in exc.items():
        if "'" in key:
            out[key.replace("'", "\u2019")] = [
                {**tok, ORTH: tok[ORTH].replace("'", "\u2019")} for tok in tokens
            ]
    return out


def normed_exceptions(spellings_by_norm: dict[str, str]) -> Exceptions:
    """Single-token special cases with a NORM, from norm -> its spellings (space-separated):
    the shape most languages' abbreviation tables take."""
    return spelled_exceptions({orth: norm for norm, spellings in spellings_by_norm.items()
                               for orth in spellings.split()})


def spelled_exceptions(norms: dict[str, str], whole: Iterable[str] = (),
                       split: dict[str, list[tuple[str, str]]] | None = None) -> Exceptions:
    """Special cases from spelling -> norm (one token each), spellings kept whole with their
    default norm, and strings split into (piece, norm) tokens."""
    exc: Exceptions = {orth: [{ORTH: orth, NORM: norm}] for orth, norm in norms.items()}
    exc.update({orth: [{ORTH: orth}] for orth in whole})
    exc.update({orth: [{ORTH: piece, NORM: norm} for piece, norm in pieces]
                for orth, pieces in (split or {}).items()})
    return exc


def merge_exceptions(base: Exceptions, *additions: Exceptions) -> Exceptions:
    """Later tables override earlier ones; then every apostrophe entry gets a curly twin.

    Raises ValueError if an entry's ORTH pieces do not spell its key.
    """
    out = dict(base)
    for table in additions:
        for key, tokens in table.items():
            spelled = "".join(tok[ORTH] for tok in tokens)
            if spelled != key:
                raise ValueError(f"[lexloom] Tokenizer exception {key!r} has ORTH pieces "
                                 f"that spell {spelled!r}; they must join to the key.")
        out.update(table)
    return with_curly_apostrophes(out)
