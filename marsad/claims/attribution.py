"""Who is speaking: the attribution of a sentence.

«قالت وكالة أعماق …», «أقرّت جماعة نصرة الإسلام …», «بحسب مصادر محلية …», «لم يتم تأكيد تلك
المعلومات»: an attribution verb (``data/cues.yaml``: ``attribution``) and the speaker standing next
to it — an actor, a media arm (resolved to its parent: Amaq → Islamic State), or a source such as
«مصادر محلية» — decide who asserts what the sentence says, and with which polarity.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.detect.document import Document
from marsad.models import Span
from marsad.text.normalize import fold, is_arabic
from marsad.text.segment import Sentence

# How far from the verb the speaker may stand (characters): after it (VSO) or before it (SVO).
_AFTER_WINDOW = 70
_BEFORE_WINDOW = 45
_POLARITY_STRENGTH = {"deny": 4, "admit": 3, "claim": 2, "say": 1, "continue": 0, "after": 0, "unconfirmed": 0}


@dataclass
class Attribution:
    """The speaker of a sentence and how they assert it."""

    claimant: str  # canonical actor name, source label, or the outlet
    actor: object | None  # the Actor when the speaker is a party (an armed group, a state force)
    via: str | None
    polarity: str  # say | claim | admit | deny
    unconfirmed: bool
    cue: Span | None
    speaker_span: tuple[int, int] | None  # where the speaker is named (not a party in this sentence)

    @property
    def is_party(self) -> bool:
        return self.actor is not None


def sentence_attribution(doc: Document, sentence: Sentence, previous: Attribution | None) -> Attribution | None:
    """The attribution of ``sentence``; ``previous`` is the last one of the same paragraph."""
    cues = doc.within("attribution", sentence.start, sentence.end)
    if not cues:
        return None
    unconfirmed = any(c.payload == "unconfirmed" for c in cues)
    polarity = "say"
    for c in cues:
        if _POLARITY_STRENGTH.get(c.payload, 0) > _POLARITY_STRENGTH[polarity]:
            polarity = c.payload
    for cue in cues:
        # «لم يتم تأكيد …» has no speaker of its own: only a source (social media, local sources) may be named
        speaker = _speaker_near(doc, sentence, cue.start, cue.end, sources_only=cue.payload == "unconfirmed")
        if speaker is not None:
            claimant, actor, via, span = speaker
            return Attribution(claimant, actor, via, polarity, unconfirmed, Span(cue.start, cue.end, cue.text), span)
    if previous is not None and any(c.payload in ("continue", "after", "say") for c in cues):
        return Attribution(
            previous.claimant,
            previous.actor,
            previous.via,
            polarity if polarity != "say" else previous.polarity,
            unconfirmed or previous.unconfirmed,
            previous.cue,
            None,
        )
    if unconfirmed:
        cue = next(c for c in cues if c.payload == "unconfirmed")
        return Attribution("Unidentified source", None, None, "say", True, Span(cue.start, cue.end, cue.text), None)
    return None


def _speaker_near(doc: Document, sentence: Sentence, cue_start: int, cue_end: int, sources_only: bool = False):
    """(claimant, actor, via, span) of the speaker next to an attribution cue, or None."""
    candidates: list[tuple[int, int, str, object | None, str | None, tuple[int, int]]] = []
    before_window = doc.setting("speaker_before_chars", _BEFORE_WINDOW)
    lo, hi = max(sentence.start, cue_start - before_window), min(sentence.end, cue_end + _AFTER_WINDOW)
    # Arabic names the speaker after the verb («قال الجيش»); English and French before it ("the army
    # said"), except after "according to" / « selon » and in an inverted tail (", said the army").
    follows = _speaker_follows(doc, cue_start, cue_end)
    for m in [] if sources_only else doc.within("actors", lo, hi):
        distance = m.start - cue_end if m.start >= cue_end else cue_start - m.end
        if distance < 0:
            continue
        actor = doc.catalogue.resolve(m, doc.country, _year(doc))
        via = m.via if m.kind == "media" else None
        after = 0 if (m.start >= cue_end) == follows else 1
        kind = doc.catalogue.generic_kind(getattr(actor, "id", "") or "")
        if kind == "uag":
            continue  # unidentified gunmen issue no statements
        if getattr(actor, "inter", 0) == 7:
            # «قال سكان …»: residents speak as witnesses, not as a party
            candidates.append((after, distance, "Local residents", None, None, (m.start, m.end)))
            continue
        candidates.append((after, distance, actor.name, actor, via, (m.start, m.end)))
    for s in doc.within("sources", lo, hi):
        distance = s.start - cue_end if s.start >= cue_end else cue_start - s.end
        if distance < 0:
            continue
        label, _, via = str(s.payload).partition(" @")
        after = 0 if (s.start >= cue_end) == follows else 1
        candidates.append((after, distance, label, None, via or None, (s.start, s.end)))
    if not is_arabic(doc.text[cue_start:cue_end]):
        if not follows:
            # "the cell said Iraqi Air Force jets struck …": after a plain "said" comes what was said
            candidates = [c for c in candidates if c[0] == 0]
        elif not _listed_follower(doc, cue_start, cue_end):
            # an inverted tail names its speaker right after the verb (", said the army"); « des
            # habitants …, parlent d'une dizaine de soldats tués » does not
            candidates = [c for c in candidates if c[5][0] < cue_end or _right_after(doc, cue_end, c[5][0])]
    if not candidates:
        return None
    candidates.sort(key=lambda c: (c[0], c[1]))
    _, _, claimant, actor, via, span = candidates[0]
    return claimant, actor, via, span


def _listed_follower(doc: Document, cue_start: int, cue_end: int) -> bool:
    """"according to", « selon »: cues after which the speaker is named."""
    cue = fold(doc.text[cue_start:cue_end])
    return any(cue.startswith(w) for w in doc.cue_words("speaker_follows"))


def _right_after(doc: Document, cue_end: int, pos: int) -> bool:
    """Only articles stand between the verb and the name (", said the army spokesman")."""
    gap = fold(doc.text[cue_end:pos]).replace("'", "' ").split()
    return len(gap) <= 2 and all(w in doc.cue_words("tail_articles") for w in gap)


def _speaker_follows(doc: Document, cue_start: int, cue_end: int) -> bool:
    """Whether the speaker is looked for after the attribution cue first."""
    if is_arabic(doc.text[cue_start:cue_end]):
        return True  # an Arabic paragraph of a French article too
    if _listed_follower(doc, cue_start, cue_end):
        return True
    return doc.text[max(0, cue_start - 3) : cue_start].rstrip().endswith((",", '"', "”", "»", "'"))


def _year(doc: Document) -> int | None:
    return doc.reference_date.year if doc.reference_date else None
