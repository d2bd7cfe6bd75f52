"""Number likeness for Macedonian, Malay, Russian, Tagalog, Turkish and Yoruba (each
language's lex_attrs module and the Doc's token.like_num through lexloom.blank), Malay
currency codes, and the English example sentences module."""
from __future__ import annotations

import importlib

import pytest

import lexloom

NUMBERS = {
    "mk": ["10", "10.000", "999,0", "3/4", "еден", "ДВА", "десет", "илјади", "милијарда",
           "двесте", "пет-шест", "првиот", "четвртата", "петти", "стоти", "седумдесетите",
           "петмина", "третина"],
    "ms": ["12", "1,000", "sebelas", "SEBELAS", "sembilan", "seratus", "ribu", "juta",
           "kedua", "pertama", "ke-5", "ke-lima", "dua-tiga", "beratus-ratus"],
    "ru": ["12", "-1.000", "50%", "одиннадцать", "ОДИННАДЦАТЬ", "одиннадцати", "пятью",
           "двухсот", "тысячами", "миллиардов", "третьего", "четвёртый", "четвертый",
           "двадцатитысячный", "половиной", "вдвоём", "пятёрка", "xix"],
    "tl": ["10", "1,000", "isa", "ISA", "dalawa", "tatlumpu", "labing-isa", "daan", "isang",
           "tatlong", "kalahati", "una", "ikalawa", "ika-10"],
    "tr": ["100", "bir", "dört", "altı", "ALTI", "milyon", "birinci", "BİRİNCİ", "BIRINCI",
           "üçüncü", "dördüncü", "milyonuncu", "100üncü", "8inci", "2nci", "5'inci", "onbir",
           "yirmibirinci", "yarım"],
    "yo": ["10", "ení", "ogún", "ogun", "EJILA", "aárùn", "mẹ́wàá", "mewadinlogun",
           "mọ́kànlélógún", "mẹ́rìndínlógún", "ẹ̀ẹ́dẹ́gbẹ̀ta", "ẹgbẹ̀rún", "ọgọ́ta", "àádọ́ta", "kejì"],
}

NON_NUMBERS = {
    "mk": ["бројка", "цифра", "број", ",", "стои", "куќа", ""],
    "ms": ["rumah", "kata", "kesana", "abc-5", "-", "ringgit"],
    "ru": ["дом", "слово", "оно", "ой", "число", "цифра", "%"],
    "tl": ["bahay", "wala", "ika-", "ikaw", "salita"],
    "tr": ["ev", "kitap", "biri", "altın", "onun", "ikiz", "inci", "binbaşı"],
    "yo": ["ten", "ile", "omo", "wa", "kan", "oke", "kini"],
}

WORD_IN_DOC = {"mk": ("Имаше двесте луѓе", 1), "ms": ("Ada sebelas orang", 1),
               "ru": ("Их было одиннадцать человек", 2), "tl": ("May isang bata", 1),
               "tr": ("Üçüncü kez geldi", 0), "yo": ("Mo ní ẹgbẹ̀rún kan", 2)}


def _like_num(code: str):
    return importlib.import_module(f"lexloom.lang.{code}.lex_attrs").like_num


@pytest.mark.parametrize("code,word", [(c, w) for c, ws in NUMBERS.items() for w in ws])
def test_number_words_are_like_num(code, word):
    assert _like_num(code)(word), (code, word)


@pytest.mark.parametrize("code,word", [(c, w) for c, ws in NON_NUMBERS.items() for w in ws])
def test_other_words_are_not_like_num(code, word):
    assert not _like_num(code)(word), (code, word)


@pytest.mark.parametrize("code", sorted(WORD_IN_DOC))
def test_doc_tokens_use_the_language_like_num(code):
    """The language's Defaults wire its like_num into the vocab: a Doc's tokens see it."""
    text, index = WORD_IN_DOC[code]
    doc = lexloom.blank(code)(text)
    assert [t.like_num for t in doc] == [i == index for i in range(len(doc))], (
        [t.text for t in doc])


@pytest.mark.parametrize("code", sorted(WORD_IN_DOC))
def test_lex_attrs_table_names_like_num(code):
    module = importlib.import_module(f"lexloom.lang.{code}.lex_attrs")
    assert module.LEX_ATTRS["LIKE_NUM"] is module.like_num


def test_malay_currency_codes():
    from lexloom.lang.ms.lex_attrs import is_currency

    for text in ("RM", "USD", "Rp", "S$", "$", "€"):
        assert is_currency(text), text
    for text in ("rm", "ringgit", "5", "RM5"):
        assert not is_currency(text), text
    nlp = lexloom.blank("ms")
    assert [t.is_currency for t in nlp("Harga RM 5")] == [False, True, False]


def test_english_examples_module():
    from lexloom.lang.en.examples import sentences

    assert isinstance(sentences, list) and sentences
    assert all(isinstance(s, str) and s.strip() for s in sentences)
    docs = list(lexloom.blank("en").pipe(sentences))
    assert all(len(doc) > 1 for doc in docs)
