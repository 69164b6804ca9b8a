"""Find actor mentions in a text: one automaton for names, one for bare common nouns.

Two :class:`~marsad.lexicon.automaton.Lexicon` objects are compiled from the catalogue:

* ``names`` — every alias of a named actor, media arm and leader, and every per-country form of a
  generic actor («الجيش المالي», "Malian army"), plus the stop phrases. Forms are written as they
  stand in text; the automaton adds the proclitics («وتنظيم داعش», «لجماعة …»).
* ``bare`` — the context-dependent common nouns («الجيش», «المدنيين», «مسلحون مجهولون»), compiled
  with ``article=True`` so that «مدنيين», «المدنيين» and «للمدنيين» all match one entry.

A name always beats a bare noun it overlaps: in «قوات الجيش المالي» the mention is «الجيش المالي»
(Military Forces of Mali), not the bare «قوات الجيش». A stop phrase («القاعدة العسكرية»: a military
base, not al-Qaeda) is matched like a name, so that it hides the alias inside it, and then dropped.

Payloads are small tuples: ``("actor", id)``, ``("generic", kind, iso2)``, ``("media", id)``,
``("leader", index)``, ``("bare", kind)``, ``("stop",)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from marsad.actors.model import Actor, ActorMention, Leader, MediaArm
from marsad.actors.variants import all_variants, fast_fold
from marsad.lexicon.automaton import Lexicon, Match
from marsad.text.normalize import NormalizedText


class ActorFinder:
    """The compiled lexicons of a catalogue and the rules that turn matches into mentions."""

    def __init__(
        self,
        *,
        named: Iterable[Actor],
        generics: Iterable[tuple[str, str, Actor]],
        media: list[MediaArm],
        leaders: list[Leader],
        bare: dict[str, list[str]],
        stops: Iterable[str],
        spelling_pairs: list[tuple[str, str]],
        quotable_heads: Iterable[str],
    ) -> None:
        self.media = {m.id: m for m in media}
        self.leaders = leaders
        self._seen: set[tuple[str, str, tuple[Any, ...]]] = set()
        self._pairs = spelling_pairs
        self._heads = frozenset(fast_fold(h) for h in quotable_heads)
        self.names = Lexicon("actors")
        self.bare = Lexicon("actors-bare", article=True)
        for a in named:
            self._add(self.names, a.aliases, ("actor", a.id))
        for kind, iso2, a in generics:
            self._add(self.names, a.aliases, ("generic", kind, iso2), quotes=False)
        for m in self.media.values():
            self._add(self.names, m.aliases, ("media", m.id))
        for i, ldr in enumerate(leaders):
            self._add(self.names, ldr.aliases, ("leader", i))
        for kind, forms in bare.items():
            self._add(self.bare, forms, ("bare", kind))
        for s in stops:
            self._add(self.names, [s], ("stop",))
            self._add(self.bare, [s], ("stop",))
        self.names.build()
        self.bare.build()

    def _add(self, lex: Lexicon, aliases: Iterable[str], payload: tuple[Any, ...], quotes: bool = True) -> None:
        heads = self._heads if quotes else frozenset()
        for alias in aliases:
            for form in all_variants(alias, self._pairs, heads):
                seen = (lex.name, form, payload)
                if seen not in self._seen:
                    self._seen.add(seen)
                    lex.add(form, payload)

    # ------------------------------------------------------------ finding

    def find(self, nt: NormalizedText) -> list[ActorMention]:
        """Mentions in ``nt``, in text order; names first, then bare nouns that overlap no name."""
        chosen: list[Match] = list(self.names.finditer(nt))
        taken = [(m.start, m.end) for m in chosen]
        for m in self.bare.finditer(nt):
            m = _with_article(nt, m)
            if not any(m.start < e and s < m.end for s, e in taken):
                chosen.append(m)
        chosen.sort(key=lambda m: m.start)
        out = []
        for m in chosen:
            mention = self._mention(m)
            if mention is not None:
                out.append(mention)
        return out

    def _mention(self, m: Match) -> ActorMention | None:
        payloads = list(dict.fromkeys(m.payloads))
        kinds = {p[0] for p in payloads}
        if "stop" in kinds:
            return None
        base = {"start": m.start, "end": m.end, "text": m.text}
        if "actor" in kinds or "generic" in kinds:
            # a name may be shared by named actors and by a country's generic actor ("SNA": the
            # Syrian National Army or the Somali National Army): all are candidates, names first
            ids = [p[1] for p in payloads if p[0] == "actor"]
            gens = [p for p in payloads if p[0] == "generic"]
            ids += [f"{g[1]}:{g[2]}" for g in gens]
            cands = tuple(ids) if len(ids) > 1 else ()
            if "actor" in kinds:
                return ActorMention(**base, actor_id=ids[0], generic=None, country=None, kind="actor", candidates=cands)
            one_country = len({g[2] for g in gens}) == 1
            return ActorMention(
                **base,
                actor_id=ids[0],
                generic=gens[0][1],
                country=gens[0][2] if one_country else None,
                kind="generic",
                candidates=cands,
            )
        if "leader" in kinds:
            leaders = [self.leaders[p[1]] for p in payloads if p[0] == "leader"]
            ids = list(dict.fromkeys(ldr.actor for ldr in leaders))
            return ActorMention(
                **base,
                actor_id=ids[0],
                generic=None,
                country=None,
                kind="leader",
                person=leaders[0].name,
                candidates=tuple(ids) if len(ids) > 1 else (),
            )
        if "media" in kinds:
            media = [self.media[p[1]] for p in payloads if p[0] == "media"]
            ids = list(dict.fromkeys(md.parent for md in media))
            return ActorMention(
                **base,
                actor_id=ids[0],
                generic=None,
                country=None,
                kind="media",
                via=media[0].name,
                candidates=tuple(ids) if len(ids) > 1 else (),
            )
        kind = next(p[1] for p in payloads if p[0] == "bare")
        return ActorMention(**base, actor_id=None, generic=kind, country=None, kind="generic")


def _with_article(nt: NormalizedText, m: Match) -> Match:
    """Widen a bare noun matched after the article to include it: «المدنيين», not «مدنيين»
    (after «لل» only the article's lam is kept, as the automaton does for «للجماعة»)."""
    ns = m.norm_start
    if m.key.startswith("ال") or ns < 2:
        return m
    before = nt.text[ns - 2 : ns]
    if before == "ال":
        ns -= 2
    elif before == "لل":
        ns -= 1
    else:
        return m
    start = nt.origin[ns]
    return replace(m, start=start, text=nt.original[start : m.end], norm_start=ns)
