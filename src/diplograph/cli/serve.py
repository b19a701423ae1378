"""`diplograph serve`: a read-only SPARQL 1.1 endpoint over a store, on this machine's loopback."""

from __future__ import annotations

import sys

from diplograph.cli.arguments import positive_int, positive_seconds, tcp_port
from diplograph.server import ServerSettings, make_server


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "serve", help="serve a store as a read-only SPARQL 1.1 endpoint with a query page",
        description="Answer SPARQL 1.1 Protocol queries (GET and POST) over the store at "
                    "http://HOST:PORT/sparql, with a query page at http://HOST:PORT/. Results in "
                    "JSON, XML, CSV or TSV, graphs in Turtle, N-Triples or JSON-LD, by the Accept "
                    "header. Updates are refused (403). Stop it with Ctrl-C.",
        epilog="Example: diplograph serve --store out/ --port 3030  (then open "
               "http://127.0.0.1:3030/)",
    )
    p.add_argument("--store", required=True, metavar="DIR")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    p.add_argument("--port", type=tcp_port, default=3030, help="port (default: %(default)s)")
    p.add_argument("--timeout", type=positive_seconds, default=ServerSettings.timeout,
                   help="seconds a query may run (default: %(default)s)")
    p.add_argument("--max-rows", type=positive_int, default=ServerSettings.max_rows,
                   help="rows or triples a response may carry (default: %(default)s)")
    p.set_defaults(run=run)


def run(args) -> int:
    from diplograph.store import open_store

    with open_store(args.store) as store:
        server = make_server(store, args.host, args.port,
                             ServerSettings(timeout=args.timeout, max_rows=args.max_rows))
        host, port = server.server_address[:2]
        print(f"SPARQL endpoint http://{host}:{port}/sparql  (query page http://{host}:{port}/)",
              file=sys.stderr, flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
            server.endpoint.close()
    return 0
