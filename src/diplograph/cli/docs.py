"""`diplograph docs`: write the ontology's HTML documentation page."""

from __future__ import annotations

from diplograph.docs import write_docs


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "docs", help="write an HTML page documenting the ontology",
        description="Generate one self-contained HTML page from ontology/diplograph.ttl: every "
                    "class, property and individual with its English and Chinese labels and "
                    "comments, domains, ranges, characteristics, disjointness, CAMEO/PLOVER codes "
                    "and the alignments to ORG, PROV-O, schema.org, OWL-Time, SEM and Wikidata.",
        epilog="Example: diplograph docs --out out/ontology.html",
    )
    p.add_argument("--out", required=True, metavar="PATH",
                   help="an .html file, or a folder to write ontology.html into")
    p.set_defaults(run=run)


def run(args) -> int:
    print(write_docs(args.out))
    return 0
