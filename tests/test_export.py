"""`diplograph export`: RDF dumps keep every triple; the network files open in networkx."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pytest
from rdflib import Dataset, Graph

from diplograph.cli import main
from diplograph.export import export
from diplograph.store import open_store
from sample_store import build_sample

CHEN = "https://w3id.org/diplograph/id/person/HK/陈国基"
MAO = "https://w3id.org/diplograph/id/person/CN/毛伟明"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with open_store(build_sample(tmp_path_factory.mktemp("zh"))) as s:
        yield s


@pytest.mark.parametrize("fmt,parser", [("trig", "trig"), ("nquads", "nquads"),
                                        ("jsonld", "json-ld")])
def test_dataset_round_trip(store, fmt, parser):
    ds = Dataset()
    ds.parse(data=export(store, fmt), format=parser)
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert set(store.graph_names()) <= names
    assert sum(len(ds.graph(n)) for n in store.graph_names()) == len(store)


def test_turtle_merges_graphs(store):
    g = Graph().parse(data=export(store, "turtle"), format="turtle")
    assert len(g) <= len(store) and len(g) > len(store) // 2


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_files_open_in_networkx(store, tmp_path, fmt, reader):
    path = tmp_path / f"net.{fmt}"
    path.write_bytes(export(store, fmt))
    net = reader(path)
    assert net.has_edge(MAO, CHEN)
    labels = nx.get_node_attributes(net, "label")
    assert labels[CHEN] == "陈国基" and labels[MAO] == "毛伟明"
    assert nx.get_node_attributes(net, "country")[CHEN] == "HK"


def test_csv_edge_list_and_cli(store, tmp_path, capsys):
    records = list(csv.DictReader(io.StringIO(export(store, "csv").decode("utf-8"))))
    pair = [r for r in records if {r["sourceLabel"], r["targetLabel"]} == {"毛伟明", "陈国基"}]
    assert pair and pair[0]["weight"] == "1" and pair[0]["first"] == "2025-05-12"
    out = tmp_path / "x.gexf"
    store.close()  # the CLI opens the folder itself
    assert main(["export", "--store", store.location, "--format", "gexf", "--output", str(out)]) == 0
    assert nx.read_gexf(out).has_edge(MAO, CHEN)
