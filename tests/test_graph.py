"""lexloom.tokens.graph: spaCy's Graph / Node / Edge / NoneNode / NoneEdge over a Doc."""
import gc

import numpy
import pytest
from lexloom.errors import GraphError, GraphIndexError
from lexloom.tokens.doc import Doc
from lexloom.tokens.graph import Edge, Graph, Node, NoneEdge, NoneNode
from lexloom.vocab import Vocab


@pytest.fixture
def doc():
    return Doc(Vocab(), words=["a", "b", "c", "d"])


def tuples(nodes):
    return [tuple(node) for node in nodes]


@pytest.fixture
def srl(doc):
    """0 -> 1 (ARG0), 0 -> 2 (ARG1), 0 -> 3 (ARG0), 4 -> 1 (ARG1); node 4 is (2, 3)."""
    return Graph(doc, name="srl", nodes=[(0,), (1,), (2,), (3,), (2, 3)],
                 edges=[(0, 1), (0, 2), (0, 3), (4, 1)],
                 labels=["ARG0", "ARG1", "ARG0", "ARG1"], weights=[1.0, 2.0, 3.0, 4.0])


# --- spaCy's tests/doc/test_graph.py, against lexloom ---
def test_graph_init_keeps_name_and_doc(doc):
    graph = Graph(doc, name="hello")
    assert graph.name == "hello"
    assert graph.doc is doc
    assert list(graph.nodes) == [] and list(graph.edges) == []


def test_graph_edges_and_nodes(doc):
    graph = Graph(doc, name="hello")
    node1 = graph.add_node((0,))
    assert graph.get_node((0,)) == node1
    node2 = graph.add_node((1, 3))
    assert list(node2) == [1, 3]
    graph.add_edge(node1, node2, label="one", weight=-10.5)
    assert graph.has_edge(node1, node2, label="one")
    assert node1.heads() == []
    assert tuples(node2.heads()) == [(0,)]
    assert tuples(node1.tails()) == [(1, 3)]
    assert tuples(node2.tails()) == []


def test_graph_walk_terminates_on_a_cycle_in_spacy_order(doc):
    graph = Graph(doc, name="hello", nodes=[(0,), (1,), (2,), (3,)],
                  edges=[(0, 1), (0, 2), (0, 3), (3, 0)], labels=None, weights=None)
    node0, node1, node2, node3 = list(graph.nodes)
    assert tuples(node0.heads()) == [(3,)]
    assert tuples(node1.heads()) == [(0,)]
    assert tuples(node0.walk_heads()) == [(3,), (0,)]
    assert tuples(node1.walk_heads()) == [(0,), (3,), (0,)]
    assert tuples(node2.walk_heads()) == [(0,), (3,), (0,)]
    assert tuples(node3.walk_heads()) == [(0,), (3,)]
    assert tuples(node0.walk_tails()) == [(1,), (2,), (3,), (0,)]
    assert tuples(node1.walk_tails()) == []
    assert tuples(node2.walk_tails()) == []
    assert tuples(node3.walk_tails()) == [(0,), (1,), (2,), (3,)]


# --- nodes ---
def test_add_node_is_idempotent_and_keeps_token_order(doc):
    graph = Graph(doc)
    a = graph.add_node((3, 1))
    assert graph.add_node([3, 1]) == a and graph.add_node(a) is a
    assert graph.add_node((1, 3)) != a  # an ordered tuple: (1, 3) is another node
    assert len(list(graph.nodes)) == 2
    assert list(a) == [3, 1] and len(a) == 2 and a[0] == 3 and a[-1] == 1
    assert [t.text for t in a.tokens] == ["d", "b"]
    assert a.doc is doc and a.graph is graph and a.i == 0 and not a.is_none


def test_empty_node_and_numpy_indices(doc):
    graph = Graph(doc)
    empty = graph.add_node(())
    assert len(empty) == 0 and empty.tokens == () and graph.has_node(())
    node = graph.add_node(numpy.array([0, 2], dtype="int32"))
    assert tuple(node) == (0, 2) and all(type(t) is int for t in node)


def test_get_node_and_has_node(srl):
    assert tuple(srl.get_node((2, 3))) == (2, 3)
    assert srl.has_node((2, 3)) and not srl.has_node((3, 2))
    assert srl.get_node((3, 2)).is_none
    assert not srl.has_node((99,))  # a lookup: can't be there, so simply absent


def test_node_equality_and_hash(srl, doc):
    assert Node(srl, 1) == srl.get_node((1,)) and hash(Node(srl, 1)) == hash(srl.get_node((1,)))
    assert Node(srl, -1) == srl.get_node((2, 3))
    assert Node(srl, 1) != Node(srl, 2)
    assert Node(srl, 0) != Node(Graph(doc, nodes=[(0,)]), 0)  # same index, other graph
    assert Node(srl, 0) != (0,)
    assert len({Node(srl, 0), srl.get_node((0,))}) == 1


# --- queries ---
def test_heads_tails_and_their_edges_in_insertion_order(srl):
    n0, n1 = Node(srl, 0), Node(srl, 1)
    assert tuples(n1.heads()) == [(0,), (2, 3)]
    assert tuples(n1.heads(label="ARG1")) == [(2, 3)]
    assert tuples(n1.heads(label=srl.doc.vocab.strings["ARG0"])) == [(0,)]
    assert tuples(n0.tails()) == [(1,), (2,), (3,)]
    assert tuples(n0.tails(label="ARG0")) == [(1,), (3,)]
    assert n0.tails(label="nope") == []
    assert [e.label_ for e in n1.headeds()] == ["ARG0", "ARG1"]
    assert [e.weight for e in n0.taileds()] == [1.0, 2.0, 3.0]
    assert [e.i for e in n0.taileds(label="ARG0")] == [0, 2]
    assert n0.headeds() == [] and n1.taileds() == []


def test_head_and_tail_by_position_and_label(srl):
    n0, n1 = Node(srl, 0), Node(srl, 1)
    assert tuple(n1.head()) == (0,)
    assert tuple(n1.head(i=1)) == (2, 3)
    assert tuple(n1.head(i=-1)) == (2, 3)
    assert tuple(n1.head(label="ARG1")) == (2, 3)
    assert tuple(n1.head(i=1, label="ARG1")) == (2, 3)
    assert n1.head(i=0, label="ARG1").is_none  # the first edge is there, but labelled ARG0
    assert n1.head(i=2).is_none and n0.head().is_none
    assert tuple(n0.tail(i=2)) == (3,)
    assert tuple(n0.tail(label="ARG1")) == (2,)
    assert n0.tail(label="ARGM").is_none
    edge = n0.tailed(i=1)
    assert (tuple(edge.head), tuple(edge.tail), edge.label_, edge.weight) == ((0,), (2,), "ARG1",
                                                                             2.0)
    assert n1.headed(label="ARG1") == Edge(srl, 3)
    assert n0.headed().is_none and isinstance(n0.headed(), NoneEdge)


def test_siblings_are_other_tails_of_the_heads(srl):
    n0, n1, n2, _, n23 = srl.nodes
    assert tuples(n1.siblings()) == [(2,), (3,)]
    assert tuples(n2.siblings()) == [(1,), (3,)]
    assert tuples(n2.siblings(label="ARG0")) == [(1,), (3,)]
    assert tuples(n1.siblings(label="ARG1")) == [(2,)]
    assert n0.siblings() == [] and n23.siblings() == []
    assert tuple(n2.sibling()) == (1,)
    assert tuple(n2.sibling(i=1)) == (3,)
    assert tuple(n2.sibling(label="ARG0")) == (1,)
    assert n2.sibling(i=0, label="ARG1").is_none
    assert n2.sibling(i=5).is_none and n0.sibling().is_none


def test_sibling_through_two_heads_is_listed_per_path(doc):
    graph = Graph(doc, nodes=[(0,), (1,), (2,), (3,)],
                  edges=[(0, 2), (0, 3), (1, 2), (1, 3)])
    assert tuples(graph.get_node((2,)).siblings()) == [(3,), (3,)]


def test_walks_on_a_tree_are_breadth_first(doc):
    graph = Graph(doc, nodes=[(0,), (1,), (2,), (3,)], edges=[(0, 1), (1, 2), (0, 3)])
    n0, _, n2, _ = graph.nodes
    assert tuples(n0.walk_tails()) == [(1,), (3,), (2,)]
    assert tuples(n2.walk_heads()) == [(1,), (0,)]
    assert tuples(n0.walk_heads()) == []


def test_self_loop_and_long_cycle_terminate(doc):
    graph = Graph(doc, nodes=[(0,), (1,), (2,), (3,)],
                  edges=[(0, 0), (0, 1), (1, 2), (2, 3), (3, 0)])
    n0 = graph.get_node((0,))
    assert tuples(n0.walk_tails()) == [(0,), (1,), (2,), (3,), (0,)]
    assert tuples(n0.walk_heads()) == [(0,), (3,), (2,), (1,), (0,)]
    walk = n0.walk_tails()
    assert next(walk) == n0  # a generator, as in spaCy


# --- edges ---
def test_add_edge_interns_labels_and_deduplicates(doc):
    graph = Graph(doc)
    edge = graph.add_edge((0,), (1, 2), label="brand-new-graph-label", weight=0.5)
    assert edge.label_ == "brand-new-graph-label"
    assert edge.label == doc.vocab.strings["brand-new-graph-label"]
    assert doc.vocab.strings[edge.label] == "brand-new-graph-label"
    assert graph.has_node((0,)) and graph.has_node((1, 2))  # the ends are added
    again = graph.add_edge((0,), (1, 2), label="brand-new-graph-label")
    assert again == edge and again.weight == 0.5  # no weight given: the old one stays
    assert graph.add_edge((0,), (1, 2), label="brand-new-graph-label", weight=2).weight == 2.0
    other = graph.add_edge((0,), (1, 2), label="other")
    assert other != edge and other.weight == 0.0
    unlabelled = graph.add_edge((1, 2), (0,))
    assert unlabelled.label == 0 and unlabelled.label_ == ""
    assert len(list(graph.edges)) == 3


def test_get_edge_and_has_edge(srl):
    edge = srl.get_edge((0,), (2,), label="ARG1")
    assert not edge.is_none and edge.i == 1 and edge.doc is srl.doc
    assert srl.get_edge(Node(srl, 0), (2,), label=srl.doc.vocab.strings["ARG1"]) == edge
    assert srl.has_edge((0,), (2,), label="ARG1")
    assert not srl.has_edge((0,), (2,), label="ARG0")
    assert not srl.has_edge((2,), (0,), label="ARG1")  # edges are directed
    assert not srl.has_edge((0,), (1, 2), label="ARG1")  # no such node
    assert srl.get_edge((0,), (2,)).is_none  # label "" by default
    assert srl.get_edge((0,), (9, 9), label="never-seen-label").is_none


def test_init_with_labels_and_weights(srl):
    assert [(e.head.i, e.tail.i, e.label_, e.weight) for e in srl.edges] == [
        (0, 1, "ARG0", 1.0), (0, 2, "ARG1", 2.0), (0, 3, "ARG0", 3.0), (4, 1, "ARG1", 4.0)]


def test_init_edges_point_into_the_nodes_list_even_with_duplicates(doc):
    graph = Graph(doc, nodes=[(0,), (0,), (1,)], edges=[(1, 2), (-1, 0)])
    assert len(list(graph.nodes)) == 2
    assert [(tuple(e.head), tuple(e.tail)) for e in graph.edges] == [((0,), (1,)), ((1,), (0,))]


# --- NoneNode / NoneEdge ---
def test_none_node_answers_every_query_emptily(srl):
    none = srl.get_node((3, 2))
    assert isinstance(none, NoneNode) and none.is_none is True and none.i == -1
    assert len(none) == 0 and list(none) == [] and none.tokens == () and not none
    assert none.head() is none and none.tail(i=3, label="ARG0") is none
    assert none.sibling().is_none
    assert none.heads() == none.tails() == none.siblings() == []
    assert none.headeds() == none.taileds() == []
    assert none.headed().is_none and none.tailed(i=0).is_none
    assert list(none.walk_heads()) == [] and list(none.walk_tails()) == []
    assert none == NoneNode(srl) and none != Node(srl, 0)
    assert none.doc is srl.doc and none.graph is srl
    with pytest.raises(IndexError, match="NoneNode"):
        none[0]


def test_none_edge_values_and_chaining(srl):
    edge = srl.get_edge((1,), (0,), label="ARG0")
    assert isinstance(edge, NoneEdge) and edge.is_none is True and edge.i == -1
    assert (edge.label, edge.label_, edge.weight) == (0, "", 0.0)
    assert edge.head.is_none and edge.tail.is_none
    assert edge.doc is srl.doc
    n0 = srl.get_node((0,))
    assert n0.head(label="ARG0").head().tail().tokens == ()


# --- bad input ---
def test_token_indices_outside_the_doc_raise(doc):
    graph = Graph(doc)
    with pytest.raises(GraphIndexError, match="outside the Doc, which has 4 tokens"):
        graph.add_node((1, 4))
    with pytest.raises(IndexError):
        graph.add_node((-1,))
    with pytest.raises(IndexError):
        graph.add_edge((0,), (7,))
    with pytest.raises(GraphError):
        graph.add_edge((1,), Node(Graph(doc, nodes=[(0,)]), 0))
    with pytest.raises(IndexError):
        Graph(doc, nodes=[(0,), (5,)])
    assert list(graph.nodes) == []


@pytest.mark.parametrize("bad", [0, "ab", b"ab", None, (1.0,), ("0",), (True,)])
def test_nodes_of_the_wrong_type_raise(doc, bad):
    graph = Graph(doc)
    with pytest.raises(GraphError, match="node|token index"):
        graph.add_node(bad)
    with pytest.raises(TypeError):
        graph.get_node(bad)


def test_nodes_of_another_graph_raise(doc, srl):
    other = Graph(doc, name="other", nodes=[(0,), (1,)])
    foreign = other.get_node((0,))
    with pytest.raises(GraphError, match="belongs to graph 'other'"):
        srl.add_edge(foreign, (1,))
    with pytest.raises(GraphError, match="belongs to graph 'other'"):
        srl.get_edge((0,), other.get_node((1,)))
    with pytest.raises(GraphError):
        srl.add_node(foreign)
    with pytest.raises(GraphError):
        srl.has_node(NoneNode(other))
    with pytest.raises(GraphError, match="NoneNode"):
        srl.add_edge(NoneNode(srl), (0,))
    assert srl.get_node(NoneNode(srl)).is_none


def test_bad_constructor_arguments_raise(doc):
    with pytest.raises(GraphError, match="needs a Doc"):
        Graph(["a", "b"])
    with pytest.raises(GraphError, match="name must be a str"):
        Graph(doc, name=3)
    with pytest.raises(ValueError, match="1 labels for 2 edges"):
        Graph(doc, nodes=[(0,), (1,)], edges=[(0, 1), (1, 0)], labels=["x"])
    with pytest.raises(ValueError, match="3 weights for 2 edges"):
        Graph(doc, nodes=[(0,), (1,)], edges=[(0, 1), (1, 0)], weights=[1, 2, 3])
    with pytest.raises(GraphIndexError, match="points at node 2, but 2 nodes"):
        Graph(doc, nodes=[(0,), (1,)], edges=[(0, 2)])
    with pytest.raises(GraphError, match=r"\(head, tail\) pair"):
        Graph(doc, nodes=[(0,), (1,)], edges=[(0, 1, 2)])
    with pytest.raises(GraphError, match=r"\(head, tail\) pair"):
        Graph(doc, nodes=[(0,), (1,)], edges=[5])
    with pytest.raises(GraphError, match="must be an int"):
        Graph(doc, nodes=[(0,), (1,)], edges=[(0, "1")])


def test_bad_labels_weights_and_positions_raise(srl):
    with pytest.raises(GraphError, match="weight must be a number"):
        srl.add_edge((0,), (1,), weight="heavy")
    with pytest.raises(GraphError, match="not in the Doc's vocab strings"):
        srl.add_edge((0,), (1,), label=123456789)
    with pytest.raises(GraphError, match="label must be an int"):
        srl.add_edge((0,), (1,), label=1.5)
    with pytest.raises(GraphError, match="label must be an int"):
        srl.get_node((0,)).tails(label=["ARG0"])
    with pytest.raises(GraphError, match="position must be an int"):
        srl.get_node((0,)).tail(i="1")
    with pytest.raises(GraphIndexError, match="Node index 5 is out of bounds"):
        Node(srl, 5)
    with pytest.raises(GraphIndexError, match="Edge index 4 is out of bounds"):
        Edge(srl, 4)
    with pytest.raises(GraphIndexError, match="the node has 1 tokens"):
        srl.get_node((0,))[1]
    with pytest.raises(GraphError, match="needs a Graph"):
        Node("srl", 0)
    with pytest.raises(GraphError, match="needs a Graph"):
        NoneEdge(None)


def test_graph_does_not_keep_its_doc_alive():
    doc = Doc(Vocab(), words=["a", "b"])
    graph = Graph(doc, nodes=[(0,), (1,)], edges=[(0, 1)], labels=["x"])
    node = graph.get_node((0,))
    del doc
    gc.collect()
    assert graph.doc is None and node.doc is None
    assert tuples(node.tails()) == [(1,)]  # structure queries still work
    assert graph.add_node((1,)) == Node(graph, 1)  # known already: no Doc needed
    with pytest.raises(GraphError, match="garbage-collected"):
        graph.add_node((0, 1))
    with pytest.raises(GraphError, match="garbage-collected"):
        graph.add_edge((1,), (0,), label="y")
    with pytest.raises(GraphError, match="garbage-collected"):
        _ = node.tokens
