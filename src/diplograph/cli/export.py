"""`diplograph export`: the store as RDF files, or its who-met-whom network for Gephi/networkx."""

from __future__ import annotations

import sys
from pathlib import Path

from diplograph.export import FORMATS, export


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export", help="write the store as TriG/N-Quads/Turtle/JSON-LD or the network as "
                       "GraphML/GEXF/CSV",
        description="Write every named graph of the store (trig, nquads, jsonld keep the graphs; "
                    "turtle merges them), or the who-met-whom network (graphml, gexf for Gephi "
                    "and networkx, csv edge list), to --output or standard output.",
        epilog="Example: diplograph export --store out/ --format gexf --output meetings.gexf",
    )
    p.add_argument("--store", required=True, metavar="DIR|URL")
    p.add_argument("--format", required=True, choices=FORMATS)
    p.add_argument("--output", "-o", metavar="FILE", help="file to write (default: stdout)")
    p.set_defaults(run=run)


def run(args) -> int:
    from diplograph.store import open_store

    with open_store(args.store) as store:
        data = export(store, args.format)
    if args.output:
        Path(args.output).write_bytes(data)
        print(f"wrote {args.output} ({len(data)} bytes)", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return 0
