"""Fusion: many reports of one real event become one event record, with all sources and claims.

* :mod:`marsad.fuse.match` — :func:`same_event_score` / :func:`is_same_event` / :func:`explain`: are
  two coded events one real event (date within precision, place within reach, compatible actors
  and types)?
* :mod:`marsad.fuse.fuse` — :func:`fuse` (a batch of ``(record, SourceRef)`` pairs → ``FusedEvent`` s)
  and, for a store that receives reports one by one, :func:`place` (one report → the event it joins
  or starts), built on :func:`best_match`, :func:`merge_into` (one more report into an event,
  returning the :class:`Change` s it made), :func:`new_event` and :func:`detach`.
* :mod:`marsad.fuse.figures` — fatalities, span and certainty over all sources' claims (ACLED).
* :mod:`marsad.fuse.evaluate` — pairwise precision/recall of merging and the scorer's figures on
  the fusion gold set (``tests/gold/fusion/``).

Thresholds are data: ``marsad/data/fusion.yaml``. Nothing here touches a database: the store calls
these functions on records and saves what they return.

Typical use (the store's path: one call per coded event)::

    from marsad.fuse import SourceRef, place

    for i, record in enumerate(coded.events):
        placed = place(events, record, SourceRef.of(coded.article, record, i))   # events: candidates
        save(placed.event, *placed.also_changed)     # placed.created: a new event; placed.changes: its log

``events`` need only hold the candidates: events of the record's country within a month of its date
(the widest tolerance of ``fusion.yaml``); a new event is appended to that list.
"""

from marsad.fuse.config import FusionConfig
from marsad.fuse.figures import FusedClaim, fused_certainty, fused_fatalities
from marsad.fuse.fuse import (
    Change,
    FusedEvent,
    Placement,
    SourceRef,
    best_match,
    detach,
    fuse,
    merge_into,
    new_event,
    place,
)
from marsad.fuse.match import Explanation, explain, is_same_event, same_event_score

__all__ = [
    "Change",
    "Explanation",
    "FusedClaim",
    "FusedEvent",
    "FusionConfig",
    "Placement",
    "SourceRef",
    "best_match",
    "detach",
    "explain",
    "fuse",
    "fused_certainty",
    "fused_fatalities",
    "is_same_event",
    "merge_into",
    "new_event",
    "place",
    "same_event_score",
]
