"""Every kind of source, one entry point: :func:`iter_source_articles`.

``marsad ingest SOURCE…`` hands each source to :func:`iter_source_articles`, which decides what it
is and yields its articles — and, in the same stream, an :class:`IngestError` for whatever could
not become one. Nothing raises for bad data; the iteration always goes on.

=================================  ================================================================
source                             what is read
=================================  ================================================================
``report.txt``, ``a.jsonl``,       the existing readers (:func:`marsad.ingest.read_articles`)
``gold.json``
``page.html`` / ``.htm``           one article, main text extracted
                                   (:func:`~marsad.ingest.html.article_from_html`); id = file stem
``feed.xml`` / ``.rss`` /          one article per entry (:mod:`marsad.ingest.feeds`)
``.atom`` / ``.rdf``
a file of another name             a page or feed if it starts like one, else plain text
``folder/``                        every file above below it (hidden ones skipped), sorted by path
``-``                              standard input: a page or a feed if it starts like one, else as
                                   :func:`~marsad.ingest.read_articles` reads it (JSON Lines/text)
``https://…`` (or ``http://``)     fetched (:func:`~marsad.ingest.fetch.fetch_url`): a page is one
                                   article, a feed one per entry
=================================  ================================================================

Whether a document is a feed or a page is settled by its first element (``<rss>``, ``<feed>``,
``<rdf:RDF>`` or ``<html>``), then by its file name or Content-Type.

**Teasers.** Most feeds give a sentence and a link. With ``fetch_links=True`` the link of every
entry that holds only a summary (:attr:`~marsad.ingest.feeds.FeedEntry.summary_only`) is fetched
and the page's main text replaces the summary; the entry's own title, date and outlet are kept
(the feed states them reliably; pages often do not). When the page cannot be had, the summary is
kept (with a warning in the log) rather than losing the entry.

Ids are unique within one call: a second article with an id already seen becomes an error
``duplicate id …``, as in :func:`~marsad.ingest.read_sources`.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from marsad.ingest.feeds import FeedEntry, iter_feed, sniff_markup
from marsad.ingest.fetch import DEFAULT_TIMEOUT, DEFAULT_USER_AGENT, FetchError, FetchResult, fetch_url
from marsad.ingest.html import article_from_html, url_id
from marsad.ingest.readers import (
    DEFAULT_MAX_BYTES,
    FOLDER_SUFFIXES,
    STDIN,
    STDIN_ID,
    IngestError,
    _read_limited,
    _Reject,
    _unique_ids,
    parse_date,
    read_articles,
)
from marsad.models import Article

log = logging.getLogger(__name__)

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".rdf"})
#: Suffixes that only feeds have (an ``.xml`` file may be an XHTML page: it is sniffed).
FEED_ONLY_SUFFIXES = frozenset({".rss", ".atom", ".rdf"})
#: The files a folder is searched for.
SOURCE_SUFFIXES = FOLDER_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES

#: A fetcher takes a URL and returns its page or feed, or raises FetchError.
Fetcher = Callable[[str], FetchResult]

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_MARKUP_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<[A-Za-z!?]")

# Each inner generator yields (item, where): where it came from, for duplicate-id messages.
_Located = tuple[Article | IngestError, str]


def iter_source_articles(
    source: str | os.PathLike[str],
    *,
    fetch_links: bool = False,
    publication_date: dt.date | str | None = None,
    outlet: str | None = None,
    language: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    user_agent: str = DEFAULT_USER_AGENT,
    fetcher: Fetcher | None = None,
) -> Iterator[Article | IngestError]:
    """Articles and errors from one source: a path, ``"-"`` (standard input) or an http(s) URL.

    ``fetch_links``: fetch the page of every feed entry that holds only a summary.
    ``publication_date`` and ``outlet`` fill in what an article does not state itself; ``language``
    is one the caller vouches for (else detected per article). ``max_bytes`` caps one file, page,
    feed or download; ``timeout`` (seconds) one download, redirects included.

    ``fetcher`` replaces :func:`~marsad.ingest.fetch.fetch_url` (with ``timeout``, ``max_bytes`` and
    ``user_agent`` ignored): a caller can add caching, rate limits per host, or a test double.

    A ``publication_date`` that is not a date, or a ``max_bytes`` that is not positive, raises
    :class:`ValueError` at once: those are the caller's mistakes, not the data's.
    """
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, not {max_bytes}")
    if fetcher is None:
        def fetcher(url: str) -> FetchResult:
            return fetch_url(url, timeout=timeout, max_bytes=max_bytes, user_agent=user_agent)

    reader = _Reader(
        fetch_links=fetch_links,
        publication_date=parse_date(publication_date),
        outlet=outlet,
        language=language,
        max_bytes=max_bytes,
        fetcher=fetcher,
    )
    return _unique_ids(reader.read(source))


def is_url(source: str | os.PathLike[str]) -> bool:
    """Does ``source`` look like a URL (``scheme://…``) rather than a path?"""
    return bool(_SCHEME.match(str(source)))


# ---------------------------------------------------------------- the reader


@dataclass(frozen=True)
class _Reader:
    fetch_links: bool
    publication_date: dt.date | None
    outlet: str | None
    language: str | None
    max_bytes: int
    fetcher: Fetcher

    def read(self, source: str | os.PathLike[str]) -> Iterator[_Located]:
        src = str(source)
        if src == STDIN:
            yield from self._stdin()
        elif is_url(src):
            yield from self._url(src)
        else:
            path = Path(source)
            if path.is_dir():
                yield from self._folder(path)
            elif path.exists():
                yield from self._file(path)
            else:
                yield IngestError(src, "no such file or folder"), src

    # ---- sources

    def _url(self, url: str) -> Iterator[_Located]:
        scheme = _SCHEME.match(url).group(1).lower()  # type: ignore[union-attr]
        if scheme not in ("http", "https"):
            yield IngestError(url, f"unsupported URL scheme {scheme!r} (only http and https)"), url
            return
        try:
            result = self.fetcher(url)
        except FetchError as exc:
            yield IngestError(url, exc.reason), url
            return
        yield from self._document(
            result.body, result.kind, where=url, id=url_id(url), url=result.url, encoding=result.charset
        )

    def _folder(self, root: Path) -> Iterator[_Located]:
        def visible(p: Path) -> bool:
            return not any(part.startswith(".") for part in p.relative_to(root).parts)

        files = sorted(
            (p for p in root.rglob("*") if p.suffix.lower() in SOURCE_SUFFIXES and visible(p) and p.is_file()),
            key=lambda p: p.relative_to(root).as_posix(),
        )
        if not files:
            reason = "no .txt, .jsonl, .json, .html or feed (.xml, .rss, .atom) files in this folder"
            yield IngestError(str(root), reason), str(root)
        for path in files:
            yield from self._file(path)

    def _file(self, path: Path) -> Iterator[_Located]:
        suffix = path.suffix.lower()
        if suffix in FOLDER_SUFFIXES:
            yield from self._with_readers(path)
            return
        try:
            data = _read_limited(path, self.max_bytes)
        except _Reject as exc:
            yield IngestError(path.stem, str(exc)), str(path)
            return
        kind = "feed" if suffix in FEED_ONLY_SUFFIXES else sniff_markup(data)
        if kind is None:
            if suffix in HTML_SUFFIXES:
                kind = "html"
            elif suffix in FEED_SUFFIXES:
                kind = "feed"
            elif _MARKUP_START.match(data[:1024]):
                kind = "html"
            else:  # a file named explicitly, not markup: plain text
                yield from self._with_readers(path)
                return
        yield from self._document(data, kind, where=str(path), id=path.stem, url=None, encoding=None,
                                  name=path.name)

    def _stdin(self) -> Iterator[_Located]:
        stream = getattr(sys.stdin, "buffer", None) if sys.stdin is not None else None
        head = stream.peek(1024)[:1024] if stream is not None and hasattr(stream, "peek") else b""
        if not (sniff_markup(head) or _MARKUP_START.match(head)):
            yield from self._with_readers(STDIN)
            return
        data = stream.read(self.max_bytes + 1)  # type: ignore[union-attr]
        if len(data) > self.max_bytes:
            reason = f"input too large: over the {self.max_bytes:,}-byte limit (--max-bytes)"
            yield IngestError(STDIN_ID, reason), STDIN_ID
            return
        yield from self._document(data, sniff_markup(data) or "html", where=STDIN_ID, id=STDIN_ID, url=None,
                                  encoding=None, name=STDIN_ID)

    def _with_readers(self, source: str | Path) -> Iterator[_Located]:
        items = read_articles(source, publication_date=self.publication_date, outlet=self.outlet,
                              language=self.language, max_bytes=self.max_bytes)
        where = STDIN_ID if str(source) == STDIN else str(source)
        for item in items:
            yield item, where

    # ---- documents

    def _document(
        self, data: bytes, kind: str, *, where: str, id: str, url: str | None, encoding: str | None,
        name: str | None = None,
    ) -> Iterator[_Located]:
        """One page, or a feed's entries. ``name`` labels a feed without a URL (in errors and ids)."""
        if kind == "feed":
            for entry in iter_feed(data, url, encoding=encoding, name=name, publication_date=self.publication_date,
                                   outlet=self.outlet, max_bytes=self.max_bytes):
                if isinstance(entry, IngestError):
                    yield entry, where
                elif self.fetch_links and entry.summary_only and entry.url:
                    yield self._entry_with_page(entry), entry.url
                else:
                    yield entry.to_article(language=self.language, max_bytes=self.max_bytes), entry.url or where
        else:
            yield article_from_html(
                data, url=url, id=id, encoding=encoding, publication_date=self.publication_date,
                outlet=self.outlet, language=self.language, max_bytes=self.max_bytes,
            ), where

    def _entry_with_page(self, entry: FeedEntry) -> Article | IngestError:
        """The entry with its text taken from the page it links to (see the module docstring)."""
        assert entry.url is not None
        summary = entry.to_article(language=self.language, max_bytes=self.max_bytes)
        page: Article | IngestError
        try:
            result = self.fetcher(entry.url)
        except FetchError as exc:
            page = IngestError(entry.id, f"{exc.reason} (fetching {entry.url})")
        else:
            if result.kind == "feed":
                page = IngestError(entry.id, f"the entry's link is a feed, not an article: {entry.url}")
            else:
                page = article_from_html(result.body, url=result.url, id=entry.id, encoding=result.charset,
                                         language=self.language, max_bytes=self.max_bytes)
        if isinstance(page, Article) and (not isinstance(summary, Article) or len(page.text) >= len(summary.text)):
            return Article(
                id=entry.id,
                text=page.text,
                publication_date=entry.publication_date or page.publication_date,
                language=page.language,
                outlet=entry.outlet or page.outlet,
                url=page.url or entry.url,
                title=entry.title or page.title,
            )
        if isinstance(summary, Article):
            if isinstance(page, IngestError):
                log.warning("%s: %s; keeping the feed's summary", entry.id, page.reason)
            return summary
        return page


__all__ = ["FEED_SUFFIXES", "HTML_SUFFIXES", "SOURCE_SUFFIXES", "Fetcher", "is_url", "iter_source_articles"]
