"""The event store on real databases: SQLite always, PostgreSQL (with PostGIS) when MARSAD_TEST_PG is set.

Articles are coded by the real coder (:func:`marsad.pipeline.code`) from the gold texts; events are
fused by the real fusion stage (:mod:`marsad.fuse`). In CI a missing MARSAD_TEST_PG fails the
PostgreSQL half of these tests (:mod:`marsad.store.testing`).
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from marsad.ingest import read_articles
from marsad.models import Article, Claim, CodedArticle
from marsad.pipeline import code
from marsad.store import Store, database_url, default_db_path
from marsad.store.database import create_engine_for
from marsad.store.ingestion import content_hash
from marsad.store.records import TRACKED_FIELDS
from marsad.store.schema import TABLES, Base
from marsad.store.store import current_revision, head_revision
from marsad.store.testing import BACKENDS, database, postgres_schema

REPO = Path(__file__).resolve().parents[1]
GOLD_AR = REPO / "tests" / "gold" / "ar"
FUSION = REPO / "tests" / "gold" / "fusion"


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path) -> str:
    """A fresh, empty database of each backend, as a ``--db`` value."""
    with database(request.param, tmp_path) as url:
        yield url


@pytest.fixture(scope="module")
def gold() -> list[CodedArticle]:
    """The Arabic gold articles, coded once for the module."""
    return [code(a) for a in read_articles(GOLD_AR) if isinstance(a, Article)]


def fusion_articles() -> list[Article]:
    """The fusion gold set's Arabic articles in publication order (as :func:`marsad.fuse.fuse` takes them)."""
    from marsad.ingest import article_from_record

    out = []
    for f in sorted(FUSION.glob("*.json")):
        for record in json.loads(f.read_text(encoding="utf-8"))["articles"]:
            a = article_from_record(record)
            if isinstance(a, Article) and a.language == "ar":
                out.append(a)
    return sorted(out, key=lambda a: (a.publication_date, a.id))


def save_all(store: Store, coded: list[CodedArticle]) -> None:
    for c in coded:
        store.save_coded(c, content_hash(c.article.text))


# ---------------------------------------------------------------- schema and migrations


@pytest.mark.filterwarnings("ignore:Did not recognize type 'geometry'")
def test_alembic_upgrade_head_on_an_empty_database_yields_the_schema(db):
    """Alembic's own command line, on an empty database, creates exactly the models' schema."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from marsad.store.database import include_object

    r = subprocess.run(
        [sys.executable, "-m", "alembic", "-c", str(REPO / "marsad" / "store" / "alembic.ini"), "-x", f"db={db}",
         "upgrade", "head"],
        cwd=REPO, capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert r.returncode == 0, r.stderr
    engine = create_engine_for(database_url(db))
    try:
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            assert set(TABLES) <= set(sa.inspect(conn).get_table_names())
            ctx = MigrationContext.configure(conn, opts={"include_object": include_object, "compare_type": True})
            assert compare_metadata(ctx, Base.metadata) == []
    finally:
        engine.dispose()


def test_open_migrates_once_and_reopens(db):
    with Store.open(db) as store:
        assert current_revision(store.engine) == head_revision()
        assert store.counts()["events"] == 0
    with Store.open(db) as store:  # a second open finds the schema at head and changes nothing
        assert current_revision(store.engine) == head_revision()


def test_default_store_is_in_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_DATA", str(tmp_path / "data"))
    assert default_db_path() == tmp_path / "data" / "marsad.db"
    with Store.open() as store:
        assert store.dialect == "sqlite"
    assert (tmp_path / "data" / "marsad.db").is_file()


def test_database_urls():
    assert database_url("postgresql://u:p@h/db").drivername == "postgresql+psycopg"
    assert database_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert database_url("x.db").database == str(Path("x.db").absolute())
    with pytest.raises(ValueError, match="unsupported database"):
        create_engine_for(database_url("mysql://u@h/db"))


def test_postgis_geometry_column_and_gist_index():
    with postgres_schema() as url, Store.open(url) as store:
        assert store.has_geometry
        with store.engine.connect() as conn:
            indexes = conn.execute(sa.text(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'events' AND schemaname = current_schema()"
            )).scalars().all()
        assert any("USING gist (geom)" in i for i in indexes)


# ---------------------------------------------------------------- writing


def test_gold_articles_round_trip(db, gold):
    """Every coded event is stored with its claims and its article's own record, and reads back the same."""
    with Store.open(db) as store:
        save_all(store, gold)
        counts = store.counts()
        assert counts["articles"] == counts["articles_coded"] == len(gold)
        events = list(store.events())
    by_article: dict[str, list] = {}
    for e in events:
        for src in e.record.sources:
            by_article.setdefault(src.article_id, []).append((src.event_index, src.record))
    for c in gold:
        stored = dict(by_article.get(c.article.id, []))
        assert sorted(stored) == list(range(len(c.events)))
        for i, record in enumerate(c.events):
            assert stored[i].to_dict() == record.to_dict()  # the article's own record, evidence included
    assert sum(len(e.record.claims) for e in events) == sum(len(r.claims) for c in gold for r in c.events)
    assert all(e.event_id_cnty and e.event_id_cnty.endswith(str(e.id)) for e in events)


def test_store_fuses_exactly_as_fusion_does_in_memory(db):
    """The fusion gold set through the store gives the events fusion's own incremental path gives in
    memory (``fuse(method="incremental")``: :func:`marsad.fuse.place` for each report, in publication
    order): saving and reloading events between reports loses nothing fusion uses."""
    from marsad.fuse import SourceRef, fuse

    coded = [code(a) for a in fusion_articles()]
    pairs = [(r, SourceRef.of(c.article, r, i)) for c in coded for i, r in enumerate(c.events)]
    expected = fuse(pairs, method="incremental")
    with Store.open(db) as store:
        save_all(store, coded)
        stored = list(store.events())

    def plain(ev) -> dict:
        d = ev.to_dict()
        return {k: v for k, v in d.items() if k not in ("event_id", "history", "sources")} | {
            "sources": [s.article_id for s in ev.sources]}

    key = lambda d: (d["event_date"], d["location"], d["actor1"], d["sources"])  # noqa: E731
    assert sorted(map(plain, expected), key=key) == sorted((plain(e.record) for e in stored), key=key)
    assert any(len(e.record.sources) > 1 for e in stored), "the fusion gold set should merge something"


def test_every_change_to_a_merged_event_is_in_its_history(db, gold):
    """A later report that changes an event: each changed column has a history row, nothing else moves."""
    first = next(c for c in gold if c.events and c.events[0].claims)
    record = first.events[0]
    later = dataclasses.replace(
        record,
        claims=[Claim("Military Forces of Mali", "admission", killed=record.fatalities + 4,
                      victim=record.actor2.name if record.actor2 else None)],
        source="",
    )
    article = Article("later-report", first.article.text + "\n\n(updated)", language="ar",
                      publication_date=first.article.publication_date, outlet="Another Outlet (fictional)")
    with Store.open(db) as store:
        save_all(store, [first])
        before = next(e for e in store.events() if e.record.sources[0].event_index == 0)
        result = store.save_coded(CodedArticle(article, [later]), content_hash(article.text))
        assert result.merged_events == [before.id] and not result.new_events
        after = store.event(before.id)
        history = store.history(before.id)
        assert store.counts()["events"] == len(first.events)
    assert after.article_ids == [first.article.id, "later-report"]
    assert len(after.record.claims) > len(before.record.claims)
    joined = [h for h in history if h["article_id"] == "later-report"]
    assert any(h["new"] == "later-report" for h in joined)  # fusion's "a report joined" change
    from marsad.store.fusion import COVERS
    from marsad.store.records import event_columns, to_json_value

    logged = {h["field"] for h in joined}
    old, new = event_columns(before.record), event_columns(after.record)
    for name in TRACKED_FIELDS:
        if to_json_value(old[name]) != to_json_value(new[name]):
            assert name in logged or any(name in COVERS.get(f, ()) for f in logged), name
    assert all(h["reason"] for h in history)


def test_failed_article_is_recoded_later(db, gold):
    c = gold[0]
    h = content_hash(c.article.text)
    with Store.open(db) as store:
        store.save_failed(c.article, h, "coding failed: RuntimeError: boom")
        assert store.known_article(h).status == "failed"
        store.save_coded(c, h)
        assert store.known_article(h).status == "coded"
        assert store.articles()[0]["error"] is None
        with pytest.raises(ValueError, match="already stored"):
            store.save_coded(c, h)  # a second save is refused, and the transaction leaves no trace
        assert store.counts()["events"] == len(c.events)


def test_article_ids_are_made_unique(db, gold):
    a, b = gold[0], gold[1]
    clash = CodedArticle(dataclasses.replace(b.article, id=a.article.id), b.events)
    with Store.open(db) as store:
        first = store.save_coded(a, content_hash(a.article.text))
        second = store.save_coded(clash, content_hash(b.article.text))
    assert first.article_id == a.article.id
    assert second.article_id.startswith(a.article.id + "~") and second.article_id != first.article_id


def test_an_article_is_stored_whole_or_not_at_all(db, gold, monkeypatch):
    """A failure while writing an article's second event rolls back its first event and the article."""
    c = next(c for c in gold if len(c.events) >= 2)
    original = Store._fuse_record
    calls = {"n": 0}

    def failing(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk on fire")
        return original(self, *args, **kwargs)

    with Store.open(db) as store:
        monkeypatch.setattr(Store, "_fuse_record", failing)
        with pytest.raises(RuntimeError):
            store.save_coded(c, content_hash(c.article.text))
        monkeypatch.setattr(Store, "_fuse_record", original)
        assert store.counts() == {t: 0 for t in TABLES}
        store.save_coded(c, content_hash(c.article.text))
        assert store.counts()["events"] == len(c.events)


def test_near_duplicates_point_at_their_original(db, gold):
    c = gold[0]
    reprint = Article("reprint", "Breaking: " + c.article.text, language="ar", outlet="Copycat")
    with Store.open(db) as store:
        store.save_coded(c, content_hash(c.article.text))
        store.save_duplicate(reprint, content_hash(reprint.text), content_hash(c.article.text))
        rows = {a["article_id"]: a for a in store.articles()}
    assert rows["reprint"]["status"] == "duplicate"
    assert rows["reprint"]["near_duplicate_of"] == rows[c.article.id]["id"]


def test_a_report_fusion_moves_to_another_event_moves_in_the_store(db, gold):
    """Fusion may move a report out of an event (:func:`marsad.fuse.detach`): outlet Y reports
    Tuesday's clash; article X reports Monday's and Tuesday's apart. X's Monday record first joins
    Y's event (a day apart fits), then X's Tuesday record takes Y's report over to a new event. The
    store rewrites both events' sources and claims and logs the move, as fusion does in memory."""
    import datetime as dt

    from marsad.fuse import SourceRef, fuse

    c = next(c for c in gold if c.events and c.events[0].time_precision == 1)
    r, day = c.events[0], dt.timedelta(days=1)
    published = r.event_date + 2 * day
    y = CodedArticle(Article("y", c.article.text + " (Y)", publication_date=published, language="ar",
                             outlet="Y Wire (fictional)"), [dataclasses.replace(r, event_date=r.event_date + day)])
    x = CodedArticle(Article("x", c.article.text + " (X)", publication_date=published + day, language="ar",
                             outlet="X Daily (fictional)"),
                     [dataclasses.replace(r), dataclasses.replace(r, event_date=r.event_date + day)])
    pairs = [(e, SourceRef.of(a.article, e, i)) for a in (y, x) for i, e in enumerate(a.events)]
    expected = {tuple(e.article_ids): e.to_dict() for e in fuse(pairs, method="incremental")}
    with Store.open(db) as store:
        save_all(store, [y, x])
        stored = {tuple(e.article_ids): e for e in store.events()}
        moved = [h for e in stored.values() for h in store.history(e.id) if h["field"] == "sources" and h["old"]]
        assert store.counts()["event_sources"] == 3
    assert set(stored) == set(expected) == {("x",), ("x", "y")}
    for key, e in stored.items():
        assert {k: v for k, v in e.record.to_dict().items() if k not in ("history", "event_id")} == \
               {k: v for k, v in expected[key].items() if k not in ("history", "event_id")}
    assert moved and moved[0]["old"] == "y"
