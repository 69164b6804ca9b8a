"""Casualty figures: how many were killed or wounded, and whose dead they were.

A figure is a quantity (:mod:`marsad.numbers`) next to a killing word («مقتل 40», «40 قتيلاً»,
«أودى بحياة 12») or a wounding word («إصابة 7»), followed by who they were: «من عناصر داعش»
(a named actor), «من مقاتليها» (the speaker's own), «جنود» (soldiers: state forces), «مدنيين»
(civilians), «إرهابيين» (the militants of the event). «مقتل نجل زعيم الجماعة» is one person.
"""

from __future__ import annotations

import re

from marsad.claims.attribution import Attribution
from marsad.detect.document import Document
from marsad.detect.frames import EventMention, Figure
from marsad.models import Span
from marsad.text.normalize import ends_with_conjunction, fold

_NEAR_AFTER = 28  # characters between a killing word and its number («مقتل ما لا يقل عن 12»)
_NEAR_BEFORE = 30  # between a number and a killing noun after it («12 قتيلاً», «سقوط 5 قتلى»)
_VICTIM_WINDOW = 45


def find_figures(doc: Document, mention: EventMention, attribution: Attribution | None) -> list[Figure]:
    """Figures reported in the passage of ``mention``."""
    figures: list[Figure] = []
    used: set[int] = set()
    cues = [(t.start, t.end, "killed") for t in mention.triggers if t.cls in ("KILL", "MASSACRE")]
    cues += [(m.start, m.end, "wounded") for m in doc.within("wounded", mention.start, mention.end)]
    cues.sort()
    for c_start, c_end, kind in cues:
        if _part_of_a_toll(doc, c_start):
            continue  # «بين القتلى امرأتان وطفل»: who the dead were, not how many
        q = _quantity_near(doc, c_start, c_end, mention.end, used)
        if q is not None and _cumulative(doc, q.end, mention.end):
            continue  # a running total over a season or a year, not this event's dead
        if q is not None:
            # «مقتل ستة من جنوده و"أربعين إرهابياً"»: one killing word, several figures joined by «و»
            while q is not None:
                used.add(q.start)
                after = q.end  # «مقتل 40 من عناصر الجماعة», «سبعة جنود قُتلوا»: whose dead follows the number
                if getattr(q, "noun_start", None) is not None:
                    after = q.noun_start  # «مدنيين اثنين»: the noun stands before the number
                elif 0 < q.start - c_end <= 14 and doc.within("victim_nouns", c_end, q.start):
                    after = c_end  # «استشهاد جندي واحد»: the noun between the word and the number
                victim, vkind = _victim_after(doc, after, mention, attribution)
                if victim is None and q.start < c_start:
                    victim, vkind = _victim_after(doc, c_end, mention, attribution)
                victim, vkind = _side_before(doc, q.start, mention, attribution) or (victim, vkind)
                start, end = min(q.start, c_start), max(q.end, c_end)
                figures.append(
                    Figure(
                        kind, q.value, q.literal, q.approximate, Span(start, end, doc.text[start:end]), victim, vkind
                    )
                )
                q = _joined_quantity(doc, q.end, mention.end, used)
            continue
        if kind == "killed":
            one = _singular_victim(doc, c_start, c_end, mention)
            if one is not None:
                victim, vkind = _victim_after(doc, one.start, mention, attribution)
                if victim is None and str(one.payload) == "True":
                    victim, vkind = _generic(doc, "civilians"), "civilians"
                start, end = min(one.start, c_start), max(one.end, c_end)
                figures.append(Figure(kind, 1, 1, False, Span(start, end, doc.text[start:end]), victim, vkind))
                continue
            person = doc.within("person_nouns", c_end, c_end + 12)
            if person:
                victim, vkind = _victim_after(doc, person[0].end, mention, attribution, person=True)
                end = person[0].end
                figures.append(Figure(kind, 1, 1, False, Span(c_start, end, doc.text[c_start:end]), victim, "person"))
    if not any(f.kind == "killed" for f in figures):
        zero = _no_deaths(doc, mention)
        if zero is not None:
            figures.append(Figure("killed", 0, 0, False, Span(zero.start, zero.end, zero.text), None, None))
    return _merge_killed_and_wounded(figures)


def _no_deaths(doc: Document, mention: EventMention):
    """"No deaths were reported", « n'a fait aucune victime »: a toll of zero, said in the mention's
    sentence or in a sentence of its paragraph that tells no event of its own."""
    p_end = doc.paragraphs[doc.paragraph_of(mention.start)][1]
    for cue in doc.within("no_deaths", mention.start, p_end):
        if cue.start < mention.end or not doc.within("triggers", _sentence_start(doc, cue.start), cue.start):
            return cue
    return None


def _sentence_start(doc: Document, pos: int) -> int:
    return next((s.start for s in doc.sentences if s.start <= pos < s.end), pos)


def _cumulative(doc: Document, pos: int, limit: int) -> bool:
    for m in doc.within("cumulative_markers", pos, min(limit, pos + 70)):
        if not re.search(r"[.،,;؛]", doc.text[pos : m.start]):
            return True
    return False


def _part_of_a_toll(doc: Document, pos: int) -> bool:
    return _ends_with_phrase(doc.words_before(pos, 3), doc.cue_words("toll_part_openers"))


def _ends_with_phrase(words: str, phrases: frozenset[str]) -> bool:
    """True when the folded ``words`` end with one of ``phrases`` (one word or several)."""
    return any(words == p or words.endswith(" " + p) for p in phrases)


def _singular_victim(doc: Document, c_start: int, c_end: int, mention: EventMention):
    """«مقتل طفل», «لقي فتى يرعى الأغنام حتفه»: one victim named by a singular noun, no number."""
    after = [m for m in doc.within("singular_victims", c_end, min(mention.end, c_end + 10))]
    if after:
        return after[0]
    before = [m for m in doc.within("singular_victims", max(mention.start, c_start - 30), c_start)]
    if before and not doc.within("quantities", before[-1].start, c_start):
        return before[-1]
    return None


def _joined_quantity(doc: Document, pos: int, limit: int, used: set[int]):
    """The next quantity after ``pos`` when only a victim noun and «و» lie between («5 جنود و20 إرهابياً»)."""
    for q in doc.within("quantities", pos, min(limit, pos + 40)):
        if q.start in used:
            continue
        between = fold(doc.text[pos : q.start]).replace('"', " ").replace("«", " ").split()
        cues = doc.within("wounded", pos, q.start) + doc.within("triggers", pos, q.start)
        joined = ends_with_conjunction(" ".join(between), doc.cue_words("conjunctions"))
        if between and len(between) <= 4 and not cues and joined:
            return q
        return None
    return None


def _is_measure(doc: Document, q) -> bool:
    """«60 كيلومتراً», «15 عاماً»: a distance, an age or a sum, not a toll."""
    return bool(doc.within("units", q.end, q.end + 3)) and not doc.within("victim_nouns", q.end, q.end + 3)


def _not_a_toll(doc: Document, q) -> bool:
    """«بينهم مدنيان» (a part of the toll), «عشرات الجرحى» (the wounded), «60 كيلومتراً» (a measure)."""
    if _is_measure(doc, q) or doc.within("toll_part_after", q.end, q.end + 4):
        return True  # "Two soldiers, one of them a lieutenant": who the dead were
    for w in doc.within("wounded", q.end, q.end + 3):
        if not doc.text[q.end : w.start].strip():  # «عشرات الجرحى», not «اثنين وإصابة خمسة»
            return True
    words = " " + doc.words_before(q.start, 3) + " "
    return any(f" {w} " in words for w in doc.cue_words("toll_members"))


def _quantity_near(doc: Document, c_start: int, c_end: int, limit: int, used: set[int]):
    adjacent = [
        q
        for q in doc.within("quantities", max(0, c_start - 16), c_start)
        if q.start not in used and not _not_a_toll(doc, q) and not doc.text[q.end : c_start].strip()
    ]
    # casualty nouns that a number right before them counts («ثلاث جثث», «15 قتيلاً», "12 dead")
    if adjacent and fold(doc.text[c_start:c_end]).startswith(tuple(doc.cue_words("counted_nouns"))):
        return adjacent[-1]  # «ثلاث جثث», «15 قتيلاً»: the number right before the word
    if _passive(doc, c_start):
        # "five of its soldiers were killed and 20 neutralised": the passive verb's number stands before it
        return _quantity_before(doc, c_start, used) or _quantity_after(doc, c_end, limit, used)
    return _quantity_after(doc, c_end, limit, used) or _quantity_before(doc, c_start, used)


def _passive(doc: Document, pos: int) -> bool:
    """A killing word right after a passive auxiliary ("were killed", « ont été tués »)."""
    words = " " + doc.words_before(pos, 2) + " "
    return any(f" {w} " in words for w in doc.cue_words("passive_auxiliaries"))


def _quantity_after(doc: Document, c_end: int, limit: int, used: set[int]):
    after = [
        q
        for q in doc.within("quantities", c_end, min(limit, c_end + _NEAR_AFTER))
        if q.start not in used and not _not_a_toll(doc, q)
    ]
    # «قُتلوا وأصيب أحد عشر»: a number after another casualty word belongs to that word; a semicolon
    # ends a communiqué's side («… 7 blessés ; côté terroriste, 21 neutralisés»)
    if (
        after
        and not doc.within("wounded", c_end, after[0].start)
        and not doc.within("triggers", c_end, after[0].start)
        and not any(p in doc.text[c_end : after[0].start] for p in (";", "؛"))
    ):
        return after[0]
    return None


def _quantity_before(doc: Document, c_start: int, used: set[int]):
    before = [
        q
        for q in doc.within("quantities", max(0, c_start - doc.setting("toll_before_chars", _NEAR_BEFORE)), c_start)
        if q.start not in used and q.end <= c_start and not _not_a_toll(doc, q)
    ]
    if before:
        # «لقي ثلاثة أشخاص من عائلة واحدة حتفهم»: the number that counts people, not the one nearest
        counted = [b for b in before if doc.within("victim_nouns", b.end, b.end + 12)]
        q = counted[-1] if counted else before[-1]
        gap = fold(doc.text[q.end : c_start]).split()
        if len(gap) <= (doc.setting("toll_before_words", 5) if counted else 3):
            return q
    return None


def _victim_after(
    doc: Document, pos: int, mention: EventMention, attribution: Attribution | None, person: bool = False
):
    """(actor or None, kind) of the victims named right after ``pos``."""
    end = min(mention.end, pos + _VICTIM_WINDOW)
    nouns = doc.within("victim_nouns", pos, end)
    # «مقتل تسعة على يد عناصر داعش»: an actor after an agent marker killed them, it is not the dead
    actors = [
        a
        for a in doc.within("actors", pos, end)
        if a.kind != "media"
        and not doc.within("agent_markers", max(pos, a.start - 14), a.start)
        and not _parted(doc, pos, a.start)
    ]
    anaphora = doc.within("anaphora", pos, end)
    year = doc.reference_date.year if doc.reference_date else None
    first_noun = nouns[0] if nouns else None
    if actors and (
        (first_noun is None and actors[0].start - pos <= 20)
        or (first_noun is not None and actors[0].start - first_noun.end <= 12)
        or person
    ):
        return doc.catalogue.resolve(actors[0], doc.country, year), "actor"
    if anaphora and (first_noun is None or anaphora[0].start - first_noun.end <= 12):
        # «من عناصر الجماعة»: the group the anaphor points at is decided with the roles
        for cand in (mention.actor2, mention.actor1):
            if cand is not None and fold(str(anaphora[0].payload)) in fold(_alias_text(doc, cand)):
                return cand, "actor"
        return mention.actor2, "actor"
    if first_noun is None or first_noun.start - pos > 25:
        return _enemy_of_speaker(mention, attribution), None
    kind = str(first_noun.payload)
    if kind in ("own_soldiers", "own_fighters"):
        speaker = attribution.actor if attribution is not None else None
        state_speaker = getattr(speaker, "inter", 0) in (1, 8)
        if speaker is not None and state_speaker == (kind == "own_soldiers"):
            return speaker, "own"
        # «قتلت 60 من عناصرها» in the army's words: the militia's men
        return _enemy_of_speaker(mention, attribution) or (mention.actor2 or mention.actor1), "actor"
    if kind == "own":
        if attribution is not None and attribution.actor is not None:
            return attribution.actor, "own"
        return mention.actor1, "own"
    if kind == "military":
        for cand in (mention.actor2, mention.actor1, *mention.others):
            if cand is not None and getattr(cand, "inter", 0) in (1, 8):
                return cand, kind
        return _generic(doc, "military"), kind
    if kind == "civilians":
        return _generic(doc, "civilians"), kind
    if kind == "militants":
        # a party reporting «قتلوا 25 عنصراً» speaks of the other side's men
        speaker = attribution.actor if attribution is not None else None
        candidates = (mention.actor2, mention.actor1, *mention.others)
        if speaker is not None and getattr(speaker, "inter", 0) not in (1, 8):
            for cand in candidates:
                if cand is not None and cand.name != speaker.name:
                    return cand, kind
        for cand in candidates:
            if cand is not None and getattr(cand, "inter", 0) in (2, 3, 4):
                return cand, kind
        return _generic(doc, "uag"), kind
    return None, None


def _side_before(doc: Document, pos: int, mention: EventMention, attribution: Attribution | None):
    """« côté ami, 4 morts … ; côté terroriste, 21 neutralisés »: a communiqué's side label before
    the figure, in the same part of the sentence, says whose dead they were."""
    lo = max(mention.sentence.start, pos - 40)
    cut = max(doc.text.rfind(";", lo, pos), doc.text.rfind("؛", lo, pos))
    labels = doc.within("side_labels", max(lo, cut + 1), pos)
    if not labels:
        return None
    speaker = attribution.actor if attribution is not None else None
    if str(labels[-1].payload) == "own":
        return (speaker, "own") if speaker is not None else None
    enemy = _enemy_of_speaker(mention, attribution)
    return (enemy, "actor") if enemy is not None else None


def _parted(doc: Document, pos: int, actor_start: int) -> bool:
    """"killing several gold miners, according to the authorities": an actor past a comma and an
    attribution cue is the source, not the dead (Latin-script languages; Arabic commas are looser)."""
    if doc.language == "ar":
        return False
    between = doc.text[pos:actor_start]
    return bool(re.search(r"[,;:.]", between)) and bool(doc.within("attribution", pos, actor_start))


def _enemy_of_speaker(mention: EventMention, attribution: Attribution | None):
    """A party giving a toll without saying whose («كبّدت العدو أكثر من مئة قتيل») speaks of the enemy."""
    speaker = attribution.actor if attribution is not None else None
    if speaker is None:
        return None
    for cand in (mention.actor2, mention.actor1, *mention.others):
        if cand is not None and cand.name != speaker.name and getattr(cand, "inter", 0) != 7:
            return cand
    return None


def _alias_text(doc: Document, actor: object) -> str:
    return " ".join([getattr(actor, "name", "")] + list(getattr(actor, "aliases", ())))


def _generic(doc: Document, kind: str):
    if not doc.country:
        return None
    return doc.catalogue.generic(kind, doc.country)


def _merge_killed_and_wounded(figures: list[Figure]) -> list[Figure]:
    """Drop a figure that repeats another at the same place in the text."""
    out: list[Figure] = []
    for f in figures:
        if any(o.span == f.span and o.kind == f.kind for o in out):
            continue
        out.append(f)
    return out
