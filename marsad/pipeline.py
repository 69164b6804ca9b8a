"""Code one article, top to bottom.

    ingest → text (normalise, segment) → detect (triggers → event mentions) → claims (attribution)
    → roles → dates → numbers (casualty figures) → claims → geocode → records (one per actor pair,
    place and day)

Each stage is a function of the annotated :class:`~marsad.detect.document.Document` and the event
mentions; this module only calls them in order.
"""

from __future__ import annotations

import datetime as dt

from marsad.actors import ActorCatalogue
from marsad.claims.attribution import Attribution, sentence_attribution
from marsad.claims.build import claims_for_mention
from marsad.claims.casualties import find_figures
from marsad.dates import ResolvedDate, resolve_event_date
from marsad.dates.event_date import date_mention
from marsad.detect.document import Document, annotate
from marsad.detect.frames import EventMention, find_event_mentions
from marsad.geocode import Gazetteer
from marsad.geocode.event_place import place_mention
from marsad.models import Article, CodedArticle
from marsad.records.assemble import build_records, cluster_mentions
from marsad.roles.assign import ActorInText, assign_roles
from marsad.text.language import SUPPORTED_LANGUAGES, detect_language

MAX_TEXT_CHARS = 2_000_000


class CodingError(ValueError):
    """An article that cannot be coded (empty, too long, unsupported language)."""


def code(
    article: Article,
    *,
    catalogue: ActorCatalogue | None = None,
    gazetteer: Gazetteer | None = None,
    today: dt.date | None = None,
) -> CodedArticle:
    """Code ``article`` into event records."""
    language = _check(article)
    doc = annotate(article, catalogue=catalogue, gazetteer=gazetteer, today=today, language=language)
    mentions = find_event_mentions(doc)
    _fill_mentions(doc, mentions)
    clusters = cluster_mentions(doc, mentions)
    events = build_records(doc, clusters)
    events.sort(key=lambda e: (e.event_date, e.location))
    return CodedArticle(article=article, events=events, reference_date=doc.reference_date)


def _check(article: Article) -> str:
    """The article's language (detected when not given), once its text is known to be codable."""
    if not article.text or not article.text.strip():
        raise CodingError("empty text")
    if len(article.text) > MAX_TEXT_CHARS:
        raise CodingError(f"text too long ({len(article.text)} characters; limit {MAX_TEXT_CHARS})")
    if article.language is None:
        guess = detect_language(article.text)
        if guess.code is None:
            raise CodingError(guess.reason)
        return guess.code
    if article.language not in SUPPORTED_LANGUAGES:
        raise CodingError(
            f"unsupported language: {article.language!r} (supported: {', '.join(SUPPORTED_LANGUAGES)})"
        )
    return article.language


def _fill_mentions(doc: Document, mentions: list[EventMention]) -> None:
    """Attribution, roles, dates, places, figures and claims of each mention, in text order."""
    history: list[ActorInText] = []
    last_attribution: dict[int, Attribution | None] = {}
    last_statement: Attribution | None = None
    by_sentence: dict[int, list[EventMention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence.index, []).append(m)
    previous_date = None
    for _, group in sorted(by_sentence.items()):
        sentence = group[0].sentence
        previous = last_attribution.get(sentence.paragraph)
        if previous is None and doc.language != "ar":
            # « Bilan provisoire selon le communiqué : … » opens a paragraph: the communiqué named before
            previous = last_statement
        attribution = sentence_attribution(doc, sentence, previous)
        if attribution is not None and attribution.cue is not None and attribution.speaker_span is not None:
            last_statement = attribution
        if attribution is not None:
            last_attribution[sentence.paragraph] = attribution
        first = group[0]
        for m in group:
            m.claimant = attribution
            assign_roles(doc, m, attribution, history)
            date_mention(doc, m)
            if m.date is None and doc.within("same_day", m.sentence.start, m.sentence.end):
                m.date = _last_named_day(doc, m.sentence.start) or previous_date  # «وفي اليوم ذاته …»
            elif (
                m.date is None
                and previous_date is not None
                and doc.within("next_day", m.sentence.start, m.sentence.start + 12)
            ):
                # "The following day, …", «وفي اليوم التالي …» opening the sentence (not "a statement
                # released the next day")
                m.date = next_day(previous_date)
            place_mention(doc, m)
            if m is not first:
                # later clauses of a sentence share its date, speaker and place unless they name their own
                m.date = m.date or first.date
                m.statement_date = m.statement_date or first.statement_date
                if not m.places:
                    m.places, m.admin1_mention, m.near = first.places, first.admin1_mention, True
                    m.continues = first
        background = bool(doc.within("background_openers", sentence.start, sentence.start + 60))
        for m in group:
            if background and m.date is None:
                # "The attack comes a week after the one in Sebba, where thirty civilians were killed":
                # an earlier event recalled without its day is background, not news
                m.blocked = True
            elif m.date is None and previous_date is not None:
                m.context_date = previous_date  # the story's current day, if nothing better is found
        # «Le même jour, …» after « Mercredi, le GSIM a revendiqué … »: the day last named, a claim's too
        previous_date = next(
            (d for m in reversed(group) for d in (m.date, m.statement_date) if d is not None), previous_date
        )
        for m in group:
            m.figures = find_figures(doc, m, attribution)
        _move_figures_to_their_event(group)
        for m in group:
            _victims_as_target(m)
        for m in group:
            m.claims = claims_for_mention(m, attribution, doc.article.outlet, doc)


def _last_named_day(doc: Document, pos: int) -> ResolvedDate | None:
    """The last day the text names before ``pos``, in any sentence (« Mercredi, le GSIM a revendiqué …
    Le même jour, … »)."""
    for expr in reversed(doc.within("dates", 0, pos)):
        if expr.kind in ("year", "month") or expr.direction == "since":
            continue
        resolved = resolve_event_date(expr, doc.reference_date)
        if resolved is not None and resolved.time_precision == 1:
            return resolved
    return None


def next_day(date: ResolvedDate) -> ResolvedDate:
    """The day after a day-precise date (a vaguer one stays as it is)."""
    if date.time_precision != 1:
        return date
    return ResolvedDate(date.date + dt.timedelta(days=1), 1, None)


def _victims_as_target(m: EventMention) -> None:
    """«زاعمة أن مقاتليها قتلوا 19 جندياً»: with no target named, the dead are the other side."""
    if m.actor2 is not None:
        return
    for f in m.figures:
        v = f.victim
        if v is not None and f.kind == "killed" and (m.actor1 is None or v.name != m.actor1.name):
            if m.actor1 is None and getattr(v, "inter", 0) == 7:
                continue
            m.actor2 = v
            return


def _move_figures_to_their_event(group: list[EventMention]) -> None:
    """A figure whose victims are another clause's target belongs to that clause's event."""
    if len(group) < 2:
        return
    for m in group:
        keep = []
        for f in m.figures:
            victim = getattr(f.victim, "name", None)
            own_target = getattr(m.actor2, "name", None)
            home = next((o for o in group if o is not m and victim and getattr(o.actor2, "name", None) == victim), None)
            if victim and victim != own_target and home is not None:
                home.figures.append(f)
            else:
                keep.append(f)
        m.figures = keep
