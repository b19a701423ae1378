"""`diplograph validate`: check a store against the SHACL shapes and print each violation."""

from __future__ import annotations

from diplograph.cli.arguments import non_negative_int
from diplograph.store import open_store
from diplograph.validate import validate


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "validate", help="check the store against the SHACL shapes (ontology/shapes.ttl)",
        description="Validate the store's graph with pySHACL against ontology/shapes.ttl "
                    "(meetings with two participants and a date, officials with a name, visits "
                    "with a destination, positive amounts with a currency, evidence on every "
                    "fact) and print each violation with the document and sentence behind it. "
                    "Exits 1 when there is a violation.",
        epilog="Example: diplograph validate --store out/",
    )
    p.add_argument("--store", required=True, metavar="DIR")
    p.add_argument("--limit", type=non_negative_int, default=0, metavar="N",
                   help="print at most N violations (default: all)")
    p.set_defaults(run=run)


def run(args) -> int:
    with open_store(args.store) as store:
        report = validate(store)
    shown = report.violations[:args.limit] if args.limit > 0 else report.violations
    for violation in shown:
        print(violation)
    if len(shown) < len(report.violations):
        print(f"... and {len(report.violations) - len(shown)} more")
    verdict = "conforms" if report.conforms else (
        f"{len(report.violations)} violation(s) on {report.focus_nodes} node(s)")
    print(f"shapes  {verdict} ({report.seconds:.1f} s)")
    return 0 if report.conforms else 1
