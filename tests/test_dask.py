"""``marsad ingest --engine dask``: coding on a Dask cluster gives the store the local engine gives.

The workers code (the real coder, on the gold texts); the client deduplicates, fuses and writes,
in input order — so the stored result must be identical, row for row, to the local engine's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.models import Article
from marsad.store import Store
from marsad.store.engines import DaskEngine, LocalEngine, code_on_worker
from marsad.store.ingestion import ingest
from marsad.store.testing import BACKENDS, database, store_snapshot

REPO = Path(__file__).resolve().parents[1]
GOLD_AR = REPO / "tests" / "gold" / "ar"
FUSION = REPO / "tests" / "gold" / "fusion"


@pytest.fixture(scope="module")
def cluster_engine():
    """A LocalCluster of two workers (threads of this process: enough to test the engine's plumbing)."""
    engine = DaskEngine(workers=2, processes=False)
    yield engine
    engine.close()


@pytest.fixture
def sources(tmp_path) -> list[str]:
    """The Arabic gold set and the fusion gold set (so that events merge), as ingestion sources."""
    fusion = tmp_path / "fusion.jsonl"
    with fusion.open("w", encoding="utf-8") as fh:
        for f in sorted(FUSION.glob("*.json")):
            for a in json.loads(f.read_text(encoding="utf-8"))["articles"]:
                fh.write(json.dumps(a, ensure_ascii=False) + "\n")
    return [str(GOLD_AR), str(fusion)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_dask_engine_stores_what_the_local_engine_stores(backend, tmp_path, sources, cluster_engine):
    assert cluster_engine.threads == 2
    with database(backend, tmp_path) as local_db, database(backend, tmp_path) as dask_db:
        with Store.open(local_db) as store:
            local = ingest(sources, store, LocalEngine())
        with Store.open(dask_db) as store:
            remote = ingest(sources, store, cluster_engine)
        assert (remote.ingested, remote.new_events, remote.merged_events) == \
               (local.ingested, local.new_events, local.merged_events)
        assert remote.failed == local.failed and remote.duplicates == local.duplicates
        assert local.ingested > 40 and local.merged_events > 0
        assert store_snapshot(dask_db) == store_snapshot(local_db)


def test_an_article_that_crashes_a_worker_is_recorded_and_the_batch_goes_on(tmp_path):
    def fragile(article: Article):
        if article.id == "sahel-ar-003":
            raise MemoryError("worker ran out of memory")
        return code_on_worker(article)

    engine = DaskEngine(workers=2, processes=False, coder=fragile)
    try:
        with Store.open(tmp_path / "crash.db") as store:
            result = ingest([str(GOLD_AR)], store, engine)
            rows = {a["article_id"]: a for a in store.articles()}
    finally:
        engine.close()
    assert result.failed == [("sahel-ar-003", "coding failed on the cluster: MemoryError: worker ran out of memory")]
    assert result.ingested == len(list(GOLD_AR.glob("*.json"))) - 1
    assert rows["sahel-ar-003"]["status"] == "failed"


def test_cli_dask_engine_with_worker_processes(tmp_path):
    """``--engine dask --workers 2`` starts a LocalCluster of two worker processes and stops it."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "CI": "true", "PYTHONHASHSEED": "0"}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "marsad", "ingest", str(GOLD_AR), *args],
                              capture_output=True, text=True, cwd=REPO, env=env, timeout=600,
                              stdin=subprocess.DEVNULL)

    dask_run = run("--db", str(tmp_path / "dask.db"), "--engine", "dask", "--workers", "2")
    assert dask_run.returncode == 0, dask_run.stderr
    assert "dask engine (2 worker thread(s) on a local cluster)" in dask_run.stderr
    assert run("--db", str(tmp_path / "local.db")).returncode == 0
    assert store_snapshot(str(tmp_path / "dask.db")) == store_snapshot(str(tmp_path / "local.db"))


def test_unreachable_scheduler_is_reported(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO), "CI": "true", "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    r = subprocess.run([sys.executable, "-m", "marsad", "ingest", str(GOLD_AR), "--db", str(tmp_path / "x.db"),
                        "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"],
                       capture_output=True, text=True, cwd=REPO, env=env, timeout=120, stdin=subprocess.DEVNULL)
    assert r.returncode == 1
    assert "cannot start the dask engine (tcp://127.0.0.1:9)" in r.stderr
