"""The ``marsad`` command, run as a user runs it: ``python3 -m marsad …`` in a subprocess.

Tests that need the coder itself (``marsad.pipeline``) skip until that module exists; everything
about reading, failing, exit codes and output formats is tested without it.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from marsad import cli
from marsad.export import CSV_COLUMNS
from marsad.models import Article, CodedArticle

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "samples" / "seed-ar-001.txt"
AR = "اشتدت المعارك اليوم الخميس غرب ولاية ميناكا شمال مالي بين جماعة نصرة الإسلام والمسلمين وتنظيم داعش."
EN = "Clashes broke out on Thursday between the two groups in the west of the Menaka region, sources said."


def require_coder() -> None:
    """Skip the calling test while the coder (``marsad.pipeline``) has not been written."""
    if importlib.util.find_spec("marsad.pipeline") is None:
        pytest.skip("marsad.pipeline (the coder) does not exist yet")


def marsad(*args: str, stdin: bytes | None = None, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """Run ``python3 -m marsad ARGS`` as CI does: no terminal, no standard input unless given."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "CI": "true"}
    return subprocess.run(
        [sys.executable, "-m", "marsad", *args],
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )


def out(r: subprocess.CompletedProcess) -> str:
    return r.stdout.decode("utf-8")


def err_lines(r: subprocess.CompletedProcess) -> list[str]:
    return r.stderr.decode("utf-8").splitlines()


@pytest.fixture
def bad_folder(tmp_path) -> Path:
    """A batch in which every article is bad, each in its own way."""
    d = tmp_path / "batch"
    d.mkdir()
    (d / "a-empty.txt").write_bytes(b"")
    (d / "b-binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)))
    (d / "c-latin1.txt").write_bytes("Des affrontements ont éclaté jeudi".encode("latin-1"))
    (d / "d-russian.txt").write_text("Боевики атаковали деревню в понедельник.", encoding="utf-8")
    (d / "e-lines.jsonl").write_text('{"id": "x1", "text": ""}\n{broken\n', encoding="utf-8")
    with (d / "f-huge.txt").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    return d


BAD_FOLDER_ERRORS = [
    "marsad: a-empty: empty file",
    "marsad: b-binary: binary data, not text (contains NUL bytes)",
    "marsad: c-latin1: not UTF-8 text (invalid byte 0xe9 at offset 22)",
    "marsad: d-russian: unsupported language: the text is in Cyrillic script (Marsad reads ar, en, fr)",
    "marsad: x1: empty text (line 1)",
    "marsad: e-lines.jsonl:2: invalid JSON on line 2: Expecting property name enclosed in double quotes "
    "(column 2)",
    "marsad: f-huge: file too large: 52,428,800 bytes, over the 5,000,000-byte limit (--max-bytes)",
]


# ---------------------------------------------------------------- usage


def test_version():
    r = marsad("--version")
    assert r.returncode == 0 and out(r).startswith("marsad ")


def test_help_names_both_commands():
    r = marsad("--help")
    assert r.returncode == 0 and "code" in out(r) and "evaluate" in out(r)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "the following arguments are required: COMMAND"),
        (["code"], "the following arguments are required: SOURCE"),
        (["code", "x.txt", "--date", "3 Nov 2022"], "invalid date '3 Nov 2022': expected YYYY-MM-DD"),
        (["code", "x.txt", "--max-bytes", "lots"], "invalid size 'lots'"),
        (["code", "x.txt", "--max-bytes", "0"], "invalid size '0'"),
        (["code", "x.txt", "--format", "xml"], "invalid choice: 'xml'"),
        (["code", "x.txt", "--language", "de"], "invalid choice: 'de'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_usage_errors_exit_2(args, message):
    r = marsad(*args)
    assert r.returncode == 2
    assert message in r.stderr.decode("utf-8")


def test_byte_sizes():
    assert [cli._byte_size(s) for s in ("5000000", "5M", "5MB", "500k", "1.5M", "1G")] == [
        5_000_000, 5_000_000, 5_000_000, 500_000, 1_500_000, 1_000_000_000]


def test_unwritable_output_is_a_usage_error(tmp_path):
    r = marsad("code", str(SEED), "--output", str(tmp_path / "no" / "such" / "dir.jsonl"))
    assert r.returncode == 2
    target = tmp_path / "no" / "such" / "dir.jsonl"
    assert err_lines(r) == [f"marsad: cannot write {target}: No such file or directory"]


# ---------------------------------------------------------------- bad input (no coder needed)


def test_bad_inputs_fail_one_line_each_and_exit_1(bad_folder):
    r = marsad("code", str(bad_folder), "--format", "jsonl")
    assert r.returncode == 1
    assert err_lines(r) == BAD_FOLDER_ERRORS
    lines = [json.loads(line) for line in out(r).splitlines()]
    ids = ["a-empty", "b-binary", "c-latin1", "d-russian", "x1", "e-lines.jsonl:2", "f-huge"]
    assert [d["id"] for d in lines] == ids
    assert all(d["events"] == [] and d["error"] for d in lines)


def test_missing_source_and_empty_stdin():
    r = marsad("code", "no-such-file.txt", "-", stdin=b"")
    assert r.returncode == 1
    assert err_lines(r) == ["marsad: no-such-file.txt: no such file or folder", "marsad: stdin: empty input"]


def test_no_stdin_at_all():
    r = marsad("code", "-")  # stdin is /dev/null, as in CI
    assert r.returncode == 1 and err_lines(r) == ["marsad: stdin: empty input"]


def test_output_file_gets_the_records_and_stderr_the_errors(bad_folder, tmp_path):
    target = tmp_path / "out.jsonl"
    r = marsad("code", str(bad_folder / "a-empty.txt"), "-f", "jsonl", "-o", str(target))
    assert r.returncode == 1 and out(r) == ""
    written = json.loads(target.read_text(encoding="utf-8"))
    assert written == {"id": "a-empty", "events": [], "error": "empty file"}


def test_json_csv_and_table_of_failures(bad_folder):
    source = str(bad_folder / "a-empty.txt")
    assert json.loads(out(marsad("code", source, "-f", "json"))) == [
        {"id": "a-empty", "events": [], "error": "empty file"}]
    assert out(marsad("code", source, "-f", "csv")).splitlines() == [",".join(CSV_COLUMNS)]
    table = out(marsad("code", source))
    assert "1 article(s), 0 event(s), 1 failed" in table and "failed: a-empty: empty file" in table


def test_max_bytes_raises_the_limit(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"\x00" * 6_000_000)
    r = marsad("code", str(tmp_path / "big.txt"), "--max-bytes", "7M", "-f", "jsonl")
    assert err_lines(r) == ["marsad: big: binary data, not text (contains NUL bytes)"]  # read, then refused


# ---------------------------------------------------------------- coding failures (in process)


def _write_articles(tmp_path: Path) -> list[str]:
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "b.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"")
    return [str(tmp_path / n) for n in ("a.txt", "c.txt", "b.txt")]


def test_an_exception_while_coding_fails_that_article_and_the_batch_goes_on(tmp_path, monkeypatch, capsys):
    attempted: list[str] = []

    def coder_that_raises(article: Article) -> CodedArticle:
        attempted.append(article.id)
        raise ValueError(f"no trigger table for {article.language}\nsecond line")

    monkeypatch.setattr(cli, "load_coder", lambda: coder_that_raises)
    status = cli.main(["code", *_write_articles(tmp_path), "--format", "jsonl"])
    captured = capsys.readouterr()
    assert status == 1
    assert attempted == ["a", "b"]
    assert captured.err.splitlines() == [
        "marsad: a: coding failed: ValueError: no trigger table for ar second line",
        "marsad: c: empty file",
        "marsad: b: coding failed: ValueError: no trigger table for en second line",
    ]
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == ["a", "c", "b"]


def test_a_coder_that_cannot_load_fails_every_article_once(tmp_path, monkeypatch, capsys):
    def unavailable() -> cli.Coder:
        raise cli.CoderUnavailable("cannot load the coder (marsad.pipeline): ImportError: broken")

    monkeypatch.setattr(cli, "load_coder", unavailable)
    assert cli.main(["code", *_write_articles(tmp_path), "-f", "csv"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "marsad: a: cannot load the coder (marsad.pipeline): ImportError: broken",
        "marsad: c: empty file",
        "marsad: b: cannot load the coder (marsad.pipeline): ImportError: broken",
    ]


def test_code_one_turns_exceptions_into_failed_articles():
    def boom(article: Article) -> CodedArticle:
        raise KeyError("actor")

    coded = cli.code_one(boom, Article("x", AR))
    assert coded.error == "coding failed: KeyError: 'actor'" and coded.events == []


# ---------------------------------------------------------------- with the coder


def test_code_the_bundled_samples():
    require_coder()
    r = marsad("code", "samples/")
    assert r.returncode == 0, r.stderr
    assert "seed-ar-001" in out(r) and "event(s)" in out(r)


def test_code_jsonl_follows_the_output_contract():
    require_coder()
    r = marsad("code", str(SEED), "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    (line,) = out(r).splitlines()
    doc = json.loads(line)
    assert doc["id"] == "seed-ar-001" and isinstance(doc["events"], list) and "error" not in doc
    for event in doc["events"]:
        assert {"event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
                "location", "latitude", "longitude", "fatalities", "claims", "certainty"} <= set(event)


def test_code_stdin_with_date_and_outlet():
    require_coder()
    r = marsad("code", "-", "--date", "2022-11-03", "--outlet", "Akhbar Al Aan", "-f", "json",
               stdin=SEED.read_bytes())
    assert r.returncode == 0, r.stderr
    (doc,) = json.loads(out(r))
    assert doc["id"] == "stdin"


def test_good_and_bad_articles_in_one_batch(bad_folder):
    require_coder()
    r = marsad("code", str(bad_folder / "a-empty.txt"), str(SEED), "-f", "csv")
    assert r.returncode == 1
    assert err_lines(r) == ["marsad: a-empty: empty file"]
    rows = list(csv.reader(io.StringIO(out(r))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert {row[-1] for row in rows[1:]} <= {"seed-ar-001"}
