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


def test_docs_given_to_pipe_keep_the_lexemes_a_merge_made_in_its_zones(monkeypatch):
    # nlp.pipe(Docs) through merge_entities: the merged tokens' lexemes are made inside the
    # pipe's zones; a Doc made before them wasn't moved off them, and its text turned into
    # other words' after a release (found by a crash hunt; spaCy has no zones in pipe)
    from lexloom.tokens import Doc

    monkeypatch.setattr(memory_zone, "PIPE_RELEASE_AT", 2_000)
    nlp = lexloom.blank("en")
    nlp.add_pipe("merge_entities")
    first = Doc(nlp.vocab, words=["New", "York", "rocks"], ents=["B-GPE", "I-GPE", "O"])
    texts = [first] + [f"w{i}x y{i}z q{i}q" for i in range(3_000)]
    for _ in nlp.pipe(texts, batch_size=100):
        pass
    assert len(nlp.vocab) < 5_000   # the zones were released
    assert first.text == "New York rocks " and [t.text for t in first] == ["New York", "rocks"]


def test_a_doc_made_before_a_zone_and_merged_in_it_stays_valid():
    nlp = lexloom.blank("en")
    doc = nlp("hello world foo")
    with nlp.memory_zone():
        with doc.retokenize() as retokenizer:
            retokenizer.merge(doc[0:2])
        nlp("zzq0 zzq1 zzq2")
    assert [t.text for t in doc] == ["hello world", "foo"]


def test_zones_closed_out_of_order_keep_their_docs_valid():
    # releasing the outer zone first would cut the vocab back under the inner one's Docs:
    # it keeps its memory instead (spaCy raises KeyError reading them)
    nlp = lexloom.blank("en")
    outer, inner = nlp.memory_zone(), nlp.memory_zone()
    outer.__enter__()
    a = nlp("alpha")
    inner.__enter__()
    b = nlp("beta")
    outer.__exit__(None, None, None)
    c = nlp("gamma")
    inner.__exit__(None, None, None)
    with nlp.memory_zone():   # new words here took the slots freed under a, b or c
        n_lex = len(nlp.vocab)
        nlp("delta epsilon")
        assert (a.text, b.text, c.text) == ("alpha", "beta", "gamma")
    gc.collect()
    assert (a.text, b.text, c.text) == ("alpha", "beta", "gamma")
    assert len(nlp.vocab) == n_lex   # zones work as before once none is left open


# ---- threads sharing the vocab --------------------------------------------------------
# A release cuts the vocab back to the zone's start; another thread's new entries past it
# (its Docs, or lexemes of a call in progress) would go with it.

def test_a_zone_another_thread_used_the_vocab_in_keeps_its_memory():
    import threading

    from lexloom.memory_zone import MemoryZone

    nlp = lexloom.blank("en")
    nlp("warm up")
    before = nlp.vocab._zone_sizes()
    zone = MemoryZone(nlp)
    nlp("qwertyzz uiopasdf")
    other = threading.Thread(target=lambda: nlp("zxcvbnmq lkjhgfds"))
    other.start()
    other.join()
    assert not zone.release()
    assert nlp.vocab._zone_sizes() != before
    zone = MemoryZone(nlp)    # one thread alone: released as before
    nlp("poiuytre mnbvcxzq")
    assert nlp.vocab._zone_sizes() != zone.start[0]
    assert zone.release()
    assert nlp.vocab._zone_sizes() == zone.start[0]


def test_a_call_in_flight_when_a_zone_opens_keeps_the_zone_from_releasing(monkeypatch):
    # Another thread is mid-tokenize as the zone opens (held in a lexeme getter, Python);
    # it makes its next lexeme after the zone's start was taken and ends its call before the
    # zone has finished opening (Python runs in between: threads switch there). Its Doc must
    # survive the zone's end. A zone that read "who is in flight" after its start, instead
    # of the moment its opening call began, released it.
    import threading

    from lexloom.memory_zone import MemoryZone

    nlp = lexloom.blank("en")
    nlp("warm up")
    in_call, go, done = threading.Event(), threading.Event(), threading.Event()
    made = {}

    def hold_the_first_new_word(text):
        if text == "zqxwvy" and not go.is_set():
            in_call.set()
            go.wait(10)
        return False

    nlp.vocab.add_flag(hold_the_first_new_word)

    def other_thread():
        made["doc"] = nlp("zqxwvy jkhgfq")
        done.set()

    worker = threading.Thread(target=other_thread)
    worker.start()
    assert in_call.wait(10)
    sizes = MemoryZone._sizes

    def sizes_then_let_the_other_thread_finish(self):
        taken = sizes(self)
        if not go.is_set():
            go.set()
            assert done.wait(10)
        return taken

    monkeypatch.setattr(MemoryZone, "_sizes", sizes_then_let_the_other_thread_finish)
    zone = MemoryZone(nlp)
    monkeypatch.setattr(MemoryZone, "_sizes", sizes)
    worker.join()
    assert not zone.release()
    assert [t.text for t in made["doc"]] == ["zqxwvy", "jkhgfq"]


def test_a_call_waits_while_another_thread_releases_a_zone():
    import threading

    nlp = lexloom.blank("en")
    done = threading.Event()
    nlp.vocab.releasing = 1           # as if another thread were releasing
    worker = threading.Thread(target=lambda: (nlp("asdfghjk qwerty"), done.set()))
    worker.start()
    try:
        assert not done.wait(0.3)     # held at Vocab.begin_call
    finally:
        nlp.vocab.releasing = 0
    assert done.wait(10)
    worker.join()


def test_a_forked_child_does_not_wait_for_a_parent_threads_release():
    import os

    nlp = lexloom.blank("en")
    nlp.vocab.releasing = 1           # a parent thread mid-release when the fork happened
    pid = os.fork()
    if pid == 0:
        import signal

        signal.alarm(5)
        try:
            nlp("forked child text")
        finally:
            os._exit(0)
    nlp.vocab.releasing = 0
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_a_lexeme_another_thread_makes_outside_a_call_keeps_the_zone_from_releasing():
    # vocab["word"] (or Doc(vocab, words=...), a Lexeme looked up by id) on another thread
    # makes a lexeme without nlp() or the tokenizer: it is a use of the vocab all the same,
    # and a zone open meanwhile must not release it with its own.
    import threading

    from lexloom.memory_zone import MemoryZone

    nlp = lexloom.blank("en")
    nlp("warm up")
    zone = MemoryZone(nlp)
    nlp("inside qqwweerr")
    made = {}
    worker = threading.Thread(target=lambda: made.update(lex=nlp.vocab["zzyyxxqq"]))
    worker.start()
    worker.join()
    assert not zone.release()
    assert made["lex"].orth_ == "zzyyxxqq" and made["lex"].is_alpha
    assert "zzyyxxqq" in nlp.vocab.strings


def test_a_lexeme_made_outside_a_call_waits_while_another_thread_releases():
    # A thread makes a lexeme (vocab["word"]) while another releases its zone, after the
    # release's checks and before its cut: made then, the cut took it and the strings it
    # had added. It waits for the release to end, as a call does.
    import threading

    from lexloom.memory_zone import MemoryZone

    nlp = lexloom.blank("en")
    nlp("warm up")
    made, done = {}, threading.Event()

    def make_a_lexeme():
        made["lex"] = nlp.vocab["vvbbnnmmq"]
        done.set()

    worker = threading.Thread(target=make_a_lexeme)

    class CacheThatLetsAnotherThreadIn:
        """A lexeme cache over the vocab: the release truncates it just before the vocab."""

        def _cache_size(self):
            return 0

        def _truncate_cache(self, size):
            worker.start()
            assert not done.wait(0.3)   # held until the release has ended

    cache = CacheThatLetsAnotherThreadIn()
    nlp.vocab._add_lexeme_cache(cache)
    zone = MemoryZone(nlp)
    nlp("inside ppooiiuu")
    assert zone.release()
    worker.join()
    assert made["lex"].orth_ == "vvbbnnmmq" and made["lex"].lower_ == "vvbbnnmmq"


def test_nlp_memory_zone_takes_and_yields_a_pool_as_spacy():
    """spaCy's nlp.memory_zone(mem=None) yields the cymem Pool (given or made)."""
    from cymem.cymem import Pool

    nlp = lexloom.blank("en")
    pool = Pool()
    with nlp.memory_zone(mem=pool) as got:
        assert got is pool
        nlp("zqxwv words")
    with nlp.memory_zone() as made:
        assert isinstance(made, Pool)
    assert "zqxwv" not in nlp.vocab.strings


def test_a_zone_leaves_docs_of_another_pipeline_on_their_own_vocab():
    # a release moved every live Doc onto the zone's vocab, other pipelines' Docs too
    english, french = lexloom.blank("en"), lexloom.blank("fr")
    with english.memory_zone():
        english("zonkword")
        doc_fr = french("avec nous zonkmot")
    assert [t.text for t in doc_fr] == ["avec", "nous", "zonkmot"]
    assert doc_fr[0].is_stop and doc_fr[0].lang_ == "fr"
    assert [t.is_stop for t in english("avec nous")] == [False, False]
