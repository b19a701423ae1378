"""query -> overview: the whole graph at a glance (counts, exchanges by country and year, central
officials and countries, data quality), as rows and figures for notebooks/overview.ipynb."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from rdflib import Literal
from rdflib.namespace import XSD

from diplograph.network import CLASS_KINDS, read_network
from diplograph.queries import load_query, rows, run_query
from diplograph.report import _figure, _local
from diplograph.store import Store

# the extractor gives most facts 0.8; below that it was guessing
LOW_CONFIDENCE = Decimal("0.8")


def class_counts(store: Store) -> list[dict]:
    """Instances per ontology class found in the documents (reference data left out)."""
    return rows(run_query(store, load_query("report-class-counts")))


def exchanges_by_country_year(store: Store) -> list[dict]:
    """Rows of (code, label, year, exchanges): dated exchanges involving each country/province."""
    return rows(run_query(store, load_query("report-exchanges-by-country-year")))


def heatmap_figure(records: list[dict], top: int = 20):
    """Exchanges per country (rows, busiest first) and year (columns)."""
    import numpy as np

    fig = _figure(8, 1.2 + 0.32 * min(top, len({r["code"] for r in records}) or 1))
    ax = fig.add_subplot()
    if not records:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "no dated exchanges", ha="center", va="center")
        return fig
    totals: dict[str, int] = {}
    for r in records:
        totals[r["code"]] = totals.get(r["code"], 0) + int(r["exchanges"])
    codes = sorted(totals, key=lambda c: (-totals[c], c))[:top]
    known = [int(r["year"]) for r in records]
    years = list(range(min(known), max(known) + 1))
    grid = np.zeros((len(codes), len(years)), dtype=int)
    labels = {}
    for r in records:
        if r["code"] in codes:
            grid[codes.index(r["code"]), years.index(int(r["year"]))] = int(r["exchanges"])
            labels[r["code"]] = r["label"] or r["code"]
    image = ax.imshow(grid, aspect="auto", cmap="Blues")
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.set_yticks(range(len(codes)), [f"{labels[c]} {c}" for c in codes])
    for (i, j), n in np.ndenumerate(grid):
        if n:
            ax.text(j, i, str(n), ha="center", va="center",
                    color="white" if n > grid.max() / 2 else "black", fontsize=8)
    fig.colorbar(image, ax=ax, label="exchanges")
    ax.set_title("Exchanges per country and year")
    return fig


def network_graph(store: Store):
    """The network page's graph (met, visited, attended ...) as networkx; nodes have label, kind."""
    import networkx as nx

    network = read_network(store)
    g = nx.Graph()
    for node in network.nodes.values():
        g.add_node(node.id, label=node.label, kind=node.kind)
    for edge in network.edges:
        g.add_edge(edge.source, edge.target, relation=edge.relation)
    return g


def most_central(store: Store, classes: tuple[str, ...], top: int = 10) -> list[dict]:
    """Nodes of the given classes (e.g. ("Official",)) ranked by degree, with betweenness."""
    import networkx as nx

    kinds = {CLASS_KINDS.get(c, c.lower()) for c in classes}
    g = network_graph(store)
    if not g:
        return []
    betweenness = nx.betweenness_centrality(g)
    ranked = [{"name": g.nodes[n]["label"], "kind": g.nodes[n]["kind"], "degree": g.degree(n),
               "betweenness": round(betweenness[n], 4)}
              for n in g if g.nodes[n]["kind"] in kinds]
    ranked.sort(key=lambda r: (-r["degree"], -r["betweenness"], r["name"]))
    return ranked[:top]


def low_confidence_facts(store: Store, threshold: Decimal | float = LOW_CONFIDENCE) -> list[dict]:
    """Facts whose evidence has confidence below `threshold`, with rule, sentence and document."""
    bound = Literal(str(threshold), datatype=XSD.decimal)
    found = rows(run_query(store, load_query("report-low-confidence"), {"threshold": bound}))
    for r in found:
        r.pop("threshold", None)
    return found


def shacl_violations(store: Store) -> tuple[bool, list[dict]]:
    """(available, violations): the SHACL violations of the store's data."""
    from diplograph.validate import validate

    return True, [_as_dict(v) for v in validate(store).violations]


def _as_dict(item: object) -> dict:
    if isinstance(item, dict):
        return item
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dataclasses.asdict(item)
    if hasattr(item, "_asdict"):
        return item._asdict()
    return {"violation": str(item)}


def shacl_panel_html(store: Store) -> str:
    """The SHACL part of the data-quality panel: the violations, or why there are none to show."""
    from diplograph.report import table_html

    available, violations = shacl_violations(store)
    if not available:
        return ('<p class="note">SHACL validation is not part of this version of diplograph '
                "(no diplograph.validate.validate_store).</p>")
    return table_html(violations, empty="No SHACL violations: every fact fits the shapes.")
