"""Memory zones: new strings and lexemes are released, kept Docs stay valid, memory is flat."""
import gc
import random
import string

import lexloom
from lexloom import memory_zone


def _random_texts(n, seed=0):
    rng = random.Random(seed)
    for i in range(n):
        words = ("".join(rng.choice(string.ascii_lowercase) for _ in range(9)) for _ in range(12))
        yield " ".join(words) + f", (shared) words {i}."


def test_memory_zone_releases_new_lexemes_and_strings():
    nlp = lexloom.blank("en")
    nlp("warm up the shared vocabulary.")
    n_lex = len(nlp.vocab)
    with nlp.memory_zone():
        for text in _random_texts(50):
            nlp(text)
        assert len(nlp.vocab) > n_lex + 500
    gc.collect()
    assert len(nlp.vocab) == n_lex
    assert nlp.vocab.strings._transient_size() == 0
    # the tokenizer still works, and the released words come back as new lexemes
    doc = nlp("warm up the shared vocabulary.")
    assert [t.text for t in doc] == ["warm", "up", "the", "shared", "vocabulary", "."]


def test_docs_kept_past_the_zone_stay_valid():
    nlp = lexloom.blank("en")
    with nlp.memory_zone():
        kept = nlp("zqxjv brandnewword (another) one!")
        kept[0].tag_ = "NN"
    gc.collect()
    assert kept.text == "zqxjv brandnewword (another) one!"
    assert [t.lower_ for t in kept][:2] == ["zqxjv", "brandnewword"]
    assert kept[0].shape_ == "xxxx" and kept[0].tag_ == "NN"
    assert kept[1].is_alpha and not kept[2].is_alpha
    # the moved lexemes are now ordinary permanent entries
    assert "brandnewword" in nlp.vocab.strings


def test_strings_added_explicitly_inside_a_zone_are_permanent():
    nlp = lexloom.blank("en")
    with nlp.memory_zone():
        key = nlp.vocab.strings.add("MY_LABEL")
        nlp("some qqqzzz text")
    assert nlp.vocab.strings[key] == "MY_LABEL"


def test_zone_is_not_released_when_the_vocab_changed_outside_it():
    nlp = lexloom.blank("en")
    zone = memory_zone.MemoryZone(nlp)
    nlp("inside zzqqyy")
    zone.pause()
    outside = nlp("outside wwqqxx")  # permanent lexemes appended after the zone's
    assert not zone.release()
    assert [t.text for t in outside] == ["outside", "wwqqxx"]
    assert "wwqqxx" in nlp.vocab.strings


def test_pipe_keeps_memory_flat_over_a_stream_of_new_words(monkeypatch):
    monkeypatch.setattr(memory_zone, "PIPE_RELEASE_AT", 5_000)
    nlp = lexloom.blank("en")
    sizes = []
    kept = []
    for i, doc in enumerate(nlp.pipe(_random_texts(3000), batch_size=100)):
        if i % 300 == 0:
            kept.append(doc)
            sizes.append(len(nlp.vocab))
    # without zones the vocab would hold ~36,000 lexemes by the end
    assert max(sizes) < 6_000
    assert len(nlp.vocab) < 6_000
    for doc in kept:
        assert doc.text.endswith(".") and all(t.lower_ == t.text.lower() for t in doc)


def test_pipe_without_zones_keeps_every_lexeme():
    nlp = lexloom.blank("en")
    for _ in nlp.pipe(_random_texts(300), memory_zones=False):
        pass
    assert len(nlp.vocab) > 3_000
