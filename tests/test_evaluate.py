"""``marsad evaluate`` is the project's evaluator: same figures, same output as ``shared/eval/score.py``.

The prediction files are written here from real records (``test_export.seed_coded``) with Marsad's
own JSON Lines writer, as ``marsad code --format jsonl`` would write them.
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli import require_coder
from test_export import failed_coded, seed_coded

from marsad.evaluate import load_gold, load_pred, render, score
from marsad.evaluate.runner import predict, score_by_language
from marsad.export import JsonlWriter
from marsad.models import ActorRef, Article, CodedArticle, EventRecord

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCORE_PY = SHARED / "eval" / "score.py"
SEED_GOLD = SHARED / "dev" / "seed-ar-001.json"

needs_shared = pytest.mark.skipif(not SCORE_PY.exists(), reason="../shared is not beside the repository")

EN_TEXT = "Gunmen attacked the village of Dar in Borno state on Monday, killing five civilians, police said."


def english_gold() -> dict:
    return {
        "id": "dev-en-001",
        "language": "en",
        "source": {"outlet": "Wire", "url": None, "publication_date": "2023-03-08"},
        "text": EN_TEXT,
        "events": [{
            "event_date": "2023-03-06", "date_alternates": [], "date_precision": "day",
            "event_type": "Violence against civilians", "sub_event_type": "Attack",
            "sub_event_alternates": [],
            "actors": [{"role": "actor1", "name": "Unidentified Armed Group (Nigeria)", "aliases": []},
                       {"role": "actor2", "name": "Civilians (Nigeria)", "aliases": ["Civilians"]}],
            "country": "Nigeria", "admin1": "Borno", "location": "Dar", "location_aliases": [],
            "latitude": None, "longitude": None, "geo_precision": 1,
            "fatalities": 5, "fatalities_low": 5, "fatalities_high": 5,
            "claims": [{"claimant": "Police Forces of Nigeria", "type": "report", "killed": 5,
                        "victim": "Civilians (Nigeria)", "via": None}],
            "certainty": "confirmed", "required": True,
        }],
        "notes": "",
    }


def negative_gold() -> dict:
    return {"id": "analysis", "language": "ar", "source": {"outlet": "X", "publication_date": "2023-01-01"},
            "text": "تحليل سياسي عن مستقبل الساحل", "events": [], "notes": "analysis, no event"}


def english_coded(day: str = "2023-03-07") -> CodedArticle:
    """A prediction for the English gold: right place and actors, a day late, one more dead."""
    event = EventRecord(
        event_date=dt.date.fromisoformat(day), time_precision=1, disorder_type="Political violence",
        event_type="Violence against civilians", sub_event_type="Attack",
        actor1=ActorRef("Unidentified Armed Group (Nigeria)", 3), actor2=ActorRef("Civilians (Nigeria)", 7),
        country="Nigeria", admin1="Borno", location="Dar", latitude=None, longitude=None, geo_precision=1,
        fatalities=6, fatalities_low=5, fatalities_high=6, civilian_targeting="Civilian targeting",
    )
    return CodedArticle(Article("dev-en-001", EN_TEXT, language="en"), [event])


def spurious_coded() -> CodedArticle:
    """An event coded from the negative article: a false positive."""
    coded = seed_coded()
    return CodedArticle(Article("analysis", "…", language="ar"), coded.events[:1])


@pytest.fixture
def gold_dir(tmp_path) -> Path:
    gold = tmp_path / "gold"
    (gold / "en").mkdir(parents=True)
    if SEED_GOLD.exists():
        shutil.copy(SEED_GOLD, gold / "seed-ar-001.json")
    (gold / "en" / "dev-en-001.json").write_text(json.dumps(english_gold()), encoding="utf-8")
    (gold / "analysis.json").write_text(json.dumps(negative_gold(), ensure_ascii=False), encoding="utf-8")
    (gold / "README.md").write_text("not gold", encoding="utf-8")
    return gold


def write_pred(path: Path, coded: list[CodedArticle]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        writer = JsonlWriter(fh)
        for c in coded:
            writer.write(c)
        writer.close()
    return path


@pytest.fixture
def pred_file(tmp_path) -> Path:
    coded = [seed_coded(), english_coded(), spurious_coded(), failed_coded()]
    return write_pred(tmp_path / "pred.jsonl", coded)


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=REPO, env=env,
                          stdin=subprocess.DEVNULL, timeout=300)


# ---------------------------------------------------------------- the same evaluator


def _definitions(path: Path) -> dict[str, str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            out[node.name] = ast.dump(node)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.Import | ast.ImportFrom):
            out[ast.unparse(node).split("=")[0].strip()] = ast.dump(node)
    return out


@needs_shared
def test_vendored_scorer_is_a_copy_of_shared_score_py():
    shared = _definitions(SCORE_PY)
    vendored = _definitions(REPO / "marsad" / "evaluate" / "scoring.py")
    assert shared.keys() == vendored.keys()
    changed = [name for name in shared if shared[name] != vendored[name]]
    assert not changed, f"scoring.py differs from shared/eval/score.py in {changed}: copy it again"


@needs_shared
@pytest.mark.parametrize("flags", [[], ["--json"], ["--explain"], ["--explain", "--json"]])
def test_marsad_evaluate_prints_exactly_what_score_py_prints(gold_dir, pred_file, flags):
    args = ["--gold", str(gold_dir), "--pred", str(pred_file), *flags]
    theirs = run(str(SCORE_PY), *args)
    ours = run("-m", "marsad", "evaluate", *args)
    assert theirs.returncode == 0, theirs.stderr
    assert ours.returncode == 0, ours.stderr
    assert ours.stdout == theirs.stdout
    assert "articles_without_prediction" in ours.stdout or '"articles_without_prediction"' in ours.stdout


@needs_shared
def test_same_output_with_several_gold_arguments(gold_dir, pred_file):
    args = ["--gold", str(gold_dir / "en"), "--gold", str(gold_dir / "analysis.json"),
            "--pred", str(pred_file)]
    assert run("-m", "marsad", "evaluate", *args).stdout == run(str(SCORE_PY), *args).stdout


# ---------------------------------------------------------------- figures


@needs_shared
def test_the_seed_records_score_perfectly_on_the_seed_gold(tmp_path):
    pred = load_pred(write_pred(tmp_path / "p.jsonl", [seed_coded()]))
    res, _ = score(load_gold([SEED_GOLD]), pred)
    assert res["event_f1"] == 1.0 and res["exact_rows"] == 1.0
    assert res["claims_found"] == "5/5"


def test_figures_on_a_gold_set_written_here(gold_dir, pred_file):
    gold = {k: v for k, v in load_gold([gold_dir]).items() if k != "seed-ar-001"}
    res, lines = score(gold, load_pred(pred_file), explain=True)
    assert res["articles"] == 2 and res["negative_articles"] == 1 and res["negative_articles_clean"] == 0
    assert res["gold_required_events"] == 1 and res["predicted_events"] == 2
    assert res["event_recall"] == 1.0 and res["event_precision"] == 0.5
    assert res["date_accuracy"] == 0.0 and res["actors_accuracy"] == 1.0
    assert "dev-en-001 gold#0 ~ pred#0: wrong: date, fatalities, fatalities_in_range" in lines
    assert any(line.startswith("analysis pred#0 SPURIOUS") for line in lines)


def test_render_matches_the_scorers_print_layout():
    res = {"articles": 2, "event_f1": 0.5}
    assert render(res, []) == "articles  2\nevent_f1  0.5\n"
    assert render(res, [], explain=True) == "\narticles  2\nevent_f1  0.5\n"
    assert render(res, ["a", "b"], as_json=True, explain=True) == "a\nb\n" + json.dumps(res, indent=2) + "\n"


# ---------------------------------------------------------------- --by-language


def test_by_language_scores_each_language_apart(gold_dir, pred_file):
    per = score_by_language(load_gold([gold_dir]), load_pred(pred_file))
    assert list(per) == ["ar", "en"]
    assert per["en"]["articles"] == 1 and per["en"]["event_recall"] == 1.0


def test_by_language_on_the_command_line(gold_dir, pred_file):
    args = ["-m", "marsad", "evaluate", "--gold", str(gold_dir), "--pred", str(pred_file)]
    plain, by_lang = run(*args), run(*args, "--by-language")
    assert by_lang.returncode == 0, by_lang.stderr
    assert by_lang.stdout.startswith(plain.stdout)  # the overall figures first, unchanged
    rest = by_lang.stdout[len(plain.stdout):]
    assert "\n[ar] " in rest and "\n[en] 1 article(s)\n" in rest
    as_json = json.loads(run(*args, "--by-language", "--json").stdout)
    assert set(as_json) == {"all", "by_language"} and set(as_json["by_language"]) == {"ar", "en"}
    assert as_json["all"] == json.loads(run(*args, "--json").stdout)


# ---------------------------------------------------------------- errors


def test_no_gold_files_is_a_usage_error(tmp_path, pred_file):
    (tmp_path / "empty").mkdir()
    r = run("-m", "marsad", "evaluate", "--gold", str(tmp_path / "empty"), "--pred", str(pred_file))
    assert r.returncode == 2 and r.stderr.strip() == f"marsad: no gold files found in {tmp_path / 'empty'}"


def test_unreadable_predictions_are_a_usage_error(gold_dir, tmp_path):
    r = run("-m", "marsad", "evaluate", "--gold", str(gold_dir), "--pred", str(tmp_path / "missing.jsonl"))
    assert r.returncode == 2 and r.stderr.startswith("marsad: cannot read the predictions")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    r = run("-m", "marsad", "evaluate", "--gold", str(gold_dir), "--pred", str(bad))
    assert r.returncode == 2 and "cannot read the predictions" in r.stderr


def test_gold_is_required():
    r = run("-m", "marsad", "evaluate")
    assert r.returncode == 2 and "--gold" in r.stderr


# ---------------------------------------------------------------- coding the gold set


def test_predict_reports_articles_that_cannot_be_coded(gold_dir):
    gold = load_gold([gold_dir])
    gold["blank"] = {"id": "blank", "text": " ", "events": []}
    errors: list[tuple[str, str]] = []

    def coder_that_fails(article: Article) -> CodedArticle:
        return CodedArticle(article, error="coding failed: RuntimeError: boom")

    assert predict(gold, coder_that_fails, lambda i, r: errors.append((i, r))) == {}
    assert ("blank", "empty text") in errors
    assert ("dev-en-001", "coding failed: RuntimeError: boom") in errors


def test_predict_passes_events_through_the_jsonl_form(gold_dir):
    gold = {k: v for k, v in load_gold([gold_dir]).items() if k == "dev-en-001"}
    pred = predict(gold, lambda article: english_coded(), lambda i, r: None)
    buffer = io.StringIO()
    JsonlWriter(buffer).write(english_coded())
    assert pred == {"dev-en-001": json.loads(buffer.getvalue())["events"]}


@needs_shared
def test_evaluate_without_pred_codes_the_gold_like_marsad_code(tmp_path):
    require_coder()
    coded = run("-m", "marsad", "code", str(SEED_GOLD), "--format", "jsonl")
    assert coded.returncode == 0, coded.stderr
    pred = tmp_path / "p.jsonl"
    pred.write_text(coded.stdout, encoding="utf-8")
    ours = run("-m", "marsad", "evaluate", "--gold", str(SHARED / "dev"))
    assert ours.returncode == 0, ours.stderr
    assert ours.stdout == run(str(SCORE_PY), "--gold", str(SHARED / "dev"), "--pred", str(pred)).stdout
