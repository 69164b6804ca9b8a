"""Find place names in a text: known names, and unknown names that a place cue announces.

The normalised text is scanned once per lexicon (:class:`~marsad.lexicon.automaton.Lexicon`,
Aho–Corasick, Arabic clitics included): place names and cue words, in Arabic and — when the text has
Latin letters — in Latin script. Then:

1. **Known names.** The place lexicons hold the names of countries, admin1s, ``places.csv`` and the
   GeoNames places of the theatre countries (:mod:`marsad.geocode.index` says which GeoNames names
   qualify). Each match looks back for its *cue chain*: «قرب بلدة أغزراغن» → ("near", "town"); a
   proclitic «ب» («بميناكا») counts as "in"; a name joined by «و» or a comma to a name that had a
   dual or plural cue («منطقتي أماكرا وأينيكر») shares its cues. In Latin script a cue word may
   also follow the name ("Harib district", "Marib city", "Mogadishu's outskirts": ``en_after`` /
   ``fr_after`` in ``place_cues.yaml``); its label closes the chain (("in", "region")). Then:

   * a *non-place phrase* («ولاية الساحل», «قوات سوريا الديمقراطية») is consumed and hides what it
     contains;
   * a *cue-required* name («الوسط», «البحيرة», «حجة») is kept only after a strong cue
     («منطقة الوسط»);
   * a *weak* name (a small GeoNames village with a short name) needs at least some cue («في»);
   * an Arabic name takes no pronoun suffix («ولاية» is not و + «لاي» + ه), and a Latin name must
     start with a capital letter.

2. **The article's country.** The ``country_hint``, else the theatre country most names of the
   paragraph point to without ambiguity (else of the whole article): a round-up of several wars is
   read paragraph by paragraph. It ranks candidates (+1) and narrows the spelling-blind look-ups
   below. A GeoNames-only name after a strong cue whose places all lie in countries the article
   names nowhere else, none a city of 500,000 («قرية سيغي» in a Mali report, where GeoNames knows
   «سيغي» only as an Egyptian town), is read as an unknown village of the article's country
   instead; the foreign places stay as later candidates.

3. **Unknown names.** After a strong cue («بلدة», «قرية», «منطقة», «ولاية», «قرب», «جبل»…) the next
   word is a place even when the gazetteer lacks it, unless it is a stoplist word («منطقة نفوذ»),
   carries a proclitic and the article («للجيش»), is an article-prefixed noun after a cue that is
   neither a town nor a feature cue («قرب المدينة»), a nisba adjective («منطقة عسكرية») or another
   cue. A name-prefix word («أم», «أبو», «ود», «تين»…) takes the next word along («ود راوة»), and so
   does any name followed by a second plain word that is no stoplist word, cue, article-prefixed
   word or known name («كاني بونزون»). After a feature cue the cue word is part of the name
   («جبل البشري»). After a dual or plural cue («منطقتي X وY», «قرى X، Y وZ») every coordinated name
   is a place. In Latin script, one to three capitalised words right before a strong lower-case
   cue that follows names ("the Cal Miskaad mountains", "in Gnagna province") are an unknown name
   too, unless a word is a stoplist word, a country name or adjective, an acronym or a possessive,
   a single word opens the sentence, or "of"/"de" follows the cue ("the village of X").
   An unknown name gets a romanisation (:func:`marsad.geocode.romanize.romanize`) and is looked up
   with the spelling-blind key in the article's country: if a place is close enough (similarity ≥
   0.8) the mention takes that place's kind and ``fuzzy`` is set. Otherwise it stays "unknown", and
   its first candidate is the village itself under its romanised name, at the capital of the admin1
   its context points to (the nearest known place of the same paragraph, else the article's most
   frequent admin1) with geo_precision 3; weaker look-alikes follow.

Candidates are ranked by :meth:`~marsad.geocode.gazetteer.Gazetteer.rank`: exactness (a Latin name
that is a place's primary or curated name before a GeoNames alternate), the article's country (+1),
what the cue prefers (an admin1 after «ولاية», a town after «بلدة»), kind, population.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from marsad.geocode import keys as K
from marsad.geocode.entries import PlaceMention
from marsad.geocode.index import CUE_REQUIRED, CURATED, NEEDS_CUE, NON_PLACE, WEAK, ar_core, lexicon_form
from marsad.geocode.romanize import romanize
from marsad.lexicon.automaton import Match
from marsad.models import Place
from marsad.text.normalize import NormalizedText, is_word_char

if TYPE_CHECKING:
    from marsad.geocode.gazetteer import Gazetteer
    from marsad.geocode.index import GazetteerIndex

DIRECTIONS = frozenset(
    ["north", "south", "east", "west", "north-east", "north-west", "south-east", "south-west", "centre"]
)
CUE_PREFERS = {"region": "admin1", "town": "place", "base": "place", "feature": "feature"}
# Cues after which an article-prefixed word may be a name («بلدة المسلمية», «جبل البشري»).
ARTICLE_OK = frozenset(["town", "base", "feature"])
# Words that begin a compound place name and take the next word along.
NAME_PREFIXES = frozenset(
    lexicon_form(w)
    for w in ["أم", "أبو", "ابو", "بئر", "بير", "عين", "تل", "بني", "دار", "جبل", "وادي", "رأس", "راس",
              "كفر", "دير", "خان", "سيدي", "حاسي", "تين", "إن", "ان", "ذي", "قصر", "سوق", "مرسى", "برج",
              "أولاد", "بيت", "عيل", "بور", "ود", "ولد", "حي", "كوم", "جبال"]
)
# A proclitic glued to the article: such a word is a common noun, never a name («للجيش», «بالمنطقة»).
ARTICLE_CLITICS = ("لل", "بال", "وال", "فال", "كال", "ولل", "وبال", "فبال")
ARABIC_PROCLITICS = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك")
LATIN_SKIP = ("l'", "la ", "le ", "les ", "the ", "d'")
_LATIN_LETTER = re.compile(r"[a-z]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
FOREIGN_CITY_POP = 500_000
MAX_CANDIDATES = 5
FUZZY_KIND_SIMILARITY = 0.8
FUZZY_KEEP_SIMILARITY = 0.7
ARABIC_CONJ = ("و", "ف")
IN_PROCLITICS = ("ب", "وب", "فب")


@dataclass
class _Cue:
    start: int  # normalised word start (proclitics included)
    key_start: int  # normalised start of the cue word itself
    end: int
    label: str
    strong: bool
    coord: bool
    latin: bool = False


@dataclass
class _Found:
    """A known name accepted in pass 1, before ranking."""

    m: Match
    ids: tuple[int, ...]
    flags: int
    labels: tuple[str, ...]
    strong: bool


@dataclass
class _Unknown:
    """A name after a cue that no lexicon entry matched (normalised offsets)."""

    start: int
    end: int
    labels: tuple[str, ...]
    extra: tuple[int, ...] = ()  # exact candidates from abroad, kept after the fallback


def _is_arabic_word(tok: str) -> bool:
    return bool(tok) and all("\u0621" <= ch <= "\u064a" for ch in tok)


def _word_start(text: str, i: int) -> int:
    while i > 0 and is_word_char(text[i - 1]):
        i -= 1
    return i


def _skip_back(text: str, i: int) -> int:
    """Position before ``i`` with spaces (and, in Latin text, a French/English article) skipped."""
    while i > 0 and text[i - 1] in " \t\n\"'(":
        if text[i - 1] == "'" and i > 1 and text[i - 2] in "ld":  # l' / d' belong to the word
            break
        i -= 1
    if i == 0 or not ("a" <= text[i - 1] <= "z"):
        return i
    for art in LATIN_SKIP:
        art = art.rstrip(" ")  # the spaces after it are skipped already
        if text[max(0, i - len(art)):i] == art and (i - len(art) == 0 or not is_word_char(text[i - len(art) - 1])):
            i -= len(art)
            while i > 0 and text[i - 1] in " \t\n":
                i -= 1
            break
    return i


def _skip_fwd(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\"'(":
        i += 1
    return i


def _token_at(text: str, i: int) -> tuple[int, int, str]:
    j = i
    while j < len(text) and is_word_char(text[j]):
        j += 1
    return i, j, text[i:j]


def find_places(gz: Gazetteer, nt: NormalizedText, country_hint: str | None = None) -> list[PlaceMention]:
    """Place mentions in ``nt`` (see the module docstring), in text order."""
    ix = gz.ix
    text = nt.text
    iso_hint = gz.iso2(country_hint) if country_hint else None
    has_latin = _LATIN_LETTER.search(text) is not None

    # ---- cue words
    cue_at_end: dict[int, _Cue] = {}
    cues: list[_Cue] = []
    for lex in (ix.cue_ar, ix.cue_lat) if has_latin else (ix.cue_ar,):
        for m in lex.finditer(nt):
            label, strong, coord = m.payload
            c = _Cue(_word_start(text, m.norm_start), m.norm_start, m.norm_end, label, strong, coord,
                     lex is ix.cue_lat)
            cues.append(c)
            cue_at_end[c.end] = c
    cue_starts = {c.start for c in cues}
    # cue words that follow the name ("Harib district", "the Cal Miskaad mountains"): Latin only
    post_cues: list[_Cue] = []
    if has_latin:
        for m in ix.cue_post.finditer(nt):
            label, strong = m.payload
            post_cues.append(_Cue(m.norm_start, m.norm_start, m.norm_end, label, strong, False, True))
    post_at = {c.start: c for c in post_cues}

    def post_cue(name_end: int) -> _Cue | None:
        """The cue word right after a Latin name, a possessive "'s" allowed between ("Mogadishu's outskirts")."""
        p = name_end + 2 if text.startswith("'s", name_end) else name_end
        return post_at.get(p + 1) if text[p:p + 1] == " " else None

    # ---- place-name matches
    matches = [m for lex in ((ix.lex_ar, ix.lex_lat) if has_latin else (ix.lex_ar,)) for m in lex.finditer(nt)]
    matches.sort(key=lambda m: m.norm_start)
    masked: set[int] = set()  # positions inside non-place phrases
    for m in matches:
        if m.payload[1] & NON_PLACE:
            masked.update(range(_word_start(text, m.norm_start), m.norm_end))

    def cue_chain(word_start: int) -> list[_Cue]:
        chain: list[_Cue] = []
        p = word_start
        while len(chain) < 3:
            c = cue_at_end.get(_skip_back(text, p))
            if c is None or c.start in masked:
                break
            chain.append(c)
            p = c.start
        chain.reverse()
        return chain

    # ---- pass 1: known names that pass their rules
    found: list[_Found] = []
    last_coord: tuple[int, tuple[str, ...], bool] | None = None  # (end, cue labels, strong)
    for m in matches:
        ids, flags = m.payload
        if flags & NON_PLACE:
            continue
        ws = _word_start(text, m.norm_start)
        if ws in masked:
            continue
        latin = not any("\u0600" <= ch <= "\u06ff" for ch in m.key)
        if latin and not nt.original[m.start:m.start + 1].isupper():
            continue
        if not latin and _has_suffix(text, m):
            continue  # «ولاية» is not و + «لاي» + ه, nor «بلدة» «بلد» + ه: names take no suffix
        word, bare = text[ws:m.norm_end], text[m.norm_start:m.norm_end]
        if word in ix.cue_forms or word in ix.stop or bare in ix.cue_forms:
            continue  # «بمدينة» is a cue, not Medina
        prefix = text[ws:m.norm_start]
        if "س" in prefix:
            continue  # the future prefix belongs to verbs: «وساروا» is not و + س + «اروا»
        chain = cue_chain(ws)
        labels = [c.label for c in chain]
        strong = any(c.strong for c in chain)
        coord = any(c.coord for c in chain)
        if not chain and last_coord is not None and _continues(text, last_coord[0], ws, prefix):
            labels, strong, coord = list(last_coord[1]), last_coord[2], True
        if prefix in IN_PROCLITICS:
            labels.append("in")
        if latin and (after := post_cue(m.norm_end)) is not None:
            labels.append(after.label)  # "in Harib district" → ("in", "region")
            strong = strong or after.strong
        if flags & CUE_REQUIRED and not strong:
            continue
        if flags & (WEAK | NEEDS_CUE) and not labels:
            continue
        found.append(_Found(m, ids, flags, tuple(labels), strong))
        last_coord = (m.norm_end, tuple(labels), strong) if coord else None

    # ---- the article's country, paragraph by paragraph
    para_breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]

    def paragraph(norm_pos: int) -> int:
        return bisect_right(para_breaks, norm_pos)

    voters = [f for f in found if not f.flags & CUE_REQUIRED]
    article_ctx = _context_country(ix, voters)
    by_para: dict[int, list[_Found]] = {}
    for f in voters:
        by_para.setdefault(paragraph(f.m.norm_start), []).append(f)
    para_ctx = {p: _context_country(ix, fs) for p, fs in by_para.items()} if len(by_para) > 1 else {}

    def ctx_at(norm_pos: int) -> str | None:
        return iso_hint or para_ctx.get(paragraph(norm_pos)) or article_ctx

    # a generic cue-required name («حي الوادي») counts only in the article's country
    found = [f for f in found if not (f.flags & CUE_REQUIRED and ctx_at(f.m.norm_start)
                                      and all(ix.places.iso2[i] != ctx_at(f.m.norm_start) for i in f.ids))]
    named_countries = Counter(ix.places.iso2[i] for f in found for i in set(f.ids))

    # positions taken by accepted names (and hidden phrases): no unknown name starts there
    covered: set[int] = set(masked)
    match_word_starts: set[int] = set()
    for f in found:
        ws = _word_start(text, f.m.norm_start)
        covered.update(range(ws, f.m.norm_end))
        match_word_starts.add(ws)

    # ---- pass 2: ranked known names; unknown names after strong cues
    unknown: list[_Unknown] = []
    mentions: list[PlaceMention] = []
    for f in found:
        ctx = ctx_at(f.m.norm_start)
        if ctx and f.strong and not f.flags & CURATED and _foreign_only(ix, f, ctx, named_countries):
            unknown.append(_Unknown(f.m.norm_start, f.m.norm_end, f.labels, f.ids))
            continue
        ranked = gz.rank(_exactness(gz, f), ctx, None, _prefer(f.labels))
        cands = tuple(ix.to_place(pid) for _, pid, _, _ in ranked[:MAX_CANDIDATES])
        mentions.append(PlaceMention(f.m.start, f.m.end, f.m.text, _main_cue(f.labels), cands,
                                     _mention_kind(cands[0]), None, f.labels, False))

    reader = _NameReader(ix, text, match_word_starts)
    for c in cues:
        if not c.strong or c.label in DIRECTIONS or c.start in covered:
            continue
        labels = tuple(x.label for x in cue_chain(c.start)) + (c.label,)
        if c.latin:
            span = _latin_name_after(nt, c.end, ix.stop)
            # "outside the Kano State Government House": a known name opening the words is the place
            if span is not None and not any(m.norm_start == span[0] for m in matches):
                unknown.append(_Unknown(span[0], span[1], labels))
            continue
        pos = _skip_fwd(text, c.end)
        if pos >= len(text) or pos in match_word_starts or pos in cue_starts:
            continue
        span = reader.name_at(pos, c.label)
        if span is None:
            continue
        start = c.key_start if c.label == "feature" else span[0]
        unknown.append(_Unknown(start, span[1], labels))
        if c.coord:  # a coordinated list: «منطقتي X وY», «قرى X، Y وZ»
            end = span[1]
            while (nxt := reader.next_conjunct(end, c.label)) is not None:
                unknown.append(_Unknown(nxt[0], nxt[1], labels))
                end = nxt[1]

    for c in post_cues:  # "the Cal Miskaad mountains", "in Gnagna province"
        if not c.strong or c.start in covered or not _lowercase_at(nt, c.start) or _pre_form_after(text, c.end):
            continue
        span = _latin_name_before(nt, c.start, ix, covered)
        if span is None or any(m.norm_start == span[0] and m.norm_end == span[1] for m in matches):
            continue
        unknown.append(_Unknown(span[0], span[1], tuple(x.label for x in cue_chain(span[0])) + (c.label,)))

    # an unknown multi-word name hides the known names inside it ("Kwanar Dutse" is not Dutse)
    spans = [nt.span(u.start, u.end) for u in unknown]
    mentions = [m for m in mentions if not any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end)
                                               for a, b in spans)]
    for u, (o_start, o_end) in zip(unknown, spans, strict=True):
        mentions.append(_unknown_mention(gz, o_start, o_end, nt.original[o_start:o_end], u, ctx_at(u.start)))
    mentions.sort(key=lambda x: x.start)
    return _add_fallbacks(gz, nt, mentions, iso_hint or article_ctx)


def _exactness(gz: Gazetteer, f: _Found) -> dict[int, float]:
    """Match quality of a known name's places, as :meth:`Gazetteer.lookup` scores it: a name from
    Marsad's data files ranks before GeoNames' names, a primary Latin name before an alternate —
    "Khoms" is Al Khums (Libya) before Homs, whose GeoNames alternates include it."""
    exact = gz._exact(f.m.text)
    default = 1.0 if any("\u0600" <= ch <= "\u06ff" for ch in f.m.key) else 0.95
    return {pid: exact.get(pid, default) for pid in f.ids}


def _continues(text: str, prev_end: int, ws: int, prefix: str) -> bool:
    """Whether a name at ``ws`` continues the coordinated list ending at ``prev_end`` («X وY»)."""
    gap = text[prev_end:ws].strip()
    if prefix in ARABIC_CONJ and gap == "":
        return True
    return not prefix and gap in (",", "،", "و", "and", "et", ", and", ", et")


def _foreign_only(ix: GazetteerIndex, f: _Found, ctx: str, named: Counter[str]) -> bool:
    """A GeoNames name whose places all lie in countries the article names nowhere else, none of
    them a large city: after a strong cue, more likely an unknown village of the article's country
    («قرية سيغي» in Mali, not Sohag in Egypt)."""
    t = ix.places
    if any(t.iso2[i] == ctx for i in f.ids):
        return False
    if any(named[t.iso2[i]] > 1 for i in f.ids):
        return False
    return max(t.population[i] for i in f.ids) < FOREIGN_CITY_POP


def _context_country(ix: GazetteerIndex, found: list[_Found]) -> str | None:
    """The theatre country the names point to most: a name counts 1 (an admin1 2), shared among the
    countries it may be in («طرابلس»: Libya ½, Lebanon ½ but Lebanon is no theatre); None on a tie."""
    votes: dict[str, float] = {}
    for f in found:
        countries = {ix.places.iso2[i] for i in f.ids}
        weight = (2.0 if any(ix.places.kind[i] == "admin1" for i in f.ids) else 1.0) / len(countries)
        for iso in countries & ix.theatre:
            votes[iso] = votes.get(iso, 0.0) + weight
    if not votes:
        return None
    ranked = sorted(votes.values(), reverse=True)
    if len(ranked) > 1 and ranked[0] == ranked[1]:
        return None  # a tie («سنجار»: Iraq or Syria) says nothing about the article's country
    return max(votes, key=votes.__getitem__)


class _NameReader:
    """Reads an unknown Arabic name at a position of the normalised text (see the module docstring)."""

    def __init__(self, ix: GazetteerIndex, text: str, match_word_starts: set[int]):
        self.ix = ix
        self.text = text
        self.match_word_starts = match_word_starts

    def _blocked(self, tok: str) -> bool:
        """A stoplist word or a cue, with or without a proclitic («بإقليم», «وقتل»)."""
        ix = self.ix
        forms = [tok] + [tok[len(p):] for p in ARABIC_PROCLITICS if tok.startswith(p) and len(tok) > len(p) + 1]
        return any(f in ix.stop or ar_core(f) in ix.stop or f in ix.cue_forms for f in forms)

    def valid(self, tok: str, label: str) -> bool:
        if len(tok) < 3 or not _is_arabic_word(tok) or tok.startswith(ARTICLE_CLITICS):
            return False
        if self._blocked(tok):
            return False
        if tok.startswith("ال") and (label not in ARTICLE_OK or tok.startswith(("المت", "المست"))
                                     or tok.endswith(("ين", "ون", "ات"))):
            return False  # «قرب المدينة»; participles «المتوقفة»; plurals «مخيم النازحين»
        # nisba adjectives and plurals: «عسكرية», «الحدودية», «المدنيين»
        return not (len(tok) >= 5 and tok.endswith(("يه", "يين", "يون")) and not
                    (tok.startswith("ال") and label in ARTICLE_OK and tok.endswith("يه")))

    def _second(self, end: int) -> tuple[int, int] | None:
        """A plain second word right after ``end`` that may continue a name («كاني بونزون»)."""
        text = self.text
        if end >= len(text) or text[end] != " ":
            return None
        s, e, tok = _token_at(text, end + 1)
        if (len(tok) < 3 or not _is_arabic_word(tok) or s in self.match_word_starts
                or tok.startswith(("ال", "و")) or tok.startswith(ARTICLE_CLITICS) or self._blocked(tok)):
            return None
        if len(tok) >= 5 and tok.endswith(("يه", "يين", "يون")):
            return None
        return s, e

    def name_at(self, pos: int, label: str) -> tuple[int, int] | None:
        """The span of the name starting at ``pos``, or None when the word there is no name."""
        s, e, tok = _token_at(self.text, pos)
        if tok in NAME_PREFIXES:
            s2, e2, tok2 = _token_at(self.text, _skip_fwd(self.text, e))
            if _is_arabic_word(tok2) and len(tok2) >= 2 and not self._blocked(tok2):
                return s, e2
            return None
        if not self.valid(tok, label):
            return None
        second = self._second(e)
        return (s, second[1]) if second else (s, e)

    def next_conjunct(self, end: int, label: str) -> tuple[int, int] | None:
        """The next name of a coordinated list after ``end`` («X وY», «X، Y»), if unknown."""
        text = self.text
        p = _skip_fwd(text, end)
        if p < len(text) and text[p] in ",،":
            p = _skip_fwd(text, p + 1)
        if p >= len(text) or p in self.match_word_starts:
            return None
        s, e, tok = _token_at(text, p)
        if tok.startswith(ARABIC_CONJ) and self.valid(tok[1:], label):
            return s + 1, e
        if self.valid(tok, label) and not self._blocked(tok):
            return s, e
        return None


def _latin_name_after(nt: NormalizedText, i: int, stop: frozenset[str]) -> tuple[int, int] | None:
    """The run of capitalised words after a Latin cue ("village of Kwanar Dutse" → Kwanar Dutse)."""
    text = nt.text
    i = _skip_fwd(text, i)
    for art in LATIN_SKIP:
        if text.startswith(art, i):
            i = _skip_fwd(text, i + len(art))
            break
    start, end, words = i, i, 0
    while i < len(text) and words < 4:
        j = i
        while j < len(text) and (is_word_char(text[j]) or text[j] == "'"):
            j += 1
        if j == i or not nt.original[nt.span(i, i + 1)[0]].isupper():
            break
        word = text[i:j]
        if words == 0 and word in stop:
            return None
        if word.endswith("'s"):  # "near Mogadishu's airport": the possessive is no part of the name
            end, words = j - 2, words + 1
            break
        end, words = j, words + 1
        if j < len(text) - 1 and text[j] in " -" and is_word_char(text[j + 1]):
            i = j + 1
        else:
            break
    return (start, end) if words else None


_SENTENCE_END = ".!?:;\n\"“«(–—-"
_POST_NAME_WORDS = 3
_NAME_PARTICLES = frozenset(["al", "el", "ad", "ar", "as", "ash", "at", "az", "ed", "en", "es", "ul"])


def _lowercase_at(nt: NormalizedText, i: int) -> bool:
    """Whether the original letter at normalised offset ``i`` is lower-case: a capitalised cue word
    after a name is part of a proper name ("Islamic State", "Federal Member State")."""
    return nt.original[nt.span(i, i + 1)[0]].islower()


def _pre_form_after(text: str, i: int) -> bool:
    """ "village of", « village de »: the cue word stands before a name, not after one."""
    return text.startswith((" of ", " de ", " d'", " du ", " des "), i)


def _latin_name_before(nt: NormalizedText, i: int, ix: GazetteerIndex, covered: set[int]) -> tuple[int, int] | None:
    """The unknown name of one to three capitalised words right before a cue word that follows names
    ("the Cal Miskaad mountains" → Cal Miskaad), or None (see ``place_cues.yaml``)."""
    text = nt.text
    end = i - 1
    if end <= 0 or text[end] != " ":
        return None
    start, words, pos = end, 0, end
    while words < _POST_NAME_WORDS:
        j = pos
        while j > 0 and (is_word_char(text[j - 1]) or text[j - 1] in "-'"):
            j -= 1
        word = text[j:pos]
        if not word or not is_word_char(word[0]) or word.endswith("'s") or any(k in covered for k in (j, pos - 1)):
            break
        o_start, o_end = nt.span(j, pos)
        original = nt.original[o_start:o_end]
        parts = [x for x in original.split("-") if x]
        if not parts or not parts[0][0].isupper() or not all(x[0].isupper() or x.lower() in _NAME_PARTICLES
                                                              for x in parts):
            break  # "Houthi-controlled district"
        if len(original) > 1 and original.isupper():  # an acronym: "JNIM camp", "IDP camp"
            break
        plain = K.latin_plain(word)
        if word in ix.stop or plain in ix.stop or plain in ix.country_keys or lexicon_form(word) in ix.cue_forms:
            break
        start, words = j, words + 1
        if j > 1 and text[j - 1] == " " and is_word_char(text[j - 2]):
            pos = j - 1
        else:
            break
    if not words:
        return None
    before = text[:start].rstrip(" \t")
    if words == 1 and (not before or before[-1] in _SENTENCE_END):
        return None  # "Local district officials said": capitalised because it opens the sentence
    return start, end


def _has_suffix(text: str, m: Match) -> bool:
    """True when the Lexicon accepted the match with a pronoun suffix after the name."""
    length = len(m.key)
    if m.key.startswith("ال") and text[m.norm_start:m.norm_start + 2] != "ال":
        length -= 1  # «للفاشر»: the alef of the article is not written after «ل»
    return m.norm_end > m.norm_start + length


def _main_cue(labels: list[str] | tuple[str, ...]) -> str | None:
    """The cue a mention reports: the outermost one that says more than "in" («في منطقة X» → region)."""
    for label in labels:
        if label != "in":
            return label
    return labels[0] if labels else None


def _prefer(labels: list[str] | tuple[str, ...]) -> str | None:
    for label in reversed(labels):
        if label in CUE_PREFERS:
            return CUE_PREFERS[label]
    return None


def _mention_kind(p: Place) -> str:
    return p.kind if p.kind in ("admin1", "country") else "place"


def _unknown_mention(gz: Gazetteer, start: int, end: int, original: str, u: _Unknown,
                     ctx: str | None) -> PlaceMention:
    """A name after a cue that no lexicon entry matched: romanise it and try the fuzzy key."""
    prefer = _prefer(u.labels)
    cue = _main_cue(u.labels)
    if ctx:
        scored = gz._scored(original, ctx, None, prefer, True)
    else:  # no country to look in: look-alikes of the theatres are only listed, never taken
        scored = tuple(s for s in gz._scored(original, None, None, prefer, True)
                       if gz.ix.places.iso2[s[1]] in gz.ix.theatre and s[3] >= 0.9)
    close = [s for s in scored if s[3] >= FUZZY_KIND_SIMILARITY] if ctx else []
    if close:
        cands = tuple(gz.ix.to_place(pid) for _, pid, _, _ in close[:MAX_CANDIDATES])
        return PlaceMention(start, end, original, cue, cands, _mention_kind(cands[0]), romanize(original),
                            u.labels, True)
    keep = [gz.ix.to_place(pid) for _, pid, _, sim in scored[:3] if sim >= FUZZY_KEEP_SIMILARITY]
    keep += [gz.ix.to_place(pid) for pid in u.extra[:MAX_CANDIDATES]]
    return PlaceMention(start, end, original, cue, tuple(keep), "unknown", romanize(original), u.labels,
                        bool(keep) and not u.extra)


def _add_fallbacks(gz: Gazetteer, nt: NormalizedText, mentions: list[PlaceMention],
                   ctx: str | None) -> list[PlaceMention]:
    """Put each unknown name, under its romanised name, at the capital of the admin1 its context
    points to (geo_precision 3), as its first candidate: exactly what a ``places.csv`` row without
    coordinates gives a known village. Weaker look-alikes follow it."""
    if not any(m.kind == "unknown" for m in mentions):
        return mentions
    known = [m for m in mentions if m.kind in ("place", "admin1") and m.best and m.best.admin1]
    if not known:
        return mentions
    in_ctx = [m for m in known if ctx is None or (m.best and m.best.iso2 == ctx)] or known
    counts = Counter((m.best.iso2, m.best.admin1) for m in in_ctx if m.best)
    article_admin1 = counts.most_common(1)[0][0]
    para_breaks = [i for i in range(len(nt.original)) if nt.original.startswith("\n\n", i)]

    def paragraph(i: int) -> int:
        return sum(1 for b in para_breaks if b < i)

    out = []
    for m in mentions:
        if m.kind != "unknown":
            out.append(m)
            continue
        same = [k for k in known if paragraph(k.start) == paragraph(m.start)]
        if same:
            near = min(same, key=lambda k: abs(k.start - m.start))
            target = (near.best.iso2, near.best.admin1) if near.best else article_admin1
        else:
            target = article_admin1
        try:
            region = gz.admin1_place(target[0] or "", target[1] or "")
        except KeyError:
            out.append(m)
            continue
        fallback = replace(region, name=m.romanized or m.text, kind="place",
                           source=f"romanised from «{m.text}»; coordinates of the admin1 capital "
                                  f"({region.source})")
        out.append(replace(m, candidates=(fallback, *m.candidates)))
    return out
