"""query -> text: SPARQL results written as a terminal table, CSV, TSV, W3C JSON/XML or Markdown,
and CONSTRUCT/DESCRIBE graphs as Turtle, N-Triples or JSON-LD.
"""

from __future__ import annotations

import csv
import io
import json

from rdflib import BNode, Literal, URIRef
from rdflib.query import Result

from diplograph.errors import QueryError
from diplograph.vocabulary import bind_prefixes

SELECT_FORMATS = ("table", "csv", "tsv", "json", "xml", "markdown")
GRAPH_FORMATS = ("turtle", "json-ld", "nt")

# media types of the SPARQL 1.1 result formats and of the graph syntaxes, for HTTP
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "json-ld": "application/ld+json",
}


def format_result(result: Result, fmt: str | None = None) -> str:
    """`result` as text in `fmt` (default: a table, or Turtle for a graph)."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        fmt = fmt or "turtle"
        if fmt not in GRAPH_FORMATS:
            raise QueryError(f"a {result.type} query gives a graph: use --format "
                             + " or ".join(GRAPH_FORMATS) + f", not {fmt}")
        graph = result.graph
        bind_prefixes(graph)
        text = graph.serialize(format=fmt)
        return text if text.endswith("\n") else text + "\n"
    fmt = fmt or "table"
    if fmt not in SELECT_FORMATS:
        raise QueryError(f"a {result.type} query gives rows: use --format "
                         + ", ".join(SELECT_FORMATS) + f", not {fmt}")
    if result.type == "ASK":
        if fmt in ("json", "xml"):
            return result.serialize(format=fmt).decode("utf-8") + "\n"
        return ("true" if result.askAnswer else "false") + "\n"
    columns = [str(v) for v in result.vars or []]
    table = [[row[i] if i < len(row) else None for i in range(len(columns))] for row in result]
    if fmt == "json":
        return json_results(columns, table) + "\n"
    if fmt == "xml":
        return result.serialize(format="xml").decode("utf-8") + "\n"
    if fmt == "csv":
        return csv_results(columns, table)
    if fmt == "tsv":
        return tsv_results(columns, table)
    cells = [[_plain(v) for v in row] for row in table]
    if fmt == "markdown":
        return markdown_table(columns, cells) + "\n"
    return format_table(columns, cells) + "\n"


def _plain(term) -> str:
    return "" if term is None else str(term)


def json_results(columns: list[str], table: list[list]) -> str:
    """The W3C SPARQL 1.1 Query Results JSON Format."""
    bindings = []
    for row in table:
        binding = {}
        for name, term in zip(columns, row):
            if term is None:
                continue
            if isinstance(term, URIRef):
                binding[name] = {"type": "uri", "value": str(term)}
            elif isinstance(term, BNode):
                binding[name] = {"type": "bnode", "value": str(term)}
            else:
                value = {"type": "literal", "value": str(term)}
                if term.language:
                    value["xml:lang"] = term.language
                elif term.datatype:
                    value["datatype"] = str(term.datatype)
                binding[name] = value
        bindings.append(binding)
    return json.dumps({"head": {"vars": columns}, "results": {"bindings": bindings}},
                      ensure_ascii=False)


def csv_results(columns: list[str], table: list[list]) -> str:
    """SPARQL 1.1 CSV: plain values, no types (\\r\\n line ends, as RFC 4180 says)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([[_plain(v) for v in row] for row in table])
    return out.getvalue()


def tsv_results(columns: list[str], table: list[list]) -> str:
    """SPARQL 1.1 TSV: every term in N-Triples/Turtle syntax, so types and languages survive."""
    lines = ["\t".join(f"?{c}" for c in columns)]
    for row in table:
        lines.append("\t".join("" if v is None else _tsv_term(v) for v in row))
    return "\n".join(lines) + "\n"


def _tsv_term(term) -> str:
    if isinstance(term, Literal):
        text = term.n3()
    else:
        text = term.n3()
    return text.replace("\t", "\\t").replace("\n", "\\n")


def markdown_table(columns: list[str], cells: list[list[str]]) -> str:
    def escape(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(escape(c) for c in columns) + " |",
             "| " + " | ".join("---" for _ in columns) + " |"]
    lines += ["| " + " | ".join(escape(v) for v in row) + " |" for row in cells]
    return "\n".join(lines)


def format_table(columns: list[str], cells: list[list[str]]) -> str:
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(_pad(c, w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(v, w) for v, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
