"""Hindi lexical attributes: number likeness over Latin and Devanagari digits ("१२,२६७",
"५/१०"), the number words to a hundred with the Indian scales (lakh, crore), and ordinals
("पहला", "तिहत्तरवाँ"); the NORM is a light suffix-stripping stem, so inflected forms of a
word share one norm."""
from __future__ import annotations

from ...attrs import LIKE_NUM, NORM  # noqa: F401 (spaCy's module offers the attribute ids too)
from ..lex_attrs import _strip_number_punct, number_like
from ..norm_exceptions import BASE_NORMS

# Zero to ten, with both spellings of five (anusvara and chandrabindu).
_ZERO_TO_TEN = "शून्य एक दो तीन चार पांच पाँच छह सात आठ नौ दस"

# Eleven to a hundred, a decade a line (with the common alternative spellings), then the
# scales: thousand, lakh (10^5), crore (10^7), arab (10^9), kharab (10^11).
_ELEVEN_AND_UP = """
ग्यारह बारह तेरह चौदह पंद्रह सोलह सत्रह अठारह उन्नीस बीस
इकीस इक्कीस बाईस तेइस चौबीस पच्चीस छब्बीस सताइस सत्ताइस अट्ठाइस उनतीस तीस
इकतीस इकत्तीस बतीस बत्तीस तैंतीस चौंतीस पैंतीस छतीस छत्तीस सैंतीस अड़तीस उनतालीस उनत्तीस चालीस
इकतालीस बयालीस तैतालीस चवालीस पैंतालीस छयालिस सैंतालीस अड़तालीस उनचास पचास
इक्यावन बावन तिरपन तिरेपन चौवन चउवन पचपन छप्पन सतावन सत्तावन अठावन उनसठ साठ
इकसठ बासठ तिरसठ तिरेसठ चौंसठ पैंसठ छियासठ सड़सठ अड़सठ उनहत्तर सत्तर
इकहत्तर बहत्तर तिहत्तर चौहत्तर पचहत्तर छिहत्तर सतहत्तर अठहत्तर उन्नासी उन्यासी अस्सी
इक्यासी बयासी तिरासी चौरासी पचासी छियासी सतासी अट्ठासी नवासी नब्बे
इक्यानवे बानवे तिरानवे चौरानवे पचानवे छियानवे सतानवे अट्ठानवे निन्यानवे सौ
हज़ार लाख करोड़ अरब खरब
""".split()

NUMBER_WORDS: frozenset[str] = frozenset(_ZERO_TO_TEN.split() + _ELEVEN_AND_UP)

# First to tenth, Sanskrit-derived and everyday forms; from eleven on an ordinal is the
# cardinal with "-वाँ" ("छत्तीसवाँ").
ORDINAL_WORDS: frozenset[str] = frozenset("""
प्रथम पहला द्वितीय दूसरा तृतीय तीसरा चौथा पांचवाँ छठा सातवाँ आठवाँ नौवाँ दसवाँ
""".split())
_ORDINAL_SUFFIX = "वाँ"
_ORDINAL_STEMS = frozenset(_ELEVEN_AND_UP)

# Inflectional endings by length (after Ramanathan and Rao's lightweight Hindi stemmer):
# the longest ending that leaves something before it is cut off.
_ENDINGS_BY_LENGTH = {
    5: "ाएंगी ाएंगे ाऊंगी ाऊंगा ाइयाँ ाइयों ाइयां",
    4: "ाएगी ाएगा ाओगी ाओगे एंगी ेंगी एंगे ेंगे ूंगी ूंगा ातीं नाओं नाएं ताओं ताएं ियाँ ियों ियां",
    3: "ाकर ाइए ाईं ाया ेगी ेगा ोगी ोगे ाने ाना ाते ाती ाता तीं ाओं ाएं ुओं ुएं ुआं",
    2: "कर ाओ िए ाई ाए ने नी ना ते ीं ती ता ाँ ां ों ें",
    1: "ो े ू ु ी ि ा",
}
_ENDINGS = [(length, frozenset(endings.split()))
            for length, endings in sorted(_ENDINGS_BY_LENGTH.items(), reverse=True)]


def norm(text: str) -> str:
    """The shared form of a quote, dash or currency sign, else the word with its longest
    inflectional ending removed ("चलता" -> "चल"); not lowercased."""
    if text in BASE_NORMS:
        return BASE_NORMS[text]
    for length, endings in _ENDINGS:
        if len(text) > length and text[-length:] in endings:
            return text[:-length]
    return text


def like_num(text: str) -> bool:
    """Digits in either script ("1987", "१९८७"), fractions ("५/१०"), number words ("उन्नीस")
    and ordinals ("तृतीय", "निन्यानवेवाँ")."""
    text = _strip_number_punct(text)
    if number_like(text, NUMBER_WORDS, strip_sign=False) or text in ORDINAL_WORDS:
        return True
    stem = text[:-len(_ORDINAL_SUFFIX)] if text.endswith(_ORDINAL_SUFFIX) else ""
    return stem in _ORDINAL_STEMS


LEX_ATTRS = {"NORM": norm, "LIKE_NUM": like_num}
