"""The ``marsad`` command: code news reports into event records, and evaluate the coding.

::

    marsad code report.txt                                   # a readable table
    marsad code articles.jsonl --format jsonl > events.jsonl # batch, machine-readable
    cat report.txt | marsad code - --date 2022-11-03 --outlet "Akhbar Al Aan"
    marsad evaluate --gold tests/gold/                       # code the gold set and score it
    marsad evaluate --gold tests/gold/ --pred events.jsonl   # score a prediction file

``marsad code`` reads every SOURCE (a ``.txt`` file, a folder, JSON Lines, a gold ``.json`` file,
or ``-`` for standard input; see :mod:`marsad.ingest.readers`), codes each article and writes the
results as they come. An article that cannot be read or coded is reported on standard error as
``marsad: <id>: <reason>`` — and in the output itself for ``jsonl``/``json``/``table`` — and the
batch goes on.

Exit status: ``0`` every article was coded · ``1`` some article failed · ``2`` usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from marsad.export.writers import FORMATS, make_writer
from marsad.ingest import DEFAULT_MAX_BYTES, SUPPORTED_LANGUAGES, IngestError, parse_date, read_sources
from marsad.models import Article, CodedArticle
from marsad.text.language import normalize_language_code

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

Coder = Callable[[Article], CodedArticle]


class CoderUnavailable(RuntimeError):
    """The coder (:mod:`marsad.pipeline`) cannot be imported."""


def load_coder() -> Coder:
    """``marsad.pipeline.code``, imported on first use so that reading and scoring start fast."""
    try:
        from marsad.pipeline import code
    except Exception as exc:  # ImportError, or a broken data file found at import time
        reason = f"cannot load the coder (marsad.pipeline): {type(exc).__name__}: {exc}"
        raise CoderUnavailable(reason) from exc
    return code


def code_one(coder: Coder, article: Article) -> CodedArticle:
    """Code one article; an exception becomes a failed :class:`CodedArticle`, never a crash."""
    try:
        return coder(article)
    except Exception as exc:
        message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return CodedArticle(article, error=f"coding failed: {message}")


# ---------------------------------------------------------------- arguments


def _date(value: str) -> Any:
    try:
        return parse_date(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {value!r}: expected YYYY-MM-DD") from None


def _byte_size(value: str) -> int:
    """``5000000``, ``5M``, ``500k``, ``5MB`` → bytes (k, M, G are powers of 1000)."""
    s = value.strip().upper().removesuffix("B")
    factor = {"K": 10**3, "M": 10**6, "G": 10**9}.get(s[-1:], 1)
    try:
        n = int(float(s[:-1] if factor > 1 else s) * factor)
    except ValueError:
        n = 0
    if n <= 0:
        raise argparse.ArgumentTypeError(f"invalid size {value!r}: expected a positive byte count, e.g. 5M")
    return n


class _Version(argparse.Action):
    """``--version``: the version is looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        print(f"marsad {_version()}")
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("marsad")
    except PackageNotFoundError:  # run from a checkout without installing
        import marsad

        return getattr(marsad, "__version__", "unknown")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``marsad`` and its sub-commands."""
    parser = argparse.ArgumentParser(
        prog="marsad",
        description="Code Arabic (and English/French) conflict news into ACLED-style event records.",
        epilog="Exit status: 0 all articles coded, 1 some failed, 2 usage error.",
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    code = sub.add_parser(
        "code",
        help="code articles into event records",
        description="Code news articles into event records. SOURCE is a .txt file, a folder, a JSON "
        "Lines file ({\"id\", \"text\", \"publication_date\"?, \"language\"?, \"outlet\"?, \"url\"?, "
        "\"title\"?} per line), a gold-format .json file, or - for standard input.",
    )
    code.add_argument("sources", nargs="+", metavar="SOURCE", help="file, folder, or - for standard input")
    code.add_argument(
        "-f", "--format",
        choices=FORMATS, default="table",
        help="output format (default: table)",
    )
    code.add_argument(
        "--date", type=_date, metavar="YYYY-MM-DD",
        help="publication date of articles that do not state their own",
    )
    code.add_argument("--outlet", metavar="NAME", help="outlet of articles that do not name their own")
    code.add_argument(
        "--language", type=normalize_language_code, choices=SUPPORTED_LANGUAGES,
        help="language of articles that do not state their own (default: detected)",
    )
    code.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    code.add_argument(
        "--max-bytes", type=_byte_size, default=DEFAULT_MAX_BYTES, metavar="N",
        help=f"refuse articles larger than N bytes, e.g. 20M (default: {DEFAULT_MAX_BYTES:,})",
    )
    code.set_defaults(run=_cmd_code)

    ev = sub.add_parser(
        "evaluate",
        help="score coded events against gold files",
        description="Score predictions against gold files with the project's evaluator "
        "(shared/eval/score.py, vendored); without --pred, code the gold articles first.",
    )
    ev.add_argument(
        "--gold", action="append", required=True, metavar="DIR", help="gold file or folder (repeatable)"
    )
    ev.add_argument(
        "--pred", metavar="FILE.jsonl", help="predictions (JSON Lines); default: code the gold texts"
    )
    ev.add_argument("--json", action="store_true", help="print figures as JSON")
    ev.add_argument("--explain", action="store_true", help="list every match and miss")
    ev.add_argument("--by-language", action="store_true", help="also print the figures for each language")
    ev.set_defaults(run=_cmd_evaluate)

    _add_store_commands(sub)

    # ---- serve: REST API and map dashboard (handler and docs: marsad/serve/)
    srv = sub.add_parser("serve", help="serve the REST API and the map dashboard over the event store",
                         description="Start the REST API (OpenAPI at /openapi.json, docs at /docs) and the map "
                         "dashboard (/) on the event store. API tokens: MARSAD_API_TOKENS (a file, or tokens "
                         "separated by commas; plain or sha256:HEX).")
    srv.add_argument("--db", metavar="PATH|URL", help="the event store (default: the user's default store)")
    srv.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    srv.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    srv.add_argument("--read-protected", action="store_true", help="require a token for reading too")
    srv.add_argument("--workers", type=int, default=1, metavar="N",
                     help="worker processes (default: 1; one per core serves more requests at once)")

    def _run_serve(args: argparse.Namespace) -> int:  # imported on use: FastAPI only loads here
        from marsad.serve.cli import run_serve

        return run_serve(args)

    srv.set_defaults(run=_run_serve)

    # ---- gazetteer: the user GeoNames layer (handler and docs: marsad/geocode/importer.py)
    gaz = sub.add_parser(
        "gazetteer",
        help="import a full GeoNames dump into the gazetteer; show what is loaded",
        description="Manage the user layer of the gazetteer: GeoNames places beyond the shipped data.",
    )
    gaz_sub = gaz.add_subparsers(dest="gazetteer_command", required=True, metavar="ACTION")
    gaz_import = gaz_sub.add_parser(
        "import",
        help="load GeoNames files (allCountries.txt, ML.txt, zipped or not) as the user layer",
        description="Stream GeoNames place files (19 tab-separated columns) into the user layer, which "
        "replaces any previous one; bad input leaves the previous layer as it was.",
    )
    gaz_import.add_argument("files", nargs="+", metavar="FILE", help="GeoNames place file(s): allCountries, ML.txt…")
    gaz_import.add_argument("--alternate-names", metavar="FILE",
                            help="alternateNamesV2.txt: adds the places' Arabic, French and English names")
    gaz_import.add_argument("--countries", metavar="CC,CC", help="only these countries (ISO alpha-2), e.g. ML,NE,BF")
    gaz_import.add_argument("--classes", default="P,A", metavar="P,A,L,T",
                            help="GeoNames feature classes to keep (default: P,A)")
    gaz_import.add_argument("--no-build", action="store_true", help="do not rebuild the gazetteer index now")
    gaz_sub.add_parser("status", help="show the user layer and the state of the cached index")
    gaz_sub.add_parser("clear", help="remove the user layer")

    def _run_gazetteer(args: argparse.Namespace) -> int:  # imported on use: other commands start fast
        from marsad.geocode.importer import run_gazetteer

        return run_gazetteer(args)

    gaz.set_defaults(run=_run_gazetteer)
    # ---- end gazetteer
    return parser


# ---------------------------------------------------------------- store: ingest, export

#: ``marsad export --format`` choices, the default first (as :data:`marsad.store.EXPORT_FORMATS`,
#: repeated here so that building the parser does not import SQLAlchemy).
EXPORT_FORMATS = ("acled-csv", "geojson", "jsonl", "parquet")


def _add_store_commands(sub: Any) -> None:
    """``marsad ingest`` and ``marsad export``: the event store (handlers: :mod:`marsad.store.commands`)."""
    db_help = ("the event store: a SQLite file, or postgresql://user:password@host/db "
               "(default: marsad.db in $MARSAD_DATA or ~/.local/share/marsad)")
    ing = sub.add_parser(
        "ingest",
        help="code articles into the event store, merging reports of the same event",
        description="Read sources (files, folders, JSON Lines, HTML pages, RSS/Atom feeds, URLs, - for "
        "standard input), skip articles already stored or near-duplicates of stored ones, code the rest "
        "and fuse their events into the store, one transaction per article. Run it again after an "
        "interruption: it resumes where it stopped.",
        epilog="Exit status: 0 all ingested (or duplicates), 1 some failed, 2 usage error, 130 interrupted.",
    )
    ing.add_argument("sources", nargs="+", metavar="SOURCE", help="file, folder, feed, URL, or - for standard input")
    ing.add_argument("--db", metavar="PATH|URL", help=db_help)
    ing.add_argument("--engine", choices=("local", "dask"), default="local",
                     help="code in this process (local, the default) or on a Dask cluster")
    ing.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                     help="the Dask scheduler to use (default: start a local cluster)")
    ing.add_argument("--workers", type=int, metavar="N",
                     help="worker processes of the local Dask cluster (default: one per CPU)")
    ing.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                     help="publication date of articles that do not state their own")
    ing.add_argument("--outlet", metavar="NAME", help="outlet of articles that do not name their own")
    ing.add_argument("--language", type=normalize_language_code, choices=SUPPORTED_LANGUAGES,
                     help="language of articles that do not state their own (default: detected)")
    ing.add_argument("--max-bytes", type=_byte_size, default=DEFAULT_MAX_BYTES, metavar="N",
                     help=f"refuse articles larger than N bytes, e.g. 20M (default: {DEFAULT_MAX_BYTES:,})")
    ing.add_argument("--fetch-links", action="store_true",
                     help="for feed entries that hold only a summary, fetch the linked page")
    ing.add_argument("--timeout", type=float, metavar="SECONDS", help="time limit of one download")

    def _run_ingest(args: argparse.Namespace) -> int:
        from marsad.store.commands import run_ingest

        return run_ingest(args)

    ing.set_defaults(run=_run_ingest)

    exp = sub.add_parser(
        "export",
        help="write the stored events as ACLED CSV, GeoJSON, JSON Lines or Parquet",
        description="Export the fused events of the store. acled-csv has exactly ACLED's 31 columns; "
        "geojson, jsonl and parquet add Marsad's fields: claims, sources, certainty, the low/high span "
        "of fatalities, evidence (and, in jsonl, each event's history). Filters combine with AND.",
        epilog="Exit status: 0 written, 1 the store could not be read, 2 usage error.",
    )
    exp.add_argument("-f", "--format", choices=EXPORT_FORMATS, default=EXPORT_FORMATS[0],
                     help=f"output format (default: {EXPORT_FORMATS[0]})")
    exp.add_argument("--db", metavar="PATH|URL", help=db_help)
    exp.add_argument("--country", action="append", metavar="NAME",
                     help="only events in this country (repeatable, or comma-separated)")
    exp.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD", help="only events on or after")
    exp.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD", help="only events on or before")
    exp.add_argument("--actor", action="append", metavar="NAME",
                     help="only events with an actor whose name contains this (repeatable)")
    exp.add_argument("--event-type", action="append", metavar="TYPE",
                     help="only events of this event type or sub-event type (repeatable)")
    exp.add_argument("--bbox", metavar="MINLON,MINLAT,MAXLON,MAXLAT",
                     help="only events inside this box (write --bbox=-6,10,5,25 when it starts with a minus)")
    exp.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")

    def _run_export(args: argparse.Namespace) -> int:
        from marsad.store.commands import run_export

        return run_export(args)

    exp.set_defaults(run=_run_export)


# ---------------------------------------------------------------- commands


def _error(message: str) -> None:
    print(f"marsad: {' '.join(message.split())}", file=sys.stderr, flush=True)


def _cmd_code(args: argparse.Namespace) -> int:
    out: TextIO = sys.stdout
    if args.output:
        try:
            out = open(args.output, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed below)
        except OSError as exc:
            _error(f"cannot write {args.output}: {exc.strerror or exc}")
            return EXIT_USAGE
    writer = make_writer(args.format, out)
    coder: Coder | None = None
    coder_missing = ""  # why the coder cannot be loaded, once we know it cannot
    failed = 0
    try:
        items = read_sources(
            args.sources,
            publication_date=args.date,
            outlet=args.outlet,
            language=args.language,
            max_bytes=args.max_bytes,
        )
        for item in items:
            if isinstance(item, IngestError):
                coded = CodedArticle(Article(item.id, ""), error=item.reason)
            else:
                if coder is None and not coder_missing:
                    try:
                        coder = load_coder()
                    except CoderUnavailable as exc:
                        coder_missing = str(exc)
                coded = code_one(coder, item) if coder else CodedArticle(item, error=coder_missing)
            if coded.error:
                failed += 1
                _error(f"{coded.article.id}: {coded.error}")
            writer.write(coded)
    finally:
        writer.close()
        if out is not sys.stdout:
            out.close()
    return EXIT_FAILED if failed else EXIT_OK


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from marsad.evaluate import load_gold, load_pred, predict, render, score
    from marsad.evaluate.runner import render_by_language, score_by_language

    try:
        gold = load_gold(args.gold)
    except (OSError, ValueError) as exc:
        _error(f"cannot read the gold files: {exc}")
        return EXIT_USAGE
    if not gold:
        _error("no gold files found in " + ", ".join(args.gold))
        return EXIT_USAGE
    failed = 0
    if args.pred:
        try:
            pred = load_pred(args.pred)
        except (OSError, ValueError) as exc:
            _error(f"cannot read the predictions {args.pred}: {exc}")
            return EXIT_USAGE
    else:
        try:
            coder = load_coder()
        except CoderUnavailable as exc:
            _error(str(exc))
            return EXIT_FAILED

        def on_error(article_id: str, reason: str) -> None:
            nonlocal failed
            failed += 1
            _error(f"{article_id}: {reason}")

        pred = predict(gold, lambda article: code_one(coder, article), on_error)
    res, lines = score(gold, pred, explain=args.explain)
    if args.by_language and args.json:
        if args.explain:
            print("\n".join(lines))
        sys.stdout.write(render_by_language(res, score_by_language(gold, pred), as_json=True))
    else:
        sys.stdout.write(render(res, lines, as_json=args.json, explain=args.explain))
        if args.by_language:
            sys.stdout.write(render_by_language(res, score_by_language(gold, pred), as_json=False))
    return EXIT_FAILED if failed else EXIT_OK


# ---------------------------------------------------------------- entry point


def _utf8(stream: TextIO) -> None:
    """Write UTF-8 whatever the locale says: records hold Arabic evidence and typographic signs."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    if encoding not in ("utf-8", "utf8") and hasattr(stream, "reconfigure"):
        stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``marsad`` with ``argv`` (default: the command line); return the exit status."""
    args = build_parser().parse_args(argv)
    _utf8(sys.stdout)
    _utf8(sys.stderr)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `marsad code big.jsonl -f jsonl | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
