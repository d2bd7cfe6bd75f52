"""Turkish, Portuguese, Italian and Finnish: tokenizer special cases and affix rules, Finnish
like_num, and noun chunks on hand-built parses (no spaCy)."""
from __future__ import annotations

import pickle

import pytest

import lexloom
from lexloom.errors import DocError
from lexloom.tokens import Doc


@pytest.fixture(scope="module")
def nlps():
    return {lang: lexloom.blank(lang) for lang in ("tr", "pt", "it", "fi")}


def _texts(nlp, text):
    doc = nlp(text)
    assert doc.text == text
    return [t.text for t in doc]


@pytest.mark.parametrize("text,tokens", [
    ("Dr. Murat geldi.", ["Dr.", "Murat", "geldi", "."]),
    ("Hem İst. hem Ank.'da", ["Hem", "İst.", "hem", "Ank.'da"]),
    ("Prof.'un Yrd.Doç. M.Ö.", ["Prof.'un", "Yrd.Doç.", "M.Ö."]),
    ("Yarışta 6. oldum.", ["Yarışta", "6.", "oldum", "."]),
    ("2.3. ve 2-3-1987 ile IV. Murat", ["2.3.", "ve", "2-3-1987", "ile", "IV.", "Murat"]),
    ("Okulumuz 3/B 15:30'da VI'da", ["Okulumuz", "3/B", "15:30'da", "VI'da"]),
    ("2005-2006 tarihleri", ["2005", "-", "2006", "tarihleri"]),  # a range still splits
    ("%1'lik dilim", ["%", "1'lik", "dilim"]),
    ("TBMM'de Cad. No: 2/311", ["TBMM'de", "Cad.", "No", ":", "2/311"]),
])
def test_turkish_tokenizer(nlps, text, tokens):
    assert _texts(nlps["tr"], text) == tokens


def test_turkish_norms_and_no_base_special_cases(nlps):
    nlp = nlps["tr"]
    assert [t.norm_ for t in nlp("Dr. İst. AB")] == ["doktor", "İstanbul", "Avrupa Birliği"]
    assert [t.norm_ for t in nlp("Sn. sn.")] == ["sayın", "saniye"]
    assert "dr." in nlp.tokenizer.rules and "Bul." in nlp.tokenizer.rules
    assert ":)" not in nlp.tokenizer.rules  # Turkish has only its own special cases


def test_turkish_token_match_survives_serialization(nlps):
    data = nlps["tr"].tokenizer.to_bytes()
    nlp = lexloom.blank("tr")
    nlp.tokenizer.token_match = None
    assert _texts(nlp, "6. oldum") == ["6", ".", "oldum"]
    nlp.tokenizer.from_bytes(data)
    assert _texts(nlp, "6. oldum") == ["6.", "oldum"]
    tokenizer = pickle.loads(pickle.dumps(nlps["tr"].tokenizer))
    assert [t.text for t in tokenizer("Ank.'da 19.'dan")] == ["Ank.'da", "19.'dan"]


@pytest.mark.parametrize("text,tokens,norms", [
    ("Miksei", ["Miks", "ei"], ["miksi", "ei"]),
    ("vaikkeivat", ["vaikk", "eivat"], ["vaikka", "eivät"]),
])
def test_finnish_contractions(nlps, text, tokens, norms):
    doc = nlps["fi"](text)
    assert [t.text for t in doc] == tokens
    assert [t.norm_ for t in doc] == norms


@pytest.mark.parametrize("text,tokens", [
    ("EU:n ALV:n 14:s.", ["EU:n", "ALV:n", "14:s", "."]),  # no colon infix
    ("taide-elokuva 1700-luvulle", ["taide-elokuva", "1700-luvulle"]),
    ("Sen--ben", ["Sen", "--", "ben"]),
    ("esim. eaa. N:o 5", ["esim.", "eaa.", "N:o", "5"]),
])
def test_finnish_tokenizer(nlps, text, tokens):
    assert _texts(nlps["fi"], text) == tokens


def test_finnish_like_num(nlps):
    vocab = nlps["fi"].vocab
    for word in ("yksi", "kolmetoista", "yhdeksänkymmentä", "tuhat", "-999,0", "1/2"):
        assert vocab[word].like_num, word
    for word in ("hevonen", "Yksi", "kymmenentoista", ","):
        assert not vocab[word].like_num, word


@pytest.mark.parametrize("text,tokens", [
    ("c'è l'ha", ["c'", "è", "l'", "ha"]),
    ("Vuoi un po' di zucchero?", ["Vuoi", "un", "po'", "di", "zucchero", "?"]),
    ("dell'art. 5 sett..", ["dell'", "art.", "5", "sett.", "."]),
    ("Emilia-Romagna nord-est", ["Emilia-Romagna", "nord-est"]),
    ("dopo-guerra", ["dopo", "-", "guerra"]),
    ("'90 20°C", ["'90", "20°", "C"]),
])
def test_italian_tokenizer(nlps, text, tokens):
    assert _texts(nlps["it"], text) == tokens


def test_italian_elided_stop_words(nlps):
    for text in ("quest'uomo", "dell'olio", "m'ascolti"):
        assert nlps["it"](text)[0].is_stop, text


@pytest.mark.parametrize("text,tokens", [
    ("guarda-chuva R$ 50", ["guarda-chuva", "R$", "50"]),
    ("0.5-0.7", ["0.", "5-0", ".7"]),  # spaCy's hyphenated-run infix inside a chunk
    ("Sra. Costa e/ou Dr. Silva", ["Sra.", "Costa", "e/ou", "Dr.", "Silva"]),
])
def test_portuguese_tokenizer(nlps, text, tokens):
    assert _texts(nlps["pt"], text) == tokens


def _chunks(nlp, words, heads, deps, pos):
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    return [(c.start, c.end) for c in doc.noun_chunks]


def test_turkish_noun_chunks_right_to_left(nlps):
    # "kızın saçının rengi": genitive chain under one head
    assert _chunks(nlps["tr"], ["kızın", "saçının", "rengi"], [1, 2, 2],
                   ["nmod", "nmod", "ROOT"], ["NOUN", "NOUN", "NOUN"]) == [(0, 3)]
    # "Mustafa Kemal Atatürk ve arkadaşları geldi": flats extend right, the conjunct drops
    # "ve", and chunks come out last first
    words = ["Mustafa", "Kemal", "Atatürk", "ve", "arkadaşları", "geldi"]
    heads = [5, 0, 0, 4, 0, 5]
    deps = ["nsubj", "flat", "flat", "cc", "conj", "ROOT"]
    pos = ["PROPN", "PROPN", "PROPN", "CCONJ", "NOUN", "VERB"]
    assert _chunks(nlps["tr"], words, heads, deps, pos) == [(4, 5), (0, 3)]


@pytest.mark.parametrize("lang", ["pt", "it"])
def test_romance_noun_chunks(nlps, lang):
    # "de a casa branca e o carro": leading preposition dropped, adjective kept, conjunct
    # without its conjunction
    words = ["de", "a", "casa", "branca", "e", "o", "carro"]
    heads = [2, 2, 2, 2, 6, 6, 2]
    deps = ["case", "det", "ROOT", "amod", "cc", "det", "conj"]
    pos = ["ADP", "DET", "NOUN", "ADJ", "CCONJ", "DET", "NOUN"]
    assert _chunks(nlps[lang], words, heads, deps, pos) == [(1, 4), (5, 7)]


def test_italian_possessive_after_head_ends_chunk(nlps):
    words, heads, pos = ["il", "cane", "mio"], [1, 1, 1], ["DET", "NOUN", "DET"]
    assert _chunks(nlps["it"], words, heads, ["det", "ROOT", "det:poss"], pos) == [(0, 3)]
    # Portuguese cuts at a plain "det" only: a "det:poss" after the head is left out
    assert _chunks(nlps["pt"], words, heads, ["det", "ROOT", "det:poss"], pos) == [(0, 2)]


def test_finnish_noun_chunks(nlps):
    # "Kaksi tyttöä potkii punaista palloa"
    words = ["Kaksi", "tyttöä", "potkii", "punaista", "palloa"]
    heads = [1, 2, 2, 4, 2]
    deps = ["nummod", "nsubj", "ROOT", "amod", "obj"]
    pos = ["NUM", "NOUN", "VERB", "ADJ", "NOUN"]
    assert _chunks(nlps["fi"], words, heads, deps, pos) == [(0, 2), (3, 5)]


@pytest.mark.parametrize("lang", ["tr", "pt", "it", "fi"])
def test_noun_chunks_need_a_parse(nlps, lang):
    doc = nlps[lang]("bir iki")
    with pytest.raises(DocError):
        list(doc.noun_chunks)
    with pytest.raises(ValueError):  # DocError is a ValueError, as spaCy raises
        list(doc.noun_chunks)
