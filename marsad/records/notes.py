"""The ``notes`` column: a short English summary of the event that also states disputed figures."""

from __future__ import annotations

from marsad.models import Claim, EventRecord

_VERBS = {
    "Battles": "clashed with",
    "Violence against civilians": "attacked",
    "Explosions/Remote violence": "struck",
    "Strategic developments": "acted against",
    "Protests": "protested",
    "Riots": "rioted",
}
_TYPE_WORDS = {
    "claim": "claimed",
    "admission": "admitted",
    "report": "reported",
    "denial": "denied",
    "unconfirmed": "unconfirmed reports of",
}


def describe_claim(c: Claim) -> str:
    """«Islamic State (Sahel Province) (via Amaq) claimed 40 killed (JNIM: …)»."""
    who = c.claimant + (f" (via {c.via})" if c.via else "")
    what = []
    if c.killed is not None:
        what.append(f"{'about ' if c.approximate else ''}{c.killed} killed")
    if c.wounded is not None:
        what.append(f"{c.wounded} wounded")
    figures = " and ".join(what) if what else "the report"
    victim = f" ({c.victim})" if c.victim else ""
    return f"{who} {_TYPE_WORDS.get(c.type, c.type)} {figures}{victim}"


def write_notes(rec: EventRecord, split: int = 1) -> str:
    where = (
        rec.location if rec.location == rec.admin1 else f"{rec.location} ({rec.admin1})" if rec.admin1 else rec.location
    )
    near = "near" if rec.geo_precision == 2 else "in"
    verb = _VERBS.get(rec.event_type, "acted")
    if rec.actor2 is not None and rec.event_type not in ("Protests", "Riots"):
        head = f"On {rec.event_date.isoformat()}, {rec.actor1.name} {verb} {rec.actor2.name}"
    else:
        head = f"On {rec.event_date.isoformat()}, {rec.actor1.name} {verb}"
    text = f"{head} {near} {where}, {rec.country} ({rec.sub_event_type})."
    if rec.claims:
        text += " " + "; ".join(describe_claim(c) for c in rec.claims) + "."
    if split > 1:
        text += f" The reported total covers {split} places and is split evenly."
    if rec.fatalities_low != rec.fatalities_high:
        text += (
            f" Figures disputed: {rec.fatalities_low}-{rec.fatalities_high}; coded {rec.fatalities}"
            " (lowest credible figure)."
        )
    else:
        text += f" Fatalities: {rec.fatalities}."
    return text
