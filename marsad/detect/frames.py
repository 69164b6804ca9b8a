"""Event mentions: where in a sentence an event is described, and by which words.

A sentence of Arabic news often carries more than one event, or an event and the statement that
reports it: «قالت وكالة أعماق، في بيان، إن عناصر التنظيم هاجموا مقاتلي الجماعة قرب بلدة أغزراغن
بعد ارتكاب الجماعة مجزرة بحق السكان، وهو ما أدى إلى مقتل 40». The sentence is cut into clauses
(at commas and at clause openers such as «بعد», «فيما»), and each clause holding a *main* trigger
(a clash, an attack, an air strike…) opens an :class:`EventMention`. Clauses without a main trigger
belong to the mention before them — or, before the first one, to the sentence's preamble, where the
speaker and the statement date usually stand. Result triggers (a killing, looting, burning) join the
mention they report the result of; a sentence with only a result trigger («مقتل 5 مدنيين في …») makes
a mention of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from marsad.detect.document import Document
from marsad.detect.triggers import Trigger, event_classes
from marsad.models import Claim, Span
from marsad.text.segment import Sentence

_CLAUSE_PUNCT = re.compile(r"[,،;؛:]")


@dataclass
class Figure:
    """A casualty figure: how many were killed or wounded, and whose dead they were."""

    kind: str  # killed | wounded
    value: int
    literal: int | None
    approximate: bool
    span: Span
    victim: Any = None  # an Actor, or None when the text does not say
    victim_kind: str | None = None  # own | military | civilians | militants | person | actor


@dataclass
class EventMention:
    """One event as one passage of the text tells it; the stages fill its fields in turn."""

    sentence: Sentence
    start: int
    end: int
    region_start: int  # where its actors, places and dates are looked for (the preamble included)
    triggers: list[Trigger]
    index: int = 0
    # roles
    actor1: Any = None
    actor2: Any = None
    others: list[Any] = field(default_factory=list)
    actor_spans: dict[str, Span] = field(default_factory=dict)
    # dates
    date: Any = None  # ResolvedDate
    statement_date: Any = None
    context_date: Any = None  # the last day the text named before this undated passage
    # places: one entry per event location (coordinated places make several events)
    places: list[Any] = field(default_factory=list)  # PlaceMention
    admin1_mention: Any = None
    near: bool = False
    # figures and claims
    figures: list[Figure] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    claimant: Any = None  # Attribution of the sentence
    blocked: bool = False
    continues: EventMention | None = None  # the sentence's first mention, whose place this one took

    @property
    def classes(self) -> set[str]:
        return {t.cls for t in self.triggers}

    @property
    def paragraph(self) -> int:
        return self.sentence.paragraph

    @property
    def main_triggers(self) -> list[Trigger]:
        return [t for t in self.triggers if t.is_main]


def skipped_paragraphs(doc: Document) -> set[int]:
    """Paragraphs that are links or promotions («شاهدوا أيضاً: …»), not reporting."""
    out = set()
    for m in doc.cues.get("skip_line_openers", []):
        p = doc.paragraph_of(m.start)
        p_start = doc.paragraphs[p][0]
        if not doc.text[p_start : m.start].strip(" \t\"'“”«»-–—•*#"):
            out.add(p)
    return out


def clause_bounds(doc: Document, sentence: Sentence) -> list[tuple[int, int]]:
    """(start, end) of each clause of ``sentence``."""
    cuts = {sentence.start, sentence.end}
    for m in _CLAUSE_PUNCT.finditer(doc.text, sentence.start, sentence.end):
        cuts.add(m.end())
    for m in doc.within("clause_openers", sentence.start, sentence.end):
        cuts.add(m.start)
    points = sorted(cuts)
    return [(a, b) for a, b in zip(points, points[1:], strict=False) if doc.text[a:b].strip()]


def find_event_mentions(doc: Document) -> list[EventMention]:
    """Every event mention of the article, in text order."""
    skip = skipped_paragraphs(doc)
    mentions: list[EventMention] = []
    for sentence in doc.sentences:
        if sentence.paragraph in skip:
            continue
        mentions.extend(_sentence_mentions(doc, sentence))
    for i, m in enumerate(mentions):
        m.index = i
    return mentions


def _sentence_mentions(doc: Document, sentence: Sentence) -> list[EventMention]:
    names = [(a.start, a.end) for a in doc.within("actors", sentence.start, sentence.end)]
    # a trigger word inside a name is no trigger («قناة المسيرة» is a channel, not a drone)
    triggers = [
        t
        for t in doc.within("triggers", sentence.start, sentence.end)
        if not any(a <= t.start < b for a, b in names) and not _blocked(doc, t, sentence.start)
    ]
    if not triggers:
        return []
    out: list[EventMention] = []
    pending_results: list[Trigger] = []
    for c_start, c_end in clause_bounds(doc, sentence):
        clause_triggers = [t for t in triggers if c_start <= t.start < c_end]
        main = [t for t in clause_triggers if t.is_main]
        results = [t for t in clause_triggers if not t.is_main]
        if main and out and not _opens_new_event(doc, c_start, main, out[-1]):
            out[-1].end = c_end
            out[-1].triggers.extend(clause_triggers)
        elif main:
            region = sentence.start if not out else c_start
            m = EventMention(sentence, c_start, c_end, region, clause_triggers)
            if not out and pending_results:
                if _other_family(pending_results, main):
                    # "tankers burned near Diéma, army strikes near Nioro": two events, not one strike
                    out.append(EventMention(sentence, sentence.start, c_start, sentence.start, pending_results))
                    m.region_start = c_start
                else:
                    m.triggers = pending_results + m.triggers
                pending_results = []
            out.append(m)
        elif out:
            out[-1].end = c_end
            out[-1].triggers.extend(results)
        else:
            pending_results.extend(results)
    if not out and pending_results:
        out.append(EventMention(sentence, sentence.start, sentence.end, sentence.start, pending_results))
    if out:
        out[-1].end = sentence.end
    return out


def _other_family(results: list[Trigger], main: list[Trigger]) -> bool:
    """Result triggers (burning, looting) that tell another kind of event than the main ones; a
    killing is the result of any event."""
    result_families = {family(t.cls) for t in results if t.cls not in ("KILL",)}
    return bool(result_families) and not result_families & {family(t.cls) for t in main}


def family(cls: str) -> str:
    """Event family of a class: clauses of one family in one sentence usually tell one event."""
    info = event_classes()["classes"].get(cls, {})
    if info.get("by_target"):
        return "Battles"
    return info.get("event_type", cls)


def _opens_new_event(doc: Document, clause_start: int, main: list[Trigger], current: EventMention) -> bool:
    """A clause opens a new event when a clause opener starts it («بعد», «فيما»…), when a semicolon
    parts it from the last ("Landmine kills three in Hays; drone hits position near Al Khawkhah") or
    when it tells another kind of event; «شنت طائرات حربية، أمس، غارات جوية على …» stays one event."""
    if doc.text[max(0, clause_start - 3) : clause_start].rstrip().endswith((";", "؛")):
        return True
    if doc.within("clause_openers", clause_start, clause_start + 12):
        head = doc.text[clause_start : clause_start + 12].lstrip(" ,،")
        if any(
            head.startswith(m.text) or head[1:].startswith(m.text)
            for m in doc.within("clause_openers", clause_start, clause_start + 12)
        ):
            return True
    current_families = {family(t.cls) for t in current.main_triggers}
    return not current_families & {family(t.cls) for t in main}


def _blocked(doc: Document, trigger: Trigger, sentence_start: int) -> bool:
    """A trigger in a hypothetical, a warning, a plan, a sentence of a court or a denial that anything
    happened («حكماً بالإعدام», «من دون الإعلان عن اعتقال»): a blocker shortly before it, in its clause."""
    lo = max(sentence_start, trigger.start - 60)
    for b in doc.within("trigger_blockers", lo, trigger.start):
        if not re.search(r"[,،;؛.]", doc.text[b.end : trigger.start]):
            return True
    return False
