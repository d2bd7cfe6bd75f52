"""Number likeness (and NORM, currency) of Hebrew, Hindi, Haitian Creole, Armenian,
Indonesian, Kurmanji and Latin: the module functions, and the same values on the lexemes of
`lexloom.blank(code)`, so the Defaults wiring is checked too."""
import importlib

import pytest

import lexloom

NUMBERS = {
    "he": ["10", "10,000", "999.0", "1/2", "אפס", "אחד", "שתיים", "מליון", "מאה", "אחד עשר",
           "שתים עשרה", "שלישי", "עשירי"],
    "hi": ["1987", "१९८७", "१२,२६७", "५/१०", "-५", "पाँच", "पांच", "उन्नीस", "नवासी", "अस्सी",
           "लाख", "करोड़", "पहला", "तृतीय", "निन्यानवेवाँ", "तिहत्तरवाँ", "छत्तीसवाँ"],
    "ht": ["10", "1/2", "en", "de", "milya", "onz", "ONZ", "swasann-dis", "premye", "ventyèm",
           "Milyonnyèm", "3yèm", "25YÈM"],
    "hy": ["10", "1/2", "զրո", "հինգ", "տասներկու", "հիսուն", "ՀԻՍՈՒՆ", "հազար"],
    "id": ["10.000", "1/2", "nol", "sebelas", "SEBELAS", "Puluh", "triliun", "ke-3", "ke-tiga",
           "-dua"],
    "kmr": ["10", "1/2", "sifir", "deh", "DEH", "hezar", "yekem", "duyemîn", "dehem", "notem",
            "sedemîn", "100em", "34em", "30yem", "20emîn", "50yemîn"],
    "la": ["0", "2022", "IIII", "VI", "vi", "iv", "MMXXII", "quattuor", "QUINQUE", "decem",
           "ducentae", "tertius", "octavus", "octauus", "millesimum"],
}

NOT_NUMBERS = {
    "he": ["כלב", ",", "שלום", "1/2/3"],
    "hi": ["कुत्ता", ",", "वाँ", "घरवाँ", "पहले"],
    "ht": ["dog", ",", "lakay", "yèm", "abcyèm"],
    "hy": ["շուն", ",", "տուն"],
    "id": ["anjing", ",", "ke-", "gara-gara", "ke-Tiga"],
    "kmr": ["se", ",", "em", "xem", "yekemxan"],
    "la": ["canis", ",", "MMXX11", "IIIII", "VV", "1,000", "-1"],
}

# One number word per language, in a sentence of the language's blank pipeline.
SENTENCES = {
    "he": ("יש לי שלושה כלבים", "שלושה"),
    "hi": ("मेरे पास पाँच किताबें हैं", "पाँच"),
    "ht": ("Mwen gen twa chen", "twa"),
    "hy": ("Ես ունեմ հինգ գիրք", "հինգ"),
    "id": ("Saya punya tiga buku", "tiga"),
    "kmr": ("Min heft pirtûk hene", "heft"),
    "la": ("Habeo quinque libros", "quinque"),
}


def _like_num(code):
    return importlib.import_module(f"lexloom.lang.{code}.lex_attrs").like_num


@pytest.mark.parametrize("code", sorted(NUMBERS))
def test_number_words_and_digits_are_like_num(code):
    like_num = _like_num(code)
    vocab = lexloom.blank(code).vocab
    assert [w for w in NUMBERS[code] if not like_num(w)] == []
    assert [w for w in NUMBERS[code] if not vocab[w].like_num] == []


@pytest.mark.parametrize("code", sorted(NOT_NUMBERS))
def test_other_words_are_not_like_num(code):
    like_num = _like_num(code)
    vocab = lexloom.blank(code).vocab
    assert [w for w in NOT_NUMBERS[code] if like_num(w)] == []
    assert [w for w in NOT_NUMBERS[code] if vocab[w].like_num] == []


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_doc_tokens_get_the_language_like_num(code):
    text, number = SENTENCES[code]
    doc = lexloom.blank(code)(text)
    assert [t.text for t in doc if t.like_num] == [number]


def test_spacy_module_names_and_attr_ids():
    from lexloom.attrs import IS_CURRENCY, LIKE_NUM, NORM
    from lexloom.lang.hi import lex_attrs as hi
    from lexloom.lang.ht import lex_attrs as ht
    from lexloom.lang.id import lex_attrs as id_

    for code in NUMBERS:
        assert importlib.import_module(f"lexloom.lang.{code}.lex_attrs").LIKE_NUM == LIKE_NUM
    assert hi.NORM == ht.NORM == NORM and id_.IS_CURRENCY == IS_CURRENCY
    assert callable(hi.norm) and callable(ht.norm_custom) and callable(id_.is_currency)


@pytest.mark.parametrize("word,stem", [
    ("चलता", "चल"), ("पढ़ाई", "पढ़"), ("देती", "दे"), ("जाती", "ज"), ("मुस्कुराकर", "मुस्कुर"),
    ("लड़कियों", "लड़क"), ("लड़का", "लड़क"), ("घर", "घर"), ("Hello", "Hello"), ("\u2014", "-"),
])
def test_hindi_norm_strips_the_longest_ending(word, stem):
    from lexloom.lang.hi.lex_attrs import norm

    assert norm(word) == stem
    assert lexloom.blank("hi").vocab[word].norm_ == stem


def test_hindi_doc_norms_share_the_stem():
    doc = lexloom.blank("hi")("वह चलता है और वे चलते हैं")
    assert doc[1].text == "चलता" and doc[5].text == "चलते"
    assert doc[1].norm_ == doc[5].norm_ == "चल"


@pytest.mark.parametrize("word,expected", [
    ("'m", "mwen"), ("\u2019m", "mwen"), ("'n", "nou"), ("'l", "li"), ("'y", "yo"),
    ("'w", "ou"), ("m", "mwen"), ("k", "ki"), ("p", "pa"), ("T", "Te"), ("W", "Ou"),
    ("Lakay", "lakay"), ("\u2014", "\u2014"),
])
def test_haitian_norm_custom_spells_out_clitics(word, expected):
    from lexloom.lang.ht.lex_attrs import norm_custom

    assert norm_custom(word) == expected


def test_haitian_lexeme_norm_keeps_the_shared_punctuation_forms():
    vocab = lexloom.blank("ht").vocab
    assert vocab["'m"].norm_ == "mwen" and vocab["K"].norm_ == "Ki"
    assert vocab["\u2014"].norm_ == "-" and vocab["\u201c"].norm_ == '"'
    doc = lexloom.blank("ht")("Li di m sa")
    assert [t.norm_ for t in doc] == ["li", "di", "mwen", "sa"]


def test_indonesian_currency_codes():
    from lexloom.lang.id.lex_attrs import is_currency

    assert is_currency("Rp") and is_currency("IDR") and is_currency("$") and is_currency("€")
    assert not is_currency("rp") and not is_currency("buku") and not is_currency("$5")
    doc = lexloom.blank("id")("Harganya Rp 5.000")
    assert [t.is_currency for t in doc] == [False, True, False]
    assert doc[2].like_num
