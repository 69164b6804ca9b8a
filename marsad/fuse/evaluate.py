"""How well fusion merges: pairwise precision/recall and the scorer's figures on the fusion gold set.

The fusion gold (``tests/gold/fusion/*.json``, format in its ``README.md``) holds groups of articles
that report the same events, each article with its own gold ``events``, and the group's
``merged_events``, each listing where it comes from: ``"from": [[article_index, event_index], …]``.

Two measures, each in two modes:

* **pairwise precision and recall of merging** — over pairs of events from *different* articles:
  a pair is *predicted* when fusion put both events into one :class:`~marsad.fuse.fuse.FusedEvent`
  and *gold* when both come from one merged gold event. Precision = right pairs / predicted pairs,
  recall = right pairs / gold pairs. All groups are fused together, as a store would see them, so a
  merge across groups counts against precision.
* **event figures of the fused output** — :func:`marsad.evaluate.scoring.score` (the project's
  scorer) with the merged gold events as the gold and the fused events as the predictions: is the
  merged record right (type, actors, place, date, fatalities…)?

Modes:

* ``coder`` — each article is coded by :func:`marsad.pipeline.code`; each coded event is mapped to its
  gold event with the scorer's own matching (:func:`marsad.evaluate.scoring.match`). Pairs are counted
  over *mapped* events (a spurious coded event has no gold side to be right or wrong about; their
  merges are reported apart). Articles the coder cannot read (English and French for now) give no
  events, and the gold pairs they would have formed are reported as ``gold_pairs_uncoded``.
* ``gold`` — the gold article events themselves are turned into records (:func:`gold_record`) and
  fused: fusion alone, on perfect input, every language included.

Both fusion methods are measured: ``cluster`` (the batch :func:`~marsad.fuse.fuse.fuse`) and
``incremental`` (the store's path, one report at a time in publication order).

Run it: ``python -m marsad.fuse.evaluate [--gold tests/gold/fusion] [--mode coder|gold|both]
[--method cluster|incremental|both] [--json] [--explain]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from marsad.evaluate.scoring import match, score
from marsad.fuse.config import FusionConfig
from marsad.fuse.fuse import FusedEvent, SourceRef, fuse
from marsad.ingest import IngestError, article_from_record
from marsad.models import ActorRef, Article, Claim, CodedArticle, EventRecord

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "tests" / "gold" / "fusion"
PRECISIONS = {"day": 1, "week": 2, "month": 3}
DISORDER = {"Protests": "Demonstrations", "Riots": "Demonstrations",
            "Strategic developments": "Strategic developments"}

# An event of one article: (group, article index, event index).
Item = tuple[str, int, int]


# ---------------------------------------------------------------- loading


def load_groups(path: str | Path = DEFAULT_GOLD) -> list[dict[str, Any]]:
    """The fusion gold groups of a folder (or one file), sorted by group name."""
    p = Path(path)
    files = sorted(p.glob("*.json")) if p.is_dir() else [p]
    groups = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    for g in groups:
        check_group(g)
    return sorted(groups, key=lambda g: g["group"])


def check_group(g: dict[str, Any]) -> None:
    """Raise ``ValueError`` when a group's ``from`` links do not point at its articles' events."""
    name = g.get("group", "?")
    arts = g.get("articles") or []
    seen: set[tuple[int, int]] = set()
    for m in g.get("merged_events") or []:
        for link in m.get("from") or []:
            i, k = link
            if not (0 <= i < len(arts)) or not (0 <= k < len(arts[i].get("events") or [])):
                raise ValueError(f"{name}: 'from' link {link} points at no article event")
            if (i, k) in seen:
                raise ValueError(f"{name}: article event {link} is in two merged events")
            seen.add((i, k))
    for i, a in enumerate(arts):
        for k in range(len(a.get("events") or [])):
            if (i, k) not in seen:
                raise ValueError(f"{name}: article event [{i}, {k}] is in no merged event")


def gold_links(groups: list[dict[str, Any]]) -> dict[Item, tuple[str, int]]:
    """Each gold article event → (group, index of its merged event)."""
    out: dict[Item, tuple[str, int]] = {}
    for g in groups:
        for mi, m in enumerate(g["merged_events"]):
            for i, k in m["from"]:
                out[(g["group"], i, k)] = (g["group"], mi)
    return out


# ---------------------------------------------------------------- gold events as records


def _actor_ref(name: str, catalogue: Any) -> ActorRef:
    """An :class:`ActorRef` for a gold actor name: the catalogue's type and country, else by pattern."""
    actor = catalogue.by_name(name) if catalogue is not None else None
    if actor is not None:
        countries = getattr(actor, "countries", ()) or ()
        return ActorRef(name=name, inter=actor.inter, country=countries[0] if countries else None,
                        actor_id=getattr(actor, "id", None))
    patterns = [(r"^Civilians\b", 7), (r"^Protesters\b", 6), (r"^Rioters\b", 5),
                (r"^(Military|Police) Forces of\b", 1), (r"^Unidentified Armed Group\b", 3)]
    inter = next((i for p, i in patterns if re.match(p, name)), 3)
    return ActorRef(name=name, inter=inter)


def gold_record(ev: dict[str, Any], outlet: str | None = None, catalogue: Any = None) -> EventRecord:
    """A gold-format event as the :class:`EventRecord` a perfect coder would have produced."""
    roles = {a.get("role"): a["name"] for a in ev.get("actors") or []}
    names = [a["name"] for a in ev.get("actors") or []]
    a1 = roles.get("actor1") or (names[0] if names else "Unidentified Armed Group")
    a2 = roles.get("actor2") or (names[1] if len(names) > 1 else None)
    etype = ev["event_type"]
    actor2 = _actor_ref(a2, catalogue) if a2 else None
    return EventRecord(
        event_date=dt.date.fromisoformat(ev["event_date"]),
        time_precision=PRECISIONS.get(ev.get("date_precision") or "day", 1),
        disorder_type=DISORDER.get(etype, "Political violence"),
        event_type=etype,
        sub_event_type=ev["sub_event_type"],
        actor1=_actor_ref(a1, catalogue),
        actor2=actor2,
        country=ev["country"],
        admin1=ev.get("admin1"),
        location=ev["location"],
        latitude=ev.get("latitude"),
        longitude=ev.get("longitude"),
        geo_precision=int(ev.get("geo_precision") or 1),
        fatalities=int(ev.get("fatalities") or 0),
        fatalities_low=int(ev.get("fatalities_low") or 0),
        fatalities_high=int(ev.get("fatalities_high") or 0),
        claims=[Claim(c["claimant"], c["type"], killed=c.get("killed"), victim=c.get("victim"), via=c.get("via"))
                for c in ev.get("claims") or []],
        certainty=ev.get("certainty") or "confirmed",
        civilian_targeting="Civilian targeting" if actor2 is not None and actor2.inter == 7 else "",
        source=outlet or "",
    )


# ---------------------------------------------------------------- one run


@dataclass
class CodedGroupArticle:
    """One gold article as coded (or not) in a run, with its events mapped to gold events."""

    item_prefix: tuple[str, int]
    article: Article
    gold_events: list[dict[str, Any]]
    records: list[EventRecord] = field(default_factory=list)
    mapping: dict[int, int] = field(default_factory=dict)  # record index → gold event index
    error: str | None = None


def _article(doc: dict[str, Any]) -> Article:
    art = article_from_record(doc, default_id=doc.get("id", "article"))
    if isinstance(art, IngestError):
        raise ValueError(f"{doc.get('id')}: {art.reason}")
    return art


def code_groups(groups: list[dict[str, Any]], mode: str = "coder",
                code: Callable[[Article], CodedArticle] | None = None) -> list[CodedGroupArticle]:
    """Every article of every group, coded by ``code`` (``coder`` mode) or read from its gold."""
    if mode not in ("coder", "gold"):
        raise ValueError(f"mode must be 'coder' or 'gold', not {mode!r}")
    from marsad.pipeline import CodingError

    catalogue = None
    if mode == "gold":
        from marsad.actors import ActorCatalogue

        catalogue = ActorCatalogue.default()
    elif code is None:
        from marsad.pipeline import code as pipeline_code

        code = pipeline_code
    out = []
    for g in groups:
        for i, doc in enumerate(g["articles"]):
            art = _article(doc)
            entry = CodedGroupArticle((g["group"], i), art, list(doc.get("events") or []))
            if mode == "gold":
                entry.records = [gold_record(ev, art.outlet, catalogue) for ev in entry.gold_events]
                entry.mapping = {k: k for k in range(len(entry.records))}
            else:
                try:
                    coded = code(art)  # type: ignore[misc]
                except CodingError as e:  # a language the coder does not read yet
                    entry.error = str(e)
                    out.append(entry)
                    continue
                if coded.error:
                    entry.error = coded.error
                entry.records = list(coded.events)
                pred = [r.to_dict() for r in entry.records]
                entry.mapping = {j: gi for gi, j in match(entry.gold_events, pred)}
            out.append(entry)
    return out


@dataclass
class FusionReport:
    """The figures of one evaluation run (see the module docstring)."""

    mode: str
    method: str
    articles: int
    articles_uncoded: int
    coded_events: int
    mapped_events: int
    fused_events: int
    predicted_pairs: int
    gold_pairs: int
    correct_pairs: int
    pair_precision: float
    pair_recall: float
    pair_f1: float
    spurious_pairs: int
    gold_pairs_uncoded: int
    event_scores: dict[str, Any]
    merge_checks: dict[str, Any]
    article_scores: dict[str, Any]
    wrong_merges: list[str] = field(default_factory=list)
    missed_merges: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """The headline figures, as the test holds them."""
        return {
            "mode": self.mode,
            "method": self.method,
            "pair_precision": self.pair_precision,
            "pair_recall": self.pair_recall,
            "pair_f1": self.pair_f1,
            "predicted_pairs": self.predicted_pairs,
            "gold_pairs": self.gold_pairs,
            "correct_pairs": self.correct_pairs,
            "event_f1": self.event_scores.get("event_f1"),
            "event_precision": self.event_scores.get("event_precision"),
            "event_recall": self.event_scores.get("event_recall"),
            "fatalities_accuracy": self.event_scores.get("fatalities_accuracy"),
            "actors_accuracy": self.event_scores.get("actors_accuracy"),
            "location_accuracy": self.event_scores.get("location_accuracy"),
            **self.merge_checks,
        }

    def render(self, explain: bool = False) -> str:
        rows = {k: v for k, v in self.__dict__.items()
                if k not in ("event_scores", "merge_checks", "article_scores", "wrong_merges", "missed_merges")}
        width = max(len(k) for k in rows)
        out = [f"{k:<{width}}  {v}" for k, v in rows.items()]
        out.append("\nfused output vs merged gold (score.py):")
        out += [f"  {k:<30}  {v}" for k, v in self.event_scores.items()]
        out += [f"  {k:<30}  {v}" for k, v in self.merge_checks.items()]
        out.append("\narticles vs their own gold (score.py), for reference:")
        out += [f"  {k:<30}  {v}" for k, v in self.article_scores.items()]
        if explain:
            out.append("\nwrong merges:")
            out += [f"  {x}" for x in self.wrong_merges] or ["  none"]
            out.append("missed merges:")
            out += [f"  {x}" for x in self.missed_merges] or ["  none"]
        return "\n".join(out) + "\n"


def _pairs(items: Iterable[Item]) -> set[tuple[Item, Item]]:
    """Unordered pairs of items from different articles (as sorted tuples)."""
    return {(x, y) if x < y else (y, x) for x, y in combinations(items, 2) if x[:2] != y[:2]}


def evaluate(groups: list[dict[str, Any]] | None = None, mode: str = "coder",
             code: Callable[[Article], CodedArticle] | None = None,
             config: FusionConfig | None = None, method: str = "cluster",
             entries: list[CodedGroupArticle] | None = None) -> FusionReport:
    """Code (or read), fuse with ``method`` and measure the fusion gold set (module docstring).

    ``entries`` (from :func:`code_groups`) saves coding the articles again for a second method.
    """
    groups = groups if groups is not None else load_groups()
    entries = entries if entries is not None else code_groups(groups, mode, code)
    links = gold_links(groups)

    # every coded record with its source, its item id and its gold merged event (None: spurious)
    pairs_in: list[tuple[EventRecord, SourceRef]] = []
    item_of: dict[tuple[str, int], Item] = {}
    gold_of: dict[Item, tuple[str, int] | None] = {}
    group_of_article: dict[str, str] = {}
    for e in entries:
        group, ai = e.item_prefix
        group_of_article[e.article.id] = group
        for j, rec in enumerate(e.records):
            item = (group, ai, j)
            pairs_in.append((rec, SourceRef.of(e.article, rec, j)))
            item_of[(e.article.id, j)] = item
            gi = e.mapping.get(j)
            gold_of[item] = links.get((group, ai, gi)) if gi is not None else None
    fused = fuse(pairs_in, config, method=method)

    predicted: set[tuple[Item, Item]] = set()
    for ev in fused:
        members = [item_of[(s.article_id, s.event_index or 0)] for s in ev.sources]
        predicted |= _pairs(members)
    mapped = [i for i, g in gold_of.items() if g is not None]
    by_gold: dict[tuple[str, int], list[Item]] = {}
    for i in mapped:
        by_gold.setdefault(gold_of[i], []).append(i)  # type: ignore[arg-type]
    gold_pairs: set[tuple[Item, Item]] = set()
    for members in by_gold.values():
        gold_pairs |= _pairs(members)
    mapped_set = set(mapped)
    pred_mapped = {p for p in predicted if p[0] in mapped_set and p[1] in mapped_set}
    correct = pred_mapped & gold_pairs
    precision = len(correct) / len(pred_mapped) if pred_mapped else 1.0
    recall = len(correct) / len(gold_pairs) if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    # gold pairs that no run could have made: one side's article was not coded
    all_gold_pairs: set[tuple[Item, Item]] = set()
    for g in groups:
        for m in g["merged_events"]:
            all_gold_pairs |= _pairs((g["group"], i, k) for i, k in m["from"])
    uncoded_articles = {e.item_prefix for e in entries if e.error}
    gold_pairs_uncoded = sum(1 for x, y in all_gold_pairs if x[:2] in uncoded_articles or y[:2] in uncoded_articles)

    def label(item: Item) -> str:
        e = next(x for x in entries if x.item_prefix == item[:2])
        r = e.records[item[2]]
        return f"{e.article.id}#{item[2]} ({r.event_date} {r.sub_event_type} {r.actor1.name} @ {r.location})"

    wrong = sorted(f"{label(x)} + {label(y)}" for x, y in pred_mapped - gold_pairs)
    missed = sorted(f"{label(x)} / {label(y)}" for x, y in gold_pairs - pred_mapped)

    event_scores = score_fused(groups, fused, group_of_article)
    merge_checks = check_merged_fields(groups, fused, group_of_article)
    article_scores = score_articles(entries)
    return FusionReport(
        mode=mode,
        method=method,
        articles=len(entries),
        articles_uncoded=len(uncoded_articles),
        coded_events=len(gold_of),
        mapped_events=len(mapped),
        fused_events=len(fused),
        predicted_pairs=len(pred_mapped),
        gold_pairs=len(gold_pairs),
        correct_pairs=len(correct),
        pair_precision=round(precision, 4),
        pair_recall=round(recall, 4),
        pair_f1=round(f1, 4),
        spurious_pairs=len(predicted - pred_mapped),
        gold_pairs_uncoded=gold_pairs_uncoded,
        event_scores=event_scores,
        merge_checks=merge_checks,
        article_scores=article_scores,
        wrong_merges=wrong,
        missed_merges=missed,
    )


def score_fused(groups: list[dict[str, Any]], fused: list[FusedEvent],
                group_of_article: dict[str, str]) -> dict[str, Any]:
    """The scorer's figures for the fused events against the merged gold events, group by group.

    A fused event is scored in the group of its first report.
    """
    gold = {g["group"]: {"id": g["group"], "events": g["merged_events"]} for g in groups}
    pred = {gid: [e.to_dict() for e in evs] for gid, evs in _by_group(groups, fused, group_of_article).items()}
    res, _ = score(gold, pred)
    return res


def _by_group(groups: list[dict[str, Any]], fused: list[FusedEvent],
              group_of_article: dict[str, str]) -> dict[str, list[FusedEvent]]:
    out: dict[str, list[FusedEvent]] = {g["group"]: [] for g in groups}
    for ev in fused:
        gid = group_of_article.get(ev.sources[0].article_id)
        if gid is not None:
            out[gid].append(ev)
    return out


def check_merged_fields(groups: list[dict[str, Any]], fused: list[FusedEvent],
                        group_of_article: dict[str, str]) -> dict[str, Any]:
    """What ``score.py`` does not check, on the fused events it matches to merged gold events:
    ``certainty`` and the span (``fatalities_low`` and ``fatalities_high`` both right)."""
    by_group = _by_group(groups, fused, group_of_article)
    matched = certainty = span = 0
    for g in groups:
        evs = by_group[g["group"]]
        for gi, pj in match(g["merged_events"], [e.to_dict() for e in evs]):
            gold, ev = g["merged_events"][gi], evs[pj]
            matched += 1
            certainty += ev.certainty == gold.get("certainty")
            span += (ev.fatalities_low, ev.fatalities_high) == (gold.get("fatalities_low"), gold.get("fatalities_high"))
    return {
        "certainty_accuracy": round(certainty / matched, 4) if matched else 0.0,
        "span_accuracy": round(span / matched, 4) if matched else 0.0,
    }


def score_articles(entries: list[CodedGroupArticle]) -> dict[str, Any]:
    """The scorer's figures for each article's records against its own gold events (coded articles)."""
    gold = {e.article.id: {"id": e.article.id, "events": e.gold_events} for e in entries if not e.error}
    pred = {e.article.id: [r.to_dict() for r in e.records] for e in entries if not e.error}
    res, _ = score(gold, pred)
    return res


# ---------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(DEFAULT_GOLD), help="fusion gold folder or file")
    ap.add_argument("--mode", choices=["coder", "gold", "both"], default="both")
    ap.add_argument("--method", choices=["cluster", "incremental", "both"], default="both")
    ap.add_argument("--json", action="store_true", help="print the headline figures as JSON")
    ap.add_argument("--explain", action="store_true", help="list wrong and missed merges")
    a = ap.parse_args(argv)
    groups = load_groups(a.gold)
    modes = ["gold", "coder"] if a.mode == "both" else [a.mode]
    methods = ["cluster", "incremental"] if a.method == "both" else [a.method]
    reports = []
    for mode in modes:
        entries = code_groups(groups, mode)
        reports += [evaluate(groups, mode, method=m, entries=entries) for m in methods]
    if a.json:
        print(json.dumps([r.summary() for r in reports], indent=2))
    else:
        for r in reports:
            print(f"== {r.mode} / {r.method} ==")
            print(r.render(a.explain))
    return 0


if __name__ == "__main__":
    sys.exit(main())
