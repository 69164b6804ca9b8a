"""Read the actor catalogue's data files into records.

Files (all in ``marsad/data``, each with a ``#`` header that states its columns and sources):

``actors.csv``           named actors (:class:`~marsad.actors.model.Actor`)
``media_arms.csv``       media arms and outlets (:class:`~marsad.actors.model.MediaArm`)
``leaders.csv``          leaders and spokesmen (:class:`~marsad.actors.model.Leader`)
``generic_actors.yaml``  per-country templates, bare nouns, branch table, variants, stop phrases
``countries.csv``        the countries generic actors are made for (shared with the geocoder)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from marsad.actors.model import Actor, Leader, MediaArm
from marsad.lexicon.datafile import data_path, read_table, split_values

ACTORS_FILE = "actors.csv"
MEDIA_FILE = "media_arms.csv"
LEADERS_FILE = "leaders.csv"
GENERIC_FILE = "generic_actors.yaml"
COUNTRIES_FILE = "countries.csv"


@dataclass
class CatalogueData:
    """Everything the catalogue is built from, as read from the files."""

    actors: list[Actor]
    media: list[MediaArm]
    leaders: list[Leader]
    generic: dict[str, Any]
    countries_path: Path | None
    notes: dict[str, str] = field(default_factory=dict)


def _year(cell: str | None) -> int | None:
    cell = (cell or "").strip()
    return int(cell) if cell else None


def _aliases(row: dict[str, str], *cols: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for col in cols:
        for a in split_values(row.get(col)):
            seen.setdefault(" ".join(a.split()), None)
    return tuple(seen)


def read_actors(path: Path) -> tuple[list[Actor], dict[str, str]]:
    """Rows of ``actors.csv`` (and their notes, by id)."""
    actors = []
    notes = {}
    for row in read_table(path):
        inter = int(row["inter"])
        if not 1 <= inter <= 8:
            raise ValueError(f"{path}: actor {row['id']}: inter {inter} is not 1-8")
        actors.append(
            Actor(
                id=row["id"],
                name=row["name"],
                inter=inter,
                countries=tuple(c.upper() for c in split_values(row.get("countries"))),
                parent=row.get("parent") or None,
                active_from=_year(row.get("active_from")),
                active_to=_year(row.get("active_to")),
                aliases=_aliases(row, "aliases_ar", "aliases_en", "aliases_fr"),
            )
        )
        if row.get("notes"):
            notes[row["id"]] = row["notes"]
    return actors, notes


def read_media(path: Path) -> list[MediaArm]:
    """Rows of ``media_arms.csv``."""
    out = []
    for row in read_table(path):
        kind = row.get("kind") or "media_arm"
        if kind not in ("media_arm", "outlet"):
            raise ValueError(f"{path}: media {row['id']}: kind {kind!r} is not media_arm|outlet")
        out.append(
            MediaArm(
                id=row["id"],
                name=row["name"],
                parent=row["parent"],
                kind=kind,
                aliases=_aliases(row, "aliases_ar", "aliases_en", "aliases_fr"),
            )
        )
    return out


def read_leaders(path: Path) -> list[Leader]:
    """Rows of ``leaders.csv``; the leader's own name is one of their aliases."""
    out = []
    for row in read_table(path):
        aliases = _aliases(row, "aliases_ar", "aliases_en", "aliases_fr")
        if row["name"] not in aliases:
            aliases = (*aliases, row["name"])
        out.append(
            Leader(
                name=row["name"],
                actor=row["actor"],
                role=row.get("role") or "leader",
                aliases=aliases,
                active_from=_year(row.get("active_from")),
                active_to=_year(row.get("active_to")),
            )
        )
    return out


def read_data(data_dir: str | Path | None = None, countries: str | Path | None = None) -> CatalogueData:
    """Read every catalogue file from ``data_dir`` (default: the package's ``marsad/data``).

    ``countries`` overrides where ``countries.csv`` is read from (tests use a small copy). A missing
    ``countries.csv`` is allowed: the catalogue then has no per-country generic actors.
    """

    def path(name: str) -> Path:
        return Path(data_dir) / name if data_dir is not None else data_path(name)

    actors, notes = read_actors(path(ACTORS_FILE))
    media = read_media(path(MEDIA_FILE))
    leaders = read_leaders(path(LEADERS_FILE))
    # libyaml's loader when the wheel has it (ten times faster than the pure-Python one)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    generic = yaml.load(path(GENERIC_FILE).read_text(encoding="utf-8"), Loader=loader) or {}
    cpath = Path(countries) if countries is not None else path(COUNTRIES_FILE)
    return CatalogueData(
        actors=actors,
        media=media,
        leaders=leaders,
        generic=generic,
        countries_path=cpath if cpath.exists() else None,
        notes=notes,
    )
