"""PhraseMatcher: hand-derived cases, spaCy's errors, and a brute-force reference (every
(start, end) whose attribute sequence equals a phrase, keys of one span in the order of
spaCy's preshed map, emulated below)."""
from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lexloom
from lexloom.errors import MatcherError, MatchKeyError, MatchPatternError
from lexloom.matcher import PhraseMatcher
from lexloom.tokens import Doc, Span


@pytest.fixture(scope="module")
def nlp():
    return lexloom.blank("en")


def names(nlp, matches):
    return [(nlp.vocab.strings[k], s, e) for k, s, e in matches]


# ---- a reference: spaCy's key map per phrase, and the brute-force matcher ----------------

class PreshKeys:
    """preshed's MapStruct (open addressing, linear probing, deleted cells kept), keys only."""

    def __init__(self):
        self.cells, self.filled = [0] * 8, 0

    def _probe(self, key):
        i = key & (len(self.cells) - 1)
        while self.cells[i] not in (0, key):
            yield i
            i = (i + 1) & (len(self.cells) - 1)
        yield i

    def set(self, key):
        *crossed, last = self._probe(key)
        deleted = [i for i in crossed if self.cells[i] == 1]
        slot = last
        if deleted:
            if self.cells[last] == key:
                self.cells[last] = 1
            slot = deleted[-1]
        if self.cells[slot] == 0:
            self.filled += 1
        self.cells[slot] = key
        if (self.filled + 1) * 5 >= len(self.cells) * 3:
            live = [c for c in self.cells if c > 1]
            self.cells, self.filled = [0] * (2 * len(self.cells)), 0
            for c in live:
                self.set(c)

    def clear(self, key):
        *_, last = self._probe(key)
        self.cells[last] = 1

    def keys(self):
        return [c for c in self.cells if c > 1]


class Reference:
    def __init__(self):
        self.phrases: dict[tuple, PreshKeys] = {}
        self.by_key: dict[int, set] = {}

    def add(self, key, phrase):
        if not phrase:
            return
        self.phrases.setdefault(phrase, PreshKeys()).set(key)
        self.by_key.setdefault(key, set()).add(phrase)

    def remove(self, key):
        for phrase in self.by_key.pop(key, ()):
            keys = self.phrases[phrase]
            if keys.keys() == [key]:
                del self.phrases[phrase]
            else:
                keys.clear(key)

    def __call__(self, seq, offset=0):
        out = []
        for s in range(len(seq)):
            for e in range(s + 1, len(seq) + 1):
                keys = self.phrases.get(tuple(seq[s:e]))
                if keys is not None:
                    out.extend((k, s + offset, e + offset) for k in keys.keys())
        return out


# ---- hand-derived behaviour ----------------------------------------------------------------

def test_prefix_phrases_by_start_then_end(nlp):
    m = PhraseMatcher(nlp.vocab)
    m.add("A", [nlp.make_doc("a"), nlp.make_doc("a b c")])
    m.add("B", [nlp.make_doc("a b"), nlp.make_doc("b")])
    doc = nlp.make_doc("a b c a b")
    assert names(nlp, m(doc)) == [("A", 0, 1), ("B", 0, 2), ("A", 0, 3), ("B", 1, 2),
                                  ("A", 3, 4), ("B", 3, 5), ("B", 4, 5)]


def test_phrase_at_end_of_doc_and_overlaps(nlp):
    m = PhraseMatcher(nlp.vocab)
    m.add("X", [nlp.make_doc("x x")])
    assert names(nlp, m(nlp.make_doc("x x x"))) == [("X", 0, 2), ("X", 1, 3)]


def test_same_phrase_under_several_keys_in_spacys_order(nlp):
    m = PhraseMatcher(nlp.vocab)
    ref = Reference()
    keys = [f"K{i}" for i in range(12)]
    for k in keys:
        m.add(k, [nlp.make_doc("a b")])
        ref.add(nlp.vocab.strings[k], (nlp.vocab.strings["a"], nlp.vocab.strings["b"]))
    doc = nlp.make_doc("x a b")
    # spaCy 3.8 gives this order (it follows the low bits of the key hashes)
    assert [n for n, _, _ in names(nlp, m(doc))] == [
        "K2", "K11", "K10", "K9", "K5", "K7", "K6", "K1", "K4", "K8", "K0", "K3"]
    m.remove("K3")
    ref.remove(nlp.vocab.strings["K3"])
    m.add("Z", [nlp.make_doc("a b")])
    ref.add(nlp.vocab.strings["Z"], (nlp.vocab.strings["a"], nlp.vocab.strings["b"]))
    got = m(doc)
    assert got == ref([t.orth for t in doc])
    assert [n for n, _, _ in names(nlp, got)][:3] == ["K2", "K11", "Z"]


def test_span_input_gives_doc_offsets(nlp):
    m = PhraseMatcher(nlp.vocab)
    m.add("AB", [nlp.make_doc("a b")])
    doc = nlp.make_doc("a b a b")
    assert names(nlp, m(doc[1:4])) == [("AB", 2, 4)]
    assert names(nlp, m(doc[0:3])) == [("AB", 0, 2)]


def test_as_spans(nlp):
    m = PhraseMatcher(nlp.vocab)
    m.add("AB", [nlp.make_doc("a b")])
    spans = m(nlp.make_doc("c a b"), as_spans=True)
    assert len(spans) == 1 and isinstance(spans[0], Span)
    assert (spans[0].start, spans[0].end, spans[0].label_, spans[0].text) == (1, 3, "AB", "a b")


def test_lower_and_shape_attrs(nlp):
    m = PhraseMatcher(nlp.vocab, attr="LOWER")
    m.add("NY", [nlp.make_doc("new york")])
    assert names(nlp, m(nlp.make_doc("New YORK and new york"))) == [("NY", 0, 2), ("NY", 3, 5)]
    m = PhraseMatcher(nlp.vocab, attr="SHAPE")
    m.add("NUM", [nlp.make_doc("12:30")])
    assert names(nlp, m(nlp.make_doc("at 09:15 or 1:2"))) == [("NUM", 1, 2)]
    assert PhraseMatcher(nlp.vocab, attr="TEXT").attr == PhraseMatcher(nlp.vocab).attr


def test_pos_attr_needs_annotated_patterns(nlp):
    m = PhraseMatcher(nlp.vocab, attr="POS")
    with pytest.raises(ValueError, match="POS"):
        m.add("P", [nlp.make_doc("a dog")])
    pattern = Doc(nlp.vocab, words=["the", "cat"], pos=["DET", "NOUN"])
    m.add("P", [pattern])
    doc = Doc(nlp.vocab, words=["a", "dog", "runs"], pos=["DET", "NOUN", "VERB"])
    assert names(nlp, m(doc)) == [("P", 0, 2)]


def test_validate_warns_on_needless_annotation(nlp):
    m = PhraseMatcher(nlp.vocab, validate=True)
    with pytest.warns(UserWarning, match="nlp.make_doc"):
        m.add("P", [Doc(nlp.vocab, words=["a"], tags=["DT"])])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m.add("Q", [nlp.make_doc("b")])
        PhraseMatcher(nlp.vocab).add("P", [Doc(nlp.vocab, words=["a"], tags=["DT"])])


def test_bad_input_errors(nlp):
    with pytest.raises(ValueError, match="not supported"):
        PhraseMatcher(nlp.vocab, attr="NOPE")
    m = PhraseMatcher(nlp.vocab)
    with pytest.raises(MatchPatternError, match=r"\[doc\]"):
        m.add("K", nlp.make_doc("a"))
    with pytest.raises(MatcherError):
        m("a text")
    with pytest.raises(KeyError):
        m.remove("absent")
    with pytest.raises(MatchKeyError):
        m.remove("absent")


@pytest.mark.parametrize("make", [
    lambda nlp, terms: (nlp.make_doc(t) for t in terms),
    lambda nlp, terms: nlp.tokenizer.pipe(terms),
    lambda nlp, terms: {t: nlp.make_doc(t) for t in terms}.values(),
    lambda nlp, terms: map(nlp.make_doc, terms),
], ids=["generator", "tokenizer.pipe", "dict.values", "map"])
def test_add_takes_any_iterable_of_docs(nlp, make):
    """spaCy's add iterates the patterns once, so generators and views work as lists do."""
    terms = ["Angela Merkel", "Washington"]
    m = PhraseMatcher(nlp.vocab)
    m.add("NAMES", make(nlp, terms))
    doc = nlp.make_doc("Angela Merkel met the press in Washington")
    assert [(s, e) for _, s, e in m(doc)] == [(0, 2), (6, 7)]
    with pytest.raises(MatchPatternError, match="list of Doc"):
        m.add("TEXT", "Washington")
    with pytest.raises(MatchPatternError, match="list of Doc"):
        m.add("NUMBER", 3)


def test_len_contains_remove(nlp):
    m = PhraseMatcher(nlp.vocab)
    m.add("A", [nlp.make_doc("a b"), nlp.make_doc("c")])
    m.add("B", [nlp.make_doc("a b")])
    assert len(m) == 2 and "A" in m and "C" not in m
    doc = nlp.make_doc("a b c")
    m.remove("A")
    assert len(m) == 1 and "A" not in m
    assert names(nlp, m(doc)) == [("B", 0, 2)]  # the shared phrase stays for B
    m.remove("B")
    assert m(doc) == [] and m.n_phrases == 0


def test_empty_doc_and_empty_pattern(nlp):
    m = PhraseMatcher(nlp.vocab)
    m.add("E", [nlp.make_doc("")])  # ignored, but the key is registered (as in spaCy)
    assert "E" in m and len(m) == 1
    assert m(nlp.make_doc("")) == [] and m(nlp.make_doc("a")) == []
    assert m(None) == []


def test_on_match_callbacks(nlp):
    calls = []

    def on_match(matcher, doc, i, matches):
        calls.append((matcher, doc, i, matches[i]))

    m = PhraseMatcher(nlp.vocab)
    m.add("A", [nlp.make_doc("a")], on_match=on_match)
    m.add("B", [nlp.make_doc("b")])
    doc = nlp.make_doc("b a a")
    matches = m(doc)
    assert [(c[2], c[3]) for c in calls] == [(1, matches[1]), (2, matches[2])]
    assert all(c[0] is m and c[1] is doc for c in calls)


def test_callback_calling_the_matcher_again(nlp):
    """The match buffer is reused between calls; a call from inside a callback must neither
    disturb the outer result nor see its matches."""
    inner = []
    m = PhraseMatcher(nlp.vocab)

    def on_match(matcher, doc, i, matches):
        if len(doc) == 4:  # the outer Doc only; the inner call's own callback does nothing
            inner.append(names(nlp, matcher(nlp.make_doc("c a c"))))

    m.add("A", [nlp.make_doc("a")], on_match=on_match)
    m.add("AB", [nlp.make_doc("a b")])
    outer = m(nlp.make_doc("a b x a"))
    assert names(nlp, outer) == [("A", 0, 1), ("AB", 0, 2), ("A", 3, 4)]
    assert inner == [[("A", 1, 2)]] * 2
    assert names(nlp, m(nlp.make_doc("x y"))) == []
    assert names(nlp, m(nlp.make_doc("a b"))) == [("A", 0, 1), ("AB", 0, 2)]


def test_old_style_add_and_pipe(nlp):
    m = PhraseMatcher(nlp.vocab)
    m.add("A", None, nlp.make_doc("a"))
    docs = [nlp.make_doc("a"), nlp.make_doc("b")]
    with pytest.warns(DeprecationWarning):
        out = list(m.pipe(docs, return_matches=True))
    assert [len(ms) for _, ms in out] == [1, 0]


def test_patterns_as_id_sequences(nlp):
    m = PhraseMatcher(nlp.vocab)
    a, b = nlp.vocab.strings.add("a"), nlp.vocab.strings.add("b")
    m.add("AB", [(a, b)])
    assert names(nlp, m(nlp.make_doc("a b"))) == [("AB", 0, 2)]


def test_100k_patterns(nlp):
    m = PhraseMatcher(nlp.vocab)
    words = [nlp.vocab.strings.add(f"w{i}") for i in range(1000)]
    phrases = [(words[i % 1000], words[(i * 7) // 1000 % 1000], words[i // 100])
               for i in range(100_000)]
    m.add("MANY", phrases)
    assert m.n_phrases == len(set(phrases))
    i = 12345
    text = [nlp.vocab.strings[x] for x in phrases[i]]
    doc = Doc(nlp.vocab, words=["x"] + text + ["y"])
    assert (nlp.vocab.strings["MANY"], 1, 4) in m(doc)
    m.remove("MANY")
    assert m.n_phrases == 0 and m(doc) == []


@pytest.mark.slow
def test_million_token_doc(nlp):
    m = PhraseMatcher(nlp.vocab)
    m.add("AB", [nlp.make_doc("a b")])
    doc = Doc(nlp.vocab, words=["a", "b"] * 500_000)
    matches = m(doc)
    assert len(matches) == 500_000 and matches[-1][1:] == (999_998, 1_000_000)


# ---- property: the native trie equals the brute-force reference ---------------------------

WORDS = ["a", "b", "c", "A", "B"]
phrase = st.lists(st.sampled_from(WORDS), min_size=0, max_size=3)
ops = st.lists(st.one_of(
    st.tuples(st.just("add"), st.integers(0, 9), st.lists(phrase, min_size=1, max_size=3)),
    st.tuples(st.just("remove"), st.integers(0, 9), st.just([]))), min_size=1, max_size=25)


@settings(max_examples=150, deadline=None)
@given(ops=ops, text=st.lists(st.sampled_from(WORDS), max_size=12),
       attr=st.sampled_from(["ORTH", "LOWER"]), cut=st.integers(0, 3))
def test_matches_equal_reference(nlp, ops, text, attr, cut):
    m = PhraseMatcher(nlp.vocab, attr=attr)
    ref = Reference()
    get = (lambda t: t.orth) if attr == "ORTH" else (lambda t: t.lower)
    for op, k, phrases in ops:
        key = f"key{k}"
        if op == "add":
            docs = [nlp.make_doc(" ".join(p)) for p in phrases]
            m.add(key, docs)
            for d in docs:
                ref.add(nlp.vocab.strings[key], tuple(get(t) for t in d))
        elif key in m:
            m.remove(key)
            ref.remove(nlp.vocab.strings[key])
    doc = nlp.make_doc(" ".join(text))
    seq = [get(t) for t in doc]
    assert m(doc) == ref(seq)
    if len(doc) > cut:
        assert m(doc[cut:]) == ref(seq[cut:], offset=cut)


def test_span_made_before_a_merge_is_matched_over_its_new_tokens():
    nlp = lexloom.blank("en")
    matcher = PhraseMatcher(nlp.vocab)
    matcher.add("K", [nlp("e f g h")])
    doc = nlp("a b c d e f g h")
    stale = doc[4:8]
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:4])
    # the span re-finds its tokens, [1:5] of the merged Doc (matches are Doc offsets)
    assert [(s, e) for _, s, e in matcher(stale)] == [(1, 5)]


def test_the_empty_string_key_matches_as_in_spacy():
    """The key "" hashes to 0, which the trie can't hold: it crashed (segfault) on the first
    call, and so did an entity_ruler phrase pattern with "label": "". As spaCy: matches
    reported under 0, its callback called, removable, an unlabelled entity left out."""
    nlp = lexloom.blank("en")
    matcher = PhraseMatcher(nlp.vocab)
    calls = []
    matcher.add("", [nlp.make_doc("Apple")], on_match=lambda m, d, i, ms: calls.append(i))
    matcher.add("PIE", [nlp.make_doc("pie")])
    pie = nlp.vocab.strings["PIE"]
    assert matcher(nlp.make_doc("Apple pie")) == [(0, 0, 1), (pie, 1, 2)] and calls == [0]
    assert [s.label_ for s in matcher(nlp.make_doc("Apple pie"), as_spans=True)] == ["", "PIE"]
    matcher.remove("")
    assert matcher(nlp.make_doc("Apple pie")) == [(pie, 1, 2)]
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "", "pattern": "Apple"}, {"label": "ORG", "pattern": "Google"}])
    assert [(e.text, e.label_) for e in nlp("Apple and Google").ents] == [("Google", "ORG")]
