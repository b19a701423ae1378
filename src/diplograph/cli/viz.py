"""`diplograph viz`: the store's network (or a filtered view of it) as an offline HTML page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from diplograph.cli.arguments import non_negative_int, positive_int, year
from diplograph.network import KINDS, NetworkFilter, save_network_page
from diplograph.settings import Settings
from diplograph.store import open_store


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "viz", help="write the interactive network page (who met whom, where and when)",
        description="Write an interactive network page of the store: officials, delegations, "
                    "countries and places, events, agreements and organizations, joined by who "
                    "met, led, visited, attended, organized, signed and held posts. The page works "
                    "offline (open it from disk) and has its own year, country and type filters, "
                    "a search box and a facts panel with source sentences. The options here choose "
                    "what goes on the page. A page of more than --cap nodes is refused: choose "
                    "with a filter.",
        epilog="Example: diplograph viz --store out/ --out out/wang-hua.html --focus 王华 --hops 2 "
               "--from 2017 --to 2025 --types official delegation country",
    )
    p.add_argument("--store", required=True, metavar="DIR")
    p.add_argument("--out", required=True, metavar="FILE.html", type=Path)
    p.add_argument("--focus", metavar="NAME",
                   help="only what lies near this node: its Chinese name, pinyin or IRI")
    p.add_argument("--hops", type=non_negative_int, default=1, metavar="N",
                   help="with --focus, how many edges away from it to go (default: %(default)s)")
    p.add_argument("--from", dest="year_from", type=year, metavar="YEAR",
                   help="only exchanges dated in or after YEAR (undated ones are left out)")
    p.add_argument("--to", dest="year_to", type=year, metavar="YEAR",
                   help="only exchanges dated in or before YEAR (undated ones are left out)")
    p.add_argument("--country", action="append", default=[], metavar="CODE",
                   help="only exchanges touching this country or province, by ISO code (DE, "
                        "CN-HN); repeatable")
    p.add_argument("--types", nargs="+", choices=list(KINDS), default=[], metavar="TYPE",
                   help=f"only nodes of these types: {', '.join(KINDS)}")
    p.add_argument("--cap", type=positive_int, default=Settings.network_node_cap, metavar="N",
                   help="refuse pages of more than N nodes (default: %(default)s; pages stay "
                        "responsive up to about 3,000 nodes)")
    p.set_defaults(run=run)


def run(args) -> int:
    flt = NetworkFilter(focus=args.focus, hops=args.hops, year_from=args.year_from,
                        year_to=args.year_to, countries=tuple(args.country),
                        kinds=tuple(args.types))
    settings = replace(Settings(), network_node_cap=args.cap)
    with open_store(args.store) as store:
        network = save_network_page(store, args.out, settings, flt)
    print(f"{len(network.nodes)} nodes, {len(network.edges)} edges -> {args.out}")
    return 0
