"""Indexes for the case-insensitive event filters: ``lower(country)``, ``lower(event_type)`` and
``lower(sub_event_type)``, each with ``event_date`` (a filter with a date range, or sorted by date,
as ``GET /events`` asks). Expression indexes: SQLite ≥ 3.9 and PostgreSQL both have them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_events_lower_country_event_date": "country",
    "ix_events_lower_event_type_event_date": "event_type",
    "ix_events_lower_sub_event_type_event_date": "sub_event_type",
}


def upgrade() -> None:
    for name, column in INDEXES.items():
        op.create_index(name, "events", [sa.text(f"lower({column})"), "event_date"])


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="events")
