"""The event store: open it, write coded articles into it (fusing their events), read events back.

>>> from marsad.store import Store
>>> with Store.open("events.db") as store:              # doctest: +SKIP
...     result = store.save_coded(coded, content_hash(coded.article.text))
...     for event in store.events(country="Mali"):
...         print(event.event_id_cnty, event.record.fatalities, [s.outlet for s in event.sources])

Every write is one transaction per article: the article row, each of its events (new, or fused
into a stored one), their sources, claims and history rows are committed together or not at all.
That is what makes ``marsad ingest`` resumable: a run killed half-way leaves whole articles behind
it, and the next run skips them by their content hash.

Fusing never overwrites silently: every field a new report changes on a stored event is written
to ``event_history`` (field, old value, new value, the article that changed it, when).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine
from sqlalchemy.orm import Session, sessionmaker

from marsad.export.acled import claim_summary, country_codes
from marsad.models import Article, CodedArticle, EventRecord
from marsad.store import database
from marsad.store.fusion import CANDIDATE_DAYS, CANDIDATE_DEGREES, Fuser, load_fuser, resolve
from marsad.store.records import (
    TRACKED_FIELDS,
    claim_from_values,
    event_columns,
    evidence_to_json,
    record_from_row,
    record_to_json,
    to_json_value,
)
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

#: ACLED joins the sources of an event with this.
SOURCE_SEPARATOR = "; "


# ---------------------------------------------------------------- what the store hands out


@dataclass
class SourceInfo:
    """An article behind a stored event, and the record that article alone yielded."""

    article_id: int
    source_id: str
    outlet: str | None
    url: str | None
    title: str | None
    publication_date: dt.date | None
    language: str | None
    position: int
    record: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article_id,
            "article_id": self.source_id,
            "outlet": self.outlet,
            "url": self.url,
            "title": self.title,
            "publication_date": self.publication_date.isoformat() if self.publication_date else None,
            "language": self.language,
            "record": self.record,
        }


@dataclass
class StoredClaim:
    """A claim of a stored event and the article (``articles.id`` / its source id) it was read from."""

    article: int
    article_id: str
    claim: Any

    def to_dict(self) -> dict[str, Any]:
        return {**self.claim.to_dict(), "article": self.article, "article_id": self.article_id}


@dataclass
class StoredEvent:
    """A fused event as stored: its id, its record (all claims included) and its sources.

    This is what :func:`marsad.fuse.fuse_event` receives as candidates, and what exports read.
    """

    id: int
    event_id_cnty: str
    record: EventRecord
    sources: list[SourceInfo] = field(default_factory=list)
    claims: list[StoredClaim] = field(default_factory=list)
    evidence: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    @property
    def article_ids(self) -> list[str]:
        """The source ids of the articles behind the event, oldest first."""
        return [s.source_id for s in self.sources]

    @property
    def outlets(self) -> list[str]:
        return [s.outlet for s in self.sources if s.outlet]


@dataclass
class SaveResult:
    """What storing one coded article did."""

    article: int
    new_events: list[int] = field(default_factory=list)
    merged_events: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class KnownArticle:
    """An article already in the store, as deduplication needs it."""

    id: int
    source_id: str
    status: str


# ---------------------------------------------------------------- the store


class Store:
    """A Marsad event store on SQLite or PostgreSQL; see the module documentation."""

    def __init__(self, engine: Engine, *, fuser: Fuser | None = None) -> None:
        self.engine = engine
        self.url: URL = engine.url
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.fuser = fuser
        self._geometry: bool | None = None

    # ------------------------------------------------ opening

    @classmethod
    def open(cls, db: str | os.PathLike[str] | URL | None = None, *, migrate: bool = True,
             fuse: bool = True) -> Store:
        """Open (creating and migrating when needed) the store at ``db``.

        ``db`` is a SQLite path, a ``sqlite://`` or ``postgresql://`` URL, or ``None`` for the
        user's default store (:func:`marsad.store.database.default_db_path`). ``fuse=False``
        stores every event as its own even when :mod:`marsad.fuse` exists.
        """
        url = database.database_url(db)
        engine = database.create_engine_for(url)
        try:
            if migrate:
                upgrade(engine)
            fuser = load_fuser() if fuse else None
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, fuser=fuser)

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
            for h, text in s.execute(q.execution_options(yield_per=500)):
                yield h, text

    # ------------------------------------------------ writing

    def save_duplicate(self, article: Article, content_hash: str, of_hash: str) -> int:
        """Store ``article`` as a near-duplicate of the stored article whose hash is ``of_hash``; not coded."""
        with self.session() as s, s.begin():
            original = s.scalar(sa.select(ArticleRow.id).where(ArticleRow.content_hash == of_hash))
            row = _article_row(article, content_hash, STATUS_DUPLICATE)
            row.near_duplicate_of = original
            s.add(row)
            s.flush()
            return row.id

    def save_failed(self, article: Article, content_hash: str, error: str) -> int:
        """Record that ``article`` could not be coded (it is coded again on the next run)."""
        with self.session() as s, s.begin():
            row = s.scalar(sa.select(ArticleRow).where(ArticleRow.content_hash == content_hash))
            if row is None:
                row = _article_row(article, content_hash, STATUS_FAILED)
                s.add(row)
            elif row.status != STATUS_FAILED:
                raise ValueError(f"article {row.source_id!r} is already stored as {row.status}")
            row.error = error
            row.ingested_at = utcnow()
            s.flush()
            return row.id

    def save_coded(self, coded: CodedArticle, content_hash: str) -> SaveResult:
        """Store a coded article and fuse each of its events into the store, in one transaction.

        A previously failed article with the same hash is updated in place. Each record is either
        a new event or merged into the stored event :func:`marsad.fuse.fuse_event` matches; an
        article's records are never fused with each other (the coder already grouped them).
        """
        if coded.error:
            raise ValueError(f"article {coded.article.id!r} failed ({coded.error}): use save_failed")
        with self.session() as s, s.begin():
            row = s.scalar(sa.select(ArticleRow).where(ArticleRow.content_hash == content_hash))
            if row is None:
                row = _article_row(coded.article, content_hash, STATUS_CODED)
                s.add(row)
            elif row.status == STATUS_FAILED:
                _fill_article(row, coded.article)
                row.status, row.error, row.ingested_at = STATUS_CODED, None, utcnow()
            else:
                raise ValueError(f"article {row.source_id!r} is already stored as {row.status}")
            s.flush()
            result = SaveResult(article=row.id)
            for position, record in enumerate(coded.events):
                candidates = self._candidates(s, record, row.id)
                match = resolve(self.fuser, record, candidates)
                if match is None:
                    result.new_events.append(self._create_event(s, row, position, record))
                else:
                    target, merged = match
                    self._merge_event(s, row, position, record, target, merged)
                    result.merged_events.append(target.id)
            return result

    def _create_event(self, s: Session, article: ArticleRow, position: int, record: EventRecord) -> int:
        columns = event_columns(record)
        columns["source"] = record.source or article.outlet or ""
        columns["evidence"] = evidence_to_json(record.evidence, article=article.id)
        now = utcnow()
        event = EventRow(**columns, created_at=now, updated_at=now)
        s.add(event)
        s.flush()
        codes = country_codes(record.country)
        event.event_id_cnty = f"{codes[0] if codes else 'XXX'}{event.id}"
        self._add_source(s, event.id, article, position, record)
        s.add(EventHistoryRow(event_id=event.id, article_id=article.id, field="created", old_value=None,
                              new_value=record_to_json(record), at=now))
        return event.id

    def _merge_event(self, s: Session, article: ArticleRow, position: int, record: EventRecord,
                     target: StoredEvent, merged: EventRecord) -> None:
        event = s.get(EventRow, target.id, with_for_update=self.dialect == "postgresql")
        if event is None:
            raise LookupError(f"fusion matched event {target.id}, which is not in the store")
        now = utcnow()
        new = event_columns(merged)
        outlets = [o for o in (event.source or "").split(SOURCE_SEPARATOR) if o]
        own = record.source or article.outlet
        if own and own not in outlets:
            outlets.append(own)
        new["source"] = SOURCE_SEPARATOR.join(outlets)
        new["evidence"] = _union_evidence(event.evidence or {}, evidence_to_json(record.evidence, article=article.id))
        history = []
        for name in TRACKED_FIELDS:
            old_value, new_value = to_json_value(getattr(event, name)), to_json_value(new[name])
            if old_value != new_value:
                history.append(EventHistoryRow(event_id=event.id, article_id=article.id, field=name,
                                               old_value=old_value, new_value=new_value, at=now))
        old_sources = [src.source_id for src in target.sources]
        old_claims = [claim_summary(c.claim) for c in target.claims]
        history.append(EventHistoryRow(event_id=event.id, article_id=article.id, field="sources",
                                       old_value=old_sources, new_value=old_sources + [article.source_id], at=now))
        if record.claims:
            history.append(EventHistoryRow(
                event_id=event.id, article_id=article.id, field="claims", old_value=old_claims,
                new_value=old_claims + [claim_summary(c) for c in record.claims], at=now))
        for name, value in new.items():
            setattr(event, name, value)
        event.updated_at = now
        s.add_all(history)
        self._add_source(s, event.id, article, position, record)

    def _add_source(self, s: Session, event_id: int, article: ArticleRow, position: int, record: EventRecord) -> None:
        s.add(EventSourceRow(event_id=event_id, article_id=article.id, position=position,
                             record=record_to_json(record), added_at=utcnow()))
        for c in record.claims:
            ev = c.evidence
            s.add(ClaimRow(event_id=event_id, article_id=article.id, claimant=c.claimant, type=c.type,
                           killed=c.killed, wounded=c.wounded, victim=c.victim, via=c.via,
                           approximate=bool(c.approximate), evidence_start=ev.start if ev else None,
                           evidence_end=ev.end if ev else None, evidence_text=ev.text if ev else None))

    def _candidates(self, s: Session, record: EventRecord, article_id: int) -> list[StoredEvent]:
        """Stored events ``record`` may describe: near in time, same country or nearby, not from this article."""
        if self.fuser is None:
            return []
        days = dt.timedelta(days=CANDIDATE_DAYS)
        place = EventRow.country == record.country
        if record.latitude is not None and record.longitude is not None:
            d = CANDIDATE_DEGREES
            near = sa.and_(EventRow.latitude.between(record.latitude - d, record.latitude + d),
                           EventRow.longitude.between(record.longitude - d, record.longitude + d))
            place = sa.or_(place, near)
        own = sa.select(EventSourceRow.event_id).where(EventSourceRow.article_id == article_id)
        q = (sa.select(EventRow)
             .where(place, EventRow.event_date.between(record.event_date - days, record.event_date + days),
                    EventRow.id.not_in(own))
             .order_by(EventRow.id))
        return self._load(s, list(s.scalars(q)))

    # ------------------------------------------------ reading

    def events(self, filters: Any = None, **kwargs: Any) -> Iterator[StoredEvent]:
        """Stored events matching ``filters`` (a :class:`marsad.store.queries.Filters` or its fields), by id."""
        from marsad.store.queries import Filters, event_conditions

        f = filters if filters is not None else Filters.from_kwargs(**kwargs)
        q = sa.select(EventRow.id).where(*event_conditions(f, geometry=self.has_geometry)).order_by(EventRow.id)
        with self.session() as s:
            ids = list(s.scalars(q))
            for chunk in iter_chunks(ids, 500):
                rows = s.scalars(sa.select(EventRow).where(EventRow.id.in_(chunk)).order_by(EventRow.id)).all()
                yield from self._load(s, rows)
                s.expunge_all()

    def event(self, event_id: int) -> StoredEvent | None:
        with self.session() as s:
            row = s.get(EventRow, event_id)
            return self._load(s, [row])[0] if row is not None else None

    def _load(self, s: Session, rows: Sequence[EventRow]) -> list[StoredEvent]:
        """Rows with their claims and sources, in three queries."""
        if not rows:
            return []
        ids = [r.id for r in rows]
        claims: dict[int, list[StoredClaim]] = {i: [] for i in ids}
        q = (sa.select(ClaimRow, ArticleRow.source_id).join(ArticleRow, ArticleRow.id == ClaimRow.article_id)
             .where(ClaimRow.event_id.in_(ids)).order_by(ClaimRow.id))
        for c, source_id in s.execute(q):
            claim = claim_from_values(c.claimant, c.type, c.killed, c.wounded, c.victim, c.via, c.approximate,
                                      c.evidence_start, c.evidence_end, c.evidence_text)
            claims[c.event_id].append(StoredClaim(c.article_id, source_id, claim))
        sources: dict[int, list[SourceInfo]] = {i: [] for i in ids}
        q2 = (sa.select(EventSourceRow, ArticleRow).join(ArticleRow, ArticleRow.id == EventSourceRow.article_id)
              .where(EventSourceRow.event_id.in_(ids)).order_by(EventSourceRow.id))
        for src, art in s.execute(q2):
            sources[src.event_id].append(SourceInfo(art.id, art.source_id, art.outlet, art.url, art.title,
                                                    art.publication_date, art.language, src.position, src.record))
        return [
            StoredEvent(
                id=r.id,
                event_id_cnty=r.event_id_cnty or "",
                record=record_from_row(r, [c.claim for c in claims[r.id]]),
                sources=sources[r.id],
                claims=claims[r.id],
                evidence=dict(r.evidence or {}),
                created_at=_aware(r.created_at),
                updated_at=_aware(r.updated_at),
            )
            for r in rows
        ]

    def history(self, event_id: int) -> list[dict[str, Any]]:
        """Every change to an event, oldest first: ``{"field", "old", "new", "article", "article_id", "at"}``."""
        with self.session() as s:
            q = (sa.select(EventHistoryRow, ArticleRow.source_id)
                 .outerjoin(ArticleRow, ArticleRow.id == EventHistoryRow.article_id)
                 .where(EventHistoryRow.event_id == event_id).order_by(EventHistoryRow.id))
            return [{"field": h.field, "old": h.old_value, "new": h.new_value, "article": h.article_id,
                     "article_id": source_id, "at": _aware(h.at).isoformat()} for h, source_id in s.execute(q)]

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
        """How many rows each table holds, and articles by status."""
        from marsad.store.schema import TABLES, Base

        out: dict[str, int] = {}
        with self.session() as s:
            for name in TABLES:
                table = Base.metadata.tables[name]
                out[name] = s.scalar(sa.select(sa.func.count()).select_from(table)) or 0
            for status, n in s.execute(sa.select(ArticleRow.status, sa.func.count()).group_by(ArticleRow.status)):
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
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


# ---------------------------------------------------------------- helpers


def _article_row(article: Article, content_hash: str, status: str) -> ArticleRow:
    row = ArticleRow(source_id=article.id, content_hash=content_hash, text=article.text, status=status,
                     ingested_at=utcnow())
    _fill_article(row, article)
    return row


def _fill_article(row: ArticleRow, article: Article) -> None:
    row.source_id = article.id
    row.title, row.outlet, row.url = article.title, article.outlet, article.url
    row.publication_date, row.language = article.publication_date, article.language


def _union_evidence(old: dict[str, list[dict]], new: dict[str, list[dict]]) -> dict[str, list[dict]]:
    out = {k: list(v) for k, v in old.items()}
    for k, spans in new.items():
        have = out.setdefault(k, [])
        have.extend(sp for sp in spans if sp not in have)
    return out


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes: they were written in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.timezone.utc)
    return value


def iter_chunks(items: Iterable[Any], n: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
