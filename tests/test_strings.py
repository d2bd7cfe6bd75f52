"""StringStore and hash_string: ids are spaCy's (murmurhash hash64, seed 1, over UTF-8),
symbols keep spaCy's small ids, and every str round-trips."""
from __future__ import annotations

import ctypes
import hashlib

import murmurhash.mrmr
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lexloom.errors import LexloomError, StringStoreError
from lexloom.strings import StringStore, get_string_id, hash_string

from _isolated import assert_runs_cleanly


def _load_hash64():
    """murmurhash's C `hash64(key, length, seed)` (the function spaCy's StringStore calls),
    reached from Python through the capsule Cython exports for cimport."""
    capsule = murmurhash.mrmr.__pyx_capi__["hash64"]
    get_pointer = ctypes.pythonapi.PyCapsule_GetPointer
    get_pointer.restype = ctypes.c_void_p
    get_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
    address = get_pointer(capsule, b"uint64_t (void *, int, uint64_t)")
    proto = ctypes.CFUNCTYPE(ctypes.c_uint64, ctypes.c_char_p, ctypes.c_int, ctypes.c_uint64)
    return proto(address)


_hash64 = _load_hash64()


def murmur_id(text: str) -> int:
    data = text.encode("utf-8", "surrogatepass")
    return _hash64(data, len(data), 1)


# Ids spaCy 3.8.18 gives (StringStore().add(text)), recorded once: interop facts.
SPACY_IDS = {
    "hello": 5983625672228268878,
    "Hello": 15777305708150031551,
    "coffee": 3197928453018144401,
    "café": 32833993555699147,
    "naïve": 16224804062388677344,
    "北京": 11804760672128813659,
    "👍🏽": 13607523020581129625,
    "–": 10118409446379451916,
    "$": 11283501755624150392,
    "\n": 962983613142996970,
    "a" * 20: 13064336556569770357,
}

# spacy.symbols.IDS: a few by name, and the whole table by digest ("\n".join of the 457 names
# in id order, as spaCy 3.8.18 has them).
SPACY_SYMBOLS = {
    "": 0, "IS_ALPHA": 1, "ORTH": 65, "ADJ": 84, "NOUN": 92, "PUNCT": 97, "SPACE": 103,
    "PERSON": 380, "ORG": 383, "GPE": 384, "LANGUAGE": 389, "LAW": 390, "det": 415, "dobj": 416,
    "nsubj": 429, "punct": 445, "root": 449, "MORPH": 453, "ENT_ID": 454, "IDX": 455, "_": 456,
}
SPACY_N_SYMBOLS = 457
SPACY_SYMBOLS_SHA256 = "4cf7071ef69e7ba07dbad79ec2df105dd7e693653db353f94a15a9f7699361e2"

# spaCy 3.8.18: StringStore(["a", "café", "👍"]).to_bytes()
SPACY_STRINGS_BYTES = b'["a","caf\\u00e9","\\ud83d\\udc4d"]'

any_text = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(["\ud800", "\udfff", "\udc80"])))


@pytest.mark.parametrize("text,expected", sorted(SPACY_IDS.items()))
def test_id_equals_spacy_id(text, expected):
    strings = StringStore()
    assert strings.add(text) == expected
    assert strings[text] == expected
    assert hash_string(text) == expected


@pytest.mark.parametrize("text", sorted(SPACY_IDS) + ["PERSONS", "nsubjpass2", " ", "🇩🇪", "x" * 1000])
def test_id_equals_murmurhash_hash64_seed_1(text):
    assert StringStore().add(text) == murmur_id(text)
    assert hash_string(text) == murmur_id(text)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1))
def test_id_is_hash64_or_symbol_for_any_text(text):
    strings = StringStore()
    key = strings.add(text)
    if key < StringStore.n_symbols():
        assert strings[key] == text  # a symbol keeps its small id
    else:
        assert key == murmur_id(text)


@pytest.mark.parametrize("name,expected", sorted(SPACY_SYMBOLS.items()))
def test_symbol_has_spacy_id(name, expected):
    strings = StringStore()
    assert strings.add(name) == expected
    assert strings[name] == expected
    assert strings[expected] == name


def test_symbol_table_equals_spacys():
    strings = StringStore()
    assert StringStore.n_symbols() == SPACY_N_SYMBOLS
    names = [strings[i] for i in range(SPACY_N_SYMBOLS)]
    assert hashlib.sha256("\n".join(names).encode()).hexdigest() == SPACY_SYMBOLS_SHA256


def test_hash_string_ignores_symbols():
    assert hash_string("NOUN") == murmur_id("NOUN") == 1979547925953114071
    assert StringStore().add("NOUN") == 92


def test_empty_string_is_id_0():
    strings = StringStore()
    assert strings.add("") == 0
    assert strings[""] == 0
    assert strings[0] == ""


def test_hash_string_of_empty_string_equals_spacy():
    assert hash_string("") == 14313749767032693980


def test_symbols_are_not_counted_or_stored_as_added_strings():
    strings = StringStore()
    strings.add("NOUN")
    strings.add("nsubj")
    assert len(strings) == 0
    strings.add("fresh")
    assert len(strings) == 1
    assert "NOUN" in strings and 92 in strings


@pytest.mark.parametrize("text", ["hello", "café", "北京", "👍🏽", "a b", "\n", "\x00", "x" * 500,
                                  "\ud800", "a\udfffb"])
def test_str_to_id_to_str_round_trips(text):
    strings = StringStore()
    key = strings.add(text)
    assert strings[key] == text
    assert text in strings and key in strings
    assert strings.as_int(text) == key
    assert strings.as_string(key) == text


def test_lookup_by_str_gives_id_without_storing():
    strings = StringStore()
    key = strings["never-added"]
    assert key == murmur_id("never-added")
    assert key not in strings
    assert len(strings) == 0


def test_adding_twice_keeps_one_entry():
    strings = StringStore()
    assert strings.add("twice") == strings.add("twice")
    assert len(strings) == 1


def test_constructor_adds_given_strings():
    strings = StringStore(["x", "y", "x"])
    assert len(strings) == 2
    assert strings[strings["y"]] == "y"


@pytest.mark.parametrize("key", [12345, 2**63, 2**64 - 1, murmur_id("never-added")])
def test_unknown_id_raises_keyerror_with_lexloom_message(key):
    strings = StringStore()
    with pytest.raises(KeyError) as info:
        strings[key]
    assert "[lexloom]" in str(info.value)
    assert str(key) in str(info.value)


@pytest.mark.parametrize("key", [-1, 2**64])
def test_id_outside_uint64_raises_keyerror(key):
    with pytest.raises(KeyError, match=r"\[lexloom\]"):
        StringStore()[key]


def test_utf8_bytes_work_as_their_text():
    """spaCy takes UTF-8 bytes wherever it takes a string."""
    strings = StringStore()
    key = strings.add("café".encode("utf-8"))
    assert key == strings.add("café") == strings["café".encode("utf-8")]
    assert strings[key] == "café" and len(strings) == 1
    assert "café".encode("utf-8") in strings and b"tea" not in strings
    assert get_string_id(b"caf\xc3\xa9") == key


@pytest.mark.parametrize("call", [lambda s, b: s.add(b), lambda s, b: get_string_id(b)])
def test_invalid_utf8_bytes_raise_stringstore_error(call):
    strings = StringStore()
    with pytest.raises(StringStoreError, match="UTF-8"):
        call(strings, b"caf\xe9")
    assert b"caf\xe9" not in strings and len(strings) == 0


@pytest.mark.parametrize("value", [3, 1.5, ["a"]])
def test_add_non_str_raises_stringstore_error(value):
    with pytest.raises(StringStoreError, match="E017"):
        StringStore().add(value)
    with pytest.raises(TypeError, match="E017"):   # spaCy's type
        StringStore().add(value)


@pytest.mark.parametrize("value", [None, 0, False, ""])
def test_add_of_an_empty_value_is_the_empty_strings_id_as_in_spacy(value):
    strings = StringStore()
    assert strings.add(value) == 0
    assert len(strings) == 0


def test_stringstore_error_is_lexloom_error_and_valueerror():
    assert issubclass(StringStoreError, LexloomError)
    assert issubclass(StringStoreError, ValueError)


def test_lone_surrogates_round_trip_with_distinct_ids():
    strings = StringStore()
    ids = {s: strings.add(s) for s in ["\ud800", "\udfff", "a\ud800", "\ud83d\udc4d"]}
    assert len(set(ids.values())) == 4
    for text, key in ids.items():
        assert strings[key] == text
    # a surrogate pair written as two code points is not the emoji it would encode
    assert ids["\ud83d\udc4d"] != strings.add("👍")


def test_from_bytes_reads_spacy_bytes():
    strings = StringStore().from_bytes(SPACY_STRINGS_BYTES)
    assert len(strings) == 3
    for text in ["a", "café", "👍"]:
        assert text in strings
        assert strings[strings[text]] == text


def test_from_bytes_skips_symbols():
    strings = StringStore().from_bytes(b'["NOUN","x"]')
    assert len(strings) == 1
    assert strings["NOUN"] == 92


# Iterating a StringStore (and so to_bytes, which sorts it) once segfaulted; these run in a
# child interpreter so a regression fails them instead of killing the whole test run.

def test_iterating_stringstore_yields_added_strings():
    assert_runs_cleanly("""
        from lexloom.strings import StringStore
        assert sorted(StringStore(["b", "a"])) == ["a", "b"]
    """)


def test_to_bytes_from_bytes_round_trips():
    assert_runs_cleanly("""
        from lexloom.strings import StringStore
        texts = ["hello", "café", "北京", "👍🏽", "\\n", "NOUN"]
        data = StringStore(texts).to_bytes()
        other = StringStore().from_bytes(data)
        assert len(other) == 5
        for t in texts:
            assert other[other[t]] == t
    """)


def test_to_bytes_equals_spacy_bytes():
    assert_runs_cleanly(f"""
        from lexloom.strings import StringStore
        assert StringStore(["café", "👍", "a"]).to_bytes() == {SPACY_STRINGS_BYTES.decode()!r}
    """)


def test_to_bytes_round_trips_lone_surrogates():
    assert_runs_cleanly("""
        from lexloom.strings import StringStore
        data = StringStore(["a\\ud800"]).to_bytes()
        assert "a\\ud800" in StringStore().from_bytes(data)
    """)


@pytest.mark.parametrize("data", [b"", b"{", b'["a"', b"\xff\xfe", b"[1, 2]",
                                  b'["a", null]', b"garbage"])
def test_corrupt_from_bytes_raises_stringstore_error(data):
    with pytest.raises(StringStoreError):
        StringStore().from_bytes(data)


def test_from_bytes_of_non_bytes_raises_stringstore_error():
    with pytest.raises(StringStoreError):
        StringStore().from_bytes(None)


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_any_text_round_trips_through_add_and_getitem(text):
    strings = StringStore()
    assert strings[strings.add(text)] == text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(min_size=1), max_size=20))
def test_len_counts_distinct_non_symbol_strings(texts):
    strings = StringStore()
    ids = [strings.add(t) for t in texts]
    assert len(strings) == len({i for i in ids if i >= StringStore.n_symbols()})


def test_strings_json_is_srsly_s_layout_and_keeps_lone_surrogates(tmp_path):
    """strings.json as spaCy writes it (srsly.write_json: sorted, indent 2, non-ASCII
    escaped); a lone surrogate, which srsly's encoder refuses, is escaped as the stdlib does."""
    import json

    import srsly

    from lexloom.strings import StringStore

    words = ["zebra", "Äpfel", "北京", "🙂", 'say "hi"', "tab\there"]
    store = StringStore(words)
    store.to_disk(tmp_path / "strings.json")
    text = (tmp_path / "strings.json").read_text(encoding="utf8")
    assert text == srsly.json_dumps(sorted(words), indent=2)
    assert list(StringStore().from_disk(tmp_path / "strings.json")) == list(
        StringStore(sorted(words)))
    odd = StringStore(["a\ud800b", "plain"])
    odd.to_disk(tmp_path / "odd.json")
    assert json.loads((tmp_path / "odd.json").read_text(encoding="utf8")) == ["a\ud800b",
                                                                                "plain"]
    assert set(StringStore().from_disk(tmp_path / "odd.json")) == {"a\ud800b", "plain"}


def test_from_bytes_adds_all_or_nothing():
    import json

    from lexloom.errors import StringStoreError

    strings = StringStore()
    strings.from_bytes(json.dumps(["alpha", "béta", "\ud800x"], ensure_ascii=True).encode())
    assert "alpha" in strings and "béta" in strings and "\ud800x" in strings
    before = len(strings)
    with pytest.raises(StringStoreError):
        strings.from_bytes(json.dumps(["gamma", 3]).encode())
    assert len(strings) == before and "gamma" not in strings


def test_none_is_not_a_key_to_test():
    # spaCy's __contains__ refuses None (a TypeError) rather than answering False
    with pytest.raises(TypeError, match="None in strings"):
        None in StringStore(["a"])  # noqa: B015


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["transient", "permanent", "release"]),
                          st.sampled_from(["a", "b", "c", "d", "e"]))))
def test_len_counts_each_string_once_through_zones(steps):
    """len(strings) is kept as strings are added transiently, made permanent, and the
    transient ones released (it counted the transient list one by one before)."""
    strings = StringStore()
    zone = strings.memory_zone()
    zone.__enter__()
    for action, text in steps:
        if action == "release":
            zone.__exit__(None, None, None)
            zone = strings.memory_zone()
            zone.__enter__()
        else:
            strings.add(text, allow_transient=action == "transient")
        assert len(strings) == len(list(strings)) == len(set(strings))
    zone.__exit__(None, None, None)
    assert len(strings) == len(list(strings)) == len(set(strings))
