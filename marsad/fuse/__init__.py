"""Fusion: many reports of one real event become one event record, with all sources and claims.

* :mod:`marsad.fuse.match` — :func:`same_event_score` / :func:`is_same_event` / :func:`explain`: are
  two coded events one real event (date within precision, place within reach, compatible actors
  and types)?
* :mod:`marsad.fuse.fuse` — :func:`fuse` (a batch of ``(record, SourceRef)`` pairs → ``FusedEvent`` s)
  and :func:`merge_into` (one more report into an event, returning the :class:`Change` s it made),
  with :func:`best_match` and :func:`new_event` for a store that receives reports one by one.
* :mod:`marsad.fuse.figures` — fatalities, span and certainty over all sources' claims (ACLED).
* :mod:`marsad.fuse.evaluate` — pairwise precision/recall of merging and the scorer's figures on
  the fusion gold set (``tests/gold/fusion/``).

Thresholds are data: ``marsad/data/fusion.yaml``. Nothing here touches a database: the store calls
these functions on records and saves what they return.

Typical use (the store's path)::

    from marsad.fuse import SourceRef, best_match, merge_into, new_event

    for i, record in enumerate(coded.events):
        source = SourceRef.of(coded.article, record, i)
        event = best_match(events, record, source)
        if event is None:
            events.append(new_event(record, source))
        else:
            changes = merge_into(event, record, source)   # also appended to event.history
"""

from marsad.fuse.config import FusionConfig
from marsad.fuse.figures import FusedClaim, fused_certainty, fused_fatalities
from marsad.fuse.fuse import Change, FusedEvent, SourceRef, best_match, fuse, merge_into, new_event
from marsad.fuse.match import Explanation, explain, is_same_event, same_event_score

__all__ = [
    "Change",
    "Explanation",
    "FusedClaim",
    "FusedEvent",
    "FusionConfig",
    "SourceRef",
    "best_match",
    "explain",
    "fuse",
    "fused_certainty",
    "fused_fatalities",
    "is_same_event",
    "merge_into",
    "new_event",
    "same_event_score",
]
