"""Nepali lexical attributes: the NORM is a light suffix-stripping stem (postpositions such
as -लाई, -ले, -को, the plural -हरू, verb endings, vowel signs), so inflected forms of a word
share one norm; number likeness over digits, fractions and the number words."""
from __future__ import annotations

from ...attrs import LIKE_NUM, NORM  # noqa: F401 (spaCy's module offers the attribute ids too)
from ..lex_attrs import number_like
from ..norm_exceptions import BASE_NORMS

# Endings in the order they are tried, each group with how many characters it cuts: as in
# spaCy's Nepali, a group cuts as many characters as its first ending has, whichever of its
# endings matched ("-ेको" cuts two, leaving the vowel sign), and the search stops at the
# first group whose cut would leave nothing.
_ENDING_GROUPS: list[tuple[int, tuple[str, ...]]] = [
    # participles and converbs
    (2, ("ने", "ेको", "ेकी", "ेका", "ेर", "दै", "तै", "िकन", "उ", "न", "नन्")),
    (3, ("याइ", "ाइ", "बार", "वार", "चाँहि")),
    (1, ("अ", "ओ", "ऊ", "अरी", "साथ", "वित्तिकै", "पूर्वक")),
    # negative present and future
    (5, ("हुन्न", "न्न", "न्न्स्", "न्नौं", "न्नौ", "न्न्न्", "िई")),
    (2, ("दै", "दिन", "दिँन", "दैनस्", "दैन", "दैनौँ", "दैनौं", "दैनन्")),
    # present tense
    (2, ("छु", "छौँ", "छस्", "छौ", "छ", "छन्", "छेस्", "छे", "छ्यौ", "छिन्", "हुन्छ")),
    # past tense
    (2, ("एँ", "इँन्", "इस्", "इनस्", "यो", "एन", "यौं", "एनौं", "ए", "एनन्")),
    # adjective and infinitive endings
    (3, ("इलो", "िलो", "नु", "ाउनु", "ई", "इन", "इन्", "इनन्")),
    # plural + postposition, then postpositions and the plural alone
    (6, ("हरूलाई", "हरूले", "हरूबाट", "हरूको", "हरूमा")),
    (3, ("लाई", "ले", "बाट", "को", "मा", "हरू")),
    # nasalisation, virama, visarga; then the dependent vowel signs
    (1, ("ँ", "ं", "्", "ः")),
    (1, ("ा", "ि", "ी", "ु", "ू", "ृ", "े", "ै", "ो", "ौ")),
]

# Zero to ten, the teens and the tens, then the scales: hundred, thousand, lakh (10^5),
# crore (10^7), arba (10^9), kharba (10^11).
NUMBER_WORDS: frozenset[str] = frozenset("""
शुन्य एक दुई तीन चार पाँच छ सात आठ नौ दश
एघार बाह्र तेह्र चौध पन्ध्र सोह्र सत्र अठार उन्नाइस बीस
तीस चालीस पचास साठी सत्तरी असी नब्बे
सय हजार लाख करोड अर्ब खर्ब
""".split())


def norm(text: str) -> str:
    """The shared form of a quote, dash or currency sign, else the word without its ending
    ("केटाहरूलाई" -> "केटा"); not lowercased."""
    if text in BASE_NORMS:
        return BASE_NORMS[text]
    for cut, endings in _ENDING_GROUPS:
        if len(text) <= cut:
            break
        if text.endswith(endings):
            return text[:-cut]
    return text


def like_num(text: str) -> bool:
    """Digits ("१९८७", "1987.5"), a fraction ("३/४") or a number word ("बीस"). As in
    spaCy's Nepali, a thousands comma is only dropped when a space follows it, so "1,000"
    is not number-like."""
    return number_like(text, NUMBER_WORDS, separators=(", ", "."))


LEX_ATTRS = {"NORM": norm, "LIKE_NUM": like_num}
