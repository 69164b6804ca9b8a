"""The event store's tables, as SQLAlchemy 2 declarative models.

Five tables hold everything an ingestion run learns, and nothing is ever lost from them:

==================  ==============================================================================
table               one row per
==================  ==============================================================================
``articles``        article read: its text, where it came from, its content hash (unique), the
                    article it nearly duplicates, and its ``status``: ``coded`` · ``failed``
                    (``error`` says why; it is coded again on the next run) · ``duplicate``
                    (a near-duplicate of ``near_duplicate_of``; not coded)
``events``          *fused* event: one real event, however many articles reported it, in ACLED's
                    columns plus Marsad's (``fatalities_low``/``high``, ``certainty``, evidence);
                    on PostgreSQL with PostGIS also a ``geom`` point with a GiST index
``event_sources``   (event, article) link, with the record *that article alone* yielded (JSON)
``claims``          claim behind an event: who asserts how many were killed, read from which
                    article, with the offsets of the words in that article's text
``event_history``   change to an event: which article changed which field from what to what, when
==================  ==============================================================================

The schema is created and upgraded by the Alembic migrations in ``marsad/store/migrations/``
(a test holds the migrations and these models to the same schema). Actor types are kept as
ACLED's numeric ``inter`` codes (1 State forces … 8 External/Other forces); exports turn them into
ACLED's labels through :func:`marsad.export.acled.acled_row`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: JSON on every database; JSONB (indexable, compact) on PostgreSQL.
JSONType = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

#: Constraint names that are the same on every database, so migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: ``articles.status`` values.
STATUS_CODED, STATUS_FAILED, STATUS_DUPLICATE = "coded", "failed", "duplicate"


def utcnow() -> dt.datetime:
    """Now, in UTC, with its time zone: every timestamp in the store is one of these."""
    return dt.datetime.now(dt.timezone.utc)


class Base(DeclarativeBase):
    """The declarative base of the store's models; ``Base.metadata`` is the whole schema."""

    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


class ArticleRow(Base):
    """An ingested article: text and provenance, and what became of it."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The id the article had where it was read (file stem, JSON ``id``, feed entry id).
    #: Unique in the store: a second, different article with the same id gets ``~`` and its hash's head.
    source_id: Mapped[str] = mapped_column(sa.Text, unique=True)
    #: :func:`marsad.store.dedupe.content_hash` of the text: one row per distinct text.
    content_hash: Mapped[str] = mapped_column(sa.String(128), unique=True)
    near_duplicate_of: Mapped[int | None] = mapped_column(sa.ForeignKey("articles.id"), index=True)
    text: Mapped[str] = mapped_column(sa.Text)
    title: Mapped[str | None] = mapped_column(sa.Text)
    outlet: Mapped[str | None] = mapped_column(sa.Text)
    url: Mapped[str | None] = mapped_column(sa.Text)
    publication_date: Mapped[dt.date | None] = mapped_column(sa.Date)
    language: Mapped[str | None] = mapped_column(sa.String(16))
    ingested_at: Mapped[dt.datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    status: Mapped[str] = mapped_column(sa.String(16), index=True)
    error: Mapped[str | None] = mapped_column(sa.Text)


class EventRow(Base):
    """A fused event: ACLED's columns, Marsad's, and when it was created and last changed."""

    __tablename__ = "events"
    __table_args__ = (
        sa.Index("ix_events_country_event_date", "country", "event_date"),
        sa.Index("ix_events_latitude_longitude", "latitude", "longitude"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: ACLED-style id: the country's ISO alpha-3 code and this row's id (``MLI17``), stable for ever.
    event_id_cnty: Mapped[str | None] = mapped_column(sa.String(32), unique=True)
    event_date: Mapped[dt.date] = mapped_column(sa.Date)
    year: Mapped[int] = mapped_column(sa.Integer)
    time_precision: Mapped[int] = mapped_column(sa.Integer)
    disorder_type: Mapped[str] = mapped_column(sa.String(100))
    event_type: Mapped[str] = mapped_column(sa.String(100), index=True)
    sub_event_type: Mapped[str] = mapped_column(sa.String(100))
    actor1: Mapped[str] = mapped_column(sa.String(300), index=True)
    actor1_id: Mapped[str | None] = mapped_column(sa.String(100))
    actor1_country: Mapped[str | None] = mapped_column(sa.String(100))
    inter1: Mapped[int] = mapped_column(sa.Integer)
    assoc_actor_1: Mapped[list[str]] = mapped_column(JSONType, default=list)
    actor2: Mapped[str | None] = mapped_column(sa.String(300), index=True)
    actor2_id: Mapped[str | None] = mapped_column(sa.String(100))
    actor2_country: Mapped[str | None] = mapped_column(sa.String(100))
    inter2: Mapped[int | None] = mapped_column(sa.Integer)
    assoc_actor_2: Mapped[list[str]] = mapped_column(JSONType, default=list)
    interaction: Mapped[str] = mapped_column(sa.String(100))
    civilian_targeting: Mapped[str] = mapped_column(sa.String(50), default="")
    iso: Mapped[int | None] = mapped_column(sa.Integer)
    country: Mapped[str] = mapped_column(sa.String(100))
    admin1: Mapped[str | None] = mapped_column(sa.String(200))
    admin2: Mapped[str | None] = mapped_column(sa.String(200))
    location: Mapped[str] = mapped_column(sa.String(300))
    #: Every spelling of the location the reports used (fusion matches later reports against all).
    location_names: Mapped[list[str]] = mapped_column(JSONType, default=list)
    latitude: Mapped[float | None] = mapped_column(sa.Float)
    longitude: Mapped[float | None] = mapped_column(sa.Float)
    geo_precision: Mapped[int] = mapped_column(sa.Integer)
    #: The outlets that reported the event, ACLED-style joined with ``"; "``.
    source: Mapped[str] = mapped_column(sa.Text, default="")
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    fatalities: Mapped[int] = mapped_column(sa.Integer)
    fatalities_low: Mapped[int] = mapped_column(sa.Integer)
    fatalities_high: Mapped[int] = mapped_column(sa.Integer)
    certainty: Mapped[str] = mapped_column(sa.String(20))
    created_at: Mapped[dt.datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)


#: Indexes on lower-cased columns with the date, for the case-insensitive filters of
#: :func:`marsad.store.queries.event_conditions` (``lower(event_type) IN (…) OR lower(sub_event_type)
#: IN (…)``, one index range each) combined with a date range or sorted by date, as ``GET /events``
#: asks (migration 0002; its ``lower(country), event_date`` index grew into ``ix_events_filter_country``
#: in 0003).
sa.Index("ix_events_lower_event_type_event_date", sa.func.lower(EventRow.event_type), EventRow.event_date)
sa.Index("ix_events_lower_sub_event_type_event_date", sa.func.lower(EventRow.sub_event_type), EventRow.event_date)

#: The columns the filters test after an index's leading ones: an index that carries them all lets
#: SQLite test every filter on the index entry and read only the rows it returns (migration 0003).
_FILTER_TAIL = (sa.func.lower(EventRow.event_type), sa.func.lower(EventRow.sub_event_type), EventRow.latitude,
                EventRow.longitude, sa.func.lower(EventRow.actor1), sa.func.lower(EventRow.actor2))
#: Covering indexes for a country (with or without dates) and for a date range (migration 0003).
sa.Index("ix_events_filter_country", sa.func.lower(EventRow.country), EventRow.event_date, *_FILTER_TAIL)
sa.Index("ix_events_filter_date", EventRow.event_date, sa.func.lower(EventRow.country), *_FILTER_TAIL)


class EventSourceRow(Base):
    """An article behind an event, with the record that article alone yielded."""

    __tablename__ = "event_sources"
    __table_args__ = (sa.UniqueConstraint("article_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"))
    #: The record's index among the article's coded events.
    position: Mapped[int] = mapped_column(sa.Integer)
    #: ``EventRecord.to_dict()`` of the article's own record (its claims and evidence included).
    record: Mapped[dict[str, Any]] = mapped_column(JSONType)
    added_at: Mapped[dt.datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)


class ClaimRow(Base):
    """One claim behind an event (a :class:`marsad.fuse.FusedClaim`).

    The same claimant giving the same figure in several articles is one claim whose ``articles``
    lists them all; ``article_id`` is the first, the one the evidence offsets point into.
    ``superseded_by`` names the article whose later figure from the same claimant replaced this
    one; ``share``/``parts`` say which share of a total split over several places the event takes.
    """

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    claimant: Mapped[str] = mapped_column(sa.String(300))
    type: Mapped[str] = mapped_column(sa.String(20))
    killed: Mapped[int | None] = mapped_column(sa.Integer)
    wounded: Mapped[int | None] = mapped_column(sa.Integer)
    victim: Mapped[str | None] = mapped_column(sa.String(300))
    via: Mapped[str | None] = mapped_column(sa.String(300))
    approximate: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    evidence_start: Mapped[int | None] = mapped_column(sa.Integer)
    evidence_end: Mapped[int | None] = mapped_column(sa.Integer)
    evidence_text: Mapped[str | None] = mapped_column(sa.Text)
    #: The ``articles.source_id`` of every article that carries the claim, first one first.
    articles: Mapped[list[str]] = mapped_column(JSONType, default=list)
    share: Mapped[int] = mapped_column(sa.Integer, default=0)
    parts: Mapped[int] = mapped_column(sa.Integer, default=1)
    superseded_by: Mapped[str | None] = mapped_column(sa.Text)


class EventHistoryRow(Base):
    """A change to an event: ``field`` went from ``old_value`` to ``new_value`` because of ``article_id``.

    These are the :class:`marsad.fuse.Change` s fusion reports (the first row of every event is
    ``field = "event"``, ``new_value = "created"``; ``"source"`` is a report joining; ``"claims"`` a
    claim added or revised) with their ``reason`` and the report's publication date, plus a row for
    every other column a merge changed, so that no value of an event changes unrecorded.
    """

    __tablename__ = "event_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int | None] = mapped_column(sa.ForeignKey("articles.id", ondelete="SET NULL"))
    field: Mapped[str] = mapped_column(sa.String(50))
    old_value: Mapped[Any] = mapped_column(JSONType, nullable=True)
    new_value: Mapped[Any] = mapped_column(JSONType, nullable=True)
    reason: Mapped[str | None] = mapped_column(sa.Text)
    #: The publication date of the report that made the change.
    report_date: Mapped[dt.date | None] = mapped_column(sa.Date)
    at: Mapped[dt.datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)


#: Tables in creation order.
TABLES = ("articles", "events", "event_sources", "claims", "event_history")
