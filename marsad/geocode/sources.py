"""Read the geocoder's data files into typed rows.

The files live in ``marsad/data`` (or in another folder given to :func:`data_files`, which the tests
use to check that editing a file rebuilds the index):

* ``countries.csv`` → :class:`~marsad.geocode.entries.CountryInfo`
* ``admin1.csv``    → :class:`Admin1Row`
* ``places.csv``    → :class:`PlaceRow`
* ``place_cues.yaml`` → :class:`CueConfig`

Each file documents its own columns and sources in its ``#`` header.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from marsad.geocode.entries import CountryInfo
from marsad.lexicon.datafile import data_path, read_table, split_values

DATA_FILES = ("countries.csv", "admin1.csv", "places.csv", "place_cues.yaml")


def data_files(data_dir: str | Path | None = None) -> dict[str, Path]:
    """Paths of the geocoder's data files, in ``data_dir`` or in the package's ``marsad/data``."""
    if data_dir is None:
        return {name: data_path(name) for name in DATA_FILES}
    d = Path(data_dir)
    return {name: d / name for name in DATA_FILES}


@dataclass(frozen=True)
class Admin1Row:
    """One row of ``admin1.csv``."""

    iso2: str
    admin1: str
    names_ar: tuple[str, ...]
    names_fr: tuple[str, ...]
    names_en_alt: tuple[str, ...]
    geonames_codes: tuple[str, ...]
    capital: str
    capital_lat: float | None
    capital_lon: float | None
    source: str


@dataclass(frozen=True)
class PlaceRow:
    """One row of ``places.csv``: a new place, or names attached to a GeoNames place."""

    name: str
    aliases_latin: tuple[str, ...]
    names_ar: tuple[str, ...]
    iso2: str
    admin1: str
    lat: float | None
    lon: float | None
    coord_source: str
    notes: str
    geonameid: int | None
    kind: str


@dataclass(frozen=True)
class CueLabel:
    """A cue label of ``place_cues.yaml`` with its forms per language."""

    label: str
    strong: bool
    ar: tuple[str, ...]
    ar_coord: tuple[str, ...]
    en: tuple[str, ...]
    fr: tuple[str, ...]
    en_after: tuple[str, ...] = ()  # forms that follow the name ("Harib district", "Cal Miskaad mountains")
    fr_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class CueConfig:
    """``place_cues.yaml``: cue words, non-place phrases, cue-only names and the stoplist."""

    cues: tuple[CueLabel, ...]
    non_place_phrases: tuple[str, ...]
    cue_required: tuple[str, ...]
    stoplist: tuple[str, ...]
    cue_named: tuple[str, ...] = ()


def _float(cell: str) -> float | None:
    return float(cell) if cell.strip() else None


def read_countries(path: Path) -> list[CountryInfo]:
    """Rows of ``countries.csv``."""
    out = []
    for r in read_table(path):
        out.append(
            CountryInfo(
                iso2=r["iso2"],
                iso3=r["iso3"],
                iso_num=int(r["iso_num"]),
                name=r["name"],
                region=r["region"],
                scope=r.get("scope") or "neighbour",
                names_en_alt=tuple(split_values(r.get("names_en_alt"))),
                names_ar=tuple(split_values(r.get("name_ar"))),
                names_fr=tuple(split_values(r.get("name_fr"))),
                adj_ar_m=tuple(split_values(r.get("adj_ar_m"))),
                adj_ar_f=tuple(split_values(r.get("adj_ar_f"))),
                adj_ar_pl=tuple(split_values(r.get("adj_ar_pl"))),
                adj_en=tuple(split_values(r.get("adj_en"))),
                adj_fr=tuple(split_values(r.get("adj_fr"))),
                min_population=int(r.get("min_population") or 0),
            )
        )
    return out


def read_admin1(path: Path) -> list[Admin1Row]:
    """Rows of ``admin1.csv``."""
    return [
        Admin1Row(
            iso2=r["iso2"],
            admin1=r["admin1"],
            names_ar=tuple(split_values(r.get("names_ar"))),
            names_fr=tuple(split_values(r.get("names_fr"))),
            names_en_alt=tuple(split_values(r.get("names_en_alt"))),
            geonames_codes=tuple(split_values(r.get("geonames_admin1_code"))),
            capital=r.get("capital", ""),
            capital_lat=_float(r.get("capital_lat", "")),
            capital_lon=_float(r.get("capital_lon", "")),
            source=r.get("source", ""),
        )
        for r in read_table(path)
    ]


def read_places(path: Path) -> list[PlaceRow]:
    """Rows of ``places.csv``."""
    return [
        PlaceRow(
            name=r["name"],
            aliases_latin=tuple(split_values(r.get("aliases_latin"))),
            names_ar=tuple(split_values(r.get("names_ar"))),
            iso2=r["iso2"],
            admin1=r.get("admin1", ""),
            lat=_float(r.get("lat", "")),
            lon=_float(r.get("lon", "")),
            coord_source=r.get("coord_source", ""),
            notes=r.get("notes", ""),
            geonameid=int(r["geonameid"]) if r.get("geonameid") else None,
            kind=r.get("kind") or "place",
        )
        for r in read_table(path)
    ]


def read_cues(path: Path) -> CueConfig:
    """``place_cues.yaml`` (read from ``path``, so that a test copy of the data folder is honoured)."""
    d = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}

    def strs(v: object) -> tuple[str, ...]:
        return tuple(str(x) for x in (v or []))  # type: ignore[union-attr]

    cues = tuple(
        CueLabel(
            label=str(c["label"]),
            strong=bool(c.get("strong", True)),
            ar=strs(c.get("ar")),
            ar_coord=strs(c.get("ar_coord")),
            en=strs(c.get("en")),
            fr=strs(c.get("fr")),
            en_after=strs(c.get("en_after")),
            fr_after=strs(c.get("fr_after")),
        )
        for c in d.get("cues") or []
    )
    return CueConfig(
        cues=cues,
        non_place_phrases=strs(d.get("non_place_phrases")),
        cue_required=strs(d.get("cue_required")),
        stoplist=strs(d.get("stoplist")),
        cue_named=strs(d.get("cue_named")),
    )
