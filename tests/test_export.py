"""Writers: JSON Lines as the output contract says, JSON, ACLED-column CSV, the terminal table.

The records here are real :class:`EventRecord` objects: the seed article's hand coding
(``shared/dev/seed-ar-001.json``) written as Marsad would output it. ``seed_coded()`` is also used
by ``test_evaluate.py`` and ``test_cli.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import json
import re
from pathlib import Path

import pytest

from marsad.export import (
    ACLED_COLUMNS,
    CSV_COLUMNS,
    MARSAD_COLUMNS,
    CsvWriter,
    EventIds,
    JsonlWriter,
    JsonWriter,
    acled_region,
    acled_row,
    claim_summary,
    country_codes,
    make_writer,
)
from marsad.export.table import TableWriter, short_name
from marsad.models import ActorRef, Article, Claim, CodedArticle, EventRecord, Span

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_TEXT = (REPO / "samples" / "seed-ar-001.txt").read_text(encoding="utf-8")

JNIM = "JNIM: Group for Support of Islam and Muslims"
IS_SAHEL = "Islamic State (Sahel Province)"


def _span(word: str, text: str = SEED_TEXT) -> Span:
    start = text.index(word)
    return Span(start, start + len(word), word)


def _battle(day: str, location: str, geo: int, fatalities: tuple[int, int, int], claims: list[Claim],
            attacker: str = JNIM, defender: str = IS_SAHEL, precision: int = 1,
            certainty: str = "claimed") -> EventRecord:
    best, low, high = fatalities
    return EventRecord(
        event_date=dt.date.fromisoformat(day),
        time_precision=precision,
        disorder_type="Political violence",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1=ActorRef(attacker, 2, None),
        actor2=ActorRef(defender, 2, None),
        country="Mali",
        admin1="Menaka",
        location=location,
        latitude=None,
        longitude=None,
        geo_precision=geo,
        fatalities=best,
        fatalities_low=low,
        fatalities_high=high,
        claims=claims,
        certainty=certainty,
        notes=f"Fighting between {attacker} and {defender} near {location}.",
        evidence={"location": [_span("ميناكا")]},
    )


def seed_events() -> list[EventRecord]:
    """The four required events of the seed gold, as records."""
    jnim_claim = Claim(JNIM, "claim", killed=10, victim=IS_SAHEL, via="Az-Zallaqa", evidence=_span("مقتل 10"))
    return [
        _battle("2022-11-03", "Menaka", 3, (0, 0, 1), [
            Claim("Unidentified social media users", "unconfirmed", 1, victim=JNIM, via="social media")
        ], certainty="confirmed"),
        _battle("2022-10-27", "Amakra", 2, (5, 0, 10), [jnim_claim]),
        _battle("2022-10-27", "Inekar", 2, (5, 0, 10), [jnim_claim]),
        _battle("2022-10-30", "Aghazraghen", 2, (30, 30, 40), [
            Claim(IS_SAHEL, "claim", killed=40, victim=JNIM, via="Amaq", evidence=_span("مقتل 40")),
            Claim(JNIM, "admission", killed=30, victim=JNIM, via="Az-Zallaqa", approximate=True),
        ], attacker=IS_SAHEL, defender=JNIM, precision=2),
    ]


def seed_coded() -> CodedArticle:
    article = Article("seed-ar-001", SEED_TEXT, None, "ar", "Akhbar Al Aan")
    return CodedArticle(article, seed_events(), reference_date=dt.date(2022, 11, 3))


def failed_coded(article_id: str = "broken", reason: str = "empty file") -> CodedArticle:
    return CodedArticle(Article(article_id, ""), error=reason)


def empty_coded(article_id: str = "analysis") -> CodedArticle:
    return CodedArticle(Article(article_id, "تحليل سياسي", language="ar"))


def _write(writer_cls, items, **kwargs) -> str:
    out = io.StringIO()
    w = writer_cls(out, **kwargs)
    for item in items:
        w.write(item)
    w.close()
    return out.getvalue()


# ---------------------------------------------------------------- columns


def test_acled_columns_are_the_31_of_the_taxonomy_in_order():
    assert len(ACLED_COLUMNS) == 31
    taxonomy = SHARED / "spec" / "taxonomy.md"
    if taxonomy.exists():
        text = taxonomy.read_text(encoding="utf-8")
        listed = text[text.index("ACLED's export has 31 columns"):].split("`", 1)[1].split("`", 1)[0]
        assert tuple(re.split(r",\s*", listed)) == ACLED_COLUMNS
    assert ACLED_COLUMNS[0] == "event_id_cnty" and ACLED_COLUMNS[-1] == "timestamp"


def test_csv_columns_are_acled_then_marsad():
    assert CSV_COLUMNS == ACLED_COLUMNS + MARSAD_COLUMNS
    assert MARSAD_COLUMNS == ("fatalities_low", "fatalities_high", "certainty", "claims", "article_id")


def test_acled_row_fills_every_column_from_a_record():
    event = seed_events()[3]
    row = acled_row(event, event_id_cnty="MLI7", article_id="seed-ar-001", source="Akhbar Al Aan",
                    timestamp=1)
    assert list(row) == list(CSV_COLUMNS)
    assert row["event_id_cnty"] == "MLI7"
    assert row["event_date"] == "2022-10-30" and row["year"] == 2022 and row["time_precision"] == 2
    assert row["actor1"] == IS_SAHEL and row["actor2"] == JNIM
    assert row["inter1"] == row["inter2"] == "Rebel group"
    assert row["interaction"] == "Rebel group-Rebel group"
    assert row["iso"] == 466 and row["region"] == "Western Africa" and row["country"] == "Mali"
    assert row["admin3"] is None and row["source_scale"] is None and row["tags"] is None
    assert row["source"] == "Akhbar Al Aan" and row["timestamp"] == 1
    assert (row["fatalities"], row["fatalities_low"], row["fatalities_high"]) == (30, 30, 40)
    assert row["claims"] == (
        f"{IS_SAHEL} [claim via Amaq]: 40 killed of {JNIM}; "
        f"{JNIM} [admission via Az-Zallaqa]: ~30 killed of {JNIM}"
    )
    assert row["article_id"] == "seed-ar-001"


def test_acled_row_joins_associated_actors_and_keeps_the_records_own_iso_and_source():
    event = seed_events()[0]
    event.assoc_actor_1 = ["Tuareg Ethnic Militia (Mali)", "Civilians (Mali)"]
    event.iso, event.source = 999, "Az-Zallaqa; Amaq"
    row = acled_row(event, source="Akhbar Al Aan")
    assert row["assoc_actor_1"] == "Tuareg Ethnic Militia (Mali); Civilians (Mali)"
    assert row["assoc_actor_2"] == ""
    assert row["iso"] == 999 and row["source"] == "Az-Zallaqa; Amaq"


def test_one_sided_event_has_empty_actor2_and_an_only_interaction():
    event = seed_events()[0]
    event.actor2 = None
    row = acled_row(event)
    assert row["actor2"] is None and row["inter2"] is None
    assert row["interaction"] == "Rebel group only"


def test_country_codes_regions_and_event_ids():
    assert country_codes("Mali") == ("MLI", 466)
    assert country_codes("Democratic Republic of Congo") == ("COD", 180)  # ACLED's spelling
    assert country_codes("Japan") == ("JPN", 392)  # outside Marsad's table: pycountry
    assert country_codes("Atlantis") is None and country_codes(None) is None
    assert acled_region("Somalia") == "Eastern Africa"
    assert acled_region("Atlantis") == ""
    ids = EventIds()
    made = [ids.next(c) for c in ("Mali", "Mali", "Niger", None, "Mali")]
    assert made == ["MLI1", "MLI2", "NER1", "XXX1", "MLI3"]


def test_claim_summary_marks_approximate_figures_and_names_the_channel():
    c = Claim("Military Forces of Mali", "report", killed=None, wounded=12, approximate=True)
    assert claim_summary(c) == "Military Forces of Mali [report]: ~12 wounded"
    assert claim_summary(Claim("Witness", "denial")) == "Witness [denial]: no figure"


# ---------------------------------------------------------------- CSV


def test_csv_has_the_header_and_one_row_per_event():
    text = _write(CsvWriter, [seed_coded(), empty_coded(), failed_coded()], timestamp=1700000000)
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 1 + 4  # no row for the article without events, none for the failed one
    records = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert [r["event_id_cnty"] for r in records] == ["MLI1", "MLI2", "MLI3", "MLI4"]
    assert [r["location"] for r in records] == ["Menaka", "Amakra", "Inekar", "Aghazraghen"]
    assert {r["timestamp"] for r in records} == {"1700000000"}
    assert {r["article_id"] for r in records} == {"seed-ar-001"}
    assert records[0]["latitude"] == "" and records[0]["admin2"] == ""  # None → empty cell
    assert records[3]["fatalities"] == "30" and records[3]["fatalities_high"] == "40"
    assert records[0]["source"] == "Akhbar Al Aan"  # the outlet, as the record names no source


def test_csv_of_nothing_is_the_header():
    assert _write(CsvWriter, []).splitlines() == [",".join(CSV_COLUMNS)]


# ---------------------------------------------------------------- JSON Lines and JSON


def test_jsonl_is_one_line_per_article_exactly_to_dict():
    coded = [seed_coded(), empty_coded(), failed_coded("bad", "binary data, not text (contains NUL bytes)")]
    lines = _write(JsonlWriter, coded).splitlines()
    assert len(lines) == 3
    assert [json.loads(line) for line in lines] == [c.to_dict() for c in coded]
    assert json.loads(lines[1]) == {"id": "analysis", "events": []}
    assert json.loads(lines[2]) == {
        "id": "bad", "events": [], "error": "binary data, not text (contains NUL bytes)"
    }
    assert "مقتل 10" in lines[0]  # evidence kept as UTF-8, not \\u escapes


def test_jsonl_events_carry_the_output_contract_keys():
    event = json.loads(_write(JsonlWriter, [seed_coded()]))["events"][3]
    for key in ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "assoc_actor_1",
                "assoc_actor_2", "country", "admin1", "location", "latitude", "longitude", "fatalities",
                "fatalities_low", "fatalities_high", "claims", "certainty"):
        assert key in event
    assert event["claims"][1] == {
        "claimant": JNIM, "type": "admission", "killed": 30, "wounded": None, "victim": JNIM,
        "via": "Az-Zallaqa", "approximate": True, "evidence": None,
    }
    assert event["claims"][0]["evidence"]["text"] == "مقتل 40"


def _load_module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("scorer", ["shared", "vendored"])
def test_jsonl_is_read_by_the_scorers_loader(tmp_path, scorer):
    if scorer == "shared":
        if not (SHARED / "eval" / "score.py").exists():
            pytest.skip("../shared is not beside the repository")
        load_pred = _load_module(SHARED / "eval" / "score.py", "shared_score").load_pred
    else:
        from marsad.evaluate.scoring import load_pred
    path = tmp_path / "pred.jsonl"
    path.write_text(_write(JsonlWriter, [seed_coded(), empty_coded(), failed_coded()]), encoding="utf-8")
    pred = load_pred(path)
    assert set(pred) == {"seed-ar-001", "analysis", "broken"}
    assert len(pred["seed-ar-001"]) == 4 and pred["analysis"] == [] and pred["broken"] == []
    assert pred["seed-ar-001"][1]["location"] == "Amakra"


def test_json_is_the_list_of_the_jsonl_objects():
    coded = [seed_coded(), failed_coded()]
    text = _write(JsonWriter, coded)
    assert json.loads(text) == [c.to_dict() for c in coded]
    assert text == json.dumps([c.to_dict() for c in coded], ensure_ascii=False, indent=2) + "\n"
    assert _write(JsonWriter, []) == "[]\n"


# ---------------------------------------------------------------- table


def test_table_shows_each_event_and_each_failure():
    text = _write(TableWriter, [seed_coded(), empty_coded(), failed_coded("bad", "empty file")])
    # cells wrap, so look for pieces that fit on one line
    assert "Aghazraghen (Menaka, Mali)" in text
    assert "JNIM vs Islamic State" in text
    assert "30 (30–40)" in text and "5 (0–10)" in text
    assert "2022-10-30 ≈week" in text
    assert "JNIM [admission via" in text
    assert "3 article(s), 4 event(s), 1 without events, 1 failed" in text
    assert "no event: analysis" in text
    assert "failed: bad: empty file" in text


def test_table_of_one_article_has_no_article_column_and_names_it_in_the_title():
    text = _write(TableWriter, [seed_coded()])
    assert "seed-ar-001" in text.splitlines()[0]
    assert "article" not in text.splitlines()[2]


def test_short_names_keep_unabbreviated_names():
    assert short_name(JNIM) == "JNIM"
    assert short_name("CSP-PSD: Permanent Strategic Framework") == "CSP-PSD"
    assert short_name(IS_SAHEL) == IS_SAHEL
    assert short_name("Military Forces of Mali") == "Military Forces of Mali"
    assert short_name(None) == "—"


def test_make_writer_knows_every_format():
    for fmt in ("table", "jsonl", "csv", "json"):
        w = make_writer(fmt, io.StringIO())
        w.write(seed_coded())
        w.close()
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        make_writer("xml", io.StringIO())
