"""Actor catalogue: canonical actors, aliases, media arms, leaders, generic actors per country.

The public API:

* :class:`ActorCatalogue` — ``default()``, ``get``, ``by_name``, ``find_actors``, ``resolve``,
  ``generic``;
* :class:`Actor` — a codable actor (canonical ACLED-style name, ``inter``, countries, years);
* :class:`ActorMention` — where a text names an actor, and how (by name, media arm, leader or a
  common noun).

The knowledge is in ``marsad/data``: ``actors.csv``, ``media_arms.csv``, ``leaders.csv``,
``generic_actors.yaml`` (with ``countries.csv``). See :mod:`marsad.actors.catalogue`.
"""

from marsad.actors.catalogue import ActorCatalogue
from marsad.actors.model import GENERIC_KINDS, Actor, ActorMention, Branch, Leader, MediaArm

__all__ = ["GENERIC_KINDS", "Actor", "ActorCatalogue", "ActorMention", "Branch", "Leader", "MediaArm"]
