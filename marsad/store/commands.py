"""What ``marsad ingest`` and ``marsad export`` do once their arguments are parsed.

The arguments themselves are declared in :mod:`marsad.cli` (so that ``marsad --help`` and
``marsad code`` never import SQLAlchemy, pandas or Dask); the command line hands the parsed
:class:`argparse.Namespace` to :func:`run_ingest` or :func:`run_export`.

Exit status: ``0`` all went well · ``1`` some input failed (``ingest``) or the store could not be
read or written · ``2`` usage error (bad filter, no such store, unwritable output) · ``130``
interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Any

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _error(message: str) -> None:
    print(f"marsad: {' '.join(message.split())}", file=sys.stderr, flush=True)


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# ---------------------------------------------------------------- ingest


def run_ingest(args: argparse.Namespace) -> int:
    """``marsad ingest SOURCE… [--db] [--engine local|dask] [--scheduler] [--workers] …``."""
    from marsad.store.database import database_url, display_url
    from marsad.store.engines import make_engine
    from marsad.store.ingestion import ingest, make_reporter
    from marsad.store.store import Store

    if args.engine != "dask" and (args.scheduler or args.workers):
        _error("--scheduler and --workers need --engine dask")
        return EXIT_USAGE
    if args.workers is not None and args.workers < 1:
        _error(f"--workers must be at least 1, not {args.workers}")
        return EXIT_USAGE
    try:
        url = database_url(args.db)
        store = Store.open(url)
    except Exception as exc:
        _error(f"cannot open the store {args.db or 'at the default place'}: {_reason(exc)}")
        return EXIT_FAILED
    try:
        try:
            engine = make_engine(args.engine, scheduler=args.scheduler, workers=args.workers)
        except Exception as exc:
            where = args.scheduler or "a local cluster"
            _error(f"cannot start the {args.engine} engine ({where}): {_reason(exc)}")
            return EXIT_FAILED
        options: dict[str, Any] = {"publication_date": args.date, "outlet": args.outlet,
                                   "language": args.language, "max_bytes": args.max_bytes}
        if args.fetch_links:
            options["fetch_links"] = True
        if args.timeout is not None:
            options["timeout"] = args.timeout
        reporter = make_reporter(sys.stderr)
        try:
            with reporter:
                reporter.note(f"store {display_url(url)} · {engine.describe()}")
                summary = ingest(args.sources, store, engine, reporter=reporter, read_options=options)
        finally:
            engine.close()
        counts = store.counts()
    finally:
        store.close()
    for line in summary.lines():
        print(line)
    print(f"store {display_url(url)}: {counts.get('articles', 0)} article(s), {counts.get('events', 0)} event(s)")
    sys.stdout.flush()
    if summary.interrupted:
        return EXIT_INTERRUPTED
    return EXIT_FAILED if summary.failed else EXIT_OK


# ---------------------------------------------------------------- export


def run_export(args: argparse.Namespace) -> int:
    """``marsad export [--format …] [--db] [filters] [--output FILE]``."""
    from marsad.store.database import database_url, display_url
    from marsad.store.queries import Filters, export
    from marsad.store.store import Store

    try:
        filters = Filters.from_kwargs(country=args.country, date_from=args.date_from, date_to=args.date_to,
                                      actor=args.actor, event_type=args.event_type, bbox=args.bbox)
    except ValueError as exc:
        _error(str(exc))
        return EXIT_USAGE
    url = database_url(args.db)
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
        _error(f"no event store at {url.database} (marsad ingest creates one; choose another with --db)")
        return EXIT_USAGE
    binary = args.format == "parquet"
    if binary and not args.output and sys.stdout.isatty():
        _error("Parquet is binary: give --output FILE, or redirect standard output")
        return EXIT_USAGE
    try:
        store = Store.open(url, fuse=False)
    except Exception as exc:
        _error(f"cannot open the store {display_url(url)}: {_reason(exc)}")
        return EXIT_FAILED
    try:
        if args.output:
            try:
                with _atomic_output(Path(args.output), binary) as out:
                    n = export(store, args.format, out, filters)
            except OSError as exc:
                _error(f"cannot write {args.output}: {exc.strerror or exc}")
                return EXIT_USAGE
            print(f"marsad: exported {n} event(s) to {args.output}", file=sys.stderr)
        else:
            out: IO[Any] = sys.stdout.buffer if binary else sys.stdout
            export(store, args.format, out, filters)
            out.flush()
    except Exception as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        _error(f"export failed: {_reason(exc)}")
        return EXIT_FAILED
    finally:
        store.close()
    return EXIT_OK


@contextlib.contextmanager
def _atomic_output(path: Path, binary: bool) -> Any:
    """A file that appears at ``path`` only when complete: a failed export leaves no half file."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    try:
        mode = "wb" if binary else "w"
        kwargs: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
