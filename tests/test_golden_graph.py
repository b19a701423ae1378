"""The graph of one example document is exactly the reviewed golden graph (up to blank nodes)."""

from __future__ import annotations

from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from golden_graphs import GOLDEN_GRAPH, document_graph_of_golden_document


def test_example_document_graph_matches_the_golden_graph():
    produced = document_graph_of_golden_document()
    expected = Graph().parse(GOLDEN_GRAPH, format="nt")
    if not isomorphic(produced, expected):
        _, only_expected, only_produced = graph_diff(to_isomorphic(expected), to_isomorphic(produced))
        missing = "\n".join(sorted(" ".join(x.n3() for x in tr) for tr in only_expected))
        extra = "\n".join(sorted(" ".join(x.n3() for x in tr) for tr in only_produced))
        raise AssertionError(f"graph differs from {GOLDEN_GRAPH.name}\n--- missing:\n{missing}\n"
                             f"+++ extra:\n{extra}\n(regenerate with tests/golden_graphs.py if intended)")


def test_building_the_same_document_twice_gives_the_same_graph():
    assert isomorphic(document_graph_of_golden_document(), document_graph_of_golden_document())
