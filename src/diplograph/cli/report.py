"""`diplograph report`: a relationship report on one country, province, official or organization."""

from __future__ import annotations

from pathlib import Path

from diplograph.cli.arguments import iso_date
from diplograph.report import FORMATS, write_report
from diplograph.store import open_store


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "report", help="write a relationship report on one subject (HTML or Markdown)",
        description="Write a report on a subject's foreign exchanges: summary figures, a timeline, "
                    "meetings, visits in and out, events, agreements and their values, partners "
                    "ranked and the subject's network, every row with the sentence and document it "
                    "came from. The subject may be written in Chinese, English, pinyin or as an "
                    "ISO code (埃及, Egypt, Aiji, EG; 湖南, Hunan, CN-HN) or be an official or "
                    "organization. The HTML report is one file with its figures inside.",
        epilog="Example: diplograph report --store out/ --subject 埃及 --from 2025-01-01 "
               "--to 2025-12-31 --format html --out egypt.html",
    )
    p.add_argument("--store", required=True, metavar="DIR")
    p.add_argument("--subject", required=True, metavar="NAME",
                   help="a country, province, city, official or organization")
    p.add_argument("--from", dest="start", type=iso_date, metavar="YYYY-MM-DD",
                   help="first day of the period (default: no lower bound)")
    p.add_argument("--to", dest="end", type=iso_date, metavar="YYYY-MM-DD",
                   help="last day of the period (default: no upper bound)")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="html or md (default: from the --out suffix, else html)")
    p.add_argument("--out", required=True, metavar="FILE", type=Path)
    p.set_defaults(run=run)


def run(args) -> int:
    fmt = args.format or ("md" if args.out.suffix.lower() in (".md", ".markdown") else "html")
    with open_store(args.store) as store:
        report = write_report(store, args.subject, args.out, fmt, args.start, args.end)
    what = (f"no exchanges in {report.period.label}" if report.is_empty
            else f"{report.exchanges} exchange(s), {len(report.partners)} partner(s)")
    print(f"{args.out}: report on {report.subject.title} ({what})")
    return 0
