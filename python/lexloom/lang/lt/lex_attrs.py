"""Lithuanian number likeness: digits, fractions and the numerals in all their case forms,
generated from stems and the declension endings each kind of numeral takes (cardinals,
ordinals, collective numerals, "-etas" group nouns, tens, the large-number nouns)."""
from __future__ import annotations

from ...attrs import LIKE_NUM  # noqa: F401 (spaCy's module offers the attribute id too)

# Endings by paradigm.
_ADJECTIVE = "as a ai ais am ame i iems o oje omis oms os ose u uose us ą ų".split()
_NOUN_AS = "as ai ais ams e o u ui uose us ą ų".split()       # milijonas, penketas
_PLURAL_I = "i iais ias iems iomis ioms ios iose is iuose ių".split()  # keturi, penki
_COLLECTIVE = "i iais ias iems iomis ioms ios iose iuose ius ių".split()  # ketveri
_TEEN = "a ai oje os ą".split()                                   # vienuolika
_TEN_NOUN = "is ies imi imis ims yje ys yse į".split()  # dešimtis
_TEN_NOUN_SOFT = "čia čiai čių".split()  # dešimčia: "t" softens to "č" before "ia"

_PLURAL_STEMS = "ketur penk šeš septyn aštuon devyn".split()
_COLLECTIVE_STEMS = "ketver penker šešer septyner aštuoner devyner".split()
_GROUP_STEMS = "dvejet trejet ketvert penket šešet septynet aštuonet devynet".split()
_ORDINAL_STEMS = "antr ketvirt penkt šešt septint aštunt devint".split()
_TEEN_STEMS = "vienuolik dvylik trylik keturiolik penkiolik šešiolik septyniolik " \
              "aštuoniolik devyniolik".split()
_TENS = "dešimt dvidešimt trisdešimt keturiasdešimt penkiasdešimt šešiasdešimt " \
        "septyniasdešimt aštuoniasdešimt devyniasdešimt".split()
_LARGE_STEMS = "šimt milijon milijard bilijon trilijon".split()
# Ordinal-like forms of hundreds and thousands, and the word "numeral" itself.
_OTHER_ORDINAL_STEMS = "dušimt penkišimt tūkstant dutūkstant".split()

_IRREGULAR = """
vienas vieno vienam vieną vienu viename viena vienos vienai vienoje vieni vienų vieniems
vienus vienais vienuose vienomis vienoms vienose
du dvi dviejų dviem dviejuose dviejose dveji dvejų dvejiems dvejus dvejais dvejuose dvejos
dvejoms dvejas dvejomis dvejose
trys trijų trims tris trimis trijuose trijose treji trejų trejiems trejus trejais trejuose
trejos trejoms trejas trejomis trejose
treti tretiems trečias trečia trečiai trečiais trečiam trečiame trečio trečioje trečiomis
trečioms trečios trečiose trečiu trečiuose trečius trečią trečių
tūkstantis tūkstantyje tūkstantį tūkstančiai tūkstančiais tūkstančiams tūkstančio
tūkstančiu tūkstančiui tūkstančiuose tūkstančius tūkstančių
pirmasis pirmoji pirmojo pirmajam pirmąjį pirmuoju pirmajame pirmieji pirmųjų pirmiesiems
pirmuosius pirmaisiais pirmuosiuose pirmosios pirmajai pirmąją pirmąja pirmojoje
pirmosioms pirmąsias pirmosiomis pirmosiose
skaitvardis skaitvardžio skaitvardžiui skaitvardį skaitvardžiu skaitvardyje skaitvardi
skaitvardžiai skaitvardžių skaitvardžiams skaitvardžius skaitvardžiais skaitvardžiuose
pusantro pusantros pusantrų
"""
# "pus-" + ordinal: "half of the n-th" (pustrečio = two and a half).
_HALF_STEMS = "treči ketvirt penkt šešt septint aštunt devint dešimt".split()


def _forms(stems: list[str], endings: list[str]) -> list[str]:
    return [stem + ending for stem in stems for ending in endings]


def _number_words() -> frozenset[str]:
    words = _IRREGULAR.split()
    words += _forms(_PLURAL_STEMS, _PLURAL_I)
    words += _forms(_COLLECTIVE_STEMS, _COLLECTIVE)
    words += _forms(_GROUP_STEMS, _NOUN_AS)
    words += _forms(_ORDINAL_STEMS + ["pirm"] + _OTHER_ORDINAL_STEMS, _ADJECTIVE)
    words += _forms(_TEEN_STEMS, _TEEN) + _forms([s + "t" for s in _TEEN_STEMS], _ADJECTIVE)
    words += _TENS + _forms(_TENS, _TEN_NOUN) + _forms(_TENS, _ADJECTIVE)
    words += _forms([ten[:-1] for ten in _TENS], _TEN_NOUN_SOFT)
    words += _forms(_LARGE_STEMS, _NOUN_AS)
    words += ["pus" + stem + end for stem in _HALF_STEMS for end in ("o", "os", "ų")]
    return frozenset(words)


NUMBER_WORDS: frozenset[str] = _number_words()


def like_num(text: str) -> bool:
    """Digits with "," or "." separators ("10,00", "999.0"), fractions, and numerals in any
    case form ("vienas", "dviem", "milijardų"). A leading sign is not stripped."""
    text = text.replace(",", "").replace(".", "")
    if text.isdigit():
        return True
    if text.count("/") == 1:
        num, denom = text.split("/")
        if num.isdigit() and denom.isdigit():
            return True
    return text.lower() in NUMBER_WORDS


LEX_ATTRS = {"LIKE_NUM": like_num}
