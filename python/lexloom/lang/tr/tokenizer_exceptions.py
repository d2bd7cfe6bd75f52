"""Turkish special cases and the token_match that keeps numbers and inflected forms whole.

Special cases: abbreviations ending in a period ("Dr.", "İst.", "Yrd.Doç.", "M.Ö.") and
a few acronyms, with their expansion as NORM. Like spaCy, Turkish does not add the
language-independent special cases (emoticons and the like).

The token_match keeps whole (a) an abbreviation with an apostrophe case suffix at the start
of a chunk ("Prof.'un", "Ank.'da"), and (b) a chunk that is one number-like form with an
optional apostrophe suffix: dates ("2.3.", "2-3-1987"), "2/A" and "4999/3", times
("15:30"), ordinals ("6.", "IV."), Roman numerals ("VI'da") and plain numbers ("1,335").
"""
from __future__ import annotations

import re

from ..char_classes import ALPHA, ALPHA_LOWER
from ..tokenizer_exceptions import NORM, ORTH, Exceptions

# Abbreviations written both capitalised and lowercase, with what they stand for.
_BOTH_CASES = {
    "Apt.": "apartmanı", "Bçvş.": "başçavuş", "Bnb.": "binbaşı", "Böl.": "bölümü",
    "Bşk.": "başkanlığı", "Bştbp.": "baştabip", "Bul.": "bulvarı", "Cad.": "caddesi",
    "Çvş.": "çavuş", "Dr.": "doktor", "Ecz.": "eczanesi", "Hst.": "hastanesi",
    "Jeol.": "jeoloji", "Ltd.": "limited", "Mah.": "mahallesi", "Müh.": "mühendisliği",
    "Prof.": "profesör", "Sok.": "sokak", "Şb.": "şube", "Şti.": "şirketi",
    "Tbp.": "tabip", "Tel.": "telefon", "Tğm.": "teğmen",
}
# Abbreviations with a single spelling, with what they stand for.
_ONE_CASE = {
    "Alb.": "albay", "Ank.": "Ankara", "Asb.": "astsubay", "Astsb.": "astsubay",
    "Atğm": "asteğmen", "Av.": "avukat", "bk.": "bakınız", "bknz.": "bakınız",
    "çev.": "çeviren", "dak.": "dakika", "dk.": "dakika", "Doç.": "doçent",
    "drl.": "derleyen", "Dz.": "deniz", "dzl.": "düzenleyen", "ekon.": "ekonomi",
    "Fak.": "fakültesi", "Gn.": "genel", "Gnkur.": "Genelkurmay", "Gn.Kur.": "Genelkurmay",
    "gr.": "gram", "huk.": "hukuk", "Hv.": "hava", "Hz.": "hazreti", "İng.": "ingilizce",
    "İst.": "İstanbul", "Korg.": "korgeneral", "Kur.": "kurmay", "Kuv.": "kuvvetleri",
    "max.": "maksimum", "min.": "minimum", "Onb.": "onbaşı", "Ord.": "ordinaryüs",
    "Org.": "orgeneral", "Ped.": "pedagoji", "Sb.": "subay", "Sn.": "sayın",
    "sn.": "saniye", "telg.": "telgraf", "tic.": "ticaret", "Tug.": "tugay",
    "Tuğg.": "tuğgeneral", "Tümg.": "tümgeneral", "Uzm.": "uzman", "Üçvş.": "üstçavuş",
    "Üni.": "üniversitesi", "Ütğm.": "üsteğmen", "vs.": "vesaire", "Yard.": "yardımcı",
    "Yar.": "yardımcı", "Yb.": "yarbay", "Yrd.": "yardımcı", "yy.": "yüzyıl",
    "A.B.D.": "Amerika",
}
# Compound titles, unit names and eras kept whole, without an expansion.
_NO_NORM = (
    "Ar.Gör. Arş.Gör. As.İz. as.iz. doğ. Dz.K.K.lığı Dz.Kuv. Dz.Kuv.K. Hs.Uzm. "
    "Hv.K.K.lığı Hv.Kuv. Hv.Kuv.K. Hz.Öz. Kur.Bşk. M.Ö. M.S. T.C. vb. Yd.Sb. Yard.Doç. "
    "Yar.Doç. Yrd.Doç. Y.Müh. Y.Mim."
)
# Acronyms written without periods.
_ACRONYMS = {
    "AB": "Avrupa Birliği", "ABD": "Amerika", "ABS": "fren", "Bağ-kur": "Bağkur",
    "BJK": "Beşiktaş", "ESA": "Avrupa uzay ajansı", "FB": "Fenerbahçe",
    "GS": "Galatasaray", "RTÜK": "radyo ve televizyon üst kurulu",
    "TÜİK": "Türkiye istatistik kurumu",
}
_ACRONYMS_NO_NORM = "AOÇ ASKİ BDDK GATA İSKİ KBB TBMM TC YÖK"


def _turkish_exceptions() -> Exceptions:
    exc: Exceptions = {}
    expansions = dict(_ONE_CASE, **_ACRONYMS)
    for orth, norm in _BOTH_CASES.items():
        expansions[orth] = expansions[orth[0].lower() + orth[1:]] = norm
    for orth, norm in expansions.items():
        exc[orth] = [{ORTH: orth, NORM: norm}]
    for orth in (_NO_NORM + " " + _ACRONYMS_NO_NORM).split():
        exc[orth] = [{ORTH: orth}]
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = _turkish_exceptions()


def _token_match_pattern() -> str:
    """The token_match pattern; see the module docstring. Its first branch is anchored
    only at the start, as spaCy's is, so "Ank.'da," stays one token there too."""
    suffix = rf"'[{ALPHA_LOWER}]+"
    roman = "M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})"
    forms = (
        r"(?:(?:\d{1,2}[./-]){2})?\d{4}",  # year, or day-month-year
        r"\d{1,2}[./]\d{1,2}\.?",  # day.month, "2.3."
        rf"[{ALPHA}\d]+/\d+",  # "4999/3", "2/311"
        rf"\d+/[{ALPHA}]",  # "2/A", "3/B"
        r"\d+(?::\d+)*",  # time, "15:30"
        r"\d+\.",  # ordinal, "6."
        r"[+-]?\d+(?:[,.]\d+)*",  # number, "-4", "1,335", "10.000"
        rf"{roman}\.",  # Roman ordinal, "IV."
        roman,  # Roman numeral (also empty, as in spaCy: a bare suffix "'da" matches)
    )
    abbreviation = rf"[{ALPHA}]+\.{suffix}"
    return rf"^(?:{abbreviation})|(?:{'|'.join(forms)})(?:{suffix})?$"


TOKEN_MATCH = re.compile(_token_match_pattern()).match
