"""The records of the actor catalogue: actors, media arms, leaders, branches and mentions.

An :class:`Actor` is what a record codes (ACLED's ``actor1``/``actor2``): a canonical English name
in ACLED style and an ACLED actor type (``inter``, 1–8). Actors come from two places:

* named actors of ``marsad/data/actors.csv`` (JNIM, Al Shabaab, Wagner Group, …), with ids such as
  ``"jnim"``;
* *generic* actors made per country from ``marsad/data/generic_actors.yaml`` and ``countries.csv``
  (``Military Forces of Mali``, ``Civilians (Mali)``, …), with ids ``"<kind>:<iso2>"`` such as
  ``"military:ML"``.

An :class:`ActorMention` is one place in a text where an actor is named, directly («جماعة نصرة
الإسلام والمسلمين»), through its media arm («وكالة أعماق»), through a leader («إياد أغ غالي»), or by
a common noun whose country comes from the article («الجيش», «المدنيين»). Turning a mention into the
actor to code is :meth:`marsad.actors.catalogue.ActorCatalogue.resolve`.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.models import ActorRef

#: Kinds of generic actors, in the order of ``generic_actors.yaml``.
GENERIC_KINDS: tuple[str, ...] = (
    "military",
    "police",
    "civilians",
    "uag",
    "protesters",
    "rioters",
    "government",
)


@dataclass(frozen=True)
class Actor:
    """One codable actor.

    ``countries`` are the ISO alpha-2 codes of the countries the actor operates in (empty: anywhere);
    ``active_from``/``active_to`` the years it existed under this name (``None``: open). Both are used
    to tell apart actors that share an alias («النصرة» is JNIM in Mali, Jabhat al-Nusra in Syria).
    ``aliases`` are the forms written in the data (all scripts), without generated spelling variants.
    """

    id: str
    name: str
    inter: int
    countries: tuple[str, ...]
    parent: str | None
    active_from: int | None
    active_to: int | None
    aliases: tuple[str, ...]

    def operates_in(self, country: str | None) -> bool:
        """True when the actor may act in ``country`` (always, for an actor without countries)."""
        return country is None or not self.countries or country in self.countries

    def active_in(self, year: int | None) -> bool:
        """True when the actor existed (under this name) in ``year``; unknown years pass."""
        return active_in(year, self.active_from, self.active_to)

    def ref(self, country: str | None = None) -> ActorRef:
        """The actor as records carry it (:class:`marsad.models.ActorRef`)."""
        if country is None and len(self.countries) == 1:
            country = self.countries[0]
        return ActorRef(name=self.name, inter=self.inter, country=country, actor_id=self.id)


def active_in(year: int | None, active_from: int | None, active_to: int | None) -> bool:
    """True when ``year`` lies within the active years (unknown years and open ends pass)."""
    if year is None:
        return True
    if active_from is not None and year < active_from:
        return False
    return not (active_to is not None and year > active_to)


@dataclass(frozen=True)
class MediaArm:
    """A group's media arm (``kind="media_arm"``: Amaq, Az-Zallaqa) or an outlet it runs or that is
    aligned with it (``kind="outlet"``: al-Masirah, Hawar). A statement «via» it is the parent's."""

    id: str
    name: str
    parent: str
    kind: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Leader:
    """A leader, commander, founder or spokesman; naming them names their group (``actor``)."""

    name: str
    actor: str
    role: str
    aliases: tuple[str, ...]
    active_from: int | None
    active_to: int | None

    def active_in(self, year: int | None) -> bool:
        return active_in(year, self.active_from, self.active_to)


@dataclass(frozen=True)
class Branch:
    """One row of the branch table: the generic actor ``generic`` («داعش», «القاعدة») in one of
    ``countries`` (optionally only in ``admin1``), between ``from_year`` and ``to_year``, is coded as
    ``branch``."""

    generic: str
    countries: tuple[str, ...]
    branch: str
    from_year: int | None = None
    to_year: int | None = None
    admin1: tuple[str, ...] = ()

    def applies(self, country: str | None, year: int | None, admin1: str | None) -> bool:
        if country is None or country not in self.countries:
            return False
        if year is not None:
            if self.from_year is not None and year < self.from_year:
                return False
            if self.to_year is not None and year > self.to_year:
                return False
        if self.admin1:
            return admin1 is not None and admin1.casefold() in {a.casefold() for a in self.admin1}
        return True


@dataclass(frozen=True)
class ActorMention:
    """An actor named in a text; offsets are into the ORIGINAL text.

    ``kind``:

    * ``"actor"`` — a catalogue actor is named; ``actor_id`` is it (a generic such as
      ``"islamic-state"`` is narrowed to its branch by ``resolve``);
    * ``"media"`` — a media arm or outlet is named; ``actor_id`` is its parent, ``via`` its name;
    * ``"leader"`` — a leader is named; ``actor_id`` is the leader's group, ``person`` the leader;
    * ``"generic"`` — a state, civilian or unidentified actor: ``generic`` is its kind
      (``"military"``, ``"civilians"``, …) and ``country`` the country the words name («الجيش المالي»
      → ``"ML"``, ``actor_id="military:ML"``); a bare «الجيش» has no country and no ``actor_id``:
      the article's country completes it.

    ``candidates`` lists every actor the words may mean when they are shared («النصرة»: JNIM or Jabhat
    al-Nusra; «قوات الاتحاد الأفريقي»: AMISOM, ATMIS or AUSSOM); ``actor_id`` is then the first, and
    ``resolve`` chooses by country and year. Empty when the words mean one actor.
    """

    start: int
    end: int
    text: str
    actor_id: str | None
    generic: str | None
    country: str | None
    kind: str
    via: str | None = None
    person: str | None = None
    candidates: tuple[str, ...] = ()
