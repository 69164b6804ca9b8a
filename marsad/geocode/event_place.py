"""Where an event happened: the place mentions of its passage, chosen and resolved.

The most precise place the passage names wins (a village over its region, a region over its
country). Places joined by «و» («في منطقتي أماكرا وأينيكر») are separate event locations: ACLED
codes one event per place. «قرب», «ضواحي» and the like make the location approximate
(geo_precision 2). A place the gazetteer lacks keeps its romanised name and gets the coordinates of
its region's capital (geo_precision 3).
"""

from __future__ import annotations

import math
import re
from collections import Counter

from marsad.detect.document import Document
from marsad.detect.frames import EventMention
from marsad.models import Place
from marsad.text.normalize import fold

_PLACE_KINDS = ("place", "unknown")


def place_mention(doc: Document, mention: EventMention) -> None:
    """Set ``mention.places`` (one or more place mentions), ``admin1_mention`` and ``near``."""
    found = [
        p
        for p in doc.within("places", mention.region_start, mention.end)
        if p.kind != "country" and not is_dateline(doc, p) and not _speaks(doc, p) and not _moved_to(doc, p)
    ]
    home = [p for p in found if _in_country(doc, p)]
    if home:
        found = home  # «أنقرة» in a report on Duhok names a government, not where the event was
    specific = [p for p in found if p.kind in _PLACE_KINDS]
    regions = [p for p in found if p.kind == "admin1"]
    # "near Tarmiyah, north of Baghdad": in Latin script a fuzzy match is a spelling variant ("At
    # Tarmiyah"), not a guess, and the landmark after it is no alternative
    candidates = specific if doc.language == "ar" else _without_landmarks(doc, specific)
    exact = [p for p in candidates if not getattr(p, "fuzzy", False) and p.kind == "place"]
    if specific and getattr(specific[0], "fuzzy", False) and exact:
        # «في مديرية حودن بالعاصمة مقديشو»: a look-alike guess yields to a place named exactly
        specific = exact
        mention.near = True
    specific = _without_landmarks(doc, specific)
    if len(specific) > 1 and not _coordinated(doc, specific[0], specific[1]):
        # the place nearest after the event word, among those not isolated from the article's others
        anchor = (mention.main_triggers or mention.triggers)[0].start
        coherent = [p for p in specific if _coherence(doc, p) > 0] or specific
        specific = sorted(coherent, key=lambda p: (p.start < anchor, abs(p.start - anchor)))
    if specific:
        group = [specific[0]]
        for p in specific[1:]:
            if _coordinated(doc, group[-1], p):
                group.append(p)
            else:
                break
        if len(group) > 1 and _between(doc, group[0]):
            # «الطريق بين مدينتي غاو وأنسونغو»: one event on the road — at the place it is said to be near
            # («على بعد كيلومترات من بلدة ماتياكوالي»), else at the place the article names most
            landmark = [
                p for p in specific if p not in group and doc.within("place_descriptors", max(0, p.start - 30), p.start)
            ]
            group = landmark[:1] or [max(group, key=lambda p: (_times_named(doc, p), -p.start))]
        mention.places = group
    elif regions:
        mention.places = [regions[0]]
    mention.admin1_mention = regions[0] if regions else None
    if mention.places:
        first = mention.places[0]
        near = doc.within("near_markers", max(mention.region_start, first.start - 25), first.start)
        directional = first.cue in ("near", "west", "east", "north", "south") if first.cue else False
        if directional and first.cue != "near" and doc.language != "ar" and not _direction_of(doc, first.start):
            directional = False  # "the northern city of Kano" is in Kano, "north of Kano" is near it
        mention.near = bool(near) or directional


# «نيامي – », «باماكو (وكالات) –», "NIAMEY, Feb 13 (Sahel Wire) -", "BOSASO, 12 January 2025 -"
def _direction_of(doc: Document, pos: int) -> bool:
    """"north of Kano", « au nord de Kano »: a bearing from the place (``bearings`` cues), not a part
    of it; at most an article stands between."""
    for b in doc.within("bearings", max(0, pos - 30), pos):
        gap = fold(doc.text[b.end : pos]).split()
        if len(gap) <= 1 and all(w in doc.cue_words("definite_articles") for w in gap):
            return True
    return False


_DATELINE_TAIL = re.compile(r"^\s*(,\s*[\w .]{1,24}?)?\s*(\([^)]{0,30}\))?\s*[-–—:/]")


def is_dateline(doc: Document, pm) -> bool:
    """«نيامي – أعلنت …», «باماكو (وكالات) –»: the place the report was filed from, not an event's."""
    para_start = doc.paragraphs[doc.paragraph_of(pm.start)][0]
    if doc.text[para_start : pm.start].strip(" \t\"'«»“”"):
        return False
    return bool(_DATELINE_TAIL.match(doc.text[pm.end : pm.end + 40]))


def _moved_to(doc: Document, pm) -> bool:
    """«نُقل الجرحى إلى واغادوغو»: a destination or an origin, not the event's place."""
    for m in doc.within("movement_markers", max(0, pm.start - 22), pm.start):
        gap = fold(doc.text[m.end : pm.start]).split()
        if len(gap) <= 2:
            return True
    return False


def _without_landmarks(doc: Document, places: list) -> list:
    """Drop a place that only locates the one named just before it («في إنيكار، الواقعة شرقي مدينة ميناكا»)."""
    out = []
    for p in places:
        prev = out[-1] if out else None
        if (
            prev is not None
            and 0 <= p.start - prev.end < 50
            and doc.within("place_descriptors", prev.end, p.start)
            and not _coordinated(doc, prev, p)
        ):
            continue
        out.append(p)
    return out


def _speaks(doc: Document, pm) -> bool:
    """«أنقرة تعلن …», «واشنطن قالت …»: a capital standing for its government."""
    for cue in doc.within("attribution", pm.end, pm.end + 8):
        if (
            cue.payload in ("say", "claim", "deny", "admit")
            and not re.search(r"[,،.:;؛]", doc.text[pm.end : cue.start])
            and fold(cue.text) not in _PREPOSITIONAL_CUES
        ):
            return True
    return False


_PREPOSITIONAL_CUES = {fold(w) for w in ("بحسب", "حسب", "وفق", "وفقا", "نقلا عن")}


def _in_country(doc: Document, pm) -> bool:
    if not doc.country or not pm.candidates:
        return True
    c = pm.candidates[0]
    return (c.iso2 or _iso(doc, c.country)) == doc.country


def _coherence(doc: Document, pm) -> int:
    """How many of the article's place mentions lie within 50 km of this one's best candidate: a look-alike
    guess far from everything else the report names loses to a place among them."""
    if not pm.candidates or pm.candidates[0].latitude is None:
        return 0
    c = pm.candidates[0]
    n = 0
    for other in doc.places:
        if other is pm or not other.candidates or other.kind == "country":
            continue
        o = other.candidates[0]
        if o.latitude is not None and _km(c.latitude, c.longitude, o.latitude, o.longitude) <= 50:
            n += 1
    return n


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(a))


def _between(doc: Document, pm) -> bool:
    before = doc.words_before(pm.start, 2)
    return "بين" in before.split() or any(w.startswith(("بين", "الرابط", "الواصل")) for w in before.split())


def _times_named(doc: Document, pm) -> int:
    key = pm.candidates[0].name if pm.candidates else pm.text
    return sum(1 for p in doc.places if (p.candidates[0].name if p.candidates else p.text) == key)


def _coordinated(doc: Document, a, b) -> bool:
    between = fold(doc.text[a.end : b.start]).strip(" \"'")
    return between in ("و", ", و", ",و", "او") or (between.endswith("و") and len(between) <= 3)


def resolve_place(doc: Document, pm, admin1_hint=None) -> Place | None:
    """The Place for a place mention, preferring the article's country; unknown names fall back to
    their region's capital."""
    cands = list(pm.candidates)
    if doc.country:
        in_country = [c for c in cands if c.iso2 == doc.country or _iso(doc, c.country) == doc.country]
        cands = in_country or cands
    if cands:
        return cands[0]
    admin1 = None
    if admin1_hint is not None and admin1_hint.candidates:
        admin1 = admin1_hint.candidates[0]
    elif (main := main_admin1(doc)) is not None:
        admin1 = main
    if admin1 is None:
        return None
    return Place(
        name=pm.romanized or pm.text,
        country=admin1.country,
        admin1=admin1.admin1,
        latitude=admin1.latitude,
        longitude=admin1.longitude,
        geo_precision=3,
        kind="unknown",
        iso2=admin1.iso2,
        source="admin1 capital (place not in gazetteer)",
    )


def main_admin1(doc: Document) -> Place | None:
    """The region the article is mostly about (as a Place at its capital), if any."""
    votes: Counter[tuple[str, str]] = Counter()
    for p in doc.places:
        if not p.candidates or p.kind == "country":
            continue
        c = p.candidates[0]
        if doc.country and c.iso2 and c.iso2 != doc.country:
            continue
        if c.admin1:
            votes[(c.country, c.admin1)] += 2 if p.kind == "admin1" else 1
    if not votes:
        return None
    country, admin1 = votes.most_common(1)[0][0]
    return doc.gazetteer.admin1_place(country, admin1)


def _iso(doc: Document, country: str) -> str | None:
    info = doc.gazetteer.country(country)
    return info.iso2 if info else None
