"""Which date expression of a passage is the event's date.

A passage may carry the day of the event («يوم 27 أكتوبر الماضي») and the day a statement was
issued («في بيان صادر عنها في 30 أكتوبر 2022»). A date right after a statement noun
(``data/cues.yaml``: ``statement_nouns``) is the statement's; the event's date is the first other
date. Years alone («منذ العام 2011») never date an event. Resolution against the article's reference
date is :func:`marsad.dates.resolve_event_date`.
"""

from __future__ import annotations

from marsad.dates import resolve_event_date
from marsad.detect.document import Document
from marsad.detect.frames import EventMention
from marsad.text.normalize import fold

_STATEMENT_GAP = 40  # characters between a statement noun and the date it dates


def date_mention(doc: Document, mention: EventMention) -> None:
    """Set ``mention.date`` and ``mention.statement_date`` (both ResolvedDate or None)."""
    sentence_dates = doc.within("dates", mention.sentence.start, mention.sentence.end)
    anchor = (mention.main_triggers or mention.triggers)[0].start
    event_dates = []
    for expr in doc.within("dates", mention.region_start, mention.end):
        if expr.kind == "year" or expr.direction == "since" or _after_since(doc, expr.start):
            continue
        if _is_duration(doc, expr) and len(sentence_dates) > 1:
            continue  # «استمرت منذ ساعات» beside a day named in the sentence says how long, not when
        resolved = resolve_event_date(expr, doc.reference_date)
        if resolved is None:
            continue
        if _is_statement_date(doc, expr.start) or _in_speaker_clause(doc, expr) or _claim_date(doc, expr):
            if mention.statement_date is None:
                mention.statement_date = resolved
        else:
            event_dates.append((expr.start < anchor, abs(expr.start - anchor), resolved))
    if event_dates:
        # the day nearest after the event word: «اقتحموا القرية يوم الثلاثاء 12 مارس»
        mention.date = min(event_dates, key=lambda d: (d[0], d[1]))[2]


def _in_speaker_clause(doc: Document, expr) -> bool:
    """«قالت لجان المقاومة، اليوم الخميس، إن …»: the day the speaker spoke."""
    says = [c for c in doc.within("attribution", max(0, expr.start - 60), expr.start) if c.payload == "say"]
    if not says:
        return False
    after = fold(doc.text[expr.end : expr.end + 25]).replace(",", " ").split()
    return bool(after) and after[0] in doc.cue_words("that_words")


def _claim_date(doc: Document, expr) -> bool:
    """"JNIM claimed the attack on Tuesday": the day of the claim, after the event it names;
    « Mardi, l'État islamique au Sahel a revendiqué l'attaque du village »: before it."""
    if _day_before_claim(doc, expr):
        return True
    cues = [c for c in doc.within("attribution", max(0, expr.start - 70), expr.start) if c.payload != "unconfirmed"]
    if not cues:
        return False
    gap = fold(doc.text[cues[-1].end : expr.start])
    words = gap.split()
    if len(words) > 8 or any(p in gap for p in ".,;"):
        return False
    if doc.language != "ar" and not words:
        return True  # "residents said on Friday", « a indiqué mardi »: the day they spoke
    # "claimed the ambush through its Amaq agency on Wednesday": no other event between claim and day
    if any(not doc.after_definite_article(t.start) for t in doc.within("triggers", cues[-1].end, expr.start)):
        return False
    # the cue names the event itself ("claimed the attack") or the event follows it ("claimed the attack")
    return len(cues[-1].text.split()) > 1 or (len(words) > 1 and words[0] in doc.cue_words("definite_articles"))


def _day_before_claim(doc: Document, expr) -> bool:
    """A day opening a sentence whose verb is a claim and whose event words are all definite."""
    if doc.language == "ar":
        return False
    claims = [c for c in doc.within("attribution", expr.end, expr.end + 90) if c.payload in ("claim", "deny", "admit")]
    if not claims:
        return False
    between = doc.text[expr.end : claims[0].start]
    if "." in between or doc.within("triggers", expr.end, claims[0].start):
        return False
    sentence = next((s for s in doc.sentences if s.start <= expr.start < s.end), None)
    if sentence is None:
        return False
    return all(doc.after_definite_article(t.start) for t in doc.within("triggers", claims[0].end, sentence.end)
               if t.is_main)


def _is_duration(doc: Document, expr) -> bool:
    words = fold(expr.text).split()
    return bool(words) and words[0] in doc.cue_words("since_words")


def _after_since(doc: Document, pos: int) -> bool:
    """«منذ 15 أبريل 2023»: the start of a period (background), not an event's day."""
    return any(w in doc.cue_words("since_words") for w in doc.words_before(pos, 2).split())


def _is_statement_date(doc: Document, pos: int) -> bool:
    nouns = doc.within("statement_nouns", max(0, pos - _STATEMENT_GAP), pos)
    if not nouns:
        return False
    gap = doc.text[nouns[-1].end : pos]
    return len(gap.split()) <= 4 and not any(t in gap for t in (".", "،", ","))
