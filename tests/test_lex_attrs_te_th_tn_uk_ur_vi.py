"""Number likeness for Telugu, Thai, Setswana, Ukrainian, Urdu and Vietnamese: each
language's lex_attrs module (spaCy 3.8's rule for digits, signs, separators and case; the
number words from lexloom's own tables in standard spelling), its wiring into the Defaults
(a vocab's lexemes and a Doc's tokens use it), and the digit forms, where the languages
differ on whether a leading sign is stripped."""
from __future__ import annotations

import importlib
import unicodedata

import pytest

import lexloom
from lexloom.tokens import Doc
from lexloom.vocab import Vocab, create_vocab

_TE_AI_DECOMPOSED = "\u0c46\u0c56"  # Telugu vowel sign AI written as two code points (not NFC)

NUMBERS = {
    "te": ["సున్నా", "శూన్యం", "ఒకటి", "అయిదు", "పది", "పదిహేను", "పందొమ్మిది", "ఇరవై",
           "ముప్ఫై", "తొంభై", "తొంబై", "వంద", "నూరు", "వెయ్యి", "వేలు", "లక్ష", "లక్షలు",
           "కోటి", "మిలియన్", "౧౨"],
    "th": ["ศูนย์", "หนึ่ง", "เก้า", "สิบ", "สิบเอ็ด", "สิบสอง", "ยี่สิบ", "ยี่สิบเอ็ด",
           "หกสิบ", "หกสิบเอ็ด", "หกสิบห้า", "เก้าสิบเก้า", "ร้อย", "สองร้อย", "พัน",
           "หมื่น", "แสน", "ล้าน", "หนึ่งล้าน", "พันล้าน", "ล้านล้าน", "๑๒"],
    "tn": ["lefela", "nngwe", "PEDI", "Robongwe", "robabobedi", "lesome", "masome",
           "lekgolo", "makgolo", "sekete", "dikete", "milione", "ntlha", "bobedi", "bone",
           "borobedi", "Borobedi", "bolesome", "5th", "-1,000TH"],
    "uk": ["нуль", "один", "одна", "одне", "два", "дві", "п'ять", "п’ять", "пʼять",
           "дев'ятнадцять", "сорок", "п'ятдесят", "п’ятдесят", "дев'яносто", "сто", "двісті",
           "дев'ятсот", "тисяча", "мільйон", "мільярд", "нонільйон", "децильйон", "перший",
           "п'ятий", "восьмий", "сороковий", "п'ятисотий", "тисячний"],
    "ur": ["صفر", "ایک", "دو", "دس", "اٹھارہ", "انیس", "بیس", "چھبیس", "انتیس", "اڑتیس",
           "پچاس", "ساٹھ", "ستر", "بہتر", "نوے", "ننانوے", "سو", "ہزار", "لاکھ", "کروڑ",
           "پہلا", "پہلی", "دوسرا", "دسواں", "دسویں", "چودہواں", "چودھویں", "اٹھارویں",
           "انیسواں", "بیسواں", "۱۲", "-۱۲"],
    "vi": ["không", "một", "mốt", "Hai", "BA", "tư", "năm", "lăm", "bẩy", "mười", "mươi",
           "chục", "trăm", "nghìn", "ngàn", "vạn", "Triệu", "tỷ", "tỉ", "mười hai",
           "Hai mươi", "hai mươi mốt", "năm mươi lăm", "chín mươi tư", "chín mươi bốn"],
}

# Ordinary words, case and digit forms the rules reject, and the misspelled, variant or
# made-up entries of spaCy 3.8's lists, which are not numbers here.
NON_NUMBERS = {
    "te": ["నేను", "ఇల్లు", "పుస్తకం", "ఉంది", "తెలుగు", "ప్రభుత్వం",
           "ఇరవ" + _TE_AI_DECOMPOSED, "తొంబ" + _TE_AI_DECOMPOSED],
    "th": ["บ้าน", "หนังสือ", "ไป", "ไม่", "ประเทศ", "ภาษา", "สองสิบ", "เอ็ด", "หนึ่งสิบ"],
    "tn": ["motho", "ntlo", "metsi", "tsamaya", "setswana", "borobedi ", "lesomenngwe",
           "someamabedi", "gajillione", "th", "5st", "fifth"],
    "uk": ["дім", "книга", "вода", "Україна", "мова", "Один", "ДВА", "нонильйон", "двох",
           "тисячі"],
    "ur": ["گھر", "کتاب", "پانی", "پاکستان", "اردو", "حکومت", "ساثھ", "اٹهارا", "انتيس",
           "چھببیس", "ارتیس", "بسیواں"],
    "vi": ["tôi", "nhà", "sách", "người", "Việt", "Nam", "linh", "tiếng", "hai  mươi",
           "mươi hai"],
}

# Digit forms: only te and uk keep a leading sign (spaCy 3.8 strips none there).
SIGNED = ["+5", "-7", "±3", "~4", "-1,000.5"]
UNSIGNED = ["0", "12", "1,000", "1.000", "10.5", "3/4", "1,000,000"]
NEVER = ["", "-", "3/", "1/2/3", "a/4", "x1", "1-2", "50%"]
STRIPS_SIGN = {"te": False, "th": True, "tn": True, "uk": False, "ur": True, "vi": True}

DOCS = {  # words, and which of them are numbers
    "te": (["నాకు", "పదిహేను", "పుస్తకాలు", "ఉన్నాయి"], [False, True, False, False]),
    "tn": (["Ke", "na", "le", "dikgomo", "tlhano"], [False, False, False, False, True]),
    "uk": (["У", "мене", "п'ять", "книг", "-7"], [False, False, True, False, False]),
    "ur": (["میرے", "پاس", "دس", "کتابیں", "ہیں"], [False, False, True, False, False]),
    "vi": (["Tôi", "có", "hai", "trăm", "-5", "cuốn", "sách"],
           [False, False, True, True, True, False, False]),
}


def _like_num(code: str):
    return importlib.import_module(f"lexloom.lang.{code}.lex_attrs").like_num


def _vocab(code: str) -> Vocab:
    """The language's vocab; Thai's and Vietnamese's blank() need segmenters lexloom does
    not depend on, so theirs is built from the language's getters (Vietnamese also through
    blank() with use_pyvi = false, in test_doc_tokens_use_the_language_like_num)."""
    if code in ("th", "vi"):
        cls = lexloom.util.get_lang_class(code)
        return create_vocab(code, cls.Defaults)
    return lexloom.blank(code).vocab


@pytest.mark.parametrize("code,word", [(c, w) for c, ws in NUMBERS.items() for w in ws])
def test_number_words_are_like_num(code, word):
    assert _like_num(code)(word), (code, word)
    assert _vocab(code)[word].like_num, (code, word)


@pytest.mark.parametrize("code,word", [(c, w) for c, ws in NON_NUMBERS.items() for w in ws])
def test_other_words_are_not_like_num(code, word):
    assert not _like_num(code)(word), (code, word)
    assert not _vocab(code)[word].like_num, (code, word)


@pytest.mark.parametrize("code", sorted(STRIPS_SIGN))
def test_digit_forms(code):
    like_num, vocab = _like_num(code), _vocab(code)
    for text in UNSIGNED:
        assert like_num(text) and vocab[text].like_num, (code, text)
    for text in SIGNED:
        assert like_num(text) is STRIPS_SIGN[code], (code, text)
        assert vocab[text].like_num is STRIPS_SIGN[code], (code, text)
    for text in NEVER:
        assert not like_num(text) and not vocab[text].like_num, (code, text)


@pytest.mark.parametrize("code", sorted(STRIPS_SIGN))
def test_defaults_carry_the_getter(code):
    cls = lexloom.util.get_lang_class(code)
    module = importlib.import_module(f"lexloom.lang.{code}.lex_attrs")
    assert cls.Defaults.lex_attr_getters["LIKE_NUM"] is module.like_num
    assert module.LEX_ATTRS == {"LIKE_NUM": module.like_num}


@pytest.mark.parametrize("code", sorted(DOCS))
def test_doc_tokens_use_the_language_like_num(code):
    config = {"nlp": {"tokenizer": {"use_pyvi": False}}} if code == "vi" else {}
    nlp = lexloom.blank(code, config=config)
    words, expected = DOCS[code]
    assert [t.like_num for t in Doc(nlp.vocab, words=words)] == expected
    assert [t.like_num for t in nlp(" ".join(words))] == expected


@pytest.mark.parametrize("code", sorted(STRIPS_SIGN))
def test_number_word_tables_are_nfc_and_trimmed(code):
    words = importlib.import_module(f"lexloom.lang.{code}.lex_attrs").NUMBER_WORDS
    assert words
    for word in words:
        assert unicodedata.normalize("NFC", word) == word, (code, word)
        assert word == word.strip() and "  " not in word, (code, word)
