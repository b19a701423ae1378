"""`diplograph build`: documents in, a store with a network page and a report out."""

from __future__ import annotations

import sys

from diplograph.cli.arguments import positive_int, positive_seconds
from diplograph.build import BuildSummary, build
from diplograph.cli.progress import ProgressLine
from diplograph.errors import DiplographError
from diplograph.settings import Settings


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "build", help="read documents, extract facts, write the store, network page and report",
        description="Read every .txt/.html/.htm file under SOURCES (files, folders searched "
                    "recursively, http(s) URLs), extract facts and write them as RDF into the "
                    "Oxigraph store in DIR, then DIR/network.html and DIR/report.md. Building "
                    "again is incremental: unchanged documents are skipped, changed ones "
                    "replaced. A document that cannot be read is listed in the summary with the "
                    "reason and the others go on; the exit status is non-zero only when nothing "
                    "could be read.",
        epilog="Example: diplograph build examples/ https://example.org/news/1.html "
               "--list more-sources.txt --out out/",
    )
    p.add_argument("sources", nargs="*", metavar="SOURCES", help="files, folders or http(s) URLs")
    p.add_argument("--list", dest="list_file", metavar="FILE",
                   help="a file naming more sources, one path or URL per line ('#' comments; "
                        "relative paths are taken from FILE's folder)")
    p.add_argument("--out", required=True, metavar="DIR", help="store folder (created if needed)")
    p.add_argument("--max-bytes", type=positive_int, default=Settings.max_document_bytes, metavar="N",
                   help="skip documents larger than N bytes (default: %(default)s)")
    p.add_argument("--timeout", type=positive_seconds, default=Settings.fetch_timeout, metavar="SECONDS",
                   help="give up on a URL that has not answered after this long "
                        "(default: %(default)s)")
    p.add_argument("--no-reason", action="store_true",
                   help="skip the HermiT consistency check and the inferred graph")
    p.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    p.add_argument("--quiet", action="store_true",
                   help="no progress bar; only skipped documents (stderr) and the summary")
    p.set_defaults(run=run)


def run(args) -> int:
    if not args.sources and not args.list_file:
        raise DiplographError("nothing to build from: give SOURCES or --list FILE")
    settings = Settings(max_document_bytes=args.max_bytes, fetch_timeout=args.timeout,
                        quiet=args.quiet, reason=not args.no_reason,
                        validate=not args.no_validate)
    progress = None if args.quiet else ProgressLine(sys.stderr)
    summary = build(args.sources, args.out, settings, progress, list_file=args.list_file)
    if progress:
        progress.finish()
    for source, reason in summary.skipped:
        print(f"skipped {source}: {reason}", file=sys.stderr)
    print(format_summary(summary))
    # some documents failing is a normal day with a real corpus; none read at all is a failure
    return 0 if summary.useful else 1


def format_summary(summary: BuildSummary) -> str:
    rows: list[tuple[str, str]] = [
        ("documents read", f"{summary.documents + summary.unchanged}"),
        ("  new", f"{summary.added}"),
        ("  changed (replaced)", f"{summary.replaced}"),
        ("  unchanged", f"{summary.unchanged}"),
        ("skipped", f"{len(summary.skipped)}"),
    ]
    for source, reason in summary.skipped:
        rows.append((f"  {source}", reason))
    facts = [(k, v) for k, v in summary.facts.items() if v]
    rows.append(("facts extracted", f"{sum(v for _, v in facts)}"))
    rows += [(f"  {k}", f"{v}") for k, v in facts]
    rows += [("triples in store", f"{summary.triples}"),
             ("reasoning", format_reasoning(summary.reasoning)),
             ("shapes", format_validation(summary.validation)),
             ("seconds", f"{summary.seconds:.1f}")]
    rows += [(name, str(path)) for name, path in summary.outputs.items()]
    width = min(max(len(k) for k, _ in rows), 48)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


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
