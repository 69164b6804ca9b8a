"""Evaluate: the project's scorer (vendored ``shared/eval/score.py``) behind ``marsad evaluate``.

>>> from marsad.evaluate import load_gold, load_pred, score, render
>>> res, lines = score(load_gold(["tests/gold/"]), load_pred("events.jsonl"))   # doctest: +SKIP
>>> print(render(res, lines), end="")                                          # doctest: +SKIP
articles                     40
...
"""

from marsad.evaluate.runner import predict, render, render_by_language, score_by_language
from marsad.evaluate.scoring import load_gold, load_pred, score

__all__ = ["load_gold", "load_pred", "predict", "render", "render_by_language", "score", "score_by_language"]
