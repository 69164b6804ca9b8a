"""Generic jihadist names narrowed to the branch that ACLED codes.

The press writes «داعش», «تنظيم الدولة», "Islamic State" or «القاعدة» whatever the branch. ACLED codes
the branch: in Mali in 2022 «داعش» is ``Islamic State (Sahel Province)``, in Borno
``Islamic State (West Africa Province)``, in Yemen ``Islamic State (Yemen)``. The table that says so is
data (``branches`` in ``generic_actors.yaml``), one row per generic actor, countries (optionally a
few admin1 regions: Niger's Diffa is West Africa Province's ground) and years:

.. code-block:: yaml

   - {generic: islamic-state, countries: [NE], admin1: [Diffa], from: 2015, branch: iswap}
   - {generic: islamic-state, countries: [ML, BF, NE], from: 2015, branch: is-sahel}

A row with ``admin1`` wins over one without; otherwise the first matching row wins. No match (no
country, a year before any branch): the generic actor itself is coded.
"""

from __future__ import annotations

from typing import Any

from marsad.actors.model import Branch


def load_branches(rows: list[dict[str, Any]] | None) -> list[Branch]:
    """The ``branches`` section of ``generic_actors.yaml`` as :class:`Branch` rows."""
    out = []
    for r in rows or []:
        out.append(
            Branch(
                generic=str(r["generic"]),
                countries=tuple(str(c).upper() for c in r["countries"]),
                branch=str(r["branch"]),
                from_year=int(r["from"]) if r.get("from") is not None else None,
                to_year=int(r["to"]) if r.get("to") is not None else None,
                admin1=tuple(str(a) for a in r.get("admin1") or ()),
            )
        )
    return out


def find_branch(
    branches: list[Branch],
    generic_id: str,
    country: str | None,
    year: int | None,
    admin1: str | None = None,
) -> str | None:
    """The branch id for ``generic_id`` in ``country`` (and ``admin1``) in ``year``, or None."""
    rows = [b for b in branches if b.generic == generic_id and b.applies(country, year, admin1)]
    if not rows:
        return None
    rows.sort(key=lambda b: 0 if b.admin1 else 1)
    return rows[0].branch
