"""`diplograph reason`: check a store with HermiT and rewrite its inferred graph."""

from __future__ import annotations

from diplograph.reason import ReasoningReport, reason
from diplograph.store import open_store
from diplograph.vocabulary import INFERRED_GRAPH


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "reason", help="check consistency with HermiT and materialise inferred triples",
        description="Check the ontology and the store's data for consistency with the HermiT "
                    "reasoner (needs Java), then replace the named graph "
                    f"<{INFERRED_GRAPH}> with what the ontology entails: superclasses, "
                    "super-properties, inverses (dg:ledBy from dg:leads), symmetric dg:metWith from "
                    "meeting principals and the transitive dg:locatedIn. Exits 1 when the graph is "
                    "inconsistent, naming the individuals, their document and the axiom.",
        epilog="Example: diplograph reason --store out/",
    )
    p.add_argument("--store", required=True, metavar="DIR")
    p.set_defaults(run=run)


def format_report(report: ReasoningReport) -> str:
    if not report.checked:
        status = f"not checked: {report.note}"
    elif report.consistent:
        status = "consistent (HermiT)"
    else:
        status = f"INCONSISTENT (HermiT), {len(report.clashes)} clash(es) found"
    lines = [f"consistency  {status}",
             f"inferred     {report.inferred} triples in <{INFERRED_GRAPH}>"
             + (" (" + ", ".join(f"{k} {v}" for k, v in sorted(report.counts.items())) + ")"
                if report.counts else ""),
             f"seconds      {report.seconds:.1f}"]
    if report.checked and not report.consistent:
        if not report.clashes:
            lines.append("no known axiom explains the inconsistency; run 'diplograph validate'")
        lines.extend(str(clash) for clash in report.clashes)
    return "\n".join(lines)


def run(args) -> int:
    with open_store(args.store) as store:
        report = reason(store)
    print(format_report(report))
    return 1 if report.checked and not report.consistent else 0
