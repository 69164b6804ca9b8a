"""The REST API (marsad/serve/) on a store filled by ``marsad ingest samples/``."""

from __future__ import annotations

import json
import random
import string
import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from marsad.cli import main as marsad_main
from marsad.serve import create_app
from marsad.serve.auth import parse_tokens, token_hash, tokens_from_env

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TOKEN = "test-token-0123456789"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("api") / "events.db"
    assert marsad_main(["ingest", str(SAMPLES), "--db", str(path)]) == 0
    return str(path)


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    return TestClient(create_app(db, token_hashes=frozenset({token_hash(TOKEN)}), max_body=20_000))


def _error(r, status: int) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["error"]["status"] == status
    return body["error"]["message"]


def _aghazraghen(client: TestClient) -> dict:
    events = client.get("/events", params={"q": "Aghazraghen"}).json()["events"]
    assert len(events) == 1
    return client.get(f"/events/{events[0]['id']}").json()


def test_list_and_filters(client: TestClient) -> None:
    all_ = client.get("/events").json()
    assert all_["total"] == 14 and len(all_["events"]) == 14
    mali = client.get("/events", params={"country": "Mali"}).json()
    assert mali["total"] == 5 and {e["country"] for e in mali["events"]} == {"Mali"}
    menaka = client.get("/events", params={"admin1": "Menaka"}).json()
    assert menaka["total"] == 4 and {e["admin1"] for e in menaka["events"]} == {"Menaka"}
    assert client.get("/events", params={"country": "Mali,Syria"}).json()["total"] == 8
    assert client.get("/events", params=[("country", "Mali"), ("country", "Iraq")]).json()["total"] == 8
    assert client.get("/events", params={"date_from": "2022-10-28", "date_to": "2022-10-31"}).json()["total"] == 1
    jnim = client.get("/events", params={"actor": "jnim"}).json()["events"]
    assert jnim and all("JNIM" in (e["actor1"] + (e["actor2"] or "")) for e in jnim)
    assert client.get("/events", params={"event_type": "Protests"}).json()["total"] == 1
    assert client.get("/events", params={"sub_event_type": "Armed clash", "country": "Mali"}).json()["total"] >= 1
    box = client.get("/events", params={"bbox": "0,10,5,20"}).json()["events"]
    assert box and all(0 <= e["longitude"] <= 5 and 10 <= e["latitude"] <= 20 for e in box)
    disputed = client.get("/events", params={"certainty": "disputed"}).json()["events"]
    assert all(e["certainty"] == "disputed" for e in disputed)
    assert client.get("/events", params={"q": "ميناكا"}).json()["total"] >= 1   # Arabic: the sources' text


def test_pagination_and_sort(client: TestClient) -> None:
    ids = [e["id"] for e in client.get("/events", params={"sort": "id"}).json()["events"]]
    assert ids == sorted(ids)
    page = client.get("/events", params={"sort": "id", "limit": 5, "offset": 5}).json()
    assert page["total"] == 14 and [e["id"] for e in page["events"]] == ids[5:10]
    top = client.get("/events", params={"sort": "-fatalities", "limit": 1}).json()["events"][0]
    assert top["fatalities"] == max(e["fatalities"] for e in client.get("/events").json()["events"])
    assert client.get("/events", params={"offset": 100}).json()["events"] == []


def test_event_detail(client: TestClient) -> None:
    e = _aghazraghen(client)
    claims = {(c["claimant"], c["killed"], c["via"], c["type"]) for c in e["claims"]}
    assert ("Islamic State (Sahel Province)", 40, "Amaq", "claim") in claims
    assert any(c[0].startswith("JNIM") and c[1] == 30 and c[3] == "admission" for c in claims)
    assert (e["fatalities_low"], e["fatalities"], e["fatalities_high"]) == (30, 30, 40)
    assert e["history"] and e["history"][0]["new"] == "created"
    assert e["acled"]["event_id_cnty"] == e["event_id_cnty"]
    # the Arabic seed, an English wire and a French dispatch (samples/) fused into one event
    assert {s["article_id"] for s in e["sources"]} == {"seed-ar-001", "aghazraghen-en-001", "aghazraghen-fr-001"}
    src = next(s for s in e["sources"] if s["article_id"] == "seed-ar-001")
    assert src["text"] and src["highlights"]
    assert all(src["text"][h["start"]:h["end"]] == h["text"] for h in src["highlights"])
    assert "مقتل 40" in {h["text"] for h in src["highlights"]}
    assert client.get(f"/events/{e['event_id_cnty']}").json()["event_id"] == e["event_id"]


def test_reference_routes_and_export(client: TestClient) -> None:
    actors = client.get("/actors").json()["actors"]
    jnim = next(a for a in actors if a["name"].startswith("JNIM"))
    assert jnim["events"] >= 4 and jnim["name_ar"]
    places = client.get("/places", params={"country": "Mali"}).json()["places"]
    assert {p["country"] for p in places} == {"Mali"} and any(p["location"] == "Aghazraghen" for p in places)
    for interval in ("day", "week", "month"):
        stats = client.get("/stats", params={"interval": interval}).json()
        assert stats["events"] == 14 and sum(t["events"] for t in stats["timeline"]) == 14
        assert sum(t["fatalities"] for t in stats["timeline"]) == stats["fatalities"]
    assert {t["event_type"] for t in stats["by_type"]} >= {"Battles", "Protests"}
    csv_text = client.get("/export", params={"format": "acled-csv", "country": "Mali"}).text
    assert csv_text.startswith("event_id_cnty,event_date") and len(csv_text.strip().splitlines()) == 6
    geo = client.get("/export", params={"format": "geojson"}).json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 14
    lines = client.get("/export", params={"format": "jsonl", "admin1": "Menaka"}).text.strip().splitlines()
    assert len(lines) == 4 and '"history"' in lines[0]
    schema = client.get("/openapi.json").json()
    paths = {"/events", "/events/{event_id}", "/actors", "/places", "/stats", "/articles", "/export"}
    assert paths <= set(schema["paths"])
    assert "examples" in str(schema)


def test_bad_input_is_a_clear_4xx(client: TestClient) -> None:
    assert "date_from" in _error(client.get("/events", params={"date_from": "2022-13-01"}), 400)
    assert "after" in _error(client.get("/events", params={"date_from": "2023-01-01", "date_to": "2022-01-01"}), 400)
    assert "bbox" in _error(client.get("/events", params={"bbox": "1,2,3"}), 400)
    assert "bbox" in _error(client.get("/events", params={"bbox": "a,b,c,d"}), 400)
    assert "sort" in _error(client.get("/events", params={"sort": "nope"}), 400)
    assert "certainty" in _error(client.get("/events", params={"certainty": "maybe"}), 400)
    assert "limit" in _error(client.get("/events", params={"limit": "ten"}), 422)
    _error(client.get("/events", params={"limit": 0}), 422)
    _error(client.get("/stats", params={"interval": "year"}), 422)
    _error(client.get("/export", params={"format": "parquet"}), 400)
    _error(client.get("/events/99999"), 404)
    _error(client.get("/events/XYZ1"), 404)
    _error(client.get("/events/" + "9" * 30), 404)
    _error(client.get("/no/such/path"), 404)


def test_tokens(client: TestClient, db: str) -> None:
    body = {"text": "x"}
    _error(client.post("/articles", json=body), 401)
    _error(client.post("/articles", json=body, headers={"Authorization": "Bearer wrong"}), 403)
    open_app = TestClient(create_app(db, token_hashes=frozenset()))
    _error(open_app.post("/articles", json=body, headers={"Authorization": "Bearer " + TOKEN}), 403)
    locked = TestClient(create_app(db, token_hashes=frozenset({token_hash(TOKEN)}), read_protected=True))
    _error(locked.get("/events"), 401)
    assert locked.get("/events", headers={"X-API-Token": TOKEN}).status_code == 200
    assert tokens_from_env({"MARSAD_API_TOKENS": "a,b"}) == parse_tokens(["a", "b"])
    assert parse_tokens("sha256:" + "A" * 64) == {"sha256:" + "a" * 64}


def test_tokens_from_file(tmp_path: Path) -> None:
    f = tmp_path / "tokens"
    f.write_text("# analysts\nalpha\n" + token_hash("beta") + "\n", encoding="utf-8")
    assert tokens_from_env({"MARSAD_API_TOKENS": str(f)}) == {token_hash("alpha"), token_hash("beta")}


def test_post_article(client: TestClient) -> None:
    auth = {"Authorization": "Bearer " + TOKEN}
    text = (SAMPLES / "seed-ar-001.txt").read_text(encoding="utf-8")[:3000]
    r = client.post("/articles", json={"id": "api-1", "text": text, "publication_date": "2022-11-03"}, headers=auth)
    assert r.status_code == 200, r.text
    assert r.json()["stored"] is False and r.json()["events"]
    assert client.get("/events").json()["total"] == 14  # not stored
    again = client.post("/articles", json={"id": "api-1", "text": text, "store": True}, headers=auth).json()
    assert again["stored"] is False and again.get("duplicate")  # the seed is already in the store
    _error(client.post("/articles", json={"text": text, "publication_date": "03/11/2022"}, headers=auth), 400)
    _error(client.post("/articles", json={"text": ""}, headers=auth), 422)
    _error(client.post("/articles", json={"txt": "x"}, headers=auth), 422)
    _error(client.post("/articles", content=b"{not json", headers={**auth, "Content-Type": "application/json"}), 422)
    _error(client.post("/articles", json={"text": "x" * 30_000}, headers=auth), 413)
    chunks = (b"x" * 10_000 for _ in range(3))  # streamed without a length
    _error(client.post("/articles", content=chunks, headers=auth), 413)


def test_post_article_stores(db: str, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    app = create_app(str(copy), token_hashes=frozenset({token_hash(TOKEN)}))
    c = TestClient(app)
    before = {name: c.get("/events", params={"country": name}).json()["total"] for name in ("Somalia", "Mali")}
    text = ("قالت مصادر محلية إن مسلحين من حركة الشباب هاجموا يوم الثلاثاء قاعدة للجيش الصومالي في بلدة "
            "بولوبردي بإقليم هيران، ما أسفر عن مقتل سبعة جنود.")
    r = c.post("/articles", json={"id": "api-new", "text": text, "publication_date": "2023-03-01", "store": True},
               headers={"Authorization": "Bearer " + TOKEN})
    assert r.status_code == 200, r.text
    body = r.json()
    if body["events"]:
        assert body["stored"] is True and (body["new_events"] or body["merged_events"])
    # the count cache must not serve a total from before the write
    after = {name: c.get("/events", params={"country": name}).json()["total"] for name in ("Somalia", "Mali")}
    assert after["Mali"] == before["Mali"]
    assert after["Somalia"] == before["Somalia"] + len(body.get("new_events") or [])
    assert after["Somalia"] == len(c.get("/events", params={"country": "Somalia", "limit": 5000}).json()["events"])


def test_count_cache_is_keyed_on_the_store_version(db: str, tmp_path: Path) -> None:
    """Totals are counted once per filters and store version: repeated pages reuse them, and a write
    by another process (here another engine on the same file) makes the next request count again."""
    import shutil

    import sqlalchemy as sa

    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    app = create_app(str(copy))
    c = TestClient(app)
    counts = app.state.counts
    first = c.get("/events", params={"country": "Mali", "limit": 2}).json()
    misses = counts.misses
    again = c.get("/events", params={"country": "Mali", "limit": 2, "offset": 2}).json()
    assert again["total"] == first["total"] == 5 and counts.misses == misses and counts.hits >= 1
    assert [e["id"] for e in again["events"]] != [e["id"] for e in first["events"]]
    engine = sa.create_engine(f"sqlite:///{copy}")
    with engine.begin() as conn:  # a copy of a Mali event, written behind the server's back
        row = dict(conn.execute(sa.text("SELECT * FROM events WHERE country = 'Mali' LIMIT 1")).mappings().one())
        row.update(id=10_000, event_id_cnty="MLI10000")
        conn.execute(sa.text(f"INSERT INTO events ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})"),
                     row)
    engine.dispose()
    assert c.get("/events", params={"country": "Mali", "limit": 2}).json()["total"] == 6
    assert counts.misses == misses + 1


def test_query_parameters_are_checked_as_documented(client: TestClient) -> None:
    """``GET /events`` reads its query itself (no FastAPI parameters): the same rules, the same errors."""
    assert client.get("/events", params=[("country", "mali, syria"), ("limit", "3")]).json()["total"] == 8
    page = client.get("/events", params={"limit": " 3 ", "offset": "+1", "sort": "id"}).json()
    assert (page["limit"], page["offset"], len(page["events"])) == (3, 1, 3)
    assert "q" in _error(client.get("/events", params={"q": "x" * 201}), 422)
    for bad in ("1.5", "٣", "1_0", "", "9" * 30):
        assert "limit" in _error(client.get("/events", params={"limit": bad}), 422)
    _error(client.get("/events", params={"limit": 5001}), 422)
    _error(client.get("/events", params={"offset": -1}), 422)
    params = {p["name"] for p in client.get("/openapi.json").json()["paths"]["/events"]["get"]["parameters"]}
    assert params == {"country", "admin1", "date_from", "date_to", "actor", "event_type", "sub_event_type", "bbox",
                      "certainty", "q", "limit", "offset", "sort"}
    stats_params = client.get("/openapi.json").json()["paths"]["/stats"]["get"]["parameters"]
    assert {"country", "q", "interval"} <= {p["name"] for p in stats_params}


def test_serve_with_worker_processes(db: str) -> None:
    """``marsad serve --workers 2``: the parent opens (and migrates) the store, two worker processes
    serve it on one port."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", db, "--host", "127.0.0.1", "--port",
                             str(port), "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            cwd=Path(__file__).resolve().parent.parent)
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/events?country=Mali", timeout=2) as r:
                    assert r.status == 200 and json.load(r)["total"] == 5
                    break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else "exited"
                time.sleep(0.1)
        else:
            raise AssertionError("the server did not answer")
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert "2 worker processes" in (proc.stderr.read().decode() if proc.stderr else "")


def test_fuzz_never_500(client: TestClient) -> None:
    rng = random.Random(5)
    names = ["country", "admin1", "date_from", "date_to", "actor", "event_type", "sub_event_type", "bbox",
             "certainty", "q", "limit", "offset", "sort", "interval", "format", "top"]
    alphabet = string.printable + "ميناكا٠١٢٣-,.%\u0000\u202e"
    for _ in range(150):
        params = {rng.choice(names): "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
                  for _ in range(rng.randint(1, 4))}
        path = rng.choice(["/events", "/actors", "/places", "/stats", "/export", "/events/" + str(rng.randint(-5, 99))])
        r = client.get(path, params=params)
        assert r.status_code < 500, (path, params, r.text)
        if r.status_code >= 400:
            assert r.json()["error"]["message"]
