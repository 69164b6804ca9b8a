"""Are two coded events one real event? Dates, places, actors and types compared as ACLED would.

Five outlets report the same ambush five ways: the group's media on the day, the army the next
morning («أمس»), a wire service with a different spelling of the village, a French paper with
"près de Tessit". Each article is coded on its own into :class:`~marsad.models.EventRecord` s;
this module decides which of those records describe one event, so that :mod:`marsad.fuse.fuse`
can merge them.

Four parts are compared, each first as a *gate* (fail one and the records are different events,
score 0) and then as a *degree* in 0…1:

* **date** — within the looser of the two records' precisions (``time_precision`` 1: ±1 day,
  2: ±7, 3: ±31); the further apart, the lower.
* **place** — same country, then, in this order:

  - one name (exact, or the same under :func:`marsad.geocode.match_keys` / ``similarity``, so that
    «أغزراغن», Aghazraghen and Aghazraghan are one village): 1.0. Every known spelling counts
    (:func:`place_names`: the Latin location, the words the article wrote, a merged event's
    ``location_names``), so a village the gazetteer lacks, romanised Kazqil from «كازقيل» and Kazjil
    from «كازجيل», is still one name. Unless both places are located, one name in two admin1s is
    not one place; when *neither* is located the admin1 is the coder's guess from context and
    the name still counts, weakly (``unlocated_other_admin1``);
  - a *region-level* record (``geo_precision`` 3 and the location is the admin1 itself): same
    admin1 suffices, 0.6 — a report that only says «في ولاية ميناكا» cannot tell villages apart;
  - two located places: two *exact* places with different names are one place only within
    ``same_place_km`` (ACLED: two villages attacked the same day are two events); otherwise
    within ``place_radius_km`` of the looser precision (1: 10 km, 2: 30 km);
  - a named place the gazetteer could not locate (no coordinates, or ``geo_precision`` 3 at its
    region's capital) fits a "near X" or region-level report of the same admin1 (0.5), never
    another differently named place.

* **actors** — the two sides are aligned straight (actor1↔actor1) or crossed (one outlet's
  attacker is another's actor2), and each pair must be compatible: the same actor, an associated
  actor, two state forces of one country, an Unidentified Armed Group and any non-state actor
  (the perpetrator one report could not name), or a missing actor2. Civilians are compatible with
  civilians only.
* **type** — the same sub-event, the same type, or a pair listed as compatible (shelling during a
  clash; an attack one outlet calls a clash); Protests vs Battles are never one event.

The score is the weighted sum of the four degrees (weights, thresholds and distances:
``marsad/data/fusion.yaml``), and :func:`is_same_event` compares it with the threshold.
:func:`explain` returns all the parts, for tests, notes and debugging::

    >>> explain(a, b).why()        # doctest: +SKIP
    'date: same day · place: same name (Aghazraghen ~ Aghazraghan) · actors: ... → 0.94'
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.fuse.config import FusionConfig
from marsad.geocode import match_keys, similarity
from marsad.geocode.keys import latin_plain
from marsad.models import ActorRef, EventRecord

UNIDENTIFIED = "Unidentified Armed Group"
MIN_KEY_CLASSES = 3  # a shared match key counts only when it has this many consonant classes


# ---------------------------------------------------------------- result


@dataclass(frozen=True)
class Part:
    """One compared part: whether it allows one event (``ok``), how alike (``score``), and why."""

    ok: bool
    score: float
    why: str


@dataclass(frozen=True)
class Explanation:
    """The four parts of a comparison, the total score and the actor alignment used.

    ``crossed`` is True when ``b``'s actor2 lines up with ``a``'s actor1 (one outlet's attacker is
    the other's target); :mod:`marsad.fuse.fuse` needs it to know which slot a newly named actor
    fills.
    """

    date: Part
    place: Part
    actors: Part
    type: Part
    score: float
    threshold: float
    crossed: bool = False

    @property
    def same(self) -> bool:
        return self.score >= self.threshold

    def why(self) -> str:
        parts = [f"{k}: {p.why}" for k, p in (("date", self.date), ("place", self.place),
                                                ("actors", self.actors), ("type", self.type))]
        return " · ".join(parts) + f" → {self.score:.2f}"


# ---------------------------------------------------------------- API


def explain(a: EventRecord, b: EventRecord, config: FusionConfig | None = None) -> Explanation:
    """Compare two records part by part (see the module docstring for the rules)."""
    cfg = config or FusionConfig.default()
    date = compare_dates(a, b, cfg)
    place = compare_places(a, b, cfg)
    actors, crossed = compare_actors(a, b, cfg)
    typ = compare_types(a, b, cfg)
    parts = {"date": date, "place": place, "actors": actors, "type": typ}
    if all(p.ok for p in parts.values()):
        score = sum(cfg.weights.get(k, 0.0) * p.score for k, p in parts.items())
    else:
        score = 0.0
    return Explanation(date, place, actors, typ, round(score, 4), cfg.threshold, crossed)


def same_event_score(a: EventRecord, b: EventRecord, config: FusionConfig | None = None) -> float:
    """How likely ``a`` and ``b`` are one real event, 0…1 (0 when any part rules it out)."""
    return explain(a, b, config).score


def is_same_event(a: EventRecord, b: EventRecord, config: FusionConfig | None = None) -> bool:
    """True when :func:`same_event_score` reaches the threshold of ``fusion.yaml``."""
    return explain(a, b, config).same


# ---------------------------------------------------------------- date


def compare_dates(a: EventRecord, b: EventRecord, cfg: FusionConfig) -> Part:
    """Days apart, against the looser precision's tolerance; 1.0 the same day, 0.5 at the edge."""
    tol = max(cfg.tolerance(a.time_precision), cfg.tolerance(b.time_precision))
    diff = abs((a.event_date - b.event_date).days)
    if diff > tol:
        return Part(False, 0.0, f"{diff} days apart (tolerance {tol})")
    if diff == 0:
        return Part(True, 1.0, "same day")
    return Part(True, 1.0 - 0.5 * diff / tol, f"{diff} day(s) apart (tolerance {tol})")


# ---------------------------------------------------------------- place


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def same_name(x: str | None, y: str | None, cfg: FusionConfig | None = None) -> bool:
    """Two place names are one name: equal once accents and case go, sharing a match key of at
    least three consonant classes, or alike by :func:`marsad.geocode.similarity`.

    >>> same_name("أغزراغن", "Aghazraghen"), same_name("Aghazraghen", "Aghazraghan")
    (True, True)
    """
    if not x or not y:
        return False
    cfg = cfg or FusionConfig.default()
    a, b = (x, y) if x <= y else (y, x)
    return _same_name(a, b, cfg.name_similarity)


@lru_cache(maxsize=200_000)
def _same_name(x: str, y: str, min_similarity: float) -> bool:
    """:func:`same_name`, cached: a batch compares the same few hundred names millions of times."""
    px, py = latin_plain(x), latin_plain(y)
    if px and px == py:
        return True
    shared = _keys(x) & _keys(y)
    if any(len(k) >= MIN_KEY_CLASSES for k in shared):
        return True
    return similarity(x, y) >= min_similarity


@lru_cache(maxsize=50_000)
def _keys(name: str) -> frozenset[str]:
    return frozenset(match_keys(name))


def place_names(r: EventRecord) -> list[str]:
    """Every spelling of ``r``'s location that is known: its Latin ``location``, then the words the
    article wrote («كازقيل», from ``evidence["location"]``), or a merged event's ``location_names``.

    A place the gazetteer lacks is romanised one way from «كازقيل» (Kazqil) and another from
    «كازجيل» (Kazjil); the Arabic spellings still share a match key, so they are compared too.
    """
    names = list(getattr(r, "location_names", None) or [])
    if not names:
        names = [r.location] if r.location else []
        names += [s.text for s in (r.evidence or {}).get("location", []) if s.text]
    return list(dict.fromkeys(n for n in names if n))


def same_place_name(a: EventRecord, b: EventRecord, cfg: FusionConfig | None = None) -> bool:
    """True when any known spelling of ``a``'s location is :func:`same_name` as one of ``b``'s."""
    return any(same_name(x, y, cfg) for x in place_names(a) for y in place_names(b))


def is_region_level(r: EventRecord) -> bool:
    """Only the region is known: ``geo_precision`` 3 and the location is the admin1 itself."""
    return r.geo_precision >= 3 and (not r.location or (r.admin1 is not None and same_name(r.location, r.admin1)))


def is_located(r: EventRecord) -> bool:
    """The coordinates are the place's own: ``geo_precision`` 1 or 2 with latitude and longitude.

    A named place the gazetteer lacks is coded at its region's capital with ``geo_precision`` 3:
    those coordinates say where the region is, not the village.
    """
    return r.geo_precision <= 2 and r.latitude is not None and r.longitude is not None


def place_rank(r: EventRecord) -> tuple[int, int, int]:
    """Lower is more precise: geo_precision, then a region-only record, then a missing coordinate."""
    return (r.geo_precision, int(is_region_level(r)), int(r.latitude is None or r.longitude is None))


@lru_cache(maxsize=50_000)
def _norm(s: str | None) -> str:
    return latin_plain(s or "")


def compare_places(a: EventRecord, b: EventRecord, cfg: FusionConfig) -> Part:
    """Same country, then same name, same admin1 (region-level), or close enough (see module doc)."""
    if _norm(a.country) != _norm(b.country):
        return Part(False, 0.0, f"different countries ({a.country} / {b.country})")
    dist = None
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        dist = km(float(a.latitude), float(a.longitude), float(b.latitude), float(b.longitude))  # type: ignore[arg-type]
    same_admin1 = bool(a.admin1) and bool(b.admin1) and _norm(a.admin1) == _norm(b.admin1)
    if same_place_name(a, b, cfg):
        located = is_located(a) and is_located(b)
        if located and dist is not None and dist > cfg.same_name_max_km:
            return Part(False, 0.0, f"two places called {a.location} ({dist:.0f} km apart)")
        if a.admin1 and b.admin1 and not same_admin1:
            if located or (is_located(a) or is_located(b)):
                return Part(False, 0.0, f"{a.location} in {a.admin1} / {b.location} in {b.admin1}")
            # neither place has its own coordinates: its admin1 was inferred from the text around it
            return Part(True, cfg.unlocated_other_admin1,
                        f"same name, unlocated, admin1 differs ({a.admin1} / {b.admin1})")
        return Part(True, 1.0, f"same name ({a.location} ~ {b.location})")
    if is_region_level(a) or is_region_level(b):
        if same_admin1:
            return Part(True, 0.6, f"region-level report, same admin1 ({a.admin1})")
        return Part(False, 0.0, f"region-level report, different admin1 ({a.admin1} / {b.admin1})")
    if is_located(a) and is_located(b) and dist is not None:
        if a.geo_precision == 1 and b.geo_precision == 1:
            if dist <= cfg.same_place_km:
                return Part(True, 0.9, f"two names, one spot ({a.location} / {b.location}, {dist:.1f} km)")
            return Part(False, 0.0, f"two exact places ({a.location} / {b.location}, {dist:.1f} km)")
        radius = cfg.place_radius_km.get(max(a.geo_precision, b.geo_precision), max(cfg.place_radius_km.values()))
        if dist <= radius:
            return Part(True, 1.0 - 0.5 * dist / radius, f"{dist:.1f} km apart (radius {radius:.0f})")
        return Part(False, 0.0, f"{dist:.0f} km apart (radius {radius:.0f})")
    # at least one named place without its own coordinates, and the names differ
    exact_other = (is_located(a) and a.geo_precision == 1) or (is_located(b) and b.geo_precision == 1)
    if exact_other or not (is_located(a) or is_located(b)):
        return Part(False, 0.0, f"two named places ({a.location} / {b.location})")
    if same_admin1:
        unlocated = a.location if not is_located(a) else b.location
        return Part(True, 0.5, f"unlocated {unlocated} near the other, same admin1")
    return Part(False, 0.0, f"unlocated place in another admin1 ({a.admin1} / {b.admin1})")


# ---------------------------------------------------------------- actors

_STATE = re.compile(r"^(?:Military|Police) Forces of (?:the )?(.+?)(?: \(\d{4}-\d{0,4}\))?$")


def is_unidentified(actor: ActorRef | str | None) -> bool:
    """An Unidentified Armed Group (any country)."""
    name = actor.name if isinstance(actor, ActorRef) else actor
    return bool(name) and str(name).startswith(UNIDENTIFIED)


def state_of(name: str | None) -> str | None:
    """The country of a state force's ACLED name («Military Forces of Mali» → "Mali"), else None."""
    m = _STATE.match(name or "")
    return m.group(1) if m else None


def actor_score(x: ActorRef, y: ActorRef, cfg: FusionConfig) -> float:
    """How alike two primary actors are (0: not the same party)."""
    s = cfg.actor_scores
    if x.name == y.name:
        return s["same"]
    sx, sy = state_of(x.name), state_of(y.name)
    if sx and sx == sy:
        return s["same_state"]
    if x.inter in (1, 8) and y.inter in (1, 8) and x.country and x.country == y.country:
        return s["same_state"]
    if is_unidentified(x) and (is_unidentified(y) or y.inter in cfg.wildcard_inters):
        return s["wildcard"]
    if is_unidentified(y) and x.inter in cfg.wildcard_inters:
        return s["wildcard"]
    return 0.0


def _side_score(main_x: ActorRef | None, assoc_x: list[str], main_y: ActorRef | None, assoc_y: list[str],
                cfg: FusionConfig) -> float:
    if main_x is None or main_y is None:
        return cfg.actor_scores["missing"]
    best = actor_score(main_x, main_y, cfg)
    if best < cfg.actor_scores["associated"] and (main_x.name in assoc_y or main_y.name in assoc_x):
        best = cfg.actor_scores["associated"]
    return best


def compare_actors(a: EventRecord, b: EventRecord, cfg: FusionConfig) -> tuple[Part, bool]:
    """(part, crossed): the better of the straight and crossed alignments whose pairs all fit."""
    straight = (_side_score(a.actor1, a.assoc_actor_1, b.actor1, b.assoc_actor_1, cfg),
                _side_score(a.actor2, a.assoc_actor_2, b.actor2, b.assoc_actor_2, cfg))
    crossed = (_side_score(a.actor1, a.assoc_actor_1, b.actor2, b.assoc_actor_2, cfg),
               _side_score(a.actor2, a.assoc_actor_2, b.actor1, b.assoc_actor_1, cfg))
    options = [(sum(p) / 2, False, p) for p in (straight,) if min(p) > 0]
    # a crossed alignment must line up a real actor with a real actor on at least one side
    if min(crossed) > 0 and not (a.actor2 is None and b.actor2 is None):
        options.append((sum(crossed) / 2, True, crossed))
    if not options:
        return Part(False, 0.0, f"{_pair(a)} / {_pair(b)}: no side in common"), False
    score, is_crossed, pair = max(options, key=lambda o: (o[0], not o[1]))
    how = "crossed" if is_crossed else "aligned"
    return Part(True, score, f"{how} {pair[0]:.1f}/{pair[1]:.1f} ({_pair(a)} ~ {_pair(b)})"), is_crossed


def _pair(r: EventRecord) -> str:
    return f"{r.actor1.name} vs {r.actor2.name if r.actor2 else '—'}"


# ---------------------------------------------------------------- types


def compare_types(a: EventRecord, b: EventRecord, cfg: FusionConfig) -> Part:
    """Same sub-event 1.0, same type ``same_type``, a compatible pair its listed score, else a gate."""
    if a.event_type == b.event_type:
        if a.sub_event_type == b.sub_event_type:
            return Part(True, 1.0, f"same sub-event ({a.sub_event_type})")
        return Part(True, cfg.same_type_score, f"same type ({a.event_type})")
    best = 0.0
    for x in (a.event_type, f"{a.event_type}: {a.sub_event_type}"):
        for y in (b.event_type, f"{b.event_type}: {b.sub_event_type}"):
            best = max(best, cfg.compatible_types.get(frozenset((x, y)), 0.0))
    if best > 0:
        return Part(True, best, f"compatible ({a.sub_event_type} / {b.sub_event_type})")
    return Part(False, 0.0, f"incompatible ({a.event_type} / {b.event_type})")
