"""``marsad ingest``: deduplication, bad input, crashes, and a run killed half-way then resumed.

Run as a user runs it (``python -m marsad ingest …`` in a subprocess, no terminal) on SQLite and,
when MARSAD_TEST_PG is set, PostgreSQL; the real coder codes the gold texts.
"""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from marsad import cli
from marsad.store import Store
from marsad.store.testing import BACKENDS, database, store_snapshot

REPO = Path(__file__).resolve().parents[1]
GOLD_AR = REPO / "tests" / "gold" / "ar"
FUSION = REPO / "tests" / "gold" / "fusion"
N_GOLD = len(list(GOLD_AR.glob("*.json")))


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path) -> str:
    with database(request.param, tmp_path) as url:
        yield url


def env() -> dict[str, str]:
    """As CI runs it; the hash seed is pinned so that runs compared with each other differ only in
    what the store does (fusion's own determinism is tested with fusion)."""
    return {**os.environ, "PYTHONPATH": str(REPO), "CI": "true", "PYTHONHASHSEED": "0"}


def marsad(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad", *args], stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, cwd=REPO, env=env(), timeout=600)


def summary(r: subprocess.CompletedProcess) -> dict[str, int]:
    """``{"ingested": n, "duplicates": n, "failed": n}`` from the summary ``marsad ingest`` prints."""
    out = {}
    for line in r.stdout.splitlines():
        word, _, rest = line.partition(" ")
        if word in ("ingested", "duplicates", "failed"):
            out[word] = int(rest.split()[0].rstrip(":"))
    return out


def gold_variants(path: Path, copies: int) -> Path:
    """JSON Lines of the gold texts and ``copies`` - 1 reworked copies of each (rotated paragraphs, a
    line added): reprints that near-duplicate detection should catch, or, without it, new articles."""
    lines = []
    for k in range(copies):
        for f in sorted(GOLD_AR.glob("*.json")):
            d = json.loads(f.read_text(encoding="utf-8"))
            paras = d["text"].split("\n\n")
            r = k % len(paras)
            text = "\n\n".join(paras[r:] + paras[:r]) + (f"\n\nنسخة {k}" if k else "")
            lines.append({"id": f"{d['id']}-{k}" if k else d["id"], "text": text, "language": "ar",
                          "outlet": d["source"]["outlet"], "publication_date": d["source"]["publication_date"]})
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    return path


def snapshot(db: str) -> dict:
    return store_snapshot(db)


# ---------------------------------------------------------------- the happy path


def test_ingest_gold_then_again_changes_nothing(db):
    first = marsad("ingest", str(GOLD_AR), "--db", db)
    assert first.returncode == 0, first.stderr
    assert summary(first) == {"ingested": N_GOLD, "duplicates": 0, "failed": 0}
    lines = [x for x in first.stderr.splitlines() if x.startswith("marsad: ingest: ") and ": coded" in x]
    assert len(lines) == N_GOLD  # plain log lines when standard error is not a terminal
    before = snapshot(db)
    second = marsad("ingest", str(GOLD_AR), "--db", db)
    assert second.returncode == 0, second.stderr
    assert summary(second) == {"ingested": 0, "duplicates": N_GOLD, "failed": 0}
    assert snapshot(db) == before


def test_fusion_gold_merges_reports_of_one_event(db, tmp_path):
    src = tmp_path / "fusion.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for f in sorted(FUSION.glob("*.json")):
            for a in json.loads(f.read_text(encoding="utf-8"))["articles"]:
                fh.write(json.dumps(a, ensure_ascii=False) + "\n")
    r = marsad("ingest", str(src), "--db", db)
    assert "merged into stored events" in r.stdout
    merged = int(r.stdout.split(" new, ")[1].split()[0])
    assert merged > 0
    with Store.open(db) as store:
        multi = [e for e in store.events() if len(e.record.sources) > 1]
    assert len(multi) > 0
    assert all(len({s.article_id.rsplit("-", 1)[0] for s in e.record.sources}) == 1 for e in multi), \
        "reports merged across fusion groups"


def test_near_duplicates_are_stored_but_not_coded(db, tmp_path):
    assert marsad("ingest", str(GOLD_AR), "--db", db).returncode == 0
    original = json.loads((GOLD_AR / "sahel-ar-001.json").read_text(encoding="utf-8"))
    reprint = tmp_path / "reprint.jsonl"
    reprint.write_text(json.dumps({"id": "reprint-1", "text": "خبر عاجل\n\n" + original["text"], "language": "ar",
                                   "outlet": "Copycat (fictional)"}, ensure_ascii=False) + "\n", encoding="utf-8")
    r = marsad("ingest", str(reprint), "--db", db)
    assert r.returncode == 0, r.stderr
    assert summary(r) == {"ingested": 0, "duplicates": 1, "failed": 0}
    with Store.open(db) as store:
        rows = {a["article_id"]: a for a in store.articles()}
    assert rows["reprint-1"]["status"] == "duplicate"
    assert rows["reprint-1"]["near_duplicate_of"] == rows["sahel-ar-001"]["id"]


# ---------------------------------------------------------------- bad input


def test_bad_input_is_reported_and_never_corrupts_the_store(db, tmp_path, monkeypatch, capsys):
    """A binary file, a feed that is not XML, an empty file and an article the coder crashes on:
    each is reported with its reason, the batch goes on, and the store holds every good article."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "scan.txt").write_bytes(b"\x89PNG\x00\x00\x01binary")
    (inbox / "feed.rss").write_text("this is not XML at all", encoding="utf-8")
    (inbox / "empty.txt").write_bytes(b"")
    for name in ("sahel-ar-001", "sahel-ar-002", "mena-ar-001"):
        (inbox / f"{name}.json").write_bytes((GOLD_AR / f"{name}.json").read_bytes())

    import marsad.store.engines as engines

    real = engines.load_coder()

    def crashing(article):
        if article.id == "sahel-ar-002":
            raise RuntimeError("the coder tripped")
        return real(article)

    monkeypatch.setattr(engines, "load_coder", lambda: crashing)
    status = cli.main(["ingest", str(inbox), "--db", db])
    out, err = capsys.readouterr()
    assert status == 1
    failed = dict(line.strip().split(": ", 1) for line in out.split("failed 4:\n")[1].splitlines()[:4])

    def reason(name: str) -> str:
        return next(why for ident, why in failed.items() if Path(ident).stem == name)

    assert reason("scan").startswith("binary data")
    assert "not XML" in reason("feed")
    assert reason("empty").startswith("empty file")
    assert reason("sahel-ar-002") == "coding failed: RuntimeError: the coder tripped"
    assert "ingested 2 article(s)" in out
    with Store.open(db) as store:
        rows = {a["article_id"]: a for a in store.articles()}
        assert store.counts()["articles"] == 3
    assert rows["sahel-ar-002"]["status"] == "failed" and "tripped" in rows["sahel-ar-002"]["error"]
    if not db.startswith("postgresql"):
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)

    monkeypatch.setattr(engines, "load_coder", lambda: real)  # the coder is fixed: the next run codes it
    status = cli.main(["ingest", str(inbox), "--db", db])
    out, _ = capsys.readouterr()
    assert "ingested 1 article(s)" in out and "duplicates 2" in out and "failed 3:" in out
    with Store.open(db) as store:
        assert {a["status"] for a in store.articles()} == {"coded"}


def test_usage_errors(tmp_path):
    r = marsad("ingest", str(GOLD_AR), "--db", str(tmp_path / "x.db"), "--workers", "2")
    assert r.returncode == 2 and "--engine dask" in r.stderr
    r = marsad("ingest", str(GOLD_AR), "--db", "postgresql://nobody@127.0.0.1:9/none")
    assert r.returncode == 1 and "cannot open the store" in r.stderr


# ---------------------------------------------------------------- killed and resumed


@pytest.mark.parametrize("backend", BACKENDS)
def test_killed_half_way_then_resumed_loses_and_duplicates_nothing(backend, tmp_path):
    src = gold_variants(tmp_path / "batch.jsonl", copies=4)
    total = sum(1 for _ in src.open(encoding="utf-8"))
    with database(backend, tmp_path) as reference, database(backend, tmp_path) as db:
        assert marsad("ingest", str(src), "--db", reference).returncode == 0

        proc = subprocess.Popen([sys.executable, "-m", "marsad", "ingest", str(src), "--db", db],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                cwd=REPO, env=env(), text=True)
        done = 0
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith("marsad: ingest: ") and (": coded" in line or ": duplicate" in line):
                done += 1
                if done == 40:
                    proc.send_signal(signal.SIGKILL)  # no clean-up, no flush: as when a machine dies
                    break
        proc.wait(timeout=60)
        proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL
        with Store.open(db, fuse=False) as store:
            stored = store.counts()["articles"]
        assert 40 <= stored < total, "the run should have been killed half-way"

        resumed = marsad("ingest", str(src), "--db", db)
        assert resumed.returncode == 0, resumed.stderr
        s = summary(resumed)
        assert s["failed"] == 0 and s["ingested"] + s["duplicates"] == total
        assert snapshot(db) == snapshot(reference)


# ---------------------------------------------------------------- progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_and_lines_otherwise(tmp_path):
    from marsad.store.engines import LocalEngine
    from marsad.store.ingestion import ProgressReporter, Reporter, ingest, make_reporter

    assert isinstance(make_reporter(_Terminal()), ProgressReporter)
    assert type(make_reporter(io.StringIO())) is Reporter
    screen = _Terminal()
    with Store.open(tmp_path / "p.db") as store, ProgressReporter(screen) as reporter:
        result = ingest([str(GOLD_AR / "sahel-ar-001.json"), str(tmp_path / "missing.txt")], store, LocalEngine(),
                        reporter=reporter)
    assert result.ingested == 1
    assert len(result.failed) == 1 and "no such file" in result.failed[0][1]
    text = screen.getvalue()
    assert "ingest" in text and "1 ingested" in text and "failed" in text
