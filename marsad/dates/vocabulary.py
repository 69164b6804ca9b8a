"""The date vocabulary of one language, compiled once from ``marsad/data/dates.yaml``.

All date words (month names in their regional variants, Hijri months, weekdays, «أمس», «الماضي»,
«مطلع», «قبل» …) go into one :class:`~marsad.lexicon.automaton.Lexicon`; what each folded form means
is kept in :attr:`DateVocabulary.forms` as a dict of *kinds*, because one word can do several jobs:
«يوم» leads a date («يوم الخميس») and is a unit («قبل يوم»); «العام» names a period («العام
الماضي») and introduces a year («العام 2011»).

:func:`date_vocabulary_data` gives the raw data of a language to other stages (the numbers stage
uses the month and weekday names to recognise «27 أكتوبر» as a day, not a quantity).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from marsad.lexicon.automaton import Lexicon
from marsad.lexicon.datafile import read_yaml
from marsad.numbers.vocabulary import key_of

DATA_FILE = "dates.yaml"


@dataclass
class DateVocabulary:
    """dates.yaml for one language, ready to match."""

    language: str
    lexicon: Lexicon
    forms: dict[str, dict[str, Any]]
    week_start: int = 0
    vague_ago: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    month_prepositions: frozenset[str] = frozenset()
    year_prepositions: frozenset[str] = frozenset()


def date_vocabulary_data(language: str = "ar") -> dict[str, Any]:
    """The raw ``dates.yaml`` mapping of ``language``."""
    data = read_yaml(DATA_FILE)
    if language not in data:
        raise ValueError(f"no date vocabulary for language {language!r} (have: {', '.join(data)})")
    return data[language]


@cache
def date_vocabulary(language: str = "ar") -> DateVocabulary:
    """The compiled vocabulary of ``language`` (built on first use, then cached)."""
    d = date_vocabulary_data(language)
    forms: dict[str, dict[str, Any]] = {}

    def add(words: Any, kind: str, value: Any = True) -> None:
        for w in words or []:
            key = key_of(str(w))
            if key:
                forms.setdefault(key, {})[kind] = value

    for m, words in (d.get("months") or {}).items():
        add(words, "month", int(m))
    for m, words in (d.get("hijri_months") or {}).items():
        add(words, "hmonth", int(m))
    for wd, words in (d.get("weekdays") or {}).items():
        add(words, "weekday", int(wd))
    for day, words in (d.get("ordinal_days") or {}).items():
        add(words, "ordinal_day", int(day))
    for off, words in (d.get("relative_days") or {}).items():
        add(words, "relday", int(off))
    for off, words in (d.get("relative_nights") or {}).items():
        add(words, "relnight", int(off))
    for part, words in (d.get("parts_of_day") or {}).items():
        add(words, "part", str(part))
    for direction, words in (d.get("directions") or {}).items():
        add(words, "dir", str(direction))
    for direction, words in (d.get("directions_before") or {}).items():
        add(words, "dir_before", str(direction))
    for period, words in (d.get("periods") or {}).items():
        add(words, "period", str(period))
    for part, words in (d.get("period_parts") or {}).items():
        add(words, "ppart", str(part))
    for unit, counts in (d.get("units") or {}).items():
        for count, words in (counts or {}).items():
            add(words, "unit", (str(unit), None if str(count) == "n" else int(count)))
    ago = d.get("ago") or {}
    add(ago.get("before"), "ago_before")
    add(ago.get("after"), "ago_after")
    for phrase, (first, last, precision) in (d.get("spans") or {}).items():
        add([phrase], "span", (int(first), int(last), str(precision)))
    add(d.get("since"), "since")
    add(d.get("leads"), "lead")
    add(d.get("links"), "link")
    add(d.get("night_links"), "night_link")
    add(d.get("month_words"), "month_word")
    add(d.get("year_words"), "year_word")
    add(d.get("not_dates"), "not_date")

    lex = Lexicon(f"dates-{language}")
    for key in forms:
        lex.add(key, key)
    lex.build()
    vague = {str(unit): (int(v[0]), int(v[1]), str(v[2])) for unit, v in (d.get("vague_ago") or {}).items()}
    return DateVocabulary(
        language=language,
        lexicon=lex,
        forms=forms,
        week_start=int(d.get("week_start", 0)),
        vague_ago=vague,
        month_prepositions=frozenset(key_of(w) for w in d.get("month_prepositions") or []),
        year_prepositions=frozenset(key_of(w) for w in d.get("year_prepositions") or []),
    )
