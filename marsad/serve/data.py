"""The reads the API needs beyond :class:`marsad.store.Store`: paged event summaries, actors,
places, statistics, and the texts of an event's sources with their evidence spans.

They build on the store's own filters (:func:`marsad.store.queries.event_conditions`) and add the
API's: ``admin1``, ``sub_event_type``, ``certainty`` and ``q`` (a text search in the event's
names and notes and in the original text of its sources, Arabic included).
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from marsad.store import Filters, Store
from marsad.store.queries import event_conditions
from marsad.store.schema import ArticleRow, EventHistoryRow, EventRow, EventSourceRow

#: ``sort`` values of ``GET /events`` (a leading ``-`` sorts descending).
SORT_KEYS: dict[str, Any] = {
    "event_date": EventRow.event_date, "fatalities": EventRow.fatalities, "id": EventRow.id,
    "country": EventRow.country, "admin1": EventRow.admin1, "location": EventRow.location,
    "event_type": EventRow.event_type, "actor1": EventRow.actor1, "updated_at": EventRow.updated_at,
}  # fmt: skip

#: ``certainty`` values.
CERTAINTIES = ("confirmed", "claimed", "disputed", "unconfirmed")

#: The columns of an event summary (``GET /events`` items), in order.
SUMMARY_COLUMNS = (
    "id", "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "fatalities", "fatalities_low",
    "fatalities_high", "certainty", "source", "notes",
)  # fmt: skip


@dataclass(frozen=True)
class ApiFilters:
    """The store's :class:`~marsad.store.Filters` and the API's own."""

    base: Filters = field(default_factory=Filters)
    admin1: tuple[str, ...] = ()
    sub_event_type: tuple[str, ...] = ()
    certainty: tuple[str, ...] = ()
    q: str | None = None


def conditions(store: Store, f: ApiFilters) -> list[sa.ColumnElement[bool]]:
    """SQL conditions on ``events`` for all of ``f``."""
    conds = event_conditions(f.base, geometry=store.has_geometry)
    if f.admin1:
        conds.append(sa.func.lower(EventRow.admin1).in_([a.lower() for a in f.admin1]))
    if f.sub_event_type:
        conds.append(sa.func.lower(EventRow.sub_event_type).in_([t.lower() for t in f.sub_event_type]))
    if f.certainty:
        conds.append(EventRow.certainty.in_([c.lower() for c in f.certainty]))
    if f.q:
        q = f.q.lower()
        in_text = sa.exists(
            sa.select(EventSourceRow.id).join(ArticleRow, ArticleRow.id == EventSourceRow.article_id)
            .where(EventSourceRow.event_id == EventRow.id, ArticleRow.text.contains(f.q, autoescape=True)))
        conds.append(sa.or_(*(sa.func.lower(col).contains(q, autoescape=True)
                              for col in (EventRow.actor1, EventRow.actor2, EventRow.location, EventRow.admin1,
                                          EventRow.country, EventRow.notes, EventRow.event_id_cnty)), in_text))
    return conds


#: Per-connection SQLite settings for serving reads: memory-map the database (pages are read from
#: the OS page cache shared by every pooled connection, without a read() system call each) and a
#: larger page cache. Reads of ``GET /events`` under many concurrent clients were dominated by those
#: system calls (benchmarks/bench_api.py).
SQLITE_READ_PRAGMAS = ("PRAGMA mmap_size=1073741824", "PRAGMA cache_size=-32768")


def tune_for_reads(store: Store) -> None:
    """Apply :data:`SQLITE_READ_PRAGMAS` to every connection of a SQLite store (new ones, and the
    pooled ones, which are closed so that they reopen with them). Nothing on PostgreSQL."""
    if store.dialect != "sqlite" or store.url.database in (None, "", ":memory:"):
        return  # an in-memory database lives only as long as its connections

    @sa.event.listens_for(store.engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        for pragma in SQLITE_READ_PRAGMAS:
            cur.execute(pragma)
        cur.close()

    store.engine.dispose(close=True)


def summary(row: Any) -> dict[str, Any]:
    """An event summary (``GET /events`` item) from a row of :data:`SUMMARY_COLUMNS`.

    ``event_date`` stays a :class:`datetime.date`: the response's JSON encoder (orjson) writes it
    as ``YYYY-MM-DD``."""
    return dict(zip(SUMMARY_COLUMNS, row, strict=True))


def _columns() -> list[Any]:
    return [getattr(EventRow, c) for c in SUMMARY_COLUMNS]


#: A page's rows by id; the ids are one expanding parameter, so the statement is compiled once.
_PAGE_ROWS = sa.select(*_columns()).where(EventRow.id.in_(sa.bindparam("ids", expanding=True)))


def store_version(conn: sa.Connection) -> tuple[Any, ...]:
    """A stamp that changes whenever the events change: the newest event id, the newest
    ``updated_at`` and the newest history row. New events raise the first; a merge into a stored
    event sets its ``updated_at`` to now and logs its changes in ``event_history`` (every change
    is logged there, see :class:`marsad.store.schema.EventHistoryRow`); events are never deleted.
    Three look-ups at the end of an index, whatever the store's size — written by this process or
    by any other (``marsad ingest`` running beside the server, another worker)."""
    return tuple(conn.execute(_VERSION).one())


_VERSION = sa.select(sa.select(sa.func.max(EventRow.id)).scalar_subquery(),
                     sa.select(sa.func.max(EventRow.updated_at)).scalar_subquery(),
                     sa.select(sa.func.max(EventHistoryRow.id)).scalar_subquery())


class CountCache:
    """The totals of ``GET /events``, by filters and store version (:func:`store_version`).

    Counting is the part of a page whose cost grows with the matches (every matching index entry
    is visited), while a dashboard asks the same filters again and again (paging, the list and the
    map of one view, several analysts). A count is reused only for the same filters on the same
    version of the store, so a write — through ``POST /articles`` or any other process — makes the
    next request count afresh. Least recently used entries go first; safe across threads."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._counts: OrderedDict[tuple[Any, ...], int] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: tuple[Any, ...]) -> int | None:
        with self._lock:
            n = self._counts.get(key)
            if n is None:
                self.misses += 1
            else:
                self.hits += 1
                self._counts.move_to_end(key)
            return n

    def put(self, key: tuple[Any, ...], n: int) -> None:
        with self._lock:
            self._counts[key] = n
            self._counts.move_to_end(key)
            while len(self._counts) > self.size:
                self._counts.popitem(last=False)


def list_events(store: Store, f: ApiFilters, *, sort: str = "-event_date", limit: int = 100,
                offset: int = 0, counts: CountCache | None = None) -> tuple[int, list[dict[str, Any]]]:
    """How many events match ``f``, and the ``limit`` summaries from ``offset`` in ``sort`` order.

    Three cheap statements rather than two heavy ones: the count (or ``counts``' copy of it for
    this version of the store), the ids of the page — sorted and cut on the index alone, without
    carrying whole rows through the sort — then the page's rows by id. With ``counts`` the version
    stamp is read before the count: a count may then be newer than the stamp it is filed under
    (a write committed in between, seen by PostgreSQL's next statement), never older, and a newer
    stamp is never followed by an older one, so no request is answered with a total from before a
    write it can see.
    """
    desc = sort.startswith("-")
    col = SORT_KEYS[sort.lstrip("-")]
    order = [col.desc() if desc else col.asc(), EventRow.id.desc() if desc else EventRow.id.asc()]
    conds = conditions(store, f)
    with store.engine.connect() as conn:
        key = (store_version(conn), f) if counts is not None else None
        total = counts.get(key) if counts is not None and key is not None else None
        if total is None:
            total = conn.scalar(sa.select(sa.func.count()).select_from(EventRow).where(*conds)) or 0
            if counts is not None and key is not None:
                counts.put(key, total)
        ids = conn.execute(sa.select(EventRow.id).where(*conds).order_by(*order).limit(limit).offset(offset)
                           ).scalars().all()
        rows = conn.execute(_PAGE_ROWS, {"ids": list(ids)}).all() if ids else []
    by_id = {r[0]: r for r in rows}
    return total, [summary(by_id[i]) for i in ids if i in by_id]


def event_id_of(store: Store, ident: str) -> int | None:
    """The store id of an event given as its id (``13``) or its ``event_id_cnty`` (``MLI13``)."""
    ident = ident.strip()
    if ident.isdigit() and len(ident) < 18:
        return int(ident)
    with store.session() as s:
        return s.scalar(sa.select(EventRow.id).where(EventRow.event_id_cnty == ident.upper()))


@functools.lru_cache(maxsize=1)
def _catalogue() -> Any:
    try:
        from marsad.actors.catalogue import ActorCatalogue

        return ActorCatalogue.default()
    except Exception:  # the names in Arabic are a nicety: never fail a request for them
        return None


@functools.lru_cache(maxsize=4096)
def arabic_name(name: str | None) -> str | None:
    """The actor's first name in Arabic script in the actor catalogue, if it has one."""
    cat = _catalogue()
    if not name or cat is None:
        return None
    try:
        actor = cat.by_name(name)
    except Exception:
        return None
    for alias in getattr(actor, "aliases", ()) or ():
        if any("\u0600" <= ch <= "\u06ff" for ch in alias):
            return alias
    return None


def arabic_of(names: list[str] | None) -> str | None:
    """The first Arabic-script spelling among a place's ``location_names``."""
    for n in names or []:
        if any("\u0600" <= ch <= "\u06ff" for ch in n):
            return n
    return None


def actors(store: Store, f: ApiFilters, limit: int = 500) -> list[dict[str, Any]]:
    """Actors of the matching events (as actor1 or actor2), most events first, with their Arabic name."""
    conds = conditions(store, f)
    events: Counter[str] = Counter()
    deaths: Counter[str] = Counter()
    with store.session() as s:
        for col in (EventRow.actor1, EventRow.actor2):
            q = (sa.select(col, sa.func.count(), sa.func.coalesce(sa.func.sum(EventRow.fatalities), 0))
                 .where(*conds, col.is_not(None)).group_by(col))
            for name, n, dead in s.execute(q):
                events[name] += n
                deaths[name] += int(dead or 0)
    return [{"name": name, "name_ar": arabic_name(name), "events": n, "fatalities": deaths[name]}
            for name, n in sorted(events.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def places(store: Store, f: ApiFilters, limit: int = 1000) -> list[dict[str, Any]]:
    """Places of the matching events: country, admin1, location, coordinates, events and fatalities."""
    conds = conditions(store, f)
    key = (EventRow.country, EventRow.admin1, EventRow.location)
    q = (sa.select(*key, sa.func.avg(EventRow.latitude), sa.func.avg(EventRow.longitude), sa.func.count(),
                   sa.func.coalesce(sa.func.sum(EventRow.fatalities), 0), sa.func.max(EventRow.id))
         .where(*conds).group_by(*key).order_by(sa.func.count().desc(), *key).limit(limit))
    out = []
    with store.session() as s:
        rows = s.execute(q).all()
        names = dict(s.execute(sa.select(EventRow.id, EventRow.location_names)
                               .where(EventRow.id.in_([r[-1] for r in rows]))).all()) if rows else {}
    for country, admin1, location, lat, lon, n, dead, last in rows:
        out.append({"country": country, "admin1": admin1, "location": location,
                    "location_ar": arabic_of(names.get(last)), "latitude": lat, "longitude": lon,
                    "events": n, "fatalities": int(dead or 0)})
    return out


def period_of(day: dt.date, interval: str) -> str:
    """The period a day falls in: the day, the Monday of its ISO week, or the first of its month."""
    if interval == "week":
        return (day - dt.timedelta(days=day.weekday())).isoformat()
    if interval == "month":
        return day.replace(day=1).isoformat()
    return day.isoformat()


def stats(store: Store, f: ApiFilters, interval: str = "month", top: int = 20) -> dict[str, Any]:
    """Counts and fatalities: in all, per period (day · week · month), per actor, per event type, per country."""
    conds = conditions(store, f)
    dead = sa.func.coalesce(sa.func.sum(EventRow.fatalities), 0)
    with store.session() as s:
        per_day = s.execute(sa.select(EventRow.event_date, sa.func.count(), dead).where(*conds)
                            .group_by(EventRow.event_date).order_by(EventRow.event_date)).all()
        by_type = s.execute(sa.select(EventRow.event_type, EventRow.sub_event_type, sa.func.count(), dead)
                            .where(*conds).group_by(EventRow.event_type, EventRow.sub_event_type)).all()
        by_country = s.execute(sa.select(EventRow.country, sa.func.count(), dead).where(*conds)
                               .group_by(EventRow.country)).all()
    timeline: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for day, n, d in per_day:
        slot = timeline[period_of(day, interval)]
        slot[0] += n
        slot[1] += int(d or 0)
    types: dict[str, dict[str, Any]] = {}
    for etype, sub, n, d in by_type:
        t = types.setdefault(etype, {"event_type": etype, "events": 0, "fatalities": 0, "sub_event_types": []})
        t["events"] += n
        t["fatalities"] += int(d or 0)
        t["sub_event_types"].append({"sub_event_type": sub, "events": n, "fatalities": int(d or 0)})
    return {
        "interval": interval,
        "events": sum(n for _, n, _ in per_day),
        "fatalities": sum(int(d or 0) for _, _, d in per_day),
        "date_min": per_day[0][0].isoformat() if per_day else None,
        "date_max": per_day[-1][0].isoformat() if per_day else None,
        "timeline": [{"period": p, "events": v[0], "fatalities": v[1]} for p, v in sorted(timeline.items())],
        "by_actor": actors(store, f, limit=top),
        "by_type": sorted(types.values(), key=lambda t: -t["events"]),
        "by_country": [{"country": c, "events": n, "fatalities": int(d or 0)}
                       for c, n, d in sorted(by_country, key=lambda r: -r[1])],
    }


def source_texts(store: Store, article_ids: list[str]) -> dict[str, str]:
    """The original texts of articles, by their ``source_id``."""
    if not article_ids:
        return {}
    with store.session() as s:
        q = sa.select(ArticleRow.source_id, ArticleRow.text).where(ArticleRow.source_id.in_(article_ids))
        return dict(s.execute(q).all())


def highlights(record: dict[str, Any] | None, text: str) -> list[dict[str, Any]]:
    """The evidence spans of a source's own record (fields and claims), checked against its text,
    sorted and without overlaps: what the event page marks in the original text."""
    if not record:
        return []
    spans: list[dict[str, Any]] = []
    for name, items in (record.get("evidence") or {}).items():
        for sp in items if isinstance(items, list) else [items]:
            if isinstance(sp, dict):
                spans.append({**sp, "field": name})
    for claim in record.get("claims") or []:
        ev = claim.get("evidence")
        if isinstance(ev, dict):
            spans.append({**ev, "field": "claim"})
    out: list[dict[str, Any]] = []
    end = -1
    for sp in sorted(spans, key=lambda s: (s.get("start", -1), -(s.get("end") or 0))):
        start, stop = sp.get("start"), sp.get("end")
        if not isinstance(start, int) or not isinstance(stop, int) or not 0 <= start < stop <= len(text):
            continue
        if start < end:
            continue
        out.append({"start": start, "end": stop, "field": sp["field"], "text": text[start:stop]})
        end = stop
    return out
