"""The network page in headless Chromium (Debian's /usr/bin/chromium driven by Playwright): offline,
every node drawn, filters and search working, something on screen, and hostile names inert."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from network_helpers import (
    HOSTILE_NAMES,
    IMG_NAME,
    LINK_NAME,
    SCRIPT_NAME,
    make_examples_store,
    make_hostile_store,
)

from diplograph.network import NetworkFilter, filter_network, read_network, write_network_page
from diplograph.store import open_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class OpenPage:
    """A page opened from file:// with every other request refused and recorded."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.diplographReady === true", timeout=30_000)

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def visible_nodes(self) -> set[str]:
        return set(self.js("window.diplograph.visibleNodeIds()"))


@pytest.fixture(scope="module")
def examples(tmp_path_factory, browser):
    folder = tmp_path_factory.mktemp("browser-examples")
    store_dir = make_examples_store(folder / "store")
    with open_store(store_dir) as store:
        network = read_network(store)
        path = write_network_page(store, folder / "network.html")
    opened = OpenPage(browser, path)
    yield network, opened
    opened.page.close()


def test_page_loads_offline_and_draws_every_node(examples):
    network, opened = examples
    assert opened.outside == [], "the page asked for something that is not on disk"
    assert opened.errors == []
    assert opened.visible_nodes() == set(network.nodes)
    assert set(opened.js("window.diplograph.visibleEdgeIds()")) == {e.id for e in network.edges}
    legend = opened.js("Array.from(document.querySelectorAll('#dg-kinds label')).map(l => l.textContent)")
    assert any("官员 Official" in text for text in legend)


def test_country_filter_matches_the_library(examples):
    network, opened = examples
    codes = opened.js("Array.from(document.querySelectorAll('#dg-country option')).map(o => o.value)")
    code = next(c for c in codes if c and c != "CN")
    expected = filter_network(network, NetworkFilter(countries=(code,)))
    opened.page.select_option("#dg-country", code)
    try:
        shown = opened.visible_nodes()
        assert 0 < len(shown) < len(network.nodes)
        assert shown == set(expected.nodes)
    finally:
        opened.page.click("#dg-reset")
    assert opened.visible_nodes() == set(network.nodes)


def test_year_and_type_filters_change_what_is_visible(examples):
    network, opened = examples
    year = max(network.years())
    opened.page.uncheck("#dg-undated")
    opened.page.fill("#dg-from", str(year))
    opened.page.dispatch_event("#dg-from", "change")
    try:
        assert opened.visible_nodes() == set(filter_network(network, NetworkFilter(year_from=year)).nodes)
    finally:
        opened.page.click("#dg-reset")
    opened.page.uncheck("#dg-kinds input[data-kind='official']")
    try:
        shown = opened.visible_nodes()
        assert shown and not any(network.nodes[i].kind == "official" for i in shown)
    finally:
        opened.page.click("#dg-reset")


def test_search_focuses_the_node_and_lists_its_facts(examples):
    network, opened = examples
    hub = max(network.nodes.values(), key=lambda n: n.exchanges)
    opened.page.fill("#dg-search", hub.hover or hub.label)
    opened.page.press("#dg-search", "Enter")
    opened.page.wait_for_timeout(600)  # the focus animation takes 300 ms
    assert opened.js("network.getSelectedNodes()") == [hub.id]
    centre = opened.js("network.getViewPosition()")
    spot = opened.js("id => network.getPositions([id])[id]", hub.id)
    assert abs(centre["x"] - spot["x"]) < 2 and abs(centre["y"] - spot["y"]) < 2
    assert opened.js("document.querySelector('#dg-facts-body h3').textContent") == hub.label
    items = opened.js("document.querySelectorAll('#dg-facts li').length")
    assert items == hub.exchanges
    assert opened.js("document.querySelectorAll('#dg-facts blockquote').length") >= 1
    # the neighbourhood keeps its colours, everything else is greyed out
    near = {hub.id} | {n for e in network.edges if hub.id in (e.source, e.target)
                       for n in (e.source, e.target)}
    colours = opened.js("() => Object.fromEntries(nodes.get().map(n => [n.id, n.color]))")
    assert {i for i, c in colours.items() if c != "#e4e4e4"} == near


def test_screenshot_is_not_blank(examples):
    from PIL import Image, ImageStat

    _, opened = examples
    opened.page.click("#dg-reset")
    opened.page.wait_for_timeout(200)
    shot = Image.open(io.BytesIO(opened.page.locator("#mynetwork").screenshot())).convert("RGB")
    stats = ImageStat.Stat(shot.convert("L"))
    assert stats.stddev[0] > 10, "the drawing area is (nearly) one colour"
    colours = shot.getcolors(maxcolors=1_000_000)
    assert len(colours) > 50


def test_hostile_names_run_nothing(tmp_path, browser):
    store_dir = make_hostile_store(tmp_path / "store")
    with open_store(store_dir) as store:
        network = read_network(store)
        path = write_network_page(store, tmp_path / "network.html")
    opened = OpenPage(browser, path)
    try:
        assert opened.visible_nodes() == set(network.nodes)
        for name in (SCRIPT_NAME, IMG_NAME, LINK_NAME):
            opened.js("name => window.diplograph.search(name)", name)
            opened.page.wait_for_timeout(350)
            assert opened.js("document.querySelector('#dg-facts-body h3').textContent") == name
        # hover the focused node, so its tooltip is put on the page too
        spot = opened.js("""() => { const id = network.getSelectedNodes()[0];
                                    return network.canvasToDOM(network.getPositions([id])[id]); }""")
        box = opened.page.locator("#mynetwork").bounding_box()
        opened.page.mouse.move(box["x"] + spot["x"], box["y"] + spot["y"])
        opened.page.wait_for_timeout(500)
        assert LINK_NAME in opened.js("document.querySelector('div.vis-tooltip').textContent")
        body_text = opened.js("document.body.innerText")
        assert SCRIPT_NAME in body_text, "the names are shown, as text"
        assert opened.dialogs == [], "a name ran script"
        assert opened.js("document.querySelectorAll('[onerror], [onload], img, svg script').length") == 0
        assert opened.js("document.querySelectorAll('a[href^=\"javascript\" i]').length") == 0
        assert opened.js("document.scripts.length") == 5
        assert opened.outside == [] and opened.errors == []
        assert set(HOSTILE_NAMES) <= set(opened.js("window.diplograph.data.nodes.map(n => n.label)"))
    finally:
        opened.page.close()
