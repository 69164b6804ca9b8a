"""The dashboard's admin1 layer: the shipped file (``marsad/serve/static/vendor/admin1-10m.json``) and
the builder that made it (``marsad/serve/build_admin1.py``)."""

from __future__ import annotations

import json
from typing import Any

from marsad.serve.build_admin1 import OUTPUT, QUANTUM, build, covered_countries, decode_arcs, simplify


def _rings(topo: dict[str, Any], arcs: list[list[tuple[float, float]]], geometry: dict[str, Any]) -> list[list]:
    """A polygon's rings as points, arcs joined in order (a negative index is the arc reversed)."""
    polys = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    out = []
    for poly in polys:
        for ring in poly:
            pts: list[tuple[float, float]] = []
            for i in ring:
                seg = arcs[i] if i >= 0 else arcs[~i][::-1]
                pts.extend(seg if not pts else seg[1:])
            out.append(pts)
    return out


def _inside(rings: list[list[tuple[float, float]]], lon: float, lat: float) -> bool:
    odd = False
    for ring in rings:
        for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (ay > lat) != (by > lat) and lon < (bx - ax) * (lat - ay) / (by - ay) + ax:
                odd = not odd
    return odd


def test_shipped_layer_covers_marsads_countries() -> None:
    topo = json.loads(OUTPUT.read_text(encoding="utf-8"))
    geoms = topo["objects"]["admin1"]["geometries"]
    assert set(covered_countries()) == {g["properties"]["country"] for g in geoms}
    assert {"MLI", "SYR", "IRQ", "SOM", "SDS"} <= set(covered_countries())
    assert OUTPUT.stat().st_size < 700_000          # kept small: simplified and quantized
    arcs = decode_arcs(topo)
    mali = {g["properties"]["name"]: g for g in geoms if g["properties"]["country"] == "MLI"}
    assert {"Gao", "Kidal", "Timbuktu", "Mopti"} <= set(mali)
    # Ménaka (the town, capital of Marsad's admin1 "Menaka") lies in Natural Earth's older Gao region
    assert _inside(_rings(topo, arcs, mali["Gao"]), 2.39609, 15.91985)
    assert not _inside(_rings(topo, arcs, mali["Kidal"]), 2.39609, 15.91985)
    for g in geoms:                                   # every ring closes, with at least 4 points
        for ring in _rings(topo, arcs, g):
            assert len(ring) >= 4 and ring[0] == ring[-1], g["properties"]


def test_simplify_keeps_ends_and_rings() -> None:
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (3.0, 1.0)]
    assert simplify(line, 0.01) == [(0.0, 0.0), (2.0, 0.0), (3.0, 1.0)]
    ring = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.5, 1.0001), (0.0, 1.0), (0.0, 0.0)]
    out = simplify(ring, 0.01)
    assert out[0] == out[-1] == (0.0, 0.0) and len(out) >= 4 and (0.5, 1.0001) not in out


def test_build_merges_topologies_and_shifts_arcs() -> None:
    square = {"type": "Topology", "transform": {"scale": [0.5, 0.5], "translate": [10.0, 20.0]},
              "arcs": [[[0, 0], [2, 0], [0, 2], [-2, 0], [0, -2]]],
              "objects": {"x": {"type": "GeometryCollection", "geometries": [
                  {"type": "Polygon", "id": "XX.A", "properties": {"name": "A"}, "arcs": [[0]]}]}}}
    twin = json.loads(json.dumps(square))
    twin["objects"]["x"]["geometries"][0]["arcs"] = [[~0]]
    topo, dropped = build([("AAA", square), ("BBB", twin)])
    assert dropped == []
    geoms = topo["objects"]["admin1"]["geometries"]
    assert [g["arcs"] for g in geoms] == [[[0]], [[~1]]]
    assert [g["properties"] for g in geoms] == [{"name": "A", "country": "AAA"}, {"name": "A", "country": "BBB"}]
    corners = decode_arcs(topo)[0]
    assert corners[0] == (10.0, 20.0) and abs(corners[2][0] - 11.0) < QUANTUM and abs(corners[2][1] - 21.0) < QUANTUM
