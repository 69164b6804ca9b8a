"""``marsad serve [--db] [--host 127.0.0.1] [--port 8000] [--workers N]``: the API and the dashboard,
on uvicorn.

The arguments are declared in :mod:`marsad.cli`; this module (and so FastAPI and uvicorn) is
imported only when ``marsad serve`` runs.

**Workers.** One uvicorn process serves requests on one core at a time: Python runs one thread at
once, so FastAPI's thread pool overlaps waiting (SQLite releases the interpreter while it reads)
but not computing. ``--workers N`` starts N processes; each opens the store itself (reads need no
coordination: SQLite in WAL mode lets any number of readers run beside one writer, PostgreSQL too).
The parent opens the store first, so that migrations run once, then hands the children its URL in
:data:`ENV_DB` and the reading policy in :data:`ENV_READ_PROTECTED`; each child builds its app with
:func:`app_from_env`. Each worker keeps its own count cache (:class:`marsad.serve.data.CountCache`),
keyed on the store's version, so a write through any worker or any other process is seen by all.

Each worker listens on a socket of its own bound with ``SO_REUSEPORT`` (:func:`serve_workers`), so
that the kernel spreads new connections evenly over the workers. uvicorn's own ``workers=`` shares
one socket instead, and whichever process is awake first accepts: under the API benchmark (50
keep-alive connections opened at once) one worker took nearly all of them and ran at 86 % of a core
while the other idled at 18 %, so two workers served no more than one. Where the platform has no
``SO_REUSEPORT`` (Windows), uvicorn's shared socket is used. Any process of the same user could
bind the same port with ``SO_REUSEPORT`` too and receive a share of the connections: on a shared
machine, serve on a port only you use.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import signal
import socket
import sys
import time
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


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket listening on ``host:port`` with ``SO_REUSEPORT``: every worker binds one, and the
    kernel hands each new connection to one of them (by a hash of its addresses)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio turns Nagle off (TCP_NODELAY) only on sockets that say TCP, and with
    # Nagle on a response written in two parts waited ~40 ms for the client's delayed ACK
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    return sock


def _worker(host: str, port: int, log_level: str) -> None:
    """One worker process: its own socket, its own app (:func:`app_from_env`), uvicorn until SIGINT."""
    import uvicorn

    sock = listening_socket(host, port)
    config = uvicorn.Config(app_from_env, factory=True, host=host, port=port, log_level=log_level)
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn raises the SIGINT it shut down on again, once done
        uvicorn.Server(config).run(sockets=[sock])


def serve_workers(host: str, port: int, workers: int, log_level: str) -> int:
    """Run ``workers`` processes of :func:`_worker` until SIGINT or SIGTERM, which each is passed on.
    Exit status 0, or 1 when a worker stopped on its own (its port taken, a crash): the others are
    then stopped too, rather than serving on with fewer."""
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_worker, args=(host, port, log_level), name=f"marsad-serve-{i + 1}")
             for i in range(workers)]
    stopping = False

    def stop(_signum: int = 0, _frame: Any = None) -> None:
        nonlocal stopping
        stopping = True
        for p in procs:
            if p.pid is not None and p.is_alive():
                os.kill(p.pid, signal.SIGINT)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for p in procs:
            p.start()
        while any(p.is_alive() for p in procs):
            if not stopping and any(p.exitcode is not None for p in procs):
                print("marsad: a worker process stopped; stopping the others", file=sys.stderr)
                stop()
            time.sleep(0.2)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for p in procs:
            p.join(timeout=10)
            if p.is_alive():
                p.kill()
    return 0 if stopping and all(p.exitcode in (0, -signal.SIGINT) for p in procs) else 1


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
        if hasattr(socket, "SO_REUSEPORT") and args.port:
            return serve_workers(args.host, args.port, workers, log_level)
        uvicorn.run("marsad.serve.cli:app_from_env", factory=True, workers=workers, host=args.host,
                    port=args.port, log_level=log_level)
        return 0
    app = create_app(store=store, read_protected=read_protected)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level=log_level)
    finally:
        store.close()
    return 0
