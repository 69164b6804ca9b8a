"""Fetch one web page or feed over HTTP(S), defensively: the web is not a trusted input.

:func:`fetch_url` uses only the standard library (``urllib``) and guards against what a crawler
meets in practice:

=============================  ====================================================================
what the server does           what happens
=============================  ====================================================================
answers 4xx / 5xx              :class:`FetchError` ``HTTP 404 Not Found``
is slow, or trickles bytes     :class:`FetchError` ``timed out after 20 s``: ``timeout`` bounds the
                               *whole* fetch (connection, redirects, body), not each socket read
sends more than ``max_bytes``  :class:`FetchError` ``response too large: …``, refused on its
                               ``Content-Length`` before any byte is read, else cut off while
                               streaming (also after gzip decompression: no zip bombs)
sends a PDF, an image, …       :class:`FetchError` ``not HTML or a feed: application/pdf``, refused
                               on the header, before the body is read
redirects                      followed (301, 302, 303, 307, 308), at most ``max_redirects`` times,
                               only to ``http:``/``https:`` URLs (never ``file:`` or ``ftp:``)
cannot be reached              :class:`FetchError` ``cannot connect: Connection refused``
=============================  ====================================================================

A body served as ``application/octet-stream``, ``text/plain`` or with no Content-Type is read (within
the cap) and kept only when it starts like a feed or an HTML page (:func:`~marsad.ingest.feeds.sniff_markup`).

httpx is not a dependency of Marsad, and urllib does everything needed here; proxies set in the
environment (``https_proxy``, ``no_proxy``) are honoured as usual.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from email.message import Message
from typing import Any
from urllib.parse import urljoin, urlsplit

from marsad.ingest.feeds import sniff_markup
from marsad.ingest.readers import DEFAULT_MAX_BYTES

DEFAULT_USER_AGENT = "Marsad/0.1 (conflict news coder; +python-urllib)"
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_REDIRECTS = 5

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
    "application/x-rss+xml",
})
#: Content-Types that say nothing useful: the body itself is looked at.
SNIFFED_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream", "text/plain"})

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,"
    "text/xml;q=0.9,*/*;q=0.1"
)


class FetchError(Exception):
    """A URL could not be fetched; ``str(error)`` is the one-line reason, ``url`` the URL asked for."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(reason)
        self.url = url
        self.reason = reason


@dataclass(frozen=True)
class FetchResult:
    """A fetched page or feed.

    ``url`` is the final URL, after redirects; ``content_type`` the media type alone, lower-cased
    (``"text/html"``), and ``charset`` the one the server declared, if any.
    """

    url: str
    status: int
    content_type: str
    body: bytes
    charset: str | None = None

    @property
    def kind(self) -> str:
        """``"feed"`` or ``"html"``: the document's first element decides, else its Content-Type."""
        sniffed = sniff_markup(self.body)
        if sniffed:
            return sniffed
        if self.content_type in FEED_TYPES:
            return "feed"
        return "html"


def fetch_url(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    user_agent: str = DEFAULT_USER_AGENT,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
) -> FetchResult:
    """GET ``url`` and return the page or feed it serves; raise :class:`FetchError` otherwise.

    See the module docstring for what is refused and why. ``timeout`` (seconds) bounds the whole
    fetch, redirects and body included.
    """
    if timeout <= 0:
        raise ValueError(f"timeout must be positive, not {timeout}")
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(_NoRedirects)
    current = _check_url(url, url)
    for _hop in range(max_redirects + 1):
        request = urllib.request.Request(current, headers={
            "User-Agent": user_agent,
            "Accept": _ACCEPT,
            "Accept-Encoding": "gzip, deflate",
        })
        try:
            response = opener.open(request, timeout=_remaining(deadline, url, timeout))
        except urllib.error.HTTPError as exc:
            with exc:
                if exc.code in _REDIRECTS:
                    location = exc.headers.get("Location")
                    if not location:
                        raise FetchError(url, f"HTTP {exc.code} redirect without a Location") from None
                    current = _check_url(url, urljoin(current, location.strip()))
                    continue
                raise FetchError(url, f"HTTP {exc.code} {exc.reason}".strip()) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
            raise FetchError(url, _network_reason(exc, timeout)) from None
        with response:
            return _read(response, url, current, deadline, timeout, max_bytes)
    raise FetchError(url, f"too many redirects (more than {max_redirects})")


# ---------------------------------------------------------------- internals


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by :func:`fetch_url` itself, which checks every target."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _check_url(asked: str, url: str) -> str:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = repr(scheme) if scheme else "(none)"
        if asked != url:
            raise FetchError(asked, f"redirected to an unsupported URL scheme {shown}: {url} (only http and https)")
        raise FetchError(asked, f"unsupported URL scheme {shown} (only http and https)")
    if not parts.hostname:
        raise FetchError(asked, f"not a URL: no host in {url!r}")
    return url


def _remaining(deadline: float, url: str, timeout: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(url, _timed_out(timeout))
    return left


def _timed_out(timeout: float) -> str:
    return f"timed out after {timeout:g} s"


def _network_reason(exc: BaseException, timeout: float) -> str:
    reason: Any = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TimeoutError):
        return _timed_out(timeout)
    if isinstance(reason, ssl.SSLError):
        return f"TLS error: {getattr(reason, 'reason', None) or reason}"
    if isinstance(reason, socket.gaierror):
        return f"cannot resolve host: {reason.strerror or reason}"
    if isinstance(reason, OSError):
        return f"cannot connect: {reason.strerror or reason}"
    if isinstance(reason, http.client.HTTPException):
        return f"bad HTTP response: {type(reason).__name__} {reason}".strip()
    return f"cannot fetch: {reason}"


def _read(response: Any, asked: str, url: str, deadline: float, timeout: float, max_bytes: int) -> FetchResult:
    headers: Message = response.headers
    raw_type = headers.get("Content-Type")
    content_type = headers.get_content_type() if raw_type else ""
    charset = headers.get_content_charset() if raw_type else None
    if content_type not in HTML_TYPES | FEED_TYPES | SNIFFED_TYPES:
        raise FetchError(asked, f"not HTML or a feed: {content_type}")
    length = headers.get("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise FetchError(asked, _too_large(f"{int(length):,} bytes", max_bytes))

    encoding = (headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        decoder: Any = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = zlib.decompressobj()
    elif encoding == "identity":
        decoder = None
    else:
        raise FetchError(asked, f"unsupported Content-Encoding {encoding!r}")

    body = bytearray()
    try:
        while True:
            _remaining(deadline, asked, timeout)
            chunk = response.read1(_CHUNK) if hasattr(response, "read1") else response.read(_CHUNK)
            if not chunk:
                break
            if decoder is None:
                body += chunk
            else:
                body += decoder.decompress(chunk, max_bytes + 1 - len(body))
                if decoder.unconsumed_tail:  # the output reached the cap with input left over
                    raise FetchError(asked, _too_large(f"over {max_bytes:,} bytes once decompressed", max_bytes))
            if len(body) > max_bytes:
                raise FetchError(asked, _too_large(f"over {max_bytes:,} bytes", max_bytes))
        if decoder is not None:
            body += decoder.flush()
    except TimeoutError:
        raise FetchError(asked, _timed_out(timeout)) from None
    except zlib.error as exc:
        raise FetchError(asked, f"corrupt {encoding} data: {exc}") from None
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(asked, f"connection broken while reading: {type(exc).__name__} {exc}".strip()) from None
    if len(body) > max_bytes:
        raise FetchError(asked, _too_large(f"over {max_bytes:,} bytes", max_bytes))
    if not body.strip():
        raise FetchError(asked, f"empty response (HTTP {response.status})")
    data = bytes(body)
    if content_type in SNIFFED_TYPES and sniff_markup(data) is None:
        raise FetchError(asked, f"not HTML or a feed: {content_type or 'no Content-Type'}")
    return FetchResult(url=url, status=response.status, content_type=content_type, body=data, charset=charset)


def _too_large(got: str, max_bytes: int) -> str:
    return f"response too large: {got}, over the {max_bytes:,}-byte limit (--max-bytes)"


__all__ = [
    "DEFAULT_MAX_REDIRECTS",
    "DEFAULT_TIMEOUT",
    "DEFAULT_USER_AGENT",
    "FEED_TYPES",
    "HTML_TYPES",
    "FetchError",
    "FetchResult",
    "fetch_url",
]
