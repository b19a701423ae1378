"""graph -> store: the one module that knows where triples live.

A store is a folder holding an embedded Oxigraph database (the default), or "memory" for tests.
Each document's named graph is replaced in one SPARQL Update, so a killed build never leaves a
half-written document behind.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result
from rdflib.term import Identifier

from diplograph.errors import StoreError
from diplograph.vocabulary import PREFIXES, bind_prefixes

OXIGRAPH_FOLDER = "oxigraph"
MEMORY = "memory"
_PREFIX_IRIS = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


class Store:
    """An RDF dataset with named graphs, queried with SPARQL 1.1."""

    def __init__(self, dataset: Dataset, location: str, ox_store=None):
        self.dataset = dataset
        self.location = location
        self._ox = ox_store  # the pyoxigraph store underneath, when there is one

    # -- reading
    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> Result:
        """Run a SPARQL query over the union of all named graphs."""
        return self.dataset.query(sparql, initNs=_PREFIX_IRIS, initBindings=dict(bindings or {}))

    def graph_names(self) -> list[URIRef]:
        if self._ox is not None:
            return [URIRef(g.value) for g in self._ox.named_graphs()]
        return [g.identifier for g in self.dataset.graphs() if isinstance(g.identifier, URIRef)
                and str(g.identifier) != "urn:x-rdflib:default"]

    def graph(self, name: URIRef) -> Graph:
        g = Graph(identifier=name)
        bind_prefixes(g)
        for triple in self.dataset.graph(name):
            g.add(triple)
        return g

    def __len__(self) -> int:
        if self._ox is not None:
            return len(self._ox)
        return sum(len(self.dataset.graph(n)) for n in self.graph_names())

    # -- writing
    def replace_graph(self, graph: Graph) -> None:
        """Put `graph` in the store under its identifier, replacing what was there, atomically."""
        name = graph.identifier
        if self._ox is not None:
            body = graph.serialize(format="nt")
            # one update request is one Oxigraph transaction: the old graph goes and the new one
            # arrives together, or neither happens
            self._ox.update(f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{body}\n}} }}")
            return
        self.dataset.remove_graph(self.dataset.graph(name))
        target = self.dataset.graph(name)
        for triple in graph:
            target.add(triple)

    def remove_graph(self, name: URIRef) -> None:
        if self._ox is not None:
            self._ox.update(f"DROP SILENT GRAPH <{name}>")
            return
        self.dataset.remove_graph(self.dataset.graph(name))

    def flush(self) -> None:
        if self._ox is not None:
            self._ox.flush()

    def close(self) -> None:
        if self._ox is not None:
            self._ox.flush()
            self.dataset.close()
            self._ox = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def is_store(location: str | Path) -> bool:
    return (Path(location) / OXIGRAPH_FOLDER).is_dir()


def open_store(location: str | Path, create: bool = False) -> Store:
    """Open the store at `location` (a folder, or "memory"); `create` makes a new one if needed."""
    location = str(location)
    if location == MEMORY:
        dataset = Dataset(default_union=True)
        bind_prefixes(dataset)
        return Store(dataset, location)
    import pyoxigraph
    from oxrdflib import OxigraphStore

    folder = Path(location)
    db = folder / OXIGRAPH_FOLDER
    if not db.is_dir():
        if not create:
            if not folder.exists():
                raise StoreError(f"{folder}: no such store (run 'diplograph build SOURCES --out {folder}' first)")
            raise StoreError(f"{folder}: not a diplograph store (no {OXIGRAPH_FOLDER}/ folder inside)")
        if folder.exists() and not folder.is_dir():
            raise StoreError(f"{folder}: exists and is not a folder")
        folder.mkdir(parents=True, exist_ok=True)
    try:
        ox_store = pyoxigraph.Store(str(db))
    except OSError as e:
        if "lock" in str(e).lower():
            raise StoreError(f"{folder}: the store is in use by another diplograph process; "
                             "wait for it to finish") from None
        raise StoreError(f"{folder}: cannot open the store: {e}") from None
    dataset = Dataset(store=OxigraphStore(store=ox_store), default_union=True)
    bind_prefixes(dataset)
    return Store(dataset, location, ox_store)


def destroy_store(location: str | Path) -> None:
    db = Path(location) / OXIGRAPH_FOLDER
    if db.is_dir():
        shutil.rmtree(db)

