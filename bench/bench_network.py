"""How long the network page takes to become usable in headless Chromium, by number of nodes.

Makes a synthetic network (officials, delegations, countries, events, organizations; about 1.5
edges a node, dated 2015-2025), writes its page, opens it from file:// in Debian's chromium and
measures: the Python side (layout + HTML), the page size, load to stabilised (navigation start to
the page's `diplographReady`), and how long a filter change and a search take once it is drawn.

Run: .venv/bin/python bench/bench_network.py [SIZES...]   (default 200 1000 2000)
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from diplograph.network import LAYOUT_THRESHOLD, network_from_rows, render_page

DG = "https://w3id.org/diplograph/ontology#"
ID = "https://w3id.org/diplograph/id/"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰飞鹏建国志红德"
CODES = ["DE", "FR", "OM", "AE", "EG", "UG", "LR", "TD", "RU", "BE", "NZ", "AU", "MY", "TL", "KZ"]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def synthetic_rows(n: int, seed: int = 1) -> tuple[list[dict], list[dict]]:
    rng = random.Random(seed)
    nodes, edges = [], []

    def add(iri, cls, label, countries):
        nodes.append({"node": ID + iri, "type": DG + cls, "label": label, "labelEn": None,
                      "leader": None, "count": None, "countries": countries})
        return iri

    countries = [add(f"place/{c}", "Country", f"国家{c}", c) for c in CODES]
    officials, others = [], []
    for i in range(n - len(countries)):
        code = rng.choice(CODES + ["CN"] * 10)
        roll = rng.random()
        if roll < 0.6:
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN) + str(i)
            officials.append(add(f"person/{code}/{name}", "Official", name, code))
        elif roll < 0.72:
            others.append(add(f"delegation/{i}", "Delegation", f"代表团{i}", code))
        elif roll < 0.84:
            others.append(add(f"event/{i}", "Forum", f"论坛{i}", code))
        else:
            others.append(add(f"organization/{code}/{i}", "GovernmentBody", f"机构{i}", code))
    everything = countries + officials + others
    for i, node in enumerate(officials + others):
        # one edge to an earlier node keeps the graph connected; a few more make clusters
        for target in [rng.choice(everything[: max(1, everything.index(node))])] + \
                [rng.choice(everything) for _ in range(rng.random() < 0.5)]:
            if target == node:
                continue
            year = rng.randint(2015, 2025)
            edges.append({"fact": ID + f"fact/{i}/{target}", "relation": rng.choice(["met", "visited", "attended"]),
                          "source": ID + node, "target": ID + target, "start": f"{year}-05-01",
                          "end": f"{year}-05-02", "place": None, "detail": None,
                          "sentence": f"{node}与{target}交流。", "document": "合成文档",
                          "documentSource": "file:///bench.txt"})
    return nodes, edges


def measure(browser, n: int, folder: Path) -> dict:
    started = time.perf_counter()
    network = network_from_rows(*synthetic_rows(n))
    page = render_page(network)
    python_s = time.perf_counter() - started
    path = folder / f"network-{n}.html"
    path.write_text(page, encoding="utf-8")
    tab = browser.new_page(viewport={"width": 1600, "height": 1000})
    outside = []
    tab.route("**/*", lambda r: (r.continue_() if r.request.url.startswith("file://")
                                 else (outside.append(r.request.url), r.abort())))
    tab.goto(path.as_uri())
    tab.wait_for_function("window.diplographReady === true", timeout=600_000)
    ready_ms = tab.evaluate("window.diplographReadyAt")
    drawn = tab.evaluate("window.diplograph.visibleNodeIds().length")
    filter_ms = tab.evaluate("""() => { const t = performance.now();
        document.getElementById('dg-from').value = '2020';
        window.diplograph.applyFilters(); const shown = network.body.nodeIndices.length;
        network.redraw(); const ms = performance.now() - t;
        document.getElementById('dg-from').value = ''; window.diplograph.applyFilters();
        return ms; }""")
    label = network.nodes[max(network.nodes, key=lambda i: network.nodes[i].exchanges)].label
    search_ms = tab.evaluate("""label => { const t = performance.now();
        window.diplograph.search(label); network.redraw(); return performance.now() - t; }""", label)
    tab.close()
    return {"nodes": len(network.nodes), "edges": len(network.edges), "drawn": drawn,
            "laid_out": len(network.nodes) > LAYOUT_THRESHOLD, "python_s": python_s,
            "mb": len(page.encode("utf-8")) / 1e6, "ready_s": ready_ms / 1000,
            "filter_ms": filter_ms, "search_ms": search_ms, "outside": len(outside)}


def main(sizes: list[int]) -> None:
    from playwright.sync_api import sync_playwright

    print("| nodes | edges | drawn | positions | Python s | page MB | load to stabilised s "
          "| filter ms | search ms |")
    print("|---:|---:|---:|---|---:|---:|---:|---:|---:|")
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for n in sizes:
            r = measure(browser, n, Path(tmp))
            assert r["outside"] == 0, "the page asked for something not on disk"
            where = "precomputed, physics off" if r["laid_out"] else "physics, off when stable"
            print(f"| {r['nodes']:,} | {r['edges']:,} | {r['drawn']:,} | {where} | "
                  f"{r['python_s']:.2f} | {r['mb']:.2f} | {r['ready_s']:.2f} | "
                  f"{r['filter_ms']:.0f} | {r['search_ms']:.0f} |", flush=True)
        browser.close()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [200, 1000, 2000])
