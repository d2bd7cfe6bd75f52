"""Russian and Ukrainian: abbreviations kept whole with their norms, punctuation after a
combining stress mark, and the pymorphy3 lemmatizer. pymorphy3 is optional, so the
lemmatizer runs over a stand-in analyser returning the analyses pymorphy3 gives for these
words; the last test uses pymorphy3 itself when it is installed."""
from __future__ import annotations

import pickle
from types import SimpleNamespace

import pytest

import lexloom
from lexloom.lang.ru import lemmatizer as ru_lemmatizer
from lexloom.lang.ru.lemmatizer import RussianLemmatizer, oc2ud
from lexloom.tokens import Doc


@pytest.mark.parametrize("text,norm", [("пн.", "понедельник"), ("ПТ.", "пятница"),
                                       ("дек.", "декабрь"), ("ул.", "улица"),
                                       ("т.е.", "то есть")])
def test_russian_abbreviations_are_one_token_with_their_full_norm(text, norm):
    doc = lexloom.blank("ru")(text)
    assert [(t.text, t.norm_) for t in doc] == [(text, norm)]


def test_russian_abbreviations_with_a_space_stay_together():
    doc = lexloom.blank("ru")("зав. кафедрой и др. пришли")
    assert [t.text for t in doc] == ["зав. кафедрой", "и др.", "пришли"]
    assert doc[1].norm_ == "и другие"


@pytest.mark.parametrize("text", ["подда́ть жару́.", "жару́,самого́", "жару́-самого́",
                                  "жару́:самого́"])
def test_punctuation_after_a_stress_mark_splits_off(text):
    for code in ("ru", "uk", "bg"):
        words = [t.text for t in lexloom.blank(code)(text)]
        assert "жару́" in words and len(words) == 3, (code, words)


@pytest.mark.parametrize("text,norm", [("ім.", "імені"), ("проф.", "професор"),
                                       ("вул.", "вулиця")])
def test_ukrainian_abbreviations(text, norm):
    assert [(t.text, t.norm_) for t in lexloom.blank("uk")(text)] == [(text, norm)]


def test_opencorpora_tags_become_ud_pos_and_features():
    assert oc2ud("NOUN,inan,femn sing,gent") == (
        "NOUN", {"Animacy": "Inan", "Gender": "Fem", "Number": "Sing", "Case": "Gen"})
    # plurale tantum outranks the plural form; a surname is a proper noun
    assert oc2ud("NOUN,anim,ms-f,Pltm,Surn plur,gent") == (
        "PROPN", {"Animacy": "Anim", "Number": "Ptan", "Case": "Gen"})
    assert oc2ud("PRTS,perf,past,pssv masc,sing")[1]["Variant"] == "Brev"
    assert oc2ud("VERB,perf,intr plur,past,indc")[1]["VerbForm"] == "Fin"


def _analysis(tag: str, normal: str, known: bool = True):
    return SimpleNamespace(tag=tag, normal_form=normal, is_known=known)


class StandInAnalyser:
    """pymorphy3's analyses of "стали" (to become / steel) and "«"."""

    ANALYSES = {"стали": [_analysis("VERB,perf,intr plur,past,indc", "стать"),
                          _analysis("NOUN,inan,femn sing,gent", "сталь"),
                          _analysis("NOUN,inan,femn plur,nomn", "сталь")],
                "домами": [_analysis("NOUN,inan,masc plur,ablt", "дом")],
                "бла": [_analysis("NOUN,inan,masc sing,nomn", "блать", known=False)]}

    def __init__(self, lang="ru"):
        self.lang = lang

    def parse(self, word):
        return self.ANALYSES.get(word.lower(), [])


@pytest.fixture
def stand_in(monkeypatch):
    monkeypatch.setattr(ru_lemmatizer, "_analyser", lambda lang, package, install:
                        StandInAnalyser(lang))


def _lemmas(nlp, words, pos, morphs):
    doc = Doc(nlp.vocab, words=words, pos=pos, morphs=morphs)
    return [t.lemma_ for t in nlp.get_pipe("lemmatizer")(doc)]


def test_pymorphy3_mode_picks_the_analyses_that_agree_with_pos_and_morphology(stand_in):
    nlp = lexloom.blank("ru")
    lemmatizer = nlp.add_pipe("lemmatizer")
    assert lemmatizer.mode == "pymorphy3" and isinstance(lemmatizer, RussianLemmatizer)
    nlp.initialize()
    assert _lemmas(nlp, ["стали", "стали", "стали", "домами", "бла", "«", "и"],
                   ["VERB", "NOUN", "NOUN", "NOUN", "NOUN", "PUNCT", "CCONJ"],
                   ["", "Case=Gen|Number=Sing", "Case=Dat", "", "", "", ""]) == [
        "стать", "сталь", "стали", "дом", "бла", '"', "и"]
    # lookup mode: the normal form only when all analyses agree on one
    nlp = lexloom.blank("ru")
    nlp.add_pipe("lemmatizer", config={"mode": "pymorphy3_lookup"})
    nlp.initialize()
    assert _lemmas(nlp, ["стали", "домами"], ["VERB", "NOUN"], ["", ""]) == ["стали", "дом"]


def test_the_lemmatizer_pickles_without_its_analyser(stand_in):
    nlp = lexloom.blank("uk")
    lemmatizer = nlp.add_pipe("lemmatizer")
    assert type(lemmatizer).__name__ == "UkrainianLemmatizer" and lemmatizer._morph.lang == "uk"
    copy = pickle.loads(pickle.dumps(lemmatizer))
    assert copy.mode == "pymorphy3" and copy._morph.lang == "uk"


def test_without_pymorphy3_the_error_says_what_to_install(monkeypatch):
    import sys

    from lexloom.errors import MissingLanguageDependencyError

    monkeypatch.setitem(sys.modules, "pymorphy3", None)  # importing it now fails
    with pytest.raises(MissingLanguageDependencyError, match="pymorphy3-dicts-uk"):
        lexloom.blank("uk").add_pipe("lemmatizer")


def test_real_pymorphy3():
    pytest.importorskip("pymorphy3")
    nlp = lexloom.blank("ru")
    nlp.add_pipe("lemmatizer")
    nlp.initialize()
    assert _lemmas(nlp, ["стали", "кошками"], ["VERB", "NOUN"], ["", "Case=Ins"]) == [
        "стать", "кошка"]
