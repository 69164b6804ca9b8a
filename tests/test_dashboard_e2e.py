"""The dashboard as a person uses it: headless Chromium (Debian's) driven by Playwright against a
real ``uvicorn`` server on 127.0.0.1, over a store filled by ``marsad ingest samples/``.

In CI (``CI=true``) these tests fail when Chromium or Playwright is missing; elsewhere they skip.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.cli import main as marsad_main

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() == "true"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def _need(ok: bool, why: str) -> None:
    if not ok:
        if IN_CI:
            pytest.fail(why)
        pytest.skip(why)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _need(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        _need(False, f"missing: {exc}")
    db = tmp_path_factory.mktemp("e2e") / "events.db"
    assert marsad_main(["ingest", str(ROOT / "samples"), "--db", str(db)]) == 0
    port = _free_port()
    env = {**os.environ, "MARSAD_API_TOKENS": ""}
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", str(db), "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(url + "/events?limit=1", timeout=1):
                    break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "server died") from None
                time.sleep(0.1)
        else:
            raise RuntimeError("the server did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def test_map_filters_and_screenshot(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 850})  # type: ignore[attr-defined]
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(server) else outside.append(r.url))
    page.goto(server + "/")
    page.wait_for_selector("body[data-loads='1']", state="attached", timeout=20_000)
    assert page.locator(".leaflet-marker-icon").count() > 0          # markers or clusters on the map
    items = page.locator("#event-list li")
    admin1s = items.evaluate_all("els => els.map(e => e.dataset.admin1)")
    assert "Menaka" in admin1s and admin1s.count("Menaka") == 4
    total = items.count()
    assert total == 14
    page.evaluate("() => (marsad.admin1Loading || Promise.resolve()).then(() => true)")  # admin1, if in view
    page.wait_for_timeout(500)  # let the base map draw for the picture
    # the README's picture is refreshed on request only, so a test run leaves the tree as it was
    shot = ROOT / "docs" / "dashboard.png" if os.environ.get("MARSAD_UPDATE_SCREENSHOT") else None
    png = page.screenshot(path=str(shot) if shot else None)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    page.select_option("#f-country", "Mali")
    page.wait_for_selector("body[data-loads='2']", state="attached", timeout=20_000)
    countries = items.evaluate_all("els => els.map(e => e.dataset.country)")
    assert 0 < len(countries) < total and set(countries) == {"Mali"}
    assert page.locator("#timeline .bar").count() > 0
    assert not outside, f"requests outside the server: {outside}"
    page.close()


#: Point-in-polygon (even-odd over every ring) for a Leaflet polygon layer's nested LatLng arrays.
_ADMIN1_AT = """([lat, lon]) => {
  const rings = [];
  const collect = (a) => { if (a.length && a[0].lat !== undefined) rings.push(a); else a.forEach(collect); };
  const inside = (layer) => {
    rings.length = 0; collect(layer.getLatLngs());
    let odd = false;
    for (const ring of rings)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const a = ring[i], b = ring[j];
        if ((a.lat > lat) !== (b.lat > lat) && lon < (b.lng - a.lng) * (lat - a.lat) / (b.lat - a.lat) + a.lng)
          odd = !odd;
      }
    return odd;
  };
  const out = [];
  marsad.admin1.eachLayer((l) => { if (inside(l)) out.push({
    name: l.feature.properties.name, country: l.feature.properties.country,
    drawn: !!(l._path && l._path.isConnected && (l._path.getAttribute("d") || "").length > 20)}); });
  return out;
}"""


def test_admin1_boundaries(server: str, browser: object) -> None:
    """Zoomed in on the Ménaka events, the map draws the first-level regions (Natural Earth's admin1,
    shipped in static/vendor/admin1-10m.json) thinner than countries; zoomed out it hides them; and
    every file comes from the server."""
    page = browser.new_page(viewport={"width": 1200, "height": 800})  # type: ignore[attr-defined]
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(server) else outside.append(r.url))
    page.goto(server + "/")
    page.wait_for_selector("body[data-loads='1']", state="attached", timeout=20_000)
    menaka = page.evaluate("marsad.events.filter(e => e.admin1 === 'Menaka').map(e => [e.latitude, e.longitude])")
    assert len(menaka) == 4
    lat, lon = menaka[0]
    page.wait_for_function("() => !marsad.map._animatingZoom")  # Leaflet ignores a zoom during fitBounds' animation
    page.evaluate(f"marsad.map.setView([{lat}, {lon}], 6)")
    page.wait_for_selector("path.admin1", state="attached", timeout=20_000)
    assert page.locator("path.admin1").count() > 500       # the covered countries' regions, not just Mali's
    # Natural Earth's admin1 predates Mali's Ménaka region (2016): its events lie in Gao there
    for point in menaka:
        assert page.evaluate(_ADMIN1_AT, point) == [{"name": "Gao", "country": "MLI", "drawn": True}]
    widths = page.evaluate("""() => [getComputedStyle(document.querySelector('path.admin1')).strokeWidth,
        getComputedStyle(document.querySelector('.leaflet-borders-pane path')).strokeWidth]""")
    assert float(widths[0].rstrip("px")) < float(widths[1].rstrip("px"))   # thinner than country borders
    page.evaluate("marsad.map.setZoom(3)")
    page.wait_for_selector("path.admin1", state="detached", timeout=20_000)
    assert not outside, f"requests outside the server: {outside}"
    page.close()


def test_event_page_claims_and_evidence(server: str, browser: object) -> None:
    import json

    with urllib.request.urlopen(server + "/events?q=Aghazraghen") as r:
        event_id = json.load(r)["events"][0]["id"]
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{server}/event.html?id={event_id}")
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=20_000)
    rows = page.locator("#claims tbody tr").evaluate_all(
        "rows => rows.map(r => [r.querySelector('.claimant').innerText, r.querySelector('.killed').innerText,"
        " r.querySelector('.via').innerText, r.children[1].innerText])")
    assert any(c.startswith("Islamic State") and k == "40" and v == "Amaq" for c, k, v, _ in rows), rows
    assert any(c.startswith("JNIM") and k.endswith("30") and t == "admission" for c, k, _, t in rows), rows
    marks = page.locator("[dir=rtl] mark")
    assert marks.count() > 0
    assert "مقتل 40" in marks.all_inner_texts()
    assert page.locator("#history tbody tr").count() >= 1
    page.close()
