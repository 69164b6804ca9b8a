"""``marsad serve [--db] [--host 127.0.0.1] [--port 8000]``: the API and the dashboard, on uvicorn.

The arguments are declared in :mod:`marsad.cli`; this module (and so FastAPI and uvicorn) is
imported only when ``marsad serve`` runs.
"""

from __future__ import annotations

import argparse
import sys


def run_serve(args: argparse.Namespace) -> int:
    """Open the store, build the app and serve it until interrupted. Exit status 0, or 1 if the store
    cannot be opened, 2 if FastAPI/uvicorn are missing."""
    try:
        import uvicorn

        from marsad.serve.app import create_app
    except ImportError as exc:
        print(f"marsad: serve needs fastapi and uvicorn: {exc}", file=sys.stderr)
        return 2
    from marsad.store import Store

    try:
        store = Store.open(args.db)
    except Exception as exc:
        print(f"marsad: cannot open the store {args.db or 'at the default place'}: {exc}", file=sys.stderr)
        return 1
    app = create_app(store=store, read_protected=bool(getattr(args, "read_protected", False)))
    print(f"marsad: serving {store!r} on http://{args.host}:{args.port}/ (API docs: /docs)", file=sys.stderr)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level=getattr(args, "log_level", "warning"))
    finally:
        store.close()
    return 0
