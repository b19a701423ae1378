"""Relationship reports: subject resolution, the report's tables and figures, HTML and Markdown
output, the `diplograph report` command, on stores built by the real build."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from diplograph.build import build
from diplograph.cli import main
from diplograph.report import (Period, PeriodError, SubjectError, relationship_report, report_html,
                               report_markdown, resolve_subject, write_report)
from diplograph.resources import data_dir
from diplograph.store import open_store
from conftest import ZH_CORPUS as CORPUS

ID = "https://w3id.org/diplograph/id/"


@pytest.fixture(scope="module")
def examples_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report-examples")
    build([data_dir("examples")], folder)
    with open_store(folder) as store:
        yield store


@pytest.fixture(scope="module")
def zh_store(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent")
    folder = tmp_path_factory.mktemp("report-zh")
    build([CORPUS], folder)
    with open_store(folder) as store:
        yield store


@pytest.mark.parametrize("text", ["埃及", "Aiji", "Āijí", "ai ji", "Egypt", "egypt", "EG", "eg",
                                  "阿拉伯埃及共和国"])
def test_a_country_is_found_by_any_of_its_names(examples_store, text):
    subject = resolve_subject(examples_store, text)
    assert subject.iri == ID + "place/EG"
    assert (subject.label, subject.label_en, subject.code) == ("埃及", "Egypt", "EG")


@pytest.mark.parametrize("text", ["湖南", "湖南省", "Hunan", "hunan sheng", "CN-HN"])
def test_a_province_is_found_by_short_form_pinyin_and_code(examples_store, text):
    assert resolve_subject(examples_store, text).iri == ID + "place/CN-HN"


def test_an_unknown_subject_lists_the_closest_names(examples_store):
    with pytest.raises(SubjectError) as caught:
        resolve_subject(examples_store, "Egipt")
    message = str(caught.value)
    assert "'Egipt'" in message and "Egypt = 埃及" in message
    with pytest.raises(SubjectError, match="湖北省"):
        resolve_subject(examples_store, "湖北x")


def test_an_official_is_a_subject_too(examples_store):
    subject = resolve_subject(examples_store, "李强")
    assert subject.kind == "Official"
    report = relationship_report(examples_store, subject)
    assert report.sections["meetings"], "李强 met the New Zealand and Australian leaders"
    assert all("李强" in r["participants"] for r in report.sections["meetings"])
    # partners are abroad: his own country is not one of them
    codes = {p["code"] for p in report.partners}
    assert "NZ" in codes and "CN" not in codes


def test_period_overlap_and_undated_exchanges():
    year = Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert year.holds(dt.date(2024, 12, 30), dt.date(2025, 1, 2))  # straddles the start
    assert not year.holds(dt.date(2026, 1, 1), None)
    assert not year.holds(None, None)  # an undated exchange cannot be placed in a period
    assert Period().holds(None, None)


def test_a_period_backwards_or_malformed_is_refused(examples_store):
    with pytest.raises(PeriodError, match="after it ends"):
        relationship_report(examples_store, "EG", "2025-12-31", "2025-01-01")
    with pytest.raises(PeriodError, match="YYYY-MM-DD"):
        relationship_report(examples_store, "EG", "2025-13-01")


def test_hunan_2025_has_visits_both_ways_each_with_its_sentence(zh_store):
    report = relationship_report(zh_store, "湖南", "2025-01-01", "2025-12-31")
    assert report.subject.code == "CN-HN"
    assert report.sections["visits_in"] and report.sections["visits_out"]
    for row in report.sections["visits_out"]:
        assert "湖南" in row["origin"]
    for row in report.sections["visits_in"]:
        assert "湖南" in row["destinations"]
    for key, records in report.sections.items():
        for row in records:
            assert row["sentence"] and row["document"], (key, row)
            first, last = row["start"], row["end"]
            assert first and dt.date(2025, 1, 1) <= last and first <= dt.date(2025, 12, 31)
    # the province's own country is not its partner
    assert "CN" not in {p["code"] for p in report.partners}
    counts = [p["exchanges"] for p in report.partners]
    assert counts == sorted(counts, reverse=True) and counts
    # the ego network is centred on the province: delegations set out from it, guests came to it
    graph = report.ego_graph()
    hunan = ID + "place/CN-HN"
    relations = {d["relation"] for *_, d in graph.edges(hunan, data=True)}
    assert {"from", "visited"} <= relations


def test_egypt_sends_a_delegation_to_hunan(zh_store):
    report = relationship_report(zh_store, "Egypt")
    out = report.sections["visits_out"]
    assert any("湖南" in r["destinations"] and "埃及" in r["sentence"] for r in out)
    assert "CN-HN" in {p["code"] for p in report.partners}
    graph = report.ego_graph()
    assert ID + "place/EG" in graph and graph.degree(ID + "place/EG") >= 1


def test_no_exchanges_in_the_period_gives_a_short_report(zh_store, tmp_path):
    report = relationship_report(zh_store, "湖南", "2030-01-01", "2030-12-31")
    assert report.is_empty and report.exchanges == 0
    text = report_markdown(report)
    assert "No exchanges of 湖南省" in text and "2030-01-01" in text
    page = report_html(report)
    assert "No exchanges of 湖南省" in page and "<img" not in page


def test_html_report_is_one_self_contained_file(zh_store, tmp_path):
    path = tmp_path / "hunan.html"
    write_report(zh_store, "Hunan", path, "html", "2025-01-01", "2025-12-31")
    page = path.read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") >= 3  # timeline, partners, network
    assert "湖南省" in page and "Visits in 来访" in page and "Visits out 出访" in page
    # nothing is fetched: no remote scripts, styles or images, in the page or the embedded network
    unescaped = page.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
    assert not re.search(r"<(script|img|link)[^>]+(src|href)=\"https?://", unescaped)
    assert "srcdoc=" in page and "vis.Network" in unescaped


def test_markdown_report_writes_its_figures_beside_it(zh_store, tmp_path):
    path = tmp_path / "egypt.md"
    write_report(zh_store, "EG", path, "md")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Relationship report: 埃及")
    for name in ("timeline", "ego-network"):
        png = tmp_path / "egypt_figures" / f"{name}.png"
        assert png.read_bytes().startswith(b"\x89PNG")
        assert f"(egypt_figures/{name}.png)" in text
    assert "| sentence 原文 | document 来源 |" in text


def test_building_a_report_leaves_no_pyplot_figures_open(examples_store):
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    report = relationship_report(examples_store, "New Zealand")
    report.timeline_figure(), report.ego_figure(), report.partners_figure()
    assert plt.get_fignums() == before


def test_cli_report_writes_html_and_names_closest_subjects(tmp_path, capsys):
    store = str(tmp_path / "store")
    build([data_dir("examples")], store)
    out = tmp_path / "nz.html"
    assert main(["report", "--store", store, "--subject", "Xinxilan", "--out", str(out)]) == 0
    assert "新西兰 (New Zealand, NZ)" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["report", "--store", store, "--subject", "Nu Zealand", "--format", "md",
                 "--out", str(tmp_path / "x.md")]) == 2
    assert "New Zealand = 新西兰" in capsys.readouterr().err
    assert not (tmp_path / "x.md").exists()


def test_build_still_writes_the_whole_graph_report(tmp_path):
    summary = build([data_dir("examples")], tmp_path / "store")
    text = summary.outputs["report"].read_text(encoding="utf-8")
    assert text.startswith("# diplograph report") and "## Meetings" in text


REPORT_QUERIES = sorted(p.stem for p in data_dir("queries").glob("report-*.rq"))


@pytest.mark.parametrize("name", REPORT_QUERIES)
def test_report_queries_document_their_parameters_and_project_them(name):
    from diplograph.queries import load_query, parameter_names

    query = load_query(name)
    header = query.description
    assert "Parameters:" in header and "Columns:" in header, header
    projection = query.text[query.text.index("SELECT"):query.text.index("WHERE")]
    # Oxigraph binds a parameter only where the SELECT projects it
    for parameter in parameter_names(query):
        assert f"?{parameter}" in projection, (name, parameter)
