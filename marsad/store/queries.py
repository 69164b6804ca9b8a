"""Read events out of the store: filters, :func:`query` (a pandas DataFrame) and the export formats.

>>> import marsad
>>> df = marsad.query(country="Mali", date_from="2024-01-01", actor="JNIM")   # doctest: +SKIP
>>> df.groupby("admin1")["fatalities"].sum()                                  # doctest: +SKIP

Filters (the same for :func:`query`, :meth:`Store.events <marsad.store.Store.events>` and
``marsad export``), all optional, combined with AND:

============  ================================================================================
filter        keeps events
============  ================================================================================
country       whose country is one of these names (case-insensitive; a list or "Mali,Niger")
date_from     on or after this date (``YYYY-MM-DD``); ``date_to``: on or before
actor         one of whose actors (actor1, actor2) contains one of these strings
              (case-insensitive: ``"JNIM"`` finds ``JNIM: Group for Support of Islam and Muslims``)
event_type    whose event type or sub-event type is one of these (case-insensitive)
bbox          inside ``(min_lon, min_lat, max_lon, max_lat)`` (or ``"minlon,minlat,maxlon,maxlat"``);
              a box with min_lon > max_lon crosses the antimeridian. Events without coordinates
              are left out. On PostGIS the GiST index on ``geom`` answers it.
============  ================================================================================

Export formats: ``acled-csv`` (exactly ACLED's 31 columns, in ACLED's order, through
:func:`marsad.export.acled.acled_row`), ``jsonl`` (one event per line with everything: claims with
the article each came from, sources with their own records, evidence, history), ``geojson`` (a
FeatureCollection of points, the same properties but the history) and ``parquet`` (the
:func:`query` table, claims and sources as nested lists).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

import sqlalchemy as sa

from marsad.export.acled import ACLED_COLUMNS, acled_row
from marsad.models import EventRecord
from marsad.store.database import GEOMETRY_COLUMN
from marsad.store.records import evidence_to_json
from marsad.store.schema import EventRow

if TYPE_CHECKING:
    import pandas as pd

    from marsad.store.store import Store, StoredEvent

#: ``marsad export --format`` choices, the default first.
EXPORT_FORMATS: tuple[str, ...] = ("acled-csv", "geojson", "jsonl", "parquet")

#: :func:`query`'s columns after ACLED's 31.
EXTRA_COLUMNS: tuple[str, ...] = (
    "fatalities_low", "fatalities_high", "certainty", "claims", "sources", "n_sources", "evidence", "event_id",
    "created_at", "updated_at",
)  # fmt: skip


# ---------------------------------------------------------------- filters


@dataclass(frozen=True)
class Filters:
    """Which events to read; see the module documentation. Empty filters keep every event."""

    country: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    actor: tuple[str, ...] = ()
    event_type: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None

    @classmethod
    def from_kwargs(cls, country: Any = None, date_from: Any = None, date_to: Any = None, actor: Any = None,
                    event_type: Any = None, bbox: Any = None, **aliases: Any) -> Filters:
        """Filters from keyword values as people write them: strings, lists, dates; ``from``/``to`` too.

        Raises :class:`ValueError` (with a one-line reason) for a bad date or box, and
        :class:`TypeError` for an unknown filter.
        """
        date_from = aliases.pop("from", None) or aliases.pop("start", None) or date_from
        date_to = aliases.pop("to", None) or aliases.pop("end", None) or date_to
        if aliases:
            raise TypeError(f"unknown filter(s): {', '.join(sorted(aliases))} "
                            "(filters: country, date_from, date_to, actor, event_type, bbox)")
        d_from, d_to = parse_day(date_from, "date_from"), parse_day(date_to, "date_to")
        if d_from and d_to and d_from > d_to:
            raise ValueError(f"date_from {d_from} is after date_to {d_to}")
        return cls(country=_values(country), date_from=d_from, date_to=d_to, actor=_values(actor),
                   event_type=_values(event_type), bbox=parse_bbox(bbox))

    def __bool__(self) -> bool:
        return bool(self.country or self.date_from or self.date_to or self.actor or self.event_type or self.bbox)


def _values(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else list(value)
    out = []
    for item in items:
        out.extend(v.strip() for v in str(item).split(",") if v.strip())
    return tuple(out)


def parse_day(value: Any, name: str = "date") -> dt.date | None:
    """A date from ``YYYY-MM-DD``, a date or a datetime; ``None``/``""`` stay ``None``."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"bad {name} {value!r}: expected YYYY-MM-DD") from None


def parse_bbox(value: Any) -> tuple[float, float, float, float] | None:
    """``"minlon,minlat,maxlon,maxlat"`` (or four numbers) → a checked tuple.

    >>> parse_bbox("-5.5,10,4.3,25")
    (-5.5, 10.0, 4.3, 25.0)
    """
    if value is None or value == "":
        return None
    parts = value.split(",") if isinstance(value, str) else list(value)
    try:
        box = tuple(float(p) for p in parts)
    except (TypeError, ValueError):
        box = ()
    if len(box) != 4:
        raise ValueError(f"bad bbox {value!r}: expected min_lon,min_lat,max_lon,max_lat")
    min_lon, min_lat, max_lon, max_lat = box
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ValueError(f"bad bbox {value!r}: longitudes in [-180, 180], latitudes in [-90, 90], "
                         "min_lat ≤ max_lat")
    return min_lon, min_lat, max_lon, max_lat


def event_conditions(f: Filters, *, geometry: bool = False) -> list[sa.ColumnElement[bool]]:
    """SQL conditions on ``events`` for ``f``; ``geometry`` uses the PostGIS column for the box."""
    conds: list[sa.ColumnElement[bool]] = []
    if f.country:
        conds.append(sa.func.lower(EventRow.country).in_([c.lower() for c in f.country]))
    if f.date_from:
        conds.append(EventRow.event_date >= f.date_from)
    if f.date_to:
        conds.append(EventRow.event_date <= f.date_to)
    if f.actor:
        conds.append(sa.or_(*(
            sa.func.lower(col).contains(a.lower(), autoescape=True)
            for a in f.actor for col in (EventRow.actor1, EventRow.actor2)
        )))
    if f.event_type:
        types = [t.lower() for t in f.event_type]
        conds.append(sa.or_(sa.func.lower(EventRow.event_type).in_(types),
                            sa.func.lower(EventRow.sub_event_type).in_(types)))
    if f.bbox:
        conds.append(_bbox_condition(f.bbox, geometry))
    return conds


def _bbox_condition(box: tuple[float, float, float, float], geometry: bool) -> sa.ColumnElement[bool]:
    min_lon, min_lat, max_lon, max_lat = box
    if geometry and min_lon <= max_lon:
        geom = sa.column(GEOMETRY_COLUMN)  # only PostGIS stores have it; not a model attribute
        envelope = sa.func.ST_MakeEnvelope(min_lon, min_lat, max_lon, max_lat, 4326)
        return geom.op("&&")(envelope)
    lat_ok = EventRow.latitude.between(min_lat, max_lat)
    if min_lon <= max_lon:
        lon_ok = EventRow.longitude.between(min_lon, max_lon)
    else:  # across the antimeridian
        lon_ok = sa.or_(EventRow.longitude >= min_lon, EventRow.longitude <= max_lon)
    return sa.and_(EventRow.latitude.is_not(None), EventRow.longitude.is_not(None), lat_ok, lon_ok)


# ---------------------------------------------------------------- events as rows and objects


def _timestamp(event: StoredEvent) -> int:
    """ACLED's ``timestamp``: when the event was last changed (seconds since 1970)."""
    when = event.updated_at or event.created_at
    return int(when.timestamp()) if when else 0


def acled_columns(event: StoredEvent) -> dict[str, Any]:
    """The event's ACLED row (31 columns) through :func:`marsad.export.acled.acled_row`."""
    row = acled_row(event.record, event_id_cnty=event.event_id_cnty, timestamp=_timestamp(event))
    return {c: row[c] for c in ACLED_COLUMNS}


def evidence_of(event: StoredEvent) -> dict[str, list[dict[str, Any]]]:
    """Every source's evidence, per field, each span tagged with the article its offsets point into."""
    out: dict[str, list[dict[str, Any]]] = {}
    for src in event.record.sources:
        if src.record is None:
            continue
        for name, spans in evidence_to_json(src.record.evidence, article=src.article_id).items():
            out.setdefault(name, []).extend(spans)
    return out


def claim_dict(claim: Any) -> dict[str, Any]:
    """A claim of a stored event as JSON: the claim, the articles that carry it, whether superseded."""
    d = claim.to_dict()
    d["articles"] = list(getattr(claim, "articles", []) or [])
    d["superseded_by"] = getattr(claim, "superseded_by", None)
    return d


def source_dict(event: StoredEvent, index: int) -> dict[str, Any]:
    """The ``index``-th source of an event as JSON: the article, and the record it alone yielded."""
    src = event.record.sources[index]
    d = event.articles[index].to_dict() if index < len(event.articles) else {}
    d.update(article_id=src.article_id, outlet=src.outlet, url=src.url, language=src.language,
             publication_date=src.publication_date.isoformat() if src.publication_date else None,
             event_index=src.event_index)
    d["record"] = src.record.to_dict() if src.record is not None else None
    return d


def event_dict(event: StoredEvent, *, history: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The event as JSON: the output contract's record plus the store's ids, ACLED's region and
    timestamp, claims with their articles, sources with their own records, evidence tagged with
    articles, and (when given) the history."""
    record = event.record
    d: dict[str, Any] = {"event_id": event.id, "event_id_cnty": event.event_id_cnty}
    d.update(EventRecord.to_dict(record))
    acled = acled_columns(event)
    d["iso"], d["region"] = acled["iso"], acled["region"]
    d["claims"] = [claim_dict(c) for c in record.claims]
    d["evidence"] = evidence_of(event)
    d["sources"] = [source_dict(event, i) for i in range(len(record.sources))]
    d["timestamp"] = _timestamp(event)
    d["created_at"] = event.created_at.isoformat() if event.created_at else None
    d["updated_at"] = event.updated_at.isoformat() if event.updated_at else None
    if history is not None:
        d["history"] = history
    return d


def claim_record(claim: Any) -> dict[str, Any]:
    """A claim as a flat record (the ``claims`` items of :func:`query` and Parquet)."""
    ev = claim.evidence
    articles = list(getattr(claim, "articles", []) or [])
    return {"claimant": claim.claimant, "type": claim.type, "killed": claim.killed, "wounded": claim.wounded,
            "victim": claim.victim, "via": claim.via, "approximate": bool(claim.approximate),
            "evidence_start": ev.start if ev else None, "evidence_end": ev.end if ev else None,
            "evidence_text": ev.text if ev else None, "articles": articles,
            "superseded_by": getattr(claim, "superseded_by", None)}


def source_record(event: StoredEvent, index: int) -> dict[str, Any]:
    """A source as a flat record (the ``sources`` items of :func:`query` and Parquet)."""
    d = source_dict(event, index)
    return {k: d.get(k) for k in ("article_id", "outlet", "url", "title", "publication_date", "language")}


def table_row(event: StoredEvent) -> dict[str, Any]:
    """One row of :func:`query`: ACLED's 31 columns, then :data:`EXTRA_COLUMNS`."""
    row = acled_columns(event)
    r = event.record
    row.update(fatalities_low=r.fatalities_low, fatalities_high=r.fatalities_high, certainty=r.certainty,
               claims=[claim_record(c) for c in r.claims],
               sources=[source_record(event, i) for i in range(len(r.sources))],
               n_sources=len(r.sources), evidence=json.dumps(evidence_of(event), ensure_ascii=False),
               event_id=event.id, created_at=event.created_at, updated_at=event.updated_at)
    return row


# ---------------------------------------------------------------- query


def query(db: Any = None, **filters: Any) -> pd.DataFrame:
    """The stored events matching ``filters`` as a pandas DataFrame, one row per fused event.

    ``db`` is a path, a URL, an open :class:`~marsad.store.Store`, or ``None`` for the default
    store. Columns: ACLED's 31 (``event_date`` as a datetime), then ``fatalities_low``,
    ``fatalities_high``, ``certainty``, ``claims`` and ``sources`` (lists of dicts), ``n_sources``,
    ``evidence`` (JSON text), ``event_id`` (the store's id), ``created_at``, ``updated_at``.
    """
    from marsad.store.store import Store

    f = Filters.from_kwargs(**filters)
    if isinstance(db, Store):
        return frame(db.events(f))
    with Store.open(db, fuse=False) as store:
        return frame(store.events(f))


def frame(events: Iterable[StoredEvent]) -> pd.DataFrame:
    """Events as :func:`query`'s DataFrame."""
    import pandas as pd

    columns = list(ACLED_COLUMNS) + list(EXTRA_COLUMNS)
    df = pd.DataFrame([table_row(e) for e in events], columns=columns)
    df["event_date"] = pd.to_datetime(df["event_date"])
    for name in ("iso", "time_precision", "geo_precision", "year", "fatalities", "fatalities_low",
                 "fatalities_high", "n_sources", "event_id", "timestamp"):
        df[name] = df[name].astype("Int64")
    for name in ("latitude", "longitude"):
        df[name] = df[name].astype("float64")
    for name in ("created_at", "updated_at"):
        df[name] = pd.to_datetime(df[name], utc=True)
    return df


# ---------------------------------------------------------------- export


def export(store: Store, fmt: str, out: IO[Any], filters: Filters | None = None) -> int:
    """Write the events matching ``filters`` to ``out`` in ``fmt``; return how many were written.

    ``out`` is a text stream for ``acled-csv``, ``jsonl`` and ``geojson``, a binary stream or a
    path for ``parquet``.
    """
    events = store.events(filters or Filters())
    if fmt == "acled-csv":
        return write_acled_csv(events, out)
    if fmt == "jsonl":
        return write_jsonl(events, out, history=store.history)
    if fmt == "geojson":
        return write_geojson(events, out)
    if fmt == "parquet":
        return write_parquet(events, out)
    raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")


def write_acled_csv(events: Iterable[StoredEvent], out: IO[str]) -> int:
    """ACLED's 31 columns, in ACLED's order, one row per event; empty cells for ``None``."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(ACLED_COLUMNS)
    n = 0
    for e in events:
        row = acled_columns(e)
        w.writerow("" if row[c] is None else row[c] for c in ACLED_COLUMNS)
        n += 1
    return n


def write_jsonl(events: Iterable[StoredEvent], out: IO[str], *, history: Any = None) -> int:
    n = 0
    for e in events:
        d = event_dict(e, history=history(e.id) if history else None)
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_geojson(events: Iterable[StoredEvent], out: IO[str]) -> int:
    """An RFC 7946 FeatureCollection, streamed; events without coordinates have a null geometry."""
    out.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for e in events:
        r = e.record
        geometry = None
        if r.latitude is not None and r.longitude is not None:
            geometry = {"type": "Point", "coordinates": [r.longitude, r.latitude]}
        feature = {"type": "Feature", "id": e.event_id_cnty, "geometry": geometry, "properties": event_dict(e)}
        out.write(("\n" if n == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def parquet_schema() -> Any:
    """The Parquet schema: every column typed, so that an empty export or an all-empty column still reads."""
    import pyarrow as pa

    claim = pa.struct([("claimant", pa.string()), ("type", pa.string()), ("killed", pa.int64()),
                       ("wounded", pa.int64()), ("victim", pa.string()), ("via", pa.string()),
                       ("approximate", pa.bool_()), ("evidence_start", pa.int64()), ("evidence_end", pa.int64()),
                       ("evidence_text", pa.string()), ("articles", pa.list_(pa.string())),
                       ("superseded_by", pa.string())])
    source = pa.struct([("article_id", pa.string()), ("outlet", pa.string()), ("url", pa.string()),
                        ("title", pa.string()), ("publication_date", pa.string()), ("language", pa.string())])
    ints = {"year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp", "fatalities_low",
            "fatalities_high", "n_sources", "event_id"}
    floats = {"latitude", "longitude"}
    fields = []
    for name in (*ACLED_COLUMNS, *EXTRA_COLUMNS):
        if name == "event_date":
            typ = pa.date32()
        elif name in ints:
            typ = pa.int64()
        elif name in floats:
            typ = pa.float64()
        elif name == "claims":
            typ = pa.list_(claim)
        elif name == "sources":
            typ = pa.list_(source)
        elif name in ("created_at", "updated_at"):
            typ = pa.timestamp("us", tz="UTC")
        else:
            typ = pa.string()
        fields.append(pa.field(name, typ))
    return pa.schema(fields)


def write_parquet(events: Iterable[StoredEvent], out: IO[bytes] | str | os.PathLike[str]) -> int:
    """:func:`query`'s table as Parquet, written in row groups of 1,000 events."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from marsad.store.store import iter_chunks

    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        for chunk in iter_chunks(events, 1000):
            rows = [table_row(e) for e in chunk]
            for r in rows:
                r["event_date"] = dt.date.fromisoformat(r["event_date"])
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n
