"""HTML pages → articles (main text, metadata, encodings, bad pages), and sources read from disk/stdin."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys

import pytest

from marsad.ingest import IngestError
from marsad.ingest.decode import DecodeError
from marsad.ingest.html import (
    NO_TEXT,
    article_from_html,
    decode_markup,
    has_article_text,
    html_to_text,
    parse_web_date,
    read_page_meta,
    url_id,
)
from marsad.ingest.sources import is_url, iter_source_articles
from marsad.models import Article

AR_P1 = ("اشتدت المعارك اليوم الخميس غرب ولاية ميناكا شمال مالي بين جماعة نصرة الإسلام والمسلمين "
         "وتنظيم داعش في الصحراء الكبرى، وفق ما أفادت مصادر محلية.")
AR_P2 = ("وقال مصدر أمني إن عشرات المقاتلين قتلوا في المواجهات التي استمرت ساعات، فيما نزح مئات "
         "المدنيين من القرى المجاورة نحو مدينة ميناكا.")
AR_P3 = "ولم يصدر أي تعليق رسمي من الحكومة المالية حتى الآن على هذه الاشتباكات."
AR_TITLE = "اشتباكات عنيفة غرب ميناكا"

AR_PAGE = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{AR_TITLE} | أخبار الساحل</title>
<meta property="og:title" content="{AR_TITLE}">
<meta property="og:site_name" content="أخبار الساحل">
<meta property="article:published_time" content="2022-11-03T23:15:00+03:00">
<link rel="canonical" href="https://sahel.example/news/123">
</head><body>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/sport">رياضة</a></li>
<li><a href="/eco">اقتصاد</a></li></ul></nav>
<article><h1>{AR_TITLE}</h1><p>{AR_P1}</p><p>{AR_P2}</p><p>{AR_P3}</p></article>
<aside><h3>الأكثر قراءة</h3><ul><li><a href="/x">مباراة القمة</a></li></ul></aside>
<footer>جميع الحقوق محفوظة © 2022</footer>
</body></html>"""

EN_P1 = ("Clashes broke out on Thursday between the two groups in the west of the Menaka region, "
         "local sources said, and dozens of fighters were killed.")
EN_P2 = "The army said it was not involved in the fighting, which lasted several hours."
EN_PAGE_JSON_LD = f"""<html><head><title>Clashes in Menaka - Sahel Times</title>
<script type="application/ld+json">{json.dumps({"@context": "https://schema.org", "@graph": [
    {"@type": "NewsArticle", "headline": "Clashes in Menaka", "datePublished": "2022-11-03T09:00:00+01:00",
     "publisher": {"@type": "Organization", "name": "Sahel Times"}}]})}</script>
</head><body><div class="menu"><a href="/">Home</a> <a href="/world">World</a></div>
<div class="story"><p>{EN_P1}</p><p>{EN_P2}</p></div>
<div class="comments"><h3>Comments</h3><p>A reader writes that this is all a lie and nobody was there at all.</p></div>
</body></html>"""

NAV_ONLY = """<html><head><title>Sahel Times — Home</title></head><body>
<nav><ul><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/biz">Business</a></li></ul></nav>
<form action="/search"><input name="q"><button>Search</button></form>
<footer>© 2024 Sahel Times</footer></body></html>"""


def page(body: str, head: str = "", charset: str | None = "utf-8") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<html><head>{meta}{head}</head><body><article>{body}</article></body></html>"


def ok(item: Article | IngestError) -> Article:
    assert isinstance(item, Article), item
    return item


def err(item: Article | IngestError) -> str:
    assert isinstance(item, IngestError), item
    assert "\n" not in item.reason
    return item.reason


# ---------------------------------------------------------------- main text and metadata


def test_arabic_page_main_text_without_boilerplate_and_its_metadata():
    a = ok(article_from_html(AR_PAGE, url="https://www.sahel.example/news/123?utm_source=x"))
    assert a.text == f"{AR_P1}\n\n{AR_P2}\n\n{AR_P3}"  # no menu, sidebar, footer; headline not repeated
    assert a.title == AR_TITLE
    assert a.outlet == "أخبار الساحل"
    assert a.publication_date == dt.date(2022, 11, 3)  # as written in Baghdad time, not UTC
    assert a.language == "ar"
    assert a.url == "https://www.sahel.example/news/123?utm_source=x"  # where it was read from
    assert a.id == url_id("https://www.sahel.example/news/123?utm_source=x")


def test_canonical_link_is_the_url_when_the_page_comes_from_a_file():
    a = ok(article_from_html(AR_PAGE, id="saved-page"))
    assert a.url == "https://sahel.example/news/123"
    assert a.id == "saved-page"


def test_json_ld_metadata_and_no_reader_comments():
    a = ok(article_from_html(EN_PAGE_JSON_LD))
    assert a.text == f"{EN_P1}\n\n{EN_P2}"
    assert "reader" not in a.text and "Comments" not in a.text
    assert (a.title, a.outlet, a.publication_date, a.language) == (
        "Clashes in Menaka", "Sahel Times", dt.date(2022, 11, 3), "en")
    assert a.id.startswith("html-")  # no URL, no id: a hash of the page


def test_time_element_date_and_host_as_outlet():
    html = page(f"<p>{EN_P1}</p><p>Posted on <time datetime='2022-11-05T08:00'>5 November</time></p>")
    a = ok(article_from_html(html, url="https://www.saheltimes.example/a/1"))
    assert a.publication_date == dt.date(2022, 11, 5)
    assert a.outlet == "saheltimes.example"
    named = ok(article_from_html(html, url="https://www.saheltimes.example/a/1", outlet="Sahel Times"))
    assert named.outlet == "Sahel Times"  # the caller's name beats a host name


def test_french_page():
    fr = ("Des affrontements ont éclaté jeudi entre les deux groupes dans l'ouest de la région de Ménaka, "
          "selon des sources locales.")
    a = ok(article_from_html(page(f"<p>{fr}</p>", head="<title>Ménaka</title>")))
    assert a.language == "fr" and a.text == fr


def test_defaults_fill_in_only_what_the_page_does_not_state():
    no_meta = page(f"<p>{EN_P1}</p>")
    a = ok(article_from_html(no_meta, publication_date="2022-11-04", outlet="Wire"))
    assert (a.publication_date, a.outlet) == (dt.date(2022, 11, 4), "Wire")
    b = ok(article_from_html(AR_PAGE, publication_date="2022-11-04", outlet="Wire"))
    assert (b.publication_date, b.outlet) == (dt.date(2022, 11, 3), "أخبار الساحل")


def test_given_language_is_checked_against_the_script():
    assert ok(article_from_html(AR_PAGE, language="ar")).language == "ar"
    assert "Arabic script" in err(article_from_html(AR_PAGE, language="en"))


# ---------------------------------------------------------------- encodings


def test_bytes_in_windows_arabic_with_a_correct_declaration():
    data = page(f"<p>{AR_P1}</p>", charset="windows-1256").encode("cp1256")
    assert ok(article_from_html(data)).text == AR_P1


def test_windows_arabic_page_with_a_lot_of_latin_markup():
    script = "<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>"
    nav = "".join(f'<li class="menu-item menu-item-type-custom"><a href="https://x.example/c/{i}">{i}</a></li>'
                  for i in range(40))
    html = (f'<html><head><meta charset="windows-1256">{script * 5}<style>.a{{color:red}}</style></head><body>'
            f"<ul>{nav}</ul><article><p>{AR_P1}</p><p>{AR_P2}</p></article></body></html>")
    data = html.encode("cp1256")
    assert ok(article_from_html(data)).text == f"{AR_P1}\n\n{AR_P2}"
    # the same bytes without any declaration: the text of the page is Arabic, so Windows Arabic
    assert ok(article_from_html(data.replace(b' charset="windows-1256"', b""))).text.startswith(AR_P1)


def test_utf8_bytes_declared_as_latin1_are_read_as_utf8():
    data = page(f"<p>{AR_P1}</p>", charset="iso-8859-1").encode("utf-8")
    assert ok(article_from_html(data)).text == AR_P1
    # the same mistake made by the server's Content-Type
    assert ok(article_from_html(page(f"<p>{AR_P1}</p>", charset=None).encode(), encoding="iso-8859-1")).text == AR_P1


def test_windows_arabic_bytes_declared_as_utf8_are_read_as_arabic():
    data = page(f"<p>{AR_P1}</p>", charset="utf-8").encode("cp1256")
    assert ok(article_from_html(data)).text == AR_P1


def test_latin1_french_with_a_correct_declaration():
    fr = "Des affrontements ont éclaté jeudi entre les deux groupes dans l'ouest de la région de Ménaka."
    data = page(f"<p>{fr}</p>", charset="iso-8859-1").encode("latin-1")
    assert ok(article_from_html(data)).text == fr


def test_latin1_bytes_declared_as_utf8_are_refused_with_the_reason():
    fr = "Des affrontements ont éclaté jeudi entre les deux groupes dans l'ouest de la région de Ménaka."
    data = page(f"<p>{fr}</p>", charset="utf-8").encode("latin-1")
    assert err(article_from_html(data, id="p1")).startswith("not UTF-8 text (invalid byte 0xe9")


def test_utf16_with_bom_and_unknown_declared_charset():
    assert ok(article_from_html(page(f"<p>{AR_P1}</p>", charset=None).encode("utf-16"))).text == AR_P1
    data = page(f"<p>{EN_P1}</p>", charset="x-no-such-charset").encode()
    assert ok(article_from_html(data)).text == EN_P1


def test_decode_markup_prefers_valid_utf8_over_any_label():
    assert decode_markup("<p>ميناكا</p>".encode(), "windows-1252") == "<p>ميناكا</p>"
    with pytest.raises(DecodeError, match="binary data"):
        decode_markup(b"<html>\x00\x01\x02\x03</html>", "iso-8859-1")


# ---------------------------------------------------------------- bad pages


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty page"),
        (b"  \n\t ", "empty page"),
        ("", "empty page"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + bytes(range(256)), "binary data"),
        (b"%PDF-1.7\n" + bytes(range(0, 32)) * 40, "binary data"),
        ("just a sentence with no markup at all, long enough to be prose", "not an HTML page"),
        (NAV_ONLY, NO_TEXT),
        ("<html><head><script>var x = 1;</script></head><body></body></html>", NO_TEXT),
        ("<html><body><p>Breaking</p></body></html>", NO_TEXT),
    ],
    ids=["empty", "blank", "empty-str", "png", "pdf", "plain-text", "nav-only", "script-only", "one-word"],
)
def test_bad_pages_are_one_line_errors(data, reason):
    assert reason in err(article_from_html(data, id="p"))


def test_unsupported_language_page():
    es = ("Los enfrentamientos estallaron el jueves entre los dos grupos en el oeste de la región de Menaka, "
          "según fuentes locales.")
    assert err(article_from_html(page(f"<p>{es}</p>"))).startswith("unsupported language")


def test_page_over_the_size_limit_is_refused_unread():
    assert "too large" in err(article_from_html(AR_PAGE.encode(), max_bytes=100))
    assert "too large" in err(article_from_html(AR_PAGE * 10, max_bytes=400))


def test_not_str_or_bytes():
    assert "must be str or bytes" in err(article_from_html(123))  # type: ignore[arg-type]


# ---------------------------------------------------------------- helpers


def test_read_page_meta_fallbacks():
    meta = read_page_meta(
        "<html lang='fr'><head><title> Le  titre </title><meta name='application-name' content='Le Site'>"
        "<meta name='date' content='2022/11/03'><meta property='og:url' content='https://x.example/a'>"
        "</head><body><time datetime='2021-01-01'>old</time><time pubdate datetime='2022-11-02'></time>"
        "</body></html>"
    )
    assert (meta.title, meta.site_name, meta.published, meta.url, meta.lang) == (
        "Le titre", "Le Site", dt.date(2022, 11, 3), "https://x.example/a", "fr")
    # relative or non-http canonical links are not URLs of the article
    assert read_page_meta("<link rel='canonical' href='/a/1'>").url is None
    assert read_page_meta("<time datetime='2021-01-01'></time><time pubdate datetime='2022-11-02'>").published == (
        dt.date(2022, 11, 2))
    assert read_page_meta("<script type='application/ld+json'>{not json</script>").published is None


@pytest.mark.parametrize(
    "value, date",
    [
        ("2022-11-03", dt.date(2022, 11, 3)),
        ("2022-11-03T23:15:00+03:00", dt.date(2022, 11, 3)),
        ("2022-11-03T23:15:00Z", dt.date(2022, 11, 3)),
        ("Thu, 03 Nov 2022 23:15:00 +0300", dt.date(2022, 11, 3)),
        ("Thu, 03 Nov 2022 23:15:00 GMT", dt.date(2022, 11, 3)),
        ("2022/11/03 10:00", dt.date(2022, 11, 3)),
        ("2022-13-45", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_web_date(value, date):
    assert parse_web_date(value) == date


def test_html_to_text_keeps_paragraphs_and_drops_scripts():
    assert html_to_text("<div>a<br>b</div><ul><li>c</li><li>d &amp; e</li></ul><style>p{}</style>") == (
        "a\nb\n\nc\n\nd & e")
    assert html_to_text("plain   text") == "plain text"


def test_has_article_text():
    assert has_article_text(EN_P1)
    assert not has_article_text("World\nSport\nBusiness\nSearch")
    assert not has_article_text("")


def test_url_id_is_stable_and_ignores_the_fragment():
    assert url_id("https://www.x.example/a?b=1#top") == url_id("HTTPS://WWW.X.EXAMPLE/a?b=1")
    assert url_id("https://x.example/a") != url_id("https://x.example/b")
    assert url_id("https://www.x.example/a").startswith("x.example-")


# ---------------------------------------------------------------- sources on disk and stdin


def items(source, **kw) -> list[Article | IngestError]:
    return list(iter_source_articles(source, **kw))


def test_folder_mixes_text_json_html_and_feeds(tmp_path):
    (tmp_path / "a.txt").write_text(AR_P1, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "b1", "text": EN_P1}) + "\n", encoding="utf-8")
    (tmp_path / "c.html").write_text(AR_PAGE, encoding="utf-8")
    (tmp_path / "d.htm").write_bytes(NAV_ONLY.encode())
    (tmp_path / "e.rss").write_text(
        "<rss version='2.0'><channel><title>Wire</title><item><title>T</title>"
        f"<link>https://wire.example/1</link><description>{EN_P2}</description></item></channel></rss>",
        encoding="utf-8",
    )
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / ".hidden.html").write_text(AR_PAGE, encoding="utf-8")
    got = items(tmp_path)
    ids = [(i.id, type(i).__name__) for i in got]
    assert ids == [
        ("a", "Article"),
        ("b1", "Article"),
        ("c", "Article"),
        ("d", "IngestError"),
        (url_id("https://wire.example/1"), "Article"),
    ]
    assert got[2].title == AR_TITLE and got[3].reason == NO_TEXT
    assert got[4].outlet == "Wire"


def test_empty_folder_and_missing_path(tmp_path):
    assert "no .txt, .jsonl, .json, .html or feed" in err(items(tmp_path)[0])
    assert err(items(tmp_path / "nope")[0]) == "no such file or folder"


def test_file_named_without_a_known_suffix_is_sniffed(tmp_path):
    (tmp_path / "article.php").write_text(AR_PAGE, encoding="utf-8")
    (tmp_path / "notes").write_text(AR_P1, encoding="utf-8")
    assert ok(items(tmp_path / "article.php")[0]).title == AR_TITLE
    assert ok(items(tmp_path / "notes")[0]).text == AR_P1


def test_html_file_over_the_size_limit(tmp_path):
    (tmp_path / "big.html").write_text(AR_PAGE, encoding="utf-8")
    assert "too large" in err(items(tmp_path / "big.html", max_bytes=100)[0])


def test_duplicate_ids_across_files_are_reported(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.html").write_text(AR_PAGE, encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_text(AR_P1, encoding="utf-8")
    got = items(tmp_path)
    assert isinstance(got[0], Article) and got[0].id == "x"
    assert "duplicate id 'x'" in err(got[1])


def test_defaults_reach_every_kind_of_file(tmp_path):
    (tmp_path / "a.txt").write_text(EN_P1, encoding="utf-8")
    (tmp_path / "b.html").write_text(page(f"<p>{EN_P2} {EN_P1}</p>"), encoding="utf-8")
    got = items(tmp_path, publication_date="2022-11-04", outlet="Desk")
    assert [(a.publication_date, a.outlet) for a in got] == [(dt.date(2022, 11, 4), "Desk")] * 2
    with pytest.raises(ValueError):
        items(tmp_path, publication_date="not a date")


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BufferedReader(io.BytesIO(data))
        self.closed = False


def test_stdin_html_page(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin(AR_PAGE.encode()))
    a = ok(items("-")[0])
    assert a.id == "stdin" and a.title == AR_TITLE


def test_stdin_text_and_json_lines_still_use_the_readers(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin(AR_P1.encode()))
    assert ok(items("-")[0]).text == AR_P1
    lines = "\n".join(json.dumps({"id": f"s{i}", "text": EN_P1}) for i in range(2)).encode()
    monkeypatch.setattr(sys, "stdin", _Stdin(lines))
    assert [i.id for i in items("-")] == ["s0", "s1"]


def test_stdin_feed(monkeypatch):
    rss = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title><item><title>T</title>"
           f"<link>https://wire.example/2</link><description>{EN_P1}</description></item></channel></rss>")
    monkeypatch.setattr(sys, "stdin", _Stdin(rss.encode()))
    a = ok(items("-")[0])
    assert a.url == "https://wire.example/2" and a.outlet == "Wire"


def test_is_url():
    assert is_url("https://x.example/a") and is_url("ftp://x.example/a")
    assert not is_url("samples/a.txt") and not is_url("-")


def test_unsupported_url_scheme_is_an_error_not_a_path():
    assert err(items("ftp://x.example/feed.xml")[0]) == "unsupported URL scheme 'ftp' (only http and https)"
