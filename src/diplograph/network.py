"""query -> network page: who met whom, who went where, who took part in what, as a pyvis page.

The page is self-contained (vis-network inlined, no CDN), written as UTF-8, so it opens offline.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from diplograph.queries import load_query, rows, run_query
from diplograph.settings import Settings
from diplograph.store import Store

# class -> (shape, colour, legend label)
NODE_STYLES = {
    "Official": ("dot", "#d62728", "Official 官员"),
    "Enterprise": ("square", "#2ca02c", "Enterprise 企业"),
    "GovernmentBody": ("square", "#9467bd", "Government body 政府机构"),
    "Party": ("square", "#8c564b", "Party 政党"),
    "Association": ("square", "#bcbd22", "Association 协会"),
    "MediaOrganization": ("square", "#7f7f7f", "Media 媒体"),
    "Organization": ("square", "#17becf", "Organization 组织"),
    "Country": ("triangle", "#1f77b4", "Country 国家"),
    "Region": ("triangle", "#aec7e8", "Region 地区"),
    "Province": ("triangle", "#ff7f0e", "Province 省份"),
    "Expo": ("star", "#e377c2", "Expo 博览会"),
    "Forum": ("star", "#e377c2", "Forum 论坛"),
    "Conference": ("star", "#e377c2", "Conference 会议"),
    "SigningCeremony": ("star", "#e377c2", "Ceremony 仪式"),
    "Event": ("star", "#e377c2", "Event 活动"),
}
EDGE_COLOURS = {"met": "#d62728", "visited": "#1f77b4", "attended": "#e377c2",
                "spoke": "#e377c2", "organized": "#9467bd", "signed": "#2ca02c"}


def _local(iri: object) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def network_rows(store: Store) -> list[dict]:
    return rows(run_query(store, load_query("network-edges")))


def build_network(edge_rows: list[dict]):
    """A pyvis Network of the rows (one node per IRI, keeping the most specific class)."""
    from pyvis.network import Network

    net = Network(height="800px", width="100%", directed=False, cdn_resources="in_line",
                  notebook=False)
    seen: dict[str, str] = {}
    for row in edge_rows:
        for side in ("source", "target"):
            iri = str(row[side])
            cls = _local(row[f"{side}Type"])
            if cls not in NODE_STYLES:
                continue
            if iri not in seen or list(NODE_STYLES).index(cls) < list(NODE_STYLES).index(seen[iri]):
                seen[iri] = cls
    labels = {}
    for row in edge_rows:
        labels[str(row["source"])] = row["sourceLabel"]
        labels[str(row["target"])] = row["targetLabel"]
    for iri, cls in seen.items():
        shape, colour, legend = NODE_STYLES[cls]
        net.add_node(iri, label=html.escape(str(labels[iri])), shape=shape, color=colour,
                     title=html.escape(f"{labels[iri]} ({legend})"))
    for row in edge_rows:
        a, b = str(row["source"]), str(row["target"])
        if a not in seen or b not in seen:
            continue
        tip = " | ".join(html.escape(str(x)) for x in (row["relation"], row["date"], row["sentence"],
                                                        row["document"]) if x)
        net.add_edge(a, b, title=tip, label=row["relation"],
                     color=EDGE_COLOURS.get(row["relation"], "#999999"))
    return net


def strip_remote_assets(page: str) -> str:
    """pyvis links Bootstrap from a CDN even when vis-network is inlined; the page needs neither."""
    page = re.sub(r"<link[^>]+https?://[^>]+>", "", page)
    return re.sub(r"<script[^>]+src=\"https?://[^\"]+\"[^>]*>\s*</script>", "", page)


def write_network_page(store: Store, path: Path, settings: Settings = Settings()) -> Path:
    net = build_network(network_rows(store))
    page = strip_remote_assets(net.generate_html())
    path.write_text(page, encoding="utf-8")
    return path
