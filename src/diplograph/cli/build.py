"""`diplograph build`: documents in, a store with a network page and a report out."""

from __future__ import annotations

import sys
from pathlib import Path

from diplograph.build import build
from diplograph.cli.progress import ProgressLine
from diplograph.errors import DiplographError
from diplograph.settings import Settings


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "build", help="read documents, extract facts, write the store, network page and report",
        description="Read every .txt/.html file under SOURCES, extract facts and write them as RDF "
                    "into the Oxigraph store in DIR, then DIR/network.html and DIR/report.md.",
        epilog="Example: diplograph build examples/ --out out/",
    )
    p.add_argument("sources", nargs="+", metavar="SOURCES", help="files or folders")
    p.add_argument("--out", required=True, metavar="DIR", help="store folder (created if needed)")
    p.add_argument("--max-bytes", type=int, default=Settings.max_document_bytes,
                   help="refuse documents larger than this (default: %(default)s)")
    p.add_argument("--no-reason", action="store_true",
                   help="skip the HermiT consistency check and the inferred graph")
    p.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    p.add_argument("--quiet", action="store_true", help="no progress, only errors and the summary")
    p.set_defaults(run=run)


def run(args) -> int:
    for source in args.sources:
        if not Path(source).exists():
            raise DiplographError(f"{source}: no such file or folder")
    settings = Settings(max_document_bytes=args.max_bytes, quiet=args.quiet,
                        reason=not args.no_reason, validate=not args.no_validate)
    progress = None if args.quiet else ProgressLine(sys.stderr)
    summary = build(args.sources, args.out, settings, progress)
    if progress:
        progress.finish()
    print(format_summary(summary))
    if summary.skipped:
        for source, reason in summary.skipped:
            print(f"skipped {source}: {reason}", file=sys.stderr)
    read = summary.documents + summary.unchanged
    return 0 if read or not summary.skipped else 1


def format_summary(summary) -> str:
    lines = [
        f"documents  {summary.documents} read, {summary.unchanged} unchanged, "
        f"{len(summary.skipped)} skipped",
        "facts      " + ", ".join(f"{k} {v}" for k, v in summary.facts.items() if v) if summary.facts
        else "facts      none",
        f"triples    {summary.triples}",
        f"reasoning  {format_reasoning(summary.reasoning)}",
        f"shapes     {format_validation(summary.validation)}",
        f"seconds    {summary.seconds:.1f}",
    ]
    for name, path in summary.outputs.items():
        lines.append(f"{name:<10} {path}")
    return "\n".join(lines)


def format_reasoning(report) -> str:
    if report is None:
        return "skipped (--no-reason)"
    if not report.checked:
        status = f"consistency not checked ({report.note})"
    elif report.consistent:
        status = "consistent"
    else:
        status = (f"INCONSISTENT ({len(report.clashes)} clash(es); "
                  "'diplograph reason --store DIR' names them)")
    return f"{status}, {report.inferred} inferred triples"


def format_validation(report) -> str:
    if report is None:
        return "skipped (--no-validate)"
    if report.conforms:
        return "0 violations"
    return (f"{len(report.violations)} violations on {report.focus_nodes} nodes "
            "('diplograph validate --store DIR' lists them)")
