"""Tests of marsad.dates: date expressions, event-date resolution and the reference date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from marsad.dates import (
    DateExpression,
    find_date_expressions,
    hijri_to_gregorian,
    infer_reference_date,
    resolve_event_date,
)
from marsad.dates.resolve import year_from_weekday
from marsad.text.normalize import normalize

SEED = Path(__file__).resolve().parents[1] / "samples" / "seed-ar-001.txt"  # copy of ../shared/seed/000_b281…
REF = dt.date(2022, 11, 3)  # a Thursday
TODAY = dt.date(2025, 6, 1)


def dates(text: str, language: str = "ar") -> list[DateExpression]:
    found = find_date_expressions(normalize(text), language)
    for e in found:  # offsets always point into the original text
        assert text[e.start : e.end] == e.text
    return found


def only(text: str, language: str = "ar") -> DateExpression:
    found = dates(text, language)
    assert len(found) == 1, found
    return found[0]


def resolved(text: str, reference: dt.date | None = REF, language: str = "ar") -> tuple[str, int] | None:
    r = resolve_event_date(only(text, language), reference, language)
    return (r.date.isoformat(), r.time_precision) if r else None


# ------------------------------------------------------------------ finding expressions


@pytest.mark.parametrize(
    ("text", "span", "fields"),
    [
        (
            "نشر في 30 أكتوبر 2022 بيانا",
            "30 أكتوبر 2022",
            {"kind": "absolute", "day": 30, "month": 10, "year": 2022},
        ),
        (
            "شنت حملة يوم 27 أكتوبر الماضي",
            "يوم 27 أكتوبر الماضي",
            {"kind": "absolute", "day": 27, "month": 10, "year": None, "direction": "past"},
        ),
        (
            "صدر بتاريخ 3/11/2022",
            "بتاريخ 3/11/2022",
            {"kind": "absolute", "day": 3, "month": 11, "year": 2022},
        ),
        ("صدر في 2022-11-03", "2022-11-03", {"kind": "absolute", "day": 3, "month": 11, "year": 2022}),
        ("صدر في 3-11-22", "3-11-22", {"kind": "absolute", "day": 3, "month": 11, "year": 2022}),
        (
            "وقع الهجوم الخميس 3 نوفمبر",
            "الخميس 3 نوفمبر",
            {"kind": "absolute", "day": 3, "month": 11, "weekday": 3},
        ),
        (
            "وقع الهجوم يوم الخميس الموافق 3 نوفمبر",
            "يوم الخميس الموافق 3 نوفمبر",
            {"kind": "absolute", "day": 3, "month": 11, "weekday": 3},
        ),
        (
            "اشتدت المعارك اليوم، الخميس 3 نوفمبر، غرب ميناكا",
            "اليوم، الخميس 3 نوفمبر",
            {"kind": "absolute", "day": 3, "month": 11, "weekday": 3, "relative_days": 0},
        ),
        ("وقع في 3 تشرين الثاني 2022", "3 تشرين الثاني 2022", {"kind": "absolute", "day": 3, "month": 11}),
        (
            "وقع في 3 تشرين الثاني/نوفمبر 2022",
            "3 تشرين الثاني/نوفمبر 2022",
            {"kind": "absolute", "day": 3, "month": 11, "year": 2022},
        ),
        (
            "وقع في الثالث من تشرين الثاني",
            "الثالث من تشرين الثاني",
            {"kind": "absolute", "day": 3, "month": 11},
        ),
        ("وقع في 1 كانون الثاني", "1 كانون الثاني", {"kind": "absolute", "day": 1, "month": 1}),
        ("وقع في 20 آب 2021", "20 آب 2021", {"kind": "absolute", "day": 20, "month": 8, "year": 2021}),
        ("وقع في 12 أيار", "12 أيار", {"kind": "absolute", "day": 12, "month": 5}),
        ("وقع في 5 جانفي 2023", "5 جانفي 2023", {"kind": "absolute", "day": 5, "month": 1, "year": 2023}),
        ("وقع في 12 جويلية", "12 جويلية", {"kind": "absolute", "day": 12, "month": 7}),
        ("وقع في 15 أوت", "15 أوت", {"kind": "absolute", "day": 15, "month": 8}),
        ("وقع في 10 يونيه", "10 يونيه", {"kind": "absolute", "day": 10, "month": 6}),
        ("وقع في 4 ابريل", "4 ابريل", {"kind": "absolute", "day": 4, "month": 4}),
        (
            "وقع في ٣٠ أكتوبر ٢٠٢٢",
            "٣٠ أكتوبر ٢٠٢٢",
            {"kind": "absolute", "day": 30, "month": 10, "year": 2022},
        ),
        (
            "مساء الخميس 3 نوفمبر",
            "مساء الخميس 3 نوفمبر",
            {"kind": "absolute", "weekday": 3, "part_of_day": "evening"},
        ),
        ("قتل أمس جنديان", "أمس", {"kind": "relative", "relative_days": -1}),
        ("قتل البارحة", "البارحة", {"kind": "relative", "relative_days": -1}),
        ("قتل اليوم", "اليوم", {"kind": "relative", "relative_days": 0}),
        ("قتل أول أمس", "أول أمس", {"kind": "relative", "relative_days": -2}),
        ("قتل أول من أمس", "أول من أمس", {"kind": "relative", "relative_days": -2}),
        ("قتل أمس الأول", "أمس الأول", {"kind": "relative", "relative_days": -2}),
        ("يصل غدا", "غدا", {"kind": "relative", "relative_days": 1}),
        (
            "قتل الليلة الماضية",
            "الليلة الماضية",
            {"kind": "relative", "relative_days": -1, "part_of_day": "night"},
        ),
        ("قتل ليلة أمس", "ليلة أمس", {"kind": "relative", "relative_days": -1, "part_of_day": "night"}),
        ("قتل فجر اليوم", "فجر اليوم", {"kind": "relative", "relative_days": 0, "part_of_day": "dawn"}),
        ("قتل صباح أمس", "صباح أمس", {"kind": "relative", "relative_days": -1, "part_of_day": "morning"}),
        ("قتل مساء أمس", "مساء أمس", {"kind": "relative", "relative_days": -1, "part_of_day": "evening"}),
        ("وبعد ظهر أمس قتل", "بعد ظهر أمس", {"kind": "relative", "relative_days": -1, "part_of_day": "noon"}),
        ("قتل الخميس الماضي", "الخميس الماضي", {"kind": "weekday", "weekday": 3, "direction": "past"}),
        ("قتل يوم الأحد", "يوم الأحد", {"kind": "weekday", "weekday": 6}),
        ("قتل يوم الاثنين", "يوم الاثنين", {"kind": "weekday", "weekday": 0}),
        ("قتل مساء السبت", "مساء السبت", {"kind": "weekday", "weekday": 5, "part_of_day": "evening"}),
        ("قتل ليل الأحد", "ليل الأحد", {"kind": "weekday", "weekday": 6, "part_of_day": "night"}),
        ("قتل ليل السبت الأحد", "ليل السبت الأحد", {"kind": "weekday", "weekday": 5, "part_of_day": "night"}),
        ("قتل ليلة السبت إلى الأحد", "ليلة السبت إلى الأحد", {"kind": "weekday", "weekday": 5}),
        ("قتل الجمعة المقبلة", "الجمعة المقبلة", {"kind": "weekday", "weekday": 4, "direction": "next"}),
        ("قتل أمس الأربعاء", "أمس الأربعاء", {"kind": "weekday", "weekday": 2, "relative_days": -1}),
        ("قتل الأسبوع الماضي", "الأسبوع الماضي", {"kind": "relative", "precision": "week", "offset": -1}),
        ("قتل هذا الأسبوع", "هذا الأسبوع", {"kind": "relative", "precision": "week", "offset": 0}),
        ("قتل الشهر الماضي", "الشهر الماضي", {"kind": "relative", "precision": "month", "offset": -1}),
        (
            "قتل مطلع الأسبوع",
            "مطلع الأسبوع",
            {"kind": "relative", "precision": "week", "period_part": "early"},
        ),
        (
            "قتل نهاية الأسبوع الماضي",
            "نهاية الأسبوع الماضي",
            {"kind": "relative", "precision": "week", "offset": -1, "period_part": "late"},
        ),
        ("قتل قبل يومين", "قبل يومين", {"kind": "relative", "relative_days": -2, "precision": "day"}),
        ("قتل قبل ثلاثة أيام", "قبل ثلاثة أيام", {"kind": "relative", "relative_days": -3}),
        ("قتل قبل 4 أيام", "قبل 4 أيام", {"kind": "relative", "relative_days": -4}),
        ("قتل قبل أسبوع", "قبل أسبوع", {"kind": "relative", "relative_days": -7, "precision": "week"}),
        ("قتل منذ أيام", "منذ أيام", {"kind": "relative", "span": (-7, -1), "precision": "week"}),
        ("قتل منذ عدة أيام", "منذ عدة أيام", {"kind": "relative", "span": (-7, -1), "precision": "week"}),
        ("قتل خلال الأيام الماضية", "الأيام الماضية", {"kind": "relative", "span": (-7, -1)}),
        (
            "قتل في 15 ربيع الأول 1444 هـ",
            "15 ربيع الأول 1444 هـ",
            {"kind": "hijri", "day": 15, "month": 3, "year": 1444},
        ),
        ("خلال شهر رمضان", "شهر رمضان", {"kind": "hijri", "month": 9, "precision": "month"}),
        ("منذ العام ٢٠١١", "منذ العام ٢٠١١", {"kind": "year", "year": 2011, "direction": "since"}),
        ("تأسست عام 2011", "عام 2011", {"kind": "year", "year": 2011, "direction": None}),
        ("تأسست في 2019", "2019", {"kind": "year", "year": 2019}),
        ("وقع في أكتوبر الماضي", "أكتوبر الماضي", {"kind": "month", "month": 10, "direction": "past"}),
        ("وقع في أكتوبر", "أكتوبر", {"kind": "month", "month": 10, "precision": "month"}),
        ("وقع مطلع نوفمبر", "مطلع نوفمبر", {"kind": "month", "month": 11, "period_part": "early"}),
        ("وقع أواخر أكتوبر", "أواخر أكتوبر", {"kind": "month", "month": 10, "period_part": "late"}),
        ("وقع في أكتوبر 2022", "أكتوبر 2022", {"kind": "month", "month": 10, "year": 2022}),
        (
            "وقع في أكتوبر من العام الماضي",
            "أكتوبر من العام الماضي",
            {"kind": "month", "month": 10, "year_offset": -1},
        ),
    ],
)
def test_find_date_expressions(text: str, span: str, fields: dict[str, Any]) -> None:
    e = only(text)
    assert e.text == span
    for name, value in fields.items():
        assert getattr(e, name) == value, name


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("في الأول من كانون الأول 2022", ["الأول من كانون الأول 2022"]),
        ("في الحادي والعشرين من أيلول", ["الحادي والعشرين من أيلول"]),
        ("وقعت المجزرة يوم 5 يونيو/حزيران", ["يوم 5 يونيو/حزيران"]),
        ("أعلنت في 12 شباط (فبراير) 2023", ["12 شباط (فبراير) 2023"]),
        ("وقع الهجوم قبل يوم الخميس", ["يوم الخميس"]),  # "before Thursday", not "a day ago"
        ("ويشهد البلد منذ عام 2015 أعمال عنف", ["منذ عام 2015"]),
        ("منذ 2011 وحتى 2015", ["منذ 2011", "2015"]),
        ("قتل 3 الخميس والجمعة", ["الخميس", "الجمعة"]),
    ],
)
def test_expression_spans(text: str, spans: list[str]) -> None:
    assert [e.text for e in dates(text)] == spans


def test_since_a_year_is_not_a_year_ago() -> None:
    e = only("منذ عام 2015")
    assert (e.kind, e.year, e.direction, e.relative_days) == ("year", 2015, "since", None)


def test_hijri_year_alone() -> None:
    e = only("في 1444 هـ")
    assert (e.kind, e.year, e.precision) == ("hijri", 1444, "year")
    assert resolve_event_date(e, REF) is None


@pytest.mark.parametrize(
    "text",
    [
        "كان يوم من الأيام",
        "وفي اليوم التالي هاجموا القرية",
        "احتفل باليوم العالمي للمرأة",
        "مارس الجيش ضغوطا على السكان",
        "قتل 2000 شخص",
        "أب لثلاثة أطفال",
        "وقع الانفجار الساعة الثالثة",
        "قتل 3 في الهجوم",
        "قبل الهجوم",
        "لا شيء هنا",
    ],
)
def test_not_dates(text: str) -> None:
    assert dates(text) == []


def test_weekday_and_date_are_one_expression_and_separate_dates_are_not_merged() -> None:
    found = dates("بين 27 أكتوبر، 30 أكتوبر، والخميس والجمعة")
    assert [e.text for e in found] == ["27 أكتوبر", "30 أكتوبر", "الخميس", "الجمعة"]


def test_offsets_with_diacritics_and_tatweel() -> None:
    text = "وقعَ الهجومُ يومَ الخميـــسِ ٣ نوفمبرَ، وقُتِلَ آخرونَ أمسِ"
    found = dates(text)
    assert [e.text for e in found] == ["يومَ الخميـــسِ ٣ نوفمبرَ", "أمسِ"]
    assert (found[0].weekday, found[0].day, found[0].month) == (3, 3, 11)


# ------------------------------------------------------------------ resolving event dates


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("يوم 27 أكتوبر الماضي", REF, ("2022-10-27", 1)),
        ("في 5 يناير", dt.date(2023, 1, 20), ("2023-01-05", 1)),
        ("في 28 ديسمبر", dt.date(2023, 1, 3), ("2022-12-28", 1)),
        ("في 30 أكتوبر 2022", None, ("2022-10-30", 1)),
        ("بتاريخ 3/11/2022", None, ("2022-11-03", 1)),
        ("في 27 أكتوبر", None, None),
        ("في 10 نوفمبر المقبل", REF, ("2022-11-10", 1)),
        ("يوم الخميس", REF, ("2022-11-03", 1)),  # the same day is allowed
        ("الخميس الماضي", REF, ("2022-10-27", 1)),  # «الماضي» forces strictly before
        ("يوم الأحد", REF, ("2022-10-30", 1)),
        ("الأحد المقبل", REF, ("2022-11-06", 1)),
        ("مساء السبت", REF, ("2022-10-29", 1)),
        ("ليل السبت الأحد", REF, ("2022-10-29", 1)),  # the night is coded on the day it began
        ("يوم الأحد", None, None),
        ("أمس", REF, ("2022-11-02", 1)),
        ("أول أمس", REF, ("2022-11-01", 1)),
        ("فجر اليوم", REF, ("2022-11-03", 1)),
        ("الليلة الماضية", REF, ("2022-11-02", 1)),
        ("أمس الأربعاء", REF, ("2022-11-02", 1)),
        ("قبل ثلاثة أيام", REF, ("2022-10-31", 1)),
        ("الأسبوع الماضي", REF, ("2022-10-30", 2)),  # the seven days before: 27 Oct – 2 Nov
        ("خلال الأسبوع الماضي", dt.date(2021, 11, 13), ("2021-11-09", 2)),
        ("هذا الأسبوع", REF, ("2022-11-01", 2)),  # Sunday 30 October to the reference
        ("مطلع الأسبوع", REF, ("2022-10-31", 2)),
        ("نهاية الأسبوع الماضي", REF, ("2022-10-28", 2)),
        ("منذ أيام", REF, ("2022-10-30", 2)),
        ("قبل أسبوع", REF, ("2022-10-27", 2)),
        ("الشهر الماضي", REF, ("2022-10-15", 3)),
        ("مطلع الشهر الماضي", REF, ("2022-10-01", 3)),
        ("أواخر الشهر الماضي", REF, ("2022-10-31", 3)),
        ("في أكتوبر الماضي", REF, ("2022-10-15", 3)),
        ("في ديسمبر الماضي", REF, ("2021-12-15", 3)),
        ("أواخر أكتوبر", REF, ("2022-10-31", 3)),
        ("في أكتوبر من العام الماضي", REF, ("2021-10-15", 3)),
        ("في 15 ربيع الأول 1444 هـ", None, ("2022-10-11", 1)),
        ("خلال شهر رمضان", REF, ("2022-04-16", 3)),
        ("قبل 24 ساعة", REF, ("2022-11-02", 1)),
        ("قبل 15 يوما", REF, ("2022-10-19", 1)),
        ("في مستهل الشهر الجاري", REF, ("2022-11-01", 3)),
        ("في الأسبوع المقبل", REF, ("2022-11-07", 2)),
        ("في الأول من كانون الأول 2021", None, ("2021-12-01", 1)),
        ("منذ العام ٢٠١١", REF, None),
        ("العام الماضي", REF, None),
    ],
)
def test_resolve_event_date(text: str, reference: dt.date | None, expected: tuple[str, int] | None) -> None:
    assert resolved(text, reference) == expected


def test_resolved_date_keeps_its_expression() -> None:
    e = only("يوم 27 أكتوبر الماضي")
    r = resolve_event_date(e, REF)
    assert r is not None and r.expression is e


def test_hijri_conversion() -> None:
    assert hijri_to_gregorian(1444, 3, 15) == dt.date(2022, 10, 11)
    assert hijri_to_gregorian(1444, 13, 1) is None


# ------------------------------------------------------------------ reference date


SEED_SENTENCES = (
    "اشتدت المعارك اليوم، الخميس 3 نوفمبر، غرب ولاية ميناكا شمال مالي بين التنظيمين. "
    "بعد انكفاء القوات المسلّحة الرسمية تدريجياً منذ العام ٢٠١١. "
    "شنت حملة عسكرية يوم 27 أكتوبر الماضي على مواقع لتنظيم داعش. "
    "قالت وكالة أعماق في بيان صادر عنها في 30 أكتوبر 2022."
)


def test_reference_date_of_the_seed_sentences() -> None:
    exprs = dates(SEED_SENTENCES)
    assert infer_reference_date(exprs, today=TODAY) == dt.date(2022, 11, 3)
    resolved_dates = [resolve_event_date(e, dt.date(2022, 11, 3)) for e in exprs]
    assert [r.date.isoformat() if r else None for r in resolved_dates] == [
        "2022-11-03",
        None,  # «منذ العام ٢٠١١»: a year, never an event date
        "2022-10-27",
        "2022-10-30",
    ]


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not available")
def test_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    exprs = dates(text)
    assert [e.text for e in exprs] == [
        "اليوم، الخميس 3 نوفمبر",
        "منذ العام ٢٠١١",
        "يوم 27 أكتوبر الماضي",
        "30 أكتوبر 2022",
    ]
    assert infer_reference_date(exprs, today=TODAY) == dt.date(2022, 11, 3)


def test_weekday_fixes_the_year() -> None:
    exprs = dates("وقع الهجوم يوم الخميس 3 نوفمبر")
    assert infer_reference_date(exprs, today=TODAY) == dt.date(2022, 11, 3)


def test_weekday_year_prefers_a_candidate_near_a_written_year() -> None:
    # 3 November was a Thursday in 2022 and 2016; the text writes 2016 elsewhere.
    exprs = dates("وقع الهجوم يوم الخميس 3 نوفمبر، بعد اتفاق 12 مارس 2016")
    assert infer_reference_date(exprs, today=TODAY) == dt.date(2016, 11, 3)


def test_weekday_year_prefers_a_candidate_after_a_background_year() -> None:
    # 18 March was a Monday in 2019 and 2024; «آذار 2020» is background, so 2024, not 2019.
    exprs = dates("شنت طائرات حربية، أمس الاثنين 18 آذار، غارات رغم اتفاق وقف إطلاق النار في آذار 2020")
    assert infer_reference_date(exprs, today=TODAY) == dt.date(2024, 3, 19)


def test_since_year_does_not_pull_the_weekday_year() -> None:
    exprs = dates("الخميس 3 نوفمبر، والمنطقة خارج السيطرة منذ العام 2011")
    assert infer_reference_date(exprs, today=TODAY) == dt.date(2022, 11, 3)


def test_yesterday_with_a_full_date_gives_today() -> None:
    exprs = dates("هاجموا القرية أمس الأربعاء 2 نوفمبر 2022")
    assert infer_reference_date(exprs, today=TODAY) == dt.date(2022, 11, 3)


def test_today_named_by_its_weekday_only() -> None:
    # 12 March 2024 was a Tuesday; «اليوم الخميس» makes "now" the Thursday after it.
    text = (
        "قالت لجان المقاومة، اليوم الخميس، إن 15 مدنيا قتلوا يوم الثلاثاء 12 مارس. "
        "وفي صباح اليوم التالي، الأربعاء، اقتحموا بلدة"
    )
    exprs = dates(text)
    reference = infer_reference_date(exprs, today=TODAY)
    assert reference == dt.date(2024, 3, 14)
    days = [resolve_event_date(e, reference) for e in exprs]
    assert [d.date.isoformat() if d else None for d in days] == ["2024-03-14", "2024-03-12", "2024-03-13"]


def test_latest_full_date_when_nothing_says_today() -> None:
    exprs = dates("في 15 أكتوبر 2022 ثم في 30 أكتوبر 2022 وفي 27 أكتوبر")
    assert infer_reference_date(exprs, today=TODAY) == dt.date(2022, 10, 30)


def test_dates_after_today_are_not_a_reference() -> None:
    exprs = dates("في 30 أكتوبر 2022 وتجري الانتخابات في 20 ديسمبر 2030")
    assert infer_reference_date(exprs, today=TODAY) == dt.date(2022, 10, 30)


def test_no_reference_without_a_full_date() -> None:
    assert infer_reference_date(dates("يوم 27 أكتوبر الماضي ومنذ العام 2011"), today=TODAY) is None
    assert infer_reference_date([], today=TODAY) is None


def test_year_from_weekday() -> None:
    assert year_from_weekday(11, 3, 3, TODAY) == 2022
    assert year_from_weekday(11, 3, 3, dt.date(2022, 11, 2)) == 2016  # not after today
    assert year_from_weekday(11, 3, 3, TODAY, [2011]) == 2011
    assert year_from_weekday(3, 18, 0, TODAY, [2020]) == 2024
    assert year_from_weekday(3, 18, 0, TODAY, [2030]) == 2024  # nothing within six years after
    assert year_from_weekday(2, 29, 0, TODAY) == 2016  # 29 February on a Monday


# ------------------------------------------------------------------ English and French basics


@pytest.mark.parametrize(
    ("text", "language", "span", "expected"),
    [
        (
            "On Thursday, November 3, 2022, gunmen attacked",
            "en",
            "On Thursday, November 3, 2022",
            ("2022-11-03", 1),
        ),
        ("on 27 October 2022", "en", "on 27 October 2022", ("2022-10-27", 1)),
        ("gunmen attacked yesterday", "en", "yesterday", ("2022-11-02", 1)),
        ("attacked yesterday morning", "en", "yesterday morning", ("2022-11-02", 1)),
        ("attacked last night", "en", "last night", ("2022-11-02", 1)),
        ("attacked last Tuesday", "en", "last Tuesday", ("2022-11-01", 1)),
        ("attacked two days ago", "en", "two days ago", ("2022-11-01", 1)),
        ("attacked last week", "en", "last week", ("2022-10-30", 2)),
        ("attacked on Thursday night", "en", "on Thursday night", ("2022-11-03", 1)),
        ("Le jeudi 3 novembre 2022", "fr", "Le jeudi 3 novembre 2022", ("2022-11-03", 1)),
        ("attaqué hier", "fr", "hier", ("2022-11-02", 1)),
        ("attaqué hier soir", "fr", "hier soir", ("2022-11-02", 1)),
        ("attaqué mardi dernier", "fr", "mardi dernier", ("2022-11-01", 1)),
        ("dans la nuit de samedi à dimanche", "fr", "dans la nuit de samedi à dimanche", ("2022-10-29", 1)),
        ("il y a deux jours", "fr", "il y a deux jours", ("2022-11-01", 1)),
        ("la semaine dernière", "fr", "semaine dernière", ("2022-10-30", 2)),
        ("le 1er novembre", "fr", "le 1er novembre", ("2022-11-01", 1)),
        ("fin octobre", "fr", "fin octobre", ("2022-10-31", 3)),
    ],
)
def test_english_and_french(text: str, language: str, span: str, expected: tuple[str, int]) -> None:
    e = only(text, language)
    assert e.text == span
    assert resolved(text, REF, language) == expected


def test_unknown_language_is_an_error() -> None:
    with pytest.raises(ValueError, match="no date vocabulary"):
        find_date_expressions(normalize("أمس"), "xx")
