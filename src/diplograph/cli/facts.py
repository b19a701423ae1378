"""`diplograph facts`: the store's knowledge as JSON Lines (the format of FACTS.md)."""

from __future__ import annotations

import json
import sys

from diplograph.facts import FACT_TYPES, iter_facts
from diplograph.store import open_store


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "facts", help="print the facts in the store as JSON Lines",
        description="Print every fact (countries, officials, organizations, events, meetings, "
                    "participations, visits, agreements) as one JSON object per line, produced from "
                    "the store by the SPARQL queries queries/facts-*.rq.",
        epilog="Example: diplograph facts --store out/ > facts.jsonl",
    )
    p.add_argument("--store", required=True, metavar="DIR")
    p.add_argument("--type", action="append", choices=FACT_TYPES, dest="types",
                   help="only facts of this type (repeatable)")
    p.set_defaults(run=run)


def run(args) -> int:
    with open_store(args.store) as store:
        for record in iter_facts(store, tuple(args.types or FACT_TYPES)):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0
