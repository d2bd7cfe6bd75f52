"""Language data for ar, bo, dsb, cs, nl, sk, bn, ga, nb, nn, fo, sl, la: number words,
abbreviations, affixes and noun chunks behave as spaCy 3.8's do."""
from __future__ import annotations

import pytest

import lexloom
from lexloom.tokens import Doc


def _words(lang: str, text: str) -> list[str]:
    return [t.text for t in lexloom.blank(lang)(text) if not t.is_space]


@pytest.mark.parametrize("lang,word,expected", [
    ("cs", "devatenáct", True), ("cs", "kvadrilion", True), ("cs", "Pes", False),
    ("sk", "štyri", True), ("sk", "milión", True), ("sk", "pes", False),
    ("dsb", "dwanassćo", True), ("dsb", "jadno", True), ("dsb", "kopica", False),
    ("bo", "གཅིག་", True), ("bo", "བཅུ་གཅིག་", True), ("bo", "ཀླད་ཀོར་", True),
    ("bo", "ཁྱི་", False), ("cs", "1/2", True), ("sk", "10,000", True),
])
def test_number_words(lang, word, expected):
    doc = lexloom.blank(lang)(word)
    assert len(doc) == 1
    assert doc[0].like_num is expected


@pytest.mark.parametrize("lang,text,expected", [
    ("ar", "سنة 3200 ق.م", ["سنة", "3200", "ق.م"]),
    ("la", "nobiscum quam", ["nobis", "cum", "quam"]),
    ("la", "Kal. Ian.", ["Kal.", "Ian."]),
    ("nb", "bl.a. kl. 13 pga. det", ["bl.a.", "kl.", "13", "pga.", "det"]),
    ("nn", "frå nov. til mai", ["frå", "nov.", "til", "mai"]),
    ("nn", "ueinig i.", ["ueinig", "i", "."]),
    ("fo", "landsstýrismanna v.m., skulu", ["landsstýrismanna", "v.m.", ",", "skulu"]),
    ("ga", "(lch. 600), m.sh. tusa", ["(", "lch.", "600", ")", ",", "m.sh.", "tusa"]),
    ("ga", "lem' chara", ["le", "m'", "chara"]),
    ("bn", "৩*৩=৬?", ["৩", "*", "৩", "=", "৬", "?"]),
    ("bn", "৩৫ ডিগ্রি সে.।", ["৩৫", "ডিগ্রি", "সে.", "।"]),
    ("sl", "10. decembra 1948", ["10.", "decembra", "1948"]),
    ("sl", "je konec.", ["je", "konec", "."]),
    ("nl", "Hij is sociaal-cultureel werker.", ["Hij", "is", "sociaal-cultureel", "werker", "."]),
    ("nl", "dure auto's", ["dure", "auto's"]),
])
def test_tokenization(lang, text, expected):
    assert _words(lang, text) == expected


def test_exception_norms():
    doc = lexloom.blank("ar")("ق.م")
    assert doc[0].norm_ == "قبل الميلاد"
    assert lexloom.blank("nn")("nov.")[0].norm_ == "november"
    assert lexloom.blank("bn")("ডঃ")[0].norm_ == "ডক্টর"


def _parsed(lang, words, pos, deps, heads):
    vocab = lexloom.blank(lang).vocab
    return Doc(vocab, words=words, pos=pos, deps=deps,
               heads=[i + h for i, h in enumerate(heads)])


def test_latin_noun_chunks_reach_genitive():
    doc = _parsed("la", "Perseus autem in sinu matris dormiebat .".split(),
                  ["NOUN", "ADV", "ADP", "NOUN", "NOUN", "VERB", "PUNCT"],
                  ["nsubj", "discourse", "case", "obl", "nmod", "ROOT", "punct"],
                  [5, 4, 3, -1, -1, 0, -1])
    assert [c.text for c in doc.noun_chunks] == ["Perseus", "sinu matris"]


def test_dutch_noun_chunks():
    doc = _parsed("nl", "de grote hond ziet hem".split(),
                  ["DET", "ADJ", "NOUN", "VERB", "PRON"],
                  ["det", "amod", "nsubj", "ROOT", "obj"],
                  [2, 1, 1, 0, -1])
    # the object pronoun is no chunk: only subject pronouns are
    assert [c.text for c in doc.noun_chunks] == ["de grote hond"]


@pytest.mark.parametrize("lang", ["nl", "la"])
def test_noun_chunks_need_a_parse(lang):
    with pytest.raises(ValueError):
        list(lexloom.blank(lang)("dit is een test").noun_chunks)


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_norwegian_noun_chunks_span_subtree(lang):
    doc = _parsed(lang, "den store hunden og katten sover".split(),
                  ["DET", "ADJ", "NOUN", "CCONJ", "NOUN", "VERB"],
                  ["det", "amod", "nsubj", "cc", "conj", "ROOT"],
                  [2, 1, 3, 1, -2, 0])
    assert [c.text for c in doc.noun_chunks] == ["den store hunden og katten"]


@pytest.mark.parametrize("code", ["nb", "nn"])
def test_norwegian_keeps_hyphenated_compounds_and_cases_abbreviations_like_spacy(code):
    nlp = lexloom.blank(code)
    assert [t.text for t in nlp("Oslo-området, 3-4 timer og e-post.")] == [
        "Oslo-området", ",", "3-4", "timer", "og", "e-post", "."]
    # "Ca." stays whole at a sentence start; "Mrd." is no abbreviation capitalized
    assert [t.text for t in nlp("Ca. 3 mrd. kroner")] == ["Ca.", "3", "mrd.", "kroner"]
    assert [t.text for t in nlp("Mrd. kroner")] == ["Mrd", ".", "kroner"]


def test_polish_splits_hyphens_and_every_final_period_like_spacy():
    nlp = lexloom.blank("pl")
    assert [t.text for t in nlp("W 2020 r. biało-czerwona flaga, p. Kowalski.")] == [
        "W", "2020", "r", ".", "biało", "-", "czerwona", "flaga", ",", "p", ".", "Kowalski", "."]
    assert [t.text for t in nlp("dwu-")] == ["dwu-"]  # a numeral prefix keeps its hyphen


def test_dutch_abbreviations_stay_whole_in_three_casings_like_spacy():
    nlp = lexloom.blank("nl")
    doc = nlp("Bijv. dhr. Jansen, o.a. op blz. 3 d.w.z. VGL. 50 v.Chr. en ca. 10 kg. in het dorp.")
    assert [t.text for t in doc] == [
        "Bijv.", "dhr.", "Jansen", ",", "o.a.", "op", "blz.", "3", "d.w.z.", "VGL.", "50",
        "v.Chr.", "en", "ca.", "10", "kg.", "in", "het", "dorp", "."]
    assert [t.norm_ for t in doc[:2]] == ["bijv.", "dhr."]
    # a word that only looks like one keeps splitting its final period
    assert [t.text for t in nlp("Zij zag de jan.")] == ["Zij", "zag", "de", "jan", "."]


def test_slovenian_signs_hyphen_endings_and_abbreviations_like_spacy():
    nlp = lexloom.blank("sl")

    def words(text):
        return [t.text for t in nlp(text)]

    assert words("temperatura +15 ali -7, x+y") == [
        "temperatura", "+", "15", "ali", "-", "7", ",", "x+y"]
    # a hyphen stays before a Slovenian ending, splits before anything else
    assert words("BTC-jev NATO-ovski 1990-ih 5-krat") == [
        "BTC-jev", "NATO-ovski", "1990-ih", "5", "-", "krat"]
    assert words("le-ta Peter's J.K. Rowling") == [
        "le", "-", "ta", "Peter's", "J.", "K.", "Rowling"]
    doc = nlp("npr. itd. Npr. 10. decembra je konec.")
    assert [t.text for t in doc] == ["npr.", "itd.", "Npr.", "10.", "decembra", "je", "konec", "."]
    assert [t.norm_ for t in doc[:3]] == ["na primer", "in tako dalje", "npr."]


def test_dutch_clitics_stay_whole():
    nlp = lexloom.blank("nl")
    assert [t.text for t in nlp("'s Morgens is 't koud, 'T is z'n jas")] == [
        "'s", "Morgens", "is", "'t", "koud", ",", "'T", "is", "z'n", "jas"]
    assert [t.norm_ for t in nlp("’s 'T")] == ["'s", "'t"]


@pytest.mark.parametrize("code,text,words,norms", [
    ("bg", "През 1990 г. на ул. Витоша, т.е. в центъра, д-р Иванов",
     ["През", "1990", "г.", "на", "ул.", "Витоша", ",", "т.е.", "в", "центъра", ",", "д-р",
      "Иванов"], {"г.": "година", "ул.": "улица", "т.е.": "тоест", "д-р": "доктор"}),
    ("mk", "Во 1990 г. на ул. Македонија, т.е. во центарот, д-р Петров",
     ["Во", "1990", "г.", "на", "ул.", "Македонија", ",", "т.е.", "во", "центарот", ",", "д-р",
      "Петров"], {"г.": "година", "ул.": "улица", "т.е.": "то ест", "д-р": "доктор"}),
])
def test_bulgarian_and_macedonian_abbreviations_keep_their_period_and_norm(code, text, words,
                                                                           norms):
    doc = lexloom.blank(code)(text)
    assert [t.text for t in doc] == words
    assert {t.text: t.norm_ for t in doc if t.text in norms} == norms


@pytest.mark.parametrize("code,text,words,norms", [
    ("ru", "Квартира б/у в пгт. Ильинский, к.т.н. Петров и др.",
     ["Квартира", "б/у", "в", "пгт.", "Ильинский", ",", "к.т.н.", "Петров", "и др."],
     {"б/у": "бывший в употреблении", "к.т.н.": "кандидат технических наук"}),
    ("sl", "Podjetje d.o.o. je t.j. adm. enota, gl. dir.",
     ["Podjetje", "d.", "o.", "o.", "je", "t.", "j.", "adm.", "enota", ",", "gl.", "dir."],
     {"d.": "družba", "t.": "to", "j.": "je", "adm.": "administracija", "dir.": "dir."}),
    ("bg", "Той е англ. филолог, напр. от 1990 г.",
     ["Той", "е", "англ.", "филолог", ",", "напр.", "от", "1990", "г."],
     {"англ.": "английски", "напр.": "например"}),
    ("tl", "Siya'y masaya at 'di pagod", ["Siya'y", "masaya", "at", "'di", "pagod"],
     {"'di": "hindi"}),
    ("tl", "siya'y masaya", ["siya", "'y", "masaya"], {"'y": "ay"}),
    ("gd", "Tha mi a' dol dh' Ìle 's a' chiad", ["Tha", "mi", "a'", "dol", "dh'", "Ìle", "'s",
                                                 "a'", "chiad"], {"a'": "a'", "'s": "'s"}),
])
def test_more_abbreviations_and_elisions_stay_whole_or_split_as_listed(code, text, words, norms):
    doc = lexloom.blank(code)(text)
    assert [t.text for t in doc] == words
    assert {t.text: t.norm_ for t in doc if t.text in norms} == norms


def test_nepali_norm_is_a_stem_and_number_words_are_numbers():
    nlp = lexloom.blank("ne")
    doc = nlp("केटाहरूलाई गरेको बीस 1,000 ३/४")
    # the first group that matches cuts its own length: final "ई" cuts three characters,
    # "-ेको" two of its three
    assert [t.norm_ for t in doc[:2]] == ["केटाहरू", "गरे"]
    assert [t.like_num for t in doc] == [False, False, True, False, True, False, True]
    # the search stops at the first group whose cut would leave nothing
    assert [nlp(word)[0].norm_ for word in ("घरमा", "को")] == ["घरमा", "को"]


@pytest.mark.parametrize("code", ["ar", "fa"])
def test_arabic_script_languages_split_a_final_period_after_their_script_only(code):
    nlp = lexloom.blank(code)
    assert [t.text for t in nlp("كتاب. end. USA. 5+ 10km")] == [
        "كتاب", ".", "end.", "USA", ".", "5", "+", "10", "km"]


def test_persian_numbers_special_cases_and_noun_chunks():
    nlp = lexloom.blank("fa")
    assert [t.like_num for t in nlp("۱۲٫۵ ده پنجمین سی‌ام کتاب")] == [True, True, True, True,
                                                                   False]
    assert [t.text for t in nlp("سال ۵۰۰ ق.م")] == ["سال", "۵۰۰", "ق.م"]
    # none of the language-independent special cases: ":)" and "''" are punctuation
    assert [t.text for t in nlp(":) ''")] == [":", ")", "'", "'"]
    assert [t.text for t in nlp("4%")] == ["4", "%"]
    doc = Doc(nlp.vocab, words=["من", "کتاب", "دیدم"], heads=[2, 2, 2],
              deps=["nsubj", "oprd", "ROOT"], pos=["PRON", "NOUN", "VERB"])
    assert [c.text for c in doc.noun_chunks] == ["من"]  # "oprd" is no nominal label here


def test_bengali_keeps_a_period_on_a_number_and_splits_signs_its_own_way():
    nlp = lexloom.blank("bn")

    def words(text):
        return [t.text for t in nlp(text)]

    # Bengali digits are letters of the script to the period rule, ASCII digits are not
    assert words("1862. ১৮৬২. https://a.com/x?id=3. end.") == [
        "1862.", "১৮৬২", ".", "https://a.com/x?id=3.", "end", "."]
    assert words("§5 5৳ 5-7 ৫-৭ Peter's") == ["§5", "5", "৳", "5", "-", "7", "৫", "-", "৭",
                                             "Peter's"]


@pytest.mark.parametrize("code", ["lg", "tn"])
def test_luganda_and_setswana_split_a_hyphen_after_a_digit(code):
    assert [t.text for t in lexloom.blank(code)("1890-х a-b")] == ["1890", "-", "х", "a", "-",
                                                                   "b"]


def test_ligurian_elision_and_fused_prepositions():
    nlp = lexloom.blank("lij")
    assert [t.text for t in nlp("sott'a-o l'ægua co-a Ch’a-i Da-i")] == [
        "sott'", "a-o", "l'", "ægua", "co-a", "Ch’", "a-i", "Da-i"]


@pytest.mark.parametrize("code,norms", [
    ("nb", {"jan.": "januar", "jun.": "jun.", "jul.": "juli", "okt.": "okt.", "no.": "no."}),
    ("nn", {"jan.": "januar", "jun.": "juni", "jul.": "jul.", "okt.": "oktober", "t.d.": "t.d."}),
])
def test_norwegian_month_norms_and_abbreviations_as_spacys(code, norms):
    doc = lexloom.blank(code)(" ".join(norms) + " slutt")
    assert [t.text for t in doc][:-1] == list(norms)
    assert {t.text: t.norm_ for t in doc[:-1]} == norms


def test_latin_sp_is_no_abbreviation_and_tagalog_has_curly_apostrophes():
    assert [t.text for t in lexloom.blank("la")("Sp. Iul.")] == ["Sp", ".", "Iul."]
    assert [t.text for t in lexloom.blank("tl")("’’ :’)")] == ["’’", ":’)"]
