"""``marsad export`` and :func:`marsad.query`: the stored events out again, filtered, in four formats.

The store is filled once per backend with the Arabic gold set and the fusion gold set (so that some
events have several sources), by the real coder and the real fusion stage.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import marsad
from marsad.export.acled import ACLED_COLUMNS
from marsad.store import Store
from marsad.store.engines import LocalEngine
from marsad.store.ingestion import ingest
from marsad.store.testing import BACKENDS, database

REPO = Path(__file__).resolve().parents[1]
GOLD_AR = REPO / "tests" / "gold" / "ar"
FUSION = REPO / "tests" / "gold" / "fusion"


@pytest.fixture(scope="module", params=BACKENDS)
def db(request, tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("export")
    fusion = folder / "fusion.jsonl"
    with fusion.open("w", encoding="utf-8") as fh:
        for f in sorted(FUSION.glob("*.json")):
            for a in json.loads(f.read_text(encoding="utf-8"))["articles"]:
                fh.write(json.dumps(a, ensure_ascii=False) + "\n")
    with database(request.param, folder) as url:
        with Store.open(url) as store:
            ingest([str(GOLD_AR), str(fusion)], store, LocalEngine())
        yield url


@pytest.fixture(scope="module")
def everything(db) -> list[dict]:
    """Every stored event, as ``marsad export --format jsonl`` writes it."""
    r = export(db, "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    return [json.loads(line) for line in r.stdout.splitlines()]


def export(db: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad", "export", "--db", db, *args], capture_output=True,
                          text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO), "CI": "true"},
                          timeout=300, stdin=subprocess.DEVNULL)


def ids(r: subprocess.CompletedProcess) -> list[str]:
    assert r.returncode == 0, r.stderr
    return [json.loads(line)["event_id_cnty"] for line in r.stdout.splitlines()]


# ---------------------------------------------------------------- formats


def test_acled_csv_has_exactly_acleds_31_columns(db, everything):
    r = export(db, "--format", "acled-csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(rows[0]) == 31
    assert len(rows) - 1 == len(everything) > 0
    by_id = {e["event_id_cnty"]: e for e in everything}
    for row in rows[1:]:
        cells = dict(zip(ACLED_COLUMNS, row, strict=True))
        e = by_id[cells["event_id_cnty"]]
        assert cells["event_date"] == e["event_date"] and cells["actor1"] == e["actor1"]
        assert int(cells["fatalities"]) == e["fatalities"] and cells["region"] == e["region"]
        assert cells["iso"] == str(e["iso"]) and cells["source"] == e["source"]
        assert cells["assoc_actor_1"] == "; ".join(e["assoc_actor_1"])
        assert int(cells["timestamp"]) == e["timestamp"]


def test_jsonl_carries_claims_sources_evidence_and_history(everything):
    merged = [e for e in everything if len(e["sources"]) > 1]
    assert merged, "the fusion gold set should give events with several sources"
    for e in everything:
        assert {"fatalities_low", "fatalities_high", "certainty", "claims", "sources", "evidence", "history"} <= set(e)
        assert e["fatalities_low"] <= e["fatalities"] <= e["fatalities_high"]
        assert e["history"][0]["field"] == "event" and e["history"][0]["new"] == "created"
        for s in e["sources"]:
            assert s["record"]["event_type"] and s["article_id"]
        for c in e["claims"]:
            assert c["articles"] and c["articles"][0] in [s["article_id"] for s in e["sources"]]
        for spans in e["evidence"].values():
            assert all({"start", "end", "text", "article_id"} <= set(sp) for sp in spans)
    e = merged[0]
    assert len(e["history"]) > 1 and any(h["article_id"] == e["sources"][1]["article_id"] for h in e["history"])


def test_geojson_is_a_feature_collection_of_points(db, everything):
    r = export(db, "--format", "geojson")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == len(everything)
    for f in doc["features"]:
        p = f["properties"]
        assert f["type"] == "Feature" and f["id"] == p["event_id_cnty"]
        if p["latitude"] is None:
            assert f["geometry"] is None
        else:
            assert f["geometry"] == {"type": "Point", "coordinates": [p["longitude"], p["latitude"]]}
        assert {"claims", "sources", "certainty", "fatalities_low", "fatalities_high", "evidence"} <= set(p)


def test_parquet_reads_back_as_the_query_table(db, tmp_path, everything):
    import pandas as pd

    out = tmp_path / "events.parquet"
    r = export(db, "--format", "parquet", "--output", str(out))
    assert r.returncode == 0, r.stderr
    assert f"exported {len(everything)} event(s)" in r.stderr
    df = pd.read_parquet(out)
    assert list(df.columns[:31]) == list(ACLED_COLUMNS)
    assert len(df) == len(everything)
    assert sorted(df["event_id_cnty"]) == sorted(e["event_id_cnty"] for e in everything)
    row = df[df["n_sources"] > 1].iloc[0]
    assert len(row["claims"]) > 0 and len(row["sources"]) == row["n_sources"]
    assert not list(tmp_path.glob(".events.parquet.*"))  # written whole, then renamed into place


def test_an_empty_export_still_has_its_header_and_schema(db, tmp_path):
    import pandas as pd

    r = export(db, "--format", "acled-csv", "--country", "Atlantis")
    assert r.stdout.splitlines() == [",".join(ACLED_COLUMNS)]
    assert json.loads(export(db, "--format", "geojson", "--country", "Atlantis").stdout)["features"] == []
    out = tmp_path / "none.parquet"
    assert export(db, "--format", "parquet", "--country", "Atlantis", "-o", str(out)).returncode == 0
    assert len(pd.read_parquet(out)) == 0


# ---------------------------------------------------------------- filters


def test_filters_keep_exactly_the_matching_events(db, everything):
    def expect(keep) -> list[str]:
        return [e["event_id_cnty"] for e in everything if keep(e)]

    assert ids(export(db, "--format", "jsonl", "--country", "mali")) == expect(lambda e: e["country"] == "Mali")
    assert ids(export(db, "--format", "jsonl", "--country", "Mali,Sudan")) == \
        expect(lambda e: e["country"] in ("Mali", "Sudan"))
    assert ids(export(db, "--format", "jsonl", "--from", "2024-06-01", "--to", "2024-12-31")) == \
        expect(lambda e: "2024-06-01" <= e["event_date"] <= "2024-12-31")
    jnim = expect(lambda e: any("jnim" in (e[k] or "").lower() for k in ("actor1", "actor2")))
    assert jnim and ids(export(db, "--format", "jsonl", "--actor", "JNIM")) == jnim
    assert ids(export(db, "--format", "jsonl", "--event-type", "battles")) == \
        expect(lambda e: e["event_type"] == "Battles")
    assert ids(export(db, "--format", "jsonl", "--event-type", "Armed clash", "--event-type", "Attack")) == \
        expect(lambda e: e["sub_event_type"] in ("Armed clash", "Attack"))
    sahel = (-6.0, 10.0, 5.0, 25.0)

    def inside(e, box=sahel) -> bool:
        if e["latitude"] is None or e["longitude"] is None:
            return False
        lon_ok = box[0] <= e["longitude"] <= box[2] if box[0] <= box[2] else not box[2] < e["longitude"] < box[0]
        return lon_ok and box[1] <= e["latitude"] <= box[3]

    in_box = expect(inside)
    assert in_box and ids(export(db, "--format", "jsonl", "--bbox=-6,10,5,25")) == in_box
    across = (40.0, -5.0, -170.0, 20.0)  # from Somalia eastwards over the antimeridian
    assert ids(export(db, "--format", "jsonl", "--bbox", "40,-5,-170,20")) == expect(lambda e: inside(e, across))
    assert ids(export(db, "--format", "jsonl", "--country", "Mali", "--event-type", "Battles", "--from",
                      "2024-01-01")) == expect(lambda e: e["country"] == "Mali" and e["event_type"] == "Battles"
                                                and e["event_date"] >= "2024-01-01")


def test_bad_filters_and_missing_stores_are_usage_errors(db, tmp_path):
    r = export(db, "--bbox", "1,2,3")
    assert r.returncode == 2 and "bad bbox" in r.stderr
    r = export(db, "--from", "2024-05-01", "--to", "2024-01-01")
    assert r.returncode == 2 and "after" in r.stderr
    r = export(str(tmp_path / "nowhere.db"))
    assert r.returncode == 2 and "no event store" in r.stderr
    assert not (tmp_path / "nowhere.db").exists()
    r = export(db, "--output", str(tmp_path / "no" / "such" / "folder" / "x.csv"))
    assert r.returncode == 2 and "cannot write" in r.stderr


# ---------------------------------------------------------------- marsad.query


def test_query_returns_a_dataframe(db, everything):
    df = marsad.query(db, country="Mali", date_from=dt.date(2024, 1, 1))
    expected = [e for e in everything if e["country"] == "Mali" and e["event_date"] >= "2024-01-01"]
    assert list(df["event_id_cnty"]) == [e["event_id_cnty"] for e in expected]
    assert list(df.columns[:31]) == list(ACLED_COLUMNS)
    assert str(df["event_date"].dtype).startswith("datetime64")
    assert df["fatalities"].sum() == sum(e["fatalities"] for e in expected)
    assert all(isinstance(c, list) for c in df["claims"])
    assert len(marsad.query(db, bbox="-6,10,5,25", event_type="Battles")) <= len(marsad.query(db))
    with pytest.raises(TypeError, match="unknown filter"):
        marsad.query(db, colour="red")


def test_coding_never_imports_the_store_stack():
    """``marsad code`` and ``import marsad`` must not pay for SQLAlchemy, pandas or Dask."""
    probe = (
        "import sys, contextlib, io\n"
        "import marsad\n"
        "from marsad import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    cli.main(['code', 'samples/seed-ar-001.txt', '--format', 'jsonl'])\n"
        "print(sorted(m for m in ('sqlalchemy', 'alembic', 'pandas', 'pyarrow', 'dask', 'distributed')"
        " if m in sys.modules))\n"
    )
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO,
                       env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "[]"
