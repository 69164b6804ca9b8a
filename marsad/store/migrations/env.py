"""Alembic's environment for the event store.

Two ways in:

* :meth:`marsad.store.Store.open` runs ``upgrade head`` itself, passing its open connection in
  ``config.attributes["connection"]``;
* a developer runs Alembic's command line with the bundled ini file::

      alembic -c marsad/store/alembic.ini -x db=/tmp/marsad.db upgrade head
      alembic -c marsad/store/alembic.ini -x db=postgresql://marsad@localhost/marsad upgrade head

  where ``db`` is a path or a URL as ``marsad --db`` takes it (default: ``$MARSAD_DB``, then the
  ``sqlalchemy.url`` of the ini file, then the user's default store).

On PostgreSQL the upgrade holds an advisory lock, so that several ingesters opening one shared
store at the same moment migrate it once.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import text

from marsad.store.database import create_engine_for, database_url, include_object
from marsad.store.schema import Base

#: Any constant will do; it names the lock PostgreSQL holds while migrating.
MIGRATION_LOCK = 0x6D617273  # "mars"


def run_migrations(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_object=include_object,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
        context.run_migrations()


def main() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    db = context.get_x_argument(as_dictionary=True).get("db") or os.environ.get("MARSAD_DB")
    db = db or config.get_main_option("sqlalchemy.url") or None
    engine = create_engine_for(database_url(db))
    try:
        with engine.connect() as conn:
            run_migrations(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("marsad's migrations run online only: give a database with -x db=URL_OR_PATH")
main()
