"""Every language code spaCy 3.8 ships has a Language class (lexloom.lang.<code>), found by
lexloom.blank / util.get_lang_class / the languages registry, with its writing system, stop
words and a tokenizer that either works or says which package it needs (no spaCy)."""
from __future__ import annotations

import importlib

import pytest

from lexloom.util import load_model_from_config
import lexloom
from lexloom import util
from lexloom.errors import LanguageError, MissingLanguageDependencyError, UnknownLanguageError
from lexloom.language import Language

# spaCy 3.8's spacy/lang/ packages, written out here so a lost code fails the test.
CODES = """
af am ar az bg bn bo ca cs da de dsb el en es et eu fa fi fo fr ga gd grc gu he hi hr hsb ht
hu hy id is it ja kmr kn ko ky la lb lg lij lt lv mk ml mr ms nb ne nl nn pl pt ro ru sa si
sk sl sq sr sv ta te th ti tl tn tr tt uk ur vi xx yo zh
""".split()

# Tokenizers that need a third-party segmenter: code -> the package the error must name.
NEEDS_PACKAGE = {"ja": "sudachipy", "ko": "natto", "th": "pythainlp", "vi": "pyvi"}

# spaCy's class names for a sample of codes (module path and name are public API).
CLASS_NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish",
               "xx": "MultiLanguage", "nb": "Norwegian", "grc": "AncientGreek",
               "zh": "Chinese", "ja": "Japanese", "ar": "Arabic", "gd": "Scottish"}

SAMPLE = "Hello world, 2 tests (ok)."


def _installed(module: str) -> bool:
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


def test_every_spacy_code_is_known():
    assert set(CODES) <= set(lexloom.language.LANGUAGES)
    assert len(CODES) == 79


@pytest.mark.parametrize("code", CODES)
def test_blank_tokenizes_or_names_the_missing_package(code):
    package = NEEDS_PACKAGE.get(code)
    if package is not None and not _installed(package):
        with pytest.raises(MissingLanguageDependencyError, match=package) as info:
            lexloom.blank(code)
        assert isinstance(info.value, ImportError)  # spaCy raises ImportError here
        return
    nlp = lexloom.blank(code)
    assert nlp.lang == code
    doc = nlp(SAMPLE)
    assert doc.text == SAMPLE
    if code == "zh":  # one token per character
        assert [t.text for t in doc][:5] == list("Hello")
    else:
        assert [t.text for t in doc][:3] == ["Hello", "world", ","]


@pytest.mark.parametrize("code", CODES)
def test_class_is_the_module_class_and_registered(code):
    cls = util.get_lang_class(code)
    assert issubclass(cls, Language) and cls.lang == code
    module = importlib.import_module(f"lexloom.lang.{code}")
    assert getattr(module, cls.__name__) is cls
    assert lexloom.language.get_lang_class(code) is cls
    from lexloom.registry import registry

    assert registry.languages.get(code) is cls


def test_class_names_follow_spacy():
    for code, name in CLASS_NAMES.items():
        assert util.get_lang_class(code).__name__ == name
    from lexloom.lang.fr import French

    assert isinstance(lexloom.blank("fr"), French)


def test_writing_systems():
    rtl = {c for c in CODES if util.get_lang_class(c).Defaults.writing_system["direction"] == "rtl"}
    assert rtl == {"ar", "fa", "he", "ur"}
    caseless = {c for c in CODES if not util.get_lang_class(c).Defaults.writing_system["has_case"]}
    assert caseless == {"am", "ar", "fa", "he", "ja", "ko", "ti", "ur", "zh"}
    letterless = {c for c in CODES
                  if not util.get_lang_class(c).Defaults.writing_system["has_letters"]}
    assert letterless == {"ja", "ko", "zh"}


def test_unknown_code_raises_import_error():
    with pytest.raises(UnknownLanguageError, match="qqq") as info:
        lexloom.blank("qqq")
    assert isinstance(info.value, ImportError) and isinstance(info.value, LanguageError)


def test_custom_language_by_set_lang_class_and_registry():
    class Klingon(Language):
        lang = "tlh"

    util.set_lang_class("tlh", Klingon)
    assert isinstance(lexloom.blank("tlh"), Klingon)
    from lexloom.registry import registry

    @registry.languages("tlh2")
    class Klingon2(Language):
        lang = "tlh2"

    assert util.get_lang_class("tlh2") is Klingon2
    assert [t.text for t in lexloom.blank("tlh2")("Qapla' !")] == ["Qapla", "'", "!"]


def test_stop_words_for_generic_languages():
    cases = {"it": ("della", "gatto"), "pt": ("não", "gato"), "nl": ("het", "huis"),
             "ru": ("это", "дом"), "sv": ("och", "hus")}
    for code, (stop, word) in cases.items():
        vocab = lexloom.blank(code).vocab
        assert vocab[stop].is_stop and vocab[stop.upper()].is_stop, code
        assert not vocab[word].is_stop, code


def test_base_lexical_attributes_in_every_language():
    for code in ("af", "hu", "xx"):
        doc = lexloom.blank(code)("1,000 3/4 https://example.com a@b.org ...")
        assert [t.like_num for t in doc] == [True, True, False, False, False]
        assert doc[2].like_url and doc[3].like_email


def test_chinese_char_segmentation_keeps_whitespace_like_spacy():
    nlp = lexloom.blank("zh")
    doc = nlp("我爱  北京\n天安门。")
    assert [t.text for t in doc] == ["我", "爱", " ", "北", "京", "\n", "天", "安", "门", "。"]
    assert [t.whitespace_ for t in doc][:2] == ["", " "]
    assert doc.text == "我爱  北京\n天安门。"


def test_chinese_config_names_the_chinese_tokenizer():
    from lexloom.lang.zh import ChineseTokenizer

    config = util.get_lang_class("zh").default_config
    assert config["nlp"]["tokenizer"]["@tokenizers"] == "spacy.zh.ChineseTokenizer"
    nlp = load_model_from_config({"nlp": {"lang": "zh"}}, auto_fill=True)
    assert isinstance(nlp.tokenizer, ChineseTokenizer)
    assert [t.text for t in nlp("你好")] == ["你", "好"]


def test_chinese_numerals_are_like_num():
    nlp = lexloom.blank("zh")
    words = ["10", "999.0", "一", "〇", "十一", "一百二十三", "三千万", "壹佰", "狗", "一些", ","]
    doc = lexloom.tokens.Doc(nlp.vocab, words=words)
    assert [t.like_num for t in doc] == [True] * 8 + [False] * 3


def test_chinese_segmenter_is_checked_by_config_and_on_assignment():
    from lexloom.errors import ConfigError, LanguageError, LexloomWarning, PipelineError

    with pytest.raises(ConfigError, match="segmenter"):
        util.get_lang_class("zh").from_config({"nlp": {"tokenizer": {"segmenter": "unk"}}})
    tokenizer = lexloom.blank("zh").tokenizer
    with pytest.raises(LanguageError, match="unk"):
        tokenizer.segmenter = "unk"
    with pytest.warns(LexloomWarning, match="pkuseg_update_user_dict does nothing"):
        tokenizer.pkuseg_update_user_dict(["词"])
    tokenizer.segmenter = "pkuseg"  # without a model, annotating says what to do
    with pytest.raises(PipelineError, match="initialize"):
        tokenizer("测试")


def test_pkuseg_user_dictionary_words_are_read_from_the_trie():
    from types import SimpleNamespace as Node

    from lexloom.lang.zh import _get_pkuseg_trie_data

    leaf = Node(children={}, isword=True, usertag="n")
    trie = Node(children={"北": Node(children={"京": leaf}, isword=True, usertag=""),
                          "a": Node(children={}, isword=False, usertag="")},
                isword=False, usertag="")
    assert _get_pkuseg_trie_data(trie) == [("北", ""), ("北京", "n")]


def test_vietnamese_whitespace_tokenizer_without_pyvi():
    from lexloom.lang.vi import VietnameseTokenizer

    nlp = load_model_from_config(
        {"nlp": {"lang": "vi", "tokenizer": {"@tokenizers": "spacy.vi.VietnameseTokenizer",
                                             "use_pyvi": False}}}, auto_fill=True)
    assert isinstance(nlp.tokenizer, VietnameseTokenizer)
    doc = nlp("Xin chào,  thế giới")
    assert [t.text for t in doc] == ["Xin", "chào,", " ", "thế", "giới"]


def test_segmenter_alignment_rejects_words_not_in_text():
    from lexloom.errors import TokenizerError
    from lexloom.lang.segmenters import words_and_spaces

    assert words_and_spaces(["a", " ", "b", "c"], "a bc ") == (["a", "b", "c"],
                                                                [True, False, True])
    # a word that starts with the space after the previous one keeps it (" " + combining mark)
    assert words_and_spaces(["x", " \u0337", "y", "z"], "x \u0337y z") == (
        ["x", " \u0337", "y", "z"], [False, False, True, False])
    with pytest.raises(TokenizerError, match="not in the text"):
        words_and_spaces(["a", "x"], "a b")
    with pytest.raises(TokenizerError, match="skipped"):
        words_and_spaces(["a", "c"], "a b c")


def test_vocab_carries_the_writing_system():
    assert lexloom.blank("ar").vocab.writing_system == {"direction": "rtl", "has_case": False,
                                                         "has_letters": True}
    assert lexloom.blank("en").vocab.writing_system["direction"] == "ltr"


def test_lemmatizer_default_mode_follows_the_language():
    # spaCy: the shared factory defaults to lookup mode, English/French/Spanish (and a few
    # more) register their own with rule mode; the saved factory name stays "lemmatizer"
    from lexloom.lang.fr.lemmatizer import FrenchLemmatizer

    fr = lexloom.blank("fr")
    lemmatizer = fr.add_pipe("lemmatizer")
    assert lemmatizer.mode == "rule" and isinstance(lemmatizer, FrenchLemmatizer)
    assert fr.config["components"]["lemmatizer"]["factory"] == "lemmatizer"
    assert lexloom.blank("en").add_pipe("lemmatizer").mode == "rule"
    assert lexloom.blank("de").add_pipe("lemmatizer").mode == "lookup"
    assert lexloom.blank("de").add_pipe("lemmatizer", config={"mode": "rule"}).mode == "rule"


@pytest.mark.parametrize("code,words,not_words", [
    ("pt", ["dois", "Vinte", "1º", "2ª", "-3"], ["casa", "1x"]),
    ("nl", ["twee", "Twintig", "eerste", "1.000"], ["huis", "-3"]),  # no sign stripping
    ("da", ["to", "enogtyve", "første"], ["hus"]),
    ("ca", ["dos", "+7"], ["Dos", "casa"]),  # case-sensitive words
])
def test_number_words_of_generic_languages(code, words, not_words):
    vocab = lexloom.blank(code).vocab
    assert all(vocab[w].like_num for w in words), [w for w in words if not vocab[w].like_num]
    assert not any(vocab[w].like_num for w in not_words)


def test_chinese_config_has_spacys_initialize_tokenizer_block():
    config = lexloom.blank("zh").config
    assert dict(config["initialize"]["tokenizer"]) == {"pkuseg_model": None,
                                                        "pkuseg_user_dict": "default"}
    nlp = lexloom.blank("zh")
    nlp.initialize()   # the char segmenter takes (and ignores) the pkuseg settings
    assert [t.text for t in nlp("我爱北京")] == ["我", "爱", "北", "京"]
