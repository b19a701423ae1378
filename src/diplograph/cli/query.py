"""`diplograph query`: run a library query, a .rq file or an inline query against a store."""

from __future__ import annotations

import sys

from diplograph.errors import QueryError
from diplograph.queries import load_query, query_names, run_query
from diplograph.results import GRAPH_FORMATS, SELECT_FORMATS, format_result


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "query", help="run a SPARQL query (a name from queries/, a .rq file, or inline)",
        description="Run a query from the library in queries/ (by name), a .rq file, or a query "
                    "string. Parameters declared in the query's header are given with --param. "
                    "Library: " + ", ".join(query_names()),
        epilog="Example: diplograph query exchanges-with-country --store out/ "
               "--param country=AE --param from=2025-01-01 --format csv",
    )
    p.add_argument("query", metavar="NAME|FILE|QUERY")
    p.add_argument("--store", required=True, metavar="DIR|URL",
                   help="a store folder, or the http(s) URL of a SPARQL 1.1 endpoint")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a parameter of the query (repeatable)")
    p.add_argument("--format", choices=sorted(set(SELECT_FORMATS) | set(GRAPH_FORMATS)),
                   default=None, help="table (default), csv, tsv, json (W3C SPARQL results), "
                   "markdown; turtle (default) or json-ld for CONSTRUCT and DESCRIBE")
    p.set_defaults(run=run)


def parse_params(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise QueryError(f"--param {pair!r}: expected NAME=VALUE")
        values[name.lstrip("?")] = value
    return values


def run(args) -> int:
    from diplograph.store import open_store

    query = load_query(args.query)
    values = parse_params(args.param)
    with open_store(args.store) as store:
        result = run_query(store, query, values)
        sys.stdout.write(format_result(result, args.format))
    return 0
