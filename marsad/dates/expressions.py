"""Find the date expressions of a news text: «يوم 27 أكتوبر الماضي», «اليوم، الخميس 3 نوفمبر»,
«مساء أمس», «الأسبوع الماضي», «قبل ثلاثة أيام», «15 ربيع الأول 1444 هـ», «منذ العام 2011».

This module only *reads* what the text says; turning it into a calendar date against the article's
reference date is :mod:`marsad.dates.resolve`.

How it works, over the normalised text (:func:`marsad.text.normalize.normalize`):

1. **Atoms.** One lexicon pass finds the date words of ``dates.yaml`` — each with its kinds: a
   month, a weekday, a relative day, a part of the day, a direction («الماضي»), a period («الأسبوع»),
   a period part («مطلع»), a unit («أيام»), «قبل/منذ», leads («يوم», «بتاريخ») and links
   («الموافق», «من») — and regexes find digit groups (a day, a year, «2022م», «1444هـ») and numeric
   dates (3/11/2022, 2022-11-03).
2. **Slots.** From each atom, the following atoms are taken while they stand next to each other (only
   spaces, commas, a dash, a slash or brackets between) and each fits a free *slot* of one date: a
   weekday, a day, a month (written twice is fine: «تشرين الثاني/نوفمبر»), a year, a direction, a part
   of the day… A day number is a day only before a month name («3 نوفمبر», «الثالث من نوفمبر»); a
   part of the day attaches to what follows it in Arabic («مساء السبت») and may follow in English and
   French ("Thursday night", «hier soir») when no other date word comes next. Everything that fits is
   ONE expression: «يوم الخميس الموافق 3 نوفمبر» has both a weekday and a day and month.
3. **Kinds.** The filled slots decide the kind: ``absolute`` (day + month), ``weekday``, ``relative``
   (relative days, «قبل يومين», spans such as «منذ أيام», periods such as «الشهر الماضي»), ``month``,
   ``year`` and ``hijri``. A bare month or year counts only with something that makes it a date: a
   preposition before («في أكتوبر», «في 2019»), «شهر», a year, a direction or a period part — so
   «مارس الضغط» (he exerted pressure) and «قتل 2000 شخص» are not dates.

Offsets are into the original text; the span starts at a lead word («يوم», «بتاريخ») when there is one
and leaves out a proclitic conjunction or preposition («وبعد ظهر أمس» → «بعد ظهر أمس»).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from marsad.dates.vocabulary import DateVocabulary, date_vocabulary
from marsad.numbers.quantities import find_quantities, parse_number_words
from marsad.numbers.vocabulary import original_span, scan_words
from marsad.text.normalize import NormalizedText, is_word_char, normalize


@dataclass(frozen=True)
class DateExpression:
    """A date as the text gives it; ``start``/``end``/``text`` are in the original text.

    ``kind``: "absolute" (day + month [+ year]) · "weekday" · "relative" · "month" · "year" · "hijri"
    (day, month and year are then Hijri). ``weekday`` uses Python's numbering (0 Monday … 6 Sunday).
    ``relative_days``: اليوم 0, أمس -1, أول أمس -2, غدا +1, «قبل ثلاثة أيام» -3. ``direction``: "past"
    («الماضي»), "next" («المقبل»), "current" («الجاري»), or "since" for «منذ العام 2011».
    ``part_of_day``: dawn · morning · noon · afternoon · evening · night. ``precision``: day · week ·
    month · year.

    Beyond the basic fields: ``offset`` counts periods from the reference for «الأسبوع الماضي» (-1),
    «الشهر الجاري» (0); ``period_part`` is "early" («مطلع», «أوائل»), "mid" («منتصف») or "late"
    («نهاية», «أواخر»); ``span`` is a (first, last) range of days around the reference for vague
    phrases («منذ أيام» → (-7, -1)); ``year_offset`` places a month in a year relative to the reference
    («أكتوبر من العام الماضي» → -1).
    """

    start: int
    end: int
    text: str
    kind: str
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    relative_days: int | None = None
    direction: str | None = None
    part_of_day: str | None = None
    precision: str = "day"
    offset: int | None = None
    period_part: str | None = None
    span: tuple[int, int] | None = None
    year_offset: int | None = None


# ------------------------------------------------------------------ digit atoms

# Numeric dates: day/month/year (Arabic and European order) and ISO year-month-day.
_DMY = re.compile(r"(?<![0-9/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?![0-9]|[/.\-][0-9])")
_YMD = re.compile(r"(?<![0-9/.\-])(\d{4})([/.\-])(\d{1,2})\2(\d{1,2})(?![0-9]|[/.\-][0-9])")
# A plain number (with an English or French ordinal ending), and an era mark after a year: «2022م»,
# «1444 هـ» (folded «ه»).
_NUMBER = re.compile(
    r"(?<![0-9A-Za-z_:/.,])(?P<num>\d{1,4})(?P<suf>st|nd|rd|th|er|eme)?(?![0-9A-Za-z_:]|[.,/][0-9])"
    r"(?:\s?(?P<era>ه|م)(?![^\W\d_]))?"
)
_DIGIT_RUN = re.compile(r"\d+")
_GAP = re.compile(r"[\s,()\-/\"']*")
_GAP_WITH_DOT = re.compile(r"[\s,()\-/\"'.]*")
_MAX_GAP = 6
# kinds that cannot open an expression (a word that is only a link, «على», «الماضي» …)
_NEVER_FIRST = frozenset({"link", "night_link", "dir", "ago_after"})
_CORE = ("weekday", "month", "hmonth", "relday", "relnight", "num", "numdate", "ordinal_day", "period")


@dataclass
class _Atom:
    start: int
    end: int
    form: str
    kinds: dict[str, Any]


@dataclass
class _Slots:
    """What one expression has gathered so far."""

    first: int | None = None  # normalised start of the first meaningful atom
    end: int = 0  # normalised end of the last meaningful atom
    lead_start: int | None = None
    relday: int | None = None
    part: str | None = None
    weekday: int | None = None
    night_weekday: bool = False
    day: int | None = None
    month: int | None = None
    hmonth: int | None = None
    year: int | None = None
    era: str | None = None
    direction: str | None = None
    period: str | None = None
    ppart: str | None = None
    unit: tuple[str, int | None] | None = None
    count: int | None = None
    count_vague: bool = False
    ago: bool = False
    since: bool = False
    span: tuple[int, int, str] | None = None
    month_word: bool = False
    year_word: bool = False
    year_period: bool = False
    year_offset: int | None = None
    bare_year: bool = False
    numdate: bool = False

    def empty(self) -> bool:
        return self.first is None

    def no_date_yet(self) -> bool:
        return self.day is None and self.month is None and self.hmonth is None and not self.numdate

    def has_core(self) -> bool:
        return (
            any(
                v is not None
                for v in (
                    self.relday,
                    self.weekday,
                    self.day,
                    self.month,
                    self.hmonth,
                    self.period,
                    self.year,
                )
            )
            or self.span is not None
            or self.unit is not None
        )


# ------------------------------------------------------------------ public API


def find_date_expressions(nt: NormalizedText, language: str = "ar") -> list[DateExpression]:
    """All date expressions of ``nt`` in text order (see the module docstring)."""
    vocab = date_vocabulary(language)
    atoms = _atoms(nt, vocab)
    parser = _Parser(nt, atoms, vocab, language)
    return parser.run()


# ------------------------------------------------------------------ step 1: atoms


def _atoms(nt: NormalizedText, vocab: DateVocabulary) -> list[_Atom]:
    """Date words (one lexicon pass) and digit groups (each run of digits examined once)."""
    text = nt.text
    out = [_Atom(a.start, a.end, a.form, dict(a.kinds)) for a in scan_words(vocab.lexicon, vocab.forms, nt)]
    skip_to = -1
    for run in _DIGIT_RUN.finditer(text):
        pos = run.start()
        if pos < skip_to:
            continue
        m = _DMY.match(text, pos)
        if m is not None:
            d, mo, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
            if y < 100:
                y += 2000 if y < 70 else 1900
        else:
            m = _YMD.match(text, pos)
            if m is not None:
                y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if m is not None:
            skip_to = m.end()
            if 1 <= d <= 31 and 1 <= mo <= 12 and 1000 <= y <= 2200:
                out.append(_Atom(m.start(), m.end(), m.group(0), {"numdate": (d, mo, y)}))
            continue
        m = _NUMBER.match(text, pos)
        if m is None:
            continue
        digits = m.group("num")
        era = m.group("era") if len(digits) >= 3 else None
        end = m.end("era") if era else m.end("suf") if m.group("suf") else m.end("num")
        kinds: dict[str, Any] = {"num": int(digits), "ndigits": len(digits)}
        if era:
            kinds["era"] = "hijri" if era == "ه" else "gregorian"
        out.append(_Atom(pos, end, text[pos:end], kinds))
    out.sort(key=lambda a: (a.start, -a.end))
    return out


# ------------------------------------------------------------------ step 2-3: slots and kinds


class _Parser:
    def __init__(self, nt: NormalizedText, atoms: Sequence[_Atom], vocab: DateVocabulary, language: str):
        self.nt = nt
        self.text = nt.text
        self.atoms = atoms
        self.vocab = vocab
        self.language = language
        self.starts = {a.start for a in atoms}

    # -------------------------------------------------------------- driver

    def run(self) -> list[DateExpression]:
        out: list[DateExpression] = []
        i = 0
        n = len(self.atoms)
        while i < n:
            a = self.atoms[i]
            if "not_date" in a.kinds or a.kinds.keys() <= _NEVER_FIRST:
                i += 1
                continue
            slots, j = self._gather(i)
            expr = self._interpret(slots) if slots is not None else None
            if expr is None:
                i += 1
                continue
            out.append(expr)
            i = j
        return out

    def _adjacent(self, a: _Atom, b: _Atom) -> bool:
        if b.start < a.end or b.start - a.end > _MAX_GAP:
            return False
        g = self.text[a.end : b.start]
        pattern = _GAP_WITH_DOT if a.form.isascii() and len(a.form) <= 4 else _GAP
        return pattern.fullmatch(g) is not None

    def _next(self, j: int, skip_links: bool = False) -> _Atom | None:
        """The atom after ``atoms[j]`` if adjacent (optionally over a link such as «من»)."""
        if j + 1 >= len(self.atoms) or not self._adjacent(self.atoms[j], self.atoms[j + 1]):
            return None
        b = self.atoms[j + 1]
        if skip_links and "link" in b.kinds and len(b.kinds) == 1:
            if j + 2 < len(self.atoms) and self._adjacent(b, self.atoms[j + 2]):
                return self.atoms[j + 2]
            return None
        return b

    def _gather(self, i: int) -> tuple[_Slots | None, int]:
        """Fill slots from atoms[i] on; returns the slots and the index after the last atom used."""
        s = _Slots()
        j = i
        used = i
        prev: _Atom | None = None
        while j < len(self.atoms):
            a = self.atoms[j]
            if "not_date" in a.kinds:
                break
            if prev is not None and not self._adjacent(prev, a) and not self._count_gap(s, prev, a):
                break
            role = self._place(s, a, j)
            if role is None:
                break
            if role == "core":
                if s.first is None:
                    s.first = a.start
                s.end = a.end
                used = j + 1
            elif role == "lead" and s.first is None and s.lead_start is None:
                s.lead_start = a.start
            prev = a
            j += 1
        if s.first is None:
            return None, i + 1
        return s, used

    def _count_gap(self, s: _Slots, prev: _Atom, a: _Atom) -> bool:
        """«قبل ثلاثة أيام», «منذ عدة أيام»: number words between «قبل» and the unit."""
        if not (s.ago and s.unit is None and "unit" in a.kinds and a.kinds["unit"][1] is None):
            return False
        if a.start - prev.end > 40:
            return False
        o_start, _ = self.nt.span(prev.end, a.start)
        o_end, _ = self.nt.span(a.start, a.start + 1)
        words = self.nt.original[o_start:o_end].strip()
        value = parse_number_words(words, self.language)
        if value is not None:
            s.count = value
            return True
        qs = find_quantities(normalize(words), self.language)
        if len(qs) == 1 and qs[0].literal is None and qs[0].text.strip() == words:
            s.count_vague = True
            return True
        return False

    # -------------------------------------------------------------- slot filling
    #
    # ``_place`` tries the kinds of an atom in a fixed order; each ``_fill_<kind>`` method puts the atom
    # in its slot and says what it became: "core" (part of the date: extends the span), "lead" (a word
    # before the date: «يوم», «مساء», «قبل»; it starts the span only if a core follows), "link" (a word
    # inside the date: «الموافق», «من»), or None (does not fit: the expression ends before it).

    _ORDER = (
        "span", "relnight", "relday", "weekday", "night_link", "ago_after", "unit", "ago_before", "since",
        "numdate", "num", "ordinal_day", "month", "hmonth", "year_word", "period", "month_word", "ppart",
        "dir", "dir_before", "part", "lead", "link",
    )  # fmt: skip

    def _place(self, s: _Slots, a: _Atom, j: int) -> str | None:
        """Put ``a`` in a free slot of ``s``; see the comment above for the roles."""
        for kind in _fill_order(frozenset(a.kinds)):
            role = getattr(self, f"_fill_{kind}")(s, a, j)
            if role is not None:
                return role
        return None

    def _next_has(self, j: int, kinds: Sequence[str], skip_links: bool = False) -> bool:
        nxt = self._next(j, skip_links)
        return nxt is not None and any(x in nxt.kinds for x in kinds)

    def _fill_span(self, s: _Slots, a: _Atom, j: int) -> str | None:
        if s.empty() and s.direction is None:
            s.span = a.kinds["span"]
            return "core"
        return None

    def _fill_relnight(self, s: _Slots, a: _Atom, j: int) -> str | None:
        if s.relday is None and s.weekday is None and s.no_date_yet() and s.unit is None:
            s.relday = a.kinds["relnight"]
            s.part = "night"
            return "core"
        return None

    def _fill_relday(self, s: _Slots, a: _Atom, j: int) -> str | None:
        free = s.relday is None and s.weekday is None and s.no_date_yet() and s.period is None
        if free and s.unit is None and not s.ago and self._relday_ok(a):
            s.relday = a.kinds["relday"]
            return "core"
        return None

    def _fill_weekday(self, s: _Slots, a: _Atom, j: int) -> str | None:
        wd = a.kinds["weekday"]
        if s.weekday is None:
            if s.no_date_yet() and s.year is None and s.period is None and s.unit is None and not s.ago:
                s.weekday = wd
                return "core"
            return None
        if s.part == "night" and wd == (s.weekday + 1) % 7 and not s.night_weekday and s.day is None:
            s.night_weekday = True  # «ليل السبت الأحد»: the night that began on Saturday
            return "core"
        return None

    def _fill_night_link(self, s: _Slots, a: _Atom, j: int) -> str | None:
        open_night = s.weekday is not None and s.part == "night" and not s.night_weekday
        if open_night and self._next_has(j, ["weekday"]):
            return "link"  # «ليلة السبت إلى الأحد»
        return None

    def _fill_ago_after(self, s: _Slots, a: _Atom, j: int) -> str | None:
        if s.unit is not None and not s.ago:
            s.ago = True  # "two days ago"
            return "core"
        return None

    def _fill_unit(self, s: _Slots, a: _Atom, j: int) -> str | None:
        if s.ago and s.unit is None:
            if "lead" in a.kinds and self._next_has(j, ["weekday", "num", "numdate"]):
                return None  # «قبل يوم الخميس» is "before Thursday", not "a day ago"
            if "year_word" in a.kinds and self._next_has(j, ["num"]):
                return None  # «منذ عام 2015» is "since 2015", not "a year ago"
            s.unit = a.kinds["unit"]  # «قبل يومين», «قبل 3 أيام»
            return "core"
        if s.empty() and not s.ago and self._next_has(j, ["ago_after"]):
            s.unit = a.kinds["unit"]  # "two days ago": the number is before the unit
            self._count_before(s, a)
            return "core"
        return None

    def _fill_ago_before(self, s: _Slots, a: _Atom, j: int) -> str | None:
        if s.empty() and not s.ago:
            s.ago = True
            s.since = "since" in a.kinds  # «منذ» is both "ago" and "since"
            return "lead"
        return None

    def _fill_since(self, s: _Slots, a: _Atom, j: int) -> str | None:
        if s.empty() and not s.since:
            s.since = True
            return "lead"
        return None

    def _fill_numdate(self, s: _Slots, a: _Atom, j: int) -> str | None:
        if s.no_date_yet() and s.year is None:
            s.day, s.month, s.year = a.kinds["numdate"]
            s.numdate = True
            return "core"
        return None

    def _fill_ordinal_day(self, s: _Slots, a: _Atom, j: int) -> str | None:
        if s.no_date_yet() and self._next_has(j, ["month", "hmonth"], skip_links=True):
            s.day = a.kinds["ordinal_day"]  # «الثالث من نوفمبر»
            return "core"
        return None

    def _fill_month(self, s: _Slots, a: _Atom, j: int) -> str | None:
        m = a.kinds["month"]
        if s.month is None and s.hmonth is None and s.period is None and not s.ago:
            s.month = m
            return "core"
        if s.month == m and s.year is None:
            return "core"  # the same month named twice: «تشرين الثاني/نوفمبر»
        return None

    def _fill_hmonth(self, s: _Slots, a: _Atom, j: int) -> str | None:
        if s.month is None and s.hmonth is None and s.period is None and not s.ago:
            s.hmonth = a.kinds["hmonth"]
            return "core"
        return None

    def _fill_year_word(self, s: _Slots, a: _Atom, j: int) -> str | None:
        if s.year is None and not s.year_word:
            nxt = self._next(j)
            if nxt is not None and "num" in nxt.kinds and nxt.kinds["ndigits"] >= 3:
                s.year_word = True  # «العام 2011», «أكتوبر من العام 2022»
                return "lead" if s.empty() else "link"
        return None

    def _fill_period(self, s: _Slots, a: _Atom, j: int) -> str | None:
        period = a.kinds["period"]
        has_month = s.month is not None or s.hmonth is not None
        if period == "year" and has_month and not s.year_period and s.year is None:
            s.year_period = True  # «أكتوبر من العام الماضي»: the direction gives the year
            return "link"
        if s.period is None and s.empty() and s.unit is None and not s.ago:
            s.period = period
            return "core"
        return None

    def _fill_month_word(self, s: _Slots, a: _Atom, j: int) -> str | None:
        if s.empty() and not s.month_word and not s.ago and self._next_has(j, ["month", "hmonth"]):
            s.month_word = True  # «شهر رمضان»
            return "lead"
        return None

    def _fill_ppart(self, s: _Slots, a: _Atom, j: int) -> str | None:
        followed = self._next_has(j, ["period", "month", "hmonth", "month_word", "dir_before"])
        if s.empty() and s.ppart is None and followed:
            s.ppart = a.kinds["ppart"]  # «مطلع الأسبوع», «أواخر أكتوبر»
            return "lead"
        return None

    def _fill_dir(self, s: _Slots, a: _Atom, j: int) -> str | None:
        if s.direction is not None:
            return None
        if s.year_period:
            s.year_offset = {"past": -1, "next": 1}.get(a.kinds["dir"], 0)
            s.year_period = False
            return "core"
        if s.has_core() and not s.ago:
            s.direction = a.kinds["dir"]  # «الخميس الماضي», «الشهر المقبل»
            return "core"
        return None

    def _fill_dir_before(self, s: _Slots, a: _Atom, j: int) -> str | None:
        followed = self._next_has(j, ["weekday", "period", "part", "month"])
        if s.direction is None and s.empty() and not s.ago and followed:
            s.direction = a.kinds["dir_before"]  # "last Tuesday", «هذا الأسبوع»
            return "lead"
        return None

    def _fill_part(self, s: _Slots, a: _Atom, j: int) -> str | None:
        if s.part is not None or s.ago or s.span is not None:
            return None
        if not s.has_core():
            if self._next_has(j, ["relday", "weekday", "num", "lead", "numdate"]):
                s.part = a.kinds["part"]  # «مساء السبت», «فجر اليوم»
                return "lead"
            if s.direction is not None:
                s.part = a.kinds["part"]  # "this morning", "last night"
                return "core"
            return None
        if s.period is None and not self._next_has(j, _CORE):
            s.part = a.kinds["part"]  # "Thursday night", «hier soir»
            return "core"
        return None

    def _fill_lead(self, s: _Slots, a: _Atom, j: int) -> str | None:
        if not s.has_core() and self._next_has(j, ["weekday", "num", "numdate", "ordinal_day"]):
            return "lead"  # «يوم الخميس», «بتاريخ 3/11/2022»
        return None

    def _fill_link(self, s: _Slots, a: _Atom, j: int) -> str | None:
        nxt = self._next(j)
        if s.has_core() and nxt is not None and not ("link" in nxt.kinds and len(nxt.kinds) == 1):
            return "link"  # «الموافق», «من»
        return None

    def _fill_num(self, s: _Slots, a: _Atom, j: int) -> str | None:
        return self._place_number(s, a, j)

    def _place_number(self, s: _Slots, a: _Atom, j: int) -> str | None:
        v: int = a.kinds["num"]
        nd: int = a.kinds["ndigits"]
        nxt = self._next(j)
        if s.ago and s.unit is None and s.count is None and nxt is not None and "unit" in nxt.kinds:
            s.count = v  # «قبل 3 أيام»
            return "core"
        if s.empty() and not s.ago and nxt is not None and "unit" in nxt.kinds:
            after = self._next(j + 1)
            if after is not None and "ago_after" in after.kinds:
                s.count = v  # "3 days ago"
                return "core"
        if nd <= 2 and 1 <= v <= 31 and s.day is None:
            if s.no_date_yet() and self._next_has(j, ["month", "hmonth"], skip_links=True):
                s.day = v  # «3 نوفمبر», «15 ربيع الأول»
                return "core"
            if s.month is not None and s.year is None and self.atoms[j - 1].form.isascii():
                s.day = v  # "November 3"
                return "core"
        if nd >= 3 and s.year is None and 1000 <= v <= 2200:
            if s.month is not None or s.hmonth is not None or s.year_word or s.since:
                s.year = v
                s.era = a.kinds.get("era")
                return "core"
            if s.empty():
                s.year = v
                s.era = a.kinds.get("era")
                s.bare_year = True
                return "core"
        return None

    def _relday_ok(self, a: _Atom) -> bool:
        """«اليوم» is today, but «اليوم العالمي», «اليوم الثالث» are not: a following «ال» word that is
        not itself a date word makes «اليوم» a plain noun."""
        if not a.form.startswith("ال") or a.kinds.get("relday") != 0:
            return True
        i = a.end
        while i < len(self.text) and self.text[i] == " ":
            i += 1
        if i == a.end or i in self.starts:
            return True
        return not self.text.startswith("ال", i)

    def _count_before(self, s: _Slots, unit_atom: _Atom) -> None:
        """ "two days ago": the number words before the unit (English, French order)."""
        text = self.text
        end = unit_atom.start
        pos = end
        words: list[int] = []
        while len(words) < 3:
            while pos > 0 and text[pos - 1] == " ":
                pos -= 1
            w_end = pos
            while pos > 0 and (is_word_char(text[pos - 1]) or text[pos - 1] == "-"):
                pos -= 1
            if pos == w_end:
                break
            words.append(pos)
        for w_start in reversed(words):
            o_start, _ = self.nt.span(w_start, w_start + 1)
            o_end, _ = self.nt.span(end, end + 1)
            phrase = self.nt.original[o_start:o_end].strip()
            value = parse_number_words(phrase, self.language)
            if value is None:
                qs = find_quantities(normalize(phrase), self.language)
                if len(qs) == 1 and qs[0].literal is None and qs[0].text.strip() == phrase:
                    s.count_vague = True
                    s.lead_start = w_start
                    return
                continue
            s.count = value
            s.lead_start = w_start
            return

    # -------------------------------------------------------------- kinds

    def _interpret(self, s: _Slots) -> DateExpression | None:
        start = s.lead_start if s.lead_start is not None and s.lead_start < (s.first or 0) else s.first
        assert start is not None and s.first is not None

        def make(kind: str, **kw: Any) -> DateExpression:
            o_start, o_end = original_span(self.nt, start, s.end)
            return DateExpression(o_start, o_end, self.nt.original[o_start:o_end], kind, **kw)

        if s.span is not None:
            first, last, precision = s.span
            if first == last:
                return make("relative", relative_days=first, precision=precision)
            return make("relative", span=(first, last), precision=precision)
        if s.unit is not None:
            if not s.ago:
                return None
            unit, ucount = s.unit
            count = s.count if s.count is not None else ucount  # «قبل 24 ساعة»: the number decides
            if count is None:
                vague = self.vocab.vague_ago.get(unit)
                if vague is None:
                    return make("relative", precision="year")
                first, last, precision = vague
                if first == last:
                    return make("relative", relative_days=first, precision=precision)
                return make("relative", span=(first, last), precision=precision)
            days, precision = _UNIT_DAYS[unit]
            if unit == "hour":
                return make("relative", relative_days=-(count // 24), precision="day")
            return make("relative", relative_days=-count * days, precision=precision)
        if s.year is not None and s.since and s.month is None and s.day is None:
            return make("year", year=s.year, direction="since", precision="year")
        common = {"weekday": s.weekday, "part_of_day": s.part, "direction": s.direction}
        if s.relday is not None:
            common["relative_days"] = s.relday
        if s.day is not None and s.month is not None:
            return make(
                "absolute", day=s.day, month=s.month, year=s.year, year_offset=s.year_offset, **common
            )
        if s.day is not None and s.hmonth is not None:
            return make("hijri", day=s.day, month=s.hmonth, year=s.year, **common)
        if s.month is not None:
            dated = s.year is not None or s.year_offset is not None or s.direction is not None
            if not (dated or s.ppart or s.month_word or self._preceded_by(s, self.vocab.month_prepositions)):
                return None  # «مارس الضغط» (a verb), «أب لثلاثة» (a father)
            return make(
                "month",
                month=s.month,
                year=s.year,
                direction=s.direction,
                period_part=s.ppart,
                year_offset=s.year_offset,
                precision="month",
            )
        if s.hmonth is not None:
            if s.year is None and not s.month_word:
                return None
            return make("hijri", month=s.hmonth, year=s.year, period_part=s.ppart, precision="month")
        if s.weekday is not None:
            return make("weekday", **common)
        if s.relday is not None:
            return make("relative", relative_days=s.relday, part_of_day=s.part, direction=s.direction)
        if s.period is not None:
            if s.direction is None and s.ppart is None:
                return None
            offset = {"past": -1, "next": 1}.get(s.direction or "", 0)
            return make(
                "relative", offset=offset, direction=s.direction, period_part=s.ppart, precision=s.period
            )
        if s.part is not None and s.direction is not None:
            return make(
                "relative",
                relative_days=-1 if s.direction == "past" else 0,
                part_of_day=s.part,
                direction=s.direction,
            )
        if s.year is not None:
            if s.bare_year and not s.era and not self._preceded_by(s, self.vocab.year_prepositions):
                return None  # «قتل 2000 شخص»
            return make("hijri" if s.era == "hijri" else "year", year=s.year, precision="year")
        return None

    def _preceded_by(self, s: _Slots, words: frozenset[str]) -> bool:
        """Is the word just before the expression one of ``words`` (proclitic و/ف aside)?"""
        start = s.lead_start if s.lead_start is not None else s.first
        assert start is not None
        i = start
        # a proclitic glued to the expression's first word («وفي أكتوبر» has «في» as its own word)
        while i > 0 and self.text[i - 1] == " ":
            i -= 1
        end = i
        while i > 0 and is_word_char(self.text[i - 1]):
            i -= 1
        word = self.text[i:end]
        if word in words:
            return True
        return len(word) > 1 and word[0] in "وف" and word[1:] in words


@cache
def _fill_order(kinds: frozenset[str]) -> tuple[str, ...]:
    """The slot kinds of an atom, in the order ``_Parser._place`` tries them (cached per kind set)."""
    return tuple(k for k in _Parser._ORDER if k in kinds)


_UNIT_DAYS: dict[str, tuple[int, str]] = {
    "day": (1, "day"),
    "week": (7, "week"),
    "month": (30, "month"),
    "year": (365, "year"),
    "hour": (0, "day"),
}
