"""The ontology (ontology/diplograph.ttl) and SHACL shapes, loaded from the project's Turtle."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from diplograph.resources import data_dir
from diplograph.vocabulary import ONTOLOGY_GRAPH, bind_prefixes


def ontology_path() -> Path:
    return data_dir("ontology") / "diplograph.ttl"


def shapes_path() -> Path:
    return data_dir("ontology") / "shapes.ttl"


def ontology_graph() -> Graph:
    """The ontology as a graph named ONTOLOGY_GRAPH, ready to sit beside the data in a store."""
    g = Graph(identifier=ONTOLOGY_GRAPH)
    bind_prefixes(g)
    g.parse(ontology_path(), format="turtle")
    return g


def shapes_graph() -> Graph:
    """The SHACL shapes every build is validated against."""
    g = Graph()
    bind_prefixes(g)
    g.parse(shapes_path(), format="turtle")
    return g
