"""Between :class:`~marsad.models.EventRecord` and the store's rows and JSON.

An event is stored three ways, each for a reason:

* the ``events`` row holds the *fused* record's fields (:func:`event_columns`), so that filters
  and indexes work on real columns;
* ``claims`` rows hold every claim (:class:`marsad.fuse.FusedClaim`), each with the articles that
  carry it, the first being the one its evidence offsets point into;
* each ``event_sources`` row holds one article's own record as JSON (:func:`record_to_json`):
  what that report alone said, before fusion, in the output contract's shape plus the actor ids
  and countries that make it loadable again (:func:`record_from_json`).

:func:`record_from_row` rebuilds the fused :class:`EventRecord` from a row and its claims, which is
what fusion compares new records with and what the exports hand to
:func:`marsad.export.acled.acled_row`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from marsad.models import INTER_LABELS, ActorRef, Claim, EventRecord, Span

_INTER_CODES = {label: code for code, label in INTER_LABELS.items()}

#: The ``events`` columns that describe the event itself (not ids or timestamps): the fields whose
#: every change is written to ``event_history``.
TRACKED_FIELDS: tuple[str, ...] = (
    "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "actor1_id", "actor1_country", "inter1", "assoc_actor_1",
    "actor2", "actor2_id", "actor2_country", "inter2", "assoc_actor_2", "interaction",
    "civilian_targeting", "iso", "country", "admin1", "admin2", "location", "location_names", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities", "fatalities_low", "fatalities_high", "certainty",
)  # fmt: skip


def event_columns(record: EventRecord) -> dict[str, Any]:
    """The ``events`` column values of ``record``: all of :data:`TRACKED_FIELDS`."""
    a1, a2 = record.actor1, record.actor2
    return {
        "event_date": record.event_date,
        "year": record.event_date.year,
        "time_precision": record.time_precision,
        "disorder_type": record.disorder_type,
        "event_type": record.event_type,
        "sub_event_type": record.sub_event_type,
        "actor1": a1.name,
        "actor1_id": a1.actor_id,
        "actor1_country": a1.country,
        "inter1": a1.inter,
        "assoc_actor_1": list(record.assoc_actor_1),
        "actor2": a2.name if a2 else None,
        "actor2_id": a2.actor_id if a2 else None,
        "actor2_country": a2.country if a2 else None,
        "inter2": a2.inter if a2 else None,
        "assoc_actor_2": list(record.assoc_actor_2),
        "interaction": record.interaction,
        "civilian_targeting": record.civilian_targeting or "",
        "iso": record.iso,
        "country": record.country,
        "admin1": record.admin1,
        "admin2": record.admin2,
        "location": record.location,
        "location_names": list(getattr(record, "location_names", None) or []),
        "latitude": record.latitude,
        "longitude": record.longitude,
        "geo_precision": record.geo_precision,
        "source": record.source or "",
        "notes": record.notes or "",
        "fatalities": record.fatalities,
        "fatalities_low": record.fatalities_low,
        "fatalities_high": record.fatalities_high,
        "certainty": record.certainty,
    }


def evidence_to_json(evidence: dict[str, list[Span]], article: str | None = None) -> dict[str, list[dict]]:
    """``{field: [{"start", "end", "text"}]}``, each span tagged with ``"article_id"`` when given."""
    out: dict[str, list[dict]] = {}
    for name, spans in evidence.items():
        items = []
        for s in spans:
            d = s.to_dict() if isinstance(s, Span) else dict(s)
            if article is not None:
                d.setdefault("article_id", article)
            items.append(d)
        out[name] = items
    return out


def evidence_from_json(evidence: dict[str, list[dict]] | None) -> dict[str, list[Span]]:
    return {k: [Span(int(s["start"]), int(s["end"]), str(s["text"])) for s in v] for k, v in (evidence or {}).items()}


def claim_from_values(
    claimant: str, type: str, killed: int | None, wounded: int | None, victim: str | None, via: str | None,
    approximate: bool, start: int | None, end: int | None, text: str | None,
) -> Claim:
    span = Span(start, end, text or "") if start is not None and end is not None else None
    return Claim(claimant, type, killed, wounded, victim, via, bool(approximate), span)


def record_from_row(row: Any, claims: Iterable[Claim] = ()) -> EventRecord:
    """The :class:`EventRecord` of an ``events`` row (any object with its column attributes).

    Its ``evidence`` is empty: evidence points into one article's text, so it stays with each
    source's own record (``event_sources.record``).
    """
    actor2 = None
    if row.actor2:
        actor2 = ActorRef(row.actor2, int(row.inter2 or 0), row.actor2_country, row.actor2_id)
    return EventRecord(
        event_date=_date(row.event_date),
        time_precision=row.time_precision,
        disorder_type=row.disorder_type,
        event_type=row.event_type,
        sub_event_type=row.sub_event_type,
        actor1=ActorRef(row.actor1, int(row.inter1), row.actor1_country, row.actor1_id),
        actor2=actor2,
        country=row.country,
        admin1=row.admin1,
        location=row.location,
        latitude=row.latitude,
        longitude=row.longitude,
        geo_precision=row.geo_precision,
        fatalities=row.fatalities,
        fatalities_low=row.fatalities_low,
        fatalities_high=row.fatalities_high,
        claims=list(claims),
        certainty=row.certainty,
        assoc_actor_1=list(row.assoc_actor_1 or []),
        assoc_actor_2=list(row.assoc_actor_2 or []),
        admin2=row.admin2,
        iso=row.iso,
        civilian_targeting=row.civilian_targeting or "",
        source=row.source or "",
        notes=row.notes or "",
    )


def record_to_json(record: EventRecord) -> dict[str, Any]:
    """``record.to_dict()`` (the output contract) plus what :func:`record_from_json` needs back."""
    d = record.to_dict()
    d["actor1_id"], d["actor1_country"] = record.actor1.actor_id, record.actor1.country
    d["actor2_id"] = record.actor2.actor_id if record.actor2 else None
    d["actor2_country"] = record.actor2.country if record.actor2 else None
    return d


def record_from_json(d: dict[str, Any]) -> EventRecord:
    """The inverse of :func:`record_to_json` (also reads a plain output-contract record)."""
    actor2 = None
    if d.get("actor2"):
        actor2 = ActorRef(d["actor2"], _INTER_CODES.get(d.get("inter2") or "", 0), d.get("actor2_country"),
                          d.get("actor2_id"))
    claims = []
    for c in d.get("claims") or []:
        ev = c.get("evidence") or {}
        claims.append(claim_from_values(c["claimant"], c["type"], c.get("killed"), c.get("wounded"), c.get("victim"),
                                        c.get("via"), c.get("approximate", False), ev.get("start"), ev.get("end"),
                                        ev.get("text")))
    return EventRecord(
        event_date=_date(d["event_date"]),
        time_precision=int(d["time_precision"]),
        disorder_type=d["disorder_type"],
        event_type=d["event_type"],
        sub_event_type=d["sub_event_type"],
        actor1=ActorRef(d["actor1"], _INTER_CODES.get(d.get("inter1") or "", 0), d.get("actor1_country"),
                        d.get("actor1_id")),
        actor2=actor2,
        country=d["country"],
        admin1=d.get("admin1"),
        location=d["location"],
        latitude=d.get("latitude"),
        longitude=d.get("longitude"),
        geo_precision=int(d["geo_precision"]),
        fatalities=int(d["fatalities"]),
        fatalities_low=int(d.get("fatalities_low", d["fatalities"])),
        fatalities_high=int(d.get("fatalities_high", d["fatalities"])),
        claims=claims,
        certainty=d.get("certainty", "confirmed"),
        assoc_actor_1=list(d.get("assoc_actor_1") or []),
        assoc_actor_2=list(d.get("assoc_actor_2") or []),
        admin2=d.get("admin2"),
        iso=d.get("iso"),
        civilian_targeting=d.get("civilian_targeting") or "",
        source=d.get("source") or "",
        notes=d.get("notes") or "",
        evidence=evidence_from_json(d.get("evidence")),
    )


def to_json_value(value: Any) -> Any:
    """A column value as JSON (dates as ISO text), for ``event_history``."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
