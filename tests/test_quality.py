"""Quality gate: the figures Marsad reached on its development gold set may not fall.

The floors live in ``tests/quality_floors.json`` (the figures measured when they were last raised,
rounded down a little). Raising them is part of improving the coder; lowering them needs a reason in
the commit message. The seed article of ``../shared/dev`` must stay perfect.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.evaluate.runner import predict
from marsad.evaluate.scoring import load_gold, score
from marsad.pipeline import code

HERE = Path(__file__).parent
FLOORS = json.loads((HERE / "quality_floors.json").read_text(encoding="utf-8"))
SHARED_DEV = HERE.parent.parent / "shared" / "dev"


def _figures(gold_dir: Path) -> dict:
    gold = load_gold([gold_dir])
    errors: list[tuple[str, str]] = []
    pred = predict(gold, code, lambda gid, reason: errors.append((gid, reason)))
    assert not errors, errors
    return score(gold, pred)[0]


@pytest.mark.parametrize("part", sorted(FLOORS["gold"]))
def test_development_set_does_not_fall(part: str) -> None:
    res = _figures(HERE / "gold" / part)
    floors = FLOORS["gold"][part]
    low = {k: (res[k], v) for k, v in floors.items() if res[k] is None or res[k] < v}
    assert not low, f"{part}: figures below their floors (measured, floor): {low}"
    assert res["negative_articles_clean"] == res["negative_articles"], "a negative article yielded events"


@pytest.mark.skipif(not SHARED_DEV.is_dir(), reason="../shared/dev is not beside the repository")
def test_seed_is_coded_exactly() -> None:
    res = _figures(SHARED_DEV)
    assert res["event_f1"] == 1.0
    assert res["exact_rows"] == 1.0
    assert res["claims_found"] == "5/5"
