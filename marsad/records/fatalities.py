"""ACLED's fatality figure from the claims about one event.

- Per victim group, the *lowest credible* figure: every figure but the unconfirmed ones and
  denials counts, so an admission of 30 beats the enemy's claim of 40.
- A report that says itself a death is unconfirmed adds nothing (it widens ``high`` only).
- Groups of different victims add up (5 soldiers and 20 militants: 25). A toll that does not say
  whose dead they were joins the one named group when there is one; beside several, it is compared
  with their sum and the larger stands for the event.
- When the sides' figures are all claims about their enemies and an independent report gives an
  unattributed toll, the report stands (parties inflate the other side's losses).
- A total over several places is split evenly, the remainder going to the first place.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.models import Claim


@dataclass(frozen=True)
class Fatalities:
    best: int
    low: int
    high: int


def split_share(total: int, index: int, parts: int) -> int:
    """The share of ``total`` for place ``index`` of ``parts`` (remainder to the first)."""
    if parts <= 1:
        return total
    base = total // parts
    return base + (total % parts if index == 0 else 0)


def code_fatalities(claims: list[tuple[Claim, int, int]]) -> Fatalities:
    """``claims`` are (claim, share index, number of shares) pairs."""
    groups: dict[str | None, list[tuple[int, int, str]]] = {}
    for claim, index, parts in claims:
        if claim.killed is None or claim.type == "denial":
            continue
        share = split_share(claim.killed, index, parts)
        groups.setdefault(claim.victim, []).append((share, claim.killed, claim.type))
    named = [v for v in groups if v is not None]
    if None in groups and len(named) == 1:
        # a toll that does not say whose, beside one that does, is about the same dead
        groups[named[0]].extend(groups.pop(None))
    best_named = low_named = high_named = 0
    best_unnamed = low_unnamed = high_unnamed = 0
    for victim, figures in groups.items():
        credible = [s for s, _, t in figures if t != "unconfirmed"]
        if any(k for _, k, t in figures if t != "unconfirmed"):
            # "no one was killed" beside a toll of five: the toll stands (a zero share of a split does not)
            credible = [s for s, k, t in figures if t != "unconfirmed" and k > 0]
        best = min(credible) if credible else 0
        low = best
        high = max(s for s, _, _ in figures)
        if victim is None:
            best_unnamed, low_unnamed, high_unnamed = best, low, high
        else:
            best_named += best
            low_named += low
            high_named += high
    only_claims = all(t == "claim" for v, figs in groups.items() if v is not None for _, _, t in figs)
    independent = any(t == "report" for _, _, t in groups.get(None, []))
    if named and only_claims and independent:
        # each side claims the other's dead (27 and 40); residents count 10: the witnesses stand
        best, low = best_unnamed, low_unnamed
    else:
        best = max(best_named, best_unnamed)
        low = max(low_named, low_unnamed)
    high = max(high_named, high_unnamed, best)
    return Fatalities(best=best, low=min(low, best), high=high)
