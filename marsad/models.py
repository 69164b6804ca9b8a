"""The records that flow between Marsad's pipeline stages.

Everything a stage produces is a plain dataclass defined here, so that a reader can follow an
article from :class:`Article` (ingest) through the mentions found in its text to the
:class:`EventRecord` rows that are exported, stored and scored.

Offsets are always character offsets into the *original* article text (``Article.text``), never
into a normalised copy: evidence must point at the words a reader sees.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

# ---------------------------------------------------------------- input


@dataclass
class Article:
    """One news report as ingested: its text and what is known about where it came from."""

    id: str
    text: str
    publication_date: dt.date | None = None
    language: str | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None


# ---------------------------------------------------------------- evidence


@dataclass(frozen=True)
class Span:
    """A stretch of the original text: ``text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


# ---------------------------------------------------------------- mentions (intermediate)


@dataclass
class ActorRef:
    """An actor as coded in a record: canonical name, ACLED actor type and the country it belongs to."""

    name: str
    inter: int
    country: str | None = None
    actor_id: str | None = None

    @property
    def inter_label(self) -> str:
        return INTER_LABELS.get(self.inter, "")


INTER_LABELS = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}


@dataclass
class Place:
    """A resolved place: what the gazetteer returns for a mention."""

    name: str
    country: str
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    kind: str = "place"  # place | admin1 | country | feature
    admin2: str | None = None
    iso2: str | None = None
    source: str | None = None


@dataclass
class Claim:
    """One assertion about an event: who says how many were killed (or wounded), of whom.

    ``type`` is one of claim · admission · report · denial · unconfirmed.
    """

    claimant: str
    type: str
    killed: int | None = None
    wounded: int | None = None
    victim: str | None = None
    via: str | None = None
    approximate: bool = False
    evidence: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {
            "claimant": self.claimant,
            "type": self.type,
            "killed": self.killed,
            "wounded": self.wounded,
            "victim": self.victim,
            "via": self.via,
            "approximate": self.approximate,
        }
        d["evidence"] = self.evidence.to_dict() if self.evidence else None
        return d


# ---------------------------------------------------------------- output


@dataclass
class EventRecord:
    """One coded event, in ACLED's columns plus Marsad's claims, certainty and evidence."""

    event_date: dt.date
    time_precision: int
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: ActorRef
    actor2: ActorRef | None
    country: str
    admin1: str | None
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int
    fatalities: int
    fatalities_low: int
    fatalities_high: int
    claims: list[Claim] = field(default_factory=list)
    certainty: str = "confirmed"
    assoc_actor_1: list[str] = field(default_factory=list)
    assoc_actor_2: list[str] = field(default_factory=list)
    admin2: str | None = None
    iso: int | None = None
    civilian_targeting: str = ""
    source: str = ""
    notes: str = ""
    evidence: dict[str, list[Span]] = field(default_factory=dict)

    @property
    def interaction(self) -> str:
        a = self.actor1.inter_label
        if self.actor2 is None:
            return f"{a} only"
        low, high = sorted([self.actor1.inter, self.actor2.inter])
        return f"{INTER_LABELS[low]}-{INTER_LABELS[high]}"

    def to_dict(self) -> dict[str, Any]:
        """The record as the output contract wants it (``shared/spec/output-contract.md``)."""
        return {
            "event_date": self.event_date.isoformat(),
            "year": self.event_date.year,
            "time_precision": self.time_precision,
            "disorder_type": self.disorder_type,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1.name,
            "assoc_actor_1": list(self.assoc_actor_1),
            "inter1": self.actor1.inter_label,
            "actor2": self.actor2.name if self.actor2 else None,
            "assoc_actor_2": list(self.assoc_actor_2),
            "inter2": self.actor2.inter_label if self.actor2 else "",
            "interaction": self.interaction,
            "civilian_targeting": self.civilian_targeting,
            "iso": self.iso,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "location": self.location,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geo_precision": self.geo_precision,
            "source": self.source,
            "notes": self.notes,
            "fatalities": self.fatalities,
            "fatalities_low": self.fatalities_low,
            "fatalities_high": self.fatalities_high,
            "certainty": self.certainty,
            "claims": [c.to_dict() for c in self.claims],
            "evidence": {k: [s.to_dict() for s in v] for k, v in self.evidence.items()},
        }


@dataclass
class CodedArticle:
    """What coding one article yields: its events, or the reason it could not be coded."""

    article: Article
    events: list[EventRecord] = field(default_factory=list)
    error: str | None = None
    reference_date: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.article.id, "events": [e.to_dict() for e in self.events]}
        if self.error:
            d["error"] = self.error
        return d


def article_to_dict(a: Article) -> dict[str, Any]:
    d = asdict(a)
    d["publication_date"] = a.publication_date.isoformat() if a.publication_date else None
    return d
