"""Generic actors made per country: state forces, civilians, unidentified armed groups, crowds.

ACLED codes the actors that are not named groups by their country: ``Military Forces of Mali``,
``Police Forces of Mali``, ``Civilians (Mali)``, ``Unidentified Armed Group (Mali)``,
``Protesters (Mali)``, ``Rioters (Mali)``, ``Government of Mali``. Marsad does not list these by hand:
``generic_actors.yaml`` holds one *template* per kind, and this module fills it in for every row of
``countries.csv``, so that «الجيش المالي», «القوات المسلحة المالية», «جيش مالي», "Malian army" and
"armée malienne" all come from one line each.

Placeholders in templates (all values of a multi-valued cell are used, one alias per combination):

``{country}``     the name used after "of" in canonical names (``of_names`` in the YAML, else ``{acled}``)
``{acled}``       ACLED's country name (``countries.csv`` column ``name``)
``{name}``        every English/Latin name (``name`` and ``names_en_alt``)
``{name_ar}``     Arabic names; ``{name_fr}`` French names
``{adj_ar_m}``, ``{adj_ar_f}``, ``{adj_ar_pl}``   Arabic adjectives with the article, as in
                  ``countries.csv`` («المالي», «المالية», «الماليين»)
``{adj_ar_m_bare}``, ``{adj_ar_f_bare}``, ``{adj_ar_pl_bare}``   the same without the article
                  («مالي», «ماليين»: «جنود ماليين»)
``{adj_en}``      English adjectives
``{adj_fr}``      French adjectives, every gender and number; ``{adj_fr_m}`` the masculine singular
                  forms (not ending in -e/-es), ``{adj_fr_f}`` the feminine singular
                  forms (ending in -e: «malienne», «russe»), ``{adj_fr_fpl}`` the feminine plural ones
                  (-es), ``{adj_fr_mpl}`` the masculine plural ones (-s or -x, not -es). When no form of a
                  country fits (invariable «burkinabè»), every form is used.

A template whose placeholder has no value for a country (no Arabic adjective known) yields nothing.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.actors.model import Actor
from marsad.lexicon.datafile import read_table, split_values

_PLACEHOLDER = re.compile(r"\{([a-z_0-9]+)\}")


@dataclass(frozen=True)
class Country:
    """The parts of a ``countries.csv`` row that generic actors are made of."""

    iso2: str
    acled: str
    values: dict[str, tuple[str, ...]] = field(hash=False, compare=False)


@dataclass(frozen=True)
class GenericKind:
    """A kind of generic actor: its name template, its ACLED type at home and abroad, alias templates."""

    kind: str
    name: str
    inter: int
    abroad_inter: int
    templates: tuple[str, ...]


def strip_article(phrase: str) -> str:
    """«الجنوب السوداني» → «جنوب سوداني»: the indefinite form of a definite Arabic adjective."""
    words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in phrase.split()]
    return " ".join(words)


def load_countries(path: str | Path, of_names: dict[str, str] | None = None) -> dict[str, Country]:
    """Countries by ISO alpha-2, with every placeholder value prepared."""
    of_names = of_names or {}
    out: dict[str, Country] = {}
    for row in read_table(path):
        iso2 = row.get("iso2", "").upper()
        if not iso2 or not row.get("name"):
            continue
        name = row["name"]
        vals: dict[str, tuple[str, ...]] = {
            "acled": (name,),
            "country": (of_names.get(iso2, name),),
            "name": _uniq([name, *split_values(row.get("names_en_alt"))]),
            "name_ar": tuple(split_values(row.get("name_ar"))),
            "name_fr": tuple(split_values(row.get("name_fr"))),
            "adj_en": tuple(split_values(row.get("adj_en"))),
            "adj_fr": tuple(split_values(row.get("adj_fr"))),
        }
        vals.update(_french_forms(vals["adj_fr"]))
        for col in ("adj_ar_m", "adj_ar_f", "adj_ar_pl"):
            forms = split_values(row.get(col))
            vals[col] = tuple(forms)
            vals[col + "_bare"] = _uniq(strip_article(f) for f in forms)
        out[iso2] = Country(iso2=iso2, acled=name, values=vals)
    return out


def _french_forms(forms: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Sort French adjective forms by gender and number from their endings (see the module doc)."""

    def pick(test: Callable[[str], bool]) -> tuple[str, ...]:
        return tuple(f for f in forms if test(f.lower())) or forms

    return {
        "adj_fr_m": pick(lambda f: not f.endswith(("e", "es")) or f.endswith("ès")),
        "adj_fr_f": pick(lambda f: f.endswith("e")),
        "adj_fr_fpl": pick(lambda f: f.endswith("es")),
        "adj_fr_mpl": pick(lambda f: f.endswith(("s", "x")) and not f.endswith("es")),
    }


def load_kinds(spec: dict[str, Any]) -> dict[str, GenericKind]:
    """The ``kinds`` section of ``generic_actors.yaml``."""
    kinds: dict[str, GenericKind] = {}
    for kind, k in spec.items():
        templates = [*k.get("aliases_ar", []), *k.get("aliases_en", []), *k.get("aliases_fr", [])]
        inter = int(k["inter"])
        kinds[kind] = GenericKind(
            kind=kind,
            name=k["name"],
            inter=inter,
            abroad_inter=int(k.get("abroad_inter", inter)),
            templates=tuple(templates),
        )
    return kinds


def expand(template: str, country: Country) -> list[str]:
    """Every alias a template yields for one country (none when a placeholder has no value)."""
    keys = _PLACEHOLDER.findall(template)
    if not keys:
        return [template]
    pools = []
    for key in keys:
        vals = country.values.get(key)
        if vals is None:
            raise KeyError(f"unknown placeholder {{{key}}} in generic actor template {template!r}")
        if not vals:
            return []
        pools.append(vals)
    out = []
    for combo in itertools.product(*pools):
        it = iter(combo)
        out.append(_PLACEHOLDER.sub(lambda _m, it=it: next(it), template))
    return out


def make_generic(kind: GenericKind, country: Country, extra: list[str] | None = None) -> Actor:
    """The generic actor of ``kind`` for ``country``, id ``"<kind>:<iso2>"``."""
    name = expand(kind.name, country)[0]
    aliases: list[str] = []
    for t in kind.templates:
        aliases.extend(expand(t, country))
    aliases.extend(extra or [])
    return Actor(
        id=f"{kind.kind}:{country.iso2}",
        name=name,
        inter=kind.inter,
        countries=(country.iso2,),
        parent=None,
        active_from=None,
        active_to=None,
        aliases=_uniq(aliases),
    )


def _uniq(items: Any) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for x in items:
        x = " ".join(str(x).split())
        if x and x not in seen:
            seen[x] = None
    return tuple(seen)
