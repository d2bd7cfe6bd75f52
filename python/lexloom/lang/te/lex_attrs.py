"""Telugu number likeness: digits (Telugu digits "౧౨" included, as str.isdigit sees them)
with "," and "." separators, fractions ("3/4"), and Telugu number words: zero to twenty,
the tens, a hundred, a thousand, a lakh (10^5), a crore (10^7), the plurals of those
scales ("వందలు" hundreds, "వేలు", "లక్షలు", "కోట్లు") and the loanwords for a million and
a billion. A leading sign is not stripped: "-7" and "+5" are not numbers here, as in spaCy
3.8's Telugu rule.

The words are lexloom's own table in standard spelling, NFC-normalised. Where that differs
from spaCy 3.8: the tens ending in the vowel sign AI are written with the single U+0C48
("ఇరవై"), as people type them, not decomposed into U+0C46 U+0C56 as in spaCy's list (that
decomposed spelling is not a number here); and the common second spellings "అయిదు" (5),
"ముప్ఫై" (30), "తొంభై" (90), "వేయి" (1000), the scale plurals and "మిలియన్" /
"బిలియన్" are numbers here and not in spaCy."""
from __future__ import annotations

from ..lex_attrs import number_like

# 0 (sunnaa; the Sanskrit shuunyam) and 1..10, with "ayidu" beside "aidu" for 5.
_ZERO_TO_TEN = "సున్నా శూన్యం ఒకటి రెండు మూడు నాలుగు ఐదు అయిదు ఆరు ఏడు ఎనిమిది తొమ్మిది పది"
# 11..20
_ELEVEN_TO_TWENTY = ("పదకొండు పన్నెండు పదమూడు పద్నాలుగు పదిహేను పదహారు పదిహేడు "
                     "పద్దెనిమిది పందొమ్మిది ఇరవై")
# 30..90, with the aspirated spellings of 30 and 90 beside the plain ones.
_TENS = "ముప్పై ముప్ఫై నలభై యాభై అరవై డెబ్బై ఎనభై తొంభై తొంబై"
# 100 (vanda, nuuru), 1000 (veyyi, veeyi), lakh, crore, each with its plural; million, billion.
_SCALES = "వంద వందలు నూరు వెయ్యి వేయి వేలు లక్ష లక్షలు కోటి కోట్లు మిలియన్ బిలియన్"

NUMBER_WORDS: frozenset[str] = frozenset(
    " ".join((_ZERO_TO_TEN, _ELEVEN_TO_TWENTY, _TENS, _SCALES)).split())


def like_num(text: str) -> bool:
    """Digits ("1,000", "౧౦"), fractions and number words ("పదిహేను"); no sign stripped."""
    return number_like(text, NUMBER_WORDS, strip_sign=False)


LEX_ATTRS = {"LIKE_NUM": like_num}
