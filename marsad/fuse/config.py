"""The thresholds of fusion, read from ``marsad/data/fusion.yaml``.

Every number that decides whether two reports are one event lives in that file, with the reason
for its value in the file's header; this module only types them. Tests and experiments build a
:class:`FusionConfig` by hand (``FusionConfig.default()`` then :func:`dataclasses.replace`) instead
of editing the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from marsad.lexicon.datafile import read_yaml

FUSION_FILE = "fusion.yaml"


@dataclass(frozen=True)
class FusionConfig:
    """Typed contents of ``fusion.yaml`` (see its header for what each value means and why)."""

    date_tolerance_days: dict[int, int]
    place_radius_km: dict[int, float]
    same_place_km: float
    name_similarity: float
    same_name_max_km: float
    unlocated_other_admin1: float
    weights: dict[str, float]
    threshold: float
    actor_scores: dict[str, float]
    wildcard_inters: frozenset[int]
    same_type_score: float
    compatible_types: dict[frozenset[str], float] = field(default_factory=dict)
    sub_event_priority: tuple[str, ...] = ()
    generic_claimants: frozenset[str] = frozenset()

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FusionConfig:
        """Build from the parsed YAML mapping (keys as in ``fusion.yaml``)."""
        types = d.get("type_scores") or {}
        compatible: dict[frozenset[str], float] = {}
        for a, b, score in types.get("compatible") or []:
            compatible[frozenset((str(a), str(b)))] = float(score)
        weights = {str(k): float(v) for k, v in (d.get("weights") or {}).items()}
        if abs(sum(weights.values()) - 1.0) > 1e-6:
            raise ValueError(f"{FUSION_FILE}: weights must sum to 1 (got {sum(weights.values())})")
        return cls(
            date_tolerance_days={int(k): int(v) for k, v in d["date_tolerance_days"].items()},
            place_radius_km={int(k): float(v) for k, v in d["place_radius_km"].items()},
            same_place_km=float(d["same_place_km"]),
            name_similarity=float(d["name_similarity"]),
            same_name_max_km=float(d["same_name_max_km"]),
            unlocated_other_admin1=float(d["unlocated_other_admin1"]),
            weights=weights,
            threshold=float(d["threshold"]),
            actor_scores={str(k): float(v) for k, v in d["actor_scores"].items()},
            wildcard_inters=frozenset(int(i) for i in d.get("wildcard_inters") or ()),
            same_type_score=float(types.get("same_type", 0.9)),
            compatible_types=compatible,
            sub_event_priority=tuple(str(s) for s in d.get("sub_event_priority") or ()),
            generic_claimants=frozenset(str(s) for s in d.get("generic_claimants") or ()),
        )

    @classmethod
    def default(cls) -> FusionConfig:
        """The configuration shipped in ``marsad/data/fusion.yaml`` (read once per process)."""
        return _default()

    def tolerance(self, time_precision: int) -> int:
        """Days either side allowed for an event of this ``time_precision`` (unknown codes: a month)."""
        return self.date_tolerance_days.get(time_precision, max(self.date_tolerance_days.values()))


@cache
def _default() -> FusionConfig:
    return FusionConfig.from_dict(read_yaml(FUSION_FILE))
