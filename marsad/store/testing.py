"""Helpers for testing against real databases: a fresh SQLite file or a fresh PostgreSQL schema.

The store's tests run on SQLite always and on PostgreSQL when ``MARSAD_TEST_PG`` names a server
(``postgresql://user:password@host/db``, a database in which the ``postgis`` extension is created,
as ``.ci/run`` does). In CI (``CI=true``) a missing ``MARSAD_TEST_PG`` is a failure, not a skip:
the PostgreSQL path must never silently stop being tested.

Each PostgreSQL test gets a schema of its own (``marsad_t_<random>``, dropped afterwards) and a URL
whose ``search_path`` puts it first, with ``public`` after it for PostGIS' types and functions;
the tests of one run, or of several runs at once, never see each other's tables.

>>> import pytest
>>> @pytest.fixture(params=BACKENDS)                          # doctest: +SKIP
... def db(request, tmp_path):
...     with database(request.param, tmp_path) as url:
...         yield url
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

#: The backends every store test runs on.
BACKENDS = ("sqlite", "postgresql")

PG_ENV = "MARSAD_TEST_PG"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def postgres_base_url() -> str:
    """``$MARSAD_TEST_PG``; skips the calling test without it — or fails it in CI."""
    import pytest

    url = os.environ.get(PG_ENV)
    if not url:
        message = f"{PG_ENV} is not set: no PostgreSQL server to test the store against"
        if in_ci():
            pytest.fail(message + " (CI must test PostgreSQL: .ci/run starts one)", pytrace=False)
        pytest.skip(message)
    return url


@contextlib.contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL of a fresh, empty schema in the ``MARSAD_TEST_PG`` database; dropped on exit."""
    import sqlalchemy as sa

    from marsad.store.database import create_engine_for, database_url

    base = database_url(postgres_base_url())
    schema = f"marsad_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine_for(base)
    try:
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        url = base.update_query_dict({"options": f"-csearch_path={schema},public"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@contextlib.contextmanager
def database(backend: str, folder: Path) -> Iterator[str]:
    """A fresh database of ``backend`` (``"sqlite"``: a file in ``folder``), as a ``--db`` value."""
    if backend == "sqlite":
        yield str(folder / f"marsad-{uuid.uuid4().hex[:8]}.db")
    elif backend == "postgresql":
        with postgres_schema() as url:
            yield url
    else:
        raise ValueError(f"unknown backend {backend!r}")


def store_snapshot(db: str) -> dict:
    """A store's content without row ids and times — what two equal ingestions must share.

    Articles as (id, status, id of the article it nearly duplicates, error); events as their
    merged record (claims with their articles), the ids of their sources, and their history as
    (field, old, new, article); and the row count of every table.
    """
    import json

    from marsad.store.store import Store

    with Store.open(db, fuse=False) as store:
        articles = store.articles()
        by_row = {a["id"]: a["article_id"] for a in articles}
        arts = sorted((a["article_id"], a["status"], by_row.get(a["near_duplicate_of"]), a["error"])
                      for a in articles)
        events = []
        for e in store.events():
            d = e.record.to_dict()
            d.pop("event_id", None)
            d["sources"] = [s["article_id"] for s in d["sources"]]
            d["history"] = [(h["field"], h["old"], h["new"], h["article_id"]) for h in store.history(e.id)]
            events.append(json.dumps(d, ensure_ascii=False, sort_keys=True))
        return {"articles": arts, "events": sorted(events), "counts": store.counts()}
