"""`diplograph remove`: one document's named graph, and so only its facts, out of the store."""

from __future__ import annotations

from diplograph.build import remove_document


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "remove", help="remove one document and only its facts from the store",
        description="Remove the named graph of one document: its metadata, its facts and their "
                    "evidence. Officials, organizations and events that other documents also name "
                    "stay, because each document's graph holds its own statements about them. DOC "
                    "is the document's path or URL as it was built, its file name when that is "
                    "unique in the store, or its graph IRI.",
        epilog="Example: diplograph remove examples/2023-04-08_guangdong_macron_guangzhou.txt "
               "--store out/",
    )
    p.add_argument("doc", metavar="DOC", help="path, URL, file name or graph IRI of the document")
    p.add_argument("--store", required=True, metavar="DIR")
    p.set_defaults(run=run)


def run(args) -> int:
    removed = remove_document(args.store, args.doc)
    print(f"removed {removed.source} ({removed.triples} triples, graph <{removed.graph}>)")
    if removed.inferred is not None:
        print(f"inferred graph recomputed: {removed.inferred} triples")
    return 0
