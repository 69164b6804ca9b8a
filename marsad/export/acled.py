"""An :class:`~marsad.models.EventRecord` as a row of ACLED's export, plus Marsad's own columns.

ACLED publishes its data as a table of 31 columns (``shared/spec/taxonomy.md``). :func:`acled_row`
fills them from a record so that Marsad's output can be appended to, or compared with, an ACLED
download; :data:`MARSAD_COLUMNS` follow with what ACLED has no column for (the span of reported
figures, certainty, the claims and the article the event came from).

>>> ids = EventIds()
>>> row = acled_row(record, event_id_cnty=ids.next("Mali"), article_id="seed-ar-001")  # doctest: +SKIP
>>> row["event_id_cnty"], row["iso"], row["region"]                                    # doctest: +SKIP
('MLI1', 466, 'Western Africa')

Columns that text cannot tell (``admin3``, ``source_scale``, ``tags``) are left empty;
``timestamp`` is the time of the export, as in ACLED it is the time of upload.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from marsad.models import Claim, EventRecord

#: ACLED's export columns, in ACLED's order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip

#: Marsad's columns after ACLED's.
MARSAD_COLUMNS: tuple[str, ...] = ("fatalities_low", "fatalities_high", "certainty", "claims", "article_id")

#: The CSV header: ACLED's 31 columns, then Marsad's.
CSV_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + MARSAD_COLUMNS

#: ACLED joins multi-valued cells (associated actors, sources) with this.
MULTI_SEPARATOR = "; "



@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, int, str]]:
    """Marsad's country table (``marsad/data/countries.csv``): lower-cased name → (alpha-3, numeric, region).

    Keyed by ACLED's name and the alternative names, so ACLED spellings that pycountry does not
    know ("Democratic Republic of Congo", "Ivory Coast", "Russia") resolve.
    """
    from marsad.lexicon.datafile import read_table, split_values

    table: dict[str, tuple[str, int, str]] = {}
    for row in read_table("countries.csv"):
        entry = (row["iso3"], int(row["iso_num"]), row.get("region", ""))
        for name in [row["name"], *split_values(row.get("names_en_alt"))]:
            table.setdefault(name.lower(), entry)
    return table


@lru_cache(maxsize=512)
def _country(country: str | None) -> tuple[str, int, str] | None:
    if not country:
        return None
    known = _countries().get(country.strip().lower())
    if known:
        return known
    import pycountry  # for countries outside Marsad's table; imported on first use

    try:
        c = pycountry.countries.lookup(country.strip())
    except LookupError:
        return None
    return c.alpha_3, int(c.numeric), ""


def country_codes(country: str | None) -> tuple[str, int] | None:
    """``("MLI", 466)`` for ``"Mali"``: the ISO 3166 alpha-3 and numeric codes of a country name.

    Names are looked up in Marsad's country table, then in pycountry; ``None`` if neither knows it.
    """
    found = _country(country)
    return found[:2] if found else None


def acled_region(country: str | None) -> str:
    """ACLED's region of a country (``"Mali"`` → ``"Western Africa"``), or ``""`` when unknown."""
    found = _country(country)
    return found[2] if found else ""


class EventIds:
    """Makes ACLED-style event ids: the country's ISO alpha-3 code and a counter per country.

    >>> ids = EventIds()
    >>> ids.next("Mali"), ids.next("Mali"), ids.next("Niger"), ids.next("Atlantis")
    ('MLI1', 'MLI2', 'NER1', 'XXX1')
    """

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()

    def next(self, country: str | None) -> str:
        codes = country_codes(country)
        prefix = codes[0] if codes else "XXX"
        self._counts[prefix] += 1
        return f"{prefix}{self._counts[prefix]}"


def claim_summary(claim: Claim, *, name: Callable[[str], str] = str) -> str:
    """One claim as compact text; ``name`` may shorten the actor names (the table does).

    >>> claim_summary(Claim("JNIM: Group for Support of Islam and Muslims", "admission", killed=30,
    ...                     victim="JNIM: Group for Support of Islam and Muslims", via="Az-Zallaqa"),
    ...               name=lambda n: n.split(":")[0])
    'JNIM [admission via Az-Zallaqa]: 30 killed of JNIM'
    """
    label = claim.type + (f" via {claim.via}" if claim.via else "")
    approx = "~" if claim.approximate else ""
    figures = []
    if claim.killed is not None:
        figures.append(f"{approx}{claim.killed} killed")
    if claim.wounded is not None:
        figures.append(f"{approx}{claim.wounded} wounded")
    said = ", ".join(figures) or "no figure"
    if claim.victim:
        said += f" of {name(claim.victim)}"
    return f"{name(claim.claimant)} [{label}]: {said}"


def claims_summary(claims: list[Claim]) -> str:
    """All claims of an event as compact text, joined ACLED-style with ``"; "``."""
    return MULTI_SEPARATOR.join(claim_summary(c) for c in claims)


def acled_row(
    record: EventRecord,
    *,
    event_id_cnty: str = "",
    article_id: str = "",
    source: str | None = None,
    timestamp: int | None = None,
) -> dict[str, Any]:
    """The record as a dict keyed by :data:`CSV_COLUMNS` (ACLED's columns, then Marsad's).

    ``source`` is used when the record names none (typically the article's outlet); ``timestamp``
    defaults to now. Values keep their Python types (``None`` where ACLED leaves a cell empty),
    multi-valued cells are joined with ``"; "``.
    """
    codes = country_codes(record.country)
    iso = record.iso if record.iso is not None else (codes[1] if codes else None)
    return {
        "event_id_cnty": event_id_cnty,
        "event_date": record.event_date.isoformat(),
        "year": record.event_date.year,
        "time_precision": record.time_precision,
        "disorder_type": record.disorder_type,
        "event_type": record.event_type,
        "sub_event_type": record.sub_event_type,
        "actor1": record.actor1.name,
        "assoc_actor_1": MULTI_SEPARATOR.join(record.assoc_actor_1),
        "inter1": record.actor1.inter_label,
        "actor2": record.actor2.name if record.actor2 else None,
        "assoc_actor_2": MULTI_SEPARATOR.join(record.assoc_actor_2),
        "inter2": record.actor2.inter_label if record.actor2 else None,
        "interaction": record.interaction,
        "civilian_targeting": record.civilian_targeting,
        "iso": iso,
        "region": acled_region(record.country),
        "country": record.country,
        "admin1": record.admin1,
        "admin2": record.admin2,
        "admin3": None,
        "location": record.location,
        "latitude": record.latitude,
        "longitude": record.longitude,
        "geo_precision": record.geo_precision,
        "source": record.source or source,
        "source_scale": None,
        "notes": record.notes,
        "fatalities": record.fatalities,
        "tags": None,
        "timestamp": int(time.time()) if timestamp is None else timestamp,
        "fatalities_low": record.fatalities_low,
        "fatalities_high": record.fatalities_high,
        "certainty": record.certainty,
        "claims": claims_summary(record.claims),
        "article_id": article_id,
    }
