"""From event mentions to event records: one event per actor pair, place and day.

An article tells one event several times — in its lead, in a caption, in each side's statement —
and tells several events in one sentence. Mentions are read in text order and gathered into
:class:`EventCluster` s:

- a mention naming a place joins the last cluster with the same actors at the same place whose
  date does not contradict its own; a mention naming only a region may join a cluster inside that
  region;
- a mention that names neither place nor date («أقرت الجماعة بمقتل 30 من مقاتليها في الاشتباكات مع
  داعش») *floats*: it joins the most recent cluster of the same actors — the one the text is
  talking about;
- what stays apart becomes its own event, if it has an actor and a place at least at region level
  (ACLED records no country-level events).

Each cluster then becomes an :class:`~marsad.models.EventRecord`: its type is the strongest class
of its mentions (higher types absorb lower ones), its fatalities come from its claims
(:mod:`marsad.records.fatalities`), and every field keeps the spans it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from marsad.dates import ResolvedDate
from marsad.detect.document import Document
from marsad.detect.frames import EventMention, family
from marsad.detect.triggers import event_classes
from marsad.geocode.event_place import main_admin1, resolve_place
from marsad.models import ActorRef, Claim, EventRecord, Place, Span
from marsad.records.fatalities import code_fatalities
from marsad.records.notes import write_notes


@dataclass
class Located:
    """A mention at one of its places (a mention naming two villages is two of these)."""

    mention: EventMention
    place: Place | None
    place_span: Span | None
    share: int = 0
    parts: int = 1

    @property
    def place_level(self) -> int:
        """2: a named place, 1: a region, 0: nothing below the country."""
        if self.place is None:
            return 0
        return 1 if self.place.kind == "admin1" else 2


@dataclass
class EventCluster:
    items: list[Located] = field(default_factory=list)
    place: Place | None = None
    place_span: Span | None = None
    date: ResolvedDate | None = None
    statement_date: ResolvedDate | None = None
    actors: set[str] = field(default_factory=set)
    last_index: int = 0

    @property
    def place_level(self) -> int:
        if self.place is None:
            return 0
        return 1 if self.place.kind == "admin1" else 2

    def add(self, loc: Located) -> None:
        m = loc.mention
        self.items.append(loc)
        self.last_index = max(self.last_index, m.index)
        self.actors |= _actor_keys(m)
        if loc.place is not None and loc.place_level > self.place_level:
            self.place, self.place_span = loc.place, loc.place_span
        if self.date is None and m.date is not None:
            self.date = m.date
        if self.statement_date is None and m.statement_date is not None:
            self.statement_date = m.statement_date


# Kinds of event that never merge with another kind: a protest, an arrest, a handover of territory.
_SEPARATE = {"Protests", "Riots", "Strategic developments"}


def _families(m: EventMention) -> set[str]:
    return {family(t.cls) for t in m.main_triggers}


def _families_fit(cluster: EventCluster, m: EventMention) -> bool:
    mine = _families(m)
    if not mine:
        return True
    theirs = set().union(*(_families(loc.mention) for loc in cluster.items))
    if not theirs:
        return True
    return bool(mine & theirs) or not ((mine | theirs) & _SEPARATE)


def _tolls(m: EventMention) -> bool:
    """Whether the mention gives a casualty figure ("no one was killed" is a figure, but no toll)."""
    return any(f.value > 0 for f in m.figures)


def _actor_keys(m: EventMention) -> set[str]:
    return {a.name for a in (m.actor1, m.actor2) if a is not None}


def _same_place(a: Place, b: Place) -> bool:
    return a.name == b.name and a.country == b.country


def _place_fits(cluster: EventCluster, loc: Located) -> bool:
    if loc.place is None or cluster.place is None:
        return True
    if _same_place(cluster.place, loc.place):
        return True
    # a region-only mention fits a cluster inside that region (not the other way round)
    return (
        loc.place_level == 1 and cluster.place.admin1 == loc.place.admin1 and cluster.place.country == loc.place.country
    )


def _date_fits(cluster: EventCluster, m: EventMention) -> bool:
    if m.date is not None and cluster.date is not None:
        if not m.main_triggers:
            # a toll or a burial told with its own day («دفن الجثث يومي الجمعة والسبت») follows the event
            return 0 <= (m.date.date - cluster.date.date).days <= 3
        return m.date.date == cluster.date.date
    if m.date is None and m.statement_date is not None and cluster.date is not None:
        return m.statement_date.date >= cluster.date.date
    if m.date is not None and cluster.date is None and cluster.statement_date is not None:
        return m.date.date <= cluster.statement_date.date
    return True


UNIDENTIFIED = "Unidentified Armed Group"


def _named(keys: set[str]) -> set[str]:
    """Actor keys without unidentified groups: «مسلحون» may be the group another report names."""
    return {k for k in keys if not k.startswith(UNIDENTIFIED)}


def _actors_fit(cluster: EventCluster, keys: set[str]) -> bool:
    if not keys or not cluster.actors:
        return True
    a, b = _named(keys), _named(cluster.actors)
    if not a or not b:
        return bool(keys & cluster.actors) or not a or not b
    return a <= b or b <= a


def _pursuit_of_attackers(cluster: EventCluster, keys: set[str]) -> bool:
    return _civilian_side(cluster.actors) and not _civilian_side(keys) and any(_state(k) for k in keys - cluster.actors)


def _pursued(clusters: list[EventCluster], loc: Located, keys: set[str]) -> EventCluster | None:
    """The attack on civilians told just before a state force's clash that names no place or day."""
    m = loc.mention
    if not _tolls(m) or not any(_state(k) for k in keys):
        return None
    before = [c for c in clusters if c.last_index < m.index and c.place is not None and c.date is not None]
    if not before or not _pursuit_of_attackers(before[-1], keys) or m.index - before[-1].last_index > 3:
        return None
    # the pursued are the attackers of the villagers (or unnamed), not another force
    pursued = {k for k in keys if not _state(k)}
    home_forces = all(k.endswith(before[-1].place.country) for k in keys if _state(k))
    if home_forces and all(k in before[-1].actors or k.startswith(UNIDENTIFIED) for k in pursued):
        return before[-1]
    return None


def _civilian_side(keys: set[str]) -> bool:
    return any(k.startswith("Civilians") for k in keys)


def _state(key: str) -> bool:
    return key.startswith(("Military Forces of", "Police Forces of"))


def locate(doc: Document, mention: EventMention) -> list[Located]:
    """One :class:`Located` per place of the mention (or one without a place)."""
    if not mention.places:
        return [Located(mention, None, None)]
    out = []
    parts = len(mention.places)
    for i, pm in enumerate(mention.places):
        place = resolve_place(doc, pm, mention.admin1_mention)
        if place is not None and mention.near and place.kind != "admin1":
            place = Place(**{**place.__dict__, "geo_precision": max(place.geo_precision, 2)})
        out.append(Located(mention, place, Span(pm.start, pm.end, pm.text), i, parts))
    return out


def cluster_mentions(doc: Document, mentions: list[EventMention]) -> list[EventCluster]:
    """Gather mentions into clusters (see the module docstring).

    The headline is read last: it restates the article's main event and should join it, not stand
    beside it. A mention whose trigger is definite and that names no place («لم يتبنّ أي طرف
    الهجومين») refers back to an event already told, so it only ever joins one.
    """
    title = title_paragraph(doc)
    clusters: list[EventCluster] = []
    deferred: list[Located] = []
    body = [m for m in mentions if m.paragraph != title]
    headline = [m for m in mentions if m.paragraph == title]
    home: dict[int, EventCluster] = {}
    for m in body:
        if m.blocked:
            continue
        keys = _actor_keys(m)
        if not keys and not _tolls(m) and not (m.places and m.date is not None):
            continue
        if m.continues is not None and id(m.continues) in home and m.date == m.continues.date:
            # a later clause of the same sentence, at the same place and day: the same event
            for loc in locate(doc, m):
                home[id(m.continues)].add(loc)
            continue
        for loc in locate(doc, m):
            target = _best_cluster(clusters, loc, keys, doc=doc)
            if target is not None:
                home.setdefault(id(m), target)
            if target is not None:
                target.add(loc)
            elif loc.place_level > 0 or (m.date is not None and keys and not refers_back(doc, m)):
                c = EventCluster()
                c.add(loc)
                clusters.append(c)
                home.setdefault(id(m), c)
            else:
                deferred.append(loc)
    body_has_figures = any(_tolls(m) for m in body)
    for m in headline:
        if m.blocked or not (_actor_keys(m) or _tolls(m)):
            continue
        if body_has_figures:
            # the body gives the tolls with their sources; a headline restates them, often summed
            m.figures, m.claims = [], []
        deferred.extend(locate(doc, m))
    for loc in deferred:
        keys = _actor_keys(loc.mention)
        target = _best_cluster(clusters, loc, keys, anywhere=True, doc=doc)
        if target is not None:
            target.add(loc)
        elif (context := _pursued(clusters, loc, keys)) is not None:
            # « Alertée, une unité de l'armée a pris les assaillants en chasse … sept terroristes
            # neutralisés »: the army's pursuit after an attack on villagers, there and that day
            c = EventCluster(place=context.place, place_span=context.place_span, date=context.date)
            c.add(loc)
            clusters.append(c)
        elif loc.mention.paragraph == title and loc.place_level > 0 and keys:
            c = EventCluster()
            c.add(loc)
            clusters.append(c)
    return _fold_tolls_into_events(_fold_arrests_into_protests(clusters))


def _fold_tolls_into_events(clusters: list[EventCluster]) -> list[EventCluster]:
    """A toll told apart from its event ("Hiraan's deputy governor said seven people had died", « une
    dizaine de soldats tués »), with no event word of its own, is that event's toll when the article
    tells one event of that day in that area; it is not an event of its own."""
    events = [c for c in clusters if any(loc.mention.main_triggers for loc in c.items)]
    out = []
    for c in clusters:
        if c not in events:
            homes = [e for e in events if _same_day(e, c) and _same_area(e, c) and _toll_actors_fit(e, c)]
            dated = [e for e in homes if e.date is not None]  # a dated event over undated background
            homes = dated or homes
            if len(homes) == 1:
                for loc in c.items:
                    homes[0].add(loc)
                continue
        out.append(c)
    return out


def _same_day(a: EventCluster, b: EventCluster) -> bool:
    return a.date is None or b.date is None or a.date.date == b.date.date


def _same_area(home: EventCluster, toll: EventCluster) -> bool:
    if toll.place is None or home.place is None:
        return True
    if _same_place(home.place, toll.place):
        return True
    region = toll.place
    return region.kind == "admin1" and home.place.admin1 == region.admin1 and home.place.country == region.country


def _toll_actors_fit(home: EventCluster, toll: EventCluster) -> bool:
    """The toll's sides are the event's, its victims, or one more name (a militia collecting bodies)."""
    extra = {k for k in _named(toll.actors) - _named(home.actors) if not k.startswith("Civilians")}
    return len(extra) <= 1


def _fold_arrests_into_protests(clusters: list[EventCluster]) -> list[EventCluster]:
    """Arrests made while dispersing a protest are the protest's intervention (ACLED), not an event."""
    protests = [c for c in clusters if "Protests" in set().union(*(_families(loc.mention) for loc in c.items))]
    out = []
    for c in clusters:
        fams = set().union(*(_families(loc.mention) for loc in c.items))
        home = None
        if fams == {"Strategic developments"} and all("ARREST" in loc.mention.classes for loc in c.items):
            for p in protests:
                # arrests the police announce later in the report ("the spokesman said seven had been
                # arrested") belong to the protest too when they name no day of their own
                reach = 1 if c.date is not None else 3
                near = any(abs(a.mention.paragraph - b.mention.paragraph) <= reach for a in p.items for b in c.items)
                same_day = c.date is None or p.date is None or c.date.date == p.date.date
                same_place = _same_area(p, c)
                armed = any(
                    getattr(a, "inter", 0) in (2, 3, 4)
                    for loc in c.items
                    for a in (loc.mention.actor1, loc.mention.actor2)
                    if a is not None
                )
                if near and same_day and same_place and not armed:
                    home = p
                    break
        if home is not None:
            for loc in c.items:
                home.add(loc)
        else:
            out.append(c)
    return out


def title_paragraph(doc: Document) -> int | None:
    """0 when the article opens with a headline: a short first line without a final full stop."""
    if len(doc.paragraphs) < 2:
        return None
    a, b = doc.paragraphs[0]
    line = doc.text[a:b].strip()
    if len(line.split()) > 25 or line[-1:] in ".!?؟" or "\n" in line:
        return None
    return 0


def refers_back(doc: Document, m: EventMention) -> bool:
    """All main triggers are definite («الهجوم», «الاشتباكات»): the event was told before."""
    main = m.main_triggers or m.triggers
    return all(_definite(doc, t.start) for t in main)


def _definite(doc: Document, pos: int) -> bool:
    ws = pos
    while ws > 0 and doc.text[ws - 1].isalpha():
        ws -= 1
    prefix = doc.text[ws:pos]
    if prefix.endswith(("ال", "لل")) or doc.text[pos : pos + 2] == "ال":
        return True
    return doc.after_definite_article(pos)  # "the attack", « l'attaque », « cette embuscade »


def _fills_open_slot(cluster: EventCluster, keys: set[str]) -> bool:
    """«تبنّت الحركة الهجوم»: a report that names the side an event left open (unidentified or missing)."""
    named = _named(cluster.actors)
    open_slot = len(named) < 2 or len(cluster.actors - named) > 0
    return open_slot and len(_named(keys) - named) <= 1


def _best_cluster(
    clusters: list[EventCluster], loc: Located, keys: set[str], anywhere: bool = False, doc: Document | None = None
) -> EventCluster | None:
    m = loc.mention
    best: tuple[int, int] | None = None
    chosen = None
    refers = doc is not None and loc.place is None and refers_back(doc, m)
    backward = anywhere and refers
    civilian_ref = refers and bool(doc.within("civilian_targets", m.start, m.end))
    # a toll told apart from its event («حصيلة أولية بلغت خمسة قتلى بينهم مدنيان»): civilians among the dead
    # do not keep it from the battle they died in
    floating_keys = {k for k in keys if not k.startswith("Civilians")} if loc.place is None and _tolls(m) else keys
    for c in clusters:
        fits = _actors_fit(c, floating_keys) or (
            backward and _fills_open_slot(c, keys) and not _pursuit_of_attackers(c, keys)
        )
        if not fits or not _date_fits(c, m) or not _families_fit(c, m):
            continue
        if loc.place is not None:
            if not _place_fits(c, loc):
                continue
            if c.place is None and loc.place_level == 2 and c.date is not None and m.date is None:
                continue
        exact = int(loc.place is not None and c.place is not None and _same_place(c.place, loc.place))
        recency = c.last_index if not anywhere else -abs(c.last_index - m.index)
        # "X a revendiqué l'attaque du village": a reference back points to an event told before it,
        # and to the attack on villagers rather than the army's pursuit
        told_before = int(refers and min(loc.mention.index for loc in c.items) < m.index)
        on_civilians = int(civilian_ref and _civilian_side(c.actors))
        score = (exact, on_civilians, told_before, recency)
        if best is None or score > best:
            best, chosen = score, c
    return chosen


# ---------------------------------------------------------------- records


def build_records(doc: Document, clusters: list[EventCluster]) -> list[EventRecord]:
    records = []
    for c in clusters:
        rec = _record(doc, c)
        if rec is not None:
            records.append(rec)
    return records


def _record(doc: Document, c: EventCluster) -> EventRecord | None:
    place = c.place
    if place is None:
        fallback = main_admin1(doc) if c.date is not None and c.actors else None
        if fallback is None:
            return None
        place = fallback
    date, precision, date_span = _event_date(doc, c)
    if date is None or _only_a_trend(doc, c) or _background(doc, date):
        return None
    classes = event_classes()
    mentions = [loc.mention for loc in c.items]
    if not c.actors and not any(_tolls(m) for m in mentions):
        return None  # a place and a day, but nobody and no toll: nothing to code
    all_classes = {cls for m in mentions for cls in m.classes}
    best_cls = min(all_classes, key=lambda k: classes["rank"].get(k, 99))
    if (
        "ARREST" in all_classes
        and best_cls in ("ATTACK", "CAMPAIGN")
        and not any(f.kind == "killed" and f.value > 0 for m in mentions for f in m.figures)
    ):
        best_cls = "ARREST"  # a raid that ends in arrests is an arrest (ACLED)
    if (
        "ABDUCTION" in all_classes
        and best_cls == "ATTACK"
        and not any(f.kind == "killed" and f.value > 0 for m in mentions for f in m.figures)
    ):
        best_cls = "ABDUCTION"  # gunmen storm a hamlet and carry off ten people, killing no one
    if (
        best_cls == "ABDUCTION"
        and "KILL" in all_classes
        and any(f.kind == "killed" and f.value > 0 for m in mentions for f in m.figures)
    ):
        best_cls = "KILL"  # an abduction followed by a killing is an attack (ACLED)
    if (
        "PROTEST" in all_classes
        and best_cls not in ("RIOT",)
        and any(getattr(a, "inter", 0) == 6 for m in mentions for a in (m.actor1, m.actor2, *m.others) if a is not None)
    ):
        best_cls = "PROTEST"  # a protest met by force stays a protest (with intervention)
    lead = min(
        mentions,
        key=lambda m: (
            min((classes["rank"].get(k, 99) for k in m.classes), default=99),
            -(m.actor1 is not None) - (m.actor2 is not None),
            m.index,
        ),
    )
    actor1, actor2 = lead.actor1, lead.actor2
    if actor1 is None or actor2 is None:
        for m in mentions:
            for a in (m.actor1, m.actor2):
                if a is None or a in (actor1, actor2):
                    continue
                if actor1 is None:
                    actor1 = a
                elif actor2 is None and a.name != actor1.name:
                    actor2 = a
    actor1, actor2 = _name_the_unidentified(mentions, actor1, actor2)
    claims_with_share = _claims(c)
    _name_unidentified_victims(claims_with_share, actor1, actor2)
    figures = [f for m in mentions for f in m.figures]
    civilian_hint = any(doc.within("civilian_targets", m.start, m.end) for m in mentions)
    intervention = any(doc.within("protest_intervention", m.start, m.end) for m in mentions) or (
        "PROTEST" in all_classes
        and any(
            doc.within("protest_intervention", *doc.paragraphs[p])
            for p in {m.paragraph for m in mentions} | {m.paragraph + 1 for m in mentions}
            if p < len(doc.paragraphs)
        )
    )
    event_type, sub_type, disorder, actor1, actor2 = _typing(
        doc, best_cls, actor1, actor2, figures, civilian_hint, intervention
    )
    actor1 = _perpetrator(doc, mentions, actor1, actor2)
    if actor1 is None:
        return None
    if (
        event_type == "Violence against civilians"
        and sub_type == "Attack"
        and all_classes & {"LOOTING", "BURNING"}
        and not any((f.value or 0) > 0 for f in figures)
    ):
        # a raid that robbed or burnt but hurt nobody is looting/property destruction (ACLED)
        info = event_classes()["classes"]["LOOTING"]
        event_type, sub_type, disorder = info["event_type"], info["sub_event_type"], info["disorder"]
    fat = code_fatalities(claims_with_share)
    claims = [cl for cl, _, _ in claims_with_share]
    country_info = doc.gazetteer.country(place.country)
    year = date.year
    a1 = _ref(doc, actor1, place, year)
    a2 = _ref(doc, actor2, place, year) if actor2 is not None else None
    civilian = "Civilian targeting" if a2 is not None and a2.inter == 7 else ""
    evidence: dict[str, list[Span]] = {}
    evidence["event_type"] = [Span(t.start, t.end, t.text) for m in mentions for t in m.triggers]
    for role in ("actor1", "actor2"):
        spans = [m.actor_spans[role] for m in mentions if role in m.actor_spans]
        if spans:
            evidence[role] = spans
    if date_span:
        evidence["event_date"] = [date_span]
    place_spans = [loc.place_span for loc in c.items if loc.place_span is not None]
    if place_spans:
        evidence["location"] = place_spans
    fat_spans = [cl.evidence for cl in claims if cl.evidence is not None]
    if fat_spans:
        evidence["fatalities"] = fat_spans
    rec = EventRecord(
        event_date=date,
        time_precision=precision,
        disorder_type=disorder,
        event_type=event_type,
        sub_event_type=sub_type,
        actor1=a1,
        actor2=a2,
        country=place.country,
        admin1=place.admin1,
        admin2=place.admin2,
        location=place.name,
        latitude=place.latitude,
        longitude=place.longitude,
        geo_precision=place.geo_precision,
        fatalities=fat.best,
        fatalities_low=fat.low,
        fatalities_high=fat.high,
        claims=claims,
        certainty=_certainty(mentions, claims),
        iso=getattr(country_info, "iso_num", None) if country_info else None,
        civilian_targeting=civilian,
        source=doc.article.outlet or "",
        evidence=evidence,
    )
    rec.assoc_actor_1 = []
    rec.notes = write_notes(rec, split=max(loc.parts for loc in c.items))
    return rec


def _name_unidentified_victims(claims_with_share: list, actor1, actor2) -> None:
    """The "terrorists" an army says it killed are the one armed group the event is coded to."""
    sides = [a for a in (actor1, actor2) if a is not None]
    if any(a.name.startswith(UNIDENTIFIED) for a in sides):
        return
    groups = [a for a in sides if getattr(a, "inter", 0) in (2, 3, 4)]
    if len(groups) != 1:
        return
    for cl, _, _ in claims_with_share:
        if cl.victim and cl.victim.startswith(UNIDENTIFIED):
            cl.victim = groups[0].name


def _name_the_unidentified(mentions: list[EventMention], actor1, actor2):
    """Replace an unidentified armed group by the group another mention of the event names."""
    named = [
        a
        for m in mentions
        for a in (m.actor1, m.actor2, *m.others)
        if a is not None and getattr(a, "inter", 0) in (2, 3, 4) and not a.name.startswith(UNIDENTIFIED)
    ]
    taken = {getattr(a, "name", None) for a in (actor1, actor2)}
    fresh = [a for a in named if a.name not in taken]
    if not fresh:
        return actor1, actor2
    if actor1 is not None and actor1.name.startswith(UNIDENTIFIED):
        actor1 = fresh.pop(0)
    elif actor2 is not None and actor2.name.startswith(UNIDENTIFIED) and fresh:
        actor2 = fresh.pop(0)
    return actor1, actor2


BACKGROUND_DAYS = 31
STRICT_UNDATED = True  # an event with neither a day nor a toll is usually background


def _background(doc: Document, date: dt.date) -> bool:
    """An event long before the report («منذ أبريل الماضي…») is background, not news (ACLED codes
    events from the reports of their time)."""
    ref = doc.reference_date
    return ref is not None and (ref - date).days > BACKGROUND_DAYS


def _only_a_trend(doc: Document, c: EventCluster) -> bool:
    """No date, no figure, and only plural/habitual triggers («هجمات متكررة»): a trend, not an event.
    A vague period ("air strikes in recent weeks") dates a trend, not an event."""
    mentions = [loc.mention for loc in c.items]
    if any(_tolls(m) for m in mentions):
        return False
    if c.date is not None and (c.date.time_precision == 1 or not _generic_only(doc, mentions)):
        return False
    if c.statement_date is not None and c.date is None:
        return False
    return STRICT_UNDATED or _generic_only(doc, mentions)


def _generic_only(doc: Document, mentions: list[EventMention]) -> bool:
    """Every main trigger is a plural or habitual form («هجمات», "air strikes")."""
    spans = [(g.start, g.end) for g in doc.cues.get("generic_triggers", [])]
    return all(any(a <= t.start < b for a, b in spans) for m in mentions for t in m.main_triggers)


def _event_date(doc: Document, c: EventCluster) -> tuple[dt.date | None, int, Span | None]:
    def span(rd: ResolvedDate) -> Span | None:
        e = rd.expression
        return Span(e.start, e.end, e.text) if e is not None else None

    if c.date is not None:
        return c.date.date, c.date.time_precision, span(c.date)
    if c.statement_date is not None:
        return c.statement_date.date, 2, span(c.statement_date)
    context = [loc.mention.context_date for loc in c.items if loc.mention.context_date is not None]
    if context:
        # « Alertés, des éléments du BIR … ont engagé le combat »: the story's day, not the report's
        return context[0].date, context[0].time_precision, span(context[0])
    if doc.reference_date is not None:
        return doc.reference_date, 1, None
    return None, 1, None


def _claims(c: EventCluster) -> list[tuple[Claim, int, int]]:
    out: list[tuple[Claim, int, int]] = []
    for loc in c.items:
        for cl in loc.mention.claims:
            dup = next((o for o in out if _same_claim(o[0], cl)), None)
            if dup is not None:
                if dup[0].claimant in ("Unidentified source", "Unattributed report") and cl.claimant != dup[0].claimant:
                    out[out.index(dup)] = (cl, loc.share, loc.parts)
                continue
            out.append((cl, loc.share, loc.parts))
    # a claimant's assertion without a figure adds nothing beside its assertions with one
    with_figures = {cl.claimant for cl, _, _ in out if cl.killed is not None or cl.wounded is not None}
    return [
        (cl, i, n)
        for cl, i, n in out
        if cl.killed is not None or cl.wounded is not None or cl.type == "denial" or cl.claimant not in with_figures
    ]


def _same_claim(a: Claim, b: Claim) -> bool:
    if a.victim != b.victim or a.killed != b.killed or a.wounded != b.wounded:
        return False
    generic = ("Unidentified source", "Unattributed report")
    return a.claimant == b.claimant or a.claimant in generic or b.claimant in generic


def _perpetrator(doc: Document, mentions: list[EventMention], actor1, actor2):
    """When the perpetrator is unknown or unidentified, the armed group the report names for the
    event — in any of its mentions, or as the article's one dominant group — is coded instead."""
    if actor1 is not None and not actor1.name.startswith(UNIDENTIFIED):
        return actor1
    near = {p + d for m in mentions for p in (m.paragraph,) for d in (-1, 0, 1)}
    if any(doc.paragraph_of(u.start) in near for u in doc.cues.get("unclaimed", [])):
        # "No group has claimed responsibility", « L'attaque n'a pas été revendiquée »: the press's
        # suspicions do not name the perpetrator
        return actor1
    taken = getattr(actor2, "name", None)
    for m in mentions:
        for a in (m.actor1, m.actor2, *m.others):
            if (
                a is not None
                and a.name != taken
                and getattr(a, "inter", 0) in (2, 3, 4, 8)
                and not a.name.startswith(UNIDENTIFIED)
            ):
                return a
    dominant = _dominant_group(doc, near | {0})
    if dominant is not None and dominant.name != taken:
        return dominant
    return actor1


def _dominant_group(doc: Document, paragraphs: set[int]):
    """The non-state armed group the event's paragraphs (and the headline) name most, if one clearly leads."""
    year = doc.reference_date.year if doc.reference_date else None
    counts: dict[str, list] = {}
    for m in doc.actors:
        if m.kind == "generic" or doc.paragraph_of(m.start) not in paragraphs:
            continue
        a = doc.catalogue.resolve(m, doc.country, year)
        if getattr(a, "inter", 0) in (2, 3, 4) and not a.name.startswith(UNIDENTIFIED):
            counts.setdefault(a.name, [a, 0])[1] += 1
    ranked = sorted(counts.values(), key=lambda x: -x[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1]):
        return None
    return ranked[0][0]


def _typing(doc: Document, cls: str, actor1, actor2, figures, civilian_hint: bool = False, intervention: bool = False):
    """(event_type, sub_event_type, disorder_type, actor1, actor2) for the strongest class."""
    info = event_classes()["classes"][cls]
    by_target = event_classes()["by_target"]
    civilians = _generic(doc, "civilians")
    uag = _generic(doc, "uag")
    victims_civilian = any(getattr(f.victim, "inter", 0) == 7 for f in figures)
    if info.get("by_target"):
        target = actor2
        if target is None:
            armed_victims = [f.victim for f in figures if f.victim is not None and getattr(f.victim, "inter", 0) != 7]
            if (
                armed_victims
                and armed_victims[0] is not actor1
                and getattr(armed_victims[0], "name", None) != getattr(actor1, "name", None)
            ):
                target = armed_victims[0]
            elif cls == "CAMPAIGN" and not civilian_hint:
                target = uag
            else:
                target = civilians
        if actor1 is None:
            actor1 = uag
        if target is not None and getattr(target, "inter", 0) == 7:
            t = by_target["civilians"]
            return t["event_type"], t["sub_event_type"], t["disorder"], actor1, target
        t = by_target["armed"]
        return t["event_type"], t["sub_event_type"], t["disorder"], actor1, target
    event_type, sub_type, disorder = info["event_type"], info["sub_event_type"], info["disorder"]
    if actor1 is None:
        actor1 = uag
    if cls == "TAKEOVER" and getattr(actor1, "inter", 0) == 1:
        sub_type = info.get("state_actor1", sub_type)
    if event_type == "Battles" and actor2 is None:
        actor2 = uag if getattr(actor1, "name", None) != getattr(uag, "name", None) else None
    if event_type == "Violence against civilians":
        actor2 = civilians
    if (
        event_type == "Explosions/Remote violence"
        and victims_civilian
        and (actor2 is None or getattr(actor2, "name", None) == getattr(actor1, "name", None))
    ):
        actor2 = civilians
    if event_type == "Explosions/Remote violence" and actor2 is None and civilian_hint:
        actor2 = civilians
    if sub_type == "Looting/property destruction" and actor2 is None and civilian_hint and actor1 is not None:
        actor2 = civilians  # tankers, shops, granaries burned: the civilians' property
    if event_type == "Protests":
        police = (
            actor1 if getattr(actor1, "inter", 0) in (1,) else actor2 if getattr(actor2, "inter", 0) in (1,) else None
        )
        actor1 = _generic(doc, "protesters") if getattr(actor1, "inter", 0) != 6 else actor1
        actor2 = None
        if intervention:
            deaths = any(f.kind == "killed" and f.value > 0 for f in figures)
            sub_type = info["excessive_force"] if deaths else info["intervention"]
            actor2 = police or _generic(doc, "police")
    if event_type == "Riots" and getattr(actor1, "inter", 0) not in (5,):
        actor1 = _generic(doc, "rioters")
    return event_type, sub_type, disorder, actor1, actor2


def _generic(doc: Document, kind: str):
    if not doc.country:
        return None
    return doc.catalogue.generic(kind, doc.country)


def _ref(doc: Document, actor, place: Place, year: int) -> ActorRef:
    inter = getattr(actor, "inter", 3)
    countries = getattr(actor, "countries", ())
    home = countries[0] if countries else None
    if inter == 1 and place.iso2 and home and place.iso2 not in countries:
        inter = 8  # a state's forces abroad
    return ActorRef(name=actor.name, inter=inter, country=home, actor_id=getattr(actor, "id", None))


def _certainty(mentions: list[EventMention], claims: list[Claim]) -> str:
    if any(cl.type == "denial" for cl in claims):
        return "disputed"
    basis = []
    for m in mentions:
        att = m.claimant
        if att is None:
            basis.append("reported")
        elif att.unconfirmed:
            basis.append("unconfirmed")
        elif att.actor is None:
            basis.append("reported")
        else:
            basis.append("claimed")
    if "reported" in basis:
        return "confirmed"
    if "claimed" in basis:
        return "claimed"
    return "unconfirmed"
