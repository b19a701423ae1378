"""store -> files: the whole dataset as TriG, N-Quads, Turtle or JSON-LD, and the who-met-whom
network as GraphML, GEXF (for Gephi and networkx) or a CSV edge list.
"""

from __future__ import annotations

import csv
import io

from rdflib import Dataset, Graph

from diplograph.errors import DiplographError
from diplograph.queries import load_query, rows, run_query
from diplograph.store import Store
from diplograph.vocabulary import bind_prefixes

RDF_FORMATS = {"trig": "trig", "nquads": "nquads", "turtle": "turtle", "jsonld": "json-ld"}
NETWORK_FORMATS = ("graphml", "gexf", "csv")
FORMATS = tuple(RDF_FORMATS) + NETWORK_FORMATS
SUFFIXES = {"trig": ".trig", "nquads": ".nq", "turtle": ".ttl", "jsonld": ".jsonld",
            "graphml": ".graphml", "gexf": ".gexf", "csv": ".csv"}


def dataset(store: Store) -> Dataset:
    """Every named graph of the store, in an in-memory rdflib Dataset."""
    ds = Dataset()
    bind_prefixes(ds)
    for name in store.graph_names():
        target = ds.graph(name)
        for triple in store.graph(name):
            target.add(triple)
    return ds


def meeting_network(store: Store):
    """Who met whom: a networkx Graph, one node per person or organization, one edge per pair,
    weighted by the number of meetings (with first and last date and the meeting IRIs)."""
    import networkx as nx

    net = nx.Graph(name="diplograph who-met-whom")
    country = {str(r["official"]): r["country"]
               for r in rows(run_query(store, load_query("facts-officials")))}
    country.update({str(r["organization"]): r["country"]
                    for r in rows(run_query(store, load_query("facts-organizations")))})
    for row in rows(run_query(store, load_query("who-met-whom"))):
        a, b = str(row["person"]), str(row["other"])
        for node, name in ((a, row["personName"]), (b, row["otherName"])):
            if node not in net:
                net.add_node(node, label=str(name), country=str(country.get(node) or ""))
        date = "" if row["start"] is None else str(row["start"])
        if net.has_edge(a, b):
            edge = net.edges[a, b]
            edge["weight"] += 1
            edge["meetings"] += "|" + str(row["meeting"])
            dates = [d for d in (edge["first"], edge["last"], date) if d]
            edge["first"], edge["last"] = (min(dates), max(dates)) if dates else ("", "")
        else:
            net.add_edge(a, b, weight=1, first=date, last=date, meetings=str(row["meeting"]))
    return net


def export(store: Store, fmt: str) -> bytes:
    """The store in `fmt` (one of FORMATS), as bytes ready to write."""
    if fmt in RDF_FORMATS:
        if fmt == "turtle":
            union = Graph()
            bind_prefixes(union)
            for name in store.graph_names():
                union += store.graph(name)
            return union.serialize(format="turtle", encoding="utf-8")
        return dataset(store).serialize(format=RDF_FORMATS[fmt], encoding="utf-8")
    if fmt not in NETWORK_FORMATS:
        raise DiplographError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    import networkx as nx

    net = meeting_network(store)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["source", "sourceLabel", "target", "targetLabel", "weight", "first",
                         "last", "meetings"])
        for a, b, data in sorted(net.edges(data=True)):
            writer.writerow([a, net.nodes[a]["label"], b, net.nodes[b]["label"], data["weight"],
                             data["first"], data["last"], data["meetings"]])
        return out.getvalue().encode("utf-8")
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(net, buffer, encoding="utf-8")
    else:
        nx.write_gexf(net, buffer, encoding="utf-8")
    return buffer.getvalue()
