"""Language lemmatizers over small tables written here (spacy-lookups-data holds the real
ones): Italian and Polish "pos_lookup" (one table per POS, spaCy's default for both), and the
Dutch, Greek, Macedonian, Catalan and Haitian Creole rule modes."""
from __future__ import annotations

import pytest

import lexloom
from lexloom.lookups import Lookups
from lexloom.tokens import Doc


def _nlp(code: str, tables: dict) -> lexloom.Language:
    nlp = lexloom.blank(code)
    lemmatizer = nlp.add_pipe("lemmatizer")
    assert lemmatizer.mode == "pos_lookup"
    lookups = Lookups()
    required, _ = lemmatizer.get_lookups_config("pos_lookup")
    for name in required:
        lookups.add_table(name, tables.get(name, {}))
    lemmatizer.initialize(lookups=lookups)
    return nlp


def _lemmas(nlp, words, pos):
    doc = Doc(nlp.vocab, words=words, pos=pos)
    return [t.lemma_ for t in nlp.get_pipe("lemmatizer")(doc)]


def test_polish_pos_tables_prefixes_and_case():
    nlp = _nlp("pl", {"lemma_lookup_adj": {"dobry": "dobry", "lepszy": "dobry"},
                      "lemma_lookup_verb": {"robił": "robić"},
                      "lemma_lookup_noun": {"kota": "kot", "Polski": "Polska"},
                      "lemma_lookup_adv": {"szybko": "szybko"}})
    assert _lemmas(nlp, ["niedobry", "najlepszy", "nienajlepszy", "nierobił", "Kota", "Polski",
                         "Warszawy", "Szybko", "kota"],
                   ["ADJ", "ADJ", "ADJ", "VERB", "NOUN", "NOUN", "PROPN", "ADV", "VERB"]) == [
        "dobry", "dobry", "dobry", "robić", "kot", "Polska", "warszawy", "szybko", "kota"]


def test_italian_articles_clitics_and_fallback_tables():
    nlp = _nlp("it", {"lemma_lookup_det": {"questa": "questo"},
                      "lemma_lookup_pron": {"alcun": "alcun", "ne": "ne"},
                      "lemma_lookup_adj": {"qualcun": "qualcun"},
                      "lemma_lookup_noun": {"gatti": "gatto"},
                      "lemma_lookup_verb": {"mangiavo": "mangiare"},
                      "lemma_lookup_other": {"però": "però"},
                      "lemma_lookup": {"ciao": "ciao", "andavo": "andare"}})
    assert _lemmas(nlp, ["Gli", "questa", "la", "alcun", "qualcun", "d'", "Gatti", "mangiavo",
                         "andavo", "però", "Boh", "ne"],
                   ["DET", "DET", "PRON", "PRON", "ADJ", "ADP", "NOUN", "VERB", "VERB", "ADV",
                    "INTJ", "PART"]) == [
        "il", "questo", "lo", "alcuno", "qualcuno", "di", "gatto", "mangiare", "andare", "però",
        "boh", "ne"]


@pytest.mark.parametrize("code", ["it", "pl"])
def test_pos_lookup_needs_its_tables(code):
    from lexloom.errors import LookupsError

    nlp = lexloom.blank(code)
    lemmatizer = nlp.add_pipe("lemmatizer")
    with pytest.raises(LookupsError, match="lemma_lookup_"):
        lemmatizer.initialize(lookups=Lookups())


def _rule_nlp(code: str, tables: dict) -> lexloom.Language:
    nlp = lexloom.blank(code)
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    lookups = Lookups()
    for name in ("lemma_lookup", "lemma_rules", "lemma_exc", "lemma_index"):
        lookups.add_table(name, tables.get(name, {}))
    lemmatizer.initialize(lookups=lookups)
    return nlp


def test_dutch_rule_order_index_exception_lookup_rules():
    nlp = _rule_nlp("nl", {"lemma_index": {"noun": ["huis", "kat"], "verb": ["lopen"]},
                           "lemma_exc": {"verb": {"liep": ["lopen"]}},
                           "lemma_lookup": {"katten": "kat", "huizen": "huis", "boeken": "boek"},
                           "lemma_rules": {"noun": [["en", ""], ["s", ""]],
                                           "verb": [["t", "en"]]}})
    assert _lemmas(nlp, ["Huis", "liep", "Katten", "boeken", "werkt", "tafels", "snel"],
                   ["NOUN", "VERB", "NOUN", "NOUN", "VERB", "NOUN", "INTJ"]) == [
        "huis", "lopen", "kat", "boek", "werken", "tafel", "snel"]


def test_greek_macedonian_catalan_and_haitian_rules():
    el = _rule_nlp("el", {"lemma_index": {"noun": ["δρόμος"]},
                          "lemma_rules": {"noun": [["οι", "ος"], ["ους", "ος"]]}})
    assert _lemmas(el, ["δρόμοι", "Δρόμος", "άγνωστους"], ["NOUN", "NOUN", "NOUN"]) == [
        "δρόμος", "δρόμος", "άγνωστος"]
    mk = _rule_nlp("mk", {"lemma_index": {"verb": ["пеа"], "noun": ["куќа"]},
                          "lemma_rules": {"verb": [["ејќи", "еа"], ["е", "еа"]],
                                          "noun": [["и", "а"]]}})
    # "пејќи": the verbal adverb ending goes, the rest is a verb; unknown rule outputs are
    # dropped, so an unknown word keeps its text
    assert _lemmas(mk, ["пејќи", "куќи", "Скопје"], ["ADV", "NOUN", "PROPN"]) == [
        "пеа", "куќа", "Скопје"]
    ca = _rule_nlp("ca", {"lemma_index": {"noun": ["gat"]}, "lemma_rules": {"noun": [["s", ""]]},
                          "lemma_lookup": {"gossos": "gos"}})
    # an unknown rule output beats the lookup table; with no rule output the table decides,
    # indexed as spaCy indexes it (a str lemma gives its first character, as in French)
    assert _lemmas(ca, ["gats", "gossos", "gossos", "Hola"], ["NOUN", "NOUN", "ADV", "INTJ"]) == [
        "gat", "gosso", "g", "Hola"]
    ht = _rule_nlp("ht", {})
    assert _lemmas(ht, ["Mwen", "Manje"], ["PRON", "VERB"]) == ["mwen", "manje"]


def test_irish_pos_lookup_undoes_initial_mutations():
    from lexloom.lang.ga.lemmatizer import demutate, unponc
    from lexloom.lookups import Lookups

    # eclipsis, n- before a vowel, t-prothesis, h-prothesis, lenition, the dotted script
    assert [demutate(w) for w in ("mbád", "gcat", "nAthair", "n-athair", "t-súil", "hÓg",
                                  "bhean", "mhná")] == [
        "bád", "cat", "Athair", "athair", "súil", "Óg", "bean", "mná"]
    assert demutate("bhfear") == "far"   # spaCy's quirk: lenition judged on the word as given
    assert demutate("hata") == "hata" and demutate("hata", is_hpref=True) == "ata"
    assert unponc("ḃean Ṁór") == "bhean MHór"
    nlp = lexloom.blank("ga")
    lemmatizer = nlp.add_pipe("lemmatizer")
    assert lemmatizer.mode == "pos_lookup"
    lookups = Lookups()
    lookups.add_table("lemma_lookup_noun", {"bád": "bád", "bean": "bean", "athair": "athair"})
    lookups.add_table("lemma_lookup_adj", {"mór": "mór"})
    lookups.add_table("lemma_lookup_adp", {"ag": "ag"})
    lookups.add_table("lemma_lookup_verb", {"déan": ["déan", "déanamh"]})
    lemmatizer.initialize(lookups=lookups)
    doc = Doc(nlp.vocab, words=["mbád", "ḃean", "n-athair", "Mhór", "Ag", "déan", "dhéanamh",
                                "seo"],
              pos=["NOUN", "NOUN", "NOUN", "ADJ", "ADP", "VERB", "NOUN", "PRON"],
              morphs=["", "", "", "", "", "", "VerbForm=Vnoun", ""])
    assert [t.lemma_ for t in lemmatizer(doc)] == [
        "bád", "bean", "athair", "mór", "ag", "déan", "déanamh", "seo"]
