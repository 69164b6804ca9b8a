"""Place quality, measured: every mention of ``tests/places/place_mentions.csv`` resolved and scored.

Each mention is resolved the way the coder meets it (:func:`resolve`):

1. as running text, with :meth:`Gazetteer.find_places` and the row's country hint: cue words
   («بمدينة», «قرب», "région de") and proclitics («بالفاشر», «وبلدة») are read as in an article, and
   the place found at the end of the mention is the answer;
2. when find_places finds nothing there (a bare small-town name: in running text those need a cue),
   by name with :meth:`Gazetteer.lookup`, narrowed to the hinted country when there is one.

Figures (issue 3, "Quality, measured"):

* *within 25 km*: share of mentions with expected coordinates whose resolved place lies within 25 km;
* *right country*: share of all mentions resolved to the expected country;
* *right admin1*: share of all mentions resolved to the expected admin1.

The test asserts the issue's targets (90 %, 98 %, 95 %) and, as floors a little below the figures
measured when the set was made, the level reached, so that a regression fails CI. Run this file
with ``-s`` to see the figures and every miss.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import pytest

from marsad.geocode import Gazetteer
from marsad.models import Place
from marsad.text.normalize import normalize

MENTIONS = Path(__file__).parent / "places" / "place_mentions.csv"
TARGETS = {"within_25km": 0.90, "country": 0.98, "admin1": 0.95}  # the issue's
# Measured when the set was made (1,101 mentions): 99.9 % within 25 km, 99.9 % country, 99.9 % admin1
# (one miss: «مدينة زنجبار» with no hint is Zanzibar, not Zinjibar). Floors a little below.
FLOORS = {"within_25km": 0.99, "country": 0.995, "admin1": 0.995}
MIN_MENTIONS = 300
RADIUS_KM = 25.0


@dataclass(frozen=True)
class Row:
    mention: str
    script: str
    language: str
    country_hint: str
    expected_name: str
    expected_country: str
    expected_admin1: str
    expected_lat: float | None
    expected_lon: float | None
    source: str


def read_mentions(path: Path = MENTIONS) -> list[Row]:
    """The rows of the test set (``#`` header lines skipped)."""
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    out = []
    for r in csv.DictReader(lines):
        out.append(Row(r["mention"], r["script"], r["language"], r["country_hint"], r["expected_name"],
                       r["expected_country"], r["expected_admin1"],
                       float(r["expected_lat"]) if r["expected_lat"] else None,
                       float(r["expected_lon"]) if r["expected_lon"] else None, r["source_of_expected"]))
    return out


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def resolve(gz: Gazetteer, mention: str, hint: str | None) -> Place | None:
    """The place a mention resolves to (see the module docstring)."""
    nt = normalize(mention)
    tail = len(mention.rstrip())
    found = [m for m in gz.find_places(nt, hint) if m.best is not None and m.end == tail]
    if found:
        return found[-1].best
    places = gz.lookup(mention, country=hint)
    return places[0] if places else None


@dataclass
class Outcome:
    row: Row
    place: Place | None

    @property
    def distance(self) -> float | None:
        p, r = self.place, self.row
        if p is None or p.latitude is None or p.longitude is None or r.expected_lat is None or r.expected_lon is None:
            return None
        return km(r.expected_lat, r.expected_lon, p.latitude, p.longitude)

    @property
    def near(self) -> bool:
        d = self.distance
        return d is not None and d <= RADIUS_KM

    @property
    def country_ok(self) -> bool:
        return self.place is not None and self.place.country == self.row.expected_country

    @property
    def admin1_ok(self) -> bool:
        return self.place is not None and self.place.admin1 == self.row.expected_admin1


def figures(outcomes: list[Outcome]) -> dict[str, float]:
    """The three shares of the module docstring."""
    located = [o for o in outcomes if o.row.expected_lat is not None]
    return {
        "within_25km": sum(o.near for o in located) / len(located),
        "country": sum(o.country_ok for o in outcomes) / len(outcomes),
        "admin1": sum(o.admin1_ok for o in outcomes) / len(outcomes),
    }


def report(outcomes: list[Outcome]) -> str:
    """The figures per script and the misses, for ``pytest -s`` and the benchmarks README."""
    lines = []
    for label, subset in (("all", outcomes), ("Arabic script", [o for o in outcomes if o.row.script == "ar"]),
                          ("Latin script", [o for o in outcomes if o.row.script == "latin"]),
                          ("no country hint", [o for o in outcomes if not o.row.country_hint])):
        f = figures(subset)
        lines.append(f"{label:16} n={len(subset):4}  within {RADIUS_KM:.0f} km {f['within_25km']:.1%}  "
                     f"country {f['country']:.1%}  admin1 {f['admin1']:.1%}")
    for o in outcomes:
        if not (o.country_ok and o.admin1_ok and (o.near or o.row.expected_lat is None)):
            p = o.place
            got = f"{p.name}, {p.admin1}, {p.country}" if p else "nothing"
            d = f"{o.distance:.0f} km" if o.distance is not None else "-"
            lines.append(f"  miss: {o.row.mention!r} [{o.row.country_hint or 'no hint'}] → {got} ({d}); "
                         f"expected {o.row.expected_name}, {o.row.expected_admin1}, {o.row.expected_country}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    gz = Gazetteer.default()
    return [Outcome(r, resolve(gz, r.mention, r.country_hint or None)) for r in read_mentions()]


def test_the_set_is_large_and_varied() -> None:
    rows = read_mentions()
    assert len(rows) >= MIN_MENTIONS
    assert sum(r.script == "ar" for r in rows) >= 300
    assert sum(r.language == "fr" for r in rows) >= 10
    assert sum(not r.country_hint for r in rows) >= 150
    assert any(r.mention.startswith(("بمدينة", "وبلدة", "ب", "و")) for r in rows)
    assert all(r.source for r in rows)
    assert sum(r.expected_lat is not None for r in rows) >= 0.9 * len(rows)


def test_place_quality_meets_the_targets(outcomes: list[Outcome]) -> None:
    f = figures(outcomes)
    print("\n" + report(outcomes))
    for key, target in TARGETS.items():
        assert f[key] >= target, f"{key}: {f[key]:.3f} < target {target}\n{report(outcomes)}"


def test_place_quality_holds_its_level(outcomes: list[Outcome]) -> None:
    f = figures(outcomes)
    for key, floor in FLOORS.items():
        assert f[key] >= floor, f"{key}: {f[key]:.3f} fell below {floor}\n{report(outcomes)}"
