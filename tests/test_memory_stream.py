"""Memory over a long stream of new words (issue 16, item 3): nlp.pipe with a small trained
pipeline (tok2vec, tagger, parser, ner, attribute_ruler, rule lemmatizer) in memory zones
gives the StringStore and vocab back to their size before the stream, and no component keeps
a Doc alive once its batch is done (so zones are released without waiting for the cyclic GC).
benchmarks/memory.py runs the same over millions of documents and samples RSS."""
import collections
import gc
import random
import string
import weakref

import pytest

import lexloom
from lexloom import memory_zone
from lexloom.tokens import Doc
from lexloom.training import Example

TOK2VEC = {"@architectures": "spacy.HashEmbedCNN.v2", "width": 32, "depth": 2,
           "embed_size": 500, "window_size": 1, "maxout_pieces": 2,
           "subword_features": True, "pretrained_vectors": None}
LISTENER = {"@architectures": "spacy.Tok2VecListener.v1", "width": 32, "upstream": "*"}
TRAIN = [
    ("She ate the pizzas", ["PRP", "VBD", "DT", "NNS"], [1, 1, 3, 1],
     ["nsubj", "ROOT", "det", "dobj"], []),
    ("Alice likes green eggs", ["NNP", "VBZ", "JJ", "NNS"], [1, 1, 3, 1],
     ["nsubj", "ROOT", "amod", "dobj"], [(0, 5, "PER")]),
    ("The dogs barked in Paris", ["DT", "NNS", "VBD", "IN", "NNP"], [1, 2, 2, 2, 3],
     ["det", "nsubj", "ROOT", "prep", "pobj"], [(19, 24, "LOC")]),
]
TAG_MAP = {"PRP": {"POS": "PRON"}, "VBD": {"POS": "VERB"}, "VBZ": {"POS": "VERB"},
           "DT": {"POS": "DET"}, "NNS": {"POS": "NOUN"}, "NNP": {"POS": "PROPN"},
           "JJ": {"POS": "ADJ"}, "IN": {"POS": "ADP"}}
KNOWN = "The dogs barked in Paris"


def _parser_config(state_type):
    return {"model": {"@architectures": "spacy.TransitionBasedParser.v2",
                      "state_type": state_type, "extra_state_tokens": False,
                      "hidden_width": 32, "maxout_pieces": 2, "use_upper": True, "nO": None,
                      "tok2vec": LISTENER}}


@pytest.fixture(scope="module")
def nlp():
    from thinc.api import fix_random_seed

    fix_random_seed(0)
    nlp = lexloom.blank("en")
    nlp.add_pipe("tok2vec", config={"model": TOK2VEC})
    nlp.add_pipe("tagger", config={"model": {"@architectures": "spacy.Tagger.v2",
                                             "tok2vec": LISTENER}})
    nlp.add_pipe("parser", config={**_parser_config("parser"), "min_action_freq": 1})
    nlp.add_pipe("ner", config=_parser_config("ner"))
    egs = [Example.from_dict(nlp.make_doc(text), {"tags": tags, "heads": heads, "deps": deps,
                                                  "entities": ents})
           for text, tags, heads, deps, ents in TRAIN]
    optimizer = nlp.initialize(lambda: egs)
    for _ in range(30):
        nlp.update(egs, sgd=optimizer)
    nlp.add_pipe("attribute_ruler").load_from_tag_map(TAG_MAP)
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    lookups = lexloom.lookups.Lookups()
    lookups.add_table("lemma_rules", {"noun": [["s", ""]], "verb": [["ed", ""], ["s", ""]]})
    lemmatizer.initialize(lookups=lookups)
    return nlp


def _stream(n, seed=0):
    """Short docs, each with two new words (one ending in -s, so the rule lemmatizer makes a
    new lemma string for it when tagged a noun or verb); the last doc has only known words."""
    rng = random.Random(seed)
    for i in range(n):
        a = "".join(rng.choices(string.ascii_lowercase, k=8))
        b = "".join(rng.choices(string.ascii_lowercase, k=7)) + "s"
        yield f"{TRAIN[i % 3][0]} {a.capitalize()} {b}"
    yield KNOWN


def _live_docs() -> int:
    return sum(1 for obj in gc.get_objects() if type(obj) is Doc)


def test_stream_gives_strings_and_vocab_back(nlp, monkeypatch):
    monkeypatch.setattr(memory_zone, "PIPE_RELEASE_AT", 5_000)  # a release every ~1k docs
    for text, *_ in TRAIN:
        nlp(text)  # the known words, their lemmas and annotation strings are permanent
    before = nlp(KNOWN)
    lemmas = [t.lemma_ for t in before]
    del before
    gc.collect()
    baseline = _live_docs()  # Docs other tests' fixtures still hold (the full suite runs first)
    n_strings, n_lexemes = len(nlp.vocab.strings), len(nlp.vocab)
    lemmatizer = nlp.get_pipe("lemmatizer")
    sizes, last = [], []

    def consume(doc):
        """Look at each Doc and drop it (a `for doc in` loop would keep the latest alive when
        a zone is released, and a kept Doc's strings are made permanent: see the next test)."""
        if len(last) % 2_000 == 1_999:
            sizes.append((len(nlp.vocab), _live_docs()))
        last.append(doc.text)
        if doc.text == KNOWN:
            last.append([t.lemma_ for t in doc])

    was_enabled = gc.isenabled()
    gc.disable()  # Docs must be freed by reference counting alone
    try:
        collections.deque(map(consume, nlp.pipe(_stream(20_000), batch_size=500)), maxlen=0)
        live = _live_docs()
    finally:
        if was_enabled:
            gc.enable()
    assert last[-2:] == [KNOWN, lemmas] and len(sizes) == 10
    assert live <= baseline
    # released as the stream went: never more than a few thousand docs' new words at once
    assert max(n for n, _ in sizes) < n_lexemes + 15_000
    assert max(d for _, d in sizes) <= 500  # at most the batch being handed out
    assert len(nlp.vocab.strings) == n_strings
    assert len(nlp.vocab) == n_lexemes
    assert nlp.vocab.strings._transient_size() == 0
    assert lemmatizer._cache_size() < 50
    # the caches learnt again after the releases give the same lemmas
    assert [t.lemma_ for t in nlp(KNOWN)] == lemmas


def test_lemmas_of_new_words_are_released_with_them(nlp):
    """A new word's lemma is a new string too: it is transient inside a zone, permanent
    outside, and a Doc kept past the zone keeps it."""
    n_strings = len(nlp.vocab.strings)
    with nlp.memory_zone():
        doc = nlp("The zzyqwvs barked")
        lemma = doc[1].lemma_
        assert nlp.vocab.strings._transient_size() > 0
        del doc
        gc.collect()
    assert len(nlp.vocab.strings) == n_strings and lemma not in nlp.vocab.strings
    with nlp.memory_zone():
        kept = nlp("The zzyqwvs barked")
    assert kept[1].lemma_ == lemma and lemma in nlp.vocab.strings


def test_a_doc_held_by_the_consumer_keeps_only_its_own_strings(nlp, monkeypatch):
    """`for doc in nlp.pipe(...)` holds the latest Doc while the zone is released: that Doc
    stays valid, so its few strings become permanent; nothing else is kept."""
    monkeypatch.setattr(memory_zone, "PIPE_RELEASE_AT", 5_000)
    nlp(KNOWN)
    n_strings, n_lexemes = len(nlp.vocab.strings), len(nlp.vocab)
    n_docs = 0
    for doc in nlp.pipe(_stream(5_000, seed=1), batch_size=500):
        n_docs += 1
    assert doc.text == KNOWN and n_docs == 5_001
    # ~10 releases, each keeping the held Doc's new words, lemmas and shapes (< 10 strings)
    assert len(nlp.vocab.strings) - n_strings < 100
    assert len(nlp.vocab) - n_lexemes < 50


@pytest.mark.parametrize("name", ["tok2vec", "tagger", "parser", "ner", "lemmatizer"])
def test_components_keep_no_doc_after_a_batch(nlp, name):
    was_enabled = gc.isenabled()
    gc.disable()  # a Doc in a reference cycle would stay until the cyclic GC ran
    try:
        docs = [nlp.make_doc(text) for text, *_ in TRAIN]
        for other, proc in nlp.pipeline:
            docs = list(proc.pipe(docs))
            if other == name:
                break
        refs = [weakref.ref(doc) for doc in docs]
        del docs
        alive = sum(ref() is not None for ref in refs)
    finally:
        if was_enabled:
            gc.enable()
    assert alive == 0


@pytest.mark.parametrize("name", ["parser", "ner"])
def test_step_model_is_freed_with_its_batch(nlp, name):
    """The transition model's per-batch step model is no reference cycle (thinc's default
    init would make one), so it and the batch's Docs go as soon as the batch is done."""
    docs = list(nlp.get_pipe("tagger").pipe(nlp.get_pipe("tok2vec").pipe(
        nlp.make_doc(text) for text, *_ in TRAIN)))
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        step_model, _finish = nlp.get_pipe(name).model(docs, False)
        refs = [weakref.ref(step_model)] + [weakref.ref(doc) for doc in docs]
        del step_model, _finish, docs
        alive = sum(ref() is not None for ref in refs)
    finally:
        if was_enabled:
            gc.enable()
    assert alive == 0


def test_matcher_verdict_cache_is_bounded():
    """A REGEX / IN predicate's verdicts are cached per attribute value; over a stream of new
    words the table restarts at 65,536 values instead of growing (and still matches)."""
    from lexloom.matcher import Matcher

    nlp = lexloom.blank("en")
    matcher = Matcher(nlp.vocab)
    matcher.add("ING", [[{"LOWER": {"REGEX": "ing$"}}]])
    rng = random.Random(0)
    sizes = []
    with nlp.memory_zone():
        for _ in range(80):
            words = ["".join(rng.choices(string.ascii_lowercase, k=9)) for _ in range(999)]
            doc = Doc(nlp.vocab, words=words + ["singing"])
            matches = matcher(doc)
            assert [doc[s:e].text for _, s, e in matches] == [
                w for w in words + ["singing"] if w.endswith("ing")]
            sizes.append(matcher._cached_values())
    assert max(sizes) <= 1 << 16 and sizes[-1] < sizes[60]


def _collections_during(fn):
    """The generations of the cyclic collections run while fn() runs (automatic ones off)."""
    generations = []

    def record(phase, info):
        if phase == "start":
            generations.append(info["generation"])

    was_enabled = gc.isenabled()
    gc.disable()
    gc.callbacks.append(record)
    try:
        result = fn()
    finally:
        gc.callbacks.remove(record)
        if was_enabled:
            gc.enable()
    return result, generations


def test_a_short_pipe_whose_docs_are_kept_runs_no_full_collection(nlp):
    """`docs = list(nlp.pipe(texts))` keeps every Doc: a full collection at the end found
    nothing and cost ~0.1-0.2 s per call in a process that had imported torch (4x the call
    itself for 32 paragraphs of en_core_web_sm). A stream this short releases nothing at
    its end, so it collects nothing either."""
    texts = list(_stream(40, seed=3))
    docs, generations = _collections_during(lambda: list(nlp.pipe(texts, batch_size=16)))
    assert len(docs) == 41 and all(doc.has_annotation("DEP") for doc in docs)
    assert generations == []


def test_a_short_stream_keeps_the_strings_of_docs_it_dropped(nlp):
    """As in spaCy: hashes taken from Docs that are gone still resolve after a stream that
    never reached a release (Counter(doc.count_by(ORTH)), then vocab.strings[key])."""
    from lexloom.attrs import ORTH

    counts = collections.Counter()
    lemmas = []
    for doc in nlp.pipe(_stream(300, seed=4), batch_size=50):
        counts.update(doc.count_by(ORTH))
        lemmas.extend(token.lemma for token in doc)
    assert all(isinstance(nlp.vocab.strings[key], str) for key in counts)
    assert all(isinstance(nlp.vocab.strings[key], str) for key in lemmas)
    assert nlp.vocab[next(iter(counts))].text


def test_a_string_released_by_a_long_stream_says_so(nlp, monkeypatch):
    monkeypatch.setattr(memory_zone, "PIPE_RELEASE_AT", 2_000)
    first = [doc[-1].orth for doc in nlp.pipe(_stream(2_000, seed=5), batch_size=100)][0]
    with pytest.raises(KeyError, match="memory zone.*memory_zones=False"):
        nlp.vocab.strings[first]


def _cyclic_docs_in_the_old_generation(nlp, zone, seed):
    """Docs with new words, each kept alive only by a cycle, moved to the oldest generation
    (as Docs of a long stream are by the time its zone is released)."""
    docs = [nlp(text) for text in _stream(20, seed=seed)]
    zone.pause()
    for doc in docs:
        doc.user_data["self"] = doc
    refs = [weakref.ref(doc) for doc in docs]
    gc.collect(1)   # survivors of a generation-1 collection move to the oldest
    del docs
    return refs


@pytest.mark.parametrize("zone_is_big", [False, True])
def test_only_a_zone_worth_it_collects_all_generations_before_releasing(nlp, monkeypatch,
                                                                        zone_is_big):
    monkeypatch.setattr(memory_zone, "FULL_COLLECT_AT", 0 if zone_is_big else 10**9)
    n_strings = len(nlp.vocab.strings)
    zone = memory_zone.MemoryZone(nlp)
    refs = []

    def make_and_release():
        refs.extend(_cyclic_docs_in_the_old_generation(nlp, zone, seed=7))
        return zone.release(max_alive=0)

    released, generations = _collections_during(make_and_release)
    alive = sum(ref() is not None for ref in refs)
    if zone_is_big:
        assert released and alive == 0 and 2 in generations
        assert len(nlp.vocab.strings) == n_strings
    else:   # the young generations hold none of them: the zone's memory is kept
        assert not released and alive == 21 and 2 not in generations
        assert len(nlp.vocab.strings) > n_strings
        gc.collect()


def _recorded_releases(monkeypatch) -> list:
    """A list that gets each MemoryZone.release's result (True: released), in order."""
    results = []
    release = memory_zone.MemoryZone.release

    def recorded(self, **kwargs):
        done = release(self, **kwargs)
        results.append(done)
        return done

    monkeypatch.setattr(memory_zone.MemoryZone, "release", recorded)
    return results


def test_a_stream_whose_docs_are_kept_backs_off_its_release_attempts(monkeypatch):
    """A caller that keeps its Docs stops every release, and each try
    runs a garbage collection: the tries wait until the zone has doubled, so there are a
    few, not one per batch (a process with a large heap ran 5x slower)."""
    monkeypatch.setattr(memory_zone, "PIPE_RELEASE_AT", 200)
    tries = _recorded_releases(monkeypatch)
    nlp = lexloom.blank("en")
    rng = random.Random(0)
    texts = [" ".join("".join(rng.choice(string.ascii_lowercase) for _ in range(8))
                      for _ in range(10)) for _ in range(3000)]
    kept = list(nlp.pipe(texts, batch_size=20))
    assert len(kept) == 3000 and not any(tries)
    assert 1 <= len(tries) <= 12, len(tries)   # 150 batches past the threshold
    assert kept[-1].text == texts[-1]


def test_a_stream_goes_on_in_a_fresh_zone_after_another_thread_used_the_vocab(monkeypatch):
    """Another thread's one call keeps the open zone's memory for good; the stream then goes
    on in a new zone, which is released (it went on in the old one, never released again)."""
    import threading

    monkeypatch.setattr(memory_zone, "PIPE_RELEASE_AT", 1000)   # 5 batches
    releases = _recorded_releases(monkeypatch)
    nlp = lexloom.blank("en")
    nlp(KNOWN)
    rng = random.Random(0)

    def texts():
        for i in range(600):
            if i == 30:
                other = threading.Thread(target=lambda: nlp(KNOWN))
                other.start()
                other.join()
            yield " ".join("".join(rng.choice(string.ascii_lowercase) for _ in range(8))
                           for _ in range(10))

    n_strings = len(nlp.vocab.strings)
    for doc in nlp.pipe(texts(), batch_size=20):
        assert len(doc) == 10
    assert releases[0] and all(releases)
    # what stays is about the words of the zone the other thread shared (texts 0-39), not
    # the stream's 6,000
    assert len(nlp.vocab.strings) - n_strings < 1500
