"""Tests of the geocode stage: gazetteer look-ups, match keys, romanisation and place finding.

The default gazetteer is built from the shipped data on first use (a few seconds, then cached in
``$MARSAD_CACHE`` or ``~/.cache/marsad``). The cache test builds a small index of its own from a
cut-down copy of the data files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from marsad.geocode import Gazetteer, PlaceMention, match_keys, romanize, similarity
from marsad.geocode.index import fingerprint, load_index
from marsad.geocode.sources import DATA_FILES, data_files
from marsad.lexicon.datafile import read_table
from marsad.text.normalize import normalize

SEED = Path(__file__).resolve().parents[1] / "samples" / "seed-ar-001.txt"  # copy of ../shared/seed/000_b281…
MENAKA = (15.91985, 2.39609)  # GeoNames 2453514, the capital of the Ménaka region


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.default()


def find(gz: Gazetteer, text: str, hint: str | None = None) -> list[PlaceMention]:
    return gz.find_places(normalize(text), hint)


def by_text(mentions: list[PlaceMention]) -> dict[str, PlaceMention]:
    return {m.text: m for m in mentions}


# ---------------------------------------------------------------- match keys and romanisation


@pytest.mark.parametrize("variant", ["أغزرأغن", "أغزراغن", "أغزرغن", "ايغزراغن", "Aghazraghen", "Aghazragen"])
def test_aghazraghen_spellings_share_one_key(variant: str) -> None:
    assert "GZRGN" in match_keys(variant)


@pytest.mark.parametrize(("arabic", "latin"), [("ميناكا", "Ménaka"), ("ميناكا", "Menaka"),
                                               ("تيلابيري", "Tillabéri"), ("القضارف", "Gedaref"),
                                               ("النيجر", "Niger"), ("واغادوغو", "Ouagadougou"),
                                               ("دير الزور", "Deir ez-Zor"), ("بئر العبد", "Bi’r al ‘Abd")])
def test_arabic_and_latin_keys_meet(arabic: str, latin: str) -> None:
    assert match_keys(arabic) & match_keys(latin)


def test_similarity_prefers_the_same_name() -> None:
    assert similarity("أغزراغن", "Aghazraghen") > 0.85
    assert similarity("ميناكا", "Menaka") > similarity("ميناكا", "Mokolo")


@pytest.mark.parametrize(("arabic", "latin"), [("أماكرا", "Amakra"), ("أغزراغن", "Aghazraghen"),
                                               ("أغزرأغن", "Aghazraghen"), ("أينيكر", "Ainiker"),
                                               ("ايغزراغن", "Ighazraghen"), ("الفاشر", "Al Fasher")])
def test_romanize(arabic: str, latin: str) -> None:
    assert romanize(arabic) == latin


def test_romanize_leaves_latin_alone() -> None:
    assert romanize("Ménaka") == "Ménaka"


# ---------------------------------------------------------------- lookup: the seed's places


@pytest.mark.parametrize("name", ["أغزرأغن", "أغزراغن", "أغزرغن", "ايغزراغن", "Aghazraghen", "Aghazraghan"])
def test_lookup_aghazraghen(gz: Gazetteer, name: str) -> None:
    best = gz.lookup(name, country="Mali")[0]
    assert (best.name, best.admin1, best.country) == ("Aghazraghen", "Menaka", "Mali")


def test_unlocated_village_sits_at_its_admin1_capital(gz: Gazetteer) -> None:
    p = gz.lookup("أماكرا")[0]
    assert (p.name, p.admin1, p.geo_precision) == ("Amakra", "Menaka", 3)
    assert (p.latitude, p.longitude) == MENAKA


@pytest.mark.parametrize("name", ["أينيكر", "Inékar", "Inekar", "Ainiker", "In-Ekar"])
def test_lookup_inekar_is_the_geonames_place(gz: Gazetteer, name: str) -> None:
    p = gz.lookup(name, country="ML")[0]
    assert p.name == "Inekar" and p.admin1 == "Menaka" and p.geo_precision == 1
    assert p.source == "GeoNames 2596483"
    assert abs(p.latitude - 15.95944) < 1e-4


def test_lookup_menaka_town_first_without_cue(gz: Gazetteer) -> None:
    first, second = gz.lookup("ميناكا")[:2]
    assert (first.kind, first.geo_precision) == ("place", 1)
    assert (second.kind, second.name) == ("admin1", "Menaka")


@pytest.mark.parametrize("name", ["ولاية ميناكا", "منطقة ماناكا", "région de Ménaka", "Menaka Region",
                                  "Ménaka", "Menaka"])
def test_admin1_by_any_name(gz: Gazetteer, name: str) -> None:
    assert gz.admin1_name("Mali", name) == "Menaka"


@pytest.mark.parametrize("name", ["ولاية ميناكا", "منطقة ماناكا", "région de Ménaka"])
def test_lookup_region_phrases_prefer_the_admin1(gz: Gazetteer, name: str) -> None:
    p = gz.lookup(name, country="Mali")[0]
    assert (p.kind, p.admin1, p.geo_precision) == ("admin1", "Menaka", 3)


def test_admin1_place_is_at_the_capital(gz: Gazetteer) -> None:
    p = gz.admin1_place("مالي", "ميناكا")
    assert (p.name, p.country, p.kind, p.geo_precision) == ("Menaka", "Mali", "admin1", 3)
    assert (p.latitude, p.longitude) == MENAKA


def test_admin1_place_unknown_raises(gz: Gazetteer) -> None:
    with pytest.raises(KeyError):
        gz.admin1_place("Mali", "Atlantis")


# ---------------------------------------------------------------- lookup: spellings and ranking


@pytest.mark.parametrize(("name", "expected", "country"), [
    ("تيلابيري", "Tillaberi", "Niger"), ("Tillabery", "Tillaberi", "Niger"),
    ("Tillaberry", "Tillaberi", "Niger"), ("Tombouctou", "Timbuktu", "Mali"),
    ("تمبكتو", "Timbuktu", "Mali"), ("N'Djaména", "N'Djamena", "Chad"), ("انجمينا", "N'Djamena", "Chad"),
    ("Ségou", "Segou", "Mali"), ("القضارف", "Al Qadarif", "Sudan"), ("الشيخ زويد", "Ash Shaykh Zuwayd", "Egypt"),
])
def test_lookup_spellings_in_both_scripts(gz: Gazetteer, name: str, expected: str, country: str) -> None:
    p = gz.lookup(name)[0]
    assert p.name == expected and p.country == country


@pytest.mark.parametrize(("name", "expected", "country"), [
    ("بمدينة الفاشر", "El Fasher", None), ("بالفاشر", "El Fasher", None), ("وبلدة طفس", "Tafas", "Syria"),
    ("قرب بلدة أغزراغن", "Aghazraghen", None), ("في مدينة الموصل", "Mosul", None), ("للفاشر", "El Fasher", None),
])
def test_lookup_reads_cues_and_proclitics(gz: Gazetteer, name: str, expected: str, country: str | None) -> None:
    assert gz.lookup(name, country=country)[0].name == expected


def test_lookup_name_holding_its_cue_word(gz: Gazetteer) -> None:
    p = gz.lookup("جبل البشري")[0]  # «جبل» is a feature cue, and part of the name
    assert (p.name, p.kind) == ("Jabal al-Bishri", "feature")


def test_lookup_latin_name_without_its_article(gz: Gazetteer) -> None:
    p = gz.lookup("Karamah", country="Syria")[0]  # GeoNames: Al Karāmah
    assert p.admin1 == "Ar-Raqqa" and p.source == "GeoNames 4273"
    assert gz.lookup("Hasaheisa")[0].admin1 == "Al Jazirah"


def test_curated_names_rank_before_geonames_alternates(gz: Gazetteer) -> None:
    # GeoNames lists "Khoms" among Homs' names; places.csv says the news means Al Khums (Libya)
    assert gz.lookup("Khoms")[0].country == "Libya"
    (m,) = find(gz, "Clashes were reported in Khoms on Monday.")
    assert m.best.country == "Libya"


def test_places_csv_rows_with_a_geonames_twin_take_its_coordinates(gz: Gazetteer) -> None:
    p = gz.lookup("Hawija")[0]
    assert (p.name, p.geo_precision, p.source) == ("Hawija", 1, "GeoNames 390188")


def test_an_ambiguous_name_sets_no_article_country(gz: Gazetteer) -> None:
    (m,) = find(gz, "Fighting near Sinjar.")  # Sinjar, Iraq (a town) or Sinjar, Syria (a village)
    assert m.best.country == "Iraq"


def test_lookup_country_narrows(gz: Gazetteer) -> None:
    assert gz.lookup("Gao")[0].country == "Mali"  # the larger Gao
    bf = gz.lookup("Gao", country="Burkina Faso")
    assert bf and all(p.country == "Burkina Faso" for p in bf)
    assert gz.lookup("Gao", country="Atlantis") == []


def test_lookup_admin1_ranks(gz: Gazetteer) -> None:
    assert gz.lookup("Bama")[0].country == "Nigeria"
    assert gz.lookup("Bama", country="BF")[0].admin1 == "Boucle du Mouhoun"


def test_lookup_niger_state_vs_niger(gz: Gazetteer) -> None:
    assert gz.lookup("النيجر")[0].kind == "country"
    p = gz.lookup("ولاية النيجر", country="Nigeria")[0]
    assert (p.kind, p.admin1, p.country) == ("admin1", "Niger", "Nigeria")


def test_admin1_names_follow_conventions(gz: Gazetteer) -> None:
    conventions = Path(__file__).parent / "gold" / "CONVENTIONS.md"
    text = conventions.read_text(encoding="utf-8")
    section = text.split("## admin1 names")[1].split("##")[0]
    countries = {r["name"] for r in read_table(data_files()["countries.csv"])}
    checked = 0
    for line in section.splitlines():
        for part in line.split(". "):
            if ":" not in part:
                continue
            country, names = part.split(":", 1)
            country = country.strip()
            if country not in countries:
                continue
            for name in names.strip().rstrip(".").split(", "):
                name = name.strip().rstrip(".")
                if name:
                    assert name in gz.admin1_names(country), (country, name)
                    checked += 1
    assert checked > 100


# ---------------------------------------------------------------- countries


@pytest.mark.parametrize(("query", "name"), [
    ("المالي", "Mali"), ("المالية", "Mali"), ("الماليين", "Mali"), ("مالي", "Mali"), ("Malian", "Mali"),
    ("maliennes", "Mali"), ("MLI", "Mali"), ("466", "Mali"), ("ml", "Mali"), ("النيجرية", "Niger"),
    ("Nigerian", "Nigeria"), ("burkinabè", "Burkina Faso"), ("Côte d'Ivoire", "Ivory Coast"),
    ("الأمريكية", "United States"), ("الروسي", "Russia"), ("Soudan du Sud", "South Sudan"),
    ("جنوب السودان", "South Sudan"), ("الفرنسية", "France"),
])
def test_country_by_name_code_or_adjective(gz: Gazetteer, query: str, name: str) -> None:
    c = gz.country(query)
    assert c is not None and c.name == name


def test_country_unknown(gz: Gazetteer) -> None:
    assert gz.country("Atlantis") is None


def test_countries_cover_the_theatres(gz: Gazetteer) -> None:
    iso = {c.iso2 for c in gz.countries()}
    needed = {"ML", "BF", "NE", "NG", "TD", "CM", "MR", "SN", "DZ", "LY", "TN", "EG", "SD", "SS", "ET", "ER",
              "SO", "KE", "DJ", "YE", "SA", "OM", "AE", "SY", "IQ", "LB", "JO", "PS", "IL", "TR", "IR", "BJ",
              "TG", "GH", "CI", "GN", "CF", "CD", "MZ", "RU", "FR", "US", "UA"}
    assert needed <= iso
    for c in gz.countries():
        assert c.adj_en and c.names_ar and c.region, c.name


# ---------------------------------------------------------------- find_places: the seed


def test_seed_article_places(gz: Gazetteer) -> None:
    if not SEED.exists():
        pytest.skip("shared/seed not present")
    text = SEED.read_text(encoding="utf-8")
    mentions = gz.find_places(normalize(text), "Mali")
    for m in mentions:
        assert text[m.start:m.end] == m.text
    names = {(m.best.name if m.best else None) for m in mentions}
    assert {"Menaka", "Aghazraghen", "Amakra", "Inekar", "Mali"} <= names
    # only real places: no «الخميس», «جانباً», «العين المجردة», «بين»
    assert all(m.best and m.best.country in ("Mali", "Ukraine") for m in mentions)


def test_seed_west_of_menaka_region(gz: Gazetteer) -> None:
    m = by_text(find(gz, "اشتدت المعارك اليوم غرب ولاية ميناكا شمال مالي بين التنظيمين.", "Mali"))
    menaka, mali = m["ميناكا"], m["مالي"]
    assert menaka.cue == "west" and menaka.cues == ("west", "region")
    assert menaka.kind == "admin1" and menaka.best.name == "Menaka"
    assert mali.kind == "country" and mali.cue == "north"


def test_seed_dual_regions(gz: Gazetteer) -> None:
    m = by_text(find(gz, "شنت حملة عسكرية على مواقع لتنظيم داعش في منطقتي أماكرا وأينيكر (شمال شرقي مالي)"))
    assert m["أماكرا"].best.name == "Amakra" and m["أماكرا"].cue == "region"
    assert m["أينيكر"].best.name == "Inekar" and m["أينيكر"].cue == "region"
    assert m["مالي"].cue == "north-east"


def test_seed_near_town_chain(gz: Gazetteer) -> None:
    (m,) = find(gz, "هاجموا مقاتلي الجماعة قرب بلدة أغزراغن بعد ارتكاب مجزرة")
    assert m.text == "أغزراغن" and m.cue == "near" and m.cues == ("near", "town")
    assert m.best.name == "Aghazraghen" and m.best.admin1 == "Menaka"


def test_mention_offsets_exclude_proclitics(gz: Gazetteer) -> None:
    text = "وقعت اشتباكات بميناكا أمس"
    (m,) = find(gz, text)
    assert m.text == "ميناكا" and text[m.start:m.end] == "ميناكا" and m.cue == "in"


# ---------------------------------------------------------------- find_places: what is not a place


@pytest.mark.parametrize("text", [
    "أعلن تنظيم ولاية الساحل مسؤوليته عن الهجوم.",
    "تبنت ولاية غرب إفريقيا الهجوم على الثكنة.",
    "قال تنظيم ولاية غرب أفريقيا إنه قتل جنودا.",
    "أعلنت ولاية سيناء مسؤوليتها عن التفجير.",
    "ظهر فيديو يظهر جانباً من المعارك بين الجماعتين يوم الخميس وسط وجود عدد من الآليات.",
    "اشتباكات بين قوات الأمن والمسلحين في منطقة نفوذ الجماعة إلى جانب الأمن.",
    "سيعرض برنامج بالعين المجردة الحلقة قريبا.",
])
def test_not_places(gz: Gazetteer, text: str) -> None:
    assert find(gz, text) == []


def test_groups_hide_their_place_names(gz: Gazetteer) -> None:
    mentions = find(gz, "سيطرت قوات سوريا الديمقراطية على بلدة هجين بحسب قناة الجزيرة.", "Syria")
    assert [m.best.name for m in mentions] == ["Hajin"]


def test_aleppo_is_a_place(gz: Gazetteer) -> None:
    (m,) = find(gz, "قصفت الطائرات مدينة حلب", "Syria")
    assert m.best.name == "Aleppo" and m.best.kind == "place" and m.cue == "town"


def test_cue_required_names(gz: Gazetteer) -> None:
    assert find(gz, "قتل جنود في الوسط", "Burkina Faso") == []
    (m,) = find(gz, "قتل جنود في منطقة الوسط", "Burkina Faso")
    assert m.best.admin1 == "Centre" and m.kind == "admin1"


def test_niger_state_after_region_cue(gz: Gazetteer) -> None:
    m = by_text(find(gz, "هجوم في ولاية النيجر بنيجيريا", "Nigeria"))
    assert m["النيجر"].best.kind == "admin1" and m["النيجر"].best.country == "Nigeria"


# ---------------------------------------------------------------- find_places: unknown names


def test_unknown_village_after_cue(gz: Gazetteer) -> None:
    mentions = find(gz, "هاجم مسلحون قرية تاكاباراتين قرب ميناكا يوم الخميس.", "Mali")
    m = by_text(mentions)["تاكاباراتين"]
    assert m.kind == "unknown" and m.cue == "town" and m.romanized == "Takabaratin"
    fallback = m.candidates[0]
    assert (fallback.name, fallback.country, fallback.admin1, fallback.geo_precision) == \
        ("Takabaratin", "Mali", "Menaka", 3)
    assert (fallback.latitude, fallback.longitude) == MENAKA


def test_unknown_dual(gz: Gazetteer) -> None:
    mentions = find(gz, "قصف الجيش منطقتي تاكابارا وإيمولاتن في ولاية ميناكا", "Mali")
    unknown = [m for m in mentions if m.kind == "unknown"]
    assert [m.text for m in unknown] == ["تاكابارا", "إيمولاتن"]
    assert all(m.cue == "region" and m.candidates[0].admin1 == "Menaka" for m in unknown)
    assert [m.candidates[0].name for m in unknown] == ["Takabara", "Imolaten"]


def test_misspelt_region_after_cue_is_found_fuzzily(gz: Gazetteer) -> None:
    (m, _) = find(gz, "قتل جنديان في منطقة ماناكا شمال شرقي مالي", "Mali")
    assert m.fuzzy and m.kind == "admin1" and m.best.name == "Menaka" and m.romanized == "Manaka"


def test_unknown_two_word_name(gz: Gazetteer) -> None:
    m = by_text(find(gz, "قتل جنود في بلدة كاني ديبا بولاية موبتي"))["كاني ديبا"]
    assert m.kind == "unknown" and m.romanized == "Kani Diba"
    assert (m.best.name, m.best.admin1, m.best.geo_precision) == ("Kani Diba", "Mopti", 3)


def test_unknown_feature_keeps_its_cue_word(gz: Gazetteer) -> None:
    m = find(gz, "قصفت الطائرات مواقع في جبال علمسكاد بإقليم بونتلاند")[0]
    assert m.text == "جبال علمسكاد" and m.cue == "feature" and m.romanized == "Jabal Almaskad"


def test_foreign_village_after_cue_is_read_as_local(gz: Gazetteer) -> None:
    # GeoNames knows «قفصة» only as Gafsa (Tunisia), a country this report never names
    m = find(gz, "هاجم مسلحون قرية قفصة قرب ميناكا شمال مالي")[0]
    assert m.kind == "unknown" and m.best.country == "Mali" and m.best.admin1 == "Menaka"
    assert m.candidates[1].country == "Tunisia"


def test_country_inferred_per_paragraph(gz: Gazetteer) -> None:
    text = ("تواصلت المعارك في الخرطوم وأم درمان بين الجيش وقوات الدعم السريع.\n\n"
            "وفي نيجيريا، صد الجيش هجوما على قاعدة في بلدة مونغونو وفر السكان إلى مدينة مايدوغوري.")
    m = by_text(find(gz, text))
    assert m["مايدوغوري"].kind == "place" and m["مايدوغوري"].best.country == "Nigeria"
    assert m["الخرطوم"].best.country == "Sudan"


def test_future_prefix_is_not_a_proclitic_of_names(gz: Gazetteer) -> None:
    assert find(gz, "أغلق التجار محالهم وساروا نحو المقر") == []


def test_informal_regions_are_features(gz: Gazetteer) -> None:
    (m,) = find(gz, "غارة في إقليم كردستان العراق")
    assert m.best.name == "Kurdistan Region" and m.best.kind == "feature" and m.best.geo_precision == 3


def test_unknown_latin_village(gz: Gazetteer) -> None:
    mentions = by_text(find(gz, "Gunmen attacked the village of Kwanar Dutse near Gusau in Zamfara State.",
                            "Nigeria"))
    assert "Dutse" not in mentions  # part of the unknown village's name
    m = mentions["Kwanar Dutse"]
    assert m.kind == "unknown" and m.cue == "town"
    assert (m.candidates[0].name, m.candidates[0].admin1) == ("Kwanar Dutse", "Zamfara")
    assert mentions["Gusau"].cue == "near"


def test_french_text(gz: Gazetteer) -> None:
    mentions = find(gz, "Des hommes armés ont attaqué un camp près de Ménaka, dans la région de Tillabéri.")
    m = by_text(mentions)
    assert m["Ménaka"].cue == "near" and m["Ménaka"].best.country == "Mali"
    assert m["Tillabéri"].kind == "admin1" and m["Tillabéri"].best.country == "Niger"


def test_latin_names_need_a_capital(gz: Gazetteer) -> None:
    assert find(gz, "the gao of the menaka") == []



def test_cue_after_the_name(gz: Gazetteer) -> None:
    """English puts the cue after the name: "Harib district", "the Cal Miskaad mountains"."""
    m = by_text(find(gz, "Houthis attacked positions in Harib district, south of Marib city.", "Yemen"))
    assert m["Harib"].cues == ("in", "region") and m["Harib"].best.name == "Harib"
    assert m["Marib"].cues == ("south", "town")
    m = by_text(find(gz, "In Marib province, the army said it repelled an attack.", "Yemen"))
    assert m["Marib"].kind == "admin1"
    m = by_text(find(gz, "Fighters were killed in the Cal Miskaad mountains near Bosaso.", "Somalia"))
    cal = m["Cal Miskaad"]
    assert cal.kind == "unknown" and cal.cues == ("in", "feature")
    assert (cal.candidates[0].name, cal.candidates[0].admin1, cal.candidates[0].geo_precision) == \
        ("Cal Miskaad", "Bari", 3)
    assert by_text(find(gz, "A base was overrun in Manni, in Gnagna province.", "Burkina Faso"))["Gnagna"].kind \
        == "unknown"


@pytest.mark.parametrize("text", ["Local district officials said", "the Islamic State's Sahel province",
                                  "the Houthi-controlled district", "a Somali town", "a JNIM camp",
                                  "attacked a Fulani village", "Federal Member State"])
def test_cue_after_a_word_that_is_no_name(gz: Gazetteer, text: str) -> None:
    assert find(gz, text) == []


def test_possessive_is_no_part_of_a_name(gz: Gazetteer) -> None:
    m = find(gz, "Shells fell near Mogadishu's international airport and on Mogadishu's outskirts.", "Somalia")
    assert [x.text for x in m] == ["Mogadishu", "Mogadishu"]
    assert m[0].cues == ("near", "base") and m[1].cues == ("near",)


@pytest.mark.parametrize(("text", "name"), [
    ("à quelques kilomètres de N'Guigmi", "N'Guigmi"), ("à 30 km de Diffa", "Diffa"),
    ("about 30 kilometres from Al-Mayadin", "Al-Mayadin"), ("some 40 km outside Bosaso", "Bosaso"),
])
def test_distance_phrases_are_near_cues(gz: Gazetteer, text: str, name: str) -> None:
    m = by_text(find(gz, text, "Niger" if "N'Guigmi" in text else None))
    assert m[name].cue == "near" and m[name].kind == "place"

# ---------------------------------------------------------------- the index and its cache


def test_default_is_shared(gz: Gazetteer) -> None:
    assert Gazetteer.default() is gz


def test_data_files_have_headers_and_columns() -> None:
    files = data_files()
    for name in DATA_FILES:
        assert files[name].read_text(encoding="utf-8").startswith("#"), name
    assert {"iso2", "iso3", "iso_num", "name", "name_ar", "name_fr", "adj_ar_m", "adj_ar_f", "adj_en",
            "adj_fr", "region"} <= set(read_table(files["countries.csv"])[0])
    assert {"iso2", "admin1", "names_ar", "names_fr", "names_en_alt", "geonames_admin1_code", "capital",
            "capital_lat", "capital_lon", "source"} <= set(read_table(files["admin1.csv"])[0])
    assert {"name", "aliases_latin", "names_ar", "iso2", "admin1", "lat", "lon", "coord_source",
            "notes"} <= set(read_table(files["places.csv"])[0])


def _small_data(folder: Path) -> None:
    """A copy of the data files cut down to Mali (builds in a few seconds)."""
    src = data_files()
    for name in DATA_FILES:
        shutil.copy(src[name], folder / name)
    for name in ("countries.csv", "admin1.csv", "places.csv"):
        path = folder / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        header = next(i for i, line in enumerate(lines) if not line.startswith("#"))
        iso_col = lines[header].split(",").index("iso2")
        keep = [line for line in lines[header + 1:]
                if not line.startswith("#") and line.split(",")[iso_col] == "ML"]
        path.write_text("".join(lines[:header + 1] + keep), encoding="utf-8")


def test_cache_is_rebuilt_when_a_data_file_changes(tmp_path: Path) -> None:
    data, cache = tmp_path / "data", tmp_path / "cache"
    data.mkdir()
    _small_data(data)
    first = load_index(data, cache=cache)
    assert len(list(cache.glob("gazetteer-*.pkl"))) == 1
    again = load_index(data, cache=cache)
    assert again.fingerprint == first.fingerprint
    assert again.build_seconds == first.build_seconds  # read back from the cache, not rebuilt
    assert Gazetteer(first).lookup("تاكاباراتين", country="Mali") == [] or \
        Gazetteer(first).lookup("تاكاباراتين", country="Mali")[0].name != "Takabaratin"

    with open(data / "places.csv", "a", encoding="utf-8") as f:
        f.write("Takabaratin,,تاكاباراتين,ML,Menaka,,,,test village,,place\n")
    assert fingerprint(data) != first.fingerprint
    rebuilt = load_index(data, cache=cache)
    assert rebuilt.fingerprint != first.fingerprint
    assert len(list(cache.glob("gazetteer-*.pkl"))) == 1  # the stale index is gone
    p = Gazetteer(rebuilt).lookup("تاكاباراتين", country="Mali")[0]
    assert (p.name, p.admin1, p.geo_precision) == ("Takabaratin", "Menaka", 3)
