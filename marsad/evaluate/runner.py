"""``marsad evaluate``: score predictions (or Marsad itself) against gold files.

The figures come from :mod:`marsad.evaluate.scoring`, the vendored copy of the project's evaluator
``shared/eval/score.py``, and :func:`render` prints them exactly as that script does, so the two
commands can be compared line for line::

    python3 ../shared/eval/score.py --gold tests/gold/ --pred events.jsonl
    marsad evaluate --gold tests/gold/ --pred events.jsonl          # the same output

Without ``--pred``, :func:`predict` codes the gold articles with Marsad first, just as
``marsad code tests/gold/ --format jsonl`` would, and scores that.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from marsad.evaluate.scoring import score
from marsad.export.writers import dumps_article
from marsad.ingest import IngestError, article_from_record, detect_language
from marsad.models import Article, CodedArticle

Gold = dict[str, dict[str, Any]]
Predictions = dict[str, list[dict[str, Any]]]


def render(res: dict[str, Any], lines: list[str], *, as_json: bool = False, explain: bool = False) -> str:
    """The scorer's output, character for character as ``score.py`` prints it."""
    out = []
    if explain:
        out.append("\n".join(lines))
    if as_json:
        out.append(json.dumps(res, indent=2))
    else:
        width = max(len(k) for k in res)
        out.extend(f"{k:<{width}}  {v}" for k, v in res.items())
    return "\n".join(out) + "\n"


def gold_language(doc: dict[str, Any]) -> str:
    """A gold article's language: its ``language`` field, else detected from its text."""
    if doc.get("language"):
        return str(doc["language"])
    text = doc.get("text")
    return (detect_language(text).code if isinstance(text, str) else None) or "unknown"


def score_by_language(gold: Gold, pred: Predictions) -> dict[str, dict[str, Any]]:
    """The scorer's figures for each language of the gold set separately (sorted by language)."""
    groups: dict[str, Gold] = {}
    for gid, doc in gold.items():
        groups.setdefault(gold_language(doc), {})[gid] = doc
    return {lang: score(groups[lang], pred)[0] for lang in sorted(groups)}


def render_by_language(
    overall: dict[str, Any], per_language: dict[str, dict[str, Any]], *, as_json: bool
) -> str:
    """The per-language figures after the overall ones; one JSON object when ``as_json``."""
    if as_json:
        return json.dumps({"all": overall, "by_language": per_language}, indent=2) + "\n"
    parts = []
    for lang, res in per_language.items():
        parts.append(f"\n[{lang}] {res['articles']} article(s)\n" + render(res, []))
    return "".join(parts)


def predict(
    gold: Gold,
    code: Callable[[Article], CodedArticle],
    on_error: Callable[[str, str], None],
) -> Predictions:
    """Code every gold article with ``code`` and return the events as the scorer reads them.

    The events go through the same JSON as ``marsad code --format jsonl`` writes, so the figures
    are those of the command-line output. An article that cannot be read or coded is reported
    through ``on_error(id, reason)`` and left without a prediction (the scorer counts it under
    ``articles_without_prediction``).
    """
    pred: Predictions = {}
    for gid, doc in sorted(gold.items()):
        article = article_from_record(doc, default_id=gid)
        if isinstance(article, IngestError):
            on_error(gid, article.reason)
            continue
        coded = code(article)
        if coded.error:
            on_error(gid, coded.error)
            continue
        pred[gid] = json.loads(dumps_article(coded))["events"]
    return pred
