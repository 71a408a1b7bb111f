"""The ``gateway`` command: ``gateway serve`` runs the HTTP server (uvicorn)."""

from __future__ import annotations

import argparse
import gc
import os
import sys

import uvicorn

from gateway.app import create_app
from gateway.logs import configure_logging
from gateway.settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gateway", description="Swedish discharge-coordination FHIR gateway")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the gateway (embedded SQLite unless GATEWAY_DATABASE_URL is set)")
    serve.add_argument("--host", help="listen address (GATEWAY_HOST)")
    serve.add_argument("--port", type=int, help="listen port (GATEWAY_PORT)")
    args = parser.parse_args(argv)

    settings = Settings.from_env(os.environ)
    configure_logging(settings.log_level)
    app = create_app(settings)
    gc.freeze()  # measured: fewer long GC pauses (shared/reference/perf-baseline.md)
    uvicorn.run(
        app,
        host=args.host or settings.host,
        port=args.port or settings.port,
        log_config=None,
        access_log=False,
        server_header=False,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
