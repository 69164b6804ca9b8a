"""RSS 2.0, RSS 1.0 and Atom feeds → articles; teasers; documents that are not feeds."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.ingest import IngestError
from marsad.ingest.feeds import (
    NOT_A_FEED,
    SUMMARY_MAX_CHARS,
    FeedEntry,
    articles_from_feed,
    iter_feed,
    root_element,
    sniff_markup,
)
from marsad.ingest.html import url_id
from marsad.ingest.sources import iter_source_articles
from marsad.models import Article

AR_1 = ("اشتدت المعارك اليوم الخميس غرب ولاية ميناكا شمال مالي بين جماعة نصرة الإسلام والمسلمين "
        "وتنظيم داعش في الصحراء الكبرى، وفق ما أفادت مصادر محلية.")
AR_2 = "وقال مصدر أمني إن عشرات المقاتلين قتلوا في المواجهات التي استمرت ساعات."
EN_1 = ("Clashes broke out on Thursday between the two groups in the west of the Menaka region, "
        "local sources said.")
FR_1 = "Des affrontements ont éclaté jeudi entre les deux groupes dans l'ouest de la région de Ménaka."

RSS2_AR = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>أخبار الساحل</title><link>https://sahel.example/</link><language>ar</language>
  <item>
    <title>اشتباكات عنيفة غرب ميناكا</title>
    <link>https://sahel.example/news/1</link>
    <guid isPermaLink="false">sahel-1</guid>
    <pubDate>Thu, 03 Nov 2022 23:15:00 +0300</pubDate>
    <description>اشتدت المعارك غرب ميناكا…</description>
    <content:encoded><![CDATA[<p>{AR_1}</p><p>{AR_2}</p><script>track()</script>]]></content:encoded>
  </item>
  <item>
    <title>نزوح من ميناكا</title>
    <link>/news/2</link>
    <pubDate>Fri, 04 Nov 2022 08:00:00 +0300</pubDate>
    <description>&lt;p&gt;{AR_2}&lt;/p&gt;</description>
  </item>
</channel></rss>"""

ATOM_EN = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Sahel &lt;b&gt;Wire&lt;/b&gt;</title>
  <entry>
    <title>Clashes near Menaka</title>
    <link rel="alternate" href="https://wire.example/a/1"/>
    <id>tag:wire.example,2022:1</id>
    <published>2022-11-03T09:00:00+01:00</published>
    <updated>2022-11-05T10:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>{EN_1}</p></div></content>
  </entry>
  <entry>
    <title>Only a teaser</title>
    <link href="https://wire.example/a/2"/>
    <id>tag:wire.example,2022:2</id>
    <updated>2022-11-04T01:00:00Z</updated>
    <summary>Fighting resumed on Friday west of Menaka, residents told the agency. Read more</summary>
  </entry>
</feed>"""

RSS1_FR = f"""<?xml version="1.0" encoding="iso-8859-1"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://sahel.example/fr"><title>Sahel Info</title>
    <link>https://sahel.example/fr</link><description>Actualités</description></channel>
  <item rdf:about="https://sahel.example/fr/3">
    <title>Affrontements à Ménaka</title><link>https://sahel.example/fr/3</link>
    <description>{FR_1}</description><dc:date>2022-11-03</dc:date>
  </item>
</rdf:RDF>"""


def feed_items(data, *args, **kw) -> list[Article | IngestError]:
    return list(articles_from_feed(data, *args, **kw))


def ok(item) -> Article:
    assert isinstance(item, Article), item
    return item


def only_error(data, **kw) -> str:
    got = feed_items(data, **kw)
    assert len(got) == 1 and isinstance(got[0], IngestError), got
    assert "\n" not in got[0].reason
    return got[0].reason


# ---------------------------------------------------------------- the three formats


def test_rss2_arabic_entries():
    a, b = feed_items(RSS2_AR.encode(), "https://sahel.example/feed.xml")
    a, b = ok(a), ok(b)
    assert a.text == f"{AR_1}\n\n{AR_2}"  # the full content, not the teaser; script dropped
    assert (a.title, a.url, a.outlet, a.language) == (
        "اشتباكات عنيفة غرب ميناكا", "https://sahel.example/news/1", "أخبار الساحل", "ar")
    assert a.publication_date == dt.date(2022, 11, 3)  # the publisher's date, not UTC's
    assert a.id == url_id("https://sahel.example/news/1")
    assert b.url == "https://sahel.example/news/2"  # relative link resolved against the feed URL
    assert b.text == AR_2 and b.publication_date == dt.date(2022, 11, 4)


def test_atom_entries_published_date_and_html_title():
    a, b = feed_items(ATOM_EN)
    a, b = ok(a), ok(b)
    assert a.text == EN_1 and a.publication_date == dt.date(2022, 11, 3)  # published beats updated
    assert a.outlet == "Sahel Wire"  # HTML in the feed title stripped
    assert b.publication_date == dt.date(2022, 11, 4) and b.url == "https://wire.example/a/2"


def test_rss1_rdf_in_latin1():
    (a,) = feed_items(RSS1_FR.encode("latin-1"))
    a = ok(a)
    assert (a.text, a.language, a.outlet, a.publication_date) == (FR_1, "fr", "Sahel Info", dt.date(2022, 11, 3))


def test_windows_arabic_feed_declared_as_utf8_is_still_arabic():
    (a, _) = feed_items(RSS2_AR.encode("cp1256"))
    assert ok(a).title == "اشتباكات عنيفة غرب ميناكا"


def test_utf8_feed_declared_latin1_is_read_as_utf8():
    data = RSS2_AR.replace('encoding="utf-8"', 'encoding="iso-8859-1"').encode("utf-8")
    assert ok(feed_items(data)[0]).outlet == "أخبار الساحل"
    assert ok(feed_items(RSS2_AR.encode(), encoding="iso-8859-1")[0]).outlet == "أخبار الساحل"


def test_str_input_with_a_foreign_encoding_declaration():
    text = RSS2_AR.replace('encoding="utf-8"', 'encoding="windows-1256"')
    assert ok(feed_items(text)[0]).outlet == "أخبار الساحل"


def test_aggregator_source_element_is_the_outlet():
    rss = ("<rss version='2.0'><channel><title>News aggregator</title><item><title>T</title>"
           f"<link>https://agg.example/r/1</link><description>{EN_1}</description>"
           "<source url='https://reuters.example/rss'>Reuters</source></item></channel></rss>")
    assert ok(feed_items(rss)[0]).outlet == "Reuters"


def test_defaults_for_entries_without_date_or_feed_title():
    rss = f"<rss version='2.0'><channel><item><link>https://x.example/1</link><description>{EN_1}</description></item></channel></rss>"
    a = ok(feed_items(rss, publication_date="2022-11-06", outlet="Desk")[0])
    assert (a.publication_date, a.outlet, a.title) == (dt.date(2022, 11, 6), "Desk", None)


def test_entry_without_link_gets_a_stable_id_from_its_guid():
    rss = ("<rss version='2.0'><channel><title>W</title>"
           f"<item><guid isPermaLink='false'>abc</guid><description>{EN_1}</description></item></channel></rss>")
    first = ok(feed_items(rss, "https://w.example/rss")[0])
    again = ok(feed_items(rss, "https://w.example/rss")[0])
    assert first.id == again.id and first.id.startswith(url_id("https://w.example/rss") + "-")
    assert first.url is None


# ---------------------------------------------------------------- teasers


def test_summary_only_flags():
    entries = [e for e in iter_feed(ATOM_EN) if isinstance(e, FeedEntry)]
    assert [e.summary_only for e in entries] == [False, True]
    long_summary = "word " * (SUMMARY_MAX_CHARS // 4)
    rss = ("<rss version='2.0'><channel><title>W</title>"
           f"<item><link>https://w.example/1</link><description>{long_summary}</description></item>"
           f"<item><link>https://w.example/2</link><description>{long_summary} [...]</description></item>"
           "</channel></rss>")
    assert [e.summary_only for e in iter_feed(rss)] == [False, True]  # long, then long but cut off


def test_entry_with_only_a_link_is_an_error_that_says_so():
    rss = "<rss version='2.0'><channel><title>W</title><item><title>T</title><link>https://w.example/9</link></item></channel></rss>"
    (e,) = feed_items(rss)
    assert isinstance(e, IngestError) and e.id == url_id("https://w.example/9")
    assert e.reason == "feed entry has no text (only a link: fetch the page with fetch_links)"


def test_one_bad_entry_does_not_stop_the_feed():
    es = "Los enfrentamientos estallaron el jueves entre los dos grupos en el oeste de la región."
    rss = ("<rss version='2.0'><channel><title>W</title>"
           f"<item><link>https://w.example/1</link><description>{es}</description></item>"
           f"<item><link>https://w.example/2</link><description>{EN_1}</description></item></channel></rss>")
    bad, good = feed_items(rss)
    assert isinstance(bad, IngestError) and bad.reason.startswith("unsupported language")
    assert ok(good).text == EN_1


# ---------------------------------------------------------------- not feeds


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty document"),
        (b"   \n", "empty document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary data"),
        (b"<html><head><title>x</title></head><body><p>hello</p></body></html>", "an HTML page"),
        (b"<!DOCTYPE html>\n<p>hello</p>", "an HTML page"),
        (b'{"items": [1, 2]}', "JSON, not XML"),
        (b"just some words", "not XML"),
        (b"<?xml version='1.0'?><catalog><book/></catalog>", "root element is <catalog>"),
        (b"<rss version='2.0'><channel><title>x</title><item><title>a &bogus; b <<</title>", None),
        ("caf\xe9 <rss>".encode("latin-1"), "not UTF-8 text"),
    ],
    ids=["empty", "blank", "binary", "html", "doctype-html", "json", "text", "other-xml", "broken-rss", "bad-bytes"],
)
def test_not_a_feed(data, reason):
    got = feed_items(data, name="f.xml")
    assert len(got) == 1 and isinstance(got[0], IngestError), got
    if reason is None:  # a broken feed still parses as a feed: its entry is what fails
        assert got[0].reason.startswith("feed entry has no text") or got[0].reason.startswith("unsupported")
        return
    assert got[0].id == "f.xml"
    assert got[0].reason.startswith(NOT_A_FEED + ": ") and reason in got[0].reason


def test_feed_without_entries_and_feed_too_large():
    assert only_error("<rss version='2.0'><channel><title>W</title></channel></rss>") == "feed has no entries"
    assert "feed too large" in only_error(RSS2_AR.encode(), max_bytes=100)


def test_sniff_markup_and_root_element():
    assert sniff_markup(RSS2_AR.encode()) == "feed"
    assert sniff_markup(RSS1_FR.encode("latin-1")) == "feed"
    assert sniff_markup(ATOM_EN.encode("utf-16")) == "feed"
    assert sniff_markup("\ufeff<!-- x --><html>") == "html"
    assert sniff_markup(b"<?xml version='1.0'?><catalog/>") is None
    assert sniff_markup(b"plain text") is None
    assert root_element("<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY x 'y'>]><rss>") == "rss"


# ---------------------------------------------------------------- feed files as sources


def test_feed_files_as_sources(tmp_path):
    (tmp_path / "sahel.xml").write_text(RSS2_AR, encoding="utf-8")
    (tmp_path / "wire.atom").write_text(ATOM_EN, encoding="utf-8")
    (tmp_path / "broken.rss").write_bytes(b"<html><body>not a feed</body></html>")
    got = list(iter_source_articles(tmp_path))
    kinds = [(type(i).__name__, i.id if isinstance(i, IngestError) else i.url) for i in got]
    assert kinds == [
        ("IngestError", "broken.rss"),
        ("Article", "https://sahel.example/news/1"),
        ("Article", None),  # a relative link in a file has no base URL: no url, id from the feed file
        ("Article", "https://wire.example/a/1"),
        ("Article", "https://wire.example/a/2"),
    ]
    assert got[0].reason == f"{NOT_A_FEED}: an HTML page"


def test_xml_file_that_is_a_page_is_read_as_a_page(tmp_path):
    xhtml = ("<?xml version='1.0' encoding='utf-8'?><html xmlns='http://www.w3.org/1999/xhtml'><head>"
             f"<title>T</title></head><body><article><p>{EN_1}</p></article></body></html>")
    (tmp_path / "page.xml").write_text(xhtml, encoding="utf-8")
    (a,) = iter_source_articles(tmp_path / "page.xml")
    assert ok(a).text == EN_1 and a.id == "page"
