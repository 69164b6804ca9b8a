"""Event triggers: the words that say something happened («اشتباكات», «كمين», «غارة», «مقتل»).

The trigger list is ``data/triggers.csv`` (form, class, stem, lang). Each class is mapped to ACLED
types in ``data/event_types.yaml``; this module only finds the words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from marsad.lexicon.automaton import Lexicon
from marsad.lexicon.datafile import read_table, read_yaml
from marsad.text.normalize import NormalizedText


@dataclass(frozen=True)
class Trigger:
    """A trigger word in the text (original offsets) and its event class."""

    start: int
    end: int
    text: str
    cls: str

    @property
    def is_main(self) -> bool:
        return self.cls in event_classes()["main"]


@cache
def event_classes() -> dict:
    """``event_types.yaml`` with ``main`` as a set and ``rank`` (0 = strongest) per class."""
    data = dict(read_yaml("event_types.yaml"))
    data["main"] = frozenset(data["main"])
    data["rank"] = {c: i for i, c in enumerate(data["priority"])}
    return data


@cache
def _lexicons(language: str) -> tuple[Lexicon, Lexicon]:
    stems = Lexicon(f"triggers-{language}-stem", suffixes="stem", article=True)
    words = Lexicon(f"triggers-{language}", suffixes="none", article=True)
    for row in read_table("triggers.csv"):
        if row.get("lang", "ar") != language:
            continue
        (stems if row.get("stem") == "yes" else words).add(row["form"], row["class"])
    stems.build()
    words.build()
    return stems, words


def find_triggers(nt: NormalizedText, language: str = "ar") -> list[Trigger]:
    """All triggers in text order; where a stem match and a word match overlap, the longer wins."""
    found: list[Trigger] = []
    for lex in _lexicons(language):
        for m in lex.finditer(nt):
            found.append(Trigger(m.start, m.end, m.text, m.payload))
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    out: list[Trigger] = []
    for t in found:
        if out and t.start < out[-1].end:
            continue
        out.append(t)
    return [t for t in out if t.cls != "IGNORE"]
