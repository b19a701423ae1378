"""Ingestion is incremental and idempotent, failures stay per document, and removal is exact."""

from __future__ import annotations

import gc
import re
import shutil
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.compare import isomorphic

import diplograph.build as build_module
from diplograph.build import build, remove_document, stored_documents
from diplograph.cli import main
from diplograph.cli.build import format_summary
from diplograph.documents import read_document
from diplograph.errors import DiplographError
from diplograph.resources import data_dir
from diplograph.settings import Settings
from diplograph.store import open_store
from diplograph.triples import document_graph_iri, document_iri

# ingestion is what these tests are about: reasoning and validation (seconds of Java each build)
# are left out except where a test says otherwise
FAST = Settings(reason=False, validate=False)
EXAMPLES = sorted(data_dir("examples").glob("*.txt"))
MACRON = data_dir("examples") / "2023-04-08_guangdong_macron_guangzhou.txt"


def reopen(out: Path):
    """open_store, after collecting the garbage: an earlier Store's lock on the folder goes only
    when its objects (which reference each other) are collected."""
    gc.collect()
    return open_store(out)


def document_graphs(store) -> dict[URIRef, object]:
    return {g: store.graph(g) for g in store.graph_names() if "/graph/document/" in str(g)}


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in EXAMPLES:
        shutil.copy(path, folder / path.name)
    return folder


def test_building_twice_changes_nothing(corpus, tmp_path):
    out = tmp_path / "out"
    first = build([corpus], out, FAST)
    assert (first.documents, first.unchanged, first.skipped) == (len(EXAMPLES), 0, [])
    with reopen(out) as store:
        before = document_graphs(store)
        size = len(store)
    second = build([corpus], out, FAST)
    assert (second.documents, second.unchanged, second.skipped) == (0, len(EXAMPLES), [])
    assert second.triples == first.triples == size
    with reopen(out) as store:
        after = document_graphs(store)
    assert before.keys() == after.keys()
    for name in before:
        assert isomorphic(before[name], after[name]), name


def test_a_changed_document_has_its_graph_replaced(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus], out, FAST)
    path = corpus / MACRON.name
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("法国总统马克龙访问广州", "马克龙总统在广州参观访问", 1), encoding="utf-8")
    summary = build([corpus], out, FAST)
    assert (summary.documents, summary.replaced, summary.unchanged) == (1, 1, len(EXAMPLES) - 1)
    document = read_document(path)
    with reopen(out) as store:
        graphs = document_graphs(store)
        assert len(graphs) == len(EXAMPLES), "replaced, not added beside the old one"
        titles = {str(row[0]) for row in store.query(
            "SELECT ?t WHERE { ?d dcterms:title ?t ; dg:sourceLocation ?s }"
            " VALUES ?s { \"" + document.source + "\"^^xsd:anyURI }")}
        hashes = [d.content_hash for d in stored_documents(store).values() if d.source == document.source]
    assert titles == {"马克龙总统在广州参观访问"}
    assert hashes == [document.content_hash]


def test_new_rules_re_extract_unchanged_documents(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build([corpus], out, FAST)
    monkeypatch.setattr(build_module, "RULESET_VERSION", "999.0")
    summary = build([corpus], out, FAST)
    assert (summary.replaced, summary.unchanged) == (len(EXAMPLES), 0)


def test_remove_takes_one_document_and_only_its_facts(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = MACRON.read_text(encoding="utf-8")
    (corpus / "a.txt").write_text(text, encoding="utf-8")
    # a second article naming the same president, from another day
    (corpus / "b.txt").write_text(text.replace("2023-04-08", "2023-04-09", 1), encoding="utf-8")
    out = tmp_path / "out"
    build([corpus], out, FAST)
    a = read_document(corpus / "a.txt")
    b = read_document(corpus / "b.txt")
    ask_person = "ASK { ?p a dg:Official ; dg:name \"埃马纽埃尔·马克龙\" }"
    # Oxigraph binds only projected variables, hence ?d in the projection
    derived = "SELECT ?d (COUNT(*) AS ?n) WHERE { ?x prov:wasDerivedFrom ?d } GROUP BY ?d"
    with reopen(out) as store:
        total = len(store)
        a_size = len(store.graph(document_graph_iri(a)))
        assert store.query(ask_person).askAnswer, "the example names Macron"
        from_a = int(next(iter(store.query(derived, {"d": document_iri(a)})))[1])
        assert from_a > 10

    gc.collect()
    removed = remove_document(out, str(corpus / "a.txt"))

    assert removed.source == a.source and removed.triples == a_size
    with reopen(out) as store:
        assert len(store) == total - a_size
        assert document_graph_iri(a) not in store.graph_names()
        assert document_graph_iri(b) in store.graph_names()
        # the person b also names is still there, and nothing is derived from a any more
        assert store.query(ask_person).askAnswer
        assert list(store.query(derived, {"d": document_iri(a)})) == []
        assert int(next(iter(store.query(derived, {"d": document_iri(b)})))[1]) == from_a
    gc.collect()
    with pytest.raises(DiplographError, match="no such document"):
        remove_document(out, str(corpus / "a.txt"))


def test_remove_by_file_name_from_the_command_line(corpus, tmp_path, capsys):
    out = tmp_path / "out"
    build([corpus], out, FAST)
    gc.collect()
    assert main(["remove", MACRON.name, "--store", str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"removed {(corpus / MACRON.name).resolve().as_uri()} (")
    with reopen(out) as store:
        assert len(stored_documents(store)) == len(EXAMPLES) - 1
    # building again brings it back, and only it
    summary = build([corpus], out, FAST)
    assert (summary.documents, summary.unchanged) == (1, len(EXAMPLES) - 1)


def test_a_document_that_breaks_extraction_is_skipped_and_the_others_go_on(corpus, tmp_path,
                                                                           monkeypatch):
    real_extract = build_module.extract

    def extract(document):
        if "macron" in document.source:
            raise IndexError("list index out of range")
        return real_extract(document)

    monkeypatch.setattr(build_module, "extract", extract)
    (corpus / "empty.txt").write_bytes(b"")
    summary = build([corpus], tmp_path / "out", FAST)
    assert summary.documents == len(EXAMPLES) - 1
    assert dict(summary.skipped) == {
        str(corpus / "empty.txt"): "empty file",
        str(corpus / MACRON.name): "extraction failed (IndexError: list index out of range)",
    }
    table = format_summary(summary)
    assert re.search(r"^skipped +2$", table, re.MULTILINE)
    assert f"  {corpus / 'empty.txt'}" in table and "extraction failed (IndexError" in table


def test_progress_is_reported_for_every_document_and_the_summary_counts_facts(corpus, tmp_path):
    calls = []
    summary = build([corpus], tmp_path / "out", FAST,
                    progress=lambda d, t, s: calls.append((d, t)))
    assert calls == [(i, len(EXAMPLES)) for i in range(1, len(EXAMPLES) + 1)]
    table = format_summary(summary)
    assert summary.facts["officials"] > 0 and summary.triples > 0
    assert re.search(rf"^  officials +{summary.facts['officials']}$", table, re.MULTILINE)
    for row in ("documents read", "skipped", "facts extracted", "triples in store", "seconds"):
        assert row in table


def test_build_progress_goes_to_stderr_and_quiet_silences_it(corpus, tmp_path, capsys):
    assert main(["build", str(corpus), "--out", str(tmp_path / "out"), "--no-reason",
                 "--no-validate"]) == 0
    captured = capsys.readouterr()
    assert f"{len(EXAMPLES)}/{len(EXAMPLES)} documents" in captured.err and "docs/s" in captured.err
    assert "left" in captured.err and "documents read" in captured.out
    assert main(["build", str(corpus), "--out", str(tmp_path / "out"), "--quiet", "--no-reason",
                 "--no-validate"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and re.search(r"^  unchanged +4$", captured.out, re.MULTILINE)


def test_remove_also_takes_what_was_inferred_from_the_document(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(MACRON, corpus / MACRON.name)
    out = tmp_path / "out"
    build([corpus], out, Settings(validate=False))
    about_people = ("ASK { GRAPH <https://w3id.org/diplograph/id/graph/inferred> { ?s ?p ?o "
                    "FILTER (STRSTARTS(STR(?s), 'https://w3id.org/diplograph/id/person/')) } }")
    with reopen(out) as store:
        assert store.query(about_people).askAnswer, "the build inferred something about people"
    gc.collect()
    removed = remove_document(out, MACRON.name)
    assert removed.inferred is not None
    with reopen(out) as store:
        assert not store.query(about_people).askAnswer
