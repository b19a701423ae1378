"""query -> network page: who met whom, where and when, as a self-contained pyvis page.

The rows of queries/network-nodes.rq and network-edges.rq become a `Network` (plain data that tests
can inspect), which can be filtered (years, countries, node kinds, an ego view) and rendered as one
HTML file that works from file:// with no network: vis-network inlined, nothing linked from a CDN,
every name and sentence passed as escaped JSON and put on the page as text, never as markup.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from diplograph.errors import DiplographError
from diplograph.queries import load_query, rows, run_query
from diplograph.settings import Settings
from diplograph.store import Store

# kind -> shape, colour, legend (Okabe-Ito colours: distinguishable with colour-blindness)
KINDS: dict[str, tuple[str, str, str]] = {
    "official": ("dot", "#D55E00", "官员 Official"),
    "delegation": ("diamond", "#E69F00", "代表团 Delegation"),
    "country": ("triangle", "#0072B2", "国家/地区 Country or region"),
    "place": ("triangleDown", "#56B4E9", "省市 Province, city, place"),
    "event": ("star", "#CC79A7", "活动 Event"),
    "agreement": ("square", "#009E73", "协议 Agreement"),
    "enterprise": ("hexagon", "#8C6D00", "企业 Enterprise"),
    "organization": ("dot", "#6A3D9A", "机构 Other organization"),
}
# rdf:type (local name) -> kind; earlier classes win when a node has several
CLASS_KINDS: dict[str, str] = {
    "Official": "official",
    "Delegation": "delegation",
    "Agreement": "agreement",
    "Expo": "event", "Forum": "event", "Conference": "event", "SigningCeremony": "event",
    "Event": "event",
    "Enterprise": "enterprise",
    "GovernmentBody": "organization", "Party": "organization", "Association": "organization",
    "MediaOrganization": "organization", "Organization": "organization",
    "Country": "country", "Region": "country",
    "Province": "place", "City": "place", "Place": "place",
}
# relation -> legend, colour, dashed, arrow from source to target
RELATIONS: dict[str, tuple[str, str, bool, bool]] = {
    "met": ("会见 met", "#D55E00", False, False),
    "led": ("率团 led", "#E69F00", False, True),
    "visited": ("访问 visited", "#0072B2", False, True),
    "attended": ("出席 attended", "#CC79A7", False, True),
    "spoke": ("致辞 spoke at", "#CC79A7", False, True),
    "organized": ("主办 organized", "#6A3D9A", False, True),
    "signed": ("签署 signed", "#009E73", False, True),
    "signed-at": ("签署于 signed at", "#009E73", True, True),
    "during-visit": ("访问期间 signed during", "#009E73", True, True),
    "holds-post": ("任职 holds post in", "#999999", True, True),
    "held-in": ("举办地 held in", "#56B4E9", True, True),
}
# above this many nodes the page gets positions computed here and starts with physics off
LAYOUT_THRESHOLD = 300


class NetworkError(DiplographError):
    """A network view that cannot be made: an unknown focus name, or too many nodes."""


@dataclass(frozen=True)
class Source:
    sentence: str
    document: str | None = None  # the document's title
    location: str | None = None  # where the document was read from (URL or file)


@dataclass
class Node:
    id: str  # the IRI
    label: str
    kind: str
    hover: str = ""  # pinyin or English name
    countries: tuple[str, ...] = ()  # ISO codes of its country and of the places it lies in
    exchanges: int = 0  # number of edges (facts) it takes part in


@dataclass
class Edge:
    id: str
    source: str
    target: str
    relation: str
    fact: str
    start: str | None = None
    end: str | None = None
    place: str | None = None
    detail: str | None = None
    sources: list[Source] = field(default_factory=list)

    @property
    def year(self) -> int | None:
        return int(self.start[:4]) if self.start else None


@dataclass
class Network:
    nodes: dict[str, Node]
    edges: list[Edge]
    country_names: dict[str, str] = field(default_factory=dict)  # ISO code -> Chinese name
    total_nodes: int = 0  # nodes before any filter or cap
    note: str = ""  # said on the page, e.g. why it shows fewer nodes than the store has

    def years(self) -> list[int]:
        return sorted({e.year for e in self.edges if e.year is not None})


@dataclass(frozen=True)
class NetworkFilter:
    """What to keep: an ego view around `focus`, a year range, countries, node kinds."""

    focus: str | None = None  # a node's label, pinyin or IRI
    hops: int = 1
    year_from: int | None = None
    year_to: int | None = None
    countries: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return self == NetworkFilter(hops=self.hops)


# ---- rows -> network ----------------------------------------------------------------------------
def _local(iri: object) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def _text(value: object) -> str | None:
    return None if value is None else str(value)


@cache
def _pinyin_module():
    import pypinyin  # loads its dictionaries: only when a page is made

    return pypinyin


def hover_name(label: str, english: str | None = None) -> str:
    """The name a reader who does not read Chinese can say: the English name, else pinyin."""
    if english:
        return english
    if not re.search(r"[\u4e00-\u9fff]", label):
        return ""
    pypinyin = _pinyin_module()
    syllables = pypinyin.lazy_pinyin(label, style=pypinyin.Style.TONE, errors="default")
    return " ".join(s.strip()[:1].upper() + s.strip()[1:] for s in syllables if s.strip())


def _node_label(row: dict, kind: str) -> str:
    label = _text(row.get("label"))
    if label:
        return label
    if kind == "delegation" and row.get("leader"):
        return f"{row['leader']}代表团"
    if kind == "agreement":
        return f"{row['count']}项协议" if row.get("count") else "协议"
    return _local(row["node"])


def network_from_rows(node_rows: list[dict], edge_rows: list[dict]) -> Network:
    """The network of the edges, with the nodes they join (nodes with no edge are left out)."""
    order = list(CLASS_KINDS)
    best: dict[str, dict] = {}
    country_names: dict[str, str] = {}
    for row in node_rows:
        cls = _local(row["type"])
        if cls not in CLASS_KINDS:
            continue
        iri = str(row["node"])
        if iri not in best or order.index(cls) < order.index(_local(best[iri]["type"])):
            best[iri] = row
        if CLASS_KINDS[cls] == "country" and row.get("label"):
            for code in str(row.get("countries") or "").split("|")[:1]:
                if code:
                    country_names[code] = str(row["label"])

    edges: dict[tuple, Edge] = {}
    for row in edge_rows:
        source, target = str(row["source"]), str(row["target"])
        if source not in best or target not in best or source == target:
            continue
        key = (str(row["fact"]), row["relation"], source, target)
        edge = edges.get(key)
        if edge is None:
            edge = edges[key] = Edge(
                id=f"e{len(edges)}", source=source, target=target, relation=str(row["relation"]),
                fact=str(row["fact"]), start=_text(row.get("start")), end=_text(row.get("end")),
                place=_text(row.get("place")), detail=_text(row.get("detail")))
        if row.get("sentence"):
            found = Source(str(row["sentence"]), _text(row.get("document")),
                           _text(row.get("documentSource")))
            if found not in edge.sources:
                edge.sources.append(found)

    exchanges: Counter = Counter()
    for edge in edges.values():
        exchanges[edge.source] += 1
        exchanges[edge.target] += 1
    nodes = {}
    for iri in sorted(exchanges):
        row = best[iri]
        kind = CLASS_KINDS[_local(row["type"])]
        label = _node_label(row, kind)
        countries = tuple(c for c in str(row.get("countries") or "").split("|") if c)
        nodes[iri] = Node(iri, label, kind, hover_name(label, _text(row.get("labelEn"))),
                          countries, exchanges[iri])
    return Network(nodes, list(edges.values()), country_names, total_nodes=len(nodes))


def read_network(store: Store) -> Network:
    """The whole network of the store (both network-*.rq queries)."""
    node_rows = rows(run_query(store, load_query("network-nodes")))
    edge_rows = rows(run_query(store, load_query("network-edges")))
    return network_from_rows(node_rows, edge_rows)


# ---- filters ------------------------------------------------------------------------------------
def _plain(text: str) -> str:
    """Lower case without tone marks, spaces or dots: what a person types into a search box."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c.isalnum())


def find_node(network: Network, name: str) -> Node:
    """The node called `name` (its Chinese label, its pinyin or English name, or its IRI)."""
    if name in network.nodes:
        return network.nodes[name]
    wanted = _plain(name)
    for test in (lambda n: n.label == name, lambda n: _plain(n.hover) == wanted,
                 lambda n: wanted and wanted in _plain(n.label + n.hover)):
        found = sorted((n for n in network.nodes.values() if test(n)), key=lambda n: -n.exchanges)
        if found:
            return found[0]
    examples = ", ".join(n.label for n in sorted(network.nodes.values(),
                                                  key=lambda n: -n.exchanges)[:8])
    raise NetworkError(f"no node called {name!r} in the network; the most connected are: {examples}")


def _subnetwork(network: Network, edges: list[Edge], keep: set[str] | None = None) -> Network:
    """The network of `edges` (plus the nodes in `keep`), with exchanges counted anew."""
    exchanges: Counter = Counter()
    for e in edges:
        exchanges[e.source] += 1
        exchanges[e.target] += 1
    ids = set(exchanges) | (keep or set())
    nodes = {i: replace(n, exchanges=exchanges[i]) for i, n in network.nodes.items() if i in ids}
    return Network(nodes, edges, network.country_names, network.total_nodes, network.note)


def filter_network(network: Network, flt: NetworkFilter) -> Network:
    """The part of `network` that `flt` keeps: edges in the years, touching the countries, between
    nodes of the kinds, then (with a focus) what lies within `hops` edges of the focus."""
    unknown = set(flt.kinds) - set(KINDS)
    if unknown:
        raise NetworkError(f"unknown node type(s) {', '.join(sorted(unknown))}; "
                           f"expected some of {', '.join(KINDS)}")
    nodes = network.nodes
    wanted = {c.upper() for c in flt.countries}

    def keep(e: Edge) -> bool:
        if flt.year_from is not None and (e.year is None or e.year < flt.year_from):
            return False
        if flt.year_to is not None and (e.year is None or e.year > flt.year_to):
            return False
        if flt.kinds and not (nodes[e.source].kind in flt.kinds and nodes[e.target].kind in flt.kinds):
            return False
        return not wanted or e.fact in touching

    # a fact stays whole: the delegation that visited Oman keeps the edge from its leader
    touching = {e.fact for e in network.edges
                if wanted & set(nodes[e.source].countries + nodes[e.target].countries)}
    edges = [e for e in network.edges if keep(e)]
    if flt.focus is None:
        return _subnetwork(network, edges)
    centre = find_node(network, flt.focus).id
    neighbours = defaultdict(set)
    for e in edges:
        neighbours[e.source].add(e.target)
        neighbours[e.target].add(e.source)
    distance = {centre: 0}
    queue = deque([centre])
    while queue:
        here = queue.popleft()
        if distance[here] == flt.hops:
            continue
        for there in neighbours[here]:
            if there not in distance:
                distance[there] = distance[here] + 1
                queue.append(there)
    edges = [e for e in edges if e.source in distance and e.target in distance]
    return _subnetwork(network, edges, keep={centre})


def cap_network(network: Network, cap: int) -> Network:
    """The `cap` most connected nodes and the edges among them, with a note saying so."""
    if len(network.nodes) <= cap:
        return network
    ranked = sorted(network.nodes.values(), key=lambda n: (-n.exchanges, n.id))[:cap]
    kept = {n.id for n in ranked}
    smaller = _subnetwork(network, [e for e in network.edges
                                    if e.source in kept and e.target in kept])
    smaller.note = (f"Showing the {len(smaller.nodes)} most connected of {len(network.nodes)} "
                    f"nodes; use 'diplograph viz' with --from/--to, --country, --types or --focus "
                    f"for the rest.")
    return smaller


# ---- layout -------------------------------------------------------------------------------------
def layout_positions(network: Network, scale: float = 0.0) -> dict[str, tuple[float, float]]:
    """Positions for a big network, so the browser need not simulate physics to place it.

    igraph's Fruchterman-Reingold takes 0.2 s at 2,000 nodes; networkx's spring_layout (the
    fallback) about 13 s.
    """
    ids = list(network.nodes)
    index = {n: i for i, n in enumerate(ids)}
    pairs = {(min(index[e.source], index[e.target]), max(index[e.source], index[e.target]))
             for e in network.edges}
    scale = scale or 60.0 * len(ids) ** 0.5
    try:
        import igraph

        graph = igraph.Graph(n=len(ids), edges=sorted(pairs))
        coords = graph.layout_fruchterman_reingold(niter=500, seed=None).coords
    except ImportError:
        import networkx as nx

        graph = nx.Graph()
        graph.add_nodes_from(range(len(ids)))
        graph.add_edges_from(pairs)
        layout = nx.spring_layout(graph, seed=7, iterations=50)
        coords = [layout[i] for i in range(len(ids))]
    xs = [c[0] for c in coords] or [0.0]
    ys = [c[1] for c in coords] or [0.0]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: (round((c[0] - cx) / span * scale, 1), round((c[1] - cy) / span * scale, 1))
            for n, c in zip(ids, coords)}


# ---- page ---------------------------------------------------------------------------------------
_ASSETS = Path(__file__).resolve().parent / "assets"


def page_data(network: Network) -> dict:
    """What the page's script reads: every node's and edge's facts, the legend, the filters."""
    codes = sorted({c for n in network.nodes.values() for c in n.countries
                    if c in network.country_names})
    return {
        "nodes": [{"id": n.id, "label": n.label, "kind": n.kind, "hover": n.hover,
                   "countries": list(n.countries), "exchanges": n.exchanges}
                  for n in network.nodes.values()],
        "edges": [{"id": e.id, "from": e.source, "to": e.target, "relation": e.relation,
                   "fact": e.fact,
                   "start": e.start, "end": e.end, "year": e.year, "place": e.place,
                   "detail": e.detail,
                   "sources": [{"sentence": s.sentence, "document": s.document,
                                "location": s.location} for s in e.sources]}
                  for e in network.edges],
        "kinds": {k: {"shape": s, "colour": c, "legend": t} for k, (s, c, t) in KINDS.items()},
        "relations": {r: {"legend": t, "colour": c, "dashed": d} for r, (t, c, d, _) in RELATIONS.items()},
        "countries": [{"code": c, "name": network.country_names[c]} for c in codes],
        "years": network.years(),
        "note": network.note or ("" if network.nodes else
                                 "没有可画的往来 Nothing to draw: no meetings, visits, events or "
                                 "posts in this store or this view."),
        "totalNodes": network.total_nodes,
        "laidOut": len(network.nodes) > LAYOUT_THRESHOLD,
    }


def script_json(data: object) -> str:
    """JSON that can sit inside a <script> element: no '<', '>' or '&' can end it or start markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _vis_options(laid_out: bool) -> dict:
    return {
        "nodes": {"font": {"size": 16, "face": "Noto Sans CJK SC, Noto Sans SC, sans-serif",
                           "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "scaling": {"min": 10, "max": 42, "label": {"enabled": True, "min": 16,
                                                               "max": 28}},
                  "borderWidth": 1},
        "edges": {"smooth": False, "width": 1.6,
                  "arrows": {"to": {"scaleFactor": 0.5}},
                  "color": {"inherit": False}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": laid_out,
                        "navigationButtons": False, "keyboard": False},
        "physics": {
            "enabled": not laid_out,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -90, "centralGravity": 0.008,
                                 "springLength": 120, "springConstant": 0.06, "avoidOverlap": 0.6},
            "stabilization": {"enabled": not laid_out, "iterations": 250, "updateInterval": 50},
        },
        "layout": {"improvedLayout": False},
    }


def build_pyvis(network: Network):
    """The pyvis Network: nodes (label, shape, colour, size, position) and edges (colour, arrow).

    Tooltips are not given to pyvis: its template writes a title holding 'href' into the page with
    innerHTML. The page's script makes them from page_data as text.
    """
    from pyvis.network import Network as PyvisNetwork

    laid_out = len(network.nodes) > LAYOUT_THRESHOLD
    # small networks start from these positions too: physics then only tidies (0.5 s, not 4 s)
    positions = layout_positions(network)
    net = PyvisNetwork(height="100%", width="100%", directed=True, cdn_resources="in_line",
                       notebook=False)
    net.options = _vis_options(laid_out)
    for n in network.nodes.values():
        shape, colour, _ = KINDS[n.kind]
        extra = {}
        if n.id in positions:
            extra = {"x": positions[n.id][0], "y": positions[n.id][1]}
        net.add_node(n.id, label=n.label, shape=shape, color=colour, value=n.exchanges,
                     **extra)
    for e in network.edges:
        _, colour, dashed, arrow = RELATIONS.get(e.relation, ("", "#999999", False, False))
        net.add_edge(e.source, e.target, id=e.id, color=colour, dashes=dashed,
                     arrows={"to": {"enabled": arrow, "scaleFactor": 0.5}})
    return net


def strip_remote_assets(page: str) -> str:
    """pyvis links Bootstrap from a CDN even when vis-network is inlined; the page needs neither."""
    page = re.sub(r"<link[^>]*https?://[^>]*>", "", page)
    page = re.sub(r"<script[^>]*src=\"https?://[^\"]*\"[^>]*>\s*</script>", "", page)
    # the empty heading pyvis writes twice, and its commented-out references to node_modules
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", page)
    return re.sub(r"<!--.*?-->", "", page, flags=re.DOTALL)


def render_page(network: Network, title: str = "diplograph network") -> str:
    """The HTML page of `network`: pyvis's page plus the legend, filters, search and facts panel."""
    page = strip_remote_assets(build_pyvis(network).generate_html())
    css = (_ASSETS / "network.css").read_text(encoding="utf-8")
    script = (_ASSETS / "network.js").read_text(encoding="utf-8")
    controls = (_ASSETS / "network-controls.html").read_text(encoding="utf-8")
    head = (f"<title>{html.escape(title)}</title>\n"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<style>\n{css}</style>\n")
    page = page.replace("<meta charset=\"utf-8\">", "<meta charset=\"utf-8\">\n" + head, 1)
    page = page.replace("<body>", "<body>\n" + controls, 1)
    tail = (f"<script type=\"application/json\" id=\"dg-data\">{script_json(page_data(network))}"
            f"</script>\n<script>\n{script}</script>\n</body>")
    head_end, _, _ = page.rpartition("</body>")
    return head_end + tail + "\n</html>\n"


def write_page(network: Network, path: Path, title: str = "diplograph network") -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_page(network, title), encoding="utf-8")
    return path


def network_view(store: Store, flt: NetworkFilter = NetworkFilter(), settings: Settings = Settings(),
                 strict: bool = True) -> Network:
    """The filtered network of the store. Above settings.network_node_cap nodes, `strict` raises
    NetworkError asking for a filter; otherwise the most connected nodes are kept."""
    network = filter_network(read_network(store), flt)
    cap = settings.network_node_cap
    if len(network.nodes) > cap:
        if strict:
            raise NetworkError(
                f"{store.location}: the network has {len(network.nodes)} nodes, more than the "
                f"{cap} a page stays usable with; narrow it with --from/--to, --country, --types "
                f"or --focus NAME --hops N")
        network = cap_network(network, cap)
    return network


def save_network_page(store: Store, path: Path, settings: Settings = Settings(),
                      flt: NetworkFilter = NetworkFilter(), strict: bool = True) -> Network:
    """Write the page of the store's (filtered) network to `path`; returns the network drawn."""
    network = network_view(store, flt, settings, strict)
    write_page(network, path)
    return network


def write_network_page(store: Store, path: Path, settings: Settings = Settings(),
                       flt: NetworkFilter = NetworkFilter(), strict: bool = False) -> Path:
    """Write the network page of the store to `path` (UTF-8, works offline). Not strict: a
    network above the cap is cut to its most connected nodes, as `build` must not fail here."""
    save_network_page(store, path, settings, flt, strict)
    return Path(path)
