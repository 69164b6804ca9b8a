"""The user gazetteer layer: GeoNames places a user imported, kept beside the shipped data.

``marsad gazetteer import`` (:mod:`marsad.geocode.importer`) streams a GeoNames dump and writes the
places it keeps to ONE file, ``<data folder>/gazetteer/geonames-layer.tsv``; the index build
(:mod:`marsad.geocode.index`) merges that file into the shipped gazetteer. The data folder is
``$MARSAD_DATA``, else ``$XDG_DATA_HOME/marsad``, else ``~/.local/share/marsad``.

The file is plain UTF-8 text:

* line 1 is the *manifest*: ``#marsad-gazetteer-layer<TAB>{json}`` — what was imported, from which
  files, when, how many places per country and class, and a hash of the rows. The index fingerprint
  includes this line only, so a changed layer rebuilds the cached index without the whole file being
  hashed on every start;
* every other line is one place, with the columns of :data:`LAYER_COLUMNS` separated by tabs;
  multi-valued cells (names) are separated by ``|``.

The importer writes the file under a temporary name and renames it into place, so a reader sees the
old layer or the new one, never half a file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LAYER_MAGIC = "#marsad-gazetteer-layer"
LAYER_FORMAT = 1
LAYER_FILE = "geonames-layer.tsv"
LAYER_COLUMNS = ("geonameid", "name", "lat", "lon", "feature_class", "feature_code", "iso2", "admin1_code",
                 "population", "names_latin", "names_ar")


def data_home() -> Path:
    """Marsad's folder for user data: ``$MARSAD_DATA``, ``$XDG_DATA_HOME/marsad`` or ``~/.local/share/marsad``."""
    env = os.environ.get("MARSAD_DATA")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "marsad"


def layer_path() -> Path:
    """Where the user layer lives (whether or not it exists)."""
    return data_home() / "gazetteer" / LAYER_FILE


def default_layer() -> Path | None:
    """The user layer when one has been imported and is readable, else None."""
    path = layer_path()
    return path if path.is_file() and read_manifest(path) is not None else None


@dataclass(frozen=True)
class LayerRow:
    """One place of the layer (a GeoNames record cut down to what the gazetteer uses)."""

    geonameid: int
    name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    iso2: str
    admin1_code: str
    population: int
    names_latin: tuple[str, ...]
    names_ar: tuple[str, ...]

    def to_line(self) -> str:
        """The row as one line of the layer file (with its newline)."""
        cells = [str(self.geonameid), self.name, f"{self.lat:.5f}", f"{self.lon:.5f}", self.feature_class,
                 self.feature_code, self.iso2, self.admin1_code, str(self.population),
                 "|".join(self.names_latin), "|".join(self.names_ar)]
        return "\t".join(cells) + "\n"

    @classmethod
    def from_line(cls, line: str) -> LayerRow:
        """Parse one line of the layer file (raises ``ValueError`` on a malformed line)."""
        c = line.rstrip("\n").split("\t")
        if len(c) != len(LAYER_COLUMNS):
            raise ValueError(f"expected {len(LAYER_COLUMNS)} columns, found {len(c)}")
        return cls(int(c[0]), c[1], float(c[2]), float(c[3]), c[4], c[5], c[6], c[7], int(c[8] or 0),
                   tuple(n for n in c[9].split("|") if n), tuple(n for n in c[10].split("|") if n))


def manifest_line(manifest: dict[str, Any]) -> str:
    """The first line of a layer file for ``manifest``."""
    return f"{LAYER_MAGIC}\t{json.dumps(manifest, ensure_ascii=False, sort_keys=True)}\n"


def read_manifest(path: Path) -> dict[str, Any] | None:
    """The manifest of a layer file, or None when the file is missing or is not a layer."""
    try:
        with open(path, encoding="utf-8") as f:
            first = f.readline()
    except (OSError, UnicodeDecodeError):
        return None
    magic, _, payload = first.rstrip("\n").partition("\t")
    if magic != LAYER_MAGIC:
        return None
    try:
        manifest = json.loads(payload)
    except json.JSONDecodeError:
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != LAYER_FORMAT:
        return None
    return manifest


def manifest_bytes(path: Path | None) -> bytes:
    """The manifest line of a layer as bytes (what the index fingerprint hashes); b"" without a layer."""
    if path is None:
        return b""
    with open(path, "rb") as f:
        return f.readline()


def iter_rows(path: Path) -> Iterator[LayerRow]:
    """The places of a layer file, streamed (the manifest line is skipped)."""
    with open(path, encoding="utf-8") as f:
        f.readline()
        for n, line in enumerate(f, start=2):
            if not line.strip():
                continue
            try:
                yield LayerRow.from_line(line)
            except ValueError as e:
                raise ValueError(f"{path}:{n}: damaged gazetteer layer ({e}); re-run `marsad gazetteer import`") \
                    from None
