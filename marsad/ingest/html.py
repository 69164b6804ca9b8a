"""One web page → one :class:`~marsad.models.Article`: the report's own text, not the page around it.

A news page is mostly not the news: menus, share buttons, "most read" boxes, comments, footers. The
*main text* is found by `trafilatura <https://trafilatura.readthedocs.io>`_, a boilerplate remover
built for exactly this (it scores the page's blocks by text density and link density and keeps the
article body), which also reads the page's metadata. What trafilatura does not find, the page's own
markup often states, so each field has a fallback read here with the standard library:

=================  ==========================================  =====================================
field              from trafilatura                            else from the page
=================  ==========================================  =====================================
``text``           the main text (comments left out)           — (none: the page is refused)
``title``          its title (og:title, <h1>, <title> …)       og:title, twitter:title, JSON-LD
                                                               headline, <title>
``outlet``         its site name                               og:site_name, application-name,
                                                               JSON-LD publisher, the caller's
                                                               ``outlet``, the URL's host
``publication_     its date (page markup only: see below)      article:published_time, JSON-LD
date``                                                         datePublished, <meta name=date …>,
                                                               the first <time datetime>
``url``            —                                           the URL the page was read from, else
                                                               its canonical link (or og:url)
``language``       —                                           detected from the text (``<html
                                                               lang>`` is often wrong: not used)
=================  ==========================================  =====================================

Dates: trafilatura's date finder can also *guess* a date from the body text ("extensive search").
The publication date is the reference for "yesterday" and "on Thursday" in the report, so a wrong
guess is worse than none: only markup is believed here.

The headline is kept in ``title`` and removed from the start of ``text`` when trafilatura put it
there, so that a reprint under another headline has the same text (see :mod:`marsad.ingest.dedupe`).

>>> page = ("<html><head><meta property='og:site_name' content='Sahel News'></head><body><article>"
...         "<h1>Clashes near Menaka</h1><p>Clashes broke out on Thursday between the two groups "
...         "in the west of the Menaka region, local sources said.</p></article></body></html>")
>>> a = article_from_html(page, url="https://example.org/news/1")
>>> a.title, a.outlet, a.language
('Clashes near Menaka', 'Sahel News', 'en')

Bytes are decoded with :func:`decode_markup`: a byte-order mark, then valid UTF-8, then the charset
the server or the page declares, then Windows Arabic — so that a page whose declaration is wrong
(UTF-8 bytes labelled ``iso-8859-1``, a very common mistake) is still read correctly.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import hashlib
import json
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from marsad.ingest.decode import DecodeError, bom_encoding, decode_bytes
from marsad.ingest.readers import DEFAULT_MAX_BYTES, IngestError, make_article
from marsad.models import Article
from marsad.text.language import dominant_script
from marsad.text.normalize import fold

NO_TEXT = "no article text found in page"

#: A page's main text must hold at least this many words in "prose" lines (lines of at least
#: :data:`MIN_LINE_WORDS` words). Menus, link lists and search forms give short lines only.
MIN_ARTICLE_WORDS = 10
MIN_LINE_WORDS = 5

#: Only the start of a page is searched for a ``<meta charset>`` (browsers look at 1,024 bytes).
CHARSET_SNIFF_BYTES = 4096

_CHARSET_RE = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
_WORD_RE = re.compile(r"[^\W_]+")
# What is not text in a document: scripts and styles, tags, CDATA brackets, entities, URLs.
_NOT_TEXT = re.compile(
    r"<(script|style)\b.*?</\1\s*>|<(?:!\[CDATA\[|[^>]*>)|\]\]>|&#?\w+;|https?://\S+",
    re.DOTALL | re.IGNORECASE,
)


# ---------------------------------------------------------------- public API


def article_from_html(
    html: str | bytes,
    url: str | None = None,
    id: str | None = None,
    *,
    encoding: str | None = None,
    publication_date: dt.date | str | None = None,
    outlet: str | None = None,
    language: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article | IngestError:
    """The article of one HTML page, or an :class:`IngestError` saying why there is none.

    ``url`` is where the page was read from (it resolves relative links and becomes
    ``Article.url``); ``id`` defaults to :func:`url_id` of it, or to a hash of the page when there is
    no URL. ``encoding`` is the charset the server declared, if any (see :func:`decode_markup`).

    ``publication_date`` and ``outlet`` are defaults, used only when the page states none;
    ``language`` is a language the caller vouches for (checked against the text's script), and is
    detected from the text when not given.
    """
    if isinstance(html, bytes | bytearray):
        data = bytes(html)
        aid = id or (url_id(url) if url else "html-" + hashlib.sha256(data).hexdigest()[:12])
        if len(data) > max_bytes:
            reason = f"page too large: {len(data):,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)"
            return IngestError(aid, reason)
        if not data.strip():
            return IngestError(aid, "empty page")
        try:
            page = decode_markup(data, encoding)
        except DecodeError as exc:
            return IngestError(aid, str(exc))
    elif isinstance(html, str):
        page = html
        aid = id or (url_id(url) if url else "html-" + hashlib.sha256(page.encode("utf-8", "replace")).hexdigest()[:12])
        if len(page) > max_bytes // 4 and len(page.encode("utf-8", "replace")) > max_bytes:
            return IngestError(aid, f"page too large: over the {max_bytes:,}-byte limit (--max-bytes)")
    else:
        return IngestError(id or "html", f"HTML must be str or bytes, not {type(html).__name__}")

    if not page.strip():
        return IngestError(aid, "empty page")
    if "<" not in page:
        return IngestError(aid, "not an HTML page (no markup at all)")

    meta = read_page_meta(page)
    try:
        extracted = _trafilatura_extract(page, url)
    except ImportError as exc:  # an installation problem, not the page's: say so plainly
        return IngestError(aid, f"cannot extract HTML: trafilatura is not usable ({exc})")
    except Exception as exc:  # noqa: BLE001 - a third-party parser on hostile input: report, go on
        return IngestError(aid, f"cannot extract text from page: {type(exc).__name__}: {exc}")

    text = (extracted.get("text") or "").strip()
    title = _clean(extracted.get("title")) or meta.title
    text = _drop_leading_title(text, title)
    # one block per line from trafilatura; a blank line between paragraphs, as in Marsad's .txt files
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    if not has_article_text(text):
        return IngestError(aid, NO_TEXT)

    date = parse_web_date(extracted.get("date")) or meta.published
    page_url = http_url(url) or meta.url
    # the page's own name for itself, else the caller's, else the web site's host name
    host = _host(page_url)
    named = _clean(extracted.get("sitename"))
    if named and host and named.lower().removeprefix("www.") == host:  # trafilatura's own host fallback
        named = None
    site = named or meta.site_name or _clean(outlet) or host
    return make_article(
        text,
        id=aid,
        publication_date=date or publication_date,
        language=language,
        outlet=site,
        url=page_url,
        title=title,
        max_bytes=max_bytes,
    )


def url_id(url: str) -> str:
    """A short, stable article id for a URL: its host and a hash of the URL (fragment dropped).

    The same link gives the same id whether it is read directly or found in a feed, so that
    ingesting it twice is recognised by id alone.

    >>> url_id("https://www.example.org/news/2022/11/03/clashes#comments")
    'example.org-fbe117425e44'
    """
    parts = urlsplit(url.strip())
    bare = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))
    host = parts.hostname or "url"
    if host.startswith("www."):
        host = host[4:]
    return f"{host}-{hashlib.sha256(bare.encode('utf-8')).hexdigest()[:12]}"


def has_article_text(text: str) -> bool:
    """Is ``text`` prose, rather than the leftovers of a page without an article?

    Counts the words of the lines that have at least :data:`MIN_LINE_WORDS` words: a menu
    ("World / Sport / Business"), a search form or a cookie notice does not reach
    :data:`MIN_ARTICLE_WORDS`; one sentence of news does.
    """
    prose = 0
    for line in text.splitlines():
        n = len(_WORD_RE.findall(line))
        if n >= MIN_LINE_WORDS:
            prose += n
    return prose >= MIN_ARTICLE_WORDS


# ---------------------------------------------------------------- decoding


def decode_markup(data: bytes, declared: str | None = None) -> str:
    """Decode an HTML or XML document, trusting the bytes over the labels when they disagree.

    In order: a byte-order mark; the bytes as UTF-8 when they are valid UTF-8 (UTF-8 is what the
    web is written in, and valid UTF-8 with non-ASCII letters almost never happens by chance in
    another encoding, so a declaration saying otherwise is the mistake); Windows Arabic when the
    bytes read as mostly Arabic letters that way (:func:`~marsad.ingest.decode.decode_bytes`); and
    last the charset declared by the server (``declared``), then by the document
    (``<?xml encoding?>``, ``<meta charset>``). Binary data is refused whatever the label says.

    Raises :class:`~marsad.ingest.decode.DecodeError` with a one-line reason.
    """
    bom = bom_encoding(data)
    if bom is not None:
        return decode_bytes(data)
    head = data[:CHARSET_SNIFF_BYTES]
    labels = [declared, *(m.group(1).decode("ascii", "replace") for m in (_XML_ENCODING_RE.search(head),
                                                                          _CHARSET_RE.search(head)) if m)]
    candidates = [c for c in (_codec(label) for label in labels) if c]
    wide = next((c for c in candidates if c.startswith(("utf_16", "utf_32"))), None)
    if wide:  # UTF-16 without a BOM: the only case where NUL bytes are text
        try:
            return data.decode(wide)
        except UnicodeDecodeError:
            pass
    try:
        return decode_bytes(data)  # BOM-less UTF-8 (refusing binary data), or Windows Arabic
    except DecodeError as exc:
        first_error = exc
    if b"\x00" in data or str(first_error).startswith("binary data"):
        raise first_error
    arabic = _windows_arabic_markup(data)
    if arabic is not None:
        return arabic
    for codec in candidates:
        if codec in ("utf_8", "utf_8_sig"):
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        return text
    raise first_error


def _windows_arabic_markup(data: bytes) -> str | None:
    """``data`` as Windows-1256 if the *text* of the document (tags and URLs left out) is then
    mostly Arabic letters. Markup is Latin, so the whole document would never look Arabic."""
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    script, share = dominant_script(_NOT_TEXT.sub(" ", text))
    return text if script == "Arabic" and share >= 0.6 else None


def _codec(label: str | None) -> str | None:
    """The Python codec for a charset label, or ``None`` for an unknown label."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return name.replace("-", "_")


# ---------------------------------------------------------------- trafilatura


def _trafilatura_extract(page: str, url: str | None) -> dict[str, Any]:
    """Main text and metadata of ``page`` as a dict (``text``, ``title``, ``sitename``, ``date``)."""
    import trafilatura  # lazily: importing it costs a few hundred milliseconds

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lxml deprecation noise from inside trafilatura
        doc = trafilatura.bare_extraction(
            page,
            url=url,
            with_metadata=True,
            include_comments=False,  # readers' comments are not the report
            include_tables=True,  # casualty tables are
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    if doc is None:
        return {}
    if isinstance(doc, dict):  # trafilatura 1.x
        return doc
    return {name: getattr(doc, name, None) for name in ("text", "title", "sitename", "date", "url")}


def _drop_leading_title(text: str, title: str | None) -> str:
    """``text`` without a first line that only repeats the headline."""
    if not title or not text:
        return text
    first, _, rest = text.partition("\n")
    if _squash(first) == _squash(title):
        return rest.strip()
    return text


def _squash(s: str) -> str:
    return " ".join(_WORD_RE.findall(fold(s)))


# ---------------------------------------------------------------- the page's own metadata


@dataclass
class PageMeta:
    """What a page says about itself in its markup (the fallbacks of :func:`article_from_html`)."""

    title: str | None = None
    site_name: str | None = None
    published: dt.date | None = None
    url: str | None = None
    lang: str | None = None


# meta names/properties that carry a publication date, best first
_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "og:published_time",
    "publishdate", "pubdate", "date", "dc.date.issued", "dc.date", "dcterms.issued", "dcterms.created",
    "sailthru.date", "parsely-pub-date", "article.published", "published_time",
)


def read_page_meta(page: str) -> PageMeta:
    """The title, site name, publication date, URL and ``lang`` a page declares in its markup."""
    parser = _MetaParser()
    try:
        parser.feed(page)
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; whatever was read before is kept
        pass
    m = parser.meta
    ld = parser.json_ld
    title = m.get("og:title") or m.get("twitter:title") or ld.get("headline") or _clean(parser.title)
    site = m.get("og:site_name") or m.get("application-name") or ld.get("publisher")
    published = None
    for value in (*(m.get(k) for k in _DATE_KEYS[:3]), ld.get("datePublished"),
                  *(m.get(k) for k in _DATE_KEYS[3:]), parser.time):
        published = parse_web_date(value)
        if published:
            break
    url = http_url(parser.canonical) or http_url(m.get("og:url"))
    return PageMeta(_clean(title), _clean(site), published, url, _clean(parser.lang))


class _MetaParser(HTMLParser):
    """Collects ``<meta>``, ``<title>``, ``<link rel=canonical>``, ``<time>`` and JSON-LD."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.json_ld: dict[str, str] = {}
        self.title: str | None = None
        self.canonical: str | None = None
        self.time: str | None = None
        self.lang: str | None = None
        self._in: str | None = None  # "title" or "ld"
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.lang = a["lang"]
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            if key and a.get("content", "").strip() and key not in self.meta:
                self.meta[key] = a["content"].strip()
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and not self.canonical:
            self.canonical = a.get("href")
        elif tag == "time" and a.get("datetime") and (self.time is None or "pubdate" in a
                                                      or a.get("itemprop") == "datePublished"):
            self.time = a["datetime"]
        elif tag == "title" and self.title is None:
            self._in, self._buf = "title", []
        elif tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self._in, self._buf = "ld", []

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buf.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._in == "title" and tag == "title":
            self.title = "".join(self._buf)
            self._in = None
        elif self._in == "ld" and tag == "script":
            self._read_json_ld("".join(self._buf))
            self._in = None

    def _read_json_ld(self, raw: str) -> None:
        try:
            doc = json.loads(raw)
        except ValueError:
            return
        for obj in _json_objects(doc):
            for key in ("headline", "datePublished"):
                if isinstance(obj.get(key), str) and key not in self.json_ld:
                    self.json_ld[key] = obj[key]
            publisher = obj.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                self.json_ld.setdefault("publisher", publisher["name"])


def _json_objects(doc: Any, depth: int = 0) -> Iterable[dict[str, Any]]:
    """The objects of a JSON-LD document: the top level, lists and ``@graph`` (not deeper)."""
    if depth > 3:
        return
    if isinstance(doc, list):
        for item in doc:
            yield from _json_objects(item, depth + 1)
    elif isinstance(doc, dict):
        yield doc
        if "@graph" in doc:
            yield from _json_objects(doc["@graph"], depth + 1)


# ---------------------------------------------------------------- dates


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_SLASH_DATE = re.compile(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})(?!\d)")


def parse_web_date(value: Any) -> dt.date | None:
    """The calendar date of a date as pages and feeds write it, or ``None``.

    Accepts ISO 8601 (``2022-11-03``, ``2022-11-03T23:15:00+03:00``), RFC 822 as in RSS
    (``Thu, 03 Nov 2022 23:15:00 +0300``) and ``2022/11/03``. The date is the one *written*,
    in the publisher's own time zone: 23:15 in Baghdad on 3 November is published on the 3rd, even
    though it is the 3rd at 20:15 in UTC — "today" in that report means the 3rd.

    >>> parse_web_date("Thu, 03 Nov 2022 23:15:00 +0300")
    datetime.date(2022, 11, 3)
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    if not s:
        return None
    for pattern in (_ISO_DATE, _SLASH_DATE):
        m = pattern.match(s)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    try:
        return email.utils.parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        return None


# ---------------------------------------------------------------- HTML → plain text


_BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table",
    "tr", "td", "th", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt", "dl",
    "hr", "aside", "main", "address",
})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object"})


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content): tags out, paragraphs kept.

    Block elements (``<p>``, ``<div>``, ``<li>``, ``<br>`` …) end a line; script and style content
    is dropped; entities are decoded; runs of spaces become one space.

    >>> html_to_text("<p>Clashes in <b>Menaka</b>&nbsp;region.</p><p>Two killed.</p><script>x()</script>")
    'Clashes in Menaka region.\\n\\nTwo killed.'
    """
    if "<" not in fragment and "&" not in fragment:
        return _tidy(fragment)
    parser = _TextParser()
    try:
        parser.feed(fragment)
        parser.close()
    except Exception:  # noqa: BLE001 - lenient parser; keep what was read
        pass
    return _tidy("".join(parser.parts))


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _tidy(text: str) -> str:
    """Spaces collapsed within lines; blank lines between paragraphs, at most one in a row."""
    lines = [" ".join(line.split()) for line in text.replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line:
            out.append(line)
        elif out and out[-1]:
            out.append("")
    return "\n".join(out).strip()


# ---------------------------------------------------------------- helpers


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    s = " ".join(value.split())
    return s or None


def http_url(value: Any) -> str | None:
    """``value`` if it is an absolute http(s) URL, else ``None``."""
    if not isinstance(value, str):
        return None
    s = value.strip()
    parts = urlsplit(s)
    return s if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    if host and host.startswith("www."):
        host = host[4:]
    return host or None


__all__ = [
    "NO_TEXT",
    "PageMeta",
    "article_from_html",
    "decode_markup",
    "has_article_text",
    "html_to_text",
    "parse_web_date",
    "read_page_meta",
    "url_id",
]
