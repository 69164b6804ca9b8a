"""Turn date expressions into calendar dates with ACLED's time precision.

Two questions are answered here:

* **What is "now" for this article?** (:func:`infer_reference_date`, used when an article comes
  without a publication date). A date written in full gives the year; a weekday beside a day and month
  («الخميس 3 نوفمبر») fixes it too — it is the most recent year, not after ``today``, in which 3
  November fell on a Thursday, unless the text writes a year within six years of one of the candidate
  years, in which case the candidate nearest to the written year wins (at or after it if possible).
  "Now" is then the date of the latest expression that says it is today (or yesterday …):
  «اليوم، الخميس 3 نوفمبر» → 3 November; failing that, the latest fully resolved date — moved
  forward to the named weekday when the text says «اليوم الخميس» without a date (the first Thursday
  on or after that latest date).

* **When did the event happen?** (:func:`resolve_event_date`). Against the reference date:

  - a day and month without a year fall in the year that puts them on or before the reference
    («27 أكتوبر الماضي» with reference 2022-11-03 → 2022-10-27; «28 ديسمبر» with reference
    2023-01-03 → 2022-12-28), or on or after it with «المقبل»;
  - a weekday is the most recent such day on or before the reference (the same day allowed); with
    «الماضي» strictly before; with «المقبل» strictly after;
  - relative days count from the reference; a night is coded on the day it began («الليلة الماضية»
    → the day before; «ليل السبت الأحد» → Saturday); «ليل الأحد» is read as Sunday night, so Sunday;
  - a week or a span («الأسبوع الماضي», «منذ أيام») is coded on its middle day with time precision 2.
    «الأسبوع الماضي» is the seven days before the reference (as the project's gold codes it); a part
    of a week («مطلع الأسبوع», «نهاية الأسبوع الماضي») and «هذا الأسبوع» use calendar weeks
    starting on the language's ``week_start`` (Sunday for Arabic; «نهاية الأسبوع» is then Thursday to
    Saturday, the Arab weekend in the middle);
  - a month is coded on its 15th with time precision 3, on its first day for «مطلع/أوائل/بداية» and
    its last day for «نهاية/أواخر»; "the past two or three weeks" is also precision 3, on the middle
    of the month (ACLED codebook);
  - a year alone («منذ العام 2011», «العام الماضي») is never an event date: None;
  - Hijri dates are converted with the ``hijridate`` package (Umm al-Qura calendar).

Time precision codes (ACLED): 1 the day is known · 2 a week or similar span · 3 a month.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from hijridate import Gregorian, Hijri

from marsad.dates.expressions import DateExpression
from marsad.dates.vocabulary import date_vocabulary

_PRECISION_CODE = {"day": 1, "week": 2, "month": 3}
_WEEKDAY_YEAR_WINDOW = 6
_YEARS_BACK = 80


@dataclass(frozen=True)
class ResolvedDate:
    """An event date as ACLED codes it: the date and its time precision (1 day, 2 week, 3 month)."""

    date: dt.date
    time_precision: int
    expression: DateExpression | None


# ------------------------------------------------------------------ calendar helpers


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian date of a Hijri date, or None when it is invalid or out of the supported range."""
    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(g.year, g.month, g.day)


def _hijri_year_of(day: dt.date) -> int:
    return Gregorian(day.year, day.month, day.day).to_hijri().year


def _year_on_or_before(reference: dt.date, month: int, day: int) -> int | None:
    """The year that puts day/month on or before ``reference`` (29 February: the latest leap year)."""
    for year in range(reference.year, reference.year - 9, -1):
        d = _safe_date(year, month, day)
        if d is not None and d <= reference:
            return year
    return None


def _year_on_or_after(reference: dt.date, month: int, day: int) -> int | None:
    for year in range(reference.year, reference.year + 9):
        d = _safe_date(year, month, day)
        if d is not None and d >= reference:
            return year
    return None


def year_from_weekday(
    month: int, day: int, weekday: int, today: dt.date, written_years: Iterable[int] = ()
) -> int | None:
    """The year in which day/month fell on ``weekday``: the most recent one not after ``today``,
    unless a year written in the text is within six years of a candidate — then the candidate nearest
    to a written year, preferring candidates at or after it (a report comes after what it reports)."""
    candidates = []
    for year in range(today.year, today.year - _YEARS_BACK, -1):
        d = _safe_date(year, month, day)
        if d is not None and d <= today and d.weekday() == weekday:
            candidates.append(year)
    if not candidates:
        return None
    years = list(written_years)
    # A report is written after the years it reports on: first look for a candidate at or after a
    # written year («آذار 2020» as background to «الاثنين 18 آذار» → 2024, not 2019), then either side.
    after = [(c - y, -c, c) for c in candidates for y in years if 0 <= c - y <= _WEEKDAY_YEAR_WINDOW]
    if after:
        return min(after)[2]
    near = [(abs(c - y), -c, c) for c in candidates for y in years if abs(c - y) <= _WEEKDAY_YEAR_WINDOW]
    if near:
        return min(near)[2]
    return candidates[0]


# ------------------------------------------------------------------ reference date


def _written_years(expressions: Iterable[DateExpression]) -> list[int]:
    """Years the text writes as part of a date (not «منذ العام 2011», which is background)."""
    years: set[int] = set()
    for e in expressions:
        if e.year is None or e.direction == "since":
            continue
        if e.kind in ("absolute", "month"):
            years.add(e.year)
        elif e.kind == "hijri":
            g = hijri_to_gregorian(e.year, e.month or 1, e.day or 1)
            if g is not None:
                years.add(g.year)
    return sorted(years)


def _full_date(e: DateExpression, today: dt.date, years: list[int]) -> dt.date | None:
    """The date of ``e`` when the text alone fixes it (year written, or fixed by the weekday)."""
    if e.kind == "absolute" and e.day is not None and e.month is not None:
        if e.year is not None:
            return _safe_date(e.year, e.month, e.day)
        if e.weekday is not None:
            year = year_from_weekday(e.month, e.day, e.weekday, today, years)
            return _safe_date(year, e.month, e.day) if year is not None else None
    if e.kind == "hijri" and e.year is not None and e.day is not None and e.month is not None:
        return hijri_to_gregorian(e.year, e.month, e.day)
    return None


def infer_reference_date(expressions: list[DateExpression], today: dt.date | None = None) -> dt.date | None:
    """The article's "now" when it has no publication date (see the module docstring), or None.

    ``today`` bounds the search (no reference after it); pass it explicitly in tests.
    """
    today = today or dt.date.today()
    years = _written_years(expressions)
    nows: list[dt.date] = []
    resolved: list[dt.date] = []
    for e in expressions:
        if e.direction == "next":
            continue
        d = _full_date(e, today, years)
        if d is None or d > today:
            continue
        resolved.append(d)
        if e.relative_days is not None:
            now = d - dt.timedelta(days=e.relative_days)
            if now <= today:
                nows.append(now)
    if nows:
        return max(nows)
    if not resolved:
        return None
    base = max(resolved)
    # «قالت اللجان اليوم الخميس …» with the latest dated event on Tuesday 12 March: "today" is named
    # by its weekday only, so it is the first such weekday on or after that event.
    named_today = []
    for e in expressions:
        if e.relative_days is not None and e.weekday is not None and e.day is None and e.direction is None:
            weekday_today = (e.weekday - e.relative_days) % 7
            now = base + dt.timedelta(days=(weekday_today - base.weekday()) % 7)
            if now <= today:
                named_today.append(now)
    return max(named_today) if named_today else base


# ------------------------------------------------------------------ event date


def resolve_event_date(
    expr: DateExpression, reference: dt.date | None, language: str = "ar"
) -> ResolvedDate | None:
    """The event date ``expr`` stands for, against ``reference`` (see the module docstring).

    None when it cannot be a coded date: a year alone, a year-precision period, or a date that needs
    a reference when there is none. ``language`` chooses the first day of the week.
    """
    kind = expr.kind
    if kind == "year" or expr.precision == "year":
        return None
    if kind == "absolute":
        return _resolve_absolute(expr, reference)
    if kind == "hijri":
        return _resolve_hijri(expr, reference)
    if kind == "month":
        return _resolve_month(expr, reference)
    if reference is None:
        return None
    if kind == "weekday":
        return _resolve_weekday(expr, reference)
    if kind == "relative":
        return _resolve_relative(expr, reference, language)
    return None


def _resolve_absolute(expr: DateExpression, reference: dt.date | None) -> ResolvedDate | None:
    assert expr.day is not None and expr.month is not None
    year = expr.year
    if year is None and reference is not None:
        if expr.year_offset is not None:
            year = reference.year + expr.year_offset
        elif expr.direction == "next":
            year = _year_on_or_after(reference, expr.month, expr.day)
        elif expr.direction == "current":
            year = reference.year
        else:
            year = _year_on_or_before(reference, expr.month, expr.day)
    if year is None:
        return None
    d = _safe_date(year, expr.month, expr.day)
    return ResolvedDate(d, 1, expr) if d is not None else None


def _resolve_hijri(expr: DateExpression, reference: dt.date | None) -> ResolvedDate | None:
    if expr.month is None:
        return None
    day = expr.day if expr.day is not None else 15
    precision = 1 if expr.day is not None else 3
    if expr.year is not None:
        d = hijri_to_gregorian(expr.year, expr.month, day)
    elif reference is not None:
        year = _hijri_year_of(reference)
        d = hijri_to_gregorian(year, expr.month, day)
        if d is not None and d > reference and expr.direction != "next":
            d = hijri_to_gregorian(year - 1, expr.month, day)
    else:
        return None
    return ResolvedDate(d, precision, expr) if d is not None else None


def _month_day(year: int, month: int, part: str | None) -> int:
    if part == "early":
        return 1
    if part == "late":
        return _last_day(year, month)
    return 15


def _resolve_month(expr: DateExpression, reference: dt.date | None) -> ResolvedDate | None:
    assert expr.month is not None
    year = expr.year
    if year is None:
        if reference is None:
            return None
        if expr.year_offset is not None:
            year = reference.year + expr.year_offset
        elif expr.direction == "current":
            year = reference.year
        elif expr.direction == "next":
            year = reference.year if expr.month >= reference.month else reference.year + 1
        elif expr.direction == "past":
            year = reference.year if expr.month < reference.month else reference.year - 1
        else:
            year = reference.year if expr.month <= reference.month else reference.year - 1
    d = dt.date(year, expr.month, _month_day(year, expr.month, expr.period_part))
    return ResolvedDate(d, 3, expr)


def _resolve_weekday(expr: DateExpression, reference: dt.date) -> ResolvedDate | None:
    assert expr.weekday is not None
    if expr.relative_days is not None:  # «أمس الأربعاء»: the relative word decides
        return ResolvedDate(reference + dt.timedelta(days=expr.relative_days), 1, expr)
    back = (reference.weekday() - expr.weekday) % 7
    if expr.direction == "past" and back == 0:
        back = 7
    if expr.direction == "next":
        ahead = (expr.weekday - reference.weekday()) % 7 or 7
        return ResolvedDate(reference + dt.timedelta(days=ahead), 1, expr)
    return ResolvedDate(reference - dt.timedelta(days=back), 1, expr)


def _middle(first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=(last - first).days // 2)


def _month_middle(day: dt.date) -> dt.date:
    return day.replace(day=15)


def _resolve_relative(expr: DateExpression, reference: dt.date, language: str) -> ResolvedDate | None:
    precision = _PRECISION_CODE.get(expr.precision)
    if precision is None:
        return None
    if expr.span is not None:
        first = reference + dt.timedelta(days=expr.span[0])
        last = reference + dt.timedelta(days=expr.span[1])
        d = _middle(first, last)
        return ResolvedDate(_month_middle(d) if precision == 3 else d, precision, expr)
    if expr.relative_days is not None:
        d = reference + dt.timedelta(days=expr.relative_days)
        return ResolvedDate(_month_middle(d) if precision == 3 else d, precision, expr)
    if expr.offset is None:
        return None
    if expr.precision == "month":
        year, month = _add_months(reference.year, reference.month, expr.offset)
        return ResolvedDate(dt.date(year, month, _month_day(year, month, expr.period_part)), 3, expr)
    if expr.precision == "week":
        if expr.period_part is None and expr.offset != 0:
            # «الأسبوع الماضي»: the seven days before the reference; «الأسبوع المقبل»: the seven after
            if expr.offset < 0:
                first = reference + dt.timedelta(days=7 * expr.offset)
                last = first + dt.timedelta(days=6)
            else:
                last = reference + dt.timedelta(days=7 * expr.offset)
                first = last - dt.timedelta(days=6)
            return ResolvedDate(_middle(first, last), 2, expr)
        week_start = date_vocabulary(language).week_start
        this_week = reference - dt.timedelta(days=(reference.weekday() - week_start) % 7)
        first = this_week + dt.timedelta(days=7 * expr.offset)
        last = first + dt.timedelta(days=6)
        if expr.period_part == "early":
            last = first + dt.timedelta(days=2)
        elif expr.period_part == "mid":
            first, last = first + dt.timedelta(days=2), first + dt.timedelta(days=4)
        elif expr.period_part == "late":
            first = first + dt.timedelta(days=4)
        if expr.offset == 0 and last > reference >= first:
            last = reference  # "this week": the part of it that has happened
        return ResolvedDate(_middle(first, last), 2, expr)
    return None
