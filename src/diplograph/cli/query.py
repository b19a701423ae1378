"""`diplograph query`: run a query from the library (by name) or a .rq file against a store."""

from __future__ import annotations

import csv
import json
import sys

from diplograph.queries import load_query, query_names, rows, run_query
from diplograph.store import open_store


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "query", help="run a SPARQL query (a name from queries/ or a .rq file)",
        description="Run a query from the library in queries/ (by name) or a .rq file. "
                    "Library: " + ", ".join(query_names()),
        epilog="Example: diplograph query facts-meetings --store out/ --format csv",
    )
    p.add_argument("query", metavar="NAME|FILE")
    p.add_argument("--store", required=True, metavar="DIR")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(run=run)


def format_table(records: list[dict], columns: list[str]) -> str:
    cells = [[("" if r[c] is None else str(r[c])) for c in columns] for r in records]
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(_pad(c, w) for c, w in zip(columns, widths)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(v, w) for v, w in zip(row, widths)) for row in cells]
    return "\n".join(lines)


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def run(args) -> int:
    query = load_query(args.query)
    with open_store(args.store) as store:
        result = run_query(store, query)
        if result.type != "SELECT":
            sys.stdout.write(result.serialize(format="turtle").decode("utf-8")
                             if result.type != "ASK" else f"{result.askAnswer}\n")
            return 0
        columns = [str(v) for v in result.vars]
        records = rows(result)
    if args.format == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1, default=str)
        sys.stdout.write("\n")
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns)
        writer.writeheader()
        writer.writerows(records)
    else:
        print(format_table(records, columns))
    return 0
