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
           stopped at the end). Up to :attr:`DaskEngine.window` articles are in flight at once, so
           memory stays flat however long the batch; results are written in input order.
=========  =====================================================================================

A worker loads the coder (lexicons, actor catalogue, gazetteer) once, on its first article, and
keeps it. Workers of a remote cluster need Marsad installed, at the same version.
"""

from __future__ import annotations

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


class _DaskPending:
    def __init__(self, future: Any, article: Article) -> None:
        self._future, self._article = future, article

    def result(self) -> CodedArticle:
        try:
            events, error = self._future.result()
        except Exception as exc:  # a worker died (KilledWorker), the cluster went away, …
            message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            return CodedArticle(self._article, error=f"coding failed on the cluster: {message}")
        finally:
            self._future.release()
        return CodedArticle(self._article, events=list(events), error=error)


class DaskEngine:
    """Codes on a Dask ``distributed`` cluster; see the module documentation.

    ``processes=False`` starts the local cluster's workers as threads of this process (for tests:
    the GIL then lets only one code at a time).
    """

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None, *, processes: bool = True,
                 coder: Callable[[Article], tuple[list[EventRecord], str | None]] | None = None) -> None:
        from distributed import Client, LocalCluster

        self._cluster = None
        self._task = coder or code_on_worker
        if scheduler:
            self.client = Client(scheduler)
        else:
            n = workers or max(1, (os.cpu_count() or 1))
            self._cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=processes,
                                         dashboard_address=None, silence_logs=40)
            self.client = Client(self._cluster)
        threads = sum(self.client.nthreads().values()) or 1
        self.threads = threads
        #: Articles in flight: enough to keep every worker busy while the client writes.
        self.window = max(4, 4 * threads)

    def submit(self, article: Article) -> Pending:
        return _DaskPending(self.client.submit(self._task, article, pure=False), article)

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
