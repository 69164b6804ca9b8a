"""RSS and Atom feeds → one :class:`~marsad.models.Article` per entry.

Outlets publish their news as feeds: RSS 2.0 (``<rss><channel><item>``), RSS 1.0
(``<rdf:RDF><item>``) and Atom (``<feed><entry>``). `feedparser <https://feedparser.readthedocs.io>`_
reads all of them, tolerates the malformed XML many sites serve, resolves relative links and
sanitises embedded HTML. This module turns each entry into an article:

==================  ===============================================================================
Article field       from the entry
==================  ===============================================================================
``id``              :func:`~marsad.ingest.html.url_id` of the link (the same id as the page read
                    directly), else a hash of the entry's guid or title
``text``            the entry's full content (``content:encoded``, Atom ``<content>``), else its
                    summary (``<description>``, ``<summary>``), HTML stripped to paragraphs
``title``           the entry's title
``url``             the entry's link
``publication_date`` the entry's published (else updated) date, as written by the publisher
``outlet``          the entry's ``<source>`` (an aggregator's feed names the real outlet there),
                    else the feed's title
``language``        detected from the text
==================  ===============================================================================

Many feeds carry only a teaser: a sentence or two and a link. :func:`iter_feed` yields
:class:`FeedEntry` objects that say so (``summary_only``), so that a caller can fetch the link
and extract the page instead (:func:`marsad.ingest.sources.iter_source_articles` does, with
``fetch_links=True``); :func:`articles_from_feed` turns the entries straight into articles.

Bytes are decoded here (:func:`~marsad.ingest.html.decode_markup`: a wrong declared encoding is
the bytes' word against the label's, and the bytes win) and handed to feedparser as UTF-8, so that
feedparser never guesses. A document that is not a feed at all — an HTML page, JSON, binary data,
text that is not XML — is one :class:`IngestError` ``not an RSS or Atom feed: …``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from marsad.ingest.decode import DecodeError
from marsad.ingest.html import decode_markup, html_to_text, http_url, parse_web_date, url_id
from marsad.ingest.readers import DEFAULT_MAX_BYTES, IngestError, make_article
from marsad.models import Article

NOT_A_FEED = "not an RSS or Atom feed"

#: An entry without full content whose summary is shorter than this is a teaser: the report itself
#: is behind the link. (A short news item carried whole in ``<description>`` is fetched for
#: nothing, which costs a request and loses nothing.)
SUMMARY_MAX_CHARS = 1000

# A summary that ends like this was cut short by the feed.
_TRUNCATED = re.compile(
    r"(\.\.\.|…|\[\s*(?:…|\.\.\.)\s*\]|read more|continue reading|lire la suite|la suite|اقرأ المزيد|"
    r"المزيد|التفاصيل)\W*$",
    re.IGNORECASE,
)

# The root element of an XML or HTML document, after the prolog (declaration, comments, doctype).
_PROLOG = re.compile(r"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*", re.DOTALL | re.IGNORECASE)
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")
_FEED_ROOTS = frozenset({"rss", "feed", "rdf", "channel"})


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed, before it becomes an article.

    ``summary_only`` is true when the entry holds no full content and its summary is short or cut
    off ("…", "Read more"): the article itself is at ``url``.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    publication_date: dt.date | None = None
    outlet: str | None = None
    summary_only: bool = False

    def to_article(self, *, language: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Article | IngestError:
        """The entry as an article (its text as it is in the feed), or why it cannot be one."""
        if not self.text.strip():
            hint = " (only a link: fetch the page with fetch_links)" if self.url else ""
            return IngestError(self.id, f"feed entry has no text{hint}")
        return make_article(
            self.text,
            id=self.id,
            publication_date=self.publication_date,
            language=language,
            outlet=self.outlet,
            url=self.url,
            title=self.title,
            max_bytes=max_bytes,
        )


def articles_from_feed(
    data: bytes | str,
    feed_url: str | None = None,
    *,
    encoding: str | None = None,
    name: str | None = None,
    publication_date: dt.date | str | None = None,
    outlet: str | None = None,
    language: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | IngestError]:
    """An article (or an error) for each entry of an RSS or Atom feed, the text as the feed gives it.

    ``feed_url`` is where the feed was read from: relative links are resolved against it. See
    :func:`iter_feed` for the other arguments; ``language`` is one the caller vouches for, else each
    entry's language is detected from its text.
    """
    for item in iter_feed(data, feed_url, encoding=encoding, name=name, publication_date=publication_date,
                          outlet=outlet, max_bytes=max_bytes):
        yield item if isinstance(item, IngestError) else item.to_article(language=language, max_bytes=max_bytes)


def iter_feed(
    data: bytes | str,
    feed_url: str | None = None,
    *,
    encoding: str | None = None,
    name: str | None = None,
    publication_date: dt.date | str | None = None,
    outlet: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[FeedEntry | IngestError]:
    """The entries of a feed, or one :class:`IngestError` when ``data`` is not a feed.

    ``encoding`` is the charset the server declared, if any. ``name`` labels the feed in errors
    (default: ``feed_url``, else ``"feed"``); an entry without a link gets an id made of the feed
    URL's id (else ``name``) and a hash of its guid or title. ``publication_date`` and ``outlet``
    are defaults for entries (and feeds) that state none.
    """
    label = name or feed_url or "feed"
    prefix = url_id(feed_url) if feed_url else (name or "feed")
    default_date = parse_web_date(publication_date) if publication_date else None
    if isinstance(data, str):
        text = data
    else:
        if len(data) > max_bytes:
            yield IngestError(label, f"feed too large: {len(data):,} bytes, over the {max_bytes:,}-byte limit")
            return
        try:
            text = decode_markup(bytes(data), encoding)
        except DecodeError as exc:
            yield IngestError(label, f"{NOT_A_FEED}: {exc}")
            return
    if not text.strip():
        yield IngestError(label, f"{NOT_A_FEED}: empty document")
        return

    parsed = _parse(text, feed_url)
    if not parsed.get("version"):
        yield IngestError(label, f"{NOT_A_FEED}: {_why_not_a_feed(text, parsed)}")
        return
    feed_title = _text_of(parsed.feed, "title")
    entries = parsed.entries
    if not entries:
        yield IngestError(label, "feed has no entries")
        return
    for i, entry in enumerate(entries, 1):
        yield _entry(entry, i, prefix, feed_title or outlet, default_date)


def sniff_markup(data: bytes | str) -> str | None:
    """``"feed"``, ``"html"`` or ``None``: what the first element of a document says it is.

    Looks past a byte-order mark, the XML declaration, comments and the doctype. Used to tell a
    feed from a page when neither the file name nor the Content-Type settles it (feeds are often
    served as ``text/html`` or ``application/octet-stream``).

    >>> sniff_markup(b'<?xml version="1.0"?>\\n<!-- feed -->\\n<rss version="2.0">')
    'feed'
    >>> sniff_markup("<!DOCTYPE html><html lang='ar'>")
    'html'
    """
    if isinstance(data, bytes | bytearray):
        head = bytes(data[:4096]).lstrip(b"\xef\xbb\xbf")
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                head_text = head.decode("utf-16")
            except UnicodeDecodeError:
                head_text = head[:-1].decode("utf-16", "ignore")
        else:
            head_text = head.decode("utf-8", "ignore")
    else:
        head_text = data[:4096].lstrip("\ufeff")
    root = root_element(head_text)
    if root is None:
        return None
    local = root.rsplit(":", 1)[-1].lower()
    if local in _FEED_ROOTS:
        return "feed"
    if local == "html":
        return "html"
    if head_text.lstrip().lower().startswith("<!doctype html"):
        return "html"
    return None


def root_element(text: str) -> str | None:
    """The name of the first element of an XML/HTML document (``"rss"``, ``"rdf:RDF"``), or None."""
    m = _ROOT.match(text, _PROLOG.match(text).end())
    return m.group(1) if m else None


# ---------------------------------------------------------------- internals


def _parse(text: str, feed_url: str | None) -> Any:
    import feedparser  # lazily: only feeds need it

    headers = {"content-type": "application/xml; charset=utf-8"}  # the text is decoded: no guessing
    if feed_url:
        headers["content-location"] = feed_url  # the base for relative links
    # Always bytes: given a str, feedparser would take a URL or a file name and open it.
    return feedparser.parse(text.encode("utf-8"), response_headers=headers)


def _why_not_a_feed(text: str, parsed: Any) -> str:
    kind = sniff_markup(text)
    if kind == "html":
        return "an HTML page"
    root = root_element(text)
    if root is None:
        stripped = text.lstrip()
        if stripped[:1] in ("{", "["):
            return "JSON, not XML"
        return "not XML (no markup at the start)"
    exc = parsed.get("bozo_exception")
    if exc is not None and hasattr(exc, "getLineNumber"):
        msg = exc.getMessage() if hasattr(exc, "getMessage") else str(exc)
        return f"not well-formed XML ({msg} at line {exc.getLineNumber()}, column {exc.getColumnNumber()})"
    return f"XML whose root element is <{root}>, not <rss>, <rdf:RDF> or <feed>"


def _entry(entry: Any, index: int, prefix: str, feed_outlet: str | None, default_date: dt.date | None) -> FeedEntry:
    link = http_url(entry.get("link"))
    title = _text_of(entry, "title")
    published = None
    for key in ("published", "updated", "created"):
        published = parse_web_date(entry.get(key))
        if published:
            break
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            published = dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            break
    if link:
        eid = url_id(link)
    else:
        basis = entry.get("id") or f"{title or ''}|{entry.get('published') or entry.get('updated') or index}"
        eid = f"{prefix}-{hashlib.sha256(str(basis).encode('utf-8')).hexdigest()[:12]}"

    content = max((_html_or_text(c) for c in entry.get("content") or []), key=len, default="")
    summary = _html_or_text(entry.get("summary_detail") or {"value": entry.get("summary") or ""})
    if content and len(content) >= len(summary):
        text, summary_only = content, False
    else:
        text = summary
        summary_only = len(text) < SUMMARY_MAX_CHARS or bool(_TRUNCATED.search(text))

    source = entry.get("source") or {}
    outlet = (source.get("title") or "").strip() or feed_outlet
    return FeedEntry(
        id=eid,
        text=text,
        title=title,
        url=link,
        publication_date=published or default_date,
        outlet=outlet or None,
        summary_only=summary_only,
    )


def _html_or_text(detail: Any) -> str:
    """Plain text of a feedparser text construct (``{"value", "type"}``)."""
    value = detail.get("value") or ""
    if (detail.get("type") or "text/html") == "text/plain":
        return "\n".join(" ".join(line.split()) for line in value.strip().splitlines()).strip()
    return html_to_text(value)


def _text_of(obj: Any, key: str) -> str | None:
    detail = obj.get(f"{key}_detail")
    text = _html_or_text(detail) if detail else " ".join(str(obj.get(key) or "").split())
    text = " ".join(text.split())
    return text or None


__all__ = [
    "NOT_A_FEED",
    "SUMMARY_MAX_CHARS",
    "FeedEntry",
    "articles_from_feed",
    "iter_feed",
    "root_element",
    "sniff_markup",
]
