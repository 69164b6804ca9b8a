"""Read Marsad's knowledge files: CSV or YAML with a commented header.

Every data file starts with ``#`` lines that state its columns and its sources; for CSV the first
uncommented line is the header row. Multi-valued cells separate values with ``|``.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

DATA_PACKAGE = "marsad.data"


def data_path(name: str) -> Path:
    """Path of a data file shipped in ``marsad/data``."""
    return Path(str(resources.files(DATA_PACKAGE).joinpath(name)))


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def read_table(path: str | Path) -> list[dict[str, str]]:
    """Rows of a commented CSV file as dicts (blank cells are '')."""
    p = Path(path) if not isinstance(path, str) or "/" in path else data_path(path)
    text = _strip_comments(p.read_text(encoding="utf-8"))
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        if not any((v or "").strip() for v in row.values()):
            continue
        rows.append({(k or "").strip(): (v or "").strip() for k, v in row.items()})
    return rows


@cache
def read_yaml(name: str) -> Any:
    """A YAML data file from ``marsad/data`` (cached: data files do not change at run time)."""
    return yaml.safe_load(data_path(name).read_text(encoding="utf-8"))


def split_values(cell: str | None) -> list[str]:
    """The values of a multi-valued cell ('a|b|c')."""
    if not cell:
        return []
    return [v.strip() for v in cell.split("|") if v.strip()]
