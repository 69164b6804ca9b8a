"""What the geocode stage hands out: country facts and place mentions.

:class:`~marsad.models.Place` (the resolved place itself) lives in :mod:`marsad.models` because
the records stage consumes it; the two records here are the geocoder's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.models import Place


@dataclass(frozen=True)
class CountryInfo:
    """One row of ``countries.csv``: a country's codes, names and adjectives.

    The adjective columns let other stages turn «الجيش المالي» / «les soldats maliens» / "Malian
    troops" into the country Mali.
    """

    iso2: str
    iso3: str
    iso_num: int
    name: str  # ACLED English name: what records carry in `country`
    region: str  # ACLED region
    scope: str  # theatre · neighbour · world
    names_en_alt: tuple[str, ...] = ()
    names_ar: tuple[str, ...] = ()
    names_fr: tuple[str, ...] = ()
    adj_ar_m: tuple[str, ...] = ()
    adj_ar_f: tuple[str, ...] = ()
    adj_ar_pl: tuple[str, ...] = ()
    adj_en: tuple[str, ...] = ()
    adj_fr: tuple[str, ...] = ()
    min_population: int = 0


@dataclass(frozen=True)
class PlaceMention:
    """A place name found in a text, with the cue that introduced it and its candidate places.

    ``start``/``end``/``text`` are ORIGINAL offsets of the name itself (not of the cue word or of a
    proclitic: in «بميناكا» the mention is «ميناكا»). ``cue`` is the outermost cue before the name,
    normalised: "in", "near", "north" … "south-west", "centre", "region", "town", "base", "road";
    ``cues`` holds the whole chain, outermost first («قرب بلدة أغزراغن» → ("near", "town")).

    ``kind`` is "place", "admin1" or "country" (the kind of the best candidate; natural features
    count as "place"), or "unknown" for a name after a place cue that the gazetteer lacks: then
    ``romanized`` gives a Latin spelling of it, the first candidate is that village under its
    romanised name at the capital of the admin1 the context points to (geo_precision 3, as for a
    ``places.csv`` row without coordinates), and look-alikes from the fuzzy key in the hinted
    country follow.
    ``fuzzy`` is True when the candidates come from the spelling-blind key rather than from an exact
    name.
    """

    start: int
    end: int
    text: str
    cue: str | None
    candidates: tuple[Place, ...]
    kind: str
    romanized: str | None = None
    cues: tuple[str, ...] = field(default=())
    fuzzy: bool = False

    @property
    def best(self) -> Place | None:
        """The first candidate, or None."""
        return self.candidates[0] if self.candidates else None
