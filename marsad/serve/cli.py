"""``marsad serve [--db] [--host 127.0.0.1] [--port 8000] [--workers N]``: the API and the dashboard,
on uvicorn.

The arguments are declared in :mod:`marsad.cli`; this module (and so FastAPI and uvicorn) is
imported only when ``marsad serve`` runs.

**Workers.** One uvicorn process serves requests on one core at a time: Python runs one thread at
once, so FastAPI's thread pool overlaps waiting (SQLite releases the interpreter while it reads)
but not computing. ``--workers N`` starts N processes that share the listening socket; each opens
the store itself (reads need no coordination: SQLite in WAL mode lets any number of readers run
beside one writer, PostgreSQL too). The parent opens the store first, so that migrations run once,
then hands the children its URL in :data:`ENV_DB` and the reading policy in
:data:`ENV_READ_PROTECTED`; each child builds its app with :func:`app_from_env`. Each worker keeps
its own count cache (:class:`marsad.serve.data.CountCache`), keyed on the store's version, so a
write through any worker or any other process is seen by all.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

#: Environment variables through which ``marsad serve --workers N`` configures its worker processes.
ENV_DB = "MARSAD_SERVE_DB"
ENV_READ_PROTECTED = "MARSAD_SERVE_READ_PROTECTED"


def app_from_env() -> Any:
    """The app of one worker process (uvicorn's factory for ``--workers``): the store named by
    :data:`ENV_DB`, already migrated by the parent."""
    from marsad.serve.app import create_app
    from marsad.store import Store

    store = Store.open(os.environ[ENV_DB], migrate=False)
    return create_app(store=store, read_protected=os.environ.get(ENV_READ_PROTECTED) == "1")


def run_serve(args: argparse.Namespace) -> int:
    """Open the store, build the app and serve it until interrupted. Exit status 0, or 1 if the store
    cannot be opened, 2 if FastAPI/uvicorn are missing or ``--workers`` is below 1."""
    try:
        import uvicorn

        from marsad.serve.app import create_app
    except ImportError as exc:
        print(f"marsad: serve needs fastapi and uvicorn: {exc}", file=sys.stderr)
        return 2
    from marsad.store import Store

    workers = int(getattr(args, "workers", 1) or 1)
    if workers < 1:
        print("marsad: --workers must be at least 1", file=sys.stderr)
        return 2
    read_protected = bool(getattr(args, "read_protected", False))
    log_level = getattr(args, "log_level", "warning")
    try:
        store = Store.open(args.db)
    except Exception as exc:
        print(f"marsad: cannot open the store {args.db or 'at the default place'}: {exc}", file=sys.stderr)
        return 1
    print(f"marsad: serving {store!r} on http://{args.host}:{args.port}/ (API docs: /docs)"
          + (f" with {workers} worker processes" if workers > 1 else ""), file=sys.stderr)
    if workers > 1:
        os.environ[ENV_DB] = store.url.render_as_string(hide_password=False)
        os.environ[ENV_READ_PROTECTED] = "1" if read_protected else ""
        store.close()  # each worker opens its own
        uvicorn.run("marsad.serve.cli:app_from_env", factory=True, workers=workers, host=args.host,
                    port=args.port, log_level=log_level)
        return 0
    app = create_app(store=store, read_protected=read_protected)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level=log_level)
    finally:
        store.close()
    return 0
