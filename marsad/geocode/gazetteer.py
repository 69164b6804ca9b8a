"""The gazetteer: names (Arabic or Latin, any common spelling) → ranked :class:`~marsad.models.Place`.

Typical use::

    gz = Gazetteer.default()                   # built once, then loaded from the cache (~0.2 s)
                                               # (with the user's GeoNames layer, if imported)
    gz.lookup("أغزراغن", country="Mali")         # → [Place(name="Aghazraghen", admin1="Menaka", …)]
    gz.lookup("Tillabery")                     # spelling forgiven → Tillabéri, Niger
    gz.country("المالية").name                   # → "Mali" (adjectives work too)
    gz.admin1_place("Mali", "ميناكا")            # the region at its capital, geo_precision 3
    gz.find_places(normalize(text), country_hint="Mali")   # see marsad.geocode.find

How :meth:`Gazetteer.lookup` ranks (highest score first):

* *exactness*: an exact name (a name from Marsad's own data files 1.1: they say on purpose which place
  a spelling means; a GeoNames Arabic name or primary Latin name 1.0, a GeoNames Latin alternate
  0.95; the name without or with «ال» 0.92; without a proclitic «ب», «و»… 0.98 of that) beats a
  spelling-blind key match (0.45 + 0.45 × similarity of the fine forms, kept from similarity 0.6).
  Key matches are only tried when no exact name matched.
* the *country*: ``country=`` narrows to that country (other countries are dropped); inside
  :meth:`find_places` the hint only adds 1.0, so that a Niger town named in a Mali report is found.
* the *admin1*: +0.5 for a place in the given admin1.
* what the cue asks for (``prefer``): +0.35 for an admin1 after «ولاية/منطقة…», for a town after
  «بلدة/قرية…».
* *kind and size*: countries +0.25 (Mali the country before Mali the Guinean town), places +0.05,
  plus up to 0.2 for population (log scale).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from marsad.geocode import keys as K
from marsad.geocode.entries import CountryInfo, PlaceMention
from marsad.geocode.index import (
    USER_LAYER,
    GazetteerIndex,
    ar_core,
    ar_norm,
    lexicon_form,
    load_index,
    population_bonus,
)
from marsad.models import Place
from marsad.text.normalize import NormalizedText, is_arabic

KIND_PRIOR = {"country": 0.25, "place": 0.05, "feature": 0.05, "admin1": 0.0}
CUE_PREFERS = {"region": "admin1", "town": "place", "base": "place"}
COUNTRY_BONUS = 1.0
ADMIN1_BONUS = 0.5
PREFER_BONUS = 0.35
MIN_FUZZY_SIMILARITY = 0.6
CURATED_EXACT = 1.1  # a name from Marsad's data files (places.csv, admin1.csv, countries.csv)
_CACHE_LIMIT = 100_000

# One scored candidate: (score, place id, found by the fuzzy key, similarity or 1.0).
Scored = tuple[float, int, bool, float]


class Gazetteer:
    """Place names → places, over the embedded index (see :mod:`marsad.geocode.index`)."""

    _default: ClassVar[Gazetteer | None] = None

    def __init__(self, index: GazetteerIndex):
        self.ix = index
        self._cache: dict[tuple[str, str | None, str | None, str | None, bool], tuple[Scored, ...]] = {}

    # ------------------------------------------------------------ construction

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer of the shipped data, loaded once per process (and built once per machine)."""
        if cls._default is None:
            cls._default = cls(load_index())
        return cls._default

    @classmethod
    def reset_default(cls) -> None:
        """Forget the process's default gazetteer: the next :meth:`default` loads the index again
        (after ``marsad gazetteer import`` in the same process, or when ``$MARSAD_DATA`` changed)."""
        cls._default = None

    @classmethod
    def load(cls, data_dir: str | Path | None = None, cache_dir: str | Path | None = None,
             use_cache: bool = True, layer: str | Path | None = USER_LAYER) -> Gazetteer:
        """A gazetteer over the data files of ``data_dir`` (default: ``marsad/data``).

        ``layer``: the user's imported GeoNames layer by default (when there is one; see
        :mod:`marsad.geocode.importer`), another layer file, or None for the shipped data alone.
        """
        cache = Path(cache_dir) if cache_dir is not None else None
        return cls(load_index(data_dir, cache=cache, use_cache=use_cache, layer=layer))

    # ------------------------------------------------------------ countries

    def countries(self) -> list[CountryInfo]:
        """All countries of ``countries.csv``."""
        return list(self.ix.countries)

    def country(self, name_or_code: str) -> CountryInfo | None:
        """A country by English/French/Arabic name, ISO code (alpha-2, alpha-3, numeric) or adjective.

        «مالي», «المالي», «المالية», "Malian", "maliennes", "MLI", "466", "Mali" → Mali.
        """
        iso2 = self.iso2(name_or_code)
        if iso2 is None:
            return None
        return next(c for c in self.ix.countries if c.iso2 == iso2)

    def iso2(self, name_or_code: str | None) -> str | None:
        """The ISO alpha-2 code of a country given in any form :meth:`country` accepts, or None."""
        if not name_or_code:
            return None
        s = name_or_code.strip()
        keys = self.ix.country_keys
        if is_arabic(s):
            n = ar_norm(s)
            for form in (n, ar_core(n), "ال" + n):
                if form in keys:
                    return keys[form]
            return None
        p = K.latin_plain(s)
        if p in keys:
            return keys[p]
        if p.startswith("the ") and p[4:] in keys:
            return keys[p[4:]]
        return None

    # ------------------------------------------------------------ admin1

    def admin1_names(self, country: str) -> list[str]:
        """Marsad's admin1 names of a country (CONVENTIONS spellings)."""
        iso2 = self.iso2(country)
        return sorted({a for (c, _), a in self.ix.admin1_alias.items() if c == iso2})

    def admin1_name(self, country: str, admin1: str) -> str | None:
        """Marsad's English admin1 name for any of its names («ولاية ميناكا», "Ménaka"), or None."""
        iso2 = self.iso2(country)
        if iso2 is None or not admin1:
            return None
        alias = self.ix.admin1_alias
        stripped, _ = self._strip_cue(admin1)
        for cand in (admin1, stripped):
            if is_arabic(cand):
                n = ar_norm(cand)
                for form in (n, ar_core(n)):
                    if (iso2, form) in alias:
                        return alias[(iso2, form)]
            else:
                p = K.latin_plain(cand)
                if (iso2, p) in alias:
                    return alias[(iso2, p)]
        # a spelling variant («منطقة ماناكا»): the best admin1 of the key match
        for score in self._scored(stripped, iso2, None, "admin1", True):
            if self.ix.places.kind[score[1]] == "admin1" and score[3] >= 0.75:
                return self.ix.places.admin1[score[1]]
        return None

    def admin1_place(self, country: str, admin1: str) -> Place:
        """The admin1 as a place at its capital's coordinates, geo_precision 3.

        ``country`` and ``admin1`` may be given by any of their names. Raises ``KeyError`` when the
        country or the admin1 is not in the data.
        """
        iso2 = self.iso2(country)
        if iso2 is None:
            raise KeyError(f"unknown country: {country!r}")
        name = self.admin1_name(iso2, admin1)
        if name is None:
            raise KeyError(f"unknown admin1 of {self.ix.country_names[iso2]}: {admin1!r}")
        return self.ix.to_place(self.ix.admin1_place[(iso2, K.latin_plain(name))])

    # ------------------------------------------------------------ lookup

    def lookup(self, name: str, country: str | None = None, admin1: str | None = None,
               *, prefer: str | None = None, limit: int = 10) -> list[Place]:
        """Places called ``name`` (Arabic or Latin; spelling variants forgiven), best first.

        ``country`` (any form :meth:`country` accepts) keeps only places of that country; ``admin1``
        ranks that admin1's places first; ``prefer`` ("admin1" or "place") ranks that kind first. A
        leading cue word is understood: «ولاية ميناكา», "région de Ménaka" prefer the admin1,
        «بلدة ميناكا» the town.
        """
        iso2 = self.iso2(country) if country else None
        if country and iso2 is None:
            return []
        scored = self._scored(name, iso2, admin1, prefer, True)
        return [self.ix.to_place(pid) for _, pid, _, _ in scored[:limit]]

    def lookup_scored(self, name: str, country: str | None = None, admin1: str | None = None,
                      *, prefer: str | None = None, strict: bool = True) -> list[tuple[Place, float, bool]]:
        """Like :meth:`lookup`, with each place's score and whether it came from the fuzzy key.

        With ``strict=False`` the country only ranks (as in :meth:`find_places`).
        """
        iso2 = self.iso2(country) if country else None
        return [(self.ix.to_place(pid), score, fuzzy)
                for score, pid, fuzzy, _ in self._scored(name, iso2, admin1, prefer, strict)]

    def find_places(self, nt: NormalizedText, country_hint: str | None = None) -> list[PlaceMention]:
        """Place mentions in a normalised text; see :func:`marsad.geocode.find.find_places`."""
        from marsad.geocode.find import find_places

        return find_places(self, nt, country_hint)

    # ------------------------------------------------------------ scoring (shared with find.py)

    def _strip_cue(self, name: str) -> tuple[str, str | None]:
        """Remove leading cue words («ولاية», "région de", «قرب بلدة», «بمدينة» with its proclitic);
        return the rest and what the innermost cue prefers."""
        words = name.split()
        forms = self.ix.cue_forms
        prefer: str | None = None
        for _ in range(3):  # a chain: «في مدينة», «قرب بلدة», "près du village de"
            for n in (3, 2, 1):
                if len(words) <= n:
                    continue
                head = lexicon_form(" ".join(words[:n]))
                label = next((forms[h] for h in (head, *_without_proclitic(head)) if h in forms), None)
                if label is not None:
                    words = words[n:]
                    prefer = CUE_PREFERS.get(label[0], prefer)
                    break
            else:
                break
        return " ".join(words), prefer

    def _scored(self, name: str, iso2: str | None, admin1: str | None, prefer: str | None,
                strict: bool) -> tuple[Scored, ...]:
        """Scored candidates for a name (cached): see the module docstring for the scores."""
        ck = (name, iso2, admin1, prefer, strict)
        hit = self._cache.get(ck)
        if hit is not None:
            return hit
        full = name.strip()
        bare, cue_prefer = self._strip_cue(full)
        prefer = prefer or cue_prefer
        quality = self._exact(bare)
        if bare != full:  # a name that holds its cue word: «جبل مرة», «مخيم زمزم»
            for pid, q in self._exact(full).items():
                quality[pid] = max(q, quality.get(pid, 0.0))
        if strict and iso2:
            quality = {pid: q for pid, q in quality.items() if self.ix.places.iso2[pid] == iso2}
        if not quality and is_arabic(bare):  # a proclitic on the name itself: «بالفاشر», «وميناكا»
            for stripped in _without_proclitic(bare):
                quality = {pid: q * 0.98 for pid, q in self._exact(stripped).items()
                           if not (strict and iso2) or self.ix.places.iso2[pid] == iso2}
                if quality:
                    break
        fuzzy = not quality
        if fuzzy:
            quality = self._fuzzy(bare, iso2 if strict else None)
        out = self.rank(quality, iso2, admin1, prefer, fuzzy)
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        self._cache[ck] = out
        return out

    def rank(self, quality: dict[int, float], iso2: str | None, admin1: str | None,
             prefer: str | None, fuzzy: bool = False) -> tuple[Scored, ...]:
        """Order candidate place ids given their match quality; see the module docstring."""
        t = self.ix.places
        admin1_name = self.admin1_name(iso2, admin1) if (iso2 and admin1) else admin1
        out: list[Scored] = []
        for pid, q in quality.items():
            kind = t.kind[pid]
            s = q + KIND_PRIOR.get(kind, 0.0) + population_bonus(t.population[pid])
            # A country name keeps the country bonus in any article («النيجر» in a Nigeria report
            # is Niger), unless a region cue asks for an admin1 («ولاية النيجر»: Niger State).
            if iso2 and (t.iso2[pid] == iso2 or (kind == "country" and prefer != "admin1")):
                s += COUNTRY_BONUS
            if admin1_name and t.admin1[pid] == admin1_name:
                s += ADMIN1_BONUS
            if prefer and (kind == prefer or (prefer == "place" and kind == "feature")):
                s += PREFER_BONUS
            sim = (q - 0.45) / 0.45 if fuzzy else 1.0
            out.append((s, pid, fuzzy, sim))
        out.sort(key=lambda x: (-x[0], x[1]))
        return tuple(out)

    def _exact(self, name: str) -> dict[int, float]:
        ix = self.ix
        found: dict[int, float] = {}

        def put(pids: tuple[int, ...], q: float) -> None:
            for pid in pids:
                if found.get(pid, 0.0) < q:
                    found[pid] = q

        if is_arabic(name):
            n = ar_norm(name)
            if not n:
                return found
            for pid in ix.exact_ar.get(n, ()):
                put((pid,), CURATED_EXACT if (n, pid) in ix.curated else 1.0)
            core = ar_core(n)
            if core != n:
                put(ix.exact_ar.get(core, ()), 0.92)
            else:
                put(ix.exact_ar.get("ال" + n, ()), 0.92)
            return found
        p = K.latin_plain(name)
        if not p:
            return found
        for pid in ix.exact_lat.get(p, ()):
            if (p, pid) in ix.curated:
                put((pid,), CURATED_EXACT)
            else:
                put((pid,), 1.0 if K.latin_plain(ix.places.name[pid]) == p else 0.95)
        bare = " ".join(K.latin_words(name))
        if bare and bare != p:
            put(ix.exact_lat.get(bare, ()), 0.92)
        return found

    def _fuzzy(self, name: str, iso2: str | None) -> dict[int, float]:
        """Key matches (spelling-blind), quality 0.45 + 0.45 × fine-form similarity."""
        ix = self.ix
        qfine = K.fine_form(name)
        if not qfine:
            return {}
        found: dict[int, float] = {}
        sims: dict[str, float] = {}
        for key in K.match_keys(name):
            if len(key) < 2:
                continue
            for pid, fine in ix.by_key.get(key, ()):
                if iso2 and ix.places.iso2[pid] != iso2:
                    continue
                sim = sims.get(fine)
                if sim is None:
                    sim = sims[fine] = K.fine_similarity(qfine, fine)
                if sim < MIN_FUZZY_SIMILARITY:
                    continue
                q = 0.45 + 0.45 * sim
                if found.get(pid, 0.0) < q:
                    found[pid] = q
        return found


_PROCLITICS = ("وب", "فب", "ول", "فل", "وك", "و", "ف", "ب", "ل", "ك")


def _without_proclitic(name: str) -> list[str]:
    """An Arabic name (or cue word) without the proclitic of its first word: every reading, longest
    proclitic first.

    «بالفاشر» → [«الفاشر»], «وميناكا» → [«ميناكا»], «للفاشر» → [«الفاشر», «لفاشر»] (ل + ال writes
    «لل»), «وبمدينة» → [«مدينة», «بمدينة»], «وبلدة» → [«لدة», «بلدة»]: the caller keeps the reading
    that is a known word. The rest must keep three letters.
    """
    out: list[str] = []
    first = len(name.split(" ")[0])
    if name.startswith("لل") and first > 4:
        out.append("ال" + name[2:])
    for p in _PROCLITICS:
        if name.startswith(p) and first - len(p) >= 3:
            out.append(name[len(p):])
    return out
