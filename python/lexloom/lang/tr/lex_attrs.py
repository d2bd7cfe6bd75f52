"""Turkish number likeness: digits and fractions, cardinals (also run together, as in
"yirmibeş"), ordinals in "-(I)ncI" with vowel harmony ("birinci", "dördüncü", also after
digits: "8inci", "100üncü", "5'inci"). Case is folded Turkish-style, and dotted and
dotless i are treated alike, so "ALTI", "BİRİNCİ" and "BIRINCI" all match."""
from __future__ import annotations

from ..lex_attrs import _strip_number_punct, number_like

CARDINAL_WORDS: tuple[str, ...] = tuple(
    ("sıfır bir iki üç dört beş altı yedi sekiz dokuz on yirmi otuz kırk elli altmış "
     "yetmiş seksen doksan yüz bin milyon milyar trilyon katrilyon kentilyon").split())
_FRACTIONS = ("yarım", "buçuk", "çeyrek")

_HARMONY = {"a": "ı", "ı": "ı", "e": "i", "i": "i", "o": "u", "u": "u", "ö": "ü", "ü": "ü"}
_VOWELS = frozenset(_HARMONY)


def _ordinal(word: str) -> str:
    """The ordinal: "-ncI" after a vowel, "-IncI" after a consonant, with the suffix vowel
    harmonising with the word's last vowel and a final "t" softened to "d" (dört)."""
    vowel = _HARMONY[next(c for c in reversed(word) if c in _VOWELS)]
    if word[-1] in _VOWELS:
        return f"{word}nc{vowel}"
    if word.endswith("t"):
        word = word[:-1] + "d"
    return f"{word}{vowel}nc{vowel}"


def _fold(text: str) -> str:
    """Lowercase (dotted İ as plain i), then dotless ı as i: "ALTI", "altı" and "alti"
    match alike, as do capitals typed with or without Turkish keyboards."""
    return text.replace("İ", "i").lower().replace("ı", "i")


_CARDINALS_FOLDED: frozenset[str] = frozenset(_fold(w) for w in CARDINAL_WORDS)
_ORDINALS_FOLDED: frozenset[str] = frozenset(_fold(_ordinal(w)) for w in CARDINAL_WORDS)
_WORDS_FOLDED: frozenset[str] = (_CARDINALS_FOLDED | _ORDINALS_FOLDED
                                 | frozenset(_fold(w) for w in _FRACTIONS))
# Ordinal endings after digits, folded: "1inci", "6ncı", "9uncu", "3üncü", "2nci".
_DIGIT_ORDINAL_ENDINGS = ("inci", "uncu", "üncü", "nci", "ncu", "ncü")


def _is_cardinal_run(word: str) -> bool:
    """Cardinals written together ("onbir", "ikiyüzbin"), split greedily from the left."""
    if not word:
        return False
    return any(word.startswith(part) and (len(part) == len(word)
                                          or _is_cardinal_run(word[len(part):]))
               for part in _CARDINALS_FOLDED)


def like_num(text: str) -> bool:
    """Digits, fractions, cardinal and ordinal words in any case, run-together cardinals
    and their ordinals ("yirmibirinci"), digits with an ordinal suffix ("100üncü")."""
    if number_like(text):
        return True
    word = _fold(_strip_number_punct(text))
    if word in _WORDS_FOLDED:
        return True
    for ending in _DIGIT_ORDINAL_ENDINGS:
        if word.endswith(ending):
            stem = word[:-len(ending)].rstrip("'’")
            if stem.isdigit():
                return True
    if _is_cardinal_run(word):
        return True
    for ordinal in _ORDINALS_FOLDED:
        if word.endswith(ordinal) and _is_cardinal_run(word[:-len(ordinal)]):
            return True
    return False


LEX_ATTRS = {"LIKE_NUM": like_num}
