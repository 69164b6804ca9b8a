# ruff: noqa: E501, B007
# Vendored from the project's evaluator, ../shared/eval/score.py, so that `marsad evaluate` works
# without ../shared beside the repository. It MUST be kept identical in behaviour to that file:
# below this header the code is a verbatim copy (only the module docstring is new), and
# tests/test_evaluate.py compares every function of the two files and their output on the same
# gold and prediction files. When shared/eval/score.py changes, copy it here again.
"""Score coded conflict events against hand-coded gold files (vendored ``shared/eval/score.py``).

Usage:
  score.py --gold DIR_OR_FILE [--gold ...] --pred PRED.jsonl [--json] [--explain]

Gold format: shared/spec/gold-format.md.  Prediction format: shared/spec/output-contract.md.
Standard library only, so it runs anywhere the project runs.

In Marsad, run it as ``marsad evaluate`` (:mod:`marsad.evaluate.runner`); ``python -m
marsad.evaluate.scoring`` runs this copy exactly as ``python3 shared/eval/score.py`` would.
"""
from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import math
import re
import sys
import unicodedata
from pathlib import Path

GEO_KM = 25.0          # a located event counts as well placed within this distance
ELIGIBLE_KM = 100.0    # beyond this distance two events are never the same event
DAY_TOLERANCE = {"day": 1, "week": 7, "month": 31}

_STOP = {"the", "of", "and", "al", "el", "le", "la", "les", "de", "du", "des", "group", "groupe"}


# ---------------------------------------------------------------- normalisation

def norm(s) -> str:
    if s is None:
        return ""
    if isinstance(s, dict):
        s = s.get("name") or ""
    s = unicodedata.normalize("NFKD", str(s))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("'", "").replace("\u2019", "").replace("`", "")
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.split())


def tokens(s: str) -> set:
    return {t for t in norm(s).split() if t not in _STOP}


def same_name(pred, names) -> bool:
    """True when a predicted name matches one of the accepted names."""
    p = norm(pred)
    if not p:
        return False
    ptok = tokens(p)
    for n in names:
        g = norm(n)
        if not g:
            continue
        if p == g:
            return True
        if difflib.SequenceMatcher(None, p, g).ratio() >= 0.88:
            return True
        gtok = tokens(g)
        # an acronym or short alias standing as a whole word in the prediction
        if len(g) >= 4 and len(gtok) == 1 and gtok <= ptok:
            return True
        if gtok and ptok and gtok == ptok:
            return True
    return False


def km(lat1, lon1, lat2, lon2) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def as_date(s):
    try:
        return dt.date.fromisoformat(str(s)[:10])
    except (TypeError, ValueError):
        return None


def as_int(x):
    try:
        return int(x)
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------- per-event comparison

def actor_names(ev) -> list:
    out = []
    for key in ("actor1", "actor2"):
        v = ev.get(key)
        if v:
            out.append(v.get("name") if isinstance(v, dict) else v)
    for key in ("assoc_actor_1", "assoc_actor_2"):
        for v in ev.get(key) or []:
            out.append(v.get("name") if isinstance(v, dict) else v)
    return [a for a in out if a]


def gold_actor_found(gact, pred_actors) -> bool:
    names = [gact["name"]] + list(gact.get("aliases") or [])
    return any(same_name(p, names) for p in pred_actors)


def date_ok(g, p) -> bool:
    pd_ = as_date(p.get("event_date"))
    if pd_ is None:
        return False
    accepted = [as_date(g["event_date"])] + [as_date(d) for d in g.get("date_alternates") or []]
    return pd_ in accepted


def date_close(g, p) -> bool:
    pd_ = as_date(p.get("event_date"))
    if pd_ is None:
        return False
    tol = DAY_TOLERANCE.get(g.get("date_precision") or "day", 1)
    dates = [as_date(g["event_date"])] + [as_date(d) for d in g.get("date_alternates") or []]
    return any(d is not None and abs((pd_ - d).days) <= tol for d in dates)


def place_ok(g, p):
    """(well placed, same region, distance or None)."""
    same_admin1 = bool(g.get("admin1")) and same_name(p.get("admin1"), [g["admin1"]])
    same_country = not g.get("country") or same_name(p.get("country"), [g["country"]])
    glat, glon = g.get("latitude"), g.get("longitude")
    plat, plon = p.get("latitude"), p.get("longitude")
    dist = None
    if None not in (glat, glon, plat, plon):
        try:
            dist = km(float(glat), float(glon), float(plat), float(plon))
        except (TypeError, ValueError):
            dist = None
    names = [g.get("location")] + list(g.get("location_aliases") or [])
    name_ok = same_name(p.get("location"), [n for n in names if n])
    if dist is not None:
        good = dist <= GEO_KM
    elif (g.get("geo_precision") or 1) >= 3:
        good = same_admin1 or name_ok
    else:
        good = name_ok
    return good and same_country, (same_admin1 or name_ok or good) and same_country, dist


def eligible(g, p) -> bool:
    if not date_close(g, p):
        return False
    good, region, dist = place_ok(g, p)
    if dist is not None and dist > ELIGIBLE_KM:
        return False
    if not region:
        return False
    pa = actor_names(p)
    return p.get("event_type") == g.get("event_type") or any(
        gold_actor_found(a, pa) for a in g.get("actors") or [])


def similarity(g, p) -> float:
    s = 0.0
    s += 1.0 if date_ok(g, p) else 0.0
    s += 1.0 if p.get("event_type") == g.get("event_type") else 0.0
    s += 0.5 if p.get("sub_event_type") in [g.get("sub_event_type")] + list(g.get("sub_event_alternates") or []) else 0.0
    good, region, _ = place_ok(g, p)
    s += 1.0 if good else (0.3 if region else 0.0)
    pa = actor_names(p)
    ga = g.get("actors") or []
    if ga:
        s += sum(gold_actor_found(a, pa) for a in ga) / len(ga)
    gf, pf = as_int(g.get("fatalities")), as_int(p.get("fatalities"))
    s += 0.3 if gf is not None and gf == pf else 0.0
    return s


def fields(g, p) -> dict:
    pa = actor_names(p)
    ga = g.get("actors") or []
    good, _, dist = place_ok(g, p)
    gf, pf = as_int(g.get("fatalities")), as_int(p.get("fatalities"))
    lo = as_int(g.get("fatalities_low"))
    hi = as_int(g.get("fatalities_high"))
    lo = gf if lo is None else lo
    hi = gf if hi is None else hi
    claims_total = len(g.get("claims") or [])
    claims_hit = 0
    pred_figures = [as_int(pc.get("killed")) for pc in p.get("claims") or []]
    gold_figures = [as_int(gc.get("killed")) for gc in g.get("claims") or [] if gc.get("killed") is not None]
    figures_hit = sum(1 for f in gold_figures if f in pred_figures)
    actor_names_gold = {a.get("name") for a in g.get("actors") or []}
    for gc in g.get("claims") or []:
        for pc in p.get("claims") or []:
            named = same_name(pc.get("claimant"), [gc.get("claimant")] + _aliases_for(g, gc.get("claimant")))
            # a third party (a witness, a hospital, social media) is judged by what it asserted
            third_party = gc.get("claimant") not in actor_names_gold and pc.get("type") == gc.get("type")
            if not (named or third_party):
                continue
            if gc.get("killed") is not None and as_int(pc.get("killed")) != as_int(gc.get("killed")):
                continue
            claims_hit += 1
            break
    return {
        "event_type": p.get("event_type") == g.get("event_type"),
        "sub_event_type": p.get("sub_event_type") in [g.get("sub_event_type")] + list(g.get("sub_event_alternates") or []),
        "date": date_ok(g, p),
        "actors": bool(ga) and all(gold_actor_found(a, pa) for a in ga),
        "location": good,
        "admin1": not g.get("admin1") or same_name(p.get("admin1"), [g["admin1"]]),
        "fatalities": gf is not None and pf == gf,
        "fatalities_in_range": pf is not None and lo is not None and hi is not None and lo <= pf <= hi,
        "_claims": (claims_hit, claims_total),
        "_figures": (figures_hit, len(gold_figures)),
        "_km": dist,
    }


def _aliases_for(gev, name):
    for a in gev.get("actors") or []:
        if a.get("name") == name:
            return list(a.get("aliases") or [])
    return []


# ---------------------------------------------------------------- matching

def match(gold_events, pred_events):
    pairs = []
    for i, g in enumerate(gold_events):
        for j, p in enumerate(pred_events):
            if eligible(g, p):
                pairs.append((similarity(g, p), i, j))
    pairs.sort(key=lambda t: -t[0])
    used_g, used_p, out = set(), set(), []
    for s, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j))
    return out


# ---------------------------------------------------------------- loading

def load_gold(paths):
    gold = {}
    for path in paths:
        path = Path(path)
        files = sorted(path.rglob("*.json")) if path.is_dir() else [path]
        for f in files:
            doc = json.loads(f.read_text(encoding="utf-8"))
            if "events" in doc and "id" in doc:
                gold[doc["id"]] = doc
    return gold


def load_pred(path):
    pred = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                doc = json.loads(line)
                pred[str(doc.get("id"))] = list(doc.get("events") or [])
    return pred


# ---------------------------------------------------------------- scoring

FIELD_NAMES = ["event_type", "sub_event_type", "date", "actors", "location", "admin1",
               "fatalities", "fatalities_in_range"]


def score(gold, pred, explain=False):
    tp = fp = fn = 0
    neg_articles = neg_clean = 0
    field_hits = {k: 0 for k in FIELD_NAMES}
    claims_hit = claims_total = 0
    figures_hit = figures_total = 0
    exact_rows = 0
    matched_required = 0
    lines = []
    missing_ids = [gid for gid in gold if gid not in pred]
    for gid, gdoc in sorted(gold.items()):
        gev = gdoc.get("events") or []
        pev = pred.get(gid, [])
        if not gev:
            neg_articles += 1
            neg_clean += not pev
        pairs = match(gev, pev)
        matched_g = {i for i, _ in pairs}
        matched_p = {j for _, j in pairs}
        for i, j in pairs:
            g, p = gev[i], pev[j]
            if g.get("required", True) is False:
                continue  # optional gold: neither rewarded nor penalised
            tp += 1
            matched_required += 1
            f = fields(g, p)
            for k in FIELD_NAMES:
                field_hits[k] += bool(f[k])
            h, t = f["_claims"]
            claims_hit += h
            claims_total += t
            h, t = f["_figures"]
            figures_hit += h
            figures_total += t
            core = ["event_type", "sub_event_type", "date", "actors", "location", "fatalities"]
            exact_rows += all(f[k] for k in core)
            if explain:
                bad = [k for k in FIELD_NAMES if not f[k]]
                lines.append(f"{gid} gold#{i} ~ pred#{j}: " + ("all fields right" if not bad else "wrong: " + ", ".join(bad))
                             + (f" ({f['_km']:.0f} km)" if f["_km"] is not None else ""))
        for i, g in enumerate(gev):
            if i not in matched_g and g.get("required", True) is not False:
                fn += 1
                if explain:
                    lines.append(f"{gid} gold#{i} MISSED: {g.get('event_date')} {g.get('sub_event_type')} at {g.get('location')}")
        for j, p in enumerate(pev):
            if j not in matched_p:
                fp += 1
                if explain:
                    lines.append(f"{gid} pred#{j} SPURIOUS: {p.get('event_date')} {p.get('sub_event_type')} at {p.get('location')}")
    required = tp + fn
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / required if required else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    res = {
        "articles": len(gold),
        "articles_without_prediction": len(missing_ids),
        "gold_required_events": required,
        "predicted_events": tp + fp,
        "event_precision": round(prec, 4),
        "event_recall": round(rec, 4),
        "event_f1": round(f1, 4),
        "negative_articles": neg_articles,
        "negative_articles_clean": neg_clean,
        "claims_found": f"{claims_hit}/{claims_total}",
        "claims_recall": round(claims_hit / claims_total, 4) if claims_total else None,
        # claimed figures found among the matched event's claims, whoever the claimant
        "claim_figures_recall": round(figures_hit / figures_total, 4) if figures_total else None,
        # share of ALL required gold events coded right in every core field
        "exact_rows": round(exact_rows / required, 4) if required else 0.0,
    }
    for k in FIELD_NAMES:
        res[f"{k}_accuracy"] = round(field_hits[k] / matched_required, 4) if matched_required else 0.0
    return res, lines


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", action="append", required=True, help="gold file or folder (repeatable)")
    ap.add_argument("--pred", required=True, help="predictions, JSON Lines")
    ap.add_argument("--json", action="store_true", help="print figures as JSON")
    ap.add_argument("--explain", action="store_true", help="list every match and miss")
    a = ap.parse_args(argv)
    gold = load_gold(a.gold)
    if not gold:
        print("no gold files found", file=sys.stderr)
        return 2
    pred = load_pred(a.pred)
    res, lines = score(gold, pred, explain=a.explain)
    if a.explain:
        print("\n".join(lines))
    if a.json:
        print(json.dumps(res, indent=2))
    else:
        w = max(len(k) for k in res)
        for k, v in res.items():
            print(f"{k:<{w}}  {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
