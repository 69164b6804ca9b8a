"""The figures of a merged event: fatalities, their span and certainty, from all sources' claims.

A merged event carries every claim of every report (:class:`FusedClaim`: a
:class:`~marsad.models.Claim` plus the articles that carry it). From them:

* **fatalities** — ACLED's conservative figure, computed by :func:`marsad.records.fatalities.code_fatalities`
  (per victim group the lowest credible figure; groups add up; a total whose victims are not named
  stands against the sum of the named ones). One thing is added across sources: *an admission or an
  independent report beats a combatant's claim*. When the victims' own side, or someone who is no
  party (the outlet, a hospital, a monitor), gives a figure for a group, the enemy's claim about
  that group no longer counts towards the figure — it only widens the span. The same holds when an
  independent source gives the total of the event. So JNIM's «19 soldiers» against the army's
  admitted 5 gives 5, and a group's claim of 3 dead against a hospital's 7 gives 7.
* **revised figures** — when the same (named) claimant gives a new figure in a later report («the
  toll rose to 17»), the later figure *supersedes* the earlier one: the old claim stays in the list,
  marked ``superseded_by``, and no longer counts. Anonymous claimants («مصادر محلية») are not known
  to be the same people, so their figures stand side by side.
* **victims named later** — a figure one report gave for «terrorists» (an Unidentified Armed Group)
  is about the group another report names: when the merged event holds exactly one named non-state
  actor, the unidentified victims are counted as that actor (:func:`victim_aliases`), so the army's
  «20 terrorists» and JNIM's own «4 fighters» are two figures for the same dead.
* **low / high** — span every current claimed figure, denials and superseded claims apart; reports
  that call themselves unconfirmed widen only ``high`` (as in :mod:`marsad.records.fatalities`).
* **certainty** — ``disputed`` when someone denies, or when the two sides' figures for the same
  victims differ (JNIM 19, the army 5); else ``confirmed`` when an independent report or an
  admission backs the event (or any source record was confirmed), ``claimed`` when only the
  parties speak, ``unconfirmed`` when every source says so itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marsad.fuse.config import FusionConfig
from marsad.fuse.match import is_unidentified, state_of
from marsad.models import Claim, EventRecord
from marsad.records.fatalities import Fatalities, code_fatalities

INDEPENDENT_TYPES = ("admission", "report")


@dataclass
class FusedClaim(Claim):
    """A claim of a merged event, with the articles that carry it.

    The same claimant asserting the same figure in three articles is one ``FusedClaim`` with three
    ``articles`` (the first is where it was first seen). ``share`` and ``parts`` say which share of a
    total reported over several places this event takes (as the article's coder split it), and
    ``superseded_by`` names the article whose later figure from the same claimant replaced this one.
    ``evidence``, when set, points into the text of ``articles[0]``.
    """

    articles: list[str] = field(default_factory=list)
    share: int = 0
    parts: int = 1
    superseded_by: str | None = None

    @property
    def current(self) -> bool:
        return self.superseded_by is None

    def key(self) -> tuple[str, str | None, int | None, int | None]:
        """What makes two claims one: who, about whom, how many killed and wounded."""
        return (self.claimant, self.victim, self.killed, self.wounded)

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d["articles"] = list(self.articles)
        if self.parts > 1:
            d["share"] = [self.share, self.parts]
        d["superseded_by"] = self.superseded_by
        return d

    @classmethod
    def of(cls, claim: Claim, article_id: str, share: int = 0, parts: int = 1) -> FusedClaim:
        return cls(claimant=claim.claimant, type=claim.type, killed=claim.killed, wounded=claim.wounded,
                   victim=claim.victim, via=claim.via, approximate=claim.approximate, evidence=claim.evidence,
                   articles=[article_id], share=share, parts=parts)


# ---------------------------------------------------------------- shares


def record_share(record: EventRecord) -> tuple[int, int]:
    """(share index, parts) of the total the article's coder split over several places.

    An article that reports «12 killed in the villages of A and B» is coded as two events of 6 each,
    but each keeps the claim of 12. The split is found again by asking which (index, parts) makes
    :func:`code_fatalities` give the record's own figure; (0, 1) when nothing was split.
    """
    claims = list(record.claims)
    if not claims:
        return 0, 1
    if code_fatalities([(c, 0, 1) for c in claims]).best == record.fatalities:
        return 0, 1
    for parts in range(2, 13):
        for index in (0, 1):
            if code_fatalities([(c, index, parts) for c in claims]).best == record.fatalities:
                return index, parts
    return 0, 1


# ---------------------------------------------------------------- fatalities


def victim_aliases(claims: list[FusedClaim], record: EventRecord, cfg: FusionConfig) -> dict[str, str]:
    """Unidentified victims → the one named non-state actor of the merged event, if there is one."""
    named = [a.name for a in (record.actor1, record.actor2)
             if a is not None and not is_unidentified(a) and a.inter in cfg.wildcard_inters]
    if len(named) != 1:
        return {}
    return {c.victim: named[0] for c in claims if c.victim and is_unidentified(c.victim)}


def as_victim(c: FusedClaim, aliases: dict[str, str] | None) -> FusedClaim:
    """``c`` with its victim renamed by ``aliases`` (a copy; ``c`` itself is left as reported)."""
    if not aliases or c.victim not in aliases:
        return c
    return FusedClaim(c.claimant, c.type, killed=c.killed, wounded=c.wounded, victim=aliases[c.victim], via=c.via,
                      approximate=c.approximate, articles=c.articles, share=c.share, parts=c.parts,
                      superseded_by=c.superseded_by)


def fused_fatalities(claims: list[FusedClaim], aliases: dict[str, str] | None = None) -> Fatalities:
    """ACLED's figure and span over all current claims (rules: module docstring).

    ``aliases`` renames victims before counting (see :func:`victim_aliases`).
    """
    current = [as_victim(c, aliases) for c in claims if c.current and c.type != "denial" and c.killed is not None]
    independent_victims = {c.victim for c in current if c.type in INDEPENDENT_TYPES}
    independent_total = None in independent_victims
    ranked: list[tuple[Claim, int, int]] = []
    for c in current:
        beaten = c.type == "claim" and (c.victim in independent_victims or independent_total)
        as_counted = Claim(c.claimant, "unconfirmed" if beaten else c.type, killed=c.killed, victim=c.victim)
        ranked.append((as_counted, c.share, c.parts))
    best = code_fatalities(ranked)
    plain = code_fatalities([(c, c.share, c.parts) for c in current])
    low = min(best.best, plain.low)
    high = max(best.high, plain.high, best.best)
    return Fatalities(best=best.best, low=low, high=high)


# ---------------------------------------------------------------- sides and certainty


def side_of(claimant: str, record: EventRecord) -> int | None:
    """1 or 2 when the claimant is a party on that side of ``record`` (state forces by country)."""
    sides = {1: [record.actor1.name, *record.assoc_actor_1],
             2: ([record.actor2.name] if record.actor2 else []) + list(record.assoc_actor_2)}
    for side, names in sides.items():
        if claimant in names:
            return side
    country = state_of(claimant) or _government_of(claimant)
    if country:
        for side, names in sides.items():
            if any(state_of(n) == country for n in names):
                return side
    return None


def _government_of(name: str) -> str | None:
    prefix = "Government of "
    return name[len(prefix):] if name.startswith(prefix) else None


def disputes(claims: list[FusedClaim], record: EventRecord,
             aliases: dict[str, str] | None = None) -> list[tuple[FusedClaim, FusedClaim]]:
    """Pairs of current claims from opposite sides whose figures for the same victims differ."""
    figures = [as_victim(c, aliases) for c in claims if c.current and c.killed is not None and c.type != "denial"]
    out = []
    for i, x in enumerate(figures):
        for y in figures[i + 1:]:
            sx, sy = side_of(x.claimant, record), side_of(y.claimant, record)
            if not sx or not sy or sx == sy:
                continue
            if x.victim is not None and y.victim is not None and x.victim != y.victim:
                continue
            if x.killed != y.killed:
                out.append((x, y))
    return out


def fused_certainty(claims: list[FusedClaim], record: EventRecord, source_certainties: list[str],
                    aliases: dict[str, str] | None = None) -> str:
    """confirmed · claimed · disputed · unconfirmed for the merged event (rules: module docstring)."""
    if any(c.type == "denial" and c.current for c in claims) or disputes(claims, record, aliases):
        return "disputed"
    if "confirmed" in source_certainties or any(c.type in INDEPENDENT_TYPES and c.current for c in claims):
        return "confirmed"
    if "claimed" in source_certainties or "disputed" in source_certainties or any(
            c.type == "claim" for c in claims):
        return "claimed"
    return "unconfirmed"


def config_generic(cfg: FusionConfig, claimant: str) -> bool:
    """An anonymous claimant whose later figure does not revise an earlier one (``fusion.yaml``)."""
    return claimant in cfg.generic_claimants
