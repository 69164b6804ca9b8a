"""Write coded articles as JSON Lines, JSON, CSV or a terminal table.

Every writer has the same two methods, so the command line (or any caller) can stream a batch
through it without caring about the format::

    writer = make_writer("jsonl", sys.stdout)
    for coded in coded_articles:
        writer.write(coded)      # written at once (jsonl, json, csv) or kept (table)
    writer.close()               # finishes the output; the stream itself is left open

========  ==================================================================================
format    output
========  ==================================================================================
jsonl     one line per article, ``{"id": ..., "events": [...]}`` exactly as
          ``shared/spec/output-contract.md`` says (``CodedArticle.to_dict()``); an article that
          failed is ``{"id": ..., "events": [], "error": "..."}``
json      the same objects as one JSON list
csv       one row per event: ACLED's 31 columns, then Marsad's (:data:`~marsad.export.acled.CSV_COLUMNS`)
table     a readable table (rich), one row per event, then a line per failed article
========  ==================================================================================
"""

from __future__ import annotations

import csv
import json
import time
from typing import Protocol, TextIO

from marsad.export.acled import CSV_COLUMNS, EventIds, acled_row
from marsad.models import CodedArticle

#: The output formats, the default first.
FORMATS: tuple[str, ...] = ("table", "jsonl", "csv", "json")


class Writer(Protocol):
    """What every writer does: take coded articles one at a time, then finish."""

    def write(self, coded: CodedArticle) -> None: ...

    def close(self) -> None: ...


def dumps_article(coded: CodedArticle, *, indent: int | None = None) -> str:
    """One coded article as JSON text (UTF-8 characters kept as they are, not ``\\u`` escapes)."""
    return json.dumps(coded.to_dict(), ensure_ascii=False, indent=indent)


class JsonlWriter:
    """One JSON object per line: the format ``shared/eval/score.py`` reads."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, coded: CodedArticle) -> None:
        self.stream.write(dumps_article(coded) + "\n")

    def close(self) -> None:
        self.stream.flush()


class JsonWriter:
    """A JSON list of the articles, streamed: the output equals ``json.dumps(list, indent=2)``."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._count = 0

    def write(self, coded: CodedArticle) -> None:
        item = dumps_article(coded, indent=2).replace("\n", "\n  ")  # JSON strings hold no raw newline
        self.stream.write(("[\n  " if self._count == 0 else ",\n  ") + item)
        self._count += 1

    def close(self) -> None:
        self.stream.write("\n]\n" if self._count else "[]\n")
        self.stream.flush()


class CsvWriter:
    """One row per event, with the header :data:`~marsad.export.acled.CSV_COLUMNS`.

    Event ids (``MLI1``, ``MLI2``, …) count per country over the whole output, and every row of
    one output shares one ``timestamp``. Articles without events and failed articles add no row.
    """

    def __init__(self, stream: TextIO, *, timestamp: int | None = None) -> None:
        self.stream = stream
        self.timestamp = int(time.time()) if timestamp is None else timestamp
        self._ids = EventIds()
        self._csv = csv.writer(stream, lineterminator="\n")
        self._csv.writerow(CSV_COLUMNS)

    def write(self, coded: CodedArticle) -> None:
        for event in coded.events:
            row = acled_row(
                event,
                event_id_cnty=self._ids.next(event.country),
                article_id=coded.article.id,
                source=coded.article.outlet,
                timestamp=self.timestamp,
            )
            self._csv.writerow("" if row[c] is None else row[c] for c in CSV_COLUMNS)

    def close(self) -> None:
        self.stream.flush()


def make_writer(fmt: str, stream: TextIO) -> Writer:
    """The writer for ``fmt`` (one of :data:`FORMATS`) writing to ``stream``."""
    if fmt == "jsonl":
        return JsonlWriter(stream)
    if fmt == "json":
        return JsonWriter(stream)
    if fmt == "csv":
        return CsvWriter(stream)
    if fmt == "table":
        from marsad.export.table import TableWriter  # rich is imported only for tables

        return TableWriter(stream)
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
