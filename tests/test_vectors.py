"""The Vectors table (lexloom.vectors), the Vocab that owns it, vectors on Doc / Span / Token /
Lexeme, and saving vectors with a pipeline."""
from __future__ import annotations

import numpy
import pytest
import srsly

import lexloom
from lexloom.errors import DeserializationError, LexloomWarning, VectorsError
from lexloom.strings import StringStore, get_string_id
from lexloom.tokens import Doc
from lexloom.vectors import Vectors
from lexloom.vocab import Vocab

from _isolated import run_isolated

WORDS = ["apple", "orange", "car", "truck"]
DATA = numpy.asarray([[1, 0, 0], [0.9, 0.1, 0], [0, 0, 1], [0, 0.2, 0.9]], dtype="f")


@pytest.fixture()
def table():
    strings = StringStore(WORDS)
    return Vectors(strings=strings, data=DATA.copy(), keys=WORDS)


@pytest.fixture()
def nlp():
    nlp = lexloom.blank("en")
    for word, vector in zip(WORDS, DATA):
        nlp.vocab.set_vector(word, vector)
    return nlp


# ---- the table ------------------------------------------------------------------------


def test_new_table_has_free_rows_until_full():
    v = Vectors(shape=(2, 3))
    assert v.shape == (2, 3) and v.size == 6 and len(v) == 2
    assert not v.is_full and v.n_keys == 0
    assert v.add("a", vector=[1, 2, 3]) == 0
    assert v.add("b") == 1
    assert v.is_full and v.n_keys == 2
    with pytest.raises(VectorsError, match="full"):
        v.add("c", vector=[0, 0, 0])
    assert v.add("c", row=0) == 0   # share a row
    assert v.find(key="c") == v.find(key="a") == 0
    assert list(v.values()) and len(list(v.items())) == 3


def test_find_keys_rows_and_missing(table):
    assert table.find(key="car") == 2
    assert table.find(key="zebra") == -1
    rows = table.find(keys=["truck", "zebra", "apple"])
    assert rows.dtype == numpy.int32 and rows.tolist() == [3, -1, 0]
    assert table.find(row=1) == table.strings["orange"]
    assert table.find(rows=[2, 0]).tolist() == [table.strings["car"], table.strings["apple"]]
    with pytest.raises(VectorsError, match="exactly one"):
        table.find(key="car", row=1)


def test_getitem_setitem_contains(table):
    assert numpy.array_equal(table["car"], DATA[2])
    assert table.strings["car"] in table and table.strings["zebra"] not in table
    # as in spaCy: `in` takes int keys only (a string is never one), [] takes either
    assert "car" not in table and "zebra" not in table
    table["car"] = [1, 1, 1]
    assert table["car"].tolist() == [1, 1, 1]
    with pytest.raises(KeyError, match="zebra"):
        table["zebra"]
    with pytest.raises(VectorsError, match="shape"):
        table["car"] = [1, 2]


def test_get_batch_gives_zeros_for_missing_keys(table):
    batch = table.get_batch(["truck", "zebra", table.strings["apple"]])
    assert batch.shape == (3, 3) and batch.dtype == numpy.float32
    assert numpy.array_equal(batch[0], DATA[3]) and not batch[1].any()
    assert numpy.array_equal(batch[2], DATA[0])


def test_resize_returns_removed_keys(table):
    removed = table.resize((2, 3))
    assert sorted(removed) == sorted([(table.strings["car"], 2), (table.strings["truck"], 3)])
    assert table.shape == (2, 3) and table.n_keys == 2 and "car" not in table
    table.resize((4, 5))
    assert table.shape == (4, 5) and numpy.array_equal(table["apple"][:3], DATA[0])
    assert not table.is_full
    with pytest.raises(VectorsError, match="width"):
        table.resize((4, 2), inplace=True)


def test_most_similar_batched_matches_brute_force(table):
    rng = numpy.random.default_rng(0)
    queries = rng.standard_normal((7, 3)).astype("f")
    keys, rows, scores = table.most_similar(queries, n=2, batch_size=3)
    assert keys.shape == rows.shape == scores.shape == (7, 2)
    normed = DATA / numpy.linalg.norm(DATA, axis=1, keepdims=True)
    sims = (queries / numpy.linalg.norm(queries, axis=1, keepdims=True)) @ normed.T
    expected = numpy.argsort(-sims, axis=1)[:, :2]
    assert rows.tolist() == expected.tolist()
    assert numpy.allclose(scores, numpy.take_along_axis(sims, expected, 1), atol=1e-4)
    assert keys[0, 0] == table.find(row=int(rows[0, 0]))
    with pytest.raises(VectorsError, match="n=9"):
        table.most_similar(queries, n=9)
    with pytest.raises(VectorsError, match="queries"):
        table.most_similar(numpy.zeros((2, 5), dtype="f"))


def test_bad_construction_is_a_clear_error():
    with pytest.raises(VectorsError, match="mode"):
        Vectors(mode="fancy")
    with pytest.raises(VectorsError, match="2-D"):
        Vectors(data=numpy.zeros(3, dtype="f"))
    with pytest.raises(VectorsError, match="keys"):
        Vectors(data=numpy.zeros((1, 2), dtype="f"), keys=["a", "b"])
    with pytest.raises(VectorsError, match="hash_count"):
        Vectors(mode="floret", data=numpy.zeros((4, 2), dtype="f"), hash_count=5)
    with pytest.raises(VectorsError, match="data"):
        Vectors(mode="floret")


def test_floret_ngrams_stop_at_the_word_not_at_a_huge_maxn(tmp_path):
    """maxn comes from vectors.cfg (up to 2^32 - 1): the n-gram loop ran to maxn for every
    word (seconds per word, a Doc looked hung); n-grams longer than the word don't exist."""
    data = numpy.random.default_rng(0).standard_normal((20, 4)).astype("f")
    small = Vectors(mode="floret", data=data, minn=1, maxn=12, hash_count=1)
    small.to_disk(tmp_path)
    config = srsly.read_json(tmp_path / "vectors.cfg")
    config["maxn"] = 2 ** 32 - 1
    srsly.write_json(tmp_path / "vectors.cfg", config)
    # in a fresh interpreter with a time limit: the old loop took ~6 s a word
    words = [f"w{i}ord" for i in range(20)]
    proc = run_isolated(f"""
        import numpy
        from lexloom.vectors import Vectors
        batch = Vectors().from_disk({str(tmp_path)!r}).get_batch({words!r})
        numpy.save({str(tmp_path / "batch.npy")!r}, batch)
    """, timeout=40)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert numpy.array_equal(numpy.load(tmp_path / "batch.npy"), small.get_batch(words))


def test_floret_gives_every_word_a_vector_from_its_ngrams():
    strings = StringStore(["apple", "apples", "zzz"])
    rng = numpy.random.default_rng(1)
    data = rng.standard_normal((50, 4)).astype("f")
    v = Vectors(strings=strings, data=data, mode="floret", minn=2, maxn=3, hash_count=2)
    assert v.is_full and v.n_keys == -1 and "anything" in v
    batch = v.get_batch(["apple", "zzz", "apple", ""])
    hashes = v.get_ngram_hashes("apple")
    # <apple>, 6 bigrams and 5 trigrams of "<apple>", 2 hashes each
    assert len(hashes) == (1 + 6 + 5) * 2
    expected = data[[h % 50 for h in hashes]].mean(axis=0)
    assert numpy.allclose(batch[0], expected, atol=1e-6)
    assert numpy.array_equal(batch[0], batch[2]) and not batch[3].any()
    assert numpy.array_equal(v.get_batch(["brandnew"])[0], v["brandnew"])   # any word
    assert not numpy.allclose(batch[0], batch[1])
    with pytest.warns(LexloomWarning, match="floret"):   # skipped, as in spaCy
        assert v.add("x", vector=numpy.zeros(4)) == -1
    assert numpy.array_equal(v.data, data)
    with pytest.raises(VectorsError, match="floret"):
        v.find(key="apple")


# ---- saving ---------------------------------------------------------------------------


def test_to_disk_from_disk_round_trip_without_pickle(table, tmp_path):
    table.to_disk(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key2row", "strings.json", "vectors",
                                                          "vectors.cfg"]
    assert numpy.array_equal(numpy.load(tmp_path / "vectors", allow_pickle=False), DATA)
    loaded = Vectors().from_disk(tmp_path)
    assert loaded == table
    assert loaded.strings["truck"] == table.strings["truck"]


def test_to_bytes_round_trip_both_modes(table):
    assert Vectors().from_bytes(table.to_bytes()) == table
    floret = Vectors(data=DATA.copy(), mode="floret", minn=1, maxn=2, hash_count=3,
                     hash_seed=7, bow="[", eow="]")
    back = Vectors().from_bytes(floret.to_bytes())
    assert back.mode == "floret" and (back.minn, back.maxn, back.hash_count, back.hash_seed,
                                      back.bow, back.eow) == (1, 2, 3, 7, "[", "]")
    assert back == floret


@pytest.mark.parametrize("damage", ["truncate_npy", "npy_is_text", "key2row_garbage",
                                    "row_out_of_range", "cfg_bad_json", "cfg_bad_mode"])
def test_corrupt_vectors_folder_is_a_clear_error(table, tmp_path, damage):
    import srsly

    table.to_disk(tmp_path)
    if damage == "truncate_npy":
        raw = (tmp_path / "vectors").read_bytes()
        (tmp_path / "vectors").write_bytes(raw[:len(raw) - 7])
    elif damage == "npy_is_text":
        (tmp_path / "vectors").write_text("not numpy")
    elif damage == "key2row_garbage":
        (tmp_path / "key2row").write_bytes(b"\xc1\xc1\xc1")
    elif damage == "row_out_of_range":
        srsly.write_msgpack(tmp_path / "key2row", {123: 99})
    elif damage == "cfg_bad_json":
        (tmp_path / "vectors.cfg").write_text("{mode: ")
    else:
        srsly.write_json(tmp_path / "vectors.cfg", {"mode": "sparkly"})
    with pytest.raises(DeserializationError):
        Vectors().from_disk(tmp_path)


def test_from_bytes_of_garbage_is_a_clear_error():
    with pytest.raises(DeserializationError, match="from_bytes"):
        Vectors().from_bytes(b"\x93garbage")


# ---- the vocab ------------------------------------------------------------------------


def test_vocab_owns_an_empty_table_and_shares_strings():
    vocab = Vocab()
    assert isinstance(vocab.vectors, Vectors) and vocab.vectors.shape == (0, 0)
    assert vocab.vectors.strings is vocab.strings
    table = Vectors(strings=StringStore(["newword"]), data=DATA[:1].copy(), keys=["newword"])
    vocab.vectors = table
    assert vocab.vectors.strings is vocab.strings and "newword" in vocab.strings
    with pytest.raises(lexloom.errors.VocabError, match="Vectors"):
        vocab.vectors = numpy.zeros((2, 2))


def test_vocab_set_get_has_vector_and_growing():
    vocab = Vocab()
    assert not vocab.has_vector("cat") and vocab.vectors_length == 0
    for i in range(5):
        vocab.set_vector(f"w{i}", numpy.full(3, i, dtype="f"))
    assert vocab.vectors_length == 3 and vocab.vectors.n_keys == 5
    assert vocab.has_vector("w4") and vocab.get_vector("w4").tolist() == [4, 4, 4]
    assert vocab.get_vector("unknown").tolist() == [0, 0, 0]


def test_deduplicate_keeps_first_seen_order(nlp):
    nlp.vocab.set_vector("pomme", DATA[0])    # same vector as "apple"
    nlp.vocab.vectors.resize((6, 3))          # an unused row too
    nlp.vocab.deduplicate_vectors()
    v = nlp.vocab.vectors
    assert v.shape == (4, 3) and v.n_keys == 5
    assert v.find(key="pomme") == v.find(key="apple") == 0
    assert [v.find(key=w) for w in WORDS] == [0, 1, 2, 3]


def test_prune_vectors_maps_dropped_words_to_nearest_kept(nlp):
    remap = nlp.vocab.prune_vectors(2)
    v = nlp.vocab.vectors
    assert v.shape == (2, 3) and v.n_keys == 4
    assert remap["car"][0] in ("apple", "orange") and remap["truck"][0] in ("apple", "orange")
    assert v.find(key="truck") == v.find(key=remap["truck"][0])
    assert -1 <= remap["car"][1] <= 1


# ---- Doc, Span, Token, Lexeme ---------------------------------------------------------


def test_token_vectors_norms_and_similarity(nlp):
    doc = nlp("apple orange zebra car")
    assert [t.has_vector for t in doc] == [True, True, False, True]
    assert numpy.array_equal(doc[0].vector, DATA[0]) and not doc[2].vector.any()
    assert doc[0].vector_norm == pytest.approx(1.0)
    cos = float(DATA[0] @ DATA[1] / numpy.linalg.norm(DATA[1]))
    assert doc[0].similarity(doc[1]) == pytest.approx(cos, abs=1e-6)
    assert doc[0].similarity(doc[1]) > doc[0].similarity(doc[3])
    with pytest.warns(UserWarning, match="no vector"):
        assert doc[0].similarity(doc[2]) == 0.0
    assert nlp("apple")[0].similarity(doc[0]) == 1.0


def test_doc_and_span_vectors_are_token_means(nlp):
    doc = nlp("apple zebra car")
    assert numpy.allclose(doc.vector, (DATA[0] + DATA[2]) / 3)
    assert numpy.allclose(doc[0:2].vector, DATA[0] / 2)
    assert doc.has_vector and doc[1:2].has_vector is False
    assert doc.vector_norm == pytest.approx(numpy.linalg.norm((DATA[0] + DATA[2]) / 3))
    other = nlp("orange truck")
    expected = float(doc.vector @ other.vector / (doc.vector_norm * other.vector_norm))
    assert doc.similarity(other) == pytest.approx(expected, abs=1e-6)
    assert doc[0:1].similarity(doc[0]) == 1.0
    assert doc.similarity(nlp("apple zebra car")) == 1.0
    assert Doc(nlp.vocab, words=[]).vector.shape == (3,)
    given = doc.char_span(0, 5, vector=[1, 2, 3])
    assert given.vector.tolist() == [1, 2, 3] and given.has_vector


def test_doc_and_span_vectors_are_kept_once_computed_as_in_spacy(nlp):
    """spaCy computes Doc.vector / vector_norm (and a Span object's) once and keeps them: a
    later set_vector doesn't change them (a new Doc or Span sees it). Norms in spaCy's
    arithmetic: a Doc's summed in order in double precision, a Token's or Span's numpy's
    float32 sum (numpy.float32, as spaCy returns)."""
    doc = nlp("apple zebra car")
    span = doc[0:2]
    before, span_before = doc.vector.copy(), span.vector.copy()
    norm = doc.vector_norm
    nlp.vocab.set_vector("zebra", numpy.asarray([3, 0, 0], dtype="f"))
    assert numpy.array_equal(doc.vector, before) and doc.vector_norm == norm
    assert numpy.array_equal(span.vector, span_before)
    fresh = nlp("apple zebra car")
    assert not numpy.array_equal(fresh.vector, before)
    assert numpy.array_equal(doc[0:2].vector, fresh[0:2].vector)
    squares = fresh.vector.astype("f") ** 2
    total = 0.0
    for value in squares.tolist():
        total += value
    assert fresh.vector_norm == total ** 0.5 and isinstance(fresh.vector_norm, float)
    assert isinstance(fresh[0].vector_norm, numpy.float32)
    assert fresh[0:2].vector_norm == numpy.sqrt((fresh[0:2].vector ** 2).sum())
    # a zero or empty Doc vector's norm is spaCy's int 0 (prints "0"); a Span's is 0.0
    for zero in (nlp(""), nlp("qqq")):
        assert zero.vector_norm == 0 and type(zero.vector_norm) is int
    assert type(nlp("qqq")[0:1].vector_norm) is float
    # a vector given to a Span is its vector, but not a word vector (spaCy's has_vector)
    given = fresh.char_span(6, 11, vector=[1, 2, 3])
    assert given.vector.tolist() == [1, 2, 3] and given.has_vector   # zebra has one now
    assert not Doc(nlp.vocab, words=["qqq"])[0:1].has_vector
    given_doc = Doc(nlp.vocab, words=["qqq"])
    given_doc.vector = numpy.asarray([1, 2, 3], dtype="f")
    copied = given_doc.copy()   # spaCy's copy keeps a Doc's vector and norm
    assert copied.vector.tolist() == [1, 2, 3] and copied.vector is not given_doc.vector
    assert Doc(nlp.vocab, words=["qqq"]).char_span(0, 3, vector=[1, 2, 3]).has_vector is False


def test_lexeme_vector_and_similarity(nlp):
    apple, car = nlp.vocab["apple"], nlp.vocab["car"]
    assert apple.has_vector and numpy.array_equal(apple.vector, DATA[0])
    assert apple.similarity(car) == pytest.approx(0.0, abs=1e-6)
    assert apple.vector_norm == pytest.approx(1.0)


def test_user_hooks_override_vectors(nlp):
    doc = nlp("apple car")
    doc.user_hooks["vector"] = lambda d: numpy.ones(3, dtype="f")
    doc.user_token_hooks["similarity"] = lambda t, o: 0.5
    assert doc.vector.tolist() == [1, 1, 1] and doc[0].similarity(doc[1]) == 0.5


def test_norm_attr_table_looks_up_token_norms():
    nlp = lexloom.blank("en")
    table = Vectors(strings=nlp.vocab.strings, data=DATA[:1].copy(), keys=["apple"],
                    attr="NORM")
    nlp.vocab.vectors = table
    doc = nlp("APPLE apple")
    assert doc[0].norm_ == "apple"
    assert doc[0].has_vector and numpy.array_equal(doc[0].vector, DATA[0])


# ---- with the pipeline --------------------------------------------------------------


def test_pipeline_saves_and_loads_its_vectors(nlp, tmp_path):
    nlp.vocab.vectors.name = "test.vectors"
    nlp.meta = {"vectors": {"name": "test.vectors"}}
    nlp.to_disk(tmp_path / "p")
    assert (tmp_path / "p" / "vocab" / "vectors").is_file()
    loaded = lexloom.load(tmp_path / "p")
    assert loaded.vocab.vectors == nlp.vocab.vectors
    assert loaded.vocab.vectors.name == "test.vectors"
    assert numpy.array_equal(loaded("truck")[0].vector, DATA[3])
    again = lexloom.blank("en").from_bytes(nlp.to_bytes())
    assert again.vocab.vectors == nlp.vocab.vectors


def test_load_vectors_from_a_pipeline_folder(nlp, tmp_path):
    nlp.to_disk(tmp_path / "vecs")
    other = lexloom.blank("en")
    other.load_vectors(tmp_path / "vecs")
    assert other.vocab.vectors.n_keys == 4 and other("car")[0].has_vector
    with pytest.raises(lexloom.errors.ConfigError, match="init vectors"):
        other.load_vectors(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(lexloom.errors.ConfigError, match="no vectors table"):
        other.load_vectors(tmp_path / "empty")


def test_load_vectors_into_model_can_leave_strings_out(nlp, tmp_path):
    from lexloom.training.initialize import load_vectors_into_model

    nlp.to_disk(tmp_path / "vecs")
    other = lexloom.blank("en")
    load_vectors_into_model(other, tmp_path / "vecs", add_strings=False)
    assert other.vocab.vectors.n_keys == 4 and "truck" not in other.vocab.strings
    assert other("truck")[0].has_vector      # the key is the hash, whatever the strings


from hypothesis import given, settings, strategies as st


@settings(max_examples=30, deadline=None)
@given(rows=st.integers(0, 12), width=st.integers(1, 5), n_keys=st.integers(0, 12),
       seed=st.integers(0, 2**16), floret=st.booleans())
def test_bytes_round_trip_property(rows, width, n_keys, seed, floret):
    rng = numpy.random.default_rng(seed)
    data = rng.standard_normal((max(rows, 1) if floret else rows, width)).astype("f")
    if floret:
        table = Vectors(data=data, mode="floret", minn=1, maxn=int(rng.integers(1, 4)),
                        hash_count=int(rng.integers(1, 5)), hash_seed=seed)
    else:
        table = Vectors(data=data)
        for key in rng.integers(1, 2**63, size=min(n_keys, rows)).tolist():
            table.add(key, row=int(rng.integers(0, rows)))
    back = Vectors().from_bytes(table.to_bytes())
    assert back == table and back.n_keys == table.n_keys and back.mode == table.mode


def test_keys_keep_their_order_and_the_last_added_key_stands_for_a_shared_row(tmp_path):
    # as a dict, spaCy's key2row: the order keys were first added in; a shared row is
    # reported (most_similar, find(row=)) under the key added last
    vectors = Vectors(shape=(2, 3))
    vectors.add("zebra", vector=numpy.asarray([1, 0, 0], dtype="f"))   # row 0
    vectors.add("apple", row=0)
    vectors.add("mango", vector=numpy.asarray([0, 1, 0], dtype="f"))   # row 1
    vectors.add("kiwi", row=1)
    vectors.add("apple", row=1)          # moves to row 1 but keeps its place
    order = [get_string_id(w) for w in ("zebra", "apple", "mango", "kiwi")]
    assert list(vectors.keys()) == order
    assert vectors.find(row=0) == order[0]
    assert vectors.find(row=1) == order[3]   # kiwi was added after apple and mango
    keys, rows, _ = vectors.most_similar(numpy.asarray([[0, 1, 0]], dtype="f"), n=2)
    assert rows.tolist() == [[1, 0]] and keys.tolist() == [[order[3], order[0]]]
    vectors.to_disk(tmp_path)
    loaded = Vectors().from_disk(tmp_path)
    assert list(loaded.keys()) == order and loaded.find(row=1) == order[3]


@pytest.mark.parametrize("shape", [(2.5, 3), "ab", (1, 2, 3), (-1, 3), 5, (True, 3)])
def test_a_bad_shape_is_named(shape):
    with pytest.raises(VectorsError, match="two whole numbers"):
        Vectors(shape=shape)
    assert Vectors(shape=(numpy.int64(2), 3)).shape == (2, 3)


def test_add_takes_one_row_shaped_as_a_row_matrix_as_spacy_does():
    vectors = Vectors(strings=StringStore(), shape=(3, 4))
    row = vectors.add("cat", vector=numpy.arange(4, dtype="f").reshape((1, 4)))
    numpy.testing.assert_array_equal(vectors.data[row], numpy.arange(4, dtype="f"))
    for bad in (numpy.ones((4, 1), "f"), numpy.ones((2, 2), "f"), numpy.ones((2, 4), "f")):
        with pytest.raises(VectorsError, match=r"shape \(4,\)"):
            vectors.add("dog", vector=bad)
    assert "dog" not in vectors


def test_set_vector_takes_a_row_matrix_as_spacy_does():
    vocab = Vocab()
    vocab.set_vector("cat", numpy.arange(4, dtype="f").reshape((1, 4)))
    numpy.testing.assert_array_equal(vocab.get_vector("cat"), numpy.arange(4, dtype="f"))
    with pytest.raises(VectorsError, match="1-D"):
        vocab.set_vector("dog", numpy.ones((2, 4), "f"))


def test_a_table_of_given_data_is_full_whatever_keys_it_was_given():
    """spaCy's constructor takes every row of given data as used: is_full, and add() of a new
    key is E060 (a zero table of a shape keeps its rows past the keys free)."""
    given = Vectors(data=numpy.zeros((5, 4), dtype="float32"), keys=["a", "b", "c"])
    assert given.is_full and given.n_keys == 3
    with pytest.raises(VectorsError, match="E060"):
        given.add("d", vector=numpy.ones(4, dtype="float32"))
    shaped = Vectors(shape=(5, 4), keys=["a", "b", "c"])
    assert not shaped.is_full
    assert shaped.add("d", vector=numpy.ones(4, dtype="float32")) == 3


def test_floret_table_keyed_by_lower_gives_a_word_its_lowercase_vector():
    """vocab.get_vector / has_vector read a floret table through its attr, as Token.vector
    does: with attr LOWER, "The" gets the vector of "the" (spaCy's get_vector)."""
    nlp = lexloom.blank("en")
    data = numpy.random.default_rng(0).standard_normal((50, 3)).astype("float32")
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=data, mode="floret", minn=1,
                                maxn=3, hash_count=2, attr="LOWER")
    assert not numpy.array_equal(nlp.vocab.vectors.get_batch(["The"])[0],
                                 nlp.vocab.vectors.get_batch(["the"])[0])
    assert numpy.array_equal(nlp.vocab.get_vector("The"), nlp.vocab.get_vector("the"))
    assert numpy.array_equal(nlp("The")[0].vector, nlp.vocab.get_vector("the"))
    assert nlp.vocab.has_vector("The")
