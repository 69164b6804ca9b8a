"""A readable table of coded events for the terminal, drawn with rich.

One row per event — date, type, who against whom, where, how many killed (with the span of the
reported figures), how certain, and who claimed what — then a summary line and one line per
article that failed. Long ACLED names are shortened to their acronym (``JNIM: Group for Support of
Islam and Muslims`` → ``JNIM``) to keep rows narrow; the other formats keep the full names.
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from marsad.export.acled import claim_summary
from marsad.models import CodedArticle, EventRecord

#: Width used when the output is not a terminal (a file or a pipe), so rows are not squeezed.
FILE_WIDTH = 160

_PRECISION = {2: " ≈week", 3: " ≈month"}


def short_name(name: str | None) -> str:
    """``"JNIM: Group for Support of Islam and Muslims"`` → ``"JNIM"``; other names unchanged."""
    if not name:
        return "—"
    head, sep, _ = name.partition(": ")
    return head if sep and head.replace("-", "").isupper() and len(head) <= 12 else name


def _fatalities(e: EventRecord) -> str:
    if e.fatalities_low == e.fatalities == e.fatalities_high:
        return str(e.fatalities)
    return f"{e.fatalities} ({e.fatalities_low}–{e.fatalities_high})"


def _place(e: EventRecord) -> str:
    where = ", ".join(p for p in (e.admin1, e.country) if p)
    return f"{e.location} ({where})" if where else e.location


class TableWriter:
    """Collects the articles and draws the table on :meth:`close`."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.articles: list[CodedArticle] = []

    def write(self, coded: CodedArticle) -> None:
        self.articles.append(coded)

    def close(self) -> None:
        is_tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        console = Console(file=self.stream, highlight=False, width=None if is_tty else FILE_WIDTH)
        if any(c.events for c in self.articles):
            console.print(self.table())
        for line in self.footer():
            console.print(line, soft_wrap=True)  # one line per failure, however long

    def table(self) -> Table:
        """The events as a rich :class:`~rich.table.Table`."""
        many = len(self.articles) > 1
        title = None if many or not self.articles else self.articles[0].article.id
        table = Table(title=title, show_lines=True)
        if many:
            table.add_column("article", overflow="fold")
        table.add_column("date", no_wrap=True)
        table.add_column("event")
        table.add_column("actors")
        table.add_column("place")
        table.add_column("killed", justify="right", no_wrap=True)
        table.add_column("certainty")
        table.add_column("claims")
        for coded in self.articles:
            for e in coded.events:
                actors = short_name(e.actor1.name) + (f" vs {short_name(e.actor2.name)}" if e.actor2 else "")
                cells = [
                    Text(e.event_date.isoformat() + _PRECISION.get(e.time_precision, "")),
                    Text(f"{e.event_type}\n{e.sub_event_type}"),
                    Text(actors),
                    Text(_place(e)),
                    Text(_fatalities(e)),
                    Text(e.certainty),
                    Text("\n".join(claim_summary(c, name=short_name) for c in e.claims)),
                ]
                table.add_row(*([Text(coded.article.id)] if many else []), *cells)
        return table

    def footer(self) -> list[Text]:
        """The summary line, then one line per article without events and per failed article."""
        failed = [c for c in self.articles if c.error]
        empty = [c.article.id for c in self.articles if not c.error and not c.events]
        events = sum(len(c.events) for c in self.articles)
        summary = f"{len(self.articles)} article(s), {events} event(s)"
        if empty:
            summary += f", {len(empty)} without events"
        if failed:
            summary += f", {len(failed)} failed"
        lines = [Text(summary, style="bold")]
        if empty:
            lines.append(Text("no event: " + ", ".join(empty), style="dim"))
        lines.extend(Text(f"failed: {c.article.id}: {c.error}", style="red") for c in failed)
        return lines
