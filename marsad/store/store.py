"""The event store: open it, write coded articles into it (fusing their events), read events back.

>>> from marsad.store import Store
>>> with Store.open("events.db") as store:              # doctest: +SKIP
...     result = store.save_coded(coded, content_hash(coded.article.text))
...     for event in store.events(country="Mali"):
...         print(event.event_id_cnty, event.record.fatalities, event.article_ids)

Every write is one transaction per article: the article row, each of its events (new, or merged
into a stored one by :mod:`marsad.fuse`), their sources, claims and history rows are committed
together or not at all. That is what makes ``marsad ingest`` resumable: a run killed half-way
leaves whole articles behind it, and the next run skips them by their content hash.

Merging never overwrites silently: every change :func:`marsad.fuse.merge_into` makes is written
to ``event_history`` with its reason, and so is every other column a merge changed.

A stored event comes back as a :class:`StoredEvent` whose ``record`` is the
:class:`marsad.fuse.FusedEvent` (an ``EventRecord`` with ``sources`` — each with that article's
own record — and :class:`~marsad.fuse.FusedClaim` s), exactly as fusion left it: merging a new
report into a stored event gives what merging it in memory would.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine
from sqlalchemy.orm import Session, sessionmaker

from marsad.export.acled import country_codes
from marsad.models import Article, CodedArticle, EventRecord, Span
from marsad.store import database
from marsad.store.fusion import DERIVED_REASON, candidate_days, fusion_config, unlogged_changes
from marsad.store.queries import claim_record
from marsad.store.records import event_columns, record_from_json, record_from_row, record_to_json, to_json_value
from marsad.store.schema import (
    STATUS_CODED,
    STATUS_DUPLICATE,
    STATUS_FAILED,
    ArticleRow,
    ClaimRow,
    EventHistoryRow,
    EventRow,
    EventSourceRow,
    utcnow,
)

# ---------------------------------------------------------------- what the store hands out


@dataclass
class SourceInfo:
    """An article behind a stored event: the store's row id and what is known of the article."""

    article: int
    article_id: str
    outlet: str | None
    url: str | None
    title: str | None
    publication_date: dt.date | None
    language: str | None
    position: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "outlet": self.outlet,
            "url": self.url,
            "title": self.title,
            "publication_date": self.publication_date.isoformat() if self.publication_date else None,
            "language": self.language,
            "event_index": self.position,
        }


@dataclass
class StoredEvent:
    """A fused event as stored: the store's id, ACLED-style id, the merged record and its articles.

    ``record`` is a :class:`marsad.fuse.FusedEvent`: ``record.sources`` are
    :class:`marsad.fuse.SourceRef` s (each with the record its article alone yielded) and
    ``record.claims`` :class:`marsad.fuse.FusedClaim` s (each with the articles that carry it).
    ``articles`` adds the store's view of each source (row id, title).
    """

    id: int
    event_id_cnty: str
    record: Any
    articles: list[SourceInfo] = field(default_factory=list)
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    @property
    def article_ids(self) -> list[str]:
        """The ids of the articles behind the event, in the order they joined it."""
        return [s.article_id for s in self.record.sources]

    @property
    def outlets(self) -> list[str]:
        return [s.outlet for s in self.record.sources if s.outlet]


@dataclass
class SaveResult:
    """What storing one coded article did (event ids of the store)."""

    article: int
    article_id: str
    new_events: list[int] = field(default_factory=list)
    merged_events: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class KnownArticle:
    """An article already in the store, as deduplication needs it."""

    id: int
    source_id: str
    status: str


@dataclass
class _Loaded:
    """A stored event loaded for fusion: its rows (attached to the session), its FusedEvent, and the
    column values it was loaded with (to find what fusion changed)."""

    row: EventRow
    fused: Any
    claim_rows: list[ClaimRow] = field(default_factory=list)
    source_rows: list[EventSourceRow] = field(default_factory=list)
    articles: list[SourceInfo] = field(default_factory=list)
    before: dict[str, Any] | None = None


# ---------------------------------------------------------------- the store


class Store:
    """A Marsad event store on SQLite or PostgreSQL; see the module documentation."""

    def __init__(self, engine: Engine, *, fuse: bool = True) -> None:
        self.engine = engine
        self.url: URL = engine.url
        self.fuse = fuse
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._geometry: bool | None = None
        self._config: Any = None

    # ------------------------------------------------ opening

    @classmethod
    def open(cls, db: str | os.PathLike[str] | URL | None = None, *, migrate: bool = True,
             fuse: bool = True) -> Store:
        """Open (creating and migrating when needed) the store at ``db``.

        ``db`` is a SQLite path, a ``sqlite://`` or ``postgresql://`` URL, or ``None`` for the
        user's default store (:func:`marsad.store.database.default_db_path`). With ``fuse=False``
        every record written becomes an event of its own (fusion's ``new_event``, never a merge).
        """
        url = database.database_url(db)
        engine = database.create_engine_for(url)
        try:
            if migrate:
                upgrade(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, fuse=fuse)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({database.display_url(self.url)!r})"

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.engine.dialect.name

    @property
    def has_geometry(self) -> bool:
        """Whether events have a PostGIS ``geom`` column (PostgreSQL with PostGIS)."""
        if self._geometry is None:
            with self.engine.connect() as conn:
                self._geometry = database.has_geometry(conn)
        return self._geometry

    @property
    def config(self) -> Any:
        """Fusion's thresholds (:class:`marsad.fuse.FusionConfig`), read on first use."""
        if self._config is None:
            self._config = fusion_config()
        return self._config

    def session(self) -> Session:
        return self._sessions()

    # ------------------------------------------------ deduplication

    def known_article(self, content_hash: str) -> KnownArticle | None:
        """The stored article with this content hash, if any."""
        with self.session() as s:
            row = s.execute(
                sa.select(ArticleRow.id, ArticleRow.source_id, ArticleRow.status).where(
                    ArticleRow.content_hash == content_hash)
            ).first()
        return KnownArticle(*row) if row else None

    def article_texts(self) -> Iterator[tuple[str, str]]:
        """``(content_hash, text)`` of every original (coded or failed) article, to seed near-duplicate search."""
        with self.session() as s:
            q = sa.select(ArticleRow.content_hash, ArticleRow.text).where(
                ArticleRow.status.in_((STATUS_CODED, STATUS_FAILED))).order_by(ArticleRow.id)
            yield from s.execute(q.execution_options(yield_per=500))

    # ------------------------------------------------ writing

    def save_duplicate(self, article: Article, content_hash: str, of_hash: str) -> int:
        """Store ``article`` as a near-duplicate of the stored article whose hash is ``of_hash``; not coded."""
        with self.session() as s, s.begin():
            original = s.scalar(sa.select(ArticleRow.id).where(ArticleRow.content_hash == of_hash))
            row = _article_row(s, article, content_hash, STATUS_DUPLICATE)
            row.near_duplicate_of = original
            s.add(row)
            s.flush()
            return row.id

    def save_failed(self, article: Article, content_hash: str, error: str) -> int:
        """Record that ``article`` could not be coded (it is coded again on the next run)."""
        with self.session() as s, s.begin():
            row = s.scalar(sa.select(ArticleRow).where(ArticleRow.content_hash == content_hash))
            if row is None:
                row = _article_row(s, article, content_hash, STATUS_FAILED)
                s.add(row)
            elif row.status != STATUS_FAILED:
                raise ValueError(f"article {row.source_id!r} is already stored as {row.status}")
            row.error = error
            row.ingested_at = utcnow()
            s.flush()
            return row.id

    def save_coded(self, coded: CodedArticle, content_hash: str) -> SaveResult:
        """Store a coded article and fuse each of its events into the store, in one transaction.

        A previously failed article with the same hash is updated in place. Each record either
        joins the stored event :func:`marsad.fuse.best_match` picks, or starts a new one; an
        article's own records never merge with each other (its coder already split them).
        """
        if coded.error:
            raise ValueError(f"article {coded.article.id!r} failed ({coded.error}): use save_failed")
        with self.session() as s, s.begin():
            row = s.scalar(sa.select(ArticleRow).where(ArticleRow.content_hash == content_hash))
            if row is None:
                row = _article_row(s, coded.article, content_hash, STATUS_CODED)
                s.add(row)
            elif row.status == STATUS_FAILED:
                _fill_article(row, coded.article)
                row.status, row.error, row.ingested_at = STATUS_CODED, None, utcnow()
            else:
                raise ValueError(f"article {row.source_id!r} is already stored as {row.status}")
            s.flush()
            article = dataclasses.replace(coded.article, id=row.source_id)  # unique in the store
            result = SaveResult(article=row.id, article_id=row.source_id)
            for position, record in enumerate(coded.events):
                self._fuse_record(s, row, article, position, record, result)
            return result

    def _fuse_record(self, s: Session, article_row: ArticleRow, article: Article, position: int,
                     record: EventRecord, result: SaveResult) -> None:
        """Place one record with :func:`marsad.fuse.place` and save every event it touched."""
        from marsad.fuse import Placement, SourceRef, new_event, place

        cfg = self.config
        source = SourceRef.of(article, record, position)
        if self.fuse:
            candidates = self._candidates(s, record, source, article_row.id)
            placed = place([c.fused for c in candidates], record, source, cfg)
        else:
            candidates = []
            fresh = new_event(record, source, cfg)
            placed = Placement(fresh, True, list(fresh.history))
        loaded = {id(c.fused): c for c in candidates}
        now = utcnow()
        for donor in placed.also_changed:  # first: they give up the reports the placed event takes
            self._save_event(s, loaded[id(donor)], article_row, now)
        if placed.created:
            target = self._new_row(s, placed.event, now)
            result.new_events.append(target.row.id)
        else:
            target = loaded[id(placed.event)]
            result.merged_events.append(target.row.id)
        self._save_event(s, target, article_row, now)

    def _new_row(self, s: Session, fused: Any, now: dt.datetime) -> _Loaded:
        row = EventRow(**event_columns(fused), created_at=now, updated_at=now)
        s.add(row)
        s.flush()
        codes = country_codes(fused.country)
        row.event_id_cnty = f"{codes[0] if codes else 'XXX'}{row.id}"
        return _Loaded(row, fused)

    def _save_event(self, s: Session, loaded: _Loaded, article_row: ArticleRow, now: dt.datetime) -> None:
        """Write a FusedEvent back: its columns, sources, claims, and history (fusion's changes, and a
        row for every column that changed without one)."""
        fused, row = loaded.fused, loaded.row
        after = event_columns(fused)
        extra: list[tuple[str, Any, Any]] = []
        if loaded.before is not None:
            extra = unlogged_changes(loaded.before, after, [c.field for c in fused.history])
            for name, value in after.items():
                setattr(row, name, value)
            row.updated_at = now
        known = {info.article_id: info.article for info in loaded.articles}
        ids = self._article_row_ids(
            s, {src.article_id for src in fused.sources} | {c.articles[0] for c in fused.claims if c.articles},
            article_row, known)
        self._sync_sources(s, loaded, ids, now)
        self._sync_claims(s, loaded, ids, article_row.id)
        for c in fused.history:  # loaded with an empty history: all of it is new
            d = c.to_dict()
            s.add(EventHistoryRow(event_id=row.id, article_id=ids.get(c.article_id), field=c.field,
                                  old_value=to_json_value(d["old"]), new_value=to_json_value(d["new"]),
                                  reason=c.reason, report_date=c.date, at=now))
        for name, old, new in extra:
            s.add(EventHistoryRow(event_id=row.id, article_id=article_row.id, field=name, old_value=old,
                                  new_value=new, reason=DERIVED_REASON, report_date=article_row.publication_date,
                                  at=now))
        fused.history = []
        loaded.before = after

    def _sync_sources(self, s: Session, loaded: _Loaded, ids: dict[str, int], now: dt.datetime) -> None:
        """Make the event's ``event_sources`` rows the FusedEvent's sources, in order.

        Usually a report was appended: insert it. When a report left (fusion moved it to another
        event), rewrite the event's rows.
        """
        want = [(ids[src.article_id], src.event_index if src.event_index is not None else 0)
                for src in loaded.fused.sources]
        have = [(r.article_id, r.position) for r in loaded.source_rows]
        if want[:len(have)] != have:
            for r in loaded.source_rows:
                s.delete(r)
            s.flush()
            loaded.source_rows, have = [], []
        for src, (article, position) in zip(loaded.fused.sources[len(have):], want[len(have):], strict=True):
            r = EventSourceRow(event_id=loaded.row.id, article_id=article, position=position,
                               record=record_to_json(src.record), added_at=now)
            s.add(r)
            loaded.source_rows.append(r)

    def _sync_claims(self, s: Session, loaded: _Loaded, ids: dict[str, int], current: int) -> None:
        """Make the event's ``claims`` rows its FusedClaims, position by position."""
        claims = loaded.fused.claims
        for i, claim in enumerate(claims):
            values = _claim_columns(claim)
            first = values.pop("first_article")
            values["article_id"] = ids.get(first, current) if first else current
            if i < len(loaded.claim_rows):
                for name, value in values.items():
                    if getattr(loaded.claim_rows[i], name) != value:
                        setattr(loaded.claim_rows[i], name, value)
            else:
                r = ClaimRow(event_id=loaded.row.id, **values)
                s.add(r)
                loaded.claim_rows.append(r)
        for r in loaded.claim_rows[len(claims):]:
            s.delete(r)
        del loaded.claim_rows[len(claims):]

    def _article_row_ids(self, s: Session, source_ids: Iterable[str], current: ArticleRow,
                         known: dict[str, int]) -> dict[str, int]:
        """``articles.id`` of each article id: from what is ``known`` already, else from the database."""
        out = {**known, current.source_id: current.id}
        wanted = {i for i in source_ids if i not in out}
        if wanted:
            q = sa.select(ArticleRow.source_id, ArticleRow.id).where(ArticleRow.source_id.in_(wanted))
            out.update({source_id: row_id for source_id, row_id in s.execute(q)})
        return out

    def _candidates(self, s: Session, record: EventRecord, source: Any, article_row_id: int) -> list[_Loaded]:
        """What :func:`marsad.fuse.place` needs to see, loaded: events of the record's country within the
        widest date tolerance that :func:`marsad.fuse.is_same_event` accepts — and, only when none of
        them is a match (a new event will start and may take a report over), also the events that
        already hold a report from this article. Ordered by id, as they were created."""
        from marsad.fuse import best_match, is_same_event

        cfg = self.config
        days = dt.timedelta(days=candidate_days(cfg))
        q = (sa.select(EventRow)
             .where(EventRow.country == record.country,
                    EventRow.event_date.between(record.event_date - days, record.event_date + days))
             .order_by(EventRow.id))
        rows = list(s.scalars(q))
        if not rows:
            return []
        same = [r for r in rows if is_same_event(_light_event(r), record, cfg)]
        loaded = self._load(s, same)
        if best_match([c.fused for c in loaded], record, source, cfg) is not None:
            return loaded
        own = set(s.scalars(sa.select(EventSourceRow.event_id).where(EventSourceRow.article_id == article_row_id)))
        siblings = [r for r in rows if r.id in own and r not in same]
        return sorted(loaded + self._load(s, siblings), key=lambda c: c.row.id)

    # ------------------------------------------------ reading

    def _load(self, s: Session, rows: Sequence[EventRow]) -> list[_Loaded]:
        """Rows as :class:`~marsad.fuse.FusedEvent` s with their claims and sources, in two queries."""
        from marsad.fuse import FusedClaim, FusedEvent, SourceRef

        if not rows:
            return []
        ids = [r.id for r in rows]
        claim_rows: dict[int, list[ClaimRow]] = {i: [] for i in ids}
        for c in s.scalars(sa.select(ClaimRow).where(ClaimRow.event_id.in_(ids)).order_by(ClaimRow.id)):
            claim_rows[c.event_id].append(c)
        sources: dict[int, list[Any]] = {i: [] for i in ids}
        source_rows: dict[int, list[EventSourceRow]] = {i: [] for i in ids}
        q = (sa.select(EventSourceRow, ArticleRow).join(ArticleRow, ArticleRow.id == EventSourceRow.article_id)
             .where(EventSourceRow.event_id.in_(ids)).order_by(EventSourceRow.id))
        infos: dict[int, list[SourceInfo]] = {i: [] for i in ids}
        for src, art in s.execute(q):
            source_rows[src.event_id].append(src)
            sources[src.event_id].append(SourceRef(
                article_id=art.source_id, outlet=art.outlet, url=art.url, publication_date=art.publication_date,
                record=record_from_json(src.record), event_index=src.position, language=art.language))
            infos[src.event_id].append(SourceInfo(art.id, art.source_id, art.outlet, art.url, art.title,
                                                  art.publication_date, art.language, src.position))
        out = []
        for r in rows:
            claims = [FusedClaim(
                claimant=c.claimant, type=c.type, killed=c.killed, wounded=c.wounded, victim=c.victim, via=c.via,
                approximate=bool(c.approximate), evidence=_span(c.evidence_start, c.evidence_end, c.evidence_text),
                articles=list(c.articles or []), share=c.share, parts=c.parts, superseded_by=c.superseded_by,
            ) for c in claim_rows[r.id]]
            fused = _light_event(r, claims, sources[r.id], FusedEvent)
            out.append(_Loaded(r, fused, claim_rows[r.id], source_rows[r.id], infos[r.id], event_columns(fused)))
        return out

    def _stored(self, loaded: _Loaded) -> StoredEvent:
        r = loaded.row
        return StoredEvent(id=r.id, event_id_cnty=r.event_id_cnty or "", record=loaded.fused,
                           articles=loaded.articles, created_at=_aware(r.created_at),
                           updated_at=_aware(r.updated_at))

    def events(self, filters: Any = None, **kwargs: Any) -> Iterator[StoredEvent]:
        """Stored events matching ``filters`` (a :class:`marsad.store.queries.Filters` or its fields), by id."""
        from marsad.store.queries import Filters, event_conditions

        f = filters if filters is not None else Filters.from_kwargs(**kwargs)
        q = sa.select(EventRow.id).where(*event_conditions(f, geometry=self.has_geometry)).order_by(EventRow.id)
        with self.session() as s:
            ids = list(s.scalars(q))
            for chunk in iter_chunks(ids, 500):
                rows = s.scalars(sa.select(EventRow).where(EventRow.id.in_(chunk)).order_by(EventRow.id)).all()
                for loaded in self._load(s, rows):
                    yield self._stored(loaded)
                s.expunge_all()

    def event(self, event_id: int) -> StoredEvent | None:
        """One stored event by its store id."""
        with self.session() as s:
            row = s.get(EventRow, event_id)
            return self._stored(self._load(s, [row])[0]) if row is not None else None

    def history(self, event_id: int) -> list[dict[str, Any]]:
        """Every change to an event, oldest first: ``{"field", "old", "new", "reason", "article_id", "date", "at"}``."""
        with self.session() as s:
            q = (sa.select(EventHistoryRow, ArticleRow.source_id)
                 .outerjoin(ArticleRow, ArticleRow.id == EventHistoryRow.article_id)
                 .where(EventHistoryRow.event_id == event_id).order_by(EventHistoryRow.id))
            return [{"field": h.field, "old": h.old_value, "new": h.new_value, "reason": h.reason,
                     "article_id": source_id, "date": h.report_date.isoformat() if h.report_date else None,
                     "at": _aware(h.at).isoformat()} for h, source_id in s.execute(q)]

    def articles(self, status: str | None = None) -> list[dict[str, Any]]:
        """The stored articles (without their text), oldest first; only those with ``status`` when given."""
        with self.session() as s:
            q = sa.select(ArticleRow).order_by(ArticleRow.id)
            if status:
                q = q.where(ArticleRow.status == status)
            return [{"id": a.id, "article_id": a.source_id, "content_hash": a.content_hash, "status": a.status,
                     "error": a.error, "near_duplicate_of": a.near_duplicate_of, "outlet": a.outlet,
                     "title": a.title, "url": a.url, "language": a.language,
                     "publication_date": a.publication_date} for a in s.scalars(q)]

    def counts(self) -> dict[str, int]:
        """How many rows each table holds, and articles by status (``articles_coded``, …)."""
        from marsad.store.schema import TABLES, Base

        out: dict[str, int] = {}
        with self.session() as s:
            for name in TABLES:
                table = Base.metadata.tables[name]
                out[name] = s.scalar(sa.select(sa.func.count()).select_from(table)) or 0
            q = sa.select(ArticleRow.status, sa.func.count()).group_by(ArticleRow.status)
            for status, n in s.execute(q):
                out[f"articles_{status}"] = n
        return out


# ---------------------------------------------------------------- migrations


def alembic_config() -> Any:
    """Alembic's configuration for the store's migrations (no ini file needed)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "marsad.store:migrations")
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database's schema to ``revision`` (Alembic ``upgrade``), in one transaction."""
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (``None`` for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    """The newest revision of the migrations."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


# ---------------------------------------------------------------- helpers


def _light_event(row: EventRow, claims: Sequence[Any] = (), sources: Sequence[Any] = (), cls: Any = None) -> Any:
    """The :class:`marsad.fuse.FusedEvent` of an ``events`` row (without claims and sources unless given)."""
    if cls is None:
        from marsad.fuse import FusedEvent as cls
    base = record_from_row(row, claims)
    values = {k: getattr(base, k) for k in EventRecord.__dataclass_fields__}
    first = f"{sources[0].article_id}#{sources[0].event_index}" if sources else str(row.event_id_cnty)
    return cls(**values, event_id=first, sources=list(sources), history=[],
               location_names=list(row.location_names or []))


def _article_row(s: Session, article: Article, content_hash: str, status: str) -> ArticleRow:
    """A new article row; its ``source_id`` is the article's id, made unique in the store if taken."""
    source_id = article.id
    taken = sa.select(ArticleRow.id).where(ArticleRow.source_id == source_id)
    if s.scalar(taken) is not None:
        source_id = f"{article.id}~{content_hash[:10]}"
    row = ArticleRow(source_id=source_id, content_hash=content_hash, text=article.text, status=status,
                     ingested_at=utcnow())
    _fill_article(row, article)
    return row


def _fill_article(row: ArticleRow, article: Article) -> None:
    row.title, row.outlet, row.url = article.title, article.outlet, article.url
    row.publication_date, row.language = article.publication_date, article.language


def _claim_columns(claim: Any) -> dict[str, Any]:
    """A claim's row: its flat record (:func:`marsad.store.queries.claim_record`) plus its share."""
    row = claim_record(claim)
    row.update(share=getattr(claim, "share", 0), parts=getattr(claim, "parts", 1),
               first_article=row["articles"][0] if row["articles"] else None)
    return row


def _span(start: int | None, end: int | None, text: str | None) -> Span | None:
    return Span(start, end, text or "") if start is not None and end is not None else None


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes: they were written in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.timezone.utc)
    return value


def iter_chunks(items: Iterable[Any], n: int) -> Iterator[list[Any]]:
    """``items`` in lists of ``n`` (the last one shorter)."""
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
