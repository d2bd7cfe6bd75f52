"""Number likeness for Luganda, Malayalam, Sinhala, Slovenian, Serbian and Tamil, and
Slovenian currency words, through lexloom.blank(code)'s vocab and Docs (each language's
own LIKE_NUM / IS_CURRENCY getter, with the values spaCy 3.8 gives, except where its word
tables have typos or unreachable entries: see each lex_attrs module)."""
from __future__ import annotations

import functools

import pytest

import lexloom


@functools.lru_cache(maxsize=None)
def _vocab(code: str):
    return lexloom.blank(code).vocab


NUMBERS = {
    "lg": ["emu", "bbiri", "Ssatu", "MWENDA", "kkumi", "kkumi n'emu", "kkumi na bbiri",
           "Kkumi na mwenda", "amakumi abiri", "nkaaga", "kyenda", "kikumi", "lukumi",
           "kakadde", "kawumbi", "zeero", "nnooti", "ekisooka", "ekyokubiri", "eky'okubiri",
           "EKYOKUSATU", "eky'omunaana", "ekyomunaana", "ekyekkumi", "ekyekkumi n'ekimu",
           "ekyamakumi asatu", "ekyenkaaga", "ekyolukumi", "ekyakakadde", "kkumi n\u2019emu"],
    "ml": ["പൂജ്യം", "ഒന്ന്", "രണ്ട്", "മൂന്ന്", "മൂന്നു", "നാല്", "നാല്\u200c", "ഒൻപത്",
           "ഒന്\u200dപത്", "ഒമ്പത്", "പത്ത്", "പതിനൊന്ന്", "പന്ത്രണ്ട്", "പതിമൂന്ന്", "പത്തൊമ്പതു",
           "ഇരുപത്", "ഇരുപത്തിരണ്ട്\u200c", "ഇരുപത്തിരണ്ട്", "ഇരുപത്തിഅഞ്ചു", "മുപ്പത്തിഒന്‍പതു",
           "നാൽപത്", "നാല്\u200dപത്\u200c", "തൊണ്ണൂറ്", "നൂറ്", "ആയിരം", "പത്തുലക്ഷം"],
    "si": ["බිංදුව", "බින්දුව", "එක", "දෙක", "තුන", "නවය", "නමය", "දහය", "එකොළහ", "දොළහ",
           "දාහතර", "පහළොව", "දහනවය", "විස්ස", "අනූව", "සියය", "දහස", "දාහ", "ලක්ෂය",
           "මිලියනය", "කෝටිය", "ට්\u200dරිලියනය"],
    "sl": ["nič", "nula", "ena", "dva", "tri", "štiri", "Pet", "DESET", "enajst", "štirinajst",
           "dvajset", "šestdeset", "devetdeset", "sto", "tisoč", "milijon", "bilijon",
           "kvadrilijon", "nešteto", "eden", "enega", "dveh", "dvema", "trije", "tremi",
           "štirih", "petih", "sedmim", "osmimi", "devetnajstih", "prvi", "Prva", "drugega",
           "tretje", "tretjemu", "četrtem", "petimi", "šesto", "štirinajsti", "štirnajsta",
           "stoti", "tisočega", "milijonti", "neštetih"],
    "sr": ["нула", "један", "два", "Три", "ЧЕТИРИ", "десет", "једанаест", "четрнаест",
           "деветнаест", "двадесет", "педесет", "деведесет", "сто", "двеста", "триста",
           "четиристо", "деветсто", "хиљаду", "милион", "милијарду", "МИЛИЈАРДУ", "трилион",
           "квинтилион"],
    "ta": ["பூச்சியம்", "ஒரு", "ஒன்று", "இரண்டு", "ஒன்பது", "பத்து", "பதினொன்று",
           "பன்னிரண்டு", "பத்தொன்பது", "இருபது", "தொண்ணூறு", "த\u0bc6\u0bbeண்ணூறு", "நூறு",
           "முன்னூறு", "நாநூறு", "நானூறு", "தொள்ளாயிரம்", "ஆயிரம்", "ஒராயிரம்", "லட்சம்",
           "கோடி", "மில்லியன்", "டிரில்லியன்", "இருபத்து", "முப்பத்து", "நூற்று",
           "இருநூற்று", "ஆயிரத்து", "தொள்ளாயிரத்து", "லட்சத்து"],
}

NON_NUMBERS = {
    "lg": ["omuntu", "ennyumba", "ekitabo", "amazzi", "omwana", "okulya", "bulungi", "naye",
           "kubanga", "leero", "ssente", "ekintu", "ekyokulya", "amakumi", "kkumi na", "ekyo"],
    "ml": ["വീട്", "പുസ്തകം", "വെള്ളം", "കുട്ടി", "അമ്മ", "നല്ല", "ഞാൻ", "ഇന്ന്", "കേരളം",
           "ഭാഷ", "പേര്", "രാജ്യം", "ഇരുപത്തി"],
    "si": ["ගෙදර", "පොත", "වතුර", "ළමයා", "අම්මා", "පාසල", "හොඳ", "මම", "අද", "ලංකාව",
           "භාෂාව", "එකක්"],
    "sl": ["hiša", "knjiga", "voda", "otrok", "šola", "velik", "dober", "jaz", "danes",
           "Slovenija", "jezik", "prvak", "drugačen", "enak", "evro", "dolarjev"],
    "sr": ["кућа", "књига", "вода", "дете", "мајка", "школа", "велики", "добар", "ја",
           "данас", "Србија", "језик", "први", "пола", "jedan"],
    "ta": ["வீடு", "புத்தகம்", "தண்ணீர்", "யானை", "குழந்தை", "அம்மா", "பள்ளி", "பெரிய",
           "நான்", "இன்று", "தமிழ்", "மொழி", "பெயர்", "காற்று"],
}

# Digit forms: all six strip "," and "." and accept "3/4"; Sinhala and Tamil keep a
# leading sign, so "-7" is not like_num there (as spaCy 3.8).
_SIGNED = {"lg": True, "ml": True, "si": False, "sl": True, "sr": True, "ta": False}
DIGITS = [(code, text, expected if sign_strip or text[0] not in "+-±~" else False)
          for code, sign_strip in _SIGNED.items()
          for text, expected in [("7", True), ("+5", True), ("-7", True), ("±3", True),
                                 ("~4", True), ("1,000", True), ("1.000", True),
                                 ("10.5", True), ("-1.000,5", True), ("3/4", True),
                                 ("-3/4", True), ("1/2/3", False), ("x1", False),
                                 ("5%", False), ("12a", False), (",", False)]]


@pytest.mark.parametrize("code,word", [(c, w) for c, ws in NUMBERS.items() for w in ws])
def test_number_words_are_like_num(code, word):
    assert _vocab(code)[word].like_num, (code, word)


@pytest.mark.parametrize("code,word", [(c, w) for c, ws in NUMBERS.items() for w in ws
                                       if c not in ("si", "ta")])
def test_signed_number_words_are_like_num(code, word):
    """Languages that strip a leading sign do so before looking the word up."""
    assert _vocab(code)["-" + word].like_num, (code, word)


@pytest.mark.parametrize("code,word", [("si", "-එක"), ("si", "+දහය"), ("ta", "-ஒன்று"),
                                       ("ta", "+நூறு")])
def test_sinhala_and_tamil_keep_the_sign(code, word):
    assert not _vocab(code)[word].like_num


@pytest.mark.parametrize("code,word", [(c, w) for c, ws in NON_NUMBERS.items() for w in ws])
def test_other_words_are_not_like_num(code, word):
    assert not _vocab(code)[word].like_num, (code, word)


@pytest.mark.parametrize("code,text,expected", DIGITS)
def test_digit_forms(code, text, expected):
    assert _vocab(code)[text].like_num is expected, (code, text)


WORD_IN_DOC = {"lg": ("Nnina ente bbiri", 2), "ml": ("എനിക്ക് രണ്ട് പുസ്തകം", 1),
               "si": ("මට පොත් දෙක ඇත", 2), "sl": ("Imam dvajset knjig", 1),
               "sr": ("Имам двадесет књига", 1), "ta": ("எனக்கு இருபது புத்தகங்கள்", 1)}


@pytest.mark.parametrize("code", sorted(WORD_IN_DOC))
def test_doc_tokens_use_the_language_like_num(code):
    text, index = WORD_IN_DOC[code]
    doc = lexloom.blank(code)(text)
    assert [t.like_num for t in doc] == [i == index for i in range(len(doc))]


CURRENCY = ["evro", "evra", "evrov", "evrih", "eur", "cent", "centov", "dolar", "dolarja",
            "dolarjev", "dolarji", "usd", "tolar", "tolarjev", "tol", "dinar", "dinarjem",
            "din", "funt", "funtov", "forint", "zlotov", "jen", "jenov", "kuna", "kune",
            "kun", "marka", "markami", "rupija", "rupij", "$", "€", "$€"]
NOT_CURRENCY = ["EUR", "USD", "Evro", "Dolarjev", "denar", "5$", "hiša", "dvajset", "evrski"]


@pytest.mark.parametrize("word", CURRENCY)
def test_slovenian_currency_words(word):
    assert _vocab("sl")[word].is_currency, word


@pytest.mark.parametrize("word", NOT_CURRENCY)
def test_slovenian_non_currency_words(word):
    """Matched as written ("EUR" is not one; spaCy 3.8 does not lowercase), and other
    languages do not have the words."""
    assert not _vocab("sl")[word].is_currency, word


def test_currency_words_are_slovenian_only():
    assert not _vocab("sr")["dolarjev"].is_currency and _vocab("sr")["$"].is_currency


def test_slovenian_doc_currency_tokens():
    doc = lexloom.blank("sl")("Stane 5 dolarjev ali 3 evre ali 10 USD ali $ 7.")
    assert [t.text for t in doc if t.is_currency] == ["dolarjev", "evre", "$"]
    assert [t.text for t in doc if t.like_num] == ["5", "3", "10", "7."]  # "7." is an ordinal
