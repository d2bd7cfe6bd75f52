"""Japanese: the tokenizer's annotations (tags, POS, lemmas, norms, Inflection / Reading,
sub-tokens, spaces), its settings on disk and in pickles, the UniDic -> UPOS rules and noun
chunks. SudachiPy is optional, so most tests run the tokenizer over a stand-in analyser that
returns the morphemes SudachiPy gives for these texts; the last test uses SudachiPy itself
when it is installed."""
from __future__ import annotations

import pickle

import pytest

import lexloom
from lexloom.lang import ja as ja_module
from lexloom.lang.ja import DetailedToken, Japanese, JapaneseTokenizer
from lexloom.lang.ja.tag_map import tag_upos, upos_sequence
from lexloom.tokens import Doc


class Morpheme:
    """The part of sudachipy.Morpheme the tokenizer reads."""

    def __init__(self, surface, pos, lemma=None, norm=None, reading="", splits=()):
        self._surface, self._pos = surface, tuple(pos) + ("*",) * (6 - len(pos))
        self._lemma, self._norm, self._reading = lemma or surface, norm or surface, reading
        self._splits = dict(splits)

    def surface(self): return self._surface
    def part_of_speech(self): return self._pos
    def dictionary_form(self): return self._lemma
    def normalized_form(self): return self._norm
    def reading_form(self): return self._reading
    def split(self, mode): return self._splits.get(str(mode), [])


NOUN = ("名詞", "普通名詞", "一般")
TORU = Morpheme("取っ", ("動詞", "一般", "*", "*", "五段-ラ行", "連用形-促音便"), lemma="取る",
                reading="トッ")
TE = Morpheme("て", ("助詞", "接続助詞"), reading="テ")
TSUKE = Morpheme("つけ", ("動詞", "非自立可能", "*", "*", "下一段-カ行", "連用形-一般"),
                 lemma="付ける", norm="付ける", reading="ツケ")
TA = Morpheme("た", ("助動詞", "*", "*", "*", "助動詞-タ", "終止形-一般"), reading="タ")
SPACE = Morpheme(" ", ("空白",))
WORD_A = Morpheme("委員", NOUN, reading="イイン")
WORD_B = Morpheme("会", NOUN, reading="カイ")
COMMITTEE = Morpheme("委員会", NOUN, reading="イインカイ", splits={"A": [WORD_A, WORD_B]})


class StandIn:
    def __init__(self, morphemes):
        self.morphemes = morphemes

    def tokenize(self, text):
        return self.morphemes


@pytest.fixture
def stand_in(monkeypatch):
    """Japanese tokenizers analyse with StandIn(morphemes) instead of SudachiPy; split modes
    are plain strings."""
    morphemes: list = []
    monkeypatch.setattr(ja_module, "_sudachi", lambda split_mode: StandIn(morphemes))
    monkeypatch.setattr(ja_module, "require", lambda *a: type(
        "M", (), {"Tokenizer": type("T", (), {"SplitMode": type("S", (), {"A": "A", "B": "B"})})}))
    return morphemes


def test_words_get_tag_pos_lemma_norm_and_inflection_reading_features(stand_in):
    stand_in[:] = [TORU, TE, TSUKE, TA]
    doc = Japanese()("取ってつけた")
    assert [t.text for t in doc] == ["取っ", "て", "つけ", "た"]
    assert [t.tag_ for t in doc] == ["動詞-一般", "助詞-接続助詞", "動詞-非自立可能", "助動詞"]
    assert [t.pos_ for t in doc] == ["VERB", "SCONJ", "AUX", "AUX"]
    assert [t.lemma_ for t in doc] == ["取る", "て", "付ける", "た"]
    assert [t.norm_ for t in doc] == ["取っ", "て", "付ける", "た"]
    assert [t.morph.get("Inflection") for t in doc] == [
        ["五段-ラ行;連用形-促音便"], [], ["下一段-カ行;連用形-一般"], ["助動詞-タ;終止形-一般"]]
    assert [t.morph.get("Reading") for t in doc] == [["トッ"], ["テ"], ["ツケ"], ["タ"]]
    assert doc.user_data.get("sub_tokens") is None  # split mode A has none


def test_space_runs_become_one_gap_token_and_single_spaces_trail(stand_in):
    stand_in[:] = [Morpheme("I", NOUN), SPACE, SPACE, SPACE, Morpheme("like", NOUN), SPACE,
                   Morpheme("cheese", NOUN), Morpheme(".", ("補助記号", "句点"))]
    doc = Japanese()("I   like cheese.")
    assert [t.text for t in doc] == ["I", "  ", "like", "cheese", "."]
    assert doc.text == "I   like cheese."
    assert (doc[1].tag_, doc[1].pos_, doc[1].lemma_) == ("空白", "SPACE", "  ")
    stand_in[:] = []
    assert len(Japanese()("")) == 0
    assert [t.text for t in Japanese()(" \n ")] == [" \n "]


def test_split_mode_b_keeps_the_finer_split_as_sub_tokens(stand_in):
    stand_in[:] = [COMMITTEE]
    nlp = Japanese.from_config({"nlp": {"tokenizer": {"split_mode": "B"}}})
    assert nlp.tokenizer.split_mode == "B"
    doc = nlp("委員会")
    assert doc.user_data["sub_tokens"] == [[[
        DetailedToken("委員", "名詞-普通名詞-一般", "", "委員", "委員", "イイン", None),
        DetailedToken("会", "名詞-普通名詞-一般", "", "会", "会", "カイ", None)]]]


def test_split_mode_survives_bytes_disk_and_pickle(stand_in, tmp_path):
    nlp = Japanese.from_config({"nlp": {"tokenizer": {"split_mode": "B"}}})
    restored = Japanese().from_bytes(nlp.to_bytes())
    assert restored.tokenizer.split_mode == "B"
    assert restored.to_bytes() == nlp.to_bytes()
    nlp.to_disk(tmp_path / "ja")
    from_disk = Japanese().from_disk(tmp_path / "ja")
    assert from_disk.tokenizer.split_mode == "B"
    assert from_disk.config["nlp"]["tokenizer"]["split_mode"] == "B"
    assert pickle.loads(pickle.dumps(nlp.tokenizer)).split_mode == "B"


def test_an_unknown_split_mode_is_refused():
    from lexloom.errors import LanguageError

    with pytest.raises(LanguageError, match="split_mode"):
        JapaneseTokenizer(lexloom.blank("en").vocab, split_mode="D")


def test_upos_from_tags_spellings_and_neighbours():
    assert tag_upos("名詞-固有名詞-地名-国") == "PROPN"
    assert tag_upos("補助記号-句点") == "PUNCT" and tag_upos("補助記号-一般") == "SYM"
    assert tag_upos("未知の品詞") == "X"
    # 勉強 + し + て + いる: the サ変 noun is the verb, する and いる auxiliaries
    assert upos_sequence(["勉強", "し", "て", "いる"],
                         ["名詞-普通名詞-サ変可能", "動詞-非自立可能", "助詞-接続助詞",
                          "動詞-非自立可能"]) == ["VERB", "AUX", "SCONJ", "AUX"]
    # 本 + が + ある: a dependent verb after a particle is the main verb
    assert upos_sequence(["本", "が", "ある"], ["名詞-普通名詞-一般", "助詞-格助詞",
                                               "動詞-非自立可能"]) == ["NOUN", "ADP", "VERB"]
    assert upos_sequence(["この", "こんな", "静か", "だ"],
                         ["連体詞", "連体詞", "名詞-普通名詞-形状詞可能", "助動詞"]) == [
        "DET", "PRON", "ADJ", "AUX"]
    assert upos_sequence(["降る", "か"], ["動詞-一般", "助詞-副助詞"]) == ["VERB", "PART"]
    assert upos_sequence(["\u3000"], ["空白"]) == ["X"]


def test_the_morphologizer_extends_the_tokenizers_features_by_default():
    assert Japanese.get_factory_meta("morphologizer").default_config["extend"] is True
    assert lexloom.blank("en").add_pipe("morphologizer").cfg["extend"] is False


def test_the_filled_registry_lists_the_japanese_morphologizer_with_spacys_settings():
    # spaCy's registry.ensure_populated() lists ja.morphologizer (its filling imports
    # spacy.lang.ja); its settings have no label_smoothing
    import inspect

    from lexloom.util import registry

    registry.ensure_populated()
    assert registry.has("factories", "ja.morphologizer")
    factory = registry.factories.get("ja.morphologizer")
    assert list(inspect.signature(factory).parameters) == [
        "nlp", "model", "name", "overwrite", "extend", "scorer"]
    assert "label_smoothing" not in Japanese.get_factory_meta("morphologizer").default_config


def test_noun_chunks_are_subjects_and_obliques_with_their_modifiers():
    from lexloom.lang.ja.syntax_iterators import noun_chunks

    vocab = lexloom.blank("en").vocab
    # 大きな 猫 が 魚 を 台所 で 食べ た: the subject with its modifier and the oblique are
    # chunks (particles stay out); objects are not (spaCy's label set)
    doc = Doc(vocab, words=["大きな", "猫", "が", "魚", "を", "台所", "で", "食べ", "た"],
              spaces=[False] * 9,
              heads=[1, 7, 1, 7, 3, 7, 5, 7, 7],
              deps=["amod", "nsubj", "case", "obj", "case", "obl", "case", "ROOT", "aux"],
              pos=["ADJ", "NOUN", "ADP", "NOUN", "ADP", "NOUN", "ADP", "VERB", "AUX"])
    assert [doc[s:e].text for s, e, _ in noun_chunks(doc)] == ["大きな猫", "台所"]


def test_real_sudachi_annotations():
    pytest.importorskip("sudachipy")
    pytest.importorskip("sudachidict_core")
    doc = Japanese()("東京タワーの近くに住んでいます。")
    assert [t.pos_ for t in doc] == ["PROPN", "NOUN", "ADP", "NOUN", "ADP", "VERB", "SCONJ",
                                     "AUX", "AUX", "PUNCT"]
    assert doc[5].lemma_ == "住む"


def test_resolve_pos_gives_upos_ids_for_a_word_and_the_next_one_it_decides():
    # spaCy's word-pair API (GiNZA's compound splitter imports it); no SudachiPy needed
    from lexloom.attrs import POS_IDS
    from lexloom.lang.ja import DEFAULT_CONFIG, resolve_pos

    assert resolve_pos("です", "助動詞", None) == (POS_IDS["AUX"], None)
    # a サ変 noun before する is the verb, and する its auxiliary
    assert resolve_pos("勉強", "名詞-普通名詞-サ変可能", "動詞-非自立可能") == (
        POS_IDS["VERB"], POS_IDS["AUX"])
    assert resolve_pos("静か", "名詞-普通名詞-形状詞可能", "助動詞") == (POS_IDS["ADJ"], None)
    assert resolve_pos("この", "連体詞", "名詞-普通名詞-一般") == (POS_IDS["DET"], None)
    assert DEFAULT_CONFIG["nlp"]["tokenizer"]["@tokenizers"] == "spacy.ja.JapaneseTokenizer"
