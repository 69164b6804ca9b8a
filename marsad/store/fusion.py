"""How the store asks the fusion stage (:mod:`marsad.fuse`) whether a new record is a known event.

The store does not decide which reports describe the same real event: :func:`marsad.fuse.fuse_event`
does. For each record of a newly coded article the store picks *candidates* — stored events of the
same country or nearby, within :data:`CANDIDATE_DAYS` days, not already fed by this article — and
passes them as :class:`~marsad.store.store.StoredEvent` objects (``id``, ``record``, ``sources``).
``fuse_event`` answers ``None`` (a new event) or a match, which :func:`resolve` reads as

* a candidate itself, or a ``(candidate, merged_record)`` pair, or
* an object with the candidate as ``.event``/``.candidate``/``.target``/``.stored`` and the merged
  record as ``.merged``/``.record``/``.fused`` (or an event id as ``.event_id``/``.id``).

When no merged record comes back, :func:`merge_records` merges the two conservatively. When
:mod:`marsad.fuse` does not exist, every record is stored as its own event.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from marsad.models import Claim, EventRecord

if TYPE_CHECKING:
    from marsad.store.store import StoredEvent

#: Stored events more than this many days from a new record's date are never candidates: a
#: month-precision event (``time_precision`` 3) is the widest a record can be.
CANDIDATE_DAYS = 31

#: Stored events within this many degrees of latitude/longitude are candidates even when they were
#: coded in another country (a clash on a border reported from both sides).
CANDIDATE_DEGREES = 1.5

Fuser = Callable[[EventRecord, list["StoredEvent"]], Any]


class FusionUnavailable(RuntimeError):
    """:mod:`marsad.fuse` exists but cannot be imported."""


def load_fuser() -> Fuser | None:
    """:func:`marsad.fuse.fuse_event`, or ``None`` while the fusion stage does not exist.

    A fusion module that exists but fails to import raises :class:`FusionUnavailable`: storing
    every event as its own when fusion was meant to run would quietly fill the store with duplicates.
    """
    try:
        module = importlib.import_module("marsad.fuse")
    except ModuleNotFoundError as exc:
        if exc.name in ("marsad.fuse",):
            return None
        raise FusionUnavailable(f"cannot load the fusion stage (marsad.fuse): {exc}") from exc
    except Exception as exc:
        raise FusionUnavailable(f"cannot load the fusion stage (marsad.fuse): {type(exc).__name__}: {exc}") from exc
    return getattr(module, "fuse_event", None)


def resolve(fuser: Fuser | None, new: EventRecord, candidates: Sequence[StoredEvent]
            ) -> tuple[StoredEvent, EventRecord] | None:
    """The stored event ``new`` belongs to and their merged record, or ``None`` for a new event."""
    if fuser is None or not candidates:
        return None
    match = fuser(new, list(candidates))
    if match is None or match is False:
        return None
    target, merged = _read_match(match, candidates)
    if target is None:
        raise ValueError(f"fuse_event returned {type(match).__name__} that names no candidate event")
    if not isinstance(merged, EventRecord):
        merged = merge_records(target.record, new)
    return target, merged


_TARGET_ATTRS = ("event", "candidate", "target", "stored", "existing", "match")
_MERGED_ATTRS = ("merged", "fused", "record", "result")
_ID_ATTRS = ("event_id", "candidate_id", "target_id", "id")


def _read_match(match: Any, candidates: Sequence[StoredEvent]) -> tuple[StoredEvent | None, Any]:
    by_id = {c.id: c for c in candidates}
    if any(match is c for c in candidates):
        return match, None
    if isinstance(match, tuple) and match:
        target = match[0] if any(match[0] is c for c in candidates) else by_id.get(match[0])
        return target, match[1] if len(match) > 1 else None
    if isinstance(match, int) and not isinstance(match, bool):
        return by_id.get(match), None
    target = None
    for name in _TARGET_ATTRS:
        value = getattr(match, name, None)
        if value is not None and any(value is c for c in candidates):
            target = value
            break
        if isinstance(value, int) and value in by_id:
            target = by_id[value]
            break
        if value is not None and getattr(value, "id", None) in by_id:
            target = by_id[value.id]
            break
    if target is None:
        for name in _ID_ATTRS:
            value = getattr(match, name, None)
            if isinstance(value, int) and value in by_id:
                target = by_id[value]
                break
    merged = next((getattr(match, n) for n in _MERGED_ATTRS if isinstance(getattr(match, n, None), EventRecord)),
                  None)
    return target, merged


def merge_records(old: EventRecord, new: EventRecord) -> EventRecord:
    """A conservative merge, used only when fusion names a match but returns no merged record.

    The stored event keeps its fields; the new record's claims are added; the low/high span
    covers both; the best figure is the lower of the two conservative figures (ACLED's lowest
    credible count); figures that differ make the event ``disputed``.
    """
    claims: list[Claim] = list(old.claims) + [c for c in new.claims if c not in old.claims]
    low = min(old.fatalities_low, new.fatalities_low)
    high = max(old.fatalities_high, new.fatalities_high)
    best = min(old.fatalities, new.fatalities)
    certainty = old.certainty
    if old.fatalities != new.fatalities:
        certainty = "disputed"
    return dataclasses.replace(old, claims=claims, fatalities=best, fatalities_low=low, fatalities_high=high,
                               certainty=certainty)
