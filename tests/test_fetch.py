"""fetch_url and URL sources against a real HTTP server on 127.0.0.1 (never any other address).

The server runs in a thread for the module. Slow routes wait on an event that the fixture sets at
teardown, and every streaming loop is bounded, so nothing outlives the tests.
"""

from __future__ import annotations

import gzip
import logging
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from marsad.ingest import IngestError
from marsad.ingest.fetch import DEFAULT_USER_AGENT, FetchError, FetchResult, fetch_url
from marsad.ingest.html import url_id
from marsad.ingest.sources import iter_source_articles
from marsad.models import Article

AR_1 = ("اشتدت المعارك اليوم الخميس غرب ولاية ميناكا شمال مالي بين جماعة نصرة الإسلام والمسلمين "
        "وتنظيم داعش في الصحراء الكبرى، وفق ما أفادت مصادر محلية.")
AR_2 = "وقال مصدر أمني إن عشرات المقاتلين قتلوا في المواجهات التي استمرت ساعات."
EN_1 = ("Clashes broke out on Thursday between the two groups in the west of the Menaka region, "
        "local sources said, and dozens of fighters were killed.")
EN_2 = "The army said it was not involved in the fighting, which lasted several hours, residents said."

ARTICLE = (
    "<!DOCTYPE html><html lang='ar'><head><meta charset='utf-8'><title>اشتباكات غرب ميناكا</title>"
    "<meta property='og:site_name' content='أخبار الساحل'>"
    "<meta property='article:published_time' content='2022-11-03T10:00:00+00:00'></head><body>"
    "<nav><a href='/'>الرئيسية</a> <a href='/sport'>رياضة</a></nav>"
    f"<article><h1>اشتباكات غرب ميناكا</h1><p>{AR_1}</p><p>{AR_2}</p></article>"
    "<footer>جميع الحقوق محفوظة</footer></body></html>"
).encode()

STORY = (
    "<html><head><title>Clashes near Menaka</title><meta property='og:site_name' content='Page Site'></head>"
    f"<body><article><p>{EN_1}</p><p>{EN_2}</p></article></body></html>"
).encode()

FEED = (
    "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Sahel Wire</title>"
    "<item><title>Clashes near Menaka</title><link>/story/1</link>"
    "<pubDate>Thu, 03 Nov 2022 09:00:00 +0100</pubDate>"
    "<description>Clashes broke out on Thursday west of Menaka, sources said...</description></item>"
    "<item><title>Dead link</title><link>/missing</link>"
    "<description>Fighting resumed on Friday west of Menaka, residents said...</description></item>"
    f"<item><title>Full</title><link>/story/2</link><description>{EN_2}</description>"
    f"<content:encoded xmlns:content='http://purl.org/rss/1.0/modules/content/'><![CDATA[<p>{EN_1}</p>]]>"
    "</content:encoded></item>"
    "</channel></rss>"
).encode()


class _Handler(BaseHTTPRequestHandler):
    release: threading.Event
    user_agents: list[str]

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def _send(self, status: int, body: bytes = b"", ctype: str | None = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None, length: bool = True) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: C901 - one branch per route, on purpose
        self.user_agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path in ("/article.html", "/story/1"):
            self._send(200, ARTICLE if path == "/article.html" else STORY)
        elif path == "/article-1256.html":
            self._send(200, ARTICLE.decode().replace("utf-8", "windows-1256").encode("cp1256"),
                       "text/html; charset=windows-1256")
        elif path == "/feed.xml":
            self._send(200, FEED, "application/rss+xml")
        elif path == "/feed-as-html":
            self._send(200, FEED, "text/html")
        elif path == "/feed-octet":
            self._send(200, FEED, "application/octet-stream")
        elif path == "/no-type":
            self._send(200, ARTICLE, None)
        elif path == "/binary-octet":
            self._send(200, bytes(range(256)) * 4, "application/octet-stream")
        elif path == "/text-plain":
            self._send(200, b"just words, no markup", "text/plain")
        elif path == "/error":
            self._send(500, b"oops")
        elif path == "/pdf":
            self._send(200, b"%PDF-1.7\n" + bytes(range(256)), "application/pdf")
        elif path == "/empty":
            self._send(200, b"")
        elif path == "/redirect":
            self._send(302, headers={"Location": "/article.html"})
        elif path == "/redirect-abs":
            host, port = self.server.server_address[:2]
            self._send(301, headers={"Location": f"http://{host}:{port}/redirect"})
        elif path == "/redirect-loop":
            self._send(302, headers={"Location": "/redirect-loop"})
        elif path == "/redirect-file":
            self._send(302, headers={"Location": "file:///etc/passwd"})
        elif path == "/redirect-nowhere":
            self._send(302)
        elif path == "/gzip":
            self._send(200, gzip.compress(ARTICLE), headers={"Content-Encoding": "gzip"})
        elif path == "/gzip-bomb":
            self._send(200, gzip.compress(b"<html>" + b" " * 3_000_000), headers={"Content-Encoding": "gzip"})
        elif path == "/gzip-corrupt":
            self._send(200, b"\x1f\x8b\x08\x00garbage-not-gzip", headers={"Content-Encoding": "gzip"})
        elif path == "/huge-declared":
            self._send(200, b"<html>", headers={"Content-Length": "50000000"}, length=False)
        elif path == "/huge-stream":
            self._send(200, length=False)
            try:
                for _ in range(64):  # at most 4 MiB, then stop whatever the client does
                    self.wfile.write(b"<p>" + b"x" * 65_533)
            except OSError:
                pass
            self.close_connection = True
        elif path == "/slow":
            self.release.wait(10)  # released at teardown; the client gave up long before
            self._send(200, ARTICLE)
        elif path == "/trickle":
            self._send(200, length=False)
            try:
                self.wfile.write(b"<html><body>")
                for _ in range(200):  # a byte every 50 ms, 10 s at most
                    if self.release.wait(0.05):
                        break
                    self.wfile.write(b"x")
                    self.wfile.flush()
            except OSError:
                pass
            self.close_connection = True
        else:
            self._send(404, b"<html><body>not found</body></html>")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The base URL of a test server on 127.0.0.1 (a free port chosen by the system)."""
    release = threading.Event()
    _Handler.release = release
    _Handler.user_agents = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    host, port = httpd.server_address[:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        release.set()  # frees the slow and trickling handlers at once
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def fetch_error(url: str, **kw) -> str:
    with pytest.raises(FetchError) as info:
        fetch_url(url, **kw)
    assert "\n" not in info.value.reason
    assert info.value.url == url
    return info.value.reason


# ---------------------------------------------------------------- fetch_url


def test_fetch_html_page(server):
    r = fetch_url(f"{server}/article.html")
    assert (r.status, r.content_type, r.charset, r.kind) == (200, "text/html", "utf-8", "html")
    assert r.body == ARTICLE and r.url == f"{server}/article.html"


def test_fetch_sends_the_user_agent(server):
    fetch_url(f"{server}/article.html", user_agent="MarsadTest/1")
    fetch_url(f"{server}/article.html")
    assert _Handler.user_agents[-2:] == ["MarsadTest/1", DEFAULT_USER_AGENT]


def test_fetch_feed_and_feeds_served_under_other_types(server):
    assert fetch_url(f"{server}/feed.xml").kind == "feed"
    assert fetch_url(f"{server}/feed-as-html").kind == "feed"  # the first element decides
    r = fetch_url(f"{server}/feed-octet")
    assert (r.content_type, r.kind) == ("application/octet-stream", "feed")
    assert fetch_url(f"{server}/no-type").kind == "html"


def test_redirects_are_followed_to_the_final_url(server):
    assert fetch_url(f"{server}/redirect").url == f"{server}/article.html"
    assert fetch_url(f"{server}/redirect-abs").url == f"{server}/article.html"  # two hops


def test_redirect_limits(server):
    assert fetch_error(f"{server}/redirect-loop") == "too many redirects (more than 5)"
    assert "too many redirects" in fetch_error(f"{server}/redirect-abs", max_redirects=1)
    assert fetch_error(f"{server}/redirect-file").startswith("redirected to an unsupported URL scheme 'file'")
    assert fetch_error(f"{server}/redirect-nowhere") == "HTTP 302 redirect without a Location"


def test_http_errors(server):
    assert fetch_error(f"{server}/missing") == "HTTP 404 Not Found"
    assert fetch_error(f"{server}/error") == "HTTP 500 Internal Server Error"


def test_slow_server_times_out(server):
    assert fetch_error(f"{server}/slow", timeout=0.3) == "timed out after 0.3 s"


def test_trickling_server_hits_the_total_deadline(server):
    # each byte arrives well within the socket timeout: only a deadline on the whole fetch stops it
    assert fetch_error(f"{server}/trickle", timeout=0.5) == "timed out after 0.5 s"


def test_too_large(server):
    declared = fetch_error(f"{server}/huge-declared", max_bytes=1_000_000)
    assert declared == "response too large: 50,000,000 bytes, over the 1,000,000-byte limit (--max-bytes)"
    assert fetch_error(f"{server}/huge-stream", max_bytes=1_000_000).startswith("response too large: over")
    assert "once decompressed" in fetch_error(f"{server}/gzip-bomb", max_bytes=1_000_000)


def test_gzip_is_decompressed(server):
    assert fetch_url(f"{server}/gzip").body == ARTICLE
    assert fetch_error(f"{server}/gzip-corrupt").startswith("corrupt gzip data")


@pytest.mark.parametrize(
    "path, reason",
    [
        ("/pdf", "not HTML or a feed: application/pdf"),
        ("/binary-octet", "not HTML or a feed: application/octet-stream"),
        ("/text-plain", "not HTML or a feed: text/plain"),
        ("/empty", "empty response (HTTP 200)"),
    ],
)
def test_refused_content(server, path, reason):
    assert fetch_error(f"{server}{path}") == reason


def test_bad_urls_are_refused_before_any_request():
    assert fetch_error("ftp://127.0.0.1/feed.xml") == "unsupported URL scheme 'ftp' (only http and https)"
    assert fetch_error("file:///etc/passwd") == "unsupported URL scheme 'file' (only http and https)"
    assert fetch_error("http://") == "not a URL: no host in 'http://'"
    with pytest.raises(ValueError):
        fetch_url("http://127.0.0.1/", timeout=0)


def test_connection_refused():
    with socket.socket() as s:  # a port that was free a moment ago and has no listener now
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert fetch_error(f"http://127.0.0.1:{port}/", timeout=5).startswith("cannot connect")


# ---------------------------------------------------------------- URL sources


def items(source: str, **kw) -> list[Article | IngestError]:
    return list(iter_source_articles(source, **kw))


def test_url_of_an_article(server):
    (a,) = items(f"{server}/redirect")
    assert isinstance(a, Article), a
    assert a.id == url_id(f"{server}/redirect")  # from the URL asked for: stable across runs
    assert a.url == f"{server}/article.html"  # where the article actually is
    assert (a.text, a.outlet, a.language) == (f"{AR_1}\n\n{AR_2}", "أخبار الساحل", "ar")


def test_url_in_windows_arabic(server):
    (a,) = items(f"{server}/article-1256.html")
    assert isinstance(a, Article) and a.text.startswith(AR_1)


def test_url_failures_are_errors_and_the_batch_goes_on(server):
    (e,) = items(f"{server}/missing")
    assert e == IngestError(f"{server}/missing", "HTTP 404 Not Found")
    (e,) = items(f"{server}/pdf")
    assert isinstance(e, IngestError) and e.reason == "not HTML or a feed: application/pdf"


def test_feed_url_without_fetching_links(server):
    got = items(f"{server}/feed.xml")
    assert [type(i).__name__ for i in got] == ["Article", "Article", "Article"]
    teaser, dead, full = got
    assert teaser.text == "Clashes broke out on Thursday west of Menaka, sources said..."
    assert teaser.url == f"{server}/story/1" and teaser.outlet == "Sahel Wire"
    assert full.text == EN_1  # full content, used as it is


def test_feed_url_fetching_teaser_links(server, caplog):
    with caplog.at_level(logging.WARNING, logger="marsad.ingest.sources"):
        teaser, dead, full = items(f"{server}/feed.xml", fetch_links=True)
    assert isinstance(teaser, Article)
    assert teaser.text == f"{EN_1}\n\n{EN_2}"  # the page's main text
    assert teaser.id == url_id(f"{server}/story/1")
    assert (teaser.title, teaser.outlet) == ("Clashes near Menaka", "Sahel Wire")  # the feed's metadata
    assert teaser.publication_date.isoformat() == "2022-11-03"
    assert isinstance(dead, Article) and dead.text.startswith("Fighting resumed")  # summary kept
    assert "HTTP 404 Not Found" in caplog.text
    assert full.text == EN_1  # not a teaser: its link is not fetched


def test_injected_fetcher_is_used_for_urls_and_links():
    calls: list[str] = []

    def fake(url: str) -> FetchResult:
        calls.append(url)
        if url.endswith("/feed"):
            return FetchResult(url, 200, "application/rss+xml", FEED)
        raise FetchError(url, "offline")

    got = items("https://news.example/feed", fetch_links=True, fetcher=fake)
    assert calls == ["https://news.example/feed", "https://news.example/story/1", "https://news.example/missing"]
    assert all(isinstance(i, Article) for i in got)  # the summaries are kept


def test_the_server_is_still_responsive(server):
    # after the slow and trickling routes, a normal fetch still works: no handler is stuck
    assert fetch_url(f"{server}/article.html", timeout=5).status == 200
