"""Language data for Korean, Ancient Greek, Tigrinya, Amharic, Lithuanian, Upper Sorbian,
Sanskrit, Haitian Creole, Indonesian and Malay: tokenizer special cases and affixes, number
likeness, and Korean's rule-based tokenizer option."""
from __future__ import annotations

import pytest
from lexloom.errors import MissingLanguageDependencyError

import lexloom
from lexloom.tokens import Doc


def _texts(lang: str, text: str) -> list[str]:
    return [t.text for t in lexloom.blank(lang)(text)]


@pytest.mark.parametrize("lang,text,expected", [
    ("grc", "⸏ὔπνον ἴδωμεν⸎", ["⸏", "ὔπνον", "ἴδωμεν", "⸎"]),
    ("grc", "περί τε †θεῶν† καὶ", ["περί", "τε", "†", "θεῶν", "†", "καὶ"]),
    ("grc", "κἀγὼ δ' ἦλθον", ["κἀ", "γὼ", "δ'", "ἦλθον"]),
    ("ti", "“ስድራቤታት፧”", ["“", "ስድራቤታት", "፧", "”"]),
    ("ti", "ወ/ሮ ሓደ ት/ቤት።", ["ወ/ሮ", "ሓደ", "ት/ቤት", "።"]),
    ("am", "ወ/ሮ አበበ ሄደች።", ["ወ/ሮ", "አበበ", "ሄደች", "።"]),
    ("lt", "km.", ["km", "."]),
    ("lt", "rūmai–Ozo g.", ["rūmai", "–", "Ozo", "g", "."]),
    ("lt", "28-iose n-tosios", ["28-iose", "n-tosios"]),
    ("hsb", "wobsteji resp. wobsteješe", ["wobsteji", "resp.", "wobsteješe"]),
    ("ht", "M'ap vini, eske wap la?", ["M'", "ap", "vini", ",", "eske", "w", "ap", "la", "?"]),
    ("ht", "lajan'm di'l Dr. Jean", ["lajan", "'m", "di", "'l", "Dr.", "Jean"]),
    ("ht", "(m'ap?)", ["(", "m'", "ap", "?", ")"]),
    ("id", "(S.Kom.?)", ["(", "S.Kom.", "?", ")"]),
    ("id", "gara-gara Jokowi-Ahok", ["gara-gara", "Jokowi", "-", "Ahok"]),
    ("id", "Rp10.000 bolak-balik tolong-menolong 1-1", ["Rp", "10.000", "bolak-balik",
                                                        "tolong-menolong", "1", "-", "1"]),
    ("ms", "Tun Dr. Ismail-Abdul Rahman", ["Tun", "Dr.", "Ismail", "-", "Abdul", "Rahman"]),
    ("ms", "RM500 kpd. 1 Kor. a/l", ["RM", "500", "kpd.", "1 Kor.", "a/l"]),
])
def test_tokenization(lang, text, expected):
    assert _texts(lang, text) == expected


def test_norms_from_special_cases():
    doc = lexloom.blank("ht")("Map ale")
    assert [(t.text, t.norm_) for t in doc][:2] == [("M", "Mwen"), ("ap", "ap")]
    doc = lexloom.blank("grc")("ἀπὸ κἀγώ")
    assert [t.norm_ for t in doc] == ["από", "καί", "ἐγώ"]
    assert lexloom.blank("id")("Agu.")[0].norm_ == "Agustus"
    assert lexloom.blank("hsb")("mil.")[0].norm_ == "milion"


@pytest.mark.parametrize("lang,word,expected", [
    ("grc", "ϟα", True), ("grc", "δισχίλια", True), ("grc", "λόγος", False),
    ("grc", "10", False),
    ("ti", "ትሪልዮን", True), ("ti", "999,0", True), ("ti", "ከልቢ", False),
    ("am", "ሁለተኛ", True), ("am", "10ኛ", True), ("am", "ቤት", False),
    ("lt", "dviem", True), ("lt", "milijardų", True), ("lt", "dešimčia", True),
    ("lt", "šuo", False), ("lt", "-5", False),
    ("hsb", "dwanaće", True), ("hsb", "Prěnja", True), ("hsb", "dom", False),
    ("sa", "षण्णवतिः", True), ("sa", "शतम्", True), ("sa", "रामः", False),
])
def test_like_num(lang, word, expected):
    doc = lexloom.blank(lang)(word)
    assert len(doc) == 1
    assert doc[0].like_num is expected


def test_korean_rule_based_tokenizer_needs_no_mecab():
    nlp = lexloom.blank("ko", config={"nlp": {"tokenizer": {"@tokenizers":
                                                              "spacy.Tokenizer.v1"}}})
    assert [t.text for t in nlp("부(富)는 1982~1983.")] == ["부", "(", "富", ")", "는", "1982",
                                                           "~", "1983", "."]
    assert [t.text for t in nlp("그렇구나~")] == ["그렇구나~"]
    assert nlp("삼월")[0].like_num


def test_korean_default_tokenizer_still_needs_mecab():
    try:
        import natto  # noqa: F401
    except ImportError:
        with pytest.raises(MissingLanguageDependencyError):
            lexloom.blank("ko")
    else:
        pytest.skip("natto is installed")


def test_haitian_noun_chunks():
    nlp = lexloom.blank("ht")
    doc = Doc(nlp.vocab, words=["Pitit", "gen", "gwo", "pwoblèm", "ak", "kontwòl"],
              heads=[1, 1, 3, 1, 5, 3], deps=["nsubj", "ROOT", "amod", "obj", "case", "nmod"],
              pos=["NOUN", "VERB", "ADJ", "NOUN", "ADP", "NOUN"])
    assert [c.text for c in doc.noun_chunks] == ["Pitit", "gwo pwoblèm ak kontwòl"]
    with pytest.raises(ValueError):
        list(nlp("Sa a se yon fraz").noun_chunks)


def test_indonesian_tokenizer_round_trip_keeps_reduplication():
    nlp = lexloom.blank("id")
    other = lexloom.blank("id")
    other.tokenizer.from_bytes(nlp.tokenizer.to_bytes())
    assert [t.text for t in other("anak-anak Jokowi-Ahok")] == ["anak-anak", "Jokowi", "-",
                                                              "Ahok"]


def test_malay_month_norms_and_compounds_as_spacys():
    nlp = lexloom.blank("ms")
    doc = nlp("Jan. Mac. Ogos. gotong-royong Gotong-Royong asal-usul In.")
    assert [t.text for t in doc] == ["Jan.", "Mac.", "Ogos.", "gotong-royong", "Gotong-Royong",
                                     "asal", "-", "usul", "In", "."]
    assert [t.norm_ for t in doc[:3]] == ["jan.", "Mac", "Ogos"]
