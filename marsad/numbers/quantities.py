"""Find the quantities of a news text: «نحو 30», «ثلاثة آلاف», «عشرات», «جنديين», "at least 12".

A quantity is what a later stage counts with: killed, wounded, abducted, vehicles burnt. This module
only finds the figures and how sure the text is of them; what is counted (the noun after the figure)
is for the caller.

How it works, in four steps over the normalised text (:func:`marsad.text.normalize.normalize`):

1. **Atoms.** One lexicon pass finds every vocabulary word of ``numbers.yaml`` (number words, scales,
   vague words, qualifiers, dual nouns, and the words that veto a number) and one regex finds digit
   groups: ``12``, ``1,200`` / ``1.200`` (a separator followed by exactly three digits; «12. وفي» is a
   sentence end, not a decimal), ``1.5`` (a decimal, kept only before a scale: «1.5 مليون»).
2. **Numbers.** Adjacent atoms are combined the way the grammar of the language builds numbers. In
   Arabic a scale after a number multiplies it when nothing but a space is between («ثلاثة آلاف»,
   «3 آلاف», «ثلاث مئة»), and parts joined by «و» add up in the order the language allows: thousands,
   then hundreds, then a unit *before* a ten («ألف ومئتان وخمسة وعشرون» = 1225). Anything else ends the
   number, so «بين عشرة وعشرين» is two numbers, not thirty.
3. **Qualifiers.** A qualifier right before («نحو 30», «ما لا يقل عن 12») or right after («12 على
   الأقل») joins the quantity and makes it approximate. After the counted noun («12 شخصا على الأقل») the
   qualifier is recorded but the span stops at the number, so the caller still finds the noun after it.
4. **Vetoes.** A number is not a quantity when it is a clock time («الساعة 3»), a percentage («30 في
   المئة», «30%»), a label («اللواء 12», «القرار 2334»), an ordinal («الثالث عشر»), a day or year
   beside a month or weekday name («27 أكتوبر», «أكتوبر 2022», «الخميس 3»), a year after «عام/العام/
   سنة/منذ» or marked «م/هـ», or when it falls in a span the caller passes in ``exclude`` (typically
   the spans of :func:`marsad.dates.find_date_expressions`).

Vague quantities get the value ACLED codes (``numbers.yaml`` states each rule): «عشرات» → 10,
«مئات» → 100, «عدة» → 3 … with ``literal=None``. A dual noun is the number two: «جنديين» → 2, with
``noun_start`` pointing at the noun; so is a noun followed by «اثنين» («مدنيين اثنين»).

Offsets are always into the original text (diacritics and tatweel included).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from marsad.numbers.vocabulary import Atom, NumberVocabulary, number_vocabulary, original_span, scan_words
from marsad.text.normalize import NormalizedText, is_word_char, normalize

APPROXIMATE = frozenset({"about", "at_least", "more_than", "less_than", "vague"})


@dataclass(frozen=True)
class Quantity:
    """One figure of the text.

    ``value`` is the figure ACLED would code (the exact number, or the coded value of a vague one);
    ``literal`` the number as written, when there is one (``None`` for «عشرات»); ``qualifier`` one of
    "about" · "at_least" · "more_than" · "less_than" · "vague" · None. ``start``/``end``/``text`` cover
    the whole expression in the original text, qualifier included. ``noun_start`` is set when the
    counted noun is part of the expression (a dual: «جنديين», «مدنيين اثنين»).
    """

    value: int
    start: int
    end: int
    text: str
    literal: int | None
    qualifier: str | None
    approximate: bool
    noun_start: int | None = None


# A digit group: 1,200 / 1.200 (separator + exactly 3 digits, the same separator throughout), or plain
# digits, with an optional short decimal part. Not inside a Latin word, a time (10:30), a numeric date
# (3/11/2022) or a longer number.
_DIGITS = re.compile(
    r"(?<![0-9A-Za-z_])(?<![0-9][.,:/])"
    r"(?P<int>\d{1,3}(?:(?P<sep>[.,])\d{3})(?:(?P=sep)\d{3})*(?![0-9])|\d+)"
    r"(?:\.(?P<frac>\d{1,2})(?![0-9]))?"
    r"(?![0-9A-Za-z_]|[.,:/][0-9])"
)
_DIGIT_RUN = re.compile(r"\d+")
_PERCENT_SIGNS = ("%", "٪")
_ERA_AFTER = re.compile(r"\s?(?:ه|م)(?!\w)")
_MAX_GAP = 12
_NOUN_PROCLITICS = frozenset("وفبل")


@dataclass
class _Num:
    """An atom of the number grammar: a lexicon word or a digit group."""

    start: int
    end: int
    form: str
    kinds: dict[str, Any]
    digits: bool = False
    number: float | None = None
    ndigits: int = 0


# ------------------------------------------------------------------ public API


def find_quantities(
    nt: NormalizedText,
    language: str = "ar",
    exclude: Iterable[tuple[int, int]] | None = None,
) -> list[Quantity]:
    """All quantities of ``nt`` in text order.

    ``exclude``: original-text (start, end) spans in which no quantity is reported (pass the date
    expressions found by :mod:`marsad.dates`); numbers that are obviously dates, years, times,
    percentages, ordinals or labels are skipped in any case.
    """
    vocab = number_vocabulary(language)
    atoms = _atoms(nt, vocab)
    found = _combine(nt, atoms, vocab)
    spans = sorted(exclude or ())
    if spans:
        found = [q for q in found if not any(q.start < e and s < q.end for s, e in spans)]
    return found


def parse_number_words(words: str, language: str = "ar") -> int | None:
    """The number written in ``words``, or None: «مئة وخمسون» → 150, «ثلاثة آلاف» → 3000, "12" → 12.

    The whole string (proclitics aside) must be one number; vague words («عشرات») give None, since
    there is no number as written.
    """
    nt = normalize(words)
    vocab = number_vocabulary(language)
    atoms = _atoms(nt, vocab)
    found = _combine(nt, atoms, vocab, allow_not_alone=True)
    if len(found) != 1:
        return None
    q = found[0]
    rest = (words[: q.start] + words[q.end :]).strip()
    if rest and rest not in ("و", "ب", "ل", "ف"):
        return None
    return q.literal


# ------------------------------------------------------------------ step 1: atoms


def _atoms(nt: NormalizedText, vocab: NumberVocabulary) -> list[_Num]:
    out: list[_Num] = []
    for a in scan_words(vocab.lexicon, vocab.forms, nt):
        if not _taa_marbuta_ok(nt, a, vocab):
            continue
        out.append(_Num(a.start, a.end, a.form, dict(a.kinds)))
    skip_to = -1
    for run in _DIGIT_RUN.finditer(nt.text):
        if run.start() < skip_to:
            continue
        m = _DIGITS.match(nt.text, run.start())
        if m is None:
            skip_to = run.end()
            continue
        skip_to = m.end()
        raw = m.group("int")
        if len(raw) > 12:
            continue
        sep = m.group("sep")
        whole = int(raw.replace(sep, "")) if sep else int(raw)
        frac = m.group("frac")
        number = float(f"{whole}.{frac}") if frac else float(whole)
        kinds: dict[str, Any] = {"digits": True}
        if frac:
            kinds["decimal"] = True
        out.append(_Num(m.start(), m.end(), m.group(0), kinds, True, number, len(raw)))
    out.sort(key=lambda n: n.start)
    return out


def _taa_marbuta_ok(nt: NormalizedText, a: Atom, vocab: NumberVocabulary) -> bool:
    """«بعدة» (with several) is a quantity, «بعده» (after him) is not: same letters once folded."""
    if a.form not in vocab.taa_marbuta_required:
        return True
    return nt.original[nt.origin[a.end - 1]] == "ة"


# ------------------------------------------------------------------ step 2-4: combine


def _gap(text: str, a: _Num, b: _Num) -> str | None:
    """What stands between two atoms, stripped ('' for a space), or None if too much."""
    if b.start < a.end:
        return None
    g = text[a.end : b.start]
    if len(g) > _MAX_GAP or "\n" in g:
        return None
    return g.strip()


def _adjacent(text: str, a: _Num, b: _Num) -> bool:
    return _gap(text, a, b) == ""


def _level(v: int) -> str:
    if v < 10:
        return "unit"
    if v < 20:
        return "teen"
    if v < 100:
        return "ten"
    if v < 1000:
        return "hundred"
    return "thousand"


def _can_add(last_level: str, last_value: int, last_factor: int, v: int, vocab: NumberVocabulary) -> bool:
    """May ``v`` be added after a part of level ``last_level``? (compound-number grammar)"""
    if last_level == "thousand":
        return v < last_factor
    if last_level == "hundred":
        return v < 100
    if vocab.order == "unit_ten":
        return last_level == "unit" and _level(v) == "ten"
    if last_level == "ten":
        limit = 20 if last_value % 100 in vocab.tens_taking_teens else 10
        return v < limit
    return False


def _combine(
    nt: NormalizedText, atoms: Sequence[_Num], vocab: NumberVocabulary, allow_not_alone: bool = False
) -> list[Quantity]:
    text = nt.text
    out: list[Quantity] = []
    n = len(atoms)
    i = 0
    while i < n:
        a = atoms[i]
        qualifier: str | None = None
        j = i
        nxt = atoms[i + 1] if i + 1 < n else None
        if "qual_before" in a.kinds and nxt is not None and _starts_number(nxt) and _adjacent(text, a, nxt):
            qualifier = str(a.kinds["qual_before"])  # «نحو 30», «ما لا يقل عن 12»
            j = i + 1
        if not _starts_number(atoms[j]):
            i += 1
            continue
        parsed = _parse_number(nt, atoms, j, vocab)
        if parsed is None:
            i = j + 1
            continue
        value, literal, vague, k, noun_start = parsed  # atoms[j:k] form the number
        first, last = atoms[j], atoms[k - 1]
        veto = _veto(nt, atoms, j, k, value, vague, vocab)
        if not veto and not allow_not_alone and k == j + 1 and first.form in vocab.not_alone:
            veto = True
        if veto:
            i = k
            continue
        end = last.end
        if vague and qualifier is None:
            qualifier = "vague"
        # a qualifier after the number («12 على الأقل») or after its counted noun («12 شخصا على الأقل»)
        if k < n and "qual_after" in atoms[k].kinds:
            post = atoms[k]
            g = _gap(text, last, post)
            if g == "":
                qualifier = qualifier if qualifier not in (None, "vague") else str(post.kinds["qual_after"])
                end = post.end
                k += 1
            elif g is not None and _one_word(g) and qualifier in (None, "vague"):
                qualifier = str(post.kinds["qual_after"])
        start = atoms[i].start if j == i + 1 else first.start
        if noun_start is not None:
            start = min(start, noun_start)
        o_start, o_end = original_span(nt, start, end)
        out.append(
            Quantity(
                value=int(value),
                start=o_start,
                end=o_end,
                text=nt.original[o_start:o_end],
                literal=None if vague else int(literal) if literal is not None else None,
                qualifier=qualifier,
                approximate=qualifier in APPROXIMATE,
                noun_start=nt.span(noun_start, noun_start + 1)[0] if noun_start is not None else None,
            )
        )
        i = k
    return out


def _one_word(gap: str) -> bool:
    return bool(gap) and " " not in gap and all(is_word_char(c) for c in gap)


def _starts_number(a: _Num) -> bool:
    return any(k in a.kinds for k in ("digits", "word", "scale", "vague", "dual"))


def _parse_number(
    nt: NormalizedText, atoms: Sequence[_Num], j: int, vocab: NumberVocabulary
) -> tuple[float, float | None, bool, int, int | None] | None:
    """(value, literal, vague, end index, noun start) of the number starting at ``atoms[j]``."""
    text = nt.text
    n = len(atoms)
    a = atoms[j]

    if "dual" in a.kinds:
        k = j + 1
        if k < n and atoms[k].form in vocab.postposed and _adjacent(text, a, atoms[k]):
            k += 1  # «جنديين اثنين»
        return 2, 2, False, k, a.start

    if "vague" in a.kinds and "word" not in a.kinds:
        value = float(a.kinds["vague"])
        k = j + 1
        # «عشرات الآلاف», «مئات الآلاف»: a vague quantity of thousands
        if k < n and "scale" in atoms[k].kinds and _adjacent(text, a, atoms[k]):
            value *= float(atoms[k].kinds["scale"])
            k += 1
        return value, None, True, k, None

    if a.digits:
        current = a.number or 0.0
        last_level = "digits"
    elif "word" in a.kinds:
        current = float(a.kinds["word"])
        last_level = _level(int(current))
    elif "scale" in a.kinds:
        current = float(a.kinds["scale"])
        last_level = _level(int(current))
    else:
        return None
    total = 0.0
    last_value = int(current)
    last_factor = 10**12
    if last_level == "thousand":
        total, current, last_factor = current, 0.0, int(current)
    k = j + 1
    prev = a
    while k < n:
        b = atoms[k]
        g = _gap(text, prev, b)
        if g is None:
            break
        if "scale" in b.kinds and g in ("", "-") and 0 < current < float(b.kinds["scale"]):
            factor = int(b.kinds["scale"])
            if factor == 100:
                current *= 100
                last_level, last_value = "hundred", int(current)
            else:
                total += current * factor
                current = 0.0
                last_level, last_value, last_factor = "thousand", factor, factor
            prev = b
            k += 1
            continue
        if "half" in b.kinds and g in vocab.and_words and last_level == "thousand" and current == 0:
            total += last_factor / 2  # «مليون ونصف» = 1,500,000
            prev = b
            k += 1
            break
        if a.digits or "word" not in b.kinds:
            break
        joined = g in vocab.and_words or (g == "" and vocab.space_adds)
        v = int(b.kinds["word"])
        if not joined or not _can_add(last_level, last_value, last_factor, v, vocab):
            break
        if v >= 1000:
            total += v
            last_level, last_value, last_factor = "thousand", v, v
        else:
            current += v
            last_level, last_value = _level(v), v
        prev = b
        k += 1
    value = total + current
    if a.digits and "decimal" in a.kinds and k == j + 1:
        return None  # «1.5» alone is a measure, not a count
    noun_start = None
    if k == j + 1 and a.form in vocab.postposed:
        noun_start = _dual_noun_before(text, a.start)
    return value, value, False, k, noun_start


def _dual_noun_before(text: str, pos: int) -> int | None:
    """Start of the word before ``pos`` if it looks like a dual/plural noun («مدنيين اثنين»)."""
    i = pos
    while i > 0 and text[i - 1] == " ":
        i -= 1
    if i == pos or i == 0:
        return None
    end = i
    while i > 0 and is_word_char(text[i - 1]):
        i -= 1
    word = text[i:end]
    if len(word) < 4 or not word.endswith(("ين", "ان")) or not word.isalpha():
        return None
    if word[0] in _NOUN_PROCLITICS and len(word) >= 6:
        i += 1  # «ومدنيين اثنين»: the noun starts after the conjunction
    return i


def _veto(
    nt: NormalizedText,
    atoms: Sequence[_Num],
    j: int,
    k: int,
    value: float,
    vague: bool,
    vocab: NumberVocabulary,
) -> bool:
    """True when the number atoms[j:k] is a time, percentage, label, day or year — not a quantity."""
    text = nt.text
    first, last = atoms[j], atoms[k - 1]
    before = atoms[j - 1] if j > 0 and _adjacent(text, atoms[j - 1], first) else None
    after = atoms[k] if k < len(atoms) and _adjacent(text, last, atoms[k]) else None
    if vague:
        return False
    if after is not None and "percent" in after.kinds:
        return True
    tail = text[last.end : last.end + 2].lstrip()
    if tail.startswith(_PERCENT_SIGNS):
        return True
    if before is not None and ("time_before" in before.kinds or "label" in before.kinds):
        return True
    if after is not None and "time_after" in after.kinds and value <= 24:
        return True
    is_year = 1000 <= value <= 2200 and value == int(value)
    if first.digits and k == j + 1 and first.ndigits in (3, 4) and _ERA_AFTER.match(text, last.end):
        return True  # «2022م», «1444 هـ»
    if before is not None and before.kinds.get("date") in ("month", "weekday") and (value <= 31 or is_year):
        return True  # «أكتوبر 2022», «الخميس 3», "November 3"
    if before is not None and before.kinds.get("date") == "year_word" and 1900 <= value <= 2100:
        return True  # «العام 2011», «عام ألفين وعشرين», «منذ 2011»
    if first.digits and 1900 <= value <= 2100 and _month_shortly_before(text, atoms, j):
        return True  # "November 3, 2022", «3 نوفمبر، 2022»
    if first.digits and 1900 <= value <= 2100 and j > 0 and _is_year_before(text, atoms[j - 1], first):
        return True  # «بين عامي 2014 و2016», «2014-2016»
    if value <= 31 and after is not None and after.kinds.get("date") == "month":
        return True  # «27 أكتوبر»
    if value <= 31 and after is None and k < len(atoms):
        # «3 من نوفمبر»: «من» is not in the vocabulary, so look at the text itself
        nxt = atoms[k]
        g = _gap(text, last, nxt)
        if g in ("من", "of") and nxt.kinds.get("date") == "month":
            return True
    return False


def _month_shortly_before(text: str, atoms: Sequence[_Num], j: int) -> bool:
    """Is there a month name at most two atoms before atoms[j], with only spaces or commas between?"""
    cur = atoms[j]
    for p in range(j - 1, max(j - 3, -1), -1):
        if _gap(text, atoms[p], cur) not in ("", ","):
            return False
        if atoms[p].kinds.get("date") == "month":
            return True
        cur = atoms[p]
    return False


def _is_year_before(text: str, prev: _Num, cur: _Num) -> bool:
    """Is ``prev`` a year joined to ``cur`` by «و» or a dash (a range of years)?"""
    if not prev.digits or prev.number is None or not 1900 <= prev.number <= 2100:
        return False
    return _gap(text, prev, cur) in ("و", "-", "الى", "حتي", "to", "and", "et", "a")
