"""Who did what to whom: actor1 and actor2 of an event mention.

Arabic news states roles in a handful of constructions, each recognised from the words right
before an actor (``data/cues.yaml``):

- «اشتباكات بين X و Y» — a pair: X is actor1, Y actor2;
- «هاجم X …», «X شنت حملة على مواقع Y», «استهدف X …» — the unmarked actor (subject) is actor1, the
  one after «على», «ضد», «بحق» or a target noun («مواقع», «دورية», «قافلة») is actor2;
- «تعرض Y لهجوم …» — the subject of «تعرض» is the target;
- «مقتل Y على يد X», «هجوم شنه X» — X, after an agent marker, is actor1;
- «التنظيم», «الجماعة» refer back to the last group named with that head word; «التنظيمين» to the
  last two groups.

The speaker of the sentence (the claimant) is not a party by default; a claimant that is itself an
armed actor fills a role left empty («أقرت الجماعة بمقتل 30 من مقاتليها في الاشتباكات مع داعش»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.claims.attribution import Attribution
from marsad.detect.document import Document
from marsad.detect.frames import EventMention
from marsad.models import Span
from marsad.text.normalize import ends_with_conjunction, fold


@dataclass
class ActorInText:
    """An actor as it stands in a passage: the resolved actor and where it is named."""

    actor: object  # marsad.actors.Actor
    start: int
    end: int
    text: str
    mark: str = ""  # pair_a | pair_b | agent | target | victim_subject | ""

    @property
    def key(self) -> str:
        return self.actor.name


def actors_in_region(
    doc: Document,
    start: int,
    end: int,
    attribution: Attribution | None,
    history: list[ActorInText],
    arrests: bool = False,
) -> list[ActorInText]:
    """Participants named in [start, end): catalogue actors and resolved anaphora, in text order.

    ``history`` holds every named group seen so far in the article (for anaphora); it is extended.
    """
    year = doc.reference_date.year if doc.reference_date else None
    out: list[ActorInText] = []
    affiliation_ends = [m.end for m in doc.within("affiliation_markers", max(0, start - 40), end)]
    dropped_end = -1
    for m in doc.within("actors", start, end):
        if dropped_end >= 0 and re.fullmatch(r"\s*\(\s*", doc.text[dropped_end : m.start]):
            continue  # "supported by the Volunteers … (VDP)": the acronym shares its name's fate
        actor = doc.catalogue.resolve(m, doc.country, year)
        if _kind(doc, actor) == "uag" and _definite_word(doc, m.start):
            # «دخل المسلحون القرية»: the gunmen of the story, i.e. the group last named
            earlier = _last_group(m.start, history)
            if earlier is not None:
                actor = earlier.actor
        item = ActorInText(actor, m.start, m.end, m.text)
        if m.kind != "generic":
            history.append(item)
        if m.kind == "media":
            continue
        if _kind(doc, actor) == "government":
            if not arrests or not doc.country:
                continue
            actor = doc.catalogue.generic("police", doc.country)
            item = ActorInText(actor, m.start, m.end, m.text)
        if (
            attribution
            and attribution.speaker_span
            and attribution.speaker_span[0] <= m.start < attribution.speaker_span[1]
        ):
            continue
        if any(
            0 <= m.start - e <= 35
            and not re.search(r"[,،.;؛]", doc.text[e : m.start])
            and len(fold(doc.text[e : m.start]).split()) <= 3
            for e in affiliation_ends
        ) or _after_affiliation(doc, m.start):
            dropped_end = m.end
            continue  # «التابعة لتنظيم القاعدة», «مدعومة بمقاتلي العشائر»: a parent or a supporter
        out.append(item)
    out = _merge_members(doc, out)
    speaker = getattr(attribution, "claimant", None)
    for a in doc.within("anaphora", start, end):
        target = _resolve_anaphor(str(a.payload), a.start, history, speaker)
        if target is not None:
            out.append(ActorInText(target.actor, a.start, a.end, a.text))
    for a in doc.within("dual_anaphora", start, end):
        pair = _last_two_groups(a.start, history)
        for i, t in enumerate(pair):
            out.append(ActorInText(t.actor, a.start, a.end, a.text, "pair_a" if i == 0 else "pair_b"))
    out.sort(key=lambda x: (x.start, x.mark != "pair_a"))
    return out


def _merge_members(doc: Document, items: list[ActorInText]) -> list[ActorInText]:
    """«مسلحين يعتقد أنهم ينتمون إلى تنظيم داعش»: the gunmen ARE the group; keep the named actor where
    the generic one stands."""
    out: list[ActorInText] = []
    skip: set[int] = set()
    for i, item in enumerate(items):
        if i in skip:
            continue
        if _kind(doc, item.actor) == "uag" and i + 1 < len(items):
            nxt = items[i + 1]
            if (
                getattr(nxt.actor, "inter", 0) in (2, 3, 4)
                and _kind(doc, nxt.actor) is None
                and nxt.start - item.end < 70
                and doc.within("membership_markers", item.end, nxt.start)
            ):
                out.append(ActorInText(nxt.actor, item.start, nxt.end, doc.text[item.start : nxt.end], item.mark))
                skip.add(i + 1)
                continue
        out.append(item)
    return out


def _definite_word(doc: Document, pos: int) -> bool:
    ws = pos
    while ws > 0 and doc.text[ws - 1].isalpha():
        ws -= 1
    word = fold(doc.text[ws : pos + 2])
    if word.lstrip("وفب").startswith("ال") or word.lstrip("وف").startswith("لل"):
        return True
    return doc.after_definite_article(pos)  # "the gunmen", « les hommes armés »


def _last_group(pos: int, history: list[ActorInText]) -> ActorInText | None:
    for item in reversed(history):
        if (
            item.start < pos
            and getattr(item.actor, "inter", 0) in (2, 3, 4)
            and not item.key.startswith("Unidentified")
        ):
            return item
    return None


def _kind(doc: Document, actor: object) -> str | None:
    return doc.catalogue.generic_kind(getattr(actor, "id", "") or "")


def _after_affiliation(doc: Document, pos: int) -> bool:
    before = doc.words_before(pos, 3)
    return any(w in before for w in doc.cue_words("parent_markers"))


def _resolve_anaphor(head: str, pos: int, history: list[ActorInText], speaker: str | None = None) -> ActorInText | None:
    """The last group named with the anaphor's head word («التنظيم» → «تنظيم داعش»); failing that,
    the last non-state group that is not the speaker («وكبّدت الميليشيا المتمردة …» in the army's words)."""
    head_folded = fold(head)
    for item in reversed(history):
        if item.start >= pos:
            continue
        if head_folded in fold(item.text):
            return item
    for item in reversed(history):
        if item.start < pos and getattr(item.actor, "inter", 0) in (2, 3, 4) and item.key != speaker:
            return item
    return None


def _last_two_groups(pos: int, history: list[ActorInText]) -> list[ActorInText]:
    """The last two distinct non-state groups named before ``pos``, in order of mention."""
    seen: list[ActorInText] = []
    for item in reversed(history):
        if item.start >= pos or getattr(item.actor, "inter", 0) in (1, 7, 8):
            continue
        if all(s.key != item.key for s in seen):
            seen.append(item)
        if len(seen) == 2:
            break
    return list(reversed(seen))


def assign_roles(
    doc: Document, mention: EventMention, attribution: Attribution | None, history: list[ActorInText]
) -> None:
    """Fill ``mention.actor1``/``actor2`` (and ``others``) from the actors of its passage."""
    actors = actors_in_region(
        doc, mention.region_start, mention.end, attribution, history, arrests="ARREST" in mention.classes
    )
    trigger_pos = mention.main_triggers[0].start if mention.main_triggers else mention.triggers[0].start
    _mark(doc, actors, trigger_pos, mention.region_start)
    actor1 = next((a for a in actors if a.mark == "pair_a"), None)
    actor2 = next((a for a in actors if a.mark == "pair_b"), None)
    if actor1 is None:
        actor1 = next((a for a in actors if a.mark == "agent"), None)
    if actor2 is None:
        actor2 = next(
            (a for a in actors if a.mark in ("target", "victim_subject") and (actor1 is None or a.key != actor1.key)),
            None,
        )
    if actor1 is None:
        actor1 = next(
            (a for a in actors if a.mark == "" and not _civilian(a) and (actor2 is None or a.key != actor2.key)), None
        )
    if actor2 is None and actor1 is not None:
        actor2 = next((a for a in actors if a.key != actor1.key and a.mark in ("", "pair_b")), None)
    if actor1 is None and actor2 is not None:
        actor1 = next((a for a in actors if a.key != actor2.key and not _civilian(a)), None)
    if (
        actor1 is not None
        and actor2 is not None
        and actor2.mark == ""
        and _kind(doc, actor2.actor) == "uag"
        and getattr(actor1.actor, "inter", 0) in (2, 3, 4)
        and _kind(doc, actor1.actor) is None
    ):
        # "Gunmen killed 12 fishermen … in an attack blamed on Boko Haram": the gunmen are the group
        actor2 = None
    if actor1 is not None and _civilian(actor1):
        # civilians are never the perpetrators (ACLED): they stand as actor2
        actor1, actor2 = (None, actor1) if actor2 is None or _civilian(actor2) else (actor2, actor1)
    # A speaker who is a party fills an empty role, or the sentence's «إنه/إنها» points to it.
    if attribution is not None and attribution.actor is not None:
        speaker = ActorInText(attribution.actor, *(attribution.speaker_span or (0, 0)), attribution.claimant)
        speaker_named = _speaker_pronoun(doc, mention, attribution)
        announces_own_act = bool(mention.classes & _OWN_ACTS) and getattr(attribution.actor, "inter", 0) in (
            1,
            2,
            3,
            4,
            8,
        )
        if (
            speaker_named
            and actor1 is not None
            and actor1.key != speaker.key
            and (actor2 is None or actor2.key != speaker.key)
        ):
            # «أعلنت أفريكوم أنها نفذت غارة استهدفت عناصر من الحركة»: the speaker acted
            # an arrest: the group it names is whom the speaker arrested, rather than bystanders ("police
            # said they had arrested five men … for al-Shabaab from traders")
            arrested_group = "ARREST" in mention.classes and actor2 is not None and _civilian(actor2)
            actor1, actor2 = speaker, actor1 if actor2 is None or arrested_group else actor2
        elif actor1 is None and (
            speaker_named
            or (actor2 is not None and not _civilian(actor2))
            or _claims_responsibility(attribution)
            or announces_own_act
        ):
            if actor2 is None or actor2.key != speaker.key:
                actor1 = speaker
        elif (
            actor2 is None
            and actor1 is not None
            and actor1.key != speaker.key
            and getattr(attribution.actor, "inter", 0) in (1, 2, 3, 4, 8)
            and _kind(doc, attribution.actor) != "government"  # authorities that report are no side
        ):
            actor2 = speaker
    mention.actor1 = actor1.actor if actor1 else None
    mention.actor2 = actor2.actor if actor2 else None
    if actor1:
        mention.actor_spans["actor1"] = Span(actor1.start, actor1.end, actor1.text)
    if actor2:
        mention.actor_spans["actor2"] = Span(actor2.start, actor2.end, actor2.text)
    keys = {a.key for a in (actor1, actor2) if a}
    mention.others = []
    for a in actors:
        if a.key not in keys:
            keys.add(a.key)
            mention.others.append(a.actor)


def _speaker_pronoun(doc: Document, mention: EventMention, attribution: Attribution) -> bool:
    """«قالت أفريكوم إنها نفذت …», "the army said it had destroyed …": the speaker is the subject.
    In English and French the pronoun must follow the speaker's own verb; another speaker's "it had"
    in the same sentence is not this one's."""
    pronouns = doc.within("speaker_pronouns", mention.region_start, mention.end)
    if doc.language == "ar" or not pronouns:
        return bool(pronouns)
    cue_end = attribution.cue.end if attribution.cue is not None else -1
    return any(0 <= p.start - cue_end <= 12 for p in pronouns)


# What a speaker announces having done itself: «أعلن الجيش استعادة بارا», «أعلنت الشرطة اعتقال …».
_OWN_ACTS = {"REGAIN", "TAKEOVER", "ARREST", "CAMPAIGN", "AIRSTRIKE", "DEFUSED"}


def _civilian(a: ActorInText) -> bool:
    return getattr(a.actor, "inter", 0) == 7


def _claims_responsibility(attribution: Attribution) -> bool:
    return attribution.polarity == "claim"


def _mark(doc: Document, actors: list[ActorInText], trigger_pos: int, region_start: int) -> None:
    """Set each actor's mark from the words just before it."""
    pair_open = False
    for i, a in enumerate(actors):
        if a.mark:
            continue
        before = doc.words_before(a.start, 4, floor=region_start)
        last = before.split()[-3:] if before else []
        last_text = " ".join(last)
        if last and last[-1] in doc.cue_words("pair_markers"):
            a.mark = "pair_a"
            pair_open = True
            continue
        if pair_open and i > 0 and actors[i - 1].mark == "pair_a" and _joined_by_and(doc, actors[i - 1], a):
            a.mark = "pair_b"
            pair_open = False
            continue
        if doc.within("companion_markers", max(region_start, a.start - 25), a.start):
            a.mark = "target"  # "a convoy escorted by the army was ambushed": the escort was attacked too
        elif (
            _agent_marked(doc, a, region_start)
            or _subject_of_verb(doc, a, region_start)
            or _by_whom(doc, a, region_start)
        ):
            a.mark = "agent"
        elif doc.within("passive_victim_markers", max(region_start, a.start - 25), a.start) or (
            a.end < trigger_pos and doc.within("passive_victim_markers", a.end, min(trigger_pos, a.end + 45))
        ):
            # «تعرضت قافلة للجيش لكمين» and «وحدة من فاما … تعرضت لهجوم»: the subject of تعرض is the target
            a.mark = "victim_subject"
        elif _target_marked(doc, a, trigger_pos, region_start, last_text) or _follows_a_figure(doc, a, region_start):
            a.mark = "target"
        elif (
            i > 0
            and actors[i - 1].mark == "target"
            and _joined_by_and(doc, actors[i - 1], a)
            and a.start - actors[i - 1].end < 40
        ):
            a.mark = "target"  # «مفرزة للجيش ومتطوعين للدفاع عن الوطن»: both were attacked


def _agent_marked(doc: Document, a: ActorInText, region_start: int) -> bool:
    """«على يد X», "by X", « par X » — but not "escorted by", « appuyé par » (a companion, not an agent)."""
    lo = max(region_start, a.start - 25)
    companions = doc.within("companion_markers", max(0, lo - 20), a.start)
    return any(
        not any(c.start <= m.start < c.end for c in companions) for m in doc.within("agent_markers", lo, a.start)
    )


def _subject_of_verb(doc: Document, a: ActorInText, region_start: int) -> bool:
    """VSO: «هاجم عناصر من الجماعة بلدة …» — the actor within three words after an active verb, with no
    preposition between, is its subject."""
    verbs = doc.within("agent_verbs", max(region_start, a.start - 40), a.start)
    if not verbs or _after_preposition(doc, a.start) or _civilian(a):
        return False
    # «غارة جوية استهدفت عناصر من الحركة»: the event noun before the verb is its subject (SVO)
    if doc.within("triggers", max(region_start, verbs[-1].start - 25), verbs[-1].start):
        return False
    gap = fold(doc.text[verbs[-1].end : a.start]).split()
    heads = {fold(h.text) for h in doc.within("subject_heads", verbs[-1].end, a.start)}
    return len(gap) <= 2 and all(w in heads for w in gap)


def _by_whom(doc: Document, a: ActorInText, region_start: int) -> bool:
    """«هجوم لبوكو حرام», «قصف مدفعي لقوات النظام»: «ل» after an event noun names who did it."""
    if not _lam_prefixed(doc, a.start):
        return False
    triggers = doc.within("triggers", max(region_start, a.start - 30), a.start)
    if not triggers:
        return False
    gap = fold(doc.text[triggers[-1].end : a.start]).split()
    return len(gap) <= 1


def _lam_prefixed(doc: Document, pos: int) -> bool:
    ws = pos
    while ws > 0 and doc.text[ws - 1].isalpha():
        ws -= 1
    prefix = fold(doc.text[ws:pos])
    return prefix in ("ل", "لل", "ول") or fold(doc.text[ws : pos + 2]).startswith("لل")


def _after_preposition(doc: Document, pos: int) -> bool:
    """The actor's word carries a preposition («للشرطة», «بالجيش»): an object, never a subject."""
    ws = pos
    while ws > 0 and doc.text[ws - 1].isalpha():
        ws -= 1
    prefix = fold(doc.text[ws:pos])
    word = fold(doc.text[ws : pos + 2])
    return prefix.endswith(("ل", "ب")) or word.startswith("لل")


def _follows_a_figure(doc: Document, a: ActorInText, region_start: int) -> bool:
    """«بينهم أربعة من عناصر الشرطة», «مقتل 10 من عناصر داعش»: the actor named as the dead."""
    qs = doc.within("quantities", max(region_start, a.start - 25), a.start)
    if not qs:
        return False
    gap = fold(doc.text[qs[-1].end : a.start]).split()
    return len(gap) <= 3


def _joined_by_and(doc: Document, first: ActorInText, second: ActorInText) -> bool:
    """True when the second actor is joined to the first by «و» («بين X، وY», «بين X وY», "X and Y")."""
    between = fold(doc.text[first.end : second.start]).rstrip(" \"'(")
    return len(between) < 150 and ends_with_conjunction(between, doc.cue_words("conjunctions"))


def _target_marked(doc: Document, a: ActorInText, trigger_pos: int, region_start: int, last_text: str) -> bool:
    markers = doc.within("target_markers", max(region_start, a.start - 30), a.start)
    for m in markers:
        gap = fold(doc.text[m.end : a.start]).strip()
        if len(gap.split()) > 2:
            continue
        if fold(m.text) in doc.cue_words("prepositional_targets") or a.start > trigger_pos:
            return True
    # «لتنظيم داعش» right after a target noun is caught above; a bare «على X» too.
    return False
