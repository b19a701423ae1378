"""documents -> store, end to end: read, extract, write each document's graph, then the outputs."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from rdflib import URIRef

from diplograph.documents import find_documents, is_url, read_document
from diplograph.errors import DiplographError, DocumentError, StoreError
from diplograph.extract import RULESET_VERSION, extract
from diplograph.ontology import ontology_graph
from diplograph.queries import load_query, run_query
from diplograph.reason import ReasoningReport, reason
from diplograph.settings import Settings
from diplograph.store import Store, is_remote, is_store, open_store
from diplograph.triples import document_graph, document_graph_iri, reference_graph
from diplograph.validate import ValidationReport, validate
from diplograph.vocabulary import INFERRED_GRAPH, ONTOLOGY_GRAPH

# progress(done, total, source) is called after each document, read or skipped
Progress = Callable[[int, int, "Path | str"], None]


@dataclass
class BuildSummary:
    documents: int = 0  # documents read and written (new or changed)
    replaced: int = 0  # of those, documents whose earlier graph was replaced
    unchanged: int = 0  # documents already in the store with the same bytes and rules
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file or URL, reason)
    facts: Counter = field(default_factory=Counter)  # by type, from the documents written
    triples: int = 0  # in the whole store afterwards
    seconds: float = 0.0
    outputs: dict[str, Path] = field(default_factory=dict)
    reasoning: ReasoningReport | None = None  # None when reasoning was skipped
    validation: ValidationReport | None = None  # None when validation was skipped

    @property
    def added(self) -> int:
        return self.documents - self.replaced

    @property
    def useful(self) -> bool:
        """Whether the run did anything: a document written or confirmed up to date."""
        return bool(self.documents or self.unchanged)


@dataclass(frozen=True)
class StoredDocument:
    graph: URIRef
    source: str
    content_hash: str | None
    ruleset_version: str | None
    title: str | None = None


def stored_documents(store: Store) -> dict[URIRef, StoredDocument]:
    """The documents in the store, by named graph (one query, so a long build stays fast)."""
    out: dict[URIRef, StoredDocument] = {}
    for row in run_query(store, load_query("documents")):
        graph, _, source, title, _, hash_, version = row
        out[graph] = StoredDocument(graph, str(source), hash_ and str(hash_),
                                    version and str(version), title and str(title))
    return out


def source_label(source: Path | str) -> str:
    return str(source)


def ingest(store: Store, sources: list[Path | str], settings: Settings, summary: BuildSummary,
           progress: Progress | None = None) -> None:
    """Read, extract and store each document, each in one transaction.

    A document already stored from the same source with the same bytes and rule set version is
    left alone; a changed one has its named graph replaced. A document that cannot be read or
    extracted is recorded in `summary.skipped` and the others go on.
    """
    stored = stored_documents(store)
    for done, source in enumerate(sources, 1):
        try:
            ingest_one(store, source, settings, summary, stored)
        except DocumentError as e:
            summary.skipped.append((source_label(source), e.problem))
        if progress:
            progress(done, len(sources), source)


def ingest_one(store: Store, source: Path | str, settings: Settings, summary: BuildSummary,
               stored: dict[URIRef, StoredDocument]) -> None:
    document = read_document(source, settings)
    name = document_graph_iri(document)
    before = stored.get(name)
    if (before is not None and before.content_hash == document.content_hash
            and before.ruleset_version == RULESET_VERSION):
        summary.unchanged += 1
        return
    try:
        extraction = extract(document)
        graph = document_graph(document, extraction)
    except DiplographError:
        raise
    except Exception as e:  # a rule that breaks on one article must not stop the corpus
        raise DocumentError(source_label(source),
                            f"extraction failed ({type(e).__name__}: {e})") from e
    try:
        store.replace_graph(graph)
    except StoreError:
        raise
    except Exception as e:  # the store refused the graph: name the document, keep the others
        raise DocumentError(source_label(source), f"could not be stored ({type(e).__name__}: {e})") from e
    summary.documents += 1
    summary.replaced += before is not None
    summary.facts.update(extraction.counts())


def ingest_sources(sources: Iterable[str | Path], out: str | Path, settings: Settings = Settings(),
                   progress: Progress | None = None, list_file: str | Path | None = None
                   ) -> BuildSummary:
    """The ingest half of `build`: documents into the store in `out`, no reasoning, no outputs."""
    started = time.perf_counter()
    summary = BuildSummary()
    paths, out = _checked(sources, out, list_file)
    with open_store(out, create=True) as store:
        _load(store, paths, settings, summary, progress)
        summary.triples = len(store)
    summary.seconds = time.perf_counter() - started
    return summary


def _checked(sources: Iterable[str | Path], out: str | Path,
             list_file: str | Path | None) -> tuple[list[Path | str], str | Path]:
    """The documents to read and the store to write, both checked before anything is written."""
    sources = list(sources)
    paths = list(find_documents(sources, list_file))
    check_sources(paths, sources, list_file)
    # an http(s) URL is a SPARQL endpoint written through SPARQL Update: no folder for the pages
    if is_remote(out):
        return paths, str(out)
    check_output_folder(Path(out))
    return paths, Path(out)


def _load(store: Store, paths: list[Path | str], settings: Settings, summary: BuildSummary,
          progress: Progress | None) -> None:
    store.replace_graph(reference_graph())
    store.replace_graph(ontology_graph())
    ingest(store, paths, settings, summary, progress)


@dataclass(frozen=True)
class RemovedDocument:
    source: str
    graph: URIRef
    triples: int
    inferred: int | None = None  # size of the recomputed inferred graph, if the store has one


def find_stored_document(store: Store, doc: str) -> StoredDocument:
    """The stored document `doc` names: its path, URL, source URI, graph IRI, key or file name."""
    stored = stored_documents(store)
    wanted = {doc}
    if not is_url(doc) and not doc.startswith(("file:", "urn:", "https://w3id.org/")):
        wanted.add(Path(doc).expanduser().resolve().as_uri())
    exact = [d for d in stored.values()
             if d.source in wanted or str(d.graph) in wanted
             or str(d.graph).rsplit("/", 1)[-1] == doc
             or str(d.graph).replace("graph/document/", "document/") == doc]
    if len(exact) == 1:
        return exact[0]
    by_name = [d for d in stored.values()
               if unquote(d.source.rstrip("/").rsplit("/", 1)[-1]) == Path(doc).name]
    if len(by_name) == 1:
        return by_name[0]
    if len(by_name) > 1:
        raise DiplographError(f"{doc}: names {len(by_name)} documents in the store "
                              f"({', '.join(d.source for d in by_name[:3])}); give the full path")
    raise DiplographError(f"{doc}: no such document in the store {store.location} (it holds "
                          f"{len(stored)}; 'diplograph query documents --store "
                          f"{store.location}' lists them)")


def remove_document(location: str | Path, doc: str) -> RemovedDocument:
    """Remove one document's named graph, and so exactly the facts read from it.

    Entities that other documents also name stay: each document's graph holds its own copy of
    the triples about them.
    """
    with open_store(location) as store:
        found = find_stored_document(store, doc)
        triples = len(store.dataset.graph(found.graph))
        store.remove_graph(found.graph)
        inferred = rematerialise(store) if INFERRED_GRAPH in store.graph_names() else None
    return RemovedDocument(found.source, found.graph, triples, inferred)


def rematerialise(store: Store) -> int:
    """Recompute the inferred graph from what the store now holds, so that nothing inferred from
    a removed document stays (the ontology's rules only; HermiT is not rerun). Returns its size."""
    from diplograph.reason import Axioms, materialise, stored_graphs

    graphs = stored_graphs(store)
    data = (t for name, g in graphs.items() if name != ONTOLOGY_GRAPH for t in g)
    inferred, _ = materialise(data, Axioms(graphs[ONTOLOGY_GRAPH]))
    store.replace_graph(inferred)
    return len(inferred)


def check_sources(found: list[Path | str], sources: Iterable[str | Path],
                  list_file: str | Path | None) -> None:
    """Fail before touching the store when there is nothing at all to read."""
    given = ", ".join(map(str, sources)) or str(list_file)
    if not found:
        raise DocumentError(given, "no .txt, .html or .htm documents found")
    if all(isinstance(f, Path) and not f.exists() for f in found):
        raise DocumentError(", ".join(map(str, found)), "no such file or folder")


def check_output_folder(out: Path) -> None:
    """Refuse to turn a folder of other files into a store (a mistyped --out)."""
    if out.is_dir() and not is_store(out) and any(p for p in out.iterdir()
                                                   if p.name not in ("network.html", "report.md")):
        raise StoreError(f"{out}: not a diplograph store (no oxigraph/ folder inside) and not "
                         "empty; choose a new or empty folder for --out")


def build(sources: Iterable[str | Path], out: str | Path, settings: Settings = Settings(),
          progress: Progress | None = None, list_file: str | Path | None = None) -> BuildSummary:
    """Build (or update) the store in `out` from every document under `sources`."""
    started = time.perf_counter()
    summary = BuildSummary()
    paths, out = _checked(sources, out, list_file)
    remote = not isinstance(out, Path)
    with open_store(out, create=True) as store:
        _load(store, paths, settings, summary, progress)
        if settings.reason:
            summary.reasoning = reason(store)
        else:
            # inferred triples from an earlier build would describe data that may have changed
            store.remove_graph(INFERRED_GRAPH)
        if settings.validate:
            summary.validation = validate(store)
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

