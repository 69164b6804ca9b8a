"""The store's side of fusion: which stored events to show :mod:`marsad.fuse`, and what to log.

The store does not decide which reports describe one real event, nor how they merge: the fusion
stage does, in one call per record, :func:`marsad.fuse.place` (join the best matching event, or
start a new one — which may take a report over from another event). For each record of a newly
coded article the store (:meth:`marsad.store.Store.save_coded`)

1. selects *candidates* in SQL — events of the same country (a gate of
   :func:`marsad.fuse.match.explain`) within :func:`candidate_days` of the record's date — and keeps
   those :func:`marsad.fuse.is_same_event` accepts, reading only their ``events`` rows (the
   comparison needs no claims or sources); only when none matches, the events that already hold a
   report of the same article join them (a new event may take a report over from those);
2. loads the candidates as :class:`~marsad.fuse.FusedEvent` s (claims, sources and the record each
   source alone gave) and calls :func:`~marsad.fuse.place`;
3. writes back every event the placement touched — columns, sources, claims — with the
   :class:`~marsad.fuse.Change` s fusion logged, plus a history row for each column fusion
   changed without logging it (notes, source, interaction, …): :func:`unlogged_changes`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from marsad.store.records import TRACKED_FIELDS, to_json_value

#: A logged change of one of these fields (``marsad.fuse.Change.field``) covers these columns.
COVERS: dict[str, tuple[str, ...]] = {
    "actor1": ("actor1", "actor1_id", "actor1_country", "inter1"),
    "actor2": ("actor2", "actor2_id", "actor2_country", "inter2"),
    "event_date": ("event_date", "year"),
    "source": (),  # fusion's "source" change is a report joining; the outlets column is logged apart
}

#: The reason recorded for a column that fusion recomputes from the others without logging it.
DERIVED_REASON = "follows from the merged fields"


def fusion_config() -> Any:
    """The fusion thresholds (``marsad/data/fusion.yaml``)."""
    from marsad.fuse import FusionConfig

    return FusionConfig.default()


def candidate_days(config: Any) -> int:
    """No stored event further than this from a record's date can match it: the loosest tolerance."""
    return max(config.date_tolerance_days.values())


def unlogged_changes(before: dict[str, Any], after: dict[str, Any],
                     logged: Iterable[str]) -> list[tuple[str, Any, Any]]:
    """``(column, old, new)`` for each column that changed although no logged change covers it."""
    covered: set[str] = set()
    for name in logged:
        covered.update(COVERS.get(name, (name,)))
    out = []
    for name in TRACKED_FIELDS:
        old, new = to_json_value(before[name]), to_json_value(after[name])
        if old != new and name not in covered:
            out.append((name, old, new))
    return out
