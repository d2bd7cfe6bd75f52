"""Hungarian, Kyrgyz, Tatar, Catalan and Romanian tokenizer data: sentences whose tokens
(and a few norms) are spaCy 3.8's output, every special case splitting into its own pieces,
number words, the Hungarian number token_match and the Catalan noun chunks on hand-made
parses."""
from __future__ import annotations

import pytest
from lexloom.errors import DocError
from lexloom.lang.tokenizer_exceptions import ORTH

import lexloom
from lexloom.tokens import Doc

CODES = ("hu", "ky", "tt", "ca", "ro")

# text -> spaCy 3.8's tokens for it (blank pipeline)
SENTENCES = {
    "hu": [
        ('A 99° meleg volt, 20°C-on és 30°C. Ez ©2020.',
         ['A', '99°', 'meleg', 'volt', ',', '20°C-on', 'és', '30°C', '.', 'Ez', '©2020.']),
        ('Kr.e. 44-ben, ill. a Kr.u. 1. században, stb.',
         ['Kr.e.', '44-ben', ',', 'ill.', 'a', 'Kr.u.', '1.', 'században', ',', 'stb.']),
        ('Lakik-e? (lakik)-e! A 3,14-ben és a 2003.01.06-ban.',
         ['Lakik', '-e', '?', '(', 'lakik', ')', '-e', '!', 'A', '3,14-ben', 'és', 'a',
          '2003.01.06-ban', '.']),
        ('Az 5%-os kamat, a 10$-os ár, 3km és 5kg.',
         ['Az', '5%-os', 'kamat', ',', 'a', '10$-os', 'ár', ',', '3', 'km', 'és', '5', 'kg', '.']),
        ('Az "Idézet"-ben a(b)c A--B 1:2 a:b.',
         ['Az', '"', 'Idézet', '"', '-ben', 'a', '(', 'b', ')', 'c', 'A', '--', 'B', '1:2', 'a',
          ':', 'b.']),
        ('Egy,kettő!három?négy mondat.Vége .Kezdet',
         ['Egy', ',', 'kettő', '!', 'három', '?', 'négy', 'mondat', '.', 'Vége', '.', 'Kezdet']),
        ('A Ph.D és ph.d. fokozat; A. Q. Á. ű.',
         ['A', 'Ph.D', 'és', 'ph.d.', 'fokozat', ';', 'A.', 'Q.', 'Á.', 'ű.']),
    ],
    "ky": [
        ('Эртең 22-январь, 2010—2012-жж. а—б а–б а-б.',
         ['Эртең', '22', '-', 'январь', ',', '2010—2012', '-', 'жж.', 'а', '—', 'б', 'а', '–',
          'б', 'а-б', '.']),
        ('Ал "китеп"-ти окуду, (бала)-лар, а:б "а":б.',
         ['Ал', '"', 'китеп', '"', '-ти', 'окуду', ',', '(', 'бала', ')', '-лар', ',', 'а', ':',
          'б', '"', 'а"', ':', 'б', '.']),
        ('Ал иштейт?!(качан)эмес... а.Б',
         ['Ал', 'иштейт', '?!(', 'качан', ')', 'эмес', '...', 'а', '.', 'Б']),
    ],
    "tt": [
        ('Бүген 22-гыйнвар, 2010-2012 еллар а—б а–б а-б.',
         ['Бүген', '22-гыйнвар', ',', '2010', '-', '2012', 'еллар', 'а', '—', 'б', 'а', '–', 'б',
          'а-б', '.']),
        ('Ул "китап"-ны укыды, (бала)-лар, а:б.',
         ['Ул', '"', 'китап', '"', '-ны', 'укыды', ',', '(', 'бала', ')', '-лар', ',', 'а', ':',
          'б', '.']),
        ('Ул эшли?!(кайчан)түгел... а.Б',
         ['Ул', 'эшли', '?!(', 'кайчан', ')', 'түгел', '...', 'а', '.', 'Б']),
    ],
    "ca": [
        ("L'home d'Andorra va dir-li que l'1 de gener s'ho faria.",
         ["L'", 'home', "d'", 'Andorra', 'va', 'dir', '-li', 'que', "l'", '1', 'de', 'gener',
          "s'", 'ho', 'faria', '.']),
        ("Dóna-m'ho, vés-te'n, dir-los, porta'ns, agafar-la, -hola hola-",
         ['Dóna', "-m'", 'ho', ',', 'vés', '-te', "'n", ',', 'dir', '-los', ',', 'porta', "'ns",
          ',', 'agafar', '-la', ',', '-', 'hola', 'hola', '-']),
        ('El 5% dels 10km, 3pm, 12m. 11a.m. 5€ 3+4 3-4 a/b.',
         ['El', '5%', 'd', 'els', '10', 'km', ',', '3', 'pm', ',', '12', 'm.', '11', 'a.m.', '5',
          '€', '3', '+', '4', '3', '-', '4', 'a', '/', 'b.']),
        ('Dr. Sr. Sta. núm. gen. à. EUA. A. aprox. p.ex.',
         ['Dr.', 'Sr.', 'Sta.', 'núm', '.', 'gen.', 'à.', 'EUA', '.', 'A.', 'aprox.', 'p.ex.']),
        ('L’home d’Andorra, dir-l’hi, fer-n’hi.',
         ['L’', 'home', 'd’', 'Andorra', ',', 'dir-l’', 'hi', ',', 'fer-n’', 'hi', '.']),
    ],
    "ro": [
        ('Într-adevăr, s-a dus într-o zi și i-a spus: dă-mi-l.',
         ['Într-', 'adevăr', ',', 's-', 'a', 'dus', 'într-', 'o', 'zi', 'și', 'i-', 'a', 'spus',
          ':', 'dă', '-mi', '-l', '.']),
        ('INTR-ADEVAR Intr-o zi, Şi-a luat d-lui, ţi-a spus.',
         ['INTR-ADEVAR', 'Intr-', 'o', 'zi', ',', 'Şi-', 'a', 'luat', 'd-lui', ',', 'ţi-', 'a',
          'spus', '.']),
        ('Clasa a 4-A, al 12-LEA, 1-UL, a 13-a, Str. STR.',
         ['Clasa', 'a', '4-A', ',', 'al', '12-LEA', ',', '1-UL', ',', 'a', '13', '-a', ',',
          'Str.', 'STR.']),
        ('Teste etc., S.A.M.D. s.a.m.d. dpdv, șamd. PROF.',
         ['Teste', 'etc.', ',', 'S.A.M.D.', 's.a.m.d.', 'dpdv', ',', 'șamd.', 'PROF.']),
        ('20°C. 20° 5€ 10km 5% 3*4 3-4 ©a Acasă.Apoi SUA.',
         ['20°C', '.', '20°', '5', '€', '10km', '5%', '3', '*', '4', '3-4', '©', 'a', 'Acasă',
          '.', 'Apoi', 'SUA', '.']),
    ],
}

NORMS = {
    "hu": ("Kr.e. -e °C.", [("Kr.e.", "kr.e."), ("-e", "-e"), ("°C", "°c"), (".", ".")]),
    "ky": ("ж.б.у.с. Млн. ЯНВ м-н", [("ж.б.у.с.", "жана башка ушул сыяктуу"),
                                     ("Млн.", "миллион"), ("ЯНВ", "январь"), ("м-н", "менен")]),
    "tt": ("һ.б.ш. Гый. ДШ б.э.к.", [("һ.б.ш.", "һәм башка шундыйлар"), ("Гый.", "гыйнвар"),
                                      ("ДШ", "дүшәмбе"), ("б.э.к.", "безнең эрага кадәр")]),
    "ca": ("al pels 3pm Sra.", [("a", "a"), ("l", "el"), ("p", "per"), ("els", "els"),
                                ("3", "3"), ("pm", "p.m."), ("Sra.", "senyora")]),
    "ro": ("Într-o s-a", [("Într-", "într-"), ("o", "o"), ("s-", "s-"), ("a", "a")]),
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
        assert [t.text for t in nlp(key)] == [p[ORTH] for p in pieces], key


def test_table_contents():
    hu = lexloom.blank("hu").Defaults.tokenizer_exceptions
    assert {"stb.", "pl.", "Kr.e.", "A.", "Z.", "Á.", "ű.", "Ph.D", "-e", "°C"} <= set(hu)
    assert "Q." not in hu and "stb" not in hu  # no "Q." initial; abbreviations keep their period
    assert [p[ORTH] for p in hu["°C."]] == ["°C", "."]
    ro = lexloom.blank("ro").Defaults.tokenizer_exceptions
    # every spelling: cedilla, comma-below and no diacritic, in three cases
    assert {"ș.a.m.d.", "ş.a.m.d.", "s.a.m.d.", "Ș.A.M.D.", "S.A.M.D.", "Într-Adevăr",
            "INTR-ADEVAR", "12-LEA", "12-Lea", "1-UL"} <= set(ro)
    assert "13-a" not in ro and "1-lea" not in ro
    ca = lexloom.blank("ca").Defaults.tokenizer_exceptions
    assert {"12am", "1p.m.", "12m.", "\u2019l"} <= set(ca) and "13pm" not in ca


@pytest.mark.parametrize("code,yes,no", [
    ("ky", ["жүз", "миң", "1/2", "+5", "10,000"], ["Жүз", "китеп"]),  # case-sensitive words
    ("tt", ["унбер", "йөз", "мең", "-3"], ["Бер", "китап"]),
    ("ro", ["Doi", "douăzeci", "treilea", "Primul", "doisprezecelea"], ["doisprezecea", "casa"]),
    ("hu", ["1,000", "3/4"], ["egy"]),
])
def test_like_num(code, yes, no):
    vocab = lexloom.blank(code).vocab
    assert all(vocab[w].like_num for w in yes), yes
    assert not any(vocab[w].like_num for w in no), no


@pytest.mark.parametrize("text,matched", [
    ("3,14-ben", True), ("2003.01.06-ban", True), ("1:20:36.7", True), ("IV.12.", True),
    ("10--12-ben", True), ("$-sal", True), ("15.", True), ("3.b", False), ("abc", False),
    ("3,14-Ben", False),
])
def test_hungarian_token_match(text, matched):
    token_match = lexloom.blank("hu").Defaults.token_match
    assert bool(token_match(text)) is matched


def test_ro_clitic_affixes_in_every_spelling():
    nlp = lexloom.blank("ro")
    assert [t.text for t in nlp("şi-a ŞI-A si-a")] == ["şi-", "a", "ŞI-", "A", "si-", "a"]
    assert [t.text for t in nlp("copilului-ului dă-ţi")] == ["copilului", "-ului", "dă", "-ţi"]


# (words, heads, deps, pos, chunks): chunks as spaCy 3.8 finds them
NOUN_CHUNK_CASES = [
    (["La", "casa", "de", "el", "meu", "pare", ",", "que", "és", "gran", ",", "és", "bonica",
      "."],
     [1, 12, 5, 5, 5, 1, 9, 9, 9, 5, 9, 12, 12, 12],
     ["det", "nsubj", "case", "det", "det", "nmod", "punct", "nsubj", "cop", "acl", "punct",
      "cop", "ROOT", "punct"],
     ["DET", "NOUN", "ADP", "DET", "DET", "NOUN", "PUNCT", "PRON", "AUX", "ADJ", "PUNCT", "AUX",
      "ADJ", "PUNCT"],
     [(0, 10)]),
    (["Vaig", "veure", "el", "Joan", ",", "el", "meu", "veí", ",", "a", "la", "plaça"],
     [1, 1, 3, 1, 7, 7, 7, 3, 7, 11, 11, 1],
     ["aux", "ROOT", "det", "obj", "punct", "det", "det", "appos", "punct", "case", "det", "obl"],
     ["AUX", "VERB", "DET", "PROPN", "PUNCT", "DET", "DET", "NOUN", "PUNCT", "ADP", "DET",
      "NOUN"],
     [(2, 4), (5, 8), (10, 12)]),
    (["El", "gos", "que", "corre", "molt", "dorm"],
     [1, 5, 3, 1, 3, 5],
     ["det", "nsubj", "nsubj", "acl:relcl", "advmod", "ROOT"],
     ["DET", "NOUN", "PRON", "VERB", "ADV", "VERB"],
     [(0, 2)]),
]


@pytest.mark.parametrize("case", NOUN_CHUNK_CASES)
def test_catalan_noun_chunks(case):
    words, heads, deps, pos, expected = case
    doc = Doc(lexloom.blank("ca").vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert [(c.start, c.end) for c in doc.noun_chunks] == expected


def test_catalan_noun_chunks_need_a_parse():
    doc = lexloom.blank("ca")("El gos dorm")
    with pytest.raises(DocError):
        list(doc.noun_chunks)
    with pytest.raises(ValueError):
        list(doc.noun_chunks)
