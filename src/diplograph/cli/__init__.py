"""cli: parses arguments, calls one library function per command, prints. Nothing imports it."""

from __future__ import annotations

import argparse
import importlib
import sys

from diplograph import __version__
from diplograph.cli.arguments import non_negative_seconds
from diplograph.errors import DiplographError
from diplograph.store import wait_for_busy_stores

# one module per command group, each with register(subparsers) -> None
COMMAND_MODULES = ["build", "facts", "query", "report", "reason", "validate", "docs", "viz",
                   "remove", "export", "serve"]


# the commands that open a store (all but docs), and so take --wait
STORE_COMMANDS = [name for name in COMMAND_MODULES if name != "docs"]


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="diplograph",
        description="Foreign-affairs news into a knowledge graph you can query, explore and report on.",
        epilog="Example: diplograph build examples --out out && diplograph query facts-meetings --store out",
    )
    parser.add_argument("--version", action="version", version=f"diplograph {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"diplograph.cli.{name}").register(subparsers)
    for name, command in subparsers.choices.items():
        if name in STORE_COMMANDS:
            command.add_argument(
                "--wait", type=non_negative_seconds, default=0.0, metavar="SECONDS",
                help="if another diplograph process is using the store, wait up to SECONDS for "
                     "it to finish (default: fail at once)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    wait_for_busy_stores(getattr(args, "wait", 0.0))
    try:
        return int(args.run(args) or 0)
    except DiplographError as e:
        print(f"diplograph {args.command}: {e}", file=sys.stderr)
        return 2
    except OSError as e:  # a file that cannot be written or read: say which and why
        where = e.filename or ""
        print(f"diplograph {args.command}: {where}{': ' if where else ''}{e.strerror or e}",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
