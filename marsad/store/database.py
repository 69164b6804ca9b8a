"""Where the store lives and how to connect to it: SQLite by default, PostgreSQL when asked.

``--db`` (and :meth:`marsad.store.Store.open`) takes

===================================  ===========================================================
value                                database
===================================  ===========================================================
nothing                              SQLite file ``marsad.db`` in the user's data folder:
                                     ``$MARSAD_DATA``, else ``$XDG_DATA_HOME/marsad``, else
                                     ``~/.local/share/marsad``
``events.db``, ``/data/marsad.db``   that SQLite file (created, with its folder, when missing)
``sqlite:///…``                      an SQLAlchemy SQLite URL, as it is
``postgresql://user:pw@host/db``     PostgreSQL through psycopg 3 (``postgres://`` and
                                     ``postgresql+psycopg://`` too)
===================================  ===========================================================

SQLite is tuned for one writer and many readers: write-ahead logging (an export can read while an
ingest writes), foreign keys on, a 30-second wait on a locked database, and real transactions —
Python's sqlite3 module does not open one before DDL or reads by itself, so this module emits
``BEGIN`` itself: a migration or an article's writes are all-or-nothing even if the process is
killed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url

#: Names of the PostGIS-only schema objects (the migrations create them; the models do not know them).
GEOMETRY_COLUMN = "geom"
GEOMETRY_INDEX = "ix_events_geom"
GEOMETRY_OBJECTS = frozenset({GEOMETRY_COLUMN, GEOMETRY_INDEX})

DB_FILENAME = "marsad.db"


#: Tables the PostGIS extension creates (its catalogue of coordinate systems): not ours to migrate.
POSTGIS_TABLES = frozenset({"spatial_ref_sys"})


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """For Alembic's autogenerate: ignore the PostGIS column and index, which only the migrations know,
    and PostGIS' own tables."""
    if type_ == "table" and reflected and compare_to is None and name in POSTGIS_TABLES:
        return False
    return name not in GEOMETRY_OBJECTS


def data_folder() -> Path:
    """The user's Marsad data folder (not created here)."""
    if os.environ.get("MARSAD_DATA"):
        return Path(os.environ["MARSAD_DATA"]).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "marsad"


def default_db_path() -> Path:
    """The SQLite file used when no ``--db`` is given."""
    return data_folder() / DB_FILENAME


def database_url(db: str | os.PathLike[str] | URL | None = None) -> URL:
    """The SQLAlchemy URL of ``db``: a path, a URL, or ``None`` for the default store.

    >>> database_url("postgresql://marsad@localhost/events").drivername
    'postgresql+psycopg'
    >>> database_url("/tmp/x.db").render_as_string()
    'sqlite:////tmp/x.db'
    """
    if isinstance(db, URL):
        url = db
    elif db is None or str(db) == "":
        url = _sqlite_url(default_db_path())
    else:
        s = os.fspath(db)
        url = make_url(s) if "://" in s else _sqlite_url(Path(s))
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def _sqlite_url(path: Path) -> URL:
    return URL.create("sqlite", database=str(path.expanduser().absolute()))


def display_url(url: URL) -> str:
    """The URL with its password hidden, for messages."""
    return url.render_as_string(hide_password=True)


def create_engine_for(url: URL, **kwargs: Any) -> Engine:
    """An engine for ``url``, with the SQLite settings described above; creates a SQLite file's folder."""
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30}, **kwargs)
        _tune_sqlite(engine)
        return engine
    if url.get_backend_name() == "postgresql":
        return sa.create_engine(url, pool_pre_ping=True, **kwargs)
    raise ValueError(f"unsupported database {display_url(url)!r}: use a SQLite path or a postgresql:// URL")


def _tune_sqlite(engine: Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # the driver's own transaction handling off: we BEGIN below
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable against a killed process
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")


def postgis_available(conn: sa.Connection) -> bool:
    """Whether PostGIS is installed in this PostgreSQL database — installing it if we may.

    When the extension is not yet created but the server has it, ``CREATE EXTENSION`` is tried in
    a savepoint (it needs the privilege to do so); failing that, the store keeps plain
    latitude/longitude columns.
    """
    if conn.dialect.name != "postgresql":
        return False
    installed = "SELECT 1 FROM pg_extension WHERE extname = 'postgis'"
    if conn.execute(sa.text(installed)).first():
        return True
    if not conn.execute(sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")).first():
        return False
    try:
        with conn.begin_nested():
            conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS postgis"))
    except sa.exc.DBAPIError:
        return False
    return True


def has_geometry(conn: sa.Connection) -> bool:
    """Whether this store's ``events`` table has the PostGIS ``geom`` column."""
    if conn.dialect.name != "postgresql":
        return False
    q = sa.text("SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = 'events' AND column_name = :name")
    return conn.execute(q, {"name": GEOMETRY_COLUMN}).first() is not None
