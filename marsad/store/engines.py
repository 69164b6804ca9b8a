"""Where articles are coded during ``marsad ingest``: in this process, or on a Dask cluster.

An engine has one job: take an :class:`~marsad.models.Article` and, later, hand back its
:class:`~marsad.models.CodedArticle`. It never touches the store — the client process reads the
sources, deduplicates, and writes every result itself, in input order. That split is what lets
the Dask engine work with SQLite (one writer) and makes its store identical to the local
engine's: fusion sees the articles in the same order whichever engine coded them.

=========  =====================================================================================
engine     codes
=========  =====================================================================================
local      each article when the writer asks for it, in this process (no queue, no threads)
dask       on a ``distributed`` cluster: the scheduler at ``--scheduler tcp://host:8786``, or a
           ``LocalCluster`` of ``--workers`` single-threaded worker processes started here (and
           stopped at the end). Articles travel in batches of 8 per task (the client's cost per
           task is then small next to the coding); up to :attr:`DaskEngine.window` articles are in
           flight at once, so memory stays flat however long the run; results are written in
           input order.
=========  =====================================================================================

A worker loads the coder (lexicons, actor catalogue, gazetteer) once, on its first article, and
keeps it. Workers of a remote cluster need Marsad installed, at the same version.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any, Protocol

from marsad.models import Article, CodedArticle, EventRecord

Coder = Callable[[Article], CodedArticle]

ENGINES = ("local", "dask")


class Pending(Protocol):
    """An article being coded: ``result()`` waits for (or, locally, does) the coding."""

    def result(self) -> CodedArticle: ...


class Engine(Protocol):
    """Codes articles; :attr:`window` is how many may be in flight before the writer catches up."""

    window: int

    def submit(self, article: Article) -> Pending: ...

    def close(self) -> None: ...


def load_coder() -> Coder:
    """:func:`marsad.pipeline.code` (imported on first use; the CLI's loader, with its error message)."""
    from marsad.cli import load_coder as cli_load_coder

    return cli_load_coder()


def code_safely(coder: Coder, article: Article) -> CodedArticle:
    """Code one article; an exception becomes a failed :class:`CodedArticle` (``coding failed: …``)."""
    from marsad.cli import code_one

    return code_one(coder, article)


# ---------------------------------------------------------------- local


class _Done:
    def __init__(self, coded: CodedArticle) -> None:
        self._coded = coded

    def result(self) -> CodedArticle:
        return self._coded


class _Lazy:
    def __init__(self, coder: Coder, article: Article) -> None:
        self._coder, self._article = coder, article

    def result(self) -> CodedArticle:
        return code_safely(self._coder, self._article)


class LocalEngine:
    """Codes in this process, when the result is asked for."""

    window = 0
    name = "local"

    def __init__(self, coder: Coder | None = None) -> None:
        self._coder = coder
        self._missing: str | None = None

    def submit(self, article: Article) -> Pending:
        if self._coder is None and self._missing is None:
            from marsad.cli import CoderUnavailable

            try:
                self._coder = load_coder()
            except CoderUnavailable as exc:
                self._missing = str(exc)
        if self._coder is None:
            return _Done(CodedArticle(article, error=self._missing))
        return _Lazy(self._coder, article)

    def close(self) -> None:
        pass

    def describe(self) -> str:
        return "local engine (this process)"


# ---------------------------------------------------------------- dask


def code_on_worker(article: Article) -> tuple[list[EventRecord], str | None]:
    """What a Dask worker runs: code ``article``; send back only its events (or the error), not its text."""
    from marsad.cli import CoderUnavailable

    try:
        coder = load_coder()
    except CoderUnavailable as exc:
        return [], str(exc)
    coded = code_safely(coder, article)
    return coded.events, coded.error


def code_batch_on_worker(task: Callable[[Article], Any], articles: list[Article]) -> list[Any]:
    """What a Dask worker runs: ``task`` (:func:`code_on_worker`) on each article of a batch."""
    return [task(a) for a in articles]


def _failure(article: Article, exc: BaseException) -> CodedArticle:
    message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return CodedArticle(article, error=f"coding failed on the cluster: {message}")


class _Batch:
    """Articles sent to the cluster as one task; each result is fetched once, for all of them."""

    def __init__(self, engine: DaskEngine) -> None:
        self.engine = engine
        self.articles: list[Article] = []
        self.future: Any = None
        self.results: list[Any] | None = None

    def outcome(self, i: int) -> CodedArticle:
        if self.results is None:
            if self.future is None:
                self.engine.flush()
            try:
                self.results = self.future.result()
            except Exception as exc:  # a worker died or the task raised: find out which article did it
                self.results = self.engine.one_by_one(self.articles) if len(self.articles) > 1 else [exc]
            finally:
                self.future.release()
        article, r = self.articles[i], self.results[i]
        if isinstance(r, BaseException):
            return _failure(article, r)
        events, error = r
        return CodedArticle(article, events=list(events), error=error)


class _DaskPending:
    def __init__(self, batch: _Batch, index: int) -> None:
        self._batch, self._index = batch, index

    def result(self) -> CodedArticle:
        return self._batch.outcome(self._index)


class DaskEngine:
    """Codes on a Dask ``distributed`` cluster; see the module documentation.

    Articles travel in batches of ``batch`` (one task each), so that the client's share of the work
    per article — submitting, scheduling, receiving — stays small next to coding it. When a batch
    fails as a whole (a worker process died, or the task raised), its articles are coded again one
    per task, so that only the article at fault is reported as failed. ``processes=False`` starts the
    local cluster's workers as threads of this process (for tests: the GIL then lets only one code
    at a time).
    """

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None, *, processes: bool = True,
                 batch: int = 8, coder: Callable[[Article], tuple[list[EventRecord], str | None]] | None = None
                 ) -> None:
        from distributed import Client, LocalCluster

        # Dask logs every worker start and stop at INFO: that would drown the ingest log.
        logging.getLogger("distributed").setLevel(logging.WARNING)
        self._cluster = None
        self._task = coder or code_on_worker
        if scheduler:
            self.client = Client(scheduler)
        else:
            n = workers or max(1, (os.cpu_count() or 1))
            # No dashboard; the scheduler's small HTTP server (health, metrics) on a free port.
            self._cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=processes,
                                         dashboard_address=None, scheduler_kwargs={"dashboard_address": ":0"},
                                         silence_logs=logging.WARNING)
            self.client = Client(self._cluster)
        threads = sum(self.client.nthreads().values()) or 1
        self.threads = threads
        self.batch = max(1, batch)
        #: Articles in flight: two batches per worker thread keep every worker busy while the client writes.
        self.window = max(4, 2 * threads * self.batch)
        self._open = _Batch(self)

    def submit(self, article: Article) -> Pending:
        batch = self._open
        batch.articles.append(article)
        pending = _DaskPending(batch, len(batch.articles) - 1)
        if len(batch.articles) >= self.batch:
            self.flush()
        return pending

    def flush(self) -> None:
        """Send the batch being filled to the cluster."""
        batch, self._open = self._open, _Batch(self)
        if batch.articles:
            batch.future = self.client.submit(code_batch_on_worker, self._task, batch.articles, pure=False)

    def one_by_one(self, articles: list[Article]) -> list[Any]:
        """Code ``articles`` one task each; an exception stands in for the result of an article that failed."""
        futures = [self.client.submit(self._task, a, pure=False) for a in articles]
        out: list[Any] = []
        for f in futures:
            try:
                out.append(f.result())
            except Exception as exc:
                out.append(exc)
            finally:
                f.release()
        return out

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()

    def describe(self) -> str:
        where = "a local cluster" if self._cluster is not None else f"the scheduler at {self.client.scheduler.address}"
        return f"dask engine ({self.threads} worker thread(s) on {where})"


def make_engine(name: str, *, scheduler: str | None = None, workers: int | None = None,
                processes: bool = True) -> LocalEngine | DaskEngine:
    """The engine called ``name`` (one of :data:`ENGINES`)."""
    if name == "local":
        return LocalEngine()
    if name == "dask":
        return DaskEngine(scheduler, workers, processes=processes)
    raise ValueError(f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")
