"""The event store: articles, fused events, their sources, claims and history.

On PostgreSQL with PostGIS, ``events`` also gets ``geom``, a point generated from
latitude/longitude (so no writer can let it drift from them) with a GiST index for bounding-box
and distance queries. Elsewhere the (latitude, longitude) B-tree index serves bounding boxes.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_id", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(128), nullable=False),
        sa.Column("near_duplicate_of", sa.Integer, sa.ForeignKey("articles.id"), nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("publication_date", sa.Date),
        sa.Column("language", sa.String(16)),
        sa.Column("ingested_at", TS, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error", sa.Text),
        sa.UniqueConstraint("content_hash", name=op.f("uq_articles_content_hash")),
        sa.UniqueConstraint("source_id", name=op.f("uq_articles_source_id")),
    )
    op.create_index(op.f("ix_articles_near_duplicate_of"), "articles", ["near_duplicate_of"])
    op.create_index(op.f("ix_articles_status"), "articles", ["status"])

    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id_cnty", sa.String(32)),
        sa.Column("event_date", sa.Date, nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("time_precision", sa.Integer, nullable=False),
        sa.Column("disorder_type", sa.String(100), nullable=False),
        sa.Column("event_type", sa.String(100), nullable=False),
        sa.Column("sub_event_type", sa.String(100), nullable=False),
        sa.Column("actor1", sa.String(300), nullable=False),
        sa.Column("actor1_id", sa.String(100)),
        sa.Column("actor1_country", sa.String(100)),
        sa.Column("inter1", sa.Integer, nullable=False),
        sa.Column("assoc_actor_1", JSON, nullable=False),
        sa.Column("actor2", sa.String(300)),
        sa.Column("actor2_id", sa.String(100)),
        sa.Column("actor2_country", sa.String(100)),
        sa.Column("inter2", sa.Integer),
        sa.Column("assoc_actor_2", JSON, nullable=False),
        sa.Column("interaction", sa.String(100), nullable=False),
        sa.Column("civilian_targeting", sa.String(50), nullable=False),
        sa.Column("iso", sa.Integer),
        sa.Column("country", sa.String(100), nullable=False),
        sa.Column("admin1", sa.String(200)),
        sa.Column("admin2", sa.String(200)),
        sa.Column("location", sa.String(300), nullable=False),
        sa.Column("location_names", JSON, nullable=False),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("geo_precision", sa.Integer, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("fatalities", sa.Integer, nullable=False),
        sa.Column("fatalities_low", sa.Integer, nullable=False),
        sa.Column("fatalities_high", sa.Integer, nullable=False),
        sa.Column("certainty", sa.String(20), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.UniqueConstraint("event_id_cnty", name=op.f("uq_events_event_id_cnty")),
    )
    op.create_index(op.f("ix_events_event_date"), "events", ["event_date"])
    op.create_index(op.f("ix_events_event_type"), "events", ["event_type"])
    op.create_index(op.f("ix_events_actor1"), "events", ["actor1"])
    op.create_index(op.f("ix_events_actor2"), "events", ["actor2"])
    op.create_index("ix_events_country_event_date", "events", ["country", "event_date"])
    op.create_index("ix_events_latitude_longitude", "events", ["latitude", "longitude"])

    op.create_table(
        "event_sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("record", JSON, nullable=False),
        sa.Column("added_at", TS, nullable=False),
        sa.UniqueConstraint("article_id", "position", name=op.f("uq_event_sources_article_id_position")),
    )
    op.create_index(op.f("ix_event_sources_event_id"), "event_sources", ["event_id"])

    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("claimant", sa.String(300), nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("killed", sa.Integer),
        sa.Column("wounded", sa.Integer),
        sa.Column("victim", sa.String(300)),
        sa.Column("via", sa.String(300)),
        sa.Column("approximate", sa.Boolean, nullable=False),
        sa.Column("evidence_start", sa.Integer),
        sa.Column("evidence_end", sa.Integer),
        sa.Column("evidence_text", sa.Text),
        sa.Column("articles", JSON, nullable=False),
        sa.Column("share", sa.Integer, nullable=False),
        sa.Column("parts", sa.Integer, nullable=False),
        sa.Column("superseded_by", sa.Text),
    )
    op.create_index(op.f("ix_claims_event_id"), "claims", ["event_id"])
    op.create_index(op.f("ix_claims_article_id"), "claims", ["article_id"])

    op.create_table(
        "event_history",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="SET NULL")),
        sa.Column("field", sa.String(50), nullable=False),
        sa.Column("old_value", JSON),
        sa.Column("new_value", JSON),
        sa.Column("reason", sa.Text),
        sa.Column("report_date", sa.Date),
        sa.Column("at", TS, nullable=False),
    )
    op.create_index(op.f("ix_event_history_event_id"), "event_history", ["event_id"])

    bind = op.get_bind()
    from marsad.store.database import GEOMETRY_COLUMN, GEOMETRY_INDEX, postgis_available

    if postgis_available(bind):
        op.execute(
            f"ALTER TABLE events ADD COLUMN {GEOMETRY_COLUMN} geometry(Point, 4326) GENERATED ALWAYS AS ("
            "CASE WHEN longitude IS NOT NULL AND latitude IS NOT NULL "
            "THEN ST_SetSRID(ST_MakePoint(longitude, latitude), 4326) END) STORED"
        )
        op.execute(f"CREATE INDEX {GEOMETRY_INDEX} ON events USING gist ({GEOMETRY_COLUMN})")


def downgrade() -> None:
    for table in ("event_history", "claims", "event_sources", "events", "articles"):
        op.drop_table(table)
