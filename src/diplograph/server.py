"""store -> HTTP: a read-only SPARQL 1.1 Protocol endpoint over a store, with a small query page.

GET and POST (form-encoded or application/sparql-query) on /sparql; results negotiated from the
Accept header (or a `format` parameter): JSON, XML, CSV, TSV for SELECT/ASK, Turtle, N-Triples,
JSON-LD, RDF/XML for CONSTRUCT/DESCRIBE. Updates get 403. A query that runs past the time limit
gets 503 (its thread is left to finish: Oxigraph cannot be interrupted from Python), and a
result with more rows than the cap is cut, with an X-SPARQL-MaxRows header as Virtuoso sends.
"""

from __future__ import annotations

import concurrent.futures
import re
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from rdflib.query import Result

from diplograph.errors import DiplographError
from diplograph.results import MEDIA_TYPES, format_result
from diplograph.store import Store, syntax_error

SELECT_TYPES = ["json", "xml", "csv", "tsv"]
GRAPH_TYPES = ["turtle", "nt", "json-ld", "rdfxml"]
_MEDIA = dict(MEDIA_TYPES, rdfxml="application/rdf+xml")
_ALIASES = {  # media types and `format` values clients send, mapped to our format names
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
    "text/turtle": "turtle", "application/x-turtle": "turtle", "turtle": "turtle",
    "text/n3": "turtle", "text/rdf+n3": "turtle", "n3": "turtle",  # Turtle is valid N3
    "application/n-triples": "nt", "text/plain": "nt", "nt": "nt", "ntriples": "nt",
    "application/ld+json": "json-ld", "json-ld": "json-ld", "jsonld": "json-ld",
    "application/rdf+xml": "rdfxml", "rdf+xml": "rdfxml",
    "json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv",
}
_UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
                     r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I)


@dataclass(frozen=True)
class ServerSettings:
    timeout: float = 30.0      # seconds a query may run
    max_rows: int = 10_000     # rows (or triples) a response may carry


class QueryTimeout(DiplographError):
    pass


def negotiate(accept: str, form: str | None, kind: str) -> str | None:
    """The format to answer a `kind` ("rows" or "graph") result in, or None if none fits."""
    offered = SELECT_TYPES if kind == "rows" else GRAPH_TYPES
    if form:
        name = _ALIASES.get(form.strip().lower())
        if name in offered:
            return name
        # a `format` meant for the other kind of result (SPARQLWrapper sends one): use Accept
    choices = []
    for position, part in enumerate((accept or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        choices.append((-q, position, media))
    for _, _, media in sorted(choices):
        if media in ("*/*", "application/*", "text/*", ""):
            return offered[0] if media != "text/*" else ("csv" if kind == "rows" else "turtle")
        name = _ALIASES.get(media)
        if name in offered:
            return name
    return None


def limit_rows(result: Result, max_rows: int) -> tuple[Result, bool]:
    """`result` cut to `max_rows` rows or triples, and whether it was cut."""
    if result.type == "SELECT":
        rows = []
        for row in result:
            if len(rows) == max_rows:
                cut = Result("SELECT")
                cut.vars = result.vars
                cut.bindings = [{v: t for v, t in zip(result.vars, r) if t is not None}
                                for r in rows]
                return cut, True
            rows.append(row)
        kept = Result("SELECT")
        kept.vars = result.vars
        kept.bindings = [{v: t for v, t in zip(result.vars, r) if t is not None} for r in rows]
        return kept, False
    if result.type in ("CONSTRUCT", "DESCRIBE") and len(result.graph) > max_rows:
        from rdflib import Graph

        cut = Result(result.type)
        cut.graph = Graph()
        for i, triple in enumerate(result.graph):
            if i == max_rows:
                break
            cut.graph.add(triple)
        return cut, True
    return result, False


def serialize(result: Result, fmt: str) -> str:
    if fmt == "rdfxml":
        return result.graph.serialize(format="xml")
    if result.type == "ASK" and fmt in ("csv", "tsv"):
        return ("true" if result.askAnswer else "false") + "\n"
    return format_result(result, fmt)


class Endpoint:
    """Runs queries for the handler threads, with a time limit and a row cap."""

    def __init__(self, store: Store, settings: ServerSettings = ServerSettings()):
        self.store = store
        self.settings = settings
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=4,
                                                           thread_name_prefix="sparql")

    def run(self, sparql: str) -> tuple[Result, bool]:
        def work():
            # materialise inside the worker, so the time limit covers evaluation, not only parsing
            return limit_rows(self.store.query(sparql), self.settings.max_rows)

        future = self._pool.submit(work)
        try:
            return future.result(timeout=self.settings.timeout)
        except concurrent.futures.TimeoutError:
            raise QueryTimeout(f"the query ran longer than {self.settings.timeout:g} s") from None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


class Handler(BaseHTTPRequestHandler):
    endpoint: Endpoint  # set on the subclass made by make_server
    server_version = "diplograph-sparql/1"

    def log_message(self, format, *args):  # noqa: A002 - the name is http.server's
        pass  # the terminal shows one line per server start, not per request

    # -- HTTP verbs
    def do_GET(self):
        url = urlsplit(self.path)
        params = parse_qs(url.query)
        if url.path in ("/", "/index.html") and "query" not in params:
            return self._send(200, "text/html; charset=utf-8", PAGE)
        if url.path not in ("/sparql", "/"):
            return self._send(404, "text/plain; charset=utf-8", f"no such path {url.path}; "
                              "the SPARQL endpoint is /sparql\n")
        if "update" in params:
            return self._forbidden()
        if "query" not in params:
            return self._send(400, "text/plain; charset=utf-8",
                              "give a query: GET /sparql?query=...\n")
        self._answer(params["query"][0], params)

    def do_POST(self):
        url = urlsplit(self.path)
        if url.path not in ("/sparql", "/"):
            return self._send(404, "text/plain; charset=utf-8", f"no such path {url.path}\n")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query)
        if content_type == "application/sparql-update":
            return self._forbidden()
        if content_type == "application/sparql-query":
            return self._answer(body, params)
        if content_type in ("application/x-www-form-urlencoded", ""):
            form = parse_qs(body)
            if "update" in form:
                return self._forbidden()
            params.update(form)
            if "query" in params:
                return self._answer(params["query"][0], params)
        return self._send(400, "text/plain; charset=utf-8",
                          "POST a query as application/sparql-query or as a form field 'query'\n")

    def do_PUT(self):
        self._forbidden()

    do_DELETE = do_PATCH = do_PUT

    # -- answering
    def _forbidden(self):
        self._send(403, "text/plain; charset=utf-8",
                   "this endpoint is read-only: SPARQL Update is not accepted\n")

    def _answer(self, sparql: str, params: dict) -> None:
        problem = syntax_error(sparql)
        if problem:
            if _UPDATE.match(sparql):
                return self._forbidden()
            line, column, message = problem
            return self._send(400, "text/plain; charset=utf-8",
                              f"SPARQL syntax error at line {line}, column {column}: {message}\n")
        try:
            result, cut = self.endpoint.run(sparql)
        except QueryTimeout as e:
            return self._send(503, "text/plain; charset=utf-8", f"{e}\n")
        except Exception as e:  # noqa: BLE001 - a failed query is the client's answer, not ours
            return self._send(500, "text/plain; charset=utf-8", f"query failed: {e}\n")
        kind = "rows" if result.type in ("SELECT", "ASK") else "graph"
        form = (params.get("format") or params.get("output") or [None])[0]
        fmt = negotiate(self.headers.get("Accept", "*/*"), form, kind)
        if fmt is None:
            offered = SELECT_TYPES if kind == "rows" else GRAPH_TYPES
            return self._send(406, "text/plain; charset=utf-8",
                              "cannot answer in the requested type; available: "
                              + ", ".join(_MEDIA[f] for f in offered) + "\n")
        headers = {"X-SPARQL-MaxRows": str(self.endpoint.settings.max_rows)} if cut else {}
        self._send(200, f"{_MEDIA[fmt]}; charset=utf-8", serialize(result, fmt), headers)

    def _send(self, status: int, content_type: str, text: str, headers: dict | None = None):
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Vary", "Accept")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


def make_server(store: Store, host: str = "127.0.0.1", port: int = 3030,
                settings: ServerSettings = ServerSettings()) -> ThreadingHTTPServer:
    """An HTTP server (not yet serving) answering SPARQL queries over `store`."""
    endpoint = Endpoint(store, settings)
    handler = type("BoundHandler", (Handler,), {"endpoint": endpoint})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    server.endpoint = endpoint  # type: ignore[attr-defined]
    return server


def serve_in_thread(server: ThreadingHTTPServer) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, name="sparql-server", daemon=True)
    thread.start()
    return thread


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>diplograph SPARQL</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2em;max-width:70em}
textarea{width:100%;height:14em;font-family:monospace;font-size:14px}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:.2em .5em;
text-align:left;vertical-align:top}th{background:#eee}#status{color:#555;margin-left:1em}
pre{background:#f6f6f6;padding:1em;overflow:auto}
</style></head><body>
<h1>diplograph SPARQL endpoint</h1>
<p>Type a SPARQL 1.1 query; it runs over the union of the store's named graphs. This page needs
no network: it posts to <code>/sparql</code> on this server. The prefixes dg:, id:, prov:, rdfs:,
dcterms:, xsd: and others of diplograph are predeclared.</p>
<form id="f"><textarea id="q" name="query">PREFIX dg: &lt;https://w3id.org/diplograph/ontology#&gt;
SELECT ?name ?title WHERE {
  ?official a dg:Official ; dg:name ?name ; dg:holdsPost/dg:title ?title .
}
ORDER BY ?name
LIMIT 50</textarea>
<p><button type="submit">Run</button><span id="status"></span></p></form>
<div id="out"></div>
<script>
const form = document.getElementById("f"), out = document.getElementById("out"),
      status = document.getElementById("status");
function cell(tag, text) { const c = document.createElement(tag); c.textContent = text; return c; }
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  status.textContent = "running..."; out.textContent = "";
  const started = performance.now();
  const response = await fetch("/sparql", {method: "POST",
    headers: {"Content-Type": "application/x-www-form-urlencoded",
              "Accept": "application/sparql-results+json, text/turtle;q=0.9"},
    body: new URLSearchParams({query: document.getElementById("q").value})});
  const text = await response.text();
  const ms = Math.round(performance.now() - started);
  if (!response.ok) { status.textContent = response.status + " (" + ms + " ms)";
                      out.appendChild(cell("pre", text)); return; }
  if (!(response.headers.get("Content-Type") || "").includes("json")) {
    status.textContent = "graph (" + ms + " ms)"; out.appendChild(cell("pre", text)); return; }
  const data = JSON.parse(text);
  if ("boolean" in data) { status.textContent = String(data.boolean); return; }
  const vars = data.head.vars, rows = data.results.bindings, table = document.createElement("table");
  const head = table.insertRow(); vars.forEach(v => head.appendChild(cell("th", v)));
  rows.forEach(b => { const r = table.insertRow();
    vars.forEach(v => r.appendChild(cell("td", b[v] ? b[v].value : ""))); });
  const cap = response.headers.get("X-SPARQL-MaxRows");
  status.textContent = rows.length + " rows (" + ms + " ms)" + (cap ? ", cut at " + cap : "");
  out.appendChild(table);
});
</script></body></html>
"""
