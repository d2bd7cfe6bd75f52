"""Edit trees (lexloom.pipeline._edit_tree_internals.edit_trees): trees built by hand-checked
rules, compared with a small reference implementation of spaCy's algorithm written here,
serialised in spaCy's format, and rejected with clear errors when the data is bad."""
import json
from pathlib import Path

import numpy
import pytest
import srsly
from hypothesis import given, settings
from hypothesis import strategies as st

from lexloom.errors import DeserializationError, EditTreeError, EditTreeIndexError
from lexloom.pipeline._edit_tree_internals.edit_trees import NULL_TREE_ID, EditTrees
from lexloom.strings import StringStore

DATA = Path(__file__).parent / "data" / "edit_trees"


# ---- a reference: spaCy's algorithm on Python strings, brute force ---------------------


def _ref_lcs(source: str, target: str):
    """(source_begin, source_end, target_begin, target_end) of the longest common substring;
    among equally long ones, the one ending first scanning source, then target."""
    best, span = 0, (0, 0, 0, 0)
    for s in range(len(source)):
        for t in range(len(target)):
            n = 0
            while n <= min(s, t) and source[s - n] == target[t - n]:
                n += 1
            if n > best:
                best, span = n, (s + 1 - n, s + 1, t + 1 - n, t + 1)
    return span


class RefTrees:
    """Trees as tuples: ("m", prefix_len, suffix_len, prefix, suffix) / ("s", orig, subst)."""

    def __init__(self):
        self.trees, self.ids = [], {}

    def _id(self, node) -> int:
        if node not in self.ids:
            self.ids[node] = len(self.trees)
            self.trees.append(node)
        return self.ids[node]

    def add(self, form: str, lemma: str) -> int:
        if not form and not lemma:
            return self._id(("m", 0, 0, NULL_TREE_ID, NULL_TREE_ID))
        sb, se, tb, te = _ref_lcs(form, lemma)
        if se == 0:
            return self._id(("s", form, lemma))
        prefix = self.add(form[:sb], lemma[:tb]) if sb or tb else NULL_TREE_ID
        suffix = (self.add(form[se:], lemma[te:]) if se != len(form) or te != len(lemma)
                  else NULL_TREE_ID)
        return self._id(("m", sb, len(form) - se, prefix, suffix))

    def to_str(self, tree_id: int) -> str:
        node = self.trees[tree_id]
        if node[0] == "s":
            return f"(s '{node[1]}' '{node[2]}')"
        sub = [self.to_str(t) if t != NULL_TREE_ID else "()" for t in node[3:]]
        return f"(m {node[1]} {node[2]} {sub[0]} {sub[1]})"


@pytest.fixture
def trees():
    return EditTrees(StringStore())


# ---- hand-checked trees -------------------------------------------------------------------


@pytest.mark.parametrize("form,lemma,expected", [
    # identical: one match node keeping everything
    ("walk", "walk", "(m 0 0 () ())"),
    # suffix change: keep "cat", rewrite the last code point "s" -> ""
    ("cats", "cat", "(m 0 1 () (s 's' ''))"),
    # prefix change: "un" -> "" before "happy"
    ("unhappy", "happy", "(m 2 0 (s 'un' '') ())"),
    # both ends (Dutch ge-...-d -> ...-en): LCS "gooi"
    ("gegooid", "gooien", "(m 2 1 (s 'ge' '') (s 'd' 'en'))"),
    # infix: LCS "fahren"; the prefix pair abge/ab keeps "ab" and drops the "ge" after it
    ("abgefahren", "abfahren", "(m 4 0 (m 0 2 () (s 'ge' '')) ())"),
    # no common character: one substitution
    ("went", "go", "(s 'went' 'go')"),
    # non-ASCII: lengths count code points (ä is 2 UTF-8 bytes); LCS "um", then B|ä -> B|a
    ("Bäume", "Baum", "(m 2 1 (m 0 1 () (s 'ä' 'a')) (s 'e' ''))"),
    # outside the BMP (4 UTF-8 bytes, one code point)
    ("😀s", "😀", "(m 0 1 () (s 's' ''))"),
    ("", "", "(m 0 0 () ())"),
    ("", "x", "(s '' 'x')"),
])
def test_hand_trees(trees, form, lemma, expected):
    tree_id = trees.add(form, lemma)
    assert trees.tree_to_str(tree_id) == expected
    assert trees.apply(tree_id, form) == lemma


@pytest.mark.parametrize("pair,form,lemma", [
    (("cats", "cat"), "hats", "hat"),
    (("cats", "cat"), "dog", None),             # suffix "g" is not "s"
    (("cats", "cat"), "", None),                # too short for a 1-code-point suffix
    (("walk", "walk"), "anything", "anything"),
    (("gegooid", "gooien"), "gewerkt", None),   # "t" is not "d"
    (("gegooid", "gooien"), "gebeld", "belen"),
    (("abgefahren", "abfahren"), "angefangen", "anfangen"),
    (("Bäume", "Baum"), "Häuse", "Haus"),
    (("Bäume", "Baum"), "Baume", None),         # "a" is not "ä"
    (("went", "go"), "went", "go"),
    (("went", "go"), "gone", None),
])
def test_apply_to_other_forms(trees, pair, form, lemma):
    assert trees.apply(trees.add(*pair), form) == lemma


def test_identical_trees_are_stored_once(trees):
    cats = trees.add("cats", "cat")
    n = len(trees)
    assert trees.add("dogs", "dog") == cats
    assert trees.add("😀s", "😀") == cats
    assert len(trees) == n
    # the empty pair and any identical pair share the keep-everything tree
    assert trees.add("", "") == trees.add("walk", "walk")
    # subtrees are shared: "(s 's' '')" is the suffix tree of both
    assert trees[cats]["suffix_tree"] == trees[trees.add("hates", "hate")]["suffix_tree"]


def test_tree_dicts(trees):
    cats = trees.add("cats", "cat")
    strings = trees.strings
    assert trees[cats] == {"prefix_len": 0, "suffix_len": 1, "prefix_tree": NULL_TREE_ID,
                           "suffix_tree": cats - 1}
    assert trees[cats - 1] == {"orig": strings["s"], "subst": strings[""]}
    assert strings[trees[cats - 1]["orig"]] == "s"  # the strings were interned


def test_bad_tree_ids_raise(trees):
    trees.add("cats", "cat")
    for bad in (2, -1, 2 ** 40):
        with pytest.raises(EditTreeIndexError, match="out of range"):
            trees.apply(bad, "cats")
        with pytest.raises(IndexError):
            trees.tree_to_str(bad)
        with pytest.raises(IndexError):
            trees[bad]
    with pytest.raises(EditTreeIndexError, match="ints"):
        trees.apply("0", "cats")


# ---- against the reference --------------------------------------------------------------

_text = st.text(alphabet=st.sampled_from("aabbcdeé😀ß"), max_size=8)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_text, _text), min_size=1, max_size=8))
def test_same_trees_and_ids_as_the_reference(pairs):
    trees, ref = EditTrees(StringStore()), RefTrees()
    for form, lemma in pairs:
        assert trees.add(form, lemma) == ref.add(form, lemma)
    assert len(trees) == len(ref.trees)
    assert [trees.tree_to_str(i) for i in range(len(trees))] == \
        [ref.to_str(i) for i in range(len(ref.trees))]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20), st.text(max_size=20))
def test_a_tree_rewrites_its_own_form_into_its_lemma(form, lemma):
    trees = EditTrees(StringStore())
    assert trees.apply(trees.add(form, lemma), form) == lemma


@settings(max_examples=100, deadline=None)
@given(st.tuples(_text, _text), _text)
def test_apply_matches_the_reference_semantics(pair, word):
    """A match node applies when the word is long enough and each subtree applies to its
    part; a substitution node only to its own original string."""
    trees = EditTrees(StringStore())
    tree_id = trees.add(*pair)

    def ref_apply(t, w):
        node = trees[t]
        if "orig" in node:
            return trees.strings[node["subst"]] if w == trees.strings[node["orig"]] else None
        p, s = node["prefix_len"], node["suffix_len"]
        if p + s > len(w):
            return None
        parts = [w[:p], w[p:len(w) - s], w[len(w) - s:]]
        for k, sub in ((0, node["prefix_tree"]), (2, node["suffix_tree"])):
            if sub != NULL_TREE_ID:
                parts[k] = ref_apply(sub, parts[k])
                if parts[k] is None:
                    return None
        return "".join(parts)

    assert trees.apply(tree_id, word) == ref_apply(tree_id, word)


# ---- serialisation ------------------------------------------------------------------------


def _filled():
    trees = EditTrees(StringStore())
    for form, lemma in [("cats", "cat"), ("went", "go"), ("Bäume", "Baum"), ("", ""),
                        ("gegooid", "gooien"), ("x" * 300 + "abc", "abc")]:  # 300: a uint16
        trees.add(form, lemma)
    return trees


def test_bytes_are_spacys_format():
    """msgpack of {"trees": [dict, ...]}, keys in node order, ints as msgpack packs them."""
    trees = _filled()
    expected = srsly.msgpack_dumps({"trees": [trees[i] for i in range(len(trees))]})
    assert trees.to_bytes() == expected


def test_bytes_round_trip():
    trees = _filled()
    loaded = EditTrees(trees.strings).from_bytes(trees.to_bytes())
    assert len(loaded) == len(trees)
    assert [loaded.tree_to_str(i) for i in range(len(loaded))] == \
        [trees.tree_to_str(i) for i in range(len(trees))]
    assert loaded.to_bytes() == trees.to_bytes()
    # the dedup index is rebuilt: adding a known pair gives its old id
    assert loaded.add("dogs", "dog") == trees.add("dogs", "dog")
    assert loaded.apply(loaded.add("Bäume", "Baum"), "Räume") == "Raum"


def test_disk_round_trip(tmp_path):
    trees = _filled()
    trees.to_disk(tmp_path / "trees")
    loaded = EditTrees(trees.strings).from_disk(tmp_path / "trees")
    assert loaded.to_bytes() == trees.to_bytes()
    # a missing file leaves the container as it is (as spaCy)
    assert len(EditTrees(StringStore()).from_disk(tmp_path / "nothing")) == 0


def test_json_round_trip_with_strings_spelled_out():
    trees = _filled()
    dicts = [trees[i] for i in range(len(trees))]
    for d in dicts:
        if "orig" in d:
            d["orig"], d["subst"] = trees.strings[d["orig"]], trees.strings[d["subst"]]
    loaded = EditTrees(StringStore()).from_json(dicts)
    assert loaded.to_bytes() == trees.to_bytes()


def _msg(trees):
    return srsly.msgpack_dumps({"trees": trees})


MATCH = {"prefix_len": 0, "suffix_len": 1, "prefix_tree": NULL_TREE_ID, "suffix_tree": 0}


@pytest.mark.parametrize("data,match", [
    (b"", "not a msgpack map"),
    (b"\x00garbage", "not a msgpack map"),
    (_msg([{"orig": 0, "subst": 0}, MATCH])[:-3], "tree 1"),
    (_msg([{"orig": 0, "subst": 0}]) + b"\x00", "trailing bytes"),
    (srsly.msgpack_dumps({"trees": 5}), "not a list"),
    (_msg([[1, 2]]), "not a map"),
    (_msg([{"foo": 1}]), "unexpected or repeated field 'foo'"),
    (_msg([{"orig": 0}]), "exactly prefix_len"),
    (_msg([{**MATCH, "orig": 0}]), "exactly prefix_len"),
    (_msg([{**MATCH, "prefix_len": -1}]), "non-negative integer"),
    (_msg([{**MATCH, "prefix_len": 2 ** 40}]), "larger than 2\\*\\*32"),
    (_msg([{**MATCH, "suffix_len": 1.5}]), "non-negative integer"),
    (_msg([MATCH]), "subtree that is not an earlier tree"),         # refers to itself
    (_msg([{"orig": 123456789, "subst": 0}]), "Load the pipeline's vocab"),
])
def test_bad_bytes_raise(data, match):
    trees = _filled()
    before = trees.to_bytes()
    with pytest.raises(DeserializationError, match=match):
        trees.from_bytes(data)
    assert trees.to_bytes() == before  # nothing changed


def test_bad_bytes_types_raise():
    with pytest.raises(DeserializationError, match="takes bytes"):
        EditTrees(StringStore()).from_bytes("trees")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=64))
def test_random_bytes_load_or_raise(data):
    trees = EditTrees(StringStore())
    try:
        trees.from_bytes(data)
    except DeserializationError:
        return
    for i in range(len(trees)):  # whatever loaded is usable
        trees.tree_to_str(i)
        trees.apply(i, "abc")


def test_every_truncation_raises():
    filled = _filled()
    full = filled.to_bytes()
    for cut in range(len(full)):
        with pytest.raises(DeserializationError):
            EditTrees(filled.strings).from_bytes(full[:cut])


@pytest.mark.parametrize("trees,match", [
    ([{"prefix_len": 0}], "has keys"),
    ([{**MATCH, "prefix_len": "1"}], "must be an int"),
    ([{**MATCH, "prefix_len": True}], "must be an int"),
    ([MATCH], "not an earlier tree"),
    ([{"orig": 123456789, "subst": 0}], "not in the StringStore"),
    ("trees", "list of dicts"),
    ([5], "not a dict"),
])
def test_bad_json_raises(trees, match):
    with pytest.raises(EditTreeError, match=match):
        EditTrees(StringStore()).from_json(trees)


# ---- spaCy's own files ------------------------------------------------------------------


def test_spacy_trees_file_loads_and_agrees():
    """tests/data/edit_trees was written by spaCy 3.8 (make_spacy_reference.py there): its
    trees file loads, prints and applies as spaCy's did, and writes back byte for byte;
    adding the same pairs in lexloom gives the same ids and bytes."""
    ref = json.loads((DATA / "pairs.json").read_text(encoding="utf8"))
    data = (DATA / "pairs_trees.bin").read_bytes()
    loaded = EditTrees(StringStore(ref["strings"])).from_bytes(data)
    assert [loaded.tree_to_str(i) for i in range(len(loaded))] == ref["to_str"]
    assert {str(t): [loaded.apply(t, w) for w in ref["words"]]
            for t in range(len(loaded))} == ref["apply"]
    assert loaded.to_bytes() == data
    built = EditTrees(StringStore())
    assert [built.add(f, l) for f, l in ref["pairs"]] == ref["ids"]
    assert built.to_bytes() == data


# ---- batch calls ----------------------------------------------------------------------------


def test_add_pairs_and_apply_batch():
    strings = StringStore()
    trees = EditTrees(strings)
    forms = numpy.asarray([strings.add(w) for w in ["cats", "went", "dogs", "cats"]], "uint64")
    lemmas = numpy.asarray([strings.add(w) for w in ["cat", "go", "dog", "cat"]], "uint64")
    ids = trees.add_pairs(forms, lemmas, strings, strings)
    plural, went = trees.add("cats", "cat"), trees.add("went", "go")
    assert ids.tolist() == [plural, went, plural, plural]  # dogs/dog is the plural tree
    out, applied = trees.apply_batch(numpy.asarray([ids[0], ids[0], -1, ids[1]]),
                                     numpy.asarray([strings.add(w) for w in
                                                    ["hats", "go", "cats", "went"]], "uint64"),
                                     strings, strings)
    assert applied.tolist() == [True, False, False, True]
    assert [strings[int(h)] for h in out[applied]] == ["hat", "go"]
    with pytest.raises(EditTreeError, match="not in its StringStore"):
        trees.add_pairs([12345], [lemmas[0]], strings, strings)
    with pytest.raises(EditTreeIndexError):
        trees.apply_batch([99], [forms[0]], strings, strings)


def test_choose_tries_top_k_in_score_order():
    strings = StringStore()
    trees = EditTrees(strings)
    plural = trees.add("cats", "cat")      # applies to "...s"
    went = trees.add("went", "go")         # applies to "went" only
    keep = trees.add("x", "x")             # applies everywhere
    labels = numpy.asarray([went, plural, keep])
    forms = numpy.asarray([strings.add(w) for w in ["went", "dogs", "ran"]], "uint64")
    scores = numpy.asarray([[0.5, 0.3, 0.2],     # best label applies
                            [0.6, 0.3, 0.1],     # best ("went") doesn't: 2nd does
                            [0.4, 0.4, 0.2]],    # tie: lower label first; 3rd applies
                           dtype="float32")
    assert trees.choose(scores, labels, 1, forms, strings).tolist() == [went, -1, -1]
    assert trees.choose(scores, labels, 2, forms, strings).tolist() == [went, plural, -1]
    assert trees.choose(scores, labels, 3, forms, strings).tolist() == [went, plural, keep]
    assert trees.choose(scores, labels, 50, forms, strings).tolist() == [went, plural, keep]
    with pytest.raises(EditTreeError, match="shape"):
        trees.choose(scores[:, :2], labels, 1, forms, strings)
    with pytest.raises(EditTreeIndexError):
        trees.choose(scores, numpy.asarray([0, 1, 99]), 1, forms, strings)


def test_bytes_with_the_trees_key_twice_are_rejected():
    trees = EditTrees(StringStore())
    trees.add("ducks", "duck")
    data = srsly.msgpack_loads(trees.to_bytes())
    pack = srsly.msgpack_dumps
    twice = b"\x82" + pack("trees") + pack(data["trees"]) + pack("trees") + pack([])
    fresh = EditTrees(StringStore())
    with pytest.raises(DeserializationError, match="appears twice"):
        fresh.from_bytes(twice)
    assert len(fresh) == 0


def test_choose_rejects_nan_scores_and_non_vector_labels():
    strings = StringStore()
    trees = EditTrees(strings)
    tree = trees.add("ducks", "duck")
    forms = [strings.add("cats")]
    with pytest.raises(EditTreeError, match="NaN"):
        trees.choose(numpy.array([[numpy.nan]], dtype="f"), numpy.array([tree]), 1, forms, strings)
    with pytest.raises(EditTreeError, match="1-d"):
        trees.choose(numpy.zeros((1, 1), dtype="f"), numpy.array([[tree]]), 1, forms, strings)
    assert list(trees.choose(numpy.ones((1, 1), dtype="f"), numpy.array([tree]), 1, forms,
                             strings)) == [tree]
