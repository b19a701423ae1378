"""The network page's data: query rows -> Network, filters, the node cap, the page's HTML."""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from network_helpers import HOSTILE_NAMES, make_examples_store, make_hostile_store

from diplograph.cli import main
from diplograph.network import (
    LAYOUT_THRESHOLD,
    Network,
    NetworkError,
    NetworkFilter,
    cap_network,
    filter_network,
    find_node,
    hover_name,
    layout_positions,
    network_from_rows,
    read_network,
    render_page,
    script_json,
    write_network_page,
)
from diplograph.settings import Settings
from diplograph.store import open_store

DG = "https://w3id.org/diplograph/ontology#"
ID = "https://w3id.org/diplograph/id/"


def node(iri, cls, label=None, **extra):
    return {"node": ID + iri, "type": DG + cls, "label": label, "labelEn": extra.get("en"),
            "leader": extra.get("leader"), "count": extra.get("count"),
            "countries": extra.get("countries")}


def edge(fact, relation, source, target, start=None, sentence=None, document=None):
    return {"fact": ID + fact, "relation": relation, "source": ID + source, "target": ID + target,
            "start": start, "end": start, "place": None, "detail": None, "sentence": sentence,
            "document": document, "documentSource": "file:///corpus/a.txt" if document else None}


NODE_ROWS = [
    node("person/CN/李群", "Official", "李群", countries="CN"),
    node("person/DE/默尔克", "Official", "默尔克", countries="DE"),
    node("person/OM/叶海亚", "Official", "叶海亚", countries="OM"),
    node("delegation/1", "Delegation", None, leader="李群", countries="CN-SD|CN"),
    node("place/DE", "Country", "德国", en="Germany", countries="DE"),
    node("place/OM", "Country", "阿曼", en="Oman", countries="OM"),
    node("agreement/1", "Agreement", None, count=55),
    # a node with two classes is drawn as the more specific one
    node("event/博览会", "Event", "中非经贸博览会", countries="CN-HN|CN"),
    node("event/博览会", "Expo", "中非经贸博览会", countries="CN-HN|CN"),
    node("organization/CN/中联重科", "Enterprise", "中联重科", countries="CN"),
    node("person/CN/无关", "Official", "无关", countries="CN"),  # takes part in nothing
]
EDGE_ROWS = [
    edge("meeting/1", "met", "person/CN/李群", "person/DE/默尔克", "2017-11-20", "李群会见默尔克。", "报道一"),
    # the same meeting read in a second document: one edge, two sources
    edge("meeting/1", "met", "person/CN/李群", "person/DE/默尔克", "2017-11-20", "两人会见。", "报道二"),
    edge("meeting/2", "met", "person/CN/李群", "person/OM/叶海亚", "2017-11-25", "李群会见叶海亚。", "报道一"),
    edge("visit/1", "led", "person/CN/李群", "delegation/1", "2017-11-19"),
    edge("visit/1", "visited", "delegation/1", "place/DE", "2017-11-19"),
    edge("visit/1", "visited", "delegation/1", "place/OM", "2017-11-19"),
    edge("agreement/1", "signed", "organization/CN/中联重科", "agreement/1", "2025-06-12"),
    edge("agreement/1", "signed-at", "agreement/1", "event/博览会", "2025-06-12"),
    edge("participation/1", "attended", "organization/CN/中联重科", "event/博览会"),
    # an edge to something that is not a node (an IRI without a known class) is dropped
    edge("meeting/3", "met", "person/CN/李群", "person/XX/未知", "2017-11-26"),
]


class TagCounter(HTMLParser):
    """Counts the elements a browser's parser would make of a page."""

    def __init__(self):
        super().__init__()
        self.starts: Counter = Counter()
        self.ends: Counter = Counter()

    def handle_starttag(self, tag, attrs):
        self.starts[tag] += 1

    def handle_endtag(self, tag):
        self.ends[tag] += 1


@pytest.fixture()
def net() -> Network:
    return network_from_rows(NODE_ROWS, EDGE_ROWS)


def test_rows_become_nodes_of_the_right_kind_with_readable_labels(net):
    kinds = {n.label: n.kind for n in net.nodes.values()}
    assert kinds == {"李群": "official", "默尔克": "official", "叶海亚": "official",
                     "李群代表团": "delegation", "德国": "country", "阿曼": "country",
                     "55项协议": "agreement", "中非经贸博览会": "event", "中联重科": "enterprise"}
    assert "无关" not in kinds, "a node with no edge is not drawn"
    assert net.nodes[ID + "place/DE"].hover == "Germany"
    assert net.nodes[ID + "person/CN/李群"].hover == "Lǐ Qún"
    assert net.country_names == {"DE": "德国", "OM": "阿曼"}


def test_a_fact_read_twice_is_one_edge_with_both_sources(net):
    assert len(net.edges) == 8
    meeting = [e for e in net.edges if e.fact == ID + "meeting/1"]
    assert len(meeting) == 1
    assert [(s.sentence, s.document) for s in meeting[0].sources] == [
        ("李群会见默尔克。", "报道一"), ("两人会见。", "报道二")]
    assert meeting[0].year == 2017


def test_size_counts_exchanges(net):
    exchanges = {n.label: n.exchanges for n in net.nodes.values()}
    assert exchanges["李群"] == 3  # two meetings and the delegation he led
    assert exchanges["李群代表团"] == 3
    assert exchanges["德国"] == 1


def test_year_filter_keeps_dated_exchanges_in_range(net):
    view = filter_network(net, NetworkFilter(year_from=2025))
    assert {n.label for n in view.nodes.values()} == {"中联重科", "55项协议", "中非经贸博览会"}
    assert {e.relation for e in view.edges} == {"signed", "signed-at"}, "undated edges go too"
    assert filter_network(net, NetworkFilter(year_to=2016)).nodes == {}


def test_country_filter_keeps_exchanges_touching_the_country(net):
    view = filter_network(net, NetworkFilter(countries=("om",)))
    assert {n.label for n in view.nodes.values()} == {"李群", "叶海亚", "李群代表团", "阿曼", "德国"}
    # the visit reached Oman, so it stays whole: its leader, and its other destination
    assert view.nodes[ID + "person/CN/李群"].exchanges == 2, "exchanges are counted in the view"
    assert {(e.relation, view.nodes[e.target].label) for e in view.edges} == {
        ("met", "叶海亚"), ("led", "李群代表团"), ("visited", "阿曼"), ("visited", "德国")}
    # a province code reaches what lies in the province
    hunan = filter_network(net, NetworkFilter(countries=("CN-HN",)))
    assert {n.label for n in hunan.nodes.values()} == {"中联重科", "55项协议", "中非经贸博览会"}


def test_type_filter_keeps_edges_between_the_types(net):
    view = filter_network(net, NetworkFilter(kinds=("official",)))
    assert {n.label for n in view.nodes.values()} == {"李群", "默尔克", "叶海亚"}
    assert {e.relation for e in view.edges} == {"met"}
    with pytest.raises(NetworkError, match="unknown node type.*person"):
        filter_network(net, NetworkFilter(kinds=("person",)))


def test_ego_view_goes_the_given_number_of_hops(net):
    one = filter_network(net, NetworkFilter(focus="默尔克", hops=1))
    assert {n.label for n in one.nodes.values()} == {"默尔克", "李群"}
    two = filter_network(net, NetworkFilter(focus="默尔克", hops=2))
    assert {n.label for n in two.nodes.values()} == {"默尔克", "李群", "叶海亚", "李群代表团"}


def test_focus_is_found_by_label_pinyin_or_english(net):
    assert find_node(net, "李群").label == "李群"
    assert find_node(net, "li qun").label == "李群"
    assert find_node(net, "Lǐ Qún").label == "李群"
    assert find_node(net, "germany").label == "德国"
    with pytest.raises(NetworkError, match="no node called '张三'.*李群"):
        find_node(net, "张三")


def test_cap_keeps_the_most_connected_and_says_so(net):
    small = cap_network(net, 3)
    assert set(small.nodes) <= set(net.nodes) and len(small.nodes) <= 3
    assert ID + "person/CN/李群" in small.nodes
    assert "most connected" in small.note and f"of {len(net.nodes)} nodes" in small.note


def test_hover_name_is_pinyin_for_chinese_and_nothing_for_latin():
    assert hover_name("毛伟明") == "Máo Wěi Míng"
    assert hover_name("迪拜", "Dubai") == "Dubai"
    assert hover_name("Siemens") == ""


def test_layout_spreads_nodes_apart():
    rows = [node(f"person/CN/p{i}", "Official", f"p{i}") for i in range(40)]
    edges = [edge(f"m/{i}", "met", f"person/CN/p{i}", f"person/CN/p{(i * 7) % 40}", "2020-01-01")
             for i in range(40) if i != (i * 7) % 40]
    positions = layout_positions(network_from_rows(rows, edges))
    points = list(positions.values())
    assert len(points) == len({n for e in edges for n in (e["source"], e["target"])})
    assert len(set(points)) == len(points), "no two nodes on the same spot"


def test_script_json_cannot_close_the_script_element():
    text = script_json({"label": "</script><script>alert(1)</script>&\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"label": "</script><script>alert(1)</script>&\u2028"}


def test_page_is_self_contained(net):
    page = render_page(net)
    assert page.count("<html") == 1 and page.rstrip().endswith("</html>")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=[\"']?(https?:)?//", page, re.IGNORECASE)
    assert "bootstrap" not in page.lower()
    assert "new vis.Network" in page, "vis-network is in the page itself"
    assert "李群" in page and "中非经贸博览会" in page


# ---- real stores -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> Path:
    return make_hostile_store(tmp_path_factory.mktemp("hostile") / "store")


@pytest.fixture(scope="module")
def examples_store(tmp_path_factory) -> Path:
    return make_examples_store(tmp_path_factory.mktemp("examples") / "store")


def test_hostile_names_reach_the_page_only_inside_escaped_json(hostile_store, tmp_path):
    with open_store(hostile_store) as store:
        network = read_network(store)
        path = write_network_page(store, tmp_path / "page.html")
    labels = {n.label for n in network.nodes.values()}
    assert set(HOSTILE_NAMES) <= labels | {n.label.removesuffix("代表团") for n in network.nodes.values()}
    page = path.read_text(encoding="utf-8")
    for name in HOSTILE_NAMES:
        if "<" in name:
            assert name not in page, f"{name!r} appears unescaped"
    assert not re.search(r"href\s*=\s*[\"']?\s*javascript:", page, re.IGNORECASE)
    tags = TagCounter()
    tags.feed(page)
    assert tags.starts["script"] == tags.ends["script"] == 5, "no script element was added"
    assert not tags.starts["img"] and not tags.starts["svg"], "no markup came from a name"
    # what is in the page still reads back as the names
    data = json.loads(re.search(r'<script type="application/json" id="dg-data">(.*?)</script>',
                                page, re.DOTALL).group(1))
    assert set(HOSTILE_NAMES) <= {n["label"] for n in data["nodes"]}


def test_examples_store_gives_a_connected_picture(examples_store, tmp_path):
    with open_store(examples_store) as store:
        network = read_network(store)
        path = write_network_page(store, tmp_path / "network.html")
    assert len(network.nodes) >= 10 and len(network.edges) >= 10
    kinds = {n.kind for n in network.nodes.values()}
    assert "official" in kinds and kinds & {"country", "place"}
    assert "met" in {e.relation for e in network.edges}
    assert all(e.source in network.nodes and e.target in network.nodes for e in network.edges)
    dated = [e for e in network.edges if e.relation == "met" and e.start]
    assert dated and all(e.sources and e.sources[0].document for e in dated)
    assert path.read_bytes().decode("utf-8")


def test_build_writes_a_capped_page_and_viz_refuses_one(examples_store, tmp_path, capsys):
    with open_store(examples_store) as store:
        total = len(read_network(store).nodes)
        write_network_page(store, tmp_path / "capped.html", Settings(network_node_cap=5))
    page = (tmp_path / "capped.html").read_text(encoding="utf-8")
    assert f"most connected of {total} nodes" in page
    code = main(["viz", "--store", str(examples_store), "--out", str(tmp_path / "x.html"),
                 "--cap", "5"])
    assert code == 2
    assert "narrow it with --from/--to" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_viz_command_writes_a_filtered_view(examples_store, tmp_path, capsys):
    with open_store(examples_store) as store:
        network = read_network(store)
    hub = max(network.nodes.values(), key=lambda n: n.exchanges)
    out = tmp_path / "ego.html"
    assert main(["viz", "--store", str(examples_store), "--out", str(out), "--focus", hub.label,
                 "--hops", "1"]) == 0
    said = capsys.readouterr().out
    nodes = int(said.split()[0])
    assert nodes <= hub.exchanges + 1, "the hub and its neighbours, no more"
    assert 1 < nodes < len(network.nodes) and str(out) in said
    assert hub.label in out.read_text(encoding="utf-8")


def test_big_networks_are_laid_out_ahead_with_physics_off():
    n = LAYOUT_THRESHOLD + 20
    rows = [node(f"person/CN/p{i}", "Official", f"p{i}") for i in range(n)]
    edges = [edge(f"m/{i}", "met", f"person/CN/p{i}", f"person/CN/p{i // 2}", "2020-01-01")
             for i in range(1, n)]
    page = render_page(network_from_rows(rows, edges))
    options = json.loads(re.search(r"var options = (\{.*?\});\n", page).group(1))
    assert options["physics"]["enabled"] is False
    drawn = json.loads(re.search(r"nodes = new vis.DataSet\((\[.*?\])\);", page).group(1))
    assert len(drawn) == n and all("x" in d and "y" in d for d in drawn)


def test_viz_types_and_years_match_the_library(examples_store, tmp_path, capsys):
    with open_store(examples_store) as store:
        network = read_network(store)
    year = max(network.years())
    expected = filter_network(network, NetworkFilter(kinds=("official", "event"), year_to=year))
    assert main(["viz", "--store", str(examples_store), "--out", str(tmp_path / "v.html"),
                 "--types", "official", "event", "--to", str(year)]) == 0
    assert capsys.readouterr().out.startswith(
        f"{len(expected.nodes)} nodes, {len(expected.edges)} edges")


def test_an_empty_network_still_makes_a_page_that_says_so():
    page = render_page(network_from_rows([], []))
    assert "Nothing to draw" in page and "new vis.Network" in page
