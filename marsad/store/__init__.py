"""The event store: many reports become one dataset.

``marsad ingest`` codes articles into a database and fuses the events that several articles
report into one; ``marsad export`` and :func:`marsad.query` read them back. The pieces:

=====================================  ===========================================================
module                                 job
=====================================  ===========================================================
:mod:`marsad.store.database`           where the store is (``--db``), connecting, SQLite settings,
                                       PostGIS detection
:mod:`marsad.store.schema`             the tables (SQLAlchemy 2 models)
``marsad/store/migrations/``           Alembic migrations, run by :meth:`Store.open`
:mod:`marsad.store.store`              :class:`Store`: write an article and fuse its events (one
                                       transaction), read events, claims, sources, history
:mod:`marsad.store.records`            ``EventRecord`` ↔ rows and JSON
:mod:`marsad.store.fusion`             asking :mod:`marsad.fuse` which stored event a record is
:mod:`marsad.store.ingestion`          ``marsad ingest``: read, deduplicate, code, write, report
:mod:`marsad.store.engines`            coding in this process or on a Dask cluster
:mod:`marsad.store.queries`            filters, :func:`query` (pandas), the export formats
:mod:`marsad.store.commands`           ``marsad ingest`` / ``marsad export`` once parsed
:mod:`marsad.store.testing`            fresh SQLite files and PostgreSQL schemas for tests
=====================================  ===========================================================

>>> from marsad.store import Store
>>> with Store.open("events.db") as store:                    # doctest: +SKIP
...     for event in store.events(country="Mali", date_from="2024-01-01"):
...         print(event.event_id_cnty, event.record.event_type, event.article_ids)

This package imports SQLAlchemy; nothing on the coding path (``marsad code``) imports it.
"""

from marsad.store.database import data_folder, database_url, default_db_path
from marsad.store.queries import EXPORT_FORMATS, Filters, export, query
from marsad.store.store import SaveResult, SourceInfo, Store, StoredEvent

__all__ = [
    "EXPORT_FORMATS",
    "Filters",
    "SaveResult",
    "SourceInfo",
    "Store",
    "StoredEvent",
    "data_folder",
    "database_url",
    "default_db_path",
    "export",
    "query",
]
