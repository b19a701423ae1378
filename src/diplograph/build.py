"""documents -> store, end to end: read, extract, write each document's graph, then the outputs."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from diplograph.documents import find_documents, read_document
from diplograph.errors import DiplographError
from diplograph.extract import extract
from diplograph.ontology import ontology_graph
from diplograph.settings import Settings
from diplograph.store import Store, is_remote, open_store
from diplograph.triples import document_graph, document_graph_iri, reference_graph

# progress(done, total, path) is called after each document
Progress = Callable[[int, int, Path], None]


@dataclass
class BuildSummary:
    documents: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    facts: Counter = field(default_factory=Counter)
    triples: int = 0
    seconds: float = 0.0
    outputs: dict[str, Path] = field(default_factory=dict)


def stored_hash(store: Store, graph_name) -> str | None:
    result = store.query(
        "SELECT ?g ?h WHERE { GRAPH ?g { ?d dg:contentHash ?h } }", {"g": graph_name})
    for row in result:
        return str(row[1])
    return None


def ingest(store: Store, paths: list[Path], settings: Settings, summary: BuildSummary,
           progress: Progress | None = None) -> None:
    """Read, extract and store each document; a document that fails is skipped and reported."""
    for done, path in enumerate(paths, 1):
        try:
            document = read_document(path, settings)
            name = document_graph_iri(document)
            if stored_hash(store, name) == document.content_hash:
                summary.unchanged += 1
            else:
                extraction = extract(document)
                store.replace_graph(document_graph(document, extraction))
                summary.documents += 1
                summary.facts.update(extraction.counts())
        except DiplographError as e:
            summary.skipped.append((str(path), str(e).removeprefix(f"{path}: ")))
        if progress:
            progress(done, len(paths), path)


def build(sources: Iterable[str | Path], out: str | Path, settings: Settings = Settings(),
          progress: Progress | None = None) -> BuildSummary:
    """Build (or update) the store in `out` from every document under `sources`."""
    started = time.perf_counter()
    paths = list(find_documents(sources))
    summary = BuildSummary()
    # an http(s) URL is a SPARQL endpoint written through SPARQL Update: no folder for the pages
    remote = is_remote(out)
    out = str(out) if remote else Path(out)
    with open_store(out, create=True) as store:
        store.replace_graph(reference_graph())
        store.replace_graph(ontology_graph())
        ingest(store, paths, settings, summary, progress)
        summary.triples = len(store)
        if not remote:
            write_outputs(store, out, settings, summary)
    summary.seconds = time.perf_counter() - started
    return summary


def write_outputs(store: Store, out: Path, settings: Settings, summary: BuildSummary) -> None:
    from diplograph.network import write_network_page
    from diplograph.report import write_markdown_report

    summary.outputs["store"] = out
    summary.outputs["network"] = write_network_page(store, out / "network.html", settings)
    summary.outputs["report"] = write_markdown_report(store, out / "report.md")

