"""Lookups and Table: keys by string or id, spaCy's byte format (Bloom filter included),
disk round trips, bad bytes, and tables from spacy-lookups-data."""
import gzip
import json

import pytest
import srsly
from hypothesis import given, settings
from hypothesis import strategies as st
from preshed.bloom import BloomFilter

import lexloom
from lexloom.errors import DeserializationError, LookupsError
from lexloom.lookups import Lookups, Table, load_lookups
from lexloom.strings import StringStore, get_string_id
from lexloom.vocab import Vocab


def test_table_keys_are_string_ids():
    table = Table.from_dict({"ducks": "duck", "geese": "goose"}, name="lemma_lookup")
    assert table.name == "lemma_lookup"
    ducks = StringStore()["ducks"]
    assert table["ducks"] == table[ducks] == "duck"
    assert "geese" in table and ducks in table
    assert "swans" not in table
    assert table.get("swans") is None and table.get("swans", "x") == "x"
    # stored under the hash, as spaCy stores them
    assert set(table.keys()) == {ducks, StringStore()["geese"]}


def test_table_made_with_data_equals_one_filled_item_by_item():
    # Table(name, data) and from_bytes fill in bulk: same keys, order, values and filter
    data = {"ducks": "duck", 123: "x", get_string_id("geese"): "goose", "": "empty"}
    bulk = Table("t", data)
    one_by_one = Table("t")
    for key, value in data.items():
        one_by_one[key] = value
    assert list(bulk.items()) == list(one_by_one.items())
    for key in [*data, "swans", 124]:
        assert (key in bulk) == (key in one_by_one)
    back = Table().from_bytes(one_by_one.to_bytes())
    assert list(back.items()) == list(one_by_one.items()) and "ducks" in back


def test_symbol_strings_use_symbol_ids():
    assert get_string_id("NOUN") == 92  # spaCy's symbol id for NOUN
    assert get_string_id("") == 0
    assert get_string_id(12345) == 12345
    table = Table()
    table.set("NOUN", 1)
    assert list(table.keys()) == [92] and table[92] == 1


def test_table_bytes_round_trip_with_preshed_bloom():
    table = Table(name="t", data={"a": [1, 2], "b": "c"})
    data = table.to_bytes()
    msg = srsly.msgpack_loads(data)
    assert msg["name"] == "t"
    bloom = BloomFilter().from_bytes(msg["bloom"])
    assert get_string_id("a") in bloom and get_string_id("b") in bloom
    loaded = Table().from_bytes(data)
    assert loaded.name == "t" and loaded["a"] == [1, 2] and loaded["b"] == "c"
    assert "a" in loaded and "zzz" not in loaded


def test_lookups_tables():
    lookups = Lookups()
    assert len(lookups) == 0 and lookups.tables == []
    table = lookups.add_table("lemma_exc", {"noun": {"mice": ["mouse"]}})
    assert "lemma_exc" in lookups and lookups.has_table("lemma_exc")
    assert lookups.get_table("lemma_exc") is table
    assert lookups.get_table("nope", None) is None
    with pytest.raises(LookupsError, match="already exists"):
        lookups.add_table("lemma_exc")
    with pytest.raises(KeyError, match="lemma_index"):
        lookups.get_table("lemma_index")
    other = Table(name="lemma_index")
    lookups.set_table("lemma_index", other)
    assert lookups.tables == ["lemma_exc", "lemma_index"]
    assert lookups.remove_table("lemma_index") is other
    with pytest.raises(KeyError, match="Available tables"):
        lookups.remove_table("lemma_index")


def test_lookups_bytes_and_disk_round_trip(tmp_path):
    lookups = Lookups()
    lookups.add_table("lemma_rules", {"noun": [["s", ""], ["ies", "y"]]})
    lookups.add_table("lemma_lookup", {"went": "go"})
    data = lookups.to_bytes()
    # spaCy's layout: a map of table name -> {string id: value}, no Bloom filter
    assert srsly.msgpack_loads(data) == {
        "lemma_rules": {get_string_id("noun"): [["s", ""], ["ies", "y"]]},
        "lemma_lookup": {get_string_id("went"): "go"}}
    loaded = Lookups().from_bytes(data)
    assert loaded.tables == ["lemma_rules", "lemma_lookup"]
    assert loaded.get_table("lemma_lookup")["went"] == "go"
    lookups.to_disk(tmp_path / "lk")
    assert (tmp_path / "lk" / "lookups.bin").read_bytes() == data
    again = Lookups().from_disk(tmp_path / "lk")
    assert again.get_table("lemma_rules")["noun"] == [["s", ""], ["ies", "y"]]
    # no file: nothing loaded, no error (as spaCy)
    assert Lookups().from_disk(tmp_path / "missing").tables == []


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=12), st.text(max_size=12), max_size=30))
def test_table_round_trip_property(data):
    lookups = Lookups()
    lookups.add_table("t", data)
    loaded = Lookups().from_bytes(lookups.to_bytes()).get_table("t")
    for key, value in data.items():
        assert key in loaded and loaded[key] == value
    assert len(loaded) == len(data)


def test_truncated_lookups_raise_deserialization_error(tmp_path):
    lookups = Lookups()
    lookups.add_table("lemma_lookup", {f"w{i}": f"l{i}" for i in range(50)})
    data = lookups.to_bytes()
    with pytest.raises(DeserializationError, match="truncated"):
        Lookups().from_bytes(data[: len(data) // 2])
    (tmp_path / "lookups.bin").write_bytes(data[:-3])
    with pytest.raises(DeserializationError, match="lookups.bin"):
        Lookups().from_disk(tmp_path)
    with pytest.raises(DeserializationError):
        Lookups().from_bytes(srsly.msgpack_dumps([1, 2, 3]))
    with pytest.raises(DeserializationError):
        Table().from_bytes(srsly.msgpack_dumps({"dict": {}})[:-1])


def test_load_lookups_without_package_names_the_package(monkeypatch):
    import lexloom.lookups as mod

    monkeypatch.setattr(mod, "_language_data", lambda lang: None)
    with pytest.raises(LookupsError, match="pip install spacy-lookups-data"):
        load_lookups("en", ["lemma_lookup"])
    assert load_lookups("en", ["lemma_lookup"], strict=False).tables == []


def test_load_lookups_from_package_data(monkeypatch, tmp_path):
    import lexloom.lookups as mod

    (tmp_path / "en_lemma_lookup.json").write_text(json.dumps({"went": "go"}))
    with gzip.open(tmp_path / "en_lemma_exc.json.gz", "wt") as f:
        json.dump({"noun": {"mice": ["mouse"]}}, f)
    data = {"lemma_lookup": str(tmp_path / "en_lemma_lookup.json"),
            "lemma_exc": str(tmp_path / "en_lemma_exc.json")}  # found as .json.gz
    monkeypatch.setattr(mod, "_language_data", lambda lang: data if lang == "en" else None)
    lookups = load_lookups("en", ["lemma_lookup", "lemma_exc"])
    assert lookups.get_table("lemma_lookup")["went"] == "go"
    assert lookups.get_table("lemma_exc")["noun"] == {"mice": ["mouse"]}
    with pytest.raises(LookupsError, match="lemma_rules"):
        load_lookups("en", ["lemma_rules"])
    assert len(load_lookups("en", ["lemma_rules"], strict=False).get_table("lemma_rules")) == 0


def test_vocab_lookups_serialise_with_the_vocab(tmp_path):
    vocab = Vocab()
    assert isinstance(vocab.lookups, Lookups) and len(vocab.lookups) == 0
    vocab.lookups.add_table("lemma_lookup", {"went": "go"})
    other = Vocab().from_bytes(vocab.to_bytes())
    assert other.lookups.get_table("lemma_lookup")["went"] == "go"
    assert "lemma_lookup" not in Vocab().from_bytes(vocab.to_bytes(exclude=["lookups"])).lookups
    vocab.to_disk(tmp_path / "vocab")
    assert (tmp_path / "vocab" / "lookups.bin").exists()
    assert Vocab().from_disk(tmp_path / "vocab").lookups.get_table("lemma_lookup")["went"] == "go"


def test_lexeme_norm_table_sets_norms():
    nlp = lexloom.blank("en")
    lookups = Lookups()
    lookups.add_table("lexeme_norm", {"colour": "color"})
    nlp.vocab.lookups = lookups
    doc = nlp("colour Dogs")
    assert doc[0].norm_ == "color"
    assert doc[1].norm_ == "dogs"


def test_vocab_takes_lookups():
    lookups = Lookups()
    lookups.add_table("lemma_lookup", {"went": "go"})
    vocab = Vocab(lookups=lookups)
    assert vocab.lookups is lookups
    with pytest.raises(ValueError, match="Lookups"):
        vocab.lookups = {"lemma_lookup": {}}


@pytest.mark.parametrize("key", [1.5, None, -1, b"bytes"])
def test_table_keys_that_are_not_strings_or_ids_are_rejected(key):
    data = srsly.msgpack_dumps({"table": {key: "value"}})
    with pytest.raises(DeserializationError, match="neither a string nor a 64-bit id"):
        Lookups().from_bytes(data)
    table_bytes = srsly.msgpack_dumps({"name": "t", "dict": {key: "value"},
                                       "bloom": BloomFilter().to_bytes()})
    with pytest.raises(DeserializationError, match="neither a string nor a 64-bit id"):
        Table("t").from_bytes(table_bytes)
