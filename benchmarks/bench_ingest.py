"""Ingestion throughput: the local engine, and Dask with 1 and 2 worker processes.

Builds a corpus of at least 1,000 Arabic articles from the development gold texts (as
``bench_coder.py`` does: each text with its paragraphs rotated and a counter line, so every article
is new to deduplication and is coded), then ingests it into a fresh store with each engine and
reports articles per second. Each run is the whole of ``marsad ingest`` after start-up: reading,
content hashing and near-duplicate search, coding, fusing every event into the store (the
rotated copies of one text report the same events, so most events gather many sources) and one
transaction per article.

To explain the scaling it also measures, for each engine, how fast it codes when nothing is
stored (``coding_only_articles_per_s``: the engine's own ceiling), and in this process the two
halves apart: coding alone (what the workers do) and storing alone (what the client does:
deduplication, fusion, writes — the ceiling of every engine, since one client writes).

    python benchmarks/bench_ingest.py [--articles 1000] [--workers 1 2] [--postgres URL]

``--postgres`` runs on that PostgreSQL database (each run in a fresh schema, dropped afterwards)
instead of SQLite files in a temporary folder. Run by hand; the figures go in
benchmarks/README.md. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def corpus(n: int) -> list[dict]:
    """At least ``n`` articles from the Arabic gold texts, each made unique (see bench_coder.py)."""
    from bench_coder import corpus as coder_corpus

    return coder_corpus("ar", n)


@contextlib.contextmanager
def fresh_db(folder: Path, postgres: str | None) -> Iterator[str]:
    if not postgres:
        yield str(folder / f"bench-{uuid.uuid4().hex[:8]}.db")
        return
    import sqlalchemy as sa

    from marsad.store.database import create_engine_for, database_url

    base = database_url(postgres)
    schema = f"marsad_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine_for(base)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield base.update_query_dict({"options": f"-csearch_path={schema},public"}).render_as_string(False)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _warm() -> bool:
    """Run on every worker before timing: load the coder (lexicons, catalogue, gazetteer) once."""
    from marsad.models import Article
    from marsad.pipeline import code

    code(Article("warm", "قتل خمسة جنود في هجوم قرب ميناكا شمال مالي.", language="ar"))
    return True


def start(engine_name: str, workers: int) -> tuple[object, float]:
    """The engine, warmed up (every worker has loaded the coder), and how long that took."""
    from marsad.store.engines import DaskEngine, LocalEngine

    t0 = time.perf_counter()
    if engine_name == "local":
        engine: LocalEngine | DaskEngine = LocalEngine()
        _warm()
    else:
        engine = DaskEngine(workers=workers)
        engine.client.run(_warm)
    return engine, time.perf_counter() - t0


def coding_through(engine_name: str, workers: int, docs: list[dict]) -> float:
    """Articles per second the engine codes when nothing is stored: the engine's own ceiling."""
    from collections import deque

    from marsad.ingest import article_from_record

    articles = [article_from_record(d) for d in docs]
    engine, _ = start(engine_name, workers)
    try:
        t0 = time.perf_counter()
        pending: deque = deque()
        for a in articles:
            pending.append(engine.submit(a))
            while len(pending) > engine.window:
                pending.popleft().result()
        while pending:
            pending.popleft().result()
        return round(len(articles) / (time.perf_counter() - t0), 1)
    finally:
        engine.close()


def run(engine_name: str, workers: int, source: Path, db: str) -> dict:
    from marsad.store import Store
    from marsad.store.ingestion import Reporter, ingest

    engine, startup = start(engine_name, workers)
    try:
        with Store.open(db) as store, open(os.devnull, "w") as quiet:
            t1 = time.perf_counter()
            summary = ingest([str(source)], store, engine, reporter=Reporter(quiet))
            elapsed = time.perf_counter() - t1
            counts = store.counts()
    finally:
        engine.close()
    assert not summary.failed, summary.failed[:3]
    return {"engine": engine_name if engine_name == "local" else f"dask ({workers} worker process(es))",
            "startup_s": round(startup, 2), "ingest_s": round(elapsed, 2),
            "articles_per_s": round(summary.ingested / elapsed, 1),
            "articles": summary.ingested, "events": counts["events"], "merged": summary.merged_events}


def halves(docs: list[dict], db: str) -> dict:
    """Coding alone and storing alone (deduplication, fusion, writes), in this process."""
    from marsad.ingest import article_from_record
    from marsad.pipeline import code
    from marsad.store import Store
    from marsad.store.ingestion import Deduplicator

    _warm()
    articles = [article_from_record(d) for d in docs]
    t0 = time.perf_counter()
    coded = [code(a) for a in articles]
    coding = time.perf_counter() - t0
    with Store.open(db) as store:
        dedupe = Deduplicator(store)
        t1 = time.perf_counter()
        for c in coded:
            work = dedupe.check(c.article)
            store.save_coded(c, work.hash)
        storing = time.perf_counter() - t1
    n = len(docs)
    return {"this_process": {"coding_articles_per_s": round(n / coding, 1),
                             "storing_articles_per_s": round(n / storing, 1),
                             "coding_share_of_local_time": round(coding / (coding + storing), 2)}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--postgres", metavar="URL", help="run on this PostgreSQL database instead of SQLite")
    a = ap.parse_args()
    docs = corpus(a.articles)
    results = []
    configs = [("local", 0)] + [("dask", w) for w in a.workers]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "corpus.jsonl"
        source.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
        for name, w in configs:
            with fresh_db(folder, a.postgres) as db:
                result = run(name, w, source, db)
            result["coding_only_articles_per_s"] = coding_through(name, w, docs)
            results.append(result)
        with fresh_db(folder, a.postgres) as db:
            split = halves(docs, db)
    print(json.dumps({"store": "postgresql" if a.postgres else "sqlite", "cpus": os.cpu_count(),
                      "articles": len(docs), "runs": results, **split}, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
