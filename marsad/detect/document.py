"""The annotated article: every kind of mention found in one pass over the text.

:func:`annotate` runs each finder once over the normalised text — actors, places, dates,
quantities, triggers and cue words — and keeps the results, sorted by position, on a
:class:`Document`. Later stages only read it: they ask what lies inside a span, or just before a
position, never scan the text again.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from marsad.actors import ActorCatalogue, ActorMention
from marsad.dates import DateExpression, find_date_expressions, infer_reference_date
from marsad.detect.triggers import Trigger, find_triggers
from marsad.geocode import Gazetteer, PlaceMention
from marsad.lexicon.automaton import Match
from marsad.lexicon.cues import cue_settings, cue_words, find_cues
from marsad.models import Article
from marsad.numbers import Quantity, find_quantities
from marsad.text.language import detect_language, paragraph_languages
from marsad.text.normalize import NormalizedText, normalize
from marsad.text.segment import Sentence, split_paragraphs, split_sentences


def _starts(items: list[Any]) -> list[int]:
    return [i.start for i in items]


@dataclass
class Document:
    """An article with all its mentions (original offsets), ready for the coding stages."""

    article: Article
    nt: NormalizedText
    language: str
    sentences: list[Sentence]
    paragraphs: list[tuple[int, int]]
    actors: list[ActorMention]
    places: list[PlaceMention]
    dates: list[DateExpression]
    quantities: list[Quantity]
    triggers: list[Trigger]
    cues: dict[str, list[Match]]
    languages: tuple[str, ...] = ()  # the article's language first, then those of mixed-in paragraphs
    country: str | None = None  # iso2 of the country the article is about
    reference_date: dt.date | None = None
    reference_inferred: bool = False
    catalogue: ActorCatalogue | None = None
    gazetteer: Gazetteer | None = None
    _index: dict[str, list[int]] = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        return self.article.text

    # ------------------------------------------------------------ queries

    def within(self, kind: str, start: int, end: int) -> list[Any]:
        """Mentions of ``kind`` ('actors', 'places', 'dates', 'quantities', 'triggers' or a cue list)
        that start inside [start, end)."""
        items = self._items(kind)
        starts = self._index.get(kind)
        if starts is None:
            starts = self._index[kind] = _starts(items)
        i = bisect_left(starts, start)
        out = []
        while i < len(items) and items[i].start < end:
            out.append(items[i])
            i += 1
        return out

    def _items(self, kind: str) -> list[Any]:
        if kind in ("actors", "places", "dates", "quantities", "triggers"):
            return getattr(self, kind)
        return self.cues.get(kind, [])

    def cue_words(self, name: str) -> frozenset[str]:
        """The folded forms of cue list ``name`` in the article's languages («بين», "between")."""
        langs = self.languages or (self.language,)
        if len(langs) == 1:
            return cue_words(langs[0], name)
        return frozenset().union(*(cue_words(lang, name) for lang in langs))

    def after_definite_article(self, pos: int) -> bool:
        """The word before ``pos`` is a Latin-script definite article ("the attack", « l'attaque »,
        « cette embuscade »); Arabic writes definiteness on the word itself («ال»)."""
        before = self.words_before(pos, 1).split()
        return bool(before) and before[-1] in self.cue_words("definite_articles")

    def setting(self, name: str, default: int) -> int:
        """A distance of the article's language (``settings`` in its cue file)."""
        return int(cue_settings(self.language).get(name, default))

    def words_before(self, pos: int, n: int, floor: int = 0) -> str:
        """The normalised text of up to ``n`` words before original offset ``pos`` (not before ``floor``)."""
        end = self.nt.norm_pos(pos)
        start = self.nt.norm_pos(max(floor, pos - 80))
        words = self.nt.text[start:end].replace(",", " , ").split()
        return " ".join(words[-n:])

    def words_after(self, pos: int, n: int, ceiling: int | None = None) -> str:
        limit = min(ceiling if ceiling is not None else len(self.text), pos + 80)
        words = self.nt.text[self.nt.norm_pos(pos) : self.nt.norm_pos(limit)].replace(",", " , ").split()
        return " ".join(words[:n])

    def paragraph_of(self, pos: int) -> int:
        for i, (a, b) in enumerate(self.paragraphs):
            if a <= pos < b:
                return i
        return len(self.paragraphs) - 1


def annotate(
    article: Article,
    catalogue: ActorCatalogue | None = None,
    gazetteer: Gazetteer | None = None,
    today: dt.date | None = None,
    language: str | None = None,
) -> Document:
    """Find every mention in ``article`` and decide the article's country and reference date.
    ``language`` is the article's (detected when neither it nor ``article.language`` is given)."""
    catalogue = catalogue or ActorCatalogue.default()
    gazetteer = gazetteer or Gazetteer.default()
    text = article.text
    language = language or article.language or detect_language(text).code or "ar"
    nt = normalize(text)
    paragraphs = split_paragraphs(text)
    regions = _language_regions(text, paragraphs, language)
    dates = _by_language(regions, lambda lang: find_date_expressions(nt, language=lang))
    actors = catalogue.find_actors(nt)
    places = gazetteer.find_places(nt)
    # "a base of the Volunteers for the Defense of the Homeland": an unknown name inside an actor's name
    names = [(a.start, a.end) for a in actors]
    places = [p for p in places if p.kind != "unknown" or not any(s <= p.start < e for s, e in names)]
    country = _article_country(places, actors, gazetteer)
    date_spans = [(d.start, d.end) for d in dates]
    quantities = _by_language(regions, lambda lang: find_quantities(nt, language=lang, exclude=date_spans))
    triggers = _by_language(regions, lambda lang: find_triggers(nt, language=lang))
    cues = _cues_by_language(nt, regions)
    doc = Document(
        article=article,
        nt=nt,
        language=language,
        sentences=split_sentences(text),
        paragraphs=paragraphs,
        actors=sorted(actors, key=lambda m: m.start),
        places=sorted(places, key=lambda m: m.start),
        dates=sorted(dates, key=lambda d: d.start),
        quantities=sorted(quantities, key=lambda q: q.start),
        triggers=sorted(triggers, key=lambda t: t.start),
        cues=cues,
        languages=tuple(regions),
        country=country,
        catalogue=catalogue,
        gazetteer=gazetteer,
    )
    if article.publication_date:
        doc.reference_date = article.publication_date
    else:
        doc.reference_date = infer_reference_date(doc.dates, today=today or dt.date.today())
        doc.reference_inferred = doc.reference_date is not None
    return doc


# (start, end) spans of the text read in one language; None = everywhere else.
_Spans = list[tuple[int, int]] | None


def _language_regions(text: str, paragraphs: list[tuple[int, int]], language: str) -> dict[str, _Spans]:
    """Which parts of the text each language's lexicons read: the article's language everywhere but
    the paragraphs written in another one («Le communiqué dit : …» then a paragraph of Arabic)."""
    regions: dict[str, _Spans] = {language: None}
    for start, end, lang in paragraph_languages(text, paragraphs, language):
        spans = regions.setdefault(lang, [])
        assert spans is not None
        spans.append((start, end))
    return regions


def _inside(pos: int, spans: _Spans, others: list[tuple[int, int]] | None = None) -> bool:
    if spans is None:
        return not others or not any(a <= pos < b for a, b in others)
    return any(a <= pos < b for a, b in spans)


def _by_language(regions: dict[str, _Spans], find: Any) -> list[Any]:
    """Run ``find(language)`` for each language and keep what it finds in that language's part."""
    if len(regions) == 1:
        return list(find(next(iter(regions))))
    others = [s for spans in regions.values() if spans for s in spans]
    return [x for lang, spans in regions.items() for x in find(lang) if _inside(x.start, spans, others)]


def _cues_by_language(nt: NormalizedText, regions: dict[str, _Spans]) -> dict[str, list[Match]]:
    """The cue lists of each language, kept in that language's part of the text."""
    if len(regions) == 1:
        return find_cues(nt, language=next(iter(regions)))
    found = {lang: find_cues(nt, language=lang) for lang in regions}
    names = {n for cues in found.values() for n in cues}
    return {name: sorted(_by_language(regions, lambda lang, n=name: found[lang].get(n, ())), key=lambda m: m.start)
            for name in names}


def _article_country(places: list[PlaceMention], actors: list[ActorMention], gazetteer: Gazetteer) -> str | None:
    """The country the article is about: the most named one, places weighing more than actors."""
    votes: Counter[str] = Counter()
    for p in places:
        if not p.candidates:
            continue
        iso = p.candidates[0].iso2 or _iso_of(gazetteer, p.candidates[0].country)
        if iso:
            votes[iso] += 2 if p.kind == "country" else 3 if p.kind == "admin1" else 1
    for a in actors:
        if a.country:
            votes[a.country] += 1
    if not votes:
        return None
    return votes.most_common(1)[0][0]


def _iso_of(gazetteer: Gazetteer, country: str) -> str | None:
    info = gazetteer.country(country)
    return info.iso2 if info else None
