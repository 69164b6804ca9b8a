"""Claims: each figure of a passage as an assertion by someone, of a kind.

The kind follows who speaks about whom (the gold format's rules):

- a party reporting its enemy's dead is a ``claim`` (Amaq: 40 JNIM fighters killed);
- a party reporting its own dead is an ``admission`` (JNIM: about 30 of its fighters);
- anyone else — the outlet itself, local sources, a monitor, a hospital — makes a ``report``;
- «نفى» makes a ``denial``; a sentence that says the news is not confirmed makes it ``unconfirmed``.
"""

from __future__ import annotations

from marsad.claims.attribution import Attribution
from marsad.detect.frames import EventMention, Figure
from marsad.models import Claim, Span


def claims_for_mention(
    mention: EventMention, attribution: Attribution | None, outlet: str | None, doc=None
) -> list[Claim]:
    """The claims of ``mention``'s figures (killed and wounded of one victim make one claim)."""
    claims: list[Claim] = []
    by_key: dict[tuple[str, str | None], Claim] = {}
    for f in mention.figures:
        victim_name = getattr(f.victim, "name", None)
        claimant, via, ctype = _who(_nearest_polarity(doc, mention, attribution, f), outlet, f, mention)
        key = (claimant, victim_name)
        claim = by_key.get(key)
        if claim is None:
            claim = Claim(
                claimant=claimant, type=ctype, victim=victim_name, via=via, approximate=f.approximate, evidence=f.span
            )
            by_key[key] = claim
            claims.append(claim)
        if f.kind == "killed" and claim.killed is None:
            claim.killed = f.value
            claim.evidence = f.span
        elif f.kind == "wounded" and claim.wounded is None:
            claim.wounded = f.value
        claim.approximate = claim.approximate or f.approximate
    if doc is not None:
        _channel_from_paragraph(doc, mention, claims)
    if not claims and attribution is not None:
        # an assertion without a figure is still an assertion: «تبنّت الحركة الهجوم», «نفى الجيش»,
        # «أفادت مصادر محلية بأن …» — kept with no number, so who said what is never lost
        cue = attribution.cue
        ctype = _kind_without_figure(attribution, mention)
        victim = getattr(mention.actor2, "name", None) if ctype == "claim" else None
        claims.append(
            Claim(
                claimant=attribution.claimant,
                type=ctype,
                via=attribution.via,
                victim=victim,
                evidence=Span(cue.start, cue.end, cue.text) if cue else None,
            )
        )
    return claims


def _kind_without_figure(attribution: Attribution, mention: EventMention) -> str:
    if attribution.polarity == "deny":
        return "denial"
    if attribution.unconfirmed and attribution.actor is None:
        return "unconfirmed"
    if attribution.actor is not None and _is_party(attribution.actor, mention):
        return "admission" if attribution.polarity == "admit" else "claim"
    return "report"


def _is_party(speaker: object, mention: EventMention) -> bool:
    """Whether the speaker is one of the sides of the event (a combatant), not a bystander such as a
    ministry of health reporting a clash between militias."""
    sides = [a for a in (mention.actor1, mention.actor2) if a is not None]
    return not sides or any(_same_side(speaker, a) for a in sides)


def _nearest_polarity(doc, mention: EventMention, attribution: Attribution | None, f: Figure) -> Attribution | None:
    """«نفى … وقال إن قواته انسحبت، معترفاً بمقتل ثلاثة»: the cue nearest before a figure sets its kind."""
    if doc is None or attribution is None:
        return attribution
    cues = [
        c
        for c in doc.within("attribution", mention.sentence.start, f.span.start)
        if c.payload in ("admit", "deny", "claim", "say")
    ]
    if not cues:
        return attribution
    nearest = cues[-1].payload
    if nearest == attribution.polarity or (nearest == "say" and attribution.polarity != "deny"):
        return attribution
    from dataclasses import replace

    return replace(attribution, polarity=nearest)


def _who(
    attribution: Attribution | None, outlet: str | None, f: Figure, mention: EventMention | None = None
) -> tuple[str, str | None, str]:
    if attribution is None:
        return outlet or "Unattributed report", None, "report"
    claimant, via = attribution.claimant, attribution.via
    if attribution.unconfirmed and attribution.actor is None:
        # a party's figure stays its claim even when the report adds that nobody could verify it
        return claimant, via, "unconfirmed"
    if attribution.polarity == "deny":
        return claimant, via, "denial"
    speaker = attribution.actor
    if attribution.polarity == "admit":
        militants = f.victim_kind == "militants" or getattr(f.victim, "name", "").startswith("Unidentified")
        if speaker is not None and militants and not _same_side(speaker, f.victim):
            # "the army said it lost 5 soldiers and neutralised 20 terrorists": the 20 are a claim
            return claimant, via, "claim"
        return claimant, via, "admission"
    if speaker is None or (mention is not None and not _is_party(speaker, mention)):
        return claimant, via, "report"
    if f.victim is not None and _same_side(speaker, f.victim):
        return claimant, via, "admission"
    return claimant, via, "claim"


def _same_side(a: object, b: object) -> bool:
    if getattr(a, "name", None) == getattr(b, "name", None):
        return True
    return (
        getattr(a, "inter", 0) == 1
        and getattr(b, "inter", 0) == 1
        and set(getattr(a, "countries", ())) & set(getattr(b, "countries", ()))
    )


def _channel_from_paragraph(doc, mention: EventMention, claims: list[Claim]) -> None:
    """«أقرّت الجماعة بمقتل 30 من مقاتليها. وأصدرت مؤسسة الزلاقة بياناً …»: a party's claim made
    without naming its channel takes the media arm of that party named in the same paragraph."""
    a, b = doc.paragraphs[mention.paragraph]
    year = doc.reference_date.year if doc.reference_date else None
    media = [m for m in doc.within("actors", a, b) if m.kind == "media"]
    for claim in claims:
        if claim.via or claim.type not in ("claim", "admission", "denial"):
            continue
        for m in media:
            if doc.catalogue.resolve(m, doc.country, year).name == claim.claimant:
                claim.via = m.via
                break
