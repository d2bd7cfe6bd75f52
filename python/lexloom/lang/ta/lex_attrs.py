"""Tamil number likeness: digits and fractions (a leading sign is not stripped: "-7" is
not like_num, as spaCy 3.8), the number words 0-20, the tens, the hundreds, a thousand,
a lakh, a crore and the "-illion" loans, and their combining forms, which a numeral
takes before another numeral: "இருபத்து" (twenty-, from "இருபது"), "நூற்று" (from
"நூறு"), "ஆயிரத்து" (from "ஆயிரம்"), "லட்சத்து" (from "லட்சம்").
The vowel signs "ொ", "ோ" are also written as their two halves ("ெ" + "ா"), so texts
are compared in Unicode NFC."""
from __future__ import annotations

import unicodedata

from ..lex_attrs import number_like

_UNITS = "பூச்சியம் ஒன்று ஒரு இரண்டு மூன்று நான்கு ஐந்து ஆறு ஏழு எட்டு ஒன்பது".split()
_TEENS = ("பத்து பதினொன்று பன்னிரண்டு பதின்மூன்று பதினான்கு பதினைந்து பதினாறு பதினேழு "
          "பதினெட்டு பத்தொன்பது").split()
_TENS = "இருபது முப்பது நாற்பது ஐம்பது அறுபது எழுபது எண்பது தொண்ணூறு".split()
# 400 and 500 are also written without the assimilated nasal ("நாநூறு", "ஐநூறு"),
# a thousand with "ஒ" as well as "ஓ" ("ஓராயிரம்", one thousand).
_HUNDREDS = ("நூறு இருநூறு முன்னூறு நானூறு நாநூறு ஐந்நூறு ஐநூறு அறுநூறு எழுநூறு "
             "எண்ணூறு தொள்ளாயிரம்").split()
_SCALES = ("ஆயிரம் ஓராயிரம் ஒராயிரம் லட்சம் இலட்சம் மில்லியன் கோடி பில்லியன் "
           "டிரில்லியன் ட்ரில்லியன்").split()

NUMBER_WORDS: frozenset[str] = frozenset(
    unicodedata.normalize("NFC", word)
    for word in _UNITS + _TEENS + _TENS + _HUNDREDS + _SCALES)

# A combining form's ending and the ending of the numeral it comes from: "-பத்து" for
# "-பது" (the tens), "-ற்று" for "-று" (the hundreds), "-ரத்து" for "-ரம்" (thousands),
# "-சத்து" for "-சம்" (lakhs). Combining forms are at least five characters long.
_COMBINING = (("பத்து", "பது"), ("ற்று", "று"), ("ரத்து", "ரம்"), ("சத்து", "சம்"))


def _base_numeral(word: str) -> str:
    """The numeral a combining form comes from ("இருபத்து" -> "இருபது"); other words as
    they are."""
    if len(word) >= 5:
        for ending, base in _COMBINING:
            if word.endswith(ending):
                return word[:-len(ending)] + base
    return word


def like_num(text: str) -> bool:
    """Digits ("1,000", but not "-7"), fractions, number words and their combining
    forms ("நூற்று")."""
    if number_like(text, NUMBER_WORDS, strip_sign=False):
        return True
    word = unicodedata.normalize("NFC", text.replace(",", "").replace(".", ""))
    return word in NUMBER_WORDS or _base_numeral(word) in NUMBER_WORDS


LEX_ATTRS = {"LIKE_NUM": like_num}
