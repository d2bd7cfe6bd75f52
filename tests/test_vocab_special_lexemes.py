"""A vocab holds the lexemes spaCy's tokenizer makes while loading its special cases, and
iterates in spaCy's order (its hash table's): pretraining's masked-language objective draws
its random words from `for lex in vocab`, so a seeded `pretrain` corrupts tokens as spaCy's.

The reference counts, orders and digests were computed once with spaCy 3.8.18."""
from __future__ import annotations

import hashlib
import re

import numpy
import pytest

import lexloom
from lexloom.tokenizer import Tokenizer
from lexloom.tokenizer_split import AffixSplitter
from lexloom.vocab import Vocab


def _words_digest(vocab) -> tuple[int, str, list[str]]:
    words = [lex.text for lex in vocab]
    return len(words), hashlib.md5("\n".join(words).encode()).hexdigest(), words[:6]


@pytest.mark.parametrize("lang,n,digest,first", [
    ("en", 764, "f63327a3e32a0720097ff1eb656db018",
     ["nuthin", "ü.", "p.m", "Kan", "Mar", "When's"]),
    ("fr", 442, "3648e3a2aded4b898555d384feae5f28",
     ["Moque-t-on", "ü.", "333", "av.", "\\n", " "]),
    ("de", 680, "98d579e840d0028df462e222f8159ae4", ["ü.", "So", "uvm", " ", "Sept.", "c."]),
])
def test_blank_vocab_holds_spacys_special_case_lexemes_in_spacys_order(lang, n, digest, first):
    nlp = lexloom.blank(lang)
    assert _words_digest(nlp.vocab) == (n, digest, first)


def test_lexemes_of_text_join_the_table_in_spacys_order():
    nlp = lexloom.blank("en")
    nlp.make_doc("Give it a doc to infer shapes")
    assert _words_digest(nlp.vocab)[:2] == (769, "209000ff8b5baf6addd8a7dfaee58387")
    assert "ca" in nlp.vocab and "He's" in nlp.vocab   # a piece of "can't"; a phrase key


def _rules_tokenizer(vocab) -> Tokenizer:
    return Tokenizer(vocab, rules={"(a-b).": [{"ORTH": "(a"}, {"ORTH": "-b)."}],
                                   "cd": [{"ORTH": "c"}, {"ORTH": "d"}]},
                     prefix_search=re.compile(r"^\(").search,
                     suffix_search=re.compile(r"[.)]$").search,
                     infix_finditer=re.compile(r"-").finditer)


def test_special_case_lexemes_are_made_as_spacys_tokenizer_makes_them():
    splitter = _rules_tokenizer(Vocab()).splitter
    # pieces; then the string split without special cases, each round's prefix before its
    # suffix, the middle's infix pieces last; then the string (its phrase pattern's key)
    assert splitter.special_case_lexemes_of("(a-b).") == [
        "(a", "-b).", "(", ".", ")", "a", "-", "b", "(a-b)."]
    # no affix, infix or space: not in the phrase pass, only its pieces
    assert splitter.special_case_lexemes_of("cd") == ["c", "d"]


def test_custom_tokenizer_and_add_special_case_fill_the_vocab_as_spacy():
    vocab = Vocab()
    tokenizer = _rules_tokenizer(vocab)
    assert [lex.text for lex in vocab] == [
        ".", "(a", "a", "(a-b).", "-b).", "d", "-", "(", "b", "c", ")"]
    tokenizer.add_special_case("x.y", [{"ORTH": "x."}, {"ORTH": "y"}])
    assert [lex.text for lex in vocab] == [
        ".", "(a", "y", "a", "x.", "(a-b).", "-b).", "d", "-", "(", "b", "c", ")"]


def test_changing_a_rule_callable_makes_the_lexemes_of_the_new_phrase_splits():
    vocab = Vocab()
    tokenizer = Tokenizer(vocab, rules={"a~b": [{"ORTH": "a~b"}]})
    assert "a" not in vocab
    tokenizer.infix_finditer = re.compile(r"~").finditer
    assert {"a", "~", "b"} <= {lex.text for lex in vocab}


def test_iteration_follows_the_hash_table_not_insertion():
    vocab = Vocab()
    words = [f"w{i}" for i in range(200)]
    for word in words:
        vocab[word]
    iterated = [lex.text for lex in vocab]
    assert sorted(iterated) == sorted(words) and iterated != words


def test_pretraining_random_words_come_from_the_special_case_lexemes():
    from lexloom.ml.models.multi_task import RandomWords

    nlp = lexloom.blank("en")
    words = RandomWords(nlp.vocab)
    assert len(words.orths) == 764
    numpy.random.seed(0)
    drawn = {nlp.vocab.strings[int(orth)] for orth in words.draw(50)}
    assert drawn <= {lex.text for lex in nlp.vocab} and len(drawn) > 20


def test_adopted_phrase_template_gives_the_same_lexemes():
    first = lexloom.blank("en").tokenizer.splitter.special_case_lexemes()
    fresh = AffixSplitter(dict(lexloom.blank("en").tokenizer.rules),
                          **{name: getattr(lexloom.blank("en").tokenizer, name) for name in (
                              "prefix_search", "suffix_search", "infix_finditer",
                              "token_match", "url_match")})
    assert fresh.special_case_lexemes() == first


def test_explain_puts_its_first_pass_tokens_in_the_vocab_as_spacys():
    nlp = lexloom.blank("en")
    explained = nlp.tokenizer.explain("Hello (world), brandnewword!! e.g. U.K. can't stop")
    assert explained[-3:] == [("SPECIAL-1", "ca"), ("SPECIAL-2", "n't"), ("TOKEN", "stop")]
    assert _words_digest(nlp.vocab)[:2] == (771, "dac46d02d43730c027d9bdccb548f639")


def test_the_empty_lexeme_is_not_one_of_the_vocabs():
    from lexloom.lexeme import Lexeme

    vocab = Vocab()
    vocab[""]
    vocab["a"]
    vocab[0]
    Lexeme(vocab, 0)
    assert len(vocab) == 1 and vocab.length == 1
    assert [lex.text for lex in vocab] == ["a"] and "" not in vocab


def test_a_loaded_pipeline_holds_the_lexemes_of_its_own_rules_as_spacys(tmp_path):
    # spaCy's vocab drops the config's (default) rules' lexemes when it loads; the folder's
    # tokenizer file then makes its own
    nlp = lexloom.blank("de")
    nlp.tokenizer.add_special_case("(ab)", [{"ORTH": "(ab)"}])
    nlp.tokenizer.add_special_case("x-y.", [{"ORTH": "x-"}, {"ORTH": "y."}])
    nlp.to_disk(tmp_path / "de")
    loaded = lexloom.load(tmp_path / "de")
    assert _words_digest(loaded.vocab)[:2] == (685, "eb620ea64896b184f0d735a497a50358")
    assert len(lexloom.load(tmp_path / "de", exclude=["tokenizer"]).vocab) == 0
    assert [t.text for t in loaded("(ab) x-y.")] == ["(ab)", "x-", "y."]


def test_a_loaded_pipelines_special_case_lexemes_take_their_norms_from_its_table(tmp_path):
    """spaCy makes the tokenizer file's lexemes after its vocab's lookups, so a lexeme_norm
    table gives them their norms (en_core_web_sm: vocab["doin'"].norm_ == "doing")."""
    nlp = lexloom.blank("en")
    nlp.vocab.lookups.add_table("lexeme_norm", {"doin'": "doing", "cuz": "because"})
    nlp.to_disk(tmp_path / "p")
    loaded = lexloom.load(tmp_path / "p")
    assert [loaded.vocab[w].norm_ for w in ("doin'", "cuz", "nothin'")] == \
        ["doing", "because", "nothin'"]
    assert [t.norm_ for t in lexloom.tokens.Doc(loaded.vocab, words=["doin'", "x"])] == \
        ["doing", "x"]
