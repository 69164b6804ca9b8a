"""The number vocabulary of one language, compiled once from ``marsad/data/numbers.yaml``.

Every form of the data file (number words, scales, vague quantities, qualifiers, dual nouns and the
words that veto a number: ordinals, percentages, clock times, labels) goes into one Aho–Corasick
:class:`~marsad.lexicon.automaton.Lexicon`, so an article is scanned once whatever the vocabulary
size. What a form *means* is kept beside it in :attr:`NumberVocabulary.forms`, keyed by the folded
form: a form can mean several things at once («آلاف» is a scale after «ثلاثة» and a vague quantity
on its own), so each form maps to a small dict of *kinds*.

Date words (month and weekday names, «عام») come from ``dates.yaml`` through
:mod:`marsad.dates.vocabulary`: a number next to them is a day or a year, not a quantity.

:func:`scan_words` is the one place where a lexicon match becomes an :class:`Atom`. The lexicon
accepts a pronoun suffix after any entry; a number is never suffixed, so a match is kept only when
the whole word (entry plus suffix) is itself a form of the vocabulary — «ثلاث»+«ه» is «ثلاثة»,
«ألف»+«ي» is «ألفي» (2000), but «ستها» is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from marsad.lexicon.automaton import Lexicon
from marsad.lexicon.datafile import read_yaml
from marsad.text.normalize import NormalizedText, fold, fold_char, is_arabic

DATA_FILE = "numbers.yaml"
LANGUAGES = ("ar", "en", "fr")


@dataclass(frozen=True)
class Atom:
    """One vocabulary word found in a normalised text (offsets into ``NormalizedText.text``).

    ``start`` is where the form itself starts (after any proclitic such as و or ب); ``kinds`` is
    what the form means, e.g. ``{"word": 1000, "scale": 1000}`` for «ألف».
    """

    start: int
    end: int
    form: str
    kinds: Mapping[str, Any]


@dataclass
class NumberVocabulary:
    """numbers.yaml for one language, ready to match."""

    language: str
    lexicon: Lexicon
    forms: dict[str, dict[str, Any]]
    order: str = "unit_ten"
    and_words: frozenset[str] = frozenset()
    space_adds: bool = False
    tens_taking_teens: frozenset[int] = frozenset()
    not_alone: frozenset[str] = frozenset()
    taa_marbuta_required: frozenset[str] = frozenset()
    postposed: frozenset[str] = frozenset()
    extra: dict[str, Any] = field(default_factory=dict)


def key_of(form: str) -> str:
    """The folded, space-collapsed form under which a word is stored and matched."""
    return " ".join(fold(form).split())


def original_span(nt: NormalizedText, start: int, end: int) -> tuple[int, int]:
    """Original (start, end) of normalised ``text[start:end]``, widened over the marks that folding
    dropped right after it, so that «قتيلاً» or «هـ» keep their tanween or tatweel."""
    o_start, o_end = nt.span(start, end)
    n = len(nt.original)
    while o_end < n and nt.original[o_end] != " " and fold_char(nt.original[o_end]) == "":
        o_end += 1
    return o_start, o_end


def scan_words(lexicon: Lexicon, forms: Mapping[str, Mapping[str, Any]], nt: NormalizedText) -> list[Atom]:
    """Vocabulary words of ``nt``, leftmost-longest, each with what it means.

    A match whose word carries a suffix is kept only if the whole word is itself a known form (see the
    module docstring); a match of an «ال» entry after «ل» («للآلاف») is looked up with its alef.
    """
    atoms: list[Atom] = []
    text = nt.text
    for m in lexicon.finditer(nt):
        surface = text[m.norm_start : m.norm_end]
        kinds = forms.get(surface)
        if kinds is None and m.key.startswith("ال") and surface == m.key[1:]:
            kinds = forms.get(m.key)
        if kinds is None:
            continue
        atoms.append(Atom(m.norm_start, m.norm_end, surface, kinds))
    return atoms


class _Builder:
    """Collects forms and their kinds, then compiles the lexicon."""

    def __init__(self) -> None:
        self.forms: dict[str, dict[str, Any]] = {}

    def add(self, form: str, kind: str, value: Any = True, *, article: bool = False) -> None:
        keys = [key_of(form)]
        if article and is_arabic(form) and not keys[0].startswith("ال"):
            keys.append("ال" + keys[0])
        for key in keys:
            if key:
                self.forms.setdefault(key, {})[kind] = value

    def add_all(self, forms: Iterable[str], kind: str, value: Any = True, *, article: bool = False) -> None:
        for form in forms:
            self.add(str(form), kind, value, article=article)

    def lexicon(self, name: str) -> Lexicon:
        lex = Lexicon(name)
        for key in self.forms:
            lex.add(key, key)
        lex.build()
        return lex


def dual_forms(noun: str, *, genitive: bool) -> list[str]:
    """The dual of an Arabic noun: «جندي» → «جنديان», «جنديين»; «غارة» → «غارتان», «غارتين»."""
    if noun.endswith("ة"):
        stem = noun[:-1] + "ت"
    elif noun.endswith("ى"):
        stem = noun[:-1] + "ي"
    else:
        stem = noun
    out = [stem + "ان"]
    if genitive:
        out.append(stem + "ين")
    return out


@cache
def number_vocabulary(language: str = "ar") -> NumberVocabulary:
    """The compiled vocabulary of ``language`` (built on first use, then cached)."""
    data = read_yaml(DATA_FILE)
    if language not in data:
        raise ValueError(f"no number vocabulary for language {language!r} (have: {', '.join(data)})")
    d = data[language]
    b = _Builder()
    no_article = {key_of(f) for f in d.get("no_article") or []}

    for value, forms in (d.get("words") or {}).items():
        for form in forms:
            b.add(str(form), "word", int(value), article=key_of(str(form)) not in no_article)
    for factor, forms in (d.get("scales") or {}).items():
        b.add_all(forms, "scale", int(factor))
    for value, forms in (d.get("vague") or {}).items():
        b.add_all(forms, "vague", int(value))
    for qualifier, where in (d.get("qualifiers") or {}).items():
        b.add_all(where.get("before") or [], "qual_before", qualifier)
        b.add_all(where.get("after") or [], "qual_after", qualifier)
    duals = d.get("dual_nouns") or {}
    for noun in duals.get("both_cases") or []:
        b.add_all(dual_forms(noun, genitive=True), "dual", 2, article=True)
    for noun in duals.get("nominative_only") or []:
        b.add_all(dual_forms(noun, genitive=False), "dual", 2, article=True)
    b.add_all(d.get("half") or [], "half")
    b.add_all(d.get("not_numbers") or [], "block", "not_number")
    for head in d.get("ordinal_heads") or []:
        for ten in ("عشر", "عشرة"):
            b.add(f"{head} {ten}", "block", "ordinal")
    b.add_all(d.get("percent") or [], "percent")
    b.add_all(d.get("time_before") or [], "time_before")
    b.add_all(d.get("time_after") or [], "time_after")
    b.add_all(d.get("labels") or [], "label")

    # Date words: a number beside them is a day or a year (see marsad.dates.vocabulary).
    from marsad.dates.vocabulary import date_vocabulary_data

    dd = date_vocabulary_data(language)
    for forms in (dd.get("months") or {}).values():
        b.add_all(forms, "date", "month")
    for forms in (dd.get("hijri_months") or {}).values():
        b.add_all(forms, "date", "month")
    for forms in (dd.get("weekdays") or {}).values():
        b.add_all(forms, "date", "weekday")
    b.add_all(dd.get("year_words") or [], "date", "year_word")
    b.add_all(dd.get("since") or [], "date", "year_word")

    comp = d.get("compound") or {}
    return NumberVocabulary(
        language=language,
        lexicon=b.lexicon(f"numbers-{language}"),
        forms=b.forms,
        order=comp.get("order", "unit_ten"),
        and_words=frozenset(key_of(w) for w in comp.get("and_words") or []),
        space_adds=bool(comp.get("space_adds", False)),
        tens_taking_teens=frozenset(int(t) for t in comp.get("tens_taking_teens") or []),
        not_alone=frozenset(key_of(w) for w in d.get("not_alone") or []),
        taa_marbuta_required=frozenset(key_of(w) for w in d.get("taa_marbuta_required") or []),
        postposed=frozenset(key_of(w) for w in d.get("postposed") or []),
    )
