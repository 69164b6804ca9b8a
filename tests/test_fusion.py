"""Fusion: the match rules, the merge rules, and the figures reached on the fusion gold set."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from marsad.evaluate.scoring import load_gold, score
from marsad.fuse import (
    FusedEvent,
    FusionConfig,
    SourceRef,
    explain,
    fuse,
    is_same_event,
    merge_into,
    new_event,
    place,
    same_event_score,
)
from marsad.fuse.evaluate import DEFAULT_GOLD, check_group, code_groups, evaluate, load_groups
from marsad.fuse.figures import record_share
from marsad.fuse.match import same_name
from marsad.models import ActorRef, Claim, EventRecord, Span

GOLD_DIR = Path(__file__).parent / "gold"

JNIM = ActorRef("JNIM: Group for Support of Islam and Muslims", 2, "ML", "jnim")
ISSP = ActorRef("Islamic State (Sahel Province)", 2, "ML", "is-sahel")
FAMA = ActorRef("Military Forces of Mali", 1, "ML", "military:ML")
POLICE = ActorRef("Police Forces of Mali", 1, "ML", "police:ML")
UAG = ActorRef("Unidentified Armed Group (Mali)", 3, "ML", "uag:ML")
CIV = ActorRef("Civilians (Mali)", 7, "ML", "civilians:ML")
PROT = ActorRef("Protesters (Mali)", 6, "ML", "protesters:ML")

# Tessit and a point ~8 km east of it; Ménaka and Anderamboukane (~75 km apart)
TESSIT = dict(location="Tessit", admin1="Gao", latitude=15.21667, longitude=-0.3)
NEAR_TESSIT = dict(location="Intahaka", admin1="Gao", latitude=15.21667, longitude=-0.225)


def rec(**kw) -> EventRecord:
    """An EventRecord with plausible defaults: a JNIM–army clash at Tessit on 2024-05-14."""
    base = dict(event_date=dt.date(2024, 5, 14), time_precision=1, disorder_type="Political violence",
                event_type="Battles", sub_event_type="Armed clash", actor1=JNIM, actor2=FAMA, country="Mali",
                geo_precision=1, fatalities=0, fatalities_low=0, fatalities_high=0, **TESSIT)
    base.update(kw)
    return EventRecord(**base)


def src(article_id: str, day: int = 15, outlet: str | None = None, index: int = 0) -> SourceRef:
    return SourceRef(article_id, outlet or f"Outlet {article_id}", None, dt.date(2024, 5, day), None, index)


def with_claims(claims: list[Claim], **kw) -> EventRecord:
    from marsad.records.fatalities import code_fatalities

    f = code_fatalities([(c, 0, 1) for c in claims])
    return rec(claims=claims, fatalities=f.best, fatalities_low=f.low, fatalities_high=f.high, **kw)


# ================================================================ match: dates


@pytest.mark.parametrize("precision,days,same", [(1, 0, True), (1, 1, True), (1, 2, False), (2, 6, True),
                                                 (2, 8, False), (3, 30, True), (3, 40, False)])
def test_dates_within_the_events_precision(precision, days, same):
    a = rec(time_precision=precision)
    b = rec(time_precision=1, event_date=a.event_date + dt.timedelta(days=days))
    assert explain(a, b).date.ok is same


def test_a_day_apart_scores_lower_than_the_same_day():
    a = rec()
    assert same_event_score(a, rec()) > same_event_score(a, rec(event_date=dt.date(2024, 5, 15))) > 0


# ================================================================ match: places


def test_two_exact_villages_are_two_places_even_when_close():
    a, b = rec(**TESSIT), rec(**NEAR_TESSIT)
    part = explain(a, b).place
    assert not part.ok and "two exact places" in part.why
    assert not is_same_event(a, b)


def test_near_a_town_reaches_thirty_km():
    a = rec(geo_precision=2, **TESSIT)
    assert explain(a, rec(**NEAR_TESSIT)).place.ok  # ~8 km
    far = dict(NEAR_TESSIT, longitude=0.05)  # ~38 km
    assert not explain(a, rec(**far)).place.ok


def test_region_level_report_fits_any_place_of_its_admin1_only():
    region = rec(location="Gao", admin1="Gao", geo_precision=3, latitude=16.27, longitude=-0.04)
    assert explain(region, rec(**TESSIT)).place.ok
    assert not explain(region, rec(location="Menaka", admin1="Menaka", latitude=15.92, longitude=2.40)).place.ok


def test_forgiving_names_across_scripts_and_spellings():
    assert same_name("أغزراغن", "Aghazraghen")
    assert same_name("Aghazraghen", "Aghazraghan")
    assert same_name("Tillabéri", "Tillabery")
    assert not same_name("Boulkessi", "Mondoro")
    # a place the gazetteer lacks, romanised two ways; the Arabic spellings in the evidence still match
    a = rec(location="Kazqil", admin1="Gao", latitude=None, longitude=None, geo_precision=3,
            evidence={"location": [Span(0, 6, "كازقيل")]})
    b = rec(location="Kazjil", admin1="Gao", latitude=None, longitude=None, geo_precision=3,
            evidence={"location": [Span(0, 6, "كازجيل")]})
    assert explain(a, b).place.ok


def test_unlocated_villages_with_different_names_are_different_places():
    a = rec(location="Boulkessi", admin1="Mopti", latitude=14.48, longitude=-4.18, geo_precision=3)
    b = rec(location="Mondoro", admin1="Mopti", latitude=14.48, longitude=-4.18, geo_precision=3)
    assert not explain(a, b).place.ok


def test_different_countries_never_merge():
    assert not explain(rec(), rec(country="Niger")).place.ok


# ================================================================ match: actors and types


@pytest.mark.parametrize("b1,b2,ok", [
    (UAG, FAMA, True),        # the unidentified attackers another report names
    (FAMA, JNIM, True),       # roles crossed: one outlet's attacker is another's target
    (JNIM, POLICE, True),     # two state forces of one country
    (JNIM, None, True),       # a missing actor2
    (ISSP, FAMA, False),      # two different named groups
    (JNIM, CIV, False),       # soldiers are not civilians
])
def test_actor_compatibility(b1, b2, ok):
    assert explain(rec(), rec(actor1=b1, actor2=b2)).actors.ok is ok


def test_unidentified_group_is_not_a_state_force():
    a = rec(actor1=UAG, actor2=CIV, event_type="Violence against civilians", sub_event_type="Attack")
    assert explain(a, rec(actor1=JNIM, actor2=CIV, event_type="Violence against civilians",
                          sub_event_type="Attack")).actors.ok
    assert not explain(a, rec(actor1=FAMA, actor2=CIV, event_type="Violence against civilians",
                              sub_event_type="Attack")).actors.ok


@pytest.mark.parametrize("etype,sub,ok", [
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", True),
    ("Strategic developments", "Looting/property destruction", True),
    ("Strategic developments", "Arrests", False),
    ("Protests", "Peaceful protest", False),
])
def test_type_compatibility_with_a_battle(etype, sub, ok):
    assert explain(rec(), rec(event_type=etype, sub_event_type=sub)).type.ok is ok


def test_protests_and_riots_are_compatible():
    a = rec(event_type="Protests", sub_event_type="Peaceful protest", actor1=PROT, actor2=None)
    b = rec(event_type="Riots", sub_event_type="Violent demonstration", actor1=PROT, actor2=None)
    assert is_same_event(a, b)


def test_threshold_weighs_the_parts():
    cfg = FusionConfig.default()
    # exact on date, place and actors, a merely compatible type: one event
    assert is_same_event(rec(), rec(event_type="Explosions/Remote violence",
                                    sub_event_type="Shelling/artillery/missile attack"))
    # every part weak: a day off, region only, wildcard actors on both sides, a compatible type: not enough
    region = rec(location="Gao", admin1="Gao", geo_precision=3, latitude=16.27, longitude=-0.04,
                 actor1=UAG, actor2=None)
    weak = rec(event_date=dt.date(2024, 5, 15), actor1=JNIM, actor2=None, event_type="Explosions/Remote violence",
               sub_event_type="Remote explosive/landmine/IED")
    ex = explain(region, weak)
    assert all(p.ok for p in (ex.date, ex.place, ex.actors, ex.type))
    assert 0 < ex.score < cfg.threshold


def test_thresholds_are_data():
    a, b = rec(), rec(event_date=dt.date(2024, 5, 15))
    assert is_same_event(a, b)
    strict = dataclasses.replace(FusionConfig.default(), threshold=0.95)
    assert not is_same_event(a, b, strict)


# ================================================================ merge: figures


def test_admission_beats_the_enemys_claim_and_the_figures_are_disputed():
    army = with_claims([Claim(FAMA.name, "admission", killed=6, victim=FAMA.name)], actor1=UAG)
    group = with_claims([Claim(JNIM.name, "claim", killed=23, victim=FAMA.name, via="Az-Zallaqa")])
    ev = fuse([(army, src("a")), (group, src("b", 16))])[0]
    assert (ev.fatalities, ev.fatalities_low, ev.fatalities_high) == (6, 6, 23)
    assert ev.certainty == "disputed"
    assert "Military Forces of Mali says 6" in ev.notes and "says 23" in ev.notes
    assert ev.actor1.name == JNIM.name  # named perpetrator replaced the unidentified one


def test_an_independent_report_beats_a_lower_combatant_claim():
    group = with_claims([Claim(JNIM.name, "claim", killed=3, victim=FAMA.name)])
    hospital = with_claims([Claim("Gao hospital", "report", killed=7, victim=FAMA.name)])
    ev = fuse([(group, src("a")), (hospital, src("b"))])[0]
    assert (ev.fatalities, ev.fatalities_low, ev.fatalities_high) == (7, 3, 7)


def test_independent_total_beats_claims_about_each_side():
    army = with_claims([Claim(FAMA.name, "claim", killed=15, victim=JNIM.name),
                        Claim(FAMA.name, "admission", killed=3, victim=FAMA.name)])
    residents = with_claims([Claim("Residents", "report", killed=5, victim=None)])
    ev = fuse([(army, src("a")), (residents, src("b"))])[0]
    assert (ev.fatalities, ev.fatalities_low, ev.fatalities_high) == (5, 5, 18)


def test_same_claimant_same_figure_is_one_claim_with_its_articles():
    c = Claim(FAMA.name, "admission", killed=6, victim=FAMA.name)
    ev = fuse([(with_claims([c]), src("a")), (with_claims([dataclasses.replace(c)]), src("b"))])[0]
    assert len(ev.claims) == 1 and ev.fused_claims[0].articles == ["a", "b"]
    assert ev.to_dict()["claims"][0]["articles"] == ["a", "b"]


def test_a_later_figure_from_the_same_claimant_revises_the_earlier_one():
    first = with_claims([Claim("Sahel governor", "report", killed=12, victim=CIV.name)], actor1=UAG, actor2=CIV,
                        event_type="Violence against civilians", sub_event_type="Attack")
    later = with_claims([Claim("Sahel governor", "report", killed=17, victim=CIV.name)], actor1=JNIM, actor2=CIV,
                        event_type="Violence against civilians", sub_event_type="Attack")
    ev = fuse([(first, src("a", 8)), (later, src("b", 10))])[0]
    assert (ev.fatalities, ev.fatalities_low, ev.fatalities_high) == (17, 17, 17)
    old = next(c for c in ev.fused_claims if c.killed == 12)
    assert old.superseded_by == "b"
    assert any(ch.field == "claims" and "revised" in ch.reason for ch in ev.history)


def test_anonymous_sources_do_not_revise_each_other():
    a = with_claims([Claim("Local sources", "report", killed=12, victim=CIV.name)])
    b = with_claims([Claim("Local sources", "report", killed=17, victim=CIV.name)])
    ev = fuse([(a, src("a", 8)), (b, src("b", 10))])[0]
    assert (ev.fatalities, ev.fatalities_high) == (12, 17)


def test_a_denial_makes_the_event_disputed():
    report = with_claims([Claim("Camp coordination", "report", killed=9, victim=CIV.name)], actor2=CIV,
                         event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack")
    denial = with_claims([Claim(JNIM.name, "denial", victim=CIV.name)], actor2=CIV,
                         event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack")
    ev = fuse([(report, src("a")), (denial, src("b"))])[0]
    assert ev.certainty == "disputed" and ev.fatalities == 9 and "Denied by" in ev.notes


def test_the_army_figure_for_terrorists_counts_for_the_group_named_later():
    army = with_claims([Claim(FAMA.name, "claim", killed=20, victim=UAG.name)], actor1=FAMA, actor2=UAG)
    group = with_claims([Claim(JNIM.name, "claim", killed=8, victim=FAMA.name),
                         Claim(JNIM.name, "admission", killed=4, victim=JNIM.name)])
    ev = fuse([(army, src("a")), (group, src("b", 16))])[0]
    assert (ev.fatalities, ev.fatalities_low, ev.fatalities_high) == (12, 12, 28)
    assert ev.certainty == "disputed"


def test_a_split_total_keeps_its_share():
    c = Claim("Local sources", "report", killed=12, victim=CIV.name)
    assert record_share(rec(claims=[c], fatalities=6)) == (0, 2)
    assert record_share(rec(claims=[c], fatalities=12)) == (0, 1)
    ev = new_event(rec(claims=[c], fatalities=6, fatalities_low=6, fatalities_high=6), src("a"))
    assert ev.fatalities == 6


# ================================================================ merge: fields and history


def test_the_most_precise_place_wins_and_is_logged():
    region = rec(location="Gao", admin1="Gao", geo_precision=3, latitude=16.27, longitude=-0.04)
    ev = new_event(region, src("a"))
    changes = merge_into(ev, rec(**TESSIT), src("b"))
    assert ev.location == "Tessit" and ev.geo_precision == 1
    logged = {c.field: c for c in changes}
    assert logged["location"].old == "Gao" and logged["location"].new == "Tessit"
    assert logged["geo_precision"].article_id == "b"
    # a vaguer report later does not undo it
    merge_into(ev, region, src("c", 17))
    assert ev.location == "Tessit"


def test_earliest_plausible_date_unless_a_more_precise_one_comes():
    ev = new_event(rec(event_date=dt.date(2024, 5, 12), time_precision=2), src("a", 15))
    merge_into(ev, rec(event_date=dt.date(2024, 5, 14)), src("b", 16))
    assert (ev.event_date, ev.time_precision) == (dt.date(2024, 5, 14), 1)  # a day beats a week
    merge_into(ev, rec(event_date=dt.date(2024, 5, 13)), src("c", 16))
    assert ev.event_date == dt.date(2024, 5, 13)  # the earlier of two days
    ev2 = new_event(rec(), src("a", 16))  # an earlier report arriving late still counts
    merge_into(ev2, rec(event_date=dt.date(2024, 5, 13)), src("b", 14))
    assert ev2.event_date == dt.date(2024, 5, 13)
    ev3 = new_event(rec(event_date=dt.date(2024, 5, 14)), src("a", 14))
    merge_into(ev3, rec(event_date=dt.date(2024, 5, 15)), src("b", 16))
    assert ev3.event_date == dt.date(2024, 5, 14)  # after the first report: not plausible, and not earlier


def test_a_named_group_fills_the_crossed_side():
    ev = new_event(rec(actor1=FAMA, actor2=UAG), src("a"))
    changes = merge_into(ev, rec(actor1=JNIM, actor2=FAMA), src("b"))
    assert (ev.actor1.name, ev.actor2.name) == (FAMA.name, JNIM.name)
    assert any(c.field == "actor2" and c.old == UAG.name and c.new == JNIM.name for c in changes)


def test_higher_type_absorbs_lower():
    ev = new_event(rec(event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack"),
                   src("a"))
    merge_into(ev, rec(), src("b"))
    assert (ev.event_type, ev.sub_event_type) == ("Battles", "Armed clash")
    assert any(c.field == "sub_event_type" for c in ev.history)


def test_history_records_every_change_and_merging_twice_changes_nothing():
    ev = new_event(with_claims([Claim(FAMA.name, "admission", killed=6, victim=FAMA.name)]), src("a"))
    assert ev.history[0].field == "event" and ev.history[0].new == "created"
    b = with_claims([Claim(JNIM.name, "claim", killed=23, victim=FAMA.name)])
    changes = merge_into(ev, b, src("b", 16))
    fields = [c.field for c in changes]
    assert fields[0] == "sources" and "claims" in fields and "fatalities_high" in fields and "certainty" in fields
    assert changes == ev.history[-len(changes):]
    assert merge_into(ev, b, src("b", 16)) == []


def test_fused_event_is_an_event_record_the_scorer_reads():
    ev = fuse([(rec(), src("a")), (rec(), src("b"))])[0]
    assert isinstance(ev, EventRecord) and isinstance(ev, FusedEvent)
    d = json.loads(json.dumps(ev.to_dict()))
    assert [s["article_id"] for s in d["sources"]] == ["a", "b"] and d["history"][0]["new"] == "created"
    gold_event = {"event_date": "2024-05-14", "event_type": "Battles", "sub_event_type": "Armed clash",
                  "actors": [{"name": JNIM.name}, {"name": FAMA.name}], "country": "Mali", "admin1": "Gao",
                  "location": "Tessit", "latitude": 15.21667, "longitude": -0.3, "geo_precision": 1, "fatalities": 0}
    res, _ = score({"g": {"id": "g", "events": [gold_event]}}, {"g": [d]})
    assert res["event_f1"] == 1.0


# ================================================================ batch and incremental


def test_distractors_stay_apart():
    monday = rec(event_date=dt.date(2024, 3, 4))
    thursday = rec(event_date=dt.date(2024, 3, 7))
    neighbour = rec(**NEAR_TESSIT, event_date=dt.date(2024, 3, 4))
    arrests = rec(event_type="Strategic developments", sub_event_type="Arrests", actor1=FAMA, actor2=JNIM,
                  event_date=dt.date(2024, 3, 4))
    out = fuse([(monday, src("a", 5)), (thursday, src("b", 8)), (neighbour, src("c", 5)), (arrests, src("d", 5))])
    assert len(out) == 4


def test_one_articles_events_never_merge():
    a, b = rec(), rec(event_date=dt.date(2024, 5, 15))
    out = fuse([(a, src("a", 16, index=0)), (b, src("a", 16, index=1))])
    assert len(out) == 2


def test_a_summary_article_keeps_consecutive_days_apart_both_ways():
    mon, tue = rec(event_date=dt.date(2025, 2, 3)), rec(event_date=dt.date(2025, 2, 4))
    items = [(mon, src("a", 4)), (tue, src("b", 5)), (mon, src("c", 5, index=0)), (tue, src("c", 5, index=1))]
    for method in ("cluster", "incremental"):
        out = fuse(items, method=method)
        groups = sorted(sorted((s.article_id, s.event_index) for s in ev.sources) for ev in out)
        assert groups == [[("a", 0), ("c", 0)], [("b", 0), ("c", 1)]], method


def test_place_moves_a_report_and_logs_it():
    events: list[FusedEvent] = []
    mon, tue = rec(event_date=dt.date(2025, 2, 3)), rec(event_date=dt.date(2025, 2, 4))
    place(events, mon, src("a", 4))
    joined = place(events, tue, src("b", 5))
    assert not joined.created and len(events) == 1
    place(events, mon, src("c", 5, index=0))
    placed = place(events, tue, src("c", 5, index=1))
    assert placed.created and placed.also_changed == [events[0]]
    assert sorted(s.article_id for s in placed.event.sources) == ["b", "c"]
    moved = [c for c in events[0].history if c.field == "sources" and c.old == "b"]
    assert moved and moved[0].article_id == "c"


def test_no_chaining_in_a_batch():
    # A ~ B (same place, a day apart) and B ~ C (a day apart), but A and C are two days apart
    a = rec(event_date=dt.date(2024, 5, 13))
    b = rec(event_date=dt.date(2024, 5, 14))
    c = rec(event_date=dt.date(2024, 5, 15))
    out = fuse([(a, src("a", 16)), (b, src("b", 16)), (c, src("c", 16))])
    assert len(out) == 2


# ================================================================ the fusion gold set


def test_fusion_gold_is_well_formed():
    groups = load_groups()
    assert len(groups) >= 12
    distractors = [g for g in groups if g["notes"].startswith("DISTRACTOR")]
    assert len(distractors) >= 4
    langs = {a["language"] for g in groups for a in g["articles"]}
    assert {"ar", "en", "fr"} <= langs
    for g in groups:
        check_group(g)
        assert 2 <= len(g["articles"]) <= 4, g["group"]
        for a in g["articles"]:
            assert "fiction" in a["source"]["outlet"], a["id"]  # invented outlets for invented reports


def test_fusion_gold_is_not_read_as_dev_gold():
    dev = load_gold([GOLD_DIR])
    assert dev and not any(k.startswith("fusion") for k in dev)


# Figures reached when these tests were written (20 groups, 55 articles; the coder of that day reads
# Arabic only); floors a little below, so a fall fails CI.
# Measured: gold input — pairwise P 0.977 R 1.0, event F1 0.980 (both methods);
#           coder input — pairwise P 0.957 R 0.917, event F1 0.926 (both methods).


@pytest.fixture(scope="module")
def gold_entries():
    return code_groups(load_groups(DEFAULT_GOLD), "gold")


@pytest.fixture(scope="module")
def coder_entries():
    return code_groups(load_groups(DEFAULT_GOLD), "coder")


@pytest.mark.parametrize("method", ["cluster", "incremental"])
def test_fusion_on_gold_events(gold_entries, method):
    r = evaluate(load_groups(), "gold", method=method, entries=gold_entries)
    assert r.pair_precision >= 0.95 and r.pair_recall >= 0.98
    assert r.event_scores["event_f1"] >= 0.97
    assert r.event_scores["fatalities_accuracy"] >= 0.95
    assert r.merge_checks["certainty_accuracy"] >= 0.95 and r.merge_checks["span_accuracy"] >= 0.9
    assert r.wrong_merges == [
        "fusion-020-a#0 (2025-07-12 Shelling/artillery/missile attack Al Shabaab @ Beledweyne) + "
        "fusion-020-b#0 (2025-07-13 Shelling/artillery/missile attack Al Shabaab @ Beledweyne)"
    ]  # the known hard case: consecutive days, nothing but the text to tell them apart


@pytest.mark.parametrize("method", ["cluster", "incremental"])
def test_fusion_with_the_coder(coder_entries, method):
    r = evaluate(load_groups(), "coder", method=method, entries=coder_entries)
    assert r.pair_precision >= 0.9 and r.pair_recall >= 0.88
    assert r.event_scores["event_f1"] >= 0.88
