"""Graph: directed, labelled, weighted relations between groups of tokens of one Doc.

spaCy's `spacy.tokens.graph`, for annotations a dependency tree can't hold (semantic roles,
coreference, relations between multi-token arguments). A node is an ordered tuple of token
indices (possibly empty); an edge joins a head node to a tail node under a label and carries a
weight. Queries that find nothing give the graph's NoneNode / NoneEdge, which answer every
query with NoneNode, NoneEdge or an empty list, so lookups chain without None checks:
`node.head(label="ARG0").head().tokens` is () when there is no such head.

The graphs are small and built by hand or by a component once per Doc, so this is plain
Python: per node, the edges it heads and the edges it is the tail of, in insertion order, so
`heads()` / `tails()` cost the node's degree and keep the order spaCy reports.
"""
from __future__ import annotations

import numbers
import operator
import weakref
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import GraphError, GraphIndexError
from ..strings import get_string_id
from .doc import Doc

_HEAD, _TAIL, _LABEL = 0, 1, 2  # positions in a stored edge (head node, tail node, label id)


def _index(value: Any, what: str) -> int:
    """An int (numpy ints too); bools and floats are mistakes, not indices."""
    if isinstance(value, bool):
        raise GraphError(f"{what} must be an int, not a bool ({value!r}).")
    try:
        return operator.index(value)
    except TypeError:
        raise GraphError(f"{what} must be an int, not {type(value).__name__} ({value!r}).") \
            from None


def _query_label(label: Any) -> int | None:
    """The label id a query filters on: None for any label, a str's id, or an int id as is."""
    if label is None:
        return None
    if isinstance(label, str):
        return get_string_id(label)
    return _index(label, "A label")


class _GraphPart:
    """What an Edge and a Node share: a view of item `_i` of its graph's edges or nodes."""

    __slots__ = ("_graph", "_i")

    @classmethod
    def _at(cls, graph: Graph, i: int):
        part = object.__new__(cls)
        part._graph = graph
        part._i = i
        return part

    @property
    def graph(self) -> Graph:
        return self._graph

    @property
    def i(self) -> int:
        """The position in graph.edges / graph.nodes (-1 for the NoneEdge / NoneNode)."""
        return self._i

    @property
    def is_none(self) -> bool:
        """Whether this is the NoneEdge / NoneNode, the answer of a query with no match."""
        return False

    @property
    def doc(self) -> Doc | None:
        """The Doc the graph refers to."""
        return self._graph.doc


class Edge(_GraphPart):
    """A reference to one edge of a Graph: (head node, tail node, label) plus a weight.

    Edges are usually returned by the Graph or by Node queries rather than made directly.
    """

    __slots__ = ()

    def __init__(self, graph: Graph, i: int):
        if not isinstance(graph, Graph):
            raise GraphError(f"Edge needs a Graph, not {type(graph).__name__}.")
        i = _index(i, "An edge index")
        n = len(graph._edges)
        if not -n <= i < n:
            raise GraphIndexError(f"Edge index {i} is out of bounds: the graph has {n} edges.")
        self._graph = graph
        self._i = i % n


    @property
    def head(self) -> Node:
        return Node._at(self._graph, self._graph._edges[self._i][_HEAD])

    @property
    def tail(self) -> Node:
        return Node._at(self._graph, self._graph._edges[self._i][_TAIL])

    @property
    def label(self) -> int:
        """The label's id in the Doc's vocab strings (0 for the empty label)."""
        return self._graph._edges[self._i][_LABEL]

    @property
    def label_(self) -> str:
        return self._graph._live_doc().vocab.strings[self.label]

    @property
    def weight(self) -> float:
        return self._graph._weights[self._i]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Edge):
            return NotImplemented
        return self._graph is other._graph and self._i == other._i

    def __hash__(self) -> int:
        return hash((id(self._graph), self._i))

    def __repr__(self) -> str:
        return f"<Edge {self._i} of graph {self._graph.name!r}: {tuple(self.head)} -> " \
               f"{tuple(self.tail)}, label {self.label}, weight {self.weight}>"


class NoneEdge(Edge):
    """The Edge that stands for 'no match': its head and tail are the NoneNode, its label 0
    (""), its weight 0.0, so code can follow it without checking first."""

    __slots__ = ()

    def __init__(self, graph: Graph):
        if not isinstance(graph, Graph):
            raise GraphError(f"NoneEdge needs a Graph, not {type(graph).__name__}.")
        self._graph = graph
        self._i = -1

    @property
    def is_none(self) -> bool:
        return True

    @property
    def head(self) -> NoneNode:
        return NoneNode(self._graph)

    @property
    def tail(self) -> NoneNode:
        return NoneNode(self._graph)

    @property
    def label(self) -> int:
        return 0

    @property
    def label_(self) -> str:
        return ""

    @property
    def weight(self) -> float:
        return 0.0

    def __repr__(self) -> str:
        return f"<NoneEdge of graph {self._graph.name!r}>"


class Node(_GraphPart):
    """A reference to one node of a Graph: an ordered tuple of zero or more token indices.

    Node references are usually made by the Graph or by Edge and Node queries. In the query
    methods, `head*` names look up along the edges this node is the *tail* of (towards its
    heads) and `tail*` names along the edges it *heads* (towards its tails), as in spaCy.
    """

    __slots__ = ()

    def __init__(self, graph: Graph, i: int):
        if not isinstance(graph, Graph):
            raise GraphError(f"Node needs a Graph, not {type(graph).__name__}.")
        i = _index(i, "A node index")
        n = len(graph._nodes)
        if not -n <= i < n:
            raise GraphIndexError(f"Node index {i} is out of bounds: the graph has {n} nodes.")
        self._graph = graph
        self._i = i % n


    # What the NoneNode overrides: its key and its edges are empty, so every query is empty.
    def _key(self) -> tuple[int, ...]:
        return self._graph._nodes[self._i]

    def _head_edges(self) -> list[int]:
        """Ids of the edges this node is the tail of, in insertion order."""
        return self._graph._edges_in[self._i]

    def _tail_edges(self) -> list[int]:
        """Ids of the edges this node is the head of, in insertion order."""
        return self._graph._edges_out[self._i]

    @property
    def tokens(self) -> tuple:
        """The Tokens that make up the node, in the node's order."""
        doc = self._graph._live_doc()
        return tuple(doc[t] for t in self._key())

    def __iter__(self) -> Iterator[int]:
        return iter(self._key())

    def __len__(self) -> int:
        """The number of tokens in the node."""
        return len(self._key())

    def __getitem__(self, i: int) -> int:
        """The node's i-th token index."""
        key = self._key()
        i = _index(i, "A token position")
        if not -len(key) <= i < len(key):
            raise GraphIndexError(f"Token position {i} is out of bounds: the node has "
                                  f"{len(key)} tokens.")
        return key[i]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Node):
            return NotImplemented
        return self._graph is other._graph and self._i == other._i

    def __hash__(self) -> int:
        return hash((id(self._graph), self._i))

    def __repr__(self) -> str:
        return f"<Node {self._i} of graph {self._graph.name!r}: {self._key()}>"

    # --- single answers: the first match, or the NoneNode / NoneEdge ---
    def head(self, i: int | None = None, label: Any = None) -> Node:
        """The head of the first matching edge this node is the tail of: `head(i=1)` is the
        head of the second such edge, `head(i=1, label="ARG0")` that too, if that edge is
        labelled ARG0; `head(label="ARG0")` the first ARG0 head. The NoneNode if none."""
        return self.headed(i=i, label=label).head

    def tail(self, i: int | None = None, label: Any = None) -> Node:
        """The tail of the first matching edge this node heads (see head). The NoneNode if
        none."""
        return self.tailed(i=i, label=label).tail

    def headed(self, i: int | None = None, label: Any = None) -> Edge:
        """The first matching edge this node is the tail of, by position, label, both or
        neither (see head). The NoneEdge if none."""
        return self._pick(self._head_edges(), i, label)

    def tailed(self, i: int | None = None, label: Any = None) -> Edge:
        """The first matching edge this node heads (see head). The NoneEdge if none."""
        return self._pick(self._tail_edges(), i, label)

    def sibling(self, i: int | None = None, label: Any = None) -> Node:
        """The first matching sibling (see siblings). With i, the tail of the i-th edge that
        leads from one of this node's heads to another node, if its label matches. The
        NoneNode if none."""
        if i is None:
            found = self.siblings(label=label)
            return found[0] if found else NoneNode(self._graph)
        return self._pick(self._sibling_edges(), i, label).tail

    # --- all answers, as lists ---
    def heads(self, label: Any = None) -> list[Node]:
        """The heads of the edges this node is the tail of (one per edge, in edge order)."""
        return [edge.head for edge in self.headeds(label)]

    def tails(self, label: Any = None) -> list[Node]:
        """The tails of the edges this node heads (one per edge, in edge order)."""
        return [edge.tail for edge in self.taileds(label)]

    def headeds(self, label: Any = None) -> list[Edge]:
        """The edges this node is the tail of, optionally only those with a label."""
        return self._filter(self._head_edges(), label)

    def taileds(self, label: Any = None) -> list[Edge]:
        """The edges this node heads, optionally only those with a label."""
        return self._filter(self._tail_edges(), label)

    def siblings(self, label: Any = None) -> list[Node]:
        """The other tails of this node's heads. One entry per path head -> sibling, so a
        node reached through two heads is listed twice; label filters on the head -> sibling
        edge."""
        return [edge.tail for edge in self._filter(self._sibling_edges(), label)]

    def walk_heads(self) -> Iterator[Node]:
        """Heads, then their heads, breadth first. Each node's heads are expanded once, so a
        cycle ends the walk; a node reached again is still reported (a node on a cycle is
        reported when the walk comes back to it), as spaCy does."""
        yield from self._walk(_HEAD, "_edges_in")

    def walk_tails(self) -> Iterator[Node]:
        """Tails, then their tails, breadth first; cycles end the walk (see walk_heads)."""
        yield from self._walk(_TAIL, "_edges_out")

    # --- helpers ---
    def _sibling_edges(self) -> list[int]:
        graph = self._graph
        found = []
        for up in self._head_edges():
            head = graph._edges[up][_HEAD]
            found.extend(e for e in graph._edges_out[head] if graph._edges[e][_TAIL] != self._i)
        return found

    def _filter(self, edge_ids: list[int], label: Any) -> list[Edge]:
        graph = self._graph
        wanted = _query_label(label)
        return [Edge._at(graph, e) for e in edge_ids
                if wanted is None or graph._edges[e][_LABEL] == wanted]

    def _pick(self, edge_ids: list[int], i: int | None, label: Any) -> Edge:
        graph = self._graph
        wanted = _query_label(label)
        if i is None:
            for e in edge_ids:
                if wanted is None or graph._edges[e][_LABEL] == wanted:
                    return Edge._at(graph, e)
            return NoneEdge(graph)
        i = _index(i, "An edge position")
        if not -len(edge_ids) <= i < len(edge_ids):
            return NoneEdge(graph)
        e = edge_ids[i]
        if wanted is not None and graph._edges[e][_LABEL] != wanted:
            return NoneEdge(graph)
        return Edge._at(graph, e)

    def _walk(self, end: int, adjacency: str) -> list[Node]:
        graph = self._graph
        edges, by_node = graph._edges, getattr(graph, adjacency)
        if self._i < 0:
            return []
        order = [edges[e][end] for e in by_node[self._i]]
        expanded = {self._i}
        k = 0
        while k < len(order):  # grows by at most every edge once: each node expands once
            node = order[k]
            if node not in expanded:
                expanded.add(node)
                order.extend(edges[e][end] for e in by_node[node])
            k += 1
        return [Node._at(graph, n) for n in order]


class NoneNode(Node):
    """The Node that stands for 'no match': no tokens, and every query on it gives the
    NoneNode, the NoneEdge or an empty list."""

    __slots__ = ()

    def __init__(self, graph: Graph):
        if not isinstance(graph, Graph):
            raise GraphError(f"NoneNode needs a Graph, not {type(graph).__name__}.")
        self._graph = graph
        self._i = -1

    def _key(self) -> tuple[int, ...]:
        return ()

    def _head_edges(self) -> list[int]:
        return []

    def _tail_edges(self) -> list[int]:
        return []

    @property
    def is_none(self) -> bool:
        return True

    def __getitem__(self, i: int) -> int:
        raise GraphIndexError("A NoneNode has no tokens to index: it is the answer to a graph "
                              "query that found nothing (check node.is_none first).")

    def head(self, i: int | None = None, label: Any = None) -> NoneNode:
        return self

    def tail(self, i: int | None = None, label: Any = None) -> NoneNode:
        return self

    def __repr__(self) -> str:
        return f"<NoneNode of graph {self._graph.name!r}>"


class Graph:
    """A set of directed, labelled, weighted relations between groups of tokens of a Doc.

        graph = Graph(doc, name="srl", nodes=[(0,), (1, 3), ()], edges=[(2, 0), (0, 1)],
                      labels=["sense 1675", "agent"], weights=[-42.6, -1.7])
        assert graph.has_node((0,)) and graph.has_edge((0,), (1, 3), label="agent")

    Nodes and edges are unique: adding one that exists returns it. Labels are interned in
    the Doc's vocab strings (edge.label is the id, edge.label_ the text). The graph holds its
    Doc weakly, as spaCy's does, so it doesn't keep a Doc alive.
    """

    __slots__ = ("__weakref__", "_doc_ref", "_edge_ids", "_edges", "_edges_in", "_edges_out",
                 "_name", "_node_ids", "_nodes", "_weights")

    def __init__(self, doc: Doc, *, name: str = "", nodes: Iterable = (), edges: Iterable = (),
                 labels: Iterable[str] | None = None, weights: Iterable[float] | None = None):
        """doc: the Doc the token indices refer to. name: a name to tell graphs apart.
        nodes: token-index tuples to add. edges: (head, tail) pairs of positions in `nodes`.
        labels, weights: one per edge, or None for "" and 0.0."""
        if not isinstance(doc, Doc):
            raise GraphError(f"Graph needs a Doc, not {type(doc).__name__}.")
        self._doc_ref = weakref.ref(doc)
        self._nodes: list[tuple[int, ...]] = []
        self._node_ids: dict[tuple[int, ...], int] = {}
        self._edges: list[tuple[int, int, int]] = []
        self._edge_ids: dict[tuple[int, int, int], int] = {}
        self._weights: list[float] = []
        self._edges_in: list[list[int]] = []
        self._edges_out: list[list[int]] = []
        self.name = name
        added = [self.add_node(node) for node in nodes]
        pairs = list(edges)
        labels = [""] * len(pairs) if labels is None else list(labels)
        weights = [0.0] * len(pairs) if weights is None else list(weights)
        for what, values in (("labels", labels), ("weights", weights)):
            if len(values) != len(pairs):
                raise GraphError(f"Graph {name!r}: {len(values)} {what} for {len(pairs)} edges; "
                                 f"give one per edge, or None.")
        for n, (pair, label, weight) in enumerate(zip(pairs, labels, weights)):
            if not isinstance(pair, (str, bytes)) and isinstance(pair, Iterable):
                pair = tuple(pair)
            if not isinstance(pair, tuple) or len(pair) != 2:
                raise GraphError(f"Graph {name!r}: edge {n} is {pair!r}; an edge is a (head, "
                                 f"tail) pair of positions in `nodes`.")
            ends = []
            for end in pair:
                position = _index(end, f"Edge {n}'s node position")
                if not -len(added) <= position < len(added):
                    raise GraphIndexError(f"Graph {name!r}: edge {n} {pair!r} points at node "
                                          f"{position}, but {len(added)} nodes were given.")
                ends.append(added[position])
            self.add_edge(ends[0], ends[1], label=label, weight=weight)

    @property
    def doc(self) -> Doc | None:
        """The Doc the graph refers to (None once that Doc is garbage-collected)."""
        return self._doc_ref()

    @property
    def name(self) -> str:
        return self._name

    @name.setter
    def name(self, value: str) -> None:
        if not isinstance(value, str):
            raise GraphError(f"A graph's name must be a str, not {type(value).__name__}.")
        self._name = value

    @property
    def nodes(self) -> Iterator[Node]:
        """The nodes, in the order they were added."""
        for i in range(len(self._nodes)):
            yield Node._at(self, i)

    @property
    def edges(self) -> Iterator[Edge]:
        """The edges, in the order they were added."""
        for i in range(len(self._edges)):
            yield Edge._at(self, i)

    def __repr__(self) -> str:
        return f"<Graph {self._name!r}: {len(self._nodes)} nodes, {len(self._edges)} edges>"

    # --- nodes ---
    def add_node(self, indices: Iterable[int] | Node) -> Node:
        """The node for these token indices, added if new (adding twice is a no-op)."""
        if isinstance(indices, Node):
            self._node_index(indices, adding=True)  # checks it is one of ours, not the NoneNode
            return indices
        key = self._new_key(indices)
        i = self._node_ids.get(key)
        if i is not None:
            return Node._at(self, i)
        i = len(self._nodes)
        self._nodes.append(key)
        self._node_ids[key] = i
        self._edges_in.append([])
        self._edges_out.append([])
        return Node._at(self, i)

    def get_node(self, indices: Iterable[int] | Node) -> Node:
        """The node for these token indices, or the NoneNode if the graph has none."""
        i = self._node_index(indices, adding=False)
        if isinstance(indices, Node):
            return indices
        return Node._at(self, i) if i >= 0 else NoneNode(self)

    def has_node(self, indices: Iterable[int] | Node) -> bool:
        """Whether the graph has a node for these token indices."""
        return self._node_index(indices, adding=False) >= 0

    # --- edges ---
    def add_edge(self, head: Iterable[int] | Node, tail: Iterable[int] | Node, *,
                 label: str | int = "", weight: float | None = None) -> Edge:
        """The edge head -> tail with this label, added (with its nodes) if new. For an
        existing edge, a weight that is given replaces the old one."""
        if weight is not None and (isinstance(weight, (str, bytes))
                                   or not isinstance(weight, numbers.Real)):
            raise GraphError(f"An edge weight must be a number, not {type(weight).__name__}.")
        # Check both ends before adding either, so a bad tail leaves no stray head node.
        head, tail = (end if isinstance(end, Node) else self._new_key(end) for end in (head, tail))
        for end in (head, tail):
            if isinstance(end, Node):
                self._node_index(end, adding=True)
        label_id = self._intern_label(label)
        key = (self.add_node(head)._i, self.add_node(tail)._i, label_id)
        i = self._edge_ids.get(key)
        if i is not None:
            if weight is not None:
                self._weights[i] = float(weight)
            return Edge._at(self, i)
        i = len(self._edges)
        self._edges.append(key)
        self._edge_ids[key] = i
        self._weights.append(0.0 if weight is None else float(weight))
        self._edges_out[key[_HEAD]].append(i)
        self._edges_in[key[_TAIL]].append(i)
        return Edge._at(self, i)

    def get_edge(self, head: Iterable[int] | Node, tail: Iterable[int] | Node, *,
                 label: str | int = "") -> Edge:
        """The edge head -> tail with this label, or the NoneEdge if the graph has none."""
        label_id = _query_label(label)
        h = self._node_index(head, adding=False)
        t = self._node_index(tail, adding=False)
        i = self._edge_ids.get((h, t, label_id), -1) if h >= 0 and t >= 0 else -1
        return Edge._at(self, i) if i >= 0 else NoneEdge(self)

    def has_edge(self, head: Iterable[int] | Node, tail: Iterable[int] | Node,
                 label: str | int = "") -> bool:
        """Whether the graph has the edge head -> tail with this label."""
        return not self.get_edge(head, tail, label=label).is_none

    # --- helpers ---
    def _live_doc(self) -> Doc:
        doc = self._doc_ref()
        if doc is None:
            raise GraphError(f"Graph {self._name!r}: its Doc has been garbage-collected (a "
                             f"graph refers to its Doc weakly); keep a reference to the Doc "
                             f"while you use the graph.")
        return doc

    def _intern_label(self, label: Any) -> int:
        strings = self._live_doc().vocab.strings
        if isinstance(label, str):
            return strings.add(label)
        label_id = _index(label, "An edge label")
        if label_id != 0 and label_id not in strings:
            raise GraphError(f"Edge label id {label_id} is not in the Doc's vocab strings; "
                             f"pass the label text, or add it with vocab.strings.add(text).")
        return label_id

    def _key_of(self, indices: Any) -> tuple[int, ...]:
        if isinstance(indices, (str, bytes)) or not isinstance(indices, Iterable):
            raise GraphError(f"A graph node is a tuple of token indices (or a Node of the "
                             f"graph), not {type(indices).__name__} ({indices!r}).")
        return tuple(_index(t, "A token index in a node") for t in indices)

    def _new_key(self, indices: Any) -> tuple[int, ...]:
        """A node key that may be added: known already, or all its tokens inside the Doc."""
        key = self._key_of(indices)
        if key not in self._node_ids:
            n_tokens = len(self._live_doc())
            for t in key:
                if not 0 <= t < n_tokens:
                    raise GraphIndexError(f"Graph {self._name!r}: token index {t} in node "
                                          f"{key} is outside the Doc, which has {n_tokens} "
                                          f"tokens.")
        return key

    def _node_index(self, indices: Any, *, adding: bool) -> int:
        """The node's position, or -1 if the graph has no such node (or it is a NoneNode)."""
        if isinstance(indices, Node):
            if indices._graph is not self:
                raise GraphError(f"That node belongs to graph {indices._graph.name!r}, not to "
                                 f"graph {self._name!r}; pass its token indices, "
                                 f"tuple(node), instead.")
            if indices.is_none and adding:
                raise GraphError(f"Graph {self._name!r}: can't add the NoneNode (a query that "
                                 f"found nothing) as a node or edge end.")
            return indices._i
        return self._node_ids.get(self._key_of(indices), -1)
