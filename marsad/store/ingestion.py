"""``marsad ingest``: read sources, skip what is already stored, code the rest, fuse into the store.

For each item the sources yield, in order:

1. an unreadable input (:class:`~marsad.ingest.IngestError`: a binary file, a feed that is not XML,
   a URL that fails) is reported as failed; nothing is stored;
2. an article whose content hash is already stored (or seen earlier in this run) is a
   *duplicate* and skipped — unless it is stored as ``failed``, then it is coded again;
3. an article whose text nearly duplicates a stored one (a reprint, a wire copy under a new
   headline; :class:`marsad.ingest.dedupe.NearDuplicateIndex`) is stored as a ``duplicate`` of
   it and not coded;
4. anything else is coded by the engine (:mod:`marsad.store.engines`) and written by
   :meth:`Store.save_coded <marsad.store.Store.save_coded>`, which fuses each event into the
   store — one transaction per article. An article the coder crashes on is stored as ``failed``
   with the reason, and the batch goes on.

Writes happen in input order, one article at a time, whichever engine codes: killing a run
loses at most the article being written, and running it again skips everything already stored.
"""

from __future__ import annotations

import hashlib
import importlib
import sys
import time
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from marsad.ingest.readers import IngestError
from marsad.models import Article, CodedArticle
from marsad.store.engines import Engine, Pending
from marsad.store.store import SaveResult, Store

# ---------------------------------------------------------------- the ingestion front end


def iter_source(source: str, **opts: Any) -> Iterator[Article | IngestError]:
    """Articles and errors from one source, through the ingestion front end.

    :func:`marsad.ingest.sources.iter_source_articles` reads HTML, feeds and URLs as well as files;
    while it does not exist, :func:`marsad.ingest.readers.read_articles` reads files and folders.
    """
    reader = _front_end("marsad.ingest.sources", "iter_source_articles")
    if reader is None:
        from marsad.ingest.readers import read_articles as reader
    try:
        yield from reader(source, **opts)
    except (OSError, ValueError) as exc:  # a reader that raises instead of yielding an error
        yield IngestError(str(source), f"{type(exc).__name__}: {exc}")


def _front_end(module: str, name: str) -> Any:
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise
    return getattr(mod, name, None)


def content_hash(text: str) -> str:
    """The article's content hash: :func:`marsad.ingest.dedupe.content_hash` when it exists.

    Until then: SHA-256 of the text with Unicode NFC and white space collapsed, so that the same
    text re-encoded or re-wrapped hashes the same.
    """
    front = _front_end("marsad.ingest.dedupe", "content_hash")
    if front is not None:
        return str(front(text))
    folded = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def near_duplicate_index() -> Any | None:
    """A new :class:`marsad.ingest.dedupe.NearDuplicateIndex`, or ``None`` while it does not exist."""
    cls = _front_end("marsad.ingest.dedupe", "NearDuplicateIndex")
    return cls() if cls is not None else None


# ---------------------------------------------------------------- outcome


@dataclass
class IngestSummary:
    """What a run did. ``failed`` lists ``(id, reason)``; ``duplicates`` ``(id, of)``."""

    ingested: int = 0
    new_events: int = 0
    merged_events: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def seen(self) -> int:
        return self.ingested + len(self.duplicates) + len(self.failed)

    def lines(self) -> list[str]:
        """The summary ``marsad ingest`` prints at the end."""
        rate = f" in {self.seconds:.1f} s" if self.seconds else ""
        out = [f"ingested {self.ingested} article(s){rate}: {self.new_events + self.merged_events} event(s), "
               f"{self.new_events} new, {self.merged_events} merged into stored events"]
        out.append(f"duplicates {len(self.duplicates)} (already stored, or near-duplicates of stored articles)")
        out.append(f"failed {len(self.failed)}" + (":" if self.failed else ""))
        out.extend(f"  {ident}: {reason}" for ident, reason in self.failed)
        if self.interrupted:
            out.append("interrupted: run the same command again to resume")
        return out


# ---------------------------------------------------------------- progress


class Reporter:
    """Plain log lines on standard error, one per article: for logs, pipes and CI."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr

    def __enter__(self) -> Reporter:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def item(self, kind: str, ident: str, detail: str, summary: IngestSummary) -> None:
        print(f"marsad: ingest: {ident}: {kind}" + (f": {detail}" if detail else ""), file=self.stream, flush=True)

    def note(self, message: str) -> None:
        print(f"marsad: ingest: {message}", file=self.stream, flush=True)


class ProgressReporter(Reporter):
    """A rich progress bar on a terminal; failures are printed above it as they happen."""

    def __enter__(self) -> ProgressReporter:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._progress = Progress(SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(),
                                  TextColumn("{task.completed} read · {task.fields[counts]}"),
                                  TimeElapsedColumn(), console=Console(file=self.stream), transient=False)
        self._progress.__enter__()
        self._task = self._progress.add_task("ingest", total=None, counts="")
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.__exit__(None, None, None)

    def item(self, kind: str, ident: str, detail: str, summary: IngestSummary) -> None:
        if kind == "failed":
            self._progress.console.print(f"[red]failed[/red] {ident}: {detail}", markup=True, highlight=False)
        counts = (f"{summary.ingested} ingested · {len(summary.duplicates)} duplicate(s) · "
                  f"{len(summary.failed)} failed")
        self._progress.update(self._task, advance=1, counts=counts)

    def note(self, message: str) -> None:
        self._progress.console.print(message, highlight=False)


def make_reporter(stream: TextIO | None = None) -> Reporter:
    """A progress bar when ``stream`` (standard error) is a terminal, plain lines otherwise."""
    stream = stream or sys.stderr
    return ProgressReporter(stream) if stream.isatty() else Reporter(stream)


# ---------------------------------------------------------------- the run


@dataclass
class _Work:
    """One item in input order: what to write once it is ready."""

    kind: str  # code | duplicate | near | error
    article: Article | None = None
    ident: str = ""
    hash: str = ""
    detail: str = ""
    pending: Pending | None = None


class Deduplicator:
    """Decides, before coding, whether an article is new: by content hash, then by near-duplicate text."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._seen: dict[str, str] = {}  # content hash → id, in this run
        self._index: Any = None
        self._index_ready = False

    def _near_index(self) -> Any:
        if not self._index_ready:
            self._index_ready = True
            self._index = near_duplicate_index()
            if self._index is not None:
                for h, text in self.store.article_texts():
                    self._index.add(h, text)
        return self._index

    def check(self, article: Article) -> _Work:
        h = content_hash(article.text)
        if h in self._seen:
            earlier = f"same text as {self._seen[h]} (read earlier in this run)"
            return _Work("duplicate", article, article.id, h, earlier)
        known = self.store.known_article(h)
        self._seen[h] = article.id
        if known is not None and known.status != "failed":
            return _Work("duplicate", article, article.id, h, f"already stored as {known.source_id}")
        if known is None:
            index = self._near_index()
            if index is not None:
                of = index.find(article.text)
                if of is not None:
                    return _Work("near", article, article.id, h, str(of))
                index.add(h, article.text)
        return _Work("code", article, article.id, h)


def ingest(
    sources: Iterable[str],
    store: Store,
    engine: Engine,
    *,
    reporter: Reporter | None = None,
    read_options: dict[str, Any] | None = None,
    reader: Callable[..., Iterable[Article | IngestError]] | None = None,
) -> IngestSummary:
    """Ingest ``sources`` into ``store``, coding with ``engine``; see the module documentation.

    ``read_options`` go to the reader (``publication_date``, ``outlet``, ``language``,
    ``max_bytes``); ``reader`` replaces :func:`iter_source` (tests). A ``KeyboardInterrupt`` stops
    the run after the article being written; the summary says so.
    """
    reporter = reporter or Reporter()
    read = reader or iter_source
    opts = read_options or {}
    summary = IngestSummary()
    dedupe = Deduplicator(store)
    queue: deque[_Work] = deque()
    start = time.perf_counter()

    def plan() -> Iterator[_Work]:
        for source in sources:
            for item in read(source, **opts):
                if isinstance(item, IngestError):
                    yield _Work("error", None, item.id, detail=item.reason)
                    continue
                work = dedupe.check(item)
                if work.kind == "code":
                    work.pending = engine.submit(item)
                yield work

    try:
        for work in plan():
            queue.append(work)
            while len(queue) > engine.window:
                _write(queue.popleft(), store, summary, reporter)
        while queue:
            _write(queue.popleft(), store, summary, reporter)
    except KeyboardInterrupt:
        summary.interrupted = True
    summary.seconds = time.perf_counter() - start
    return summary


def _write(work: _Work, store: Store, summary: IngestSummary, reporter: Reporter) -> None:
    """Store one item's outcome (one transaction) and report it."""
    if work.kind == "error":
        summary.failed.append((work.ident, work.detail))
        reporter.item("failed", work.ident, work.detail, summary)
        return
    assert work.article is not None
    if work.kind == "duplicate":
        summary.duplicates.append((work.ident, work.detail))
        reporter.item("duplicate", work.ident, work.detail, summary)
        return
    if work.kind == "near":
        try:
            store.save_duplicate(work.article, work.hash, work.detail)
        except Exception as exc:
            _failed(work, f"store error: {_reason(exc)}", summary, reporter)
            return
        summary.duplicates.append((work.ident, "near-duplicate of a stored article"))
        reporter.item("duplicate", work.ident, "near-duplicate of a stored article", summary)
        return
    assert work.pending is not None
    coded: CodedArticle = work.pending.result()
    work.pending = None
    if coded.error:
        _record_failure(work, coded.error, store, summary, reporter)
        return
    try:
        result: SaveResult = store.save_coded(coded, work.hash)
    except Exception as exc:  # the article's transaction was rolled back; record why, go on
        known = _known(store, work.hash)
        if known is not None and known.status != "failed":  # another ingester stored it meanwhile
            summary.duplicates.append((work.ident, f"stored meanwhile as {known.source_id}"))
            reporter.item("duplicate", work.ident, f"stored meanwhile as {known.source_id}", summary)
            return
        _record_failure(work, f"store error: {_reason(exc)}", store, summary, reporter)
        return
    summary.ingested += 1
    summary.new_events += len(result.new_events)
    summary.merged_events += len(result.merged_events)
    n = len(result.new_events) + len(result.merged_events)
    detail = f"{n} event(s)" + (f", {len(result.merged_events)} merged" if result.merged_events else "")
    reporter.item("coded", work.ident, detail, summary)


def _known(store: Store, content_hash: str) -> Any:
    try:
        return store.known_article(content_hash)
    except Exception:
        return None


def _record_failure(work: _Work, reason: str, store: Store, summary: IngestSummary, reporter: Reporter) -> None:
    assert work.article is not None
    try:
        store.save_failed(work.article, work.hash, reason)
    except Exception as exc:
        reason = f"{reason}; and it could not be recorded: {_reason(exc)}"
    _failed(work, reason, summary, reporter)


def _failed(work: _Work, reason: str, summary: IngestSummary, reporter: Reporter) -> None:
    summary.failed.append((work.ident, reason))
    reporter.item("failed", work.ident, reason, summary)


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if len(text) > 300:
        text = text[:297] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
