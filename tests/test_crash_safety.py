"""A build killed with SIGKILL leaves a store that opens and holds exactly the finished documents;
a second writer on the same store is refused with a clear message and corrupts nothing."""

from __future__ import annotations

import gc
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from diplograph.build import ingest_sources
from diplograph.cli import main
from diplograph.documents import read_document
from diplograph.errors import StoreError
from diplograph.extract import extract
from diplograph.resources import data_dir
from diplograph.store import open_store, wait_for_busy_stores
from diplograph.triples import document_graph, document_graph_iri, reference_graph
from diplograph.vocabulary import REFERENCE_GRAPH

N_DOCUMENTS = 200
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# the ingest step of a build in its own process, saying after each document how far it got (the
# network page and report that a build writes afterwards are not what is tested here)
DRIVER = textwrap.dedent("""
    import sys
    from diplograph.build import ingest_sources

    def progress(done, total, source):
        print(done, source, flush=True)

    ingest_sources([sys.argv[1]], sys.argv[2], progress=progress)
    print("finished", flush=True)
""")


def make_corpus(folder: Path, n: int = N_DOCUMENTS) -> list[Path]:
    """n small articles cut from the examples: each example paragraph under its own header."""
    paragraphs = []
    for path in sorted(data_dir("examples").glob("*.txt")):
        doc = read_document(path)
        body = [p.strip() for p in doc.text.split("\n") if p.strip()]
        paragraphs += [(doc.title, doc.published, p) for p in body]
    folder.mkdir()
    paths = []
    for i in range(n):
        title, published, paragraph = paragraphs[i % len(paragraphs)]
        path = folder / f"{i:03d}.txt"
        path.write_text(f"{title}（第{i}篇）\n{published}\n来源: 测试\n\n{paragraph}\n", encoding="utf-8")
        paths.append(path)
    return paths


def start_build(corpus: Path, out: Path, log: Path) -> subprocess.Popen:
    # output to a file rather than a pipe, so that what the process said survives its death
    with open(log, "w") as stream:
        return subprocess.Popen([sys.executable, "-c", DRIVER, str(corpus), str(out)],
                                stdout=stream, stderr=subprocess.STDOUT, text=True)


def finished_sources(log: Path) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^\d+ (.*)$", log.read_text(), re.MULTILINE)]


def wait_for_progress(process: subprocess.Popen, log: Path, at_least: int) -> None:
    """Wait until the build reports `at_least` documents finished (or a minute has passed)."""
    deadline = time.monotonic() + 60
    while len(finished_sources(log)) < at_least:
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"the build did not get going: {log.read_text()[-2000:]}")
        time.sleep(0.005)


def stored_document_graphs(out: Path) -> dict:
    gc.collect()  # the lock of a Store opened earlier in this process goes when it is collected
    with open_store(out) as store:
        assert len(store.graph(REFERENCE_GRAPH)) == len(reference_graph())
        return {g: store.graph(g) for g in store.graph_names() if "/graph/document/" in str(g)}


def plain(graph: Graph) -> Graph:
    """The graph with xsd:string literals written as plain ones (the same in RDF 1.1; Oxigraph
    returns the first, rdflib builds the second)."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and str(o.datatype) == XSD_STRING:
            o = Literal(str(o))
        out.add((s, p, o))
    return out


@pytest.fixture
def corpus(tmp_path) -> list[Path]:
    return make_corpus(tmp_path / "corpus")


def test_sigkill_mid_build_leaves_exactly_the_finished_documents(corpus, tmp_path):
    out, log = tmp_path / "out", tmp_path / "build.log"
    process = start_build(corpus[0].parent, out, log)
    try:
        wait_for_progress(process, log, 25)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL
    finished = finished_sources(log)

    stored = stored_document_graphs(out)
    by_graph = {document_graph_iri(read_document(p)): p for p in corpus}
    reported = {document_graph_iri(read_document(Path(s))) for s in finished}
    # every document reported finished is there; at most the one being written when the
    # process died is there too, and then whole
    assert reported <= stored.keys()
    assert len(stored) - len(reported) <= 1
    assert len(stored) < N_DOCUMENTS, "the kill came in the middle of the build"
    for name, graph in stored.items():
        document = read_document(by_graph[name])
        expected = document_graph(document, extract(document))
        assert isomorphic(plain(graph), plain(expected)), f"{by_graph[name].name}: incomplete"

    # building again finishes the job and redoes none of the finished documents
    gc.collect()
    summary = ingest_sources([corpus[0].parent], out)
    assert (summary.documents, summary.unchanged, summary.skipped) == (
        N_DOCUMENTS - len(stored), len(stored), [])
    assert len(stored_document_graphs(out)) == N_DOCUMENTS


@contextmanager
def build_in_another_process(corpus: list[Path], out: Path, log: Path):
    """A build of `corpus` running in its own process, a few documents in, for the block; it
    must then finish, and finish well."""
    process = start_build(corpus[0].parent, out, log)
    try:
        wait_for_progress(process, log, 3)
        yield process
        process.wait(timeout=240)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, log.read_text()[-2000:]


def test_a_second_writer_is_refused_and_the_first_build_completes(corpus, tmp_path, capsys):
    out, log = tmp_path / "out", tmp_path / "build.log"
    with build_in_another_process(corpus, out, log):
        with pytest.raises(StoreError, match="in use by another diplograph process"):
            open_store(out)
        status = main(["build", str(corpus[0]), "--out", str(out), "--quiet"])
        err = capsys.readouterr().err.strip().splitlines()
        assert status == 2 and len(err) == 1
        assert str(out) in err[0] and "in use by another diplograph process" in err[0]
        assert main(["remove", corpus[0].name, "--store", str(out)]) == 2
        assert "in use" in capsys.readouterr().err
    assert log.read_text().rstrip().endswith("finished")
    assert len(stored_document_graphs(out)) == N_DOCUMENTS


def test_with_wait_a_second_command_waits_for_the_first_and_then_runs(corpus, tmp_path, capsys):
    out, log = tmp_path / "out", tmp_path / "build.log"
    with build_in_another_process(corpus, out, log):
        status = main(["query", "documents", "--store", str(out), "--format", "csv",
                       "--wait", "300"])
        assert status == 0
        rows = capsys.readouterr().out.strip().splitlines()
        # the header and every document: the query ran only once the build had let go
        assert len(rows) == 1 + N_DOCUMENTS


def test_waiting_has_a_limit_and_the_message_says_how_long(tmp_path):
    held = open_store(tmp_path / "store", create=True)
    try:
        wait_for_busy_stores(0.5)
        started = time.monotonic()
        with pytest.raises(StoreError, match=r"in use by another diplograph process \(waited 0.5 s\)"):
            open_store(tmp_path / "store")
        assert 0.5 <= time.monotonic() - started < 5
    finally:
        wait_for_busy_stores(0)
        held.close()
