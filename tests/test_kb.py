"""lexloom.kb: InMemoryLookupKB building, lookups and its two saved forms (spaCy's binary
`contents` folder and msgpack bytes)."""
import struct

import pytest
import srsly

from lexloom.errors import (AbstractClassError, KnowledgeBaseError, KnowledgeBaseFileError,
                            LexloomWarning)
from lexloom.kb import Candidate, InMemoryLookupKB, KnowledgeBase, get_candidates
from lexloom.kb.kb_in_memory import Reader, Writer
from lexloom.vocab import Vocab


def make_kb(vocab=None):
    kb = InMemoryLookupKB(vocab or Vocab(), entity_vector_length=3)
    kb.add_entity("Q1", 10.0, [1.0, 0.0, 0.0])
    kb.add_entity("Q2", 5.0, [0.0, 1.0, 0.0])
    kb.add_entity("Q3", 1.0, [0.0, 0.0, 1.0])
    kb.add_alias("Douglas", ["Q1", "Q2"], [0.7, 0.2])
    kb.add_alias("Adams", ["Q1"], [0.9])
    return kb


def candidate_view(kb, alias):
    return [(c.entity_, c.alias_, round(c.prior_prob, 6), c.entity_vector)
            for c in kb.get_alias_candidates(alias)]


def test_sizes_and_strings():
    kb = make_kb()
    assert len(kb) == kb.get_size_entities() == 3
    assert kb.get_size_aliases() == 2
    assert sorted(kb.get_entity_strings()) == ["Q1", "Q2", "Q3"]
    assert sorted(kb.get_alias_strings()) == ["Adams", "Douglas"]
    assert kb.contains_entity("Q2") and not kb.contains_entity("Q9")
    assert kb.contains_alias("Adams") and not kb.contains_alias("adams")
    assert not kb.is_empty() and InMemoryLookupKB(Vocab(), 3).is_empty()


def test_alias_candidates_carry_entity_alias_prior_and_vector():
    kb = make_kb()
    assert candidate_view(kb, "Douglas") == [("Q1", "Douglas", 0.7, [1.0, 0.0, 0.0]),
                                             ("Q2", "Douglas", 0.2, [0.0, 1.0, 0.0])]
    cand = kb.get_alias_candidates("Adams")[0]
    assert isinstance(cand, Candidate)
    assert cand.entity == kb.vocab.strings["Q1"] and cand.alias == kb.vocab.strings["Adams"]
    assert cand.entity_freq == 10.0
    assert kb.get_alias_candidates("Nobody") == []
    # one made by hand holds its numbers as spaCy's C floats, as the KB's own do
    made = Candidate(kb, cand.entity, 3, [1, 2, 0.7], cand.alias, 0.7)
    assert type(made.entity_freq) is float and made.entity_freq == 3.0
    assert made.entity_vector == [1.0, 2.0, 0.699999988079071]
    assert all(type(x) is float for x in made.entity_vector)
    assert made.prior_prob == kb.get_alias_candidates("Douglas")[0].prior_prob == \
        0.699999988079071


def test_get_candidates_uses_the_mention_text():
    vocab = Vocab()
    kb = make_kb(vocab)
    from lexloom.tokens import Doc

    doc = Doc(vocab, words=["Douglas", "Adams", "wrote"])
    assert [c.entity_ for c in get_candidates(kb, doc[0:1])] == ["Q1", "Q2"]
    assert [c.entity_ for c in kb.get_candidates(doc[1:2])] == ["Q1"]
    assert [[c.entity_ for c in cands] for cands in kb.get_candidates_batch(
        [doc[0:1], doc[0:2]])] == [["Q1", "Q2"], []]


def test_vectors_and_prior_probs():
    kb = make_kb()
    assert kb.get_vector("Q2") == [0.0, 1.0, 0.0]
    assert kb.get_vector("Q9") == [0, 0, 0]
    assert kb.get_prior_prob("Q1", "Douglas") == pytest.approx(0.7)
    assert kb.get_prior_prob("Q3", "Douglas") == 0.0
    assert kb.get_prior_prob("Q1", "Nobody") == 0.0


def test_append_alias_adds_a_candidate_and_checks_the_sum():
    kb = make_kb()
    kb.append_alias("Douglas", "Q3", 0.1)
    assert [c.entity_ for c in kb.get_alias_candidates("Douglas")] == ["Q1", "Q2", "Q3"]
    with pytest.raises(KnowledgeBaseError, match="sum"):
        kb.append_alias("Adams", "Q2", 0.5)
    with pytest.warns(LexloomWarning):
        kb.append_alias("Adams", "Q1", 0.05)
    with pytest.raises(KnowledgeBaseError, match="add_alias"):
        kb.append_alias("Nobody", "Q1", 0.1)
    with pytest.raises(ValueError):
        kb.append_alias("Adams", "Q9", 0.1)


def test_building_errors_and_duplicate_warnings():
    kb = make_kb()
    with pytest.raises(KnowledgeBaseError, match="length 2"):
        kb.add_entity("Q4", 1.0, [1.0, 2.0])
    with pytest.warns(LexloomWarning):
        assert kb.add_entity("Q1", 1.0, [0.0, 0.0, 0.0]) is None
    with pytest.warns(LexloomWarning):
        assert kb.add_alias("Adams", ["Q2"], [0.5]) is None
    with pytest.raises(ValueError, match="sum"):
        kb.add_alias("Big", ["Q1", "Q2"], [0.8, 0.8])
    with pytest.raises(ValueError, match="probabilities"):
        kb.add_alias("Odd", ["Q1", "Q2"], [0.8])
    with pytest.raises(ValueError, match="Q9"):
        kb.add_alias("Ghost", ["Q9"], [0.5])
    with pytest.raises(ValueError):
        kb.add_alias("", ["Q1"], [0.5])
    assert kb.get_size_aliases() == 2


def test_set_entities_replaces_the_entities():
    kb = InMemoryLookupKB(Vocab(), entity_vector_length=2)
    kb.add_entity("old", 1.0, [1.0, 1.0])
    with pytest.warns(LexloomWarning):
        kb.set_entities(["A", "B", "A"], [1.0, 2.0, 3.0], [[1, 2], [3, 4], [5, 6]])
    assert kb.get_entity_strings() == ["A", "B"]
    assert kb.get_vector("B") == [3.0, 4.0]
    with pytest.raises(ValueError):
        kb.set_entities(["A"], [1.0, 2.0], [[1, 2]])


def test_knowledge_base_is_abstract():
    with pytest.raises(AbstractClassError):
        KnowledgeBase(Vocab(), 3)

    class Partial(KnowledgeBase):
        pass

    with pytest.raises(NotImplementedError):
        Partial(Vocab(), 3).get_candidates(None)


def test_disk_round_trip_into_a_fresh_vocab(tmp_path):
    kb = make_kb()
    kb.to_disk(tmp_path / "kb")
    assert sorted(p.name for p in (tmp_path / "kb").iterdir()) == ["contents", "strings.json"]
    loaded = InMemoryLookupKB(Vocab(), entity_vector_length=1)
    loaded.from_disk(tmp_path / "kb")
    assert loaded.entity_vector_length == 3
    assert sorted(loaded.get_entity_strings()) == ["Q1", "Q2", "Q3"]
    assert candidate_view(loaded, "Douglas") == candidate_view(kb, "Douglas")
    assert loaded.get_vector("Q3") == [0.0, 0.0, 1.0]


def test_contents_file_has_spacys_layout(tmp_path):
    """Fields one after another, native byte order: header, vectors, entries, aliases."""
    kb = make_kb()
    kb.to_disk(tmp_path)
    data = (tmp_path / "contents").read_bytes()
    assert len(data) == 16 + 3 * 3 * 4 + 3 * 16 + 8 + (16 + 2 * 12) + (16 + 12)
    assert struct.unpack_from("=qq", data, 0) == (3, 3)
    entry = struct.unpack_from("=Qfi", data, 16 + 36)
    assert entry == (kb.vocab.strings["Q1"], 10.0, 0)
    reader = Reader(tmp_path / "contents")
    assert reader.read_header() == (3, 3)
    reader.close()


def test_reads_a_file_written_field_by_field(tmp_path):
    """A file as spaCy's Writer lays it out (entry indices 1-based) loads."""
    vocab = Vocab()
    q1, q2, alias = (vocab.strings.add(s) for s in ("Q1", "Q2", "Paris"))
    writer = Writer(tmp_path / "contents")
    writer.write_header(2, 2)
    for value in (1.0, 2.0, 3.0, 4.0):
        writer.write_vector_element(value)
    writer.write_entry(q1, 3.0, 0)
    writer.write_entry(q2, 7.0, 1)
    writer.write_alias_length(1)
    writer.write_alias_header(alias, 2)
    writer.write_alias(2, 0.75)
    writer.write_alias(1, 0.25)
    writer.close()
    kb = InMemoryLookupKB(vocab, entity_vector_length=1)
    kb.read_contents(tmp_path / "contents")
    assert candidate_view(kb, "Paris") == [("Q2", "Paris", 0.75, [3.0, 4.0]),
                                           ("Q1", "Paris", 0.25, [1.0, 2.0])]


@pytest.mark.parametrize("cut", [0, 5, 20, 60, -3])
def test_truncated_contents_raise_a_clear_error(tmp_path, cut):
    make_kb().to_disk(tmp_path)
    data = (tmp_path / "contents").read_bytes()
    (tmp_path / "contents").write_bytes(data[:cut])
    with pytest.raises(KnowledgeBaseFileError, match="contents"):
        InMemoryLookupKB(Vocab(), 1).from_disk(tmp_path)


def test_garbage_contents_raise_a_clear_error(tmp_path):
    make_kb().to_disk(tmp_path)
    (tmp_path / "contents").write_bytes(b"\xff" * 64)
    with pytest.raises(OSError):
        InMemoryLookupKB(Vocab(), 1).from_disk(tmp_path)


def test_missing_folder_raises(tmp_path):
    with pytest.raises(KnowledgeBaseFileError, match="does not exist"):
        InMemoryLookupKB(Vocab(), 1).from_disk(tmp_path / "nope")


def test_bytes_round_trip_and_spacys_json_parts():
    kb = make_kb()
    data = kb.to_bytes()
    msg = srsly.msgpack_loads(data)
    assert list(msg) == ["header", "entity_vectors", "entries", "aliases"]
    assert srsly.json_loads(msg["header"]) == [3, 2, 3]
    assert srsly.json_loads(msg["entity_vectors"])[1] == [0.0, 1.0, 0.0]
    headers, indices, _ = (srsly.json_loads(p) for p in srsly.json_loads(msg["aliases"]))
    assert indices == [[1, 2], [1]]
    assert headers[0] == [kb.vocab.strings["Douglas"], 2]
    loaded = InMemoryLookupKB(kb.vocab, entity_vector_length=1).from_bytes(data)
    assert candidate_view(loaded, "Douglas") == candidate_view(kb, "Douglas")
    assert loaded.to_bytes() == data


def test_corrupt_bytes_raise_a_clear_error():
    with pytest.raises(KnowledgeBaseFileError, match="to_bytes"):
        InMemoryLookupKB(Vocab(), 3).from_bytes(b"not msgpack at all")


def _with_aliases(data: bytes, indices: list, probs: list) -> bytes:
    """The KB bytes with its alias candidate lists replaced (headers kept)."""
    msg = srsly.msgpack_loads(data)
    headers, _indices, _probs = (srsly.json_loads(p) for p in srsly.json_loads(msg["aliases"]))
    msg["aliases"] = srsly.json_dumps((srsly.json_dumps(headers), srsly.json_dumps(indices),
                                       srsly.json_dumps(probs)))
    return srsly.msgpack_dumps(msg)


@pytest.mark.parametrize("indices,probs", [([[1, 99], [1]], [[0.5, 0.5], [1.0]]),
                                           ([[1, -3], [1]], [[0.5, 0.5], [1.0]]),
                                           ([[1, 2], [1]], [[0.5], [1.0]])])
def test_crafted_alias_tables_raise_instead_of_reading_out_of_bounds(indices, probs):
    data = _with_aliases(make_kb().to_bytes(), indices, probs)
    with pytest.raises(KnowledgeBaseFileError):
        InMemoryLookupKB(Vocab(), 1).from_bytes(data)


def test_a_corrupt_contents_file_leaves_the_kb_as_it_was(tmp_path):
    kb = make_kb()
    before = candidate_view(kb, "Douglas")
    make_kb().to_disk(tmp_path)
    contents = (tmp_path / "contents").read_bytes()
    (tmp_path / "contents").write_bytes(contents[:-6])  # cut inside the last alias
    with pytest.raises(KnowledgeBaseFileError):
        kb.from_disk(tmp_path)
    assert candidate_view(kb, "Douglas") == before


def _digest(strings: list[str]) -> tuple[int, str, list[str]]:
    import hashlib

    return len(strings), hashlib.md5("\n".join(strings).encode()).hexdigest(), strings[:4]


def test_entity_and_alias_strings_come_in_spacys_hash_table_order(tmp_path):
    # reference lists from spaCy 3.8.18's InMemoryLookupKB for the same calls
    vocab = Vocab()
    kb = InMemoryLookupKB(vocab, entity_vector_length=2)
    ents = [f"Q{i}" for i in range(40)]
    for ent in ents:
        kb.add_entity(ent, 1.0, [0.0, 1.0])
    for i in range(30):
        kb.add_alias(f"alias {i}", [ents[i], ents[i + 1]], [0.5, 0.4])
    by_add = (_digest(kb.get_entity_strings()), _digest(kb.get_alias_strings()))
    assert by_add == (
        (40, "84ffa4494b36f84633b6bbd7f85bccad", ["Q15", "Q9", "Q3", "Q17"]),
        (30, "377c1fbfaaa48b1edf22fc9158e52391", ["alias 5", "alias 25", "alias 1", "alias 9"]))
    kb.to_disk(tmp_path / "kb")
    loaded = InMemoryLookupKB(vocab, entity_vector_length=2)
    loaded.from_disk(tmp_path / "kb")   # a load sizes the tables to the counts, as spaCy's
    assert (_digest(loaded.get_entity_strings()), _digest(loaded.get_alias_strings())) == by_add

    bulk = InMemoryLookupKB(vocab, entity_vector_length=2)
    with pytest.warns(Warning, match="W018"):
        bulk.set_entities(ents[::-1] + ["Q3"], [1.0] * 41, [[1.0, 2.0]] * 41)
    bulk.add_entity("Qx", 2.0, [1.0, 1.0])
    for i in range(20):
        bulk.add_alias(f"al {i}", [ents[i]], [0.9])
    by_set = (_digest(bulk.get_entity_strings()), _digest(bulk.get_alias_strings()))
    assert by_set == (
        (41, "c030f07ecf47e9c42b1667dc57b8f47c", ["Q15", "Q9", "Q3", "Q38"]),
        (20, "648842bd725c491c5483869d66ce0883", ["al 14", "al 0", "al 12", "al 10"]))
    from_bytes = InMemoryLookupKB(vocab, entity_vector_length=2)
    from_bytes.from_bytes(bulk.to_bytes())
    assert (_digest(from_bytes.get_entity_strings()),
            _digest(from_bytes.get_alias_strings())) == by_set
