"""The actor catalogue: who can be coded, under which name, and how a mention becomes an actor.

Typical use::

    from marsad.actors import ActorCatalogue
    from marsad.text.normalize import normalize

    cat = ActorCatalogue.default()
    for m in cat.find_actors(normalize(text)):
        actor = cat.resolve(m, country="ML", year=2022)   # → Actor(name=..., inter=...)

What ``resolve`` does, in order:

1. a bare common noun («الجيش», «المدنيين») takes the article's country: ``military`` in ``ML`` is
   ``Military Forces of Mali``;
2. words shared by several actors (``mention.candidates``) are settled by country, then year;
3. a generic jihadist name («داعش», «القاعدة») is narrowed to its branch by the branch table
   (:mod:`marsad.actors.branches`);
4. a state's forces acting outside their country are ``External/Other forces``: «الجيش الفرنسي» in
   a Malian article is ``Military Forces of France`` with ``inter`` 8.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path

from marsad.actors.branches import find_branch, load_branches
from marsad.actors.find import ActorFinder
from marsad.actors.generic import Country, GenericKind, load_countries, load_kinds, make_generic
from marsad.actors.loading import CatalogueData, read_data
from marsad.actors.model import GENERIC_KINDS, Actor, ActorMention, Branch, Leader, MediaArm
from marsad.actors.variants import fast_fold
from marsad.text.normalize import NormalizedText, normalize


class ActorCatalogue:
    """Named actors, media arms, leaders and per-country generic actors, with the matcher over them."""

    def __init__(self, data: CatalogueData) -> None:
        g = data.generic
        self._notes = data.notes
        self._kinds: dict[str, GenericKind] = load_kinds(g.get("kinds") or {})
        self.branches: list[Branch] = load_branches(g.get("branches"))
        self._countries: dict[str, Country] = (
            load_countries(data.countries_path, g.get("of_names") or {}) if data.countries_path else {}
        )
        self._actors: dict[str, Actor] = {}
        for a in data.actors:
            if a.id in self._actors:
                raise ValueError(f"actors.csv: duplicate id {a.id!r}")
            if ":" in a.id:
                raise ValueError(f"actors.csv: id {a.id!r} may not contain ':' (kept for generic ids)")
            self._actors[a.id] = a
        self.media_arms: tuple[MediaArm, ...] = tuple(data.media)
        self.leaders: tuple[Leader, ...] = tuple(data.leaders)

        extra: dict[str, list[str]] = {}
        for row in g.get("extra") or []:
            key = f"{row['kind']}:{str(row['country']).upper()}"
            for col in ("aliases_ar", "aliases_en", "aliases_fr"):
                extra.setdefault(key, []).extend(row.get(col) or [])
        self._generic: dict[str, Actor] = {}
        for iso2, c in self._countries.items():
            for kind, k in self._kinds.items():
                a = make_generic(k, c, extra.get(f"{kind}:{iso2}"))
                self._generic[a.id] = a
        self._check()

        bare: dict[str, list[str]] = {}
        for kind, spec in (g.get("bare") or {}).items():
            for col in ("aliases_ar", "aliases_en", "aliases_fr"):
                bare.setdefault(kind, []).extend(spec.get(col) or [])
        self._finder = ActorFinder(
            named=self._actors.values(),
            generics=[(a.id.split(":")[0], a.countries[0], a) for a in self._generic.values()],
            media=list(self.media_arms),
            leaders=list(self.leaders),
            bare=bare,
            stops=g.get("not_actors") or [],
            spelling_pairs=[(str(a), str(b)) for a, b in g.get("spelling_variants") or []],
            quotable_heads=g.get("quotable_heads") or [],
        )
        # folded name → id, for by_name(); built on first use (start-up time matters more)
        self._by_name: dict[str, str] | None = None

    # ------------------------------------------------------------ construction

    @classmethod
    def load(cls, data_dir: str | Path | None = None, countries: str | Path | None = None) -> ActorCatalogue:
        """A catalogue read from ``data_dir`` (default ``marsad/data``); ``countries`` overrides the
        path of ``countries.csv``."""
        return cls(read_data(data_dir, countries))

    @classmethod
    def default(cls) -> ActorCatalogue:
        """The catalogue of the shipped data, built once per process."""
        return _default()

    # ------------------------------------------------------------ lookup

    @property
    def actors(self) -> tuple[Actor, ...]:
        """The named actors of ``actors.csv`` (generic ones: :meth:`generic_actors`)."""
        return tuple(self._actors.values())

    def generic_actors(self) -> tuple[Actor, ...]:
        """Every per-country generic actor (``military:ML``, ``civilians:SD``, …)."""
        return tuple(self._generic.values())

    @property
    def countries(self) -> tuple[str, ...]:
        """ISO alpha-2 codes that have generic actors."""
        return tuple(self._countries)

    def get(self, actor_id: str) -> Actor:
        """The actor with this id: a catalogue id (``"jnim"``) or a generic one (``"military:ML"``)."""
        a = self._actors.get(actor_id) or self._generic.get(actor_id)
        if a is None:
            raise KeyError(f"no actor {actor_id!r} in the catalogue")
        return a

    def notes(self, actor_id: str) -> str:
        """The ``notes`` cell of a named actor ('' when none)."""
        return self._notes.get(actor_id, "")

    def by_name(self, name: str) -> Actor | None:
        """The actor whose canonical name or alias is ``name`` (any script, folded), or None.

        Bare common nouns («الجيش») name no actor by themselves and give None.
        """
        if self._by_name is None:
            self._by_name = {}
            for a in [*self._actors.values(), *self._generic.values()]:
                for form in (a.name, *a.aliases):
                    self._by_name.setdefault(_key(form), a.id)
        aid = self._by_name.get(_key(name))
        return self.get(aid) if aid else None

    def generic(self, kind: str, country_iso2: str) -> Actor:
        """The generic actor of ``kind`` for a country: ``("civilians", "ML")`` → ``Civilians (Mali)``."""
        if kind not in self._kinds:
            raise KeyError(f"unknown generic kind {kind!r} (known: {', '.join(GENERIC_KINDS)})")
        a = self._generic.get(f"{kind}:{country_iso2.upper()}")
        if a is None:
            raise KeyError(f"country {country_iso2!r} is not in countries.csv")
        return a

    def unbound(self, kind: str) -> Actor:
        """The generic actor of ``kind`` with no country: ``"Civilians"``, ``"Military Forces"``.

        What a bare «المدنيين» resolves to when the article's country is unknown: the name has no
        country, ``countries`` is empty and the id is the kind itself (``"civilians"``).
        """
        k = self._kinds.get(kind)
        if k is None:
            raise KeyError(f"unknown generic kind {kind!r} (known: {', '.join(GENERIC_KINDS)})")
        name = re.sub(r"\s*(\bof\s+)?\(?\{[a-z_]+\}\)?", "", k.name).strip()
        return Actor(kind, name, k.inter, (), None, None, None, ())

    def generic_kind(self, actor_id: str) -> str | None:
        """``"military"`` for ``"military:ML"``; None for a named actor."""
        kind, sep, _ = actor_id.partition(":")
        return kind if sep and kind in self._kinds else None

    # ------------------------------------------------------------ text

    def find_actors(self, nt: NormalizedText | str) -> list[ActorMention]:
        """Every actor mention in a text, in order, with offsets into the original text."""
        if isinstance(nt, str):
            nt = normalize(nt)
        return self._finder.find(nt)

    def resolve(
        self,
        mention: ActorMention,
        country: str | None,
        year: int | None,
        admin1: str | None = None,
    ) -> Actor:
        """The actor to code for ``mention`` in an event in ``country`` (ISO alpha-2) and ``year``.

        ``admin1`` (optional) refines the branch table (Niger's Diffa → West Africa Province).
        A bare noun with no known country (or a country missing from ``countries.csv``) gives the
        kind's country-less actor (:meth:`unbound`), which a record should not carry as it is.
        """
        country = country.upper() if country else None
        if mention.actor_id is None:
            if mention.generic is None:
                raise ValueError(f"mention {mention.text!r} names no actor")
            iso = mention.country or country
            key = f"{mention.generic}:{iso}"
            if iso is None or key not in self._generic:
                return self.unbound(mention.generic)
            actor = self._generic[key]
        else:
            ids = mention.candidates or (mention.actor_id,)
            actor = self.get(self._choose(ids, country, year))
        branch = find_branch(self.branches, actor.id, country, year, admin1)
        if branch is not None:
            actor = self.get(branch)
        return self.placed(actor, country)

    def branch(self, actor_id: str, country: str | None, year: int | None, admin1: str | None = None) -> Actor:
        """The branch a generic actor («islamic-state», «al-qaeda») stands for; itself when none."""
        b = find_branch(self.branches, actor_id, country, year, admin1)
        return self.get(b or actor_id)

    def placed(self, actor: Actor, country: str | None) -> Actor:
        """``actor`` as coded in an event in ``country``: a state's generic actor abroad takes the
        kind's ``abroad_inter`` (8 for military and police forces)."""
        kind = self.generic_kind(actor.id)
        if kind is None or country is None or country in actor.countries:
            return actor
        inter = self._kinds[kind].abroad_inter
        return actor if inter == actor.inter else replace(actor, inter=inter)

    # ------------------------------------------------------------ internals

    def _choose(self, ids: tuple[str, ...], country: str | None, year: int | None) -> str:
        """Of actors sharing words, the one that operates in ``country`` (first) and was active in
        ``year`` (second); ties keep data order."""

        def score(aid: str) -> int:
            a = self.get(aid)
            s = 0
            if country is not None and country in a.countries:
                s += 4
            elif a.operates_in(country):
                s += 2
            if a.active_in(year):
                s += 1
            return s

        if len(ids) == 1:
            return ids[0]
        return max(ids, key=lambda aid: (score(aid), -ids.index(aid)))

    def _known(self, actor_id: str) -> bool:
        if actor_id in self._actors or actor_id in self._generic:
            return True
        # without countries.csv, generic ids cannot be checked
        return not self._countries and self.generic_kind(actor_id) is not None

    def _check(self) -> None:
        """Every reference between the files points at an actor; fail loudly at load time."""
        problems = []
        for a in self._actors.values():
            if a.parent and not self._known(a.parent):
                problems.append(f"actors.csv: {a.id}: unknown parent {a.parent!r}")
        for m in self.media_arms:
            if not self._known(m.parent):
                problems.append(f"media_arms.csv: {m.id}: unknown parent {m.parent!r}")
        for ldr in self.leaders:
            if not self._known(ldr.actor):
                problems.append(f"leaders.csv: {ldr.name}: unknown actor {ldr.actor!r}")
        for b in self.branches:
            for aid in (b.generic, b.branch):
                if aid not in self._actors:
                    problems.append(f"generic_actors.yaml branches: unknown actor {aid!r}")
        if problems:
            raise ValueError("actor catalogue data is inconsistent:\n  " + "\n  ".join(problems))


def _key(name: str) -> str:
    return " ".join(fast_fold(name).split())


@cache
def _default() -> ActorCatalogue:
    return ActorCatalogue.load()
