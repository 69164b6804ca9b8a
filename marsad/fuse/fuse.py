"""Many reports of one real event become one event record, with every source, claim and change.

Each article is coded on its own (:func:`marsad.pipeline.code`); the same ambush then exists as
five :class:`~marsad.models.EventRecord` s from five outlets. :func:`fuse` (a batch) and
:func:`merge_into` (one report at a time, as the store receives them) turn them into
:class:`FusedEvent` s:

* a :class:`FusedEvent` *is* an ``EventRecord`` (so every exporter and the scorer read it as they
  are) with three more fields: ``sources`` (a :class:`SourceRef` per report: article id, outlet,
  url, publication date and that article's own record), ``claims`` holding :class:`FusedClaim` s
  (every claim of every report, one per claimant and figure, each with its articles), and
  ``history`` (a :class:`Change` per field any report changed: old value, new value, article,
  reason). Nothing is overwritten without a ``Change``.

How a new report updates an event (:func:`merge_into`):

* **date** — the earliest plausible date wins (an event cannot happen after the first report of
  it was published), unless a more precise one comes: a day beats a week beats a month.
* **place** — the most precise place wins: an exact village beats "near the town" beats "in the
  region"; at equal precision, a place with coordinates beats one without.
* **actors** — a named group replaces an Unidentified Armed Group on its side (the side is
  found by :func:`marsad.fuse.match.explain`, which may align one report's actor1 with another's
  actor2); a missing actor2 is filled; associated actors are gathered.
* **type** — higher types absorb lower ones (``sub_event_priority`` in ``fusion.yaml``): a report
  of a ground clash turns an "artillery shelling" event into the battle it was part of.
* **claims and figures** — claims are gathered and deduplicated, then fatalities, their span and
  certainty are recomputed by :mod:`marsad.fuse.figures` (ACLED: lowest credible figure; an
  admission or an independent report beats a combatant's claim; a claimant's later figure
  revises its earlier one).
* **notes** are rewritten to say who claims what and which sources report the event; ``source``
  lists the outlets. These two, ``disorder_type``, ``civilian_targeting`` and ``iso`` follow from the
  fields above and are not logged separately. ``evidence`` stays with each source's own record:
  its offsets point into that article's text.

:func:`fuse` groups a batch of reports (best pairs first, complete linkage, never two records of
one article in one event: an article's coder already split its own events) and builds each event
with :func:`merge_into` in publication order. The store, which receives reports one at a time,
calls :func:`place` for each (``fuse(method="incremental")`` does exactly that, and
:mod:`marsad.fuse.evaluate` measures both ways).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from marsad.fuse.config import FusionConfig
from marsad.fuse.figures import (
    FusedClaim,
    as_victim,
    config_generic,
    disputes,
    fused_certainty,
    fused_fatalities,
    record_share,
    victim_aliases,
)
from marsad.fuse.match import explain, is_unidentified, place_names, place_rank, same_place_name
from marsad.models import ActorRef, Article, EventRecord
from marsad.records.notes import describe_claim, write_notes

PLACE_FIELDS = ("country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "iso")
LOGGED_PLACE_FIELDS = ("country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision")
TYPE_FIELDS = ("event_type", "sub_event_type", "disorder_type")
LOGGED_FIELDS = ("event_date", "time_precision", *LOGGED_PLACE_FIELDS, "event_type", "sub_event_type", "actor1",
                 "actor2", "assoc_actor_1", "assoc_actor_2", "fatalities", "fatalities_low", "fatalities_high",
                 "certainty")


# ---------------------------------------------------------------- records


@dataclass
class SourceRef:
    """One report behind a merged event: where it came from and how that article alone coded it."""

    article_id: str
    outlet: str | None = None
    url: str | None = None
    publication_date: dt.date | None = None
    record: EventRecord | None = None
    event_index: int | None = None
    language: str | None = None

    @classmethod
    def of(cls, article: Article, record: EventRecord | None = None, event_index: int | None = None) -> SourceRef:
        """The source of ``record``, the ``event_index``-th event coded from ``article``."""
        return cls(article_id=article.id, outlet=article.outlet, url=article.url,
                   publication_date=article.publication_date, record=record, event_index=event_index,
                   language=article.language)

    def label(self) -> str:
        """«Outlet (2024-03-12)», for notes."""
        name = self.outlet or self.article_id
        return f"{name} ({self.publication_date.isoformat()})" if self.publication_date else name

    def to_dict(self, with_record: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "article_id": self.article_id,
            "outlet": self.outlet,
            "url": self.url,
            "publication_date": self.publication_date.isoformat() if self.publication_date else None,
            "event_index": self.event_index,
            "language": self.language,
        }
        if with_record and self.record is not None:
            d["record"] = self.record.to_dict()
        return d


@dataclass
class Change:
    """One field of a merged event changed by one report: what it was, what it became, and why.

    ``field`` ``"event"`` with ``new`` ``"created"`` opens every history; ``"sources"`` records each
    report joining; ``"claims"`` a claim added, revised or upgraded (``old``/``new`` are the claims as
    :func:`marsad.records.notes.describe_claim` words them).
    """

    field: str
    old: Any
    new: Any
    article_id: str
    reason: str
    date: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "old": _plain(self.old), "new": _plain(self.new),
                "article_id": self.article_id, "reason": self.reason,
                "date": self.date.isoformat() if self.date else None}


def _plain(v: Any) -> Any:
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, ActorRef):
        return v.name
    return v


@dataclass
class FusedEvent(EventRecord):
    """An event record merged from several reports (an ``EventRecord`` plus sources and history)."""

    event_id: str = ""
    sources: list[SourceRef] = field(default_factory=list)
    history: list[Change] = field(default_factory=list)
    location_names: list[str] = field(default_factory=list)

    @property
    def article_ids(self) -> list[str]:
        """The articles reporting this event, in the order they were merged."""
        return [s.article_id for s in self.sources]

    @property
    def fused_claims(self) -> list[FusedClaim]:
        return [c for c in self.claims if isinstance(c, FusedClaim)]

    def to_dict(self, with_records: bool = False) -> dict[str, Any]:
        """The output contract's record plus ``event_id``, ``location_names``, ``sources`` and ``history``."""
        d = super().to_dict()
        d["event_id"] = self.event_id
        d["location_names"] = list(self.location_names)
        d["sources"] = [s.to_dict(with_records) for s in self.sources]
        d["history"] = [c.to_dict() for c in self.history]
        return d


# ---------------------------------------------------------------- batch


METHODS = ("cluster", "incremental")


def fuse(records_with_sources: Iterable[tuple[EventRecord, SourceRef]],
         config: FusionConfig | None = None, method: str = "cluster") -> list[FusedEvent]:
    """Merge the records of many articles into one :class:`FusedEvent` per real event.

    ``method``:

    * ``"cluster"`` (default, for a batch) — every pair of records from different articles is
      scored (:func:`marsad.fuse.match.same_event_score`); pairs at or above the threshold are
      joined best first, and two groups join only if *every* record of one is the same event as
      every record of the other (complete linkage: no chaining of A~B~C when A≁C) and no article
      would then give two records to one event. This sees the whole batch: an article that reports
      Monday's and Tuesday's fighting separately keeps two other reports, one of each day, apart
      even though their dates are within a day of each other.
    * ``"incremental"`` — what the store does as reports arrive: reports in publication order,
      each placed by :func:`place` (join the best-scoring event, or start a new one and take over
      a report that the newcomer's own article shows to belong with it).

    With either method each event is then built by :func:`new_event` and :func:`merge_into` in
    publication order, so its ``history`` reads as the reports came in.
    """
    cfg = config or FusionConfig.default()
    items = sorted(records_with_sources, key=lambda rs: _order(rs[0], rs[1]))
    if method == "incremental":
        events: list[FusedEvent] = []
        for record, source in items:
            place(events, record, source, cfg)
        return events
    if method != "cluster":
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    out = []
    for members in cluster(items, cfg):
        ev = new_event(*items[members[0]], cfg)
        for i in members[1:]:
            merge_into(ev, *items[i], cfg)
        out.append(ev)
    return out


def cluster(items: list[tuple[EventRecord, SourceRef]], config: FusionConfig | None = None) -> list[list[int]]:
    """Groups of indices of ``items`` that are one event each (``fuse(method="cluster")``).

    Only records of one country whose dates are within the widest tolerance are compared, so a
    batch of thousands stays fast. Groups come out in the order of their first item, and each lists
    its items in the order given.
    """
    cfg = config or FusionConfig.default()
    widest = max(cfg.date_tolerance_days.values())
    keyed = sorted(range(len(items)), key=lambda i: (_country(items[i][0]), items[i][0].event_date))
    scores: dict[tuple[int, int], float] = {}
    for pos, i in enumerate(keyed):
        ri, si = items[i]
        for j in keyed[pos + 1:]:
            rj, sj = items[j]
            if _country(rj) != _country(ri) or (rj.event_date - ri.event_date).days > widest:
                break
            if si.article_id == sj.article_id:
                continue
            tolerance = max(cfg.tolerance(ri.time_precision), cfg.tolerance(rj.time_precision))
            if (rj.event_date - ri.event_date).days > tolerance:
                continue  # the cheap gate first: most pairs of a busy month fail on the date
            ex = explain(ri, rj, cfg)
            if ex.same:
                scores[(min(i, j), max(i, j))] = ex.score
    root = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
    articles: dict[int, set[str]] = {i: {items[i][1].article_id} for i in range(len(items))}

    def find(i: int) -> int:
        while root[i] != i:
            root[i] = root[root[i]]
            i = root[i]
        return i

    for (i, j), _ in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        a, b = find(i), find(j)
        if a == b or articles[a] & articles[b]:
            continue
        if not all((min(x, y), max(x, y)) in scores for x in members[a] for y in members[b]):
            continue
        a, b = min(a, b), max(a, b)
        root[b] = a
        members[a] = sorted(members[a] + members.pop(b))
        articles[a] |= articles.pop(b)
    return sorted(members.values(), key=lambda m: m[0])


def _country(r: EventRecord) -> str:
    return (r.country or "").strip().lower()


def _order(record: EventRecord, source: SourceRef) -> tuple[dt.date, str, int]:
    return (source.publication_date or record.event_date, source.article_id,
            source.event_index if source.event_index is not None else 0)


def best_match(events: Iterable[FusedEvent], record: EventRecord, source: SourceRef | None = None,
               config: FusionConfig | None = None) -> FusedEvent | None:
    """The event ``record`` belongs to, or None: the highest score at or above the threshold among
    events without a report from ``source``'s article (the first step of :func:`place`)."""
    cfg = config or FusionConfig.default()
    best: tuple[float, FusedEvent] | None = None
    for ev in events:
        if source is not None and source.article_id in ev.article_ids:
            continue
        ex = explain(ev, record, cfg)
        if ex.same and (best is None or ex.score > best[0]):
            best = (ex.score, ev)
    return best[1] if best else None


@dataclass
class Placement:
    """Where :func:`place` put a report: its event, whether that event is new, the changes made to it,
    and the other events a moved report changed (the store saves all of them)."""

    event: FusedEvent
    created: bool
    changes: list[Change]
    also_changed: list[FusedEvent] = field(default_factory=list)


def place(events: list[FusedEvent], record: EventRecord, source: SourceRef,
          config: FusionConfig | None = None) -> Placement:
    """Put one new report where it belongs — the store's single call per coded event.

    Joins the best matching event (:func:`best_match` then :func:`merge_into`), or starts a new one
    (:func:`new_event`, appended to ``events``). A new event may take over a report from another
    event: when the only event that would have taken the newcomer already holds a sibling from the
    newcomer's own article (Monday's fighting, where this article also reports Tuesday's), a report
    in that event that fits the newcomer better than the sibling (the Tuesday report merged there
    because its date was within a day) moves to the new event. The donor event is rebuilt from its
    remaining reports and every field that changes is logged (:func:`detach`).
    """
    cfg = config or FusionConfig.default()
    target = best_match(events, record, source, cfg)
    if target is not None:
        return Placement(target, False, merge_into(target, record, source, cfg))
    ev = new_event(record, source, cfg)
    events.append(ev)
    moved = _report_to_take(events, record, source, cfg)
    if moved is None:
        return Placement(ev, True, list(ev.history))
    donor, taken = moved
    detach(donor, taken, source, f"report moved to the event of {source.article_id}, whose article tells the "
                                 f"two events apart", cfg)
    merge_into(ev, taken.record, taken, cfg)  # type: ignore[arg-type]
    return Placement(ev, True, list(ev.history), [donor])


def _report_to_take(events: list[FusedEvent], record: EventRecord, source: SourceRef,
                    cfg: FusionConfig) -> tuple[FusedEvent, SourceRef] | None:
    best: tuple[float, FusedEvent, SourceRef] | None = None
    for ev in events:
        siblings = [s for s in ev.sources if s.article_id == source.article_id and s.record is not None]
        if not siblings or len(ev.sources) < 2:
            continue
        sibling = siblings[0].record
        for s in ev.sources:
            if s.article_id == source.article_id or s.record is None:
                continue
            with_new = explain(s.record, record, cfg)
            with_sibling = explain(s.record, sibling, cfg)  # type: ignore[arg-type]
            if with_new.same and with_new.score > with_sibling.score and (best is None or with_new.score > best[0]):
                best = (with_new.score, ev, s)
    return (best[1], best[2]) if best else None


def detach(ev: FusedEvent, gone: SourceRef, by: SourceRef, reason: str,
           config: FusionConfig | None = None) -> list[Change]:
    """Take report ``gone`` out of ``ev``: rebuild the event from the other reports, log what changes.

    The event keeps its ``event_id`` and its history; the history gains a ``"sources"`` change
    (``old`` the article that left) and one change per field that the remaining reports set
    differently, each attributed to ``by``, the report that caused the move.
    """
    cfg = config or FusionConfig.default()
    rest = [s for s in ev.sources if s is not gone]
    if not rest or any(s.record is None for s in rest):
        return []
    fresh = new_event(rest[0].record, rest[0], cfg)  # type: ignore[arg-type]
    for s in rest[1:]:
        merge_into(fresh, s.record, s, cfg)  # type: ignore[arg-type]
    changes = [Change("sources", gone.article_id, None, by.article_id, reason, by.publication_date)]
    kept = {c.key() for c in fresh.fused_claims}
    for c in ev.fused_claims:
        if c.key() not in kept:
            changes.append(Change("claims", describe_claim(c), None, by.article_id,
                                  f"claim left with {gone.article_id}", by.publication_date))
    for name in LOGGED_FIELDS:
        old, new = getattr(ev, name), getattr(fresh, name)
        if old != new:
            changes.append(Change(name, _plain(old), _plain(new), by.article_id,
                                  f"recomputed without {gone.article_id}", by.publication_date))
    for name in EventRecord.__dataclass_fields__:
        setattr(ev, name, getattr(fresh, name))
    ev.sources, ev.location_names = fresh.sources, fresh.location_names
    ev.history.extend(changes)
    return changes


# ---------------------------------------------------------------- one event


def new_event(record: EventRecord, source: SourceRef, config: FusionConfig | None = None) -> FusedEvent:
    """A merged event holding one report (its first ``Change`` says so)."""
    cfg = config or FusionConfig.default()
    src = _with_record(source, record)
    values = {k: copy.deepcopy(getattr(record, k)) for k in EventRecord.__dataclass_fields__}
    values["claims"] = []
    values["evidence"] = {}
    index = source.event_index if source.event_index is not None else 0
    ev = FusedEvent(**values, event_id=f"{source.article_id}#{index}", sources=[src], history=[],
                    location_names=place_names(record))
    ev.history.append(Change("event", None, "created", src.article_id, f"first report ({src.label()})",
                             src.publication_date))
    changes: list[Change] = []
    _merge_claims(ev, record, src, cfg, changes, log_new=False)
    _refresh(ev, src, cfg, changes)
    ev.history.extend(changes)
    return ev


def merge_into(fused: FusedEvent, record: EventRecord, source: SourceRef,
               config: FusionConfig | None = None) -> list[Change]:
    """Merge one more report of ``fused``'s event into it; return (and log) what changed.

    Merging the same article's same event twice changes nothing and returns ``[]``: the store
    may replay its input.
    """
    cfg = config or FusionConfig.default()
    src = _with_record(source, record)
    if any(s.article_id == src.article_id and s.event_index == src.event_index for s in fused.sources):
        return []
    changes: list[Change] = []
    crossed = explain(fused, record, cfg).crossed
    fused.sources.append(src)
    changes.append(Change("sources", None, src.article_id, src.article_id, f"report joined ({src.label()})",
                          src.publication_date))
    _merge_date(fused, record, src, changes)
    _merge_place(fused, record, src, cfg, changes)
    _merge_actors(fused, record, src, crossed, cfg, changes)
    _merge_type(fused, record, src, cfg, changes)
    _merge_claims(fused, record, src, cfg, changes)
    _refresh(fused, src, cfg, changes)
    fused.history.extend(changes)
    return changes


def _with_record(source: SourceRef, record: EventRecord) -> SourceRef:
    if source.record is record:
        return source
    return SourceRef(source.article_id, source.outlet, source.url, source.publication_date, record,
                     source.event_index, source.language)


def _set(ev: FusedEvent, name: str, value: Any, src: SourceRef, reason: str, changes: list[Change],
         log: bool = True) -> None:
    old = getattr(ev, name)
    if old == value:
        return
    setattr(ev, name, value)
    if log:
        changes.append(Change(name, _plain(old), _plain(value), src.article_id, reason, src.publication_date))


# ---------------------------------------------------------------- field rules


def _merge_date(ev: FusedEvent, rec: EventRecord, src: SourceRef, changes: list[Change]) -> None:
    published = [s.publication_date for s in ev.sources if s.publication_date is not None]
    if published and rec.event_date > min(published):
        return  # after the first report of the event: not plausible
    if rec.time_precision < ev.time_precision:
        reason = "more precise date"
    elif rec.time_precision == ev.time_precision and rec.event_date < ev.event_date:
        reason = "earlier date reported"
    else:
        return
    _set(ev, "event_date", rec.event_date, src, reason, changes)
    _set(ev, "time_precision", rec.time_precision, src, reason, changes)


def _merge_place(ev: FusedEvent, rec: EventRecord, src: SourceRef, cfg: FusionConfig,
                 changes: list[Change]) -> None:
    """The more precise place wins; ``location_names`` keeps every spelling of the current place."""
    if place_rank(rec) >= place_rank(ev):
        if same_place_name(ev, rec, cfg):
            ev.location_names = list(dict.fromkeys([*ev.location_names, *place_names(rec)]))
        return
    reason = f"more precise place ({rec.location}, precision {rec.geo_precision})"
    for name in PLACE_FIELDS:
        _set(ev, name, getattr(rec, name), src, reason, changes, log=name in LOGGED_PLACE_FIELDS)
    ev.location_names = place_names(rec)


def _merge_actors(ev: FusedEvent, rec: EventRecord, src: SourceRef, crossed: bool, cfg: FusionConfig,
                  changes: list[Change]) -> None:
    pairs = [("actor1", "assoc_actor_1", rec.actor2 if crossed else rec.actor1,
              rec.assoc_actor_2 if crossed else rec.assoc_actor_1),
             ("actor2", "assoc_actor_2", rec.actor1 if crossed else rec.actor2,
              rec.assoc_actor_1 if crossed else rec.assoc_actor_2)]
    for slot, assoc_slot, theirs, their_assoc in pairs:
        ours: ActorRef | None = getattr(ev, slot)
        if theirs is not None:
            if ours is None:
                _set(ev, slot, copy.deepcopy(theirs), src, f"{slot} named by a later report", changes)
            elif is_unidentified(ours) and not is_unidentified(theirs) and theirs.inter in cfg.wildcard_inters:
                _set(ev, slot, copy.deepcopy(theirs), src, "named perpetrator replaces an unidentified one",
                     changes)
        names = [a for a in their_assoc if a not in getattr(ev, assoc_slot)]
        current = getattr(ev, slot)
        names = [a for a in names if current is None or a != current.name]
        if names:
            _set(ev, assoc_slot, [*getattr(ev, assoc_slot), *names], src, "associated actor reported", changes)


def _merge_type(ev: FusedEvent, rec: EventRecord, src: SourceRef, cfg: FusionConfig,
                changes: list[Change]) -> None:
    order = {s: i for i, s in enumerate(cfg.sub_event_priority)}
    worst = len(order)
    if order.get(rec.sub_event_type, worst) >= order.get(ev.sub_event_type, worst):
        return
    reason = f"higher type absorbs lower ({rec.sub_event_type} over {ev.sub_event_type})"
    for name in TYPE_FIELDS:
        _set(ev, name, getattr(rec, name), src, reason, changes, log=name != "disorder_type")


def _merge_claims(ev: FusedEvent, rec: EventRecord, src: SourceRef, cfg: FusionConfig,
                  changes: list[Change], log_new: bool = True) -> None:
    share, parts = record_share(rec)
    for claim in rec.claims:
        new = FusedClaim.of(claim, src.article_id, share, parts)
        same = next((c for c in ev.fused_claims if c.key() == new.key()), None)
        if same is not None:
            if src.article_id not in same.articles:
                same.articles.append(src.article_id)
            if same.type == "unconfirmed" and new.type != "unconfirmed":
                old = describe_claim(same)
                same.type = new.type
                changes.append(Change("claims", old, describe_claim(same), src.article_id,
                                      "a report asserts what another called unconfirmed", src.publication_date))
            continue
        revised = False
        if new.killed is not None and not config_generic(cfg, new.claimant):
            for earlier in ev.fused_claims:
                if (earlier.current and earlier.claimant == new.claimant and earlier.victim == new.victim
                        and earlier.killed is not None and src.article_id not in earlier.articles
                        and _published(ev, earlier.articles[0]) <= _date_or_min(src.publication_date)):
                    earlier.superseded_by = src.article_id
                    revised = True
                    changes.append(Change("claims", describe_claim(earlier), describe_claim(new), src.article_id,
                                          f"{new.claimant} revised its figure", src.publication_date))
        ev.claims.append(new)
        if log_new and not revised:
            changes.append(Change("claims", None, describe_claim(new), src.article_id, "new claim",
                                  src.publication_date))


def _published(ev: FusedEvent, article_id: str) -> dt.date:
    for s in ev.sources:
        if s.article_id == article_id:
            return _date_or_min(s.publication_date)
    return dt.date.min


def _date_or_min(d: dt.date | None) -> dt.date:
    return d or dt.date.min


def _refresh(ev: FusedEvent, src: SourceRef, cfg: FusionConfig, changes: list[Change]) -> None:
    """Recompute the fields that follow from the others: figures, certainty, notes, source."""
    aliases = victim_aliases(ev.fused_claims, ev, cfg)
    fat = fused_fatalities(ev.fused_claims, aliases)
    reason = "figures recomputed over all sources (ACLED: lowest credible figure)"
    _set(ev, "fatalities", fat.best, src, reason, changes)
    _set(ev, "fatalities_low", fat.low, src, reason, changes)
    _set(ev, "fatalities_high", fat.high, src, reason, changes)
    certainties = [s.record.certainty for s in ev.sources if s.record is not None]
    _set(ev, "certainty", fused_certainty(ev.fused_claims, ev, certainties, aliases), src,
         "certainty recomputed over all sources", changes)
    ev.civilian_targeting = "Civilian targeting" if ev.actor2 is not None and ev.actor2.inter == 7 else ""
    outlets = list(dict.fromkeys(s.outlet or s.article_id for s in ev.sources))
    ev.source = "; ".join(outlets)
    ev.notes = fused_notes(ev, aliases)


# ---------------------------------------------------------------- notes


def fused_notes(ev: FusedEvent, aliases: dict[str, str] | None = None) -> str:
    """The ``notes`` cell: what happened, who claims what, what is disputed, who reported it."""
    view = copy.copy(ev)
    view.claims = [as_victim(c, aliases) for c in ev.fused_claims if c.current]
    text = write_notes(view)
    revised = [c for c in ev.fused_claims if not c.current]
    if revised:
        text += " Revised: " + "; ".join(f"{describe_claim(c)} (superseded by {c.superseded_by})"
                                         for c in revised) + "."
    pairs = disputes(ev.fused_claims, ev, aliases)
    if pairs:
        x, y = pairs[0]
        text += f" Disputed: {x.claimant} says {x.killed}, {y.claimant} says {y.killed}."
    denials = [c.claimant for c in ev.fused_claims if c.type == "denial"]
    if denials:
        text += f" Denied by {', '.join(dict.fromkeys(denials))}."
    text += f" Sources ({len(ev.sources)}): " + "; ".join(s.label() for s in ev.sources) + "."
    return text
