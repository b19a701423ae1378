"""graph -> store: the one module that knows where triples live.

A store is a folder holding an embedded Oxigraph database (the default), "memory" for tests, or
the http(s) URL of any SPARQL 1.1 endpoint (Virtuoso, Fuseki, GraphDB, `diplograph serve`), read
through the SPARQL 1.1 Protocol and written through SPARQL 1.1 Update. Each document's named graph
is replaced in one SPARQL Update, so a killed build never leaves a half-written document behind.

In an Oxigraph store the default graph is the merged view of all named graphs: every triple once,
however many documents state it (the same official named by thirty articles). Queries run on it,
so joins do not multiply by the number of documents, as they do over Oxigraph's union of named
graphs. Each write keeps it in step in the same transaction: a triple leaves the merged view only
when no other named graph still holds it. Triples with blank nodes (the ontology's axioms) stay in
their named graph only.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Mapping
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.query import Result, ResultRow
from rdflib.term import Identifier, Variable

from diplograph.errors import StoreError
from diplograph.vocabulary import PREFIXES, bind_prefixes

OXIGRAPH_FOLDER = "oxigraph"
MEMORY = "memory"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_PREFIX_IRIS = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


class Store:
    """An RDF dataset with named graphs, queried with SPARQL 1.1."""

    def __init__(self, dataset: Dataset, location: str, ox_store=None):
        self.dataset = dataset
        self.location = location
        self._ox = ox_store  # the pyoxigraph store underneath, when there is one

    # -- reading
    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> Result:
        """Run a SPARQL query over the merged view of all named graphs."""
        if self._ox is not None:
            return _oxigraph_query(self._ox, sparql, bindings)
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
        """The number of triples in the named graphs (a triple counts once per graph holding it)."""
        if self._ox is not None:
            return len(self._ox) - _count(self._ox, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return sum(len(self.dataset.graph(n)) for n in self.graph_names())

    # -- writing
    def replace_graph(self, graph: Graph) -> None:
        """Put `graph` in the store under its identifier, replacing what was there, atomically."""
        name = graph.identifier
        if self._ox is not None:
            body = graph.serialize(format="nt")
            ground = "".join(line + "\n" for line in body.splitlines() if "_:" not in line)
            # one update request is one Oxigraph transaction: the old graph goes and the new one
            # arrives together, the merged view follows, or nothing happens
            self._ox.update(_unmerge(name) + f"DROP SILENT GRAPH <{name}> ;\n"
                            f"INSERT DATA {{ GRAPH <{name}> {{\n{body}\n}} }} ;\n"
                            f"INSERT DATA {{\n{ground}\n}}")
            return
        self.dataset.remove_graph(self.dataset.graph(name))
        target = self.dataset.graph(name)
        for triple in graph:
            target.add(triple)

    def load_nquads(self, path: str | Path) -> None:
        """Add the quads of an N-Quads file (a bulk load, outside any transaction)."""
        if self._ox is not None:
            import pyoxigraph

            self._ox.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.N_QUADS)
            merge_named_graphs(self._ox)
            self._ox.optimize()
            return
        self.dataset.parse(str(path), format="nquads")

    def remove_graph(self, name: URIRef) -> None:
        if self._ox is not None:
            self._ox.update(_unmerge(name) + f"DROP SILENT GRAPH <{name}>")
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


def _oxigraph_query(ox_store, sparql: str, bindings: Mapping[str, Identifier] | None) -> Result:
    """A query run on Oxigraph itself, its answer as an rdflib Result.

    Results repeat their terms (the same country, date or name on thousands of rows) and building
    an rdflib Literal parses its lexical form, so each distinct term is converted once per query:
    at 43,000 rows this halves the time of going through oxrdflib, which converts every cell.
    """
    import pyoxigraph as ox

    answer = ox_store.query(
        sparql, prefixes=_PREFIX_IRIS,
        substitutions={ox.Variable(k): _to_oxigraph(v) for k, v in (bindings or {}).items()})
    converted: dict = {}

    def term(value):
        try:
            return converted[value]
        except KeyError:
            converted[value] = made = _from_oxigraph(value)
            return made

    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
    elif isinstance(answer, ox.QuerySolutions):
        names = [Variable(v.value) for v in answer.variables]
        rows = [tuple(None if value is None else term(value) for value in solution)
                for solution in answer]
        result = _Solutions(names, rows)
    else:
        result = Result("CONSTRUCT")
        result.graph = Graph()
        bind_prefixes(result.graph)
        result.graph += ((term(t.subject), term(t.predicate), term(t.object)) for t in answer)
    return result


class _Solutions(Result):
    """SELECT results held as tuples: rdflib's own rows build a dict of column names for every
    row, which took longer than the query itself on results of thousands of rows."""

    def __init__(self, names: list[Variable], rows: list[tuple]):
        super().__init__("SELECT")
        self.vars = names
        self._rows = [row for row in rows if any(v is not None for v in row)]
        self._labels = {str(name): i for i, name in enumerate(names)}
        # rdflib builds the dicts from a generator only when a caller reads .bindings
        self.bindings = ({n: v for n, v in zip(names, row) if v is not None} for row in self._rows)

    def __iter__(self):
        labels = self._labels
        for row in self._rows:
            made = tuple.__new__(ResultRow, row)
            made.labels = labels
            yield made

    def __len__(self) -> int:
        return len(self._rows)


def _to_oxigraph(term: Identifier):
    import pyoxigraph as ox

    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype or XSD_STRING))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    return ox.NamedNode(str(term))


def _from_oxigraph(term) -> Identifier:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _unmerge(name: URIRef) -> str:
    """The update that takes a named graph's triples out of the merged view unless another named
    graph also holds them (the IRI is one diplograph minted, never user text)."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != <{name}>) }} }} ;\n")


def _count(ox_store, sparql: str) -> int:
    return int(next(iter(ox_store.query(sparql)))[0].value)


def merge_named_graphs(ox_store) -> None:
    """(Re)build the merged view from the named graphs: for stores written before it existed, and
    after a bulk load."""
    ox_store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
                    "FILTER (!isBlank(?s) && !isBlank(?o)) }")


def is_remote(location: str | Path) -> bool:
    return str(location).startswith(("http://", "https://"))


def is_store(location: str | Path) -> bool:
    return is_remote(location) or (Path(location) / OXIGRAPH_FOLDER).is_dir()


def syntax_error(sparql: str) -> tuple[int, int, str] | None:
    """(line, column, message) when `sparql` is not a valid SPARQL 1.1 query, else None."""
    import pyoxigraph

    try:
        # parsing needs no data: an empty in-memory store answers at once
        pyoxigraph.Store().query(sparql, prefixes=_PREFIX_IRIS)
    except SyntaxError as e:
        m = re.search(r"(\d+):(\d+):?\s*(.*)", str(e), re.S)
        if m:
            return int(m.group(1)), int(m.group(2)), m.group(3).strip()
        return 1, 1, str(e)
    return None


# how long open_store waits for another process to release a store; `--wait` sets it per run
_wait_seconds = 0.0


def wait_for_busy_stores(seconds: float) -> None:
    """Make open_store wait up to `seconds` for a store another process holds, then give up."""
    global _wait_seconds
    _wait_seconds = max(0.0, seconds)


def open_store(location: str | Path, create: bool = False) -> Store:
    """Open the store at `location` (a folder, or "memory"); `create` makes a new one if needed.
    A store another process is writing is waited for as long as wait_for_busy_stores allows."""
    location = str(location)
    if is_remote(location):
        return RemoteStore(location)
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
    deadline = time.monotonic() + _wait_seconds
    while True:
        try:
            ox_store = pyoxigraph.Store(str(db))
            break
        except OSError as e:
            if "lock" not in str(e).lower():
                raise StoreError(f"{folder}: cannot open the store: {e}") from None
            if time.monotonic() >= deadline:
                waited = f" (waited {_wait_seconds:g} s)" if _wait_seconds else ""
                raise StoreError(f"{folder}: the store is in use by another diplograph process"
                                 f"{waited}; wait for it to finish, or give --wait SECONDS")
            time.sleep(min(0.5, max(0.0, deadline - time.monotonic())))
    if not bool(ox_store.query("ASK { ?s ?p ?o }")) and bool(
            ox_store.query("ASK { GRAPH ?g { ?s ?p ?o } }")):
        merge_named_graphs(ox_store)  # a store from before the merged view
    dataset = Dataset(store=OxigraphStore(store=ox_store), default_union=False)
    bind_prefixes(dataset)
    return Store(dataset, location, ox_store)


def destroy_store(location: str | Path) -> None:
    db = Path(location) / OXIGRAPH_FOLDER
    if db.is_dir():
        shutil.rmtree(db)



# -- a store on a SPARQL 1.1 server

_SELECT_TYPES = "application/sparql-results+json"
_GRAPHS = "https://w3id.org/diplograph/id/graph/"
_GRAPH_TYPES = "application/n-triples"


def _query_form(sparql: str) -> str:
    # blank out IRIs, strings and comments, which may hold the keywords
    masked = re.sub(r'<[^>\s]*>|"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|#[^\n]*', " ", sparql)
    m = re.search(r"\b(SELECT|CONSTRUCT|DESCRIBE|ASK)\b", masked, re.I)
    return m.group(1).upper() if m else "SELECT"


class RemoteStore(Store):
    """A SPARQL 1.1 endpoint: queries go over the Protocol, writes as SPARQL 1.1 Update.

    The update endpoint is the query URL itself (Virtuoso, GraphDB, `diplograph serve` refuses
    writes), or Fuseki's sibling `/update` when the URL ends in `/query` or `/sparql` of a
    Fuseki dataset; give it explicitly with `update_url`. Queries run over the server's default
    graph, which these servers can make the union of the named graphs.
    """

    def __init__(self, url: str, update_url: str | None = None, timeout: float = 60.0,
                 chunk: int = 1000):
        dataset = Dataset(default_union=True)
        bind_prefixes(dataset)
        super().__init__(dataset, url)
        self.url = url
        self.update_url = update_url or (url[: -len("/query")] + "/update"
                                         if url.endswith("/query") else url)
        self.timeout = timeout
        self.chunk = chunk  # triples per INSERT DATA request

    def _post(self, url: str, form: dict, accept: str) -> tuple[str, bytes]:
        import urllib.error
        import urllib.parse
        import urllib.request

        body = urllib.parse.urlencode(form).encode("utf-8")
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8", "Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(f"{url}: the server answered {e.code} {e.reason}"
                             + (f": {detail[0][:300]}" if detail else "")) from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise StoreError(f"{url}: cannot reach the SPARQL endpoint ({reason})") from None

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> Result:
        from io import BytesIO

        if bindings:
            # a trailing VALUES clause is standard SPARQL 1.1; the terms are serialised by rdflib
            names = " ".join(f"?{k}" for k in bindings)
            terms = " ".join(v.n3() for v in bindings.values())
            sparql = f"{sparql}\nVALUES ({names}) {{ ({terms}) }}"
        prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in _PREFIX_IRIS.items()
                           if not re.search(rf"PREFIX\s+{p}:", sparql, re.I))
        if _query_form(sparql) in ("CONSTRUCT", "DESCRIBE"):
            content_type, body = self._post(self.url, {"query": prologue + sparql},
                                            f"{_GRAPH_TYPES}, text/turtle;q=0.9")
            result = Result(_query_form(sparql))
            result.graph = Graph()
            # N-Triples is Turtle, so one parser reads either answer
            result.graph.parse(data=body.decode("utf-8"), format="turtle")
            return result
        content_type, body = self._post(self.url, {"query": prologue + sparql}, _SELECT_TYPES)
        return Result.parse(BytesIO(body), format="json")

    def update(self, sparql: str) -> None:
        self._post(self.update_url, {"update": sparql}, "*/*")

    def graph_names(self) -> list[URIRef]:
        # a server holds graphs of its own (Virtuoso's system graphs): only diplograph's count
        result = self.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                            f"FILTER (STRSTARTS(STR(?g), {Literal(_GRAPHS).n3()})) }}")
        return [row[0] for row in result if isinstance(row[0], URIRef)]

    def graph(self, name: URIRef) -> Graph:
        g = Graph(identifier=name)
        bind_prefixes(g)
        result = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {name.n3()} {{ ?s ?p ?o }} }}")
        for triple in result.graph:
            g.add(triple)
        return g

    def __len__(self) -> int:
        result = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                            f"FILTER (STRSTARTS(STR(?g), {Literal(_GRAPHS).n3()})) }}")
        return int(next(iter(result))[0])

    def replace_graph(self, graph: Graph) -> None:
        name = URIRef(graph.identifier)
        lines = [line for line in graph.serialize(format="nt").splitlines() if line.strip()]
        # triples with blank nodes travel together in one INSERT {...} WHERE {} (one request keeps
        # a blank node one node; Virtuoso refuses blank nodes in INSERT DATA)
        blank = [line for line in lines if line.startswith("_:") or re.search(r" _:\S+ \.$", line)]
        plain = [line for line in lines if line not in set(blank)] if blank else lines
        chunks = [plain[i:i + self.chunk] for i in range(0, len(plain), self.chunk)] or [[]]
        # the drop and the first chunk go in one request, which Virtuoso, Fuseki and GraphDB run
        # as one transaction: a document graph (a few hundred triples) is swapped atomically.
        # Larger graphs follow in further requests, since servers cap the size of one update
        # (Virtuoso's parser runs out of memory near 5,000 triples).
        first = "\n".join(chunks[0])
        self.update(f"DROP SILENT GRAPH {name.n3()} ;\n"
                    f"INSERT DATA {{ GRAPH {name.n3()} {{\n{first}\n}} }}")
        for chunk in chunks[1:]:
            body = "\n".join(chunk)
            self.update(f"INSERT DATA {{ GRAPH {name.n3()} {{\n{body}\n}} }}")
        if blank:
            body = "\n".join(blank)
            self.update(f"INSERT {{ GRAPH {name.n3()} {{\n{body}\n}} }} WHERE {{}}")

    def remove_graph(self, name: URIRef) -> None:
        self.update(f"DROP SILENT GRAPH {URIRef(name).n3()}")

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass
