"""Danish, Swedish, Luxembourgish, Greek and Serbian tokenizer data: sentences whose tokens
(and a few norms) are spaCy 3.8's output, every special case splitting into its own pieces,
and the Danish, Swedish and Greek noun chunks on hand-made parses."""
from __future__ import annotations

import pytest
from lexloom.errors import DocError
from lexloom.lang.tokenizer_exceptions import ORTH

import lexloom
from lexloom.tokens import Doc

CODES = ("da", "sv", "lb", "el", "sr")

# text -> spaCy 3.8's tokens for it (blank pipeline)
SENTENCES = {
    "da": [
        ("Det er bl.a. ikke meningen", ["Det", "er", "bl.a.", "ikke", "meningen"]),
        ("Her er noget du kan kigge i.", ["Her", "er", "noget", "du", "kan", "kigge", "i", "."]),
        ("'DBA's, Lars' og Liz' bil sku' ik' ha' en bule.",
         ["'", "DBA's", ",", "Lars'", "og", "Liz'", "bil", "sku'", "ik'", "ha'", "en", "bule",
          "."]),
        ("Kør 4 km/t på vejen, f.eks. 31. jan. kl. 13",
         ["Kør", "4", "km/t", "på", "vejen", ",", "f.eks.", "31.", "jan.", "kl.", "13"]),
        ("Mange regler--eksempelvis gå-på-mod--er komplicerede.",
         ["Mange", "regler", "--", "eksempelvis", "gå-på-mod", "--", "er", "komplicerede", "."]),
        ("(f.eks.?) 0,1-13,5 Jul. Tors.",
         ["(", "f.eks.", "?", ")", "0,1-13,5", "Jul", ".", "Tors", "."]),
    ],
    "sv": [
        ("Jag kommer först kl. 13 p.g.a. diverse förseningar",
         ["Jag", "kommer", "först", "kl.", "13", "p.g.a.", "diverse", "förseningar"]),
        ("Hajaru vad jag sa? Fixaru det?",
         ["Hajar", "u", "vad", "jag", "sa", "?", "Fixar", "u", "det", "?"]),
        ("Provar att tokenisera ord i.", ["Provar", "att", "tokenisera", "ord", "i", "."]),
        ("EU:s c:a 99:e S:t A:B Björn's Lars'",
         ["EU:s", "c:a", "99:e", "S:t", "A", ":", "B", "Björn's", "Lars'"]),
        ("Smörsåsen används bl.a. till fisk, t.ex och Jan. sthlm",
         ["Smörsåsen", "används", "bl.a.", "till", "fisk", ",", "t.ex", "och", "Jan.", "sthlm"]),
    ],
    "lb": [
        ("Mee 't ass net evident, d'Liewen.",
         ["Mee", "'t", "ass", "net", "evident", ",", "d'", "Liewen", "."]),
        ("D\u2019Welt ass z.B. grouss, asw. Jan. Grand-Duché",
         ["D\u2019", "Welt", "ass", "z.B.", "grouss", ",", "asw.", "Jan.", "Grand-Duché"]),
        ("Tel. 12-34 wgl.", ["Tel.", "12", "-", "34", "wgl."]),
    ],
    "el": [
        ("Στις 5μμ πήγα σ' αυτό, κ.λπ. (π.χ. Ιαν.)",
         ["Στις", "5", "μμ", "πήγα", "σ'", "αυτό", ",", "κ.λπ.", "(", "π.χ.", "Ιαν.", ")"]),
        ("Ο Γιώργος 'ναι εδώ απ' το πρωί.",
         ["Ο", "Γιώργος", "'ναι", "εδώ", "απ'", "το", "πρωί", "."]),
        ("Το αρχείο name/file/test και πρώτος-δεύτερος 13mg",
         ["Το", "αρχείο", "name/file/test", "και", "πρώτος-δεύτερος", "13mg"]),
        ("+90% '12-'13 -12.13 $12,50 όνομα* Α' Β)",
         ["+90%", "'12-'13", "-12.13", "$12,50", "όνομα*", "Α'", "Β)"]),
        ("Η Μ. Ασία και 10.9-6 ή 15/2/17", ["Η", "Μ. Ασία", "και", "10.9-6", "ή", "15/2/17"]),
    ],
    "sr": [
        ("Дошао је о.г. у чет. ил' у пон.",
         ["Дошао", "је", "о.г.", "у", "чет.", "ил'", "у", "пон", "."]),
        ("Госпођа гђа живи на ул. Краља и сл. стварима.",
         ["Госпођа", "гђа", "живи", "на", "ул.", "Краља", "и сл.", "стварима", "."]),
        ("Да л' знаш, је л' тако? 5+3 ДЕЦ. Бгд",
         ["Да", "л", "'", "знаш", ",", "је л'", "тако", "?", "5", "+", "3", "ДЕЦ.", "Бгд"]),
        ("А.Б. Ц. 12. 3-4", ["А.Б", ".", "Ц", ".", "12.", "3", "-", "4"]),
    ],
}

NORMS = {
    "da": ("jan. Ka' ik'", [("jan.", "januar"), ("Ka'", "kan"), ("ik'", "ikke")]),
    "sv": ("Jan. fattaru sthlm",
           [("Jan.", "Januari"), ("fattar", "fattar"), ("u", "du"), ("sthlm", "Stockholm")]),
    "lb": ("'t Mme.", [("'t", "et"), ("Mme.", "Madame")]),
    "el": ("σ' 'ναι 5πμ κι",
           [("σ'", "σε"), ("'ναι", "είμαι"), ("5", "5"), ("πμ", "π.μ."), ("κι", "και")]),
    "sr": ("чет. гђа ил' о.г.",
           [("чет.", "четвртак"), ("гђа", "госпођа"), ("ил'", "или"), ("о.г.", "ове године")]),
}


@pytest.mark.parametrize("code,text,expected",
                         [(c, t, e) for c, pairs in SENTENCES.items() for t, e in pairs])
def test_sentences_tokenize_as_spacy(code, text, expected):
    assert [t.text for t in lexloom.blank(code)(text)] == expected


@pytest.mark.parametrize("code", CODES)
def test_special_cases_carry_norms(code):
    text, expected = NORMS[code]
    assert [(t.text, t.norm_) for t in lexloom.blank(code)(text)] == expected


@pytest.mark.parametrize("code", CODES)
def test_every_special_case_yields_its_pieces(code):
    nlp = lexloom.blank(code)
    exceptions = nlp.Defaults.tokenizer_exceptions
    assert len(exceptions) > len(lexloom.blank("xx").Defaults.tokenizer_exceptions) + 30
    for key, pieces in exceptions.items():
        if key.isspace():
            continue
        if key == "Αγ. Γρ.":  # as in spaCy, "Γρ." splits first, so the phrase never matches
            assert [t.text for t in nlp(key)] == ["Αγ.", "Γρ", "."]
            continue
        assert [t.text for t in nlp(key)] == [p[ORTH] for p in pieces], key


def test_table_sizes_and_ambiguous_abbreviations_left_out():
    da = lexloom.blank("da").Defaults.tokenizer_exceptions
    sv = lexloom.blank("sv").Defaults.tokenizer_exceptions
    assert {"tor.", "tors.", "f.eks.", "F.eks.", "31.", "og/eller"} <= set(da)
    assert not {"Tor.", "Tors.", "jul.", "søn.", "32."} & set(da)
    assert {"t.ex", "t.ex.", "T.ex.", "min.", "Min."} <= set(sv)
    assert not {"min", "jul.", "sön."} & set(sv)


def _doc(code, words, heads, deps, pos):
    return Doc(lexloom.blank(code).vocab, words=words, heads=heads, deps=deps, pos=pos)


# (words, heads, deps, pos, chunks): chunks as spaCy 3.8 finds them
NOUN_CHUNK_CASES = {
    "da": [
        (["Rikke", "og", "Jacob", "Jensen", "glæder", "sig", "til", "en", "hyggelig", "skovtur"],
         [4, 2, 0, 2, 4, 4, 9, 9, 9, 4],
         ["nsubj", "cc", "conj", "flat", "ROOT", "obj", "case", "det", "amod", "obl"],
         ["PROPN", "CCONJ", "PROPN", "PROPN", "VERB", "PRON", "ADP", "DET", "ADJ", "NOUN"],
         [(0, 1), (2, 4), (5, 6), (7, 10)]),
    ],
    "sv": [
        (["De", "samvetslösa", "skurkarna", "hade", "stulit", "juvelerna"],
         [2, 2, 4, 4, 4, 4],
         ["det", "amod", "nsubj", "aux", "ROOT", "obj"],
         ["DET", "ADJ", "NOUN", "AUX", "VERB", "NOUN"],
         [(0, 3), (5, 6)]),
    ],
    "el": [
        (["η", "γραμμή", "παραγωγής", "σταμάτησε"],
         [1, 3, 1, 3],
         ["det", "nsubj", "nmod", "ROOT"],
         ["DET", "NOUN", "NOUN", "VERB"],
         [(0, 3)]),
    ],
}


@pytest.mark.parametrize("code,case",
                         [(c, case) for c, cases in NOUN_CHUNK_CASES.items() for case in cases])
def test_noun_chunks(code, case):
    words, heads, deps, pos, expected = case
    doc = _doc(code, words, heads, deps, pos)
    assert [(c.start, c.end) for c in doc.noun_chunks] == expected


@pytest.mark.parametrize("code", ("da", "sv", "el"))
def test_noun_chunks_need_a_parse(code):
    doc = lexloom.blank(code)("Ord og ord")
    with pytest.raises(DocError):
        list(doc.noun_chunks)
    with pytest.raises(ValueError):
        list(doc.noun_chunks)
