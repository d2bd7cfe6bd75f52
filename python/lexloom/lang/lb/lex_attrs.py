"""Luxembourgish number likeness.

The rule is spaCy 3.8's: the "," / "." separators are dropped (a leading sign is not, so
"-5" is no number), then digits, a simple fraction or a number word matched exactly as
written (case counts). The words are lexloom's own table in the standard spelling of the
Lëtzebuerger Online Dictionnaire: the cardinals "null" .. "zwielef", the teens in
"-zéng", the tens in "-zeg" (with the spelling pairs "uechtzéng" / "uechzéng",
"sechzeg" / "siechzeg", "achzeg" / "uechzeg"), "honnert" and "dausend"; the scale nouns
"Millioun", "Milliard", "Billioun", "Billiard", "Trillioun", "Trilliard" and their plurals
in "-en", capitalised as nouns are and also in lowercase; and the ordinals, "-t" up to
nineteenth and "-st" from twentieth on ("drëtt", "zwanzegst", "dausendst"), each bare
and with the endings "-e" and "-en" ("déi drëtt", "den drëtten").

Where this deliberately differs from spaCy 3.8: spaCy's misspellings are not numbers
here: "ziwen" (for "siwen"), "foffzéng" / "foffzeg" (for "fofzéng" / "fofzeg"),
"nonnzéng" / "nongzéng" / "nonnzeg" (for "nonzéng" / "nonzeg"), "uechtzeng" / "uechzeng"
(accent missing), "siwenzeg" (for "siwwenzeg"), "achtzeg" / "uechtzeg" (for "achzeg" /
"uechzeg"), "triliard" (for "trilliard") and "uechtzéngen" (for "uechtzéngten"); the
correct forms, the capitalised and plural scale nouns and the bare and "-e" ordinals are
numbers here.
"""
from __future__ import annotations

from ..lex_attrs import number_like

_UNITS = "null eent zwee dräi véier fënnef sechs siwen aacht néng zéng eelef zwielef".split()
_TEENS = [stem + "zéng" for stem in
          "dräi véier fof siech siwwen uecht uech non".split()]
# 20 and 30 are "zwanzeg" and "drësseg"; from 40 on, a unit stem and "-zeg".
_TENS = ["zwanzeg", "drësseg"] + [stem + "zeg" for stem in
                                  "véier fof sech siech siwwen ach uech non".split()]
_SCALE_NOUNS = [prefix + suffix for prefix in ("Mill", "Bill", "Trill")
                for suffix in ("ioun", "iard")]
_SCALES = ["honnert", "dausend"] + [
    form for noun in _SCALE_NOUNS for form in (noun, noun + "en", noun.lower(),
                                               noun.lower() + "en")]

# Ordinal stems: irregular first to third, then the cardinal with "-t" up to nineteen
# ("véiert", "siwent", "aacht", "dräizéngt") and with "-st" from twenty on.
_ORDINAL_STEMS = (
    ["éischt", "zweet", "drëtt"]
    + [unit + "t" for unit in "véier fënnef sechs siwen néng zéng eelef zwielef".split()]
    + ["aacht"] + [teen + "t" for teen in _TEENS]
    + [word + "st" for word in _TENS + ["honnert", "dausend"]]
    + [noun.lower() + "st" for noun in _SCALE_NOUNS])
_ORDINALS = [stem + ending for stem in _ORDINAL_STEMS for ending in ("", "e", "en")]

NUMBER_WORDS: frozenset[str] = frozenset(_UNITS + _TEENS + _TENS + _SCALES + _ORDINALS)


def like_num(text: str) -> bool:
    """Digits ("1.000", not "+5"), fractions ("3/4"), cardinals ("zwee", "honnert"),
    scale nouns ("Milliounen") and ordinals ("drëtten", "zwanzegst"), in the case they
    are written in."""
    return number_like(text, NUMBER_WORDS, strip_sign=False, lowercase=False)


LEX_ATTRS = {"LIKE_NUM": like_num}
