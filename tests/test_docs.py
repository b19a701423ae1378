"""The ontology's HTML documentation: generated from the Turtle, complete, offline, and readable
in a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import OWL, RDF

from diplograph.docs import alignments, render_page, write_docs
from diplograph.ontology import ontology_graph
from diplograph.vocabulary import DG

README = Path(__file__).resolve().parents[1] / "README.md"


def own_terms(graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
             OWL.NamedIndividual)
    return {s for k in kinds for s in graph.subjects(RDF.type, k)
            if isinstance(s, URIRef) and str(s).startswith(str(DG))}


def test_every_term_has_a_section_with_both_labels():
    graph = ontology_graph()
    page = render_page(graph)
    anchors = set(re.findall(r'<section class="term" id="([^"]+)">', page))
    assert anchors == {str(t).rsplit("#", 1)[1] for t in own_terms(graph)}
    assert '<span lang="zh" class="zh">官员</span>' in page  # dg:Official's Chinese label
    assert "A person who holds a post" in page
    assert "担任职务" in page


def test_alignments_and_codes_are_listed():
    graph = ontology_graph()
    rows = alignments(graph)
    assert ("dg:Post", "rdfs:subClassOf", "org:Post") in rows
    assert ("dg:signatory", "rdfs:subPropertyOf", "wdt:P1891") in rows
    page = render_page(graph)
    assert "wdt:P39" in page and "time:TemporalUnit" in page and "sem:Event" in page
    assert re.search(r"CAMEO</th><td>042, 043</td>", page)


def test_the_page_loads_nothing_from_elsewhere():
    page = render_page(ontology_graph())
    assert "<script" not in page
    assert not re.search(r"<(link|img|iframe)\b", page)
    assert "@import" not in page and "url(" not in page


def test_docs_command_writes_the_page(tmp_path):
    done = subprocess.run([sys.executable, "-m", "diplograph", "docs", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    page = tmp_path / "ontology.html"
    assert done.stdout.strip() == str(page)
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_readme_links_the_docs_command():
    text = README.read_text(encoding="utf-8")
    for command in ("diplograph docs", "diplograph reason", "diplograph validate"):
        assert command in text, command


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
@pytest.mark.skipif(_chromium() is None, reason="no Chromium on this machine")
def test_the_page_renders_in_headless_chromium_without_network(tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    path = write_docs(tmp_path / "ontology.html")
    requested: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.on("request", lambda r: requested.append(r.url))
            page.goto(path.as_uri())
            assert page.title() == "diplograph ontology"
            assert page.locator("section.term").count() == len(own_terms(ontology_graph()))
            official = page.locator("#Official")
            assert "官员" in official.inner_text()
            assert official.bounding_box()["height"] > 0
            page.click('a[href="#alignments"]')
            assert page.locator("table.alignments tr").count() > 40
        finally:
            browser.close()
    assert [u for u in requested if not u.startswith("file:")] == []
